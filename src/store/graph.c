/*
 * store/graph.c — the queries behind the cross-reference graph (giji/
 * graph.h): the facts a graph is built from (selected remarks, their
 * speakers and the entities they mention, with names), name lookup for a
 * graph's focus, and the metrics cache (tables metrics_cache and
 * metrics_cache_data).
 * Not responsible for building the graph or computing anything (graph/).
 *
 * Partial results: on failure a reader frees what it built and leaves its
 * outputs empty, so callers never free after an error.
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int cmp_remark(const void *a, const void *b)
{
    return giji_cmp_ll(&((const giji_fact_remark *)a)->id, &((const giji_fact_remark *)b)->id);
}

/* Sort v[0..*n) and drop repeats. */
static void sort_unique(long long *v, size_t *n)
{
    if (*n < 2)
        return;
    qsort(v, *n, sizeof *v, giji_cmp_ll);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    *n = k;
}

/* ---- giji_store_graph_facts ---------------------------------------------- */

/* Growing arrays of the facts being read. */
typedef struct facts_acc {
    giji_graph_facts *f;
    size_t rcap, ecap;
} facts_acc;

/* Close the remark being read: sort and deduplicate its entities; drop it
 * when none of them was selected. */
static void close_remark(facts_acc *a)
{
    giji_graph_facts *f = a->f;
    if (f->nremarks == 0)
        return;
    giji_fact_remark *r = &f->remarks[f->nremarks - 1];
    if (r->n == 0) {
        f->nremarks--;
        return;
    }
    sort_unique(f->entity_ids + r->first, &r->n);
    f->nentity_ids = r->first + r->n;
}

/* Entity types by id, to filter mentions without joining entities. */
typedef struct type_map {
    long long *ids;   /* ascending */
    signed char *types;
    size_t n;
} type_map;

static int read_types(giji_store *st, type_map *tm)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id, type FROM entities ORDER BY id", &s);
    if (rc)
        return rc;
    size_t cap = 0, tcap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&tm->ids, &cap, tm->n, sizeof *tm->ids)) ||
            (rc = giji_array_grow(&tm->types, &tcap, tm->n, sizeof *tm->types)))
            break;
        tm->ids[tm->n] = sqlite3_column_int64(s, 0);
        tm->types[tm->n++] = (signed char)store_entity_type_parse((const char *)sqlite3_column_text(s, 1));
    }
    rc = store_loop_end(st, rc, step, "cannot read entity types");
    sqlite3_finalize(s);
    return rc;
}

/* Is entity `id` of a selected type? */
static int type_selected(const type_map *tm, long long id, unsigned types)
{
    size_t lo = 0, hi = tm->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (tm->ids[mid] < id)
            lo = mid + 1;
        else if (tm->ids[mid] > id)
            hi = mid;
        else
            return tm->types[mid] >= 0 && (!types || (types & (1u << tm->types[mid])));
    }
    return 0;
}

static int find_ll(const long long *v, size_t n, long long x, size_t *at)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else if (v[mid] > x)
            hi = mid;
        else {
            *at = mid;
            return 1;
        }
    }
    return 0;
}

static int meeting_exists(giji_store *st, long long id)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT 1 FROM meetings WHERE id = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_int(s, 1, id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_DONE)
        rc = giji_error_set(GIJI_ENOTFOUND, "%s: no meeting with id %lld", st->path, id);
    else if (step != SQLITE_ROW)
        rc = store_db_error(st, "cannot look up a meeting");
    sqlite3_finalize(s);
    return rc;
}

/* The ids of the meetings the filter selects, ascending;
 * *total is the number of meetings stored. A listed meeting that does not
 * exist is GIJI_ENOTFOUND. */
static int select_meetings(giji_store *st, const giji_remark_filter *flt, long long **out, size_t *n,
                           long long *total)
{
    *out = NULL;
    *n = 0;
    int rc = store_query_int(st, "SELECT count(*) FROM meetings", total);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    rc = store_prepare(st, "SELECT id FROM meetings WHERE (?1 IS NULL OR body = ?1 OR parent_body = ?1) "
                           "AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3) ORDER BY id", &s);
    if (rc)
        return rc;
    int b = store_bind_text(s, 1, flt->body);
    b = b ? b : store_bind_text(s, 2, flt->from);
    b = b ? b : store_bind_text(s, 3, flt->to);
    rc = b != SQLITE_OK ? store_db_error(st, "cannot select meetings")
                        : store_step_ids(st, s, out, n, "cannot select meetings");
    sqlite3_finalize(s);
    if (rc || !flt->nmeetings)
        return rc;
    /* intersect with the listed meetings, each of which must exist */
    long long *want = malloc(flt->nmeetings * sizeof *want);
    if (!want)
        return GIJI_NOMEM();
    memcpy(want, flt->meetings, flt->nmeetings * sizeof *want);
    size_t nw = flt->nmeetings;
    sort_unique(want, &nw);
    size_t k = 0;
    for (size_t i = 0; rc == GIJI_OK && i < nw; i++) {
        size_t at;
        if (find_ll(*out, *n, want[i], &at))
            want[k++] = want[i];
        else if ((rc = meeting_exists(st, want[i])) == GIJI_OK)
            continue; /* exists, but the other filters leave it out */
    }
    free(*out);
    *out = want;
    *n = rc ? 0 : k;
    return rc;
}

