/*
 * normalize/box.c — tables drawn with box-drawing characters or pipes, as
 * PDF extraction and PDF-to-markdown converters leave a boxed header:
 *   ────────────────────
 *   │日　時│令和8年9月1日（火）10:00～12:00│
 *   │　　　│委員：青木健一（…）、伊藤美和│
 *   | 場所 | 中央合同庁舎 |   |---|---|
 * A rule line (box-drawing characters, dashes of a markdown separator) is
 * dropped (not a blank line: the rows around it are no paragraph that a
 * page break split). A row becomes the line a table-less record would have
 * printed: a short first cell is a heading with its value after a colon
 * ("日時：令和8年…"), an empty first cell continues the heading above (a
 * line of the value), more cells run together with full-width spaces as PDF
 * extraction runs columns. Not responsible for what the lines mean.
 */
#include "normalize/internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* the first cell is a heading's word up to this many characters */
#define BOX_KEY_MAX 8

static int is_border(uint32_t cp) { return cp == 0x2502 || cp == 0x2503 || cp == '|' || cp == 0xFF5C; }

static int is_rule_cp(uint32_t cp)
{
    return (cp >= 0x2500 && cp <= 0x257F) || cp == '-' || cp == ':' || cp == '+' || cp == '=' || cp == '|' ||
           cp == 0xFF5C;
}

int giji_box_rule(const char *s, size_t n)
{
    size_t i = 0, marks = 0;
    int box = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
        if (giji_cp_is_space(cp))
            continue;
        if (!is_rule_cp(cp))
            return 0;
        box |= cp >= 0x2500 && cp <= 0x257F;
        marks++;
    }
    /* a markdown separator needs its pipes ("|---|---|"); "---" alone is
     * not a table's (a horizontal rule or the dashes of "－ 1 －" stay as
     * they are handled elsewhere) */
    return marks >= 3 && (box || memchr(s, '|', n) != NULL);
}

/* The cells of a row s[0..n) into (start, length) pairs; the count, or 0
 * when the line is no row (it must open and close with a border). */
static size_t cells_of(const char *s, size_t n, size_t (*cell)[2], size_t max)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    uint32_t first = 0, last = 0;
    if (b == e || !giji_utf8_decode(s + b, e - b, &first) || !is_border(first))
        return 0;
    size_t lst;
    last = giji_utf8_prev(s + b, e - b, &lst);
    if (!is_border(last) || b + lst == b)
        return 0;
    size_t count = 0, from = 0, i = b;
    int open = 0;
    while (i < e) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, e - i, &cp);
        if (!k)
            return 0;
        if (is_border(cp)) {
            if (open && count < max) {
                cell[count][0] = from;
                cell[count][1] = i - from;
                count++;
            }
            open = 1;
            from = i + k;
        }
        i += k;
    }
    return count;
}

/* s[0..n) without white space, into b; its characters. */
static size_t put_squeezed(giji_buf *b, const char *s, size_t n, int *rc)
{
    size_t i = 0, cps = 0;
    while (i < n && !*rc) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            k = 1;
        else if (!giji_cp_is_space(cp)) {
            *rc = giji_buf_append(b, s + i, k);
            cps++;
        }
        i += k;
    }
    return cps;
}

static void trim(const char *s, size_t *from, size_t *len)
{
    size_t b, e;
    giji_str_trim_range(s + *from, *len, &b, &e);
    *from += b;
    *len = e - b;
}

/* A cell's text without the line breaks a converter wrote into it as
 * "<br>" (pandoc's markdown: "…議論いたします。<br>前回会合では…"): the cell's
 * lines run on, as the lines of a paragraph do. */
static int append_cell(giji_buf *b, const char *s, size_t n)
{
    static const char *const brs[] = {"<br />", "<br/>", "<br>"};
    size_t i = 0, from = 0;
    while (i < n) {
        size_t k = 0;
        for (size_t j = 0; j < sizeof brs / sizeof *brs && !k; j++)
            if (n - i >= strlen(brs[j]) && !memcmp(s + i, brs[j], strlen(brs[j])))
                k = strlen(brs[j]);
        if (!k) {
            i++;
            continue;
        }
        if (giji_buf_append(b, s + from, i - from))
            return GIJI_ENOMEM;
        i += k;
        from = i;
    }
    return giji_buf_append(b, s + from, n - from) ? GIJI_ENOMEM : GIJI_OK;
}

int giji_box_row(const char *s, size_t n, char **out)
{
    *out = NULL;
    size_t cell[32][2];
    size_t nc = cells_of(s, n, cell, 32);
    if (nc == 0)
        return GIJI_OK;
    for (size_t c = 0; c < nc; c++)
        trim(s, &cell[c][0], &cell[c][1]);
    giji_buf b = {0};
    int rc = GIJI_OK;
    size_t c = 0;
    if (nc >= 2 && cell[0][1] == 0) {
        c = 1; /* under the heading above: its value goes on */
    } else if (nc == 2) {
        giji_buf key = {0};
        size_t cps = put_squeezed(&key, s + cell[0][0], cell[0][1], &rc);
        if (!rc && cps <= BOX_KEY_MAX && cell[1][1]) {
            rc = giji_buf_append(&b, key.data, key.len);
            rc = rc ? rc : giji_buf_puts(&b, "：");
            c = 1;
        }
        giji_buf_free(&key);
    }
    for (int sep = 0; !rc && c < nc; c++) {
        if (!cell[c][1])
            continue;
        if (sep)
            rc = giji_buf_puts(&b, "\xe3\x80\x80");
        rc = rc ? rc : append_cell(&b, s + cell[c][0], cell[c][1]);
        sep = 1;
    }
    if (rc) {
        giji_buf_free(&b);
        return GIJI_NOMEM();
    }
    *out = giji_buf_steal(&b);
    if (!*out && !(*out = calloc(1, 1)))
        return GIJI_NOMEM();
    return GIJI_OK;
}
