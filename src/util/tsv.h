/*
 * util/tsv.h — the one reader of giji's tab-separated data tables:
 * UTF-8, '#' comment lines and blank lines skipped, CR LF accepted.
 * Errors name the file and line.
 */
#ifndef GIJI_UTIL_TSV_H
#define GIJI_UTIL_TSV_H

#define GIJI_TSV_MAX_FIELDS 8

typedef struct giji_tsv_row {
    const char *path;
    unsigned line;
    int n;                              /* fields present */
    char *f[GIJI_TSV_MAX_FIELDS];       /* trailing empty fields beyond `min` dropped */
} giji_tsv_row;

/* Call fn for every row of the file; stop at the first non-zero return.
 * A row with fewer than `min` or more than `max` fields is an error. */
int giji_tsv_each(const char *path, int min, int max,
                  int (*fn)(void *ctx, const giji_tsv_row *row), void *ctx);

#endif
