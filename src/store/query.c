/*
 * store/query.c — the reads behind the query commands (giji who, topics,
 * remarks, search, timeline, meetings, persons, show): remarks with their
 * meeting, speaker and role at the time, filtered by speaker, entities,
 * meeting, body and dates; full-text search over remarks_fts (FTS5,
 * trigram; store/fts.c plans it) or, for 1-character texts, a scan;
 * meetings and persons with counts; the names a query argument may mean.
 * Not responsible for resolving names, ranking speakers or cutting excerpts
 * (query/), nor for output (cli/).
 *
 * SQL is assembled from constant fragments only: every value from the
 * caller is a bound parameter (qb_int, qb_text), including LIKE patterns,
 * whose % _ and \ are escaped (ESCAPE '\'), and FTS5 queries, which are
 * quoted as one phrase each so that no user text is FTS5 syntax.
 *
 * Partial results: on failure a reader frees what it built and leaves its
 * outputs empty, so callers never free after an error.
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- a statement assembled from constant fragments ---------------------- */

#define QB_MAX_BINDS 96

typedef struct qbind {
    int text;                      /* 1: s, 0: i, 2: ptr (an FTS plan) */
    long long i;
    void *ptr;
    const char *s;                 /* borrowed, or owned when owned = 1 */
    int owned;
} qbind;

typedef struct qb {
    giji_buf sql;
    qbind b[QB_MAX_BINDS];
    int n;
    int err;                       /* GIJI_OK or the first error */
} qb;

static void qb_sql(qb *q, const char *frag)
{
    if (q->err == GIJI_OK)
        q->err = giji_buf_puts(&q->sql, frag);
}

static qbind *qb_slot(qb *q)
{
    if (q->err)
        return NULL;
    if (q->n >= QB_MAX_BINDS) {
        q->err = giji_error_set(GIJI_EINVAL, "query has too many conditions");
        return NULL;
    }
    qbind *b = &q->b[q->n++];
    memset(b, 0, sizeof *b);
    return b;
}

/* A fragment with one '?' and the integer it binds. */
static void qb_int(qb *q, const char *frag, long long v)
{
    qb_sql(q, frag);
    qbind *b = qb_slot(q);
    if (b)
        b->i = v;
}

/* A fragment with one '?' and the text it binds (borrowed: it must live
 * until the statement is finalized). */
static void qb_text(qb *q, const char *frag, const char *v)
{
    qb_sql(q, frag);
    qbind *b = qb_slot(q);
    if (b) {
        b->text = 1;
        b->s = v;
    }
}

/* A fragment with one '?' and the search plan it binds (borrowed). */
static void qb_plan(qb *q, const char *frag, store_fts_plan *plan)
{
    qb_sql(q, frag);
    qbind *b = qb_slot(q);
    if (b) {
        b->text = 2;
        b->ptr = plan;
    }
}

/* The same, taking ownership of v (freed by qb_free); v NULL is ENOMEM. */
static void qb_text_own(qb *q, const char *frag, char *v)
{
    if (!v) {
        if (q->err == GIJI_OK)
            q->err = GIJI_NOMEM();
        return;
    }
    qb_text(q, frag, v);
    if (q->err == GIJI_OK)
        q->b[q->n - 1].owned = 1;
    else
        free(v);
}

static void qb_free(qb *q)
{
    for (int i = 0; i < q->n; i++)
        if (q->b[i].owned)
            free((char *)q->b[i].s);
    giji_buf_free(&q->sql);
    memset(q, 0, sizeof *q);
}

static int qb_prepare(giji_store *st, qb *q, sqlite3_stmt **out)
{
    *out = NULL;
    if (q->err)
        return q->err;
    int rc = store_prepare(st, q->sql.data, out);
    for (int i = 0; rc == GIJI_OK && i < q->n; i++) {
        int b = q->b[i].text == 2   ? sqlite3_bind_pointer(*out, i + 1, q->b[i].ptr, STORE_FTS_PLAN_TYPE, NULL)
                : q->b[i].text ? store_bind_text(*out, i + 1, q->b[i].s)
                               : store_bind_int(*out, i + 1, q->b[i].i);
        if (b != SQLITE_OK)
            rc = store_db_error(st, "cannot bind a query value");
    }
    if (rc) {
        sqlite3_finalize(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- rows into arrays ---------------------------------------------------- */

/* Fill *elem (zeroed) from the current row of s. */
typedef int (*row_reader)(sqlite3_stmt *s, void *elem);

/* Append every row of q to *out (elements of `size` bytes, *n of them so
 * far, capacity *cap). The statement is finalized; `what` names the read
 * in an error. */
static int qb_append_rows(giji_store *st, qb *q, size_t size, row_reader row, const char *what, void *out,
                          size_t *n, size_t *cap)
{
    sqlite3_stmt *s;
    int rc = qb_prepare(st, q, &s);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, cap, *n, size)))
            break;
        char *elem = *(char **)out + *n * size;
        memset(elem, 0, size);
        (*n)++;
        if ((rc = row(s, elem)))
            break;
    }
    rc = store_loop_end(st, rc, step, what);
    sqlite3_finalize(s);
    return rc;
}

/* Every row of q as a new array, read in one snapshot; q is freed. On
 * failure free_rows(*out, *n) runs and *out, *n are emptied. */
static int qb_rows(giji_store *st, qb *q, size_t size, row_reader row, void (*free_rows)(void *, size_t),
                   const char *what, void *out, size_t *n)
{
    *(void **)out = NULL;
    *n = 0;
    size_t cap = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc == GIJI_OK) {
        rc = qb_append_rows(st, q, size, row, what, out, n, &cap);
        store_read_end(st, own);
    }
    qb_free(q);
    if (rc) {
        free_rows(*(void **)out, *n);
        *(void **)out = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- filters ------------------------------------------------------------ */

/* The ids of entity `id`, and with `desc` of every entity below it: an SQL
 * row source for "entity_id IN (...)". */
static void qb_entity_set(qb *q, long long id, int desc)
{
    if (desc)
        qb_int(q, "(WITH RECURSIVE sub(id) AS (SELECT ? UNION "
                  "SELECT e.id FROM entities e JOIN sub ON e.parent_id = sub.id) SELECT id FROM sub)",
               id);
    else
        qb_int(q, "(?)", id);
}

/* Conditions on the meeting `g` (meetings), each starting with " AND ". */
static void qb_meeting_filter(qb *q, const giji_hit_filter *f)
{
    if (!f)
        return;
    if (f->meeting)
        qb_int(q, " AND g.id = ?", f->meeting);
    if (f->body) {
        qb_text(q, " AND (g.body = ?", f->body);
        qb_text(q, " OR g.parent_body = ?)", f->body);
    }
    if (f->from)
        qb_text(q, " AND g.date >= ?", f->from);
    if (f->to)
        qb_text(q, " AND g.date <= ?", f->to);
}

/* Conditions on the remark `r`, each starting with " AND ". */
static void qb_remark_filter(qb *q, const giji_hit_filter *f)
{
    if (!f)
        return;
    if (f->speaker)
        qb_int(q, " AND r.speaker_id = ?", f->speaker);
    for (size_t i = 0; i < f->nentities; i++) {
        qb_sql(q, " AND r.id IN (SELECT remark_id FROM mentions WHERE entity_id IN ");
        qb_entity_set(q, f->entities[i], f->descendants);
        qb_sql(q, ")");
    }
    qb_meeting_filter(q, f);
}

static int check_filter(const giji_hit_filter *f)
{
    if (f && f->nentities > GIJI_HIT_MAX_ENTITIES)
        return giji_error_set(GIJI_EINVAL, "at most %d entities can be combined, not %zu",
                              GIJI_HIT_MAX_ENTITIES, f->nentities);
    if (f && f->nentities && !f->entities)
        return giji_error_set(GIJI_EINVAL, "entity filter without entities");
    return GIJI_OK;
}

/* ---- remark hits -------------------------------------------------------- */

/* The columns of a hit; the first mention of f's first entity, when there is
 * one, gives start and end. `rank` is an SQL expression (constant text). */
static void qb_hit_columns(qb *q, const giji_hit_filter *f, const char *rank)
{
    qb_sql(q, "SELECT r.id, r.seq, r.meeting_id, s.name, g.date, g.body, g.session, r.line, "
              "r.last_line, r.speaker_id, p.name, coalesce(a.display, p.display), a.role, "
              "r.speaker_label, r.attribution, r.cue, r.text, ");
    if (f && f->nentities) {
        for (int k = 0; k < 2; k++) {
            qb_sql(q, k ? "(SELECT mm.\"end\"" : "(SELECT mm.\"start\"");
            qb_sql(q, " FROM mentions mm WHERE mm.remark_id = r.id AND mm.entity_id IN ");
            qb_entity_set(q, f->entities[0], f->descendants);
            qb_sql(q, " ORDER BY mm.\"start\", mm.\"end\" LIMIT 1), ");
        }
    } else {
        qb_sql(q, "-1, -1, ");
    }
    qb_sql(q, rank);
}

/* Joins from remarks `r` to its meeting, source, speaker and attendance. */
static const char hit_joins[] =
    " JOIN meetings g ON g.id = r.meeting_id JOIN sources s ON s.id = g.source_id"
    " LEFT JOIN persons p ON p.id = r.speaker_id"
    " LEFT JOIN attendances a ON a.id = (SELECT a2.id FROM attendances a2"
    " WHERE a2.meeting_id = r.meeting_id AND a2.person_id = r.speaker_id ORDER BY a2.seq LIMIT 1)";

static const char corpus_order[] = "g.date NULLS LAST, s.name, r.seq";

static int read_hit(sqlite3_stmt *s, giji_remark_hit *h)
{
    memset(h, 0, sizeof *h);
    h->id = sqlite3_column_int64(s, 0);
    h->seq = sqlite3_column_int(s, 1);
    h->meeting = sqlite3_column_int64(s, 2);
    h->session = sqlite3_column_type(s, 6) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 6);
    h->line = (unsigned)sqlite3_column_int64(s, 7);
    h->last_line = (unsigned)sqlite3_column_int64(s, 8);
    h->speaker = sqlite3_column_int64(s, 9);
    h->start = sqlite3_column_type(s, 17) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(s, 17);
    h->end = sqlite3_column_type(s, 18) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(s, 18);
    h->rank = sqlite3_column_double(s, 19);
    struct { int col; char **to; } text[] = {
        {3, &h->source}, {4, &h->date}, {5, &h->body}, {10, &h->speaker_name},
        {11, &h->speaker_display}, {12, &h->role}, {13, &h->speaker_label},
        {14, &h->attribution}, {15, &h->cue}, {16, &h->text},
    };
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < sizeof text / sizeof *text; i++)
        rc = store_col_text(s, text[i].col, text[i].to);
    if (rc == GIJI_OK && !h->text && !(h->text = calloc(1, 1)))
        rc = GIJI_NOMEM();
    return rc;
}

