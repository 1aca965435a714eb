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
 *
 * Two characters. A text of two characters has no trigram of its own, but
 * every occurrence of it except one at the very end of a remark is the
 * start of a trigram: the text occurs at p < L-2 exactly when the trigram
 * at p begins with it. So a two-character text is planned as the trigrams
 * of the index that begin with it (read from remarks_fts_terms, the
 * index's vocabulary, schema 6), joined by OR, each position of each of
 * them one occurrence; and the remarks that end with the text, which no
 * trigram holds, come from the expression index remarks_tail
 * (substr(text, -2)) and are counted once more (store_fts_plan_set_tails).
 * "Begins with" means as the index folds letters: the plan asks the
 * index's own tokenizer what it makes of the text (fold_pair).
 */
#define _GNU_SOURCE /* memmem */
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
    int pair;                         /* a 2-character text: n one-term phrases */
    int start[STORE_FTS_MAX_PHRASES];
} fts_group;

struct store_fts_plan {
    char *phrases;                    /* FTS5 query: each text a phrase; owned */
    char *match;                      /* FTS5 query: covering trigrams; owned */
    fts_group gp[STORE_FTS_MAX_TEXTS];  /* the layout of `phrases` */
    fts_group g[STORE_FTS_MAX_TEXTS];   /* the layout of `match` */
    int ng;
    int pb_phrases;                   /* the phrases of `phrases` so far */
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
    int ids_only;                     /* keep the ids of every match only */
    long long *ids;                   /* those, in the order kept */
    size_t nids, capids;
    int err;                          /* GIJI_OK or what stopped collecting */
    /* 2-character texts: how many trigrams stand for them, whether that is
     * more than a plan takes, the spellings a remark's last two characters
     * may have to end with one (owned), and those remarks (sorted), with
     * whether the scan of the index has met each */
    size_t nterms;
    long long docs;                   /* the sum of their remarks (FTS5's doc counts) */
    long long remarks;                /* the largest remark id in the snapshot */
    int too_many;
    int long_texts;                   /* texts of 3 or more characters too */
    uint16_t *tally;                  /* store_fts_tally: occurrences by remark id */
    size_t ntally;
    int tally_full;                   /* a count passed UINT16_MAX */
    int tallied;                      /* giji_tally has walked the lists */
    char **tail_texts;
    size_t ntail_texts;
    long long *tails;
    unsigned char *tail_seen;
    size_t ntails, tail_at;
    char pair_pre[STORE_FTS_MAX_TEXTS][64]; /* a pair group's folded text */
    size_t pair_len[STORE_FTS_MAX_TEXTS];
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
    /* in `phrases` the text is one phrase, after those of the texts
     * before it (a 2-character text's are its trigrams) */
    p->gp[p->ng] = (fts_group){.first = p->pb_phrases++, .n = 1};
    int rc = giji_buf_puts(pb, pb->len ? " OR " : "");
    rc = rc ? rc : put_quoted(pb, text, len);
    fts_group *g = &p->g[p->ng++];
    g->first = *phrase;
    g->n = 0;
    g->pair = 0;
    rc = rc ? rc : giji_buf_puts(b, b->len ? " OR (" : "(");
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

/* ---- 2-character texts ---------------------------------------------------- */

typedef struct fold_ctx {
    char tok[64];
    int n;
} fold_ctx;

static int fold_token(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
    (void)tflags;
    (void)start;
    (void)end;
    fold_ctx *f = ctx;
    if (f->n < 0 && ntok > 0 && ntok < (int)sizeof f->tok) {
        memcpy(f->tok, tok, (size_t)ntok);
        f->n = ntok;
    }
    return SQLITE_OK;
}

/* The first two characters of the trigram the index's own tokenizer makes
 * of text + "x": what the text's trigrams begin with in the index (letters
 * folded as the index folds them). *len 0: the tokenizer made none. */
static int fold_pair(giji_store *st, const char *text, char out[64], size_t *len)
{
    *len = 0;
    char in[64];
    size_t n = strlen(text);
    if (!st->trigram_tok || n + 2 > sizeof in)
        return GIJI_OK;
    memcpy(in, text, n);
    in[n] = 'x';
    fold_ctx f = {.n = -1};
    if (st->trigram.xTokenize(st->trigram_tok, &f, FTS5_TOKENIZE_QUERY, in, (int)n + 1, fold_token) != SQLITE_OK)
        return store_db_error(st, "cannot fold a search text");
    size_t at = 0;
    for (int k = 0; k < 2 && f.n > 0; k++) {
        uint32_t c;
        size_t w = giji_utf8_decode(f.tok + at, (size_t)f.n - at, &c);
        if (!w)
            return GIJI_OK;
        at += w;
    }
    if (f.n > 0 && at < (size_t)f.n) {
        memcpy(out, f.tok, at);
        *len = at;
    }
    return GIJI_OK;
}

/* The spellings whose last two characters a remark must end with to end
 * with `text` as the index compares: each ASCII or full-width Latin letter
 * in either case, other characters as written (the tail index compares
 * bytes). At most 2 x 2 spellings; added to p->tail_texts. */
static int add_tail_texts(store_fts_plan *p, const char *text)
{
    uint32_t c[2];
    size_t at = 0, len = strlen(text);
    for (int k = 0; k < 2; k++) {
        size_t w = giji_utf8_decode(text + at, len - at, &c[k]);
        if (!w)
            return GIJI_OK;
        at += w;
    }
    uint32_t alt[2][2];
    int nalt[2];
    for (int k = 0; k < 2; k++) {
        uint32_t x = c[k], other = x;
        if ((x >= 'a' && x <= 'z') || (x >= 0xFF41 && x <= 0xFF5A))
            other = x - 0x20;
        else if ((x >= 'A' && x <= 'Z') || (x >= 0xFF21 && x <= 0xFF3A))
            other = x + 0x20;
        alt[k][0] = x;
        alt[k][1] = other;
        nalt[k] = other != x ? 2 : 1;
    }
    for (int i = 0; i < nalt[0]; i++)
        for (int j = 0; j < nalt[1]; j++) {
            char s[16];
            size_t w = giji_utf8_encode(alt[0][i], s);
            w += giji_utf8_encode(alt[1][j], s + w);
            s[w] = 0;
            int dup = 0;
            for (size_t t = 0; t < p->ntail_texts; t++)
                dup |= !strcmp(p->tail_texts[t], s);
            if (dup)
                continue;
            char **v = realloc(p->tail_texts, (p->ntail_texts + 1) * sizeof *v);
            if (!v)
                return GIJI_NOMEM();
            p->tail_texts = v;
            if (!(v[p->ntail_texts] = strdup(s)))
                return GIJI_NOMEM();
            p->ntail_texts++;
        }
    return GIJI_OK;
}

/* A term of the index for a 2-character text: one more phrase of the OR. */
typedef struct term_ctx {
    store_fts_plan *p;
    fts_group *g;
    giji_buf *b, *pb;
    const char *pre;
    size_t plen;
} term_ctx;

#define TERMS_TOO_MANY 1 /* add_term's stop: the plan scans instead */

static int add_term(void *ctx, const char *t, size_t tl, long long docs)
{
    term_ctx *c = ctx;
    if (tl < c->plen || memcmp(t, c->pre, c->plen))
        return GIJI_OK;
    if (++c->p->nterms > STORE_FTS_MAX_TERMS) {
        c->p->too_many = 1;
        return TERMS_TOO_MANY;
    }
    c->p->docs += docs;
    int rc = giji_buf_puts(c->b, c->b->len ? " OR " : "");
    rc = rc ? rc : giji_buf_puts(c->pb, c->pb->len ? " OR " : "");
    rc = rc ? rc : put_quoted(c->b, t, tl);
    rc = rc ? rc : put_quoted(c->pb, t, tl);
    c->g->n += rc == GIJI_OK;
    return rc;
}

/* The same from fts5vocab, which counts each term's remarks exactly by
 * walking its lists (the way before fts_terms.c, and its fallback). */
static int vocab_terms(giji_store *st, term_ctx *c)
{
    char hi[64 + 4];
    memcpy(hi, c->pre, c->plen);
    memcpy(hi + c->plen, "\xF4\x8F\xBF\xBF", 4); /* U+10FFFF: after every third character */
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT term, doc FROM remarks_fts_terms WHERE term >= ?1 AND term <= ?2", &s);
    if (rc)
        return rc;
    int step = SQLITE_ERROR;
    if (sqlite3_bind_text(s, 1, c->pre, (int)c->plen, SQLITE_STATIC) == SQLITE_OK &&
        sqlite3_bind_text(s, 2, hi, (int)c->plen + 4, SQLITE_STATIC) == SQLITE_OK)
        while ((step = sqlite3_step(s)) == SQLITE_ROW && rc == GIJI_OK) {
            const char *t = (const char *)sqlite3_column_text(s, 0);
            if (t)
                rc = add_term(c, t, (size_t)sqlite3_column_bytes(s, 0), sqlite3_column_int64(s, 1));
        }
    if (rc == GIJI_OK && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = store_db_error(st, "cannot read the full-text index's terms");
    sqlite3_finalize(s);
    return rc;
}

int store_fts_use_vocab = 0;

/* The plan's part for a 2-character text: the index's trigrams that begin
 * with it (as folded), each a phrase of its own, joined by OR; none when the
 * text occurs only at the end of remarks, or nowhere. A text whose fold
 * another text of the plan already has adds nothing (its occurrences are
 * the same ones). */
static int plan_pair(giji_store *st, store_fts_plan *p, giji_buf *b, giji_buf *pb, const char *text,
                     int *phrase)
{
    char pre[64 + 4];
    size_t plen;
    int rc = fold_pair(st, text, pre, &plen);
    if (rc || !plen) {
        p->too_many |= rc == GIJI_OK; /* nothing to plan with: the caller scans */
        return rc;
    }
    for (int i = 0; i < p->ng; i++)
        if (p->g[i].pair && p->pair_len[i] == plen && !memcmp(p->pair_pre[i], pre, plen))
            return add_tail_texts(p, text);
    fts_group *g = &p->g[p->ng];
    *g = (fts_group){.first = *phrase, .n = 0, .pair = 1};
    memcpy(p->pair_pre[p->ng], pre, plen);
    p->pair_len[p->ng] = plen;
    p->gp[p->ng] = *g;
    p->ng++;
    term_ctx tc = {.p = p, .g = g, .b = b, .pb = pb, .pre = pre, .plen = plen};
    int rc2 = store_fts_use_vocab ? GIJI_ENOTFOUND : store_fts_terms(st, pre, plen, add_term, &tc);
    if (rc2 == GIJI_ENOTFOUND) { /* not a format fts_terms.c reads */
        giji_error_clear();
        rc2 = vocab_terms(st, &tc);
    }
    rc = rc2 == TERMS_TOO_MANY ? GIJI_OK : rc2;
    p->gp[p->ng - 1] = *g;
    p->gp[p->ng - 1].first = p->pb_phrases;
    p->pb_phrases += g->n;
    *phrase += g->n;
    return rc ? rc : add_tail_texts(p, text);
}

/* Would reading every remark cost less than the index? Reading every
 * remark costs about 0.6 µs a remark (1.2 s for the 1.98 M remarks of the
 * 1 GiB benchmark corpus). Through the index, for a search of 2-character
 * texts only, each trigram's list is walked on its own (store_fts_tally):
 * at most 0.1 µs a row of it (at most its doc count) and 20 µs to open it
 * (both measured when each was an SQL query of its own; less now).
 * Otherwise FTS5 reads the rows of all the trigrams OR'ed
 * and giji checks every phrase of the query in each row: 0.15 µs a row and
 * 0.01 µs a phrase (情報, 45 trigrams in 1.15 M rows: 0.5 s; る。, 336
 * trigrams in 2.7 M: 5.3 s). Costs in hundredths of a microsecond. */
double store_fts_scan_cost = 60.0;

int store_fts_plan_needs_scan(const store_fts_plan *p, int keys)
{
    if (p->too_many)
        return 1;
    if (!p->nterms)
        return 0;
    double docs = (double)p->docs, scan = store_fts_scan_cost * (double)p->remarks;
    double index = !keys && store_fts_plan_tallies(p) ? 10.0 * docs + 2000.0 * (double)p->nterms
                                                      : docs * (15.0 + (double)p->nterms);
    return index > scan;
}

int store_fts_plan_new(giji_store *st, const char *const *texts, size_t n, store_fts_plan **out)
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
    for (size_t i = 0; rc == GIJI_OK && !p->too_many && i < n; i++) {
        size_t nc = giji_utf8_count(texts[i], strlen(texts[i]));
        if (nc < 2)
            p->too_many = 1;
        else if (nc == 2)
            rc = plan_pair(st, p, &b, &pb, texts[i], &phrase);
        else
            rc = plan_text(p, &b, &pb, texts[i], &phrase);
        p->long_texts |= nc > 2;
    }
    /* the remarks are counted by the largest id, which costs nothing */
    if (rc == GIJI_OK && p->nterms && !p->too_many)
        rc = store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM remarks", &p->remarks);
    if (rc) {
        giji_buf_free(&b);
        giji_buf_free(&pb);
        store_fts_plan_free(p);
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
    free(p->ids);
    for (size_t i = 0; i < p->ntail_texts; i++)
        free(p->tail_texts[i]);
    free(p->tail_texts);
    free(p->tails);
    free(p->tail_seen);
    free(p->tally);
    free(p);
}

long long store_fts_plan_max_id(const store_fts_plan *p)
{
    return p->remarks;
}

int store_fts_plan_tallies(const store_fts_plan *p)
{
    return p->nterms && !p->long_texts && !p->too_many;
}

int store_fts_plan_empty(const store_fts_plan *p)
{
    return !p->phrases || !*p->phrases;
}

void store_fts_plan_tail_texts(const store_fts_plan *p, const char *const **texts, size_t *n)
{
    *texts = (const char *const *)p->tail_texts;
    *n = p->ntail_texts;
}

int store_fts_plan_set_tails(store_fts_plan *p, long long *ids, size_t n)
{
    free(p->tails);
    free(p->tail_seen);
    p->tails = NULL;
    p->tail_seen = NULL;
    p->ntails = p->tail_at = 0;
    if (!n) {
        free(ids);
        return GIJI_OK;
    }
    qsort(ids, n, sizeof *ids, giji_cmp_ll);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || ids[k - 1] != ids[i])
            ids[k++] = ids[i];
    p->tails = ids;
    p->ntails = k;
    if (!(p->tail_seen = calloc(k, 1)))
        return GIJI_NOMEM();
    return GIJI_OK;
}

/* Does the remark end with one of the plan's 2-character texts? Marks it
 * met. The index is scanned in rowid order, so the search walks on from
 * where the last one ended; a jump back starts it over. */
static int tail_hit(store_fts_plan *p, long long id)
{
    if (!p->ntails)
        return 0;
    if (p->tail_at >= p->ntails || p->tails[p->tail_at] > id)
        p->tail_at = giji_array_lower_bound(p->tails, p->ntails, sizeof *p->tails, 0, id);
    while (p->tail_at < p->ntails && p->tails[p->tail_at] < id)
        p->tail_at++;
    if (p->tail_at < p->ntails && p->tails[p->tail_at] == id) {
        p->tail_seen[p->tail_at] = 1;
        return 1;
    }
    return 0;
}

int store_fts_plan_keep_tails(store_fts_plan *p)
{
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < p->ntails; i++)
        if (!p->tail_seen[i])
            rc = store_fts_plan_keep(p, (store_fts_rank){p->tails[i], -1});
    return rc;
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
static int group_count(const Fts5ExtensionApi *api, Fts5Context *fts, const fts_group *g, int any, int *count)
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
        if (ok && any)
            return SQLITE_OK; /* one is enough */
        api->xPhraseNext(fts, &it[0], &col[0], &pos[0]);
    }
    return SQLITE_OK;
}

