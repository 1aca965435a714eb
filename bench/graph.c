/*
 * bench/graph.c — giji-bench-graph: how long the cross-reference graph takes
 * on a stored corpus (docs/graph-model.md#performance).
 *
 *   giji-bench-graph DB [--year YYYY] [--body NAME] [--focus NAME]
 *
 * For a fixed list of graph specifications (the whole corpus with each kind
 * of edge, entity types, a projection, a focus, and with --year/--body a
 * year's and a body's meetings) it times, separately: building the graph
 * (SQL reads and edge counting), computing every metric with igraph (no
 * cache), and loading it as a command does with the cache warm. Prints one
 * CSV line per spec: spec,nodes,edges,sampled_sources,build_s,metrics_s,
 * cached_s,peak_rss_mb. The database is opened read-write (the warm run
 * stores metrics in its cache): point it at a copy.
 *
 * Not part of giji: a tool of bench/, using only the public API.
 */
#define _POSIX_C_SOURCE 200809L
#include "giji/giji.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

typedef struct bench_spec {
    const char *name;
    giji_graph_spec spec;
} bench_spec;

static int run(giji_store *st, const bench_spec *b)
{
    giji_graph g;
    double t0 = now();
    if (giji_graph_build(st, &b->spec, &g) != GIJI_OK) {
        fprintf(stderr, "%s: %s\n", b->name, giji_error_message());
        return 1;
    }
    double t1 = now();
    if (giji_graph_compute_metrics(&g, b->spec.cutoff, b->spec.samples) != GIJI_OK) {
        fprintf(stderr, "%s: %s\n", b->name, giji_error_message());
        giji_graph_free(&g);
        return 1;
    }
    double t2 = now();
    size_t nodes = g.nnodes, edges = g.nedges, samples = g.samples;
    giji_graph_free(&g);
    /* as a command runs it: once to fill the cache, then timed warm */
    if (giji_graph_load(st, &b->spec, &g) != GIJI_OK) {
        fprintf(stderr, "%s: %s\n", b->name, giji_error_message());
        return 1;
    }
    giji_graph_free(&g);
    double t3 = now();
    if (giji_graph_load(st, &b->spec, &g) != GIJI_OK) {
        fprintf(stderr, "%s: %s\n", b->name, giji_error_message());
        return 1;
    }
    double t4 = now();
    if (g.cache != GIJI_CACHE_HIT)
        fprintf(stderr, "%s: warning: the warm run was not a cache hit\n", b->name);
    giji_graph_free(&g);
    printf("%s,%zu,%zu,%zu,%.2f,%.2f,%.2f,%.0f\n", b->name, nodes, edges, samples, t1 - t0, t2 - t1, t4 - t3,
           peak_mb());
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: giji-bench-graph DB [--year YYYY] [--body NAME] [--focus NAME]\n");
        return 2;
    }
    const char *year = NULL, *body = NULL, *focus = "経済産業省";
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--year"))
            year = argv[i + 1];
        else if (!strcmp(argv[i], "--body"))
            body = argv[i + 1];
        else if (!strcmp(argv[i], "--focus"))
            focus = argv[i + 1];
        else {
            fprintf(stderr, "giji-bench-graph: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    giji_store *st;
    if (giji_store_open(argv[1], &st) != GIJI_OK) {
        fprintf(stderr, "giji-bench-graph: %s\n", giji_error_message());
        return 1;
    }
    char from[16], to[16];
    bench_spec specs[12];
    size_t n = 0;
#define ADD(label) (giji_graph_spec_init(&specs[n].spec), specs[n].name = (label), &specs[n++].spec)
    giji_graph_spec *s;
    ADD("all, both");
    s = ADD("all, raised");
    s->edges = GIJI_GRAPH_RAISED;
    s = ADD("all, co-mention association >= 2");
    s->edges = GIJI_GRAPH_COMENTION;
    s->norm = GIJI_NORM_ASSOCIATION;
    s->min_weight = 2;
    s = ADD("ministry+law, raised, attributed");
    s->edges = GIJI_GRAPH_RAISED;
    s->types = (1u << GIJI_ENT_MINISTRY) | (1u << GIJI_ENT_LAW);
    s->attributed_only = 1;
    s = ADD("entities projection, ministry, attributed");
    s->project = GIJI_PROJECT_ENTITIES;
    s->types = 1u << GIJI_ENT_MINISTRY;
    s->attributed_only = 1;
    s = ADD("focus, raised, depth 1");
    s->edges = GIJI_GRAPH_RAISED;
    s->focus = focus;
    if (year) {
        snprintf(from, sizeof from, "%.4s-01-01", year);
        snprintf(to, sizeof to, "%.4s-12-31", year);
        s = ADD("one year, both");
        s->from = from;
        s->to = to;
        s = ADD("one year, persons projection, attributed");
        s->from = from;
        s->to = to;
        s->project = GIJI_PROJECT_PERSONS;
        s->attributed_only = 1;
    }
    if (body) {
        s = ADD("one body, both");
        s->body = body;
    }
#undef ADD
    giji_store_stats stats;
    if (giji_store_stats_get(st, &stats) == GIJI_OK)
        printf("# %s: %lld meetings, %lld remarks, %lld mentions, %lld entities, %lld persons\n", argv[1],
               stats.meetings, stats.remarks, stats.mentions, stats.entities, stats.persons);
    printf("spec,nodes,edges,sampled_sources,build_s,metrics_s,cached_s,peak_rss_mb\n");
    int rc = 0;
    for (size_t i = 0; i < n; i++)
        rc |= run(st, &specs[i]);
    giji_store_close(st);
    return rc;
}
