/*
 * export/graph.c — the graph (giji/graph.h) as GraphML, DOT, CSV (a nodes
 * table and an edges table) and JSON (docs/graph-model.md#exports). Every
 * node and edge attribute is written: kind, database id, name, entity type,
 * remarks, the six metrics, community; kind, weight, count and remark ids.
 * Escaping is escape.c's (and jsonw.c's for JSON); numbers are numfmt.c's.
 * Not responsible for building the graph or computing metrics (graph/).
 *
 * Every writer is deterministic: the graph's order, fixed attribute order,
 * shortest round-trip numbers. A write error is GIJI_EIO with errno's text.
 */
#include "giji/export.h"
#include "giji/extract.h"
#include "giji/giji.h"
#include "export/escape.h"
#include "export/jsonw.h"
#include "export/numfmt.h"
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *generator(void)
{
    static char buf[32];
    if (!buf[0])
        snprintf(buf, sizeof buf, "giji %s", giji_version());
    return buf;
}

static const char *type_name(const giji_graph_node *n)
{
    return n->kind == GIJI_NODE_ENTITY ? giji_entity_type_name(n->type) : NULL;
}

static int finish(FILE *out, int failed, const char *what)
{
    if (!failed && (fflush(out) == EOF || ferror(out)))
        failed = 1;
    if (failed)
        return giji_error_set(GIJI_EIO, "cannot write the %s: %s", what, strerror(errno ? errno : EIO));
    return GIJI_OK;
}

/* "12 15 99" */
static int put_ids(FILE *out, const giji_graph_edge *e)
{
    for (size_t i = 0; i < e->nremarks; i++)
        if (fprintf(out, i ? " %lld" : "%lld", e->remarks[i]) < 0)
            return -1;
    return 0;
}

/* ---- GraphML --------------------------------------------------------------- */

typedef struct gml_key {
    const char *id, *for_, *type;
} gml_key;

/* Node keys after the first five are the metrics, in giji_metric order. */
static const gml_key gml_keys[] = {
    {"label", "node", "string"},       {"kind", "node", "string"},
    {"db_id", "node", "long"},         {"type", "node", "string"},
    {"remarks", "node", "long"},       {"degree", "node", "double"},
    {"strength", "node", "double"},    {"betweenness", "node", "double"},
    {"harmonic", "node", "double"},    {"eigenvector", "node", "double"},
    {"pagerank", "node", "double"},    {"community", "node", "long"},
    {"kind", "edge", "string"},        {"weight", "edge", "double"},
    {"count", "edge", "long"},         {"remark_ids", "edge", "string"},
    {"spec", "graph", "string"},       {"content_version", "graph", "long"},
    {"modularity", "graph", "double"}, {"communities", "graph", "long"},
    {"betweenness_cutoff", "graph", "double"}, {"betweenness_samples", "graph", "long"},
};

static int xml_text(FILE *out, const char *s)
{
    return giji_xml_escape(out, s ? s : "", s ? strlen(s) : 0);
}

/* <data key="K">text</data> for a string (escaped) or a number (as is). */
static int gml_data(FILE *out, const char *indent, const char *prefix, const char *key, const char *s,
                    int escape)
{
    if (fprintf(out, "%s<data key=\"%s%s\">", indent, prefix, key) < 0)
        return -1;
    if ((escape ? xml_text(out, s) : fputs(s, out) == EOF ? -1 : 0) != 0)
        return -1;
    return fputs("</data>\n", out) == EOF ? -1 : 0;
}

static int gml_double(FILE *out, const char *indent, const char *prefix, const char *key, double v)
{
    char buf[32];
    if (!giji_fmt_double(buf, v))
        snprintf(buf, sizeof buf, "NaN");
    return gml_data(out, indent, prefix, key, buf, 0);
}

static int gml_long(FILE *out, const char *indent, const char *prefix, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return gml_data(out, indent, prefix, key, buf, 0);
}

