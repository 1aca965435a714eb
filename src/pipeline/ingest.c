/*
 * pipeline/ingest.c — drives files through decode -> normalize -> segment ->
 * extract -> store. Responsible for the order of the stages, for skipping
 * work when the content is already stored, and for running the stages of
 * many files on worker threads while one thread writes, in batches of files
 * per transaction, committed after a few dozen files or seconds (a batch a
 * file's store broke is stored again file by file); each stage owns its
 * own logic.
 */
#include "giji/ingest.h"
#include "giji/normalize.h"
#include "util/error.h"
#include "util/io.h"
#include "util/sha256.h"
#include "util/str.h"
#include "util/strmap.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Files per transaction, seconds a stored file may wait for its commit,
 * and raw bytes per batch (bounds the memory of the results held until the
 * commit); giji_ingest_options can lower the first two. */
#define GIJI_INGEST_BATCH_FILES 64
#define GIJI_INGEST_BATCH_SECONDS 2.0
#define GIJI_INGEST_BATCH_BYTES (16u << 20)

/* How far the workers may run ahead of the writer: files per worker, and
 * raw bytes parsed and not yet taken by the writer (a parsed file holds
 * several times its size). Two files per worker left both cores idle while
 * the writer committed a batch: 165% CPU instead of 195% in the parallel
 * part of a load (bench/README.md, "Ingest: the workers' window and the
 * finish's journal"). */
#define GIJI_INGEST_AHEAD_FILES 64
#define GIJI_INGEST_AHEAD_BYTES (8u << 20)

/* A worker reads and segments up to this many files (and as many raw
 * bytes, unless one file is more) before it extracts their meetings in one
 * call: MeCab then goes over all of their remarks before any is matched,
 * which keeps its tables in the caches, and the matching goes over many
 * meetings while its own tables are warm (giji_extract_meetings): 16 to 64
 * meetings a call cut extraction's CPU by 5-8% against one, more meetings
 * a little more (bench/README.md, "Extraction over several meetings"); a
 * group holds a few MB parsed. Only files free
 * to be taken join a group (the writer may be waiting for its first), so
 * the window below is several groups wide. */
#define GIJI_INGEST_GROUP_FILES 32
#define GIJI_INGEST_GROUP_BYTES (1u << 20)

/* Once a load has stored this many new or changed files, and at least as
 * many as the corpus held before, the rest of it is a bulk load
 * (store/bulk.c): the derived counts (store/counts.c), the full-text index,
 * entity_remarks and the index of mentions by entity are made once at the
 * end instead of batch by batch. Kept row by row, the counts cost a large
 * load a quarter more CPU at 1 GiB; made at the end, all of them together
 * took a 1 GiB load from 470 to 392 CPU-s (bench/README.md, "The writer,
 * seventh round"). (Counted as files are stored, so that re-reading a
 * stored corpus, all unchanged, changes nothing.) */
#define GIJI_INGEST_BULK_FILES 256

/* A file after the parsing stages, before the store. */
typedef struct prepared {
    giji_source src;
    int known;                   /* content already stored: nothing parsed */
    giji_ingest_result res;
} prepared;

/* The k-th meeting (k >= 2) of a file: its source name and content hash
 * (giji_ingest_part). */
static int name_part(const prepared *p, size_t k, giji_ingest_part *part)
{
    size_t len = strlen(p->src.name) + 24;
    char key[65 + 24];
    if (!(part->name = malloc(len)))
        return GIJI_NOMEM();
    snprintf(part->name, len, "%s#%zu", p->src.name, k);
    int n = snprintf(key, sizeof key, "%s#%zu", p->src.sha256, k);
    giji_sha256_hex(key, (size_t)n, part->sha256);
    return GIJI_OK;
}

/* Segment and extract each meeting of the document (giji_segment_all):
 * the first into p->res.meeting, the others into p->res.parts. */
