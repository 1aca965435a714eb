/*
 * segment/date.c — numbers, dates and times as minutes write them:
 * "第十四回", "平成29年1月25日", "令和元年5月1日", "2017年1月25日", "H29.1.25",
 * "8:30～9:30", "午後2時～3時30分". Era names and their first and last days come
 * from data/eras.tsv. Input is NFKC text (ASCII digits).
 * Not responsible for finding where in a document the date is (segment.c).
 */
#include "segment/internal.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static int kanji_digit(uint32_t cp)
{
    static const uint32_t digits[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                      0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
    for (int i = 0; i < 10; i++)
        if (digits[i] == cp)
            return i;
    if (cp == 0x96F6) /* 零 */
        return 0;
    return -1;
}

static int kanji_unit(uint32_t cp)
{
    switch (cp) {
    case 0x5341: return 10;    /* 十 */
    case 0x767E: return 100;   /* 百 */
    case 0x5343: return 1000;  /* 千 */
    default: return 0;
    }
}

int giji_number_parse(const char *s, long *value)
{
    size_t n = strlen(s), i = 0;
    long v = 0;
    if (n && s[0] >= '0' && s[0] <= '9') {
        while (i < n && s[i] >= '0' && s[i] <= '9' && i < 9)
            v = v * 10 + (s[i++] - '0');
        *value = v;
        return (int)i;
    }
    /* Kanji numerals: positional (二〇一七) or with units (二千十七, 十四). */
    long total = 0, digit = -1;
    int positional = 0, any = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            break;
        int d = kanji_digit(cp), u = kanji_unit(cp);
        if (d >= 0) {
            if (digit >= 0) { /* two digits in a row: positional notation */
                positional = 1;
                digit = digit * 10 + d;
            } else {
                digit = d;
            }
        } else if (u && !positional) {
            total += (digit < 0 ? 1 : digit) * u;
            digit = -1;
        } else {
            break;
        }
        any = 1;
        i += k;
    }
    if (!any)
        return 0;
    *value = total + (digit < 0 ? 0 : digit);
    return (int)i;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return (m == 2 && is_leap(y)) ? 29 : d[m - 1];
}

static int cmp_ymd(int y, int m, int d, const int o[3])
{
    long a = (long)y * 10000 + m * 100 + d, b = (long)o[0] * 10000 + o[1] * 100 + o[2];
    return (a > b) - (a < b);
}

/* Expect literal `lit` at s+*i; advance past it. */
static int eat(const char *s, size_t *i, const char *lit)
{
    size_t n = strlen(lit);
    if (strncmp(s + *i, lit, n) != 0)
        return 0;
    *i += n;
    return 1;
}

static int eat_number(const char *s, size_t *i, long *v)
{
    int k = giji_number_parse(s + *i, v);
    *i += (size_t)(k > 0 ? k : 0);
    return k > 0;
}

static int finish(int y, int m, int d, const era_row *era, const char *s, size_t used, char iso[11])
{
    if (m < 1 || m > 12 || d < 1 || y < 1 || y > 9999 || d > days_in_month(y, m))
        return giji_error_set(GIJI_EPARSE, "'%.*s' is not a date: no such day", (int)used, s);
    if (era) {
        if (cmp_ymd(y, m, d, era->first) < 0)
            return giji_error_set(GIJI_EPARSE, "'%.*s' is before the first day of %s (%04d-%02d-%02d)",
                                  (int)used, s, era->name, era->first[0], era->first[1], era->first[2]);
        if (!era->open && cmp_ymd(y, m, d, era->last) > 0)
            return giji_error_set(GIJI_EPARSE, "'%.*s' is after the last day of %s (%04d-%02d-%02d)",
                                  (int)used, s, era->name, era->last[0], era->last[1], era->last[2]);
    }
    char tmp[32]; /* ranges are checked above; the room silences -Wformat-truncation */
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(iso, tmp, 11);
    return (int)used;
}

/* After a year's 年, the same year in the other calendar in brackets:
 * "令和5年(2023年)10月5日", "2023年(令和5年)10月5日" (NFKC text). */
static void skip_year_note(const char *s, size_t *i)
{
    size_t j = *i;
    while (s[j] == ' ') j++;
    if (s[j] != '(')
        return;
    const char *close = strchr(s + j, ')');
    if (!close || close - (s + j) > 24)
        return;
    const char *nen = strstr(s + j, "年");
    if (nen && nen < close)
        *i = (size_t)(close + 1 - s);
}

