/*
 * store/open.c — the database handle: opening (directory, pragmas), creating
 * or checking the schema, closing, and the database-wide facts in meta
 * (content_version) and read snapshots.
 * Not responsible for writing meetings (put.c) or reading them (read.c).
 */
#include "store/store_int.h"
#include "util/error.h"
#include "util/str.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

/* mkdir -p of the directory part of `dbpath`, so "out/giji.db" works on a
 * fresh checkout. A path without a slash needs nothing. */
static int make_parent_dirs(const char *dbpath)
{
    const char *slash = strrchr(dbpath, '/');
    if (!slash || slash == dbpath)
        return GIJI_OK;
    char *dir = giji_strndup(dbpath, (size_t)(slash - dbpath));
    if (!dir)
        return GIJI_ENOMEM;
    int rc = GIJI_OK;
    /* Create each prefix in turn; existing ones are fine. */
    for (char *p = dir + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            rc = giji_error_set(GIJI_EIO, "%s: cannot create directory %s: %s", dbpath, dir,
                                strerror(errno));
            break;
        }
        *p = saved;
        if (!saved)
            break;
    }
    struct stat sb;
    if (rc == GIJI_OK && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        rc = giji_error_set(GIJI_EIO, "%s: %s is not a directory", dbpath, dir);
    free(dir);
    return rc;
}

static int set_pragmas(giji_store *st)
{
    int rc = store_exec(st, "PRAGMA foreign_keys = ON", "cannot enable foreign keys");
    if (rc)
        return rc;
    /* The pragma is silently ignored by an SQLite built without foreign
     * keys; cascading replacement depends on them, so check. */
    long long on = 0;
    if ((rc = store_query_int(st, "PRAGMA foreign_keys", &on)))
        return rc;
    if (!on)
        return giji_error_set(GIJI_EDB, "%s: this SQLite does not enforce foreign keys", st->path);
    /* WAL lets readers (export, queries) run while another process ingests.
     * The pragma answers with the mode it got; an in-memory database or a
     * file system without shared memory keeps its old mode, which is still
     * correct, only less concurrent, so that is not an error. This is also
     * the first statement that reads the file, so "not a database" shows
     * up here. */
    rc = store_exec(st, "PRAGMA journal_mode = WAL", "cannot open database");
    /* In WAL mode NORMAL syncs at checkpoints, not at every commit: a power
     * cut may lose the last batch stored, never consistency (each file is
     * still stored whole or not at all). Ingest commits often, so this
     * matters. */
    rc = rc ? rc : store_exec(st, "PRAGMA synchronous = NORMAL", "cannot set synchronous mode");
    /* 64 MiB of page cache (SQLite's default is 2 MiB). A batch of files
     * (giji_store_batch_begin) dirties pages all over the indexes of
     * mentions and entity_remarks and the full-text index; with the small
     * cache SQLite spills them to the WAL one page at a time in the middle
     * of the transaction, writing the same page many times (a quarter of
     * the writer's time at 100 MB). The cache is allocated as pages are
     * read, so a query that reads little costs no more memory. */
    rc = rc ? rc : store_exec(st, "PRAGMA cache_size = -65536", "cannot set the cache size");
    return rc;
}

static int table_exists(giji_store *st, const char *name, int *exists)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", &s);
    if (rc)
        return rc;
    if ((rc = store_bind_text(s, 1, name)) != SQLITE_OK || sqlite3_step(s) != SQLITE_ROW)
        rc = store_db_error(st, "cannot read the schema");
    else
        *exists = sqlite3_column_int(s, 0) > 0;
    sqlite3_finalize(s);
    return rc;
}

/* Inside the creating transaction: a database with tables but no meta is
 * someone else's file; adding our tables to it would be rude. */
static int create_schema_locked(giji_store *st)
{
    long long others = 0;
    int rc = store_query_int(st, "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'",
                             &others);
    if (rc)
        return rc;
    if (others > 0)
        return giji_error_set(GIJI_EDB, "%s: not a giji database (it has tables but no giji meta table)",
                              st->path);
    rc = store_exec(st, giji_schema_sql, "cannot create the schema");
    return rc ? rc : store_counts_fill(st);
}

/* Versions 3 to 8 only added objects (5 also replaced the full-text
 * index's triggers, 8 the metrics cache's node rows, derived data): the
 * part of schema.sql after the "schema version N" marker of the version
 * that follows the file's runs to the end of the schema, which brings the
 * file to the current version.
 * Run under a write lock, re-checking the version, since two processes may
 * open the file at the same moment. On a large database this takes a while
 * (version 4 counts entity_remarks once: about a minute at 1 GiB). */