static int segment_all(const giji_rules *rules, giji_extractor *x, const char *path, const giji_doc *doc,
                       prepared *p)
{
    giji_meeting *ms;
    size_t n;
    int rc = giji_segment_all(rules, path, doc, &ms, &n);
    if (rc)
        return rc;
    p->res.meeting = ms[0];
    if (n > 1 && !(p->res.parts = calloc(n - 1, sizeof *p->res.parts))) {
        for (size_t k = 1; k < n; k++)
            giji_meeting_free(&ms[k]);
        free(ms);
        return GIJI_NOMEM();
    }
    for (size_t k = 1; k < n; k++)
        p->res.parts[k - 1].meeting = ms[k];
    p->res.nparts = n - 1;
    free(ms);
    for (size_t k = 0; k < n && !rc; k++) {
        giji_meeting *m = k ? &p->res.parts[k - 1].meeting : &p->res.meeting;
        if (k)
            rc = name_part(p, k + 1, &p->res.parts[k - 1]);
        if (!rc && x && (rc = giji_extract_meeting(x, rules, m)) != GIJI_OK)
            giji_error_prefix("%s: ", path);
    }
    return rc;
}

/* Read, hash, and unless `known(sha)` decode, segment and extract. */
static int prepare(const giji_rules *rules, giji_extractor *x, const char *path, int force,
                   int (*known)(void *, const char *), void *kctx, prepared *p)
{
    memset(p, 0, sizeof *p);
    p->res.meeting.session = -1;
    unsigned char *raw = NULL;
    size_t len = 0;
    int rc = giji_file_read(path, &raw, &len);
    if (rc)
        return rc;
    p->src.name = giji_path_base(path);
    p->src.path = path;
    p->src.size = len;
    giji_sha256_hex(raw, len, p->src.sha256);
    if (!force && known(kctx, p->src.sha256)) {
        free(raw);
        p->known = 1;
        return GIJI_OK;
    }
    giji_text text = {0};
    giji_doc doc = {0};
    rc = giji_decode(path, raw, len, &text);
    free(raw);
    if (!rc) {
        p->res.encoding = text.encoding;
        p->res.had_bom = text.had_bom;
        p->res.crlf = text.crlf;
        p->src.encoding = giji_encoding_name(text.encoding);
        rc = giji_doc_build(path, text.text, text.len, &doc);
    }
    giji_text_free(&text);
    if (!rc)
        rc = segment_all(rules, x, path, &doc, p);
    giji_doc_free(&doc);
    return rc;
}

/* Store the file's meetings in one transaction (the batch's, inside one):
 * the first under the file's name, the others as its parts. */
static int put_all(giji_store *st, int force, prepared *p)
{
    size_t n = 1 + p->res.nparts;
    giji_source *srcs = malloc(n * sizeof *srcs);
    const giji_meeting **ms = malloc(n * sizeof *ms);
    giji_store_status *status = malloc(n * sizeof *status);
    long long *ids = malloc(n * sizeof *ids);
    int rc = srcs && ms && status && ids ? GIJI_OK : GIJI_NOMEM();
    for (size_t k = 0; k < n && !rc; k++) {
        srcs[k] = p->src;
        srcs[k].part = (unsigned)k + 1;
        srcs[k].parts = (unsigned)n;
        ms[k] = &p->res.meeting;
        if (k) {
            srcs[k].name = p->res.parts[k - 1].name;
            memcpy(srcs[k].sha256, p->res.parts[k - 1].sha256, sizeof srcs[k].sha256);
            ms[k] = &p->res.parts[k - 1].meeting;
        }
    }
    if (!rc)
        rc = giji_store_put_parts(st, srcs, ms, n, force, status, ids);
    for (size_t k = 0; k < n && status && ids; k++) {
        giji_store_status s = rc ? GIJI_STORE_UNCHANGED : status[k];
        long long id = rc ? 0 : ids[k];
        if (k) {
            p->res.parts[k - 1].status = s;
            p->res.parts[k - 1].meeting_id = id;
        } else {
            p->res.status = s;
            p->res.meeting_id = id;
        }
    }
    free(srcs);
    free(ms);
    free(status);
    free(ids);
    return rc;
}

