/*
 * export/json.c — giji_export_json: the whole database as one JSON document
 * (format: docs/export-json.md).
 *
 * Responsible for the document's shape and key order, and for keeping
 * memory bounded: meetings are loaded, written and freed one at a time, all
 * from one read snapshot so that a concurrent ingest cannot make the export
 * inconsistent. Not responsible for JSON syntax or escaping (jsonw.c) nor
 * for SQL (store/).
 */
#include "giji/export.h"
#include "export/jsonw.h"
#include "util/error.h"

#include <stdlib.h>

#ifndef GIJI_VERSION
#define GIJI_VERSION "0.0.0"
#endif

static void write_attendee(giji_jsonw *w, const giji_attendance_rec *a)
{
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "person");    giji_jsonw_id(w, a->person);
    giji_jsonw_key(w, "name");      giji_jsonw_string(w, a->name);
    giji_jsonw_key(w, "display");   giji_jsonw_string(w, a->display);
    giji_jsonw_key(w, "role");      giji_jsonw_string(w, a->role);
    giji_jsonw_key(w, "group");     giji_jsonw_int(w, a->group);
    giji_jsonw_key(w, "present");   giji_jsonw_bool(w, a->present);
    giji_jsonw_key(w, "proxy_for"); giji_jsonw_id(w, a->proxy_for);
    giji_jsonw_key(w, "line");      giji_jsonw_int(w, a->line);
    giji_jsonw_object_end(w);
}

static void write_mention(giji_jsonw *w, const giji_mention_rec *mn)
{
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "entity");  giji_jsonw_id(w, mn->entity);
    giji_jsonw_key(w, "surface"); giji_jsonw_string(w, mn->surface);
    giji_jsonw_key(w, "start");   giji_jsonw_int(w, mn->start);
    giji_jsonw_key(w, "end");     giji_jsonw_int(w, mn->end);
    giji_jsonw_key(w, "rule");    giji_jsonw_string(w, mn->rule);
    giji_jsonw_object_end(w);
}

static void write_remark(giji_jsonw *w, const giji_remark_rec *r)
{
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "id");            giji_jsonw_id(w, r->id);
    giji_jsonw_key(w, "seq");           giji_jsonw_int(w, r->seq);
    giji_jsonw_key(w, "speaker");       giji_jsonw_id(w, r->speaker);
    giji_jsonw_key(w, "speaker_label"); giji_jsonw_string(w, r->speaker_label);
    giji_jsonw_key(w, "attribution");   giji_jsonw_string(w, r->attribution);
    giji_jsonw_key(w, "text");          giji_jsonw_string(w, r->text);
    giji_jsonw_key(w, "line");          giji_jsonw_int(w, r->line);
    giji_jsonw_key(w, "last_line");     giji_jsonw_int(w, r->last_line);
    giji_jsonw_key(w, "cue");           giji_jsonw_string(w, r->cue);
    giji_jsonw_key(w, "mentions");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < r->nmentions; i++)
        write_mention(w, &r->mentions[i]);
    giji_jsonw_array_end(w);
    giji_jsonw_object_end(w);
}

static void write_meeting_header(giji_jsonw *w, const giji_meeting_rec *m)
{
    giji_jsonw_key(w, "id");          giji_jsonw_id(w, m->id);
    giji_jsonw_key(w, "source");      giji_jsonw_string(w, m->source);
    giji_jsonw_key(w, "sha256");      giji_jsonw_string(w, m->sha256);
    giji_jsonw_key(w, "encoding");    giji_jsonw_string(w, m->encoding);
    giji_jsonw_key(w, "body");        giji_jsonw_string(w, m->body);
    giji_jsonw_key(w, "parent_body"); giji_jsonw_string(w, m->parent_body);
    giji_jsonw_key(w, "session");
    if (m->session >= 0)
        giji_jsonw_int(w, m->session);
    else
        giji_jsonw_null(w);
    giji_jsonw_key(w, "title");       giji_jsonw_string(w, m->title);
    giji_jsonw_key(w, "kind");        giji_jsonw_string(w, m->kind);
    giji_jsonw_key(w, "date");        giji_jsonw_string(w, m->date);
    giji_jsonw_key(w, "start");       giji_jsonw_string(w, m->start);
    giji_jsonw_key(w, "end");         giji_jsonw_string(w, m->end);
    giji_jsonw_key(w, "place");       giji_jsonw_string(w, m->place);
}