static int upgrade_from(giji_store *st, long from)
{
    char marker[64];
    snprintf(marker, sizeof marker, "-- ---- schema version %ld ----", from + 1);
    const char *part = strstr(giji_schema_sql, marker);
    if (!part)
        return giji_error_set(GIJI_EDB, "%s: cannot upgrade from schema version %ld: "
                              "no version %ld part in the embedded schema", st->path, from, from + 1);
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to upgrade its schema");
    if (rc)
        return rc;
    long long version = 0;
    rc = store_query_int(st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'",
                         &version);
    if (rc == GIJI_OK && version == from) {
        rc = store_exec(st, part, "cannot upgrade the schema");
        /* the counts arrived with version 4; later parts leave them be */
        if (rc == GIJI_OK && from < 4)
            rc = store_counts_fill(st);
        /* version 7 lists every chunk of the remark columns stale */
        if (rc == GIJI_OK && from < 7)
            rc = store_cols_refresh(st);
        char set[80];
        snprintf(set, sizeof set, "UPDATE meta SET value = '%d' WHERE key = 'schema_version'",
                 GIJI_SCHEMA_VERSION);
        rc = rc ? rc : store_exec(st, set, "cannot upgrade the schema");
    }
    if (rc == GIJI_OK)
        rc = store_exec(st, "COMMIT", "cannot commit the schema upgrade");
    if (rc)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

static int check_version(giji_store *st)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, "SELECT value FROM meta WHERE key = 'schema_version'", &s);
    if (rc)
        return rc;
    int step = sqlite3_step(s);
    const char *v = step == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
    char *end = NULL;
    long version = v ? strtol(v, &end, 10) : 0;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_db_error(st, "cannot read meta.schema_version");
    else if (!v || !*v || *end || version < 1)
        rc = giji_error_set(GIJI_EDB, "%s: not a giji database (meta.schema_version is missing or invalid)",
                            st->path);
    else if (version > GIJI_SCHEMA_VERSION)
        rc = giji_error_set(GIJI_EDB,
                            "%s: written by a newer giji (schema version %ld; this giji knows up to %d): "
                            "use a newer giji or another database",
                            st->path, version, GIJI_SCHEMA_VERSION);
    else if (version < 2)
        /* Schema 1 (the first development builds) had no entity evidence;
         * its data is cheap to rebuild from the minutes, so no migration. */
        rc = giji_error_set(GIJI_EDB,
                            "%s: written by an older giji (schema version %ld; this giji writes %d): "
                            "delete it and ingest the minutes again",
                            st->path, version, GIJI_SCHEMA_VERSION);
    sqlite3_finalize(s);
    /* The statement is finished: the upgrade takes a write lock. */
    if (rc == GIJI_OK && version < GIJI_SCHEMA_VERSION)
        rc = upgrade_from(st, version);
    return rc;
}

/* Create the schema when meta is missing, else check its version. The
 * creation re-checks under a write lock because two processes may open a
 * fresh database at the same moment. */
static int ensure_schema(giji_store *st)
{
    int exists = 0;
    int rc = table_exists(st, "meta", &exists);
    if (rc || exists)
        return rc ? rc : check_version(st);
    if ((rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to create the schema")))
        return rc;
    rc = table_exists(st, "meta", &exists);
    if (rc == GIJI_OK && !exists)
        rc = create_schema_locked(st);
    if (rc == GIJI_OK)
        rc = store_exec(st, "COMMIT", "cannot commit the schema");
    if (rc) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    return exists ? check_version(st) : GIJI_OK;
}

int giji_store_open(const char *path, giji_store **out)
{
    *out = NULL;
    if (!path || !*path)
        return giji_error_set(GIJI_EINVAL, "no database path given");
    int rc = make_parent_dirs(path);
    if (rc)
        return rc;
    giji_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = giji_strdup(path))) {
        free(st);
        return GIJI_NOMEM();
    }
    st->bulk_fd = -1;
    /* open_v2 may hand back a handle even on failure (for its message).
     * NOMUTEX: a store is used by one thread at a time (giji_store_open's
     * contract; ingest's workers never touch it), so SQLite need not lock
     * the connection around every call: 5% of a `who` of a frequent text,
     * 177,000 mutex pairs (1%) of a briefing. */
    if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        rc = store_db_error(st, "cannot open database");
    if (rc == GIJI_OK) {
        sqlite3_busy_timeout(st->db, GIJI_STORE_BUSY_MS);
        rc = set_pragmas(st);
    }
    if (rc == GIJI_OK)
        rc = ensure_schema(st);
    /* a bulk load whose process died (store/bulk.c) is finished here, so
     * every query answers from complete indexes */
    if (rc == GIJI_OK)
        rc = store_bulk_repair(st);
    if (rc == GIJI_OK)
        rc = store_fts_register(st);
    if (rc) {
        giji_store_close(st);
        return rc;
    }
    *out = st;
    return GIJI_OK;
}

void giji_store_close(giji_store *st)
{
    if (!st)
        return;
    /* Every function finalizes its own statements or hands them back to
     * the cache finalized here, so close cannot be blocked by one;
     * sqlite3_close(NULL) is a no-op. */
    for (size_t i = 0; i < st->ncache; i++)
        sqlite3_finalize(st->cache[i].stmt);
    store_fts_unregister(st);
    sqlite3_close(st->db);
    store_bulk_close(st); /* after the connection: a bulk load left unfinished stays so */
    free(st->path);
    free(st);
}

int giji_store_content_version(giji_store *st, long long *out)
{
    *out = 0;
    return store_query_int(st, "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta "
                               "WHERE key = 'content_version'), 0)",
                           out);
}

int giji_store_snapshot_begin(giji_store *st)
{
    if (st->snapshot)
        return giji_error_set(GIJI_EINVAL, "%s: a read snapshot is already open", st->path);
    int rc = store_exec(st, "BEGIN DEFERRED", "cannot begin a read snapshot");
    /* A deferred transaction takes its snapshot at the first read: read
     * now, so everything after sees the database as of this call. */
    long long ignored;
    if (rc == GIJI_OK && (rc = store_query_int(st, "SELECT count(*) FROM meta", &ignored)))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->snapshot = rc == GIJI_OK;
    return rc;
}

int giji_store_snapshot_end(giji_store *st)
{
    if (!st->snapshot)
        return GIJI_OK;
    st->snapshot = 0;
    return store_exec(st, "COMMIT", "cannot end the read snapshot");
}
