/*
 * segment/internal.h — what the segmenter's files share: the loaded tables of
 * data/ (struct giji_rules) and helpers to look things up in them.
 * Not part of the public API.
 */
#ifndef GIJI_SEGMENT_INTERNAL_H
#define GIJI_SEGMENT_INTERNAL_H

#include <stddef.h>
#include "giji/segment.h"

/* Role classes (data/roles.tsv), a bit set so titles can allow several. */
enum {
    GIJI_CLASS_MINISTER = 1,
    GIJI_CLASS_VICE_MINISTER = 2,
    GIJI_CLASS_SECRETARY = 4,
    GIJI_CLASS_OFFICIAL = 8,
    GIJI_CLASS_EXPERT = 16,
    GIJI_CLASS_ANY = 31
};

enum giji_section {
    GIJI_SEC_NONE = 0, GIJI_SEC_DATE, GIJI_SEC_PLACE, GIJI_SEC_ATTENDEES,
    GIJI_SEC_PROCEEDINGS, GIJI_SEC_AGENDA, GIJI_SEC_OTHER
};

enum giji_sub {
    GIJI_SUB_NONE = 0, GIJI_SUB_GREETING, GIJI_SUB_DISCUSSION,
    GIJI_SUB_DECISION, GIJI_SUB_EXPLANATION
};

enum giji_phrase_kind {
    GIJI_PH_DOC, GIJI_PH_SUB, GIJI_PH_BLOCK, GIJI_PH_OPENER, GIJI_PH_PROCEDURAL,
    GIJI_PH_GROUP, GIJI_PH_PROXY, GIJI_PH_ABSENT, GIJI_PH_END, GIJI_PH_ROLESUFFIX,
    GIJI_PH_HONORIFIC, GIJI_PH_NOTSESSION, GIJI_PH_LISTINTRO, GIJI_PH_OFFICE, GIJI_PH_STAGE, GIJI_PH_SEVERAL,
    GIJI_PH_DITTO, GIJI_PH_AFFILIATION, GIJI_PH_COLHEAD, GIJI_PH_QA, GIJI_PH_JOINT, GIJI_PH_FURNITURE, GIJI_PH_ATTENDNOTE, GIJI_PH_BODYEND, GIJI_PH_BODYNAME,
    GIJI_PH_COUNT
};

typedef struct era_row { char *name, *abbr; int first[3], last[3]; int open; } era_row;
typedef struct body_row { char *body, *parent; } body_row;        /* match keys */
typedef struct title_row {
    char *body;      /* match key, or "*" */
    char *title;     /* match key */
    char *role;      /* holder role (match key) or NULL */
    unsigned classes;
    int chair;
} title_row;
typedef struct role_row { char *pattern; unsigned cls; } role_row;
typedef struct section_row { char *heading; int section; } section_row;
typedef struct phrase_row { int kind; char *phrase; int sub; size_t len; } phrase_row;

struct giji_rules {
    era_row *eras; size_t neras;
    body_row *bodies; size_t nbodies;
    title_row *titles; size_t ntitles;
    role_row *roles; size_t nroles;
    section_row *sections; size_t nsections;
    phrase_row *phrases; size_t nphrases;
    /* phrases of kind k are phrases[kind_first[k] .. kind_first[k + 1]), in
     * file order: every line of every file asks for one kind at a time */
    size_t kind_first[GIJI_PH_COUNT + 1];
};

/* Class of a role (match key) per data/roles.tsv; expert when none matches. */
unsigned giji_rules_role_class(const giji_rules *r, const char *role_key);
/* Title row for `title_key` in body `body_key` (falls back to "*"), or NULL. */
const title_row *giji_rules_title(const giji_rules *r, const char *body_key, const char *title_key);
/* Longest title (of this body or "*") that `key` ends with; NULL if none. */
const title_row *giji_rules_title_suffix(const giji_rules *r, const char *body_key, const char *key);
/* Does `key` contain a phrase of this kind? Returns the longest match or NULL. */
const phrase_row *giji_rules_phrase_in(const giji_rules *r, int kind, const char *key);
/* The bytes of an honorific (君, 氏: data/phrases.tsv) that ends `key`
 * after at least one other character, or 0. */
size_t giji_rules_honorific(const giji_rules *r, const char *key);
/* Does `key` end with a phrase of this kind? Returns the longest or NULL. */
/* Byte offset just past the bracket closing the one at s[0] (( and （ nest
 * interchangeably, as PDF text mixes them), or 0 when it is never closed
 * (label.c). */
size_t giji_match_paren(const char *s);

/* Past a colon (":" or "：") at s, or s: what follows a label or a proxy's
 * "代理：" (label.c). */
const char *giji_skip_colon(const char *s);

const phrase_row *giji_rules_phrase_suffix(const giji_rules *r, int kind, const char *key);
/* Is `key` exactly a phrase of that kind? */
int giji_rules_phrase_is(const giji_rules *r, int kind, const char *key);
/* Parent body key for a body key, or NULL. */
const char *giji_rules_parent(const giji_rules *r, const char *body_key);

/* ---- shared by segment.c / attendees.c / label.c ---------------------- */

