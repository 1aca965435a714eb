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

/* Code points NFKC leaves as they are when they stand alone: printable
 * ASCII, kana, CJK ideographs, and the common CJK punctuation. Japanese text
 * is mostly these, so they skip utf8proc. Inline and ordered by frequency in
 * minutes (kanji, ASCII, kana): it runs for every code point. */
static inline int nfkc_stable(uint32_t cp)
{
    if (cp >= 0x4E00 && cp <= 0x9FFF)
        return 1;
    if (cp < 0x80)
        return (cp >= 0x20 && cp <= 0x7E) || cp == '\n' || cp == '\t';
    return (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
           (cp >= 0x3400 && cp <= 0x4DBF) ||
           cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011) || cp == 0x30FB;
}

/* Does cp belong to the cluster of the code point before it? Combining marks
 * do, and so do the kana sound marks that NFKC composes with the previous
 * kana (half-width ﾞﾟ are letters, not marks, yet "ｶﾞ" -> "ガ"), and Hangul
 * medial/final jamo, which compose with the syllable before them. */
static inline int joins_previous(uint32_t cp)
{
    if (cp < 0x300) /* ASCII and Latin-1: no marks; most of the text */
        return 0;
    if (cp == 0x3099 || cp == 0x309A || cp == 0xFF9E || cp == 0xFF9F)
        return 1;
    if (nfkc_stable(cp)) /* kana, kanji: never marks; skip the table lookup */
        return 0;
    if (cp >= 0x1160 && cp <= 0x11FF)
        return 1;
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
           c == UTF8PROC_CATEGORY_ME;
}

/* Growable array of code points or map entries; the owner frees `v`. */
typedef struct u32_vec {
    uint32_t *v;
    size_t n, cap;
} u32_vec;

static int u32_grow(u32_vec *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    uint32_t *p = realloc(m->v, cap * sizeof *p);
    if (!p)
        return GIJI_NOMEM();
    m->v = p;
    m->cap = cap;
    return GIJI_OK;
}

static inline int u32_push(u32_vec *m, uint32_t x)
{
    if (m->n == m->cap && u32_grow(m))
        return GIJI_ENOMEM;
    m->v[m->n++] = x;
    return GIJI_OK;
}

/* Room for n more entries. One per input byte still to come: NFKC output
 * rarely has more code points than the input has bytes, so the push loop
 * hardly ever grows. */
static int u32_reserve(u32_vec *m, size_t n)
{
    if (!m || m->cap >= m->n + n)
        return GIJI_OK;
    uint32_t *p = realloc(m->v, (m->n + n) * sizeof *p);
    if (!p)
        return GIJI_NOMEM();
    m->v = p;
    m->cap = m->n + n;
    return GIJI_OK;
}

/* NFKC one cluster s[0..len) and append its code points to `out`, each
 * mapped to `origin` in `map` and listed in `cpv` (both when not NULL). */
static int nfkc_cluster(const char *s, size_t len, uint32_t origin, giji_buf *out, u32_vec *map,
                        u32_vec *cpv, size_t *nout)
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
            rc = u32_push(map, origin);
        if (rc == GIJI_OK && cpv)
            rc = u32_push(cpv, (uint32_t)cps[i]);
    }
    if (cps != small)
        free(cps);
    *nout = r > 0 ? (size_t)r : 0;
    return rc;
}

/* The offset map as runs (giji_nfkc_runs): pairs (i, v) appended to *v,
 * map[k] = v + (k - i) from i to the next pair. Between two clusters
 * that are not stable, output and input code points go one for one, so
 * only those clusters can start a run; `delta` is output minus input
 * code points so far. */
typedef struct map_runs {
    uint32_t **v;
    size_t *n, *cap, first;
    int64_t delta;
} map_runs;

