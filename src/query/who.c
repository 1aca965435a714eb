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
    giji_person_recs_free(w->person_recs, w->nperson_recs);
    giji_anonymous_stats_free(&w->anon);
    giji_text_remarks_free(&w->text);
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

/* A group's meetings and first and last dates, from its keys (sorted by
 * key_cmp: a meeting's remarks are next to each other). */
static void group_stats(giji_who_group *g, const giji_remark_key *keys)
{
    g->meetings = 0;
    g->first_date = g->last_date = NULL;
    for (size_t i = 0; i < g->nkeys; i++) {
        const giji_remark_key *k = &keys[g->key_first + i];
        if (i == 0 || k->meeting != keys[g->key_first + i - 1].meeting)
            g->meetings++;
        if (k->date) {
            if (!g->first_date)
                g->first_date = k->date;
            g->last_date = k->date;
        }
    }
}

/* Groups of w->keys (sorted by key_cmp), with their counts: every remark
 * is in the keys. */
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
        g->nkeys++;
        g->inferred += k->inferred != 0;
    }
    for (size_t i = 0; i < w->ngroups; i++)
        group_stats(&w->groups[i], w->keys);
    if (w->nkeys)
        qsort(mids, w->nkeys, sizeof *mids, ll_cmp);
    for (size_t i = 0; i < w->nkeys; i++)
        w->meetings += i == 0 || mids[i] != mids[i - 1];
    free(mids);
    w->remarks = w->nkeys;
    return GIJI_OK;
}

/* Groups of one entity from its derived counts; no keys yet. The labels
 * point into sp, which the caller keeps until the groups have their keys. */
static int counted_groups(giji_who *w, giji_entity_speaker *sp, size_t nsp, long long meetings)
{
    w->groups = calloc(nsp ? nsp : 1, sizeof *w->groups);
    if (!w->groups)
        return GIJI_NOMEM();
    for (size_t i = 0; i < nsp; i++) {
        giji_who_group *g = &w->groups[w->ngroups++];
        g->person = sp[i].person;
        g->label = sp[i].person ? NULL : sp[i].label;
        g->count = (size_t)sp[i].remarks;
        g->inferred = (size_t)sp[i].inferred;
        w->remarks += g->count;
    }
    w->meetings = (size_t)meetings;
    w->counted = 1;
    return GIJI_OK;
}

static int person_cmp(const void *key, const void *elem)
{
    long long id = *(const long long *)key, p = ((const giji_person_rec *)elem)->id;
    return id < p ? -1 : id > p;
}

/* Names for the persons' groups (ties in rank are ordered by name), and
 * the totals over every group, before any is left out. */
static int name_groups(giji_store *st, giji_who *w)
{
    int rc = giji_store_persons(st, &w->person_recs, &w->nperson_recs);
    for (size_t i = 0; rc == GIJI_OK && i < w->ngroups; i++) {
        giji_who_group *g = &w->groups[i];
        if (!g->person) {
            w->unknown += g->count;
            continue;
        }
        w->persons++;
        const giji_person_rec *p =
            bsearch(&g->person, w->person_recs, w->nperson_recs, sizeof *w->person_recs, person_cmp);
        if (p) {
            g->name = p->name;
            g->display = p->display;
        }
    }
    return rc;
}

/* Rank the groups; keep the first `cap` persons and labels (0: all) and the
 * anonymous group. */
static void rank_groups(giji_who *w, size_t cap)
{
    if (w->ngroups)
        qsort(w->groups, w->ngroups, sizeof *w->groups, group_cmp);
    size_t kept = 0, named = 0;
    for (size_t i = 0; i < w->ngroups; i++) {
        giji_who_group *g = &w->groups[i];
        if (g->person)
            g->rank = i > 0 && w->groups[i - 1].person && w->groups[i - 1].count == g->count
                          ? w->groups[i - 1].rank
                          : i + 1;
        if (group_kind(g) != 2 && cap && named++ >= cap) {
            w->more_speakers++;
            w->more_remarks += g->count;
            continue;
        }
        w->groups[kept++] = *g;
    }
    w->ngroups = kept;
}

