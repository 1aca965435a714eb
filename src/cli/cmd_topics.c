/*
 * cli/cmd_topics.c — `giji topics PERSON [--body B] [--from D] [--to D]
 * [--format F]`: the entities a person's remarks mention, ranked, over all
 * meetings and per meeting (with the role the person held there).
 */
#include "cli/cli.h"
#include "cli/query_cli.h"
#include "giji/giji.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Ranks shared by ties on (remarks, mentions): 1, 2, 2, 4. */
static size_t rank_of(const giji_topic *t, size_t i, size_t prev_rank)
{
    if (i > 0 && t[i - 1].remarks == t[i].remarks && t[i - 1].mentions == t[i].mentions)
        return prev_rank;
    return i + 1;
}

static int topic_table(const giji_topic *t, size_t n, int meetings_col, size_t width)
{
    static const giji_column cols[] = {
        {"#", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"TOPIC", 0, 12},
        {"TYPE", GIJI_COL_FIXED, 0},
        {"REMARKS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"MENTIONS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
        {"MEETINGS", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0},
    };
    giji_table *tb = giji_table_new(meetings_col ? 6 : 5, cols);
    int rc = tb ? 0 : -1;
    size_t rank = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rank = rank_of(t, i, rank);
        const char *cells[] = {qc_num((long long)rank), t[i].name, t[i].type, qc_num(t[i].remarks),
                               qc_num(t[i].mentions), qc_num(t[i].meetings)};
        rc = giji_table_add(tb, cells);
    }
    if (rc == 0)
        rc = giji_table_write(tb, stdout, width);
    giji_table_free(tb);
    return rc;
}

static int print_fitted(const char *line, size_t width)
{
    char *f = giji_out_fit(line, width);
    int rc = f && printf("%s\n", f) >= 0 ? 0 : -1;
    free(f);
    return rc;
}

static int write_table(const giji_topics *t)
{
    size_t width = giji_out_columns();
    const char *first = NULL, *last = NULL;
    for (size_t i = 0; i < t->nmeetings; i++)
        if (t->meetings[i].m.date) {
            if (!first)
                first = t->meetings[i].m.date;
            last = t->meetings[i].m.date;
        }
    char line[1024];
    int k = snprintf(line, sizeof line, "%s: %lld remark%s", t->person.display, t->remarks,
                     t->remarks == 1 ? "" : "s");
    if (t->inferred && k > 0 && (size_t)k < sizeof line)
        k += snprintf(line + k, sizeof line - (size_t)k, " (%lld inferred)", t->inferred);
    if (k > 0 && (size_t)k < sizeof line)
        k += snprintf(line + k, sizeof line - (size_t)k, " in %zu meeting%s", t->nmeetings,
                      t->nmeetings == 1 ? "" : "s");
    if (first && k > 0 && (size_t)k < sizeof line)
        snprintf(line + k, sizeof line - (size_t)k, ", %s to %s", first, last);
    int rc = print_fitted(line, width);
    rc = rc ? rc : topic_table(t->overall, t->noverall, 1, width);
    for (size_t i = 0; rc == 0 && i < t->nmeetings; i++) {
        const giji_topics_meeting *m = &t->meetings[i];
        k = snprintf(line, sizeof line, "%s %s: ", m->m.date ? m->m.date : "(no date)",
                     qc_meeting_label(m->m.body, m->m.session));
        if (k > 0 && (size_t)k < sizeof line) {
            if (m->m.hit_remarks)
                snprintf(line + k, sizeof line - (size_t)k, "%lld remark%s", m->m.hit_remarks,
                         m->m.hit_remarks == 1 ? "" : "s");
            else
                snprintf(line + k, sizeof line - (size_t)k, "0 remarks; %lld of %lld anonymous",
                         m->m.anonymous, m->m.remarks);
        }
        rc = printf("\n") < 0 ? -1 : print_fitted(line, width);
        snprintf(line, sizeof line, "  meeting %lld, %s%s", m->m.id,
                 m->m.role ? (*m->m.role ? "as " : "no role given") : "did not attend",
                 m->m.role ? m->m.role : "");
        rc = rc ? rc : print_fitted(line, width);
        if (rc == 0 && m->ntopics)
            rc = topic_table(m->topics, m->ntopics, 0, width);
    }
    return rc;
}

