/*
 * store/read.c — reading the database back: content lookup, counts, the
 * ordered list of meetings, one meeting with everything under it, persons
 * and entities, and the functions that free what these return.
 * Not responsible for writing (put.c) or for output formats (export/).
 *
 * Partial results: on failure a reader frees what it built and leaves its
 * outputs empty, so callers never free after an error.
 */
#include "store/store_int.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

/* Turn the last sqlite3_step result of a row loop into a giji code. */
static int loop_end(giji_store *st, int rc, int step, const char *what)
{
    if (rc == GIJI_OK && step != SQLITE_DONE)
        return store_db_error(st, what);
    return rc;
}

/* ---- small lookups ------------------------------------------------------ */

int giji_store_has_content(giji_store *st, const char sha256[65], int *found, char **stored_name)
{
    *found = 0;
    if (stored_name)
        *stored_name = NULL;
    if (!sha256 || strnlen(sha256, 65) != 64)
        return giji_error_set(GIJI_EINVAL, "%s: content hash is not 64 hex digits", st->path);
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT name FROM sources WHERE sha256 = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_text(s, 1, sha256) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        *found = 1;
        if (stored_name)
            rc = store_col_text(s, 0, stored_name);
    } else if (step != SQLITE_DONE) {
        rc = store_db_error(st, "cannot look up content hash");
    }
    sqlite3_finalize(s);
    return rc;
}

int giji_store_content_hashes(giji_store *st, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT sha256 FROM sources ORDER BY sha256", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        if (!(rc = store_col_text(s, 0, &(*out)[*n])))
            (*n)++;
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_db_error(st, "cannot list content hashes");
    sqlite3_finalize(s);
    if (rc) {
        for (size_t i = 0; i < *n; i++)
            free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int giji_store_stats_get(giji_store *st, giji_store_stats *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT (SELECT count(*) FROM meetings), (SELECT count(*) FROM persons), "
                               "(SELECT count(*) FROM attendances), (SELECT count(*) FROM remarks), "
                               "(SELECT count(*) FROM warnings), (SELECT count(*) FROM entities), "
                               "(SELECT count(*) FROM mentions)", &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        long long *f[] = {&out->meetings, &out->persons, &out->attendances, &out->remarks,
                          &out->warnings, &out->entities, &out->mentions};
        for (int i = 0; i < 7; i++)
            *f[i] = sqlite3_column_int64(s, i);
    } else {
        rc = store_db_error(st, "cannot count rows");
    }
    sqlite3_finalize(s);
    return rc;
}

int giji_store_meeting_ids(giji_store *st, long long **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT m.id FROM meetings m JOIN sources s ON s.id = m.source_id "
                               "ORDER BY m.date NULLS LAST, s.name, m.id", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(ids, &cap, *n, sizeof **ids)))
            break;
        (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    rc = loop_end(st, rc, step, "cannot list meetings");
    sqlite3_finalize(s);
    if (rc) {
        free(*ids);
        *ids = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- one meeting -------------------------------------------------------- */

static int load_header(giji_store *st, long long id, giji_meeting_rec *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT s.name, s.sha256, s.encoding, m.body, m.parent_body, m.title, m.kind, "
                               "m.session, m.date, m.start_time, m.end_time, m.place "
                               "FROM meetings m JOIN sources s ON s.id = m.source_id WHERE m.id = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_int(s, 1, id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW) {
        m->id = id;
        char **text[] = {&m->source, &m->sha256, &m->encoding, &m->body, &m->parent_body,
                         &m->title, &m->kind};
        for (int i = 0; rc == GIJI_OK && i < 7; i++)
            rc = store_col_text(s, i, text[i]);
        m->session = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 7);
        char **tail[] = {&m->date, &m->start, &m->end, &m->place};
        for (int i = 0; rc == GIJI_OK && i < 4; i++)
            rc = store_col_text(s, 8 + i, tail[i]);
    } else if (step == SQLITE_DONE) {
        rc = giji_error_set(GIJI_ENOTFOUND, "%s: no meeting with id %lld", st->path, id);
    } else {
        rc = store_db_error(st, "cannot read a meeting");
    }
    sqlite3_finalize(s);
    return rc;
}

