/*
 * cli/cmd_render.c — `giji render -o FILE [graph options] [--format
 * svg|png|pdf] [--layout L] [--size-by M] [--color-by type|community]
 * [--label-top N] [--title TEXT] [--preset map|briefing]`: the graph drawn
 * by Graphviz (giji/render.h, docs/render.md). The format follows FILE's
 * extension unless --format says otherwise; the briefing preset keeps the
 * GIJI_BRIEFING_NODES most central nodes (after --focus). The file is
 * written atomically (cli/outfile.h).
 */
#include "cli/cli.h"
#include "cli/outfile.h"
#include "cli/spec.h"
#include "giji/giji.h"
#include "giji/render.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const value_opts[] = {"--format", "-f", "--layout", "--size-by", "--color-by", "--label-top",
                                         "--title", "--preset", "-o"};

typedef struct render_args {
    const char *output, *format;
    giji_render_opts ro;
    int size_given;
} render_args;

static int render_option(void *ctx, const char *name, const char *v)
{
    render_args *ra = ctx;
    giji_render_opts *ro = &ra->ro;
    int k;
    if (!strcmp(name, "-o")) {
        ra->output = v;
    } else if (!strcmp(name, "--format") || !strcmp(name, "-f")) {
        ra->format = v;
    } else if (!strcmp(name, "--layout")) {
        static const char *const engines[] = {"sfdp", "neato", "fdp", "dot", "circo"};
        ro->layout = NULL;
        for (size_t e = 0; e < 5; e++)
            if (!strcmp(v, engines[e]))
                ro->layout = engines[e];
        if (!ro->layout)
            return giji_cli_usage_error("render", "unknown layout '%s' (known: sfdp, neato, fdp, dot, circo)", v);
    } else if (!strcmp(name, "--size-by")) {
        if ((k = giji_metric_parse(v)) < 0)
            return giji_cli_usage_error("render", "unknown metric '%s' (known: degree, strength, betweenness, "
                                                  "harmonic, eigenvector, pagerank)", v);
        ro->size_by = (giji_metric)k;
        ra->size_given = 1;
    } else if (!strcmp(name, "--color-by")) {
        if ((k = giji_render_color_parse(v)) < 0)
            return giji_cli_usage_error("render", "unknown colouring '%s' (known: type, community)", v);
        ro->color_by = (giji_render_color)k;
    } else if (!strcmp(name, "--label-top")) {
        char *end;
        errno = 0;
        long long n = strtoll(v, &end, 10);
        if (!*v || *end || errno || n < 1)
            return giji_cli_usage_error("render", "--label-top needs a whole number of at least 1, not '%s'", v);
        ro->label_top = (size_t)n;
    } else if (!strcmp(name, "--title")) {
        ro->title = v;
    } else { /* --preset */
        if ((k = giji_render_preset_parse(v)) < 0)
            return giji_cli_usage_error("render", "unknown preset '%s' (known: map, briefing)", v);
        ro->preset = (giji_render_preset)k;
    }
    return 0;
}

int cmd_render(int argc, char **argv)
{
    render_args ra = {0};
    giji_render_opts_init(&ra.ro);
    giji_cli_spec cs;
    giji_cli_spec_init(&cs);
    int rc = giji_cli_graph_args("render", argc, argv, &cs, value_opts, sizeof value_opts / sizeof *value_opts,
                                 render_option, &ra);
    const char *output = ra.output, *format = ra.format;
    giji_render_opts ro = ra.ro;
    int size_given = ra.size_given;
    if (rc == 0 && !output)
        rc = giji_cli_usage_error("render", "-o FILE is required (FILE.svg, FILE.png or FILE.pdf)");
    if (rc == 0) {
        int f = format ? giji_render_format_parse(format) : giji_render_format_from_path(output);
        if (f < 0 && format)
            rc = giji_cli_usage_error("render", "unknown format '%s' (known: svg, png, pdf, layout-json, gv)", format);
        else if (f < 0)
            rc = giji_cli_usage_error("render", "cannot tell the format from '%s': end it in .svg, .png or "
                                                ".pdf, or give --format", output);
        else
            ro.format = (giji_render_format)f;
    }
    /* --top without --by keeps the nodes drawn largest */
    if (rc == 0 && !cs.by_given && size_given)
        cs.spec.top_by = ro.size_by;
    if (rc == 0 && ro.preset == GIJI_PRESET_BRIEFING) {
        if (cs.spec.top > GIJI_BRIEFING_NODES)
            fprintf(stderr, "giji: note: the briefing preset draws at most %d nodes (--top %zu lowered)\n",
                    GIJI_BRIEFING_NODES, cs.spec.top);
        /* a slide about who raised what needs its speakers: entities
         * outrank persons on PageRank, so reserve them places */
        if (cs.spec.top == 0 && !cs.top_persons_given && (cs.spec.edges & GIJI_GRAPH_RAISED) &&
            cs.spec.project == GIJI_PROJECT_NONE)
            cs.spec.top_persons = GIJI_BRIEFING_PERSONS;
        if (cs.spec.top == 0 || cs.spec.top > GIJI_BRIEFING_NODES)
            cs.spec.top = GIJI_BRIEFING_NODES;
    }
    giji_store *st;
    if ((rc = giji_cli_spec_open("render", rc, &cs, &st)))
        return rc;
    giji_graph g;
    char *caption = NULL;
    if (giji_graph_load(st, &cs.spec, &g) != GIJI_OK || giji_render_caption_graph(st, &cs.spec, &g, &caption) != GIJI_OK) {
        giji_cli_error();
        giji_graph_free(&g);
        free(caption);
        giji_store_close(st);
        giji_cli_spec_free(&cs);
        return 1;
    }
    giji_store_close(st);
    if (g.cache == GIJI_CACHE_FAILED)
        fprintf(stderr, "giji: warning: metrics not cached: %s\n", giji_error_message());
    giji_cli_graph_note(stderr, "giji: note: ", &g);
    ro.caption = caption;
    if (g.nnodes == 0) {
        fprintf(stderr, "giji: error: nothing to draw: the graph is empty (no selected remark mentions a "
                        "selected entity); try other graph options\n");
        rc = 1;
    } else {
        /* drawn straight into the file: a large map's SVG is never held in memory */
        giji_outfile out;
        if (giji_outfile_open(&out, output) != 0) {
            rc = 1;
        } else {
            int failed = giji_render_graph_to(&g, &ro, out.f) != GIJI_OK;
            if (failed)
                giji_cli_error();
            rc = giji_outfile_close(&out, failed) != 0 || failed ? 1 : 0;
        }
    }
    free(caption);
    giji_graph_free(&g);
    giji_cli_spec_free(&cs);
    return rc;
}
