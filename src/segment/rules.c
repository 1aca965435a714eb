/*
 * segment/rules.c — loads the segmenter's tables from data/ (eras, bodies,
 * titles, roles, section headings, phrases) and answers lookups in them.
 * Responsible for the file format (tab-separated, '#' comments) and for
 * errors naming file and line. Not responsible for using the facts.
 */
#include "segment/internal.h"
#include "giji/normalize.h"
#include "util/error.h"
#include "util/io.h"
#include "util/str.h"
#include "util/tsv.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const char *giji_data_dir(void)
{
    const char *env = getenv("GIJI_DATA");
    return (env && *env) ? env : GIJI_DATA_DIR;
}

typedef int (*row_fn)(giji_rules *r, const char *path, const giji_tsv_row *l);

static int grow(void **arr, size_t n, size_t size)
{
    /* Tables are small: grow by one slot at a time through doubling sizes. */
    if ((n & (n - 1)) == 0) {
        size_t cap = n ? n * 2 : 8;
        void *p = realloc(*arr, cap * size);
        if (!p)
            return GIJI_NOMEM();
        *arr = p;
    }
    return GIJI_OK;
}

typedef struct table_ctx { giji_rules *r; row_fn fn; } table_ctx;

static int table_row(void *ctx, const giji_tsv_row *row)
{
    table_ctx *t = ctx;
    return t->fn(t->r, row->path, row);
}

static int load_table(giji_rules *r, const char *dir, const char *file, int min_fields,
                      int max_fields, row_fn fn)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    table_ctx t = {r, fn};
    return giji_tsv_each(path, min_fields, max_fields, table_row, &t);
}

static int parse_iso(const char *s, int out[3])
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%d-%d-%d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    out[0] = y; out[1] = m; out[2] = d;
    return 0;
}

static int era_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    if (grow((void **)&r->eras, r->neras, sizeof *r->eras))
        return GIJI_ENOMEM;
    era_row *e = &r->eras[r->neras];
    memset(e, 0, sizeof *e);
    if (parse_iso(l->f[2], e->first) != 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: first day '%s' is not YYYY-MM-DD", path, l->line, l->f[2]);
    if (l->n > 3 && l->f[3][0]) {
        if (parse_iso(l->f[3], e->last) != 0)
            return giji_error_set(GIJI_EINVAL, "%s:%u: last day '%s' is not YYYY-MM-DD", path, l->line, l->f[3]);
    } else {
        e->open = 1;
    }
    e->name = giji_match_key(l->f[0]);
    e->abbr = giji_match_key(l->f[1]);
    r->neras++;
    return (e->name && e->abbr) ? GIJI_OK : GIJI_ENOMEM;
}

static int body_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    if (grow((void **)&r->bodies, r->nbodies, sizeof *r->bodies))
        return GIJI_ENOMEM;
    body_row *b = &r->bodies[r->nbodies++];
    b->body = giji_match_key(l->f[0]);
    b->parent = (l->n > 1 && l->f[1][0]) ? giji_match_key(l->f[1]) : NULL;
    return b->body ? GIJI_OK : GIJI_ENOMEM;
}

static unsigned parse_classes(const char *s)
{
    unsigned c = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "minister")) c |= GIJI_CLASS_MINISTER;
        else if (!strcmp(t, "vice-minister")) c |= GIJI_CLASS_VICE_MINISTER;
        else if (!strcmp(t, "secretary")) c |= GIJI_CLASS_SECRETARY;
        else if (!strcmp(t, "official")) c |= GIJI_CLASS_OFFICIAL;
        else if (!strcmp(t, "expert")) c |= GIJI_CLASS_EXPERT;
        else if (!strcmp(t, "any")) c |= GIJI_CLASS_ANY;
        else return 0;
    }
    return c;
}

static int title_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    if (grow((void **)&r->titles, r->ntitles, sizeof *r->titles))
        return GIJI_ENOMEM;
    title_row *t = &r->titles[r->ntitles];
    memset(t, 0, sizeof *t);
    const char *holder = l->f[2];
    if (giji_str_starts(holder, "role:")) {
        t->role = giji_match_key(holder + 5);
        if (!t->role)
            return GIJI_ENOMEM;
    } else if (giji_str_starts(holder, "class:")) {
        t->classes = parse_classes(holder + 6);
        if (!t->classes)
            return giji_error_set(GIJI_EINVAL, "%s:%u: unknown class in '%s' (minister, vice-minister, secretary, official, expert, any)",
                                  path, l->line, holder);
    } else {
        return giji_error_set(GIJI_EINVAL, "%s:%u: holder '%s' must be role:ROLE or class:CLASSES",
                              path, l->line, holder);
    }
    if (l->n > 3 && l->f[3][0]) {
        if (strcmp(l->f[3], "chair") != 0)
            return giji_error_set(GIJI_EINVAL, "%s:%u: fourth field must be 'chair' or empty, not '%s'",
                                  path, l->line, l->f[3]);
        t->chair = 1;
    }
    t->body = giji_match_key(l->f[0]);
    t->title = giji_match_key(l->f[1]);
    r->ntitles++;
    return (t->body && t->title) ? GIJI_OK : GIJI_ENOMEM;
}

