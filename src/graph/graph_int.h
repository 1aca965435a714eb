/*
 * graph/graph_int.h — what the graph's source files share: a hash map from
 * node pairs to edge indices, canonical ordering, and subgraphs. Private to
 * src/graph/.
 */
#ifndef GIJI_GRAPH_INT_H
#define GIJI_GRAPH_INT_H

#include <stddef.h>
#include <stdint.h>

#include "giji/graph.h"
#include "giji/store.h"

/* Open addressing, linear probing, power-of-two capacity, load <= 1/2.
 * Keys are (a, b) node index pairs packed in 64 bits; a zeroed map is
 * empty and valid. */
typedef struct pair_map {
    uint64_t *keys;   /* key + 1; 0 marks a free slot */
    size_t *vals;
    size_t cap, n;
} pair_map;

static inline uint64_t pair_key(size_t a, size_t b)
{
    return ((uint64_t)a << 32) | (uint64_t)b;
}

/* The value for key, or (size_t)-1. */
size_t pair_map_get(const pair_map *m, uint64_t key);
/* Insert key -> val unless present. *val_out receives the value stored for
 * the key (val if new); *is_new says which. GIJI_OK or GIJI_ENOMEM. */
int pair_map_put(pair_map *m, uint64_t key, size_t val, size_t *val_out, int *is_new);
void pair_map_free(pair_map *m);

/* Put the graph in its canonical order: nodes by (kind, id), edges by
 * (smaller endpoint, larger endpoint, kind), endpoints remapped. */
int graph_sort(giji_graph *g);

/* Keep the nodes with keep[i] set and the edges whose both ends are kept
 * (and, when edge_keep is given, edge_keep[e] is set); with drop_isolated,
 * also drop the kept nodes that are left without an edge. Order is kept. */
int graph_subgraph(giji_graph *g, const unsigned char *keep, const unsigned char *edge_keep,
                   int drop_isolated);

/* The facts the graph of s is built from (giji_store_graph_facts with the
 * spec's selection), after checking the spec. Free with
 * giji_graph_facts_free; left empty on failure. */
int graph_read_facts(giji_store *st, const giji_graph_spec *s, giji_graph_facts *f);

/* The graph of s from facts f (no focus, no metrics). keep NULL: every node
 * some edge touches. keep given (one flag per slot: f's persons, then its
 * entities, then, unless attributed_only, its meetings' unattributed
 * nodes): only the flagged nodes, isolated or not, and only the edges
 * between them, counted without the others: what a top cut of the whole
 * graph leaves. g->meetings is f's meetings. g is initialised first and
 * left empty on failure. */
int graph_build_facts(const giji_graph_spec *s, const giji_graph_facts *f, const unsigned char *keep,
                      giji_graph *g);

/* What graph_build_counted takes instead of counting it from the facts,
 * when the facts hold only the remarks of some nodes (a cached top cut,
 * load.c): the remarks behind each slot of the facts (persons, entities,
 * then unattributed meetings), the selected remarks, and the meetings the
 * whole selection draws from (g->meetings). */
typedef struct graph_counts {
    const long long *slot_remarks;
    long long selected;
    const long long *meetings;
    size_t nmeetings;
} graph_counts;

/* graph_build_facts with the counts of cnt. */
int graph_build_counted(const giji_graph_spec *s, const giji_graph_facts *f, const unsigned char *keep,
                        const graph_counts *cnt, giji_graph *g);

/* The top cut's choice (giji_graph_top_mixed) as flags over g's nodes:
 * *keep (g->nnodes) is the caller's to free. */
int graph_top_mask(const giji_graph *g, size_t n, giji_metric m, size_t persons, unsigned char **keep);

#endif