/* Narrow selections: the remarks of each meeting through the indexes. */
static int read_by_meeting(giji_store *st, const long long *mids, size_t nm, unsigned types,
                           const type_map *tm, giji_graph_facts *f)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT r.id, r.speaker_id, m.entity_id FROM remarks r "
                               "JOIN mentions m ON m.remark_id = r.id WHERE r.meeting_id = ? ORDER BY r.id", &s);
    if (rc)
        return rc;
    facts_acc a = {f, 0, 0};
    for (size_t p = 0; rc == GIJI_OK && p < nm; p++) {
        int step = store_bind_int(s, 1, mids[p]) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
        while (rc == GIJI_OK && step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
            long long rid = sqlite3_column_int64(s, 0), eid = sqlite3_column_int64(s, 2);
            if (f->nremarks == 0 || f->remarks[f->nremarks - 1].id != rid) {
                close_remark(&a);
                if ((rc = giji_array_grow(&f->remarks, &a.rcap, f->nremarks, sizeof *f->remarks)))
                    break;
                giji_fact_remark *r = &f->remarks[f->nremarks++];
                r->id = rid;
                r->meeting = mids[p];
                r->speaker = sqlite3_column_int64(s, 1); /* NULL reads as 0 */
                r->first = f->nentity_ids;
                r->n = 0;
            }
            if (!type_selected(tm, eid, types))
                continue;
            if ((rc = giji_array_grow(&f->entity_ids, &a.ecap, f->nentity_ids, sizeof *f->entity_ids)))
                break;
            f->entity_ids[f->nentity_ids++] = eid;
            f->remarks[f->nremarks - 1].n++;
        }
        if (rc == GIJI_OK)
            rc = store_loop_end(st, rc, step, "cannot read the remarks of a graph");
        sqlite3_reset(s);
    }
    close_remark(&a);
    sqlite3_finalize(s);
    /* meetings came in id order, remarks in each by id: sort across them */
    if (rc == GIJI_OK && nm > 1)
        qsort(f->remarks, f->nremarks, sizeof *f->remarks, cmp_remark);
    return rc;
}

/* Where remark `rid` is in the remarks being read (by id): a table indexed
 * by id when the ids are dense enough, else a binary search. */
typedef struct remark_index {
    const giji_graph_facts *f;
    uint32_t *at;            /* at[id - lo]: position + 1, 0: not selected; NULL: search */
    long long lo, hi;        /* ids covered by at: [lo, hi] */
} remark_index;

static int remark_index_make(remark_index *x, const giji_graph_facts *f)
{
    memset(x, 0, sizeof *x);
    x->f = f;
    if (f->nremarks == 0)
        return GIJI_OK;
    x->lo = f->remarks[0].id;
    x->hi = f->remarks[f->nremarks - 1].id;
    /* ids are rowids: dense unless many remarks were deleted; a sparse
     * range keeps the search rather than a table mostly empty */
    unsigned long long span = (unsigned long long)(x->hi - x->lo) + 1;
    if (span > 16 * (unsigned long long)f->nremarks + 65536 || f->nremarks >= UINT32_MAX)
        return GIJI_OK;
    if (!(x->at = calloc(span, sizeof *x->at)))
        return GIJI_NOMEM();
    for (size_t i = 0; i < f->nremarks; i++)
        x->at[f->remarks[i].id - x->lo] = (uint32_t)i + 1;
    return GIJI_OK;
}

/* The position of remark rid, or (size_t)-1 when it is not selected. */
static size_t remark_index_find(const remark_index *x, long long rid)
{
    const giji_graph_facts *f = x->f;
    if (x->at)
        return rid < x->lo || rid > x->hi ? (size_t)-1 : (size_t)x->at[rid - x->lo] - 1;
    size_t lo = giji_array_lower_bound(f->remarks, f->nremarks, sizeof *f->remarks,
                                       offsetof(giji_fact_remark, id), rid);
    return lo < f->nremarks && f->remarks[lo].id == rid ? lo : (size_t)-1;
}

/* Wide selections: the remarks' meetings and speakers from the index
 * remarks_meeting_speaker, which holds all three columns (no remark row is
 * read: their text makes them wide, and a table scan reads every page of
 * it), then each (entity, remark) pair once from entity_remarks (schema 4),
 * narrow rows in entity order: every remark's entities arrive ascending and
 * distinct, without sorting them or reading `mentions`. */
