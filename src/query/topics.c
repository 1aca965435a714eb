/*
 * query/topics.c — giji topics: what a person raised, ranked, overall and
 * per meeting (every meeting they attended or spoke in, with their role
 * there); giji meetings and persons (the scope and name filter normalised);
 * and giji timeline: an entity's mentions or a person's remarks per
 * meeting, month or year.
 * Not responsible for SQL (store/query.c), output (cli/) or the SVG chart
 * (export/timeline_svg.c).
 */
#include "util/array.h"
#include "query/internal.h"
#include "util/error.h"
#include "util/str.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- topics ------------------------------------------------------------- */

static void topic_free(giji_topic *t)
{
    free(t->name);
    free(t->type);
}

void giji_topics_free(giji_topics *t)
{
    if (!t)
        return;
    giji_target_free(&t->person);
    for (size_t i = 0; i < t->noverall; i++)
        topic_free(&t->overall[i]);
    free(t->overall);
    for (size_t i = 0; i < t->nmeetings; i++) {
        giji_topics_meeting *m = &t->meetings[i];
        /* the row's strings, as giji_meeting_rows_free would free them */
        char *strings[] = {m->m.source, m->m.date, m->m.body, m->m.parent_body, m->m.kind,
                           m->m.title, m->m.place, m->m.role, m->m.display};
        for (size_t k = 0; k < sizeof strings / sizeof *strings; k++)
            free(strings[k]);
        for (size_t k = 0; k < m->ntopics; k++)
            topic_free(&m->topics[k]);
        free(m->topics);
    }
    free(t->meetings);
    memset(t, 0, sizeof *t);
}

/* Remarks (most first), mentions (most first), name. */
static int topic_cmp(const void *x, const void *y)
{
    const giji_topic *a = x, *b = y;
    if (a->remarks != b->remarks)
        return a->remarks > b->remarks ? -1 : 1;
    if (a->mentions != b->mentions)
        return a->mentions > b->mentions ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->entity < b->entity ? -1 : a->entity > b->entity);
}

static int row_entity_cmp(const void *x, const void *y)
{
    const giji_topic_row *a = x, *b = y;
    return a->entity < b->entity ? -1 : a->entity > b->entity;
}

static int topic_from(const giji_topic_row *r, giji_topic *t)
{
    t->entity = r->entity;
    t->remarks = r->remarks;
    t->mentions = r->mentions;
    t->meetings = 1;
    t->name = giji_strdup(r->name);
    t->type = giji_strdup(r->type);
    return t->name && t->type ? GIJI_OK : GIJI_NOMEM();
}

/* Per meeting (rows are ordered by meeting id): the topics of each meeting
 * row, ranked. */
static int per_meeting(giji_topics *out, const giji_topic_row *rows, size_t n)
{
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < out->nmeetings; i++) {
        giji_topics_meeting *m = &out->meetings[i];
        /* first row of this meeting */
        size_t lo = giji_array_lower_bound(rows, n, sizeof *rows, offsetof(giji_topic_row, meeting), m->m.id);
        size_t k = lo;
        while (k < n && rows[k].meeting == m->m.id)
            k++;
        if (k == lo)
            continue;
        if (!(m->topics = calloc(k - lo, sizeof *m->topics)))
            return GIJI_NOMEM();
        for (size_t j = lo; rc == GIJI_OK && j < k; j++) {
            rc = topic_from(&rows[j], &m->topics[m->ntopics]);
            m->ntopics++;
        }
        qsort(m->topics, m->ntopics, sizeof *m->topics, topic_cmp);
    }
    return rc;
}

/* Overall: rows summed per entity (a remark belongs to one meeting, so the
 * per-meeting remark counts add up). Sorts rows by entity. */
static int overall(giji_topics *out, giji_topic_row *rows, size_t n)
{
    if (n)
        qsort(rows, n, sizeof *rows, row_entity_cmp);
    if (n && !(out->overall = calloc(n, sizeof *out->overall)))
        return GIJI_NOMEM();
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        if (out->noverall && out->overall[out->noverall - 1].entity == rows[i].entity) {
            giji_topic *t = &out->overall[out->noverall - 1];
            t->remarks += rows[i].remarks;
            t->mentions += rows[i].mentions;
            t->meetings++;
            continue;
        }
        rc = topic_from(&rows[i], &out->overall[out->noverall]);
        out->noverall++;
    }
    if (out->noverall)
        qsort(out->overall, out->noverall, sizeof *out->overall, topic_cmp);
    return rc;
}

int giji_query_topics(giji_store *st, const char *person, const giji_query_opts *o, giji_topics *out)
{
    memset(out, 0, sizeof *out);
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    if (rc)
        return rc;
    giji_meeting_row *m = NULL;
    giji_topic_row *rows = NULL;
    size_t nm = 0, nr = 0;
    rc = giji_resolve(st, person, GIJI_FIND_PERSON, &out->person);
    rc = rc ? rc : giji_store_person_meetings(st, out->person.id, &sc.f, &m, &nm);
    rc = rc ? rc : giji_store_person_topics(st, out->person.id, &sc.f, &rows, &nr);
    query_scope_free(&sc);
    if (rc == GIJI_OK && nm && !(out->meetings = calloc(nm, sizeof *out->meetings)))
        rc = GIJI_NOMEM();
    if (rc == GIJI_OK) {
        for (size_t i = 0; i < nm; i++) {
            out->meetings[i].m = m[i];
            out->remarks += m[i].hit_remarks;
            out->inferred += m[i].hit_inferred;
        }
        out->nmeetings = nm;
        free(m);
        m = NULL;
        nm = 0;
        rc = per_meeting(out, rows, nr);
    }
    rc = rc ? rc : overall(out, rows, nr);
    giji_meeting_rows_free(m, nm);
    giji_topic_rows_free(rows, nr);
    if (rc)
        giji_topics_free(out);
    return rc;
}

