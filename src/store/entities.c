/*
 * store/entities.c — the entity queries behind `giji entities` and
 * `giji candidates`: entities with their mention, remark and meeting counts,
 * and discovered entities with the evidence a user needs to promote them
 * (most frequent rule, first mention with a keyword-in-context excerpt).
 * Also the storage names of the entity types.
 * Not responsible for writing entities (put.c) or for output (cli/).
 *
 * Partial results: on failure a reader frees what it built and leaves its
 * outputs empty, so callers never free after an error.
 */
#include "store/store_int.h"
#include "giji/extract.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- type names --------------------------------------------------------- */

/* The names are giji_entity_type_name()'s (extract/types.c); the CHECK
 * constraint on entities.type in schema.sql lists the same names, so a
 * type added there needs a schema change too. */
const char *store_entity_type_name(int type)
{
    return type >= 0 && type < GIJI_ENT_NTYPES ? giji_entity_type_name(type) : NULL;
}

int store_entity_type_parse(const char *name)
{
    return name ? giji_entity_type_parse(name) : -1;
}

/* ---- giji_store_entity_list ---------------------------------------------- */

static int loop_end(giji_store *st, int rc, int step, const char *what)
{
    if (rc == GIJI_OK && step != SQLITE_DONE)
        return store_db_error(st, what);
    return rc;
}

static int load_remark_ids(giji_store *st, sqlite3_stmt *s, giji_entity_row *e)
{
    int rc = GIJI_OK;
    size_t cap = 0;
    int step = store_bind_int(s, 1, e->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&e->remark_ids, &cap, e->nremark_ids, sizeof *e->remark_ids)))
            break;
        e->remark_ids[e->nremark_ids++] = sqlite3_column_int64(s, 0);
    }
    rc = loop_end(st, rc, step, "cannot read the remarks of an entity");
    sqlite3_reset(s);
    return rc;
}

