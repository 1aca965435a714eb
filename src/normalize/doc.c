/*
 * normalize/doc.c — decoded text -> giji_doc, the list of logical lines.
 *
 * Responsible for: splitting into source lines, noting blank lines and
 * markdown hard breaks, dropping page numbers ("－ 2 －", "- 3 -", "4/12") and
 * the title repeated as a running header at the top of a page (they count
 * as blank lines, so a paragraph split by them is still joined),
 * decoding HTML references (html.c), folding invisible characters (invisible.c), stripping markdown heading marks ('#') and bullet marks (- ・ ○ ● ...) into fields, repairing stray spaces (repair.c),
 * joining page-break splits (pagebreak.c) and computing each line's NFKC.
 * Not responsible for: what a line means — speaker, section, attendee —
 * which is segment/'s job.
 */
#define _GNU_SOURCE /* memmem */
#include "giji/normalize.h"
#include "normalize/internal.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Decode the code point at s[i..n), 0 at the end (the text is valid UTF-8,
 * checked on entry). *k gets its byte length. */
static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *k)
{
    uint32_t cp = 0;
    *k = i < n ? giji_utf8_decode(s + i, n - i, &cp) : 0;
    if (i < n && !*k) {
        cp = 0xFFFD;
        *k = 1;
    }
    return cp;
}

static int is_mark_space(uint32_t cp) { return giji_cp_is_space(cp); }

static int is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0xFF0D || cp == 0x2212 /* − */ || cp == 0x2010 || cp == '*';
}


/* Kanji digits but 〇: "〇一" is a number, not a circle mark and a word. */
static int is_kanji_numeral(uint32_t cp)
{
    return cp != 0x3007 && giji_cp_is_kanji_digit(cp);
}

/* ---- heading and bullet marks ------------------------------------------ */

/* Number of leading '#' when they form a markdown heading (1..6 of them,
 * then white space or the end); 0 otherwise. *skip gets the bytes to drop
 * (marks and the spaces after them). */
static unsigned heading_level(const char *s, size_t n, size_t *skip)
{
    size_t i = 0;
    while (i < n && s[i] == '#')
        i++;
    *skip = 0;
    if (i == 0 || i > 6)
        return 0;
    size_t k, j = i;
    uint32_t cp = cp_at(s, n, j, &k);
    if (j < n && !is_mark_space(cp))
        return 0;   /* "#1" or "#hashtag" is text */
    while (j < n && is_mark_space(cp_at(s, n, j, &k)))
        j += k;
    *skip = j;
    return (unsigned)i;
}

/* The bullet class of the mark at s[i] (`first` when nothing was stripped
 * yet), or 0 when the character there is text. */
static unsigned mark_class(const char *s, size_t n, size_t i, int first)
{
    size_t k, k2;
    uint32_t cp = cp_at(s, n, i, &k);
    uint32_t next = cp_at(s, n, i + k, &k2);
    if (is_dash(cp)) {
        /* "-5", "--", "**bold**" are text; a dash needs a space or a
         * Japanese character after it. "－ 以上 －" (a closing ornament:
         * a line that starts and ends with a dash) is text too. */
        /* a full-width or minus dash before a Latin word is a bullet too
         * ("−OECDの…"); before a digit it is a sign ("−5") */
        int latin = cp >= 0x80 && giji_cp_is_ascii_alnum(next) && !(next >= '0' && next <= '9');
        if (!(is_mark_space(next) || next >= 0x80 || latin))
            return 0;
        size_t st;
        if (first && is_dash(giji_utf8_prev(s, n, &st)) && st > i)
            return 0;
        return GIJI_MARK_DASH;
    }
    if (cp == 0x30FB || cp == 0x2022 || cp == 0x00B7 || cp == 0xFF65)
        return GIJI_MARK_DOT;
    /* "→（資源エネルギー庁）…": an answer under an opinion, a line's mark
     * when a word or bracket follows it */
    if ((cp == 0x2192 || cp == 0x21D2) && first && (is_mark_space(next) || next >= 0x3000))
        return GIJI_MARK_DASH;
    if (cp == 0x25CB || cp == 0x25EF)
        return GIJI_MARK_CIRCLE;
    if (cp == 0x3007) {
        /* '〇' is also the kanji zero: a mark only in front of a speaker
         * "〇（…）" or a word (not a kanji numeral: "〇一"), and only as the
         * very first character. */
        int word = (giji_cp_is_han(next) && !is_kanji_numeral(next)) ||
                   (next >= 0x3041 && next <= 0x30FA) || giji_cp_is_ascii_alnum(next) ||
                   (next >= 0xFF21 && next <= 0xFF5A);   /* kana, letters: "〇デジタル技術は…" */
        return first && (next == 0xFF08 || next == '(' || word) ? GIJI_MARK_CIRCLE : 0;
    }
    if (cp == 0x25CF || cp == 0x25CE || cp == 0x25C6 || cp == 0x25A0 || cp == 0x25A1 ||
        cp == 0x25C7 || cp == 0x25AA)
        return GIJI_MARK_BLACK;
    return 0;
}

