/*
 * util/buf.h — a growable byte buffer that always stays NUL-terminated.
 * Responsible for amortised appends; not for any notion of text encoding.
 * A zero-initialised giji_buf is empty and valid. The owner frees with
 * giji_buf_free() or takes the bytes with giji_buf_steal().
 */
#ifndef GIJI_UTIL_BUF_H
#define GIJI_UTIL_BUF_H

#include <stddef.h>

typedef struct giji_buf {
    char *data;   /* NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} giji_buf;

/* Each returns GIJI_OK or GIJI_ENOMEM (with the last error set). */
int giji_buf_reserve(giji_buf *b, size_t extra);
int giji_buf_append(giji_buf *b, const void *p, size_t n);
int giji_buf_puts(giji_buf *b, const char *s);
int giji_buf_putc(giji_buf *b, char c);
int giji_buf_printf(giji_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Append code point `cp` as UTF-8. */
int giji_buf_put_cp(giji_buf *b, unsigned cp);

void giji_buf_clear(giji_buf *b);
void giji_buf_free(giji_buf *b);
/* Hand the bytes to the caller (free() them); never NULL unless out of
 * memory; the buffer is left empty. */
char *giji_buf_steal(giji_buf *b);

#endif
