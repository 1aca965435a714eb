/*
 * cli/cmd_ingest.c — `giji ingest FILE...`: run each file through the
 * pipeline, print what was found, its warnings and errors, and a summary.
 * A failing file does not stop the others; the exit code says whether any failed.
 */
#include "cli/cli.h"
#include "giji/giji.h"

#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* `part`: NULL for the file's (first) meeting, else its further one. */
static void print_meeting(const char *path, const giji_ingest_result *res, const giji_ingest_part *part)
{
    const giji_meeting *m = part ? &part->meeting : &res->meeting;
    size_t by[4] = {0};
    for (size_t i = 0; i < m->nremarks; i++)
        by[m->remarks[i].attribution]++;
    size_t proxies = 0, absent = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        proxies += m->attendees[i].proxy_for >= 0;
        absent += !m->attendees[i].present;
    }
    giji_store_status status = part ? part->status : res->status;
    printf("%s: %s", path, status == GIJI_STORE_REPLACED ? "replaced" : "stored");
    if (part)
        printf(" (its next meeting, as %s)", part->name);
    else if (res->nparts)
        printf(" (%zu meetings in the file)", res->nparts + 1);
    if (!part && res->encoding != GIJI_ENC_UTF8)
        printf(" (decoded from %s)", giji_encoding_name(res->encoding));
    printf("\n  %s", m->body ? m->body : "(body unknown)");
    if (m->session >= 0)
        printf(" #%d", m->session);
    printf(" %s", m->date[0] ? m->date : "(date unknown)");
    if (m->start[0])
        printf(" %s-%s", m->start, m->end[0] ? m->end : "?");
    if (m->place)
        printf(" %s", m->place);
    printf("\n  %zu attendee%s (%zu as proxies, %zu absent), %zu agenda item%s, %zu remark%s "
           "(%zu explicit, %zu chair, %zu anonymous)\n",
           m->nattendees - absent, plural(m->nattendees - absent), proxies, absent, m->nagenda,
           plural(m->nagenda), m->nremarks, plural(m->nremarks),
           by[GIJI_ATTR_EXPLICIT], by[GIJI_ATTR_CHAIR], by[GIJI_ATTR_NONE]);
    size_t mentions = 0, discovered = 0;
    for (size_t i = 0; i < m->nremarks; i++)
        mentions += m->remarks[i].nmentions;
    for (size_t i = 0; i < m->nentities; i++)
        discovered += m->entities[i].discovered;
    printf("  %zu mention%s of %zu entit%s (%zu discovered), %zu speaker%s inferred\n", mentions,
           plural(mentions), m->nentities, m->nentities == 1 ? "y" : "ies", discovered,
           by[GIJI_ATTR_INFERRED], plural(by[GIJI_ATTR_INFERRED]));
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1; /* the batch stops after the file being stored */
}

typedef struct tally {
    int counts[3], failed;
    size_t warnings;
} tally;

