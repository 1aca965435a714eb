/*
 * extract/discover.c — entities nobody listed, found with MeCab (IPA
 * dictionary) and the rules of data/discovery.tsv.
 *
 * MeCab splits the NFKC text into words; maximal runs of nouns (plus a
 * leading prefix such as 第) form chunks; a chunk is a candidate when it
 * ends in a suffix rule at a word boundary (…省, …基本法, …大会), matches a
 * regex rule (第N次…計画, … Act YYYY), or MeCab tags its last word as an
 * organisation or a country. Generic chunks (stop and prefix rows) are
 * dropped, and so is a chunk that is a listed name with a year in front.
 * Not responsible for choosing among overlapping candidates (extract.c).
 */
#include "extract/internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/strmap.h"
#include "util/tsv.h"
#include "util/utf8.h"

#include <mecab.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

typedef struct drule {
    int kind;           /* 0 suffix, 1 regex, 2 tag, 3 stop, 4 prefix, 5 stopregex */
    int type;
    char *text;
    regex_t re;
    char label[256];     /* "suffix:省" — stored with each mention as evidence */
    int needs_digit;     /* regex: every match contains a digit ([0-9] not made optional) */
    size_t len;          /* strlen(text) */
    char *feature;       /* tag: "名詞," + text, the MeCab feature prefix it stands for */
} drule;

enum { K_SUFFIX, K_REGEX, K_TAG, K_STOP, K_PREFIX, K_STOPREGEX, K_COUNT };

struct giji_discoverer {
    mecab_t *mecab;
    drule *rules;               /* grouped by kind, file order kept within a kind */
    size_t n;
    size_t first[K_COUNT + 1];  /* rules of kind k: rules[first[k] .. first[k+1]) */
    giji_strmap stops;          /* stop rows, for a lookup instead of a scan */
    const giji_gazetteer *g;
    giji_ac *names;     /* gazetteer names, to recognise "2017年" + a listed name */
};

static int rule_row(void *ctx, const giji_tsv_row *row)
{
    static const char *kinds[] = {"suffix", "regex", "tag", "stop", "prefix", "stopregex"};
    giji_discoverer *d = ctx;
    int kind = -1;
    for (int i = 0; i < 6; i++)
        if (!strcmp(row->f[0], kinds[i]))
            kind = i;
    if (kind < 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown kind '%s' (suffix, regex, tag, stop, prefix, stopregex)",
                              row->path, row->line, row->f[0]);
    int type = -1;
    if (kind <= 2 && (type = giji_entity_type_parse(row->f[1])) < 0)
        return giji_error_set(GIJI_EINVAL, "%s:%u: unknown type '%s'", row->path, row->line, row->f[1]);
    drule *p = realloc(d->rules, (d->n + 1) * sizeof *p);
    if (!p)
        return GIJI_NOMEM();
    d->rules = p;
    drule *r = &p[d->n];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->type = type;
    if (!(r->text = giji_strdup(row->f[2])))
        return GIJI_ENOMEM;
    r->len = strlen(r->text);
    if (kind == 2) {
        giji_buf f = {0};
        if (giji_buf_printf(&f, "名詞,%s", r->text))
            return GIJI_ENOMEM;
        r->feature = giji_buf_steal(&f);
    }
    if (kind == 1 || kind == 5) {
        int e = regcomp(&r->re, r->text, REG_EXTENDED | (kind == 5 ? REG_NOSUB : 0));
        if (e) {
            char msg[128];
            regerror(e, &r->re, msg, sizeof msg);
            free(r->text);
            return giji_error_set(GIJI_EINVAL, "%s:%u: bad regex '%s': %s", row->path, row->line, row->f[2], msg);
        }
    }
    snprintf(r->label, sizeof r->label, "%s:%s", kinds[kind], r->text);
    /* conservative: "[0-9]" followed by '{' or '+' or nothing optional */
    const char *dg = strstr(r->text, "[0-9]");
    r->needs_digit = dg && dg[5] != '?' && dg[5] != '*';
    d->n++;
    return GIJI_OK;
}

/* Order the rules by kind (keeping file order inside a kind, which decides
 * between regex rules) so each step scans only its own kind. */
