/*
 * normalize/linenos.c — line numbers printed in the left margin, as some
 * transcripts number every line of a page:
 *
 *   　　3　　　本日は、まず、本年度の年次計画でありますセキュア・ジャパン
 *   　　4　　いて御審議をいただきます。あわせて、来月に迫りました…
 *   　 10　　　それでは、事務局から資料の説明をお願いします。
 *
 * Responsible for: finding such numbering (runs of at least LINENO_RUN
 * adjacent lines whose leading numbers go up by one, from 1 again on each
 * page, LINENO_TOTAL lines in all; then a shorter page's run from 1 as
 * well) and removing the numbers, one line for one so that line numbers of
 * the file stay, with the gap that separates them from the text; an indent
 * beyond that gap (a paragraph's first line) is kept. A numbered line with
 * no text becomes blank. Not responsible for: headings numbered in the
 * text ("１　日時"), which are no run of adjacent lines counting up.
 */
#include "normalize/internal.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* the fewest adjacent lines counting up by one that make a run, and the
 * fewest lines in such runs that make a numbering (a list of a dozen items
 * one a line would lose only its numbers) */
#define LINENO_RUN 8
#define LINENO_TOTAL 12

typedef struct numbered_line {
    const char *s;    /* the source line */
    size_t n;
    long value;       /* its leading number, or -1 */
    size_t after;     /* bytes up to the end of the number */
    size_t gap;       /* white space code points after the number */
    int text;         /* something follows the gap */
    int run;          /* part of a run of LINENO_RUN lines or more */
} numbered_line;

static int margin_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* The leading number of s[0..n) ("　 10　　…"): 1 to 3 digits, ASCII or
 * full-width, after white space and before white space or the line's end. */
static void read_number(numbered_line *l)
{
    const char *s = l->s;
    size_t n = l->n, i = 0, k;
    uint32_t cp = 0;
    l->value = -1;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) && margin_space(cp))
        i += k;
    long v = 0;
    int digits = 0;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) &&
           ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))) {
        v = v * 10 + (long)(cp >= 0xFF10 ? cp - 0xFF10 : cp - '0');
        digits++;
        i += k;
    }
    if (!digits || digits > 3)
        return;
    size_t at = i, gap = 0;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) && margin_space(cp)) {
        i += k;
        gap++;
    }
    if (i < n && !gap)
        return;   /* "2026年…": a number that starts the text */
    l->value = v;
    l->after = at;
    l->gap = gap;
    l->text = i < n;
}

/* Mark the runs of adjacent lines whose numbers go up by one; the count of
 * marked lines is returned. */
static size_t mark_runs(numbered_line *v, size_t n)
{
    size_t marked = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        if (v[i].value >= 0)
            while (j + 1 < n && v[j + 1].value == v[j].value + 1)
                j++;
        if (v[i].value >= 0 && j + 1 - i >= LINENO_RUN) {
            for (size_t k = i; k <= j; k++)
                v[k].run = 1;
            marked += j + 1 - i;
        }
        i = j + 1;
    }
    return marked;
}

int giji_strip_line_numbers(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    numbered_line *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(utf8 + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - utf8) : len;
        if (giji_array_grow(&v, &cap, n, sizeof *v)) {
            free(v);
            return GIJI_ENOMEM;
        }
        numbered_line l = {utf8 + pos, end - pos, -1, 0, 0, 0, 0};
        if (l.n && l.s[l.n - 1] == '\r')
            l.n--;
        read_number(&l);
        v[n++] = l;
        pos = end + 1;
    }
    if (mark_runs(v, n) < LINENO_TOTAL) {
        free(v);
        return GIJI_OK;
    }
    /* numbered so, a short page too: the last page's lines from 1 */
    for (size_t i = 0; i + 1 < n; i++)
        if (!v[i].run && v[i].value == 1 && v[i + 1].value == 2)
            for (size_t k = i; k < n && (k == i || v[k].value == v[k - 1].value + 1); k++)
                v[k].run = 1;
    /* the gap every numbered line of text has: what separates the numbers
     * from the text; more is the text's own indent */
    size_t gap = (size_t)-1;
    for (size_t i = 0; i < n; i++)
        if (v[i].run && v[i].text && v[i].gap < gap)
            gap = v[i].gap;
    giji_buf b = {0};
    int bad = 0;
    for (size_t i = 0; i < n && !bad; i++) {
        const char *s = v[i].s;
        size_t from = 0;
        if (v[i].run) {
            from = v[i].after;
            uint32_t cp;
            size_t k;
            for (size_t g = 0; g < gap && from < v[i].n && (k = giji_utf8_decode(s + from, v[i].n - from, &cp)) &&
                               margin_space(cp);
                 g++)
                from += k;
        }
        bad = giji_buf_append(&b, s + from, v[i].n - from) || (i + 1 < n && giji_buf_putc(&b, '\n'));
    }
    free(v);
    if (bad || !(*out = giji_buf_steal(&b))) {
        giji_buf_free(&b);
        return GIJI_NOMEM();
    }
    *outlen = strlen(*out);
    return GIJI_OK;
}
