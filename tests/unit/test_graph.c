/*
 * test_graph.c — graph/ and the graph writers of export/:
 *   - metrics on small hand-built graphs (a path, a weighted path, a star,
 *     two triangles joined by a bridge) against values worked out by hand
 *     (docs/graph-model.md#metrics); empty and one-node graphs;
 *   - the spec's canonical key;
 *   - the graph of the two sample minutes (ingested here through the
 *     library): node and edge counts of several specs against counts the
 *     test computes with its own SQL, edges traced back to their remarks,
 *     projections, focus, min-weight, top;
 *   - the metrics cache: stored, hit, recomputed after the content changes;
 *   - exports: byte-identical across runs, GraphML read back by igraph
 *     with the same node and edge counts, hostile names escaped in
 *     GraphML, DOT, CSV and JSON.
 */
#include "store_fixture.h"

#include <igraph.h>
#include <math.h>
#include <sys/stat.h>

#include "giji/giji.h"
#include "export/escape.h"

#define OK(call) do { int rc_ = (call); if (rc_ != GIJI_OK) fail_msg("%s: %s", #call, giji_error_message()); } while (0)
#define NEAR(a, b) do { double a_ = (a), b_ = (b); \
    if (fabs(a_ - b_) > 1e-6) fail_msg("%s = %.10g, want %.10g", #a, a_, b_); } while (0)

/* ---- hand-built graphs --------------------------------------------------- */

/* n entity nodes (ids 1..n) and the given edges (pairs, weight). */
static void make(giji_graph *g, size_t n, const size_t (*e)[2], const double *w, size_t m)
{
    giji_graph_init(g);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "n%zu", i);
        OK(giji_graph_add_node(g, GIJI_NODE_ENTITY, (long long)i + 1, name, 0, 1, NULL));
    }
    for (size_t i = 0; i < m; i++) {
        long long rid = (long long)i + 1;
        OK(giji_graph_add_edge(g, GIJI_EDGE_COMENTION, e[i][0], e[i][1], w ? w[i] : 1.0, 1, &rid, 1));
    }
}

static double metric(const giji_graph *g, size_t node, giji_metric m)
{
    return g->nodes[node].metric[m];
}

static double pagerank_sum(const giji_graph *g)
{
    double s = 0;
    for (size_t i = 0; i < g->nnodes; i++)
        s += metric(g, i, GIJI_METRIC_PAGERANK);
    return s;
}

/* a - b - c */
static void test_path(void **state)
{
    (void)state;
    static const size_t e[][2] = {{0, 1}, {1, 2}};
    giji_graph g;
    make(&g, 3, e, NULL, 2);
    OK(giji_graph_compute_metrics(&g, 0, 0));
    assert_true(g.has_metrics);
    NEAR(metric(&g, 0, GIJI_METRIC_DEGREE), 1);
    NEAR(metric(&g, 1, GIJI_METRIC_DEGREE), 2);
    NEAR(metric(&g, 1, GIJI_METRIC_STRENGTH), 2);
    /* b is on the one path between a and c: 1 of (3-1)(3-2)/2 = 1 pair */
    NEAR(metric(&g, 1, GIJI_METRIC_BETWEENNESS), 1);
    NEAR(metric(&g, 0, GIJI_METRIC_BETWEENNESS), 0);
    /* a: (1/1 + 1/2) / 2; b: (1 + 1) / 2 */
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), 0.75);
    NEAR(metric(&g, 1, GIJI_METRIC_HARMONIC), 1.0);
    /* principal eigenvector of the path P3: (1, sqrt 2, 1), scaled to max 1 */
    NEAR(metric(&g, 1, GIJI_METRIC_EIGENVECTOR), 1.0);
    NEAR(metric(&g, 0, GIJI_METRIC_EIGENVECTOR), 1 / sqrt(2.0));
    NEAR(pagerank_sum(&g), 1.0);
    NEAR(metric(&g, 0, GIJI_METRIC_PAGERANK), metric(&g, 2, GIJI_METRIC_PAGERANK));
    assert_true(metric(&g, 1, GIJI_METRIC_PAGERANK) > metric(&g, 0, GIJI_METRIC_PAGERANK));
    assert_true(g.cutoff == 0);
    giji_graph_free(&g);
}

/* a =2= b -1- c: distances 1/2 and 1 */
static void test_weighted_path(void **state)
{
    (void)state;
    static const size_t e[][2] = {{0, 1}, {1, 2}};
    static const double w[] = {2, 1};
    giji_graph g;
    make(&g, 3, e, w, 2);
    OK(giji_graph_compute_metrics(&g, 0, 0));
    NEAR(metric(&g, 1, GIJI_METRIC_STRENGTH), 3);
    NEAR(metric(&g, 0, GIJI_METRIC_STRENGTH), 2);
    NEAR(metric(&g, 1, GIJI_METRIC_DEGREE), 2);
    /* a: (1/0.5 + 1/1.5) / 2; c: (1/1 + 1/1.5) / 2 */
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), (2.0 + 2.0 / 3.0) / 2.0);
    NEAR(metric(&g, 2, GIJI_METRIC_HARMONIC), (1.0 + 2.0 / 3.0) / 2.0);
    NEAR(pagerank_sum(&g), 1.0);
    giji_graph_free(&g);
}

/* centre 0 and leaves 1..4 */
static void test_star(void **state)
{
    (void)state;
    static const size_t e[][2] = {{0, 1}, {0, 2}, {0, 3}, {0, 4}};
    giji_graph g;
    make(&g, 5, e, NULL, 4);
    OK(giji_graph_compute_metrics(&g, 0, 0));
    NEAR(metric(&g, 0, GIJI_METRIC_DEGREE), 4);
    /* all C(4,2) = 6 leaf pairs go through the centre; 6 pairs of others */
    NEAR(metric(&g, 0, GIJI_METRIC_BETWEENNESS), 1);
    NEAR(metric(&g, 3, GIJI_METRIC_BETWEENNESS), 0);
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), 1);
    NEAR(metric(&g, 1, GIJI_METRIC_HARMONIC), (1 + 3 * 0.5) / 4);
    /* eigenvalue 2: leaves get half the centre */
    NEAR(metric(&g, 0, GIJI_METRIC_EIGENVECTOR), 1);
    for (size_t i = 1; i < 5; i++) {
        NEAR(metric(&g, i, GIJI_METRIC_EIGENVECTOR), 0.5);
        assert_true(metric(&g, 0, GIJI_METRIC_EIGENVECTOR) > metric(&g, i, GIJI_METRIC_EIGENVECTOR));
    }
    /* PageRank, d = 0.85, N = 5: c = 0.03 + 0.85 * 4 l, l = 0.03 + 0.85 c / 4
     * => c = 0.132 / 0.2775 */
    NEAR(metric(&g, 0, GIJI_METRIC_PAGERANK), 0.132 / 0.2775);
    NEAR(metric(&g, 1, GIJI_METRIC_PAGERANK), 0.03 + 0.2125 * 0.132 / 0.2775);
    NEAR(pagerank_sum(&g), 1.0);
    /* a star has no community structure: one community, modularity 0 */
    assert_int_equal(g.communities, 1);
    NEAR(g.modularity, 0);
    /* ranking: the centre first, then the leaves in node order */
    size_t *order;
    OK(giji_graph_rank(&g, GIJI_METRIC_PAGERANK, &order));
    assert_int_equal(order[0], 0);
    assert_int_equal(order[1], 1);
    assert_int_equal(order[4], 4);
    free(order);
    giji_graph_free(&g);
}

