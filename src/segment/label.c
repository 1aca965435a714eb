/*
 * segment/label.c — speaker labels: finding them at the start of a line and
 * resolving them to an attendee.
 *
 * Label shapes, after bullet and heading marks are gone (normalize/):
 *   （中谷本部員）…   (村井本部員) …   （丸川…担当大臣（副本部長））   nested brackets
 *   【世耕経済産業大臣】…                Cabinet style (also ＜…＞, 〈…〉, 《…》, 〔…〕)
 *   山田委員長より、…                    a 議事要旨's report (an attendee's name only)
 *   山田委員長　…  (no mark)             an attendee's name and title, then a space
 *   **山田委員長**：…   発言者：山田委員長   markdown bold; a speaker line
 *   ○山田委員長　…                      Diet style (after a ○ mark)
 *   山田委員：…   ○大橋議長：…           a label ended by a colon
 *   山田委員「…」                        a summary quoting each speaker
 * A bracketed text is a label only when it names an attendee (surname or full
 * name first), an attendee's role, or ends in a title listed in
 * data/titles.tsv; "(1)" and "【決定事項】" are not labels.
 *
 * Resolution: the longest attendee surname (or full name) the label starts
 * with; the rest of the label must fit that attendee's role or a title whose
 * holder fits (data/titles.tsv, data/roles.tsv). A shared surname is decided
 * by the role; a lone candidate whose role contradicts the label is still
 * chosen, with a warning.
 */
#include "segment/internal.h"
#include "giji/normalize.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Match keys of the attendees' names, surnames, roles and titles, made
 * once per meeting and text. resolve() runs for every label candidate
 * (a bracket, a line's first words, each start of a reported name) and
 * compared the candidate with every attendee's keys, made again each
 * time: giji_match_key (NFKC) of each attendee's fields was a fifth of
 * segmentation's instructions (bench/README.md, ninth round). A key
 * depends on the text alone, so the memo is keyed by the text (not by the
 * attendee, whose surname a label may still change); it is per thread,
 * since workers segment meetings side by side, and emptied when
 * giji_segment returns (giji_label_memo_free), so no meeting's keys
 * outlive it. */
#define MEMO_CLASS (1 + sizeof(unsigned))   /* see memo_key, memo_role_class */

typedef struct memo_entry {
    uint64_t hash;
    size_t len;         /* of the text */
    char *text, *key;   /* one allocation: the text, its NUL, the key's role class
                           (MEMO_CLASS bytes), the key */
} memo_entry;

static _Thread_local struct {
    memo_entry *e;
    size_t n, cap;      /* cap: 0 or a power of 2 */
} memo;

/* Eight bytes at a time (a byte at a time was most of a lookup's cost):
 * a multiply and a shift per word, the length in the seed. Collisions
 * only cost a comparison. */
static uint64_t memo_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

void giji_label_memo_free(void)
{
    for (size_t i = 0; i < memo.cap; i++)
        free(memo.e[i].text);
    free(memo.e);
    memo.e = NULL;
    memo.n = memo.cap = 0;
}

/* The match key of s[0..n), from the memo; NULL when out of memory (or
 * when giji_match_key fails). Valid until giji_label_memo_free; not to be
 * freed. */
static const char *memo_key(const char *s, size_t n)
{
    uint64_t h = memo_hash(s, n);
    if (memo.cap) {
        for (size_t i = (size_t)h & (memo.cap - 1);; i = (i + 1) & (memo.cap - 1)) {
            const memo_entry *e = &memo.e[i];
            if (!e->text)
                break;
            if (e->hash == h && e->len == n && !memcmp(e->text, s, n))
                return e->key;
        }
    }
    if (2 * (memo.n + 1) > memo.cap) {   /* at most half full */
        size_t cap = memo.cap ? memo.cap * 2 : 64;
        memo_entry *t = calloc(cap, sizeof *t);
        if (!t) {
            GIJI_NOMEM();
            return NULL;
        }
        for (size_t j = 0; j < memo.cap; j++)
            if (memo.e[j].text) {
                size_t i = (size_t)memo.e[j].hash & (cap - 1);
                while (t[i].text)
                    i = (i + 1) & (cap - 1);
                t[i] = memo.e[j];
            }
        free(memo.e);
        memo.e = t;
        memo.cap = cap;
    }
    char *text = giji_strndup(s, n), *key = text ? giji_match_key(text) : NULL;
    if (!key) {
        free(text);
        return NULL;
    }
    size_t kn = strlen(key);
    /* the text, its NUL, the role class of the key (a byte "known", four
     * bytes of class: memo_role_class), the key and its NUL */
    char *both = realloc(text, n + 1 + MEMO_CLASS + kn + 1);
    if (!both) {
        free(text);
        free(key);
        GIJI_NOMEM();
        return NULL;
    }
    both[n + 1] = 0;   /* class not known yet */
    memcpy(both + n + 1 + MEMO_CLASS, key, kn + 1);
    free(key);
    size_t i = (size_t)h & (memo.cap - 1);
    while (memo.e[i].text)
        i = (i + 1) & (memo.cap - 1);
    memo.e[i] = (memo_entry){.hash = h, .len = n, .text = both, .key = both + n + 1 + MEMO_CLASS};
    memo.n++;
    return both + n + 1 + MEMO_CLASS;
}

/* giji_rules_role_class of a key memo_key gave, made once per key: fit()
 * asks it of the attendee a label names, with an fnmatch of every row of
 * data/roles.tsv (4% of segmentation's instructions). */
static unsigned memo_role_class(const giji_rules *r, const char *key)
{
    char *at = (char *)key - MEMO_CLASS;
    unsigned cls;
    if (at[0]) {
        memcpy(&cls, at + 1, sizeof cls);
        return cls;
    }
    cls = giji_rules_role_class(r, key);
    memcpy(at + 1, &cls, sizeof cls);
    at[0] = 1;
    return cls;
}

static const char *memo_key_of(const char *s)
{
    return memo_key(s, strlen(s));
}

/* Match keys of an attendee, computed on demand; `title` is the role's
 * first word when a table put a title before the office ("臨時議員 厚生労働
 * 大臣": the label "宮本臨時議員" names the title), else empty. From the
 * memo: not to be freed. */
typedef struct keys { const char *name, *surname, *role, *title; } keys;

static int keys_of(const giji_attendee *a, keys *k)
{
    k->name = memo_key_of(a->name);
    k->surname = memo_key_of(a->surname);
    k->role = k->title = NULL;
    return (k->name && k->surname) ? GIJI_OK : GIJI_ENOMEM;
}

/* The role's keys, which only fit() reads: looked up once the label
 * starts with the attendee's name (or may: a run-on name), not for every
 * attendee the label is compared with. */
static int keys_role(const giji_attendee *a, keys *k)
{
    k->role = memo_key_of(a->role);
    size_t w = 0;
    while (a->role[w] && a->role[w] != ' ' && strncmp(a->role + w, "\xe3\x80\x80", 3) != 0)
        w++;
    k->title = memo_key(a->role, a->role[w] ? w : 0);
    return (k->role && k->title) ? GIJI_OK : GIJI_ENOMEM;
}

/* Split a trailing "(…)" off key (in place): "丸川…大臣(副本部長)" -> main,
 * extra "副本部長". Returns the extra part or NULL. */
static char *split_trailing_paren(char *key)
{
    size_t n = strlen(key);
    if (n < 2 || key[n - 1] != ')')
        return NULL;
    int depth = 0;
    for (size_t i = n; i-- > 0;) {
        if (key[i] == ')') depth++;
        else if (key[i] == '(' && --depth == 0) {
            if (i == 0)
                return NULL; /* the whole label is bracketed */
            key[i] = '\0';
            key[n - 1] = '\0';
            return key + i + 1;
        }
    }
    return NULL;
}

/* giji_title_holder, with the number of attendees who hold the title in
 * *holders (a proxy counted through its member). */
static int title_holders(const giji_rules *r, const giji_meeting *m, const title_row *t, int *holders)
{
    int found = -1, count = 0;
    *holders = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        keys k = {0};
        if (keys_role(&m->attendees[i], &k) != GIJI_OK)
            return -1;
        const char *role = k.role;
        /* the title as the role's first word ("議長 内閣官房長官"), not as the
         * start of a longer one (座長代理 is not the 座長) */
        int first = !strcmp(k.title, t->title) || !strcmp(role, t->title);
        /* a class title is held by whoever the list calls so: "議長 内閣官房長官" */
        /* a role title held by the office ("本部長" by 内閣総理大臣), also when
         * the list wrote the title before the office ("本部長 内閣総理大臣") */
        int hit = t->role ? !strcmp(role, t->role) || (first && giji_str_ends(role, t->role))
                          : giji_str_ends(role, t->title) || first;
        /* every holder counts (a proxy through the member it stands in
         * for): a class title several hold names none of them */
        if (hit && m->attendees[i].proxy_for < 0)
            count++;
        if (hit && (found < 0 || (!m->attendees[found].present && m->attendees[i].present)))
            found = (int)i;
    }
    *holders = count;
    if (found < 0 || (!t->role && count != 1))
        return -1;
    if (!m->attendees[found].present) /* the member sent a proxy: the proxy speaks */
        for (size_t i = 0; i < m->nattendees; i++)
            if (m->attendees[i].proxy_for == found)
                return (int)i;
    return found;
}

