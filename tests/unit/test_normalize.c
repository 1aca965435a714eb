/*
 * test_normalize.c — normalize/: NFKC and its code point map, match keys,
 * the space repairs (with the negative cases that must stay untouched),
 * heading and bullet marks, page-break joins on synthetic text, and the
 * whole line view of the two real samples (which lines are joined, which
 * are not, and how many logical lines there are).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "giji/decode.h"
#include "giji/error.h"
#include "giji/normalize.h"
#include "util/io.h"
#include "util/str.h"
#include "util/utf8.h"

#define SAMPLE_000 GIJI_TEST_DATA "/minutes/000_329f7531fe1d3291.txt"
#define SAMPLE_002 GIJI_TEST_DATA "/minutes/002_daf3e4a02cc06ec7.txt"

/* ---- helpers ----------------------------------------------------------- */

static void check_nfkc(const char *in, const char *want)
{
    char *got = giji_nfkc(in, strlen(in));
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void check_repair(const char *in, const char *want)
{
    char *got = giji_repair_spaces(in, strlen(in));
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void check_map(const char *in, const char *want, const uint32_t *want_map, size_t want_n)
{
    char *out;
    uint32_t *map;
    size_t ncp;
    assert_int_equal(giji_nfkc_map(in, strlen(in), &out, &map, &ncp), GIJI_OK);
    assert_string_equal(out, want);
    assert_int_equal(ncp, want_n);
    for (size_t i = 0; i <= want_n; i++)
        assert_int_equal(map[i], want_map[i]);
    free(out);
    free(map);
}

static void build(const char *text, giji_doc *doc)
{
    assert_int_equal(giji_doc_build("t.txt", text, strlen(text), doc), GIJI_OK);
}

/* Decode and build a sample file; the caller frees both. */
static void build_sample(const char *path, giji_text *t, giji_doc *doc)
{
    unsigned char *raw;
    size_t len;
    assert_int_equal(giji_file_read(path, &raw, &len), GIJI_OK);
    assert_int_equal(giji_decode(path, raw, len, t), GIJI_OK);
    free(raw);
    assert_int_equal(giji_doc_build(path, t->text, t->len, doc), GIJI_OK);
}

/* The one logical line whose text contains `needle` (fails if none or
 * several). */
static const giji_line *find_line(const giji_doc *doc, const char *needle)
{
    const giji_line *found = NULL;
    for (size_t i = 0; i < doc->n; i++) {
        if (strstr(doc->lines[i].text, needle)) {
            if (found)
                fail_msg("\"%s\" is in more than one line", needle);
            found = &doc->lines[i];
        }
    }
    if (!found)
        fail_msg("no line contains \"%s\"", needle);
    return found;
}

/* The first logical line whose text is exactly `text`. */
static const giji_line *find_exact(const giji_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->n; i++)
        if (strcmp(doc->lines[i].text, text) == 0)
            return &doc->lines[i];
    fail_msg("no line is \"%s\"", text);
    return NULL;
}

static size_t index_of(const giji_doc *doc, const giji_line *l)
{
    return (size_t)(l - doc->lines);
}

/* Every joined line of `doc` is one of `joins` ({first, last} source line
 * pairs), and every pair in `joins` was joined. */
static void check_joins(const giji_doc *doc, const unsigned (*joins)[2], size_t njoins)
{
    size_t seen = 0;
    for (size_t i = 0; i < doc->n; i++) {
        const giji_line *l = &doc->lines[i];
        if (l->last_lineno == l->lineno)
            continue;
        int expected = 0;
        for (size_t k = 0; k < njoins; k++)
            if (joins[k][0] == l->lineno && joins[k][1] == l->last_lineno)
                expected = 1;
        if (!expected)
            fail_msg("unexpected join of source lines %u-%u: %s", l->lineno, l->last_lineno,
                     l->text);
        seen++;
    }
    assert_int_equal(seen, njoins);
}

/* ---- NFKC -------------------------------------------------------------- */

static void test_nfkc(void **state)
{
    (void)state;
    check_nfkc("ＩＴ", "IT");
    check_nfkc("（副本部長）", "(副本部長)");
    check_nfkc("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン");
    check_nfkc("㍻２９年", "平成29年");
    check_nfkc("菅　義偉", "菅 義偉");   /* U+3000 -> space */
    check_nfkc("", "");
    char *bad = giji_nfkc("a\xFF", 2);
    assert_null(bad);
    assert_int_equal(giji_error_last(), GIJI_EINVAL);
}

static void test_nfkc_map(void **state)
{
    (void)state;
    /* Half-width kana with sound marks: two input code points each. */
    static const uint32_t m1[] = {0, 2, 4};
    check_map("ｶﾞｷﾞ", "ガギ", m1, 2);
    static const uint32_t m2[] = {0, 1, 3, 4};
    check_map("aｶﾞb", "aガb", m2, 3);
    /* One input code point expanding to two output ones. */
    static const uint32_t m3[] = {0, 0, 1, 2, 3, 4};
    check_map("㍻29年", "平成29年", m3, 5);
    static const uint32_t m4[] = {0, 1, 2};
    check_map("ＩＴ", "IT", m4, 2);
    /* A combining acute composes with its base. */
    static const uint32_t m5[] = {0, 2};
    check_map("e\xCC\x81", "\xC3\xA9", m5, 1);
    static const uint32_t m6[] = {0};
    check_map("", "", m6, 0);

    char *out;
    uint32_t *map;
    size_t ncp;
    assert_int_equal(giji_nfkc_map("a\xC3", 2, &out, &map, &ncp), GIJI_EINVAL);
    assert_null(out);
    assert_null(map);
}

/* Cluster-wise NFKC agrees with whole-string NFKC on real text. */
static void test_nfkc_map_matches_nfkc(void **state)
{
    (void)state;
    const char *paths[] = {SAMPLE_000, SAMPLE_002};
    for (size_t p = 0; p < 2; p++) {
        unsigned char *raw;
        size_t len;
        assert_int_equal(giji_file_read(paths[p], &raw, &len), GIJI_OK);
        char *whole = giji_nfkc((const char *)raw, len), *out;
        uint32_t *map;
        size_t ncp;
        assert_int_equal(giji_nfkc_map((const char *)raw, len, &out, &map, &ncp), GIJI_OK);
        assert_string_equal(out, whole);
        for (size_t i = 1; i <= ncp; i++)
            assert_true(map[i] >= map[i - 1]);
        free(whole);
        free(out);
        free(map);
        free(raw);
    }
}

static void test_match_key(void **state)
{
    (void)state;
    char *k = giji_match_key(" 菅　義偉\t");
    assert_string_equal(k, "菅義偉");
    free(k);
    k = giji_match_key("（副本部長）");
    assert_string_equal(k, "(副本部長)");
    free(k);
    k = giji_match_key("ＩＴ\xC2\xA0政策\n担当");
    assert_string_equal(k, "IT政策担当");
    free(k);
}

/* giji_nfkc_cps gives the code points of what giji_nfkc_map gives, with
 * the same map, for text that changes under NFKC (half-width kana with a
 * sound mark, full-width Latin, ㍿) and text that does not. */
static void test_nfkc_cps(void **state)
{
    (void)state;
    const char *in = "ｶﾞＡ㍿漢字 e\xCC\x81";
    char *a, *b;
    uint32_t *ma, *mb, *cps;
    size_t na, nb;
    assert_int_equal(giji_nfkc_map(in, strlen(in), &a, &ma, &na), GIJI_OK);
    assert_int_equal(giji_nfkc_cps(in, strlen(in), &b, &mb, &cps, &nb), GIJI_OK);
    assert_string_equal(a, b);
    assert_string_equal(b, "ガA株式会社漢字 \xC3\xA9");
    assert_int_equal(na, nb);
    const uint32_t want[] = {0x30AC, 'A', 0x682A, 0x5F0F, 0x4F1A, 0x793E, 0x6F22, 0x5B57, ' ', 0xE9};
    assert_int_equal(nb, sizeof want / sizeof *want);
    for (size_t i = 0; i <= nb; i++) {
        assert_int_equal(ma[i], mb[i]);
        if (i < nb)
            assert_int_equal(cps[i], want[i]);
    }
    free(a);
    free(b);
    free(ma);
    free(mb);
    free(cps);
    assert_int_equal(giji_nfkc_cps("a\xC3", 2, &a, &ma, &cps, &na), GIJI_EINVAL);
}

/* giji_nfkc_runs gives the NFKC of giji_nfkc_map and, expanded, its map:
 * changed text (ｶﾞ 2 -> 1, ㍿ 1 -> 4, e + mark 2 -> 1, ﬁ 1 -> 2) at the
 * start, the end, side by side and apart, unchanged text, the empty text,
 * and the sample minutes; runs are appended after what is already there. */
static void check_runs(const char *in, size_t len)
{
    char *a, *b;
    uint32_t *ma;
    size_t na, nb, blen;
    uint32_t *runs = NULL;
    size_t nruns = 3, cap = 4;
    runs = calloc(cap * 2, sizeof *runs);
    assert_non_null(runs);
    assert_int_equal(giji_nfkc_map(in, len, &a, &ma, &na), GIJI_OK);
    uint32_t *cps, *mc, *cc;
    char *c;
    size_t nc;
    assert_int_equal(giji_nfkc_runs(in, len, &b, &blen, &cps, &runs, &nruns, &cap, &nb), GIJI_OK);
    assert_int_equal(giji_nfkc_cps(in, len, &c, &mc, &cc, &nc), GIJI_OK);
    assert_int_equal(nc, nb);
    for (size_t k = 0; k < nb; k++)
        assert_int_equal(cps[k], cc[k]);
    free(c);
    free(mc);
    free(cc);
    free(cps);
    assert_string_equal(a, b);
    assert_int_equal(blen, strlen(a));
    assert_int_equal(na, nb);
    assert_true(nruns > 3);
    assert_int_equal(runs[6], 0);
    assert_int_equal(runs[7], 0);
    size_t r = 3;
    for (size_t k = 0; k <= nb; k++) {
        while (r + 1 < nruns && runs[2 * (r + 1)] <= k)
            r++;
        assert_true(runs[2 * r] <= k);
        assert_int_equal(ma[k], runs[2 * r + 1] + (k - runs[2 * r]));
    }
    free(a);
    free(b);
    free(ma);
    free(runs);
}

static void test_nfkc_runs(void **state)
{
    (void)state;
    const char *cases[] = {"", "漢字だけ", "ｶﾞＡ㍿漢字 e\xCC\x81", "㍿", "ｶﾞ", "a㍿㍿ｶﾞｶﾞb", "\xEF\xAC\x81x㍿",
                           "e\xCC\x81\xCC\x82 ｶﾞ漢㍿", "ＡＢＣ１２３"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check_runs(cases[i], strlen(cases[i]));
    const char *paths[] = {SAMPLE_000, SAMPLE_002};
    for (size_t p = 0; p < 2; p++) {
        unsigned char *raw;
        size_t len;
        assert_int_equal(giji_file_read(paths[p], &raw, &len), GIJI_OK);
        check_runs((const char *)raw, len);
        free(raw);
    }
    char *b;
    size_t blen, n, nruns = 0, cap = 0;
    uint32_t *runs = NULL;
    assert_int_equal(giji_nfkc_runs("a\xC3", 2, &b, &blen, NULL, &runs, &nruns, &cap, &n), GIJI_EINVAL);
    assert_int_equal(nruns, 0);
    free(runs);
}

/* Random texts made of pieces that take every path of the NFKC walk: stable
 * code points (ASCII, \n, kana, kanji, CJK punctuation), stable ones that
 * the first fast check does not cover (U+3400 block, U+4DB5), ones NFKC
 * changes in each UTF-8 length and lead byte the fast path looks at
 * (U+3000, ㈱ U+3231, ゛ U+309B, ䷀ U+4DC0, Ａ, ｶ, ㍿, ﬁ, é), marks that join
 * the code point before (U+0301, U+3099, ﾞ), a code point beyond the BMP,
 * and C1 and Latin-1 ones. Every text: giji_nfkc is utf8proc's NFKC of the
 * whole, the map, code points and runs agree (check_runs), and the code
 * points are the output's. */
static void test_nfkc_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "Z", " ", "\n", "\t", "漢", "字", "か", "カ", "ー", "、", "。", "「", "」", "・", "㐀", "\xE4\xB6\xB5",
        "\xE3\x80\x80", "㈱", "゛", "\xE4\xB7\x80", "Ａ", "１", "ｶ", "ﾞ", "㍿", "\xEF\xAC\x81", "é",
        "e\xCC\x81", "\xCC\x81", "\xE3\x82\x99", "か\xE3\x82\x99", "\xF0\xA0\x80\x8B", "\xC2\x85", "ß"};
    const size_t npieces = sizeof pieces / sizeof *pieces;
    uint32_t seed = 7;
    char text[512];
    for (int t = 0; t < 2000; t++) {
        size_t len = 0;
        int n = 1 + (int)(seed % 40);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *pc = pieces[(seed >> 8) % npieces];
            size_t pl = strlen(pc);
            memcpy(text + len, pc, pl);
            len += pl;
        }
        text[len] = '\0';
        char *got = giji_nfkc(text, len);
        utf8proc_uint8_t *want = utf8proc_NFKC((const utf8proc_uint8_t *)text);
        assert_non_null(got);
        assert_non_null(want);
        assert_string_equal(got, (const char *)want);
        free(want);
        free(got);
        check_runs(text, len);
        char *out;
        uint32_t *map, *cps;
        size_t ncp;
        assert_int_equal(giji_nfkc_cps(text, len, &out, &map, &cps, &ncp), GIJI_OK);
        size_t at = 0;
        for (size_t k = 0; k < ncp; k++) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t step = utf8proc_iterate((const utf8proc_uint8_t *)out + at, -1, &cp);
            assert_true(step > 0);
            assert_int_equal((uint32_t)cp, cps[k]);
            at += (size_t)step;
        }
        assert_int_equal(at, strlen(out));
        free(out);
        free(map);
        free(cps);
    }
}

