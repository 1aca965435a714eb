/*
 * giji/ingest.h — one input file through the whole pipeline:
 * read -> hash -> decode -> normalize -> segment -> store.
 */
#ifndef GIJI_INGEST_H
#define GIJI_INGEST_H

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

#ifdef __cplusplus
}
#endif
#endif
