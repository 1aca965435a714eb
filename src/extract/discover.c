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
    int kind;           /* K_*: 0 suffix, 1 regex, 2 tag, 3 stop, 4 prefix, 5 stopregex, 6 title,
                           7 link, 8 join, 9 lead, 10 csuffix, 11 lsuffix, 12 wsuffix,
                           13 abbr, 14 qsuffix */
    int type;
    char *text;
    regex_t re;
    char *label;         /* "suffix:省" — stored with each mention as evidence; owned */
    int needs_digit;     /* regex, stopregex: every match contains a digit (giji_regex_needs_all) */
    char lits[4][GIJI_REGEX_LIT]; /* regex, stopregex: literals every match contains */
    size_t litlen[4];
    size_t nlits;
    giji_regex_ends ends;  /* regex, stopregex: how every match starts and ends (giji_regex_anchors) */
    char first_set[64];  /* regex, stopregex "^[〇一二…]+…": the characters a match starts with */
    size_t first_set_len;  /* (bytes; 0 with first_digits 0: not known) */
    int first_digits;      /* … or an ASCII digit ("^[0-9〇一…]") */
    uint32_t first_last[8];  /* bit b: a character of first_set ends in byte b (a quick no) */
    size_t len;          /* strlen(text) */
    int dot;             /* suffix: the text holds "・" (tried on chunks joined by "・") */
    char *feature;       /* tag: "名詞," + text, the MeCab feature prefix it stands for */
    size_t flen;         /* strlen(feature) */
    uint32_t tagbit;     /* tag: its bit in a word's class, or 0 when the feature is tested */
} drule;

enum { K_SUFFIX, K_REGEX, K_TAG, K_STOP, K_PREFIX, K_STOPREGEX, K_TITLE, K_LINK, K_JOIN, K_LEAD, K_CSUFFIX,
       K_LSUFFIX, K_WSUFFIX, K_ABBR, K_QSUFFIX, K_ENHEAD, K_ENJOIN, K_ENSKIP, K_ENSTOP, K_COUNT };
static const char *const kind_names[K_COUNT] = {"suffix",  "regex",   "tag",     "stop", "prefix",
                                                "stopregex", "title", "link",    "join", "lead",
                                                "csuffix", "lsuffix", "wsuffix", "abbr",
                                                "qsuffix", "enhead", "enjoin", "enskip", "enstop"};
/* kinds whose rows give an entity type (the others write "-") */
#define KIND_TYPED(k)                                                                                              \
    ((k) <= K_TAG || (k) == K_TITLE || (k) == K_LEAD || ((k) >= K_CSUFFIX && (k) <= K_ENHEAD))
/* a quotation a qsuffix follows holds at most this many bytes */
#define QUOTE_MAX_BYTES 90
/* a wsuffix needs this many characters before it (a suffix: 2) */
#define WSUFFIX_BEFORE 4
/* a chunk an abbr row names needs this many characters */
#define ABBR_CHUNK 4
/* the most parts (noun runs between connectors) a title is followed back over */
#define MAX_TITLE_PARTS 8
/* a link row's type field "alone": the link makes a title of one run of nouns */
#define LINK_ALONE 1

/* A word's class, from its MeCab feature string: the parts of speech the
 * chunk rules ask about, and one bit per tag rule (TAG_BIT << k for the
 * k-th). Classes are cached per part-of-speech id (node->posid), so the
 * feature string is read once per id and not once per word. */
enum {
    W_NOUN = 1,        /* 名詞, except 非自立, 代名詞, 副詞可能 */
    W_PREFIX = 2,      /* 接頭詞 */
    W_SUFFIX_POS = 4,  /* 名詞,接尾 */
    W_PROPER = 8,      /* 名詞,固有名詞 */
    W_KNOWN = 16,      /* cache entry filled */
    W_NPREFIX = 32,    /* 接頭詞,名詞接続 (非, 各, 新): may join the noun after it */
};
#define TAG_BIT 64u
#define MAX_TAG_BITS 23     /* tag rules beyond these test the feature string */
#define NPOSID 512          /* IPA has 69 ids; larger ids are classified per word */

typedef struct sfx_entry { uint32_t cp; size_t rule; } sfx_entry;

/* Which rules of a regex kind (regex, stopregex) a chunk may match, as
 * bit masks in file order (bit k of word k / 64: the kind's k-th rule):
 * by the chunk's first code point (cp & 255: the rules anchored to a
 * start that can begin so, and every rule not anchored so), and the rules
 * that need no digit. A chunk tries only those: testing every rule's
 * prefilter (may_match) on every chunk took a tenth of giji's own
 * instructions, and most chunks start with a kanji whose lead byte, the
 * filter before, let them through (bench/README.md, eighth round). */
typedef struct rx_index {
    size_t base, n;             /* the rules: rules[base .. base + n) */
    size_t words;               /* 64-bit words per mask */
    uint64_t *by_first;         /* 256 masks, one per (first cp & 255) */
    uint64_t *nodigit;          /* one mask: the rules that need no digit */
} rx_index;

struct giji_discoverer {
    mecab_t *mecab;
    int by_posid;               /* 1: the dictionary's posid decides the class */
    uint32_t poscls[NPOSID];    /* class per posid, 0 until first seen */
    struct word *words;         /* the words of the texts parsed since the last forget */
    size_t nwords, wcap;
    const char **feats;         /* their feature strings, kept only when need_feature */
    int need_feature;           /* a tag rule tests the feature string (no tag bit) */
    size_t *runs;               /* digit runs of the text, reused */
    /* Copies made NUL-terminated for the lookups and regexec that need
     * them, reused: a candidate's name is only allocated once it is kept
     * (most chunks are dropped as stop words or listed names). */
    giji_buf name, chunk;
    size_t rcap;
    sfx_entry *sfx;             /* suffix rules by (last code point, file order) */
    size_t nsfx;
    int sfx_indexed;            /* 0: a suffix rule has an empty text; scan them all */
    uint32_t sfx_bits[8];       /* bit (cp & 255) set when a suffix rule ends in such a cp */
    uint32_t title_bits[8];     /* the same for the title rules' heads */
    uint32_t csfx_bits[8];      /* and for the csuffix rules */
    uint32_t lsfx_bits[8];      /* and for the lsuffix rules */
    uint32_t wsfx_bits[8];      /* and for the wsuffix rules */
    int dotted;                 /* a suffix rule's text holds "・" (ワーキング・グループ) */
    uint32_t link_bits[8];      /* and for the links: the code point before a title's head */
    uint32_t lead_bits[8];      /* the first code points of the lead rules */
    drule *rules;               /* grouped by kind, file order kept within a kind */
    size_t n;
    size_t first[K_COUNT + 1];  /* rules of kind k: rules[first[k] .. first[k+1]) */
    rx_index rx, stoprx;        /* the regex and stopregex rules a chunk may match (see rx_index) */
    giji_strmap stops;          /* stop rows, for a lookup instead of a scan */
    const giji_gazetteer *g;
    /* The extractor's automaton of gazetteer names (values: entity * 2,
     * + 1 for a contextual alias), to recognise "2017年" + a listed name.
     * Not a second automaton of its own: one less table for the caches to
     * hold while a meeting is matched. */
    const giji_ac *names;
};

static size_t bracket_len(const char *p);

/* A regex that starts with "^[…]", the bracket once or repeated and not
 * optional, holding plain characters and maybe the range 0-9 ("^[〇一二三四五
 * 六七八九十]+(月|日)"): every match starts with one of them. Sets
 * r->first_set and r->first_digits; nothing for any other regex. */
static void first_chars(drule *r)
{
    const char *t = r->text;
    if (strncmp(t, "^[", 2) != 0 || t[2] == '^' || t[2] == ']')
        return;
    size_t k = bracket_len(t + 1);
    if (k < 3 || t[1 + k - 1] != ']')
        return;
    const char *nx = t + 1 + k;
    if (*nx == '?' || *nx == '*' || (*nx == '{' && (nx[1] == '0' || nx[1] == ',')))
        return;
    char set[64];
    size_t n = 0;
    int digits = 0;
    for (const char *q = t + 2; q < t + k; ) {
        if (!strncmp(q, "0-9", 3)) {
            digits = 1;
            q += 3;
            continue;
        }
        if (*q == '[' || *q == '-' || *q == '\\' || n + 1 >= sizeof set)
            return;
        set[n++] = *q++;
    }
    memcpy(r->first_set, set, n);
    r->first_set_len = n;
    r->first_digits = digits;
    for (size_t i = 0; i < n; i++)
        if (i + 1 == n || ((unsigned char)set[i + 1] & 0xC0) != 0x80)   /* the last byte of a character */
            r->first_last[(unsigned char)set[i] >> 5] |= 1u << ((unsigned char)set[i] & 31);
}

static int rule_row(void *ctx, const giji_tsv_row *row)
{
    giji_discoverer *d = ctx;
    int kind = -1;
    for (int i = 0; i < K_COUNT; i++)
        if (!strcmp(row->f[0], kind_names[i]))
            kind = i;
    if (kind < 0)
        return giji_error_set(GIJI_EINVAL,
                              "%s:%u: unknown kind '%s' (suffix, regex, tag, stop, prefix, stopregex, title, link, "
                              "join, lead, csuffix, lsuffix, wsuffix, abbr, qsuffix, enhead, enjoin, enskip, enstop)",
                              row->path, row->line, row->f[0]);
    if ((kind == K_TITLE || kind == K_LINK || kind == K_JOIN || kind == K_LEAD || kind >= K_CSUFFIX) &&
        !row->f[2][0])
        return giji_error_set(GIJI_EINVAL, "%s:%u: empty text", row->path, row->line);
    int type = -1;
    if (kind == K_LINK && strcmp(row->f[1], "-") != 0) {
        if (strcmp(row->f[1], "alone") != 0)
            return giji_error_set(GIJI_EINVAL, "%s:%u: a link's second field is '-' or 'alone', not '%s'", row->path,
                                  row->line, row->f[1]);
        type = LINK_ALONE;
    }
    if (KIND_TYPED(kind) && (type = giji_entity_type_parse(row->f[1])) < 0)
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
    r->dot = kind == K_SUFFIX && strstr(r->text, "・") != NULL;
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
    giji_buf lb = {0};
    if (giji_buf_printf(&lb, "%s:%s", kind_names[kind], r->text)) {
        if (kind == 1 || kind == 5)
            regfree(&r->re);
        free(r->text);
        free(r->feature);
        return GIJI_ENOMEM;
    }
    r->label = giji_buf_steal(&lb);
    if (kind == 2)
        r->flen = strlen(r->feature);
    if (kind == 1 || kind == 5) {
        giji_regex_needs_all(r->text, r->lits, 4, &r->nlits, &r->needs_digit);
        for (size_t k = 0; k < r->nlits; k++)
            r->litlen[k] = strlen(r->lits[k]);
        giji_regex_anchors(r->text, &r->ends);
        first_chars(r);
    }
    d->n++;
    return GIJI_OK;
}

/* Suffix rules by the last code point of their text: a chunk can only end
 * in the suffixes that end in its own last code point, so apply_rules tests
 * those and not all of them. File order is kept among rules of one code
 * point (the first of two equally long suffixes wins). */
static int cmp_sfx(const void *a, const void *b)
{
    const sfx_entry *x = a, *y = b;
    if (x->cp != y->cp)
        return x->cp < y->cp ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule; /* qsort is not stable */
}

