/*
 * query/who_text.c — giji who of a text (no entity has the name): the
 * remarks that hold it come from the full-text index, their speakers and
 * meetings from the packed remark columns (store/cols.c), and are grouped
 * and counted here in one pass, so that no matching remark's row is read
 * but the few listed. A third of a 1 GiB corpus (658,510 remarks) took
 * 1.9 s reading rows; see bench/README.md, "Who of a text".
 * Not responsible for ranking or naming the groups, or reading the remarks
 * listed (who.c), nor for SQL (store/).
 */
#include "query/internal.h"
#include "util/array.h"
#include "util/error.h"
#include "util/str.h"
#include "util/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int query_who_by_rows = 0;

/* A match kept to be listed: its remark and its meeting (an index into
 * the meetings read). */
typedef struct sel {
    long long id;
    uint32_t m;
} sel;

/* A speaker's remarks while the matches are walked. */
typedef struct tgroup {
    long long person;              /* 0: unknown */
    const char *label;             /* an unknown speaker's label (in the columns) */
    size_t count, inferred, meetings;
    long long last_meeting;
    uint32_t first_m, last_m;      /* meetings of the earliest and latest known
                                      date; UINT32_MAX: none */
    sel *all;                      /* every match, in id order */
    size_t nall, capall;
    sel *sel;                      /* those whose keys are made, in corpus order:
                                      all of them, or the first `limit` (points
                                      into all, or its own array) */
    size_t nsel;
    int full;                      /* keys for every match (a speaker that may be
                                      listed: giji who gives all their ids) */
} tgroup;

typedef struct walk {
    const giji_text_remarks *t;
    size_t limit;
    uint32_t *index_of;            /* by meeting id: 1 + its index in t->meetings,
                                      0 out of scope */
    long long max_meeting;
    int32_t *day;                  /* by index in t->meetings: YYYYMMDD,
                                      INT32_MAX unknown; NULL when a date has
                                      another form */
    int *by_person;                /* by person id: group index, -1 none */
    long long max_person;
    giji_strmap labels;
    int anonymous;                 /* group index, -1 none */
    tgroup *g;
    size_t ng, capg;
    size_t remarks, meetings;
    int meetings_ordered;          /* meeting ids never went down along the walk */
} walk;

/* Dates as text (YYYY-MM-DD), an unknown one (NULL) after any. */
static int date_cmp(const char *a, const char *b)
{
    if (!a || !b)
        return !a - !b;
    return strcmp(a, b);
}

/* Meetings a and b (indexes) by date, unknown last: by their days when
 * every date had the form YYYY-MM-DD (the same order as the text's, at a
 * fraction of the cost over 658,510 matches), else by the text. */
static int meeting_date_cmp(const walk *w, uint32_t a, uint32_t b)
{
    if (w->day)
        return (w->day[a] > w->day[b]) - (w->day[a] < w->day[b]);
    return date_cmp(w->t->meetings[a].date, w->t->meetings[b].date);
}

/* Corpus order: date (unknown last), file name, then the remark's place
 * in its meeting (its id: a meeting's remarks are stored in seq order). */
static int sel_cmp(const walk *w, const sel *a, const sel *b)
{
    if (a->m != b->m) {
        int c = meeting_date_cmp(w, a->m, b->m);
        return c ? c : strcmp(w->t->meetings[a->m].source, w->t->meetings[b->m].source);
    }
    return (a->id > b->id) - (a->id < b->id);
}

static void sel_swap(sel *a, sel *b)
{
    sel x = *a;
    *a = *b;
    *b = x;
}

static void sel_down(const walk *w, sel *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && sel_cmp(w, &h[l], &h[m]) > 0)
            m = l;
        if (r < n && sel_cmp(w, &h[r], &h[m]) > 0)
            m = r;
        if (m == i)
            return;
        sel_swap(&h[i], &h[m]);
        i = m;
    }
}

/* g->sel: the first `limit` of g->all in corpus order (a bounded heap
 * with the latest on top, then sorted), in an array of its own. */
static int sel_first(const walk *w, tgroup *g)
{
    size_t cap = w->limit < g->nall ? w->limit : g->nall;
    if (!(g->sel = malloc((cap ? cap : 1) * sizeof *g->sel)))
        return GIJI_NOMEM();
    g->nsel = 0;
    for (size_t k = 0; k < g->nall; k++) {
        sel s = g->all[k];
        if (g->nsel == cap) {
            if (sel_cmp(w, &s, &g->sel[0]) < 0) {
                g->sel[0] = s;
                sel_down(w, g->sel, g->nsel, 0);
            }
            continue;
        }
        size_t i = g->nsel++;
        g->sel[i] = s;
        while (i > 0 && sel_cmp(w, &g->sel[(i - 1) / 2], &g->sel[i]) < 0) {
            sel_swap(&g->sel[i], &g->sel[(i - 1) / 2]);
            i = (i - 1) / 2;
        }
    }
    for (size_t n = g->nsel; n > 1; n--) {
        sel_swap(&g->sel[0], &g->sel[n - 1]);
        sel_down(w, g->sel, n - 1, 0);
    }
    return GIJI_OK;
}

