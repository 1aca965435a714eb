/*
 * render/render.c — relationship maps with Graphviz, in-process (cgraph +
 * gvc): giji_render_graph and the option names of giji/render.h.
 *
 * Responsible for: the visual encoding (node area by a metric, colour by
 * entity type or community, persons as rounded boxes, the anonymous remarks
 * of a meeting as dashed boxes, edge width and darkness by weight), the
 * layout (one pass with the chosen engine, then a second, "nop" pass that
 * keeps those positions and routes the edges, after which the title, legend
 * and caption are added around them), the 16:9 briefing frame, and the SVG
 * contract of giji/render.h (ids, classes, tooltips; the legend, title and
 * caption groups carry their own classes, not "node", rewritten on the way
 * out by svg_stream.c).
 * Graphviz's messages are collected, never printed. Not responsible for:
 * choosing the nodes (graph/: the spec's top and focus), the caption's text
 * (caption.c), escaping (text.c), files (cli/: it hands over the stream).
 */
#include "render/render_int.h"

#include "giji/extract.h"
#include "util/str.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Keeps printf_hooks.c in every program that renders: its definitions are
 * referenced only by libquadmath, which the linker does not look at when
 * it picks members of a static library. */
static const int *const keep_printf_hooks __attribute__((used)) = &giji_render_printf_hooks;

#define FONT "Noto Sans CJK JP"
#define SEED "20170125"

/* ---- names ----------------------------------------------------------------- */

void giji_render_opts_init(giji_render_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = GIJI_RENDER_SVG;
    o->preset = GIJI_PRESET_MAP;
    o->size_by = GIJI_METRIC_PAGERANK;
    o->color_by = GIJI_COLOR_TYPE;
}

static int lookup(const char *name, const char *const *names, int n)
{
    if (!name)
        return -1;
    for (int i = 0; i < n; i++)
        if (!strcasecmp(name, names[i]))
            return i;
    return -1;
}

static const char *const format_names[] = {"svg", "png", "pdf", "layout-json", "gv"};
static const char *const preset_names[] = {"map", "briefing"};
static const char *const color_names[] = {"type", "community"};

int giji_render_format_parse(const char *name) { return lookup(name, format_names, 5); }
int giji_render_preset_parse(const char *name) { return lookup(name, preset_names, 2); }
int giji_render_color_parse(const char *name) { return lookup(name, color_names, 2); }

int giji_render_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot || strchr(dot, '/'))
        return -1;
    int f = giji_render_format_parse(dot + 1);
    return f == GIJI_RENDER_LAYOUT_JSON ? -1 : f;
}

/* ---- Graphviz's messages ------------------------------------------------------ */

static giji_buf gv_messages;    /* gvc is used from one thread at a time */

static int collect_message(char *msg)
{
    if (gv_messages.len < 4096)
        giji_buf_puts(&gv_messages, msg);
    return 0;
}

/* The first line Graphviz wrote, for error messages. */
static const char *first_message(void)
{
    static char line[256];
    const char *m = gv_messages.data ? gv_messages.data : "";
    while (*m == ' ' || *m == '\n')
        m++;
    size_t n = strcspn(m, "\n");
    if (n >= sizeof line)
        n = sizeof line - 1;
    memcpy(line, m, n);
    line[n] = '\0';
    if (!strncmp(line, "Error: ", 7))
        memmove(line, line + 7, strlen(line + 7) + 1);
    return line[0] ? line : "no message";
}

/* ---- the Graphviz context ------------------------------------------------------- */

/* One context for the life of the process, never freed: Graphviz 2.42/2.43's
 * pango plugin keeps a pointer to the last font name it measured, which
 * lives in the context's font table; with a context per call, the next
 * call would compare against freed memory. (gvc is used from one thread.) */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* ---- colours ------------------------------------------------------------------ */

/* Paul Tol's "muted" scheme: nine colours told apart with every common
 * colour-vision deficiency (https://personal.sron.nl/~pault/). One per
 * entity type; persons are white with a dark border. */
static const char *const type_color[GIJI_ENT_NTYPES] = {
    "#332288", /* ministry: indigo */
    "#999933", /* isac: olive */
    "#CC6677", /* law: rose */
    "#117733", /* policy: green */
    "#DDCC77", /* event: sand */
    "#44AA99", /* country: teal */
    "#882255", /* org: wine */
    "#88CCEE", /* topic: cyan */
};
static const char *const type_ja[GIJI_ENT_NTYPES] = {
    "省庁", "ISAC・CSIRT", "法律", "政策・計画", "行事", "国・地域", "団体", "テーマ",
};
static const char *const community_color[] = {
    "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288",
    "#AA4499", "#44AA99", "#999933", "#882255",
};
#define NCOMMUNITY_COLORS 9
#define OTHER_COLOR "#DDDDDD"
#define PERSON_FILL "#FFFFFF"
#define PERSON_LINE "#333333"
#define ANON_FILL "#F2F2F2"
#define ANON_LINE "#777777"

/* Dark fills get white text. */
static const char *text_on(const char *fill)
{
    unsigned r, g, b;
    if (sscanf(fill, "#%02x%02x%02x", &r, &g, &b) != 3)
        return "#000000";
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return y < 120 ? "#FFFFFF" : "#1A1A1A";
}

