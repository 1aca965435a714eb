/*
 * store/cols.c — the remark columns (schema 7): each remark's meeting,
 * speaker and attribution packed into one blob per 1024 remark ids
 * (remark_cols), so that a question about hundreds of thousands of remarks
 * (giji who of a frequent text) reads a few megabytes, not every row.
 * Rebuilding the chunks that the triggers listed stale, before a writer
 * commits (store_cols_refresh), and reading the columns of a list of
 * remarks, from the rows for a chunk still listed (changed by a writer that
 * is not giji) or missing (so the copy is a cache: a writer that forgot to
 * list new remarks costs speed, never answers).
 * Not responsible for finding the remarks (fts.c, query.c) or grouping them
 * by speaker (query/who.c).
 */
#include "store/store_int.h"
#include "util/array.h"
#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A chunk holds the remarks whose ids share id >> COLS_SHIFT: 1024 slots
 * of 8 bytes (8 KiB, two pages' overflow). Slot i is remark
 * (chunk << COLS_SHIFT) + i: the meeting id (0: no such remark) as a
 * little-endian uint32, then a uint32 with the speaker's person id in the
 * low 29 bits (0: unknown), COLS_INFERRED and COLS_LABELLED (an unknown
 * speaker the minutes named: its label is read from the row). A chunk
 * whose ids do not fit is not written and stays listed stale: readers
 * take it from the rows. */
#define COLS_SHIFT 10
#define COLS_SLOTS (1 << COLS_SHIFT)
#define COLS_SLOT 8
#define COLS_SPEAKER_MASK 0x1fffffffu
#define COLS_INFERRED 0x20000000u
#define COLS_LABELLED 0x40000000u

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The rows of chunk c, one at a time: id, meeting, speaker (0 unknown),
 * labelled, inferred. The statement is the store's (store_release). */
static const char chunk_rows_sql[] =
    "SELECT id, meeting_id, coalesce(speaker_id, 0), speaker_id IS NULL AND speaker_label IS NOT NULL, "
    "attribution = 'inferred' FROM remarks WHERE id BETWEEN ?1 AND ?2";

static int chunk_rows(giji_store *st, long long chunk, sqlite3_stmt **out)
{
    int rc = store_prepare_cached(st, chunk_rows_sql, out);
    if (rc == GIJI_OK && (store_bind_int(*out, 1, chunk << COLS_SHIFT) != SQLITE_OK ||
                          store_bind_int(*out, 2, (chunk << COLS_SHIFT) + COLS_SLOTS - 1) != SQLITE_OK)) {
        store_release(st, *out);
        rc = store_db_error(st, "cannot read the remark columns");
    }
    return rc;
}

/* Pack chunk c from its rows into buf (COLS_SLOTS * COLS_SLOT bytes);
 * *fits = 0 when an id is too large for the layout, *any = 0 when the
 * chunk holds no remark. */
static int pack_chunk(giji_store *st, long long chunk, unsigned char *buf, int *fits, int *any)
{
    memset(buf, 0, COLS_SLOTS * COLS_SLOT);
    *fits = 1;
    *any = 0;
    sqlite3_stmt *s;
    int rc = chunk_rows(st, chunk, &s);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0), meeting = sqlite3_column_int64(s, 1),
                  speaker = sqlite3_column_int64(s, 2);
        if (meeting <= 0 || meeting > UINT32_MAX || speaker < 0 || speaker > COLS_SPEAKER_MASK) {
            *fits = 0;
            continue;
        }
        unsigned char *slot = buf + (size_t)(id & (COLS_SLOTS - 1)) * COLS_SLOT;
        uint32_t w = (uint32_t)speaker | (sqlite3_column_int(s, 3) ? COLS_LABELLED : 0) |
                     (sqlite3_column_int(s, 4) ? COLS_INFERRED : 0);
        put_u32(slot, (uint32_t)meeting);
        put_u32(slot + 4, w);
        *any = 1;
    }
    if (step != SQLITE_DONE)
        rc = store_db_error(st, "cannot read the remark columns");
    store_release(st, s);
    return rc;
}