/* giji_nfkc_append: texts appended one after the other to one store give,
 * each at the offsets the store had before the call, the text (with its
 * NUL), code points and runs of giji_nfkc_runs; a failing text appends
 * nothing; after the counts are reset, the memory is reused. */
static void test_nfkc_append(void **state)
{
    (void)state;
    const char *texts[] = {"ｶﾞＡ㍿漢字 e\xCC\x81", "", "漢字だけ", "a㍿㍿ｶﾞｶﾞb", "\xEF\xAC\x81x㍿", "ＡＢＣ１２３"};
    const size_t ntexts = sizeof texts / sizeof *texts;
    giji_nfkc_store st = {0};
    for (int round = 0; round < 2; round++) {
        size_t text_at[8], cps_at[8], runs_at[8], lens[8], ncps[8];
        for (size_t t = 0; t < ntexts; t++) {
            text_at[t] = st.text_len;
            cps_at[t] = st.ncps;
            runs_at[t] = st.nruns;
            assert_int_equal(giji_nfkc_append(texts[t], strlen(texts[t]), &st, &lens[t], &ncps[t]), GIJI_OK);
            if (t == 2) { /* invalid UTF-8 in between: nothing appended */
                size_t tl = st.text_len, nc = st.ncps, nr = st.nruns, l = 9, n = 9;
                assert_int_equal(giji_nfkc_append("a\xC3", 2, &st, &l, &n), GIJI_EINVAL);
                assert_int_equal(st.text_len, tl);
                assert_int_equal(st.ncps, nc);
                assert_int_equal(st.nruns, nr);
            }
        }
        for (size_t t = 0; t < ntexts; t++) {
            char *out;
            uint32_t *cps, *runs = NULL;
            size_t outlen, n, nruns = 0, cap = 0;
            assert_int_equal(giji_nfkc_runs(texts[t], strlen(texts[t]), &out, &outlen, &cps, &runs, &nruns, &cap, &n),
                             GIJI_OK);
            assert_int_equal(lens[t], outlen);
            assert_int_equal(ncps[t], n);
            assert_memory_equal(st.text + text_at[t], out, outlen + 1);   /* with the NUL */
            if (n)
                assert_memory_equal(st.cps + cps_at[t], cps, n * sizeof *cps);
            size_t mine = (t + 1 < ntexts ? runs_at[t + 1] : st.nruns) - runs_at[t];
            assert_int_equal(mine, nruns);
            assert_memory_equal(st.runs + 2 * runs_at[t], runs, 2 * nruns * sizeof *runs);
            free(out);
            free(cps);
            free(runs);
        }
        /* reuse: the same memory, appended from the start again */
        char *text = st.text;
        size_t cap = st.text_cap;
        st.text_len = st.ncps = st.nruns = 0;
        if (round == 0) {
            assert_non_null(text);
            assert_true(cap > 0);
        }
    }
    giji_nfkc_store_free(&st);
    assert_null(st.text);
    assert_int_equal(st.text_cap, 0);
}

