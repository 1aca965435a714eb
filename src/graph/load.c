/*
 * graph/load.c — metrics through the cache, and the whole sequence every
 * graph command runs (build, metrics, top; or, for a top cut whose metrics
 * are cached, the cut first and only the kept nodes' edges built).
 *
 * The cache (store/graph.c, tables metrics_cache*) is keyed by the spec's
 * canonical key and the content_version the graph was built at. A cached
 * entry is used only when it lists the same nodes (kind and id, in order)
 * and the same number of edges as the graph just built; otherwise the
 * metrics are computed and the entry replaced.
 * Not responsible for computing metrics (metrics.c) or SQL (store/).
 */
#include "graph/graph_int.h"
#include "util/array.h"
#include "util/error.h"

#include <stddef.h>

#include <stdlib.h>
#include <string.h>

_Static_assert((int)GIJI_NMETRICS == GIJI_STORE_NMETRICS,
               "the metrics cache stores every metric: keep GIJI_NMETRICS and GIJI_STORE_NMETRICS equal");

static int cache_matches(const giji_graph *g, const giji_metrics_cache_rec *rec)
{
    if (rec->nnodes != g->nnodes || rec->nedges != (long long)g->nedges)
        return 0;
    for (size_t i = 0; i < g->nnodes; i++)
        if (rec->nodes[i].kind != (int)g->nodes[i].kind || rec->nodes[i].id != g->nodes[i].id)
            return 0;
    return 1;
}

static void from_cache(giji_graph *g, const giji_metrics_cache_rec *rec)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        memcpy(g->nodes[i].metric, rec->nodes[i].metric, sizeof g->nodes[i].metric);
        g->nodes[i].community = rec->nodes[i].community;
    }
    g->modularity = rec->modularity;
    g->communities = rec->communities;
    g->cutoff = rec->cutoff;
    g->samples = (size_t)rec->samples;
    g->full_nodes = g->nnodes;
    g->full_edges = g->nedges;
    g->has_metrics = 1;
    g->cache = GIJI_CACHE_HIT;
}

static int to_cache(giji_store *st, const char *key, giji_graph *g)
{
    giji_metrics_cache_rec rec = {0};
    rec.content_version = g->content_version;
    rec.nedges = (long long)g->nedges;
    rec.modularity = g->modularity;
    rec.communities = g->communities;
    rec.cutoff = g->cutoff;
    rec.samples = (long long)g->samples;
    rec.nnodes = g->nnodes;
    if (g->nnodes && !(rec.nodes = calloc(g->nnodes, sizeof *rec.nodes)))
        return GIJI_NOMEM();
    for (size_t i = 0; i < g->nnodes; i++) {
        rec.nodes[i].kind = (int)g->nodes[i].kind;
        rec.nodes[i].id = g->nodes[i].id;
        memcpy(rec.nodes[i].metric, g->nodes[i].metric, sizeof rec.nodes[i].metric);
        rec.nodes[i].community = g->nodes[i].community;
        rec.nodes[i].remarks = g->nodes[i].remarks;
    }
    /* what a top cut of this graph needs without reading the whole
     * selection (load_top_counted) */
    rec.has_counts = 1;
    rec.selected = g->selected_remarks;
    rec.meetings = g->meetings;
    rec.nmeetings = g->nmeetings;
    int stored = 0;
    int rc = giji_store_metrics_cache_put(st, key, &rec, &stored);
    free(rec.nodes);
    if (rc == GIJI_OK && !stored)
        g->cache = GIJI_CACHE_NONE; /* the database changed meanwhile: stale */
    else
        g->cache = rc ? GIJI_CACHE_FAILED : GIJI_CACHE_STORED;
    return rc;
}

int giji_graph_metrics(giji_store *st, const giji_graph_spec *s, giji_graph *g)
{
    char *key;
    int rc = giji_graph_spec_key(s, &key);
    if (rc)
        return rc;
    giji_metrics_cache_rec rec;
    int found = 0;
    rc = giji_store_metrics_cache_get(st, key, g->content_version, &rec, &found);
    if (rc == GIJI_OK && found && cache_matches(g, &rec)) {
        from_cache(g, &rec);
        giji_metrics_cache_rec_free(&rec);
        free(key);
        return GIJI_OK;
    }
    if (rc == GIJI_OK)
        giji_metrics_cache_rec_free(&rec);
    if (rc == GIJI_OK)
        rc = giji_graph_compute_metrics(g, s->cutoff, s->samples);
    /* Failing to store is not failing: the metrics are there. */
    if (rc == GIJI_OK)
        (void)to_cache(st, key, g);
    free(key);
    return rc;
}

