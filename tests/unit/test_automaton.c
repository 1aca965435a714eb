/*
 * test_automaton.c — extract/automaton.c: the Aho–Corasick automaton over
 * code points. Every automaton here is checked against a brute-force search:
 * at every end position of a text, giji_ac_match gives the longest pattern
 * ending there and giji_ac_next_match walks to every shorter one, in
 * decreasing length, and to nothing else. Covers the classic he/she/his/hers
 * set, nested Japanese names (インフラ inside 重要インフラ inside a plan name),
 * failure links after a long partial match, duplicates (first value kept,
 * reported through `existing`), empty patterns, adds after build, texts with
 * no match, code points beyond the BMP, states with few and many children,
 * and a 10,000-pattern automaton (wide sorted child arrays, deep fail
 * chains). giji_ac_scan is checked against stepping on every text, and
 * for stopping at a non-zero result of its hit function.
 * Every test frees what it builds: run it under -DGIJI_SANITIZE=ON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "giji/error.h"
#include "extract/automaton.h"

/* ---- helpers ----------------------------------------------------------- */

/* Decode UTF-8 into code points, independently of the library's decoder.
 * Returns a malloc'd array (never NULL; *n may be 0). Fails the test on
 * malformed input: the test strings are ours. */
static uint32_t *cps_of(const char *s, size_t *n)
{
    size_t len = strlen(s), k = 0;
    uint32_t *out = malloc((len + 1) * sizeof *out);
    assert_non_null(out);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        int extra = 0;
        uint32_t cp = 0;
        if (c < 0x80) { cp = c; extra = 0; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
        else fail_msg("bad UTF-8 lead byte 0x%02x in test string", c);
        if (extra && i + (size_t)extra >= len)
            fail_msg("truncated UTF-8 in test string");
        for (int j = 1; j <= extra; j++) {
            unsigned char d = (unsigned char)s[i + (size_t)j];
            if ((d & 0xC0) != 0x80)
                fail_msg("bad UTF-8 continuation byte in test string");
            cp = (cp << 6) | (d & 0x3F);
        }
        out[k++] = cp;
        i += (size_t)extra + 1;
    }
    *n = k;
    return out;
}

/* A pattern set kept alongside the automaton, for the brute-force oracle. */
typedef struct pat {
    uint32_t *cps;
    size_t len;
    int value;       /* the value the automaton should report */
} pat;

typedef struct patset {
    pat *p;
    size_t n, cap;
    giji_ac *ac;
} patset;

static void ps_init(patset *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->ac = giji_ac_new();
    assert_non_null(ps->ac);
}

static void ps_free(patset *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->p[i].cps);
    free(ps->p);
    giji_ac_free(ps->ac);
    memset(ps, 0, sizeof *ps);
}

/* Add code points as a pattern with `value`. Returns what `existing` said. */
static int ps_add_cps(patset *ps, uint32_t *cps, size_t len, int value)
{
    int existing = -2;
    int rc = giji_ac_add(ps->ac, cps, len, value, &existing);
    if (rc != GIJI_OK)
        fail_msg("giji_ac_add failed (%d): %s", rc, giji_error_message());
    if (existing >= 0) { /* a duplicate: the first one stays */
        free(cps);
        return existing;
    }
    assert_int_equal(existing, -1);
    if (ps->n)  /* values rise, so pat_of_value can search */
        assert_true(value > ps->p[ps->n - 1].value);
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 16;
        ps->p = realloc(ps->p, ps->cap * sizeof *ps->p);
        assert_non_null(ps->p);
    }
    ps->p[ps->n++] = (pat){cps, len, value};
    return -1;
}

static int ps_add(patset *ps, const char *utf8, int value)
{
    size_t n;
    uint32_t *cps = cps_of(utf8, &n);
    return ps_add_cps(ps, cps, n, value);
}

static void ps_build(patset *ps)
{
    int rc = giji_ac_build(ps->ac);
    if (rc != GIJI_OK)
        fail_msg("giji_ac_build failed (%d): %s", rc, giji_error_message());
}

static const pat *pat_of_value(const patset *ps, int value)
{
    size_t lo = 0, hi = ps->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ps->p[mid].value < value) lo = mid + 1;
        else hi = mid;
    }
    return lo < ps->n && ps->p[lo].value == value ? &ps->p[lo] : NULL;
}