static const char *node_fill(const giji_graph_node *n, const giji_render_opts *o)
{
    if (o->color_by == GIJI_COLOR_COMMUNITY)
        return n->community >= 0 && n->community < NCOMMUNITY_COLORS ? community_color[n->community]
                                                                       : OTHER_COLOR;
    if (n->kind == GIJI_NODE_PERSON)
        return PERSON_FILL;
    if (n->kind == GIJI_NODE_UNATTRIBUTED)
        return ANON_FILL;
    return n->type >= 0 && n->type < GIJI_ENT_NTYPES ? type_color[n->type] : OTHER_COLOR;
}

/* ---- the preset's numbers ------------------------------------------------------- */

typedef struct look {
    double font_min, font_max;      /* label points, by the size metric */
    double height_min, height_max;  /* node height, inches, by the size metric */
    double pen_min, pen_max;        /* edge width, points, by weight */
    double legend_font, title_font, caption_font;
    size_t label_cols;              /* label line length (display columns) */
    int label_lines;
} look;

static const look map_look = {10, 26, 0.28, 1.0, 0.5, 6.0, 14, 24, 13, 20, 2};
static const look briefing_look = {15, 28, 0.42, 1.2, 1.0, 6.0, 11, 22, 10, 22, 2};

/* ---- building the Graphviz graph -------------------------------------------------- */

typedef struct ctx {
    const giji_graph *g;
    const giji_render_opts *o;
    const look *lk;
    Agraph_t *ag;
    Agnode_t **nodes;           /* per graph node */
    size_t nlabelled;
    double vmax, wmax;
    giji_buf tmp;
} ctx;

static double value_of(const ctx *c, const giji_graph_node *n)
{
    double v = c->g->has_metrics ? n->metric[c->o->size_by] : (double)n->remarks;
    return isfinite(v) && v > 0 ? v : 0;
}

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, (char *)name, (char *)value, "");
}

static void setf(void *obj, const char *name, const char *fmt, double v)
{
    char b[64];
    snprintf(b, sizeof b, fmt, v);
    set(obj, name, b);
}

/* Set an HTML-like label (the text already escaped / marked up). */
static int set_html(Agraph_t *ag, void *obj, const char *name, const char *html)
{
    char *h = agstrdup_html(ag, (char *)html);
    if (!h)
        return GIJI_NOMEM();
    set(obj, name, h);
    agstrfree(ag, h);
    return GIJI_OK;
}

static const char *metric_label(giji_metric m)
{
    static const char *const names[] = {"degree", "strength", "betweenness", "harmonic closeness",
                                        "eigenvector centrality", "PageRank"};
    return (unsigned)m < GIJI_NMETRICS ? names[m] : "?";
}

static int node_tooltip(ctx *c, const giji_graph_node *n)
{
    giji_buf *b = &c->tmp;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    giji_render_escape(b, n->name ? n->name : "?", 0);
    if (n->kind == GIJI_NODE_ENTITY)
        giji_buf_printf(b, "&#10;%s (%s)", n->type >= 0 && n->type < GIJI_ENT_NTYPES ? type_ja[n->type] : "?",
                        giji_entity_type_name(n->type));
    else
        giji_buf_printf(b, "&#10;%s", n->kind == GIJI_NODE_PERSON ? "人物 (person)" : "発言者不明の発言 (unattributed)");
    giji_buf_printf(b, "&#10;remarks: %lld", n->remarks);
    if (c->g->has_metrics)
        giji_buf_printf(b, "&#10;PageRank %.4f &#183; degree %.0f &#183; betweenness %.4f&#10;community %lld",
                        n->metric[GIJI_METRIC_PAGERANK], n->metric[GIJI_METRIC_DEGREE],
                        n->metric[GIJI_METRIC_BETWEENNESS], n->community);
    return b->data ? GIJI_OK : GIJI_NOMEM();
}