/* top with reserved person places: a star of entities (centre 0, leaves
 * 1..4) and two persons hanging on leaves, ranked below every entity */
static void test_top_persons(void **state)
{
    (void)state;
    for (int reserve = 0; reserve <= 3; reserve++) {
        static const size_t e[][2] = {{0, 1}, {0, 2}, {0, 3}, {0, 4}};
        giji_graph g;
        make(&g, 5, e, NULL, 4);
        size_t p1, p2;
        long long rid = 99;
        OK(giji_graph_add_node(&g, GIJI_NODE_PERSON, 1, "p1", -1, 1, &p1));
        OK(giji_graph_add_node(&g, GIJI_NODE_PERSON, 2, "p2", -1, 1, &p2));
        OK(giji_graph_add_edge(&g, GIJI_EDGE_RAISED, p1, 1, 1, 1, &rid, 1));
        OK(giji_graph_add_edge(&g, GIJI_EDGE_RAISED, p2, 2, 0.5, 1, &rid, 1));
        OK(giji_graph_compute_metrics(&g, 0, 0));
        OK(giji_graph_top_mixed(&g, 3, GIJI_METRIC_DEGREE, (size_t)reserve));
        assert_int_equal(g.nnodes, 3);
        size_t persons = 0;
        for (size_t i = 0; i < g.nnodes; i++)
            persons += g.nodes[i].kind == GIJI_NODE_PERSON;
        /* as many persons as reserved, never more than there are; the
         * centre always stays (it ranks first) */
        assert_int_equal(persons, reserve < 2 ? (size_t)reserve : 2);
        int centre = 0;
        for (size_t i = 0; i < g.nnodes; i++)
            centre |= g.nodes[i].kind == GIJI_NODE_ENTITY && g.nodes[i].id == 1;
        assert_true(centre);
        giji_graph_free(&g);
    }
}

/* triangles {0,1,2} and {3,4,5} joined by the bridge 2-3 */
static const size_t barbell[][2] = {{0, 1}, {0, 2}, {1, 2}, {3, 4}, {3, 5}, {4, 5}, {2, 3}};

static void test_two_triangles(void **state)
{
    (void)state;
    giji_graph g;
    make(&g, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&g, 0, 0));
    /* Leiden finds the triangles, numbered in node order */
    assert_int_equal(g.communities, 2);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(g.nodes[i].community, i < 3 ? 0 : 1);
    /* Q = sum over communities of L_c/m - (d_c/2m)^2 = 2 (3/7 - (7/14)^2) = 5/14 */
    NEAR(g.modularity, 5.0 / 14.0);
    NEAR(metric(&g, 2, GIJI_METRIC_DEGREE), 3);
    NEAR(metric(&g, 0, GIJI_METRIC_DEGREE), 2);
    /* node 2 is between {0,1} and {3,4,5}: 6 of 5*4/2 = 10 pairs */
    NEAR(metric(&g, 2, GIJI_METRIC_BETWEENNESS), 0.6);
    NEAR(metric(&g, 3, GIJI_METRIC_BETWEENNESS), 0.6);
    NEAR(metric(&g, 0, GIJI_METRIC_BETWEENNESS), 0);
    /* node 0: distances 1, 1, 2, 3, 3; node 2: 1, 1, 1, 2, 2 */
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), (1 + 1 + 0.5 + 1.0 / 3 + 1.0 / 3) / 5);
    NEAR(metric(&g, 2, GIJI_METRIC_HARMONIC), (1 + 1 + 1 + 0.5 + 0.5) / 5);
    NEAR(pagerank_sum(&g), 1.0);
    NEAR(metric(&g, 0, GIJI_METRIC_PAGERANK), metric(&g, 5, GIJI_METRIC_PAGERANK));
    /* the same again: seeded, so the same partition and values */
    giji_graph h;
    make(&h, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&h, 0, 0));
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(h.nodes[i].community, g.nodes[i].community);
        assert_memory_equal(h.nodes[i].metric, g.nodes[i].metric, sizeof h.nodes[i].metric);
    }
    giji_graph_free(&h);
    /* cut off at 2.5: only paths of length <= 2 count. Through node 2 that
     * is (0,3) and (1,3); node 0 sees 1, 2 (distance 1) and 3 (distance 2) */
    make(&h, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&h, 2.5, 0));
    NEAR(h.cutoff, 2.5);
    NEAR(metric(&h, 2, GIJI_METRIC_BETWEENNESS), 2.0 / 10);
    NEAR(metric(&h, 0, GIJI_METRIC_HARMONIC), (1 + 1 + 0.5) / 5.0);
    giji_graph_free(&h);
    /* at 1.5 no path has an inner node */
    make(&h, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&h, 1.5, 0));
    NEAR(metric(&h, 2, GIJI_METRIC_BETWEENNESS), 0);
    giji_graph_free(&h);
    /* estimated from 3 sampled sources: the same every time, 0 where no
     * shortest path passes, positive at the bridge's ends */
    make(&h, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&h, GIJI_CUTOFF_AUTO, 3));
    assert_int_equal(h.samples, 3);
    NEAR(h.cutoff, 0);
    for (size_t i = 0; i < 6; i++) {
        double b = metric(&h, i, GIJI_METRIC_BETWEENNESS), hc = metric(&h, i, GIJI_METRIC_HARMONIC);
        if (i == 2 || i == 3)
            assert_true(b > 0);
        else
            NEAR(b, 0);
        assert_true(hc >= 1.0 / 3 - 1e-9 && hc <= 1 + 1e-9); /* a mean of 1/d, d in 1..3 */
    }
    giji_graph k2;
    make(&k2, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&k2, GIJI_CUTOFF_AUTO, 3));
    for (size_t i = 0; i < 6; i++)
        assert_memory_equal(k2.nodes[i].metric, h.nodes[i].metric, sizeof h.nodes[i].metric);
    giji_graph_free(&k2);
    giji_graph_free(&h);
    /* sampling every node is the exact computation */
    make(&h, 6, barbell, NULL, 7);
    OK(giji_graph_compute_metrics(&h, GIJI_CUTOFF_AUTO, 6));
    assert_int_equal(h.samples, 0);
    NEAR(metric(&h, 2, GIJI_METRIC_BETWEENNESS), 0.6);
    assert_int_equal(giji_graph_compute_metrics(&h, 2.0, 3), GIJI_EINVAL);
    giji_graph_free(&h);
    /* top 2 by betweenness: the bridge's ends, and the bridge */
    OK(giji_graph_top(&g, 2, GIJI_METRIC_BETWEENNESS));
    assert_int_equal(g.nnodes, 2);
    assert_int_equal(g.nedges, 1);
    assert_int_equal(g.nodes[0].id, 3);
    assert_int_equal(g.nodes[1].id, 4);
    assert_int_equal(g.full_nodes, 6);
    giji_graph_free(&g);
}

