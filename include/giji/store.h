/*
 * giji/store.h — stage 4: the SQLite database (the only module that talks SQL).
 *
 * Responsible for: the schema (src/store/schema.sql, versioned), writing one
 * meeting per input file in one transaction (so a crash leaves each file
 * stored whole or absent), recognising unchanged and replaced inputs by
 * content hash, and reading meetings back for export and queries.
 * Not responsible for: parsing (segment/) or output formats (export/).
 */
#ifndef GIJI_STORE_H
#define GIJI_STORE_H

#include <stddef.h>
#include "giji/segment.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct giji_store giji_store;

/* Open (creating if needed) the database at `path`, with foreign keys on,
 * WAL journal, and the schema created or checked. A database written by a
 * newer schema version is refused, and so is an SQLite file that is not a
 * giji database. Missing parent directories are created ("out/giji.db").
 * Free with giji_store_close. */
int giji_store_open(const char *path, giji_store **out);
void giji_store_close(giji_store *st);

/* What an input file is, for provenance and for re-ingest decisions. */
typedef struct giji_source {
    const char *name;      /* base name of the file ("000_x.txt") */
    const char *path;      /* path as given */
    char sha256[65];       /* hex SHA-256 of the raw bytes */
    size_t size;           /* raw bytes */
    const char *encoding;  /* giji_encoding_name() */
} giji_source;

typedef enum giji_store_status {
    GIJI_STORE_NEW = 0,        /* stored for the first time */
    GIJI_STORE_REPLACED,       /* a file of the same name had other content */
    GIJI_STORE_UNCHANGED       /* same content already stored: nothing done */
} giji_store_status;

/* Is this content already stored (under any name)? Lets the caller skip
 * parsing. *found is 1 and *stored_name (caller frees) names it if so. */
int giji_store_has_content(giji_store *st, const char sha256[65], int *found, char **stored_name);

/* The content hashes of every stored source (hex), for a batch to skip
 * unchanged files without asking the database from several threads.
 * Caller frees each string and the array. */
int giji_store_content_hashes(giji_store *st, char ***out, size_t *n);

/* Store one meeting in one transaction: persons are merged by name, the
 * earlier meeting from a source of the same name is replaced (and persons
 * nobody refers to any more are deleted with it). Content already stored
 * under any name gives GIJI_STORE_UNCHANGED and writes nothing; then
 * *meeting_id is the meeting stored for that content.
 *
 * Entities (m->entities) are merged by name: a missing one is inserted; a
 * stored discovered one described here as a gazetteer entity (discovered 0)
 * is promoted (discovered 0, this type); a stored gazetteer entity is never
 * turned into a discovered one, and a discovery's description of it is
 * ignored (aliases and parent included). Otherwise the stored type is kept,
 * aliases are added, and a parent is linked: the parent entity is created
 * if missing (parent_type, discovered 0; an existing one is not changed),
 * and a link that would close a cycle replaces the older link of that
 * cycle. Every remark's mentions are
 * stored with their rule. After the put, discovered entities that no
 * mention refers to and that are nobody's parent are deleted.
 *
 * The meeting is checked first (attendee names, speaker/proxy indices,
 * attribution range, entity names/types/aliases/parents, mention entity
 * indices and offsets within the remark text): GIJI_EINVAL. On any
 * failure nothing is written, *status is UNCHANGED and *meeting_id 0.
 * status and meeting_id may be NULL. */
int giji_store_put(giji_store *st, const giji_source *src, const giji_meeting *m,
                   giji_store_status *status, long long *meeting_id);

/* giji_store_put for content that is already stored (`giji ingest
 * --force`, after the gazetteer or the tables changed): the source holding
 * the same content, under any name, is replaced like one of the same name
 * (the meeting is stored anew under src->name; status REPLACED). Content
 * not stored yet is stored as by giji_store_put. */
int giji_store_put_force(giji_store *st, const giji_source *src, const giji_meeting *m,
                         giji_store_status *status, long long *meeting_id);

/* Counts for summaries. */
typedef struct giji_store_stats {
    long long meetings, persons, attendances, remarks, warnings, entities, mentions;
} giji_store_stats;
int giji_store_stats_get(giji_store *st, giji_store_stats *out);

/* meta.content_version: incremented by every put that changes the content,
 * so files derived from the database (graphs, layouts) can tell they are
 * stale. 0 for a new database. */
int giji_store_content_version(giji_store *st, long long *out);

/* Read from one consistent snapshot while other processes may write:
 * every read between begin and end sees the database as of begin.
 * giji_store_put fails (GIJI_EINVAL) in between. end is a no-op without
 * begin, so error paths can call it unconditionally. */
int giji_store_snapshot_begin(giji_store *st);
int giji_store_snapshot_end(giji_store *st);

/* ---- reading back ------------------------------------------------------ */

typedef struct giji_attendance_rec {
    long long person;       /* persons.id */
    char *name;             /* as written, spaces removed (persons.name) */
    char *display;          /* as written in this meeting */
    char *role;             /* "" when none */
    int group, present;
    long long proxy_for;    /* persons.id or 0 */
    unsigned line;
} giji_attendance_rec;

