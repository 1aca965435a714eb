/*
 * util/error.h — private side of the error convention: set the last error.
 * Usage: `return giji_error_set(GIJI_EPARSE, "%s:%u: ...", file, line);`
 */
#ifndef GIJI_UTIL_ERROR_H
#define GIJI_UTIL_ERROR_H

#include "giji/error.h"

#if defined(__GNUC__)
#define GIJI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define GIJI_PRINTF(a, b)
#endif

/* Record a message for this thread and return `code`, so callers can
 * `return giji_error_set(...)`. */
int giji_error_set(int code, const char *fmt, ...) GIJI_PRINTF(2, 3);

/* Put context ("file.txt: ") in front of the current message; returns the
 * current code. */
int giji_error_prefix(const char *fmt, ...) GIJI_PRINTF(1, 2);

/* Out of memory: the one message nobody should have to format. */
#define GIJI_NOMEM() giji_error_set(GIJI_ENOMEM, "out of memory")

#endif
