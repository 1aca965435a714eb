/*
 * query/text.c — text helpers of the query layer: keyword-in-context
 * excerpts, finding a query in a remark (code points, letters without
 * case), the spellings a free-text query is searched under, date bounds,
 * match keys, and the scope of a query (body and dates into a store filter).
 * Not responsible for SQL (store/) or display width (cli/output.c).
 */
#include "query/internal.h"
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---- keys --------------------------------------------------------------- */

char *query_key(const char *s)
{
    char *k = giji_match_key(s ? s : "");
    if (!k) {
        if (!giji_error_last())
            GIJI_NOMEM();
        return NULL;
    }
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

char *query_trim(const char *s)
{
    size_t b, e;
    giji_str_trim_range(s, strlen(s), &b, &e);
    return giji_strndup(s + b, e - b);
}

/* ---- code points -------------------------------------------------------- */

/* The code points of s (an invalid byte is one U+FFFD), with letters folded
 * to lower case when `fold`; *offs (may be NULL) gets the byte offset of
 * each, plus the length at [n]. Caller frees. */
static int decode(const char *s, int fold, uint32_t **cps, size_t **offs, size_t *n)
{
    size_t len = strlen(s);
    *cps = malloc((len + 1) * sizeof **cps);
    if (offs)
        *offs = malloc((len + 1) * sizeof **offs);
    if (!*cps || (offs && !*offs)) {
        free(*cps);
        if (offs)
            free(*offs);
        return GIJI_NOMEM();
    }
    size_t k = 0;
    for (size_t i = 0; i < len; k++) {
        uint32_t c;
        size_t b = giji_utf8_decode(s + i, len - i, &c);
        if (!b) {
            c = 0xFFFD;
            b = 1;
        }
        if (offs)
            (*offs)[k] = i;
        (*cps)[k] = fold ? (uint32_t)utf8proc_tolower((utf8proc_int32_t)c) : c;
        i += b;
    }
    if (offs)
        (*offs)[k] = len;
    *n = k;
    return GIJI_OK;
}

int giji_text_find(const char *text, const char *const *needles, size_t n, long *start, long *end)
{
    *start = *end = -1;
    uint32_t *t;
    size_t nt;
    int rc = decode(text ? text : "", 1, &t, NULL, &nt);
    if (rc)
        return rc;
    size_t best = (size_t)-1, best_len = 0;
    for (size_t k = 0; rc == GIJI_OK && k < n; k++) {
        uint32_t *q;
        size_t nq;
        if (!needles[k] || (rc = decode(needles[k], 1, &q, NULL, &nq)))
            continue;
        for (size_t i = 0; nq && i + nq <= nt && i <= best; i++)
            if (!memcmp(t + i, q, nq * sizeof *q)) {
                if (i < best || nq > best_len) {
                    best = i;
                    best_len = nq;
                }
                break;
            }
        free(q);
    }
    free(t);
    if (rc)
        return rc;
    if (best == (size_t)-1)
        return 0;
    *start = (long)best;
    *end = (long)(best + best_len);
    return 1;
}

/* ---- excerpts ----------------------------------------------------------- */

static int is_break(uint32_t c)
{
    return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* s[offs[from] .. offs[to]) as shown: control characters as spaces. */
static char *shown(const char *s, const uint32_t *cps, const size_t *offs, size_t from, size_t to)
{
    giji_buf b = {0};
    int rc = giji_buf_puts(&b, "");
    for (size_t i = from; rc == GIJI_OK && i < to; i++) {
        if (cps[i] == 0xFFFD && offs[i + 1] - offs[i] == 1 && (unsigned char)s[offs[i]] >= 0x80)
            rc = giji_buf_put_cp(&b, 0xFFFD);
        else if (is_break(cps[i]))
            rc = giji_buf_putc(&b, ' ');
        else
            rc = giji_buf_append(&b, s + offs[i], offs[i + 1] - offs[i]);
    }
    if (rc) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

void giji_kwic_free(giji_kwic *k)
{
    if (!k)
        return;
    free(k->before);
    free(k->match);
    free(k->after);
    memset(k, 0, sizeof *k);
}

int giji_kwic_make(const char *text, long start, long end, long span, giji_kwic *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        text = "";
    uint32_t *cps;
    size_t *offs, n = 0;
    int rc = decode(text, 0, &cps, &offs, &n);
    if (rc)
        return rc;
    if (span < 0)
        span = 0;
    size_t s = start < 0 ? 0 : (size_t)start > n ? n : (size_t)start;
    size_t e = end < 0 ? 0 : (size_t)end > n ? n : (size_t)end;
    if (e < s)
        e = s;
    size_t lo = s > (size_t)span ? s - (size_t)span : 0;
    size_t hi = n - e > (size_t)span ? e + (size_t)span : n;
    out->start = (long)s;
    out->end = (long)e;
    out->cut_before = lo > 0;
    out->cut_after = hi < n;
    out->before = shown(text, cps, offs, lo, s);
    out->match = shown(text, cps, offs, s, e);
    out->after = shown(text, cps, offs, e, hi);
    free(cps);
    free(offs);
    if (!out->before || !out->match || !out->after) {
        giji_kwic_free(out);
        return GIJI_NOMEM();
    }
    return GIJI_OK;
}

int query_hit_kwic(giji_hit *h, const char *const *needles, size_t n)
{
    long s = h->r.start, e = h->r.end;
    if (s < 0 && n) {
        int found = giji_text_find(h->r.text, needles, n, &s, &e);
        if (found < 0)
            return found;
    }
    if (s < 0)
        return giji_kwic_make(h->r.text, 0, 0, 2 * GIJI_KWIC_SPAN, &h->kwic);
    return giji_kwic_make(h->r.text, s, e, GIJI_KWIC_SPAN, &h->kwic);
}

void giji_hits_free(giji_hits *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        giji_remark_hit_free(&h->items[i].r);
        giji_kwic_free(&h->items[i].kwic);
    }
    free(h->items);
    memset(h, 0, sizeof *h);
}

int query_hits_from(giji_remark_hit *r, size_t n, size_t total, giji_hits *out)
{
    memset(out, 0, sizeof *out);
    out->items = calloc(n ? n : 1, sizeof *out->items);
    if (!out->items) {
        giji_remark_hits_free(r, n);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < n; i++)
        out->items[i].r = r[i];
    free(r);
    out->n = n;
    out->total = total;
    return GIJI_OK;
}

/* ---- spellings of a query ------------------------------------------------ */

static int add_variant(char ***v, size_t *n, char *s)
{
    if (!s)
        return giji_error_last() ? giji_error_last() : GIJI_NOMEM();
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i], s) || !*s) {
            free(s);
            return GIJI_OK;
        }
    char **p = realloc(*v, (*n + 1) * sizeof *p);
    if (!p) {
        free(s);
        return GIJI_NOMEM();
    }
    *v = p;
    (*v)[(*n)++] = s;
    return GIJI_OK;
}