/* 平成29年1月25日, 令和元年5月1日, H29.1.25, 令和5年(2023年)10月5日 */
static int parse_era(const giji_rules *r, const char *s, char iso[11])
{
    for (size_t e = 0; e < r->neras; e++) {
        const era_row *era = &r->eras[e];
        size_t i = 0;
        int abbr = 0;
        if (eat(s, &i, era->name)) {
            while (s[i] == ' ') i++;
        } else if (era->abbr[0] && eat(s, &i, era->abbr) && s[i] >= '0' && s[i] <= '9') {
            abbr = 1;
        } else {
            continue;
        }
        long year, month, day;
        if (!abbr && eat(s, &i, "元"))
            year = 1;
        else if (!eat_number(s, &i, &year))
            continue;
        if (abbr) {
            if (!(eat(s, &i, ".") && eat_number(s, &i, &month) && eat(s, &i, ".") && eat_number(s, &i, &day)))
                continue;
        } else {
            while (s[i] == ' ') i++;
            if (!eat(s, &i, "年"))
                continue;
            skip_year_note(s, &i);
            while (s[i] == ' ') i++;
            if (!eat_number(s, &i, &month)) continue;
            while (s[i] == ' ') i++;
            if (!eat(s, &i, "月")) continue;
            while (s[i] == ' ') i++;
            if (!eat_number(s, &i, &day)) continue;
            while (s[i] == ' ') i++;
            if (!eat(s, &i, "日")) continue;
        }
        return finish(era->first[0] + (int)year - 1, (int)month, (int)day, era, s, i, iso);
    }
    return 0;
}

/* 2017年1月25日, 2017/1/25, 2017-01-25, 2017.1.25, 2023年(令和5年)10月5日 */
static int parse_western(const char *s, char iso[11])
{
    size_t i = 0;
    long y, m, d;
    if (!eat_number(s, &i, &y) || y < 1000 || y > 9999)
        return 0;
    if (eat(s, &i, "年")) {
        skip_year_note(s, &i);
        if (!eat_number(s, &i, &m) || !eat(s, &i, "月") || !eat_number(s, &i, &d) || !eat(s, &i, "日"))
            return 0;
    } else {
        char sep = s[i];
        if (sep != '/' && sep != '-' && sep != '.')
            return 0;
        i++;
        if (!eat_number(s, &i, &m) || s[i] != sep)
            return 0;
        i++;
        if (!eat_number(s, &i, &d))
            return 0;
    }
    return finish((int)y, (int)m, (int)d, NULL, s, i, iso);
}

int giji_date_parse(const giji_rules *r, const char *s, char iso[11])
{
    int k = parse_era(r, s, iso);
    if (k == 0)
        k = parse_western(s, iso);
    return k;
}

/* One time: "8:30", "17時20分", "午後2時", "14時". Returns bytes used. */
static size_t parse_time(const char *s, char out[6], int pm_default)
{
    size_t i = 0;
    int pm = pm_default;
    if (eat(s, &i, "午前")) pm = 0;
    else if (eat(s, &i, "午後")) pm = 1;
    long h, m = 0;
    if (!(s[i] >= '0' && s[i] <= '9') && giji_number_parse(s + i, &h) <= 0)
        return 0;
    if (!eat_number(s, &i, &h))
        return 0;
    if (eat(s, &i, ":")) {
        if (!(s[i] >= '0' && s[i] <= '9') || !eat_number(s, &i, &m))
            return 0;
    } else if (eat(s, &i, "時")) {
        if (eat(s, &i, "半"))
            m = 30;
        else {
            size_t j = i;
            if (eat_number(s, &j, &m) && eat(s, &j, "分"))
                i = j;
            else
                m = 0;
        }
    } else {
        return 0;
    }
    if (pm > 0 && h < 12)
        h += 12;
    if (h > 24 || m > 59)
        return 0;
    char tmp[48]; /* h and m are range-checked; the room silences -Wformat-truncation */
    snprintf(tmp, sizeof tmp, "%02ld:%02ld", h, m);
    memcpy(out, tmp, 6);
    return i;
}

int giji_time_range_parse(const char *s, char start[6], char end[6])
{
    static const char *seps[] = {"~", "〜", "～", "-", "－", "ー", "−", "–", "—", "から"};
    start[0] = end[0] = '\0';
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        /* a time starts at a digit, a kanji numeral is too ambiguous here */
        if (i && s[i - 1] >= '0' && s[i - 1] <= '9')
            continue;
        size_t k = parse_time(s + i, start, -1);
        if (!k)
            continue;
        size_t j = i + k;
        while (s[j] == ' ') j++;
        int pm = strstr(s + i, "午後") == s + i;
        for (size_t q = 0; q < sizeof seps / sizeof *seps; q++) {
            size_t l = strlen(seps[q]);
            if (strncmp(s + j, seps[q], l) == 0) {
                size_t t = j + l;
                while (s[t] == ' ') t++;
                parse_time(s + t, end, pm ? 1 : -1);
                break;
            }
        }
        return 1;
    }
    return 0;
}