static int add_node(ctx *c, size_t i, int labelled)
{
    const giji_graph_node *n = &c->g->nodes[i];
    const look *lk = c->lk;
    char key[24];
    giji_graph_node_key(n, key);
    Agnode_t *an = agnode(c->ag, key, 1);
    if (!an)
        return GIJI_NOMEM();
    c->nodes[i] = an;
    double s = c->vmax > 0 ? sqrt(value_of(c, n) / c->vmax) : 0;
    double h = lk->height_min + (lk->height_max - lk->height_min) * s;
    const char *fill = node_fill(n, c->o);
    set(an, "id", key);
    char cls[64];
    int k = snprintf(cls, sizeof cls, "%s", giji_node_kind_name(n->kind));
    if (n->kind == GIJI_NODE_ENTITY)
        k += snprintf(cls + k, sizeof cls - (size_t)k, " type-%s", giji_entity_type_name(n->type));
    if (c->g->has_metrics)
        snprintf(cls + k, sizeof cls - (size_t)k, " comm-%lld", n->community);
    set(an, "class", cls);
    set(an, "fillcolor", fill);
    set(an, "fontcolor", text_on(fill));
    if (n->kind == GIJI_NODE_PERSON) {
        set(an, "shape", "box");
        set(an, "style", "rounded,filled");
        set(an, "color", PERSON_LINE);
        set(an, "penwidth", "1.6");
    } else if (n->kind == GIJI_NODE_UNATTRIBUTED) {
        set(an, "shape", "box");
        set(an, "style", "rounded,dashed,filled");
        set(an, "color", ANON_LINE);
        set(an, "penwidth", "1.4");
    } else {
        set(an, "shape", "ellipse");
        set(an, "style", "filled");
        set(an, "color", "#FFFFFF");
        set(an, "penwidth", "1.0");
    }
    if (labelled) {
        setf(an, "fontsize", "%.1f", lk->font_min + (lk->font_max - lk->font_min) * s);
        setf(an, "height", "%.3f", h);
        setf(an, "width", "%.3f", h * (n->kind == GIJI_NODE_ENTITY ? 1.3 : 1.0));
        set(an, "fixedsize", "false");
        c->tmp.len = 0;
        const char *name = n->name ? n->name : "?";
        if (n->kind == GIJI_NODE_UNATTRIBUTED && !strncmp(name, "unattributed: ", 14))
            name += 14;
        int rc = giji_render_label(&c->tmp, name, lk->label_cols, lk->label_lines);
        if (rc == GIJI_OK)
            rc = set_html(c->ag, an, "label", c->tmp.data);
        if (rc)
            return rc;
    } else {
        setf(an, "height", "%.3f", h * 0.7);
        setf(an, "width", "%.3f", h * 0.7);
        set(an, "fixedsize", "true");
        set(an, "label", "");
    }
    int rc = node_tooltip(c, n);
    if (rc)
        return rc;
    set(an, "tooltip", c->tmp.data);
    return GIJI_OK;
}

static int add_edge(ctx *c, const giji_graph_edge *e)
{
    const giji_graph_node *s = &c->g->nodes[e->source], *t = &c->g->nodes[e->target];
    char sk[24], tk[24], id[80];
    giji_graph_node_key(s, sk);
    giji_graph_node_key(t, tk);
    const char *kind = giji_edge_kind_name(e->kind);
    snprintf(id, sizeof id, "%s--%s--%s", sk, tk, kind);
    Agedge_t *ae = agedge(c->ag, c->nodes[e->source], c->nodes[e->target], id, 1);
    if (!ae)
        return GIJI_NOMEM();
    double w = isfinite(e->weight) && e->weight > 0 ? e->weight : 0;
    double r = c->wmax > 0 ? sqrt(w / c->wmax) : 0;
    set(ae, "id", id);
    set(ae, "class", kind);
    setf(ae, "penwidth", "%.2f", c->lk->pen_min + (c->lk->pen_max - c->lk->pen_min) * r);
    /* light edges recede: alpha from 0x38 to 0xB0 */
    char color[16];
    unsigned alpha = 0x30 + (unsigned)lround(r * (0xA0 - 0x30));
    snprintf(color, sizeof color, "%s%02X", e->kind == GIJI_EDGE_RAISED ? "#3A3A5C" : "#6B6B6B", alpha);
    set(ae, "color", color);
    giji_buf *b = &c->tmp;
    b->len = 0;
    giji_render_escape(b, s->name ? s->name : "?", 0);
    giji_buf_puts(b, e->kind == GIJI_EDGE_RAISED ? " &#8594; " : " &#8212; ");
    giji_render_escape(b, t->name ? t->name : "?", 0);
    giji_buf_printf(b, "&#10;%s: %lld %s", kind, e->count,
                    e->kind == GIJI_EDGE_SHARED ? "in common" : e->count == 1 ? "remark" : "remarks");
    if (e->weight != (double)e->count)
        giji_buf_printf(b, ", weight %.4g", e->weight);
    if (e->nremarks) {
        giji_buf_puts(b, "&#10;remark ids:");
        for (size_t k = 0; k < e->nremarks && k < 12; k++)
            giji_buf_printf(b, " %lld", e->remarks[k]);
        if (e->nremarks > 12)
            giji_buf_puts(b, " &#8230;");
    }
    if (!b->data)
        return GIJI_NOMEM();
    set(ae, "tooltip", b->data);
    return GIJI_OK;
}

/* ---- title, legend, caption --------------------------------------------------------- */

static void legend_row(giji_buf *b, const char *fill, const char *line, const char *style, const char *text)
{
    giji_buf_printf(b, "<TR><TD WIDTH=\"22\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\" BGCOLOR=\"%s\" COLOR=\"%s\" "
                       "BORDER=\"%d\"%s%s%s></TD><TD ALIGN=\"LEFT\">",
                    fill, line, line[1] == 'F' ? 0 : 1, style ? " STYLE=\"" : "", style ? style : "",
                    style ? "\"" : "");
    giji_buf_puts(b, text);
    giji_buf_puts(b, "</TD></TR>");
}

#define SWATCHES_BEGIN "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">"
#define SWATCHES_END "</TABLE></TD></TR>"