int giji_export_graphml(const giji_graph *g, const char *spec_key, FILE *out)
{
    int bad = 0;
    bad |= fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
                 "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                 "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                 "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
                 out) == EOF;
    bad |= fprintf(out, "  <!-- %s -->\n", generator()) < 0;
    /* key ids carry the domain ("n_", "e_", "g_"): node and edge both have
     * a "kind" */
    for (size_t i = 0; !bad && i < sizeof gml_keys / sizeof *gml_keys; i++) {
        const gml_key *k = &gml_keys[i];
        if (!g->has_metrics && !strcmp(k->for_, "node") && i >= 5)
            continue;
        bad |= fprintf(out, "  <key id=\"%c_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                       k->for_[0], k->id, k->for_, k->id, k->type) < 0;
    }
    bad |= fputs("  <graph id=\"giji\" edgedefault=\"undirected\">\n", out) == EOF;
    const char *in = "    ";
    if (!bad && spec_key)
        bad |= gml_data(out, in, "g_", "spec", spec_key, 1) != 0;
    bad |= !bad && gml_long(out, in, "g_", "content_version", g->content_version) != 0;
    if (!bad && g->has_metrics) {
        bad |= gml_double(out, in, "g_", "modularity", g->modularity) != 0;
        bad |= gml_long(out, in, "g_", "communities", g->communities) != 0;
        bad |= gml_double(out, in, "g_", "betweenness_cutoff", g->cutoff) != 0;
        bad |= gml_long(out, in, "g_", "betweenness_samples", (long long)g->samples) != 0;
    }
    in = "      ";
    for (size_t i = 0; !bad && i < g->nnodes; i++) {
        const giji_graph_node *n = &g->nodes[i];
        char key[24];
        bad |= fprintf(out, "    <node id=\"%s\">\n", giji_graph_node_key(n, key)) < 0;
        bad |= !bad && gml_data(out, in, "n_", "label", n->name, 1) != 0;
        bad |= !bad && gml_data(out, in, "n_", "kind", giji_node_kind_name(n->kind), 1) != 0;
        bad |= !bad && gml_long(out, in, "n_", "db_id", n->id) != 0;
        if (!bad && type_name(n))
            bad |= gml_data(out, in, "n_", "type", type_name(n), 1) != 0;
        bad |= !bad && gml_long(out, in, "n_", "remarks", n->remarks) != 0;
        for (int m = 0; !bad && g->has_metrics && m < GIJI_NMETRICS; m++)
            bad |= gml_double(out, in, "n_", giji_metric_name((giji_metric)m), n->metric[m]) != 0;
        if (!bad && g->has_metrics)
            bad |= gml_long(out, in, "n_", "community", n->community) != 0;
        bad |= !bad && fputs("    </node>\n", out) == EOF;
    }
    for (size_t i = 0; !bad && i < g->nedges; i++) {
        const giji_graph_edge *e = &g->edges[i];
        char s[24], t[24];
        bad |= fprintf(out, "    <edge id=\"x%zu\" source=\"%s\" target=\"%s\">\n", i,
                       giji_graph_node_key(&g->nodes[e->source], s),
                       giji_graph_node_key(&g->nodes[e->target], t)) < 0;
        bad |= !bad && gml_data(out, in, "e_", "kind", giji_edge_kind_name(e->kind), 1) != 0;
        bad |= !bad && gml_double(out, in, "e_", "weight", e->weight) != 0;
        bad |= !bad && gml_long(out, in, "e_", "count", e->count) != 0;
        bad |= !bad && fprintf(out, "%s<data key=\"e_remark_ids\">", in) < 0;
        bad |= !bad && put_ids(out, e) != 0;
        bad |= !bad && fputs("</data>\n    </edge>\n", out) == EOF;
    }
    bad |= !bad && fputs("  </graph>\n</graphml>\n", out) == EOF;
    return finish(out, bad, "GraphML");
}

/* ---- DOT ------------------------------------------------------------------- */

static int dot_attr(FILE *out, int *first, const char *name, const char *value)
{
    if (fprintf(out, "%s%s=\"", *first ? "" : ", ", name) < 0)
        return -1;
    *first = 0;
    if (giji_dot_escape(out, value ? value : "", value ? strlen(value) : 0) != 0)
        return -1;
    return putc('"', out) == EOF ? -1 : 0;
}

static int dot_num(FILE *out, int *first, const char *name, double v)
{
    char buf[32];
    giji_fmt_double(buf, v);
    return dot_attr(out, first, name, buf);
}

static int dot_long(FILE *out, int *first, const char *name, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return dot_attr(out, first, name, buf);
}

