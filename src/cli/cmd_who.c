/*
 * cli/cmd_who.c — `giji who TOPIC [--body B] [--from D] [--to D]
 * [--children] [--limit N] [--speakers N] [--format F]`: every speaker who raised TOPIC (an entity by
 * name or alias, else free text), most remarks first, with each remark's
 * meeting, date, role at the time and a keyword-in-context excerpt.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHO_DEFAULT_LIMIT 3
#define WHO_DEFAULT_SPEAKERS 20

/* "ISAC (isac)", "内閣サイバーセキュリティセンター (ministry; alias NISC)",
 * "text '情報共有体制'". */
static void topic_label(char *buf, size_t size, const giji_target *t, const char *arg)
{
    if (t->kind == GIJI_TARGET_TEXT)
        snprintf(buf, size, "text '%s'", t->display);
    else if (!strcmp(t->how, "name"))
        snprintf(buf, size, "%s (%s)", t->display, t->type);
    else
        snprintf(buf, size, "%s (%s; %s %s)", t->display, t->type, t->how, arg);
}

static const char *group_name(const giji_who_group *g)
{
    static char buf[512];
    if (g->person)
        return g->display ? g->display : g->name;
    if (g->label)
        snprintf(buf, sizeof buf, "(label %s)", g->label);
    else
        snprintf(buf, sizeof buf, "(anonymous)");
    return buf;
}

/* "[3] 2017-01-25 サイバーセキュリティ戦略本部 #11, ROLE (inferred from CUE)" */
static void remark_line(char *buf, size_t size, const giji_remark_hit *h)
{
    int n = snprintf(buf, size, "[%lld] %s %s", h->id, h->date ? h->date : "(no date)",
                     qc_meeting_label(h->body, h->session));
    if (n < 0 || (size_t)n >= size)
        return;
    if (h->role && *h->role)
        n += snprintf(buf + n, size - (size_t)n, ", %s", h->role);
    if ((size_t)n >= size)
        return;
    if (h->attribution && !strcmp(h->attribution, "inferred"))
        snprintf(buf + n, size - (size_t)n, " (inferred from %s)", h->cue ? h->cue : "a cue");
    else if (h->attribution && !strcmp(h->attribution, "chair"))
        snprintf(buf + n, size - (size_t)n, " (chair)");
}

/* Under a speaker whose remarks were cut by --limit: how many more. */
static int more_note(giji_table *t, const giji_who_group *g)
{
    if (g->shown >= g->count)
        return 0;
    char buf[128];
    snprintf(buf, sizeof buf, "(%zu more; --limit 0 lists them all)", g->count - g->shown);
    return giji_table_note_add(t, buf);
}

