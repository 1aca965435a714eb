/*
 * store/store_int.h — what the store's source files share: the handle, the
 * error helper that names the database, and small prepared-statement
 * helpers. Private to src/store/; nothing outside the store includes it.
 *
 * Rule of the module: every statement that carries data is prepared and its
 * values bound (store_bind_*); only constant SQL goes through store_exec.
 */
#ifndef GIJI_STORE_INT_H
#define GIJI_STORE_INT_H

#include "util/array.h"
#include <sqlite3.h>
#include <stdint.h>

#include "giji/store.h"

/* Version of src/store/schema.sql this code reads and writes. */
#define GIJI_SCHEMA_VERSION 8

/* How long a writer waits for another process's lock before giving up. */
#define GIJI_STORE_BUSY_MS 10000

/* The schema text, embedded at build time from schema.sql. */
extern const char giji_schema_sql[];

/* Room for every statement the writer caches (about 30), with some to
 * spare: past it, a statement is prepared again at every use. */
#define STORE_CACHE_SIZE 48

struct giji_store {
    sqlite3 *db;
    char *path;      /* as given to giji_store_open; owned */
    int snapshot;    /* inside giji_store_snapshot_begin/end */
    int batch;       /* inside giji_store_batch_begin/commit */
    int batch_lost;  /* SQLite rolled the batch's transaction back */
    long long batch_first_id; /* the first remark id the open batch may add */
    int bulk;        /* meta.bulk was set when the open batch began: its
                      * commit leaves remarks_pending for the load's end */
    int bulk_fd;     /* the bulk load's lock file (store/bulk.c), when */
    int bulk_locked; /* ... this connection holds it */
    /* The writer's statements, prepared once per connection rather than
     * once per stored file (store_prepare_cached); keyed by the address of
     * their constant SQL. */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[STORE_CACHE_SIZE];
    size_t ncache;
    /* The index's tokenizer (FTS5's trigram), to fold a 2-character search
     * text as the index folds its trigrams (store/fts.c) */
    fts5_tokenizer trigram;
    Fts5Tokenizer *trigram_tok;
};

/* Set GIJI_EDB with "<path>: <what>: <sqlite message>" and return it. */
int store_db_error(giji_store *st, const char *what);

/* Rebuild the remark columns' chunks listed in remark_cols_stale (cols.c),
 * inside the caller's write transaction: every giji writer calls it before
 * COMMIT, so that readers find no chunk stale unless another program wrote. */
int store_cols_refresh(giji_store *st);
/* List the chunks of the remark ids from `first` to the largest (those a
 * batch added: inside a batch the insert trigger lists nothing). */
int store_cols_list_from(giji_store *st, long long first);
/* giji_store_remark_cols inside the caller's read (ids ascending). */
int store_cols_read(giji_store *st, const long long *ids, size_t n, giji_remark_col *out);

/* Run constant SQL (no data in it). */
int store_exec(giji_store *st, const char *sql, const char *what);
/* Compute the derived counts of schema 4 from entity_remarks and mark them
 * live (counts.c), inside the caller's transaction. */
int store_counts_fill(giji_store *st);

/* The statements that make what the listed remarks_pending derive (their
 * full-text entries, their entity_remarks rows) and empty the list: run by
 * a batch's commit (put.c) and at the end of a bulk load (bulk.c). */
extern const char store_index_pending_sql[];
/* Its two halves, the list left alone: the full-text entries and the
 * entity_remarks rows (the bulk load's finish on two cores, bulk.c). */
extern const char store_index_pending_fts_sql[];
extern const char store_index_pending_entities_sql[];

/* The full-text index of every remark, built on a thread of its own into a
 * scratch database (bulk_fts.c) for the bulk load's finish. */
typedef struct store_fts_build store_fts_build;
/* Start the thread: it copies the texts of db_path's remarks into the
 * scratch database at `scratch` (which must not exist), then indexes them
 * with the table made by create_sql and the configuration `config` (pairs
 * of key and value, nconfig pairs). NULL *out and an error: no thread. */
int store_fts_build_start(const char *db_path, const char *scratch, const char *create_sql,
                          char **config, size_t nconfig, store_fts_build **out);
/* Wait until the thread holds its snapshot of db_path (or gave up): the
 * caller, holding the write lock, may write from then on. */
int store_fts_build_reading(store_fts_build *b);
/* Wait for the index, free the thread's state; GIJI_OK when the scratch
 * database holds the complete index, else an error code (no message: the
 * caller indexes on its own instead). */
int store_fts_build_join(store_fts_build *b);

