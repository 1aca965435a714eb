/*
 * test_infer.c — extract/infer.c: speakers of anonymous remarks inferred
 * from what they say for their own body ("経済産業省としては、…"), with the
 * cues of data/inference.tsv, through giji_segment + giji_extract_meeting on
 * small in-memory minutes: bullet-only 議事要旨 with an attendee list and
 * proxies (like data/minutes/002_daf3e4a02cc06ec7.txt), and labelled
 * 議事概要 whose explicit and chair attributions must never change.
 * Covers the proxy standing in for an absent minister, a role written as a
 * pattern (内閣府特命担当大臣*), two bodies in the opening, a body whose role
 * nobody holds, a role two attendees hold, a council of officials (the
 * body's one official, a role with a bracketed note), the window (read from
 * inference.tsv) and the cue string.
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

static giji_rules *rules;
static giji_gazetteer *gz;
static giji_extractor *ex;

static int setup(void **state)
{
    (void)state;
    giji_extract_options opt = {.discover = 1, .infer = 1};
    if (giji_rules_load(GIJI_TEST_DATA, &rules) != GIJI_OK ||
        giji_gazetteer_load(GIJI_TEST_DATA, NULL, 0, &gz) != GIJI_OK ||
        giji_extractor_new(gz, GIJI_TEST_DATA, &opt, &ex) != GIJI_OK) {
        print_error("setup: %s\n", giji_error_message());
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

static void meeting_with(giji_extractor *x, const char *text, giji_meeting *m)
{
    giji_doc doc;
    giji_error_clear();
    assert_int_equal(giji_doc_build("t.txt", text, strlen(text), &doc), GIJI_OK);
    int rc = giji_segment(rules, "t.txt", &doc, m);
    giji_doc_free(&doc);
    if (rc != GIJI_OK)
        fail_msg("giji_segment failed (%d): %s", rc, giji_error_message());
    rc = giji_extract_meeting(x, rules, m);
    if (rc != GIJI_OK) {
        giji_meeting_free(m);
        fail_msg("giji_extract_meeting failed (%d): %s", rc, giji_error_message());
    }
}

static void meeting_of(const char *text, giji_meeting *m)
{
    meeting_with(ex, text, m);
}

static int attendee(const giji_meeting *m, const char *name)
{
    for (size_t i = 0; i < m->nattendees; i++)
        if (!strcmp(m->attendees[i].name, name))
            return (int)i;
    fail_msg("no attendee '%s' among %zu", name, m->nattendees);
    return -1;
}

static const giji_remark *remark_with(const giji_meeting *m, const char *needle)
{
    const giji_remark *found = NULL;
    for (size_t i = 0; i < m->nremarks; i++)
        if (strstr(m->remarks[i].text, needle)) {
            if (found)
                fail_msg("two remarks contain '%s'", needle);
            found = &m->remarks[i];
        }
    if (!found)
        fail_msg("no remark contains '%s'", needle);
    return found;
}

static const char *who(const giji_meeting *m, const giji_remark *r)
{
    return r->speaker >= 0 && (size_t)r->speaker < m->nattendees ? m->attendees[r->speaker].name : "(nobody)";
}

/* The remark containing `needle` was inferred to be `name`'s, from `cue`. */
static void expect_inferred(const giji_meeting *m, const char *needle, const char *name, const char *cue)
{
    const giji_remark *r = remark_with(m, needle);
    if (r->attribution != GIJI_ATTR_INFERRED || r->speaker != attendee(m, name))
        fail_msg("'%s': inferred %s wanted, found %s (%s)", needle, name, who(m, r),
                 giji_attribution_name(r->attribution));
    assert_non_null(r->cue);
    assert_string_equal(r->cue, cue);
    assert_null(r->speaker_label);
}

/* The remark containing `needle` keeps its speaker unknown. */
static void expect_unknown(const giji_meeting *m, const char *needle)
{
    const giji_remark *r = remark_with(m, needle);
    if (r->attribution != GIJI_ATTR_NONE || r->speaker != -1)
        fail_msg("'%s': unknown speaker wanted, found %s (%s, cue %s)", needle, who(m, r),
                 giji_attribution_name(r->attribution), r->cue ? r->cue : "none");
    assert_null(r->cue);
}

