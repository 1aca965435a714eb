/*
 * util/array.h — growing a caller's array by doubling, for every stage that
 * collects rows, nodes or edges of unknown number.
 */
#ifndef GIJI_UTIL_ARRAY_H
#define GIJI_UTIL_ARRAY_H

#include <stddef.h>

/* Make room for element n of the array *arrp (any T **, passed as &ptr)
 * holding *cap elements of `elem` bytes: nothing when n < *cap, else
 * realloc to double the capacity (8 at first). GIJI_OK, or GIJI_ENOMEM with
 * the array unchanged. The array is the caller's to free. */
int giji_array_grow(void *arrp, size_t *cap, size_t n, size_t elem);

#endif
