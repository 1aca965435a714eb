/*
 * query/resolve.c — what a name on the command line means: an entity by
 * name or alias, a person by name, spelling or unique surname (exact first,
 * then by folded NFKC match keys), a meeting by id or file name; and "did
 * you mean" suggestions by edit distance and shared characters.
 * Not responsible for SQL (store/) or messages on the terminal (cli/).
 */
#include "query/internal.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void giji_target_free(giji_target *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->display);
    free(t->type);
    free(t->how);
    memset(t, 0, sizeof *t);
}

void giji_suggestions_free(char **s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        free(s[i]);
    free(s);
}

static int fill_entity(giji_store *st, long long id, const char *how, giji_target *out)
{
    giji_entity_rec *e;
    int rc = giji_store_entity_get(st, id, &e);
    if (rc)
        return rc;
    out->kind = GIJI_TARGET_ENTITY;
    out->id = id;
    out->name = giji_strdup(e->name);
    out->display = giji_strdup(e->name);
    out->type = giji_strdup(e->type);
    out->how = giji_strdup(how);
    giji_entity_recs_free(e, 1);
    if (!out->name || !out->display || !out->type || !out->how) {
        giji_target_free(out);
        return GIJI_NOMEM();
    }
    return GIJI_OK;
}

static int fill_person(giji_store *st, long long id, const char *how, giji_target *out)
{
    giji_person_rec *p;
    int rc = giji_store_person_get(st, id, &p);
    if (rc)
        return rc;
    out->kind = GIJI_TARGET_PERSON;
    out->id = id;
    out->name = giji_strdup(p->name);
    out->display = giji_strdup(p->display);
    out->how = giji_strdup(how);
    giji_person_recs_free(p, 1);
    if (!out->name || !out->display || !out->how) {
        giji_target_free(out);
        return GIJI_NOMEM();
    }
    return GIJI_OK;
}

/* Exact lookups: entity by name or alias as written or by key; person by
 * name without white space, or by key. */
static int resolve_exact(giji_store *st, const char *arg, const char *key, unsigned kinds,
                         giji_target *out, int *found)
{
    *found = 0;
    int rc = GIJI_OK;
    const char *forms[] = {arg, key};
    for (int i = 0; rc == GIJI_OK && (kinds & GIJI_FIND_ENTITY) && i < 2; i++) {
        long long id = 0;
        int alias = 0;
        if ((rc = giji_store_entity_find(st, forms[i], &id, &alias)) == GIJI_OK && id) {
            *found = 1;
            return fill_entity(st, id, alias ? "alias" : "name", out);
        }
    }
    if (rc || !(kinds & GIJI_FIND_PERSON))
        return rc;
    char *nospace = giji_str_nospace(arg);
    if (!nospace)
        return GIJI_NOMEM();
    const char *pforms[] = {nospace, key};
    for (int i = 0; rc == GIJI_OK && i < 2; i++) {
        long long id = 0;
        if ((rc = giji_store_person_find(st, pforms[i], &id)) == GIJI_OK && id) {
            *found = 1;
            rc = fill_person(st, id, "name", out);
            break;
        }
    }
    free(nospace);
    return rc;
}

/* "野原 佐和子, 野原 次郎" for the ambiguity message (at most 5 names). */
static int ambiguous(giji_store *st, const char *arg, long long *ids, size_t n)
{
    char list[512] = "";
    for (size_t i = 0; i < n && i < 5; i++) {
        giji_person_rec *p = NULL;
        if (giji_store_person_get(st, ids[i], &p) == GIJI_OK) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", p->display);
            giji_person_recs_free(p, 1);
        }
    }
    return giji_error_set(GIJI_EINVAL, "'%s' names %zu persons: %s%s; give the full name", arg, n, list,
                          n > 5 ? ", ..." : "");
}

/* By folded keys over every name; then a person by unique key prefix. */
/* Is s its own match key: code points NFKC, the key's folds and its space
 * removal leave alone (lower-case ASCII, kana, kanji)? Most names are; the
 * scan below then compares them as they are instead of making 20,000 keys
 * (a tenth of a `who` of a text on the 1 GiB benchmark). */
