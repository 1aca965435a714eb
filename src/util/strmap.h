/*
 * util/strmap.h — an open-addressing hash map from strings to ints.
 * Keys are copied (the map owns them). Responsible for lookup only; no
 * iteration order is promised.
 */
#ifndef GIJI_UTIL_STRMAP_H
#define GIJI_UTIL_STRMAP_H

#include <stddef.h>

typedef struct giji_strmap {
    char **keys;
    int *vals;
    size_t cap, n;
} giji_strmap;

/* Value for key, or -1. */
int giji_strmap_get(const giji_strmap *m, const char *key);
/* Insert or replace. GIJI_OK or GIJI_ENOMEM. */
int giji_strmap_put(giji_strmap *m, const char *key, int val);
void giji_strmap_free(giji_strmap *m);

#endif
