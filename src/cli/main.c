/*
 * cli/main.c — giji's entry point and its one command table. Parses global
 * options, dispatches to cmd_<name>() (one file each), and prints help.
 * Exit codes: 0 success, 1 some input or operation failed, 2 usage error.
 */
#include "cli/cli.h"
#include "cli/spec.h"
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
    {"export", cmd_export, "write the database as JSON, or its graph",
     "usage: giji [--db PATH] export [--format json] [-o FILE]\n"
     "       giji [--db PATH] export --format graphml|dot|csv|json-graph [GRAPH OPTIONS]\n"
     "                               [-o FILE]\n"
     "\n"
     "--format json (the default) writes every meeting with its attendees, agenda,\n"
     "remarks and mentions, and the persons and entities they refer to, as one\n"
     "JSON document (format: docs/export-json.md) to standard output or FILE.\n"
     "\n"
     "The other formats write the cross-reference graph (docs/graph-model.md):\n"
     "persons, entities and the anonymous remarks of each meeting as nodes, with\n"
     "their metrics and community; raised, co-mention or shared edges with their\n"
     "weight, count and the ids of the remarks behind them. graphml is for Gephi,\n"
     "Cytoscape and igraph, dot for Graphviz, json-graph for programs; csv is two\n"
     "tables, FILE-nodes.csv and FILE-edges.csv with -o FILE (on standard output\n"
     "one after the other, separated by an empty line).\n"
     "\n"
     "options:\n"
     "  --format F      json (default), graphml, dot, csv or json-graph\n"
     "  -o FILE         write to FILE instead of standard output\n"
     "\n"
     GIJI_CLI_SPEC_HELP},
    {"metrics", cmd_metrics, "centrality and communities of the graph",
     "usage: giji [--db PATH] metrics [GRAPH OPTIONS] [--sort M] [--top N]\n"
     "                                [--format table|csv|json]\n"
     "\n"
     "Builds the cross-reference graph (docs/graph-model.md) and lists its nodes\n"
     "with their degree, strength (weighted degree), betweenness, harmonic\n"
     "closeness, eigenvector centrality, PageRank and Leiden community, highest\n"
     "first by the metric of --sort; then the number of nodes, edges and\n"
     "communities and the modularity. Metrics are cached in the database for\n"
     "each set of graph options and computed again when the database changes.\n"
     "On a large graph betweenness and harmonic closeness are cut off at a path\n"
     "length, and the output says so.\n"
     "\n"
     "options:\n"
     "  --sort M         degree, strength, betweenness, harmonic, eigenvector or\n"
     "                   pagerank (default); also the metric of --top\n"
     "  --top N          only the N nodes ranked highest\n"
     "  --format FORMAT  table (default; fits $COLUMNS or 80 columns), csv (RFC\n"
     "                   4180, full precision) or json\n"
     "\n"
     GIJI_CLI_SPEC_HELP},
    {"render", cmd_render, "draw the graph as a map or a briefing slide (SVG, PNG, PDF)",
     "usage: giji [--db PATH] render -o FILE [GRAPH OPTIONS] [--format svg|png|pdf]\n"
     "                               [--preset map|briefing] [--layout L] [--size-by M]\n"
     "                               [--color-by type|community] [--label-top N]\n"
     "                               [--title TEXT]\n"
     "\n"
     "Draws the cross-reference graph (docs/graph-model.md) with Graphviz: node\n"
     "area by a metric, colour by entity type (a colour-blind-safe palette) or by\n"
     "community, persons as rounded boxes, line width by weight, Japanese labels\n"
     "in Noto Sans CJK JP, a legend, and a caption naming the meetings and dates\n"
     "drawn from. The SVG gives every node and edge an id, a class and a tooltip\n"
     "(docs/render.md). An empty graph draws nothing and exits 1.\n"
     "\n"
     "options:\n"
     "  -o FILE          write the figure to FILE (required)\n"
     "  --format F       svg, png or pdf (default: FILE's extension)\n"
     "  --preset P       map (default: the whole graph, sized to fit it) or\n"
     "                   briefing (16:9 slide: 1920x1080 px PNG, 13.33x7.5 in\n"
     "                   PDF/SVG; the 25 most central nodes, after --focus)\n"
     "  --layout L       sfdp, neato, fdp, dot or circo (default: neato, sfdp\n"
     "                   for more than 400 nodes)\n"
     "  --size-by M      node area by degree, strength, betweenness, harmonic,\n"
     "                   eigenvector or pagerank (default); also --top's metric\n"
     "  --color-by C     type (default) or community\n"
     "  --label-top N    name only the N largest nodes (default: 150; briefing: all)\n"
     "  --title TEXT     a title above the figure\n"
     "\n"
     GIJI_CLI_SPEC_HELP},
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
    {"who", cmd_who, "who raised a topic: speakers ranked, with excerpts",
     "usage: giji [--db PATH] who TOPIC [--body B] [--from D] [--to D] [--children]\n"
     "                               [--limit N] [--speakers N] [--format table|csv|json]\n"
     "\n"
     "Every person who raised TOPIC, most remarks first, with the meetings and\n"
     "dates, their role at the time, and for each remark about 40 characters of\n"
     "text on each side of the mention, marked 【like this】 in the table. TOPIC\n"
     "is the name or any alias of an entity (see 'giji entities'), compared by\n"
     "NFKC match key (ISAC, ＩＳＡＣ and isac are the same). When no entity has\n"
     "that name, the remarks whose text contains TOPIC are found by full-text\n"
     "search. Remarks whose speaker is unknown follow the persons, as\n"
     "(anonymous) or with the label the minutes gave; speakers found by\n"
     "inference are marked as such. An unknown TOPIC exits 1 with suggestions;\n"
     "no remark in the meetings asked for exits 0 with an empty result.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --body B         only meetings of body B, or of bodies under it\n"
     "  --from D, --to D only meetings from / up to date D (YYYY, YYYY-MM or\n"
     "                   YYYY-MM-DD; inclusive)\n"
     "  --children       also count mentions of the entities under TOPIC\n"
     "                   (金融ISAC for ISAC)\n"
     "  --limit N        list at most N remarks of each speaker, the earliest\n"
     "                   (default 3; 0: all; the counts are always complete)\n"
     "  --speakers N     list at most N speakers, the highest ranked (default 20;\n"
     "                   0: all); the anonymous remarks are always listed, and\n"
     "                   the others are counted on a last line\n"
     "  --format FORMAT  table (default; fits $COLUMNS or 80 columns), csv (one\n"
     "                   line per remark listed) or json\n"},
    {"topics", cmd_topics, "what a person raised, overall and per meeting",
     "usage: giji [--db PATH] topics PERSON [--body B] [--from D] [--to D]\n"
     "                                  [--format table|csv|json]\n"
     "\n"
     "The entities PERSON's remarks mention, ranked by the number of remarks\n"
     "(then of mentions): over all meetings, then per meeting with the role the\n"
     "person held there. PERSON is one identity across meetings: the name with\n"
     "or without spaces (野原佐和子, 野原 佐和子), or a surname only one person\n"
     "has (野原). Every meeting the person attended or spoke in is listed, also\n"
     "when none of its remarks is attributed to them (summaries often record\n"
     "opinions anonymously; the number of anonymous remarks is shown).\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --body B, --from D, --to D   only those meetings (see 'giji help who')\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"remarks", cmd_remarks, "list remarks by speaker, entity, meeting, date",
     "usage: giji [--db PATH] remarks [--speaker P] [--entity E]... [--meeting M]\n"
     "                                [--body B] [--from D] [--to D] [--children]\n"
     "                                [--limit N] [--format table|csv|json]\n"
     "\n"
     "The remarks themselves, in meeting date order, with speaker, meeting, date\n"
     "and provenance (the minutes file and its lines). The table shows the text\n"
     "around the first mention of the first --entity (or the start of the\n"
     "text); CSV and JSON have the whole text.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --speaker P      remarks attributed to person P (as in 'giji topics')\n"
     "  --entity E       remarks mentioning entity E (name or alias); repeatable:\n"
     "                   remarks mentioning all of them\n"
     "  --meeting M      the meeting with id M, or read from the file named M\n"
     "  --body B, --from D, --to D   only those meetings (see 'giji help who')\n"
     "  --children       an entity also counts through the entities under it\n"
     "  --limit N        at most N remarks (default: all)\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"search", cmd_search, "full-text search over remarks",
     "usage: giji [--db PATH] search TEXT [--body B] [--from D] [--to D] [--limit N]\n"
     "                               [--format table|csv|json]\n"
     "\n"
     "The remarks containing TEXT, best first, with the match marked 【like this】.\n"
     "TEXT is taken literally (quotes, %, _ and operators are plain characters);\n"
     "letters match without case, and TEXT is also looked for in its NFKC form\n"
     "and with ASCII written full-width (ISAC, ＩＳＡＣ). TEXT of 2 characters or\n"
     "more uses the trigram index (2 characters: the trigrams that begin TEXT,\n"
     "and the remarks that end with it); 1 character is answered by reading\n"
     "every remark. Either way the remarks with the most occurrences come first.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --body B, --from D, --to D   only those meetings (see 'giji help who')\n"
     "  --limit N        at most N remarks (default 50; 0: all)\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"timeline", cmd_timeline, "mentions of an entity or a person's remarks over time",
     "usage: giji [--db PATH] timeline NAME [--by meeting|month|year] [-o FILE.svg]\n"
     "                                 [--body B] [--from D] [--to D] [--children]\n"
     "                                 [--format table|csv|json]\n"
     "\n"
     "For an entity (NAME or an alias), the remarks mentioning it and its\n"
     "mentions per meeting, in date order; for a person (when no entity has\n"
     "that name), their remarks per meeting attended, with their role. With\n"
     "--by month or year, per period, every period between the first and the\n"
     "last included. With -o, also a small self-contained SVG bar chart.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --by PERIOD      meeting (default), month or year\n"
     "  -o FILE          also write the chart as SVG to FILE\n"
     "  --body B, --from D, --to D   only those meetings (see 'giji help who')\n"
     "  --children       also count mentions of the entities under it\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"meetings", cmd_meetings, "list the stored meetings",
     "usage: giji [--db PATH] meetings [--body B] [--from D] [--to D]\n"
     "                                 [--format table|csv|json]\n"
     "\n"
     "The stored meetings in date order: id (for 'giji remarks --meeting'),\n"
     "date, body and session, attendees, remarks (and how many of them have no\n"
     "known speaker), and the minutes file.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --body B, --from D, --to D   only those meetings (see 'giji help who')\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"persons", cmd_persons, "list persons with their meetings and remarks",
     "usage: giji [--db PATH] persons [NAME] [--format table|csv|json]\n"
     "\n"
     "Every person of the corpus, most remarks first: meetings attended or\n"
     "spoken in, remarks attributed to them (of them inferred), first and last\n"
     "date, and the role at the latest meeting. With NAME, only persons whose\n"
     "name (spaces removed) contains NAME, taken literally.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"show", cmd_show, "one remark in full, with its mentions",
     "usage: giji [--db PATH] show REMARK-ID [--format table|csv|json]\n"
     "\n"
     "One remark (the ids that 'giji who', 'remarks', 'search' and 'entities'\n"
     "print): its meeting, date, minutes file and lines, speaker with role and\n"
     "attribution, the whole text, and the entities it mentions.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  --format FORMAT  table (default), csv or json\n"},
    {"report", cmd_report, "one HTML file to explore the graph and its remarks",
     "usage: giji [--db PATH] report [-o FILE.html] [--title TITLE] [GRAPH OPTIONS]\n"
     "\n"
     "Writes one self-contained HTML file (no network access, nothing fetched:\n"
     "script, style sheet and data are inside it) to explore the cross-reference\n"
     "graph of GRAPH OPTIONS in a browser (docs/report.md): the relationship map;\n"
     "clicking a node or an edge lists the remarks behind it (speaker, role,\n"
     "meeting, date, an excerpt around the mention, the minutes file and line);\n"
     "a matrix of persons by the entities ranked highest, each cell clickable;\n"
     "a sortable centrality table; the meetings with their attendees, remarks\n"
     "and top entities; and a filter that narrows the map and the tables as you\n"
     "type. Without --top, the 60 nodes ranked highest are drawn. At most 100\n"
     "remarks are listed for each node, edge or cell (the counts are complete);\n"
     "full texts are left out, and only excerpts kept, when together they would\n"
     "exceed 4 MiB. The report says so when it leaves anything out.\n"
     "\n"
     "options:\n"
     "  --db PATH        database (default $GIJI_DB, else out/giji.db); must exist\n"
     "  -o FILE          write to FILE (default: standard output)\n"
     "  --title TITLE    the page's title (default \"giji report\")\n"
     "\n"
     GIJI_CLI_SPEC_HELP},
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
