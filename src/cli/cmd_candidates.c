/*
 * cli/cmd_candidates.c — `giji candidates [--min-count N] [--format F]`:
 * entities only discovery found, most frequent first, with the evidence a
 * user needs to promote them to a gazetteer (type guess, rule, where it is
 * first mentioned and a keyword-in-context excerpt).
 */
#include "cli/cli.h"
#include "cli/output.h"
#include "export/jsonw.h"
#include "giji/giji.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How to promote a candidate: after the table (76 columns), or on
 * standard error behind "giji: hint: " with CSV and JSON. */
static const char hint[] =
    "promote: TYPE<TAB>NAME lines in FILE, then giji ingest --gazetteer FILE --force\n";

/* Byte offset of code point `n` of s (or its length). */
static size_t cp_offset(const char *s, long n)
{
    size_t i = 0, len = strlen(s);
    for (long k = 0; k < n && i < len; k++) {
        uint32_t cp;
        size_t b = giji_utf8_decode(s + i, len - i, &cp);
        i += b ? b : 1;
    }
    return i;
}

/* The context with at most `span` code points either side of the mention,
 * and '…' where it goes on. Caller frees; NULL when out of memory. */
static char *excerpt(const giji_candidate *c, long span)
{
    const char *ctx = c->context ? c->context : "";
    long from = c->context_start > span ? c->context_start - span : 0;
    size_t a = cp_offset(ctx, from), b = cp_offset(ctx, c->context_end + span);
    char *out = malloc(b - a + 7);
    if (!out)
        return NULL;
    size_t o = 0;
    if (a > 0) {
        memcpy(out, "\xe2\x80\xa6", 3);
        o = 3;
    }
    memcpy(out + o, ctx + a, b - a);
    o += b - a;
    if (ctx[b]) {
        memcpy(out + o, "\xe2\x80\xa6", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

/* The widest excerpt centred on the mention that fits `width` columns (the
 * mention alone when nothing fits: the table then cuts it). */
static char *centred_excerpt(const giji_candidate *c, size_t width)
{
    for (long span = 20;; span--) {
        char *e = excerpt(c, span);
        if (!e || span == 0 || giji_out_width(e) <= width)
            return e;
        free(e);
    }
}

/* One row per candidate, its context on a line of its own below (too long
 * for a column of an 80-column table). */
static int write_table(const giji_candidate *c, size_t n)
{
    static const giji_column cols[] = {
        {"NAME", 0, 16},
        {"TYPE", GIJI_COL_FIXED, 0},
        {"COUNT", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"RULE", 0, 8},
        {"FIRST SEEN", GIJI_COL_CUT_MIDDLE | GIJI_COL_SHRINK_FIRST, 16},
    };
    size_t width = giji_out_columns();
    giji_table *t = giji_table_new(5, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char count[24];
        snprintf(count, sizeof count, "%lld", c[i].count);
        size_t len = strlen(c[i].source ? c[i].source : "") + 24;
        char *where = malloc(len), *context = centred_excerpt(&c[i], width - 4);
        if (where && context) {
            snprintf(where, len, "%s:%u", c[i].source ? c[i].source : "", c[i].line);
            const char *cells[] = {c[i].name, c[i].type, count, c[i].rule ? c[i].rule : "-", where};
            rc = giji_table_add(t, cells);
            rc = rc ? rc : giji_table_note(t, context);
        } else {
            rc = -1;
        }
        free(where);
        free(context);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, width);
    giji_table_free(t);
    return rc;
}

static int write_csv(const giji_candidate *c, size_t n)
{
    static const char *const header[] = {"id", "name", "type", "count", "rule", "remark_id",
                                         "source", "line", "context"};
    int rc = giji_csv_row(stdout, header, 9);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char id[24], count[24], remark[24], line[24];
        snprintf(id, sizeof id, "%lld", c[i].id);
        snprintf(count, sizeof count, "%lld", c[i].count);
        snprintf(remark, sizeof remark, "%lld", c[i].remark_id);
        snprintf(line, sizeof line, "%u", c[i].line);
        const char *f[] = {id, c[i].name, c[i].type, count, c[i].rule, remark, c[i].source, line,
                           c[i].context};
        rc = giji_csv_row(stdout, f, 9);
    }
    return rc;
}

static int write_json(const giji_candidate *c, size_t n)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "id");        giji_jsonw_id(&w, c[i].id);
        giji_jsonw_key(&w, "name");      giji_jsonw_string(&w, c[i].name);
        giji_jsonw_key(&w, "type");      giji_jsonw_string(&w, c[i].type);
        giji_jsonw_key(&w, "count");     giji_jsonw_int(&w, c[i].count);
        giji_jsonw_key(&w, "rule");      giji_jsonw_string(&w, c[i].rule);
        giji_jsonw_key(&w, "remark_id"); giji_jsonw_id(&w, c[i].remark_id);
        giji_jsonw_key(&w, "source");    giji_jsonw_string(&w, c[i].source);
        giji_jsonw_key(&w, "line");      giji_jsonw_int(&w, c[i].line);
        giji_jsonw_key(&w, "context");   giji_jsonw_string(&w, c[i].context);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    if (giji_jsonw_finish(&w) != GIJI_OK) {
        giji_cli_error();
        return -2; /* reported */
    }
    return 0;
}

