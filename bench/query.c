/*
 * bench/query.c — giji-bench-query: how long the query commands take on a
 * stored corpus (issue 8: under 100 ms on the 1 GB database).
 *
 *   giji-bench-query DB [--per-class N] [--reps R] [--limit L] [--only QUERY[:CLASS]]
 *
 * Picks its targets from the database itself: the N most mentioned
 * entities, N from the middle of the ranking and N of the least mentioned;
 * the same for persons by remarks; and fixed search texts (2 characters,
 * which the trigram index cannot answer, 3 and long, frequent and rare).
 * Each query opens the database, runs, and closes it, as a command does
 * (the process start, argument parsing and printing are not included), and
 * is run R times; the best of the R is kept (the machine is shared), and
 * also the worst. Prints one CSV line per query:
 *   query,class,target,results,best_ms,worst_ms,best_cpu_ms
 * and then per query and class the median and the worst of the best times,
 * in wall-clock time and in CPU time (that of the best run; on a shared
 * machine the fairer figure).
 * `who` is run as the command defaults (3 remarks of each of 20 speakers)
 * and with every speaker (--speakers 0 --limit L, L default 10); `remarks`
 * with every remark (--limit 0) and with --limit L; `search` with the
 * command's default --limit 50. `--only QUERY[:CLASS]` (names of the first
 * two columns, e.g. search or search:frequent) runs that query (of that
 * class) only, for comparing builds quickly.
 *
 * Not part of giji: a tool of bench/, using only the public API.
 */
#define _POSIX_C_SOURCE 200809L
#include "giji/giji.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef enum { Q_WHO, Q_WHO_LIMIT, Q_WHO_TEXT, Q_TOPICS, Q_SEARCH, Q_REMARKS, Q_REMARKS_LIMIT, Q_TIMELINE } qkind;
static const char *const qname[] = {"who", "who --speakers 0", "who TEXT", "topics", "search",
                                    "remarks --entity", "remarks --entity --limit", "timeline"};

typedef struct result {
    qkind kind;
    const char *cls;
    char *target;
    double best, worst;
    double cpu;                    /* CPU seconds of the best run */
    size_t n;
} result;

static const char *db;
static size_t limit = 10;
static const char *only;           /* --only: the one query to run, or NULL */
static const char *only_class;     /* and the one class of it, or NULL */

static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One query on a freshly opened store: seconds, or < 0 on error; *cpu
 * gets its CPU seconds (on a shared machine the fairer figure). */
static double once(qkind k, const char *target, long long id, size_t *n, double *cpu)
{
    double c0 = cpu_now();
    double t0 = now();
    giji_store *st;
    if (giji_store_open(db, &st) != GIJI_OK)
        return -1;
    giji_query_opts o = {0};
    int rc = GIJI_OK;
    *n = 0;
    switch (k) {
    case Q_WHO:
    case Q_WHO_LIMIT:
    case Q_WHO_TEXT: {
        /* the command's defaults, or every speaker with --limit L */
        o.limit = k == Q_WHO_LIMIT ? limit : 3;
        o.speakers = k == Q_WHO_LIMIT ? 0 : 20;
        giji_who w;
        if ((rc = giji_query_who(st, target, &o, &w)) == GIJI_OK) {
            *n = w.remarks;
            giji_who_free(&w);
        }
        break;
    }
    case Q_TOPICS: {
        giji_topics t;
        if ((rc = giji_query_topics(st, target, &o, &t)) == GIJI_OK) {
            *n = (size_t)t.remarks;
            giji_topics_free(&t);
        }
        break;
    }
    case Q_SEARCH: {
        o.limit = 50;
        giji_hits h;
        if ((rc = giji_query_search(st, target, &o, &h)) == GIJI_OK) {
            *n = h.total;
            giji_hits_free(&h);
        }
        break;
    }
    case Q_REMARKS:
    case Q_REMARKS_LIMIT: {
        o.limit = k == Q_REMARKS_LIMIT ? limit : 0;
        giji_hit_filter f = {.entities = &id, .nentities = 1};
        giji_hits h;
        if ((rc = giji_query_remarks(st, &f, &o, &h)) == GIJI_OK) {
            *n = h.total;
            giji_hits_free(&h);
        }
        break;
    }
    case Q_TIMELINE: {
        giji_timeline t;
        if ((rc = giji_query_timeline(st, target, &o, GIJI_BY_MEETING, &t)) == GIJI_OK) {
            *n = t.n;
            giji_timeline_free(&t);
        }
        break;
    }
    }
    giji_store_close(st);
    double t1 = now();
    *cpu = cpu_now() - c0;
    if (rc != GIJI_OK && rc != GIJI_ENOTFOUND) {
        fprintf(stderr, "%s %s: %s\n", qname[k], target, giji_error_message());
        return -1;
    }
    return t1 - t0;
}