static int runs_emit(map_runs *rv, uint64_t k, uint64_t v)
{
    uint32_t *r = *rv->v;
    size_t n = *rv->n;
    if (n > rv->first) {
        uint32_t li = r[2 * (n - 1)], lv = r[2 * (n - 1) + 1];
        if (lv + (k - li) == v)
            return GIJI_OK;
        if (li == k) {
            r[2 * (n - 1) + 1] = (uint32_t)v;
            return GIJI_OK;
        }
    }
    if (k > UINT32_MAX || v > UINT32_MAX)
        return giji_error_set(GIJI_EINVAL, "NFKC: text too long");
    if (n == *rv->cap) {
        size_t cap = *rv->cap ? *rv->cap * 2 : 256;
        uint32_t *p = realloc(r, cap * 2 * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        *rv->v = r = p;
        *rv->cap = cap;
    }
    r[2 * n] = (uint32_t)k;
    r[2 * n + 1] = (uint32_t)v;
    *rv->n = n + 1;
    return GIJI_OK;
}

/* A cluster at input code point `origin`, `in` code points long, made
 * `out` code points: they all map to origin, and the next to origin + in. */
static int runs_cluster(map_runs *rv, uint32_t origin, uint32_t in, size_t out)
{
    uint64_t q = (uint64_t)((int64_t)origin + rv->delta);
    int rc = GIJI_OK;
    for (size_t t = 0; rc == GIJI_OK && t < out; t++)
        rc = runs_emit(rv, q + t, origin);
    if (rc == GIJI_OK)
        rc = runs_emit(rv, q + out, (uint64_t)origin + in);
    rv->delta += (int64_t)out - (int64_t)in;
    return rc;
}

/* What a code point is to the walk below, computed once per code point:
 * a stable one stands for itself (and never joins the one before), a
 * joining one belongs to the cluster before it, anything else is a base
 * that needs utf8proc. Equivalent to nfkc_stable and joins_previous. */
enum { CP_OTHER, CP_STABLE, CP_JOINS };

static inline int cp_class(uint32_t cp)
{
    if (cp >= 0x4E00 && cp <= 0x9FFF)   /* kanji: the most common */
        return CP_STABLE;
    if (cp < 0x300)   /* ASCII, Latin-1: no marks */
        return ((cp >= 0x20 && cp <= 0x7E) || cp == '\n' || cp == '\t') ? CP_STABLE : CP_OTHER;
    if (nfkc_stable(cp))
        return CP_STABLE;
    return joins_previous(cp) ? CP_JOINS : CP_OTHER;
}

/* giji_utf8_decode with the two common cases first: ASCII and a complete
 * 3-byte sequence (all of kana and kanji). Same results. */
static inline size_t decode_fast(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)str;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xF0) == 0xE0 && n >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        uint32_t v = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
        return 0;
    }
    return giji_utf8_decode(str, n, cp);
}

/* The byte length of the code point at u[0..n) when it is stable and
 * simply encoded (ASCII, or three bytes from U+3000 to U+9FFF: kana, CJK
 * punctuation and kanji), with the code point in *cp; else 0, and the
 * general path decodes it. No overlong form or surrogate starts with
 * E3..E9, so the continuation bytes are all there is to check. */
