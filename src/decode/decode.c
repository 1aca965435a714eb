/*
 * decode/decode.c — stage 1: the bytes of a minutes file -> UTF-8 text.
 *
 * Responsible for: rejecting what is not text (empty files, NUL bytes, lines
 * too long to be minutes) before any costly work, stripping a UTF-8 BOM,
 * converting UTF-16 (with a BOM, or recognised by where its NUL bytes are)
 * and CP932 or EUC-JP with glibc iconv when the bytes are not UTF-8,
 * and turning CRLF / lone CR into LF. Every error names the file and a byte
 * offset in the *input* bytes.
 * Not responsible for: Unicode normalisation or anything about what minutes
 * look like (normalize/, segment/), nor reading files (util/io).
 */
#include "giji/decode.h"
#include "util/error.h"
#include "util/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- cheap structural checks ------------------------------------------ */

enum problem_kind { PROBLEM_NONE = 0, PROBLEM_NUL, PROBLEM_LONG_LINE };

typedef struct text_problem {
    enum problem_kind kind;
    size_t offset;   /* NUL: its offset; long line: offset of the line's start */
    size_t line;     /* 1-based line number (CRLF, CR and LF each end a line) */
} text_problem;

/* One linear pass, no allocation: finds the first NUL byte or the first line
 * longer than GIJI_MAX_LINE_BYTES and stops there, so a huge file without
 * newlines fails after reading 1 MiB of it. Works on UTF-8, CP932 and EUC-JP
 * alike: none of them uses 0x00, 0x0A or 0x0D inside a multi-byte character. */
/* Does the word hold a byte 00, 0A or 0D? Exact (no false positive):
 * (x - 0x01…) & ~x & 0x80… is nonzero iff some byte of x is zero. */
static inline int has_nul_or_newline(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t a = v, b = v ^ (ones * '\n'), c = v ^ (ones * '\r');
    return (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) & highs ? 1 : 0;
}

static text_problem find_problem(const unsigned char *p, size_t n)
{
    text_problem pr = {PROBLEM_NONE, 0, 1};
    size_t line_start = 0;
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none of them is a NUL or a line end
         * and the line stays short of the limit at each of them: the same
         * answer as byte by byte, for fewer instructions (every
         * file is scanned so; bench/README.md, ninth round) */
        while (n - i >= 8 && i + 8 - line_start <= GIJI_MAX_LINE_BYTES) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            if (has_nul_or_newline(v))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = p[i];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
            line_start = i + 1;
            pr.line++;
            continue;
        }
        if (c == 0) {
            pr.kind = PROBLEM_NUL;
            pr.offset = i;
            return pr;
        }
        if (i - line_start >= GIJI_MAX_LINE_BYTES) {
            pr.kind = PROBLEM_LONG_LINE;
            pr.offset = line_start;
            return pr;
        }
    }
    return pr;
}

/* Offset in p[0..n) where 1-based line `line` starts (same line-end rules as
 * find_problem). Used to report problems of converted text in input bytes. */
static size_t line_start_offset(const unsigned char *p, size_t n, size_t line)
{
    size_t cur = 1;
    if (line <= 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != '\n' && p[i] != '\r')
            continue;
        if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
            i++;
        if (++cur == line)
            return i + 1;
    }
    return n;
}

/* Turn a found problem into the error. `raw`/`rawlen` are the input bytes;
 * when `converted` the problem's offsets are in converted text and are mapped
 * back to the input through the line number. */
static int report_problem(const char *name, text_problem pr, const unsigned char *raw,
                          size_t rawlen, int converted)
{
    size_t off = pr.offset;
    if (converted)
        off = line_start_offset(raw, rawlen, pr.line);
    if (pr.kind == PROBLEM_NUL)
        return giji_error_set(GIJI_EDECODE, "%s: byte %zu: NUL byte: binary data, not text",
                              name, off);
    return giji_error_set(GIJI_EDECODE,
                          "%s: byte %zu (line %zu): line longer than 1 MiB: not minutes text",
                          name, off, pr.line);
}

