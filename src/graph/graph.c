/*
 * graph/graph.c — the graph value: adding nodes and edges, freeing, the
 * canonical order, subgraphs, ranking by a metric and the top cut, node
 * keys, and the pair map the builder counts edges with.
 * Not responsible for what the graph contains (build.c) or metrics
 * (metrics.c).
 */
#include "util/array.h"
#include "graph/graph_int.h"
#include "util/error.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pair map ------------------------------------------------------------ */

static size_t slot_of(uint64_t key, size_t cap)
{
    /* splitmix64 finaliser: node indices are small and dense */
    uint64_t z = key + 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (size_t)(z ^ (z >> 31)) & (cap - 1);
}

size_t pair_map_get(const pair_map *m, uint64_t key)
{
    if (!m->cap)
        return (size_t)-1;
    for (size_t i = slot_of(key, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == 0)
            return (size_t)-1;
        if (m->keys[i] == key + 1)
            return m->vals[i];
    }
}

static int pair_map_grow(pair_map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(ncap, sizeof *keys);
    size_t *vals = malloc(ncap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(m->keys[i] - 1, ncap);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return GIJI_OK;
}

int pair_map_put(pair_map *m, uint64_t key, size_t val, size_t *val_out, int *is_new)
{
    if ((m->n + 1) * 2 > m->cap) {
        int rc = pair_map_grow(m);
        if (rc)
            return rc;
    }
    size_t i = slot_of(key, m->cap);
    while (m->keys[i] && m->keys[i] != key + 1)
        i = (i + 1) & (m->cap - 1);
    if (m->keys[i]) {
        *val_out = m->vals[i];
        *is_new = 0;
        return GIJI_OK;
    }
    m->keys[i] = key + 1;
    m->vals[i] = val;
    m->n++;
    *val_out = val;
    *is_new = 1;
    return GIJI_OK;
}

void pair_map_free(pair_map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* ---- the value ------------------------------------------------------------ */

void giji_graph_init(giji_graph *g)
{
    memset(g, 0, sizeof *g);
}

void giji_graph_free(giji_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; g->nodes && i < g->nnodes; i++)
        free(g->nodes[i].name);
    free(g->nodes);
    for (size_t i = 0; g->edges && i < g->nedges; i++)
        free(g->edges[i].remarks);
    free(g->edges);
    free(g->meetings);
    giji_graph_init(g);
}

int giji_graph_add_node(giji_graph *g, giji_node_kind kind, long long id, const char *name, int type,
                        long long remarks, size_t *index)
{
    int rc = giji_array_grow(&g->nodes, &g->node_cap, g->nnodes, sizeof *g->nodes);
    if (rc)
        return rc;
    giji_graph_node *n = &g->nodes[g->nnodes];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->id = id;
    n->type = kind == GIJI_NODE_ENTITY ? type : -1;
    n->remarks = remarks;
    if (name && !(n->name = giji_strdup(name)))
        return GIJI_ENOMEM;
    if (index)
        *index = g->nnodes;
    g->nnodes++;
    return GIJI_OK;
}

int giji_graph_add_edge(giji_graph *g, giji_edge_kind kind, size_t source, size_t target, double weight,
                        long long count, const long long *remarks, size_t n)
{
    if (source >= g->nnodes || target >= g->nnodes || source == target)
        return giji_error_set(GIJI_EINVAL, "graph: edge %zu-%zu between nodes that do not exist (%zu nodes) "
                              "or from a node to itself", source, target, g->nnodes);
    int rc = giji_array_grow(&g->edges, &g->edge_cap, g->nedges, sizeof *g->edges);
    if (rc)
        return rc;
    giji_graph_edge *e = &g->edges[g->nedges];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->source = source;
    e->target = target;
    e->weight = weight;
    e->count = count;
    if (n) {
        if (!(e->remarks = malloc(n * sizeof *e->remarks)))
            return GIJI_NOMEM();
        memcpy(e->remarks, remarks, n * sizeof *e->remarks);
        qsort(e->remarks, n, sizeof *e->remarks, giji_cmp_ll);
        size_t k = 1;
        for (size_t i = 1; i < n; i++)
            if (e->remarks[i] != e->remarks[k - 1])
                e->remarks[k++] = e->remarks[i];
        e->nremarks = k;
    }
    g->nedges++;
    return GIJI_OK;
}

const char *giji_graph_node_key(const giji_graph_node *n, char buf[24])
{
    static const char prefix[] = {'p', 'e', 'u'};
    char c = (int)n->kind >= 0 && (int)n->kind < 3 ? prefix[n->kind] : 'x';
    snprintf(buf, 24, "%c%lld", c, n->id);
    return buf;
}

/* ---- order --------------------------------------------------------------- */

static int cmp_node(const giji_graph_node *a, const giji_graph_node *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* qsort cannot pass the graph: sort index arrays with a file-level pointer
 * instead (graph code runs on one thread; igraph already demands that). */
static const giji_graph *sort_graph;

static int cmp_node_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = cmp_node(&sort_graph->nodes[x], &sort_graph->nodes[y]);
    return c ? c : (x > y) - (x < y);
}

static void edge_ends(const giji_graph_edge *e, size_t *lo, size_t *hi)
{
    *lo = e->source < e->target ? e->source : e->target;
    *hi = e->source < e->target ? e->target : e->source;
}

static int cmp_edge(const void *a, const void *b)
{
    const giji_graph_edge *x = a, *y = b;
    size_t xl, xh, yl, yh;
    edge_ends(x, &xl, &xh);
    edge_ends(y, &yl, &yh);
    if (xl != yl)
        return xl < yl ? -1 : 1;
    if (xh != yh)
        return xh < yh ? -1 : 1;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* Edges by (smaller end, larger end, kind): an LSD radix sort of packed
 * keys (ends below 2^31 each, kind in the low 2 bits), then one
 * permutation of the edge structs. Several times faster than qsort on
 * millions of edges. Falls back to qsort for larger node counts. */
static int sort_edges(giji_graph *g)
{
    size_t m = g->nedges;
    if (m < 2)
        return GIJI_OK;
    if (g->nnodes >= ((size_t)1 << 31) || m < 64) {
        qsort(g->edges, m, sizeof *g->edges, cmp_edge);
        return GIJI_OK;
    }
    typedef struct { uint64_t key; size_t idx; } item;
    item *a = malloc(m * sizeof *a), *t = malloc(m * sizeof *t);
    giji_graph_edge *sorted = malloc(m * sizeof *sorted);
    if (!a || !t || !sorted) {
        free(a);
        free(t);
        free(sorted);
        return GIJI_NOMEM();
    }
    int bits = 0;
    while (bits < 31 && ((size_t)1 << bits) < g->nnodes)
        bits++;
    for (size_t i = 0; i < m; i++) {
        size_t lo, hi;
        edge_ends(&g->edges[i], &lo, &hi);
        a[i].key = ((uint64_t)lo << (bits + 2)) | ((uint64_t)hi << 2) | (uint64_t)g->edges[i].kind;
        a[i].idx = i;
    }
    int keybits = 2 * bits + 2;
    for (int shift = 0; shift < keybits; shift += 11) {
        size_t count[2048] = {0};
        for (size_t i = 0; i < m; i++)
            count[(a[i].key >> shift) & 2047]++;
        size_t sum = 0;
        for (size_t d = 0; d < 2048; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < m; i++)
            t[count[(a[i].key >> shift) & 2047]++] = a[i];
        item *x = a;
        a = t;
        t = x;
    }
    for (size_t i = 0; i < m; i++)
        sorted[i] = g->edges[a[i].idx];
    free(g->edges);
    g->edges = sorted;
    g->edge_cap = m;
    free(a);
    free(t);
    return GIJI_OK;
}

int graph_sort(giji_graph *g)
{
    if (g->nnodes > 1) {
        size_t *order = malloc(g->nnodes * sizeof *order);
        size_t *where = malloc(g->nnodes * sizeof *where);
        giji_graph_node *nodes = malloc(g->nnodes * sizeof *nodes);
        if (!order || !where || !nodes) {
            free(order);
            free(where);
            free(nodes);
            return GIJI_NOMEM();
        }
        for (size_t i = 0; i < g->nnodes; i++)
            order[i] = i;
        sort_graph = g;
        qsort(order, g->nnodes, sizeof *order, cmp_node_index);
        sort_graph = NULL;
        for (size_t i = 0; i < g->nnodes; i++) {
            nodes[i] = g->nodes[order[i]];
            where[order[i]] = i;
        }
        free(g->nodes);
        g->nodes = nodes;
        g->node_cap = g->nnodes;
        for (size_t i = 0; i < g->nedges; i++) {
            g->edges[i].source = where[g->edges[i].source];
            g->edges[i].target = where[g->edges[i].target];
        }
        free(order);
        free(where);
    }
    /* Undirected kinds go from the smaller index to the larger; raised
     * edges keep the speaker as source. */
    for (size_t i = 0; i < g->nedges; i++) {
        giji_graph_edge *e = &g->edges[i];
        if (e->kind != GIJI_EDGE_RAISED && e->source > e->target) {
            size_t t = e->source;
            e->source = e->target;
            e->target = t;
        }
    }
    return sort_edges(g);
}

int graph_subgraph(giji_graph *g, const unsigned char *keep, const unsigned char *edge_keep,
                   int drop_isolated)
{
    if (g->nnodes == 0)
        return GIJI_OK;
    unsigned char *alive = malloc(g->nnodes);
    size_t *where = malloc(g->nnodes * sizeof *where);
    if (!alive || !where) {
        free(alive);
        free(where);
        return GIJI_NOMEM();
    }
    memcpy(alive, keep, g->nnodes);
    /* edges first: which survive */
    size_t ne = 0;
    unsigned char *used = NULL;
    if (drop_isolated && !(used = calloc(g->nnodes, 1))) {
        free(alive);
        free(where);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < g->nedges; i++) {
        giji_graph_edge *e = &g->edges[i];
        if (alive[e->source] && alive[e->target] && (!edge_keep || edge_keep[i])) {
            if (used)
                used[e->source] = used[e->target] = 1;
            g->edges[ne++] = *e;
        } else {
            free(e->remarks);
        }
    }
    g->nedges = ne;
    if (used) {
        for (size_t i = 0; i < g->nnodes; i++)
            alive[i] = alive[i] && used[i];
        free(used);
    }
    size_t nn = 0;
    for (size_t i = 0; i < g->nnodes; i++) {
        if (alive[i]) {
            where[i] = nn;
            g->nodes[nn++] = g->nodes[i];
        } else {
            free(g->nodes[i].name);
        }
    }
    g->nnodes = nn;
    for (size_t i = 0; i < g->nedges; i++) {
        g->edges[i].source = where[g->edges[i].source];
        g->edges[i].target = where[g->edges[i].target];
    }
    free(alive);
    free(where);
    return GIJI_OK;
}

/* ---- ranking and the top cut ------------------------------------------- */

static giji_metric sort_metric;

static int cmp_rank(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    double vx = sort_graph->nodes[x].metric[sort_metric], vy = sort_graph->nodes[y].metric[sort_metric];
    if (vx != vy)
        return vx > vy ? -1 : 1;
    return (x > y) - (x < y);
}

int giji_graph_rank(const giji_graph *g, giji_metric m, size_t **order)
{
    *order = NULL;
    if ((int)m < 0 || m >= GIJI_NMETRICS)
        return giji_error_set(GIJI_EINVAL, "graph: unknown metric %d", (int)m);
    if (!g->has_metrics && g->nnodes)
        return giji_error_set(GIJI_EINVAL, "graph: no metrics computed to rank by");
    if (!(*order = malloc((g->nnodes ? g->nnodes : 1) * sizeof **order)))
        return GIJI_NOMEM();
    for (size_t i = 0; i < g->nnodes; i++)
        (*order)[i] = i;
    if (g->nnodes > 1) {
        sort_graph = g;
        sort_metric = m;
        qsort(*order, g->nnodes, sizeof **order, cmp_rank);
        sort_graph = NULL;
    }
    return GIJI_OK;
}

int giji_graph_top(giji_graph *g, size_t n, giji_metric m)
{
    return giji_graph_top_mixed(g, n, m, 0);
}

int graph_top_mask(const giji_graph *g, size_t n, giji_metric m, size_t persons, unsigned char **keep)
{
    *keep = NULL;
    size_t *order;
    int rc = giji_graph_rank(g, m, &order);
    if (rc)
        return rc;
    if (!(*keep = calloc(g->nnodes ? g->nnodes : 1, 1))) {
        free(order);
        return GIJI_NOMEM();
    }
    if (n == 0 || n > g->nnodes)
        n = g->nnodes;
    if (persons > n)
        persons = n;
    /* first the reserved persons, then every other place by rank */
    size_t kept = 0;
    for (size_t i = 0; i < g->nnodes && kept < persons; i++)
        if (g->nodes[order[i]].kind == GIJI_NODE_PERSON) {
            (*keep)[order[i]] = 1;
            kept++;
        }
    for (size_t i = 0; i < g->nnodes && kept < n; i++)
        if (!(*keep)[order[i]]) {
            (*keep)[order[i]] = 1;
            kept++;
        }
    free(order);
    return GIJI_OK;
}

int giji_graph_top_mixed(giji_graph *g, size_t n, giji_metric m, size_t persons)
{
    if (n == 0 || n >= g->nnodes)
        return GIJI_OK;
    unsigned char *keep;
    int rc = graph_top_mask(g, n, m, persons, &keep);
    if (rc)
        return rc;
    rc = graph_subgraph(g, keep, NULL, 0);
    free(keep);
    return rc;
}
