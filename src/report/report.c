/*
 * report/report.c — giji report: one self-contained HTML file (report.h,
 * docs/report.md).
 *
 * The page is src/report/report.html with @@NAME@@ slots, filled here: the
 * title (HTML-escaped), the Content-Security-Policy (the hash of the
 * script), the style sheet and script (report.css, report.js, both embedded
 * at build time), the map (SVG from render/, checked by
 * giji_report_svg_inline) and the data as JSON in a
 * <script type="application/json"> element (export/jsonw.h escapes < > &
 * and U+2028/2029, so no string can end that element). The script builds
 * every table and panel from the data with createElement and textContent.
 *
 * What is embedded: the drawn nodes and edges with their metrics; for each
 * node, edge and matrix cell the ids of the remarks behind it (at most
 * list_max, the count always complete); those remarks once each with their
 * meeting, speaker, role, provenance, an excerpt at the start and one
 * around the first mention of each drawn entity (giji_kwic_make, as giji
 * who), and the full text when all of it fits text_budget; the meetings of
 * the selection with attendees and top entities.
 */
#include "giji/report.h"
#include "giji/extract.h"
#include "giji/query.h"
#include "giji/render.h"
#include "export/escape.h"
#include "export/jsonw.h"
#include "util/error.h"
#include "util/array.h"
#include "util/sha256.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const char giji_report_html[];
extern const char giji_report_css[];
extern const char giji_report_js[];

#define TOP_PER_MEETING 5
#define ATTENDEES_MAX 60

void giji_report_opts_init(giji_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->matrix_persons = GIJI_REPORT_MATRIX_PERSONS;
    o->matrix_entities = GIJI_REPORT_MATRIX_ENTITIES;
    o->list_max = GIJI_REPORT_LIST_MAX;
    o->text_budget = GIJI_REPORT_TEXT_BUDGET;
}

/* ---- id lists ------------------------------------------------------------ */

typedef struct idlist {
    long long *v;
    size_t n, cap;
    long long total;   /* ids added, also beyond the cap */
} idlist;

/* Append id unless it repeats the last one (facts come by remark id, so a
 * list never sees an id twice in a row and never out of order). */
static int idlist_add(idlist *l, long long id, size_t max)
{
    if (l->n && l->v[l->n - 1] == id)
        return GIJI_OK;
    l->total++;
    if (l->n >= max)
        return GIJI_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        long long *v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return GIJI_NOMEM();
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = id;
    return GIJI_OK;
}

/* ---- the data gathered --------------------------------------------------- */

typedef struct mcount {          /* remarks of one meeting mentioning one entity */
    long long meeting, entity, remarks;
} mcount;

typedef struct report_data {
    giji_graph g;
    giji_graph_facts f;
    idlist *node_lists;          /* per node */
    size_t *mrows, nrows;        /* matrix: indices into f.persons */
    long long *mrow_remarks;     /* ... and their remarks in the selection */
    size_t *mcols, ncols;        /* ... and of the entities */
    idlist *cells;               /* nrows * ncols */
    long long *ids;              /* every remark listed somewhere, ascending */
    size_t nids;
    giji_remark_hit *hits;       /* those remarks, in ids order */
    size_t nhits;
    int with_text;
    size_t text_bytes;
    giji_meeting_row *meetings;
    size_t nmeetings;
    mcount *mc;                  /* by meeting, then remarks (most first), entity */
    size_t nmc;
    char *caption;
    char *svg;
    size_t svg_len;
} report_data;

static void report_data_free(report_data *d)
{
    for (size_t i = 0; d->node_lists && i < d->g.nnodes; i++)
        free(d->node_lists[i].v);
    free(d->node_lists);
    for (size_t i = 0; d->cells && i < d->nrows * d->ncols; i++)
        free(d->cells[i].v);
    free(d->cells);
    free(d->mrows);
    free(d->mrow_remarks);
    free(d->mcols);
    free(d->ids);
    giji_remark_hits_free(d->hits, d->nhits);
    giji_meeting_rows_free(d->meetings, d->nmeetings);
    free(d->mc);
    free(d->caption);
    free(d->svg);
    giji_graph_facts_free(&d->f);
    giji_graph_free(&d->g);
}

/* The node of (kind, id): nodes are ordered by kind, then id. */
static long find_node(const giji_graph *g, giji_node_kind kind, long long id)
{
    size_t lo = 0, hi = g->nnodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const giji_graph_node *n = &g->nodes[mid];
        if (n->kind < kind || (n->kind == kind && n->id < id))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->nnodes && g->nodes[lo].kind == kind && g->nodes[lo].id == id)
        return (long)lo;
    return -1;
}

/* The node lists: a remark is behind its speaker's node (or its meeting's
 * unattributed node) and behind the node of every entity it mentions. */
