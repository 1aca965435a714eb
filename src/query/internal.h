/*
 * query/internal.h — what the query layer's files share: the scope of a
 * query (options turned into a store filter), the folded match key names
 * are compared by, and excerpts for hits. Private to src/query/.
 */
#ifndef GIJI_QUERY_INTERNAL_H
#define GIJI_QUERY_INTERNAL_H

#include "giji/query.h"

/* giji_query_opts checked and normalised into a store filter. */
typedef struct query_scope {
    giji_hit_filter f;             /* body, from, to point into this struct */
    char from[11], to[11];
    char *body;                    /* NFKC, trimmed; owned */
} query_scope;

/* GIJI_EINVAL for a bad date, GIJI_ENOTFOUND "no body named 'X'" for a
 * body no meeting has. o may be NULL. Free with query_scope_free. */
int query_scope_init(giji_store *st, const giji_query_opts *o, query_scope *s);
void query_scope_free(query_scope *s);

/* The key names are compared by: giji_match_key (NFKC, no white space) with
 * ASCII letters in lower case. Caller frees; NULL when out of memory. */
char *query_key(const char *s);

/* s without leading and trailing white space (ASCII, U+3000). Caller frees. */
char *query_trim(const char *s);

/* Fill h->kwic: around h->r.start/end when the store located a mention,
 * else around the first occurrence of one of needles (n may be 0), else the
 * beginning of the text. */
int query_hit_kwic(giji_hit *h, const char *const *needles, size_t n);

/* Move store hits into giji_hits (the store array is consumed). */
int query_hits_from(giji_remark_hit *r, size_t n, size_t total, giji_hits *out);

/* giji who of a text through the index and the remark columns
 * (who_text.c): fills who->groups (counted, dated, with their keys in
 * corpus order: every one for the speakers that may be among the first
 * `speakers` listed, else the first `limit`; 0: all) and who->keys,
 * who->remarks and who->meetings, for the remarks in f's meetings holding
 * one of v[0..nv).
 * *done = 0 (and who untouched) when only the rows' way can answer (a
 * text the index cannot find); *found: some remark, in scope or not,
 * holds a text. query_who_by_rows = 1 always says *done = 0 (tests). */
int query_who_text(giji_store *st, giji_who *who, const char *const *v, size_t nv, const giji_hit_filter *f,
                   size_t limit, size_t speakers, int *done, int *found);
extern int query_who_by_rows;

#endif
