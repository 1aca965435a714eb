/*
 * util/io.h — reading whole input files, with errors that name the file.
 */
#ifndef GIJI_UTIL_IO_H
#define GIJI_UTIL_IO_H

#include <stddef.h>

/* Largest input file giji reads (bytes). Minutes are kilobytes; this bound
 * turns a mistaken argument (a disk image, a log) into a clear error. */
#define GIJI_MAX_INPUT_BYTES ((size_t)256 << 20)

/* Read the whole file at `path` into a malloc'd buffer (NUL-terminated, the
 * NUL not counted in *len). Caller frees *data. */
int giji_file_read(const char *path, unsigned char **data, size_t *len);

#endif
