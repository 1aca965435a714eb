/* util/utf8.c — UTF-8 primitives (see utf8.h). */
#include "util/utf8.h"

#include <string.h>

size_t giji_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t giji_utf8_invalid_offset(const char *str, size_t n)
{
    /* Every document is checked twice (giji_decode, giji_doc_build) and
     * byte by byte with giji_utf8_decode this was 16 instructions per byte
     * (bench/README.md, ninth round). ASCII runs go eight bytes at a time
     * and a three-byte character (kana, kanji: most of the text) is checked
     * in line, with the same rules as giji_utf8_decode: two continuation
     * bytes, no overlong form (E0 80..9F), no surrogate (ED A0..BF). */
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            while (n - i >= 8) {
                uint64_t v;
                memcpy(&v, s + i, 8);
                if (v & 0x8080808080808080ull)
                    break;
                i += 8;
            }
            continue;
        }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* a run of three-byte characters, one load each: the lead E_ and
         * two continuation bytes (mask), then E0 needs c1 >= A0 and ED
         * c1 < A0 (bit 5 of c1 with the lead's low nibble) */
        while (n - i >= 4) {
            uint32_t w;
            memcpy(&w, s + i, 4);
            if ((w & 0x00C0C0F0u) != 0x008080E0u)
                break;
            uint32_t t = w & 0x200Fu;
            if (t == 0 || t == 0x200Du)
                return i;
            i += 3;
        }
        if (i >= n)
            break;
        c = s[i];
        if (c < 0x80)
            continue;
#endif
        if ((c & 0xF0) == 0xE0 && n - i >= 3) {
            /* v < 0x800 is E0 with c1 < A0; a surrogate is ED with c1 >= A0 */
            unsigned c1 = s[i + 1], c2 = s[i + 2], lo = c & 0x0F;
            if (((c1 ^ 0x80) | (c2 ^ 0x80)) >= 0x40 || (lo == 0 ? c1 < 0xA0 : lo == 0x0D && c1 >= 0xA0))
                return i;
            i += 3;
            continue;
        }
        uint32_t cp;
        size_t k = giji_utf8_decode(str + i, n - i, &cp);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

size_t giji_utf8_count(const char *s, size_t n)
{
    /* the bytes that are not continuation bytes (10xxxxxx), eight at a
     * time: bit 7 set and bit 6 clear in each byte, summed by a multiply */
    size_t count = n, i = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        uint64_t cont = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;
        count -= (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        count -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return count;
}

uint32_t giji_utf8_prev(const char *s, size_t end, size_t *start)
{
    if (end == 0) {
        if (start) *start = 0;
        return 0;
    }
    size_t i = end - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    uint32_t cp = 0;
    if (!giji_utf8_decode(s + i, end - i, &cp))
        cp = 0xFFFD;
    if (start) *start = i;
    return cp;
}

int giji_cp_is_kana_or_han(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) ||   /* hiragana, katakana */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK ext A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
           (cp >= 0xFF66 && cp <= 0xFF9F) ||   /* half-width katakana */
           (cp >= 0x20000 && cp <= 0x3FFFF) || /* ext B.. */
           cp == 0x3005 || cp == 0x3006 ||     /* 々 〆 */
           cp == 0x3013;                       /* 〓: a kanji a legacy character set lacked ("〓橋") */
}

int giji_cp_is_cjk(uint32_t cp)
{
    return giji_cp_is_kana_or_han(cp) ||
           (cp >= 0x3001 && cp <= 0x303F) ||   /* CJK punctuation (not U+3000) */
           (cp >= 0xFF01 && cp <= 0xFF65) ||   /* full-width forms */
           (cp >= 0x2460 && cp <= 0x24FF);     /* circled numbers */
}

int giji_cp_is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

int giji_cp_is_hiragana(uint32_t cp) { return cp >= 0x3041 && cp <= 0x309F; }

int giji_cp_is_kanji_digit(uint32_t cp)
{
    static const uint32_t k[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D,
                                 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++)
        if (cp == k[i])
            return 1;
    return 0;
}

int giji_cp_is_ascii_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

int giji_cp_is_word_glue(uint32_t cp)
{
    return cp == '/' || cp == 0xFF0F || cp == 0x30FB;
}