static int ask_store(void *st, const char *sha);
static int never_known(void *ctx, const char *sha) { (void)ctx; (void)sha; return 0; }

/* Store a prepared file (the writer's half). A file skipped as already
 * stored is parsed here after all when its content has gone meanwhile (an
 * earlier file of the same batch replaced the source that held it); `x`
 * extracts it then. */
static int commit(giji_store *st, const giji_rules *rules, giji_extractor *x, int force, prepared *p)
{
    int found = 0, rc;
    if (p->known) {
        if ((rc = giji_store_has_content(st, p->src.sha256, &found, &p->res.same_as)) || found) {
            p->res.status = GIJI_STORE_UNCHANGED;
            return rc;
        }
        const char *path = p->src.path;
        if ((rc = prepare(rules, x, path, force, never_known, NULL, p)))
            return rc;
    }
    if ((rc = put_all(st, force, p)))
        return rc;
    /* stored under another name earlier in this batch: say which */
    if (!rc && p->res.status == GIJI_STORE_UNCHANGED && !p->res.same_as)
        rc = giji_store_has_content(st, p->src.sha256, &found, &p->res.same_as);
    return rc;
}

static int ask_store(void *st, const char *sha)
{
    int found = 0;
    return giji_store_has_content(st, sha, &found, NULL) == GIJI_OK && found;
}

int giji_ingest_file(giji_store *st, const giji_rules *rules, giji_extractor *x, const char *path,
                     int force, giji_ingest_result *res)
{
    prepared p;
    int rc = prepare(rules, x, path, force, ask_store, st, &p);
    if (!rc)
        rc = commit(st, rules, x, force, &p);
    *res = p.res;
    return rc;
}

void giji_ingest_result_free(giji_ingest_result *res)
{
    free(res->same_as);
    giji_meeting_free(&res->meeting);
    for (size_t k = 0; k < res->nparts; k++) {
        free(res->parts[k].name);
        giji_meeting_free(&res->parts[k].meeting);
    }
    free(res->parts);
    memset(res, 0, sizeof *res);
}

/* ---- many files ---------------------------------------------------------- */

typedef struct slot {
    prepared p;
    int rc;
    char error[1024];
    int ready;
} slot;

typedef struct batch {
    const giji_rules *rules;
    const giji_gazetteer *gz;
    const giji_ingest_options *opt;
    const char *const *paths;
    size_t n;
    giji_strmap known;           /* content hashes stored before the batch */
    slot *slots;                 /* ring of `window` slots: file i uses slots[i % window] */
    size_t window;
    size_t next;                 /* next file to hand to a worker */
    size_t written;              /* files the writer is done with */
    size_t ahead_bytes;          /* raw bytes of the files parsed and not yet taken by the writer */
    volatile sig_atomic_t *stop;
    int failed_start;            /* a worker could not build its extractor */
    char start_error[1024];
    pthread_mutex_t mu;
    pthread_cond_t cv;
} batch;

static int known_hash(void *b, const char *sha)
{
    return giji_strmap_get(&((batch *)b)->known, sha) >= 0;
}

static int stopping(const batch *b) { return b->stop && *b->stop; }

/* The wait for the next file: the window is full, or (but for the next
 * file the writer needs) GIJI_INGEST_AHEAD_BYTES are parsed ahead of the
 * writer. Bounded memory: a worker never runs further ahead. */
static int must_wait(const batch *b)
{
    return b->next < b->n &&
           (b->next >= b->written + b->window || (b->next > b->written && b->ahead_bytes >= GIJI_INGEST_AHEAD_BYTES)) &&
           !stopping(b) && !b->failed_start;
}

static int nothing_left(const batch *b) { return b->next >= b->n || stopping(b) || b->failed_start; }