static inline size_t stable_at(const unsigned char *u, size_t n, uint32_t *cp)
{
    unsigned c = u[0];
    if (c < 0x80) {
        *cp = c;
        return ((c >= 0x20 && c <= 0x7E) || c == '\n' || c == '\t') ? 1 : 0;
    }
    if (c < 0xE3 || c > 0xE9 || n < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return 0;
    uint32_t v = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    *cp = v;
    return nfkc_stable(v) ? 3 : 0;
}

/* NFKC cluster by cluster (a base and the marks that compose with it),
 * recording in `m` (when not NULL) the origin of every output code point and
 * in `cpv` (when not NULL) the output code points themselves.
 *
 * Each input code point is decoded and classified once: the look-ahead that
 * ends a cluster is the next cluster's base. Decoding also validates: the
 * first sequence that does not decode is reported at its byte offset, which
 * is the offset giji_utf8_invalid_offset gives, so callers need no separate
 * pass. A stable code point alone in its cluster is copied as it is (in
 * runs, with memcpy); the vectors keep room for one entry per input byte
 * still to come, so that copy needs no capacity check. A stable code point
 * followed by another stable one is such a cluster: those go through a
 * loop of their own (stable_at), which is most of a Japanese text and a
 * third of the instructions of the general path.
 * With `stop` set, ends at the first cluster boundary at or after byte
 * `stop` (*end gets that offset): NFKC of a prefix cut at a cluster boundary
 * is the prefix of the NFKC of the whole. */
static int nfkc_walk(const char *s, size_t len, size_t stop, giji_buf *b, u32_vec *m, u32_vec *cpv,
                     map_runs *rv, uint32_t *count, size_t *end)
{
    int rc = giji_buf_reserve(b, stop < len ? stop : len);
    if (rc == GIJI_OK)
        rc = u32_reserve(m, len + 1);
    if (rc == GIJI_OK)
        rc = u32_reserve(cpv, len + 1);
    size_t i = 0, run = 0;  /* s[run .. i) is a run of stable clusters not yet copied */
    uint32_t index = 0;     /* code point index in s of the next cluster */
    uint32_t cp = 0;
    size_t k = 0;           /* bytes of cp, the decoded base at s[i] */
    int cls = CP_OTHER;     /* its class */
    uint32_t *mv = m ? m->v : NULL, *cv = cpv ? cpv->v : NULL;
    size_t mn = m ? m->n : 0, cn = cpv ? cpv->n : 0;
    if (rc == GIJI_OK && len) {
        if (!(k = decode_fast(s, len, &cp)))
            rc = giji_error_set(GIJI_EINVAL, "NFKC: byte 0: invalid UTF-8");
        cls = cp_class(cp);
    }
    while (rc == GIJI_OK && i < len && i < stop) {
        if (cls == CP_STABLE) {
            const unsigned char *u = (const unsigned char *)s;
            uint32_t next;
            size_t kn;
            while (i < stop && i + k < len && (kn = stable_at(u + i + k, len - i - k, &next))) {
                if (mv)
                    mv[mn++] = index;
                if (cv)
                    cv[cn++] = cp;
                index++;
                i += k;
                cp = next;
                k = kn;
            }
            if (i >= stop)
                break;
        }
        size_t start = i;
        uint32_t origin = index, first = cp;
        int first_cls = cls;
        i += k;
        index++;
        while (i < len) {   /* gather the marks that follow the base */
            if (!(k = decode_fast(s + i, len - i, &cp))) {
                rc = giji_error_set(GIJI_EINVAL, "NFKC: byte %zu: invalid UTF-8", i);
                break;
            }
            cls = cp_class(cp);
            if (cls != CP_JOINS)
                break;
            i += k;
            index++;
        }
        if (rc != GIJI_OK)
            break;
        if (index == origin + 1 && first_cls == CP_STABLE) {
            if (mv)
                mv[mn++] = origin;
            if (cv)
                cv[cn++] = first;
            continue; /* stays in the run */
        }
        rc = giji_buf_append(b, s + run, start - run);
        if (m)
            m->n = mn;
        if (cpv)
            cpv->n = cn;
        size_t nout = 0;
        if (rc == GIJI_OK)
            rc = nfkc_cluster(s + start, i - start, origin, b, m, cpv, &nout);
        if (rc == GIJI_OK && rv)
            rc = runs_cluster(rv, origin, index - origin, nout);
        /* NFKC may have made more code points than bytes: room again for
         * one per byte still to come */
        if (rc == GIJI_OK)
            rc = u32_reserve(m, (len - i) + 1);
        if (rc == GIJI_OK)
            rc = u32_reserve(cpv, (len - i) + 1);
        mv = m ? m->v : NULL;
        cv = cpv ? cpv->v : NULL;
        mn = m ? m->n : 0;
        cn = cpv ? cpv->n : 0;
        run = i;
    }
    if (m)
        m->n = mn;
    if (cpv)
        cpv->n = cn;
    if (rc == GIJI_OK)
        rc = giji_buf_append(b, s + run, i - run);
    *count = index;
    if (end)
        *end = i;
    return rc;
}

char *giji_nfkc(const char *s, size_t len)
{
    giji_buf b = {0};
    uint32_t count;
    if (nfkc_walk(s, len, len, &b, NULL, NULL, NULL, &count, NULL) != GIJI_OK) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

int giji_nfkc_cps(const char *s, size_t len, char **out, uint32_t **map, uint32_t **cps, size_t *ncp)
{
    *out = NULL;
    *map = NULL;
    if (cps)
        *cps = NULL;
    *ncp = 0;
    giji_buf b = {0};
    u32_vec m = {0}, c = {0};
    uint32_t index = 0;
    int rc = nfkc_walk(s, len, len, &b, &m, cps ? &c : NULL, NULL, &index, NULL);
    if (rc == GIJI_OK)
        rc = u32_push(&m, index);   /* the end sentinel: code points in s */
    if (rc != GIJI_OK) {
        giji_buf_free(&b);
        free(m.v);
        free(c.v);
        return rc;
    }
    *ncp = m.n - 1;
    *out = giji_buf_steal(&b);
    *map = m.v;
    if (cps)
        *cps = c.v;
    return GIJI_OK;
}

int giji_nfkc_map(const char *s, size_t len, char **out, uint32_t **map, size_t *ncp)
{
    return giji_nfkc_cps(s, len, out, map, NULL, ncp);
}

int giji_nfkc_runs(const char *s, size_t len, char **out, size_t *outlen, uint32_t **cps, uint32_t **runs,
                   size_t *nruns, size_t *cap, size_t *ncp)
{
    *out = NULL;
    if (cps)
        *cps = NULL;
    *outlen = 0;
    *ncp = 0;
    size_t n0 = *nruns;
    map_runs rv = {.v = runs, .n = nruns, .cap = cap, .first = n0};
    giji_buf b = {0};
    u32_vec c = {0};
    uint32_t index = 0;
    int rc = runs_emit(&rv, 0, 0);
    if (rc == GIJI_OK)
        rc = nfkc_walk(s, len, len, &b, NULL, cps ? &c : NULL, &rv, &index, NULL);
    if (rc != GIJI_OK) {
        giji_buf_free(&b);
        free(c.v);
        *nruns = n0;
        return rc;
    }
    *ncp = (size_t)((int64_t)index + rv.delta);
    *outlen = b.len;
    if (!(*out = giji_buf_steal(&b))) {
        *nruns = n0;
        free(c.v);
        return GIJI_ENOMEM;
    }
    if (cps)
        *cps = c.v;
    return GIJI_OK;
}

int giji_nfkc_append(const char *s, size_t len, giji_nfkc_store *st, size_t *outlen, size_t *ncp)
{
    *outlen = 0;
    *ncp = 0;
    size_t t0 = st->text_len, c0 = st->ncps, r0 = st->nruns;
    /* the walk appends to a giji_buf and a u32_vec: lend it the store's */
    giji_buf b = {.data = st->text, .len = t0, .cap = st->text_cap};
    u32_vec c = {.v = st->cps, .n = c0, .cap = st->cps_cap};
    map_runs rv = {.v = &st->runs, .n = &st->nruns, .cap = &st->runs_cap, .first = r0};
    uint32_t index = 0;
    int rc = runs_emit(&rv, 0, 0);
    if (rc == GIJI_OK)
        rc = nfkc_walk(s, len, len, &b, NULL, &c, &rv, &index, NULL);
    st->text = b.data;
    st->text_cap = b.cap;
    st->cps = c.v;
    st->cps_cap = c.cap;
    if (rc != GIJI_OK) {
        st->text_len = t0;
        st->ncps = c0;
        st->nruns = r0;
        return rc;
    }
    /* the walk leaves the text NUL-terminated (giji_buf): keep the NUL */
    *outlen = b.len - t0;
    st->text_len = b.len + 1;
    st->ncps = c.n;
    *ncp = c.n - c0;
    return GIJI_OK;
}

int giji_nfkc_starts_cluster(const char *s)
{
    uint32_t cp = 0;
    size_t n = strnlen(s, 4);
    return n == 0 || !giji_utf8_decode(s, n, &cp) || !joins_previous(cp);
}

void giji_nfkc_store_free(giji_nfkc_store *st)
{
    free(st->text);
    free(st->cps);
    free(st->runs);
    memset(st, 0, sizeof *st);
}

/* ---- match key --------------------------------------------------------- */

/* Remove white space as far as comparing names goes from n[0..len), in
 * place; returns the new length. ASCII white space, and U+00A0 and U+3000
 * (NFKC has already made those ASCII spaces, but be explicit). Works on
 * bytes: no other code point has a byte equal to an ASCII space, and
 * anything that is not a space, even a stray byte, is kept. */
static size_t key_compact(char *n, size_t len)
{
    size_t w = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)n[i];
        if (c < 0x80) {
            if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'))
                n[w++] = (char)c;
            i++;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)n[i + 1] == 0xA0) {
            i += 2;
            continue;
        }
        if (c == 0xE3 && i + 2 < len && (unsigned char)n[i + 1] == 0x80 && (unsigned char)n[i + 2] == 0x80) {
            i += 3;
            continue;
        }
        n[w++] = (char)c;   /* a lead or continuation byte: copied as it is */
        i++;
    }
    n[w] = '\0';
    return w;
}

