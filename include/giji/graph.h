/*
 * giji/graph.h — the cross-reference graph: who raised which entity, which
 * entities are mentioned together, and the measures computed on it.
 *
 * Responsible for: the graph specification shared by every command that
 * builds a graph (giji_graph_spec), building the graph from the stored
 * remarks and mentions (nodes: persons, entities and one "unattributed"
 * node per meeting; edges: raised, co-mention, shared — each with the ids of
 * the remarks behind it), the metrics (igraph: degree, strength,
 * betweenness, harmonic closeness, eigenvector centrality, PageRank, Leiden
 * communities and modularity) and their cache in the database.
 * Not responsible for: SQL (store/, through giji_store_graph_facts and the
 * metrics cache functions), output formats (export/) or arguments (cli/).
 * The model and every definition: docs/graph-model.md.
 *
 * Only src/graph/ talks to igraph. igraph 0.10 as packaged is not
 * thread-safe: call the metric functions from one thread at a time.
 */
#ifndef GIJI_GRAPH_H
#define GIJI_GRAPH_H

#include <stddef.h>
#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- names -------------------------------------------------------------- */

typedef enum giji_graph_edges {
    GIJI_GRAPH_RAISED = 1,       /* person -> entity */
    GIJI_GRAPH_COMENTION = 2,    /* entity -- entity */
    GIJI_GRAPH_BOTH = 3
} giji_graph_edges;

typedef enum giji_graph_projection {
    GIJI_PROJECT_NONE = 0,
    GIJI_PROJECT_PERSONS,        /* persons linked by the entities they both raised */
    GIJI_PROJECT_ENTITIES        /* entities linked by the speakers who raised both */
} giji_graph_projection;

typedef enum giji_graph_norm {
    GIJI_NORM_COUNT = 0,         /* weight = count */
    GIJI_NORM_JACCARD,           /* count / (n_a + n_b - count) */
    GIJI_NORM_ASSOCIATION        /* count * N / (n_a * n_b) */
} giji_graph_norm;

typedef enum giji_metric {
    GIJI_METRIC_DEGREE = 0,
    GIJI_METRIC_STRENGTH,
    GIJI_METRIC_BETWEENNESS,
    GIJI_METRIC_HARMONIC,
    GIJI_METRIC_EIGENVECTOR,
    GIJI_METRIC_PAGERANK,
    GIJI_NMETRICS
} giji_metric;

typedef enum giji_node_kind {
    GIJI_NODE_PERSON = 0,
    GIJI_NODE_ENTITY,
    GIJI_NODE_UNATTRIBUTED       /* the anonymous remarks of one meeting */
} giji_node_kind;

typedef enum giji_edge_kind {
    GIJI_EDGE_RAISED = 0,
    GIJI_EDGE_COMENTION,
    GIJI_EDGE_SHARED             /* an edge of a one-mode projection */
} giji_edge_kind;

/* Names as the command line and the exports write them: "raised",
 * "co-mention", "both"; "none", "persons", "entities"; "count", "jaccard",
 * "association"; "degree", "strength", "betweenness", "harmonic",
 * "eigenvector", "pagerank"; "person", "entity", "unattributed"; "raised",
 * "co-mention", "shared". Static strings, "?" when out of range. The parse
 * functions return the value for a name, or -1. */
const char *giji_graph_edges_name(giji_graph_edges e);
int giji_graph_edges_parse(const char *name);
const char *giji_graph_projection_name(giji_graph_projection p);
int giji_graph_projection_parse(const char *name);
const char *giji_graph_norm_name(giji_graph_norm n);
int giji_graph_norm_parse(const char *name);
const char *giji_metric_name(giji_metric m);
int giji_metric_parse(const char *name);
const char *giji_node_kind_name(giji_node_kind k);
const char *giji_edge_kind_name(giji_edge_kind k);

/* ---- the specification ------------------------------------------------- */

/* betweenness_cutoff: let the size of the graph decide (see
 * giji_graph_compute_metrics). */
#define GIJI_CUTOFF_AUTO (-1.0)

/* Which graph to build. Strings and the meeting array are borrowed: they
 * must outlive the calls that use the spec. */
