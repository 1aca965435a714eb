/*
 * segment/segment.c — the segmenter's driver: a document of lines -> a meeting.
 *
 * Pass 1 finds the title block and the sections ("1 日時", "3 出席者(敬称略)",
 * "#### 4 議事概要", "日時：…") by the headings in data/sections.tsv, and reads
 * metadata and attendees. Pass 2 walks the proceedings with a small state
 * machine: sub-section headings ("(1) 本部長冒頭挨拶", "(8) 出席者意見開陳") say
 * whether what follows is the chair speaking, a discussion, a decision or the
 * secretariat; 【…事項】 blocks list agenda items; speaker labels start turns;
 * bullets in a discussion are anonymous remarks; secretariat and decision
 * sentences (data/phrases.tsv) are not remarks.
 * Not responsible for: resolving labels (label.c), attendee lines
 * (attendees.c), dates (date.c).
 */
#include "segment/internal.h"
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_MAX_LINES 4
#define SUBHEADING_MAX_CPS 60

/* ---- headings ------------------------------------------------------------ */

/* Bytes of a Roman numeral of I, V and X up to 39 at the start of a match
 * key, where NFKC made "Ⅲ" (U+2162) "III"; 0 when there is none. */
static size_t roman_prefix(const char *key)
{
    static const char *const ones[] = {"VIII", "III", "VII", "II", "IV", "IX", "VI", "I", "V"};
    size_t i = 0;
    while (i < 3 && key[i] == 'X')
        i++;
    for (size_t k = 0; k < sizeof ones / sizeof *ones; k++)
        if (giji_str_starts(key + i, ones[k])) {
            i += strlen(ones[k]);
            break;
        }
    return i;
}

/* Bytes of a leading section number in a match key: "1", "1.", "(1)", "一、",
 * "第1", "IV.", "Ⅲ" (a Roman numeral right before a Japanese heading:
 * "Ⅲ　出席者"). Returns 0 when there is none. */
static size_t number_prefix(const char *key)
{
    size_t i = 0;
    long v;
    size_t r = roman_prefix(key);
    if (r && (key[r] == '.' || key[r] == ')'))
        return r + 1;
    if (r && (unsigned char)key[r] >= 0x80 && !giji_str_starts(key + r, "・"))
        return r;
    if (key[0] == '(') {
        int k = giji_number_parse(key + 1, &v);
        if (k > 0 && key[1 + k] == ')')
            return (size_t)k + 2;
        return 0;
    }
    if (giji_str_starts(key, "第")) {
        /* "第1 日時" is a number; "第14回", "第7次…計画", "第3号" (a
         * counter after the number) and "第2に、" (prose) are not */
        static const char *const counters[] = {"回", "次", "期", "号", "条", "項", "弾", "版", "年", "世"};
        int k = giji_number_parse(key + 3, &v);
        if (k <= 0)
            return 0;
        for (size_t c = 0; c < sizeof counters / sizeof *counters; c++)
            if (giji_str_starts(key + 3 + k, counters[c]))
                return 0;
        uint32_t next = 0;
        giji_utf8_decode(key + 3 + k, strlen(key + 3 + k), &next);
        return (next >= 0x3040 && next <= 0x309F) ? 0 : (size_t)k + 3;
    }
    int k = giji_number_parse(key, &v);
    if (k <= 0)
        return 0;
    i = (size_t)k;
    if (key[i] == '.' && key[i + 1] >= '0' && key[i + 1] <= '9') {
        /* "0.3 mg/kg体重/日と…", "2.5%の…": a decimal number starting a
         * wrapped line, no section number ("2.1 背景" is one) */
        size_t j = i + 1;
        while (key[j] >= '0' && key[j] <= '9')
            j++;
        if (key[0] == '0' || (key[j] >= 'a' && key[j] <= 'z') || (key[j] >= 'A' && key[j] <= 'Z') || key[j] == '%' ||
            key[j] == '/' || key[j] == '.')
            return 0;
    }
    if (key[i] == '.' || key[i] == ')')
        i++;
    else if (giji_str_starts(key + i, "、") || giji_str_starts(key + i, "。"))
        i += 3;
    else if (key[0] < '0' || key[0] > '9')
        return 0; /* a kanji numeral needs its "、": 一般 is not 一 + 般 */
    return i;
}

/* An enumerated item: "(1)…", "1.…", "1)…", "一、…" (not "2020年…"). */
static int enumerated(const char *key)
{
    size_t np = number_prefix(key);
    if (!np)
        return 0;
    char c = key[np - 1];
    return c == ')' || c == '.' || (np >= 3 && !strncmp(key + np - 3, "、", 3));
}

/* The end in norm of `heading` written with spaces between its
 * characters ("日 時", "議 事"), or NULL when it is not there. */
static const char *spread_heading_end(const char *norm, const char *heading)
{
    size_t hl = strlen(heading);
    for (const char *p = norm; *p; p++) {
        size_t i = 0;
        const char *q = p;
        while (i < hl && *q) {
            if (*q == ' ' && i > 0 && ((unsigned char)heading[i] & 0xC0) != 0x80) {
                q++;
                continue;
            }
            if (*q != heading[i])
                break;
            q++;
            i++;
        }
        if (i == hl)
            return q;
    }
    return NULL;
}

/* "日時 平成29年…": the heading word, then white space, then its value.
 * Returns where the value starts in `norm`, or NULL. */
static const char *spaced_value(const char *norm, const char *heading)
{
    const char *h = strstr(norm, heading), *v;
    if (h) {
        v = h + strlen(heading);
    } else if (!(v = spread_heading_end(norm, heading))) {
        return NULL;
    }
    if (*v == ' ')
        v++;
    else if (!strncmp(v, "\xe3\x80\x80", 3))
        v += 3;
    else
        return NULL;
    return *v ? v : NULL;
}

/* Does the line head a section? Returns the section and sets *value to the
 * byte offset in the line's NFKC text where a same-line value starts
 * ("日時：平成29年…"), or 0. */
/* Bytes of a kanji numeral and the white space after it at the start of
 * a line's NFKC text ("三　出席者", "一　日　時"): the numeral's bytes in
 * its match key, where the space is gone; 0 when there is none. Without
 * the space a kanji numeral is a word's start (一般, 三者). */
static size_t kanji_number_spaced(const char *norm)
{
    long v;
    int k = giji_number_parse(norm, &v);
    if (k <= 0 || (norm[0] >= '0' && norm[0] <= '9') || norm[k] != ' ')
        return 0;
    return (size_t)k;
}

/* "日時/DateandTime" (a bilingual heading "日時 / Date and Time", as a key):
 * the English after the slash goes (key cut in place). */
static void cut_english(char *key)
{
    char *slash = strrchr(key, '/');
    if (!slash || slash == key)
        return;
    int letters = 0;
    for (const char *p = slash + 1; *p; p++) {
        if ((unsigned char)*p >= 0x80)
            return;
        letters += (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z');
    }
    if (letters >= 3 && (unsigned char)slash[-1] >= 0x80)
        *slash = '\0';
}

static int section_of(const giji_rules *r, const giji_line *l, int strict, const char **value)
{
    *value = NULL;
    char *key = giji_strdup(l->key);
    if (!key)
        return GIJI_SEC_NONE;
    cut_english(key);
    size_t np = number_prefix(key);
    if (!np)
        np = kanji_number_spaced(l->norm);
    const char *rest = key + np;
    int best = GIJI_SEC_NONE;
    size_t best_len = 0;
    const char *best_heading = NULL;
    /* a heading in brackets on a line of its own: "（議事次第）", "（概要）" */
    size_t kn = strlen(key);
    if (!np && kn > 2 && key[0] == '(' && key[kn - 1] == ')' && giji_match_paren(key) == kn) {
        key[kn - 1] = '\0';
        for (size_t i = 0; i < r->nsections; i++)
            if (!strcmp(key + 1, r->sections[i].heading)) {
                free(key);
                return r->sections[i].section;
            }
        key[kn - 1] = ')';
    }
    /* a heading in lenticular brackets, its value after them or on the
     * lines below: "【日時】令和8年7月14日…", "【出席者】" */
    /* and in square brackets, "[日時]" (［日時］ after NFKC) */
    int square = key[0] == '[';
    if (!np && (giji_str_starts(key, "【") || square)) {
        const char *open_s = square ? "[" : "【", *close_s = square ? "]" : "】";
        size_t on = strlen(open_s), cn = strlen(close_s);
        const char *close = strstr(key, close_s);
        for (size_t i = 0; close && i < r->nsections; i++) {
            size_t hn = strlen(r->sections[i].heading);
            if ((size_t)(close - key) != on + hn || memcmp(key + on, r->sections[i].heading, hn) != 0)
                continue;
            const char *v = strstr(l->norm, close_s);
            if (v && v[cn])
                *value = v + cn;
            best = r->sections[i].section;
            break;
        }
        if (best != GIJI_SEC_NONE) {
            free(key);
            return best;
        }
    }
    for (size_t i = 0; i < r->nsections; i++) {
        const section_row *s = &r->sections[i];
        /* the first byte first: most rows fail on it (an empty heading
         * fails here or on n <= best_len, as before) */
        if (rest[0] != s->heading[0])
            continue;
        size_t n = strlen(s->heading);
        if (n <= best_len || !giji_str_starts(rest, s->heading))
            continue;
        const char *after = rest + n;
        int colon = after[0] == ':';
        int spaced = after[0] && after[0] != '(' && !colon && spaced_value(l->norm, s->heading);
        if (after[0] && after[0] != '(' && !colon && !spaced)
            continue;
        if (strict && !np && !l->heading && !colon && !spaced)
            continue;
        /* in the proceedings, "日程：次回は7月に開催する。" is a sentence, not a
         * heading with its value */
        if (strict && !np && !l->heading && giji_str_ends(key, "。"))
            continue;
        best = s->section;
        best_len = n;
        best_heading = s->heading;
    }
    if (best != GIJI_SEC_NONE) {
        /* the value after "日時:" or "日時 " in the NFKC text, which keeps spaces */
        const char *c = strchr(l->norm, ':');
        if (c && rest[best_len] == ':')
            *value = c + 1;
        else if (rest[best_len] && rest[best_len] != '(')
            *value = spaced_value(l->norm, best_heading);
    }
    free(key);
    return best;
}

/* Does the line start with a heading's number: "(2)", "2.", "一、", "第2", or
 * digits and white space ("2 討議")? Digits run into words are prose
 * ("2022年秋に…"). */
static int numbered(const giji_line *l, const char *key, size_t np)
{
    if (!np)
        return 0;
    if (enumerated(key) || giji_str_starts(key, "第"))
        return 1;
    const char *p = l->norm;
    while (*p == ' ')
        p++;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == ' ';
}

/* A sub-section heading inside the proceedings: "(2) 討議", "##### (1) …",
 * "(9) 政策会議決定". Returns the byte offset of its text in the match key
 * via *text_key (caller frees) or 0 when the line is not one. */
static int subheading(const giji_line *l, char **text_key)
{
    *text_key = NULL;
    /* "日程第一　…法律案（内閣提出）の趣旨説明": a Diet sitting's item of the
     * order of the day, however long the bill's title */
    if (!l->marks && giji_str_starts(l->key, "日程第")) {
        size_t np = number_prefix(l->key + strlen("日程"));
        if (np) {
            *text_key = giji_strdup(l->key + strlen("日程") + np);
            return *text_key != NULL;
        }
    }
    /* "■議題１　…", "■本部長発言": a square or lozenge mark before a short
     * line that is no sentence (no 。, no 、: "●高等専門学校は、…" is a bullet
     * whose sentence goes on) heads a part of the proceedings */
    if (l->marks && (l->marks != GIJI_MARK_BLACK || strstr(l->key, "。") || strstr(l->key, "、") ||
                     giji_utf8_count(l->key, strlen(l->key)) > SUBHEADING_MAX_CPS))
        return 0;
    if (l->marks) {
        *text_key = giji_strdup(l->key + number_prefix(l->key));
        return *text_key != NULL;
    }
    char *key = giji_strdup(l->key);
    if (!key)
        return 0;
    size_t np = number_prefix(key);
    size_t cps = giji_utf8_count(key, strlen(key));
    /* "…救急安心センター事業（#711" / "9）の全国展開を…": a number and a
     * particle are a sentence going on, no heading ("（２）こども政策" is one) */
    uint32_t after = 0;
    giji_utf8_decode(key + np, strlen(key + np), &after);
    static const uint32_t particles[] = {0x306E, 0x3092, 0x306F, 0x304C, 0x306B, 0x3068, 0x3067, 0x3082, 0x3078,
                                         0x3084};   /* の を は が に と で も へ や */
    int goes_on = 0;
    for (size_t k = 0; np && k < sizeof particles / sizeof *particles; k++)
        goes_on |= after == particles[k];
    int ok = (numbered(l, key, np) || l->heading) && cps <= SUBHEADING_MAX_CPS && !giji_str_ends(key, "。") &&
             !goes_on;
    if (ok) {
        *text_key = giji_strdup(key + np);
        ok = *text_key != NULL;
    }
    free(key);
    return ok;
}

/* A web page's furniture copied with the minutes ("ページの先頭へ戻る",
 * "印刷用PDF（PDF:512KB）", "ホーム > 政策 > …"): a line that starts with a
 * `furniture` phrase of data/phrases.tsv and is short. */
static int is_furniture(const giji_rules *r, const giji_line *l)
{
    /* every line comes here: the first byte first, the length last */
    for (size_t i = r->kind_first[GIJI_PH_FURNITURE]; i < r->kind_first[GIJI_PH_FURNITURE + 1]; i++)
        if (l->key[0] == r->phrases[i].phrase[0] && giji_str_starts(l->key, r->phrases[i].phrase))
            return giji_utf8_count(l->key, strlen(l->key)) <= 60;
    return 0;
}

static int is_end(const giji_rules *r, const giji_line *l)
{
    /* strip dashes around: "－ 以上 －", "-以上-", "――了――"; every line
     * comes here (twice: giji_doc_meetings too), so the key is not copied */
    static const char *const dashes[] = {"\xe2\x80\x95", "\xe2\x80\x94", "\xe2\x94\x80"}; /* ― — ─ */
    const char *s = l->key;
    size_t n = strlen(s);
    for (int more = 1; more;) {
        more = 0;
        if (*s == '-' || *s == '(') {
            s++, n--, more = 1;
            continue;
        }
        for (size_t d = 0; d < 3; d++)
            if (n >= 3 && !strncmp(s, dashes[d], 3)) {
                s += 3, n -= 3, more = 1;
                break;
            }
    }
    for (int more = 1; more;) {
        more = 0;
        if (n && (s[n - 1] == '-' || s[n - 1] == ')')) {
            n--, more = 1;
            continue;
        }
        for (size_t d = 0; d < 3; d++)
            if (n >= 3 && !strncmp(s + n - 3, dashes[d], 3)) {
                n -= 3, more = 1;
                break;
            }
    }
    for (size_t i = r->kind_first[GIJI_PH_END]; i < r->kind_first[GIJI_PH_END + 1]; i++)
        if (r->phrases[i].len == n && !memcmp(r->phrases[i].phrase, s, n))
            return 1;
    return 0;
}

/* ---- metadata ------------------------------------------------------------ */

static int set_str(char **dst, const char *s, size_t n)
{
    free(*dst);
    *dst = giji_strndup(s, n);
    return *dst ? GIJI_OK : GIJI_ENOMEM;
}

/* "第14回" (or "第3号"): the meeting's number. "第196回国会" is not one (data/
 * phrases.tsv notsession). Returns where it starts, or the end of title. */
static const char *find_session(const giji_rules *r, const char *title, const char *unit, int *session)
{
    for (const char *p = strstr(title, "第"); p; p = strstr(p + 3, "第")) {
        long v;
        int k = giji_number_parse(p + 3, &v);
        if (k <= 0 || !giji_str_starts(p + 3 + k, unit))
            continue;
        const char *after = p + 3 + k + strlen(unit);
        int other = 0;
        for (size_t i = r->kind_first[GIJI_PH_NOTSESSION]; i < r->kind_first[GIJI_PH_NOTSESSION + 1]; i++)
            if (giji_str_starts(after, r->phrases[i].phrase))
                other = 1;
        if (other)
            continue;
        *session = (int)v;
        /* "…懇談会（第3回）": the bracket belongs to the number */
        while (p > title && (p[-1] == '(' || p[-1] == ' '))
            p--;
        return p;
    }
    return title + strlen(title);
}

/* Past the 第N回 (or 第N号) that `p` points at, and its brackets. */
static const char *after_session(const char *p)
{
    while (*p == '(' || *p == ' ')
        p++;
    p += strlen("第");
    while (*p && !giji_str_starts(p, "回") && !giji_str_starts(p, "号"))
        p++;
    if (*p)
        p += strlen("回");
    while (*p == ')')
        p++;
    return p;
}

/* A heading's same-line value as written: the NFKC value `v` was found in
 * the NFKC text; take the same number of trailing characters of the line as
 * written when NFKC kept the length (it does for Japanese text), else `v`. */
static int set_written_value(char **dst, const char *text, const char *v, size_t vn)
{
    size_t want = giji_utf8_count(v, vn), tn = strlen(text), b, e;
    giji_str_trim_range(text, tn, &b, &e);
    size_t at = e, have = 0;
    while (at > b && have < want) {
        size_t st;
        giji_utf8_prev(text, at, &st);
        at = st;
        have++;
    }
    char *key_v = giji_strndup(v, vn), *key_t = giji_strndup(text + at, e - at);
    char *nv = key_v ? giji_nfkc(key_v, vn) : NULL, *nt = key_t ? giji_nfkc(key_t, e - at) : NULL;
    int same = nv && nt && !strcmp(nv, nt);
    free(key_v); free(key_t); free(nv); free(nt);
    return same ? set_str(dst, text + at, e - at) : set_str(dst, v, vn);
}

/* Does a heading's value look like attendee entries: names and titles
 * separated by white space or list commas, no digits ("委員15名"), and no
 * reference elsewhere ("別紙のとおり", "（別紙参照）")? */
static int looks_like_entries(const char *v, size_t n)
{
    int sep = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] >= '0' && v[i] <= '9')
            return 0;
        sep |= v[i] == ' ' || v[i] == ',' || v[i] == ':' || (i + 3 <= n && !memcmp(v + i, "、", 3)) ||
               (i + 3 <= n && !memcmp(v + i, "：", 3));
    }
    char *s = giji_strndup(v, n);
    int ref = !s || strstr(s, "別紙") || strstr(s, "のとおり") || strstr(s, "参照");
    free(s);
    return sep && !ref;
}

