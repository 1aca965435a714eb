/*
 * giji/report.h — the HTML report: one self-contained file to explore a
 * corpus without a terminal (giji report, docs/report.md).
 *
 * Responsible for: gathering what the report shows (the graph of a spec with
 * its metrics, the remarks behind every drawn node and edge with
 * keyword-in-context excerpts and provenance, the persons x entities matrix,
 * the meetings with attendees and top entities), embedding it as JSON in the
 * page, the map from render/ as inline SVG, and the page's own script and
 * style sheet (src/report/report.{html,css,js}, embedded at build time).
 * Not responsible for: SQL (store/), building the graph (graph/), drawing
 * the map (render/), escaping (export/), files or arguments (cli/).
 *
 * Safety: every string from the minutes reaches the page escaped for its
 * context (export/escape.h for HTML text and attributes, the JSON writer for
 * the embedded data, Graphviz's XML escaping for the SVG); the page's script
 * only ever assigns textContent; a Content-Security-Policy lets nothing but
 * the page's own script (by hash) run and nothing be fetched.
 */
#ifndef GIJI_REPORT_H
#define GIJI_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "giji/graph.h"
#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Defaults of giji_report_opts_init. */
#define GIJI_REPORT_TOP 60              /* nodes drawn when the spec sets no top */
#define GIJI_REPORT_PERSONS 15          /* ... of which at least this many persons */
#define GIJI_REPORT_MATRIX_PERSONS 30
#define GIJI_REPORT_MATRIX_ENTITIES 15
#define GIJI_REPORT_LIST_MAX 100        /* remarks listed per node, edge or cell */
#define GIJI_REPORT_TEXT_BUDGET (4u << 20) /* bytes of full remark text embedded */

typedef struct giji_report_opts {
    const char *title;          /* NULL: "giji report" */
    size_t matrix_persons;      /* rows of the who-raised-what matrix */
    size_t matrix_entities;     /* its columns: the entities ranked highest */
    size_t list_max;            /* remarks listed behind each node, edge, cell;
                                   the counts are always complete */
    size_t text_budget;         /* full texts are embedded while their total stays
                                   under this; beyond it only excerpts (the report
                                   says so); 0: excerpts only */
} giji_report_opts;

void giji_report_opts_init(giji_report_opts *o);

/* Write the report of the graph `s` describes (built with giji_graph_load;
 * s->top 0 draws the GIJI_REPORT_TOP nodes ranked highest by s->top_by) as
 * one HTML document to `out`. An empty selection gives a report that says
 * so. Errors: those of the graph and the store, GIJI_EIO when writing fails,
 * GIJI_EINVAL when the map cannot be drawn; the last error says which. */
int giji_report_write(giji_store *st, const giji_graph_spec *s, const giji_report_opts *o,
                      FILE *out);

/* Write the SVG produced by render/ for inclusion inside an HTML document:
 * from its <svg element on (no XML declaration or DOCTYPE), without
 * comments, and refused (GIJI_EINVAL) when it holds anything but drawing
 * markup: <script>, <foreignObject>, on* event attributes, or javascript:
 * links. Exposed for the tests. */
int giji_report_svg_inline(FILE *out, const char *svg, size_t len);

#ifdef __cplusplus
}
#endif
#endif