void giji_remark_hit_free(giji_remark_hit *h)
{
    if (!h)
        return;
    char *strings[] = {h->source, h->date, h->body, h->speaker_name, h->speaker_display, h->role,
                       h->speaker_label, h->attribution, h->cue, h->text};
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        free(strings[i]);
    memset(h, 0, sizeof *h);
}

void giji_remark_hits_free(giji_remark_hit *h, size_t n)
{
    for (size_t i = 0; h && i < n; i++)
        giji_remark_hit_free(&h[i]);
    free(h);
}

static int hit_row(sqlite3_stmt *s, void *elem)
{
    return read_hit(s, elem);
}

static int read_hits(giji_store *st, qb *q, giji_remark_hit **out, size_t *n)
{
    size_t cap = *n;
    return qb_append_rows(st, q, sizeof **out, hit_row, "cannot read remarks", out, n, &cap);
}

static int read_count(giji_store *st, qb *q, size_t *count)
{
    sqlite3_stmt *s;
    int rc = qb_prepare(st, q, &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(s, 0);
    else
        rc = store_db_error(st, "cannot count remarks");
    sqlite3_finalize(s);
    return rc;
}

/* Run the reads of a hit query in one snapshot; on failure free and empty. */
typedef int (*hits_reader)(giji_store *st, void *ctx, giji_remark_hit **out, size_t *n, size_t *total);

static int run_hits(giji_store *st, hits_reader fn, void *ctx, giji_remark_hit **out, size_t *n,
                    size_t *total)
{
    size_t dummy;
    if (!total)
        total = &dummy;
    *out = NULL;
    *n = 0;
    *total = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = fn(st, ctx, out, n, total);
    store_read_end(st, own);
    if (rc) {
        giji_remark_hits_free(*out, *n);
        *out = NULL;
        *n = 0;
        *total = 0;
    }
    return rc;
}

typedef struct hits_ctx {
    const giji_hit_filter *f;
    size_t limit;
    const char *const *texts;
    size_t ntexts;
} hits_ctx;

/* The remarks of filter f, as rows of (id, corpus order) for the hit
 * queries below: from entity_remarks when f names entities (one narrow
 * contiguous range per entity, which also carries meeting, position and
 * speaker), else from remarks. Only the meeting and its source are joined
 * for the order; the wide remark rows are not read. */
static void qb_hit_keys(qb *q, const giji_hit_filter *f)
{
    if (f && f->nentities) {
        /* DISTINCT: with descendants a remark may mention several of them */
        qb_sql(q, "SELECT DISTINCT er.remark_id AS kid, g.date AS kdate, s.name AS kname, er.seq AS kseq "
                  "FROM entity_remarks er JOIN meetings g ON g.id = er.meeting_id "
                  "JOIN sources s ON s.id = g.source_id WHERE er.entity_id IN ");
        qb_entity_set(q, f->entities[0], f->descendants);
        if (f->speaker)
            qb_int(q, " AND er.speaker_id = ?", f->speaker);
        for (size_t i = 1; i < f->nentities; i++) {
            qb_sql(q, " AND er.remark_id IN (SELECT remark_id FROM entity_remarks WHERE entity_id IN ");
            qb_entity_set(q, f->entities[i], f->descendants);
            qb_sql(q, ")");
        }
        qb_meeting_filter(q, f);
    } else {
        qb_sql(q, "SELECT r.id AS kid, g.date AS kdate, s.name AS kname, r.seq AS kseq "
                  "FROM remarks r JOIN meetings g ON g.id = r.meeting_id "
                  "JOIN sources s ON s.id = g.source_id WHERE 1");
        qb_remark_filter(q, f);
    }
}

/* In two steps: the ids of the remarks in corpus order (only the first
 * `limit`), then the details of those alone. In one query SQLite computes
 * every column of every matching remark (its text, its first mention, the
 * speaker's attendance) before it sorts and cuts: 0.45 s for `remarks
 * --entity` of the most mentioned entity with --limit 10 on a 100 MB
 * corpus. */
static int hits_read(giji_store *st, void *ctx, giji_remark_hit **out, size_t *n, size_t *total)
{
    const hits_ctx *c = ctx;
    qb q = {0};
    qb_hit_columns(&q, c->f, "0");
    qb_sql(&q, " FROM (");
    qb_hit_keys(&q, c->f);
    qb_sql(&q, " ORDER BY kdate NULLS LAST, kname, kseq");
    if (c->limit)
        qb_int(&q, " LIMIT ?", (long long)c->limit);
    qb_sql(&q, ") k JOIN remarks r ON r.id = k.kid");
    qb_sql(&q, hit_joins);
    qb_sql(&q, " ORDER BY ");
    qb_sql(&q, corpus_order);
    int rc = read_hits(st, &q, out, n);
    qb_free(&q);
    *total = *n;
    if (rc == GIJI_OK && c->limit && *n == c->limit) {
        qb_sql(&q, "SELECT count(*) FROM (");
        qb_hit_keys(&q, c->f);
        qb_sql(&q, ")");
        rc = read_count(st, &q, total);
        qb_free(&q);
    }
    return rc;
}

int giji_store_remark_hits(giji_store *st, const giji_hit_filter *f, size_t limit,
                           giji_remark_hit **out, size_t *n, size_t *total)
{
    *out = NULL;
    *n = 0;
    if (total)
        *total = 0;
    int rc = check_filter(f);
    if (rc)
        return rc;
    hits_ctx c = {f, limit, NULL, 0};
    return run_hits(st, hits_read, &c, out, n, total);
}

/* ---- full-text search --------------------------------------------------- */

#define SEARCH_MAX_TEXTS STORE_FTS_MAX_TEXTS

/* '%' + s with % _ \ escaped by '\' + '%': a LIKE pattern for "contains s". */
static char *like_contains(const char *s)
{
    giji_buf b = {0};
    int rc = giji_buf_putc(&b, '%');
    for (const char *p = s; rc == GIJI_OK && *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            rc = giji_buf_putc(&b, '\\');
        rc = rc ? rc : giji_buf_putc(&b, *p);
    }
    rc = rc ? rc : giji_buf_putc(&b, '%');
    if (rc) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

/* Are the tables of the queries there (remarks_fts, entity_remarks)? A
 * database from before the queries has neither. */
static int has_query_tables(giji_store *st)
{
    long long n = 0;
    if (store_query_int(st, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name IN ('remarks_fts', 'entity_remarks')", &n))
        return -1;
    return n == 2;
}

static int filter_empty(const giji_hit_filter *f)
{
    return !f || (!f->speaker && !f->nentities && !f->meeting && !f->body && !f->from && !f->to);
}

/* The remarks (r, with meeting g) that pass c->f: FROM ... WHERE 1 ...,
 * joined to the meeting only when the filter asks about it. */
static void qb_filtered_remarks(qb *q, const hits_ctx *c)
{
    qb_sql(q, " FROM remarks r");
    if (!filter_empty(c->f))
        qb_sql(q, " JOIN meetings g ON g.id = r.meeting_id");
    qb_sql(q, " WHERE 1");
    qb_remark_filter(q, c->f);
}

/* The remarks (r, with meeting g, and source s for `sources`) that hold a
 * match of the plan's FTS5 query `match` and pass c->f: FROM ... WHERE ....
 * Without a filter or source the index alone answers (no join). */
static void qb_search_from(qb *q, const hits_ctx *c, const char *match, int sources)
{
    int join = !filter_empty(c->f) || sources;
    qb_sql(q, " FROM remarks_fts");
    if (join)
        qb_sql(q, " JOIN remarks r ON r.id = remarks_fts.rowid JOIN meetings g ON g.id = r.meeting_id");
    if (sources)
        qb_sql(q, " JOIN sources s ON s.id = g.source_id");
    qb_text(q, " WHERE remarks_fts MATCH ?", match);
    qb_remark_filter(q, c->f);
}

/* Is remarks_fts there? (A database from before full-text search has none.) */
static int check_fts(giji_store *st)
{
    int ok = has_query_tables(st);
    if (ok < 0)
        return giji_error_last();
    if (!ok)
        return giji_error_set(GIJI_EDB, "%s: this database has no index for queries (it was written by "
                              "a giji without them): ingest the minutes into a new database",
                              st->path);
    return GIJI_OK;
}

/* The remarks passing c->f whose last two characters are one of the plan's
 * 2-character texts (remarks_tail), handed to the plan. */
static int read_tails(giji_store *st, const hits_ctx *c, store_fts_plan *plan)
{
    const char *const *tails;
    size_t nt;
    store_fts_plan_tail_texts(plan, &tails, &nt);
    if (!nt)
        return store_fts_plan_set_tails(plan, NULL, 0);
    qb q = {0};
    qb_sql(&q, "SELECT r.id");
    qb_filtered_remarks(&q, c);
    for (size_t i = 0; i < nt; i++)
        qb_text(&q, i ? ", ?" : " AND substr(r.text, -2) IN (?", tails[i]);
    qb_sql(&q, ")");
    sqlite3_stmt *s;
    int rc = qb_prepare(st, &q, &s);
    qb_free(&q);
    if (rc)
        return rc;
    long long *ids = NULL;
    size_t n = 0;
    rc = store_step_ids(st, s, &ids, &n, "cannot search remarks");
    sqlite3_finalize(s);
    if (rc) {
        free(ids);
        return rc;
    }
    return store_fts_plan_set_tails(plan, ids, n);
}

/* The remarks (ids up to max) that pass c->f, as a bitmap by id (*out,
 * the caller's to free): read from the remarks' meeting index, not their
 * rows. */
static int read_scope(giji_store *st, const hits_ctx *c, long long max, uint64_t **out)
{
    *out = calloc((size_t)max / 64 + 1, sizeof **out);
    if (!*out)
        return GIJI_NOMEM();
    qb q = {0};
    qb_sql(&q, "SELECT r.id");
    qb_filtered_remarks(&q, c);
    sqlite3_stmt *s;
    int rc = qb_prepare(st, &q, &s);
    qb_free(&q);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        if (id >= 0 && id <= max)
            (*out)[id / 64] |= 1ULL << (id % 64);
    }
    rc = store_loop_end(st, GIJI_OK, step, "cannot search remarks");
    sqlite3_finalize(s);
    return rc;
}

/* Every match of the plan (passing c->f), counted, the best c->limit kept
 * (0: all), for store_fts_plan_result. One pass: ranking with ORDER BY ...
 * LIMIT and then counting with count(*) evaluates the match twice. Without
 * a filter the index alone answers, and giji_collect ranks and counts each
 * match inside the scan of the index (no row comes back; store/fts.c);
 * with one, each match of the phrases that passes it comes back with its
 * occurrences and is ranked here. Then the remarks that end with a
 * 2-character text and hold no other match. */
static int index_matches(giji_store *st, const hits_ctx *c, store_fts_plan *plan)
{
    int rc = read_tails(st, c, plan);
    if (rc)
        return rc;
    /* for the ways that rank here: tails only, or a filter */
    store_fts_plan_collect(plan, c->limit);
    if (store_fts_plan_empty(plan)) {
        /* only remarks that end with the texts, or none */
    } else if (store_fts_plan_tallies(plan)) {
        uint64_t *scope = NULL;
        rc = filter_empty(c->f) ? GIJI_OK : read_scope(st, c, store_fts_plan_max_id(plan), &scope);
        rc = rc ? rc : store_fts_tally(st, plan, c->limit, scope);
        free(scope);
    } else if (filter_empty(c->f)) {
        /* one frequent text: its lists read here (store/fts_lists.c) */
        rc = c->ntexts == 1 ? store_fts_text_keep(st, plan, c->texts[0]) : GIJI_ENOTFOUND;
        if (rc == GIJI_ENOTFOUND)
            rc = store_fts_collect(st, plan, c->limit);
    } else {
        qb q = {0};
        qb_plan(&q, "SELECT r.id, giji_occurrences(remarks_fts, ?)", plan);
        qb_search_from(&q, c, store_fts_plan_phrases(plan), 0);
        sqlite3_stmt *s;
        rc = qb_prepare(st, &q, &s);
        qb_free(&q);
        if (rc)
            return rc;
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            store_fts_rank m = {sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1)};
            if (m.rank && (rc = store_fts_plan_keep(plan, m)))
                break;
        }
        rc = store_loop_end(st, rc, step, "cannot search remarks");
        sqlite3_finalize(s);
    }
    return rc ? rc : store_fts_plan_keep_tails(plan);
}

/* A pass over the rows of q (freed here), whose column `col` is a remark's
 * text: hit(s, n, ctx) for each row where c's texts occur n > 0 times
 * (store_scan_count). The scan behind texts the index cannot answer. */
typedef int (*scan_hit)(sqlite3_stmt *s, int n, void *ctx);

static int scan_rows(giji_store *st, qb *q, int col, const hits_ctx *c, scan_hit hit, void *ctx)
{
    sqlite3_stmt *s;
    int rc = qb_prepare(st, q, &s);
    qb_free(q);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *text = (const char *)sqlite3_column_text(s, col);
        int n = store_scan_count(text, (size_t)sqlite3_column_bytes(s, col), c->texts, c->ntexts);
        if (n && (rc = hit(s, n, ctx)))
            break;
    }
    rc = store_loop_end(st, rc, step, "cannot search remarks");
    sqlite3_finalize(s);
    return rc;
}