int giji_export_dot(const giji_graph *g, const char *spec_key, FILE *out)
{
    int bad = fprintf(out, "// %s\n", generator()) < 0;
    if (!bad && spec_key) {
        /* the key as a comment: it holds no newline (values are quoted) */
        bad |= fputs("// spec: ", out) == EOF || giji_dot_escape(out, spec_key, strlen(spec_key)) != 0 ||
               putc('\n', out) == EOF;
    }
    bad |= !bad && fputs("graph giji {\n  graph [", out) == EOF;
    int first = 1;
    bad |= !bad && dot_long(out, &first, "content_version", g->content_version) != 0;
    if (!bad && g->has_metrics) {
        bad |= dot_num(out, &first, "modularity", g->modularity) != 0;
        bad |= !bad && dot_long(out, &first, "communities", g->communities) != 0;
        bad |= !bad && dot_num(out, &first, "betweenness_cutoff", g->cutoff) != 0;
        bad |= !bad && dot_long(out, &first, "betweenness_samples", (long long)g->samples) != 0;
    }
    bad |= !bad && fputs("];\n", out) == EOF;
    for (size_t i = 0; !bad && i < g->nnodes; i++) {
        const giji_graph_node *n = &g->nodes[i];
        char key[24];
        bad |= fprintf(out, "  \"%s\" [", giji_graph_node_key(n, key)) < 0;
        first = 1;
        bad |= !bad && dot_attr(out, &first, "label", n->name) != 0;
        bad |= !bad && dot_attr(out, &first, "kind", giji_node_kind_name(n->kind)) != 0;
        bad |= !bad && dot_long(out, &first, "db_id", n->id) != 0;
        if (!bad && type_name(n))
            bad |= dot_attr(out, &first, "type", type_name(n)) != 0;
        bad |= !bad && dot_long(out, &first, "remarks", n->remarks) != 0;
        for (int m = 0; !bad && g->has_metrics && m < GIJI_NMETRICS; m++)
            bad |= dot_num(out, &first, giji_metric_name((giji_metric)m), n->metric[m]) != 0;
        if (!bad && g->has_metrics)
            bad |= dot_long(out, &first, "community", n->community) != 0;
        bad |= !bad && fputs("];\n", out) == EOF;
    }
    for (size_t i = 0; !bad && i < g->nedges; i++) {
        const giji_graph_edge *e = &g->edges[i];
        char s[24], t[24];
        bad |= fprintf(out, "  \"%s\" -- \"%s\" [", giji_graph_node_key(&g->nodes[e->source], s),
                       giji_graph_node_key(&g->nodes[e->target], t)) < 0;
        first = 1;
        bad |= !bad && dot_attr(out, &first, "kind", giji_edge_kind_name(e->kind)) != 0;
        /* dot's own weight must be a whole number: the count; the
         * (possibly normalised) weight is edge_weight */
        bad |= !bad && dot_long(out, &first, "weight", e->count) != 0;
        bad |= !bad && dot_num(out, &first, "edge_weight", e->weight) != 0;
        bad |= !bad && dot_long(out, &first, "count", e->count) != 0;
        bad |= !bad && fputs(", remark_ids=\"", out) == EOF;
        bad |= !bad && put_ids(out, e) != 0;
        bad |= !bad && fputs("\"];\n", out) == EOF;
    }
    bad |= !bad && fputs("}\n", out) == EOF;
    return finish(out, bad, "DOT graph");
}

/* ---- CSV ----------------------------------------------------------------- */

static int csv_row(FILE *out, const char *const *f, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((i && putc(',', out) == EOF) || giji_csv_escape(out, f[i]) != 0)
            return -1;
    return fputs("\r\n", out) == EOF ? -1 : 0;
}

int giji_export_graph_csv_nodes(const giji_graph *g, FILE *out)
{
    const char *header[5 + GIJI_NMETRICS + 2] = {"id", "label", "kind", "db_id", "type"};
    size_t nh = 5;
    for (int m = 0; m < GIJI_NMETRICS; m++)
        header[nh++] = giji_metric_name((giji_metric)m);
    header[nh++] = "community";
    header[nh++] = "remarks";
    int bad = csv_row(out, header, nh) != 0;
    for (size_t i = 0; !bad && i < g->nnodes; i++) {
        const giji_graph_node *n = &g->nodes[i];
        char key[24], id[24], num[GIJI_NMETRICS][32], comm[24], rem[24];
        const char *f[5 + GIJI_NMETRICS + 2] = {giji_graph_node_key(n, key), n->name,
                                                giji_node_kind_name(n->kind), id, type_name(n)};
        snprintf(id, sizeof id, "%lld", n->id);
        size_t k = 5;
        for (int m = 0; m < GIJI_NMETRICS; m++) {
            if (g->has_metrics)
                giji_fmt_double(num[m], n->metric[m]);
            f[k++] = g->has_metrics ? num[m] : NULL;
        }
        snprintf(comm, sizeof comm, "%lld", n->community);
        snprintf(rem, sizeof rem, "%lld", n->remarks);
        f[k++] = g->has_metrics ? comm : NULL;
        f[k++] = rem;
        bad |= csv_row(out, f, k) != 0;
    }
    return finish(out, bad, "CSV nodes table");
}

