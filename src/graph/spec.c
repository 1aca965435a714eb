/*
 * graph/spec.c — the graph specification: defaults, validation, its
 * canonical key (what the metrics cache is keyed by), and the names of the
 * graph's enums as the command line and the exports write them.
 * Not responsible for parsing arguments (cli/spec.c) or building (build.c).
 */
#include "giji/graph.h"
#include "util/array.h"
#include "giji/extract.h"
#include "util/buf.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Bump when the model or a metric's definition changes, so that cached
 * metrics computed by an older giji are not reused. */
#define GIJI_GRAPH_MODEL_VERSION 1

/* ---- names -------------------------------------------------------------- */

static int parse_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (names[i] && !strcmp(names[i], name))
            return i;
    return -1;
}

static const char *const edges_names[] = {NULL, "raised", "co-mention", "both"};
static const char *const projection_names[] = {"none", "persons", "entities"};
static const char *const norm_names[] = {"count", "jaccard", "association"};
static const char *const metric_names[] = {"degree", "strength", "betweenness",
                                           "harmonic", "eigenvector", "pagerank"};
static const char *const node_kind_names[] = {"person", "entity", "unattributed"};
static const char *const edge_kind_names[] = {"raised", "co-mention", "shared"};

#define NAME_OF(arr, v) ((int)(v) >= 0 && (size_t)(v) < sizeof arr / sizeof *arr && arr[v] ? arr[v] : "?")
#define PARSE(arr, name) parse_name(arr, (int)(sizeof arr / sizeof *arr), name)

const char *giji_graph_edges_name(giji_graph_edges e) { return NAME_OF(edges_names, e); }
int giji_graph_edges_parse(const char *name) { return PARSE(edges_names, name); }
const char *giji_graph_projection_name(giji_graph_projection p) { return NAME_OF(projection_names, p); }
int giji_graph_projection_parse(const char *name) { return PARSE(projection_names, name); }
const char *giji_graph_norm_name(giji_graph_norm n) { return NAME_OF(norm_names, n); }
int giji_graph_norm_parse(const char *name) { return PARSE(norm_names, name); }
const char *giji_metric_name(giji_metric m) { return NAME_OF(metric_names, m); }
int giji_metric_parse(const char *name) { return PARSE(metric_names, name); }
const char *giji_node_kind_name(giji_node_kind k) { return NAME_OF(node_kind_names, k); }
const char *giji_edge_kind_name(giji_edge_kind k) { return NAME_OF(edge_kind_names, k); }

/* ---- defaults and checks ------------------------------------------------ */

void giji_graph_spec_init(giji_graph_spec *s)
{
    memset(s, 0, sizeof *s);
    s->edges = GIJI_GRAPH_BOTH;
    s->top_by = GIJI_METRIC_PAGERANK;
    s->depth = 1;
    s->project = GIJI_PROJECT_NONE;
    s->norm = GIJI_NORM_COUNT;
    s->cutoff = GIJI_CUTOFF_AUTO;
}

/* YYYY-MM-DD with a month 01-12 and a day 01-31 (the calendar is the
 * segmenter's business; this only keeps string comparison meaningful). */