static int keep_hit(sqlite3_stmt *s, int n, void *plan)
{
    return store_fts_plan_keep(plan, (store_fts_rank){sqlite3_column_int64(s, 0), -n});
}

/* The same for texts the index cannot answer: one pass over the text of
 * every remark passing c->f, counting in C (store_scan_count). */
static int scan_matches(giji_store *st, const hits_ctx *c, store_fts_plan *plan)
{
    qb q = {0};
    qb_sql(&q, "SELECT r.id, r.text");
    qb_filtered_remarks(&q, c);
    store_fts_plan_collect(plan, c->limit);
    return scan_rows(st, &q, 1, c, keep_hit, plan);
}

/* The matches of c's texts as a JSON array of [id, rank] (the best
 * c->limit; for json_each) and their number: through the index, or by a
 * scan when a text is too short for it. */
static int top_matches(giji_store *st, const hits_ctx *c, char **json, size_t *total)
{
    *json = NULL;
    *total = 0;
    store_fts_plan *plan = NULL;
    int rc = store_fts_plan_new(st, c->texts, c->ntexts, &plan);
    if (rc)
        return rc;
    rc = store_fts_plan_needs_scan(plan, 0) ? scan_matches(st, c, plan) : index_matches(st, c, plan);
    const store_fts_rank *h;
    size_t n;
    int err = store_fts_plan_result(plan, &h, &n, total);
    rc = rc ? rc : err;
    giji_buf b = {0};
    for (size_t i = 0; rc == GIJI_OK && i < n; i++)
        rc = giji_buf_printf(&b, "%s[%lld,%d]", i ? "," : "[", h[i].id, h[i].rank);
    rc = rc ? rc : giji_buf_puts(&b, n ? "]" : "[]");
    store_fts_plan_free(plan);
    if (rc) {
        giji_buf_free(&b);
        return rc;
    }
    *json = giji_buf_steal(&b);
    return GIJI_OK;
}

/* The best `limit` matches first (ids and rank only, cheap), then their
 * details: ranking never reads more than the index and, with a filter, the
 * remarks' meeting. */
static int search_read(giji_store *st, void *ctx, giji_remark_hit **out, size_t *n, size_t *total)
{
    const hits_ctx *c = ctx;
    int rc = check_fts(st);
    if (rc)
        return rc;
    char *best = NULL;
    if ((rc = top_matches(st, c, &best, total)))
        return rc;
    qb q = {0};
    qb_text_own(&q, "WITH top(id, rnk) AS (SELECT json_extract(value, '$[0]'), "
                    "json_extract(value, '$[1]') FROM json_each(?)) ", best);
    qb_hit_columns(&q, c->f, "top.rnk");
    qb_sql(&q, " FROM top JOIN remarks r ON r.id = top.id");
    qb_sql(&q, hit_joins);
    qb_sql(&q, " ORDER BY 20, ");
    qb_sql(&q, corpus_order);
    rc = read_hits(st, &q, out, n);
    qb_free(&q);
    return rc;
}

int giji_store_remark_search(giji_store *st, const char *const *texts, size_t ntexts,
                             const giji_hit_filter *f, size_t limit, giji_remark_hit **out,
                             size_t *n, size_t *total)
{
    *out = NULL;
    *n = 0;
    if (total)
        *total = 0;
    int rc = check_filter(f);
    if (rc)
        return rc;
    if (ntexts == 0 || ntexts > SEARCH_MAX_TEXTS)
        return giji_error_set(GIJI_EINVAL, "a search takes 1 to %d texts, not %zu", SEARCH_MAX_TEXTS,
                              ntexts);
    for (size_t i = 0; i < ntexts; i++)
        if (!texts[i] || !*texts[i])
            return giji_error_set(GIJI_EINVAL, "cannot search for an empty text");
    hits_ctx c = {f, limit, texts, ntexts};
    return run_hits(st, search_read, &c, out, n, total);
}

