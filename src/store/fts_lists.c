/*
 * store/fts_lists.c — the remarks that hold a text of 3 or more characters,
 * found by reading its trigrams' lists from the full-text index's own pages
 * and lining them up here.
 *
 * Why. `giji who TEXT` needs the ids of every remark that holds the text.
 * For a text in a third of the corpus (セキュリティ, 658,510 remarks of the
 * 1 GiB benchmark), FTS5's query spends most of its time around the lists:
 * the virtual table's rows through SQLite's VM, the expression's iterators,
 * an auxiliary function call and its position API per row (1.2 G of the
 * query's 1.6 G instructions). The lists themselves are a few MB of
 * varints. So when every trigram of the text is frequent (FTS5 cannot skip
 * much), the covering trigrams' lists (store/fts.c: at 0, 3, 6, …, and the
 * last) are decoded here and merged over the segments, and a remark holds
 * the text when the trigrams line up in it, as fts.c checks them.
 * A text with a rare trigram is left to FTS5, which skips through the
 * frequent lists by their doclist indexes (GIJI_ENOTFOUND).
 *
 * The format is FTS5's (fts5_index.c, "Segment leaves"), version 4:
 *  - a leaf page: 2 bytes, the offset of the first rowid that starts on
 *    the page (0: none); 2 bytes, where the page's footer starts; the
 *    content; the footer: the offsets of the terms that start on the page
 *    (the first absolute, then deltas);
 *  - a term (prefix-compressed against the one before it on the page, the
 *    first one on a page whole) is followed by its list: rowids (the
 *    term's first, and the first one starting on each page, whole; the
 *    others deltas), each with a size varint (bytes * 2 + a delete flag)
 *    and that many bytes of positions (a varint each: the step from the
 *    last + 2; 1 switches the column). A list and a position list may go on
 *    over the next pages, whose content then continues at byte 4; no varint
 *    is split;
 *  - the segments, oldest first: the highest level first, and in a level
 *    in the structure record's order; for a rowid in several segments the
 *    newest entry counts, and a delete flag removes the older ones (an
 *    incremental merge's output and inputs hold different terms).
 * Anything that does not parse sends the caller back to FTS5
 * (GIJI_ENOTFOUND): an unexpected format costs speed, never answers.
 * Not responsible for the plans of other searches (fts.c).
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/error.h"
#include "util/utf8.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAIN_PREFIX '0'
#define MAX_TRIGRAMS 64

long long store_fts_lists_min_docs = 20000;

/* ---- one segment: the list's bytes, then its entries ---------------------- */

typedef struct raw {
    unsigned char *b;          /* the list's bytes, pages joined */
    size_t n, cap;
    size_t *whole;             /* offsets in b where a whole rowid starts */
    size_t nwhole, capwhole;
} raw;

static int raw_add(raw *r, const unsigned char *p, size_t n, long long rowid_at)
{
    if (rowid_at >= 0) {
        if (giji_array_grow(&r->whole, &r->capwhole, r->nwhole, sizeof *r->whole))
            return GIJI_ENOMEM;
        r->whole[r->nwhole++] = r->n + (size_t)rowid_at;
    }
    while (r->n + n > r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 65536;
        unsigned char *b = realloc(r->b, cap);
        if (!b)
            return GIJI_NOMEM();
        r->b = b;
        r->cap = cap;
    }
    memcpy(r->b + r->n, p, n);
    r->n += n;
    return GIJI_OK;
}

typedef struct reader {
    giji_store *st;
    sqlite3_stmt *floor_s, *pages_s;
    int bad;
} reader;

typedef struct seek {
    const unsigned char *key;
    size_t kn;
    int found;
    size_t from, to;
} seek;