static void test_degenerate(void **state)
{
    (void)state;
    giji_graph g;
    giji_graph_init(&g);
    OK(giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0));
    assert_true(g.has_metrics);
    assert_int_equal(g.communities, 0);
    OK(giji_graph_top(&g, 3, GIJI_METRIC_DEGREE));
    giji_graph_free(&g);
    /* one node, no edge */
    make(&g, 1, NULL, NULL, 0);
    OK(giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0));
    NEAR(metric(&g, 0, GIJI_METRIC_DEGREE), 0);
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), 0);
    NEAR(metric(&g, 0, GIJI_METRIC_BETWEENNESS), 0);
    NEAR(pagerank_sum(&g), 1.0);
    assert_int_equal(g.communities, 1);
    NEAR(g.modularity, 0);
    giji_graph_free(&g);
    /* two nodes, one edge */
    static const size_t e[][2] = {{0, 1}};
    make(&g, 2, e, NULL, 1);
    OK(giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0));
    NEAR(metric(&g, 0, GIJI_METRIC_HARMONIC), 1);
    NEAR(metric(&g, 1, GIJI_METRIC_EIGENVECTOR), 1);
    NEAR(pagerank_sum(&g), 1.0);
    giji_graph_free(&g);
    /* bad input: an edge to nowhere, a zero weight, a bad cutoff */
    make(&g, 2, NULL, NULL, 0);
    assert_int_equal(giji_graph_add_edge(&g, GIJI_EDGE_COMENTION, 0, 2, 1, 1, NULL, 0), GIJI_EINVAL);
    assert_int_equal(giji_graph_add_edge(&g, GIJI_EDGE_COMENTION, 1, 1, 1, 1, NULL, 0), GIJI_EINVAL);
    OK(giji_graph_add_edge(&g, GIJI_EDGE_COMENTION, 0, 1, 0, 1, NULL, 0));
    assert_int_equal(giji_graph_compute_metrics(&g, 0, 0), GIJI_EINVAL);
    g.edges[0].weight = 1;
    assert_int_equal(giji_graph_compute_metrics(&g, -5, 0), GIJI_EINVAL);
    OK(giji_graph_compute_metrics(&g, 0, 0));
    giji_graph_free(&g);
}

/* ---- the spec ----------------------------------------------------------- */

static void test_spec_key(void **state)
{
    (void)state;
    giji_graph_spec a, b;
    giji_graph_spec_init(&a);
    giji_graph_spec_init(&b);
    static const long long m1[] = {3, 1, 3}, m2[] = {1, 3};
    a.meetings = m1;
    a.nmeetings = 3;
    b.meetings = m2;
    b.nmeetings = 2;
    a.top = 5; /* top and top_by do not change the graph the metrics are of */
    b.top_by = GIJI_METRIC_DEGREE;
    a.body = b.body = "本部;\"x\"";
    char *ka, *kb;
    OK(giji_graph_spec_key(&a, &ka));
    OK(giji_graph_spec_key(&b, &kb));
    assert_string_equal(ka, kb);
    assert_non_null(strstr(ka, "meetings=1,3;"));
    assert_non_null(strstr(ka, "body=\"本部;\\\"x\\\"\";"));
    free(kb);
    /* raised edges are never normalised: the norm drops out of the key */
    a.edges = b.edges = GIJI_GRAPH_RAISED;
    b.norm = GIJI_NORM_JACCARD;
    OK(giji_graph_spec_key(&b, &kb));
    free(ka);
    OK(giji_graph_spec_key(&a, &ka));
    assert_string_equal(ka, kb);
    free(kb);
    b.edges = GIJI_GRAPH_BOTH;
    OK(giji_graph_spec_key(&b, &kb));
    assert_string_not_equal(ka, kb);
    free(ka);
    free(kb);
    /* checks */
    a.from = "2017-13-01";
    assert_int_equal(giji_graph_spec_key(&a, &ka), GIJI_EINVAL);
    a.from = "2018-01-01";
    a.to = "2017-01-01";
    assert_int_equal(giji_graph_spec_check(&a), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "after"));
    a.to = NULL;
    a.depth = -1;
    assert_int_equal(giji_graph_spec_check(&a), GIJI_EINVAL);
    a.depth = 1;
    a.types = 1u << 12;
    assert_int_equal(giji_graph_spec_check(&a), GIJI_EINVAL);
    /* names */
    assert_int_equal(giji_graph_edges_parse("co-mention"), GIJI_GRAPH_COMENTION);
    assert_int_equal(giji_metric_parse("harmonic"), GIJI_METRIC_HARMONIC);
    assert_int_equal(giji_metric_parse("closeness"), -1);
    assert_string_equal(giji_graph_norm_name(GIJI_NORM_ASSOCIATION), "association");
    assert_string_equal(giji_edge_kind_name(GIJI_EDGE_SHARED), "shared");
}

/* ---- the samples ---------------------------------------------------------- */

static fixture samples; /* the two sample minutes, ingested once */

static int samples_setup(void **state)
{
    (void)state;
    snprintf(samples.dir, sizeof samples.dir, "/tmp/giji-graph-XXXXXX");
    if (!mkdtemp(samples.dir))
        return -1;
    snprintf(samples.db, sizeof samples.db, "%s/out/giji.db", samples.dir);
    giji_rules *rules = NULL;
    giji_gazetteer *gz = NULL;
    giji_extractor *ex = NULL;
    giji_extract_options opt = {.discover = 1, .infer = 1};
    int rc = giji_rules_load(GIJI_TEST_DATA, &rules);
    rc = rc ? rc : giji_gazetteer_load(GIJI_TEST_DATA, NULL, 0, &gz);
    rc = rc ? rc : giji_extractor_new(gz, GIJI_TEST_DATA, &opt, &ex);
    rc = rc ? rc : giji_store_open(samples.db, &samples.st);
    static const char *const files[] = {GIJI_TEST_DATA "/minutes/000_329f7531fe1d3291.txt",
                                        GIJI_TEST_DATA "/minutes/002_daf3e4a02cc06ec7.txt"};
    for (size_t i = 0; rc == GIJI_OK && i < 2; i++) {
        giji_ingest_result res;
        rc = giji_ingest_file(samples.st, rules, ex, files[i], 0, &res);
        giji_ingest_result_free(&res);
    }
    if (rc)
        print_error("samples: %s\n", giji_error_message());
    /* Ten meetings without remarks: a filter that keeps one or two meetings
     * of twelve takes the store's indexed path (read_by_meeting), a wider
     * one the scanning path (read_by_scan); the counts must not differ. */
    if (rc == GIJI_OK) {
        sqlite3 *db = NULL;
        rc = sqlite3_open(samples.db, &db) == SQLITE_OK &&
                     sqlite3_exec(db, "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 10) "
                                      "INSERT INTO sources (name, path, sha256, size) SELECT 'empty' || i || '.txt', "
                                      "'x', printf('%064d', i), 1 FROM k; "
                                      "INSERT INTO meetings (source_id, body) SELECT id, 'empty' FROM sources "
                                      "WHERE name LIKE 'empty%'", NULL, NULL, NULL) == SQLITE_OK
                 ? GIJI_OK : -1;
        sqlite3_close(db);
    }
    giji_extractor_free(ex);
    giji_gazetteer_free(gz);
    giji_rules_free(rules);
    return rc ? -1 : 0;
}