static int gather_node_lists(report_data *d, const giji_graph_spec *s, size_t max)
{
    d->node_lists = calloc(d->g.nnodes ? d->g.nnodes : 1, sizeof *d->node_lists);
    if (!d->node_lists)
        return GIJI_NOMEM();
    for (size_t i = 0; i < d->f.nremarks; i++) {
        const giji_fact_remark *r = &d->f.remarks[i];
        if (s->attributed_only && !r->speaker)
            continue;
        long k = r->speaker ? find_node(&d->g, GIJI_NODE_PERSON, r->speaker)
                            : find_node(&d->g, GIJI_NODE_UNATTRIBUTED, r->meeting);
        int rc = k >= 0 ? idlist_add(&d->node_lists[k], r->id, max) : GIJI_OK;
        for (size_t j = 0; rc == GIJI_OK && j < r->n; j++) {
            k = find_node(&d->g, GIJI_NODE_ENTITY, d->f.entity_ids[r->first + j]);
            if (k >= 0)
                rc = idlist_add(&d->node_lists[k], r->id, max);
        }
        if (rc)
            return rc;
    }
    return GIJI_OK;
}

static const long long *sort_counts; /* for the qsort below; one report at a time */

static int cmp_rows(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (sort_counts[x] != sort_counts[y])
        return sort_counts[x] > sort_counts[y] ? -1 : 1;
    return x < y ? -1 : 1;
}

/* The person of facts with id `id`: persons are by id. */
static size_t fact_person(const giji_graph_facts *f, long long id)
{
    size_t at = giji_array_lower_bound(f->persons, f->npersons, sizeof *f->persons,
                                       offsetof(giji_fact_person, id), id);
    return at < f->npersons && f->persons[at].id == id ? at : f->npersons;
}

/* Rows: the persons with most remarks in the selection (drawn or not);
 * columns: the drawn entities ranked highest by the spec's metric. Cells:
 * the person's remarks that mention the entity. */
static int gather_matrix(report_data *d, const giji_graph_spec *s, const giji_report_opts *o)
{
    const giji_graph *g = &d->g;
    const giji_graph_facts *f = &d->f;
    size_t np = f->npersons;
    long long *counts = calloc(np ? np : 1, sizeof *counts);
    size_t *rows = malloc((np ? np : 1) * sizeof *rows);
    d->mcols = malloc((g->nnodes ? g->nnodes : 1) * sizeof *d->mcols);
    if (!counts || !rows || !d->mcols) {
        free(counts);
        free(rows);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < f->nremarks; i++) {
        size_t p = f->remarks[i].speaker ? fact_person(f, f->remarks[i].speaker) : np;
        if (p < np)
            counts[p]++;
    }
    size_t nrows = 0;
    for (size_t p = 0; p < np; p++)
        if (counts[p])
            rows[nrows++] = p;
    sort_counts = counts;
    qsort(rows, nrows, sizeof *rows, cmp_rows);
    d->nrows = nrows < o->matrix_persons ? nrows : o->matrix_persons;
    d->mrows = rows;
    d->mrow_remarks = malloc((d->nrows ? d->nrows : 1) * sizeof *d->mrow_remarks);
    if (!d->mrow_remarks) {
        free(counts);
        return GIJI_NOMEM();
    }
    for (size_t r = 0; r < d->nrows; r++)
        d->mrow_remarks[r] = counts[rows[r]];
    /* the row of each person, or nrows */
    free(counts);
    size_t *row_of = malloc((np ? np : 1) * sizeof *row_of);
    if (!row_of)
        return GIJI_NOMEM();
    for (size_t p = 0; p < np; p++)
        row_of[p] = d->nrows;
    for (size_t r = 0; r < d->nrows; r++)
        row_of[rows[r]] = r;
    size_t *order = NULL;
    int rc = g->nnodes ? giji_graph_rank(g, s->top_by, &order) : GIJI_OK;
    if (rc) {
        free(row_of);
        return rc;
    }
    for (size_t i = 0; i < g->nnodes && d->ncols < o->matrix_entities; i++)
        if (g->nodes[order[i]].kind == GIJI_NODE_ENTITY)
            d->mcols[d->ncols++] = order[i];
    free(order);
    if (!d->nrows || !d->ncols) {
        d->nrows = d->ncols = 0;
        free(row_of);
        return GIJI_OK;
    }
    d->cells = calloc(d->nrows * d->ncols, sizeof *d->cells);
    if (!d->cells) {
        free(row_of);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; rc == GIJI_OK && i < f->nremarks; i++) {
        const giji_fact_remark *r = &f->remarks[i];
        if (s->attributed_only && !r->speaker)
            continue;
        size_t p = r->speaker ? fact_person(f, r->speaker) : np;
        size_t row = p < np ? row_of[p] : d->nrows;
        if (row == d->nrows)
            continue;
        for (size_t j = 0; rc == GIJI_OK && j < r->n; j++)
            for (size_t c = 0; rc == GIJI_OK && c < d->ncols; c++)
                if (g->nodes[d->mcols[c]].id == f->entity_ids[r->first + j])
                    rc = idlist_add(&d->cells[row * d->ncols + c], r->id, o->list_max);
    }
    free(row_of);
    return rc;
}

