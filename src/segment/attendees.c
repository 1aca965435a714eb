/*
 * segment/attendees.c — the attendee list: "菅 義偉<TAB>内閣官房長官",
 * proxies ("(※岡本 芳郎 総務大臣政務官代理出席)" under the member they stand in
 * for), absences, further groups ("(上記のほか以下が出席)") and columns that PDF
 * extraction ran into one line ("菅 義偉 内閣官房長官 丸川 珠代 …担当大臣"), and
 * comma-separated lists led by their group ("（委員）大橋直子議長、中原雅彦議長代理、…",
 * "（政府）石田内閣総理大臣、…"), whose entries have no space to split on.
 * Not responsible for matching speakers to attendees (label.c).
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

#define MAX_TOKENS 256

typedef struct token { const char *s; size_t n; } token;

/* Split on white space (ASCII, tab, U+3000), but not inside a bracket that
 * closes on the line: a role's list of portfolios keeps its spaces
 * ("内閣府特命担当大臣（こども政策 少子化対策 若者活躍）"). */
static size_t tokenize(const char *s, token *out, size_t max)
{
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n && count < max) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k) { k = 1; cp = 0; }
        if (giji_cp_is_space(cp)) { i += k; continue; }
        size_t start = i;
        while (i < n) {
            k = giji_utf8_decode(s + i, n - i, &cp);
            if (!k) { k = 1; cp = 0; }
            if (giji_cp_is_space(cp))
                break;
            if (cp == '(' || cp == 0xFF08) {
                size_t close = giji_match_paren(s + i);
                if (close) {
                    i += close;
                    continue;
                }
            }
            i += k;
        }
        out[count].s = s + start;
        out[count].n = i - start;
        count++;
    }
    return count;
}

static int ends_with_rolesuffix(const giji_rules *r, const char *key)
{
    /* the key's length once, the rows' from the table (giji_str_ends took
     * both for every row: a third of the attendee list's parse) */
    size_t kn = strlen(key);
    if (!kn)
        return 0;
    char last = key[kn - 1];   /* most rows fail on their last byte */
    for (size_t i = r->kind_first[GIJI_PH_ROLESUFFIX]; i < r->kind_first[GIJI_PH_ROLESUFFIX + 1]; i++) {
        const phrase_row *p = &r->phrases[i];
        if (p->len <= kn && p->phrase[p->len - 1] == last && !memcmp(key + kn - p->len, p->phrase, p->len))
            return 1;
    }
    return 0;
}

/* Length of `t` without a trailing honorific (君, 氏: Diet records). */
static size_t without_honorific(const giji_rules *r, token t, int *had)
{
    *had = 0;
    char *key = giji_strndup(t.s, t.n);
    if (!key)
        return t.n;
    size_t h = giji_rules_honorific(r, key);
    free(key);
    *had = h > 0;
    return t.n - h;
}

/* Is s[0..n) a word repeating the title above it ("同")? */
static int is_ditto(const giji_rules *r, const char *s, size_t n)
{
    for (size_t i = r->kind_first[GIJI_PH_DITTO]; i < r->kind_first[GIJI_PH_DITTO + 1]; i++)
        if (r->phrases[i].len == n &&
            !memcmp(r->phrases[i].phrase, s, n))
            return 1;
    return 0;
}

/* Does key end as an office does, never a word of a personal name (省,
 * 庁, 局; 室 ends a surname too: 小室)? */
static int office_ending(const char *key)
{
    return giji_str_ends(key, "省") || giji_str_ends(key, "庁") || giji_str_ends(key, "局");
}

/* A Western name in katakana: parts of katakana (and ー) joined by "・",
 * two parts or more, each of at most eight characters ("サラ・ジョンソン"). */
static int katakana_name(const char *s, size_t n)
{
    size_t i = 0, k, part = 0, parts = 1;
    uint32_t cp;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp))) {
        if (cp == 0x30FB) {
            if (!part)
                return 0;
            parts++;
            part = 0;
        } else if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC) {
            if (++part > 8)
                return 0;
        } else {
            return 0;
        }
        i += k;
    }
    return i == n && part && parts >= 2;
}

/* A token that can be part of a personal name: 1-5 kana/kanji, not a role
 * and not a ditto; or a Western name in katakana. */
static int name_like(const giji_rules *r, token t)
{
    if (is_ditto(r, t.s, t.n))
        return 0;
    int hon;
    t.n = without_honorific(r, t, &hon);
    if (katakana_name(t.s, t.n))
        return 1;   /* "マイケル・ブラウン" */
    size_t i = 0, cps = 0;
    while (i < t.n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(t.s + i, t.n - i, &cp);
        if (!k || !giji_cp_is_kana_or_han(cp))
            return 0;
        i += k;
        cps++;
    }
    if (cps == 0 || cps > 5)
        return 0;
    char *key = giji_strndup(t.s, t.n);
    /* "事務局　加藤誠一": a group's word before a name is no surname; nor is
     * an office ("総務省　国際戦略局長　佐藤　健一") */
    int role = key && (ends_with_rolesuffix(r, key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, key) ||
                       office_ending(key));
    free(key);
    return !role;
}

static int all_kana_or_han(const char *s);

/* The wrap cut a's role: s[0..n) is the rest of it, joined as written. */
static int role_append(giji_attendee *a, const char *s, size_t n)
{
    size_t rl = strlen(a->role);
    char *role = realloc(a->role, rl + n + 1);
    if (!role)
        return GIJI_NOMEM();
    memcpy(role + rl, s, n);
    role[rl + n] = '\0';
    a->role = role;
    return GIJI_OK;
}

static int add_attendee(giji_meeting *m, const char *display, size_t dn, const char *role,
                        size_t rn, int group, unsigned line, int *index)
{
    giji_attendee *a = realloc(m->attendees, (m->nattendees + 1) * sizeof *a);
    if (!a)
        return GIJI_NOMEM();
    m->attendees = a;
    a = &m->attendees[m->nattendees];
    memset(a, 0, sizeof *a);
    a->display = giji_strndup(display, dn);
    a->role = giji_strndup(role, rn);
    if (!a->display || !a->role) {
        free(a->display);
        free(a->role);
        return GIJI_NOMEM();
    }
    a->name = giji_str_nospace(a->display);
    const char *sp = a->display;
    while (*sp && *sp != ' ' && strncmp(sp, "\xe3\x80\x80", 3) != 0)
        sp++;
    /* "ジェニファー・ウォーカー": a Western name in katakana puts the family
     * name last ("○ウォーカー氏") */
    const char *dot = *sp ? NULL : strstr(a->display, "・");
    while (dot && strstr(dot + 3, "・"))
        dot = strstr(dot + 3, "・");
    a->surname = dot && dot[3] ? giji_strdup(dot + 3) : giji_strndup(a->display, (size_t)(sp - a->display));
    if (!a->name || !a->surname) {
        free(a->display); free(a->role); free(a->name); free(a->surname);
        return GIJI_NOMEM();
    }
    /* "石田和也": written without a space; a label shows where the
     * surname ends (label.c) */
    a->runon = !strchr(a->display, ' ') && !strstr(a->display, "\xe3\x80\x80") &&
               giji_utf8_count(a->display, strlen(a->display)) >= 3 && all_kana_or_han(a->display);
    a->group = group;
    a->present = 1;
    a->proxy_for = -1;
    a->line = line;
    *index = (int)m->nattendees++;
    return GIJI_OK;
}

int giji_attendee_add(giji_meeting *m, const char *display, size_t dn, const char *role, size_t rn,
                      unsigned line)
{
    int index;
    return add_attendee(m, display, dn, role, rn, 0, line, &index);
}

/* An entry that names no person: a group's word ("オブザーバー　厚生
 *労働省医政局": no name follows it) or an office ("同保険局", "デジタル庁":
 * no personal name ends in 省, 庁, 局 or 室). */
static int not_a_person(const giji_rules *r, const char *display, size_t dn)
{
    char *raw = giji_strndup(display, dn), *key = raw ? giji_match_key(raw) : NULL;
    int no = key && (giji_rules_phrase_is(r, GIJI_PH_GROUP, key) || office_ending(key) || giji_str_ends(key, "室"));
    free(raw);
    free(key);
    return no;
}

/* An entry that is a body's name, written whole ("一般社団法人日本経済団体
 * 連合会", "日本商工会議所" in an observers' list): it starts with a legal
 * form or ends like a body (data/phrases.tsv `bodyname`). No person. */
int giji_body_named(const giji_rules *r, const char *piece)
{
    char *key = giji_match_key(piece);
    int yes = 0;
    for (size_t i = r->kind_first[GIJI_PH_BODYNAME]; key && !yes && i < r->kind_first[GIJI_PH_BODYNAME + 1]; i++) {
        const char *ph = r->phrases[i].phrase;
        yes = strlen(key) > strlen(ph) && (giji_str_starts(key, ph) || giji_str_ends(key, ph));
    }
    free(key);
    return yes;
}

static int pair_at(const giji_rules *r, const token *t, size_t n, size_t i)
{
    return i + 1 < n && name_like(r, t[i]) && name_like(r, t[i + 1]);
}

/* Join tokens t[from..to) as written (the spaces between them kept). */
static void span(const token *t, size_t from, size_t to, const char **s, size_t *n)
{
    if (to <= from) {
        *s = "";
        *n = 0;
        return;
    }
    *s = t[from].s;
    *n = (size_t)(t[to - 1].s + t[to - 1].n - t[from].s);
}

/* Parse entries from tokens. Shapes, as minutes print them:
 *   NAME ROLE               菅 義偉 内閣官房長官
 *   TITLE NAME [ROLE]       議長 山田 太郎 内閣官房長官 / 委員長 古屋 範子君
 *   several on one line     菅 義偉 内閣官房長官 丸川 珠代 …担当大臣
 * A name is one or two name-like tokens; an honorific (君) ends the entry. */
/* The title of the entry above, for a ditto ("同") on a later line of the
 * table; empty at its start. */
typedef struct above {
    char title[128];
    char heading[64]; /* "理事", "政府参考人": a Diet table's role heading over its rows */
    int bracketed;    /* the heading is "（委員）" alone on its line: the role only of
                       * rows that give none of their own */
} above;

/* "浜松市　副市長　北村　直子": in a row that ends with a name, a one-token
 * word ending in 市, 県, 都, 府, 町 or 区 before the name is the body the
 * person speaks for, not a name of its own (村, the end of 木村 and 北村,
 * is left out). */
static int local_government_before_name(const giji_rules *r, const token *t, size_t n, size_t i, int ends_with_name)
{
    static const char *const ends[] = {"市", "県", "都", "府", "町", "区"};
    if (!ends_with_name || i + 2 >= n || pair_at(r, t, n, i) || giji_utf8_count(t[i].s, t[i].n) < 2)
        return 0;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
        if (t[i].n > 3 && !memcmp(t[i].s + t[i].n - 3, ends[k], 3))
            return 1;
    return 0;
}

/* Are all of t[0..n) words of a name, one to three kana or kanji, none with
 * an honorific? */
static int names_only(const giji_rules *r, const token *t, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int hon = 0;
        if (!name_like(r, t[k]) || katakana_name(t[k].s, t[k].n) || giji_utf8_count(t[k].s, t[k].n) > 3)
            return 0;
        without_honorific(r, t[k], &hon);
        if (hon)
            return 0;
    }
    return 1;
}

