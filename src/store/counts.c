/*
 * store/counts.c — the derived counts of schema 4 (entity_speakers,
 * entity_meetings): whether they are live, suspending them for a bulk load
 * and computing them again in one pass.
 *
 * The triggers on entity_remarks keep the counts exact row by row while
 * meta.derived_counts is 'live'. A load that at least doubles the corpus
 * (giji_ingest_files) suspends them: maintaining them row by row costs it a
 * quarter more CPU at 1 GiB (their keys are spread over the whole tables),
 * computing them again at the end a fraction of that. While they are
 * 'stale' the queries that read them take the way that does not.
 * Not responsible for the queries themselves (query.c, entities.c).
 */
#include "store/store_int.h"
#include "util/error.h"

/* The counts from entity_remarks; the same definitions as the triggers'. */
static const char fill_sql[] =
    "DELETE FROM entity_speakers; DELETE FROM entity_meetings;"
    "INSERT INTO entity_speakers (entity_id, speaker_id, label, remarks, inferred) "
    "SELECT entity_id, coalesce(speaker_id, 0), coalesce(label, ''), count(*), sum(inferred) "
    "FROM entity_remarks GROUP BY 1, 2, 3;"
    "INSERT INTO entity_meetings (entity_id, meeting_id, remarks, anonymous, mentions) "
    "SELECT entity_id, meeting_id, count(*), sum(speaker_id IS NULL AND label IS NULL), sum(mentions) "
    "FROM entity_remarks GROUP BY 1, 2;"
    "INSERT INTO meta (key, value) VALUES ('derived_counts', 'live') "
    "ON CONFLICT (key) DO UPDATE SET value = 'live';";

int store_counts_fill(giji_store *st)
{
    return store_exec(st, fill_sql, "cannot compute the derived counts");
}

int giji_store_counts_live(giji_store *st, int *live)
{
    long long n = 0;
    int rc = store_query_int(st, "SELECT count(*) FROM meta WHERE key = 'derived_counts' AND value = 'live'", &n);
    *live = rc == GIJI_OK && n > 0;
    return rc;
}

int giji_store_counts_suspend(giji_store *st)
{
    if (st->batch || st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot suspend the derived counts inside a transaction",
                              st->path);
    return store_exec(st, "UPDATE meta SET value = 'stale' WHERE key = 'derived_counts'",
                      "cannot suspend the derived counts");
}

int giji_store_counts_rebuild(giji_store *st)
{
    if (st->batch || st->snapshot || !sqlite3_get_autocommit(st->db))
        return giji_error_set(GIJI_EINVAL, "%s: cannot compute the derived counts inside a transaction",
                              st->path);
    int rc = store_exec(st, "BEGIN IMMEDIATE", "cannot lock the database to compute the derived counts");
    if (rc)
        return rc;
    rc = store_counts_fill(st);
    rc = rc ? rc : store_exec(st, "COMMIT", "cannot commit the derived counts");
    if (rc)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