/* Per file, in input order, on the writing thread. */
static int report(void *ctx, size_t index, const char *path, int rc, const char *error,
                  const giji_ingest_result *res)
{
    (void)index;
    tally *t = ctx;
    if (rc) {
        fprintf(stderr, "giji: error: %s\n", error ? error : "failed");
        t->failed++;
        return 0;
    }
    t->counts[res->status]++;
    if (res->status == GIJI_STORE_UNCHANGED) {
        if (!giji_opts.quiet)
            printf("%s: unchanged (same content as %s is stored)\n", path,
                   res->same_as ? res->same_as : "a stored file");
        return 0;
    }
    for (size_t k = 0; k <= res->nparts; k++) {
        const giji_ingest_part *part = k ? &res->parts[k - 1] : NULL;
        const giji_meeting *m = part ? &part->meeting : &res->meeting;
        if (!giji_opts.quiet)
            print_meeting(path, res, part);
        fflush(stdout); /* the file's lines before its warnings, also when both are captured */
        for (size_t w = 0; w < m->nwarnings; w++)
            fprintf(stderr, "giji: warning: %s:%u: %s\n", path, m->warnings[w].line, m->warnings[w].message);
        t->warnings += m->nwarnings;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    const char *files[argc];
    const char *gazetteers[argc];
    int nfiles = 0, ngaz = 0, force = 0, jobs = 0;
    giji_extract_options xopt = {.discover = 1, .infer = 1};
    for (int i = 1; i < argc; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0)
            return giji_cli_usage_error("ingest", "option '%s' needs a value", argv[i]);
        if (g)
            continue;
        if (!strcmp(argv[i], "--gazetteer")) {
            if (i + 1 >= argc)
                return giji_cli_usage_error("ingest", "option '--gazetteer' needs a file");
            gazetteers[ngaz++] = argv[++i];
            continue;
        }
        if (!strncmp(argv[i], "--gazetteer=", 12)) {
            gazetteers[ngaz++] = argv[i] + 12;
            continue;
        }
        if (!strcmp(argv[i], "--no-discover")) {
            xopt.discover = 0;
            continue;
        }
        if (!strcmp(argv[i], "--no-infer")) {
            xopt.infer = 0;
            continue;
        }
        if (!strcmp(argv[i], "--force")) {
            force = 1;
            continue;
        }
        if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--jobs")) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (!end || *end || v < 1 || v > 64)
                return giji_cli_usage_error("ingest", "'%s' needs a number of workers from 1 to 64", argv[i]);
            jobs = (int)v;
            i++;
            continue;
        }
        if (!strcmp(argv[i], "--")) {
            while (++i < argc)
                files[nfiles++] = argv[i];
            break;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return giji_cli_usage_error("ingest", "unknown option '%s'", argv[i]);
        files[nfiles++] = argv[i];
    }
    if (nfiles == 0)
        return giji_cli_usage_error("ingest", "no input files");

    giji_rules *rules = NULL;
    giji_store *st = NULL;
    giji_gazetteer *gz = NULL;
    giji_extractor *x = NULL;
    /* every data file is checked (and MeCab started) before the database is
     * opened: a bad table must not leave an empty database behind */
    if (giji_rules_load(giji_opts.data, &rules) != GIJI_OK ||
        giji_gazetteer_load(giji_opts.data, gazetteers, (size_t)ngaz, &gz) != GIJI_OK ||
        giji_extractor_new(gz, giji_opts.data, &xopt, &x) != GIJI_OK ||
        giji_store_open(giji_opts.db, &st) != GIJI_OK) {
        giji_cli_error();
        giji_extractor_free(x);
        giji_gazetteer_free(gz);
        giji_rules_free(rules);
        return 1;
    }
    giji_ingest_options opt = {.force = force, .threads = jobs, .extract = 1, .extract_options = xopt,
                               .datadir = giji_opts.data, .extractor = x};
    tally t = {0};
    size_t done = 0;
    interrupted = 0;
    struct sigaction sa = {0}, old_int, old_term;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    int brc = giji_ingest_files(st, rules, gz, &opt, files, (size_t)nfiles, report, &t, &interrupted, &done);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (brc)
        giji_cli_error();
    int counts[3] = {t.counts[0], t.counts[1], t.counts[2]}, failed = t.failed;
    size_t warnings = t.warnings;
    giji_store_stats stats = {0};
    int rc = giji_store_stats_get(st, &stats);
    if (done < (size_t)nfiles)
        printf("ingested %zu of %d files: ", done, nfiles);
    else
        printf("ingested %d file%s: ", nfiles, plural((size_t)nfiles));
    printf("%d new, %d replaced, %d unchanged, %d failed; %zu warning%s\n",
           counts[GIJI_STORE_NEW], counts[GIJI_STORE_REPLACED],
           counts[GIJI_STORE_UNCHANGED], failed, warnings, plural(warnings));
    if (rc == GIJI_OK)
        printf("%s: %lld meeting%s, %lld person%s, %lld remark%s\n", giji_opts.db, stats.meetings,
               plural((size_t)stats.meetings), stats.persons, plural((size_t)stats.persons),
               stats.remarks, plural((size_t)stats.remarks));
    else
        giji_cli_error();
    giji_store_close(st);
    giji_extractor_free(x);
    giji_gazetteer_free(gz);
    giji_rules_free(rules);
    if (interrupted) {
        fprintf(stderr, "giji: interrupted: %zu of %d files done; each stored file is complete, "
                        "run the same command again to continue\n", done, nfiles);
        return 130;
    }
    return failed || rc || brc ? 1 : 0;
}