static int parse_entries(const giji_rules *r, giji_meeting *m, const token *t, size_t n,
                         int group, unsigned line, int *last, above *ab)
{
    size_t i = 0;
    int titles_first = 0, ends_with_name = n >= 2 && pair_at(r, t, n, n - 2);
    /* "石川　和子　上田　浩二　大西　拓也": a row of names alone, surname and
     * given name each a word of one to three characters, the same space
     * between them as between people; the row's role is its heading's */
    if (n >= 4 && n % 2 == 0 && names_only(r, t, n)) {
        const char *hd = ab ? ab->heading : "";
        for (size_t k = 0; k < n; k += 2) {
            const char *ds;
            size_t dn;
            span(t, k, k + 2, &ds, &dn);
            int rc = add_attendee(m, ds, dn, hd, strlen(hd), group, line, last);
            if (rc)
                return rc;
        }
        return GIJI_OK;
    }
    while (i < n) {
        size_t pre_from = i, pre_to = i;
        /* titles in front of the name: role-like tokens up to a name ("議長
         * 法務大臣 西川 徹", a table of 区分, 役職 and 氏名 columns) */
        while (pre_to < n && (!name_like(r, t[pre_to]) || local_government_before_name(r, t, n, pre_to, ends_with_name)))
            pre_to++;
        if (pre_to == n)
            pre_to = pre_from; /* no name follows: the tokens are this entry's */
        i = pre_to;
        size_t name_end = pair_at(r, t, n, i) ? i + 2 : i + 1;
        int hon = 0;
        token last_name = t[name_end - 1];
        size_t trimmed = without_honorific(r, last_name, &hon);
        if (name_end == i + 2) {
            int hon0;
            without_honorific(r, t[i], &hon0);
            if (hon0) { /* "山田君 鈴木君": two one-token names */
                name_end = i + 1;
                last_name = t[i];
                trimmed = without_honorific(r, last_name, &hon);
            }
        }
        if (pre_to > pre_from)
            titles_first = 1;
        /* a name written without a space ("石田和也") is one token: the next
         * entry starts at a title followed by one name-like token */
        int one_token = name_end == i + 1;
        size_t role_end = name_end;
        if (!hon)
            while (role_end < n) {
                if (role_end > name_end && pair_at(r, t, n, role_end))
                    break;
                /* in a "TITLE NAME OFFICE" list the word before the next name
                 * is that entry's title, not this entry's office; in a line of
                 * "TITLE NAME" entries (it ends with a name) there is no office */
                if (titles_first && (role_end > name_end || ends_with_name) && pair_at(r, t, n, role_end + 1))
                    break;
                if (titles_first && one_token && role_end > name_end && role_end + 1 < n &&
                    !name_like(r, t[role_end]) && name_like(r, t[role_end + 1]))
                    break;
                /* "石田和也 内閣官房長官 青木健一 科学技術政策担当大臣" (run-on
                 * names, each with its post from a bracket): a name-like word
                 * before a word that is none starts the next entry */
                if (!titles_first && one_token && role_end > name_end && role_end + 1 < n &&
                    name_like(r, t[role_end]) && !name_like(r, t[role_end + 1]) &&
                    giji_utf8_count(t[role_end].s, t[role_end].n) >= 3)
                    break;
                role_end++;
            }
        const char *ds, *rs1, *rs2;
        size_t dn, rn1, rn2;
        span(t, i, name_end, &ds, &dn);
        dn -= last_name.n - trimmed;
        span(t, pre_from, pre_to, &rs1, &rn1);
        span(t, name_end, role_end, &rs2, &rn2);
        if (ab && rn1 && is_ditto(r, rs1, rn1)) { /* "同": the title of the entry above */
            rs1 = ab->title;
            rn1 = strlen(ab->title);
        } else if (ab && rn1 && rn1 < sizeof ab->title) {
            memcpy(ab->title, rs1, rn1);
            ab->title[rn1] = '\0';
        }
        /* role: the title in front and the office after, "議長 内閣官房長官",
         * after the heading of the table's rows ("国務大臣 厚生労働大臣") */
        giji_buf role = {0};
        int own = rn1 || rn2;
        const char *hd = ab && !(ab->bracketed && own) ? ab->heading : "";
        if ((hd[0] && (giji_buf_puts(&role, hd) || (own && giji_buf_putc(&role, ' ')))) ||
            giji_buf_append(&role, rs1, rn1) || (rn1 && rn2 && giji_buf_putc(&role, ' ')) ||
            giji_buf_append(&role, rs2, rn2)) {
            giji_buf_free(&role);
            return GIJI_ENOMEM;
        }
        if (not_a_person(r, ds, dn)) {
            giji_buf_free(&role);
            i = role_end;
            continue;
        }
        int rc = add_attendee(m, ds, dn, role.data ? role.data : "", role.len, group, line, last);
        giji_buf_free(&role);
        if (rc)
            return rc;
        /* "石田和也": a full name as one token of three characters or more;
         * a label ("石田本部長") shows where its surname ends (label.c) */
        if (one_token && giji_utf8_count(ds, dn) >= 3)
            m->attendees[*last].runon = 1;
        i = role_end;
    }
    return GIJI_OK;
}

/* Strip surrounding brackets and a leading ※ or *. */
static void unwrap(const char **s, size_t *n)
{
    if (*n && **s == '(')
        (*s)++, (*n)--;
    else if (*n >= 3 && !strncmp(*s, "（", 3))
        *s += 3, *n -= 3;
    if (*n && (*s)[*n - 1] == ')')
        (*n)--;
    else if (*n >= 3 && !strncmp(*s + *n - 3, "）", 3))
        *n -= 3;
    for (;;) {
        if (*n && (**s == '*' || **s == ' '))
            (*s)++, (*n)--;
        else if (*n >= 3 && (!strncmp(*s, "※", 3) || !strncmp(*s, "\xe3\x80\x80", 3)))
            *s += 3, *n -= 3;
        else
            break;
    }
}

/* The attendee a note names by surname and title ("西田総務大臣" in
 * "西田総務大臣の代理として…"): the longest surname the text starts with,
 * or -1. */
static int named_member(const giji_meeting *m, const char *text)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        const char *sn = m->attendees[i].surname;
        size_t k = sn ? strlen(sn) : 0;
        if (k > best_n && !strncmp(text, sn, k)) {
            best = (int)i;
            best_n = k;
        }
    }
    return best;
}

/* "Xの代理としてY総務副大臣が出席": the member X is named before the proxy
 * phrase, the proxy Y after it. Cuts `body` to Y and returns X's index,
 * or -1 when the note is not of this shape. */
static int member_first(const giji_meeting *m, char *body, char *cut, const phrase_row *ph, const char **from)
{
    static const char *const links[] = {"として", "で"};
    static const char *const ends[] = {"が出席した", "が出席", "出席"};
    if (cut - body < 4 || strncmp(cut - 3, "の", 3) != 0)
        return -1;
    char *after = cut + strlen(ph->phrase);
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        if (giji_str_starts(after, links[i])) {
            after += strlen(links[i]);
            break;
        }
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
        if (giji_str_ends(after, ends[i])) {
            after[strlen(after) - strlen(ends[i])] = '\0';
            break;
        }
    cut[-3] = '\0';
    int member = named_member(m, body);
    if (member < 0 || !*after)
        return -1;
    *from = after;
    return member;
}

static int has_letters(const char *s);

static int parse_proxy(const giji_rules *r, giji_meeting *m, const char *text, const phrase_row *ph,
                       int group, unsigned line, int *last)
{
    const char *s = text;
    size_t n = strlen(text);
    unwrap(&s, &n);
    char *body = giji_strndup(s, n);
    if (!body)
        return GIJI_ENOMEM;
    char *note = giji_strdup(body);
    int member = -1;
    if (note) { /* "西田総務大臣の代理として田村 浩 総務副大臣が出席" */
        char *c = strstr(note, ph->phrase);
        const char *from = NULL;
        if (c && c != note && (member = member_first(m, note, c, ph, &from)) >= 0) {
            token t[MAX_TOKENS];
            size_t nt = tokenize(from, t, MAX_TOKENS);
            int rc = nt ? parse_entries(r, m, t, nt, group, line, last, NULL) : GIJI_OK;
            if (rc == GIJI_OK && nt) {
                m->attendees[member].present = 0;
                m->attendees[*last].proxy_for = member;
                *last = member;
            }
            free(note);
            free(body);
            return rc;
        }
        free(note);
    }
    /* "構成員 総務大臣 川村 健治 代理出席 宮坂 直人 総務副大臣": a table's
     * 備考 cell, the member's entry before the phrase and the proxy's after */
    char *mid = strstr(body, ph->phrase);
    if (mid && mid != body && has_letters(giji_skip_colon(mid + strlen(ph->phrase)))) {
        const char *right = giji_skip_colon(mid + strlen(ph->phrase));
        *mid = '\0';
        token t[MAX_TOKENS];
        size_t nt = tokenize(body, t, MAX_TOKENS);
        int before = (int)m->nattendees;
        int rc = nt ? parse_entries(r, m, t, nt, group, line, last, NULL) : GIJI_OK;
        int seat = (int)m->nattendees > before ? (int)m->nattendees - 1 : -1;
        nt = rc ? 0 : tokenize(right, t, MAX_TOKENS);
        int proxies = (int)m->nattendees;
        rc = rc ? rc : parse_entries(r, m, t, nt, group, line, last, NULL);
        if (rc == GIJI_OK && seat >= 0 && (int)m->nattendees > proxies) {
            m->attendees[seat].present = 0;
            m->attendees[m->nattendees - 1].proxy_for = seat;
            *last = seat;
        }
        free(body);
        return rc;
    }
    /* The proxy phrase is matched on the NFKC key; in the display text it is
     * the same characters. After the proxy ("岡本 芳郎 …代理出席"), the text
     * before it is the proxy; before ("代理：大島 健 総務副大臣"), the text
     * after it and its colon. */
    const char *from = body;
    char *cut = strstr(body, ph->phrase);
    if (cut == body)
        from = giji_skip_colon(body + strlen(ph->phrase));
    else if (cut)
        *cut = '\0';
    token t[MAX_TOKENS];
    size_t nt = tokenize(from, t, MAX_TOKENS);
    int absent = *last;
    int rc = GIJI_OK;
    if (nt > 0)
        rc = parse_entries(r, m, t, nt, group, line, last, NULL);
    free(body);
    if (rc || nt == 0)
        return rc;
    if (absent < 0) {
        giji_meeting_warn(m, line, "proxy attendee %s is listed before any member", m->attendees[*last].display);
        return GIJI_OK;
    }
    m->attendees[absent].present = 0;
    m->attendees[*last].proxy_for = absent;
    *last = absent; /* a second proxy line would still refer to the member */
    return GIJI_OK;
}

/* "【持続可能な物流の実現に向けた検討会】（五十音順、敬称略）": a joint
 * meeting's list names each body in lenticular brackets over its members;
 * the line is wholly that bracket, and perhaps a note in round ones. */
static int body_heading(const char *text)
{
    if (!giji_str_starts(text, "【"))
        return 0;
    const char *close = strstr(text, "】");
    if (!close || close == text + 3)
        return 0;
    const char *after = close + 3;
    if (!*after)
        return 1;
    size_t pn = (*after == '(' || giji_str_starts(after, "（")) ? giji_match_paren(after) : 0;
    return pn && !after[pn];
}

/* "(上記のほか以下が出席)", "（事務局）": a line that opens another group of
 * attendees. Bracketed, or one word: "事務局長 清水 正" is an attendee. */
static int starts_group(const giji_rules *r, const char *text, const char *key)
{
    int bracketed = key[0] == '(' || giji_str_starts(key, "【") || key[0] == '[';
    const char *k = key + (key[0] == '(' || key[0] == '[' ? 1 : bracketed ? 3 : 0);
    const phrase_row *p = giji_rules_phrase_in(r, GIJI_PH_GROUP, key);
    if (!p || !giji_str_starts(k, p->phrase))
        return 0;
    return bracketed || (!strchr(text, ' ') && !strstr(text, "\xe3\x80\x80"));
}

