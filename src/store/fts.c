/*
 * store/fts.c — giji's side of the trigram index (remarks_fts): the plan of
 * a search (the FTS5 query that finds the texts, and how to tell a real
 * occurrence from trigrams that merely co-occur), and the FTS5 functions
 * registered on every connection that count the occurrences with that plan
 * (giji_occurrences) or keep the best matches and their number in one pass
 * (giji_collect).
 * Not responsible for the SQL around the match (query.c) nor for opening the
 * database (open.c calls store_fts_register).
 *
 * Why a plan and not a phrase. The trigram tokenizer makes one token per
 * character position: the token at position p is the text's characters p,
 * p+1, p+2 (letters folded). A text of L characters therefore occurs at p
 * exactly when the trigrams of the text occur at p, p+1, ..., p+L-3 — which
 * is what FTS5's phrase query checks, reading the position lists of all
 * L-2 trigrams. But trigrams that start at 0, 3, 6, ... (and the last one,
 * at L-3) already cover every character of the text, so the text occurs at
 * p exactly when those ceil(L/3) trigrams occur at p + their start. The plan
 * asks FTS5 for the remarks that have all of them (one-token phrases joined
 * by AND, which reads fewer and shorter position lists) and checks the
 * alignment itself. For セキュリティ, in a third of the remarks of a 1 GiB
 * corpus, that is 2 trigrams instead of 4: about 0.05 CPU-s of FTS5's work
 * instead of 0.1. A remark whose trigrams co-occur but never line up is not
 * a match (its count is 0) and is skipped by the callers.
 *
 * But the covering trigrams may all be frequent while the text is rare
 * (セキュリティの情報: セキュ, リティ and の情報 are everywhere, together in
 * tens of thousands of remarks, lined up in none), where the phrase, which
 * also has the rare trigrams (ィの情), lets FTS5 skip most of the lists:
 * 2 ms as a phrase, 30 as covering trigrams. So the scan starts with the
 * phrases and goes over to the covering trigrams, for the rest of the
 * rowids, once it has found enough matches to call the text frequent, and
 * back if the trigrams keep co-occurring without lining up
 * (store_fts_collect). Both count the same occurrences, so where the switch
 * happens changes no result.
 */
#include "store/store_int.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One text: the phrases of the FTS5 query that stand for it (numbered from
 * `first` in the whole query) and their start in the text, in characters. */
typedef struct fts_group {
    int first;
    int n;
    int start[STORE_FTS_MAX_PHRASES];
} fts_group;

struct store_fts_plan {
    char *phrases;                    /* FTS5 query: each text a phrase; owned */
    char *match;                      /* FTS5 query: covering trigrams; owned */
    fts_group gp[STORE_FTS_MAX_TEXTS];  /* the layout of `phrases` */
    fts_group g[STORE_FTS_MAX_TEXTS];   /* the layout of `match` */
    int ng;
    int split;                        /* does `match` differ from `phrases`? */
    int covering;                     /* the statement running uses `match` */
    /* store_fts_collect's phases: giji_collect skips the rows up to `after`
     * (done by the phase before) and, when `switching`, stops the scan
     * (returns 1) at the row where the phase should give way */
    long long after;
    int switching;
    size_t hits, misses;              /* of this phase */
    /* giji_collect's accumulator (store_fts_plan_collect) */
    size_t limit;                     /* 0: keep every match */
    store_fts_rank *best;             /* a heap (worst on top) when limit > 0 */
    size_t nbest, capbest;
    size_t total;
    int err;                          /* GIJI_OK or what stopped collecting */
};

/* Append s[0..len) to b as the inside of an FTS5 string (quotes doubled). */
static int put_quoted(giji_buf *b, const char *s, size_t len)
{
    int rc = giji_buf_putc(b, '"');
    for (size_t i = 0; rc == GIJI_OK && i < len; i++)
        rc = s[i] == '"' ? giji_buf_puts(b, "\"\"") : giji_buf_putc(b, s[i]);
    return rc ? rc : giji_buf_putc(b, '"');
}

/* The plan's part for one text: its covering trigrams, or the whole text as
 * one phrase when it cannot be split safely (invalid UTF-8, which the
 * tokenizer reads its own way) or splitting saves nothing (3 characters). */