/* The number of the next group of attendees: after every group so far. */
static int next_group(const giji_meeting *out)
{
    int group = 0;
    for (size_t a = 0; a < out->nattendees; a++)
        if (out->attendees[a].group >= group)
            group = out->attendees[a].group + 1;
    return group;
}

/* "出席者：山田太郎委員長、鈴木花子委員": the attendees written on the
 * heading's line, parsed as a line of their own (the lines under the
 * heading, if any, follow as the next group). */
static int attendees_on_heading(const giji_rules *r, const char *name, const giji_doc *doc, size_t i,
                                const char *v, size_t vn, size_t *taken, giji_meeting *out)
{
    const giji_line *l = &doc->lines[i];
    char *text = NULL;
    giji_line one;
    *taken = 0;
    int rc = set_written_value(&text, l->text, v, vn);
    /* "出席者：石田議長（内閣総理大臣）、青木副議" / "長（…担当大臣）、…":
     * the list goes on in the lines its wrap made */
    while (!rc && i + 1 + *taken < doc->n && giji_list_wraps(text, &doc->lines[i + 1 + *taken])) {
        giji_buf b = {0};
        if (giji_buf_puts(&b, text) || giji_buf_puts(&b, doc->lines[i + 1 + *taken].text)) {
            giji_buf_free(&b);
            rc = GIJI_NOMEM();
            break;
        }
        free(text);
        text = giji_buf_steal(&b);
        ++*taken;
    }
    if (!rc && giji_line_made(l, text, &one))
        return GIJI_ENOMEM;
    if (rc) {
        free(text);
        return rc;
    }
    giji_doc d = {&one, 1};
    rc = giji_attendees_parse(r, name, &d, 0, 1, next_group(out), out);
    giji_line_release(&one);
    return rc;
}

/* Is s[0..n) a year alone: "令和7年", "2025年", "平成29年度" (an era of
 * data/eras.tsv or none)? A title "令和7年第3回経済財政諮問会議" names its body
 * after the session. */
static int year_only(const giji_rules *r, const char *s, size_t n)
{
    size_t i = 0;
    for (size_t k = 0; k < r->neras; k++) {
        size_t en = strlen(r->eras[k].name);
        if (n >= en && !strncmp(s, r->eras[k].name, en)) {
            i = en;
            break;
        }
    }
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == d && n - i >= 3 && !strncmp(s + i, "元", 3))
        i += 3;
    if (i == d)
        return 0;
    if (n - i == 3 && !strncmp(s + i, "年", 3))
        return 1;
    return n - i == 9 && !strncmp(s + i, "年度", 9);
}

/* Body, parent, session and kind from the title (NFKC, spaces kept). */
/* "交通政策審議会交通体系分科会 第8回地域公共交通部会 議事要旨": one word
 * between 第N回 and the kind word that ends like a body (data/phrases.tsv
 * `bodyend`) is the meeting's body, and the words before 第N回 its parent.
 * Sets m->body (and parent_body) only then. */
static int body_after_session(const giji_rules *r, giji_meeting *m, const char *title, const char *head_end,
                              const phrase_row *doc)
{
    const char *end = title + strlen(title);
    if (head_end >= end)
        return GIJI_OK;
    const char *p = after_session(head_end);
    const char *stop = doc ? strstr(p, doc->phrase) : NULL;
    size_t b, e, n = stop ? (size_t)(stop - p) : strlen(p);
    giji_str_trim_range(p, n, &b, &e);
    if (e <= b || memchr(p + b, ' ', e - b) || memchr(p + b, '(', e - b))
        return GIJI_OK;
    char *word = giji_strndup(p + b, e - b);
    if (!word)
        return GIJI_NOMEM();
    const phrase_row *end_ph = giji_rules_phrase_suffix(r, GIJI_PH_BODYEND, word);
    int body = end_ph && strlen(word) > end_ph->len;
    int rc = GIJI_OK;
    if (body) {
        size_t hb, he;
        giji_str_trim_range(title, (size_t)(head_end - title), &hb, &he);
        rc = set_str(&m->body, word, strlen(word));
        if (!rc && he > hb && !memchr(title + hb, ' ', he - hb))
            rc = set_str(&m->parent_body, title + hb, he - hb);
    }
    free(word);
    return rc;
}

static int read_title(const giji_rules *r, giji_meeting *m, const char *title)
{
    char *key = giji_match_key(title);
    if (!key)
        return GIJI_ENOMEM;
    int rc = GIJI_OK;
    const phrase_row *doc = giji_rules_phrase_in(r, GIJI_PH_DOC, key);
    if (doc)
        rc = set_str(&m->kind, doc->phrase, strlen(doc->phrase));
    /* session: 第14回 */
    const char *head_end = title + strlen(title);
    head_end = find_session(r, title, "回", &m->session);
    if (m->session < 0)
        head_end = find_session(r, title, "号", &m->session);
    /* body: the known body ending last in the title, else the last word
     * before 第N回 */
    const body_row *known = NULL;
    const char *known_end = NULL;
    for (size_t i = 0; i < r->nbodies; i++) {
        const char *hit = strstr(key, r->bodies[i].body);
        if (!hit)
            continue;
        const char *end = hit + strlen(r->bodies[i].body);
        if (!known || end > known_end || (end == known_end && strlen(r->bodies[i].body) > strlen(known->body))) {
            known = &r->bodies[i];
            known_end = end;
        }
    }
    /* a listed body followed by an unlisted one ("デジタル社会推進会議
     * データ連携推進委員会 第1回"): the unlisted one is the meeting's body */
    const char *inner = NULL;
    size_t inner_len = 0;
    const char *at = known ? strstr(title, known->body) : NULL;
    if (at && at + strlen(known->body) < head_end) {
        const char *p = at + strlen(known->body);
        size_t b, e;
        giji_str_trim_range(p, (size_t)(head_end - p), &b, &e);
        while (e > b && (p[e - 1] == '(' || p[e - 1] == ' '))
            e--;
        char *word = giji_strndup(p + b, e - b);
        int is_kind = word && (!word[0] || giji_rules_phrase_in(r, GIJI_PH_DOC, word) || word[0] == '(');
        if (word && !is_kind && !strchr(word, ' ')) {
            inner = p + b;
            inner_len = e - b;
        }
        free(word);
    }
    if (!rc && inner) {
        rc = set_str(&m->body, inner, inner_len);
        if (!rc)
            rc = set_str(&m->parent_body, known->body, strlen(known->body));
    } else if (!rc && known) {
        rc = set_str(&m->body, known->body, strlen(known->body));
        if (!rc && known->parent)
            rc = set_str(&m->parent_body, known->parent, strlen(known->parent));
    } else if (!rc && (rc = body_after_session(r, m, title, head_end, doc)) != GIJI_OK) {
        /* (out of memory) */
    } else if (!rc && !m->body) {
        /* unknown body: words before 第N回 (or before the kind word); when
         * the title opens with 第N回 ("第20回 規制改革推進会議 議事録"), the
         * words after it */
        char *head = giji_strndup(title, (size_t)(head_end - title));
        if (!head)
            return GIJI_ENOMEM;
        size_t b, e;
        giji_str_trim_range(head, strlen(head), &b, &e);
        if ((e <= b || year_only(r, head + b, e - b)) && head_end < title + strlen(title)) {
            free(head);
            head = giji_strdup(after_session(head_end));
            if (!head)
                return GIJI_ENOMEM;
            head_end = title + strlen(title);
        }
        if (doc && head_end == title + strlen(title)) {
            char *d = strstr(head, doc->phrase);
            if (d) *d = '\0';
        }
        giji_str_trim_range(head, strlen(head), &b, &e);
        head[e] = '\0';
        char *last = strrchr(head + b, ' ');
        if (e > b) {
            rc = set_str(&m->body, last ? last + 1 : head + b, strlen(last ? last + 1 : head + b));
            if (!rc && last) {
                *last = '\0';
                char *prev = strrchr(head + b, ' ');
                const char *p = prev ? prev + 1 : head + b;
                if (*p)
                    rc = set_str(&m->parent_body, p, strlen(p));
                /* "物流革新に関する…閣僚会議・…検討会 合同会議（第３回）": a
                 * joint meeting is its bodies' (data/phrases.tsv `joint`) */
                if (!rc && *p && giji_rules_phrase_is(r, GIJI_PH_JOINT, m->body)) {
                    char *joined = malloc(strlen(p) + strlen(m->body) + 1);
                    if (!joined)
                        rc = GIJI_NOMEM();
                    else {
                        strcpy(joined, p);
                        strcat(joined, m->body);
                        free(m->body);
                        m->body = joined;
                    }
                }
            }
        }
        free(head);
    }
    free(key);
    return rc;
}

/* Scan NFKC text for the first date; also times. */
/* The first date in NFKC text s, as giji_date_parse gives it: its bytes
 * (> 0, iso set), < 0 for an impossible date (last error set), 0 for none. */
static int find_date(const giji_rules *r, const char *s, char iso[11])
{
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        int k = giji_date_parse(r, s + i, iso);
        if (k)
            return k;
    }
    return 0;
}

static int read_date(const giji_rules *r, giji_meeting *m, const giji_line *l)
{
    const char *s = l->norm;
    if (!m->date[0] && find_date(r, s, m->date) < 0) {
        int rc = giji_meeting_warn(m, l->lineno, "%s; date left unknown", giji_error_message());
        giji_error_clear();
        m->date[0] = '\0';
        return rc;
    }
    if (!m->start[0])
        giji_time_range_parse(s, m->start, m->end);
    return GIJI_OK;
}

/* ---- proceedings --------------------------------------------------------- */

enum turn { TURN_NONE, TURN_LABELLED, TURN_GREETING, TURN_ANON };

typedef struct state {
    const giji_rules *rules;
    const char *name;
    const char *body_key;
    giji_meeting *m;
    int cur;             /* remark being filled, or -1 */
    enum turn turn;
    int opinions;        /* bullets here are remarks */
    int agenda_mode;     /* inside a 【…事項】 list */
    unsigned dropped_at; /* the first line of a run of text that is in no
                            remark (0: none), warned about when the run ends */
    int quoted;          /* the turn is a quotation ("石田議長「…」"): it ends
                            where its quotes close at a line's end */
    int quote_depth;     /* 「 less 」 appended to such a turn so far */
    char *greeting_who;  /* a greeting heading's speaker ("大臣" of "大臣挨拶")
                            no attendee holds: warned about when the greeting
                            gets text, not when a label follows it; owned */
    unsigned greeting_line;
    int points_turn;     /* the turn's label stood alone on its line with
                          * bullets below ("【浜松市　北村副市長】" / "・…"):
                          * every bullet up to the turn's end is its point */
    int list_open;       /* the speaker's last line announced a list ("以下の
                          * とおり"), or bullets already continue it: the next
                          * bullets are the speaker's points */
    size_t proceedings_cps;    /* the code points of such lines before the first remark */
    size_t marked_labels;      /* labels found so far that were not reports */
    const giji_line *skip;     /* a line the one before took (an opener's end) */
    unsigned proceedings_text; /* the first line of the proceedings that no
                                  remark took while none had begun (0: none) */
    int in_proceedings;  /* the line being read is under a proceedings heading */
    int heading_wraps;   /* the last line was a sub-heading: lines its wrap made go on with it */
    int reported_seen;   /* a report ("石田本部長から、…") started a remark: later
                          * reports may start inside a paragraph */
    const giji_line *lines, *lines_end;   /* the document's lines */
    giji_tab_cols tab;   /* inside a table of TAB-separated rows: its columns */
    /* "（◆：委員の発言、◇：関係省庁の回答・説明、□：議長の発言）": who speaks
     * on a line with each mark, from a legend in the proceedings */
    struct { uint32_t cp; char label[64]; } legend[6];
    size_t nlegend;
} state;

