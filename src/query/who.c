/*
 * query/who.c — giji who (every speaker who raised a topic, ranked, with
 * an excerpt per remark), giji search (ranked full-text hits) and giji
 * remarks (filtered remarks with excerpts).
 * Not responsible for SQL (store/query.c) or output (cli/).
 */
#include "query/internal.h"
#include "util/error.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* ---- remarks and search ------------------------------------------------- */

static int kwic_all(giji_hits *h, const char *const *needles, size_t n)
{
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < h->n; i++)
        rc = query_hit_kwic(&h->items[i], needles, n);
    if (rc)
        giji_hits_free(h);
    return rc;
}

int giji_query_remarks(giji_store *st, const giji_hit_filter *f, const giji_query_opts *o,
                       giji_hits *out)
{
    memset(out, 0, sizeof *out);
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    if (rc)
        return rc;
    giji_hit_filter q = sc.f;
    if (f) {
        q.speaker = f->speaker;
        q.entities = f->entities;
        q.nentities = f->nentities;
        q.meeting = f->meeting;
        q.descendants = f->descendants || sc.f.descendants;
    }
    giji_remark_hit *r;
    size_t n, total;
    rc = giji_store_remark_hits(st, &q, o ? o->limit : 0, &r, &n, &total);
    query_scope_free(&sc);
    if (rc)
        return rc;
    if ((rc = query_hits_from(r, n, total, out)))
        return rc;
    return kwic_all(out, NULL, 0);
}

int giji_query_search(giji_store *st, const char *text, const giji_query_opts *o, giji_hits *out)
{
    memset(out, 0, sizeof *out);
    char **v;
    size_t nv;
    int rc = giji_text_variants(text, &v, &nv);
    if (rc)
        return rc;
    query_scope sc;
    if ((rc = query_scope_init(st, o, &sc))) {
        giji_suggestions_free(v, nv);
        return rc;
    }
    giji_remark_hit *r;
    size_t n, total;
    rc = giji_store_remark_search(st, (const char *const *)v, nv, &sc.f, o ? o->limit : 0, &r, &n,
                                  &total);
    query_scope_free(&sc);
    if (rc == GIJI_OK && (rc = query_hits_from(r, n, total, out)) == GIJI_OK)
        rc = kwic_all(out, (const char *const *)v, nv);
    giji_suggestions_free(v, nv);
    return rc;
}

/* ---- who ---------------------------------------------------------------- */

void giji_who_free(giji_who *w)
{
    if (!w)
        return;
    giji_target_free(&w->topic);
    for (size_t i = 0; i < w->n; i++) {
        giji_remark_hit_free(&w->items[i].r);
        giji_kwic_free(&w->items[i].kwic);
    }
    free(w->items);
    free(w->groups);
    giji_remark_keys_free(w->keys, w->nkeys);
    memset(w, 0, sizeof *w);
}

/* Which group a remark belongs to: 0 a person, 1 an unresolved label, 2
 * anonymous (the order unknown speakers are listed in). */
static int key_kind(const giji_remark_key *k)
{
    return k->speaker ? 0 : k->label ? 1 : 2;
}

static int nullcmp(const char *a, const char *b)
{
    if (!a || !b)
        return !a - !b; /* NULL (unknown) after any text */
    return strcmp(a, b);
}

static int same_group(const giji_remark_key *a, const giji_remark_key *b)
{
    int k = key_kind(a);
    return k == key_kind(b) &&
           (k == 2 || (k == 0 ? a->speaker == b->speaker : !strcmp(a->label, b->label)));
}

/* By group (kind, person id or label), then corpus order: date (unknown
 * last), source, seq. */
static int key_cmp(const void *x, const void *y)
{
    const giji_remark_key *a = x, *b = y;
    int ka = key_kind(a), kb = key_kind(b);
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (ka == 0 && a->speaker != b->speaker)
        return a->speaker < b->speaker ? -1 : 1;
    int c = ka == 1 ? strcmp(a->label, b->label) : 0;
    if (!c)
        c = nullcmp(a->date, b->date);
    if (!c)
        c = strcmp(a->source ? a->source : "", b->source ? b->source : "");
    if (!c)
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    return c;
}

static int group_kind(const giji_who_group *g)
{
    return g->person ? 0 : g->label ? 1 : 2;
}

/* Persons by remarks (most first), then name; then labels likewise; then
 * the anonymous remarks. */
static int group_cmp(const void *x, const void *y)
{
    const giji_who_group *a = x, *b = y;
    int ka = group_kind(a), kb = group_kind(b);
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    const char *na = ka == 0 ? a->name : a->label, *nb = ka == 0 ? b->name : b->label;
    int c = nullcmp(na, nb);
    return c ? c : (a->person < b->person ? -1 : a->person > b->person);
}