/* Read, decode and segment file i into its slot, not extracted yet. */
static void parse_file(batch *b, size_t i)
{
    slot *s = &b->slots[i % b->window];
    giji_error_clear();
    s->rc = prepare(b->rules, NULL, b->paths[i], b->opt->force, known_hash, b, &s->p);
    if (s->rc)
        snprintf(s->error, sizeof s->error, "%s", giji_error_message());
}

/* The meetings of files[0 .. n) to extract, in *out (NULL when none; freed
 * by the caller). */
static int group_meetings(batch *b, const size_t *files, size_t n, giji_meeting ***out, size_t *nout)
{
    size_t total = 0, k = 0;
    for (size_t f = 0; f < n; f++) {
        const slot *s = &b->slots[files[f] % b->window];
        total += s->rc || s->p.known ? 0 : 1 + s->p.res.nparts;
    }
    *out = NULL;
    *nout = 0;
    if (!total)
        return GIJI_OK;
    giji_meeting **ms = malloc(total * sizeof *ms);
    if (!ms)
        return GIJI_NOMEM();
    for (size_t f = 0; f < n; f++) {
        slot *s = &b->slots[files[f] % b->window];
        if (s->rc || s->p.known)
            continue;
        ms[k++] = &s->p.res.meeting;
        for (size_t j = 0; j < s->p.res.nparts; j++)
            ms[k++] = &s->p.res.parts[j].meeting;
    }
    *out = ms;
    *nout = total;
    return GIJI_OK;
}

/* Extract the meetings of the parsed files[0 .. n) in one call
 * (giji_extract_meetings: MeCab over all of them first). Should that
 * fail, each file is parsed and extracted again on its own, so that the
 * error names the file it belongs to, as for a file parsed alone. */
static void extract_group(batch *b, giji_extractor *x, const size_t *files, size_t n)
{
    if (!x)
        return;
    giji_meeting **ms;
    size_t nm;
    giji_error_clear();
    int rc = group_meetings(b, files, n, &ms, &nm);
    if (!rc && nm)
        rc = giji_extract_meetings(x, b->rules, ms, nm);
    free(ms);
    if (!rc)
        return;
    for (size_t f = 0; f < n; f++) {
        slot *s = &b->slots[files[f] % b->window];
        if (s->rc || s->p.known)
            continue;
        giji_ingest_result_free(&s->p.res);
        giji_error_clear();
        s->rc = prepare(b->rules, x, b->paths[files[f]], b->opt->force, known_hash, b, &s->p);
        if (s->rc)
            snprintf(s->error, sizeof s->error, "%s", giji_error_message());
    }
}

/* Is file i one of files[0 .. n)? */
static int holds(const size_t *files, size_t n, size_t i)
{
    for (size_t k = 0; k < n; k++)
        if (files[k] == i)
            return 1;
    return 0;
}