static int seek_term(void *ctx, const unsigned char *term, size_t tn, size_t off, size_t after)
{
    seek *k = ctx;
    if (k->found) { /* the term after ours: its list ends here */
        k->to = off;
        return 1;
    }
    int c = store_fts_blob_cmp(term, tn, k->key, k->kn);
    if (c == 0) {
        k->found = 1;
        k->from = after;
    }
    return c > 0;
}

/* Where the term key[0..kn) ('0' + the term) starts on the page a[0..n):
 * *from just past the term, *to where its list stops on the page (the next
 * term, or the footer: *more). 0: not on the page. */
static int find_on_page(reader *rd, const unsigned char *a, size_t n, const unsigned char *key, size_t kn,
                        size_t *from, size_t *to, int *more)
{
    seek k = {key, kn, 0, 0, 0};
    int r = store_fts_page_terms(a, n, seek_term, &k);
    if (r < 0) {
        rd->bad = 1;
        return 0;
    }
    if (!k.found)
        return 0;
    *from = k.from;
    *more = r == 0; /* no term after ours on the page */
    *to = r == 0 ? ((size_t)a[2] << 8 | a[3]) : k.to;
    return 1;
}

/* The bytes of the term's list in segment sg, pages joined. */
static int read_raw(reader *rd, const store_fts_segment *sg, const unsigned char *key, size_t kn, raw *r)
{
    sqlite3_stmt *s = rd->floor_s;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, sg->id);
    sqlite3_bind_blob(s, 2, key, (int)kn, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return store_db_error(rd->st, "cannot read the full-text index's separators");
    long long pg = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) >> 1 : sg->first;
    if (pg < sg->first)
        pg = sg->first; /* an incremental merge deleted the pages before */
    if (pg > sg->last)
        return GIJI_OK;
    s = rd->pages_s;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, STORE_FTS_PAGE_ID(sg->id, pg));
    sqlite3_bind_int64(s, 2, STORE_FTS_PAGE_ID(sg->id, sg->last));
    int started = 0, rc = GIJI_OK;
    long long expect = STORE_FTS_PAGE_ID(sg->id, pg);
    while (rc == GIJI_OK && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_int64(s, 0) != expect++) {
            rd->bad = 1; /* a page missing */
            break;
        }
        const unsigned char *a = sqlite3_column_blob(s, 1);
        size_t n = (size_t)sqlite3_column_bytes(s, 1);
        size_t foot = n >= 4 ? ((size_t)a[2] << 8 | a[3]) : 0;
        if (n < 4 || foot < 4 || foot > n) {
            rd->bad = 1;
            break;
        }
        size_t rowid_ptr = (size_t)a[0] << 8 | a[1];
        size_t from, to;
        int more = 1;
        if (!started) {
            if (!find_on_page(rd, a, n, key, kn, &from, &to, &more))
                break; /* not in this segment */
            started = 1;
        } else {
            from = 4;
            to = foot;
            if (foot < n) { /* a term starts on this page: ours ends there */
                uint64_t first;
                if (!store_fts_varint(a + foot, a + n, &first) || first < 4 || first > foot) {
                    rd->bad = 1;
                    break;
                }
                to = (size_t)first;
                more = 0;
            }
        }
        long long at = rowid_ptr >= from && rowid_ptr < to ? (long long)(rowid_ptr - from) : -1;
        rc = raw_add(r, a + from, to - from, at);
        if (!more)
            break;
    }
    if (rc == GIJI_OK && step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_db_error(rd->st, "cannot read the full-text index's pages");
    return rc;
}

/* One segment's list, entry by entry, from its bytes: the entry's id,
 * whether it deletes older ones, and its positions' varints (decoded only
 * where the lists meet). The index has one column (remarks_fts: text), so a
 * position is an offset in it; a column marker is not expected and sends
 * the caller back to FTS5. */
typedef struct cursor {
    const raw *r;
    const unsigned char *p, *end;
    size_t w;                  /* the next of r->whole */
    int first, done;
    long long id;
    int del;
    const unsigned char *pos, *pos_end;
} cursor;

