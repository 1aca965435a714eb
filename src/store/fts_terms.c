/*
 * store/fts_terms.c — the trigrams of the full-text index that begin with a
 * given 2-character text, read from the index's own pages.
 *
 * Why not fts5vocab. A search for a 2-character text (情報) is planned as
 * the trigrams that begin with it (store/fts.c, plan_pair). fts5vocab lists
 * them, but to give each its counts it walks every position list of every
 * one: for 情報 on the 1 GiB benchmark database, 45 trigrams in 1.15 M
 * remarks, 39% of the whole search. The terms themselves are in a few
 * pages. FTS5 keeps, per segment, the first term of each leaf page in the
 * table remarks_fts_idx (the separator: segment id, '0' + a prefix of the
 * term, page number * 2 + a flag), and each leaf page ends with a footer of
 * the offsets of the terms that start on it. So the terms in a range are
 * on the page whose separator is the last one not above the range's start
 * and on the pages whose separators are in the range; reading those and
 * their footers lists them without touching a position list. The remarks
 * each holds are estimated from the bytes its lists take up to the next
 * term, for the plan's cost model (store_fts_plan_needs_scan), which only
 * weighs the index against a scan.
 *
 * The segments and their live pages come from the structure record (an
 * incremental merge deletes a segment's leading pages but not their
 * separators: as FTS5 does, a separator below the segment's first page
 * means its first page).
 * The page format is FTS5's (fts5_index.c, "Segment leaves"), version 4 of
 * its table format, the one SQLite has written since 3.9 (2015). When the
 * table's config says another version, or a page does not parse, the
 * caller goes back to fts5vocab (GIJI_ENOTFOUND), so an unexpected format
 * costs speed, never answers. A term found here whose every remark was
 * deleted (its segment still holds the delete markers) is listed too: in
 * the query it matches nothing.
 * Not responsible for the plan (fts.c).
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FTS5_MAIN_PREFIX '0'
#define FTS5_TABLE_VERSION 4
#define PAGE_ID(segid, pgno) STORE_FTS_PAGE_ID(segid, pgno)

/* The bytes a remark's entry takes in a trigram's lists, on average (the
 * rowid delta, the size and one or two positions), measured on the 1 GiB
 * benchmark database: over all 17,080 pairs of its trigrams, 4.0 estimated
 * 0.924 of the remarks fts5vocab counts. */
double store_fts_bytes_per_doc = 3.7;
#define PAGE_BYTES 4050.0 /* FTS5's default page size (pgsz) */

size_t store_fts_varint(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    for (size_t i = 0; i < 9; i++) {
        if (p + i >= end)
            return 0;
        if (i == 8) {
            *v = (x << 8) | p[i];
            return 9;
        }
        x = (x << 7) | (p[i] & 0x7F);
        if (!(p[i] & 0x80)) {
            *v = x;
            return i + 1;
        }
    }
    return 0;
}

typedef struct found {
    char *term;   /* without the index's '0'; owned */
    size_t len;
    long long page, off; /* where it starts */
    double bytes; /* up to the next term of its segment */
} found;

typedef struct walk {
    giji_store *st;
    const unsigned char *lo, *hi; /* '0' + prefix, and that + U+10FFFF */
    size_t lo_n, hi_n;
    found *v;
    size_t n, cap;
    long long next_page, next_off; /* the first term after the range, or -1 */
    int bad;
} walk;

