/*
 * giji/extract.h — stage 3b: entities in remarks, and speakers inferred.
 *
 * Responsible for: the gazetteer (the .tsv files of data/gazetteer/ plus user files),
 * matching it on NFKC text with an Aho–Corasick automaton (leftmost-longest,
 * offsets in code points of the remark text), discovering entities nobody
 * listed with MeCab and the rules of data/discovery.tsv, and inferring the
 * speaker of anonymous remarks that speak for their own body (data/
 * inference.tsv). Not responsible for storing anything (store/).
 * Entity types and what counts as a mention: docs/entity-types.md.
 */
#ifndef GIJI_EXTRACT_H
#define GIJI_EXTRACT_H

#include <stddef.h>
#include "giji/segment.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum giji_entity_type {
    GIJI_ENT_MINISTRY = 0, GIJI_ENT_ISAC, GIJI_ENT_LAW, GIJI_ENT_POLICY,
    GIJI_ENT_EVENT, GIJI_ENT_COUNTRY, GIJI_ENT_ORG, GIJI_ENT_TOPIC,
    GIJI_ENT_NTYPES
} giji_entity_type;

/* "ministry", "isac", ... Static string; "?" when out of range. */
const char *giji_entity_type_name(int type);
/* Type for a name, or -1. */
int giji_entity_type_parse(const char *name);

/* The gazetteer: known entities with aliases and parents. Opaque. */
typedef struct giji_gazetteer giji_gazetteer;

/* Load the .tsv files of data/gazetteer/ under `datadir` (NULL: giji_data_dir()) and then
 * each of `extra` (user files, --gazetteer). A malformed line, an unknown
 * type, a name listed twice or an alias naming two entities is an error
 * naming file and line. Free with giji_gazetteer_free. */
int giji_gazetteer_load(const char *datadir, const char *const *extra, size_t nextra,
                        giji_gazetteer **out);
void giji_gazetteer_free(giji_gazetteer *g);
/* Number of entities and of names (canonical + aliases). */
size_t giji_gazetteer_size(const giji_gazetteer *g, size_t *nnames);

/* Matcher + discovery + inference, built once and used for many meetings.
 * Not thread-safe: one extractor per thread. */
typedef struct giji_extractor giji_extractor;

typedef struct giji_extract_options {
    int discover;              /* run MeCab discovery (default 1) */
    int infer;                 /* infer speakers of anonymous remarks (default 1) */
} giji_extract_options;

/* `g` must outlive the extractor. `datadir` as for giji_gazetteer_load.
 * Fails (GIJI_EINVAL) when discovery is on and MeCab cannot start. */
int giji_extractor_new(const giji_gazetteer *g, const char *datadir,
                       const giji_extract_options *opt, giji_extractor **out);
void giji_extractor_free(giji_extractor *x);

/* Find the mentions of every remark of `m` (filling m->entities and each
 * remark's mentions) and infer speakers of anonymous remarks. */
int giji_extract_meeting(giji_extractor *x, const giji_rules *rules, giji_meeting *m);

/* giji_extract_meeting on each of ms[0 .. n), with the same results, but
 * every remark of all of them goes through MeCab before any is matched,
 * which keeps MeCab's tables in the caches: a few meetings a call make
 * extraction cheaper (bench/README.md). Memory grows with the meetings'
 * text. On an error the meetings may be partly extracted: free them. */
int giji_extract_meetings(giji_extractor *x, const giji_rules *rules, giji_meeting *const *ms, size_t n);

/* Mentions in one text, for tools and tests: fills *out (free with
 * giji_mentions_free: the array and the surfaces and rules are one
 * block) and the entities they refer to (free with giji_entities_free). */
int giji_extract_text(giji_extractor *x, const char *text, giji_entity **entities,
                      size_t *nentities, giji_mention **out, size_t *n);
void giji_mentions_free(giji_mention *m, size_t n);
void giji_entities_free(giji_entity *e, size_t n);

#ifdef __cplusplus
}
#endif
#endif