static size_t varint_at(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
    if (p < end && p[0] < 0x80) {
        *v = p[0];
        return 1;
    }
    return store_fts_varint(p, end, v);
}

/* To the next entry; c->done past the last. 0: the bytes do not parse. */
static int cursor_next(cursor *c)
{
    if (c->p >= c->end) {
        c->done = 1;
        return 1;
    }
    uint64_t v, sz;
    size_t here = (size_t)(c->p - c->r->b), k = varint_at(c->p, c->end, &v);
    while (c->w < c->r->nwhole && c->r->whole[c->w] < here)
        c->w++; /* a rowid pointer into a position list: corrupt, caught below */
    int whole = c->first || (c->w < c->r->nwhole && c->r->whole[c->w] == here);
    if (!k || (!whole && v == 0))
        return 0;
    c->id = whole ? (long long)v : c->id + (long long)v;
    c->first = 0;
    c->p += k;
    if (!(k = varint_at(c->p, c->end, &sz)) || (size_t)(c->end - c->p - k) < sz / 2)
        return 0;
    c->p += k;
    c->del = (int)(sz & 1);
    c->pos = c->p;
    c->pos_end = c->p = c->p + sz / 2;
    return 1;
}

/* A term's list over every segment, newest entries counting: the segments'
 * cursors merged by id (for an id in several, the newest entry; one that
 * only deletes gives no entry). */
typedef struct mlist {
    raw *raws;                 /* each segment's bytes, oldest first */
    cursor *c;
    size_t nseg;
    size_t win;                /* the cursor of the current entry */
    long long next_other;      /* the lowest id of the other cursors */
    int done;
    long long id;
    const unsigned char *pos, *pos_end;
} mlist;

static void mlist_free(mlist *m)
{
    for (size_t i = 0; m->raws && i < m->nseg; i++) {
        free(m->raws[i].b);
        free(m->raws[i].whole);
    }
    free(m->raws);
    free(m->c);
    memset(m, 0, sizeof *m);
}

/* Make w's entry the list's current one, unless it only deletes (0). */
static int take(mlist *m, const cursor *w)
{
    if (w->del && w->pos == w->pos_end)
        return 0;
    m->id = w->id;
    m->pos = w->pos;
    m->pos_end = w->pos_end;
    return 1;
}

/* To the next entry of the merged list. 0: the bytes do not parse. */
static int mlist_next(mlist *m)
{
    for (;;) {
        /* the winner's run: while its ids stay below the others', segments
         * written at different times hold mostly different ids */
        if (m->win != SIZE_MAX) {
            cursor *w = &m->c[m->win];
            if (!cursor_next(w))
                return 0;
            if (!w->done && w->id < m->next_other) {
                if (take(m, w))
                    return 1;
                continue;
            }
        }
        long long lo = LLONG_MAX;
        size_t win = SIZE_MAX;
        for (size_t i = 0; i < m->nseg; i++) /* the newest of the lowest id */
            if (!m->c[i].done && m->c[i].id <= lo) {
                lo = m->c[i].id;
                win = i;
            }
        if (win == SIZE_MAX) {
            m->done = 1;
            m->win = SIZE_MAX;
            return 1;
        }
        long long next = LLONG_MAX;
        for (size_t i = 0; i < m->nseg; i++) {
            cursor *c = &m->c[i];
            if (i == win || c->done)
                continue;
            if (c->id == lo && !cursor_next(c)) /* an older entry of the same id */
                return 0;
            if (!c->done && c->id < next)
                next = c->id;
        }
        m->win = win;
        m->next_other = next;
        if (take(m, &m->c[win]))
            return 1;
    }
}

/* Positions of an entry, one by one. */
typedef struct pcur {
    const unsigned char *p, *end;
    int64_t at;
    int ok;
} pcur;

/* The next position into pc->at; 0 at the end or on a varint that is not a
 * position (pc->ok cleared). */
