/*
 * giji/segment.h — stage 3: a document of lines -> one meeting.
 *
 * Responsible for: the meeting's metadata (body, session, title, date,
 * times, place), its attendees (roles, proxies, additional groups), its
 * agenda, and every remark with its speaker label, resolved speaker and
 * provenance line. All knowledge about bodies, titles, roles, section names
 * and eras comes from the tables in data/ (giji_rules); the code knows only
 * general shapes. Not responsible for: entities (extract/) or storage.
 */
#ifndef GIJI_SEGMENT_H
#define GIJI_SEGMENT_H

#include <stddef.h>
#include "giji/normalize.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum giji_attribution {
    GIJI_ATTR_NONE = 0,   /* anonymous remark: speaker unknown */
    GIJI_ATTR_EXPLICIT,   /* the minutes name the speaker in a label */
    GIJI_ATTR_CHAIR,      /* chair's greeting, resolved through data/titles.tsv */
    GIJI_ATTR_INFERRED    /* inferred from the text (entity extraction) */
} giji_attribution;

const char *giji_attribution_name(giji_attribution a);

typedef struct giji_attendee {
    char *name;        /* as written, white space removed ("菅義偉"); owned */
    char *display;     /* as written ("菅 義偉"); owned */
    char *surname;     /* text before the first space, or the whole name; owned */
    char *role;        /* role or affiliation at this meeting, may be ""; owned */
    int group;         /* 0: main list; 1, 2, ...: "上記のほか" groups */
    int present;       /* 0 for a member represented by a proxy */
    int proxy_for;     /* index of the absent member this one stands in for, or -1 */
    unsigned line;     /* source line */
    int runon;         /* 1: written without a space between surname and given
                        * name ("大橋直子議長" in a comma-separated list), so
                        * `surname` is the whole name until a speaker label
                        * shows where it ends ("大橋議長") */
} giji_attendee;

/* An entity referred to by a meeting's remarks (filled by extract/). */
typedef struct giji_entity {
    char *name;             /* canonical name; owned */
    int type;               /* giji_entity_type (giji/extract.h) */
    char **aliases;         /* owned; may be NULL */
    size_t naliases;
    char *parent;           /* canonical name of the parent entity, or NULL; owned */
    int parent_type;        /* type of the parent, when parent is set */
    int discovered;         /* 1: found by discovery, not listed in the gazetteer */
} giji_entity;

/* One mention of an entity in a remark's text. A remark's mentions are
 * one allocation: the array, then the strings its surfaces and rules
 * point to (extract/ makes them so; one free of the array frees them). */
typedef struct giji_mention {
    size_t entity;          /* index into the meeting's entities */
    long start, end;        /* code points into the remark text, end exclusive */
    char *surface;          /* the text as written; in the array's block */
    char *rule;             /* discovery rule that found it (evidence), or NULL; in the array's block */
} giji_mention;

typedef struct giji_remark {
    int speaker;            /* index into attendees, or -1 */
    char *speaker_label;    /* the label as written, or NULL; owned */
    giji_attribution attribution;
    char *text;             /* repaired text, paragraphs joined by '\n'; owned */
    unsigned line;          /* first source line */
    unsigned last_line;     /* last source line */
    char *cue;              /* why inferred (set by extract/), or NULL; owned */
    giji_mention *mentions; /* in order of start; owned, with its strings (see giji_mention) */
    size_t nmentions;
    char *norm;             /* NFKC of text when it changed no length (the map from
                               norm's code points to text's is the identity), made by
                               segment/ from its lines' NFKC so that extract/ need not
                               make it again; else NULL (extract/ makes it, and checks
                               text is valid UTF-8 as it does). When set, extract/ takes
                               text to be valid UTF-8 (as segment/'s texts are: decode
                               checked them) without checking it; owned */
    size_t normlen;         /* strlen(norm) when segment/ set norm (it knows it), so that
                               extract/ need not read the text once more for it before
                               MeCab does; 0: not known, extract/ counts */
    int norm_is_text;       /* 1: norm is set and its bytes are text's (NFKC changed nothing,
                               as in most remarks), so extract/ reads the mentions' offsets
                               and surfaces from norm, which matching has just read, and
                               not from text, which it has not; 0: not known */
} giji_remark;

