/*
 * test_segment.c — segment/: small hand-written minutes, one shape per test,
 * driven through giji_doc_build + giji_segment with the real tables of data/.
 * Covers speaker label styles and their resolution (shared surnames, Diet
 * namesakes, wrong titles), the chair's greeting and its proxy, attendee
 * lists (tabs, proxies, extra groups, columns run into one line, Diet
 * title-first lines), metadata (nested bodies, session numbers, dates and
 * times, place), what is and is not a remark, provenance lines, parse errors
 * and the "cut short" warning.
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

static int setup(void **state)
{
    (void)state;
    return giji_rules_load(GIJI_TEST_DATA, &rules);
}

static int teardown(void **state)
{
    (void)state;
    giji_rules_free(rules);
    return 0;
}

/* ---- helpers ----------------------------------------------------------- */

/* Segment `text` read from a file called `name`. The document is freed
 * before returning: the meeting must not point into it. */
static int segment_named(const char *name, const char *text, giji_meeting *m)
{
    giji_doc doc;
    giji_error_clear();
    assert_int_equal(giji_doc_build(name, text, strlen(text), &doc), GIJI_OK);
    int rc = giji_segment(rules, name, &doc, m);
    giji_doc_free(&doc);
    return rc;
}

static void segment_ok(const char *text, giji_meeting *m)
{
    int rc = segment_named("t.txt", text, m);
    if (rc != GIJI_OK)
        fail_msg("giji_segment failed (%d): %s", rc, giji_error_message());
}

/* 1-based line of `text` on which `needle` first occurs. */
static unsigned line_of(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    if (!p)
        fail_msg("'%s' is not in the test text", needle);
    unsigned line = 1;
    for (const char *q = text; q < p; q++)
        line += *q == '\n';
    return line;
}

/* Index of the attendee called `name` (white space removed), or fail. */
static int attendee(const giji_meeting *m, const char *name)
{
    for (size_t i = 0; i < m->nattendees; i++)
        if (!strcmp(m->attendees[i].name, name))
            return (int)i;
    fail_msg("no attendee '%s' among %zu", name, m->nattendees);
    return -1;
}

static void expect_attendee(const giji_meeting *m, size_t i, const char *display, const char *role,
                            int group, int present, int proxy_for)
{
    assert_true(i < m->nattendees);
    const giji_attendee *a = &m->attendees[i];
    assert_string_equal(a->display, display);
    assert_string_equal(a->role, role);
    assert_int_equal(a->group, group);
    assert_int_equal(a->present, present);
    assert_int_equal(a->proxy_for, proxy_for);
}

/* Remark i: speaker (attendee name, or NULL for unknown), attribution, text. */
static void expect_remark(const giji_meeting *m, size_t i, const char *speaker, giji_attribution how,
                          const char *text)
{
    if (i >= m->nremarks)
        fail_msg("remark %zu wanted, only %zu found", i, m->nremarks);
    const giji_remark *r = &m->remarks[i];
    if (speaker)
        assert_int_equal(r->speaker, attendee(m, speaker));
    else
        assert_int_equal(r->speaker, -1);
    assert_string_equal(giji_attribution_name(r->attribution), giji_attribution_name(how));
    assert_string_equal(r->text, text);
}

static int has_warning(const giji_meeting *m, const char *a, const char *b)
{
    for (size_t i = 0; i < m->nwarnings; i++)
        if (strstr(m->warnings[i].message, a) && (!b || strstr(m->warnings[i].message, b)))
            return 1;
    return 0;
}

static void expect_no_warnings(const giji_meeting *m)
{
    if (m->nwarnings)
        fail_msg("unexpected warning at line %u: %s", m->warnings[0].line, m->warnings[0].message);
}

/* サイバーセキュリティ戦略本部 minutes up to the first sub-section of the
 * proceedings; ATT is the attendee list, one "NAME<TAB>ROLE" line each. */
#define CSS_HEAD(ATT)                                                  \
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
    "\n"

#define CSS_MEMBERS                                                    \
    "菅 義偉\t内閣官房長官\n"                                          \
    "丸川 珠代\t東京オリンピック競技大会・東京パラリンピック競技大会担当大臣\n" \
    "世耕 弘成\t経済産業大臣\n"                                        \
    "中谷 和弘\t東京大学大学院法学政治学研究科教授\n"                  \
    "林 紘一郎\t情報セキュリティ大学院大学教授\n"                      \
    "村井 純\t慶應義塾大学環境情報学部長・教授\n"

/* The head of a small council's minutes: title (KIND: 議事要旨, 議事録), date,
 * attendee heading (COLON: "：" or ""); the attendees follow. */
#define DS_HEAD(KIND, COLON)                                           \
    "データ戦略会議（第3回）" KIND "\n"                                \
    "1．日時：令和7年5月27日（火）10:00～11:00\n"                     \
    "2．出席者" COLON "\n"

#define DISCUSSION                                                     \
    "##### (2) 討議\n"                                                 \
    "\n"                                                               \
    "上記について、事務局から資料に基づき説明が行われるとともに、本部員より意見が述べられた。\n" \
    "\n"

/* ---- speaker labels ------------------------------------------------------ */

