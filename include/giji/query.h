/*
 * giji/query.h — the query layer: "who raised this, when, and in what
 * words?" over a stored corpus (giji who, topics, remarks, search, timeline).
 *
 * Responsible for: what a name on the command line means (an entity by its
 * name or an alias, a person by name, spelling or unique surname, compared
 * by NFKC match keys, giji_match_key, with Latin letters compared without
 * case); "did you mean" suggestions; the scope of a query (body, dates);
 * grouping and ranking speakers; keyword-in-context excerpts with the match
 * located; the spellings a free-text query is searched under; the timeline
 * of an entity or person, and its SVG chart (written by export/).
 * Not responsible for SQL (store/, the reads of giji/store.h's "queries"
 * section), for parsing arguments or printing (cli/).
 *
 * Conventions as everywhere: functions return GIJI_OK or a negative
 * giji_error with the last error set; on failure outputs are left empty;
 * every result has one free function that accepts a zeroed value.
 * GIJI_ENOTFOUND means a name names nothing ("no entity or person named
 * 'X'"), GIJI_EINVAL a bad argument (an empty name, a bad date, a surname
 * that several persons share: the message lists them).
 */
#ifndef GIJI_QUERY_H
#define GIJI_QUERY_H

#include <stddef.h>
#include <stdio.h>

#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- what a name means -------------------------------------------------- */

typedef enum giji_target_kind {
    GIJI_TARGET_ENTITY = 1,
    GIJI_TARGET_PERSON = 2,
    GIJI_TARGET_TEXT = 3           /* free text: no entity has that name */
} giji_target_kind;

typedef struct giji_target {
    giji_target_kind kind;
    long long id;                  /* entities.id or persons.id; 0 for text */
    char *name;                    /* canonical name; persons.name; the text */
    char *display;                 /* entity: its name; person: first spelling
                                      seen ("野原 佐和子"); text: the text */
    char *type;                    /* entity type ("isac"); NULL otherwise */
    char *how;                     /* how the argument matched: "name", "alias",
                                      "match key", "surname", "text" */
} giji_target;
void giji_target_free(giji_target *t);

/* Kinds of thing a name may be looked up as (bits). */
enum { GIJI_FIND_ENTITY = 1, GIJI_FIND_PERSON = 2 };

/* What `arg` names, among the kinds asked for, in this order: an entity
 * whose name or alias is `arg` as written or its match key; a person whose
 * name (white space removed) is `arg`'s; the same by match keys compared
 * with Latin letters folded to lower case (entities before persons;
 * gazetteer entities before discovered ones, names before aliases); a
 * person whose name starts with the key (a surname: "野原"), if only one
 * does. GIJI_ENOTFOUND: nothing ("no entity or person named 'X'");
 * GIJI_EINVAL: empty, or a surname several persons share (the message
 * names them). */
int giji_resolve(giji_store *st, const char *arg, unsigned kinds, giji_target *out);

/* The meeting `arg` names: a meeting id (digits), or the base name of its
 * input file. GIJI_ENOTFOUND when none. */
int giji_resolve_meeting(giji_store *st, const char *arg, long long *id);

/* "Did you mean": at most GIJI_SUGGEST_MAX names of the kinds asked for
 * (entity names and aliases, persons' spellings; bodies with
 * GIJI_SUGGEST_BODIES) closest to `arg`: by edit distance on the code points
 * of the match keys (a transposition counts 1), then by shared characters
 * (other than ASCII: kanji and kana). A name qualifies when its distance is
 * at most a third of the length of `arg` (at least 1), or it shares at least
 * two such characters and half of the longer key's, or one key (of at
 * least 2 characters) contains the other. Each name once, as written. Free with
 * giji_suggestions_free. */
#define GIJI_SUGGEST_MAX 3
enum { GIJI_SUGGEST_BODIES = 4 };
int giji_suggest(giji_store *st, const char *arg, unsigned kinds, char ***out, size_t *n);
void giji_suggestions_free(char **s, size_t n);
/* The same on a list (no database): indices into names of the best, at
 * most `max` (idx has room for max); returns how many. Names whose keys
 * are equal count once (the first). */
size_t giji_suggest_pick(const char *arg, const char *const *names, size_t n, size_t max,
                         size_t *idx);
/* Optimal string alignment distance between a and b over code points. */
size_t giji_edit_distance(const char *a, const char *b);

/* ---- text: excerpts, matching, dates ------------------------------------ */

/* A keyword-in-context excerpt: before + match + after is a slice of the
 * remark text, with line breaks and other control characters as spaces. */
typedef struct giji_kwic {
    char *before, *match, *after;
    long start, end;               /* the match in the remark text (code points) */
    int cut_before, cut_after;     /* the text goes on before / after the excerpt */
} giji_kwic;
#define GIJI_KWIC_SPAN 40          /* code points of context on each side */

/* The excerpt of text[start, end) with up to `span` code points each side
 * (offsets beyond the text are clipped). start = end = 0 gives the
 * beginning of the text as `after`. Free with giji_kwic_free. */
int giji_kwic_make(const char *text, long start, long end, long span, giji_kwic *out);
void giji_kwic_free(giji_kwic *k);