static result *results;
static size_t nresults, capresults;

static int run(qkind k, const char *cls, const char *target, long long id, int reps)
{
    if ((only && strcmp(only, qname[k])) || (only_class && strcmp(only_class, cls)))
        return 0;
    result r = {k, cls, strdup(target), 1e9, 0, 0, 0};
    for (int i = 0; i < reps; i++) {
        double cpu;
        double s = once(k, target, id, &r.n, &cpu);
        if (s < 0)
            return 1;
        if (s < r.best) {
            r.best = s;
            r.cpu = cpu;
        }
        if (s > r.worst)
            r.worst = s;
    }
    printf("%s,%s,%s,%zu,%.2f,%.2f,%.2f\n", qname[k], cls, target, r.n, r.best * 1e3, r.worst * 1e3,
           r.cpu * 1e3);
    fflush(stdout);
    if (nresults == capresults) {
        capresults = capresults ? capresults * 2 : 64;
        results = realloc(results, capresults * sizeof *results);
    }
    results[nresults++] = r;
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* indices of N from the top, N from the middle, N from the bottom of 0..n) */
static void pick(size_t n, size_t per, size_t *idx, const char **cls, size_t *m)
{
    *m = 0;
    for (size_t i = 0; i < per && i < n; i++, (*m)++) {
        idx[*m] = i;
        cls[*m] = "frequent";
    }
    for (size_t i = 0; i < per && n / 2 + i < n; i++, (*m)++) {
        idx[*m] = n / 2 + i;
        cls[*m] = "middle";
    }
    for (size_t i = 0; i < per && i < n; i++, (*m)++) {
        idx[*m] = n - 1 - i;
        cls[*m] = "rare";
    }
}