/* One match reported by the automaton: which pattern, and its length. */
typedef struct hit { int value; size_t len; } hit;

/* giji_ac_scan's view of a text: what each call of its hit function said. */
typedef struct scan_log {
    const giji_ac *ac;
    hit **hits;
    size_t *counts;
    size_t n, last, calls;
    int called;
} scan_log;

/* The hit function of check_scan: the matches at i, read from m, are
 * those that stepping found there, in the same order. */
static int scan_hit(void *ctx, size_t i, uint32_t m)
{
    scan_log *l = ctx;
    if (i >= l->n || (l->called && i <= l->last))
        fail_msg("scan: hit at %zu after %zu (text of %zu)", i, l->last, l->n);
    if (!l->counts[i])
        fail_msg("scan: hit at %zu where stepping found no match", i);
    size_t k = 0;
    int value;
    size_t len;
    uint32_t next;
    for (int ok = giji_ac_next_match(l->ac, m, &value, &len, &next); ok;
         ok = giji_ac_next_match(l->ac, next, &value, &len, &next), k++) {
        if (k >= l->counts[i] || l->hits[i][k].value != value || l->hits[i][k].len != len)
            fail_msg("scan: at %zu, match %zu is %d:%zu, stepping found otherwise", i, k, value, len);
    }
    assert_int_equal(k, l->counts[i]);
    l->last = i;
    l->called = 1;
    l->calls++;
    return 0;
}

/* giji_ac_scan calls its hit function exactly where stepping found
 * matches, with the same matches. */
static void check_scan(const giji_ac *ac, const uint32_t *text, size_t n, hit **hits, size_t *counts)
{
    scan_log l = {.ac = ac, .hits = hits, .counts = counts, .n = n};
    assert_int_equal(giji_ac_scan(ac, text, n, scan_hit, &l), 0);
    size_t want = 0;
    for (size_t i = 0; i < n; i++)
        want += counts[i] > 0;
    assert_int_equal(l.calls, want);
}

/* The hit function of test_scan_stops: stops at the second hit. */
static int stop_second(void *ctx, size_t i, uint32_t m)
{
    (void)m;
    size_t *seen = ctx;
    seen[seen[0] + 1] = i;
    return ++seen[0] == 2 ? 7 : 0;
}

/* Every match the automaton reports at each end position of `text`:
 * hits[i] lists those ending at text[i], longest first. Caller frees each
 * hits[i] and hits. Checks the walk is strictly decreasing in length. */
static hit **ac_scan(const giji_ac *ac, const uint32_t *text, size_t n, size_t **counts)
{
    hit **hits = calloc(n + 1, sizeof *hits);
    size_t *cnt = calloc(n + 1, sizeof *cnt);
    assert_non_null(hits);
    assert_non_null(cnt);
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++) {
        state = giji_ac_step(ac, state, text[i]);
        int value;
        size_t len, cap = 0;
        uint32_t next;
        size_t prev = (size_t)-1;
        for (int ok = giji_ac_match(ac, state, &value, &len, &next); ok;
             ok = giji_ac_next_match(ac, next, &value, &len, &next)) {
            if (len >= prev)
                fail_msg("at %zu: match of length %zu after one of length %zu", i, len, prev);
            if (len == 0 || len > i + 1)
                fail_msg("at %zu: impossible match length %zu", i, len);
            prev = len;
            if (cnt[i] == cap) {
                cap = cap ? cap * 2 : 4;
                hits[i] = realloc(hits[i], cap * sizeof **hits);
                assert_non_null(hits[i]);
            }
            hits[i][cnt[i]++] = (hit){value, len};
        }
    }
    *counts = cnt;
    check_scan(ac, text, n, hits, cnt);
    return hits;
}

static void hits_free(hit **hits, size_t *counts, size_t n)
{
    for (size_t i = 0; i <= n; i++)
        free(hits[i]);
    free(hits);
    free(counts);
}

/* Does pattern p end at text[end]? */
static int ends_at(const pat *p, const uint32_t *text, size_t end)
{
    if (p->len > end + 1 || p->cps[p->len - 1] != text[end])
        return 0;
    return memcmp(p->cps, text + end + 1 - p->len, p->len * sizeof *text) == 0;
}

/* The automaton's matches on `text` are exactly the brute-force ones.
 * Returns the number of matches. */
