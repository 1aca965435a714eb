/*
 * giji/ingest.h — input files through the whole pipeline:
 * read -> hash -> decode -> normalize -> segment -> extract -> store.
 */
#ifndef GIJI_INGEST_H
#define GIJI_INGEST_H

#include <signal.h>
#include "giji/decode.h"
#include "giji/extract.h"
#include "giji/segment.h"
#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct giji_ingest_result {
    giji_store_status status;
    giji_encoding encoding;      /* what the file was written in */
    int had_bom, crlf;
    long long meeting_id;        /* 0 when unchanged */
    char *same_as;               /* UNCHANGED: source name holding this content; owned */
    giji_meeting meeting;        /* what was stored (empty when unchanged); owned */
} giji_ingest_result;

/* Ingest the file at `path`: entities are extracted with `x` (NULL: none).
 * With `force`, content already stored is processed and stored again (after
 * the gazetteer or the rules changed). On error nothing of the file is
 * stored, the database is unchanged, and the last error names the file and
 * the line or byte offset. Free *res with giji_ingest_result_free in every
 * case. */
int giji_ingest_file(giji_store *st, const giji_rules *rules, giji_extractor *x, const char *path,
                     int force, giji_ingest_result *res);
void giji_ingest_result_free(giji_ingest_result *res);

typedef struct giji_ingest_options {
    int force;                   /* process stored content again */
    int threads;                 /* workers reading and parsing; 0: one per CPU (at most 8) */
    int extract;                 /* extract entities (needs a gazetteer) */
    giji_extract_options extract_options;
    const char *datadir;         /* data/ for the extractors (NULL: giji_data_dir()) */
    giji_extractor *extractor;   /* the caller's, used on the calling thread for a file
                                    whose stored copy vanished during the batch; required
                                    when `extract` is set (building it first also checks
                                    the data files before the database is touched) */
} giji_ingest_options;

/* Called on the calling thread for each file, in input order, after it was
 * stored (or failed). `rc` is GIJI_OK or the error code, `error` the message
 * (NULL when rc is GIJI_OK). `res` is freed after the call returns. A
 * non-zero return stops the batch. */
typedef int (*giji_ingest_cb)(void *ctx, size_t index, const char *path, int rc, const char *error,
                              const giji_ingest_result *res);

/* Ingest many files: worker threads read, decode, segment and extract while
 * this thread stores them in input order, one transaction each, so the
 * database is the same as with giji_ingest_file one by one. At most a few
 * files per worker are held in memory. When *stop becomes non-zero (a signal
 * handler may set it) no further file is started or stored; files stored so
 * far stay stored. Returns GIJI_OK unless the batch itself could not run
 * (files that fail are reported through `cb`); *stopped_at is the number
 * of files handed to `cb`. */
int giji_ingest_files(giji_store *st, const giji_rules *rules, const giji_gazetteer *gz,
                      const giji_ingest_options *opt, const char *const *paths, size_t n,
                      giji_ingest_cb cb, void *ctx, volatile sig_atomic_t *stop, size_t *done);

#ifdef __cplusplus
}
#endif
#endif
