/*
 * test_decode.c — decode/: BOM and line-end handling, UTF-16, CP932 and EUC-JP
 * detection (bytes made with iconv from UTF-8 strings, and a CP932 copy of a
 * real sample), and every rejection with its message and byte offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "giji/decode.h"
#include "giji/error.h"
#include "util/io.h"

#define SAMPLE_000 GIJI_TEST_DATA "/minutes/000_329f7531fe1d3291.txt"

/* Convert a UTF-8 string to `to` with iconv; the test owns the result. */
static unsigned char *encode_as(const char *to, const char *utf8, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = len * 2 + 16;
    unsigned char *buf = malloc(cap);
    assert_non_null(buf);
    char *in = (char *)utf8, *out = (char *)buf;
    size_t inleft = len, outleft = cap;
    assert_int_not_equal(iconv(cd, &in, &inleft, &out, &outleft), (size_t)-1);
    iconv_close(cd);
    *outlen = cap - outleft;
    return buf;
}

static void decode_ok(const char *in, size_t len, const char *want, giji_text *t)
{
    assert_int_equal(giji_decode("t.txt", (const unsigned char *)in, len, t), GIJI_OK);
    assert_non_null(t->text);
    assert_string_equal(t->text, want);
    assert_int_equal(t->len, strlen(want));
}

static void decode_fails(const void *in, size_t len, const char *want_message)
{
    giji_text t;
    giji_error_clear();
    assert_int_equal(giji_decode("t.txt", in, len, &t), GIJI_EDECODE);
    assert_int_equal(giji_error_last(), GIJI_EDECODE);
    assert_string_equal(giji_error_message(), want_message);
    assert_null(t.text);
}

static void test_plain_utf8(void **state)
{
    (void)state;
    giji_text t;
    decode_ok("第11回会合 議事概要\n", strlen("第11回会合 議事概要\n"), "第11回会合 議事概要\n", &t);
    assert_int_equal(t.encoding, GIJI_ENC_UTF8);
    assert_int_equal(t.had_bom, 0);
    assert_int_equal(t.crlf, 0);
    giji_text_free(&t);
}

static void test_bom(void **state)
{
    (void)state;
    giji_text t;
    const char in[] = "\xEF\xBB\xBF" "議事概要\n";
    decode_ok(in, sizeof in - 1, "議事概要\n", &t);
    assert_int_equal(t.had_bom, 1);
    assert_int_equal(t.encoding, GIJI_ENC_UTF8);
    giji_text_free(&t);
}

static void test_crlf_and_cr(void **state)
{
    (void)state;
    giji_text t;
    decode_ok("a\r\nb\r\n", 6, "a\nb\n", &t);
    assert_int_equal(t.crlf, 1);
    giji_text_free(&t);
    decode_ok("a\rb\r", 4, "a\nb\n", &t);
    assert_int_equal(t.crlf, 1);
    giji_text_free(&t);
    /* CRLF then a lone CR: two line ends, not one. */
    decode_ok("a\r\n\rb", 5, "a\n\nb", &t);
    giji_text_free(&t);
    const char bom_crlf[] = "\xEF\xBB\xBF" "一\r\n二";
    decode_ok(bom_crlf, sizeof bom_crlf - 1, "一\n二", &t);
    assert_int_equal(t.had_bom, 1);
    assert_int_equal(t.crlf, 1);
    giji_text_free(&t);
}

static const char JAPANESE[] =
    "本日、御議論いただきたいのは次の2点である。\n"
    "○（野原本部員）大きく2点申し上げる。ｶﾞｲﾄﾞﾗｲﾝ\n";

static void test_cp932(void **state)
{
    (void)state;
    size_t n;
    unsigned char *sj = encode_as("CP932", JAPANESE, strlen(JAPANESE), &n);
    giji_text t;
    assert_int_equal(giji_decode("t.txt", sj, n, &t), GIJI_OK);
    assert_int_equal(t.encoding, GIJI_ENC_CP932);
    assert_string_equal(t.text, JAPANESE);
    giji_text_free(&t);
    free(sj);

    /* B1 B2 81 97 is "ｱｲ＠" in CP932, but also valid EUC-JP: a kanji and two
     * C1 controls, which scores higher on kanji. C1 controls rule it out. */
    const unsigned char kana_at[] = {0xB1, 0xB2, 0x81, 0x97};
    assert_int_equal(giji_decode("t.txt", kana_at, sizeof kana_at, &t), GIJI_OK);
    assert_int_equal(t.encoding, GIJI_ENC_CP932);
    assert_string_equal(t.text, "ｱｲ＠");
    giji_text_free(&t);

    /* Hard-coded: "日本" in Shift_JIS with a CRLF. */
    const unsigned char nihon[] = {0x93, 0xFA, 0x96, 0x7B, '\r', '\n'};
    assert_int_equal(giji_decode("t.txt", nihon, sizeof nihon, &t), GIJI_OK);
    assert_int_equal(t.encoding, GIJI_ENC_CP932);
    assert_string_equal(t.text, "日本\n");
    assert_int_equal(t.crlf, 1);
    giji_text_free(&t);
}

