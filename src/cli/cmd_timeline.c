/*
 * cli/cmd_timeline.c — `giji timeline NAME [--by meeting|month|year]
 * [-o FILE.svg] [--body B] [--from D] [--to D] [--children] [--format F]`:
 * mentions of an entity, or a person's remarks, per meeting (or month, or
 * year) as a table with a bar per row, and with -o a small SVG chart.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BAR_MAX 12

typedef struct timeline_args {
    const char *by, *svg;
} timeline_args;

static int on_option(void *ctx, const char *name, const char *value)
{
    timeline_args *t = ctx;
    if (!strcmp(name, "--by"))
        t->by = value;
    else
        t->svg = value;
    return 0;
}

static long long value_of(const giji_timeline *t, const giji_timeline_point *p)
{
    return t->target.kind == GIJI_TARGET_ENTITY ? p->mentions : p->remarks;
}

/* '#' * value scaled to BAR_MAX (at least one for a value above 0). */
static void bar(char *buf, long long v, long long max)
{
    long long n = max > 0 ? (v * BAR_MAX + max / 2) / max : 0;
    if (v > 0 && n == 0)
        n = 1;
    memset(buf, '#', (size_t)n);
    buf[n] = '\0';
}

static int write_table(const giji_timeline *t)
{
    size_t width = giji_out_columns();
    int entity = t->target.kind == GIJI_TARGET_ENTITY, meeting = t->by == GIJI_BY_MEETING;
    char line[1024];
    if (entity)
        snprintf(line, sizeof line, "%s (%s): %lld mention%s in %lld remark%s", t->target.display,
                 t->target.type, t->mentions, t->mentions == 1 ? "" : "s", t->remarks,
                 t->remarks == 1 ? "" : "s");
    else
        snprintf(line, sizeof line, "%s: %lld remark%s", t->target.display, t->remarks,
                 t->remarks == 1 ? "" : "s");
    char *f = giji_out_fit(line, width);
    int rc = f && printf("%s\n", f) >= 0 ? 0 : -1;
    free(f);
    giji_column cols[6];
    size_t nc = 0;
    cols[nc++] = (giji_column){meeting ? "DATE" : "PERIOD", GIJI_COL_FIXED, 0};
    if (meeting)
        cols[nc++] = (giji_column){"MEETING", 0, 12};
    if (meeting && !entity)
        cols[nc++] = (giji_column){"ROLE", 0, 12};
    if (!meeting)
        cols[nc++] = (giji_column){"MEETINGS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0};
    cols[nc++] = (giji_column){"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0};
    if (entity)
        cols[nc++] = (giji_column){"MENTIONS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0};
    cols[nc++] = (giji_column){"", GIJI_COL_FIXED, 0};
    long long max = 0;
    for (size_t i = 0; i < t->n; i++)
        if (value_of(t, &t->points[i]) > max)
            max = value_of(t, &t->points[i]);
    giji_table *tb = rc ? NULL : giji_table_new(nc, cols);
    rc = tb ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < t->n; i++) {
        const giji_timeline_point *p = &t->points[i];
        char b[BAR_MAX + 1], label[512];
        bar(b, value_of(t, p), max);
        snprintf(label, sizeof label, "%s", qc_meeting_label(p->body, p->session));
        const char *cells[6];
        size_t k = 0;
        cells[k++] = p->label;
        if (meeting)
            cells[k++] = label;
        if (meeting && !entity)
            cells[k++] = p->role ? p->role : "";
        if (!meeting)
            cells[k++] = qc_num(p->meetings);
        cells[k++] = qc_num(p->remarks);
        if (entity)
            cells[k++] = qc_num(p->mentions);
        cells[k++] = b;
        rc = giji_table_add(tb, cells);
    }
    if (rc == 0)
        rc = giji_table_write(tb, stdout, width);
    giji_table_free(tb);
    return rc ? -1 : 0;
}

static int write_csv(const giji_timeline *t)
{
    static const char *const header[] = {"period", "meeting", "body", "session", "source", "role",
                                         "meetings", "remarks", "mentions"};
    int rc = giji_csv_row(stdout, header, 9);
    for (size_t i = 0; rc == 0 && i < t->n; i++) {
        const giji_timeline_point *p = &t->points[i];
        char id[24] = "", s[24] = "", m[24], r[24], n[24];
        if (p->meeting)
            snprintf(id, sizeof id, "%lld", p->meeting);
        if (p->session >= 0)
            snprintf(s, sizeof s, "%d", p->session);
        snprintf(m, sizeof m, "%lld", p->meetings);
        snprintf(r, sizeof r, "%lld", p->remarks);
        snprintf(n, sizeof n, "%lld", p->mentions);
        const char *f[] = {p->label, id, p->body, s, p->source, p->role, m, r, n};
        rc = giji_csv_row(stdout, f, 9);
    }
    return rc ? -1 : 0;
}

static int write_json(const giji_timeline *t)
{
    static const char *const by[] = {"meeting", "month", "year"};
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "target");
    qc_json_target(&w, &t->target);
    giji_jsonw_key(&w, "by");       giji_jsonw_string(&w, by[t->by]);
    giji_jsonw_key(&w, "remarks");  giji_jsonw_int(&w, t->remarks);
    giji_jsonw_key(&w, "mentions"); giji_jsonw_int(&w, t->mentions);
    giji_jsonw_key(&w, "points");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < t->n; i++) {
        const giji_timeline_point *p = &t->points[i];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "period");   giji_jsonw_string(&w, p->label);
        giji_jsonw_key(&w, "meeting");  giji_jsonw_id(&w, p->meeting);
        giji_jsonw_key(&w, "body");     giji_jsonw_string(&w, p->body);
        giji_jsonw_key(&w, "session");
        if (p->session >= 0)
            giji_jsonw_int(&w, p->session);
        else
            giji_jsonw_null(&w);
        giji_jsonw_key(&w, "source");   giji_jsonw_string(&w, p->source);
        giji_jsonw_key(&w, "role");     giji_jsonw_string(&w, p->role);
        giji_jsonw_key(&w, "meetings"); giji_jsonw_int(&w, p->meetings);
        giji_jsonw_key(&w, "remarks");  giji_jsonw_int(&w, p->remarks);
        giji_jsonw_key(&w, "mentions"); giji_jsonw_int(&w, p->mentions);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    return qc_json_finish(&w);
}

