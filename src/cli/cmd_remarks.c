/*
 * cli/cmd_remarks.c — `giji remarks [--speaker P] [--entity E]...
 * [--meeting M] [--body B] [--from D] [--to D] [--children] [--limit N]
 * [--format F]`: the remarks themselves with speaker, meeting, date and
 * provenance; several --entity mean remarks mentioning all of them.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <stdio.h>
#include <string.h>

typedef struct remarks_args {
    const char *speaker, *meeting;
    const char *entities[GIJI_HIT_MAX_ENTITIES];
    size_t nentities;
} remarks_args;

static int on_option(void *ctx, const char *name, const char *value)
{
    remarks_args *r = ctx;
    if (!strcmp(name, "--speaker"))
        r->speaker = value;
    else if (!strcmp(name, "--meeting"))
        r->meeting = value;
    else if (r->nentities >= GIJI_HIT_MAX_ENTITIES)
        return giji_cli_usage_error("remarks", "at most %d --entity options", GIJI_HIT_MAX_ENTITIES);
    else
        r->entities[r->nentities++] = value;
    return 0;
}

int cmd_remarks(int argc, char **argv)
{
    static const qc_option extra[] = {{"--speaker", 1}, {"--entity", 1}, {"--meeting", 1}, {NULL, 0}};
    remarks_args ra = {0};
    qc_args a;
    int rc = qc_parse("remarks", argc, argv, QC_BODY | QC_DATES | QC_LIMIT | QC_CHILDREN, extra,
                      on_option, &ra, 0, 0, 0, &a);
    if (rc)
        return rc;
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    giji_hit_filter f = {0};
    long long ids[GIJI_HIT_MAX_ENTITIES];
    giji_target t;
    if (ra.speaker) {
        if (giji_resolve(st, ra.speaker, GIJI_FIND_PERSON, &t) != GIJI_OK) {
            rc = qc_fail(st, ra.speaker, GIJI_FIND_PERSON);
            qc_close(st);
            return rc;
        }
        f.speaker = t.id;
        giji_target_free(&t);
    }
    for (size_t i = 0; i < ra.nentities; i++) {
        if (giji_resolve(st, ra.entities[i], GIJI_FIND_ENTITY, &t) != GIJI_OK) {
            rc = qc_fail(st, ra.entities[i], GIJI_FIND_ENTITY);
            qc_close(st);
            return rc;
        }
        ids[i] = t.id;
        giji_target_free(&t);
    }
    f.entities = ids;
    f.nentities = ra.nentities;
    if (ra.meeting && giji_resolve_meeting(st, ra.meeting, &f.meeting) != GIJI_OK) {
        rc = qc_fail(st, NULL, 0);
        qc_close(st);
        return rc;
    }
    giji_hits h;
    if (giji_query_remarks(st, &f, &a.opts, &h) != GIJI_OK) {
        rc = qc_fail(st, NULL, 0);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = qc_done(qc_write_hits(&h, a.fmt));
    if (rc == 0 && h.n == 0)
        fprintf(stderr, "giji: no remarks match\n");
    else if (rc == 0 && h.n < h.total)
        fprintf(stderr, "giji: %zu of %zu remarks shown (--limit %zu)\n", h.n, h.total, a.opts.limit);
    giji_hits_free(&h);
    return rc;
}