/* A key prefix is the start of the whole key, long enough, and cut
 * between clusters (ｶﾞ is one character of the key, not ｶ). */
static void test_match_key_prefix(void **state)
{
    (void)state;
    const char *in = "　経済産業省 としては、ｶﾞ ＩＴ 政策について申し上げます。";
    char *whole = giji_match_key(in);
    for (size_t n = 0; n < 40; n++) {
        char *p = giji_match_key_prefix(in, strlen(in), n);
        assert_non_null(p);
        assert_memory_equal(p, whole, strlen(p));
        size_t cps = 0;
        for (const char *c = p; *c; c++)
            cps += ((unsigned char)*c & 0xC0) != 0x80;
        assert_true(cps >= n || !strcmp(p, whole));
        free(p);
    }
    /* the first try reads 16 bytes for n = 0: that ends inside ｶﾞ */
    const char *cut = "aaaaaaaaaaaaaaaｶﾞxyz";
    char *p = giji_match_key_prefix(cut, strlen(cut), 0);
    assert_string_equal(p, "aaaaaaaaaaaaaaaガ");
    free(p);
    free(whole);
}

/* The key prefix of an NFKC text: exactly the first n code points of the
 * whole key (all of it when shorter), for texts with every kind of white
 * space the key drops (ASCII, U+3000, NBSP, a line end) at the start, the
 * middle and the end, and texts NFKC changes. */
static void test_match_key_prefix_nfkc(void **state)
{
    (void)state;
    const char *texts[] = {"　経済産業省 としては、ｶﾞ ＩＴ 政策について申し上げます。", "", "   ", "\xC2\xA0" "a\xC2\xA0" "b\n c　",
                           "㍿ ﬁ e\xCC\x81 漢字\t", "総務省と外務省としては"};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        const char *in = texts[t];
        char *whole = giji_match_key(in), *norm = giji_nfkc(in, strlen(in));
        assert_non_null(whole);
        assert_non_null(norm);
        size_t total = 0;
        for (const char *c = whole; *c; c++)
            total += ((unsigned char)*c & 0xC0) != 0x80;
        for (size_t n = 0; n < 40; n++) {
            char *p = giji_match_key_prefix_nfkc(norm, strlen(norm), n);
            assert_non_null(p);
            size_t cps = 0;
            for (const char *c = p; *c; c++)
                cps += ((unsigned char)*c & 0xC0) != 0x80;
            assert_int_equal(cps, n < total ? n : total);
            assert_memory_equal(p, whole, strlen(p));
            /* what giji_match_key_prefix gives starts the same way */
            char *q = giji_match_key_prefix(in, strlen(in), n);
            assert_memory_equal(p, q, strlen(p));
            free(q);
            free(p);
        }
        free(norm);
        free(whole);
    }
}

/* ---- space repair ------------------------------------------------------ */

