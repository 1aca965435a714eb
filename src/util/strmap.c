/* util/strmap.c — string -> int hash map (see strmap.h). FNV-1a, linear probing. */
#include "util/strmap.h"
#include "util/error.h"
#include "util/str.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static size_t slot(const giji_strmap *m, const char *key)
{
    size_t i = (size_t)(hash(key) & (m->cap - 1));
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

int giji_strmap_get(const giji_strmap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = slot(m, key);
    return m->keys[i] ? m->vals[i] : -1;
}

static int grow(giji_strmap *m)
{
    giji_strmap bigger = {0};
    bigger.cap = m->cap ? m->cap * 2 : 64;
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
    if (!bigger.keys || !bigger.vals) {
        free(bigger.keys);
        free(bigger.vals);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t j = slot(&bigger, m->keys[i]);
            bigger.keys[j] = m->keys[i];
            bigger.vals[j] = m->vals[i];
        }
    bigger.n = m->n;
    free(m->keys);
    free(m->vals);
    *m = bigger;
    return GIJI_OK;
}

int giji_strmap_put(giji_strmap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap && grow(m))
        return GIJI_ENOMEM;
    size_t i = slot(m, key);
    if (!m->keys[i]) {
        if (!(m->keys[i] = giji_strdup(key)))
            return GIJI_ENOMEM;
        m->n++;
    }
    m->vals[i] = val;
    return GIJI_OK;
}

void giji_strmap_free(giji_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
