/*
 * extract/extract.c — the extractor: gazetteer names in an Aho–Corasick
 * automaton, candidates from discovery, and the leftmost-longest choice
 * among them; mentions mapped back to code points of the remark text.
 * Not responsible for loading the gazetteer (gazetteer.c), MeCab
 * (discover.c) or speakers (infer.c).
 */
#include "extract/internal.h"
#include "giji/normalize.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"
#include "giji/segment.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/* The entities of the meeting being extracted, by name: which of them a
 * candidate names. Open addressing, linear probing; a slot keeps the
 * name's hash, the entity's index in the meeting (+ 1; 0: empty) and its
 * gazetteer index (-1: discovered, or an entity the meeting came with),
 * so that a gazetteer candidate is recognised by its index and its
 * precomputed hash, without reading the name, and growing needs no name.
 * The names themselves are the meeting's (giji_entity.name). One index is
 * kept by the extractor and emptied for each meeting: a fresh string map
 * per meeting, which copied every name and was grown three times, cost a
 * malloc and free per entity and missed the caches (bench/README.md,
 * fourth round). */
typedef struct ent_slot { uint64_t hash; int32_t ent; int32_t gz; } ent_slot;
typedef struct ent_index { ent_slot *s; size_t cap, n; } ent_index;

/* What matching reads of a gazetteer entity for each of its mentions, in
 * one compact array: the gazetteer's rows (gz_entity) and their names lie
 * all over the heap, and reading them for every mention (the type, the
 * name's length) missed the caches. */
typedef struct gz_key {
    uint64_t hash;           /* name_hash of the canonical name */
    const char *name;        /* the copy in the extractor's pack (see gz_pack) */
    uint32_t len;            /* strlen(name) */
    int type;
    size_t pack;             /* where the entity's record starts in the pack */
} gz_key;

/* What a meeting's entity copies from a gazetteer entity the first time
 * it is named (entity_for), packed per entity in one block: the number of
 * aliases and the parent's type (-1: no parent), then the name, the
 * aliases and the parent's name, each as its length (4 bytes) and its
 * bytes with the NUL. The gazetteer's own strings and rows lie all over
 * the heap: copying them took a strlen and a miss per string, and
 * entity_for was 3% of extraction's time (perf; bench/README.md, tenth
 * round). */
typedef struct gz_pack { char *b; size_t len, cap; } gz_pack;

struct giji_extractor {
    const giji_gazetteer *g;
    gz_key *gz;              /* per gazetteer entity, what matching reads (see gz_key) */
    gz_pack pack;            /* per gazetteer entity, what a meeting's entity copies (see gz_pack) */
    ent_index seen;          /* the meeting's entities (see ent_index) */
    giji_ac *ac;
    giji_discoverer *disc;   /* NULL when discovery is off */
    giji_inferrer *inf;      /* NULL when inference is off */
    /* What is made per text is kept here and reused from meeting to
     * meeting, not allocated per remark: large blocks allocated and freed
     * per remark made glibc consolidate its free lists each time (a
     * fifth of extraction's own instructions went to malloc and free). */
    giji_nfkc_store nfkc;    /* the NFKC, code points and offset maps of the texts prepared */
    struct prepared *pp;     /* the prepared texts of a meeting */
    size_t ppcap;
    cands cs;                /* the candidates of the text being matched */
    struct mspan *spans;     /* where the chosen ones are in the text (see extract_prepared) */
    size_t spancap;
    uint32_t *cpbuf;         /* the code points of the text being matched (see decode_cps) */
    uint32_t *cpat;          /* where each of them starts in its NFKC (see decode_cps) */
    size_t cpcap;
    /* The abbreviations defined in brackets so far in the meeting (or the
     * text) being matched ("国立健康危機管理研究機構（JIHS）"), so that a later
     * bare JIHS is found; emptied for each. */
    struct abbrev *abbrs;
    size_t nabbr, abbrcap;
    int abbr_on;
};

/* An abbreviation and the candidate it stands for (its entity, type and
 * name; a discovered name points into the NFKC of the remark that defined
 * it, which lives as long as the meeting's batch). */
typedef struct abbrev {
    uint32_t cp[12];   /* folded, as in the texts' code points */
    size_t n;
    cand proto;
} abbrev;

int cands_push(cands *cs, cand c)
{
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 32;
        cand *p = realloc(cs->c, cap * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        cs->c = p;
        cs->cap = cap;
    }
    cs->c[cs->n++] = c;
    return GIJI_OK;
}

/* Empty cs, keeping its memory for the next text (the candidates own
 * nothing). */
static void cands_clear(cands *cs)
{
    cs->n = 0;
}

void cands_free(cands *cs)
{
    free(cs->c);
    free(cs->tmp);
    memset(cs, 0, sizeof *cs);
}

/* FNV-1a of name[0..len). */
static uint64_t name_hash(const char *name, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)name[i]) * 1099511628211ull;
    return h;
}

/* Empty the index for the next meeting, keeping its memory. */
static void seen_clear(ent_index *ix)
{
    if (ix->n)
        memset(ix->s, 0, ix->cap * sizeof *ix->s);
    ix->n = 0;
}

/* The slot of the entity named name[0..len) (hash h; gazetteer index gz,
 * or -1) among ents, or the empty slot where it would go. */
static ent_slot *seen_slot(const ent_index *ix, const giji_entity *ents, uint64_t h, int gz, const char *name,
                           size_t len)
{
    size_t mask = ix->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        ent_slot *sl = &ix->s[i];
        if (!sl->ent)
            return sl;
        if (sl->hash != h)
            continue;
        if (gz >= 0 && sl->gz == gz)
            return sl;
        const char *en = ents[sl->ent - 1].name;
        if (!strncmp(en, name, len) && en[len] == '\0')
            return sl;
    }
}

/* Index of the meeting's entity named name[0..len), or -1. */
static int seen_find(const ent_index *ix, const giji_entity *ents, uint64_t h, int gz, const char *name,
                     size_t len)
{
    if (!ix->n)
        return -1;
    const ent_slot *sl = seen_slot(ix, ents, h, gz, name, len);
    return sl->ent ? sl->ent - 1 : -1;
}

/* Room for one more entity: at most half full. */
static int seen_room(ent_index *ix)
{
    if ((ix->n + 1) * 2 <= ix->cap)
        return GIJI_OK;
    size_t cap = ix->cap ? 2 * ix->cap : 256;
    ent_slot *s = calloc(cap, sizeof *s);
    if (!s)
        return GIJI_NOMEM();
    for (size_t i = 0; i < ix->cap; i++) {   /* the hashes are kept: no name is read */
        const ent_slot *o = &ix->s[i];
        if (!o->ent)
            continue;
        size_t j = (size_t)o->hash & (cap - 1);
        while (s[j].ent)
            j = (j + 1) & (cap - 1);
        s[j] = *o;
    }
    free(ix->s);
    ix->s = s;
    ix->cap = cap;
    return GIJI_OK;
}

/* Entity idx of ents is named name[0..len) (hash h, gazetteer index gz or
 * -1); an entity of the same name already there is replaced. */
static int seen_put(ent_index *ix, const giji_entity *ents, uint64_t h, int gz, const char *name, size_t len,
                    size_t idx)
{
    if (seen_room(ix))
        return GIJI_ENOMEM;
    ent_slot *sl = seen_slot(ix, ents, h, gz, name, len);
    if (!sl->ent)
        ix->n++;
    sl->hash = h;
    sl->gz = gz;
    sl->ent = (int32_t)idx + 1;
    return GIJI_OK;
}