static int group_rules(giji_discoverer *d)
{
    drule *sorted = malloc((d->n ? d->n : 1) * sizeof *sorted);
    if (!sorted)
        return GIJI_NOMEM();
    size_t k = 0;
    for (int kind = 0; kind < K_COUNT; kind++) {
        d->first[kind] = k;
        for (size_t i = 0; i < d->n; i++)
            if (d->rules[i].kind == kind)
                sorted[k++] = d->rules[i];
    }
    d->first[K_COUNT] = k;
    free(d->rules);
    d->rules = sorted;
    for (size_t i = d->first[K_STOP]; i < d->first[K_STOP + 1]; i++)
        if (giji_strmap_put(&d->stops, d->rules[i].text, 1))
            return GIJI_ENOMEM;
    return GIJI_OK;
}

int giji_discoverer_new(const char *datadir, const giji_gazetteer *g, giji_discoverer **out)
{
    *out = NULL;
    giji_discoverer *d = calloc(1, sizeof *d);
    if (!d)
        return GIJI_NOMEM();
    d->g = g;
    giji_buf path = {0};
    int rc = giji_buf_printf(&path, "%s/discovery.tsv", datadir ? datadir : giji_data_dir());
    if (!rc)
        rc = giji_tsv_each(path.data, 3, 3, rule_row, d);
    giji_buf_free(&path);
    if (!rc)
        rc = group_rules(d);
    if (!rc) {
        /* "-r ''": no user resource file needed beyond the system mecabrc */
        d->mecab = mecab_new2("");
        if (!d->mecab)
            rc = giji_error_set(GIJI_EINVAL, "MeCab could not start (is mecab-ipadic-utf8 installed?): %s",
                                mecab_strerror(NULL));
    }
    if (!rc && !(d->names = giji_ac_new()))
        rc = GIJI_ENOMEM;
    for (size_t i = 0; !rc && i < g->n; i++) {
        const char *names[1 + 64];
        size_t nn = 0;
        names[nn++] = g->e[i].name;
        for (size_t k = 0; k < g->e[i].naliases && nn < 65; k++)
            names[nn++] = g->e[i].aliases[k];
        for (size_t k = 0; !rc && k < nn; k++) {
            uint32_t *cps;
            size_t n;
            if ((rc = giji_match_form(names[k], &cps, &n)))
                break;
            if (n)
                rc = giji_ac_add(d->names, cps, n, (int)i, NULL);
            free(cps);
        }
    }
    if (!rc)
        rc = giji_ac_build(d->names);
    if (rc) {
        giji_discoverer_free(d);
        return rc;
    }
    *out = d;
    return GIJI_OK;
}

void giji_discoverer_free(giji_discoverer *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        if (d->rules[i].kind == 1 || d->rules[i].kind == 5)
            regfree(&d->rules[i].re);
        free(d->rules[i].text);
        free(d->rules[i].feature);
    }
    free(d->rules);
    giji_strmap_free(&d->stops);
    if (d->mecab)
        mecab_destroy(d->mecab);
    giji_ac_free(d->names);
    free(d);
}

/* ---- words and chunks ---------------------------------------------------- */

typedef struct word {
    size_t b, e;        /* byte range in the NFKC text */
    const char *feature; /* MeCab's, valid until the next parse */
    int noun, prefix, unknown, proper, suffix_pos, ascii;
} word;

/* Feature prefix test; a macro so the literal's length is known at compile
 * time (this runs for every word). */
#define starts(feature, lit) (strncmp((feature), (lit), sizeof(lit) - 1) == 0)

static int all_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* ASCII letters, digits and the few symbols names contain. */
static int ascii_name_part(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
              c == '/' || c == '.' || c == '&'))
            return 0;
    }
    return 1;
}

/* Words of the text as MeCab sees them. Caller frees *out. */
static int words_of(giji_discoverer *d, const char *norm, word **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const mecab_node_t *node = mecab_sparse_tonode2(d->mecab, norm, strlen(norm));
    if (!node)
        return giji_error_set(GIJI_EINVAL, "MeCab failed: %s", mecab_strerror(d->mecab));
    size_t cap = 0;
    for (; node; node = node->next) {
        if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE || node->length == 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            word *p = realloc(*out, cap * sizeof *p);
            if (!p)
                return GIJI_NOMEM();
            *out = p;
        }
        word *w = &(*out)[(*n)++];
        memset(w, 0, sizeof *w);
        w->b = (size_t)(node->surface - norm);
        w->e = w->b + node->length;
        const char *f = node->feature;
        w->feature = f;
        w->unknown = node->stat == MECAB_UNK_NODE;
        w->ascii = all_ascii(node->surface, node->length);
        w->prefix = starts(f, "接頭詞");
        w->noun = starts(f, "名詞") && !starts(f, "名詞,非自立") && !starts(f, "名詞,代名詞") &&
                  !starts(f, "名詞,副詞可能");
        /* MeCab calls ASCII symbols nouns; only the ones inside names
         * (J-CSIP, JPCERT/CC, 9.11) may stay in a chunk */
        if (w->noun && w->ascii && !ascii_name_part(node->surface, node->length))
            w->noun = 0;
        w->suffix_pos = starts(f, "名詞,接尾");
        w->proper = starts(f, "名詞,固有名詞");
        /* "・" and "-" join words inside names (演習・訓練 is in the gazetteer) */
    }
    return GIJI_OK;
}