static int index_suffixes(giji_discoverer *d)
{
    size_t n = d->first[K_SUFFIX + 1] - d->first[K_SUFFIX];
    if (!(d->sfx = malloc((n ? n : 1) * sizeof *d->sfx)))
        return GIJI_NOMEM();
    d->nsfx = n;
    d->sfx_indexed = 1;
    for (size_t k = 0; k < n; k++) {
        const drule *r = &d->rules[d->first[K_SUFFIX] + k];
        d->sfx[k].rule = d->first[K_SUFFIX] + k;
        d->sfx[k].cp = r->len ? giji_utf8_prev(r->text, r->len, NULL) : 0;
        d->sfx_bits[(d->sfx[k].cp >> 5) & 7] |= 1u << (d->sfx[k].cp & 31);
        if (!r->len)
            d->sfx_indexed = 0;
        if (r->dot)
            d->dotted = 1;
    }
    if (n > 1)
        qsort(d->sfx, n, sizeof *d->sfx, cmp_sfx);
    return GIJI_OK;
}

static inline uint32_t first_cp(const char *s);

static inline void set_bit(uint32_t *bits, uint32_t cp)
{
    bits[(cp >> 5) & 7] |= 1u << (cp & 31);
}

/* "^(午前|午後)?[0-9〇一二三四五六七八九十]+時": an optional group of literal
 * alternatives, then a bracket of plain characters (and maybe 0-9) that is
 * not optional. A match starts with an alternative's first code point or
 * one of the bracket's: their bits are set in bits, and 1 returned; 0 (and
 * bits untouched) for any other regex. Without it every chunk tried that
 * stopregex row's prefilter (may_match: a search for 時, which 時間, 当時,
 * 同時… pass), a quarter of what is_stop cost (bench/README.md, ninth
 * round). */
static int opt_group_bits(const char *t, uint32_t *bits)
{
    if (strncmp(t, "^(", 2) != 0)
        return 0;
    uint32_t tmp[8] = {0}, cp;
    const char *q = t + 2;
    int at_start = 1;
    for (;; q++) {
        if (!*q)
            return 0;
        if (*q == ')' || *q == '|') {
            if (at_start)
                return 0;   /* an empty alternative */
            if (*q == ')')
                break;
            at_start = 1;
            continue;
        }
        if (strchr("\\.[](*+?{}^$", *q))
            return 0;
        if (at_start) {
            size_t k = giji_utf8_decode(q, strlen(q), &cp);
            if (!k)
                return 0;
            set_bit(tmp, cp);
            at_start = 0;
            q += k - 1;
        }
    }
    if (q[1] != '?')
        return 0;
    q += 2;
    if (*q != '[' || q[1] == '^' || q[1] == ']')
        return 0;
    size_t k = bracket_len(q);
    if (k < 3 || q[k - 1] != ']')
        return 0;
    const char *nx = q + k;
    if (*nx == '?' || *nx == '*' || (*nx == '{' && (nx[1] == '0' || nx[1] == ',')))
        return 0;
    for (const char *p = q + 1; p < q + k - 1;) {
        if (!strncmp(p, "0-9", 3)) {
            for (uint32_t c = '0'; c <= '9'; c++)
                set_bit(tmp, c);
            p += 3;
            continue;
        }
        if (*p == '[' || *p == '-' || *p == '\\')
            return 0;
        size_t kk = giji_utf8_decode(p, (size_t)(q + k - 1 - p), &cp);
        if (!kk)
            return 0;
        set_bit(tmp, cp);
        p += kk;
    }
    for (int i = 0; i < 8; i++)
        bits[i] |= tmp[i];
    return 1;
}

/* The bits (cp & 255) of the code points a match of regex rule r can
 * start with, into bits, from what its prefilters know (may_match asks
 * the chunk to start so); 0 when any code point may. */
static int start_bits(const drule *r, uint32_t *bits)
{
    const giji_regex_ends *a = &r->ends;
    uint32_t cp;
    if (a->start_digit || r->first_digits)
        for (uint32_t c = '0'; c <= '9'; c++)
            set_bit(bits, c);
    if (a->start_digit)
        return 1;
    if (a->start_len) {
        if (!giji_utf8_decode(a->start, a->start_len, &cp))
            return 0;
        set_bit(bits, cp);
        return 1;
    }
    if (r->first_set_len || r->first_digits) {
        for (size_t i = 0; i < r->first_set_len;) {
            size_t k = giji_utf8_decode(r->first_set + i, r->first_set_len - i, &cp);
            if (!k)
                return 0;
            set_bit(bits, cp);
            i += k;
        }
        return 1;
    }
    /* "^(国連|国際|世界)": the first code points of the alternatives */
    for (size_t k = 0; k < a->nstart_alt; k++) {
        if (!giji_utf8_decode(a->start_alt[k], a->start_alt_len[k], &cp))
            return 0;
        set_bit(bits, cp);
    }
    return a->nstart_alt > 0 || opt_group_bits(r->text, bits);
}

/* The masks of the rules of kind k (see rx_index). */
static int rx_index_build(giji_discoverer *d, int k, rx_index *ix)
{
    ix->base = d->first[k];
    ix->n = d->first[k + 1] - d->first[k];
    ix->words = (ix->n + 63) / 64;
    /* at least one word, even without rules: the masks' address is taken
     * for every chunk (and no word of them read) */
    size_t w = ix->words ? ix->words : 1;
    ix->by_first = calloc(256 * w, sizeof *ix->by_first);
    ix->nodigit = calloc(w, sizeof *ix->nodigit);
    if (!ix->by_first || !ix->nodigit)
        return GIJI_NOMEM();
    for (size_t i = 0; i < ix->n; i++) {
        const drule *r = &d->rules[ix->base + i];
        uint64_t bit = 1ull << (i % 64);
        uint32_t bits[8] = {0};
        int known = start_bits(r, bits);
        for (unsigned b = 0; b < 256; b++)
            if (!known || (bits[b >> 5] & (1u << (b & 31))))
                ix->by_first[b * ix->words + i / 64] |= bit;
        if (!r->needs_digit)
            ix->nodigit[i / 64] |= bit;
    }
    return GIJI_OK;
}

static void rx_index_free(rx_index *ix)
{
    free(ix->by_first);
    free(ix->nodigit);
    memset(ix, 0, sizeof *ix);
}

/* The index of the lowest bit set in m (not 0). */
static inline unsigned lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
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
    if (rx_index_build(d, K_REGEX, &d->rx) || rx_index_build(d, K_STOPREGEX, &d->stoprx))
        return GIJI_ENOMEM;
    /* a tag rule of up to four feature fields (名詞,固有名詞,地域,国) is decided
     * by the part of speech, which is what the posid stands for */
    for (size_t i = d->first[K_TAG]; i < d->first[K_TAG + 1]; i++) {
        size_t nth = i - d->first[K_TAG], commas = 0;
        for (const char *f = d->rules[i].feature; *f; f++)
            commas += *f == ',';
        d->rules[i].tagbit = nth < MAX_TAG_BITS && commas <= 3 ? TAG_BIT << nth : 0;
        if (!d->rules[i].tagbit)
            d->need_feature = 1;
    }
    for (size_t i = d->first[K_TITLE]; i < d->first[K_WSUFFIX + 1]; i++) {
        int kind = d->rules[i].kind;
        uint32_t *bits = kind == K_TITLE     ? d->title_bits
                         : kind == K_CSUFFIX ? d->csfx_bits
                         : kind == K_LSUFFIX ? d->lsfx_bits
                         : kind == K_WSUFFIX ? d->wsfx_bits
                         : kind == K_LINK    ? d->link_bits
                                             : NULL;
        uint32_t cp = giji_utf8_prev(d->rules[i].text, d->rules[i].len, NULL);
        if (kind == K_LEAD) {
            bits = d->lead_bits;
            giji_utf8_decode(d->rules[i].text, d->rules[i].len, &cp);
        }
        if (bits)
            bits[(cp >> 5) & 7] |= 1u << (cp & 31);
    }
    return index_suffixes(d);
}

static int check_posids(giji_discoverer *d);

int giji_discoverer_new(const char *datadir, const giji_gazetteer *g, const giji_ac *names,
                        giji_discoverer **out)
{
    *out = NULL;
    giji_discoverer *d = calloc(1, sizeof *d);
    if (!d)
        return GIJI_NOMEM();
    d->g = g;
    d->names = names;
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
    if (!rc)
        rc = check_posids(d);
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
        free(d->rules[i].label);
    }
    free(d->rules);
    free(d->sfx);
    rx_index_free(&d->rx);
    rx_index_free(&d->stoprx);
    free(d->words);
    free(d->feats);
    free(d->runs);
    giji_buf_free(&d->name);
    giji_buf_free(&d->chunk);
    giji_strmap_free(&d->stops);
    if (d->mecab)
        mecab_destroy(d->mecab);
    free(d);
}

/* ---- words and chunks ---------------------------------------------------- */

/* 12 bytes: a meeting's words are kept between MeCab and the rules, and
 * the smaller they are the less they push MeCab's tables out of the
 * caches. The feature string, when a rule needs it, is in d->feats. */
typedef struct word {
    uint32_t b, e;      /* byte range in the NFKC text */
    uint32_t f;         /* the class (W_*, tag bits) with WF_* flags */
} word;

/* Flags of a word, in the bits its class leaves free (TAG_BIT << 23 is
 * the highest tag bit). W_NOUN in a word means it may stand in a chunk:
 * MeCab's nouns less the ASCII symbols (see words_of). */
#define WF_GAP (1u << 29)       /* MeCab gave words before it that are not kept (see words_of) */
#define WF_UNKNOWN (1u << 30)   /* MeCab's unknown word */
#define WF_ASCII (1u << 31)     /* all ASCII */
_Static_assert((TAG_BIT << (MAX_TAG_BITS - 1)) < WF_GAP, "tag bits and word flags overlap");
#define w_noun(w) (((w)->f & W_NOUN) != 0)
#define w_prefix(w) (((w)->f & W_PREFIX) != 0)
#define w_suffix_pos(w) (((w)->f & W_SUFFIX_POS) != 0)
#define w_proper(w) (((w)->f & W_PROPER) != 0)
#define w_unknown(w) (((w)->f & WF_UNKNOWN) != 0)
#define w_ascii(w) (((w)->f & WF_ASCII) != 0)
#define w_gap(w) (((w)->f & WF_GAP) != 0)

/* Feature prefix test; a macro so the literal's length is known at compile
 * time. */
#define starts(feature, lit) (strncmp((feature), (lit), sizeof(lit) - 1) == 0)

/* The class of a word with feature string f (IPA dictionary). */
static uint32_t classify(const giji_discoverer *d, const char *f)
{
    uint32_t c = W_KNOWN;
    if (starts(f, "接頭詞"))
        c |= W_PREFIX | (starts(f, "接頭詞,名詞接続") ? W_NPREFIX : 0);
    if (starts(f, "名詞")) {
        if (!starts(f, "名詞,非自立") && !starts(f, "名詞,代名詞") && !starts(f, "名詞,副詞可能"))
            c |= W_NOUN;
        if (starts(f, "名詞,接尾"))
            c |= W_SUFFIX_POS;
        if (starts(f, "名詞,固有名詞"))
            c |= W_PROPER;
    }
    for (size_t i = d->first[K_TAG]; i < d->first[K_TAG + 1]; i++)
        if (d->rules[i].tagbit && strncmp(f, d->rules[i].feature, d->rules[i].flen) == 0)
            c |= d->rules[i].tagbit;
    return c;
}

/* The class of a MeCab node: cached per posid when the dictionary's ids
 * can be trusted (check_posids). */
static inline uint32_t node_class(giji_discoverer *d, const mecab_node_t *node)
{
    if (!d->by_posid || node->posid >= NPOSID)
        return classify(d, node->feature);
    uint32_t c = d->poscls[node->posid];
    if (!c)
        c = d->poscls[node->posid] = classify(d, node->feature);
    return c;
}