static int read_by_scan(giji_store *st, const long long *mids, size_t nm, int all, unsigned types,
                        const type_map *tm, giji_graph_facts *f)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id, meeting_id, speaker_id FROM remarks INDEXED BY remarks_meeting_speaker",
                           &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long meeting = sqlite3_column_int64(s, 1);
        size_t at;
        if (!all && !find_ll(mids, nm, meeting, &at))
            continue;
        if ((rc = giji_array_grow(&f->remarks, &cap, f->nremarks, sizeof *f->remarks)))
            break;
        giji_fact_remark *r = &f->remarks[f->nremarks++];
        r->id = sqlite3_column_int64(s, 0);
        r->meeting = meeting;
        r->speaker = sqlite3_column_int64(s, 2); /* NULL reads as 0 */
        r->first = r->n = 0;
    }
    rc = store_loop_end(st, rc, step, "cannot read the remarks of a graph");
    sqlite3_finalize(s);
    if (rc)
        return rc;
    /* the index is by meeting and speaker: the facts are by id */
    if (f->nremarks > 1)
        qsort(f->remarks, f->nremarks, sizeof *f->remarks, cmp_remark);
    remark_index ri;
    if ((rc = remark_index_make(&ri, f)))
        return rc;
    /* (remark position, entity) pairs in entity order, then a counting sort */
    typedef struct { size_t r; long long e; } pair;
    pair *pairs = NULL;
    size_t np = 0, pcap = 0;
    rc = store_prepare(st, "SELECT entity_id, remark_id FROM entity_remarks", &s);
    if (rc) {
        free(ri.at);
        return rc;
    }
    long long last_e = 0;
    int last_ok = 0, have_last = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long eid = sqlite3_column_int64(s, 0);
        if (!have_last || eid != last_e) { /* rows come by entity: one type lookup each */
            last_e = eid, have_last = 1;
            last_ok = type_selected(tm, eid, types);
        }
        if (!last_ok)
            continue;
        size_t at = remark_index_find(&ri, sqlite3_column_int64(s, 1));
        if (at == (size_t)-1)
            continue;
        if ((rc = giji_array_grow(&pairs, &pcap, np, sizeof *pairs)))
            break;
        pairs[np].r = at;
        pairs[np++].e = eid;
        f->remarks[at].n++;
    }
    rc = store_loop_end(st, rc, step, "cannot read the mentions of a graph");
    sqlite3_finalize(s);
    free(ri.at);
    if (rc == GIJI_OK && np && !(f->entity_ids = malloc(np * sizeof *f->entity_ids)))
        rc = GIJI_NOMEM();
    if (rc) {
        free(pairs);
        return rc;
    }
    size_t off = 0;
    for (size_t i = 0; i < f->nremarks; i++) {
        f->remarks[i].first = off;
        off += f->remarks[i].n;
        f->remarks[i].n = 0;
    }
    for (size_t i = 0; i < np; i++) {
        giji_fact_remark *r = &f->remarks[pairs[i].r];
        f->entity_ids[r->first + r->n++] = pairs[i].e;
    }
    free(pairs);
    /* drop remarks without a selected entity; their entities are already
     * ascending and distinct (entity_remarks has one row per pair, read in
     * entity order) */
    size_t keep = 0;
    for (size_t i = 0; i < f->nremarks; i++)
        if (f->remarks[i].n)
            f->remarks[keep++] = f->remarks[i];
    f->nremarks = keep;
    f->nentity_ids = np;
    return GIJI_OK;
}

/* The selected remarks that mention a selected entity, with those entities.
 * A narrow selection (a few meetings) is read meeting by meeting through
 * the indexes; a wide one by scanning remarks and mentions once. */
static int read_remarks(giji_store *st, const giji_remark_filter *flt, giji_graph_facts *f)
{
    type_map tm = {0};
    long long *mids = NULL, total = 0;
    size_t nm = 0;
    int rc = read_types(st, &tm);
    rc = rc ? rc : select_meetings(st, flt, &mids, &nm, &total);
    if (rc == GIJI_OK && nm > 0) {
        if ((long long)nm * 8 < total)
            rc = read_by_meeting(st, mids, nm, flt->types, &tm, f);
        else
            rc = read_by_scan(st, mids, nm, (long long)nm == total, flt->types, &tm, f);
    }
    free(mids);
    free(tm.ids);
    free(tm.types);
    return rc;
}

/* Distinct values of one field of the remarks, or of entity_ids,
 * ascending. The ids are rowids, dense as a rule: a bitmap over their range
 * finds the distinct ones in one pass (sorting the 100,000 entity ids of
 * the 10 MB corpus was a quarter of reading its facts); a sparse range is
 * sorted instead. */