/* Characters of proceedings text before the first remark that make a
 * warning: more than the agenda repeated (about 60 in the documents seen) */
#define PROCEEDINGS_LOST_CPS 100

static int new_remark(state *st, int speaker, giji_attribution how, const char *label, unsigned line)
{
    giji_meeting *m = st->m;
    giji_remark *r = realloc(m->remarks, (m->nremarks + 1) * sizeof *r);
    if (!r)
        return GIJI_NOMEM();
    m->remarks = r;
    r = &m->remarks[m->nremarks];
    memset(r, 0, sizeof *r);
    r->speaker = speaker;
    r->attribution = how;
    r->line = r->last_line = line;
    if (label && !(r->speaker_label = giji_strdup(label)))
        return GIJI_ENOMEM;
    st->cur = (int)m->nremarks++;
    return GIJI_OK;
}

/* The start of s after n code points (valid UTF-8). */
static const char *skip_cps(const char *s, size_t n)
{
    for (; n && *s; n--)
        do
            s++;
        while (((unsigned char)*s & 0xC0) == 0x80);
    return s;
}

/* The NFKC of the part [b, e) of line l's text, as a slice [*ns, *ne) of
 * l->norm, when the line's NFKC changed no length and the part is cut
 * between two of NFKC's clusters (so that its NFKC is that slice); else 0. */
static int norm_slice(const giji_line *l, size_t b, size_t e, const char **ns, const char **ne)
{
    if (!l->same_cps || !giji_nfkc_starts_cluster(l->text + b) || !giji_nfkc_starts_cluster(l->text + e))
        return 0;
    *ns = b ? skip_cps(l->norm, giji_utf8_count(l->text, b)) : l->norm;
    *ne = l->text[e] ? skip_cps(*ns, giji_utf8_count(l->text + b, e - b)) : *ns + strlen(*ns);
    return 1;
}

/* Append the text of line l from byte `off` to the current remark, with
 * its NFKC while the remark has one (giji_remark.norm): extraction would
 * otherwise make the NFKC of every remark again, and that was a fifth of
 * its own instructions (bench/README.md, fifth round). */
/* A digit or Latin letter, half- or full-width, or a Roman numeral. */
static int alnum(uint32_t cp)
{
    return giji_cp_is_ascii_alnum(cp) || (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0x2160 && cp <= 0x217F); /* Ⅳ, "第" / "Ⅳ期" */
}

/* Does `next` continue `prev` after a line wrap: a kana or kanji on both
 * sides of the break (a line ended by 。 or 、 is not cut inside a word)?
 * After a line that filled the text's wrap width (`full`, normalize/), a
 * digit or letter on one side is enough ("…基本方針" / "2026に…"), and on
 * both sides it is a Latin word the wrap cut. */
static int wrapped_line(const char *prev, const char *next, int full)
{
    uint32_t last = giji_utf8_prev(prev, strlen(prev), NULL), first = 0;
    if (!giji_utf8_decode(next, strlen(next), &first))
        return 0;
    int kl = giji_cp_is_kana_or_han(last), kf = giji_cp_is_kana_or_han(first);
    if (kl && kf)
        return 1;
    /* a Latin word or number cut by a full line ("（APEC T" / "EL）") too,
     * and a name cut after the slash or dot inside it ("JPCERT/" / "CC") */
    return full && ((kl && alnum(first)) || (kf && alnum(last)) || (alnum(last) && alnum(first)) ||
                    (giji_cp_is_word_glue(last) && (kf || alnum(first))));
}

/* Is the join of `prev` (the remark so far) and `next` inside English
 * prose, which a PDF wraps at word boundaries ("…Data Free Flow with" /
 * "Trust (DFFT)…"): the text since prev's last line break mostly ASCII, and
 * next starting with a Latin letter? A Japanese line wraps at any
 * character, so a Latin word at its end may be cut ("（APEC T" / "EL）"). */
static int english_run(const char *prev, const char *next)
{
    if (!((*next >= 'A' && *next <= 'Z') || (*next >= 'a' && *next <= 'z')))
        return 0;
    /* the last line's last 240 bytes at most: this runs for every line of
     * a remark that starts with a letter, and a long paragraph is joined */
    size_t pn = strlen(prev);
    const char *p = pn > 240 ? prev + pn - 240 : prev;
    const char *nl = strrchr(p, '\n');
    if (nl)
        p = nl + 1;
    size_t ascii = 0, all = 0;
    for (; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) {
            all++;
            ascii += (unsigned char)*p < 0x80;
        }
    return all >= 20 && ascii * 10 >= all * 8;
}

/* Append l's text from byte `off` to byte `end` of it. */
static int append_range(state *st, const giji_line *l, size_t off, size_t end)
{
    giji_remark *r = &st->m->remarks[st->cur];
    const char *text = l->text + off;
    size_t b, e;
    giji_str_trim_range(text, end - off, &b, &e);
    if (e == b)
        return GIJI_OK;
    const char *ns = NULL, *ne = NULL;
    /* the '\n' that joins two paragraphs is a cluster of its own, and the
     * paragraph after it starts one (norm_slice): the NFKC of the whole is
     * that of the parts joined by '\n' */
    int keep = (!r->text || r->norm) && norm_slice(l, off + b, off + e, &ns, &ne);
    /* a line that PDF extraction wrapped at a fixed width ("…すなわ" / "ち道路…")
     * goes on without a break, so that names and phrases cut by the wrap are
     * whole again; NFKC cannot join across it, as the line starts a cluster */
    /* English prose goes on across its lines whatever their width */
    int eng = r->text && !l->marks && english_run(r->text, text + b) &&
              giji_cp_is_ascii_alnum(giji_utf8_prev(r->text, strlen(r->text), NULL));
    int wrap = eng || (r->text && !l->marks && wrapped_line(r->text, text + b, l->wrapped));
    /* "Counter Ransomware" / " Initiative": the wrap fell between two Latin
     * words, and the space went to the next line */
    char sep = wrap && (eng || (l->lead_space && giji_cp_is_ascii_alnum(giji_utf8_prev(r->text, strlen(r->text), NULL))))
                   ? ' '
                   : '\n';
    giji_buf buf = {0}, nb = {0};
    if (r->text && (giji_buf_puts(&buf, r->text) || ((!wrap || sep == ' ') && giji_buf_putc(&buf, sep))))
        goto oom;
    if (giji_buf_append(&buf, text + b, e - b))
        goto oom;
    if (keep && ((r->norm && (giji_buf_puts(&nb, r->norm) || ((!wrap || sep == ' ') && giji_buf_putc(&nb, sep)))) ||
                 giji_buf_append(&nb, ns, (size_t)(ne - ns))))
        goto oom;
    free(r->text);
    free(r->norm);
    /* the same bytes so far, and the same part appended (the separator
     * is the same on both sides): see giji_remark.norm_is_text */
    int same = keep && (!r->text || r->norm_is_text) && (size_t)(ne - ns) == e - b && !memcmp(ns, text + b, e - b);
    r->norm_is_text = same;
    r->normlen = keep ? nb.len : 0;
    r->norm = keep ? giji_buf_steal(&nb) : NULL;
    r->text = giji_buf_steal(&buf);
    if (!r->text || (keep && !r->norm))
        return GIJI_ENOMEM;
    if (!r->line || l->lineno < r->line)
        r->line = l->lineno;
    r->last_line = l->last_lineno;
    return GIJI_OK;
oom:
    giji_buf_free(&buf);
    giji_buf_free(&nb);
    return GIJI_ENOMEM;
}

static int append_text(state *st, const giji_line *l, size_t off)
{
    return append_range(st, l, off, strlen(l->text));
}

/* Close the current remark; an empty one is dropped. */
static int close_remark(state *st)
{
    giji_meeting *m = st->m;
    int rc = GIJI_OK;
    st->list_open = 0;
    st->points_turn = 0;
    st->dropped_at = 0;
    st->quoted = st->quote_depth = 0;
    if (st->greeting_who && st->cur >= 0 && m->remarks[st->cur].text && m->remarks[st->cur].speaker < 0)
        rc = giji_meeting_warn(m, st->greeting_line, "no attendee holds '%s' here; speaker left unknown",
                               st->greeting_who);
    free(st->greeting_who);
    st->greeting_who = NULL;
    if (!rc && st->cur >= 0 && !m->remarks[st->cur].text) {
        giji_remark *r = &m->remarks[st->cur];
        if (st->turn == TURN_LABELLED)
            rc = giji_meeting_warn(m, r->line, "label '%s' is followed by no text; no remark stored",
                                   r->speaker_label ? r->speaker_label : "");
        free(r->speaker_label);
        free(r->cue);
        m->nremarks--;
    }
    st->cur = -1;
    st->turn = TURN_NONE;
    return rc;
}

static int add_agenda(giji_meeting *m, const char *text)
{
    char **a = realloc(m->agenda, (m->nagenda + 1) * sizeof *a);
    if (!a)
        return GIJI_NOMEM();
    m->agenda = a;
    if (!(a[m->nagenda] = giji_strdup(text)))
        return GIJI_ENOMEM;
    m->nagenda++;
    return GIJI_OK;
}

/* A quoted turn ("石田議長「…」") after one more of its lines: the quotes
 * it opened all closed at this line's end, and the next line neither goes
 * on from them ("と続けた。") nor opens another: the record's own words
 * follow ("続いて、意見交換が行われた。"), so the turn ends here. */
static int quoted_turn_next(state *st, const giji_line *l, size_t from, const giji_line *next)
{
    if (!st->quoted || st->cur < 0)
        return GIJI_OK;
    const char *t = l->text + from;
    for (const char *p = t; (p = strstr(p, "「")); p += 3)
        st->quote_depth++;
    for (const char *p = t; (p = strstr(p, "」")); p += 3)
        st->quote_depth--;
    if (st->quote_depth > 0 || !(giji_str_ends(l->text, "」") || giji_str_ends(l->text, "。")))
        return GIJI_OK;
    if (next && (giji_str_starts(next->text, "と") || giji_str_starts(next->text, "「")))
        return GIJI_OK;
    return close_remark(st);
}

static int is_block_heading(const giji_rules *r, const giji_line *l, const char *key)
{
    if (!giji_str_starts(key, "【") && !giji_str_starts(key, "["))
        return 0;
    return l->heading || giji_rules_phrase_in(r, GIJI_PH_BLOCK, key) != NULL;
}

/* A sub-section heading: decide what follows it. */
static int on_subheading(state *st, const giji_line *l, const char *text_key)
{
    int rc = close_remark(st);
    if (rc)
        return rc;
    st->agenda_mode = 0;
    const phrase_row *ph = giji_rules_phrase_in(st->rules, GIJI_PH_SUB, text_key);
    int sub = ph ? ph->sub : GIJI_SUB_NONE;
    st->opinions = sub == GIJI_SUB_DISCUSSION;
    if (sub != GIJI_SUB_GREETING)
        return GIJI_OK;
    /* "本部長冒頭挨拶": the words before the keyword name the speaker. */
    size_t plen = (size_t)(strstr(text_key, ph->phrase) - text_key);
    const phrase_row *sev = plen ? giji_rules_phrase_in(st->rules, GIJI_PH_SEVERAL, text_key) : NULL;
    if (sev && giji_str_starts(text_key, sev->phrase) && strlen(sev->phrase) <= plen &&
        !giji_rules_title(st->rules, st->body_key, sev->phrase))
        plen = 0; /* "関係大臣発言": several speakers, each labelled or anonymous */
    if (plen == 0) {
        st->opinions = 1;
        return GIJI_OK;
    }
    char *who = giji_strndup(text_key, plen);
    if (!who)
        return GIJI_ENOMEM;
    int speaker = -1;
    giji_attribution how = GIJI_ATTR_EXPLICIT;
    const title_row *t = giji_rules_title(st->rules, st->body_key, who);
    if (t) {
        speaker = giji_title_holder(st->rules, st->m, t);
        how = t->chair ? GIJI_ATTR_CHAIR : GIJI_ATTR_EXPLICIT;
        /* "…教授（座長）": the title in the bracket after an affiliation */
        if (speaker < 0)
            rc = giji_label_names(st->rules, st->body_key, st->m, who, strlen(who), &speaker);
    } else {
        rc = giji_label_resolve(st->rules, st->body_key, st->m, l->lineno, who, &speaker, &how);
    }
    if (!rc)
        rc = new_remark(st, speaker, speaker >= 0 ? how : GIJI_ATTR_NONE, who, l->lineno);
    if (!rc) /* provenance is where the greeting's words start, not the heading */
        st->m->remarks[st->cur].line = st->m->remarks[st->cur].last_line = 0;
    st->turn = TURN_GREETING;
    st->points_turn = 1;   /* "（3）座長総括" / "・…": the points are the speaker's */
    if (!rc && t && speaker < 0) {   /* see greeting_who */
        st->greeting_who = who;
        st->greeting_line = l->lineno;
        who = NULL;
    }
    free(who);
    return rc;
}

/* A short line with no sentence in it that holds a discussion's heading word
 * ("委員からの主な意見": `sub` phrases of data/phrases.tsv). */
static int opinions_heading(const state *st, const char *key)
{
    if (strstr(key, "。") || strstr(key, "、") || giji_utf8_count(key, strlen(key)) > 20)
        return 0;
    const phrase_row *ph = giji_rules_phrase_in(st->rules, GIJI_PH_SUB, key);
    return ph && ph->sub == GIJI_SUB_DISCUSSION;
}

/* A short procedural line inside a turn ("午前十時二十分散会"): the record's
 * stage direction, not the speaker's words. */
static int is_stage_direction(const giji_rules *r, const char *key)
{
    return giji_utf8_count(key, strlen(key)) <= 16 && !strstr(key, "。") &&
           giji_rules_phrase_in(r, GIJI_PH_PROCEDURAL, key) != NULL;
}

/* "（報道関係者入室）", "〔「異議なし」と呼ぶ者あり〕": a line wholly in one pair
 * of brackets that says what happened in the room, not what was said. */
static int is_bracketed_direction(const giji_rules *r, const char *key)
{
    if (giji_str_starts(key, "〔") && giji_str_ends(key, "〕"))
        return 1;
    /* the bracket that opens the line closes at its end */
    return key[0] == '(' && giji_match_paren(key) == strlen(key) &&
           giji_rules_phrase_in(r, GIJI_PH_STAGE, key) != NULL;
}