static void test_repair_acronyms(void **state)
{
    (void)state;
    check_repair("KDD I 株式会社", "KDDI株式会社");
    check_repair("小野寺 正\tKDD I 株式会社取締役会長", "小野寺 正\tKDDI株式会社取締役会長");
    check_repair("情報通信技術(I T)政策", "情報通信技術(IT)政策");
    check_repair("G S O C の", "GSOCの");
    check_repair("Investigatory Powers Act 2016", "Investigatory Powers Act 2016");
    check_repair("National critical infrastructure and manufacturing",
                 "National critical infrastructure and manufacturing");
    check_repair("NTT DATA", "NTT DATA");       /* no single letter */
    check_repair("Type A B", "Type A B");       /* part of a Latin phrase */
    check_repair("USA I think", "USA I think");
    check_repair("A Study", "A Study");
    /* a letter alone at the line's end after a word: the wrap may have cut
     * a word there ("APEC T" / "EL"), so its space stays */
    check_repair("作業部会（APEC T", "作業部会（APEC T");
    check_repair("作業部会（G S O C", "作業部会（GSOC");
    check_repair("KDD I 株式会社", "KDDI株式会社");
}

static void test_repair_latin_cjk(void **state)
{
    (void)state;
    check_repair("2020 年", "2020年");
    check_repair("AI の進歩や IoT に", "AIの進歩やIoTに");
    check_repair("J-CSIP という", "J-CSIPという");
    check_repair("平成 20 年度", "平成20年度");
    check_repair("日 ASEAN の", "日ASEANの");
    check_repair("IoT/AI 時代", "IoT/AI時代");
    check_repair("IPA や JPCERT/CC 等の", "IPAやJPCERT/CC等の");
    check_repair("2020  年", "2020年");   /* a run of spaces */
    check_repair("(村井本部員) 決定事項と", "(村井本部員)決定事項と");
    check_repair("2020 年東京", "2020年東京");   /* a year is not a section number */
}

static void test_repair_keeps(void **state)
{
    (void)state;
    check_repair("菅 義偉", "菅 義偉");              /* two CJK: a name */
    check_repair("(水) 8:30～9:30", "(水) 8:30～9:30"); /* two ASCII */
    check_repair("AI\tの", "AI\tの");                /* tab */
    check_repair("AI　の", "AI　の");                /* U+3000 */
    check_repair("1 日時", "1 日時");                /* section number + title */
    check_repair("(1) 本部長冒頭挨拶", "(1) 本部長冒頭挨拶");
    check_repair("4. 議事概要", "4. 議事概要");
    check_repair("（前田本部員） 刑事法", "（前田本部員） 刑事法");
    check_repair(" 年", " 年");                      /* nothing on one side */
    check_repair("", "");
    check_repair("a\xFF 年", "a\xFF 年");            /* bad bytes pass through */
}

/* ---- marks and headings ------------------------------------------------ */

/* The reference decoder: giji_utf8_decode as it was before its
 * three-byte fast path (length from the lead byte, continuation bytes,
 * no overlong form, no surrogate, nothing above U+10FFFF). */
static size_t decode_ref(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* The reference: the reference decoder from the first byte on, as
 * giji_utf8_invalid_offset was written before its fast paths. */
static size_t invalid_offset_ref(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = decode_ref(s + i, n - i, &cp);
        if (!k)
            return i;
        i += k;
    }
    return n;
}

/* giji_utf8_decode gives the reference's length and code point for every
 * sequence of up to three bytes (and four with the common leads), whole
 * and cut short. */
static void test_utf8_decode(void **state)
{
    (void)state;
    unsigned char b[4];
    for (unsigned c = 0; c < 256; c++)
        for (unsigned c1 = 0; c1 < 256; c1++)
            for (unsigned c2 = 0; c2 < 256; c2 += (c >= 0xC0 ? 1 : 255)) {
                b[0] = (unsigned char)c, b[1] = (unsigned char)c1, b[2] = (unsigned char)c2, b[3] = 0x80;
                for (size_t n = 0; n <= 4; n++) {
                    uint32_t got = 0xDEADBEEF, want = 0xDEADBEEF;
                    size_t kg = giji_utf8_decode((const char *)b, n, &got);
                    size_t kw = decode_ref((const char *)b, n, &want);
                    assert_int_equal(kg, kw);
                    if (kw)
                        assert_int_equal(got, want);
                }
            }
}

/* The fast paths (ASCII eight bytes at a time, three-byte characters in
 * line) give the reference's offset: every three-byte sequence with an
 * E0..EF lead, after ASCII and kana and cut short at the end; and random
 * strings of ASCII, valid and invalid bytes. */
static void test_utf8_invalid_offset(void **state)
{
    (void)state;
    char buf[64];
    for (unsigned c = 0xE0; c <= 0xEF; c++)
        for (unsigned c1 = 0; c1 < 256; c1++)
            for (unsigned c2 = 0; c2 < 256; c2++) {
                size_t n = 0;
                memcpy(buf, "abcdefghi\xE3\x81\x82", 12);   /* nine ASCII, あ */
                n = 12;
                buf[n++] = (char)c;
                buf[n++] = (char)c1;
                buf[n++] = (char)c2;
                memcpy(buf + n, "xyz", 3);
                n += 3;
                assert_int_equal(giji_utf8_invalid_offset(buf, n), invalid_offset_ref(buf, n));
                /* cut after the lead and after the second byte */
                assert_int_equal(giji_utf8_invalid_offset(buf, 13), invalid_offset_ref(buf, 13));
                assert_int_equal(giji_utf8_invalid_offset(buf, 14), invalid_offset_ref(buf, 14));
            }
    static const unsigned char pick[] = {'a', ' ', '0', 0x7F, 0x80, 0xBF, 0xC2, 0xC0, 0xDF, 0xE0, 0xE3, 0xED,
                                         0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x81, 0xA0, 0x9F};
    unsigned seed = 12345;
    for (int t = 0; t < 200000; t++) {
        size_t n = (size_t)(t % 41);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)pick[(seed >> 16) % sizeof pick];
        }
        assert_int_equal(giji_utf8_invalid_offset(buf, n), invalid_offset_ref(buf, n));
    }
}

/* giji_utf8_count counts the bytes that are no continuation bytes, as a
 * byte loop does, at every length and alignment. */
static void test_utf8_count(void **state)
{
    (void)state;
    char buf[80];
    unsigned seed = 7;
    static const unsigned char pick[] = {'a', 0x80, 0xBF, 0xC2, 0xE3, 0x81, 0xF0, 0xFF, 0x40, 0x7F};
    for (int t = 0; t < 20000; t++) {
        size_t n = (size_t)(t % 70), off = (size_t)(t % 7);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[off + i] = (char)pick[(seed >> 16) % sizeof pick];
        }
        size_t want = 0;
        for (size_t i = 0; i < n; i++)
            want += ((unsigned char)buf[off + i] & 0xC0) != 0x80;
        assert_int_equal(giji_utf8_count(buf + off, n), want);
    }
}