typedef struct chunk { size_t b, e; size_t w0, w1; } chunk; /* words [w0, w1) */

/* May words a and b stand in one chunk? Latin words may be separated by
 * one space; anything else must touch. */
static int joinable(const char *norm, const word *a, const word *b)
{
    if (a->e == b->b)
        return 1;
    if (b->b == a->e + 1 && norm[a->e] == ' ' && a->ascii && b->ascii)
        return 1;
    return 0;
}

/* ---- rules ---------------------------------------------------------------- */

/* A prefix row matches a whole first word only: 新 stops 新体制 (新 + 体制),
 * not 新潟大学 (新潟 + 大学). `first_word` is that word's length in bytes. */
static int is_stop(const giji_discoverer *d, const char *s, size_t first_word)
{
    if (giji_strmap_get(&d->stops, s) >= 0)
        return 1;
    for (size_t i = d->first[K_PREFIX]; i < d->first[K_PREFIX + 1]; i++)
        if (d->rules[i].len == first_word && giji_str_starts(s, d->rules[i].text))
            return 1;
    for (size_t i = d->first[K_STOPREGEX]; i < d->first[K_STOPREGEX + 1]; i++)
        if (regexec(&d->rules[i].re, s, 0, NULL, 0) == 0)
            return 1;
    return 0;
}

/* Is `name` (NFKC) a listed name of the same type with a short modifier in
 * front ("2017年サイバーセキュリティ月間", "平成19年度情報セキュリティの日",
 * "改正サイバーセキュリティ基本法")? Then the gazetteer's own match names it. */
static int listed_with_modifier(const giji_discoverer *d, const char *name, int type)
{
    /* a year: "2017年", "平成19年度" (an era name is up to two characters) */
    const char *s = name, *digits = name;
    for (int k = 0; k < 2 && *digits && !(*digits >= '0' && *digits <= '9'); k++) {
        uint32_t cp;
        size_t step = giji_utf8_decode(digits, strlen(digits), &cp);
        if (!step || !giji_cp_is_kana_or_han(cp))
            break;
        digits += step;
    }
    const char *p = digits;
    while (*p >= '0' && *p <= '9') p++;
    if (p != digits && giji_str_starts(p, "年度")) s = p + 6;
    else if (p != digits && giji_str_starts(p, "年")) s = p + 3;
    uint32_t *cps;
    size_t n;
    if (giji_match_form(s, &cps, &n))
        return 0;
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++)
        state = giji_ac_step(d->names, state, cps[i]);
    int value;
    size_t len;
    uint32_t next;
    int listed = 0;
    for (int ok = n && giji_ac_match(d->names, state, &value, &len, &next); ok && !listed;
         ok = giji_ac_next_match(d->names, next, &value, &len, &next))
        listed = d->g->e[value].type == type && n - len <= 3 && len >= 2;
    free(cps);
    return listed;
}

/* Length in bytes of the word starting at byte b, or 0 when b is inside one. */
static size_t word_at(const word *w, const chunk *c, size_t b)
{
    for (size_t i = c->w0; i < c->w1; i++)
        if (w[i].b == b)
            return w[i].e - w[i].b;
    return 0;
}

static int push(giji_discoverer *d, const char *norm, const size_t *cp_at, const word *w, const chunk *c,
                size_t b, size_t e, const drule *r, int type, cands *out)
{
    char *name = giji_strndup(norm + b, e - b);
    if (!name)
        return GIJI_ENOMEM;
    if (is_stop(d, name, word_at(w, c, b)) || listed_with_modifier(d, name, type)) {
        free(name);
        return GIJI_OK;
    }
    cand cd = {.start = cp_at[b], .end = cp_at[e], .entity = -1, .type = type, .name = name,
               .rule = r->label, .priority = 0};
    int rc = cands_push(out, cd);
    if (rc)
        free(name);
    return rc;
}

