/*
 * export/numfmt.h — how every writer of export/ prints a real number: the
 * shortest of %.15g, %.16g and %.17g that reads back as the same double
 * (so 0.1 is "0.1", not "0.10000000000000001", and nothing is lost), with
 * -0 written as "0". Deterministic for a given double.
 */
#ifndef GIJI_EXPORT_NUMFMT_H
#define GIJI_EXPORT_NUMFMT_H

/* Write v into buf (at least 32 bytes). Returns 1, or 0 for NaN and
 * infinities (buf then holds "null"): each format decides what to write. */
int giji_fmt_double(char buf[32], double v);

#endif