int giji_title_holder(const giji_rules *r, const giji_meeting *m, const title_row *t)
{
    int holders;
    return title_holders(r, m, t, &holders);
}

/* Is `rest` one of the offices of a role that lists several, as a
 * comma-separated attendee list adds them ("…担当大臣、内閣府特命担当大臣(…)")? */
static int role_part(const char *role, const char *rest)
{
    size_t n = strlen(rest);
    for (const char *p = role; p; p = strstr(p, "、")) {
        if (p != role)
            p += strlen("、");
        if (!strncmp(p, rest, n) && (!p[n] || giji_str_starts(p + n, "、") || p[n] == '('))
            return 1;
    }
    return 0;
}

/* Does the role end with `rest` before a trailing bracket: "…参与会議座長(東都
 * 海洋大学学長)" for the label's "参与会議座長"? */
static int ends_before_paren(const char *role, const char *rest)
{
    size_t n = strlen(role), rn = strlen(rest);
    const char *open = strrchr(role, '(');
    if (!open || !n || role[n - 1] != ')' || (size_t)(open - role) < rn)
        return 0;
    return !strncmp(open - rn, rest, rn);
}

/* Is `rest` the office in the bracket that ends the role: "本部員(農林水産大
 * 臣)" (a list in prose: "加藤本部員（農林水産大臣）") for "農林水産大臣"? */
static int office_in_paren(const char *role, const char *rest)
{
    size_t n = strlen(role), rn = strlen(rest);
    const char *open = strrchr(role, '(');
    return open && open != role && n && role[n - 1] == ')' && (size_t)(role + n - 1 - (open + 1)) == rn &&
           rn && !strncmp(open + 1, rest, rn);
}

/* Is `rest` "X担当大臣" (or "X大臣") for a portfolio X in the role's bracket:
 * "内閣府特命担当大臣(こども政策 少子化対策 …)" holds "こども政策担当大臣"?
 * Keys have no spaces, so X is looked for anywhere in the bracket. */
static int portfolio_of(const char *role, const char *rest)
{
    static const char *const heads[] = { "担当大臣", "大臣" };
    const char *open = strchr(role, '(');
    size_t n = strlen(role);
    if (!open || !n || role[n - 1] != ')') /* the bracket ends the role */
        return 0;
    if (!strstr(role, "担当大臣("))
        return 0;
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
        size_t rn = strlen(rest), hn = strlen(heads[h]);
        if (rn <= hn || !giji_str_ends(rest, heads[h]))
            continue;
        size_t xn = rn - hn;
        for (const char *p = open + 1; p + xn < role + n; p++)
            if (!strncmp(p, rest, xn))
                return 1;
    }
    return 0;
}

/* How well does `rest` (label minus the name) fit attendee `a`?
 * 2: it is the attendee's role; 1: a title they may hold, or nothing to
 * check; 0: it contradicts them. */
static int fit(const giji_rules *r, const char *body_key, const char *rest, size_t sn, const keys *k)
{
    if (!rest[0])
        return 1;
    if (rest[0] == '(') {
        /* Diet records tell namesakes apart by the given name's first
         * character: ○山田（太）委員 is 山田 太郎; a name run on
         * ("田中健太郎") has its given name after the label's surname */
        const char *close = strchr(rest, ')');
        size_t sl = k->surname[0] && strlen(k->surname) < strlen(k->name) ? strlen(k->surname) : sn;
        const char *given = sl <= strlen(k->name) ? k->name + sl : "";
        size_t n = close ? (size_t)(close - rest - 1) : 0;
        if (!n || strncmp(given, rest + 1, n) != 0)
            return 0;
        return fit(r, body_key, close + 1, sn, k) ? 2 : 1;
    }
    if (k->role[0] && (!strcmp(rest, k->role) || giji_str_ends(k->role, rest) || role_part(k->role, rest) ||
                       (k->title[0] && !strcmp(rest, k->title)) ||
                       ends_before_paren(k->role, rest) || portfolio_of(k->role, rest) ||
                       office_in_paren(k->role, rest)))
        return 2;
    const title_row *t = giji_rules_title(r, body_key, rest);
    if (!t)
        return 0;
    if (t->role)
        return strcmp(t->role, k->role) == 0 ? 2 : 0;
    return (t->classes & memo_role_class(r, k->role)) ? 1 : 0;
}

/* A full name written without a space ("大橋直子", runon): the label
 * "大橋議長" is its surname and a title with the given name left out. The
 * length of that surname in `key` (the longest proper prefix of the name
 * whose rest of the label is the attendee's role or title), or 0. */
static size_t runon_surname(const giji_rules *r, const char *body_key, const char *key, const keys *k)
{
    size_t nn = strlen(k->name), best = 0;
    int best_fit = 0;
    for (size_t sn = 1; sn < nn; sn++) {
        if (((unsigned char)k->name[sn] & 0xC0) == 0x80)
            continue; /* not a character boundary */
        if (strncmp(key, k->name, sn) != 0)
            break;
        /* the surname alone ("議長(石田)"): nothing after it to check */
        int f = key[sn] ? fit(r, body_key, key + sn, sn, k) : 1;
        if (f && f >= best_fit) {
            best = sn;
            best_fit = f;
        }
    }
    return best;
}

typedef struct resolution {
    int speaker;            /* attendee or -1 */
    giji_attribution how;
    int plausible;          /* the text looks like a label at all */
    int ncand;              /* attendees the label fits equally well (best fit, longest name) */
    int best_fit;
    const char *rest;
    char surname[64];       /* a surname the bracket of "議長(石田)" shows, or "" */
    int short_name;         /* found as a body's short name ("経団連") */
} resolution;

/* "これに対し、同大臣から、…", "また、同本部長からは、…": 同 and a title name
 * the speaker of one of the last few remarks, the latest whose label or
 * role ends with that title. None: the label fits no one ("同時に", "同様に"
 * are no labels). */
#define DITTO_REMARKS 6
/* Does the label or role key end with `title` as its own title: "青木副本部長"
 * ends with 本部長, but its title is 副本部長 (data/titles.tsv knows). */
static int ends_with_title(const giji_rules *r, const char *body_key, const char *key, const char *title)
{
    if (!giji_str_ends(key, title))
        return 0;
    const title_row *t = giji_rules_title_suffix(r, body_key, key);
    return !t || strlen(t->title) <= strlen(title);
}

static int ditto(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *title,
                 resolution *res)
{
    for (size_t i = m->nremarks, seen = 0; i-- > 0 && seen < DITTO_REMARKS; seen++) {
        const giji_remark *rm = &m->remarks[i];
        if (rm->speaker < 0 || !rm->speaker_label)
            continue;
        const char *lk = memo_key_of(rm->speaker_label);
        const char *role = memo_key_of(m->attendees[rm->speaker].role);
        if (!lk || !role)
            return GIJI_ENOMEM;
        if (ends_with_title(r, body_key, lk, title) || ends_with_title(r, body_key, role, title)) {
            res->speaker = rm->speaker;
            res->plausible = 1;
            res->best_fit = 2;
            res->ncand = 1;
            res->rest = "";
            return GIJI_OK;
        }
    }
    return GIJI_OK;
}

