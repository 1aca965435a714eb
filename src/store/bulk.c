/*
 * store/bulk.c — the bulk load: a load that at least doubles the corpus
 * leaves what each stored remark derives (its full-text index entries, its
 * entity_remarks rows) and the index mentions_entity to one pass at its
 * end, instead of writing them batch by batch.
 *
 * Why: those three are keyed by text or by entity, so each batch's rows
 * land on pages all over B-trees that grow with the corpus; at 1 GiB they
 * and the WAL traffic of their pages were most of the writer's time
 * (bench/README.md, "The writer, seventh round"). Made once at the end they
 * are a sort and an append.
 *
 * The state lives in the database, so any process can tell it and finish
 * it (store_bulk_repair at every open, after a crash):
 *   - meta.bulk = 'pending' while the load runs;
 *   - remarks_pending keeps, across batches, the remarks whose full-text
 *     entries and entity_remarks rows are not made yet (schema 5's list,
 *     which a batch's commit otherwise empties; the triggers already treat
 *     a listed remark as not indexed, also when it is deleted);
 *   - the indexes of bulk_indexes below may be missing;
 *   - the derived counts are 'stale' (store/counts.c).
 * Any prefix of that (the flag is set first) is finished the same way, so a
 * crash at any moment leaves a database that the next open completes. A
 * file next to the database (DB-bulk) is held locked (flock) by the process
 * doing the load, so that another process opening the database meanwhile
 * does not take the finish upon itself (it would hold the write lock for
 * minutes and make the loader's batches time out); correctness does not
 * depend on that lock: the loader reads meta.bulk again inside every batch.
 *
 * The finish on two cores. The full-text index is half of the finish's
 * work and needs nothing the other half makes, so when the finish has the
 * database to itself (rollback journal), holds the load's lock file and
 * most remarks are pending, a second thread builds it (store/bulk_fts.c)
 * into a scratch database next to the database, "<db>-fts", while this
 * connection makes entity_remarks, mentions_entity and the derived counts.
 * Still one transaction, so a crash at any point leaves what the one-core
 * finish leaves, and no stage needs recording:
 *   1. the scratch database attached (ATTACH cannot run inside a
 *      transaction), after removing any file by its name: one left by a
 *      crashed finish is never read;
 *   2. BEGIN DEFERRED and a write to meta, which takes the write lock on
 *      the database alone (BEGIN IMMEDIATE would lock the scratch database
 *      too, against the thread that fills it);
 *   3. the thread takes its snapshot of the database while this
 *      connection waits, holding the write lock with nothing written, and
 *      copies the texts of all remarks into the scratch database: the
 *      state the transaction starts from, whatever this connection writes
 *      meanwhile (in rollback mode its pages reach the file only once the
 *      reader is gone: a spill of the page cache waits for the copy);
 *   4. the thread indexes the copy with the database's own table
 *      definition and configuration; meanwhile (from the copy on) this
 *      connection makes entity_remarks, mentions_entity and the counts;
 *   5. the scratch shadow tables replace the database's ('delete-all'
 *      through the table first, which also drops what this connection's
 *      FTS5 keeps in memory of the old structure), the list and the flag
 *      are cleared, COMMIT; the scratch database detached and removed.
 * The scratch index holds every remark, also those indexed before the
 * load (its first 256 files, when it began on an empty database): indexed
 * again, which pays while they are at most a third as many as the pending
 * ones. Otherwise (an in-memory database, another connection holding the
 * database, a thread that cannot start or fails) the one-core finish runs,
 * or this connection indexes the pending remarks itself after all.
 * Not responsible for deciding when to load in bulk (pipeline/ingest.c).
 */
#include "store/store_int.h"
#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

/* Secondary indexes a bulk load goes without, as schema.sql creates them
 * (sqlite_master keeps the text without IF NOT EXISTS, so the schema reads
 * the same afterwards). mentions_entity takes each mention at a random key;
 * nothing a new file's put does reads it. A replacement does (the sweep of
 * orphaned entities and the cascade from a deleted entity), so a put that
 * replaces makes it again first (store_bulk_indexes_make). */
static const char *const bulk_index_drop = "DROP INDEX IF EXISTS mentions_entity";
static const char *const bulk_index_make = "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id)";

/* The flag first: whatever part of this a crash keeps is finished by the
 * next open. */
static const char begin_sql[] =
    "INSERT INTO meta (key, value) VALUES ('bulk', 'pending') ON CONFLICT (key) DO UPDATE SET value = 'pending';"
    "UPDATE meta SET value = 'stale' WHERE key = 'derived_counts';";

/* "<db><suffix>"; NULL when out of memory. Freed by the caller. */
static char *path_with(const giji_store *st, const char *suffix)
{
    size_t n = strlen(st->path) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", st->path, suffix);
    return p;
}

