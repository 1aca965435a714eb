/*
 * util/array.c — giji_array_grow (util/array.h).
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
