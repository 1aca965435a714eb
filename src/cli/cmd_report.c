/*
 * cli/cmd_report.c — `giji report [-o FILE.html] [--title T] [graph options]`:
 * one self-contained HTML file to explore the graph, its remarks, the
 * persons x entities matrix, the centrality table and the meetings
 * (giji/report.h, docs/report.md).
 */
#include "cli/cli.h"
#include "cli/outfile.h"
#include "cli/spec.h"
#include "giji/giji.h"
#include "giji/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct report_args {
    const char *output;
    giji_report_opts ro;
} report_args;

static int report_option(void *ctx, const char *name, const char *v)
{
    report_args *ra = ctx;
    if (!strcmp(name, "--title"))
        ra->ro.title = v;
    else
        ra->output = v;
    return 0;
}

int cmd_report(int argc, char **argv)
{
    static const char *const opts[] = {"-o", "--output", "--title"};
    report_args ra;
    ra.output = NULL;
    giji_report_opts_init(&ra.ro);
    giji_cli_spec cs;
    giji_cli_spec_init(&cs);
    int rc = giji_cli_graph_args("report", argc, argv, &cs, opts, 3, report_option, &ra);
    const char *output = ra.output;
    giji_report_opts ro = ra.ro;
    if (rc == 0 && ro.title && !*ro.title)
        rc = giji_cli_usage_error("report", "--title needs a non-empty title");
    giji_store *st;
    if ((rc = giji_cli_spec_open("report", rc, &cs, &st)))
        return rc;
    giji_outfile out;
    if (giji_outfile_open(&out, output) != 0) {
        rc = 1;
    } else {
        rc = giji_report_write(st, &cs.spec, &ro, out.f);
        if (rc)
            giji_cli_error();
        if (giji_outfile_close(&out, rc != 0) != 0)
            rc = rc ? rc : 1;
    }
    giji_store_close(st);
    giji_cli_spec_free(&cs);
    return rc ? 1 : 0;
}
