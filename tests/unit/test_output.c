/*
 * test_output.c — cli/output.c: display width of Japanese text (East Asian
 * Wide and Fullwidth = 2 columns), cutting with '…' at the end and in the
 * middle, table alignment and fitting, notes, CSV quoting (RFC 4180).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/output.h"

/* What `fn` writes to a stream, as a string; caller frees. */
#define CAPTURE(var, call)                                   \
    do {                                                     \
        size_t n_;                                           \
        FILE *out = open_memstream(&(var), &n_);             \
        assert_non_null(out);                                \
        assert_int_equal((call), 0);                         \
        fclose(out);                                         \
    } while (0)

static void check_fit(const char *s, size_t width, int middle, const char *want)
{
    char *got = middle ? giji_out_fit_middle(s, width) : giji_out_fit(s, width);
    assert_non_null(got);
    if (strcmp(got, want) != 0)
        fail_msg("fit%s(\"%s\", %zu) = \"%s\", want \"%s\"", middle ? "_middle" : "", s, width, got, want);
    assert_true(giji_out_width(got) <= width);
    free(got);
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(giji_out_width(""), 0);
    assert_int_equal(giji_out_width(NULL), 0);
    assert_int_equal(giji_out_width("abc"), 3);
    assert_int_equal(giji_out_width("日本"), 4);               /* Wide */
    assert_int_equal(giji_out_width("ＡＢ１"), 6);             /* Fullwidth */
    assert_int_equal(giji_out_width("ｱｲｳ"), 3);                /* Halfwidth katakana */
    assert_int_equal(giji_out_width("サイバー攻撃"), 12);
    assert_int_equal(giji_out_width("IoT推進"), 7);
    assert_int_equal(giji_out_width("e\xcc\x81"), 1);          /* e + combining acute */
    assert_int_equal(giji_out_width("a\tb\n"), 2);             /* controls take no column */
    assert_int_equal(giji_out_width("\xff" "a"), 2);           /* invalid byte shows as one */
    assert_int_equal(giji_out_width("…"), 1);
    assert_int_equal(giji_out_width("\xf0\x9f\x98\x80"), 2);   /* emoji: Wide */
}

static void test_fit(void **state)
{
    (void)state;
    check_fit("日本語", 6, 0, "日本語");
    check_fit("日本語", 5, 0, "日本…");
    check_fit("日本語", 4, 0, "日…");  /* 3 columns: 語 would not fit beside … */
    check_fit("日本語", 2, 0, "…");
    check_fit("日本語", 1, 0, "…");
    check_fit("日本語", 0, 0, "");
    check_fit("abcdef", 4, 0, "abc…");
    check_fit("a\nb\tc", 5, 0, "a b c");      /* controls become spaces */
    check_fit("a\nb\tc", 4, 0, "a b…");
    check_fit("x\xffy", 3, 0, "x\xef\xbf\xbdy"); /* invalid byte -> U+FFFD */
    check_fit("", 3, 0, "");
    check_fit(NULL, 3, 0, "");
    check_fit("000_329f7531fe1d3291.txt:42", 15, 1, "000_329….txt:42");
    check_fit("000_329f7531fe1d3291.txt:42", 40, 1, "000_329f7531fe1d3291.txt:42");
    check_fit("日本電気株式会社", 9, 1, "日本…会社");
    check_fit("日本電気株式会社", 8, 1, "日本…社");  /* head 4, tail 3 -> one wide char */
    check_fit("abc", 1, 1, "…");
}

