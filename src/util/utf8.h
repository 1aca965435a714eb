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
 * sequence (overlongs, surrogates and > U+10FFFF are invalid). Inline: every
 * stage walks text with it, so the call itself showed in profiles. */
static inline size_t giji_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* three bytes (kana, kanji, CJK punctuation: most of the text) without
     * the loop: the same checks as below (continuation bytes, not
     * overlong, not a surrogate); normalize and segment decode every code
     * point of every line with it (bench/README.md, ninth round) */
    if ((c & 0xF0) == 0xE0 && n >= 3) {
        unsigned c1 = s[1], c2 = s[2];
        uint32_t v = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(c1 & 0x3F) << 6 | (c2 & 0x3F);
        if (((c1 ^ 0x80) | (c2 ^ 0x80)) >= 0x40 || v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return 3;
    }
    size_t len;
    uint32_t v, min;
    if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* Encode cp into out (4 bytes room); returns the byte count. */
size_t giji_utf8_encode(uint32_t cp, char *out);

/* Offset of the first invalid byte in s[0..n), or n if all is valid. */
size_t giji_utf8_invalid_offset(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string. */
size_t giji_utf8_count(const char *s, size_t n);

/* Code point just before byte offset `end` (0 if none); *start gets its offset. */
uint32_t giji_utf8_prev(const char *s, size_t end, size_t *start);

/* Character classes. */
/* ASCII space/tab, U+3000, NBSP. Inline: the normalizer and the label
 * finder ask it of nearly every code point of a document. */
static inline int giji_cp_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}
int giji_cp_is_cjk(uint32_t cp);        /* Han, kana, CJK punctuation, full-width forms */
int giji_cp_is_kana_or_han(uint32_t cp);
int giji_cp_is_han(uint32_t cp);        /* Han ideograph (not kana, not punctuation) */
int giji_cp_is_hiragana(uint32_t cp);   /* ぁ..ゟ */
int giji_cp_is_kanji_digit(uint32_t cp); /* 〇 一 二 … 九 十 百 千: kanji numerals */
int giji_cp_is_ascii_alnum(uint32_t cp);
int giji_cp_is_word_glue(uint32_t cp);  /* "/" "／" "・" inside a name: JPCERT/CC, 日・ASEAN */

#endif