/* "<db>-bulk": the load's lock file. */
static char *lock_path(const giji_store *st) { return path_with(st, "-bulk"); }

/* Take the load's lock file without waiting: *held 1 taken (st->bulk_fd
 * holds it), 0 another process holds it. A file that cannot be made or
 * locked (a read-only directory) counts as held by another: no bulk load
 * begins, and no open finishes one. */
static int lock_take(giji_store *st, int *held)
{
    *held = 0;
    if (st->bulk_locked) {
        *held = 1;
        return GIJI_OK;
    }
    char *p = lock_path(st);
    if (!p)
        return GIJI_NOMEM();
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    free(p);
    if (fd < 0)
        return GIJI_OK;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return GIJI_OK;
    }
    st->bulk_fd = fd;
    st->bulk_locked = 1;
    *held = 1;
    return GIJI_OK;
}

/* Give the lock back; remove the file once the load it guarded is
 * finished (removed while still locked, so a process that opens it after
 * gets a new file). */
static void lock_release(giji_store *st, int finished)
{
    if (!st->bulk_locked)
        return;
    if (finished) {
        char *p = lock_path(st);
        if (p)
            unlink(p);
        free(p);
    }
    close(st->bulk_fd);
    st->bulk_locked = 0;
    st->bulk_fd = -1;
}

void store_bulk_close(giji_store *st) { lock_release(st, 0); }

int store_bulk_indexes_make(giji_store *st)
{
    return store_exec(st, bulk_index_make, "cannot make the indexes of a bulk load");
}

int giji_store_bulk_pending(giji_store *st, int *pending)
{
    long long n = 0;
    int rc = store_query_int(st, "SELECT count(*) FROM meta WHERE key = 'bulk'", &n);
    *pending = rc == GIJI_OK && n > 0;
    return rc;
}

int giji_store_bulk_begin(giji_store *st, int *started)
{
    *started = 0;
    if (st->batch || st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot begin a bulk load inside a transaction", st->path);
    int held = 0;
    int rc = lock_take(st, &held);
    if (rc || !held)
        return rc;
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database for a bulk load")))
        return rc;
    rc = store_exec(st, begin_sql, "cannot begin a bulk load");
    rc = rc ? rc : store_exec(st, bulk_index_drop, "cannot begin a bulk load");
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot begin a bulk load");
    if (rc) {
        if (!sqlite3_get_autocommit(st->db))
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        lock_release(st, 0);
        return rc;
    }
    *started = 1;
    return GIJI_OK;
}

/* What the pending remarks derive (shared with the batch's commit,
 * store_index_pending_sql), the indexes made again, the flag cleared: one
 * transaction, so it is all or nothing. */
static int finish_locked(giji_store *st)
{
    int pending = 0;
    int rc = giji_store_bulk_pending(st, &pending);
    if (rc || !pending)
        return rc;
    rc = store_exec(st, store_index_pending_sql, "cannot finish the bulk load");
    rc = rc ? rc : store_bulk_indexes_make(st);
    rc = rc ? rc : store_exec(st, "DELETE FROM meta WHERE key = 'bulk'", "cannot finish the bulk load");
    return rc;
}

/* ---- the finish on two cores ---- */

/* The scratch index replaces the whole index, so the remarks indexed
 * before the load are indexed again: worth it while they are few (a bulk
 * load at least doubles the corpus; into an empty database they are the
 * load's first 256 files). */
#define TWO_CORES_INDEXED_SHARE 3 /* at most a third as many as pending */

/* The scratch database's files, a crashed finish's included: never read,
 * only removed. */
static void scratch_remove(const char *scratch)
{
    static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
    char p[4096];
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++)
        if ((size_t)snprintf(p, sizeof p, "%s%s", scratch, suffix[i]) < sizeof p)
            unlink(p);
}

/* The table's definition and its configuration but the format version
 * (pairs of key and value), to build the same index elsewhere. */
static int fts_definition(giji_store *st, char **create_sql, char ***config, size_t *n)
{
    *create_sql = NULL;
    *config = NULL;
    *n = 0;
    sqlite3_stmt *s = NULL;
    int rc = store_prepare(st, "SELECT sql FROM main.sqlite_master WHERE name = 'remarks_fts'", &s);
    if (rc == GIJI_OK && sqlite3_step(s) == SQLITE_ROW)
        rc = store_col_text(s, 0, create_sql);
    if (rc == GIJI_OK && !*create_sql)
        rc = store_db_error(st, "cannot read the full-text index's definition");
    sqlite3_finalize(s);
    s = NULL;
    rc = rc ? rc : store_prepare(st, "SELECT k, v FROM main.remarks_fts_config WHERE k <> 'version' ORDER BY k", &s);
    size_t cap = 0;
    while (rc == GIJI_OK && sqlite3_step(s) == SQLITE_ROW) {
        if (*n == cap) {
            char **grown = realloc(*config, (cap = cap * 2 + 8) * 2 * sizeof **config);
            if (!grown) {
                rc = GIJI_NOMEM();
                break;
            }
            *config = grown;
        }
        (*config)[2 * *n] = (*config)[2 * *n + 1] = NULL;
        ++*n;
        rc = store_col_text(s, 0, &(*config)[2 * *n - 2]);
        rc = rc ? rc : store_col_text(s, 1, &(*config)[2 * *n - 1]);
    }
    sqlite3_finalize(s);
    return rc;
}