static int add_ids(long long **v, size_t *n, size_t *cap, const long long *ids, size_t k)
{
    if (!k)
        return GIJI_OK;
    if (*n + k > *cap) {
        size_t c = *cap ? *cap : 64;
        while (c < *n + k)
            c *= 2;
        long long *nv = realloc(*v, c * sizeof *nv);
        if (!nv)
            return GIJI_NOMEM();
        *v = nv;
        *cap = c;
    }
    memcpy(*v + *n, ids, k * sizeof *ids);
    *n += k;
    return GIJI_OK;
}

/* Every remark listed somewhere, once, and their rows. */
static int gather_remarks(giji_store *st, report_data *d, const giji_report_opts *o)
{
    size_t cap = 0;
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < d->g.nnodes; i++)
        rc = add_ids(&d->ids, &d->nids, &cap, d->node_lists[i].v, d->node_lists[i].n);
    for (size_t i = 0; rc == GIJI_OK && i < d->g.nedges; i++) {
        const giji_graph_edge *e = &d->g.edges[i];
        rc = add_ids(&d->ids, &d->nids, &cap, e->remarks, e->nremarks < o->list_max ? e->nremarks : o->list_max);
    }
    for (size_t i = 0; rc == GIJI_OK && i < d->nrows * d->ncols; i++)
        rc = add_ids(&d->ids, &d->nids, &cap, d->cells[i].v, d->cells[i].n);
    if (rc)
        return rc;
    if (d->nids) {
        qsort(d->ids, d->nids, sizeof *d->ids, giji_cmp_ll);
        size_t w = 1;
        for (size_t i = 1; i < d->nids; i++)
            if (d->ids[i] != d->ids[w - 1])
                d->ids[w++] = d->ids[i];
        d->nids = w;
    }
    if (!d->nids)
        return GIJI_OK;
    if ((rc = giji_store_remark_hits_by_id(st, d->ids, d->nids, NULL, &d->hits, &d->nhits)))
        return rc;
    for (size_t i = 0; i < d->nhits; i++)
        d->text_bytes += d->hits[i].text ? strlen(d->hits[i].text) : 0;
    d->with_text = d->text_bytes <= o->text_budget && o->text_budget > 0;
    return GIJI_OK;
}

