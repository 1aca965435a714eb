/*
 * test_extract.c — extract/: entity mentions found with the real gazetteer
 * (data/gazetteer/), discovery (MeCab + data/discovery.tsv) and the
 * leftmost-longest choice, through giji_extract_text and, for what depends
 * on the meeting (contextual aliases), giji_segment + giji_extract_meeting.
 * Covers longest names over the names inside them, offsets in code points of
 * the original text (full-width, half-width and expanding characters before
 * and inside a mention), aliases resolving to one entity, Latin word
 * boundaries, generic phrases, discovery and what it must not discover,
 * abbreviations in brackets, contextual aliases, and a run over the bundled
 * minutes in which every mention's surface is checked against its offsets.
 * The gazetteer loader's errors: test_gazetteer.c; speakers: test_infer.c.
 * Every test frees what it builds: run it under -DGIJI_SANITIZE=ON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "giji/giji.h"
#include "extract/internal.h"
#include "util/utf8.h"

static giji_rules *rules;
static giji_gazetteer *gz;
static giji_extractor *ex;

static int setup(void **state)
{
    (void)state;
    if (giji_rules_load(GIJI_TEST_DATA, &rules) != GIJI_OK) {
        print_error("rules: %s\n", giji_error_message());
        return -1;
    }
    if (giji_gazetteer_load(GIJI_TEST_DATA, NULL, 0, &gz) != GIJI_OK) {
        print_error("gazetteer: %s\n", giji_error_message());
        return -1;
    }
    giji_extract_options opt = {.discover = 1, .infer = 1};
    if (giji_extractor_new(gz, GIJI_TEST_DATA, &opt, &ex) != GIJI_OK) {
        print_error("extractor: %s\n", giji_error_message());
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    giji_extractor_free(ex);
    giji_gazetteer_free(gz);
    giji_rules_free(rules);
    return 0;
}

/* ---- helpers ----------------------------------------------------------- */

/* Code points [start, end) of UTF-8 `s`, counted independently of the
 * library (a code point starts at every byte that is not 10xxxxxx). NULL
 * when the range is out of bounds. Caller frees. */
static char *cp_substr(const char *s, long start, long end)
{
    if (start < 0 || end < start)
        return NULL;
    long cp = -1;
    size_t b = (size_t)-1, e = (size_t)-1, i = 0;
    for (;; i++) {
        int lead = s[i] == '\0' || ((unsigned char)s[i] & 0xC0) != 0x80;
        if (lead) {
            cp++;
            if (cp == start) b = i;
            if (cp == end) { e = i; break; }
        }
        if (s[i] == '\0')
            break;
    }
    if (b == (size_t)-1 || e == (size_t)-1)
        return NULL;
    char *out = malloc(e - b + 1);
    assert_non_null(out);
    memcpy(out, s + b, e - b);
    out[e - b] = '\0';
    return out;
}