/* The bulk load (bulk.c). store_bulk_indexes_make: the indexes a bulk load
 * dropped, made again if missing (inside the caller's transaction; a no-op
 * when they exist). store_bulk_repair: at open, finish a bulk load whose
 * process is gone. store_bulk_close: give back the load's lock file. */
int store_bulk_indexes_make(giji_store *st);
int store_bulk_repair(giji_store *st);
void store_bulk_close(giji_store *st);

/* Prepare `sql` (a constant with ? parameters). The statement is the
 * caller's to sqlite3_finalize (NULL-safe). */
int store_prepare(giji_store *st, const char *sql, sqlite3_stmt **out);

/* Like store_prepare, but the statement is the store's: prepared at the
 * first call for this `sql` (which must be a string constant: it is looked
 * up by address) and kept until giji_store_close. The caller gets it reset
 * with no bindings and hands it back with store_release instead of
 * finalizing it. For statements run once per stored file or more; falls
 * back to a statement of the caller's own (store_release finalizes it)
 * when the cache is full. */
int store_prepare_cached(giji_store *st, const char *sql, sqlite3_stmt **out);
/* store_exec for one constant statement run once per stored file or more,
 * through store_prepare_cached. */
int store_exec_cached(giji_store *st, const char *sql, const char *what);
/* Reset a statement from store_prepare_cached and clear its bindings (the
 * strings they point to may be freed next), or finalize it if it is not
 * the store's. NULL-safe. */
void store_release(giji_store *st, sqlite3_stmt *s);

/* Bind helpers: return an SQLite result code so that callers can chain them
 * (`rc = rc ? rc : store_bind_...`). Text is bound SQLITE_STATIC: callers
 * step the statement before the bound strings can change or be freed. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);      /* NULL -> NULL */
int store_bind_text_empty_null(sqlite3_stmt *s, int i, const char *v); /* "" or NULL -> NULL */
int store_bind_int(sqlite3_stmt *s, int i, long long v);
int store_bind_id_or_null(sqlite3_stmt *s, int i, long long id); /* 0 -> NULL */

/* Step a statement that returns no rows; GIJI_EDB (naming `what`) unless it
 * finished. Resets the statement either way so it can be reused. */
int store_step_done(giji_store *st, sqlite3_stmt *s, const char *what);

/* After stepping a statement to its end: rc, or GIJI_EDB (naming `what`)
 * when the last step was not SQLITE_DONE. */
int store_loop_end(giji_store *st, int rc, int step, const char *what);
/* Step s (bound) to its end, appending its column 0 to *out (*n of them;
 * the array is grown, and freed by the caller, also on failure). */
int store_step_ids(giji_store *st, sqlite3_stmt *s, long long **out, size_t *n, const char *what);

/* Copy column i as a new string (NULL stays NULL). *out is freed by the
 * caller. GIJI_ENOMEM on failure. */
int store_col_text(sqlite3_stmt *s, int i, char **out);

/* Read a single-integer query with no parameters, e.g. SELECT count(*). */
int store_query_int(giji_store *st, const char *sql, long long *out);

/* Increment meta.content_version (inside the caller's transaction). */
int store_bump_content_version(giji_store *st);

/* Name of a giji_entity_type as stored in entities.type (the values of its
 * CHECK constraint, in giji_entity_type_name() order); NULL when out of
 * range. store_entity_type_parse: the type of a stored name, or -1. */
const char *store_entity_type_name(int type);
int store_entity_type_parse(const char *name);

/* ---- the trigram index (fts.c) ---- */

/* At most this many texts in one search (the spellings of one query). */
#define STORE_FTS_MAX_TEXTS 8
/* A text longer than this (in code points) is searched as one phrase. */
#define STORE_FTS_MAX_CHARS 96
#define STORE_FTS_MAX_PHRASES (STORE_FTS_MAX_CHARS / 3 + 1)
/* At most this many trigrams stand for a plan's 2-character texts; a text
 * that begins more is scanned for. */
#define STORE_FTS_MAX_TERMS 1024
/* The pointer type of a plan bound with sqlite3_bind_pointer. */
#define STORE_FTS_PLAN_TYPE "giji_fts_plan"

/* A match: its remark and rank (minus its occurrences). */
typedef struct store_fts_rank {
    long long id;
    int rank;
} store_fts_rank;

