/*
 * store/put.c — giji_store_put: one meeting, one transaction (or part of a
 * batch's transaction: giji_store_batch_begin/commit).
 *
 * Responsible for: checking the meeting's internal references before
 * touching the database, deciding NEW / REPLACED / UNCHANGED by content hash
 * and file name, writing every row of the meeting (entities merged by name
 * with the gazetteer-over-discovery rules below), removing persons and
 * discovered entities nobody refers to any more, and bumping
 * content_version.
 * On any failure the transaction (in a batch: the batch's) is rolled back,
 * so each input file is stored whole or not at all. Not responsible for reading (read.c).
 */
#include "store/store_int.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The attribution vocabulary of the database: exactly the values allowed by
 * the CHECK constraint on remarks.attribution. Kept here rather than taken
 * from giji_attribution_name() because these strings are a storage format
 * and must not change when display names do. NULL for a value out of range. */
static const char *attribution_db_name(giji_attribution a)
{
    switch (a) {
    case GIJI_ATTR_NONE: return "none";
    case GIJI_ATTR_EXPLICIT: return "explicit";
    case GIJI_ATTR_CHAIR: return "chair";
    case GIJI_ATTR_INFERRED: return "inferred";
    }
    return NULL;
}

/* ---- validation (no database access) ---------------------------------- */

static int is_sha256_hex(const char *h)
{
    for (int i = 0; i < 64; i++)
        if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
            return 0;
    return h[64] == '\0';
}

/* A fixed char array must hold a terminated string (it is bound as text). */
static int fixed_ok(const char *a, size_t size) { return memchr(a, '\0', size) != NULL; }

static int validate_attendees(const char *name, const giji_meeting *m)
{
    for (size_t i = 0; i < m->nattendees; i++) {
        const giji_attendee *a = &m->attendees[i];
        if (!a->name || !*a->name)
            return giji_error_set(GIJI_EINVAL, "%s: attendee %zu has no name", name, i + 1);
        if (a->proxy_for < -1 || (a->proxy_for >= 0 && (size_t)a->proxy_for >= m->nattendees))
            return giji_error_set(GIJI_EINVAL, "%s: attendee %zu stands in for attendee %d, which does not exist",
                                  name, i + 1, a->proxy_for + 1);
    }
    return GIJI_OK;
}

static int validate_remarks(const char *name, const giji_meeting *m)
{
    for (size_t i = 0; i < m->nremarks; i++) {
        const giji_remark *r = &m->remarks[i];
        if (r->speaker < -1 || (r->speaker >= 0 && (size_t)r->speaker >= m->nattendees))
            return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu names attendee %d, which does not exist",
                                  name, r->line, i + 1, r->speaker + 1);
        if (!attribution_db_name(r->attribution))
            return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu has invalid attribution %d", name,
                                  r->line, i + 1, (int)r->attribution);
    }
    return GIJI_OK;
}

/* Code points in s; an invalid byte counts as one (remark text is valid
 * UTF-8 when it comes from the pipeline). */
static size_t cp_count(const char *s)
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
    }
    return n;
}

static int validate_entity(const char *name, const giji_entity *e, size_t i)
{
    if (!e->name || !*e->name)
        return giji_error_set(GIJI_EINVAL, "%s: entity %zu has no name", name, i + 1);
    if (!store_entity_type_name(e->type))
        return giji_error_set(GIJI_EINVAL, "%s: entity %zu (%s) has invalid type %d", name, i + 1,
                              e->name, e->type);
    if (e->naliases && !e->aliases)
        return giji_error_set(GIJI_EINVAL, "%s: entity %zu (%s) has %zu aliases but no array", name,
                              i + 1, e->name, e->naliases);
    for (size_t j = 0; j < e->naliases; j++)
        if (!e->aliases[j] || !*e->aliases[j])
            return giji_error_set(GIJI_EINVAL, "%s: entity %zu (%s): alias %zu is empty", name, i + 1,
                                  e->name, j + 1);
    if (!e->parent)
        return GIJI_OK;
    if (!*e->parent || !strcmp(e->parent, e->name))
        return giji_error_set(GIJI_EINVAL, "%s: entity %zu (%s) has an empty parent or is its own parent",
                              name, i + 1, e->name);
    if (!store_entity_type_name(e->parent_type))
        return giji_error_set(GIJI_EINVAL, "%s: entity %zu (%s): parent %s has invalid type %d", name,
                              i + 1, e->name, e->parent, e->parent_type);
    return GIJI_OK;
}

/* Every mention names an existing entity and lies inside its remark's text
 * (the offsets are what `giji candidates` cuts its context from). */
static int validate_mentions(const char *name, const giji_meeting *m)
{
    for (size_t i = 0; i < m->nremarks; i++) {
        const giji_remark *r = &m->remarks[i];
        if (!r->nmentions)
            continue;
        if (!r->mentions)
            return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu has %zu mentions but no array", name,
                                  r->line, i + 1, r->nmentions);
        size_t len = cp_count(r->text ? r->text : "");
        for (size_t j = 0; j < r->nmentions; j++) {
            const giji_mention *mn = &r->mentions[j];
            if (mn->entity >= m->nentities)
                return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu: mention %zu refers to entity %zu, "
                                      "which does not exist", name, r->line, i + 1, j + 1, mn->entity + 1);
            if (mn->start < 0 || mn->end < mn->start || (size_t)mn->end > len)
                return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu: mention %zu at [%ld, %ld) is outside "
                                      "the remark's %zu characters", name, r->line, i + 1, j + 1,
                                      mn->start, mn->end, len);
            if (!mn->surface)
                return giji_error_set(GIJI_EINVAL, "%s:%u: remark %zu: mention %zu has no surface", name,
                                      r->line, i + 1, j + 1);
        }
    }
    return GIJI_OK;
}