static int hit_get_read(giji_store *st, void *ctx, giji_remark_hit **out, size_t *n, size_t *total)
{
    qb q = {0};
    qb_hit_columns(&q, NULL, "0");
    qb_sql(&q, " FROM remarks r");
    qb_sql(&q, hit_joins);
    qb_int(&q, " WHERE r.id = ?", *(const long long *)ctx);
    int rc = read_hits(st, &q, out, n);
    qb_free(&q);
    *total = *n;
    return rc;
}

int giji_store_remark_hit_get(giji_store *st, long long id, giji_remark_hit *out)
{
    memset(out, 0, sizeof *out);
    giji_remark_hit *h = NULL;
    size_t n = 0;
    int rc = run_hits(st, hit_get_read, &id, &h, &n, NULL);
    if (rc)
        return rc;
    if (n == 0) {
        giji_remark_hits_free(h, n);
        return giji_error_set(GIJI_ENOTFOUND, "%s: no remark with id %lld", st->path, id);
    }
    *out = h[0];
    free(h);
    return GIJI_OK;
}

/* ---- keys and hits by id (giji who) ------------------------------------- */

static void key_free(giji_remark_key *k)
{
    free(k->label);
    free(k->date);
    free(k->source);
}

void giji_remark_keys_free(giji_remark_key *k, size_t n)
{
    for (size_t i = 0; k && i < n; i++)
        key_free(&k[i]);
    free(k);
}

/* A key from the columns id, meeting, speaker, label, inferred, date,
 * source name, seq (the order every key query selects them in). */
static int key_row(sqlite3_stmt *s, void *elem)
{
    giji_remark_key *k = elem;
    k->id = sqlite3_column_int64(s, 0);
    k->meeting = sqlite3_column_int64(s, 1);
    k->speaker = sqlite3_column_int64(s, 2);
    k->inferred = sqlite3_column_int(s, 4);
    k->seq = sqlite3_column_int(s, 7);
    int rc = store_col_text(s, 3, &k->label);
    rc = rc ? rc : store_col_text(s, 5, &k->date);
    return rc ? rc : store_col_text(s, 6, &k->source);
}

static void free_keys(void *k, size_t n)
{
    giji_remark_keys_free(k, n);
}

static const char remark_key_columns[] =
    "SELECT r.id, r.meeting_id, r.speaker_id, CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, "
    "r.attribution = 'inferred', g.date, s.name, r.seq";

static int key_id_cmp(const void *a, const void *b)
{
    long long x = ((const giji_remark_key *)a)->id, y = ((const giji_remark_key *)b)->id;
    return (x > y) - (x < y);
}

/* Drop the keys read twice (a remark that holds a match of the index and
 * ends with a 2-character text). */
static void keys_unique(giji_remark_key *k, size_t *n)
{
    if (*n < 2)
        return;
    qsort(k, *n, sizeof *k, key_id_cmp);
    size_t w = 1;
    for (size_t i = 1; i < *n; i++) {
        if (k[i].id == k[w - 1].id)
            key_free(&k[i]);
        else
            k[w++] = k[i];
    }
    *n = w;
}

/* The key columns (and `extra`, a constant list of further columns) of the
 * remarks r passing c->f, with meeting g and source s: SELECT ... WHERE 1 .... */
static void qb_key_remarks(qb *q, const hits_ctx *c, const char *extra)
{
    qb_sql(q, remark_key_columns);
    qb_sql(q, extra);
    qb_sql(q, " FROM remarks r JOIN meetings g ON g.id = r.meeting_id "
              "JOIN sources s ON s.id = g.source_id WHERE 1");
    qb_remark_filter(q, c->f);
}

typedef struct key_list {
    giji_remark_key **out;
    size_t *n, *cap;
} key_list;

static int key_hit(sqlite3_stmt *s, int n, void *ctx)
{
    (void)n;
    key_list *l = ctx;
    int rc = giji_array_grow(l->out, l->cap, *l->n, sizeof **l->out);
    if (rc)
        return rc;
    giji_remark_key *k = &(*l->out)[(*l->n)++];
    memset(k, 0, sizeof *k);
    return key_row(s, k);
}

/* Keys of a pass over every remark passing c->f: those that contain one of
 * c's texts. */
static int scan_keys_read(giji_store *st, const hits_ctx *c, giji_remark_key **out, size_t *n, size_t *cap)
{
    qb q = {0};
    qb_key_remarks(&q, c, ", r.text");
    key_list l = {out, n, cap};
    return scan_rows(st, &q, 8, c, key_hit, &l);
}

/* The keys of the remarks that contain one of c's texts, passing c->f:
 * those of the index's matches (every match of a plan's phrases is an
 * occurrence) and of the remarks that end with a 2-character text; or, for
 * texts the index cannot answer, of a pass over every remark. */
static int text_keys_read(giji_store *st, const hits_ctx *c, giji_remark_key **out, size_t *n)
{
    store_fts_plan *plan = NULL;
    int rc = store_fts_plan_new(st, c->texts, c->ntexts, &plan);
    if (rc)
        return rc;
    size_t cap = 0;
    if (store_fts_plan_needs_scan(plan, 1)) {
        rc = scan_keys_read(st, c, out, n, &cap);
        store_fts_plan_free(plan);
        return rc;
    }
    qb q = {0};
    if (!store_fts_plan_empty(plan)) {
        qb_sql(&q, remark_key_columns);
        qb_search_from(&q, c, store_fts_plan_phrases(plan), 1);
        rc = qb_append_rows(st, &q, sizeof **out, key_row, "cannot read remarks", out, n, &cap);
        qb_free(&q);
    }
    const char *const *tails;
    size_t nt;
    store_fts_plan_tail_texts(plan, &tails, &nt);
    if (rc == GIJI_OK && nt) {
        qb_key_remarks(&q, c, "");
        for (size_t i = 0; i < nt; i++)
            qb_text(&q, i ? ", ?" : " AND substr(r.text, -2) IN (?", tails[i]);
        qb_sql(&q, ")");
        rc = qb_append_rows(st, &q, sizeof **out, key_row, "cannot read remarks", out, n, &cap);
        qb_free(&q);
        if (rc == GIJI_OK)
            keys_unique(*out, n);
    }
    store_fts_plan_free(plan);
    return rc;
}

static int keys_read(giji_store *st, const hits_ctx *c, giji_remark_key **out, size_t *n)
{
    if (c->ntexts)
        return text_keys_read(st, c, out, n);
    qb q = {0};
    if (c->f && c->f->nentities == 1) {
        /* one entity: its range of entity_remarks, no remark row read */
        qb_sql(&q, "SELECT er.remark_id, er.meeting_id, er.speaker_id, er.label, er.inferred, g.date, "
                   "s.name, er.seq FROM entity_remarks er JOIN meetings g ON g.id = er.meeting_id "
                   "JOIN sources s ON s.id = g.source_id WHERE er.entity_id IN ");
        qb_entity_set(&q, c->f->entities[0], c->f->descendants);
        if (c->f->speaker)
            qb_int(&q, " AND er.speaker_id = ?", c->f->speaker);
        qb_meeting_filter(&q, c->f);
        if (c->f->descendants)
            qb_sql(&q, " GROUP BY er.remark_id");
    } else {
        qb_key_remarks(&q, c, "");
    }
    size_t cap = 0;
    int rc = qb_append_rows(st, &q, sizeof **out, key_row, "cannot read remarks", out, n, &cap);
    qb_free(&q);
    return rc;
}