static int legend_html(const ctx *c, giji_buf *b)
{
    const giji_graph *g = c->g;
    int have_kind[3] = {0}, have_type[GIJI_ENT_NTYPES] = {0};
    long long maxcomm = -1;
    for (size_t i = 0; i < g->nnodes; i++) {
        have_kind[g->nodes[i].kind] = 1;
        if (g->nodes[i].kind == GIJI_NODE_ENTITY && g->nodes[i].type >= 0 && g->nodes[i].type < GIJI_ENT_NTYPES)
            have_type[g->nodes[i].type] = 1;
        if (g->nodes[i].community > maxcomm)
            maxcomm = g->nodes[i].community;
    }
    /* what an edge's weight counts */
    const char *width_ja = "関連する発言の数", *width_en = "remarks behind the link";
    for (size_t i = 0; i < g->nedges; i++)
        if (g->edges[i].kind == GIJI_EDGE_SHARED) {
            int persons = g->nodes[g->edges[i].source].kind != GIJI_NODE_ENTITY;
            width_ja = persons ? "共通して挙げた項目の数" : "共通の発言者の数";
            width_en = persons ? "entities raised by both" : "speakers in common";
            break;
        }
    giji_buf_puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">");
    if (c->o->color_by == GIJI_COLOR_TYPE) {
        giji_buf_puts(b, "<TR><TD ALIGN=\"LEFT\"><B>色: 種類 (colour: type)</B></TD></TR>");
        giji_buf_puts(b, SWATCHES_BEGIN);
        for (int t = 0; t < GIJI_ENT_NTYPES; t++)
            if (have_type[t]) {
                char text[96];
                snprintf(text, sizeof text, "%s <FONT COLOR=\"#666666\">%s</FONT>", type_ja[t],
                         giji_entity_type_name(t));
                legend_row(b, type_color[t], "#FFFFFF", NULL, text);
            }
    } else {
        giji_buf_puts(b, "<TR><TD ALIGN=\"LEFT\"><B>色: コミュニティ (colour: community)</B></TD></TR>");
        giji_buf_puts(b, SWATCHES_BEGIN);
        for (long long k = 0; k <= maxcomm && k < NCOMMUNITY_COLORS; k++) {
            char text[64];
            snprintf(text, sizeof text, "コミュニティ %lld", k + 1);
            legend_row(b, community_color[k], "#FFFFFF", NULL, text);
        }
        if (maxcomm >= NCOMMUNITY_COLORS)
            legend_row(b, OTHER_COLOR, "#FFFFFF", NULL, "その他 (others)");
    }
    if (have_kind[GIJI_NODE_PERSON])
        legend_row(b, c->o->color_by == GIJI_COLOR_TYPE ? PERSON_FILL : "#FFFFFF", PERSON_LINE, "rounded",
                   "人物 <FONT COLOR=\"#666666\">person</FONT>");
    if (have_kind[GIJI_NODE_UNATTRIBUTED])
        legend_row(b, c->o->color_by == GIJI_COLOR_TYPE ? ANON_FILL : "#FFFFFF", ANON_LINE, "rounded,dashed",
                   "発言者不明 <FONT COLOR=\"#666666\">unattributed</FONT>");
    giji_buf_puts(b, SWATCHES_END);
    giji_buf_printf(b, "<TR><TD ALIGN=\"LEFT\"> </TD></TR>"
                       "<TR><TD ALIGN=\"LEFT\"><B>大きさ: %s</B></TD></TR>"
                       "<TR><TD ALIGN=\"LEFT\">(size: %s)</TD></TR>"
                       "<TR><TD ALIGN=\"LEFT\"><B>線の太さ: %s</B></TD></TR>"
                       "<TR><TD ALIGN=\"LEFT\">(line width: %s)</TD></TR>",
                    metric_label(c->o->size_by), metric_label(c->o->size_by), width_ja, width_en);
    if (c->nlabelled < g->nnodes)
        giji_buf_printf(b, "<TR><TD ALIGN=\"LEFT\">名前は上位 %zu 件 (labels: top %zu)</TD></TR>",
                        c->nlabelled, c->nlabelled);
    giji_buf_puts(b, "</TABLE>");
    return b->data ? GIJI_OK : GIJI_NOMEM();
}

/* A label of up to max_lines lines, each aligned left. */
static int left_aligned(giji_buf *b, const char *text, size_t cols, int max_lines)
{
    giji_buf t = {0};
    int rc = giji_render_label(&t, text, cols, max_lines);
    for (const char *p = t.data; rc == GIJI_OK && p && *p;) {
        const char *br = strstr(p, "<BR/>");
        size_t n = br ? (size_t)(br - p) : strlen(p);
        rc = giji_buf_append(b, p, n);
        if (rc == GIJI_OK)
            rc = giji_buf_puts(b, "<BR ALIGN=\"LEFT\"/>");
        p = br ? br + 5 : p + n;
    }
    giji_buf_free(&t);
    return rc;
}

/* A plaintext node holding an HTML label, measured by a layout. */
static Agnode_t *deco_node(Agraph_t *ag, const char *name, const char *html, double fontsize, int *rc)
{
    Agnode_t *n = agnode(ag, (char *)name, 1);
    if (!n) {
        *rc = GIJI_NOMEM();
        return NULL;
    }
    set(n, "shape", "plaintext");
    set(n, "id", name);
    set(n, "class", name);
    set(n, "margin", "0");
    set(n, "fontcolor", "#1A1A1A");
    set(n, "fillcolor", "#FFFFFF");
    set(n, "style", "");
    set(n, "fixedsize", "false");
    set(n, "width", "0");
    set(n, "height", "0");
    setf(n, "fontsize", "%.1f", fontsize);
    *rc = set_html(ag, n, "label", html);
    return n;
}

