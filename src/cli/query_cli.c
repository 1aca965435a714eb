/*
 * cli/query_cli.c — the shared parts of the query commands: argument
 * parsing, the read snapshot, messages for unknown names with "did you
 * mean", and the cells, excerpts and JSON objects their outputs share
 * (see query_cli.h).
 */
#include "cli/query_cli.h"
#include "cli/cli.h"
#include "giji/giji.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arguments ---------------------------------------------------------- */

/* "--name" or "--name=value" against `name`: 1 with *value (or NULL), 0. */
static int opt_is(const char *arg, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '\0') {
        *value = NULL;
        return 1;
    }
    if (arg[n] == '=') {
        *value = arg + n + 1;
        return 1;
    }
    return 0;
}

/* The value of an option: inline (--x=v) or the next argument. */
static int take_value(const char *cmd, int argc, char **argv, int *i, const char *name,
                      const char **value)
{
    if (*value)
        return 0;
    if (*i + 1 >= argc)
        return giji_cli_usage_error(cmd, "option '%s' needs a value", name);
    *value = argv[++*i];
    return 0;
}

static int parse_limit(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || errno || v < 0 || v > 100000000LL)
        return -1;
    *out = (size_t)v;
    return 0;
}

int qc_parse(const char *cmd, int argc, char **argv, unsigned accept, const qc_option *extra,
             int (*on_extra)(void *ctx, const char *name, const char *value), void *ctx,
             size_t minargs, size_t maxargs, size_t default_limit, qc_args *a)
{
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->opts.limit = default_limit;
    const char *format = "table";
    int only_args = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *v = NULL;
        if (!only_args && !strcmp(arg, "--")) {
            only_args = 1;
            continue;
        }
        if (!only_args && arg[0] == '-' && arg[1] != '\0') {
            int g = giji_cli_global_option(argc, argv, &i);
            if (g < 0)
                return giji_cli_usage_error(cmd, "option '%s' needs a value", arg);
            if (g)
                continue;
            int rc = 0;
            if (opt_is(arg, "--format", &v) || opt_is(arg, "-f", &v)) {
                if (!(rc = take_value(cmd, argc, argv, &i, "--format", &v)))
                    format = v;
            } else if ((accept & QC_BODY) && opt_is(arg, "--body", &v)) {
                if (!(rc = take_value(cmd, argc, argv, &i, "--body", &v)))
                    a->opts.body = v;
            } else if ((accept & QC_DATES) && opt_is(arg, "--from", &v)) {
                if (!(rc = take_value(cmd, argc, argv, &i, "--from", &v)))
                    a->opts.from = v;
            } else if ((accept & QC_DATES) && opt_is(arg, "--to", &v)) {
                if (!(rc = take_value(cmd, argc, argv, &i, "--to", &v)))
                    a->opts.to = v;
            } else if ((accept & QC_LIMIT) && opt_is(arg, "--limit", &v)) {
                if (!(rc = take_value(cmd, argc, argv, &i, "--limit", &v)) &&
                    parse_limit(v, &a->opts.limit) != 0)
                    rc = giji_cli_usage_error(cmd, "--limit needs a whole number (0 for all), not '%s'", v);
            } else if ((accept & QC_CHILDREN) && !strcmp(arg, "--children")) {
                a->opts.descendants = 1;
            } else {
                const qc_option *o = extra;
                while (o && o->name && !opt_is(arg, o->name, &v))
                    o++;
                if (!o || !o->name)
                    return giji_cli_usage_error(cmd, "unknown option '%s'", arg);
                if (o->has_value)
                    rc = take_value(cmd, argc, argv, &i, o->name, &v);
                else if (v)
                    rc = giji_cli_usage_error(cmd, "option '%s' takes no value", o->name);
                if (!rc)
                    rc = on_extra(ctx, o->name, v);
            }
            if (rc)
                return rc;
            continue;
        }
        if (a->nargs >= maxargs || a->nargs >= QC_MAX_ARGS)
            return giji_cli_usage_error(cmd, "unexpected argument '%s'", arg);
        a->args[a->nargs++] = arg;
    }
    if (a->nargs < minargs)
        return giji_cli_usage_error(cmd, "missing argument");
    for (size_t i = 0; i < a->nargs; i++) {
        /* a name or text of white space only (ASCII or U+3000) is no argument */
        const char *p = a->args[i];
        while (*p == ' ' || *p == '\t' || !strncmp(p, "\xe3\x80\x80", 3))
            p += *p == ' ' || *p == '\t' ? 1 : 3;
        if (!*p)
            return giji_cli_usage_error(cmd, "empty argument");
    }
    if (giji_out_format_parse(format, &a->fmt) != 0)
        return giji_cli_usage_error(cmd, "unknown format '%s' (known: table, csv, json)", format);
    char d[11];
    if (a->opts.from && giji_date_bound(a->opts.from, 0, d) != GIJI_OK)
        return giji_cli_usage_error(cmd, "--from: %s", giji_error_message());
    if (a->opts.to && giji_date_bound(a->opts.to, 1, d) != GIJI_OK)
        return giji_cli_usage_error(cmd, "--to: %s", giji_error_message());
    return 0;
}