int giji_store_remark_keys(giji_store *st, const giji_hit_filter *f, const char *const *texts,
                           size_t ntexts, giji_remark_key **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int rc = check_filter(f);
    if (rc)
        return rc;
    if (ntexts > SEARCH_MAX_TEXTS)
        return giji_error_set(GIJI_EINVAL, "a search takes 1 to %d texts, not %zu", SEARCH_MAX_TEXTS,
                              ntexts);
    for (size_t i = 0; i < ntexts; i++)
        if (!texts[i] || !*texts[i])
            return giji_error_set(GIJI_EINVAL, "cannot search for an empty text");
    int own;
    if ((rc = store_read_begin(st, &own)))
        return rc;
    hits_ctx c = {f, 0, texts, ntexts};
    rc = check_fts(st);
    rc = rc ? rc : keys_read(st, &c, out, n);
    store_read_end(st, own);
    if (rc) {
        giji_remark_keys_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* The ids as a JSON array, for json_each(?): one bound value, however many. */
static char *json_ids(const long long *ids, size_t n)
{
    giji_buf b = {0};
    int rc = giji_buf_putc(&b, '[');
    for (size_t i = 0; rc == GIJI_OK && i < n; i++)
        rc = giji_buf_printf(&b, "%s%lld", i ? "," : "", ids[i]);
    rc = rc ? rc : giji_buf_putc(&b, ']');
    if (rc) {
        giji_buf_free(&b);
        return NULL;
    }
    return giji_buf_steal(&b);
}

/* ---- who raised a text: the matches, then their columns (schema 7) ------ */

/* Sort ids[0..n), which are ascending but for a tail appended after them
 * (the remarks that end with a 2-character text and hold no other match):
 * the tail sorted and merged, not the whole list. */
static int ids_sort(long long *ids, size_t n)
{
    size_t k = 1;
    while (k < n && ids[k - 1] <= ids[k])
        k++;
    if (k >= n)
        return GIJI_OK;
    qsort(ids + k, n - k, sizeof *ids, giji_cmp_ll);
    long long *m = malloc(n * sizeof *m);
    if (!m)
        return GIJI_NOMEM();
    size_t a = 0, b = k, o = 0;
    while (a < k || b < n)
        m[o++] = b == n || (a < k && ids[a] <= ids[b]) ? ids[a++] : ids[b++];
    memcpy(ids, m, n * sizeof *m);
    free(m);
    return GIJI_OK;
}

static int text_remarks_read(giji_store *st, const hits_ctx *c, long long **ids, size_t *n, int *indexed)
{
    store_fts_plan *plan = NULL;
    int rc = check_fts(st);
    rc = rc ? rc : store_fts_plan_new(st, c->texts, c->ntexts, &plan);
    if (rc)
        return rc;
    *indexed = !store_fts_plan_needs_scan(plan, 0);
    if (*indexed) { /* texts in a large share of the corpus: their lists read here */
        rc = store_fts_text_ids(st, c->texts, c->ntexts, ids, n);
        if (rc != GIJI_ENOTFOUND) {
            store_fts_plan_free(plan);
            return rc;
        }
        rc = GIJI_OK;
    }
    store_fts_plan_want_ids(plan);
    if (*indexed)
        rc = index_matches(st, c, plan);
    const store_fts_rank *h = NULL;
    size_t nh = 0, total = 0;
    int err = store_fts_plan_result(plan, &h, &nh, &total);
    rc = rc ? rc : *indexed ? err : GIJI_OK;
    if (rc == GIJI_OK && *indexed) {
        *ids = store_fts_plan_take_ids(plan, n);
        rc = ids_sort(*ids, *n);
    }
    store_fts_plan_free(plan);
    return rc;
}

void giji_meeting_keys_free(giji_meeting_key *k, size_t n)
{
    for (size_t i = 0; k && i < n; i++) {
        free(k[i].date);
        free(k[i].source);
    }
    free(k);
}

static int meeting_key_row(sqlite3_stmt *s, void *elem)
{
    giji_meeting_key *k = elem;
    k->id = sqlite3_column_int64(s, 0);
    int rc = store_col_text(s, 1, &k->date);
    return rc ? rc : store_col_text(s, 2, &k->source);
}

static void free_meeting_keys(void *k, size_t n)
{
    giji_meeting_keys_free(k, n);
}

/* The meetings that pass f, of ids[0..n) only (NULL: all). */
static int meeting_keys_of(giji_store *st, const giji_hit_filter *f, const long long *ids, size_t n,
                           giji_meeting_key **out, size_t *nout)
{
    qb q = {0};
    /* all: a pass over the table in id order (ordered by date, the planner
     * walks meetings_date and looks up every row: 4 times the time, 35,159
     * meetings at 1 GiB) */
    if (ids)
        qb_text_own(&q, "SELECT g.id, g.date, s.name FROM json_each(?) j JOIN meetings g ON g.id = j.value "
                        "JOIN sources s ON s.id = g.source_id WHERE 1",
                    json_ids(ids, n));
    else
        qb_sql(&q, "SELECT g.id, g.date, s.name FROM meetings g NOT INDEXED JOIN sources s ON s.id = g.source_id "
                   "WHERE 1");
    qb_meeting_filter(&q, f);
    qb_sql(&q, " ORDER BY g.id");
    return qb_rows(st, &q, sizeof **out, meeting_key_row, free_meeting_keys, "cannot read meetings", out, nout);
}

int giji_store_meeting_keys(giji_store *st, const giji_hit_filter *f, giji_meeting_key **out, size_t *n)
{
    return meeting_keys_of(st, f, NULL, 0, out, n);
}

size_t store_text_meetings_looked_up = 1024;

/* The meetings of the matches (out->cols) that pass f. */
static int text_meetings(giji_store *st, const giji_hit_filter *f, giji_text_remarks *out)
{
    long long *m = NULL;
    size_t nm = 0, cap = 0;
    int rc = GIJI_OK;
    size_t i = 0;
    for (; rc == GIJI_OK && i < out->n && nm <= store_text_meetings_looked_up; i++) {
        long long id = out->cols[i].meeting;
        if (!id || (nm && m[nm - 1] == id))
            continue;
        if ((rc = giji_array_grow(&m, &cap, nm, sizeof *m)) == GIJI_OK)
            m[nm++] = id;
    }
    if (rc == GIJI_OK && nm > 1)
        qsort(m, nm, sizeof *m, giji_cmp_ll);
    int seen_all = i == out->n;
    size_t u = 0;
    for (size_t k = 0; k < nm; k++)
        if (!u || m[u - 1] != m[k])
            m[u++] = m[k];
    if (rc == GIJI_OK)
        rc = seen_all && u <= store_text_meetings_looked_up ? meeting_keys_of(st, f, m, u, &out->meetings, &out->nmeetings)
                                          : meeting_keys_of(st, f, NULL, 0, &out->meetings, &out->nmeetings);
    free(m);
    return rc;
}

void giji_text_remarks_free(giji_text_remarks *t)
{
    if (!t)
        return;
    giji_remark_cols_clear(t->cols, t->n);
    free(t->cols);
    free(t->ids);
    giji_meeting_keys_free(t->meetings, t->nmeetings);
    memset(t, 0, sizeof *t);
}

static int text_remarks_all(giji_store *st, const char *const *texts, size_t ntexts, const giji_hit_filter *f,
                            giji_text_remarks *out)
{
    /* no filter on the matches, every one kept (limit 0) */
    hits_ctx c = {NULL, 0, texts, ntexts};
    int rc = text_remarks_read(st, &c, &out->ids, &out->n, &out->indexed);
    if (rc || !out->indexed)
        return rc;
    if (out->n && !(out->cols = calloc(out->n, sizeof *out->cols)))
        return GIJI_NOMEM();
    rc = store_cols_read(st, out->ids, out->n, out->cols);
    return rc ? rc : text_meetings(st, f, out);
}

int giji_store_text_remarks(giji_store *st, const char *const *texts, size_t ntexts,
                            const giji_hit_filter *f, giji_text_remarks *out)
{
    memset(out, 0, sizeof *out);
    if (ntexts == 0 || ntexts > SEARCH_MAX_TEXTS)
        return giji_error_set(GIJI_EINVAL, "a search takes 1 to %d texts, not %zu", SEARCH_MAX_TEXTS,
                              ntexts);
    for (size_t i = 0; i < ntexts; i++)
        if (!texts[i] || !*texts[i])
            return giji_error_set(GIJI_EINVAL, "cannot search for an empty text");
    int rc = check_filter(f);
    int own;
    rc = rc ? rc : store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = text_remarks_all(st, texts, ntexts, f, out);
    store_read_end(st, own);
    if (rc)
        giji_text_remarks_free(out);
    return rc;
}

/* ---- the derived counts (giji who of one entity, schema 4) ---------------- */

void giji_entity_speakers_free(giji_entity_speaker *sp, size_t n)
{
    for (size_t i = 0; sp && i < n; i++)
        free(sp[i].label);
    free(sp);
}

static int speaker_row(sqlite3_stmt *s, void *elem)
{
    giji_entity_speaker *e = elem;
    e->person = sqlite3_column_int64(s, 0);
    e->remarks = sqlite3_column_int64(s, 2);
    e->inferred = sqlite3_column_int64(s, 3);
    /* '' stands for "no label" in the table (it cannot hold NULL) */
    if (sqlite3_column_bytes(s, 1) == 0)
        return GIJI_OK;
    return store_col_text(s, 1, &e->label);
}

static void free_speakers(void *sp, size_t n)
{
    giji_entity_speakers_free(sp, n);
}

int giji_store_entity_speakers(giji_store *st, long long entity, giji_entity_speaker **out, size_t *n,
                               long long *meetings)
{
    *meetings = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    qb q = {0};
    qb_int(&q, "SELECT speaker_id, label, remarks, inferred FROM entity_speakers WHERE entity_id = ?",
           entity);
    rc = qb_rows(st, &q, sizeof **out, speaker_row, free_speakers, "cannot read the speakers of an entity",
                     out, n);
    if (rc == GIJI_OK) {
        qb_int(&q, "SELECT count(*) FROM entity_meetings WHERE entity_id = ?", entity);
        size_t m = 0;
        rc = read_count(st, &q, &m);
        qb_free(&q);
        *meetings = (long long)m;
    }
    store_read_end(st, own);
    if (rc) {
        giji_entity_speakers_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* The key columns of key_row from entity_remarks er joined to its meeting g
 * and source s. */
static const char key_columns[] =
    "SELECT er.remark_id, er.meeting_id, er.speaker_id, er.label, er.inferred, g.date, s.name, er.seq ";

int giji_store_speaker_keys(giji_store *st, long long entity, long long person, const char *label,
                            giji_remark_key **out, size_t *n)
{
    qb q = {0};
    qb_sql(&q, key_columns);
    if (person) {
        /* from the person's remarks (remarks_speaker), each looked up in
         * the entity's range: a person's remarks are far fewer than a
         * frequent entity's */
        qb_sql(&q, "FROM remarks r CROSS JOIN entity_remarks er ON er.remark_id = r.id");
        qb_int(&q, " AND er.entity_id = ?", entity);
        qb_sql(&q, " JOIN meetings g ON g.id = er.meeting_id JOIN sources s ON s.id = g.source_id");
        qb_int(&q, " WHERE r.speaker_id = ?", person);
    } else {
        qb_sql(&q, "FROM entity_remarks er JOIN meetings g ON g.id = er.meeting_id "
                   "JOIN sources s ON s.id = g.source_id");
        qb_int(&q, " WHERE er.entity_id = ? AND er.speaker_id IS NULL", entity);
        if (label)
            qb_text(&q, " AND er.label = ?", label);
        else
            qb_sql(&q, " AND er.label IS NULL");
    }
    return qb_rows(st, &q, sizeof **out, key_row, free_keys, "cannot read the remarks of a speaker", out, n);
}

/* Below this many meetings with an anonymous remark, the anonymous remarks
 * of an entity are found from its meetings (O(meetings of the entity));
 * above, by walking all meetings in date order (meetings_date) until enough
 * are found, which for a frequent entity takes a few steps, and costs at
 * most one probe per stored meeting. */
#define ANON_BY_DATE 512

/* The threshold; GIJI_TEST_ANON_BY_DATE overrides it so that the unit tests,
 * whose entities are in a few meetings, take both ways. */
static long long anon_by_date(void)
{
    const char *v = getenv("GIJI_TEST_ANON_BY_DATE");
    return v && *v ? atoll(v) : ANON_BY_DATE;
}

/* The stats of the entity's anonymous remarks by meeting. */
static int anon_stats(giji_store *st, long long entity, giji_anonymous_stats *stats)
{
    qb q = {0};
    qb_int(&q, "SELECT count(*) FROM entity_meetings WHERE entity_id = ? AND anonymous > 0", entity);
    size_t n = 0;
    int rc = read_count(st, &q, &n);
    qb_free(&q);
    stats->meetings = (long long)n;
    if (rc || !n)
        return rc;
    static const char *const sql[2][2] = {
        {"SELECT min(g.date) FROM entity_meetings em JOIN meetings g ON g.id = em.meeting_id "
         "WHERE em.entity_id = ?1 AND em.anonymous > 0",
         "SELECT max(g.date) FROM entity_meetings em JOIN meetings g ON g.id = em.meeting_id "
         "WHERE em.entity_id = ?1 AND em.anonymous > 0"},
        {"SELECT g.date FROM meetings g CROSS JOIN entity_meetings em ON em.entity_id = ?1 "
         "AND em.meeting_id = g.id WHERE em.anonymous > 0 AND g.date IS NOT NULL ORDER BY g.date LIMIT 1",
         "SELECT g.date FROM meetings g CROSS JOIN entity_meetings em ON em.entity_id = ?1 "
         "AND em.meeting_id = g.id WHERE em.anonymous > 0 AND g.date IS NOT NULL ORDER BY g.date DESC LIMIT 1"}};
    int by_date = (long long)n >= anon_by_date();
    for (int i = 0; rc == GIJI_OK && i < 2; i++) {
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, sql[by_date][i], &s)))
            break;
        int step = store_bind_int(s, 1, entity) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        if (step == SQLITE_ROW)
            rc = store_col_text(s, 0, i ? &stats->last_date : &stats->first_date);
        else if (step != SQLITE_DONE)
            rc = store_db_error(st, "cannot date the anonymous remarks of an entity");
        sqlite3_finalize(s);
    }
    return rc;
}

/* The earliest `limit` meetings (corpus order: date, unknown last, then
 * source name) with an anonymous remark mentioning the entity, as the row
 * source mm(id, date, name). */
static void qb_anon_meetings(qb *q, long long entity, size_t limit, int by_date)
{
    if (!by_date) {
        qb_sql(q, "(SELECT em.meeting_id AS id, g.date AS date, s.name AS name "
                  "FROM entity_meetings em JOIN meetings g ON g.id = em.meeting_id "
                  "JOIN sources s ON s.id = g.source_id");
        qb_int(q, " WHERE em.entity_id = ? AND em.anonymous > 0", entity);
        qb_int(q, " ORDER BY g.date NULLS LAST, s.name LIMIT ?) mm", (long long)limit);
        return;
    }
    /* the dated meetings up to the date of the limit-th one (ties on that
     * date included, for the source names to order), then the undated */
    qb_sql(q, "(SELECT g.id AS id, g.date AS date, s.name AS name FROM meetings g "
              "CROSS JOIN entity_meetings em ON em.meeting_id = g.id");
    qb_int(q, " AND em.entity_id = ?", entity);
    qb_sql(q, " JOIN sources s ON s.id = g.source_id WHERE em.anonymous > 0 AND g.date <= "
              "(SELECT max(date) FROM (SELECT g2.date AS date FROM meetings g2 "
              "CROSS JOIN entity_meetings e2 ON e2.meeting_id = g2.id");
    qb_int(q, " AND e2.entity_id = ?", entity);
    qb_int(q, " WHERE e2.anonymous > 0 AND g2.date IS NOT NULL ORDER BY g2.date LIMIT ?))",
           (long long)limit);
    qb_sql(q, " UNION ALL SELECT g.id, g.date, s.name FROM meetings g "
              "CROSS JOIN entity_meetings em ON em.meeting_id = g.id");
    qb_int(q, " AND em.entity_id = ?", entity);
    qb_sql(q, " JOIN sources s ON s.id = g.source_id WHERE em.anonymous > 0 AND g.date IS NULL");
    qb_int(q, " ORDER BY 2 NULLS LAST, 3 LIMIT ?) mm", (long long)limit);
}

int giji_store_anonymous_keys(giji_store *st, long long entity, size_t limit, giji_remark_key **out,
                              size_t *n, giji_anonymous_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    *out = NULL;
    *n = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = anon_stats(st, entity, stats);
    qb q = {0};
    size_t cap = 0;
    if (rc == GIJI_OK && stats->meetings && limit) {
        /* the earliest meetings (each has one at least), then their
         * anonymous remarks, in corpus order */
        qb_sql(&q, "SELECT er.remark_id, er.meeting_id, er.speaker_id, er.label, er.inferred, mm.date, "
                   "mm.name, er.seq FROM ");
        qb_anon_meetings(&q, entity, limit, stats->meetings >= anon_by_date());
        qb_sql(&q, " CROSS JOIN remarks r ON r.meeting_id = mm.id AND r.speaker_id IS NULL "
                   "AND r.speaker_label IS NULL CROSS JOIN entity_remarks er ON er.remark_id = r.id");
        qb_int(&q, " AND er.entity_id = ?", entity);
        qb_int(&q, " ORDER BY mm.date NULLS LAST, mm.name, r.seq LIMIT ?", (long long)limit);
        rc = qb_append_rows(st, &q, sizeof **out, key_row, "cannot read the anonymous remarks", out, n, &cap);
    } else if (rc == GIJI_OK && stats->meetings) {
        qb_sql(&q, key_columns);
        qb_sql(&q, "FROM entity_remarks er JOIN meetings g ON g.id = er.meeting_id "
                   "JOIN sources s ON s.id = g.source_id");
        qb_int(&q, " WHERE er.entity_id = ? AND er.speaker_id IS NULL AND er.label IS NULL", entity);
        rc = qb_append_rows(st, &q, sizeof **out, key_row, "cannot read the anonymous remarks", out, n, &cap);
    }
    qb_free(&q);
    store_read_end(st, own);
    if (rc) {
        giji_remark_keys_free(*out, *n);
        *out = NULL;
        *n = 0;
        giji_anonymous_stats_free(stats);
    }
    return rc;
}

void giji_anonymous_stats_free(giji_anonymous_stats *a)
{
    free(a->first_date);
    free(a->last_date);
    memset(a, 0, sizeof *a);
}

typedef struct by_id_ctx {
    const long long *ids;
    size_t n;
    const giji_hit_filter *f;
} by_id_ctx;

static int by_id_read(giji_store *st, void *ctx, giji_remark_hit **out, size_t *n, size_t *total)
{
    const by_id_ctx *c = ctx;
    qb q = {0};
    qb_hit_columns(&q, c->f, "0");
    qb_text_own(&q, " FROM json_each(?) j JOIN remarks r ON r.id = j.value", json_ids(c->ids, c->n));
    qb_sql(&q, hit_joins);
    qb_sql(&q, " ORDER BY j.key");
    int rc = read_hits(st, &q, out, n);
    qb_free(&q);
    *total = *n;
    return rc;
}

int giji_store_remark_hits_by_id(giji_store *st, const long long *ids, size_t n,
                                 const giji_hit_filter *f, giji_remark_hit **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    int rc = check_filter(f);
    if (rc || n == 0)
        return rc;
    by_id_ctx c = {ids, n, f};
    return run_hits(st, by_id_read, &c, out, nout, NULL);
}

/* ---- mentions of a remark ----------------------------------------------- */

void giji_mention_rows_free(giji_mention_row *m, size_t n)
{
    for (size_t i = 0; m && i < n; i++) {
        free(m[i].name);
        free(m[i].type);
        free(m[i].surface);
        free(m[i].rule);
    }
    free(m);
}

int giji_store_remark_mentions(giji_store *st, long long remark, giji_mention_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT m.entity_id, e.name, e.type, m.surface, m.rule, m.\"start\", m.\"end\" "
                               "FROM mentions m JOIN entities e ON e.id = m.entity_id "
                               "WHERE m.remark_id = ? ORDER BY m.\"start\", m.\"end\", m.entity_id", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, remark) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        giji_mention_row *m = &(*out)[(*n)++];
        memset(m, 0, sizeof *m);
        m->entity = sqlite3_column_int64(s, 0);
        m->start = (long)sqlite3_column_int64(s, 5);
        m->end = (long)sqlite3_column_int64(s, 6);
        rc = store_col_text(s, 1, &m->name);
        rc = rc ? rc : store_col_text(s, 2, &m->type);
        rc = rc ? rc : store_col_text(s, 3, &m->surface);
        if (rc || (rc = store_col_text(s, 4, &m->rule)))
            break;
    }
    rc = store_loop_end(st, rc, step, "cannot read mentions");
    sqlite3_finalize(s);
    if (rc) {
        giji_mention_rows_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- meetings ----------------------------------------------------------- */

void giji_meeting_rows_free(giji_meeting_row *m, size_t n)
{
    for (size_t i = 0; m && i < n; i++) {
        char *strings[] = {m[i].source, m[i].date, m[i].body, m[i].parent_body, m[i].kind,
                           m[i].title, m[i].place, m[i].role, m[i].display};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            free(strings[k]);
    }
    free(m);
}

/* Columns 0..11 of a meeting row; the caller adds 12..14 the hit counts,
 * 15 role, 16 display and
 * the FROM clause (meetings g, sources s, and h with the hit counts). */
static const char meeting_columns[] =
    "SELECT g.id, s.name, g.date, g.body, g.parent_body, g.kind, g.title, g.place, g.session, "
    "(SELECT count(*) FROM attendances x WHERE x.meeting_id = g.id), "
    "(SELECT count(*) FROM remarks x WHERE x.meeting_id = g.id), "
    "(SELECT count(*) FROM remarks x WHERE x.meeting_id = g.id AND x.speaker_id IS NULL), ";

static int meeting_row(sqlite3_stmt *s, void *elem)
{
    giji_meeting_row *m = elem;
    m->id = sqlite3_column_int64(s, 0);
    m->session = sqlite3_column_type(s, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 8);
    m->attendees = sqlite3_column_int64(s, 9);
    m->remarks = sqlite3_column_int64(s, 10);
    m->anonymous = sqlite3_column_int64(s, 11);
    m->hit_remarks = sqlite3_column_int64(s, 12);
    m->hit_mentions = sqlite3_column_int64(s, 13);
    m->hit_inferred = sqlite3_column_int64(s, 14);
    char **text[] = {&m->source, &m->date, &m->body, &m->parent_body, &m->kind, &m->title, &m->place};
    int rc = GIJI_OK;
    for (int i = 0; rc == GIJI_OK && i < 7; i++)
        rc = store_col_text(s, 1 + i, text[i]);
    rc = rc ? rc : store_col_text(s, 15, &m->role);
    return rc ? rc : store_col_text(s, 16, &m->display);
}

static void free_meeting_rows(void *rows, size_t n)
{
    giji_meeting_rows_free(rows, n);
}

static int run_meetings(giji_store *st, qb *q, giji_meeting_row **out, size_t *n)
{
    return qb_rows(st, q, sizeof **out, meeting_row, free_meeting_rows, "cannot list meetings", out, n);
}

int giji_store_meeting_list(giji_store *st, const giji_hit_filter *f, giji_meeting_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    qb q = {0};
    qb_sql(&q, meeting_columns);
    qb_sql(&q, "0, 0, 0, NULL, NULL FROM meetings g JOIN sources s ON s.id = g.source_id WHERE 1");
    qb_meeting_filter(&q, f);
    qb_sql(&q, " ORDER BY g.date NULLS LAST, s.name, g.id");
    return run_meetings(st, &q, out, n);
}

int giji_store_meeting_heads(giji_store *st, const giji_hit_filter *f, giji_meeting_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    qb q = {0};
    qb_sql(&q, "SELECT g.id, s.name, g.date, g.body, g.parent_body, g.kind, g.title, g.place, g.session, "
               "0, 0, 0, 0, 0, 0, NULL, NULL FROM meetings g JOIN sources s ON s.id = g.source_id WHERE 1");
    qb_meeting_filter(&q, f);
    qb_sql(&q, " ORDER BY g.date NULLS LAST, s.name, g.id");
    return run_meetings(st, &q, out, n);
}

int giji_store_entity_meetings(giji_store *st, long long entity, const giji_hit_filter *f,
                               giji_meeting_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int live = 0;
    int rc = giji_store_counts_live(st, &live);
    if (rc)
        return rc;
    qb q = {0};
    /* no whole-meeting counts: a frequent entity is in thousands of
     * meetings, and counting their anonymous remarks reads every remark */
    qb_sql(&q, "SELECT g.id, s.name, g.date, g.body, g.parent_body, g.kind, g.title, g.place, "
               "g.session, 0, 0, 0, ");
    if (live && !(f && (f->descendants || f->speaker))) {
        /* one entity, every speaker: its derived counts per meeting, one
         * row per meeting instead of one per remark */
        qb_sql(&q, "h.remarks, h.mentions, 0, NULL, NULL FROM entity_meetings h "
                   "JOIN meetings g ON g.id = h.meeting_id JOIN sources s ON s.id = g.source_id");
        qb_int(&q, " WHERE h.entity_id = ?", entity);
    } else {
        qb_sql(&q, "h.nr, h.nm, 0, NULL, NULL FROM meetings g JOIN sources s ON s.id = g.source_id "
                   "JOIN (SELECT meeting_id AS mid, count(DISTINCT remark_id) AS nr, sum(mentions) AS nm "
                   "FROM entity_remarks WHERE entity_id IN ");
        qb_entity_set(&q, entity, f && f->descendants);
        if (f && f->speaker)
            qb_int(&q, " AND speaker_id = ?", f->speaker);
        qb_sql(&q, " GROUP BY meeting_id) h ON h.mid = g.id WHERE 1");
    }
    qb_meeting_filter(&q, f);
    qb_sql(&q, " ORDER BY g.date NULLS LAST, s.name, g.id");
    return run_meetings(st, &q, out, n);
}

int giji_store_person_meetings(giji_store *st, long long person, const giji_hit_filter *f,
                               giji_meeting_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    qb q = {0};
    qb_sql(&q, meeting_columns);
    qb_int(&q, "h.nr, 0, h.ni, (SELECT a.role FROM attendances a WHERE a.meeting_id = g.id "
               "AND a.person_id = ? ORDER BY a.present DESC, a.seq LIMIT 1), ", person);
    qb_int(&q, "(SELECT a.display FROM attendances a WHERE a.meeting_id = g.id "
               "AND a.person_id = ? ORDER BY a.present DESC, a.seq LIMIT 1) ", person);
    qb_int(&q, "FROM meetings g JOIN sources s ON s.id = g.source_id "
               "JOIN (SELECT mid, sum(nr) AS nr, sum(ni) AS ni FROM ("
               "SELECT meeting_id AS mid, 0 AS nr, 0 AS ni FROM attendances "
               "WHERE person_id = ? AND present = 1 ", person);
    qb_int(&q, "UNION ALL SELECT meeting_id, 1, attribution = 'inferred' FROM remarks "
               "WHERE speaker_id = ?) GROUP BY mid) h ON h.mid = g.id WHERE 1", person);
    qb_meeting_filter(&q, f);
    qb_sql(&q, " ORDER BY g.date NULLS LAST, s.name, g.id");
    return run_meetings(st, &q, out, n);
}

int giji_store_meeting_by_source(giji_store *st, const char *source, long long *id)
{
    *id = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT m.id FROM meetings m JOIN sources s ON s.id = m.source_id "
                               "WHERE s.name = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_text(s, 1, source) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else if (step != SQLITE_DONE)
        rc = store_db_error(st, "cannot look up a source");
    sqlite3_finalize(s);
    return rc;
}

/* ---- topics of a person ------------------------------------------------- */

void giji_topic_rows_free(giji_topic_row *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        free(t[i].name);
        free(t[i].type);
    }
    free(t);
}