/* Does s start with 〇 and a counter or unit ("〇年度", "〇万人", "〇円")? */
static int zero_before_counter(const char *s, size_t n)
{
    static const char counters[] = "年月日時分秒円人件名歳回号条割倍万億兆千百十％%";
    size_t k, k2;
    if (cp_at(s, n, 0, &k) != 0x3007)
        return 0;
    uint32_t next = cp_at(s, n, k, &k2);
    char enc[5] = {0};
    if (!next)
        return 0;
    giji_utf8_encode(next, enc);
    return strstr(counters, enc) != NULL;
}

/* Strip bullet marks (each followed by optional spaces) from the front of
 * s[0..n). Returns the GIJI_MARK_* bits; *skip gets the bytes stripped.
 * Marks with nothing after them are text ("・" alone stays a line "・").
 * After a line wrapped at the full width (`wrapped`), a middle dot between
 * two words is the name's own ("…トランジション" / "・ファイナンス…"). */
static unsigned strip_marks(const char *s, size_t n, int wrapped, size_t *skip)
{
    unsigned marks = 0;
    size_t i = 0, k;
    for (;;) {
        unsigned m = mark_class(s, n, i, i == 0);
        if (!m)
            break;
        /* "…二〇三" / "〇年度までに…": 〇 before a counter is the zero of a
         * number (the wrap cut it), never a bullet */
        if (i == 0 && m == GIJI_MARK_CIRCLE && zero_before_counter(s, n))
            break;
        if (i == 0 && m == GIJI_MARK_DOT && wrapped) {
            size_t k2;
            cp_at(s, n, 0, &k2);
            uint32_t next = cp_at(s, n, k2, &k);
            if (giji_cp_is_kana_or_han(next) || giji_cp_is_ascii_alnum(next))
                break;
        }
        cp_at(s, n, i, &k);
        i += k;
        while (i < n && is_mark_space(cp_at(s, n, i, &k)))
            i += k;
        marks |= m;
    }
    if (i >= n) {
        *skip = 0;
        return 0;
    }
    *skip = i;
    return marks;
}

/* ---- building lines ---------------------------------------------------- */

typedef struct line_vec {
    giji_line *v;
    size_t n, cap;
} line_vec;

static int line_push(line_vec *lv, const giji_line *l)
{
    if (lv->n == lv->cap) {
        size_t cap = lv->cap ? lv->cap * 2 : 64;
        giji_line *p = realloc(lv->v, cap * sizeof *p);
        if (!p)
            return GIJI_NOMEM();
        lv->v = p;
        lv->cap = cap;
    }
    lv->v[lv->n++] = *l;
    return GIJI_OK;
}

/* A markdown hard break: the source line ends in two or more ASCII spaces. */
static int ends_in_hard_break(const char *s, size_t n)
{
    return n >= 2 && s[n - 1] == ' ' && s[n - 2] == ' ';
}

/* Make the logical line of the non-blank source line s[0..n) (no newline).
 * The line's text is malloc'd (freed with the doc). */
static int make_line(const char *s, size_t n, unsigned lineno, int blank_before, int wrapped,
                     giji_line *out)
{
    memset(out, 0, sizeof *out);
    out->lineno = out->last_lineno = lineno;
    out->blank_before = (unsigned char)blank_before;
    out->lead_space = (unsigned char)(n > 0 && s[0] == ' ');
    out->hard_break = (unsigned char)ends_in_hard_break(s, n);
    size_t b, e, skip;
    giji_str_trim_range(s, n, &b, &e);
    out->heading = (unsigned char)heading_level(s + b, e - b, &skip);
    b += skip;
    out->marks = (unsigned char)strip_marks(s + b, e - b, wrapped, &skip);
    if (out->marks) {
        size_t k;
        out->mark_cp = cp_at(s + b, e - b, 0, &k);
    }
    out->wrapped = (unsigned char)wrapped;
    b += skip;
    out->text = giji_repair_spaces(s + b, e - b);
    return out->text ? GIJI_OK : GIJI_ENOMEM;
}

static int is_blank(const char *s, size_t n)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    return b == e;
}

static int is_page_dash(uint32_t cp)
{
    return cp == '-' || cp == 0xFF0D /* － */ || cp == 0x2212 /* − */ || cp == 0x2010 /* ‐ */ ||
           cp == 0x2013 /* – */ || cp == 0x2014 /* — */ || cp == 0x2015 /* ― */;
}

/* A page number that PDF extraction left on a line of its own: a number of
 * at most four digits between dashes ("－ 2 －", "-3-") or "N/M". A bare
 * number is not one: it may be an agenda item or a table's cell. */