/* Bytes of the white space key_compact removes at n[0..len), or 0. */
static size_t key_space(const char *n, size_t len)
{
    unsigned char c = (unsigned char)n[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && len >= 2 && (unsigned char)n[1] == 0xA0)
        return 2;
    if (c == 0xE3 && len >= 3 && (unsigned char)n[1] == 0x80 && (unsigned char)n[2] == 0x80)
        return 3;
    return 0;
}

char *giji_match_key_prefix_nfkc(const char *norm, size_t len, size_t ncp)
{
    /* the key is never longer than the prefix it comes from; what is
     * copied is copied a code point at a time (the text is NFKC, hence
     * valid UTF-8: a lead byte gives the length) */
    static const unsigned char seq[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    size_t cap = len < 4 * ncp ? len : 4 * ncp;
    char *k = malloc(cap + 1);
    if (!k) {
        GIJI_NOMEM();
        return NULL;
    }
    size_t at = 0, w = 0, kept = 0;
    while (at < len && kept < ncp) {
        size_t sp = key_space(norm + at, len - at);
        if (sp) {
            at += sp;
            continue;
        }
        size_t n = seq[(unsigned char)norm[at] >> 4];
        if (n > len - at)
            n = len - at;
        memcpy(k + w, norm + at, n);
        w += n;
        at += n;
        kept++;
    }
    k[w] = '\0';
    return k;
}

char *giji_match_key(const char *s)
{
    char *n = giji_nfkc(s, strlen(s));
    if (!n)
        return NULL;
    key_compact(n, strlen(n));
    return n;
}

char *giji_match_key_prefix(const char *s, size_t len, size_t ncp)
{
    /* Most of the text is 3-byte kana/kanji: start with room for that, and
     * go on from where the last try stopped while the key is too short
     * (white space, which the key drops, or a text of ASCII). */
    size_t stop = ncp * 3 + 16;
    giji_buf b = {0};
    for (;;) {
        uint32_t count;
        size_t end = 0;
        giji_buf_clear(&b);
        if (nfkc_walk(s, len, stop, &b, NULL, NULL, NULL, &count, &end) != GIJI_OK) {
            giji_buf_free(&b);
            return NULL;
        }
        b.len = key_compact(b.data, b.len); /* the walk reserved room: never NULL */
        if (end >= len || giji_utf8_count(b.data, b.len) >= ncp)
            break;
        stop = end * 2;
    }
    return giji_buf_steal(&b);
}
