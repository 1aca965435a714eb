/*
 * test_array.c — util/array: growing by doubling, and the lower bound of an
 * id in rows sorted by it (empty, before, between, after, duplicates, a key
 * that is not the first field).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "util/array.h"
#include "util/error.h"

typedef struct row {
    int pad;
    long long key;
    char tag;
} row;

static void test_lower_bound(void **state)
{
    (void)state;
    row r[] = {{0, 2, 'a'}, {0, 4, 'b'}, {0, 4, 'c'}, {0, 9, 'd'}};
    size_t n = sizeof r / sizeof *r, off = offsetof(row, key);
    assert_int_equal(giji_array_lower_bound(r, 0, sizeof *r, off, 4), 0);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 1), 0);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 2), 0);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 3), 1);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 4), 1); /* the first of equals */
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 5), 3);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 9), 3);
    assert_int_equal(giji_array_lower_bound(r, n, sizeof *r, off, 10), n);
    long long plain[] = {-5, 0, 7};
    assert_int_equal(giji_array_lower_bound(plain, 3, sizeof *plain, 0, 0), 1);
    assert_int_equal(giji_array_lower_bound(plain, 3, sizeof *plain, 0, -9), 0);
}

static void test_grow(void **state)
{
    (void)state;
    int *a = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 100; i++) {
        assert_int_equal(giji_array_grow(&a, &cap, i, sizeof *a), GIJI_OK);
        assert_true(cap > i);
        a[i] = (int)i;
    }
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(a[i], (int)i);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lower_bound),
        cmocka_unit_test(test_grow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