static int has_letters_n(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        if (giji_cp_is_kana_or_han(cp) || giji_cp_is_ascii_alnum(cp))
            return 1;
        i += k;
    }
    return 0;
}

static int has_letters(const char *s) { return has_letters_n(s, strlen(s)); }

/* Cut a trailing "（PHRASE）" or "(PHRASE)" off s (in place); 1 if cut. */
static int cut_bracketed(char *s, const char *phrase)
{
    char *p = strstr(s, phrase);
    if (!p)
        return 0;
    char *open = p;
    if (open > s && open[-1] == '(')
        open--;
    else if (open - s >= 3 && !strncmp(open - 3, "（", 3))
        open -= 3;
    else
        return 0;
    *open = '\0';
    return 1;
}

/* Cut a trailing bracket holding an `attendnote` phrase ("（オンライン参加）")
 * off s, in place; 1 if cut. */
static int cut_attend_note(const giji_rules *r, char *s)
{
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        s[--n] = '\0';
    int ascii = n && s[n - 1] == ')';
    if (!ascii && !(n >= 3 && !strncmp(s + n - 3, "）", 3)))
        return 0;
    for (size_t i = n; i-- > 0;) {
        if (!(s[i] == '(' || (i + 3 <= n && !strncmp(s + i, "（", 3))))
            continue;
        if (giji_match_paren(s + i) != n - i)
            return 0;
        /* every attendee row comes here: the key only for a bracket that
         * may be a note (参加, 出席, 退室, 退席 are in all of them) */
        if (!strstr(s + i, "参加") && !strstr(s + i, "出席") && !strstr(s + i, "退室") && !strstr(s + i, "退席"))
            return 0;
        char *key = giji_match_key(s + i);
        int note = key && giji_rules_phrase_in(r, GIJI_PH_ATTENDNOTE, key);
        free(key);
        if (!note || i == 0)
            return 0;
        s[i] = '\0';
        return 1;
    }
    return 0;
}

/* Is `key` (NFKC) a bare title: a role ending as a word of its own ("委員",
 * "議長代理") or a title of data/titles.tsv ("本部員")? */
static int bare_title(const giji_rules *r, const char *key)
{
    if (giji_utf8_count(key, strlen(key)) < 2)
        return 0; /* 官, 員: endings, not words ("岡田参事官" is 岡田 + 参事官) */
    return giji_rules_phrase_is(r, GIJI_PH_ROLESUFFIX, key) || giji_rules_title(r, NULL, key) != NULL;
}

static int bare_title_n(const giji_rules *r, const char *s, size_t n)
{
    char *key = giji_strndup(s, n);
    int yes = key && bare_title(r, key);
    free(key);
    return yes;
}

/* Split an entry written without spaces into name and role, as `name_len`
 * bytes of `e` (0: no name, the entry is all role). Shapes:
 *   full name + bare title    大橋直子議長 -> 大橋直子 + 議長 (name of 3-5 characters)
 *   surname + office          石田内閣総理大臣 -> 石田 + 内閣総理大臣: the role starts
 *                             at the first office word (phrases.tsv `office`),
 *                             else after two characters, the commonest surname
 * Sets *full when the name is a full name whose surname is not known yet. */
static size_t split_runon(const giji_rules *r, const char *e, int *full)
{
    size_t off[64], n = 0, len = strlen(e), i = 0;
    *full = 0;
    /* the name can only be in the leading kana and kanji ("…大臣（規制改革）") */
    while (i < len && n < 63) {
        uint32_t cp;
        size_t k = giji_utf8_decode(e + i, len - i, &cp);
        if (!k || !(giji_cp_is_kana_or_han(cp) || cp == 0x30FB || cp == 0x30FC))
            break;
        off[n++] = i;
        i += k;
    }
    off[n] = i;
    if (n < 3)
        return len; /* not a Japanese name and role: keep it whole */
    /* the first office word, where the role must start at the latest */
    size_t office = n;
    for (size_t c = 0; c < n && office == n; c++)
        for (size_t p = r->kind_first[GIJI_PH_OFFICE]; p < r->kind_first[GIJI_PH_OFFICE + 1]; p++)
            if (giji_str_starts(e + off[c], r->phrases[p].phrase)) {
                office = c;
                break;
            }
    for (size_t k = 2; k <= 5 && k < n && k <= office; k++)
        if (bare_title_n(r, e + off[k], off[n] - off[k])) {
            *full = k >= 3;
            return off[k];
        }
    if (office == 0)
        return 0;
    if (office < n && office <= 4)
        return off[office];
    /* no office word: a role only if it ends like one ("山本次長" is split,
     * "山田太郎" is not) */
    char *rest = giji_strndup(e + off[2], off[n] - off[2]);
    int role = rest && ends_with_rolesuffix(r, rest);
    free(rest);
    return role ? off[2] : len;
}

/* One entry of a comma-separated list. A piece with spaces is parsed as a
 * column line; one that is all role ("内閣府特命担当大臣" after
 * "山田 太郎 総務大臣、") adds to the entry before it. */
/* Does the entry count people ("有識者構成員6名", "委員１２名") instead of
 * naming one: digits, then 名? */
static int counts_people(const char *s)
{
    for (const char *p = s; (p = strstr(p, "名")) != NULL; p += 3) {
        uint32_t cp = p > s ? giji_utf8_prev(s, (size_t)(p - s), NULL) : 0;
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            return 1;
    }
    return 0;
}

static int add_piece(const giji_rules *r, giji_meeting *m, const char *s, size_t n, int group,
                     unsigned line, int *last);
static const phrase_row *proxy_phrase(const giji_rules *r, const char *key);
static size_t honorific_before(const giji_rules *r, const char *text, size_t e);

/* "中島氏（石川委員代理）", "石川委員（代理：中島氏）": in one entry of a comma
 * list, a member and the proxy who stands in for them. The member is added
 * absent, the proxy present with proxy_for set; *done is 0 when the piece is
 * not of this shape (no bracket at its end with a proxy phrase at its start
 * or end). */
static int add_proxy_piece(const giji_rules *r, giji_meeting *m, const char *piece, int group, unsigned line,
                           int *last, int *done)
{
    *done = 0;
    size_t n = strlen(piece);
    if (!giji_str_ends(piece, "）") && !giji_str_ends(piece, ")"))
        return GIJI_OK;
    const char *open = NULL;
    for (const char *p = piece; *p; p++)
        if ((*p == '(' || !strncmp(p, "（", 3)) && p > piece && giji_match_paren(p) == n - (size_t)(p - piece))
            open = p;
    if (!open)
        return GIJI_OK;
    size_t ol = *open == '(' ? 1 : 3, cl = giji_str_ends(piece, ")") ? 1 : 3;
    const char *in = open + ol;
    size_t inl = n - (size_t)(in - piece) - cl;
    char *inner = giji_strndup(in, inl), *key = inner ? giji_match_key(inner) : NULL;
    const phrase_row *ph = key ? proxy_phrase(r, key) : NULL;
    int rc = inner && key ? GIJI_OK : GIJI_NOMEM();
    const char *member = NULL, *proxy = NULL;
    size_t ml = 0, pl = 0;
    if (ph && giji_str_starts(inner, ph->phrase)) {          /* （代理：中島氏） */
        proxy = inner + strlen(ph->phrase);
        while (*proxy == ':' || *proxy == ' ' || !strncmp(proxy, "：", 3) || !strncmp(proxy, "\xe3\x80\x80", 3))
            proxy += *proxy == ':' || *proxy == ' ' ? 1 : 3;
        pl = strlen(proxy);
        member = piece;
        ml = (size_t)(open - piece);
    } else if (ph && giji_str_ends(inner, ph->phrase)) {     /* （石川委員代理）, （石川委員の代理） */
        member = inner;
        ml = inl - strlen(ph->phrase);
        if (ml >= 3 && !strncmp(member + ml - 3, "の", 3))
            ml -= 3;
        proxy = piece;
        pl = (size_t)(open - piece);
    }
    if (!rc && member && ml && pl) {
        pl -= honorific_before(r, proxy, pl);   /* 中島氏 -> 中島 */
        size_t before = m->nattendees;
        rc = add_piece(r, m, member, ml, group, line, last);
        if (!rc && m->nattendees > before && pl) {
            int seat = *last;
            m->attendees[seat].present = 0;
            rc = add_attendee(m, proxy, pl, "", 0, group, line, last);
            if (!rc)
                m->attendees[*last].proxy_for = seat;
            *done = 1;
        }
    }
    free(inner);
    free(key);
    return rc;
}

static int add_piece(const giji_rules *r, giji_meeting *m, const char *s, size_t n, int group,
                     unsigned line, int *last)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    if (e <= b)
        return GIJI_OK;
    char *piece = giji_strndup(s + b, e - b);
    if (!piece)
        return GIJI_ENOMEM;
    if (counts_people(piece)) {   /* "有識者構成員6名（別紙名簿のとおり）" */
        free(piece);
        return GIJI_OK;
    }
    int rc = GIJI_OK, proxied = 0;
    token t[MAX_TOKENS];
    if ((rc = add_proxy_piece(r, m, piece, group, line, last, &proxied)) != GIJI_OK || proxied) {
        free(piece);
        return rc;
    }
    if (tokenize(piece, t, 2) > 1) {
        size_t nt = tokenize(piece, t, MAX_TOKENS);
        rc = parse_entries(r, m, t, nt, group, line, last, NULL);
    } else {
        /* as written: the phrases are NFKC, and so is Japanese text */
        int full = 0;
        size_t cut = split_runon(r, piece, &full);
        /* a word alone: the rest of the role of the attendee on the line
         * just before (the wrap cut it), not of someone further up */
        if (cut == 0 && *last >= 0 && m->attendees[*last].line + 1 >= line) {
            giji_attendee *a = &m->attendees[*last];
            giji_buf role = {0};
            if (giji_buf_printf(&role, "%s%s%s", a->role, a->role[0] ? "、" : "", piece)) {
                giji_buf_free(&role);
                rc = GIJI_ENOMEM;
            } else {
                free(a->role);
                a->role = giji_buf_steal(&role);
            }
        } else if (cut == strlen(piece) && *last >= 0 && m->attendees[*last].line + 1 >= line &&
                   m->attendees[*last].role[0] && giji_utf8_count(piece, cut) <= 4 && ends_with_rolesuffix(r, piece)) {
            /* "…ネットワーク代" / "表理事": a role's end the wrap cut, alone
             * on its line (a name does not end like a role) */
            rc = role_append(&m->attendees[*last], piece, cut);
        } else if (cut > 0 && !not_a_person(r, piece, cut) && !giji_body_named(r, piece)) {
            /* "原田誠委員（欠席）": this entry only is absent */
            const phrase_row *ab = giji_rules_phrase_in(r, GIJI_PH_ABSENT, piece);
            int absent = ab && (giji_str_ends(piece, ")") || giji_str_ends(piece, "）")) &&
                         cut_bracketed(piece + cut, ab->phrase);
            rc = add_attendee(m, piece, cut, piece + cut, strlen(piece) - cut, group, line, last);
            if (!rc) {
                m->attendees[*last].runon |= full;
                m->attendees[*last].present = !absent;
            }
        }
    }
    free(piece);
    return rc;
}

/* The byte offset of the first comma (、 ， ,) outside brackets in text[from..],
 * with its length in *k; strlen(text) when there is none. */
