/*
 * normalize/columns.c — speeches laid out as a two-column table and
 * extracted as text: a header row "発言者　　発言内容", then each line a
 * speaker cell of fixed width, padded with U+3000, and the speech:
 *
 *   西川議長　　　　ただいまから、第13回…を開催いたします。御多
 *   （法務大臣）　　忙の中、御出席いただきありがとうございます。…
 *   　　　　　　　　推進に関する法律の施行から間もなく10年を迎えます。
 *
 * Responsible for: finding such a table (the header row, and a speech
 * column where most padded lines start), and rewriting its lines, one for
 * one so that line numbers stay, as "【LABEL】speech" for the first line of a
 * turn and the bare speech for the others; the header rows repeated on each
 * page become blank lines. Not responsible for: what the label means
 * (segment/label.c resolves it like any 【…】 label).
 */
#include "normalize/internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

#define IDSP "\xe3\x80\x80" /* U+3000 */

typedef struct row {
    const char *s;   /* the source line */
    size_t n;
    int in_table;    /* after a header row */
    int header;      /* a header row: dropped */
    size_t cell;     /* bytes of the speaker cell (padding included), 0 when none */
    size_t lab_b, lab_e; /* the cell's text, trimmed */
} row;

/* The header row of a table of speeches: 1 for "発言者　　発言内容" (or 発言者
 * … 発言要旨, 発言: the speaker on the left), 2 for "発言要旨　　発言者" (or
 * 発言内容, 発言概要 first: the speaker on the right), 0 for none. */
static int speech_header(const char *s, size_t n)
{
    /* every line of every file comes here: look for 発言 before making a key */
    size_t i = 0;
    for (;;) {
        if (i < n && s[i] == ' ')
            i++;
        else if (i + 3 <= n && !memcmp(s + i, IDSP, 3))
            i += 3;
        else
            break;
    }
    if (n - i < 9 || memcmp(s + i, "発言", 6) != 0)
        return 0;
    char *t = giji_strndup(s, n), *key = t ? giji_match_key(t) : NULL;
    int kind = 0;
    if (key && (!strcmp(key, "発言者発言内容") || !strcmp(key, "発言者発言要旨") || !strcmp(key, "発言者発言")))
        kind = 1;
    else if (key && (!strcmp(key, "発言要旨発言者") || !strcmp(key, "発言内容発言者") || !strcmp(key, "発言概要発言者")))
        kind = 2;
    free(t);
    free(key);
    return kind;
}

static int header_row(const char *s, size_t n) { return speech_header(s, n) == 1; }

/* Leading U+3000 characters of s[0..n). */
static size_t leading_idsp(const char *s, size_t n)
{
    size_t k = 0;
    while ((k + 1) * 3 <= n && !memcmp(s + k * 3, IDSP, 3))
        k++;
    return k;
}

/* The speech column, in characters: the commonest count of leading U+3000
 * (four or more) on the table's lines, when it holds two lines and half of
 * such lines (the header row already said it is a table), or 0. */
static size_t speech_column(const row *rows, size_t n)
{
    size_t count[41] = {0}, lines = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].in_table || rows[i].header)
            continue;
        size_t k = leading_idsp(rows[i].s, rows[i].n);
        if (k >= 4 && k <= 40) {
            count[k]++;
            lines++;
        }
    }
    size_t best = 0;
    for (size_t k = 4; k <= 40; k++)
        if (count[k] > count[best])
            best = k;
    return best && count[best] >= 2 && count[best] * 2 >= lines ? best : 0;
}

/* A table without its header row: the speech column is where many lines
 * start after an empty speaker cell (HEADERLESS_MIN lines or more, a
 * quarter of the lines with text, of one count of leading U+3000, six or
 * more). The table starts at the first line whose cell holds a label with
 * the speech after its padding, and the next line goes on in the speech
 * column; its rows get in_table. Returns the column, or 0. */
#define HEADERLESS_MIN 8
static void cut_cell(row *r, size_t col, int alone_ok);
static size_t headerless_column(row *rows, size_t n)
{
    size_t count[41] = {0}, lines = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].n == 0)
            continue;
        lines++;
        size_t k = leading_idsp(rows[i].s, rows[i].n);
        if (k >= 6 && k <= 40 && k * 3 < rows[i].n)
            count[k]++;
    }
    size_t col = 0;
    for (size_t k = 6; k <= 40; k++)
        if (count[k] > count[col])
            col = k;
    if (!col || count[col] < HEADERLESS_MIN || count[col] * 4 < lines)
        return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        row probe = rows[i];
        cut_cell(&probe, col, 0);
        if (probe.cell && probe.lab_e > probe.lab_b && probe.n > probe.cell &&
            leading_idsp(rows[i + 1].s, rows[i + 1].n) >= col) {
            for (size_t j = i; j < n; j++)
                rows[j].in_table = 1;
            return col;
        }
    }
    return 0;
}

