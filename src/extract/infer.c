/*
 * extract/infer.c — speakers of anonymous remarks, from what they say of
 * themselves: "経済産業省としては、…" was said for 経済産業省, so by the
 * attendee holding its role that day (data/inference.tsv), or by the proxy
 * who stood in for them. Only remarks with attribution "none" are touched;
 * two different bodies in the cue window, or a role nobody holds, leave the
 * speaker unknown.
 */
#include "extract/internal.h"
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/tsv.h"
#include "util/utf8.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

typedef struct cue { char *body, *role; } cue;   /* match keys */

/* A cue under the first code point of its body (find_cue looks a body up
 * by the character it starts with instead of searching for every one). */
typedef struct cue_first { uint32_t cp; size_t cue; } cue_first;

struct giji_inferrer {
    cue *cues; size_t ncues;
    char **particles; size_t nparticles;
    size_t window;   /* code points */
    size_t reach;    /* code points of a remark's key find_cue can look at */
    cue_first *first; /* by (code point, cue); NULL when a body is empty */
};

static int row(void *ctx, const giji_tsv_row *r)
{
    giji_inferrer *in = ctx;
    if (!strcmp(r->f[0], "cue")) {
        if (r->n < 3)
            return giji_error_set(GIJI_EINVAL, "%s:%u: a cue needs a role", r->path, r->line);
        cue *p = realloc(in->cues, (in->ncues + 1) * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        in->cues = p;
        p[in->ncues].body = giji_match_key(r->f[1]);
        p[in->ncues].role = giji_match_key(r->f[2]);
        in->ncues++;
        return (p[in->ncues - 1].body && p[in->ncues - 1].role) ? GIJI_OK : GIJI_ENOMEM;
    }
    if (!strcmp(r->f[0], "particle")) {
        char **p = realloc(in->particles, (in->nparticles + 1) * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        in->particles = p;
        p[in->nparticles] = giji_match_key(r->f[1]);
        return p[in->nparticles++] ? GIJI_OK : GIJI_ENOMEM;
    }
    if (!strcmp(r->f[0], "window")) {
        long w = strtol(r->f[1], NULL, 10);
        if (w <= 0 || w > 1000)
            return giji_error_set(GIJI_EINVAL, "%s:%u: window must be 1..1000", r->path, r->line);
        in->window = (size_t)w;
        return GIJI_OK;
    }
    return giji_error_set(GIJI_EINVAL, "%s:%u: unknown kind '%s' (cue, particle, window)", r->path, r->line, r->f[0]);
}

static int cmp_first(const void *a, const void *b)
{
    const cue_first *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->cue < y->cue ? -1 : x->cue > y->cue;
}

/* The cues by the first code point of their body. An empty body (it
 * would match everywhere) leaves the index out: find_cue then searches. */
static int index_cues(giji_inferrer *in)
{
    for (size_t c = 0; c < in->ncues; c++)
        if (!in->cues[c].body[0])
            return GIJI_OK;
    if (!(in->first = malloc((in->ncues ? in->ncues : 1) * sizeof *in->first)))
        return GIJI_NOMEM();
    for (size_t c = 0; c < in->ncues; c++) {
        const char *b = in->cues[c].body;
        uint32_t cp = 0;
        if (!giji_utf8_decode(b, strlen(b), &cp))
            cp = (unsigned char)b[0] | 0x80000000u;   /* never a code point of a key */
        in->first[c].cp = cp;
        in->first[c].cue = c;
    }
    qsort(in->first, in->ncues, sizeof *in->first, cmp_first);
    return GIJI_OK;
}

int giji_inferrer_new(const char *datadir, giji_inferrer **out)
{
    *out = NULL;
    giji_inferrer *in = calloc(1, sizeof *in);
    if (!in)
        return GIJI_NOMEM();
    in->window = 12;
    giji_buf path = {0};
    int rc = giji_buf_printf(&path, "%s/inference.tsv", datadir ? datadir : giji_data_dir());
    if (!rc)
        rc = giji_tsv_each(path.data, 2, 3, row, in);
    giji_buf_free(&path);
    if (rc) {
        giji_inferrer_free(in);
        return rc;
    }
    /* A cue starts inside the window and may run past it by a body and a
     * particle: keying that much of a remark is enough (a remark runs to
     * hundreds of characters, the window is 12). */
    size_t body = 0, particle = 0;
    for (size_t i = 0; i < in->ncues; i++) {
        size_t n = giji_utf8_count(in->cues[i].body, strlen(in->cues[i].body));
        body = n > body ? n : body;
    }
    for (size_t i = 0; i < in->nparticles; i++) {
        size_t n = giji_utf8_count(in->particles[i], strlen(in->particles[i]));
        particle = n > particle ? n : particle;
    }
    in->reach = in->window + body + particle;
    if ((rc = index_cues(in))) {
        giji_inferrer_free(in);
        return rc;
    }
    *out = in;
    return GIJI_OK;
}

void giji_inferrer_free(giji_inferrer *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->ncues; i++) {
        free(in->cues[i].body);
        free(in->cues[i].role);
    }
    for (size_t i = 0; i < in->nparticles; i++)
        free(in->particles[i]);
    free(in->cues);
    free(in->particles);
    free(in->first);
    free(in);
}

/* Does the role key match the cue's role pattern, also without its
 * bracketed note ("環境大臣(議長)" holds 環境大臣)? */
static int holds_role(const char *pattern, const char *key)
{
    char buf[256];
    const char *bare;
    return fnmatch(pattern, key, FNM_NOESCAPE) == 0 ||
           ((bare = giji_key_without_note(key, buf, sizeof buf)) && fnmatch(pattern, bare, FNM_NOESCAPE) == 0);
}

/* The one attendee (not a proxy) whose role key satisfies `hit`, or their
 * proxy when they were absent; -1 when nobody does, -2 when more than one. */
static int holder_by(const giji_meeting *m, char *const *keys, const cue *c,
                     int (*hit)(const cue *c, const char *key))
{
    int found = -1;
    for (size_t i = 0; i < m->nattendees; i++) {
        if (!keys[i] || !hit(c, keys[i]) || m->attendees[i].proxy_for >= 0)
            continue;
        if (found >= 0)
            return -2;
        found = (int)i;
    }
    if (found >= 0 && !m->attendees[found].present) {
        for (size_t i = 0; i < m->nattendees; i++)
            if (m->attendees[i].proxy_for == found)
                return (int)i;
        return -1;
    }
    return found;
}

static int by_role(const cue *c, const char *key) { return holds_role(c->role, key); }

/* "国土交通省:水管理・国土保全局長": the body's own official, at a council of
 * officials where no minister attends */
static int by_body(const cue *c, const char *key) { return !strncmp(key, c->body, strlen(c->body)); }

/* The attendee holding the cue's role (a pattern), or their proxy; else,
 * when nobody holds it, the one attendee whose role starts with the body's
 * name; -1 when nobody or more than one does. `keys` are the match keys of
 * the attendees' roles (NULL where none could be made), computed once per
 * meeting. */
static int holder(const giji_meeting *m, char *const *keys, const cue *c)
{
    int who = holder_by(m, keys, c, by_role);
    if (who == -1)
        who = holder_by(m, keys, c, by_body);
    return who >= 0 ? who : -1;
}

/* The cue that opens `key` (NFKC, no spaces): the body and the particle
 * right after it, starting within the window. Returns the cue index, -1
 * for none, -2 for cues of two different bodies. at and len give the cue's
 * byte span in key. */
static int find_cue_search(const giji_inferrer *in, const char *key, size_t *at, size_t *len)
{
    int found = -1;
    size_t limit = 0, cps = 0;
    while (key[limit] && cps < in->window) {
        limit++;
        while (((unsigned char)key[limit] & 0xC0) == 0x80)
            limit++;
        cps++;
    }
    /* any body named in the window with another role makes it ambiguous:
     * "総務省と外務省としては" speaks for two */
    const char *role_seen = NULL;
    for (size_t c = 0; c < in->ncues; c++) {
        const char *hit = strstr(key, in->cues[c].body);
        if (!hit || (size_t)(hit - key) >= limit)
            continue;
        if (role_seen && strcmp(role_seen, in->cues[c].role) != 0)
            return -2;
        role_seen = in->cues[c].role;
    }
    for (size_t c = 0; c < in->ncues; c++) {
        const char *body = in->cues[c].body;
        for (const char *p = strstr(key, body); p && (size_t)(p - key) < limit; p = strstr(p + 1, body)) {
            const char *after = p + strlen(body);
            for (size_t k = 0; k < in->nparticles; k++) {
                if (!giji_str_starts(after, in->particles[k]))
                    continue;
                if (found >= 0 && strcmp(in->cues[found].role, in->cues[c].role) != 0)
                    return -2;
                /* the longer body wins: 警察庁 over 警察 */
                if (found < 0 || strlen(body) > strlen(in->cues[found].body)) {
                    found = (int)c;
                    *at = (size_t)(p - key);
                    *len = strlen(body) + strlen(in->particles[k]);
                }
                break;
            }
        }
    }
    return found;
}

/* A body found in the window: cue c at byte `at` of the key. */
typedef struct hit { size_t cue, at; } hit;

/* find_cue_search, with the bodies looked up by their first character at
 * each of the window's positions instead of searched for one by one: the
 * same hits, then the same decisions in the same order (cue by cue, and
 * each cue's hits from left to right). */
static int find_cue(const giji_inferrer *in, const char *key, size_t *at, size_t *len)
{
    if (!in->first)
        return find_cue_search(in, key, at, len);
    hit small[64], *hits = small;
    size_t nhits = 0, cap = 64;
    int found = -1;
    size_t pos = 0, cps = 0, klen = strlen(key);
    while (pos < klen && cps < in->window) {
        uint32_t cp;
        size_t step = giji_utf8_decode(key + pos, klen - pos, &cp);
        if (!step) {   /* cannot happen in a key; a byte no body starts with */
            step = 1;
            cp = (unsigned char)key[pos] | 0x80000000u;
        }
        size_t lo = 0, hi = in->ncues;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (in->first[mid].cp < cp) lo = mid + 1;
            else hi = mid;
        }
        for (; lo < in->ncues && in->first[lo].cp == cp; lo++) {
            size_t c = in->first[lo].cue;
            const char *body = in->cues[c].body;
            if (strncmp(key + pos, body, strlen(body)) != 0)
                continue;
            if (nhits == cap) {
                hit *p = malloc(2 * cap * sizeof *p);
                if (!p) {
                    if (hits != small)
                        free(hits);
                    return -1;   /* out of memory: no cue, as for a text without one */
                }
                memcpy(p, hits, nhits * sizeof *p);
                if (hits != small)
                    free(hits);
                hits = p;
                cap *= 2;
            }
            hits[nhits].cue = c;
            hits[nhits++].at = pos;
        }
        pos += step;
        cps++;
    }
    /* by cue, then by position (insertion sort: found in position order, few) */
    for (size_t i = 1; i < nhits; i++) {
        hit h = hits[i];
        size_t j = i;
        while (j > 0 && hits[j - 1].cue > h.cue) {
            hits[j] = hits[j - 1];
            j--;
        }
        hits[j] = h;
    }
    /* any body named in the window with another role makes it ambiguous:
     * "総務省と外務省としては" speaks for two */
    const char *role_seen = NULL;
    for (size_t i = 0; i < nhits && found != -2; i++) {
        if (i && hits[i].cue == hits[i - 1].cue)
            continue;
        const char *role = in->cues[hits[i].cue].role;
        if (role_seen && strcmp(role_seen, role) != 0)
            found = -2;
        role_seen = role;
    }
    for (size_t i = 0; i < nhits && found != -2; i++) {
        size_t c = hits[i].cue;
        const char *body = in->cues[c].body;
        const char *after = key + hits[i].at + strlen(body);
        for (size_t k = 0; k < in->nparticles; k++) {
            if (!giji_str_starts(after, in->particles[k]))
                continue;
            if (found >= 0 && strcmp(in->cues[found].role, in->cues[c].role) != 0) {
                found = -2;
                break;
            }
            /* the longer body wins: 警察庁 over 警察 */
            if (found < 0 || strlen(body) > strlen(in->cues[found].body)) {
                found = (int)c;
                *at = hits[i].at;
                *len = strlen(body) + strlen(in->particles[k]);
            }
            break;
        }
    }
    if (hits != small)
        free(hits);
    return found;
}