static size_t check_against_brute_force(const patset *ps, const uint32_t *text, size_t n)
{
    size_t *counts;
    hit **hits = ac_scan(ps->ac, text, n, &counts);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        /* everything reported is a real occurrence of that pattern */
        for (size_t k = 0; k < counts[i]; k++) {
            const pat *p = pat_of_value(ps, hits[i][k].value);
            if (!p)
                fail_msg("at %zu: unknown value %d", i, hits[i][k].value);
            if (p->len != hits[i][k].len || !ends_at(p, text, i))
                fail_msg("at %zu: value %d (length %zu) reported with length %zu but does not end there",
                         i, p->value, p->len, hits[i][k].len);
        }
        /* every real occurrence is reported */
        size_t want = 0;
        for (size_t j = 0; j < ps->n; j++) {
            if (!ends_at(&ps->p[j], text, i))
                continue;
            want++;
            int seen = 0;
            for (size_t k = 0; k < counts[i] && !seen; k++)
                seen = hits[i][k].value == ps->p[j].value;
            if (!seen)
                fail_msg("at %zu: pattern with value %d (length %zu) ends here but was not reported", i,
                         ps->p[j].value, ps->p[j].len);
        }
        assert_int_equal(counts[i], want);
        total += want;
    }
    hits_free(hits, counts, n);
    return total;
}

static size_t check_text(const patset *ps, const char *utf8)
{
    size_t n;
    uint32_t *text = cps_of(utf8, &n);
    size_t total = check_against_brute_force(ps, text, n);
    free(text);
    return total;
}

/* The matches ending at code point `end` of `utf8`, longest first, as
 * "value:len" joined by spaces (for readable expectations). */
static void expect_at(const patset *ps, const char *utf8, size_t end, const char *want)
{
    size_t n;
    uint32_t *text = cps_of(utf8, &n);
    assert_true(end < n);
    size_t *counts;
    hit **hits = ac_scan(ps->ac, text, n, &counts);
    char got[256] = "";
    for (size_t k = 0; k < counts[end]; k++) {
        size_t at = strlen(got);
        snprintf(got + at, sizeof got - at, "%s%d:%zu", k ? " " : "", hits[end][k].value, hits[end][k].len);
    }
    hits_free(hits, counts, n);
    free(text);
    assert_string_equal(got, want);
}

/* ---- the classic set ----------------------------------------------------- */

static void test_classic_set(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    assert_int_equal(ps_add(&ps, "he", 0), -1);
    assert_int_equal(ps_add(&ps, "she", 1), -1);
    assert_int_equal(ps_add(&ps, "his", 2), -1);
    assert_int_equal(ps_add(&ps, "hers", 3), -1);
    ps_build(&ps);
    /* root + h,he,her,hers,hi,his + s,sh,she */
    assert_int_equal(giji_ac_states(ps.ac), 10);

    /* "ushers": she and he end at 'e' (3), hers at 's' (5) */
    expect_at(&ps, "ushers", 0, "");
    expect_at(&ps, "ushers", 3, "1:3 0:2");
    expect_at(&ps, "ushers", 4, "");
    expect_at(&ps, "ushers", 5, "3:4");
    assert_int_equal(check_text(&ps, "ushers"), 3);

    /* every pattern at every position, overlapping and back to back */
    assert_int_equal(check_text(&ps, "hishershehishe"), 9);
    assert_int_equal(check_text(&ps, "hehehe"), 3);
    assert_int_equal(check_text(&ps, "shshehhishers"), 6);
    assert_int_equal(check_text(&ps, "ahishers"), 4);
    ps_free(&ps);
}

/* Each pattern alone, and each inside a longer text at every offset. */
static void test_every_pattern_every_position(void **state)
{
    (void)state;
    static const char *const pats[] = {"he", "she", "his", "hers", "s", "rs", "ershe"};
    static const char *const fill[] = {"", "x", "h", "sh", "hi", "xyz"};
    patset ps;
    ps_init(&ps);
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++)
        assert_int_equal(ps_add(&ps, pats[i], (int)i * 10), -1);
    ps_build(&ps);
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        for (size_t a = 0; a < sizeof fill / sizeof *fill; a++)
            for (size_t b = 0; b < sizeof fill / sizeof *fill; b++) {
                char text[64];
                snprintf(text, sizeof text, "%s%s%s", fill[a], pats[i], fill[b]);
                size_t n;
                uint32_t *cps = cps_of(text, &n);
                check_against_brute_force(&ps, cps, n);
                /* the pattern itself is among the matches at its end */
                size_t end = strlen(fill[a]) + strlen(pats[i]) - 1, *counts;
                hit **hits = ac_scan(ps.ac, cps, n, &counts);
                int seen = 0;
                for (size_t k = 0; k < counts[end]; k++)
                    seen |= hits[end][k].value == (int)i * 10 && hits[end][k].len == strlen(pats[i]);
                if (!seen)
                    fail_msg("'%s' not found in '%s'", pats[i], text);
                hits_free(hits, counts, n);
                free(cps);
            }
    }
    ps_free(&ps);
}