int store_fts_blob_cmp(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

static int push(walk *w, const unsigned char *t, size_t tn, long long page, long long off)
{
    if (giji_array_grow(&w->v, &w->cap, w->n, sizeof *w->v))
        return GIJI_ENOMEM;
    char *term = malloc(tn);
    if (!term && tn)
        return GIJI_NOMEM();
    memcpy(term, t + 1, tn - 1);
    w->v[w->n++] = (found){.term = term, .len = tn - 1, .page = page, .off = off};
    return GIJI_OK;
}

int store_fts_page_terms(const unsigned char *a, size_t n, store_fts_page_term_fn fn, void *ctx)
{
    size_t foot = n >= 4 ? ((size_t)a[2] << 8 | a[3]) : 0;
    if (n < 4 || foot < 4 || foot > n)
        return -1;
    unsigned char term[1024];
    size_t tn = 0, off = 0;
    const unsigned char *f = a + foot, *end = a + n;
    for (int first = 1; f < end; first = 0) {
        uint64_t delta, len, prefix = 0;
        size_t k = store_fts_varint(f, end, &delta);
        if (!k || off + delta >= foot)
            return -1;
        off += (size_t)delta;
        f += k;
        const unsigned char *p = a + off, *lim = a + foot;
        if (!first) {
            if (!(k = store_fts_varint(p, lim, &prefix)))
                return -1;
            p += k;
        }
        if (!(k = store_fts_varint(p, lim, &len)) || prefix > tn || prefix + len > sizeof term ||
            p + k + len > lim)
            return -1;
        memcpy(term + prefix, p + k, (size_t)len);
        tn = (size_t)(prefix + len);
        int stop = fn(ctx, term, tn, off, (size_t)(p + k + len - a));
        if (stop)
            return stop < 0 ? stop : 1;
    }
    return 0;
}

typedef struct page_walk { walk *w; long long pgno; int rc; } page_walk;

static int range_term(void *ctx, const unsigned char *term, size_t tn, size_t off, size_t after)
{
    (void)after;
    page_walk *pw = ctx;
    walk *w = pw->w;
    if (store_fts_blob_cmp(term, tn, w->lo, w->lo_n) < 0)
        return 0;
    if (store_fts_blob_cmp(term, tn, w->hi, w->hi_n) > 0) {
        if (w->next_page < 0) {
            w->next_page = pw->pgno;
            w->next_off = (long long)off;
        }
        return 1;
    }
    if (tn < 1 || term[0] != FTS5_MAIN_PREFIX)
        return 0;
    return (pw->rc = push(w, term, tn, pw->pgno, (long long)off)) ? 1 : 0;
}

/* The terms that start on page `pgno` of segment `segid`: those in the
 * range are pushed, and the first one after it is noted. */
static int read_page(walk *w, sqlite3_stmt *get, long long segid, long long pgno)
{
    sqlite3_reset(get);
    sqlite3_bind_int64(get, 1, PAGE_ID(segid, pgno));
    int step = sqlite3_step(get);
    if (step != SQLITE_ROW) {
        if (step == SQLITE_DONE) {
            w->bad = 1; /* a separator with no page */
            return GIJI_OK;
        }
        return store_db_error(w->st, "cannot read the full-text index's pages");
    }
    page_walk pw = {w, pgno, GIJI_OK};
    if (store_fts_page_terms(sqlite3_column_blob(get, 0), (size_t)sqlite3_column_bytes(get, 0), range_term, &pw) < 0)
        w->bad = 1;
    return pw.rc;
}

/* The bytes between where each term of this segment starts and where the
 * next one does (or the segment ends, at `last_page`). */
static void measure(walk *w, size_t from, long long last_page)
{
    for (size_t i = from; i < w->n; i++) {
        long long np = i + 1 < w->n ? w->v[i + 1].page : w->next_page >= 0 ? w->next_page : last_page + 1;
        long long no = i + 1 < w->n ? w->v[i + 1].off : w->next_page >= 0 ? w->next_off : 0;
        double b = (double)(np - w->v[i].page) * PAGE_BYTES + (double)(no - w->v[i].off);
        w->v[i].bytes = b > 0 ? b : 0;
    }
}

typedef store_fts_segment segment;

int store_fts_segments(giji_store *st, store_fts_segment **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT block FROM remarks_fts_data WHERE id = 10", &s);
    if (rc)
        return rc;
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW) {
        sqlite3_finalize(s);
        return step == SQLITE_DONE ? GIJI_OK : store_db_error(st, "cannot read the full-text index's structure");
    }
    const unsigned char *a = sqlite3_column_blob(s, 0), *end = a + sqlite3_column_bytes(s, 0), *p = a + 4;
    uint64_t nlevel = 0, nseg = 0, counter;
    size_t k;
    /* a newer layout (SQLite 3.45's, with 0xFF 00 00 01 after the cookie) is not read */
    int ok = end - a >= 8 && p[0] != 0xFF && (k = store_fts_varint(p, end, &nlevel)) && (p += k) &&
             (k = store_fts_varint(p, end, &nseg)) && (p += k) && (k = store_fts_varint(p, end, &counter)) && (p += k) &&
             nseg <= 65536 && nlevel <= 64;
    segment *v = ok && nseg ? calloc((size_t)nseg, sizeof *v) : NULL;
    size_t got = 0;
    if (ok && nseg && !v)
        rc = GIJI_NOMEM();
    for (uint64_t l = 0; ok && v && l < nlevel; l++) {
        uint64_t merge, count;
        ok = (k = store_fts_varint(p, end, &merge)) && (p += k) && (k = store_fts_varint(p, end, &count)) && (p += k);
        for (uint64_t i = 0; ok && i < count; i++) {
            uint64_t id, first, last;
            ok = got < nseg && (k = store_fts_varint(p, end, &id)) && (p += k) && (k = store_fts_varint(p, end, &first)) &&
                 (p += k) && (k = store_fts_varint(p, end, &last)) && (p += k) && id > 0 && first > 0;
            if (ok)
                v[got++] = (segment){(long long)id, (long long)first, (long long)last, (int)l};
        }
    }
    sqlite3_finalize(s);
    if (!ok || got != nseg) {
        free(v);
        return rc;
    }
    *out = v;
    *n = got;
    return rc;
}

