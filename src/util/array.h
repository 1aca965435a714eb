/*
 * util/array.h — growing a caller's array by doubling, for every stage that
 * collects rows, nodes or edges of unknown number; and finding a key in an
 * array of rows sorted by an id; ordering ids.
 */
#ifndef GIJI_UTIL_ARRAY_H
#define GIJI_UTIL_ARRAY_H

#include <stddef.h>

/* Make room for element n of the array *arrp (any T **, passed as &ptr)
 * holding *cap elements of `elem` bytes: nothing when n < *cap, else
 * realloc to double the capacity (8 at first). GIJI_OK, or GIJI_ENOMEM with
 * the array unchanged. The array is the caller's to free. */
int giji_array_grow(void *arrp, size_t *cap, size_t n, size_t elem);

/* The first index of base[0..n) (elements of `elem` bytes, sorted ascending
 * by the long long at byte `offset` of each) whose key is not below `key`;
 * n when every key is below. A binary search: the callers look up ids in
 * arrays of tens of thousands of rows. Use offsetof(T, field). */
size_t giji_array_lower_bound(const void *base, size_t n, size_t elem, size_t offset, long long key);

/* qsort comparator of long longs (ids), ascending. */
int giji_cmp_ll(const void *a, const void *b);

#endif