/* Lay out the title, legend and caption alone (fonts times fscale) to learn
 * their sizes in points: d = legend w, h, title w, h, caption w, h (0 when
 * absent). */
static int measure(GVC_t *gvc, ctx *c, const char *legend, const char *title, const char *caption, double fscale,
                   double d[6])
{
    memset(d, 0, 6 * sizeof *d);
    Agraph_t *mg = agopen("measure", Agundirected, NULL);
    if (!mg)
        return GIJI_NOMEM();
    agattr(mg, AGNODE, "fontname", FONT);
    int rc = GIJI_OK;
    Agnode_t *ln = deco_node(mg, "legend", legend, c->lk->legend_font * fscale, &rc);
    Agnode_t *tn = title && rc == GIJI_OK ? deco_node(mg, "title", title, c->lk->title_font * fscale, &rc) : NULL;
    Agnode_t *cn = caption && rc == GIJI_OK ? deco_node(mg, "caption", caption, c->lk->caption_font * fscale, &rc)
                                            : NULL;
    if (rc == GIJI_OK && gvLayout(gvc, mg, "nop") == 0) {
        d[0] = ND_width(ln) * 72, d[1] = ND_height(ln) * 72;
        if (tn)
            d[2] = ND_width(tn) * 72, d[3] = ND_height(tn) * 72;
        if (cn)
            d[4] = ND_width(cn) * 72, d[5] = ND_height(cn) * 72;
        gvFreeLayout(gvc, mg);
    } else if (rc == GIJI_OK) {
        rc = giji_error_set(GIJI_EINVAL, "render: Graphviz could not measure the legend: %s", first_message());
    }
    agclose(mg);
    return rc;
}

/* Graphviz's own node set-up (libgvc, exported but in no public header):
 * what every engine's init does for each node, the label measured once. */
extern void common_init_node(Agnode_t *n);
extern void gv_nodesize(Agnode_t *n, boolean flip);

/* A title, legend or caption: its label, font size and centre. */
typedef struct deco_place {
    const char *name, *html;
    double fontsize, x, y;
} deco_place;

/* Add the title, legend and caption to a laid-out graph, as the engine
 * would have (the node record, shape and label, its size), at their
 * places, and grow the drawing's box to hold them. After the layout, so
 * that the edge routing never treats them as obstacles: they stand apart
 * from the nodes, but every vertex of every obstacle costs every edge's
 * route (pathplan's visibility, O(vertices²) per edge). */
static int add_decorations(ctx *c, const deco_place *d, size_t n)
{
    Agraph_t *ag = c->ag;
    boxf bb = GD_bb(ag);
    for (size_t i = 0; i < n; i++) {
        int rc = GIJI_OK;
        Agnode_t *dn = deco_node(ag, d[i].name, d[i].html, d[i].fontsize, &rc);
        if (rc)
            return rc;
        if (!agbindrec(dn, "Agnodeinfo_t", sizeof(Agnodeinfo_t), 1))
            return GIJI_NOMEM();
        common_init_node(dn);
        gv_nodesize(dn, GD_flip(ag));
        /* to the hundredth of a point, as a "pos" attribute would give */
        char xy[64];
        snprintf(xy, sizeof xy, "%.2f %.2f", d[i].x, d[i].y);
        if (sscanf(xy, "%lf %lf", &ND_coord(dn).x, &ND_coord(dn).y) != 2)
            return giji_error_set(GIJI_EINVAL, "render: cannot place the %s", d[i].name);
        double hw = ND_width(dn) * 36, hh = ND_height(dn) * 36;
        pointf p = ND_coord(dn);
        if (p.x - hw < bb.LL.x) bb.LL.x = p.x - hw;
        if (p.x + hw > bb.UR.x) bb.UR.x = p.x + hw;
        if (p.y - hh < bb.LL.y) bb.LL.y = p.y - hh;
        if (p.y + hh > bb.UR.y) bb.UR.y = p.y + hh;
    }
    GD_bb(ag) = bb;
    return GIJI_OK;
}

/* ---- layout and rendering ------------------------------------------------------------ */

static int is_engine(const char *e)
{
    static const char *const ok[] = {"sfdp", "neato", "fdp", "dot", "circo"};
    for (size_t i = 0; i < 5; i++)
        if (!strcmp(e, ok[i]))
            return 1;
    return 0;
}

typedef struct rbox { double x0, y0, x1, y1; } rbox;

