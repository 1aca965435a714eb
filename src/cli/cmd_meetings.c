/*
 * cli/cmd_meetings.c — `giji meetings [--body B] [--from D] [--to D]
 * [--format F]`: the stored meetings in date order with their counts.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <stdio.h>

static int write_table(const giji_meeting_row *m, size_t n)
{
    static const giji_column cols[] = {
        {"ID", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"DATE", GIJI_COL_FIXED, 10},
        {"MEETING", 0, 12},
        {"PEOPLE", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"ANON", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"SOURCE", GIJI_COL_CUT_MIDDLE | GIJI_COL_SHRINK_FIRST, 14},
    };
    giji_table *t = giji_table_new(7, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char label[512];
        snprintf(label, sizeof label, "%s", qc_meeting_label(m[i].body, m[i].session));
        const char *cells[] = {qc_num(m[i].id), m[i].date ? m[i].date : "-", label,
                               qc_num(m[i].attendees), qc_num(m[i].remarks), qc_num(m[i].anonymous),
                               m[i].source};
        rc = giji_table_add(t, cells);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, giji_out_columns());
    giji_table_free(t);
    return rc ? -1 : 0;
}

static int write_csv(const giji_meeting_row *m, size_t n)
{
    static const char *const header[] = {"id", "date", "body", "parent_body", "session", "kind", "title",
                                         "place", "attendees", "remarks", "anonymous", "source"};
    int rc = giji_csv_row(stdout, header, 12);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char id[24], s[24] = "", a[24], r[24], x[24];
        snprintf(id, sizeof id, "%lld", m[i].id);
        if (m[i].session >= 0)
            snprintf(s, sizeof s, "%d", m[i].session);
        snprintf(a, sizeof a, "%lld", m[i].attendees);
        snprintf(r, sizeof r, "%lld", m[i].remarks);
        snprintf(x, sizeof x, "%lld", m[i].anonymous);
        const char *f[] = {id, m[i].date, m[i].body, m[i].parent_body, s, m[i].kind, m[i].title,
                           m[i].place, a, r, x, m[i].source};
        rc = giji_csv_row(stdout, f, 12);
    }
    return rc ? -1 : 0;
}

static int write_json(const giji_meeting_row *m, size_t n)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");          giji_jsonw_id(&w, m[i].id);
        giji_jsonw_key(&w, "date");        giji_jsonw_string(&w, m[i].date);
        giji_jsonw_key(&w, "body");        giji_jsonw_string(&w, m[i].body);
        giji_jsonw_key(&w, "parent_body"); giji_jsonw_string(&w, m[i].parent_body);
        giji_jsonw_key(&w, "session");
        if (m[i].session >= 0)
            giji_jsonw_int(&w, m[i].session);
        else
            giji_jsonw_null(&w);
        giji_jsonw_key(&w, "kind");        giji_jsonw_string(&w, m[i].kind);
        giji_jsonw_key(&w, "title");       giji_jsonw_string(&w, m[i].title);
        giji_jsonw_key(&w, "place");       giji_jsonw_string(&w, m[i].place);
        giji_jsonw_key(&w, "attendees");   giji_jsonw_int(&w, m[i].attendees);
        giji_jsonw_key(&w, "remarks");     giji_jsonw_int(&w, m[i].remarks);
        giji_jsonw_key(&w, "anonymous");   giji_jsonw_int(&w, m[i].anonymous);
        giji_jsonw_key(&w, "source");      giji_jsonw_string(&w, m[i].source);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    return qc_json_finish(&w);
}

int cmd_meetings(int argc, char **argv)
{
    qc_args a;
    int rc = qc_parse("meetings", argc, argv, QC_BODY | QC_DATES, NULL, NULL, NULL, 0, 0, 0, &a);
    if (rc)
        return rc;
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    giji_meeting_row *m = NULL;
    size_t n = 0;
    if (giji_query_meetings(st, &a.opts, &m, &n) != GIJI_OK) {
        rc = qc_fail(st, NULL, 0);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(m, n) : a.fmt == GIJI_OUT_CSV ? write_csv(m, n) : write_json(m, n);
    rc = qc_done(rc);
    if (rc == 0 && n == 0)
        fprintf(stderr, "giji: no meetings%s\n", a.opts.body || a.opts.from || a.opts.to ? " match" : " stored");
    giji_meeting_rows_free(m, n);
    return rc;
}
