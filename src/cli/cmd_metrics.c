/*
 * cli/cmd_metrics.c — `giji metrics [graph options] [--sort M] [--top N]
 * [--format table|csv|json]`: every node of the graph with its degree,
 * strength, betweenness, harmonic closeness, eigenvector centrality,
 * PageRank and community, sorted by one of them; the graph's size,
 * modularity, whether betweenness was cut off, and whether the metrics came
 * from the cache. Output through cli/output.h.
 */
#include "cli/cli.h"
#include "cli/output.h"
#include "cli/spec.h"
#include "export/jsonw.h"
#include "export/numfmt.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_or_type(const giji_graph_node *n)
{
    if (n->kind == GIJI_NODE_ENTITY)
        return giji_entity_type_name(n->type);
    return n->kind == GIJI_NODE_PERSON ? "person" : "anonymous";
}

static const char *cache_name(giji_graph_cache c)
{
    switch (c) {
    case GIJI_CACHE_HIT: return "hit";
    case GIJI_CACHE_STORED: return "stored";
    case GIJI_CACHE_FAILED: return "failed";
    default: return "none";
    }
}

/* One line about the graph: sizes, communities, modularity, cutoff. */
static void summary(FILE *out, const char *prefix, const giji_graph *g)
{
    fprintf(out, "%s%zu nodes and %zu edges", prefix, g->full_nodes, g->full_edges);
    if (g->nnodes != g->full_nodes)
        fprintf(out, " (%zu nodes shown)", g->nnodes);
    fprintf(out, ", %lld communities, modularity %.4f\n", g->communities, g->modularity);
    giji_cli_graph_note(out, prefix, g);
}

static int write_table(const giji_graph *g, const size_t *order)
{
    static const giji_column cols[] = {
        {"NAME", 0, 12},
        {"TYPE", GIJI_COL_FIXED, 0},
        {"DEG", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"STR", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"BTW", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"HARM", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"EIG", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"PR", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"COMM", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
    };
    giji_table *t = giji_table_new(9, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < g->nnodes; i++) {
        const giji_graph_node *n = &g->nodes[order[i]];
        char v[7][32];
        snprintf(v[0], sizeof v[0], "%.0f", n->metric[GIJI_METRIC_DEGREE]);
        snprintf(v[1], sizeof v[1], "%.4g", n->metric[GIJI_METRIC_STRENGTH]);
        snprintf(v[2], sizeof v[2], "%.4f", n->metric[GIJI_METRIC_BETWEENNESS]);
        snprintf(v[3], sizeof v[3], "%.4f", n->metric[GIJI_METRIC_HARMONIC]);
        snprintf(v[4], sizeof v[4], "%.4f", n->metric[GIJI_METRIC_EIGENVECTOR]);
        snprintf(v[5], sizeof v[5], "%.4f", n->metric[GIJI_METRIC_PAGERANK]);
        snprintf(v[6], sizeof v[6], "%lld", n->community);
        const char *cells[] = {n->name, kind_or_type(n), v[0], v[1], v[2], v[3], v[4], v[5], v[6]};
        rc = giji_table_add(t, cells);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, giji_out_columns());
    giji_table_free(t);
    if (rc == 0 && g->nnodes) {
        summary(stdout, "", g);
        printf("DEG degree, STR strength, BTW betweenness, HARM harmonic closeness,\n"
               "EIG eigenvector, PR PageRank, COMM community (docs/graph-model.md#metrics)\n");
    }
    return rc;
}

static int write_csv(const giji_graph *g, const size_t *order)
{
    static const char *const header[] = {"id", "name", "kind", "type", "degree", "strength", "betweenness",
                                         "harmonic", "eigenvector", "pagerank", "community", "remarks"};
    int rc = giji_csv_row(stdout, header, 12);
    for (size_t i = 0; rc == 0 && i < g->nnodes; i++) {
        const giji_graph_node *n = &g->nodes[order[i]];
        char key[24], num[GIJI_NMETRICS][32], comm[24], rem[24];
        for (int m = 0; m < GIJI_NMETRICS; m++)
            giji_fmt_double(num[m], n->metric[m]);
        snprintf(comm, sizeof comm, "%lld", n->community);
        snprintf(rem, sizeof rem, "%lld", n->remarks);
        const char *f[] = {giji_graph_node_key(n, key), n->name, giji_node_kind_name(n->kind),
                           n->kind == GIJI_NODE_ENTITY ? giji_entity_type_name(n->type) : NULL,
                           num[0], num[1], num[2], num[3], num[4], num[5], comm, rem};
        rc = giji_csv_row(stdout, f, 12);
    }
    return rc;
}

static int write_json(const giji_graph *g, const size_t *order, const char *key, giji_metric sort)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "spec");               giji_jsonw_string(&w, key);
    giji_jsonw_key(&w, "content_version");    giji_jsonw_int(&w, g->content_version);
    giji_jsonw_key(&w, "nodes");              giji_jsonw_int(&w, (long long)g->full_nodes);
    giji_jsonw_key(&w, "edges");              giji_jsonw_int(&w, (long long)g->full_edges);
    giji_jsonw_key(&w, "communities");        giji_jsonw_int(&w, g->communities);
    giji_jsonw_key(&w, "modularity");         giji_jsonw_double(&w, g->modularity);
    giji_jsonw_key(&w, "betweenness_cutoff");
    if (g->cutoff > 0) giji_jsonw_double(&w, g->cutoff); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "betweenness_samples");
    if (g->samples > 0) giji_jsonw_int(&w, (long long)g->samples); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "cache");              giji_jsonw_string(&w, cache_name(g->cache));
    giji_jsonw_key(&w, "sort");               giji_jsonw_string(&w, giji_metric_name(sort));
    giji_jsonw_key(&w, "rows");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < g->nnodes && !giji_jsonw_failed(&w); i++) {
        const giji_graph_node *n = &g->nodes[order[i]];
        char nk[24];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");      giji_jsonw_string(&w, giji_graph_node_key(n, nk));
        giji_jsonw_key(&w, "name");    giji_jsonw_string(&w, n->name);
        giji_jsonw_key(&w, "kind");    giji_jsonw_string(&w, giji_node_kind_name(n->kind));
        giji_jsonw_key(&w, "type");
        giji_jsonw_string(&w, n->kind == GIJI_NODE_ENTITY ? giji_entity_type_name(n->type) : NULL);
        for (int m = 0; m < GIJI_NMETRICS; m++) {
            giji_jsonw_key(&w, giji_metric_name((giji_metric)m));
            giji_jsonw_double(&w, n->metric[m]);
        }
        giji_jsonw_key(&w, "community"); giji_jsonw_int(&w, n->community);
        giji_jsonw_key(&w, "remarks");   giji_jsonw_int(&w, n->remarks);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    if (giji_jsonw_finish(&w) != GIJI_OK) {
        giji_cli_error();
        return -2; /* reported */
    }
    return 0;
}