static int samples_teardown(void **state)
{
    fixture *f = malloc(sizeof *f);
    if (!f)
        return -1;
    *f = samples;
    *state = f;
    return fixture_teardown(state);
}

/* The number the test's own SQL gives. */
static long long q(const char *sql)
{
    return raw_count(&samples, sql);
}

/* Remark ids of a query, as "1 2 3". */
static char *q_ids(const char *sql, const char *a, const char *b)
{
    sqlite3 *db = raw_open(&samples);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    int first = 1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        fprintf(f, first ? "%lld" : " %lld", (long long)sqlite3_column_int64(s, 0));
        first = 0;
    }
    fclose(f);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return buf;
}

static char *edge_ids(const giji_graph_edge *e)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    for (size_t i = 0; i < e->nremarks; i++)
        fprintf(f, i ? " %lld" : "%lld", e->remarks[i]);
    fclose(f);
    return buf;
}

static size_t find_node(const giji_graph *g, giji_node_kind kind, const char *name)
{
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].kind == kind && !strcmp(g->nodes[i].name, name))
            return i;
    fail_msg("no node '%s'", name);
    return 0;
}

static const giji_graph_edge *find_edge(const giji_graph *g, giji_edge_kind kind, size_t a, size_t b)
{
    for (size_t i = 0; i < g->nedges; i++) {
        const giji_graph_edge *e = &g->edges[i];
        if (e->kind == kind && ((e->source == a && e->target == b) || (e->source == b && e->target == a)))
            return e;
    }
    fail_msg("no edge %zu-%zu", a, b);
    return NULL;
}

static size_t count_kind(const giji_graph *g, int edge, int kind)
{
    size_t n = 0;
    for (size_t i = 0; i < (edge ? g->nedges : g->nnodes); i++)
        n += (edge ? (int)g->edges[i].kind : (int)g->nodes[i].kind) == kind;
    return n;
}

/* Speaker key of a remark in SQL: the person, or the meeting for anonymous ones. */
#define SPEAKER "coalesce('p' || r.speaker_id, 'u' || r.meeting_id)"

static void test_samples_counts(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    giji_graph g;

    /* raised edges: distinct (speaker, entity) pairs; nodes: their ends */
    s.edges = GIJI_GRAPH_RAISED;
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(g.nedges, q("SELECT count(*) FROM (SELECT DISTINCT " SPEAKER ", m.entity_id "
                                 "FROM remarks r JOIN mentions m ON m.remark_id = r.id)"));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_PERSON),
                     q("SELECT count(DISTINCT r.speaker_id) FROM remarks r JOIN mentions m ON m.remark_id = r.id"));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_UNATTRIBUTED),
                     q("SELECT count(DISTINCT r.meeting_id) FROM remarks r JOIN mentions m ON m.remark_id = r.id "
                       "WHERE r.speaker_id IS NULL"));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_ENTITY), q("SELECT count(DISTINCT entity_id) FROM mentions"));
    assert_int_equal(g.selected_remarks, q("SELECT count(DISTINCT remark_id) FROM mentions"));
    assert_true(count_kind(&g, 0, GIJI_NODE_UNATTRIBUTED) >= 1); /* the 2007 bullets */
    giji_graph_free(&g);

    /* co-mention: distinct entity pairs that share a remark */
    s.edges = GIJI_GRAPH_COMENTION;
    OK(giji_graph_build(samples.st, &s, &g));
    long long pairs = q("SELECT count(*) FROM (SELECT DISTINCT a.entity_id, b.entity_id FROM mentions a "
                        "JOIN mentions b ON b.remark_id = a.remark_id AND b.entity_id > a.entity_id)");
    assert_int_equal(g.nedges, pairs);
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_PERSON), 0);
    assert_int_equal(g.nnodes, q("SELECT count(DISTINCT a.entity_id) FROM mentions a JOIN mentions b "
                                 "ON b.remark_id = a.remark_id AND b.entity_id <> a.entity_id"));
    giji_graph_free(&g);

    /* both */
    s.edges = GIJI_GRAPH_BOTH;
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(count_kind(&g, 1, GIJI_EDGE_COMENTION), pairs);
    assert_int_equal(count_kind(&g, 1, GIJI_EDGE_RAISED),
                     q("SELECT count(*) FROM (SELECT DISTINCT " SPEAKER ", m.entity_id "
                       "FROM remarks r JOIN mentions m ON m.remark_id = r.id)"));
    /* canonical order: nodes by kind then id, edges by endpoints */
    for (size_t i = 1; i < g.nnodes; i++)
        assert_true(g.nodes[i - 1].kind < g.nodes[i].kind ||
                    (g.nodes[i - 1].kind == g.nodes[i].kind && g.nodes[i - 1].id < g.nodes[i].id));
    for (size_t i = 0; i < g.nedges; i++) {
        const giji_graph_edge *e = &g.edges[i];
        if (e->kind == GIJI_EDGE_RAISED)
            assert_true(g.nodes[e->source].kind != GIJI_NODE_ENTITY && g.nodes[e->target].kind == GIJI_NODE_ENTITY);
        else
            assert_true(e->source < e->target);
        assert_int_equal(e->count, (long long)e->nremarks);
        for (size_t k = 1; k < e->nremarks; k++)
            assert_true(e->remarks[k - 1] < e->remarks[k]);
    }
    giji_graph_free(&g);

    /* attributed only: no unattributed node, no anonymous remark */
    s.edges = GIJI_GRAPH_RAISED;
    s.attributed_only = 1;
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_UNATTRIBUTED), 0);
    assert_int_equal(g.nedges, q("SELECT count(*) FROM (SELECT DISTINCT r.speaker_id, m.entity_id FROM remarks r "
                                 "JOIN mentions m ON m.remark_id = r.id WHERE r.speaker_id IS NOT NULL)"));
    giji_graph_free(&g);
    s.attributed_only = 0;

    /* one meeting, by id; types */
    s.edges = GIJI_GRAPH_BOTH;
    long long m2 = q("SELECT m.id FROM meetings m JOIN sources s ON s.id = m.source_id "
                     "WHERE s.name = '002_daf3e4a02cc06ec7.txt'");
    s.meetings = &m2;
    s.nmeetings = 1;
    s.types = 1u << GIJI_ENT_TOPIC;
    OK(giji_graph_build(samples.st, &s, &g));
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT DISTINCT a.entity_id, b.entity_id FROM mentions a "
             "JOIN mentions b ON b.remark_id = a.remark_id AND b.entity_id > a.entity_id "
             "JOIN entities x ON x.id = a.entity_id JOIN entities y ON y.id = b.entity_id "
             "JOIN remarks r ON r.id = a.remark_id WHERE r.meeting_id = %lld AND x.type = 'topic' AND y.type = 'topic')",
             m2);
    assert_int_equal(count_kind(&g, 1, GIJI_EDGE_COMENTION), q(sql));
    for (size_t i = 0; i < g.nnodes; i++)
        if (g.nodes[i].kind == GIJI_NODE_ENTITY)
            assert_int_equal(g.nodes[i].type, GIJI_ENT_TOPIC);
    giji_graph_free(&g);
    s.types = 0;

    /* dates: 2007 only is the second meeting; an empty range is an empty graph */
    s.meetings = NULL;
    s.nmeetings = 0;
    s.from = "2007-01-01";
    s.to = "2007-12-31";
    giji_graph h;
    OK(giji_graph_build(samples.st, &s, &g));
    s.from = s.to = NULL;
    s.meetings = &m2;
    s.nmeetings = 1;
    OK(giji_graph_build(samples.st, &s, &h));
    assert_int_equal(g.nnodes, h.nnodes);
    assert_int_equal(g.nedges, h.nedges);
    giji_graph_free(&g);
    giji_graph_free(&h);
    s.meetings = NULL;
    s.nmeetings = 0;
    s.from = "1990-01-01";
    s.to = "1990-12-31";
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(g.nnodes, 0);
    OK(giji_graph_metrics(samples.st, &s, &g));
    assert_true(g.has_metrics);
    giji_graph_free(&g);
    s.from = s.to = NULL;

    /* body: the 2007 meeting's body, and the body it sits under */
    s.body = "情報セキュリティ政策会議";
    OK(giji_graph_build(samples.st, &s, &g));
    s.body = "高度情報通信ネットワーク社会推進戦略本部";
    OK(giji_graph_build(samples.st, &s, &h));
    assert_true(g.nnodes > 0);
    assert_int_equal(g.nnodes, h.nnodes);
    giji_graph_free(&g);
    giji_graph_free(&h);
    s.body = NULL;

    /* listing the two meetings that have remarks gives the whole graph
     * (the single-meeting graphs above took the indexed path, checked
     * against SQL; these, the scanning path) */
    long long both_ids[] = {m2, q("SELECT m.id FROM meetings m JOIN sources s ON s.id = m.source_id "
                                  "WHERE s.name = '000_329f7531fe1d3291.txt'")};
    OK(giji_graph_build(samples.st, &s, &g));
    s.meetings = both_ids;
    s.nmeetings = 2;
    OK(giji_graph_build(samples.st, &s, &h));
    assert_int_equal(g.nnodes, h.nnodes);
    assert_int_equal(g.nedges, h.nedges);
    for (size_t i = 0; i < g.nedges; i++) {
        assert_int_equal(g.edges[i].source, h.edges[i].source);
        assert_int_equal(g.edges[i].nremarks, h.edges[i].nremarks);
        assert_memory_equal(g.edges[i].remarks, h.edges[i].remarks, g.edges[i].nremarks * sizeof(long long));
    }
    giji_graph_free(&g);
    giji_graph_free(&h);
    s.meetings = NULL;
    s.nmeetings = 0;

    /* an unknown meeting */
    long long nope = 999;
    s.meetings = &nope;
    s.nmeetings = 1;
    assert_int_equal(giji_graph_build(samples.st, &s, &g), GIJI_ENOTFOUND);
    assert_int_equal(g.nnodes, 0);
}