/* Resolution without side effects; `key` is modified (trailing paren cut). */
static int resolve(const giji_rules *r, const char *body_key, const giji_meeting *m,
                   char *key, resolution *res)
{
    memset(res, 0, sizeof *res);
    res->speaker = -1;
    res->how = GIJI_ATTR_EXPLICIT;
    /* "田中次郎君": a Diet record's member, the honorific after the name */
    size_t hn = giji_rules_honorific(r, key);
    if (hn)
        key[strlen(key) - hn] = '\0';
    char full[512];
    snprintf(full, sizeof full, "%s", key);
    char *extra = split_trailing_paren(key);
    /* "ウォーカー氏(通訳)": the honorific before the bracket */
    size_t hb = extra ? giji_rules_honorific(r, key) : 0;
    if (hb)
        key[strlen(key) - hb] = '\0';
    if (!key[0])
        return GIJI_OK;
    if (giji_str_starts(key, "同") && key[3])
        return ditto(r, body_key, m, key + 3, res);
    /* "委員長(山田花子君)", "国務大臣(鈴木一郎君)": the 参議院's labels, the
     * office and then the speaker's full name with the honorific. The name
     * decides; a name that is no attendee's leaves the speaker unknown,
     * but the shape is a label all the same. */
    size_t en = extra ? giji_rules_honorific(r, extra) : 0;
    if (en) {
        extra[strlen(extra) - en] = '\0';
        res->plausible = 1;
        res->best_fit = 2;
        res->rest = key;
        for (size_t i = 0; i < m->nattendees; i++) {
            const char *nk = memo_key_of(m->attendees[i].name);
            if (!nk)
                return GIJI_ENOMEM;
            int same = !strcmp(nk, extra);
            if (same) {
                res->speaker = (int)i;
                res->ncand = 1;
                break;
            }
        }
        if (res->speaker >= 0)
            return GIJI_OK;
        /* "司会（高橋さん）": a surname, the one attendee whose name starts so */
        int found = -1, count = 0;
        for (size_t i = 0; extra[0] && i < m->nattendees; i++) {
            const char *nk = memo_key_of(m->attendees[i].name);
            if (!nk)
                return GIJI_ENOMEM;
            if (giji_str_starts(nk, extra) && count++ == 0)
                found = (int)i;
        }
        if (count == 1) {
            res->speaker = found;
            res->ncand = 1;
            return GIJI_OK;
        }
        res->ncand = 0;
    }
    size_t best_len = 0;
    int best = -1, best_fit = -1, ties = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        keys k;
        if (keys_of(&m->attendees[i], &k) != GIJI_OK)
            return GIJI_ENOMEM;
        size_t len = 0;
        if (k.name[0] && giji_str_starts(key, k.name))
            len = strlen(k.name);
        else if (k.surname[0] && giji_str_starts(key, k.surname))
            len = strlen(k.surname);
        else if (m->attendees[i].runon) {
            if (keys_role(&m->attendees[i], &k) != GIJI_OK)
                return GIJI_ENOMEM;
            len = runon_surname(r, body_key, key, &k);
        }
        if (len && !k.role && keys_role(&m->attendees[i], &k) != GIJI_OK)
            return GIJI_ENOMEM;
        if (len) {
            /* how well the rest fits: the label's own bracketed part counts
             * when the role ends in one, "(科学技術政策)" */
            int f = fit(r, body_key, key + len, len, &k);
            if (full[0] && strlen(full) >= len) {
                int ff = fit(r, body_key, full + len, len, &k);
                if (ff > f)
                    f = ff;
            }
            /* the better fit wins, then the longer name: （坂本部員） is 坂 the
             * 本部員 when 坂本 is not a 部員 */
            res->ncand++;
            if (best < 0 || f > best_fit || (f == best_fit && len > best_len)) {
                best = (int)i;
                best_fit = f;
                best_len = len;
                ties = 1;
            } else if (f == best_fit && len == best_len) {
                ties++;
            }
        }
    }
    if (best >= 0) {
        res->plausible = 1;
        res->ncand = ties; /* the attendees the label fits equally well */
        res->rest = key + best_len;
        res->best_fit = best_fit;
        if (ties == 1)
            res->speaker = best;
        return GIJI_OK;
    }
    /* "内閣府(事務局)": an office and the group it speaks as; nobody by name */
    if (extra && extra[0] && !en && giji_rules_phrase_is(r, GIJI_PH_GROUP, extra)) {
        res->plausible = 1;
        res->best_fit = 2;
        res->rest = key + strlen(key);
        return GIJI_OK;
    }
    /* "事務局(デジタル庁)": a group and the body its member is from; the
     * one attendee of that group whose role names the body speaks */
    if (extra && extra[0] && !en && giji_rules_phrase_is(r, GIJI_PH_GROUP, key)) {
        int who = -1, n = 0;
        for (size_t i = 0; i < m->nattendees; i++) {
            keys k = {0};
            if (keys_role(&m->attendees[i], &k) != GIJI_OK)
                return GIJI_ENOMEM;
            if (giji_str_starts(k.role, key) && strstr(k.role + strlen(key), extra)) {
                who = (int)i;
                n++;
            }
        }
        res->plausible = 1;   /* a group's label, whoever it names */
        res->best_fit = 2;
        res->ncand = n;
        res->rest = key + strlen(key);
        if (n == 1) {
            res->speaker = who;
            return GIJI_OK;
        }
    }
    /* "議長(石田)", "事務局(佐藤統括官)": an office and then the speaker's
     * surname, with or without a title, in the bracket: the bracket names the
     * speaker when it starts with an attendee's name. */
    if (extra && extra[0] && !en) {
        char sub[256];
        snprintf(sub, sizeof sub, "%s", extra);
        resolution r2;
        int rc2 = resolve(r, body_key, m, sub, &r2);
        if (rc2)
            return rc2;
        /* the bracket names the speaker by surname, or by the role one
         * attendee holds ("議長(内閣官房長官)") */
        if (r2.speaker >= 0 && ((r2.rest && r2.rest != sub && r2.best_fit >= 1) || (!r2.rest && r2.ncand == 1))) {
            res->plausible = 1;
            res->speaker = r2.speaker;
            res->ncand = 1;
            res->best_fit = r2.best_fit;
            res->rest = key + strlen(key); /* nothing to learn from the office */
            size_t sn = r2.rest ? (size_t)(r2.rest - sub) : 0;
            if (sn && sn < sizeof res->surname) {
                memcpy(res->surname, sub, sn);
                res->surname[sn] = '\0';
            }
            return GIJI_OK;
        }
        /* "日本証券業協会（田中オブザーバー）" in a record that lists no one:
         * a body and then, in the bracket, a name with its title is a label
         * all the same; the speaker stays unknown */
        if (!m->nattendees && r2.plausible && r2.best_fit >= 1) {
            res->plausible = 1;
            res->rest = key + strlen(key);
            return GIJI_OK;
        }
    }
    /* No name: an attendee's role ("（内閣官房長官）") or a title ("（議長）").
     * A role several attendees hold ("（委員）" among three 委員) names none
     * of them: the label is plausible and the speaker left unknown. */
    int holders = 0;
    int short_title = giji_rules_phrase_is(r, GIJI_PH_ROLESUFFIX, key);
    for (int ends = 0; ends < 2 && !holders; ends++) {
        /* the role as listed, else its office after a title ("（地方創生担当
         * 大臣）" for "副本部長 地方創生担当大臣") */
        for (size_t i = 0; i < m->nattendees; i++) {
            const char *role = memo_key_of(m->attendees[i].role);
            if (!role)
                return GIJI_ENOMEM;
            size_t rn = strlen(role), kn = strlen(key), fn = strlen(full);
            /* "…教授（座長）": the title in the bracket ending the role */
            /* (two characters only when they are a role ending: "○長官" for
             * the 文化庁長官, not "○次長" for every …次長) */
            /* "農林水産大臣（副議長）", "外務副大臣（外務大臣代理）": a note in
             * brackets after the role does not hide it; "内閣府特命担当大臣
             * （消費者及び食品安全）" holds "消費者及び食品安全担当大臣". (Not
             * for a title's holders, title_holders: "大臣" is no title of
             * "内閣府特命担当大臣(地方創生)" there.) */
            char buf[256];
            const char *bare = ends ? NULL : giji_key_without_note(role, buf, sizeof buf);
            int hit = role[0] && (ends ? (rn > kn && (giji_utf8_count(key, kn) >= 3 || short_title) &&
                                          giji_str_ends(role, key)) ||
                                             office_in_paren(role, key) || portfolio_of(role, key)
                                       : !strcmp(role, key) || (bare && !strcmp(bare, key)));
            /* "内閣府特命担当大臣(知的財産戦略)": the office with its portfolio,
             * as the role ends ("副本部長 内閣府特命担当大臣（知的財産戦略）") */
            hit = hit || (extra && ends && rn > fn && giji_str_ends(role, full));
            if (hit && holders++ == 0)
                res->speaker = (int)i;
        }
    }
    if (holders) {
        res->plausible = 1;
        res->best_fit = 2;
        res->ncand = holders;
        if (holders > 1)
            res->speaker = -1;
        return GIJI_OK;
    }
    const title_row *t = giji_rules_title_suffix(r, body_key, key);
    if (t) {
        res->plausible = 1;
        res->best_fit = 1;
        if (!strcmp(t->title, key)) { /* the bare title */
            int nh;
            res->speaker = title_holders(r, m, t, &nh);
            if (res->speaker < 0 && nh > 1)
                res->ncand = nh;   /* "（構成員）" among nine 構成員 */
            if (t->chair)
                res->how = GIJI_ATTR_CHAIR;
        }
    }
    return GIJI_OK;
}