/* g->sel: all of g->all in corpus order, sorted in place (a merge sort:
 * n log n comparisons; they are mostly in order already). */
static int sel_all(const walk *w, tgroup *g)
{
    sel *tmp = malloc((g->nall ? g->nall : 1) * sizeof *tmp);
    if (!tmp)
        return GIJI_NOMEM();
    for (size_t width = 1; width < g->nall; width *= 2) {
        for (size_t lo = 0; lo < g->nall; lo += 2 * width) {
            size_t mid = lo + width < g->nall ? lo + width : g->nall;
            size_t hi = lo + 2 * width < g->nall ? lo + 2 * width : g->nall;
            size_t a = lo, b = mid, o = lo;
            while (a < mid || b < hi)
                tmp[o++] = b == hi || (a < mid && sel_cmp(w, &g->all[a], &g->all[b]) <= 0) ? g->all[a++]
                                                                                            : g->all[b++];
        }
        memcpy(g->all, tmp, g->nall * sizeof *tmp);
    }
    free(tmp);
    g->sel = g->all;
    g->nsel = g->nall;
    return GIJI_OK;
}

/* The group of column c: by person, by label, or the anonymous one. */
static int group_of(walk *w, const giji_remark_col *c, int *out)
{
    int *slot = NULL, found = -1;
    if (c->speaker)
        found = *(slot = &w->by_person[c->speaker]);
    else if (c->label)
        found = giji_strmap_get(&w->labels, c->label);
    else
        found = w->anonymous;
    if (found >= 0) {
        *out = found;
        return GIJI_OK;
    }
    int rc = giji_array_grow(&w->g, &w->capg, w->ng, sizeof *w->g);
    if (rc)
        return rc;
    int i = (int)w->ng++;
    memset(&w->g[i], 0, sizeof w->g[i]);
    w->g[i].person = c->speaker;
    w->g[i].first_m = w->g[i].last_m = UINT32_MAX;
    w->g[i].label = c->speaker ? NULL : c->label;
    if (slot)
        *slot = i;
    else if (c->label)
        rc = giji_strmap_put(&w->labels, c->label, i);
    else
        w->anonymous = i;
    *out = i;
    return rc;
}

/* One pass over the matches in id order. */
static int walk_matches(walk *w)
{
    const giji_text_remarks *t = w->t;
    long long prev = 0;
    w->meetings_ordered = 1;
    for (size_t i = 0; i < t->n; i++) {
        const giji_remark_col *c = &t->cols[i];
        if (!c->meeting || c->meeting > w->max_meeting || !w->index_of[c->meeting])
            continue; /* gone since, or out of scope */
        uint32_t m = w->index_of[c->meeting] - 1;
        int gi;
        int rc = group_of(w, c, &gi);
        if (rc)
            return rc;
        tgroup *g = &w->g[gi];
        g->count++;
        g->inferred += c->inferred != 0;
        /* with meeting ids never going down, a meeting's matches are next
         * to each other, and so are a group's within it */
        w->meetings_ordered &= c->meeting >= prev;
        w->meetings += c->meeting != prev;
        prev = c->meeting;
        if (c->meeting != g->last_meeting) {
            g->meetings++;
            g->last_meeting = c->meeting;
            if (t->meetings[m].date) {
                if (g->first_m == UINT32_MAX || meeting_date_cmp(w, m, g->first_m) < 0)
                    g->first_m = m;
                if (g->last_m == UINT32_MAX || meeting_date_cmp(w, m, g->last_m) > 0)
                    g->last_m = m;
            }
        }
        w->remarks++;
        if ((rc = giji_array_grow(&g->all, &g->capall, g->nall, sizeof *g->all)))
            return rc;
        g->all[g->nall++] = (sel){t->ids[i], m};
    }
    return GIJI_OK;
}

/* The distinct meetings, overall and by group, when the walk met a meeting
 * id lower than one before (a store other than giji's writers made): from
 * the (group, meeting) pairs sorted. */