/* The window of data/inference.tsv, in code points. */
static int window_of_data(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/inference.tsv", GIJI_TEST_DATA);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    int w = -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, "window\t", 7))
            w = atoi(line + 7);
    fclose(f);
    if (w <= 0)
        fail_msg("no window in %s", path);
    return w;
}

/* Bullet-only minutes (議事要旨). 総務大臣 and 経済産業大臣 sent proxies;
 * 外務大臣 came; nobody holds 防衛大臣. BODY: "- …\n" lines. */
#define YOSHI(BODY)                                                    \
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
    "岸田 文雄\t内閣府特命担当大臣(科学技術政策)\n"                    \
    "泉 信也\t国家公安委員会委員長\n"                                  \
    "増田 寛也\t総務大臣\n"                                            \
    "\t(※岡本 芳郎 総務大臣政務官代理出席)\n"                         \
    "甘利 明\t経済産業大臣\n"                                          \
    "\t(※新藤 義孝 経済産業副大臣代理出席)\n"                         \
    "高村 正彦\t外務大臣\n"                                            \
    "村井 純\t慶應義塾大学教授\n"                                      \
    "\n"                                                               \
    "4 議事概要\n"                                                     \
    "\n"                                                               \
    "(1) 出席者意見開陳\n"                                             \
    "\n"                                                               \
    "出席者から以下のような意見が述べられた。\n"                       \
    "\n" BODY "\n"                                                     \
    "以上\n"

/* Labelled minutes (議事概要); ATT is the attendee list, BODY the
 * proceedings after the discussion heading. */
#define GAIYO(ATT, BODY)                                               \
    "サイバーセキュリティ戦略本部\n"                                   \
    "第11回会合 議事概要\n"                                            \
    "\n"                                                               \
    "1 日時\n"                                                         \
    "\n"                                                               \
    "平成29年1月25日(水) 8:30～9:30\n"                                 \
    "\n"                                                               \
    "2 場所\n"                                                         \
    "\n"                                                               \
    "総理大臣官邸4階大会議室\n"                                        \
    "\n"                                                               \
    "3 出席者(敬称略)\n"                                               \
    "\n" ATT "\n"                                                      \
    "#### 4 議事概要\n"                                                \
    "\n" BODY "\n"                                                     \
    "以上\n"

#define GAIYO_MEMBERS                                                  \
    "菅 義偉\t内閣官房長官\n"                                          \
    "世耕 弘成\t経済産業大臣\n"                                        \
    "中谷 和弘\t東京大学大学院法学政治学研究科教授\n"

/* ---- bodies and their role holders --------------------------------------- */