/* Does the chunk end in `suffix` at a place where a word may end? */
static int suffix_fits(const char *norm, const word *w, const chunk *c, const char *suffix, size_t sl)
{
    size_t len = c->e - c->b;
    if (len < sl + 6 /* 2 CJK characters before it */ || memcmp(norm + c->e - sl, suffix, sl) != 0)
        return 0;
    size_t at = c->e - sl;
    for (size_t i = c->w0; i < c->w1; i++) {
        if (w[i].b == at)
            return 1; /* the suffix starts a word */
        if (w[i].b < at && at < w[i].e)
            return w[i].unknown || w[i].proper; /* inside an unknown or proper word */
    }
    return 0;
}

static int apply_rules(giji_discoverer *d, const char *norm, const size_t *cp_at, const word *w,
                       const chunk *c, cands *out)
{
    char *text = giji_strndup(norm + c->b, c->e - c->b);
    if (!text)
        return GIJI_ENOMEM;
    int rc = GIJI_OK, done = 0;
    /* regex rules first: they are the most specific. A rule that needs a
     * digit cannot match a chunk without one: skip regexec, it is costly. */
    int digits = strpbrk(text, "0123456789") != NULL;
    for (size_t i = d->first[K_REGEX]; !rc && !done && i < d->first[K_REGEX + 1]; i++) {
        const drule *r = &d->rules[i];
        regmatch_t m;
        if ( (r->needs_digit && !digits) || regexec(&r->re, text, 1, &m, 0) != 0 ||
            m.rm_eo <= m.rm_so)
            continue;
        rc = push(d, norm, cp_at, w, c, c->b + (size_t)m.rm_so, c->b + (size_t)m.rm_eo, r, r->type, out);
        done = 1;
    }
    /* the longest suffix */
    const drule *best = NULL;
    for (size_t i = d->first[K_SUFFIX]; !done && i < d->first[K_SUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        if (suffix_fits(norm, w, c, r->text, r->len) &&
            (!best || r->len > best->len))
            best = r;
    }
    if (!rc && best) {
        rc = push(d, norm, cp_at, w, c, c->b, c->e, best, best->type, out);
        done = 1;
    }
    /* MeCab's own tags: the chunk's last word that is not a suffix (経済同友会;
     * 日本経済新聞 + 社) names the entity, from that word to the chunk's end */
    size_t head = c->w1 - 1;
    while (head > c->w0 && w[head].suffix_pos)
        head--;
    const word *last = &w[head];
    for (size_t i = d->first[K_TAG]; !rc && !done && i < d->first[K_TAG + 1]; i++) {
        const drule *r = &d->rules[i];
        /* unknown words get guessed tags (パニッシュメント as an organisation) */
        if (last->ascii || last->unknown || strncmp(last->feature, r->feature, strlen(r->feature)) != 0)
            continue;
        rc = push(d, norm, cp_at, w, c, last->b, c->e, r, r->type, out);
        done = 1;
    }
    free(text);
    return rc;
}

int giji_discover(giji_discoverer *d, const char *norm, const uint32_t *cps, size_t ncps, cands *out)
{
    (void)cps;
    size_t len = strlen(norm);
    size_t *cp_at = malloc((len + 1) * sizeof *cp_at);
    if (!cp_at)
        return GIJI_NOMEM();
    /* code point index of every byte offset */
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)norm[i] & 0xC0) != 0x80 && i)
            k++;
        cp_at[i] = k;
    }
    cp_at[len] = ncps;
    word *w = NULL;
    size_t nw = 0;
    int rc = words_of(d, norm, &w, &nw);
    for (size_t i = 0; !rc && i < nw;) {
        if (!(w[i].noun || w[i].prefix)) {
            i++;
            continue;
        }
        chunk c = {.b = w[i].b, .w0 = i};
        size_t j = i + 1;
        while (j < nw && w[j].noun && joinable(norm, &w[j - 1], &w[j]))
            j++;
        /* "…の日": the chunk, の, 日 */
        if (j + 1 < nw && w[j].e - w[j].b == 3 && !memcmp(norm + w[j].b, "の", 3) &&
            w[j + 1].e - w[j + 1].b == 3 && !memcmp(norm + w[j + 1].b, "日", 3) &&
            w[j - 1].e == w[j].b && w[j].e == w[j + 1].b && (j + 2 >= nw || !w[j + 2].noun))
            j += 2;
        c.w1 = j;
        c.e = w[j - 1].e;
        if (!(j == i + 1 && w[i].prefix))
            rc = apply_rules(d, norm, cp_at, w, &c, out);
        i = j;
    }
    free(w);
    free(cp_at);
    return rc;
}