static int role_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    unsigned c = parse_classes(l->f[1]);
    if (!c || c == GIJI_CLASS_ANY)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown class '%s'", path, l->line, l->f[1]);
    if (grow((void **)&r->roles, r->nroles, sizeof *r->roles))
        return GIJI_ENOMEM;
    role_row *row = &r->roles[r->nroles++];
    row->cls = c;
    row->pattern = giji_match_key(l->f[0]);
    return row->pattern ? GIJI_OK : GIJI_ENOMEM;
}

static int section_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    static const char *names[] = {"", "date", "place", "attendees", "proceedings", "agenda", "other"};
    int sec = -1;
    for (int i = 1; i < (int)(sizeof names / sizeof *names); i++)
        if (!strcmp(l->f[1], names[i]))
            sec = i;
    if (sec < 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown section '%s'", path, l->line, l->f[1]);
    if (grow((void **)&r->sections, r->nsections, sizeof *r->sections))
        return GIJI_ENOMEM;
    section_row *s = &r->sections[r->nsections++];
    s->section = sec;
    s->heading = giji_match_key(l->f[0]);
    return s->heading ? GIJI_OK : GIJI_ENOMEM;
}

/* The phrases grouped by kind, each kind in file order (the first of
 * several equally long matches stays the one the file gives first). */
static int by_kind(const void *a, const void *b)
{
    const phrase_row *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->sub < y->sub ? -1 : x->sub > y->sub; /* never equal: see below */
}

static int index_phrases(giji_rules *r)
{
    /* qsort is not stable: sort on (kind, file position), the position kept
     * in `sub` meanwhile */
    int *sub = malloc((r->nphrases + 1) * sizeof *sub);
    if (!sub)
        return GIJI_NOMEM();
    for (size_t i = 0; i < r->nphrases; i++) {
        sub[i] = r->phrases[i].sub;
        r->phrases[i].sub = (int)i;
        r->phrases[i].len = strlen(r->phrases[i].phrase);
    }
    if (r->nphrases)
        qsort(r->phrases, r->nphrases, sizeof *r->phrases, by_kind);
    for (size_t i = 0; i < r->nphrases; i++)
        r->phrases[i].sub = sub[r->phrases[i].sub];
    free(sub);
    size_t i = 0;
    for (int k = 0; k <= GIJI_PH_COUNT; k++) {
        while (i < r->nphrases && r->phrases[i].kind < k)
            i++;
        r->kind_first[k] = i;
    }
    return GIJI_OK;
}

static int phrase_row_fn(giji_rules *r, const char *path, const giji_tsv_row *l)
{
    static const char *kinds[GIJI_PH_COUNT] = {"doc", "sub", "block", "opener", "procedural",
                                                "group", "proxy", "absent", "end", "rolesuffix",
                                                "honorific", "notsession", "listintro", "office", "stage", "several", "ditto",
                                                "affiliation", "colhead", "qa", "joint", "furniture", "attendnote", "bodyend", "bodyname"};
    static const char *subs[] = {"", "greeting", "discussion", "decision", "explanation"};
    int kind = -1, sub = 0;
    for (int i = 0; i < GIJI_PH_COUNT; i++)
        if (!strcmp(l->f[0], kinds[i]))
            kind = i;
    if (kind < 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown phrase kind '%s'", path, l->line, l->f[0]);
    char phrase[512];
    snprintf(phrase, sizeof phrase, "%s", l->f[1]);
    if (kind == GIJI_PH_SUB) {
        char *eq = strchr(phrase, '=');
        if (eq) {
            *eq = '\0';
            for (int i = 1; i < 5; i++)
                if (!strcmp(eq + 1, subs[i]))
                    sub = i;
        }
        if (!sub)
            return giji_error_set(GIJI_EINVAL, "%s:%u: sub phrase must be KEYWORD=greeting|discussion|decision|explanation",
                                  path, l->line);
    }
    if (grow((void **)&r->phrases, r->nphrases, sizeof *r->phrases))
        return GIJI_ENOMEM;
    phrase_row *p = &r->phrases[r->nphrases++];
    p->kind = kind;
    p->sub = sub;
    p->phrase = giji_match_key(phrase);
    return p->phrase ? GIJI_OK : GIJI_ENOMEM;
}

int giji_rules_load(const char *datadir, giji_rules **out)
{
    *out = NULL;
    if (!datadir)
        datadir = giji_data_dir();
    giji_rules *r = calloc(1, sizeof *r);
    if (!r)
        return GIJI_NOMEM();
    int rc;
    if ((rc = load_table(r, datadir, "eras.tsv", 3, 4, era_row_fn)) ||
        (rc = load_table(r, datadir, "bodies.tsv", 1, 2, body_row_fn)) ||
        (rc = load_table(r, datadir, "titles.tsv", 3, 4, title_row_fn)) ||
        (rc = load_table(r, datadir, "roles.tsv", 2, 2, role_row_fn)) ||
        (rc = load_table(r, datadir, "sections.tsv", 2, 2, section_row_fn)) ||
        (rc = load_table(r, datadir, "phrases.tsv", 2, 2, phrase_row_fn)) || (rc = index_phrases(r))) {
        giji_rules_free(r);
        return rc;
    }
    *out = r;
    return GIJI_OK;
}

void giji_rules_free(giji_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->neras; i++) { free(r->eras[i].name); free(r->eras[i].abbr); }
    for (size_t i = 0; i < r->nbodies; i++) { free(r->bodies[i].body); free(r->bodies[i].parent); }
    for (size_t i = 0; i < r->ntitles; i++) {
        free(r->titles[i].body); free(r->titles[i].title); free(r->titles[i].role);
    }
    for (size_t i = 0; i < r->nroles; i++) free(r->roles[i].pattern);
    for (size_t i = 0; i < r->nsections; i++) free(r->sections[i].heading);
    for (size_t i = 0; i < r->nphrases; i++) free(r->phrases[i].phrase);
    free(r->eras); free(r->bodies); free(r->titles); free(r->roles);
    free(r->sections); free(r->phrases);
    free(r);
}

