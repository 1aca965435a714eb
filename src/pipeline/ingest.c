/*
 * pipeline/ingest.c — drives one file through decode -> normalize -> segment
 * -> store. Responsible for the order of the stages and for skipping work
 * when the content is already stored; each stage owns its own logic.
 */
#include "giji/ingest.h"
#include "giji/normalize.h"
#include "util/error.h"
#include "util/io.h"
#include "util/sha256.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

int giji_ingest_file(giji_store *st, const giji_rules *rules, giji_extractor *x, const char *path,
                     int force, giji_ingest_result *res)
{
    memset(res, 0, sizeof *res);
    res->meeting.session = -1;
    unsigned char *raw = NULL;
    size_t len = 0;
    int rc = giji_file_read(path, &raw, &len);
    if (rc)
        return rc;
    giji_source src = {.name = giji_path_base(path), .path = path, .size = len};
    giji_sha256_hex(raw, len, src.sha256);
    int found = 0;
    if ((rc = giji_store_has_content(st, src.sha256, &found, &res->same_as)) != GIJI_OK ||
        (found && !force)) {
        free(raw);
        res->status = GIJI_STORE_UNCHANGED;
        return rc;
    }
    giji_text text = {0};
    giji_doc doc = {0};
    rc = giji_decode(path, raw, len, &text);
    free(raw);
    if (!rc) {
        res->encoding = text.encoding;
        res->had_bom = text.had_bom;
        res->crlf = text.crlf;
        src.encoding = giji_encoding_name(text.encoding);
        rc = giji_doc_build(path, text.text, text.len, &doc);
    }
    giji_text_free(&text);
    if (!rc)
        rc = giji_segment(rules, path, &doc, &res->meeting);
    giji_doc_free(&doc);
    if (!rc && x && (rc = giji_extract_meeting(x, rules, &res->meeting)) != GIJI_OK)
        giji_error_prefix("%s: ", path);
    if (!rc)
        rc = force ? giji_store_put_force(st, &src, &res->meeting, &res->status, &res->meeting_id)
                   : giji_store_put(st, &src, &res->meeting, &res->status, &res->meeting_id);
    return rc;
}

void giji_ingest_result_free(giji_ingest_result *res)
{
    free(res->same_as);
    giji_meeting_free(&res->meeting);
    memset(res, 0, sizeof *res);
}