static int cmp_mcount(const void *a, const void *b)
{
    const mcount *x = a, *y = b;
    if (x->meeting != y->meeting)
        return x->meeting < y->meeting ? -1 : 1;
    if (x->remarks != y->remarks)
        return x->remarks > y->remarks ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static int cmp_mcount_key(const void *a, const void *b)
{
    const mcount *x = a, *y = b;
    if (x->meeting != y->meeting)
        return x->meeting < y->meeting ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* The meetings of the selection, and per meeting the entities most of its
 * remarks mention. */
static int gather_meetings(giji_store *st, report_data *d, const giji_graph_spec *s)
{
    giji_hit_filter hf;
    memset(&hf, 0, sizeof hf);
    hf.body = s->body;
    hf.from = s->from;
    hf.to = s->to;
    int rc = giji_store_meeting_list(st, &hf, &d->meetings, &d->nmeetings);
    if (rc)
        return rc;
    if (s->nmeetings) {
        size_t w = 0;
        for (size_t i = 0; i < d->nmeetings; i++) {
            int keep = 0;
            for (size_t j = 0; j < s->nmeetings && !keep; j++)
                keep = s->meetings[j] == d->meetings[i].id;
            if (keep) {
                giji_meeting_row tmp = d->meetings[w];
                d->meetings[w++] = d->meetings[i];
                d->meetings[i] = tmp;
            }
        }
        giji_meeting_rows_free(d->meetings + w, d->nmeetings - w);
        d->nmeetings = w;
    }
    /* (meeting, entity) pairs, one per remark and entity, then counted. */
    size_t n = 0;
    for (size_t i = 0; i < d->f.nremarks; i++)
        n += d->f.remarks[i].n;
    d->mc = malloc((n ? n : 1) * sizeof *d->mc);
    if (!d->mc)
        return GIJI_NOMEM();
    for (size_t i = 0; i < d->f.nremarks; i++) {
        const giji_fact_remark *r = &d->f.remarks[i];
        for (size_t j = 0; j < r->n; j++)
            d->mc[d->nmc++] = (mcount){r->meeting, d->f.entity_ids[r->first + j], 1};
    }
    qsort(d->mc, d->nmc, sizeof *d->mc, cmp_mcount_key);
    size_t w = 0;
    for (size_t i = 0; i < d->nmc; i++) {
        if (w && d->mc[w - 1].meeting == d->mc[i].meeting && d->mc[w - 1].entity == d->mc[i].entity)
            d->mc[w - 1].remarks++;
        else
            d->mc[w++] = d->mc[i];
    }
    d->nmc = w;
    qsort(d->mc, d->nmc, sizeof *d->mc, cmp_mcount);
    return GIJI_OK;
}

/* ---- writing -------------------------------------------------------------- */

static const char *entity_name(const giji_graph_facts *f, long long id)
{
    size_t at = giji_array_lower_bound(f->entities, f->nentities, sizeof *f->entities,
                                       offsetof(giji_fact_entity, id), id);
    return at < f->nentities && f->entities[at].id == id ? f->entities[at].name : NULL;
}

static void json_ids(giji_jsonw *w, const long long *v, size_t n)
{
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < n; i++)
        giji_jsonw_int(w, v[i]);
    giji_jsonw_array_end(w);
}

static void json_kwic(giji_jsonw *w, const giji_kwic *k)
{
    giji_jsonw_array_begin(w);
    giji_jsonw_string(w, k->before);
    giji_jsonw_string(w, k->match);
    giji_jsonw_string(w, k->after);
    giji_jsonw_bool(w, k->cut_before);
    giji_jsonw_bool(w, k->cut_after);
    giji_jsonw_array_end(w);
}

static const char *kind_name(giji_node_kind k)
{
    return giji_node_kind_name(k);
}

static int write_nodes(giji_jsonw *w, const report_data *d, size_t list_max)
{
    giji_jsonw_key(w, "nodes");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < d->g.nnodes; i++) {
        const giji_graph_node *n = &d->g.nodes[i];
        char key[24];
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "key");      giji_jsonw_string(w, giji_graph_node_key(n, key));
        giji_jsonw_key(w, "kind");     giji_jsonw_string(w, kind_name(n->kind));
        giji_jsonw_key(w, "type");
        giji_jsonw_string(w, n->kind == GIJI_NODE_ENTITY ? giji_entity_type_name(n->type) : NULL);
        giji_jsonw_key(w, "id");       giji_jsonw_int(w, n->id);
        giji_jsonw_key(w, "name");     giji_jsonw_string(w, n->name);
        giji_jsonw_key(w, "remarks");  giji_jsonw_int(w, d->node_lists[i].total);
        giji_jsonw_key(w, "community"); giji_jsonw_int(w, n->community);
        giji_jsonw_key(w, "metrics");
        giji_jsonw_array_begin(w);
        for (int m = 0; m < GIJI_NMETRICS; m++)
            giji_jsonw_double(w, d->g.has_metrics ? n->metric[m] : 0);
        giji_jsonw_array_end(w);
        giji_jsonw_key(w, "list");
        json_ids(w, d->node_lists[i].v, d->node_lists[i].n);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "edges");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < d->g.nedges; i++) {
        const giji_graph_edge *e = &d->g.edges[i];
        char a[24], b[24];
        giji_graph_node_key(&d->g.nodes[e->source], a);
        giji_graph_node_key(&d->g.nodes[e->target], b);
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "source");   giji_jsonw_string(w, a);
        giji_jsonw_key(w, "target");   giji_jsonw_string(w, b);
        giji_jsonw_key(w, "kind");     giji_jsonw_string(w, giji_edge_kind_name(e->kind));
        giji_jsonw_key(w, "weight");   giji_jsonw_double(w, e->weight);
        giji_jsonw_key(w, "count");    giji_jsonw_int(w, e->count);
        giji_jsonw_key(w, "remarks");  giji_jsonw_int(w, (long long)e->nremarks);
        giji_jsonw_key(w, "list");
        json_ids(w, e->remarks, e->nremarks < list_max ? e->nremarks : list_max);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    return giji_jsonw_failed(w) ? GIJI_EIO : GIJI_OK;
}

static void write_matrix(giji_jsonw *w, const report_data *d)
{
    char key[24];
    giji_jsonw_key(w, "matrix");
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "persons");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < d->nrows; i++) {
        const giji_fact_person *p = &d->f.persons[d->mrows[i]];
        giji_graph_node n = {.kind = GIJI_NODE_PERSON, .id = p->id};
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "key");     giji_jsonw_string(w, giji_graph_node_key(&n, key));
        giji_jsonw_key(w, "name");    giji_jsonw_string(w, p->display ? p->display : p->name);
        giji_jsonw_key(w, "remarks"); giji_jsonw_int(w, d->mrow_remarks[i]);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "entities");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < d->ncols; i++)
        giji_jsonw_string(w, giji_graph_node_key(&d->g.nodes[d->mcols[i]], key));
    giji_jsonw_array_end(w);
    giji_jsonw_key(w, "cells");
    giji_jsonw_array_begin(w);
    for (size_t i = 0; i < d->nrows * d->ncols; i++) {
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "remarks");
        giji_jsonw_int(w, d->cells[i].total);
        giji_jsonw_key(w, "list");
        json_ids(w, d->cells[i].v, d->cells[i].n);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    giji_jsonw_object_end(w);
}