/* The match keys of the attendees' roles, for holder(). NULL entries
 * where a key could not be made (as before caching: such a role matches
 * nothing). Caller frees with free_keys. */
static char **role_keys(const giji_meeting *m)
{
    char **keys = calloc(m->nattendees ? m->nattendees : 1, sizeof *keys);
    if (!keys) {
        GIJI_NOMEM();
        return NULL;
    }
    for (size_t i = 0; i < m->nattendees; i++)
        keys[i] = giji_match_key(m->attendees[i].role);
    return keys;
}

static void free_keys(char **keys, size_t n)
{
    if (!keys)
        return;
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
}

int giji_infer_meeting(const giji_inferrer *in, const giji_rules *rules, giji_meeting *m,
                       const char *const *norms, const size_t *lens)
{
    (void)rules;
    char **keys = NULL;   /* made on the first cue: most meetings have none */
    int rc = GIJI_OK;
    for (size_t i = 0; !rc && i < m->nremarks; i++) {
        giji_remark *r = &m->remarks[i];
        /* a remark with a label, even one that names nobody present, is
         * the minutes' word on who spoke: never guess over it */
        if (r->attribution != GIJI_ATTR_NONE || r->speaker >= 0 || r->speaker_label)
            continue;
        /* find_cue looks at the first in->reach code points of the key only */
        char *key = norms && norms[i] ? giji_match_key_prefix_nfkc(norms[i], lens[i], in->reach)
                                      : giji_match_key_prefix(r->text, strlen(r->text), in->reach);
        if (!key) {
            rc = GIJI_ENOMEM;
            break;
        }
        size_t at = 0, len = 0;
        int c = find_cue(in, key, &at, &len);
        if (c >= 0 && !keys && !(keys = role_keys(m)))
            rc = GIJI_ENOMEM;
        int who = !rc && c >= 0 ? holder(m, keys, &in->cues[c]) : -1;
        if (who >= 0) {
            r->speaker = who;
            r->attribution = GIJI_ATTR_INFERRED;
            free(r->cue);
            if (!(r->cue = giji_strndup(key + at, len)))
                rc = GIJI_ENOMEM;
        }
        free(key);
    }
    free_keys(keys, m->nattendees);
    return rc;
}
