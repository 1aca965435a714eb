/*
 * cli/main.c — giji's entry point and its one command table. Parses global
 * options, dispatches to cmd_<name>() (one file each), and prints help.
 * Exit codes: 0 success, 1 some input or operation failed, 2 usage error.
 */
#include "cli/cli.h"
#include "giji/giji.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

giji_cli giji_opts;

static const giji_command commands[] = {
    {"ingest", cmd_ingest, "read minutes files into the database",
     "usage: giji [--db PATH] ingest [--data DIR] [--gazetteer FILE]... [--no-discover]\n"
     "                               [--no-infer] [--force] [-j N] [-q] FILE...\n"
     "\n"
     "Reads each minutes FILE (UTF-8, Shift_JIS/CP932 or EUC-JP plain text as\n"
     "extracted from the published PDF), finds the meeting's metadata, attendees\n"
     "and remarks, and stores them in the database, one transaction per file.\n"
     "A file whose content is already stored is skipped; a file whose name is\n"
     "stored with other content replaces it. A bad file is reported (file and\n"
     "line or byte offset) and the others still proceed; the exit code is 1\n"
     "when any file failed. Interrupted (Ctrl-C), it stops after the file being\n"
     "stored and exits 130; every stored file is complete.\n"
     "\n"
     "options:\n"
     "  --db PATH    database (default $GIJI_DB, else out/giji.db)\n"
     "  --data DIR   tables that drive the segmenter and the gazetteer\n"
     "               (default: $GIJI_DATA, else the bundled data/)\n"
     "  --gazetteer FILE  more entities (TYPE<TAB>NAME<TAB>ALIASES<TAB>PARENT lines,\n"
     "               see docs/entity-types.md); repeatable\n"
     "  --no-discover  only gazetteer entities (no MeCab discovery)\n"
     "  --no-infer   do not infer speakers of anonymous remarks\n"
     "  -j, --jobs N workers reading and parsing files (default: one per CPU);\n"
     "               files are stored in the order given either way\n"
     "  --force      process files again even when their content is stored\n"
     "               (after changing the gazetteer or the tables)\n"
     "  -q, --quiet  print only warnings, errors and the final summary\n"},
    {"export", cmd_export, "write the database as JSON",
     "usage: giji [--db PATH] export --format json [-o FILE]\n"
     "\n"
     "Writes every meeting with its attendees, agenda, remarks and mentions, and\n"
     "the persons and entities they refer to, as one JSON document (format:\n"
     "docs/export-json.md) to standard output or FILE.\n"
     "\n"
     "options:\n"
     "  --format json   the output format (json is the only one so far)\n"
     "  -o FILE         write to FILE instead of standard output\n"},
    {"entities", cmd_entities, "list the entities the remarks mention",
     "usage: giji [--db PATH] entities [--type TYPE] [--all] [--format table|csv|json]\n"
     "\n"
     "Lists the entities (organisations, laws, plans, ...) that the stored remarks\n"
     "mention, most mentioned first: name, type, number of mentions, of remarks\n"
     "and of meetings, and the ids of the remarks that mention them (the \"id\" of\n"
     "remarks in 'giji export'). Entities found by discovery rather than listed\n"
     "in a gazetteer are included: marked '*' in the table, \"discovered\" in CSV\n"
     "and JSON (see 'giji candidates'). Prints nothing but the header (CSV, table)\n"
     "or [] (JSON) when no entity matches, and says so on standard error.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --type TYPE      only entities of TYPE: ministry, isac, law, policy, event,\n"
     "                   country, org or topic (docs/entity-types.md)\n"
     "  --all            also entities no remark mentions (parents, and gazetteer\n"
     "                   entities whose meetings were replaced)\n"
     "  --format FORMAT  table (default; fits $COLUMNS or 80 columns, cutting long\n"
     "                   cells with '…'), csv (RFC 4180, with a header line) or json\n"},
    {"candidates", cmd_candidates, "list discovered entities to add to a gazetteer",
     "usage: giji [--db PATH] candidates [--min-count N] [--format table|csv|json]\n"
     "\n"
     "Lists the entities that discovery found and no gazetteer lists, most\n"
     "mentioned first, with what is needed to judge them: the type discovery\n"
     "guessed, the number of mentions, the discovery rule that found most of them\n"
     "(data/discovery.tsv), and the first mention (in meeting date order): its\n"
     "file and line, and up to 20 characters of text on each side. To promote a\n"
     "candidate, add a line 'TYPE<TAB>NAME' to a gazetteer file and ingest again\n"
     "with --gazetteer FILE (--force re-reads files already stored).\n"
     "Prints nothing but the header (CSV, table) or [] (JSON) when no candidate\n"
     "has enough mentions, and says so on standard error.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --min-count N    only candidates mentioned at least N times (default 1)\n"
     "  --format FORMAT  table (default; fits $COLUMNS or 80 columns, cutting long\n"
     "                   cells with '…'), csv (RFC 4180, with a header line) or json\n"},
    {"help", cmd_help, "show help for a command", "usage: giji help [COMMAND]\n"},
};
#define NCOMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *out)
{
    fprintf(out,
            "usage: giji [--db PATH] [--data DIR] [-q] COMMAND [ARGS]\n"
            "\n"
            "giji turns Japanese government meeting minutes into a cross-reference\n"
            "database: who said what, in which meeting.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\nRun 'giji help COMMAND' or 'giji COMMAND --help' for details.\n");
}