static int is_page_number(const char *s, size_t n)
{
    size_t i = 0;
    int dashes = 0, digits = 0, slash = 0, after = 0, word = 0;
    /* "Page 2 / 3", "page 4", "P. 5": the English word before the number */
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    static const char *const words[] = {"Page ", "page ", "PAGE ", "P. ", "p. "};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (e - b > strlen(words[w]) && !strncmp(s + b, words[w], strlen(words[w]))) {
            i = b + strlen(words[w]);
            word = 1;
            break;
        }
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
        if (giji_cp_is_space(cp))
            continue;
        if (is_page_dash(cp)) {
            /* "- 3 -", "- 1 / 5 -": dashes around the number, not inside */
            if ((slash && !dashes) || (digits && after))
                return 0;
            dashes += digits ? 0 : 1;
            after += digits ? 1 : 0;
        } else if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) {
            if (after || ++digits > 8)
                return 0;
        } else if ((cp == '/' || cp == 0xFF0F) && digits && !slash && !after) {
            slash = digits;
        } else {
            return 0;
        }
    }
    if (word)   /* "Page 2 / 3": the word, then the number, no dashes */
        return digits >= 1 && !dashes && (slash ? digits > slash && slash <= 4 && digits - slash <= 4 : digits <= 4);
    if (slash)
        return digits > slash && slash <= 4 && digits - slash <= 4 && (dashes ? after : 1);
    return digits >= 1 && digits <= 4 && dashes && after;
}

/* Bytes of the source line at s, up to the newline or `end`. */
static size_t next_line_len(const char *s, const char *end)
{
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    return (size_t)((nl ? nl : end) - s);
}

/* A bare number of 1 to 3 digits alone on a line ("2"): a page number
 * only where it cuts a wrapped sentence (split_lines). */
static int is_bare_number(const char *s, size_t n)
{
    size_t i = 0;
    int digits = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = giji_utf8_decode(s + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
        if (giji_cp_is_space(cp))
            continue;
        if (!((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19)) || ++digits > 3)
            return 0;
    }
    return digits > 0;
}

/* Columns of the run of ASCII letters and digits a line starts with
 * (after white space), at least 1. */
static unsigned lead_alnum_columns(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    unsigned c = 0;
    while (i + c < n && giji_cp_is_ascii_alnum((unsigned char)s[i + c]))
        c++;
    return c ? c : 1;
}

/* Does the source line at s[0..n) start with a word character (kana, kanji,
 * a letter or digit), as the rest of a wrapped sentence does? */
static int starts_word(const char *s, size_t n)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    uint32_t cp = 0;
    if (b == e || !giji_utf8_decode(s + b, e - b, &cp))
        return 0;
    return giji_cp_is_kana_or_han(cp) || giji_cp_is_ascii_alnum(cp) || (cp >= 0xFF10 && cp <= 0xFF5A);
}

/* Does the first line of text from s on (blank lines skipped, up to end)
 * start with a word character? */
static int next_starts_word(const char *s, const char *end)
{
    while (s < end) {
        size_t n = next_line_len(s, end);
        if (!is_blank(s, n))
            return starts_word(s, n);
        s += n + 1;
    }
    return 0;
}

/* Is everything in s[0..end) blank (the text ends here)? */
static int rest_blank(const char *s, const char *end)
{
    while (s < end) {
        size_t n = next_line_len(s, end);
        if (!is_blank(s, n))
            return 0;
        s += n + 1;
    }
    return 1;
}

/* Does s[0..n) hold a page number's digit and no sentence (。、)? */
static int header_rest(const char *s, size_t n, int *digit)
{
    size_t i = 0, k, cps = 0;
    while (i < n) {
        uint32_t cp = cp_at(s, n, i, &k);
        if (cp == 0x3002 || cp == 0x3001)
            return 0;
        if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
            *digit = 1;
        i += k;
        cps++;
    }
    return cps <= 40;
}

/* Is s[0..n) the first line again, trimmed: a running header that PDF
 * extraction left at the top of a page ("…会議（第27回）議事要旨")? Also
 * with the page number, the date and a tag around it ("２　第二百二十一回国会
 * 参議院　厚生労働委員会会議録第十二号　令和八年五月十四日　【参議院】"), when
 * the title is long enough (ten characters) not to be a heading's word. */
static int is_running_header(const char *s, size_t n, const char *first, size_t first_n)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    if (!first || e - b < first_n)
        return 0;
    if (e - b == first_n)
        return !memcmp(s + b, first, first_n);
    if (giji_utf8_count(first, first_n) < 10)
        return 0;
    const char *at = memmem(s + b, e - b, first, first_n);
    int digit = 0;
    return at && header_rest(s + b, (size_t)(at - (s + b)), &digit) &&
           header_rest(at + first_n, (size_t)(s + e - (at + first_n)), &digit) && digit;
}

/* a running header has ten characters or more; at most this many numbered
 * lines are compared for recurring headers */
enum { HEADER_MIN_CPS = 10, HEADER_MAX_LINES = 4096 };

