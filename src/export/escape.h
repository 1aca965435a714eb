/*
 * export/escape.h — escaping, once for each syntax: XML (GraphML attribute
 * values and character data), HTML (text and quoted attribute values of the
 * report), DOT quoted strings, CSV fields (RFC 4180). JSON has its own
 * writer (jsonw.h), whose strings are also safe inside an HTML <script>.
 *
 * Every function writes s[0..len) to `out` escaped (without the surrounding
 * quotes for DOT and XML attributes; CSV adds its quotes when needed) and
 * returns 0, or -1 when a write failed. Bytes that are not valid UTF-8 are
 * written as U+FFFD in every format, so the output is always valid UTF-8.
 */
#ifndef GIJI_EXPORT_ESCAPE_H
#define GIJI_EXPORT_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* XML 1.0: & < > " ' as entities (&amp; &lt; &gt; &quot; &apos;), tab, LF
 * and CR as character references (&#9; &#10; &#13;, so that attribute
 * value normalisation keeps them), other characters XML 1.0 forbids (C0
 * controls, U+FFFE, U+FFFF) as U+FFFD; DEL as &#127;. */
int giji_xml_escape(FILE *out, const char *s, size_t len);

/* HTML text and double- or single-quoted attribute values: & < > " ' as
 * &amp; &lt; &gt; &quot; &#39;, so no string can open a tag, close an
 * element (</script>, </title>) or end an attribute. Tab and line feed are
 * kept, CR becomes a line feed (a CR LF pair one line feed); other C0
 * controls, DEL, U+FFFE and U+FFFF become U+FFFD. Not for URLs, CSS or
 * script contents: the report never puts data there. */
int giji_html_escape(FILE *out, const char *s, size_t len);

/* Inside a DOT double-quoted string: '\' as \\, '"' as \", a line feed, a
 * CR LF pair or a lone CR as \n (a line break in labels), other control
 * characters as a space. */
int giji_dot_escape(FILE *out, const char *s, size_t len);

/* One CSV field: as is, or in double quotes with quotes doubled when it
 * contains a comma, a double quote, CR or LF. NULL is an empty field. */
int giji_csv_escape(FILE *out, const char *s);

#endif
