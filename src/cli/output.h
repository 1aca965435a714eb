/*
 * cli/output.h — how the listing commands (entities, candidates) print:
 * aligned text tables for people, CSV (RFC 4180) and JSON (export/jsonw.h)
 * for programs.
 *
 * Responsible for display width (East Asian Wide and Fullwidth characters
 * take 2 terminal columns, per utf8proc_charwidth), fitting a table into a
 * width by truncating cells with '…', and CSV quoting. Not responsible for
 * what is printed (cmd_*.c) nor for JSON syntax (export/jsonw.c).
 *
 * Output functions return 0, or -1 when writing failed (errno set); callers
 * may also check ferror() once at the end.
 */
#ifndef GIJI_CLI_OUTPUT_H
#define GIJI_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

typedef enum giji_out_format {
    GIJI_OUT_TABLE = 0,
    GIJI_OUT_CSV,
    GIJI_OUT_JSON
} giji_out_format;

/* "table", "csv" or "json"; 0 on success, -1 for anything else. */
int giji_out_format_parse(const char *name, giji_out_format *out);

/* Terminal columns of UTF-8 text: 2 for East Asian Wide and Fullwidth
 * characters, 0 for combining marks and control characters, 1 otherwise
 * (an invalid byte counts 1, as the replacement character it shows as). */
size_t giji_out_width(const char *s);

/* s cut to at most `width` columns: when it is wider, as much of its start
 * as fits in width - 1 columns followed by '…' (U+2026, 1 column).
 * Control characters (line breaks, tabs) become spaces. Caller frees;
 * NULL when out of memory. */
char *giji_out_fit(const char *s, size_t width);
/* The same, but cut in the middle ("000_329f…d3291.txt:57"): for file
 * names and other text whose both ends matter. */
char *giji_out_fit_middle(const char *s, size_t width);

/* Width a table should fit by default: $COLUMNS when it is a number of at
 * least 20, else 80. */
size_t giji_out_columns(void);

/* ---- tables ------------------------------------------------------------- */

enum {
    GIJI_COL_RIGHT = 1,        /* right-aligned (numbers) */
    GIJI_COL_FIXED = 2,        /* never narrowed */
    GIJI_COL_SHRINK_FIRST = 4, /* narrowed before the other columns */
    GIJI_COL_CUT_MIDDLE = 8    /* cut in the middle rather than at the end */
};

typedef struct giji_column {
    const char *header;
    unsigned flags;            /* GIJI_COL_* */
    size_t min;                /* narrowest width when fitting; 0: the header's
                                  width, at least 4 */
} giji_column;

typedef struct giji_table giji_table;

/* A table of `ncols` columns. NULL when out of memory. */
giji_table *giji_table_new(size_t ncols, const giji_column *cols);
/* Append a row of ncols cells (copied; NULL is shown as ""). 0 or -1 when
 * out of memory. */
int giji_table_add(giji_table *t, const char *const *cells);
/* Attach a note to the last row: a line of its own printed under it,
 * indented by 4 spaces and cut to the table's width (for text too long for
 * a column, such as a keyword-in-context excerpt). 0 or -1 when out of
 * memory or there is no row. */
int giji_table_note(giji_table *t, const char *note);
/* Add one more note line to the last row (after those already attached);
 * the first one is giji_table_note's. 0 or -1. */
int giji_table_note_add(giji_table *t, const char *note);
size_t giji_table_rows(const giji_table *t);
/* Write the header and the rows (each followed by its note), columns
 * separated by two spaces, no trailing spaces. With max_width > 0, columns are narrowed (cells cut with
 * '…') until the table fits: first the GIJI_COL_SHRINK_FIRST ones, then the
 * others that are not fixed, the widest first each time, none below its
 * minimum — so a table with many fixed columns may still be wider. */
int giji_table_write(const giji_table *t, FILE *out, size_t max_width);
void giji_table_free(giji_table *t);

/* ---- running text -------------------------------------------------------- */

/* Write s as lines of at most `width` display columns (at least 1), each
 * after `indent`: a line break of s starts a new line, other control
 * characters are shown as spaces, and lines are broken between characters:
 * at the last space instead (dropping it) when it is in the last quarter of
 * the line or the break would cut a Latin word, and a character or two
 * earlier when the next line would start with closing punctuation (。、」…).
 * Trailing spaces are not written. 0 or -1. */
int giji_out_wrap(FILE *out, const char *s, size_t width, const char *indent);

/* ---- CSV (RFC 4180) ------------------------------------------------------ */

/* One field: as is, or in double quotes (quotes doubled) when it contains
 * a comma, a double quote, CR or LF. NULL is an empty field. */
int giji_csv_field(FILE *out, const char *s);
/* A record of n fields, ended by CRLF. */
int giji_csv_row(FILE *out, const char *const *fields, size_t n);

#endif
