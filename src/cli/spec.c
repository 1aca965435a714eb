/*
 * cli/spec.c — graph options on the command line (see spec.h). Values are
 * checked here, with messages naming the option; the library checks the
 * spec again (giji_graph_spec_check).
 */
#include "util/array.h"
#include "cli/spec.h"
#include "cli/cli.h"
#include "giji/error.h"
#include "giji/extract.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void giji_cli_spec_init(giji_cli_spec *cs)
{
    memset(cs, 0, sizeof *cs);
    giji_graph_spec_init(&cs->spec);
}

void giji_cli_spec_free(giji_cli_spec *cs)
{
    free(cs->meetings);
    cs->meetings = NULL;
    cs->nmeetings = cs->cap = 0;
}

static const char *const value_options[] = {
    "--meeting", "--body", "--from", "--to", "--types", "--type", "--edges", "--norm", "--project",
    "--min-weight", "--focus", "--depth", "--top", "--top-persons", "--by", "--cutoff", "--samples",
};

int giji_cli_value_option(int argc, char **argv, int *i, const char *const *names, size_t n,
                          const char **name, const char **value)
{
    const char *a = argv[*i];
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(names[k]);
        if (strncmp(a, names[k], len) != 0 || (a[len] != '=' && a[len] != '\0'))
            continue;
        *name = names[k];
        if (a[len] == '=') {
            *value = a + len + 1;
            return 1;
        }
        if (*i + 1 >= argc)
            return -1;
        *value = argv[++*i];
        return 1;
    }
    return 0;
}

/* Split argv[*i] into a graph option's name and its value: 1, 0 when it is
 * none, -1 when its value is missing. *name_len is the name's length. */
static int split(int argc, char **argv, int *i, size_t *name_len, const char **value)
{
    const char *name = NULL;
    int r = giji_cli_value_option(argc, argv, i, value_options, sizeof value_options / sizeof *value_options,
                                  &name, value);
    if (name)
        *name_len = strlen(name);
    return r;
}

int giji_cli_graph_args(const char *cmd, int argc, char **argv, giji_cli_spec *cs, const char *const *names,
                        size_t n, int (*own)(void *ctx, const char *name, const char *value), void *ctx)
{
    for (int i = 1; i < argc; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0)
            return giji_cli_usage_error(cmd, "option '%s' needs a value", argv[i]);
        if (g)
            continue;
        int s = giji_cli_spec_option(cmd, argc, argv, &i, cs);
        if (s == 2)
            return 2;
        if (s)
            continue;
        const char *a = argv[i], *name = NULL, *v = NULL;
        int r = giji_cli_value_option(argc, argv, &i, names, n, &name, &v);
        if (r < 0)
            return giji_cli_usage_error(cmd, "option '%s' needs a value", a);
        if (r == 0)
            return giji_cli_usage_error(cmd, "unexpected argument '%s'", a);
        int rc = own(ctx, name, v);
        if (rc)
            return rc;
    }
    return 0;
}

static int whole(const char *s, long long min, long long *out)
{
    if (!*s)
        return 0;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || errno || v < min)
        return 0;
    *out = v;
    return 1;
}

static int real(const char *s, double *out)
{
    if (!*s)
        return 0;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (*end || errno || !isfinite(v) || v < 0)
        return 0;
    *out = v;
    return 1;
}