/* ---- small text helpers ------------------------------------------------ */

/* CRLF and lone CR -> LF, in place (the text can only shrink).
 * Returns 1 when any CR was seen. */
static int newlines_to_lf(char *s, size_t *len)
{
    size_t n = *len;
    /* nothing before the first CR changes (most files have none) */
    const char *cr = memchr(s, '\r', n);
    size_t w = cr ? (size_t)(cr - s) : n;
    int saw_cr = 0;
    for (size_t r = w; r < n; r++) {
        if (s[r] == '\r') {
            saw_cr = 1;
            if (r + 1 < n && s[r + 1] == '\n')
                r++;
            s[w++] = '\n';
        } else {
            s[w++] = s[r];
        }
    }
    s[w] = '\0';
    *len = w;
    return saw_cr;
}

/* 1 when s[0..n) (valid UTF-8) holds nothing but white space. */
static int only_white_space(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        if (!(giji_cp_is_space(cp) || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v'))
            return 0;
        i += k;
    }
    return 1;
}

/* How Japanese a UTF-8 text looks: hiragana plus common kanji. A wrong guess
 * between CP932 and EUC-JP produces half-width katakana and rare kanji
 * instead, so the right decoding scores higher. */
static size_t japanese_score(const char *s, size_t n)
{
    size_t score = 0, i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if ((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x4E00 && cp <= 0x9FFF))
            score++;
        i += k;
    }
    return score;
}

/* 1 when s[0..n) holds a C1 control (U+0080..U+009F): glibc's EUC-JP
 * decodes stray bytes 0x80..0x9F to them, which is how Shift_JIS text read
 * as EUC-JP usually looks. Real minutes never contain them. */
static int has_c1_control(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9F)
            return 1;
    return 0;
}

/* Of two decodings of the same bytes, is the first (CP932) the better one?
 * One with C1 controls loses to one without; otherwise the more Japanese
 * wins, the first on a tie. */
static int prefer_first(const char *a, size_t alen, const char *b, size_t blen)
{
    int ca = has_c1_control(a, alen), cb = has_c1_control(b, blen);
    if (ca != cb)
        return cb;
    return japanese_score(a, alen) >= japanese_score(b, blen);
}

/* ---- legacy encodings -------------------------------------------------- */

enum { CONVERT_OK = 0, CONVERT_FAILED = 1 };

/* Strictly convert in[0..n) from `from` to UTF-8 with iconv (no //IGNORE, no
 * //TRANSLIT: one undecodable byte means "not this encoding").
 * Returns CONVERT_OK with *out malloc'd (NUL-terminated; caller frees),
 * CONVERT_FAILED when the bytes are not in that encoding (or the converter is
 * missing), or GIJI_ENOMEM (last error set). */
static int convert_strict(const char *from, const unsigned char *in, size_t n, char **out,
                          size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return CONVERT_FAILED;
    /* Two legacy bytes become at most three UTF-8 bytes, except half-width
     * katakana (1 -> 3 in CP932); start at 1.5x and grow on E2BIG. */
    size_t cap = n + n / 2 + 16;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return GIJI_NOMEM();
    }
    char *inp = (char *)in;   /* iconv's prototype is not const-correct */
    size_t inleft = n, used = 0;
    int rc = CONVERT_OK;
    /* Both encodings are stateless, so no final flush call is needed. */
    while (inleft > 0) {
        char *outp = buf + used;
        size_t outleft = cap - used - 1;
        size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
        used = (size_t)(outp - buf);
        if (r != (size_t)-1)
            continue;           /* all input consumed */
        if (errno != E2BIG) {   /* EILSEQ, or EINVAL: truncated last character */
            rc = CONVERT_FAILED;
            break;
        }
        if (cap > SIZE_MAX / 2) {
            rc = GIJI_NOMEM();
            break;
        }
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            rc = GIJI_NOMEM();
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    iconv_close(cd);
    if (rc != CONVERT_OK) {
        free(buf);
        return rc;
    }
    buf[used] = '\0';
    *out = buf;
    *outlen = used;
    return CONVERT_OK;
}