static int pcur_next(pcur *pc)
{
    uint64_t v;
    size_t k;
    if (pc->p >= pc->end || !(k = varint_at(pc->p, pc->end, &v)))
        return 0;
    if (v < 2) {
        pc->ok = 0;
        return 0;
    }
    pc->p += k;
    pc->at += (int64_t)v - 2;
    return 1;
}

/* ---- a text ---------------------------------------------------------------- */

typedef struct tri {
    char t[64][32];  /* each trigram as the index holds it */
    int len[64];
    int n;
} tri;

static int take_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    (void)tflags;
    (void)start;
    (void)end;
    tri *t = ctx;
    if (t->n >= MAX_TRIGRAMS || ntok <= 0 || ntok >= 32) {
        t->n = MAX_TRIGRAMS + 1;
        return SQLITE_OK;
    }
    memcpy(t->t[t->n], tok, (size_t)ntok);
    t->len[t->n++] = ntok;
    return SQLITE_OK;
}

typedef struct docs_ctx { long long docs; } docs_ctx;

static int term_docs(void *ctx, const char *term, size_t len, long long docs)
{
    (void)term;
    (void)len;
    ((docs_ctx *)ctx)->docs += docs;
    return 0;
}

/* How many times the current entries of the lists (the same remark) line
 * up: positions p of list 0 with p + start[i] - start[0] in list i (each
 * an occurrence of the text; `one`: stop at the first). 0 with *bad set
 * when a position list does not parse. */
static int lines_up(mlist *const *l, const int *start, int n, int one, int *bad)
{
    pcur a = {l[0]->pos, l[0]->pos_end, 0, 1}, b[MAX_TRIGRAMS];
    int has[MAX_TRIGRAMS];
    for (int i = 1; i < n; i++) {
        b[i] = (pcur){l[i]->pos, l[i]->pos_end, 0, 1};
        has[i] = pcur_next(&b[i]);
    }
    int count = 0;
    while (!(one && count) && pcur_next(&a)) {
        int all = 1;
        for (int i = 1; all && i < n; i++) {
            int64_t want = a.at + start[i] - start[0];
            while (has[i] && b[i].at < want)
                has[i] = pcur_next(&b[i]);
            all = has[i] && b[i].at == want;
        }
        count += all;
    }
    for (int i = 1; i < n; i++)
        *bad |= !b[i].ok;
    *bad |= !a.ok;
    return *bad ? 0 : count;
}

/* A remark that holds the text `count` times (0: not asked, at least once). */
typedef int (*hit_fn)(void *ctx, long long id, int count);

/* hit() for each remark where the lists line up, in id order. */
static int intersect(mlist *const *l, const int *start, int n, int counts, hit_fn hit, void *ctx, int *bad)
{
    for (int i = 0; i < n; i++)
        if (!mlist_next(l[i]))
            return *bad = 1, GIJI_OK;
    for (;;) {
        long long hi = LLONG_MIN;
        for (int i = 0; i < n; i++) {
            if (l[i]->done)
                return GIJI_OK;
            if (l[i]->id > hi)
                hi = l[i]->id;
        }
        int same = 1;
        for (int i = 0; i < n; i++) {
            while (!l[i]->done && l[i]->id < hi)
                if (!mlist_next(l[i]))
                    return *bad = 1, GIJI_OK;
            if (l[i]->done)
                return GIJI_OK;
            same &= l[i]->id == hi;
        }
        if (!same)
            continue;
        int k = lines_up(l, start, n, !counts, bad);
        if (*bad)
            return GIJI_OK;
        int rc = k ? hit(ctx, hi, counts ? k : 0) : GIJI_OK;
        if (rc)
            return rc;
        for (int i = 0; i < n; i++)
            if (!mlist_next(l[i]))
                return *bad = 1, GIJI_OK;
    }
}

