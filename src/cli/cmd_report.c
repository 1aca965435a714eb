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

int cmd_report(int argc, char **argv)
{
    const char *output = NULL;
    giji_report_opts ro;
    giji_report_opts_init(&ro);
    giji_cli_spec cs;
    giji_cli_spec_init(&cs);
    int rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0) {
            rc = giji_cli_usage_error("report", "option '%s' needs a value", argv[i]);
            break;
        }
        if (g)
            continue;
        int s = giji_cli_spec_option("report", argc, argv, &i, &cs);
        if (s == 2)
            rc = 2;
        if (s)
            continue;
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc)
            output = argv[++i];
        else if (!strncmp(argv[i], "--output=", 9))
            output = argv[i] + 9;
        else if (!strcmp(argv[i], "--title") && i + 1 < argc)
            ro.title = argv[++i];
        else if (!strncmp(argv[i], "--title=", 8))
            ro.title = argv[i] + 8;
        else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output") || !strcmp(argv[i], "--title"))
            rc = giji_cli_usage_error("report", "option '%s' needs a value", argv[i]);
        else
            rc = giji_cli_usage_error("report", "unexpected argument '%s'", argv[i]);
    }
    if (rc == 0 && ro.title && !*ro.title)
        rc = giji_cli_usage_error("report", "--title needs a non-empty title");
    if (rc == 0)
        rc = giji_cli_spec_finish("report", &cs);
    if (rc) {
        giji_cli_spec_free(&cs);
        return rc;
    }
    giji_store *st = giji_cli_open_existing();
    if (!st) {
        giji_cli_spec_free(&cs);
        return 1;
    }
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