static void test_eucjp(void **state)
{
    (void)state;
    /* EUC-JP bytes are often valid CP932 too (as half-width katakana and odd
     * kanji); the Japanese score must still pick EUC-JP. */
    const char *s = "本日、御議論いただきたいのは次の2点である。\n";
    size_t n;
    unsigned char *eu = encode_as("EUC-JP", s, strlen(s), &n);
    giji_text t;
    assert_int_equal(giji_decode("t.txt", eu, n, &t), GIJI_OK);
    assert_int_equal(t.encoding, GIJI_ENC_EUCJP);
    assert_string_equal(t.text, s);
    giji_text_free(&t);
    free(eu);

    /* Hard-coded: "日本" in EUC-JP. */
    const unsigned char nihon[] = {0xC6, 0xFC, 0xCB, 0xDC, '\n'};
    assert_int_equal(giji_decode("t.txt", nihon, sizeof nihon, &t), GIJI_OK);
    assert_int_equal(t.encoding, GIJI_ENC_EUCJP);
    assert_string_equal(t.text, "日本\n");
    giji_text_free(&t);
}

/* A CP932 copy of a real sample decodes to exactly what the UTF-8 original
 * decodes to. */
static void test_cp932_sample(void **state)
{
    (void)state;
    unsigned char *raw;
    size_t len;
    assert_int_equal(giji_file_read(SAMPLE_000, &raw, &len), GIJI_OK);
    giji_text want, got;
    assert_int_equal(giji_decode("000.txt", raw, len, &want), GIJI_OK);
    assert_int_equal(want.encoding, GIJI_ENC_UTF8);
    size_t n;
    unsigned char *sj = encode_as("CP932", (const char *)raw, len, &n);
    assert_int_equal(giji_decode("000.sjis", sj, n, &got), GIJI_OK);
    assert_int_equal(got.encoding, GIJI_ENC_CP932);
    assert_int_equal(got.len, want.len);
    assert_memory_equal(got.text, want.text, want.len);
    giji_text_free(&want);
    giji_text_free(&got);
    free(sj);
    free(raw);
}

static void test_empty(void **state)
{
    (void)state;
    decode_fails("", 0, "t.txt: file is empty");
    decode_fails(" \t\r\n\n", 5, "t.txt: file is empty");
    decode_fails("\xEF\xBB\xBF", 3, "t.txt: file is empty");
    decode_fails("\xEF\xBB\xBF\xE3\x80\x80\n", 7, "t.txt: file is empty");   /* U+3000 */
}

static void test_nul(void **state)
{
    (void)state;
    decode_fails("abc\0def", 7, "t.txt: byte 3: NUL byte: binary data, not text");
    /* NULs on both sides of the byte pairs are no UTF-16 */
    decode_fails("a\0\0b\n\0", 6, "t.txt: byte 1: NUL byte: binary data, not text");
    /* NULs at odd offsets but no line end: no UTF-16 either */
    decode_fails("a\0b\0", 4, "t.txt: byte 1: NUL byte: binary data, not text");
}

/* UTF-16 as Windows writes it: with a BOM of either order, or without one
 * when its NUL bytes sit on one side with a line end among them. */
static void test_utf16(void **state)
{
    (void)state;
    static const char utf8[] = "議事要旨\r\n○石田議長　ISACの話。\r\n";
    size_t n = 0;
    unsigned char *le = encode_as("UTF-16LE", utf8, sizeof utf8 - 1, &n);
    unsigned char *bom = malloc(n + 2);
    assert_non_null(bom);
    bom[0] = 0xFF;
    bom[1] = 0xFE;
    memcpy(bom + 2, le, n);
    giji_text t;
    decode_ok((const char *)bom, n + 2, "議事要旨\n○石田議長　ISACの話。\n", &t);
    assert_int_equal(t.encoding, GIJI_ENC_UTF16LE);
    assert_int_equal(t.had_bom, 1);
    assert_int_equal(t.crlf, 1);
    giji_text_free(&t);
    decode_ok((const char *)le, n, "議事要旨\n○石田議長　ISACの話。\n", &t);   /* no BOM */
    assert_int_equal(t.encoding, GIJI_ENC_UTF16LE);
    assert_int_equal(t.had_bom, 0);
    giji_text_free(&t);
    size_t nb = 0;
    unsigned char *be = encode_as("UTF-16BE", utf8, sizeof utf8 - 1, &nb);
    decode_ok((const char *)be, nb, "議事要旨\n○石田議長　ISACの話。\n", &t);
    assert_int_equal(t.encoding, GIJI_ENC_UTF16BE);
    assert_string_equal(giji_encoding_name(t.encoding), "UTF-16BE");
    giji_text_free(&t);
    /* a cut last character, an unpaired surrogate, a NUL character */
    decode_fails(bom, n + 1, "t.txt: byte 2: UTF-16 (little endian) that does not convert: an unpaired "
                             "surrogate or a cut last character");
    decode_fails("\xFF\xFE\x00\xD8\x41\x00", 6, "t.txt: byte 2: UTF-16 (little endian) that does not "
                                                  "convert: an unpaired surrogate or a cut last character");
    decode_fails("\xFF\xFE\x41\x00\x0A\x00\x00\x00", 8,
                 "t.txt: line 2: NUL character in UTF-16 text: binary data, not text");
    free(le);
    free(be);
    free(bom);
}