/* Append n bytes to the pack. */
static int pack_put(gz_pack *pk, const void *p, size_t n)
{
    if (pk->len + n > pk->cap) {
        size_t cap = pk->cap ? pk->cap : 4096;
        while (cap < pk->len + n)
            cap *= 2;
        char *b = realloc(pk->b, cap);
        if (!b)
            return GIJI_NOMEM();
        pk->b = b;
        pk->cap = cap;
    }
    memcpy(pk->b + pk->len, p, n);
    pk->len += n;
    return GIJI_OK;
}

/* A string into the pack: its length, then its bytes and the NUL. */
static int pack_str(gz_pack *pk, const char *s, size_t n)
{
    uint32_t len = (uint32_t)n;
    return pack_put(pk, &len, sizeof len) || pack_put(pk, s, n + 1) ? GIJI_ENOMEM : GIJI_OK;
}

/* Gazetteer entity i's record into the pack (see gz_pack). */
static int pack_entity(giji_extractor *x, size_t i)
{
    const gz_entity *ge = &x->g->e[i];
    uint32_t nal = (uint32_t)ge->naliases;
    int32_t ptype = ge->parent_idx >= 0 ? (int32_t)x->g->e[ge->parent_idx].type : -1;
    x->gz[i].pack = x->pack.len;
    if (ge->naliases > UINT32_MAX)
        return giji_error_set(GIJI_EINVAL, "gazetteer entity '%s' has too many aliases", ge->name);
    if (pack_put(&x->pack, &nal, sizeof nal) || pack_put(&x->pack, &ptype, sizeof ptype) ||
        pack_str(&x->pack, ge->name, x->gz[i].len))
        return GIJI_ENOMEM;
    for (size_t a = 0; a < ge->naliases; a++)
        if (pack_str(&x->pack, ge->aliases[a], strlen(ge->aliases[a])))
            return GIJI_ENOMEM;
    if (ge->parent_idx >= 0) {
        const char *pn = x->g->e[ge->parent_idx].name;
        if (pack_str(&x->pack, pn, strlen(pn)))
            return GIJI_ENOMEM;
    }
    return GIJI_OK;
}

/* The next string of a pack record at *p (see gz_pack), copied into a
 * new allocation; *p moves past it. */
static char *pack_dup(const char **p)
{
    uint32_t len;
    memcpy(&len, *p, sizeof len);
    const char *s = *p + sizeof len;
    *p = s + len + 1;
    char *d = malloc((size_t)len + 1);
    if (!d) {
        GIJI_NOMEM();
        return NULL;
    }
    memcpy(d, s, (size_t)len + 1);
    return d;
}

/* Every name and alias into the automaton; one name for two entities is
 * an error naming both. */
/* Automaton values: entity index * 2, plus 1 for a contextual ("~") alias. */
static int add_name(giji_extractor *x, const char *name, int idx)
{
    int contextual = name[0] == '~';
    uint32_t *cps;
    size_t n;
    int rc = giji_match_form(name + contextual, &cps, &n);
    if (rc)
        return rc;
    int existing = -1;
    if (n)
        rc = giji_ac_add(x->ac, cps, n, idx * 2 + contextual, &existing);
    free(cps);
    if (!rc && existing >= 0 && existing / 2 != idx) {
        const gz_entity *a = &x->g->e[existing / 2], *b = &x->g->e[idx];
        return giji_error_set(GIJI_EINVAL, "%s:%u: name '%s' of '%s' already names '%s' (%s:%u)", b->file, b->line,
                              name, b->name, a->name, a->file, a->line);
    }
    return rc;
}

int giji_extractor_new(const giji_gazetteer *g, const char *datadir,
                       const giji_extract_options *opt, giji_extractor **out)
{
    *out = NULL;
    giji_extractor *x = calloc(1, sizeof *x);
    if (!x)
        return GIJI_NOMEM();
    x->g = g;
    int rc = (x->ac = giji_ac_new()) ? GIJI_OK : GIJI_ENOMEM;
    if (!rc && !(x->gz = malloc((g->n ? g->n : 1) * sizeof *x->gz)))
        rc = GIJI_NOMEM();
    for (size_t i = 0; !rc && i < g->n; i++) {
        size_t len = strlen(g->e[i].name);
        if (len > UINT32_MAX) {
            rc = giji_error_set(GIJI_EINVAL, "gazetteer name too long (%zu bytes)", len);
            break;
        }
        x->gz[i] = (gz_key){.hash = name_hash(g->e[i].name, len), .len = (uint32_t)len, .type = g->e[i].type};
        rc = pack_entity(x, i);
    }
    /* the names point into the pack once it no longer moves */
    for (size_t i = 0; !rc && i < g->n; i++)
        x->gz[i].name = x->pack.b + x->gz[i].pack + sizeof(uint32_t) + sizeof(int32_t) + sizeof(uint32_t);
    for (size_t i = 0; !rc && i < g->n; i++) {
        rc = add_name(x, g->e[i].name, (int)i);
        for (size_t k = 0; !rc && k < g->e[i].naliases; k++)
            rc = add_name(x, g->e[i].aliases[k], (int)i);
    }
    if (!rc)
        rc = giji_ac_build(x->ac);
    if (!rc && (!opt || opt->discover))
        rc = giji_discoverer_new(datadir, g, x->ac, &x->disc);
    if (!rc && (!opt || opt->infer))
        rc = giji_inferrer_new(datadir, &x->inf);
    if (rc) {
        giji_extractor_free(x);
        return rc;
    }
    *out = x;
    return GIJI_OK;
}

void giji_extractor_free(giji_extractor *x)
{
    if (!x)
        return;
    giji_ac_free(x->ac);
    free(x->gz);
    free(x->pack.b);
    free(x->seen.s);
    giji_discoverer_free(x->disc);
    giji_inferrer_free(x->inf);
    giji_nfkc_store_free(&x->nfkc);
    free(x->pp);
    free(x->spans);
    free(x->cpbuf);
    free(x->cpat);
    free(x->abbrs);
    cands_free(&x->cs);
    free(x);
}

static int ascii_alnum(uint32_t cp) { return giji_cp_is_ascii_alnum(cp); }
static int digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* What gazetteer_hit needs at each position where a name ends. */
typedef struct gz_scan {
    const giji_extractor *x;
    const uint32_t *cps;
    size_t n;
    cands *out;
} gz_scan;

static int ascii_lower(uint32_t cp) { return cp >= 'a' && cp <= 'z'; }
static int ascii_letter(uint32_t cp) { return ascii_lower(cp | 0x20); }

/* Is cps[b..e) (folded) a Latin word inside English prose: letters only,
 * with a letter one space before or after it? */
static int in_english(const uint32_t *cps, size_t b, size_t e, size_t n)
{
    for (size_t k = b; k < e; k++)
        if (!ascii_lower(cps[k]))
            return 0;
    return (b >= 2 && cps[b - 1] == ' ' && ascii_letter(cps[b - 2])) ||
           (e + 1 < n && cps[e] == ' ' && ascii_letter(cps[e + 1]));
}

/* Drop the gazetteer candidates cs->c[first..] that are English words in
 * small letters inside English prose: "its" and "us" of an English
 * sentence are not the acronyms ITS and US that the case folding made
 * them ("nisc、" among Japanese still is NISC, and "ITS" in capitals in
 * English too). norm is the text the folded cps were decoded from; the
 * byte of a candidate's first code point is found by a walk, which only
 * the rare Latin candidates next to English words take. */