static void test_format_and_columns(void **state)
{
    (void)state;
    giji_out_format f = GIJI_OUT_JSON;
    assert_int_equal(giji_out_format_parse("table", &f), 0);
    assert_int_equal(f, GIJI_OUT_TABLE);
    assert_int_equal(giji_out_format_parse("csv", &f), 0);
    assert_int_equal(f, GIJI_OUT_CSV);
    assert_int_equal(giji_out_format_parse("json", &f), 0);
    assert_int_equal(f, GIJI_OUT_JSON);
    assert_int_equal(giji_out_format_parse("JSON", &f), -1);
    assert_int_equal(giji_out_format_parse("", &f), -1);
    assert_int_equal(giji_out_format_parse(NULL, &f), -1);

    unsetenv("COLUMNS");
    assert_int_equal(giji_out_columns(), 80);
    setenv("COLUMNS", "132", 1);
    assert_int_equal(giji_out_columns(), 132);
    setenv("COLUMNS", "12", 1);   /* too narrow to be meant */
    assert_int_equal(giji_out_columns(), 80);
    setenv("COLUMNS", "100x", 1);
    assert_int_equal(giji_out_columns(), 80);
    unsetenv("COLUMNS");
}

static void test_table_alignment(void **state)
{
    (void)state;
    static const giji_column cols[] = {
        {"NAME", 0, 0}, {"TYPE", 0, 0}, {"N", GIJI_COL_RIGHT, 0}, {"IDS", 0, 0}};
    giji_table *t = giji_table_new(4, cols);
    assert_non_null(t);
    const char *r1[] = {"サイバー攻撃", "topic", "14", "1 2"};
    const char *r2[] = {"IoT", "topic", "3", "5"};
    const char *r3[] = {"ＮＩＳＣ", "ministry", "120", NULL};
    assert_int_equal(giji_table_add(t, r1), 0);
    assert_int_equal(giji_table_add(t, r2), 0);
    assert_int_equal(giji_table_add(t, r3), 0);
    assert_int_equal(giji_table_rows(t), 3);
    char *got;
    CAPTURE(got, giji_table_write(t, out, 0));
    /* Columns line up on screen: サイバー攻撃 and ＮＩＳＣ are 12 and 8
     * columns wide, IoT 3; the last column has no trailing spaces. */
    assert_string_equal(got,
                        "NAME          TYPE        N  IDS\n"
                        "サイバー攻撃  topic      14  1 2\n"
                        "IoT           topic       3  5\n"
                        "ＮＩＳＣ      ministry  120\n");
    free(got);
    giji_table_free(t);
}

static void test_table_fits_width(void **state)
{
    (void)state;
    static const giji_column cols[] = {
        {"NAME", 0, 6}, {"N", GIJI_COL_RIGHT | GIJI_COL_FIXED, 0}, {"IDS", GIJI_COL_SHRINK_FIRST, 5}};
    giji_table *t = giji_table_new(3, cols);
    assert_non_null(t);
    const char *r1[] = {"内閣サイバーセキュリティセンター", "10", "3 6 11 22 28 31 40"};
    const char *r2[] = {"日本", "2", "1"};
    assert_int_equal(giji_table_add(t, r1), 0);
    assert_int_equal(giji_table_add(t, r2), 0);
    assert_int_equal(giji_table_note(t, "a note\nthat is long enough to be cut"), 0);
    char *got;
    /* Natural width 32 + 2 + 18 and two separators = 56. At 40, IDS goes
     * first, down to its minimum 5 (43), then NAME to 29 (40). */
    CAPTURE(got, giji_table_write(t, out, 40));
    char *line = got;
    for (int i = 0; i < 4; i++) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        if (giji_out_width(line) > 40)
            fail_msg("line %d is %zu columns wide: '%s'", i + 1, giji_out_width(line), line);
        line = nl + 1;
    }
    free(got);
    CAPTURE(got, giji_table_write(t, out, 40));
    assert_string_equal(got,
                        "NAME                            N  IDS\n"
                        "内閣サイバーセキュリティセン…  10  3 6…\n"
                        "日本                            2  1\n"
                        "    a note that is long enough to be cut\n");
    free(got);

    /* Too narrow for the minimums: the table stays wider, never below them. */
    CAPTURE(got, giji_table_write(t, out, 10));
    assert_string_equal(got,
                        "NAME     N  IDS\n"
                        "内閣…   10  3 6…\n"
                        "日本     2  1\n"
                        "    a not…\n"); /* notes fit max_width - 4 */
    free(got);
    giji_table_free(t);
}