typedef struct giji_graph_spec {
    const long long *meetings;   /* only these meetings (ids); nmeetings 0: all */
    size_t nmeetings;
    const char *body;            /* only meetings of this body, or of bodies under it
                                    (meetings.body or parent_body); NULL: any */
    const char *from, *to;       /* meeting dates, YYYY-MM-DD, inclusive; NULL: open.
                                    With either, meetings without a date are left out */
    unsigned types;              /* entity types: bit (1u << giji_entity_type); 0: all */
    giji_graph_edges edges;      /* default both; ignored by projections */
    double min_weight;           /* drop edges whose weight is below; default 0 */
    size_t top;                  /* keep the top N nodes by `top_by`; 0: all */
    giji_metric top_by;          /* default pagerank */
    size_t top_persons;          /* with top: at least this many of the N are persons
                                    (the highest-ranked persons), when the graph has
                                    them; 0: rank alone decides (default) */
    const char *focus;           /* ego network around the node(s) of this name; NULL: none */
    int depth;                   /* hops from the focus, >= 0; default 1 */
    giji_graph_projection project;
    int attributed_only;         /* leave anonymous remarks out (no unattributed nodes) */
    giji_graph_norm norm;        /* of co-mention and shared edges */
    double cutoff;               /* betweenness and harmonic closeness: GIJI_CUTOFF_AUTO
                                    (default: exact, or estimated from sampled sources on
                                    a large graph), 0 (exact), or the longest path
                                    considered (distance units, distance = 1/weight) */
    size_t samples;              /* estimate betweenness and harmonic closeness from this
                                    many sampled source nodes; 0: as cutoff says */
} giji_graph_spec;

/* The defaults: everything selected, both kinds of edges, count weights,
 * depth 1, top by PageRank, automatic cutoff. */
void giji_graph_spec_init(giji_graph_spec *s);

/* GIJI_EINVAL with a message for a spec that cannot be built: a date that is
 * not YYYY-MM-DD, from after to, an unknown type bit or enum value, a
 * negative depth or min_weight, a cutoff that is neither AUTO, 0 nor
 * positive, a cutoff together with samples, an empty body or focus. */
int giji_graph_spec_check(const giji_graph_spec *s);

/* The canonical text of everything that decides the graph the metrics are
 * computed on (all fields but top and top_by, meetings sorted and without
 * repeats, types in type order), e.g.
 * "giji-graph 1;meetings=;body=;from=;to=;types=law,topic;edges=both;..."
 * Two specs with the same key build the same graph from the same database.
 * The metrics cache is keyed by it. *out is the caller's to free. */
int giji_graph_spec_key(const giji_graph_spec *s, char **out);

/* ---- the graph value ------------------------------------------------------ */

typedef struct giji_graph_node {
    giji_node_kind kind;
    long long id;                /* persons.id, entities.id, or for an unattributed
                                    node the meetings.id */
    char *name;                  /* person: as first written ("菅 義偉"); entity: its
                                    canonical name; unattributed: "unattributed:
                                    BODY DATE" (or the source file name) */
    int type;                    /* entities: giji_entity_type; others -1 */
    long long remarks;           /* selected remarks behind the node: a speaker's remarks
                                    that mention a selected entity, or the remarks
                                    mentioning an entity */
    double metric[GIJI_NMETRICS];/* valid when the graph's has_metrics is set */
    long long community;         /* 0, 1, ...: Leiden community, numbered in node order */
} giji_graph_node;

typedef struct giji_graph_edge {
    giji_edge_kind kind;
    size_t source, target;       /* node indices; raised: the speaker, then the entity;
                                    otherwise source < target */
    double weight;               /* count, or normalised (spec norm) */
    long long count;             /* raised, co-mention: remarks; shared: entities in
                                    common (persons) or speakers in common (entities) */
    long long *remarks;          /* ids of the remarks behind the edge, ascending */
    size_t nremarks;
} giji_graph_edge;

typedef enum giji_graph_cache {
    GIJI_CACHE_NONE = 0,         /* metrics computed, no cache asked */
    GIJI_CACHE_HIT,              /* read from the cache */
    GIJI_CACHE_STORED,           /* computed and stored in the cache */
    GIJI_CACHE_FAILED            /* computed; storing failed (last error says why) */
} giji_graph_cache;

