/*
 * cli/cmd_entities.c — `giji entities [--type T] [--all] [--format F]`:
 * the entities of the corpus with their type, how often and where (remark
 * ids) they are mentioned; discovered ones marked. Output through
 * cli/output.h.
 */
#include "cli/cli.h"
#include "cli/output.h"
#include "export/jsonw.h"
#include "giji/giji.h"
#include "util/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "ministry, isac, ..." for messages; static storage. */
static const char *type_list(void)
{
    static char buf[128];
    if (!buf[0])
        for (int i = 0; i < GIJI_ENT_NTYPES; i++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? ", " : "",
                     giji_entity_type_name(i));
    return buf;
}

/* The remark ids as "12 15 99" into b (cleared first). */
static int join_ids(giji_buf *b, const giji_entity_row *e)
{
    giji_buf_clear(b);
    int rc = giji_buf_puts(b, "");
    for (size_t i = 0; rc == GIJI_OK && i < e->nremark_ids; i++)
        rc = giji_buf_printf(b, "%s%lld", i ? " " : "", e->remark_ids[i]);
    return rc;
}

static int write_table(const giji_entity_row *rows, size_t n)
{
    int marks = 0;
    for (size_t i = 0; i < n; i++)
        marks |= rows[i].discovered;
    /* the mark column only when something is marked */
    static const giji_column cols[] = {
        {"", GIJI_COL_FIXED, 0},
        {"NAME", 0, 16},
        {"TYPE", GIJI_COL_FIXED, 0},
        {"MENTIONS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"MEETINGS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"REMARK IDS", GIJI_COL_SHRINK_FIRST, 10},
    };
    size_t skip = marks ? 0 : 1;
    giji_table *t = giji_table_new(7 - skip, cols + skip);
    giji_buf ids = {0};
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const giji_entity_row *e = &rows[i];
        char m[24], r[24], g[24];
        snprintf(m, sizeof m, "%lld", e->mentions);
        snprintf(r, sizeof r, "%lld", e->remarks);
        snprintf(g, sizeof g, "%lld", e->meetings);
        if (join_ids(&ids, e) != GIJI_OK) {
            rc = -1;
            break;
        }
        const char *cells[] = {e->discovered ? "*" : "", e->name, e->type, m, r, g, ids.data};
        rc = giji_table_add(t, cells + skip);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, giji_out_columns());
    if (rc == 0 && marks)
        printf("* discovered, not in the gazetteer (see 'giji candidates')\n");
    giji_buf_free(&ids);
    giji_table_free(t);
    return rc;
}

static int write_csv(const giji_entity_row *rows, size_t n)
{
    static const char *const header[] = {"id", "name", "type", "discovered", "parent",
                                         "mentions", "remarks", "meetings", "remark_ids"};
    int rc = giji_csv_row(stdout, header, 9);
    giji_buf ids = {0};
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const giji_entity_row *e = &rows[i];
        char id[24], m[24], r[24], g[24];
        snprintf(id, sizeof id, "%lld", e->id);
        snprintf(m, sizeof m, "%lld", e->mentions);
        snprintf(r, sizeof r, "%lld", e->remarks);
        snprintf(g, sizeof g, "%lld", e->meetings);
        if (join_ids(&ids, e) != GIJI_OK) {
            rc = -1;
            break;
        }
        const char *f[] = {id, e->name, e->type, e->discovered ? "1" : "0", e->parent, m, r, g,
                           ids.data};
        rc = giji_csv_row(stdout, f, 9);
    }
    giji_buf_free(&ids);
    return rc;
}

static int write_json(const giji_entity_row *rows, size_t n)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        const giji_entity_row *e = &rows[i];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");         giji_jsonw_id(&w, e->id);
        giji_jsonw_key(&w, "name");       giji_jsonw_string(&w, e->name);
        giji_jsonw_key(&w, "type");       giji_jsonw_string(&w, e->type);
        giji_jsonw_key(&w, "discovered"); giji_jsonw_bool(&w, e->discovered);
        giji_jsonw_key(&w, "parent");     giji_jsonw_string(&w, e->parent);
        giji_jsonw_key(&w, "mentions");   giji_jsonw_int(&w, e->mentions);
        giji_jsonw_key(&w, "remarks");    giji_jsonw_int(&w, e->remarks);
        giji_jsonw_key(&w, "meetings");   giji_jsonw_int(&w, e->meetings);
        giji_jsonw_key(&w, "remark_ids");
        giji_jsonw_array_begin(&w);
        for (size_t j = 0; j < e->nremark_ids; j++)
            giji_jsonw_int(&w, e->remark_ids[j]);
        giji_jsonw_array_end(&w);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    if (giji_jsonw_finish(&w) != GIJI_OK) {
        giji_cli_error();
        return -2; /* reported */
    }
    return 0;
}

int cmd_entities(int argc, char **argv)
{
    const char *type = NULL, *format = "table";
    int all = 0;
    for (int i = 1; i < argc; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0)
            return giji_cli_usage_error("entities", "option '%s' needs a value", argv[i]);
        if (g)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "--type") || !strcmp(a, "--format") || !strcmp(a, "-f")) {
            if (i + 1 >= argc)
                return giji_cli_usage_error("entities", "option '%s' needs a value", a);
            if (!strcmp(a, "--type"))
                type = argv[++i];
            else
                format = argv[++i];
        } else if (!strncmp(a, "--type=", 7)) {
            type = a + 7;
        } else if (!strncmp(a, "--format=", 9)) {
            format = a + 9;
        } else if (!strcmp(a, "--all")) {
            all = 1;
        } else {
            return giji_cli_usage_error("entities", "unexpected argument '%s'", a);
        }
    }
    giji_out_format fmt;
    if (giji_out_format_parse(format, &fmt) != 0)
        return giji_cli_usage_error("entities", "unknown format '%s' (known: table, csv, json)", format);
    if (type && giji_entity_type_parse(type) < 0)
        return giji_cli_usage_error("entities", "unknown type '%s' (known: %s)", type, type_list());

    giji_store *st = giji_cli_open_existing();
    if (!st)
        return 1;
    giji_entity_row *rows = NULL;
    size_t n = 0;
    if (giji_store_entity_list(st, type, 1, &rows, &n) != GIJI_OK) {
        giji_cli_error();
        giji_store_close(st);
        return 1;
    }
    giji_store_close(st);
    /* Without --all, only what the remarks mention: parents and gazetteer
     * entities of replaced meetings have no mentions (they sort last). */
    size_t shown = n;
    while (!all && shown > 0 && rows[shown - 1].mentions == 0)
        shown--;

    int rc = fmt == GIJI_OUT_TABLE ? write_table(rows, shown)
             : fmt == GIJI_OUT_CSV ? write_csv(rows, shown)
                                   : write_json(rows, shown);
    giji_entity_rows_free(rows, n);
    if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        rc = -1;
    if (rc == -1) {
        fprintf(stderr, "giji: error: standard output: write failed: %s\n",
                errno ? strerror(errno) : "out of memory");
        return 1;
    }
    if (rc)
        return 1;
    if (shown == 0)
        fprintf(stderr, "giji: no entities%s%s%s\n", type ? " of type " : "", type ? type : "",
                all || n == 0 ? "" : " mentioned (try --all)");
    return 0;
}
