/*
 * bench/igraph.c — giji-bench-igraph: giji's metrics against bare igraph on
 * the same graph (issue 5: "metrics within 1.2x of bare igraph").
 *
 *   giji-bench-igraph DB [--reps R] [--min-seconds S]
 *
 * Builds the whole-corpus graph of giji's default spec (giji_graph_build),
 * then, interleaved, R times (at least; more until each side has run for S
 * seconds):
 *   giji  giji_graph_compute_metrics(&g, AUTO, 0): every metric, one call;
 *   bare  the same igraph 0.10 calls with the same parameters that
 *         src/graph/metrics.c makes, on an igraph_t made from g's edges and
 *         weights: create, degree, strength, betweenness (distance 1/weight;
 *         on a large graph igraph_betweenness_subset from the same sampled
 *         sources), harmonic closeness (igraph_harmonic_centrality, or
 *         Dijkstra from the sampled sources and the mean of 1/d), eigenvector
 *         (ARPACK), PageRank (PRPACK, 0.85), Leiden (modularity objective,
 *         node weights = strength, resolution 1/(2W), beta 0.01) and
 *         modularity. The RNG is seeded with GIJI_GRAPH_SEED where giji seeds
 *         it, so both sides draw the same numbers and do the same work.
 * Each figure is the least CPU time (CLOCK_PROCESS_CPUTIME_ID) over the runs;
 * the wall time of that run is printed too. giji's metrics are one call, so
 * the per-metric rows have bare igraph only, and the ratio is on the total.
 * The bare values are checked against giji's (largest difference per metric).
 *
 * Prints "# ..." lines, then CSV: phase,giji_cpu_s,giji_wall_s,bare_cpu_s,
 * bare_wall_s,ratio_cpu, and a last line "RESULT key=value ...".
 *
 * Not part of giji: a tool of bench/, using the public API (include/giji) and
 * igraph for the bare side. The database is opened but not written.
 */
#define _POSIX_C_SOURCE 200809L
#include "giji/giji.h"

#include <igraph.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
    P_CREATE = 0,
    P_DEGREE,
    P_STRENGTH,
    P_BETWEENNESS,
    P_HARMONIC,
    P_EIGENVECTOR,
    P_PAGERANK,
    P_LEIDEN,
    P_N
};
static const char *const phase_name[P_N] = {"create",      "degree",   "strength", "betweenness", "harmonic",
                                            "eigenvector", "pagerank", "leiden+modularity"};

typedef struct stamp {
    double wall, cpu;
} stamp;

static stamp now(void)
{
    struct timespec w, c;
    clock_gettime(CLOCK_MONOTONIC, &w);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c);
    stamp s = {(double)w.tv_sec + (double)w.tv_nsec / 1e9, (double)c.tv_sec + (double)c.tv_nsec / 1e9};
    return s;
}

static stamp since(stamp a)
{
    stamp b = now();
    stamp d = {b.wall - a.wall, b.cpu - a.cpu};
    return d;
}

/* The best (least CPU) of the runs so far. */
static void keep_best(stamp *best, stamp t)
{
    if (best->cpu < 0 || t.cpu < best->cpu)
        *best = t;
}

