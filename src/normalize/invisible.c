/*
 * normalize/invisible.c — characters a PDF's text layer carries that a reader
 * never sees as such:
 *
 *   U+00A0, U+2007, U+202F   no-break spaces (between surname and given
 *                            name, inside labels): read as a space
 *   U+200B, U+2060, U+FEFF   zero-width space, word joiner, a BOM inside the
 *                            text: removed ("原子力規制<U+200B>委員会" is
 *                            原子力規制委員会 to its reader)
 *   U+00AD                   soft hyphen (a hyphenation point, shown only at
 *                            a line's end): removed
 *   U+000C                   form feed at a page break: removed (the page's
 *                            first line stays a line of its own)
 *
 * Responsible for: finding them (most texts have none, and then nothing is
 * copied) and writing the text without them, line for line, so that line
 * numbers stay. Not responsible for: NFKC (nfkc.c maps U+00A0 as well, but
 * only in the match keys; the display text and the label and attendee
 * rules, which split on spaces, need it here), nor ZWJ/ZWNJ, which change
 * how some scripts are shaped and are left alone.
 */
#include "normalize/internal.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct invisible {
    const char *bytes;   /* its UTF-8 */
    size_t n;
    char to;             /* ' ': read as a space; 0: removed */
} invisible;

static const invisible invisibles[] = {
    {"\xc2\xa0", 2, ' '},     {"\xe2\x80\x87", 3, ' '}, {"\xe2\x80\xaf", 3, ' '}, {"\xe2\x80\x8b", 3, 0},
    {"\xe2\x81\xa0", 3, 0},   {"\xef\xbb\xbf", 3, 0},   {"\xc2\xad", 2, 0},       {"\x0c", 1, 0},
};
#define NINVISIBLE (sizeof invisibles / sizeof *invisibles)

/* The invisible character at s[0..n), or NULL. */
static const invisible *invisible_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    if (c != 0xC2 && c != 0xE2 && c != 0xEF && c != 0x0C)
        return NULL;
    for (size_t k = 0; k < NINVISIBLE; k++)
        if (invisibles[k].n <= n && !memcmp(s, invisibles[k].bytes, invisibles[k].n))
            return &invisibles[k];
    return NULL;
}

/* The first invisible character's offset in utf8[0..len), or len: for each
 * byte that can start one (0C, C2, E2, EF), memchr from hit to hit. (Eight
 * memmem passes cost a tenth of normalize's time, a byte loop with a table
 * 4% of it; E2 and EF start punctuation a Japanese text has every few
 * dozen bytes, and memchr skips what lies between.) */
static size_t first_invisible(const char *utf8, size_t len)
{
    static const unsigned char leads[] = {0x0C, 0xC2, 0xE2, 0xEF};
    size_t first = len;
    for (size_t k = 0; k < sizeof leads; k++) {
        for (const char *p = memchr(utf8, leads[k], first); p; p = memchr(p + 1, leads[k], first - (size_t)(p + 1 - utf8))) {
            if (invisible_at(p, len - (size_t)(p - utf8))) {
                first = (size_t)(p - utf8);
                break;
            }
            if ((size_t)(p + 1 - utf8) >= first)
                break;
        }
    }
    return first;
}

int giji_fold_invisibles(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    size_t first = first_invisible(utf8, len);
    if (first == len)
        return GIJI_OK;
    char *o = malloc(len + 1);
    if (!o)
        return GIJI_NOMEM();
    memcpy(o, utf8, first);
    size_t w = first;
    for (size_t i = first; i < len;) {
        const invisible *v = invisible_at(utf8 + i, len - i);
        if (v) {
            if (v->to)
                o[w++] = v->to;
            i += v->n;
        } else {
            o[w++] = utf8[i++];
        }
    }
    o[w] = '\0';
    *out = o;
    *outlen = w;
    return GIJI_OK;
}

/* ---- vertical writing --------------------------------------------------
 *
 * Text extracted from a page set vertically (縦書き, as the Diet prints its
 * records) keeps the vertical presentation forms of brackets and
 * punctuation ("○委員長︵山田花子君︶", "︑", "︒", "﹁異議なし﹂"), and may
 * render the long vowel mark as a vertical stroke ("サイバ丨セキュリティ",
 * "トマホ｜ク"). The forms are read as the horizontal ones a reader sees;
 * the strokes as ー after katakana, but only in a text that holds such forms
 * (elsewhere ｜ may be a table's rule). */

typedef struct vform { uint32_t cp; const char *to; } vform;

static const vform vforms[] = {
    {0xFE10, "，"}, {0xFE11, "、"}, {0xFE12, "。"}, {0xFE13, "："}, {0xFE14, "；"}, {0xFE15, "！"},
    {0xFE16, "？"}, {0xFE17, "〖"}, {0xFE18, "〗"}, {0xFE19, "…"}, {0xFE30, "‥"}, {0xFE31, "―"},
    {0xFE32, "－"}, {0xFE35, "（"}, {0xFE36, "）"}, {0xFE37, "｛"}, {0xFE38, "｝"}, {0xFE39, "〔"},
    {0xFE3A, "〕"}, {0xFE3B, "【"}, {0xFE3C, "】"}, {0xFE3D, "《"}, {0xFE3E, "》"}, {0xFE3F, "〈"},
    {0xFE40, "〉"}, {0xFE41, "「"}, {0xFE42, "」"}, {0xFE43, "『"}, {0xFE44, "』"}, {0xFE47, "［"},
    {0xFE48, "］"},
};

static const char *vform_of(uint32_t cp)
{
    for (size_t i = 0; i < sizeof vforms / sizeof *vforms; i++)
        if (vforms[i].cp == cp)
            return vforms[i].to;
    return NULL;
}

static int is_katakana(uint32_t cp) { return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC; }

int giji_fold_vertical(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    /* U+FE10..FE19, U+FE30..FE4F: EF B8 90..99, EF B8 B0..BF, EF B9 80..8F */
    int any = 0;
    for (const char *p = memchr(utf8, 0xEF, len); p && !any; p = memchr(p + 1, 0xEF, (size_t)(utf8 + len - p - 1))) {
        size_t left = (size_t)(utf8 + len - p);
        if (left < 3)
            break;
        unsigned char b1 = (unsigned char)p[1], b2 = (unsigned char)p[2];
        any = (b1 == 0xB8 && ((b2 >= 0x90 && b2 <= 0x99) || b2 >= 0xB0)) || (b1 == 0xB9 && b2 <= 0x8F);
        if (left < 4)
            break;
    }
    if (!any)
        return GIJI_OK;
    /* every replacement is 3 bytes for 3 */
    char *o = malloc(len + 1);
    if (!o)
        return GIJI_NOMEM();
    size_t w = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = giji_utf8_decode(utf8 + i, len - i, &cp);
        if (!k) {   /* checked on entry; keep the byte all the same */
            o[w++] = utf8[i++];
            prev = 0;
            continue;
        }
        const char *to = vform_of(cp);
        if (!to && (cp == 0x4E28 || cp == 0xFF5C || cp == 0x2502) && is_katakana(prev))
            to = "ー";
        if (to && strlen(to) == k) {
            memcpy(o + w, to, k);
            cp = cp == 0x4E28 || cp == 0xFF5C || cp == 0x2502 ? 0x30FC : cp;
        } else {
            memcpy(o + w, utf8 + i, k);
        }
        w += k;
        i += k;
        prev = cp;
    }
    o[w] = '\0';
    *out = o;
    *outlen = w;
    return GIJI_OK;
}