/* The label shows where a run-on full name's surname ends: "大橋議長" makes
 * 大橋直子 "大橋 直子", as a list with spaces would have printed it. */
static int learn_surname(giji_attendee *a, const char *key, size_t sn)
{
    size_t dn = strlen(a->display);
    if (sn == 0 || sn >= dn || strncmp(a->display, key, sn) != 0)
        return GIJI_OK; /* the label began with the whole name: nothing learnt */
    char *surname = giji_strndup(key, sn);
    char *display = malloc(dn + 2);
    if (!surname || !display) {
        free(surname);
        free(display);
        return GIJI_ENOMEM;
    }
    memcpy(display, a->display, sn);
    display[sn] = ' ';
    memcpy(display + sn + 1, a->display + sn, dn - sn + 1);
    free(a->surname);
    free(a->display);
    a->surname = surname;
    a->display = display;
    a->runon = 0;
    return GIJI_OK;
}

static int resolve_after_body(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s,
                              size_t n, char **key, resolution *res);
static int resolve_short_name(const giji_meeting *m, const char *key, resolution *res);
static int resolve_office(const giji_meeting *m, const char *key, resolution *res);

static int resolve_label(const giji_rules *r, const char *body_key, giji_meeting *m, unsigned line,
                         const char *label, int short_ok, int *speaker, giji_attribution *how)
{
    *speaker = -1;
    *how = GIJI_ATTR_EXPLICIT;
    char *key = giji_match_key(label);
    if (!key)
        return GIJI_ENOMEM;
    resolution res;
    int rc = resolve(r, body_key, m, key, &res);
    if (rc == GIJI_OK && res.speaker < 0) {   /* "一般社団法人…連合会　山田常務理事" */
        resolution alt;
        char *lk;
        rc = resolve_after_body(r, body_key, m, label, strlen(label), &lk, &alt);
        if (rc == GIJI_OK && lk) {
            free(key);
            key = lk;
            res = alt;
        }
    }
    if (rc == GIJI_OK && !res.plausible) {   /* "国土交通省住宅局" */
        char *full = giji_match_key(label);
        rc = full ? resolve_office(m, full, &res) : GIJI_ENOMEM;
        free(full);
    }
    if (rc == GIJI_OK && res.speaker < 0 && short_ok) {
        char *full = giji_match_key(label);   /* key had its bracket cut */
        rc = full ? resolve_short_name(m, full, &res) : GIJI_ENOMEM;
        free(full);
        if (rc == GIJI_OK && res.short_name)
            rc = giji_meeting_warn(m, line, "label '%s' taken as short for the body of %s (%s); attributed to %s",
                                   label, m->attendees[res.speaker].display, m->attendees[res.speaker].role,
                                   m->attendees[res.speaker].display);
    }
    if (rc == GIJI_OK) {
        *speaker = res.speaker;
        *how = res.how;
        /* "中島代理" for a member's proxy: the role the label gives is that */
        int as_proxy = res.speaker >= 0 && m->attendees[res.speaker].proxy_for >= 0 && res.rest &&
                       giji_rules_phrase_is(r, GIJI_PH_PROXY, res.rest);
        if (res.speaker >= 0 && res.ncand && res.best_fit == 0 && !as_proxy) {
            const giji_attendee *a = &m->attendees[res.speaker];
            rc = giji_meeting_warn(m, line, "label '%s' names %s, whose role is %s, not '%s'; attributed to %s",
                                   label, a->display, a->role[0] ? a->role : "(none)", res.rest, a->display);
        } else if (res.speaker < 0 && res.ncand > 1) {
            rc = giji_meeting_warn(m, line, "label '%s' fits %d attendees equally; speaker left unknown",
                                   label, res.ncand);
        } else if (res.speaker < 0) {
            rc = giji_meeting_warn(m, line, "label '%s' matches no attendee; speaker left unknown", label);
        }
        if (rc == GIJI_OK && res.speaker >= 0 && m->attendees[res.speaker].runon)
            rc = res.surname[0] ? learn_surname(&m->attendees[res.speaker], res.surname, strlen(res.surname))
                                : learn_surname(&m->attendees[res.speaker], key, (size_t)(res.rest - key));
    }
    free(key);
    return rc;
}

int giji_label_resolve(const giji_rules *r, const char *body_key, giji_meeting *m,
                       unsigned line, const char *label, int *speaker, giji_attribution *how)
{
    return resolve_label(r, body_key, m, line, label, 0, speaker, how);
}

int giji_label_resolve_answer(const giji_rules *r, const char *body_key, giji_meeting *m,
                              unsigned line, const char *label, int *speaker, giji_attribution *how)
{
    return resolve_label(r, body_key, m, line, label, 1, speaker, how);
}

/* Byte offset just past the bracket closing the one at s[0], or 0 when it is
 * never closed. ( and （ nest interchangeably, as PDF text mixes them. */
size_t giji_match_paren(const char *s)
{
    size_t n = strlen(s), i = 0;
    int depth = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k) { k = 1; cp = 0; }
        if (cp == '(' || cp == 0xFF08) depth++;
        else if (cp == ')' || cp == 0xFF09) {
            if (--depth == 0)
                return i + k;
        }
        i += k;
    }
    return 0;
}

static int set_label(giji_label *out, const char *s, size_t n, size_t rest)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    out->label = giji_strndup(s + b, e - b);
    if (!out->label)
        return GIJI_ENOMEM;
    out->found = 1;
    out->rest = rest;
    return GIJI_OK;
}

/* Is s[0..n) (as written) a phrase of this kind, the whole of it
 * (`whole`) or containing one? */
static int written_phrase(const giji_rules *r, int kind, const char *s, size_t n, int whole)
{
    char *raw = giji_strndup(s, n), *key = raw ? giji_match_key(raw) : NULL;
    int yes = key && (whole ? giji_rules_phrase_is(r, kind, key) : giji_rules_phrase_in(r, kind, key) != NULL);
    free(raw);
    free(key);
    return yes;
}

/* Is s[0..n) (as written) exactly a `group` phrase (事務局, 陪席)? */
static int group_word(const giji_rules *r, const char *s, size_t n)
{
    return written_phrase(r, GIJI_PH_GROUP, s, n, 1);
}

/* "○国土交通省住宅局　資料1に基づき説明する。": an office speaking (its name
 * ends in 省, 庁 or 局). The one attendee whose role holds it speaks for it;
 * with none or several, the label stands and the speaker is unknown. */
static int resolve_office(const giji_meeting *m, const char *key, resolution *res)
{
    size_t kn = strlen(key);
    if (giji_utf8_count(key, kn) < 3 ||
        !(giji_str_ends(key, "省") || giji_str_ends(key, "庁") || giji_str_ends(key, "局")))
        return GIJI_OK;
    int found = -1, count = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        const char *role = memo_key_of(m->attendees[i].role);
        if (!role)
            return GIJI_ENOMEM;
        if (strstr(role, key) && count++ == 0)
            found = (int)i;
    }
    memset(res, 0, sizeof *res);
    res->speaker = count == 1 ? found : -1;
    res->how = GIJI_ATTR_EXPLICIT;
    res->plausible = 1;
    res->best_fit = 1;
    res->ncand = count > 1 ? count : 0;
    res->rest = "";
    return GIJI_OK;
}

