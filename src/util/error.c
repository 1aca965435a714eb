/*
 * util/error.c — the thread-local last-error slot behind giji/error.h.
 * Responsible for formatting and keeping one message per thread; not for
 * deciding what is an error (callers do) nor for printing (the CLI does).
 */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local char last_message[1024];
static _Thread_local int last_code;

int giji_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last_code = code;
    return code;
}

int giji_error_prefix(const char *fmt, ...)
{
    char both[sizeof last_message * 2];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(both, sizeof last_message, fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : (size_t)n >= sizeof last_message ? sizeof last_message - 1 : (size_t)n;
    memcpy(both + used, last_message, sizeof last_message);
    memcpy(last_message, both, sizeof last_message - 1);
    last_message[sizeof last_message - 1] = '\0';
    return last_code;
}

const char *giji_error_message(void) { return last_message; }
int giji_error_last(void) { return last_code; }

void giji_error_clear(void)
{
    last_message[0] = '\0';
    last_code = GIJI_OK;
}

const char *giji_error_name(int code)
{
    switch (code) {
    case GIJI_OK: return "ok";
    case GIJI_ENOMEM: return "out of memory";
    case GIJI_EIO: return "I/O error";
    case GIJI_EDECODE: return "decode error";
    case GIJI_EPARSE: return "parse error";
    case GIJI_EDB: return "database error";
    case GIJI_EINVAL: return "invalid argument";
    case GIJI_ENOTFOUND: return "not found";
    default: return "error";
    }
}