/* Try CP932 and EUC-JP on bytes that are not UTF-8 and keep the more
 * Japanese-looking result (prefer_first; CP932 on a tie: it is what Windows
 * writes).
 * Returns CONVERT_OK with *out (caller frees) and *enc, CONVERT_FAILED when
 * neither converts, or GIJI_ENOMEM. */
static int convert_legacy(const unsigned char *in, size_t n, char **out, size_t *outlen,
                          giji_encoding *enc)
{
    char *sj = NULL, *eu = NULL;
    size_t sjlen = 0, eulen = 0;
    int rs = convert_strict("CP932", in, n, &sj, &sjlen);
    if (rs < 0)
        return rs;
    int re = convert_strict("EUC-JP", in, n, &eu, &eulen);
    if (re < 0) {
        free(sj);
        return re;
    }
    int use_sjis;
    if (rs == CONVERT_OK && re == CONVERT_OK)
        use_sjis = prefer_first(sj, sjlen, eu, eulen);
    else if (rs == CONVERT_OK || re == CONVERT_OK)
        use_sjis = rs == CONVERT_OK;
    else
        return CONVERT_FAILED;
    if (use_sjis) {
        free(eu);
        *out = sj;
        *outlen = sjlen;
        *enc = GIJI_ENC_CP932;
    } else {
        free(sj);
        *out = eu;
        *outlen = eulen;
        *enc = GIJI_ENC_EUCJP;
    }
    return CONVERT_OK;
}

/* ---- UTF-16 ------------------------------------------------------------ */

/* UTF-16 as Windows writes it ("Unicode" text, often with CRLF): little
 * endian with the BOM FF FE, or big endian with FE FF. Without a BOM, its
 * ASCII characters, line ends included, have a NUL byte on one side: text
 * whose NUL bytes sit mostly at odd offsets (little endian) or mostly at
 * even offsets (big endian), with at least one line end among them, is
 * taken for UTF-16 and must then convert without error. Any other NUL is
 * binary data.
 * Returns the encoding and sets *skip to the BOM's length, or returns
 * GIJI_ENC_UTF8 when the bytes are not UTF-16. */
static giji_encoding utf16_kind(const unsigned char *p, size_t n, size_t *skip)
{
    *skip = 0;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *skip = 2;
        return GIJI_ENC_UTF16LE;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *skip = 2;
        return GIJI_ENC_UTF16BE;
    }
    if (n < 4 || n % 2)
        return GIJI_ENC_UTF8;
    size_t nul[2] = {0, 0}, nl[2] = {0, 0};
    for (size_t i = 0; i + 1 < n; i += 2) {
        nul[0] += p[i] == 0;
        nul[1] += p[i + 1] == 0;
        nl[0] += p[i] == 0 && p[i + 1] == '\n';   /* big endian line end */
        nl[1] += p[i] == '\n' && p[i + 1] == 0;   /* little endian */
    }
    /* the other side has NULs too, from code points such as U+3000 and
     * U+4E00, but far fewer than ASCII gives this one */
    if (nl[1] && nul[1] > 2 * nul[0])
        return GIJI_ENC_UTF16LE;
    if (nl[0] && nul[0] > 2 * nul[1])
        return GIJI_ENC_UTF16BE;
    return GIJI_ENC_UTF8;
}

/* UTF-16 bytes after the BOM -> owned UTF-8 in *out, checked as UTF-8 input
 * is. A problem is reported by line: a byte offset of the UTF-8 would not be
 * one of the input, and the input's line ends are two bytes wide. */