static void test_invalid_everywhere(void **state)
{
    (void)state;
    /* 0xFF starts nothing in UTF-8, CP932 or EUC-JP. */
    decode_fails("abc\xFF", 4, "t.txt: byte 3: invalid UTF-8 and not CP932 or EUC-JP either");
    /* Offsets count the BOM: they are offsets in the file. */
    decode_fails("\xEF\xBB\xBF" "ab\n\xFF", 7,
                 "t.txt: byte 6: invalid UTF-8 and not CP932 or EUC-JP either");
    /* Valid UTF-8 first; the offset is that of the first bad byte. */
    decode_fails("日本\xFF", 7,
                 "t.txt: byte 6: invalid UTF-8 and not CP932 or EUC-JP either");
}

static void test_long_line(void **state)
{
    (void)state;
    size_t max = GIJI_MAX_LINE_BYTES;
    char *buf = malloc(max + 16);
    assert_non_null(buf);
    /* Exactly the limit is accepted. */
    memcpy(buf, "ok\n", 3);
    memset(buf + 3, 'a', max);
    giji_text t;
    assert_int_equal(giji_decode("t.txt", (unsigned char *)buf, max + 3, &t), GIJI_OK);
    giji_text_free(&t);
    /* One more byte is not; the offset is where the line starts. */
    memset(buf + 3, 'a', max + 1);
    decode_fails(buf, max + 4, "t.txt: byte 3 (line 2): line longer than 1 MiB: not minutes text");
    /* CR counts as a line end too. */
    memcpy(buf, "a\rb\r\n", 5);
    memset(buf + 5, 'x', max + 1);
    decode_fails(buf, max + 6, "t.txt: byte 5 (line 3): line longer than 1 MiB: not minutes text");
    free(buf);
}

/* 50 MB without a newline must fail after looking at about 1 MiB. */
static void test_huge_line_fails_fast(void **state)
{
    (void)state;
    size_t n = (size_t)50 << 20;
    unsigned char *big = malloc(n);
    assert_non_null(big);
    memset(big, 0xB1, n);   /* not UTF-8 either: must not reach iconv */
    clock_t t0 = clock();
    decode_fails(big, n, "t.txt: byte 0 (line 1): line longer than 1 MiB: not minutes text");
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 1.0);
    free(big);
}

/* A line under the limit in CP932 can pass it in UTF-8 (1 byte -> 3 for
 * half-width katakana): checked again after conversion, reported with the
 * input's offset. */
static void test_long_line_after_conversion(void **state)
{
    (void)state;
    size_t k = 700000;
    unsigned char *buf = malloc(k + 2);
    assert_non_null(buf);
    memcpy(buf, "x\n", 2);
    memset(buf + 2, 0xB1, k);   /* ｱ in CP932; a kanji pair in EUC-JP */
    decode_fails(buf, k + 2, "t.txt: byte 2 (line 2): line longer than 1 MiB: not minutes text");
    free(buf);
}

static void test_names_and_free(void **state)
{
    (void)state;
    assert_string_equal(giji_encoding_name(GIJI_ENC_UTF8), "UTF-8");
    assert_string_equal(giji_encoding_name(GIJI_ENC_CP932), "CP932 (Shift_JIS)");
    assert_string_equal(giji_encoding_name(GIJI_ENC_EUCJP), "EUC-JP");
    giji_text t;
    assert_int_equal(giji_decode("t.txt", (const unsigned char *)"x", 1, &t), GIJI_OK);
    giji_text_free(&t);
    assert_null(t.text);
    assert_int_equal(t.len, 0);
    giji_text_free(&t);   /* twice is harmless */
    giji_text_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_utf8),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_crlf_and_cr),
        cmocka_unit_test(test_cp932),
        cmocka_unit_test(test_eucjp),
        cmocka_unit_test(test_cp932_sample),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_invalid_everywhere),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_huge_line_fails_fast),
        cmocka_unit_test(test_long_line_after_conversion),
        cmocka_unit_test(test_names_and_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