/* The term's list over every segment: each segment's bytes, and a cursor
 * on each. */
static int read_list(reader *rd, const store_fts_segment *segs, size_t nsegs, const char *term, size_t tn,
                     mlist *out)
{
    unsigned char key[64];
    memset(out, 0, sizeof *out);
    out->win = SIZE_MAX;
    if (tn + 1 > sizeof key) {
        rd->bad = 1;
        return GIJI_OK;
    }
    key[0] = MAIN_PREFIX;
    memcpy(key + 1, term, tn);
    out->raws = calloc(nsegs ? nsegs : 1, sizeof *out->raws);
    out->c = calloc(nsegs ? nsegs : 1, sizeof *out->c);
    if (!out->raws || !out->c)
        return GIJI_NOMEM();
    int rc = GIJI_OK;
    /* oldest first: the highest level, and in a level as listed */
    int top = 0;
    for (size_t i = 0; i < nsegs; i++)
        if (segs[i].level > top)
            top = segs[i].level;
    for (int level = top; rc == GIJI_OK && !rd->bad && level >= 0; level--)
        for (size_t i = 0; rc == GIJI_OK && !rd->bad && i < nsegs; i++) {
            if (segs[i].level != level)
                continue;
            raw *r = &out->raws[out->nseg];
            rc = read_raw(rd, &segs[i], key, tn + 1, r);
            if (rc == GIJI_OK && r->n) {
                out->c[out->nseg] = (cursor){.r = r, .p = r->b, .end = r->b + r->n, .first = 1};
                if (!cursor_next(&out->c[out->nseg]))
                    rd->bad = 1;
                out->nseg++;
            } else {
                free(r->b);
                free(r->whole);
                memset(r, 0, sizeof *r);
            }
        }
    return rc;
}

/* One text's matches, to hit(); rd->bad or GIJI_ENOTFOUND when this way
 * does not apply (before any hit). */
static int text_hits(reader *rd, const store_fts_segment *segs, size_t nsegs, const char *text, int counts,
                     hit_fn hit, void *ctx)
{
    giji_store *st = rd->st;
    size_t len = strlen(text), nc = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = giji_utf8_decode(text + i, len - i, &c);
        if (!k)
            return GIJI_ENOTFOUND; /* the tokenizer reads invalid UTF-8 its own way */
        i += k;
        nc++;
    }
    tri t = {.n = 0};
    if (!st->trigram_tok || nc < 3 || nc - 2 > MAX_TRIGRAMS)
        return GIJI_ENOTFOUND;
    if (st->trigram.xTokenize(st->trigram_tok, &t, FTS5_TOKENIZE_QUERY, text, (int)len, take_token) != SQLITE_OK)
        return store_db_error(st, "cannot split a search text into trigrams");
    if (t.n != (int)(nc - 2))
        return GIJI_ENOTFOUND;
    /* the covering trigrams, as fts.c's plan_text chooses them */
    int start[MAX_TRIGRAMS], n = 0;
    for (int s = 0;;) {
        start[n++] = s;
        if (s + 3 == (int)nc)
            break;
        s = s + 6 <= (int)nc ? s + 3 : (int)nc - 3;
    }
    /* This way reads the covering trigrams' lists whole; FTS5 skips through
     * them as fast as the rarest trigram lets it. So every trigram must be
     * frequent, and the rarest within a quarter of what is read
     * (サイバーセキュリティ戦略本部: five long lists, one trigram in 20,000
     * remarks: FTS5's way). */
    long long docs[MAX_TRIGRAMS], rarest = LLONG_MAX, read = 0;
    for (int i = 0; i < t.n; i++) {
        docs_ctx d = {0};
        int rc = store_fts_terms(st, t.t[i], (size_t)t.len[i], term_docs, &d);
        if (rc)
            return rc;
        if (d.docs < store_fts_lists_min_docs || d.docs == 0)
            return GIJI_ENOTFOUND;
        docs[i] = d.docs;
        if (d.docs < rarest)
            rarest = d.docs;
    }
    for (int i = 0; i < n; i++)
        read += docs[start[i]];
    if (store_fts_lists_min_docs && rarest * 4 < read)
        return GIJI_ENOTFOUND;
    mlist lists[MAX_TRIGRAMS], *l[MAX_TRIGRAMS];
    int rc = GIJI_OK, got = 0;
    for (; rc == GIJI_OK && !rd->bad && got < n; got++) {
        rc = read_list(rd, segs, nsegs, t.t[start[got]], (size_t)t.len[start[got]], &lists[got]);
        l[got] = &lists[got];
    }
    if (rc == GIJI_OK && !rd->bad)
        rc = intersect(l, start, n, counts, hit, ctx, &rd->bad);
    for (int i = 0; i < got; i++)
        mlist_free(&lists[i]);
    return rc;
}

