/*
 * cli/cli.h — what the subcommands share: the command table's entry type,
 * global options, and small output helpers. Only cli/ parses arguments and
 * prints; the library reports through giji/error.h.
 */
#ifndef GIJI_CLI_H
#define GIJI_CLI_H

#include <stdio.h>

#include "giji/store.h"

typedef struct giji_cli {
    const char *db;        /* --db, $GIJI_DB, or out/giji.db */
    const char *data;      /* --data: the tables directory, or NULL */
    int quiet;             /* -q: no progress lines */
} giji_cli;

extern giji_cli giji_opts;

typedef struct giji_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
    const char *usage;     /* full help text shown by `giji help NAME` */
} giji_command;

int cmd_ingest(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_entities(int argc, char **argv);
int cmd_candidates(int argc, char **argv);
int cmd_who(int argc, char **argv);
int cmd_topics(int argc, char **argv);
int cmd_remarks(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_meetings(int argc, char **argv);
int cmd_persons(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Print the help of a command to `out`; 0 when it exists. */
int giji_cli_help(const char *name, FILE *out);

/* Consume a global option at argv[*i] (--db, --data, -q). Returns 1 when it
 * was one (advancing *i past its value), 0 when not, -1 on a missing value. */
int giji_cli_global_option(int argc, char **argv, int *i);

/* Open the database of --db for reading: one that does not exist is an
 * error ("no database there"), not created. On failure prints the error
 * and returns NULL. */
giji_store *giji_cli_open_existing(void);

/* "giji: error: <last error>" on stderr. */
void giji_cli_error(void);
/* "giji: <cmd>: <message>" on stderr, returns 2 (usage error exit code). */
int giji_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