/* A sentence of its own that says others' opinions follow ("意見交換では、
 * 有識者から以下の意見が述べられた。") after a turn whose last sentence ended:
 * the record's words, which end the turn, not the speaker's. */
static int opener_after_turn(const state *st, const giji_line *l, const char *key)
{
    const char *text = st->m->remarks[st->cur].text;
    if (!text || !giji_str_ends(text, "。") || !giji_str_ends(key, "。"))
        return 0;
    const char *stop = strstr(key, "。");
    return stop && !stop[3] && !l->wrapped && giji_rules_phrase_in(st->rules, GIJI_PH_OPENER, key) != NULL;
}

/* ---- signed bullets ------------------------------------------------------
 *
 * "・…が重要である。（佐藤議員）": a 議事要旨 listing the main remarks may sign
 * each bullet with its speaker in brackets at its end, after the last
 * sentence, on the bullet's last line or on a line of its own (indented or
 * right-aligned). Such a bracket resolves the anonymous remark it ends and
 * closes it. A bracketed label alone on a line is a signature only when it
 * ends such a remark and no text follows it (the next line is a bullet, a
 * heading or the end): otherwise it opens a turn whose speech is below. */

/* Sign the current remark with `label` (as written) and close it. */
static int sign_remark(state *st, const char *label, unsigned line)
{
    int speaker;
    giji_attribution how;
    int rc = giji_label_resolve(st->rules, st->body_key, st->m, line, label, &speaker, &how);
    if (rc)
        return rc;
    giji_remark *r = &st->m->remarks[st->cur];
    char *copy = giji_strdup(label);
    if (!copy)
        return GIJI_ENOMEM;
    free(r->speaker_label);
    r->speaker_label = copy;
    r->speaker = speaker;
    r->attribution = speaker >= 0 ? how : GIJI_ATTR_NONE;
    return close_remark(st);
}

/* Does the current remark end a sentence, so that a signature may follow? */
static int remark_ends_sentence(const state *st)
{
    if (st->cur < 0 || st->turn != TURN_ANON)
        return 0;
    const char *t = st->m->remarks[st->cur].text;
    return t && (giji_str_ends(t, "。") || giji_str_ends(t, "」") || giji_str_ends(t, "．"));
}

/* "…である。（佐藤議員）": the byte offset in l->text of a signature's
 * opening bracket at the line's end, right after a sentence, with the
 * label's text in *label (caller frees); 0 when there is none. */
static size_t trailing_signature(state *st, const giji_line *l, char **label)
{
    *label = NULL;
    const char *t = l->text;
    size_t n = strlen(t), close_len = 0;
    if (giji_str_ends(t, "）"))
        close_len = 3;
    else if (n && t[n - 1] == ')')
        close_len = 1;
    if (!close_len)
        return 0;
    /* the bracket that closes at the end, opened after a sentence */
    for (size_t i = n; i-- > 0;) {
        size_t ob = !strncmp(t + i, "（", 3) ? 3 : t[i] == '(' ? 1 : 0;
        if (!ob || giji_match_paren(t + i) != n - i)
            continue;
        if (i < 3 || strncmp(t + i - 3, "。", 3) != 0)
            return 0;
        giji_label lab = {0};
        giji_line probe = *l;
        probe.text = (char *)t + i;
        int rc = giji_label_find(st->rules, st->body_key, st->m, st->name, &probe, &lab);
        if (rc || !lab.found || lab.rest != n - i) {
            free(lab.label);
            return 0;
        }
        *label = lab.label;
        return i;
    }
    return 0;
}

/* "…議員から以下の発言" / "があった。": an opener the wrap cut, its end the
 * whole of the next line (one sentence). The next line is then skipped. */
static int opener_across_wrap(state *st, const char *key, const giji_line *next)
{
    /* the next line goes on with this one: the wrap said so, or this one
     * stops mid-sentence ("…自由討議を行った。主な" / "意見は以下のとおり。",
     * a line the width check did not take for full) */
    size_t kl = strlen(key);
    uint32_t last = kl ? giji_utf8_prev(key, kl, NULL) : 0;
    int goes_on = next && (next->wrapped || giji_cp_is_kana_or_han(last));
    if (!next || !goes_on || next->marks || !giji_str_ends(next->key, "。") ||
        strstr(next->key, "。") != next->key + strlen(next->key) - 3)
        return 0;
    giji_buf j = {0};
    if (giji_buf_puts(&j, key) || giji_buf_puts(&j, next->key)) {
        giji_buf_free(&j);
        return 0;
    }
    int yes = giji_rules_phrase_in(st->rules, GIJI_PH_OPENER, j.data) != NULL;
    giji_buf_free(&j);
    if (yes)
        st->skip = next;
    return yes;
}

/* An opener that names who speaks below ("石田議長から以下の発言があった。",
 * "…より次のとおり発言があった。"): a turn of that attendee, its text the
 * lines below, as after a greeting's sub-heading. */
static int opener_names_speaker(state *st, const giji_line *l)
{
    static const char *const links[] = {"から以下", "より以下", "から次の", "より次の"};
    const char *t = l->text, *at = NULL;
    for (size_t i = 0; i < sizeof links / sizeof *links && !at; i++)
        at = strstr(t, links[i]);
    if (!at)
        return GIJI_OK;
    const char *from = t;
    for (const char *c = strstr(t, "、"); c && c < at; c = strstr(c + 3, "、"))
        from = c + 3;
    int speaker = -1;
    int rc = giji_label_names(st->rules, st->body_key, st->m, from, (size_t)(at - from), &speaker);
    if (rc || speaker < 0)
        return rc;
    char *label = giji_strndup(from, (size_t)(at - from));
    if (!label)
        return GIJI_ENOMEM;
    giji_attribution how;
    rc = giji_label_resolve(st->rules, st->body_key, st->m, l->lineno, label, &speaker, &how);
    rc = rc ? rc : new_remark(st, speaker, speaker >= 0 ? how : GIJI_ATTR_NONE, label, l->lineno);
    free(label);
    if (!rc) {
        st->turn = TURN_GREETING;
        st->points_turn = 1;   /* "・…" points below are what he said */
    }
    return rc;
}

/* Is key[0..n) wholly in one pair of angle brackets ("<主な意見>": NFKC of ＜…＞)? */
static int in_angle_brackets(const char *key, size_t n)
{
    return n >= 3 && key[0] == '<' && key[n - 1] == '>' && !memchr(key + 1, '>', n - 2);
}

/* "(意見交換)" (a match key): the bracket's text when it is wholly a `sub`
 * phrase (caller frees), else NULL. */
static char *bracketed_sub(const state *st, const char *key)
{
    size_t n = strlen(key);
    /* "（意見交換）", and in angle brackets "＜主な意見＞" (NFKC "<…>") */
    int angle = in_angle_brackets(key, n);
    if (!angle && (n < 3 || key[0] != '(' || key[n - 1] != ')' || giji_match_paren(key) != n))
        return NULL;
    if (n > 40)
        return NULL;
    char *inner = giji_strndup(key + 1, n - 2);
    const phrase_row *ph = inner ? giji_rules_phrase_in(st->rules, GIJI_PH_SUB, inner) : NULL;
    if (ph && !strcmp(ph->phrase, inner))
        return inner;
    /* "（部会長まとめ）", "（議長総括）": a title and then a greeting's word, as
     * in a numbered greeting heading ("（3）本部長締め括り挨拶") */
    if (ph && ph->sub == GIJI_SUB_GREETING && giji_str_ends(inner, ph->phrase) && strlen(inner) > strlen(ph->phrase) &&
        giji_rules_title_suffix(st->rules, st->body_key, inner) == NULL) {
        size_t head = strlen(inner) - strlen(ph->phrase);
        char *who = giji_strndup(inner, head);
        int titled = who && giji_rules_title_suffix(st->rules, st->body_key, who) != NULL;
        free(who);
        if (titled)
            return inner;
    }
    free(inner);
    return NULL;
}

/* "＜AI人材の育成について＞", "〈研究環境〉", "【書面による意見】": a line wholly
 * in angle or lenticular brackets that no label took is a heading (NFKC
 * makes ＜＞ "<>"). */
static int topic_heading(const char *key)
{
    size_t n = strlen(key);
    if (in_angle_brackets(key, n))
        return 1;
    /* "〈研究環境〉", and "【書面による意見】" (a block heading is taken before) */
    return n >= 7 && ((!strncmp(key, "〈", 3) && strstr(key + 3, "〉") == key + n - 3) ||
                      (!strncmp(key, "【", 3) && strstr(key + 3, "】") == key + n - 3));
}

/* Is `next` no line of speech: the end, a bullet, a heading or a
 * sub-heading ("（2）統合…について")? */
static int no_speech_below(const giji_line *next)
{
    if (!next || next->marks || next->heading)
        return 1;
    char *tk = NULL;
    int sub = subheading(next, &tk);
    free(tk);
    return sub;
}

/* Does the line end with a speaker's signature? Then its bullet is a
 * remark wherever it stands. */
static int signed_line(state *st, const giji_line *l)
{
    char *label = NULL;
    size_t at = trailing_signature(st, l, &label);
    free(label);
    return at > 0;
}

/* A line of an anonymous remark, signed at its end or not. */
static int append_anon(state *st, const giji_line *l)
{
    char *label = NULL;
    size_t at = trailing_signature(st, l, &label);
    if (!at)
        return append_text(st, l, 0);
    int rc = append_range(st, l, 0, at);
    rc = rc ? rc : sign_remark(st, label, l->lineno);
    free(label);
    return rc;
}

/* "発言者：発言要旨" (a table's header row, as box.c prints it): column
 * headings only, separated by colons. */
static int colhead_line(const giji_rules *r, const char *key)
{
    char k[128];
    if (strlen(key) >= sizeof k || !strchr(key, ':'))
        return 0;
    snprintf(k, sizeof k, "%s", key);
    for (char *part = k, *next; part; part = next) {
        next = strchr(part, ':');
        if (next)
            *next++ = '\0';
        if (!giji_rules_phrase_is(r, GIJI_PH_COLHEAD, part))
            return 0;
    }
    return 1;
}

/* "1．自治体システム標準化…については、2025年度末の" / "期限までに…": in a
 * speaker's turn, a numbered sentence that goes on in the next line is one
 * of the speaker's points, not a sub-heading. */
static int numbered_point(const state *st, const giji_line *l, const giji_line *next)
{
    return st->cur >= 0 && (st->turn == TURN_LABELLED || st->turn == TURN_GREETING) && next && next->wrapped &&
           !next->marks && strstr(l->key, "、") != NULL;
}

static int on_line_inner(state *st, const giji_line *l, const giji_line *next);
static size_t time_stamp(const char *t);
static int on_line(state *st, const giji_line *l, const giji_line *next);

#define NO_SPLIT ((size_t)-1)

/* Does a report of a speaker start at byte p of l's text ("次に、山口国際博
 * 覧会担当大臣から、…", perhaps ending on the next line, which the wrap
 * made: "続いて、" / "佐々木環境大臣から、")? *joins: the report's name
 * goes on into `next`. */
static int report_at(state *st, const giji_line *l, const giji_line *next, size_t p, int *yes, int *joins)
{
    size_t rest = strlen(l->text) - p;
    giji_buf probe = {0};
    int bad = giji_buf_puts(&probe, l->text + p);
    int with_next = next && next->wrapped && !next->marks && giji_utf8_count(l->text + p, rest) < 40;
    if (!bad && with_next)
        bad = giji_buf_puts(&probe, next->text);
    giji_line t;
    char *text = bad ? NULL : giji_buf_steal(&probe);
    giji_buf_free(&probe);
    if (!text || giji_line_made(l, text, &t))
        return GIJI_NOMEM();
    t.wrapped = 0;
    t.marks = 0;
    giji_label lab;
    int rc = giji_label_find(st->rules, st->body_key, st->m, st->name, &t, &lab);
    *yes = !rc && lab.found && lab.reported;
    /* the speech starts after the name's "から、": on the next line too? */
    *joins = *yes && lab.rest > rest;
    free(lab.label);
    giji_line_release(&t);
    return rc;
}

/* Run-in reported speech: a 議事概要 that reports several speakers in one
 * paragraph ("…旨の挨拶があった。次に、山口国際博覧会担当大臣から、…につい
 * て報告があり、…。続いて鈴木経済産業大臣から、…", "…との質問があり、これに
 * 対し、同大臣から、…"). Once a report has started a remark, another may
 * start after a sentence's 。, after "あり、", or at the start of a line the
 * wrap made when the remark so far ends a sentence. The byte offset in l's
 * text where the first such report starts, or NO_SPLIT. */
