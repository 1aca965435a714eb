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

/* A further meeting of a file that holds several (giji_doc_meetings). The
 * k-th meeting of file NAME (k >= 2) is stored as source "NAME#k", with the
 * file's path, size and encoding and a content hash derived from the
 * file's (SHA-256 of its hex hash, '#' and k), in the file's transaction:
 * the file is stored whole or not at all, is unchanged when its content
 * is, and a new version of it drops the parts it no longer holds. */
typedef struct giji_ingest_part {
    char *name;                  /* "NAME#k"; owned */
    char sha256[65];             /* derived hash, hex */
    giji_store_status status;
    long long meeting_id;        /* 0 when unchanged */
    giji_meeting meeting;        /* owned */
} giji_ingest_part;

typedef struct giji_ingest_result {
    giji_store_status status;
    giji_encoding encoding;      /* what the file was written in */
    int had_bom, crlf;
    long long meeting_id;        /* 0 when unchanged */
    char *same_as;               /* UNCHANGED: source name holding this content; owned */
    giji_meeting meeting;        /* the file's (first) meeting as stored (empty when unchanged); owned */
    giji_ingest_part *parts;     /* the file's 2nd, 3rd ... meetings; owned */
    size_t nparts;
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
    int batch_files;             /* files per transaction; 0: 64. 1: one transaction each */
    double batch_seconds;        /* commit a stored file at most this long after it was
                                    stored; 0: 2 s */
} giji_ingest_options;

/* Called on the calling thread for each file, in input order, after it was
 * stored and committed (or failed). `rc` is GIJI_OK or the error code,
 * `error` the message (NULL when rc is GIJI_OK). `res` is freed after the
 * call returns. A non-zero return stops the run: no further file is
 * started, and the files of the batch already committed are still
 * reported. */
typedef int (*giji_ingest_cb)(void *ctx, size_t index, const char *path, int rc, const char *error,
                              const giji_ingest_result *res);

/* Ingest many files: worker threads read, decode, segment and extract while
 * this thread stores them in input order, so the database is the same as
 * with giji_ingest_file one by one. Files are stored in batches
 * (giji_store_batch_begin), and a failing file leaves nothing and does not
 * affect the others: should storing it fail after it wrote (validation
 * failures write nothing), the batch is rolled back and its files are
 * stored again one transaction each. The batch is committed after
 * `batch_files` files, `batch_seconds` seconds, 16 MB of input, at the end
 * and when stopped. `cb` hears of a file once its batch is committed. At
 * most a few files per worker, plus the open batch, are held in memory. When *stop becomes non-zero (a signal handler may set it)
 * no further file is started; the files stored so far are committed and
 * stay stored. Returns GIJI_OK unless the batch itself could not run
 * (files that fail are reported through `cb`); *stopped_at is the number
 * of files handed to `cb`. */
int giji_ingest_files(giji_store *st, const giji_rules *rules, const giji_gazetteer *gz,
                      const giji_ingest_options *opt, const char *const *paths, size_t n,
                      giji_ingest_cb cb, void *ctx, volatile sig_atomic_t *stop, size_t *done);

#ifdef __cplusplus
}
#endif
#endif