/* Add the positions of phrase i in the current row to *count: walked,
 * which is cheaper than xInstCount, which first builds an array of them. */
static int phrase_positions(const Fts5ExtensionApi *api, Fts5Context *fts, int i, int *count)
{
    Fts5PhraseIter it;
    int col, pos;
    int rc = api->xPhraseFirst(fts, i, &it, &col, &pos);
    for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &pos))
        ++*count;
    return rc;
}

/* How many times a 2-character text occurs in the current row before its
 * last two characters: the positions of all its trigrams. */
static int pair_count(const Fts5ExtensionApi *api, Fts5Context *fts, const fts_group *g, int *count)
{
    *count = 0;
    int rc = SQLITE_OK;
    for (int j = 0; rc == SQLITE_OK && j < g->n; j++)
        rc = phrase_positions(api, fts, g->first + j, count);
    return rc;
}

/* The occurrences of all the plan's texts in the current row, with the one
 * at its end when it ends with a 2-character text; for a plan that wants
 * ids only, 1 or more as soon as one is found. */
static int plan_count(const Fts5ExtensionApi *api, Fts5Context *fts, store_fts_plan *p, int *count)
{
    *count = 0;
    const fts_group *g = p->covering ? p->g : p->gp;
    for (int i = 0; i < p->ng; i++) {
        int c;
        int rc = g[i].pair ? pair_count(api, fts, &g[i], &c) : group_count(api, fts, &g[i], p->ids_only, &c);
        if (rc != SQLITE_OK)
            return rc;
        *count += c;
        if (*count && p->ids_only)
            break; /* a match: how many times it holds the texts is not wanted */
    }
    *count += tail_hit(p, api->xRowid(fts));
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
    store_fts_plan *p = plan_arg(ctx, argc, argv);
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
    if (p->ids_only) {
        int rc = giji_array_grow(&p->ids, &p->capids, p->nids, sizeof *p->ids);
        if (rc == GIJI_OK)
            p->ids[p->nids++] = m.id;
        return rc;
    }
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

void store_fts_plan_want_ids(store_fts_plan *p)
{
    p->ids_only = 1;
}

long long *store_fts_plan_take_ids(store_fts_plan *p, size_t *n)
{
    long long *ids = p->ids;
    *n = p->nids;
    p->ids = NULL;
    p->nids = p->capids = 0;
    return ids;
}

void store_fts_plan_collect(store_fts_plan *p, size_t limit)
{
    p->limit = limit;
    p->nbest = p->total = 0;
    p->nids = 0;
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
    /* a row of the phrases holds one at least (FTS5 checked), which is
     * all that the ids need */
    int rc = SQLITE_OK;
    if (p->ids_only && !p->covering)
        n = 1 + tail_hit(p, rowid); /* the tail is met all the same */
    else
        rc = plan_count(api, fts, p, &n);
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

/* One row of one trigram's list (xQueryPhrase's callback): its positions
 * added to the tally of its remark. */
static int tally_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
    store_fts_plan *p = ctx;
    long long rowid = api->xRowid(fts);
    int n = 0;
    int rc = phrase_positions(api, fts, 0, &n);
    if (rc != SQLITE_OK)
        return rc;
    if (rowid < 0 || (unsigned long long)rowid >= p->ntally)
        return SQLITE_CORRUPT; /* beyond the snapshot the plan was made in */
    unsigned v = p->tally[rowid] + (unsigned)n;
    p->tally_full |= v > UINT16_MAX;
    p->tally[rowid] = (uint16_t)(v > UINT16_MAX ? UINT16_MAX : v);
    return SQLITE_OK;
}

/* giji_tally(remarks_fts, plan), called on the first row of the OR of the
 * plan's trigrams: walks each trigram's own list (xQueryPhrase, FTS5 itself
 * stepping, no SQL row per match) into the plan's tally; returns 0. */
static void fts_tally(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc,
                      sqlite3_value **argv)
{
    store_fts_plan *p = plan_arg(ctx, argc, argv);
    if (!p)
        return;
    int rc = SQLITE_OK;
    for (int i = 0; rc == SQLITE_OK && !p->tallied && i < api->xPhraseCount(fts); i++)
        rc = api->xQueryPhrase(fts, i, p, tally_row);
    p->tallied = 1;
    if (rc != SQLITE_OK)
        sqlite3_result_error_code(ctx, rc);
    else
        sqlite3_result_int(ctx, 0);
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
                          api->xCreateFunction(api, "giji_collect", NULL, fts_collect, NULL) != SQLITE_OK ||
                          api->xCreateFunction(api, "giji_tally", NULL, fts_tally, NULL) != SQLITE_OK))
        rc = store_db_error(st, "cannot register the full-text ranking");
    void *ud = NULL;
    if (rc == GIJI_OK && (api->xFindTokenizer(api, "trigram", &ud, &st->trigram) != SQLITE_OK ||
                          st->trigram.xCreate(ud, NULL, 0, &st->trigram_tok) != SQLITE_OK)) {
        st->trigram_tok = NULL;
        rc = giji_error_set(GIJI_EDB, "%s: this SQLite's FTS5 has no trigram tokenizer", st->path);
    }
    return rc;
}