static void drop_english_words(const char *norm, size_t len, const uint32_t *cps, size_t ncp, cands *cs,
                               size_t first)
{
    size_t w = first, cp = 0, byte = 0;
    for (size_t i = first; i < cs->n; i++) {
        const cand *c = &cs->c[i];
        int drop = 0;
        if (in_english(cps, (size_t)c->start, (size_t)c->end, ncp)) {
            if ((size_t)c->start < cp)
                cp = byte = 0;
            uint32_t u;
            while (cp < (size_t)c->start && byte < len) {
                size_t k = giji_utf8_decode(norm + byte, len - byte, &u);
                byte += k ? k : 1;
                cp++;
            }
            drop = 1;   /* in small letters as written: an English word */
            for (size_t b = byte; b < len && b < byte + (size_t)(c->end - c->start); b++)
                if (norm[b] >= 'A' && norm[b] <= 'Z')
                    drop = 0;
        }
        if (!drop)
            cs->c[w++] = *c;
    }
    cs->n = w;
}

/* At end position i: the longest name ending there that does not cut a
 * Latin word in two ("EU" is not in "EUC"). */
static int gazetteer_hit(void *ctx, size_t i, uint32_t m)
{
    const gz_scan *g = ctx;
    const uint32_t *cps = g->cps;
    int value;
    size_t len;
    uint32_t next;
    for (int ok = giji_ac_next_match(g->x->ac, m, &value, &len, &next); ok;
         ok = giji_ac_next_match(g->x->ac, next, &value, &len, &next)) {
        size_t start = i + 1 - len;
        /* a digit before a letter is no cut: "①IT新改革戦略" is "1IT…" in NFKC */
        int cut = (ascii_alnum(cps[start]) && start > 0 && ascii_alnum(cps[start - 1]) &&
                   !(digit(cps[start - 1]) && !digit(cps[start]))) ||
                  (ascii_alnum(cps[i]) && i + 1 < g->n && ascii_alnum(cps[i + 1]));
        if (!cut) {
            cand c = {.start = start, .end = i + 1, .entity = value / 2,
                      .type = g->x->gz[value / 2].type, .priority = 1, .contextual = value & 1};
            return cands_push(g->out, c) ? GIJI_ENOMEM : GIJI_OK;
        }
    }
    return GIJI_OK;
}

/* Gazetteer candidates: at each end position the longest name that does
 * not cut a Latin word in two. */
static int gazetteer_cands(const giji_extractor *x, const uint32_t *cps, size_t n, cands *out)
{
    gz_scan g = {.x = x, .cps = cps, .n = n, .out = out};
    return giji_ac_scan(x->ac, cps, n, gazetteer_hit, &g);
}

/* Names are stored with white space runs folded to one space; fold the
 * text the same way for the automaton and map the matches back. Most
 * texts have no run of two spaces: they go to the automaton as they are. */
static int gazetteer_cands_folded(const giji_extractor *x, const uint32_t *cps, size_t n, cands *out)
{
    /* no early exit: the loop is then vectorised, and texts with a run
     * of spaces are rare */
    int runs = 0;
    for (size_t i = 1; i < n; i++)
        runs |= (cps[i] == ' ') & (cps[i - 1] == ' ');
    if (!runs)
        return gazetteer_cands(x, cps, n, out);
    uint32_t *folded = malloc((n + 1) * sizeof *folded);
    size_t *at = malloc((n + 1) * sizeof *at);
    if (!folded || !at) {
        free(folded);
        free(at);
        return GIJI_NOMEM();
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] == ' ' && k && folded[k - 1] == ' ')
            continue;
        folded[k] = cps[i];
        at[k++] = i;
    }
    size_t first = out->n;
    int rc = gazetteer_cands(x, folded, k, out);
    for (size_t i = first; !rc && i < out->n; i++) {
        out->c[i].start = at[out->c[i].start];
        out->c[i].end = at[out->c[i].end - 1] + 1;
    }
    free(folded);
    free(at);
    return rc;
}

static inline int cmp_cand(const cand *x, const cand *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return y->priority - x->priority;
}

/* Insertion sort of c[0..n): stable. */
static void insertion_sort(cand *c, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        cand v = c[i];
        size_t j = i;
        for (; j > 0 && cmp_cand(&c[j - 1], &v) > 0; j--)
            c[j] = c[j - 1];
        c[j] = v;
    }
}

/* Merge sort of c[0..n) with room for n / 2 + 1 in tmp: stable, the left
 * one first among equals. */
static void merge_sort(cand *c, size_t n, cand *tmp)
{
    if (n <= 12) {
        insertion_sort(c, n);
        return;
    }
    size_t h = n / 2, i = 0, j = h, k = 0;
    merge_sort(c, h, tmp);
    merge_sort(c + h, n - h, tmp);
    if (cmp_cand(&c[h - 1], &c[h]) <= 0)   /* already in order, as candidates mostly are */
        return;
    memcpy(tmp, c, h * sizeof *c);
    while (i < h && j < n)
        c[k++] = cmp_cand(&c[j], &tmp[i]) < 0 ? c[j++] : tmp[i++];
    while (i < h)
        c[k++] = tmp[i++];
}

/* Sort cs->c[0..n) by cmp_cand, stably: equal candidates (same span and
 * priority) keep the order they were found in, as glibc's qsort (a merge
 * sort) kept them, and on every C library alike. qsort also allocated a
 * buffer per remark with more than a few candidates; this one is kept in
 * cs. Without the memory for it, an insertion sort (also stable). */
static void sort_cands(cands *cs, size_t n)
{
    if (n < 2)
        return;
    size_t need = n / 2 + 1;
    if (need > cs->tmpcap) {
        cand *t = realloc(cs->tmp, need * sizeof *t);
        if (!t) {
            insertion_sort(cs->c, n);
            return;
        }
        cs->tmp = t;
        cs->tmpcap = need;
    }
    merge_sort(cs->c, n, cs->tmp);
}

/* Leftmost-longest: sort, then keep each candidate that starts after the
 * last kept one ends. Kept candidates are moved to the front. */
static size_t select_cands(cands *cs)
{
    sort_cands(cs, cs->n);
    size_t kept = 0, last_end = 0;
    for (size_t i = 0; i < cs->n; i++) {
        if (kept && cs->c[i].start < last_end)
            continue;
        if (i != kept) {
            cand tmp = cs->c[kept];
            cs->c[kept] = cs->c[i];
            cs->c[i] = tmp;
        }
        last_end = cs->c[kept].end;
        kept++;
    }
    return kept;
}

/* The meeting-level entity for a candidate (added on first use). */
/* A discovered name's canonical spelling: a count of years, rounds or terms
 * in kanji numerals written in digits, at the name's start or after 第 or
 * an era (令和八年度予算 -> 令和8年度予算, 第三次… -> 第3次…, 二〇二五年… ->
 * 2025年…), so that both spellings name one entity; the mentions keep the
 * text as written. Writes it to out[cap] and returns its length; 0 when
 * the name has no such numeral (most names: one pass finds none). */
