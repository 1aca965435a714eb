/*
 * cli/output.c — tables, display width and CSV for the listing commands
 * (see output.h).
 */
#include "cli/output.h"
#include "export/escape.h"
#include "giji/error.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int giji_out_format_parse(const char *name, giji_out_format *out)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; name && i < 3; i++)
        if (!strcmp(name, names[i])) {
            *out = (giji_out_format)i;
            return 0;
        }
    return -1;
}

/* Next character of s[i..len): its byte length (1 for an invalid byte,
 * shown as U+FFFD) and code point. */
static size_t next_cp(const char *s, size_t len, size_t i, uint32_t *cp)
{
    size_t k = giji_utf8_decode(s + i, len - i, cp);
    if (!k) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029;
}

static size_t cp_width(uint32_t cp)
{
    if (is_control(cp))
        return 0;
    int w = utf8proc_charwidth((utf8proc_int32_t)cp);
    return w > 0 ? (size_t)w : 0;
}

size_t giji_out_width(const char *s)
{
    size_t len = s ? strlen(s) : 0, w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        w += cp_width(cp);
    }
    return w;
}

/* Width of one character as a table shows it: control characters are
 * shown as spaces. */
static size_t shown_cp_width(uint32_t cp) { return is_control(cp) ? 1 : cp_width(cp); }

static size_t shown_width(const char *s)
{
    size_t len = s ? strlen(s) : 0, w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        w += shown_cp_width(cp);
    }
    return w;
}

/* Append s[from..to) to out at *o as shown: control characters as spaces,
 * invalid bytes as U+FFFD. out has room for 3 bytes per input byte. */
static void put_shown(char *out, size_t *o, const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to;) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, to - i, &cp);
        if (!k) {
            *o += giji_utf8_encode(0xFFFD, out + *o);
            k = 1;
        } else if (is_control(cp)) {
            out[(*o)++] = ' ';
        } else {
            memcpy(out + *o, s + i, k);
            *o += k;
        }
        i += k;
    }
}

/* Byte offset after the longest prefix of s[0..len) no wider than room. */
static size_t prefix_end(const char *s, size_t len, size_t room)
{
    size_t i = 0, w = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = next_cp(s, len, i, &cp);
        size_t cw = shown_cp_width(cp);
        if (w + cw > room)
            break;
        w += cw;
        i += k;
    }
    return i;
}

/* Byte offset where the longest suffix of s[from..len) no wider than room
 * starts (character boundaries found from `from` forwards). */
static size_t suffix_start(const char *s, size_t from, size_t len, size_t room)
{
    size_t total = 0;
    for (size_t i = from; i < len;) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        total += shown_cp_width(cp);
    }
    /* drop characters from the front until the rest fits */
    size_t i = from;
    while (i < len && total > room) {
        uint32_t cp;
        i += next_cp(s, len, i, &cp);
        total -= shown_cp_width(cp);
    }
    return i;
}

static char *fit(const char *s, size_t width, int middle)
{
    if (!s)
        s = "";
    size_t len = strlen(s), o = 0;
    char *out = malloc(len * 3 + 4); /* U+FFFD for every byte, '…', NUL */
    if (!out)
        return NULL;
    if (shown_width(s) <= width) {
        put_shown(out, &o, s, 0, len);
    } else if (width > 0) {
        size_t room = width - 1;
        size_t head = middle ? room - room / 2 : room;
        size_t h = prefix_end(s, len, head);
        put_shown(out, &o, s, 0, h);
        while (o > 0 && out[o - 1] == ' ') /* no "a …": the cut shows better as "a…" */
            o--;
        o += giji_utf8_encode(0x2026, out + o);
        if (middle) {
            /* the tail may use what the head left over (wide characters) */
            size_t used = 0;
            for (size_t i = 0; i < h;) {
                uint32_t cp;
                i += next_cp(s, len, i, &cp);
                used += shown_cp_width(cp);
            }
            put_shown(out, &o, s, suffix_start(s, h, len, room - used), len);
        }
    }
    out[o] = '\0';
    return out;
}