static size_t list_comma(const char *text, size_t from, size_t *k)
{
    size_t n = strlen(text), i = from;
    int depth = 0;
    while (i < n) {
        uint32_t cp = 0;
        *k = giji_utf8_decode(text + i, n - i, &cp);
        if (!*k) { *k = 1; cp = 0; }
        if (cp == '(' || cp == 0xFF08) depth++;
        else if ((cp == ')' || cp == 0xFF09) && depth) depth--;
        else if (depth == 0 && (cp == 0x3001 || cp == ',' || cp == 0xFF0C))
            return i;
        i += *k;
    }
    *k = 0;
    return n;
}

/* Does the line list its entries with commas (outside brackets)? */
static int has_list_comma(const char *text)
{
    size_t k;
    return list_comma(text, 0, &k) < strlen(text);
}

/* Entries of a line: comma-separated ("大橋直子議長、中原雅彦議長代理、") when it
 * has a comma outside brackets, else white-space separated columns. */
/* "議　長　　石田 和也　　内閣総理大臣": a role spread out to the width of
 * its column, one character, an ideographic space, the next. At the row's
 * start, single characters with one space between them, then a column's
 * gap of two spaces or more, are one word when together they are a role
 * (a bare title or a role ending, data/phrases.tsv and data/titles.tsv, or
 * a group word such as 事務局); the spaces between them are removed from s
 * (in place). A name of two single characters ("林　修") is no role. */
static void join_spaced_role(const giji_rules *r, char *s)
{
    size_t n = strlen(s), i = 0, nch = 0, ends[5];
    uint32_t cp;
    size_t k;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp)) && giji_cp_is_space(cp))
        i += k;
    size_t start = i;
    for (;;) {
        if (i >= n || !(k = giji_utf8_decode(s + i, n - i, &cp)) || !giji_cp_is_kana_or_han(cp) || nch == 5)
            return;
        ends[nch++] = i += k;
        size_t gap = 0, j = i;
        while (j < n && (k = giji_utf8_decode(s + j, n - j, &cp)) && giji_cp_is_space(cp)) {
            j += k;
            gap++;
        }
        if (gap >= 2 || j == n)
            break;
        if (gap == 0)
            return;   /* a character followed by another: a word of its own */
        i = j;
    }
    if (nch < 2)
        return;
    char word[5 * 4 + 1];
    size_t w = 0;
    for (size_t c = 0, from = start; c < nch; c++) {
        size_t len;
        if (c > 0)  /* past the one space before the character */
            from += giji_utf8_decode(s + from, n - from, &cp);
        len = ends[c] - from;
        memcpy(word + w, s + from, len);
        w += len;
        from = ends[c];
    }
    word[w] = '\0';
    char *key = giji_match_key(word);
    int role = key && (bare_title(r, key) || ends_with_rolesuffix(r, key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, key));
    free(key);
    if (!role)
        return;
    memcpy(s + start, word, w);
    memmove(s + start + w, s + ends[nch - 1], n - ends[nch - 1] + 1);
}

/* "長　　　　　　　　岩崎 ゆかり　…": PDF extraction of a two-column table
 * put the last character of the row above's cut role ("…代表取締役社") at the
 * start of this row, before the wide gap of an empty left column. Returns
 * the bytes of that character and its gap (0: the line is not so), for the
 * caller to add the character to the role of the attendee above. */
static size_t wrapped_role_end(const char *text, size_t *chlen)
{
    size_t n = strlen(text), i = 0, k, gap = 0;
    uint32_t cp;
    if (!(k = giji_utf8_decode(text, n, &cp)) || !giji_cp_is_kana_or_han(cp))
        return 0;
    *chlen = i = k;
    while (i < n && (k = giji_utf8_decode(text + i, n - i, &cp)) && giji_cp_is_space(cp)) {
        i += k;
        gap += cp == 0x3000 ? 2 : 1;
    }
    return gap >= 8 && i < n ? i : 0;
}

static int role_under(giji_attendee *a, const char *word);

/* "委　員　石田　真理子、北沢　健一、…", "幹事　佐野　隆、高橋　浩二": a
 * comma list led by a bare title, its characters spaced out or not, and
 * white space. The title (characters joined) goes to word[0..cap); returns
 * the byte offset of the entries, or 0. */
static size_t titled_list(const giji_rules *r, const char *text, char *word, size_t cap)
{
    size_t n = strlen(text), i = 0, k, w = 0, chars = 0, spaced = 0;
    uint32_t cp;
    while (i < n && (k = giji_utf8_decode(text + i, n - i, &cp)) && giji_cp_is_space(cp))
        i += k;
    /* one character and one space at a time ("委　員　"), or one word */
    for (;;) {
        size_t b = i;
        while (i < n && (k = giji_utf8_decode(text + i, n - i, &cp)) && giji_cp_is_kana_or_han(cp))
            i += k;
        size_t len = i - b, cps = giji_utf8_count(text + b, len);
        if (!len || w + len + 1 > cap)
            return 0;
        if (chars && cps > 1)   /* the name after the spaced title: stop before it */
        {
            i = b;
            break;
        }
        memcpy(word + w, text + b, len);
        w += len;
        word[w] = '\0';
        chars += cps;
        size_t sp = i;
        while (i < n && (k = giji_utf8_decode(text + i, n - i, &cp)) && giji_cp_is_space(cp))
            i += k;
        if (i == sp || i >= n)
            return 0;
        if (cps > 1)   /* a title written whole */
            break;
        spaced++;
    }
    char *key = giji_match_key(word);
    int title = key && chars >= 2 && bare_title(r, key);
    free(key);
    if (!title || i >= n)
        return 0;
    /* the entries are names alone ("石田　真理子、…"), not a row whose
     * affiliation holds a comma ("田中　由紀子　…協会理事、横浜市…") */
    size_t k2, first_end = list_comma(text, i, &k2);
    token t[4];
    char *piece = giji_strndup(text + i, first_end - i);
    size_t nt = piece ? tokenize(piece, t, 4) : 0;
    int names = nt >= 1 && nt <= 2;
    for (size_t j = 0; names && j < nt; j++)
        names = name_like(r, t[j]);
    free(piece);
    return names ? i : 0;
}

static int parse_line_entries(const giji_rules *r, giji_meeting *m, const char *text, int group,
                              unsigned line, int *last, above *ab)
{
    size_t n = strlen(text), k, at = list_comma(text, 0, &k), chlen = 0, skip;
    /* only after a row of two columns (the cut role is its right one's),
     * and not a ditto mark ("同　　　　川口 誠　外務大臣": the role above) */
    if (at == n && m->nattendees >= 2 && m->attendees[m->nattendees - 1].line < line &&
        m->attendees[m->nattendees - 2].line == m->attendees[m->nattendees - 1].line &&
        m->attendees[m->nattendees - 1].role && m->attendees[m->nattendees - 1].role[0] &&
        (skip = wrapped_role_end(text, &chlen)) && !is_ditto(r, text, chlen)) {
        if (role_append(&m->attendees[m->nattendees - 1], text, chlen))
            return GIJI_ENOMEM;
        text += skip;
        n -= skip;
    }
    size_t tl;
    char tw[64];
    if (at < n && (tl = titled_list(r, text, tw, sizeof tw)) > 0) {
        /* "委　員　石田　真理子、北沢　健一": the title, letter-spaced or not,
         * then the entries: it is the role of each */
        size_t before = m->nattendees;
        int rc = parse_line_entries(r, m, text + tl, group, line, last, ab);
        char *wk = rc ? NULL : giji_match_key(tw);
        if (!rc && !wk)
            rc = GIJI_NOMEM();
        for (size_t a = before; !rc && a < m->nattendees; a++)
            rc = role_under(&m->attendees[a], wk);
        free(wk);
        return rc;
    }
    if (at < n) /* a comma-separated list: each piece is an entry */
        for (size_t from = 0;; from = at + k, at = list_comma(text, from, &k)) {
            int rc = add_piece(r, m, text + from, at - from, group, line, last);
            if (rc || at == n)
                return rc;
        }
    token t[MAX_TOKENS];
    if (tokenize(text, t, 2) == 1) /* one entry, run on */
        return add_piece(r, m, text, n, group, line, last);
    char *tmp = giji_strdup(text);
    if (!tmp)
        return GIJI_ENOMEM;
    join_spaced_role(r, tmp);
    size_t nt = tokenize(tmp, t, MAX_TOKENS), before = m->nattendees;
    int rc = parse_entries(r, m, t, nt, group, line, last, ab);
    free(tmp);
    /* "事務局　　総務省政策統括官（統計制度担当）": an office with no person;
     * a line under it ("内閣官房行政改革推進本部事務局") goes on with it, not
     * with the person above */
    if (!rc && nt >= 2 && m->nattendees == before)
        *last = -1;
    return rc;
}

/* "（委員）大橋直子議長、…": a bracketed group word with the group's entries
 * after it on the same line. Returns the byte offset of the entries in
 * `text`, or 0 when the line is not of this shape. */
static size_t group_led(const giji_rules *r, const char *text)
{
    uint32_t cp;
    if (!giji_utf8_decode(text, strlen(text), &cp) || (cp != '(' && cp != 0xFF08 && cp != 0x3010))
        return 0;
    if (giji_enumerator_len(text, strlen(text)))
        return 0;   /* "（１）構成員": a numbered heading, no group word */
    const char *lent = cp == 0x3010 ? strstr(text, "】") : NULL;   /* "【委員】山田太郎（…）、…" */
    size_t rest = cp == 0x3010 ? (lent ? (size_t)(lent - text) + 3 : 0) : giji_match_paren(text);
    if (!rest || !text[rest] || giji_utf8_count(text, rest) > 13)
        return 0;
    /* "（懇談者）（敬称略、五十音順）": the group's heading and a note, no entries */
    if (text[rest] == '(' || !strncmp(text + rest, "（", 3)) {
        size_t pn = giji_match_paren(text + rest);
        if (pn && !text[rest + pn])
            return 0;
    }
    char *inner = giji_strndup(text, rest);
    char *key = inner ? giji_match_key(inner) : NULL;
    int note = !key || giji_rules_phrase_in(r, GIJI_PH_PROXY, key) || giji_rules_phrase_in(r, GIJI_PH_ABSENT, key);
    free(inner);
    free(key);
    return !note && has_letters(text + rest) ? rest : 0;
}

/* The next place, from *p on, where `phrase` opens a bracket that is not
 * at the line's start and is closed: sets *p to the phrase, *open to the
 * bracket and returns the bracket's length with its close (0: none left).
 * Start with *p = text. */
static size_t next_bracketed(const char *text, const char *phrase, const char **p, const char **open)
{
    for (*p = strstr(*p, phrase); *p; *p = strstr(*p + 1, phrase)) {
        const char *q = *p;
        *open = q - text >= 3 && !strncmp(q - 3, "（", 3) ? q - 3 : q > text && q[-1] == '(' ? q - 1 : NULL;
        if (!*open || *open == text)
            continue;
        size_t close = giji_match_paren(*open);
        if (close)
            return close;
    }
    return 0;
}

/* "宮坂 直人 総務副大臣（代理）　構成員 長谷部 誠一 デジタル大臣": a proxy
 * noted in brackets right after its entry, with more entries after it on
 * the line (columns run together). Returns the byte offset of the note's
 * opening bracket in `text` and sets *rest past its close; 0 when the line
 * is not of this shape. */
static size_t mid_note(const char *text, const char *phrase, const char **rest)
{
    size_t pn = strlen(phrase), close;
    const char *p = text, *open;
    for (; (close = next_bracketed(text, phrase, &p, &open)) > 0; p++) {
        size_t closer = !strncmp(p + pn, "）", 3) ? 3 : p[pn] == ')' ? 1 : 0;
        if (!closer || open + close != p + pn + closer)
            continue; /* the bracket holds more than the note */
        if (!has_letters(open + close))
            return 0;
        *rest = open + close;
        return (size_t)(open - text);
    }
    return 0;
}