#define CHECK(call)                                                                \
    do {                                                                           \
        igraph_error_t e_ = (call);                                                \
        if (e_ != IGRAPH_SUCCESS) {                                                \
            fprintf(stderr, "giji-bench-igraph: %s: %s\n", #call, igraph_strerror(e_)); \
            exit(1);                                                               \
        }                                                                          \
    } while (0)

/* metrics.c's choice, from the public constants of giji/graph.h (spec
 * default: cutoff AUTO, no samples): 0 = exact, else sampled sources. */
static size_t samples_for(size_t n, size_t m)
{
    if ((double)n * (double)m <= GIJI_GRAPH_EXACT_WORK || m == 0)
        return 0;
    double k = GIJI_GRAPH_SAMPLE_WORK / (double)m;
    size_t want = k < GIJI_GRAPH_MIN_SAMPLES ? GIJI_GRAPH_MIN_SAMPLES : (size_t)k;
    return want < n ? want : 0;
}

/* The same sampled sources as metrics.c: a partial Fisher-Yates shuffle
 * driven by splitmix64 from GIJI_GRAPH_SEED, sorted. */
static void sample_nodes(size_t n, size_t k, igraph_vector_int_t *out)
{
    size_t *perm = malloc(n * sizeof *perm);
    if (!perm) {
        fprintf(stderr, "giji-bench-igraph: out of memory\n");
        exit(1);
    }
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
    CHECK(igraph_vector_int_resize(out, (igraph_integer_t)k));
    for (size_t i = 0; i < k; i++)
        VECTOR(*out)[i] = (igraph_integer_t)perm[i];
    igraph_vector_int_sort(out);
    free(perm);
}

/* Results of one bare run, for the check against giji's values. */
typedef struct bare_out {
    double *metric[GIJI_NMETRICS];
    double modularity;
    long long clusters;
} bare_out;

/* One bare run: the igraph calls of metrics.c, each phase timed. */
static void bare_run(const giji_graph *g, size_t samples, stamp t[P_N], bare_out *o)
{
    size_t n = g->nnodes, m = g->nedges;
    igraph_t ig;
    igraph_vector_int_t edges, ideg, membership, sources;
    igraph_vector_t w, dist, res, strength;
    igraph_matrix_t dmat;
    double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) / 2.0 : 0;

    stamp s = now();
    CHECK(igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)));
    CHECK(igraph_vector_init(&w, (igraph_integer_t)m));
    CHECK(igraph_vector_init(&dist, (igraph_integer_t)m));
    for (size_t i = 0; i < m; i++) {
        VECTOR(edges)[2 * i] = (igraph_integer_t)g->edges[i].source;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)g->edges[i].target;
        VECTOR(w)[i] = g->edges[i].weight;
        VECTOR(dist)[i] = 1.0 / g->edges[i].weight;
    }
    CHECK(igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED));
    CHECK(igraph_vector_int_init(&ideg, 0));
    CHECK(igraph_vector_int_init(&membership, 0));
    CHECK(igraph_vector_int_init(&sources, 0));
    CHECK(igraph_vector_init(&res, 0));
    CHECK(igraph_vector_init(&strength, 0));
    CHECK(igraph_matrix_init(&dmat, 0, 0));
    CHECK(igraph_rng_seed(igraph_rng_default(), GIJI_GRAPH_SEED));
    t[P_CREATE] = since(s);

    s = now();
    CHECK(igraph_degree(&ig, &ideg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
    t[P_DEGREE] = since(s);
    for (size_t i = 0; i < n; i++)
        o->metric[GIJI_METRIC_DEGREE][i] = (double)VECTOR(ideg)[i];

    s = now();
    CHECK(igraph_strength(&ig, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, &w));
    t[P_STRENGTH] = since(s);
    for (size_t i = 0; i < n; i++)
        o->metric[GIJI_METRIC_STRENGTH][i] = VECTOR(strength)[i];

    if (samples) {
        sample_nodes(n, samples, &sources); /* not timed: giji's own code, not igraph */
        s = now();
        CHECK(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, igraph_vss_vector(&sources),
                                        igraph_vss_all(), &dist));
        t[P_BETWEENNESS] = since(s);
        double scale = (double)n / (double)samples;
        for (size_t i = 0; i < n; i++)
            o->metric[GIJI_METRIC_BETWEENNESS][i] = pairs > 0 ? VECTOR(res)[i] * scale / pairs : 0;
        s = now();
        CHECK(igraph_distances_dijkstra(&ig, &dmat, igraph_vss_vector(&sources), igraph_vss_all(), &dist,
                                        IGRAPH_ALL));
        for (size_t v = 0; v < n; v++) {
            double sum = 0;
            size_t others = 0;
            for (size_t k = 0; k < samples; k++) {
                if ((size_t)VECTOR(sources)[k] == v)
                    continue;
                others++;
                double d = MATRIX(dmat, (igraph_integer_t)k, (igraph_integer_t)v);
                if (isfinite(d) && d > 0)
                    sum += 1.0 / d;
            }
            o->metric[GIJI_METRIC_HARMONIC][v] = others ? sum / (double)others : 0;
        }
        t[P_HARMONIC] = since(s);
    } else {
        s = now();
        CHECK(igraph_betweenness(&ig, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, &dist));
        t[P_BETWEENNESS] = since(s);
        for (size_t i = 0; i < n; i++)
            o->metric[GIJI_METRIC_BETWEENNESS][i] = pairs > 0 ? VECTOR(res)[i] / pairs : 0;
        s = now();
        if (n > 1)
            CHECK(igraph_harmonic_centrality(&ig, &res, igraph_vss_all(), IGRAPH_ALL, &dist, 1));
        t[P_HARMONIC] = since(s);
        for (size_t i = 0; i < n; i++)
            o->metric[GIJI_METRIC_HARMONIC][i] = n > 1 ? VECTOR(res)[i] : 0;
    }

    s = now();
    if (m > 0) {
        igraph_arpack_options_t opts;
        igraph_arpack_options_init(&opts);
        igraph_real_t value;
        CHECK(igraph_eigenvector_centrality(&ig, &res, &value, IGRAPH_UNDIRECTED, 1, &w, &opts));
    }
    t[P_EIGENVECTOR] = since(s);
    for (size_t i = 0; i < n; i++) {
        double v = m > 0 ? VECTOR(res)[i] : 0;
        o->metric[GIJI_METRIC_EIGENVECTOR][i] = fabs(v) < 1e-12 ? 0 : v;
    }

    s = now();
    {
        igraph_real_t value;
        CHECK(igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(), IGRAPH_UNDIRECTED,
                              0.85, m ? &w : NULL, NULL));
    }
    t[P_PAGERANK] = since(s);
    for (size_t i = 0; i < n; i++)
        o->metric[GIJI_METRIC_PAGERANK][i] = VECTOR(res)[i];

    s = now();
    o->modularity = 0;
    o->clusters = (long long)n;
    if (m > 0) {
        double total = 0;
        for (size_t i = 0; i < m; i++)
            total += g->edges[i].weight;
        igraph_integer_t nclusters = 0;
        igraph_real_t quality = 0, q = 0;
        CHECK(igraph_vector_int_resize(&membership, (igraph_integer_t)n));
        CHECK(igraph_community_leiden(&ig, &w, &strength, 1.0 / (2.0 * total), 0.01, 0, -1, &membership,
                                      &nclusters, &quality));
        CHECK(igraph_modularity(&ig, &membership, &w, 1.0, IGRAPH_UNDIRECTED, &q));
        o->modularity = q;
        o->clusters = (long long)nclusters;
    }
    t[P_LEIDEN] = since(s);

    igraph_destroy(&ig);
    igraph_vector_int_destroy(&edges);
    igraph_vector_int_destroy(&ideg);
    igraph_vector_int_destroy(&membership);
    igraph_vector_int_destroy(&sources);
    igraph_vector_destroy(&w);
    igraph_vector_destroy(&dist);
    igraph_vector_destroy(&res);
    igraph_vector_destroy(&strength);
    igraph_matrix_destroy(&dmat);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: giji-bench-igraph DB [--reps R] [--min-seconds S]\n");
        return 2;
    }
    int reps = 3;
    double min_s = 1.0;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--reps"))
            reps = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--min-seconds"))
            min_s = atof(argv[i + 1]);
        else {
            fprintf(stderr, "giji-bench-igraph: unknown option '%s'\n", argv[i]);
            return 2;
        }
    }
    if (reps < 1)
        reps = 1;

    giji_store *st;
    if (giji_store_open(argv[1], &st) != GIJI_OK) {
        fprintf(stderr, "giji-bench-igraph: %s\n", giji_error_message());
        return 1;
    }
    giji_graph_spec spec;
    giji_graph_spec_init(&spec);
    giji_graph g;
    stamp s = now();
    if (giji_graph_build(st, &spec, &g) != GIJI_OK) {
        fprintf(stderr, "giji-bench-igraph: build: %s\n", giji_error_message());
        giji_store_close(st);
        return 1;
    }
    stamp build = since(s);
    giji_store_close(st);
    size_t n = g.nnodes, m = g.nedges;
    size_t samples = samples_for(n, m);

    bare_out o;
    for (int k = 0; k < GIJI_NMETRICS; k++) {
        o.metric[k] = calloc(n ? n : 1, sizeof(double));
        if (!o.metric[k]) {
            fprintf(stderr, "giji-bench-igraph: out of memory\n");
            return 1;
        }
    }

    stamp giji_best = {0, -1}, bare_best = {0, -1}, phase_best[P_N];
    for (int p = 0; p < P_N; p++)
        phase_best[p] = (stamp){0, -1};
    double giji_sum = 0, bare_sum = 0;
    int runs = 0;
    while (runs < reps || giji_sum < min_s || bare_sum < min_s) {
        s = now();
        if (giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0) != GIJI_OK) {
            fprintf(stderr, "giji-bench-igraph: metrics: %s\n", giji_error_message());
            return 1;
        }
        stamp t = since(s);
        keep_best(&giji_best, t);
        giji_sum += t.cpu;

        stamp ph[P_N], tot = {0, 0};
        bare_run(&g, samples, ph, &o);
        for (int p = 0; p < P_N; p++) {
            keep_best(&phase_best[p], ph[p]);
            tot.wall += ph[p].wall;
            tot.cpu += ph[p].cpu;
        }
        keep_best(&bare_best, tot);
        bare_sum += tot.cpu;
        runs++;
        if (runs >= 1000)
            break;
    }
    if (g.samples != samples)
        fprintf(stderr, "giji-bench-igraph: warning: giji sampled %zu sources, the bench %zu\n", g.samples, samples);

    /* the same values? */
    printf("# %s: default spec, %zu nodes, %zu edges, %s, build %.3f s wall, %d runs each\n", argv[1], n, m,
           samples ? "sampled" : "exact", build.wall, runs);
    if (samples)
        printf("# betweenness and harmonic from %zu sampled sources\n", samples);
    double maxdiff[GIJI_NMETRICS];
    for (int k = 0; k < GIJI_NMETRICS; k++) {
        maxdiff[k] = 0;
        for (size_t i = 0; i < n; i++) {
            double a = g.nodes[i].metric[k], b = o.metric[k][i];
            double d = fabs(a - b) / (fabs(a) > 1 ? fabs(a) : 1);
            if (d > maxdiff[k])
                maxdiff[k] = d;
        }
        printf("# check %s: largest difference giji vs bare %.3g\n", giji_metric_name((giji_metric)k), maxdiff[k]);
    }
    printf("# check communities: giji %lld (modularity %.6f), bare %lld (modularity %.6f)\n", g.communities,
           g.modularity, o.clusters, o.modularity);

    printf("phase,giji_cpu_s,giji_wall_s,bare_cpu_s,bare_wall_s,ratio_cpu\n");
    for (int p = 0; p < P_N; p++)
        printf("%s,,,%.6f,%.6f,\n", phase_name[p], phase_best[p].cpu, phase_best[p].wall);
    double ratio = bare_best.cpu > 0 ? giji_best.cpu / bare_best.cpu : 0;
    printf("total,%.6f,%.6f,%.6f,%.6f,%.3f\n", giji_best.cpu, giji_best.wall, bare_best.cpu, bare_best.wall, ratio);
    printf("RESULT nodes=%zu edges=%zu samples=%zu build_s=%.4f giji_metrics_s=%.6f bare_metrics_s=%.6f "
           "ratio=%.3f bare_betweenness_s=%.6f bare_harmonic_s=%.6f bare_eigenvector_s=%.6f "
           "bare_pagerank_s=%.6f bare_leiden_s=%.6f runs=%d\n",
           n, m, samples, build.wall, giji_best.cpu, bare_best.cpu, ratio, phase_best[P_BETWEENNESS].cpu,
           phase_best[P_HARMONIC].cpu, phase_best[P_EIGENVECTOR].cpu, phase_best[P_PAGERANK].cpu,
           phase_best[P_LEIDEN].cpu, runs);
    for (int k = 0; k < GIJI_NMETRICS; k++)
        free(o.metric[k]);
    giji_graph_free(&g);
    return 0;
}