static int validate(const giji_source *src, const giji_meeting *m)
{
    if (!src->name || !*src->name)
        return giji_error_set(GIJI_EINVAL, "source has no name");
    if (!is_sha256_hex(src->sha256))
        return giji_error_set(GIJI_EINVAL, "%s: sha256 is not 64 lowercase hex digits", src->name);
    if (!fixed_ok(m->date, sizeof m->date) || !fixed_ok(m->start, sizeof m->start) ||
        !fixed_ok(m->end, sizeof m->end))
        return giji_error_set(GIJI_EINVAL, "%s: meeting date or time is not terminated", src->name);
    for (size_t i = 0; i < m->nagenda; i++)
        if (!m->agenda[i])
            return giji_error_set(GIJI_EINVAL, "%s: agenda item %zu is NULL", src->name, i + 1);
    if (m->nentities && !m->entities)
        return giji_error_set(GIJI_EINVAL, "%s: %zu entities but no array", src->name, m->nentities);
    int rc = validate_attendees(src->name, m);
    rc = rc ? rc : validate_remarks(src->name, m);
    for (size_t i = 0; rc == GIJI_OK && i < m->nentities; i++)
        rc = validate_entity(src->name, &m->entities[i], i);
    return rc ? rc : validate_mentions(src->name, m);
}

/* ---- writing ------------------------------------------------------------ */

/* Finish one row's statement. `bind_rc` carries the first bind failure so
 * the caller can chain binds without checking each. The message names the
 * row ("cannot store remark 3 of 000_x.txt: CHECK constraint failed..."). */
static int step_row(giji_store *st, sqlite3_stmt *s, int bind_rc, const char *what, size_t index,
                    const char *source)
{
    if (bind_rc == SQLITE_OK && sqlite3_step(s) == SQLITE_DONE) {
        sqlite3_reset(s);
        return GIJI_OK;
    }
    char msg[256];
    if (index) /* 1-based position of the row in the meeting */
        snprintf(msg, sizeof msg, "cannot store %s %zu of %s", what, index, source);
    else
        snprintf(msg, sizeof msg, "cannot store the %s of %s", what, source);
    int rc = store_db_error(st, msg); /* before reset, while the message is fresh */
    sqlite3_reset(s);
    return rc;
}

/* Same content under any name: report it and the meeting stored for it. */
static int find_same_content(giji_store *st, const giji_source *src, int *found, long long *meeting_id)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "SELECT m.id FROM sources s LEFT JOIN meetings m ON m.source_id = s.id "
                                      "WHERE s.sha256 = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_text(s, 1, src->sha256) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    *found = step == SQLITE_ROW;
    if (*found)
        *meeting_id = sqlite3_column_int64(s, 0);
    else if (step != SQLITE_DONE)
        rc = store_db_error(st, "cannot look up content hash");
    store_release(st, s);
    return rc;
}

/* Delete the earlier source of this name; its meeting and every row under
 * it go with it through ON DELETE CASCADE. */
static int delete_same_name(giji_store *st, const giji_source *src, int *deleted)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "DELETE FROM sources WHERE name = ?", &s);
    if (rc)
        return rc;
    if (store_bind_text(s, 1, src->name) != SQLITE_OK)
        rc = store_db_error(st, "cannot delete the earlier source of the same name");
    else
        rc = store_step_done(st, s, "cannot delete the earlier source of the same name");
    *deleted = rc == GIJI_OK && sqlite3_changes(st->db) > 0;
    store_release(st, s);
    return rc;
}

static int insert_source(giji_store *st, const giji_source *src, long long *source_id)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO sources (name, path, sha256, size, encoding) "
                                      "VALUES (?, ?, ?, ?, ?)", &s);
    if (rc)
        return rc;
    int b = store_bind_text(s, 1, src->name);
    b = b ? b : store_bind_text(s, 2, src->path ? src->path : src->name);
    b = b ? b : store_bind_text(s, 3, src->sha256);
    b = b ? b : store_bind_int(s, 4, (long long)src->size);
    b = b ? b : store_bind_text(s, 5, src->encoding);
    rc = step_row(st, s, b, "source", 0, src->name);
    *source_id = sqlite3_last_insert_rowid(st->db);
    store_release(st, s);
    return rc;
}

static int insert_meeting(giji_store *st, const char *source, long long source_id,
                          const giji_meeting *m, long long *meeting_id)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO meetings (source_id, body, parent_body, title, kind, session, "
                                      "date, start_time, end_time, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &s);
    if (rc)
        return rc;
    int b = store_bind_int(s, 1, source_id);
    b = b ? b : store_bind_text(s, 2, m->body);
    b = b ? b : store_bind_text(s, 3, m->parent_body);
    b = b ? b : store_bind_text(s, 4, m->title);
    b = b ? b : store_bind_text(s, 5, m->kind);
    b = b ? b : (m->session >= 0 ? store_bind_int(s, 6, m->session) : sqlite3_bind_null(s, 6));
    b = b ? b : store_bind_text_empty_null(s, 7, m->date);
    b = b ? b : store_bind_text_empty_null(s, 8, m->start);
    b = b ? b : store_bind_text_empty_null(s, 9, m->end);
    b = b ? b : store_bind_text(s, 10, m->place);
    rc = step_row(st, s, b, "meeting", 0, source);
    *meeting_id = sqlite3_last_insert_rowid(st->db);
    store_release(st, s);
    return rc;
}

/* Person ids for every attendee, merged by name: the first display seen is
 * kept. ON CONFLICT (name) DO NOTHING rather than INSERT OR IGNORE, which
 * would also swallow CHECK and NOT NULL failures. *ids is the caller's to
 * free. */