char *giji_out_fit(const char *s, size_t width) { return fit(s, width, 0); }
char *giji_out_fit_middle(const char *s, size_t width) { return fit(s, width, 1); }

size_t giji_out_columns(void)
{
    const char *c = getenv("COLUMNS");
    if (c && *c) {
        char *end;
        long v = strtol(c, &end, 10);
        if (!*end && v >= 20 && v <= 10000)
            return (size_t)v;
    }
    return 80;
}

/* ---- tables ------------------------------------------------------------- */

struct giji_table {
    size_t ncols;
    giji_column *cols;  /* ncols, headers owned */
    char **cells;       /* nrows * ncols */
    char **notes;       /* nrows, NULL where a row has none; several note lines
                           of a row are separated by '\n' (a note's own control
                           characters became spaces when it was added) */
    size_t nrows, cap;
};

static char *dup_or_empty(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

giji_table *giji_table_new(size_t ncols, const giji_column *cols)
{
    giji_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->ncols = ncols;
    if (!(t->cols = calloc(ncols ? ncols : 1, sizeof *t->cols))) {
        free(t);
        return NULL;
    }
    for (size_t c = 0; c < ncols; c++) {
        t->cols[c] = cols[c];
        if (!(t->cols[c].header = dup_or_empty(cols[c].header))) {
            giji_table_free(t);
            return NULL;
        }
    }
    return t;
}

int giji_table_add(giji_table *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : 16;
        char **p = realloc(t->cells, ncap * (t->ncols ? t->ncols : 1) * sizeof *p);
        if (!p)
            return -1;
        t->cells = p;
        if (!(p = realloc(t->notes, ncap * sizeof *p)))
            return -1;
        t->notes = p;
        t->cap = ncap;
    }
    t->notes[t->nrows] = NULL;
    char **row = t->cells + t->nrows * t->ncols;
    for (size_t c = 0; c < t->ncols; c++)
        if (!(row[c] = dup_or_empty(cells[c]))) {
            while (c--)
                free(row[c]);
            return -1;
        }
    t->nrows++;
    return 0;
}

/* note with its control characters as spaces (so '\n' can separate lines). */
static char *note_text(const char *note)
{
    char *p = dup_or_empty(note);
    for (char *q = p; q && *q; q++)
        if ((unsigned char)*q < 0x20 || *q == 0x7f)
            *q = ' ';
    return p;
}

int giji_table_note(giji_table *t, const char *note)
{
    if (!t->nrows)
        return -1;
    char **slot = &t->notes[t->nrows - 1];
    free(*slot);
    return (*slot = note_text(note)) ? 0 : -1;
}

int giji_table_note_add(giji_table *t, const char *note)
{
    if (!t->nrows)
        return -1;
    char **slot = &t->notes[t->nrows - 1];
    if (!*slot)
        return giji_table_note(t, note);
    char *line = note_text(note);
    size_t a = strlen(*slot), b = line ? strlen(line) : 0;
    char *p = line ? realloc(*slot, a + b + 2) : NULL;
    if (!p) {
        free(line);
        return -1;
    }
    p[a] = '\n';
    memcpy(p + a + 1, line, b + 1);
    *slot = p;
    free(line);
    return 0;
}

size_t giji_table_rows(const giji_table *t) { return t->nrows; }

/* One line: each cell fitted to its column and padded, without trailing
 * spaces (the last column is not padded, and empty cells at the end leave
 * nothing). */