/* Is s[0..n), trimmed, a title written on two lines at the top, now on one
 * line as a running header ("情報セキュリティ政策会議（第9回）議事録")? */
static int title_again(const char *s, size_t n, const char *first, size_t first_n, const char *second,
                       size_t second_n)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    return first && second && e - b == first_n + second_n && giji_utf8_count(first, first_n) >= HEADER_MIN_CPS &&
           !memcmp(s + b, first, first_n) && !memcmp(s + b + first_n, second, second_n);
}

/* ---- running headers with a page number -------------------------------
 *
 * "二　　　衆議院会議録第十八号　令和七年四月八日", then "…　　　三": the
 * record's name and date at the top of each page, the page number on one
 * side. Such a line is known by recurring: the same words (ten characters
 * or more, no sentence) with a different number at the same end on two
 * lines or more. An agenda item repeated as a heading ("１　…について")
 * keeps its number, so it is not taken. A header without a number of its
 * own is known by standing right after a page number, twice or more. */

typedef struct numbered {
    const char *body, *num;   /* the words and the number, in the text */
    size_t body_n, num_n;
    int after_page;           /* right after a page number (num_n 0: no number of its own) */
    int header;               /* the words recur with another number, or after another page */
} numbered;

typedef struct numbered_vec {
    numbered *v;
    size_t n, cap;
} numbered_vec;


static int is_numeral(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || giji_cp_is_kanji_digit(cp);
}

/* Set out's number to num[0..num_n) and its words to words[0..wn), trimmed. */
static void set_numbered(numbered *out, const char *num, size_t num_n, const char *words, size_t wn)
{
    size_t wb, we;
    giji_str_trim_range(words, wn, &wb, &we);
    out->num = num;
    out->num_n = num_n;
    out->body = words + wb;
    out->body_n = we - wb;
}

/* The number and words of the trimmed line s[0..n) when it is a number,
 * white space and words, or words, white space and a number; 0 if not. */
static int split_numbered(const char *s, size_t n, numbered *out)
{
    size_t b, e, k, i;
    giji_str_trim_range(s, n, &b, &e);
    if (e - b < 3 * HEADER_MIN_CPS)
        return 0;
    /* the number in front */
    for (i = b; i < e && is_numeral(cp_at(s, e, i, &k));)
        i += k;
    if (i > b && i < e && giji_cp_is_space(cp_at(s, e, i, &k))) {
        set_numbered(out, s + b, i - b, s + i, e - i);
    } else {
        /* the number at the end */
        size_t j = e, pb;
        while (j > b && is_numeral(giji_utf8_prev(s + b, j - b, &pb)))
            j = b + pb;
        if (j == e || j == b || !giji_cp_is_space(giji_utf8_prev(s + b, j - b, NULL)))
            return 0;
        set_numbered(out, s + j, e - j, s + b, j - b);
    }
    out->header = 0;
    return giji_utf8_count(out->body, out->body_n) >= HEADER_MIN_CPS && !memmem(out->body, out->body_n, "。", 3);
}

/* The numbered lines of the text whose words recur with another number,
 * as `header` in *out (freed by the caller). */
static int find_numbered_headers(const char *utf8, size_t len, numbered_vec *out)
{
    out->v = NULL;
    out->n = out->cap = 0;
    int after_page = 0;
    for (size_t pos = 0; pos < len && out->n < HEADER_MAX_LINES;) {
        const char *nl = memchr(utf8 + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - utf8) : len;
        numbered c;
        int found = split_numbered(utf8 + pos, end - pos, &c);
        if (!found && after_page) {
            set_numbered(&c, NULL, 0, utf8 + pos, end - pos);
            c.header = 0;
            found = giji_utf8_count(c.body, c.body_n) >= HEADER_MIN_CPS && !memmem(c.body, c.body_n, "。", 3);
        }
        if (!is_blank(utf8 + pos, end - pos))
            after_page = is_page_number(utf8 + pos, end - pos);
        if (found) {
            c.after_page = c.num_n == 0;
            if (giji_array_grow(&out->v, &out->cap, out->n, sizeof *out->v))
                return GIJI_ENOMEM;
            out->v[out->n++] = c;
        }
        pos = end + 1;
    }
    for (size_t i = 0; i < out->n; i++)
        for (size_t j = i + 1; j < out->n; j++) {
            numbered *a = &out->v[i], *b = &out->v[j];
            if (a->body_n == b->body_n && !memcmp(a->body, b->body, a->body_n) &&
                ((a->after_page && b->after_page) ||
                 (a->num_n && b->num_n && (a->num_n != b->num_n || memcmp(a->num, b->num, a->num_n) != 0))))
                a->header = b->header = 1;
        }
    return GIJI_OK;
}

/* Is the source line at s one of the recurring numbered headers? */
static int is_numbered_header(const numbered_vec *h, const char *s, size_t n)
{
    for (size_t i = 0; i < h->n; i++)
        if (h->v[i].header && h->v[i].body >= s && h->v[i].body < s + n)
            return 1;
    return 0;
}

