/*
 * render/caption.c — the caption of a map: the meetings it is drawn from,
 * with their bodies, sessions and dates (giji_render_caption).
 *
 * Responsible for: choosing the meetings (those of the spec's selection
 * whose remarks mention a selected entity, the same ones the graph is built
 * from) and writing them as one line, shortened to a date range and counts
 * per body when there are many. Not responsible for: SQL (store/: graph
 * facts and the meeting list), escaping (text.c, when it is drawn).
 */
#include "render/render_int.h"

#include "giji/store.h"

#include <stdlib.h>
#include <string.h>

#define CAPTION_LIST_MAX 4

static int by_date(const void *a, const void *b)
{
    const giji_meeting_row *x = a, *y = b;
    if (!x->date != !y->date)
        return x->date ? -1 : 1;
    int c = x->date ? strcmp(x->date, y->date) : 0;
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

int giji_render_caption(giji_store *st, const giji_graph_spec *s, char **out)
{
    *out = NULL;
    giji_remark_filter flt = {s->meetings, s->nmeetings, s->body, s->from, s->to, s->types};
    giji_graph_facts f;
    int rc = giji_store_graph_facts(st, &flt, &f);
    if (rc)
        return rc;
    giji_hit_filter hf;
    memset(&hf, 0, sizeof hf);
    hf.body = s->body;
    hf.from = s->from;
    hf.to = s->to;
    giji_meeting_row *rows = NULL;
    size_t nrows = 0;
    rc = giji_store_meeting_list(st, &hf, &rows, &nrows);
    if (rc) {
        giji_graph_facts_free(&f);
        return rc;
    }
    /* keep the meetings the graph draws from (f.meetings is by id) */
    size_t n = 0;
    for (size_t i = 0; i < nrows; i++) {
        int keep = 0;
        for (size_t k = 0; k < f.nmeetings && !keep; k++)
            keep = f.meetings[k].id == rows[i].id;
        if (keep) {
            giji_meeting_row t = rows[n];
            rows[n++] = rows[i];
            rows[i] = t;
        }
    }
    if (n > 1)
        qsort(rows, n, sizeof *rows, by_date);
    giji_buf b = {0};
    giji_buf_puts(&b, "出典 (source): ");
    if (n == 0) {
        giji_buf_puts(&b, "no meeting");
    } else if (n <= CAPTION_LIST_MAX) {
        for (size_t i = 0; i < n; i++) {
            const giji_meeting_row *m = &rows[i];
            if (i)
                giji_buf_puts(&b, "; ");
            giji_buf_puts(&b, m->body ? m->body : m->source ? m->source : "?");
            if (m->session >= 0)
                giji_buf_printf(&b, " 第%d回", m->session);
            giji_buf_printf(&b, " %s", m->date ? m->date : "(date unknown)");
        }
    } else {
        const char *first = NULL, *last = NULL;
        for (size_t i = 0; i < n; i++)
            if (rows[i].date) {
                if (!first)
                    first = rows[i].date;
                last = rows[i].date;
            }
        giji_buf_printf(&b, "%zu meetings", n);
        if (first)
            giji_buf_printf(&b, ", %s to %s", first, last);
        giji_buf_puts(&b, ": ");
        /* bodies with their counts, most meetings first */
        size_t shown = 0, nbodies = 0;
        char *done = calloc(n, 1);
        if (!done) {
            giji_buf_free(&b);
            giji_meeting_rows_free(rows, nrows);
            giji_graph_facts_free(&f);
            return GIJI_NOMEM();
        }
        for (;;) {
            size_t best = n, best_count = 0;
            for (size_t i = 0; i < n; i++) {
                if (done[i])
                    continue;
                size_t count = 0;
                for (size_t k = i; k < n; k++)
                    if (!done[k] && !strcmp(rows[k].body ? rows[k].body : "?", rows[i].body ? rows[i].body : "?"))
                        count++;
                if (count > best_count)
                    best = i, best_count = count;
            }
            if (best == n)
                break;
            const char *body = rows[best].body ? rows[best].body : "?";
            for (size_t k = best; k < n; k++)
                if (!done[k] && !strcmp(rows[k].body ? rows[k].body : "?", body))
                    done[k] = 1;
            nbodies++;
            if (shown < 3) {
                giji_buf_printf(&b, "%s%s (%zu)", shown ? "; " : "", body, best_count);
                shown++;
            }
        }
        if (nbodies > shown)
            giji_buf_printf(&b, "; %zu more bodies", nbodies - shown);
        free(done);
    }
    giji_meeting_rows_free(rows, nrows);
    giji_graph_facts_free(&f);
    if (!b.data)
        return GIJI_NOMEM();
    *out = giji_buf_steal(&b);
    return GIJI_OK;
}
