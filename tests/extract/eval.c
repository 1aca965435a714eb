/*
 * tests/extract/eval.c — precision and recall of entity mentions against
 * hand-annotated gold files.
 *
 * usage: giji_eval [-v] [--min-p X] [--min-r X] [--min-new-r X] [--per-type]
 *                  MINUTES GOLD.tsv [MINUTES GOLD.tsv ...]
 * Each MINUTES file goes through the real pipeline (decode, normalize,
 * segment, extract with the bundled data/). GOLD rows are
 *   remark seq <TAB> surface <TAB> type <TAB> canonical [<TAB> note]
 * in order of appearance, not overlapping: each row is the first
 * occurrence of its surface after the previous row of the same remark. A predicted mention
 * counts as correct when it is in the same remark, has the same type and
 * overlaps a gold mention not matched before. Prints a table per type and
 * exits 1 when a threshold is missed (overall, or per type with --per-type;
 * --min-new-r: recall of the gold rows noted "new", names no list has).
 */
#include "giji/giji.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gold {
    int seq;
    char surface[512], type[32], canonical[512], note[64];
    long start, end;
    size_t byte, len;        /* where it is in the remark's text (bytes) */
    int matched;
    int lost;                /* --lost-fn: not in giji's text */
} gold;

typedef struct tally { long tp, fp, fn; } tally;

static tally by_type[GIJI_ENT_NTYPES], total, novel; /* novel: gold rows noted "new" */
static int verbose;

static long cp_index(const char *s, size_t byte)
{
    long n = 0;
    for (size_t i = 0; i < byte; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* The byte offset of code point `cp` of s (its length when past the end). */
static size_t byte_at(const char *s, long cp)
{
    size_t i = 0;
    for (long n = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == cp)
            return i;
    return i;
}

static size_t load_gold(const char *path, gold **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "giji_eval: %s: cannot open\n", path);
        exit(2);
    }
    size_t n = 0, cap = 0;
    char *line = NULL; /* a header comment may run to several KB */
    size_t linecap = 0;
    unsigned lineno = 0;
    *out = NULL;
    while (getline(&line, &linecap, f) >= 0) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            *out = realloc(*out, cap * sizeof **out);
        }
        gold *g = &(*out)[n];
        memset(g, 0, sizeof *g);
        char *f0 = strtok(line, "\t"), *f1 = strtok(NULL, "\t"), *f2 = strtok(NULL, "\t"),
             *f3 = strtok(NULL, "\t"), *f4 = strtok(NULL, "\t");
        if (!f0 || !f1 || !f2 || !f3 || giji_entity_type_parse(f2) < 0) {
            fprintf(stderr, "giji_eval: %s:%u: bad gold row\n", path, lineno);
            exit(2);
        }
        g->seq = atoi(f0);
        snprintf(g->surface, sizeof g->surface, "%s", f1);
        snprintf(g->type, sizeof g->type, "%s", f2);
        snprintf(g->canonical, sizeof g->canonical, "%s", f3);
        if (f4)
            snprintf(g->note, sizeof g->note, "%s", f4);
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

/* Place the gold rows of each remark on its text. */
/* --lost-fn: a gold row whose surface giji's text of the remark lacks (its
 * segmentation lost or changed the words) counts as missed, with a note,
 * instead of stopping the evaluation as a suspected error of the gold. */
static int lost_fn = 0;

/* A remark of the file and the meeting that holds it: a file of several
 * meetings (giji_doc_meetings) numbers its remarks across all of them. */
typedef struct rref {
    const giji_remark *rm;
    const giji_meeting *m;
} rref;