static int report_split(state *st, const giji_line *l, const giji_line *next, size_t *at, int *joins)
{
    *at = NO_SPLIT;
    const char *t = l->text;
    size_t n = strlen(t);
    int yes = 0, rc;
    const char *prev = st->cur >= 0 ? st->m->remarks[st->cur].text : NULL;
    if (l->wrapped && st->turn == TURN_LABELLED && prev && giji_str_ends(prev, "。")) {
        if ((rc = report_at(st, l, next, 0, &yes, joins)) != GIJI_OK)
            return rc;
        if (yes) {
            *at = 0;
            return GIJI_OK;
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t p = 0;
        if (!strncmp(t + i, "。", 3))
            p = i + 3;
        else if (!strncmp(t + i, "あり、", 9))
            p = i + 9;
        if (!p || p >= n)
            continue;
        if ((rc = report_at(st, l, next, p, &yes, joins)) != GIJI_OK)
            return rc;
        if (yes) {
            *at = p;
            return GIJI_OK;
        }
    }
    return GIJI_OK;
}

/* l split at byte `at`: the text before it goes on as it would (the
 * current remark), the rest is read as a paragraph's start, joined with
 * `next` when `joins` (a report's name, or a label, the wrap cut: then
 * `next` is taken). */
static int split_report(state *st, const giji_line *l, const giji_line *next, size_t at, int joins)
{
    int rc = GIJI_OK;
    if (at > 0) {
        giji_line head;
        if (giji_line_made(l, giji_strndup(l->text, at), &head))
            return GIJI_NOMEM();
        rc = on_line_inner(st, &head, NULL);
        giji_line_release(&head);
        if (rc)
            return rc;
    }
    giji_buf b = {0};
    int bad = giji_buf_puts(&b, l->text + at) || (joins && giji_buf_puts(&b, next->text));
    char *text = bad ? NULL : giji_buf_steal(&b);
    giji_buf_free(&b);
    giji_line rest;
    if (!text || giji_line_made(l, text, &rest))
        return GIJI_NOMEM();
    rest.wrapped = 0;
    rest.marks = 0;
    if (joins) {
        rest.last_lineno = next->last_lineno;
        rest.same_cps = 0;   /* two lines' NFKC: extraction makes it again */
    }
    /* the line after `next`, when `next` is the document's (a line made
     * here is not, and has no line after it to look at) */
    const giji_line *after = joins && next >= st->lines && next + 1 < st->lines_end ? next + 1 : NULL;
    rc = on_line(st, &rest, joins ? after : next);
    giji_line_release(&rest);
    /* `next` is taken; a split inside the rest may have taken the line
     * after it already */
    if (!rc && joins && !(st->skip && st->skip > next && st->skip < st->lines_end))
        st->skip = next;
    return rc;
}

/* Read a made line with text `text` (owned here) like l. */
static int on_made_line(state *st, const giji_line *l, char *text)
{
    giji_line made;
    if (!text || giji_line_made(l, text, &made))
        return GIJI_NOMEM();
    made.wrapped = 0;
    made.marks = 0;
    made.same_cps = 0;
    int rc = on_line_inner(st, &made, NULL);
    giji_line_release(&made);
    return rc;
}

/* A row of a TAB-separated table of views: the speaker's cell and speech
 * read as "【佐藤委員】…", the answer cell as "【事務局】…" (or "答：…" when
 * the header names no one), each a turn; a row without a speaker goes on
 * with the turn before. */
static int on_tab_row(state *st, const giji_line *l)
{
    char *speaker, *speech, *answer;
    int rc = giji_tab_row(l->text, &st->tab, &speaker, &speech, &answer);
    if (rc || !speech)
        return rc;
    /* the brackets are made here: they do not make the record verbatim
     * (a report after the table, "最後に、石田議長から、…", is one) */
    size_t marked = st->marked_labels;
    giji_buf b = {0};
    if (*speech) {
        int bad = speaker[0] ? giji_buf_puts(&b, "【") || giji_buf_puts(&b, speaker) || giji_buf_puts(&b, "】") : 0;
        bad = bad || giji_buf_puts(&b, speech);
        rc = bad ? GIJI_NOMEM() : on_made_line(st, l, giji_buf_steal(&b));
    }
    giji_buf_free(&b);
    if (!rc && *answer) {
        const char *who = st->tab.answer_label;
        int bad = who[0] ? giji_buf_puts(&b, "【") || giji_buf_puts(&b, who) || giji_buf_puts(&b, "】")
                         : giji_buf_puts(&b, "答：");
        bad = bad || giji_buf_puts(&b, answer);
        rc = bad ? GIJI_NOMEM() : on_made_line(st, l, giji_buf_steal(&b));
        giji_buf_free(&b);
    }
    free(speaker);
    free(speech);
    free(answer);
    st->marked_labels = marked;
    return rc;
}

/* One line of the proceedings: a table's row, a label the wrap cut and a
 * report inside a paragraph are made into the lines on_line_inner reads. A
 * time stamp ("[00:03:12]") starts a turn: alone on its line it closes the
 * remark before; before a label ("[00:12:40] 佐藤構成員：") the line is read
 * without it. */
static int on_line(state *st, const giji_line *l, const giji_line *next)
{
    if (strchr(l->text, '\t')) {
        giji_tab_cols cols;
        int rc = giji_tab_header(st->rules, l->text, &cols);
        if (rc)
            return rc;
        if (cols.speech >= 0) {   /* the header row: a table of views starts */
            st->tab = cols;
            return close_remark(st);
        }
        if (st->tab.speech >= 0)
            return on_tab_row(st, l);
    } else {
        st->tab.speech = -1;   /* the table ended */
    }
    int taken = st->skip && l >= st->lines && l < st->lines_end && l <= st->skip;
    /* "【内閣府科学技術・イノベーション推進事務局　…担当" / "統括官（田中）】　…":
     * a long label the wrap cut; read the two lines as one */
    if (!taken && giji_str_starts(l->text, "【") && !strstr(l->text, "】") && next && next >= st->lines &&
        next < st->lines_end) {
        const char *close = strstr(next->text, "】");
        if (close && giji_utf8_count(l->text, strlen(l->text)) + giji_utf8_count(next->text, (size_t)(close - next->text)) <= 80)
            return split_report(st, l, next, 0, 1);
    }
    /* "中村 さやか（委員）" / "：ありがとうございます。…": a label whose colon
     * and speech the wrap put on the next line; read the two as one */
    if (!taken && next && next >= st->lines && next < st->lines_end && !l->marks &&
        (giji_str_starts(next->text, "：") || next->text[0] == ':') && !strstr(l->text, "。") &&
        giji_utf8_count(l->text, strlen(l->text)) <= 32)
        return split_report(st, l, next, 0, 1);
    if (st->reported_seen && !st->marked_labels && !taken && st->turn == TURN_LABELLED) {
        size_t at;
        int joins = 0;
        int rc = report_split(st, l, next, &at, &joins);
        if (rc)
            return rc;
        if (at != NO_SPLIT)
            return split_report(st, l, next, at, joins);
    }
    size_t ts = time_stamp(l->text);
    if (!ts)
        return on_line_inner(st, l, next);
    if (!l->text[ts]) {
        int rc = close_remark(st);
        /* the speaker on the line below the stamp ("[00:03:12]" / "中村参事官"),
         * whether or not the list names them */
        if (!rc && next && !time_stamp(next->text) && giji_utf8_count(next->key, strlen(next->key)) <= 16 &&
            !strstr(next->key, "。") && !strstr(next->key, "、")) {
            int speaker = -1;
            giji_attribution how = GIJI_ATTR_NONE;
            rc = giji_label_resolve(st->rules, st->body_key, st->m, next->lineno, next->text, &speaker, &how);
            if (!rc)
                rc = new_remark(st, speaker, speaker >= 0 ? how : GIJI_ATTR_NONE, next->text, next->lineno);
            if (!rc) {
                st->turn = TURN_LABELLED;
                st->skip = next;
            }
        }
        return rc;
    }
    giji_line rest;
    if (giji_line_made(l, giji_strdup(l->text + ts), &rest))
        return GIJI_NOMEM();
    rest.marks = 0;
    int rc = close_remark(st);
    if (!rc)
        rc = on_line_inner(st, &rest, next);
    giji_line_release(&rest);
    return rc;
}

/* "事務局から資料1に基づき、…" (no 。 on the line: the sentence goes on):
 * the bytes of the group word the line starts with, then から or より; 0
 * when the line is no such start. */
static size_t group_explains(const state *st, const giji_line *l)
{
    const char *t = l->text;
    /* a short line is a heading or an item ("関係団体からのヒアリング") */
    if (strstr(t, "。") || giji_utf8_count(t, strlen(t)) < 20)
        return 0;
    for (size_t i = st->rules->kind_first[GIJI_PH_GROUP]; i < st->rules->kind_first[GIJI_PH_GROUP + 1]; i++) {
        const char *g = st->rules->phrases[i].phrase;
        size_t gn = strlen(g);
        if (!strncmp(t, g, gn) && (!strncmp(t + gn, "から", 6) || !strncmp(t + gn, "より", 6)) &&
            strncmp(t + gn + 6, "の", 3) != 0) {
            /* "事務局から資料１及び資料２に基づき説明があり、その後、意見交換
             * が行わ" / "れた。主な発言は以下のとおり。": the record's own
             * narrative, no explanation of the secretariat's */
            char *rest = giji_match_key(t + gn + 6);
            int procedural = rest && giji_rules_phrase_in(st->rules, GIJI_PH_PROCEDURAL, rest);
            free(rest);
            return procedural ? 0 : gn;
        }
    }
    return 0;
}

/* Is l wholly "(GROUP)" (a `group` word of data/phrases.tsv in round
 * brackets), with speech, not a bullet, on the line below? */
static int group_alone(const state *st, const giji_line *l, const giji_line *next)
{
    const char *k = l->key;
    size_t n = strlen(k);
    if (n < 3 || k[0] != '(' || k[n - 1] != ')' || giji_match_paren(k) != n || !next || next->marks)
        return 0;
    char inner[128];
    if (n - 2 >= sizeof inner)
        return 0;
    memcpy(inner, k + 1, n - 2);
    inner[n - 2] = '\0';
    return giji_rules_phrase_is(st->rules, GIJI_PH_GROUP, inner);
}

/* "（◆：委員の発言、◇：関係省庁の回答・説明、□：議長の発言）": a line wholly
 * in brackets of at least two entries "MARK：WHO の発言" — read into
 * st->legend; 1 when l is one. */
static int read_mark_legend(state *st, const giji_line *l)
{
    const char *t = l->text;
    size_t n = strlen(t);
    if (n < 6 || strncmp(t, "（", 3) != 0 || strncmp(t + n - 3, "）", 3) != 0 || giji_match_paren(t) != n)
        return 0;
    size_t found = 0;
    for (size_t i = 3; i + 3 < n && found < 6;) {
        uint32_t cp;
        size_t k = giji_utf8_decode(t + i, n - i, &cp);
        if (!k)
            return 0;
        int mark = (cp >= 0x25A0 && cp <= 0x25FF) || cp == 0x3007;
        if (!mark || (strncmp(t + i + k, "：", 3) != 0 && t[i + k] != ':'))
            return 0;
        size_t from = i + k + (t[i + k] == ':' ? 1 : 3), to = from;
        while (to < n - 3 && strncmp(t + to, "、", 3) != 0)
            to++;
        /* "委員の発言" → 委員, "関係省庁の回答・説明" → 関係省庁 */
        size_t who = from;
        while (who < to && strncmp(t + who, "の", 3) != 0)
            who++;
        if (who == from || who - from >= sizeof st->legend[0].label)
            return 0;
        st->legend[found].cp = cp;
        memcpy(st->legend[found].label, t + from, who - from);
        st->legend[found].label[who - from] = '\0';
        found++;
        i = to + 3;
    }
    if (found < 2)
        return 0;
    st->nlegend = found;
    return 1;
}

static const char *legend_label(const state *st, uint32_t cp)
{
    for (size_t i = 0; cp && i < st->nlegend; i++)
        if (st->legend[i].cp == cp)
            return st->legend[i].label;
    return NULL;
}

static int on_line_inner(state *st, const giji_line *l, const giji_line *next)
{
    if (st->skip && l >= st->lines && l < st->lines_end && l <= st->skip) {
        /* taken with the line before (a run-in report may take two) */
        if (l == st->skip)
            st->skip = NULL;
        return GIJI_OK;
    }
    if (colhead_line(st->rules, l->key))
        return GIJI_OK;   /* a table's header row: no speech, nor a turn's end */
    /* the rest of a sub-heading the wrap cut ("日程第一　…（内" / "閣提出）…") */
    if (st->heading_wraps && l->wrapped && !l->marks)
        return GIJI_OK;
    st->heading_wraps = 0;
    giji_label lab;
    int rc = giji_label_find(st->rules, st->body_key, st->m, st->name, l, &lab);
    if (rc)
        return rc;
    /* A record whose turns are marked (○議長（石田）, 【…】) is verbatim: there
     * "青木委員から、御意見を頂戴したい" is the chair speaking, not a report
     * (but "→ 外務省から、…との回答があった。" on a line of its own is one) */
    if (lab.found && lab.reported && st->marked_labels && !l->marks) {
        free(lab.label);
        lab.found = 0;
    } else if (lab.found && lab.rest == strlen(l->text) && remark_ends_sentence(st) && no_speech_below(next)) {
        /* "（篠田議員）" alone after a bullet's last sentence: its signature */
        rc = sign_remark(st, lab.label, l->lineno);
        free(lab.label);
        return rc;
    } else if (lab.found && !lab.reported) {
        st->marked_labels++;
    } else if (lab.found) {
        st->reported_seen = 1;
    }
    if (lab.found) {
        int speaker = -1;
        giji_attribution how = GIJI_ATTR_NONE;
        if (!(rc = close_remark(st)) &&
            !(rc = lab.question ? GIJI_OK
                                : (lab.answer ? giji_label_resolve_answer : giji_label_resolve)(
                                      st->rules, st->body_key, st->m, l->lineno, lab.label, &speaker,
                                                     &how)) &&
            !(rc = new_remark(st, speaker, speaker >= 0 ? how : GIJI_ATTR_NONE, lab.label, l->lineno))) {
            st->turn = TURN_LABELLED;
            st->agenda_mode = 0;
            rc = append_text(st, l, lab.rest);
            st->quoted = lab.quoted;
            /* "【浜松市　北村副市長】" alone on its line, then "・…" points:
             * the points are the speaker's, as after "主な意見は以下のとおり"
             * ("●石田本部長" too; not after a ・ bullet that only looked like
             * a label) */
            st->points_turn = lab.rest >= strlen(l->text) && !(l->marks & (GIJI_MARK_DOT | GIJI_MARK_DASH)) &&
                              next && next->marks;
            st->list_open = giji_rules_phrase_in(st->rules, GIJI_PH_LISTINTRO, l->key) != NULL;
            rc = rc ? rc : quoted_turn_next(st, l, lab.rest, next);
        }
        free(lab.label);
        return rc;
    }
    if (st->opinions && group_alone(st, l, next)) {
        /* "（地方公共団体）" on a line of its own, the opinion below: a
         * category of members speaking, as "（学識経験者）…" on one line */
        int rc2 = close_remark(st);
        char *label = rc2 ? NULL : giji_strndup(l->key + 1, strlen(l->key) - 2);
        if (!rc2 && !label)
            rc2 = GIJI_NOMEM();
        if (!rc2 && !(rc2 = new_remark(st, -1, GIJI_ATTR_NONE, label, l->lineno)))
            st->turn = TURN_LABELLED;
        free(label);
        return rc2;
    }
    if (read_mark_legend(st, l))
        return close_remark(st);
    size_t gl = 0;
    if (st->in_proceedings && !l->wrapped && !l->marks && (gl = group_explains(st, l)) > 0) {
        /* "事務局から資料1に基づき、…（IEA）…について説明があった。" over
         * several lines: the secretariat's explanation holds names, a turn
         * of its own (one line ending its sentence is the procedural one) */
        char *label = giji_strndup(l->text, gl);
        int rc2 = label ? close_remark(st) : GIJI_NOMEM();
        if (!rc2 && !(rc2 = new_remark(st, -1, GIJI_ATTR_NONE, label, l->lineno))) {
            st->turn = TURN_LABELLED;
            rc2 = append_text(st, l, gl + 6);   /* after "から" or "より" */
        }
        free(label);
        return rc2;
    }
    const char *by_mark = l->marks ? legend_label(st, l->mark_cp) : NULL;
    if (by_mark) {
        /* "◆…" under the legend: a turn of who the mark stands for (the
         * chair's resolves; a member or a ministry stays unnamed); the
         * "・" points under it are its own */
        int rc2 = close_remark(st), speaker = -1;
        if (!rc2)
            rc2 = giji_label_names(st->rules, st->body_key, st->m, by_mark, strlen(by_mark), &speaker);
        if (!rc2 && !(rc2 = new_remark(st, speaker, speaker >= 0 ? GIJI_ATTR_EXPLICIT : GIJI_ATTR_NONE, by_mark,
                                       l->lineno))) {
            st->turn = TURN_LABELLED;
            st->points_turn = 1;
            rc2 = append_text(st, l, 0);
        }
        return rc2;
    }
    if (is_bracketed_direction(st->rules, l->key))
        return GIJI_OK; /* neither speech nor the end of a turn */
    char *key = giji_strdup(l->key);
    char *text_key = NULL;
    if (!key)
        return GIJI_ENOMEM;
    if (is_block_heading(st->rules, l, key)) {
        rc = close_remark(st);
        st->agenda_mode = 1;
    } else if ((text_key = bracketed_sub(st, key)) != NULL) {
        /* "（意見交換）" on a line of its own: a sub-heading in brackets */
        rc = on_subheading(st, l, text_key);
    } else if (topic_heading(key)) {
        /* "＜AI人材の育成について＞" inside the opinions: a theme's heading;
         * the opinions go on under it */
        rc = close_remark(st);
    } else if (!numbered_point(st, l, next) && subheading(l, &text_key)) {
        rc = on_subheading(st, l, text_key);
        st->heading_wraps = 1;
    } else if (l->marks && st->cur >= 0 && (st->list_open || st->points_turn) &&
               (st->turn == TURN_LABELLED || st->turn == TURN_GREETING)) {
        /* "主な意見は以下のとおりである。" and then bullets: the speaker's
         * own points, not an agenda or other people's opinions */
        rc = append_text(st, l, 0);
    } else if (l->marks) {
        rc = close_remark(st);
        /* a bullet is an agenda item unless opinions were announced, or
         * it is a sentence ("・環境省としては、…を進める。", also when the
         * wrap carried its end to the next line): an item names a subject,
         * it says nothing */
        int sentence = !st->opinions && !st->agenda_mode &&
                       (giji_str_ends(key, "。") ||
                        (next && !next->marks && !next->blank_before && strstr(next->key, "。")));
        if (!rc && (st->agenda_mode || (!st->opinions && !sentence) || enumerated(key)) && !signed_line(st, l))
            rc = add_agenda(st->m, l->text);
        else if (!rc && !(rc = new_remark(st, -1, GIJI_ATTR_NONE, NULL, l->lineno))) {
            st->turn = TURN_ANON;
            rc = append_anon(st, l);
        }
    } else if (st->cur >= 0 && (st->turn == TURN_LABELLED || st->turn == TURN_GREETING) &&
               !is_stage_direction(st->rules, key) && !opener_after_turn(st, l, key)) {
        rc = append_text(st, l, 0);
        /* a bullet's wrapped lines keep the list open for the next bullet */
        st->list_open = giji_rules_phrase_in(st->rules, GIJI_PH_LISTINTRO, l->key) != NULL ||
                        (st->list_open && l->wrapped);
        rc = rc ? rc : quoted_turn_next(st, l, 0, next);
    } else if (giji_rules_phrase_in(st->rules, GIJI_PH_OPENER, key) || opener_across_wrap(st, key, next)) {
        rc = close_remark(st);
        st->opinions = 1;
        st->agenda_mode = 0;
        /* "…主な発言は以下の" / "とおり。": the opener's last words, cut by the
         * wrap, are no opinion */
        if (next && !next->marks && !giji_str_ends(l->text, "。")) {
            const char *stop = strstr(next->text, "。");
            if (stop && !stop[3] && giji_utf8_count(next->text, strlen(next->text)) <= 12)
                st->skip = next;
        }
        /* "最後に、石田議長から以下の発言があった。": the speech below is his */
        rc = rc ? rc : opener_names_speaker(st, l);
    } else if (giji_rules_phrase_in(st->rules, GIJI_PH_PROCEDURAL, key)) {
        rc = close_remark(st);
    } else if (st->cur >= 0 && st->turn == TURN_ANON) {
        rc = append_anon(st, l);
    } else if (st->opinions && !l->marks && opinions_heading(st, key)) {
        /* "委員からの主な意見", "オブザーバーからの主な意見": a heading over
         * the opinions below, none itself */
        rc = on_subheading(st, l, key);
    } else if (st->opinions) {
        if (!(rc = new_remark(st, -1, GIJI_ATTR_NONE, NULL, l->lineno))) {
            st->turn = TURN_ANON;
            rc = append_anon(st, l);
        }
    } else if (st->m->nremarks == 0) {
        if (!st->proceedings_text && st->in_proceedings)
            st->proceedings_text = l->lineno;
        if (st->in_proceedings)
            st->proceedings_cps += giji_utf8_count(l->key, strlen(l->key));
    } else if (!st->dropped_at) {
        /* prose after a heading that names no speaker and opens no
         * discussion, once remarks have begun (before, it is the record's
         * header): no remark holds it; say so once for the run */
        st->dropped_at = l->lineno;
        rc = giji_meeting_warn(st->m, l->lineno, "text in no remark (no speaker label or bullet before it): "
                                                 "not stored");
    }
    free(key);
    free(text_key);
    return rc;
}

/* ---- several meetings in one file ---------------------------------------- */

/* Does the line at i open another meeting's minutes? A short line naming a
 * kind of record (議事要旨, 議事録 ...: the doc phrases of data/), with the
 * date or a section of the record (日時, 出席者) within the lines below it:
 * what giji_segment needs to read a meeting at all, so that a record named
 * after the end mark ("（参考）第3回議事要旨") is no meeting of its own. */
static int opens_minutes(const giji_rules *r, const giji_doc *doc, size_t i)
{
    const char *k = doc->lines[i].key;
    if (giji_utf8_count(k, strlen(k)) > 60 || !giji_rules_phrase_in(r, GIJI_PH_DOC, k))
        return 0;
    for (size_t j = i + 1; j < doc->n && j <= i + TITLE_MAX_LINES; j++) {
        char iso[11];
        const char *value;
        if (giji_date_parse(r, doc->lines[j].norm, iso) > 0 ||
            section_of(r, &doc->lines[j], 1, &value) != GIJI_SEC_NONE)
            return 1;
    }
    return 0;
}

/* Does the NFKC line hold a date? "日時：同日15:10～16:00" of a breakout
 * session holds none: the same meeting goes on. */
static int has_date(const giji_rules *r, const char *norm)
{
    char iso[11];
    int k = find_date(r, norm, iso);
    if (k < 0)
        giji_error_clear();   /* an impossible date: read_date warns of it */
    return k > 0;
}

/* Lines a meeting holds at least before the title of another can start
 * one without an end mark between (cut_title). */
#define CUT_MIN_LINES 8

/* A meeting cut short, the next one's title on the next line, with no end
 * mark between (pages lost when the PDFs were merged): line i is a title
 * (a short line ending in a kind of record, "…（第６回）議事要旨", that is
 * no section heading such as "５．議事要旨") with the date's section
 * heading within the lines below it, holding a date ("日時：令和8年…"; a
 * breakout session's "日時：同日15:10～" is the same meeting going on).
 * Stricter than a title after an end mark (opens_minutes), since nothing
 * but the title says a meeting ended. */
static int cut_title(const giji_rules *r, const giji_doc *doc, size_t i)
{
    const giji_line *l = &doc->lines[i];
    const char *value;
    if (strlen(l->key) > 180 || !giji_rules_phrase_suffix(r, GIJI_PH_DOC, l->key) ||
        giji_utf8_count(l->key, strlen(l->key)) > 60 || section_of(r, l, 1, &value) != GIJI_SEC_NONE)
        return 0;
    for (size_t j = i + 1; j < doc->n && j <= i + TITLE_MAX_LINES; j++)
        if (section_of(r, &doc->lines[j], 1, &value) == GIJI_SEC_DATE)
            return has_date(r, doc->lines[j].norm);
    return 0;
}

size_t giji_doc_meetings(const giji_rules *rules, const giji_doc *doc, size_t *starts, size_t max)
{
    if (doc->n == 0)
        return 0;
    if (max)
        starts[0] = 0;
    size_t n = 1, cur = 0;   /* cur: the first line of the meeting being read */
    for (size_t i = 0; i < doc->n; i++) {
        size_t start = 0;
        if (is_end(rules, &doc->lines[i])) {
            /* the next meeting starts on the first line after the end mark
             * that is no page furniture, when its title is among the first
             * lines from there (a title may take a line or two) */
            size_t from = i + 1;
            while (from < doc->n && is_furniture(rules, &doc->lines[from]))
                from++;
            for (size_t t = from; t < doc->n && t < from + TITLE_MAX_LINES; t++) {
                if (is_end(rules, &doc->lines[t]))
                    break;
                if (opens_minutes(rules, doc, t)) {
                    start = from;
                    i = t;
                    break;
                }
            }
        } else if (i >= cur + CUT_MIN_LINES && cut_title(rules, doc, i)) {
            start = i;
        }
        if (start) {
            if (n < max)
                starts[n] = start;
            n++;
            cur = start;
        }
    }
    return n;
}

/* giji_segment of a whole document that holds several meetings reads the
 * first: name where the next one starts (giji_doc_meetings splits them for
 * the ingest, which stores each). */
static int warn_second_meeting(const giji_rules *r, const giji_doc *doc, giji_meeting *m)
{
    size_t starts[2];
    if (giji_doc_meetings(r, doc, starts, 2) < 2)
        return GIJI_OK;
    const giji_line *l = &doc->lines[starts[1]];
    return giji_meeting_warn(m, l->lineno,
                             "another meeting's minutes start here, after the end of the first ('%s'): "
                             "not read with this one (giji ingest stores each meeting of a file)", l->text);
}

/* Minutes end with "以上" or at least with a full sentence; text that stops
 * mid-sentence was probably cut short (a truncated PDF or extraction). */
static int warn_if_cut_short(giji_meeting *m, const giji_line *last)
{
    size_t st;
    uint32_t cp = giji_utf8_prev(last->text, strlen(last->text), &st);
    static const uint32_t enders[] = {0x3002, 0xFF0E, '.', 0xFF01, 0xFF1F, '!', '?', 0x300D,
                                      0x300F, 0xFF09, ')', 0x3011};
    for (size_t i = 0; i < sizeof enders / sizeof *enders; i++)
        if (cp == enders[i])
            return GIJI_OK;
    return giji_meeting_warn(m, last->last_lineno,
                             "the text stops mid-sentence and has no end mark (以上): the document may be cut short");
}

/* ---- driver -------------------------------------------------------------- */

/* A web page's menu lines before the title ("本文へ", "文部科学省", "English",
 * "サイトマップ", "検索", a breadcrumb): when none of the first lines names a
 * kind of minutes and a later one of the first WEB_TITLE_LINES does, and the
 * lines before it are short words, the title starts at that line. */
#define WEB_TITLE_LINES 12
static size_t title_start(const giji_rules *r, const giji_doc *doc)
{
    for (size_t i = 0; i < doc->n && i < WEB_TITLE_LINES; i++) {
        const giji_line *l = &doc->lines[i];
        const char *gt = strchr(l->key, '>');
        if (gt && strchr(gt + 1, '>'))
            continue;   /* "ホーム > … > 初等中等教育分科会（第150回）議事録": the breadcrumb */
        if (giji_rules_phrase_in(r, GIJI_PH_DOC, l->key))
            return i < TITLE_MAX_LINES ? 0 : i;
        if (strstr(l->key, "。") || giji_utf8_count(l->key, strlen(l->key)) > 20 || l->marks)
            return 0;
    }
    return 0;
}

static int title_block(const giji_rules *r, const giji_doc *doc, giji_meeting *m, size_t *end)
{
    giji_buf t = {0};
    size_t i = title_start(r, doc), from = i;
    for (; i < doc->n && i < from + TITLE_MAX_LINES; i++) {
        const char *value;
        char iso[11];
        const giji_line *l = &doc->lines[i];
        /* "ホーム > 会議等 > … > 第8回議事要旨 こども未来会議（第8回）議事要旨":
         * a web page's breadcrumb run into the title (its line breaks lost):
         * the title is after the last crumb, past the crumb's own words */
        const char *part = l->norm, *gt = strrchr(part, '>');
        if (gt && gt > part && strchr(gt, ' ')) {
            part = strrchr(gt, ' ') + 1;
            if (!*part || !giji_rules_phrase_in(r, GIJI_PH_DOC, part))
                part = l->norm;
        }
        if (part == l->norm && is_furniture(r, l))
            continue;   /* the page's menus around the title of a web copy */
        /* "2026年11月10日　第25回社会保障審議会年金部会　議事録": the MHLW's
         * pages put the date before the title; the rest is the title */
        int dated = giji_date_parse(r, l->norm, iso);
        if (dated > 0 && part == l->norm) {
            const char *rest = l->norm + dated;
            while (*rest == ' ')
                rest++;
            if (*rest && giji_rules_phrase_in(r, GIJI_PH_DOC, rest) &&
                giji_utf8_count(rest, strlen(rest)) <= SUBHEADING_MAX_CPS) {
                part = rest;
                dated = 0;
            }
        }
        if (section_of(r, l, 1, &value) != GIJI_SEC_NONE || dated > 0)
            break;
        if (i && l->marks)
            break;
        if ((t.len && giji_buf_putc(&t, ' ')) || giji_buf_puts(&t, part)) {
            giji_buf_free(&t);
            return GIJI_ENOMEM;
        }
    }
    giji_error_clear();
    *end = i;
    int rc = GIJI_OK;
    if (t.len) {
        m->title = giji_buf_steal(&t);
        rc = m->title ? read_title(r, m, m->title) : GIJI_ENOMEM;
    }
    giji_buf_free(&t);
    return rc;
}

/* A line with no letters at all: "―――――", "＊＊＊". */
static int is_separator(const giji_line *l)
{
    const char *s = l->text;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        if (giji_cp_is_kana_or_han(cp) || giji_cp_is_ascii_alnum(cp) || (cp >= 0xFF10 && cp <= 0xFF5A))
            return 0;
        i += k;
    }
    return 1;
}