/* In the IPA dictionary the posid is given by the first four feature fields
 * (pos-id.def), and the classes only look at those. A dictionary built
 * without a pos-id.def gives every word the same id: parse a sentence with
 * words of many classes once, and use the ids only if they are consistent
 * with the feature strings and not all alike. */
static int check_posids(giji_discoverer *d)
{
    static const char probe[] =
        "新しい日本経済団体連合会の各委員会は、アメリカと東京大学で第3次基本計画について彼らに話した。";
    const mecab_node_t *node = mecab_sparse_tonode2(d->mecab, probe, sizeof probe - 1);
    if (!node)
        return giji_error_set(GIJI_EINVAL, "MeCab failed: %s", mecab_strerror(d->mecab));
    uint32_t seen[NPOSID] = {0};
    size_t ids = 0;
    int ok = 1;
    for (; node && ok; node = node->next) {
        if (node->stat == MECAB_BOS_NODE || node->stat == MECAB_EOS_NODE)
            continue;
        uint32_t c = classify(d, node->feature);
        if (node->posid >= NPOSID)
            continue;
        if (!seen[node->posid]) {
            seen[node->posid] = c;
            ids++;
        }
        ok = seen[node->posid] == c;
    }
    d->by_posid = ok && ids >= 5;
    return GIJI_OK;
}

static int all_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* Does s[0..n) hold an ASCII character other than the letters, digits and
 * few symbols names contain? MeCab makes unknown words of ASCII symbols,
 * alone or with the punctuation after them (")、" after "(FBI"). */
static int ascii_symbol_in(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          c == '-' || c == '/' || c == '.' || c == '&'))
            return 1;
    }
    return 0;
}

/* Code points (UTF-8 lead bytes) in s[0..n), eight bytes at a time: a
 * continuation byte is 10xxxxxx, its top bit set and the next one clear.
 * cp_of counts the whole text this way, up to its last candidate. */
static inline size_t leads(const char *s, size_t n)
{
    size_t k = n, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        uint64_t cont = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;   /* 1 in each continuation byte */
        k -= (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        k -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return k;
}

/* Is the MeCab node's surface exactly the 3 bytes of lit? */
/* Is the node's surface "の" (E3 81 AE) or "日" (E6 97 A5)? 0 or 1, with
 * no branch on the answer: words_of asks it of every word MeCab gives, and
 * whether a word is one of them (or a noun) follows the text, which no
 * branch predictor can learn. Four bytes are read (the text's NUL at
 * `end` is readable), except in the text's last three. */
static inline uint32_t no_or_hi(const mecab_node_t *node, const char *end)
{
    uint32_t v = 0, no, hi, mask;
    memcpy(&no, "\xE3\x81\xAE", 4);   /* with the NUL: four bytes, in memory order */
    memcpy(&hi, "\xE6\x97\xA5", 4);
    memcpy(&mask, "\xFF\xFF\xFF", 4);
    if (node->surface + 3 <= end)
        memcpy(&v, node->surface, 4);
    else if (node->length == 3)
        memcpy(&v, node->surface, 3);
    v &= mask;
    return (uint32_t)(node->length == 3) & ((uint32_t)(v == no) | (uint32_t)(v == hi));
}

/* Room for one more word in d->words (and d->feats). */
static int word_room(giji_discoverer *d)
{
    if (d->nwords < d->wcap)
        return GIJI_OK;
    size_t cap = d->wcap ? d->wcap * 2 : 256;
    word *p = realloc(d->words, cap * sizeof *p);
    if (!p)
        return GIJI_NOMEM();
    d->words = p;
    if (d->need_feature) {
        const char **f = realloc(d->feats, cap * sizeof *f);
        if (!f)
            return GIJI_NOMEM();
        d->feats = f;
    }
    d->wcap = cap;
    return GIJI_OK;
}

/* Words of the text as MeCab sees them, appended to d->words (*n of them).
 * Only the words the chunk rules can look at are kept: nouns and prefixes
 * (a chunk's words), and の and 日 (the "…の日" rule). The others only end
 * a chunk, and a kept word says so with WF_GAP when MeCab gave others
 * between it and the kept word before it: giji_discover_words then sees
 * the same chunks as with every word. More than half of MeCab's words are
 * not kept, and a meeting's words are written between two of MeCab's
 * batches, where they push its tables out of the caches. */
static int words_of(giji_discoverer *d, const char *norm, size_t len, size_t *n)
{
    *n = 0;
    if (len > UINT32_MAX)
        return giji_error_set(GIJI_EINVAL, "text too long for discovery (%zu bytes)", len);
    const mecab_node_t *node = mecab_sparse_tonode2(d->mecab, norm, len);
    if (!node)
        return giji_error_set(GIJI_EINVAL, "MeCab failed: %s", mecab_strerror(d->mecab));
    /* Every word is written at the end of d->words, and counted only when
     * kept: whether MeCab's next word is kept (a noun, a particle, …) is as
     * good as random, and a branch on it was mispredicted about once per
     * two words (cachegrind --branch-sim; bench/README.md, seventh round). */
    uint32_t gap = 0;
    size_t nw = d->nwords, kept = 0, cap = d->wcap;
    word *words = d->words;
    const int need_feature = d->need_feature;
    const char *end = norm + len;
    for (; node; node = node->next) {
        uint32_t length = node->length;
        unsigned stat = node->stat;
        if (stat == MECAB_BOS_NODE || stat == MECAB_EOS_NODE || length == 0)
            continue;
        const char *surface = node->surface;
        uint32_t c = node_class(d, node);
        uint32_t keep = (uint32_t)((c & (W_NOUN | W_PREFIX)) != 0) | no_or_hi(node, end);
        if (nw == cap) {
            d->nwords = nw;
            if (word_room(d))
                return GIJI_ENOMEM;
            words = d->words;
            cap = d->wcap;
        }
        if (need_feature)
            d->feats[nw] = node->feature; /* MeCab's dictionary: outlives the parse */
        c |= stat == MECAB_UNK_NODE ? WF_UNKNOWN : 0;
        /* MeCab calls ASCII symbols nouns; only the ones inside names
         * (J-CSIP, JPCERT/CC, 9.11) may stay in a chunk, and an unknown word
         * of symbols (")、" after "(FBI") ends one. A word that starts with
         * ASCII is rare, so that branch is predicted. */
        if ((unsigned char)surface[0] < 0x80 && all_ascii(surface, length))
            c |= WF_ASCII;
        if ((c & W_NOUN) && ((unsigned char)surface[0] < 0x80 || (c & WF_UNKNOWN)) &&
            ascii_symbol_in(surface, length))
            c &= ~(uint32_t)W_NOUN;
        word *w = &words[nw];
        w->b = (uint32_t)(surface - norm);
        w->e = w->b + length;
        w->f = c | gap;
        gap = (keep - 1) & WF_GAP;   /* kept: none left out before the next */
        nw += keep;
        kept += keep;
        /* "・" and "-" join words inside names (演習・訓練 is in the gazetteer) */
    }
    d->nwords = nw;
    *n = kept;
    return GIJI_OK;
}

typedef struct chunk { size_t b, e; size_t w0, w1; } chunk; /* words [w0, w1) */

/* What one text's chunks share: the text, its code points, and two
 * cursors that only move forward, as the chunks do. */
typedef struct scan {
    const char *norm;
    size_t len;
    const uint32_t *cps;
    size_t byte, cp;          /* code point index `cp` starts at `byte` */
    const size_t *digits;     /* runs of ASCII digits: [digits[2k], digits[2k+1]) */
    size_t ndigits, next_run; /* runs; the first that may still meet a chunk */
} scan;

/* Code point index of byte offset x; a byte inside a character counts as
 * that character (a regex match may end inside one: regexec works on
 * bytes). Offsets are asked for in (nearly) increasing order: count from
 * the last one, only the candidates' offsets, not every word's. An offset
 * before the cursor is counted back from it (sc->cp is always the lead
 * bytes of norm[0..byte), so the difference is exact): the rules ask for a
 * chunk's start after its end (chunk_chars, starts_with_country, a title's
 * parts), and starting again from the text's first byte each time made
 * cp_of over a quarter of giji's own instructions in extraction
 * (bench/README.md, ninth round). */
static size_t cp_of(scan *sc, size_t x)
{
    if (x < sc->byte) {
        if (sc->byte - x <= x)
            sc->cp -= leads(sc->norm + x, sc->byte - x);
        else
            sc->cp = leads(sc->norm, x);
    } else
        sc->cp += leads(sc->norm + sc->byte, x - sc->byte);
    sc->byte = x;
    return x < sc->len && ((unsigned char)sc->norm[x] & 0xC0) == 0x80 ? sc->cp - 1 : sc->cp;
}

/* cp_of(sc, e) - cp_of(sc, b) for b <= e, counted over norm[b..e) alone
 * and without moving the cursor: asked of every chunk (its last word's
 * length), where the cursor's walk from the chunk before cost about 7%
 * of giji's own instructions in extraction (bench/README.md, ninth
 * round). cp_of(x) is the lead bytes before x, less one when x is inside
 * a character. */
static size_t chars_between(const scan *sc, size_t b, size_t e)
{
    size_t k = leads(sc->norm + b, e - b);
    if (e < sc->len && ((unsigned char)sc->norm[e] & 0xC0) == 0x80)
        k--;
    if (b < sc->len && ((unsigned char)sc->norm[b] & 0xC0) == 0x80)
        k++;
    return k;
}

/* Does norm[b..e) hold an ASCII digit? Chunks come in increasing order. */
static int chunk_has_digit(scan *sc, size_t b, size_t e)
{
    while (sc->next_run < sc->ndigits && sc->digits[2 * sc->next_run + 1] <= b)
        sc->next_run++;
    return sc->next_run < sc->ndigits && sc->digits[2 * sc->next_run] < e;
}

/* May words a and b stand in one chunk? Latin words may be separated by
 * one space; anything else must touch. */
static int joinable(const char *norm, const word *a, const word *b)
{
    if (a->e == b->b)
        return 1;
    if (b->b == a->e + 1 && norm[a->e] == ' ' && w_ascii(a) && w_ascii(b))
        return 1;
    return 0;
}

/* ---- rules ---------------------------------------------------------------- */

/* Does s[0..n) contain lit[0..ln)? */
static int contains(const char *s, size_t n, const char *lit, size_t ln)
{
    if (ln > n)
        return 0;
    /* the last byte first: a literal is a few kanji or kana, whose lead
     * bytes (E3-E9) most characters of the text share, and the test on
     * the first byte was mispredicted and called memcmp for most of them */
    for (size_t i = 0; i + ln <= n; i++)
        if (s[i + ln - 1] == lit[ln - 1] && s[i] == lit[0] && !memcmp(s + i, lit, ln))
            return 1;
    return 0;
}

/* Are s[at .. at + k) all ASCII digits (and inside s[0..n))? */
static int digits_at(const char *s, size_t n, size_t at, size_t k)
{
    if (at + k > n)
        return 0;
    for (size_t i = at; i < at + k; i++)
        if (!(s[i] >= '0' && s[i] <= '9'))
            return 0;
    return 1;
}

/* Can regex rule r match somewhere in s[0..n)? No when a digit or a
 * literal it needs is missing, or s does not start or end as every match
 * of an anchored rule must: regexec is costly, these checks are not. */
static inline int may_match(const drule *r, const char *s, size_t n, int digits)
{
    if (r->needs_digit && !digits)   /* first: most chunks have no digit */
        return 0;
    const giji_regex_ends *a = &r->ends;
    if (a->start_digit && !(n && s[0] >= '0' && s[0] <= '9'))
        return 0;
    if (a->end_digit && !(n && s[n - 1] >= '0' && s[n - 1] <= '9'))
        return 0;
    if (a->start_len && (n < a->start_len || memcmp(s, a->start, a->start_len) != 0))
        return 0;
    /* "^日本(版|型)": one of them after the start */
    if (a->nstart_alt) {
        int fits = 0;
        for (size_t k = 0; k < a->nstart_alt && !fits; k++)
            fits = n - a->start_len >= a->start_alt_len[k] &&
                   !memcmp(s + a->start_len, a->start_alt[k], a->start_alt_len[k]);
        if (!fits)
            return 0;
    }
    /* "^[〇一二…]": the first character is one of them */
    if (r->first_set_len || r->first_digits) {
        if (!n)
            return 0;
        unsigned char c0 = (unsigned char)s[0];
        if (!(r->first_digits && c0 >= '0' && c0 <= '9')) {
            size_t cl = c0 < 0x80 ? 1 : c0 >= 0xF0 ? 4 : c0 >= 0xE0 ? 3 : 2;
            if (cl > n)
                return 0;
            unsigned char cz = (unsigned char)s[cl - 1];
            int in = 0;
            if (r->first_last[cz >> 5] & (1u << (cz & 31)))
                for (size_t i = 0; !in && i + cl <= r->first_set_len; i++)
                    in = (unsigned char)r->first_set[i] == c0 && !memcmp(r->first_set + i, s, cl);
            if (!in)
                return 0;
        }
    }
    /* "^[0-9]{4}年…" and "…[0-9]{4}$": all four digits ("3年" and "第1"
     * passed the checks of one digit) */
    if (a->start_digits > 1 && !digits_at(s, n, 0, a->start_digits))
        return 0;
    if (a->end_digits > 1 && (n < a->end_digits || !digits_at(s, n, n - a->end_digits, a->end_digits)))
        return 0;
    /* "…(計画|戦略|プラン)$": one of them at the end */
    if (a->nend_alt) {
        size_t m = n - a->end_digits;   /* n >= end_digits: checked above, or end_digits <= 1 and s ends in one */
        int fits = 0;
        for (size_t k = 0; k < a->nend_alt && !fits; k++)
            fits = m >= a->end_alt_len[k] && !memcmp(s + m - a->end_alt_len[k], a->end_alt[k], a->end_alt_len[k]);
        if (!fits)
            return 0;
    }
    for (size_t k = 0; k < r->nlits; k++)
        if (!contains(s, n, r->lits[k], r->litlen[k]))
            return 0;
    return 1;
}

/* A prefix row matches a whole first word only: 新 stops 新体制 (新 + 体制),
 * not 新潟大学 (新潟 + 大学). `first_word` is that word's length in bytes. */
static int is_stop(const giji_discoverer *d, const char *s, size_t n, int digits, size_t first_word)
{
    if (giji_strmap_get(&d->stops, s) >= 0)
        return 1;
    /* the last byte first: prefixes of one length mostly share their lead byte */
    for (size_t i = d->first[K_PREFIX]; i < d->first[K_PREFIX + 1]; i++)
        if (d->rules[i].len == first_word &&
            (!first_word || d->rules[i].text[first_word - 1] == s[first_word - 1]) &&
            !memcmp(s, d->rules[i].text, first_word))
            return 1;
    /* the stopregex rows the name's first code point allows (rx_index) */
    const rx_index *ix = &d->stoprx;
    const uint64_t *allow = ix->by_first + (size_t)(first_cp(s) & 255) * ix->words;
    for (size_t wi = 0; wi < ix->words; wi++)
        for (uint64_t m = allow[wi] & (digits ? ~0ull : ix->nodigit[wi]); m; m &= m - 1) {
            const drule *r = &d->rules[ix->base + 64 * wi + lowest_bit(m)];
            if (may_match(r, s, n, digits) && regexec(&r->re, s, 0, NULL, 0) == 0)
                return 1;
        }
    return 0;
}

/* Code points NFKC leaves alone (printable ASCII, kana, kanji, common CJK
 * punctuation; a subset of normalize's list, after giji_fold_cp). A run of
 * them is its own NFKC and needs no giji_match_form. */
static inline int plain_cp(uint32_t cp)
{
    return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) ||
           (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FB || (cp >= 0x3400 && cp <= 0x4DBF) ||
           cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011);
}