static int write_chunk(giji_store *st, long long chunk, const unsigned char *buf, int any)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, any ? "INSERT OR REPLACE INTO remark_cols (chunk, data) VALUES (?, ?)"
                                          : "DELETE FROM remark_cols WHERE chunk = ?",
                                  &s);
    if (rc)
        return rc;
    int b = store_bind_int(s, 1, chunk);
    if (b == SQLITE_OK && any)
        b = sqlite3_bind_blob(s, 2, buf, COLS_SLOTS * COLS_SLOT, SQLITE_STATIC);
    rc = b != SQLITE_OK ? store_db_error(st, "cannot write the remark columns")
                        : store_step_done(st, s, "cannot write the remark columns");
    store_release(st, s);
    if (rc == GIJI_OK)
        rc = store_prepare_cached(st, "DELETE FROM remark_cols_stale WHERE chunk = ?", &s);
    if (rc == GIJI_OK) {
        rc = store_bind_int(s, 1, chunk) != SQLITE_OK ? store_db_error(st, "cannot write the remark columns")
                                                      : store_step_done(st, s, "cannot write the remark columns");
        store_release(st, s);
    }
    return rc;
}

/* The chunks listed stale, ascending (*out freed by the caller). */
static int stale_chunks(giji_store *st, long long **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "SELECT chunk FROM remark_cols_stale ORDER BY chunk", &s);
    if (rc)
        return rc;
    rc = store_step_ids(st, s, out, n, "cannot read the stale remark columns");
    store_release(st, s);
    if (rc) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int store_cols_list_from(giji_store *st, long long first)
{
    long long last = 0;
    int rc = store_query_int(st, "SELECT coalesce(max(id), 0) FROM remarks", &last);
    sqlite3_stmt *s;
    if (rc || last < first)
        return rc;
    if ((rc = store_prepare_cached(st, "INSERT OR IGNORE INTO remark_cols_stale (chunk) VALUES (?)", &s)))
        return rc;
    for (long long c = first >> COLS_SHIFT; rc == GIJI_OK && c <= last >> COLS_SHIFT; c++)
        rc = store_bind_int(s, 1, c) != SQLITE_OK ? store_db_error(st, "cannot list the remark columns")
                                                  : store_step_done(st, s, "cannot list the remark columns");
    store_release(st, s);
    return rc;
}

int store_cols_refresh(giji_store *st)
{
    long long *chunks;
    size_t n;
    int rc = stale_chunks(st, &chunks, &n);
    unsigned char *buf = n ? malloc(COLS_SLOTS * COLS_SLOT) : NULL;
    if (rc == GIJI_OK && n && !buf)
        rc = GIJI_NOMEM();
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        int fits, any;
        rc = pack_chunk(st, chunks[i], buf, &fits, &any);
        if (rc == GIJI_OK && fits)
            rc = write_chunk(st, chunks[i], buf, any);
    }
    free(buf);
    free(chunks);
    return rc;
}

/* ---- reading -------------------------------------------------------------- */

void giji_remark_cols_clear(giji_remark_col *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].label);
        c[i].label = NULL;
    }
}

/* One chunk's slots, from its blob or, when it is stale or missing, its rows. */
typedef struct cols_chunk {
    uint32_t meeting[COLS_SLOTS];
    uint32_t word[COLS_SLOTS];
} cols_chunk;