/* ---- database and messages ---------------------------------------------- */

giji_store *qc_open(void)
{
    giji_store *st = giji_cli_open_existing();
    if (st && giji_store_snapshot_begin(st) != GIJI_OK) {
        giji_cli_error();
        giji_store_close(st);
        return NULL;
    }
    return st;
}

void qc_close(giji_store *st)
{
    if (!st)
        return;
    giji_store_snapshot_end(st);
    giji_store_close(st);
}

/* "giji: MESSAGE; did you mean: A, B, C" with suggestions for arg. */
static int not_found(giji_store *st, const char *arg, unsigned kinds)
{
    char *msg = strdup(giji_error_message());
    char **s = NULL;
    size_t n = 0;
    if (arg && giji_suggest(st, arg, kinds, &s, &n) != GIJI_OK)
        n = 0;
    fprintf(stderr, "giji: %s", msg ? msg : "not found");
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s%s", i ? ", " : "; did you mean: ", s[i]);
    fputc('\n', stderr);
    giji_suggestions_free(s, n);
    free(msg);
    return 1;
}

int qc_check_scope(giji_store *st, const qc_args *a)
{
    int rc = giji_query_check(st, &a->opts);
    if (rc == GIJI_OK)
        return 0;
    if (rc == GIJI_ENOTFOUND)
        return not_found(st, a->opts.body, GIJI_SUGGEST_BODIES);
    if (rc == GIJI_EINVAL)
        return giji_cli_usage_error(a->cmd, "%s", giji_error_message());
    giji_cli_error();
    return 1;
}

int qc_open_scoped(const qc_args *a, giji_store **st)
{
    *st = qc_open();
    if (!*st)
        return 1;
    int rc = qc_check_scope(*st, a);
    if (rc) {
        qc_close(*st);
        *st = NULL;
    }
    return rc;
}

int qc_fail(giji_store *st, const char *arg, unsigned kinds)
{
    int rc = giji_error_last();
    if (rc == GIJI_ENOTFOUND)
        return not_found(st, arg, kinds);
    if (rc == GIJI_EINVAL)
        fprintf(stderr, "giji: %s\n", giji_error_message());
    else
        giji_cli_error();
    return 1;
}

int qc_finish(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "giji: error: standard output: write failed: %s\n",
                errno ? strerror(errno) : "write error");
        return 1;
    }
    return 0;
}

int qc_done(int rc)
{
    if (rc == 0)
        return qc_finish();
    if (rc == -1)
        fprintf(stderr, "giji: error: standard output: write failed: %s\n",
                errno ? strerror(errno) : "out of memory");
    return 1;
}

/* ---- cells -------------------------------------------------------------- */

const char *qc_meeting_label(const char *body, int session)
{
    static char buf[512];
    if (session >= 0)
        snprintf(buf, sizeof buf, "%s #%d", body ? body : "(body unknown)", session);
    else
        snprintf(buf, sizeof buf, "%s", body ? body : "(body unknown)");
    return buf;
}

const char *qc_speaker(const giji_remark_hit *h)
{
    static char buf[512];
    if (h->speaker)
        snprintf(buf, sizeof buf, "%s%s", h->speaker_display ? h->speaker_display : "?",
                 h->attribution && !strcmp(h->attribution, "inferred") ? " (inferred)" : "");
    else if (h->speaker_label)
        snprintf(buf, sizeof buf, "(label %s)", h->speaker_label);
    else
        snprintf(buf, sizeof buf, "(anonymous)");
    return buf;
}

const char *qc_where(const giji_remark_hit *h)
{
    static char buf[600];
    if (h->last_line > h->line)
        snprintf(buf, sizeof buf, "%s:%u-%u", h->source ? h->source : "?", h->line, h->last_line);
    else
        snprintf(buf, sizeof buf, "%s:%u", h->source ? h->source : "?", h->line);
    return buf;
}

const char *qc_num(long long v)
{
    static char ring[8][24];
    static int k;
    k = (k + 1) % 8;
    snprintf(ring[k], sizeof ring[k], "%lld", v);
    return ring[k];
}