/* "【一般社団法人日本経済団体連合会　山田常務理事】", "【浜松市　北村副市長】":
 * the body a speaker came for, a space, then the speaker. When the label as
 * a whole fits no one, its last word is resolved alone and kept if it names
 * an attendee whose role holds the words before it. *key (caller frees)
 * gets the last word's key, on which res points; NULL when this is no such
 * label. */
static int resolve_after_body(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s,
                              size_t n, char **key, resolution *res)
{
    *key = NULL;
    size_t cut = n, after = n;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ') {
            cut = i;
            after = i + 1;
        } else if (i + 3 <= n && !strncmp(s + i, "\xe3\x80\x80", 3)) {
            cut = i;
            after = i + 3;
        }
    }
    if (cut == n || cut == 0 || after == n)
        return GIJI_OK;
    char *last = giji_strndup(s + after, n - after), *lk = last ? giji_match_key(last) : NULL;
    char *body = giji_strndup(s, cut), *bk = body ? giji_match_key(body) : NULL;
    free(last);
    free(body);
    int rc = lk && bk ? resolve(r, body_key, m, lk, res) : GIJI_ENOMEM;
    if (rc == GIJI_OK && res->plausible && res->speaker >= 0 && bk[0]) {
        const char *role = memo_key_of(m->attendees[res->speaker].role);
        if (!role)
            rc = GIJI_ENOMEM;
        else if (strstr(role, bk)) {
            *key = lk;
            lk = NULL;
        }
    }
    free(lk);
    free(bk);
    if (rc == GIJI_OK && !*key)
        memset(res, 0, sizeof *res), res->speaker = -1;
    return rc;
}

/* Is every code point of `short_key` in `key`, in order ("経団連" in
 * 日本経済団体連合会, "かけはしネット" in かけはし多文化サポートネット)? */
static int is_subsequence(const char *short_key, const char *key)
{
    size_t sn = strlen(short_key), kn = strlen(key), i = 0, j = 0;
    while (i < sn) {
        uint32_t a, b;
        size_t ka = giji_utf8_decode(short_key + i, sn - i, &a), kb;
        if (!ka)
            return 0;
        for (;; j += kb) {
            if (j >= kn || !(kb = giji_utf8_decode(key + j, kn - j, &b)))
                return 0;
            if (a == b) {
                j += kb;
                break;
            }
        }
        i += ka;
    }
    return 1;
}

/* "（答）経団連：…": a body's short name, as Japanese shortens names, by
 * keeping some of their characters in order. When exactly one attendee's
 * role (the body they came for, and their post) holds the label's
 * characters so, that attendee spoke for it; two or more leave it unknown
 * ("連合" is in 日本経済団体連合会 and in 日本労働組合総連合会 alike). Only
 * for a label already found (a shape made it one, not this match) that
 * names no one otherwise, of 2 to 12 characters. */
static int resolve_short_name(const giji_meeting *m, const char *key, resolution *res)
{
    size_t cps = giji_utf8_count(key, strlen(key));
    if (cps < 2 || cps > 12 || strstr(key, "の"))
        return GIJI_OK;   /* "陪席の有識者": a description, not a name */
    int found = -1, count = 0;
    for (size_t i = 0; i < m->nattendees; i++) {
        const char *role = memo_key_of(m->attendees[i].role);
        if (!role)
            return GIJI_ENOMEM;
        if (role[0] && is_subsequence(key, role) && count++ == 0)
            found = (int)i;
    }
    if (count == 1) {
        memset(res, 0, sizeof *res);
        res->speaker = found;
        res->how = GIJI_ATTR_EXPLICIT;
        res->plausible = 1;
        res->best_fit = 1;
        res->ncand = 1;
        res->rest = "";
        res->short_name = 1;
    }
    return GIJI_OK;
}

/* Resolve the label candidate s[0..n) (as written) without side effects. */
static int label_fit(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s, size_t n,
                     resolution *res)
{
    char *raw = giji_strndup(s, n), *key = raw ? giji_match_key(raw) : NULL;
    free(raw);
    if (!key)
        return GIJI_ENOMEM;
    int rc = resolve(r, body_key, m, key, res);
    free(key);
    if (rc == GIJI_OK && res->speaker < 0) {
        resolution alt;
        char *lk;
        rc = resolve_after_body(r, body_key, m, s, n, &lk, &alt);
        if (rc == GIJI_OK && lk) {
            alt.rest = "";   /* it pointed into lk */
            *res = alt;
        }
        free(lk);
    }
    if (rc == GIJI_OK && !res->plausible) {
        char *raw2 = giji_strndup(s, n), *key2 = raw2 ? giji_match_key(raw2) : NULL;
        rc = key2 ? resolve_office(m, key2, res) : GIJI_ENOMEM;
        free(raw2);
        free(key2);
    }
    return rc;
}

/* Is `text` (a label candidate as written) plausible as a speaker label? */
static int plausible(const giji_rules *r, const char *body_key, const giji_meeting *m,
                     const char *s, size_t n, int *yes)
{
    resolution res;
    int rc = label_fit(r, body_key, m, s, n, &res);
    *yes = !rc && res.plausible;
    return rc;
}

/* Does the text s[0..n) (as written) name an attendee, as a plausible
 * label that resolves to one? The label shapes without a mark or bracket
 * need that much ("山田委員長　…", "鈴木委員から、…"). */
static int names_attendee(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s,
                          size_t n, int *yes)
{
    resolution res;
    int rc = label_fit(r, body_key, m, s, n, &res);
    *yes = !rc && res.speaker >= 0 && res.plausible;
    return rc;
}

int giji_label_names(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s, size_t n,
                     int *speaker)
{
    resolution res;
    int rc = label_fit(r, body_key, m, s, n, &res);
    *speaker = !rc && res.plausible ? res.speaker : -1;
    return rc;
}

const char *giji_skip_colon(const char *s)
{
    if (*s == ':')
        return s + 1;
    if (!strncmp(s, "\xEF\xBC\x9A", 3)) /* ： */
        return s + 3;
    return s;
}

/* Is s kana and kanji words separated by white space, nothing else? */
static int all_words(const char *s)
{
    size_t n = strlen(s), i = 0, words = 0;
    int in = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        if (giji_cp_is_space(cp))
            in = 0;
        else if (giji_cp_is_kana_or_han(cp))
            words += !in, in = 1;
        else
            return 0;
        i += k;
    }
    return words >= 2 && words <= 4;
}

/* Bytes of a bracketed number of up to three digits at the start of
 * t[0..n) ("（２）", "(12)"), or 0. */
size_t giji_enumerator_len(const char *t, size_t n)
{
    uint32_t cp;
    size_t k = giji_utf8_decode(t, n, &cp), i, digits = 0;
    if (!k || (cp != '(' && cp != 0xFF08))
        return 0;
    for (i = k; i < n && (k = giji_utf8_decode(t + i, n - i, &cp)) &&
                ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19));
         i += k)
        digits++;
    if (!digits || digits > 3 || i >= n || !(k = giji_utf8_decode(t + i, n - i, &cp)) || (cp != ')' && cp != 0xFF09))
        return 0;
    return i + k;
}

/* Where the name starts in t[0..n) before "より、"/"から、": the first
 * place after the last 、 from which the words name an attendee ("続いて、
 * 鈴木農林水産大臣", "有識者の山本委員", "環境大臣の代理として出席した高橋環境
 * 副大臣"); n when none does. */
static int reported_name_start(const giji_rules *r, const char *body_key, const giji_meeting *m,
                               const char *t, size_t n, size_t *from)
{
    size_t start = 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (!strncmp(t + i, "、", 3))
            start = i + 3;
    *from = n;
    for (size_t i = start; i < n; i++) {
        if (((unsigned char)t[i] & 0xC0) == 0x80)
            continue;
        int yes = 0, rc = names_attendee(r, body_key, m, t + i, n - i, &yes);
        if (rc)
            return rc;
        if (yes) {
            *from = i;
            break;
        }
    }
    return GIJI_OK;
}

/* Where a group word starts t[0..n) after its last 、, perhaps with a
 * bracket after it ("事務局（内閣官房国際博覧会推進本部事務局）"), when the
 * rest is just that; n when not. */