typedef struct giji_warning {
    unsigned line;
    char *message;          /* owned */
} giji_warning;

typedef struct giji_meeting {
    char *body;             /* innermost body; owned, may be NULL */
    char *parent_body;      /* the body it sits under, or NULL; owned */
    char *title;            /* title block as one line; owned, may be NULL */
    char *kind;             /* 議事概要 / 議事要旨 / 議事録 / NULL; owned */
    int session;            /* 第14回 -> 14; -1 when absent */
    char date[11];          /* YYYY-MM-DD or "" */
    char start[6], end[6];  /* HH:MM or "" */
    char *place;            /* owned, may be NULL */
    giji_attendee *attendees; size_t nattendees;
    giji_remark *remarks; size_t nremarks;
    char **agenda; size_t nagenda;       /* agenda/decision items, owned */
    giji_entity *entities; size_t nentities; /* referred to by mentions, owned */
    giji_warning *warnings; size_t nwarnings;
} giji_meeting;

/* The tables of data/ that drive segmentation. Opaque. */
typedef struct giji_rules giji_rules;

/* Load every table from `datadir` (NULL: $GIJI_DATA, else the built-in
 * path). Malformed lines are errors naming file and line. Free with
 * giji_rules_free. */
int giji_rules_load(const char *datadir, giji_rules **out);
void giji_rules_free(giji_rules *r);
/* Directory giji_rules_load(NULL, ...) reads. Static or environment string. */
const char *giji_data_dir(void);

/* Where the meetings of a document begin. A file holds one meeting, or
 * (PDFs merged before extraction) several one after another, each from its
 * title to its end mark: after an end mark ("（以上）"), a line naming a kind
 * of record ("…（第4回）議事要旨") with its date or a section heading (日時,
 * 出席者) below it opens the next. Writes the index of each meeting's first line to
 * starts[0..max) (starts[0] = 0) and returns how many meetings the document
 * holds (0 for a document without lines). giji_segment_all segments them all. */
size_t giji_doc_meetings(const giji_rules *rules, const giji_doc *doc, size_t *starts, size_t max);

/* Segment a document read from `name`. On success fills *out (free with
 * giji_meeting_free). Errors (GIJI_EPARSE) name the file and line. Of a
 * document that holds several meetings (giji_doc_meetings) the first is
 * read, and a warning names where the next begins. */
int giji_segment(const giji_rules *rules, const char *name, const giji_doc *doc,
                 giji_meeting *out);
void giji_meeting_free(giji_meeting *m);

/* Segment every meeting of a document (giji_doc_meetings finds them once),
 * each on its own view of the lines, line numbers the file's. On success
 * *out holds *n >= 1 meetings: free each with giji_meeting_free, then the
 * array with free(). On failure (giji_segment's errors) nothing is kept. */
int giji_segment_all(const giji_rules *rules, const char *name, const giji_doc *doc, giji_meeting **out,
                     size_t *n);

/* Parse a date at the start of `s` (NFKC text): era dates (明治..令和,
 * 元年, kanji numerals) and western ones (2017年1月25日, 2017/1/25,
 * 2017-01-25). Writes "YYYY-MM-DD" to iso. Returns bytes consumed, 0 when
 * there is no date there, or a negative giji_error for an impossible date
 * (平成31年5月1日, 2月30日) with the last error set. */
int giji_date_parse(const giji_rules *rules, const char *s, char iso[11]);

/* Parse "8:30～9:30", "17:20~18:20", "午後2時～3時30分" somewhere in `s`.
 * Writes HH:MM (or "") to start and end; returns 1 when a time was found. */
int giji_time_range_parse(const char *s, char start[6], char end[6]);

/* Numbers written in digits or kanji numerals ("14", "十四", "二十一").
 * Returns bytes consumed (0 if none) and stores the value. */
int giji_number_parse(const char *s, long *value);

#ifdef __cplusplus
}
#endif
#endif