static void *worker(void *arg)
{
    batch *b = arg;
    giji_extractor *x = NULL;
    if (b->opt->extract && giji_extractor_new(b->gz, b->opt->datadir, &b->opt->extract_options, &x)) {
        pthread_mutex_lock(&b->mu);
        if (!b->failed_start) {
            b->failed_start = 1;
            snprintf(b->start_error, sizeof b->start_error, "%s", giji_error_message());
        }
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
        return NULL;
    }
    for (;;) {
        size_t group[GIJI_INGEST_GROUP_FILES], n = 0, bytes = 0;
        pthread_mutex_lock(&b->mu);
        while (must_wait(b))
            pthread_cond_wait(&b->cv, &b->mu);
        if (nothing_left(b)) {
            pthread_mutex_unlock(&b->mu);
            break;
        }
        group[n++] = b->next++;
        pthread_mutex_unlock(&b->mu);
        parse_file(b, group[0]);
        bytes += b->slots[group[0] % b->window].p.src.size;

        /* More files for the group. While the window is full, the worker
         * waits with its group only as long as the writer needs none of
         * its files: the file the writer needs is then held by the other
         * worker, which does not wait, or free to be taken. */
        while (n < GIJI_INGEST_GROUP_FILES && bytes < GIJI_INGEST_GROUP_BYTES) {
            pthread_mutex_lock(&b->mu);
            while (must_wait(b) && !holds(group, n, b->written))
                pthread_cond_wait(&b->cv, &b->mu);
            int more = !must_wait(b) && !nothing_left(b);
            size_t i = more ? b->next++ : 0;
            pthread_mutex_unlock(&b->mu);
            if (!more)
                break;
            group[n++] = i;
            parse_file(b, i);
            bytes += b->slots[i % b->window].p.src.size;
        }
        extract_group(b, x, group, n);

        pthread_mutex_lock(&b->mu);
        for (size_t k = 0; k < n; k++) {
            slot *s = &b->slots[group[k] % b->window];
            s->ready = 1;
            b->ahead_bytes += s->p.src.size;
        }
        pthread_cond_broadcast(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    giji_extractor_free(x);
    return NULL;
}

static int load_known(giji_store *st, giji_strmap *known)
{
    char **hashes;
    size_t n;
    int rc = giji_store_content_hashes(st, &hashes, &n);
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            rc = giji_strmap_put(known, hashes[i], 1);
        free(hashes[i]);
    }
    free(hashes);
    return rc;
}

static size_t default_threads(size_t n)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t t = cpus > 0 ? (size_t)cpus : 1;
    if (t > 8)
        t = 8;
    return t < n ? t : (n ? n : 1);
}

/* ---- the open batch: stored, not yet committed or reported ------------- */

typedef struct pending_item {
    prepared p;
    const char *path;
    int rc;              /* GIJI_OK, or why preparing or storing it failed */
    int stored;          /* went to the store (not failed before it) */
    char error[1024];
} pending_item;