static int own_key(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = giji_utf8_decode(s + i, n - i, &c);
        if (!k || !((c > 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z')) || (c >= 0x3041 && c <= 0x3096) ||
                    (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || (c >= 0x3400 && c <= 0x4DBF) ||
                    (c >= 0x4E00 && c <= 0x9FFF)))
            return 0;
        i += k;
    }
    return 1;
}

static int resolve_scan(giji_store *st, const char *arg, const char *key, unsigned kinds,
                        giji_target *out, int *found)
{
    *found = 0;
    unsigned want = ((kinds & GIJI_FIND_ENTITY) ? GIJI_NAMES_ENTITIES | GIJI_NAMES_ALIASES : 0) |
                    ((kinds & GIJI_FIND_PERSON) ? GIJI_NAMES_PERSONS : 0);
    giji_name_rec *names;
    size_t n;
    int rc = giji_store_names(st, want, &names, &n);
    if (rc)
        return rc;
    long long best_entity = 0, best_person = 0;
    int best_rank = 0;
    long long *prefix = NULL;
    size_t nprefix = 0;
    size_t klen = strlen(key);
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        int own = own_key(names[i].text);
        char *k = own ? names[i].text : query_key(names[i].text);
        if (!k) {
            rc = GIJI_NOMEM();
            break;
        }
        int equal = !strcmp(k, key);
        if (names[i].kind == GIJI_NAMES_PERSONS) {
            if (equal && !best_person)
                best_person = names[i].id;
            else if (!equal && klen && !strncmp(k, key, klen)) {
                long long *p = realloc(prefix, (nprefix + 1) * sizeof *p);
                if (!p)
                    rc = GIJI_NOMEM();
                else {
                    prefix = p;
                    prefix[nprefix++] = names[i].id;
                }
            }
        } else if (equal) {
            /* gazetteer before discovered, names before aliases, then id */
            int r = names[i].discovered * 2 + (names[i].kind == GIJI_NAMES_ALIASES);
            if (!best_entity || r < best_rank || (r == best_rank && names[i].id < best_entity)) {
                best_entity = names[i].id;
                best_rank = r;
            }
        }
        if (!own)
            free(k);
    }
    giji_name_recs_free(names, n);
    if (rc == GIJI_OK && best_entity) {
        *found = 1;
        rc = fill_entity(st, best_entity, "match key", out);
    } else if (rc == GIJI_OK && best_person) {
        *found = 1;
        rc = fill_person(st, best_person, "match key", out);
    } else if (rc == GIJI_OK && nprefix) {
        qsort(prefix, nprefix, sizeof *prefix, giji_cmp_ll);
        size_t u = 0;
        for (size_t i = 0; i < nprefix; i++)
            if (!u || prefix[u - 1] != prefix[i])
                prefix[u++] = prefix[i];
        *found = 1;
        rc = u == 1 ? fill_person(st, prefix[0], "surname", out) : ambiguous(st, arg, prefix, u);
    }
    free(prefix);
    return rc;
}

int giji_resolve(giji_store *st, const char *arg, unsigned kinds, giji_target *out)
{
    memset(out, 0, sizeof *out);
    char *t = query_trim(arg ? arg : "");
    char *key = t ? query_key(t) : NULL;
    int rc = GIJI_OK, found = 0;
    if (!t || !key)
        rc = GIJI_NOMEM();
    else if (!*key)
        rc = giji_error_set(GIJI_EINVAL, "empty name");
    else if ((rc = resolve_exact(st, t, key, kinds, out, &found)) == GIJI_OK && !found)
        rc = resolve_scan(st, t, key, kinds, out, &found);
    if (rc == GIJI_OK && !found)
        rc = giji_error_set(GIJI_ENOTFOUND, "no entity or person named '%s'", arg);
    free(t);
    free(key);
    if (rc)
        giji_target_free(out);
    return rc;
}

int giji_resolve_meeting(giji_store *st, const char *arg, long long *id)
{
    *id = 0;
    const char *p = arg ? arg : "";
    size_t nd = strspn(p, "0123456789");
    if (nd > 0 && nd < 19 && !p[nd]) {
        giji_hit_filter f = {0};
        f.meeting = strtoll(p, NULL, 10);
        giji_meeting_row *m;
        size_t n;
        int rc = f.meeting ? giji_store_meeting_list(st, &f, &m, &n) : GIJI_OK;
        if (rc)
            return rc;
        if (f.meeting && n == 1)
            *id = f.meeting;
        if (f.meeting)
            giji_meeting_rows_free(m, n);
    } else {
        int rc = giji_store_meeting_by_source(st, giji_path_base(p), id);
        if (rc)
            return rc;
    }
    if (!*id)
        return giji_error_set(GIJI_ENOTFOUND, "no meeting '%s' (give a meeting id or the name of its "
                              "minutes file; see 'giji meetings')", p);
    return GIJI_OK;
}

/* ---- suggestions -------------------------------------------------------- */

static uint32_t *to_cps(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *c = malloc((len + 1) * sizeof *c);
    if (!c)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; k++) {
        size_t b = giji_utf8_decode(s + i, len - i, &c[k]);
        if (!b) {
            c[k] = 0xFFFD;
            b = 1;
        }
        i += b;
    }
    *n = k;
    return c;
}

