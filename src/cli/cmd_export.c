/*
 * cli/cmd_export.c — `giji export --format json [-o FILE]`: the database as
 * one JSON document (docs/export-json.md).
 */
#include "cli/cli.h"
#include "cli/outfile.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_export(int argc, char **argv)
{
    const char *format = NULL, *output = NULL;
    for (int i = 1; i < argc; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0)
            return giji_cli_usage_error("export", "option '%s' needs a value", argv[i]);
        if (g)
            continue;
        if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "-f")) && i + 1 < argc)
            format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9))
            format = argv[i] + 9;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            output = argv[++i];
        else
            return giji_cli_usage_error("export", "unexpected argument '%s'", argv[i]);
    }
    if (!format)
        format = "json";
    if (strcmp(format, "json") != 0)
        return giji_cli_usage_error("export", "unknown format '%s' (known: json)", format);

    if (access(giji_opts.db, F_OK) != 0) {
        fprintf(stderr, "giji: error: %s: no database there (run 'giji ingest FILE...' first)\n",
                giji_opts.db);
        return 1;
    }
    giji_store *st = NULL;
    if (giji_store_open(giji_opts.db, &st) != GIJI_OK) {
        giji_cli_error();
        return 1;
    }
    giji_outfile out;
    if (giji_outfile_open(&out, output) != 0) {
        giji_store_close(st);
        return 1;
    }
    int rc = giji_export_json(st, out.f);
    if (rc)
        giji_cli_error();
    if (giji_outfile_close(&out, rc != 0) != 0)
        rc = rc ? rc : 1;
    giji_store_close(st);
    return rc ? 1 : 0;
}
