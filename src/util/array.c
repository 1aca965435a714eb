/*
 * util/array.c — giji_array_grow, giji_array_lower_bound and giji_cmp_ll
 * (util/array.h).
 */
#include "util/array.h"

#include "util/error.h"

#include <stdlib.h>
#include <string.h>

int giji_array_grow(void *arrp, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return GIJI_OK;
    size_t ncap = *cap ? *cap * 2 : 8;
    if (ncap > ((size_t)-1) / elem)
        return GIJI_NOMEM();
    /* Read and write the caller's pointer with memcpy so that no T** is
     * accessed as void**. */
    void *old;
    memcpy(&old, arrp, sizeof old);
    void *p = realloc(old, ncap * elem);
    if (!p)
        return GIJI_NOMEM();
    memcpy(arrp, &p, sizeof p);
    *cap = ncap;
    return GIJI_OK;
}

size_t giji_array_lower_bound(const void *base, size_t n, size_t elem, size_t offset, long long key)
{
    const char *b = base;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        long long k;
        memcpy(&k, b + mid * elem + offset, sizeof k);
        if (k < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int giji_cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}