static int ll_cmp(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* Groups of w->keys (sorted by key_cmp), with their counts. */
static int make_groups(giji_who *w)
{
    w->groups = calloc(w->nkeys ? w->nkeys : 1, sizeof *w->groups);
    long long *mids = malloc((w->nkeys ? w->nkeys : 1) * sizeof *mids);
    if (!w->groups || !mids) {
        free(mids);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < w->nkeys; i++) {
        const giji_remark_key *k = &w->keys[i];
        mids[i] = k->meeting;
        if (i == 0 || !same_group(&w->keys[i - 1], k)) {
            giji_who_group *g = &w->groups[w->ngroups++];
            g->person = k->speaker;
            g->label = k->speaker ? NULL : k->label;
            g->key_first = i;
        }
        giji_who_group *g = &w->groups[w->ngroups - 1];
        g->count++;
        g->inferred += k->inferred != 0;
        if (i == g->key_first || k->meeting != w->keys[i - 1].meeting)
            g->meetings++;
        if (k->date) {
            if (!g->first_date)
                g->first_date = k->date;
            g->last_date = k->date;
        }
    }
    if (w->nkeys)
        qsort(mids, w->nkeys, sizeof *mids, ll_cmp);
    for (size_t i = 0; i < w->nkeys; i++)
        w->meetings += i == 0 || mids[i] != mids[i - 1];
    free(mids);
    return GIJI_OK;
}

/* Read the first `limit` remarks of each group (0: all) and attach them. */
static int read_items(giji_store *st, giji_who *w, const giji_hit_filter *f, size_t limit,
                      const char *const *needles, size_t nneedles)
{
    long long *ids = malloc((w->nkeys ? w->nkeys : 1) * sizeof *ids);
    if (!ids)
        return GIJI_NOMEM();
    size_t nids = 0;
    for (size_t g = 0; g < w->ngroups; g++) {
        size_t take = limit && w->groups[g].count > limit ? limit : w->groups[g].count;
        for (size_t i = 0; i < take; i++)
            ids[nids++] = w->keys[w->groups[g].key_first + i].id;
    }
    giji_remark_hit *r = NULL;
    size_t n = 0;
    int rc = giji_store_remark_hits_by_id(st, ids, nids, f, &r, &n);
    free(ids);
    giji_hits h = {0};
    if (rc == GIJI_OK)
        rc = query_hits_from(r, n, n, &h);
    w->items = h.items;
    w->n = h.n;
    /* the hits come in the order of the ids asked for (one that vanished
     * since the keys were read is skipped): walk them along the groups */
    size_t at = 0;
    for (size_t g = 0; rc == GIJI_OK && g < w->ngroups; g++) {
        giji_who_group *x = &w->groups[g];
        size_t take = limit && x->count > limit ? limit : x->count;
        x->first = at;
        for (size_t i = 0; i < take && at < w->n; i++)
            if (w->items[at].r.id == w->keys[x->key_first + i].id) {
                x->shown++;
                at++;
            }
        if (x->shown) {
            x->name = w->items[x->first].r.speaker_name;
            x->display = w->items[x->first].r.speaker_display;
        }
    }
    for (size_t i = 0; rc == GIJI_OK && i < w->n; i++)
        rc = query_hit_kwic(&w->items[i], needles, nneedles);
    return rc;
}

/* Rank the groups and lay the items out in that order. */
static int rank_groups(giji_who *w)
{
    if (w->ngroups)
        qsort(w->groups, w->ngroups, sizeof *w->groups, group_cmp);
    giji_hit *items = malloc((w->n ? w->n : 1) * sizeof *items);
    if (!items)
        return GIJI_NOMEM();
    size_t k = 0;
    for (size_t i = 0; i < w->ngroups; i++) {
        giji_who_group *g = &w->groups[i];
        memcpy(items + k, w->items + g->first, g->shown * sizeof *items);
        g->first = k;
        k += g->shown;
        if (g->person)
            g->rank = i > 0 && w->groups[i - 1].person && w->groups[i - 1].count == g->count
                          ? w->groups[i - 1].rank
                          : i + 1;
    }
    free(w->items);
    w->items = items;
    return GIJI_OK;
}

int giji_query_who(giji_store *st, const char *topic, const giji_query_opts *o, giji_who *out)
{
    memset(out, 0, sizeof *out);
    query_scope sc;
    int rc = query_scope_init(st, o, &sc);
    if (rc)
        return rc;
    char **v = NULL;
    size_t nv = 0;
    giji_hit_filter f = sc.f;
    rc = giji_resolve(st, topic, GIJI_FIND_ENTITY, &out->topic);
    if (rc == GIJI_OK) {
        f.entities = &out->topic.id;
        f.nentities = 1;
        rc = giji_store_remark_keys(st, &f, NULL, 0, &out->keys, &out->nkeys);
    } else if (rc == GIJI_ENOTFOUND && (rc = giji_text_variants(topic, &v, &nv)) == GIJI_OK) {
        rc = giji_store_remark_keys(st, &f, (const char *const *)v, nv, &out->keys, &out->nkeys);
        int exists = out->nkeys > 0;
        if (rc == GIJI_OK && !exists && (f.body || f.from || f.to)) {
            /* nothing in the scope: is there anything at all? */
            giji_remark_hit *any;
            size_t nany;
            rc = giji_store_remark_search(st, (const char *const *)v, nv, NULL, 1, &any, &nany, NULL);
            if (rc == GIJI_OK)
                giji_remark_hits_free(any, nany);
            exists = rc == GIJI_OK && nany > 0;
        }
        if (rc == GIJI_OK && !exists)
            rc = giji_error_set(GIJI_ENOTFOUND, "no entity or person named '%s'", topic);
        if (rc == GIJI_OK) {
            out->topic.kind = GIJI_TARGET_TEXT;
            out->topic.name = query_trim(topic);
            out->topic.display = query_trim(topic);
            out->topic.how = giji_strdup("text");
            if (!out->topic.name || !out->topic.display || !out->topic.how)
                rc = GIJI_NOMEM();
        }
    }
    if (rc == GIJI_OK) {
        if (out->nkeys)
            qsort(out->keys, out->nkeys, sizeof *out->keys, key_cmp);
        rc = make_groups(out);
    }
    if (rc == GIJI_OK)
        rc = read_items(st, out, &f, o ? o->limit : 0, (const char *const *)v, nv);
    if (rc == GIJI_OK)
        rc = rank_groups(out);
    query_scope_free(&sc);
    giji_suggestions_free(v, nv);
    if (rc)
        giji_who_free(out);
    return rc;
}