static int collect_ids(const giji_graph_facts *f, int which, long long **out, size_t *n)
{
    size_t cap = which == 2 ? f->nentity_ids : f->nremarks;
    *out = NULL;
    *n = 0;
    if (cap == 0)
        return GIJI_OK;
    if (!(*out = malloc(cap * sizeof **out)))
        return GIJI_NOMEM();
    long long lo = 0, hi = 0;
    for (size_t i = 0; i < cap; i++) {
        long long v = which == 0 ? f->remarks[i].speaker : which == 1 ? f->remarks[i].meeting
                                                                      : f->entity_ids[i];
        if (!v)
            continue;
        if (*n == 0 || v < lo)
            lo = v;
        if (*n == 0 || v > hi)
            hi = v;
        (*out)[(*n)++] = v;
    }
    unsigned long long span = *n ? (unsigned long long)(hi - lo) + 1 : 0;
    if (*n < 2 || span > 64 * (unsigned long long)*n + (1u << 20)) {
        sort_unique(*out, n);
        return GIJI_OK;
    }
    uint64_t *seen = calloc((span + 63) / 64, sizeof *seen);
    if (!seen) {
        sort_unique(*out, n);
        return GIJI_OK;
    }
    for (size_t i = 0; i < *n; i++) {
        unsigned long long b = (unsigned long long)((*out)[i] - lo);
        seen[b / 64] |= 1ull << (b % 64);
    }
    size_t k = 0;
    for (unsigned long long w = 0; w < (span + 63) / 64; w++)
        for (uint64_t bits = seen[w]; bits; bits &= bits - 1)
            (*out)[k++] = lo + (long long)(w * 64 + (unsigned)__builtin_ctzll(bits));
    free(seen);
    *n = k;
    return GIJI_OK;
}

/* The persons, entities or meetings ids[0..n) (ascending) into f. */
static int persons_of(giji_store *st, giji_graph_facts *f, const long long *ids, size_t n, int *missing)
{
    int rc = GIJI_OK;
    if (n == 0)
        return rc;
    sqlite3_stmt *s = NULL;
    if (!(f->persons = calloc(n, sizeof *f->persons)))
        rc = GIJI_NOMEM();
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT name, display FROM persons WHERE id = ?", &s);
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        giji_fact_person *p = &f->persons[f->npersons++];
        p->id = ids[i];
        int step = store_bind_int(s, 1, ids[i]) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        if (step == SQLITE_DONE && missing) {
            *missing = 1; /* gone: the caller reads the whole facts */
            sqlite3_reset(s);
            break;
        }
        if (step != SQLITE_ROW)
            rc = store_db_error(st, "cannot read a speaker");
        else if (!(rc = store_col_text(s, 0, &p->name)))
            rc = store_col_text(s, 1, &p->display);
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return rc;
}

static int entities_of(giji_store *st, giji_graph_facts *f, const long long *ids, size_t n, int *missing)
{
    int rc = GIJI_OK;
    if (n == 0)
        return rc;
    sqlite3_stmt *s = NULL;
    if (!(f->entities = calloc(n, sizeof *f->entities)))
        rc = GIJI_NOMEM();
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT name, type FROM entities WHERE id = ?", &s);
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        giji_fact_entity *e = &f->entities[f->nentities++];
        e->id = ids[i];
        int step = store_bind_int(s, 1, ids[i]) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        if (step == SQLITE_DONE && missing) {
            *missing = 1; /* gone: the caller reads the whole facts */
            sqlite3_reset(s);
            break;
        }
        if (step != SQLITE_ROW)
            rc = store_db_error(st, "cannot read an entity");
        else {
            e->type = store_entity_type_parse((const char *)sqlite3_column_text(s, 1));
            rc = store_col_text(s, 0, &e->name);
        }
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return rc;
}

static int meetings_of(giji_store *st, giji_graph_facts *f, const long long *ids, size_t n, int *missing)
{
    int rc = GIJI_OK;
    if (n == 0)
        return rc;
    sqlite3_stmt *s = NULL;
    if (!(f->meetings = calloc(n, sizeof *f->meetings)))
        rc = GIJI_NOMEM();
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT g.body, g.date, s.name FROM meetings g "
                               "JOIN sources s ON s.id = g.source_id WHERE g.id = ?", &s);
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        giji_fact_meeting *m = &f->meetings[f->nmeetings++];
        m->id = ids[i];
        int step = store_bind_int(s, 1, ids[i]) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        if (step == SQLITE_DONE && missing) {
            *missing = 1; /* gone: the caller reads the whole facts */
            sqlite3_reset(s);
            break;
        }
        if (step != SQLITE_ROW)
            rc = store_db_error(st, "cannot read a meeting");
        else {
            rc = store_col_text(s, 0, &m->body);
            rc = rc ? rc : store_col_text(s, 1, &m->date);
            rc = rc ? rc : store_col_text(s, 2, &m->source);
        }
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The speakers (which 0), meetings (1) or entities (2) of the remarks read. */
static int read_named(giji_store *st, giji_graph_facts *f, int which)
{
    long long *ids;
    size_t n;
    int rc = collect_ids(f, which, &ids, &n);
    if (rc == GIJI_OK)
        rc = which == 0 ? persons_of(st, f, ids, n, NULL) : which == 1 ? meetings_of(st, f, ids, n, NULL)
                                                                       : entities_of(st, f, ids, n, NULL);
    free(ids);
    return rc;
}