/* ---- Japanese names nested in each other ------------------------------- */

static void test_japanese_nested(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    assert_int_equal(ps_add(&ps, "重要インフラ", 1), -1);
    assert_int_equal(ps_add(&ps, "重要インフラの情報セキュリティ対策に係る第4次行動計画", 2), -1);
    assert_int_equal(ps_add(&ps, "インフラ", 3), -1);
    ps_build(&ps);

    static const char plan[] = "「重要インフラの情報セキュリティ対策に係る第4次行動計画」の案";
    /* 重要インフラ ends at 6 (after 「), インフラ too; the plan at 27 */
    expect_at(&ps, plan, 6, "1:6 3:4");
    expect_at(&ps, plan, 27, "2:27");
    expect_at(&ps, plan, 28, "");
    assert_int_equal(check_text(&ps, plan), 3);

    /* a long partial match of the plan that fails late must still find
     * インフラ afterwards through the failure links */
    static const char partial[] = "重要インフラの情報セキュリティ対策に係る第5次行動計画とインフラ";
    assert_int_equal(check_text(&ps, partial), 3);
    expect_at(&ps, partial, 31, "3:4");
    /* restart inside a partial match: 重要 重要インフラ */
    assert_int_equal(check_text(&ps, "重要重要インフラの情報重要インフラ"), 4);
    assert_int_equal(check_text(&ps, "インフラインフラ"), 2);
    ps_free(&ps);
}

/* Code points beyond the BMP, and one pattern the prefix of another. */
static void test_astral_and_prefixes(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    assert_int_equal(ps_add(&ps, "𠮷野家", 1), -1);  /* U+20BB7 */
    assert_int_equal(ps_add(&ps, "𠮷", 2), -1);
    assert_int_equal(ps_add(&ps, "野家", 3), -1);
    assert_int_equal(ps_add(&ps, "a", 4), -1);
    assert_int_equal(ps_add(&ps, "aa", 5), -1);
    assert_int_equal(ps_add(&ps, "aaa", 6), -1);
    ps_build(&ps);
    expect_at(&ps, "𠮷野家", 0, "2:1");
    expect_at(&ps, "𠮷野家", 2, "1:3 3:2");
    expect_at(&ps, "aaaa", 3, "6:3 5:2 4:1");
    expect_at(&ps, "aaaa", 1, "5:2 4:1");
    assert_int_equal(check_text(&ps, "𠮷𠮷野家aaaa𠮷"), 1 + 1 + 1 + 1 + (4 + 3 + 2) + 1);
    ps_free(&ps);
}

/* ---- adding --------------------------------------------------------------- */

static void test_duplicate_keeps_first(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    assert_int_equal(ps_add(&ps, "米国", 7), -1);
    assert_int_equal(ps_add(&ps, "米国国土安全保障省", 8), -1);
    /* the same pattern again: first value kept and reported */
    size_t n;
    uint32_t *cps = cps_of("米国", &n);
    int existing = 12345;
    assert_int_equal(giji_ac_add(ps.ac, cps, n, 99, &existing), GIJI_OK);
    assert_int_equal(existing, 7);
    /* `existing` may be NULL */
    assert_int_equal(giji_ac_add(ps.ac, cps, n, 98, NULL), GIJI_OK);
    free(cps);
    /* a pattern that is a prefix of an existing one (its node exists, with
     * no value) is new, not a duplicate */
    assert_int_equal(ps_add(&ps, "米国国土", 9), -1);
    /* a new pattern resets existing to -1 */
    cps = cps_of("国土安全保障省", &n);
    existing = 12345;
    assert_int_equal(giji_ac_add(ps.ac, cps, n, 10, &existing), GIJI_OK);
    assert_int_equal(existing, -1);
    free(cps);
    ps_build(&ps);
    expect_at(&ps, "米国", 1, "7:2");
    expect_at(&ps, "米国国土安全保障省", 8, "8:9 10:7");
    expect_at(&ps, "米国国土安全保障省", 3, "9:4");
    ps_free(&ps);
}