/* The graph attributes of both passes. */
static void graph_attrs(ctx *c, const char *engine)
{
    Agraph_t *ag = c->ag;
    set(ag, "bgcolor", "#FFFFFF");
    set(ag, "fontname", FONT);
    set(ag, "outputorder", "edgesfirst");
    /* pass 1 only places the nodes: edges are routed once, by pass 2 (the
     * engines place nodes without looking at splines; "none" skips routes
     * that gvFreeLayout would throw away) */
    set(ag, "splines", "none");
    set(ag, "overlap", "prism");
    /* prism after scaling the layout to this many times the average node
     * size (negative): tighter on a slide, where the figure is scaled down */
    set(ag, "overlap_scaling", c->o->preset == GIJI_PRESET_BRIEFING ? "-0.5" : "-1");
    set(ag, "sep", c->o->preset == GIJI_PRESET_BRIEFING ? "+2" : "+5");
    set(ag, "esep", "+3");
    set(ag, "start", SEED);
    set(ag, "pad", "0");
    set(ag, "margin", "0");
    set(ag, "pack", "true");
    set(ag, "packmode", "graph");
    if (!strcmp(engine, "neato")) {
        set(ag, "mode", "major");
        set(ag, "model", "subset");
    }
    if (!strcmp(engine, "sfdp")) {
        set(ag, "K", "0.9");
        set(ag, "repulsiveforce", "1.2");
    }
    if (!strcmp(engine, "dot")) {
        set(ag, "rankdir", "LR");
        set(ag, "ranksep", "1.0");
    }
    /* node and edge defaults */
    agattr(ag, AGNODE, "fontname", FONT);
    agattr(ag, AGNODE, "margin", "0.09,0.045");
    agattr(ag, AGEDGE, "arrowhead", "none");
}

/* Curved edges routed around the nodes, unless there are too many of them
 * to route in reasonable time. */
static const char *final_splines(const giji_graph *g)
{
    return g->nedges > 400 ? "false" : "true";
}

/* The graph as DOT text, before layout (GIJI_RENDER_GV). agwrite declares
 * a node where its first edge needs it, so a reader would create the nodes
 * in another order than giji did, and the engines' results depend on that
 * order (sfdp sums over it): the same graph would get another layout, at
 * another cost. A subgraph holding every node, which agwrite writes first,
 * declares them in giji's order. (It is named because agwrite skips an
 * anonymous one without attributes; no engine draws a subgraph whose name
 * does not start with "cluster".) */
static int write_gv(Agraph_t *ag, FILE *f)
{
    Agraph_t *all = agsubg(ag, "giji_nodes", 1);
    if (!all)
        return GIJI_NOMEM();
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n))
        agsubnode(all, n, 1);
    if (agwrite(ag, f) != 0)
        return giji_error_set(GIJI_EIO, "render: cannot write the graph as DOT");
    return GIJI_OK;
}

/* Render the laid-out graph in `format` to f, as dot does: Graphviz's
 * writes go through stdio. An SVG goes through giji_render_svg_stream, which
 * gives the legend, title and caption groups their own class. GIJI_OK, or
 * an error saying whether Graphviz or the writing failed. */
static int render_to(GVC_t *gvc, Agraph_t *ag, int format, FILE *f)
{
    static const char *const gvformat[] = {"svg", "png:cairo", "pdf:cairo", "json"};
    int svg = format == GIJI_RENDER_SVG;
    FILE *to = svg ? giji_render_svg_stream(f) : f;
    if (!to)
        return GIJI_NOMEM();
    int bad = gvRender(gvc, ag, gvformat[format], to) != 0;
    int lost = svg && fclose(to) != 0;
    if (bad)
        return giji_error_set(GIJI_EINVAL, "render: Graphviz cannot write %s (is the plugin registered? "
                              "run 'dot -c' as root): %s", format_names[format], first_message());
    if (lost || ferror(f))
        return giji_error_set(GIJI_EIO, "render: cannot write the drawing");
    return GIJI_OK;
}