/* Both ways of reading facts start so: out emptied, no filter meaning all
 * remarks, a read transaction (own: whether this call opened it). */
static int facts_begin(giji_store *st, const giji_remark_filter **flt, giji_graph_facts *out, int *own)
{
    static const giji_remark_filter all = {0};
    memset(out, 0, sizeof *out);
    if (!*flt)
        *flt = &all;
    return store_read_begin(st, own);
}

int giji_store_graph_facts(giji_store *st, const giji_remark_filter *flt, giji_graph_facts *out)
{
    int own;
    int rc = facts_begin(st, &flt, out, &own);
    if (rc)
        return rc;
    rc = giji_store_content_version(st, &out->content_version);
    rc = rc ? rc : read_remarks(st, flt, out);
    rc = rc ? rc : read_named(st, out, 0);
    rc = rc ? rc : read_named(st, out, 2);
    rc = rc ? rc : read_named(st, out, 1);
    store_read_end(st, own);
    if (rc)
        giji_graph_facts_free(out);
    return rc;
}

void giji_graph_facts_free(giji_graph_facts *f)
{
    if (!f)
        return;
    free(f->remarks);
    free(f->entity_ids);
    for (size_t i = 0; f->persons && i < f->npersons; i++) {
        free(f->persons[i].name);
        free(f->persons[i].display);
    }
    free(f->persons);
    for (size_t i = 0; f->entities && i < f->nentities; i++)
        free(f->entities[i].name);
    free(f->entities);
    for (size_t i = 0; f->meetings && i < f->nmeetings; i++) {
        free(f->meetings[i].body);
        free(f->meetings[i].date);
        free(f->meetings[i].source);
    }
    free(f->meetings);
    memset(f, 0, sizeof *f);
}

/* ---- giji_store_graph_facts_of --------------------------------------------- */

typedef struct kept_pair { long long r, e, meeting, speaker; } kept_pair;

static int cmp_kept_pair(const void *a, const void *b)
{
    const kept_pair *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? -1 : 1;
    return (x->e > y->e) - (x->e < y->e);
}

/* Sort the pairs, read entity by entity (ascending) with each entity's
 * remarks ascending, by remark then entity: a stable counting sort by
 * remark id when the ids are dense (rowids, as a rule), else qsort. */
static int sort_kept_pairs(kept_pair **pairs, size_t np)
{
    kept_pair *p = *pairs;
    long long lo = p[0].r, hi = p[0].r;
    for (size_t i = 1; i < np; i++) {
        if (p[i].r < lo)
            lo = p[i].r;
        if (p[i].r > hi)
            hi = p[i].r;
    }
    unsigned long long span = (unsigned long long)(hi - lo) + 1;
    uint32_t *at = NULL;
    kept_pair *out = NULL;
    if (span <= 16 * (unsigned long long)np + 65536 && np < UINT32_MAX) {
        at = calloc(span + 1, sizeof *at);
        out = malloc(np * sizeof *out);
    }
    if (!at || !out) {
        free(at);
        free(out);
        qsort(p, np, sizeof *p, cmp_kept_pair);
        return GIJI_OK;
    }
    for (size_t i = 0; i < np; i++)
        at[p[i].r - lo + 1]++;
    for (unsigned long long k = 1; k <= span; k++)
        at[k] += at[k - 1];
    for (size_t i = 0; i < np; i++)
        out[at[p[i].r - lo]++] = p[i];
    free(at);
    free(p);
    *pairs = out;
    return GIJI_OK;
}

/* The selected remarks that mention one of the entities, from each
 * entity's rows of entity_remarks (by remark id, with the remark's meeting
 * and speaker: the trigger entity_remarks_remark keeps them the remark's). */
static int read_kept_remarks(giji_store *st, const long long *mids, size_t nm, int all, const long long *entities,
                             size_t ne, giji_graph_facts *f)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT remark_id, meeting_id, speaker_id FROM entity_remarks WHERE entity_id = ?",
                           &s);
    if (rc)
        return rc;
    kept_pair *pairs = NULL;
    size_t np = 0, cap = 0;
    for (size_t i = 0; rc == GIJI_OK && i < ne; i++) {
        int step = store_bind_int(s, 1, entities[i]) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
        while (rc == GIJI_OK && step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
            /* the meeting matters to a narrowed selection and to a remark
             * without a speaker (its meeting's unattributed node) */
            long long speaker = sqlite3_column_int64(s, 2); /* NULL reads as 0 */
            long long meeting = !all || !speaker ? sqlite3_column_int64(s, 1) : 0;
            size_t at;
            if (!all && !find_ll(mids, nm, meeting, &at))
                continue;
            if ((rc = giji_array_grow(&pairs, &cap, np, sizeof *pairs)))
                break;
            pairs[np++] = (kept_pair){sqlite3_column_int64(s, 0), entities[i], meeting, speaker};
        }
        if (rc == GIJI_OK)
            rc = store_loop_end(st, rc, step, "cannot read the mentions of a graph");
        sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    if (rc == GIJI_OK && np > 1)
        rc = sort_kept_pairs(&pairs, np);
    if (rc == GIJI_OK && np && (!(f->entity_ids = malloc(np * sizeof *f->entity_ids)) ||
                                !(f->remarks = malloc(np * sizeof *f->remarks))))
        rc = GIJI_NOMEM();
    for (size_t i = 0; rc == GIJI_OK && i < np; i++) {
        if (i == 0 || pairs[i].r != pairs[i - 1].r)
            f->remarks[f->nremarks++] = (giji_fact_remark){pairs[i].r, pairs[i].meeting, pairs[i].speaker,
                                                           f->nentity_ids, 0};
        f->entity_ids[f->nentity_ids++] = pairs[i].e;
        f->remarks[f->nremarks - 1].n++;
    }
    free(pairs);
    return rc;
}