/* The chart to FILE.tmp, renamed to FILE when complete. 0 or 1 (reported). */
static int write_svg(const giji_timeline *t, const char *path)
{
    size_t len = strlen(path) + 5;
    char *tmp = malloc(len);
    if (!tmp)
        return 1;
    snprintf(tmp, len, "%s.tmp", path);
    FILE *out = fopen(tmp, "w");
    int rc = 0;
    if (!out) {
        fprintf(stderr, "giji: error: %s: cannot write: %s\n", tmp, strerror(errno));
        rc = 1;
    } else {
        if (giji_timeline_svg(t, out) != GIJI_OK) {
            fprintf(stderr, "giji: error: %s: %s\n", tmp, giji_error_message());
            rc = 1;
        }
        if (fclose(out) != 0 && rc == 0) {
            fprintf(stderr, "giji: error: %s: cannot write: %s\n", tmp, strerror(errno));
            rc = 1;
        }
        if (rc == 0 && rename(tmp, path) != 0) {
            fprintf(stderr, "giji: error: %s: cannot rename to %s: %s\n", tmp, path, strerror(errno));
            rc = 1;
        }
        if (rc)
            remove(tmp);
    }
    free(tmp);
    return rc;
}

int cmd_timeline(int argc, char **argv)
{
    static const qc_option extra[] = {{"--by", 1}, {"-o", 1}, {NULL, 0}};
    timeline_args ta = {0};
    qc_args a;
    int rc = qc_parse("timeline", argc, argv, QC_BODY | QC_DATES | QC_CHILDREN, extra, on_option, &ta,
                      1, 1, 0, &a);
    if (rc)
        return rc;
    giji_timeline_by by = GIJI_BY_MEETING;
    if (ta.by && !strcmp(ta.by, "month"))
        by = GIJI_BY_MONTH;
    else if (ta.by && !strcmp(ta.by, "year"))
        by = GIJI_BY_YEAR;
    else if (ta.by && strcmp(ta.by, "meeting"))
        return giji_cli_usage_error("timeline", "unknown period '%s' (known: meeting, month, year)", ta.by);
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    giji_timeline t;
    if (giji_query_timeline(st, a.args[0], &a.opts, by, &t) != GIJI_OK) {
        rc = qc_fail(st, a.args[0], GIJI_FIND_ENTITY | GIJI_FIND_PERSON);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(&t) : a.fmt == GIJI_OUT_CSV ? write_csv(&t) : write_json(&t);
    rc = qc_done(rc);
    if (rc == 0 && ta.svg)
        rc = write_svg(&t, ta.svg);
    if (rc == 0 && t.n == 0) {
        const char *scope = a.opts.body || a.opts.from || a.opts.to ? " among the meetings asked for" : "";
        if (t.target.kind == GIJI_TARGET_ENTITY)
            fprintf(stderr, "giji: no meeting mentions %s (%s)%s\n", t.target.display, t.target.type, scope);
        else
            fprintf(stderr, "giji: %s attended or spoke in no meeting%s\n", t.target.display, scope);
    }
    giji_timeline_free(&t);
    return rc;
}