static size_t canonical_numbers(const char *name, size_t len, char *out, size_t cap)
{
    int any = 0;   /* first, one pass for a numeral right before a counter */
    uint32_t prev = 0;
    for (size_t i = 0, k; i < len && !any; i += k ? k : 1) {
        uint32_t cp = 0;
        k = giji_utf8_decode(name + i, len - i, &cp);
        /* 年 次 回 期 */
        any = (cp == 0x5E74 || cp == 0x6B21 || cp == 0x56DE || cp == 0x671F) && giji_cp_is_kanji_digit(prev);
        prev = cp;
    }
    if (!any)
        return 0;
    static const char *const before[] = {"第", "令和", "平成", "昭和", "大正", "明治"};
    static const char *const after[] = {"年", "次", "回", "期"};
    size_t w = 0, i = 0;
    int changed = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = giji_utf8_decode(name + i, len - i, &cp), j = i;
        int lead = i == 0;
        for (size_t b = 0; !lead && b < sizeof before / sizeof *before; b++) {
            size_t bl = strlen(before[b]);
            lead = i >= bl && !memcmp(name + i - bl, before[b], bl);
        }
        while (lead && j < len && (k = giji_utf8_decode(name + j, len - j, &cp)) && giji_cp_is_kanji_digit(cp))
            j += k;
        int counted = 0;
        for (size_t a = 0; j > i && a < sizeof after / sizeof *after && !counted; a++)
            counted = j + strlen(after[a]) <= len && !memcmp(name + j, after[a], strlen(after[a]));
        char run[64];
        long v;
        if (counted && j - i < sizeof run) {
            memcpy(run, name + i, j - i);
            run[j - i] = '\0';
            if (giji_number_parse(run, &v) == (int)(j - i) && v >= 0 && w + 24 < cap) {
                w += (size_t)snprintf(out + w, cap - w, "%ld", v);
                i = j;
                changed = 1;
                continue;
            }
        }
        k = giji_utf8_decode(name + i, len - i, &cp);
        if (!k)
            k = 1;
        if (w + k >= cap)
            return 0;
        memcpy(out + w, name + i, k);
        w += k;
        i += k;
    }
    if (!changed)
        return 0;
    out[w] = '\0';
    return w;
}

static int entity_for(giji_extractor *x, const cand *c, giji_entity **ents, size_t *nents, size_t *cap,
                      size_t *idx)
{
    const gz_key *k = c->entity >= 0 ? &x->gz[c->entity] : NULL;
    const char *name = k ? k->name : c->name;
    size_t len = k ? k->len : c->namelen;
    char canon[512];
    size_t clen = k ? 0 : canonical_numbers(name, len, canon, sizeof canon);
    if (clen) {
        name = canon;
        len = clen;
    }
    uint64_t h = k ? k->hash : name_hash(name, len);
    int at = seen_find(&x->seen, *ents, h, c->entity, name, len);
    if (at >= 0) {
        *idx = (size_t)at;
        return GIJI_OK;
    }
    /* doubling, from 128 (a meeting names about a hundred entities): one
     * at a time was a realloc per entity, and from 16 a meeting's reallocs
     * were 1.35% of extraction's perf samples (0.33% from 128) */
    if (*nents == *cap) {
        size_t ncap = *cap ? 2 * *cap : 128;
        giji_entity *p = realloc(*ents, ncap * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        *ents = p;
        *cap = ncap;
    }
    giji_entity *e = &(*ents)[*nents];
    memset(e, 0, sizeof *e);
    e->type = c->type;
    e->discovered = k == NULL;
    if (k) {   /* all from the entity's record in the pack (see gz_pack) */
        const char *p = x->pack.b + k->pack;
        uint32_t nal;
        int32_t ptype;
        memcpy(&nal, p, sizeof nal);
        memcpy(&ptype, p + sizeof nal, sizeof ptype);
        p += sizeof nal + sizeof ptype;
        if (!(e->name = pack_dup(&p)))
            return GIJI_ENOMEM;
        if (nal && !(e->aliases = calloc(nal, sizeof *e->aliases)))
            return GIJI_NOMEM();
        for (uint32_t a = 0; a < nal; a++) {
            if (!(e->aliases[a] = pack_dup(&p)))
                return GIJI_ENOMEM;
            e->naliases++;
        }
        if (ptype >= 0) {
            e->parent_type = ptype;
            if (!(e->parent = pack_dup(&p)))
                return GIJI_ENOMEM;
        }
    } else if (!(e->name = giji_strndup(name, len)))
        return GIJI_ENOMEM;
    *idx = (*nents)++;
    return seen_put(&x->seen, *ents, h, c->entity, name, len, *idx);
}

/* A contextual alias ("~基本法" of サイバーセキュリティ基本法) counts only when
 * its entity was named before: in an earlier remark of the meeting (among
 * ents, the meeting's entities) or by an earlier chosen mention in this
 * text. Looks at the chosen candidates cs->c[0..kept); removes the first
 * that fails from cs and returns 1, or returns 0 when all are valid. */
static int drop_out_of_context(const giji_extractor *x, cands *cs, size_t kept, const giji_entity *ents)
{
    for (size_t i = 0; i < kept; i++) {
        const cand *c = &cs->c[i];
        if (!c->contextual)
            continue;
        const gz_key *k = &x->gz[c->entity];
        if (seen_find(&x->seen, ents, k->hash, c->entity, k->name, k->len) >= 0)
            continue;
        int named = 0;
        for (size_t j = 0; j < i && !named; j++)
            named = !cs->c[j].contextual && cs->c[j].entity == c->entity;
        if (named)
            continue;
        memmove(&cs->c[i], &cs->c[i + 1], (cs->n - i - 1) * sizeof *cs->c);
        cs->n--;
        return 1;
    }
    return 0;
}

/* Append candidate ab to the kept ones (the front of cs): swap the first
 * unkept one out. The caller sorts the kept ones again. */
static int keep_extra(cands *cs, size_t *kept, cand ab)
{
    if (cands_push(cs, ab))
        return GIJI_ENOMEM;
    cand tmp = cs->c[*kept];
    cs->c[*kept] = cs->c[cs->n - 1];
    cs->c[cs->n - 1] = tmp;
    (*kept)++;
    return GIJI_OK;
}

/* Does [a, b) overlap one of the kept candidates? */
static int overlaps_kept(const cands *cs, size_t kept, size_t a, size_t b)
{
    for (size_t j = 0; j < kept; j++)
        if (cs->c[j].start < b && a < cs->c[j].end)
            return 1;
    return 0;
}

/* The bare uses of the meeting's abbreviations in cps[from..n) that no
 * kept candidate covers, as Latin words (no letter or digit on either
 * side): each is a mention of the abbreviation's entity. They come after
 * the choice of candidates, so any name found there wins over them. */
static int abbreviation_uses(const uint32_t *cps, size_t n, const abbrev *ab, size_t from, cands *cs, size_t *kept)
{
    for (size_t i = from; i + ab->n <= n; i++) {
        if (cps[i] != ab->cp[0] || memcmp(cps + i, ab->cp, ab->n * sizeof *cps) != 0)
            continue;
        if ((i > 0 && giji_cp_is_ascii_alnum(cps[i - 1])) || (i + ab->n < n && giji_cp_is_ascii_alnum(cps[i + ab->n])))
            continue;
        if (overlaps_kept(cs, *kept, i, i + ab->n))
            continue;
        cand c = ab->proto;
        c.start = i;
        c.end = i + ab->n;
        c.rule = "abbreviation";
        if (keep_extra(cs, kept, c))
            return GIJI_ENOMEM;
    }
    return GIJI_OK;
}

/* "国家緊急事態管理庁（NEMA）": a Latin abbreviation in brackets right after
 * a name is another name of the same entity. Adds candidates to the kept
 * ones (the front of cs), keeping them in order. In a meeting, the
 * abbreviation is remembered, and its bare uses later in the remark and in
 * later remarks are mentions too. */
static int add_abbreviations(giji_extractor *x, const uint32_t *cps, size_t n, cands *cs, size_t *kept)
{
    size_t k0 = *kept;
    for (size_t i = 0; i < k0; i++) {
        const cand *c = &cs->c[i];
        size_t a = c->end;
        if (a + 1 < n && cps[a] == '\n')   /* "…工業会" / "（JAHIS）" */
            a++;
        if (c->type == GIJI_ENT_GENERIC || a >= n || cps[a] != '(')
            continue;
        size_t b = a + 1;
        while (b < n && b - a <= 12 && (giji_cp_is_ascii_alnum(cps[b]) || cps[b] == '-' || cps[b] == '&'))
            b++;
        if (b >= n || cps[b] != ')' || b - a < 3 || !(cps[a + 1] >= 'a' && cps[a + 1] <= 'z'))
            continue; /* cps are folded: upper case shows as lower case */
        if (overlaps_kept(cs, *kept, a + 1, b))
            continue;
        cand ab = *c;
        ab.start = a + 1;
        ab.end = b;
        ab.rule = "abbreviation";
        if (keep_extra(cs, kept, ab))
            return GIJI_ENOMEM;
        if (!x->abbr_on || b - a - 1 > 12)
            continue;
        if (giji_array_grow(&x->abbrs, &x->abbrcap, x->nabbr, sizeof *x->abbrs))
            return GIJI_ENOMEM;
        abbrev *r = &x->abbrs[x->nabbr++];
        r->n = b - a - 1;
        memcpy(r->cp, cps + a + 1, r->n * sizeof *cps);
        r->proto = ab;
        /* its uses later in this remark */
        if (abbreviation_uses(cps, n, r, b + 1, cs, kept))
            return GIJI_ENOMEM;
    }
    if (*kept > k0)
        sort_cands(cs, *kept);
    return GIJI_OK;
}

/* The bare uses of the abbreviations defined in earlier remarks of the
 * meeting (a remark's own are added by add_abbreviations). */
static int earlier_abbreviations(giji_extractor *x, const uint32_t *cps, size_t n, cands *cs, size_t *kept)
{
    size_t k0 = *kept;
    for (size_t i = 0; i < x->nabbr; i++)
        if (abbreviation_uses(cps, n, &x->abbrs[i], 0, cs, kept))
            return GIJI_ENOMEM;
    if (*kept > k0)
        sort_cands(cs, *kept);
    return GIJI_OK;
}

/* Byte offsets of code points in a text, found walking forward from the
 * last one asked for: mentions come in order of start, so a remark is
 * walked once at most, and only as far as its last mention. */
typedef struct cp_walk { const char *s; size_t byte, cp; } cp_walk;

/* UTF-8 lead bytes in p[0..8): a continuation byte is 10xxxxxx. */
static inline size_t leads8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    uint64_t cont = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;   /* 1 in each continuation byte */
    return 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
}