int giji_cli_help(const char *name, FILE *out)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (!strcmp(commands[i].name, name)) {
            fputs(commands[i].usage, out);
            return 0;
        }
    return -1;
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        usage(stdout);
        return 0;
    }
    if (giji_cli_help(argv[1], stdout) != 0)
        return giji_cli_usage_error("help", "no command '%s'", argv[1]);
    return 0;
}

giji_store *giji_cli_open_existing(void)
{
    if (access(giji_opts.db, F_OK) != 0) {
        fprintf(stderr, "giji: error: %s: no database there (run 'giji ingest FILE...' first)\n",
                giji_opts.db);
        return NULL;
    }
    giji_store *st = NULL;
    if (giji_store_open(giji_opts.db, &st) != GIJI_OK) {
        giji_cli_error();
        return NULL;
    }
    return st;
}

void giji_cli_error(void)
{
    fprintf(stderr, "giji: error: %s\n", giji_error_message());
}

int giji_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "giji: %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n(see 'giji help %s')\n", cmd);
    va_end(ap);
    return 2;
}

int giji_cli_global_option(int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char **slot = NULL;
    if (!strcmp(a, "--db"))
        slot = &giji_opts.db;
    else if (!strcmp(a, "--data"))
        slot = &giji_opts.data;
    else if (!strncmp(a, "--db=", 5)) {
        giji_opts.db = a + 5;
        return 1;
    } else if (!strncmp(a, "--data=", 7)) {
        giji_opts.data = a + 7;
        return 1;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
        giji_opts.quiet = 1;
        return 1;
    } else {
        return 0;
    }
    if (*i + 1 >= argc)
        return -1;
    *slot = argv[++*i];
    return 1;
}

int main(int argc, char **argv)
{
    const char *env = getenv("GIJI_DB");
    giji_opts.db = (env && *env) ? env : "out/giji.db";
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0) {
            fprintf(stderr, "giji: option '%s' needs a value\n", argv[i]);
            return 2;
        }
        if (g)
            continue;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--version")) {
            printf("giji %s\n", giji_version());
            return 0;
        }
        fprintf(stderr, "giji: unknown option '%s'\n", argv[i]);
        usage(stderr);
        return 2;
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    for (size_t c = 0; c < NCOMMANDS; c++)
        if (!strcmp(commands[c].name, argv[i])) {
            for (int j = i + 1; j < argc && strcmp(argv[j], "--") != 0; j++)
                if (!strcmp(argv[j], "-h") || !strcmp(argv[j], "--help")) {
                    fputs(commands[c].usage, stdout);
                    return 0;
                }
            return commands[c].fn(argc - i, argv + i);
        }
    fprintf(stderr, "giji: '%s' is not a giji command (see 'giji --help')\n", argv[i]);
    return 2;
}