/* s with printable ASCII (not the space) as its full-width form. */
static char *fullwidth(const char *s)
{
    giji_buf b = {0};
    int rc = giji_buf_puts(&b, "");
    for (const char *p = s; rc == GIJI_OK && *p; p++) {
        unsigned char c = (unsigned char)*p;
        rc = c > 0x20 && c < 0x7f ? giji_buf_put_cp(&b, 0xFF01 + (c - 0x21)) : giji_buf_putc(&b, *p);
    }
    if (rc) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

int giji_text_variants(const char *text, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *t = query_trim(text ? text : "");
    if (!t)
        return GIJI_NOMEM();
    if (!*t) {
        free(t);
        return giji_error_set(GIJI_EINVAL, "empty search text");
    }
    char *nfkc = giji_nfkc(t, strlen(t));
    int rc = add_variant(out, n, t);
    if (rc == GIJI_OK && nfkc) {
        int ascii = 0;
        for (const char *p = nfkc; *p; p++)
            ascii |= (unsigned char)*p > 0x20 && (unsigned char)*p < 0x7f;
        char *wide = ascii ? fullwidth(nfkc) : NULL;
        rc = add_variant(out, n, nfkc);
        nfkc = NULL;
        if (rc == GIJI_OK && ascii)
            rc = add_variant(out, n, wide);
    } else if (rc == GIJI_OK) {
        rc = giji_error_last() ? giji_error_last() : GIJI_NOMEM();
    }
    free(nfkc);
    if (rc) {
        for (size_t i = 0; i < *n; i++)
            free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- dates -------------------------------------------------------------- */

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

/* A run of 1..maxd digits at *p; -1 when none or too long. */
static int digits(const char **p, int maxd)
{
    int v = 0, k = 0;
    while (**p >= '0' && **p <= '9') {
        if (++k > maxd)
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    return k ? v : -1;
}

int giji_date_bound(const char *s, int upper, char out[11])
{
    out[0] = '\0';
    const char *p = s ? s : "";
    const char *start = p;
    int y = -1, m = -1, d = -1;
    if (strlen(p) == 4 || (strlen(p) > 4 && (p[4] == '-' || p[4] == '/')))
        y = digits(&p, 4);
    if (y >= 0 && (*p == '-' || *p == '/')) {
        p++;
        m = digits(&p, 2);
        if (m >= 0 && (*p == '-' || *p == '/')) {
            p++;
            d = digits(&p, 2);
            if (d < 0)
                y = -1;
        } else if (m < 0) {
            y = -1;
        }
    }
    if (y < 1 || *p || (m >= 0 && (m < 1 || m > 12)) || (d >= 0 && (d < 1 || d > days_in(y, m))) ||
        p - start < 4)
        return giji_error_set(GIJI_EINVAL, "'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", start);
    if (m < 0)
        m = upper ? 12 : 1;
    if (d < 0)
        d = upper ? days_in(y, m) : 1;
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 11);
    out[10] = '\0';
    return GIJI_OK;
}

/* ---- scope -------------------------------------------------------------- */

void query_scope_free(query_scope *s)
{
    if (!s)
        return;
    free(s->body);
    memset(s, 0, sizeof *s);
}

int query_scope_init(giji_store *st, const giji_query_opts *o, query_scope *s)
{
    memset(s, 0, sizeof *s);
    if (!o)
        return GIJI_OK;
    s->f.descendants = o->descendants;
    int rc = GIJI_OK;
    if (o->from && (rc = giji_date_bound(o->from, 0, s->from)))
        return rc;
    if (o->to && (rc = giji_date_bound(o->to, 1, s->to)))
        return rc;
    if (o->from && o->to && strcmp(s->from, s->to) > 0)
        return giji_error_set(GIJI_EINVAL, "--from %s is after --to %s", o->from, o->to);
    s->f.from = o->from ? s->from : NULL;
    s->f.to = o->to ? s->to : NULL;
    if (o->body) {
        char *t = query_trim(o->body);
        s->body = t ? giji_nfkc(t, strlen(t)) : NULL;
        free(t);
        if (!s->body)
            return giji_error_last() ? giji_error_last() : GIJI_NOMEM();
        int found = 0;
        if ((rc = giji_store_body_known(st, s->body, &found)) == GIJI_OK && !found)
            rc = giji_error_set(GIJI_ENOTFOUND, "no body named '%s'", o->body);
        if (rc) {
            query_scope_free(s);
            return rc;
        }
        s->f.body = s->body;
    }
    return GIJI_OK;
}

int giji_query_check(giji_store *st, const giji_query_opts *o)
{
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    query_scope_free(&sc);
    return rc;
}