/* ---- meetings and persons ---------------------------------------------- */

int giji_query_meetings(giji_store *st, const giji_query_opts *o, giji_meeting_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    if (rc)
        return rc;
    rc = giji_store_meeting_list(st, &sc.f, out, n);
    query_scope_free(&sc);
    return rc;
}

int giji_query_persons(giji_store *st, const char *contains, giji_person_row **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *k = contains ? giji_str_nospace(contains) : NULL;
    if (contains && !k)
        return GIJI_NOMEM();
    int rc = giji_store_person_list(st, k && *k ? k : NULL, out, n);
    free(k);
    return rc;
}

/* ---- timeline ----------------------------------------------------------- */

void giji_timeline_free(giji_timeline *t)
{
    if (!t)
        return;
    giji_target_free(&t->target);
    for (size_t i = 0; i < t->n; i++) {
        free(t->points[i].label);
        free(t->points[i].body);
        free(t->points[i].source);
        free(t->points[i].role);
    }
    free(t->points);
    memset(t, 0, sizeof *t);
}

#define NO_DATE "(no date)"
/* Periods filled in between the first and the last, at most. */
#define MAX_PERIODS 2400

static giji_timeline_point *add_point(giji_timeline *t, size_t *cap)
{
    if (giji_array_grow(&t->points, cap, t->n, sizeof *t->points))
        return NULL;
    giji_timeline_point *p = &t->points[t->n++];
    memset(p, 0, sizeof *p);
    p->session = -1;
    return p;
}

/* The period of a date: "2017", "2017-01", or NO_DATE. */
static void period_of(const char *date, giji_timeline_by by, char out[16])
{
    size_t len = by == GIJI_BY_YEAR ? 4 : 7;
    if (!date || strlen(date) < len)
        snprintf(out, 16, "%s", NO_DATE);
    else
        snprintf(out, 16, "%.*s", (int)len, date);
}

/* The period after p ("2017-12" -> "2018-01"). */
static void next_period(char p[16], giji_timeline_by by)
{
    int y = atoi(p), m = by == GIJI_BY_MONTH ? atoi(p + 5) : 0;
    if (by == GIJI_BY_YEAR || ++m > 12) {
        y++;
        m = 1;
    }
    char buf[48];
    if (by == GIJI_BY_YEAR)
        snprintf(buf, sizeof buf, "%04d", y);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    snprintf(p, 16, "%.15s", buf);
}

static int by_meeting(giji_timeline *t, giji_meeting_row *m, size_t n)
{
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        giji_timeline_point *p = add_point(t, &cap);
        if (!p)
            return GIJI_NOMEM();
        p->label = giji_strdup(m[i].date ? m[i].date : NO_DATE);
        p->meeting = m[i].id;
        p->session = m[i].session;
        p->meetings = 1;
        p->remarks = m[i].hit_remarks;
        p->mentions = m[i].hit_mentions;
        /* move the strings the point keeps */
        p->body = m[i].body;
        p->source = m[i].source;
        p->role = m[i].role;
        m[i].body = m[i].source = m[i].role = NULL;
        if (!p->label)
            return GIJI_NOMEM();
    }
    return GIJI_OK;
}

static int by_period(giji_timeline *t, const giji_meeting_row *m, size_t n, giji_timeline_by by)
{
    size_t cap = 0;
    char cur[16] = "";
    for (size_t i = 0; i < n; i++) {
        char per[16];
        period_of(m[i].date, by, per);
        int dated = strcmp(per, NO_DATE) != 0;
        /* fill the periods without meetings since the last one */
        size_t filled = 0;
        while (dated && cur[0] && strcmp(cur, per) < 0 && filled++ < MAX_PERIODS) {
            next_period(cur, by);
            if (!strcmp(cur, per))
                break;
            giji_timeline_point *p = add_point(t, &cap);
            if (!p || !(p->label = giji_strdup(cur)))
                return GIJI_NOMEM();
        }
        if (!t->n || strcmp(t->points[t->n - 1].label, per)) {
            giji_timeline_point *p = add_point(t, &cap);
            if (!p || !(p->label = giji_strdup(per)))
                return GIJI_NOMEM();
        }
        giji_timeline_point *p = &t->points[t->n - 1];
        p->meetings++;
        p->remarks += m[i].hit_remarks;
        p->mentions += m[i].hit_mentions;
        if (dated)
            memcpy(cur, per, sizeof cur);
    }
    return GIJI_OK;
}

int giji_query_timeline(giji_store *st, const char *name, const giji_query_opts *o,
                        giji_timeline_by by, giji_timeline *out)
{
    memset(out, 0, sizeof *out);
    out->by = by;
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    if (rc)
        return rc;
    giji_meeting_row *m = NULL;
    size_t n = 0;
    rc = giji_resolve(st, name, GIJI_FIND_ENTITY | GIJI_FIND_PERSON, &out->target);
    if (rc == GIJI_OK)
        rc = out->target.kind == GIJI_TARGET_ENTITY
                 ? giji_store_entity_meetings(st, out->target.id, &sc.f, &m, &n)
                 : giji_store_person_meetings(st, out->target.id, &sc.f, &m, &n);
    query_scope_free(&sc);
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        out->remarks += m[i].hit_remarks;
        out->mentions += m[i].hit_mentions;
    }
    if (rc == GIJI_OK)
        rc = by == GIJI_BY_MEETING ? by_meeting(out, m, n) : by_period(out, m, n, by);
    giji_meeting_rows_free(m, n);
    if (rc)
        giji_timeline_free(out);
    return rc;
}