static int insert_persons(giji_store *st, const char *source, const giji_meeting *m, long long **ids)
{
    *ids = calloc(m->nattendees ? m->nattendees : 1, sizeof **ids);
    if (!*ids)
        return GIJI_NOMEM();
    sqlite3_stmt *ins = NULL, *sel = NULL;
    int rc = store_prepare_cached(st, "INSERT INTO persons (name, display) VALUES (?, ?) "
                                      "ON CONFLICT (name) DO NOTHING", &ins);
    if (rc == GIJI_OK)
        rc = store_prepare_cached(st, "SELECT id FROM persons WHERE name = ?", &sel);
    for (size_t i = 0; rc == GIJI_OK && i < m->nattendees; i++) {
        const giji_attendee *a = &m->attendees[i];
        int b = store_bind_text(ins, 1, a->name);
        b = b ? b : store_bind_text(ins, 2, a->display ? a->display : a->name);
        if ((rc = step_row(st, ins, b, "person", i + 1, source)))
            break;
        if (store_bind_text(sel, 1, a->name) != SQLITE_OK || sqlite3_step(sel) != SQLITE_ROW)
            rc = store_db_error(st, "cannot read back a person id");
        else
            (*ids)[i] = sqlite3_column_int64(sel, 0);
        sqlite3_reset(sel);
    }
    store_release(st, ins);
    store_release(st, sel);
    return rc;
}

static int insert_attendances(giji_store *st, const char *source, long long meeting_id,
                              const giji_meeting *m, const long long *ids)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO attendances (meeting_id, seq, person_id, display, role, grp, "
                                      "present, proxy_for, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nattendees; i++) {
        const giji_attendee *a = &m->attendees[i];
        int b = store_bind_int(s, 1, meeting_id);
        b = b ? b : store_bind_int(s, 2, (long long)i + 1);
        b = b ? b : store_bind_int(s, 3, ids[i]);
        b = b ? b : store_bind_text(s, 4, a->display ? a->display : a->name);
        b = b ? b : store_bind_text(s, 5, a->role ? a->role : "");
        b = b ? b : store_bind_int(s, 6, a->group);
        b = b ? b : store_bind_int(s, 7, a->present ? 1 : 0);
        b = b ? b : store_bind_id_or_null(s, 8, a->proxy_for >= 0 ? ids[a->proxy_for] : 0);
        b = b ? b : store_bind_int(s, 9, a->line);
        rc = step_row(st, s, b, "attendee", i + 1, source);
    }
    store_release(st, s);
    return rc;
}

/* Bind remark i (seq i + 1) of m to parameters k, k+1, ... of s: seq,
 * speaker_id, speaker_label, attribution, text, line, last_line, cue. */
static int bind_remark(sqlite3_stmt *s, int k, const giji_meeting *m, size_t i, const long long *ids)
{
    const giji_remark *r = &m->remarks[i];
    int b = store_bind_int(s, k, (long long)i + 1);
    b = b ? b : store_bind_id_or_null(s, k + 1, r->speaker >= 0 ? ids[r->speaker] : 0);
    b = b ? b : store_bind_text(s, k + 2, r->speaker_label);
    b = b ? b : store_bind_text(s, k + 3, attribution_db_name(r->attribution));
    b = b ? b : store_bind_text(s, k + 4, r->text ? r->text : "");
    b = b ? b : store_bind_int(s, k + 5, r->line);
    b = b ? b : store_bind_int(s, k + 6, r->last_line);
    b = b ? b : store_bind_text(s, k + 7, r->cue);
    return b;
}

/* Row by row, as before the staging below: what the bulk insert falls back
 * on when it fails, to name the remark that fails (the bulk statement was
 * undone; the transaction is still open). Also fills remark_ids[i]. */
static int insert_remarks_rows(giji_store *st, const char *source, long long meeting_id,
                          const giji_meeting *m, const long long *ids, long long *remark_ids)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO remarks (meeting_id, seq, speaker_id, speaker_label, attribution, "
                                      "text, line, last_line, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nremarks; i++) {
        int b = store_bind_int(s, 1, meeting_id);
        b = b ? b : bind_remark(s, 2, m, i, ids);
        rc = step_row(st, s, b, "remark", i + 1, source);
        remark_ids[i] = sqlite3_last_insert_rowid(st->db);
    }
    store_release(st, s);
    return rc;
}

/* The remarks of a meeting go through a temporary table and into
 * `remarks` with one INSERT ... SELECT. Row by row, every INSERT fires the
 * full-text trigger in a statement of its own, and SQLite's FTS5 writes its
 * pending terms out as a new index segment at every statement boundary:
 * one segment per remark, merged again and again (about 40% of the
 * writer's time). In one statement the terms of the whole meeting make one
 * segment. The temporary table is this connection's own and lives in
 * memory; it is emptied after each meeting. */