/* The first occurrence in `text` of any of needles[0..n) (the earliest; at
 * one position the longest), comparing code points with letters folded to
 * lower case: *start, *end in code points. Returns 1 when found, 0 when not,
 * or a negative giji_error. */
int giji_text_find(const char *text, const char *const *needles, size_t n, long *start, long *end);

/* The spellings a free-text query is searched under, each once: the text
 * as given (trimmed), its NFKC form, and the NFKC form with ASCII written
 * full-width (ＩＳＡＣ for ISAC), since minutes use both. Free with
 * giji_suggestions_free. GIJI_EINVAL for an empty text. */
int giji_text_variants(const char *text, char ***out, size_t *n);

/* A date bound from YYYY, YYYY-MM or YYYY-MM-DD (also YYYY/MM/DD): the
 * first day it covers, or with `upper` the last, as YYYY-MM-DD in out.
 * GIJI_EINVAL for anything else. */
int giji_date_bound(const char *s, int upper, char out[11]);

/* ---- scope and results shared by the queries ----------------------------- */

typedef struct giji_query_opts {
    const char *body;              /* meetings of this body, or of bodies under it
                                      (NFKC; must be a stored body: else
                                      GIJI_ENOTFOUND "no body named 'X'") */
    const char *from, *to;         /* giji_date_bound forms; NULL: open */
    int descendants;               /* an entity also counts through the entities
                                      below it (金融ISAC for ISAC) */
    size_t limit;                  /* at most this many remarks; 0: all */
    size_t speakers;               /* giji who: list at most this many speakers
                                      (persons and labels, by rank; the anonymous
                                      remarks are always listed); 0: all */
} giji_query_opts;

/* Check o alone, before a query: GIJI_EINVAL for a bad date or --from
 * after --to, GIJI_ENOTFOUND "no body named 'X'" for a body no meeting has.
 * The queries check the same (so a caller that checks first can tell a bad
 * body from an unknown name). */
int giji_query_check(giji_store *st, const giji_query_opts *o);

/* A remark with its excerpt around the match (or its beginning). */
typedef struct giji_hit {
    giji_remark_hit r;
    giji_kwic kwic;
} giji_hit;

typedef struct giji_hits {
    giji_hit *items;
    size_t n;
    size_t total;                  /* matches without the limit */
} giji_hits;
void giji_hits_free(giji_hits *h);

/* ---- giji who TOPIC ------------------------------------------------------ */

typedef struct giji_who_group {
    long long person;              /* persons.id; 0: speaker unknown */
    const char *name, *display;    /* the person's (display as first written in
                                      the remarks listed, else persons.display);
                                      NULL when unknown */
    const char *label;             /* unknown speaker whose label fit nobody: the
                                      label; NULL otherwise (anonymous) */
    size_t rank;                   /* 1, 2, ... by remarks (ties share a rank);
                                      0 for unknown speakers, listed last */
    size_t count;                  /* remarks of this speaker that raised it */
    size_t first, shown;           /* the ones listed: items[first .. first + shown),
                                      the first o->limit of count in corpus order */
    size_t key_first, nkeys;       /* keys[key_first .. key_first + nkeys): all
                                      count of them, except for the anonymous
                                      remarks with o->limit > 0: the ones listed */
    size_t meetings;               /* distinct meetings of those remarks */
    size_t inferred;               /* of them attributed by inference */
    const char *first_date, *last_date; /* NULL when no date is known */
} giji_who_group;

typedef struct giji_who {
    giji_target topic;             /* the entity, or the text searched for */
    giji_hit *items;               /* the remarks listed, grouped by speaker in rank
                                      order; in corpus order within a group */
    size_t n;
    giji_remark_key *keys;         /* the remarks of the groups listed (see
                                      giji_who_group.nkeys), by group, in corpus
                                      order within each */
    size_t nkeys;
    giji_who_group *groups;        /* the speakers listed, in rank order; strings
                                      point into items, keys or private storage */
    size_t ngroups;
    size_t remarks;                /* all the remarks that raised it */
    size_t meetings;               /* distinct meetings of all the remarks */
    size_t persons;                /* persons among them, listed or not */
    size_t unknown;                /* remarks with no speaker known (labels and
                                      anonymous) */
    size_t more_speakers;          /* speakers not listed (o->speakers) ... */
    size_t more_remarks;           /* ... and their remarks */
    int counted;                   /* 1: ranked from the entity's derived counts
                                      (one entity, no scope): time proportional to
                                      its speakers and the remarks listed */
    /* private */
    giji_person_rec *person_recs;
    size_t nperson_recs;
    giji_anonymous_stats anon;
    giji_text_remarks text;
} giji_who;

