/*
 * bench/extract.c — giji-bench-extract: how much entity extraction costs
 * next to MeCab's own tokenization of the same text, in the same run.
 *
 *   giji-bench-extract DIR [--limit-mb N] [--min-seconds S] [--data DIR]
 *                          [--phases mecab,extract,gazetteer] [--alternate N]
 *                          [--per-call N]
 *
 * Reads the *.txt files of DIR (in name order, up to N MB), then times:
 *   segment   decode + normalize + segment of every file (one pass);
 *   mecab     mecab_sparse_tonode2 over the text of every remark, with a
 *             fresh mecab_new2("") instance, walking every node. The text
 *             given to MeCab is the remark's NFKC form, which is what giji's
 *             discovery gives it (computed beforehand, not timed);
 *   extract   giji_extract_meetings on every meeting (gazetteer matching,
 *             MeCab discovery, speaker inference), as `giji ingest` runs it:
 *             --per-call N meetings a call (default 32, as the ingest's
 *             workers group files; 1 is giji_extract_meeting's one);
 *   gazetteer giji_extract_meeting with discovery off (matching + inference),
 *             to show what the automaton costs by itself.
 * Each timed phase is repeated k times per trial so that a trial lasts at
 * least S seconds (default 2), and the best of 3 trials is kept. Between
 * passes the meetings are reset (mentions, entities and inferred speakers
 * dropped), untimed. Clocks: CLOCK_MONOTONIC (wall) and, kept apart, the
 * process's CPU time (CLOCK_PROCESS_CPUTIME_ID; the tool has one thread).
 * On a shared machine other processes take turns on the cores: wall time
 * counts the turns they take, CPU time does not, so the CPU-time ratio is
 * the steadier one when the machine is loaded. Both ratios are printed.
 * --phases runs only the phases listed (default: all three), so that a
 * profiler (perf, callgrind) sees one phase alone; the ratio needs both
 * mecab and extract, and a phase not run shows as 0 in the RESULT line.
 * --alternate N times mecab and extract in N pairs of trials, one right
 * after the other (each trial after an untimed warm-up pass of its own),
 * instead of all of mecab's trials and then all of extract's: on a shared
 * machine whose load changes from minute to minute, the two sides of a
 * pair run under the same load. It prints the ratio of the best times and
 * the median of the N pairs' ratios (CPU time); the RESULT line then has
 * the best times and pair_cpu_ratio=.
 */
#define _POSIX_C_SOURCE 200809L
#include "giji/giji.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <mecab.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
    fprintf(stderr, "giji-bench-extract: %s: %s\n", what, giji_error_message());
    exit(1);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct input {
    char *path;
    unsigned char *bytes;
    size_t len;
} input;

static void read_file(input *in)
{
    FILE *f = fopen(in->path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st)) {
        fprintf(stderr, "giji-bench-extract: %s: %s\n", in->path, strerror(errno));
        exit(1);
    }
    in->len = (size_t)st.st_size;
    in->bytes = malloc(in->len ? in->len : 1);
    if (!in->bytes || fread(in->bytes, 1, in->len, f) != in->len) {
        fprintf(stderr, "giji-bench-extract: %s: cannot read\n", in->path);
        exit(1);
    }
    fclose(f);
}

/* Drop what a pass of extraction added, so the next pass does it again. */
static void reset_meeting(giji_meeting *m)
{
    for (size_t i = 0; i < m->nremarks; i++) {
        giji_remark *r = &m->remarks[i];
        giji_mentions_free(r->mentions, r->nmentions);
        r->mentions = NULL;
        r->nmentions = 0;
        if (r->attribution == GIJI_ATTR_INFERRED) {
            /* inference only touches anonymous remarks without speaker */
            r->attribution = GIJI_ATTR_NONE;
            r->speaker = -1;
            free(r->cue);
            r->cue = NULL;
        }
    }
    giji_entities_free(m->entities, m->nentities);
    m->entities = NULL;
    m->nentities = 0;
}

#define PER_CALL_MAX 64