static void test_body_cues(void **state)
{
    (void)state;
    static const char text[] = YOSHI(
        "- 経済産業省としては、国際的な取り組みを進める。\n"
        "- 警察では、サイバー犯罪の取締りを強化する。\n"
        "- 外務省としては、協議に参画したい。\n"
        "- 総務省としては、安全基準を見直す。\n"
        "- 経産省としても、中小企業を支援したい。\n"
        "- 内閣府としては、広報を進める。\n"
        "- 警察として、捜査体制を強化する。\n"
        "- 情報セキュリティ政策は重要である。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 8);
    /* the minister sent a proxy: the proxy spoke */
    int amari = attendee(&m, "甘利明"), shindo = attendee(&m, "新藤義孝");
    assert_int_equal(m.attendees[amari].present, 0);
    assert_int_equal(m.attendees[shindo].proxy_for, amari);
    expect_inferred(&m, "国際的な取り組み", "新藤義孝", "経済産業省としては");
    expect_inferred(&m, "安全基準を見直す", "岡本芳郎", "総務省としては");
    /* 警察 is the 国家公安委員会委員長's */
    expect_inferred(&m, "取締りを強化", "泉信也", "警察では");
    expect_inferred(&m, "捜査体制", "泉信也", "警察として");
    /* a minister who came speaks for the ministry */
    expect_inferred(&m, "協議に参画", "高村正彦", "外務省としては");
    /* an alias of the body, another particle */
    expect_inferred(&m, "中小企業を支援", "新藤義孝", "経産省としても");
    /* a role written as a pattern: 内閣府特命担当大臣* */
    expect_inferred(&m, "広報を進める", "岸田文雄", "内閣府としては");
    /* no cue */
    expect_unknown(&m, "情報セキュリティ政策は重要");
    /* the mentions are still there */
    const giji_remark *r = remark_with(&m, "国際的な取り組み");
    assert_true(r->nmentions >= 1);
    assert_string_equal(m.entities[r->mentions[0].entity].name, "経済産業省");
    giji_meeting_free(&m);
}

static void test_cue_with_space_and_width(void **state)
{
    (void)state;
    /* the cue is matched on NFKC text without white space, and reported so */
    static const char text[] = YOSHI(
        "- 経済産業省 としては、取り組みを続ける。\n"
        "- ＜外務省＞としては、検討する。\n");
    giji_meeting m;
    meeting_of(text, &m);
    expect_inferred(&m, "取り組みを続ける", "新藤義孝", "経済産業省としては");
    /* a bracket between body and particle is no cue */
    expect_unknown(&m, "検討する");
    giji_meeting_free(&m);
}

/* ---- what stays unknown ------------------------------------------------------ */

static void test_two_bodies_in_window(void **state)
{
    (void)state;
    static const char text[] = YOSHI(
        "- 経済産業省としては、防衛省として協力を得る。\n"
        "- 警察としては、総務省としても連携していただきたい。\n"
        "- 警察として、警察庁では対応を進める。\n");
    giji_meeting m;
    meeting_of(text, &m);
    expect_unknown(&m, "協力を得る");
    expect_unknown(&m, "連携していただきたい");
    /* two cues of the same holder are not two bodies */
    const giji_remark *r = remark_with(&m, "対応を進める");
    assert_int_equal(r->attribution, GIJI_ATTR_INFERRED);
    assert_int_equal(r->speaker, attendee(&m, "泉信也"));
    assert_non_null(r->cue);
    giji_meeting_free(&m);
}

/* Fixed bug (kept as a regression test): a remark naming two bodies in its opening, only the second with a
 * particle, is given to the second body's holder — infer.c's own contract is
 * "two different bodies in the cue window ... leave the speaker unknown",
 * and the brief for these tests lists this input.
 * Input: "総務省と外務省としては、連携して取り組む。" -> inferred 外務大臣
 * (高村正彦, cue 外務省としては) instead of unknown. */
static void test_two_bodies_one_particle(void **state)
{
    (void)state;
    static const char text[] = YOSHI(
        "- 総務省と外務省としては、連携して取り組む。\n"
        "- 経済産業省及び総務省としては、共同で取り組む。\n");
    giji_meeting m;
    meeting_of(text, &m);
    int buggy = remark_with(&m, "連携して取り組む")->attribution == GIJI_ATTR_INFERRED ||
                remark_with(&m, "共同で取り組む")->attribution == GIJI_ATTR_INFERRED;
    if (buggy) {
        giji_meeting_free(&m);
        fail_msg("regression of the fixed bug described above");
    }
    expect_unknown(&m, "連携して取り組む");
    expect_unknown(&m, "共同で取り組む");
    giji_meeting_free(&m);
}

static void test_role_nobody_holds(void **state)
{
    (void)state;
    static const char text[] = YOSHI(
        "- 防衛省としては、体制を強化する。\n"
        "- デジタル庁としては、基盤を整備する。\n");
    giji_meeting m;
    meeting_of(text, &m);
    expect_unknown(&m, "体制を強化");
    expect_unknown(&m, "基盤を整備");
    giji_meeting_free(&m);
}

static void test_role_two_attendees_hold(void **state)
{
    (void)state;
    /* two 内閣府特命担当大臣: 内閣府として does not say which */
    static const char text[] =
        "高度情報通信ネットワーク社会推進戦略本部 情報セキュリティ政策会議\n"
        "第14回会合 議事要旨\n"
        "\n"
        "1 日時\n"
        "\n"
        "平成19年10月3日(水) 17:20~18:20\n"
        "\n"
        "3 出席者(敬称略)\n"
        "\n"
        "町村 信孝\t内閣官房長官\n"
        "岸田 文雄\t内閣府特命担当大臣(科学技術政策)\n"
        "泉 信也\t内閣府特命担当大臣(防災)\n"
        "村井 純\t慶應義塾大学教授\n"
        "\n"
        "4 議事概要\n"
        "\n"
        "出席者から以下のような意見が述べられた。\n"
        "\n"
        "- 内閣府としては、広報を進める。\n"
        "- 内閣官房としては、調整を進める。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    meeting_of(text, &m);
    expect_unknown(&m, "広報を進める");
    expect_inferred(&m, "調整を進める", "町村信孝", "内閣官房としては");
    giji_meeting_free(&m);
}

/* A council of officials: no minister attends, so a body's cue goes to
 * the one attendee whose role starts with the body's name; a role with a
 * note in brackets ("環境大臣（議長）") still holds the minister's role; a
 * body two officials attend for says nobody. */
static void test_officials(void **state)
{
    (void)state;
    static const char text[] =
        "気候変動適応推進会議（第9回）議事概要\n"
        "\n"
        "日時：令和8年7月14日（火）10:00～11:30\n"
        "出席者：\n"
        "環境省：環境大臣（議長） 石田 和也　環境省：地球環境局長 佐藤 健一　国土交通省：水管理・国土保全局長 田中 裕之　"
        "厚生労働省：健康・\n"
        "生活衛生局長 伊藤 真理　気象庁：大気海洋部長 渡辺 隆　総務省：自治行政局長 吉田 正樹　総務省：消防庁審議官 中村 恵美\n"
        "\n"
        "議題\n"
        "（１）気候変動適応計画の進捗状況について\n"
        "\n"
        "議事概要\n"
        "主な意見は以下のとおり。\n"
        "・環境省としては、適応計画を着実に進める。\n"
        "・国土交通省では、流域治水を進めている。\n"
        "・厚生労働省としては、職場の対策を強化する。\n"
        "・気象庁としては、予測の精度を高める。\n"
        "・総務省としては、自治体を支援する。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    meeting_of(text, &m);
    expect_inferred(&m, "適応計画を着実に", "石田和也", "環境省としては");
    expect_inferred(&m, "流域治水を進めている", "田中裕之", "国土交通省では");
    expect_inferred(&m, "職場の対策を強化", "伊藤真理", "厚生労働省としては");
    expect_inferred(&m, "予測の精度を高める", "渡辺隆", "気象庁としては");
    expect_unknown(&m, "自治体を支援する");
    giji_meeting_free(&m);
}

static void test_window(void **state)
{
    (void)state;
    int w = window_of_data();
    /* a cue deep in the text does not count */
    static const char deep[] = YOSHI(
        "- 本日の会議では多くの議論がなされたところであるが、経済産業省としては、引き続き取り組む。\n");
    giji_meeting m;
    meeting_of(deep, &m);
    expect_unknown(&m, "引き続き取り組む");
    /* the mention is found all the same */
    assert_true(remark_with(&m, "引き続き取り組む")->nmentions >= 1);
    giji_meeting_free(&m);

    /* at the edge: a cue starting at code point w-1 counts, at w not */
    static const char pre[] = YOSHI(""), marker[] = "出席者から以下のような意見が述べられた。\n\n";
    char text[sizeof pre + 1024];
    const char *cut = strstr(pre, marker);
    assert_non_null(cut);
    size_t at = (size_t)(cut - pre) + strlen(marker);
    assert_true(w < 100);
    memcpy(text, pre, at);
    at += (size_t)sprintf(text + at, "- ");
    for (int i = 0; i < w - 1; i++)
        at += (size_t)sprintf(text + at, "あ");
    at += (size_t)sprintf(text + at, "経済産業省としては、内側である。\n- ");
    for (int i = 0; i < w; i++)
        at += (size_t)sprintf(text + at, "い");
    sprintf(text + at, "経済産業省としては、外側である。\n\n以上\n");
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 2);
    expect_inferred(&m, "内側である", "新藤義孝", "経済産業省としては");
    expect_unknown(&m, "外側である");
    giji_meeting_free(&m);
}