static size_t cp_byte(cp_walk *w, size_t cp)
{
    if (cp < w->cp) {   /* an end before the next start cannot happen; be safe */
        w->byte = 0;
        w->cp = 0;
    }
    /* The text is valid UTF-8: NFKC checked a text extraction normalised,
     * and one that came with its NFKC (giji_remark.norm) was decoded and
     * checked before segment/ made both. So a lead byte says how long its
     * sequence is, the continuation bytes need no look, and only a lead
     * byte can be the NUL at the end: the text's length is not needed.
     * (Its strlen read the whole text, by then out of the caches.) */
    static const unsigned char seq[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    const unsigned char *u = (const unsigned char *)w->s;
    /* 32 bytes at a time while 32 code points or more are to be passed:
     * they take 32 bytes or more, so the bytes read are the text's and
     * their code points come before cp. Counting lead bytes in words does
     * not wait for each byte's load as stepping by lengths does. */
    while (cp - w->cp >= 32) {
        w->cp += leads8(u + w->byte) + leads8(u + w->byte + 8) + leads8(u + w->byte + 16) + leads8(u + w->byte + 24);
        w->byte += 32;
        while ((u[w->byte] & 0xC0) == 0x80)   /* the rest of a code point the 32 bytes cut */
            w->byte++;
    }
    while (w->cp < cp && u[w->byte]) {
        w->byte += seq[u[w->byte] >> 4];
        w->cp++;
    }
    return w->byte;
}

/* A chosen candidate's place: cs->c[cand], code points [s, e) and bytes
 * [bs, be) of the remark text, and its rule's length. */
typedef struct mspan { size_t cand, s, e, bs, be, rlen; } mspan;

/* A text made ready for matching: its NFKC, its folded code points and
 * the map back to the text's code points, and (with discovery) where its
 * MeCab words are kept. What a meeting keeps from preparing to matching
 * is kept small: every text of a meeting is prepared and goes through
 * MeCab before any is matched, and whatever is written in between pushes
 * MeCab's tables out of the caches (bench/README.md, sixth round). So a
 * remark that comes with its NFKC (giji_remark.norm, the map then the
 * identity) keeps only a pointer to it: its code points are decoded when
 * it is matched, into one buffer reused from remark to remark (x->cpbuf),
 * not kept for the whole meeting, and the NFKC is not copied. A text
 * without one gets its NFKC, code points and map (as runs: most texts are
 * one run) made into x->nfkc. */
typedef struct prepared {
    int ready;               /* prepared (a remark that has its mentions is not) */
    int own;                 /* 1: NFKC, code points and map made in x->nfkc */
    int same;                /* the NFKC's bytes are the text's (giji_remark.norm_is_text) */
    size_t norm_at, cps_at;  /* own: where its NFKC and code points start in x->nfkc */
    const char *norm;        /* the NFKC: the remark's, or x->nfkc.text + norm_at once settled */
    const uint32_t *cps;     /* the code points of norm, folded (giji_fold_cp): own, once
                                settled; else set by decode_cps when the text is matched */
    size_t len;              /* bytes of norm */
    size_t ncp;              /* code points of norm (not own: known once decoded) */
    size_t run0, nrun;       /* own: the map, x->nfkc.runs[run0 .. run0 + nrun); else the identity */
    size_t first, nwords;
} prepared;

/* map[k] of a prepared text, k in [0, ncp]. */
static size_t map_at(const giji_extractor *x, const prepared *p, size_t k)
{
    if (!p->own)
        return k;
    const uint32_t *r = x->nfkc.runs + 2 * p->run0;
    size_t lo = 0, hi = p->nrun;   /* the last run starting at or before k */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (r[2 * mid] <= k) lo = mid;
        else hi = mid;
    }
    return r[2 * lo + 1] + (k - r[2 * lo]);
}

/* Start a batch of texts: x->nfkc and MeCab's words are empty again. */
static void batch_begin(giji_extractor *x)
{
    x->nfkc.text_len = x->nfkc.ncps = x->nfkc.nruns = 0;
    if (x->disc)
        giji_discover_forget(x->disc);
}

/* ---- OCR look-alikes ---------------------------------------------------- *
 *
 * Minutes published only as a scan reach giji through OCR, which reads a
 * katakana as the kanji or hiragana it looks like: "サイバ一攻撃" (一 for ー),
 * "プ口ジェクト" (口 for ロ), "力ギ" (力 for カ), "センタ-". For matching only,
 * such a character next to katakana is read as the katakana; the text, its
 * NFKC and so the surfaces and discovery keep what was written. */

/* The katakana an OCR look-alike stands for, or 0. `dash`: a long vowel
 * mark's look-alike (一, -), which counts after katakana only. */