static size_t reported_group_start(const giji_rules *r, const char *t, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i + 3 <= n; i++)
        if (!strncmp(t + i, "、", 3))
            start = i + 3;
    size_t end = n;
    if (end > start && (t[end - 1] == ')' || (end - start >= 3 && !strncmp(t + end - 3, "）", 3)))) {
        for (size_t i = start; i < end; i++)
            if ((t[i] == '(' || !strncmp(t + i, "（", 3)) && i + giji_match_paren(t + i) == end) {
                end = i;
                break;
            }
    }
    if (end <= start)
        return n;
    /* a group ("事務局"), or an office speaking as one ("外務省", "資源エネルギー庁") */
    int office = end - start >= 6 && giji_utf8_count(t + start, end - start) <= 16 &&
                 (!strncmp(t + end - 3, "省", 3) || !strncmp(t + end - 3, "庁", 3));
    return group_word(r, t + start, end - start) || office ? start : n;
}

/* "問：…" (a question: label 問, no speaker to look for), "答（事務局）：…"
 * (an answer: the bracket is the label), "Q: …": a `qa` word, perhaps a
 * bracket after it, then a colon. */
static int qa_label(const giji_rules *r, const char *t, size_t tn, giji_label *out)
{
    const char *c = strstr(t, "：");
    size_t cn = 3;
    const char *a = memchr(t, ':', tn);
    if (a && (!c || a < c)) {
        c = a;
        cn = 1;
    }
    if (!c || c == t || c - t > 48)
        return GIJI_OK;
    char *word = giji_strndup(t, (size_t)(c - t)), *key = word ? giji_match_key(word) : NULL;
    if (!key) {
        free(word);
        return GIJI_NOMEM();
    }
    const char *open = strchr(key, '(');
    size_t wn = open ? (size_t)(open - key) : strlen(key);
    char w[64];
    int rc = GIJI_OK;
    if (wn < sizeof w) {
        memcpy(w, key, wn);
        w[wn] = '\0';
        if (giji_rules_phrase_is(r, GIJI_PH_QA, w) && (!open || giji_match_paren(open) == strlen(open))) {
            size_t rest = (size_t)(c - t) + cn;
            if (open && strlen(open) > 2) {
                /* the bracket as written: after the word's bytes in the text */
                const char *ob = strstr(word, "（");
                const char *ob2 = strchr(word, '(');
                if (!ob || (ob2 && ob2 < ob))
                    ob = ob2;
                size_t obl = ob && *ob == '(' ? 1 : 3;
                size_t inner = ob ? strlen(ob) - obl - (word[strlen(word) - 1] == ')' ? 1 : 3) : 0;
                rc = ob ? set_label(out, ob + obl, inner, rest) : GIJI_OK;
                /* set_label copied from `word`; its offsets are the text's */
            } else {
                rc = set_label(out, w, strlen(w), rest);
                out->question = 1;
            }
        }
    }
    free(word);
    free(key);
    return rc;
}

/* Does the match key end in a title: a role ending or a title of
 * data/titles.tsv? */
static int ends_in_title(const giji_rules *r, const char *body_key, const char *key)
{
    return key[0] && (giji_rules_phrase_suffix(r, GIJI_PH_ROLESUFFIX, key) || giji_rules_title_suffix(r, body_key, key));
}

/* Is s (white space, then the rest of a line) one word that is a title: a
 * role ending or a title of data/titles.tsv, perhaps with a bracket after
 * it ("環境大臣兼内閣府特命担当大臣（原子力防災）")? Not speech: "議長　ただいま
 * から…の第９回会合" goes on with the speech after the space. */
static int title_after_space(const giji_rules *r, const char *body_key, const char *s)
{
    char *key = giji_match_key(s);
    if (!key)
        return 0;
    char *paren = strchr(key, '(');
    if (paren && paren != key && giji_match_paren(paren) == strlen(paren))
        *paren = '\0';
    int yes = ends_in_title(r, body_key, key);
    /* one word: no white space after the leading one */
    while (*s == ' ' || *s == '\t' || !strncmp(s, "\xe3\x80\x80", 3))
        s += *s == '\xe3' ? 3 : 1;
    if (yes && (strchr(s, ' ') || strchr(s, '\t') || strstr(s, "\xe3\x80\x80")))
        yes = 0;
    free(key);
    return yes;
}

/* "（14:02）", "(9:30)", "（14時02分）": a bracket holding a time of day and
 * nothing else. Its bytes with the brackets, or 0. */
static size_t time_bracket(const char *s, size_t n)
{
    size_t close = giji_match_paren(s);
    if (!close || close > n)
        return 0;
    size_t open = s[0] == '(' ? 1 : 3, cl = s[close - 1] == ')' ? 1 : 3;
    char *in = giji_strndup(s + open, close - open - cl), *norm = in ? giji_nfkc(in, strlen(in)) : NULL;
    int yes = 0;
    if (norm) {
        const char *p = norm;
        int d1 = 0, d2 = 0;
        while (*p >= '0' && *p <= '9' && d1 < 3)
            p++, d1++;
        if (d1 && (*p == ':' || !strncmp(p, "時", 3))) {
            p += *p == ':' ? 1 : 3;
            while (*p >= '0' && *p <= '9' && d2 < 3)
                p++, d2++;
            if (d2 && !strncmp(p, "分", 3))
                p += 3;
            yes = d2 && !*p;
        }
    }
    free(in);
    free(norm);
    return yes ? close : 0;
}

/* Is s[0..n) kanji and katakana only (a name and a title, no sentence)? */
static int kanji_word(const char *s, size_t n)
{
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k) {
        if (!(k = giji_utf8_decode(s + i, n - i, &cp)) || !(giji_cp_is_kana_or_han(cp) && !giji_cp_is_hiragana(cp)))
            return 0;
    }
    return 1;
}

/* Does s[0..n) end in a title: a role ending or a title of data/titles.tsv? */
static int titled_word(const giji_rules *r, const char *body_key, const char *s, size_t n)
{
    char *raw = giji_strndup(s, n), *key = raw ? giji_match_key(raw) : NULL;
    int yes = key && ends_in_title(r, body_key, key);
    free(raw);
    free(key);
    return yes;
}

/* Does s[0..n) (a bracket's inside, as written) hold a `stage` phrase? */
static int stage_inside(const giji_rules *r, const char *s, size_t n)
{
    return written_phrase(r, GIJI_PH_STAGE, s, n, 0);
}

/* Is s[0..n) (a bracket's inside, as written) a `qa` word: 問, 答, Q, …? */
static int qa_bracket(const giji_rules *r, const char *s, size_t n)
{
    return n > 0 && n <= 16 && written_phrase(r, GIJI_PH_QA, s, n, 1);
}

static int label_find(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *name,
                      const giji_line *line, giji_label *out);

/* "Q1. 佐藤 恵子（委員）：…", "Ｑ２　…": a question's number before the label.
 * Its bytes with the space after it, or 0. */
static size_t question_number(const char *t)
{
    size_t n = strlen(t), i = 0, k, d = 0;
    uint32_t cp;
    if (!(k = giji_utf8_decode(t, n, &cp)) || (cp != 'Q' && cp != 0xFF31))
        return 0;
    i += k;
    while ((k = giji_utf8_decode(t + i, n - i, &cp)) && ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)))
        i += k, d++;
    if (!d)
        return 0;
    size_t mark = 0;
    if (k && (cp == '.' || cp == 0xFF0E || cp == ':' || cp == 0xFF1A || cp == ')' || cp == 0xFF09))
        i += k, mark = 1;
    size_t sp = i;
    while ((k = giji_utf8_decode(t + i, n - i, &cp)) && giji_cp_is_space(cp))
        i += k;
    /* the repair of PDF spaces may have joined "Q1." and the name */
    return (i > sp || mark) && k && giji_cp_is_kana_or_han(cp) ? i : 0;
}

/* 【…】, and the brackets some records use alike: ＜…＞, 〈…〉, 《…》, 〔…〕, ［…］, [...] */
const char *giji_label_closer(uint32_t cp)
{
    return cp == 0x3010   ? "】"
           : cp == 0xFF3B ? "］"
           : cp == '['    ? "]"
           : cp == 0xFF1C ? "＞"
           : cp == 0x3008 ? "〉"
           : cp == 0x300A ? "》"
           : cp == 0x3014 ? "〕"
                          : NULL;
}