static int write_csv(const giji_topics *t)
{
    static const char *const header[] = {"scope", "meeting", "date", "body", "session", "role",
                                         "rank", "entity", "name", "type", "remarks", "mentions",
                                         "meetings"};
    int rc = giji_csv_row(stdout, header, 13);
    size_t rank = 0;
    for (size_t i = 0; rc == 0 && i < t->noverall; i++) {
        const giji_topic *x = &t->overall[i];
        rank = rank_of(t->overall, i, rank);
        char r[24], e[24], a[24], b[24], c[24];
        snprintf(r, sizeof r, "%zu", rank);
        snprintf(e, sizeof e, "%lld", x->entity);
        snprintf(a, sizeof a, "%lld", x->remarks);
        snprintf(b, sizeof b, "%lld", x->mentions);
        snprintf(c, sizeof c, "%lld", x->meetings);
        const char *f[] = {"all", NULL, NULL, NULL, NULL, NULL, r, e, x->name, x->type, a, b, c};
        rc = giji_csv_row(stdout, f, 13);
    }
    for (size_t i = 0; rc == 0 && i < t->nmeetings; i++) {
        const giji_topics_meeting *m = &t->meetings[i];
        rank = 0;
        for (size_t j = 0; rc == 0 && j < m->ntopics; j++) {
            const giji_topic *x = &m->topics[j];
            rank = rank_of(m->topics, j, rank);
            char id[24], s[24] = "", r[24], e[24], a[24], b[24];
            snprintf(id, sizeof id, "%lld", m->m.id);
            if (m->m.session >= 0)
                snprintf(s, sizeof s, "%d", m->m.session);
            snprintf(r, sizeof r, "%zu", rank);
            snprintf(e, sizeof e, "%lld", x->entity);
            snprintf(a, sizeof a, "%lld", x->remarks);
            snprintf(b, sizeof b, "%lld", x->mentions);
            const char *f[] = {"meeting", id, m->m.date, m->m.body, s, m->m.role, r, e, x->name, x->type,
                               a, b, "1"};
            rc = giji_csv_row(stdout, f, 13);
        }
    }
    return rc;
}

static void json_topics(giji_jsonw *w, const giji_topic *t, size_t n, int meetings)
{
    giji_jsonw_array_begin(w);
    size_t rank = 0;
    for (size_t i = 0; i < n; i++) {
        rank = rank_of(t, i, rank);
        giji_jsonw_object_begin(w);
        giji_jsonw_key(w, "rank");     giji_jsonw_int(w, (long long)rank);
        giji_jsonw_key(w, "entity");   giji_jsonw_id(w, t[i].entity);
        giji_jsonw_key(w, "name");     giji_jsonw_string(w, t[i].name);
        giji_jsonw_key(w, "type");     giji_jsonw_string(w, t[i].type);
        giji_jsonw_key(w, "remarks");  giji_jsonw_int(w, t[i].remarks);
        giji_jsonw_key(w, "mentions"); giji_jsonw_int(w, t[i].mentions);
        if (meetings) {
            giji_jsonw_key(w, "meetings");
            giji_jsonw_int(w, t[i].meetings);
        }
        giji_jsonw_object_end(w);
    }
    giji_jsonw_array_end(w);
}

