/* util/str.c — small string helpers (see str.h). */
#include "util/str.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

char *giji_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        GIJI_NOMEM();
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *giji_strdup(const char *s) { return giji_strndup(s, strlen(s)); }

int giji_str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int giji_str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

void giji_str_trim_range(const char *s, size_t n, size_t *begin, size_t *end)
{
    size_t b = 0, e = n;
    while (b < e) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + b, e - b, &cp);
        if (!k || !(giji_cp_is_space(cp) || cp == '\r' || cp == '\n'))
            break;
        b += k;
    }
    while (e > b) {
        size_t st;
        uint32_t cp = giji_utf8_prev(s, e, &st);
        if (st < b || !(giji_cp_is_space(cp) || cp == '\r' || cp == '\n'))
            break;
        e = st;
    }
    *begin = b;
    *end = e;
}

char *giji_str_nospace(const char *s)
{
    giji_buf b = {0};
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k) { cp = (unsigned char)s[i]; k = 1; }
        if (!giji_cp_is_space(cp) && giji_buf_append(&b, s + i, k) != GIJI_OK) {
            giji_buf_free(&b);
            return NULL;
        }
        i += k;
    }
    return giji_buf_steal(&b);
}

const char *giji_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