/* Byte offset where the longest suffix of s no wider than `room` starts. */
static size_t tail_from(const char *s, size_t room)
{
    size_t len = strlen(s), i = 0, w = giji_out_width(s);
    while (i < len && w > room) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, len - i, &cp);
        char one[8] = {0};
        memcpy(one, s + i, k ? k : 1);
        w -= giji_out_width(one);
        i += k ? k : 1;
    }
    return i;
}

/* Byte offset after the longest prefix of s no wider than `room`. */
static size_t head_to(const char *s, size_t room)
{
    size_t len = strlen(s), i = 0, w = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, len - i, &cp);
        char one[8] = {0};
        memcpy(one, s + i, k ? k : 1);
        size_t cw = giji_out_width(one);
        if (w + cw > room)
            break;
        w += cw;
        i += k ? k : 1;
    }
    return i;
}

char *qc_kwic_line(const giji_kwic *k, size_t width)
{
    static const char ell[] = "\xe2\x80\xa6", open[] = "\xe3\x80\x90", close[] = "\xe3\x80\x91";
    const char *before = k->before ? k->before : "", *match = k->match ? k->match : "",
               *after = k->after ? k->after : "";
    int marked = k->end > k->start;
    size_t wb = giji_out_width(before), wm = giji_out_width(match), wa = giji_out_width(after);
    size_t fixed = (marked ? wm + 4 : 0) + 2; /* 【】 and room for two '…' */
    size_t avail = width > fixed ? width - fixed : 0;
    size_t r = wa < avail / 2 ? wa : avail / 2;
    size_t l = wb < avail - r ? wb : avail - r;
    r = wa < avail - l ? wa : avail - l;
    size_t b0 = tail_from(before, l), a1 = head_to(after, r);
    size_t cap = strlen(before) + strlen(match) + strlen(after) + 32;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    snprintf(out, cap, "%s%s%s%s%s%.*s%s", b0 > 0 || k->cut_before ? ell : "", before + b0,
             marked ? open : "", match, marked ? close : "", (int)a1, after,
             a1 < strlen(after) || k->cut_after ? ell : "");
    return out;
}

/* ---- JSON --------------------------------------------------------------- */

void qc_json_kwic(giji_jsonw *w, const giji_kwic *k)
{
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "before");     giji_jsonw_string(w, k->before);
    giji_jsonw_key(w, "match");      giji_jsonw_string(w, k->match);
    giji_jsonw_key(w, "after");      giji_jsonw_string(w, k->after);
    giji_jsonw_key(w, "start");      giji_jsonw_int(w, k->start);
    giji_jsonw_key(w, "end");        giji_jsonw_int(w, k->end);
    giji_jsonw_key(w, "cut_before"); giji_jsonw_bool(w, k->cut_before);
    giji_jsonw_key(w, "cut_after");  giji_jsonw_bool(w, k->cut_after);
    giji_jsonw_object_end(w);
}

void qc_json_hit_fields(giji_jsonw *w, const giji_remark_hit *h, int with_text)
{
    giji_jsonw_key(w, "remark");        giji_jsonw_id(w, h->id);
    giji_jsonw_key(w, "meeting");       giji_jsonw_id(w, h->meeting);
    giji_jsonw_key(w, "date");          giji_jsonw_string(w, h->date);
    giji_jsonw_key(w, "body");          giji_jsonw_string(w, h->body);
    giji_jsonw_key(w, "session");
    if (h->session >= 0)
        giji_jsonw_int(w, h->session);
    else
        giji_jsonw_null(w);
    giji_jsonw_key(w, "source");        giji_jsonw_string(w, h->source);
    giji_jsonw_key(w, "line");          giji_jsonw_int(w, h->line);
    giji_jsonw_key(w, "last_line");     giji_jsonw_int(w, h->last_line);
    giji_jsonw_key(w, "speaker");       giji_jsonw_id(w, h->speaker);
    giji_jsonw_key(w, "speaker_name");  giji_jsonw_string(w, h->speaker_name);
    giji_jsonw_key(w, "speaker_display"); giji_jsonw_string(w, h->speaker_display);
    giji_jsonw_key(w, "role");          giji_jsonw_string(w, h->role);
    giji_jsonw_key(w, "attribution");   giji_jsonw_string(w, h->attribution);
    giji_jsonw_key(w, "speaker_label"); giji_jsonw_string(w, h->speaker_label);
    giji_jsonw_key(w, "cue");           giji_jsonw_string(w, h->cue);
    if (with_text) {
        giji_jsonw_key(w, "text");
        giji_jsonw_string(w, h->text);
    }
}