/* The titles that open *rest (after a proxy's note) up to the next entry
 * (a title before a name): appended to a's role, *rest moved past them. */
static int office_after_note(const giji_rules *r, giji_attendee *a, const char **rest)
{
    token t[MAX_TOKENS];
    size_t nt = tokenize(*rest, t, MAX_TOKENS), j = 0;
    while (j < nt && !name_like(r, t[j]) && !(j + 1 < nt && name_like(r, t[j + 1])))
        j++;
    if (j == 0)
        return GIJI_OK;
    const char *s;
    size_t n;
    span(t, 0, j, &s, &n);
    giji_buf role = {0};
    if (giji_buf_printf(&role, "%s%s%.*s", a->role, a->role[0] ? " " : "", (int)n, s)) {
        giji_buf_free(&role);
        return GIJI_NOMEM();
    }
    free(a->role);
    a->role = giji_buf_steal(&role);
    *rest = s + n;
    return GIJI_OK;
}

/* "野口 美和 環境大臣（代理 高橋 修 環境副大臣）": the proxy named inside a
 * bracket right after the member's entry, the bracket opening with the
 * proxy phrase. Returns the byte offset of the opening bracket in `text`
 * (0 when the line is not of this shape), sets [*in, *in_end) to the
 * proxy's entry and *rest past the bracket. */
static size_t inner_proxy(const char *text, const char *phrase, const char **in, const char **in_end,
                          const char **rest)
{
    size_t pn = strlen(phrase), close;
    const char *p = text, *open;
    for (; (close = next_bracketed(text, phrase, &p, &open)) > 0; p++) {
        const char *end = open + close - (open[close - 1] == ')' ? 1 : 3);
        const char *from = p + pn;
        if (giji_str_starts(from, "出席"))   /* "（代理出席　前川 智子 …）" */
            from += strlen("出席");
        from = giji_skip_colon(from);
        while (from < end && (*from == ' ' || !strncmp(from, "\xe3\x80\x80", 3)))
            from += *from == ' ' ? 1 : 3;
        if (from >= end || !has_letters_n(from, (size_t)(end - from)))
            continue;
        *in = from;
        *in_end = end;
        *rest = open + close;
        return (size_t)(open - text);
    }
    return 0;
}

/* The member attendee `p` (a vice-minister or parliamentary secretary noted
 * as a proxy) stands in for: the one whose office is p's without 副 or 政務官
 * ("総務副大臣", "総務大臣政務官" for "総務大臣"). -1 when none is listed. */
static int stood_in_for(const giji_meeting *m, int p)
{
    char *role = giji_match_key(m->attendees[p].role);
    if (!role)
        return -1;
    char *at = strstr(role, "副大臣");
    size_t n = strlen(role);
    int office = 1;
    if (at)
        memmove(at, at + 3, strlen(at + 3) + 1); /* 総務副大臣 -> 総務大臣 */
    else if (n > 9 && giji_str_ends(role, "政務官"))
        role[n - 9] = '\0';                       /* 総務大臣政務官 -> 総務大臣 */
    else
        office = 0;
    int found = -1;
    for (int i = 0; office && i < (int)m->nattendees; i++) {
        if (i == p)
            continue;
        char *k = giji_match_key(m->attendees[i].role);
        int hit = k && strlen(k) >= strlen(role) && giji_str_ends(k, role);
        free(k);
        if (hit) {
            found = i;
            break;
        }
    }
    free(role);
    return found;
}

/* The proxy phrase in an attendee line, unless it only ends a title
 * ("中原雅彦議長代理": 議長代理 is a role suffix, not a proxy's note). */
static const phrase_row *proxy_phrase(const giji_rules *r, const char *key)
{
    const phrase_row *ph = giji_rules_phrase_in(r, GIJI_PH_PROXY, key);
    if (!ph)
        return NULL;
    for (const char *at = strstr(key, ph->phrase); at; at = strstr(at + 1, ph->phrase)) {
        int in_title = 0;
        const char *end = at + strlen(ph->phrase);
        for (size_t i = r->kind_first[GIJI_PH_ROLESUFFIX]; i < r->kind_first[GIJI_PH_ROLESUFFIX + 1] && !in_title;
             i++) {
            const phrase_row *p = &r->phrases[i];
            size_t pn = p->len;
            in_title = pn > ph->len && (size_t)(end - key) >= pn && !strncmp(end - pn, p->phrase, pn);
        }
        if (!in_title)
            return ph;
    }
    return NULL;
}

/* Is the bracketed text s[0..n) (without its brackets) an affiliation: an
 * `affiliation` phrase in it, and no proxy or absent note? */
static int is_affiliation(const giji_rules *r, const char *s, size_t n)
{
    char *raw = giji_strndup(s, n), *key = raw ? giji_match_key(raw) : NULL;
    /* an affiliation, or an office ("（内閣官房長官）", "（常勤議員、元…学長）") */
    int yes = key && (giji_rules_phrase_in(r, GIJI_PH_AFFILIATION, key) || ends_with_rolesuffix(r, key)) &&
              !proxy_phrase(r, key) && !giji_rules_phrase_in(r, GIJI_PH_ABSENT, key);
    free(raw);
    free(key);
    return yes;
}

/* Does the word that ends text[0..e) (after the last white space or list
 * comma) end in a role ("…参与会議座長（東都大学学長）": the bracket qualifies
 * the role, not a name)? */
static int role_before(const giji_rules *r, const char *text, size_t e)
{
    size_t b = e;
    while (b > 0 && text[b - 1] != ' ' && text[b - 1] != ',' &&
           !(b >= 3 && (!strncmp(text + b - 3, "\xe3\x80\x80", 3) || !strncmp(text + b - 3, "、", 3))))
        b--;
    char *raw = giji_strndup(text + b, e - b), *key = raw ? giji_match_key(raw) : NULL;
    int yes = key && ends_with_rolesuffix(r, key);
    free(raw);
    free(key);
    return yes;
}

/* The bytes of an honorific (data/phrases.tsv) that ends text[0..e), or 0. */
static size_t honorific_before(const giji_rules *r, const char *text, size_t e)
{
    char *s = giji_strndup(text, e);
    const phrase_row *p = s ? giji_rules_phrase_suffix(r, GIJI_PH_HONORIFIC, s) : NULL;
    size_t pn = p && strlen(p->phrase) < e ? strlen(p->phrase) : 0;
    free(s);
    return pn;
}

/* "山田 太郎（東京大学教授）" -> "山田 太郎 東京大学教授", "鈴木花子氏（株式会社みら
 * い代表）" -> "鈴木花子 株式会社みらい代表": an affiliation in brackets after a
 * name, as lists of experts write it, made the name-then-title entry that
 * parse_entries reads. A copy (caller frees); NULL when out of memory. */
/* Is s[0..n) a person's name written as two words, surname and given name
 * ("青木　真由美")? Then a bracket right after it is what they do, whatever
 * the words ("（能楽師、観世流シテ方）", "（キュレーター）"), unless a note. */
static int name_pair(const giji_rules *r, const char *s, size_t n)
{
    char *c = giji_strndup(s, n);
    if (!c)
        return 0;
    token t[3];
    size_t nt = tokenize(c, t, 3);
    int yes = (nt == 2 && name_like(r, t[0]) && name_like(r, t[1]) && giji_utf8_count(t[0].s, t[0].n) <= 4 &&
               giji_utf8_count(t[1].s, t[1].n) <= 4) ||
              (nt == 1 && katakana_name(t[0].s, t[0].n));   /* "エミリー・ハート" */
    free(c);
    return yes;
}

/* Is the bracket s[0..n) (its inside, as written) a note about the entry:
 * a proxy, an absence, how one attended, a group, a number? */
static int bracket_note(const giji_rules *r, const char *s, size_t n)
{
    char *raw = giji_strndup(s, n), *key = raw ? giji_match_key(raw) : NULL;
    int yes = !key || !key[0] || proxy_phrase(r, key) || giji_rules_phrase_in(r, GIJI_PH_ABSENT, key) ||
              giji_rules_phrase_in(r, GIJI_PH_ATTENDNOTE, key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, key) ||
              (key[0] >= '0' && key[0] <= '9') || !has_letters(key);
    free(raw);
    free(key);
    return yes;
}

static char *affiliation_brackets(const giji_rules *r, const char *text)
{
    giji_buf b = {0};
    size_t from = 0, n = strlen(text);
    for (size_t i = 1; i < n; i++) {
        int wide = !strncmp(text + i, "（", 3);
        if (!wide && text[i] != '(')
            continue;
        size_t close = giji_match_paren(text + i), ob = wide ? 3 : 1;
        size_t j = i; /* the name's end, white space before the bracket skipped */
        while (j > from && (text[j - 1] == ' ' || (j >= 3 && !strncmp(text + j - 3, "\xe3\x80\x80", 3))))
            j -= text[j - 1] == ' ' ? 1 : 3;
        uint32_t before = j ? giji_utf8_prev(text, j, NULL) : 0;
        if (!close || !giji_cp_is_kana_or_han(before))
            continue;
        size_t cb = text[i + close - 1] == ')' ? 1 : 3;
        if ((!is_affiliation(r, text + i + ob, close - ob - cb) &&
             !(name_pair(r, text + from, j - from) && !bracket_note(r, text + i + ob, close - ob - cb))) ||
            role_before(r, text, j))
            continue;
        size_t name_end = j - honorific_before(r, text, j);
        if (giji_buf_append(&b, text + from, name_end - from) || giji_buf_putc(&b, ' '))
            goto oom;
        /* a comma inside the bracket is not the list's ("常勤議員、元…学長") */
        for (size_t k = i + ob; k < i + close - cb;) {
            int comma = !strncmp(text + k, "、", 3);
            if (comma ? giji_buf_putc(&b, ' ') : giji_buf_putc(&b, text[k]))
                goto oom;
            k += comma ? 3 : 1;
        }
        if (giji_buf_putc(&b, ' '))
            goto oom;
        from = i + close;
        i = from - 1;
    }
    if (giji_buf_append(&b, text + from, n - from))
        goto oom;
    char *out = giji_buf_steal(&b);
    if (!out)
        GIJI_NOMEM();
    return out;
oom:
    giji_buf_free(&b);
    GIJI_NOMEM();
    return NULL;
}

/* ---- a table extracted one cell per line --------------------------------
 *
 * "役職" / "氏名" / "官職等" / "会長" / "石田 和也" / "内閣総理大臣" / "委員" / …:
 * PDF extraction can give each cell of an attendee table a line of its own.
 * A role cell (a bare title, or a `group`, `proxy` or `colhead`-free word
 * such as 陪席, 代理), then a name cell (a surname and a given name), then
 * the title cell make one entry, joined as "ROLE NAME TITLE" for the usual
 * parse; the column headings (`colhead` phrases) are dropped. Used only when
 * the range holds three such triples or more. */

/* Is s (valid UTF-8) all kana and kanji? */
static int all_kana_or_han(const char *s)
{
    for (const char *p = s; *p;) {
        uint32_t cp;
        size_t k = giji_utf8_decode(p, strlen(p), &cp);
        if (!k || !giji_cp_is_kana_or_han(cp))
            return 0;
        p += k;
    }
    return 1;
}

static int role_cell(const giji_rules *r, const giji_line *l)
{
    return !strchr(l->norm, ' ') && (bare_title(r, l->key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, l->key) ||
                                      giji_rules_phrase_is(r, GIJI_PH_PROXY, l->key));
}

static int name_cell(const giji_rules *r, const giji_line *l);

/* A role cell, or any one word of up to six kana or kanji before a name
 * cell ("有識者", "構成員"): the column says it is a role. */
