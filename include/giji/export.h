/*
 * giji/export.h — writers for the stored corpus and its graph. Escaping for
 * each output format lives here, once. Formats documented in
 * docs/export-json.md and docs/graph-model.md.
 */
#ifndef GIJI_EXPORT_H
#define GIJI_EXPORT_H

#include <stdio.h>
#include "giji/graph.h"
#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the JSON export format (top-level "version"). */
#define GIJI_EXPORT_JSON_VERSION 1

/* Write the whole database as one JSON document to `out`, meeting by
 * meeting (memory stays bounded by the largest meeting), all read from one
 * snapshot of the database. Output is deterministic for a given database.
 * On failure (GIJI_EDB, GIJI_EIO, GIJI_ENOMEM) part of a document may have
 * been written: the caller should discard it (write to a temporary file and
 * rename on success). */
int giji_export_json(giji_store *st, FILE *out);

/* ---- the graph (giji/graph.h; formats in docs/graph-model.md#exports) ---- */

/* Version of the JSON graph format (top-level "version"). */
#define GIJI_EXPORT_GRAPH_JSON_VERSION 1

/* The graph with every node and edge attribute (and its metrics when it has
 * them). spec_key (giji_graph_spec_key; may be NULL) is written into the
 * document so that a file says how it was made. Node ids are
 * giji_graph_node_key ("p4", "e103", "u2"). GraphML: edgedefault undirected,
 * remark ids as a space-separated string, loadable by Gephi, Cytoscape and
 * igraph. DOT: an undirected "graph"; dot's own `weight` is the edge's
 * count (dot wants whole numbers), the weight is `edge_weight`. JSON: one
 * object with "nodes" and "edges". CSV: two tables, RFC 4180 with CRLF and
 * a header line. Deterministic; GIJI_EIO when writing fails. */
int giji_export_graphml(const giji_graph *g, const char *spec_key, FILE *out);
int giji_export_dot(const giji_graph *g, const char *spec_key, FILE *out);
int giji_export_graph_json(const giji_graph *g, const char *spec_key, FILE *out);
int giji_export_graph_csv_nodes(const giji_graph *g, FILE *out);
int giji_export_graph_csv_edges(const giji_graph *g, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