static int one_segment(walk *w, const segment *sg, sqlite3_stmt *floor_s, sqlite3_stmt *range_s,
                       sqlite3_stmt *get)
{
    long long segid = sg->id;
    long long pages[4096];
    size_t np = 0;
    int rc = GIJI_OK, step;
    /* the page where the range may begin: the last separator not above it */
    sqlite3_reset(floor_s);
    sqlite3_bind_int64(floor_s, 1, segid);
    sqlite3_bind_blob(floor_s, 2, w->lo, (int)w->lo_n, SQLITE_STATIC);
    if ((step = sqlite3_step(floor_s)) != SQLITE_ROW && step != SQLITE_DONE)
        return store_db_error(w->st, "cannot read the full-text index's separators");
    long long floor = step == SQLITE_ROW ? sqlite3_column_int64(floor_s, 0) >> 1 : sg->first;
    pages[np++] = floor > sg->first ? floor : sg->first;
    /* the pages whose first term is in the range, and the one after */
    sqlite3_reset(range_s);
    sqlite3_bind_int64(range_s, 1, segid);
    sqlite3_bind_blob(range_s, 2, w->lo, (int)w->lo_n, SQLITE_STATIC);
    sqlite3_bind_blob(range_s, 3, w->hi, (int)w->hi_n, SQLITE_STATIC);
    while ((step = sqlite3_step(range_s)) == SQLITE_ROW && np < sizeof pages / sizeof *pages) {
        long long pg = sqlite3_column_int64(range_s, 0) >> 1;
        const unsigned char *t = sqlite3_column_blob(range_s, 1);
        size_t tn = (size_t)sqlite3_column_bytes(range_s, 1);
        if (pg > pages[np - 1])   /* not a page an incremental merge deleted */
            pages[np++] = pg;
        if (store_fts_blob_cmp(t, tn, w->hi, w->hi_n) > 0)
            break; /* the first page past the range: where its last list ends */
    }
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_db_error(w->st, "cannot read the full-text index's separators");
    if (np == sizeof pages / sizeof *pages) {
        w->bad = 1; /* more term pages than a 2-character prefix can have */
        return GIJI_OK;
    }
    size_t from = w->n;
    w->next_page = -1;
    for (size_t i = 0; rc == GIJI_OK && !w->bad && w->next_page < 0 && i < np; i++)
        if (pages[i] <= sg->last)
            rc = read_page(w, get, segid, pages[i]);
    if (rc == GIJI_OK && !w->bad)
        measure(w, from, sg->last); /* with no term after the range: to the segment's end */
    return rc;
}