static int plan_text(store_fts_plan *p, giji_buf *b, giji_buf *pb, const char *text, int *phrase)
{
    size_t len = strlen(text);
    size_t off[STORE_FTS_MAX_CHARS + 1];
    size_t nc = 0;
    int split = 1;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k = giji_utf8_decode(text + i, len - i, &c);
        if (!k || nc == STORE_FTS_MAX_CHARS) {
            split = 0;
            break;
        }
        off[nc++] = i;
        i += k;
    }
    off[nc] = len;
    if (nc <= 3)
        split = 0;
    p->split |= split;
    p->gp[p->ng] = (fts_group){.first = p->ng, .n = 1};
    int rc = giji_buf_puts(pb, p->ng ? " OR " : "");
    rc = rc ? rc : put_quoted(pb, text, len);
    fts_group *g = &p->g[p->ng++];
    g->first = *phrase;
    g->n = 0;
    rc = rc ? rc : giji_buf_puts(b, p->ng > 1 ? " OR (" : "(");
    if (!split) {
        g->start[g->n++] = 0;
        rc = rc ? rc : put_quoted(b, text, len);
    } else {
        /* trigrams at 0, 3, 6, ..., and the last one at nc - 3 */
        for (size_t s = 0;;) {
            g->start[g->n++] = (int)s;
            rc = rc ? rc : giji_buf_puts(b, s ? " AND " : "");
            rc = rc ? rc : put_quoted(b, text + off[s], off[s + 3] - off[s]);
            if (s + 3 == nc)
                break;
            s = s + 6 <= nc ? s + 3 : nc - 3;
        }
    }
    *phrase += g->n;
    return rc ? rc : giji_buf_putc(b, ')');
}

int store_fts_plan_new(const char *const *texts, size_t n, store_fts_plan **out)
{
    *out = NULL;
    if (n == 0 || n > STORE_FTS_MAX_TEXTS)
        return giji_error_set(GIJI_EINVAL, "a search takes 1 to %d texts, not %zu", STORE_FTS_MAX_TEXTS, n);
    store_fts_plan *p = calloc(1, sizeof *p);
    if (!p)
        return GIJI_NOMEM();
    giji_buf b = {0}, pb = {0};
    int rc = giji_buf_puts(&b, "");
    rc = rc ? rc : giji_buf_puts(&pb, "");
    int phrase = 0;
    for (size_t i = 0; rc == GIJI_OK && i < n; i++)
        rc = plan_text(p, &b, &pb, texts[i], &phrase);
    if (rc) {
        giji_buf_free(&b);
        giji_buf_free(&pb);
        free(p);
        return rc;
    }
    p->match = giji_buf_steal(&b);
    p->phrases = giji_buf_steal(&pb);
    *out = p;
    return GIJI_OK;
}

void store_fts_plan_free(store_fts_plan *p)
{
    if (!p)
        return;
    free(p->match);
    free(p->phrases);
    free(p->best);
    free(p);
}

const char *store_fts_plan_phrases(const store_fts_plan *p)
{
    return p->phrases;
}

/* ---- counting ------------------------------------------------------------ */

/* How many times group g's text occurs in the current row: the positions of
 * its first phrase at which every other phrase of the group occurs at its
 * start further on (in the same column). Every position list is read once,
 * in order. */
static int group_count(const Fts5ExtensionApi *api, Fts5Context *fts, const fts_group *g, int *count)
{
    Fts5PhraseIter it[STORE_FTS_MAX_PHRASES];
    int col[STORE_FTS_MAX_PHRASES], pos[STORE_FTS_MAX_PHRASES];
    *count = 0;
    for (int j = 0; j < g->n; j++) {
        int rc = api->xPhraseFirst(fts, g->first + j, &it[j], &col[j], &pos[j]);
        if (rc != SQLITE_OK)
            return rc;
        if (col[j] < 0)
            return SQLITE_OK;
    }
    while (col[0] >= 0) {
        int ok = 1;
        for (int j = 1; j < g->n; j++) {
            int want = pos[0] + g->start[j];
            while (col[j] >= 0 && (col[j] < col[0] || (col[j] == col[0] && pos[j] < want)))
                api->xPhraseNext(fts, &it[j], &col[j], &pos[j]);
            if (col[j] < 0)
                return SQLITE_OK;
            ok &= col[j] == col[0] && pos[j] == want;
        }
        *count += ok;
        api->xPhraseNext(fts, &it[0], &col[0], &pos[0]);
    }
    return SQLITE_OK;
}

