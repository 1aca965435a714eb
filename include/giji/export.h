/*
 * giji/export.h — writers for the stored corpus. Escaping for each output
 * format lives here, once. Format documented in docs/export-json.md.
 */
#ifndef GIJI_EXPORT_H
#define GIJI_EXPORT_H

#include <stdio.h>
#include "giji/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the JSON export format (top-level "version"). */
#define GIJI_EXPORT_JSON_VERSION 1

/* Write the whole database as one JSON document to `out`, meeting by
 * meeting (memory stays bounded by the largest meeting), all read from one
 * snapshot of the database. Output is deterministic for a given database.
 * On failure (GIJI_EDB, GIJI_EIO, GIJI_ENOMEM) part of a document may have
 * been written: the caller should discard it (write to a temporary file and
 * rename on success). */
int giji_export_json(giji_store *st, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
