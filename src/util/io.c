/* util/io.c — whole-file reads (see io.h). */
#include "util/io.h"
#include "util/error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int giji_file_read(const char *path, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return giji_error_set(GIJI_EIO, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return giji_error_set(GIJI_EIO, "%s: is a directory, not a minutes file", path);
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return GIJI_NOMEM();
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > GIJI_MAX_INPUT_BYTES) {
                free(buf);
                fclose(f);
                return giji_error_set(GIJI_EIO, "%s: larger than %zu MiB: not a minutes file",
                                      path, GIJI_MAX_INPUT_BYTES >> 20);
            }
            unsigned char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                fclose(f);
                return GIJI_NOMEM();
            }
            buf = p;
            cap *= 2;
        }
        size_t k = fread(buf + n, 1, cap - n - 1, f);
        n += k;
        if (k == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return giji_error_set(GIJI_EIO, "%s: read error", path);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return GIJI_OK;
}
