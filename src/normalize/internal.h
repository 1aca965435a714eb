/*
 * normalize/internal.h — what the files of normalize/ share and nobody else
 * needs: character tests about line structure and the page-break joiner.
 * Not part of the public API.
 */
#ifndef GIJI_NORMALIZE_INTERNAL_H
#define GIJI_NORMALIZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "giji/normalize.h"

/* Join logical lines that a page break split in the middle of a sentence
 * (rules in pagebreak.c). Works in place on lines[0..*n): joined texts are
 * reallocated, the absorbed entries freed and removed, *n shrinks. `norm` is
 * not touched (the caller computes it afterwards).
 * Returns GIJI_OK or GIJI_ENOMEM (lines stay valid and freeable). */
int giji_join_page_breaks(giji_line *lines, size_t *n);

/* Code points of text that end a sentence or a label, so that a line ending
 * in one is complete: 。．.！？!?」』）)】：:… (and half-width ｡). */
int giji_cp_is_terminator(uint32_t cp);

/* Speeches laid out as a two-column 発言者/発言内容 table (columns.c): when
 * the text holds one, *out (caller frees) gets the text rewritten line for
 * line, "【LABEL】speech" at each turn's start; else *out is NULL. */
int giji_speaker_columns(const char *utf8, size_t len, char **out, size_t *outlen);
/* The same table with the speaker on the right ("発言要旨　　発言者"): each
 * row's first line rewritten as "【SPEAKER】remark…", a two-line speaker
 * cell joined, line for line (columns.c). */
int giji_speaker_columns_right(const char *utf8, size_t len, char **out, size_t *outlen);

/* Line numbers printed in the left margin (linenos.c): when the text has
 * them, *out (caller frees) gets the text without them, line for line; else
 * *out is NULL. */
int giji_strip_line_numbers(const char *utf8, size_t len, char **out, size_t *outlen);

/* Characters a PDF's text layer holds and a reader does not see as such
 * (invisible.c: no-break spaces read as a space; zero-width spaces, word
 * joiners, soft hyphens and form feeds removed): when the text has any,
 * *out (caller frees) gets it without them, line for line; else NULL. */
int giji_fold_invisibles(const char *utf8, size_t len, char **out, size_t *outlen);

/* Text copied from a web page (html.c): when it holds HTML character
 * references, *out (caller frees) gets it with them decoded and the tags a
 * line ends with or is made of dropped, line for line; else NULL. */
int giji_fold_html(const char *utf8, size_t len, char **out, size_t *outlen);

/* Text set vertically (invisible.c): when it holds vertical presentation
 * forms (︵︶︑︒﹁﹂), *out (caller frees) gets them as the horizontal ones,
 * and a vertical stroke after katakana (丨, ｜) as ー; else NULL. */
int giji_fold_vertical(const char *utf8, size_t len, char **out, size_t *outlen);

/* Tables drawn with box-drawing characters or pipes (box.c): is s[0..n) a
 * rule line (dropped), and a row's text as the line a table-less
 * record would print ("日時：令和…"; *out, caller frees; NULL: no row). */
int giji_box_rule(const char *s, size_t n);
int giji_box_row(const char *s, size_t n, char **out);


#endif