typedef struct giji_graph {
    /* Nodes ordered by kind (persons, entities, unattributed) then id; edges
     * by (smaller endpoint, larger endpoint, kind). */
    giji_graph_node *nodes;
    size_t nnodes;
    giji_graph_edge *edges;
    size_t nedges;
    long long content_version;   /* of the database it was built from */
    long long selected_remarks;  /* remarks of the selection that mention a selected
                                    entity (N of the association norm) */
    /* Metrics (giji_graph_compute_metrics / giji_graph_metrics): */
    int has_metrics;
    double modularity;           /* of the Leiden partition; 0 without edges */
    long long communities;       /* number of communities */
    double cutoff;               /* betweenness and harmonic closeness: 0 when no
                                    cutoff was used, else the cutoff */
    size_t samples;              /* ... estimated from this many sampled sources; 0 when
                                    computed from every node */
    giji_graph_cache cache;
    size_t full_nodes, full_edges; /* sizes the metrics were computed on (before top) */
    long long *meetings;         /* giji_graph_build: the meetings it was built from (those
                                    of the selection whose remarks mention a selected
                                    entity), ascending, before focus and top; what the
                                    map's caption names. Freed with the graph */
    size_t nmeetings;
    size_t node_cap, edge_cap;   /* private */
} giji_graph;

/* An empty graph. A zeroed giji_graph is one too. */
void giji_graph_init(giji_graph *g);
void giji_graph_free(giji_graph *g);

/* Building by hand (tests, tools). add_node copies name (may be NULL) and
 * stores the new node's index in *index (may be NULL). add_edge copies the
 * remark ids (sorted and made unique). Neither re-sorts the graph. */
int giji_graph_add_node(giji_graph *g, giji_node_kind kind, long long id, const char *name,
                        int type, long long remarks, size_t *index);
int giji_graph_add_edge(giji_graph *g, giji_edge_kind kind, size_t source, size_t target,
                        double weight, long long count, const long long *remarks, size_t n);

/* Build the graph `s` describes from the database (read in one snapshot):
 * the selection, the edges and weights, min_weight, then the focus. No
 * metrics, no top cut. A meeting id that does not exist, or a focus that
 * names no node of the graph, is GIJI_ENOTFOUND. *g is initialised first
 * and left empty on failure. */
int giji_graph_build(giji_store *st, const giji_graph_spec *s, giji_graph *g);

/* Compute every metric with igraph (no cache), treating the graph as
 * undirected. cutoff and samples as in the spec. With GIJI_CUTOFF_AUTO and
 * no samples, betweenness and harmonic closeness are exact while nodes *
 * edges <= GIJI_GRAPH_EXACT_WORK; on a larger graph they are estimated from
 * max(GIJI_GRAPH_MIN_SAMPLES, GIJI_GRAPH_SAMPLE_WORK / edges) source nodes
 * (fewer than half the nodes) drawn with a fixed seed, each a full
 * shortest-path pass, so the work stays near the budget. g->cutoff and
 * g->samples say what was done. Communities: Leiden, modularity objective.
 * Every random choice is seeded with GIJI_GRAPH_SEED. */
#define GIJI_GRAPH_EXACT_WORK 1e8
#define GIJI_GRAPH_SAMPLE_WORK 5e7
#define GIJI_GRAPH_MIN_SAMPLES 16
#define GIJI_GRAPH_SEED 20170125u
int giji_graph_compute_metrics(giji_graph *g, double cutoff, size_t samples);

/* The metrics of the graph built from `s`, from the cache when it holds
 * them for this spec key and the database's content_version (and the same
 * nodes), else computed and stored. A failure to store is not an error:
 * g->cache is GIJI_CACHE_FAILED and the last error tells why. */
int giji_graph_metrics(giji_store *st, const giji_graph_spec *s, giji_graph *g);

/* Node indices ordered by metric m, highest first, ties in node order.
 * *order (n = g->nnodes) is the caller's to free. */
int giji_graph_rank(const giji_graph *g, giji_metric m, size_t **order);

/* Keep the n nodes ranked highest by m (n = 0 or n >= nnodes: all) and the
 * edges between them. Metrics stay those of the whole graph. */
int giji_graph_top(giji_graph *g, size_t n, giji_metric m);

/* The same, but at least `persons` of the n (or as many as there are) are
 * the highest-ranked person nodes: in a graph of both kinds, entities
 * usually outrank every person, and a figure about who raised what needs
 * its speakers. The other places go by rank alone. */
int giji_graph_top_mixed(giji_graph *g, size_t n, giji_metric m, size_t persons);

/* build + metrics (cached) + top: what every graph command runs. */
int giji_graph_load(giji_store *st, const giji_graph_spec *s, giji_graph *g);

/* A node's key in every export: "p" (person), "e" (entity) or "u"
 * (unattributed) followed by its id ("e103"). buf holds at least 24 bytes. */
const char *giji_graph_node_key(const giji_graph_node *n, char buf[24]);

#ifdef __cplusplus
}
#endif
#endif