static int write_remarks(giji_store *st, giji_jsonw *w, const report_data *d)
{
    giji_jsonw_key(w, "remarks");
    giji_jsonw_array_begin(w);
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < d->nhits && !giji_jsonw_failed(w); i++) {
        const giji_remark_hit *h = &d->hits[i];
        giji_mention_row *m = NULL;
        size_t nm = 0;
        if ((rc = giji_store_remark_mentions(st, h->id, &m, &nm)))
            break;
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "id");          giji_jsonw_int(w, h->id);
        giji_jsonw_key(w, "meeting");     giji_jsonw_int(w, h->meeting);
        giji_jsonw_key(w, "seq");         giji_jsonw_int(w, h->seq);
        giji_jsonw_key(w, "date");        giji_jsonw_string(w, h->date);
        giji_jsonw_key(w, "body");        giji_jsonw_string(w, h->body);
        giji_jsonw_key(w, "session");
        if (h->session >= 0) giji_jsonw_int(w, h->session); else giji_jsonw_null(w);
        giji_jsonw_key(w, "source");      giji_jsonw_string(w, h->source);
        giji_jsonw_key(w, "line");        giji_jsonw_int(w, h->line);
        giji_jsonw_key(w, "last_line");   giji_jsonw_int(w, h->last_line);
        giji_jsonw_key(w, "speaker");     giji_jsonw_id(w, h->speaker);
        giji_jsonw_key(w, "speaker_name"); giji_jsonw_string(w, h->speaker_display);
        giji_jsonw_key(w, "role");        giji_jsonw_string(w, h->role);
        giji_jsonw_key(w, "label");       giji_jsonw_string(w, h->speaker_label);
        giji_jsonw_key(w, "attribution"); giji_jsonw_string(w, h->attribution);
        giji_jsonw_key(w, "cue");         giji_jsonw_string(w, h->cue);
        giji_kwic k;
        if ((rc = giji_kwic_make(h->text, 0, 0, 2 * GIJI_KWIC_SPAN, &k)) == GIJI_OK) {
            giji_jsonw_key(w, "head");
            json_kwic(w, &k);
            giji_kwic_free(&k);
        }
        /* Around the first mention of each drawn entity. */
        giji_jsonw_key(w, "kwic");
        giji_jsonw_object_begin(w);
        for (size_t j = 0; rc == GIJI_OK && j < nm; j++) {
            long node = find_node(&d->g, GIJI_NODE_ENTITY, m[j].entity);
            int first = 1;
            for (size_t p = 0; p < j && first; p++)
                first = m[p].entity != m[j].entity;
            if (node < 0 || !first)
                continue;
            if ((rc = giji_kwic_make(h->text, m[j].start, m[j].end, GIJI_KWIC_SPAN, &k)))
                break;
            char key[24];
            giji_jsonw_key(w, giji_graph_node_key(&d->g.nodes[node], key));
            json_kwic(w, &k);
            giji_kwic_free(&k);
        }
        giji_jsonw_object_end(w);
        giji_jsonw_key(w, "text");
        giji_jsonw_string(w, d->with_text ? h->text : NULL);
        giji_jsonw_object_end(w);
        giji_mention_rows_free(m, nm);
    }
    giji_jsonw_array_end(w);
    if (rc == GIJI_OK && giji_jsonw_failed(w))
        rc = GIJI_EIO;
    return rc;
}

/* The first count of meeting `id` in d->mc (sorted by meeting). */
static size_t mc_first(const report_data *d, long long id)
{
    return giji_array_lower_bound(d->mc, d->nmc, sizeof *d->mc, offsetof(mcount, meeting), id);
}

