/*
 * normalize/html.c — minutes copied from a web page by a careless script:
 * HTML character references left in the text ("石田&nbsp;和也",
 * "JSC&amp;JOC", "&lt;主な意見&gt;", "&#12539;") and a few tags ("<br>" at a
 * line's end, "</p>" alone on a line).
 *
 * Responsible for: finding such text (a named reference of the list below
 * or a numeric one; most texts have none, and then nothing is copied),
 * decoding the references, and dropping those tags, line for line so that
 * line numbers stay. Not responsible for: "<br>" inside a line (a cell of a
 * table converted from Word: box.c reads it), the page's menus and footers
 * (data/phrases.tsv `webdebris`, segment/), nor any other markup.
 */
#define _GNU_SOURCE /* memmem */
#include "normalize/internal.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct named_ref { const char *name; const char *utf8; } named_ref;

/* the references such copies hold; a space for the no-break ones */
static const named_ref named[] = {
    {"nbsp", " "}, {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
    {"ensp", " "}, {"emsp", " "}, {"thinsp", " "}, {"yen", "\xc2\xa5"}, {"copy", "\xc2\xa9"},
    {"reg", "\xc2\xae"}, {"hellip", "\xe2\x80\xa6"}, {"middot", "\xc2\xb7"},
};
#define NNAMED (sizeof named / sizeof *named)

/* The reference at s[0..n) ("&amp;", "&#12539;", "&#x30FB;"): its bytes in
 * *len and its text in out (up to 4 bytes and a NUL); 0 when none. */
static int reference_at(const char *s, size_t n, size_t *len, char out[5])
{
    if (n < 4 || s[0] != '&')
        return 0;
    const char *semi = memchr(s, ';', n < 12 ? n : 12);
    if (!semi)
        return 0;
    size_t body = (size_t)(semi - s) - 1;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        const char *d = s + 2 + hex;
        if (d >= semi)
            return 0;
        uint32_t cp = 0;
        for (const char *p = d; p < semi; p++) {
            int v = *p >= '0' && *p <= '9'                       ? *p - '0'
                    : hex && *p >= 'a' && *p <= 'f'              ? *p - 'a' + 10
                    : hex && *p >= 'A' && *p <= 'F'              ? *p - 'A' + 10
                                                                 : -1;
            if (v < 0 || cp > 0x10FFFF)
                return 0;
            cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
        }
        /* no controls, surrogates or code points beyond Unicode */
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return 0;
        size_t k = giji_utf8_encode(cp, out);
        out[k] = '\0';
        *len = (size_t)(semi - s) + 1;
        return 1;
    }
    for (size_t i = 0; i < NNAMED; i++)
        if (strlen(named[i].name) == body && !memcmp(s + 1, named[i].name, body)) {
            strcpy(out, named[i].utf8);
            *len = body + 2;
            return 1;
        }
    return 0;
}

/* Does the text hold any reference at all? */
static int has_reference(const char *s, size_t n)
{
    for (const char *p = memchr(s, '&', n); p; p = memchr(p + 1, '&', (size_t)(s + n - p - 1))) {
        size_t len;
        char out[5];
        if (reference_at(p, (size_t)(s + n - p), &len, out))
            return 1;
        if (p + 1 >= s + n)
            break;
    }
    return 0;
}

/* A tag a line is made of, or ends with, that a copy leaves: <br>, <br/>,
 * <br />, <p>, </p>, </div>, <div>. Its length at s[0..n), or 0. */
static size_t tag_at(const char *s, size_t n)
{
    static const char *const tags[] = {"<br />", "<br/>", "<br>", "<BR>", "</p>", "<p>", "</div>", "<div>", "</P>", "<P>"};
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++) {
        size_t k = strlen(tags[i]);
        if (k <= n && !memcmp(s, tags[i], k))
            return k;
    }
    return 0;
}

int giji_fold_html(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (!memchr(utf8, '&', len) || !has_reference(utf8, len))
        return GIJI_OK;
    char *o = malloc(len + 1);
    if (!o)
        return GIJI_NOMEM();
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t eol = i;
        while (eol < len && utf8[eol] != '\n')
            eol++;
        /* the line's text without tags that end it */
        size_t end = eol;
        for (;;) {
            size_t e = end;
            while (e > i && (utf8[e - 1] == ' ' || utf8[e - 1] == '\t'))
                e--;
            size_t t = 0;
            for (size_t b = e > i + 6 ? e - 6 : i; b < e && !t; b++)
                if (tag_at(utf8 + b, e - b) == e - b)
                    t = e - b;
            if (!t)
                break;
            end = e - t;
        }
        for (size_t j = i; j < end;) {
            size_t rl;
            char rep[5];
            if (utf8[j] == '&' && reference_at(utf8 + j, end - j, &rl, rep)) {
                size_t k = strlen(rep);
                memcpy(o + w, rep, k);   /* never longer than the reference */
                w += k;
                j += rl;
            } else {
                o[w++] = utf8[j++];
            }
        }
        if (eol < len)
            o[w++] = '\n';
        i = eol + 1;
    }
    o[w] = '\0';
    *out = o;
    *outlen = w;
    return GIJI_OK;
}