static int stage_remarks(giji_store *st, const char *source, const giji_meeting *m, const long long *ids)
{
    /* every time: a rolled back transaction also takes back the table */
    int rc = store_exec_cached(st,
                               "CREATE TEMP TABLE IF NOT EXISTS giji_remark_stage ("
                               "seq INTEGER PRIMARY KEY, speaker_id INTEGER, speaker_label TEXT, "
                               "attribution TEXT NOT NULL, text TEXT NOT NULL, line INTEGER NOT NULL, "
                               "last_line INTEGER NOT NULL, cue TEXT)",
                               "cannot create the temporary table of remarks");
    if (rc)
        return rc;
    sqlite3_stmt *s;
    rc = store_prepare_cached(st, "INSERT INTO temp.giji_remark_stage (seq, speaker_id, speaker_label, attribution, "
                                  "text, line, last_line, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nremarks; i++)
        rc = step_row(st, s, bind_remark(s, 1, m, i, ids), "remark", i + 1, source);
    store_release(st, s);
    return rc;
}

/* Also fills remark_ids[i] (the caller's array of m->nremarks). */
static int insert_remarks(giji_store *st, const char *source, long long meeting_id,
                          const giji_meeting *m, const long long *ids, long long *remark_ids)
{
    if (!m->nremarks)
        return GIJI_OK;
    int rc = stage_remarks(st, source, m, ids);
    sqlite3_stmt *s = NULL;
    if (rc == GIJI_OK)
        rc = store_prepare_cached(st, "INSERT INTO remarks (meeting_id, seq, speaker_id, speaker_label, attribution, "
                                      "text, line, last_line, cue) SELECT ?, seq, speaker_id, speaker_label, "
                                      "attribution, text, line, last_line, cue FROM temp.giji_remark_stage "
                                      "ORDER BY seq", &s);
    int bulk = rc == GIJI_OK ? step_row(st, s, store_bind_int(s, 1, meeting_id), "remarks", 0, source) : rc;
    store_release(st, s);
    if (rc == GIJI_OK)
        rc = store_exec_cached(st, "DELETE FROM temp.giji_remark_stage", "cannot empty the temporary table of remarks");
    if (rc == GIJI_OK && bulk) /* name the failing remark, if the transaction is still there */
        return sqlite3_get_autocommit(st->db) ? bulk : insert_remarks_rows(st, source, meeting_id, m, ids, remark_ids);
    /* the ids SQLite gave them, by position */
    if (rc == GIJI_OK)
        rc = store_prepare_cached(st, "SELECT seq, id FROM remarks WHERE meeting_id = ? ORDER BY seq", &s);
    if (rc == GIJI_OK) {
        int step = store_bind_int(s, 1, meeting_id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        for (; step == SQLITE_ROW; step = sqlite3_step(s)) {
            long long seq = sqlite3_column_int64(s, 0);
            if (seq >= 1 && (size_t)seq <= m->nremarks)
                remark_ids[seq - 1] = sqlite3_column_int64(s, 1);
        }
        if (step != SQLITE_DONE)
            rc = store_db_error(st, "cannot read back the remark ids");
        store_release(st, s);
    }
    return rc;
}

/* ---- entities ----------------------------------------------------------- */

/* The statements of the entity writer (the store's cached ones). */
typedef struct entity_stmts {
    sqlite3_stmt *sel, *ins, *promote, *alias, *uncycle, *parent, *stored_parent;
} entity_stmts;

static int entity_stmts_prepare(giji_store *st, entity_stmts *es)
{
    memset(es, 0, sizeof *es);
    int rc = store_prepare_cached(st, "SELECT id, discovered FROM entities WHERE name = ?", &es->sel);
    rc = rc ? rc : store_prepare_cached(st, "INSERT INTO entities (name, type, discovered) VALUES (?, ?, ?)", &es->ins);
    rc = rc ? rc : store_prepare_cached(st, "UPDATE entities SET discovered = 0, type = ? WHERE id = ?", &es->promote);
    rc = rc ? rc : store_prepare_cached(st, "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?) "
                                            "ON CONFLICT (entity_id, alias) DO NOTHING", &es->alias);
    /* Before making ?1 the parent of ?2: if ?2 is already an ancestor of
     * ?1, cut the link below ?2 on that chain, so the newest statement
     * wins and the parent graph stays a forest. UNION ends on cycles. */
    rc = rc ? rc : store_prepare_cached(st, "WITH RECURSIVE up(id) AS (SELECT ?1 UNION "
                                            "SELECT e.parent_id FROM entities e JOIN up ON e.id = up.id "
                                            "WHERE e.parent_id IS NOT NULL) "
                                            "UPDATE entities SET parent_id = NULL "
                                            "WHERE parent_id = ?2 AND id IN (SELECT id FROM up)", &es->uncycle);
    rc = rc ? rc : store_prepare_cached(st, "UPDATE entities SET parent_id = ?1 WHERE id = ?2", &es->parent);
    rc = rc ? rc : store_prepare_cached(st, "SELECT parent_id FROM entities WHERE id = ?", &es->stored_parent);
    return rc;
}

static void entity_stmts_finalize(giji_store *st, entity_stmts *es)
{
    store_release(st, es->sel);
    store_release(st, es->ins);
    store_release(st, es->promote);
    store_release(st, es->alias);
    store_release(st, es->uncycle);
    store_release(st, es->parent);
    store_release(st, es->stored_parent);
}

/* The entity called `name`, inserted if missing. Unless `ensure_only`, a
 * gazetteer entity (discovered 0) promotes an existing discovered one
 * (discovered 0, this type); nothing turns a gazetteer entity into a
 * discovered one, and otherwise the stored row is kept as it is.
 * *authoritative is 0 when the stored entity outranks this description (a
 * gazetteer entity described by discovery): its aliases and parent are then
 * not applied. */
static int upsert_entity(giji_store *st, entity_stmts *es, const char *source, size_t index,
                         const char *name, int type, int discovered, int ensure_only, long long *id,
                         int *authoritative)
{
    *authoritative = 1;
    int step = store_bind_text(es->sel, 1, name) == SQLITE_OK ? sqlite3_step(es->sel) : SQLITE_ERROR;
    int found = step == SQLITE_ROW;
    int stored_discovered = found ? sqlite3_column_int(es->sel, 1) : 0;
    if (found)
        *id = sqlite3_column_int64(es->sel, 0);
    int rc = found || step == SQLITE_DONE ? GIJI_OK : store_db_error(st, "cannot look up an entity");
    sqlite3_reset(es->sel);
    if (rc)
        return rc;
    if (!found) {
        int b = store_bind_text(es->ins, 1, name);
        b = b ? b : store_bind_text(es->ins, 2, store_entity_type_name(type));
        b = b ? b : store_bind_int(es->ins, 3, discovered ? 1 : 0);
        rc = step_row(st, es->ins, b, "entity", index, source);
        *id = sqlite3_last_insert_rowid(st->db);
        return rc;
    }
    if (stored_discovered && !discovered && !ensure_only) {
        int b = store_bind_text(es->promote, 1, store_entity_type_name(type));
        b = b ? b : store_bind_int(es->promote, 2, *id);
        return step_row(st, es->promote, b, "entity", index, source);
    }
    *authoritative = !(discovered && !stored_discovered);
    return GIJI_OK;
}

/* Parent of entity `id`: the parent entity is created if missing
 * (parent_type, discovered 0; an existing one is left as it is) and linked.
 * Most meetings describe entities whose parent is already the one stored (a
 * gazetteer entity, in every meeting that mentions it): then nothing is
 * written. Rewriting the same parent, after the walk up its ancestors that
 * guards against cycles, was half the time spent storing entities. Skipping
 * it is safe because the stored parent graph is a forest: `id` already under
 * `pid` cannot be an ancestor of `pid`. */
static int link_parent(giji_store *st, entity_stmts *es, const char *source, size_t index,
                       const giji_entity *e, long long id)
{
    long long pid = 0;
    int authoritative;
    int rc = upsert_entity(st, es, source, index, e->parent, e->parent_type, 0, 1, &pid,
                           &authoritative);
    if (rc)
        return rc;
    /* read now, not when `id` was stored: an earlier link of this meeting
     * may have cut it */
    int step = store_bind_int(es->stored_parent, 1, id) == SQLITE_OK ? sqlite3_step(es->stored_parent)
                                                                     : SQLITE_ERROR;
    int same = step == SQLITE_ROW && sqlite3_column_type(es->stored_parent, 0) == SQLITE_INTEGER &&
               sqlite3_column_int64(es->stored_parent, 0) == pid;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_db_error(st, "cannot look up the parent of an entity");
    sqlite3_reset(es->stored_parent);
    if (rc || same)
        return rc;
    int b = store_bind_int(es->uncycle, 1, pid);
    b = b ? b : store_bind_int(es->uncycle, 2, id);
    if ((rc = step_row(st, es->uncycle, b, "parent of entity", index, source)))
        return rc;
    b = store_bind_int(es->parent, 1, pid);
    b = b ? b : store_bind_int(es->parent, 2, id);
    return step_row(st, es->parent, b, "parent of entity", index, source);
}

/* Entity ids for m->entities (merged by name), with their aliases and
 * parents. All entities are stored before any parent is linked, so a
 * parent that is itself mentioned keeps its own description. *ids is the
 * caller's to free. */
static int insert_entities(giji_store *st, const char *source, const giji_meeting *m, long long **ids)
{
    *ids = calloc(m->nentities ? m->nentities : 1, sizeof **ids);
    unsigned char *auth = calloc(m->nentities ? m->nentities : 1, 1);
    if (!*ids || !auth) {
        free(auth);
        return GIJI_NOMEM();
    }
    /* a discovered entity is known only through its mentions: one that no
     * remark mentions is not stored (gazetteer entities always are) */
    unsigned char *used = calloc(m->nentities ? m->nentities : 1, 1);
    if (!used) {
        free(auth);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < m->nremarks; i++)
        for (size_t j = 0; j < m->remarks[i].nmentions; j++)
            if (m->remarks[i].mentions[j].entity < m->nentities)
                used[m->remarks[i].mentions[j].entity] = 1;
    entity_stmts es;
    int rc = entity_stmts_prepare(st, &es);
    for (size_t i = 0; rc == GIJI_OK && i < m->nentities; i++) {
        const giji_entity *e = &m->entities[i];
        if (e->discovered && !used[i])
            continue;
        int a = 0;
        rc = upsert_entity(st, &es, source, i + 1, e->name, e->type, e->discovered, 0, &(*ids)[i], &a);
        auth[i] = (unsigned char)a;
        for (size_t j = 0; rc == GIJI_OK && a && j < e->naliases; j++) {
            int b = store_bind_int(es.alias, 1, (*ids)[i]);
            b = b ? b : store_bind_text(es.alias, 2, e->aliases[j]);
            rc = step_row(st, es.alias, b, "alias of entity", i + 1, source);
        }
    }
    for (size_t i = 0; rc == GIJI_OK && i < m->nentities; i++)
        if (m->entities[i].parent && auth[i] && (*ids)[i])
            rc = link_parent(st, &es, source, i + 1, &m->entities[i], (*ids)[i]);
    entity_stmts_finalize(st, &es);
    free(auth);
    free(used);
    return rc;
}

/* Every mention of m through `sql` (INSERT of remark_id, entity_id, start,
 * end, surface, rule), one row at a time; *n counts them (may be NULL). Row
 * by row into `mentions` is also the bulk insert's fallback on failure, to
 * name the mention that fails. */
#define MENTION_INSERT                                                                                   \
    "INSERT INTO mentions (remark_id, entity_id, \"start\", \"end\", surface, rule) VALUES (?, ?, ?, ?, ?, ?)"

static int put_mention_rows(giji_store *st, const char *sql, const char *source, const giji_meeting *m,
                            const long long *remark_ids, const long long *entity_ids, size_t *n)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, sql, &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nremarks; i++) {
        const giji_remark *r = &m->remarks[i];
        for (size_t j = 0; rc == GIJI_OK && j < r->nmentions; j++) {
            const giji_mention *mn = &r->mentions[j];
            int b = store_bind_int(s, 1, remark_ids[i]);
            b = b ? b : store_bind_int(s, 2, entity_ids[mn->entity]);
            b = b ? b : store_bind_int(s, 3, mn->start);
            b = b ? b : store_bind_int(s, 4, mn->end);
            b = b ? b : store_bind_text(s, 5, mn->surface);
            b = b ? b : store_bind_text(s, 6, mn->rule);
            rc = step_row(st, s, b, "mention in remark", i + 1, source);
            if (n)
                ++*n;
        }
    }
    store_release(st, s);
    return rc;
}

