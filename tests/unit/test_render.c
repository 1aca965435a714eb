/*
 * test_render.c — render/ without the command line:
 *   - option names: formats, presets, colourings, the format of a path;
 *   - labels: folded white space, two balanced lines, no line starting with
 *     a small kana, ASCII words kept whole, long names cut with "…", every
 *     hostile character escaped (& < > " ' as entities, a backslash followed
 *     by U+2060 so Graphviz expands nothing);
 *   - tooltips: entities, backslashes written four times, line breaks;
 *   - giji_render_graph: an empty graph is GIJI_EINVAL with a message; a
 *     hand-built graph (no metrics) gives SVG with the ids and classes of
 *     giji/render.h, the legend outside node groups, and the same bytes twice;
 *     the briefing PNG is 1920x1080;
 *   - the SVG stream: the legend, title and caption classes rewritten and
 *     nothing else, whatever the sizes of the writes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "giji/giji.h"
#include "giji/render.h"
#include "render/render_int.h"

#define OK(call) do { int rc_ = (call); if (rc_ != GIJI_OK) fail_msg("%s: %s", #call, giji_error_message()); } while (0)

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(giji_render_format_parse("svg"), GIJI_RENDER_SVG);
    assert_int_equal(giji_render_format_parse("PNG"), GIJI_RENDER_PNG);
    assert_int_equal(giji_render_format_parse("gif"), -1);
    assert_int_equal(giji_render_format_from_path("out/map.PDF"), GIJI_RENDER_PDF);
    assert_int_equal(giji_render_format_from_path("a.svg/map"), -1);
    assert_int_equal(giji_render_format_from_path("map"), -1);
    assert_int_equal(giji_render_format_from_path("x.layout-json"), -1);
    assert_int_equal(giji_render_preset_parse("briefing"), GIJI_PRESET_BRIEFING);
    assert_int_equal(giji_render_color_parse("community"), GIJI_COLOR_COMMUNITY);
    assert_int_equal(giji_render_color_parse(NULL), -1);
}

static char *label(const char *name, size_t cols, int lines)
{
    giji_buf b = {0};
    OK(giji_render_label(&b, name, cols, lines));
    return giji_buf_steal(&b);
}

static void test_labels(void **state)
{
    (void)state;
    char *s;
    s = label("  日本 \t\n 米国  ", 20, 2);
    assert_string_equal(s, "日本 米国");
    free(s);
    /* 12 wide characters (24 columns) in lines of 20: two lines of six */
    s = label("米国連邦緊急事態管理庁政策", 20, 2);
    assert_string_equal(s, "米国連邦緊急事<BR/>態管理庁政策");
    free(s);
    /* no line starts with a small kana */
    s = label("サイバーセキュリティ基本法", 14, 2);
    assert_null(strstr(s, "<BR/>ィ"));
    assert_null(strstr(s, "<BR/>ュ"));
    free(s);
    /* ASCII words stay whole; no space before a break */
    s = label("Investigatory Powers Act 2016", 20, 2);
    assert_string_equal(s, "Investigatory<BR/>Powers Act 2016");
    free(s);
    /* too long: cut with an ellipsis */
    s = label("重要インフラの情報セキュリティ対策に係る第4次行動計画", 20, 2);
    assert_non_null(strstr(s, "<BR/>"));
    assert_true(strlen(s) > 3 && !strcmp(s + strlen(s) - 3, "\xE2\x80\xA6"));
    free(s);
    /* hostile */
    s = label("<b>&\"'\\N", 40, 1);
    assert_string_equal(s, "&lt;b&gt;&amp;&quot;&#39;\\\xE2\x81\xA0N");
    free(s);
    s = label("", 20, 2);
    assert_string_equal(s, "?");
    free(s);
    /* invalid UTF-8 and control characters */
    s = label("a\xff\x01" "b", 20, 1);
    assert_string_equal(s, "a\xEF\xBF\xBD b");
    free(s);
}

static void test_tooltips(void **state)
{
    (void)state;
    giji_buf b = {0};
    OK(giji_render_escape(&b, "a\\N <&>  \"x\"\nnext", 1));
    assert_string_equal(b.data, "a\\\\\\\\N &lt;&amp;&gt; &quot;x&quot;&#10;next");
    giji_buf_free(&b);
    OK(giji_render_escape(&b, "line\nbreak", 0));
    assert_string_equal(b.data, "line break");
    giji_buf_free(&b);
    assert_int_equal(giji_render_cols("日本 US"), 7);
}

