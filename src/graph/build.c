/*
 * graph/build.c — from stored facts to the graph value (docs/graph-model.md):
 * nodes for speakers, entities and the anonymous remarks of each meeting;
 * raised and co-mention edges counted over the selected remarks, or the
 * shared edges of a one-mode projection; weights normalised on request;
 * the min-weight filter; the ego network around a focus.
 * Not responsible for SQL (store/graph.c) or metrics (metrics.c).
 *
 * Edges are counted in two passes over the same pairs: the first finds each
 * edge and its count, the second fills arrays of exactly that size with
 * remark ids, which come out ascending because remarks are visited in id
 * order.
 */
#include "util/array.h"
#include "graph/graph_int.h"
#include "giji/extract.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"

#include <stdlib.h>
#include <string.h>

/* An edge being counted. */
typedef struct acc_edge {
    size_t a, b;             /* node slots; raised: speaker, entity */
    giji_edge_kind kind;
    long long count;
    long long *ids;          /* remark ids, nids of cap */
    size_t nids, cap;
} acc_edge;

/* Positions by id in one of the facts' arrays (sorted by id): a table
 * indexed by id when the ids (rowids) are dense, as they are unless many
 * rows were deleted, else a binary search. The builder looks up every
 * entity of every remark several times (counting, then both passes). */
typedef struct id_index {
    uint32_t *at;            /* at[id - lo]: position + 1, 0: absent; NULL: search */
    long long lo, hi;
} id_index;

typedef struct builder {
    const giji_graph_spec *spec;
    const giji_graph_facts *f;
    size_t np, ne, nu;       /* slots: persons [0, np), entities [np, np+ne), unattributed after */
    long long *slot_remarks; /* remarks behind each slot */
    acc_edge *edges;
    size_t nedges, edge_cap;
    pair_map map;
    int pass;                /* 1: count; 2: fill */
    uint32_t *touches;       /* pass 1 records the edge of every touch, in order, */
    size_t ntouches, tcap;   /* so that pass 2 replays them without hashing */
    size_t *slots;           /* scratch: the entity slots of one remark */
    size_t slot_cap;
    const unsigned char *keep; /* per slot: the nodes to build edges between; NULL: all */
    id_index person_at, entity_at, meeting_at; /* positions in f's arrays by id */
    int rc;
} builder;

/* The most remark references (ids behind edges) a graph may hold, about
 * 1.6 GB while building: beyond, building is refused with a message saying
 * how to narrow the graph rather than exhausting memory. */
#define GIJI_GRAPH_MAX_REFS 100000000.0

static int too_big(const builder *b, double refs, const char *what)
{
    return giji_error_set(GIJI_EINVAL,
                          "graph: %s would hold %.3g remark references (more than %.3g): narrow it with "
                          "--meeting, --body, --from/--to, --types%s",
                          what, refs, GIJI_GRAPH_MAX_REFS, b->spec->attributed_only ? "" : " or --attributed-only");
}

/* Index of id in a sorted array of structs whose first member is the id. */
#define FIND_ID(arr, n, idv, out)                                          \
    do {                                                                   \
        size_t lo_ = 0, hi_ = (n);                                         \
        (out) = (size_t)-1;                                                \
        while (lo_ < hi_) {                                                \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                           \
            if ((arr)[mid_].id < (idv)) lo_ = mid_ + 1;                    \
            else if ((arr)[mid_].id > (idv)) hi_ = mid_;                   \
            else { (out) = mid_; break; }                                  \
        }                                                                  \
    } while (0)

#define ID_INDEX_MAKE(x, arr, n, rc)                                                       \
    do {                                                                                   \
        memset(&(x), 0, sizeof(x));                                                        \
        if ((n) == 0 || (n) >= UINT32_MAX)                                                 \
            break;                                                                         \
        (x).lo = (arr)[0].id, (x).hi = (arr)[(n) - 1].id;                                  \
        unsigned long long span_ = (unsigned long long)((x).hi - (x).lo) + 1;              \
        if (span_ > 16 * (unsigned long long)(n) + 4096)                                   \
            break;                                                                         \
        if (!((x).at = calloc(span_, sizeof *(x).at))) {                                   \
            (rc) = GIJI_NOMEM();                                                           \
            break;                                                                         \
        }                                                                                  \
        for (size_t i_ = 0; i_ < (n); i_++)                                                \
            (x).at[(arr)[i_].id - (x).lo] = (uint32_t)i_ + 1;                              \
    } while (0)

