/*
 * giji/normalize.h — stage 2: UTF-8 text -> a document of logical lines.
 *
 * Responsible for: NFKC (utf8proc) for matching while keeping the repaired
 * original for display; an NFKC view with a map back to the original's code
 * points; repairing what PDF extraction broke (paragraphs split by a page
 * break are joined, stray spaces inside Latin words and between Latin and
 * CJK text removed); recognising markdown heading marks and bullet marks as
 * structure. Not responsible for: what a line means (segment/).
 */
#ifndef GIJI_NORMALIZE_H
#define GIJI_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bullet marks found in front of a line's text (a bit set). */
enum {
    GIJI_MARK_DASH = 1,    /* "-" "－" "‐" "*" (markdown list item) */
    GIJI_MARK_DOT = 2,     /* "・" "•" "·" */
    GIJI_MARK_CIRCLE = 4,  /* "○" "◯" "〇" (also the Diet's speaker mark) */
    GIJI_MARK_BLACK = 8,   /* "●" "◎" "◆" "■" "□" "◇" "▪" */
};

typedef struct giji_line {
    char *text;            /* repaired display text without marks, trimmed; owned */
    char *norm;            /* NFKC of text; owned */
    char *key;             /* norm without white space: giji_match_key(text); owned */
    unsigned char same_cps; /* NFKC changed no length: code point k of norm comes
                               from code point k of text (the map is the identity) */
    unsigned lineno;       /* 1-based source line where it starts */
    unsigned last_lineno;  /* source line where it ends (> lineno when joined) */
    unsigned char heading; /* number of leading '#' marks (0..6) */
    unsigned char marks;   /* GIJI_MARK_* bits of the bullet marks removed */
    uint32_t mark_cp;      /* the first of them as written ("◎", "○"), 0 when none:
                              an attendee table's legend gives marks a role */
    unsigned char blank_before; /* a blank line (or start of file) precedes it */
    unsigned char hard_break;   /* source line ended in two spaces (markdown break) */
    unsigned char wrapped;      /* the source line before it filled the width the text was
                                   wrapped at, ending in a word: it may go on here */
    unsigned char lead_space;   /* the source line started with an ASCII space: a Latin
                                   word wrapped to it is a word of its own
                                   ("Counter Ransomware" / " Initiative") */
} giji_line;

typedef struct giji_doc {
    giji_line *lines;   /* non-blank logical lines in order; owned */
    size_t n;
} giji_doc;

/* Build the line view of decoded text. `name` is used in messages.
 * Free with giji_doc_free. */
int giji_doc_build(const char *name, const char *utf8, size_t len, giji_doc *out);
void giji_doc_free(giji_doc *doc);

/* Repair one line of PDF-extracted text (returns a new string; caller frees):
 * "KDD I" -> "KDDI", "I T" -> "IT", "2020 年" -> "2020年", "AI の" -> "AIの". */
char *giji_repair_spaces(const char *s, size_t len);

/* NFKC of s[0..len); caller frees. NULL on failure (last error set). */
char *giji_nfkc(const char *s, size_t len);

/* NFKC with an offset map: (*map)[i] is the code point index in `s` of the
 * character that produced code point i of *out; (*map)[ncp] = code points in
 * s. Caller frees *out and *map. */
int giji_nfkc_map(const char *s, size_t len, char **out, uint32_t **map, size_t *ncp);

/* giji_nfkc_map, and (when cps is not NULL) the code points of *out in
 * *cps, so a caller that walks the result need not decode it again.
 * Caller frees *out, *map and *cps. */
int giji_nfkc_cps(const char *s, size_t len, char **out, uint32_t **map, uint32_t **cps, size_t *ncp);

/* NFKC (*out, *outlen bytes, *ncp code points, and when cps is not NULL
 * those code points in *cps, caller frees) with the offset map of
 * giji_nfkc_map as runs, appended to the growable array *runs (*nruns
 * pairs used, room for *cap): a pair (i, v) means map[k] = v + (k - i)
 * for k from i up to the next pair's i (or up to *ncp, inclusive). The
 * first pair is (0, 0); a text whose NFKC changes no length has that one
 * only. Cheaper than the map when most text is left alone, as it is. */
int giji_nfkc_runs(const char *s, size_t len, char **out, size_t *outlen, uint32_t **cps, uint32_t **runs,
                   size_t *nruns, size_t *cap, size_t *ncp);

/* Where giji_nfkc_append puts what it makes, kept from text to text so
 * that the NFKC of many texts costs no allocation per text: the NFKC
 * texts one after the other, each followed by a NUL; their code points;
 * their offset maps as runs (as giji_nfkc_runs makes them). A zeroed
 * store is empty. Set the three counts to 0 to reuse the memory;
 * giji_nfkc_store_free frees it. Offsets, not pointers, stay valid from
 * one append to the next: the arrays move as they grow. */
typedef struct giji_nfkc_store {
    char *text;
    size_t text_len, text_cap;   /* bytes used (with each text's NUL), allocated */
    uint32_t *cps;
    size_t ncps, cps_cap;        /* code points used, allocated */
    uint32_t *runs;
    size_t nruns, runs_cap;      /* pairs used, allocated */
} giji_nfkc_store;

/* Append the NFKC of s[0..len) to st: its *outlen bytes (and a NUL) from
 * byte st->text_len as it was before the call, its *ncp code points from
 * st->ncps, its runs from st->nruns (the first is (0, 0)). The same text,
 * code points and runs as giji_nfkc_runs. On failure nothing is appended
 * (last error set). */
int giji_nfkc_append(const char *s, size_t len, giji_nfkc_store *st, size_t *outlen, size_t *ncp);
void giji_nfkc_store_free(giji_nfkc_store *st);

/* 1 when the code point at s (valid UTF-8; the NUL at a text's end counts)
 * does not join the one before it in NFKC: the NFKC of a text cut before s
 * is then the NFKC of the part before s followed by that of the rest. */
int giji_nfkc_starts_cluster(const char *s);

/* Key used to compare names, roles and labels: NFKC with all white space
 * removed. Caller frees. */
char *giji_match_key(const char *s);

/* A prefix of giji_match_key(s) of at least `ncp` code points (all of it
 * when shorter), for a caller that only looks at the start of a long text.
 * Made from a prefix of s cut between two clusters, so it equals that much
 * of the whole key. Only the part read is checked for valid UTF-8.
 * Caller frees. NULL on failure (last error set). */
char *giji_match_key_prefix(const char *s, size_t len, size_t ncp);

/* The same for a text that is already NFKC (`norm`, as giji_nfkc gives
 * it): the key of its shortest prefix whose key has `ncp` code points
 * (all of it when shorter). No NFKC is made again: removing white space is
 * all that is left to do. For a text s, it is the first ncp code points of
 * giji_match_key_prefix(s, ..., ncp) when given giji_nfkc(s). Caller
 * frees; NULL when out of memory (last error set). */
char *giji_match_key_prefix_nfkc(const char *norm, size_t len, size_t ncp);

#ifdef __cplusplus
}
#endif
#endif
