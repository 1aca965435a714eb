/*
 * giji/render.h — relationship maps drawn with Graphviz (cgraph + gvc,
 * in-process): the whole map, and the 16:9 briefing preset for slides.
 *
 * Responsible for: turning a giji_graph (with metrics) into a Graphviz graph
 * with the visual encoding (node area by a metric, colour by type or
 * community, persons in their own shape, edge width by weight, legend,
 * caption), laying it out and writing SVG, PNG or PDF bytes; the SVG carries
 * ids, classes and tooltips for the HTML report.
 * Not responsible for: building the graph or its metrics (graph/), SQL
 * (store/), files or arguments (cli/).
 *
 * Only src/render/ talks to Graphviz. gvc is not thread-safe: render from one
 * thread at a time. One Graphviz context serves every call and lives until
 * the process ends (a fresh context per call trips a use-after-free in
 * Graphviz 2.43's pango plugin).
 *
 * The SVG contract the HTML report relies on (docs/render.md):
 *   - each drawn node is <g id="KEY" class="node KIND [type-T] [comm-N]"> where
 *     KEY is giji_graph_node_key() ("p12", "e103", "u5"), KIND is person,
 *     entity or unattributed, T the entity type name;
 *   - each drawn edge is <g id="SKEY--TKEY--KIND" class="edge KIND">, KIND
 *     raised, co-mention or shared, SKEY/TKEY the node keys of the edge's
 *     source and target as stored in the graph;
 *   - every node and edge has a tooltip (<title> / xlink:title);
 *   - the legend and caption are outside any node or edge group.
 */
#ifndef GIJI_RENDER_H
#define GIJI_RENDER_H

#include <stddef.h>
#include <stdio.h>
#include "giji/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum giji_render_format {
    GIJI_RENDER_SVG = 0,
    GIJI_RENDER_PNG,
    GIJI_RENDER_PDF,
    GIJI_RENDER_LAYOUT_JSON,     /* Graphviz's own JSON of the final layout with its
                                    drawing operations (xdot, text widths measured
                                    by pango): for tests and tools, not a picture */
    GIJI_RENDER_GV               /* the graph exactly as handed to the layout engine
                                    (DOT, before any layout): what `dot -K<layout>`
                                    would lay out; bench/render times Graphviz on it */
} giji_render_format;

typedef enum giji_render_preset {
    GIJI_PRESET_MAP = 0,         /* the whole graph, sized to fit it */
    GIJI_PRESET_BRIEFING         /* 16:9: 1920x1080 px PNG, 13.33x7.5 in PDF/SVG,
                                    at most GIJI_BRIEFING_NODES nodes */
} giji_render_preset;

#define GIJI_BRIEFING_NODES 25
#define GIJI_BRIEFING_PERSONS 8     /* of which at least this many persons, when the
                                       spec sets no top and the graph has raised edges */

typedef enum giji_render_color {
    GIJI_COLOR_TYPE = 0,         /* entity type (colour-blind-safe palette) */
    GIJI_COLOR_COMMUNITY
} giji_render_color;

typedef struct giji_render_opts {
    giji_render_format format;
    giji_render_preset preset;
    const char *layout;          /* sfdp, neato, fdp, dot or circo; NULL: the preset's */
    giji_metric size_by;         /* node area; default pagerank */
    giji_render_color color_by;
    size_t label_top;            /* label only the N highest by size_by; 0: the preset's */
    const char *title;           /* NULL: none */
    const char *caption;         /* the meetings and dates drawn from; NULL: none */
} giji_render_opts;

void giji_render_opts_init(giji_render_opts *o);

/* Names: "svg", "png", "pdf", "layout-json"; "map", "briefing"; "type", "community".
 * parse returns the value or -1. format_from_path looks at the extension
 * (case-insensitive), -1 when it names no format. */
int giji_render_format_parse(const char *name);
int giji_render_format_from_path(const char *path);
int giji_render_preset_parse(const char *name);
int giji_render_color_parse(const char *name);

/* Draw g (metrics computed; for the briefing preset already cut to its
 * nodes) as o says. *out (length *len, NUL-terminated for SVG) is the
 * caller's to free. An empty graph is GIJI_EINVAL with a message saying so;
 * a format Graphviz cannot write (plugins not registered) is an error naming
 * it. */
int giji_render_graph(const giji_graph *g, const giji_render_opts *o, char **out, size_t *len);
/* The same, written to f as Graphviz produces it, without holding the
 * drawing in memory (125 MB of SVG for a map of 250,000 edges). On failure
 * part of the drawing may have been written. */
int giji_render_graph_to(const giji_graph *g, const giji_render_opts *o, FILE *f);

/* The caption for the graph spec: the meetings it draws from, with bodies and
 * dates ("サイバーセキュリティ戦略本部 2017-01-25 (第11回); ...", shortened
 * to a range and a count when there are many). *out is the caller's to free. */
int giji_render_caption(giji_store *st, const giji_graph_spec *s, char **out);
/* The same for a graph built from s (giji_graph_build or giji_graph_load):
 * from the meetings it keeps (g->meetings) instead of reading the graph's
 * facts a second time. *out is the caller's to free. */
int giji_render_caption_graph(giji_store *st, const giji_graph_spec *s, const giji_graph *g, char **out);

#ifdef __cplusplus
}
#endif

#endif
