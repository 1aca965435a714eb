/*
 * normalize/repair.c — undo the stray ASCII spaces PDF text extraction puts
 * into one line: inside acronyms ("KDD I", "(I T)", "G S O C") and between
 * Latin/digits and Japanese ("2020 年", "AI の", "平成 20 年度").
 * Not responsible for: joining lines (pagebreak.c), marks (doc.c), or any
 * other white space: tabs, U+3000 and spaces between two Japanese characters
 * (as in the name "菅 義偉") or two ASCII characters are real and stay.
 */
#include "giji/normalize.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* One decoded code point and where its bytes are. */
typedef struct cp_at {
    uint32_t cp;
    size_t off, len;
} cp_at;

/* Decode s[0..len) into an array (caller frees). Invalid bytes become
 * U+FFFD of length 1, so their bytes are still copied through unchanged. */
static cp_at *decode_all(const char *s, size_t len, size_t *n)
{
    /* not calloc: every entry read is written first (indices < *n), and
     * zeroing 24 bytes per input byte was a third of the repair's cost */
    cp_at *v = malloc((len + 1) * sizeof *v);
    if (!v) {
        GIJI_NOMEM();
        return NULL;
    }
    v[0] = (cp_at){0};   /* (for len 0; and for GCC, who cannot see the loop below write what is read) */
    size_t i = 0, k = 0;
    while (i < len) {
        uint32_t cp;
        size_t step = giji_utf8_decode(s + i, len - i, &cp);
        if (!step) {
            cp = 0xFFFD;
            step = 1;
        }
        v[k].cp = cp;
        v[k].off = i;
        v[k].len = step;
        k++;
        i += step;
    }
    *n = k;
    return v;
}

