/*
 * cli/query_cli.h — what the query commands (who, topics, remarks, search,
 * timeline, meetings, persons, show) share: one argument parser (global
 * options, --format, the scope options, command-specific options), opening
 * the database in a read snapshot, the messages for unknown names (with "did
 * you mean"), and the pieces their tables, CSV and JSON are made of.
 */
#ifndef GIJI_CLI_QUERY_CLI_H
#define GIJI_CLI_QUERY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "cli/output.h"
#include "export/jsonw.h"
#include "giji/query.h"

/* Scope options a command accepts (bits). */
enum {
    QC_BODY = 1,        /* --body B */
    QC_DATES = 2,       /* --from D, --to D */
    QC_LIMIT = 4,       /* --limit N */
    QC_CHILDREN = 8     /* --children */
};

/* A command-specific option: its name ("--speaker") and whether it takes a
 * value. */
typedef struct qc_option {
    const char *name;
    int has_value;
} qc_option;

#define QC_MAX_ARGS 16

typedef struct qc_args {
    const char *cmd;
    giji_out_format fmt;
    giji_query_opts opts;
    const char *args[QC_MAX_ARGS];   /* positional arguments */
    size_t nargs;
} qc_args;

/* Parse argv[1..argc) of command `cmd`: global options (--db, --data, -q),
 * --format/-f, the scope options in `accept`, and the options in `extra`
 * (NULL-terminated by name; each occurrence is handed to on_extra with its
 * value or NULL; on_extra returns 0, or 2 after printing a usage error).
 * --opt=value is accepted for every option with a value; "--" ends the
 * options. Positional arguments go to a->args; more than maxargs, or fewer
 * than minargs, is a usage error. Dates are checked here. Returns 0, or 2
 * after printing a usage error. */
int qc_parse(const char *cmd, int argc, char **argv, unsigned accept, const qc_option *extra,
             int (*on_extra)(void *ctx, const char *name, const char *value), void *ctx,
             size_t minargs, size_t maxargs, size_t default_limit, qc_args *a);

/* Open the database (giji_cli_open_existing) and begin a read snapshot, so
 * that the whole command sees one state. NULL after printing the error. */
giji_store *qc_open(void);
/* End the snapshot and close. */
void qc_close(giji_store *st);

/* Check the scope (--body, dates) against the database: 0, or the exit
 * code after printing the message (an unknown body with suggestions). */
int qc_check_scope(giji_store *st, const qc_args *a);

/* qc_open, then qc_check_scope: 0 with *st open, or the exit code (after
 * the message) with *st NULL. */
int qc_open_scoped(const qc_args *a, giji_store **st);

/* Report a failed query call: for GIJI_ENOTFOUND the library's message with
 * "; did you mean: A, B, C" from names of `kinds` closest to `arg`
 * (GIJI_FIND_* bits), for GIJI_EINVAL the message alone, else
 * "giji: error: MESSAGE". Returns the exit code (1). */
int qc_fail(giji_store *st, const char *arg, unsigned kinds);

/* Standard output done: flush, report a write error. Returns 0 or 1. */
int qc_finish(void);
/* After a writer: rc 0 -> qc_finish(); -1 (a write failed or out of
 * memory) -> report it, 1; anything else (already reported) -> 1. */
int qc_done(int rc);

/* ---- pieces of output ---------------------------------------------------- */

/* "サイバーセキュリティ戦略本部 #11", "(body unknown)". Static buffer. */
const char *qc_meeting_label(const char *body, int session);
/* Who said it: "野原 佐和子", "寺田 稔 (inferred)", "(label 佐々木委員)",
 * "(anonymous)". Static buffer. */
const char *qc_speaker(const giji_remark_hit *h);
/* "000_329f7531fe1d3291.txt:57" (or :57-60). Static buffer. */
const char *qc_where(const giji_remark_hit *h);

/* The excerpt for a table line of `width` columns: the match in 【】,
 * centred, the context cut to fit, '…' where the text goes on. Without a
 * match (start = end), the text from its beginning. Caller frees. */
char *qc_kwic_line(const giji_kwic *k, size_t width);

/* JSON: the excerpt object {"before", "match", "after", "start", "end",
 * "cut_before", "cut_after"}; a remark hit's fields (see docs/queries.md),
 * with its text when with_text. */
void qc_json_kwic(giji_jsonw *w, const giji_kwic *k);
void qc_json_hit_fields(giji_jsonw *w, const giji_remark_hit *h, int with_text);
/* A target: {"kind", "id", "name", "display", "type", "matched_by"}. */
void qc_json_target(giji_jsonw *w, const giji_target *t);
/* End a JSON document: 0, or 1 after printing the error. */
int qc_json_finish(giji_jsonw *w);

/* Write hits (giji remarks, giji search) in a->fmt: a table with the
 * excerpt under each remark, CSV with the whole text, or a JSON array.
 * Returns what qc_done takes. */
int qc_write_hits(const giji_hits *h, giji_out_format fmt);

/* Number formatting for cells: a static ring of buffers (8 in flight). */
const char *qc_num(long long v);

#endif
