/*
 * graph/load.c — metrics through the cache, and the whole sequence every
 * graph command runs (build, metrics, top).
 *
 * The cache (store/graph.c, tables metrics_cache*) is keyed by the spec's
 * canonical key and the content_version the graph was built at. A cached
 * entry is used only when it lists the same nodes (kind and id, in order)
 * and the same number of edges as the graph just built; otherwise the
 * metrics are computed and the entry replaced.
 * Not responsible for computing metrics (metrics.c) or SQL (store/).
 */
#include "graph/graph_int.h"
#include "util/error.h"

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
    }
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

int giji_graph_load(giji_store *st, const giji_graph_spec *s, giji_graph *g)
{
    int rc = giji_graph_build(st, s, g);
    if (rc)
        return rc;
    rc = giji_graph_metrics(st, s, g);
    rc = rc ? rc : giji_graph_top_mixed(g, s->top, s->top_by, s->top_persons);
    if (rc)
        giji_graph_free(g);
    return rc;
}