/* A whole number >= 1 that fits an int; -1 otherwise. */
static int parse_count(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < 1 || v > 1000000000L)
        return -1;
    return (int)v;
}

int cmd_candidates(int argc, char **argv)
{
    const char *format = "table", *count = NULL;
    for (int i = 1; i < argc; i++) {
        int g = giji_cli_global_option(argc, argv, &i);
        if (g < 0)
            return giji_cli_usage_error("candidates", "option '%s' needs a value", argv[i]);
        if (g)
            continue;
        const char *a = argv[i];
        if (!strcmp(a, "--min-count") || !strcmp(a, "--format") || !strcmp(a, "-f")) {
            if (i + 1 >= argc)
                return giji_cli_usage_error("candidates", "option '%s' needs a value", a);
            if (!strcmp(a, "--min-count"))
                count = argv[++i];
            else
                format = argv[++i];
        } else if (!strncmp(a, "--min-count=", 12)) {
            count = a + 12;
        } else if (!strncmp(a, "--format=", 9)) {
            format = a + 9;
        } else {
            return giji_cli_usage_error("candidates", "unexpected argument '%s'", a);
        }
    }
    giji_out_format fmt;
    if (giji_out_format_parse(format, &fmt) != 0)
        return giji_cli_usage_error("candidates", "unknown format '%s' (known: table, csv, json)", format);
    int min_count = count ? parse_count(count) : 1;
    if (min_count < 0)
        return giji_cli_usage_error("candidates", "--min-count needs a whole number of at least 1, not '%s'",
                                    count);

    giji_store *st = giji_cli_open_existing();
    if (!st)
        return 1;
    giji_candidate *c = NULL;
    size_t n = 0;
    if (giji_store_candidates(st, min_count, &c, &n) != GIJI_OK) {
        giji_cli_error();
        giji_store_close(st);
        return 1;
    }
    giji_store_close(st);

    int rc = fmt == GIJI_OUT_TABLE ? write_table(c, n)
             : fmt == GIJI_OUT_CSV ? write_csv(c, n)
                                   : write_json(c, n);
    giji_candidates_free(c, n);
    /* The hint is part of the table for people; it stays out of CSV and
     * JSON, which programs read. */
    if (rc == 0 && n > 0 && fmt == GIJI_OUT_TABLE)
        rc = fputs(hint, stdout) == EOF ? -1 : 0;
    if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        rc = -1;
    if (rc == -1) {
        fprintf(stderr, "giji: error: standard output: write failed: %s\n", strerror(errno));
        return 1;
    }
    if (rc)
        return 1;
    if (n == 0)
        fprintf(stderr, "giji: no candidates with at least %d mention%s\n", min_count,
                min_count == 1 ? "" : "s");
    else if (fmt != GIJI_OUT_TABLE)
        fprintf(stderr, "giji: hint: %s", hint);
    return 0;
}