static int load_attendees(giji_store *st, giji_meeting_rec *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT a.person_id, p.name, a.display, a.role, a.grp, a.present, "
                               "a.proxy_for, a.line FROM attendances a JOIN persons p ON p.id = a.person_id "
                               "WHERE a.meeting_id = ? ORDER BY a.seq", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, m->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&m->attendees, &cap, m->nattendees, sizeof *m->attendees)))
            break;
        /* Count the element before filling it, so a failure half-way
         * leaves it reachable by giji_meeting_rec_free. */
        giji_attendance_rec *a = &m->attendees[m->nattendees++];
        memset(a, 0, sizeof *a);
        a->person = sqlite3_column_int64(s, 0);
        rc = store_col_text(s, 1, &a->name);
        rc = rc ? rc : store_col_text(s, 2, &a->display);
        rc = rc ? rc : store_col_text(s, 3, &a->role);
        a->group = sqlite3_column_int(s, 4);
        a->present = sqlite3_column_int(s, 5);
        a->proxy_for = sqlite3_column_int64(s, 6); /* NULL reads as 0 */
        a->line = (unsigned)sqlite3_column_int64(s, 7);
        if (rc)
            break;
    }
    rc = loop_end(st, rc, step, "cannot read attendees");
    sqlite3_finalize(s);
    return rc;
}

/* Mentions of one remark, ordered by position in its text. */
static int load_mentions(giji_store *st, sqlite3_stmt *s, giji_remark_rec *r)
{
    int rc = GIJI_OK;
    size_t cap = 0;
    int step = store_bind_int(s, 1, r->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&r->mentions, &cap, r->nmentions, sizeof *r->mentions)))
            break;
        giji_mention_rec *mn = &r->mentions[r->nmentions++];
        memset(mn, 0, sizeof *mn);
        mn->entity = sqlite3_column_int64(s, 0);
        mn->start = (long)sqlite3_column_int64(s, 2);
        mn->end = (long)sqlite3_column_int64(s, 3);
        if ((rc = store_col_text(s, 1, &mn->surface)) || (rc = store_col_text(s, 4, &mn->rule)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot read mentions");
    sqlite3_reset(s);
    return rc;
}

static int load_remark_row(sqlite3_stmt *s, giji_remark_rec *r)
{
    r->id = sqlite3_column_int64(s, 0);
    r->seq = sqlite3_column_int(s, 1);
    r->speaker = sqlite3_column_int64(s, 2); /* NULL reads as 0 */
    r->line = (unsigned)sqlite3_column_int64(s, 6);
    r->last_line = (unsigned)sqlite3_column_int64(s, 7);
    int rc = store_col_text(s, 3, &r->speaker_label);
    rc = rc ? rc : store_col_text(s, 4, &r->attribution);
    rc = rc ? rc : store_col_text(s, 5, &r->text);
    rc = rc ? rc : store_col_text(s, 8, &r->cue);
    return rc;
}

static int load_remarks(giji_store *st, giji_meeting_rec *m)
{
    sqlite3_stmt *s, *ms = NULL;
    int rc = store_prepare(st, "SELECT id, seq, speaker_id, speaker_label, attribution, text, line, "
                               "last_line, cue FROM remarks WHERE meeting_id = ? ORDER BY seq", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, m->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&m->remarks, &cap, m->nremarks, sizeof *m->remarks)))
            break;
        giji_remark_rec *r = &m->remarks[m->nremarks++];
        memset(r, 0, sizeof *r);
        if ((rc = load_remark_row(s, r)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot read remarks");
    sqlite3_finalize(s);
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT entity_id, surface, \"start\", \"end\", rule FROM mentions "
                               "WHERE remark_id = ? ORDER BY \"start\", \"end\", entity_id", &ms);
    for (size_t i = 0; rc == GIJI_OK && i < m->nremarks; i++)
        rc = load_mentions(st, ms, &m->remarks[i]);
    sqlite3_finalize(ms);
    return rc;
}

static int load_agenda(giji_store *st, giji_meeting_rec *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT text FROM agenda WHERE meeting_id = ? ORDER BY seq", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, m->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&m->agenda, &cap, m->nagenda, sizeof *m->agenda)))
            break;
        char **item = &m->agenda[m->nagenda++];
        *item = NULL;
        if ((rc = store_col_text(s, 0, item)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot read the agenda");
    sqlite3_finalize(s);
    return rc;
}

static int load_warnings(giji_store *st, giji_meeting_rec *m)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT line, message FROM warnings WHERE meeting_id = ? ORDER BY seq", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step = store_bind_int(s, 1, m->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&m->warnings, &cap, m->nwarnings, sizeof *m->warnings)))
            break;
        giji_warning_rec *w = &m->warnings[m->nwarnings++];
        w->line = (unsigned)sqlite3_column_int64(s, 0);
        w->message = NULL;
        if ((rc = store_col_text(s, 1, &w->message)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot read warnings");
    sqlite3_finalize(s);
    return rc;
}

int giji_store_meeting_get(giji_store *st, long long id, giji_meeting_rec *out)
{
    memset(out, 0, sizeof *out);
    out->session = -1;
    int rc = load_header(st, id, out);
    rc = rc ? rc : load_attendees(st, out);
    rc = rc ? rc : load_remarks(st, out);
    rc = rc ? rc : load_agenda(st, out);
    rc = rc ? rc : load_warnings(st, out);
    if (rc)
        giji_meeting_rec_free(out);
    return rc;
}

int giji_store_meeting_attendees(giji_store *st, long long id, giji_attendance_rec **out, size_t *n)
{
    giji_meeting_rec m;
    memset(&m, 0, sizeof m);
    m.id = id;
    *out = NULL;
    *n = 0;
    int rc = load_attendees(st, &m);
    if (rc) {
        giji_attendance_recs_free(m.attendees, m.nattendees);
        return rc;
    }
    *out = m.attendees;
    *n = m.nattendees;
    return GIJI_OK;
}

void giji_attendance_recs_free(giji_attendance_rec *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].name);
        free(a[i].display);
        free(a[i].role);
    }
    free(a);
}