/* ---- footnotes and ruby ------------------------------------------------ */

/* Does the trimmed line s[0..n) start with a footnote's mark, "※1" and
 * white space (or "※１")? */
static int footnote_start(const char *s, size_t n)
{
    size_t b, e, k, i;
    giji_str_trim_range(s, n, &b, &e);
    if (e - b < 6 || memcmp(s + b, "※", 3) != 0)
        return 0;
    i = b + 3;
    size_t digits = 0;
    uint32_t cp;
    while (i < e && (((cp = cp_at(s, e, i, &k)) >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))) {
        i += k;
        digits++;
    }
    return digits && i < e && giji_cp_is_space(cp_at(s, e, i, &k));
}

/* Does s[0..n) start with white space (an indented line)? */
static int indented(const char *s, size_t n)
{
    size_t k;
    return n && giji_cp_is_space(cp_at(s, n, 0, &k));
}

/* The footnotes at the foot of a page: "※1　…" lines (and the indented
 * lines that go on with them) with nothing after them but the page number
 * or the text's end. Returns the bytes from s to the end of the last
 * footnote line (0: s starts no such block), so that they are read as the
 * page's furniture and the text around them joins as across a page break. */
static size_t footnote_block(const char *s, const char *end)
{
    const char *p = s;
    size_t last = 0;
    int any = 0;
    while (p < end) {
        size_t n = next_line_len(p, end);
        if (is_blank(p, n)) {
            p += n + 1;
            continue;
        }
        if (any && is_page_number(p, n))
            return last;
        if (footnote_start(p, n))
            any = 1;
        else if (!any || !indented(p, n))
            return 0;
        p += n + 1;
        last = (size_t)(p - s);
    }
    return any ? (size_t)(end - s) : 0;
}

/* A line of ruby: the reading PDF extraction put on a line of its own
 * above a hard word ("　　　　　せきれい"), indented, two to ten hiragana. */
static int is_ruby(const char *s, size_t n)
{
    if (!indented(s, n))
        return 0;
    size_t b, e, k, kana = 0;
    giji_str_trim_range(s, n, &b, &e);
    for (size_t i = b; i < e; i += k) {
        uint32_t cp = cp_at(s, e, i, &k);
        if (cp < 0x3041 || cp > 0x3096)
            return 0;
        kana++;
    }
    return kana >= 2 && kana <= 10;
}

/* ---- fixed-width wraps ------------------------------------------------- */


/* Display columns of s[0..n): two for East Asian wide and full-width
 * characters, one for the rest. */
static unsigned columns(const char *s, size_t n)
{
    unsigned c = 0;
    size_t i = 0, k;
    while (i < n) {
        /* ASCII, and kana and kanji (U+3000..U+9FFF, leads E3..E9: all in
         * the wide range below), without decoding: every line's width is
         * measured, twice (bench/README.md, ninth round) */
        unsigned char b0 = (unsigned char)s[i];
        if (b0 < 0x80) {
            c++;
            i++;
            continue;
        }
        if (b0 >= 0xE3 && b0 <= 0xE9 && n - i >= 3 && ((unsigned char)s[i + 1] & 0xC0) == 0x80 &&
            ((unsigned char)s[i + 2] & 0xC0) == 0x80) {
            c += 2;
            i += 3;
            continue;
        }
        uint32_t cp = cp_at(s, n, i, &k);
        i += k;
        /* East Asian wide and full-width, and the ambiguous characters a
         * Japanese text sets full-width too: ① Ⅰ № ※ ○ △ × → … ‐ */
        int wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                   (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2160 && cp <= 0x217F) || cp == 0x2116 ||
                   cp == 0x203B || (cp >= 0x25A0 && cp <= 0x25FF) || (cp >= 0x2600 && cp <= 0x26FF) ||
                   cp == 0x00D7 || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2010 && cp <= 0x2027) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        c += wide ? 2 : 1;
    }
    return c;
}

/* Columns of the source line s[0..n) without the white space at its end. */
static unsigned line_columns(const char *s, size_t n)
{
    size_t b, e;
    giji_str_trim_range(s, n, &b, &e);
    return columns(s, e);
}

enum { WRAP_MIN = 20, WRAP_MAX = 512, WRAP_MIN_LINES = 6 };

/* The width, in columns, at which PDF extraction wrapped the text: the most
 * common width of the lines of WRAP_MIN columns or more, when it (with the
 * width one column less: a wide character does not fit in one column left)
 * holds at least a fifth of them and WRAP_MIN_LINES lines (a few lines of
 * one width happen by chance); 0 when no width does, as in text with one
 * paragraph per line. */