static void write_meeting(giji_jsonw *w, const giji_meeting_rec *m)
{
    giji_jsonw_object_begin(w);
    write_meeting_header(w, m);
    giji_jsonw_key(w, "attendees");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < m->nattendees; i++)
        write_attendee(w, &m->attendees[i]);
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "agenda");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < m->nagenda; i++)
        giji_jsonw_string(w, m->agenda[i]);
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "remarks");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < m->nremarks; i++)
        write_remark(w, &m->remarks[i]);
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "warnings");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < m->nwarnings; i++) {
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "line");    giji_jsonw_int(w, m->warnings[i].line);
        giji_jsonw_key(w, "message"); giji_jsonw_string(w, m->warnings[i].message);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    giji_jsonw_object_end(w);
}

/* One meeting in memory at a time. Stops at the first write failure:
 * there is no point reading the rest of the database for a full disk. */
static int write_meetings(giji_store *st, giji_jsonw *w)
{
    long long *ids;
    size_t n;
    int rc = giji_store_meeting_ids(st, &ids, &n);
    if (rc)
        return rc;
    for (size_t i = 0; rc == GIJI_OK && i < n && !giji_jsonw_failed(w); i++) {
        giji_meeting_rec m;
        if ((rc = giji_store_meeting_get(st, ids[i], &m)) == GIJI_OK) {
            write_meeting(w, &m);
            giji_meeting_rec_free(&m);
        }
    }
    free(ids);
    return rc;
}

static int write_persons(giji_store *st, giji_jsonw *w)
{
    giji_person_rec *p;
    size_t n;
    int rc = giji_store_persons(st, &p, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "id");      giji_jsonw_id(w, p[i].id);
        giji_jsonw_key(w, "name");    giji_jsonw_string(w, p[i].name);
        giji_jsonw_key(w, "display"); giji_jsonw_string(w, p[i].display);
        giji_jsonw_object_end(w);
    }
    giji_person_recs_free(p, n);
    return GIJI_OK;
}

static int write_entities(giji_store *st, giji_jsonw *w)
{
    giji_entity_rec *e;
    size_t n;
    int rc = giji_store_entities(st, &e, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "id");   giji_jsonw_id(w, e[i].id);
        giji_jsonw_key(w, "name"); giji_jsonw_string(w, e[i].name);
        giji_jsonw_key(w, "type"); giji_jsonw_string(w, e[i].type);
        giji_jsonw_key(w, "aliases");
        giji_jsonw_array_begin(w);
        for (size_t j = 0; j < e[i].naliases; j++)
            giji_jsonw_string(w, e[i].aliases[j]);
        giji_jsonw_array_end(w);
        giji_jsonw_key(w, "discovered"); giji_jsonw_bool(w, e[i].discovered);
        giji_jsonw_key(w, "parent");     giji_jsonw_string(w, e[i].parent);
        giji_jsonw_object_end(w);
    }
    giji_entity_recs_free(e, n);
    return GIJI_OK;
}

/* The top-level sections, each an array under its key. */
static int write_document(giji_store *st, giji_jsonw *w)
{
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "version");   giji_jsonw_int(w, GIJI_EXPORT_JSON_VERSION);
    giji_jsonw_key(w, "generator"); giji_jsonw_string(w, "giji " GIJI_VERSION);
    static int (*const sections[])(giji_store *, giji_jsonw *) = {write_meetings, write_persons,
                                                                   write_entities};
    static const char *const names[] = {"meetings", "persons", "entities"};
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < 3; i++) {
        giji_jsonw_key(w, names[i]);
        giji_jsonw_array_begin(w);
        rc = sections[i](st, w);
        giji_jsonw_array_end(w);
    }
    giji_jsonw_object_end(w);
    return rc;
}

int giji_export_json(giji_store *st, FILE *out)
{
    if (!st || !out)
        return giji_error_set(GIJI_EINVAL, "giji_export_json: missing argument");
    int rc = giji_store_snapshot_begin(st);
    if (rc)
        return rc;
    giji_jsonw w;
    giji_jsonw_init(&w, out);
    rc = write_document(st, &w);
    /* Ending a read-only snapshot cannot lose data; keep the first error. */
    int end_rc = giji_store_snapshot_end(st);
    if (rc == GIJI_OK)
        rc = giji_jsonw_finish(&w);
    return rc ? rc : end_rc;
}