static int count_meetings(walk *w)
{
    const giji_text_remarks *t = w->t;
    long long *pairs = malloc((w->remarks ? w->remarks : 1) * sizeof *pairs);
    long long *ms = malloc((w->remarks ? w->remarks : 1) * sizeof *ms);
    if (!pairs || !ms) {
        free(pairs);
        free(ms);
        return GIJI_NOMEM();
    }
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) {
        const giji_remark_col *c = &t->cols[i];
        if (!c->meeting || c->meeting > w->max_meeting || !w->index_of[c->meeting])
            continue;
        int gi;
        int rc = group_of(w, c, &gi); /* found, never made: the walk made them all */
        if (rc) {
            free(pairs);
            free(ms);
            return rc;
        }
        /* group below 2^31, meeting below 2^32 (walk_fits, the layout) */
        pairs[n] = (long long)gi << 32 | c->meeting;
        ms[n++] = c->meeting;
    }
    qsort(pairs, n, sizeof *pairs, giji_cmp_ll);
    qsort(ms, n, sizeof *ms, giji_cmp_ll);
    for (size_t i = 0; i < w->ng; i++)
        w->g[i].meetings = 0;
    w->meetings = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || pairs[i] != pairs[i - 1])
            w->g[pairs[i] >> 32].meetings++;
        w->meetings += i == 0 || ms[i] != ms[i - 1];
    }
    free(pairs);
    free(ms);
    return GIJI_OK;
}

/* The index of remark `id` in t->ids (it is there). */
static size_t index_of(const giji_text_remarks *t, long long id)
{
    return giji_array_lower_bound(t->ids, t->n, sizeof *t->ids, 0, id);
}

/* The keys of group g's selected matches, in corpus order, appended to
 * who->keys. */
static int group_keys(const walk *w, tgroup *g, giji_who *who, giji_who_group *out)
{
    int rc = g->full || !w->limit ? sel_all(w, g) : sel_first(w, g);
    if (rc)
        return rc;
    out->key_first = who->nkeys;
    out->nkeys = g->nsel;
    for (size_t i = 0; i < g->nsel; i++) {
        const giji_meeting_key *m = &w->t->meetings[g->sel[i].m];
        const giji_remark_col *c = &w->t->cols[index_of(w->t, g->sel[i].id)];
        giji_remark_key *k = &who->keys[who->nkeys++];
        memset(k, 0, sizeof *k);
        k->id = g->sel[i].id;
        k->meeting = m->id;
        k->speaker = c->speaker;
        k->inferred = c->inferred;
        /* seq stays 0: the keys are in corpus order already */
        if ((c->label && !(k->label = giji_strdup(c->label))) || (m->date && !(k->date = giji_strdup(m->date))) ||
            !(k->source = giji_strdup(m->source)))
            return GIJI_NOMEM();
    }
    return GIJI_OK;
}

static int size_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x < y) - (x > y);
}

/* Mark the groups that giji who may list (who.c ranks them: persons by
 * remarks, then labels, at most `speakers` of them; 0: all), ties at the
 * cut included: their keys are every match, as the rows' way gives them. */
static int mark_full(walk *w, size_t speakers)
{
    size_t *counts = malloc((w->ng ? w->ng : 1) * sizeof *counts);
    if (!counts)
        return GIJI_NOMEM();
    size_t left = speakers;
    for (int kind = 0; kind < 2; kind++) { /* persons, then labels */
        size_t n = 0;
        for (size_t i = 0; i < w->ng; i++)
            if (kind == 0 ? w->g[i].person != 0 : (!w->g[i].person && w->g[i].label))
                counts[n++] = w->g[i].count;
        if (n == 0)
            continue;
        qsort(counts, n, sizeof *counts, size_desc);
        size_t least = !speakers ? 0 : left ? counts[(left < n ? left : n) - 1] : SIZE_MAX;
        for (size_t i = 0; i < w->ng; i++)
            if ((kind == 0 ? w->g[i].person != 0 : (!w->g[i].person && w->g[i].label)) && w->g[i].count >= least)
                w->g[i].full = 1;
        left = left > n ? left - n : 0;
    }
    free(counts);
    return GIJI_OK;
}

/* who->groups and who->keys from the walk. */
static int make_who(walk *w, giji_who *who, size_t speakers)
{
    int rc = mark_full(w, speakers);
    if (rc)
        return rc;
    size_t nkeys = 0;
    for (size_t i = 0; i < w->ng; i++)
        nkeys += w->g[i].full || !w->limit || w->g[i].nall < w->limit ? w->g[i].nall : w->limit;
    who->groups = calloc(w->ng ? w->ng : 1, sizeof *who->groups);
    who->keys = calloc(nkeys ? nkeys : 1, sizeof *who->keys);
    if (!who->groups || !who->keys)
        return GIJI_NOMEM();
    for (size_t i = 0; rc == GIJI_OK && i < w->ng; i++) {
        tgroup *g = &w->g[i];
        giji_who_group *o = &who->groups[who->ngroups++];
        o->person = g->person;
        o->count = g->count;
        o->inferred = g->inferred;
        o->meetings = g->meetings;
        if (g->first_m != UINT32_MAX) {
            o->first_date = w->t->meetings[g->first_m].date;
            o->last_date = w->t->meetings[g->last_m].date;
        }
        rc = group_keys(w, g, who, o);
        /* the label lives in the keys, as with the other ways */
        o->label = rc == GIJI_OK && !g->person && g->label ? who->keys[o->key_first].label : NULL;
    }
    who->remarks = w->remarks;
    who->meetings = w->meetings;
    return rc;
}

