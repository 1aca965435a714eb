/*
 * graph/metrics.c — the measures of a graph, computed with igraph 0.10 on
 * the graph taken as undirected and weighted (docs/graph-model.md#metrics):
 * degree, strength, betweenness (distance = 1/weight, normalised; exact, or
 * on a large graph estimated from sampled sources, or cut off on request),
 * harmonic closeness (same distances, same choice), eigenvector
 * centrality (scaled to a maximum of 1), PageRank (damping 0.85), Leiden
 * communities (modularity objective, seeded) and their modularity.
 * Not responsible for the cache (load.c) or for building (build.c).
 *
 * igraph's default error handler aborts and its warning handler prints:
 * both are replaced for the duration of a computation, so the library never
 * prints or exits; an igraph error becomes a giji error with igraph's reason.
 * This is the only file that includes igraph.h.
 */
#include "graph/graph_int.h"
#include "util/error.h"

#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- igraph's error and warning handlers -------------------------------- */

static char igraph_reason[256];
static igraph_error_t igraph_code;

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t err)
{
    (void)file;
    (void)line;
    snprintf(igraph_reason, sizeof igraph_reason, "%s", reason ? reason : "unknown error");
    igraph_code = err;
    /* What igraph_error_handler_ignore does: free igraph's temporaries. */
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
    (void)reason;
    (void)file;
    (void)line;
}

typedef struct handlers {
    igraph_error_handler_t *error;
    igraph_warning_handler_t *warning;
} handlers;

static handlers handlers_push(void)
{
    handlers h;
    igraph_reason[0] = '\0';
    igraph_code = IGRAPH_SUCCESS;
    h.error = igraph_set_error_handler(on_igraph_error);
    h.warning = igraph_set_warning_handler(on_igraph_warning);
    return h;
}

static void handlers_pop(handlers h)
{
    igraph_set_error_handler(h.error);
    igraph_set_warning_handler(h.warning);
}

/* A failed igraph call as a giji error. */
static int igraph_failed(const char *what, igraph_error_t err)
{
    if (err == IGRAPH_ENOMEM)
        return GIJI_NOMEM();
    return giji_error_set(GIJI_EINVAL, "graph: igraph: %s: %s", what,
                          igraph_reason[0] ? igraph_reason : igraph_strerror(err));
}

#define IG(call, what)                                  \
    do {                                                \
        igraph_error_t e_ = (call);                     \
        if (e_ != IGRAPH_SUCCESS) {                     \
            rc = igraph_failed((what), e_);             \
            goto out;                                   \
        }                                               \
    } while (0)

/* ---- helpers -------------------------------------------------------------- */

/* How betweenness and harmonic closeness are computed. */
typedef struct path_mode {
    double cutoff;      /* > 0: igraph's cutoff variants */
    size_t samples;     /* > 0: estimated from this many sources */
} path_mode;

static path_mode choose_mode(const giji_graph *g, double cutoff, size_t samples)
{
    path_mode pm = {0, 0};
    size_t n = g->nnodes, m = g->nedges;
    if (samples) {
        pm.samples = samples < n ? samples : 0; /* every node sampled: exact */
        return pm;
    }
    if (cutoff > 0) {
        pm.cutoff = cutoff;
        return pm;
    }
    if (cutoff == 0 || (double)n * (double)m <= GIJI_GRAPH_EXACT_WORK || m == 0)
        return pm;
    double k = GIJI_GRAPH_SAMPLE_WORK / (double)m;
    size_t want = k < GIJI_GRAPH_MIN_SAMPLES ? GIJI_GRAPH_MIN_SAMPLES : (size_t)k;
    pm.samples = want < n ? want : 0;
    return pm;
}

/* k distinct node indices, ascending: a partial Fisher-Yates shuffle driven
 * by splitmix64 from a fixed seed, so the sample depends only on n and k. */