static void fts_definition_free(char *create_sql, char **config, size_t n)
{
    for (size_t i = 0; i < 2 * n; i++)
        free(config[i]);
    free(config);
    free(create_sql);
}

/* The scratch index in place of the database's: 'delete-all' through the
 * table first, which also drops the structure the connection's FTS5 keeps
 * in memory (a copy into its shadow tables behind its back would leave it
 * reading the old segments), then the shadow tables' rows as they are
 * (SQLite copies such rows without decoding them). The configuration
 * stays the database's own, the scratch index's being a copy of it. */
static const char fts_move_sql[] =
    "INSERT INTO main.remarks_fts (remarks_fts) VALUES ('delete-all');"
    "DELETE FROM main.remarks_fts_data; DELETE FROM main.remarks_fts_idx; DELETE FROM main.remarks_fts_docsize;"
    "INSERT INTO main.remarks_fts_data SELECT * FROM giji_fts.remarks_fts_data;"
    "INSERT INTO main.remarks_fts_idx SELECT * FROM giji_fts.remarks_fts_idx;"
    "INSERT INTO main.remarks_fts_docsize SELECT * FROM giji_fts.remarks_fts_docsize;";

/* Whether the load is large enough against what was indexed before it. */
static int two_cores_worth(giji_store *st, int *yes)
{
    *yes = 0;
    long long pending = 0, all = 0;
    int rc = store_query_int(st, "SELECT count(*) FROM main.remarks_pending", &pending);
    rc = rc ? rc : store_query_int(st, "SELECT count(*) FROM main.remarks", &all);
    *yes = rc == GIJI_OK && pending > 0 && (all - pending) * TWO_CORES_INDEXED_SHARE <= pending;
    return rc;
}

/* finish_locked's work with the full-text index built by another thread
 * while this one makes entity_remarks, mentions_entity and the counts;
 * still one transaction, the scratch database attached. Should the thread
 * not start or fail, this one indexes the pending remarks itself. */
static int finish_two_cores_locked(giji_store *st, const char *scratch)
{
    int pending = 0, worth = 0;
    int rc = giji_store_bulk_pending(st, &pending);
    if (rc || !pending)
        return rc;
    if ((rc = two_cores_worth(st, &worth)) || !worth)
        return rc ? rc : finish_locked(st);
    char *create_sql = NULL, **config = NULL;
    size_t nconfig = 0;
    store_fts_build *b = NULL;
    rc = fts_definition(st, &create_sql, &config, &nconfig);
    if (rc == GIJI_OK && store_fts_build_start(st->path, scratch, create_sql, config, nconfig, &b) != GIJI_OK)
        giji_error_clear(); /* no thread: one core, as before */
    fts_definition_free(create_sql, config, nconfig);
    /* This connection holds the write lock and has written nothing yet:
     * the thread's snapshot is the state the finish starts from, and
     * nothing else can change it. Our writes wait for its copy only when
     * the page cache spills (a rollback journal's spill needs the readers
     * gone), by then usually done. */
    if (b)
        store_fts_build_reading(b);
    int live = 1;
    rc = rc ? rc : store_exec(st, store_index_pending_entities_sql, "cannot finish the bulk load");
    rc = rc ? rc : store_bulk_indexes_make(st);
    rc = rc ? rc : giji_store_counts_live(st, &live);
    rc = rc || live ? rc : store_counts_fill(st);
    int built = b && store_fts_build_join(b) == GIJI_OK;
    if (rc == GIJI_OK)
        rc = built ? store_exec(st, fts_move_sql, "cannot move the full-text index in")
                   : store_exec(st, store_index_pending_fts_sql, "cannot finish the bulk load");
    return rc ? rc
              : store_exec(st, "DELETE FROM main.remarks_pending; DELETE FROM main.meta WHERE key = 'bulk'",
                           "cannot finish the bulk load");
}

/* The scratch database attached: ATTACH cannot run inside a transaction.
 * *attached 0 (and GIJI_OK) when it cannot be made, a read-only
 * directory say. */