static unsigned wrap_width(const char *utf8, size_t len)
{
    unsigned *count = calloc(WRAP_MAX + 1, sizeof *count);
    if (!count)
        return 0;
    unsigned long lines = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(utf8 + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - utf8) : len;
        unsigned c = line_columns(utf8 + pos, end - pos);
        if (c >= WRAP_MIN && c <= WRAP_MAX) {
            count[c]++;
            lines++;
        }
        pos = end + 1;
    }
    unsigned best = 0;
    for (unsigned c = WRAP_MIN; c <= WRAP_MAX; c++)
        if (count[c] && count[c] >= count[best])
            best = c;
    unsigned long held = best ? count[best] + count[best - 1] : 0;
    free(count);
    return held >= WRAP_MIN_LINES && held * 5 >= lines ? best : 0;
}

/* ---- a page copied without its line breaks ------------------------------
 *
 * A web page copied by a tool that dropped the line breaks gives a few
 * very long lines: the whole header on one, a whole discussion with its
 * 【…】 turns on another ("…と考える。 【佐藤委員】 …"). Such a line is cut,
 * where a space (or a sentence's end) stands before a label, a numbered
 * heading ("２．場所", "（2）意見交換"), a group's word in brackets
 * ("（有識者）") or an end mark ("以上"), into lines
 * that keep its line number: provenance stays the file's line. Only lines
 * longer than FLAT_MIN_BYTES (900: a paragraph a line, as the synthetic
 * corpus and transcripts write, stays under it and is not even scanned;
 * at 300 the scan cost giji_doc_build +15% of its instructions) with at
 * least FLAT_MIN_CUTS such places. */
#define FLAT_MIN_BYTES 900
#define FLAT_MIN_CUTS 2

static int is_gap(uint32_t cp) { return cp == ' ' || cp == 0x3000; }
static int ascii_or_wide_digit(uint32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

/* Does a heading, label or end mark start at s[i..n) (after a gap)? */
static int flat_cut_at(const char *s, size_t n, size_t i)
{
    size_t k;
    uint32_t cp = cp_at(s + i, n - i, 0, &k), c2;
    if (cp == 0x3010)                                   /* 【 */
        return 1;
    if (ascii_or_wide_digit(cp)) {                      /* ２．場所 */
        size_t j = i + k, kk;
        if (j < n && ascii_or_wide_digit(cp_at(s + j, n - j, 0, &kk)))
            j += kk;
        c2 = j < n ? cp_at(s + j, n - j, 0, &kk) : 0;
        if (c2 != 0xFF0E && c2 != '.')
            return 0;
        j += kk;
        uint32_t c3 = j < n ? cp_at(s + j, n - j, 0, &kk) : 0;
        return c3 && !ascii_or_wide_digit(c3) && !is_gap(c3);
    }
    if (cp == 0xFF08 || cp == '(') {                    /* （2）意見交換 */
        size_t j = i + k, kk, d = 0;
        while (j < n && d < 2 && is_numeral(c2 = cp_at(s + j, n - j, 0, &kk)))
            j += kk, d++;
        if (d && j < n && ((c2 = cp_at(s + j, n - j, 0, &kk)) == 0xFF09 || c2 == ')'))
            return 1;
        /* "　（有識者）　平野 …": a group's word alone in brackets, a gap after */
        j = i + k, d = 0;
        while (j < n && d <= 6 && (c2 = cp_at(s + j, n - j, 0, &kk)) != 0xFF09 && c2 != ')' && !is_gap(c2) &&
               c2 >= 0x3040)
            j += kk, d++;
        if (d < 2 || d > 6 || j >= n || (c2 != 0xFF09 && c2 != ')'))
            return 0;
        j += kk;
        return j < n && is_gap(cp_at(s + j, n - j, 0, &kk));
    }
    if (n - i >= 6 && !memcmp(s + i, "以上", 6))       /* 以上 and a gap or the end */
        return n - i == 6 || is_gap(cp_at(s + i + 6, n - i - 6, 0, &k));
    return 0;
}

/* The places to cut s[0..n) at (byte offsets, after a gap or 。), up to max.
 * Long lines are common (a paragraph per line): the scan looks at bytes, and
 * decodes only after a space, U+3000 or 。. */
static size_t flat_cuts(const char *s, size_t n, size_t *cuts, size_t max)
{
    size_t nc = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i + 1 < n && nc < max; i++) {
        size_t at;
        int gap;
        if (u[i] == ' ') {
            at = i + 1, gap = 1;
        } else if (u[i] == 0xE3 && i + 3 < n && u[i + 1] == 0x80 && (u[i + 2] == 0x80 || u[i + 2] == 0x82)) {
            at = i + 3, gap = u[i + 2] == 0x80;   /* U+3000, or 。 */
            i += 2;
        } else {
            continue;
        }
        if (!flat_cut_at(s, n, at))
            continue;
        cuts[nc++] = at;
        /* the end mark stands alone: cut after it too */
        if (gap && n - at >= 6 && !memcmp(s + at, "以上", 6) && at + 6 < n && nc < max)
            cuts[nc++] = at + 6;
    }
    return nc;
}