static void test_samples_trace(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    giji_graph g;
    OK(giji_graph_build(samples.st, &s, &g));

    /* raised: 村井 純 -> サイバーセキュリティ基本法, the remarks of his that mention it */
    size_t p = find_node(&g, GIJI_NODE_PERSON, "村井 純");
    size_t law = find_node(&g, GIJI_NODE_ENTITY, "サイバーセキュリティ基本法");
    const giji_graph_edge *e = find_edge(&g, GIJI_EDGE_RAISED, p, law);
    assert_int_equal(e->source, p);
    char *got = edge_ids(e);
    char *want = q_ids("SELECT DISTINCT r.id FROM remarks r JOIN persons p ON p.id = r.speaker_id "
                       "JOIN mentions m ON m.remark_id = r.id JOIN entities e ON e.id = m.entity_id "
                       "WHERE p.display = ?1 AND e.name = ?2 ORDER BY r.id", "村井 純", "サイバーセキュリティ基本法");
    assert_true(strlen(want) > 0);
    assert_string_equal(got, want);
    NEAR(e->weight, (double)e->nremarks);
    free(got);
    free(want);

    /* co-mention: 重要インフラ -- 情報共有, the remarks mentioning both */
    size_t a = find_node(&g, GIJI_NODE_ENTITY, "重要インフラ");
    size_t b = find_node(&g, GIJI_NODE_ENTITY, "情報共有");
    e = find_edge(&g, GIJI_EDGE_COMENTION, a, b);
    got = edge_ids(e);
    want = q_ids("SELECT remark_id FROM mentions WHERE entity_id = (SELECT id FROM entities WHERE name = ?1) "
                 "INTERSECT SELECT remark_id FROM mentions WHERE entity_id = (SELECT id FROM entities WHERE name = ?2) "
                 "ORDER BY 1", "重要インフラ", "情報共有");
    assert_string_equal(got, want);
    assert_int_equal(e->count, (long long)e->nremarks);
    free(got);
    free(want);

    /* an anonymous remark hangs on its meeting's unattributed node:
     * 重点計画-2007 is mentioned only in the 2007 bullets */
    size_t u = find_node(&g, GIJI_NODE_UNATTRIBUTED, "unattributed: 情報セキュリティ政策会議 2007-10-03");
    size_t plan = find_node(&g, GIJI_NODE_ENTITY, "重点計画-2007");
    e = find_edge(&g, GIJI_EDGE_RAISED, u, plan);
    got = edge_ids(e);
    want = q_ids("SELECT DISTINCT r.id FROM remarks r JOIN mentions m ON m.remark_id = r.id "
                 "JOIN entities e ON e.id = m.entity_id WHERE r.speaker_id IS NULL AND e.name = ?1 ORDER BY 1",
                 "重点計画-2007", NULL);
    assert_string_equal(got, want);
    free(got);
    free(want);
    giji_graph_free(&g);
}