/* Mentions go through a temporary table too, into `mentions` with one
 * INSERT ... SELECT: the trigger that keeps entity_remarks then runs inside
 * one statement per meeting instead of opening a statement journal (and
 * visiting the full-text index's savepoint hook) for each of some 300
 * mentions. */
static int insert_mentions(giji_store *st, const char *source, const giji_meeting *m,
                           const long long *remark_ids, const long long *entity_ids)
{
    int rc = store_exec_cached(st,
                               "CREATE TEMP TABLE IF NOT EXISTS giji_mention_stage ("
                               "remark_id INTEGER NOT NULL, entity_id INTEGER NOT NULL, \"start\" INTEGER NOT NULL, "
                               "\"end\" INTEGER NOT NULL, surface TEXT NOT NULL, rule TEXT)",
                               "cannot create the temporary table of mentions");
    if (rc)
        return rc;
    size_t staged = 0;
    rc = put_mention_rows(st, "INSERT INTO temp.giji_mention_stage (remark_id, entity_id, \"start\", \"end\", "
                              "surface, rule) VALUES (?, ?, ?, ?, ?, ?)",
                          source, m, remark_ids, entity_ids, &staged);
    if (rc || !staged)
        return rc;
    /* rowid order = the order above, which is the order of the row by row
     * inserts this replaces (mentions are read back in rowid order) */
    sqlite3_stmt *s;
    rc = store_prepare_cached(st, "INSERT INTO mentions (remark_id, entity_id, \"start\", \"end\", surface, rule) "
                                  "SELECT remark_id, entity_id, \"start\", \"end\", surface, rule "
                                  "FROM temp.giji_mention_stage ORDER BY rowid", &s);
    int bulk = rc == GIJI_OK ? step_row(st, s, SQLITE_OK, "mentions", 0, source) : rc;
    store_release(st, s);
    rc = rc ? rc : store_exec_cached(st, "DELETE FROM temp.giji_mention_stage",
                                     "cannot empty the temporary table of mentions");
    if (rc == GIJI_OK && bulk) /* name the failing mention, if the transaction is still there */
        return sqlite3_get_autocommit(st->db) ? bulk : put_mention_rows(st, MENTION_INSERT, source, m, remark_ids, entity_ids, NULL);
    return rc;
}