/* giji_str_nospace drops ASCII spaces, tabs, U+3000 and U+00A0, and keeps
 * everything else, invalid bytes included (a lone byte is read as the code
 * point of its value). */
static void test_str_nospace(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"", ""},
        {"   ", ""},
        {"菅 義偉", "菅義偉"},
        {"\xE3\x80\x80内閣\t総理\xC2\xA0大臣 ", "内閣総理大臣"},
        {"a\xFF" "b \xA0" "c", "a\xFF" "bc"},   /* a lone byte A0 reads as U+00A0, as before */
        {"no-space", "no-space"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = giji_str_nospace(cases[i].in);
        assert_non_null(got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
    /* random strings of kana, U+3000, NBSP, tabs, spaces and invalid or
     * cut sequences against the former code point by code point filter */
    static const char *const bits[] = {"\xE3\x81\x82", "\xE3\x80\x80", "\xC2\xA0", " ", "\t", "a",
                                       "\xE3\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xA0", "\xE6\x97\xA5",
                                       "\xE3", "\x80", "\xF0\x9F\x98\x80"};
    unsigned seed = 3;
    char in[128], want[128];
    for (int t = 0; t < 20000; t++) {
        size_t n = 0, parts = (size_t)(t % 30);
        for (size_t p = 0; p < parts; p++) {
            seed = seed * 1103515245u + 12345u;
            const char *b = bits[(seed >> 16) % (sizeof bits / sizeof *bits)];
            memcpy(in + n, b, strlen(b));
            n += strlen(b);
        }
        in[n] = '\0';
        size_t w = 0;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t k = giji_utf8_decode(in + i, n - i, &cp);
            if (!k) { cp = (unsigned char)in[i]; k = 1; }
            if (!(cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0)) {
                memcpy(want + w, in + i, k);
                w += k;
            }
            i += k;
        }
        want[w] = '\0';
        char *got = giji_str_nospace(in);
        assert_non_null(got);
        assert_string_equal(got, want);
        free(got);
    }
}

static void test_marks(void **state)
{
    (void)state;
    giji_doc d;
    build("##### ○（中谷本部員）4点申し上げます。\n"
          "- ・ 「重要インフラ」について\n"
          "- (村井本部員) 決定事項と\n"
          "○（野原本部員）大きく2点\n"
          "〇（前田本部員）刑事法\n"
          "〇一二三\n"
          "-5度の気温\n"
          "--オプション\n"
          "* 項目\n"
          "● 黒丸\n"
          "◆◇ 菱形\n"
          "• bullet\n"
          "－ 以上 －\n"
          "#見出しではない\n"
          "####### 七つ\n"
          "・\n",
          &d);
    assert_int_equal(d.n, 16);
    const giji_line *l = d.lines;
    assert_int_equal(l[0].heading, 5);
    assert_int_equal(l[0].marks, GIJI_MARK_CIRCLE);
    assert_string_equal(l[0].text, "（中谷本部員）4点申し上げます。");
    assert_string_equal(l[0].norm, "(中谷本部員)4点申し上げます。");
    assert_int_equal(l[1].heading, 0);
    assert_int_equal(l[1].marks, GIJI_MARK_DASH | GIJI_MARK_DOT);
    assert_string_equal(l[1].text, "「重要インフラ」について");
    assert_int_equal(l[2].marks, GIJI_MARK_DASH);
    assert_string_equal(l[2].text, "(村井本部員)決定事項と");
    assert_int_equal(l[3].marks, GIJI_MARK_CIRCLE);
    assert_string_equal(l[3].text, "（野原本部員）大きく2点");
    assert_int_equal(l[4].marks, GIJI_MARK_CIRCLE);
    assert_int_equal(l[5].marks, 0);
    assert_string_equal(l[5].text, "〇一二三");
    assert_int_equal(l[6].marks, 0);
    assert_string_equal(l[6].text, "-5度の気温");
    assert_int_equal(l[7].marks, 0);
    assert_int_equal(l[8].marks, GIJI_MARK_DASH);
    assert_string_equal(l[8].text, "項目");
    assert_int_equal(l[9].marks, GIJI_MARK_BLACK);
    assert_int_equal(l[10].marks, GIJI_MARK_BLACK);
    assert_string_equal(l[10].text, "菱形");
    assert_int_equal(l[11].marks, GIJI_MARK_DOT);
    assert_string_equal(l[11].text, "bullet");
    assert_int_equal(l[12].marks, 0);
    assert_string_equal(l[12].text, "－ 以上 －");
    assert_int_equal(l[13].heading, 0);
    assert_string_equal(l[13].text, "#見出しではない");
    assert_int_equal(l[14].heading, 0);
    assert_int_equal(l[15].marks, 0);
    assert_string_equal(l[15].text, "・");
    giji_doc_free(&d);
}

/* Text wrapped at a fixed width (here 28 columns) can put the middle dot of
 * a name at the start of a line: it is text there, not a bullet mark. */
static void test_wrapped_middle_dot(void **state)
{
    (void)state;
    giji_doc d;
    build("冒頭で事務局から資料の説明。\n"
          "議長が論点を整理して述べた。\n"
          "民間金融機関のトランジション\n"    /* 28 columns, ends in a word */
          "・ファイナンスと組み合わせる\n"    /* the name goes on */
          "ことが重要である。次に移行を\n"
          "－ 2 －\n"                        /* a page number between */
          "・ファイナンスの拡大も進める。\n"
          "・項目は短い\n"                    /* after a line ended by 。 */
          "・次の項目\n"                      /* after a short line */
          "同じ幅で最後まで書かれた行だ\n"
          "・ 空白の後は箇条書きの印だ。\n", /* a space after the dot */
          &d);
    assert_int_equal(d.n, 10);
    const giji_line *l = d.lines + 2;
    assert_int_equal(l[1].marks, 0);
    assert_int_equal(l[1].wrapped, 1);
    assert_string_equal(l[1].text, "・ファイナンスと組み合わせる");
    assert_int_equal(l[3].marks, 0);
    assert_string_equal(l[3].text, "・ファイナンスの拡大も進める。");
    assert_int_equal(l[4].marks, GIJI_MARK_DOT);
    assert_int_equal(l[4].wrapped, 0);
    assert_string_equal(l[4].text, "項目は短い");
    assert_int_equal(l[5].marks, GIJI_MARK_DOT);
    assert_int_equal(l[7].marks, GIJI_MARK_DOT);
    giji_doc_free(&d);

    /* no width holds six lines: one paragraph per line, marks as they are */
    build("民間金融機関のトランジション\n"
          "・ファイナンスと組み合わせることが重要である。\n"
          "とても長い一行の段落がここに続いて、幅はそろっていない。\n", &d);
    assert_int_equal(d.lines[1].marks, GIJI_MARK_DOT);
    giji_doc_free(&d);
}