int main(int argc, char **argv)
{
    size_t per = 5;
    int reps = 3;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--per-class") && i + 1 < argc)
            per = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
            limit = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
            char *colon = strchr(argv[i], ':');
            if (colon) {
                *colon = '\0';
                only_class = colon + 1;
            }
        }
        else if (!db && argv[i][0] != '-')
            db = argv[i];
        else {
            fprintf(stderr, "usage: giji-bench-query DB [--per-class N] [--reps R] [--limit L] [--only QUERY[:CLASS]]\n");
            return 2;
        }
    }
    if (!db || per < 1 || per > 50 || reps < 1) {
        fprintf(stderr, "usage: giji-bench-query DB [--per-class N] [--reps R] [--limit L] [--only QUERY[:CLASS]]\n");
        return 2;
    }
    giji_store *st;
    giji_entity_row *ents = NULL;
    giji_person_row *persons = NULL;
    size_t ne = 0, np = 0;
    if (giji_store_open(db, &st) != GIJI_OK || giji_store_entity_list(st, NULL, 1, &ents, &ne) != GIJI_OK ||
        giji_query_persons(st, NULL, &persons, &np) != GIJI_OK) {
        fprintf(stderr, "giji-bench-query: %s\n", giji_error_message());
        return 1;
    }
    giji_store_close(st);
    /* entities without mentions are no query anyone asks: leave them out */
    while (ne && ents[ne - 1].mentions == 0)
        ne--;
    while (np && persons[np - 1].remarks == 0)
        np--;
    fprintf(stderr, "giji-bench-query: %zu entities with mentions (most: %s, %lld), %zu persons with remarks "
                    "(most: %s, %lld)\n", ne, ne ? ents[0].name : "-", ne ? ents[0].mentions : 0, np,
            np ? persons[0].name : "-", np ? persons[0].remarks : 0);

    printf("query,class,target,results,best_ms,worst_ms,best_cpu_ms\n");
    size_t idx[150], m;
    const char *cls[150];
    int bad = 0;
    pick(ne, per, idx, cls, &m);
    for (size_t i = 0; i < m && !bad; i++) {
        const giji_entity_row *e = &ents[idx[i]];
        bad |= run(Q_WHO, cls[i], e->name, e->id, reps);
        bad |= run(Q_WHO_LIMIT, cls[i], e->name, e->id, reps);
        bad |= run(Q_REMARKS, cls[i], e->name, e->id, reps);
        bad |= run(Q_REMARKS_LIMIT, cls[i], e->name, e->id, reps);
        bad |= run(Q_TIMELINE, cls[i], e->name, e->id, reps);
    }
    pick(np, per, idx, cls, &m);
    for (size_t i = 0; i < m && !bad; i++)
        bad |= run(Q_TOPICS, cls[i], persons[idx[i]].name, persons[idx[i]].id, reps);
    /* 2 characters: no trigram, a scan of the remarks; 3 and more: the index */
    static const char *const texts[][2] = {
        {"情報", "2 chars"}, {"推進", "2 chars"}, {"震災", "2 chars"}, {"ＡＩ", "2 chars"},
        {"セキュリティ", "frequent"}, {"情報共有", "frequent"}, {"取り組み", "frequent"},
        {"経済産業省", "frequent"}, {"重要インフラ", "middle"}, {"人材育成", "middle"},
        {"サイバーセキュリティ戦略本部", "long"}, {"情報共有体制の強化について", "long"},
        {"海洋データ利活用", "rare"}, {"量子暗号通信網", "rare"}, {"存在しない語句です", "none"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts && !bad; i++) {
        bad |= run(Q_SEARCH, texts[i][1], texts[i][0], 0, reps);
        if (!strcmp(texts[i][1], "frequent") || !strcmp(texts[i][1], "long"))
            bad |= run(Q_WHO_TEXT, texts[i][1], texts[i][0], 0, reps);
    }
    giji_entity_rows_free(ents, ne);
    giji_person_rows_free(persons, np);
    if (bad)
        return 1;

    /* summary: per query and class, the median and the worst of the best times */
    printf("\nquery,class,queries,median_ms,worst_ms,max_results,median_cpu_ms,worst_cpu_ms\n");
    for (int k = 0; k <= Q_TIMELINE; k++) {
        const char *classes[16];
        size_t nc = 0;
        for (size_t i = 0; i < nresults; i++) {
            if (results[i].kind != (qkind)k)
                continue;
            size_t c = 0;
            while (c < nc && strcmp(classes[c], results[i].cls))
                c++;
            if (c == nc && nc < 16)
                classes[nc++] = results[i].cls;
        }
        for (size_t c = 0; c <= nc; c++) { /* c == nc: all classes */
            double t[256], u[256];
            size_t n = 0, maxn = 0;
            for (size_t i = 0; i < nresults && n < 256; i++)
                if (results[i].kind == (qkind)k && (c == nc || !strcmp(results[i].cls, classes[c]))) {
                    u[n] = results[i].cpu;
                    t[n++] = results[i].best;
                    if (results[i].n > maxn)
                        maxn = results[i].n;
                }
            if (!n)
                continue;
            qsort(t, n, sizeof *t, cmp_double);
            qsort(u, n, sizeof *u, cmp_double);
            double med = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
            double umed = n % 2 ? u[n / 2] : (u[n / 2 - 1] + u[n / 2]) / 2;
            printf("%s,%s,%zu,%.2f,%.2f,%zu,%.2f,%.2f\n", qname[k], c == nc ? "all" : classes[c], n,
                   med * 1e3, t[n - 1] * 1e3, maxn, umed * 1e3, u[n - 1] * 1e3);
        }
    }
    for (size_t i = 0; i < nresults; i++)
        free(results[i].target);
    free(results);
    return 0;
}