static int by_term(const void *a, const void *b)
{
    const found *x = a, *y = b;
    return store_fts_blob_cmp((const unsigned char *)x->term, x->len, (const unsigned char *)y->term, y->len);
}

int store_fts_version_known(giji_store *st, int *known)
{
    long long v = 0;
    int rc = store_query_int(st, "SELECT coalesce((SELECT v FROM remarks_fts_config WHERE k = 'version'), 0)", &v);
    *known = rc == GIJI_OK && v == FTS5_TABLE_VERSION;
    return rc;
}

int store_fts_terms(giji_store *st, const char *pre, size_t plen, store_fts_term_fn fn, void *ctx)
{
    int known;
    int rc = store_fts_version_known(st, &known);
    if (rc || !known)
        return rc ? rc : GIJI_ENOTFOUND;
    unsigned char lo[72], hi[76];
    if (plen + 1 > sizeof lo)
        return GIJI_ENOTFOUND;
    lo[0] = FTS5_MAIN_PREFIX;
    memcpy(lo + 1, pre, plen);
    memcpy(hi, lo, plen + 1);
    memcpy(hi + plen + 1, "\xF4\x8F\xBF\xBF", 4); /* U+10FFFF */
    walk w = {.st = st, .lo = lo, .hi = hi, .lo_n = plen + 1, .hi_n = plen + 5};
    segment *segs = NULL;
    size_t nsegs = 0;
    if ((rc = store_fts_segments(st, &segs, &nsegs)) != GIJI_OK)
        return rc;
    long long nonempty = 0; /* an index with pages but no segments read: not understood */
    if (!nsegs && (rc = store_query_int(st, "SELECT count(*) FROM remarks_fts_data WHERE id > 10", &nonempty)))
        return rc;
    if (nonempty)
        return GIJI_ENOTFOUND;
    sqlite3_stmt *floor_s = NULL, *range_s = NULL, *get = NULL;
    rc = store_prepare(st, "SELECT pgno FROM remarks_fts_idx WHERE segid = ?1 AND term <= ?2 "
                                     "ORDER BY term DESC LIMIT 1", &floor_s);
    rc = rc ? rc : store_prepare(st, "SELECT pgno, term FROM remarks_fts_idx WHERE segid = ?1 AND term > ?2 "
                                     "ORDER BY term", &range_s);
    rc = rc ? rc : store_prepare(st, "SELECT block FROM remarks_fts_data WHERE id = ?1", &get);
    for (size_t i = 0; rc == GIJI_OK && !w.bad && i < nsegs; i++)
        rc = one_segment(&w, &segs[i], floor_s, range_s, get);
    free(segs);
    sqlite3_finalize(floor_s);
    sqlite3_finalize(range_s);
    sqlite3_finalize(get);
    if (rc == GIJI_OK && w.bad)
        rc = GIJI_ENOTFOUND;
    if (rc == GIJI_OK && w.n) {
        /* one term in several segments: one call, the remarks summed */
        qsort(w.v, w.n, sizeof *w.v, by_term);
        for (size_t i = 0; rc == GIJI_OK && i < w.n;) {
            size_t j = i;
            double bytes = 0;
            for (; j < w.n && !by_term(&w.v[i], &w.v[j]); j++)
                bytes += w.v[j].bytes;
            long long docs = (long long)(bytes / store_fts_bytes_per_doc) + 1;
            rc = fn(ctx, w.v[i].term, w.v[i].len, docs);
            i = j;
        }
    }
    for (size_t i = 0; i < w.n; i++)
        free(w.v[i].term);
    free(w.v);
    return rc;
}