/* The occurrences of all the plan's texts in the current row. */
static int plan_count(const Fts5ExtensionApi *api, Fts5Context *fts, const store_fts_plan *p, int *count)
{
    *count = 0;
    const fts_group *g = p->covering ? p->g : p->gp;
    for (int i = 0; i < p->ng; i++) {
        int c;
        int rc = group_count(api, fts, &g[i], &c);
        if (rc != SQLITE_OK)
            return rc;
        *count += c;
    }
    return SQLITE_OK;
}

static store_fts_plan *plan_arg(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    store_fts_plan *p = argc == 1 ? sqlite3_value_pointer(argv[0], STORE_FTS_PLAN_TYPE) : NULL;
    if (!p)
        sqlite3_result_error(ctx, "giji's full-text functions take the search plan as their argument", -1);
    return p;
}

/* giji_occurrences(remarks_fts, plan): minus the number of times the plan's
 * texts occur in the row (smaller is better, like bm25), 0 when the row's
 * trigrams co-occur without forming a text (not a match). The ranking of
 * `giji search` with a filter. bm25 also weighs each row's length, which
 * FTS5 reads with one lookup per matching row (xColumnSize), four times the
 * cost of the whole rest of ranking; the occurrences are in the position
 * lists the match has already read. */
static void fts_occurrences(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                            sqlite3_value **argv)
{
    const store_fts_plan *p = plan_arg(ctx, argc, argv);
    int n = 0;
    int rc = p ? plan_count(api, fts, p, &n) : SQLITE_OK;
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else if (p)
        sqlite3_result_int(ctx, -n);
}

/* ---- the best matches in one pass ----------------------------------------- */

/* (rank, id) ascending: the better first, ties in the order stored. */
static int rank_worse(const store_fts_rank *a, const store_fts_rank *b)
{
    return a->rank != b->rank ? a->rank > b->rank : a->id > b->id;
}

/* Keep h[0..n) a heap with the worst match on top. */
static void heap_down(store_fts_rank *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        if (l < n && rank_worse(&h[l], &h[w]))
            w = l;
        if (r < n && rank_worse(&h[r], &h[w]))
            w = r;
        if (w == i)
            return;
        store_fts_rank t = h[i];
        h[i] = h[w];
        h[w] = t;
        i = w;
    }
}