static void locate(const rref *rs, size_t nr, gold *g, size_t n, const char *path)
{
    for (size_t i = 0; i < n; i++) {
        if (g[i].seq < 1 || (size_t)g[i].seq > nr) {
            fprintf(stderr, "giji_eval: %s: remark %d does not exist\n", path, g[i].seq);
            exit(2);
        }
        const giji_remark *rm = rs[g[i].seq - 1].rm;
        const char *text = rm->text;
        /* rows are in order of appearance and do not overlap: search after
         * the end of the previous row of the same remark */
        size_t from = 0, k = i;
        while (k > 0 && g[k - 1].seq == g[i].seq && g[k - 1].lost)
            k--;
        if (k > 0 && g[k - 1].seq == g[i].seq)
            from = g[k - 1].byte + g[k - 1].len;
        const char *hit = strstr(text + from, g[i].surface);
        size_t hit_len = strlen(g[i].surface);
        /* a gold written in NFKC ("DDoS攻撃" for the text's "ＤＤｏＳ攻撃",
         * "ネットワーク" for "ﾈｯﾄﾜｰｸ"): search the remark's NFKC, and take the
         * code points of the text it was made from (giji_nfkc_map) */
        if (!hit) {
            char *norm = NULL;
            uint32_t *map = NULL;
            size_t ncp = 0;
            if (giji_nfkc_map(text, strlen(text), &norm, &map, &ncp) == GIJI_OK) {
                long tcp = cp_index(text, from);
                size_t k0 = 0;
                while (k0 < ncp && (long)map[k0] < tcp)
                    k0++;
                const char *nh = strstr(norm + byte_at(norm, (long)k0), g[i].surface);
                if (nh) {
                    long cs = cp_index(norm, (size_t)(nh - norm));
                    long ce = cs + cp_index(g[i].surface, strlen(g[i].surface));
                    hit = text + byte_at(text, (long)map[cs]);
                    hit_len = byte_at(text, (long)map[ce]) - byte_at(text, (long)map[cs]);
                }
            }
            free(norm);
            free(map);
        }
        /* a name the gold writes joined ("ITU") where giji's text kept the
         * line break ("IT\nU"): the text without its line breaks */
        if (!hit && strchr(text + from, '\n')) {
            size_t tn = strlen(text);
            char *flat = malloc(tn + 1);
            size_t *at = malloc((tn + 1) * sizeof *at);
            size_t w = 0, ffrom = 0;
            for (size_t b = 0; flat && at && b <= tn; b++) {
                if (b == from)
                    ffrom = w;
                if (b < tn && text[b] == '\n')
                    continue;
                at[w] = b;
                flat[w++] = text[b];
            }
            const char *fh = flat && at ? strstr(flat + ffrom, g[i].surface) : NULL;
            if (fh) {
                size_t fb = (size_t)(fh - flat), fe = fb + strlen(g[i].surface);
                hit = text + at[fb];
                hit_len = at[fe] - at[fb];
            }
            free(flat);
            free(at);
        }
        if (!hit && lost_fn) {
            fprintf(stderr, "giji_eval: %s: remark %d: '%s' not in giji's text: counted as missed\n", path,
                    g[i].seq, g[i].surface);
            g[i].lost = 1;
            g[i].start = g[i].end = -1;
            continue;
        }
        if (!hit) {
            fprintf(stderr, "giji_eval: %s: remark %d: '%s' not found (again) in the text\n", path, g[i].seq,
                    g[i].surface);
            exit(2);
        }
        g[i].byte = (size_t)(hit - text);
        g[i].len = hit_len;
        g[i].start = cp_index(text, g[i].byte);
        g[i].end = cp_index(text, g[i].byte + hit_len);
    }
}

