/*
 * test_sha256.c — util/sha256 against the FIPS 180-4 / NIST example vectors
 * and lengths around the padding boundaries (55/56/63/64/65/119/120 bytes,
 * where the length field does or does not fit in the last block).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"

/* Every digest three ways: giji_sha256_hex, the portable code alone and
 * the SHA extensions (the portable code again on a processor without
 * them; giji_sha256_accelerated says which, printed by main). */
static void check(const void *data, size_t len, const char *want)
{
    char got[65];
    memset(got, '?', sizeof got);
    giji_sha256_hex(data, len, got);
    assert_string_equal(got, want);
    for (int accel = 0; accel < 2; accel++) {
        memset(got, '?', sizeof got);
        giji_sha256_hex_with(data, len, got, accel);
        assert_string_equal(got, want);
    }
}

static void test_nist_vectors(void **state)
{
    (void)state;
    check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check(NULL, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    check(m448, strlen(m448), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    check(m896, strlen(m896), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void test_million_a(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *a = malloc(n);
    assert_non_null(a);
    memset(a, 'a', n);
    check(a, n, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

static void test_padding_boundaries(void **state)
{
    (void)state;
    /* Digests of n 'x' bytes, from coreutils sha256sum. */
    static const struct { size_t n; const char *hex; } v[] = {
        {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
        {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
        {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
        {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
        {65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"},
        {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
        {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"},
    };
    char buf[128];
    memset(buf, 'x', sizeof buf);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        check(buf, v[i].n, v[i].hex);
}

static void test_binary_and_utf8(void **state)
{
    (void)state;
    /* Bytes >= 0x80 and NUL must be hashed as unsigned bytes. */
    static const unsigned char bin[] = {0x00, 0xff, 0x80, 0x7f};
    check(bin, sizeof bin, "049426b578cc61154a0dffb6e0fe305e12ac496d6e36e0d833d55fffc363fa51");
    const char *name = "\xe8\x8f\x85 \xe7\xbe\xa9\xe5\x81\x89"; /* 菅 義偉 */
    check(name, strlen(name), "91fda3a4baf012e09489d3177a5af4a173b5a082f58c30649ae0ab066650f8fc");
}

/* The two implementations agree on every length from 0 to 1,100 bytes
 * (every tail, one to seventeen blocks) of pseudo-random bytes, at every
 * alignment of the start. */
static void test_accelerated_matches_portable(void **state)
{
    (void)state;
    enum { N = 1100 };
    unsigned char *buf = malloc(N + 16);
    assert_non_null(buf);
    unsigned seed = 1;
    for (size_t i = 0; i < N + 16; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (unsigned char)(seed >> 16);
    }
    char a[65], b[65];
    for (size_t off = 0; off < 16; off += 5)
        for (size_t n = 0; n <= N; n++) {
            giji_sha256_hex_with(buf + off, n, a, 0);
            giji_sha256_hex_with(buf + off, n, b, 1);
            assert_string_equal(a, b);
        }
    free(buf);
}

int main(void)
{
    printf("test_sha256: SHA extensions %s\n", giji_sha256_accelerated() ? "used" : "not available: portable code only");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nist_vectors),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_padding_boundaries),
        cmocka_unit_test(test_binary_and_utf8),
        cmocka_unit_test(test_accelerated_matches_portable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