/* Every remark that raised TOPIC, grouped by speaker, most remarks first:
 * TOPIC is an entity (giji_resolve, entities only); when none has that name,
 * the remarks whose text contains it (as giji_store_remark_search, every
 * spelling of giji_text_variants). The excerpt marks the first mention of
 * the entity, or the first occurrence of the text. With o->limit, only the
 * first o->limit remarks of each speaker are listed with their excerpt (the
 * counts are over all of them): the text of the others is never read. With
 * o->speakers, only the first o->speakers persons and labels are listed (the
 * counts of the others are in more_speakers and more_remarks). An entity
 * asked for without a scope (body, dates, children) is ranked from the
 * derived counts of schema 4 when they are live (giji_store_counts_live),
 * so that its most frequent entities answer in time proportional to their
 * speakers plus the remarks listed; otherwise from every remark, with the
 * same answer.
 * GIJI_ENOTFOUND when no entity has that name and no remark contains it at
 * all (whatever the scope). Free with giji_who_free. */
int giji_query_who(giji_store *st, const char *topic, const giji_query_opts *o, giji_who *out);
void giji_who_free(giji_who *w);

/* ---- giji topics PERSON -------------------------------------------------- */

typedef struct giji_topic {
    long long entity;
    char *name, *type;
    long long remarks;             /* the person's remarks mentioning it */
    long long mentions;
    long long meetings;            /* in how many meetings */
} giji_topic;

typedef struct giji_topics_meeting {
    giji_meeting_row m;            /* role/display: the person's at that meeting;
                                      hit_remarks: their remarks there */
    giji_topic *topics;            /* ranked: remarks, mentions, name */
    size_t ntopics;
} giji_topics_meeting;

typedef struct giji_topics {
    giji_target person;
    giji_topic *overall;           /* ranked like topics */
    size_t noverall;
    giji_topics_meeting *meetings; /* every meeting the person attended or spoke
                                      in, by date */
    size_t nmeetings;
    long long remarks, inferred;   /* attributed to the person in the scope */
} giji_topics;

/* What person PERSON (giji_resolve, persons only) raised: the entities
 * their remarks mention, overall and per meeting. Free with giji_topics_free. */
int giji_query_topics(giji_store *st, const char *person, const giji_query_opts *o, giji_topics *out);
void giji_topics_free(giji_topics *t);

/* ---- giji remarks, giji search ------------------------------------------ */

/* The remarks matching f (ids resolved by the caller) within o's scope, in
 * corpus order, at most o->limit; excerpts around the first mention of the
 * first entity, else the beginning of the text. */
int giji_query_remarks(giji_store *st, const giji_hit_filter *f, const giji_query_opts *o,
                       giji_hits *out);

/* Remarks containing TEXT in any of its spellings (giji_text_variants),
 * most occurrences first (a scan for texts under 3 characters), at most
 * o->limit; excerpts around the first occurrence. */
int giji_query_search(giji_store *st, const char *text, const giji_query_opts *o, giji_hits *out);

/* ---- giji meetings, giji persons ------------------------------------------ */

/* The meetings in o's scope (body, dates), by date. Free with
 * giji_meeting_rows_free. */
int giji_query_meetings(giji_store *st, const giji_query_opts *o, giji_meeting_row **out, size_t *n);

/* Persons, most remarks first; with `contains` (NULL: all) those whose name
 * contains it with white space removed, taken literally. Free with
 * giji_person_rows_free. */
int giji_query_persons(giji_store *st, const char *contains, giji_person_row **out, size_t *n);

/* ---- giji timeline NAME --------------------------------------------------- */

typedef enum giji_timeline_by {
    GIJI_BY_MEETING = 0, GIJI_BY_MONTH, GIJI_BY_YEAR
} giji_timeline_by;

typedef struct giji_timeline_point {
    char *label;                   /* "2017-01-25", "2017-01", "2017", or
                                      "(no date)" (always last) */
    long long meeting;             /* by meeting: meetings.id; else 0 */
    char *body;                    /* by meeting: the body; NULL otherwise */
    int session;                   /* by meeting; -1 when unknown or aggregated */
    char *source;                  /* by meeting: base name of the input file */
    char *role;                    /* person, by meeting: role at that meeting */
    long long meetings;            /* meetings in the period (1 by meeting) */
    long long remarks;             /* entity: remarks mentioning it; person: their remarks */
    long long mentions;            /* entity: its mentions; person: 0 */
} giji_timeline_point;

typedef struct giji_timeline {
    giji_target target;            /* an entity or a person */
    giji_timeline_by by;
    giji_timeline_point *points;   /* in time order; by month or year every period
                                      between the first and the last is present */
    size_t n;
    long long remarks, mentions;   /* totals */
} giji_timeline;

/* Mentions of an entity, or a person's remarks, over time (NAME by
 * giji_resolve: entities first, then persons). By meeting: the meetings
 * that mention the entity, or that the person attended or spoke in. Free
 * with giji_timeline_free. */
int giji_query_timeline(giji_store *st, const char *name, const giji_query_opts *o,
                        giji_timeline_by by, giji_timeline *out);
void giji_timeline_free(giji_timeline *t);

/* The timeline as a small self-contained SVG bar chart
 * (src/export/timeline_svg.c):
 * one bar per point (mentions for an entity, remarks for a person), labels
 * on the axis, the title naming the target. Every string is XML-escaped.
 * GIJI_EIO when writing fails. */
int giji_timeline_svg(const giji_timeline *t, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
