/*
 * extract/internal.h — what the extraction files share. Not public.
 */
#ifndef GIJI_EXTRACT_INTERNAL_H
#define GIJI_EXTRACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "giji/extract.h"
#include "extract/automaton.h"
#include "util/strmap.h"

/* A gazetteer row of type "generic" lists a phrase that is not a name
 * (研究開発法人, 関係省庁): it wins as the longest match, then yields nothing. */
#define GIJI_ENT_GENERIC GIJI_ENT_NTYPES

typedef struct gz_entity {
    char *name;          /* canonical, as written */
    int type;            /* giji_entity_type or GIJI_ENT_GENERIC */
    char **aliases;      /* as written */
    size_t naliases;
    char *parent;        /* canonical name as written in the file, or NULL */
    int parent_idx;      /* resolved index, or -1 */
    const char *file;    /* where it was defined (for messages) */
    unsigned line;
} gz_entity;

struct giji_gazetteer {
    gz_entity *e;
    size_t n, cap;
    char **files;        /* names of the files read, owned */
    size_t nfiles;
    giji_strmap index;   /* match key of canonical name -> index */
};

/* Matching form of a name or a text: NFKC, ASCII lower-cased, white space
 * runs folded to one space. Code points in *out (caller frees). */
int giji_match_form(const char *s, uint32_t **out, size_t *n);

/* Lower-case ASCII, fold white space: the per-code-point part of the above,
 * applied to NFKC code points (for texts, where offsets must be kept).
 * Inline: it runs for every code point of every remark. */
static inline uint32_t giji_fold_cp(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + ('a' - 'A');
    if (cp == '\t' || cp == 0x3000 || cp == 0xA0)
        return ' ';
    return cp;
}

/* A candidate mention during extraction, in NFKC code point offsets. */
typedef struct cand {
    size_t start, end;   /* [start, end) in the NFKC text */
    int entity;          /* gazetteer index, or -1 for a discovered one */
    int type;
    /* discovered: its canonical name, name[0..namelen), not NUL-terminated:
     * it points into the NFKC text being matched (not owned), so that a
     * candidate costs no allocation; else NULL */
    const char *name;
    size_t namelen;
    const char *rule;    /* discovered: rule name (static or rules-owned) */
    int priority;        /* gazetteer 1 beats discovery 0 at equal spans */
    int contextual;      /* a "~" alias: valid only once the entity was named */
} cand;

/* Candidates, and room to sort them (tmp, see sort_cands in extract.c). */
typedef struct cands { cand *c; size_t n, cap; cand *tmp; size_t tmpcap; } cands;
int cands_push(cands *cs, cand c);
void cands_free(cands *cs);

/* Discovery (discover.c). */
typedef struct giji_discoverer giji_discoverer;
/* names: the extractor's automaton of the gazetteer's names (values as in
 * extract.c: entity * 2, + 1 for a contextual alias); it must outlive d. */
int giji_discoverer_new(const char *datadir, const giji_gazetteer *g, const giji_ac *names,
                        giji_discoverer **out);
void giji_discoverer_free(giji_discoverer *d);
/* Add discovered candidates for NFKC text `norm` (code points `cps`). */
int giji_discover(giji_discoverer *d, const char *norm, const uint32_t *cps, size_t ncps, cands *out);
/* The same in two steps, so the texts of a meeting can all go through
 * MeCab one after the other (its tables stay in the caches) before the
 * rules run: parse keeps the words of `norm` (from *first, *n of them)
 * until forget; words adds the candidates of those words. */
int giji_discover_parse(giji_discoverer *d, const char *norm, size_t len, size_t *first, size_t *n);
int giji_discover_words(giji_discoverer *d, const char *norm, size_t len, size_t first, size_t n,
                        const uint32_t *cps, cands *out);
void giji_discover_forget(giji_discoverer *d);

/* What every match of the POSIX extended regex `re` contains, found
 * conservatively at the top level of the pattern (outside groups): the
 * longest run of literal characters not made optional, into lit (cap bytes;
 * "" when none is certain), and whether a [0-9] must match (*digit). A '|'
 * outside groups makes nothing certain. Discovery skips regexec on text
 * that lacks either (discover.c). */
void giji_regex_needs(const char *re, char *lit, size_t cap, int *digit);

/* The same, with every such run (up to max of them, each shorter than
 * GIJI_REGEX_LIT bytes; longer ones are left out) into lits[0 .. *n):
 * "^[0-9]+年[0-9]+月" needs 年 and 月, not only the longest of the two. */
#define GIJI_REGEX_LIT 64
void giji_regex_needs_all(const char *re, char (*lits)[GIJI_REGEX_LIT], size_t max, size_t *n, int *digit);

/* How every match of the POSIX extended regex `re` starts and ends, found
 * conservatively: '^' then [0-9] (start_digit; at least start_digits of
 * them: "^[0-9]{4}" 4) or literal characters (start, start_len bytes; ""
 * when none), and [0-9] (once or repeated, not optionally) before a final
 * '$' (end_digit; at least end_digits of them). When the pattern ends in a
 * group of literal alternatives, "(計画|戦略)$" or "(計画|戦略)[0-9]{4}$"
 * (the digits counted exactly), every match ends in one of them, followed
 * by exactly end_digits digits: end_alt[0 .. nend_alt), each end_alt_len
 * bytes (nend_alt 0: not known). A group of literal alternatives right
 * after '^' or the start's literal characters, not made optional
 * ("^日本(版|型)", "^(国連|国際|世界)"), follows the start in every match:
 * start_alt[0 .. nstart_alt), start_alt_len bytes each (0: not known).
 * Nothing when a '|' is outside groups. Discovery skips regexec on a chunk
 * that cannot start or end so (discover.c). */
#define GIJI_REGEX_ALTS 8
typedef struct giji_regex_ends {
    int start_digit, end_digit;
    size_t start_digits, end_digits;
    char start[32];
    size_t start_len;
    char start_alt[GIJI_REGEX_ALTS][32];
    size_t start_alt_len[GIJI_REGEX_ALTS];
    size_t nstart_alt;
    char end_alt[GIJI_REGEX_ALTS][32];
    size_t end_alt_len[GIJI_REGEX_ALTS];
    size_t nend_alt;
} giji_regex_ends;
void giji_regex_anchors(const char *re, giji_regex_ends *out);

/* Speaker inference (infer.c). */
typedef struct giji_inferrer giji_inferrer;
int giji_inferrer_new(const char *datadir, giji_inferrer **out);
void giji_inferrer_free(giji_inferrer *in);
/* norms[i] (when norms and norms[i] are not NULL) is the NFKC of remark
 * i's text, lens[i] its length: extraction has made it already, and the
 * cue's key is then made from it without a second NFKC. */
int giji_infer_meeting(const giji_inferrer *in, const giji_rules *rules, giji_meeting *m,
                       const char *const *norms, const size_t *lens);

#endif