static void test_label_circle_paren(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "○（中谷本部員）4点申し上げます。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "中谷和弘", GIJI_ATTR_EXPLICIT, "4点申し上げます。");
    assert_string_equal(m.remarks[0].speaker_label, "中谷本部員");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_label_in_heading(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "##### ○（中谷本部員）4点申し上げます。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "中谷和弘", GIJI_ATTR_EXPLICIT, "4点申し上げます。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_label_wrong_title(void **state)
{
    (void)state;
    /* 林 is a 本部員; the minutes call him 本部長 (the chair's title) */
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "- （林本部長）先ほどの発言について申し上げる。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "林紘一郎", GIJI_ATTR_EXPLICIT, "先ほどの発言について申し上げる。");
    assert_string_equal(m.remarks[0].speaker_label, "林本部長");
    assert_int_equal(m.nwarnings, 1);
    assert_non_null(strstr(m.warnings[0].message, "本部長"));
    assert_int_equal(m.warnings[0].line, line_of(text, "（林本部長）"));
    giji_meeting_free(&m);
}

static void test_label_ascii_paren(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "- (村井本部員) 決定事項と討議事項とで一つずつ申し上げる。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "村井純", GIJI_ATTR_EXPLICIT, "決定事項と討議事項とで一つずつ申し上げる。");
    assert_string_equal(m.remarks[0].speaker_label, "村井本部員");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_label_nested_alone(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "- （丸川東京オリンピック競技大会・東京パラリンピック競技大会担当大臣（副本部長））\n"
        "\n"
        "大会に向けて万全を期す。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "丸川珠代", GIJI_ATTR_EXPLICIT, "大会に向けて万全を期す。");
    assert_string_equal(m.remarks[0].speaker_label,
                        "丸川東京オリンピック競技大会・東京パラリンピック競技大会担当大臣（副本部長）");
    assert_int_equal(m.remarks[0].line, line_of(text, "（丸川"));
    assert_int_equal(m.remarks[0].last_line, line_of(text, "大会に向けて"));
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_label_cabinet_style(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "【世耕経済産業大臣】経済産業省として取り組む。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "世耕弘成", GIJI_ATTR_EXPLICIT, "経済産業省として取り組む。");
    assert_string_equal(m.remarks[0].speaker_label, "世耕経済産業大臣");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Diet records: ○ + label + U+3000; namesakes told apart by role or by the
 * first character of the given name. */
static const char diet_text[] =
    "第196回国会 衆議院 総務委員会 第3号\n"
    "平成三十年三月六日（火曜日）\n"
    "    午前九時開議\n"
    " 出席委員\n"
    "   委員長 山田 太郎君\n"
    "   理事 山田 次郎君 理事 佐藤 一郎君\n"
    "      高橋 花子君 伊藤 健君\n"
    " 出席国務大臣\n"
    "   総務大臣 中村 誠君\n"
    "    ―――――――――――――\n"
    "○山田委員長　これより会議を開きます。\n"
    "○山田（次）委員　関連して伺います。\n"
    "○中村国務大臣　お答えいたします。\n"
    " 体制を強化してまいります。\n"
    "○山田（太）委員長　本日は、これにて散会いたします。\n"
    "    午前十時二十分散会\n";

static void test_label_diet_namesakes(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok(diet_text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 0, "山田太郎", GIJI_ATTR_EXPLICIT, "これより会議を開きます。");
    assert_string_equal(m.remarks[0].speaker_label, "山田委員長");
    expect_remark(&m, 1, "山田次郎", GIJI_ATTR_EXPLICIT, "関連して伺います。");
    assert_string_equal(m.remarks[1].speaker_label, "山田（次）委員");
    expect_remark(&m, 2, "中村誠", GIJI_ATTR_EXPLICIT, "お答えいたします。\n体制を強化してまいります。");
    expect_remark(&m, 3, "山田太郎", GIJI_ATTR_EXPLICIT, "本日は、これにて散会いたします。");
    assert_string_equal(m.remarks[3].speaker_label, "山田（太）委員長");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A deputy chair (議長代理) speaks in turns of its own, and a line inside a
 * turn that opens with an ordinal and a counter (第7次…計画) is prose, not
 * a numbered heading that would end the turn. */
static void test_deputy_chair_and_ordinal_line(void **state)
{
    (void)state;
    static const char text[] =
        "規制改革推進会議（第20回）議事録\n"
        "1．日時：令和7年5月27日（火）10:00～11:00\n"
        "2．出席者\n"
        "大橋 直子 議長\n"
        "中原 雅彦 議長代理\n"
        "岩瀬 健 委員\n"
        "3．議事録\n"
        "○大橋議長　開会いたします。\n"
        "○中原議長代理　報告いたします。\n"
        "○岩瀬委員　エネルギー分野について申し上げます。\n"
        "　第7次エネルギー基本計画では、主力電源化が掲げられて\n"
        "おります。\n"
        "○大橋議長　終了いたします。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 0, "大橋直子", GIJI_ATTR_EXPLICIT, "開会いたします。");
    expect_remark(&m, 1, "中原雅彦", GIJI_ATTR_EXPLICIT, "報告いたします。");
    assert_string_equal(m.remarks[2].speaker_label, "岩瀬委員");
    assert_non_null(strstr(m.remarks[2].text, "第7次エネルギー基本計画では"));
    assert_non_null(strstr(m.remarks[2].text, "おります。"));
    giji_meeting_free(&m);
}

/* Attendees as comma-separated lists led by their group, names and roles
 * run together: full name + bare title (the surname learnt from the
 * labels), surname + office (split at the first office word), a piece
 * that is all role (it adds to the entry before it), a continuation line;
 * 議長代理 is a title, not a proxy's note; the title opens with 第N回. */
static void test_attendees_comma_lists(void **state)
{
    (void)state;
    static const char text[] =
        "第20回　規制改革推進会議　議事録\n"
        "1．日時：令和7年12月2日（火）17:00～17:35\n"
        "3．出席者：\n"
        "（委員）大橋直子議長、中原雅彦議長代理、岩瀬剛委員、\n"
        "野村千尋委員\n"
        "（政府）石田内閣総理大臣、村上規制改革担当大臣、内閣府特命担当大臣（規制改革）\n"
        "（事務局）山本次長\n"
        "4．議事録\n"
        "○大橋議長　開会いたします。\n"
        "○中原議長代理　報告いたします。\n"
        "○野村委員　意見を申し上げます。\n"
        "○村上規制改革担当大臣　御礼申し上げます。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "規制改革推進会議");
    assert_int_equal(m.session, 20);
    assert_int_equal(m.nwarnings, 0);
    assert_int_equal(m.nattendees, 7);
    static const struct { const char *display, *role; int group; } want[] = {
        {"大橋 直子", "議長", 1},
        {"中原 雅彦", "議長代理", 1},
        {"岩瀬剛", "委員", 1}, /* never speaks: where its surname ends is not known */
        {"野村 千尋", "委員", 1},
        {"石田", "内閣総理大臣", 2},
        {"村上", "規制改革担当大臣、内閣府特命担当大臣（規制改革）", 2},
        {"山本", "次長", 3},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        assert_string_equal(m.attendees[i].display, want[i].display);
        assert_string_equal(m.attendees[i].role, want[i].role);
        assert_int_equal(m.attendees[i].group, want[i].group);
        assert_int_equal(m.attendees[i].present, 1);
        assert_int_equal(m.attendees[i].proxy_for, -1);
    }
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 0, "大橋直子", GIJI_ATTR_EXPLICIT, "開会いたします。");
    expect_remark(&m, 1, "中原雅彦", GIJI_ATTR_EXPLICIT, "報告いたします。");
    expect_remark(&m, 2, "野村千尋", GIJI_ATTR_EXPLICIT, "意見を申し上げます。");
    expect_remark(&m, 3, "村上", GIJI_ATTR_EXPLICIT, "御礼申し上げます。");
    giji_meeting_free(&m);
}

/* Stage directions on lines of their own are not speech: （報道関係者入室）
 * and (拍手) by a stage phrase, 〔…〕 always; the turn goes on after them. A
 * bracketed line that is no stage direction stays in the text. */
static void test_stage_directions(void **state)
{
    (void)state;
    static const char text[] =
        "第196回国会 衆議院 総務委員会 第3号\n"
        "令和7年4月16日（水曜日）\n"
        "出席委員\n"
        "委員長 山田 健一君\n"
        "鈴木 花子君\n"
        "○山田委員長　これより会議を開きます。御異議ありませんか。\n"
        "〔「異議なし」と呼ぶ者あり〕\n"
        "○山田委員長　御異議なしと認めます。\n"
        "（報道関係者入室）\n"
        "○鈴木委員　まず申し上げます。\n"
        "（拍手）\n"
        "続けて申し上げます。\n"
        "（資料配付）\n"
        "以上です。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 3);
    assert_string_equal(m.remarks[0].text, "これより会議を開きます。御異議ありませんか。");
    assert_string_equal(m.remarks[1].text, "御異議なしと認めます。");
    assert_null(strstr(m.remarks[2].text, "拍手"));
    assert_non_null(strstr(m.remarks[2].text, "続けて申し上げます。"));
    assert_non_null(strstr(m.remarks[2].text, "（資料配付）"));
    assert_false(has_warning(&m, "text in no remark", NULL));
    giji_meeting_free(&m);
}

/* Labels ended by a colon ("中原委員：…", with or without ○, full-width or
 * ASCII colon); a colon after prose or after a word that names nobody is
 * text ("日程：…" stays in the turn). */
static void test_label_colon(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
                "大橋 直子　議長\n"
        "中原 雅彦　委員\n"
        "岩瀬 健　委員\n"
        "3．議事概要\n"
        "大橋議長：開会いたします。\n"
        "日程：次回は7月に開催する。\n"
        "中原委員：デジタル庁の取組を評価する。\n"
        "岩瀬委員: 連携が重要だ。なお、結論：先送り。\n"
        "○大橋議長：以上で終了いたします。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 0, "大橋直子", GIJI_ATTR_EXPLICIT, "開会いたします。\n日程：次回は7月に開催する。");
    expect_remark(&m, 1, "中原雅彦", GIJI_ATTR_EXPLICIT, "デジタル庁の取組を評価する。");
    expect_remark(&m, 2, "岩瀬健", GIJI_ATTR_EXPLICIT, "連携が重要だ。なお、結論：先送り。");
    expect_remark(&m, 3, "大橋直子", GIJI_ATTR_EXPLICIT, "以上で終了いたします。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A proxy line that opens with the proxy phrase: "（代理：山口 浩 総務副大臣）"
 * under the member it stands in for; the proxy's label resolves to them. */
static void test_attendees_proxy_phrase_first(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事録", "：")
                "議長　大橋 直子　内閣総理大臣\n"
        "議員　中原 雅彦　総務大臣\n"
        "　　（代理：山口 浩　総務副大臣）\n"
        "議員　岩瀬 健　東都大学教授\n"
        "3．議事録\n"
        "【山口総務副大臣】\n"
        "総務省としては、データ連携を進めます。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 4);
    assert_string_equal(m.attendees[2].display, "山口 浩");
    assert_string_equal(m.attendees[2].role, "総務副大臣");
    assert_int_equal(m.attendees[2].proxy_for, 1);
    assert_int_equal(m.attendees[1].present, 0);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "山口浩", GIJI_ATTR_EXPLICIT, "総務省としては、データ連携を進めます。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Lines that PDF extraction wrapped at a fixed width join without a break
 * when a kana or kanji stands on both sides ("一般事" / "業主行動計画"); a
 * line ended by 。 or 、, or one followed by Latin text, keeps its break. */
static void test_wrapped_lines_join(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
                "大橋 直子　議長\n"
        "3．議事概要\n"
        "○大橋議長　改正法が成立し、一般事\n"
        "業主行動計画の策定義務が広がった。\n"
        "次に、\n"
        "AIの話である。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    assert_string_equal(m.remarks[0].text, "改正法が成立し、一般事業主行動計画の策定義務が広がった。\n次に、\nAIの話である。");
    assert_string_equal(m.remarks[0].norm, "改正法が成立し、一般事業主行動計画の策定義務が広がった。\n次に、\nAIの話である。");
    giji_meeting_free(&m);
}

/* A role with a bracket after it ("…参与会議座長（東都海洋大学学長）") fits a
 * label that names the role without the bracket, with no warning. */
static void test_label_role_before_bracket(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
                "大橋 直子　議長\n"
        "坂本 恵子　データ戦略会議参与会議座長（東都大学学長）\n"
        "3．議事概要\n"
        "【坂本参与会議座長】参与会議の意見を報告する。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "坂本恵子", GIJI_ATTR_EXPLICIT, "参与会議の意見を報告する。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A minister's portfolios in a bracket keep their spaces when the attendee
 * table ran into one line, and a label naming one portfolio
 * ("こども政策担当大臣") fits the role "内閣府特命担当大臣（こども政策 …）". */
static void test_label_portfolio_in_bracket(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
        "会長 石田 和也 内閣総理大臣 委員 三浦 さやか 内閣府特命担当大臣（こども政策 少子化対策 "
        "若者活躍） 委員 西田 直樹 総務大臣\n"
        "3．議事概要\n"
        "【三浦こども政策担当大臣】加速化プランについて報告する。\n"
        "【西田総務大臣】地方と連携する。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 3);
    expect_attendee(&m, 1, "三浦 さやか", "委員 内閣府特命担当大臣（こども政策 少子化対策 若者活躍）", 0, 1, -1);
    expect_attendee(&m, 2, "西田 直樹", "委員 総務大臣", 0, 1, -1);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "三浦さやか", GIJI_ATTR_EXPLICIT, "加速化プランについて報告する。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A council's table in two columns run together, "同" repeating the title
 * above, a 臨時議員 named by that title, a proxy noted as "Xの代理としてYが
 * 出席", headings in brackets ("（議事次第）", "（概要）"), and a paragraph of
 * a turn that starts with a year: not a sub-heading. */
static void test_ditto_titles_and_proxy_note(void **state)
{
    (void)state;
    static const char text[] =
        "令和8年第5回経済財政諮問会議\n"
        "議事要旨\n"
        "（開催要領）\n"
        "1．開催日時：2026年4月28日（火）17:30～18:25\n"
        "3．出席議員：\n"
        "議長　石田　和也　内閣総理大臣　　　　議員　上原　和彦　日本銀行総裁\n"
        "議員　青木　健一　内閣官房長官　　　　同　　北村　真理　東邦総合研究所理事長\n"
        "同　　西田　直樹　総務大臣\n"
        "臨時議員　宮本　隆　厚生労働大臣\n"
        "（※西田総務大臣の代理として田村　浩　総務副大臣が出席）\n"
        "\n"
        "（議事次第）\n"
        "1．開会\n"
        "2．議事\n"
        "（概要）\n"
        "（北村議員）賃上げの動向について申し上げる。\n"
        "　2022年秋に英国で起きた混乱のように、財政の信認は重要である。\n"
        "（宮本臨時議員）最低賃金を引き上げる。\n"
        "（田村総務副大臣）地方財政を支える。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 7);
    expect_attendee(&m, 3, "北村　真理", "議員 東邦総合研究所理事長", 0, 1, -1);
    expect_attendee(&m, 4, "西田　直樹", "議員 総務大臣", 0, 0, -1);
    expect_attendee(&m, 5, "宮本　隆", "臨時議員 厚生労働大臣", 0, 1, -1);
    expect_attendee(&m, 6, "田村　浩", "総務副大臣", 0, 1, 4);
    assert_int_equal(m.nremarks, 3);
    expect_remark(&m, 0, "北村真理", GIJI_ATTR_EXPLICIT,
                  "賃上げの動向について申し上げる。\n2022年秋に英国で起きた混乱のように、財政の信認は重要である。");
    expect_remark(&m, 1, "宮本隆", GIJI_ATTR_EXPLICIT, "最低賃金を引き上げる。");
    expect_remark(&m, 2, "田村浩", GIJI_ATTR_EXPLICIT, "地方財政を支える。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Two columns run together where the left one holds a proxy noted in
 * brackets ("宮坂 直人　総務副大臣（代理）"): the right column's entry is an
 * attendee too, and the proxy stands in for the 総務大臣 above, not for the
 * entry listed just before it. */
static void test_proxy_note_between_columns(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
        "議長　　石田 和也　内閣総理大臣　　　　　　構成員　林田 正人　外務大臣\n"
        "構成員　川村 健治　総務大臣　　　　　　　　構成員　松井 浩一　経済産業大臣\n"
        "　　　　宮坂 直人　総務副大臣（代理）　　　構成員　長谷部 誠一　デジタル大臣\n"
        "3．議事概要\n"
        "○宮坂総務副大臣　地方と連携する。\n"
        "○長谷部デジタル大臣　本人確認を厳格化する。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 6);
    expect_attendee(&m, 2, "川村 健治", "構成員 総務大臣", 0, 0, -1);
    expect_attendee(&m, 3, "松井 浩一", "構成員 経済産業大臣", 0, 1, -1);
    expect_attendee(&m, 4, "宮坂 直人", "総務副大臣", 0, 1, 2);
    expect_attendee(&m, 5, "長谷部 誠一", "構成員 デジタル大臣", 0, 1, -1);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "宮坂直人", GIJI_ATTR_EXPLICIT, "地方と連携する。");
    expect_remark(&m, 1, "長谷部誠一", GIJI_ATTR_EXPLICIT, "本人確認を厳格化する。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Minutes wrapped at a fixed width (here 54 columns, six lines of it): headings numbered
 * with Roman numerals ("Ⅲ　議事要旨"), a number the wrap moved whole to the
 * next line ("…基本方針" / "2026にも…"), a bare page number mid-sentence,
 * and "〇" bullets before katakana. */
static void test_fixed_width_document(void **state)
{
    (void)state;
    static const char text[] =
        "孤立対策会議（第2回）議事要旨\n"
        "\n"
        "Ⅰ　日時　2026年6月30日（火）17時05分～17時40分\n"
        "Ⅱ　出席者\n"
        "議長 大橋 直子 内閣総理大臣 議員 青木 俊介 内閣官房長官\n"
        "Ⅲ　議事要旨\n"
        "（大橋議長）\n"
        "各府省の取組状況について報告を受け、意見交換を行った。\n"
        "まず、相談窓口の体制強化について、関係府省と検討した。\n"
        "最後に、今後の進め方について、議長から方針が示された。\n"
        "　本日は孤独・孤立対策について議論する。今年の基本方針\n"
        "2026にも盛り込んだ。地域の取組を支えるため、関係府省の\n"
        "2\n"
        "連携を一層強化していく。各府省からの報告をお願いする。\n"
        "（2）意見交換\n"
        "有識者から、以下のとおり発言があった。\n"
        "〇デジタル技術は孤立の予防に大きな可能性を持つ。\n"
        "〇ヤングケアラーの支援を強化すべきである。\n"
        "（以上）\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.date, "2026-06-30");
    assert_int_equal(m.nattendees, 2);
    assert_int_equal(m.nremarks, 3);
    assert_string_equal(m.remarks[0].text,
                        "各府省の取組状況について報告を受け、意見交換を行った。\nまず、相談窓口の体制強化について、関係府省と"
                        "検討した。\n最後に、今後の進め方について、議長から方針が示された。\n本日は孤独・孤立対策について議論する。今年の基本方針2026にも盛り込んだ。地域の取組を支え"
                        "るため、関係府省の連携を一層強化していく。各府省からの報告をお願いする。");
    assert_string_equal(m.remarks[1].text, "デジタル技術は孤立の予防に大きな可能性を持つ。");
    assert_string_equal(m.remarks[2].text, "ヤングケアラーの支援を強化すべきである。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Headings in lenticular brackets ("【日時】令和…", "【出席者】"), parts of the
 * proceedings headed by "■", turns labelled "・NAME TITLE：", and the record's
 * own sentence after a turn ("…以下の意見が述べられた。") opening anonymous
 * bullets. */
static void test_lenticular_headings_and_square_parts(void **state)
{
    (void)state;
    static const char text[] =
        "第11回　水循環政策本部　議事概要\n"
        "\n"
        "【日時】令和8年7月14日（火）8時20分～8時45分\n"
        "【出席者】\n"
        "本部長　石田 和也 内閣総理大臣　副本部長　鈴木 康弘 国土交通大臣\n"
        "【議事概要】\n"
        "■議題１　水循環基本計画について\n"
        "・鈴木 国土交通大臣：資料１に基づき御説明いたします。\n"
        "　流域マネジメントを進めます。\n"
        "意見交換では、陪席の有識者から以下の意見が述べられた。\n"
        "・地下水の実態把握が欠かせない。\n"
        "・上下水道の耐震化を急ぐべきである。\n"
        "■本部長発言\n"
        "・石田 本部長：関係閣僚は連携して取り組んでいただきたい。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.date, "2026-07-14");
    assert_int_equal(m.nattendees, 2);
    assert_int_equal(m.nremarks, 4);
    assert_string_equal(m.remarks[0].speaker_label, "鈴木 国土交通大臣");
    assert_string_equal(m.remarks[0].text, "資料１に基づき御説明いたします。\n流域マネジメントを進めます。");
    expect_remark(&m, 1, NULL, GIJI_ATTR_NONE, "地下水の実態把握が欠かせない。");
    expect_remark(&m, 2, NULL, GIJI_ATTR_NONE, "上下水道の耐震化を急ぐべきである。");
    assert_string_equal(m.remarks[3].text, "関係閣僚は連携して取り組んでいただきたい。");
    assert_int_equal(m.remarks[3].speaker, 0);
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Headings numbered with kanji numerals and a space ("三　出席者", with
 * spaces inside the word: "一　日　時"), labels in angle brackets on a line
 * of their own ("＜青木副議長＞"), and "●" bullets whose first line has a
 * comma: sentences, not sub-headings. */
static void test_kanji_headings_angle_labels(void **state)
{
    (void)state;
    static const char text[] =
        "教育未来創造会議（第12回）\n"
        "議事要旨\n"
        "\n"
        "一　日　時　令和8年7月14日（火）16時30分～17時15分\n"
        "三　出席者\n"
        "議長　　石田 和也　内閣総理大臣　　　　　　副議長　青木 俊介　内閣官房長官\n"
        "五　議事要旨\n"
        "（一）開会\n"
        "＜青木副議長＞\n"
        "　ただいまから会議を開催する。\n"
        "このほか、構成員から以下のとおり発言があった。\n"
        "●高等専門学校は、産業界から\n"
        "　高い評価を受けている。\n"
        "●留学生の受入れを増やすべきである。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.date, "2026-07-14");
    assert_int_equal(m.nattendees, 2);
    assert_int_equal(m.nremarks, 3);
    assert_int_equal(m.remarks[0].speaker, 1);
    assert_string_equal(m.remarks[0].text, "ただいまから会議を開催する。");
    expect_remark(&m, 1, NULL, GIJI_ATTR_NONE, "高等専門学校は、産業界から高い評価を受けている。");
    expect_remark(&m, 2, NULL, GIJI_ATTR_NONE, "留学生の受入れを増やすべきである。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A proxy named inside a bracket after the member's title, in a row of
 * several entries ("野口 美和 環境大臣（代理 高橋 修 環境副大臣）"): the member
 * is absent, the proxy attends for them and speaks under their own title. */
static void test_proxy_inside_member_bracket(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "：")
        "議長　石田 和也 内閣総理大臣　構成員　野口 美和 環境大臣（代理 高橋 修 環境副大臣）\n"
        "構成員　林田 正人 外務大臣（代理出席　前川 智子　外務大臣政務官）　構成員　松井 浩一 経済産業大臣\n"
        "3．議事概要\n"
        "○高橋環境副大臣　水質の基準を見直す。\n"
        "○前川外務大臣政務官　国際協力を進める。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 6);
    expect_attendee(&m, 1, "野口 美和", "構成員 環境大臣", 0, 0, -1);
    expect_attendee(&m, 2, "高橋 修", "環境副大臣", 0, 1, 1);
    expect_attendee(&m, 3, "林田 正人", "構成員 外務大臣", 0, 0, -1);
    expect_attendee(&m, 4, "前川 智子", "外務大臣政務官", 0, 1, 3);
    expect_attendee(&m, 5, "松井 浩一", "構成員 経済産業大臣", 0, 1, -1);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "高橋修", GIJI_ATTR_EXPLICIT, "水質の基準を見直す。");
    expect_remark(&m, 1, "前川智子", GIJI_ATTR_EXPLICIT, "国際協力を進める。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Affiliations in brackets after a name ("山田 太郎（東京大学教授）", with an
 * honorific: "鈴木花子氏（株式会社みらい代表）", after a group in 【】) are the
 * entry's title; a bracket after a role, or with 欠席, is not one. */
static void test_attendees_affiliation_brackets(void **state)
{
    (void)state;
    static const char text[] =
        "情報政策会議（第3回）議事録\n"
        "\n"
        "日時：令和5年10月5日（木）10:00～11:00\n"
        "出席者：\n"
        "山田 太郎（東京大学教授）、鈴木花子氏（株式会社みらい代表）\n"
        "【事務局】佐藤 一郎（内閣府政策統括官）\n"
        "伊藤 誠 外務大臣（欠席）\n"
        "委員長　中村　修　（東都大学　教授）\n"
        "議事\n"
        "○山田委員　開会します。\n"
        "○鈴木委員　質問します。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 5);
    expect_attendee(&m, 4, "中村　修", "委員長 東都大学　教授", 1, 1, -1);
    expect_attendee(&m, 0, "山田 太郎", "東京大学教授", 0, 1, -1);
    /* written as one word; the label ○鈴木委員 shows where the surname ends */
    expect_attendee(&m, 1, "鈴木 花子", "株式会社みらい代表", 0, 1, -1);
    expect_attendee(&m, 2, "佐藤 一郎", "内閣府政策統括官", 1, 1, -1);
    expect_attendee(&m, 3, "伊藤 誠", "外務大臣", 1, 0, -1); /* still the 【事務局】 group */
    giji_meeting_free(&m);
}

/* An attendee table that PDF extraction gave one line per cell: the column
 * headings are dropped, each role, name and title line make one entry. */
static void test_attendees_one_cell_per_line(void **state)
{
    (void)state;
    static const char text[] =
        "消費者政策会議（第48回）議事概要\n"
        "\n"
        "日時：2026年（令和8年）3月24日（火）17:30～18:05\n"
        "出席者：\n"
        "役職\n氏名\n官職等\n"
        "会長\n石田 和也\n内閣総理大臣\n"
        "委員\n北原 修一\n法務大臣（欠席）\n"
        "代理\n大川 誠\n法務副大臣\n"
        "有識者\n佐野 明美\n東和学院大学法学部教授\n"
        "議事経過：\n"
        "〔大川法務副大臣〕　法務省から報告します。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.date, "2026-03-24");
    assert_int_equal(m.nattendees, 4);
    expect_attendee(&m, 0, "石田 和也", "会長 内閣総理大臣", 0, 1, -1);
    expect_attendee(&m, 1, "北原 修一", "委員 法務大臣", 0, 0, -1);
    expect_attendee(&m, 2, "大川 誠", "法務副大臣", 0, 1, 1);
    expect_attendee(&m, 3, "佐野 明美", "有識者 東和学院大学法学部教授", 0, 1, -1);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "大川誠", GIJI_ATTR_EXPLICIT, "法務省から報告します。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Speeches laid out as a two-column 発言者/発言内容 table and extracted as
 * text (normalize/columns.c): a speaker cell of fixed width padded with
 * U+3000, labels that wrap inside the cell (a bracket, a cut word), the
 * header row repeated after a page footer, a stage direction in the speech
 * column. */
static void test_speaker_column_table(void **state)
{
    (void)state;
    static const char text[] =
        "再犯防止推進会議（第１３回）議事要旨\n"
        "\n"
        "第１　開催日時\n"
        "令和８年７月１４日（火）８時３０分～９時１５分\n"
        "第２　出席者\n"
        "議長　西川 徹　法務大臣\n"
        "構成員　高畑 達郎　国家公安委員会委員長\n"
        "第５　議事の概要\n"
        "発言者　　発言内容\n"
        "西川議長　　　　ただいまから会議を開催いたします。御多\n"
        "（法務大臣）　　忙の中、御出席いただきありがとうござい\n"
        "　　　　　　　　ます。\n"
        "\n"
        "　　　　　　　　　　　　　　　　　1 / 2\n"
        "\n"
        "発言者　　発言内容\n"
        "高畑国家公安　　警察としては、保護観察所と連携いたします。\n"
        "委員会委員長\n"
        "　　　　　　　　（報道関係者入室）\n"
        "西川議長　　　　以上で会議を終了いたします。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 3);
    expect_remark(&m, 0, "西川徹", GIJI_ATTR_EXPLICIT, "ただいまから会議を開催いたします。御多忙の中、御出席いただきありがとうございます。");
    expect_remark(&m, 1, "高畑達郎", GIJI_ATTR_EXPLICIT, "警察としては、保護観察所と連携いたします。");
    expect_remark(&m, 2, "西川徹", GIJI_ATTR_EXPLICIT, "以上で会議を終了いたします。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* Prose that no remark can hold (after a sub-heading that names no speaker
 * and opens no discussion) is not stored: the run gets one warning naming
 * its first line, so that nothing is lost in silence. */
static void test_text_in_no_remark_warns(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "")
                "大橋 直子 議長\n"
        "3．議事概要\n"
        "○大橋議長　開会いたします。\n"
        "（2）今後の進め方\n"
        "事務局から今後の進め方について説明があった。\n"
        "続いて日程について確認があった。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    assert_true(has_warning(&m, "text in no remark", NULL));
    size_t n = 0;
    for (size_t i = 0; i < m.nwarnings; i++)
        n += strstr(m.warnings[i].message, "text in no remark") != NULL;
    assert_int_equal(n, 1);
    giji_meeting_free(&m);
}

/* Speech whose speaker was not recognised, before the first remark: a
 * warning, not a silent loss; the agenda repeated there is not warned of. */
static void test_speech_before_first_remark_warns(void **state)
{
    (void)state;
    static const char text[] =
        DS_HEAD("議事要旨", "")
                "大橋 直子 議長\n"
        "3．議事概要\n"
        "議題1　今後の進め方について\n"
        "議長代行として、冒頭に、サイバーセキュリティ戦略の進捗を確認し、重要インフラの防護と人材育成を着実に進めるとともに、"
        "国際連携を一層強化していく必要がある旨を述べ、関係省庁に対して、年内に具体的な工程表を示すよう求めた。\n"
        "○大橋議長　開会いたします。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    assert_true(has_warning(&m, "before the first remark are in no remark", NULL));
    giji_meeting_free(&m);

    static const char agenda_only[] =
        DS_HEAD("議事要旨", "")
                "大橋 直子 議長\n"
        "3．議事概要\n"
        "議題1　今後の進め方について\n"
        "○大橋議長　開会いたします。\n";
    segment_ok(agenda_only, &m);
    assert_int_equal(m.nremarks, 1);
    assert_false(has_warning(&m, "before the first remark", NULL));
    giji_meeting_free(&m);
}

static void test_label_diet_given_initial(void **state)
{
    (void)state;
    /* both 山田 are 理事: only the given name's initial tells them apart */
    static const char text[] =
        "第196回国会 衆議院 総務委員会 第3号\n"
        "平成三十年三月六日（火曜日）\n"
        " 出席委員\n"
        "   委員長 古屋 範子君\n"
        "   理事 山田 太郎君 理事 山田 次郎君\n"
        "    ―――――――――――――\n"
        "○山田（太）委員　おはようございます。\n"
        "○山田（次）委員　関連して伺います。\n"
        "○山田委員　どちらの山田か。\n"
        "○古屋委員長　散会いたします。\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 0, "山田太郎", GIJI_ATTR_EXPLICIT, "おはようございます。");
    expect_remark(&m, 1, "山田次郎", GIJI_ATTR_EXPLICIT, "関連して伺います。");
    /* without the initial the label fits both: unknown, with a warning */
    expect_remark(&m, 2, NULL, GIJI_ATTR_NONE, "どちらの山田か。");
    assert_true(has_warning(&m, "山田委員", "2 attendees"));
    expect_remark(&m, 3, "古屋範子", GIJI_ATTR_EXPLICIT, "散会いたします。");
    giji_meeting_free(&m);
}

static void test_shared_surname_by_role(void **state)
{
    (void)state;
    /* 遠藤 紘一 (内閣情報通信政策監, an official) cannot be a 本部員 */
    static const char text[] = CSS_HEAD(
        "菅 義偉\t内閣官房長官\n"
        "遠藤 信博\t日本電気株式会社代表取締役会長\n"
        "遠藤 紘一\t内閣情報通信政策監\n")
        DISCUSSION
        "○（遠藤本部員）3つの観点でコメントを申し上げる。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "サイバーセキュリティ戦略本部");
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "遠藤信博", GIJI_ATTR_EXPLICIT, "3つの観点でコメントを申し上げる。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);

    /* listed the other way round: still decided by role, not by order */
    static const char swapped[] = CSS_HEAD(
        "菅 義偉\t内閣官房長官\n"
        "遠藤 紘一\t内閣情報通信政策監\n"
        "遠藤 信博\t日本電気株式会社代表取締役会長\n")
        DISCUSSION
        "○（遠藤本部員）3つの観点でコメントを申し上げる。\n"
        "\n"
        "以上\n";
    segment_ok(swapped, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "遠藤信博", GIJI_ATTR_EXPLICIT, "3つの観点でコメントを申し上げる。");
    giji_meeting_free(&m);
}

/* ---- the chair's greeting -------------------------------------------------- */

static void test_chair_greeting(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS)
        "##### (1) 本部長冒頭挨拶\n"
        "\n"
        "早朝から御参集いただき、感謝申し上げます。\n"
        "\n"
        "本日は活発な御討議をお願い申し上げます。\n"
        "\n"
        DISCUSSION
        "○（中谷本部員）4点申し上げます。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "菅義偉", GIJI_ATTR_CHAIR,
                  "早朝から御参集いただき、感謝申し上げます。\n本日は活発な御討議をお願い申し上げます。");
    assert_string_equal(m.remarks[0].speaker_label, "本部長");
    assert_int_equal(m.remarks[0].last_line, line_of(text, "本日は活発な"));
    expect_remark(&m, 1, "中谷和弘", GIJI_ATTR_EXPLICIT, "4点申し上げます。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* A greeting heading whose words name several people (関係大臣発言): no
 * remark of a speaker called so and no warning; labels start the turns and a
 * plain paragraph is an anonymous remark. */
static void test_greeting_of_several(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS)
        "##### (3) 関係大臣発言\n"
        "\n"
        "【世耕経済産業大臣】経済産業省としても取り組む。\n"
        "\n"
        "【丸川大臣】大会に向けて万全を期す。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "世耕弘成", GIJI_ATTR_EXPLICIT, "経済産業省としても取り組む。");
    expect_remark(&m, 1, "丸川珠代", GIJI_ATTR_EXPLICIT, "大会に向けて万全を期す。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_chair_greeting_by_proxy(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(
        "菅 義偉\t内閣官房長官\n"
        "\t(※萩生田 光一 代理出席)\n"
        "中谷 和弘\t東京大学大学院法学政治学研究科教授\n")
        "##### (1) 本部長冒頭挨拶\n"
        "\n"
        "早朝から御参集いただき、感謝申し上げます。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    int suga = attendee(&m, "菅義偉"), hagiuda = attendee(&m, "萩生田光一");
    assert_int_equal(m.attendees[suga].present, 0);
    assert_int_equal(m.attendees[hagiuda].proxy_for, suga);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "萩生田光一", GIJI_ATTR_CHAIR, "早朝から御参集いただき、感謝申し上げます。");
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* ---- attendees ------------------------------------------------------------- */

static void test_attendees_tabs_proxies_groups(void **state)
{
    (void)state;
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
        "増田 寛也\t総務大臣\n"
        "\t(※岡本 芳郎 総務大臣政務官代理出席)\n"
        "甘利 明\t経済産業大臣\n"
        "江畑 謙介\t拓殖大学客員教授/軍事評論家\n"
        "\n"
        "(上記のほか以下が出席)\n"
        "\n"
        "二橋 正弘\t内閣官房副長官(事務)\n"
        "野田 健\t内閣危機管理監\n"
        "\n"
        "4 議事概要\n"
        "\n"
        "(1) 出席者意見開陳\n"
        "\n"
        "出席者から以下のような意見が述べられた。\n"
        "\n"
        "- 情報共有体制を強化すべきではないか。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 7);
    expect_attendee(&m, 0, "町村 信孝", "内閣官房長官", 0, 1, -1);
    expect_attendee(&m, 1, "増田 寛也", "総務大臣", 0, 0, -1);
    expect_attendee(&m, 2, "岡本 芳郎", "総務大臣政務官", 0, 1, 1);
    expect_attendee(&m, 3, "甘利 明", "経済産業大臣", 0, 1, -1);
    expect_attendee(&m, 4, "江畑 謙介", "拓殖大学客員教授/軍事評論家", 0, 1, -1);
    expect_attendee(&m, 5, "二橋 正弘", "内閣官房副長官(事務)", 1, 1, -1);
    expect_attendee(&m, 6, "野田 健", "内閣危機管理監", 1, 1, -1);
    assert_string_equal(m.attendees[0].name, "町村信孝");
    assert_string_equal(m.attendees[0].surname, "町村");
    assert_int_equal(m.attendees[0].line, line_of(text, "町村 信孝"));
    assert_int_equal(m.attendees[2].line, line_of(text, "岡本 芳郎"));
    assert_int_equal(m.attendees[6].line, line_of(text, "野田 健"));
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_attendees_run_together(void **state)
{
    (void)state;
    /* PDF extraction ran the two columns of three rows into one line */
    static const char text[] = CSS_HEAD(
        "菅 義偉 内閣官房長官 丸川 珠代 東京オリンピック競技大会・東京パラリンピック競技大会担当大臣 "
        "松本 純 国家公安委員会委員長\n")
        DISCUSSION
        "○（松本本部員）警察としても取り組む。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 3);
    expect_attendee(&m, 0, "菅 義偉", "内閣官房長官", 0, 1, -1);
    expect_attendee(&m, 1, "丸川 珠代", "東京オリンピック競技大会・東京パラリンピック競技大会担当大臣", 0, 1, -1);
    expect_attendee(&m, 2, "松本 純", "国家公安委員会委員長", 0, 1, -1);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(m.attendees[i].line, line_of(text, "菅 義偉"));
    expect_remark(&m, 0, "松本純", GIJI_ATTR_EXPLICIT, "警察としても取り組む。");
    giji_meeting_free(&m);
}

/* A two-column row whose right-hand role the PDF cut: its last character
 * starts the next row, before the empty left column's wide gap. */
static void test_attendees_wrapped_role_end(void **state)
{
    (void)state;
    static const char text[] =
        "テスト会議（第12回）議事要旨\n"
        "一　日　時　令和8年7月14日（火）16時30分～17時15分\n"
        "三　出席者\n"
        "（有識者構成員）\n"
        "篠原 美智子　北洋工業大学学長　　　　　　　　久我 隆之　株式会社ミナモトテクノロジーズ代表取締役社\n"
        "長　　　　　　　　　　　　　　　　　　　　　　岩崎 ゆかり　特定非営利活動法人まなびリンク代表理事\n"
        "中原 聡　東都大学大学院教育学研究科教授\n"
        "五　議事要旨\n"
        "＜岩崎構成員＞\n"
        "　学び直しを進める。\n"
        "以　上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 4);
    expect_attendee(&m, 1, "久我 隆之", "株式会社ミナモトテクノロジーズ代表取締役社長", 0, 1, -1);
    expect_attendee(&m, 2, "岩崎 ゆかり", "特定非営利活動法人まなびリンク代表理事", 0, 1, -1);
    expect_remark(&m, 0, "岩崎ゆかり", GIJI_ATTR_EXPLICIT, "学び直しを進める。");
    assert_int_equal(m.nwarnings, 0);
    giji_meeting_free(&m);

    /* a ditto mark before the gap is the role above, not a cut role's end;
     * after a row of one column nothing is taken either */
    static const char ditto[] =
        "テスト会議（第11回）議事録\n"
        "１．日　時：令和8年7月14日（火）8時15分～8時35分\n"
        "３．出席者：\n"
        "　議　員　　宮本 直樹　　総務大臣　　　　　議　員　　川口 誠　　外務大臣\n"
        "　同　　　　小林 由紀　　文部科学大臣\n"
        "　長　　　　近藤 浩二　　厚生労働大臣\n"
        "５．議事録\n"
        "○川口 外務大臣\n"
        "　連携する。\n"
        "以上\n";
    segment_ok(ditto, &m);
    for (size_t i = 0; i < m.nattendees; i++)
        if (strstr(m.attendees[i].role, "大臣同") || strstr(m.attendees[i].role, "大臣長"))
            fail_msg("attendee %zu's role took the next row's first character: '%s'", i, m.attendees[i].role);
    assert_int_equal(attendee(&m, "川口誠"), m.remarks[0].speaker);
    giji_meeting_free(&m);
}

/* A summary quoting each speaker, newspaper style: NAME+TITLE or an office
 * with its post, then the quotation; narrative lines between are none. */
static void test_quoted_remarks(void **state)
{
    (void)state;
    static const char text[] =
        "消費者テスト会議（第12回）議事概要\n"
        "日時：令和8年10月14日（水）10:00～11:30\n"
        "出席者：\n"
        "　議長　石田　和也　東都大学教授\n"
        "　委員　佐藤　美穂　弁護士\n"
        "　経済産業省商務情報政策局長　森　浩二\n"
        "【議事の概要】\n"
        "冒頭、石田議長から次のとおり挨拶があった。\n"
        "石田議長「本日は、消費者保護の強化について御議論いただく。」\n"
        "続いて、意見交換が行われた。\n"
        "佐藤委員「定期購入のトラブルが多い。」と述べた上で、「表示の改善が必要だ。」\n"
        "と続けた。\n"
        "経済産業省（商務情報政策局長）「事業者団体とも連携する。」\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 3);
    expect_remark(&m, 0, "石田和也", GIJI_ATTR_EXPLICIT, "「本日は、消費者保護の強化について御議論いただく。」");
    assert_non_null(strstr(m.remarks[1].text, "「表示の改善が必要だ。」"));
    assert_string_equal(m.remarks[1].speaker_label, "佐藤委員");
    assert_int_equal(m.remarks[2].speaker, attendee(&m, "森浩二"));
    giji_meeting_free(&m);
}

/* "○NAME+TITLE　speech" whose holder the list does not name ("国土交通省：
 * 上下水道企画課長、…" lists offices only): still a turn, speaker unknown;
 * and a member's proxy in a comma list, either way round. */
static void test_circle_titled_and_list_proxies(void **state)
{
    (void)state;
    static const char text[] =
        "上下水道テスト検討会（第７回）議事録\n"
        "日時：令和８年２月24日（火）15:00～17:00\n"
        "出席者：\n"
        "委員：森田座長、高木委員、中島氏（石川委員代理）、藤井委員（代理：新井氏）\n"
        "国土交通省：上下水道審議官、上下水道企画課長、水道事業課長、下水道事業\n"
        "課長\n"
        "議事内容：\n"
        "○佐々木上下水道企画課長　資料１について御説明いたします。\n"
        "○中島代理　石川から意見を預かっております。\n"
        "○新井代理　藤井の代理として申し上げます。\n"
        "○森田座長　ありがとうございます。\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    assert_int_equal(m.remarks[0].speaker, -1);
    assert_string_equal(m.remarks[0].speaker_label, "佐々木上下水道企画課長");
    int ishikawa = attendee(&m, "石川"), nakajima = attendee(&m, "中島");
    int fujii = attendee(&m, "藤井"), arai = attendee(&m, "新井");
    assert_int_equal(m.attendees[ishikawa].present, 0);
    assert_int_equal(m.attendees[nakajima].proxy_for, ishikawa);
    assert_int_equal(m.attendees[fujii].present, 0);
    assert_int_equal(m.attendees[arai].proxy_for, fujii);
    assert_int_equal(m.remarks[1].speaker, nakajima);
    assert_int_equal(m.remarks[2].speaker, arai);
    assert_false(has_warning(&m, "whose role is", NULL));
    /* a body's list of offices names no person ("上下" + "水道企画課長" was one) */
    assert_int_equal(m.nattendees, 6);
    giji_meeting_free(&m);
}

/* Turns labelled with the time they began ("○石田座長（14:02）　…"), resumed
 * after a page break under "（…・続き）" or "（続き）"; the attendee table in
 * an annex after the end mark ("別紙　出席者名簿", its column headings spaced
 * out), with a role the wrap cut. */
static void test_timed_turns_and_annex_attendees(void **state)
{
    (void)state;
    static const char text[] =
        "テスト検討会（第４回）議事録\n"
        "日時：令和7年2月25日（火）14:00～15:30\n"
        "出席者：別紙のとおり\n"
        "議事経過\n"
        "○石田座長（14:00）　ただいまから開会します。\n"
        "○佐藤委員（14:02）　排出量取引制度について申し上げます。\n"
        "　　　　　　　　　－ 2 －\n"
        "（佐藤委員・続き）\n"
        "　GXリーグの参加企業を増やすべきです。\n"
        "（続き）\n"
        "　以上です。\n"
        "◯石田座長（14:10）　ありがとうございました。\n"
        "以上\n"
        "\n"
        "別紙　出席者名簿\n"
        "役　職　　　　氏　名　　　　所　属\n"
        "座　長　　　　石田　和也　　東都大学教授\n"
        "委　員　　　　佐藤　恵子　　一般社団法人東海外国人就労支援ネットワーク代\n"
        "　　　　　　　　　　　　　　表理事\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nattendees, 2);
    expect_attendee(&m, 1, "佐藤　恵子", "委員 一般社団法人東海外国人就労支援ネットワーク代表理事", 0, 1, -1);
    assert_int_equal(m.nremarks, 3);
    assert_int_equal(m.remarks[0].speaker, attendee(&m, "石田和也"));
    assert_string_equal(m.remarks[0].speaker_label, "石田座長");
    assert_int_equal(m.remarks[1].speaker, attendee(&m, "佐藤恵子"));
    assert_non_null(strstr(m.remarks[1].text, "GXリーグ"));
    assert_non_null(strstr(m.remarks[1].text, "以上です。"));
    assert_null(strstr(m.remarks[1].text, "続き"));
    assert_int_equal(m.nwarnings, 0);
    giji_meeting_free(&m);
}

/* A web page copied without its line breaks: the breadcrumb and title on
 * one line, the header on another, each section's turns run together on
 * one; the lines are cut where a heading, a label or the end mark follows
 * a space, and keep their line numbers. */
static void test_flattened_web_copy(void **state)
{
    (void)state;
    static const char text[] =
        "ホーム > 会議等 > テスト会議 > 第8回議事要旨 テスト会議（第8回）議事要旨\n"
        "1．日時　令和8年5月19日（火）17時30分～18時15分　2．場所　総理大臣官邸4階大会議室　"
        "3．出席者　議長　石田 和也　内閣総理大臣　構成員　北村 浩二　内閣官房長官　"
        "（有識者）　平野 由紀子　東都大学教育学部教授　桑原 聡　社会福祉法人みどり会理事長　"
        "落合 真一　みなと総合研究所主席研究員　須藤 恵美　一般社団法人ひだまり子育てネット代表理事　"
        "長尾 健　東都医科大学小児科学講座教授　西村 直子　日本労働組合総連合会副事務局長　"
        "河野 剛　全国市長会社会文教委員長　吉川 美咲　こども家庭審議会こども・若者委員　"
        "（事務局）　中川 裕子　こども家庭庁長官　島田 亮　こども家庭庁長官官房長　"
        "4．議事　（1）こども未来戦略の進捗について　（2）こども大綱の推進について\n"
        "5．議事要旨　（1）意見交換 有識者構成員から以下の発言があった。 【平野構成員】 不登校の児童生徒数は"
        "過去最多を更新し、学びの多様化学校の設置を進めるべきである。校内教育支援センターの整備と、"
        "スクールカウンセラーやスクールソーシャルワーカーの配置の拡充も欠かせない。"
        "また、不登校の児童生徒の保護者への相談支援を自治体と学校が一体となって進めるべきである。 【桑原構成員】 保育の現場から申し上げる。"
        "待機児童は減ったが、保育士の処遇改善が欠かせない。 【北村内閣官房長官】 関係府省と連携して取り組む。"
        "こども家庭庁を中心に施策を進めていく。児童手当の拡充と高等教育の負担軽減を着実に実施し、"
        "こども誰でも通園制度の本格実施に向けて自治体の体制整備を支援する。\n"
        "（2）議長締めくくり発言 【石田議長】 本日の御意見を踏まえ、加速化プランを着実に実施する。 以上 "
        "ページの先頭へ お問合せ先 こども家庭庁長官官房総務課 電話番号 03-0000-0000 サイトマップ "
        "ページの先頭へ お問合せ先 こども家庭庁長官官房総務課 電話番号 03-0000-0000 サイトマップ "
        "ウェブアクセシビリティ方針 利用規約 プライバシーポリシー 著作権について リンク集 "
        "ご意見・お問い合わせ 関連リンク 首相官邸 内閣官房 内閣府 デジタル庁 こども家庭庁 文部科学省 "
        "厚生労働省 国土交通省 総務省 法務省 外務省 財務省 経済産業省 環境省 防衛省 農林水産省 "
        "復興庁 警察庁 金融庁 消費者庁 個人情報保護委員会 公正取引委員会 国家公安委員会 宮内庁 "
        "カジノ管理委員会 原子力規制委員会 運輸安全委員会\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "テスト会議");
    assert_int_equal(m.session, 8);
    assert_string_equal(m.date, "2026-05-19");
    assert_int_equal(m.nattendees, 12);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 1, "桑原聡", GIJI_ATTR_EXPLICIT,
                  "保育の現場から申し上げる。待機児童は減ったが、保育士の処遇改善が欠かせない。");
    assert_int_equal(m.remarks[1].line, 3);
    expect_remark(&m, 3, "石田和也", GIJI_ATTR_EXPLICIT, "本日の御意見を踏まえ、加速化プランを着実に実施する。");
    assert_int_equal(m.nwarnings, 0);
    giji_meeting_free(&m);
}

/* "NAME（TITLE）：…" turns of a record written in Word: a question's number
 * before the label ("Q1. …", which the repair of spaces joins to the name),
 * and a label whose colon the wrap put on the next line. */
static void test_numbered_and_wrapped_colon_labels(void **state)
{
    (void)state;
    static const char text[] =
        "テスト部会（第7回）議事録\n"
        "【日時】2026/2/17 (Tue) 13:30-15:00\n"
        "【出席者】\n"
        "（委員）\n"
        "・石田 和也　部会長（東都大学教授）\n"
        "・中村 さやか　委員（弁護士）\n"
        "（事務局）\n"
        "・高橋 誠　総務課長\n"
        "【議事概要】\n"
        "石田 和也（部会長）：開会します。\n"
        "中村 さやか（委員）\n"
        "：ありがとうございます。一括回収を進めるべきです。\n"
        "【質疑応答】\n"
        "Q1. 中村 さやか（委員）：回収量の目標はありますか。\n"
        "高橋 誠（事務局・総務課長）：お答えいたします。\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 1, "中村さやか", GIJI_ATTR_EXPLICIT, "ありがとうございます。一括回収を進めるべきです。");
    expect_remark(&m, 2, "中村さやか", GIJI_ATTR_EXPLICIT, "回収量の目標はありますか。");
    expect_remark(&m, 3, "高橋誠", GIJI_ATTR_EXPLICIT, "お答えいたします。");
    giji_meeting_free(&m);
}

/* A table of the remark on the left and the speaker on the right, a
 * speaker cell of two lines, the header row again after a page break. */
static void test_speaker_column_right(void **state)
{
    (void)state;
    static const char text[] =
        "テスト推進会議（第６回）議事概要\n"
        "日　時：令和８年６月１８日（木）１０：００～１１：５０\n"
        "出席者：\n"
        "　議長　森本　一郎　東都大学教授\n"
        "　委員　佐藤　花子　日本医師会常任理事\n"
        "　事務局　高橋　誠　厚生労働省医政局長\n"
        "議事概要：\n"
        "発言要旨　　　　発言者\n"
        "ただいまから第６回会議を開催する。医療ＤＸの　　　　森本議長\n"
        "推進について御議論いただきたい。\n"
        "資料１に基づき、デジタル化の進捗を報告する。　　　　事務局\n"
        "マイナ保険証の利用率は４割を超えた。　　　　　　　　（厚生労働省）\n"
        "　　　　　　　　　　　　　　－ 1 －\n"
        "発言要旨　　　　発言者\n"
        "電子カルテの普及が課題である。　　　　　　　　　　　佐藤委員\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 3);
    expect_remark(&m, 0, "森本一郎", GIJI_ATTR_EXPLICIT, "ただいまから第６回会議を開催する。医療ＤＸの推進について御議論いただきたい。");
    assert_string_equal(m.remarks[1].speaker_label, "事務局（厚生労働省）");
    assert_null(strstr(m.remarks[1].text, "厚生労働省）"));
    expect_remark(&m, 2, "佐藤花子", GIJI_ATTR_EXPLICIT, "電子カルテの普及が課題である。");
    giji_meeting_free(&m);
}

/* "議事：" over numbered agenda items, a blank line, then the record: the
 * bare word 議事 named the agenda (its "議長総括" item is no greeting), and
 * "議事" over "１．開会" with the speech right under it keeps its heading. */
static void test_agenda_under_giji(void **state)
{
    (void)state;
    static const char text[] =
        "テスト推進会議（第５回）議事要旨\n"
        "日時：令和８年６月１６日（火）１４：３０～１６：４０\n"
        "出席者：\n"
        "　議長　　石田　浩二　　デジタル大臣\n"
        "　構成員　佐々木　健　　経団連企画部会長\n"
        "議事：\n"
        "　１．全体会合\n"
        "　２．分科会\n"
        "　　第１分科会（デジタル人材）企業におけるリスキリング\n"
        "　３．全体会合（再開）分科会の報告及び議長総括\n"
        "\n"
        "全体会合\n"
        "【石田議長】本日は議論いただく。\n"
        "【佐々木構成員】経団連では提言を公表した。\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nagenda, 3);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, "石田浩二", GIJI_ATTR_EXPLICIT, "本日は議論いただく。");
    giji_meeting_free(&m);

    static const char verbatim[] =
        "テスト推進会議（第５回）議事録\n"
        "日時：令和８年６月１６日（火）１４：３０～１６：４０\n"
        "出席者：\n"
        "　議長　　石田　浩二　　デジタル大臣\n"
        "議事\n"
        "１．開会\n"
        "○石田議長　開会します。\n"
        "２．議題\n"
        "○石田議長　資料を説明します。\n"
        "以上\n";
    segment_ok(verbatim, &m);
    assert_int_equal(m.nagenda, 0);
    assert_int_equal(m.nremarks, 2);
    giji_meeting_free(&m);
}

static void test_attendees_diet(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok(diet_text, &m);
    assert_int_equal(m.nattendees, 6);
    expect_attendee(&m, 0, "山田 太郎", "委員長", 0, 1, -1);
    expect_attendee(&m, 1, "山田 次郎", "理事", 0, 1, -1);
    expect_attendee(&m, 2, "佐藤 一郎", "理事", 0, 1, -1);
    expect_attendee(&m, 3, "高橋 花子", "", 0, 1, -1);
    expect_attendee(&m, 4, "伊藤 健", "", 0, 1, -1);
    /* 出席国務大臣 is a list of its own */
    expect_attendee(&m, 5, "中村 誠", "総務大臣", 1, 1, -1);
    assert_string_equal(m.attendees[0].name, "山田太郎"); /* 君 is not part of the name */
    assert_string_equal(m.attendees[4].name, "伊藤健");
    giji_meeting_free(&m);
}

/* ---- metadata -------------------------------------------------------------- */

static void test_meta_nested_body(void **state)
{
    (void)state;
    static const char text[] =
        "高度情報通信ネットワーク社会推進戦略本部 情報セキュリティ政策会議\n"
        "第14回会合 議事要旨\n"
        "\n"
        "1 日時\n"
        "\n"
        "平成19年10月3日(水) 17:20~18:20\n"
        "\n"
        "2 場所\n"
        "\n"
        "総理大臣官邸大会議室\n"
        "\n"
        "3 出席者(敬称略)\n"
        "\n"
        "町村 信孝\t内閣官房長官\n"
        "\n"
        "4 議事概要\n"
        "\n"
        "(1) 議長冒頭挨拶\n"
        "\n"
        "本日はよろしくお願いしたい。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "情報セキュリティ政策会議");
    assert_string_equal(m.parent_body, "高度情報通信ネットワーク社会推進戦略本部");
    assert_string_equal(m.kind, "議事要旨");
    assert_int_equal(m.session, 14);
    assert_string_equal(m.date, "2007-10-03");
    assert_string_equal(m.start, "17:20");
    assert_string_equal(m.end, "18:20");
    assert_string_equal(m.place, "総理大臣官邸大会議室");
    /* 議長 of this body is the 内閣官房長官 (data/titles.tsv) */
    expect_remark(&m, 0, "町村信孝", GIJI_ATTR_CHAIR, "本日はよろしくお願いしたい。");
    giji_meeting_free(&m);
}

/* A greeting heading whose speaker no attendee holds ("大臣挨拶" where the
 * minister's role is written otherwise): warned about when the greeting
 * holds text, not when a label right under it names the speaker. */
static void test_greeting_holder_unknown(void **state)
{
    (void)state;
#define GREET_HEAD "テスト会議（第1回）議事要旨\n1．日時　令和7年4月22日（火）10:00～11:30\n" \
                   "2．出席者\n　林　和彦　内閣府特命担当大臣（地方創生）\n　青木　俊介　座長\n5．議事要旨\n" \
                   "（1）意見交換\n【青木座長】地方創生を進める。\n（2）大臣挨拶\n"
    static const char labelled[] = GREET_HEAD "【林地方創生担当大臣】御意見を反映させたい。\n（以上）\n";
    giji_meeting m;
    segment_ok(labelled, &m);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 1, "林和彦", GIJI_ATTR_EXPLICIT, "御意見を反映させたい。");
    assert_false(has_warning(&m, "no attendee holds", NULL));
    giji_meeting_free(&m);

    static const char bare[] = GREET_HEAD "御意見を反映させたい。\n（以上）\n";
    segment_ok(bare, &m);
    assert_int_equal(m.nremarks, 2);
    assert_int_equal(m.remarks[1].speaker, -1);
    assert_true(has_warning(&m, "no attendee holds '大臣' here", NULL));
    giji_meeting_free(&m);
#undef GREET_HEAD
}

/* A label that is an office alone fits the attendee whose role is that
 * office with a note in brackets after it (a post on the council, a proxy's
 * "…代理" cut off), or the 特命担当大臣 whose portfolio the label names. */
static void test_office_label_role_note(void **state)
{
    (void)state;
    static const char text[] =
        "関係閣僚会議（第11回）議事要旨\n"
        "日時：令和8年7月14日（火）8:15～8:55\n"
        "出席者：\n"
        "　鈴木　和夫　　　　内閣官房長官（議長）\n"
        "　小川　正樹　　　　農林水産大臣（副議長）\n"
        "　吉岡　真理子　　　外務副大臣（外務大臣代理）\n"
        "　原田　直子　　　　内閣府特命担当大臣（消費者及び食品安全）\n"
        "議事要旨：\n"
        "○鈴木議長　ただいまから会議を開催する。\n"
        "○農林水産大臣　輸出の実績を報告する。\n"
        "○外務副大臣　在外公館と連携する。\n"
        "○消費者及び食品安全担当大臣　表示の制度を整える。\n"
        "（以上）\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 4);
    expect_remark(&m, 1, "小川正樹", GIJI_ATTR_EXPLICIT, "輸出の実績を報告する。");
    expect_remark(&m, 2, "吉岡真理子", GIJI_ATTR_EXPLICIT, "在外公館と連携する。");
    expect_remark(&m, 3, "原田直子", GIJI_ATTR_EXPLICIT, "表示の制度を整える。");
    assert_false(has_warning(&m, "matches no attendee", NULL));
    giji_meeting_free(&m);
}

/* Bullets right under the record's heading with no opener ("主な意見は…")
 * and no 議題 before them: sentences are remarks (also when the wrap
 * carried the 。 to the next line); short items without one stay the
 * agenda. */
static void test_bullets_under_heading(void **state)
{
    (void)state;
    static const char said[] =
        "気候変動適応推進会議（第9回）議事概要\n"
        "\n"
        "日時：令和8年7月14日（火）10:00～11:30\n"
        "\n"
        "議事概要\n"
        "・環境省としては、令和5年に改正された気候変動適応法に基づき、熱中症特別警戒アラ\n"
        "ートの運用を開始した。\n"
        "・国土交通省では、流域治水を進めている。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(said, &m);
    assert_int_equal(m.nagenda, 0);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, NULL, GIJI_ATTR_NONE,
                  "環境省としては、令和5年に改正された気候変動適応法に基づき、熱中症特別警戒アラートの運用を開始した。");
    expect_remark(&m, 1, NULL, GIJI_ATTR_NONE, "国土交通省では、流域治水を進めている。");
    giji_meeting_free(&m);

    static const char items[] =
        "気候変動適応推進会議（第9回）議事概要\n"
        "\n"
        "日時：令和8年7月14日（火）10:00～11:30\n"
        "\n"
        "議事\n"
        "・気候変動適応計画の進捗状況について\n"
        "・熱中症対策の強化について\n"
        "\n"
        "議事概要\n"
        "主な意見は以下のとおり。\n"
        "・環境省としては、計画を進める。\n"
        "\n"
        "以上\n";
    segment_ok(items, &m);
    assert_int_equal(m.nagenda, 2);
    assert_int_equal(m.nremarks, 1);
    giji_meeting_free(&m);
}

static void test_meta_parent_from_table(void **state)
{
    (void)state;
    /* the title names only the inner body: the parent comes from bodies.tsv */
    static const char text[] =
        "情報セキュリティ政策会議\n"
        "第十四回会合 議事要旨\n"
        "\n"
        "日時：令和元年5月1日（水）10:00～11:00\n"
        "場所：総理大臣官邸大会議室\n"
        "\n"
        "出席者：\n"
        "町村 信孝 内閣官房長官\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "情報セキュリティ政策会議");
    assert_string_equal(m.parent_body, "高度情報通信ネットワーク社会推進戦略本部");
    assert_int_equal(m.session, 14);
    assert_string_equal(m.date, "2019-05-01");
    assert_string_equal(m.start, "10:00");
    assert_string_equal(m.end, "11:00");
    assert_string_equal(m.place, "総理大臣官邸大会議室");
    assert_int_equal(m.nattendees, 1);
    expect_attendee(&m, 0, "町村 信孝", "内閣官房長官", 0, 1, -1);
    assert_int_equal(m.nremarks, 0);
    giji_meeting_free(&m);
}

static void test_meta_diet(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok(diet_text, &m);
    /* 第196回 is the Diet session (phrases.tsv notsession), 第3号 the meeting */
    assert_int_equal(m.session, 3);
    assert_string_equal(m.body, "総務委員会");
    assert_string_equal(m.parent_body, "衆議院");
    assert_null(m.kind);
    assert_string_equal(m.date, "2018-03-06");
    assert_string_equal(m.start, "09:00");
    assert_string_equal(m.end, "");
    assert_null(m.place);
    giji_meeting_free(&m);
}

static void test_meta_unknown_body(void **state)
{
    (void)state;
    static const char text[] =
        "情報通信政策懇談会（第3回）議事録\n"
        "\n"
        "日時：令和元年5月13日（月）10時00分～11時30分\n"
        "場所：中央合同庁舎第8号館1階講堂\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_string_equal(m.body, "情報通信政策懇談会");
    assert_null(m.parent_body);
    assert_string_equal(m.kind, "議事録");
    assert_int_equal(m.session, 3);
    assert_string_equal(m.date, "2019-05-13");
    assert_string_equal(m.start, "10:00");
    assert_string_equal(m.end, "11:30");
    assert_string_equal(m.place, "中央合同庁舎第8号館1階講堂");
    giji_meeting_free(&m);
}

/* ---- what is (not) a remark ----------------------------------------------- */

static void test_anonymous_bullets(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS)
        "##### (2) 討議\n"
        "\n"
        "本部員より以下の意見が述べられた。\n"
        "\n"
        "- 情報共有体制を強化すべきではないか。\n"
        "続けて、人材育成も必要である。\n"
        "- 予算を確保すべきである。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 2);
    expect_remark(&m, 0, NULL, GIJI_ATTR_NONE, "情報共有体制を強化すべきではないか。\n続けて、人材育成も必要である。");
    assert_null(m.remarks[0].speaker_label);
    assert_int_equal(m.remarks[0].line, line_of(text, "情報共有体制"));
    assert_int_equal(m.remarks[0].last_line, line_of(text, "続けて"));
    expect_remark(&m, 1, NULL, GIJI_ATTR_NONE, "予算を確保すべきである。");
    assert_int_equal(m.remarks[1].line, line_of(text, "予算を確保"));
    assert_int_equal(m.remarks[1].last_line, m.remarks[1].line);
    assert_int_equal(m.nagenda, 0);
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_agenda_block_and_procedural_lines(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS)
        "##### (2) 討議\n"
        "\n"
        "###### 【決定事項】\n"
        "\n"
        "- ・ 「第4次行動計画」のパブリックコメント案について\n"
        "\n"
        "###### 【報告事項】\n"
        "\n"
        "- ・ 2017年サイバーセキュリティ月間について\n"
        "- ・ 政府のサイバーセキュリティ関連予算について\n"
        "\n"
        "上記について、事務局から資料に基づき説明が行われた。\n"
        "\n"
        "本部員より以下の意見が述べられた。\n"
        "\n"
        "- 行動計画を推進すべきである。\n"
        "\n"
        "上記について、事務局から資料に基づき説明が行われた。\n"
        "\n"
        "決定事項1件につき、案のとおり決定した。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nagenda, 3);
    assert_string_equal(m.agenda[0], "「第4次行動計画」のパブリックコメント案について");
    assert_string_equal(m.agenda[1], "2017年サイバーセキュリティ月間について");
    assert_string_equal(m.agenda[2], "政府のサイバーセキュリティ関連予算について");
    /* only the bullet after the opener is a remark: the secretariat and
     * decision lines after it are not, and do not extend it */
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, NULL, GIJI_ATTR_NONE, "行動計画を推進すべきである。");
    assert_int_equal(m.remarks[0].last_line, line_of(text, "行動計画を推進"));
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

static void test_paragraphs_join_labelled_turn(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "○（中谷本部員）4点申し上げます。\n"
        "\n"
        "第1に、行動計画を推進していただきたい。\n"
        "\n"
        "第2に、大学の安全保障輸出管理への対応には温度差があ\n"
        "\n"
        "り、支援が必要である。\n"
        "\n"
        "○（野原本部員）大きく2点申し上げる。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 2);
    /* the paragraph split by a page break ("…があ" / blank / "り、…") is one
     * paragraph, and its last source line is the remark's last line */
    expect_remark(&m, 0, "中谷和弘", GIJI_ATTR_EXPLICIT,
                  "4点申し上げます。\n第1に、行動計画を推進していただきたい。\n"
                  "第2に、大学の安全保障輸出管理への対応には温度差があり、支援が必要である。");
    assert_int_equal(m.remarks[0].line, line_of(text, "○（中谷"));
    assert_int_equal(m.remarks[0].last_line, line_of(text, "り、支援"));
    /* 野原 is not an attendee: the turn is kept, the speaker is unknown */
    expect_remark(&m, 1, NULL, GIJI_ATTR_NONE, "大きく2点申し上げる。");
    assert_string_equal(m.remarks[1].speaker_label, "野原本部員");
    assert_int_equal(m.remarks[1].line, line_of(text, "○（野原"));
    giji_meeting_free(&m);
}

/* ---- errors ---------------------------------------------------------------- */

static void test_error_unclosed_label(void **state)
{
    (void)state;
    static const char text[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "○（中谷本部員 2点申し上げます。\n"
        "\n"
        "以上\n";
    giji_meeting m;
    int rc = segment_named("minutes-x.txt", text, &m);
    assert_int_equal(rc, GIJI_EPARSE);
    assert_int_equal(giji_error_last(), GIJI_EPARSE);
    char want[64];
    snprintf(want, sizeof want, "minutes-x.txt:%u:", line_of(text, "○（中谷"));
    const char *msg = giji_error_message();
    if (!strstr(msg, want))
        fail_msg("message '%s' does not contain '%s'", msg, want);
    assert_non_null(strstr(msg, "never closed"));
    /* on failure the meeting is left empty: freeing it again is harmless */
    assert_int_equal(m.nremarks, 0);
    assert_null(m.attendees);
    giji_meeting_free(&m);
}

static void test_error_not_minutes(void **state)
{
    (void)state;
    static const char text[] =
        "お知らせ\n"
        "\n"
        "これは議事録ではない。\n"
        "ただの文章である。\n";
    giji_meeting m;
    int rc = segment_named("notice.txt", text, &m);
    assert_int_equal(rc, GIJI_EPARSE);
    const char *msg = giji_error_message();
    if (!strstr(msg, "notice.txt") || !strstr(msg, "not minutes"))
        fail_msg("unexpected message '%s'", msg);
    giji_meeting_free(&m);
}

/* ---- several meetings in one file ------------------------------------------ */

/* The meetings giji_doc_meetings finds in `text`: their first lines (1-based
 * source lines) in firsts[0..max). */
static size_t meetings_of(const char *text, unsigned *firsts, size_t max)
{
    giji_doc doc;
    assert_int_equal(giji_doc_build("t.txt", text, strlen(text), &doc), GIJI_OK);
    size_t starts[8];
    size_t n = giji_doc_meetings(rules, &doc, starts, 8);
    for (size_t k = 0; k < n && k < max && k < 8; k++)
        firsts[k] = doc.lines[starts[k]].lineno;
    giji_doc_free(&doc);
    return n;
}

#define TWO_FIRST \
    "有識者テスト会議（第3回）議事要旨\n\n1．日時　令和7年4月22日（火）10:00～11:30\n" \
    "2．出席者\n　委員　石井　直子\n5．議事要旨\n【石井委員】関係人口の拡大が重要である。\n（以上）\n"

static void test_meetings_split_after_end(void **state)
{
    (void)state;
    /* a page number between the end mark and the next title; three meetings,
     * the third without a session number but with its date below, after a
     * long end mark */
    static const char text[] = TWO_FIRST
        "- 3 -\n"
        "有識者テスト会議（第4回）議事要旨\n1．日時　令和7年5月27日（火）15:00～16:30\n"
        "2．出席者\n　委員　石井　直子\n5．議事要旨\n【石井委員】二地域居住を進めるべきである。\n"
        "――――――――――――――――以上――――――――――――――――\n"   /* an end mark of 102 bytes */
        "有識者テスト会議　臨時会合　議事録\n日時：令和7年6月2日\n【石井委員】空き家の活用を。\n";
    unsigned firsts[3];
    assert_int_equal(meetings_of(text, firsts, 3), 3);
    assert_int_equal(firsts[0], 1);
    assert_int_equal(firsts[1], line_of(text, "有識者テスト会議（第4回）"));
    assert_int_equal(firsts[2], line_of(text, "臨時会合"));
    /* giji_segment of the whole reads the first and names where the next starts */
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.session, 3);
    assert_int_equal(m.nremarks, 1);
    assert_true(has_warning(&m, "another meeting's minutes start here", NULL));
    giji_meeting_free(&m);
}

static void test_meetings_borders(void **state)
{
    (void)state;
    unsigned firsts[2];
    /* one meeting: no end mark before its title line */
    assert_int_equal(meetings_of(TWO_FIRST, firsts, 2), 1);
    /* after the end mark, a reference list and a record's name in a
     * sentence, no title with a number or date below it */
    static const char refs[] = TWO_FIRST
        "（参考）\n"
        "前回の議事要旨は、ウェブサイトに掲載している。\n";
    assert_int_equal(meetings_of(refs, firsts, 2), 1);
    /* a record's title with a number but nothing of a record under it */
    static const char ref_title[] = TWO_FIRST
        "（参考）有識者テスト会議（第2回）議事要旨\n"
        "ウェブサイトに掲載している。\n";
    assert_int_equal(meetings_of(ref_title, firsts, 2), 1);
    giji_meeting m;
    segment_ok(ref_title, &m);
    assert_false(has_warning(&m, "another meeting", NULL));
    giji_meeting_free(&m);
    /* a title further below the end mark than a title's lines, with no
     * 日時 heading under it (a date in a sentence), is no meeting ... */
    static const char far[] = TWO_FIRST
        "お問合せ先\n内閣府\n電話 03-0000-0000\n担当 田中\n別紙\n"
        "有識者テスト会議（第4回）議事要旨\n令和7年5月27日に公表した。\n";
    assert_int_equal(meetings_of(far, firsts, 2), 1);
    /* ... but with its 日時 heading it is another record (cut_title) */
    static const char far_record[] = TWO_FIRST
        "お問合せ先\n内閣府\n電話 03-0000-0000\n担当 田中\n別紙\n"
        "有識者テスト会議（第4回）議事要旨\n1．日時　令和7年5月27日（火）\n";
    assert_int_equal(meetings_of(far_record, firsts, 2), 2);
    assert_int_equal(firsts[1], line_of(far_record, "有識者テスト会議（第4回）"));
    /* a meeting cut short: the next title right under its last line, no end
     * mark; but a 議事要旨 section heading of the meeting itself is none */
    static const char cut[] =
        "有識者テスト会議（第3回）議事要旨\n\n1．日時　令和7年4月22日（火）10:00～11:30\n"
        "2．出席者\n　委員　石井　直子\n　委員　林　太郎\n3．議事\n（1）報告\n5．議事要旨\n"
        "【石井委員】関係人口の拡大が重要である。\n【林委員】地域の担い手の確保を\n"
        "有識者テスト会議（第4回）議事要旨\n日時：令和7年5月27日（火）15:00～16:30\n"
        "【石井委員】二地域居住を進めるべきである。\n（以上）\n";
    assert_int_equal(meetings_of(cut, firsts, 2), 2);
    assert_int_equal(firsts[1], line_of(cut, "有識者テスト会議（第4回）"));
    /* a breakout session of the same meeting, "日時：同日…" under its
     * heading: no date of its own, the same meeting goes on */
    static const char breakout[] =
        "有識者テスト会議（第5回）議事要旨\n\n1．日時　令和8年6月16日（火）14:30～16:40\n"
        "2．出席者\n　委員　石井　直子\n　委員　林　太郎\n3．議事\n（1）報告\n全体会合\n"
        "【石井委員】関係人口の拡大が重要である。\n"
        "第１分科会（地域DX）議事要旨\n日時：同日15:10～16:00\n"
        "○林委員　二地域居住を進めるべきである。\n（以上）\n";
    assert_int_equal(meetings_of(breakout, firsts, 2), 1);
}

/* ---- the end of the text --------------------------------------------------- */

#define CUT_BODY CSS_HEAD(CSS_MEMBERS) DISCUSSION \
    "○（中谷本部員）2点申し上げます。第1に、行動計画の\n"

static void test_cut_short(void **state)
{
    (void)state;
    static const char text[] = CUT_BODY;
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    assert_true(has_warning(&m, "cut short", NULL));
    assert_int_equal(m.nwarnings, 1);
    assert_int_equal(m.warnings[0].line, line_of(text, "第1に、行動計画の"));
    giji_meeting_free(&m);
}

static void test_ends_with_ijo(void **state)
{
    (void)state;
    static const char text[] = CUT_BODY "\n以上\n";
    giji_meeting m;
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 1);
    expect_remark(&m, 0, "中谷和弘", GIJI_ATTR_EXPLICIT, "2点申し上げます。第1に、行動計画の");
    expect_no_warnings(&m);
    giji_meeting_free(&m);

    /* a full sentence at the end needs no 以上 either */
    static const char full[] = CSS_HEAD(CSS_MEMBERS) DISCUSSION
        "○（中谷本部員）2点申し上げます。\n";
    segment_ok(full, &m);
    expect_no_warnings(&m);
    giji_meeting_free(&m);
}

/* "2026年11月10日　第25回社会保障審議会年金部会　議事録": a date before the
 * title (the MHLW's pages) is no date line ending the title block; the rest
 * is the title, and the body is read from it (its domain drops 年金). A line
 * that is a date alone still ends the title. */
static void test_dated_title(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok("2026年11月10日　第25回社会保障審議会年金部会　議事録\n\n○日時\n令和8年11月10日（火）10:00～12:00\n\n"
               "○議事\n○菊池部会長　ただいまから開会いたします。\n",
               &m);
    assert_non_null(m.body);
    assert_string_equal(m.body, "社会保障審議会年金部会");
    assert_int_equal(m.session, 25);
    assert_string_equal(m.date, "2026-11-10");
    giji_meeting_free(&m);
    /* a sub-body named after 第N回: the meeting is its, under the words before */
    segment_ok("交通政策審議会交通体系分科会 第8回地域公共交通部会 議事要旨\n\n1．日時　令和8年9月29日（火）14:00～16:00\n"
               "\n・地域交通について意見があった。\n",
               &m);
    assert_string_equal(m.body, "地域公共交通部会");
    assert_non_null(m.parent_body);
    assert_string_equal(m.parent_body, "交通政策審議会交通体系分科会");
    assert_int_equal(m.session, 8);
    giji_meeting_free(&m);
    /* a web copy's menus and breadcrumb before the title */
    segment_ok("本文へ\n文部科学省\nEnglish\nサイトマップ\n検索\nホーム > 審議会情報 > 初等中等教育分科会（第150回）議事録\n\n"
               "初等中等教育分科会（第150回）議事録\n\n1．日時\n令和8年2月17日（火曜日）15時00分～17時00分\n\n"
               "【高村分科会長】　開会いたします。\n",
               &m);
    assert_string_equal(m.body, "初等中等教育分科会");
    assert_int_equal(m.session, 150);
    giji_meeting_free(&m);
    segment_ok("防災会議（第5回）議事要旨\n令和8年6月9日（火）\n\n・防災について意見があった。\n", &m);
    assert_string_equal(m.body, "防災会議");
    assert_string_equal(m.date, "2026-06-09");
    giji_meeting_free(&m);
}

/* "（部会長まとめ）" alone on its line: a title and a greeting's word, the
 * chair's closing follows (部会長 is a title of data/titles.tsv); a
 * sub-heading "報告書の取りまとめ" is no greeting (取りまとめ is a decision). */
static void test_chair_summary_heading(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok("交通テスト部会（第8回）議事要旨\n\n1．日時　令和8年9月29日（火）14:00～16:00\n3．出席者\n"
               "部会長　石田　和也（東都大学教授）\n委員　青木　美穂（関西大学教授）\n\n5．議事概要\n"
               "委員から以下のような意見があった。\n・地域交通の担い手確保が急務である。\n"
               "（部会長まとめ）\n　本日は幅広い御意見をいただいた。\n（6）報告書の取りまとめ\n"
               "報告書が取りまとめられた。\n以上\n",
               &m);
    assert_int_equal(m.nremarks, 2);
    assert_int_equal(m.remarks[1].speaker, 0);
    assert_int_equal(m.remarks[1].attribution, GIJI_ATTR_CHAIR);
    assert_string_equal(m.remarks[1].text, "本日は幅広い御意見をいただいた。");
    giji_meeting_free(&m);
}

/* A list of papers (配付資料) right before the turns, no heading over them:
 * the first bracketed label with speech after it starts the proceedings. */
static void test_turns_after_papers(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok("第２０回専門小委員会　議事録\n\n日　時：令和８年６月１６日（火）１０時００分～１２時００分\n\n出席者\n（委員）\n"
               "委員長　　山本　俊介（東京大学教授）\n委員　　　伊藤　真理子（慶應義塾大学教授）\n\n議題\n（１）広域連携について\n\n"
               "配付資料\n資料１　広域連携に関する参考資料\n\n"
               "【山本委員長】　それでは、開会いたします。\n【伊藤委員】　広域連携について申し上げます。\n",
               &m);
    assert_int_equal(m.nremarks, 2);
    assert_int_equal(m.remarks[0].speaker, 0);
    assert_int_equal(m.remarks[1].speaker, 1);
    giji_meeting_free(&m);
}

/* "３．議事" over the items, other sections, then "６．議事内容": the bare
 * word named the agenda (a bullet under "（２）…審議結果について" is an
 * item, not an opinion); a wrapped line that starts with a decimal number
 * ("0.3 mg/kg…") is no numbered heading. */
static void test_giji_agenda_and_decimals(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok("食品テスト委員会第950回会合議事録\n\n１．日時　令和６年７月30日（火）　14：00～15：02\n\n３．議事\n"
               "（１）農薬の評価について\n　　・農薬２品目\n（２）専門調査会における審議結果について\n"
               "　　・リン系酸化防止剤１物質に関する審議結果の報告と意見・情報の募集に\n　　　ついて\n\n"
               "４．出席者\n（委員）\n山本委員長、岡田委員\n\n６．議事内容\n"
               "○山本委員長　ただ今から会合を開催します。\n"
               "○岡田委員　耐容一日摂取量を\n0.3 mg/kg体重/日と設定しております。推定一日摂取量は\nております。\n"
               "　なお、本物質は収載されております。\n",
               &m);
    assert_int_equal(m.nremarks, 2);
    assert_true(m.nagenda >= 4);
    assert_non_null(strstr(m.remarks[1].text, "なお、本物質は収載されております。"));
    assert_int_equal(m.nwarnings, 0);
    giji_meeting_free(&m);
}

/* Lines of sentences in the place (or agenda) section that no rule took for
 * speech: a warning names the first, so they are not stored silently as the
 * place. */
static void test_speech_in_sections_warned(void **state)
{
    (void)state;
    giji_meeting m;
    const char *sentence = "それでは、定刻になりましたので、ただいまから会合を開催いたします。本日は御多忙のところ御参集いただきました。\n";
    char text[4096];
    snprintf(text, sizeof text, "テスト会議（第1回）議事録\n\n1．日時：令和8年7月2日（木）10時00分～12時00分\n2．場所：会議室\n%s%s%s%s%s",
             sentence, sentence, sentence, sentence, sentence);
    segment_ok(text, &m);
    assert_int_equal(m.nremarks, 0);
    assert_int_equal(m.nwarnings, 1);
    assert_int_equal(m.warnings[0].line, 5);
    assert_non_null(strstr(m.warnings[0].message, "5 lines of sentences outside the proceedings"));
    giji_meeting_free(&m);
    /* four such lines are a long place note, no warning */
    snprintf(text, sizeof text, "テスト会議（第1回）議事録\n\n1．日時：令和8年7月2日（木）10時00分～12時00分\n2．場所：会議室\n%s%s%s%s",
             sentence, sentence, sentence, sentence);
    segment_ok(text, &m);
    assert_int_equal(m.nwarnings, 0);
    giji_meeting_free(&m);
}

/* A METI 議事要旨: the opener cut by the wrap on a line the width check did
 * not take for full ("…自由討議を行った。主な" / "意見は以下のとおり。"), a
 * heading over the bullets ("委員からの主な意見"), "●" bullets, the chair's
 * summary after "…から以下の総括があった。", and "（文責：事務局）". */
static void test_meti_summary(void **state)
{
    (void)state;
    giji_meeting m;
    segment_ok("テスト小委員会（第7回）議事要旨\n\n日時：令和8年6月24日（水曜日）10時00分～12時00分\n"
               "出席者：石田委員長、青木委員\nオブザーバー：一般社団法人日本経済団体連合会、日本商工会議所、環境省\n\n議事内容：\n"
               "事務局から、資料3に基づき説明を行った後、自由討議を行った。主な\n意見は以下のとおり。\n\n"
               "委員からの主な意見\n●ベンチマークは業種ごとに設定すべき。\n●（日本商工会議所）価格の見通しを早期に示すべき。\n\n"
               "最後に、石田委員長から以下の総括があった。\n　本日は多くの御意見をいただいた。\n\n（文責：事務局）\n\n以上\n",
               &m);
    assert_int_equal(m.nremarks, 3);
    assert_string_equal(m.remarks[0].text, "ベンチマークは業種ごとに設定すべき。");
    /* the observers are bodies, no attendees; a body's bracket is its label */
    assert_int_equal(m.nattendees, 2);
    assert_string_equal(m.remarks[1].text, "価格の見通しを早期に示すべき。");
    assert_int_equal(m.remarks[1].speaker, -1);
    assert_int_equal(m.remarks[2].speaker, 0);
    assert_string_equal(m.remarks[2].text, "本日は多くの御意見をいただいた。");
    assert_int_equal(m.nwarnings, 1);   /* label '日本商工会議所' matches no attendee */
    giji_meeting_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_label_circle_paren),
        cmocka_unit_test(test_deputy_chair_and_ordinal_line),
        cmocka_unit_test(test_attendees_comma_lists),
        cmocka_unit_test(test_stage_directions),
        cmocka_unit_test(test_label_colon),
        cmocka_unit_test(test_attendees_proxy_phrase_first),
        cmocka_unit_test(test_wrapped_lines_join),
        cmocka_unit_test(test_fixed_width_document),
        cmocka_unit_test(test_lenticular_headings_and_square_parts),
        cmocka_unit_test(test_kanji_headings_angle_labels),
        cmocka_unit_test(test_label_role_before_bracket),
        cmocka_unit_test(test_label_portfolio_in_bracket),
        cmocka_unit_test(test_ditto_titles_and_proxy_note),
        cmocka_unit_test(test_proxy_note_between_columns),
        cmocka_unit_test(test_proxy_inside_member_bracket),
        cmocka_unit_test(test_attendees_affiliation_brackets),
        cmocka_unit_test(test_attendees_one_cell_per_line),
        cmocka_unit_test(test_speaker_column_table),
        cmocka_unit_test(test_text_in_no_remark_warns),
        cmocka_unit_test(test_speech_before_first_remark_warns),
        cmocka_unit_test(test_label_in_heading),
        cmocka_unit_test(test_label_wrong_title),
        cmocka_unit_test(test_label_ascii_paren),
        cmocka_unit_test(test_label_nested_alone),
        cmocka_unit_test(test_label_cabinet_style),
        cmocka_unit_test(test_label_diet_namesakes),
        cmocka_unit_test(test_label_diet_given_initial),
        cmocka_unit_test(test_shared_surname_by_role),
        cmocka_unit_test(test_chair_greeting),
        cmocka_unit_test(test_chair_greeting_by_proxy),
        cmocka_unit_test(test_greeting_of_several),
        cmocka_unit_test(test_attendees_tabs_proxies_groups),
        cmocka_unit_test(test_attendees_run_together),
        cmocka_unit_test(test_attendees_wrapped_role_end),
        cmocka_unit_test(test_quoted_remarks),
        cmocka_unit_test(test_circle_titled_and_list_proxies),
        cmocka_unit_test(test_timed_turns_and_annex_attendees),
        cmocka_unit_test(test_flattened_web_copy),
        cmocka_unit_test(test_numbered_and_wrapped_colon_labels),
        cmocka_unit_test(test_speaker_column_right),
        cmocka_unit_test(test_agenda_under_giji),
        cmocka_unit_test(test_attendees_diet),
        cmocka_unit_test(test_meta_nested_body),
        cmocka_unit_test(test_meta_parent_from_table),
        cmocka_unit_test(test_meta_diet),
        cmocka_unit_test(test_meta_unknown_body),
        cmocka_unit_test(test_anonymous_bullets),
        cmocka_unit_test(test_agenda_block_and_procedural_lines),
        cmocka_unit_test(test_paragraphs_join_labelled_turn),
        cmocka_unit_test(test_error_unclosed_label),
        cmocka_unit_test(test_error_not_minutes),
        cmocka_unit_test(test_greeting_holder_unknown),
        cmocka_unit_test(test_office_label_role_note),
        cmocka_unit_test(test_bullets_under_heading),
        cmocka_unit_test(test_meetings_split_after_end),
        cmocka_unit_test(test_meetings_borders),
        cmocka_unit_test(test_cut_short),
        cmocka_unit_test(test_ends_with_ijo),
        cmocka_unit_test(test_dated_title),
        cmocka_unit_test(test_chair_summary_heading),
        cmocka_unit_test(test_turns_after_papers),
        cmocka_unit_test(test_giji_agenda_and_decimals),
        cmocka_unit_test(test_speech_in_sections_warned),
        cmocka_unit_test(test_meti_summary),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