static int insert_agenda(giji_store *st, const char *source, long long meeting_id, const giji_meeting *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO agenda (meeting_id, seq, text) VALUES (?, ?, ?)", &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nagenda; i++) {
        int b = store_bind_int(s, 1, meeting_id);
        b = b ? b : store_bind_int(s, 2, (long long)i + 1);
        b = b ? b : store_bind_text(s, 3, m->agenda[i]);
        rc = step_row(st, s, b, "agenda item", i + 1, source);
    }
    store_release(st, s);
    return rc;
}

static int insert_warnings(giji_store *st, const char *source, long long meeting_id, const giji_meeting *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "INSERT INTO warnings (meeting_id, seq, line, message) VALUES (?, ?, ?, ?)", &s);
    for (size_t i = 0; rc == GIJI_OK && i < m->nwarnings; i++) {
        const giji_warning *w = &m->warnings[i];
        int b = store_bind_int(s, 1, meeting_id);
        b = b ? b : store_bind_int(s, 2, (long long)i + 1);
        b = b ? b : store_bind_int(s, 3, w->line);
        b = b ? b : store_bind_text(s, 4, w->message ? w->message : "");
        rc = step_row(st, s, b, "warning", i + 1, source);
    }
    store_release(st, s);
    return rc;
}

/* After a replacement, persons only the old meeting referred to would be
 * left behind; delete them so `persons` is exactly the people of the stored
 * corpus (and the JSON export does not list ghosts). Any new table that
 * references persons must be added here. */
static int delete_orphan_persons(giji_store *st)
{
    return store_exec(st,
                      "DELETE FROM persons WHERE "
                      "NOT EXISTS (SELECT 1 FROM attendances a WHERE a.person_id = persons.id) AND "
                      "NOT EXISTS (SELECT 1 FROM attendances a WHERE a.proxy_for = persons.id) AND "
                      "NOT EXISTS (SELECT 1 FROM remarks r WHERE r.speaker_id = persons.id)",
                      "cannot delete persons no longer referenced");
}

/* Discovered entities exist because some remark mentions them: once none
 * does (their meeting was replaced) and no entity names them as parent,
 * they go. Gazetteer entities stay. Run after every put, so a meeting
 * cannot leave unmentioned discovered entities behind either. */
static int delete_orphan_entities(giji_store *st)
{
    return store_exec(st,
                      "DELETE FROM entities WHERE discovered = 1 AND "
                      "NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id) AND "
                      "NOT EXISTS (SELECT 1 FROM entities c WHERE c.parent_id = entities.id)",
                      "cannot delete discovered entities no longer mentioned");
}

/* Forced put: the source holding the same content (under any name) goes
 * first, like one of the same name. */
static int delete_same_content(giji_store *st, const giji_source *src, int *deleted)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "DELETE FROM sources WHERE sha256 = ?", &s);
    if (rc)
        return rc;
    if (store_bind_text(s, 1, src->sha256) != SQLITE_OK)
        rc = store_db_error(st, "cannot delete the source of the same content");
    else
        rc = store_step_done(st, s, "cannot delete the source of the same content");
    *deleted = rc == GIJI_OK && sqlite3_changes(st->db) > 0;
    store_release(st, s);
    return rc;
}

/* A file's first meeting stored anew: the sources of its further meetings
 * ("NAME#k", giji_store_put_parts) that this version no longer holds go.
 * One probe of the index on sources.name when there are none. */