static int is_iso_date(const char *d)
{
    if (strlen(d) != 10 || d[4] != '-' || d[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9'))
            return 0;
    int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

int giji_graph_spec_check(const giji_graph_spec *s)
{
    if (s->from && !is_iso_date(s->from))
        return giji_error_set(GIJI_EINVAL, "graph: from date '%s' is not YYYY-MM-DD", s->from);
    if (s->to && !is_iso_date(s->to))
        return giji_error_set(GIJI_EINVAL, "graph: to date '%s' is not YYYY-MM-DD", s->to);
    if (s->from && s->to && strcmp(s->from, s->to) > 0)
        return giji_error_set(GIJI_EINVAL, "graph: from date %s is after to date %s", s->from, s->to);
    if (s->types >> GIJI_ENT_NTYPES)
        return giji_error_set(GIJI_EINVAL, "graph: unknown entity type bits 0x%x", s->types);
    if (s->edges < GIJI_GRAPH_RAISED || s->edges > GIJI_GRAPH_BOTH)
        return giji_error_set(GIJI_EINVAL, "graph: unknown edge set %d", (int)s->edges);
    if (s->project < GIJI_PROJECT_NONE || s->project > GIJI_PROJECT_ENTITIES)
        return giji_error_set(GIJI_EINVAL, "graph: unknown projection %d", (int)s->project);
    if (s->norm < GIJI_NORM_COUNT || s->norm > GIJI_NORM_ASSOCIATION)
        return giji_error_set(GIJI_EINVAL, "graph: unknown normalisation %d", (int)s->norm);
    if ((int)s->top_by < 0 || s->top_by >= GIJI_NMETRICS)
        return giji_error_set(GIJI_EINVAL, "graph: unknown metric %d", (int)s->top_by);
    if (!(s->min_weight >= 0) || isinf(s->min_weight))
        return giji_error_set(GIJI_EINVAL, "graph: minimum weight must be a number of at least 0");
    if (s->depth < 0)
        return giji_error_set(GIJI_EINVAL, "graph: depth must be at least 0, not %d", s->depth);
    if (!(s->cutoff == GIJI_CUTOFF_AUTO || s->cutoff >= 0) || isinf(s->cutoff))
        return giji_error_set(GIJI_EINVAL, "graph: cutoff must be 0 (exact), positive, or automatic");
    if (s->samples && s->cutoff != GIJI_CUTOFF_AUTO)
        return giji_error_set(GIJI_EINVAL, "graph: a cutoff and sampled sources do not go together");
    if (s->body && !*s->body)
        return giji_error_set(GIJI_EINVAL, "graph: empty body name");
    if (s->focus && !*s->focus)
        return giji_error_set(GIJI_EINVAL, "graph: empty focus name");
    if (s->nmeetings && !s->meetings)
        return giji_error_set(GIJI_EINVAL, "graph: %zu meetings but no list", s->nmeetings);
    for (size_t i = 0; i < s->nmeetings; i++)
        if (s->meetings[i] <= 0)
            return giji_error_set(GIJI_EINVAL, "graph: meeting id %lld is not positive", s->meetings[i]);
    return GIJI_OK;
}

/* ---- the canonical key -------------------------------------------------- */

/* A string value: quoted, with '\' and '"' escaped, so that no value can
 * imitate the separators. NULL is written as nothing (not as ""). */
static int put_value(giji_buf *b, const char *v)
{
    if (!v)
        return GIJI_OK;
    int rc = giji_buf_putc(b, '"');
    for (const char *p = v; rc == GIJI_OK && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = giji_buf_putc(b, '\\');
        rc = rc ? rc : giji_buf_putc(b, *p);
    }
    return rc ? rc : giji_buf_putc(b, '"');
}

int giji_graph_spec_key(const giji_graph_spec *s, char **out)
{
    *out = NULL;
    int rc = giji_graph_spec_check(s);
    if (rc)
        return rc;
    giji_buf b = {0};
    long long *m = NULL;
    if (s->nmeetings && !(m = malloc(s->nmeetings * sizeof *m)))
        return GIJI_NOMEM();
    if (s->nmeetings) {
        memcpy(m, s->meetings, s->nmeetings * sizeof *m);
        qsort(m, s->nmeetings, sizeof *m, giji_cmp_ll);
    }
    rc = giji_buf_printf(&b, "giji-graph %d;meetings=", GIJI_GRAPH_MODEL_VERSION);
    for (size_t i = 0; rc == GIJI_OK && i < s->nmeetings; i++)
        if (i == 0 || m[i] != m[i - 1])
            rc = giji_buf_printf(&b, "%s%lld", i ? "," : "", m[i]);
    free(m);
    rc = rc ? rc : giji_buf_puts(&b, ";body=");
    rc = rc ? rc : put_value(&b, s->body);
    rc = rc ? rc : giji_buf_puts(&b, ";from=");
    rc = rc ? rc : put_value(&b, s->from);
    rc = rc ? rc : giji_buf_puts(&b, ";to=");
    rc = rc ? rc : put_value(&b, s->to);
    rc = rc ? rc : giji_buf_puts(&b, ";types=");
    for (int t = 0, first = 1; rc == GIJI_OK && t < GIJI_ENT_NTYPES; t++)
        if (!s->types || (s->types & (1u << t))) {
            rc = giji_buf_printf(&b, "%s%s", first ? "" : ",", giji_entity_type_name(t));
            first = 0;
        }
    /* A projection is built from the raised edges whatever --edges says. */
    giji_graph_edges edges = s->project ? GIJI_GRAPH_RAISED : s->edges;
    /* Only co-mention and shared edges are normalised. */
    giji_graph_norm norm = s->project || (edges & GIJI_GRAPH_COMENTION) ? s->norm : GIJI_NORM_COUNT;
    /* %.17g: the same double always gives the same text, and back. */
    rc = rc ? rc : giji_buf_printf(&b, ";edges=%s;project=%s;norm=%s;min-weight=%.17g;attributed-only=%d",
                                   giji_graph_edges_name(edges), giji_graph_projection_name(s->project),
                                   giji_graph_norm_name(norm), s->min_weight, s->attributed_only ? 1 : 0);
    rc = rc ? rc : giji_buf_puts(&b, ";focus=");
    rc = rc ? rc : put_value(&b, s->focus);
    rc = rc ? rc : giji_buf_printf(&b, ";depth=%d", s->focus ? s->depth : 0);
    if (rc == GIJI_OK) {
        if (s->samples)
            rc = giji_buf_printf(&b, ";samples=%zu", s->samples);
        else if (s->cutoff == GIJI_CUTOFF_AUTO)
            rc = giji_buf_puts(&b, ";cutoff=auto");
        else
            rc = giji_buf_printf(&b, ";cutoff=%.17g", s->cutoff);
    }
    if (rc) {
        giji_buf_free(&b);
        return rc;
    }
    *out = giji_buf_steal(&b);
    return *out ? GIJI_OK : GIJI_NOMEM();
}