typedef struct metrics_args {
    const char *format;
    giji_metric sort;
} metrics_args;

static int metrics_option(void *ctx, const char *name, const char *v)
{
    metrics_args *ma = ctx;
    if (strcmp(name, "--sort") != 0) {
        ma->format = v;
        return 0;
    }
    int m = giji_metric_parse(v);
    if (m < 0)
        return giji_cli_usage_error("metrics", "unknown metric '%s' (known: degree, strength, "
                                               "betweenness, harmonic, eigenvector, pagerank)", v);
    ma->sort = (giji_metric)m;
    return 0;
}

int cmd_metrics(int argc, char **argv)
{
    static const char *const opts[] = {"--format", "-f", "--sort"};
    metrics_args ma = {"table", GIJI_METRIC_PAGERANK};
    giji_cli_spec cs;
    giji_cli_spec_init(&cs);
    int rc = giji_cli_graph_args("metrics", argc, argv, &cs, opts, 3, metrics_option, &ma);
    const char *format = ma.format;
    giji_metric sort = ma.sort;
    giji_out_format fmt = GIJI_OUT_TABLE;
    if (rc == 0 && giji_out_format_parse(format, &fmt) != 0)
        rc = giji_cli_usage_error("metrics", "unknown format '%s' (known: table, csv, json)", format);
    /* --top without --by keeps the top rows of the sort */
    if (rc == 0 && !cs.by_given)
        cs.spec.top_by = sort;
    giji_store *st;
    if ((rc = giji_cli_spec_open("metrics", rc, &cs, &st)))
        return rc;
    giji_graph g;
    char *key = NULL;
    if (giji_graph_load(st, &cs.spec, &g) != GIJI_OK || giji_graph_spec_key(&cs.spec, &key) != GIJI_OK) {
        giji_cli_error();
        giji_graph_free(&g);
        giji_store_close(st);
        giji_cli_spec_free(&cs);
        return 1;
    }
    if (g.cache == GIJI_CACHE_FAILED)
        fprintf(stderr, "giji: warning: metrics not cached: %s\n", giji_error_message());
    giji_store_close(st);
    size_t *order = NULL;
    rc = giji_graph_rank(&g, sort, &order) == GIJI_OK ? 0 : -1;
    if (rc == 0)
        rc = fmt == GIJI_OUT_TABLE ? write_table(&g, order)
             : fmt == GIJI_OUT_CSV ? write_csv(&g, order)
                                   : write_json(&g, order, key, sort);
    if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        rc = -1;
    if (rc == -1)
        fprintf(stderr, "giji: error: standard output: write failed: %s\n",
                errno ? strerror(errno) : "out of memory");
    if (rc == 0 && fmt == GIJI_OUT_CSV)
        giji_cli_graph_note(stderr, "giji: note: ", &g);
    if (rc == 0 && g.nnodes == 0)
        fprintf(stderr, "giji: the graph is empty: no selected remark mentions a selected entity\n");
    free(order);
    free(key);
    giji_graph_free(&g);
    giji_cli_spec_free(&cs);
    return rc ? 1 : 0;
}
