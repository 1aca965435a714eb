/*
 * cli/cmd_show.c — `giji show REMARK-ID [--format F]`: one remark in full,
 * with its meeting, provenance (file and lines), speaker, role and
 * attribution, the whole text, and the entities it mentions.
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int line(size_t width, const char *key, const char *value)
{
    size_t len = strlen(key) + strlen(value ? value : "") + 16;
    char *buf = malloc(len);
    if (!buf)
        return -1;
    snprintf(buf, len, "%-9s %s", key, value ? value : "");
    char *f = giji_out_fit(buf, width);
    int rc = f && printf("%s\n", f) >= 0 ? 0 : -1;
    free(f);
    free(buf);
    return rc;
}

static int write_table(const giji_remark_hit *h, const giji_mention_row *m, size_t n)
{
    size_t width = giji_out_columns();
    char buf[1024];
    snprintf(buf, sizeof buf, "%s, %s", qc_meeting_label(h->body, h->session),
             h->date ? h->date : "(no date)");
    int rc = line(width, "meeting", buf);
    snprintf(buf, sizeof buf, "%s (remark %d of meeting %lld)", qc_where(h), h->seq, h->meeting);
    rc = rc ? rc : line(width, "source", buf);
    if (h->speaker) {
        snprintf(buf, sizeof buf, "%s (person %lld)%s%s", h->speaker_display, h->speaker,
                 h->role && *h->role ? ", " : "", h->role ? h->role : "");
        rc = rc ? rc : line(width, "speaker", buf);
    } else {
        rc = rc ? rc : line(width, "speaker", "unknown");
    }
    int k = snprintf(buf, sizeof buf, "%s", h->attribution);
    if (h->speaker_label && k > 0 && (size_t)k < sizeof buf)
        k += snprintf(buf + k, sizeof buf - (size_t)k, ", label '%s'", h->speaker_label);
    if (h->cue && k > 0 && (size_t)k < sizeof buf)
        snprintf(buf + k, sizeof buf - (size_t)k, ", inferred from '%s'", h->cue);
    rc = rc ? rc : line(width, "how", buf);
    rc = rc ? rc : (printf("text\n") < 0 ? -1 : 0);
    rc = rc ? rc : giji_out_wrap(stdout, h->text, width > 8 ? width - 4 : 4, "    ");
    if (rc == 0 && n) {
        static const giji_column cols[] = {
            {"AT", GIJI_COL_FIXED, 0},
            {"ENTITY", 0, 12},
            {"TYPE", GIJI_COL_FIXED, 0},
            {"AS WRITTEN", 0, 10},
            {"RULE", GIJI_COL_SHRINK_FIRST, 4},
        };
        rc = printf("mentions\n") < 0 ? -1 : 0;
        giji_table *t = rc ? NULL : giji_table_new(5, cols);
        rc = t ? 0 : -1;
        for (size_t i = 0; rc == 0 && i < n; i++) {
            char at[48];
            snprintf(at, sizeof at, "%ld-%ld", m[i].start, m[i].end);
            const char *cells[] = {at, m[i].name, m[i].type, m[i].surface, m[i].rule ? m[i].rule : ""};
            rc = giji_table_add(t, cells);
        }
        if (rc == 0)
            rc = giji_table_write(t, stdout, width);
        giji_table_free(t);
    }
    return rc ? -1 : 0;
}

static int write_json(const giji_remark_hit *h, const giji_mention_row *m, size_t n)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_object_begin(&w);
    qc_json_hit_fields(&w, h, 1);
    giji_jsonw_key(&w, "seq");
    giji_jsonw_int(&w, h->seq);
    giji_jsonw_key(&w, "mentions");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < n; i++) {
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "entity");  giji_jsonw_id(&w, m[i].entity);
        giji_jsonw_key(&w, "name");    giji_jsonw_string(&w, m[i].name);
        giji_jsonw_key(&w, "type");    giji_jsonw_string(&w, m[i].type);
        giji_jsonw_key(&w, "surface"); giji_jsonw_string(&w, m[i].surface);
        giji_jsonw_key(&w, "start");   giji_jsonw_int(&w, m[i].start);
        giji_jsonw_key(&w, "end");     giji_jsonw_int(&w, m[i].end);
        giji_jsonw_key(&w, "rule");    giji_jsonw_string(&w, m[i].rule);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    return qc_json_finish(&w);
}

int cmd_show(int argc, char **argv)
{
    qc_args a;
    int rc = qc_parse("show", argc, argv, 0, NULL, NULL, NULL, 1, 1, 0, &a);
    if (rc)
        return rc;
    char *end;
    errno = 0;
    long long id = strtoll(a.args[0], &end, 10);
    if (!*a.args[0] || *end || errno || id < 1)
        return giji_cli_usage_error("show", "a remark id is a whole number of at least 1, not '%s'",
                                    a.args[0]);
    giji_store *st = qc_open();
    if (!st)
        return 1;
    giji_hits h = {0};
    giji_mention_row *m = NULL;
    size_t n = 0;
    h.items = calloc(1, sizeof *h.items);
    if (!h.items) {
        qc_close(st);
        return 1;
    }
    rc = giji_store_remark_hit_get(st, id, &h.items[0].r);
    if (rc == GIJI_OK) {
        h.n = h.total = 1;
        rc = giji_store_remark_mentions(st, id, &m, &n);
    }
    if (rc == GIJI_OK)
        rc = giji_kwic_make(h.items[0].r.text, 0, 0, 2 * GIJI_KWIC_SPAN, &h.items[0].kwic);
    if (rc != GIJI_OK) {
        if (giji_error_last() == GIJI_ENOTFOUND)
            fprintf(stderr, "giji: no remark with id %lld (see 'giji remarks')\n", id);
        else
            giji_cli_error();
        giji_hits_free(&h);
        qc_close(st);
        return 1;
    }
    qc_close(st);
    const giji_remark_hit *r = &h.items[0].r;
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(r, m, n)
         : a.fmt == GIJI_OUT_CSV ? qc_write_hits(&h, GIJI_OUT_CSV)
                                 : write_json(r, m, n);
    rc = qc_done(rc);
    giji_mention_rows_free(m, n);
    giji_hits_free(&h);
    return rc;
}
