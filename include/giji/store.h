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
 * A bulk load left unfinished by a process that is gone is finished here
 * (giji_store_bulk_begin), which can take a minute on a large corpus.
 * A store is used by one thread at a time (its connection is opened
 * without SQLite's per-call locking); open one per thread to share a
 * database. Free with giji_store_close. */
int giji_store_open(const char *path, giji_store **out);
void giji_store_close(giji_store *st);

/* What an input file is, for provenance and for re-ingest decisions. */
typedef struct giji_source {
    const char *name;      /* base name of the file ("000_x.txt") */
    const char *path;      /* path as given */
    char sha256[65];       /* hex SHA-256 of the raw bytes */
    size_t size;           /* raw bytes */
    const char *encoding;  /* giji_encoding_name() */
    unsigned part;         /* which meeting of its file this is: 0 or 1 the first
                              (name: the file's), k >= 2 the k-th ("NAME#k") */
    unsigned parts;        /* meetings the file holds, 0 or 1 for one. Storing a
                              file's first meeting anew (new or changed content)
                              drops the stored sources NAME#k for k > parts */
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

/* The meetings of one file that holds several (giji_doc_meetings: srcs[0]
 * the file's first, srcs[k] its part k + 1), in one transaction: each is
 * checked before any is written, so the file is stored whole or not at
 * all; each put is giji_store_put's (giji_store_put_force's with `force`).
 * statuses and ids (n each) may be NULL; on failure every status is
 * UNCHANGED and every id 0. Inside a batch, the batch's transaction. */
int giji_store_put_parts(giji_store *st, const giji_source *srcs, const giji_meeting *const *ms, size_t n,
                         int force, giji_store_status *statuses, long long *ids);

/* Batches: many puts in one transaction. Between giji_store_batch_begin
 * and giji_store_batch_commit every giji_store_put runs inside one write
 * transaction, so the index pages, the full-text index and the WAL are
 * written once per batch instead of once per file (docs: bench/README.md).
 * Nothing of the batch is visible to other connections, or durable, before
 * the commit: callers commit after a bounded number of files or seconds, at
 * the end and on an interrupt. A put that fails before writing (an invalid
 * meeting: GIJI_EINVAL) leaves the batch as it was. One that fails while
 * writing (a constraint or a user's trigger, disk full, I/O error) loses
 * the batch: its transaction is rolled back (a file has no savepoint of its
 * own, whose journal would cost every put; bench/README.md, "The writer,
 * sixth round"), the puts after it fail, and giji_store_batch_commit
 * returns GIJI_EDB; the caller then stores the batch's files again one by
 * one, each in its own transaction. begin fails (GIJI_EINVAL) inside a
 * snapshot or a batch; commit without a batch is a no-op. */
int giji_store_batch_begin(giji_store *st);
int giji_store_batch_commit(giji_store *st);
/* Is a batch open (begun and not committed)? */
int giji_store_batch_open(const giji_store *st);

/* Bulk load: for a load that at least doubles the corpus (giji_ingest_files
 * decides). Between giji_store_bulk_begin and giji_store_bulk_finish, the
 * batches' commits leave what their remarks derive (full-text entries,
 * entity_remarks rows) listed as pending, the index of mentions by entity is
 * gone, and the derived counts are stale; finish makes them all in one
 * transaction (a sort and an append each, instead of inserts all over the
 * B-trees at every batch; bench/README.md, "The writer, seventh round").
 * Puts, batches and replacements work as usual meanwhile, and every answer
 * is the same as without the bulk load once it is finished; but until then
 * a query (of another process) does not see the load's remarks in `search`,
 * `who`, `timeline` or `remarks --entity`, and runs without the index.
 *
 * The state is in the database (meta.bulk), so a load that is killed is
 * finished by the next giji_store_open of any process (which then takes
 * as long as the finish would have); while the loading process lives, it
 * holds a lock on the file "<database>-bulk", and other processes' opens
 * leave its load alone. begin, outside any transaction: *started 1 when
 * the load began; 0 (GIJI_OK) when another process's load holds the lock
 * or the lock file cannot be made: the caller then loads as usual. finish,
 * outside any transaction: a no-op without a pending load (so it also
 * finishes another process's load); afterwards the WAL is truncated.
 * giji_store_bulk_pending: *pending 1 while meta.bulk is set. A finish
 * that runs on two cores (store/bulk.c) also computes the derived counts;
 * otherwise they stay stale after it: giji_store_counts_rebuild computes
 * them. */
int giji_store_bulk_begin(giji_store *st, int *started);
int giji_store_bulk_finish(giji_store *st);
int giji_store_bulk_pending(giji_store *st, int *pending);

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
/* Only the attendees of meeting `id`, in list order (no remarks read): an
 * unknown id gives none. Free with giji_attendance_recs_free. */
int giji_store_meeting_attendees(giji_store *st, long long id, giji_attendance_rec **out, size_t *n);
void giji_attendance_recs_free(giji_attendance_rec *a, size_t n);

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

/* ---- graph facts (giji/graph.h) -------------------------------------- */

/* Which remarks a graph is built from. Borrowed strings. */
typedef struct giji_remark_filter {
    const long long *meetings;   /* only these meetings; nmeetings 0: all */
    size_t nmeetings;
    const char *body;            /* meetings whose body or parent_body is this; NULL: any */
    const char *from, *to;       /* meeting date range, inclusive, YYYY-MM-DD; NULL: open
                                    (with either, meetings without a date are left out) */
    unsigned types;              /* entity types, bit (1u << giji_entity_type); 0: all */
} giji_remark_filter;

typedef struct giji_fact_remark {
    long long id;                /* remarks.id */
    long long meeting;           /* meetings.id */
    long long speaker;           /* persons.id, 0 when unknown */
    size_t first, n;             /* its entities: facts.entity_ids[first .. first+n) */
} giji_fact_remark;

typedef struct giji_fact_person { long long id; char *name; char *display; } giji_fact_person;
typedef struct giji_fact_entity { long long id; char *name; int type; } giji_fact_entity;
typedef struct giji_fact_meeting {
    long long id;
    char *body, *date;           /* NULL when unknown */
    char *source;                /* base name of its input file */
} giji_fact_meeting;

typedef struct giji_graph_facts {
    giji_fact_remark *remarks;   /* the selected remarks that mention at least one
                                    entity of the selected types, by id */
    size_t nremarks;
    long long *entity_ids;       /* per remark, the distinct entities it mentions
                                    (selected types only), ascending */
    size_t nentity_ids;
    giji_fact_person *persons;   /* the speakers of those remarks, by id */
    size_t npersons;
    giji_fact_entity *entities;  /* the entities they mention, by id */
    size_t nentities;
    giji_fact_meeting *meetings; /* the meetings of those remarks, by id */
    size_t nmeetings;
    long long content_version;   /* meta.content_version of the snapshot read */
} giji_graph_facts;

/* The facts a graph is built from, read in one snapshot. A meeting id of
 * f->meetings that does not exist is GIJI_ENOTFOUND. On failure *out is
 * left empty. Free with giji_graph_facts_free. */
int giji_store_graph_facts(giji_store *st, const giji_remark_filter *f, giji_graph_facts *out);
/* The facts of a top cut whose nodes are known: the selected remarks that
 * mention one of `entities` (ascending), each with those of them it
 * mentions, and the persons, entities and meetings (unattributed nodes)
 * given, by id, with their names; nothing about the rest of the selection.
 * *done is 0 (and *out empty) when the selection is narrow, which
 * giji_store_graph_facts reads another way: read the whole facts then. One
 * snapshot; out->content_version is the snapshot's. When the selection is
 * every meeting, a remark with a speaker has meeting 0 (the graph build
 * looks at a remark's meeting only for its unattributed node). */
int giji_store_graph_facts_of(giji_store *st, const giji_remark_filter *f, const long long *persons, size_t np,
                              const long long *entities, size_t ne, const long long *meetings, size_t nm,
                              giji_graph_facts *out, int *done);
void giji_graph_facts_free(giji_graph_facts *f);

/* Who or what is called `name`: the persons whose name (white space
 * removed) or display spelling is `name` with its white space removed, and
 * the entities whose canonical name or alias is `name`. Ids ascending;
 * *persons and *entities are the caller's to free (NULL when none). */
int giji_store_name_lookup(giji_store *st, const char *name, long long **persons, size_t *np,
                           long long **entities, size_t *ne);

/* ---- metrics cache (giji/graph.h) ------------------------------------- */

/* Metrics per node, in the field order of schema.sql's metrics_cache_data.nodes:
 * degree, strength, betweenness, harmonic, eigenvector, pagerank. */
#define GIJI_STORE_NMETRICS 6

typedef struct giji_cached_node {
    int kind;                    /* giji_node_kind: 0 person, 1 entity, 2 unattributed */
    long long id;
    double metric[GIJI_STORE_NMETRICS];
    long long community;
    long long remarks;           /* remarks behind the node (with has_counts) */
} giji_cached_node;

typedef struct giji_metrics_cache_rec {
    long long content_version;
    long long nedges;            /* edges of the graph the metrics belong to */
    double modularity;
    long long communities;
    double cutoff;               /* betweenness and harmonic closeness: 0, or the cutoff */
    long long samples;           /* 0, or the number of sampled sources they were
                                    estimated from */
    giji_cached_node *nodes;     /* in the graph's node order */
    size_t nnodes;
    /* What a top cut needs besides the metrics (schema 8; an entry without
     * them reads has_counts 0): the graph's selected_remarks, each node's
     * remarks, and the meetings it was built from (ascending). */
    int has_counts;
    long long selected;
    long long *meetings;
    size_t nmeetings;
} giji_metrics_cache_rec;

/* The cached metrics for spec key `key` computed at `content_version`:
 * *found is 0 (and *out empty) when there are none, or only for another
 * content version. Free with giji_metrics_cache_rec_free. */
int giji_store_metrics_cache_get(giji_store *st, const char *key, long long content_version,
                                 giji_metrics_cache_rec *out, int *found);
/* Store metrics for `key` in one transaction, replacing earlier ones for
 * that key and deleting every cached entry of an older content version.
 * When the database's content changed since rec->content_version, nothing
 * is stored (*stored 0; may be NULL): those metrics are already stale.
 * Does not change meta.content_version: the cache is derived data. */
int giji_store_metrics_cache_put(giji_store *st, const char *key, const giji_metrics_cache_rec *rec,
                                 int *stored);
void giji_metrics_cache_rec_free(giji_metrics_cache_rec *rec);

/* ---- queries (giji who, topics, remarks, search, timeline, meetings,
 * persons, show; src/store/query.c). Name resolution, ranking and excerpts
 * are giji/query.h's; these are the reads behind them. Every function reads
 * from one snapshot and, on failure, leaves its outputs empty. */

/* Which remarks (or meetings) a query wants. Zero-initialised: all of them.
 * Borrowed strings, compared as stored (giji/query.h normalises them). */
typedef struct giji_hit_filter {
    long long speaker;             /* persons.id; 0: any speaker */
    const long long *entities;     /* remarks mentioning every one of these */
    size_t nentities;              /* at most GIJI_HIT_MAX_ENTITIES */
    int descendants;               /* an entity also counts through the entities
                                      below it (金融ISAC for ISAC) */
    long long meeting;             /* meetings.id; 0: any */
    const char *body;              /* meetings whose body or parent_body is this */
    const char *from, *to;         /* meeting dates, inclusive, YYYY-MM-DD; with
                                      either, meetings without a date are left out */
} giji_hit_filter;
#define GIJI_HIT_MAX_ENTITIES 16

/* A remark with what a reader needs around it. */
typedef struct giji_remark_hit {
    long long id;                  /* remarks.id */
    int seq;                       /* position in its meeting, from 1 */
    long long meeting;             /* meetings.id */
    char *source;                  /* base name of the meeting's input file */
    char *date, *body;             /* the meeting's; NULL when unknown */
    int session;                   /* -1 when unknown */
    unsigned line, last_line;      /* source lines of the remark */
    long long speaker;             /* persons.id; 0 when unknown */
    char *speaker_name;            /* persons.name (no white space); NULL when unknown */
    char *speaker_display;         /* the name as written in this meeting's attendee
                                      list (persons.display if none); NULL when unknown */
    char *role;                    /* the speaker's role at this meeting; NULL when
                                      unknown, "" when the minutes give none */
    char *speaker_label;           /* as written; NULL when none */
    char *attribution;             /* "explicit" | "chair" | "inferred" | "none" */
    char *cue;                     /* why inferred; NULL otherwise */
    char *text;
    long start, end;               /* the first mention of the filter's first entity
                                      (code points, end exclusive); -1 when no entity
                                      was asked for */
    double rank;                   /* giji_store_remark_search: minus the
                                      occurrences, smaller is better; 0 otherwise */
} giji_remark_hit;

/* Remarks matching f in corpus order (meetings by date, unknown last, then
 * source name; remarks by seq). limit 0: all. *total (may be NULL): how many
 * match without the limit. More than GIJI_HIT_MAX_ENTITIES entities is
 * GIJI_EINVAL. Free with giji_remark_hits_free. */
int giji_store_remark_hits(giji_store *st, const giji_hit_filter *f, size_t limit,
                           giji_remark_hit **out, size_t *n, size_t *total);

/* Remarks whose text contains any of texts[0..ntexts) (at most 8; spellings
 * of one query), letters compared without case, best first: ranked by
 * occurrences (overlapping ones each counted), then corpus order. Texts of
 * at least 3 code points through the trigram index (remarks_fts; the
 * trigrams that cover each text, their alignment checked by giji's FTS5
 * functions giji_collect and giji_occurrences, registered by
 * giji_store_open); texts of 2 through the trigrams that begin them and
 * the remarks that end with them (remarks_fts_terms, remarks_tail; schema
 * 6). When one is a single character, a scan of every remark (only ASCII
 * letters compared without case). Filtered by f like
 * giji_store_remark_hits. A database without remarks_fts (written by a
 * giji before full-text search) is GIJI_EDB with a message that says so. */
int giji_store_remark_search(giji_store *st, const char *const *texts, size_t ntexts,
                             const giji_hit_filter *f, size_t limit, giji_remark_hit **out,
                             size_t *n, size_t *total);

/* What ranking speakers needs of a remark, without its text (cheap to read
 * for every remark that raised a topic; giji who). */
typedef struct giji_remark_key {
    long long id, meeting, speaker;  /* speaker 0: unknown */
    char *label;                   /* speaker_label when the speaker is unknown */
    int inferred;                  /* attribution 'inferred' */
    char *date, *source;           /* the meeting's date (NULL when unknown), file */
    int seq;
} giji_remark_key;
/* The remarks matching f, and when ntexts > 0 also containing one of
 * texts (as giji_store_remark_search), in no particular order. Free with
 * giji_remark_keys_free. */
int giji_store_remark_keys(giji_store *st, const giji_hit_filter *f, const char *const *texts,
                           size_t ntexts, giji_remark_key **out, size_t *n);
void giji_remark_keys_free(giji_remark_key *k, size_t n);

/* ---- who raised a text, without reading the rows (schema 7) ------------ */

/* A remark's meeting, speaker and attribution, from the packed remark
 * columns (store/cols.c: 8 bytes a remark, one read for 1024 of them). */
typedef struct giji_remark_col {
    long long meeting;             /* 0: no remark has this id */
    long long speaker;             /* persons.id; 0: unknown */
    int inferred;                  /* attribution 'inferred' */
    char *label;                   /* speaker_label when the speaker is unknown
                                      and the minutes named one; else NULL */
} giji_remark_col;
/* The columns of remarks ids[0..n) (ascending) into out[0..n) (the
 * caller's array). Free the labels with giji_remark_cols_clear. */
int giji_store_remark_cols(giji_store *st, const long long *ids, size_t n, giji_remark_col *out);
void giji_remark_cols_clear(giji_remark_col *c, size_t n);

/* The meetings that pass f's conditions on meetings (body, dates; f NULL:
 * all), by id. Free with giji_meeting_keys_free. */
typedef struct giji_meeting_key {
    long long id;
    char *date;                    /* NULL when unknown */
    char *source;                  /* the file's name */
} giji_meeting_key;
int giji_store_meeting_keys(giji_store *st, const giji_hit_filter *f, giji_meeting_key **out, size_t *n);
void giji_meeting_keys_free(giji_meeting_key *k, size_t n);

/* What giji who of a text needs, read in one snapshot: the remarks that
 * contain one of texts[0..ntexts) (as giji_store_remark_search: every
 * spelling; f is not applied to them), found through the full-text index,
 * with ids ascending and their columns; and the meetings that pass f (NULL:
 * all), by id: those of the matches, or more. indexed = 0, and nothing read, when only a pass
 * over every remark could find the texts (a text of 1 character). Free
 * with giji_text_remarks_free. */
typedef struct giji_text_remarks {
    long long *ids;
    giji_remark_col *cols;         /* cols[i] is remark ids[i]'s */
    size_t n;
    giji_meeting_key *meetings;
    size_t nmeetings;
    int indexed;
} giji_text_remarks;
int giji_store_text_remarks(giji_store *st, const char *const *texts, size_t ntexts,
                            const giji_hit_filter *f, giji_text_remarks *out);
void giji_text_remarks_free(giji_text_remarks *t);

/* ---- the derived counts (schema 4): live or suspended ----------------------- */

/* *live = 1 when entity_speakers and entity_meetings are being kept by
 * their triggers and are exact; 0 while a bulk load has suspended them
 * (the queries then do without them). */
int giji_store_counts_live(giji_store *st, int *live);
/* Stop keeping the derived counts (outside any batch or snapshot): a load
 * that adds much to the corpus stores faster, then calls
 * giji_store_counts_rebuild. Until then they are 'stale', in every process. */
int giji_store_counts_suspend(giji_store *st);
/* Compute the derived counts again from entity_remarks in one transaction
 * and mark them live (about 25 s for a 1 GiB corpus). */
int giji_store_counts_rebuild(giji_store *st);

/* ---- the derived counts of one entity (schema 4; giji who) ---------------- */

/* A speaker of the remarks that mention an entity, with their numbers. */
typedef struct giji_entity_speaker {
    long long person;              /* persons.id; 0: speaker unknown */
    char *label;                   /* unknown speaker: the label as written;
                                      NULL: none (anonymous remarks) */
    long long remarks;             /* remarks that mention the entity */
    long long inferred;            /* of them attributed by inference */
} giji_entity_speaker;

/* Every speaker of the remarks that mention `entity` (not counting the
 * entities below it), in no particular order, and the number of meetings
 * of those remarks: read from entity_speakers and entity_meetings, in time
 * proportional to the speakers and meetings, not to the remarks. Free with
 * giji_entity_speakers_free. */
int giji_store_entity_speakers(giji_store *st, long long entity, giji_entity_speaker **out, size_t *n,
                               long long *meetings);
void giji_entity_speakers_free(giji_entity_speaker *sp, size_t n);

/* The keys of every remark mentioning `entity` said by person `person`
 * (from the person's remarks), or when person is 0 by the unknown speaker
 * labelled `label` (label NULL: the anonymous remarks; both from the
 * entity's range of entity_remarks). In no particular order. Free with
 * giji_remark_keys_free. */
int giji_store_speaker_keys(giji_store *st, long long entity, long long person, const char *label,
                            giji_remark_key **out, size_t *n);

/* The anonymous remarks that mention an entity, by meeting. */
typedef struct giji_anonymous_stats {
    long long meetings;            /* meetings with at least one */
    char *first_date, *last_date;  /* their earliest and latest known dates; NULL: none */
} giji_anonymous_stats;
/* Stats of the anonymous remarks mentioning `entity` (from entity_meetings)
 * and the keys of the first `limit` of them in corpus order (0: of all of
 * them, from the entity's range). Free the keys with giji_remark_keys_free,
 * the stats with giji_anonymous_stats_free. */
int giji_store_anonymous_keys(giji_store *st, long long entity, size_t limit, giji_remark_key **out,
                              size_t *n, giji_anonymous_stats *stats);
void giji_anonymous_stats_free(giji_anonymous_stats *a);

/* The remarks ids[0..n) as hits, in that order (unknown ids left out);
 * start/end locate the first mention of f's first entity as in
 * giji_store_remark_hits (f may be NULL). */
int giji_store_remark_hits_by_id(giji_store *st, const long long *ids, size_t n,
                                 const giji_hit_filter *f, giji_remark_hit **out, size_t *nout);

/* One remark; GIJI_ENOTFOUND for an unknown id. Free with giji_remark_hit_free. */
int giji_store_remark_hit_get(giji_store *st, long long id, giji_remark_hit *out);
void giji_remark_hit_free(giji_remark_hit *h);
void giji_remark_hits_free(giji_remark_hit *h, size_t n);

/* A mention with its entity's name and type (giji show). */
typedef struct giji_mention_row {
    long long entity;
    char *name, *type;             /* the entity's */
    char *surface, *rule;          /* as in giji_mention_rec */
    long start, end;
} giji_mention_row;
/* Mentions of one remark by offset. Free with giji_mention_rows_free. */
int giji_store_remark_mentions(giji_store *st, long long remark, giji_mention_row **out, size_t *n);
void giji_mention_rows_free(giji_mention_row *m, size_t n);

/* A meeting as query results list it, with counts. */
typedef struct giji_meeting_row {
    long long id;
    char *source, *date, *body, *parent_body, *kind, *title, *place; /* NULL when unknown */
    int session;                   /* -1 when unknown */
    long long attendees, remarks;  /* in the whole meeting */
    long long anonymous;           /* remarks of the meeting whose speaker is unknown */
    /* Counts of the query that listed it (0 for giji_store_meeting_list):
     * giji_store_entity_meetings: remarks mentioning the entity, mentions;
     * giji_store_person_meetings: remarks by the person, of them inferred. */
    long long hit_remarks, hit_mentions, hit_inferred;
    char *role;                    /* person: role at this meeting; "" none; NULL
                                      when the person spoke without attending */
    char *display;                 /* person: the name as written in this meeting */
} giji_meeting_row;

/* Meetings matching f's meeting, body and dates, by date (unknown last),
 * then source name. Free with giji_meeting_rows_free. */
int giji_store_meeting_list(giji_store *st, const giji_hit_filter *f, giji_meeting_row **out,
                            size_t *n);
/* The same meetings in the same order without the counts (attendees,
 * remarks and anonymous are 0): what a caption names, without counting
 * every remark of every meeting. */
int giji_store_meeting_heads(giji_store *st, const giji_hit_filter *f, giji_meeting_row **out,
                             size_t *n);
/* Meetings in which entity `entity` (with f->descendants, or one below it)
 * is mentioned, filtered by f's meeting, body, dates and speaker. The
 * whole-meeting counts (attendees, remarks, anonymous) are left 0. */
int giji_store_entity_meetings(giji_store *st, long long entity, const giji_hit_filter *f,
                               giji_meeting_row **out, size_t *n);
/* Meetings that person `person` attended or spoke in, filtered by f's
 * meeting, body and dates. */
int giji_store_person_meetings(giji_store *st, long long person, const giji_hit_filter *f,
                               giji_meeting_row **out, size_t *n);
void giji_meeting_rows_free(giji_meeting_row *m, size_t n);
/* The meeting read from input file `source` (base name): *id 0 when none. */
int giji_store_meeting_by_source(giji_store *st, const char *source, long long *id);

/* Entities mentioned in the remarks of person `person` (filtered by f's
 * meeting, body and dates), per meeting: one row per (meeting, entity),
 * by meeting id, then remarks (most first), then name. */
typedef struct giji_topic_row {
    long long meeting, entity;
    char *name, *type;             /* the entity's */
    long long remarks, mentions;   /* the person's remarks mentioning it, mentions */
} giji_topic_row;
int giji_store_person_topics(giji_store *st, long long person, const giji_hit_filter *f,
                             giji_topic_row **out, size_t *n);
void giji_topic_rows_free(giji_topic_row *t, size_t n);

/* Persons with their activity, most remarks first, then most meetings,
 * then name. `contains` (NULL: everyone) keeps those whose name (white space
 * removed) contains it literally (LIKE with % _ \ escaped). */
typedef struct giji_person_row {
    long long id;
    char *name, *display;
    long long meetings;            /* attended or spoke in */
    long long remarks, inferred;   /* attributed to them; of them inferred */
    char *first_date, *last_date;  /* of those meetings; NULL when unknown */
    char *role;                    /* at the latest of those meetings; NULL if none */
} giji_person_row;
int giji_store_person_list(giji_store *st, const char *contains, giji_person_row **out, size_t *n);
void giji_person_rows_free(giji_person_row *p, size_t n);

/* Every name a query argument may mean, for resolution and "did you
 * mean": entity names, aliases (contextual '~' ones left out), persons'
 * names and display spellings, bodies. */
enum {
    GIJI_NAMES_ENTITIES = 1, GIJI_NAMES_ALIASES = 2, GIJI_NAMES_PERSONS = 4, GIJI_NAMES_BODIES = 8
};
typedef struct giji_name_rec {
    int kind;                      /* one GIJI_NAMES_* bit */
    long long id;                  /* entities.id (names, aliases), persons.id, 0 (bodies) */
    char *text;                    /* the name, alias, display spelling or body */
    int discovered;                /* entities: found by discovery */
} giji_name_rec;
/* Names of the kinds in `kinds`, by kind, then id, then text. */
int giji_store_names(giji_store *st, unsigned kinds, giji_name_rec **out, size_t *n);
void giji_name_recs_free(giji_name_rec *r, size_t n);

/* Exact lookups (no normalisation): the entity named `name`, else the one
 * with that alias (gazetteer entities before discovered ones, then lowest
 * id), *by_alias 1 then (may be NULL); the person whose persons.name is
 * `name`. *id is 0 when there is none. */
int giji_store_entity_find(giji_store *st, const char *name, long long *id, int *by_alias);
int giji_store_person_find(giji_store *st, const char *name, long long *id);
/* One entity or person by id; GIJI_ENOTFOUND when there is none. Free with
 * giji_entity_recs_free(e, 1) / giji_person_recs_free(p, 1). */
int giji_store_entity_get(giji_store *st, long long id, giji_entity_rec **out);
int giji_store_person_get(giji_store *st, long long id, giji_person_rec **out);
/* Is some meeting's body or parent_body `body`? */
int giji_store_body_known(giji_store *st, const char *body, int *found);

#ifdef __cplusplus
}
#endif
#endif