static int write_meetings(giji_store *st, giji_jsonw *w, const report_data *d)
{
    giji_jsonw_key(w, "meetings");
    giji_jsonw_array_begin(w);
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < d->nmeetings && !giji_jsonw_failed(w); i++) {
        const giji_meeting_row *m = &d->meetings[i];
        giji_attendance_rec *a = NULL;
        size_t na = 0;
        if ((rc = giji_store_meeting_attendees(st, m->id, &a, &na)))
            break;
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "id");        giji_jsonw_int(w, m->id);
        giji_jsonw_key(w, "date");      giji_jsonw_string(w, m->date);
        giji_jsonw_key(w, "body");      giji_jsonw_string(w, m->body);
        giji_jsonw_key(w, "parent_body"); giji_jsonw_string(w, m->parent_body);
        giji_jsonw_key(w, "session");
        if (m->session >= 0) giji_jsonw_int(w, m->session); else giji_jsonw_null(w);
        giji_jsonw_key(w, "title");     giji_jsonw_string(w, m->title);
        giji_jsonw_key(w, "kind");      giji_jsonw_string(w, m->kind);
        giji_jsonw_key(w, "place");     giji_jsonw_string(w, m->place);
        giji_jsonw_key(w, "source");    giji_jsonw_string(w, m->source);
        giji_jsonw_key(w, "remarks");   giji_jsonw_int(w, m->remarks);
        giji_jsonw_key(w, "anonymous"); giji_jsonw_int(w, m->anonymous);
        giji_jsonw_key(w, "nattendees"); giji_jsonw_int(w, (long long)na);
        giji_jsonw_key(w, "attendees");
        giji_jsonw_array_begin(w);
        for (size_t j = 0; j < na && j < ATTENDEES_MAX; j++) {
            giji_jsonw_object_begin(w);
            giji_jsonw_key(w, "name");    giji_jsonw_string(w, a[j].display);
            giji_jsonw_key(w, "role");    giji_jsonw_string(w, a[j].role);
            giji_jsonw_key(w, "present"); giji_jsonw_bool(w, a[j].present);
            giji_jsonw_key(w, "proxy");   giji_jsonw_bool(w, a[j].proxy_for != 0);
            giji_jsonw_object_end(w);
        }
        giji_jsonw_array_end(w);
        giji_attendance_recs_free(a, na);
        size_t k = mc_first(d, m->id);
        giji_jsonw_key(w, "top");
        giji_jsonw_array_begin(w);
        for (size_t j = 0; k + j < d->nmc && d->mc[k + j].meeting == m->id && j < TOP_PER_MEETING; j++) {
            const mcount *c = &d->mc[k + j];
            long node = find_node(&d->g, GIJI_NODE_ENTITY, c->entity);
            char key[24];
            giji_jsonw_object_begin(w);
            giji_jsonw_key(w, "name");    giji_jsonw_string(w, entity_name(&d->f, c->entity));
            giji_jsonw_key(w, "key");
            giji_jsonw_string(w, node >= 0 ? giji_graph_node_key(&d->g.nodes[node], key) : NULL);
            giji_jsonw_key(w, "remarks"); giji_jsonw_int(w, c->remarks);
            giji_jsonw_object_end(w);
        }
        giji_jsonw_array_end(w);
        /* every drawn entity its remarks mention, for the filter */
        giji_jsonw_key(w, "nodes");
        giji_jsonw_array_begin(w);
        for (size_t j = k; j < d->nmc && d->mc[j].meeting == m->id; j++) {
            long node = find_node(&d->g, GIJI_NODE_ENTITY, d->mc[j].entity);
            char key[24];
            if (node >= 0)
                giji_jsonw_string(w, giji_graph_node_key(&d->g.nodes[node], key));
        }
        giji_jsonw_array_end(w);
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
    if (rc == GIJI_OK && giji_jsonw_failed(w))
        rc = GIJI_EIO;
    return rc;
}

static int write_data(giji_store *st, FILE *out, const report_data *d, const giji_graph_spec *s,
                      const giji_report_opts *o)
{
    giji_jsonw w;
    giji_jsonw_init(&w, out);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "title");    giji_jsonw_string(&w, o->title ? o->title : "giji report");
    giji_jsonw_key(&w, "caption");  giji_jsonw_string(&w, d->caption);
    char *key = NULL;
    int rc = giji_graph_spec_key(s, &key);
    if (rc)
        return rc;
    giji_jsonw_key(&w, "spec");     giji_jsonw_string(&w, key);
    free(key);
    giji_jsonw_key(&w, "version");  giji_jsonw_string(&w, GIJI_VERSION);
    giji_jsonw_key(&w, "top_by");   giji_jsonw_string(&w, giji_metric_name(s->top_by));
    giji_jsonw_key(&w, "metrics");
    giji_jsonw_array_begin(&w);
    for (int m = 0; m < GIJI_NMETRICS; m++)
        giji_jsonw_string(&w, giji_metric_name((giji_metric)m));
    giji_jsonw_array_end(&w);
    giji_jsonw_key(&w, "full_nodes"); giji_jsonw_int(&w, (long long)d->g.full_nodes);
    giji_jsonw_key(&w, "full_edges"); giji_jsonw_int(&w, (long long)d->g.full_edges);
    giji_jsonw_key(&w, "selected_remarks"); giji_jsonw_int(&w, d->g.selected_remarks);
    giji_jsonw_key(&w, "communities"); giji_jsonw_int(&w, d->g.communities);
    giji_jsonw_key(&w, "modularity"); giji_jsonw_double(&w, d->g.modularity);
    giji_jsonw_key(&w, "list_max");   giji_jsonw_int(&w, (long long)o->list_max);
    giji_jsonw_key(&w, "with_text");  giji_jsonw_bool(&w, d->with_text);
    giji_jsonw_key(&w, "text_bytes"); giji_jsonw_int(&w, (long long)d->text_bytes);
    giji_jsonw_key(&w, "betweenness_estimated");
    giji_jsonw_bool(&w, d->g.cutoff > 0 || d->g.samples > 0);
    rc = write_nodes(&w, d, o->list_max);
    if (rc == GIJI_OK) {
        write_matrix(&w, d);
        rc = write_meetings(st, &w, d);
    }
    if (rc == GIJI_OK)
        rc = write_remarks(st, &w, d);
    if (rc)
        return rc;
    giji_jsonw_object_end(&w);
    /* finish writes a final newline and flushes; the element is closed by the template */
    return giji_jsonw_finish(&w);
}