static int walk_init(walk *w, const giji_text_remarks *t, size_t limit)
{
    memset(w, 0, sizeof *w);
    w->t = t;
    w->limit = limit;
    w->anonymous = -1;
    for (size_t i = 0; i < t->nmeetings; i++)
        if (t->meetings[i].id > w->max_meeting)
            w->max_meeting = t->meetings[i].id;
    for (size_t i = 0; i < t->n; i++)
        if (t->cols[i].speaker > w->max_person)
            w->max_person = t->cols[i].speaker;
    w->index_of = calloc((size_t)w->max_meeting + 1, sizeof *w->index_of);
    w->by_person = malloc(((size_t)w->max_person + 1) * sizeof *w->by_person);
    if (!w->index_of || !w->by_person)
        return GIJI_NOMEM();
    for (size_t i = 0; i < t->nmeetings; i++)
        w->index_of[t->meetings[i].id] = (uint32_t)(i + 1);
    if (!(w->day = malloc((t->nmeetings ? t->nmeetings : 1) * sizeof *w->day)))
        return GIJI_NOMEM();
    for (size_t i = 0; w->day && i < t->nmeetings; i++) {
        const char *d = t->meetings[i].date;
        if (!d) {
            w->day[i] = INT32_MAX;
            continue;
        }
        int32_t v = 0;
        for (int k = 0; k < 10 && w->day; k++) {
            if (k == 4 || k == 7 ? d[k] != '-' : !(d[k] >= '0' && d[k] <= '9')) {
                free(w->day);
                w->day = NULL; /* another form: compare the text */
            } else if (k != 4 && k != 7) {
                v = v * 10 + (d[k] - '0');
            }
        }
        if (w->day && d[10]) {
            free(w->day);
            w->day = NULL;
        }
        if (w->day)
            w->day[i] = v;
    }
    for (long long p = 0; p <= w->max_person; p++)
        w->by_person[p] = -1;
    return GIJI_OK;
}

static void walk_free(walk *w)
{
    for (size_t i = 0; i < w->ng; i++) {
        if (w->g[i].sel != w->g[i].all)
            free(w->g[i].sel);
        free(w->g[i].all);
    }
    free(w->g);
    free(w->index_of);
    free(w->day);
    free(w->by_person);
    giji_strmap_free(&w->labels);
}

/* Ids must fit the selection's layout, and the arrays by id stay small
 * next to the answer: else the rows' way. */
static int walk_fits(const giji_text_remarks *t)
{
    long long max_meeting = 0, max_person = 0;
    for (size_t i = 0; i < t->nmeetings; i++)
        max_meeting = t->meetings[i].id > max_meeting ? t->meetings[i].id : max_meeting;
    for (size_t i = 0; i < t->n; i++)
        max_person = t->cols[i].speaker > max_person ? t->cols[i].speaker : max_person;
    long long room = 4 * (long long)(t->n + t->nmeetings) + (1 << 20);
    return t->nmeetings < UINT32_MAX && max_meeting <= room && max_person <= room;
}

int query_who_text(giji_store *st, giji_who *who, const char *const *v, size_t nv, const giji_hit_filter *f,
                   size_t limit, size_t speakers, int *done, int *found)
{
    *done = *found = 0;
    giji_text_remarks *t = &who->text;
    memset(t, 0, sizeof *t);
    if (query_who_by_rows)
        return GIJI_OK;
    int rc = giji_store_text_remarks(st, v, nv, f, t);
    if (rc || !t->indexed || !walk_fits(t)) {
        giji_text_remarks_free(t);
        return rc;
    }
    *done = 1;
    *found = t->n > 0;
    walk w;
    rc = walk_init(&w, t, limit);
    rc = rc ? rc : walk_matches(&w);
    if (rc == GIJI_OK && !w.meetings_ordered)
        rc = count_meetings(&w);
    rc = rc ? rc : make_who(&w, who, speakers);
    walk_free(&w);
    /* the groups' dates point into the meetings, kept with who; the
     * matches and their columns are done with */
    giji_remark_cols_clear(t->cols, t->n);
    free(t->cols);
    free(t->ids);
    t->cols = NULL;
    t->ids = NULL;
    t->n = 0;
    return rc;
}