static int topic_row(sqlite3_stmt *s, void *elem)
{
    giji_topic_row *t = elem;
    t->meeting = sqlite3_column_int64(s, 0);
    t->entity = sqlite3_column_int64(s, 1);
    t->remarks = sqlite3_column_int64(s, 4);
    t->mentions = sqlite3_column_int64(s, 5);
    int rc = store_col_text(s, 2, &t->name);
    return rc ? rc : store_col_text(s, 3, &t->type);
}

static void free_topic_rows(void *rows, size_t n)
{
    giji_topic_rows_free(rows, n);
}

int giji_store_person_topics(giji_store *st, long long person, const giji_hit_filter *f,
                             giji_topic_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    qb q = {0};
    qb_int(&q, "SELECT r.meeting_id, e.id, e.name, e.type, count(DISTINCT r.id), count(*) "
               "FROM remarks r JOIN mentions m ON m.remark_id = r.id "
               "JOIN entities e ON e.id = m.entity_id JOIN meetings g ON g.id = r.meeting_id "
               "WHERE r.speaker_id = ?", person);
    qb_meeting_filter(&q, f);
    qb_sql(&q, " GROUP BY r.meeting_id, e.id ORDER BY r.meeting_id, 5 DESC, 6 DESC, e.name");
    return qb_rows(st, &q, sizeof **out, topic_row, free_topic_rows, "cannot read the topics of a person", out,
                   n);
}