static void test_samples_norm_and_filters(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    s.edges = GIJI_GRAPH_COMENTION;
    giji_graph c, j, as;
    OK(giji_graph_build(samples.st, &s, &c));
    s.norm = GIJI_NORM_JACCARD;
    OK(giji_graph_build(samples.st, &s, &j));
    s.norm = GIJI_NORM_ASSOCIATION;
    OK(giji_graph_build(samples.st, &s, &as));
    assert_int_equal(c.nedges, j.nedges);
    assert_int_equal(c.nedges, as.nedges);
    for (size_t i = 0; i < c.nedges; i++) {
        const giji_graph_edge *e = &c.edges[i];
        double na = (double)c.nodes[e->source].remarks, nb = (double)c.nodes[e->target].remarks;
        double k = (double)e->count;
        NEAR(e->weight, k);
        NEAR(j.edges[i].weight, k / (na + nb - k));
        NEAR(as.edges[i].weight, k * (double)c.selected_remarks / (na * nb));
        assert_true(j.edges[i].weight > 0 && j.edges[i].weight <= 1);
    }
    giji_graph_free(&j);
    giji_graph_free(&as);

    /* min weight 2: exactly the edges of at least 2 remarks, and no node
     * left without an edge */
    s.norm = GIJI_NORM_COUNT;
    s.min_weight = 2;
    giji_graph m;
    OK(giji_graph_build(samples.st, &s, &m));
    size_t heavy = 0;
    for (size_t i = 0; i < c.nedges; i++)
        heavy += c.edges[i].count >= 2;
    assert_int_equal(m.nedges, heavy);
    assert_true(m.nedges > 0 && m.nedges < c.nedges);
    unsigned char *touched = calloc(m.nnodes, 1);
    for (size_t i = 0; i < m.nedges; i++)
        touched[m.edges[i].source] = touched[m.edges[i].target] = 1;
    for (size_t i = 0; i < m.nnodes; i++)
        assert_true(touched[i]);
    free(touched);
    giji_graph_free(&m);
    giji_graph_free(&c);

    /* focus: NISC is an alias of 内閣サイバーセキュリティセンター; depth 1
     * on the raised graph is the centre and who raised it */
    giji_graph_spec_init(&s);
    s.edges = GIJI_GRAPH_RAISED;
    s.focus = "NISC";
    giji_graph f;
    OK(giji_graph_build(samples.st, &s, &f));
    size_t centre = find_node(&f, GIJI_NODE_ENTITY, "内閣サイバーセキュリティセンター");
    assert_int_equal(count_kind(&f, 0, GIJI_NODE_ENTITY), 1);
    assert_int_equal(f.nedges, f.nnodes - 1);
    for (size_t i = 0; i < f.nedges; i++)
        assert_int_equal(f.edges[i].target, centre);
    assert_int_equal(f.nedges, q("SELECT count(DISTINCT " SPEAKER ") FROM remarks r JOIN mentions m "
                                 "ON m.remark_id = r.id JOIN entities e ON e.id = m.entity_id "
                                 "WHERE e.name = '内閣サイバーセキュリティセンター'"));
    giji_graph_free(&f);
    s.depth = 0;
    OK(giji_graph_build(samples.st, &s, &f));
    assert_int_equal(f.nnodes, 1);
    assert_int_equal(f.nedges, 0);
    giji_graph_free(&f);
    s.depth = 2; /* who raised it, and everything they raised */
    OK(giji_graph_build(samples.st, &s, &f));
    assert_true(f.nnodes > 3);
    giji_graph_free(&f);
    s.focus = "誰でもない人";
    assert_int_equal(giji_graph_build(samples.st, &s, &f), GIJI_ENOTFOUND);
    assert_non_null(strstr(giji_error_message(), "no person or entity is called"));
    /* a person by name with or without the space */
    s.focus = "林紘一郎";
    s.depth = 1;
    OK(giji_graph_build(samples.st, &s, &f));
    find_node(&f, GIJI_NODE_PERSON, "林 紘一郎");
    assert_int_equal(count_kind(&f, 0, GIJI_NODE_PERSON), 1);
    giji_graph_free(&f);
}

static void test_samples_projections(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    s.project = GIJI_PROJECT_PERSONS;
    s.attributed_only = 1;
    giji_graph g;
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_ENTITY), 0);
    assert_int_equal(count_kind(&g, 1, GIJI_EDGE_SHARED), g.nedges);
    /* persons linked when they raised a common entity; count = entities in common */
    assert_int_equal(g.nedges, q("SELECT count(*) FROM (SELECT DISTINCT a.speaker_id, b.speaker_id "
                                 "FROM remarks a JOIN mentions ma ON ma.remark_id = a.id "
                                 "JOIN mentions mb ON mb.entity_id = ma.entity_id JOIN remarks b ON b.id = mb.remark_id "
                                 "WHERE a.speaker_id < b.speaker_id)"));
    const giji_graph_edge *e = &g.edges[0];
    char sql[640];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT m.entity_id FROM remarks r JOIN mentions m "
             "ON m.remark_id = r.id WHERE r.speaker_id = %lld INTERSECT SELECT m.entity_id FROM remarks r "
             "JOIN mentions m ON m.remark_id = r.id WHERE r.speaker_id = %lld)",
             g.nodes[e->source].id, g.nodes[e->target].id);
    assert_int_equal(e->count, q(sql));
    /* its remarks: those of either person that mention a shared entity */
    snprintf(sql, sizeof sql, "SELECT count(DISTINCT r.id) FROM remarks r JOIN mentions m ON m.remark_id = r.id "
             "WHERE r.speaker_id IN (%lld, %lld) AND m.entity_id IN (SELECT m.entity_id FROM remarks r "
             "JOIN mentions m ON m.remark_id = r.id WHERE r.speaker_id = %lld INTERSECT SELECT m.entity_id "
             "FROM remarks r JOIN mentions m ON m.remark_id = r.id WHERE r.speaker_id = %lld)",
             g.nodes[e->source].id, g.nodes[e->target].id, g.nodes[e->source].id, g.nodes[e->target].id);
    assert_int_equal((long long)e->nremarks, q(sql));
    giji_graph_free(&g);

    s.project = GIJI_PROJECT_ENTITIES;
    OK(giji_graph_build(samples.st, &s, &g));
    assert_int_equal(count_kind(&g, 0, GIJI_NODE_PERSON), 0);
    assert_int_equal(g.nedges, q("SELECT count(*) FROM (SELECT DISTINCT a.entity_id, b.entity_id FROM mentions a "
                                 "JOIN remarks ra ON ra.id = a.remark_id JOIN remarks rb ON rb.speaker_id = ra.speaker_id "
                                 "JOIN mentions b ON b.remark_id = rb.id WHERE a.entity_id < b.entity_id)"));
    OK(giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0));
    NEAR(pagerank_sum(&g), 1.0);
    giji_graph_free(&g);
}

/* ---- the cache -------------------------------------------------------------- */