/* Optimal string alignment distance (Levenshtein plus adjacent swaps). */
static size_t osa(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t *rows = malloc(3 * (nb + 1) * sizeof *rows);
    if (!rows)
        return na > nb ? na : nb;
    size_t *pp = rows, *p = rows + nb + 1, *c = rows + 2 * (nb + 1);
    for (size_t j = 0; j <= nb; j++)
        p[j] = j;
    for (size_t i = 1; i <= na; i++) {
        c[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (p[j - 1] + cost < v)
                v = p[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
        }
        size_t *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    size_t d = p[nb];
    free(rows);
    return d;
}

size_t giji_edit_distance(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    uint32_t *ca = to_cps(a ? a : "", &na), *cb = to_cps(b ? b : "", &nb);
    size_t d = ca && cb ? osa(ca, na, cb, nb) : (na > nb ? na : nb);
    free(ca);
    free(cb);
    return d;
}

/* Characters other than ASCII that a and b have in common, counted with
 * multiplicity: a kanji or kana shared says more than a Latin letter. */
static size_t shared(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    unsigned char *used = calloc(nb ? nb : 1, 1);
    if (!used)
        return 0;
    size_t s = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; a[i] >= 0x80 && j < nb; j++)
            if (!used[j] && a[i] == b[j]) {
                used[j] = 1;
                s++;
                break;
            }
    free(used);
    return s;
}

static int contains(const uint32_t *h, size_t nh, const uint32_t *n, size_t nn)
{
    for (size_t i = 0; nn && i + nn <= nh; i++)
        if (!memcmp(h + i, n, nn * sizeof *n))
            return 1;
    return 0;
}

typedef struct cand {
    size_t idx, dist, shared;
    char *key;
} cand;

static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    if (a->shared != b->shared)
        return a->shared > b->shared ? -1 : 1;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

size_t giji_suggest_pick(const char *arg, const char *const *names, size_t n, size_t max, size_t *idx)
{
    char *qk = query_key(arg ? arg : "");
    size_t nq = 0;
    uint32_t *q = qk ? to_cps(qk, &nq) : NULL;
    cand *c = calloc(n ? n : 1, sizeof *c);
    size_t nc = 0, picked = 0;
    if (!q || !c || !nq)
        goto done;
    size_t limit = nq / 3 > 1 ? nq / 3 : 1;
    for (size_t i = 0; i < n; i++) {
        char *k = query_key(names[i] ? names[i] : "");
        size_t nk = 0;
        uint32_t *kc = k ? to_cps(k, &nk) : NULL;
        if (kc && nk) {
            size_t d = osa(q, nq, kc, nk), s = shared(q, nq, kc, nk);
            size_t longer = nq > nk ? nq : nk;
            int in = nq >= 2 && nk >= 2 && (contains(kc, nk, q, nq) || contains(q, nq, kc, nk));
            if (d <= limit || (s >= 2 && 2 * s >= longer) || in) {
                c[nc] = (cand){i, d, s, k};
                k = NULL;
                nc++;
            }
        }
        free(kc);
        free(k);
    }
    qsort(c, nc, sizeof *c, cand_cmp);
    for (size_t i = 0; i < nc && picked < max; i++) {
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = !strcmp(c[j].key, c[i].key);
        if (!dup)
            idx[picked++] = c[i].idx;
    }
done:
    for (size_t i = 0; c && i < nc; i++)
        free(c[i].key);
    free(c);
    free(q);
    free(qk);
    return picked;
}

int giji_suggest(giji_store *st, const char *arg, unsigned kinds, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    unsigned want = ((kinds & GIJI_FIND_ENTITY) ? GIJI_NAMES_ENTITIES | GIJI_NAMES_ALIASES : 0) |
                    ((kinds & GIJI_FIND_PERSON) ? GIJI_NAMES_PERSONS : 0) |
                    ((kinds & GIJI_SUGGEST_BODIES) ? GIJI_NAMES_BODIES : 0);
    giji_name_rec *names;
    size_t nn;
    int rc = giji_store_names(st, want, &names, &nn);
    if (rc)
        return rc;
    const char **texts = calloc(nn ? nn : 1, sizeof *texts);
    *out = calloc(GIJI_SUGGEST_MAX, sizeof **out);
    if (!texts || !*out) {
        free(texts);
        free(*out);
        *out = NULL;
        giji_name_recs_free(names, nn);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < nn; i++)
        texts[i] = names[i].text;
    size_t idx[GIJI_SUGGEST_MAX];
    size_t k = giji_suggest_pick(arg, texts, nn, GIJI_SUGGEST_MAX, idx);
    for (size_t i = 0; rc == GIJI_OK && i < k; i++) {
        if (!((*out)[i] = giji_strdup(texts[idx[i]])))
            rc = GIJI_NOMEM();
        else
            (*n)++;
    }
    free(texts);
    giji_name_recs_free(names, nn);
    if (rc) {
        giji_suggestions_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}