static int lead_cell(const giji_rules *r, const giji_line *l)
{
    if (role_cell(r, l))
        return 1;
    if (strchr(l->norm, ' ') || giji_utf8_count(l->key, strlen(l->key)) > 6)
        return 0;
    return all_kana_or_han(l->key) && !giji_rules_phrase_is(r, GIJI_PH_COLHEAD, l->key);
}

/* Lines i, i+1, i+2 of doc: a role, a name and a title cell. */
static int cell_triple(const giji_rules *r, const giji_doc *doc, size_t i)
{
    const giji_line *l = doc->lines + i;
    return lead_cell(r, l) && name_cell(r, l + 1) && !name_cell(r, l + 2) && !role_cell(r, l + 2);
}

/* "石田 和也": two words of kana or kanji, at most 8 characters in all */
static int name_cell(const giji_rules *r, const giji_line *l)
{
    const char *sp = strchr(l->norm, ' ');
    if (!sp || strchr(sp + 1, ' ') || giji_utf8_count(l->key, strlen(l->key)) > 8 || bare_title(r, l->key))
        return 0;
    return all_kana_or_han(l->key);
}

/* The lines [from, to) with each role/name/title triple joined into one
 * line (*out, *nout; the caller frees the joined lines' strings, flagged in
 * *owned). Returns 0 when the range is not such a table (nothing made). */
static int join_cells(const giji_rules *r, const giji_doc *doc, size_t from, size_t to, giji_line **out,
                      unsigned char **owned, size_t *nout)
{
    size_t triples = 0;
    for (size_t i = from; i + 2 < to; i++)
        if (cell_triple(r, doc, i)) {
            triples++;
            i += 2;
        }
    if (triples < 3)
        return 0;
    giji_line *v = calloc(to - from, sizeof *v);
    unsigned char *own = calloc(to - from, 1);
    size_t n = 0;
    if (!v || !own)
        goto oom;
    for (size_t i = from; i < to; i++) {
        const giji_line *l = &doc->lines[i];
        if (giji_rules_phrase_is(r, GIJI_PH_COLHEAD, l->key))
            continue;
        if (i + 2 < to && cell_triple(r, doc, i)) {
            giji_buf b = {0};
            giji_line j;
            /* cells apart as a table's columns are: a full-width space */
            int bad = giji_buf_puts(&b, l->text) || giji_buf_puts(&b, "\xe3\x80\x80") ||
                      giji_buf_puts(&b, doc->lines[i + 1].text) || giji_buf_puts(&b, "\xe3\x80\x80") ||
                      giji_buf_puts(&b, doc->lines[i + 2].text);
            char *text = bad ? NULL : giji_buf_steal(&b);
            giji_buf_free(&b);
            if (giji_line_made(l, text, &j))
                goto oom;
            j.last_lineno = doc->lines[i + 2].last_lineno;
            own[n] = 1;
            v[n++] = j;
            i += 2;
        } else {
            v[n++] = *l;
        }
    }
    *out = v;
    *owned = own;
    *nout = n;
    return 1;
oom:
    for (size_t k = 0; k < n; k++)
        if (own && own[k])
            giji_line_release(&v[k]);
    free(v);
    free(own);
    return -1;
}

static int parse_lines(const giji_rules *r, const char *name, const giji_doc *doc, size_t from, size_t to,
                       int group, giji_meeting *m);

/* "区分 役職 氏名 備考": a table's header row, every cell a column heading
 * (`colhead`); an attendee read from it would be named 区分 役職. */
/* "役　職　　　氏　名　　所　属": the headings spaced out letter by letter;
 * the line without its spaces is two or more `colhead` phrases in a row. */
static int colhead_spaced(const giji_rules *r, const char *norm)
{
    char key[128];
    size_t k = 0;
    for (const char *p = norm; *p; p++)
        if (*p != ' ' && *p != '\t') {
            if (k + 1 >= sizeof key)
                return 0;
            key[k++] = *p;
        }
    key[k] = '\0';
    size_t at = 0, words = 0;
    while (at < k) {
        size_t best = 0;
        for (size_t i = r->kind_first[GIJI_PH_COLHEAD]; i < r->kind_first[GIJI_PH_COLHEAD + 1]; i++) {
            size_t pn = r->phrases[i].len;
            if (pn > best && at + pn <= k && !memcmp(key + at, r->phrases[i].phrase, pn))
                best = pn;
        }
        if (!best)
            return 0;
        at += best;
        words++;
    }
    return words >= 2;
}

static int colhead_row(const giji_rules *r, const char *norm)
{
    token t[16];
    size_t n = tokenize(norm, t, 16);
    if (n < 2 || n == 16)
        return 0;
    char key[64];
    for (size_t i = 0; i < n; i++) {
        if (t[i].n >= sizeof key)
            return colhead_spaced(r, norm);
        memcpy(key, t[i].s, t[i].n);
        key[t[i].n] = '\0';
        if (!giji_rules_phrase_is(r, GIJI_PH_COLHEAD, key))
            return colhead_spaced(r, norm);
    }
    return 1;
}

int giji_attendees_parse(const giji_rules *r, const char *name, const giji_doc *doc,
                         size_t from, size_t to, int group, giji_meeting *m)
{
    giji_line *v = NULL;
    unsigned char *own = NULL;
    size_t n = 0;
    int joined = join_cells(r, doc, from, to, &v, &own, &n);
    if (joined < 0)
        return GIJI_NOMEM();
    if (!joined)
        return parse_lines(r, name, doc, from, to, group, m);
    giji_doc d = {v, n};
    int rc = parse_lines(r, name, &d, 0, n, group, m);
    for (size_t k = 0; k < n; k++)
        if (own[k])
            giji_line_release(&v[k]);
    free(v);
    free(own);
    return rc;
}

/* Does the line's key end with an honorific (君: the rows of a Diet table)? */
static int ends_honorific(const giji_rules *r, const char *key) { return giji_rules_honorific(r, key) > 0; }

/* Does a bracket open in s and stay open to its end? */
static int bracket_left_open(const char *s)
{
    const char *sq = strstr(s, "［");   /* "［米国…安" / "全保障庁（CISA）次席長官］" */
    if (sq && !strstr(sq, "］"))
        return 1;
    for (const char *p = s; *p; p++)
        if (*p == '(' || !strncmp(p, "（", 3)) {
            size_t close = giji_match_paren(p);
            if (!close)
                return 1;
            p += close - 1;
        }
    return 0;
}

/* The role `word` for an entry under it: its role when it has none, else
 * in front of it ("委員 みなと医科大学教授"). */
static int role_under(giji_attendee *a, const char *word)
{
    if (giji_str_starts(a->role, word))
        return GIJI_OK;
    giji_buf b = {0};
    if (giji_buf_puts(&b, word) || (a->role[0] && (giji_buf_putc(&b, ' ') || giji_buf_puts(&b, a->role)))) {
        giji_buf_free(&b);
        return GIJI_NOMEM();
    }
    free(a->role);
    a->role = giji_buf_steal(&b);
    return GIJI_OK;
}

/* "委員：青木健一、伊藤美和", "議長：石田和夫": a role or group word (a bare
 * title or `group` phrase, at most eight characters) and a colon before the
 * entries. The byte offset past the colon, or 0. */
/* The first colon of text (： or :) after a word of at most `max` characters,
 * with letters after it: where it is, and its bytes in *cn; NULL when none. */
static const char *word_colon(const char *text, size_t max, size_t *cn)
{
    const char *c = strstr(text, "：");
    *cn = 3;
    const char *a = strchr(text, ':');
    if (a && (!c || a < c)) {
        c = a;
        *cn = 1;
    }
    if (!c || c == text || giji_utf8_count(text, (size_t)(c - text)) > max || !has_letters(c + *cn))
        return NULL;
    return c;
}

static size_t colon_led(const giji_rules *r, const char *text)
{
    size_t cn;
    const char *c = word_colon(text, 8, &cn);
    if (!c)
        return 0;
    char *word = giji_strndup(text, (size_t)(c - text)), *key = word ? giji_match_key(word) : NULL;
    int yes = key && (bare_title(r, key) || ends_with_rolesuffix(r, key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, key));
    free(word);
    free(key);
    return yes ? (size_t)(c - text) + cn : 0;
}

/* "国土交通省：上下水道審議官、上下水道企画課長、…": a government body (a word
 * of at most twelve characters ending in 省, 庁, 府 or 局) and a colon before
 * its officials. The byte offset past the colon, or 0. */
static size_t body_led(const char *text)
{
    size_t cn;
    const char *c = word_colon(text, 12, &cn);
    if (!c)
        return 0;
    uint32_t last = giji_utf8_prev(text, (size_t)(c - text), NULL);
    return last == 0x7701 || last == 0x5E81 || last == 0x5E9C || last == 0x5C40 ? (size_t)(c - text) + cn : 0;
}

/* The entries of a body-led line (body_led): offices alone are left out
 * (split_runon would make "上下水道企画課長" 上下 + 水道企画課長); the others
 * are read as any entry. */
static int parse_body_entries(const giji_rules *r, giji_meeting *m, const char *text, int group, unsigned line,
                              int *last, above *ab)
{
    size_t n = strlen(text), k, from = 0;
    int rc = GIJI_OK;
    for (size_t at = list_comma(text, 0, &k);; from = at + k, at = list_comma(text, from, &k)) {
        size_t b, e;
        giji_str_trim_range(text + from, at - from, &b, &e);
        char *piece = e > b ? giji_strndup(text + from + b, e - b) : NULL;
        /* written without a space, an entry of a body's list is an office
         * ("上下水道審議官", "水道事業課長"; "下水道事業" whose 課長 the wrap
         * cut): a person is written with a space or an honorific */
        int office = piece && !strchr(piece, ' ') && !strstr(piece, "\xe3\x80\x80") &&
                     !honorific_before(r, piece, strlen(piece));
        if (piece && !office)
            rc = parse_line_entries(r, m, piece, group, line, last, ab);
        free(piece);
        if (rc || at >= n)
            return rc;
    }
}

/* "政府参考人", "理　事" on a line of its own over rows of names with 君: a
 * Diet table's role heading (参議院: "出席者は左のとおり。" then 委員長, 理事,
 * 委員, 国務大臣, …). Only when one of the next two lines is such a row, so
 * that a title alone under its holder's name ("議長　石田　和也" /
 * "内閣総理大臣") stays that holder's. */
static int role_heading(const giji_rules *r, const giji_doc *doc, size_t i, size_t to)
{
    const char *key = doc->lines[i].key;
    if (strchr(key, '(') || giji_utf8_count(key, strlen(key)) > 10 ||
        !(bare_title(r, key) || giji_rules_phrase_is(r, GIJI_PH_GROUP, key)))
        return 0;
    for (size_t j = i + 1; j < to && j <= i + 2; j++)
        if (ends_honorific(r, doc->lines[j].key))
            return 1;
    return 0;
}

/* Does s close a bracket it did not open ("運営会議議長）", "全保障庁（CISA）次席
 * 長官］": brackets inside it pair up)? */
static int closes_first(const char *s)
{
    int depth = 0;
    size_t n = strlen(s), i = 0, k;
    uint32_t cp;
    while (i < n && (k = giji_utf8_decode(s + i, n - i, &cp))) {
        if (cp == '(' || cp == 0xFF08 || cp == 0xFF3B)
            depth++;
        else if ((cp == ')' || cp == 0xFF09 || cp == 0xFF3D) && --depth < 0)
            return 1;
        i += k;
    }
    return 0;
}

/* Does `next` go on with the comma-separated list in `text`, cut by the
 * wrap: a bracket left open, a line that filled the width or ends with 、?
 * Or with a bracket the wrap cut, which `next` closes? Or does `text` end
 * inside an entry, with "・" or "：", which end no name or title
 * ("…厚生労働省：健康・" / "生活衛生局長 伊藤 真理　…": entries run
 * together by the extraction, then cut by the wrap)? */