unsigned giji_rules_role_class(const giji_rules *r, const char *role_key)
{
    for (size_t i = 0; i < r->nroles; i++)
        if (fnmatch(r->roles[i].pattern, role_key, FNM_NOESCAPE) == 0)
            return r->roles[i].cls;
    return GIJI_CLASS_EXPERT;
}

const title_row *giji_rules_title(const giji_rules *r, const char *body_key, const char *title_key)
{
    const title_row *fallback = NULL;
    for (size_t i = 0; i < r->ntitles; i++) {
        const title_row *t = &r->titles[i];
        if (strcmp(t->title, title_key) != 0)
            continue;
        if (body_key && !strcmp(t->body, body_key))
            return t;
        if (!strcmp(t->body, "*") && !fallback)
            fallback = t;
    }
    return fallback;
}

const title_row *giji_rules_title_suffix(const giji_rules *r, const char *body_key, const char *key)
{
    const title_row *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < r->ntitles; i++) {
        const title_row *t = &r->titles[i];
        size_t n = strlen(t->title);
        if (n < best_len || !giji_str_ends(key, t->title))
            continue;
        int own = body_key && !strcmp(t->body, body_key);
        if (!own && strcmp(t->body, "*") != 0)
            continue;
        /* The body's own row beats the "*" row for the same title. */
        if (n > best_len || (own && best && !strcmp(best->body, "*"))) {
            best = giji_rules_title(r, body_key, t->title);
            best_len = n;
        }
    }
    return best;
}

const phrase_row *giji_rules_phrase_in(const giji_rules *r, int kind, const char *key)
{
    const phrase_row *best = NULL;
    for (size_t i = r->kind_first[kind]; i < r->kind_first[kind + 1]; i++) {
        const phrase_row *p = &r->phrases[i];
        if ((!best || p->len > best->len) && strstr(key, p->phrase))
            best = p;
    }
    return best;
}

int giji_rules_phrase_is(const giji_rules *r, int kind, const char *key)
{
    for (size_t i = r->kind_first[kind]; i < r->kind_first[kind + 1]; i++)
        if (!strcmp(key, r->phrases[i].phrase))
            return 1;
    return 0;
}

const phrase_row *giji_rules_phrase_suffix(const giji_rules *r, int kind, const char *key)
{
    const phrase_row *best = NULL;
    size_t kn = strlen(key);
    for (size_t i = r->kind_first[kind]; i < r->kind_first[kind + 1]; i++) {
        const phrase_row *p = &r->phrases[i];
        if ((!best || p->len > best->len) && p->len <= kn && !memcmp(key + kn - p->len, p->phrase, p->len))
            best = p;
    }
    return best;
}

size_t giji_rules_honorific(const giji_rules *r, const char *key)
{
    const phrase_row *h = giji_rules_phrase_suffix(r, GIJI_PH_HONORIFIC, key);
    return h && strlen(key) > h->len ? h->len : 0;
}

const char *giji_rules_parent(const giji_rules *r, const char *body_key)
{
    for (size_t i = 0; i < r->nbodies; i++)
        if (!strcmp(r->bodies[i].body, body_key))
            return r->bodies[i].parent;
    return NULL;
}