/* A logical line made of s[0..n), appended to lv (cut when the page lost
 * its line breaks: see above). */
static int push_line(line_vec *lv, const char *s, size_t n, unsigned lineno, int blank_before, int wrapped)
{
    size_t cuts[512], nc = n > FLAT_MIN_BYTES ? flat_cuts(s, n, cuts, 512) : 0;
    if (nc < FLAT_MIN_CUTS)
        nc = 0;
    size_t from = 0;
    int rc = GIJI_OK;
    for (size_t c = 0; c <= nc && rc == GIJI_OK; c++) {
        size_t to = c < nc ? cuts[c] : n;
        if (to <= from || is_blank(s + from, to - from))
            continue;
        giji_line l;
        rc = make_line(s + from, to - from, lineno, c == 0 ? blank_before : 1, c == 0 ? wrapped : 0, &l);
        if (rc == GIJI_OK)
            rc = line_push(lv, &l);
        if (rc != GIJI_OK)
            free(l.text);
        from = to;
    }
    return rc;
}

/* Source lines -> logical lines (before page-break joins), with the
 * recurring numbered headers known (find_numbered_headers). */
static int split_lines_known(const char *utf8, size_t len, line_vec *lv, const numbered_vec *headers)
{
    size_t pos = 0;
    unsigned lineno = 0;
    int blank_before = 1;   /* the start of the file counts as a blank line */
    const char *first = NULL; /* the first line, trimmed: the title */
    size_t first_n = 0;
    const char *second = NULL; /* and the second: a title on two lines ("…（第9回）" / "議事録") */
    size_t second_n = 0;
    unsigned width = wrap_width(utf8, len);
    /* the last line of text (page numbers aside): its columns, whether it
     * ended in a word, and whether blank lines came after it */
    unsigned prev_cols = 0;
    int prev_word = 0, blank_since = 0;
    while (pos < len) {
        const char *nl = memchr(utf8 + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - utf8) : len;
        size_t n = end - pos;
        if (n > 0 && utf8[pos + n - 1] == '\r')   /* tolerate undecoded CRLF */
            n--;
        lineno++;
        /* ruby and a page's footnotes are no text of the line before or
         * after: the lines around them join as if they were not there */
        if (is_ruby(utf8 + pos, n)) {
            pos = end + 1;
            continue;
        }
        size_t fb = memcmp(utf8 + pos, "※", n >= 3 ? 3 : n) == 0 || indented(utf8 + pos, n)
                        ? footnote_block(utf8 + pos, utf8 + len) : 0;
        if (fb) {
            const char *q = utf8 + pos, *qe = q + fb;
            while (q < qe && (q = memchr(q, '\n', (size_t)(qe - q))) && ++q < qe)
                lineno++;
            pos += fb;
            blank_before = 1;
            continue;
        }
        /* the line before filled the width the text was wrapped at */
        int full = width && prev_word && prev_cols + 1 >= width;
        char *row = NULL;
        if (is_blank(utf8 + pos, n)) {
            blank_before = 1;
            blank_since = 1;
        } else if (giji_box_rule(utf8 + pos, n)) {
            /* a table's rule: no text, but no page break either (the rows
             * around it are not one paragraph split) */
            blank_since = 1;
        } else if (giji_box_row(utf8 + pos, n, &row) != GIJI_OK) {
            return GIJI_ENOMEM;
        } else if (row) {
            /* a row of a boxed table, as the line a table-less record prints */
            int rc = push_line(lv, row, strlen(row), lineno, blank_before, 0);
            free(row);
            if (rc != GIJI_OK)
                return rc;
            blank_before = 0;
            prev_word = 0;
            blank_since = 0;
        } else if (is_page_number(utf8 + pos, n) || is_running_header(utf8 + pos, n, first, first_n) ||
                   title_again(utf8 + pos, n, first, first_n, second, second_n) ||
                   (headers->n && is_numbered_header(headers, utf8 + pos, n)) ||
                   (full && is_bare_number(utf8 + pos, n) && nl && next_starts_word(nl + 1, utf8 + len)) ||
                   (lv->n && is_bare_number(utf8 + pos, n) && (!nl || rest_blank(nl + 1, utf8 + len)))) {
            /* a bare number between a line wrapped at the full width and the
             * rest of its sentence is a page number too ("…東京で孤" / "3" /
             * "独・孤立対策…"), blank lines around it or not; and so is a bare
             * number that is the text's last line, the last page's footer */
            blank_before = 1;
        } else {
            /* a Latin word or number is not cut: the line before may end
             * short of the width by its length ("…基本方針" / "2026に…") */
            /* a line one column short of the width is full too when a wide
             * character starts the next ("…お手元の資料1" / "から…") */
            unsigned lead = lead_alnum_columns(utf8 + pos, n);
            int wrapped = width && prev_word && !blank_since && prev_cols + (lead ? lead : 1) >= width;
            int rc = push_line(lv, utf8 + pos, n, lineno, blank_before, wrapped);
            if (width) {
                size_t b, e;
                giji_str_trim_range(utf8 + pos, n, &b, &e);
                uint32_t last = giji_utf8_prev(utf8 + pos, e, NULL);
                prev_cols = line_columns(utf8 + pos, n);
                /* full-width letters and digits too: Diet records write "ＮＡＴＯ" */
                prev_word = giji_cp_is_kana_or_han(last) || giji_cp_is_ascii_alnum(last) ||
                            (last >= 0xFF10 && last <= 0xFF19) || (last >= 0xFF21 && last <= 0xFF3A) ||
                            (last >= 0xFF41 && last <= 0xFF5A) || giji_cp_is_word_glue(last);
                blank_since = 0;
            }
            if (rc != GIJI_OK)
                return rc;
            blank_before = 0;
            if (!first) {
                size_t b, e;
                giji_str_trim_range(utf8 + pos, n, &b, &e);
                first = utf8 + pos + b;
                first_n = e - b;
            } else if (!second && lineno <= 3) {
                size_t b, e;
                giji_str_trim_range(utf8 + pos, n, &b, &e);
                second = utf8 + pos + b;
                second_n = e - b;
            }
        }
        pos = end + 1;
    }
    return GIJI_OK;
}