/* How texts (each of at least 2 code points) are found in remarks_fts: as
 * phrases (store_fts_plan_phrases, the FTS5 query of a search with a
 * filter) and by the trigrams that cover them, with the layout that
 * giji_occurrences and giji_collect need to count real occurrences; bind
 * the plan to their argument with
 * sqlite3_bind_pointer(s, i, plan, STORE_FTS_PLAN_TYPE, NULL).
 * A 2-character text is planned as the index's trigrams that begin with it
 * (read from remarks_fts_terms now, so the plan is for this snapshot) and
 * the remarks that end with it: the caller reads those from remarks_tail,
 * for the spellings store_fts_plan_tail_texts gives, with its filter, and
 * hands them to store_fts_plan_set_tails before collecting; after
 * collecting, store_fts_plan_keep_tails keeps those the index did not
 * hold. A plan with a text of 1 character, or whose 2-character texts
 * begin more than STORE_FTS_MAX_TERMS trigrams, cannot be answered by the
 * index, nor one whose trigrams would cost more to read than every remark
 * (store_fts_plan_needs_scan). store_fts_plan_empty: no FTS5 query
 * (every 2-character text occurs only at the end of remarks, if at all).
 * Freed by the caller with store_fts_plan_free (NULL-safe). */
typedef struct store_fts_plan store_fts_plan;
int store_fts_plan_new(giji_store *st, const char *const *texts, size_t n, store_fts_plan **out);
void store_fts_plan_free(store_fts_plan *p);
const char *store_fts_plan_phrases(const store_fts_plan *p); /* owned by the plan */
/* keys: every match comes back as a row (giji who), so that the trigrams
 * of 2-character texts are read OR'ed even when store_fts_tally could
 * count them. */
int store_fts_plan_needs_scan(const store_fts_plan *p, int keys);
/* The index's trigrams that begin with pre[0..plen), in order, each with an
 * estimate of the remarks it is in, read from the index's pages
 * (fts_terms.c); fn's non-zero return stops the walk and is returned.
 * GIJI_ENOTFOUND: the index is not in a format it reads (ask fts5vocab).
 * store_fts_bytes_per_doc: the estimate's divisor, for tests. */
typedef int (*store_fts_term_fn)(void *ctx, const char *term, size_t len, long long docs);
int store_fts_terms(giji_store *st, const char *pre, size_t plen, store_fts_term_fn fn, void *ctx);
extern double store_fts_bytes_per_doc;

/* The index's pages, as fts_terms.c and fts_lists.c read them (FTS5's
 * format, version 4 of its table). A page's id in remarks_fts_data; SQLite's
 * varint (the bytes read, 0 past `end`); terms compared as FTS5 does. */
#define STORE_FTS_PAGE_ID(segid, pgno) (((long long)(segid) << 37) + (long long)(pgno))
size_t store_fts_varint(const unsigned char *p, const unsigned char *end, uint64_t *v);
int store_fts_blob_cmp(const unsigned char *a, size_t an, const unsigned char *b, size_t bn);
/* The terms that start on the leaf page a[0..n), each whole (FTS5 writes
 * them prefix-compressed, the main index's with a '0' in front) with its
 * offset on the page and the offset just past it, where its list begins:
 * fn returns 0 to go on, anything else to stop. Returns 1 when fn stopped
 * the walk, 0 at the page's last term, -1 when the page does not parse. */
typedef int (*store_fts_page_term_fn)(void *ctx, const unsigned char *term, size_t tn, size_t off, size_t after);
int store_fts_page_terms(const unsigned char *a, size_t n, store_fts_page_term_fn fn, void *ctx);
/* Is the index in the version these files read? */
int store_fts_version_known(giji_store *st, int *known);
/* The segments of the structure record (%_data row 10): each its id, first
 * and last live page and level, level by level and in each level as listed
 * (oldest first; a lower level is newer). *n = 0 with GIJI_OK when the
 * record is not in the form read. Frees: the caller (free). */
typedef struct store_fts_segment { long long id, first, last; int level; } store_fts_segment;
int store_fts_segments(giji_store *st, store_fts_segment **out, size_t *n);

/* The remarks that hold each of texts[0..n) (3 or more characters each),
 * found by reading the lists of their trigrams from the index's pages and
 * lining them up here (fts_lists.c), in ascending id order, each once.
 * For texts in a large share of the corpus, where FTS5's own query spends
 * most of its time on machinery around the lists. GIJI_ENOTFOUND: not
 * worth it (a text has a rare trigram: FTS5 skips through its lists
 * faster) or the index is not in a form read; the caller asks FTS5.
 * *ids freed by the caller. store_fts_lists_min_docs: the fewest remarks
 * a trigram may have for this way (tests set 0). */