static int sample_nodes(size_t n, size_t k, igraph_vector_int_t *out)
{
    size_t *perm = malloc(n * sizeof *perm);
    if (!perm)
        return GIJI_NOMEM();
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t state = GIJI_GRAPH_SEED;
    for (size_t i = 0; i < k; i++) {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        size_t j = i + (size_t)(z % (uint64_t)(n - i));
        size_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    int rc = igraph_vector_int_resize(out, (igraph_integer_t)k) == IGRAPH_SUCCESS ? GIJI_OK : GIJI_NOMEM();
    for (size_t i = 0; rc == GIJI_OK && i < k; i++)
        VECTOR(*out)[i] = (igraph_integer_t)perm[i];
    if (rc == GIJI_OK)
        igraph_vector_int_sort(out);
    free(perm);
    return rc;
}

/* Communities numbered 0, 1, ... in the order of their first node, so that
 * the numbering does not depend on the algorithm's internal labels. */
static long long renumber(giji_graph *g, const igraph_vector_int_t *membership)
{
    size_t n = g->nnodes;
    long long *map = malloc(n * sizeof *map);
    if (!map)
        return -1;
    for (size_t i = 0; i < n; i++)
        map[i] = -1;
    long long next = 0;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t c = VECTOR(*membership)[i];
        if (c < 0 || (size_t)c >= n) {
            free(map);
            return -1;
        }
        if (map[c] < 0)
            map[c] = next++;
        g->nodes[i].community = map[c];
    }
    free(map);
    return next;
}

/* ---- giji_graph_compute_metrics ------------------------------------------ */