static void test_empty_pattern_rejected(void **state)
{
    (void)state;
    giji_ac *ac = giji_ac_new();
    assert_non_null(ac);
    uint32_t a = 'a';
    int existing = 5;
    giji_error_clear();
    assert_int_equal(giji_ac_add(ac, &a, 0, 1, &existing), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "empty pattern"));
    assert_int_equal(existing, -1);
    assert_int_equal(giji_ac_states(ac), 1);
    /* the automaton still works afterwards */
    assert_int_equal(giji_ac_add(ac, &a, 1, 1, NULL), GIJI_OK);
    assert_int_equal(giji_ac_build(ac), GIJI_OK);
    int value;
    size_t len;
    uint32_t next;
    uint32_t s = giji_ac_step(ac, 0, 'a');
    assert_int_equal(giji_ac_match(ac, s, &value, &len, &next), 1);
    assert_int_equal(value, 1);
    assert_int_equal(len, 1);
    assert_int_equal(giji_ac_next_match(ac, next, &value, &len, &next), 0);
    giji_ac_free(ac);
}

static void test_add_after_build_rejected(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    ps_add(&ps, "he", 0);
    ps_build(&ps);
    size_t n;
    uint32_t *cps = cps_of("she", &n);
    int existing = 5;
    giji_error_clear();
    assert_int_equal(giji_ac_add(ps.ac, cps, n, 1, &existing), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "after build"));
    assert_int_equal(existing, -1);
    free(cps);
    /* an existing pattern after build is rejected too */
    cps = cps_of("he", &n);
    assert_int_equal(giji_ac_add(ps.ac, cps, n, 1, NULL), GIJI_EINVAL);
    free(cps);
    /* nothing changed */
    assert_int_equal(check_text(&ps, "she"), 1);
    expect_at(&ps, "she", 2, "0:2");
    ps_free(&ps);
}

static void test_no_match(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    ps_add(&ps, "he", 0);
    ps_add(&ps, "she", 1);
    ps_add(&ps, "重要インフラ", 2);
    ps_build(&ps);
    assert_int_equal(check_text(&ps, "xyz abc 重要なインフ ラ hxe sxh"), 0);
    assert_int_equal(check_text(&ps, ""), 0);
    /* the root has no match */
    int value = 42;
    size_t len = 42;
    uint32_t next = 42;
    assert_int_equal(giji_ac_match(ps.ac, 0, &value, &len, &next), 0);
    assert_int_equal(giji_ac_next_match(ps.ac, 0, &value, &len, &next), 0);
    ps_free(&ps);

    /* an automaton with no pattern at all builds and matches nothing */
    giji_ac *ac = giji_ac_new();
    assert_non_null(ac);
    assert_int_equal(giji_ac_build(ac), GIJI_OK);
    assert_int_equal(giji_ac_states(ac), 1);
    assert_int_equal(giji_ac_step(ac, 0, 'a'), 0);
    assert_int_equal(giji_ac_match(ac, 0, &value, &len, &next), 0);
    giji_ac_free(ac);
    giji_ac_free(NULL);
}

/* giji_ac_scan stops at the first non-zero result of its hit function and
 * returns it; states with 1 to 9 children (a scan up to 4, a binary search
 * beyond) step right on every child and fail on code points between them. */
static void test_scan_stops_and_child_counts(void **state)
{
    (void)state;
    patset ps;
    ps_init(&ps);
    static const char *const pats[] = {"ab", "b", "abc", "x"};
    for (int i = 0; i < 4; i++)
        ps_add(&ps, pats[i], i);
    ps_build(&ps);
    size_t n;
    uint32_t *text = cps_of("xxabcab", &n);
    size_t seen[8] = {0};
    assert_int_equal(giji_ac_scan(ps.ac, text, n, stop_second, seen), 7);
    assert_int_equal(seen[0], 2);
    assert_int_equal(seen[1], 0);
    assert_int_equal(seen[2], 1);
    free(text);
    ps_free(&ps);

    /* "q" + k children for k = 1..9: qa, qc, qe, ... (every other letter) */
    for (int k = 1; k <= 9; k++) {
        ps_init(&ps);
        for (int c = 0; c < k; c++) {
            char two[3] = {'q', (char)('a' + 2 * c), 0};
            ps_add(&ps, two, c);
        }
        ps_build(&ps);
        assert_int_equal(check_text(&ps, "qa qb qc qd qe qf qg qh qi qj qk ql qm qn qo qp qq qr qs qt"), (size_t)k);
        ps_free(&ps);
    }
}