/* "…、宮本　浩" / "之、森　由紀子": a line of a list that opens with one or two
 * kana or kanji and then 、, the end of a name the wrap cut. */
static int name_end_wrapped(const giji_line *next)
{
    const char *t = next->text;
    size_t n = strlen(t), i = 0, k, chars = 0;
    uint32_t cp;
    while (i < n && (k = giji_utf8_decode(t + i, n - i, &cp)) && giji_cp_is_space(cp))
        i += k;
    while (i < n && (k = giji_utf8_decode(t + i, n - i, &cp)) && giji_cp_is_kana_or_han(cp)) {
        i += k;
        chars++;
    }
    return chars >= 1 && chars <= 2 && giji_str_starts(t + i, "、");
}

static int list_wraps_text(const char *text, const giji_line *next)
{
    if (next->marks)
        return 0;
    if ((giji_str_ends(text, "・") || giji_str_ends(text, "：")) && next->text[0] && !next->blank_before)
        return 1;
    /* "芹沢　啓介　（一般社団法人…工業会" / "運営会議議長）": an affiliation
     * the wrap cut, with or without a list around it */
    if (bracket_left_open(text) && closes_first(next->text))
        return 1;
    return has_list_comma(text) &&
           (bracket_left_open(text) || next->wrapped || giji_str_ends(text, "、") || name_end_wrapped(next));
}

static int list_wraps(const giji_line *l, const giji_line *next)
{
    return list_wraps_text(l->text, next);
}

int giji_list_wraps(const char *text, const giji_line *next)
{
    return list_wraps_text(text, next);
}

void giji_line_release(giji_line *l)
{
    free(l->text);
    free(l->norm);
    free(l->key);
    l->text = l->norm = l->key = NULL;
}

int giji_line_made(const giji_line *like, char *text, giji_line *out)
{
    *out = *like;
    out->text = text;
    out->norm = text ? giji_nfkc(text, strlen(text)) : NULL;
    out->key = text ? giji_match_key(text) : NULL;
    if (out->text && out->norm && out->key)
        return GIJI_OK;
    giji_line_release(out);
    return GIJI_ENOMEM;
}

/* Lines *i.. of a list the wrap cut, as one line (*out, freed with
 * line_free); *i moves to the last line taken. */
static int join_list(const giji_doc *doc, size_t *i, size_t to, giji_line *out)
{
    giji_buf j = {0};
    size_t k = *i;
    int bad = giji_buf_puts(&j, doc->lines[k].text);
    while (!bad && k + 1 < to && list_wraps_text(j.data, &doc->lines[k + 1]))
        bad = giji_buf_puts(&j, doc->lines[++k].text);
    char *text = bad ? NULL : giji_buf_steal(&j);
    giji_buf_free(&j);
    if (giji_line_made(&doc->lines[*i], text, out))
        return GIJI_ENOMEM;
    out->last_lineno = doc->lines[k].last_lineno;
    *i = k;
    return GIJI_OK;
}

/* A Diet table's title wrapped onto the line below, where its bracket goes
 * on or closes before the name: "こども家庭庁長官官房審議官" / "（子ども・子育て
 * 支援金制度担当）　原田　智子君", "…審議官（医療保険" / "担当）　長尾　和弘君". */
static int title_wraps(const giji_rules *r, const giji_line *l, const giji_line *next)
{
    if (!ends_honorific(r, next->key) || ends_honorific(r, l->key) || strchr(l->norm, ' '))
        return 0;
    return bracket_left_open(l->key) || next->key[0] == '(';
}

size_t giji_legend_role(const giji_doc *doc, size_t from, size_t to, uint32_t cp, const char **role)
{
    if (!cp)
        return 0;
    for (size_t i = from; i < to; i++) {
        const char *k = doc->lines[i].key;
        size_t n = strlen(k);
        if (n < 6 || k[0] != '(' || k[n - 1] != ')' || !strstr(k, "は"))
            continue;
        /* pieces "◎は座長" between "(", "、" and ")" */
        const char *p = k + 1, *end = k + n - 1;
        while (p < end) {
            uint32_t mark;
            size_t mk = giji_utf8_decode(p, (size_t)(end - p), &mark);
            if (!mk || strncmp(p + mk, "は", 3) != 0)
                break;
            const char *r0 = p + mk + 3, *r1 = r0;
            while (r1 < end && strncmp(r1, "、", 3) != 0)
                r1++;
            if (r1 == r0 || giji_utf8_count(r0, (size_t)(r1 - r0)) > 10)
                break;
            if (mark == cp) {
                *role = r0;
                return (size_t)(r1 - r0);
            }
            p = r1 < end ? r1 + 3 : end;
        }
    }
    return 0;
}

/* "日本側 / Japanese side", "米国側": a delegation's heading (a word of
 * at most five characters ending in 側, an English gloss after a slash). */
static int side_heading(const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "%s", key);
    char *slash = strchr(k, '/');
    if (slash)
        *slash = '\0';
    return giji_str_ends(k, "側") && giji_utf8_count(k, strlen(k)) <= 5;
}

/* Drop the English renderings in brackets after names in s, in place
 * ("マイケル・ブラウン（Michael Brown）"): a bracket of Latin letters only. */
static void drop_latin_brackets(char *s)
{
    for (char *o = strstr(s, "（"); o; o = strstr(o, "（")) {
        char *c = strstr(o + 3, "）");
        if (!c)
            return;
        int latin = c > o + 3;
        for (const char *p = o + 3; latin && p < c; p++)
            latin = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == ' ' || *p == '.' || *p == '-';
        if (latin)
            memmove(o, c + 3, strlen(c + 3) + 1);
        else
            o = c;
    }
}

/* "委員名簿（出欠）", "出席者一覧": the table's own heading, no entry. */
static int roster_heading(const char *key)
{
    char k[128];
    snprintf(k, sizeof k, "%s", key);
    char *open = strchr(k, '(');
    if (open && open != k)
        *open = '\0';
    return giji_str_ends(k, "名簿") || giji_str_ends(k, "一覧");
}

/* An attendance mark at the end of a row ("委員　佐伯　明美　弁護士　×"): its
 * bytes, or 0 (the mark must follow white space). *absent: the mark says
 * the member was away: "×" (or the mark an attendance legend such as
 * "（○出席、△オンライン出席、×欠席）" in doc->lines[from..to) gives 欠席). */
static size_t attendance_mark(const giji_doc *doc, size_t from, size_t to, const char *text, int *absent)
{
    size_t n = strlen(text), b;
    *absent = 0;
    if (n < 4)
        return 0;
    uint32_t cp = giji_utf8_prev(text, n, &b);
    int mark = cp == 0x25CB || cp == 0x00D7 || cp == 0x2715 || cp == 0x2716 || cp == 0x25B3 || cp == 0x25CF ||
               cp == 0x25EF || cp == 0x2613;
    if (!mark || b == 0 || !giji_cp_is_space(giji_utf8_prev(text, b, NULL)))
        return 0;
    *absent = cp == 0x00D7 || cp == 0x2715 || cp == 0x2716 || cp == 0x2613;
    char m[8];
    memcpy(m, text + b, n - b);
    m[n - b] = '\0';
    for (size_t i = from; i < to; i++) {
        const char *k = doc->lines[i].key, *at = k[0] == '(' ? strstr(k, m) : NULL;
        if (at) {   /* the legend: the mark's word up to 、 or the bracket's end */
            const char *w = at + strlen(m), *e = w;
            while (*e && strncmp(e, "、", 3) != 0 && *e != ')')
                e++;
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(e - w), w);
            if (word[0]) {
                *absent = strstr(word, "欠席") != NULL;
                break;
            }
        }
    }
    return n - b;
}

/* "構成員（五十音順）", "委員（敬称略）": a title and a short note in brackets
 * on a line of their own: the title is the role of the rows below it, copied
 * to word[cap] when the line is one. */
static int titled_note(const giji_rules *r, const char *key, char *word, size_t cap)
{
    const char *open = strchr(key, '(');
    size_t n = strlen(key);
    if (!open || open == key || key[n - 1] != ')' || giji_match_paren(open) != (size_t)(key + n - open) ||
        giji_utf8_count(open, (size_t)(key + n - open)) > 10 || (size_t)(open - key) >= cap)
        return 0;
    char w[64];
    if ((size_t)(open - key) >= sizeof w)
        return 0;
    memcpy(w, key, (size_t)(open - key));
    w[open - key] = '\0';
    if (!bare_title(r, w) && !giji_rules_phrase_is(r, GIJI_PH_GROUP, w))
        return 0;
    memcpy(word, w, (size_t)(open - key) + 1);
    return 1;
}

/* "（政府）", "（関係省庁）": a line that is one short word in round brackets,
 * no note (a proxy's "（代理：…）" has a colon), over a list's next rows. */
static int group_word_alone(const giji_rules *r, const char *key)
{
    size_t n = strlen(key);
    return n >= 4 && key[0] == '(' && key[n - 1] == ')' && giji_match_paren(key) == n &&
           giji_utf8_count(key, n) <= 12 && !strchr(key, ':') && !strchr(key, ' ') && !proxy_phrase(r, key) &&
           !giji_rules_phrase_in(r, GIJI_PH_ABSENT, key);
}

/* "（会長）", "（委員）": a line that is a bare title in round brackets and
 * nothing else; the title goes to word[0..cap). */
static int bracketed_title(const giji_rules *r, const char *key, char *word, size_t cap)
{
    size_t n = strlen(key);
    char w[64];
    if (n < 4 || key[0] != '(' || key[n - 1] != ')' || giji_match_paren(key) != n || n - 2 >= cap ||
        n - 2 >= sizeof w)
        return 0;
    memcpy(w, key + 1, n - 2);
    w[n - 2] = '\0';
    /* "（特別委員）", "（専門委員）": a kind of a title */
    int titled = bare_title(r, w) || (giji_utf8_count(w, n - 2) <= 6 && giji_rules_title_suffix(r, NULL, w) != NULL);
    if (!titled || giji_rules_phrase_is(r, GIJI_PH_GROUP, w))
        return 0;
    memcpy(word, w, n - 1);
    return 1;
}

/* Is s (as written, trimmed) a name with the honorific of a Diet table
 * ("岡田　雅人君", "小林真理子君"), one or two words? */
static int honorific_name(const giji_rules *r, const char *s)
{
    token t[3];
    size_t n = tokenize(s, t, 3);
    if (n == 0 || n > 2)
        return 0;
    char *key = giji_match_key(s);
    int yes = key && giji_rules_honorific(r, key) > 0;
    free(key);
    for (size_t k = 0; yes && k < n; k++)
        yes = name_like(r, t[k]);
    return yes;
}

/* "（POST）NAME君" on one line, or "（POST）" alone over "NAME君": the row as
 * "NAME君（POST）" (caller frees), with *i past the name's line when it
 * was taken; NULL when l is no such row. */
static char *post_first(const giji_rules *r, const giji_line *l, const giji_line *next, size_t *i)
{
    const char *t = l->text;
    while (*t == ' ' || !strncmp(t, "\xe3\x80\x80", 3))
        t += *t == ' ' ? 1 : 3;
    if (*t != '(' && strncmp(t, "（", 3) != 0)
        return NULL;
    size_t close = giji_match_paren(t);
    if (!close)
        return NULL;
    const char *after = t + close, *name = after;
    while (*name == ' ' || !strncmp(name, "\xe3\x80\x80", 3))
        name += *name == ' ' ? 1 : 3;
    int below = !*name;
    if (below) {
        if (!next)
            return NULL;
        name = next->text;
    }
    if (!honorific_name(r, name))
        return NULL;
    size_t nn = strlen(name), pn = close;
    char *o = malloc(nn + pn + 1);
    if (!o)
        return NULL;
    memcpy(o, name, nn);
    memcpy(o + nn, t, pn);
    o[nn + pn] = '\0';
    if (below)
        (*i)++;
    return o;
}

