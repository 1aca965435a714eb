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

int giji_str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

const char *giji_key_without_note(const char *key, char *buf, size_t cap)
{
    const char *open = strrchr(key, '(');
    size_t n = strlen(key);
    if (!open || open == key || (key[n - 1] != ')' && strchr(open, ')')))
        return NULL;
    size_t m = (size_t)(open - key);
    if (m + 1 > cap)
        return NULL;
    memcpy(buf, key, m);
    buf[m] = '\0';
    return buf;
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
    /* One allocation of the input's size and runs copied between spaces:
     * appending code point by code point to a giji_buf (a call, a room
     * check and a memcpy each) cost over 40 instructions per byte, on
     * every line of every document (bench/README.md, ninth round). The
     * same code points are dropped as before (decoded the same way). */
    size_t n = strlen(s), i = 0, run = 0, w = 0;
    char *out = malloc(n + 1);
    if (!out) {
        GIJI_NOMEM();
        return NULL;
    }
    while (i < n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* valid three-byte characters other than U+3000 (E3 80 80) stay:
         * passed over with one load each (the checks of
         * giji_utf8_invalid_offset); anything else is decoded below */
        while (n - i >= 4) {
            uint32_t v;
            memcpy(&v, s + i, 4);
            uint32_t t = v & 0x200Fu;
            if ((v & 0x00C0C0F0u) != 0x008080E0u || t == 0 || t == 0x200Du || (v & 0xFFFFFFu) == 0x8080E3u)
                break;
            i += 3;
        }
        if (i >= n)
            break;
#endif
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k) { cp = (unsigned char)s[i]; k = 1; }
        if (giji_cp_is_space(cp)) {
            memcpy(out + w, s + run, i - run);
            w += i - run;
            run = i + k;
        }
        i += k;
    }
    memcpy(out + w, s + run, n - run);
    w += n - run;
    out[w] = '\0';
    return out;
}

const char *giji_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}