/* ---- a top cut from the cache ------------------------------------------ */

/* The slot (graph_build_facts) of a cached node in facts f, or (size_t)-1
 * when f has no such person, entity or meeting. */
static size_t slot_of(const giji_graph_spec *s, const giji_graph_facts *f, const giji_cached_node *n)
{
    size_t at;
    switch (n->kind) {
    case GIJI_NODE_PERSON:
        at = giji_array_lower_bound(f->persons, f->npersons, sizeof *f->persons,
                                    offsetof(giji_fact_person, id), n->id);
        return at < f->npersons && f->persons[at].id == n->id ? at : (size_t)-1;
    case GIJI_NODE_ENTITY:
        at = giji_array_lower_bound(f->entities, f->nentities, sizeof *f->entities,
                                    offsetof(giji_fact_entity, id), n->id);
        return at < f->nentities && f->entities[at].id == n->id ? f->npersons + at : (size_t)-1;
    case GIJI_NODE_UNATTRIBUTED:
        if (s->attributed_only)
            return (size_t)-1;
        at = giji_array_lower_bound(f->meetings, f->nmeetings, sizeof *f->meetings,
                                    offsetof(giji_fact_meeting, id), n->id);
        return at < f->nmeetings && f->meetings[at].id == n->id ? f->npersons + f->nentities + at
                                                                : (size_t)-1;
    }
    return (size_t)-1;
}

/* Give g, built from the kept nodes' facts, the cached metrics of those
 * nodes (top[i]: cached node i is kept, nkept of them), when its nodes are
 * exactly those, in the cache's canonical order: 1. Else g is freed (the
 * caller builds the graph whole) and 0. */
static int adopt_cached(giji_graph *g, const giji_metrics_cache_rec *rec, const unsigned char *top, size_t nkept)
{
    size_t k = 0;
    for (size_t i = 0; i < rec->nnodes && k <= g->nnodes; i++) {
        if (!top[i])
            continue;
        if (k == g->nnodes || g->nodes[k].kind != (giji_node_kind)rec->nodes[i].kind ||
            g->nodes[k].id != rec->nodes[i].id)
            break;
        memcpy(g->nodes[k].metric, rec->nodes[i].metric, sizeof g->nodes[k].metric);
        g->nodes[k].community = rec->nodes[i].community;
        k++;
    }
    if (k != nkept || g->nnodes != nkept) {
        giji_graph_free(g);
        return 0;
    }
    g->modularity = rec->modularity;
    g->communities = rec->communities;
    g->cutoff = rec->cutoff;
    g->samples = (size_t)rec->samples;
    g->full_nodes = rec->nnodes;
    g->full_edges = (size_t)rec->nedges;
    g->has_metrics = 1;
    g->cache = GIJI_CACHE_HIT;
    return 1;
}

/* The top cut of s straight from the facts, when the cache holds the whole
 * graph's metrics: the cached nodes are ranked as giji_graph_top_mixed
 * ranks the built graph's (the cache lists them in the graph's order, with
 * their metrics), and only the edges between the chosen nodes are counted
 * (graph_build_facts with a keep mask), instead of building every edge of
 * the whole graph to drop most of them: a briefing keeps 25 nodes of
 * thousands. The entry is the one the full path would use: same spec key
 * and content version, and every node it lists is in the facts, in the
 * graph's order (the full path also compares the edge count, which only
 * building every edge can tell; the key and version fix the graph). *done
 * is 0, with g empty, when the cache cannot answer; the caller then builds
 * the whole graph from the same facts. */