static inline uint32_t ocr_twin(uint32_t cp, int *dash)
{
    *dash = 0;
    switch (cp) {
    case 0x4E00: *dash = 1; return 0x30FC;   /* 一 ー */
    case '-':    *dash = 1; return 0x30FC;
    case 0x529B: return 0x30AB;              /* 力 カ */
    case 0x53E3: return 0x30ED;              /* 口 ロ */
    case 0x4E8C: return 0x30CB;              /* 二 ニ */
    case 0x5DE5: return 0x30A8;              /* 工 エ */
    case 0x5915: return 0x30BF;              /* 夕 タ */
    case 0x516B: return 0x30CF;              /* 八 ハ */
    case 0x535C: return 0x30C8;              /* 卜 ト */
    case 0x3078: return 0x30D8;              /* へ ヘ */
    case 0x3079: return 0x30D9;              /* べ ベ */
    case 0x307A: return 0x30DA;              /* ぺ ペ */
    default:     return 0;
    }
}

/* Could cp be an OCR look-alike (a cheap test for the decoding loop)? */
static inline int ocr_maybe(uint32_t cp)
{
    return (cp - 0x4E00u) < 0x1000u || (cp - 0x3078u) < 3u;
}

static inline int katakana(uint32_t cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

/* decode_folded's code point cp, after cps[0..n), where cp (`k`) or the
 * one before it is katakana: a look-alike next to katakana is read as the
 * katakana (cps[n - 1] is changed in place; cp is returned). A long vowel
 * mark's look-alike counts after katakana ("サイバ一", "センタ-"); the others
 * before it, and not after a kanji ("プ口ジェクト", "口シア"; not 力 of "協力
 * センター", and "データへの" keeps its particle). */
static uint32_t ocr_next_to_katakana(uint32_t *cps, size_t n, uint32_t cp, int k)
{
    int dash;
    if (k) {
        uint32_t t = n && ocr_maybe(cps[n - 1]) ? ocr_twin(cps[n - 1], &dash) : 0;
        if (t && !dash && !(n >= 2 && giji_cp_is_han(cps[n - 2])))
            cps[n - 1] = t;
        return cp;
    }
    return cp == 0x4E00 || cp == '-' ? 0x30FC : cp;
}

/* The look-alikes among cps[0..n), read as decode_folded reads them (for
 * texts that extraction decodes itself). */
static void ocr_fold(uint32_t *cps, size_t n)
{
    int kata = 0;
    for (size_t i = 0; i < n; i++) {
        int k = katakana(cps[i]);
        if (k | kata)
            cps[i] = ocr_next_to_katakana(cps, i, cps[i], k);
        kata = k;
    }
}

/* Prepare a text for matching. A remark's NFKC that segment/ made from its
 * lines' (giji_remark.norm, or NULL) is taken as it is, by pointer: making
 * it again was a fifth of extraction's own instructions, and copying it
 * wrote to memory between MeCab's batches. Otherwise its NFKC is appended
 * to x->nfkc; the pointers come with settle. */
static int prepare(giji_extractor *x, const char *text, const char *norm, size_t normlen, int same,
                   prepared *p)
{
    memset(p, 0, sizeof *p);
    if (norm) {
        p->norm = norm;
        p->same = same;
        p->len = normlen ? normlen : strlen(norm);   /* giji_remark.normlen */
        p->ready = 1;
        return GIJI_OK;
    }
    p->own = 1;
    p->run0 = x->nfkc.nruns;
    p->norm_at = x->nfkc.text_len;
    p->cps_at = x->nfkc.ncps;
    int rc = giji_nfkc_append(text, strlen(text), &x->nfkc, &p->len, &p->ncp);
    if (rc)
        return rc;
    uint32_t *cps = x->nfkc.cps + p->cps_at;
    for (size_t i = 0; i < p->ncp; i++)
        cps[i] = giji_fold_cp(cps[i]);
    ocr_fold(cps, p->ncp);
    p->nrun = x->nfkc.nruns - p->run0;
    p->ready = 1;
    return GIJI_OK;
}

/* The code points of norm[0..len) (valid UTF-8: NFKC made it), folded,
 * into cps, and the byte each starts at into at (cut to 32 bits: read
 * only for a text under 4 GiB); returns how many. Three-byte sequences
 * (kana, kanji) first: they are most of a Japanese text. NFKC leaves no
 * U+00A0 or U+3000 (it makes them spaces), but they are folded as
 * giji_fold_cp does, to be safe. */
static size_t decode_folded(const char *norm, size_t len, uint32_t *cps, uint32_t *at)
{
    const unsigned char *u = (const unsigned char *)norm;
    size_t n = 0;
    int kata = 0;   /* the code point before was katakana (see ocr_next_to_katakana) */
    for (size_t i = 0; i < len;) {
        unsigned ch = u[i];
        at[n] = (uint32_t)i;
        uint32_t cp;
        if (ch >= 0xE0 && ch < 0xF0) {
            cp = ((ch & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
            cp = cp == 0x3000 ? ' ' : cp;
            /* OCR look-alikes next to katakana (ocr_next_to_katakana),
             * decided here from the code point before: a second pass over
             * the text cost a tenth of giji's own instructions */
            int k = katakana(cp);
            if (__builtin_expect(k | kata, 0))
                cp = ocr_next_to_katakana(cps, n, cp, k);
            kata = k;
            i += 3;
        } else if (ch < 0x80) {
            cp = giji_fold_cp(ch);
            if (kata && ch == '-')
                cp = ocr_next_to_katakana(cps, n, cp, 0);   /* "センタ-" */
            kata = 0;
            i++;
        } else if (ch < 0xE0) {
            cp = ((ch & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu);
            cp = cp == 0xA0 ? ' ' : cp;
            kata = 0;
            i += 2;
        } else {
            cp = ((ch & 0x07u) << 18) | ((u[i + 1] & 0x3Fu) << 12) | ((u[i + 2] & 0x3Fu) << 6) | (u[i + 3] & 0x3Fu);
            kata = 0;
            i += 4;
        }
        cps[n++] = cp;
    }
    return n;
}

/* The folded code points of a prepared text that keeps none (not own),
 * decoded from its NFKC into x->cpbuf: the buffer is reused from text to
 * text, so it stays in the caches, where a meeting's code points did not.
 * Where each starts goes to x->cpat: a remark whose NFKC is its text
 * (prepared.same) finds its mentions' bytes there, and cp_byte's walk,
 * 4 M instructions per pass over 1 MB, is left to the others. */
static int decode_cps(giji_extractor *x, prepared *p)
{
    if (p->own)
        return GIJI_OK;
    if (p->len + 1 > x->cpcap) {   /* no more code points than bytes */
        size_t cap = x->cpcap ? x->cpcap : 1024;
        while (cap < p->len + 1)
            cap *= 2;
        uint32_t *b = realloc(x->cpbuf, cap * sizeof *b);
        if (!b)
            return GIJI_NOMEM();
        x->cpbuf = b;
        if (!(b = realloc(x->cpat, cap * sizeof *b)))
            return GIJI_NOMEM();
        x->cpat = b;
        x->cpcap = cap;
    }
    p->ncp = decode_folded(p->norm, p->len, x->cpbuf, x->cpat);
    p->cps = x->cpbuf;
    return GIJI_OK;
}

/* Once every text of the batch is prepared, x->nfkc no longer moves: the
 * prepared texts get their pointers into it. */
static void settle(const giji_extractor *x, prepared *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].ready && p[i].own) {
            p[i].norm = x->nfkc.text + p[i].norm_at;
            p[i].cps = x->nfkc.cps + p[i].cps_at;
        }
}

/* The MeCab words of a prepared text (with discovery). */
static int parse(giji_extractor *x, prepared *p)
{
    return x->disc ? giji_discover_parse(x->disc, p->norm, p->len, &p->first, &p->nwords) : GIJI_OK;
}

/* Mentions of one prepared text, entities added to (*ents, *nents; room
 * for *cap) and to x->seen. */
static int extract_prepared(giji_extractor *x, const char *text, const prepared *p, giji_entity **ents,
                            size_t *nents, size_t *cap, giji_mention **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t ncp = p->ncp;
    cands *cs = &x->cs;
    cands_clear(cs);
    const uint32_t *cps = p->cps;
    int rc = gazetteer_cands_folded(x, cps, ncp, cs);
    if (!rc)
        drop_english_words(p->norm, p->len, cps, ncp, cs, 0);
    if (!rc && x->disc)
        rc = giji_discover_words(x->disc, p->norm, p->len, p->first, p->nwords, cps, cs);
    size_t norig = rc ? 0 : map_at(x, p, ncp);   /* code points in text */
    size_t kept = rc ? 0 : select_cands(cs);
    /* a contextual alias chosen where its entity was not named before is
     * dropped, and the choice made again without it */
    while (!rc && drop_out_of_context(x, cs, kept, *ents))
        kept = select_cands(cs);
    if (!rc)
        rc = x->nabbr ? earlier_abbreviations(x, cps, ncp, cs, &kept) : GIJI_OK;
    if (!rc)
        rc = add_abbreviations(x, cps, ncp, cs, &kept);
    /* Where each chosen candidate is in the text, then the mentions in
     * one block: the array, then their surfaces and rules. One allocation
     * per remark, not two or three per mention: the output is written to
     * memory nobody has touched for a while, and its allocations missed
     * the caches (and pushed MeCab's tables out of them) more than
     * anything else in matching (bench/README.md, fourth round). */
    if (!rc && kept > x->spancap) {
        size_t ncap = x->spancap ? x->spancap : 64;
        while (ncap < kept)
            ncap *= 2;
        mspan *sp = realloc(x->spans, ncap * sizeof *sp);
        if (!sp)
            rc = GIJI_NOMEM();
        else {
            x->spans = sp;
            x->spancap = ncap;
        }
    }
    size_t nm = 0, bytes = 0;
    /* offsets and surfaces from the NFKC when its bytes are the text's:
     * decode_cps has just read it, and the text has not been read since
     * segment/ wrote it (cp_byte waited on it: bench/README.md, tenth
     * round) */
    const char *src = p->same ? p->norm : text;
    cp_walk walk = {.s = src};
    /* and then where a code point starts is where decode_cps found it */
    const uint32_t *at = p->same && !p->own && p->len <= UINT32_MAX ? x->cpat : NULL;
    for (size_t i = 0; !rc && i < kept; i++) {
        const cand *c = &cs->c[i];
        if (c->type == GIJI_ENT_GENERIC)
            continue;
        size_t s = map_at(x, p, c->start), e = map_at(x, p, c->end);
        if (e > norig) e = norig;
        if (s >= e)   /* a mention must cover at least one original character */
            continue;
        mspan *sp = &x->spans[nm++];
        sp->cand = i;
        sp->s = s;
        sp->e = e;
        if (at) {
            sp->bs = s < ncp ? at[s] : p->len;
            sp->be = e < ncp ? at[e] : p->len;
        } else {
            sp->bs = cp_byte(&walk, s);
            sp->be = cp_byte(&walk, e);
        }
        sp->rlen = c->rule ? strlen(c->rule) : 0;
        bytes += sp->be - sp->bs + 1 + (c->rule ? sp->rlen + 1 : 0);
    }
    /* a remark whose candidates all came to nothing still gets an array
     * (of none): it has been through extraction */
    if (!rc && kept && !(*out = malloc(nm * sizeof **out + bytes + 1)))
        rc = GIJI_NOMEM();
    char *str = rc || !kept ? NULL : (char *)(*out + nm);
    for (size_t k = 0; !rc && k < nm; k++) {
        const mspan *sp = &x->spans[k];
        const cand *c = &cs->c[sp->cand];
        giji_mention *mn = &(*out)[k];
        mn->start = (long)sp->s;
        mn->end = (long)sp->e;
        mn->surface = str;
        memcpy(str, src + sp->bs, sp->be - sp->bs);
        str += sp->be - sp->bs;
        *str++ = '\0';
        mn->rule = NULL;
        if (c->rule) {
            mn->rule = str;
            memcpy(str, c->rule, sp->rlen + 1);
            str += sp->rlen + 1;
        }
        rc = entity_for(x, c, ents, nents, cap, &mn->entity);
        *nout = k + 1;
    }
    if (rc) {
        giji_mentions_free(*out, *nout);
        *out = NULL;
        *nout = 0;
    }
    cands_clear(cs);
    return rc;
}

/* Mentions of one text, entities added to (*ents, *nents, x->seen). */
static int extract_one(giji_extractor *x, const char *text, giji_entity **ents, size_t *nents,
                       giji_mention **out, size_t *nout)
{
    prepared p;
    size_t cap = *nents;
    *out = NULL;
    *nout = 0;
    batch_begin(x);
    x->nabbr = 0;
    x->abbr_on = 1;   /* a text's own abbreviations only: emptied below */
    int rc = prepare(x, text, NULL, 0, 0, &p);
    if (!rc) {
        settle(x, &p, 1);
        rc = parse(x, &p);
    }
    if (!rc)
        rc = decode_cps(x, &p);
    if (!rc)
        rc = extract_prepared(x, text, &p, ents, nents, &cap, out, nout);
    x->abbr_on = 0;
    x->nabbr = 0;
    batch_begin(x);
    return rc;
}

int giji_extract_text(giji_extractor *x, const char *text, giji_entity **entities,
                      size_t *nentities, giji_mention **out, size_t *n)
{
    *entities = NULL;
    *nentities = 0;
    seen_clear(&x->seen);
    int rc = extract_one(x, text, entities, nentities, out, n);
    seen_clear(&x->seen);
    if (rc) {
        giji_entities_free(*entities, *nentities);
        *entities = NULL;
        *nentities = 0;
    }
    return rc;
}

/* Speaker inference over the meeting, given the NFKC the remarks were
 * prepared with (pp[i].norm; NULL for a remark not prepared here), so
 * that inference need not make it again. */
static int infer(giji_extractor *x, const giji_rules *rules, giji_meeting *m, const prepared *pp)
{
    const char **norms = m->nremarks ? malloc(m->nremarks * sizeof *norms) : NULL;
    size_t *lens = m->nremarks ? malloc(m->nremarks * sizeof *lens) : NULL;
    if (m->nremarks && (!norms || !lens)) {
        free(norms);
        free(lens);
        return GIJI_NOMEM();
    }
    for (size_t i = 0; i < m->nremarks; i++) {
        norms[i] = pp[i].ready ? pp[i].norm : NULL;
        lens[i] = pp[i].len;
    }
    int rc = giji_infer_meeting(x->inf, rules, m, norms, lens);
    free(norms);
    free(lens);
    return rc;
}

/* Ask for a prepared remark's NFKC (norm, len bytes) and text (NULL when
 * the NFKC is read in its place) while the remark before it is matched.
 * MeCab has gone over the whole meeting since they were last read, so
 * they are out of the caches, and the loads that
 * waited for them (decoding the code points, mention offsets and
 * surfaces) were among giji's slowest (perf: bench/README.md, seventh
 * round). A prefetch never faults, so the text is asked for as far as the
 * NFKC's length, which may be a little more than its own. (GCC 12 at -O1
 * and above removed these prefetches when the function also looked for
 * the next prepared remark: check with objdump that they are there.) */
static inline void prefetch_text(const char *norm, const char *text, size_t len)
{
#if defined(__GNUC__)
    for (size_t k = 0; k < len; k += 64)
        __builtin_prefetch(norm + k, 0, 2);
    if (text)   /* NULL: the NFKC is read in its place */
        for (size_t k = 0; k < len; k += 64)
            __builtin_prefetch(text + k, 0, 2);
#else
    (void)norm, (void)text, (void)len;
#endif
}

/* x->pp with room for n prepared texts, all zeroed. */
static int prepared_room(giji_extractor *x, size_t n)
{
    if (n > x->ppcap) {
        size_t cap = x->ppcap ? x->ppcap : 64;
        while (cap < n)
            cap *= 2;
        prepared *p = realloc(x->pp, cap * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        x->pp = p;
        x->ppcap = cap;
    }
    if (n)
        memset(x->pp, 0, n * sizeof *x->pp);
    return GIJI_OK;
}

/* A topic the meeting's body is named after ("AI" in AI戦略会議, 再犯防止 in
 * 再犯防止推進会議) is what every remark there is about: its domain, not a
 * theme one speaker raised. Such mentions are dropped, as the gazetteer
 * lists no topic for the samples' own domain (サイバーセキュリティ). A
 * hearing or working group held under a body shares the body's domain
 * (外国人材 in a hearing of the 外国人材の受入れ・共生に関する関係閣僚会議). */
static int drop_domain_topics(giji_meeting *m)
{
    if (!m->body || !m->body[0] || !m->nentities)
        return GIJI_OK;
    char *body = giji_match_key(m->body);
    char *parent = m->parent_body && m->parent_body[0] ? giji_match_key(m->parent_body) : NULL;
    unsigned char *domain = calloc(m->nentities, 1);
    if (!body || !domain || (m->parent_body && m->parent_body[0] && !parent)) {
        free(body);
        free(parent);
        free(domain);
        return GIJI_NOMEM();
    }
    int any = 0;
    for (size_t e = 0; e < m->nentities; e++) {
        if (m->entities[e].type != GIJI_ENT_TOPIC)
            continue;
        char *k = giji_match_key(m->entities[e].name);
        if (!k) {
            free(body);
            free(parent);
            free(domain);
            return GIJI_NOMEM();
        }
        domain[e] = k[0] && (strstr(body, k) != NULL || (parent && strstr(parent, k) != NULL));
        any |= domain[e];
        free(k);
    }
    for (size_t i = 0; any && i < m->nremarks; i++) {
        giji_remark *r = &m->remarks[i];
        size_t w = 0;
        for (size_t k = 0; k < r->nmentions; k++)
            if (!domain[r->mentions[k].entity])
                r->mentions[w++] = r->mentions[k];   /* the strings stay in the block */
        r->nmentions = w;
    }
    free(body);
    free(parent);
    free(domain);
    return GIJI_OK;
}

/* Matching, rules and inference of one meeting whose remarks are prepared
 * (and through MeCab) in pp[0 .. m->nremarks). The meeting's entities and
 * abbreviations are its own: nothing carries over to the next meeting. */
static int match_meeting(giji_extractor *x, const giji_rules *rules, giji_meeting *m, prepared *pp)
{
    int rc = GIJI_OK;
    size_t cap = m->nentities;   /* room in m->entities */
    seen_clear(&x->seen);
    for (size_t i = 0; i < m->nentities; i++) {
        const char *name = m->entities[i].name;
        size_t len = strlen(name);
        if ((rc = seen_put(&x->seen, m->entities, name_hash(name, len), -1, name, len, i)))
            break;
    }
    x->nabbr = 0;
    x->abbr_on = 1;
    for (size_t i = 0; !rc && i < m->nremarks; i++) {
        giji_remark *r = &m->remarks[i];
        if (!pp[i].ready)
            continue;
        /* the next prepared remark's NFKC and text (see prefetch_text) */
        size_t j = i + 1;
        while (j < m->nremarks && !pp[j].ready)
            j++;
        if (j < m->nremarks)
            prefetch_text(pp[j].norm, pp[j].same ? NULL : m->remarks[j].text, pp[j].len);
        if ((rc = decode_cps(x, &pp[i])))
            break;
        rc = extract_prepared(x, r->text, &pp[i], &m->entities, &m->nentities, &cap, &r->mentions,
                              &r->nmentions);
    }
    x->abbr_on = 0;
    x->nabbr = 0;
    if (!rc)
        rc = drop_domain_topics(m);
    if (!rc && x->inf)
        rc = infer(x, rules, m, pp);
    seen_clear(&x->seen);
    return rc;
}

int giji_extract_meetings(giji_extractor *x, const giji_rules *rules, giji_meeting *const *ms, size_t n)
{
    size_t total = 0;
    for (size_t k = 0; k < n; k++)
        total += ms[k]->nremarks;
    /* Every remark of every meeting through NFKC and MeCab first, then the
     * matching and the rules meeting by meeting: MeCab's code and tables
     * stay in the caches while it runs, instead of being pushed out by the
     * automaton and the rules between every two remarks. Simulated with a
     * 1 MiB cache (this machine's L2, callgrind --cache-sim): MeCab's
     * instruction cache misses fall from 198,000 to 6,000 and its cache
     * misses from +56% to +38% over MeCab alone (bench/README.md). Same
     * instructions, same results. Batches of a few remarks did worse than
     * a whole meeting, and several meetings do better still: MeCab ran
     * about 10% slower inside extraction than alone with one meeting a
     * call (bench/README.md, "Extraction over several meetings"). What a
     * batch keeps until matching is kept small (prepared, struct word). */
    int rc = prepared_room(x, total);
    prepared *pp = x->pp;
    batch_begin(x);
    for (size_t k = 0, at = 0; !rc && k < n; at += ms[k]->nremarks, k++)
        for (size_t i = 0; !rc && i < ms[k]->nremarks; i++) {
            const giji_remark *r = &ms[k]->remarks[i];
            if (!r->mentions)
                rc = prepare(x, r->text, r->norm, r->normlen, r->norm_is_text, &pp[at + i]);
        }
    if (!rc)
        settle(x, pp, total);
    /* MeCab after all of the NFKC: the code and data of the one do not
     * push out those of the other (LL misses -1.3%, bench/README.md) */
    for (size_t i = 0; !rc && i < total; i++)
        if (pp[i].ready)
            rc = parse(x, &pp[i]);
    for (size_t k = 0, at = 0; !rc && k < n; at += ms[k]->nremarks, k++)
        rc = match_meeting(x, rules, ms[k], pp + at);
    batch_begin(x);
    return rc;
}

int giji_extract_meeting(giji_extractor *x, const giji_rules *rules, giji_meeting *m)
{
    return giji_extract_meetings(x, rules, &m, 1);
}

void giji_mentions_free(giji_mention *m, size_t n)
{
    (void)n;   /* the surfaces and rules are in the array's block */
    free(m);
}

void giji_entities_free(giji_entity *e, size_t n)
{
    if (!e)
        return;
    for (size_t i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].parent);
        for (size_t k = 0; k < e[i].naliases; k++)
            free(e[i].aliases[k]);
        free(e[i].aliases);
    }
    free(e);
}
