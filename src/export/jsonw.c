/*
 * export/jsonw.c — the streaming JSON writer (see jsonw.h): layout, commas,
 * and string escaping. Not responsible for the document's content.
 */
#include "export/jsonw.h"
#include "export/numfmt.h"
#include "util/error.h"
#include "util/utf8.h"

#include <errno.h>
#include <string.h>

void giji_jsonw_init(giji_jsonw *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void io_failed(giji_jsonw *w)
{
    w->failed = GIJI_JSONW_IO;
    w->err = errno > 0 ? errno : EIO;
}

static void put(giji_jsonw *w, const char *s)
{
    if (!w->failed && fputs(s, w->out) == EOF)
        io_failed(w);
}

static void indent(giji_jsonw *w)
{
    for (int i = 0; i < w->depth && !w->failed; i++)
        put(w, "  ");
}

/* Everything a value or key needs in front of it: nothing after a key,
 * otherwise a comma after the previous item, a newline and indentation. */
static void before_item(giji_jsonw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    put(w, w->items[w->depth - 1] ? ",\n" : "\n");
    w->items[w->depth - 1] = 1;
    indent(w);
}

static void open_container(giji_jsonw *w, const char *brace)
{
    before_item(w);
    if (w->depth >= GIJI_JSONW_MAX_DEPTH) {
        w->failed = GIJI_JSONW_MISUSE;
        return;
    }
    put(w, brace);
    w->items[w->depth++] = 0;
}

static void close_container(giji_jsonw *w, const char *brace)
{
    if (w->depth == 0 || w->after_key) {
        w->failed = GIJI_JSONW_MISUSE;
        return;
    }
    int had_items = w->items[--w->depth];
    if (had_items) {
        put(w, "\n");
        indent(w);
    }
    put(w, brace);
}

void giji_jsonw_object_begin(giji_jsonw *w) { open_container(w, "{"); }
void giji_jsonw_object_end(giji_jsonw *w) { close_container(w, "}"); }
void giji_jsonw_array_begin(giji_jsonw *w) { open_container(w, "["); }
void giji_jsonw_array_end(giji_jsonw *w) { close_container(w, "]"); }

/* The escape for one ASCII byte, or NULL when it is written as is.
 * Short forms for the common controls keep remarks readable. */
static const char *ascii_escape(unsigned char c, char buf[8])
{
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '<': case '>': case '&': case 0x7f:
        break;
    default:
        if (c >= 0x20)
            return NULL;
    }
    snprintf(buf, 8, "\\u%04x", c);
    return buf;
}

int giji_json_escape(FILE *out, const char *s, size_t len)
{
    size_t run = 0; /* start of the pending bytes that need no escape */
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char buf[8];
        size_t k = 1;
        if (c < 0x80) {
            esc = ascii_escape(c, buf);
        } else {
            uint32_t cp;
            k = giji_utf8_decode(s + i, len - i, &cp);
            if (k == 0) {           /* invalid byte: replace, move on by one */
                esc = "\\ufffd";
                k = 1;
            } else if (cp == 0x2028 || cp == 0x2029) {
                snprintf(buf, sizeof buf, "\\u%04x", (unsigned)cp);
                esc = buf;
            }
        }
        if (esc) {
            if ((i > run && fwrite(s + run, 1, i - run, out) != i - run) || fputs(esc, out) == EOF)
                return -1;
            run = i + k;
        }
        i += k;
    }
    if (len > run && fwrite(s + run, 1, len - run, out) != len - run)
        return -1;
    return 0;
}

static void put_string(giji_jsonw *w, const char *s)
{
    put(w, "\"");
    if (!w->failed && giji_json_escape(w->out, s, strlen(s)) != 0)
        io_failed(w);
    put(w, "\"");
}

void giji_jsonw_key(giji_jsonw *w, const char *key)
{
    if (w->after_key || w->depth == 0) { /* a key needs an object to be in */
        w->failed = GIJI_JSONW_MISUSE;
        return;
    }
    before_item(w);
    put_string(w, key);
    put(w, ": ");
    w->after_key = 1;
}

void giji_jsonw_string(giji_jsonw *w, const char *s)
{
    if (!s) {
        giji_jsonw_null(w);
        return;
    }
    before_item(w);
    put_string(w, s);
}

void giji_jsonw_int(giji_jsonw *w, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    before_item(w);
    put(w, buf);
}

void giji_jsonw_double(giji_jsonw *w, double v)
{
    char buf[32];
    giji_fmt_double(buf, v); /* "null" when not finite */
    before_item(w);
    put(w, buf);
}

void giji_jsonw_id(giji_jsonw *w, long long id)
{
    if (id)
        giji_jsonw_int(w, id);
    else
        giji_jsonw_null(w);
}

void giji_jsonw_bool(giji_jsonw *w, int v)
{
    before_item(w);
    put(w, v ? "true" : "false");
}

void giji_jsonw_null(giji_jsonw *w)
{
    before_item(w);
    put(w, "null");
}

int giji_jsonw_failed(const giji_jsonw *w) { return w->failed != 0; }

int giji_jsonw_finish(giji_jsonw *w)
{
    if (!w->failed && (w->depth != 0 || w->after_key))
        w->failed = GIJI_JSONW_MISUSE;
    put(w, "\n");
    if (!w->failed && (fflush(w->out) == EOF || ferror(w->out)))
        io_failed(w);
    if (w->failed == GIJI_JSONW_MISUSE)
        return giji_error_set(GIJI_EINVAL, "JSON writer: unbalanced or too deeply nested document");
    if (w->failed)
        return giji_error_set(GIJI_EIO, "cannot write JSON output: %s", strerror(w->err));
    return GIJI_OK;
}