/* Source lines -> logical lines (before page-break joins). */
static int split_lines(const char *utf8, size_t len, line_vec *lv)
{
    numbered_vec headers;
    int rc = find_numbered_headers(utf8, len, &headers);
    if (rc == GIJI_OK)
        rc = split_lines_known(utf8, len, lv, &headers);
    free(headers.v);
    return rc;
}

/* Each line's NFKC, whether it changed the length (segment/ hands the
 * NFKC of lines that did not on to extract/), and its key. */
static int compute_norms(giji_line *lines, size_t n)
{
    uint32_t *runs = NULL;   /* the map as runs, one line's at a time */
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nruns = 0, outlen, ncp;
        int rc = giji_nfkc_runs(lines[i].text, strlen(lines[i].text), &lines[i].norm, &outlen, NULL, &runs,
                                &nruns, &cap, &ncp);
        if (rc) {
            free(runs);
            return rc;
        }
        lines[i].same_cps = nruns == 1;   /* the pair (0, 0) alone */
        /* the comparison key of giji_match_key(text), computed once per line */
        if (!(lines[i].key = giji_str_nospace(lines[i].norm))) {
            free(runs);
            return GIJI_ENOMEM;
        }
    }
    free(runs);
    return GIJI_OK;
}

int giji_doc_build(const char *name, const char *utf8, size_t len, giji_doc *out)
{
    out->lines = NULL;
    out->n = 0;
    size_t bad = giji_utf8_invalid_offset(utf8, len);
    if (bad != len)
        return giji_error_set(GIJI_EINVAL, "%s: byte %zu: invalid UTF-8 (text not decoded?)",
                              name, bad);
    const char *nul = len ? memchr(utf8, '\0', len) : NULL;
    if (nul)   /* texts are C strings from here on */
        return giji_error_set(GIJI_EINVAL, "%s: byte %zu: NUL byte in text", name,
                              (size_t)(nul - utf8));
    line_vec lv = {0};
    /* Whole-text passes, each rewriting the text line for line when it has
     * something to do (a web copy's references, vertical forms, invisible
     * characters, margin line numbers, a speaker column), in this order */
    typedef int (*text_pass)(const char *, size_t, char **, size_t *);
    static const text_pass passes[] = {giji_fold_html, giji_fold_vertical, giji_fold_invisibles,
                                       giji_strip_line_numbers, giji_speaker_columns,
                                       giji_speaker_columns_right};
    enum { NPASSES = sizeof passes / sizeof *passes };
    char *made[NPASSES] = {0};
    int rc = GIJI_OK;
    for (size_t k = 0; rc == GIJI_OK && k < NPASSES; k++) {
        size_t made_len = 0;
        rc = passes[k](utf8, len, &made[k], &made_len);
        if (rc == GIJI_OK && made[k]) {
            utf8 = made[k];
            len = made_len;
        }
    }
    if (rc == GIJI_OK)
        rc = split_lines(utf8, len, &lv);
    for (size_t k = 0; k < NPASSES; k++)
        free(made[k]);
    if (rc == GIJI_OK)
        rc = giji_join_page_breaks(lv.v, &lv.n);
    if (rc == GIJI_OK)
        rc = compute_norms(lv.v, lv.n);
    giji_doc d = {lv.v, lv.n};
    if (rc != GIJI_OK) {
        giji_doc_free(&d);
        return giji_error_prefix("%s: ", name);
    }
    *out = d;
    return GIJI_OK;
}

void giji_doc_free(giji_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++) {
        free(doc->lines[i].text);
        free(doc->lines[i].norm);
        free(doc->lines[i].key);
    }
    free(doc->lines);
    doc->lines = NULL;
    doc->n = 0;
}