static void test_cache(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    s.edges = GIJI_GRAPH_RAISED;
    s.min_weight = 1.5; /* a spec of this test's own */
    giji_graph a, b;
    OK(giji_graph_build(samples.st, &s, &a));
    OK(giji_graph_metrics(samples.st, &s, &a));
    assert_int_equal(a.cache, GIJI_CACHE_STORED);
    OK(giji_graph_build(samples.st, &s, &b));
    OK(giji_graph_metrics(samples.st, &s, &b));
    assert_int_equal(b.cache, GIJI_CACHE_HIT);
    assert_int_equal(b.communities, a.communities);
    assert_true(b.modularity == a.modularity);
    for (size_t i = 0; i < a.nnodes; i++) {
        assert_memory_equal(a.nodes[i].metric, b.nodes[i].metric, sizeof a.nodes[i].metric);
        assert_int_equal(a.nodes[i].community, b.nodes[i].community);
    }
    giji_graph_free(&b);
    /* top does not change the key: a hit, cut afterwards */
    s.top = 3;
    OK(giji_graph_load(samples.st, &s, &b));
    assert_int_equal(b.cache, GIJI_CACHE_HIT);
    assert_int_equal(b.nnodes, 3);
    assert_int_equal(b.full_nodes, a.nnodes);
    giji_graph_free(&b);
    s.top = 0;
    char *key;
    OK(giji_graph_spec_key(&s, &key));
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM metrics_cache WHERE spec = '%s'", key);
    assert_int_equal(q(sql), 1);
    /* the content changes: the entry is stale, computed and stored again */
    raw_exec(&samples, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_version'");
    OK(giji_graph_build(samples.st, &s, &b));
    assert_int_equal(b.content_version, a.content_version + 1);
    OK(giji_graph_metrics(samples.st, &s, &b));
    assert_int_equal(b.cache, GIJI_CACHE_STORED);
    snprintf(sql, sizeof sql, "SELECT content_version FROM metrics_cache WHERE spec = '%s'", key);
    assert_int_equal(q(sql), b.content_version);
    assert_int_equal(q("SELECT count(*) FROM metrics_cache WHERE content_version < "
                       "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'content_version')"), 0);
    free(key);
    giji_graph_free(&b);
    /* a cache entry listing other nodes is not used */
    raw_exec(&samples, "UPDATE metrics_cache_data SET nodes = substr(nodes, 1, 8) || X'FFFFFFFF00000000' || substr(nodes, 17)");
    OK(giji_graph_build(samples.st, &s, &b));
    OK(giji_graph_metrics(samples.st, &s, &b));
    assert_int_equal(b.cache, GIJI_CACHE_STORED);
    giji_graph_free(&b);
    giji_graph_free(&a);
}

/* ---- exports ------------------------------------------------------------- */

typedef int (*writer)(const giji_graph *, const char *, FILE *);

static int csv_both(const giji_graph *g, const char *key, FILE *out)
{
    (void)key;
    int rc = giji_export_graph_csv_nodes(g, out);
    return rc ? rc : giji_export_graph_csv_edges(g, out);
}

static char *render(const giji_graph *g, writer w)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    OK(w(g, "spec \"x\" <&>", f));
    fclose(f);
    return buf;
}

/* A top cut with the metrics cached counts only the edges between the
 * nodes it keeps (graph/load.c), from the kept nodes' remarks when the
 * entry has the counts (schema 8), else from the whole facts; either must
 * give what cutting the whole graph gives, in every export. */
static void test_top_from_cache(void **state)
{
    (void)state;
    static const struct { unsigned edges; giji_graph_norm norm; double min_weight; int attributed_only;
                          size_t top, persons; giji_metric by; } cases[] = {
        {GIJI_GRAPH_RAISED | GIJI_GRAPH_COMENTION, GIJI_NORM_COUNT, 0, 0, 5, 0, GIJI_METRIC_PAGERANK},
        {GIJI_GRAPH_RAISED | GIJI_GRAPH_COMENTION, GIJI_NORM_COUNT, 0, 0, 12, 4, GIJI_METRIC_PAGERANK},
        {GIJI_GRAPH_RAISED | GIJI_GRAPH_COMENTION, GIJI_NORM_COUNT, 0, 1, 9, 3, GIJI_METRIC_BETWEENNESS},
        {GIJI_GRAPH_RAISED, GIJI_NORM_COUNT, 1.5, 0, 6, 0, GIJI_METRIC_DEGREE},
        {GIJI_GRAPH_COMENTION, GIJI_NORM_ASSOCIATION, 0.5, 0, 10, 0, GIJI_METRIC_STRENGTH},
        {GIJI_GRAPH_RAISED | GIJI_GRAPH_COMENTION, GIJI_NORM_JACCARD, 0, 0, 100000, 0, GIJI_METRIC_PAGERANK},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        giji_graph_spec s;
        giji_graph_spec_init(&s);
        s.edges = cases[k].edges;
        s.norm = cases[k].norm;
        s.min_weight = cases[k].min_weight;
        s.attributed_only = cases[k].attributed_only;
        giji_graph whole, cut;
        OK(giji_graph_build(samples.st, &s, &whole));
        OK(giji_graph_metrics(samples.st, &s, &whole)); /* fills the cache */
        s.top = cases[k].top;
        s.top_persons = cases[k].persons;
        s.top_by = cases[k].by;
        OK(giji_graph_top_mixed(&whole, s.top, s.top_by, s.top_persons));
        OK(giji_graph_load(samples.st, &s, &cut));
        assert_int_equal(cut.cache, GIJI_CACHE_HIT);
        assert_int_equal(cut.full_nodes, whole.full_nodes);
        assert_int_equal(cut.full_edges, whole.full_edges);
        assert_int_equal(cut.selected_remarks, whole.selected_remarks);
        assert_int_equal(cut.nmeetings, whole.nmeetings);
        char *x = render(&whole, giji_export_graphml), *y = render(&cut, giji_export_graphml);
        assert_string_equal(x, y);
        free(y);
        giji_graph_free(&cut);
        /* the cut above came from the entry's counts (schema 8) and the kept
         * nodes' remarks; without the counts, from the whole facts */
        raw_exec(&samples, "UPDATE metrics_cache_data SET selected = NULL");
        OK(giji_graph_load(samples.st, &s, &cut));
        assert_int_equal(cut.cache, GIJI_CACHE_HIT);
        assert_int_equal(cut.selected_remarks, whole.selected_remarks);
        assert_int_equal(cut.nmeetings, whole.nmeetings);
        y = render(&cut, giji_export_graphml);
        assert_string_equal(x, y);
        free(x);
        free(y);
        giji_graph_free(&whole);
        giji_graph_free(&cut);
    }
    /* an entry naming a node the graph does not have: the whole graph is
     * built, its metrics computed and stored again */
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    s.min_weight = 2.5; /* a spec of this test's own */
    giji_graph g;
    OK(giji_graph_load(samples.st, &s, &g));
    giji_graph_free(&g);
    raw_exec(&samples, "UPDATE metrics_cache_data SET nodes = substr(nodes, 1, 8) || X'FFFFFFFF00000000' || substr(nodes, 17)");
    s.top = 4;
    OK(giji_graph_load(samples.st, &s, &g));
    assert_int_equal(g.cache, GIJI_CACHE_STORED);
    assert_int_equal(g.nnodes, 4);
    giji_graph_free(&g);
    OK(giji_graph_load(samples.st, &s, &g));
    assert_int_equal(g.cache, GIJI_CACHE_HIT);
    assert_int_equal(g.nnodes, 4);
    giji_graph_free(&g);
}