int giji_store_graph_facts_of(giji_store *st, const giji_remark_filter *flt, const long long *persons, size_t np,
                              const long long *entities, size_t ne, const long long *meetings, size_t nm,
                              giji_graph_facts *out, int *done)
{
    *done = 0;
    int own;
    int rc = facts_begin(st, &flt, out, &own);
    if (rc)
        return rc;
    long long *mids = NULL, total = 0;
    size_t nsel = 0;
    rc = giji_store_content_version(st, &out->content_version);
    rc = rc ? rc : select_meetings(st, flt, &mids, &nsel, &total);
    /* a narrow selection is read through `mentions` by giji_store_graph_facts
     * (and is cheap to read whole): only a wide one is answered here, from
     * the same entity_remarks rows as that function's scan */
    if (rc == GIJI_OK && nsel > 0 && (long long)nsel * 8 >= total) {
        rc = read_kept_remarks(st, mids, nsel, (long long)nsel == total, entities, ne, out);
        int missing = 0;
        rc = rc ? rc : persons_of(st, out, persons, np, &missing);
        rc = rc || missing ? rc : entities_of(st, out, entities, ne, &missing);
        rc = rc || missing ? rc : meetings_of(st, out, meetings, nm, &missing);
        *done = rc == GIJI_OK && !missing;
    }
    free(mids);
    store_read_end(st, own);
    if (rc || !*done)
        giji_graph_facts_free(out);
    if (rc)
        *done = 0;
    return rc;
}

/* ---- giji_store_name_lookup ---------------------------------------------- */

/* Ids of a one-column query with the parameters bound to `a` (and `b`). */
static int query_ids(giji_store *st, const char *sql, const char *a, const char *b,
                     long long **out, size_t *n)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    int bind = store_bind_text(s, 1, a);
    if (bind == SQLITE_OK && sqlite3_bind_parameter_count(s) >= 2)
        bind = store_bind_text(s, 2, b);
    rc = bind != SQLITE_OK ? store_db_error(st, "cannot look up a name")
                           : store_step_ids(st, s, out, n, "cannot look up a name");
    sqlite3_finalize(s);
    return rc;
}

int giji_store_name_lookup(giji_store *st, const char *name, long long **persons, size_t *np,
                           long long **entities, size_t *ne)
{
    *persons = *entities = NULL;
    *np = *ne = 0;
    if (!name)
        return GIJI_OK;
    char *key = giji_str_nospace(name);
    if (!key)
        return GIJI_NOMEM();
    int own;
    int rc = store_read_begin(st, &own);
    /* persons.name has no white space; display keeps the spelling */
    rc = rc ? rc : query_ids(st, "SELECT id FROM persons WHERE name = ?1 OR display = ?2 ORDER BY id",
                             key, name, persons, np);
    rc = rc ? rc : query_ids(st, "SELECT id FROM entities WHERE name = ?1 UNION "
                                 "SELECT entity_id FROM entity_aliases WHERE alias = ?1 ORDER BY 1",
                             name, NULL, entities, ne);
    store_read_end(st, own);
    free(key);
    if (rc) {
        free(*persons);
        free(*entities);
        *persons = *entities = NULL;
        *np = *ne = 0;
    }
    return rc;
}

/* ---- the metrics cache ------------------------------------------------- */

/* int64 arrays in blobs, little-endian whatever the machine. */
static unsigned char *ll_blob(const long long *v, size_t n)
{
    unsigned char *b = malloc(n ? n * 8 : 1);
    for (size_t i = 0; b && i < n; i++)
        for (int k = 0; k < 8; k++)
            b[i * 8 + (size_t)k] = (unsigned char)((unsigned long long)v[i] >> (8 * k));
    return b;
}

static long long ll_at(const unsigned char *b, size_t i)
{
    unsigned long long x = 0;
    for (int k = 7; k >= 0; k--)
        x = (x << 8) | b[i * 8 + (size_t)k];
    return (long long)x;
}