/* Are the code points cp[0..n) exactly a listed name of the type? */
static int is_listed(const giji_discoverer *d, const uint32_t *cp, size_t n, int type)
{
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++)
        state = giji_ac_step(d->names, state, cp[i]);
    int value;
    size_t len;
    uint32_t next;
    for (int ok = giji_ac_match(d->names, state, &value, &len, &next); ok;
         ok = giji_ac_next_match(d->names, next, &value, &len, &next))
        if (len == n && !(value & 1) && d->g->e[value / 2].type == type)
            return 1;
    return 0;
}

/* Are the code points cp[0..n) exactly a listed country name ("韓国", "欧州")? */
static int is_country(const giji_discoverer *d, const uint32_t *cp, size_t n)
{
    return is_listed(d, cp, n, GIJI_ENT_COUNTRY);
}

/* Is `name` (NFKC; code points cps[cb..ce) of the text, folded) a listed
 * name of the same type with a short modifier in front ("2017年サイバーセキュ
 * リティ月間", "平成19年度情報セキュリティの日", "改正サイバーセキュリティ基本法",
 * "第36回知的財産戦略本部")?
 * Then the gazetteer's own match names it. A country in front is no modifier:
 * "韓国特許庁" and "欧州特許庁" are other bodies than the listed 特許庁. */
static int listed_with_modifier(const giji_discoverer *d, const char *name, const uint32_t *cps, size_t cb,
                                size_t ce, int type)
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
    /* a session: "第27回" + the listed council ("第27回観光立国推進閣僚会議" is the
     * council's 27th meeting; the council is what the gazetteer names, whatever
     * type a rule gave the session: an unlisted one is an event). After a year
     * too, the listed name keeps its type ("2026年国連水会議" is the listed
     * event, not a council that 会議 would make it). */
    int session = 0;
    if (s == name && giji_str_starts(name, "第")) {
        const char *q = name + 3;
        while (*q >= '0' && *q <= '9') q++;
        if (q != name + 3 && giji_str_starts(q, "回")) {
            s = q + 3;
            session = 1;
        }
    }
    /* the match form of s: folded code points with runs of spaces made one
     * and the ends trimmed, fed to the automaton as it is made. When the
     * text is all plain code points it is its own NFKC: use the text's. */
    size_t from = cb + leads(name, (size_t)(s - name)), k = from;
    while (k < ce && plain_cp(cps[k]))
        k++;
    uint32_t state = 0, head[3];
    size_t n = 0;
    if (k == ce) {
        int space = 0;
        for (size_t i = from; i < ce; i++) {
            if (cps[i] == ' ') {
                space = n > 0;
                continue;
            }
            if (space) {
                state = giji_ac_step(d->names, state, ' ');
                if (n < 3)
                    head[n] = ' ';
                n++;
                space = 0;
            }
            state = giji_ac_step(d->names, state, cps[i]);
            if (n < 3)
                head[n] = cps[i];
            n++;
        }
    } else {
        uint32_t *form;
        if (giji_match_form(s, &form, &n))
            return 0;
        for (size_t i = 0; i < n; i++) {
            state = giji_ac_step(d->names, state, form[i]);
            if (i < 3)
                head[i] = form[i];
        }
        free(form);
    }
    int value;
    size_t len;
    uint32_t next;
    int listed = 0;
    /* a contextual alias ("~基本法") is no listed name here; a theme with a
     * year in front is that year's measure when a rule names one
     * ("令和9年度税制改正": the topic 税制改正 is listed) */
    for (int ok = n && giji_ac_match(d->names, state, &value, &len, &next); ok && !listed;
         ok = giji_ac_next_match(d->names, next, &value, &len, &next))
        listed = !(value & 1) && (session || s != name || d->g->e[value / 2].type == type) && n - len <= 3 && len >= 2 &&
                 !(n > len && is_country(d, head, n - len)) &&
                 !(s != name && !session && d->g->e[value / 2].type == GIJI_ENT_TOPIC && type != GIJI_ENT_TOPIC);
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

/* s[0..n) as a NUL-terminated string in b (reused); NULL when out of
 * memory. */
static const char *copy_of(giji_buf *b, const char *s, size_t n)
{
    giji_buf_clear(b);
    return giji_buf_append(b, s, n) ? NULL : b->data;
}

static int push(giji_discoverer *d, scan *sc, const word *w, const chunk *c,
                size_t b, size_t e, const drule *r, int type, cands *out)
{
    const char *text = copy_of(&d->name, sc->norm + b, e - b);
    if (!text)
        return GIJI_ENOMEM;
    size_t cb = cp_of(sc, b), ce = cp_of(sc, e);
    /* whether it holds a digit, from the text's digit runs (the regex
     * rules of a stop row need one; scanning the name cost more) */
    int digits = chunk_has_digit(sc, b, e);
    if (is_stop(d, text, e - b, digits, word_at(w, c, b)) || listed_with_modifier(d, text, sc->cps, cb, ce, type))
        return GIJI_OK;
    /* the name is the text itself: no copy (the text outlives the candidate) */
    cand cd = {.start = cb, .end = ce, .entity = -1, .type = type, .name = sc->norm + b,
               .namelen = e - b, .rule = r->label, .priority = 0};
    return cands_push(out, cd);
}

/* The last code point of s[b..e), e > b, in valid UTF-8 (NFKC text): its
 * lead byte is at most 3 back. Inline, since it runs for every chunk:
 * calling giji_utf8_prev (which validates) there cost 12.7 M instructions
 * per pass over the 1 MB corpus, more than the new rules themselves
 * (bench/README.md). */
static inline uint32_t last_cp(const char *s, size_t b, size_t e)
{
    size_t at = e - 1;
    while (at > b && ((unsigned char)s[at] & 0xC0) == 0x80)
        at--;
    const unsigned char *p = (const unsigned char *)s + at;
    switch (e - at) {
    case 1: return p[0];
    case 2: return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
    case 3: return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    default: return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 |
                    (p[3] & 0x3F);
    }
}

/* The first code point of valid UTF-8 text s (not empty). */
static inline uint32_t first_cp(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] < 0x80)
        return p[0];
    if (p[0] < 0xE0)
        return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
    if (p[0] < 0xF0)
        return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
    return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 | (uint32_t)(p[2] & 0x3F) << 6 |
           (p[3] & 0x3F);
}

static inline int has_bit(const uint32_t *bits, uint32_t cp)
{
    return (bits[(cp >> 5) & 7] & (1u << (cp & 31))) != 0;
}

/* Does the chunk end in `suffix` at a place where a word may end, with at
 * least `before` characters in front of it? */
static inline int ending_fits(const char *norm, const word *w, const chunk *c, const char *suffix, size_t sl,
                       size_t before)
{
    size_t len = c->e - c->b;
    if (len < sl + before || memcmp(norm + c->e - sl, suffix, sl) != 0)
        return 0;
    size_t at = c->e - sl;
    size_t chars = 0;
    for (size_t i = c->b; i < at && chars < before; i++)
        chars += ((unsigned char)norm[i] & 0xC0) != 0x80;
    if (chars < before)
        return 0;
    if (at == c->b)
        return 1;
    for (size_t i = c->w0; i < c->w1; i++) {
        if (w[i].b == at)
            return 1; /* the suffix starts a word */
        if (w[i].b < at && at < w[i].e)
            return w_unknown(&w[i]) || w_proper(&w[i]); /* inside an unknown or proper word */
    }
    return 0;
}

/* A suffix rule's ending: at least 2 characters before it ("AI法", "IT戦略",
 * "五庁会合"). */