#define ID_INDEX_FIND(x, arr, n, idv, out)                                                 \
    do {                                                                                   \
        if ((x).at)                                                                        \
            (out) = (idv) < (x).lo || (idv) > (x).hi ? (size_t)-1                          \
                                                     : (size_t)(x).at[(idv) - (x).lo] - 1; \
        else                                                                               \
            FIND_ID(arr, n, idv, out);                                                     \
    } while (0)

static size_t entity_slot(const builder *b, long long id)
{
    size_t i;
    ID_INDEX_FIND(b->entity_at, b->f->entities, b->f->nentities, id, i);
    return i == (size_t)-1 ? i : b->np + i;
}

/* The speaker slot of a remark: its person, or the unattributed node of its
 * meeting; (size_t)-1 when anonymous remarks are left out. */
static size_t speaker_slot(const builder *b, const giji_fact_remark *r)
{
    size_t i;
    if (r->speaker) {
        ID_INDEX_FIND(b->person_at, b->f->persons, b->f->npersons, r->speaker, i);
        return i;
    }
    if (b->spec->attributed_only)
        return (size_t)-1;
    ID_INDEX_FIND(b->meeting_at, b->f->meetings, b->f->nmeetings, r->meeting, i);
    return i == (size_t)-1 ? i : b->np + b->ne + i;
}

/* The index of the edge (x, y) in b->edges (pass 1), added with `kind`
 * when it is new. */
static int edge_slot(builder *b, giji_edge_kind kind, size_t x, size_t y, size_t *idx)
{
    int is_new;
    int rc = pair_map_put(&b->map, pair_key(x, y), b->nedges, idx, &is_new);
    if (rc || !is_new)
        return rc;
    if ((rc = giji_array_grow(&b->edges, &b->edge_cap, b->nedges, sizeof *b->edges)))
        return rc;
    acc_edge *e = &b->edges[b->nedges++];
    memset(e, 0, sizeof *e);
    e->a = x;
    e->b = y;
    e->kind = kind;
    return GIJI_OK;
}

/* Count (pass 1) or record (pass 2) remark rid behind the edge (a, b). */
static void touch(builder *b, giji_edge_kind kind, size_t x, size_t y, long long rid)
{
    if (b->rc)
        return;
    if (b->pass == 2) {
        acc_edge *e = &b->edges[b->touches[b->ntouches++]];
        if (e->nids < e->cap)
            e->ids[e->nids++] = rid;
        return;
    }
    size_t idx;
    if ((b->rc = edge_slot(b, kind, x, y, &idx)))
        return;
    if (idx > UINT32_MAX) {
        b->rc = too_big(b, (double)idx, "this graph");
        return;
    }
    b->edges[idx].cap++;
    b->touches[b->ntouches++] = (uint32_t)idx;
}

/* Arrays of exactly the counted size for pass 2. */
static int alloc_ids(builder *b)
{
    for (size_t i = 0; i < b->nedges; i++) {
        acc_edge *e = &b->edges[i];
        if (e->cap && !(e->ids = malloc(e->cap * sizeof *e->ids)))
            return GIJI_NOMEM();
    }
    return GIJI_OK;
}

/* Both passes over the remarks: raised pairs (speaker, entity) and
 * co-mention pairs (entity, entity). */