static int is_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static int is_letter(uint32_t c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

static int is_ascii_punct(uint32_t c)
{
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
           (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

/* ---- (a) spaces inside upper-case acronyms ----------------------------- */

/* A token is a maximal run of ASCII letters and digits. */
typedef struct token {
    size_t begin, end;   /* code point indices [begin, end) */
    int caps;            /* only upper-case letters */
} token;

static size_t token_end(const cp_at *v, size_t n, size_t i)
{
    while (i < n && (is_letter(v[i].cp) || is_digit(v[i].cp)))
        i++;
    return i;
}

static int all_upper(const cp_at *v, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!is_upper(v[i].cp))
            return 0;
    return 1;
}

/* Index of the next code point at or after i that is not an ASCII space. */
static size_t skip_spaces(const cp_at *v, size_t n, size_t i)
{
    while (i < n && v[i].cp == ' ')
        i++;
    return i;
}

/* Index of the nearest non-space code point before i, or n when none. */
static size_t prev_non_space(const cp_at *v, size_t n, size_t i)
{
    while (i > 0) {
        i--;
        if (v[i].cp != ' ')
            return i;
    }
    return n;
}

/* Mark for dropping the spaces of a run of upper-case tokens separated only
 * by spaces, e.g. "KDD I" or "G S O C". A gap closes only when one of its two
 * tokens is a single letter ("NTT DATA" stays), and only when the run is not
 * part of a longer Latin phrase: the nearest non-space characters around it
 * must not be ASCII letters ("Type A B", "USA I think" stay). */
static void mark_acronym_run(const cp_at *v, size_t n, const token *t, size_t nt,
                             unsigned char *drop)
{
    if (nt < 2)
        return;
    size_t before = prev_non_space(v, n, t[0].begin);
    size_t after = skip_spaces(v, n, t[nt - 1].end);
    if ((before < n && is_letter(v[before].cp)) || (after < n && is_letter(v[after].cp)))
        return;
    /* A letter alone at the line's end after a word ("（APEC T" / "EL）") may
     * be the start of a word the wrap cut: its space stays, and the join of
     * the wrapped lines (segment/) makes "APEC TEL" whole. Spaced letters
     * ("G S O C") are still closed up. */
    size_t last = nt - 1;
    int cut = after == n && t[last].end - t[last].begin == 1 && t[last - 1].end - t[last - 1].begin > 1;
    for (size_t k = 0; k + 1 < nt; k++) {
        int single = t[k].end - t[k].begin == 1 || t[k + 1].end - t[k + 1].begin == 1;
        if (!single || (cut && k + 1 == last))
            continue;
        for (size_t i = t[k].end; i < t[k + 1].begin; i++)
            drop[i] = 1;
    }
}

static void mark_acronyms(const cp_at *v, size_t n, unsigned char *drop)
{
    token run[64];
    size_t nt = 0, i = 0;
    while (i < n) {
        if (!(is_letter(v[i].cp) || is_digit(v[i].cp))) {
            i++;
            continue;
        }
        token t = {i, token_end(v, n, i), 0};
        t.caps = all_upper(v, t.begin, t.end);
        /* Does t continue the current run (only spaces since its last token)? */
        int continues = nt > 0 && t.caps && t.begin > run[nt - 1].end &&
                        skip_spaces(v, n, run[nt - 1].end) == t.begin;
        if (!continues || nt == sizeof run / sizeof run[0]) {
            /* A full buffer ends the run early; its bounds then touch a
             * letter, so an absurdly long run is left alone. */
            mark_acronym_run(v, n, run, nt, drop);
            nt = 0;
        }
        if (t.caps)
            run[nt++] = t;
        i = t.end;
    }
    mark_acronym_run(v, n, run, nt, drop);
}

/* ---- (b) spaces between Latin and Japanese ----------------------------- */

static int is_latin_side(uint32_t c)
{
    return giji_cp_is_ascii_alnum(c) || is_ascii_punct(c);
}

/* Length in code points of a leading enumerator ("1", "12.", "3)", "(4)")
 * that is followed by a space, or 0. The space after it separates a section
 * number from its title ("1 日時") and is kept for segment/. */
static size_t leading_enumerator(const cp_at *v, size_t n)
{
    size_t i = 0;
    int paren = n > 0 && v[0].cp == '(';
    if (paren)
        i++;
    size_t d = i;
    while (i < n && is_digit(v[i].cp) && i - d < 3)
        i++;
    if (i == d || i - d > 2)
        return 0;
    if (paren) {
        if (i >= n || v[i].cp != ')')
            return 0;
        i++;
    } else if (i < n && (v[i].cp == '.' || v[i].cp == ')')) {
        i++;
    }
    return i < n && v[i].cp == ' ' ? i : 0;
}

static void mark_latin_cjk(const cp_at *v, size_t n, unsigned char *drop)
{
    size_t keep_from = leading_enumerator(v, n);
    size_t i = 0;
    while (i < n) {
        if (v[i].cp != ' ') {
            i++;
            continue;
        }
        size_t b = i, e = skip_spaces(v, n, i);
        i = e;
        if (b == 0 || e == n || b == keep_from)
            continue;
        uint32_t l = v[b - 1].cp, r = v[e].cp;
        if ((is_latin_side(l) && giji_cp_is_cjk(r)) || (giji_cp_is_cjk(l) && is_latin_side(r)))
            for (size_t k = b; k < e; k++)
                drop[k] = 1;
    }
}

/* "議 長　石 田 　 和 也　内 閣 官 房 長 官", "【 石 田 議 長 】": a PDF set
 * with character spacing, extracted with a space between the characters.
 * A line is letter-spaced when most of its wide characters are followed by
 * one ASCII space and then another wide character (four at least); there
 * every ASCII space between two wide characters (or an ideographic space,
 * which keeps the cells apart) goes. A name written "石田 和也" has one such
 * space among many characters and is left alone. */
static void mark_letter_spacing(const cp_at *v, size_t n, unsigned char *drop)
{
    size_t wide = 0, spaced = 0;
    for (size_t i = 0; i < n; i++) {
        if (!giji_cp_is_cjk(v[i].cp) || v[i].cp == 0x3000)
            continue;
        wide++;
        if (i + 2 < n && v[i + 1].cp == ' ' && giji_cp_is_cjk(v[i + 2].cp))
            spaced++;
    }
    if (spaced < 4 || spaced * 10 < wide * 6)
        return;
    for (size_t i = 0; i < n; i++) {
        if (v[i].cp != ' ')
            continue;
        size_t a = i, b = i;
        while (a > 0 && v[a - 1].cp == ' ')
            a--;
        while (b + 1 < n && v[b + 1].cp == ' ')
            b++;
        if (a > 0 && b + 1 < n && giji_cp_is_cjk(v[a - 1].cp) && giji_cp_is_cjk(v[b + 1].cp))
            drop[i] = 1;
    }
}

char *giji_repair_spaces(const char *s, size_t len)
{
    /* Only ASCII spaces are ever dropped (both passes mark spaces alone):
     * a line without one is copied as it is, without decoding it. Most
     * lines of Japanese minutes have none. */
    if (!memchr(s, ' ', len)) {
        char *out = malloc(len + 1);
        if (!out) {
            GIJI_NOMEM();
            return NULL;
        }
        memcpy(out, s, len);
        out[len] = '\0';
        return out;
    }
    size_t n = 0;
    cp_at *v = decode_all(s, len, &n);
    if (!v)
        return NULL;
    unsigned char *drop = calloc(n + 1, 1);
    char *out = malloc(len + 1);
    if (!drop || !out) {
        free(v);
        free(drop);
        free(out);
        GIJI_NOMEM();
        return NULL;
    }
    mark_acronyms(v, n, drop);
    mark_latin_cjk(v, n, drop);
    mark_letter_spacing(v, n, drop);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (drop[i])
            continue;
        memcpy(out + w, s + v[i].off, v[i].len);
        w += v[i].len;
    }
    out[w] = '\0';
    free(v);
    free(drop);
    return out;
}
