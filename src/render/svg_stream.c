/*
 * render/svg_stream.c — a stream that passes Graphviz's SVG through to
 * another stream, giving the legend, title and caption groups their own
 * class (giji_render_svg_stream).
 *
 * Responsible for: the rewrite of class="node legend" (title, caption) to
 * class="legend" as the bytes go by, across write boundaries. Not
 * responsible for: where the bytes go (the caller's stream), the SVG itself
 * (Graphviz).
 *
 * Why a stream: Graphviz lays out the legend, title and caption as nodes, so
 * its SVG gives their groups the class "node ...", which giji/render.h
 * promises no group but a node's has. Rewriting the finished document meant
 * holding it in memory: 125 MB for the 10 MB benchmark's full map, grown by
 * Graphviz 4 KB at a time (26,000 mremap calls), copied, scanned and then
 * written. Filtered on the way, it is written as `dot` writes it.
 */
#define _GNU_SOURCE /* fopencookie */
#include "render/render_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define PREFIX "class=\"node "
#define PREFIX_LEN 12
#define SUFFIX_MAX 8     /* strlen("caption\"") */
#define KEEP (PREFIX_LEN + SUFFIX_MAX - 1)

typedef struct svg_stream {
    FILE *to;
    char *buf;          /* the bytes not yet passed on: at most KEEP of them
                           between writes */
    size_t len, cap;
} svg_stream;

/* Whether s (PREFIX_LEN + SUFFIX_MAX bytes available) is the class of a
 * legend, title or caption group. */
static int is_decoration(const char *s)
{
    static const char *const names[] = {"legend\"", "title\"", "caption\""};
    for (int k = 0; k < 3; k++)
        if (!memcmp(s + PREFIX_LEN, names[k], strlen(names[k])))
            return 1;
    return 0;
}

/* Pass on s->buf, rewriting the decorations' classes, but keep (unless
 * `all`) the bytes that may begin a class not yet complete. 0, or -1 when
 * the stream behind fails. */
static int pass_on(svg_stream *s, int all)
{
    size_t done = 0, from = 0, keep = s->len;
    for (;;) {
        char *p = memmem(s->buf + from, s->len - from, PREFIX, PREFIX_LEN);
        if (!p) {
            if (!all) /* a prefix may have begun in the last bytes */
                keep = s->len > KEEP ? s->len - KEEP : 0;
            break;
        }
        size_t at = (size_t)(p - s->buf);
        if (at + PREFIX_LEN + SUFFIX_MAX > s->len) {
            if (!all) /* wait for the rest of this class */
                keep = at;
            break;
        }
        if (is_decoration(p)) {
            /* up to and including class=", then skip "node " */
            size_t n = at + 7 - done;
            if (fwrite(s->buf + done, 1, n, s->to) != n)
                return -1;
            done = at + PREFIX_LEN;
        }
        from = at + PREFIX_LEN;
    }
    if (keep < done)
        keep = done;
    if (keep > done && fwrite(s->buf + done, 1, keep - done, s->to) != keep - done)
        return -1;
    memmove(s->buf, s->buf + keep, s->len - keep);
    s->len -= keep;
    return 0;
}

static ssize_t stream_write(void *cookie, const char *data, size_t n)
{
    svg_stream *s = cookie;
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 16384;
        while (cap < s->len + n)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return -1;
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
    return pass_on(s, 0) ? -1 : (ssize_t)n;
}

static int stream_close(void *cookie)
{
    svg_stream *s = cookie;
    int rc = pass_on(s, 1);
    free(s->buf);
    free(s);
    return rc;
}

FILE *giji_render_svg_stream(FILE *to)
{
    svg_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->to = to;
    cookie_io_functions_t io = {NULL, stream_write, NULL, stream_close};
    FILE *f = fopencookie(s, "w", io);
    if (!f)
        free(s);
    return f;
}