/* ---- persons ------------------------------------------------------------ */

void giji_person_rows_free(giji_person_row *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].name);
        free(p[i].display);
        free(p[i].first_date);
        free(p[i].last_date);
        free(p[i].role);
    }
    free(p);
}

static int person_row(sqlite3_stmt *s, void *elem)
{
    giji_person_row *p = elem;
    p->id = sqlite3_column_int64(s, 0);
    p->meetings = sqlite3_column_int64(s, 3);
    p->remarks = sqlite3_column_int64(s, 4);
    p->inferred = sqlite3_column_int64(s, 5);
    char **text[] = {&p->name, &p->display, NULL, NULL, NULL, &p->first_date, &p->last_date, &p->role};
    int rc = GIJI_OK;
    for (int i = 0; rc == GIJI_OK && i < 8; i++)
        if (text[i])
            rc = store_col_text(s, 1 + i, text[i]);
    return rc;
}

static void free_person_rows(void *rows, size_t n)
{
    giji_person_rows_free(rows, n);
}

int giji_store_person_list(giji_store *st, const char *contains, giji_person_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    qb q = {0};
    /* act: one row per present attendance (0 remarks) and per remark. */
    qb_sql(&q, "WITH act(pid, mid, nr, ni) AS ("
               "SELECT person_id, meeting_id, 0, 0 FROM attendances WHERE present = 1 "
               "UNION ALL SELECT speaker_id, meeting_id, 1, attribution = 'inferred' FROM remarks "
               "WHERE speaker_id IS NOT NULL) "
               "SELECT p.id, p.name, p.display, count(DISTINCT a.mid), coalesce(sum(a.nr), 0), "
               "coalesce(sum(a.ni), 0), min(g.date), max(g.date), "
               "(SELECT at.role FROM attendances at JOIN meetings g2 ON g2.id = at.meeting_id "
               "WHERE at.person_id = p.id ORDER BY g2.date DESC NULLS LAST, g2.id DESC, at.seq LIMIT 1) "
               "FROM persons p LEFT JOIN act a ON a.pid = p.id LEFT JOIN meetings g ON g.id = a.mid");
    if (contains)
        qb_text_own(&q, " WHERE p.name LIKE ? ESCAPE '\\'", like_contains(contains));
    qb_sql(&q, " GROUP BY p.id ORDER BY 5 DESC, 4 DESC, p.name, p.id");
    return qb_rows(st, &q, sizeof **out, person_row, free_person_rows, "cannot list persons", out, n);
}

