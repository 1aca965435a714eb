/*
 * extract/automaton.h — an Aho–Corasick automaton over code points.
 * Responsible for finding, at every position of a text, the longest
 * pattern ending there (and the shorter ones, through dictionary links).
 * Not responsible for choosing among overlapping matches (extract.c).
 */
#ifndef GIJI_EXTRACT_AUTOMATON_H
#define GIJI_EXTRACT_AUTOMATON_H

#include <stddef.h>
#include <stdint.h>

typedef struct giji_ac giji_ac;

/* Add patterns (code point arrays) one by one, each with a value. Adding
 * the same pattern twice keeps the first value and reports it through
 * `existing` (if non-NULL; -1 when the pattern is new). */
giji_ac *giji_ac_new(void);
int giji_ac_add(giji_ac *ac, const uint32_t *cps, size_t len, int value, int *existing);
/* Compute failure and dictionary links; no more adds after this. */
int giji_ac_build(giji_ac *ac);
void giji_ac_free(giji_ac *ac);
size_t giji_ac_states(const giji_ac *ac);

/* Matching: feed code points one by one. state 0 is the root; the other
 * states are opaque numbers (offsets into the built automaton, not
 * 1..states-1). */
uint32_t giji_ac_step(const giji_ac *ac, uint32_t state, uint32_t cp);
/* The longest pattern ending in `state` (through dictionary links):
 * returns 1 and sets value and len, or 0 when none. Pass the returned
 * `next` to giji_ac_next_match to walk to shorter ones. */
int giji_ac_match(const giji_ac *ac, uint32_t state, int *value, size_t *len, uint32_t *next);
int giji_ac_next_match(const giji_ac *ac, uint32_t from, int *value, size_t *len, uint32_t *next);

/* The whole text at once, for the hot loop of matching: calls
 * hit(ctx, i, m) at every position i of cps[0..n) where a pattern ends,
 * m being what giji_ac_next_match takes to give the longest of them (and
 * then the shorter ones). The same matches as giji_ac_step and
 * giji_ac_match at every position, without two calls per code point.
 * Stops at, and returns, the first non-zero result of hit; else 0. */
typedef int (*giji_ac_hit_fn)(void *ctx, size_t i, uint32_t m);
int giji_ac_scan(const giji_ac *ac, const uint32_t *cps, size_t n, giji_ac_hit_fn hit, void *ctx);

#endif