static int write_table(const giji_who *w, const char *arg)
{
    static const giji_column cols[] = {
        {"#", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"SPEAKER", 0, 10},
        {"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"MEETINGS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"FIRST", GIJI_COL_FIXED, 0},
        {"LAST", GIJI_COL_FIXED, 0},
    };
    size_t width = giji_out_columns();
    if (w->remarks) {
        char label[1024];
        topic_label(label, sizeof label, &w->topic, arg);
        size_t unknown = w->unknown, persons = w->persons;
        char line[1400];
        char *fitted = giji_out_fit(label, width);
        int bad = !fitted || printf("%s\n", fitted) < 0;
        free(fitted);
        if (bad)
            return -1;
        size_t known = w->remarks - unknown;
        int k = snprintf(line, sizeof line, "%zu remark%s in %zu meeting%s", w->remarks,
                         w->remarks == 1 ? "" : "s", w->meetings, w->meetings == 1 ? "" : "s");
        if (k > 0 && (size_t)k < sizeof line) {
            if (!unknown)
                snprintf(line + k, sizeof line - (size_t)k, " by %zu speaker%s", persons,
                         persons == 1 ? "" : "s");
            else if (!known)
                snprintf(line + k, sizeof line - (size_t)k, ", no speaker known");
            else
                snprintf(line + k, sizeof line - (size_t)k, ": %zu by %zu speaker%s, %zu with no speaker known",
                         known, persons, persons == 1 ? "" : "s", unknown);
        }
        fitted = giji_out_fit(line, width);
        if (!fitted || printf("%s\n", fitted) < 0) {
            free(fitted);
            return -1;
        }
        free(fitted);
    }
    giji_table *t = giji_table_new(6, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < w->ngroups; i++) {
        const giji_who_group *g = &w->groups[i];
        const char *cells[] = {g->rank ? qc_num((long long)g->rank) : "-", group_name(g),
                               qc_num((long long)g->count), qc_num((long long)g->meetings),
                               g->first_date ? g->first_date : "-", g->last_date ? g->last_date : "-"};
        rc = giji_table_add(t, cells);
        for (size_t j = g->first; rc == 0 && j < g->first + g->shown; j++) {
            char buf[1024];
            remark_line(buf, sizeof buf, &w->items[j].r);
            char *kwic = qc_kwic_line(&w->items[j].kwic, width > 10 ? width - 6 : 4);
            if (!kwic)
                rc = -1;
            else {
                size_t len = strlen(kwic) + 3;
                char *ind = malloc(len);
                if (ind) {
                    snprintf(ind, len, "  %s", kwic);
                    rc = giji_table_note_add(t, buf);
                    rc = rc ? rc : giji_table_note_add(t, ind);
                } else {
                    rc = -1;
                }
                free(ind);
                free(kwic);
            }
        }
        if (rc == 0)
            rc = more_note(t, g);
    }
    if (rc == 0 && w->more_speakers) {
        char buf[160];
        snprintf(buf, sizeof buf, "(%zu more speaker%s with %zu remark%s; --speakers 0 lists them all)",
                 w->more_speakers, w->more_speakers == 1 ? "" : "s", w->more_remarks,
                 w->more_remarks == 1 ? "" : "s");
        rc = giji_table_note_add(t, buf);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, width);
    giji_table_free(t);
    return rc ? -1 : 0;
}

static int write_csv(const giji_who *w)
{
    static const char *const header[] = {
        "rank", "person", "speaker", "label", "speaker_remarks", "remark", "meeting", "date", "body",
        "session", "source", "line", "role", "attribution", "cue", "before", "match", "after"};
    int rc = giji_csv_row(stdout, header, 18);
    for (size_t i = 0; rc == 0 && i < w->ngroups; i++) {
        const giji_who_group *g = &w->groups[i];
        for (size_t j = g->first; rc == 0 && j < g->first + g->shown; j++) {
            const giji_hit *h = &w->items[j];
            char rank[24] = "", person[24] = "", session[24] = "", count[24], remark[24], meeting[24],
                 line[24];
            if (g->rank)
                snprintf(rank, sizeof rank, "%zu", g->rank);
            if (g->person)
                snprintf(person, sizeof person, "%lld", g->person);
            if (h->r.session >= 0)
                snprintf(session, sizeof session, "%d", h->r.session);
            snprintf(count, sizeof count, "%zu", g->count);
            snprintf(remark, sizeof remark, "%lld", h->r.id);
            snprintf(meeting, sizeof meeting, "%lld", h->r.meeting);
            snprintf(line, sizeof line, "%u", h->r.line);
            const char *f[] = {rank, person, g->person ? g->display : NULL, h->r.speaker_label, count,
                               remark, meeting, h->r.date, h->r.body, session, h->r.source, line,
                               h->r.role, h->r.attribution, h->r.cue, h->kwic.before, h->kwic.match,
                               h->kwic.after};
            rc = giji_csv_row(stdout, f, 18);
        }
    }
    return rc ? -1 : 0;
}

