/*
 * extract/gazetteer.c — loads the gazetteer: every .tsv file of
 * data/gazetteer/ (in name order), then the user's --gazetteer files.
 * Line format: type <TAB> canonical name <TAB> aliases separated by | <TAB> parent
 * An alias written "~基本法" is contextual: it names the entity only after the
 * entity was named in full earlier in the same meeting. Type "generic" lists
 * phrases that are not names (関係省庁), so that nothing inside them matches.
 * A later line with the same canonical name and type adds aliases (so users
 * can extend an entry); every other clash is an error naming both places.
 * Not responsible for matching (extract.c, automaton.c).
 */
#include "extract/internal.h"
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/io.h"
#include "util/str.h"
#include "util/tsv.h"
#include "util/strmap.h"
#include "util/utf8.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int giji_match_form(const char *s, uint32_t **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char *norm = giji_nfkc(s, strlen(s));
    if (!norm)
        return giji_error_last() ? giji_error_last() : GIJI_ENOMEM;
    size_t len = strlen(norm), i = 0, k = 0;
    uint32_t *cps = malloc((len + 1) * sizeof *cps);
    if (!cps) {
        free(norm);
        return GIJI_NOMEM();
    }
    while (i < len) {
        uint32_t cp;
        size_t step = giji_utf8_decode(norm + i, len - i, &cp);
        if (!step) { step = 1; cp = 0xFFFD; }
        i += step;
        cp = giji_fold_cp(cp);
        if (cp == ' ' && (k == 0 || cps[k - 1] == ' '))
            continue;
        cps[k++] = cp;
    }
    while (k && cps[k - 1] == ' ')
        k--;
    free(norm);
    *out = cps;
    *n = k;
    return GIJI_OK;
}

/* The lookup key of a name: its match form as UTF-8 (caller frees). */
static char *key_of(const char *name)
{
    uint32_t *cps;
    size_t n;
    if (giji_match_form(name, &cps, &n))
        return NULL;
    giji_buf b = {0};
    for (size_t i = 0; i < n; i++)
        if (giji_buf_put_cp(&b, cps[i])) {
            free(cps);
            giji_buf_free(&b);
            return NULL;
        }
    free(cps);
    return giji_buf_steal(&b);
}

static int find_entity(const giji_gazetteer *g, const char *name)
{
    char *key = key_of(name);
    int at = key ? giji_strmap_get(&g->index, key) : -1;
    free(key);
    return at;
}

static int add_alias(gz_entity *e, const char *alias, size_t len)
{
    size_t b, end;
    giji_str_trim_range(alias, len, &b, &end);
    if (end == b)
        return GIJI_OK;
    char *a = giji_strndup(alias + b, end - b);
    if (!a)
        return GIJI_ENOMEM;
    for (size_t i = 0; i < e->naliases; i++)
        if (!strcmp(e->aliases[i], a)) {
            free(a);
            return GIJI_OK;
        }
    char **p = realloc(e->aliases, (e->naliases + 1) * sizeof *p);
    if (!p) {
        free(a);
        return GIJI_NOMEM();
    }
    e->aliases = p;
    e->aliases[e->naliases++] = a;
    return GIJI_OK;
}

static int add_aliases(gz_entity *e, const char *list)
{
    const char *s = list;
    while (*s) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        int rc = add_alias(e, s, n);
        if (rc)
            return rc;
        s += n + (bar ? 1 : 0);
    }
    return GIJI_OK;
}

