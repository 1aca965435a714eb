/*
 * store/bulk_fts.c — the full-text index of a bulk load's finish, built on
 * a thread of its own in a scratch database, while the loading connection
 * makes entity_remarks, mentions_entity and the counts (store/bulk.c).
 *
 * Responsible for the thread and its own two connections: it copies the
 * texts of every remark from the database into a table `remarks` of the
 * scratch database (under a snapshot taken while the loader, holding the
 * write lock, waits: the copy is the state the finish starts from), reads
 * the database no more, and indexes the copy with the database's own table
 * definition and configuration (trigram tokenizer, external content,
 * hashsize, automerge), so that the shadow tables remarks_fts_data, _idx
 * and _docsize hold what the database's index would. The scratch file is
 * scratch: no journal, no sync; whoever reads it checks the thread's result
 * first. Not responsible for moving the index into the database, nor for
 * the file's name and removal (bulk.c).
 */
#include "store/store_int.h"
#include "util/error.h"
#include "util/str.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store_fts_build {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int reading;    /* the thread holds its snapshot of the database, or gave up */
    int rc;         /* the thread's result, once it has ended */
    char *db_path, *scratch, *create_sql;
    char **config;
    size_t nconfig;
};

/* The thread's errors are not reported: the error slot is per thread,
 * and the finish does without the scratch index (it indexes on one core
 * instead). */
static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? GIJI_OK : GIJI_EDB;
}

/* ATTACH and the configuration commands carry data: bound. */
static int exec_bound(sqlite3 *db, const char *sql, const char *v1, const char *v2)
{
    sqlite3_stmt *s = NULL;
    int ok = sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK &&
             sqlite3_bind_text(s, 1, v1, -1, SQLITE_STATIC) == SQLITE_OK &&
             (!v2 || sqlite3_bind_text(s, 2, v2, -1, SQLITE_STATIC) == SQLITE_OK) && sqlite3_step(s) == SQLITE_DONE;
    sqlite3_finalize(s);
    return ok ? GIJI_OK : GIJI_EDB;
}

/* The thread holds its snapshot of the database, or has given up. */
static void reading(store_fts_build *b)
{
    pthread_mutex_lock(&b->mu);
    b->reading = 1;
    pthread_cond_broadcast(&b->cv);
    pthread_mutex_unlock(&b->mu);
}

/* The texts, read through the database attached, in id order (the order
 * FTS5 then reads them in), in one read transaction on it: its snapshot
 * is taken (a shared lock, in rollback mode) before the loader is told to
 * go on writing, so the copy is the state the loader's transaction began
 * with, whatever the loader writes meanwhile (its pages reach the file
 * only once no reader is left). */
static int copy_texts(store_fts_build *b, sqlite3 *db)
{
    int rc = exec_bound(db, "ATTACH DATABASE ?1 AS src", b->db_path, NULL);
    rc = rc ? rc : exec(db, "BEGIN; SELECT count(*) FROM src.sqlite_master WHERE type = 'table'");
    reading(b);
    rc = rc ? rc
            : exec(db, "CREATE TABLE main.remarks (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
                       "INSERT INTO main.remarks (id, text) SELECT id, text FROM src.remarks ORDER BY id; COMMIT");
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(db, "DETACH DATABASE src", NULL, NULL, NULL);
    return rc;
}

/* The table as the database defines it, configured as there, filled in
 * one transaction (one pass of FTS5's pending terms, as the one-thread
 * finish does). */
static int build_index(store_fts_build *b, sqlite3 *db)
{
    int rc = exec(db, b->create_sql);
    for (size_t i = 0; rc == GIJI_OK && i < b->nconfig; i++)
        rc = exec_bound(db, "INSERT INTO remarks_fts (remarks_fts, rank) VALUES (?1, ?2)", b->config[2 * i],
                        b->config[2 * i + 1]);
    return rc ? rc
              : exec(db, "BEGIN; INSERT INTO remarks_fts (rowid, text) SELECT id, text FROM remarks ORDER BY id;"
                         "COMMIT");
}

static void *run(void *arg)
{
    store_fts_build *b = arg;
    sqlite3 *db = NULL;
    int rc = GIJI_OK;
    if (sqlite3_open_v2(b->scratch, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        rc = GIJI_EDB;
    if (rc == GIJI_OK) {
        sqlite3_busy_timeout(db, GIJI_STORE_BUSY_MS);
        /* SQLite's small default cache: both passes append, and the
         * thread's memory comes on top of the loader's */
        rc = exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
    }
    if (rc == GIJI_OK)
        rc = copy_texts(b, db);
    else
        reading(b);
    rc = rc ? rc : build_index(b, db);
    if (sqlite3_close(db) != SQLITE_OK && rc == GIJI_OK)
        rc = GIJI_EDB;
    b->rc = rc;
    return NULL;
}

static void build_free(store_fts_build *b)
{
    for (size_t i = 0; i < 2 * b->nconfig; i++)
        free(b->config[i]);
    free(b->config);
    free(b->db_path);
    free(b->scratch);
    free(b->create_sql);
    pthread_cond_destroy(&b->cv);
    pthread_mutex_destroy(&b->mu);
    free(b);
}

int store_fts_build_start(const char *db_path, const char *scratch, const char *create_sql, char **config,
                          size_t nconfig, store_fts_build **out)
{
    *out = NULL;
    store_fts_build *b = calloc(1, sizeof *b);
    if (!b)
        return GIJI_NOMEM();
    pthread_mutex_init(&b->mu, NULL);
    pthread_cond_init(&b->cv, NULL);
    b->db_path = giji_strdup(db_path);
    b->scratch = giji_strdup(scratch);
    b->create_sql = giji_strdup(create_sql);
    b->config = calloc(2 * nconfig + 1, sizeof *b->config);
    int ok = b->db_path && b->scratch && b->create_sql && b->config;
    b->nconfig = ok ? nconfig : 0; /* build_free frees the copies made */
    for (size_t i = 0; ok && i < 2 * nconfig; i++)
        ok = (b->config[i] = giji_strdup(config[i])) != NULL;
    if (!ok) {
        build_free(b);
        return GIJI_NOMEM();
    }
    int err = pthread_create(&b->tid, NULL, run, b);
    if (err) {
        build_free(b);
        return giji_error_set(GIJI_EIO, "%s: cannot start the full-text index's thread: %s", scratch, strerror(err));
    }
    *out = b;
    return GIJI_OK;
}

int store_fts_build_reading(store_fts_build *b)
{
    pthread_mutex_lock(&b->mu);
    while (!b->reading)
        pthread_cond_wait(&b->cv, &b->mu);
    pthread_mutex_unlock(&b->mu);
    return GIJI_OK;
}

int store_fts_build_join(store_fts_build *b)
{
    pthread_join(b->tid, NULL);
    int rc = b->rc;
    build_free(b);
    return rc;
}
