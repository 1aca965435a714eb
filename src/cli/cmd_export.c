/*
 * cli/cmd_export.c — `giji export [--format json] [-o FILE]`: the database
 * as one JSON document (docs/export-json.md); and `giji export --format
 * graphml|dot|csv|json-graph [graph options] [-o FILE]`: the cross-
 * reference graph with its metrics (docs/graph-model.md#exports). CSV is two
 * tables: with -o FILE they go to FILE-nodes.csv and FILE-edges.csv (a
 * trailing ".csv" of FILE dropped), on standard output one after the other,
 * separated by an empty line.
 */
#include "cli/cli.h"
#include "cli/outfile.h"
#include "cli/spec.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FMT_JSON, FMT_GRAPHML, FMT_DOT, FMT_CSV, FMT_JSON_GRAPH };
static const char *const format_names[] = {"json", "graphml", "dot", "csv", "json-graph"};

/* FILE-nodes.csv / FILE-edges.csv, without a trailing .csv of FILE. */
static void csv_path(char *buf, size_t size, const char *output, const char *which)
{
    size_t len = strlen(output);
    if (len > 4 && !strcmp(output + len - 4, ".csv"))
        len -= 4;
    snprintf(buf, size, "%.*s-%s.csv", (int)len, output, which);
}

static int export_csv(const giji_graph *g, const char *output)
{
    if (!output) {
        int rc = giji_export_graph_csv_nodes(g, stdout);
        if (rc) {
            giji_cli_error();
            return 1;
        }
        if (fputs("\r\n", stdout) == EOF) {
            fprintf(stderr, "giji: error: standard output: write failed: %s\n", strerror(errno));
            return 1;
        }
        if ((rc = giji_export_graph_csv_edges(g, stdout)))
            giji_cli_error();
        return rc ? 1 : 0;
    }
    char paths[2][4096];
    csv_path(paths[0], sizeof paths[0], output, "nodes");
    csv_path(paths[1], sizeof paths[1], output, "edges");
    for (int t = 0; t < 2; t++) {
        giji_outfile out;
        if (giji_outfile_open(&out, paths[t]) != 0)
            return 1;
        int rc = t == 0 ? giji_export_graph_csv_nodes(g, out.f) : giji_export_graph_csv_edges(g, out.f);
        if (rc)
            giji_cli_error();
        if (giji_outfile_close(&out, rc != 0) != 0)
            return 1;
    }
    return 0;
}

static int export_graph(giji_store *st, int fmt, giji_cli_spec *cs, const char *output)
{
    giji_graph g;
    char *key = NULL;
    if (giji_graph_load(st, &cs->spec, &g) != GIJI_OK || giji_graph_spec_key(&cs->spec, &key) != GIJI_OK) {
        giji_cli_error();
        giji_graph_free(&g);
        return 1;
    }
    if (g.cache == GIJI_CACHE_FAILED)
        fprintf(stderr, "giji: warning: metrics not cached: %s\n", giji_error_message());
    giji_cli_graph_note(stderr, "giji: note: ", &g);
    if (g.nnodes == 0)
        fprintf(stderr, "giji: the graph is empty: no selected remark mentions a selected entity\n");
    int rc;
    if (fmt == FMT_CSV) {
        rc = export_csv(&g, output);
    } else {
        giji_outfile out;
        if (giji_outfile_open(&out, output) != 0) {
            rc = 1;
        } else {
            int e = fmt == FMT_GRAPHML ? giji_export_graphml(&g, key, out.f)
                    : fmt == FMT_DOT   ? giji_export_dot(&g, key, out.f)
                                       : giji_export_graph_json(&g, key, out.f);
            if (e)
                giji_cli_error();
            rc = giji_outfile_close(&out, e != 0) != 0 || e ? 1 : 0;
        }
    }
    free(key);
    giji_graph_free(&g);
    return rc;
}

/* -o and --format: the command's own options, after the graph's */
typedef struct file_args {
    const char *output, *format;
} file_args;

static int file_option(void *ctx, const char *name, const char *v)
{
    file_args *fa = ctx;
    if (!strcmp(name, "-o"))
        fa->output = v;
    else
        fa->format = v;
    return 0;
}

int cmd_export(int argc, char **argv)
{
    static const char *const opts[] = {"--format", "-f", "-o"};
    file_args fa = {NULL, NULL};
    giji_cli_spec cs;
    giji_cli_spec_init(&cs);
    int rc = giji_cli_graph_args("export", argc, argv, &cs, opts, 3, file_option, &fa);
    const char *format = fa.format, *output = fa.output;
    int fmt = -1;
    for (int k = 0; rc == 0 && k < 5; k++)
        if (!strcmp(format ? format : "json", format_names[k]))
            fmt = k;
    if (rc == 0 && fmt < 0)
        rc = giji_cli_usage_error("export", "unknown format '%s' (known: json, graphml, dot, csv, json-graph)",
                                  format);
    if (rc == 0 && fmt == FMT_JSON && cs.any)
        rc = giji_cli_usage_error("export", "graph options need a graph format (graphml, dot, csv, "
                                            "json-graph); --format json is the whole database");
    if (rc == 0 && fmt != FMT_JSON)
        rc = giji_cli_spec_finish("export", &cs);
    if (rc) {
        giji_cli_spec_free(&cs);
        return rc;
    }

    if (access(giji_opts.db, F_OK) != 0) {
        fprintf(stderr, "giji: error: %s: no database there (run 'giji ingest FILE...' first)\n",
                giji_opts.db);
        giji_cli_spec_free(&cs);
        return 1;
    }
    giji_store *st = NULL;
    if (giji_store_open(giji_opts.db, &st) != GIJI_OK) {
        giji_cli_error();
        giji_cli_spec_free(&cs);
        return 1;
    }
    if (fmt != FMT_JSON) {
        rc = export_graph(st, fmt, &cs, output);
    } else {
        giji_outfile out;
        if (giji_outfile_open(&out, output) != 0) {
            rc = 1;
        } else {
            rc = giji_export_json(st, out.f);
            if (rc)
                giji_cli_error();
            if (giji_outfile_close(&out, rc != 0) != 0)
                rc = rc ? rc : 1;
        }
    }
    giji_store_close(st);
    giji_cli_spec_free(&cs);
    return rc ? 1 : 0;
}
