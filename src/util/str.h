/*
 * util/str.h — small string helpers shared by every stage.
 * Every function returning char* allocates; the caller frees with free().
 * They return NULL only when out of memory (last error set).
 */
#ifndef GIJI_UTIL_STR_H
#define GIJI_UTIL_STR_H

#include <stddef.h>

char *giji_strdup(const char *s);
char *giji_strndup(const char *s, size_t n);
/* Does s start with prefix? Inline, and byte by byte: segmentation asks
 * it hundreds of thousands of times per MB (headings, titles, names
 * against each line), nearly always answered by the first byte or two,
 * where strlen and strncmp cost a call each (bench/README.md, ninth
 * round). The same answer as strncmp(s, prefix, strlen(prefix)) == 0. */
static inline int giji_str_starts(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (*s != *prefix)
            return 0;
    return 1;
}
int giji_str_ends(const char *s, const char *suffix);
/* A match key without the note in brackets at its end, closed or cut off
 * ("農林水産大臣(副議長)", "外務副大臣(外務大臣" -> 農林水産大臣, 外務副大臣),
 * copied into buf (cap bytes); NULL when it has none, or it is all note, or
 * buf is too small. Keys are NFKC, so brackets are ASCII. */
const char *giji_key_without_note(const char *key, char *buf, size_t cap);
/* Byte range of s[0..n) without leading/trailing white space (ASCII and U+3000). */
void giji_str_trim_range(const char *s, size_t n, size_t *begin, size_t *end);
/* Copy with every white space character (ASCII, U+3000, NBSP) removed. */
char *giji_str_nospace(const char *s);
/* Base name of a path (points into `path`). */
const char *giji_path_base(const char *path);

#endif