static void remark_pairs(builder *b, int raised, int comention)
{
    const giji_graph_facts *f = b->f;
    b->ntouches = 0;
    for (size_t r = 0; r < f->nremarks && !b->rc; r++) {
        const giji_fact_remark *rm = &f->remarks[r];
        size_t sp = speaker_slot(b, rm);
        if (sp == (size_t)-1 && b->spec->attributed_only && !rm->speaker)
            continue;
        if (rm->n > b->slot_cap) {
            size_t *p = realloc(b->slots, rm->n * sizeof *p);
            if (!p) {
                b->rc = GIJI_NOMEM();
                return;
            }
            b->slots = p;
            b->slot_cap = rm->n;
        }
        size_t n = 0;
        for (size_t i = 0; i < rm->n; i++) {
            size_t e = entity_slot(b, f->entity_ids[rm->first + i]);
            if (!b->keep || b->keep[e])
                b->slots[n++] = e;
        }
        if (b->keep && sp != (size_t)-1 && !b->keep[sp])
            sp = (size_t)-1;
        for (size_t i = 0; i < n; i++) {
            if (raised && sp != (size_t)-1)
                touch(b, GIJI_EDGE_RAISED, sp, b->slots[i], rm->id);
            for (size_t j = i + 1; comention && j < n; j++)
                touch(b, GIJI_EDGE_COMENTION, b->slots[i], b->slots[j], rm->id);
        }
    }
}

/* How many touches remark_pairs will make: the size of the touch log and,
 * as every touch records one remark id, of the graph's remark references. */
static double count_touches(const builder *b, int raised, int comention)
{
    double t = 0;
    for (size_t r = 0; r < b->f->nremarks; r++) {
        const giji_fact_remark *rm = &b->f->remarks[r];
        if (!rm->speaker && b->spec->attributed_only)
            continue;
        double k = (double)rm->n;
        int speaker = 1;
        if (b->keep) {
            size_t sp = speaker_slot(b, rm), n = 0;
            speaker = sp != (size_t)-1 && b->keep[sp];
            for (size_t i = 0; i < rm->n; i++)
                n += b->keep[entity_slot(b, b->f->entity_ids[rm->first + i])];
            k = (double)n;
        }
        t += (raised && speaker ? k : 0) + (comention ? k * (k - 1) / 2 : 0);
    }
    return t;
}

/* Remarks behind each slot, and the number of selected remarks. */
static long long count_slots(builder *b)
{
    const giji_graph_facts *f = b->f;
    long long selected = 0;
    for (size_t r = 0; r < f->nremarks; r++) {
        const giji_fact_remark *rm = &f->remarks[r];
        size_t sp = speaker_slot(b, rm);
        if (!rm->speaker && b->spec->attributed_only)
            continue;
        selected++;
        if (sp != (size_t)-1)
            b->slot_remarks[sp]++;
        for (size_t i = 0; i < rm->n; i++)
            b->slot_remarks[entity_slot(b, f->entity_ids[rm->first + i])]++;
    }
    return selected;
}

/* ---- projections ------------------------------------------------------- */

/* The raised edges grouped by one end (entity for a persons projection,
 * speaker for an entities projection): CSR arrays over slots. */
typedef struct groups {
    size_t *start;   /* nslots + 1 */
    size_t *edge;    /* raised edge indices, grouped, in edge order */
} groups;