/* ---- the inline SVG ---------------------------------------------------------- */

static int ieq_prefix(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    return len >= n && strncasecmp(s, p, n) == 0;
}

int giji_report_svg_inline(FILE *out, const char *svg, size_t len)
{
    /* Start at the <svg element: what comes before is the XML declaration,
     * the DOCTYPE and comments, none of which belong in HTML. */
    size_t i = 0;
    while (i < len && !(svg[i] == '<' && ieq_prefix(svg + i, len - i, "<svg") &&
                        i + 4 < len && (isspace((unsigned char)svg[i + 4]) || svg[i + 4] == '>')))
        i++;
    if (i >= len)
        return giji_error_set(GIJI_EINVAL, "the map is not SVG (no <svg> element)");
    size_t run = i;
    while (i < len) {
        if (svg[i] != '<') {
            i++;
            continue;
        }
        if (ieq_prefix(svg + i, len - i, "<!--")) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= len && !e; j++)
                if (!memcmp(svg + j, "-->", 3))
                    e = svg + j;
            if (!e)
                return giji_error_set(GIJI_EINVAL, "the map's SVG has an unclosed comment");
            if (i > run && fwrite(svg + run, 1, i - run, out) != i - run)
                return giji_error_set(GIJI_EIO, "cannot write the report: %s", strerror(errno));
            i = (size_t)(e - svg) + 3;
            run = i;
            continue;
        }
        if (ieq_prefix(svg + i, len - i, "<script") || ieq_prefix(svg + i, len - i, "<foreignobject") ||
            ieq_prefix(svg + i, len - i, "<![cdata[") || ieq_prefix(svg + i, len - i, "<!doctype") ||
            ieq_prefix(svg + i, len - i, "<?"))
            return giji_error_set(GIJI_EINVAL, "the map's SVG holds markup the report does not embed "
                                               "(script, foreignObject, CDATA)");
        /* A tag: check its attributes. */
        size_t j = i + 1;
        while (j < len && svg[j] != '>' && !isspace((unsigned char)svg[j]))
            j++;
        while (j < len && svg[j] != '>') {
            while (j < len && (isspace((unsigned char)svg[j]) || svg[j] == '/'))
                j++;
            size_t name = j;
            while (j < len && svg[j] != '=' && svg[j] != '>' && !isspace((unsigned char)svg[j]) && svg[j] != '/')
                j++;
            size_t nlen = j - name;
            if (j < len && svg[j] == '=') {
                j++;
                char q = j < len ? svg[j] : 0;
                if (q != '"' && q != '\'')
                    return giji_error_set(GIJI_EINVAL, "the map's SVG has an unquoted attribute value");
                size_t v = ++j;
                while (j < len && svg[j] != q)
                    j++;
                if (j >= len)
                    return giji_error_set(GIJI_EINVAL, "the map's SVG has an unclosed attribute value");
                const char *nm = svg + name;
                int is_href = (nlen == 4 && !strncasecmp(nm, "href", 4)) ||
                              (nlen == 10 && !strncasecmp(nm, "xlink:href", 10));
                if (nlen > 2 && !strncasecmp(nm, "on", 2))
                    return giji_error_set(GIJI_EINVAL, "the map's SVG has an event attribute");
                if (is_href) {
                    size_t p = v;
                    while (p < j && isspace((unsigned char)svg[p]))
                        p++;
                    if (p < j && svg[p] != '#')
                        return giji_error_set(GIJI_EINVAL, "the map's SVG links outside the page");
                }
                j++;
            } else if (nlen == 0 && j < len && svg[j] != '>') {
                j++;
            }
        }
        i = j < len ? j + 1 : len;
    }
    if (len > run && fwrite(svg + run, 1, len - run, out) != len - run)
        return giji_error_set(GIJI_EIO, "cannot write the report: %s", strerror(errno));
    return GIJI_OK;
}

/* ---- the page -------------------------------------------------------------- */

static void base64(const unsigned char *in, size_t n, char *out)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tab[v & 63] : '=';
    }
    out[o] = 0;
}

/* 'sha256-…' of the script, for the Content-Security-Policy. */
static void script_hash(char out[64])
{
    char hex[65];
    unsigned char raw[32];
    giji_sha256_hex(giji_report_js, strlen(giji_report_js), hex);
    for (int i = 0; i < 32; i++) {
        unsigned v;
        sscanf(hex + 2 * i, "%2x", &v);
        raw[i] = (unsigned char)v;
    }
    base64(raw, 32, out);
}