static void evaluate(const char *minutes, const char *goldpath, giji_rules *rules, giji_extractor *x)
{
    unsigned char *raw = NULL;
    FILE *f = fopen(minutes, "rb");
    if (!f) {
        fprintf(stderr, "giji_eval: %s: cannot open\n", minutes);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    raw = malloc((size_t)len + 1);
    if (fread(raw, 1, (size_t)len, f) != (size_t)len)
        exit(2);
    fclose(f);
    giji_text text;
    giji_doc doc;
    if (giji_decode(minutes, raw, (size_t)len, &text) || giji_doc_build(minutes, text.text, text.len, &doc)) {
        fprintf(stderr, "giji_eval: %s\n", giji_error_message());
        exit(2);
    }
    /* each meeting of the file as giji ingest reads it */
    giji_meeting *ms;
    size_t nm, nr = 0;
    if (giji_segment_all(rules, minutes, &doc, &ms, &nm)) {
        fprintf(stderr, "giji_eval: %s\n", giji_error_message());
        exit(2);
    }
    for (size_t k = 0; k < nm; k++) {
        if (giji_extract_meeting(x, rules, &ms[k])) {
            fprintf(stderr, "giji_eval: %s\n", giji_error_message());
            exit(2);
        }
        nr += ms[k].nremarks;
    }
    rref *rs = malloc((nr ? nr : 1) * sizeof *rs);
    nr = 0;
    for (size_t k = 0; k < nm; k++)
        for (size_t r = 0; r < ms[k].nremarks; r++)
            rs[nr++] = (rref){&ms[k].remarks[r], &ms[k]};
    free(raw);
    giji_text_free(&text);
    giji_doc_free(&doc);
    gold *g;
    size_t ng = load_gold(goldpath, &g);
    locate(rs, nr, g, ng, goldpath);
    tally file = {0};
    for (size_t r = 0; r < nr; r++) {
        const giji_remark *rem = rs[r].rm;
        for (size_t k = 0; k < rem->nmentions; k++) {
            const giji_mention *mn = &rem->mentions[k];
            const giji_entity *e = &rs[r].m->entities[mn->entity];
            const char *type = giji_entity_type_name(e->type);
            int hit = 0;
            for (size_t i = 0; i < ng && !hit; i++)
                if (!g[i].matched && g[i].seq == (int)r + 1 && !strcmp(g[i].type, type) &&
                    g[i].start < mn->end && mn->start < g[i].end) {
                    g[i].matched = 1;
                    hit = 1;
                }
            tally *t = &by_type[e->type];
            if (hit) {
                t->tp++;
                file.tp++;
            } else {
                t->fp++;
                file.fp++;
                if (verbose)
                    printf("  FP %s remark %zu: %s [%s] (%s)%s%s\n", goldpath, r + 1, mn->surface, type, e->name,
                           mn->rule ? " rule " : "", mn->rule ? mn->rule : "");
            }
        }
    }
    for (size_t i = 0; i < ng; i++) {
        if (!strcmp(g[i].note, "new")) {
            if (g[i].matched) novel.tp++;
            else novel.fn++;
        }
    }
    for (size_t i = 0; i < ng; i++)
        if (!g[i].matched) {
            int t = giji_entity_type_parse(g[i].type);
            by_type[t].fn++;
            file.fn++;
            if (verbose)
                printf("  FN %s remark %d: %s [%s] (%s) %s\n", goldpath, g[i].seq, g[i].surface, g[i].type,
                       g[i].canonical, g[i].note);
        }
    printf("%-40s tp %4ld fp %4ld fn %4ld  P %.3f R %.3f\n", goldpath, file.tp, file.fp, file.fn,
           file.tp + file.fp ? (double)file.tp / (double)(file.tp + file.fp) : 1.0,
           file.tp + file.fn ? (double)file.tp / (double)(file.tp + file.fn) : 1.0);
    total.tp += file.tp;
    total.fp += file.fp;
    total.fn += file.fn;
    free(g);
    free(rs);
    for (size_t k = 0; k < nm; k++)
        giji_meeting_free(&ms[k]);
    free(ms);
}

static double prec(tally t) { return t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 1.0; }
static double rec(tally t) { return t.tp + t.fn ? (double)t.tp / (double)(t.tp + t.fn) : 1.0; }

int main(int argc, char **argv)
{
    double min_p = 0, min_r = 0, min_new_r = 0;
    int per_type = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-v")) verbose = 1;
        else if (!strcmp(argv[i], "--lost-fn")) lost_fn = 1;
        else if (!strcmp(argv[i], "--per-type")) per_type = 1;
        else if (!strcmp(argv[i], "--min-p") && i + 1 < argc) min_p = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-r") && i + 1 < argc) min_r = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-new-r") && i + 1 < argc) min_new_r = atof(argv[++i]);
        else {
            fprintf(stderr, "giji_eval: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (i >= argc || (argc - i) % 2) {
        fprintf(stderr, "usage: giji_eval [-v] [--min-p X] [--min-r X] [--per-type] MINUTES GOLD...\n");
        return 2;
    }
    giji_rules *rules;
    giji_gazetteer *gz;
    giji_extractor *x;
    if (giji_rules_load(NULL, &rules) || giji_gazetteer_load(NULL, NULL, 0, &gz) ||
        giji_extractor_new(gz, NULL, NULL, &x)) {
        fprintf(stderr, "giji_eval: %s\n", giji_error_message());
        return 2;
    }
    for (; i < argc; i += 2)
        evaluate(argv[i], argv[i + 1], rules, x);
    int failed = 0;
    printf("%-10s %6s %6s %6s %7s %7s\n", "type", "tp", "fp", "fn", "P", "R");
    for (int t = 0; t < GIJI_ENT_NTYPES; t++) {
        tally v = by_type[t];
        int low = per_type && (prec(v) < min_p || rec(v) < min_r);
        printf("%-10s %6ld %6ld %6ld %7.3f %7.3f%s\n", giji_entity_type_name(t), v.tp, v.fp, v.fn, prec(v),
               rec(v), low ? "  below threshold" : "");
        failed |= low;
    }
    if (novel.tp + novel.fn) {
        int low_new = rec(novel) < min_new_r;
        printf("%-10s %6ld %6s %6ld %7s %7.3f%s  (names no list has: found by discovery)\n", "new", novel.tp, "",
               novel.fn, "", rec(novel), low_new ? "  below threshold" : "");
        failed |= low_new;
    }
    int low = prec(total) < min_p || rec(total) < min_r;
    printf("%-10s %6ld %6ld %6ld %7.3f %7.3f%s\n", "all", total.tp, total.fp, total.fn, prec(total), rec(total),
           low ? "  below threshold" : "");
    failed |= low;
    giji_extractor_free(x);
    giji_gazetteer_free(gz);
    giji_rules_free(rules);
    return failed;
}