/* Append keys k[0..n) (taken over) to w->keys as group g's, sorted. */
static int adopt_keys(giji_who *w, giji_who_group *g, giji_remark_key *k, size_t n, size_t *cap)
{
    int rc = GIJI_OK;
    if (w->nkeys + n > *cap) {
        size_t want = *cap ? *cap : 64;
        while (want < w->nkeys + n)
            want *= 2;
        giji_remark_key *grown = realloc(w->keys, want * sizeof *grown);
        if (!grown)
            rc = GIJI_NOMEM();
        else {
            w->keys = grown;
            *cap = want;
        }
    }
    if (rc) {
        giji_remark_keys_free(k, n);
        return rc;
    }
    if (n)
        qsort(k, n, sizeof *k, key_cmp);
    memcpy(w->keys + w->nkeys, k, n * sizeof *k);
    free(k);
    g->key_first = w->nkeys;
    g->nkeys = n;
    w->nkeys += n;
    return GIJI_OK;
}

/* The keys of the groups listed, for a counted entity: every remark of a
 * person or label (their meetings and dates come from them), the first
 * `limit` anonymous ones (their numbers from the meeting counts). */
static int counted_keys(giji_store *st, giji_who *w, size_t limit)
{
    size_t cap = 0;
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < w->ngroups; i++) {
        giji_who_group *g = &w->groups[i];
        giji_remark_key *k = NULL;
        size_t n = 0;
        if (group_kind(g) == 2) {
            rc = giji_store_anonymous_keys(st, w->topic.id, limit, &k, &n, &w->anon);
            if (rc == GIJI_OK && (rc = adopt_keys(w, g, k, n, &cap)) == GIJI_OK) {
                g->meetings = (size_t)w->anon.meetings;
                g->first_date = w->anon.first_date;
                g->last_date = w->anon.last_date;
            }
        } else {
            rc = giji_store_speaker_keys(st, w->topic.id, g->person, g->label, &k, &n);
            if (rc == GIJI_OK && (rc = adopt_keys(w, g, k, n, &cap)) == GIJI_OK)
                group_stats(g, w->keys);
            /* the label pointed into the counts, which the caller frees:
             * point it into the keys (the same text) */
            if (rc == GIJI_OK && g->label)
                g->label = g->nkeys ? w->keys[g->key_first].label : NULL;
        }
    }
    return rc;
}

/* Read the first `limit` remarks of each group listed (0: all) and attach
 * them, in group order. */