void qc_json_target(giji_jsonw *w, const giji_target *t)
{
    static const char *const kinds[] = {"", "entity", "person", "text"};
    giji_jsonw_object_begin(w);
    giji_jsonw_key(w, "kind");       giji_jsonw_string(w, t->kind >= 1 && t->kind <= 3 ? kinds[t->kind] : NULL);
    giji_jsonw_key(w, "id");         giji_jsonw_id(w, t->id);
    giji_jsonw_key(w, "name");       giji_jsonw_string(w, t->name);
    giji_jsonw_key(w, "display");    giji_jsonw_string(w, t->display);
    giji_jsonw_key(w, "type");       giji_jsonw_string(w, t->type);
    giji_jsonw_key(w, "matched_by"); giji_jsonw_string(w, t->how);
    giji_jsonw_object_end(w);
}

int qc_json_finish(giji_jsonw *w)
{
    if (giji_jsonw_finish(w) != GIJI_OK) {
        giji_cli_error();
        return 1;
    }
    return 0;
}

/* ---- hits --------------------------------------------------------------- */

static int hits_table(const giji_hits *h)
{
    static const giji_column cols[] = {
        {"ID", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"DATE", GIJI_COL_FIXED, 10},
        {"MEETING", 0, 12},
        {"SPEAKER", 0, 10},
        {"SOURCE", GIJI_COL_CUT_MIDDLE | GIJI_COL_SHRINK_FIRST, 14},
    };
    size_t width = giji_out_columns();
    giji_table *t = giji_table_new(5, cols);
    int rc = t ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < h->n; i++) {
        const giji_remark_hit *r = &h->items[i].r;
        char meeting[512], speaker[512];
        snprintf(meeting, sizeof meeting, "%s", qc_meeting_label(r->body, r->session));
        snprintf(speaker, sizeof speaker, "%s", qc_speaker(r));
        const char *cells[] = {qc_num(r->id), r->date ? r->date : "-", meeting, speaker, qc_where(r)};
        rc = giji_table_add(t, cells);
        char *kwic = rc ? NULL : qc_kwic_line(&h->items[i].kwic, width > 8 ? width - 4 : 4);
        rc = rc ? rc : kwic ? giji_table_note(t, kwic) : -1;
        free(kwic);
    }
    if (rc == 0)
        rc = giji_table_write(t, stdout, width);
    giji_table_free(t);
    return rc ? -1 : 0;
}

static int hits_csv(const giji_hits *h)
{
    static const char *const header[] = {"id", "meeting", "date", "body", "session", "source", "line",
                                         "last_line", "speaker", "speaker_name", "role", "attribution",
                                         "speaker_label", "cue", "match_start", "match_end", "text"};
    int rc = giji_csv_row(stdout, header, 17);
    for (size_t i = 0; rc == 0 && i < h->n; i++) {
        const giji_remark_hit *r = &h->items[i].r;
        const giji_kwic *k = &h->items[i].kwic;
        char id[24], mt[24], ses[24] = "", ln[24], ll[24], sp[24] = "", ms[24] = "", me[24] = "";
        snprintf(id, sizeof id, "%lld", r->id);
        snprintf(mt, sizeof mt, "%lld", r->meeting);
        if (r->session >= 0)
            snprintf(ses, sizeof ses, "%d", r->session);
        snprintf(ln, sizeof ln, "%u", r->line);
        snprintf(ll, sizeof ll, "%u", r->last_line);
        if (r->speaker)
            snprintf(sp, sizeof sp, "%lld", r->speaker);
        if (k->end > k->start) {
            snprintf(ms, sizeof ms, "%ld", k->start);
            snprintf(me, sizeof me, "%ld", k->end);
        }
        const char *f[] = {id, mt, r->date, r->body, ses, r->source, ln, ll, sp, r->speaker_display,
                           r->role, r->attribution, r->speaker_label, r->cue, ms, me, r->text};
        rc = giji_csv_row(stdout, f, 17);
    }
    return rc ? -1 : 0;
}

static int hits_json(const giji_hits *h)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < h->n; i++) {
        giji_jsonw_object_begin(&w);
        qc_json_hit_fields(&w, &h->items[i].r, 1);
        giji_jsonw_key(&w, "excerpt");
        qc_json_kwic(&w, &h->items[i].kwic);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    return qc_json_finish(&w);
}

int qc_write_hits(const giji_hits *h, giji_out_format fmt)
{
    return fmt == GIJI_OUT_TABLE ? hits_table(h) : fmt == GIJI_OUT_CSV ? hits_csv(h) : hits_json(h);
}