typedef struct corpus {
    giji_meeting *meetings;
    size_t n;
    size_t per_call;      /* meetings per giji_extract_meetings call */
    char **norm;          /* NFKC of every remark, in meeting order */
    size_t *normlen;
    size_t nremarks;
    size_t remark_bytes;  /* bytes of remark text (NFKC) */
    const giji_rules *rules;
    mecab_t *mecab;
    giji_extractor *x;
    size_t tokens, mentions, discovered, inferred;
} corpus;

static void pass_mecab(corpus *c)
{
    size_t tokens = 0;
    for (size_t i = 0; i < c->nremarks; i++) {
        const mecab_node_t *node = mecab_sparse_tonode2(c->mecab, c->norm[i], c->normlen[i]);
        if (!node) {
            fprintf(stderr, "giji-bench-extract: MeCab failed: %s\n", mecab_strerror(c->mecab));
            exit(1);
        }
        for (; node; node = node->next)
            tokens += node->stat == MECAB_NOR_NODE || node->stat == MECAB_UNK_NODE;
    }
    c->tokens = tokens;
}

static void pass_extract(corpus *c)
{
    size_t mentions = 0, inferred = 0;
    giji_meeting *ms[PER_CALL_MAX];
    size_t per = c->per_call;
    for (size_t i = 0; i < c->n; i += per) {
        size_t k = 0;
        for (; k < per && i + k < c->n; k++)
            ms[k] = &c->meetings[i + k];
        if (giji_extract_meetings(c->x, c->rules, ms, k) != GIJI_OK)
            die("extract");
    }
    size_t discovered = 0;
    for (size_t i = 0; i < c->n; i++) {
        const giji_meeting *m = &c->meetings[i];
        for (size_t r = 0; r < m->nremarks; r++) {
            mentions += m->remarks[r].nmentions;
            inferred += m->remarks[r].attribution == GIJI_ATTR_INFERRED;
        }
        for (size_t e = 0; e < m->nentities; e++)
            discovered += m->entities[e].discovered;
    }
    c->mentions = mentions;
    c->inferred = inferred;
    c->discovered = discovered;
}

static void reset_all(corpus *c)
{
    for (size_t i = 0; i < c->n; i++)
        reset_meeting(&c->meetings[i]);
}

/* k timed passes: the mean pass in wall (returned) and CPU time (*cpu). */
static double timed_passes(corpus *c, void (*pass)(corpus *), int resets, int k, double *cpu)
{
    double sum = 0, sum_cpu = 0;
    for (int i = 0; i < k; i++) {
        if (resets)
            reset_all(c);
        double s = now(), sc = cpu_now();
        pass(c);
        sum_cpu += cpu_now() - sc;
        sum += now() - s;
    }
    *cpu = sum_cpu / k;
    return sum / k;
}

/* Best time of one pass: a warm-up pass sets k, passes per trial, so that a
 * trial lasts at least min_s; best of 3 trials, for the wall clock and
 * (in *cpu) for CPU time separately. *passes gets 1 + 3k. */
static double bench(corpus *c, void (*pass)(corpus *), int resets, double min_s, int *k_out, double *cpu)
{
    if (resets)
        reset_all(c);
    double t0 = now();
    pass(c);
    double warm = now() - t0;
    int k = warm > 0 ? (int)ceil(min_s / warm) : 1;
    if (k < 1)
        k = 1;
    double best = 1e300, best_cpu = 1e300;
    for (int t = 0; t < 3; t++) {
        double tc;
        double tw = timed_passes(c, pass, resets, k, &tc);
        if (tw < best)
            best = tw;
        if (tc < best_cpu)
            best_cpu = tc;
    }
    *k_out = k;
    *cpu = best_cpu;
    return best;
}

/* One trial: an untimed warm-up pass, then k timed passes; the mean pass
 * in wall (returned) and CPU time (*cpu). */
