/*
 * export/jsonw.h — a streaming JSON writer: 2-space indentation, one key or
 * array element per line, empty containers as {} and [].
 *
 * Responsible for JSON syntax and string escaping, once for every JSON the
 * tool writes. Strings are escaped so that the output is also safe inside
 * an HTML <script> element: '"' '\\' and control characters, '<' '>' '&'
 * (as \u003c \u003e \u0026), and U+2028 U+2029 (invalid in JavaScript
 * string literals before ES2019). Valid UTF-8 is otherwise written as is;
 * invalid bytes become \ufffd so the output is always valid JSON.
 * Not responsible for what is written (export/json.c) nor for opening files.
 *
 * Errors are sticky: after the first failed write (or misuse such as too
 * deep nesting) every call does nothing, and giji_jsonw_finish reports it.
 * This keeps the callers' code a plain sequence of writes.
 */
#ifndef GIJI_EXPORT_JSONW_H
#define GIJI_EXPORT_JSONW_H

#include <stdio.h>

#define GIJI_JSONW_MAX_DEPTH 32

enum { GIJI_JSONW_IO = 1, GIJI_JSONW_MISUSE = 2 };

typedef struct giji_jsonw {
    FILE *out;
    int depth;                                /* open containers */
    unsigned char items[GIJI_JSONW_MAX_DEPTH]; /* container at depth i+1 has items */
    int after_key;                            /* a key was written, its value is next */
    int failed;                               /* sticky: JSONW_IO or JSONW_MISUSE */
    int err;                                  /* errno of the failed write */
} giji_jsonw;

void giji_jsonw_init(giji_jsonw *w, FILE *out);

void giji_jsonw_object_begin(giji_jsonw *w);
void giji_jsonw_object_end(giji_jsonw *w);
void giji_jsonw_array_begin(giji_jsonw *w);
void giji_jsonw_array_end(giji_jsonw *w);

/* An object member's key; the next call writes its value. */
void giji_jsonw_key(giji_jsonw *w, const char *key);

void giji_jsonw_string(giji_jsonw *w, const char *s);   /* NULL -> null */
void giji_jsonw_int(giji_jsonw *w, long long v);
/* A real number, shortest round-trip form (export/numfmt.h); NaN and
 * infinities, which JSON cannot represent, as null. */
void giji_jsonw_double(giji_jsonw *w, double v);
void giji_jsonw_id(giji_jsonw *w, long long id);         /* 0 -> null */
void giji_jsonw_bool(giji_jsonw *w, int v);
void giji_jsonw_null(giji_jsonw *w);

/* Write the escaped contents of s[0..len) (no quotes) to out.
 * Returns 0, or -1 when a write failed. */
int giji_json_escape(FILE *out, const char *s, size_t len);

/* Has a write failed so far? Lets long writers stop early. */
int giji_jsonw_failed(const giji_jsonw *w);

/* End the document (final newline, flush). GIJI_OK, GIJI_EINVAL when
 * containers are left open or were misnested, or GIJI_EIO when writing
 * failed; the message says which. */
int giji_jsonw_finish(giji_jsonw *w);

#endif