static void heap_up(store_fts_rank *h, size_t i)
{
    while (i > 0 && rank_worse(&h[i], &h[(i - 1) / 2])) {
        store_fts_rank t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

int store_fts_plan_keep(store_fts_plan *p, store_fts_rank m)
{
    p->total++;
    if (p->limit && p->nbest == p->limit) {
        if (rank_worse(&p->best[0], &m)) {
            p->best[0] = m;
            heap_down(p->best, p->nbest, 0);
        }
        return GIJI_OK;
    }
    int rc = giji_array_grow(&p->best, &p->capbest, p->nbest, sizeof *p->best);
    if (rc)
        return rc;
    p->best[p->nbest++] = m;
    if (p->limit)
        heap_up(p->best, p->nbest - 1);
    return GIJI_OK;
}

void store_fts_plan_collect(store_fts_plan *p, size_t limit)
{
    p->limit = limit;
    p->nbest = p->total = 0;
    p->err = GIJI_OK;
}

int store_fts_plan_result(store_fts_plan *p, const store_fts_rank **best, size_t *n, size_t *total)
{
    *best = p->best;
    *n = p->nbest;
    *total = p->total;
    return p->err;
}

/* giji_collect(remarks_fts, plan): counts the row's occurrences and, when it
 * is a match, counts it and keeps it among the plan's best (its accumulator,
 * store_fts_plan_collect); 0, so that the statement
 * `SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH ? AND giji_collect(...)`
 * returns no row, except the row where store_fts_collect's switch says to
 * stop (1). Handing each match back as a row costs more than ranking
 * it here: for 658,475 matches, a quarter of the whole search. */
static void fts_collect(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                        sqlite3_value **argv)
{
    store_fts_plan *p = plan_arg(ctx, argc, argv);
    if (!p)
        return;
    long long rowid = api->xRowid(fts);
    if (rowid <= p->after) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    int n = 0;
    int rc = plan_count(api, fts, p, &n);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    if (n && p->err == GIJI_OK && (p->err = store_fts_plan_keep(p, (store_fts_rank){rowid, -n}))) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (n)
        p->hits++;
    else
        p->misses++;
    /* phrases: enough matches to call the text frequent; covering
     * trigrams: they co-occur without lining up far more often than not */
    int stop = p->switching && (p->covering ? p->misses > 8 * p->hits + store_fts_switch_misses
                                            : n && p->hits >= store_fts_switch_at);
    sqlite3_result_int(ctx, stop);
}

/* Register giji's FTS5 functions on this connection (FTS5's API is reached
 * through a pointer handed out by SELECT fts5(?)). */
int store_fts_register(giji_store *st)
{
    fts5_api *api = NULL;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT fts5(?1)", &s);
    if (rc)
        return rc;
    if (sqlite3_bind_pointer(s, 1, (void *)&api, "fts5_api_ptr", NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW || !api || api->iVersion < 2)
        rc = giji_error_set(GIJI_EDB, "%s: this SQLite has no usable FTS5", st->path);
    sqlite3_finalize(s);
    if (rc == GIJI_OK && (api->xCreateFunction(api, "giji_occurrences", NULL, fts_occurrences, NULL) != SQLITE_OK ||
                          api->xCreateFunction(api, "giji_collect", NULL, fts_collect, NULL) != SQLITE_OK))
        rc = store_db_error(st, "cannot register the full-text ranking");
    return rc;
}

/* ---- the scan: phrases first, then perhaps the covering trigrams ---------- */

size_t store_fts_switch_at = 1024;
size_t store_fts_switch_misses = 4096;

/* giji_collect over the matches of `match` (the plan's phrases or covering
 * trigrams, as p->covering says), in rowid order, skipping those up to
 * p->after; *last gets the rowid where the phase stopped (*stopped). */
static int collect_phase(giji_store *st, store_fts_plan *p, const char *match, int *stopped, long long *last)
{
    *stopped = 0;
    p->hits = p->misses = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH ?1 "
                               "AND giji_collect(remarks_fts, ?2) ORDER BY rowid", &s);
    if (rc)
        return rc;
    int step = SQLITE_ERROR;
    if (store_bind_text(s, 1, match) == SQLITE_OK &&
        sqlite3_bind_pointer(s, 2, p, STORE_FTS_PLAN_TYPE, NULL) == SQLITE_OK)
        step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *stopped = 1;
        *last = sqlite3_column_int64(s, 0);
    }
    if (p->err)
        rc = p->err;
    else if (step != SQLITE_DONE && step != SQLITE_ROW)
        rc = store_db_error(st, "cannot search remarks");
    sqlite3_finalize(s);
    return rc;
}

int store_fts_collect(giji_store *st, store_fts_plan *p, size_t limit)
{
    store_fts_plan_collect(p, limit);
    /* 1. the phrases, until store_fts_switch_at matches; 2. the covering
     * trigrams for the rest, unless they keep co-occurring without lining
     * up; 3. then the phrases again, to the end. Each phase starts after
     * the row where the one before stopped (rowid order), so every match
     * is counted once. */
    p->after = INT64_MIN;
    p->covering = 0;
    p->switching = p->split;
    int stopped = 0;
    long long last = 0;
    int rc = collect_phase(st, p, p->phrases, &stopped, &last);
    for (int phase = 2; rc == GIJI_OK && stopped && phase <= 3; phase++) {
        p->after = last;
        p->covering = phase == 2;
        p->switching = phase == 2;
        rc = collect_phase(st, p, p->covering ? p->match : p->phrases, &stopped, &last);
    }
    p->covering = p->switching = 0;
    p->after = INT64_MIN;
    return rc;
}