static void test_line_fields(void **state)
{
    (void)state;
    giji_doc d;
    build("題名  \n本文\r\n\n\n　全角で字下げ　\n", &d);
    assert_int_equal(d.n, 3);
    assert_int_equal(d.lines[0].lineno, 1);
    assert_int_equal(d.lines[0].blank_before, 1);   /* start of file */
    assert_int_equal(d.lines[0].hard_break, 1);
    assert_string_equal(d.lines[0].text, "題名");
    assert_int_equal(d.lines[1].lineno, 2);
    assert_int_equal(d.lines[1].blank_before, 0);
    assert_int_equal(d.lines[1].hard_break, 0);
    assert_string_equal(d.lines[1].text, "本文");
    assert_int_equal(d.lines[2].lineno, 5);
    assert_int_equal(d.lines[2].blank_before, 1);
    assert_string_equal(d.lines[2].text, "全角で字下げ");
    giji_doc_free(&d);

    build("", &d);
    assert_int_equal(d.n, 0);
    giji_doc_free(&d);

    giji_error_clear();
    assert_int_equal(giji_doc_build("t.txt", "ab\xFF", 3, &d), GIJI_EINVAL);
    assert_string_equal(giji_error_message(), "t.txt: byte 2: invalid UTF-8 (text not decoded?)");
    assert_null(d.lines);
}

/* ---- page-break joins -------------------------------------------------- */

static void test_join_refuses_headings_and_rows(void **state)
{
    (void)state;
    giji_doc d;
    /* an attendee row and a short unterminated heading are not one sentence */
    build("渡辺 修 内閣サイバーセキュリティセンター長です\n\n議事概要\n\n本文。\n", &d);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.lines[1].text, "議事概要");
    giji_doc_free(&d);
    build("これは二十文字を超える長い文でありまして途中で改\n\n議事概要\n", &d);
    assert_int_equal(d.n, 2);
    giji_doc_free(&d);
}

static void test_join_synthetic(void **state)
{
    (void)state;
    giji_doc d;
    /* Three pages, Japanese: joined directly, lineno/last_lineno span all. */
    build("前文。\n\nこれは二十文字を超える長い文でありまして途中で改\n\nページされた文が次のページの最後まで続いてさらに次の\n\n\n"
          "ここで終わる。\n",
          &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.lines[1].text,
                        "これは二十文字を超える長い文でありまして途中で改ページされた文が"
                        "次のページの最後まで続いてさらに次のここで終わる。");
    assert_int_equal(d.lines[1].lineno, 3);
    assert_int_equal(d.lines[1].last_lineno, 8);
    assert_int_equal(d.lines[1].blank_before, 1);
    giji_doc_free(&d);

    /* Latin on both sides: one space. */
    build("This is a long English sentence that was split\n\nacross two pages.\n", &d);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.lines[0].text,
                        "This is a long English sentence that was split across two pages.");
    assert_string_equal(d.lines[0].norm, d.lines[0].text);
    giji_doc_free(&d);

    /* No join: short, terminated, no blank, heading, bullet, bracket, number,
     * hard break. */
    static const char *const pairs[] = {
        "短い行で終わらない\n\n続き\n",
        "二十文字を超える長さの文で句点で終わっているものです。\n\n次の段落\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n次の行\n",
        "## 二十文字を超える長さの見出しで句点で終わっていないもの\n\n本文\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n- 箇条書き\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n（括弧）\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n2 場所\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n第11回会合\n",
        "二十文字を超える長さの文で句点で終わっていないもので  \n\n次\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n## 見出し\n",
        "二十文字を超える長さの文で句点で終わっていないもので\n\n－ 以上 －\n",
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        build(pairs[i], &d);
        if (d.n != 2)
            fail_msg("case %zu joined: %s", i, d.lines[0].text);
        giji_doc_free(&d);
    }
}

/* Page numbers on lines of their own are dropped and count as blank lines:
 * the paragraph they split is joined; a bare number or a dash that is an
 * ornament stays. */
static void test_page_numbers(void **state)
{
    (void)state;
    giji_doc d;
    build("これは二十文字を超える長い文でありまして途中で改\n－ 2 －\nページされた文です。\n"
          "- 3 -\n\n次の段落です。\n12/40\n－１－\n",
          &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.lines[0].text, "これは二十文字を超える長い文でありまして途中で改ページされた文です。");
    assert_string_equal(d.lines[1].text, "次の段落です。");
    giji_doc_free(&d);
    /* the title again at the top of a page: a running header */
    build("防災会議（第5回）議事要旨\n\nこれは二十文字を超える長い文でありまして途中で改\n\n－ 2 －\n"
          "防災会議（第5回）議事要旨\n\nページされた文です。\n",
          &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.lines[1].text, "これは二十文字を超える長い文でありまして途中で改ページされた文です。");
    giji_doc_free(&d);
    /* "- 1 / 5 -": the page of how many, between dashes */
    build("これは二十文字を超える長い文でありまして途中で改\n\n　　- 1 / 5 -\n\nページされた文です。\n", &d);
    assert_int_equal(d.n, 1);
    giji_doc_free(&d);
    /* "Page 2 / 3", "page 4": the English word before the number */
    build("これは二十文字を超える長い文でありまして途中で改\nPage 2 / 3\nページされた文です。\npage 4\n", &d);
    assert_int_equal(d.n, 1);
    giji_doc_free(&d);
    build("Page two of the minutes\nPage 2 - 3\n", &d);   /* words, or dashes: text */
    assert_int_equal(d.n, 2);
    giji_doc_free(&d);
    /* the title again with the page number, the date and a tag around it */
    build("第二百十一回国会参議院　情報通信委員会会議録第三号\nこれは二十文字を超える長い文でありまして途中で改\n"
          "２　　第二百十一回国会参議院　情報通信委員会会議録第三号　令和五年三月九日　【参議院】\n"
          "ページされた文です。\n",
          &d);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.lines[1].text, "これは二十文字を超える長い文でありまして途中で改ページされた文です。");
    giji_doc_free(&d);
    /* a bare number as the text's last line: the last page's footer (a bare
     * number alone, or before more text, is kept: below and the wrap case) */
    build("以上で本日の会議を終了いたします。\n6\n\n", &d);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.lines[0].text, "以上で本日の会議を終了いたします。");
    giji_doc_free(&d);
    build("議題\n3\n報告事項\n", &d);
    assert_int_equal(d.n, 3);
    giji_doc_free(&d);
    static const char *const kept[] = {"3\n", "－ 以上 －\n", "2-3\n", "－ 12345 －\n", "1/2/3\n", "-2\n",
                                       "- 1 / 5\n", "1 / 5 -\n"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        build(kept[i], &d);
        if (d.n != 1)
            fail_msg("case %zu dropped", i);
        giji_doc_free(&d);
    }
}