static int suffix_fits(const char *norm, const word *w, const chunk *c, const char *suffix, size_t sl)
{
    return ending_fits(norm, w, c, suffix, sl, 2);
}

/* The longest suffix rule the chunk ends in (the first of equally long
 * ones), or NULL; `last` is the chunk's last code point. Only the rules ending in the chunk's last code point can
 * fit. */
static const drule *best_suffix(const giji_discoverer *d, const char *norm, const word *w, const chunk *c,
                                uint32_t last)
{
    const drule *best = NULL;
    if (!d->sfx_indexed) {
        for (size_t i = d->first[K_SUFFIX]; i < d->first[K_SUFFIX + 1]; i++) {
            const drule *r = &d->rules[i];
            if (suffix_fits(norm, w, c, r->text, r->len) && (!best || r->len > best->len))
                best = r;
        }
        return best;
    }
    /* most chunks end in a code point no suffix ends in: one bit says so */
    if (!(d->sfx_bits[(last >> 5) & 7] & (1u << (last & 31))))
        return NULL;
    /* the first entry for `last` (the bit says there is one), by halving
     * with a conditional move: which half the text's code point falls in
     * is no pattern a branch predictor learns */
    size_t lo = 0;
    for (size_t len = d->nsfx; len > 1;) {
        size_t half = len / 2;
        lo = d->sfx[lo + half - 1].cp < last ? lo + half : lo;
        len -= half;
    }
    lo += d->sfx[lo].cp < last;
    for (size_t k = lo; k < d->nsfx && d->sfx[k].cp == last; k++) {
        const drule *r = &d->rules[d->sfx[k].rule];
        if (suffix_fits(norm, w, c, r->text, r->len) && (!best || r->len > best->len))
            best = r;
    }
    return best;
}

/* Does the chunk start with a listed country name of one or two words
 * (欧州, 日米 as 日 + 米) that is not the whole chunk? With `org`, a listed
 * organisation counts too (APEC, G7 as G + 7). */
static int starts_with_country(const giji_discoverer *d, scan *sc, const word *w, const chunk *c, int org)
{
    size_t cb = cp_of(sc, c->b);
    for (size_t k = c->w0; k < c->w1 - 1 && k < c->w0 + 2; k++) {
        size_t ce = cp_of(sc, w[k].e);
        if (ce > cb && (is_country(d, sc->cps + cb, ce - cb) ||
                        (org && is_listed(d, sc->cps + cb, ce - cb, GIJI_ENT_ORG))))
            return 1;
    }
    return 0;
}

/* The longest connector of kind k (K_LINK, K_JOIN) that norm[0..at) ends
 * in: its length in bytes, or 0. */
static size_t connector_before(const giji_discoverer *d, int k, const char *norm, size_t at, const drule **which)
{
    size_t best = 0;
    for (size_t i = d->first[k]; i < d->first[k + 1]; i++) {
        const drule *r = &d->rules[i];
        if (r->len > best && r->len <= at && !memcmp(norm + at - r->len, r->text, r->len)) {
            best = r->len;
            if (which)
                *which = r;
        }
    }
    return best;
}

/* Where a part of kanji followed by at most two kana ("打上げ") that ends at
 * `end` starts, or `end` when there is none. */
static size_t verb_part(const char *norm, size_t end)
{
    size_t at = end, kana = 0, kanji = 0;
    while (at > 0 && kanji <= 6) {
        size_t b;
        uint32_t cp = giji_utf8_prev(norm, at, &b);
        if (cp >= 0x3041 && cp <= 0x3096 && !kanji && kana < 2)
            kana++;
        else if (cp >= 0x4E00 && cp <= 0x9FFF)
            kanji++;
        else
            break;
        at = b;
    }
    return kanji && kanji <= 6 ? at : end;
}

/* Titles written with particles, which no run of nouns can hold: bills
 * ("…の管理に関する法律の一部を改正する法律案"), guidelines ("金融分野における
 * サイバーセキュリティに関するガイドライン"), plans ("医療DXの推進に関する工程表").
 * The chunk c ends in a title head (a title row: 法律, 法律案, ガイドライン…)
 * and a link (に関する, の一部を改正する, における…) comes right before it.
 * The title then goes back over runs of nouns separated by links or joins
 * (の, 及び, な…), up to MAX_TITLE_PARTS of them, and starts at the first
 * run of the series. When that start is generic (a stop or prefix row:
 * "本…", "我が国…"), the next run starts it instead. Tried only for chunks
 * that end in a head's last code point and have a link right before them:
 * most chunks fail the first test on one bit. */
static int try_title(giji_discoverer *d, scan *sc, const word *w, const chunk *c, cands *out)
{
    const char *norm = sc->norm;
    /* most chunks ending like a head have no link before them: one bit says so */
    if (c->b == 0 || !has_bit(d->link_bits, last_cp(norm, 0, c->b)))
        return GIJI_OK;
    const drule *head = NULL;
    for (size_t i = d->first[K_TITLE]; i < d->first[K_TITLE + 1]; i++) {
        const drule *r = &d->rules[i];
        if ((!head || r->len > head->len) && ending_fits(norm, w, c, r->text, r->len, 0))
            head = r;
    }
    if (!head || !connector_before(d, K_LINK, norm, c->b, NULL))
        return GIJI_OK;
    size_t starts[MAX_TITLE_PARTS], firstw[MAX_TITLE_PARTS], parts = 0;
    int weak[MAX_TITLE_PARTS];   /* a part MeCab does not take for nouns: never the title's start */
    /* the parts that count towards min_parts: a part joined by "・" to the
     * one after it is one item of a list ("健康・医療に関する指針" is still
     * one run before the link, a theme) */
    size_t counted[MAX_TITLE_PARTS];
    size_t at = c->b, k = c->w0, link0 = c->b;
    int alone = 0;   /* the link before the head makes a title of one run ("医療法等の一部を改正する") */
    while (parts < MAX_TITLE_PARTS) {
        const drule *link = NULL, *join = NULL;
        size_t cl = connector_before(d, K_LINK, norm, at, &link);
        if (!cl && !(parts && (cl = connector_before(d, K_JOIN, norm, at, &join))))
            break;
        int dot = join && !strcmp(join->text, "・");
        counted[parts] = parts ? counted[parts - 1] + !dot : 1;
        if (!parts) {
            alone = link->type == LINK_ALONE;
            link0 = at - cl;
        }
        size_t end = at - cl;
        /* the run of nouns (after an optional prefix word) that ends where
         * the connector starts */
        while (k > 0 && w[k - 1].b >= end)
            k--;
        if (k == 0 || w[k - 1].e != end || !w_noun(&w[k - 1])) {
            /* "人工衛星等の打上げ及び…": MeCab reads 打上げ as a verb. Kanji with at
             * most two kana after them may stand between two connectors; the
             * title then needs a run of nouns further back. */
            size_t vb = verb_part(norm, end);
            if (!parts || vb == end)
                break;
            while (k > 0 && w[k - 1].b >= vb)
                k--;
            starts[parts] = vb;
            firstw[parts] = 0;
            weak[parts++] = 1;
            at = vb;
            continue;
        }
        size_t j = k - 1;
        while (j > 0 && !w_gap(&w[j]) && w_noun(&w[j - 1]) && joinable(norm, &w[j - 1], &w[j]))
            j--;
        if (j > 0 && !w_gap(&w[j]) && w_prefix(&w[j - 1]) && joinable(norm, &w[j - 1], &w[j]))
            j--;
        starts[parts] = w[j].b;
        firstw[parts] = w[j].e - w[j].b;
        weak[parts++] = 0;
        at = w[j].b;
        k = j;
    }
    /* one run before a link is mostly a theme, not a title: "サイバー攻撃に関する
     * 法律の整備" is no law's name, "サイバーセキュリティ基本法の一部を改正する法律案"
     * is a bill's. A head with more words than the head itself ("…に関する国際
     * 行動規範", "…における…対策チェックリスト") names one document, unless those
     * words are a theme of the topic list ("…における国際規範"). */
    size_t min_parts = 2;
    if (alone)
        min_parts = 1;
    else if (c->e - c->b > head->len) {
        size_t hb = cp_of(sc, c->b), he = cp_of(sc, c->e);
        if (!is_listed(d, sc->cps + hb, he - hb, GIJI_ENT_TOPIC))
            min_parts = 1;
    }
    while (parts > 0) {
        parts--;
        if (weak[parts] || counted[parts] < min_parts)
            continue;
        /* nor is a theme of the topic list, however written ("情報の共有に関する法律") */
        size_t tb = cp_of(sc, starts[parts]), te = cp_of(sc, link0);
        if (!alone && is_listed(d, sc->cps + tb, te - tb, GIJI_ENT_TOPIC))
            continue;
        const char *text = copy_of(&d->name, norm + starts[parts], c->e - starts[parts]);
        if (!text)
            return GIJI_ENOMEM;
        if (is_stop(d, text, c->e - starts[parts], chunk_has_digit(sc, starts[parts], c->e), firstw[parts]))
            continue;
        chunk t = {.b = starts[parts], .e = c->e, .w0 = k, .w1 = c->w1};
        return push(d, sc, w, &t, t.b, t.e, head, head->type, out);
    }
    return GIJI_OK;
}

/* Chunks joined by "・" ("健康・医療・介護ワーキング・グループ"): MeCab takes "・"
 * for a symbol, so no chunk holds one, and a suffix rule whose text holds
 * one ("ワーキング・グループ") is tried on the run of chunks c stands for,
 * from the first one joined to the next by "・" to the end of the last. The
 * longest such suffix gives the candidate; the other rules saw each chunk. */