static double trial(corpus *c, void (*pass)(corpus *), int resets, int k, double *cpu)
{
    if (resets)
        reset_all(c);
    pass(c);
    return timed_passes(c, pass, resets, k, cpu);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* --alternate: n pairs of trials, MeCab then extraction (c->x), each of
 * k passes (k from one pass of each, so a trial lasts min_s). Best times
 * into *t_m, *c_m, *t_x, *c_x; returns the median ratio of the pairs' CPU
 * times. */
static double alternate_pairs(corpus *c, int n, double min_s, int *km, int *kx, double *t_m, double *c_m,
                              double *t_x, double *c_x)
{
    double cm, cx;
    double wm = trial(c, pass_mecab, 0, 1, &cm), wx = trial(c, pass_extract, 1, 1, &cx);
    *km = wm > 0 ? (int)ceil(min_s / wm) : 1;
    *kx = wx > 0 ? (int)ceil(min_s / wx) : 1;
    if (*km < 1) *km = 1;
    if (*kx < 1) *kx = 1;
    double *ratios = calloc((size_t)n, sizeof *ratios);
    *t_m = *c_m = *t_x = *c_x = 1e300;
    for (int i = 0; i < n; i++) {
        double tm = trial(c, pass_mecab, 0, *km, &cm), tx = trial(c, pass_extract, 1, *kx, &cx);
        printf("  pair %2d: MeCab CPU %.3f s, extract CPU %.3f s, ratio %.3f\n", i + 1, cm, cx, cx / cm);
        ratios[i] = cx / cm;
        if (tm < *t_m) *t_m = tm;
        if (cm < *c_m) *c_m = cm;
        if (tx < *t_x) *t_x = tx;
        if (cx < *c_x) *c_x = cx;
    }
    qsort(ratios, (size_t)n, sizeof *ratios, cmp_double);
    double med = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2;
    free(ratios);
    return med;
}

/* Is `name` one of the comma-separated phases in `list`? */
static int has_phase(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        const char *q = strchr(p, ',');
        size_t l = q ? (size_t)(q - p) : strlen(p);
        if (l == n && !strncmp(p, name, n))
            return 1;
        p += l + (q != NULL);
    }
    return 0;
}