/* Pass 1: mark each line with its section (-1 for headings), read the
 * metadata, and parse each attendee section (one group each). */
/* "(開会)", "(閉会)": a word of at most 4 characters in brackets, alone on
 * its line (a key: NFKC, no spaces). In an agenda it marks the order of
 * business; it is not an item. */
static int bracketed_word(const char *key)
{
    size_t n = strlen(key);
    if (n < 3 || key[0] != '(' || key[n - 1] != ')' || memchr(key + 1, '(', n - 2) || memchr(key + 1, ')', n - 2))
        return 0;
    return giji_utf8_count(key + 1, n - 2) <= 4;
}

/* The lines doc->lines[from..to) of the proceedings that named the agenda
 * (under a bare 議事 heading, or numbered items before the proceedings'
 * heading): agenda items, each line one (as in an agenda section), brackets
 * alone ("（報告）") left out. */
static int giji_was_agenda(const giji_doc *doc, size_t from, size_t to, int *sec, giji_meeting *out)
{
    int rc = GIJI_OK;
    for (size_t j = from; !rc && j < to; j++)
        if (sec[j] == GIJI_SEC_PROCEEDINGS) {
            sec[j] = GIJI_SEC_AGENDA;
            if (!bracketed_word(doc->lines[j].key))
                rc = add_agenda(out, doc->lines[j].text);
        }
    return rc;
}