static int write_json(const giji_topics *t)
{
    giji_jsonw w;
    giji_jsonw_init(&w, stdout);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "person");
    qc_json_target(&w, &t->person);
    giji_jsonw_key(&w, "remarks");  giji_jsonw_int(&w, t->remarks);
    giji_jsonw_key(&w, "inferred"); giji_jsonw_int(&w, t->inferred);
    giji_jsonw_key(&w, "topics");
    json_topics(&w, t->overall, t->noverall, 1);
    giji_jsonw_key(&w, "meetings");
    giji_jsonw_array_begin(&w);
    for (size_t i = 0; i < t->nmeetings; i++) {
        const giji_topics_meeting *m = &t->meetings[i];
        giji_jsonw_object_begin(&w);
        giji_jsonw_key(&w, "meeting");  giji_jsonw_id(&w, m->m.id);
        giji_jsonw_key(&w, "date");     giji_jsonw_string(&w, m->m.date);
        giji_jsonw_key(&w, "body");     giji_jsonw_string(&w, m->m.body);
        giji_jsonw_key(&w, "session");
        if (m->m.session >= 0)
            giji_jsonw_int(&w, m->m.session);
        else
            giji_jsonw_null(&w);
        giji_jsonw_key(&w, "source");   giji_jsonw_string(&w, m->m.source);
        giji_jsonw_key(&w, "role");     giji_jsonw_string(&w, m->m.role);
        giji_jsonw_key(&w, "display");  giji_jsonw_string(&w, m->m.display);
        giji_jsonw_key(&w, "remarks");  giji_jsonw_int(&w, m->m.hit_remarks);
        giji_jsonw_key(&w, "inferred"); giji_jsonw_int(&w, m->m.hit_inferred);
        giji_jsonw_key(&w, "meeting_remarks");   giji_jsonw_int(&w, m->m.remarks);
        giji_jsonw_key(&w, "meeting_anonymous"); giji_jsonw_int(&w, m->m.anonymous);
        giji_jsonw_key(&w, "topics");
        json_topics(&w, m->topics, m->ntopics, 0);
        giji_jsonw_object_end(&w);
    }
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    return qc_json_finish(&w);
}

int cmd_topics(int argc, char **argv)
{
    qc_args a;
    int rc = qc_parse("topics", argc, argv, QC_BODY | QC_DATES, NULL, NULL, NULL, 1, 1, 0, &a);
    if (rc)
        return rc;
    giji_store *st;
    if ((rc = qc_open_scoped(&a, &st)))
        return rc;
    /* an entity's name is no person: say where to look instead */
    giji_target p;
    if (giji_resolve(st, a.args[0], GIJI_FIND_PERSON, &p) != GIJI_OK) {
        giji_target e;
        if (giji_error_last() == GIJI_ENOTFOUND &&
            giji_resolve(st, a.args[0], GIJI_FIND_ENTITY, &e) == GIJI_OK) {
            fprintf(stderr, "giji: no person named '%s'; %s is an entity (%s): try 'giji who %s'\n",
                    a.args[0], e.display, e.type, a.args[0]);
            giji_target_free(&e);
            rc = 1;
        } else {
            giji_resolve(st, a.args[0], GIJI_FIND_PERSON, &p); /* its message again */
            rc = qc_fail(st, a.args[0], GIJI_FIND_PERSON);
        }
        qc_close(st);
        return rc;
    }
    giji_target_free(&p);
    giji_topics t;
    if (giji_query_topics(st, a.args[0], &a.opts, &t) != GIJI_OK) {
        rc = qc_fail(st, a.args[0], GIJI_FIND_PERSON);
        qc_close(st);
        return rc;
    }
    qc_close(st);
    rc = a.fmt == GIJI_OUT_TABLE ? write_table(&t) : a.fmt == GIJI_OUT_CSV ? write_csv(&t) : write_json(&t);
    rc = qc_done(rc);
    if (rc == 0 && t.noverall == 0)
        fprintf(stderr, "giji: no remark attributed to %s mentions an entity%s\n", t.person.display,
                a.opts.body || a.opts.from || a.opts.to ? " in the meetings asked for" : "");
    giji_topics_free(&t);
    return rc;
}