static int read_items(giji_store *st, giji_who *w, const giji_hit_filter *f, size_t limit,
                      const char *const *needles, size_t nneedles)
{
    long long *ids = malloc((w->nkeys ? w->nkeys : 1) * sizeof *ids);
    if (!ids)
        return GIJI_NOMEM();
    size_t nids = 0;
    for (size_t g = 0; g < w->ngroups; g++) {
        size_t take = limit && w->groups[g].nkeys > limit ? limit : w->groups[g].nkeys;
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
        size_t take = limit && x->nkeys > limit ? limit : x->nkeys;
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

/* The keys of every remark that raised TOPIC (an entity in a scope, or
 * text), grouped. `rc` is GIJI_ENOTFOUND when TOPIC is known to name no
 * entity, else GIJI_OK (resolve it here). */
static int scanned_groups(giji_store *st, giji_who *w, const char *topic, giji_hit_filter *f,
                          size_t limit, size_t speakers, char ***v, size_t *nv, int rc)
{
    int done = 0;
    if (rc == GIJI_OK)
        rc = giji_resolve(st, topic, GIJI_FIND_ENTITY, &w->topic);
    if (rc == GIJI_OK) {
        f->entities = &w->topic.id;
        f->nentities = 1;
        rc = giji_store_remark_keys(st, f, NULL, 0, &w->keys, &w->nkeys);
    } else if (rc == GIJI_ENOTFOUND && (rc = giji_text_variants(topic, v, nv)) == GIJI_OK) {
        /* through the index and the remark columns when it can; else the
         * matching remarks' rows */
        int exists = 0;
        rc = query_who_text(st, w, (const char *const *)*v, *nv, f, limit, speakers, &done, &exists);
        if (rc == GIJI_OK && !done) {
            rc = giji_store_remark_keys(st, f, (const char *const *)*v, *nv, &w->keys, &w->nkeys);
            exists = w->nkeys > 0;
        }
        if (rc == GIJI_OK && !done && !exists && (f->body || f->from || f->to)) {
            /* nothing in the scope: is there anything at all? */
            giji_remark_hit *any;
            size_t nany;
            rc = giji_store_remark_search(st, (const char *const *)*v, *nv, NULL, 1, &any, &nany, NULL);
            if (rc == GIJI_OK)
                giji_remark_hits_free(any, nany);
            exists = rc == GIJI_OK && nany > 0;
        }
        if (rc == GIJI_OK && !exists)
            rc = giji_error_set(GIJI_ENOTFOUND, "no entity or person named '%s'", topic);
        if (rc == GIJI_OK) {
            w->topic.kind = GIJI_TARGET_TEXT;
            w->topic.name = query_trim(topic);
            w->topic.display = query_trim(topic);
            w->topic.how = giji_strdup("text");
            if (!w->topic.name || !w->topic.display || !w->topic.how)
                rc = GIJI_NOMEM();
        }
    }
    if (rc == GIJI_OK && !done) {
        if (w->nkeys)
            qsort(w->keys, w->nkeys, sizeof *w->keys, key_cmp);
        rc = make_groups(w);
    }
    return rc;
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
    giji_entity_speaker *sp = NULL;
    size_t nsp = 0;
    /* the derived counts answer for one entity in the whole corpus, when
     * they are live (not suspended by a bulk load) */
    int live = 0;
    rc = giji_store_counts_live(st, &live);
    int scoped = f.body || f.from || f.to || f.descendants || !live;
    int entity = 0;
    if (rc == GIJI_OK && !scoped) {
        rc = giji_resolve(st, topic, GIJI_FIND_ENTITY, &out->topic);
        entity = rc == GIJI_OK;
    }
    if (entity) {
        long long meetings = 0;
        f.entities = &out->topic.id;
        f.nentities = 1;
        rc = giji_store_entity_speakers(st, out->topic.id, &sp, &nsp, &meetings);
        rc = rc ? rc : counted_groups(out, sp, nsp, meetings);
    } else if (rc == GIJI_OK || rc == GIJI_ENOTFOUND) {
        /* in a scope (rc OK: resolved there), or no entity of that name */
        giji_target_free(&out->topic);
        rc = scanned_groups(st, out, topic, &f, o ? o->limit : 0, o ? o->speakers : 0, &v, &nv, rc);
    }
    size_t limit = o ? o->limit : 0;
    rc = rc ? rc : name_groups(st, out);
    if (rc == GIJI_OK)
        rank_groups(out, o ? o->speakers : 0);
    if (rc == GIJI_OK && out->counted)
        rc = counted_keys(st, out, limit);
    /* the anonymous group keeps the keys of the remarks listed only, as the
     * counted way reads no more (its counts are complete either way), so
     * that the answer does not depend on the way taken */
    for (size_t i = 0; rc == GIJI_OK && limit && i < out->ngroups; i++)
        if (group_kind(&out->groups[i]) == 2 && out->groups[i].nkeys > limit)
            out->groups[i].nkeys = limit;
    if (rc == GIJI_OK)
        rc = read_items(st, out, &f, limit, (const char *const *)v, nv);
    giji_entity_speakers_free(sp, nsp);
    query_scope_free(&sc);
    giji_suggestions_free(v, nv);
    if (rc)
        giji_who_free(out);
    return rc;
}