static int load_chunk(giji_store *st, long long chunk, int stale, cols_chunk *c)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s;
    int rc;
    if (!stale) {
        int found = 0;
        rc = store_prepare_cached(st, "SELECT data FROM remark_cols WHERE chunk = ?", &s);
        if (rc)
            return rc;
        int step = store_bind_int(s, 1, chunk) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
        if (step == SQLITE_ROW && sqlite3_column_bytes(s, 0) == COLS_SLOTS * COLS_SLOT) {
            found = 1;
            const unsigned char *p = sqlite3_column_blob(s, 0);
            for (size_t i = 0; i < COLS_SLOTS; i++, p += COLS_SLOT) {
                c->meeting[i] = get_u32(p);
                c->word[i] = get_u32(p + 4);
            }
        } else if (step == SQLITE_ROW) {
            rc = giji_error_set(GIJI_EDB, "%s: remark_cols chunk %lld has %d bytes, not %d", st->path, chunk,
                                sqlite3_column_bytes(s, 0), COLS_SLOTS * COLS_SLOT);
        } else if (step != SQLITE_DONE) {
            rc = store_db_error(st, "cannot read the remark columns");
        }
        store_release(st, s);
        /* no row: a chunk without remarks, or one a writer did not list
         * (the rows say which, at the price of one range lookup) */
        if (rc || found)
            return rc;
    }
    if ((rc = chunk_rows(st, chunk, &s)))
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0), speaker = sqlite3_column_int64(s, 2);
        size_t i = (size_t)(id & (COLS_SLOTS - 1));
        /* ids beyond the layout cannot be told apart here: such a chunk
         * is refused (an error), never misread */
        if (sqlite3_column_int64(s, 1) > UINT32_MAX || speaker > COLS_SPEAKER_MASK) {
            rc = giji_error_set(GIJI_EDB, "%s: remark %lld: a meeting or person id too large for giji",
                                st->path, id);
            break;
        }
        c->meeting[i] = (uint32_t)sqlite3_column_int64(s, 1);
        c->word[i] = (uint32_t)speaker | (sqlite3_column_int(s, 3) ? COLS_LABELLED : 0) |
                     (sqlite3_column_int(s, 4) ? COLS_INFERRED : 0);
    }
    if (rc == GIJI_OK && step != SQLITE_DONE)
        rc = store_db_error(st, "cannot read the remark columns");
    store_release(st, s);
    return rc;
}

static int read_label(giji_store *st, long long id, char **out)
{
    sqlite3_stmt *s;
    int rc = store_prepare_cached(st, "SELECT speaker_label FROM remarks WHERE id = ?", &s);
    if (rc)
        return rc;
    int step = store_bind_int(s, 1, id) == SQLITE_OK ? sqlite3_step(s) : SQLITE_ERROR;
    if (step == SQLITE_ROW)
        rc = store_col_text(s, 0, out);
    else if (step != SQLITE_DONE)
        rc = store_db_error(st, "cannot read a remark's label");
    store_release(st, s);
    return rc;
}

int store_cols_read(giji_store *st, const long long *ids, size_t n, giji_remark_col *out)
{
    long long *stale;
    size_t nstale;
    int rc = stale_chunks(st, &stale, &nstale);
    cols_chunk *c = rc == GIJI_OK ? malloc(sizeof *c) : NULL;
    if (rc == GIJI_OK && !c)
        rc = GIJI_NOMEM();
    long long loaded = -1;
    size_t at = 0; /* in stale */
    for (size_t i = 0; rc == GIJI_OK && i < n; i++) {
        if (ids[i] < 0)
            continue;
        long long chunk = ids[i] >> COLS_SHIFT;
        if (chunk != loaded) {
            while (at < nstale && stale[at] < chunk)
                at++;
            if ((rc = load_chunk(st, chunk, at < nstale && stale[at] == chunk, c)))
                break;
            loaded = chunk;
        }
        size_t slot = (size_t)(ids[i] & (COLS_SLOTS - 1));
        uint32_t w = c->word[slot];
        out[i].meeting = c->meeting[slot];
        out[i].speaker = w & COLS_SPEAKER_MASK;
        out[i].inferred = (w & COLS_INFERRED) != 0;
        if (out[i].meeting && (w & COLS_LABELLED))
            rc = read_label(st, ids[i], &out[i].label);
    }
    free(c);
    free(stale);
    return rc;
}

int giji_store_remark_cols(giji_store *st, const long long *ids, size_t n, giji_remark_col *out)
{
    memset(out, 0, n * sizeof *out);
    for (size_t i = 1; i < n; i++)
        if (ids[i] < ids[i - 1])
            return giji_error_set(GIJI_EINVAL, "giji_store_remark_cols: the ids must be in ascending order");
    int own;
    int rc = store_read_begin(st, &own);
    if (rc)
        return rc;
    rc = store_cols_read(st, ids, n, out);
    store_read_end(st, own);
    if (rc)
        giji_remark_cols_clear(out, n);
    return rc;
}