/* A header boxed with box-drawing characters (or markdown pipes): rules
 * dropped, a row of a short heading and its value as "HEADING：value", a row
 * with an empty first cell a line of the value above. */
static void test_boxed_table(void **state)
{
    (void)state;
    giji_doc d;
    build("会議（第9回）議事録\n"
          "────────────────\n"
          "│日　時│令和8年9月1日（火）10:00～12:00│\n"
          "────────────────\n"
          "│出席者│議長：石田和夫│\n"
          "│　　　│委員：青木健一、伊藤美和│\n"
          "| 場所 | 中央合同庁舎 |\n"
          "|---|---|\n"
          "│役職│氏名│所属│\n",
          &d);
    assert_int_equal(d.n, 6);
    assert_string_equal(d.lines[1].text, "日時：令和8年9月1日（火）10:00～12:00");
    assert_string_equal(d.lines[2].text, "出席者：議長：石田和夫");
    assert_string_equal(d.lines[3].text, "委員：青木健一、伊藤美和");
    assert_string_equal(d.lines[4].text, "場所：中央合同庁舎");
    assert_string_equal(d.lines[5].text, "役職　氏名　所属");
    giji_doc_free(&d);
    /* a line of text with a pipe in it is no row; "---" alone is no rule */
    build("A|B の比較を行った。\n---\n", &d);
    assert_int_equal(d.n, 2);
    giji_doc_free(&d);
}

/* A bulleted line continues onto an unbulleted one, but the last item of a
 * list of unterminated items does not swallow the next paragraph. */
static void test_join_bullets(void **state)
{
    (void)state;
    giji_doc d;
    build("- 前の項目は句点で終わる。\n- 二十文字を超える長さの箇条書きで途中で切れているという\n\n"
          "う、続きの文。\n",
          &d);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.lines[1].marks, GIJI_MARK_DASH);
    assert_int_equal(d.lines[1].last_lineno, 4);
    giji_doc_free(&d);

    build("- ・ 二十文字を超える長さの報告事項の一つ目について\n"
          "- ・ 二十文字を超える長さの報告事項の二つ目について\n\n"
          "上記について説明が行われた。\n",
          &d);
    assert_int_equal(d.n, 3);
    giji_doc_free(&d);
}

/* ---- the real samples -------------------------------------------------- */

static void test_sample_000(void **state)
{
    (void)state;
    giji_text t;
    giji_doc d;
    build_sample(SAMPLE_000, &t, &d);
    assert_int_equal(d.n, 125);

    const giji_line *l = find_line(&d, "温度差があり、一部の大学");
    assert_int_equal(l->lineno, 74);
    assert_int_equal(l->last_lineno, 76);
    l = find_line(&d, "地震の発生を防ぐという発想はない。地震は防ぎようがない。");
    assert_int_equal(l->lineno, 128);
    assert_int_equal(l->last_lineno, 130);
    l = find_line(&d, "各省庁がそれぞれ取り組む方向性で良いのだろうが");
    assert_int_equal(l->lineno, 168);
    assert_int_equal(l->last_lineno, 172);
    l = find_line(&d, "J-CSIPという情報共有体制を構築しており、ここには今、");
    assert_int_equal(l->lineno, 191);
    assert_int_equal(l->last_lineno, 193);
    assert_int_equal(l->marks, GIJI_MARK_DASH);
    assert_int_equal(l->blank_before, 1);
    l = find_line(&d, "取り組む必要がある。");
    assert_int_equal(l->lineno, 211);

    static const unsigned joins[][2] = {{74, 76},   {94, 96},   {110, 112}, {128, 130},
                                        {140, 142}, {154, 156}, {168, 172}, {191, 193},
                                        {211, 213}, {235, 237}};
    check_joins(&d, joins, sizeof joins / sizeof joins[0]);

    /* Header lines stay apart. */
    assert_string_equal(d.lines[0].text, "サイバーセキュリティ戦略本部");
    assert_int_equal(d.lines[0].hard_break, 1);
    assert_string_equal(d.lines[1].text, "第11回会合 議事概要");
    assert_string_equal(d.lines[2].text, "1 日時");
    assert_int_equal(d.lines[2].lineno, 6);
    assert_string_equal(d.lines[3].text, "平成29年1月25日(水) 8:30～9:30");
    assert_string_equal(d.lines[4].text, "2 場所");
    assert_string_equal(d.lines[7].text, "菅 義偉\t内閣官房長官");
    assert_int_equal(d.lines[7].blank_before, 1);
    assert_int_equal(d.lines[8].blank_before, 0);
    find_line(&d, "鶴保 庸介\t情報通信技術(IT)政策担当大臣");
    find_line(&d, "小野寺 正\tKDDI株式会社取締役会長");

    /* Headings and marks. */
    l = find_line(&d, "（中谷本部員）4点申し上げます。");
    assert_int_equal(l->heading, 5);
    assert_int_equal(l->marks, GIJI_MARK_CIRCLE);
    assert_string_equal(l->text, "（中谷本部員）4点申し上げます。");
    assert_string_equal(l->norm, "(中谷本部員)4点申し上げます。");
    l = find_exact(&d, "「重要インフラの情報セキュリティ対策に係る第4次行動計画」のパブリックコメント案について");
    assert_int_equal(l->marks, GIJI_MARK_DASH | GIJI_MARK_DOT);
    assert_int_equal(l->heading, 0);
    l = find_line(&d, "(村井本部員)決定事項と討議事項とで");
    assert_int_equal(l->marks, GIJI_MARK_DASH);
    l = find_line(&d, "（野原本部員）大きく2点");
    assert_int_equal(l->marks, GIJI_MARK_CIRCLE);
    assert_int_equal(l->heading, 0);
    l = find_line(&d, "4 議事概要");
    assert_int_equal(l->heading, 4);
    l = find_line(&d, "【決定事項】");
    assert_int_equal(l->heading, 6);

    /* The last of a list of "…について" items is not joined. */
    l = find_line(&d, "予算（2017年度政府案）について");
    assert_int_equal(l->last_lineno, 66);
    assert_int_equal(d.lines[index_of(&d, l) + 1].lineno, 68);

    /* A hard break ends the speaker line; its text is the next line. */
    l = find_line(&d, "（副本部長））");
    assert_int_equal(l->hard_break, 1);
    assert_int_equal(l->marks, GIJI_MARK_DASH);
    assert_int_equal(l->last_lineno, 174);
    assert_int_equal(d.lines[index_of(&d, l) + 1].lineno, 175);
    assert_int_equal(d.lines[index_of(&d, l) + 1].blank_before, 0);

    /* Space repairs in context. */
    find_line(&d, "AIの進歩やIoTに関しての");
    find_line(&d, "日米、日ASEANの国際連携");
    find_line(&d, "IoT/AI時代を見据えて");
    find_line(&d, "Investigatory Powers Act 2016が成立");
    find_line(&d, "National critical infrastructure and manufacturingとして");

    l = &d.lines[d.n - 1];
    assert_string_equal(l->text, "－ 以上 －");
    assert_int_equal(l->marks, 0);
    giji_doc_free(&d);
    giji_text_free(&t);
}