static long cp_count(const char *s)
{
    long n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Mentions of a text with their entities, as giji_extract_text fills them. */
typedef struct res {
    giji_entity *e;
    size_t ne;
    giji_mention *m;
    size_t nm;
} res;

static void res_free(res *r)
{
    giji_mentions_free(r->m, r->nm);
    giji_entities_free(r->e, r->ne);
    memset(r, 0, sizeof *r);
}

/* "[s,e) surface -> canonical (type) rule" for every mention, for messages. */
static const char *describe(const giji_entity *e, size_t ne, const giji_mention *m, size_t nm)
{
    static char buf[4096];
    buf[0] = '\0';
    for (size_t i = 0; i < nm; i++) {
        size_t at = strlen(buf);
        const giji_entity *en = m[i].entity < ne ? &e[m[i].entity] : NULL;
        snprintf(buf + at, sizeof buf - at, "%s[%ld,%ld) %s -> %s (%s)%s%s", i ? "; " : "", m[i].start, m[i].end,
                 m[i].surface, en ? en->name : "?", en ? giji_entity_type_name(en->type) : "?",
                 m[i].rule ? " " : "", m[i].rule ? m[i].rule : "");
    }
    return nm ? buf : "(no mentions)";
}

/* What holds for every mention of every text: the surface is the text at
 * [start, end) in code points, mentions are in order and do not overlap,
 * and each refers to an entity of the list with a known type. With `all`,
 * every entity of the list is referred to by one of them (one text; a
 * meeting's list serves all its remarks). */
static void check_mentions(const char *text, const giji_entity *e, size_t ne, const giji_mention *m, size_t nm,
                           int all)
{
    long len = cp_count(text), last_end = 0;
    for (size_t i = 0; i < nm; i++) {
        if (m[i].start < last_end || m[i].end <= m[i].start || m[i].end > len)
            fail_msg("mention %zu at [%ld,%ld) out of order or out of range (text of %ld code points): %s", i,
                     m[i].start, m[i].end, len, describe(e, ne, m, nm));
        last_end = m[i].end;
        char *sub = cp_substr(text, m[i].start, m[i].end);
        assert_non_null(sub);
        assert_non_null(m[i].surface);
        if (strcmp(sub, m[i].surface) != 0)
            fail_msg("mention %zu: surface '%s' but the text at [%ld,%ld) is '%s'", i, m[i].surface, m[i].start,
                     m[i].end, sub);
        free(sub);
        assert_true(m[i].entity < ne);
        assert_true(e[m[i].entity].type >= 0 && e[m[i].entity].type < GIJI_ENT_NTYPES);
        assert_non_null(e[m[i].entity].name);
    }
    /* every entity is referred to (the list is "entities they refer to") */
    for (size_t k = 0; all && k < ne; k++) {
        int used = 0;
        for (size_t i = 0; i < nm && !used; i++)
            used = m[i].entity == k;
        if (!used)
            fail_msg("entity '%s' is listed but no mention refers to it", e[k].name);
    }
}

static void extract(const char *text, res *r)
{
    memset(r, 0, sizeof *r);
    giji_error_clear();
    int rc = giji_extract_text(ex, text, &r->e, &r->ne, &r->m, &r->nm);
    if (rc != GIJI_OK)
        fail_msg("giji_extract_text('%s') failed (%d): %s", text, rc, giji_error_message());
    check_mentions(text, r->e, r->ne, r->m, r->nm, 1);
}

/* Mention i is [start, end), `surface`, of entity `name` of `type`; its
 * rule starts with `rule` (NULL: no rule). */
static void expect_mention(const res *r, size_t i, long start, long end, const char *surface, const char *name,
                           int type, const char *rule)
{
    if (i >= r->nm)
        fail_msg("mention %zu wanted, found: %s", i, describe(r->e, r->ne, r->m, r->nm));
    const giji_mention *m = &r->m[i];
    const giji_entity *e = &r->e[m->entity];
    if (m->start != start || m->end != end || strcmp(m->surface, surface) != 0 || strcmp(e->name, name) != 0 ||
        e->type != type)
        fail_msg("mention %zu: wanted [%ld,%ld) %s -> %s (%s); found: %s", i, start, end, surface, name,
                 giji_entity_type_name(type), describe(r->e, r->ne, r->m, r->nm));
    if (!rule)
        assert_null(m->rule);
    else if (!m->rule || strncmp(m->rule, rule, strlen(rule)) != 0)
        fail_msg("mention %zu: rule '%s' wanted, found '%s'", i, rule, m->rule ? m->rule : "(null)");
}

static void expect_count(const res *r, size_t n)
{
    if (r->nm != n)
        fail_msg("%zu mention(s) wanted, found %zu: %s", n, r->nm, describe(r->e, r->ne, r->m, r->nm));
}

/* `text` gives exactly one mention, of a listed name (no rule). */
static void expect_one_listed(const char *text, long start, long end, const char *surface, const char *name, int type)
{
    res r;
    extract(text, &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, start, end, surface, name, type, NULL);
    res_free(&r);
}

/* The number of mentions of `text` (0 expected for generic texts). */
static void expect_none(const char *text)
{
    res r;
    extract(text, &r);
    if (r.nm)
        fail_msg("'%s': no mention wanted, found: %s", text, describe(r.e, r.ne, r.m, r.nm));
    assert_int_equal(r.ne, 0);
    res_free(&r);
}

static const giji_entity *entity_named(const giji_entity *e, size_t ne, const char *name)
{
    for (size_t i = 0; i < ne; i++)
        if (!strcmp(e[i].name, name))
            return &e[i];
    return NULL;
}

static int has_alias(const giji_entity *e, const char *alias)
{
    for (size_t i = 0; i < e->naliases; i++)
        if (!strcmp(e->aliases[i], alias))
            return 1;
    return 0;
}

/* Two extractions of the same meeting found the same entities, mentions,
 * cues and speakers. */
static void assert_same_extraction(const giji_meeting *m, const giji_meeting *o)
{
    assert_int_equal(o->nentities, m->nentities);
    for (size_t k = 0; k < m->nentities; k++) {
        assert_string_equal(o->entities[k].name, m->entities[k].name);
        assert_int_equal(o->entities[k].type, m->entities[k].type);
        assert_int_equal(o->entities[k].discovered, m->entities[k].discovered);
    }
    assert_int_equal(o->nremarks, m->nremarks);
    for (size_t i = 0; i < m->nremarks; i++) {
        const giji_remark *a = &m->remarks[i], *b = &o->remarks[i];
        assert_int_equal(a->speaker, b->speaker);
        assert_int_equal(a->attribution, b->attribution);
        assert_true((a->cue == NULL) == (b->cue == NULL));
        if (a->cue)
            assert_string_equal(a->cue, b->cue);
        assert_int_equal(a->nmentions, b->nmentions);
        for (size_t j = 0; j < a->nmentions; j++) {
            const giji_mention *x = &a->mentions[j], *y = &b->mentions[j];
            assert_int_equal(x->entity, y->entity);
            assert_int_equal(x->start, y->start);
            assert_int_equal(x->end, y->end);
            assert_string_equal(x->surface, y->surface);
            assert_true((x->rule == NULL) == (y->rule == NULL));
            if (x->rule)
                assert_string_equal(x->rule, y->rule);
        }
    }
}

/* The remark NFKC that segment/ hands on (giji_remark.norm) is the NFKC
 * of the text, with as many code points; and extracting without it finds
 * the same mentions, cues and speakers. */
static void check_remark_norms(const giji_doc *doc, const giji_meeting *m)
{
    giji_meeting bare;
    assert_int_equal(giji_segment(rules, "t.txt", doc, &bare), GIJI_OK);
    assert_int_equal(bare.nremarks, m->nremarks);
    for (size_t i = 0; i < bare.nremarks; i++) {
        giji_remark *r = &bare.remarks[i];
        if (r->norm) {
            char *want = giji_nfkc(r->text, strlen(r->text));
            assert_non_null(want);
            assert_string_equal(r->norm, want);
            assert_int_equal(giji_utf8_count(r->norm, strlen(r->norm)), giji_utf8_count(r->text, strlen(r->text)));
            free(want);
        }
        free(r->norm);
        r->norm = NULL;
    }
    assert_int_equal(giji_extract_meeting(ex, rules, &bare), GIJI_OK);
    assert_same_extraction(m, &bare);
    giji_meeting_free(&bare);
}

/* Segment `text` and extract its entities (inference on). */
static void meeting_of(const char *text, giji_meeting *m)
{
    giji_doc doc;
    giji_error_clear();
    assert_int_equal(giji_doc_build("t.txt", text, strlen(text), &doc), GIJI_OK);
    int rc = giji_segment(rules, "t.txt", &doc, m);
    if (rc != GIJI_OK) {
        giji_doc_free(&doc);
        fail_msg("giji_segment failed (%d): %s", rc, giji_error_message());
    }
    rc = giji_extract_meeting(ex, rules, m);
    if (rc != GIJI_OK) {
        giji_doc_free(&doc);
        giji_meeting_free(m);
        fail_msg("giji_extract_meeting failed (%d): %s", rc, giji_error_message());
    }
    check_remark_norms(&doc, m);
    giji_doc_free(&doc);
    for (size_t i = 0; i < m->nremarks; i++)
        check_mentions(m->remarks[i].text, m->entities, m->nentities, m->remarks[i].mentions,
                       m->remarks[i].nmentions, 0);
    /* every entity of the meeting is referred to by some remark */
    for (size_t k = 0; k < m->nentities; k++) {
        int used = 0;
        for (size_t i = 0; i < m->nremarks && !used; i++)
            for (size_t j = 0; j < m->remarks[i].nmentions && !used; j++)
                used = m->remarks[i].mentions[j].entity == k;
        if (!used)
            fail_msg("meeting entity '%s' is listed but no mention refers to it", m->entities[k].name);
    }
}

static const giji_remark *remark_with(const giji_meeting *m, const char *needle)
{
    for (size_t i = 0; i < m->nremarks; i++)
        if (strstr(m->remarks[i].text, needle))
            return &m->remarks[i];
    fail_msg("no remark contains '%s'", needle);
    return NULL;
}

/* Bullet-only minutes (議事要旨) with a few attendees; BODY is the remarks. */
#define MINUTES(BODY)                                                  \
    "高度情報通信ネットワーク社会推進戦略本部 情報セキュリティ政策会議\n" \
    "第14回会合 議事要旨\n"                                            \
    "\n"                                                               \
    "1 日時\n"                                                         \
    "\n"                                                               \
    "平成19年10月3日(水) 17:20~18:20\n"                                \
    "\n"                                                               \
    "2 場所\n"                                                         \
    "\n"                                                               \
    "総理大臣官邸大会議室\n"                                           \
    "\n"                                                               \
    "3 出席者(敬称略)\n"                                               \
    "\n"                                                               \
    "町村 信孝\t内閣官房長官\n"                                        \
    "甘利 明\t経済産業大臣\n"                                          \
    "村井 純\t慶應義塾大学教授\n"                                      \
    "\n"                                                               \
    "4 議事概要\n"                                                     \
    "\n"                                                               \
    "(1) 出席者意見開陳\n"                                             \
    "\n"                                                               \
    "出席者から以下のような意見が述べられた。\n"                       \
    "\n" BODY "\n"                                                     \
    "以上\n"

/* ---- leftmost-longest ---------------------------------------------------- */

static void test_longest_policy_over_topic(void **state)
{
    (void)state;
    res r;
    extract("「重要インフラの情報セキュリティ対策に係る第4次行動計画」の案", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 1, 28, "重要インフラの情報セキュリティ対策に係る第4次行動計画",
                   "重要インフラの情報セキュリティ対策に係る第4次行動計画", GIJI_ENT_POLICY, NULL);
    assert_int_equal(r.ne, 1);
    assert_null(entity_named(r.e, r.ne, "重要インフラ"));
    assert_int_equal(r.e[0].discovered, 0);
    res_free(&r);

    /* 重要インフラ alone is the topic */
    extract("重要インフラの防護", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 6, "重要インフラ", "重要インフラ", GIJI_ENT_TOPIC, NULL);
    res_free(&r);
}

static void test_longest_event(void **state)
{
    (void)state;
    res r;
    extract("2020年東京オリンピック・パラリンピック競技大会に向けて", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 25, "2020年東京オリンピック・パラリンピック競技大会",
                   "2020年東京オリンピック・パラリンピック競技大会", GIJI_ENT_EVENT, NULL);
    res_free(&r);
}

static void test_longest_ministry_over_country(void **state)
{
    (void)state;
    res r;
    extract("米国国土安全保障省", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 9, "米国国土安全保障省", "米国国土安全保障省", GIJI_ENT_MINISTRY, NULL);
    assert_int_equal(r.ne, 1);
    /* the country is its parent, not a mention */
    assert_string_equal(r.e[0].parent, "米国");
    assert_int_equal(r.e[0].parent_type, GIJI_ENT_COUNTRY);
    assert_true(has_alias(&r.e[0], "DHS"));
    res_free(&r);

    /* with text around it, in a sentence with the country on its own */
    extract("米国では米国国土安全保障省が中心となる", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 2, "米国", "米国", GIJI_ENT_COUNTRY, NULL);
    expect_mention(&r, 1, 4, 13, "米国国土安全保障省", "米国国土安全保障省", GIJI_ENT_MINISTRY, NULL);
    res_free(&r);
}

/* ---- offsets in code points of the original text ------------------------- */

static void test_offsets_full_width(void **state)
{
    (void)state;
    res r;
    extract("ＤＨＳ（米国国土安全保障省）", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 3, "ＤＨＳ", "米国国土安全保障省", GIJI_ENT_MINISTRY, NULL);
    expect_mention(&r, 1, 4, 13, "米国国土安全保障省", "米国国土安全保障省", GIJI_ENT_MINISTRY, NULL);
    assert_int_equal(r.ne, 1);
    assert_int_equal(r.m[0].entity, r.m[1].entity);
    res_free(&r);

    /* full-width Latin after an expanding character: ㌢ is センチ in NFKC
     * (㈱, (株), would now lead a company's name: test_discovery) */
    extract("㌢ＮＩＳＣ、ＥＵ", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 1, 5, "ＮＩＳＣ", "内閣サイバーセキュリティセンター", GIJI_ENT_MINISTRY, NULL);
    expect_mention(&r, 1, 6, 8, "ＥＵ", "EU", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);

    /* half-width and full-width mixed inside one name */
    extract("AＳＥＡＮ諸国", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 5, "AＳＥＡＮ", "ASEAN", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);
}

static void test_offsets_half_width_kana(void **state)
{
    (void)state;
    res r;
    /* ｶﾞ is two code points that NFKC joins into one (ガ) */
    extract("ｶﾞｲﾄﾞのｱﾒﾘｶ", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 6, 10, "ｱﾒﾘｶ", "米国", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);

    /* a joined pair inside the mention itself */
    extract("ｻｲﾊﾞｰｾｷｭﾘﾃｨ基本法の改正", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 14, "ｻｲﾊﾞｰｾｷｭﾘﾃｨ基本法", "サイバーセキュリティ基本法", GIJI_ENT_LAW, NULL);
    res_free(&r);

    /* ㍻ is two code points (平成) in NFKC */
    extract("㍻の米国", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 2, 4, "米国", "米国", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);
    extract("㍻20年度概算要求", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 9, "㍻20年度概算要求", "平成20年度概算要求", GIJI_ENT_POLICY, "regex:");
    res_free(&r);

    /* a code point beyond the BMP (4 bytes in UTF-8) before the mention */
    extract("𠮷野家と米国", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 4, 6, "米国", "米国", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);
}

/* A long remark mixing widths: every surface is the text at its offsets. */
static void test_offsets_long_remark(void **state)
{
    (void)state;
    static const char text[] =
        "経済産業省としては、ＤＨＳ（米国国土安全保障省）やＮＩＳＣと連携し、"
        "「セキュア・ジャパン２００７」に盛り込まれた施策を推進する。"
        "ｱﾒﾘｶ、ＥＵ、ＡＳＥＡＮとの国際連携を強化し、"
        "２０２０年東京オリンピック・パラリンピック競技大会に向けて、"
        "重要インフラ事業者との情報共有を進め、ＩｏＴ機器の脆弱性対策、"
        "人材育成にも取り組む。㈱や①の後のＪＰＣＥＲＴ／ＣＣとの協力も重要である。";
    res r;
    extract(text, &r); /* check_mentions: every surface against its offsets */
    const char *want[] = {"経済産業省", "ＤＨＳ", "米国国土安全保障省", "ＮＩＳＣ", "セキュア・ジャパン２００７",
                          "ｱﾒﾘｶ", "ＥＵ", "ＡＳＥＡＮ", "国際連携",
                          "２０２０年東京オリンピック・パラリンピック競技大会", "重要インフラ", "情報共有",
                          "ＩｏＴ", "脆弱性", "人材育成", "ＪＰＣＥＲＴ／ＣＣ"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        int found = 0;
        for (size_t i = 0; i < r.nm && !found; i++)
            found = !strcmp(r.m[i].surface, want[k]);
        if (!found)
            fail_msg("no mention '%s' in: %s", want[k], describe(r.e, r.ne, r.m, r.nm));
    }
    /* ＤＨＳ and 米国国土安全保障省 are one entity */
    size_t dhs = r.nm, full = r.nm;
    for (size_t i = 0; i < r.nm; i++) {
        if (!strcmp(r.m[i].surface, "ＤＨＳ")) dhs = i;
        if (!strcmp(r.m[i].surface, "米国国土安全保障省")) full = i;
    }
    assert_int_equal(r.m[dhs].entity, r.m[full].entity);
    assert_int_equal(r.m[dhs].start, 10);
    assert_int_equal(r.m[dhs].end, 13);
    res_free(&r);
}

/* The text of a bundled minutes file (free it). */
static char *minutes_text(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/minutes/%s", GIJI_TEST_DATA, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* Every mention of the bundled minutes, through the real pipeline. */
static void check_minutes_file(const char *name, size_t min_mentions)
{
    char *text = minutes_text(name);
    giji_meeting m;
    meeting_of(text, &m); /* checks every mention of every remark */
    free(text);
    size_t total = 0, wide = 0;
    for (size_t i = 0; i < m.nremarks; i++) {
        total += m.remarks[i].nmentions;
        for (size_t k = 0; k < m.remarks[i].nmentions; k++) {
            const giji_mention *mn = &m.remarks[i].mentions[k];
            /* a mention whose bytes are not 3 per code point (Latin, digits,
             * mixed): the offsets are not a byte count divided by 3 */
            wide += strlen(mn->surface) != (size_t)(mn->end - mn->start) * 3;
        }
    }
    if (total < min_mentions)
        fail_msg("%s: only %zu mentions", name, total);
    assert_true(wide > 0);
    assert_true(m.nentities > 10);
    giji_meeting_free(&m);
}

/* `text` segmented, not extracted. */
static void segmented(const char *text, giji_meeting *m)
{
    giji_doc doc;
    assert_int_equal(giji_doc_build("t.txt", text, strlen(text), &doc), GIJI_OK);
    assert_int_equal(giji_segment(rules, "t.txt", &doc, m), GIJI_OK);
    giji_doc_free(&doc);
}

/* Several meetings in one call (MeCab over all of them first, as the
 * ingest's workers do) find what each finds alone: nothing of one meeting
 * (its entities, abbreviations, inferred speakers) reaches the next, also
 * when the same meeting comes twice. */
static void test_extract_meetings_as_alone(void **state)
{
    (void)state;
    char *a = minutes_text("000_329f7531fe1d3291.txt"), *b = minutes_text("002_daf3e4a02cc06ec7.txt");
    const char *abbr = MINUTES("○ 防災情報共有機構（ＢＪＫ）と連携する。ＢＪＫの報告を聞いた。\n"
                               "○ 経済産業省としては、ＢＪＫとともに人材育成を進める。\n");
    const char *texts[] = {a, b, abbr, a, abbr};
    enum { N = sizeof texts / sizeof texts[0] };
    giji_meeting alone[N], together[N];
    giji_meeting *ms[N];
    for (size_t k = 0; k < N; k++) {
        segmented(texts[k], &alone[k]);
        assert_int_equal(giji_extract_meeting(ex, rules, &alone[k]), GIJI_OK);
        segmented(texts[k], &together[k]);
        ms[k] = &together[k];
    }
    assert_int_equal(giji_extract_meetings(ex, rules, ms, N), GIJI_OK);
    size_t mentions = 0, inferred = 0;
    for (size_t k = 0; k < N; k++) {
        assert_same_extraction(&alone[k], &together[k]);
        for (size_t i = 0; i < together[k].nremarks; i++) {
            mentions += together[k].remarks[i].nmentions;
            inferred += together[k].remarks[i].attribution == GIJI_ATTR_INFERRED;
        }
    }
    assert_true(mentions > 100);
    assert_true(inferred > 0);
    assert_int_equal(giji_extract_meetings(ex, rules, ms, 0), GIJI_OK);
    for (size_t k = 0; k < N; k++) {
        giji_meeting_free(&alone[k]);
        giji_meeting_free(&together[k]);
    }
    free(a);
    free(b);
}

static void test_offsets_bundled_minutes(void **state)
{
    (void)state;
    check_minutes_file("000_329f7531fe1d3291.txt", 50);
    check_minutes_file("002_daf3e4a02cc06ec7.txt", 30);
}

/* ---- aliases ------------------------------------------------------------------ */

static void expect_same_entity(const char *text, const char *canonical, size_t n)
{
    res r;
    extract(text, &r);
    expect_count(&r, n);
    assert_int_equal(r.ne, 1);
    assert_string_equal(r.e[0].name, canonical);
    for (size_t i = 0; i < r.nm; i++)
        assert_int_equal(r.m[i].entity, 0);
    res_free(&r);
}

static void test_aliases_one_entity(void **state)
{
    (void)state;
    expect_same_entity("アメリカと米国", "米国", 2);
    expect_same_entity("NISCと内閣サイバーセキュリティセンター", "内閣サイバーセキュリティセンター", 2);
    expect_same_entity("内閣官房情報セキュリティセンター（ＮＩＳＣ）", "内閣サイバーセキュリティセンター", 2);
    expect_same_entity("経産省、経済産業省、METI", "経済産業省", 3);
    /* ASCII case and width are folded */
    expect_same_entity("nisc、ＮＩＳＣ、Nisc", "内閣サイバーセキュリティセンター", 3);

    /* the entity carries its gazetteer aliases */
    res r;
    extract("アメリカ", &r);
    expect_count(&r, 1);
    assert_true(has_alias(&r.e[0], "アメリカ"));
    assert_true(has_alias(&r.e[0], "US"));
    assert_null(r.e[0].parent);
    res_free(&r);
}

/* ---- Latin word boundaries ------------------------------------------------- */

static void test_latin_word_boundary(void **state)
{
    (void)state;
    expect_none("EUC");
    expect_none("文字コードはEUCである");
    expect_none("USB");
    expect_none("USBメモリの利用");
    expect_none("ＵＳＢメモリとＥＵＣ－ＪＰ");

    res r;
    extract("EUCとUSBとEU", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 8, 10, "EU", "EU", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);

    /* punctuation is a boundary */
    extract("EU-USの協議", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 2, "EU", "EU", GIJI_ENT_COUNTRY, NULL);
    expect_mention(&r, 1, 3, 5, "US", "米国", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);

    /* small English words in English prose are not the acronyms the case
     * folding makes them (its: ITS, us: US); in capitals they still are */
    expect_none("The side values its cooperation with us on this.");
    extract("The ITS programme and the US side agreed.", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 4, 7, "ITS", "高度道路交通システム", GIJI_ENT_TOPIC, NULL);
    expect_mention(&r, 1, 26, 28, "US", "米国", GIJI_ENT_COUNTRY, NULL);
    res_free(&r);
}

/* ---- generic phrases -------------------------------------------------------- */

static void test_generic_phrases(void **state)
{
    (void)state;
    expect_none("各省庁");
    expect_none("関係省庁");
    expect_none("研究開発法人");
    expect_none("各省庁と関係省庁が連携する");
    expect_none("研究開発法人において");
    expect_none("国立研究開発法人");

    /* 研究開発 is a topic on its own, not inside 研究開発法人 */
    res r;
    extract("国立研究開発法人の研究開発", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 9, 13, "研究開発", "研究開発", GIJI_ENT_TOPIC, NULL);
    res_free(&r);
}

/* ---- a body's domain ------------------------------------------------------------ */

/* Does a remark containing `needle` mention the entity named `name`? */
static int remark_mentions(const giji_meeting *m, const char *needle, const char *name)
{
    const giji_remark *r = remark_with(m, needle);
    for (size_t k = 0; k < r->nmentions; k++)
        if (!strcmp(m->entities[r->mentions[k].entity].name, name))
            return 1;
    return 0;
}

/* A topic the body is named after is no mention in its remarks; a hearing
 * held under a body (the title's first line) shares that body's domain. */
static void test_domain_topics(void **state)
{
    (void)state;
    static const char *const bodies[] = {
        "AI戦略会議（第10回）議事要旨\n",
        "AI戦略会議\n有識者ヒアリング（第２回）議事要旨\n",
        "データ戦略推進会議（第10回）議事要旨\n",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "%s\n日時：令和8年6月9日（火）10:00～11:40\n場所：中央合同庁舎第８号館\n\n議事概要\n\n"
                 "出席者から以下のような意見が述べられた。\n\n"
                 "・AIの開発では人材育成が急務である。\n\n以上\n",
                 bodies[i]);
        /* (not meeting_of: the domain's entity stays listed, unmentioned) */
        giji_meeting m;
        segmented(text, &m);
        assert_int_equal(giji_extract_meeting(ex, rules, &m), GIJI_OK);
        assert_true(remark_mentions(&m, "急務", "人材育成"));
        /* the third body is named after no topic of the remark */
        assert_int_equal(remark_mentions(&m, "急務", "AI"), i == 2);
        giji_meeting_free(&m);
    }
}

/* ---- discovery ------------------------------------------------------------------ */

static void expect_discovered(const char *text, long start, long end, const char *name, int type, const char *rule)
{
    res r;
    extract(text, &r);
    size_t i = r.nm;
    for (size_t k = 0; k < r.nm; k++)
        if (!strcmp(r.m[k].surface, name))
            i = k;
    if (i == r.nm)
        fail_msg("'%s': '%s' not discovered; found: %s", text, name, describe(r.e, r.ne, r.m, r.nm));
    expect_mention(&r, i, start, end, name, name, type, rule);
    assert_int_equal(r.e[r.m[i].entity].discovered, 1);
    assert_int_equal(r.e[r.m[i].entity].naliases, 0);
    assert_null(r.e[r.m[i].entity].parent);
    res_free(&r);
}

static void test_discovery(void **state)
{
    (void)state;
    expect_discovered("第3次防災データ利活用推進計画", 0, 15, "第3次防災データ利活用推進計画", GIJI_ENT_POLICY,
                      "regex:");
    expect_discovered("防災データ連携推進法", 0, 10, "防災データ連携推進法", GIJI_ENT_LAW, "suffix:法");
    expect_discovered("Disaster Resilience Act 2023", 0, 28, "Disaster Resilience Act 2023", GIJI_ENT_LAW,
                      "regex:");
    expect_discovered("2025年全国防災技能大会", 0, 13, "2025年全国防災技能大会", GIJI_ENT_EVENT, "regex:");
    expect_discovered("全国自主防災協会", 0, 8, "全国自主防災協会", GIJI_ENT_ORG, "suffix:協会");

    /* a listed theme with a year in front is that year's measure when a
     * rule names one (税制改正 is a listed topic); 旧 is part of a law's
     * name; …連盟 is an organisation */
    expect_discovered("令和9年度税制改正に向けて", 0, 9, "令和9年度税制改正", GIJI_ENT_POLICY, "regex:");
    expect_discovered("旧優生保護法をめぐる判決", 0, 6, "旧優生保護法", GIJI_ENT_LAW, "suffix:法");
    expect_discovered("全日本ろうあ連盟によれば", 0, 8, "全日本ろうあ連盟", GIJI_ENT_ORG, "suffix:連盟");
    expect_discovered("九州半導体人材育成等コンソーシアムが発足した", 0, 17, "九州半導体人材育成等コンソーシアム",
                      GIJI_ENT_ORG, "suffix:コンソーシアム");
    expect_discovered("デジタルスキル標準を改訂する", 0, 9, "デジタルスキル標準", GIJI_ENT_POLICY, "wsuffix:標準");
    expect_discovered("雇用主負担原則を徹底する", 0, 7, "雇用主負担原則", GIJI_ENT_POLICY, "wsuffix:原則");
    expect_discovered("第33次地方制度調査会答申を踏まえ", 0, 13, "第33次地方制度調査会答申", GIJI_ENT_POLICY, "regex:");
    expect_none("個別法をWEB会議で議論する");
    expect_none("前回会議で、特別委員会に諮った");
    /* a legal form at the start names an organisation, whatever the ending */
    expect_discovered("公益社団法人商事法務研究会の報告", 0, 13, "公益社団法人商事法務研究会", GIJI_ENT_ORG,
                      "lead:公益社団法人");
    expect_discovered("英国AI安全研究所と連携する", 0, 9, "英国AI安全研究所", GIJI_ENT_MINISTRY, "lsuffix:研究所");
    expect_discovered("年金生活者支援給付金を支給する", 0, 10, "年金生活者支援給付金", GIJI_ENT_POLICY, "wsuffix:給付金");
    expect_discovered("全国遺族年金相談ネットワークが発足した", 0, 14, "全国遺族年金相談ネットワーク", GIJI_ENT_ORG,
                      "wsuffix:ネットワーク");
    /* four characters before such an ending: 共通標準 and 基本原則 are words */
    expect_none("共通標準に沿う");
    expect_none("基本原則を示す");

    /* in sentences, next to listed names */
    expect_discovered("政府は第3次防災データ利活用推進計画を策定し、防災データ連携推進法を制定した。", 3, 18,
                      "第3次防災データ利活用推進計画", GIJI_ENT_POLICY, "regex:");
    expect_discovered("政府は第3次防災データ利活用推進計画を策定し、防災データ連携推進法を制定した。", 23, 33,
                      "防災データ連携推進法", GIJI_ENT_LAW, "suffix:法");
    expect_discovered("米国のDisaster Resilience Act 2023を参考に", 3, 31, "Disaster Resilience Act 2023",
                      GIJI_ENT_LAW, "regex:");
    expect_discovered("2025年全国防災技能大会を全国自主防災協会が開催する", 14, 22, "全国自主防災協会", GIJI_ENT_ORG,
                      "suffix:");

    /* names in English passages (enhead rows): MeCab reads the sentence as
     * one run of nouns, so they are found on the text; the first head word
     * gives the type, a comma list ending in "and" stays inside */
    const char *en = "In January the UK AI Security Institute and the International Network of AI Safety "
                     "Institutes met the Department for Science, Innovation and Technology at the AI Seoul Summit.";
    expect_discovered(en, 15, 39, "UK AI Security Institute", GIJI_ENT_MINISTRY, "enhead:Institute");
    expect_discovered(en, 48, 93, "International Network of AI Safety Institutes", GIJI_ENT_ORG, "enhead:Network");
    expect_discovered(en, 102, 151, "Department for Science, Innovation and Technology", GIJI_ENT_MINISTRY,
                      "enhead:Department");
    expect_discovered(en, 159, 174, "AI Seoul Summit", GIJI_ENT_EVENT, "enhead:Summit");
    expect_discovered("日本はAI Guidelines for Businessを公表した", 3, 29, "AI Guidelines for Business",
                      GIJI_ENT_POLICY, "enhead:Guidelines");
    /* a person's title ends a name; one capitalised word, a trailing small
     * word or a list without "and" make none */
    expect_none("Bureau Chief Garcia spoke.");
    expect_none("The Summit was held.");
    expect_discovered("the Office for Japan, Korea met.", 4, 20, "Office for Japan", GIJI_ENT_MINISTRY,
                      "enhead:Office");
    expect_discovered("the Office of Policy, Japan and the US met.", 4, 20, "Office of Policy", GIJI_ENT_MINISTRY,
                      "enhead:Office");

    /* a listed name next to a discovered one keeps discovered = 0 */
    res r;
    extract("米国のDisaster Resilience Act 2023を参考に", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 2, "米国", "米国", GIJI_ENT_COUNTRY, NULL);
    assert_int_equal(r.e[r.m[0].entity].discovered, 0);
    assert_int_equal(r.e[r.m[1].entity].discovered, 1);
    res_free(&r);
}

/* A discovered name whose year or round is written in kanji numerals is one
 * entity with the same name written in digits; the surfaces stay as written. */
static void test_discovered_numbers_one_entity(void **state)
{
    (void)state;
    res r;
    extract("令和八年度予算と令和8年度予算、第三次防災データ利活用推進計画と第3次防災データ利活用推進計画", &r);
    expect_count(&r, 4);
    expect_mention(&r, 0, 0, 7, "令和八年度予算", "令和8年度予算", GIJI_ENT_POLICY, "regex:");
    expect_mention(&r, 1, 8, 15, "令和8年度予算", "令和8年度予算", GIJI_ENT_POLICY, "regex:");
    expect_mention(&r, 2, 16, 31, "第三次防災データ利活用推進計画", "第3次防災データ利活用推進計画",
                   GIJI_ENT_POLICY, "suffix:計画");
    assert_int_equal(r.m[0].entity, r.m[1].entity);
    assert_int_equal(r.m[2].entity, r.m[3].entity);
    assert_int_equal(r.ne, 2);
    res_free(&r);
    /* a numeral that counts nothing stays (一般会計, 三大都市圏), and 元年度 is kept */
    expect_discovered("令和元年度補正予算", 0, 9, "令和元年度補正予算", GIJI_ENT_POLICY, "regex:");
    extract("令和十一年度一般会計予算", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 12, "令和十一年度一般会計予算", "令和11年度一般会計予算", GIJI_ENT_POLICY, "regex:");
    res_free(&r);
}

static void expect_no_type(const char *text, int type);

/* A company or NPO whose name goes on in hiragana after its legal form
 * (MeCab reads that hiragana as adverbs, verbs and particles), or whose
 * form comes after other words in the chunk. */
static void test_discovery_lead_hiragana(void **state)
{
    (void)state;
    expect_discovered("株式会社すくすくラボと連携する", 0, 10, "株式会社すくすくラボ", GIJI_ENT_ORG, "lead:株式会社");
    expect_discovered("特定非営利活動法人みずのわ流域ネットでは", 0, 18, "特定非営利活動法人みずのわ流域ネット",
                      GIJI_ENT_ORG, "lead:特定非営利活動法人");
    expect_discovered("株式会社ひのまるインフラ総研が支援する", 0, 14, "株式会社ひのまるインフラ総研", GIJI_ENT_ORG,
                      "lead:株式会社");
    expect_discovered("私ども一般社団法人しまなみ関係人口ラボでは", 3, 19, "一般社団法人しまなみ関係人口ラボ",
                      GIJI_ENT_ORG, "lead:一般社団法人");
    /* a particle, a compound particle or a verb after the form: no name */
    expect_no_type("株式会社が開発したシステムを使う", GIJI_ENT_ORG);
    expect_no_type("株式会社によるサービス提供を促す", GIJI_ENT_ORG);
    expect_no_type("株式会社としてのサービスを見直す", GIJI_ENT_ORG);
    expect_no_type("株式会社などがデータを出す", GIJI_ENT_ORG);
    expect_no_type("株式会社として取り組む", GIJI_ENT_ORG);
}

static void test_not_discovered(void **state)
{
    (void)state;
    expect_none("行動計画");
    expect_none("行動計画を策定する");
    expect_none("関係省庁");
    expect_none("方法");
    expect_none("現行法");
    expect_none("関係省庁との方法を現行法で検討する");
    expect_none("基本計画");
    expect_none("各府省の対策本部");
    /* one character is no country by MeCab's tag alone: rice, not the US */
    expect_none("米を輸出する");
    expect_none("米や小麦");
    /* a reference to a law named before */
    expect_none("改正基本法");
}

/* Prefix rows ("新", "前") stop a chunk only when they are its whole first
 * word; a year or era year in front of a listed name leaves the listed name. */
static void test_discovery_word_prefix_and_years(void **state)
{
    (void)state;
    expect_discovered("新潟大学", 0, 4, "新潟大学", GIJI_ENT_ORG, "suffix:大学");
    expect_discovered("前橋工科大学", 0, 6, "前橋工科大学", GIJI_ENT_ORG, "suffix:大学");
    expect_none("新体制の本部");
    expect_one_listed("平成19年度情報セキュリティの日", 6, 16, "情報セキュリティの日", "情報セキュリティの日",
                      GIJI_ENT_EVENT);
    res r;
    extract("2017年サイバーセキュリティ月間", &r);
    expect_count(&r, 1);
    assert_int_equal(r.e[r.m[0].entity].discovered, 0);
    res_free(&r);
    /* a country in front is no modifier: another body than the listed 特許庁 */
    expect_discovered("韓国特許庁", 0, 5, "韓国特許庁", GIJI_ENT_MINISTRY, "suffix:庁");
    /* two characters before a suffix, whatever their width */
    expect_discovered("AI法が成立", 0, 3, "AI法", GIJI_ENT_LAW, "suffix:法");
    /* times in kanji numerals, as in the Diet's records */
    expect_none("午前九時十分委員会を開会");
}

/* No mention of the text has this type. */
static void expect_no_type(const char *text, int type)
{
    res r;
    extract(text, &r);
    for (size_t k = 0; k < r.nm; k++)
        if (r.e[r.m[k].entity].type == type)
            fail_msg("'%s': unexpected '%s'; found: %s", text, r.m[k].surface, describe(r.e, r.ne, r.m, r.nm));
    res_free(&r);
}

/* Titles written with particles (title, link and join rows), names led by
 * 株式会社 (lead), and a listed country in front of a generic ending
 * (csuffix). */
static void test_discovery_titles(void **state)
{
    (void)state;
    expect_discovered("このため、医療DXの推進に関する工程表を改定する。", 5, 19, "医療DXの推進に関する工程表",
                      GIJI_ENT_POLICY, "title:工程表");
    expect_discovered("金融分野におけるサイバーセキュリティに関するガイドラインを示す", 0, 28,
                      "金融分野におけるサイバーセキュリティに関するガイドライン", GIJI_ENT_POLICY,
                      "title:ガイドライン");
    /* an "alone" link: one run before it is enough; the title goes on over
     * の and 及び, and stops at 、 */
    expect_discovered("医療法等の一部を改正する法律案を提出する", 0, 15, "医療法等の一部を改正する法律案", GIJI_ENT_LAW,
                      "title:法律案");
    expect_discovered("あわせて、安全性の確保及び品質の向上に関する法律を改正する", 5, 24,
                      "安全性の確保及び品質の向上に関する法律", GIJI_ENT_LAW, "title:法律");
    /* one run before a link is a theme, and so is a listed topic however written */
    expect_no_type("サイバー攻撃に関する法律の整備が必要だ", GIJI_ENT_LAW);
    expect_no_type("情報の共有に関する法律の整備が必要だ", GIJI_ENT_LAW);
    /* a part MeCab takes for a verb (打上げ) between two connectors */
    expect_discovered("人工衛星等の打上げ及び人工衛星の管理に関する法律を改正する", 0, 24,
                      "人工衛星等の打上げ及び人工衛星の管理に関する法律", GIJI_ENT_LAW, "title:法律");
    /* one run is enough when the head has words of its own, unless they are a theme */
    expect_discovered("宇宙交通管理に関する国際行動規範を示す", 0, 16, "宇宙交通管理に関する国際行動規範",
                      GIJI_ENT_POLICY, "title:規範");
    expect_no_type("中小企業における国際規範の議論", GIJI_ENT_POLICY);
    /* a generic start gives the title to the run after it */
    expect_discovered("本事業の円滑な実施に関するガイドライン", 4, 19, "円滑な実施に関するガイドライン", GIJI_ENT_POLICY,
                      "title:ガイドライン");

    expect_discovered("株式会社ソラトビ・スペースワークスが開発する", 0, 17, "株式会社ソラトビ・スペースワークス",
                      GIJI_ENT_ORG, "lead:株式会社");
    expect_discovered("欧州宇宙機関との協力", 0, 6, "欧州宇宙機関", GIJI_ENT_ORG, "csuffix:機関");
    expect_discovered("米国宇宙軍との連携", 0, 5, "米国宇宙軍", GIJI_ENT_MINISTRY, "csuffix:軍");
    expect_none("医療機関との協力");
}

/* Heads of schemes and working groups (wsuffix, suffix with "・"), meetings
 * of a listed forum (lsuffix), versions and names made for Japan (regex). */
static void test_discovery_heads(void **state)
{
    (void)state;
    /* wsuffix: 4 characters before the head, and no listed topic */
    expect_discovered("地域人材循環制度への移行", 0, 8, "地域人材循環制度", GIJI_ENT_POLICY, "wsuffix:制度");
    expect_discovered("沿岸集落再編事業を拡大する", 0, 8, "沿岸集落再編事業", GIJI_ENT_POLICY, "wsuffix:事業");
    expect_none("届出制度を見直す");
    expect_discovered("地域女性活躍推進交付金を拡充", 0, 11, "地域女性活躍推進交付金", GIJI_ENT_POLICY, "wsuffix:交付金");
    expect_discovered("イクメンプロジェクトを進める", 0, 10, "イクメンプロジェクト", GIJI_ENT_POLICY,
                      "wsuffix:プロジェクト");
    expect_none("研究プロジェクトを進める");
    expect_discovered("北京宣言を踏まえる", 0, 4, "北京宣言", GIJI_ENT_POLICY, "suffix:宣言");
    expect_none("補助事業の採択");
    expect_no_type("セキュリティ・クリアランス制度の創設", GIJI_ENT_POLICY);
    /* a suffix with "・" over chunks joined by "・" */
    expect_discovered("健康・医療・介護ワーキング・グループの主査", 0, 18, "健康・医療・介護ワーキング・グループ",
                      GIJI_ENT_MINISTRY, "suffix:ワーキング・グループ");
    /* a name whose words before "・" run to eight characters ("内閣府科学技術") */
    expect_discovered("内閣府科学技術・イノベーション推進事務局が", 0, 20, "内閣府科学技術・イノベーション推進事務局",
                      GIJI_ENT_MINISTRY, "suffix:事務局");
    /* a listed organisation or country before 首脳会議: an event, not a council */
    expect_discovered("先般のOECD閣僚会議で", 3, 11, "OECD閣僚会議", GIJI_ENT_EVENT, "lsuffix:閣僚会議");
    expect_discovered("経済対策閣僚会議で", 0, 8, "経済対策閣僚会議", GIJI_ENT_MINISTRY, "suffix:会議");
    /* a version after a name, a name made for Japan, a dialogue of a year */
    expect_discovered("地域共生2.0の実現", 0, 7, "地域共生2.0", GIJI_ENT_POLICY, "regex:");
    expect_discovered("日本版ケアパスの拡大", 0, 7, "日本版ケアパス", GIJI_ENT_POLICY, "regex:");
    expect_no_type("日本版ケアパスの拡大", GIJI_ENT_COUNTRY);
    expect_discovered("アジア規制改革対話2026を開催", 0, 13, "アジア規制改革対話2026", GIJI_ENT_EVENT, "regex:");
    expect_no_type("アジア規制改革対話2026を開催", GIJI_ENT_COUNTRY);
    /* a title with に向けた and パッケージ */
    expect_discovered("混雑の抑制に向けた対策パッケージを策定", 0, 16, "混雑の抑制に向けた対策パッケージ", GIJI_ENT_POLICY,
                      "title:パッケージ");
    /* a title with 答申 */
    expect_discovered("規制改革推進に関する中間答申を取りまとめた", 0, 14, "規制改革推進に関する中間答申",
                      GIJI_ENT_POLICY, "title:答申");
    /* a listed council's numbered meeting names the council; an unlisted
     * one's is an event, and so is a listed event's */
    expect_one_listed("第36回知的財産戦略本部を開催する", 4, 12, "知的財産戦略本部", "知的財産戦略本部",
                      GIJI_ENT_MINISTRY);
    expect_discovered("第32回北方宇宙機関会議に参加した", 0, 12, "第32回北方宇宙機関会議", GIJI_ENT_EVENT, "regex:");
    expect_one_listed("第3回国連海洋会議で", 3, 9, "国連海洋会議", "国連海洋会議", GIJI_ENT_EVENT);
    /* named benefits and grants (wsuffix), a treaty's title, a country's navy */
    expect_discovered("北方育児支援給付を拡充", 0, 8, "北方育児支援給付", GIJI_ENT_POLICY, "wsuffix:給付");
    expect_discovered("北方両立支援助成金で支える", 0, 9, "北方両立支援助成金", GIJI_ENT_POLICY, "wsuffix:助成金");
    expect_none("住宅手当の支給");
    expect_discovered("北方の海洋汚染の防止に関する条約の交渉", 0, 16, "北方の海洋汚染の防止に関する条約", GIJI_ENT_LAW,
                      "title:条約");
    expect_discovered("米国海軍と訓練する", 0, 4, "米国海軍", GIJI_ENT_MINISTRY, "csuffix:海軍");
    /* an unknown word of symbols ends a chunk: "(FBI)、" joins no name */
    expect_discovered("北方捜査局（FBI）、北方刑事警察機構と連携", 11, 19, "北方刑事警察機構", GIJI_ENT_ORG,
                      "suffix:機構");
    /* an international body's committee is an organisation; a council is a ministry */
    expect_discovered("国際北極科学委員会の報告", 0, 9, "国際北極科学委員会", GIJI_ENT_ORG, "regex:");
    expect_discovered("北極科学推進委員会の報告", 0, 9, "北極科学推進委員会", GIJI_ENT_MINISTRY, "suffix:委員会");
    /* a firm's name without 株式会社, by its ending; a field word is none */
    expect_discovered("瀬戸内郵船と連携する", 0, 5, "瀬戸内郵船", GIJI_ENT_ORG, "suffix:郵船");
    expect_discovered("東洋重工業の工場", 0, 5, "東洋重工業", GIJI_ENT_ORG, "suffix:重工業");
    expect_none("証券市場の動向");
    /* a chunk before a Latin abbreviation in brackets (abbr), typed by its ending */
    res r;
    extract("規制影響分析（RIA）の質", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 6, "規制影響分析", "規制影響分析", GIJI_ENT_POLICY, "abbr:*");
    expect_mention(&r, 1, 7, 10, "RIA", "規制影響分析", GIJI_ENT_POLICY, "abbreviation");
    res_free(&r);
    expect_discovered("海洋観測推進機関（MORA）に対し", 0, 8, "海洋観測推進機関", GIJI_ENT_ORG, "abbr:機関");
    expect_none("規制影響分析の質");
    expect_none("分析（RIA）の質");
    /* a dialogue named with particles is an event, the country pair inside is no mention */
    expect_discovered("第11回宇宙に関する包括的日米対話を開催", 0, 17, "第11回宇宙に関する包括的日米対話",
                      GIJI_ENT_EVENT, "title:対話");
    expect_no_type("第11回宇宙に関する包括的日米対話を開催", GIJI_ENT_COUNTRY);
    /* 関連 in front is generic (prefix row) */
    expect_none("関連法案を提出する");
    /* a body named by its theme: the title goes back over "・" and に関わる,
     * but a list joined by "・" is one run, so a theme alone is no title */
    expect_discovered("北方保障・税に関わる番号制度に関する検討会で", 0, 21, "北方保障・税に関わる番号制度に関する検討会",
                      GIJI_ENT_MINISTRY, "title:検討会");
    expect_none("健康・医療に関する指針を出す");
    /* ㈱ and ㈲ ((株), (有) in NFKC) lead a company's name */
    {
        res rr;
        extract("㈱みなとネットが参加", &rr);
        expect_count(&rr, 1);
        expect_mention(&rr, 0, 0, 7, "㈱みなとネット", "(株)みなとネット", GIJI_ENT_ORG, "lead:(株)");
        res_free(&rr);
    }
    /* OCR look-alikes next to katakana are read as the katakana for
     * matching (一 for ー, 口 for ロ, 力 for カ, - for ー); the surface keeps
     * what was written */
    expect_one_listed("サイバ一攻撃が増えた", 0, 6, "サイバ一攻撃", "サイバー攻撃", GIJI_ENT_TOPIC);
    expect_one_listed("口シアと協議する", 0, 3, "口シア", "ロシア", GIJI_ENT_COUNTRY);
    expect_one_listed("内閣サイバーセキュリティセンタ-が", 0, 16, "内閣サイバーセキュリティセンタ-",
                      "内閣サイバーセキュリティセンター", GIJI_ENT_MINISTRY);
    /* a kanji that is one (一層, 一部) stays one; a hiragana particle too */
    expect_none("一層の努力が必要だ");
    /* a quotation before a name's ending (qsuffix): the name starts at 「 */
    expect_discovered("「みなとの道」構想を進める", 0, 9, "「みなとの道」構想", GIJI_ENT_POLICY, "qsuffix:構想");
    expect_discovered("「北方安全な港」創造戦略2026の改定", 0, 16, "「北方安全な港」創造戦略2026", GIJI_ENT_POLICY,
                      "qsuffix:戦略");
    /* no quotation right before, or a sentence's end inside it: none */
    expect_none("「みなと」の構想を進める");
    expect_none("「みなと。道」構想を進める");
}

/* ---- abbreviations in brackets --------------------------------------------------- */

static void test_abbreviation(void **state)
{
    (void)state;
    res r;
    extract("国家緊急事態管理庁（NEMA）が", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 9, "国家緊急事態管理庁", "国家緊急事態管理庁", GIJI_ENT_MINISTRY, "suffix:");
    expect_mention(&r, 1, 10, 14, "NEMA", "国家緊急事態管理庁", GIJI_ENT_MINISTRY, "abbreviation");
    assert_int_equal(r.ne, 1);
    assert_int_equal(r.m[0].entity, r.m[1].entity);
    assert_int_equal(r.e[0].discovered, 1);
    res_free(&r);

    /* half-width brackets, full-width letters */
    extract("国家緊急事態管理庁(ＮＥＭＡ)が", &r);
    expect_count(&r, 2);
    expect_mention(&r, 1, 10, 14, "ＮＥＭＡ", "国家緊急事態管理庁", GIJI_ENT_MINISTRY, "abbreviation");
    res_free(&r);

    /* after a listed name: another name of the listed entity */
    extract("経済産業省（METIJ）は", &r);
    expect_count(&r, 2);
    expect_mention(&r, 1, 6, 11, "METIJ", "経済産業省", GIJI_ENT_MINISTRY, "abbreviation");
    assert_int_equal(r.m[0].entity, r.m[1].entity);
    res_free(&r);

    /* an abbreviation that is itself a listed name stays that name */
    extract("内閣サイバーセキュリティセンター（NISC）は", &r);
    expect_count(&r, 2);
    expect_mention(&r, 1, 17, 21, "NISC", "内閣サイバーセキュリティセンター", GIJI_ENT_MINISTRY, NULL);
    res_free(&r);

    /* a chunk before an abbreviation is the kind of name its suffix says,
     * also where the stem before the suffix alone is too short */
    extract("第10回太平洋・島サミット（PALM10）を開催", &r);
    expect_count(&r, 2);
    expect_mention(&r, 0, 0, 13, "第10回太平洋・島サミット", "第10回太平洋・島サミット", GIJI_ENT_EVENT, "abbr:*");
    expect_mention(&r, 1, 14, 20, "PALM10", "第10回太平洋・島サミット", GIJI_ENT_EVENT, "abbreviation");
    res_free(&r);

    /* not abbreviations: digits first, Japanese, a single letter */
    extract("経済産業省（2023）は", &r);
    expect_count(&r, 1);
    res_free(&r);
    extract("経済産業省（本省）は", &r);
    expect_count(&r, 1);
    res_free(&r);
    extract("経済産業省（A）は", &r);
    expect_count(&r, 1);
    res_free(&r);
}

/* ---- the remark's NFKC from its lines ---------------------------------------------- */

/* A remark whose NFKC changes no length gets it from its lines (the same
 * as extract/ would make: meeting_of checks it); one whose NFKC does (㍻ is
 * two code points, ｶﾞ one) gets none, and extract/ makes it. */
static void test_remark_norm_from_lines(void **state)
{
    (void)state;
    static const char text[] = MINUTES(
        "- ＮＩＳＣと連携し、①の対策を進める。\n"
        "- ㍻20年度概算要求について確認した。\n"
        "- ｶﾞｲﾄﾞﾗｲﾝの改定が必要である。\n"
        "- 経済産業省の報告を了承する。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 4);
    assert_non_null(m.remarks[0].norm);
    assert_string_equal(m.remarks[0].norm, "NISCと連携し、1の対策を進める。");
    assert_null(m.remarks[1].norm);
    assert_null(m.remarks[2].norm);
    assert_non_null(m.remarks[3].norm);
    giji_meeting_free(&m);
}

/* ---- contextual aliases ------------------------------------------------------------ */

/* An abbreviation defined in brackets is a mention of its entity where it
 * is used later, in the same remark and in later remarks of the meeting,
 * as a Latin word of its own, and not where a name covers it. */
static void test_abbreviation_used_later(void **state)
{
    (void)state;
    static const char text[] = MINUTES(
        "- 国立健康危機管理研究機構（JIHS）と連携し、JIHSを中心に整備する。\n"
        "- JIHSの体制とJIHSXの計画を見直す。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    const giji_remark *r1 = &m.remarks[0], *r2 = &m.remarks[1];
    if (r1->nmentions != 3)
        fail_msg("remark 1: three mentions wanted, found: %s",
                 describe(m.entities, m.nentities, r1->mentions, r1->nmentions));
    assert_int_equal(r1->mentions[2].start, 23);
    assert_string_equal(r1->mentions[2].surface, "JIHS");
    assert_string_equal(r1->mentions[2].rule, "abbreviation");
    assert_int_equal(r1->mentions[2].entity, r1->mentions[0].entity);
    if (r2->nmentions != 1)
        fail_msg("remark 2: one mention wanted, found: %s",
                 describe(m.entities, m.nentities, r2->mentions, r2->nmentions));
    assert_int_equal(r2->mentions[0].start, 0);
    assert_int_equal(r2->mentions[0].entity, r1->mentions[0].entity);
    assert_string_equal(m.entities[r2->mentions[0].entity].name, "国立健康危機管理研究機構");
    giji_meeting_free(&m);
}

static void test_contextual_alias_in_meeting(void **state)
{
    (void)state;
    static const char text[] = MINUTES(
        "- サイバーセキュリティ基本法の改正が必要である。\n"
        "- 基本法の見直しを進めるべきである。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    const giji_remark *r1 = &m.remarks[0], *r2 = &m.remarks[1];
    assert_int_equal(r1->nmentions, 1);
    assert_string_equal(m.entities[r1->mentions[0].entity].name, "サイバーセキュリティ基本法");
    if (r2->nmentions != 1)
        fail_msg("remark 2: one mention wanted, found: %s",
                 describe(m.entities, m.nentities, r2->mentions, r2->nmentions));
    assert_int_equal(r2->mentions[0].start, 0);
    assert_int_equal(r2->mentions[0].end, 3);
    assert_string_equal(r2->mentions[0].surface, "基本法");
    assert_int_equal(r2->mentions[0].entity, r1->mentions[0].entity);
    assert_int_equal(m.entities[r2->mentions[0].entity].type, GIJI_ENT_LAW);
    assert_int_equal(m.nentities, 1);
    giji_meeting_free(&m);
}

static void test_contextual_alias_needs_full_name_first(void **state)
{
    (void)state;
    /* never named in full: bare 基本法 is nothing */
    static const char text[] = MINUTES(
        "- 基本法の見直しを進めるべきである。\n"
        "- 情報セキュリティに関する基本法のようなものが必要ではないか。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    for (size_t i = 0; i < m.nremarks; i++)
        if (m.remarks[i].nmentions && strstr(m.remarks[i].text, "基本法"))
            for (size_t k = 0; k < m.remarks[i].nmentions; k++)
                if (!strcmp(m.remarks[i].mentions[k].surface, "基本法"))
                    fail_msg("remark %zu: bare 基本法 is a mention", i);
    assert_null(entity_named(m.entities, m.nentities, "サイバーセキュリティ基本法"));
    giji_meeting_free(&m);

    /* named in full only later: the earlier bare 基本法 is nothing */
    static const char later[] = MINUTES(
        "- 基本法の見直しを進めるべきである。\n"
        "- サイバーセキュリティ基本法の改正が必要である。\n");
    meeting_of(later, &m);
    assert_int_equal(m.nremarks, 2);
    assert_int_equal(m.remarks[0].nmentions, 0);
    assert_int_equal(m.remarks[1].nmentions, 1);
    giji_meeting_free(&m);

    /* one text on its own: before the full name no, after it yes */
    res r;
    extract("基本法", &r);
    expect_count(&r, 0);
    res_free(&r);
    extract("基本法の見直しとサイバーセキュリティ基本法", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 8, 21, "サイバーセキュリティ基本法", "サイバーセキュリティ基本法", GIJI_ENT_LAW, NULL);
    res_free(&r);
    extract("サイバーセキュリティ基本法を改正し、基本法の見直しを", &r);
    expect_count(&r, 2);
    expect_mention(&r, 1, 18, 21, "基本法", "サイバーセキュリティ基本法", GIJI_ENT_LAW, NULL);
    res_free(&r);
    /* and other laws ending in 基本法 do not make bare 基本法 theirs */
    extract("災害対策基本法と基本法", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 7, "災害対策基本法", "災害対策基本法", GIJI_ENT_LAW, NULL);
    res_free(&r);
}

/* Fixed bug (kept as a regression test): within one text a contextual alias counts when its entity's full
 * name was a *candidate* earlier (drop_out_of_context runs before the
 * leftmost-longest choice), even when a longer name swallowed it; across
 * remarks only names that became mentions count. So the same words give
 * different answers in one remark and in two.
 * Input: "サイバーセキュリティ基本法案を提出し、基本法の見直しを進める。" -> 基本法
 * is a mention of サイバーセキュリティ基本法 (never named: the discovered bill
 * サイバーセキュリティ基本法案 won), while remark 1 "サイバーセキュリティ基本法案を
 * 提出すべきである。" + remark 2 "基本法の見直しを進めるべきである。" gives none. */
static void test_contextual_alias_after_swallowed_name(void **state)
{
    (void)state;
    static const char text[] = MINUTES(
        "- サイバーセキュリティ基本法案を提出すべきである。\n"
        "- 基本法の見直しを進めるべきである。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    assert_int_equal(m.remarks[0].nmentions, 1);
    assert_string_equal(m.remarks[0].mentions[0].surface, "サイバーセキュリティ基本法案");
    size_t across = m.remarks[1].nmentions;
    giji_meeting_free(&m);
    assert_int_equal(across, 0);

    res r;
    extract("サイバーセキュリティ基本法案を提出し、基本法の見直しを進める。", &r);
    size_t within = r.nm;
    if (within != 1 + across) {
        res_free(&r);
        fail_msg("regression of the fixed bug described above");
    }
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 14, "サイバーセキュリティ基本法案", "サイバーセキュリティ基本法案", GIJI_ENT_LAW, "suffix:");
    res_free(&r);
}

/* Meeting-wide entity list: one entry per entity, shared by remarks. */
static void test_meeting_entities_shared(void **state)
{
    (void)state;
    static const char text[] = MINUTES(
        "- 米国との連携を強化すべきである。\n"
        "- アメリカのDHSと国家緊急事態管理庁（NEMA）の例を参考にすべきである。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    const giji_remark *a = remark_with(&m, "米国との"), *b = remark_with(&m, "アメリカの");
    assert_int_equal(a->nmentions, 1);
    assert_true(b->nmentions >= 4);
    assert_int_equal(b->mentions[0].entity, a->mentions[0].entity); /* アメリカ = 米国 */
    const giji_entity *nema = entity_named(m.entities, m.nentities, "国家緊急事態管理庁");
    assert_non_null(nema);
    assert_int_equal(nema->discovered, 1);
    /* no entity twice */
    for (size_t i = 0; i < m.nentities; i++)
        for (size_t k = i + 1; k < m.nentities; k++)
            if (!strcmp(m.entities[i].name, m.entities[k].name))
                fail_msg("entity '%s' listed twice", m.entities[i].name);
    giji_meeting_free(&m);
}

/* ---- odd input ------------------------------------------------------------------------ */

static void test_empty_and_invalid_text(void **state)
{
    (void)state;
    expect_none("");
    expect_none("。、「」");

    /* invalid UTF-8 is an error, with nothing to free */
    giji_entity *e = (giji_entity *)1;
    giji_mention *m = (giji_mention *)1;
    size_t ne = 99, nm = 99;
    int rc = giji_extract_text(ex, "米国\xff\xfeの", &e, &ne, &m, &nm);
    assert_int_not_equal(rc, GIJI_OK);
    assert_null(e);
    assert_int_equal(ne, 0);
    assert_null(m);
    assert_int_equal(nm, 0);
    assert_true(giji_error_message()[0] != '\0');
}

/* Fixed bug (kept as a regression test): names are put in the automaton with white space runs folded to one
 * space (giji_match_form), but texts are folded code point by code point
 * (giji_fold_cp), so a Latin name written with two spaces, or a space and
 * an ideographic space, is not found — the gazetteer headers say spacing
 * variants need not be listed.
 * Input: "National  Police Agency" (two spaces) -> no mention of 警察庁. */
static void test_spacing_variants(void **state)
{
    (void)state;
    res r;
    extract("National　Police Agency", &r); /* U+3000 is one space after NFKC */
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 22, "National　Police Agency", "警察庁", GIJI_ENT_MINISTRY, NULL);
    res_free(&r);
    extract("Department of\tHomeland Security", &r);
    expect_count(&r, 1);
    res_free(&r);

    extract("National  Police Agency", &r);
    size_t n = r.nm;
    res_free(&r);
    if (n == 0)
        fail_msg("regression of the fixed bug described above");
    extract("National  Police Agency", &r);
    expect_count(&r, 1);
    expect_mention(&r, 0, 0, 23, "National  Police Agency", "警察庁", GIJI_ENT_MINISTRY, NULL);
    res_free(&r);
}

/* What discovery's regex prefilter takes as certain in a pattern: only
 * literals and [0-9] outside groups that no '?', '*' or '{0' makes
 * optional, and nothing at all past a top-level '|'. */
static void check_needs(const char *re, const char *want_lit, int want_digit)
{
    char lit[64];
    int digit;
    giji_regex_needs(re, lit, sizeof lit, &digit);
    assert_string_equal(lit, want_lit);
    assert_int_equal(digit, want_digit);
}

static void test_regex_needs(void **state)
{
    (void)state;
    /* the rules of data/discovery.tsv */
    check_needs("[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)* Act( of)? [0-9]{4}", " Act", 1);
    check_needs("^第[0-9]+次.+(計画|戦略|プラン)$", "第", 1);
    check_needs("^.+(プログラム|プラン|戦略|ビジョン|ガイドライン|計画|指針)[0-9]{4}$", "", 1);
    check_needs("^(平成|令和|昭和)?[0-9]+年度(概算要求|予算|予算案|政府予算案|補正予算)$", "年度", 1);
    check_needs("^[0-9]{4}年.+(大会|博覧会|サミット)$", "年", 1);
    check_needs("^[0-9]+月[0-9]+日", "月", 1);
    /* optional, repeated, grouped, escaped, alternatives */
    check_needs("基本計画?", "基本計", 0);
    check_needs("ab*c", "a", 0);
    check_needs("ab+c", "ab", 0);
    check_needs("x[0-9]?yz", "yz", 0);
    check_needs("x[0-9]{0,2}y", "x", 0);
    check_needs("(第[0-9]+次)計画", "計画", 0);
    check_needs("計画|戦略", "", 0);
    check_needs("a\\.bc", "a.bc", 0);   /* an escaped symbol is itself */
    check_needs("a\\wbc", "bc", 0);    /* other escapes end a run */
    check_needs("[[:digit:]]+年", "年", 0);
    check_needs("[]x]計画", "計画", 0);
}

/* Every literal run a match needs, joined with '|' for the comparison. */
static void check_needs_all(const char *re, const char *want, int want_digit)
{
    char lits[4][GIJI_REGEX_LIT], got[256] = "";
    size_t n;
    int digit;
    giji_regex_needs_all(re, lits, 4, &n, &digit);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(got, "|");
        strcat(got, lits[i]);
    }
    assert_string_equal(got, want);
    assert_int_equal(digit, want_digit);
}

static void test_regex_needs_all(void **state)
{
    (void)state;
    check_needs_all("^第[0-9]+次.+(計画|戦略|プラン)$", "第|次", 1);
    check_needs_all("^[0-9]+年[0-9]+月", "年|月", 1);
    check_needs_all("^[0-9]{4}年.+(大会|博覧会|サミット)$", "年", 1);
    check_needs_all("ab+c", "ab|c", 0);
    check_needs_all("基本計画?", "基本計", 0);
    check_needs_all("(第[0-9]+次)計画", "計画", 0);
    check_needs_all("計画|戦略", "", 0);
    check_needs_all("a[0-9]b[0-9]c[0-9]d[0-9]e", "a|b|c|d", 1);   /* the first four: fewer is still certain */
    check_needs_all("^[^0-9]{2,}[0-9]\\.[0-9]$", ".", 1);   /* an escaped symbol is a literal */
    check_needs_all("a\\w+b", "a|b", 0);
}

/* How many digits a match starts and ends with at least, and the
 * alternatives it ends in (joined with '|'). */
static void check_ends(const char *re, size_t start_digits, size_t end_digits, const char *alts)
{
    giji_regex_ends a;
    char got[512] = "";
    giji_regex_anchors(re, &a);
    assert_int_equal(a.start_digits, start_digits);
    assert_int_equal(a.end_digits, end_digits);
    for (size_t i = 0; i < a.nend_alt; i++) {
        if (i)
            strcat(got, "|");
        strncat(got, a.end_alt[i], a.end_alt_len[i]);
    }
    assert_string_equal(got, alts);
}

/* The digits and the alternatives at the ends: the rules of
 * data/discovery.tsv, then the forms where less is certain. */
static void test_regex_ends(void **state)
{
    (void)state;
    check_ends("[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)* Act( of)? [0-9]{4}", 0, 0, "");
    check_ends("^第[0-9]+次.+(計画|戦略|プラン)$", 0, 0, "計画|戦略|プラン");
    check_ends("^.+(プログラム|プラン|戦略|ビジョン|ガイドライン|計画|指針)[0-9]{4}$", 0, 4,
               "プログラム|プラン|戦略|ビジョン|ガイドライン|計画|指針");
    check_ends("^(平成|令和|昭和)?[0-9]+年度(概算要求|予算|予算案|政府予算案|補正予算)$", 0, 0,
               "概算要求|予算|予算案|政府予算案|補正予算");
    check_ends("^[0-9]{4}年.+(大会|博覧会|サミット)$", 4, 0, "大会|博覧会|サミット");
    check_ends("^[0-9]+月[0-9]+日", 1, 0, "");
    check_ends("^[0-9]年", 1, 0, "");
    check_ends("^[0-9]{2,4}年", 2, 0, "");
    check_ends("^[0-9]?年", 0, 0, "");
    check_ends("x(a|b)[0-9]+$", 0, 1, "");        /* how many digits: not known */
    check_ends("x(a|b)[0-9]{2,3}$", 0, 2, "");    /* idem */
    check_ends("x(a|b)[0-9]$", 0, 1, "a|b");
    check_ends("x(a|b)?$", 0, 0, "");
    check_ends("x(a|)$", 0, 0, "");
    check_ends("x(a|b.)$", 0, 0, "");
    check_ends("x(a|(b))$", 0, 0, "");
    check_ends("x\\(a|b)$", 0, 0, "");      /* an escaped '(': the '|' is outside groups */
    check_ends("x(a|b\\)$", 0, 0, "");
    check_ends("(a|b)|c$", 0, 0, "");
    check_ends("(a|b)$", 0, 0, "a|b");
    check_ends("x(a|b)\\$", 0, 0, "");
    check_ends("$", 0, 0, "");
}

static void check_anchors(const char *re, int start_digit, const char *start, int end_digit)
{
    giji_regex_ends a;
    giji_regex_anchors(re, &a);
    assert_int_equal(a.start_digit, start_digit);
    assert_string_equal(a.start, start);
    assert_int_equal(a.start_len, strlen(start));
    assert_int_equal(a.end_digit, end_digit);
}

/* What every match starts and ends with: the anchored rules of
 * data/discovery.tsv, then optional, repeated, grouped, escaped and
 * alternative forms, where nothing (or less) is certain. */
static void test_regex_anchors(void **state)
{
    (void)state;
    check_anchors("[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)* Act( of)? [0-9]{4}", 0, "", 0);
    check_anchors("^第[0-9]+次.+(計画|戦略|プラン)$", 0, "第", 0);
    check_anchors("^.+(プログラム|プラン|戦略|ビジョン|ガイドライン|計画|指針)[0-9]{4}$", 0, "", 1);
    check_anchors("^(平成|令和|昭和)?[0-9]+年度(概算要求|予算|予算案|政府予算案|補正予算)$", 0, "", 0);
    check_anchors("^[0-9]{4}年.+(大会|博覧会|サミット)$", 1, "", 0);
    check_anchors("^[0-9]+月[0-9]+日", 1, "", 0);
    check_anchors("^[0-9]?年", 0, "", 0);
    check_anchors("^[0-9]*年", 0, "", 0);
    check_anchors("^[0-9]{0,2}年", 0, "", 0);
    check_anchors("^第二次?計画", 0, "第二", 0);
    check_anchors("^ab+c", 0, "ab", 0);
    check_anchors("^a{2}b", 0, "a", 0);
    check_anchors("^\\.x", 0, "", 0);
    check_anchors("x[0-9]+$", 0, "", 1);
    check_anchors("x[0-9]$", 0, "", 1);
    check_anchors("x[0-9]*$", 0, "", 0);
    check_anchors("x[0-9]?$", 0, "", 0);
    check_anchors("x[0-9]{0,4}$", 0, "", 0);
    check_anchors("x[^0-9]$", 0, "", 0);
    check_anchors("x\\[0-9]$", 0, "", 0);
    check_anchors("x[0-9]\\$", 0, "", 0);
    check_anchors("(x[0-9])$", 0, "", 0);
    check_anchors("^第[0-9]+|計画[0-9]$", 0, "", 0);
    check_anchors("", 0, "", 0);
    check_anchors("^", 0, "", 0);
}

/* The alternatives of a group that follows the start (joined with '|'). */
static void check_start_alts(const char *re, const char *start, const char *alts)
{
    giji_regex_ends a;
    char got[512] = "";
    giji_regex_anchors(re, &a);
    assert_string_equal(a.start, start);
    for (size_t i = 0; i < a.nstart_alt; i++) {
        if (i)
            strcat(got, "|");
        strncat(got, a.start_alt[i], a.start_alt_len[i]);
    }
    assert_string_equal(got, alts);
}

/* A group of literal alternatives right after '^' or the start's literal:
 * the rules of data/discovery.tsv, then the forms where nothing is certain. */
static void test_regex_start_alts(void **state)
{
    (void)state;
    check_start_alts("^日本(版|型)[^0-9].+", "日本", "版|型");
    check_start_alts("^(国連|国際|世界)[^0-9]+委員会$", "", "国連|国際|世界");
    check_start_alts("^(平成|令和|昭和)?[0-9]+年度(概算要求|予算)$", "", "");   /* optional */
    check_start_alts("^(午前|午後)*[0-9]+時", "", "");
    check_start_alts("^(a|b){0,2}c", "", "");
    check_start_alts("^(a|b){2}c", "", "a|b");
    check_start_alts("^(a|b)+c", "", "a|b");
    check_start_alts("^第[0-9]+次.+(計画|戦略)$", "第", "");
    check_start_alts("^ab?(c|d)", "a", "");      /* the run stopped at an optional b */
    check_start_alts("^ab+(c|d)", "ab", "");     /* … at a repeated one */
    check_start_alts("^(a|)b", "", "");
    check_start_alts("^(a|b.)c", "", "");
    check_start_alts("^(a|(b))c", "", "");
    check_start_alts("^(a|[bc])d", "", "");
    check_start_alts("^(a|b)c|d", "", "");       /* a '|' outside groups */
    check_start_alts("(a|b)c", "", "");          /* not anchored */
    check_start_alts("^\\(a|b)", "", "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_policy_over_topic),
        cmocka_unit_test(test_longest_event),
        cmocka_unit_test(test_longest_ministry_over_country),
        cmocka_unit_test(test_offsets_full_width),
        cmocka_unit_test(test_offsets_half_width_kana),
        cmocka_unit_test(test_offsets_long_remark),
        cmocka_unit_test(test_offsets_bundled_minutes),
        cmocka_unit_test(test_aliases_one_entity),
        cmocka_unit_test(test_discovered_numbers_one_entity),
        cmocka_unit_test(test_discovery_lead_hiragana),
        cmocka_unit_test(test_latin_word_boundary),
        cmocka_unit_test(test_generic_phrases),
        cmocka_unit_test(test_domain_topics),
        cmocka_unit_test(test_discovery),
        cmocka_unit_test(test_discovery_titles),
        cmocka_unit_test(test_discovery_heads),
        cmocka_unit_test(test_not_discovered),
        cmocka_unit_test(test_abbreviation),
        cmocka_unit_test(test_abbreviation_used_later),
        cmocka_unit_test(test_contextual_alias_in_meeting),
        cmocka_unit_test(test_contextual_alias_needs_full_name_first),
        cmocka_unit_test(test_contextual_alias_after_swallowed_name),
        cmocka_unit_test(test_meeting_entities_shared),
        cmocka_unit_test(test_empty_and_invalid_text),
        cmocka_unit_test(test_spacing_variants),
        cmocka_unit_test(test_discovery_word_prefix_and_years),
        cmocka_unit_test(test_regex_needs),
        cmocka_unit_test(test_regex_anchors),
        cmocka_unit_test(test_regex_start_alts),
        cmocka_unit_test(test_regex_needs_all),
        cmocka_unit_test(test_regex_ends),
        cmocka_unit_test(test_remark_norm_from_lines),
        cmocka_unit_test(test_extract_meetings_as_alone),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