/* An entry's nodes (schema 8): one blob of NODE_FIELDS 8-byte fields a node,
 * in the graph's order (kind, id, the metrics as IEEE doubles, community,
 * remarks), instead of a row each (a row each was 0.018 G instructions of
 * the 10 MB briefing's 4,885 nodes); with the selected remarks (NULL: the
 * entry has no counts) and the meetings. */
#define NODE_FIELDS (4 + GIJI_STORE_NMETRICS)

static long long dbl_bits(double d)
{
    long long x;
    memcpy(&x, &d, sizeof x);
    return x;
}

static double bits_dbl(long long x)
{
    double d;
    memcpy(&d, &x, sizeof d);
    return d;
}

static int cache_data_get(giji_store *st, long long cache_id, long long nodes, giji_metrics_cache_rec *out)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT selected, nodes, meetings FROM metrics_cache_data WHERE cache_id = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_int(s, 1, cache_id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        const unsigned char *r = sqlite3_column_blob(s, 1);
        size_t rn = (size_t)sqlite3_column_bytes(s, 1);
        const unsigned char *m = sqlite3_column_blob(s, 2);
        size_t mn = (size_t)sqlite3_column_bytes(s, 2);
        if (nodes < 0 || rn != (size_t)nodes * NODE_FIELDS * 8 || mn % 8)
            rc = giji_error_set(GIJI_EDB, "%s: the metrics cache is inconsistent", st->path);
        else if ((nodes && !(out->nodes = calloc((size_t)nodes, sizeof *out->nodes))) ||
                 (mn && !(out->meetings = malloc(mn))))
            rc = GIJI_NOMEM();
        for (size_t i = 0; rc == GIJI_OK && i < (size_t)nodes; i++) {
            giji_cached_node *c = &out->nodes[out->nnodes++];
            size_t f = i * NODE_FIELDS;
            c->kind = (int)ll_at(r, f);
            c->id = ll_at(r, f + 1);
            for (int k = 0; k < GIJI_STORE_NMETRICS; k++)
                c->metric[k] = bits_dbl(ll_at(r, f + 2 + (size_t)k));
            c->community = ll_at(r, f + 2 + GIJI_STORE_NMETRICS);
            c->remarks = ll_at(r, f + 3 + GIJI_STORE_NMETRICS);
        }
        if (rc == GIJI_OK && sqlite3_column_type(s, 0) != SQLITE_NULL) {
            out->selected = sqlite3_column_int64(s, 0);
            out->nmeetings = mn / 8;
            for (size_t i = 0; i < out->nmeetings; i++)
                out->meetings[i] = ll_at(m, i);
            out->has_counts = 1;
        }
    } else if (step == SQLITE_DONE) {
        rc = giji_error_set(GIJI_EDB, "%s: the metrics cache is inconsistent", st->path);
    } else {
        rc = store_db_error(st, "cannot read the metrics cache");
    }
    sqlite3_finalize(s);
    return rc;
}

static int cache_data_put(giji_store *st, long long cache_id, const giji_metrics_cache_rec *rec)
{
    size_t nf = rec->nnodes * NODE_FIELDS;
    long long *fields = malloc((nf ? nf : 1) * sizeof *fields);
    unsigned char *r = NULL, *m = NULL;
    if (fields) {
        for (size_t i = 0; i < rec->nnodes; i++) {
            const giji_cached_node *c = &rec->nodes[i];
            long long *f = fields + i * NODE_FIELDS;
            f[0] = c->kind;
            f[1] = c->id;
            for (int k = 0; k < GIJI_STORE_NMETRICS; k++)
                f[2 + k] = dbl_bits(c->metric[k]);
            f[2 + GIJI_STORE_NMETRICS] = c->community;
            f[3 + GIJI_STORE_NMETRICS] = rec->has_counts ? c->remarks : 0;
        }
        r = ll_blob(fields, nf);
        m = ll_blob(rec->meetings, rec->has_counts ? rec->nmeetings : 0);
    }
    free(fields);
    sqlite3_stmt *s = NULL;
    int rc = r && m ? store_prepare(st, "INSERT INTO metrics_cache_data (cache_id, selected, nodes, meetings) "
                                        "VALUES (?, ?, ?, ?)", &s)
                    : GIJI_NOMEM();
    if (rc == GIJI_OK) {
        size_t mn = rec->has_counts ? rec->nmeetings : 0;
        /* a zero-length blob bound from a pointer would be NULL */
        int b = store_bind_int(s, 1, cache_id);
        b = b ? b : rec->has_counts ? store_bind_int(s, 2, rec->selected) : sqlite3_bind_null(s, 2);
        b = b ? b : nf ? sqlite3_bind_blob64(s, 3, r, nf * 8, SQLITE_STATIC) : sqlite3_bind_zeroblob(s, 3, 0);
        b = b ? b : mn ? sqlite3_bind_blob64(s, 4, m, mn * 8, SQLITE_STATIC) : sqlite3_bind_zeroblob(s, 4, 0);
        rc = b == SQLITE_OK ? store_step_done(st, s, "cannot write the metrics cache")
                            : store_db_error(st, "cannot write the metrics cache");
    }
    sqlite3_finalize(s);
    free(r);
    free(m);
    return rc;
}

