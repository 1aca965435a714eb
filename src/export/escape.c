/*
 * export/escape.c — XML, HTML, DOT and CSV escaping (escape.h).
 */
#include "export/escape.h"
#include "util/utf8.h"

#include <string.h>

/* Walk s[0..len): for each character, `esc` gives its replacement or NULL
 * to keep it; invalid bytes become U+FFFD. Unchanged runs are written in
 * one fwrite. */
typedef const char *(*escape_fn)(uint32_t cp, const char *s, size_t len, size_t i, size_t *skip,
                                 char buf[16]);

static int walk(FILE *out, const char *s, size_t len, escape_fn esc)
{
    size_t run = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, len - i, &cp);
        const char *rep;
        char buf[16];
        size_t skip = 0;
        if (k == 0) {
            rep = "\xEF\xBF\xBD"; /* U+FFFD */
            k = 1;
        } else {
            rep = esc(cp, s, len, i, &skip, buf);
        }
        if (rep) {
            if ((i > run && fwrite(s + run, 1, i - run, out) != i - run) || fputs(rep, out) == EOF)
                return -1;
            run = i + k + skip;
        }
        i += k + skip;
    }
    if (len > run && fwrite(s + run, 1, len - run, out) != len - run)
        return -1;
    return 0;
}

static const char *xml_char(uint32_t cp, const char *s, size_t len, size_t i, size_t *skip, char buf[16])
{
    (void)s;
    (void)len;
    (void)i;
    (void)skip;
    (void)buf;
    switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&apos;";
    case '\t': return "&#9;";
    case '\n': return "&#10;";
    case '\r': return "&#13;";
    case 0x7f: return "&#127;";
    case 0xFFFE: case 0xFFFF: return "\xEF\xBF\xBD";
    default:
        return cp < 0x20 ? "\xEF\xBF\xBD" : NULL;
    }
}

int giji_xml_escape(FILE *out, const char *s, size_t len)
{
    return walk(out, s, len, xml_char);
}

static const char *html_char(uint32_t cp, const char *s, size_t len, size_t i, size_t *skip, char buf[16])
{
    (void)buf;
    switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    case '\t': case '\n': return NULL;
    case '\r':
        if (i + 1 < len && s[i + 1] == '\n')
            *skip = 1;
        return "\n";
    case 0x7f: case 0xFFFE: case 0xFFFF: return "\xEF\xBF\xBD";
    default:
        return cp < 0x20 ? "\xEF\xBF\xBD" : NULL;
    }
}

int giji_html_escape(FILE *out, const char *s, size_t len)
{
    return walk(out, s, len, html_char);
}

static const char *dot_char(uint32_t cp, const char *s, size_t len, size_t i, size_t *skip, char buf[16])
{
    (void)buf;
    switch (cp) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\n': return "\\n";
    case '\r':
        if (i + 1 < len && s[i + 1] == '\n')
            *skip = 1;
        return "\\n";
    default:
        return cp < 0x20 || cp == 0x7f ? " " : NULL;
    }
}

int giji_dot_escape(FILE *out, const char *s, size_t len)
{
    return walk(out, s, len, dot_char);
}

static const char *csv_char(uint32_t cp, const char *s, size_t len, size_t i, size_t *skip, char buf[16])
{
    (void)s;
    (void)len;
    (void)i;
    (void)skip;
    (void)buf;
    return cp == '"' ? "\"\"" : NULL;
}

int giji_csv_escape(FILE *out, const char *s)
{
    if (!s)
        return 0;
    size_t len = strlen(s);
    if (!strpbrk(s, ",\"\r\n"))
        return walk(out, s, len, csv_char); /* nothing to double; invalid bytes still replaced */
    if (putc('"', out) == EOF || walk(out, s, len, csv_char) != 0 || putc('"', out) == EOF)
        return -1;
    return 0;
}