/* ---- names -------------------------------------------------------------- */

void giji_name_recs_free(giji_name_rec *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].text);
    free(r);
}

int giji_store_names(giji_store *st, unsigned kinds, giji_name_rec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    static const struct { unsigned kind; const char *sql; } parts[] = {
        {GIJI_NAMES_ENTITIES, "SELECT id, name, discovered FROM entities ORDER BY id"},
        {GIJI_NAMES_ALIASES, "SELECT a.entity_id, a.alias, e.discovered FROM entity_aliases a "
                             "JOIN entities e ON e.id = a.entity_id WHERE substr(a.alias, 1, 1) <> '~' "
                             "ORDER BY a.entity_id, a.alias"},
        {GIJI_NAMES_PERSONS, "SELECT id, name, 0 FROM persons UNION "
                             "SELECT id, display, 0 FROM persons UNION "
                             "SELECT person_id, display, 0 FROM attendances ORDER BY 1, 2"},
        {GIJI_NAMES_BODIES, "SELECT 0, body, 0 FROM meetings WHERE body IS NOT NULL UNION "
                            "SELECT 0, parent_body, 0 FROM meetings WHERE parent_body IS NOT NULL "
                            "ORDER BY 2"},
    };
    int own;
    int rc = store_read_begin(st, &own);
    size_t cap = 0;
    for (size_t k = 0; rc == GIJI_OK && k < sizeof parts / sizeof *parts; k++) {
        if (!(kinds & parts[k].kind))
            continue;
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, parts[k].sql, &s)))
            break;
        int step;
        while ((step = sqlite3_step(s)) == SQLITE_ROW) {
            if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
                break;
            giji_name_rec *r = &(*out)[(*n)++];
            memset(r, 0, sizeof *r);
            r->kind = (int)parts[k].kind;
            r->id = sqlite3_column_int64(s, 0);
            r->discovered = sqlite3_column_int(s, 2);
            if ((rc = store_col_text(s, 1, &r->text)))
                break;
            if (!r->text) {
                (*n)--;
                continue;
            }
        }
        rc = store_loop_end(st, rc, step, "cannot list names");
        sqlite3_finalize(s);
    }
    store_read_end(st, own);
    if (rc) {
        giji_name_recs_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* One id from a query with one text parameter; 0 when no row. */
static int lookup_id(giji_store *st, const char *sql, const char *v, long long *id, int *col1)
{
    *id = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    int step = store_bind_text(s, 1, v) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        if (col1)
            *col1 = sqlite3_column_int(s, 1);
    } else if (step != SQLITE_DONE) {
        rc = store_db_error(st, "cannot look up a name");
    }
    sqlite3_finalize(s);
    return rc;
}

int giji_store_entity_find(giji_store *st, const char *name, long long *id, int *by_alias)
{
    int alias = 0;
    int rc = lookup_id(st,
                       "SELECT id, pri FROM (SELECT id, 0 AS pri, discovered FROM entities WHERE name = ?1 "
                       "UNION ALL SELECT a.entity_id, 1, e.discovered FROM entity_aliases a "
                       "JOIN entities e ON e.id = a.entity_id WHERE a.alias = ?1) "
                       "ORDER BY pri, discovered, id LIMIT 1",
                       name, id, &alias);
    if (by_alias)
        *by_alias = *id ? alias : 0;
    return rc;
}

int giji_store_person_find(giji_store *st, const char *name, long long *id)
{
    return lookup_id(st, "SELECT id FROM persons WHERE name = ?", name, id, NULL);
}

int giji_store_entity_get(giji_store *st, long long id, giji_entity_rec **out)
{
    *out = NULL;
    sqlite3_stmt *s, *as = NULL;
    int rc = store_prepare(st, "SELECT e.name, e.type, e.discovered, p.name FROM entities e "
                               "LEFT JOIN entities p ON p.id = e.parent_id WHERE e.id = ?", &s);
    if (rc)
        return rc;
    giji_entity_rec *e = calloc(1, sizeof *e);
    if (!e) {
        sqlite3_finalize(s);
        return GIJI_NOMEM();
    }
    e->id = id;
    int step = store_bind_int(s, 1, id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        e->discovered = sqlite3_column_int(s, 2);
        rc = store_col_text(s, 0, &e->name);
        rc = rc ? rc : store_col_text(s, 1, &e->type);
        rc = rc ? rc : store_col_text(s, 3, &e->parent);
    } else if (step == SQLITE_DONE) {
        rc = giji_error_set(GIJI_ENOTFOUND, "%s: no entity with id %lld", st->path, id);
    } else {
        rc = store_db_error(st, "cannot read an entity");
    }
    sqlite3_finalize(s);
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", &as);
    size_t cap = 0;
    step = rc || store_bind_int(as, 1, id) != SQLITE_OK ? SQLITE_ERROR : SQLITE_ROW;
    while (step == SQLITE_ROW && (step = sqlite3_step(as)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&e->aliases, &cap, e->naliases, sizeof *e->aliases)))
            break;
        char **alias = &e->aliases[e->naliases++];
        *alias = NULL;
        if ((rc = store_col_text(as, 0, alias)))
            break;
    }
    if (as)
        rc = store_loop_end(st, rc, step, "cannot read entity aliases");
    sqlite3_finalize(as);
    if (rc) {
        giji_entity_recs_free(e, 1);
        return rc;
    }
    *out = e;
    return GIJI_OK;
}

int giji_store_person_get(giji_store *st, long long id, giji_person_rec **out)
{
    *out = NULL;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT name, display FROM persons WHERE id = ?", &s);
    if (rc)
        return rc;
    giji_person_rec *p = calloc(1, sizeof *p);
    if (!p) {
        sqlite3_finalize(s);
        return GIJI_NOMEM();
    }
    p->id = id;
    int step = store_bind_int(s, 1, id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        rc = store_col_text(s, 0, &p->name);
        rc = rc ? rc : store_col_text(s, 1, &p->display);
    } else if (step == SQLITE_DONE) {
        rc = giji_error_set(GIJI_ENOTFOUND, "%s: no person with id %lld", st->path, id);
    } else {
        rc = store_db_error(st, "cannot read a person");
    }
    sqlite3_finalize(s);
    if (rc) {
        giji_person_recs_free(p, 1);
        return rc;
    }
    *out = p;
    return GIJI_OK;
}

int giji_store_body_known(giji_store *st, const char *body, int *found)
{
    long long id = 0;
    int rc = lookup_id(st, "SELECT 1 FROM meetings WHERE body = ?1 OR parent_body = ?1 LIMIT 1", body,
                       &id, NULL);
    *found = id != 0;
    return rc;
}