void giji_meeting_rec_free(giji_meeting_rec *m)
{
    if (!m)
        return;
    char *strings[] = {m->source, m->sha256, m->encoding, m->body, m->parent_body, m->title,
                       m->kind, m->date, m->start, m->end, m->place};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(strings[i]);
    for (size_t i = 0; i < m->nattendees; i++) {
        free(m->attendees[i].name);
        free(m->attendees[i].display);
        free(m->attendees[i].role);
    }
    free(m->attendees);
    for (size_t i = 0; i < m->nremarks; i++) {
        giji_remark_rec *r = &m->remarks[i];
        free(r->speaker_label);
        free(r->attribution);
        free(r->text);
        free(r->cue);
        for (size_t j = 0; j < r->nmentions; j++) {
            free(r->mentions[j].surface);
            free(r->mentions[j].rule);
        }
        free(r->mentions);
    }
    free(m->remarks);
    for (size_t i = 0; i < m->nagenda; i++)
        free(m->agenda[i]);
    free(m->agenda);
    for (size_t i = 0; i < m->nwarnings; i++)
        free(m->warnings[i].message);
    free(m->warnings);
    memset(m, 0, sizeof *m);
    m->session = -1;
}

/* ---- persons and entities ---------------------------------------------- */

int giji_store_persons(giji_store *st, giji_person_rec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT id, name, display FROM persons ORDER BY id", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        giji_person_rec *p = &(*out)[(*n)++];
        memset(p, 0, sizeof *p);
        p->id = sqlite3_column_int64(s, 0);
        rc = store_col_text(s, 1, &p->name);
        if (rc || (rc = store_col_text(s, 2, &p->display)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot list persons");
    sqlite3_finalize(s);
    if (rc) {
        giji_person_recs_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void giji_person_recs_free(giji_person_rec *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].name);
        free(p[i].display);
    }
    free(p);
}

static int load_aliases(giji_store *st, sqlite3_stmt *s, giji_entity_rec *e)
{
    int rc = GIJI_OK;
    size_t cap = 0;
    int step = store_bind_int(s, 1, e->id) == SQLITE_OK ? SQLITE_ROW : SQLITE_ERROR;
    while (step == SQLITE_ROW && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(&e->aliases, &cap, e->naliases, sizeof *e->aliases)))
            break;
        char **alias = &e->aliases[e->naliases++];
        *alias = NULL;
        if ((rc = store_col_text(s, 0, alias)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot read entity aliases");
    sqlite3_reset(s);
    return rc;
}

int giji_store_entities(giji_store *st, giji_entity_rec **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s, *as = NULL;
    int rc = store_prepare(st, "SELECT e.id, e.name, e.type, e.discovered, p.name FROM entities e "
                               "LEFT JOIN entities p ON p.id = e.parent_id ORDER BY e.id", &s);
    if (rc)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        giji_entity_rec *e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(s, 0);
        e->discovered = sqlite3_column_int(s, 3);
        rc = store_col_text(s, 1, &e->name);
        rc = rc ? rc : store_col_text(s, 2, &e->type);
        if (rc || (rc = store_col_text(s, 4, &e->parent)))
            break;
    }
    rc = loop_end(st, rc, step, "cannot list entities");
    sqlite3_finalize(s);
    if (rc == GIJI_OK)
        rc = store_prepare(st, "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", &as);
    for (size_t i = 0; rc == GIJI_OK && i < *n; i++)
        rc = load_aliases(st, as, &(*out)[i]);
    sqlite3_finalize(as);
    if (rc) {
        giji_entity_recs_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void giji_entity_recs_free(giji_entity_rec *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++) {
        free(e[i].name);
        free(e[i].type);
        free(e[i].parent);
        for (size_t j = 0; j < e[i].naliases; j++)
            free(e[i].aliases[j]);
        free(e[i].aliases);
    }
    free(e);
}