/* A line that is a role word alone ("課長", at most six characters), right
 * after a body's list of offices (body_led): the end of its last office,
 * which the wrap cut ("…、下水道事業" / "課長"); no person. */
static int office_end_alone(const giji_rules *r, const giji_doc *doc, size_t i, size_t from)
{
    const char *key = doc->lines[i].key;
    if (i == from || !body_led(doc->lines[i - 1].text) || giji_utf8_count(key, strlen(key)) > 6 ||
        strchr(key, ' '))
        return 0;
    return bare_title(r, key) || ends_with_rolesuffix(r, key);
}

static int parse_lines(const giji_rules *r, const char *name, const giji_doc *doc, size_t from, size_t to,
                       int group, giji_meeting *m)
{
    int last = -1;
    above ab = {""};
    for (size_t i = from; i < to; i++) {
        if (office_end_alone(r, doc, i, from))
            continue;
        const giji_line *l = &doc->lines[i];
        /* "…、西川聡" / "（総務大臣）、…", "篠田陽子（株式会社ル" / "ミナス…）":
         * a list the wrap cut, read as one line */
        giji_line joined;
        int own = i + 1 < to && list_wraps(l, &doc->lines[i + 1]);
        if (own) {
            if (join_list(doc, &i, to, &joined))
                return GIJI_NOMEM();
            l = &joined;
        }
        /* "マイケル・ブラウン（Michael Brown）": the name's English rendering goes */
        if (!own && strstr(l->text, "（")) {
            char *t = giji_strdup(l->text);
            if (!t)
                return GIJI_NOMEM();
            drop_latin_brackets(t);
            if (strlen(t) != strlen(l->text)) {
                if (giji_line_made(l, t, &joined))
                    return GIJI_NOMEM();
                own = 1;
                l = &joined;
            } else {
                free(t);
            }
        }
        /* "（経済産業省商務情報政策局長）　中村　浩二君", or the bracket on a
         * line of its own and the name below it: a Diet record's 政府参考人
         * and 参考人, the post first; read as "中村　浩二君（…）" */
        if (!own) {
            char *t = post_first(r, l, i + 1 < to ? &doc->lines[i + 1] : NULL, &i);
            if (t) {
                if (giji_line_made(l, t, &joined))
                    return GIJI_NOMEM();
                own = 1;
                l = &joined;
            }
        }
        char *key = giji_strdup(l->key);
        if (!key) {
            if (own)
                giji_line_release(&joined);
            return GIJI_ENOMEM;
        }
        const phrase_row *ph;
        int rc = GIJI_OK;
        size_t led, before_line = m->nattendees;
        const char *rest = NULL, *in = NULL, *in_end = NULL;
        if (colhead_row(r, l->norm)) {
            /* the table's header row */
        } else if ((led = body_led(l->text)) > 0 && !colon_led(r, l->text)) {
            /* "国土交通省：上下水道審議官、…": a body's officials, offices
             * alone left out (parse_body_entries) */
            group++;
            last = -1;
            rc = parse_body_entries(r, m, l->text + led, group, l->lineno, &last, &ab);
        } else if ((led = colon_led(r, l->text)) > 0) {
            /* "委員：青木健一（…）、伊藤美和": the role of the line's entries */
            size_t wn = (size_t)(strstr(l->text, "：") == l->text + led - 3 ? led - 3 : led - 1);
            char *word = giji_strndup(l->text, wn), *wk = word ? giji_match_key(word) : NULL;
            char *entries = wk ? affiliation_brackets(r, l->text + led) : NULL;
            size_t before = m->nattendees;
            rc = entries ? parse_line_entries(r, m, entries, group, l->lineno, &last, &ab) : GIJI_NOMEM();
            for (size_t a = before; !rc && a < m->nattendees; a++)
                rc = role_under(&m->attendees[a], wk);
            free(entries);
            free(word);
            free(wk);
        } else if (bracketed_title(r, key, ab.heading, sizeof ab.heading)) {
            /* "（会長）", "（委員）" alone over the names: their role, until
             * the next heading ("（政府）" starts a group without one) */
            ab.bracketed = 1;
            last = -1;
        } else if (role_heading(r, doc, i, to)) {
            snprintf(ab.heading, sizeof ab.heading, "%s", key);
            ab.bracketed = 0;
        } else if (titled_note(r, key, ab.heading, sizeof ab.heading)) {
            /* the heading's word is the role of the rows below */
            ab.bracketed = 0;
        } else if (i + 1 < to && title_wraps(r, l, &doc->lines[i + 1])) {
            giji_buf j = {0};
            if (giji_buf_puts(&j, l->text) || giji_buf_puts(&j, doc->lines[i + 1].text)) {
                giji_buf_free(&j);
                free(key);
                if (own)
                    giji_line_release(&joined);
                return GIJI_NOMEM();
            }
            rc = parse_line_entries(r, m, j.data, group, l->lineno, &last, &ab);
            giji_buf_free(&j);
            i++;
        } else if ((led = group_led(r, l->text)) > 0) {
            group++;
            last = -1;
            char *entries = affiliation_brackets(r, l->text + led);
            rc = entries ? parse_line_entries(r, m, entries, group, l->lineno, &last, &ab) : GIJI_ENOMEM;
            free(entries);
        } else if (starts_group(r, l->text, key) || body_heading(l->text) ||
                   (ab.bracketed && group_word_alone(r, key))) {
            group++;
            last = -1;
            if (ab.bracketed)   /* "（政府）" after "（委員）": the rows have no heading now */
                ab.heading[0] = '\0';
            ab.bracketed = 0;
        } else if ((ph = proxy_phrase(r, key)) != NULL && (led = mid_note(l->text, ph->phrase, &rest)) > 0) {
            /* the entries before the note, the last of them the proxy, then the rest */
            char *left = giji_strndup(l->text, led);
            int before = (int)m->nattendees;
            rc = left ? parse_line_entries(r, m, left, group, l->lineno, &last, &ab) : GIJI_ENOMEM;
            free(left);
            /* "本部員　高橋修（代理出席）　環境副大臣": the note between the
             * proxy's name and office; the office is the proxy's */
            if (rc == GIJI_OK && (int)m->nattendees > before)
                rc = office_after_note(r, &m->attendees[m->nattendees - 1], &rest);
            int proxy = (int)m->nattendees - 1, member = proxy >= before ? stood_in_for(m, proxy) : -1;
            if (rc == GIJI_OK && member >= 0) {
                m->attendees[member].present = 0;
                m->attendees[proxy].proxy_for = member;
            }
            rc = rc ? rc : parse_line_entries(r, m, rest, group, l->lineno, &last, &ab);
            last = -1; /* a proxy line after this one would not know its member */
        } else if (ph && (led = inner_proxy(l->text, ph->phrase, &in, &in_end, &rest)) > 0) {
            /* the entries before the bracket, the last of them the member;
             * the proxy inside it; then the rest of the line */
            char *left = giji_strndup(l->text, led), *inner = giji_strndup(in, (size_t)(in_end - in));
            int before = (int)m->nattendees;
            rc = left && inner ? parse_line_entries(r, m, left, group, l->lineno, &last, &ab) : GIJI_ENOMEM;
            int member = (int)m->nattendees > before ? (int)m->nattendees - 1 : -1;
            int mid = (int)m->nattendees;
            rc = rc ? rc : parse_line_entries(r, m, inner, group, l->lineno, &last, &ab);
            if (rc == GIJI_OK && member >= 0 && (int)m->nattendees > mid) {
                m->attendees[member].present = 0;
                m->attendees[m->nattendees - 1].proxy_for = member;
            }
            free(left);
            free(inner);
            rc = rc ? rc : parse_line_entries(r, m, rest, group, l->lineno, &last, &ab);
            last = -1;
        } else if (ph) {
            rc = parse_proxy(r, m, l->text, ph, group, l->lineno, &last);
        } else if (roster_heading(key) || (giji_str_starts(key, "※") && strstr(key, "。"))) {
            /* "委員名簿（出欠）": the table's heading; "※本議事録は…。": a note */
        } else if (side_heading(key)) {
            group++;   /* "米国側 / U.S. side": the next delegation */
            last = -1;
        } else if (giji_rules_phrase_in(r, GIJI_PH_ABSENT, key) &&
                   (key[0] == '(' || giji_str_starts(key, "※"))) {
            if (last >= 0)
                m->attendees[last].present = 0;
        } else if (key[0] == '(' || key[0] == '[' || !has_letters(key)) {
            /* a note such as "(敬称略)" or "(五十音順)", or a rule "―――" */
        } else {
            /* "オブザーバー　厚生労働省医政局、同保険局、…": a group's word
             * before its entries; nothing of the entries above goes on here */
            const phrase_row *gp = giji_rules_phrase_in(r, GIJI_PH_GROUP, key);
            if (gp && giji_str_starts(key, gp->phrase))
                last = -1;
            /* "…弁護士　×": the row's attendance mark, then the row without it */
            int away = 0;
            size_t mk = attendance_mark(doc, from, to, l->text, &away);
            char *row = giji_strndup(l->text, strlen(l->text) - mk);
            /* "［…次席長官］": a post in square brackets, as in round ones (the
             * same three bytes long in UTF-8) */
            for (char *q = row; q && (q = strstr(q, "［")) != NULL; q += 3)
                memcpy(q, "（", 3);
            for (char *q = row; q && (q = strstr(q, "］")) != NULL; q += 3)
                memcpy(q, "）", 3);

            /* "伊藤　直樹（オンライン参加）（途中参加）": how one attended,
             * no part of the name or post (data/phrases.tsv `attendnote`) */
            while (row && cut_attend_note(r, row))
                ;
            char *tmp = row ? affiliation_brackets(r, row) : NULL;
            free(row);
            /* "伊藤 誠 外務大臣（欠席）": listed, but absent */
            const phrase_row *out = giji_rules_phrase_in(r, GIJI_PH_ABSENT, key);
            int absent = out && giji_str_ends(key, ")") && tmp && !has_list_comma(tmp) &&
                         cut_bracketed(tmp, out->phrase);
            if (!tmp) {
                free(key);
                if (own)
                    giji_line_release(&joined);
                return GIJI_ENOMEM;
            }
            int before = (int)m->nattendees;
            rc = parse_line_entries(r, m, tmp, group, l->lineno, &last, &ab);
            for (size_t a = (size_t)before; (absent || away) && !rc && a < m->nattendees; a++)
                m->attendees[a].present = 0;
            /* only a single entry on the line can be followed by its proxy */
            if (!rc && (int)m->nattendees - before != 1)
                last = (int)m->nattendees - 1;
            free(tmp);
        }
        /* "◎大河内　徹　（…）" under the legend "（◎は座長、○は座長代理）": the
         * mark's role is the entry's too, so that a label "（座長）" names him */
        const char *lr;
        size_t ln = rc || m->nattendees == before_line ? 0 : giji_legend_role(doc, from, to, l->mark_cp, &lr);
        if (ln) {
            char *word = giji_strndup(lr, ln);
            for (size_t a = before_line; !rc && a < m->nattendees; a++)
                rc = word ? role_under(&m->attendees[a], word) : GIJI_NOMEM();
            free(word);
        }
        free(key);
        unsigned lineno = l->lineno;
        if (own)
            giji_line_release(&joined);
        if (rc)
            return giji_error_prefix("%s:%u: ", name, lineno);
    }
    return GIJI_OK;
}