int giji_store_metrics_cache_get(giji_store *st, const char *key, long long content_version,
                                 giji_metrics_cache_rec *out, int *found)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    sqlite3_stmt *h = NULL;
    long long cache_id = 0, nodes = 0;
    rc = store_prepare(st, "SELECT id, nodes, edges, modularity, communities, cutoff, samples FROM metrics_cache "
                           "WHERE spec = ? AND content_version = ?", &h);
    if (rc == GIJI_OK) {
        int b = store_bind_text(h, 1, key);
        b = b ? b : store_bind_int(h, 2, content_version);
        int step = b == SQLITE_OK ? sqlite3_step(h) : SQLITE_ERROR;
        if (step == SQLITE_ROW) {
            cache_id = sqlite3_column_int64(h, 0);
            nodes = sqlite3_column_int64(h, 1);
            out->content_version = content_version;
            out->nedges = sqlite3_column_int64(h, 2);
            out->modularity = sqlite3_column_double(h, 3);
            out->communities = sqlite3_column_int64(h, 4);
            out->cutoff = sqlite3_column_double(h, 5);
            out->samples = sqlite3_column_int64(h, 6);
        } else if (step != SQLITE_DONE) {
            rc = store_db_error(st, "cannot read the metrics cache");
        }
    }
    if (rc == GIJI_OK && cache_id)
        rc = cache_data_get(st, cache_id, nodes, out);
    sqlite3_finalize(h);
    store_read_end(st, own);
    if (rc)
        giji_metrics_cache_rec_free(out);
    else
        *found = cache_id != 0;
    return rc;
}

static int cache_put_locked(giji_store *st, const char *key, const giji_metrics_cache_rec *rec,
                            int *stored)
{
    long long current = 0;
    int rc = giji_store_content_version(st, &current);
    if (rc || current != rec->content_version)
        return rc; /* stale already: nothing to store */
    sqlite3_stmt *d = NULL, *h = NULL;
    rc = store_prepare(st, "DELETE FROM metrics_cache WHERE spec = ? OR content_version < ?", &d);
    if (rc == GIJI_OK) {
        int b = store_bind_text(d, 1, key);
        b = b ? b : store_bind_int(d, 2, current);
        rc = b == SQLITE_OK ? store_step_done(st, d, "cannot clear the metrics cache")
                            : store_db_error(st, "cannot clear the metrics cache");
    }
    if (rc == GIJI_OK)
        rc = store_prepare(st, "INSERT INTO metrics_cache (spec, content_version, nodes, edges, modularity, "
                               "communities, cutoff, samples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &h);
    if (rc == GIJI_OK) {
        int b = store_bind_text(h, 1, key);
        b = b ? b : store_bind_int(h, 2, rec->content_version);
        b = b ? b : store_bind_int(h, 3, (long long)rec->nnodes);
        b = b ? b : store_bind_int(h, 4, rec->nedges);
        b = b ? b : sqlite3_bind_double(h, 5, rec->modularity);
        b = b ? b : store_bind_int(h, 6, rec->communities);
        b = b ? b : sqlite3_bind_double(h, 7, rec->cutoff);
        b = b ? b : store_bind_int(h, 8, rec->samples);
        rc = b == SQLITE_OK ? store_step_done(st, h, "cannot write the metrics cache")
                            : store_db_error(st, "cannot write the metrics cache");
    }
    long long cache_id = sqlite3_last_insert_rowid(st->db);
    if (rc == GIJI_OK)
        rc = cache_data_put(st, cache_id, rec);
    sqlite3_finalize(d);
    sqlite3_finalize(h);
    if (rc == GIJI_OK && stored)
        *stored = 1;
    return rc;
}

int giji_store_metrics_cache_put(giji_store *st, const char *key, const giji_metrics_cache_rec *rec,
                                 int *stored)
{
    if (stored)
        *stored = 0;
    if (st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot write the metrics cache inside a read snapshot",
                              st->path);
    for (size_t i = 0; i < rec->nnodes; i++)
        if (rec->nodes[i].kind < 0 || rec->nodes[i].kind > 2)
            return giji_error_set(GIJI_EINVAL, "%s: metrics cache: node %zu has kind %d", st->path, i,
                                  rec->nodes[i].kind);
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to write the metrics cache");
    if (rc)
        return rc;
    rc = cache_put_locked(st, key, rec, stored);
    if (rc == GIJI_OK)
        rc = store_exec(st, "COMMIT", "cannot commit the metrics cache");
    if (rc) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        if (stored)
            *stored = 0;
    }
    return rc;
}

void giji_metrics_cache_rec_free(giji_metrics_cache_rec *rec)
{
    if (!rec)
        return;
    free(rec->nodes);
    free(rec->meetings);
    memset(rec, 0, sizeof *rec);
}