static void small_graph(giji_graph *g)
{
    giji_graph_init(g);
    size_t p, e1, e2;
    OK(giji_graph_add_node(g, GIJI_NODE_PERSON, 7, "菅 義偉", -1, 2, &p));
    OK(giji_graph_add_node(g, GIJI_NODE_ENTITY, 3, "重要インフラ", GIJI_ENT_TOPIC, 3, &e1));
    OK(giji_graph_add_node(g, GIJI_NODE_ENTITY, 9, "\\N & <ISAC>", GIJI_ENT_ISAC, 1, &e2));
    long long r[] = {4, 2};
    OK(giji_graph_add_edge(g, GIJI_EDGE_RAISED, p, e1, 2, 2, r, 2));
    OK(giji_graph_add_edge(g, GIJI_EDGE_COMENTION, e1, e2, 1, 1, r, 1));
}

static void test_render(void **state)
{
    (void)state;
    giji_render_opts o;
    giji_render_opts_init(&o);
    giji_graph g;
    giji_graph_init(&g);
    char *out = (char *)1;
    size_t len = 7;
    assert_int_equal(giji_render_graph(&g, &o, &out, &len), GIJI_EINVAL);
    assert_null(out);
    assert_non_null(strstr(giji_error_message(), "empty"));

    small_graph(&g);
    o.title = "題";
    o.caption = "出典: テスト";
    OK(giji_render_graph(&g, &o, &out, &len));
    assert_int_equal(strlen(out), len);
    assert_non_null(strstr(out, "<g id=\"p7\" class=\"node person\">"));
    assert_non_null(strstr(out, "<g id=\"e3\" class=\"node entity type&#45;topic\">"));
    assert_non_null(strstr(out, "<g id=\"p7&#45;&#45;e3&#45;&#45;raised\" class=\"edge raised\">"));
    assert_non_null(strstr(out, "<g id=\"e3&#45;&#45;e9&#45;&#45;co&#45;mention\" class=\"edge co&#45;mention\">"));
    assert_non_null(strstr(out, "<g id=\"legend\" class=\"legend\">"));
    assert_non_null(strstr(out, "<g id=\"caption\" class=\"caption\">"));
    assert_null(strstr(out, "class=\"node legend"));
    assert_non_null(strstr(out, "xlink:title=\"\\N &amp; &lt;ISAC&gt;"));
    char *again = NULL;
    OK(giji_render_graph(&g, &o, &again, NULL));
    assert_string_equal(out, again);
    free(again);
    free(out);

    o.preset = GIJI_PRESET_BRIEFING;
    o.format = GIJI_RENDER_PNG;
    OK(giji_render_graph(&g, &o, &out, &len));
    assert_true(len > 24);
    const unsigned char *u = (const unsigned char *)out;
    assert_memory_equal(u, "\x89PNG", 4);
    unsigned w = (unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
    unsigned h = (unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
    assert_int_equal(w, 1920);
    assert_int_equal(h, 1080);
    free(out);

    o.layout = "twopi";
    assert_int_equal(giji_render_graph(&g, &o, &out, &len), GIJI_EINVAL);
    giji_graph_free(&g);
}

/* Through giji_render_svg_stream in writes of `step` bytes. */
static char *through_stream(const char *in, size_t step)
{
    char *data = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&data, &n);
    assert_non_null(mem);
    FILE *f = giji_render_svg_stream(mem);
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0); /* every fwrite reaches the stream as it is */
    for (size_t i = 0, len = strlen(in); i < len; i += step)
        assert_int_equal(fwrite(in + i, 1, len - i < step ? len - i : step, f), len - i < step ? len - i : step);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(fclose(mem), 0);
    return data;
}

static void test_svg_stream(void **state)
{
    (void)state;
    const char *in = "<g id=\"e1\" class=\"node entity\"><title>class=&quot;node legend&quot;</title></g>\n"
                     "<g id=\"legend\" class=\"node legend\"><text>x</text></g>\n"
                     "<g id=\"title\" class=\"node title\"></g><g id=\"caption\" class=\"node caption\"></g>"
                     "<g class=\"node legends\"></g>class=\"node \n</svg>\n";
    const char *want = "<g id=\"e1\" class=\"node entity\"><title>class=&quot;node legend&quot;</title></g>\n"
                       "<g id=\"legend\" class=\"legend\"><text>x</text></g>\n"
                       "<g id=\"title\" class=\"title\"></g><g id=\"caption\" class=\"caption\"></g>"
                       "<g class=\"node legends\"></g>class=\"node \n</svg>\n";
    for (size_t step = 1; step <= strlen(in); step++) {
        char *out = through_stream(in, step);
        assert_string_equal(out, want);
        free(out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_tooltips),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_svg_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