static int by_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

typedef struct id_list { long long *ids; size_t n, cap; } id_list;

static int add_id(void *ctx, long long id, int count)
{
    (void)count;
    id_list *l = ctx;
    if (l->n == l->cap && giji_array_grow(&l->ids, &l->cap, l->n, sizeof *l->ids))
        return GIJI_ENOMEM;
    l->ids[l->n++] = id;
    return GIJI_OK;
}

/* texts[0..n) through hit(): the segments read, each text's lists lined up. */
static int each_text(giji_store *st, const char *const *texts, size_t n, int counts, hit_fn hit, void *ctx)
{
    int known;
    int rc = store_fts_version_known(st, &known);
    if (rc || !known)
        return rc ? rc : GIJI_ENOTFOUND;
    store_fts_segment *segs = NULL;
    size_t nsegs = 0;
    if ((rc = store_fts_segments(st, &segs, &nsegs)) != GIJI_OK)
        return rc;
    if (!nsegs) {
        free(segs);
        return GIJI_ENOTFOUND; /* empty, or a structure not read: FTS5 knows */
    }
    reader rd = {.st = st};
    rc = store_prepare(st, "SELECT pgno FROM remarks_fts_idx WHERE segid = ?1 AND term <= ?2 "
                           "ORDER BY term DESC LIMIT 1", &rd.floor_s);
    rc = rc ? rc : store_prepare(st, "SELECT id, block FROM remarks_fts_data WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                 &rd.pages_s);
    for (size_t i = 0; rc == GIJI_OK && !rd.bad && i < n; i++)
        rc = text_hits(&rd, segs, nsegs, texts[i], counts, hit, ctx);
    sqlite3_finalize(rd.floor_s);
    sqlite3_finalize(rd.pages_s);
    free(segs);
    return rc == GIJI_OK && rd.bad ? GIJI_ENOTFOUND : rc;
}

int store_fts_text_ids(giji_store *st, const char *const *texts, size_t n, long long **ids, size_t *nids)
{
    id_list l = {0};
    int rc = each_text(st, texts, n, 0, add_id, &l);
    if (rc == GIJI_OK && n > 1 && l.n > 1) { /* several texts: each id once */
        qsort(l.ids, l.n, sizeof *l.ids, by_id);
        size_t k = 1;
        for (size_t i = 1; i < l.n; i++)
            if (l.ids[i] != l.ids[k - 1])
                l.ids[k++] = l.ids[i];
        l.n = k;
    }
    if (rc) {
        free(l.ids);
        l.ids = NULL;
        l.n = 0;
    }
    *ids = l.ids;
    *nids = l.n;
    return rc;
}

static int keep_rank(void *ctx, long long id, int count)
{
    return store_fts_plan_keep(ctx, (store_fts_rank){id, -count});
}

int store_fts_text_keep(giji_store *st, store_fts_plan *p, const char *text)
{
    const char *one[1] = {text};
    return each_text(st, one, 1, 1, keep_rank, p);
}
