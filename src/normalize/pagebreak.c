/*
 * normalize/pagebreak.c — join paragraphs that PDF extraction split at a
 * page break ("…温度差があ" / blank lines / "り、一部の大学…").
 *
 * A line A is joined with the next line B when all of these hold:
 *  - at least one blank source line separates them (a page break leaves
 *    one; lines in a block without blanks are a list, not a split);
 *  - A is not a heading, does not end in a markdown hard break, is at least
 *    20 code points long and does not end in a sentence or label terminator
 *    (。．.！？!?」』）)】：:…);
 *  - B is not a heading, has no bullet marks, and does not open with a
 *    bracket （(【「, a dash (the ornament "－ 以上 －"), a section number
 *    ("2 場所", "3.", "第11回", "第3条") or a short heading and its colon
 *    ("日時：…");
 *  - A is not the last of a list of unterminated items: when A has bullet
 *    marks and directly follows (no blank) another bulleted line that also
 *    ends without a terminator, the list is one of noun phrases ("…について")
 *    and the next paragraph is not A's continuation.
 * The texts are concatenated directly when either side of the junction is
 * Japanese, with one space otherwise. Joining repeats, since a paragraph can
 * cross several pages. Not responsible for: spaces inside a line (repair.c).
 */
#include "normalize/internal.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define MIN_SPLIT_CODE_POINTS 20

int giji_cp_is_terminator(uint32_t cp)
{
    switch (cp) {
    case 0x3002: /* 。 */ case 0xFF0E: /* ． */ case '.': case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */ case '!': case '?': case 0x300D: /* 」 */ case 0x300F: /* 』 */
    case 0xFF09: /* ） */ case ')': case 0x3011: /* 】 */ case 0xFF1A: /* ： */ case ':':
    case 0x2026: /* … */ case 0xFF61: /* ｡ */
        return 1;
    default:
        return 0;
    }
}

static uint32_t first_cp(const char *s)
{
    uint32_t cp = 0;
    if (!giji_utf8_decode(s, strlen(s), &cp))
        return 0;
    return cp;
}

static uint32_t last_cp(const char *s)
{
    return giji_utf8_prev(s, strlen(s), NULL);
}

static int is_digit_any(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int is_number_char(uint32_t cp)
{
    static const char kanji[] = "〇一二三四五六七八九十百千";
    if (is_digit_any(cp))
        return 1;
    char enc[5] = {0};
    giji_utf8_encode(cp, enc);
    return cp >= 0x80 && strstr(kanji, enc) != NULL;
}

/* "2 場所", "3．", "4.", "5)" or "第11回", "第3条", "第2章": the start of a
 * numbered item, never the rest of a sentence. */
static int starts_with_section_number(const char *s)
{
    size_t n = strlen(s), i = 0, k;
    uint32_t cp = 0;
    k = giji_utf8_decode(s, n, &cp);
    if (k && cp == 0x7B2C) {   /* 第 */
        i = k;
        size_t digits = 0;
        while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) && is_number_char(cp)) {
            i += k;
            digits++;
        }
        return digits > 0 && i < n && k &&
               (cp == 0x56DE || cp == 0x6761 || cp == 0x7AE0 || cp == 0x7BC0); /* 回条章節 */
    }
    size_t digits = 0;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) && is_digit_any(cp)) {
        i += k;
        digits++;
    }
    if (digits == 0 || i >= n || !k)
        return 0;
    return cp == ' ' || cp == 0x3000 || cp == 0xFF0E || cp == '.' || cp == ')' || cp == 0xFF09;
}

/* An opening bracket starts a new item ("（中谷本部員）", "【報告事項】");
 * a dash starts an ornament ("－ 以上 －"), never the rest of a sentence. */
static int opens_with_bracket_or_dash(const char *s)
{
    uint32_t cp = first_cp(s);
    return cp == 0xFF08 || cp == '(' || cp == 0x3010 || cp == 0x300C || cp == 0xFF0D ||
           cp == '-' || cp == 0x2010;
}

/* A text that ends without a terminator, i.e. mid-sentence. */
static int unterminated(const char *s)
{
    return s[0] != '\0' && !giji_cp_is_terminator(last_cp(s));
}