static int group_raised(const builder *b, const acc_edge *raised, size_t n, int by_entity, size_t nslots,
                        groups *gr)
{
    gr->start = calloc(nslots + 1, sizeof *gr->start);
    gr->edge = malloc((n ? n : 1) * sizeof *gr->edge);
    if (!gr->start || !gr->edge)
        return GIJI_NOMEM();
    for (size_t i = 0; i < n; i++)
        gr->start[(by_entity ? raised[i].b : raised[i].a) + 1]++;
    for (size_t s = 0; s < nslots; s++)
        gr->start[s + 1] += gr->start[s];
    size_t *fill = malloc((nslots ? nslots : 1) * sizeof *fill);
    if (!fill)
        return GIJI_NOMEM();
    memcpy(fill, gr->start, nslots * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        gr->edge[fill[by_entity ? raised[i].b : raised[i].a]++] = i;
    free(fill);
    (void)b;
    return GIJI_OK;
}

/* Projection pairs: within each group, every pair of raised edges gives a
 * shared edge between their other ends; its remarks are the union of both
 * raised edges' remarks (sorted and made unique afterwards). */
static void projection_pairs(builder *b, const acc_edge *raised, const groups *gr, size_t nslots,
                             int by_entity)
{
    for (size_t s = 0; s < nslots && !b->rc; s++) {
        for (size_t i = gr->start[s]; i < gr->start[s + 1] && !b->rc; i++) {
            const acc_edge *x = &raised[gr->edge[i]];
            size_t ox = by_entity ? x->a : x->b;
            for (size_t j = i + 1; j < gr->start[s + 1] && !b->rc; j++) {
                const acc_edge *y = &raised[gr->edge[j]];
                size_t oy = by_entity ? y->a : y->b;
                size_t lo = ox < oy ? ox : oy, hi = ox < oy ? oy : ox;
                uint64_t key = pair_key(lo, hi);
                if (b->pass == 1) {
                    size_t idx;
                    if ((b->rc = edge_slot(b, GIJI_EDGE_SHARED, lo, hi, &idx)))
                        return;
                    b->edges[idx].count++;
                    b->edges[idx].cap += x->nids + y->nids;
                } else {
                    acc_edge *e = &b->edges[pair_map_get(&b->map, key)];
                    memcpy(e->ids + e->nids, x->ids, x->nids * sizeof *e->ids);
                    e->nids += x->nids;
                    memcpy(e->ids + e->nids, y->ids, y->nids * sizeof *e->ids);
                    e->nids += y->nids;
                }
            }
        }
    }
}

static void free_acc(acc_edge *e, size_t n)
{
    for (size_t i = 0; e && i < n; i++)
        free(e[i].ids);
    free(e);
}

/* Replace the raised edges of b by the shared edges of the projection.
 * by_entity: persons projection (speakers grouped by entity). *deg_out
 * receives, per slot, the number of raised edges (entities of a speaker,
 * speakers of an entity) for the normalisation, and *nother the number of
 * slots of the other mode that have one. */
static int project(builder *b, int by_entity, long long **deg_out, long long *nother)
{
    size_t nslots = b->np + b->ne + b->nu;
    acc_edge *raised = b->edges;
    size_t nraised = b->nedges;
    b->edges = NULL;
    b->nedges = b->edge_cap = 0;
    pair_map_free(&b->map);
    long long *deg = calloc(nslots ? nslots : 1, sizeof *deg);
    unsigned char *seen = calloc(nslots ? nslots : 1, 1);
    groups gr = {0};
    double refs = 0;
    int rc = deg && seen ? GIJI_OK : GIJI_NOMEM();
    *nother = 0;
    for (size_t i = 0; rc == GIJI_OK && i < nraised; i++) {
        deg[raised[i].a]++;
        deg[raised[i].b]++;
        size_t other = by_entity ? raised[i].b : raised[i].a;
        if (!seen[other]) {
            seen[other] = 1;
            (*nother)++;
        }
        /* the remark lists were filled in pass 2: exact and ascending */
    }
    rc = rc ? rc : group_raised(b, raised, nraised, by_entity, nslots, &gr);
    /* Each pair in a group makes a shared edge touch carrying both raised
     * edges' remark lists: estimate the references before counting. */
    for (size_t g = 0; rc == GIJI_OK && g < nslots; g++) {
        double size = (double)(gr.start[g + 1] - gr.start[g]), ids = 0;
        for (size_t i = gr.start[g]; i < gr.start[g + 1]; i++)
            ids += (double)raised[gr.edge[i]].nids;
        refs += (size - 1) * ids + size * (size - 1) / 2;
        if (refs > GIJI_GRAPH_MAX_REFS)
            rc = too_big(b, refs, by_entity ? "the persons projection" : "the entities projection");
    }
    if (rc == GIJI_OK) {
        b->pass = 1;
        projection_pairs(b, raised, &gr, nslots, by_entity);
        rc = b->rc ? b->rc : alloc_ids(b);
    }
    if (rc == GIJI_OK) {
        b->pass = 2;
        projection_pairs(b, raised, &gr, nslots, by_entity);
        rc = b->rc;
    }
    free(gr.start);
    free(gr.edge);
    free(seen);
    free_acc(raised, nraised);
    if (rc) {
        free(deg);
        return rc;
    }
    *deg_out = deg;
    return GIJI_OK;
}

/* ---- from the counted edges to the graph ------------------------------- */

/* The name of the unattributed node of meeting m. */
static char *unattributed_name(const giji_fact_meeting *m)
{
    giji_buf nb = {0};
    int rc;
    if (m->body || m->date)
        rc = giji_buf_printf(&nb, "unattributed: %s%s%s", m->body ? m->body : "", m->body && m->date ? " " : "",
                             m->date ? m->date : "");
    else
        rc = giji_buf_printf(&nb, "unattributed: %s", m->source ? m->source : "?");
    if (rc) {
        giji_buf_free(&nb);
        return NULL;
    }
    return giji_buf_steal(&nb);
}

static int add_slots(builder *b, giji_graph *g)
{
    const giji_graph_facts *f = b->f;
    int rc = GIJI_OK;
    for (size_t i = 0; rc == GIJI_OK && i < f->npersons; i++)
        rc = giji_graph_add_node(g, GIJI_NODE_PERSON, f->persons[i].id,
                                 f->persons[i].display ? f->persons[i].display : f->persons[i].name, -1,
                                 b->slot_remarks[i], NULL);
    for (size_t i = 0; rc == GIJI_OK && i < f->nentities; i++)
        rc = giji_graph_add_node(g, GIJI_NODE_ENTITY, f->entities[i].id, f->entities[i].name,
                                 f->entities[i].type, b->slot_remarks[b->np + i], NULL);
    for (size_t i = 0; rc == GIJI_OK && i < b->nu; i++) {
        char *name = unattributed_name(&f->meetings[i]);
        if (!name)
            return GIJI_NOMEM();
        rc = giji_graph_add_node(g, GIJI_NODE_UNATTRIBUTED, f->meetings[i].id, name, -1,
                                 b->slot_remarks[b->np + b->ne + i], NULL);
        free(name);
    }
    return rc;
}

/* The weight of a counted edge. n_a, n_b: the sizes the norm divides by;
 * total: N of the association strength. */
static double weight_of(giji_graph_norm norm, long long c, long long na, long long nb, long long total)
{
    switch (norm) {
    case GIJI_NORM_JACCARD:
        return na + nb - c > 0 ? (double)c / (double)(na + nb - c) : 0;
    case GIJI_NORM_ASSOCIATION:
        return na > 0 && nb > 0 ? (double)c * (double)total / ((double)na * (double)nb) : 0;
    default:
        return (double)c;
    }
}

/* Move the counted edges into g (whose nodes are the slots), with their
 * weights, dropping those below min_weight. */
static int move_edges(builder *b, giji_graph *g, const long long *deg, long long nother)
{
    for (size_t i = 0; i < b->nedges; i++) {
        acc_edge *e = &b->edges[i];
        if (e->kind != GIJI_EDGE_SHARED)
            e->count = (long long)e->nids;
        double w;
        if (e->kind == GIJI_EDGE_RAISED)
            w = (double)e->count;
        else if (e->kind == GIJI_EDGE_COMENTION)
            w = weight_of(b->spec->norm, e->count, b->slot_remarks[e->a], b->slot_remarks[e->b],
                          g->selected_remarks);
        else
            w = weight_of(b->spec->norm, e->count, deg[e->a], deg[e->b], nother);
        if (w < b->spec->min_weight)
            continue;
        if (e->kind == GIJI_EDGE_SHARED && e->nids > 1) {
            qsort(e->ids, e->nids, sizeof *e->ids, giji_cmp_ll);
            size_t k = 1;
            for (size_t j = 1; j < e->nids; j++)
                if (e->ids[j] != e->ids[k - 1])
                    e->ids[k++] = e->ids[j];
            e->nids = k;
        }
        /* hand the array over instead of copying it */
        int rc = giji_graph_add_edge(g, e->kind, e->a, e->b, w, e->count, NULL, 0);
        if (rc)
            return rc;
        g->edges[g->nedges - 1].remarks = e->ids;
        g->edges[g->nedges - 1].nremarks = e->nids;
        e->ids = NULL;
    }
    return GIJI_OK;
}

static int build_from_facts(const giji_graph_spec *s, const giji_graph_facts *f, const unsigned char *keep,
                            const graph_counts *cnt, giji_graph *g)
{
    builder b = {0};
    b.spec = s;
    b.f = f;
    b.keep = keep;
    b.np = f->npersons;
    b.ne = f->nentities;
    b.nu = s->attributed_only ? 0 : f->nmeetings;
    size_t nslots = b.np + b.ne + b.nu;
    int rc = GIJI_OK;
    ID_INDEX_MAKE(b.person_at, f->persons, f->npersons, rc);
    ID_INDEX_MAKE(b.entity_at, f->entities, f->nentities, rc);
    ID_INDEX_MAKE(b.meeting_at, f->meetings, f->nmeetings, rc);
    if (rc == GIJI_OK && !(b.slot_remarks = calloc(nslots ? nslots : 1, sizeof *b.slot_remarks)))
        rc = GIJI_NOMEM();
    double touches = 0;
    int raised = s->project || (s->edges & GIJI_GRAPH_RAISED);
    int comention = !s->project && (s->edges & GIJI_GRAPH_COMENTION);
    if (rc == GIJI_OK) {
        g->selected_remarks = count_slots(&b);
        if (cnt) { /* the facts are a part of the selection: its counts are given */
            memcpy(b.slot_remarks, cnt->slot_remarks, nslots * sizeof *b.slot_remarks);
            g->selected_remarks = cnt->selected;
        }
        touches = count_touches(&b, raised, comention);
        if (touches > GIJI_GRAPH_MAX_REFS)
            rc = too_big(&b, touches, "this graph");
        else if (touches > 0 && !(b.touches = malloc((size_t)touches * sizeof *b.touches)))
            rc = GIJI_NOMEM();
    }
    if (rc) {
        free(b.person_at.at);
        free(b.entity_at.at);
        free(b.meeting_at.at);
        free(b.slot_remarks);
        return rc;
    }
    b.tcap = (size_t)touches;
    b.pass = 1;
    remark_pairs(&b, raised, comention);
    rc = b.rc ? b.rc : alloc_ids(&b);
    if (rc == GIJI_OK) {
        b.pass = 2;
        remark_pairs(&b, raised, comention);
        rc = b.rc;
    }
    long long *deg = NULL, nother = 0;
    if (rc == GIJI_OK && s->project)
        rc = project(&b, s->project == GIJI_PROJECT_PERSONS, &deg, &nother);
    rc = rc ? rc : add_slots(&b, g);
    rc = rc ? rc : move_edges(&b, g, deg, nother);
    free(deg);
    free(b.person_at.at);
    free(b.entity_at.at);
    free(b.meeting_at.at);
    free(b.slot_remarks);
    free(b.touches);
    free(b.slots);
    free_acc(b.edges, b.nedges);
    pair_map_free(&b.map);
    if (rc)
        return rc;
    /* Only what some edge touches stays (with a keep mask: the nodes it
     * keeps, with or without edges, as a top cut leaves them); then the
     * canonical order. */
    if (keep)
        return (rc = graph_subgraph(g, keep, NULL, 0)) ? rc : graph_sort(g);
    unsigned char *all = malloc(g->nnodes ? g->nnodes : 1);
    if (!all)
        return GIJI_NOMEM();
    memset(all, 1, g->nnodes);
    rc = graph_subgraph(g, all, NULL, 1);
    free(all);
    return rc ? rc : graph_sort(g);
}

/* ---- focus ---------------------------------------------------------------- */

static int contains(const long long *v, size_t n, long long x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return 1;
    return 0;
}

/* Keep the nodes within spec->depth hops of the focus node(s). */
static int apply_focus(giji_store *st, const giji_graph_spec *s, giji_graph *g)
{
    long long *persons = NULL, *entities = NULL;
    size_t np = 0, ne = 0;
    int rc = giji_store_name_lookup(st, s->focus, &persons, &np, &entities, &ne);
    if (rc)
        return rc;
    size_t n = g->nnodes;
    size_t *dist = malloc((n ? n : 1) * sizeof *dist);
    size_t *queue = malloc((n ? n : 1) * sizeof *queue);
    size_t *start = calloc(n + 1, sizeof *start);
    size_t *adj = malloc((g->nedges ? 2 * g->nedges : 1) * sizeof *adj);
    unsigned char *keep = calloc(n ? n : 1, 1);
    if (!dist || !queue || !start || !adj || !keep) {
        rc = GIJI_NOMEM();
        goto out;
    }
    size_t head = 0, tail = 0;
    for (size_t i = 0; i < n; i++) {
        const giji_graph_node *nd = &g->nodes[i];
        int hit = (nd->kind == GIJI_NODE_PERSON && contains(persons, np, nd->id)) ||
                  (nd->kind == GIJI_NODE_ENTITY && contains(entities, ne, nd->id)) ||
                  (nd->name && !strcmp(nd->name, s->focus));
        dist[i] = hit ? 0 : (size_t)-1;
        if (hit)
            queue[tail++] = i;
    }
    if (tail == 0) {
        rc = np || ne ? giji_error_set(GIJI_ENOTFOUND, "graph: '%s' is in no edge of this graph "
                                                       "(its filters leave it out)", s->focus)
                      : giji_error_set(GIJI_ENOTFOUND, "graph: no person or entity is called '%s'",
                                       s->focus);
        goto out;
    }
    /* adjacency in CSR form */
    for (size_t i = 0; i < g->nedges; i++) {
        start[g->edges[i].source + 1]++;
        start[g->edges[i].target + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        start[i + 1] += start[i];
    {
        size_t *fill = malloc((n ? n : 1) * sizeof *fill);
        if (!fill) {
            rc = GIJI_NOMEM();
            goto out;
        }
        memcpy(fill, start, n * sizeof *fill);
        for (size_t i = 0; i < g->nedges; i++) {
            adj[fill[g->edges[i].source]++] = g->edges[i].target;
            adj[fill[g->edges[i].target]++] = g->edges[i].source;
        }
        free(fill);
    }
    while (head < tail) {
        size_t v = queue[head++];
        keep[v] = 1;
        if (dist[v] >= (size_t)s->depth)
            continue;
        for (size_t k = start[v]; k < start[v + 1]; k++)
            if (dist[adj[k]] == (size_t)-1) {
                dist[adj[k]] = dist[v] + 1;
                queue[tail++] = adj[k];
            }
    }
    rc = graph_subgraph(g, keep, NULL, 0);
out:
    free(persons);
    free(entities);
    free(dist);
    free(queue);
    free(start);
    free(adj);
    free(keep);
    return rc;
}

/* ---- giji_graph_build ------------------------------------------------------ */

int graph_read_facts(giji_store *st, const giji_graph_spec *s, giji_graph_facts *f)
{
    memset(f, 0, sizeof *f);
    int rc = giji_graph_spec_check(s);
    if (rc)
        return rc;
    giji_remark_filter flt = {s->meetings, s->nmeetings, s->body, s->from, s->to, s->types};
    return giji_store_graph_facts(st, &flt, f);
}

int graph_build_counted(const giji_graph_spec *s, const giji_graph_facts *f, const unsigned char *keep,
                        const graph_counts *cnt, giji_graph *g)
{
    giji_graph_init(g);
    g->content_version = f->content_version;
    /* kept for the caption, which would otherwise read the facts again */
    int rc = GIJI_OK;
    size_t nm = cnt ? cnt->nmeetings : f->nmeetings;
    if (nm && !(g->meetings = malloc(nm * sizeof *g->meetings)))
        rc = GIJI_NOMEM();
    for (size_t i = 0; rc == GIJI_OK && i < nm; i++)
        g->meetings[g->nmeetings++] = cnt ? cnt->meetings[i] : f->meetings[i].id;
    rc = rc ? rc : build_from_facts(s, f, keep, cnt, g);
    if (rc)
        giji_graph_free(g);
    return rc;
}

int graph_build_facts(const giji_graph_spec *s, const giji_graph_facts *f, const unsigned char *keep,
                      giji_graph *g)
{
    return graph_build_counted(s, f, keep, NULL, g);
}

int giji_graph_build(giji_store *st, const giji_graph_spec *s, giji_graph *g)
{
    giji_graph_init(g);
    giji_graph_facts f;
    int rc = graph_read_facts(st, s, &f);
    if (rc)
        return rc;
    rc = graph_build_facts(s, &f, NULL, g);
    giji_graph_facts_free(&f);
    if (rc == GIJI_OK && s->focus)
        rc = apply_focus(st, s, g);
    if (rc)
        giji_graph_free(g);
    return rc;
}