/* The speaker cell of a line: its first `col` characters when they end
 * in U+3000 padding, or the whole line when it is no longer than that and
 * `alone_ok` (the speech follows on the next line: "（以上）" after the
 * table is no label). */
static void cut_cell(row *r, size_t col, int alone_ok)
{
    size_t i = 0, chars = 0;
    while (i < r->n && chars < col) {
        uint32_t cp;
        size_t k = giji_utf8_decode(r->s + i, r->n - i, &cp);
        if (!k)
            return;
        i += k;
        chars++;
    }
    int padded = i < r->n && i >= 3 && !memcmp(r->s + i - 3, IDSP, 3);
    if (!padded && !(i == r->n && alone_ok))
        return;
    size_t b, e;
    giji_str_trim_range(r->s, i, &b, &e);
    r->cell = i;
    r->lab_b = b;
    r->lab_e = e;
}

/* Does the cell text s[0..n) fill the cell (a label cut by its width)? */
static int cell_full(const char *s, size_t n, size_t col)
{
    return giji_utf8_count(s, n) + 2 >= col;
}

static int has_label(const row *r)
{
    return r->in_table && r->cell && r->lab_e > r->lab_b;
}

/* Brackets the label cells right above row i leave open ("（あおぞら更" /
 * "生支援ネッ" / "ト）"): counted back to the cell that starts the label. */
static int open_at(const row *rows, size_t i)
{
    size_t j = i;
    while (j > 0 && has_label(&rows[j - 1]))
        j--;
    int depth = 0;
    for (; j < i; j++)
        for (size_t k = rows[j].lab_b; k < rows[j].lab_e; k++) {
            if (rows[j].s[k] == '(' || !strncmp(rows[j].s + k, "（", 3))
                depth++;
            else if ((rows[j].s[k] == ')' || !strncmp(rows[j].s + k, "）", 3)) && depth > 0)
                depth--;
        }
    return depth;
}

/* Does the cell of row r go on with the label of the row above: a bracket
 * opens it ("（法務大臣）"), a bracket above is still open, or the cell above
 * was full, so the wrap cut the label ("高畑国家公安" / "委員会委員長")? */
static int continues(const row *above, const row *r, int open, size_t col)
{
    if (!has_label(above) || !has_label(r))
        return 0;
    return !strncmp(r->s + r->lab_b, "（", 3) || r->s[r->lab_b] == '(' || open > 0 ||
           cell_full(above->s + above->lab_b, above->lab_e - above->lab_b, col);
}

int giji_speaker_columns(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    size_t n = 0, cap = 0;
    row *rows = NULL;
    int in_table = 0, any = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(utf8 + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - utf8) : len;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            row *p = realloc(rows, nc * sizeof *p);
            if (!p) {
                free(rows);
                return GIJI_NOMEM();
            }
            rows = p;
            cap = nc;
        }
        row *r = &rows[n++];
        memset(r, 0, sizeof *r);
        r->s = utf8 + pos;
        r->n = end - pos;
        if (r->n && r->s[r->n - 1] == '\r')
            r->n--;
        r->header = header_row(r->s, r->n);
        in_table |= r->header;
        any |= r->header;
        r->in_table = in_table;
        pos = end + 1;
    }
    size_t col = any ? speech_column(rows, n) : headerless_column(rows, n);
    if (!col) {
        free(rows);
        return GIJI_OK;
    }
    for (size_t i = n; i-- > 0;) {
        if (!rows[i].in_table || rows[i].header)
            continue;
        /* a cell alone on its line when the next line goes on in the speech column */
        int next_speech = i + 1 < n && rows[i + 1].in_table && leading_idsp(rows[i + 1].s, rows[i + 1].n) >= 1 &&
                          rows[i + 1].cell && rows[i + 1].n > rows[i + 1].cell;
        cut_cell(&rows[i], col, next_speech);
    }
    giji_buf b = {0};
    int rc = GIJI_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        row *r = &rows[i];
        if (r->header) {
            rc = giji_buf_putc(&b, '\n');
            continue;
        }
        int starts = has_label(r) && !(i > 0 && continues(&rows[i - 1], r, open_at(rows, i), col));
        if (!r->in_table || !r->cell) {
            rc = giji_buf_append(&b, r->s, r->n);
        } else if (starts) {
            /* the label: this cell and the cells that continue it below */
            rc = giji_buf_puts(&b, "【");
            for (size_t j = i; !rc && j < n; j++) {
                row *q = &rows[j];
                if (j > i && !continues(&rows[j - 1], q, open_at(rows, j), col))
                    break;
                rc = giji_buf_append(&b, q->s + q->lab_b, q->lab_e - q->lab_b);
            }
            if (!rc)
                rc = giji_buf_puts(&b, "】");
            if (!rc)
                rc = giji_buf_append(&b, r->s + r->cell, r->n - r->cell);
        } else {
            rc = giji_buf_append(&b, r->s + r->cell, r->n - r->cell);
        }
        if (!rc && i + 1 < n)
            rc = giji_buf_putc(&b, '\n');
    }
    free(rows);
    if (rc) {
        giji_buf_free(&b);
        return GIJI_NOMEM();
    }
    *outlen = b.len;
    *out = giji_buf_steal(&b);
    return *out ? GIJI_OK : GIJI_NOMEM();
}

