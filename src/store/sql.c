/*
 * store/sql.c — the store's thin layer over the SQLite C API: error
 * messages naming the database, binding, stepping and copying columns,
 * growing result arrays, read transactions.
 * Not responsible for any table or query (open.c, put.c, read.c).
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_db_error(giji_store *st, const char *what)
{
    const char *msg = st && st->db ? sqlite3_errmsg(st->db) : "out of memory";
    return giji_error_set(GIJI_EDB, "%s: %s: %s", st && st->path ? st->path : "(database)",
                          what, msg);
}

int store_exec(giji_store *st, const char *sql, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_db_error(st, what);
    return GIJI_OK;
}

int store_prepare(giji_store *st, const char *sql, sqlite3_stmt **out)
{
    *out = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
        /* Name the statement by its first words: enough to find it in the
         * source, and the schema mismatch it usually reveals. */
        char head[48];
        snprintf(head, sizeof head, "%s", sql);
        char what[96];
        snprintf(what, sizeof what, "cannot prepare \"%s...\"", head);
        int rc = store_db_error(st, what);
        sqlite3_finalize(*out);
        *out = NULL;
        return rc;
    }
    return GIJI_OK;
}

int store_prepare_cached(giji_store *st, const char *sql, sqlite3_stmt **out)
{
    for (size_t i = 0; i < st->ncache; i++)
        if (st->cache[i].sql == sql) {
            *out = st->cache[i].stmt;
            return GIJI_OK;
        }
    int rc = store_prepare(st, sql, out);
    if (rc == GIJI_OK && st->ncache < STORE_CACHE_SIZE) {
        st->cache[st->ncache].sql = sql;
        st->cache[st->ncache++].stmt = *out;
    }
    return rc;
}

int store_exec_cached(giji_store *st, const char *sql, const char *what)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, sql, &s);
    rc = rc ? rc : store_step_done(st, s, what);
    store_release(st, s);
    return rc;
}

void store_release(giji_store *st, sqlite3_stmt *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < st->ncache; i++)
        if (st->cache[i].stmt == s) {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return;
        }
    sqlite3_finalize(s);
}

int store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(s, i);
}

int store_bind_text_empty_null(sqlite3_stmt *s, int i, const char *v)
{
    return store_bind_text(s, i, v && *v ? v : NULL);
}

int store_bind_int(sqlite3_stmt *s, int i, long long v)
{
    return sqlite3_bind_int64(s, i, (sqlite3_int64)v);
}

int store_bind_id_or_null(sqlite3_stmt *s, int i, long long id)
{
    return id ? sqlite3_bind_int64(s, i, (sqlite3_int64)id) : sqlite3_bind_null(s, i);
}

int store_step_done(giji_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    int err = rc == SQLITE_DONE ? GIJI_OK : store_db_error(st, what);
    sqlite3_reset(s);
    return err;
}

int store_loop_end(giji_store *st, int rc, int step, const char *what)
{
    if (rc == GIJI_OK && step != SQLITE_DONE)
        return store_db_error(st, what);
    return rc;
}

int store_step_ids(giji_store *st, sqlite3_stmt *s, long long **out, size_t *n, const char *what)
{
    size_t cap = *n;
    int rc = GIJI_OK, step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if ((rc = giji_array_grow(out, &cap, *n, sizeof **out)))
            break;
        (*out)[(*n)++] = sqlite3_column_int64(s, 0);
    }
    return store_loop_end(st, rc, step, what);
}

int store_col_text(sqlite3_stmt *s, int i, char **out)
{
    *out = NULL;
    /* Ask the type first: after sqlite3_column_text converted a value, the
     * type is no longer reliable, and NULL text then means out of memory. */
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return GIJI_OK;
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return GIJI_NOMEM();
    /* Length from SQLite, not strlen: the text is counted, not terminated. */
    *out = giji_strndup((const char *)t, (size_t)sqlite3_column_bytes(s, i));
    return *out ? GIJI_OK : GIJI_ENOMEM;
}

int store_query_int(giji_store *st, const char *sql, long long *out)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, sql, &s);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else
        rc = store_db_error(st, "cannot read a count");
    sqlite3_finalize(s);
    return rc;
}

int store_read_begin(giji_store *st, int *own)
{
    *own = 0;
    if (st->snapshot || !sqlite3_get_autocommit(st->db))
        return GIJI_OK;
    int rc = giji_store_snapshot_begin(st);
    *own = rc == GIJI_OK;
    return rc;
}

void store_read_end(giji_store *st, int own)
{
    /* Ending a read-only transaction cannot lose anything: ignore. */
    if (own)
        giji_store_snapshot_end(st);
}

int store_bump_content_version(giji_store *st)
{
    /* An upsert, so a meta table that somehow lost the row heals itself. */
    static const char sql[] =
        "INSERT INTO meta (key, value) VALUES ('content_version', '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1";
    return store_exec_cached(st, sql, "cannot update content_version");
}