int store_fts_text_ids(giji_store *st, const char *const *texts, size_t n, long long **ids, size_t *nids);
extern long long store_fts_lists_min_docs;
/* The same way for a search of one text: each matching remark kept in the
 * plan (store_fts_plan_keep) with its rank, minus the times it holds the
 * text, as store_fts_collect would. GIJI_ENOTFOUND (before anything is
 * kept): not this way. */
int store_fts_text_keep(giji_store *st, store_fts_plan *p, const char *text);
/* Non-zero: list a 2-character text's trigrams with fts5vocab, not
 * store_fts_terms (for tests that compare the two). */
extern int store_fts_use_vocab;
/* Does the plan have 2-character texts only (store_fts_tally can count
 * it)? store_fts_plan_max_id: the largest remark id when the plan was
 * made (the tally's size), for such a plan. */
int store_fts_plan_tallies(const store_fts_plan *p);
long long store_fts_plan_max_id(const store_fts_plan *p);
int store_fts_plan_empty(const store_fts_plan *p);
void store_fts_plan_tail_texts(const store_fts_plan *p, const char *const **texts, size_t *n);
/* Takes ids (malloc'ed; the plan owns and frees it, also on failure). */
int store_fts_plan_set_tails(store_fts_plan *p, long long *ids, size_t n);
int store_fts_plan_keep_tails(store_fts_plan *p);
/* store_fts_collect scans by the phrases until it has found
 * store_fts_switch_at matches (1024), then by the covering trigrams, and
 * goes back to the phrases when the trigrams have co-occurred without lining
 * up in more than 8 times as many rows as they matched, plus
 * store_fts_switch_misses (4096). Variables so that tests can make it
 * switch at once. */
extern size_t store_fts_switch_at;
extern size_t store_fts_switch_misses;
/* A plan's 2-character texts are scanned for when reading their trigrams'
 * rows would cost more than reading every remark: the cost of a remark
 * read, in hundredths of a microsecond (60; 0 makes every such plan a
 * scan, a huge value none, for tests). */
extern double store_fts_scan_cost;
/* Every match of the plan in remarks_fts (no filter): counted, and the best
 * `limit` (0: all) kept, for store_fts_plan_result; one pass over the index
 * in rowid order, by the phrases and, for a frequent text, after the switch,
 * by its covering trigrams. */
int store_fts_collect(giji_store *st, store_fts_plan *p, size_t limit);
/* The same for a plan of 2-character texts only: each trigram's list
 * walked on its own (FTS5's xQueryPhrase, from giji_tally), its positions
 * added up by remark id, then the remarks that end with a text (their
 * tails set beforehand); only the remarks whose bit is set in scope (by
 * id; NULL: all) are kept. */
int store_fts_tally(giji_store *st, store_fts_plan *p, size_t limit, const uint64_t *scope);
/* For callers that rank rows themselves (with a filter): start over,
 * keeping the best `limit` (0: all); then count match m and keep it if it
 * is among the best (what giji_collect does for each match). */
void store_fts_plan_collect(store_fts_plan *p, size_t limit);
int store_fts_plan_keep(store_fts_plan *p, store_fts_rank m);
/* What was kept: *best (owned by the plan; a heap, in no particular order)
 * and the number of matches; the error that stopped collecting. */
int store_fts_plan_result(store_fts_plan *p, const store_fts_rank **best, size_t *n, size_t *total);
/* Keep only the id of every match (before collecting; 8 bytes a match
 * instead of a ranked entry's 16, for giji who of a frequent text), and
 * take them after: in the order found (the caller frees them). */
void store_fts_plan_want_ids(store_fts_plan *p);
/* giji_store_text_remarks looks up the meetings of the matches one by one
 * when there are at most this many (1024), else reads every meeting (the
 * pass costs about as much as 1,000 lookups); a variable for tests. */
extern size_t store_text_meetings_looked_up;
long long *store_fts_plan_take_ids(store_fts_plan *p, size_t *n);
/* Register giji_occurrences and giji_collect on the connection and find
 * the trigram tokenizer; store_fts_unregister frees what that made. */
int store_fts_register(giji_store *st);
void store_fts_unregister(giji_store *st);
/* Search texts the index cannot answer by a pass over every remark
 * (store/fts.c): the occurrences of texts[0..n) in a remark's text, ASCII
 * letters compared without case, overlapping ones each counted. */
int store_scan_count(const char *text, size_t len, const char *const *texts, size_t n);

/* Run the reads of one query function in one snapshot: begins a read
 * transaction unless one is open (*own says whether it did); end with
 * store_read_end(st, own). */
int store_read_begin(giji_store *st, int *own);
void store_read_end(giji_store *st, int own);

#endif