static int write_json(const giji_who *w)
{
    giji_jsonw j;
    giji_jsonw_init(&j, stdout);
    giji_jsonw_object_begin(&j);
    giji_jsonw_key(&j, "topic");
    qc_json_target(&j, &w->topic);
    giji_jsonw_key(&j, "remarks");  giji_jsonw_int(&j, (long long)w->remarks);
    giji_jsonw_key(&j, "meetings"); giji_jsonw_int(&j, (long long)w->meetings);
    giji_jsonw_key(&j, "more_speakers"); giji_jsonw_int(&j, (long long)w->more_speakers);
    giji_jsonw_key(&j, "more_remarks");  giji_jsonw_int(&j, (long long)w->more_remarks);
    giji_jsonw_key(&j, "speakers");
    giji_jsonw_array_begin(&j);
    for (size_t i = 0; i < w->ngroups; i++) {
        const giji_who_group *g = &w->groups[i];
        giji_jsonw_object_begin(&j);
        giji_jsonw_key(&j, "rank");
        if (g->rank)
            giji_jsonw_int(&j, (long long)g->rank);
        else
            giji_jsonw_null(&j);
        giji_jsonw_key(&j, "person");     giji_jsonw_id(&j, g->person);
        giji_jsonw_key(&j, "name");       giji_jsonw_string(&j, g->name);
        giji_jsonw_key(&j, "display");    giji_jsonw_string(&j, g->display);
        giji_jsonw_key(&j, "label");      giji_jsonw_string(&j, g->label);
        giji_jsonw_key(&j, "remarks");    giji_jsonw_int(&j, (long long)g->count);
        giji_jsonw_key(&j, "meetings");   giji_jsonw_int(&j, (long long)g->meetings);
        giji_jsonw_key(&j, "inferred");   giji_jsonw_int(&j, (long long)g->inferred);
        giji_jsonw_key(&j, "first_date"); giji_jsonw_string(&j, g->first_date);
        giji_jsonw_key(&j, "last_date");  giji_jsonw_string(&j, g->last_date);
        giji_jsonw_key(&j, "remark_ids");
        giji_jsonw_array_begin(&j);
        for (size_t k = g->key_first; k < g->key_first + g->nkeys; k++)
            giji_jsonw_int(&j, w->keys[k].id);
        giji_jsonw_array_end(&j);
        giji_jsonw_key(&j, "items");
        giji_jsonw_array_begin(&j);
        for (size_t k = g->first; k < g->first + g->shown; k++) {
            giji_jsonw_object_begin(&j);
            qc_json_hit_fields(&j, &w->items[k].r, 0);
            giji_jsonw_key(&j, "excerpt");
            qc_json_kwic(&j, &w->items[k].kwic);
            giji_jsonw_object_end(&j);
        }
        giji_jsonw_array_end(&j);
        giji_jsonw_object_end(&j);
    }
    giji_jsonw_array_end(&j);
    giji_jsonw_object_end(&j);
    return qc_json_finish(&j);
}

static int who_option(void *ctx, const char *name, const char *value)
{
    (void)name;
    qc_args *a = ctx;
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (!*value || *end || errno || v < 0 || v > 100000000LL)
        return giji_cli_usage_error("who", "--speakers needs a whole number (0 for all), not '%s'", value);
    a->opts.speakers = (size_t)v;
    return 0;
}

int cmd_who(int argc, char **argv)
{
    static const qc_option extra[] = {{"--speakers", 1}, {NULL, 0}};
    qc_args a;
    /* qc_parse clears a before the options are read, so --speakers lands
     * in a copy and is put back after */
    qc_args opt = {0};
    opt.opts.speakers = WHO_DEFAULT_SPEAKERS;
    /* At most WHO_DEFAULT_LIMIT remarks listed per speaker and
     * WHO_DEFAULT_SPEAKERS speakers unless --limit and --speakers say
     * otherwise (0: all): a frequent entity has thousands of speakers and
     * hundreds of thousands of remarks; the counts stay complete. */
    int rc = qc_parse("who", argc, argv, QC_BODY | QC_DATES | QC_CHILDREN | QC_LIMIT, extra, who_option, &opt,
                      1, 1, WHO_DEFAULT_LIMIT, &a);
    if (rc)
        return rc;
    a.opts.speakers = opt.opts.speakers;
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    giji_who w;
    if (giji_query_who(st, a.args[0], &a.opts, &w) != GIJI_OK) {
        rc = qc_fail(st, a.args[0], GIJI_FIND_ENTITY | GIJI_FIND_PERSON);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(&w, a.args[0])
         : a.fmt == GIJI_OUT_CSV ? write_csv(&w)
                                 : write_json(&w);
    rc = qc_done(rc);
    if (rc == 0 && w.remarks == 0) {
        char label[1024];
        topic_label(label, sizeof label, &w.topic, a.args[0]);
        fprintf(stderr, "giji: no remarks raised %s%s\n", label,
                a.opts.body || a.opts.from || a.opts.to ? " in the meetings asked for" : "");
    }
    giji_who_free(&w);
    return rc;
}
