/*
 * test_date.c — era and western dates, kanji numerals, time ranges
 * (segment/date.c driven by data/eras.tsv).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "giji/giji.h"

static giji_rules *rules;

static int setup(void **state)
{
    (void)state;
    return giji_rules_load(GIJI_TEST_DATA, &rules);
}

static int teardown(void **state)
{
    (void)state;
    giji_rules_free(rules);
    return 0;
}

static void expect_date(const char *text, const char *iso)
{
    char out[11] = "";
    int k = giji_date_parse(rules, text, out);
    if (k <= 0)
        fail_msg("'%s': no date (%d): %s", text, k, giji_error_message());
    assert_string_equal(out, iso);
}

static void expect_invalid(const char *text, const char *why)
{
    char out[11] = "";
    int k = giji_date_parse(rules, text, out);
    if (k >= 0)
        fail_msg("'%s' accepted as %s", text, out);
    assert_non_null(strstr(giji_error_message(), why));
}

static void test_eras(void **state)
{
    (void)state;
    expect_date("平成29年1月25日(水)", "2017-01-25");
    expect_date("平成19年10月3日", "2007-10-03");
    expect_date("令和5年4月1日", "2023-04-01");
    expect_date("昭和50年12月31日", "1975-12-31");
    expect_date("大正12年9月1日", "1923-09-01");
    expect_date("明治45年7月29日", "1912-07-29");
    expect_date("平成 29 年 1 月 25 日", "2017-01-25");
    /* the year again in the other calendar, in brackets (NFKC text) */
    expect_date("令和5年(2023年)10月5日(木)", "2023-10-05");
    expect_date("2023年(令和5年)10月5日", "2023-10-05");
    expect_date("令和元年 (2019年) 5月1日", "2019-05-01");
}

static void test_first_years(void **state)
{
    (void)state;
    expect_date("令和元年5月1日", "2019-05-01");
    expect_date("平成元年1月8日", "1989-01-08");
    expect_date("昭和元年12月25日", "1926-12-25");
    expect_date("大正元年7月30日", "1912-07-30");
    expect_date("令和元年12月31日", "2019-12-31");
}

static void test_boundaries(void **state)
{
    (void)state;
    expect_date("平成31年4月30日", "2019-04-30");
    expect_date("昭和64年1月7日", "1989-01-07");
    expect_invalid("平成31年5月1日", "after the last day of 平成");
    expect_invalid("昭和64年1月8日", "after the last day of 昭和");
    expect_invalid("平成元年1月7日", "before the first day of 平成");
    expect_invalid("令和元年4月30日", "before the first day of 令和");
    expect_invalid("大正15年12月25日", "after the last day of 大正");
}

static void test_kanji_numerals(void **state)
{
    (void)state;
    expect_date("平成三十年三月六日（火曜日）", "2018-03-06");
    expect_date("令和二年十二月二十一日", "2020-12-21");
    expect_date("二〇一七年一月二十五日", "2017-01-25");
    long v;
    assert_int_equal(giji_number_parse("十四回", &v), 6);
    assert_int_equal(v, 14);
    assert_int_equal(giji_number_parse("百九十六", &v) > 0, 1);
    assert_int_equal(v, 196);
    assert_int_equal(giji_number_parse("二十一", &v) > 0, 1);
    assert_int_equal(v, 21);
    assert_int_equal(giji_number_parse("14", &v), 2);
    assert_int_equal(v, 14);
    assert_int_equal(giji_number_parse("会合", &v), 0);
}

static void test_western_and_abbreviated(void **state)
{
    (void)state;
    expect_date("2017年1月25日", "2017-01-25");
    expect_date("2017/1/25", "2017-01-25");
    expect_date("2017-01-25", "2017-01-25");
    expect_date("2017.1.25", "2017-01-25");
    expect_date("H29.1.25", "2017-01-25");
    expect_date("R1.5.1", "2019-05-01");
    expect_invalid("2017年2月30日", "no such day");
    expect_invalid("2019年2月29日", "no such day");
    expect_date("2020年2月29日", "2020-02-29");
    char out[11];
    assert_int_equal(giji_date_parse(rules, "第4次行動計画", out), 0);
    assert_int_equal(giji_date_parse(rules, "2020年東京大会", out), 0);
}

static void expect_times(const char *s, const char *start, const char *end)
{
    char a[6], b[6];
    assert_int_equal(giji_time_range_parse(s, a, b), 1);
    assert_string_equal(a, start);
    assert_string_equal(b, end);
}

static void test_times(void **state)
{
    (void)state;
    expect_times("平成29年1月25日(水) 8:30~9:30", "08:30", "09:30");
    expect_times("平成19年10月3日(水) 17:20~18:20", "17:20", "18:20");
    expect_times("10時00分〜11時30分", "10:00", "11:30");
    expect_times("午後2時～3時30分", "14:00", "15:30");
    expect_times("午前十時開議", "10:00", "");
    char a[6], b[6];
    assert_int_equal(giji_time_range_parse("平成29年1月25日(水)", a, b), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eras),
        cmocka_unit_test(test_first_years),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_kanji_numerals),
        cmocka_unit_test(test_western_and_abbreviated),
        cmocka_unit_test(test_times),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
