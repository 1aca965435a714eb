/*
 * render/text.c — the strings giji hands to Graphviz: labels (shortened,
 * wrapped, escaped for HTML-like labels) and tooltips (escaped so that
 * Graphviz passes them through literally).
 *
 * Responsible for: making any name safe and literal in every output format
 * (quotes, backslashes and Graphviz escapes such as \N \G \L, < & ]]>,
 * control characters, invalid UTF-8), and for the display width of a label.
 * Not responsible for: the Graphviz graph itself (render.c), or the escaping
 * of giji's own output formats (export/escape.c).
 *
 * Labels are HTML-like labels, whose text Graphviz parses as XML, so
 * & < > " ' are written as entities; after parsing it still expands \N, \G,
 * \L, \E, \H, \T and folds \\ in the text, so every backslash is followed
 * by U+2060 WORD JOINER (invisible, zero width, no line break): no escape
 * sequence is left, and the label reads as written. Tooltips are plain
 * attributes, unescaped twice on the way to SVG: first every \X becomes X
 * (character references are decoded before, so &#92;N does not help), then
 * \N, \G, \L ... are expanded and \\ becomes \. A backslash is written as
 * four (\\\\ -> \\ -> \), & < > " ' as entities, a line break as &#10;, and
 * white space runs as one space.
 */
#include "render/render_int.h"

#include "util/utf8.h"

#include <string.h>

/* East Asian wide and full-width characters take two columns. */
static int cp_cols(uint32_t cp)
{
    if (cp < 0x1100)
        return 1;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

/* Next code point of s[*i..n): invalid bytes as U+FFFD, control
 * characters as a space (line breaks too when !keep_lf). */
static uint32_t next_cp(const char *s, size_t n, size_t *i, int keep_lf)
{
    uint32_t cp;
    size_t k = giji_utf8_decode(s + *i, n - *i, &cp);
    if (k == 0) {
        *i += 1;
        return 0xFFFD;
    }
    *i += k;
    if (cp == '\n' && keep_lf)
        return cp;
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
        return ' ';
    if (cp == 0xFFFE || cp == 0xFFFF)
        return 0xFFFD;
    return cp;
}

static int put_cp(giji_buf *b, uint32_t cp, int label)
{
    if (cp == '\\' && label)
        return giji_buf_puts(b, "\\\xE2\x81\xA0"); /* \ and U+2060 WORD JOINER */
    switch (cp) {
    case '&': return giji_buf_puts(b, "&amp;");
    case '<': return giji_buf_puts(b, "&lt;");
    case '>': return giji_buf_puts(b, "&gt;");
    case '"': return giji_buf_puts(b, "&quot;");
    case '\'': return giji_buf_puts(b, "&#39;");
    case '\\': return giji_buf_puts(b, "\\\\\\\\");
    case '\n': return giji_buf_puts(b, "&#10;");
    default: {
        char u[4];
        size_t k = giji_utf8_encode(cp, u);
        return giji_buf_append(b, u, k);
    }
    }
}

int giji_render_escape(giji_buf *b, const char *s, int keep_lf)
{
    size_t n = s ? strlen(s) : 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = next_cp(s, n, &i, keep_lf);
        if (cp == ' ' && prev == ' ')
            continue; /* Graphviz would write a run of spaces as &#160; */
        prev = cp;
        int rc = put_cp(b, cp, 0);
        if (rc)
            return rc;
    }
    return GIJI_OK;
}

size_t giji_render_cols(const char *s)
{
    size_t n = s ? strlen(s) : 0, cols = 0;
    for (size_t i = 0; i < n;)
        cols += (size_t)cp_cols(next_cp(s, n, &i, 0));
    return cols;
}

/* A break between a and b is allowed unless both are printable ASCII (a
 * word, number or date) or b may not start a line (closing punctuation,
 * small kana, the long vowel mark). */
static int can_break(uint32_t a, uint32_t b)
{
    if (a > ' ' && a < 0x7F && b > ' ' && b < 0x7F)
        return 0; /* inside an ASCII word, number or date */
    static const uint32_t no_start[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FC, 0x300D, 0x300F, 0xFF09,
                                        0x3011, 0x30FB, 0xFF1A, 0x3005, 0x3041, 0x3043, 0x3045, 0x3047,
                                        0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x30A1, 0x30A3,
                                        0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
                                        0x30F5, 0x30F6, ')', ',', '.', ':', ']'};
    for (size_t k = 0; k < sizeof no_start / sizeof *no_start; k++)
        if (b == no_start[k])
            return 0;
    return 1;
}

int giji_render_label(giji_buf *b, const char *name, size_t line_cols, int max_lines)
{
    size_t n = name ? strlen(name) : 0;
    /* decode once: code points with white space runs folded to one space */
    uint32_t cps[512];
    size_t ncp = 0, total = 0;
    int truncated = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = next_cp(name, n, &i, 0);
        if (giji_cp_is_space(cp))
            cp = ' ';
        if (cp == ' ' && (ncp == 0 || cps[ncp - 1] == ' '))
            continue;
        if (ncp == sizeof cps / sizeof *cps) {
            truncated = 1;
            break;
        }
        cps[ncp++] = cp;
        total += (size_t)cp_cols(cp);
    }
    while (ncp && cps[ncp - 1] == ' ')
        ncp--;
    if (ncp == 0)
        return giji_buf_puts(b, "?");
    /* a name that fits is spread evenly over the lines it needs (no line
     * of one orphan character); the last line may use the full width */
    size_t even = line_cols;
    if (!truncated && total <= line_cols * (size_t)max_lines && total > line_cols) {
        size_t lines = (total + line_cols - 1) / line_cols;
        even = (total + lines - 1) / lines + 1;
        if (even > line_cols)
            even = line_cols;
    }
    size_t pos = 0;
    for (int line = 0; line < max_lines && pos < ncp; line++) {
        if (line)
            giji_buf_puts(b, "<BR/>");
        int last = line == max_lines - 1;
        size_t width = last ? line_cols : even;
        /* how much of the rest fits this line */
        size_t cols = 0, end = pos, brk = 0;
        while (end < ncp && cols + (size_t)cp_cols(cps[end]) <= width) {
            cols += (size_t)cp_cols(cps[end]);
            end++;
            if (end < ncp && can_break(cps[end - 1], cps[end]))
                brk = end;
        }
        int more = end < ncp || (truncated && last);
        if (more && last) {
            /* make room for the ellipsis */
            while (end > pos + 1 && cols + 1 > line_cols)
                cols -= (size_t)cp_cols(cps[--end]);
            while (end > pos + 1 && cps[end - 1] == ' ')
                end--;
        } else if (more && brk > pos && (end - brk) * 3 < (end - pos)) {
            end = brk; /* break at a word boundary when it costs little */
        }
        size_t stop = end;
        while (stop > pos && cps[stop - 1] == ' ')
            stop--;
        for (size_t k = pos; k < stop; k++) {
            int rc = put_cp(b, cps[k], 1);
            if (rc)
                return rc;
        }
        if (more && last)
            giji_buf_puts(b, "\xE2\x80\xA6"); /* … */
        pos = end;
        while (pos < ncp && cps[pos] == ' ')
            pos++;
    }
    return b->data ? GIJI_OK : GIJI_NOMEM();
}
