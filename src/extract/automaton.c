/*
 * extract/automaton.c — Aho–Corasick over code points (see automaton.h).
 *
 * Representation: while patterns are added, a trie whose nodes keep their
 * children in growable sorted arrays; failure links make a match a single
 * left-to-right pass, and dictionary links give every pattern ending at a
 * position in O(matches). Memory is O(total pattern length).
 *
 * Built, the automaton is one array of 32-bit words (`pool`): each state is
 * a record at its offset, and a state *is* that offset. A step reads one
 * record, usually one cache line; before, it read a 24-byte node and a
 * separate edge array, and matching was bound by those cache misses
 * (MeCab, which runs over a meeting's remarks before they are matched,
 * evicts the automaton every meeting: bench/README.md, third round). The
 * records are laid out in depth-first order, so a node's first child comes
 * right after it and a name being matched is read front to back.
 * (Breadth-first, which puts the states of first characters together,
 * missed the cache more: +45% in callgrind's simulation.)
 *
 * A record holds only what its state needs: a word with the number of
 * children and two flags, the fail link, [value, depth] when a pattern
 * ends there, [dict] when one ends on its fail chain, the children's code
 * points (sorted), and the states of the children but the first, whose
 * record comes right after (depth-first order). Most states are a step in
 * one name, with one child and no pattern: 3 words and not 7 as when every
 * record had every field. The bundled gazetteer's pool fell from 248 to
 * about 130 KB, and the misses the automaton causes, in MeCab and in
 * matching, with it (bench/README.md, fourth round).
 *
 * The root is different: it has a child for the first character of every
 * name (hundreds), and a text goes back to it at almost every character,
 * so its children are also kept in a small open-addressing hash table
 * (code point -> state, at most a quarter full): one or two probes in a
 * table, instead of a binary search of a dozen steps. (The table of
 * 256-entry blocks by code point >> 8 it replaces took 64 KB for the
 * bundled gazetteer and left code points beyond the BMP to the search;
 * this one takes 16 KB. In callgrind's cache simulation both miss the
 * last-level cache as often.)
 */
#include "extract/automaton.h"
#include "util/error.h"

#include <stdlib.h>
#include <string.h>

typedef struct edge { uint32_t cp; uint32_t to; } edge;

typedef struct node {
    uint32_t first, count;  /* children: edges[first .. first+count) once built */
    uint32_t fail;          /* longest proper suffix that is a trie node */
    uint32_t dict;          /* nearest node on the fail chain that ends a pattern (0: none) */
    uint32_t depth;
    int value;              /* pattern value ending here, or -1 */
} node;

/* While building, children live in per-node growable arrays. */
typedef struct kids { edge *e; uint32_t n, cap; } kids;

/* An empty slot of the root's hash table: no code point is this large. */
#define NO_CP 0xFFFFFFFFu

/* A state's record in the pool (see the top of the file): R_WORD (the
 * number of children, and the flags), R_FAIL, then [value, depth] with
 * R_HAS_VALUE, [dict] with R_HAS_DICT, `count` code points, `count - 1`
 * states. */
enum { R_WORD, R_FAIL, R_FIXED };
#define R_COUNT_MASK 0x00FFFFFFu
#define R_HAS_VALUE 0x01000000u
#define R_HAS_DICT 0x02000000u

/* Words of the optional fields of a record whose first word is w. */
static inline uint32_t rec_opt(uint32_t w)
{
    return (w & R_HAS_VALUE ? 2u : 0u) + (w & R_HAS_DICT ? 1u : 0u);
}

/* Words of a record with `opt` optional words and n children. */
static inline size_t rec_len(uint32_t opt, uint32_t n)
{
    return R_FIXED + opt + n + (n ? n - 1 : 0);
}

/* The first word of node nu's record. */
static uint32_t rec_word(const node *nu)
{
    return nu->count | (nu->value >= 0 ? R_HAS_VALUE : 0) | (nu->dict ? R_HAS_DICT : 0);
}

struct giji_ac {
    node *nodes;            /* until giji_ac_build */
    uint32_t nnodes, cap;
    kids *building;         /* per node, until giji_ac_build */
    edge *edges;            /* during giji_ac_build */
    int built;
    uint32_t *pool;         /* after build: the records (see the top of the file) */
    size_t npool;
    uint32_t *root;         /* the root's children: pairs (code point or NO_CP, state) */
    uint32_t root_mask;     /* slots - 1 (a power of two, minus one) */
    int root_shift;         /* 32 - log2(slots): the hash keeps the top bits */
};

