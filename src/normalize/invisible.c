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
#define _GNU_SOURCE /* memmem */
#include "normalize/internal.h"
#include "util/error.h"

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

int giji_fold_invisibles(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    /* one memmem per character: the common answer is "none", at the cost of
     * a few fast scans rather than a byte loop over every text */
    size_t first = len;
    for (size_t k = 0; k < NINVISIBLE; k++) {
        const char *at = memmem(utf8, len, invisibles[k].bytes, invisibles[k].n);
        if (at && (size_t)(at - utf8) < first)
            first = (size_t)(at - utf8);
    }
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
