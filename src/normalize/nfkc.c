/*
 * normalize/nfkc.c — NFKC (via utf8proc) in three shapes: a plain string,
 * a string with a map back to the input's code points, and the match key
 * (NFKC without white space) used to compare names, roles and labels.
 * Not responsible for: deciding what to normalise (doc.c) or repairing PDF
 * damage (repair.c, pagebreak.c).
 */
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NFKC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT)

/* Turn a negative utf8proc result into our error; `s`/`len` help locate
 * invalid UTF-8. Returns the giji error code. */
static int utf8proc_failure(utf8proc_ssize_t r, const char *s, size_t len)
{
    if (r == UTF8PROC_ERROR_NOMEM)
        return GIJI_NOMEM();
    if (r == UTF8PROC_ERROR_INVALIDUTF8)
        return giji_error_set(GIJI_EINVAL, "NFKC: byte %zu: invalid UTF-8",
                              giji_utf8_invalid_offset(s, len));
    return giji_error_set(GIJI_EINVAL, "NFKC: %s", utf8proc_errmsg(r));
}

/* ---- NFKC with a map --------------------------------------------------- */

/* Does cp belong to the cluster of the code point before it? Combining marks
 * do, and so do the kana sound marks that NFKC composes with the previous
 * kana (half-width ﾞﾟ are letters, not marks, yet "ｶﾞ" -> "ガ"), and Hangul
 * medial/final jamo, which compose with the syllable before them. */
static int nfkc_stable(uint32_t cp);

static int joins_previous(uint32_t cp)
{
    if (cp == 0x3099 || cp == 0x309A || cp == 0xFF9E || cp == 0xFF9F)
        return 1;
    if (nfkc_stable(cp)) /* kana, kanji, ASCII: never marks; skip the table lookup */
        return 0;
    if (cp >= 0x1160 && cp <= 0x11FF)
        return 1;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

/* Growable array of map entries; the owner frees `v`. */
typedef struct map_vec {
    uint32_t *v;
    size_t n, cap;
} map_vec;

static inline int map_push(map_vec *m, uint32_t x)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        uint32_t *p = realloc(m->v, cap * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        m->v = p;
        m->cap = cap;
    }
    m->v[m->n++] = x;
    return GIJI_OK;
}

/* NFKC one cluster s[0..len) and append its code points to `out`, each
 * mapped to `origin` in `map`. */
static int nfkc_cluster(const char *s, size_t len, uint32_t origin, giji_buf *out, map_vec *map)
{
    utf8proc_int32_t small[32], *cps = small;
    utf8proc_ssize_t r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                            small, 32, NFKC_OPTIONS);
    if (r > 32) {   /* a long run of marks: size it properly */
        cps = malloc((size_t)r * sizeof *cps);
        if (!cps)
            return GIJI_NOMEM();
        r = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cps, r,
                               NFKC_OPTIONS);
    }
    if (r >= 0)
        r = utf8proc_normalize_utf32(cps, r, NFKC_OPTIONS);
    int rc = r < 0 ? utf8proc_failure(r, s, len) : GIJI_OK;
    for (utf8proc_ssize_t i = 0; rc == GIJI_OK && i < r; i++) {
        rc = giji_buf_put_cp(out, (unsigned)cps[i]);
        if (rc == GIJI_OK && map)
            rc = map_push(map, origin);
    }
    if (cps != small)
        free(cps);
    return rc;
}

/* Code points NFKC leaves as they are when they stand alone: printable
 * ASCII, kana, CJK ideographs, and the common CJK punctuation. Japanese text
 * is mostly these, so they skip utf8proc. */
static int nfkc_stable(uint32_t cp)
{
    return (cp >= 0x20 && cp <= 0x7E) || cp == '\n' || cp == '\t' ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011) || cp == 0x30FB;
}

/* NFKC cluster by cluster (a base and the marks that compose with it),
 * recording in `map` (when not NULL) the origin of every output code point. */
static int nfkc_clusters(const char *s, size_t len, giji_buf *b, map_vec *m, uint32_t *count)
{
    int rc = giji_buf_reserve(b, len);
    if (rc == GIJI_OK && m && m->cap < len + 1) {
        /* one entry per input code point is the common case: size it once */
        uint32_t *v = realloc(m->v, (len + 1) * sizeof *v);
        if (!v)
            return GIJI_NOMEM();
        m->v = v;
        m->cap = len + 1;
    }
    size_t i = 0, run = 0;  /* s[run .. i) is a run of stable clusters not yet copied */
    uint32_t index = 0;     /* code point index in s of the next cluster */
    while (rc == GIJI_OK && i < len) {
        uint32_t cp = 0;
        size_t start = i, k = giji_utf8_decode(s + i, len - i, &cp);
        uint32_t origin = index, first = cp;
        i += k;
        index++;
        while (i < len) {   /* gather the marks that follow the base */
            k = giji_utf8_decode(s + i, len - i, &cp);
            if (!joins_previous(cp))
                break;
            i += k;
            index++;
        }
        if (index == origin + 1 && nfkc_stable(first)) {
            if (m)
                rc = map_push(m, origin);
            continue; /* stays in the run */
        }
        rc = giji_buf_append(b, s + run, start - run);
        if (rc == GIJI_OK)
            rc = nfkc_cluster(s + start, i - start, origin, b, m);
        run = i;
    }
    if (rc == GIJI_OK)
        rc = giji_buf_append(b, s + run, i - run);
    *count = index;
    return rc;
}

char *giji_nfkc(const char *s, size_t len)
{
    size_t bad = giji_utf8_invalid_offset(s, len);
    if (bad != len) {
        giji_error_set(GIJI_EINVAL, "NFKC: byte %zu: invalid UTF-8", bad);
        return NULL;
    }
    giji_buf b = {0};
    uint32_t count;
    if (nfkc_clusters(s, len, &b, NULL, &count) != GIJI_OK) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

int giji_nfkc_map(const char *s, size_t len, char **out, uint32_t **map, size_t *ncp)
{
    *out = NULL;
    *map = NULL;
    *ncp = 0;
    size_t bad = giji_utf8_invalid_offset(s, len);
    if (bad != len)
        return giji_error_set(GIJI_EINVAL, "NFKC: byte %zu: invalid UTF-8", bad);
    giji_buf b = {0};
    map_vec m = {0};
    uint32_t index = 0;
    int rc = nfkc_clusters(s, len, &b, &m, &index);
    if (rc == GIJI_OK)
        rc = map_push(&m, index);   /* the end sentinel: code points in s */
    if (rc != GIJI_OK) {
        giji_buf_free(&b);
        free(m.v);
        return rc;
    }
    *ncp = m.n - 1;
    *out = giji_buf_steal(&b);
    *map = m.v;
    return GIJI_OK;
}

/* ---- match key --------------------------------------------------------- */

/* White space as far as comparing names goes (after NFKC, U+3000 and NBSP
 * have already become ASCII spaces, but be explicit). */
static int is_key_space(uint32_t cp)
{
    return giji_cp_is_space(cp) || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
}

char *giji_match_key(const char *s)
{
    char *n = giji_nfkc(s, strlen(s));
    if (!n)
        return NULL;
    /* Compact in place: the key is never longer than the NFKC text. */
    size_t len = strlen(n), w = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = giji_utf8_decode(n + i, len - i, &cp);
        if (!k) {   /* cannot happen after utf8proc; keep the byte */
            cp = (unsigned char)n[i];
            k = 1;
        }
        if (!is_key_space(cp)) {
            memmove(n + w, n + i, k);
            w += k;
        }
        i += k;
    }
    n[w] = '\0';
    return n;
}