static int add_meetings(const char *cmd, const char *list, giji_cli_spec *cs)
{
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char buf[32];
        long long id;
        if (len == 0 || len >= sizeof buf)
            return giji_cli_usage_error(cmd, "--meeting needs meeting ids (whole numbers), not '%s'", list);
        memcpy(buf, p, len);
        buf[len] = '\0';
        if (!whole(buf, 1, &id))
            return giji_cli_usage_error(cmd, "--meeting needs meeting ids (whole numbers), not '%s'", list);
        if (giji_array_grow(&cs->meetings, &cs->cap, cs->nmeetings, sizeof *cs->meetings)) {
            fprintf(stderr, "giji: error: out of memory\n");
            return 2;
        }
        cs->meetings[cs->nmeetings++] = id;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* "ministry, isac, ..." for messages. */
static const char *type_list(void)
{
    static char buf[128];
    if (!buf[0])
        for (int i = 0; i < GIJI_ENT_NTYPES; i++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? ", " : "",
                     giji_entity_type_name(i));
    return buf;
}

static int parse_types(const char *cmd, const char *list, unsigned *types)
{
    *types = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char buf[32];
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        memcpy(buf, p, len);
        buf[len] = '\0';
        int t = giji_entity_type_parse(buf);
        if (t < 0)
            return giji_cli_usage_error(cmd, "unknown type '%s' (known: %s)", buf, type_list());
        *types |= 1u << t;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

int giji_cli_spec_option(const char *cmd, int argc, char **argv, int *i, giji_cli_spec *cs)
{
    giji_graph_spec *s = &cs->spec;
    if (!strcmp(argv[*i], "--attributed-only")) {
        s->attributed_only = 1;
        cs->any = 1;
        return 1;
    }
    const char *opt = argv[*i], *v = NULL;
    size_t nl = 0;
    int r = split(argc, argv, i, &nl, &v);
    if (r == 0)
        return 0;
    if (r < 0)
        return giji_cli_usage_error(cmd, "option '%s' needs a value", opt);
    char name[16];
    memcpy(name, opt, nl);
    name[nl] = '\0';
    cs->any = 1;
    long long n;
    int k;
    if (!strcmp(name, "--meeting"))
        return add_meetings(cmd, v, cs) ? 2 : 1;
    if (!strcmp(name, "--body") || !strcmp(name, "--focus")) {
        if (!*v)
            return giji_cli_usage_error(cmd, "%s needs a name", name);
        *(!strcmp(name, "--body") ? &s->body : &s->focus) = v;
        return 1;
    }
    if (!strcmp(name, "--from") || !strcmp(name, "--to")) {
        *(!strcmp(name, "--from") ? &s->from : &s->to) = v;
        return 1; /* the format is checked with the whole spec */
    }
    if (!strcmp(name, "--types") || !strcmp(name, "--type"))
        return parse_types(cmd, v, &s->types) ? 2 : 1;
    if (!strcmp(name, "--edges")) {
        if ((k = giji_graph_edges_parse(v)) < 0)
            return giji_cli_usage_error(cmd, "unknown edges '%s' (known: raised, co-mention, both)", v);
        s->edges = (giji_graph_edges)k;
        cs->edges_given = 1;
        return 1;
    }
    if (!strcmp(name, "--norm")) {
        if ((k = giji_graph_norm_parse(v)) < 0)
            return giji_cli_usage_error(cmd, "unknown normalisation '%s' (known: count, jaccard, association)", v);
        s->norm = (giji_graph_norm)k;
        return 1;
    }
    if (!strcmp(name, "--project")) {
        if ((k = giji_graph_projection_parse(v)) < 0)
            return giji_cli_usage_error(cmd, "unknown projection '%s' (known: persons, entities, none)", v);
        s->project = (giji_graph_projection)k;
        return 1;
    }
    if (!strcmp(name, "--min-weight")) {
        if (!real(v, &s->min_weight))
            return giji_cli_usage_error(cmd, "--min-weight needs a number of at least 0, not '%s'", v);
        return 1;
    }
    if (!strcmp(name, "--depth")) {
        if (!whole(v, 0, &n) || n > 1000000)
            return giji_cli_usage_error(cmd, "--depth needs a whole number of at least 0, not '%s'", v);
        s->depth = (int)n;
        return 1;
    }
    if (!strcmp(name, "--top")) {
        if (!whole(v, 1, &n))
            return giji_cli_usage_error(cmd, "--top needs a whole number of at least 1, not '%s'", v);
        s->top = (size_t)n;
        return 1;
    }
    if (!strcmp(name, "--top-persons")) {
        if (!whole(v, 0, &n))
            return giji_cli_usage_error(cmd, "--top-persons needs a whole number, not '%s'", v);
        s->top_persons = (size_t)n;
        cs->top_persons_given = 1;
        return 1;
    }
    if (!strcmp(name, "--by")) {
        if ((k = giji_metric_parse(v)) < 0)
            return giji_cli_usage_error(cmd, "unknown metric '%s' (known: degree, strength, betweenness, "
                                             "harmonic, eigenvector, pagerank)", v);
        s->top_by = (giji_metric)k;
        cs->by_given = 1;
        return 1;
    }
    if (!strcmp(name, "--samples")) {
        if (!whole(v, 1, &n))
            return giji_cli_usage_error(cmd, "--samples needs a whole number of at least 1, not '%s'", v);
        s->samples = (size_t)n;
        return 1;
    }
    /* --cutoff */
    if (!strcmp(v, "auto"))
        s->cutoff = GIJI_CUTOFF_AUTO;
    else if (!strcmp(v, "exact") || !strcmp(v, "none"))
        s->cutoff = 0;
    else if (!real(v, &s->cutoff) || s->cutoff <= 0)
        return giji_cli_usage_error(cmd, "--cutoff needs auto, exact or a positive path length, not '%s'", v);
    return 1;
}

int giji_cli_spec_finish(const char *cmd, giji_cli_spec *cs)
{
    giji_graph_spec *s = &cs->spec;
    s->meetings = cs->meetings;
    s->nmeetings = cs->nmeetings;
    if (s->project && cs->edges_given)
        return giji_cli_usage_error(cmd, "--edges and --project do not go together (a projection "
                                         "is built from the raised edges)");
    if (s->focus == NULL && s->depth != 1)
        return giji_cli_usage_error(cmd, "--depth needs --focus");
    if (giji_graph_spec_check(s) != GIJI_OK) {
        /* "graph: from date 'x' is not YYYY-MM-DD" */
        const char *m = giji_error_message();
        if (!strncmp(m, "graph: ", 7))
            m += 7;
        return giji_cli_usage_error(cmd, "%s", m);
    }
    return 0;
}

void giji_cli_graph_note(FILE *out, const char *prefix, const giji_graph *g)
{
    if (g->samples)
        fprintf(out, "%sbetweenness and harmonic closeness estimated from %zu sampled sources "
                     "(of %zu nodes: exact values would take too long; --cutoff exact forces them)\n",
                prefix, g->samples, g->full_nodes);
    else if (g->cutoff > 0)
        fprintf(out, "%sbetweenness and harmonic closeness cut off at path length %.4g\n", prefix, g->cutoff);
}

int giji_cli_spec_open(const char *cmd, int rc, giji_cli_spec *cs, giji_store **st)
{
    *st = NULL;
    if (rc == 0)
        rc = giji_cli_spec_finish(cmd, cs);
    if (rc == 0 && !(*st = giji_cli_open_existing()))
        rc = 1;
    if (rc)
        giji_cli_spec_free(cs);
    return rc;
}