static int apply_dotted(giji_discoverer *d, scan *sc, const word *w, const chunk *c, cands *out)
{
    const drule *best = NULL;
    for (size_t i = d->first[K_SUFFIX]; i < d->first[K_SUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        if (r->dot && (!best || r->len > best->len) && suffix_fits(sc->norm, w, c, r->text, r->len))
            best = r;
    }
    return best ? push(d, sc, w, c, c->b, c->e, best, best->type, out) : GIJI_OK;
}

/* The chunk's length in characters (cp_of is asked for its start first:
 * its cursor only moves forward). */
static size_t chunk_chars(scan *sc, const chunk *c)
{
    size_t b = cp_of(sc, c->b);
    return cp_of(sc, c->e) - b;
}

/* Does s[0..n) start with a Latin abbreviation in brackets, "(RIA)": a
 * letter, then 1 to 11 more ASCII letters, digits, "-" or "&" (as the
 * extractor's abbreviations)? */
static int abbr_follows(const char *s, size_t n)
{
    if (n < 4 || s[0] != '(' || !((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z')))
        return 0;
    size_t k = 2;
    while (k < n && k <= 12 &&
           ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9') ||
            s[k] == '-' || s[k] == '&'))
        k++;
    return k >= 3 && k < n && s[k] == ')';
}

/* Where a name that goes on in hiragana after a lead word ends, or 0.
 * MeCab reads the hiragana of such names as verbs and particles
 * ("株式会社すくすくラボ": すくすく an adverb; "みずのわ": み ず の わ), so no
 * noun chunk holds them: at pos, at least 2 hiragana neither starting nor
 * ending with a particle (が, に, の ...: "株式会社が開発", "株式会社による
 * サービス" are no names), then at least 2
 * characters of katakana, kanji, Latin letters or digits with a katakana or
 * a Latin letter among them (a kanji or two after a particle is a verb's
 * stem or a noun: "株式会社として取り組む", "…などが参加"). */
static size_t hiragana_name_end(const char *norm, size_t pos, size_t len)
{
    size_t p = pos, nh = 0, k;
    uint32_t cp = 0, last = 0;
    while (p < len && (k = giji_utf8_decode(norm + p, len - p, &cp)) && cp >= 0x3041 && cp <= 0x3096) {
        if (++nh > 12)
            return 0;
        last = cp;
        p += k;
    }
    /* が は を に で と も の へ や か */
    static const uint32_t particles[] = {0x304C, 0x306F, 0x3092, 0x306B, 0x3067, 0x3068, 0x3082, 0x306E,
                                         0x3078, 0x3084, 0x304B};
    if (nh < 2)
        return 0;
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++)
        if (last == particles[i])
            return 0;
    /* nor a particle or a compound particle ("株式会社によるサービス",
     * "…としてのサービス", "…などがデータ") */
    static const char *const functional[] = {"が", "は", "を", "へ", "に", "と", "で", "など", "から",
                                             "まで", "より", "のみ", "ほか", "及び", "並びに"};
    for (size_t i = 0; i < sizeof functional / sizeof *functional; i++)
        if (!strncmp(norm + pos, functional[i], strlen(functional[i])))
            return 0;
    size_t q = p, nn = 0;
    int marked = 0;
    while (q < len && (k = giji_utf8_decode(norm + q, len - q, &cp))) {
        int kana = (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FB;
        int latin = cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
        int other = (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3005 || (cp >= '0' && cp <= '9');
        if (!kana && !latin && !other)
            break;
        marked |= kana || latin;
        nn++;
        q += k;
    }
    return nn >= 2 && marked ? q : 0;
}

/* A lead word ("株式会社", "特定非営利活動法人") inside a chunk, after other
 * words ("私ども一般社団法人しまなみ関係人口ラボ": the name starts at it), or
 * ending it with the name going on in hiragana (hiragana_name_end). The
 * span and its row go to *b, *e and *rule; 0 when there is none. */
static int lead_span(const giji_discoverer *d, const scan *sc, const word *w, const chunk *c, size_t *b,
                     size_t *e, const drule **rule)
{
    const char *norm = sc->norm;
    for (size_t k = c->w0; k < c->w1; k++) {
        if (w[k].b < c->b || !has_bit(d->lead_bits, first_cp(norm + w[k].b)))
            continue;
        for (size_t i = d->first[K_LEAD]; i < d->first[K_LEAD + 1]; i++) {
            const drule *r = &d->rules[i];
            size_t at = w[k].b;
            if (r->text[0] == '(' || at + r->len > c->e || memcmp(norm + at, r->text, r->len) != 0)
                continue;
            size_t kk = k;
            while (kk < c->w1 && w[kk].e < at + r->len)
                kk++;
            if (kk >= c->w1 || w[kk].e != at + r->len)
                continue;
            size_t end = kk + 1 < c->w1 ? c->e : hiragana_name_end(norm, c->e, sc->len);
            if (end) {
                *b = at;
                *e = end;
                *rule = r;
                return 1;
            }
        }
    }
    return 0;
}

/* Where the quotation that ends right before byte `at` of norm opens
 * ("「光の道」" before "構想"), or SIZE_MAX: no 」 there, or no 「 within
 * QUOTE_MAX_BYTES before it without a sentence's end or another quotation
 * in between. */
static size_t quote_before(const char *norm, size_t at)
{
    static const char open[] = "「", close[] = "」";
    if (at < 9 || memcmp(norm + at - 3, close, 3) != 0)
        return SIZE_MAX;
    size_t lim = at - 3 > QUOTE_MAX_BYTES ? at - 3 - QUOTE_MAX_BYTES : 0;
    for (size_t i = at - 3; i >= lim + 3; i--) {
        const char *p = norm + i - 3;
        if (!memcmp(p, open, 3))
            return i < at - 3 ? i - 3 : SIZE_MAX;   /* 「」 is no name */
        if (!memcmp(p, close, 3) || !memcmp(p, "。", 3) || *p == '\n')
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

static int apply_rules(giji_discoverer *d, scan *sc, const word *w, const char *const *feats, const chunk *c,
                       uint32_t last_code, cands *out)
{
    const char *norm = sc->norm;
    const char *text = NULL;   /* the chunk as a string, made when a regex must run */
    int rc = GIJI_OK, done = 0;
    /* regex rules first: they are the most specific. A rule that needs a
     * digit or a literal the chunk lacks cannot match: skip regexec, it
     * is costly. */
    int digits = chunk_has_digit(sc, c->b, c->e);
    /* a name in quotation marks before its ending ("「光の道」構想"): the
     * quotation is no chunk (its words are not all nouns), so the name runs
     * back from the ending over it */
    size_t qb = d->first[K_QSUFFIX] < d->first[K_QSUFFIX + 1] ? quote_before(norm, c->b) : SIZE_MAX;
    for (size_t i = d->first[K_QSUFFIX]; qb != SIZE_MAX && !rc && !done && i < d->first[K_QSUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        size_t e = c->e;
        while (e > c->b && norm[e - 1] >= '0' && norm[e - 1] <= '9')   /* 「…」創造戦略2022 */
            e--;
        if (e - c->b < r->len || memcmp(norm + e - r->len, r->text, r->len) != 0)
            continue;
        rc = push(d, sc, w, c, qb, c->e, r, r->type, out);
        done = 1;
    }
    /* only the rules the chunk's first code point allows, and without a
     * digit in it only those that need none, in file order (rx_index) */
    const rx_index *ix = &d->rx;
    const uint64_t *allow = ix->by_first + (size_t)(first_cp(norm + c->b) & 255) * ix->words;
    for (size_t wi = 0; !rc && !done && wi < ix->words; wi++) {
        for (uint64_t m = allow[wi] & (digits ? ~0ull : ix->nodigit[wi]); m && !rc && !done; m &= m - 1) {
            const drule *r = &d->rules[ix->base + 64 * wi + lowest_bit(m)];
            regmatch_t rm;
            if (!may_match(r, norm + c->b, c->e - c->b, digits))
                continue;
            if (!text && !(text = copy_of(&d->chunk, norm + c->b, c->e - c->b)))
                return GIJI_ENOMEM;
            if (regexec(&r->re, text, 1, &rm, 0) != 0 || rm.rm_eo <= rm.rm_so)
                continue;
            rc = push(d, sc, w, c, c->b + (size_t)rm.rm_so, c->b + (size_t)rm.rm_eo, r, r->type, out);
            done = 1;
        }
    }
    /* A listed country or organisation in front of an ending that would
     * otherwise name a body ("APEC首脳会議", "G20閣僚会議" are meetings, not
     * councils): before the suffixes, which would take 会議. */
    int lsfx = has_bit(d->lsfx_bits, last_code) && !done && c->w1 - c->w0 >= 2;
    for (size_t i = d->first[K_LSUFFIX]; lsfx && !rc && !done && i < d->first[K_LSUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        if (!suffix_fits(norm, w, c, r->text, r->len) || !starts_with_country(d, sc, w, c, 1))
            continue;
        rc = push(d, sc, w, c, c->b, c->e, r, r->type, out);
        done = 1;
    }
    /* A legal form at the chunk's start ("公益社団法人商事法務研究会",
     * "特定非営利活動法人…会議") names an organisation whatever the ending,
     * which the suffixes would make a council or a ministry: tried first. */
    int lead = !done && c->w1 - c->w0 >= 2 && has_bit(d->lead_bits, first_cp(norm + c->b));
    for (size_t i = d->first[K_LEAD]; lead && !rc && !done && i < d->first[K_LEAD + 1]; i++) {
        const drule *r = &d->rules[i];
        if (c->e - c->b <= r->len || memcmp(norm + c->b, r->text, r->len) != 0)
            continue;
        size_t k = c->w0;
        while (k < c->w1 && w[k].e < c->b + r->len)
            k++;
        if (k + 1 >= c->w1 || w[k].e != c->b + r->len)
            continue;
        rc = push(d, sc, w, c, c->b, c->e, r, r->type, out);
        done = 1;
    }
    /* the longest suffix */
    const drule *best = done ? NULL : best_suffix(d, norm, w, c, last_code);
    if (!rc && best) {
        rc = push(d, sc, w, c, c->b, c->e, best, best->type, out);
        done = 1;
    }
    /* Words that start names ("株式会社ソラトビ・スペースワークス"; MeCab cuts
     * "一般社団法人" into three): the chunk is those words and at least one more. */
    /* "(株)みなとネット" (NFKC of ㈱): a lead in brackets is no word of the
     * chunk; it stands right before it */
    int blead = !done && c->b > 0 && norm[c->b - 1] == ')';
    for (size_t i = d->first[K_LEAD]; blead && !rc && !done && i < d->first[K_LEAD + 1]; i++) {
        const drule *r = &d->rules[i];
        if (r->text[0] != '(' || c->b < r->len || memcmp(norm + c->b - r->len, r->text, r->len) != 0)
            continue;
        rc = push(d, sc, w, c, c->b - r->len, c->e, r, r->type, out);
        done = 1;
    }
    /* a lead word later in the chunk, or one the name goes on from in
     * hiragana (lead_span) */
    if (!rc && !done && d->first[K_LEAD] < d->first[K_LEAD + 1]) {
        size_t lb, le;
        const drule *lr;
        if (lead_span(d, sc, w, c, &lb, &le, &lr)) {
            rc = push(d, sc, w, c, lb, le, lr, lr->type, out);
            done = 1;
        }
    }
    /* A listed country in front of a body no suffix rule takes ("欧州宇宙機関",
     * "米国宇宙軍"): such endings alone are mostly generic (医療機関, 研究機関),
     * with a country's name in front they name one body. Without this, the
     * gazetteer's 欧州 or 米国 is all that is found. */
    int csfx = has_bit(d->csfx_bits, last_code);
    for (size_t i = d->first[K_CSUFFIX]; csfx && !rc && !done && i < d->first[K_CSUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        if (c->w1 - c->w0 < 2 || !suffix_fits(norm, w, c, r->text, r->len) || !starts_with_country(d, sc, w, c, 0))
            continue;
        rc = push(d, sc, w, c, c->b, c->e, r, r->type, out);
        done = 1;
    }
    /* Endings that mostly close generic phrases (届出制度, 補助事業): a name
     * needs at least WSUFFIX_BEFORE characters before the ending ("育成就労
     * 制度", "自家用車活用事業"), and a listed topic before it is the topic's
     * mention ("セキュリティ・クリアランス制度"), not another name. */
    int wsfx = !done && has_bit(d->wsfx_bits, last_code);
    for (size_t i = d->first[K_WSUFFIX]; wsfx && !rc && !done && i < d->first[K_WSUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        if (!ending_fits(norm, w, c, r->text, r->len, WSUFFIX_BEFORE))
            continue;
        size_t hb = cp_of(sc, c->b), he = cp_of(sc, c->e - r->len);
        if (is_listed(d, sc->cps + hb, he - hb, GIJI_ENT_TOPIC))
            continue;
        rc = push(d, sc, w, c, c->b, c->e, r, r->type, out);
        done = 1;
    }
    /* MeCab's own tags: the chunk's last word that is not a suffix (経済同友会;
     * 日本経済新聞 + 社) names the entity, from that word to the chunk's end */
    size_t head = c->w1 - 1;
    while (head > c->w0 && w_suffix_pos(&w[head]))
        head--;
    const word *last = &w[head];
    /* unknown words get guessed tags (パニッシュメント as an organisation) */
    size_t tag_end = w_ascii(last) || w_unknown(last) ? d->first[K_TAG] : d->first[K_TAG + 1];
    /* one character is no name by its tag alone: 米 of 米の価格 is rice,
     * not the United States (which the gazetteer lists as 米国, 日米, …) */
    if (chars_between(sc, last->b, c->e) < 2)
        tag_end = d->first[K_TAG];
    for (size_t i = d->first[K_TAG]; !rc && !done && i < tag_end; i++) {
        const drule *r = &d->rules[i];
        if (r->tagbit ? !(last->f & r->tagbit) : strncmp(feats[head], r->feature, r->flen) != 0)
            continue;
        rc = push(d, sc, w, c, last->b, c->e, r, r->type, out);
        done = 1;
    }
    /* A chunk right before a Latin abbreviation in brackets names something
     * ("規制影響分析（RIA）"): the longest abbr row it ends in ("*": any)
     * gives its type. The abbreviation itself is added by the extractor. */
    /* (a line's end may come between: "…工業会" / "（JAHIS）") */
    size_t ab = c->e + (c->e + 1 < sc->len && norm[c->e] == '\n');
    if (ab < sc->len && norm[ab] == '(' && !rc && !done && d->first[K_ABBR] < d->first[K_ABBR + 1] &&
        abbr_follows(norm + ab, sc->len - ab) && chunk_chars(sc, c) >= ABBR_CHUNK) {
        const drule *best_abbr = NULL;
        for (size_t i = d->first[K_ABBR]; i < d->first[K_ABBR + 1]; i++) {
            const drule *r = &d->rules[i];
            int any = r->len == 1 && r->text[0] == '*';
            if ((any ? !best_abbr : !best_abbr || r->len > best_abbr->len || best_abbr->text[0] == '*') &&
                (any || ending_fits(norm, w, c, r->text, r->len, 2)))
                best_abbr = r;
        }
        if (best_abbr) {
            /* "*": the kind of name its suffix says, when it ends in one a
             * too short stem kept from firing ("第10回太平洋・島サミット（PALM10）"
             * is an event, "島サミット" alone no name); else the row's type */
            int type = best_abbr->type;
            if (best_abbr->len == 1 && best_abbr->text[0] == '*') {
                size_t best_len = 0;
                for (size_t i = d->first[K_SUFFIX]; i < d->first[K_SUFFIX + 1]; i++) {
                    const drule *r = &d->rules[i];
                    if (r->len > best_len && ending_fits(norm, w, c, r->text, r->len, 1)) {
                        best_len = r->len;
                        type = r->type;
                    }
                }
            }
            rc = push(d, sc, w, c, c->b, c->e, best_abbr, type, out);
            done = 1;
        }
    }
    return rc;
}

/* The runs of ASCII digits of norm into d->runs (strpbrk finds them fast). */
static int digit_runs(giji_discoverer *d, const char *norm, size_t *n)
{
    *n = 0;
    for (const char *p = norm; (p = strpbrk(p, "0123456789"));) {
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (2 * *n + 2 > d->rcap) {
            size_t cap = d->rcap ? d->rcap * 2 : 64;
            size_t *r = realloc(d->runs, cap * sizeof *r);
            if (!r)
                return GIJI_NOMEM();
            d->runs = r;
            d->rcap = cap;
        }
        d->runs[2 * *n] = (size_t)(p - norm);
        d->runs[2 * *n + 1] = (size_t)(q - norm);
        (*n)++;
        p = q;
    }
    return GIJI_OK;
}

void giji_discover_forget(giji_discoverer *d)
{
    d->nwords = 0;
}

int giji_discover_parse(giji_discoverer *d, const char *norm, size_t len, size_t *first, size_t *n)
{
    *first = d->nwords;
    return words_of(d, norm, len, n);
}

/* Does s[0..n) end in the text of a suffix rule (a name of its own:
 * "警察庁", "総務省")? */
static int ends_in_suffix(const giji_discoverer *d, const char *s, size_t n)
{
    for (size_t i = d->first[K_SUFFIX]; i < d->first[K_WSUFFIX + 1]; i++) {
        const drule *r = &d->rules[i];
        int kind = i < d->first[K_SUFFIX + 1] ? K_SUFFIX : i >= d->first[K_WSUFFIX] ? K_WSUFFIX : -1;
        if (kind >= 0 && r->len <= n && !memcmp(s + n - r->len, r->text, r->len))
            return 1;
    }
    return 0;
}

/* A name the rules found in chunk c, when c follows short words joined to
 * it by "・" ("孤独・孤立対策重点計画": MeCab takes "・" for a symbol, so the
 * chunk is "孤立対策重点計画"), starts at the first of those words: each is
 * at most eight characters ("内閣府科学技術・イノベーション推進事務局"; four
 * before, measured over the unseen documents: two had fewer false mentions,
 * none more) and none is a name of its own ("警察庁・総務省" are two). The candidates the chunk gave from its start (from out[from] on)
 * get a twin that starts there; the longer one wins the overlap. */
enum { DOT_PART_MAX_BYTES = 8 * 3 };

static int extend_over_dots(giji_discoverer *d, scan *sc, size_t run_b, const chunk *c, size_t from, cands *out)
{
    const char *norm = sc->norm;
    for (size_t b = run_b; b < c->b;) {
        size_t e = b;
        while (e < c->b && !(e + 3 <= c->b && !memcmp(norm + e, "\xe3\x83\xbb", 3)))
            e++;
        if (e == b || e - b > DOT_PART_MAX_BYTES || ends_in_suffix(d, norm + b, e - b))
            return GIJI_OK;
        b = e + 3;
    }
    size_t nb = cp_of(sc, run_b), cb = cp_of(sc, c->b);
    for (size_t k = from, n = out->n; k < n; k++) {
        cand cd = out->c[k];
        if (cd.entity != -1 || cd.start != cb)
            continue;
        cd.namelen += (size_t)(cd.name - (norm + run_b));
        cd.name = norm + run_b;
        cd.start = nb;
        int rc = cands_push(out, cd);
        if (rc)
            return rc;
    }
    return GIJI_OK;
}

/* ---- English names ---------------------------------------------------------- *
 *
 * MeCab reads an English sentence as one run of unknown nouns, so the chunk
 * rules see "The UK AI Security Institute published the International AI
 * Safety Report" as one chunk. Names in English passages are found on the
 * text instead: a run of capitalised words (and acronyms), joined by single
 * spaces and the small words of the enjoin rows ("Code of Practice",
 * "Department for Science, Innovation and Technology": a comma list that
 * ends in "and" + a capitalised word), naming an entity when one of its
 * words is an enhead row; the first such word gives the type ("Network of
 * AI Safety Institutes" is an organisation, "Center for AI Standards" a
 * government body). Capitalised words of the enskip rows (The, In, …)
 * start no name; those of the enstop rows (Chief, Minister, …) end one
 * before them. Only ASCII runs are read, once each. */

/* The rule of kind k whose text is s[0..n), or NULL. */
static const drule *word_rule(const giji_discoverer *d, int k, const char *s, size_t n)
{
    for (size_t i = d->first[k]; i < d->first[k + 1]; i++)
        if (d->rules[i].len == n && !memcmp(d->rules[i].text, s, n))
            return &d->rules[i];
    return NULL;
}

static int en_alnum(unsigned char ch) { return giji_cp_is_ascii_alnum(ch); }

static int en_capital(const char *s, size_t i, size_t len) { return i < len && s[i] >= 'A' && s[i] <= 'Z'; }

/* The end of the word at s[i..): letters and digits, with '-' or '\''
 * between two of them (General-Purpose, America's). */
static size_t en_word(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && (en_alnum((unsigned char)s[j]) ||
                       ((s[j] == '-' || s[j] == '\'') && j > i && j + 1 < len && en_alnum((unsigned char)s[j + 1]))))
        j++;
    return j;
}

/* After ", " at s[i..): capitalised words separated by ", ", then " and "
 * and a capitalised word (a list inside a name)? */
static int en_list_follows(const giji_discoverer *d, const char *s, size_t i, size_t len)
{
    for (;;) {
        if (!en_capital(s, i, len))
            return 0;
        size_t e = en_word(s, i, len);
        if (e + 2 < len && s[e] == ',' && s[e + 1] == ' ') {
            i = e + 2;
            continue;
        }
        if (e + 1 < len && s[e] == ' ') {
            size_t je = en_word(s, e + 1, len);
            return je > e + 1 && word_rule(d, K_ENJOIN, s + e + 1, je - e - 1) && je + 1 < len && s[je] == ' ' &&
                   en_capital(s, je + 1, len);
        }
        return 0;
    }
}

/* The English names of the ASCII run of norm from byte `from`; *until
 * gets where the run ends. */
static int english_names(giji_discoverer *d, scan *sc, size_t from, size_t *until, cands *out)
{
    const char *s = sc->norm;
    size_t len = sc->len, i = from;
    while (i < len && (unsigned char)s[i] < 0x80) {
        if (!en_capital(s, i, len) || (i > 0 && en_alnum((unsigned char)s[i - 1]))) {
            i++;
            continue;
        }
        size_t b = i, e = i, t = i, words = 0;
        const drule *head = NULL;
        int joined = 0;
        for (;;) {
            size_t te = en_word(s, t, len);
            if (te == t)
                break;
            if (en_capital(s, t, len)) {
                if (word_rule(d, K_ENSTOP, s + t, te - t))
                    break;   /* a person's title: "Bureau Chief Garcia" names no bureau */
                if (!words && word_rule(d, K_ENSKIP, s + t, te - t)) {
                    b = te + 1;   /* not a name's first word: the name may start after it */
                } else {
                    const drule *r = head ? NULL : word_rule(d, K_ENHEAD, s + t, te - t);
                    head = r ? r : head;
                    e = te;
                    words++;
                }
            } else if (!words || !word_rule(d, K_ENJOIN, s + t, te - t)) {
                break;
            } else {
                joined = 1;
            }
            t = te;
            if (t + 1 < len && s[t] == ' ') {
                t++;
            } else if (joined && head && t + 2 < len && s[t] == ',' && s[t + 1] == ' ' &&
                       en_list_follows(d, s, t + 2, len)) {
                t += 2;
            } else {
                break;
            }
        }
        if (head && words >= 2) {
            cand cd = {.start = cp_of(sc, b), .end = cp_of(sc, e), .entity = -1, .type = head->type,
                       .name = s + b, .namelen = e - b, .rule = head->label, .priority = 0};
            if (cands_push(out, cd))
                return GIJI_ENOMEM;
        }
        i = t > i ? t : i + 1;
    }
    *until = i;
    return GIJI_OK;
}

int giji_discover_words(giji_discoverer *d, const char *norm, size_t len, size_t first, size_t nw,
                        const uint32_t *cps, cands *out)
{
    scan sc = {.norm = norm, .len = len, .cps = cps};
    int rc = digit_runs(d, norm, &sc.ndigits);
    sc.digits = d->runs;
    const word *w = d->words + first;
    const char *const *feats = d->need_feature ? d->feats + first : NULL;
    /* the chunks joined by "・" so far: from dot.b (word dot.w0); the next
     * one would start at dot_next (SIZE_MAX: the last chunk had no "・" after it) */
    chunk dot = {0};
    size_t dot_next = SIZE_MAX;
    size_t en_done = 0;   /* English names are read up to here */
    const int english = d->first[K_ENHEAD] < d->first[K_ENHEAD + 1];
    for (size_t i = 0; !rc && i < nw;) {
        if (english && w_ascii(&w[i]) && w[i].b >= en_done) {
            size_t from = w[i].b;   /* the run's start: its first words may not be kept */
            while (from > en_done && (unsigned char)norm[from - 1] < 0x80)
                from--;
            rc = english_names(d, &sc, from, &en_done, out);
        }
        if (!(w_noun(&w[i]) || w_prefix(&w[i]))) {
            i++;
            continue;
        }
        chunk c = {.b = w[i].b, .w0 = i};
        size_t j = i + 1;
        /* a word after a gap did not follow the one before it: a word not
         * kept, so no noun, came between (see words_of) */
        /* a prefix of nouns inside the run joins it when a noun follows:
         * "特定" + "非" + "営利活動法人…" is one name */
        while (j < nw && !w_gap(&w[j]) && joinable(norm, &w[j - 1], &w[j]) &&
               (w_noun(&w[j]) || ((w[j].f & W_NPREFIX) && j + 1 < nw && !w_gap(&w[j + 1]) &&
                                  w_noun(&w[j + 1]) && joinable(norm, &w[j], &w[j + 1]))))
            j++;
        /* "…の日": the chunk, の, 日, and then no noun */
        if (j + 1 < nw && !w_gap(&w[j]) && !w_gap(&w[j + 1]) && w[j].e - w[j].b == 3 &&
            !memcmp(norm + w[j].b, "の", 3) && w[j + 1].e - w[j + 1].b == 3 && !memcmp(norm + w[j + 1].b, "日", 3) &&
            w[j - 1].e == w[j].b && w[j].e == w[j + 1].b &&
            (j + 2 >= nw || w_gap(&w[j + 2]) || !w_noun(&w[j + 2])))
            j += 2;
        c.w1 = j;
        c.e = w[j - 1].e;
        if (!(j == i + 1 && w_prefix(&w[i]))) {
            uint32_t last = last_cp(norm, c.b, c.e);
            size_t from = out->n;
            rc = apply_rules(d, &sc, w, feats, &c, last, out);
            if (!rc && has_bit(d->title_bits, last))
                rc = try_title(d, &sc, w, &c, out);
            if (!rc && out->n > from && c.b == dot_next)
                rc = extend_over_dots(d, &sc, dot.b, &c, from, out);
            /* "・" is E3 83 BB */
            int dot_after = c.e + 3 <= len && (unsigned char)norm[c.e + 2] == 0xBB &&
                            (unsigned char)norm[c.e + 1] == 0x83 && (unsigned char)norm[c.e] == 0xE3;
            if (c.b == dot_next) {
                dot.e = c.e;
                dot.w1 = c.w1;
                if (!rc && d->dotted)
                    rc = apply_dotted(d, &sc, w, &dot, out);
            } else if (dot_after) {
                dot.b = c.b;
                dot.w0 = c.w0;
            }
            dot_next = dot_after ? c.e + 3 : SIZE_MAX;
        } else {
            dot_next = SIZE_MAX;
        }
        i = j;
    }
    return rc;
}

int giji_discover(giji_discoverer *d, const char *norm, const uint32_t *cps, size_t ncps, cands *out)
{
    (void)ncps;
    size_t first, nw;
    giji_discover_forget(d);
    size_t len = strlen(norm);
    int rc = giji_discover_parse(d, norm, len, &first, &nw);
    if (!rc)
        rc = giji_discover_words(d, norm, len, first, nw, cps, out);
    giji_discover_forget(d);
    return rc;
}

/* ---- regex analysis --------------------------------------------------------- */

/* Length of the bracket expression starting at p ('['), up to and with
 * its ']'; classes like [:digit:] inside it are skipped whole. */
static size_t bracket_len(const char *p)
{
    const char *q = p + 1;
    if (*q == '^')
        q++;
    if (*q == ']')
        q++;
    while (*q && *q != ']') {
        if (*q == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
            char close = q[1];
            q += 2;
            while (*q && !(*q == close && q[1] == ']'))
                q++;
            if (*q)
                q += 2;
            continue;
        }
        q++;
    }
    return (size_t)((*q ? q + 1 : q) - p);
}

void giji_regex_needs_all(const char *re, char (*lits)[GIJI_REGEX_LIT], size_t max, size_t *n, int *digit)
{
    char run[256];
    size_t rn = 0;
    int depth = 0, alt = 0;
    *digit = 0;
    *n = 0;
#define END_RUN()                                                   \
    do {                                                            \
        if (rn && rn < GIJI_REGEX_LIT && *n < max) {                \
            memcpy(lits[*n], run, rn);                              \
            lits[(*n)++][rn] = '\0';                                \
        }                                                           \
        rn = 0;                                                     \
    } while (0)
    for (const char *p = re; *p;) {
        unsigned char ch = (unsigned char)*p;
        size_t k = 1;
        int kind = 0;   /* 0 operator or other, 1 literal, 2 [0-9], 3 an escaped symbol ("\\.") */
        if (ch == '\\') {
            k = p[1] ? 2 : 1;   /* other escapes (\\w, \\1): not worth understanding */
            if (p[1] && strchr(".[](){}*+?|^$\\", p[1]))
                kind = 3;
        } else if (ch == '(') {
            depth++;
        } else if (ch == ')') {
            if (depth)
                depth--;
        } else if (ch == '|') {
            if (!depth)
                alt = 1;
        } else if (ch == '[') {
            k = bracket_len(p);
            kind = k == 5 && !strncmp(p, "[0-9]", 5) ? 2 : 0;
        } else if (ch == '{') {
            while (p[k] && p[k - 1] != '}')
                k++;
        } else if (!strchr("?*+^$.", ch)) {
            kind = 1;
            k = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
            for (size_t i = 1; i < k; i++)
                if (!p[i])
                    k = i;
        }
        const char *nx = p + k;
        int optional = *nx == '?' || *nx == '*' || (*nx == '{' && (nx[1] == '0' || nx[1] == ','));
        int repeated = *nx == '+' || *nx == '{';
        if (depth || kind == 0 || optional) {
            END_RUN();
        } else if (kind == 2) {
            *digit = 1;
            END_RUN();
        } else {
            /* an escaped symbol is its second byte */
            size_t from = kind == 3 ? 1 : 0;
            if (rn + k - from < sizeof run) {
                memcpy(run + rn, p + from, k - from);
                rn += k - from;
            }
            if (repeated)
                END_RUN();
        }
        p = nx;
    }
    END_RUN();
#undef END_RUN
    if (alt) {
        *n = 0;
        *digit = 0;
    }
}

void giji_regex_needs(const char *re, char *lit, size_t cap, int *digit)
{
    char lits[32][GIJI_REGEX_LIT];
    size_t n;
    giji_regex_needs_all(re, lits, 32, &n, digit);
    lit[0] = '\0';
    size_t best = 0;
    for (size_t i = 0; i < n; i++) {   /* the first of the longest */
        size_t l = strlen(lits[i]);
        if (l > best && l < cap) {
            memcpy(lit, lits[i], l + 1);
            best = l;
        }
    }
}

/* Is p at a quantifier that makes what comes before it optional? */
static int optional_at(const char *p)
{
    return *p == '?' || *p == '*' || (*p == '{' && (p[1] == '0' || p[1] == ','));
}

/* Does regex re hold a '|' outside groups (two patterns)? Escapes and
 * brackets are skipped. */
static int top_level_alt(const char *re)
{
    int depth = 0;
    for (const char *p = re; *p;) {
        if (*p == '\\') {
            p += p[1] ? 2 : 1;
            continue;
        }
        if (*p == '[') {
            p += bracket_len(p);
            continue;
        }
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth)
            depth--;
        else if (*p == '|' && !depth)
            return 1;
        p++;
    }
    return 0;
}

/* The literal alternatives of the group from open ('(') to close (its
 * ')') into alts, lens and *n; 0 when one is empty, too long or holds
 * more than literal characters, or there are too many. */
static int literal_alts(const char *open, const char *close, char (*alts)[32], size_t *lens, size_t *n)
{
    *n = 0;
    const char *a = open + 1;
    for (const char *c = a;; c++) {
        if (c == close || *c == '|') {
            size_t len = (size_t)(c - a);
            if (!len || len >= 32 || *n == GIJI_REGEX_ALTS)
                return 0;
            memcpy(alts[*n], a, len);
            lens[(*n)++] = len;
            if (c == close)
                return 1;
            a = c + 1;
        } else if (strchr("\\[](){}.^$?*+", *c)) {
            return 0;
        }
    }
}

/* A group of literal alternatives at p, not made optional: into
 * out->start_alt (see giji_regex_ends). */
static void start_alternatives(const char *p, giji_regex_ends *out)
{
    if (*p != '(')
        return;
    const char *close = p + 1;
    while (*close && !strchr("()\\[", *close))
        close++;
    if (*close != ')' || optional_at(close + 1))
        return;
    giji_regex_ends alts = {0};
    if (!literal_alts(p, close, alts.start_alt, alts.start_alt_len, &alts.nstart_alt))
        return;
    memcpy(out->start_alt, alts.start_alt, sizeof alts.start_alt);
    memcpy(out->start_alt_len, alts.start_alt_len, sizeof alts.start_alt_len);
    out->nstart_alt = alts.nstart_alt;
}

void giji_regex_anchors(const char *re, giji_regex_ends *out)
{
    memset(out, 0, sizeof *out);
    size_t n = strlen(re);
    /* a '|' outside groups: two patterns, nothing certain */
    if (top_level_alt(re))
        return;
    if (re[0] == '^') {
        const char *p = re + 1;
        if (!strncmp(p, "[0-9]", 5) && !optional_at(p + 5)) {
            out->start_digit = 1;
            out->start_digits = p[5] == '{' ? (size_t)strtoul(p + 6, NULL, 10) : 1;
            if (!out->start_digits)
                out->start_digits = 1;
        } else {
            /* literal characters, each not made optional; one followed by
             * '+' or '{' still starts every match, and ends the run */
            size_t k = 0;
            while (*p && !strchr("\\[(.^$?*+{|)", *p)) {
                unsigned char ch = (unsigned char)*p;
                size_t len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
                if (strlen(p) < len || optional_at(p + len))
                    break;
                if (k + len >= sizeof out->start)
                    break;
                memcpy(out->start + k, p, len);
                k += len;
                p += len;
                if (*p == '+' || *p == '{')
                    break;
            }
            out->start_len = k;
            out->start[k] = '\0';
            /* the run ended at a group, not at a character that is
             * optional or repeated */
            start_alternatives(p, out);
        }
    }
    /* "[0-9]$", "[0-9]+$", "[0-9]{N}$", "[0-9]{N,M}$" with N >= 1 (and '$'
     * not escaped): every match ends in a digit at the end of the text */
    if (n < 2 || re[n - 1] != '$' || re[n - 2] == '\\')
        return;
    const char *q = re + n - 1;   /* at '$' */
    size_t digits = 0;            /* at least this many digits before '$' */
    int exact = 1;                /* and exactly this many */
    const char *d = q;
    if (q[-1] == '+') {
        d = q - 1;
        exact = 0;
    } else if (q[-1] == '}') {
        const char *b = q - 1;
        while (b > re && *b != '{')
            b--;
        if (*b != '{' || b[1] == '0' || b[1] == ',')
            return;
        digits = (size_t)strtoul(b + 1, NULL, 10);
        for (const char *c = b + 1; c < q - 1; c++)
            if (*c == ',')
                exact = 0;
        d = b;
    }
    if (d - re >= 5 && !strncmp(d - 5, "[0-9]", 5) && (d - 5 == re || d[-6] != '\\')) {
        out->end_digit = 1;
        out->end_digits = digits ? digits : 1;
        d -= 5;
    } else if (d != q) {
        return;   /* a quantifier on something else */
    }
    /* before them (or before '$'): a group of literal alternatives */
    if (!exact || d - re < 2 || d[-1] != ')' || d[-2] == '\\')
        return;
    const char *open = d - 1;
    while (open > re && *open != '(')
        open--;
    if (*open != '(' || (open > re && open[-1] == '\\'))
        return;
    giji_regex_ends alts = {0};
    if (!literal_alts(open, d - 1, alts.end_alt, alts.end_alt_len, &alts.nend_alt))
        return;
    memcpy(out->end_alt, alts.end_alt, sizeof alts.end_alt);
    memcpy(out->end_alt_len, alts.end_alt_len, sizeof alts.end_alt_len);
    out->nend_alt = alts.nend_alt;
}