/* A row of a table rather than prose: a tab, or a space between two
 * kana/kanji ("渡辺 修 内閣…センター長", "…サポートネット　理事長　岡田　誠"),
 * which Japanese prose never has (an ideographic space indents it, and
 * spreads a short heading: "議　事：", no continued line). */
static int is_table_row(const char *s)
{
    if (strchr(s, '\t'))
        return 1;
    size_t n = strlen(s), i = 0;
    uint32_t before = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        if ((cp == ' ' || cp == 0x3000) && giji_cp_is_kana_or_han(before) && i + k < n) {
            uint32_t after;
            if (giji_utf8_decode(s + i + k, n - i - k, &after) && giji_cp_is_kana_or_han(after))
                return 1;
        }
        before = cp;
        i += k;
    }
    return 0;
}

/* May `a` be continued by a following line at all? `prev` is the line
 * before `a` (NULL at the start). */
static int may_continue(const giji_line *prev, const giji_line *a)
{
    if (a->heading || a->hard_break || !unterminated(a->text))
        return 0;
    if (giji_utf8_count(a->text, strlen(a->text)) < MIN_SPLIT_CODE_POINTS)
        return 0;
    if (a->marks && !a->blank_before && prev && prev->marks && unterminated(prev->text))
        return 0;   /* last item of a list of noun phrases */
    if (is_table_row(a->text))
        return 0;
    return 1;
}

/* "日時：2026年…", "日　時：…", "場所：…": a short heading of kana and kanji
 * and its colon open the line; the rest of a sentence never does. */
static int opens_with_heading_colon(const char *s)
{
    size_t n = strlen(s), i = 0, k, words = 0;
    uint32_t cp;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp))) {
        if (cp == 0xFF1A || cp == ':')
            return words > 0;
        if (!giji_cp_is_kana_or_han(cp) && cp != 0x3000)
            return 0;
        if (cp != 0x3000 && ++words > 6)
            return 0;
        i += k;
    }
    return 0;
}

/* May `b` be the continuation of the line before it? */
static int may_be_continuation(const giji_line *b)
{
    /* the rest of a sentence ends it, or is itself a long line: a short
     * unterminated line ("議事概要"), or a short one ending in a colon
     * ("議　事："), is a heading, not a continuation */
    size_t cps = giji_utf8_count(b->text, strlen(b->text));
    uint32_t end = last_cp(b->text);
    int sentence = (!unterminated(b->text) && !(cps < MIN_SPLIT_CODE_POINTS && (end == 0xFF1A || end == ':'))) ||
                   cps >= MIN_SPLIT_CODE_POINTS;
    return b->blank_before && !b->heading && !b->marks && b->text[0] != '\0' && sentence &&
           !opens_with_bracket_or_dash(b->text) && !starts_with_section_number(b->text) &&
           !opens_with_heading_colon(b->text);
}

/* Append b's text to a's (a takes over b's end); b's text is freed. */
static int join_into(giji_line *a, giji_line *b)
{
    int cjk = giji_cp_is_cjk(last_cp(a->text)) || giji_cp_is_cjk(first_cp(b->text));
    size_t la = strlen(a->text), lb = strlen(b->text), sep = cjk ? 0 : 1;
    char *t = realloc(a->text, la + sep + lb + 1);
    if (!t)
        return GIJI_NOMEM();
    if (sep)
        t[la] = ' ';
    memcpy(t + la + sep, b->text, lb + 1);
    a->text = t;
    a->last_lineno = b->last_lineno;
    a->hard_break = b->hard_break;
    free(b->text);
    free(b->norm);
    free(b->key);
    b->text = b->norm = b->key = NULL;
    return GIJI_OK;
}

int giji_join_page_breaks(giji_line *lines, size_t *n)
{
    size_t w = 0;   /* lines[0..w) are final; lines[w] is being extended */
    int rc = GIJI_OK;
    for (size_t r = 0; r < *n; r++) {
        if (r == 0) {
            w = 0;
            continue;
        }
        giji_line *a = &lines[w];
        const giji_line *prev = w > 0 ? &lines[w - 1] : NULL;
        if (rc == GIJI_OK && may_continue(prev, a) && may_be_continuation(&lines[r])) {
            rc = join_into(a, &lines[r]);
            if (rc == GIJI_OK)
                continue;
        }
        lines[++w] = lines[r];
    }
    if (*n > 0)
        *n = w + 1;
    return rc;
}