static void test_sample_002(void **state)
{
    (void)state;
    giji_text t;
    giji_doc d;
    build_sample(SAMPLE_002, &t, &d);
    assert_int_equal(d.n, 75);

    const giji_line *l = find_line(&d, "予め対策をたてるというう、「イベントドリブン」");
    assert_int_equal(l->lineno, 64);
    assert_int_equal(l->last_lineno, 66);
    assert_int_equal(l->marks, GIJI_MARK_DASH);   /* kept from the first line */
    l = find_line(&d, "デジタルフォレンジックの活用等による");
    assert_int_equal(l->lineno, 83);
    assert_int_equal(l->last_lineno, 85);
    static const unsigned joins[][2] = {{64, 66}, {83, 85}};
    check_joins(&d, joins, sizeof joins / sizeof joins[0]);

    assert_string_equal(d.lines[0].text,
                        "高度情報通信ネットワーク社会推進戦略本部 情報セキュリティ政策会議");
    assert_string_equal(d.lines[1].text, "第14回会合 議事要旨");
    assert_string_equal(d.lines[2].text, "1 日時");
    l = find_line(&d, "4 議事概要");
    assert_int_equal(l->lineno, 41);
    l = find_line(&d, "(4) 情報セキュリティ政策・2007年度");
    assert_int_equal(l->marks, GIJI_MARK_DASH);
    assert_int_equal(l->last_lineno, 46);
    l = find_line(&d, "(5) 政府機関対策");
    assert_int_equal(l->blank_before, 1);
    find_line(&d, "GSOCの新設");
    find_line(&d, "(※岡本 芳郎 総務大臣政務官代理出席)");
    find_line(&d, "平成20年度概算要求");
    find_line(&d, "「セキュア・ジャパン2007」に掲げられた");
    giji_doc_free(&d);
    giji_text_free(&t);
}

/* A web copy's references are decoded and its tags dropped, line for
 * line; what only looks like a reference stays. */
static void test_html_references(void **state)
{
    (void)state;
    giji_doc doc;
    build("石田&nbsp;和也&amp;JOC&#12539;&#x30FB;&lt;意見&gt;<br>\n</p>\n&unknown; &#0; &#xD800; &amp\n末行", &doc);
    assert_int_equal(doc.n, 3);   /* "</p>" alone is a blank line now */
    assert_string_equal(doc.lines[0].text, "石田 和也&JOC・・<意見>");
    assert_int_equal(doc.lines[0].lineno, 1);
    assert_string_equal(doc.lines[1].text, "&unknown; &#0; &#xD800; &amp");
    assert_int_equal(doc.lines[1].lineno, 3);
    assert_int_equal(doc.lines[2].lineno, 4);
    giji_doc_free(&doc);
}

/* Invisible characters: no-break spaces are spaces, zero-width ones and
 * soft hyphens gone, form feeds too; line numbers stay. */
static void test_invisibles(void **state)
{
    (void)state;
    giji_doc doc;
    build("青木\xc2\xa0俊介\n原子力規制\xe2\x80\x8b委員会trans\xc2\xadparent\n\x0c次のページ", &doc);
    assert_int_equal(doc.n, 3);
    assert_string_equal(doc.lines[0].text, "青木 俊介");
    assert_string_equal(doc.lines[1].text, "原子力規制委員会transparent");
    assert_string_equal(doc.lines[2].text, "次のページ");
    assert_int_equal(doc.lines[2].lineno, 3);
    giji_doc_free(&doc);
}

/* Vertical writing: presentation forms read as horizontal ones; a vertical
 * stroke after katakana is ー, in such a text only. */
static void test_vertical_forms(void **state)
{
    (void)state;
    giji_doc doc;
    build("○委員長\xef\xb8\xb5山田花子君\xef\xb8\xb6　サイバ丨セキュリティ\xef\xb8\x91トマホ｜ク\xef\xb8\x92", &doc);
    assert_int_equal(doc.n, 1);
    assert_string_equal(doc.lines[0].text, "委員長（山田花子君）　サイバーセキュリティ、トマホーク。");
    giji_doc_free(&doc);
    build("カテゴリ｜説明", &doc);   /* no vertical forms: a table's rule stays */
    assert_string_equal(doc.lines[0].text, "カテゴリ｜説明");
    giji_doc_free(&doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vertical_forms),
        cmocka_unit_test(test_html_references),
        cmocka_unit_test(test_invisibles),
        cmocka_unit_test(test_nfkc),
        cmocka_unit_test(test_nfkc_map),
        cmocka_unit_test(test_nfkc_map_matches_nfkc),
        cmocka_unit_test(test_match_key),
        cmocka_unit_test(test_nfkc_cps),
        cmocka_unit_test(test_nfkc_random),
        cmocka_unit_test(test_nfkc_append),
        cmocka_unit_test(test_match_key_prefix),
        cmocka_unit_test(test_match_key_prefix_nfkc),
        cmocka_unit_test(test_repair_acronyms),
        cmocka_unit_test(test_repair_latin_cjk),
        cmocka_unit_test(test_repair_keeps),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_invalid_offset),
        cmocka_unit_test(test_str_nospace),
        cmocka_unit_test(test_utf8_count),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_wrapped_middle_dot),
        cmocka_unit_test(test_line_fields),
        cmocka_unit_test(test_join_synthetic),
        cmocka_unit_test(test_page_numbers),
        cmocka_unit_test(test_boxed_table),
        cmocka_unit_test(test_join_refuses_headings_and_rows),
        cmocka_unit_test(test_join_bullets),
        cmocka_unit_test(test_nfkc_runs),
        cmocka_unit_test(test_sample_000),
        cmocka_unit_test(test_sample_002),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