giji_ac *giji_ac_new(void)
{
    giji_ac *ac = calloc(1, sizeof *ac);
    if (!ac) {
        GIJI_NOMEM();
        return NULL;
    }
    ac->cap = 64;
    ac->nodes = calloc(ac->cap, sizeof *ac->nodes);
    ac->building = calloc(ac->cap, sizeof *ac->building);
    if (!ac->nodes || !ac->building) {
        giji_ac_free(ac);
        GIJI_NOMEM();
        return NULL;
    }
    ac->nnodes = 1;
    ac->nodes[0].value = -1;
    return ac;
}

void giji_ac_free(giji_ac *ac)
{
    if (!ac)
        return;
    if (ac->building)
        for (uint32_t i = 0; i < ac->nnodes; i++)
            free(ac->building[i].e);
    free(ac->building);
    free(ac->nodes);
    free(ac->edges);
    free(ac->pool);
    free(ac->root);
    free(ac);
}

size_t giji_ac_states(const giji_ac *ac) { return ac->nnodes; }

static int find_kid(const kids *k, uint32_t cp, uint32_t *pos)
{
    uint32_t lo = 0, hi = k->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (k->e[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    *pos = lo;
    return lo < k->n && k->e[lo].cp == cp;
}

static int new_node(giji_ac *ac, uint32_t depth, uint32_t *id)
{
    if (ac->nnodes == ac->cap) {
        uint32_t cap = ac->cap * 2;
        node *n = realloc(ac->nodes, cap * sizeof *n);
        if (!n)
            return GIJI_NOMEM();
        ac->nodes = n;
        kids *k = realloc(ac->building, cap * sizeof *k);
        if (!k)
            return GIJI_NOMEM();
        ac->building = k;
        ac->cap = cap;
    }
    *id = ac->nnodes++;
    memset(&ac->nodes[*id], 0, sizeof(node));
    memset(&ac->building[*id], 0, sizeof(kids));
    ac->nodes[*id].value = -1;
    ac->nodes[*id].depth = depth;
    return GIJI_OK;
}

int giji_ac_add(giji_ac *ac, const uint32_t *cps, size_t len, int value, int *existing)
{
    if (existing)
        *existing = -1;
    if (ac->built)
        return giji_error_set(GIJI_EINVAL, "automaton: add after build");
    if (len == 0)
        return giji_error_set(GIJI_EINVAL, "automaton: empty pattern");
    uint32_t cur = 0;
    for (size_t i = 0; i < len; i++) {
        kids *k = &ac->building[cur];
        uint32_t pos;
        if (find_kid(k, cps[i], &pos)) {
            cur = k->e[pos].to;
            continue;
        }
        uint32_t id = 0;
        if (new_node(ac, (uint32_t)i + 1, &id))
            return GIJI_ENOMEM;
        k = &ac->building[cur]; /* may have moved */
        if (k->n == k->cap) {
            uint32_t cap = k->cap ? k->cap * 2 : 2;
            edge *e = realloc(k->e, cap * sizeof *e);
            if (!e)
                return GIJI_NOMEM();
            k->e = e;
            k->cap = cap;
        }
        memmove(k->e + pos + 1, k->e + pos, (k->n - pos) * sizeof *k->e);
        k->e[pos].cp = cps[i];
        k->e[pos].to = id;
        k->n++;
        cur = id;
    }
    if (ac->nodes[cur].value >= 0) {
        if (existing)
            *existing = ac->nodes[cur].value;
        return GIJI_OK;
    }
    ac->nodes[cur].value = value;
    return GIJI_OK;
}

/* Child of node `n` on `cp` while building (node indices), or 0 (root)
 * when none. */
static uint32_t child(const giji_ac *ac, uint32_t n, uint32_t cp, int *found)
{
    const node *nd = &ac->nodes[n];
    uint32_t lo = nd->first, hi = nd->first + nd->count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (ac->edges[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    *found = lo < nd->first + nd->count && ac->edges[lo].cp == cp;
    return *found ? ac->edges[lo].to : 0;
}

/* The root's children into its hash table (see the top of the file), as
 * states (pool offsets): `at` maps node indices to offsets. */
static int root_table(giji_ac *ac, const uint32_t *at)
{
    const node *root = &ac->nodes[0];
    uint32_t slots = 16;
    int bits = 4;
    while (slots < 4 * (uint64_t)root->count) {
        slots *= 2;
        bits++;
    }
    if (!(ac->root = malloc(2 * (size_t)slots * sizeof *ac->root)))
        return GIJI_NOMEM();
    for (uint32_t i = 0; i < slots; i++) {
        ac->root[2 * i] = NO_CP;
        ac->root[2 * i + 1] = 0;
    }
    ac->root_mask = slots - 1;
    ac->root_shift = 32 - bits;
    for (uint32_t e = root->first; e < root->first + root->count; e++) {
        uint32_t cp = ac->edges[e].cp;
        uint32_t h = (cp * 0x9E3779B1u) >> ac->root_shift;
        while (ac->root[2 * h] != NO_CP)
            h = (h + 1) & ac->root_mask;
        ac->root[2 * h] = cp;
        ac->root[2 * h + 1] = at[ac->edges[e].to];
    }
    return GIJI_OK;
}

/* Failure and dictionary links, breadth-first: a node's fail link points
 * to a shallower node. `queue` has room for every node. */
static void link_failures(giji_ac *ac, uint32_t *queue)
{
    uint32_t head = 0, tail = 0;
    node *root = &ac->nodes[0];
    for (uint32_t e = root->first; e < root->first + root->count; e++) {
        uint32_t c = ac->edges[e].to;
        ac->nodes[c].fail = 0;
        ac->nodes[c].dict = 0;
        queue[tail++] = c;
    }
    while (head < tail) {
        uint32_t u = queue[head++];
        const node *nu = &ac->nodes[u];
        for (uint32_t e = nu->first; e < nu->first + nu->count; e++) {
            uint32_t v = ac->edges[e].to, cp = ac->edges[e].cp, f = ac->nodes[u].fail;
            int found = 0;
            uint32_t target = 0;
            for (;;) {
                target = child(ac, f, cp, &found);
                if (found || f == 0)
                    break;
                f = ac->nodes[f].fail;
            }
            ac->nodes[v].fail = (found && target != v) ? target : 0;
            uint32_t fv = ac->nodes[v].fail;
            ac->nodes[v].dict = ac->nodes[fv].value >= 0 ? fv : ac->nodes[fv].dict;
            queue[tail++] = v;
        }
    }
}

/* Offsets of the records in depth-first preorder (the root first, at 0),
 * into at[node]; returns the pool's size in words, or 0 when it would not
 * fit 32-bit offsets. `stack` has room for every node. */
static size_t layout(const giji_ac *ac, uint32_t *at, uint32_t *stack)
{
    size_t size = 0, top = 0;
    stack[top++] = 0;
    while (top) {
        uint32_t u = stack[--top];
        const node *nu = &ac->nodes[u];
        at[u] = (uint32_t)size;
        if (nu->count > R_COUNT_MASK)
            return 0;
        size += rec_len(rec_opt(rec_word(nu)), nu->count);
        if (size > UINT32_MAX)
            return 0;
        /* pushed last to first, so the first child is visited next */
        for (uint32_t e = nu->first + nu->count; e > nu->first; e--)
            stack[top++] = ac->edges[e - 1].to;
    }
    return size;
}

/* The records, from the nodes and edges, with node indices made offsets. */
static void fill_pool(giji_ac *ac, const uint32_t *at)
{
    for (uint32_t u = 0; u < ac->nnodes; u++) {
        const node *nu = &ac->nodes[u];
        uint32_t *r = ac->pool + at[u];
        uint32_t w = rec_word(nu), *o = r + R_FIXED;
        r[R_WORD] = w;
        r[R_FAIL] = at[nu->fail];
        if (w & R_HAS_VALUE) {
            *o++ = (uint32_t)nu->value;
            *o++ = nu->depth;
        }
        if (w & R_HAS_DICT)
            *o++ = at[nu->dict];
        for (uint32_t k = 0; k < nu->count; k++) {
            o[k] = ac->edges[nu->first + k].cp;
            if (k)   /* the first child's record follows: no need to say where */
                o[nu->count + k - 1] = at[ac->edges[nu->first + k].to];
        }
    }
}

/* Flatten the children into one edge array, in node order. */
static int flatten(giji_ac *ac)
{
    size_t total = 0;
    for (uint32_t i = 0; i < ac->nnodes; i++)
        total += ac->building[i].n;
    if (!(ac->edges = malloc((total ? total : 1) * sizeof *ac->edges)))
        return GIJI_NOMEM();
    uint32_t next = 0;
    for (uint32_t i = 0; i < ac->nnodes; i++) {
        kids *k = &ac->building[i];
        ac->nodes[i].first = next;
        ac->nodes[i].count = k->n;
        if (k->n)
            memcpy(ac->edges + next, k->e, k->n * sizeof *k->e);
        next += k->n;
        free(k->e);
    }
    free(ac->building);
    ac->building = NULL;
    return GIJI_OK;
}

int giji_ac_build(giji_ac *ac)
{
    if (ac->built)
        return GIJI_OK;
    if (flatten(ac))
        return GIJI_ENOMEM;
    ac->built = 1;
    uint32_t *queue = malloc(ac->nnodes * sizeof *queue), *at = malloc(ac->nnodes * sizeof *at);
    int rc = queue && at ? GIJI_OK : GIJI_NOMEM();
    if (!rc) {
        link_failures(ac, queue);
        if (!(ac->npool = layout(ac, at, queue)))
            rc = giji_error_set(GIJI_EINVAL, "automaton: too many patterns");
    }
    if (!rc && !(ac->pool = malloc(ac->npool * sizeof *ac->pool)))
        rc = GIJI_NOMEM();
    if (!rc) {
        fill_pool(ac, at);
        rc = root_table(ac, at);
    }
    free(queue);
    free(at);
    /* matching needs only the pool and the root table */
    free(ac->nodes);
    ac->nodes = NULL;
    free(ac->edges);
    ac->edges = NULL;
    return rc;
}

/* The child of state s on cp, or 0 when it has none. */
static inline uint32_t pool_child(const uint32_t *pool, uint32_t s, uint32_t cp)
{
    const uint32_t *r = pool + s;
    uint32_t w = r[R_WORD], n = w & R_COUNT_MASK, opt = rec_opt(w);
    const uint32_t *cps = r + R_FIXED + opt;
    uint32_t k;
    if (n <= 4) {   /* most states have one child: a scan beats a search */
        for (k = 0; k < n && cps[k] != cp; k++)
            ;
        if (k == n)
            return 0;
    } else {
        uint32_t lo = 0, hi = n;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (cps[mid] < cp) lo = mid + 1;
            else hi = mid;
        }
        if (lo == n || cps[lo] != cp)
            return 0;
        k = lo;
    }
    /* the first child is the next record */
    return k ? cps[n + k - 1] : s + (uint32_t)rec_len(opt, n);
}

static inline uint32_t step(const giji_ac *ac, uint32_t state, uint32_t cp)
{
    const uint32_t *pool = ac->pool;
    for (;;) {
        if (state == 0) {   /* the root: its hash table (0: no child, stay) */
            const uint32_t *root = ac->root;
            for (uint32_t h = (cp * 0x9E3779B1u) >> ac->root_shift;; h = (h + 1) & ac->root_mask) {
                if (root[2 * h] == cp)
                    return root[2 * h + 1];
                if (root[2 * h] == NO_CP)
                    return 0;
            }
        }
        uint32_t next = pool_child(pool, state, cp);
        if (next)
            return next;
        state = pool[state + R_FAIL];
    }
}

uint32_t giji_ac_step(const giji_ac *ac, uint32_t state, uint32_t cp)
{
    return step(ac, state, cp);
}

/* The state of the longest pattern ending in `state`, or 0. */
static inline uint32_t longest(const uint32_t *pool, uint32_t state)
{
    uint32_t w = pool[state];
    if (w & R_HAS_VALUE)
        return state;
    return w & R_HAS_DICT ? pool[state + R_FIXED] : 0;
}

int giji_ac_next_match(const giji_ac *ac, uint32_t from, int *value, size_t *len, uint32_t *next)
{
    if (from == 0)
        return 0;
    /* `from` ends a pattern (longest and the dict links lead only there) */
    const uint32_t *r = ac->pool + from;
    uint32_t w = r[R_WORD];
    *value = (int)r[R_FIXED];
    *len = r[R_FIXED + 1];
    *next = w & R_HAS_DICT ? r[R_FIXED + 2] : 0;
    return 1;
}

int giji_ac_match(const giji_ac *ac, uint32_t state, int *value, size_t *len, uint32_t *next)
{
    return giji_ac_next_match(ac, longest(ac->pool, state), value, len, next);
}

int giji_ac_scan(const giji_ac *ac, const uint32_t *cps, size_t n, giji_ac_hit_fn hit, void *ctx)
{
    uint32_t state = 0;
    for (size_t i = 0; i < n; i++) {
        state = step(ac, state, cps[i]);
        uint32_t m = state ? longest(ac->pool, state) : 0;
        int rc = m ? hit(ctx, i, m) : 0;
        if (rc)
            return rc;
    }
    return 0;
}