void store_fts_unregister(giji_store *st)
{
    if (st->trigram_tok)
        st->trigram.xDelete(st->trigram_tok);
    st->trigram_tok = NULL;
}

/* ---- the scan, for texts the index cannot answer ----------------------------- */

static int ascii_fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Occurrences of needle (m > 0 bytes) in hay, overlapping, ASCII letters
 * without case (as LIKE compares). Matches start on character boundaries
 * only, since UTF-8 lead bytes never equal continuation bytes. */
static int count_one(const char *hay, size_t n, const char *needle, size_t m)
{
    int cased = 0;
    for (size_t i = 0; i < m; i++)
        cased |= ascii_fold((unsigned char)needle[i]) != (unsigned char)needle[i] ||
                 ((unsigned char)needle[i] >= 'a' && (unsigned char)needle[i] <= 'z');
    int count = 0;
    if (!cased) {
        for (const char *p = hay, *end = hay + n; (p = memmem(p, (size_t)(end - p), needle, m)); p++)
            count++;
        return count;
    }
    int first = ascii_fold((unsigned char)needle[0]);
    for (size_t i = 0; i + m <= n; i++) {
        if (ascii_fold((unsigned char)hay[i]) != first)
            continue;
        size_t k = 1;
        while (k < m && ascii_fold((unsigned char)hay[i + k]) == ascii_fold((unsigned char)needle[k]))
            k++;
        count += k == m;
    }
    return count;
}