int giji_label_find(const giji_rules *r, const char *body_key, const giji_meeting *m,
                    const char *name, const giji_line *line, giji_label *out)
{
    size_t q = question_number(line->text);
    if (!q)
        return label_find(r, body_key, m, name, line, out);
    giji_line rest;
    char *text = giji_strdup(line->text + q);
    if (!text || giji_line_made(line, text, &rest))
        return GIJI_NOMEM();
    int rc = label_find(r, body_key, m, name, &rest, out);
    if (out->found)
        out->rest += q;
    giji_line_release(&rest);
    return rc;
}

static int label_find(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *name,
                      const giji_line *line, giji_label *out)
{
    memset(out, 0, sizeof *out);
    const char *t = line->text;
    size_t tn = strlen(t);
    uint32_t cp = 0;
    size_t k = giji_utf8_decode(t, tn, &cp);
    if (!k)
        return GIJI_OK;
    int yes = 0, rc;
    if (cp == '(' || cp == 0xFF08) {
        size_t close = giji_match_paren(t);
        if (!close) {
            /* Only a bracket that opens what looks like a label is an error:
             * "（中谷本部員 4点申し上げます。" */
            size_t probe = tn < 48 ? tn : 48;
            while (probe > k && (((unsigned char)t[probe] & 0xC0) == 0x80))
                probe--;
            for (size_t cut = probe; cut > k; cut--) {
                if (((unsigned char)t[cut] & 0xC0) == 0x80)
                    continue;
                if ((rc = plausible(r, body_key, m, t + k, cut - k, &yes)) != GIJI_OK)
                    return rc;
                if (yes)
                    return giji_error_set(GIJI_EPARSE,
                        "%s:%u: speaker label '%.*s…' opens a bracket that is never closed",
                        name, line->lineno, (int)(probe), t);
            }
            return GIJI_OK;
        }
        size_t inner_end = close - (t[close - 1] == ')' ? 1 : 3);
        /* "（伊藤構成員入室）" alone on its line: a stage direction that names
         * someone, no label */
        if (close == tn && stage_inside(r, t + k, inner_end - k))
            return GIJI_OK;
        if ((rc = plausible(r, body_key, m, t + k, inner_end - k, &yes)) != GIJI_OK)
            return rc;
        /* "（事務局）御指摘を踏まえ…": a group of attendees answering as one
         * (data/phrases.tsv `group`) is a speaker too, if no one person */
        if (!yes && close < tn && group_word(r, t + k, inner_end - k))
            yes = 1;
        /* "（日本経済団体連合会）経団連としても…": a body speaking as one, its
         * representative unnamed (data/phrases.tsv `bodyname`) */
        if (!yes && close < tn && inner_end - k < 128) {
            char body[128];
            memcpy(body, t + k, inner_end - k);
            body[inner_end - k] = '\0';
            yes = giji_body_named(r, body);
        }
        /* "（オブザーバー：厚生労働省）…": such a group and the body it speaks for */
        const char *colon = !yes && close < tn ? strstr(t + k, "：") : NULL;
        if (colon && colon < t + inner_end && group_word(r, t + k, (size_t)(colon - (t + k))))
            yes = 1;
        if (yes)
            return set_label(out, t + k, inner_end - k, close);
        /* "（問）石田副大臣：…", "（答）経団連：…": a question or an answer
         * (a `qa` word in the bracket), then who asks or answers, up to a
         * colon; the name need not resolve (a body's short name) */
        if (qa_bracket(r, t + k, inner_end - k)) {
            const char *c = strstr(t + close, "："), *a = strchr(t + close, ':');
            size_t cn = 3;
            if (a && (!c || a < c)) {
                c = a;
                cn = 1;
            }
            const char *stop = strstr(t + close, "。");
            if (c && c > t + close && giji_utf8_count(t + close, (size_t)(c - (t + close))) <= 40 &&
                (!stop || stop > c))
            {
                int rc2 = set_label(out, t + close, (size_t)(c - (t + close)), (size_t)(c - t) + cn);
                out->answer = 1;
                return rc2;
            }
        }
        /* "（２）佐藤委員から、…": a number, then a report (below) */
        if (!giji_enumerator_len(t, tn))
            return GIJI_OK;
    }
    const char *closer = giji_label_closer(cp);
    if (closer) {
        const char *close = strstr(t, closer);
        /* a line wholly in 〔…〕 is the Diet's stage direction ("〔森山里美君
         * 登壇〕"), though it names an attendee */
        if (!close || (cp == 0x3014 && close + 3 == t + tn))
            return GIJI_OK;
        size_t inner_end = (size_t)(close - t), cl = strlen(closer);
        if ((rc = plausible(r, body_key, m, t + k, inner_end - k, &yes)) != GIJI_OK)
            return rc;
        /* "［事務局］資料1に基づき…": a group answering as one, as in round brackets */
        if (!yes && inner_end + cl < tn && group_word(r, t + k, inner_end - k))
            yes = 1;
        return yes ? set_label(out, t + k, inner_end - k, inner_end + cl) : GIJI_OK;
    }
    /* Diet style: ○山田委員長　本日は… (also after ◎, ◆, ■: ◆山田委員長 alone on its line) */
    if (line->marks & (GIJI_MARK_CIRCLE | GIJI_MARK_BLACK)) {
        size_t i = 0, time_end = 0;
        while (i < tn) {
            size_t kk = giji_utf8_decode(t + i, tn - i, &cp);
            if (!kk || giji_cp_is_space(cp) || cp == ':' || cp == 0xFF1A)
                break;
            /* "○石田座長（14:02）　…": the time the turn began, no part of
             * the label; the speech starts after it */
            if ((cp == '(' || cp == 0xFF08) && i > 0 && (time_end = time_bracket(t + i, tn - i)) > 0)
                break;
            i += kk;
        }
        if (time_end) {
            size_t rest_at = i + time_end;
            while (rest_at < tn && giji_utf8_decode(t + rest_at, tn - rest_at, &cp) && giji_cp_is_space(cp))
                rest_at += giji_utf8_decode(t + rest_at, tn - rest_at, &cp);
            if ((rc = plausible(r, body_key, m, t, i, &yes)) != GIJI_OK)
                return rc;
            if (!yes && giji_utf8_count(t, i) <= 24 && kanji_word(t, i))
                yes = titled_word(r, body_key, t, i);
            return yes ? set_label(out, t, i, rest_at) : GIJI_OK;
        }
        /* "○佐伯委員（欠席）から提出された意見" alone on its line: a member's
         * written opinion, the points below; the name ends before the note */
        size_t rest = (size_t)(giji_skip_colon(t + i) - t);
        const char *from = i == tn ? strstr(t, "から提出") : NULL;
        if (!from && i == tn)
            from = strstr(t, "より提出");
        if (from && from > t) {
            i = (size_t)(from - t);
            if (i >= 3 && !strncmp(t + i - 3, "）", 3)) {   /* "（欠席）" */
                const char *open = strstr(t, "（");
                if (open && open > t && open < t + i)
                    i = (size_t)(open - t);
            }
            rest = tn;
        }
        /* "○青木 副議長", "○松井　環境大臣兼…大臣（原子力防災）" alone on the
         * line, the speech below: a surname and its title with a space
         * between, the whole line the label (the space is no end of it) */
        if (i < tn && !from && giji_utf8_count(t, tn) <= 40 && !strstr(t, "。") && !strstr(t, "、") &&
            title_after_space(r, body_key, t + i)) {
            if ((rc = plausible(r, body_key, m, t, tn, &yes)) != GIJI_OK)
                return rc;
            if (yes)
                return set_label(out, t, tn, tn);
        }
        /* up to 32 characters: "内閣官房情報セキュリティセンター副センター長";
         * and no sentence: "○…が必要である。（佐藤構成員）" is an opinion
         * signed at its end */
        if (giji_utf8_count(t, i) > 32)
            return GIJI_OK;
        for (size_t q = 0; q + 3 <= i; q++)
            if (!strncmp(t + q, "。", 3))
                return GIJI_OK;
        if ((rc = plausible(r, body_key, m, t, i, &yes)) != GIJI_OK)
            return rc;
        /* "○会場参加者　…": a group speaking, as in brackets */
        if (!yes && rest < tn && group_word(r, t, i))
            yes = 1;
        /* "○佐々木上下水道企画課長　資料１の…": a name and a title (a role
         * ending or a title of data/titles.tsv) before the speech, also when
         * the attendee list names the office but not its holder: a turn
         * whose speaker is unknown (said in a warning), not text in none */
        if (!yes && rest < tn && i > 0 && giji_utf8_count(t, i) <= 24 && kanji_word(t, i))
            yes = titled_word(r, body_key, t, i);
        return yes ? set_label(out, t, i, rest) : GIJI_OK;
    }
    /* "山田委員長より、…", "鈴木委員から、…": a 議事要旨 reporting who said
     * what. Only a name that resolves to an attendee: "事務局より、資料につ
     * いて説明が行われた。" names none. A minister's "…について説明があった"
     * is a remark like any other (the paragraph goes on with its content). */
    if (!line->wrapped) { /* a paragraph's start, not a line its wrap made */
        /* "（２）佐藤委員から、…": reports numbered one by one */
        size_t i = giji_enumerator_len(t, tn), after = 0, base = i;
        for (int n = 0; i < tn && n < 32 && !after; n++) {
            size_t kk = giji_utf8_decode(t + i, tn - i, &cp);
            /* "議長（内閣官房長官）からは、", "事務局（内閣官房国際博覧会推進本部事務
             * 局）から、": a short bracket after the name
             * is part of it */
            size_t close = i > base && (cp == '(' || cp == 0xFF08) ? giji_match_paren(t + i) : 0;
            if (close && giji_utf8_count(t + i, close) <= 24) {
                i += close;
                continue;
            }
            if (!kk || cp == 0x3002 || cp == 0x300C || cp == '(' || cp == 0xFF08 || cp == ':' || cp == 0xFF1A)
                break;
            /* よ and か both start with E3: a test of one byte before the
             * strncmp calls, per character of every paragraph's start */
            if (i > base && t[i] == '\xE3' && (!strncmp(t + i, "より、", 9) || !strncmp(t + i, "から、", 9)))
                after = i + 9;
            else if (i > base && t[i] == '\xE3' && (!strncmp(t + i, "からは、", 12) || !strncmp(t + i, "よりは、", 12)))
                after = i + 12;   /* "総務大臣からは、…との発言があった" */
            else
                i += kk;
        }
        if (after) {
            /* "続いて、鈴木農林水産大臣より、", "これに対し、有識者の山本委員
             * から、": a paragraph of reported speech may open with a
             * connective and the speaker's group; the name follows them */
            size_t from;
            if ((rc = reported_name_start(r, body_key, m, t + base, i - base, &from)) != GIJI_OK)
                return rc;
            from += base;
            /* a group's word ("事務局") and the rest of the line the one
             * procedural sentence ("事務局より、資料1について説明が行われた。",
             * "事務局から、新たに就任した森委員の紹介があった。"): a stage line,
             * no remark, also where an attendee holds the group's role (a
             * minister's "説明があった" reports his speech) */
            size_t g = reported_group_start(r, t + base, i - base);
            char *rest_key = g < i - base ? giji_match_key(t + after) : NULL;
            int procedural = rest_key && giji_rules_phrase_in(r, GIJI_PH_PROCEDURAL, rest_key);
            free(rest_key);
            if (from < i && !procedural) {
                out->reported = 1;
                return set_label(out, t + from, i - from, after);
            }
            /* "事務局（内閣官房…事務局）から、資料1に基づき、…": a group
             * reporting as one */
            if (g < i - base && !procedural) {
                out->reported = 1;
                return set_label(out, t + base + g, i - base - g, after);
            }
        }
    }
    /* "石田議長「本日は…」", "経済産業省（商務情報政策局長）「…」": a summary
     * quoting each speaker, newspaper style, at a paragraph's start; the
     * quotation (and what follows it: "と述べた上で、「…」と続けた。") is
     * the remark. The words before 「 must name an attendee, or an office
     * or a group that speaks, as a bracket's label would (plausible). */
    if (!line->wrapped) {
        const char *q = strstr(t, "「");
        size_t qi = q ? (size_t)(q - t) : tn;
        int words = q && qi > 0 && giji_utf8_count(t, qi) <= 32;
        size_t kk = 0;
        for (size_t b = 0; words && b < qi; b += kk) {   /* no sentence, space, colon or hiragana */
            kk = giji_utf8_decode(t + b, qi - b, &cp);
            words = kk && cp != 0x3002 && cp != 0x3001 && cp != ':' && cp != 0xFF1A && !giji_cp_is_space(cp) &&
                    !giji_cp_is_hiragana(cp);   /* a name and title: no kana of a sentence */
        }
        if (words) {
            if ((rc = plausible(r, body_key, m, t, qi, &yes)) != GIJI_OK)
                return rc;
            if (yes) {
                out->quoted = 1;
                return set_label(out, t, qi, qi);
            }
        }
    }
    /* "青木　俊介　副本部長" alone on its line, the speech below: a full
     * name written with spaces and the title (kana and kanji words only) */
    if (tn <= 24 * 3 && strchr(line->norm, ' ') && all_words(t)) {
        if ((rc = names_attendee(r, body_key, m, t, tn, &yes)) != GIJI_OK)
            return rc;
        if (yes)
            return set_label(out, t, tn, tn);
    }
    /* "山田委員長　ただいまから…", or "山田委員長" alone with the speech below:
     * a name and title that resolve to an attendee, then white space or the
     * line's end, with no mark before them */
    {
        size_t i = 0;
        int n = 0;
        while (i < tn && n < 24) {
            size_t kk = giji_utf8_decode(t + i, tn - i, &cp);
            if (!kk || giji_cp_is_space(cp))
                break;
            if (!giji_cp_is_kana_or_han(cp) && cp != 0xFF08 && cp != 0xFF09 && cp != '(' && cp != ')')
                break;
            i += kk;
            n++;
        }
        int ends = i == tn || (i < tn && giji_cp_is_space(cp));
        if (ends && n >= 3 && n < 24) {
            if ((rc = names_attendee(r, body_key, m, t, i, &yes)) != GIJI_OK)
                return rc;
            if (yes)
                return set_label(out, t, i, i);
        }
    }
    /* "発言者：山田委員長" on a line of its own, the speech below (records
     * exported from a database of speeches) */
    if (giji_str_starts(line->key, "発言者:") || giji_str_starts(line->key, "話者:")) {
        const char *c = strstr(t, "：");
        const char *v = c ? c + 3 : strchr(t, ':') ? strchr(t, ':') + 1 : NULL;
        if (v && *v) {
            if ((rc = plausible(r, body_key, m, v, strlen(v), &yes)) != GIJI_OK)
                return rc;
            if (yes)
                return set_label(out, v, strlen(v), tn);
        }
    }
    /* "**山田委員長**：…": a label in markdown bold, as converters of PDF write it */
    if (tn > 4 && !strncmp(t, "**", 2)) {
        const char *close = strstr(t + 2, "**");
        if (close && close > t + 2 && close - t < 80) {
            if ((rc = plausible(r, body_key, m, t + 2, (size_t)(close - t - 2), &yes)) != GIJI_OK)
                return rc;
            if (yes)
                return set_label(out, t + 2, (size_t)(close - t - 2), (size_t)(giji_skip_colon(close + 2) - t));
        }
    }
    /* "問：…", "答（事務局）：…": a question-and-answer part */
    int qrc = qa_label(r, t, tn, out);
    if (qrc != GIJI_OK || out->found)
        return qrc;
    /* "山田委員：…", "大橋議長: …": a label ended by a colon */
    size_t i = 0;
    int n = 0;
    while (i < tn && n < 24) {
        size_t kk = giji_utf8_decode(t + i, tn - i, &cp);
        /* "石田（議長）：…", "高橋裕（委員）：…": a short bracket after the
         * name, then the colon */
        size_t close = i > 0 && (cp == '(' || cp == 0xFF08) ? giji_match_paren(t + i) : 0;
        if (close && giji_utf8_count(t + i, close) <= 12 && i + close < tn &&
            (t[i + close] == ':' || !strncmp(t + i + close, "：", 3))) {
            i += close;
            break;
        }
        if (!kk || cp == 0x3002 || cp == 0x3001 || cp == '(' || cp == 0xFF08 || cp == 0x300C)
            return GIJI_OK; /* 。、（「 before any colon: prose */
        if (cp == ':' || cp == 0xFF1A)
            break;
        i += kk;
        n++;
    }
    if (i == 0 || i >= tn || n >= 24)
        return GIJI_OK;
    if ((rc = plausible(r, body_key, m, t, i, &yes)) != GIJI_OK)
        return rc;
    return yes ? set_label(out, t, i, (size_t)(giji_skip_colon(t + i) - t)) : GIJI_OK;
}