static int load_top_cached(giji_store *st, const giji_graph_spec *s, const giji_graph_facts *f,
                           giji_graph *g, int *done)
{
    *done = 0;
    giji_graph_init(g);
    char *key;
    int rc = giji_graph_spec_key(s, &key);
    if (rc)
        return rc;
    giji_metrics_cache_rec rec;
    int found = 0;
    rc = giji_store_metrics_cache_get(st, key, f->content_version, &rec, &found);
    free(key);
    if (rc || !found)
        return rc;
    /* the cached graph's nodes, enough of them for the ranking */
    giji_graph whole;
    giji_graph_init(&whole);
    unsigned char *top = NULL, *keep = NULL;
    size_t nslots = f->npersons + f->nentities + (s->attributed_only ? 0 : f->nmeetings);
    whole.nodes = calloc(rec.nnodes ? rec.nnodes : 1, sizeof *whole.nodes);
    keep = calloc(nslots ? nslots : 1, 1);
    if (!whole.nodes || !keep) {
        rc = GIJI_NOMEM();
        goto out;
    }
    whole.nnodes = rec.nnodes;
    whole.has_metrics = 1;
    for (size_t i = 0; i < rec.nnodes; i++) {
        whole.nodes[i].kind = (giji_node_kind)rec.nodes[i].kind;
        whole.nodes[i].id = rec.nodes[i].id;
        memcpy(whole.nodes[i].metric, rec.nodes[i].metric, sizeof whole.nodes[i].metric);
    }
    if ((rc = graph_top_mask(&whole, s->top, s->top_by, s->top_persons, &top)))
        goto out;
    /* every cached node must be one of the facts' (as the full path checks
     * every node against the graph it built), in the graph's order */
    size_t nkept = 0;
    for (size_t i = 0; i < rec.nnodes; i++) {
        size_t slot = slot_of(s, f, &rec.nodes[i]);
        if (slot == (size_t)-1 || (i && (rec.nodes[i].kind < rec.nodes[i - 1].kind ||
                                         (rec.nodes[i].kind == rec.nodes[i - 1].kind &&
                                          rec.nodes[i].id <= rec.nodes[i - 1].id))))
            goto out; /* not this graph's: build it whole */
        if (top[i]) {
            keep[slot] = 1;
            nkept++;
        }
    }
    if ((rc = graph_build_facts(s, f, keep, g)))
        goto out;
    *done = adopt_cached(g, &rec, top, nkept);
out:
    free(whole.nodes);
    free(top);
    free(keep);
    giji_metrics_cache_rec_free(&rec);
    return rc;
}

/* The top cut of s from the cache alone, when its entry has the counts
 * (schema 8): the cached nodes ranked as in load_top_cached, then only the
 * remarks that mention a kept entity read (giji_store_graph_facts_of), and
 * the kept nodes' edges counted from them, with the whole selection's
 * counts (each node's remarks, the selected remarks: the association
 * norm's) and meetings taken from the entry. Every edge of a cut without
 * projection has an entity end, so those remarks hold all of its edges.
 * The same graph as load_top_cached builds from the whole facts; at 10 MB
 * the briefing reads about a fifth of the rows. *done is 0, with g empty,
 * when the cache cannot answer. */