/* ---- explicit and chair attributions are never changed -------------------------- */

static void test_explicit_never_changed(void **state)
{
    (void)state;
    static const char text[] = GAIYO(GAIYO_MEMBERS,
        "##### (1) 本部長冒頭挨拶\n"
        "\n"
        "内閣官房としては、全力で取り組む。\n"
        "\n"
        "##### (2) 討議\n"
        "\n"
        "○（世耕経済産業大臣）経済産業省としては、取り組みを進める。\n"
        "\n"
        "○（中谷本部員）経済産業省としては、もっと取り組むべきだ。\n"
        "\n"
        "- 経済産業省としては、予算を確保する。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 4);
    const giji_remark *r = remark_with(&m, "全力で取り組む");
    assert_int_equal(r->attribution, GIJI_ATTR_CHAIR);
    assert_int_equal(r->speaker, attendee(&m, "菅義偉"));
    assert_null(r->cue);
    r = remark_with(&m, "取り組みを進める");
    assert_int_equal(r->attribution, GIJI_ATTR_EXPLICIT);
    assert_int_equal(r->speaker, attendee(&m, "世耕弘成"));
    assert_string_equal(r->speaker_label, "世耕経済産業大臣");
    assert_null(r->cue);
    /* the label names someone else than the body's holder: still his */
    r = remark_with(&m, "もっと取り組むべきだ");
    assert_int_equal(r->attribution, GIJI_ATTR_EXPLICIT);
    assert_int_equal(r->speaker, attendee(&m, "中谷和弘"));
    assert_null(r->cue);
    /* the anonymous one is inferred: the minister came himself */
    expect_inferred(&m, "予算を確保する", "世耕弘成", "経済産業省としては");
    giji_meeting_free(&m);
}

/* Fixed bug (kept as a regression test): a labelled remark whose label names nobody present gets attribution
 * "none" from the segmenter (segment.c on_line) — docs/architecture.md and
 * docs/export-json.md say it "stays explicit with a null speaker" — and so
 * inference then gives it to the body's holder, against the label.
 * Input: "○（山田本部員）経済産業省としては、取り組む。" with 世耕 弘成 経済産業大臣
 * present -> speaker 世耕弘成, attribution inferred, though the minutes
 * say 山田 spoke. (test_segment.c expects "none" for an unresolved label,
 * test_label_diet_given_initial, so code and that test disagree with the
 * docs.) */
static void test_unresolved_label_not_inferred(void **state)
{
    (void)state;
    static const char text[] = GAIYO(GAIYO_MEMBERS,
        "##### (2) 討議\n"
        "\n"
        "○（山田本部員）経済産業省としては、取り組む。\n");
    giji_meeting m;
    meeting_of(text, &m);
    assert_int_equal(m.nremarks, 1);
    const giji_remark *r = &m.remarks[0];
    assert_string_equal(r->speaker_label, "山田本部員");
    if (r->attribution == GIJI_ATTR_INFERRED) {
        giji_meeting_free(&m);
        fail_msg("regression of the fixed bug described above");
    }
    assert_int_equal(r->speaker, -1);
    assert_null(r->cue);
    giji_meeting_free(&m);
}

/* ---- inference off ----------------------------------------------------------------- */

static void test_inference_off(void **state)
{
    (void)state;
    giji_extract_options opt = {.discover = 0, .infer = 0};
    giji_extractor *x;
    assert_int_equal(giji_extractor_new(gz, GIJI_TEST_DATA, &opt, &x), GIJI_OK);
    static const char text[] = YOSHI("- 経済産業省としては、国際的な取り組みを進める。\n");
    giji_meeting m;
    meeting_with(x, text, &m);
    expect_unknown(&m, "国際的な取り組み");
    assert_int_equal(m.remarks[0].nmentions, 1); /* the mention is found */
    giji_meeting_free(&m);
    giji_extractor_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_cues),
        cmocka_unit_test(test_cue_with_space_and_width),
        cmocka_unit_test(test_two_bodies_in_window),
        cmocka_unit_test(test_two_bodies_one_particle),
        cmocka_unit_test(test_role_nobody_holds),
        cmocka_unit_test(test_role_two_attendees_hold),
        cmocka_unit_test(test_officials),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_explicit_never_changed),
        cmocka_unit_test(test_unresolved_label_not_inferred),
        cmocka_unit_test(test_inference_off),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