/* ---- the speaker on the right ----------------------------------------------
 *
 * The mirror of the table above: "発言要旨　　　　発言者", then each row's
 * first line holds the start of the remark, a gap of U+3000 and the
 * speaker; the lines below hold the rest of the remark, and a speaker cell
 * of two lines puts its second part ("（厚生労働省）") at the end of the
 * row's second line:
 *
 *   資料１に基づき、医療・介護分野のデジタル化の進捗を報　　　　事務局
 *   告する。マイナ保険証の利用率は本年５月時点で４割を超　　　　（厚生労働省）
 *
 * Rewritten line for line as "【事務局（厚生労働省）】資料１に基づき、…" and the
 * bare remark text; the header rows (repeated on each page) become blank. */

static int header_right(const char *s, size_t n) { return speech_header(s, n) == 2; }

/* The speaker cell at the end of s[0..n): after a gap of three U+3000 or
 * more, at most 20 characters with no sentence marks. Its start in *cell
 * (where the gap starts in *gap); 0 when none. */
static int right_cell(const char *s, size_t n, size_t *gap, size_t *cell)
{
    const char *g = NULL;
    for (size_t i = 0; i + 9 <= n; i++)
        if (!memcmp(s + i, IDSP IDSP IDSP, 9)) {
            g = s + i;
            break;
        }
    if (!g || g == s)
        return 0;
    size_t c = (size_t)(g - s);
    while (c + 3 <= n && !memcmp(s + c, IDSP, 3))
        c += 3;
    if (c >= n || giji_utf8_count(s + c, n - c) > 20)
        return 0;
    for (size_t i = c; i < n; i++)
        if (!strncmp(s + i, "。", 3) || !strncmp(s + i, "、", 3) || !strncmp(s + i, IDSP, 3))
            return 0;
    *gap = (size_t)(g - s);
    *cell = c;
    return 1;
}

/* Insert p[0..n) at byte `at` of b. */
static int buf_insert(giji_buf *b, size_t at, const char *p, size_t n)
{
    if (giji_buf_reserve(b, n))
        return GIJI_ENOMEM;
    memmove(b->data + at + n, b->data + at, b->len - at + 1);
    memcpy(b->data + at, p, n);
    b->len += n;
    return GIJI_OK;
}

int giji_speaker_columns_right(const char *utf8, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    /* the header row first: every file comes here */
    const char *h = NULL;
    for (const char *p = utf8; !h && p < utf8 + len;) {
        const char *e = memchr(p, '\n', (size_t)(utf8 + len - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(utf8 + len - p);
        if (header_right(p, n))
            h = p;
        p = e ? e + 1 : utf8 + len;
    }
    if (!h)
        return GIJI_OK;
    giji_buf b = {0};
    int rc = giji_buf_append(&b, utf8, (size_t)(h - utf8));
    int pending_open = 0;          /* a label was opened on a line above, its bracket part may follow */
    size_t label_at = 0;           /* where in b the last label's closing 】 is */
    for (const char *p = h; !rc && p < utf8 + len;) {
        const char *e = memchr(p, '\n', (size_t)(utf8 + len - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(utf8 + len - p);
        size_t cr = n && p[n - 1] == '\r';
        size_t gap, cell;
        if (header_right(p, n - cr)) {
            /* the header: a blank line */
        } else if (right_cell(p, n - cr, &gap, &cell)) {
            int bracket = !strncmp(p + cell, "（", 3) || p[cell] == '(';
            if (bracket && pending_open) {
                /* the speaker cell's second line: into the label above */
                rc = buf_insert(&b, label_at, p + cell, n - cr - cell);
                label_at += n - cr - cell;
                rc = rc ? rc : giji_buf_append(&b, p, gap);
                pending_open = 0;
            } else {
                rc = giji_buf_puts(&b, "【");
                rc = rc ? rc : giji_buf_append(&b, p + cell, n - cr - cell);
                label_at = b.len;
                rc = rc ? rc : giji_buf_puts(&b, "】");
                rc = rc ? rc : giji_buf_append(&b, p, gap);
                pending_open = 1;
            }
        } else {
            rc = giji_buf_append(&b, p, n - cr);
            /* a page's foot and the header between a cell's two lines keep it
             * open, for the few lines a page break puts between them */
            if (pending_open && ++pending_open > 4)
                pending_open = 0;
        }
        if (!rc && e)
            rc = giji_buf_putc(&b, '\n');
        p = e ? e + 1 : utf8 + len;
    }
    if (rc) {
        giji_buf_free(&b);
        return GIJI_NOMEM();
    }
    *outlen = b.len;
    *out = giji_buf_steal(&b);
    return *out ? GIJI_OK : GIJI_NOMEM();
}