static void test_exports_deterministic(void **state)
{
    (void)state;
    static const writer writers[] = {giji_export_graphml, giji_export_dot, giji_export_graph_json, csv_both};
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    giji_graph a, b;
    OK(giji_graph_build(samples.st, &s, &a));
    OK(giji_graph_compute_metrics(&a, GIJI_CUTOFF_AUTO, 0));
    OK(giji_graph_load(samples.st, &s, &b)); /* from the cache, or stored */
    for (size_t i = 0; i < 4; i++) {
        char *x = render(&a, writers[i]), *y = render(&b, writers[i]);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    giji_graph_free(&a);
    giji_graph_free(&b);
}

/* Parse GraphML text with igraph; the node and edge counts. */
static void igraph_counts(const char *text, igraph_integer_t *nv, igraph_integer_t *ne)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(f);
    igraph_t ig;
    igraph_error_handler_t *old = igraph_set_error_handler(igraph_error_handler_printignore);
    igraph_error_t err = igraph_read_graph_graphml(&ig, f, 0);
    igraph_set_error_handler(old);
    fclose(f);
    assert_int_equal(err, IGRAPH_SUCCESS);
    *nv = igraph_vcount(&ig);
    *ne = igraph_ecount(&ig);
    igraph_destroy(&ig);
}

static void test_graphml_igraph(void **state)
{
    (void)state;
    giji_graph_spec s;
    giji_graph_spec_init(&s);
    giji_graph g;
    OK(giji_graph_load(samples.st, &s, &g));
    char *xml = render(&g, giji_export_graphml);
    igraph_integer_t nv, ne;
    igraph_counts(xml, &nv, &ne);
    assert_int_equal(nv, g.nnodes);
    assert_int_equal(ne, g.nedges);
    free(xml);
    giji_graph_free(&g);
    /* a projection, without metrics */
    s.project = GIJI_PROJECT_ENTITIES;
    OK(giji_graph_build(samples.st, &s, &g));
    xml = render(&g, giji_export_graphml);
    igraph_counts(xml, &nv, &ne);
    assert_int_equal(nv, g.nnodes);
    assert_int_equal(ne, g.nedges);
    assert_null(strstr(xml, "pagerank"));
    free(xml);
    giji_graph_free(&g);
}

#define HOSTILE "A \"q\" <b> & 'c' \\d\\\nline2\r\nx\ty\x01z"

static void test_hostile_names(void **state)
{
    (void)state;
    giji_graph g;
    giji_graph_init(&g);
    size_t p, e;
    OK(giji_graph_add_node(&g, GIJI_NODE_PERSON, 7, HOSTILE, -1, 1, &p));
    OK(giji_graph_add_node(&g, GIJI_NODE_ENTITY, 9, "bad \xff byte, \"x\"", GIJI_ENT_ORG, 1, &e));
    long long ids[] = {5, 3, 5};
    OK(giji_graph_add_edge(&g, GIJI_EDGE_RAISED, p, e, 2, 2, ids, 3));
    assert_int_equal(g.edges[0].nremarks, 2); /* sorted, made unique */
    OK(giji_graph_compute_metrics(&g, GIJI_CUTOFF_AUTO, 0));

    char *xml = render(&g, giji_export_graphml);
    assert_non_null(strstr(xml, "<data key=\"n_label\">A &quot;q&quot; &lt;b&gt; &amp; &apos;c&apos; "
                                "\\d\\&#10;line2&#13;&#10;x&#9;y\xEF\xBF\xBDz</data>"));
    assert_non_null(strstr(xml, "bad \xEF\xBF\xBD byte, &quot;x&quot;"));
    assert_non_null(strstr(xml, "<data key=\"e_remark_ids\">3 5</data>"));
    assert_non_null(strstr(xml, "spec &quot;x&quot; &lt;&amp;&gt;"));
    igraph_integer_t nv, ne;
    igraph_counts(xml, &nv, &ne);
    assert_int_equal(nv, 2);
    assert_int_equal(ne, 1);
    free(xml);

    char *dot = render(&g, giji_export_dot);
    assert_non_null(strstr(dot, "label=\"A \\\"q\\\" <b> & 'c' \\\\d\\\\\\nline2\\nx y z\""));
    assert_non_null(strstr(dot, "\"p7\" -- \"e9\" [kind=\"raised\", weight=\"2\""));
    assert_non_null(strstr(dot, "remark_ids=\"3 5\""));
    /* no raw newline inside any quoted string: every line has an even
     * number of unescaped quotes */
    for (char *line = dot; *line;) {
        char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        int quotes = 0;
        for (size_t i = 0; i < len; i++) {
            if (line[i] == '\\')
                i++;
            else if (line[i] == '"')
                quotes++;
        }
        assert_int_equal(quotes % 2, 0);
        line += len + (end ? 1 : 0);
    }
    free(dot);

    char *csv = render(&g, csv_both);
    assert_non_null(strstr(csv, "p7,\"A \"\"q\"\" <b> & 'c' \\d\\\nline2\r\nx\ty\x01z\",person,7,,"));
    assert_non_null(strstr(csv, "e9,\"bad \xEF\xBF\xBD byte, \"\"x\"\"\",entity,9,org,"));
    assert_non_null(strstr(csv, "p7,e9,raised,2,2,3 5\r\n"));
    free(csv);

    char *json = render(&g, giji_export_graph_json);
    assert_non_null(strstr(json, "\"name\": \"A \\\"q\\\" \\u003cb\\u003e \\u0026 'c' \\\\d\\\\\\nline2\\r\\nx\\ty\\u0001z\""));
    assert_non_null(strstr(json, "\"spec\": \"spec \\\"x\\\" \\u003c\\u0026\\u003e\""));
    free(json);
    giji_graph_free(&g);

    /* the escapers alone */
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(giji_xml_escape(f, "\xEF\xBF\xBE<", 4), 0);  /* U+FFFE is not XML */
    assert_int_equal(giji_dot_escape(f, "a\rb", 3), 0);
    assert_int_equal(giji_csv_escape(f, NULL), 0);
    assert_int_equal(giji_csv_escape(f, "plain"), 0);
    fclose(f);
    assert_string_equal(buf, "\xEF\xBF\xBD&lt;a\\nbplain");
    free(buf);
}

int main(void)
{
    const struct CMUnitTest hand[] = {
        cmocka_unit_test(test_path),
        cmocka_unit_test(test_weighted_path),
        cmocka_unit_test(test_star),
        cmocka_unit_test(test_top_persons),
        cmocka_unit_test(test_two_triangles),
        cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_spec_key),
        cmocka_unit_test(test_hostile_names),
    };
    const struct CMUnitTest sample[] = {
        cmocka_unit_test(test_samples_counts),
        cmocka_unit_test(test_samples_trace),
        cmocka_unit_test(test_samples_norm_and_filters),
        cmocka_unit_test(test_samples_projections),
        cmocka_unit_test(test_cache),
        cmocka_unit_test(test_top_from_cache),
        cmocka_unit_test(test_exports_deterministic),
        cmocka_unit_test(test_graphml_igraph),
    };
    int failed = cmocka_run_group_tests_name("graph", hand, NULL, NULL);
    failed += cmocka_run_group_tests_name("graph on the samples", sample, samples_setup, samples_teardown);
    return failed;
}
