/* util/tsv.c — tab-separated data tables (see tsv.h). */
#include "util/tsv.h"
#include "util/error.h"
#include "util/io.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

int giji_tsv_each(const char *path, int min, int max,
                  int (*fn)(void *ctx, const giji_tsv_row *row), void *ctx)
{
    unsigned char *data;
    size_t len;
    int rc = giji_file_read(path, &data, &len);
    if (rc)
        return rc;
    size_t bad = giji_utf8_invalid_offset((char *)data, len);
    if (bad != len) {
        free(data);
        return giji_error_set(GIJI_EINVAL, "%s: byte %zu: invalid UTF-8 (data tables are UTF-8)", path, bad);
    }
    unsigned lineno = 0;
    char *next = (char *)data;
    while (!rc && next && *next) {
        char *line = next;
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
            next = nl + 1;
        } else {
            next = NULL;
        }
        lineno++;
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        size_t lead = strspn(line, " \t");
        if (lead == ll || line[lead] == '#')
            continue; /* blank, white space only, or a comment (indented or not) */
        giji_tsv_row row = {.path = path, .line = lineno};
        char *s = line;
        for (;;) {
            if (row.n == GIJI_TSV_MAX_FIELDS) {
                row.n = GIJI_TSV_MAX_FIELDS + 1; /* too many */
                break;
            }
            row.f[row.n++] = s;
            char *tab = strchr(s, '\t');
            if (!tab)
                break;
            *tab = '\0';
            s = tab + 1;
        }
        while (row.n > min && row.n <= GIJI_TSV_MAX_FIELDS && row.f[row.n - 1][0] == '\0')
            row.n--;
        if (row.n < min || row.n > max) {
            rc = min == max ? giji_error_set(GIJI_EINVAL, "%s:%u: expected %d tab-separated fields, found %d",
                                             path, lineno, min, row.n)
                            : giji_error_set(GIJI_EINVAL, "%s:%u: expected %d to %d tab-separated fields, found %d",
                                             path, lineno, min, max, row.n);
            break;
        }
        rc = fn(ctx, &row);
    }
    free(data);
    return rc;
}