int store_scan_count(const char *text, size_t len, const char *const *texts, size_t n)
{
    int count = 0;
    for (size_t i = 0; text && i < n; i++)
        if (*texts[i])
            count += count_one(text, len, texts[i], strlen(texts[i]));
    return count;
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

/* ---- 2-character texts, trigram by trigram ------------------------------------- */

int store_fts_tally(giji_store *st, store_fts_plan *p, size_t limit, const uint64_t *scope)
{
    store_fts_plan_collect(p, limit);
    /* an array by remark id: the ids of a snapshot are dense (2 bytes a
     * remark of the corpus, 4 MB at 1 GiB), and a hash of 800,000 matches
     * would cost more than the array's pass. 16 bits, as the array is
     * walked once per trigram: half the memory to go through as with 32
     * (−15% time for 情報); a remark with more occurrences than 16 bits
     * hold (a text of over 65,535 characters) sends the plan the way of
     * the OR'ed trigrams. */
    p->tally_full = 0;
    p->ntally = (size_t)p->remarks + 1;
    free(p->tally);
    if (!(p->tally = calloc(p->ntally, sizeof *p->tally)))
        return GIJI_NOMEM();
    /* one statement: the OR of the trigrams only opens the lists, and
     * giji_tally, on its first row, walks each list on its own */
    p->tallied = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT giji_tally(remarks_fts, ?2) FROM remarks_fts "
                               "WHERE remarks_fts MATCH ?1 LIMIT 1", &s);
    if (rc == GIJI_OK) {
        int step = SQLITE_ERROR;
        if (store_bind_text(s, 1, p->match) == SQLITE_OK &&
            sqlite3_bind_pointer(s, 2, p, STORE_FTS_PLAN_TYPE, NULL) == SQLITE_OK)
            step = sqlite3_step(s);
        if (step != SQLITE_DONE && step != SQLITE_ROW)
            rc = store_db_error(st, "cannot search remarks");
        sqlite3_finalize(s);
    }
    /* the remarks that end with a text: one more each */
    for (size_t i = 0; rc == GIJI_OK && i < p->ntails; i++) {
        if (p->tails[i] >= 0 && (size_t)p->tails[i] < p->ntally) {
            p->tally_full |= p->tally[p->tails[i]] == UINT16_MAX;
            p->tally[p->tails[i]]++;
        }
        p->tail_seen[i] = 1;
    }
    if (rc == GIJI_OK && p->tally_full) {
        free(p->tally);
        p->tally = NULL;
        p->ntally = 0;
        if (p->ntails)
            memset(p->tail_seen, 0, p->ntails);
        return store_fts_collect(st, p, limit); /* the caller keeps the tails */
    }
    for (size_t id = 0; rc == GIJI_OK && id < p->ntally; id++)
        if (p->tally[id] && (!scope || scope[id / 64] >> (id % 64) & 1))
            rc = store_fts_plan_keep(p, (store_fts_rank){(long long)id, -(int)p->tally[id]});
    free(p->tally);
    p->tally = NULL;
    p->ntally = 0;
    return rc;
}