static int delete_stale_parts(giji_store *st, const giji_source *src, int *deleted)
{
    *deleted = 0;
    if (src->part > 1)
        return GIJI_OK;
    size_t len = strlen(src->name);
    char *lo = malloc(2 * (len + 2));
    if (!lo)
        return GIJI_NOMEM();
    char *hi = lo + len + 2;
    memcpy(lo, src->name, len);
    memcpy(hi, src->name, len);
    memcpy(lo + len, "#", 2);
    memcpy(hi + len, "$", 2);   /* '$' follows '#': every "NAME#…" sorts between */
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "DELETE FROM sources WHERE name > ?1 AND name < ?2 "
                                      "AND CAST(substr(name, ?3) AS INTEGER) > ?4", &s);
    if (!rc) {
        int b = store_bind_text(s, 1, lo);
        b = b ? b : store_bind_text(s, 2, hi);
        b = b ? b : store_bind_int(s, 3, (long long)len + 2);
        b = b ? b : store_bind_int(s, 4, src->parts > 1 ? (long long)src->parts : 1);
        rc = b ? store_db_error(st, "cannot delete the parts a file no longer holds")
               : store_step_done(st, s, "cannot delete the parts a file no longer holds");
        *deleted = rc == GIJI_OK && sqlite3_changes(st->db) > 0;
        store_release(st, s);
    }
    free(lo);
    return rc;
}

/* Everything between BEGIN IMMEDIATE and COMMIT. */
static int put_locked(giji_store *st, const giji_source *src, const giji_meeting *m, int force,
                      giji_store_status *status, long long *meeting_id)
{
    int found = 0, replaced = 0;
    int rc = find_same_content(st, src, &found, meeting_id);
    if (rc || (found && !force)) {
        *status = GIJI_STORE_UNCHANGED;
        return rc;
    }
    *meeting_id = 0;
    if (found && (rc = delete_same_content(st, src, &replaced)))
        return rc;
    long long source_id = 0, *ids = NULL, *entity_ids = NULL;
    long long *remark_ids = calloc(m->nremarks ? m->nremarks : 1, sizeof *remark_ids);
    if (!remark_ids)
        return GIJI_NOMEM();
    int same_name = 0, stale = 0;
    if ((rc = delete_same_name(st, src, &same_name)) == GIJI_OK &&
        (rc = delete_stale_parts(st, src, &stale)) == GIJI_OK &&
        (rc = insert_source(st, src, &source_id)) == GIJI_OK &&
        (rc = insert_meeting(st, src->name, source_id, m, meeting_id)) == GIJI_OK &&
        (rc = insert_persons(st, src->name, m, &ids)) == GIJI_OK &&
        (rc = insert_attendances(st, src->name, *meeting_id, m, ids)) == GIJI_OK &&
        (rc = insert_remarks(st, src->name, *meeting_id, m, ids, remark_ids)) == GIJI_OK &&
        (rc = insert_entities(st, src->name, m, &entity_ids)) == GIJI_OK &&
        (rc = insert_mentions(st, src->name, m, remark_ids, entity_ids)) == GIJI_OK &&
        (rc = insert_agenda(st, src->name, *meeting_id, m)) == GIJI_OK &&
        (rc = insert_warnings(st, src->name, *meeting_id, m)) == GIJI_OK &&
        /* only a replacement can orphan rows: a new file's entities all have
         * mentions; sweeping after every file made ingest quadratic. The
         * sweep (and an entity's cascade) reads mentions by entity: a bulk
         * load may have dropped that index */
        (!(replaced || same_name || stale) ||
         ((rc = store_bulk_indexes_make(st)) == GIJI_OK && (rc = delete_orphan_persons(st)) == GIJI_OK &&
          (rc = delete_orphan_entities(st)) == GIJI_OK)))
        rc = store_bump_content_version(st);
    free(ids);
    free(entity_ids);
    free(remark_ids);
    replaced |= same_name;
    *status = replaced ? GIJI_STORE_REPLACED : GIJI_STORE_NEW;
    return rc;
}

/* A put inside an open batch: the same work, in the batch's transaction.
 * There is no savepoint per file: with one open, SQLite copies every page
 * a file changes to the savepoint's journal first (the pages of
 * mentions_entity, remarks, attendances ... in every file), which cost the
 * writer about a tenth of its time, to guard against errors that do not
 * happen once the meeting has been validated (put() validates it before
 * this, and a file that fails validation has written nothing). A put that
 * fails after writing therefore rolls back the whole batch: the puts after
 * it fail, giji_store_batch_commit reports the batch lost, and the caller
 * stores its files again one transaction each, as after a disk full
 * (giji_ingest_files does). */