int giji_graph_compute_metrics(giji_graph *g, double cutoff, size_t samples)
{
    if (!(cutoff == GIJI_CUTOFF_AUTO || cutoff >= 0) || isinf(cutoff))
        return giji_error_set(GIJI_EINVAL, "graph: cutoff must be 0 (exact), positive, or automatic");
    if (samples && cutoff != GIJI_CUTOFF_AUTO)
        return giji_error_set(GIJI_EINVAL, "graph: a cutoff and sampled sources do not go together");
    for (size_t i = 0; i < g->nedges; i++)
        if (!(g->edges[i].weight > 0) || isinf(g->edges[i].weight))
            return giji_error_set(GIJI_EINVAL, "graph: edge %zu has weight %g; metrics need positive weights",
                                  i, g->edges[i].weight);
    size_t n = g->nnodes, m = g->nedges;
    for (size_t i = 0; i < n; i++) {
        memset(g->nodes[i].metric, 0, sizeof g->nodes[i].metric);
        g->nodes[i].community = (long long)i;
    }
    g->modularity = 0;
    g->communities = (long long)n;
    g->cutoff = 0;
    g->samples = 0;
    g->full_nodes = n;
    g->full_edges = m;
    g->has_metrics = 0;
    if (n == 0) {
        g->has_metrics = 1;
        return GIJI_OK;
    }

    int rc = GIJI_OK;
    handlers h = handlers_push();
    igraph_t ig;
    int have_graph = 0;
    igraph_vector_int_t edges, ideg, membership, sources;
    igraph_vector_t w, dist, res, strength;
    igraph_matrix_t dmat;
    int have_vectors = 0, have_sources = 0, have_matrix = 0;
    if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)) != IGRAPH_SUCCESS) {
        handlers_pop(h);
        return GIJI_NOMEM();
    }
    /* Initialise the rest one by one so that `out` frees exactly those. */
    if (igraph_vector_int_init(&ideg, 0) == IGRAPH_SUCCESS) {
        have_vectors = 1;
        if (igraph_vector_int_init(&membership, 0) == IGRAPH_SUCCESS) {
            have_vectors = 2;
            if (igraph_vector_init(&w, (igraph_integer_t)m) == IGRAPH_SUCCESS) {
                have_vectors = 3;
                if (igraph_vector_init(&dist, (igraph_integer_t)m) == IGRAPH_SUCCESS) {
                    have_vectors = 4;
                    if (igraph_vector_init(&res, 0) == IGRAPH_SUCCESS) {
                        have_vectors = 5;
                        if (igraph_vector_init(&strength, 0) == IGRAPH_SUCCESS)
                            have_vectors = 6;
                    }
                }
            }
        }
    }
    if (have_vectors < 6) {
        rc = GIJI_NOMEM();
        goto out;
    }
    if (igraph_vector_int_init(&sources, 0) != IGRAPH_SUCCESS) {
        rc = GIJI_NOMEM();
        goto out;
    }
    have_sources = 1;
    for (size_t i = 0; i < m; i++) {
        VECTOR(edges)[2 * i] = (igraph_integer_t)g->edges[i].source;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)g->edges[i].target;
        VECTOR(w)[i] = g->edges[i].weight;
        VECTOR(dist)[i] = 1.0 / g->edges[i].weight;
    }
    IG(igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED), "cannot create the graph");
    have_graph = 1;
    /* Seeded before anything that draws random numbers (ARPACK's start
     * vector, Leiden's node order), so the same graph always gives the same
     * values, to the last bit. */
    IG(igraph_rng_seed(igraph_rng_default(), GIJI_GRAPH_SEED), "cannot seed the random numbers");

    /* degree and strength */
    IG(igraph_degree(&ig, &ideg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS), "degree");
    for (size_t i = 0; i < n; i++)
        g->nodes[i].metric[GIJI_METRIC_DEGREE] = (double)VECTOR(ideg)[i];
    IG(igraph_strength(&ig, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w), "strength");
    for (size_t i = 0; i < n; i++)
        g->nodes[i].metric[GIJI_METRIC_STRENGTH] = VECTOR(strength)[i];

    /* betweenness, normalised by the number of pairs of other nodes, and
     * harmonic closeness, the mean of 1/d over the other n - 1 nodes: exact,
     * cut off, or estimated from sampled sources */
    path_mode pm = choose_mode(g, cutoff, samples);
    g->cutoff = pm.cutoff;
    g->samples = pm.samples;
    double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) / 2.0 : 0;
    if (pm.samples) {
        if ((rc = sample_nodes(n, pm.samples, &sources)))
            goto out;
        have_sources = 2;
        /* Brandes & Pich: the dependencies of k sources, scaled by n/k,
         * estimate the sum over all sources without bias. For undirected
         * graphs igraph counts each source's pairs once, as the exact
         * betweenness does. */
        IG(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), IGRAPH_UNDIRECTED,
                                     igraph_vss_vector(&sources), igraph_vss_all(), &dist),
           "betweenness");
        double scale = (double)n / (double)pm.samples;
        for (size_t i = 0; i < n; i++)
            g->nodes[i].metric[GIJI_METRIC_BETWEENNESS] = pairs > 0 ? VECTOR(res)[i] * scale / pairs : 0;
        /* harmonic: the mean of 1/d(s, v) over the sampled sources s other
         * than v estimates the mean over all other nodes */
        IG(igraph_matrix_init(&dmat, 0, 0), "harmonic closeness");
        have_matrix = 1;
        IG(igraph_distances_dijkstra(&ig, &dmat, igraph_vss_vector(&sources), igraph_vss_all(), &dist,
                                     IGRAPH_ALL),
           "harmonic closeness");
        for (size_t v = 0; v < n; v++) {
            double sum = 0;
            size_t others = 0;
            for (size_t k = 0; k < pm.samples; k++) {
                if ((size_t)VECTOR(sources)[k] == v)
                    continue;
                others++;
                double d = MATRIX(dmat, (igraph_integer_t)k, (igraph_integer_t)v);
                if (isfinite(d) && d > 0)
                    sum += 1.0 / d;
            }
            g->nodes[v].metric[GIJI_METRIC_HARMONIC] = others ? sum / (double)others : 0;
        }
    } else {
        if (pm.cutoff > 0)
            IG(igraph_betweenness_cutoff(&ig, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, &dist, pm.cutoff),
               "betweenness");
        else
            IG(igraph_betweenness(&ig, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, &dist), "betweenness");
        for (size_t i = 0; i < n; i++)
            g->nodes[i].metric[GIJI_METRIC_BETWEENNESS] = pairs > 0 ? VECTOR(res)[i] / pairs : 0;
        if (n > 1) {
            if (pm.cutoff > 0)
                IG(igraph_harmonic_centrality_cutoff(&ig, &res, igraph_vss_all(), IGRAPH_ALL, &dist, 1,
                                                     pm.cutoff),
                   "harmonic closeness");
            else
                IG(igraph_harmonic_centrality(&ig, &res, igraph_vss_all(), IGRAPH_ALL, &dist, 1),
                   "harmonic closeness");
            for (size_t i = 0; i < n; i++)
                g->nodes[i].metric[GIJI_METRIC_HARMONIC] = VECTOR(res)[i];
        }
    }

    /* eigenvector centrality, weights as strength of ties, max 1 */
    if (m > 0) {
        igraph_arpack_options_t opts;
        igraph_arpack_options_init(&opts);
        igraph_real_t value;
        IG(igraph_eigenvector_centrality(&ig, &res, &value, IGRAPH_UNDIRECTED, 1, &w, &opts),
           "eigenvector centrality");
        for (size_t i = 0; i < n; i++) {
            double v = VECTOR(res)[i];
            /* ARPACK leaves rounding noise where the value is 0 */
            g->nodes[i].metric[GIJI_METRIC_EIGENVECTOR] = fabs(v) < 1e-12 ? 0 : v;
        }
    }

    /* PageRank */
    {
        igraph_real_t value;
        IG(igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(), IGRAPH_UNDIRECTED,
                           0.85, m ? &w : NULL, NULL),
           "PageRank");
        for (size_t i = 0; i < n; i++)
            g->nodes[i].metric[GIJI_METRIC_PAGERANK] = VECTOR(res)[i];
    }

    /* Leiden with the modularity objective: node weights = strength,
     * resolution 1 / (2 * total weight). */
    if (m > 0) {
        double total = 0;
        for (size_t i = 0; i < m; i++)
            total += g->edges[i].weight;
        igraph_integer_t nclusters = 0;
        igraph_real_t quality = 0, q = 0;
        IG(igraph_vector_int_resize(&membership, (igraph_integer_t)n), "communities");
        IG(igraph_community_leiden(&ig, &w, &strength, 1.0 / (2.0 * total), 0.01, 0, -1, &membership,
                                   &nclusters, &quality),
           "Leiden communities");
        IG(igraph_modularity(&ig, &membership, &w, 1.0, IGRAPH_UNDIRECTED, &q), "modularity");
        long long k = renumber(g, &membership);
        if (k < 0) {
            rc = giji_error_set(GIJI_EINVAL, "graph: igraph returned an invalid community membership");
            goto out;
        }
        g->communities = k;
        g->modularity = q;
    }
    g->has_metrics = 1;

out:
    if (have_graph)
        igraph_destroy(&ig);
    igraph_vector_int_destroy(&edges);
    if (have_vectors >= 1)
        igraph_vector_int_destroy(&ideg);
    if (have_vectors >= 2)
        igraph_vector_int_destroy(&membership);
    if (have_vectors >= 3)
        igraph_vector_destroy(&w);
    if (have_vectors >= 4)
        igraph_vector_destroy(&dist);
    if (have_vectors >= 5)
        igraph_vector_destroy(&res);
    if (have_vectors >= 6)
        igraph_vector_destroy(&strength);
    if (have_sources)
        igraph_vector_int_destroy(&sources);
    if (have_matrix)
        igraph_matrix_destroy(&dmat);
    handlers_pop(h);
    if (rc)
        g->has_metrics = 0;
    return rc;
}
