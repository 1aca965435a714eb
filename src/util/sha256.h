/*
 * util/sha256.h — SHA-256 (FIPS 180-4) of a byte buffer, as lowercase hex.
 * Responsible for the content hash that identifies an input file (sources.
 * sha256 in the store). Not responsible for reading files (io.h) nor for any
 * security use beyond "are these the same bytes".
 */
#ifndef GIJI_UTIL_SHA256_H
#define GIJI_UTIL_SHA256_H

#include <stddef.h>

/* Hash data[0..len) and write 64 lowercase hex digits plus a NUL to out.
 * Cannot fail; allocates nothing. data may be NULL when len is 0. */
void giji_sha256_hex(const void *data, size_t len, char out[65]);

/* The same with the portable code alone (accel 0) or, when the processor
 * has them, the SHA extensions (accel 1: what giji_sha256_hex does); the
 * digests are the same. For the tests and benchmarks. */
void giji_sha256_hex_with(const void *data, size_t len, char out[65], int accel);
/* 1 when giji_sha256_hex uses the processor's SHA extensions. */
int giji_sha256_accelerated(void);

#endif