static int parse_row(void *ctx, const giji_tsv_row *row)
{
    giji_gazetteer *g = ctx;
    const char *file = row->path;
    unsigned lineno = row->line;
    char *const *f = row->f;
    int nf = row->n;
    int type = giji_entity_type_parse(f[0]);
    if (type < 0 && !strcmp(f[0], "generic"))
        type = GIJI_ENT_GENERIC;
    if (type < 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown type '%s' (ministry, isac, law, policy, event, country, org, topic, generic)",
                              file, lineno, f[0]);
    size_t b, e;
    giji_str_trim_range(f[1], strlen(f[1]), &b, &e);
    if (e == b)
        return giji_error_set(GIJI_EINVAL, "%s:%u: empty name", file, lineno);
    f[1][e] = '\0';
    const char *name = f[1] + b;
    int at = find_entity(g, name);
    gz_entity *ent;
    if (at >= 0) {
        ent = &g->e[at];
        if (ent->type != type)
            return giji_error_set(GIJI_EINVAL, "%s:%u: '%s' is already a %s (%s:%u)", file, lineno, name,
                                  ent->type == GIJI_ENT_GENERIC ? "generic phrase"
                                                                : giji_entity_type_name(ent->type),
                                  ent->file, ent->line);
        if (ent->file == file) /* same file: a plain duplicate */
            return giji_error_set(GIJI_EINVAL, "%s:%u: '%s' is listed twice (first at line %u)", file, lineno,
                                  name, ent->line);
    } else {
        if (g->n == g->cap) {
            size_t cap = g->cap ? g->cap * 2 : 256;
            gz_entity *p = realloc(g->e, cap * sizeof *p);
            if (!p)
                return GIJI_NOMEM();
            g->e = p;
            g->cap = cap;
        }
        ent = &g->e[g->n];
        memset(ent, 0, sizeof *ent);
        ent->name = giji_strdup(name);
        char *key = key_of(name);
        int rc = (ent->name && key) ? giji_strmap_put(&g->index, key, (int)g->n) : GIJI_ENOMEM;
        free(key);
        if (rc) {
            free(ent->name);
            return GIJI_ENOMEM;
        }
        ent->type = type;
        ent->parent_idx = -1;
        ent->file = file;
        ent->line = lineno;
        g->n++;
    }
    if (nf > 2 && add_aliases(ent, f[2]))
        return GIJI_ENOMEM;
    if (nf > 3) {
        giji_str_trim_range(f[3], strlen(f[3]), &b, &e);
        if (e > b) {
            f[3][e] = '\0';
            free(ent->parent);
            if (!(ent->parent = giji_strdup(f[3] + b)))
                return GIJI_ENOMEM;
        }
    }
    return GIJI_OK;
}

static int load_file(giji_gazetteer *g, const char *path)
{
    /* keep the path: entities point to it for their messages */
    char **files = realloc(g->files, (g->nfiles + 1) * sizeof *files);
    if (!files)
        return GIJI_NOMEM();
    g->files = files;
    if (!(g->files[g->nfiles] = giji_strdup(path)))
        return GIJI_ENOMEM;
    const char *file = g->files[g->nfiles++];
    return giji_tsv_each(file, 2, 4, parse_row, g);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(giji_gazetteer *g, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return giji_error_set(GIJI_EIO, "%s: cannot open the gazetteer directory", dir);
    char **names = NULL;
    size_t n = 0;
    int rc = GIJI_OK;
    struct dirent *de;
    while (!rc && (de = readdir(d))) {
        if (!giji_str_ends(de->d_name, ".tsv") || de->d_name[0] == '.')
            continue;
        char **p = realloc(names, (n + 1) * sizeof *p);
        if (!p) {
            rc = GIJI_NOMEM();
            break;
        }
        names = p;
        giji_buf path = {0};
        if (giji_buf_printf(&path, "%s/%s", dir, de->d_name)) {
            rc = GIJI_ENOMEM;
            break;
        }
        names[n++] = giji_buf_steal(&path);
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            rc = load_file(g, names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Parents by name; aliases must not name two entities. */
static int resolve(giji_gazetteer *g)
{
    for (size_t i = 0; i < g->n; i++) {
        gz_entity *e = &g->e[i];
        if (!e->parent)
            continue;
        e->parent_idx = find_entity(g, e->parent);
        if (e->parent_idx < 0)
            return giji_error_set(GIJI_EINVAL, "%s:%u: parent '%s' of '%s' is not in the gazetteer",
                                  e->file, e->line, e->parent, e->name);
        if (e->parent_idx == (int)i)
            return giji_error_set(GIJI_EINVAL, "%s:%u: '%s' is its own parent", e->file, e->line, e->name);
    }
    return GIJI_OK;
}

int giji_gazetteer_load(const char *datadir, const char *const *extra, size_t nextra,
                        giji_gazetteer **out)
{
    *out = NULL;
    if (!datadir)
        datadir = giji_data_dir();
    giji_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return GIJI_NOMEM();
    giji_buf dir = {0};
    int rc = giji_buf_printf(&dir, "%s/gazetteer", datadir);
    if (!rc)
        rc = load_dir(g, dir.data);
    giji_buf_free(&dir);
    for (size_t i = 0; !rc && i < nextra; i++)
        rc = load_file(g, extra[i]);
    if (!rc)
        rc = resolve(g);
    if (rc) {
        giji_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return GIJI_OK;
}

void giji_gazetteer_free(giji_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        free(g->e[i].name);
        free(g->e[i].parent);
        for (size_t k = 0; k < g->e[i].naliases; k++)
            free(g->e[i].aliases[k]);
        free(g->e[i].aliases);
    }
    free(g->e);
    for (size_t i = 0; i < g->nfiles; i++)
        free(g->files[i]);
    free(g->files);
    giji_strmap_free(&g->index);
    free(g);
}

size_t giji_gazetteer_size(const giji_gazetteer *g, size_t *nnames)
{
    if (nnames) {
        *nnames = g->n;
        for (size_t i = 0; i < g->n; i++)
            *nnames += g->e[i].naliases;
    }
    return g->n;
}