typedef struct giji_mention_rec {
    long long entity;
    char *surface;
    long start, end;        /* code points into the remark text */
    char *rule;             /* discovery rule, NULL for a gazetteer match */
} giji_mention_rec;

typedef struct giji_remark_rec {
    long long id;
    int seq;                /* 1-based order in the meeting */
    long long speaker;      /* persons.id or 0 */
    char *speaker_label;    /* NULL when none */
    char *attribution;      /* "explicit" | "chair" | "inferred" | "none" */
    char *text;
    unsigned line, last_line;
    char *cue;              /* NULL when none */
    giji_mention_rec *mentions; size_t nmentions;
} giji_remark_rec;

typedef struct giji_warning_rec {
    unsigned line;
    char *message;
} giji_warning_rec;

typedef struct giji_meeting_rec {
    long long id;
    char *source, *sha256, *encoding;
    char *body, *parent_body, *title, *kind;
    int session;            /* -1 when unknown */
    char *date, *start, *end, *place;   /* NULL when unknown */
    giji_attendance_rec *attendees; size_t nattendees;
    giji_remark_rec *remarks; size_t nremarks;
    char **agenda; size_t nagenda;
    giji_warning_rec *warnings; size_t nwarnings;
} giji_meeting_rec;

/* Ids of all meetings ordered by date (unknown dates last), then source
 * name. Caller frees *ids. */
int giji_store_meeting_ids(giji_store *st, long long **ids, size_t *n);
/* Load one meeting with everything under it: attendees and remarks by seq,
 * each remark's mentions by start offset, agenda and warnings in stored
 * order. GIJI_ENOTFOUND for an unknown id. On failure *out is left empty.
 * Free with giji_meeting_rec_free. */
int giji_store_meeting_get(giji_store *st, long long id, giji_meeting_rec *out);
void giji_meeting_rec_free(giji_meeting_rec *m);

typedef struct giji_person_rec { long long id; char *name; char *display; } giji_person_rec;
/* All persons ordered by id. Free with giji_person_recs_free. */
int giji_store_persons(giji_store *st, giji_person_rec **out, size_t *n);
void giji_person_recs_free(giji_person_rec *p, size_t n);

typedef struct giji_entity_rec {
    long long id; char *name; char *type; char **aliases; size_t naliases;
    int discovered;         /* 1: found by discovery, not in the gazetteer */
    char *parent;           /* name of the parent entity, or NULL */
} giji_entity_rec;
/* All entities ordered by id, each with its aliases in code point order.
 * Free with giji_entity_recs_free. */
int giji_store_entities(giji_store *st, giji_entity_rec **out, size_t *n);
void giji_entity_recs_free(giji_entity_rec *e, size_t n);

/* ---- entity queries (giji entities, giji candidates) -------------------- */

typedef struct giji_entity_row {
    long long id;
    char *name;
    char *type;             /* giji_entity_type_name() */
    int discovered;
    char *parent;           /* parent's name, or NULL */
    long long mentions;     /* mentions in the corpus */
    long long remarks;      /* distinct remarks mentioning it */
    long long meetings;     /* distinct meetings mentioning it */
    long long *remark_ids;  /* those remarks' ids, ascending */
    size_t nremark_ids;
} giji_entity_row;

/* Entities of `type` (a giji_entity_type_name(); NULL: all types), without
 * discovered ones unless include_discovered, ordered by mentions (most
 * first), then name. Entities without mentions (parents, gazetteer entities
 * whose meetings were replaced) are listed with 0. An unknown type is
 * GIJI_EINVAL. Read from one snapshot. Free with giji_entity_rows_free. */
int giji_store_entity_list(giji_store *st, const char *type, int include_discovered,
                           giji_entity_row **out, size_t *n);
void giji_entity_rows_free(giji_entity_row *rows, size_t n);

typedef struct giji_candidate {
    long long id;           /* entities.id */
    char *name;
    char *type;             /* the type discovery guessed */
    long long count;        /* mentions in the corpus */
    char *rule;             /* the rule that found most of them (ties: first by
                               code point), NULL if none recorded */
    /* The first mention in corpus order (meetings by date, unknown last,
     * then source name; remarks by seq; mentions by offset): */
    long long remark_id;
    char *source;           /* base name of its input file */
    unsigned line;          /* first source line of its remark */
    char *context;          /* up to 20 code points each side of the
                               mention, from the remark text, with line
                               breaks and other control characters as spaces */
    long context_start, context_end; /* the mention within context, in code
                                        points, end exclusive */
} giji_candidate;

/* Discovered entities with at least min_count mentions (values below 1
 * count as 1), ordered by count (most first), then name: what a user may
 * promote to the gazetteer. Read from one snapshot. Free with
 * giji_candidates_free. */
int giji_store_candidates(giji_store *st, int min_count, giji_candidate **out, size_t *n);
void giji_candidates_free(giji_candidate *c, size_t n);

#ifdef __cplusplus
}
#endif
#endif
