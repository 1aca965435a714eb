/*
 * render/caption.c — the caption of a map: the meetings it is drawn from,
 * with their bodies, sessions and dates (giji_render_caption, and
 * giji_render_caption_graph from the meetings a built graph keeps).
 *
 * Responsible for: choosing the meetings (those of the spec's selection
 * whose remarks mention a selected entity, the same ones the graph is built
 * from) and writing them as one line, shortened to a date range and counts
 * per body when there are many. Not responsible for: SQL (store/: graph
 * facts and the meeting list), escaping (text.c, when it is drawn).
 */
#include "render/render_int.h"

#include "giji/store.h"
#include "util/array.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define CAPTION_LIST_MAX 4

static int by_date(const void *a, const void *b)
{
    const giji_meeting_row *x = a, *y = b;
    if (!x->date != !y->date)
        return x->date ? -1 : 1;
    int c = x->date ? strcmp(x->date, y->date) : 0;
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Whether meeting `id` is one of the n ids (ascending): a binary search,
 * since a whole corpus has tens of thousands of meetings. */
static int drawn_from(const long long *ids, size_t n, long long id)
{
    size_t at = giji_array_lower_bound(ids, n, sizeof *ids, 0, id);
    return at < n && ids[at] == id;
}

static const char *body_of(const giji_meeting_row *m) { return m->body ? m->body : "?"; }

/* A body and how many of the meetings it held; for the ranking, more
 * meetings first, then the body whose earliest meeting comes first. */
typedef struct body_count {
    const char *body;
    size_t count, first;         /* first: index of its earliest meeting in the rows */
} body_count;

static int by_body(const void *a, const void *b)
{
    const giji_meeting_row *const *x = a, *const *y = b;
    int c = strcmp(body_of(*x), body_of(*y));
    return c ? c : (*x < *y ? -1 : *x > *y);
}

static int by_count(const void *a, const void *b)
{
    const body_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Append the three bodies with the most of the n meetings (by date), with
 * their counts, and how many more bodies there are. Sorting, not comparing
 * every pair: the whole corpus is tens of thousands of meetings. */
static int append_bodies(giji_buf *b, const giji_meeting_row *rows, size_t n)
{
    const giji_meeting_row **by = malloc(n * sizeof *by);
    body_count *bodies = malloc(n * sizeof *bodies);
    if (!by || !bodies) {
        free(by);
        free(bodies);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < n; i++)
        by[i] = &rows[i];
    qsort(by, n, sizeof *by, by_body);
    size_t nbodies = 0;
    for (size_t i = 0; i < n; i++) {
        if (nbodies && !strcmp(bodies[nbodies - 1].body, body_of(by[i]))) {
            bodies[nbodies - 1].count++;
            continue;
        }
        /* by[i] is this body's earliest meeting: equal bodies are in row order */
        bodies[nbodies++] = (body_count){body_of(by[i]), 1, (size_t)(by[i] - rows)};
    }
    qsort(bodies, nbodies, sizeof *bodies, by_count);
    size_t shown = nbodies < 3 ? nbodies : 3;
    for (size_t i = 0; i < shown; i++)
        giji_buf_printf(b, "%s%s (%zu)", i ? "; " : "", bodies[i].body, bodies[i].count);
    if (nbodies > shown)
        giji_buf_printf(b, "; %zu more bodies", nbodies - shown);
    free(by);
    free(bodies);
    return GIJI_OK;
}

/* The caption naming the meetings ids[0..nids) (ascending) of the spec's
 * selection. *out is the caller's to free. */
static int caption_of(giji_store *st, const giji_graph_spec *s, const long long *ids, size_t nids, char **out)
{
    *out = NULL;
    int rc;
    giji_hit_filter hf;
    memset(&hf, 0, sizeof hf);
    hf.body = s->body;
    hf.from = s->from;
    hf.to = s->to;
    giji_meeting_row *rows = NULL;
    size_t nrows = 0;
    rc = giji_store_meeting_heads(st, &hf, &rows, &nrows);
    if (rc)
        return rc;
    /* keep the meetings the graph draws from */
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        if (drawn_from(ids, nids, rows[i].id)) {
            giji_meeting_row t = rows[n];
            rows[n++] = rows[i];
            rows[i] = t;
        }
    }
    if (n > 1)
        qsort(rows, n, sizeof *rows, by_date);
    giji_buf b = {0};
    giji_buf_puts(&b, "出典 (source): ");
    if (n == 0) {
        giji_buf_puts(&b, "no meeting");
    } else if (n <= CAPTION_LIST_MAX) {
        for (size_t i = 0; i < n; i++) {
            const giji_meeting_row *m = &rows[i];
            if (i)
                giji_buf_puts(&b, "; ");
            giji_buf_puts(&b, m->body ? m->body : m->source ? m->source : "?");
            if (m->session >= 0)
                giji_buf_printf(&b, " 第%d回", m->session);
            giji_buf_printf(&b, " %s", m->date ? m->date : "(date unknown)");
        }
    } else {
        const char *first = NULL, *last = NULL;
        for (size_t i = 0; i < n; i++)
            if (rows[i].date) {
                if (!first)
                    first = rows[i].date;
                last = rows[i].date;
            }
        giji_buf_printf(&b, "%zu meetings", n);
        if (first)
            giji_buf_printf(&b, ", %s to %s", first, last);
        giji_buf_puts(&b, ": ");
        /* bodies with their counts, most meetings first */
        rc = append_bodies(&b, rows, n);
        if (rc) {
            giji_buf_free(&b);
            giji_meeting_rows_free(rows, nrows);
            return rc;
        }
    }
    giji_meeting_rows_free(rows, nrows);
    if (!b.data)
        return GIJI_NOMEM();
    *out = giji_buf_steal(&b);
    return GIJI_OK;
}

int giji_render_caption(giji_store *st, const giji_graph_spec *s, char **out)
{
    *out = NULL;
    giji_remark_filter flt = {s->meetings, s->nmeetings, s->body, s->from, s->to, s->types};
    giji_graph_facts f;
    int rc = giji_store_graph_facts(st, &flt, &f);
    if (rc)
        return rc;
    long long *ids = malloc((f.nmeetings ? f.nmeetings : 1) * sizeof *ids);
    if (!ids) {
        giji_graph_facts_free(&f);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < f.nmeetings; i++)
        ids[i] = f.meetings[i].id;
    rc = caption_of(st, s, ids, f.nmeetings, out);
    free(ids);
    giji_graph_facts_free(&f);
    return rc;
}

int giji_render_caption_graph(giji_store *st, const giji_graph_spec *s, const giji_graph *g, char **out)
{
    return caption_of(st, s, g->meetings, g->nmeetings, out);
}
