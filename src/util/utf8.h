/*
 * util/utf8.h — UTF-8 primitives and the character classes giji reasons with.
 * Responsible for bytes <-> code points and "is this CJK / a space";
 * not for normalisation (normalize/) or width (cli/).
 */
#ifndef GIJI_UTIL_UTF8_H
#define GIJI_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..n). Returns the number of bytes consumed
 * (1..4) and stores the code point; returns 0 for an invalid or truncated
 * sequence (overlongs, surrogates and > U+10FFFF are invalid). */
size_t giji_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (4 bytes room); returns the byte count. */
size_t giji_utf8_encode(uint32_t cp, char *out);

/* Offset of the first invalid byte in s[0..n), or n if all is valid. */
size_t giji_utf8_invalid_offset(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string. */
size_t giji_utf8_count(const char *s, size_t n);

/* Code point just before byte offset `end` (0 if none); *start gets its offset. */
uint32_t giji_utf8_prev(const char *s, size_t end, size_t *start);

/* Character classes. */
int giji_cp_is_space(uint32_t cp);      /* ASCII space/tab, U+3000, NBSP */
int giji_cp_is_cjk(uint32_t cp);        /* Han, kana, CJK punctuation, full-width forms */
int giji_cp_is_kana_or_han(uint32_t cp);
int giji_cp_is_ascii_alnum(uint32_t cp);

#endif