static int scratch_attach(giji_store *st, const char *scratch, int *attached)
{
    sqlite3_stmt *s = NULL;
    *attached = store_prepare(st, "ATTACH DATABASE ?1 AS giji_fts", &s) == GIJI_OK &&
                store_bind_text(s, 1, scratch) == SQLITE_OK && sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    giji_error_clear();
    return GIJI_OK;
}

/* The finish on two cores, in its own transaction (*tried 0: not even
 * begun, the caller goes the one-core way). BEGIN DEFERRED and a first
 * write rather than BEGIN IMMEDIATE, which would lock the attached scratch
 * database too, against the thread that fills it. */
static int finish_two_cores(giji_store *st, int *busy, int *tried)
{
    *tried = 0;
    char *scratch = path_with(st, "-fts");
    if (!scratch)
        return GIJI_OK;
    scratch_remove(scratch);
    int attached = 0;
    scratch_attach(st, scratch, &attached);
    if (!attached) {
        scratch_remove(scratch);
        free(scratch);
        return GIJI_OK;
    }
    *tried = 1;
    int rc = store_exec(st, "BEGIN DEFERRED", "cannot lock the database to finish a bulk load");
    if (rc == GIJI_OK && (rc = store_exec(st, "UPDATE main.meta SET value = value WHERE key = 'bulk'",
                                          "cannot lock the database to finish a bulk load")))
        *busy = sqlite3_errcode(st->db) == SQLITE_BUSY;
    rc = rc ? rc : finish_two_cores_locked(st, scratch);
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot commit the end of a bulk load");
    if (rc && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(st->db, "DETACH DATABASE giji_fts", NULL, NULL, NULL);
    scratch_remove(scratch);
    free(scratch);
    return rc;
}

/* The one-core finish, in its own transaction. */
static int finish_one_core(giji_store *st, int *busy)
{
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to finish a bulk load");
    if (rc) {
        *busy = sqlite3_errcode(st->db) == SQLITE_BUSY;
        return rc;
    }
    rc = finish_locked(st);
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot commit the end of a bulk load");
    if (rc && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* The finish; *busy says that another writer kept the database locked
 * past the busy timeout. */
static int finish(giji_store *st, int *busy)
{
    *busy = 0;
    if (st->batch || st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot finish a bulk load inside a transaction", st->path);
    /* The finish writes the whole full-text index, entity_remarks and an
     * index: gigabytes at 1 GiB, nearly all of them new pages. Through the
     * WAL each is written twice (the WAL, then the checkpoint: 2.9 of the
     * 13.8 GB a 1 GiB load writes). With a rollback
     * journal a new page is written once, to the database, and only the
     * few pages that existed before go to the journal first. Leaving WAL
     * needs the database to ourselves: when another connection has it
     * open, the pragma keeps WAL and the finish runs as before. */
    int rollback = 0;
    if (st->path[0] && strcmp(st->path, ":memory:") != 0) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = DELETE", -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW) {
            const unsigned char *mode = sqlite3_column_text(s, 0);
            rollback = mode && !strcmp((const char *)mode, "delete");
        }
        sqlite3_finalize(s);
    }
    /* Two cores only with the database to ourselves (the thread's copy of
     * the texts reads it beside our write lock) and with the load's lock
     * file held (the scratch file's name is then ours alone). */
    int tried = 0, rc = GIJI_OK;
    if (rollback && st->bulk_locked && sqlite3_threadsafe())
        rc = finish_two_cores(st, busy, &tried);
    if (!tried)
        rc = finish_one_core(st, busy);
    if (rollback) {
        /* back to WAL, which store_open sets anyway at the next open */
        sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    } else if (!rc) {
        /* The finish's transaction went to the WAL; give that space back
         * now rather than keep a WAL file of gigabytes next to the
         * database. Best effort: a reader may hold part of it. */
        sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    }
    if (rc)
        return rc;
    lock_release(st, 1);
    return GIJI_OK;
}

int giji_store_bulk_finish(giji_store *st)
{
    int busy;
    return finish(st, &busy);
}

int store_bulk_repair(giji_store *st)
{
    int pending = 0;
    int rc = giji_store_bulk_pending(st, &pending);
    if (rc || !pending)
        return rc;
    int held = 0, busy = 0;
    if ((rc = lock_take(st, &held)) || !held)
        return rc; /* the load is still running: it finishes its own work */
    if ((rc = finish(st, &busy)) == GIJI_OK)
        return GIJI_OK;
    lock_release(st, 0);
    /* another writer holding the database past the busy timeout: open
     * anyway; the next open finishes the load */
    if (busy) {
        giji_error_clear();
        return GIJI_OK;
    }
    return rc;
}