static int write_line(const giji_table *t, FILE *out, const char *const *cells, const size_t *widths)
{
    giji_buf b = {0};
    int rc = GIJI_OK;
    for (size_t c = 0; rc == GIJI_OK && c < t->ncols; c++) {
        unsigned flags = t->cols[c].flags;
        char *text = fit(cells[c], widths[c], (flags & GIJI_COL_CUT_MIDDLE) != 0);
        if (!text) {
            rc = GIJI_ENOMEM;
            break;
        }
        size_t w = shown_width(text), pad = widths[c] > w ? widths[c] - w : 0;
        if (c > 0)
            rc = giji_buf_puts(&b, "  ");
        for (size_t i = 0; rc == GIJI_OK && (flags & GIJI_COL_RIGHT) && i < pad; i++)
            rc = giji_buf_putc(&b, ' ');
        rc = rc ? rc : giji_buf_puts(&b, text);
        for (size_t i = 0; rc == GIJI_OK && !(flags & GIJI_COL_RIGHT) && i < pad; i++)
            rc = giji_buf_putc(&b, ' ');
        free(text);
    }
    while (rc == GIJI_OK && b.len > 0 && b.data[b.len - 1] == ' ')
        b.len--;
    rc = rc ? rc : giji_buf_putc(&b, '\n');
    int err = rc != GIJI_OK || fwrite(b.data, 1, b.len, out) != b.len ? -1 : 0;
    giji_buf_free(&b);
    return err;
}

static size_t column_min(const giji_table *t, size_t c)
{
    if (t->cols[c].min)
        return t->cols[c].min;
    size_t w = shown_width(t->cols[c].header);
    return w < 4 ? 4 : w;
}

/* Narrow columns one column at a time until the table fits or nothing can
 * be narrowed further: the widest of the shrink-first columns above their
 * minimum, else the widest of the other truncatable ones. */
static void fit_widths(const giji_table *t, size_t *widths, size_t max_width)
{
    size_t total = t->ncols ? 2 * (t->ncols - 1) : 0;
    for (size_t c = 0; c < t->ncols; c++)
        total += widths[c];
    for (int pass = 0; pass < 2 && total > max_width; pass++)
        while (total > max_width) {
            size_t best = t->ncols;
            for (size_t c = 0; c < t->ncols; c++) {
                unsigned f = t->cols[c].flags;
                if ((f & GIJI_COL_FIXED) || (pass == 0 && !(f & GIJI_COL_SHRINK_FIRST)))
                    continue;
                if (widths[c] > column_min(t, c) && (best == t->ncols || widths[c] > widths[best]))
                    best = c;
            }
            if (best == t->ncols)
                break;
            widths[best]--;
            total--;
        }
}

int giji_table_write(const giji_table *t, FILE *out, size_t max_width)
{
    size_t *widths = calloc(t->ncols ? t->ncols : 1, sizeof *widths);
    const char **headers = calloc(t->ncols ? t->ncols : 1, sizeof *headers);
    int rc = widths && headers ? 0 : -1;
    for (size_t c = 0; rc == 0 && c < t->ncols; c++) {
        headers[c] = t->cols[c].header;
        widths[c] = shown_width(headers[c]);
        for (size_t r = 0; r < t->nrows; r++) {
            size_t w = shown_width(t->cells[r * t->ncols + c]);
            if (w > widths[c])
                widths[c] = w;
        }
    }
    if (rc == 0 && max_width)
        fit_widths(t, widths, max_width);
    if (rc == 0)
        rc = write_line(t, out, headers, widths);
    for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
        rc = write_line(t, out, (const char *const *)(t->cells + r * t->ncols), widths);
        for (const char *line = t->notes[r]; rc == 0 && line;) {
            const char *nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line) : strlen(line);
            char *one = malloc(len + 1);
            size_t room = !max_width ? (size_t)-1 : max_width > 5 ? max_width - 4 : 1;
            char *note = NULL;
            if (one) {
                memcpy(one, line, len);
                one[len] = '\0';
                note = fit(one, room, 0);
            }
            rc = note && fprintf(out, "    %s\n", note) >= 0 ? 0 : -1;
            free(note);
            free(one);
            line = nl ? nl + 1 : NULL;
        }
    }
    free(headers);
    free(widths);
    return rc;
}

void giji_table_free(giji_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    for (size_t i = 0; i < t->nrows; i++)
        free(t->notes[i]);
    free(t->notes);
    for (size_t c = 0; t->cols && c < t->ncols; c++)
        free((char *)t->cols[c].header);
    free(t->cols);
    free(t);
}

/* ---- running text -------------------------------------------------------- */

/* Characters a line should not start with (kinsoku): closing brackets and
 * punctuation, small kana, the prolonged sound mark. */