static int from_utf16(const char *name, giji_encoding enc, const unsigned char *body, size_t n, size_t skip,
                      giji_text *out)
{
    int rc = convert_strict(enc == GIJI_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE", body, n, &out->text, &out->len);
    if (rc == CONVERT_FAILED)
        return giji_error_set(GIJI_EDECODE, "%s: byte %zu: UTF-16 (%s) that does not convert: an unpaired "
                              "surrogate or a cut last character", name, skip,
                              enc == GIJI_ENC_UTF16LE ? "little endian" : "big endian");
    if (rc < 0)
        return rc;
    out->encoding = enc;
    text_problem pr = find_problem((const unsigned char *)out->text, out->len);
    if (pr.kind != PROBLEM_NONE) {
        free(out->text);
        out->text = NULL;
        return giji_error_set(GIJI_EDECODE, "%s: line %zu: %s", name, pr.line,
                              pr.kind == PROBLEM_NUL ? "NUL character in UTF-16 text: binary data, not text"
                                                     : "line longer than 1 MiB: not minutes text");
    }
    return GIJI_OK;
}

/* ---- the stage --------------------------------------------------------- */

/* Produce owned UTF-8 text (not yet newline-normalised) from the bytes after
 * the BOM. `skip` is the BOM's length, so offsets in messages are input
 * offsets. */
static int to_utf8(const char *name, const unsigned char *bytes, size_t len, size_t skip,
                   giji_text *out)
{
    const unsigned char *body = bytes + skip;
    size_t n = len - skip;
    size_t bad = giji_utf8_invalid_offset((const char *)body, n);
    if (bad == n) {
        out->text = malloc(n + 1);
        if (!out->text)
            return GIJI_NOMEM();
        memcpy(out->text, body, n);
        out->text[n] = '\0';
        out->len = n;
        out->encoding = GIJI_ENC_UTF8;
        return GIJI_OK;
    }
    int rc = convert_legacy(body, n, &out->text, &out->len, &out->encoding);
    if (rc == CONVERT_FAILED)
        return giji_error_set(GIJI_EDECODE,
                              "%s: byte %zu: invalid UTF-8 and not CP932 or EUC-JP either",
                              name, skip + bad);
    if (rc < 0)
        return rc;
    /* The converted text gets the same checks as the input had. */
    text_problem pr = find_problem((const unsigned char *)out->text, out->len);
    if (pr.kind != PROBLEM_NONE) {
        report_problem(name, pr, bytes, len, 1);
        free(out->text);
        out->text = NULL;
        return GIJI_EDECODE;
    }
    return GIJI_OK;
}

int giji_decode(const char *name, const unsigned char *bytes, size_t len, giji_text *out)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return giji_error_set(GIJI_EDECODE, "%s: file is empty", name);
    giji_text t = {0};
    size_t skip = 0;
    int rc;
    /* UTF-16 has NUL bytes by nature: recognised before the checks that
     * take NUL for binary data, and checked after its conversion */
    giji_encoding wide = utf16_kind(bytes, len, &skip);
    if (wide != GIJI_ENC_UTF8) {
        t.had_bom = skip != 0;
        rc = from_utf16(name, wide, bytes + skip, len - skip, skip, &t);
    } else {
        /* Cheap checks first, before any copy or conversion. */
        text_problem pr = find_problem(bytes, len);
        if (pr.kind != PROBLEM_NONE)
            return report_problem(name, pr, bytes, len, 0);
        if (len >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            skip = 3;
        t.had_bom = skip != 0;
        rc = to_utf8(name, bytes, len, skip, &t);
    }
    if (rc != GIJI_OK)
        return rc;
    t.crlf = newlines_to_lf(t.text, &t.len);
    if (only_white_space(t.text, t.len)) {
        giji_text_free(&t);
        return giji_error_set(GIJI_EDECODE, "%s: file is empty", name);
    }
    *out = t;
    return GIJI_OK;
}

void giji_text_free(giji_text *t)
{
    if (!t)
        return;
    free(t->text);
    memset(t, 0, sizeof *t);
}

const char *giji_encoding_name(giji_encoding e)
{
    switch (e) {
    case GIJI_ENC_UTF8: return "UTF-8";
    case GIJI_ENC_CP932: return "CP932 (Shift_JIS)";
    case GIJI_ENC_EUCJP: return "EUC-JP";
    case GIJI_ENC_UTF16LE: return "UTF-16LE";
    case GIJI_ENC_UTF16BE: return "UTF-16BE";
    }
    return "unknown";
}