static int entity_list_read(giji_store *st, const char *type, int include_discovered,
                            giji_entity_row **out, size_t *n)
{
    sqlite3_stmt *s, *rs = NULL;
    int live = 0;
    int rc = giji_store_counts_live(st, &live);
    if (rc)
        return rc;
    /* the derived counts per meeting (schema 4): one row per entity and
     * meeting, not per mention; while a bulk load has suspended them, the
     * mentions themselves */
    rc = store_prepare(st,
                       live ? "SELECT e.id, e.name, e.type, e.discovered, p.name, coalesce(sum(h.mentions), 0), "
                              "coalesce(sum(h.remarks), 0), count(h.meeting_id) "
                              "FROM entities e LEFT JOIN entities p ON p.id = e.parent_id "
                              "LEFT JOIN entity_meetings h ON h.entity_id = e.id "
                              "WHERE (?1 IS NULL OR e.type = ?1) AND (?2 OR e.discovered = 0) "
                              "GROUP BY e.id ORDER BY 6 DESC, e.name"
                            : "SELECT e.id, e.name, e.type, e.discovered, p.name, count(m.remark_id), "
                              "count(DISTINCT m.remark_id), count(DISTINCT r.meeting_id) "
                              "FROM entities e LEFT JOIN entities p ON p.id = e.parent_id "
                              "LEFT JOIN mentions m ON m.entity_id = e.id "
                              "LEFT JOIN remarks r ON r.id = m.remark_id "
                              "WHERE (?1 IS NULL OR e.type = ?1) AND (?2 OR e.discovered = 0) "
                              "GROUP BY e.id ORDER BY 6 DESC, e.name",
                       &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int b = store_bind_text(s, 1, type);
    b = b ? b : store_bind_int(s, 2, include_discovered ? 1 : 0);
    int step = b == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        giji_entity_row *e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(s, 0);
        e->discovered = sqlite3_column_int(s, 3);
        e->mentions = sqlite3_column_int64(s, 5);
        e->remarks = sqlite3_column_int64(s, 6);
        e->meetings = sqlite3_column_int64(s, 7);
        rc = store_col_text(s, 1, &e->name);
        rc = rc ? rc : store_col_text(s, 2, &e->type);
        if (rc || (rc = store_col_text(s, 4, &e->parent)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot list entities");
    sqlite3_finalize(s);
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT remark_id FROM entity_remarks WHERE entity_id = ? "
                               "ORDER BY remark_id", &rs);
    for (size_t i = 0; rc == GIJI_OK && i < *n; i++)
        if ((*out)[i].mentions)
            rc = load_remark_ids(st, rs, &(*out)[i]);
    sqlite3_finalize(rs);
    return rc;
}

int giji_store_entity_list(giji_store *st, const char *type, int include_discovered,
                           giji_entity_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (type && store_entity_type_parse(type) < 0)
        return giji_error_set(GIJI_EINVAL, "unknown entity type '%s' (known: ministry, isac, law, "
                              "policy, event, country, org, topic)", type);
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = entity_list_read(st, type, include_discovered, out, n);
    store_read_end(st, own);
    if (rc) {
        giji_entity_rows_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void giji_entity_rows_free(giji_entity_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++) {
        free(rows[i].name);
        free(rows[i].type);
        free(rows[i].parent);
        free(rows[i].remark_ids);
    }
    free(rows);
}

/* ---- giji_store_candidates ---------------------------------------------- */

/* Code points of context on each side of a candidate's mention. */
#define KWIC_SPAN 20

static int is_break(uint32_t c)
{
    return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* text[start - span .. end + span) in code points, line breaks and control
 * characters as spaces, invalid bytes as U+FFFD. Offsets beyond the text
 * are clipped. *at and *to receive start and end relative to the excerpt.
 * NULL when out of memory. */
static char *kwic(const char *text, long start, long end, long span, long *at, long *to)
{
    size_t len = strlen(text);
    long lo = start > span ? start - span : 0;
    long hi = end + span;
    *at = start - lo;
    *to = end - lo;
    giji_buf b = {0};
    int rc = GIJI_OK;
    long cp = 0;
    for (size_t i = 0; rc == GIJI_OK && i < len && cp < hi; cp++) {
        uint32_t c;
        size_t k = giji_utf8_decode(text + i, len - i, &c);
        if (cp >= lo) {
            if (!k)
                rc = giji_buf_put_cp(&b, 0xFFFD);
            else if (is_break(c))
                rc = giji_buf_putc(&b, ' ');
            else
                rc = giji_buf_append(&b, text + i, k);
        }
        i += k ? k : 1;
    }
    if (rc) {
        giji_buf_free(&b);
        return NULL;
    }
    long n = cp - lo; /* code points in the excerpt */
    if (*to > n)
        *to = n < 0 ? 0 : n;
    if (*at > *to)
        *at = *to;
    return giji_buf_steal(&b);
}

typedef struct cand_stmts {
    sqlite3_stmt *rule, *first;
} cand_stmts;

/* The most frequent rule of candidate c (ties: the first by code point). */
static int load_rule(giji_store *st, sqlite3_stmt *s, giji_candidate *c)
{
    int step = store_bind_int(s, 1, c->id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    int rc = GIJI_OK;
    if (step == SQLITE_ROW)
        rc = store_col_text(s, 0, &c->rule);
    else if (step != SQLITE_DONE)
        rc = store_db_error(st, "cannot read the rules of a candidate");
    sqlite3_reset(s);
    return rc;
}

/* Where candidate c is first mentioned, with its context. */
static int load_first(giji_store *st, sqlite3_stmt *s, giji_candidate *c)
{
    int step = store_bind_int(s, 1, c->id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    int rc = GIJI_OK;
    if (step == SQLITE_ROW) {
        c->remark_id = sqlite3_column_int64(s, 0);
        c->line = (unsigned)sqlite3_column_int64(s, 2);
        const unsigned char *text = sqlite3_column_text(s, 3);
        rc = store_col_text(s, 1, &c->source);
        if (rc == GIJI_OK && !(c->context = kwic(text ? (const char *)text : "",
                                                 (long)sqlite3_column_int64(s, 4),
                                                 (long)sqlite3_column_int64(s, 5), KWIC_SPAN,
                                                 &c->context_start, &c->context_end)))
            rc = GIJI_NOMEM();
    } else {
        rc = store_db_error(st, "cannot read the first mention of a candidate");
    }
    sqlite3_reset(s);
    return rc;
}

static int candidates_read(giji_store *st, int min_count, giji_candidate **out, size_t *n)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st,
                           "SELECT e.id, e.name, e.type, count(*) FROM entities e "
                           "JOIN mentions m ON m.entity_id = e.id WHERE e.discovered = 1 "
                           "GROUP BY e.id HAVING count(*) >= ? ORDER BY 4 DESC, e.name", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, min_count) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        giji_candidate *c = &(*out)[(*n)++];
        memset(c, 0, sizeof *c);
        c->id = sqlite3_column_int64(s, 0);
        c->count = sqlite3_column_int64(s, 3);
        rc = store_col_text(s, 1, &c->name);
        if (rc || (rc = store_col_text(s, 2, &c->type)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot list candidates");
    sqlite3_finalize(s);
    cand_stmts cs = {0};
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT rule FROM mentions WHERE entity_id = ? AND rule IS NOT NULL "
                               "GROUP BY rule ORDER BY count(*) DESC, rule LIMIT 1", &cs.rule);
    if (rc == GIJI_OK)
        rc = store_prepare(st,
                           "SELECT r.id, s.name, r.line, r.text, m.\"start\", m.\"end\" FROM mentions m "
                           "JOIN remarks r ON r.id = m.remark_id JOIN meetings g ON g.id = r.meeting_id "
                           "JOIN sources s ON s.id = g.source_id WHERE m.entity_id = ? "
                           "ORDER BY g.date NULLS LAST, s.name, r.seq, m.\"start\", m.\"end\" LIMIT 1",
                           &cs.first);
    for (size_t i = 0; rc == GIJI_OK && i < *n; i++) {
        rc = load_rule(st, cs.rule, &(*out)[i]);
        rc = rc ? rc : load_first(st, cs.first, &(*out)[i]);
    }
    sqlite3_finalize(cs.rule);
    sqlite3_finalize(cs.first);
    return rc;
}

int giji_store_candidates(giji_store *st, int min_count, giji_candidate **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = candidates_read(st, min_count < 1 ? 1 : min_count, out, n);
    store_read_end(st, own);
    if (rc) {
        giji_candidates_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void giji_candidates_free(giji_candidate *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].name);
        free(c[i].type);
        free(c[i].rule);
        free(c[i].source);
        free(c[i].context);
    }
    free(c);
}
