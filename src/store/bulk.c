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

/* "<db>-bulk"; NULL when out of memory. Freed by the caller. */
static char *lock_path(const giji_store *st)
{
    size_t n = strlen(st->path);
    char *p = malloc(n + sizeof "-bulk");
    if (p)
        snprintf(p, n + sizeof "-bulk", "%s-bulk", st->path);
    return p;
}

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

/* The finish in its own transaction; *busy says that another writer
 * kept the database locked past the busy timeout. */
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
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to finish a bulk load");
    if (rc) {
        *busy = sqlite3_errcode(st->db) == SQLITE_BUSY;
        if (rollback)
            sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        return rc;
    }
    rc = finish_locked(st);
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot commit the end of a bulk load");
    if (rc && !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
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