/* Append a formatted warning to the meeting. */
int giji_meeting_warn(giji_meeting *m, unsigned line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A line like `like` (its numbers and marks) whose text is `text`, which it
 * takes over (NULL: out of memory), with its NFKC and match key made; free
 * with giji_line_release. GIJI_ENOMEM leaves *out holding nothing. */
int giji_line_made(const giji_line *like, char *text, giji_line *out);
void giji_line_release(giji_line *l);

/* Parse the attendee lines doc->lines[from..to) into m->attendees; the
 * first group is numbered `group` ("上記のほか" lines start the next). */
int giji_attendees_parse(const giji_rules *r, const char *name, const giji_doc *doc,
                         size_t from, size_t to, int group, giji_meeting *m);

/* Add an attendee of the main list, display name DISPLAY[0..dn) and role
 * ROLE[0..rn) (as written), read at `line`. */
int giji_attendee_add(giji_meeting *m, const char *display, size_t dn, const char *role, size_t rn,
                      unsigned line);

/* Is `piece` (as written) a body's name written whole: a legal form at its
 * start or a body's ending (data/phrases.tsv `bodyname`)? (attendees.c) */
int giji_body_named(const giji_rules *r, const char *piece);

/* Does `next` go on with the attendee list in `text`, cut by the wrap (a
 * bracket left open, a full line, a trailing 、)? */
int giji_list_wraps(const char *text, const giji_line *next);

/* The role an attendee table's legend ("（◎は座長、○は座長代理）") gives the
 * mark `cp`, looked for in doc->lines[from..to): its length in bytes of
 * *role (the legend's key; not NUL-terminated), 0 when there is none. */
size_t giji_legend_role(const giji_doc *doc, size_t from, size_t to, uint32_t cp, const char **role);

/* A speaker label found at the start of a line. */
typedef struct giji_label {
    int found;          /* 1 when the line starts with a speaker label */
    char *label;        /* label text as written (without brackets); owned */
    size_t rest;        /* byte offset in line text where the remark text starts */
    int reported;       /* found as "山田委員長より、…" (a 議事要旨's report) */
    int question;       /* "問：…": an unnamed questioner, no attendee to look for */
    int answer;         /* "（答）経団連：…": who asks or answers after a qa word;
                         * a body's short name may stand for its attendee */
    int quoted;         /* "石田議長「…」": the remark is the quotation (and what
                         * goes on from it: "と述べた上で、「…」"), not the
                         * record's narrative lines after it */
} giji_label;

/* The attendee the text s[0..n) (as written) names as a label would, or
 * -1 in *speaker; no warning, nothing learnt. */
int giji_label_names(const giji_rules *r, const char *body_key, const giji_meeting *m, const char *s, size_t n,
                     int *speaker);

/* The closing bracket of a speaker label that opens with cp (【 -> 】, ＜ -> ＞,
 * 〈, 《, 〔, ［, [), or NULL when cp opens no such label (label.c). */
const char *giji_label_closer(uint32_t cp);

/* Look for a speaker label at the start of `line`. Returns GIJI_OK, or
 * GIJI_EPARSE for an opening bracket that is never closed. */
int giji_label_find(const giji_rules *r, const char *body_key, const giji_meeting *m,
                    const char *name, const giji_line *line, giji_label *out);

/* Free the calling thread's memo of attendee match keys (label.c); giji_segment
 * calls it before it returns. */
void giji_label_memo_free(void);

/* Resolve a label (as written) to an attendee index, or -1. Adds warnings
 * for role mismatches and ambiguity. `*how` receives GIJI_ATTR_EXPLICIT or
 * GIJI_ATTR_CHAIR. */
int giji_label_resolve(const giji_rules *r, const char *body_key, giji_meeting *m,
                       unsigned line, const char *label, int *speaker, giji_attribution *how);

/* giji_label_resolve for a label after a question or answer word
 * ("（答）経団連："): when it names no one, a body's short name ("経団連": the
 * characters of 日本経済団体連合会 in order) stands for the one attendee
 * whose role holds it, with a warning. */
int giji_label_resolve_answer(const giji_rules *r, const char *body_key, giji_meeting *m,
                              unsigned line, const char *label, int *speaker, giji_attribution *how);

/* The exchange of views as TAB-separated rows (tabrows.c): the columns of
 * the header row "No.<TAB>発言者<TAB>発言要旨<TAB>事務局の回答"; -1 when a
 * line is no such header. */
typedef struct giji_tab_cols {
    int speaker, speech, answer;   /* column indices, -1: none */
    char answer_label[64];         /* who answers ("事務局"), or "" */
} giji_tab_cols;
int giji_tab_header(const giji_rules *r, const char *text, giji_tab_cols *cols);

/* Bytes of a bracketed number of up to three digits at the start of
 * t[0..n) ("（２）", "(12)"), or 0 (label.c). */
size_t giji_enumerator_len(const char *t, size_t n);
/* A row's speaker, speech and answer cells as a reader sees them (caller
 * frees the three); all NULL when the row has no speech cell. */
int giji_tab_row(const char *text, const giji_tab_cols *cols, char **speaker, char **speech, char **answer);

/* Attendee who holds a title in this body (the chair for 本部長): the
 * holder role's present attendee, or their proxy. -1 when unknown. */
int giji_title_holder(const giji_rules *r, const giji_meeting *m, const title_row *t);

#endif
