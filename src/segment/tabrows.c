/*
 * segment/tabrows.c — the exchange of views as a table exported from a
 * spreadsheet, one row a line, its cells separated by TABs:
 *
 *   No.<TAB>発言者<TAB>発言要旨<TAB>事務局の回答
 *   1<TAB>佐藤委員<TAB>第Ⅴ期基本計画の策定に当たっては、…<TAB>御指摘を踏まえ、…
 *   3<TAB>高橋委員<TAB>"地方公共団体では…、…、…"<TAB>
 *
 * Responsible for: recognising the header row (a 発言者 column and a speech
 * column, data/phrases.tsv `colhead`, and perhaps an answer column "X の回
 * 答", whose X answers), and cutting a row into its speaker, speech and
 * answer cells, without the quotes a spreadsheet puts around a cell and
 * with its line breaks written as "\n" joined again. Not responsible for:
 * making remarks of them (segment.c reads each as a labelled turn).
 */
#include "segment/internal.h"
#include "util/error.h"
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CELLS 12

/* Cut `text` at its TABs into at most MAX_CELLS cells (pointers into the
 * copy *buf, caller frees), each trimmed of white space. */
static size_t cells_of(const char *text, char **buf, char *cell[MAX_CELLS])
{
    *buf = giji_strdup(text);
    if (!*buf)
        return 0;
    size_t n = 0;
    for (char *p = *buf; p && n < MAX_CELLS;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        size_t b, e;
        giji_str_trim_range(p, strlen(p), &b, &e);
        p[e] = '\0';
        cell[n++] = p + b;
        p = tab ? tab + 1 : NULL;
    }
    return n;
}

static char *key_of(const char *s) { return giji_match_key(s); }

int giji_tab_header(const giji_rules *r, const char *text, giji_tab_cols *cols)
{
    memset(cols, 0, sizeof *cols);
    cols->speaker = cols->speech = cols->answer = -1;
    if (!strchr(text, '\t'))
        return GIJI_OK;
    char *buf, *cell[MAX_CELLS];
    size_t n = cells_of(text, &buf, cell);
    if (!buf)
        return GIJI_NOMEM();
    for (size_t i = 0; i < n; i++) {
        char *k = key_of(cell[i]);
        if (!k) {
            free(buf);
            return GIJI_NOMEM();
        }
        int head = giji_rules_phrase_is(r, GIJI_PH_COLHEAD, k);
        if (head && !strcmp(k, "発言者") && cols->speaker < 0)
            cols->speaker = (int)i;
        else if (head && giji_str_starts(k, "発言") && cols->speech < 0)
            cols->speech = (int)i;
        else if (cols->speech >= 0 && cols->answer < 0 && giji_str_ends(k, "回答")) {
            /* "事務局の回答": the 事務局 answers; "回答" alone names no one */
            size_t kn = strlen(k) - strlen("回答");
            if (kn >= 3 && !strncmp(k + kn - 3, "の", 3))
                kn -= 3;
            if (kn >= 9 && !strncmp(k + kn - 9, "からの", 9))
                kn -= 9;
            cols->answer = (int)i;
            snprintf(cols->answer_label, sizeof cols->answer_label, "%.*s", (int)kn, k);
        }
        free(k);
    }
    free(buf);
    if (cols->speaker < 0 || cols->speech < 0)
        cols->speaker = cols->speech = cols->answer = -1;
    return GIJI_OK;
}

/* A cell as a reader sees it: the quotes around it dropped, its line
 * breaks (written "\n" by the export) joined. Caller frees. */
static char *clean_cell(const char *c)
{
    size_t n = strlen(c);
    if (n >= 2 && c[0] == '"' && c[n - 1] == '"') {
        c++;
        n -= 2;
    }
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i] == '\\' && i + 1 < n && c[i + 1] == 'n') {
            i++;
            continue;
        }
        if (c[i] == '"' && i + 1 < n && c[i + 1] == '"')
            i++;   /* a quote inside a quoted cell is doubled */
        o[w++] = c[i];
    }
    o[w] = '\0';
    return o;
}

int giji_tab_row(const char *text, const giji_tab_cols *cols, char **speaker, char **speech, char **answer)
{
    *speaker = *speech = *answer = NULL;
    char *buf, *cell[MAX_CELLS];
    size_t n = cells_of(text, &buf, cell);
    if (!buf)
        return GIJI_NOMEM();
    int rc = GIJI_OK;
    if ((size_t)cols->speech < n) {
        *speaker = (size_t)cols->speaker < n ? clean_cell(cell[cols->speaker]) : giji_strdup("");
        *speech = clean_cell(cell[cols->speech]);
        *answer = cols->answer >= 0 && (size_t)cols->answer < n ? clean_cell(cell[cols->answer]) : giji_strdup("");
        if (!*speaker || !*speech || !*answer) {
            free(*speaker);
            free(*speech);
            free(*answer);
            *speaker = *speech = *answer = NULL;
            rc = GIJI_NOMEM();
        }
    }
    free(buf);
    return rc;
}