/* ---- at scale --------------------------------------------------------------- */

static uint32_t rng_state = 12345u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) & 0xFFFFFF;
}

/* Code points of three kinds: a 4-letter Latin alphabet (many shared
 * prefixes and suffixes: deep fail chains), 400 CJK ideographs (wide child
 * arrays at the root for the binary search) and a few astral ones. */
static uint32_t random_cp(int kind)
{
    if (kind == 0)
        return 'a' + rng() % 4;
    if (kind == 1)
        return 0x4E00 + rng() % 400;
    return 0x20000 + rng() % 8;
}

static void test_ten_thousand_patterns(void **state)
{
    (void)state;
    enum { NPAT = 10000, TEXTLEN = 4000 };
    rng_state = 12345u;
    patset ps;
    ps_init(&ps);
    int value = 0;
    size_t dups = 0;
    while (ps.n < NPAT) {
        int kind = rng() % 3 == 0 ? 0 : (rng() % 10 == 0 ? 2 : 1);
        size_t len = 1 + rng() % (kind == 0 ? 12 : 6);
        uint32_t *cps = malloc(len * sizeof *cps);
        assert_non_null(cps);
        for (size_t i = 0; i < len; i++)
            cps[i] = random_cp(rng() % 5 == 0 ? (int)(rng() % 3) : kind);
        int existing = ps_add_cps(&ps, cps, len, value);
        if (existing >= 0) {
            dups++;
            assert_true(existing < value);
        }
        value++;
    }
    assert_true(dups > 0); /* the short Latin ones repeat */
    ps_build(&ps);
    assert_true(giji_ac_states(ps.ac) > NPAT);

    /* each pattern, as a text of its own, is the longest match at its end */
    for (size_t i = 0; i < ps.n; i++) {
        const pat *p = &ps.p[i];
        uint32_t s = 0;
        for (size_t k = 0; k < p->len; k++)
            s = giji_ac_step(ps.ac, s, p->cps[k]);
        int v;
        size_t len;
        uint32_t next;
        if (!giji_ac_match(ps.ac, s, &v, &len, &next) || v != p->value || len != p->len)
            fail_msg("pattern %zu (value %d, length %zu) not found as itself", i, p->value, p->len);
    }

    /* a long text made of patterns, pieces of patterns and noise: every
     * occurrence of every pattern at every position */
    uint32_t *text = malloc(TEXTLEN * sizeof *text);
    assert_non_null(text);
    size_t n = 0;
    while (n < TEXTLEN) {
        unsigned what = rng() % 4;
        if (what < 2) { /* a whole pattern */
            const pat *p = &ps.p[rng() % ps.n];
            for (size_t k = 0; k < p->len && n < TEXTLEN; k++)
                text[n++] = p->cps[k];
        } else if (what == 2) { /* a pattern cut short */
            const pat *p = &ps.p[rng() % ps.n];
            for (size_t k = 0; k + 1 < p->len && n < TEXTLEN; k++)
                text[n++] = p->cps[k];
        } else {
            text[n++] = rng() % 2 ? random_cp(0) : (rng() % 2 ? 0x3042 : random_cp(1));
        }
    }
    size_t found = check_against_brute_force(&ps, text, n);
    assert_true(found > TEXTLEN / 4);
    free(text);
    ps_free(&ps);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classic_set),
        cmocka_unit_test(test_every_pattern_every_position),
        cmocka_unit_test(test_japanese_nested),
        cmocka_unit_test(test_astral_and_prefixes),
        cmocka_unit_test(test_duplicate_keeps_first),
        cmocka_unit_test(test_empty_pattern_rejected),
        cmocka_unit_test(test_add_after_build_rejected),
        cmocka_unit_test(test_no_match),
        cmocka_unit_test(test_scan_stops_and_child_counts),
        cmocka_unit_test(test_ten_thousand_patterns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