static int write_slot(giji_store *st, FILE *out, const char *name, size_t nlen, const report_data *d,
                      const giji_graph_spec *s, const giji_report_opts *o)
{
    const char *title = o->title ? o->title : "giji report";
#define IS(lit) (nlen == sizeof lit - 1 && !memcmp(name, lit, nlen))
    if (IS("TITLE"))
        return giji_html_escape(out, title, strlen(title)) ? GIJI_EIO : GIJI_OK;
    if (IS("CAPTION"))
        return d->caption && giji_html_escape(out, d->caption, strlen(d->caption)) ? GIJI_EIO : GIJI_OK;
    if (IS("SCRIPT_HASH")) {
        char h[64];
        script_hash(h);
        return fputs(h, out) == EOF ? GIJI_EIO : GIJI_OK;
    }
    if (IS("CSS"))
        return fputs(giji_report_css, out) == EOF ? GIJI_EIO : GIJI_OK;
    if (IS("JS"))
        return fputs(giji_report_js, out) == EOF ? GIJI_EIO : GIJI_OK;
    if (IS("MAP")) {
        if (d->svg)
            return giji_report_svg_inline(out, d->svg, d->svg_len);
        return GIJI_OK; /* the script says why there is no map */
    }
    if (IS("DATA"))
        return write_data(st, out, d, s, o);
#undef IS
    return giji_error_set(GIJI_EINVAL, "report.html: unknown slot @@%.*s@@", (int)nlen, name);
}

static int write_page(giji_store *st, FILE *out, const report_data *d, const giji_graph_spec *s,
                      const giji_report_opts *o)
{
    const char *p = giji_report_html;
    int rc = GIJI_OK;
    while (rc == GIJI_OK && *p) {
        const char *a = strstr(p, "@@");
        const char *b = a ? strstr(a + 2, "@@") : NULL;
        size_t lit = a && b ? (size_t)(a - p) : strlen(p);
        if (lit && fwrite(p, 1, lit, out) != lit)
            rc = GIJI_EIO;
        if (!a || !b)
            break;
        if (rc == GIJI_OK)
            rc = write_slot(st, out, a + 2, (size_t)(b - a - 2), d, s, o);
        p = b + 2;
    }
    if (rc == GIJI_EIO && !giji_error_last())
        giji_error_set(GIJI_EIO, "cannot write the report: %s", strerror(errno));
    else if (rc == GIJI_EIO && ferror(out))
        giji_error_set(GIJI_EIO, "cannot write the report: %s", strerror(errno));
    return rc;
}

int giji_report_write(giji_store *st, const giji_graph_spec *s, const giji_report_opts *o,
                      FILE *out)
{
    giji_report_opts defaults;
    if (!o) {
        giji_report_opts_init(&defaults);
        o = &defaults;
    }
    giji_graph_spec sp = *s;
    if (!sp.top) {
        sp.top = GIJI_REPORT_TOP;
        /* the report is about who raised what: keep speakers on the map */
        if (!sp.top_persons && (sp.edges & GIJI_GRAPH_RAISED) && sp.project == GIJI_PROJECT_NONE)
            sp.top_persons = GIJI_REPORT_PERSONS;
    }
    report_data d;
    memset(&d, 0, sizeof d);
    giji_error_clear();
    int rc = giji_graph_load(st, &sp, &d.g);
    if (rc == GIJI_OK) {
        giji_remark_filter flt = {s->meetings, s->nmeetings, s->body, s->from, s->to, s->types};
        rc = giji_store_graph_facts(st, &flt, &d.f);
    }
    if (rc == GIJI_OK && d.f.content_version != d.g.content_version)
        rc = giji_error_set(GIJI_EDB, "the database changed while the report was made; run it again");
    rc = rc ? rc : gather_node_lists(&d, s, o->list_max);
    rc = rc ? rc : gather_matrix(&d, &sp, o);
    rc = rc ? rc : gather_remarks(st, &d, o);
    rc = rc ? rc : gather_meetings(st, &d, s);
    /* no meetings, no caption (and giji_render_caption is not asked about nothing) */
    if (rc == GIJI_OK && d.nmeetings)
        rc = giji_render_caption_graph(st, s, &d.g, &d.caption);
    if (rc == GIJI_OK && d.g.nnodes) {
        giji_render_opts ro;
        giji_render_opts_init(&ro);
        ro.format = GIJI_RENDER_SVG;
        ro.preset = GIJI_PRESET_MAP;
        ro.size_by = sp.top_by;
        rc = giji_render_graph(&d.g, &ro, &d.svg, &d.svg_len);
    }
    if (rc == GIJI_OK)
        rc = write_page(st, out, &d, &sp, o);
    if (rc == GIJI_OK && fflush(out) != 0)
        rc = giji_error_set(GIJI_EIO, "cannot write the report: %s", strerror(errno));
    report_data_free(&d);
    return rc;
}
