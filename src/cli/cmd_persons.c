/*
 * cli/cmd_persons.c — `giji persons [NAME] [--format F]`: every person with
 * the meetings they attended or spoke in, their remarks, first and last
 * date and latest role, most remarks first.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <stdio.h>

static int write_table(const giji_person_row *p, size_t n)
{
    static const giji_column cols[] = {
        {"ID", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"NAME", 0, 8},
        {"MEETINGS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"FIRST", GIJI_COL_FIXED, 10},
        {"LAST", GIJI_COL_FIXED, 10},
        {"LATEST ROLE", GIJI_COL_SHRINK_FIRST, 11},
    };
    giji_table *t = giji_table_new(7, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *cells[] = {qc_num(p[i].id), p[i].display, qc_num(p[i].meetings), qc_num(p[i].remarks),
                               p[i].first_date ? p[i].first_date : "-",
                               p[i].last_date ? p[i].last_date : "-", p[i].role};
        rc = giji_table_add(t, cells);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, giji_out_columns());
    giji_table_free(t);
    return rc ? -1 : 0;
}

static int write_csv(const giji_person_row *p, size_t n)
{
    static const char *const header[] = {"id", "name", "display", "meetings", "remarks", "inferred",
                                         "first_date", "last_date", "role"};
    int rc = giji_csv_row(stdout, header, 9);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char id[24], m[24], r[24], x[24];
        snprintf(id, sizeof id, "%lld", p[i].id);
        snprintf(m, sizeof m, "%lld", p[i].meetings);
        snprintf(r, sizeof r, "%lld", p[i].remarks);
        snprintf(x, sizeof x, "%lld", p[i].inferred);
        const char *f[] = {id, p[i].name, p[i].display, m, r, x, p[i].first_date, p[i].last_date, p[i].role};
        rc = giji_csv_row(stdout, f, 9);
    }
    return rc ? -1 : 0;
}

static int write_json(const giji_person_row *p, size_t n)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");         giji_jsonw_id(&w, p[i].id);
        giji_jsonw_key(&w, "name");       giji_jsonw_string(&w, p[i].name);
        giji_jsonw_key(&w, "display");    giji_jsonw_string(&w, p[i].display);
        giji_jsonw_key(&w, "meetings");   giji_jsonw_int(&w, p[i].meetings);
        giji_jsonw_key(&w, "remarks");    giji_jsonw_int(&w, p[i].remarks);
        giji_jsonw_key(&w, "inferred");   giji_jsonw_int(&w, p[i].inferred);
        giji_jsonw_key(&w, "first_date"); giji_jsonw_string(&w, p[i].first_date);
        giji_jsonw_key(&w, "last_date");  giji_jsonw_string(&w, p[i].last_date);
        giji_jsonw_key(&w, "role");       giji_jsonw_string(&w, p[i].role);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    return qc_json_finish(&w);
}

int cmd_persons(int argc, char **argv)
{
    qc_args a;
    int rc = qc_parse("persons", argc, argv, 0, NULL, NULL, NULL, 0, 1, 0, &a);
    if (rc)
        return rc;
    giji_store *st = qc_open();
    if (!st)
        return 1;
    giji_person_row *p = NULL;
    size_t n = 0;
    if (giji_query_persons(st, a.nargs ? a.args[0] : NULL, &p, &n) != GIJI_OK) {
        rc = qc_fail(st, NULL, 0);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(p, n) : a.fmt == GIJI_OUT_CSV ? write_csv(p, n) : write_json(p, n);
    rc = qc_done(rc);
    if (rc == 0 && n == 0)
        fprintf(stderr, "giji: no persons%s%s%s\n", a.nargs ? " whose name contains '" : "",
                a.nargs ? a.args[0] : "", a.nargs ? "'" : "");
    giji_person_rows_free(p, n);
    return rc;
}