typedef struct pending {
    giji_store *st;
    const giji_rules *rules;
    giji_extractor *x;
    int force;
    giji_ingest_cb cb;
    void *ctx;
    size_t *done;
    pending_item *items;
    size_t n, max_files;
    size_t bytes;                /* raw bytes of the files in the batch */
    double max_seconds;
    struct timespec opened;      /* CLOCK_MONOTONIC, when the first file came */
    int stop_now;                /* the callback asked to stop */
    size_t changed;              /* files stored new or changed so far */
    size_t bulk_at;              /* begin a bulk load at this many */
    int suspended;               /* bulk load begun, or at least the counts suspended */
    int bulk;                    /* this load began a bulk load (and finishes it) */
} pending;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static struct timespec deadline(const pending *pd)
{
    struct timespec t = pd->opened;
    double whole = (double)(long)pd->max_seconds;
    t.tv_sec += (time_t)whole;
    t.tv_nsec += (long)((pd->max_seconds - whole) * 1e9);
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* Store a file in the open batch (opening one if needed). `prc` is the
 * error of the workers' stages, with its message; such a file only waits
 * for its turn to be reported. */
static void add(pending *pd, prepared *p, const char *path, int prc, const char *perr)
{
    pending_item *it = &pd->items[pd->n++];
    memset(it, 0, sizeof *it);
    it->p = *p;
    memset(p, 0, sizeof *p);
    it->path = path;
    if (pd->n == 1)
        clock_gettime(CLOCK_MONOTONIC, &pd->opened);
    if (prc) {
        it->rc = prc;
        snprintf(it->error, sizeof it->error, "%s", perr);
        return;
    }
    pd->bytes += it->p.src.size;
    /* If the batch cannot begin (the database is locked by another
     * writer), the put below tries its own transaction and says why. */
    if (!giji_store_batch_open(pd->st))
        giji_store_batch_begin(pd->st);
    giji_error_clear();
    it->stored = 1;
    if ((it->rc = commit(pd->st, pd->rules, pd->x, pd->force, &it->p)))
        snprintf(it->error, sizeof it->error, "%s", giji_error_message());
}

/* Commit after this many files, seconds since the first, or bytes. */
static int due(const pending *pd)
{
    return pd->n >= pd->max_files || pd->bytes >= GIJI_INGEST_BATCH_BYTES ||
           (pd->n && since(&pd->opened) >= pd->max_seconds);
}

/* Commit the batch, then report its files in input order (`last`: no
 * batch follows). When the commit fails, or an error rolled the whole
 * transaction back, nothing of the batch is stored: each of its files is
 * stored again in a transaction of its own, so each is reported with what
 * really happened to it. */
static void flush(pending *pd, int last)
{
    if (!pd->n)
        return;
    if (giji_store_batch_commit(pd->st) != GIJI_OK)
        for (size_t k = 0; k < pd->n; k++) {
            pending_item *it = &pd->items[k];
            if (!it->stored)
                continue;
            giji_error_clear();
            it->error[0] = '\0';
            if ((it->rc = commit(pd->st, pd->rules, pd->x, pd->force, &it->p)))
                snprintf(it->error, sizeof it->error, "%s", giji_error_message());
        }
    /* every file here is stored or failed for good: all are reported, even
     * after the callback asked to stop */
    for (size_t k = 0; k < pd->n; k++) {
        pending_item *it = &pd->items[k];
        if (pd->cb && pd->cb(pd->ctx, *pd->done, it->path, it->rc, it->rc ? it->error : NULL, &it->p.res))
            pd->stop_now = 1;
        pd->changed += it->rc == GIJI_OK && !it->p.known;
        giji_ingest_result_free(&it->p.res);
        (*pd->done)++;
    }
    pd->n = 0;
    pd->bytes = 0;
    /* between batches (none open): a bulk load from here on. Should the
     * database be busy, or another process be loading in bulk, the load
     * goes on as before (then at least without the counts). Not after the
     * last batch: nothing would be left to load faster, only the index and
     * the counts to make again. */
    if (!pd->suspended && !last && pd->changed >= pd->bulk_at) {
        pd->suspended = 1;
        if (giji_store_bulk_begin(pd->st, &pd->bulk) != GIJI_OK)
            giji_error_clear();
        if (!pd->bulk && giji_store_counts_suspend(pd->st) != GIJI_OK)
            giji_error_clear();
    }
}

int giji_ingest_files(giji_store *st, const giji_rules *rules, const giji_gazetteer *gz,
                      const giji_ingest_options *opt, const char *const *paths, size_t n,
                      giji_ingest_cb cb, void *ctx, volatile sig_atomic_t *stop, size_t *done)
{
    *done = 0;
    if (n == 0)
        return GIJI_OK;
    batch b = {.rules = rules, .gz = gz, .opt = opt, .paths = paths, .n = n, .stop = stop};
    size_t threads = opt->threads > 0 ? (size_t)opt->threads : default_threads(n);
    if (threads > n)
        threads = n;
    b.window = threads * GIJI_INGEST_AHEAD_FILES;
    pending pend = {.st = st, .rules = rules, .x = opt->extract ? opt->extractor : NULL,
                    .force = opt->force, .cb = cb, .ctx = ctx, .done = done,
                    .max_files = opt->batch_files > 0 ? (size_t)opt->batch_files : GIJI_INGEST_BATCH_FILES,
                    .max_seconds = opt->batch_seconds > 0 ? opt->batch_seconds : GIJI_INGEST_BATCH_SECONDS};
    int rc = load_known(st, &b.known);
    if (!rc && !(b.slots = calloc(b.window, sizeof *b.slots)))
        rc = GIJI_NOMEM();
    if (!rc && !(pend.items = calloc(pend.max_files, sizeof *pend.items)))
        rc = GIJI_NOMEM();
    pthread_t *tids = rc ? NULL : calloc(threads, sizeof *tids);
    if (!rc && !tids)
        rc = GIJI_NOMEM();
    if (rc) {
        giji_strmap_free(&b.known);
        free(b.slots);
        free(pend.items);
        return rc;
    }
    pend.bulk_at = b.known.n > GIJI_INGEST_BULK_FILES ? b.known.n : GIJI_INGEST_BULK_FILES;
    pthread_mutex_init(&b.mu, NULL);
    /* the writer's timed wait counts on the monotonic clock */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&b.cv, &ca);
    pthread_condattr_destroy(&ca);
    size_t started = 0;
    for (; started < threads; started++)
        if (pthread_create(&tids[started], NULL, worker, &b) != 0)
            break;
    if (started == 0)
        rc = giji_error_set(GIJI_EINVAL, "cannot start a worker thread");

    for (size_t i = 0; !rc && i < n && !pend.stop_now; i++) {
        slot *s = &b.slots[i % b.window];
        pthread_mutex_lock(&b.mu);
        while (!s->ready && !b.failed_start && !stopping(&b)) {
            if (!pend.n) {
                pthread_cond_wait(&b.cv, &b.mu);
                continue;
            }
            /* files are waiting to be committed: not longer than the
             * batch's time limit, even when the next file takes long */
            struct timespec until = deadline(&pend);
            if (pthread_cond_timedwait(&b.cv, &b.mu, &until) == ETIMEDOUT && !s->ready) {
                pthread_mutex_unlock(&b.mu);
                flush(&pend, 0);
                pthread_mutex_lock(&b.mu);
            }
        }
        int ready = s->ready, failed = b.failed_start;
        pthread_mutex_unlock(&b.mu);
        if (failed && !ready) {
            rc = giji_error_set(GIJI_EINVAL, "%s", b.start_error);
            break;
        }
        if (!ready || stopping(&b)) { /* stopped: what is stored so far stays */
            if (ready) {
                giji_ingest_result_free(&s->p.res);
                s->ready = 0;
            }
            break;
        }
        /* the file moves from the ring to the open batch (freeing its
         * slot) and is stored there; it is reported once the batch commits */
        size_t bytes = s->p.src.size;
        add(&pend, &s->p, paths[i], s->rc, s->error);
        pthread_mutex_lock(&b.mu);
        s->ready = 0;
        b.written++;
        b.ahead_bytes -= bytes;
        pthread_cond_broadcast(&b.cv);
        pthread_mutex_unlock(&b.mu);
        if (due(&pend))
            flush(&pend, 0);
    }
    /* what is stored in the open batch stays: commit it (also on an
     * interrupt), then report it */
    flush(&pend, 1);
    if (pend.stop_now && stop)
        *stop = 1;
    /* let the workers see the end, then collect what they still hold */
    pthread_mutex_lock(&b.mu);
    b.next = n;
    pthread_cond_broadcast(&b.cv);
    pthread_mutex_unlock(&b.mu);
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    for (size_t i = 0; i < b.window; i++)
        if (b.slots[i].ready)
            giji_ingest_result_free(&b.slots[i].p.res);
    pthread_cond_destroy(&b.cv);
    pthread_mutex_destroy(&b.mu);
    giji_strmap_free(&b.known);
    free(b.slots);
    free(pend.items);
    free(tids);
    /* A bulk load is finished even when stopped: every query must find
     * what was stored (a second signal does not stop this; a killed
     * process leaves it to the next open, store/bulk.c). */
    if (pend.bulk) {
        int frc = giji_store_bulk_finish(st);
        if (!rc)
            rc = frc;
    }
    /* derived counts suspended by this load or an earlier one that was
     * stopped: compute them now, unless this one is being stopped (they
     * stay 'stale', which the queries know, until the next ingest) */
    int live = 1;
    if (!(stop && *stop) && giji_store_counts_live(st, &live) == GIJI_OK && !live) {
        int crc = giji_store_counts_rebuild(st);
        if (!rc)
            rc = crc;
    }
    return rc;
}