int giji_export_graph_csv_edges(const giji_graph *g, FILE *out)
{
    static const char *const header[] = {"source", "target", "kind", "weight", "count", "remark_ids"};
    int bad = csv_row(out, header, 6) != 0;
    for (size_t i = 0; !bad && i < g->nedges; i++) {
        const giji_graph_edge *e = &g->edges[i];
        char s[24], t[24], w[32], c[24];
        giji_fmt_double(w, e->weight);
        snprintf(c, sizeof c, "%lld", e->count);
        const char *f[] = {giji_graph_node_key(&g->nodes[e->source], s),
                           giji_graph_node_key(&g->nodes[e->target], t), giji_edge_kind_name(e->kind), w, c};
        for (size_t k = 0; !bad && k < 5; k++)
            bad |= (k && putc(',', out) == EOF) || giji_csv_escape(out, f[k]) != 0;
        /* the ids are digits and spaces: no quoting needed */
        bad |= !bad && (putc(',', out) == EOF || put_ids(out, e) != 0 || fputs("\r\n", out) == EOF);
    }
    return finish(out, bad, "CSV edges table");
}

/* ---- JSON ---------------------------------------------------------------- */

int giji_export_graph_json(const giji_graph *g, const char *spec_key, FILE *out)
{
    giji_jsonw w;
    giji_jsonw_init(&w, out);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "version");          giji_jsonw_int(&w, GIJI_EXPORT_GRAPH_JSON_VERSION);
    giji_jsonw_key(&w, "generator");        giji_jsonw_string(&w, generator());
    giji_jsonw_key(&w, "spec");             giji_jsonw_string(&w, spec_key);
    giji_jsonw_key(&w, "content_version");  giji_jsonw_int(&w, g->content_version);
    giji_jsonw_key(&w, "directed");         giji_jsonw_bool(&w, 0);
    giji_jsonw_key(&w, "metrics");          giji_jsonw_bool(&w, g->has_metrics);
    giji_jsonw_key(&w, "graph_nodes");      giji_jsonw_int(&w, (long long)(g->has_metrics ? g->full_nodes : g->nnodes));
    giji_jsonw_key(&w, "graph_edges");      giji_jsonw_int(&w, (long long)(g->has_metrics ? g->full_edges : g->nedges));
    giji_jsonw_key(&w, "modularity");
    if (g->has_metrics) giji_jsonw_double(&w, g->modularity); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "communities");
    if (g->has_metrics) giji_jsonw_int(&w, g->communities); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "betweenness_cutoff");
    if (g->has_metrics && g->cutoff > 0) giji_jsonw_double(&w, g->cutoff); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "betweenness_samples");
    if (g->has_metrics && g->samples > 0) giji_jsonw_int(&w, (long long)g->samples); else giji_jsonw_null(&w);
    giji_jsonw_key(&w, "nodes");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < g->nnodes && !giji_jsonw_failed(&w); i++) {
        const giji_graph_node *n = &g->nodes[i];
        char key[24];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");      giji_jsonw_string(&w, giji_graph_node_key(n, key));
        giji_jsonw_key(&w, "kind");    giji_jsonw_string(&w, giji_node_kind_name(n->kind));
        giji_jsonw_key(&w, "db_id");   giji_jsonw_int(&w, n->id);
        giji_jsonw_key(&w, "name");    giji_jsonw_string(&w, n->name);
        giji_jsonw_key(&w, "type");    giji_jsonw_string(&w, type_name(n));
        giji_jsonw_key(&w, "remarks"); giji_jsonw_int(&w, n->remarks);
        for (int m = 0; m < GIJI_NMETRICS; m++) {
            giji_jsonw_key(&w, giji_metric_name((giji_metric)m));
            if (g->has_metrics) giji_jsonw_double(&w, n->metric[m]); else giji_jsonw_null(&w);
        }
        giji_jsonw_key(&w, "community");
        if (g->has_metrics) giji_jsonw_int(&w, n->community); else giji_jsonw_null(&w);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_key(&w, "edges");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < g->nedges && !giji_jsonw_failed(&w); i++) {
        const giji_graph_edge *e = &g->edges[i];
        char s[24], t[24];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "source");  giji_jsonw_string(&w, giji_graph_node_key(&g->nodes[e->source], s));
        giji_jsonw_key(&w, "target");  giji_jsonw_string(&w, giji_graph_node_key(&g->nodes[e->target], t));
        giji_jsonw_key(&w, "kind");    giji_jsonw_string(&w, giji_edge_kind_name(e->kind));
        giji_jsonw_key(&w, "weight");  giji_jsonw_double(&w, e->weight);
        giji_jsonw_key(&w, "count");   giji_jsonw_int(&w, e->count);
        giji_jsonw_key(&w, "remark_ids");
        giji_jsonw_array_begin(&w);
        for (size_t k = 0; k < e->nremarks; k++)
            giji_jsonw_int(&w, e->remarks[k]);
        giji_jsonw_array_end(&w);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    return giji_jsonw_finish(&w);
}
