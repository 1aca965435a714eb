/* util/buf.c — growable byte buffer (see buf.h). */
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int giji_buf_reserve(giji_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return GIJI_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return GIJI_NOMEM();
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return GIJI_NOMEM();
    b->data = p;
    b->cap = cap;
    return GIJI_OK;
}

int giji_buf_append(giji_buf *b, const void *p, size_t n)
{
    if (giji_buf_reserve(b, n) != GIJI_OK)
        return GIJI_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return GIJI_OK;
}

int giji_buf_puts(giji_buf *b, const char *s) { return giji_buf_append(b, s, strlen(s)); }
int giji_buf_putc(giji_buf *b, char c) { return giji_buf_append(b, &c, 1); }

int giji_buf_printf(giji_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || giji_buf_reserve(b, (size_t)n) != GIJI_OK) {
        va_end(ap2);
        return GIJI_NOMEM();
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    b->len += (size_t)n;
    return GIJI_OK;
}

int giji_buf_put_cp(giji_buf *b, unsigned cp)
{
    char tmp[4];
    size_t n = giji_utf8_encode(cp, tmp);
    return giji_buf_append(b, tmp, n);
}

void giji_buf_clear(giji_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void giji_buf_free(giji_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *giji_buf_steal(giji_buf *b)
{
    if (!b->data && giji_buf_reserve(b, 0) != GIJI_OK)
        return NULL;
    b->data[b->len] = '\0';
    char *p = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