/* "4．議事" and then "5．議事概要": both are proceedings headings, but when
 * the first one's lines, up to the second, are all numbered items ("（1）…に
 * ついて"), the first was the agenda. Its lines become agenda items. */
static int proceedings_were_agenda(const giji_doc *doc, size_t from, size_t to, int *sec,
                                   giji_meeting *out)
{
    size_t items = 0;
    for (size_t j = from; j < to; j++) {
        if (sec[j] == -2)
            continue;
        if (sec[j] != GIJI_SEC_PROCEEDINGS || doc->lines[j].marks || !enumerated(doc->lines[j].key))
            return GIJI_OK;
        items++;
    }
    return items ? giji_was_agenda(doc, from, to, sec, out) : GIJI_OK;
}

/* Is the heading the bare word 議事 ("議事：", "４．議事", "議　事")? */
static int bare_giji(const char *key)
{
    const char *k = key + number_prefix(key);
    size_t n = strlen(k);
    while (n && (k[n - 1] == ':' || (n >= 3 && !memcmp(k + n - 3, "：", 3))))
        n -= k[n - 1] == ':' ? 1 : 3;
    return n == 6 && !memcmp(k, "議事", 6);
}

/* "議事：" and then numbered items, a blank line, and the record's words
 * ("全体会合", "【石田議長】…"), with no second heading: 議事 named the
 * agenda, not the proceedings, which start after the blank line. The
 * numbered items (at least two, the first line one of them; lines between
 * them without a sentence are their sub-items or what the wrap cut) become
 * agenda items. Only under the bare word 議事 (data/sections.tsv
 * maps it to the proceedings), and only when a blank line ends the items:
 * "議事" / "１．開会" / "○石田議長　…" keeps its numbered sub-heading. */
static int agenda_under_giji(const giji_doc *doc, size_t head, size_t end, int *sec, giji_meeting *out)
{
    size_t j = head + 1, items = 0;
    while (j < end && sec[j] == -2)
        j++;
    size_t from = j;
    for (; j < end; j++) {
        const giji_line *l = &doc->lines[j];
        if (sec[j] == -2)
            continue;
        if (j > from && l->blank_before)
            break;
        if (sec[j] != GIJI_SEC_PROCEEDINGS || l->marks)
            return GIJI_OK;
        if (enumerated(l->key))
            items++;
        else if (!items || strstr(l->key, "。"))
            return GIJI_OK;   /* a sentence: the record's words, not an item */
    }
    if (items < 2 || j >= end || !doc->lines[j].blank_before)
        return GIJI_OK;
    int rc = GIJI_OK;
    for (size_t k = from; !rc && k < j; k++) {
        if (sec[k] != GIJI_SEC_PROCEEDINGS)
            continue;
        sec[k] = GIJI_SEC_AGENDA;
        if (enumerated(doc->lines[k].key))
            rc = add_agenda(out, doc->lines[k].text);
    }
    return rc;
}

/* "出席者：別紙のとおり" and, after the end mark, "（別紙）" with the table of
 * attendees (and a title line naming them, "…（第51回）出席者", or on the
 * heading's own line, "別紙　出席者名簿"): read from there when the heading
 * gave none. */
static int appendix_attendees(const giji_rules *rules, const char *name, const giji_doc *doc, size_t end,
                              giji_meeting *out)
{
    size_t i = end;
    while (i < doc->n && !giji_str_starts(doc->lines[i].key, "(別紙)") && !giji_str_starts(doc->lines[i].key, "別紙"))
        i++;
    if (i >= doc->n)
        return GIJI_OK;
    /* "別紙　出席者名簿": the title on the heading's own line */
    const char *own = strstr(doc->lines[i].key, "出席者");
    if (!own || giji_utf8_count(doc->lines[i].key, (size_t)(own - doc->lines[i].key)) > 6)
        i++;
    if (i >= doc->n)
        return GIJI_OK;
    /* the title line, perhaps joined with the first row by the page-break
     * joiner (a blank line between): the row is what follows 出席者 */
    const giji_line *t = &doc->lines[i];
    const char *at = strstr(t->text, "出席者");
    if (!at || giji_utf8_count(t->text, (size_t)(at - t->text)) > 40)
        return giji_attendees_parse(rules, name, doc, i, doc->n, 0, out);
    at += strlen("出席者");
    if (giji_str_starts(at, "名簿"))
        at += strlen("名簿");
    int rc = GIJI_OK;
    if (*at) {
        giji_line row;
        giji_doc one = {&row, 1};
        rc = giji_line_made(t, giji_strdup(at), &row) ? GIJI_NOMEM()
                                                       : giji_attendees_parse(rules, name, &one, 0, 1, 0, out);
        giji_line_release(&row);
    }
    return rc || i + 1 >= doc->n ? rc : giji_attendees_parse(rules, name, doc, i + 1, doc->n, 0, out);
}

/* Is line i an attendee heading word alone ("出席国務大臣"), with a line
 * after it that is no prose (no 。)? */
static int attendee_heading_alone(const giji_rules *rules, const giji_doc *doc, size_t i)
{
    const char *value = NULL;
    if (i + 1 >= doc->n || strstr(doc->lines[i + 1].key, "。") ||
        section_of(rules, &doc->lines[i], 0, &value) != GIJI_SEC_ATTENDEES || (value && *value))
        return 0;
    for (size_t k = 0; k < rules->nsections; k++)
        if (rules->sections[k].section == GIJI_SEC_ATTENDEES && !strcmp(doc->lines[i].key, rules->sections[k].heading))
            return 1;
    return 0;
}

/* "[00:03:12]" (a video transcript's time stamp) at the start of a line:
 * its bytes with the white space after it, or 0. */
static size_t time_stamp(const char *t)
{
    const char *p = t;
    if (*p != '[')
        return 0;
    p++;
    int groups = 0;
    for (;;) {
        int d = 0;
        while (*p >= '0' && *p <= '9')
            p++, d++;
        if (d < 1 || d > 2)
            return 0;
        groups++;
        if (*p != ':')
            break;
        p++;
    }
    if (groups < 2 || *p != ']')
        return 0;
    p++;
    while (*p == ' ' || !strncmp(p, "\xe3\x80\x80", 3))
        p += *p == ' ' ? 1 : 3;
    return (size_t)(p - t);
}

/* Does doc->lines[i] open with a bracketed speaker label ("【岩井座長】",
 * "＜中村委員＞") with the speech after it on the same line? Then *s is
 * GIJI_SEC_PROCEEDINGS. The label need not name an attendee: a record may
 * list none. */
static int labelled_turn(const giji_rules *rules, const char *name, const giji_doc *doc, size_t i,
                         const giji_meeting *out, int *s)
{
    const giji_line *l = &doc->lines[i];
    uint32_t cp = 0;
    giji_utf8_decode(l->text, strlen(l->text), &cp);
    if (!giji_label_closer(cp))
        return GIJI_OK;
    giji_label lab;
    int rc = giji_label_find(rules, NULL, out, name, l, &lab);
    if (rc == GIJI_EPARSE) {   /* an unclosed bracket is no turn here; pass 2 says so if it is one */
        giji_error_clear();
        rc = GIJI_OK;
    }
    if (!rc && lab.found && !lab.reported && !lab.question && l->text[lab.rest])
        *s = GIJI_SEC_PROCEEDINGS;
    free(lab.label);
    return rc;
}

/* how many lines after a ○ row of an attendee table its legend may stand */
#define LEGEND_AFTER 40

static int pass_sections(const giji_rules *rules, const char *name, const giji_doc *doc,
                         size_t first, int *sec, size_t *end, giji_meeting *out)
{
    int rc = GIJI_OK, cur = GIJI_SEC_NONE, seen_section = 0;
    size_t att_from = 0, giji_head = (size_t)-1;   /* a heading that is the bare word 議事 */
    size_t giji_end = (size_t)-1;                    /* the next heading after it */
    *end = doc->n;
    for (size_t i = first; !rc && i <= doc->n; i++) {
        const giji_line *l = i < doc->n ? &doc->lines[i] : NULL;
        int s = GIJI_SEC_NONE;
        const char *value = NULL;
        if (l && is_end(rules, l))
            *end = i;
        else if (l && (is_separator(l) || is_furniture(rules, l))) {
            sec[i] = -2;
            continue;
        } else if (l) {
            /* inside the proceedings only a numbered or marked heading ends them */
            s = section_of(rules, l, cur == GIJI_SEC_PROCEEDINGS, &value);
            /* Diet records: a ○ turn starts the proceedings wherever it stands */
            /* — but not a row of an attendee table whose legend gives ○ a role
             * ("○小松原　真紀　（弁護士）" over "（◎は座長、○は座長代理）") */
            const char *lr;
            if (s == GIJI_SEC_NONE && (l->marks & GIJI_MARK_CIRCLE) && cur != GIJI_SEC_PROCEEDINGS &&
                cur != GIJI_SEC_NONE &&
                !(cur == GIJI_SEC_ATTENDEES &&
                  giji_legend_role(doc, i, i + LEGEND_AFTER < doc->n ? i + LEGEND_AFTER : doc->n, l->mark_cp, &lr)))
                s = GIJI_SEC_PROCEEDINGS, sec[i] = GIJI_SEC_PROCEEDINGS;
            /* a record with no heading over its turns ("2．場所：…" or the
             * list of papers, then "【岩井座長】それでは、…"): a bracketed label
             * with speech after it on its line ends that section and starts
             * the proceedings (not in the attendee list, whose "【委員】…"
             * lines are groups) */
            if (s == GIJI_SEC_NONE && (cur == GIJI_SEC_DATE || cur == GIJI_SEC_PLACE || cur == GIJI_SEC_AGENDA ||
                                       cur == GIJI_SEC_OTHER)) {
                if ((rc = labelled_turn(rules, name, doc, i, out, &s)) != GIJI_OK)
                    break;
                if (s == GIJI_SEC_PROCEEDINGS)
                    sec[i] = GIJI_SEC_PROCEEDINGS;
            }
            /* a video transcript: the first time stamp starts the proceedings */
            if (s == GIJI_SEC_NONE && cur != GIJI_SEC_PROCEEDINGS && cur != GIJI_SEC_NONE && time_stamp(l->text))
                s = GIJI_SEC_PROCEEDINGS, sec[i] = GIJI_SEC_PROCEEDINGS;
            /* a plenary's record lists the ministers who attended after the
             * sitting ("出席国務大臣" / "内閣総理大臣　田村　誠司"): an attendee
             * heading alone on its line ends the proceedings */
            if (s == GIJI_SEC_NONE && cur == GIJI_SEC_PROCEEDINGS && !l->marks && !l->wrapped &&
                attendee_heading_alone(rules, doc, i))
                s = GIJI_SEC_ATTENDEES;
        }
        int closing = !l || *end == i || s != GIJI_SEC_NONE;
        if (closing && cur == GIJI_SEC_ATTENDEES && i > att_from)
            rc = giji_attendees_parse(rules, name, doc, att_from, i, next_group(out), out);
        if (!l || *end == i || rc)
            break;
        if (s != GIJI_SEC_NONE) {
            if (sec[i] == GIJI_SEC_PROCEEDINGS) {
                cur = s;
                continue;
            }
            if (cur == GIJI_SEC_PROCEEDINGS && s == GIJI_SEC_PROCEEDINGS && !out->nagenda)
                rc = proceedings_were_agenda(doc, att_from, i, sec, out);
            /* "３．議事" over items, other sections, then "６．議事内容": the
             * bare word named the agenda, however its items look (bullets,
             * "①…", "（２）…審議結果について" whose 審議 would open a
             * discussion) */
            if (giji_head != (size_t)-1 && giji_end == (size_t)-1)
                giji_end = i;
            /* (other sections between them: right after 議事 it is
             * proceedings_were_agenda's case) */
            if (!rc && s == GIJI_SEC_PROCEEDINGS && cur != GIJI_SEC_PROCEEDINGS && giji_head != (size_t)-1 &&
                giji_end != (size_t)-1 && giji_end > giji_head + 1 && giji_end < i && !bare_giji(l->key) &&
                !out->nagenda)
                rc = giji_was_agenda(doc, giji_head + 1, giji_end, sec, out);
            cur = s;
            seen_section = 1;
            sec[i] = -1; /* a heading */
            if (s == GIJI_SEC_PROCEEDINGS && giji_head == (size_t)-1 && bare_giji(l->key))
                giji_head = i;
            att_from = i + 1;
            if (value && *value) {
                size_t b, e;
                giji_str_trim_range(value, strlen(value), &b, &e);
                if (s == GIJI_SEC_PLACE && !out->place && e > b)
                    rc = set_written_value(&out->place, l->text, value + b, e - b);
                else if (s == GIJI_SEC_DATE)
                    rc = read_date(rules, out, l);
                else if (s == GIJI_SEC_AGENDA && e > b) {
                    char *v = NULL;
                    rc = set_written_value(&v, l->text, value + b, e - b);
                    if (!rc)
                        rc = add_agenda(out, v);
                    free(v);
                } else if (s == GIJI_SEC_ATTENDEES && e > b && looks_like_entries(value + b, e - b))
                {
                    size_t taken;
                    rc = attendees_on_heading(rules, name, doc, i, value + b, e - b, &taken, out);
                    for (size_t k = 1; k <= taken; k++)
                        sec[i + k] = GIJI_SEC_ATTENDEES;
                    i += taken;
                    att_from = i + 1;
                }
            }
            continue;
        }
        sec[i] = cur;
        if (cur == GIJI_SEC_DATE && !out->date[0])
            rc = read_date(rules, out, l);
        else if (cur == GIJI_SEC_PLACE && !out->place)
            rc = set_str(&out->place, l->text, strlen(l->text));
        else if (cur == GIJI_SEC_AGENDA && !bracketed_word(l->key))
            rc = add_agenda(out, l->text);
        else if (cur == GIJI_SEC_NONE && !seen_section && (!out->date[0] || !out->start[0]))
            rc = read_date(rules, out, l); /* minutes without a 日時 heading */
    }
    if (!rc && !out->nattendees && *end < doc->n)
        rc = appendix_attendees(rules, name, doc, *end, out);
    if (!rc && !out->nagenda && giji_head != (size_t)-1)
        rc = agenda_under_giji(doc, giji_head, *end, sec, out);
    return rc;
}

/* The name a Diet turn's label gives with its honorific, "○議長（石原隆之君）"
 * or "○森山里美君": the label's start up to white space, its bracket's
 * content when it has one. Returns the label's length in bytes of l->text
 * (0: not such a label) and sets *nb, *nn to the name (no honorific). */