static void usage(void)
{
    fputs("usage: giji-bench-extract DIR [--limit-mb N] [--min-seconds S] [--data DIR]\n"
          "                          [--phases mecab,extract,gazetteer] [--alternate N]\n"
          "                          [--per-call N (1-64, default 32)]\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *dir = NULL, *data = NULL, *phases = "mecab,extract,gazetteer";
    double limit_mb = 0, min_s = 2.0;
    int alternate = 0;
    size_t per_call = 32;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--limit-mb") && i + 1 < argc)
            limit_mb = atof(argv[++i]);
        else if (!strcmp(argv[i], "--min-seconds") && i + 1 < argc)
            min_s = atof(argv[++i]);
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--phases") && i + 1 < argc)
            phases = argv[++i];
        else if (!strcmp(argv[i], "--alternate") && i + 1 < argc)
            alternate = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--per-call") && i + 1 < argc) {
            per_call = (size_t)atoi(argv[++i]);
            if (per_call < 1 || per_call > PER_CALL_MAX)
                usage();
        }
        else if (argv[i][0] == '-' || dir)
            usage();
        else
            dir = argv[i];
    }
    if (!dir)
        usage();

    /* the files, in name order, up to the limit */
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "giji-bench-extract: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    size_t nnames = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".txt")) {
            names = realloc(names, (nnames + 1) * sizeof *names);
            names[nnames++] = strdup(de->d_name);
        }
    }
    closedir(d);
    if (!nnames) {
        fprintf(stderr, "giji-bench-extract: %s: no .txt files\n", dir);
        return 1;
    }
    qsort(names, nnames, sizeof *names, cmp_str);
    input *in = calloc(nnames, sizeof *in);
    size_t nin = 0, bytes = 0;
    double t0 = now();
    for (size_t i = 0; i < nnames; i++) {
        if (limit_mb > 0 && (double)bytes >= limit_mb * 1e6)
            break;
        size_t l = strlen(dir) + strlen(names[i]) + 2;
        in[nin].path = malloc(l);
        snprintf(in[nin].path, l, "%s/%s", dir, names[i]);
        read_file(&in[nin]);
        bytes += in[nin].len;
        nin++;
    }
    double t_read = now() - t0;
    double mb = (double)bytes / 1e6;

    giji_rules *rules = NULL;
    giji_gazetteer *gz = NULL;
    if (giji_rules_load(data, &rules) != GIJI_OK)
        die("rules");
    if (giji_gazetteer_load(data, NULL, 0, &gz) != GIJI_OK)
        die("gazetteer");

    /* decode + normalize + segment, one pass, timed together */
    corpus c = {0};
    c.per_call = per_call;
    c.rules = rules;
    c.meetings = calloc(nin, sizeof *c.meetings);
    size_t failed = 0;
    t0 = now();
    for (size_t i = 0; i < nin; i++) {
        giji_text text = {0};
        giji_doc doc = {0};
        int rc = giji_decode(in[i].path, in[i].bytes, in[i].len, &text);
        if (!rc)
            rc = giji_doc_build(in[i].path, text.text, text.len, &doc);
        giji_text_free(&text);
        if (!rc)
            rc = giji_segment(rules, in[i].path, &doc, &c.meetings[c.n]);
        giji_doc_free(&doc);
        if (rc) {
            fprintf(stderr, "giji-bench-extract: %s\n", giji_error_message());
            failed++;
            continue;
        }
        c.n++;
    }
    double t_seg = now() - t0;

    /* remark texts for MeCab (NFKC, as discovery sees them), untimed */
    for (size_t i = 0; i < c.n; i++)
        c.nremarks += c.meetings[i].nremarks;
    c.norm = calloc(c.nremarks ? c.nremarks : 1, sizeof *c.norm);
    c.normlen = calloc(c.nremarks ? c.nremarks : 1, sizeof *c.normlen);
    size_t k = 0, raw_bytes = 0;
    for (size_t i = 0; i < c.n; i++)
        for (size_t r = 0; r < c.meetings[i].nremarks; r++, k++) {
            const char *t = c.meetings[i].remarks[r].text;
            raw_bytes += strlen(t);
            if (!(c.norm[k] = giji_nfkc(t, strlen(t))))
                die("nfkc");
            c.normlen[k] = strlen(c.norm[k]);
            c.remark_bytes += c.normlen[k];
        }
    double rmb = (double)c.remark_bytes / 1e6;

    printf("giji-bench-extract: %s: %zu files (%zu failed), %.2f MB, %zu meetings, %zu remarks "
           "(%.2f MB of remark text)\n",
           dir, nin, failed, mb, c.n, c.nremarks, (double)raw_bytes / 1e6);
    printf("  %-28s %8.2f MB  %9.3f s  %8.1f MB/s\n", "read files", mb, t_read, mb / t_read);
    printf("  %-28s %8.2f MB  %9.3f s  %8.1f MB/s  (1 pass)\n", "decode+normalize+segment", mb, t_seg,
           mb / t_seg);

    /* (a) MeCab alone, fresh instance */
    c.mecab = mecab_new2("");
    if (!c.mecab) {
        fprintf(stderr, "giji-bench-extract: MeCab could not start: %s\n", mecab_strerror(NULL));
        return 1;
    }
    int km = 0, kx = 0, kg = 0;
    double c_mecab = 0, c_x = 0, c_g = 0, t_mecab = 0, t_x = 0, t_g = 0, pair_ratio = 0;
    giji_extract_options opt = {.discover = 1, .infer = 1};
    if (alternate > 0) {   /* MeCab and extraction, pair by pair */
        if (giji_extractor_new(gz, data, &opt, &c.x) != GIJI_OK)
            die("extractor");
        pair_ratio = alternate_pairs(&c, alternate, min_s, &km, &kx, &t_mecab, &c_mecab, &t_x, &c_x);
        giji_extractor_free(c.x);
        printf("  %-28s %8.2f MB  %9.3f s  (%zu tokens; best of %d x %d passes; CPU %.3f s)\n",
               "mecab_sparse_tonode2", rmb, t_mecab, c.tokens, alternate, km, c_mecab);
        printf("  %-28s %8.2f MB  %9.3f s  (%zu mentions, %zu discovered entities, %zu inferred; best of %d x "
               "%d passes; CPU %.3f s)\n",
               "giji_extract_meeting", rmb, t_x, c.mentions, c.discovered, c.inferred, alternate, kx, c_x);
        printf("  median of the %d pairs' CPU ratios: %.3f\n", alternate, pair_ratio);
        phases = has_phase(phases, "gazetteer") ? "gazetteer" : "";
    }
    if (has_phase(phases, "mecab")) {
        t_mecab = bench(&c, pass_mecab, 0, min_s, &km, &c_mecab);
        printf("  %-28s %8.2f MB  %9.3f s  %8.2f MB/s  %8.0f remarks/s  (%zu tokens; best of 3 x %d passes; "
               "CPU %.3f s)\n",
               "mecab_sparse_tonode2", rmb, t_mecab, rmb / t_mecab, (double)c.nremarks / t_mecab, c.tokens,
               km, c_mecab);
    }

    /* (b) giji_extract_meeting: gazetteer + discovery + inference */
    if (has_phase(phases, "extract")) {
        if (giji_extractor_new(gz, data, &opt, &c.x) != GIJI_OK)
            die("extractor");
        t_x = bench(&c, pass_extract, 1, min_s, &kx, &c_x);
        printf("  %-28s %8.2f MB  %9.3f s  %8.2f MB/s  %8.0f remarks/s  (%zu mentions, %zu discovered "
               "entities, %zu inferred; best of 3 x %d passes; CPU %.3f s)\n",
               "giji_extract_meeting", rmb, t_x, rmb / t_x, (double)c.nremarks / t_x, c.mentions,
               c.discovered, c.inferred, kx, c_x);
        giji_extractor_free(c.x);
    }

    /* (c) the same without discovery: what matching + inference cost */
    opt.discover = 0;
    if (has_phase(phases, "gazetteer")) {
        if (giji_extractor_new(gz, data, &opt, &c.x) != GIJI_OK)
            die("extractor");
        t_g = bench(&c, pass_extract, 1, min_s, &kg, &c_g);
        printf("  %-28s %8.2f MB  %9.3f s  %8.2f MB/s  %8.0f remarks/s  (%zu mentions; best of 3 x %d "
               "passes; CPU %.3f s)\n",
               "  of which without discovery", rmb, t_g, rmb / t_g, (double)c.nremarks / t_g, c.mentions, kg,
               c_g);
        giji_extractor_free(c.x);
    }

    double ratio = t_mecab > 0 ? t_x / t_mecab : 0, cpu_ratio = c_mecab > 0 ? c_x / c_mecab : 0;
    if (t_mecab > 0 && t_x > 0)
        printf("  ratio extract/MeCab: %.2f (target <= 1.30: %s); in CPU time: %.2f\n", ratio,
               ratio <= 1.3 ? "met" : "missed", cpu_ratio);
    printf("RESULT files=%zu mb=%.3f meetings=%zu remarks=%zu remark_mb=%.3f segment_s=%.4f mecab_s=%.4f "
           "extract_s=%.4f gazetteer_only_s=%.4f ratio=%.3f mecab_cpu_s=%.4f extract_cpu_s=%.4f "
           "cpu_ratio=%.3f pair_cpu_ratio=%.3f\n",
           nin, mb, c.n, c.nremarks, rmb, t_seg, t_mecab, t_x, t_g, ratio, c_mecab, c_x, cpu_ratio, pair_ratio);

    mecab_destroy(c.mecab);
    for (size_t i = 0; i < c.nremarks; i++)
        free(c.norm[i]);
    free(c.norm);
    free(c.normlen);
    for (size_t i = 0; i < c.n; i++)
        giji_meeting_free(&c.meetings[i]);
    free(c.meetings);
    for (size_t i = 0; i < nin; i++) {
        free(in[i].path);
        free(in[i].bytes);
    }
    free(in);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    giji_gazetteer_free(gz);
    giji_rules_free(rules);
    return failed ? 1 : 0;
}