int giji_render_graph_to(const giji_graph *g, const giji_render_opts *o, FILE *f)
{
    if (!g || g->nnodes == 0)
        return giji_error_set(GIJI_EINVAL, "render: the graph is empty: nothing to draw (no selected remark "
                                           "mentions a selected entity)");
    if ((unsigned)o->format > GIJI_RENDER_GV || (unsigned)o->preset > GIJI_PRESET_BRIEFING ||
        (unsigned)o->size_by >= GIJI_NMETRICS || (unsigned)o->color_by > GIJI_COLOR_COMMUNITY)
        return giji_error_set(GIJI_EINVAL, "render: bad option value");
    const char *engine = o->layout ? o->layout : g->nnodes > 400 ? "sfdp" : "neato";
    if (!is_engine(engine))
        return giji_error_set(GIJI_EINVAL, "render: unknown layout '%s' (known: sfdp, neato, fdp, dot, circo)",
                              engine);

    ctx c;
    memset(&c, 0, sizeof c);
    c.g = g;
    c.o = o;
    c.lk = o->preset == GIJI_PRESET_BRIEFING ? &briefing_look : &map_look;
    for (size_t i = 0; i < g->nnodes; i++)
        if (value_of(&c, &g->nodes[i]) > c.vmax)
            c.vmax = value_of(&c, &g->nodes[i]);
    for (size_t i = 0; i < g->nedges; i++)
        if (isfinite(g->edges[i].weight) && g->edges[i].weight > c.wmax)
            c.wmax = g->edges[i].weight;
    size_t label_top = o->label_top ? o->label_top : o->preset == GIJI_PRESET_BRIEFING ? GIJI_BRIEFING_NODES : 150;
    c.nlabelled = label_top < g->nnodes ? label_top : g->nnodes;

    int rc = GIJI_OK;
    size_t *order = NULL;
    char *labelled = calloc(g->nnodes, 1);
    c.nodes = calloc(g->nnodes, sizeof *c.nodes);
    if (!labelled || !c.nodes) {
        free(labelled);
        free(c.nodes);
        return GIJI_NOMEM();
    }
    if (c.nlabelled < g->nnodes) {
        rc = giji_graph_rank(g, o->size_by, &order);
        for (size_t k = 0; rc == GIJI_OK && k < c.nlabelled; k++)
            labelled[order[k]] = 1;
    } else {
        memset(labelled, 1, g->nnodes);
    }

    gv_messages.len = 0;
    if (gv_messages.data)
        gv_messages.data[0] = '\0';
    agusererrf old_errf = agseterrf(collect_message);
    agerrlevel_t old_level = agseterr(AGERR);
    GVC_t *gvc = rc == GIJI_OK ? shared_context() : NULL;
    if (rc == GIJI_OK && !gvc)
        rc = giji_error_set(GIJI_ENOMEM, "render: Graphviz could not start");
    Agraph_t *ag = NULL;
    if (rc == GIJI_OK) {
        ag = c.ag = agopen("giji", Agundirected, NULL);
        if (!ag)
            rc = GIJI_NOMEM();
    }
    if (rc == GIJI_OK) {
        graph_attrs(&c, engine);
        for (size_t i = 0; rc == GIJI_OK && i < g->nnodes; i++)
            rc = add_node(&c, i, labelled[i]);
        for (size_t i = 0; rc == GIJI_OK && i < g->nedges; i++)
            rc = add_edge(&c, &g->edges[i]);
    }
    giji_buf legend = {0}, title = {0}, caption = {0};
    if (rc == GIJI_OK && o->format == GIJI_RENDER_GV) {
        /* with the edge routing of the finished drawing (pass 2 below), so
         * that Graphviz alone does the same work as the two passes */
        set(ag, "splines", final_splines(g));
        rc = write_gv(ag, f);
        goto done;
    }
    /* pass 1: the engine places the nodes */
    if (rc == GIJI_OK && gvLayout(gvc, ag, engine) != 0)
        rc = giji_error_set(GIJI_EINVAL, "render: Graphviz layout '%s' failed: %s", engine, first_message());
    rbox bb = {0, 0, 0, 0};
    if (rc == GIJI_OK) {
        /* the nodes' extent (GD_bb may include packing margins) */
        for (size_t i = 0; i < g->nnodes; i++) {
            double x = ND_coord(c.nodes[i]).x, y = ND_coord(c.nodes[i]).y;
            double hw = ND_width(c.nodes[i]) * 36, hh = ND_height(c.nodes[i]) * 36;
            if (i == 0 || x - hw < bb.x0) bb.x0 = x - hw;
            if (i == 0 || x + hw > bb.x1) bb.x1 = x + hw;
            if (i == 0 || y - hh < bb.y0) bb.y0 = y - hh;
            if (i == 0 || y + hh > bb.y1) bb.y1 = y + hh;
        }
        for (size_t i = 0; i < g->nnodes; i++) {
            char pos[64];
            snprintf(pos, sizeof pos, "%.2f,%.2f!", ND_coord(c.nodes[i]).x, ND_coord(c.nodes[i]).y);
            set(c.nodes[i], "pos", pos);
        }
        gvFreeLayout(gvc, ag);
    }
    /* the title, legend and caption: measured in a graph of their own */
    double lw = 0, lh = 0, tw = 0, th = 0, cw = 0, ch = 0;
    if (rc == GIJI_OK) {
        rc = legend_html(&c, &legend);
        if (rc == GIJI_OK && o->title && *o->title) {
            giji_buf_puts(&title, "<B>");
            rc = giji_render_label(&title, o->title, 90, 2);
            giji_buf_puts(&title, "</B>");
        }
        if (rc == GIJI_OK && o->caption && *o->caption)
            rc = left_aligned(&caption, o->caption, o->preset == GIJI_PRESET_BRIEFING ? 120 : 140, 3);
        if (rc == GIJI_OK && title.data) {
            giji_buf t = {0};
            rc = left_aligned(&t, o->title, 90, 2);
            giji_buf_free(&title);
            if (rc == GIJI_OK && giji_buf_printf(&title, "<B>%s</B>", t.data) != GIJI_OK)
                rc = GIJI_NOMEM();
            giji_buf_free(&t);
        }
    }
    /* On a slide the figure is scaled to fit: the legend, title and caption
     * are enlarged by what the content will be shrunk by, so that they keep
     * their size on the page. */
    double fscale = 1, gap = 24;
    for (int round = 0; rc == GIJI_OK && round < 2; round++) {
        double d[6];
        rc = measure(gvc, &c, legend.data, title.data, caption.data, fscale, d);
        lw = d[0], lh = d[1], tw = d[2], th = d[3], cw = d[4], ch = d[5];
        if (rc || o->preset != GIJI_PRESET_BRIEFING || round == 1)
            break;
        double z = fmin((960 - 56) / (bb.x1 - bb.x0 + gap + lw), (540 - 56) / (bb.y1 - bb.y0 + th + ch + 2 * gap));
        if (z >= 1)
            break;
        fscale = fmin(1 / z, 2.5);
        gap *= fscale;
    }
    /* where the legend, title and caption go, around the nodes' positions */
    deco_place deco[3];
    size_t ndeco = 0;
    int laid_out = 0;
    if (rc == GIJI_OK) {
        double cx0 = bb.x0, cx1 = bb.x1, cy0 = bb.y0, cy1 = bb.y1;
        if (o->preset == GIJI_PRESET_BRIEFING) {
            /* stretch the positions (never the nodes) towards 16:9 */
            double W = (cx1 - cx0) + gap + lw, H = (cy1 - cy0) + (th ? th + gap : 0) + (ch ? ch + gap : 0);
            double want = 16.0 / 9.0;
            double fx = 1, fy = 1;
            if (W / H < want && cx1 > cx0)
                fx = fmin(1.8, (want * H - gap - lw) / (cx1 - cx0));
            else if (W / H > want && cy1 > cy0)
                fy = fmin(1.8, (W / want - (H - (cy1 - cy0))) / (cy1 - cy0));
            if (fx < 1) fx = 1;
            if (fy < 1) fy = 1;
            double mx = (cx0 + cx1) / 2, my = (cy0 + cy1) / 2;
            for (size_t i = 0; i < g->nnodes; i++) {
                double x, y;
                sscanf(agget(c.nodes[i], "pos"), "%lf,%lf", &x, &y);
                char pos[64];
                snprintf(pos, sizeof pos, "%.2f,%.2f!", mx + (x - mx) * fx, my + (y - my) * fy);
                set(c.nodes[i], "pos", pos);
            }
            cx0 = mx - (mx - cx0) * fx, cx1 = mx + (cx1 - mx) * fx;
            cy0 = my - (my - cy0) * fy, cy1 = my + (cy1 - my) * fy;
        }
        /* where the legend, title and caption go: beside, above and below
         * the nodes' extent */
        deco[ndeco++] = (deco_place){"legend", legend.data, c.lk->legend_font * fscale, cx1 + gap + lw / 2,
                                     cy1 - lh / 2};
        if (title.data)
            deco[ndeco++] = (deco_place){"title", title.data, c.lk->title_font * fscale, cx0 + tw / 2,
                                         cy1 + gap + th / 2};
        if (caption.data)
            deco[ndeco++] = (deco_place){"caption", caption.data, c.lk->caption_font * fscale, cx0 + cw / 2,
                                         cy0 - gap - ch / 2};
    }
    /* pass 2: keep the positions and route the edges; the legend, title and
     * caption are added after it (add_decorations), so that they are no
     * obstacles to the routing */
    if (rc == GIJI_OK) {
        set(ag, "splines", final_splines(g));
        set(ag, "notranslate", "true");
        set(ag, "overlap", "true"); /* the positions are final: no removal, no shrinking */
        set(ag, "pack", "false");
        set(ag, "dpi", o->format == GIJI_RENDER_PNG ? (o->preset == GIJI_PRESET_BRIEFING ? "144" : "96") : "72");
        if (gvLayout(gvc, ag, "nop") != 0)
            rc = giji_error_set(GIJI_EINVAL, "render: Graphviz could not route the edges: %s", first_message());
        else
            laid_out = 1;
    }
    if (rc == GIJI_OK)
        rc = add_decorations(&c, deco, ndeco);
    if (rc == GIJI_OK) {
        double W = GD_bb(ag).UR.x - GD_bb(ag).LL.x, H = GD_bb(ag).UR.y - GD_bb(ag).LL.y;
        double margin = o->preset == GIJI_PRESET_BRIEFING ? 28 : 16;
        double pw, ph;
        if (o->preset == GIJI_PRESET_BRIEFING) {
            pw = 960, ph = 540; /* 13.33 x 7.5 in; PNG at 144 dpi: 1920 x 1080 px */
        } else {
            pw = W + 2 * margin, ph = H + 2 * margin;
        }
        double z = fmin((pw - 2 * margin) / W, (ph - 2 * margin) / H);
        if (o->preset != GIJI_PRESET_BRIEFING)
            z = 1;
        char vp[160];
        snprintf(vp, sizeof vp, "%.2f,%.2f,%.5f,%.2f,%.2f", pw, ph, z, (GD_bb(ag).LL.x + GD_bb(ag).UR.x) / 2,
                 (GD_bb(ag).LL.y + GD_bb(ag).UR.y) / 2);
        set(ag, "viewport", vp);
        rc = render_to(gvc, ag, o->format, f);
    }
    if (laid_out)
        gvFreeLayout(gvc, ag);
done:
    if (ag)
        agclose(ag);
    agseterrf(old_errf);
    agseterr(old_level);
    giji_buf_free(&legend);
    giji_buf_free(&title);
    giji_buf_free(&caption);
    giji_buf_free(&c.tmp);
    free(order);
    free(labelled);
    free(c.nodes);
    return rc;
}

int giji_render_graph(const giji_graph *g, const giji_render_opts *o, char **out, size_t *len)
{
    *out = NULL;
    if (len)
        *len = 0;
    char *data = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&data, &n);
    if (!f)
        return GIJI_NOMEM();
    int rc = giji_render_graph_to(g, o, f);
    if (fclose(f) != 0 && rc == GIJI_OK)
        rc = GIJI_NOMEM();
    if (rc == GIJI_OK && !data)
        rc = GIJI_NOMEM();
    if (rc != GIJI_OK) {
        free(data);
        return rc;
    }
    *out = data;
    if (len)
        *len = n;
    return GIJI_OK;
}