static int put_in_batch(giji_store *st, const giji_source *src, const giji_meeting *m, int force,
                        giji_store_status *status, long long *meeting_id)
{
    if (st->batch_lost || sqlite3_get_autocommit(st->db)) {
        st->batch_lost = 1;
        return giji_error_set(GIJI_EDB, "%s: cannot store %s: the batch's transaction was rolled "
                              "back by an earlier error", st->path, src->name);
    }
    int rc = put_locked(st, src, m, force, status, meeting_id);
    if (rc) {
        /* Some errors (disk full, I/O) already rolled back; the message of
         * the first error is kept. */
        if (!sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        st->batch_lost = 1;
        *status = GIJI_STORE_UNCHANGED;
        *meeting_id = 0;
    }
    return rc;
}

int giji_store_batch_begin(giji_store *st)
{
    if (st->batch || st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot begin a batch inside a snapshot or a batch",
                              st->path);
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database for writing");
    /* The batch's remarks are listed as pending and derived at its commit
     * (schema.sql, version 5). meta.batch is set inside the transaction, so
     * it ends with it whichever way it ends. */
    if (rc == GIJI_OK && (rc = store_exec(st, "INSERT OR REPLACE INTO meta (key, value) VALUES ('batch', 'open')",
                                          "cannot start a batch")))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    /* Read under the write lock, at every batch: another process may have
     * finished the load (store/bulk.c) since the last one. */
    int bulk = 0;
    if (rc == GIJI_OK && (rc = giji_store_bulk_pending(st, &bulk)))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    /* The ids the batch adds start here: a new remark takes the largest id
     * plus one (one whose ids are reused, after the largest were deleted,
     * lands in chunks their deletes listed) */
    if (rc == GIJI_OK && (rc = store_query_int(st, "SELECT coalesce(max(id), 0) + 1 FROM remarks",
                                               &st->batch_first_id)))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->bulk = bulk;
    st->batch = rc == GIJI_OK;
    st->batch_lost = 0;
    return rc;
}

/* What the remarks the batch stored derive, one statement each (schema.sql,
 * version 5; the end of a bulk load runs it over all the load's remarks,
 * store/bulk.c): their full-text index entries, which FTS5 then writes as one
 * segment (or a few) rather than one per file, and their entity_remarks
 * rows, grouped and inserted in key order. The GROUP BY is the trigger's
 * ON CONFLICT count done at once. CROSS JOIN fixes the plan: from the
 * pending remarks out, never a walk of all mentions in entity order (which
 * the planner prefers, to skip the GROUP BY's sort). */
#define INDEX_PENDING_FTS_SQL \
    "INSERT INTO remarks_fts (rowid, text) " \
    "SELECT r.id, r.text FROM remarks_pending p CROSS JOIN remarks r ON r.id = p.id ORDER BY p.id;"
#define INDEX_PENDING_ENTITIES_SQL \
    "INSERT INTO entity_remarks (entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred, mentions) " \
    "SELECT m.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id, " \
    "CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred', count(*) " \
    "FROM remarks_pending p CROSS JOIN remarks r ON r.id = p.id CROSS JOIN mentions m ON m.remark_id = p.id " \
    "GROUP BY m.entity_id, r.id;"
const char store_index_pending_sql[] = INDEX_PENDING_FTS_SQL INDEX_PENDING_ENTITIES_SQL "DELETE FROM remarks_pending;";
const char store_index_pending_fts_sql[] = INDEX_PENDING_FTS_SQL;
const char store_index_pending_entities_sql[] = INDEX_PENDING_ENTITIES_SQL;

int giji_store_batch_commit(giji_store *st)
{
    if (!st->batch)
        return GIJI_OK;
    st->batch = 0;
    if (st->batch_lost || sqlite3_get_autocommit(st->db)) {
        st->batch_lost = 0;
        if (!sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return giji_error_set(GIJI_EDB, "%s: the batch was rolled back by an error; none of its "
                              "files is stored", st->path);
    }
    /* In a bulk load the list stays for the load's end (store/bulk.c). */
    int rc = st->bulk ? GIJI_OK : store_exec(st, store_index_pending_sql, "cannot index the batch's remarks");
    rc = rc ? rc : store_exec_cached(st, "DELETE FROM meta WHERE key = 'batch'", "cannot end the batch");
    /* the remark columns of the ids the batch added (bulk load or not) */
    rc = rc ? rc : store_cols_list_from(st, st->batch_first_id);
    rc = rc ? rc : store_cols_refresh(st);
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot commit");
    if (rc && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int giji_store_batch_open(const giji_store *st) { return st && st->batch; }

static int put_parts(giji_store *st, const giji_source *srcs, const giji_meeting *const *ms, size_t n,
                     int force, giji_store_status *statuses, long long *ids)
{
    for (size_t k = 0; statuses && k < n; k++)
        statuses[k] = GIJI_STORE_UNCHANGED;
    for (size_t k = 0; ids && k < n; k++)
        ids[k] = 0;
    if (!st || !srcs || !ms || !n)
        return giji_error_set(GIJI_EINVAL, "giji_store_put: missing argument");
    int rc = GIJI_OK;
    for (size_t k = 0; k < n && !rc; k++)
        rc = ms[k] ? validate(&srcs[k], ms[k]) : giji_error_set(GIJI_EINVAL, "giji_store_put: missing argument");
    if (rc)
        return rc;
    giji_store_status st_dummy;
    long long id_dummy;
#define PART_OUT(k) (statuses ? &statuses[k] : &st_dummy), (ids ? &ids[k] : &id_dummy)
    if (st->batch) {
        for (size_t k = 0; k < n && !rc; k++)
            rc = put_in_batch(st, &srcs[k], ms[k], force, PART_OUT(k));
    } else {
        if (st->snapshot || !sqlite3_get_autocommit(st->db))
            return giji_error_set(GIJI_EINVAL, "%s: cannot store %s while a read snapshot is open",
                                  st->path, srcs[0].name);
        if ((rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database for writing")))
            return rc;
        for (size_t k = 0; k < n && !rc; k++)
            rc = put_locked(st, &srcs[k], ms[k], force, PART_OUT(k));
        if (rc == GIJI_OK)
            rc = store_cols_refresh(st);
        if (rc == GIJI_OK)
            rc = store_exec(st, "COMMIT", "cannot commit");
        /* Some errors (disk full, I/O) already rolled back; only roll back
         * what is still open, and keep the first error's message. */
        if (rc && !sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    }
#undef PART_OUT
    for (size_t k = 0; rc && statuses && k < n; k++)
        statuses[k] = GIJI_STORE_UNCHANGED;
    for (size_t k = 0; rc && ids && k < n; k++)
        ids[k] = 0;
    return rc;
}

static int put(giji_store *st, const giji_source *src, const giji_meeting *m, int force,
               giji_store_status *status, long long *meeting_id)
{
    return put_parts(st, src, &m, 1, force, status, meeting_id);
}

int giji_store_put_parts(giji_store *st, const giji_source *srcs, const giji_meeting *const *ms, size_t n,
                         int force, giji_store_status *statuses, long long *ids)
{
    return put_parts(st, srcs, ms, n, force, statuses, ids);
}

int giji_store_put(giji_store *st, const giji_source *src, const giji_meeting *m,
                   giji_store_status *status, long long *meeting_id)
{
    return put(st, src, m, 0, status, meeting_id);
}

int giji_store_put_force(giji_store *st, const giji_source *src, const giji_meeting *m,
                         giji_store_status *status, long long *meeting_id)
{
    return put(st, src, m, 1, status, meeting_id);
}
