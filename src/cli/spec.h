/*
 * cli/spec.h — the graph specification on the command line, parsed in one
 * place for every command that builds a graph (metrics, export, and later
 * render and report): --meeting, --body, --from, --to, --types, --edges,
 * --min-weight, --top, --by, --focus, --depth, --project,
 * --attributed-only, --norm, --cutoff, --samples (docs/cli.md#graph-options).
 */
#ifndef GIJI_CLI_SPEC_H
#define GIJI_CLI_SPEC_H

#include <stddef.h>
#include <stdio.h>

#include "giji/graph.h"

/* The help text of the options, for the commands' usage strings. */
#define GIJI_CLI_SPEC_HELP                                                                       \
    "graph options (docs/graph-model.md):\n"                                                     \
    "  --meeting ID       only this meeting (repeatable, or ID,ID,...)\n"                        \
    "  --body NAME        only meetings of this body or of bodies under it\n"                    \
    "  --from DATE, --to DATE  only meetings held in this range (YYYY-MM-DD)\n"                  \
    "  --types T,T...     only entities of these types (ministry, isac, law,\n"                  \
    "                     policy, event, country, org, topic)\n"                                 \
    "  --edges E          raised (person -> entity), co-mention (entity -- entity)\n"            \
    "                     or both (default)\n"                                                   \
    "  --norm N           co-mention and shared weights: count (default),\n"                     \
    "                     jaccard or association\n"                                              \
    "  --project P        one-mode projection: persons (linked by the entities\n"                \
    "                     they both raised) or entities (by shared speakers)\n"                  \
    "  --attributed-only  leave out remarks whose speaker is unknown\n"                          \
    "  --min-weight X     drop edges lighter than X\n"                                           \
    "  --focus NAME       only the nodes within --depth K hops (default 1) of\n"                 \
    "                     the person or entity NAME (an alias works)\n"                          \
    "  --top N            only the N nodes ranked highest by --by M (default\n"                  \
    "                     pagerank); metrics stay those of the whole graph\n"                    \
    "  --top-persons K    of those N, at least K are the highest-ranked persons\n"                \
    "  --cutoff C         betweenness and harmonic closeness: auto (default: exact,\n"         \
    "                     or estimated from sampled sources on a large graph),\n"              \
    "                     exact, or only paths up to length C\n"                               \
    "  --samples K        estimate them from K sampled source nodes\n"

typedef struct giji_cli_spec {
    giji_graph_spec spec;       /* spec.meetings points into `meetings` */
    long long *meetings;
    size_t nmeetings, cap;
    int edges_given, by_given, top_persons_given, any;
} giji_cli_spec;

void giji_cli_spec_init(giji_cli_spec *cs);
void giji_cli_spec_free(giji_cli_spec *cs);

/* Consume the graph option at argv[*i] (with its value, "--opt V" or
 * "--opt=V"). Returns 1 when it was one (advancing *i past a separate
 * value), 0 when argv[*i] is no graph option, or 2 after printing a usage
 * error for `cmd` ("giji: metrics: ..."). */
int giji_cli_spec_option(const char *cmd, int argc, char **argv, int *i, giji_cli_spec *cs);

/* Match argv[*i] against the value options `names` ("--opt V" or
 * "--opt=V"): 1 with *name (one of names) and *value set, advancing *i past
 * a separate value; 0 when it is none of them; -1 when the value is missing. */
int giji_cli_value_option(int argc, char **argv, int *i, const char *const *names, size_t n,
                          const char **name, const char **value);

/* The argument loop of a graph command: global options, graph options, and
 * the command's own value options `names`, each handed to own(ctx, name,
 * value), which returns 0, or an exit code after printing a usage error.
 * Anything else is a usage error. 0, or the exit code (2) after the
 * message. */
int giji_cli_graph_args(const char *cmd, int argc, char **argv, giji_cli_spec *cs, const char *const *names,
                        size_t n, int (*own)(void *ctx, const char *name, const char *value), void *ctx);

/* Check the whole spec once every option is read (from after to, --edges
 * with --project, ...). 0, or 2 after printing a usage error. */
int giji_cli_spec_finish(const char *cmd, giji_cli_spec *cs);

/* After the arguments (rc: their exit code, 0 when they were good): check
 * the spec and open the database. 0 with *st open, or the exit code after
 * the message, with cs freed. */
int giji_cli_spec_open(const char *cmd, int rc, giji_cli_spec *cs, giji_store **st);

/* A line saying how betweenness and harmonic closeness were computed when
 * they are not exact (estimated from samples, or cut off); nothing when
 * they are. Each line starts with `prefix`. */
void giji_cli_graph_note(FILE *out, const char *prefix, const giji_graph *g);

#endif