static int load_top_counted(giji_store *st, const giji_graph_spec *s, giji_graph *g, int *done)
{
    *done = 0;
    giji_graph_init(g);
    int rc = giji_graph_spec_check(s);
    if (rc)
        return rc;
    long long version = 0;
    char *key = NULL;
    giji_metrics_cache_rec rec;
    memset(&rec, 0, sizeof rec);
    int found = 0;
    rc = giji_store_content_version(st, &version);
    rc = rc ? rc : giji_graph_spec_key(s, &key);
    rc = rc ? rc : giji_store_metrics_cache_get(st, key, version, &rec, &found);
    free(key);
    if (rc || !found || !rec.has_counts) {
        giji_metrics_cache_rec_free(&rec);
        return rc;
    }
    giji_graph whole;
    giji_graph_init(&whole);
    unsigned char *top = NULL;
    long long *ids = NULL, *counts = NULL;
    size_t nkept = 0, nids[3] = {0, 0, 0};
    giji_graph_facts f;
    memset(&f, 0, sizeof f);
    whole.nodes = calloc(rec.nnodes ? rec.nnodes : 1, sizeof *whole.nodes);
    if (!whole.nodes) {
        rc = GIJI_NOMEM();
        goto out;
    }
    whole.nnodes = rec.nnodes;
    whole.has_metrics = 1;
    for (size_t i = 0; i < rec.nnodes; i++) {
        if (rec.nodes[i].kind < 0 || rec.nodes[i].kind > 2 ||
            (i && (rec.nodes[i].kind < rec.nodes[i - 1].kind ||
                   (rec.nodes[i].kind == rec.nodes[i - 1].kind && rec.nodes[i].id <= rec.nodes[i - 1].id))))
            goto out; /* not in the graph's order: build it whole */
        whole.nodes[i].kind = (giji_node_kind)rec.nodes[i].kind;
        whole.nodes[i].id = rec.nodes[i].id;
        memcpy(whole.nodes[i].metric, rec.nodes[i].metric, sizeof whole.nodes[i].metric);
    }
    if ((rc = graph_top_mask(&whole, s->top, s->top_by, s->top_persons, &top)))
        goto out;
    for (size_t i = 0; i < rec.nnodes; i++)
        if (top[i]) {
            nkept++;
            nids[rec.nodes[i].kind]++;
        }
    if (s->attributed_only && nids[GIJI_NODE_UNATTRIBUTED])
        goto out;
    /* the kept ids by kind, ascending (the cache's order), and their counts
     * in the slot order of the facts: persons, entities, meetings */
    ids = malloc((nkept ? nkept : 1) * sizeof *ids);
    counts = malloc((nkept ? nkept : 1) * sizeof *counts);
    if (!ids || !counts) {
        rc = GIJI_NOMEM();
        goto out;
    }
    size_t k = 0;
    for (size_t i = 0; i < rec.nnodes; i++)
        if (top[i]) {
            ids[k] = rec.nodes[i].id;
            counts[k++] = rec.nodes[i].remarks;
        }
    giji_remark_filter flt = {s->meetings, s->nmeetings, s->body, s->from, s->to, s->types};
    int answered = 0;
    rc = giji_store_graph_facts_of(st, &flt, ids, nids[0], ids + nids[0], nids[1], ids + nids[0] + nids[1],
                                   nids[2], &f, &answered);
    if (rc || !answered || f.content_version != rec.content_version ||
        f.npersons != nids[0] || f.nentities != nids[1] || f.nmeetings != nids[2])
        goto out;
    graph_counts cnt = {counts, rec.selected, rec.meetings, rec.nmeetings};
    unsigned char *keep = malloc(nkept ? nkept : 1);
    if (!keep) {
        rc = GIJI_NOMEM();
        goto out;
    }
    memset(keep, 1, nkept);
    rc = graph_build_counted(s, &f, keep, &cnt, g);
    free(keep);
    if (rc)
        goto out;
    *done = adopt_cached(g, &rec, top, nkept);
out:
    giji_graph_facts_free(&f);
    free(whole.nodes);
    free(top);
    free(ids);
    free(counts);
    giji_metrics_cache_rec_free(&rec);
    return rc;
}

int giji_graph_load(giji_store *st, const giji_graph_spec *s, giji_graph *g)
{
    giji_graph_init(g);
    /* a focus is cut from the whole graph's edges, and a projection counts
     * what persons (or entities) share through every node: both build the
     * whole graph */
    if (s->top == 0 || s->focus || s->project != GIJI_PROJECT_NONE) {
        int rc = giji_graph_build(st, s, g);
        rc = rc ? rc : giji_graph_metrics(st, s, g);
        rc = rc ? rc : giji_graph_top_mixed(g, s->top, s->top_by, s->top_persons);
        if (rc)
            giji_graph_free(g);
        return rc;
    }
    int done = 0;
    int rc = load_top_counted(st, s, g, &done);
    if (rc || done)
        return rc;
    giji_graph_facts f;
    rc = graph_read_facts(st, s, &f);
    rc = rc ? rc : load_top_cached(st, s, &f, g, &done);
    if (rc == GIJI_OK && !done) {
        rc = graph_build_facts(s, &f, NULL, g);
        rc = rc ? rc : giji_graph_metrics(st, s, g);
        rc = rc ? rc : giji_graph_top_mixed(g, s->top, s->top_by, s->top_persons);
    }
    giji_graph_facts_free(&f);
    if (rc)
        giji_graph_free(g);
    return rc;
}