static size_t honorific_label(const giji_rules *r, const giji_line *l, size_t *nb, size_t *nn)
{
    const char *t = l->text;
    size_t tn = strlen(t), i = 0, k;
    uint32_t cp;
    while (i < tn && (k = giji_utf8_decode(t + i, tn - i, &cp)) && !giji_cp_is_space(cp))
        i += k;
    if (i == 0 || i > 48)
        return 0;
    size_t b = 0, e = i;
    if ((i >= 3 && !memcmp(t + i - 3, "）", 3)) || t[i - 1] == ')') {
        const char *open = strstr(t, "（");
        const char *o2 = memchr(t, '(', i);
        if (o2 && (!open || o2 < open))
            open = o2;
        if (!open || (size_t)(open - t) >= i || open == t)
            return 0;
        b = (size_t)(open - t) + (*open == '(' ? 1 : 3);
        e = i - (t[i - 1] == ')' ? 1 : 3);
    }
    if (e <= b)
        return 0;
    char *name = giji_strndup(t + b, e - b), *key = name ? giji_match_key(name) : NULL;
    size_t h = key ? giji_rules_honorific(r, key) : 0;
    size_t klen = key ? strlen(key) : 0;
    int plain = key && h && klen > h && giji_utf8_count(key, klen - h) >= 2 && giji_utf8_count(key, klen - h) <= 8;
    for (const char *p = key; plain && *p; p += k)
        plain = (k = giji_utf8_decode(p, strlen(p), &cp)) && giji_cp_is_kana_or_han(cp);
    free(name);
    free(key);
    if (!plain)
        return 0;
    *nb = b;
    *nn = e - b;
    return i;
}

/* A Diet record lists no members, yet its turns name each speaker in full
 * with an honorific ("○議長（石原隆之君）", "○森山里美君"): a speaker no
 * list names is added from the label's own words ("議長 石原隆之君"), so
 * that the turn has its speaker. Only ○ turns whose label has the
 * honorific; only names no attendee has. */
static int label_persons(const giji_rules *rules, const char *name, const giji_doc *doc, const int *sec,
                         size_t first, size_t end, giji_meeting *out)
{
    int rc = GIJI_OK;
    for (size_t i = first; !rc && i < end; i++) {
        const giji_line *l = &doc->lines[i];
        size_t nb, nn, len;
        if (!(l->marks & GIJI_MARK_CIRCLE) || (sec[i] != GIJI_SEC_PROCEEDINGS && sec[i] != GIJI_SEC_NONE) ||
            !(len = honorific_label(rules, l, &nb, &nn)))
            continue;
        char *written = giji_strndup(l->text + nb, nn), *key = written ? giji_match_key(written) : NULL;
        if (!key) {
            free(written);
            return GIJI_NOMEM();
        }
        size_t klen = strlen(key), h = giji_rules_honorific(rules, key);
        /* the row gets the name without its honorific, as written */
        if (nn >= h && !memcmp(l->text + nb + nn - h, key + klen - h, h))
            nn -= h;
        key[klen - h] = '\0';
        int known = 0, speaker = -1;
        /* the name, or a surname ("司会（高橋さん）" for 高橋 由紀) */
        for (size_t a = 0; !known && a < out->nattendees; a++)
            known = giji_str_starts(out->attendees[a].name, key);
        /* "○ウォーカー氏": a label an attendee already answers to */
        if (!known && (rc = giji_label_names(rules, NULL, out, l->text, len, &speaker)) != GIJI_OK)
            break;
        known |= speaker >= 0;
        free(key);
        free(written);
        if (known)
            continue;
        /* "議長（石原隆之君）" -> "議長 石原隆之", read as an attendee row */
        giji_buf row = {0};
        if ((nb && (giji_buf_append(&row, l->text, nb - (l->text[nb - 1] == '(' ? 1 : 3)) || giji_buf_putc(&row, ' '))) ||
            giji_buf_append(&row, l->text + nb, nn)) {
            giji_buf_free(&row);
            return GIJI_NOMEM();
        }
        giji_line made;
        giji_doc one = {&made, 1};
        rc = giji_line_made(l, giji_buf_steal(&row), &made) ? GIJI_NOMEM()
                                                             : giji_attendees_parse(rules, name, &one, 0, 1, 0, out);
        giji_line_release(&made);
    }
    return rc;
}

/* Bytes of a surname at the start of `who` (NFKC, kana and kanji only),
 * which is a surname and the office before a title: all of it up to three
 * characters ("岩井", "佐々木"), else the first two ("小林" of 小林市場, as
 * most surnames are); 0 when `who` is empty or not all kana and kanji. */
static size_t label_surname(const char *who, size_t n)
{
    size_t i = 0, chars = 0, two = 0;
    uint32_t cp;
    while (i < n) {
        size_t k = giji_utf8_decode(who + i, n - i, &cp);
        if (!k || !giji_cp_is_kana_or_han(cp))
            return 0;
        i += k;
        if (++chars == 2)
            two = i;
    }
    return chars == 0 ? 0 : chars <= 3 ? n : two;
}

/* A record that lists no one (an FSA working group's 議事録) still names its
 * speakers in their labels, by surname and title: "【岩井座長】",
 * "【小林市場課長】", "【日本証券業協会（田中オブザーバー）】". Each surname
 * becomes an attendee whose role is the rest of the label ("座長",
 * "市場課長", "日本証券業協会オブザーバー"), so that the turns have their
 * speakers. Only when the list is empty; a bare title ("【座長】") names no
 * one. */
static int label_only_persons(const giji_rules *rules, const char *name, const giji_doc *doc, const int *sec,
                              size_t first, size_t end, giji_meeting *out)
{
    if (out->nattendees)
        return GIJI_OK;
    int rc = GIJI_OK;
    for (size_t i = first; !rc && i < end; i++) {
        const giji_line *l = &doc->lines[i];
        uint32_t cp = 0;
        if ((sec[i] != GIJI_SEC_PROCEEDINGS && sec[i] != GIJI_SEC_NONE) || l->wrapped ||
            !giji_utf8_decode(l->text, strlen(l->text), &cp) || !giji_label_closer(cp))
            continue;
        giji_label lab;
        /* against no one: a label that would name an attendee added from an
         * earlier line is read the same way */
        giji_meeting none = {0};
        if ((rc = giji_label_find(rules, NULL, &none, name, l, &lab)) == GIJI_EPARSE) {
            giji_error_clear();   /* pass 2 says so if it is a turn */
            rc = GIJI_OK;
            continue;
        }
        if (rc || !lab.found || lab.reported || lab.question || !lab.label) {
            free(lab.label);
            continue;
        }
        /* "日本証券業協会（田中オブザーバー）": the person in the bracket */
        char *key = giji_match_key(lab.label);
        free(lab.label);
        if (!key)
            return GIJI_NOMEM();
        const char *who = key, *body = "";
        size_t bn = 0, wn = strlen(key);
        char *open = strchr(key, '(');
        if (open && wn && key[wn - 1] == ')' && giji_match_paren(open) == (size_t)(key + wn - open)) {
            body = key;
            bn = (size_t)(open - key);
            who = open + 1;
            wn = (size_t)(key + wn - 1 - who);
        }
        char whokey[256];
        const title_row *t = NULL;
        if (wn < sizeof whokey) {
            memcpy(whokey, who, wn);
            whokey[wn] = '\0';
            t = giji_rules_title_suffix(rules, NULL, whokey);
        }
        size_t tn = t ? strlen(t->title) : 0;
        size_t sn = t && wn > tn ? label_surname(who, wn - tn) : 0;
        int known = 0;
        for (size_t a = 0; sn && !known && a < out->nattendees; a++)
            known = strlen(out->attendees[a].name) == sn && !memcmp(out->attendees[a].name, who, sn);
        if (sn && !known) {
            giji_buf role = {0};
            if (giji_buf_append(&role, body, bn) || giji_buf_append(&role, who + sn, wn - sn))
                rc = GIJI_NOMEM();
            else
                rc = giji_attendee_add(out, who, sn, role.data ? role.data : "", role.len, l->lineno);
            giji_buf_free(&role);
        }
        free(key);
    }
    return rc;
}

/* How many sentence lines a date, place, agenda or other section may hold
 * before they are taken for speech no rule recognised. */
#define SECTION_SPEECH_LINES 5

/* A section of metadata (the place, the agenda, a list of papers) that holds
 * many lines of sentences ("…いたします。") holds speech giji did not see
 * start: a layout it does not know (an FSA record's turns right after the
 * place, before any rule took them). Say so, with the first such line, rather
 * than store the meeting as if those lines were its place or agenda. */
static int warn_speech_in_sections(const giji_doc *doc, const int *sec, size_t first, size_t end, giji_meeting *out)
{
    size_t n = 0, at = 0;
    for (size_t i = first; i < end; i++) {
        int s = sec[i];
        if (s != GIJI_SEC_DATE && s != GIJI_SEC_PLACE && s != GIJI_SEC_AGENDA && s != GIJI_SEC_OTHER)
            continue;
        const char *t = doc->lines[i].text;
        if (!strstr(t, "。") || giji_utf8_count(t, strlen(t)) < 30)
            continue;
        if (n++ == 0)
            at = i;
    }
    if (n < SECTION_SPEECH_LINES)
        return GIJI_OK;
    return giji_meeting_warn(out, doc->lines[at].lineno,
                             "%zu lines of sentences outside the proceedings, from here (no speaker label, heading "
                             "or opener recognised before them): they may be speech in a layout giji does not know; "
                             "not stored as remarks",
                             n);
}

/* giji_segment; `whole`: the document was not split by giji_doc_meetings,
 * so a further meeting in it is named in a warning. */
static int segment_one(const giji_rules *rules, const char *name, const giji_doc *doc, int whole,
                       giji_meeting *out)
{
    memset(out, 0, sizeof *out);
    out->session = -1;
    if (doc->n == 0)
        return giji_error_set(GIJI_EPARSE, "%s: no text lines", name);
    size_t first, end = doc->n;
    int rc = title_block(rules, doc, out, &first);
    int *sec = calloc(doc->n + 1, sizeof *sec);
    if (!sec)
        rc = rc ? rc : GIJI_NOMEM();
    if (!rc)
        rc = pass_sections(rules, name, doc, first, sec, &end, out);
    if (!rc)
        rc = label_persons(rules, name, doc, sec, first, end, out);
    if (!rc)
        rc = label_only_persons(rules, name, doc, sec, first, end, out);
    /* pass 2: the proceedings (and, for minutes without headings, the rest) */
    char *body_key = (!rc && out->body) ? giji_match_key(out->body) : NULL;
    state st = {.rules = rules, .name = name, .body_key = body_key, .m = out, .cur = -1,
                .lines = doc->lines, .lines_end = doc->lines + doc->n,
                .tab = {.speaker = -1, .speech = -1, .answer = -1}};
    for (size_t i = first; !rc && i < end; i++) {
        if (sec[i] == GIJI_SEC_PROCEEDINGS || sec[i] == GIJI_SEC_NONE) {
            st.in_proceedings = sec[i] == GIJI_SEC_PROCEEDINGS;
            const giji_line *next = i + 1 < end && (sec[i + 1] == GIJI_SEC_PROCEEDINGS || sec[i + 1] == GIJI_SEC_NONE)
                                        ? &doc->lines[i + 1] : NULL;
            rc = on_line(&st, &doc->lines[i], next);
        } else if (sec[i] == -1 || (sec[i] != -2 && st.cur >= 0)) {
            rc = close_remark(&st);
            /* a heading that says opinions follow ("主な意見"): its bullets and
             * paragraphs are anonymous remarks, as after a discussion sub-heading */
            const phrase_row *ph = sec[i] == -1 ? giji_rules_phrase_in(rules, GIJI_PH_SUB, doc->lines[i].key) : NULL;
            if (ph && ph->sub == GIJI_SUB_DISCUSSION)
                st.opinions = 1;
        }
    }
    if (!rc)
        rc = close_remark(&st);
    /* proceedings with text and not one remark: no label, bullet or opener
     * giji knows; say so rather than store the meeting as if silent */
    if (!rc && !out->nremarks && st.proceedings_text)
        rc = giji_meeting_warn(out, st.proceedings_text,
                               "the proceedings hold text but no remark was found (no speaker label, bullet or "
                               "opener recognised): their text is not stored");
    /* a few lines of the record's own words before the first remark are
     * usual (the agenda again, "事務局から説明があった。"); more is speech
     * whose speaker was not recognised: say so rather than lose it */
    if (!rc && out->nremarks && st.proceedings_cps >= PROCEEDINGS_LOST_CPS)
        rc = giji_meeting_warn(out, st.proceedings_text,
                               "%zu characters of the proceedings before the first remark are in no remark (no "
                               "speaker label, bullet or opener recognised): not stored",
                               st.proceedings_cps);
    if (!rc)
        rc = warn_speech_in_sections(doc, sec, first, end, out);
    if (!rc && !out->date[0] && !out->nattendees && !out->nremarks)
        rc = giji_error_set(GIJI_EPARSE, "%s: not minutes: no date, attendee list or remark found", name);
    if (!rc && end == doc->n && out->nremarks &&
        out->remarks[out->nremarks - 1].last_line == doc->lines[doc->n - 1].last_lineno)
        rc = warn_if_cut_short(out, &doc->lines[doc->n - 1]);
    if (!rc && whole)
        rc = warn_second_meeting(rules, doc, out);
    free(body_key);
    free(sec);
    free(st.greeting_who);   /* when an error came before the last close_remark */
    giji_label_memo_free();
    if (rc) {
        int code = giji_error_last() ? giji_error_last() : rc;
        if (code != GIJI_ENOMEM && !strstr(giji_error_message(), name))
            giji_error_prefix("%s: ", name);
        giji_meeting_free(out);
        return code;
    }
    return GIJI_OK;
}

int giji_segment(const giji_rules *rules, const char *name, const giji_doc *doc, giji_meeting *out)
{
    return segment_one(rules, name, doc, 1, out);
}

int giji_segment_all(const giji_rules *rules, const char *name, const giji_doc *doc, giji_meeting **out,
                     size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t count = giji_doc_meetings(rules, doc, NULL, 0);
    if (count <= 1) {   /* one meeting (or no line: giji_segment says so) */
        giji_meeting *m = malloc(sizeof *m);
        if (!m)
            return GIJI_NOMEM();
        int rc = segment_one(rules, name, doc, 0, m);
        if (rc) {
            free(m);
            return rc;
        }
        *out = m;
        *n = 1;
        return GIJI_OK;
    }
    size_t *starts = malloc(count * sizeof *starts);
    giji_meeting *ms = calloc(count, sizeof *ms);
    if (!starts || !ms) {
        free(starts);
        free(ms);
        return GIJI_NOMEM();
    }
    giji_doc_meetings(rules, doc, starts, count);
    int rc = GIJI_OK;
    size_t k = 0;
    for (; k < count && !rc; k++) {
        giji_doc view = {doc->lines + starts[k], (k + 1 < count ? starts[k + 1] : doc->n) - starts[k]};
        rc = segment_one(rules, name, &view, 0, &ms[k]);
    }
    free(starts);
    if (rc) {   /* segment_one freed the one that failed */
        for (size_t j = 0; j + 1 < k; j++)
            giji_meeting_free(&ms[j]);
        free(ms);
        return rc;
    }
    *out = ms;
    *n = count;
    return GIJI_OK;
}