static int no_line_start(uint32_t cp)
{
    static const uint32_t list[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x002C, 0x002E, 0x300D, 0x300F, 0x3011, 0x3015, 0x3009,
        0x300B, 0xFF09, 0x0029, 0xFF3D, 0x005D, 0xFF5D, 0x007D, 0xFF01, 0xFF1F, 0x0021, 0x003F,
        0x30FB, 0x30FC, 0x2026, 0x3063, 0x30C3, 0x3083, 0x3085, 0x3087, 0x30E3, 0x30E5, 0x30E7,
        0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0xFF1A,
        0xFF1B, 0x003A, 0x003B};
    for (size_t i = 0; i < sizeof list / sizeof *list; i++)
        if (list[i] == cp)
            return 1;
    return 0;
}

/* One output line: indent + s[from..to) as shown, without trailing spaces. */
static int wrap_line(FILE *out, const char *s, size_t from, size_t to, const char *indent)
{
    char *buf = malloc((to - from) * 3 + 1);
    if (!buf)
        return -1;
    size_t o = 0;
    put_shown(buf, &o, s, from, to);
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
    int rc = fprintf(out, "%s%s\n", o ? indent : "", buf) >= 0 ? 0 : -1;
    free(buf);
    return rc;
}

int giji_out_wrap(FILE *out, const char *s, size_t width, const char *indent)
{
    if (!s)
        s = "";
    if (!indent)
        indent = "";
    if (width < 1)
        width = 1;
    size_t len = strlen(s), i = 0;
    int rc = 0;
    for (;;) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        size_t p = i;
        do {
            size_t q = p, w = 0, space = (size_t)-1, wspace = 0;
            while (q < end) {
                uint32_t cp;
                size_t k = next_cp(s, end, q, &cp);
                size_t cw = shown_cp_width(cp);
                if (w + cw > width)
                    break;
                if (cp == ' ' || cp == 0x3000) {
                    space = q;
                    wspace = w;
                }
                w += cw;
                q += k;
            }
            size_t brk = q, next = q;
            int in_word = 0;
            if (q < end && q > p) {
                uint32_t a, b;
                size_t at = p, before = p;
                while (at < q) {
                    before = at;
                    at += next_cp(s, end, at, &a);
                }
                next_cp(s, end, before, &a);
                next_cp(s, end, q, &b);
                in_word = giji_cp_is_ascii_alnum(a) && giji_cp_is_ascii_alnum(b);
            }
            if (q < end && space != (size_t)-1 && space > p && (in_word || wspace * 4 >= width * 3)) {
                uint32_t cp;
                brk = space;
                next = space + next_cp(s, end, space, &cp);
            }
            /* no line starts with closing punctuation (。、」…): break a
             * character or two earlier instead */
            for (int back = 0; back < 2 && brk == q && q < end && brk > p; back++) {
                uint32_t cp;
                next_cp(s, end, brk, &cp);
                if (!no_line_start(cp))
                    break;
                size_t prev = p, at = p;
                while (at < brk) { /* the character before brk */
                    prev = at;
                    at += next_cp(s, end, at, &cp);
                }
                if (prev == p)
                    break;
                brk = next = q = prev;
            }
            if (brk == p && p < end) { /* a character wider than the line */
                uint32_t cp;
                brk = next = p + next_cp(s, end, p, &cp);
            }
            if ((rc = wrap_line(out, s, p, brk, indent)))
                return rc;
            p = next;
        } while (p < end);
        if (end >= len)
            break;
        i = end + 1;
    }
    return rc;
}

/* ---- CSV ---------------------------------------------------------------- */

/* The quoting itself lives with the other escapers in export/. */
int giji_csv_field(FILE *out, const char *s)
{
    return giji_csv_escape(out, s) == 0 ? 0 : -1;
}

int giji_csv_row(FILE *out, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && putc(',', out) == EOF)
            return -1;
        if (giji_csv_field(out, fields[i]) != 0)
            return -1;
    }
    return fputs("\r\n", out) == EOF ? -1 : 0;
}
