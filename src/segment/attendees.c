/*
 * segment/attendees.c — the attendee list: "菅 義偉<TAB>内閣官房長官",
 * proxies ("(※岡本 芳郎 総務大臣政務官代理出席)" under the member they stand in
 * for), absences, further groups ("(上記のほか以下が出席)") and columns that PDF
 * extraction ran into one line ("菅 義偉 内閣官房長官 丸川 珠代 …担当大臣").
 * Not responsible for matching speakers to attendees (label.c).
 */
#include "segment/internal.h"
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 256

typedef struct token { const char *s; size_t n; } token;

/* Split on white space (ASCII, tab, U+3000). */
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
    for (size_t i = 0; i < r->nphrases; i++)
        if (r->phrases[i].kind == GIJI_PH_ROLESUFFIX && giji_str_ends(key, r->phrases[i].phrase))
            return 1;
    return 0;
}

/* A token that can be part of a personal name: 1-5 kana/kanji, not a role. */
static int name_like(const giji_rules *r, token t)
{
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
    int role = key && ends_with_rolesuffix(r, key);
    free(key);
    return !role;
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
    a->surname = giji_strndup(a->display, (size_t)(sp - a->display));
    if (!a->name || !a->surname) {
        free(a->display); free(a->role); free(a->name); free(a->surname);
        return GIJI_NOMEM();
    }
    a->group = group;
    a->present = 1;
    a->proxy_for = -1;
    a->line = line;
    *index = (int)m->nattendees++;
    return GIJI_OK;
}

/* Parse "NAME ROLE [NAME ROLE ...]" from tokens; returns attendees added. */
static int parse_entries(const giji_rules *r, giji_meeting *m, const token *t, size_t n,
                         int group, unsigned line, int *last)
{
    size_t i = 0;
    while (i < n) {
        /* the name: two name-like tokens (surname, given name), else one */
        size_t name_end = i + 1;
        if (i + 1 < n && name_like(r, t[i]) && name_like(r, t[i + 1]))
            name_end = i + 2;
        /* the role: tokens up to the next name-like pair */
        size_t role_end = name_end;
        while (role_end < n) {
            if (role_end > name_end && role_end + 1 < n && name_like(r, t[role_end]) &&
                name_like(r, t[role_end + 1]))
                break;
            role_end++;
        }
        const char *ds = t[i].s, *de = t[name_end - 1].s + t[name_end - 1].n;
        const char *rs = "", *re = rs;
        if (role_end > name_end) {
            rs = t[name_end].s;
            re = t[role_end - 1].s + t[role_end - 1].n;
        }
        int rc = add_attendee(m, ds, (size_t)(de - ds), rs, (size_t)(re - rs), group, line, last);
        if (rc)
            return rc;
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

static int parse_proxy(const giji_rules *r, giji_meeting *m, const char *text, const phrase_row *ph,
                       int group, unsigned line, int *last)
{
    const char *s = text;
    size_t n = strlen(text);
    unwrap(&s, &n);
    char *body = giji_strndup(s, n);
    if (!body)
        return GIJI_ENOMEM;
    /* The proxy phrase is matched on the NFKC key; in the display text it is
     * the same characters, so cut at its first occurrence. */
    char *cut = strstr(body, ph->phrase);
    if (cut)
        *cut = '\0';
    token t[MAX_TOKENS];
    size_t nt = tokenize(body, t, MAX_TOKENS);
    int absent = *last;
    int rc = GIJI_OK;
    if (nt > 0)
        rc = parse_entries(r, m, t, nt, group, line, last);
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

int giji_attendees_parse(const giji_rules *r, const char *name, const giji_doc *doc,
                         size_t from, size_t to, giji_meeting *m)
{
    int group = 0, last = -1;
    for (size_t i = from; i < to; i++) {
        const giji_line *l = &doc->lines[i];
        char *key = giji_match_key(l->text);
        if (!key)
            return GIJI_ENOMEM;
        const phrase_row *ph;
        int rc = GIJI_OK;
        if (giji_rules_phrase_in(r, GIJI_PH_GROUP, key)) {
            group++;
            last = -1;
        } else if ((ph = giji_rules_phrase_in(r, GIJI_PH_PROXY, key)) != NULL) {
            rc = parse_proxy(r, m, l->text, ph, group, l->lineno, &last);
        } else if (giji_rules_phrase_in(r, GIJI_PH_ABSENT, key) &&
                   (key[0] == '(' || giji_str_starts(key, "※"))) {
            if (last >= 0)
                m->attendees[last].present = 0;
        } else if (key[0] == '(' || key[0] == '[') {
            /* a note such as "(敬称略)" or "(五十音順)" */
        } else {
            token t[MAX_TOKENS];
            char *tmp = giji_strdup(l->text);
            if (!tmp) {
                free(key);
                return GIJI_ENOMEM;
            }
            size_t nt = tokenize(tmp, t, MAX_TOKENS);
            int before = (int)m->nattendees;
            rc = parse_entries(r, m, t, nt, group, l->lineno, &last);
            /* only a single entry on the line can be followed by its proxy */
            if (!rc && (int)m->nattendees - before != 1)
                last = (int)m->nattendees - 1;
            free(tmp);
        }
        free(key);
        if (rc)
            return giji_error_prefix("%s:%u: ", name, l->lineno);
    }
    return GIJI_OK;
}
