/*
 * cli/cmd_ingest.c — `giji ingest FILE...`: run each file through the
 * pipeline, print what was found, its warnings and errors, and a summary.
 * A failing file does not stop the others; the exit code says whether any failed.
 */
#include "cli/cli.h"
#include "giji/giji.h"

#include <stdio.h>
#include <string.h>

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

static void print_meeting(const char *path, const giji_ingest_result *res)
{
    const giji_meeting *m = &res->meeting;
    size_t by[4] = {0};
    for (size_t i = 0; i < m->nremarks; i++)
        by[m->remarks[i].attribution]++;
    size_t proxies = 0, absent = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        proxies += m->attendees[i].proxy_for >= 0;
        absent += !m->attendees[i].present;
    }
    printf("%s: %s", path, res->status == GIJI_STORE_REPLACED ? "replaced" : "stored");
    if (res->encoding != GIJI_ENC_UTF8)
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

int cmd_ingest(int argc, char **argv)
{
    const char *files[argc];
    const char *gazetteers[argc];
    int nfiles = 0, ngaz = 0, force = 0;
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
    int counts[3] = {0}, failed = 0;
    size_t warnings = 0;
    for (int f = 0; f < nfiles; f++) {
        giji_ingest_result res;
        giji_error_clear();
        if (giji_ingest_file(st, rules, x, files[f], force, &res) != GIJI_OK) {
            giji_cli_error();
            failed++;
        } else {
            counts[res.status]++;
            if (res.status == GIJI_STORE_UNCHANGED) {
                if (!giji_opts.quiet)
                    printf("%s: unchanged (same content as %s is stored)\n", files[f],
                           res.same_as ? res.same_as : "a stored file");
            } else {
                if (!giji_opts.quiet)
                    print_meeting(files[f], &res);
                for (size_t w = 0; w < res.meeting.nwarnings; w++)
                    fprintf(stderr, "giji: warning: %s:%u: %s\n", files[f],
                            res.meeting.warnings[w].line, res.meeting.warnings[w].message);
                warnings += res.meeting.nwarnings;
            }
        }
        giji_ingest_result_free(&res);
    }
    giji_store_stats stats = {0};
    int rc = giji_store_stats_get(st, &stats);
    printf("ingested %d file%s: %d new, %d replaced, %d unchanged, %d failed; %zu warning%s\n",
           nfiles, plural((size_t)nfiles), counts[GIJI_STORE_NEW], counts[GIJI_STORE_REPLACED],
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
    return failed || rc ? 1 : 0;
}