static void test_table_empty_and_note_errors(void **state)
{
    (void)state;
    static const giji_column cols[] = {{"", GIJI_COL_FIXED, 0}, {"NAME", 0, 0}};
    giji_table *t = giji_table_new(2, cols);
    assert_non_null(t);
    assert_int_equal(giji_table_note(t, "no row yet"), -1);
    char *got;
    CAPTURE(got, giji_table_write(t, out, 80));
    assert_string_equal(got, "  NAME\n"); /* a table with no rows is its header */
    free(got);
    const char *r[] = {"*", "発見"};
    assert_int_equal(giji_table_add(t, r), 0);
    CAPTURE(got, giji_table_write(t, out, 80));
    assert_string_equal(got, "   NAME\n*  発見\n");
    free(got);
    giji_table_free(t);
    giji_table_free(NULL);
}

/* Several note lines under a row (giji who: a remark line, its excerpt). */
static void test_table_note_lines(void **state)
{
    (void)state;
    static const giji_column cols[] = {{"#", GIJI_COL_RIGHT, 0}, {"SPEAKER", 0, 0}};
    giji_table *t = giji_table_new(2, cols);
    assert_non_null(t);
    assert_int_equal(giji_table_note_add(t, "no row yet"), -1);
    const char *r[] = {"1", "野原 佐和子"};
    assert_int_equal(giji_table_add(t, r), 0);
    assert_int_equal(giji_table_note_add(t, "[3] 2017-01-25"), 0);
    assert_int_equal(giji_table_note_add(t, "  …【ISAC】を\n設立…"), 0); /* its own break: a space */
    char *got;
    CAPTURE(got, giji_table_write(t, out, 20));
    assert_string_equal(got,
                        "#  SPEAKER\n"
                        "1  野原 佐和子\n"
                        "    [3] 2017-01-25\n"
                        "      …【ISAC】を…\n"); /* no "を …": the cut shows as "を…" */
    free(got);
    /* giji_table_note replaces them all */
    assert_int_equal(giji_table_note(t, "one"), 0);
    CAPTURE(got, giji_table_write(t, out, 0));
    assert_string_equal(got, "#  SPEAKER\n1  野原 佐和子\n    one\n");
    free(got);
    giji_table_free(t);
}

/* Running text wrapped by display width, paragraphs kept, no line starting
 * with closing punctuation. */
static void test_wrap(void **state)
{
    (void)state;
    char *got;
    CAPTURE(got, giji_out_wrap(out, "あいうえ。かき\n\nabc def ghi", 8, "  "));
    assert_string_equal(got,
                        "  あいう\n"  /* え moves down: 。 may not start a line */
                        "  え。かき\n"
                        "\n"
                        "  abc def\n" /* not "abc def " + "gh" / "i" */
                        "  ghi\n");
    free(got);
    CAPTURE(got, giji_out_wrap(out, "", 10, "  "));
    assert_string_equal(got, "\n");
    free(got);
}

static void test_csv(void **state)
{
    (void)state;
    const char *fields[] = {"plain", "a,b", "say \"hi\"", "line\nbreak", "cr\r", "", NULL, "日本語",
                            " spaced ", "'quote'"};
    char *got;
    CAPTURE(got, giji_csv_row(out, fields, 10));
    assert_string_equal(got, "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\r\",,,日本語, spaced ,'quote'\r\n");
    free(got);
    CAPTURE(got, giji_csv_field(out, "\""));
    assert_string_equal(got, "\"\"\"\"");
    free(got);
    CAPTURE(got, giji_csv_row(out, fields, 0));
    assert_string_equal(got, "\r\n");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_format_and_columns),
        cmocka_unit_test(test_table_alignment),
        cmocka_unit_test(test_table_fits_width),
        cmocka_unit_test(test_table_empty_and_note_errors),
        cmocka_unit_test(test_table_note_lines),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
