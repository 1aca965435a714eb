/*
 * test_query.c — the query layer (giji/query.h) and the store reads behind
 * it, on hand-made meetings (no parser involved): edit distance and "did
 * you mean", finding text and excerpts, search spellings, date bounds, name
 * resolution (names, aliases, match keys, surnames, ambiguity), who /
 * topics / search / timeline, the full-text index kept in sync when a
 * meeting is replaced, and hostile text taken literally.
 */
#include "store_fixture.h"
#include "store/store_int.h"
#include <ctype.h>
#include "giji/extract.h"
#include "giji/query.h"
#include "query/internal.h"

/* ---- the corpus ---------------------------------------------------------- */

enum { E_ISAC, E_KINYU, E_INFO, E_NISC, E_RD, NENT };

static char *isac_aliases[] = {"Information Sharing and Analysis Center"};
static char *info_aliases[] = {"情報の共有"};
static char *nisc_aliases[] = {"NISC"};

static void entities_init(giji_entity *e)
{
    memset(e, 0, NENT * sizeof *e);
    e[E_ISAC] = (giji_entity){"ISAC", GIJI_ENT_ISAC, isac_aliases, 1, NULL, 0, 0};
    e[E_KINYU] = (giji_entity){"金融ISAC", GIJI_ENT_ISAC, NULL, 0, "ISAC", GIJI_ENT_ISAC, 0};
    e[E_INFO] = (giji_entity){"情報共有", GIJI_ENT_TOPIC, info_aliases, 1, NULL, 0, 0};
    e[E_NISC] = (giji_entity){"内閣サイバーセキュリティセンター", GIJI_ENT_MINISTRY, nisc_aliases, 1,
                              NULL, 0, 0};
    e[E_RD] = (giji_entity){"R&D<\"研究\">", GIJI_ENT_ORG, NULL, 0, NULL, 0, 1};
}

/* 2007: 野原, 村井, 山田 太郎, 山田 次郎; an anonymous remark on ISAC and
 * an inferred one by 村井 on 金融ISAC and 情報共有. */
typedef struct m2007 {
    giji_meeting m;
    giji_attendee att[4];
    giji_remark rem[2];
    giji_mention men0[1], men1[2];
    giji_entity ent[NENT];
} m2007;

static void m2007_init(m2007 *t)
{
    memset(t, 0, sizeof *t);
    giji_meeting *m = &t->m;
    m->body = "情報セキュリティ政策会議";
    m->parent_body = "高度情報通信ネットワーク社会推進戦略本部";
    m->title = "情報セキュリティ政策会議 第14回";
    m->session = 14;
    strcpy(m->date, "2007-10-03");
    t->att[0] = (giji_attendee){"野原佐和子", "野原 佐和子", "野原", "社長", 0, 1, -1, 10};
    t->att[1] = (giji_attendee){"村井純", "村井 純", "村井", "慶應義塾大学教授", 0, 1, -1, 11};
    t->att[2] = (giji_attendee){"山田太郎", "山田 太郎", "山田", "委員", 0, 1, -1, 12};
    t->att[3] = (giji_attendee){"山田次郎", "山田 次郎", "山田", "委員", 0, 1, -1, 13};
    m->attendees = t->att;
    m->nattendees = 4;
    entities_init(t->ent);
    m->entities = t->ent;
    m->nentities = NENT;
    t->men0[0] = (giji_mention){E_ISAC, 0, 4, "ISAC", NULL};
    t->men1[0] = (giji_mention){E_KINYU, 0, 6, "金融ISAC", NULL};
    t->men1[1] = (giji_mention){E_INFO, 8, 12, "情報共有", NULL};
    t->rem[0] = (giji_remark){-1, NULL, GIJI_ATTR_NONE, "ISACの設立が必要だ。", 20, 20, NULL, t->men0, 1};
    t->rem[1] = (giji_remark){1, NULL, GIJI_ATTR_INFERRED, "金融ISACとの情報共有を進める。", 21, 21,
                              "慶應としては", t->men1, 2};
    m->remarks = t->rem;
    m->nremarks = 2;
}

/* 2017: 野原 on ISAC (twice) and NISC; 村井 on 情報の共有, with hostile
 * text; an anonymous remark naming R&D<"研究">. */
typedef struct m2017 {
    giji_meeting m;
    giji_attendee att[2];
    giji_remark rem[3];
    giji_mention men0[3], men1[1], men2[1];
    giji_entity ent[NENT];
} m2017;

#define HOSTILE "情報の共有が大事。'; DROP TABLE remarks; -- 100% _x_ \"q\""

static void m2017_init(m2017 *t, const char *murai_text)
{
    memset(t, 0, sizeof *t);
    giji_meeting *m = &t->m;
    m->body = "サイバーセキュリティ戦略本部";
    m->title = "サイバーセキュリティ戦略本部 第11回";
    m->session = 11;
    strcpy(m->date, "2017-01-25");
    t->att[0] = (giji_attendee){"野原佐和子", "野原 佐和子", "野原", "本部員", 0, 1, -1, 10};
    t->att[1] = (giji_attendee){"村井純", "村井 純", "村井", "学部長・教授", 0, 1, -1, 11};
    m->attendees = t->att;
    m->nattendees = 2;
    entities_init(t->ent);
    m->entities = t->ent;
    m->nentities = NENT;
    t->men0[0] = (giji_mention){E_ISAC, 0, 4, "ISAC", NULL};
    t->men0[1] = (giji_mention){E_NISC, 5, 9, "NISC", NULL};
    t->men0[2] = (giji_mention){E_ISAC, 13, 17, "ISAC", NULL};
    t->men1[0] = (giji_mention){E_INFO, 0, 5, "情報の共有", NULL};
    t->men2[0] = (giji_mention){E_RD, 0, 9, "R&D<\"研究\">", "suffix:研究"};
    t->rem[0] = (giji_remark){0, "野原本部員", GIJI_ATTR_EXPLICIT, "ISACとNISCの連携、ISACの強化。", 30,
                              31, NULL, t->men0, 3};
    t->rem[1] = (giji_remark){1, "村井本部員", GIJI_ATTR_EXPLICIT, (char *)murai_text, 32, 32, NULL,
                              t->men1, 1};
    t->rem[2] = (giji_remark){-1, NULL, GIJI_ATTR_NONE, "R&D<\"研究\">の話。", 33, 33, NULL, t->men2, 1};
    m->remarks = t->rem;
    m->nremarks = 3;
}

static int corpus_setup(void **state)
{
    if (fixture_setup(state))
        return -1;
    fixture *f = *state;
    m2007 a;
    m2017 b;
    m2007_init(&a);
    m2017_init(&b, HOSTILE);
    giji_source sa = test_source("a2007.txt", "a2007"), sb = test_source("b2017.txt", "b2017");
    if (giji_store_put(f->st, &sa, &a.m, NULL, NULL) != GIJI_OK ||
        giji_store_put(f->st, &sb, &b.m, NULL, NULL) != GIJI_OK) {
        fprintf(stderr, "put: %s\n", giji_error_message());
        return -1;
    }
    return 0;
}

/* ---- pure functions ------------------------------------------------------- */

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(giji_edit_distance("ISAC", "ISCA"), 1); /* a swap counts 1 */
    assert_int_equal(giji_edit_distance("村井淳", "村井純"), 1);
    assert_int_equal(giji_edit_distance("セプタ", "セプター"), 1);
    assert_int_equal(giji_edit_distance("", "abc"), 3);
    assert_int_equal(giji_edit_distance("情報共有", "情報共有"), 0);
}

static void test_suggest_pick(void **state)
{
    (void)state;
    const char *names[] = {"NISC", "ISAC", "金融ISAC", "情報共有", "村井 純", "村井純", "Brexit", "ISO"};
    size_t idx[3];
    size_t n = giji_suggest_pick("ISCA", names, 8, 3, idx);
    assert_int_equal(n, 1);
    assert_string_equal(names[idx[0]], "ISAC");
    /* one person once, however spelled */
    n = giji_suggest_pick("村井淳", names, 8, 3, idx);
    assert_int_equal(n, 1);
    assert_string_equal(names[idx[0]], "村井 純");
    /* shared kanji count, shared Latin letters do not */
    n = giji_suggest_pick("情報の共有化", names, 8, 3, idx);
    assert_int_equal(n, 1);
    assert_string_equal(names[idx[0]], "情報共有");
    assert_int_equal(giji_suggest_pick("nonexist", names, 8, 3, idx), 0);
    /* containment: a part of a longer name */
    n = giji_suggest_pick("金融", names, 8, 3, idx);
    assert_int_equal(n, 1);
    assert_string_equal(names[idx[0]], "金融ISAC");
}

static void test_text_find(void **state)
{
    (void)state;
    long s, e;
    const char *isac[] = {"isac"};
    assert_int_equal(giji_text_find("これはISACです", isac, 1, &s, &e), 1);
    assert_int_equal(s, 3);
    assert_int_equal(e, 7);
    const char *wide[] = {"ＩＳＡＣ", "情報"};
    assert_int_equal(giji_text_find("情報とｉｓａｃ", wide, 2, &s, &e), 1); /* earliest wins */
    assert_int_equal(s, 0);
    assert_int_equal(e, 2);
    assert_int_equal(giji_text_find("ｉｓａｃの件", wide, 2, &s, &e), 1); /* letters without case */
    assert_int_equal(s, 0);
    assert_int_equal(e, 4);
    const char *none[] = {"セプター"};
    assert_int_equal(giji_text_find("セプタ", none, 1, &s, &e), 0);
    assert_int_equal(s, -1);
}

static void test_kwic(void **state)
{
    (void)state;
    giji_kwic k;
    assert_int_equal(giji_kwic_make("あいうえおISACかきくけこ", 5, 9, 3, &k), GIJI_OK);
    assert_string_equal(k.before, "うえお");
    assert_string_equal(k.match, "ISAC");
    assert_string_equal(k.after, "かきく");
    assert_int_equal(k.start, 5);
    assert_int_equal(k.end, 9);
    assert_true(k.cut_before && k.cut_after);
    giji_kwic_free(&k);
    /* line breaks as spaces; offsets past the end clipped */
    assert_int_equal(giji_kwic_make("一\n二三", 1, 99, 40, &k), GIJI_OK);
    assert_string_equal(k.before, "一");
    assert_string_equal(k.match, " 二三");
    assert_string_equal(k.after, "");
    assert_false(k.cut_before || k.cut_after);
    giji_kwic_free(&k);
    giji_kwic_free(&k); /* twice is harmless */
}

static void test_variants(void **state)
{
    (void)state;
    char **v;
    size_t n;
    assert_int_equal(giji_text_variants(" ISAC ", &v, &n), GIJI_OK);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], "ISAC");
    assert_string_equal(v[1], "ＩＳＡＣ");
    giji_suggestions_free(v, n);
    assert_int_equal(giji_text_variants("ＩＳＡＣ", &v, &n), GIJI_OK);
    assert_int_equal(n, 2);
    assert_string_equal(v[1], "ISAC");
    giji_suggestions_free(v, n);
    assert_int_equal(giji_text_variants("情報共有", &v, &n), GIJI_OK);
    assert_int_equal(n, 1);
    giji_suggestions_free(v, n);
    assert_int_equal(giji_text_variants(" \xe3\x80\x80", &v, &n), GIJI_EINVAL);
    assert_null(v);
}

static void test_date_bound(void **state)
{
    (void)state;
    char d[11];
    assert_int_equal(giji_date_bound("2017", 0, d), GIJI_OK);
    assert_string_equal(d, "2017-01-01");
    assert_int_equal(giji_date_bound("2017", 1, d), GIJI_OK);
    assert_string_equal(d, "2017-12-31");
    assert_int_equal(giji_date_bound("2016-02", 1, d), GIJI_OK);
    assert_string_equal(d, "2016-02-29");
    assert_int_equal(giji_date_bound("2017/2/3", 0, d), GIJI_OK);
    assert_string_equal(d, "2017-02-03");
    const char *bad[] = {"2017-02-30", "17", "20170125", "2017-", "2017-13", "2017-01-01x", "", "abcd"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(giji_date_bound(bad[i], 0, d), GIJI_EINVAL);
}

/* ---- resolution ----------------------------------------------------------- */

static void expect_entity(giji_store *st, const char *arg, const char *name, const char *how)
{
    giji_target t;
    int rc = giji_resolve(st, arg, GIJI_FIND_ENTITY | GIJI_FIND_PERSON, &t);
    if (rc != GIJI_OK)
        fail_msg("%s: %s", arg, giji_error_message());
    assert_int_equal(t.kind, GIJI_TARGET_ENTITY);
    assert_string_equal(t.name, name);
    assert_string_equal(t.how, how);
    giji_target_free(&t);
}

static void expect_person(giji_store *st, const char *arg, const char *display, const char *how)
{
    giji_target t;
    int rc = giji_resolve(st, arg, GIJI_FIND_ENTITY | GIJI_FIND_PERSON, &t);
    if (rc != GIJI_OK)
        fail_msg("%s: %s", arg, giji_error_message());
    assert_int_equal(t.kind, GIJI_TARGET_PERSON);
    assert_string_equal(t.display, display);
    assert_string_equal(t.how, how);
    giji_target_free(&t);
}

static void test_resolve(void **state)
{
    fixture *f = *state;
    expect_entity(f->st, "ISAC", "ISAC", "name");
    expect_entity(f->st, " isac ", "ISAC", "match key");
    expect_entity(f->st, "ＩＳＡＣ", "ISAC", "match key");
    expect_entity(f->st, "NISC", "内閣サイバーセキュリティセンター", "alias");
    expect_entity(f->st, "nisc", "内閣サイバーセキュリティセンター", "match key");
    expect_entity(f->st, "情報の共有", "情報共有", "alias");
    expect_person(f->st, "野原佐和子", "野原 佐和子", "name");
    expect_person(f->st, "野原　佐和子", "野原 佐和子", "name");
    expect_person(f->st, "野原", "野原 佐和子", "surname");
    expect_person(f->st, "村井", "村井 純", "surname");

    giji_target t;
    assert_int_equal(giji_resolve(f->st, "山田", GIJI_FIND_PERSON, &t), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "山田 太郎"));
    assert_non_null(strstr(giji_error_message(), "山田 次郎"));
    assert_null(t.name);
    assert_int_equal(giji_resolve(f->st, "野原", GIJI_FIND_ENTITY, &t), GIJI_ENOTFOUND);
    assert_int_equal(giji_resolve(f->st, "ISAC", GIJI_FIND_PERSON, &t), GIJI_ENOTFOUND);
    assert_int_equal(giji_resolve(f->st, "zzz", GIJI_FIND_ENTITY | GIJI_FIND_PERSON, &t), GIJI_ENOTFOUND);
    assert_string_equal(giji_error_message(), "no entity or person named 'zzz'");
    assert_int_equal(giji_resolve(f->st, "  ", GIJI_FIND_ENTITY, &t), GIJI_EINVAL);
    assert_int_equal(giji_resolve(f->st, "'; DROP TABLE persons; --", GIJI_FIND_PERSON, &t), GIJI_ENOTFOUND);
    assert_int_equal(giji_resolve(f->st, "%", GIJI_FIND_PERSON, &t), GIJI_ENOTFOUND);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM persons"), 4);

    long long id = 0;
    assert_int_equal(giji_resolve_meeting(f->st, "b2017.txt", &id), GIJI_OK);
    assert_int_equal(giji_resolve_meeting(f->st, "dir/a2007.txt", &id), GIJI_OK);
    assert_true(id > 0);
    assert_int_equal(giji_resolve_meeting(f->st, "99", &id), GIJI_ENOTFOUND);
}

static void test_suggest(void **state)
{
    fixture *f = *state;
    char **s;
    size_t n;
    assert_int_equal(giji_suggest(f->st, "ISCA", GIJI_FIND_ENTITY, &s, &n), GIJI_OK);
    assert_true(n >= 1);
    assert_string_equal(s[0], "ISAC");
    giji_suggestions_free(s, n);
    assert_int_equal(giji_suggest(f->st, "村井淳", GIJI_FIND_PERSON, &s, &n), GIJI_OK);
    assert_int_equal(n, 1);
    assert_string_equal(s[0], "村井 純");
    giji_suggestions_free(s, n);
    assert_int_equal(giji_suggest(f->st, "戦略本部", GIJI_SUGGEST_BODIES, &s, &n), GIJI_OK);
    assert_int_equal(n, 2);
    assert_string_equal(s[0], "サイバーセキュリティ戦略本部");
    giji_suggestions_free(s, n);
}

/* ---- queries -------------------------------------------------------------- */

/* x and y give the same answer: counts, groups and the remarks listed;
 * with `keys`, also every group's remark ids. */
static void who_equal(const giji_who *x, const giji_who *y, int keys)
{
    assert_int_equal(x->remarks, y->remarks);
    assert_int_equal(x->meetings, y->meetings);
    assert_int_equal(x->persons, y->persons);
    assert_int_equal(x->unknown, y->unknown);
    assert_int_equal(x->more_speakers, y->more_speakers);
    assert_int_equal(x->more_remarks, y->more_remarks);
    assert_int_equal(x->ngroups, y->ngroups);
    assert_int_equal(x->n, y->n);
    for (size_t i = 0; i < x->ngroups; i++) {
        const giji_who_group *g = &x->groups[i], *h = &y->groups[i];
        assert_int_equal(g->person, h->person);
        assert_int_equal(g->rank, h->rank);
        assert_int_equal(g->count, h->count);
        assert_int_equal(g->meetings, h->meetings);
        assert_int_equal(g->inferred, h->inferred);
        assert_int_equal(g->shown, h->shown);
        assert_int_equal(g->first, h->first);
        assert_true((g->label == NULL) == (h->label == NULL));
        if (g->label)
            assert_string_equal(g->label, h->label);
        assert_true((g->first_date == NULL) == (h->first_date == NULL));
        if (g->first_date) {
            assert_string_equal(g->first_date, h->first_date);
            assert_string_equal(g->last_date, h->last_date);
        }
        if (!keys)
            continue;
        /* the ids JSON gives: every remark of a speaker, the anonymous
         * ones listed */
        assert_int_equal(g->nkeys, h->nkeys);
        for (size_t k = 0; k < g->nkeys; k++)
            assert_int_equal(x->keys[g->key_first + k].id, y->keys[h->key_first + k].id);
    }
    for (size_t i = 0; i < x->n; i++)
        assert_int_equal(x->items[i].r.id, y->items[i].r.id);
}

/* `who` of an entity without a scope is ranked from the derived counts;
 * with --children (same answer for an entity with nothing below it) from
 * every remark. Both must say the same, whatever the limits. */
static void who_same(giji_store *st, const char *topic, size_t limit, size_t speakers)
{
    giji_query_opts a = {0}, b = {0};
    a.limit = b.limit = limit;
    a.speakers = b.speakers = speakers;
    b.descendants = 1;
    giji_who x, y;
    assert_int_equal(giji_query_who(st, topic, &a, &x), GIJI_OK);
    assert_int_equal(giji_query_who(st, topic, &b, &y), GIJI_OK);
    assert_int_equal(x.counted, 1);
    assert_int_equal(y.counted, 0);
    who_equal(&x, &y, 0);
    giji_who_free(&x);
    giji_who_free(&y);
}

static void test_who_counted(void **state)
{
    fixture *f = *state;
    static const char *const topics[] = {"情報共有", "NISC", "金融ISAC", "R&D<\"研究\">"};
    /* the anonymous remarks from the entity's meetings, then (as for a
     * frequent entity) by walking the meetings in date order */
    for (int by_date = 0; by_date < 2; by_date++) {
        if (by_date)
            setenv("GIJI_TEST_ANON_BY_DATE", "1", 1);
        for (size_t i = 0; i < sizeof topics / sizeof *topics; i++) {
            who_same(f->st, topics[i], 0, 0);
            who_same(f->st, topics[i], 1, 1);
            who_same(f->st, topics[i], 3, 20);
        }
    }
    unsetenv("GIJI_TEST_ANON_BY_DATE");
    /* the cap (here through --children): 2 persons, 1 listed, 1 counted;
     * the anonymous remark is listed all the same */
    giji_query_opts o = {0};
    o.speakers = 1;
    o.descendants = 1;
    giji_who w;
    assert_int_equal(giji_query_who(f->st, "ISAC", &o, &w), GIJI_OK);
    assert_int_equal(w.persons, 2);
    assert_int_equal(w.more_speakers, 1);
    assert_int_equal(w.more_remarks, 1);
    assert_int_equal(w.ngroups, 2);
    assert_int_equal(w.groups[1].person, 0);
    giji_who_free(&w);

    /* a label that fits nobody: its own group, in both ways */
    raw_exec(f, "UPDATE remarks SET speaker_id = NULL, speaker_label = '某委員', attribution = 'none' "
                "WHERE id IN (SELECT remark_id FROM mentions m JOIN entities e ON e.id = m.entity_id "
                "WHERE e.name = '情報共有') AND meeting_id = (SELECT min(meeting_id) FROM remarks)");
    giji_who lw;
    assert_int_equal(giji_query_who(f->st, "情報共有", NULL, &lw), GIJI_OK);
    assert_int_equal(lw.counted, 1);
    size_t labelled = 0;
    for (size_t i = 0; i < lw.ngroups; i++)
        if (lw.groups[i].label) {
            assert_string_equal(lw.groups[i].label, "某委員");
            assert_int_equal(lw.groups[i].nkeys, lw.groups[i].count);
            labelled++;
        }
    assert_int_equal(labelled, 1);
    giji_who_free(&lw);
    for (size_t i = 0; i < sizeof topics / sizeof *topics; i++) {
        who_same(f->st, topics[i], 0, 0);
        who_same(f->st, topics[i], 1, 1);
    }

    /* counts suspended (a bulk load under way): every remark is read,
     * the answer is the same */
    giji_who live, stale;
    assert_int_equal(giji_query_who(f->st, "情報共有", NULL, &live), GIJI_OK);
    assert_int_equal(giji_store_counts_suspend(f->st), GIJI_OK);
    assert_int_equal(giji_query_who(f->st, "情報共有", NULL, &stale), GIJI_OK);
    assert_int_equal(live.counted, 1);
    assert_int_equal(stale.counted, 0);
    assert_int_equal(live.remarks, stale.remarks);
    assert_int_equal(live.meetings, stale.meetings);
    assert_int_equal(live.ngroups, stale.ngroups);
    assert_int_equal(live.n, stale.n);
    for (size_t i = 0; i < live.n; i++)
        assert_int_equal(live.items[i].r.id, stale.items[i].r.id);
    giji_who_free(&live);
    giji_who_free(&stale);
    assert_int_equal(giji_store_counts_rebuild(f->st), GIJI_OK);
}

static void test_who(void **state)
{
    fixture *f = *state;
    giji_who w;
    assert_int_equal(giji_query_who(f->st, "isac", NULL, &w), GIJI_OK);
    assert_int_equal(w.topic.kind, GIJI_TARGET_ENTITY);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.ngroups, 2);
    assert_int_equal(w.meetings, 2);
    assert_string_equal(w.groups[0].display, "野原 佐和子");
    assert_int_equal(w.groups[0].rank, 1);
    assert_int_equal(w.groups[1].person, 0); /* anonymous last */
    assert_int_equal(w.groups[1].rank, 0);
    const giji_hit *h = &w.items[w.groups[0].first];
    assert_string_equal(h->r.role, "本部員");
    assert_string_equal(h->kwic.match, "ISAC"); /* the first mention */
    assert_int_equal(h->kwic.start, 0);
    assert_string_equal(h->kwic.after, "とNISCの連携、ISACの強化。");
    giji_who_free(&w);

    /* with the entities below it: 村井's inferred remark on 金融ISAC */
    giji_query_opts o = {0};
    o.descendants = 1;
    assert_int_equal(giji_query_who(f->st, "ISAC", &o, &w), GIJI_OK);
    assert_int_equal(w.n, 3);
    assert_int_equal(w.ngroups, 3);
    /* a tie: both rank 1, in the order of their names (村 before 野) */
    assert_string_equal(w.groups[0].display, "村井 純");
    assert_int_equal(w.groups[0].rank, 1);
    assert_int_equal(w.groups[1].rank, 1);
    assert_int_equal(w.groups[0].inferred, 1);
    assert_string_equal(w.items[w.groups[0].first].kwic.match, "金融ISAC");
    assert_string_equal(w.items[w.groups[0].first].r.role, "慶應義塾大学教授");
    giji_who_free(&w);

    /* at most one remark of each speaker listed; the counts stay complete */
    o.limit = 1;
    o.descendants = 1;
    assert_int_equal(giji_query_who(f->st, "情報共有", &o, &w), GIJI_OK);
    assert_int_equal(w.nkeys, 2);
    assert_int_equal(w.ngroups, 1); /* 村井, in 2007 (inferred) and 2017 */
    assert_int_equal(w.groups[0].count, 2);
    assert_int_equal(w.groups[0].shown, 1);
    assert_int_equal(w.groups[0].meetings, 2);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.items[0].r.date, "2007-10-03"); /* the earliest */
    assert_string_equal(w.items[0].kwic.match, "情報共有");
    giji_who_free(&w);
    o.limit = 0;

    /* scope */
    o.descendants = 0;
    o.from = "2010";
    assert_int_equal(giji_query_who(f->st, "ISAC", &o, &w), GIJI_OK);
    assert_int_equal(w.n, 1);
    giji_who_free(&w);
    o.from = NULL;
    o.body = "高度情報通信ネットワーク社会推進戦略本部"; /* the parent body counts */
    assert_int_equal(giji_query_who(f->st, "ISAC", &o, &w), GIJI_OK);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.items[0].r.date, "2007-10-03");
    giji_who_free(&w);
    o.body = "戦略本部";
    assert_int_equal(giji_query_who(f->st, "ISAC", &o, &w), GIJI_ENOTFOUND);
    assert_string_equal(giji_error_message(), "no body named '戦略本部'");

    /* free text when no entity has the name; nothing at all is not found */
    assert_int_equal(giji_query_who(f->st, "連携", NULL, &w), GIJI_OK);
    assert_int_equal(w.topic.kind, GIJI_TARGET_TEXT);
    assert_int_equal(w.n, 1);
    assert_string_equal(w.items[0].kwic.match, "連携");
    giji_who_free(&w);
    assert_int_equal(giji_query_who(f->st, "存在しない話題", NULL, &w), GIJI_ENOTFOUND);
    o.body = NULL;
    o.from = "2018";
    assert_int_equal(giji_query_who(f->st, "連携", &o, &w), GIJI_OK); /* exists, not in scope */
    assert_int_equal(w.n, 0);
    giji_who_free(&w);
}

/* ---- who of a text through the remark columns ---------------------------- */

/* A corpus over more than two chunks of the remark columns (1024 ids each):
 * 48 meetings of two bodies, dates out of insertion order and some unknown,
 * remarks by persons (some inferred), by labels that fit nobody, and
 * anonymous, with texts that hold 連携 (also at the very end), セキュリティ and
 * AI in varying numbers. */
enum { WT_MEETINGS = 48, WT_MAX_REMARKS = 64 };

static const char *const wt_texts[] = {
    "サイバーセキュリティの連携を強化する。", "AIの活用について。", "情報共有が重要だ。",
    "関係機関と連携", "セキュリティ人材とAI、そして連携。", "特になし。",
};

static unsigned wt_rand(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static void wt_put(fixture *f, int k, unsigned *seed)
{
    static giji_attendee att[5];
    static giji_remark rem[WT_MAX_REMARKS];
    static char date[32];
    static const char *const names[5][3] = {{"甲野一郎", "甲野 一郎", "甲野"}, {"乙川二郎", "乙川 二郎", "乙川"},
                                            {"丙田三子", "丙田 三子", "丙田"}, {"丁山四郎", "丁山 四郎", "丁山"},
                                            {"戊井五月", "戊井 五月", "戊井"}};
    giji_meeting m;
    memset(&m, 0, sizeof m);
    m.body = k % 3 ? "データ戦略会議" : "防災推進会議";
    m.title = "会議";
    m.session = k + 1;
    /* dates out of insertion order; every seventh meeting has none */
    if (k % 7 != 3)
        snprintf(date, sizeof date, "%04d-%02d-%02d", 2005 + (k * 7) % 15, 1 + k % 12, 1 + k % 28);
    else
        date[0] = '\0';
    snprintf(m.date, sizeof m.date, "%.10s", date);
    for (int a = 0; a < 5; a++)
        att[a] = (giji_attendee){(char *)names[(a + k) % 5][0], (char *)names[(a + k) % 5][1],
                                 (char *)names[(a + k) % 5][2], "委員", 0, 1, -1, (unsigned)(10 + a)};
    m.attendees = att;
    m.nattendees = 3 + k % 3;
    size_t n = 20 + wt_rand(seed) % (WT_MAX_REMARKS - 20);
    for (size_t i = 0; i < n; i++) {
        unsigned r = wt_rand(seed) % 10;
        int speaker = r < 5 ? (int)(wt_rand(seed) % m.nattendees) : -1;
        const char *label = r == 5 ? (wt_rand(seed) % 2 ? "某委員" : "事務局") : NULL;
        giji_attribution how = speaker < 0 ? GIJI_ATTR_NONE : r == 4 ? GIJI_ATTR_INFERRED : GIJI_ATTR_EXPLICIT;
        rem[i] = (giji_remark){speaker, (char *)label, how,
                               (char *)wt_texts[wt_rand(seed) % (sizeof wt_texts / sizeof *wt_texts)],
                               (unsigned)(20 + i), (unsigned)(20 + i), how == GIJI_ATTR_INFERRED ? "委員としては" : NULL,
                               NULL, 0};
    }
    m.remarks = rem;
    m.nremarks = n;
    char name[32], content[32];
    snprintf(name, sizeof name, "wt%02d.txt", k);
    snprintf(content, sizeof content, "wt%02d-%u", k, *seed);
    giji_source src = test_source(name, content);
    if (giji_store_put(f->st, &src, &m, NULL, NULL) != GIJI_OK)
        fail_msg("put %s: %s", name, giji_error_message());
}

static int wt_setup(void **state)
{
    if (fixture_setup(state))
        return -1;
    unsigned seed = 7;
    giji_store_batch_begin(((fixture *)*state)->st);
    for (int k = 0; k < WT_MEETINGS; k++) {
        if (k == WT_MEETINGS / 2) { /* half in a batch, half one by one */
            if (giji_store_batch_commit(((fixture *)*state)->st) != GIJI_OK)
                return -1;
        }
        wt_put(*state, k, &seed);
    }
    return 0;
}

/* The same answer by the remark columns and by the rows, field by field. */
static void wt_same(giji_store *st, const char *text, const giji_query_opts *o)
{
    giji_who x, y;
    query_who_by_rows = 0;
    if (giji_query_who(st, text, o, &x) != GIJI_OK)
        fail_msg("%s: %s", text, giji_error_message());
    query_who_by_rows = 1;
    if (giji_query_who(st, text, o, &y) != GIJI_OK)
        fail_msg("%s (rows): %s", text, giji_error_message());
    query_who_by_rows = 0;
    assert_int_equal(x.topic.kind, GIJI_TARGET_TEXT);
    who_equal(&x, &y, 1);
    giji_who_free(&x);
    giji_who_free(&y);
}

static void wt_all_same(giji_store *st)
{
    const char *texts[] = {"セキュリティ", "連携", "AI", "情報共有", "携"};
    const size_t limits[] = {0, 1, 3};
    const size_t speakers[] = {0, 2};
    giji_query_opts scopes[4];
    memset(scopes, 0, sizeof scopes);
    scopes[1].from = "2012";
    scopes[2].body = "防災推進会議";
    scopes[3].to = "2010-06";
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
        for (size_t l = 0; l < 3; l++)
            for (size_t k = 0; k < 2; k++)
                for (size_t s = 0; s < 4; s++) {
                    giji_query_opts o = scopes[s];
                    o.limit = limits[l];
                    o.speakers = speakers[k];
                    /* the meetings of the matches looked up, or all read */
                    store_text_meetings_looked_up = (t + l + s) % 2 ? 0 : 1024;
                    wt_same(st, texts[t], &o);
                }
    store_text_meetings_looked_up = 1024;
}

static void test_who_text_columns(void **state)
{
    fixture *f = *state;
    assert_true(raw_count(f, "SELECT max(id) FROM remarks") > 2048);
    /* every chunk written, none left stale, by the batch and the single puts */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols"),
                     raw_count(f, "SELECT count(DISTINCT id >> 10) FROM remarks"));
    wt_all_same(f->st);
    /* the columns say what the rows say */
    long long ids[3] = {1, 1500, raw_count(f, "SELECT max(id) FROM remarks")};
    giji_remark_col c[3];
    assert_int_equal(giji_store_remark_cols(f->st, ids, 3, c), GIJI_OK);
    for (int i = 0; i < 3; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT meeting_id * 100000 + coalesce(speaker_id, 0) FROM remarks WHERE id = %lld",
                 ids[i]);
        assert_int_equal(c[i].meeting * 100000 + c[i].speaker, raw_count(f, sql));
    }
    giji_remark_cols_clear(c, 3);
    /* a chunk nobody wrote (a writer that did not list it) is read from the rows */
    raw_exec(f, "DELETE FROM remark_cols WHERE chunk = 1");
    wt_all_same(f->st);

    /* another program changes speakers and moves remarks to an earlier
     * meeting (meeting ids no longer rise with remark ids): those chunks
     * are listed stale and read from the rows until giji writes again */
    raw_exec(f, "UPDATE remarks SET speaker_id = NULL, speaker_label = '臨時委員', attribution = 'explicit' "
                "WHERE id % 7 = 0;"
                "UPDATE remarks SET meeting_id = 1, seq = seq + 1000 WHERE id BETWEEN 1900 AND 1910");
    assert_true(raw_count(f, "SELECT count(*) FROM remark_cols_stale") > 0);
    wt_all_same(f->st);
    unsigned seed = 99;
    wt_put(f, WT_MEETINGS, &seed);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    wt_all_same(f->st);
    /* and a replaced file: its chunks rebuilt without its old remarks */
    raw_exec(f, "DELETE FROM sources WHERE name = 'wt03.txt'");
    seed = 5;
    wt_put(f, 3, &seed);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    wt_all_same(f->st);
}

static void test_topics(void **state)
{
    fixture *f = *state;
    giji_topics t;
    assert_int_equal(giji_query_topics(f->st, "野原", NULL, &t), GIJI_OK);
    assert_int_equal(t.nmeetings, 2); /* attended both, spoke in 2017 */
    assert_int_equal(t.remarks, 1);
    assert_string_equal(t.meetings[0].m.date, "2007-10-03");
    assert_string_equal(t.meetings[0].m.role, "社長");
    assert_int_equal(t.meetings[0].ntopics, 0);
    assert_int_equal(t.meetings[0].m.anonymous, 1);
    assert_string_equal(t.meetings[1].m.role, "本部員");
    assert_int_equal(t.noverall, 2);
    assert_string_equal(t.overall[0].name, "ISAC");
    assert_int_equal(t.overall[0].mentions, 2);
    assert_int_equal(t.overall[0].remarks, 1);
    giji_topics_free(&t);
    assert_int_equal(giji_query_topics(f->st, "村井純", NULL, &t), GIJI_OK);
    assert_int_equal(t.remarks, 2);
    assert_int_equal(t.inferred, 1);
    assert_string_equal(t.overall[0].name, "情報共有"); /* 2 remarks in 2 meetings */
    assert_int_equal(t.overall[0].meetings, 2);
    giji_topics_free(&t);
    assert_int_equal(giji_query_topics(f->st, "ISAC", NULL, &t), GIJI_ENOTFOUND);
}

static void test_search_literal(void **state)
{
    fixture *f = *state;
    const char *texts[] = {"'; DROP TABLE remarks; --", "100%", "_x_", "%", "_", "\"q\"", "OR 1=1",
                           "NEAR(a b)", "*", "情報の共有"};
    const size_t want[] = {1, 1, 1, 1, 1, 1, 0, 0, 0, 1};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        giji_hits h;
        giji_query_opts o = {0};
        if (giji_query_search(f->st, texts[i], &o, &h) != GIJI_OK)
            fail_msg("%s: %s", texts[i], giji_error_message());
        if (h.n != want[i])
            fail_msg("search %s: %zu hits, want %zu", texts[i], h.n, want[i]);
        if (h.n)
            assert_non_null(strstr(HOSTILE, h.items[0].kwic.match));
        giji_hits_free(&h);
    }
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks"), 5);
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");

    /* case and width: ISAC, isac, ＩＳＡＣ find the same remarks */
    size_t n[3];
    const char *spell[] = {"ISAC", "isac", "ＩＳＡＣ"};
    for (int i = 0; i < 3; i++) {
        giji_hits h;
        assert_int_equal(giji_query_search(f->st, spell[i], NULL, &h), GIJI_OK);
        n[i] = h.n;
        giji_hits_free(&h);
    }
    assert_int_equal(n[0], 3);
    assert_int_equal(n[1], 3);
    assert_int_equal(n[2], 3);
}

/* ---- the search plan (store/fts.c) ------------------------------------------ */

/* Occurrences of needle in text, overlapping ones too, ASCII letters without
 * case (UTF-8 is self-synchronizing, so a byte match of a valid needle
 * starts at a character). */
static int brute_count(const char *text, const char *needle)
{
    size_t n = strlen(needle);
    int c = 0;
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < n && p[i] && tolower((unsigned char)p[i]) == tolower((unsigned char)needle[i]))
            i++;
        c += i == n;
    }
    return c;
}

/* Remark texts where the trigrams of a query co-occur without lining up
 * (after a remark that has it, so that a scan switched to the covering
 * trigrams meets them), overlap, differ in case, end the text, or are too
 * long to split. */
static const char *const plan_texts[5] = {
    "セキュリティとセキュリティー。abcDEFabcdefAB",
    "セキュXリティ、リティセキュ、キュリティ、セキュリテ",
    "ああああああ、情報の共有",
    "情報の共有。\"引用\"\"の\"例",
    "あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこ"
    "あいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこあいうえおかきくけこ"
    "あいうえおかきくけこあいうえおかきくけこ",
};

static void search_plan_check(void **state)
{
    fixture *f = *state;
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE remarks SET text = ?1 WHERE id = ?2", -1, &s, NULL),
                     SQLITE_OK);
    long long ids[5];
    sqlite3_stmt *q = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM remarks ORDER BY id", -1, &q, NULL), SQLITE_OK);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(sqlite3_step(q), SQLITE_ROW);
        ids[i] = sqlite3_column_int64(q, 0);
        sqlite3_bind_text(s, 1, plan_texts[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, ids[i]);
        assert_int_equal(sqlite3_step(s), SQLITE_DONE);
        sqlite3_reset(s);
    }
    sqlite3_finalize(q);
    sqlite3_finalize(s);
    sqlite3_close(db);

    /* a 100-character text (longer than the plan splits) from the last remark */
    char longq[400];
    size_t cut = 0;
    for (int k = 0; k < 100; k++)
        cut += 3; /* the kana are 3 bytes each */
    memcpy(longq, plan_texts[4], cut);
    longq[cut] = '\0';
    const char *queries[] = {"セキュリティ", "セキュリティー", "キュリティ", "ああああ", "abcdef", "ABCDEF",
                             "cdefab", "の共有", "情報の共有", "\"引用\"\"", "リティセキュ", "セキュXリティ、リ",
                             "かきくけこあいうえおか", longq,
                             /* two characters: the trigrams that begin them, and the
                              * remarks that end with them (共有, AB, "例, B); one: a scan */
                             "ああ", "ab", "AB", "Ab", "共有", "情報", "\"例", "\"\"", "リテ", "ーー", "例", "B", "こ"};
    giji_hit_filter scope = {.from = "2000-01-01"};
    for (size_t k = 0; k < 2 * (sizeof queries / sizeof *queries); k++) {
        int filtered = k % 2;
        const char *texts[1] = {queries[k / 2]};
        giji_remark_hit *h = NULL;
        size_t n = 0, total = 0;
        if (giji_store_remark_search(f->st, texts, 1, filtered ? &scope : NULL, 0, &h, &n, &total) != GIJI_OK)
            fail_msg("%s: %s", texts[0], giji_error_message());
        size_t want_n = 0;
        for (int i = 0; i < 5; i++) {
            int c = brute_count(plan_texts[i], texts[0]);
            want_n += c > 0;
            size_t j = 0;
            while (j < n && h[j].id != ids[i])
                j++;
            if (c == 0 && j < n)
                fail_msg("%s: remark %d found, it does not contain it", texts[0], i);
            if (c > 0 && (j == n || h[j].rank != -c))
                fail_msg("%s: remark %d: want %d occurrences, got %s %g", texts[0], i, c,
                         j == n ? "nothing" : "rank", j == n ? 0.0 : h[j].rank);
        }
        if (n != want_n || total != want_n)
            fail_msg("%s: %zu hits (total %zu), want %zu", texts[0], n, total, want_n);
        for (size_t j = 1; j < n; j++) /* most occurrences first */
            assert_true(h[j - 1].rank <= h[j].rank);
        giji_remark_hits_free(h, n);
        /* with --limit 1 the best one and the same total */
        if (giji_store_remark_search(f->st, texts, 1, filtered ? &scope : NULL, 1, &h, &n, &total) != GIJI_OK)
            fail_msg("%s: %s", texts[0], giji_error_message());
        assert_int_equal(total, want_n);
        assert_int_equal(n, want_n ? 1 : 0);
        giji_remark_hits_free(h, n);
    }
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");

    /* two spellings: each one's occurrences add up; filtered (scoped) the same */
    const char *two[2] = {"セキュリティ", "キュリティ"};
    for (int filtered = 0; filtered < 2; filtered++) {
        giji_remark_hit *h = NULL;
        size_t n = 0, total = 0;
        assert_int_equal(giji_store_remark_search(f->st, two, 2, filtered ? &scope : NULL, 0, &h, &n, &total),
                         GIJI_OK);
        assert_int_equal(total, 2);
        assert_int_equal(n, 2);
        /* remark 0: セキュリティ 2 + キュリティ 2; remark 1: キュリティ 1 */
        assert_int_equal(h[0].id, ids[0]);
        assert_int_equal((int)h[0].rank, -4);
        assert_int_equal(h[1].id, ids[1]);
        assert_int_equal((int)h[1].rank, -1);
        giji_remark_hits_free(h, n);
    }
    /* a 2-character text with a longer one, and with one of 1 character
     * (then every text is scanned for): the occurrences add up */
    const char *mixed[2][2] = {{"共有", "情報の共有"}, {"共有", "例"}};
    const int want[2][2] = {{2, 2}, {1, 2}}; /* remarks 2 and 3 */
    for (int m = 0; m < 2; m++)
        for (int filtered = 0; filtered < 2; filtered++) {
            giji_remark_hit *h = NULL;
            size_t n = 0, total = 0;
            assert_int_equal(giji_store_remark_search(f->st, mixed[m], 2, filtered ? &scope : NULL, 0, &h, &n,
                                                      &total),
                             GIJI_OK);
            assert_int_equal(total, 2);
            assert_int_equal(n, 2);
            for (size_t j = 0; j < n; j++) {
                int want_rank = h[j].id == ids[2] ? want[m][0] : h[j].id == ids[3] ? want[m][1] : -1;
                assert_int_equal((int)h[j].rank, -want_rank);
            }
            giji_remark_hits_free(h, n);
        }
    /* a 2-character text of several trigrams before a longer text: each
     * text's phrases numbered after all the phrases before it */
    const char *several[][2] = {{"キュ", "セキュリティ"}, {"リテ", "情報の共有"}, {"あい", "キュリティ"}};
    for (size_t m = 0; m < sizeof several / sizeof *several; m++) {
        giji_remark_hit *h = NULL;
        size_t n = 0, total = 0;
        assert_int_equal(giji_store_remark_search(f->st, several[m], 2, NULL, 0, &h, &n, &total), GIJI_OK);
        for (int i = 0; i < 5; i++) {
            int c = brute_count(plan_texts[i], several[m][0]) + brute_count(plan_texts[i], several[m][1]);
            size_t j = 0;
            while (j < n && h[j].id != ids[i])
                j++;
            if (c != (j < n ? -(int)h[j].rank : 0))
                fail_msg("%s + %s: remark %d: want %d occurrences, got %d", several[m][0], several[m][1], i, c,
                         j < n ? -(int)h[j].rank : 0);
        }
        giji_remark_hits_free(h, n);
    }
}

static void test_search_plan(void **state)
{
    search_plan_check(state);
}

/* The same answers when the scan switches from the phrases to the covering
 * trigrams right after the first match (as it does, after 1024, for a
 * frequent text), and back at the first remark whose trigrams do not line
 * up, or never back. */
static void test_search_plan_switch(void **state)
{
    size_t at = store_fts_switch_at, misses = store_fts_switch_misses;
    store_fts_switch_at = 1;
    store_fts_switch_misses = 0;
    search_plan_check(state);
    store_fts_switch_misses = 1000;
    search_plan_check(state);
    store_fts_switch_at = at;
    store_fts_switch_misses = misses;
}

/* A remark with more occurrences of a 2-character text than the tally's
 * 16 bits hold is counted right (the plan goes the way of the OR'ed
 * trigrams). */
static void test_search_pair_many(void **state)
{
    fixture *f = *state;
    size_t n = 70000;
    char *text = malloc(3 * n + 4);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++)
        memcpy(text + 3 * i, "あ", 3);
    memcpy(text + 3 * n, "。", 4); /* so that no occurrence ends the text */
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE remarks SET text = ?1 WHERE id = (SELECT min(id) FROM remarks)",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_DONE);
    sqlite3_finalize(s);
    sqlite3_close(db);
    free(text);
    const char *texts[1] = {"ああ"};
    giji_remark_hit *h = NULL;
    size_t nh = 0, total = 0;
    double cost = store_fts_scan_cost;
    store_fts_scan_cost = 1e12; /* through the index, however small the corpus */
    assert_int_equal(giji_store_remark_search(f->st, texts, 1, NULL, 0, &h, &nh, &total), GIJI_OK);
    store_fts_scan_cost = cost;
    assert_int_equal(total, 1);
    assert_int_equal(nh, 1);
    assert_int_equal((int)h[0].rank, -(int)(n - 1));
    giji_remark_hits_free(h, nh);
}

/* store_fts_text_ids (a text's trigram lists read from the index's pages
 * and lined up in C) finds exactly the remarks FTS5's phrase query finds,
 * on an index of many segments: lists over many pages (a page's first rowid
 * written whole), position lists over pages (very long texts), delete
 * markers and rewritten rows in newer segments, an incremental merge left
 * half done (segments whose first pages are gone), and letters the index
 * folds. Rows go straight into remarks_fts (rowids no remark has): the
 * test is of the index, which does not check its content table. */
static void fts_rows(sqlite3 *db, long long from, long long to, const char *const *alpha, size_t na, size_t len,
                     unsigned *seed, int del)
{
    sqlite3_stmt *ins, *rm;
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO remarks_fts (rowid, text) VALUES (?1, ?2)", -1, &ins, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO remarks_fts (remarks_fts, rowid, text) "
                                            "SELECT 'delete', ?1, text FROM fts_shadow WHERE id = ?1", -1, &rm, NULL),
                     SQLITE_OK);
    char *text = malloc(4 * len + 1);
    assert_non_null(text);
    assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (long long id = from; id < to; id++) {
        size_t at = 0;
        for (size_t i = 0; i < len; i++) {
            *seed = *seed * 1103515245u + 12345u;
            const char *c = alpha[(*seed >> 16) % na];
            memcpy(text + at, c, strlen(c));
            at += strlen(c);
        }
        text[at] = '\0';
        if (del) { /* a row written before: deleted, then written anew */
            sqlite3_bind_int64(rm, 1, id);
            assert_int_equal(sqlite3_step(rm), SQLITE_DONE);
            sqlite3_reset(rm);
            if (id % 3 == 0) { /* some stay deleted */
                char q[96];
                snprintf(q, sizeof q, "DELETE FROM fts_shadow WHERE id = %lld", id);
                assert_int_equal(sqlite3_exec(db, q, NULL, NULL, NULL), SQLITE_OK);
                continue;
            }
        }
        sqlite3_bind_int64(ins, 1, id);
        sqlite3_bind_text(ins, 2, text, -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
        sqlite3_stmt *sh;
        assert_int_equal(sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO fts_shadow (id, text) VALUES (?1, ?2)", -1,
                                            &sh, NULL),
                         SQLITE_OK);
        sqlite3_bind_int64(sh, 1, id);
        sqlite3_bind_text(sh, 2, text, -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(sh), SQLITE_DONE);
        sqlite3_finalize(sh);
    }
    assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    free(text);
    sqlite3_finalize(ins);
    sqlite3_finalize(rm);
}

static void test_fts_lists_direct(void **state)
{
    fixture *f = *state;
    static const char *const alpha[] = {"情", "報", "共", "有", "連", "携", "I", "s", "A", "c"};
    const size_t na = sizeof alpha / sizeof *alpha;
    sqlite3 *db = raw_open(f);
    /* the texts written, to delete them again (remarks_fts reads its content
     * table for nothing here: 'delete' is given the old text) */
    assert_int_equal(sqlite3_exec(db, "CREATE TEMP TABLE fts_shadow (id INTEGER PRIMARY KEY, text TEXT)", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    /* no merging while the segments are made: one is started by hand below */
    assert_int_equal(sqlite3_exec(db, "INSERT INTO remarks_fts (remarks_fts, rank) VALUES ('automerge', 0)", NULL,
                                  NULL, NULL),
                     SQLITE_OK);
    unsigned seed = 777;
    const long long base = 1000000;
    for (int round = 0; round < 6; round++) /* one segment each: many rows, lists over many pages */
        fts_rows(db, base + round * 1500, base + (round + 1) * 1500, alpha, 4, 12, &seed, 0);
    fts_rows(db, base + 9000, base + 9004, alpha, 3, 9000, &seed, 0);  /* long position lists */
    fts_rows(db, base + 9004, base + 9400, alpha, na, 20, &seed, 0);   /* letters the index folds */
    fts_rows(db, base + 100, base + 2600, alpha, 4, 12, &seed, 1);     /* rewritten and deleted rows */
    fts_rows(db, base + 9001, base + 9002, alpha, 3, 9000, &seed, 1);
    fts_rows(db, base + 2600, base + 3000, alpha, 4, 12, &seed, 1);
    /* an incremental merge stopped early: its inputs lose their first pages */
    assert_int_equal(sqlite3_exec(db, "INSERT INTO remarks_fts (remarks_fts, rank) VALUES ('merge', 8)", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    store_fts_segment *segs = NULL;
    size_t nsegs = 0;
    assert_int_equal(store_fts_segments(f->st, &segs, &nsegs), GIJI_OK);
    int trimmed = 0;
    for (size_t i = 0; i < nsegs; i++)
        trimmed |= segs[i].first > 1;
    free(segs);
    assert_true(nsegs > 3);
    assert_true(trimmed);
    long long min = store_fts_lists_min_docs;
    store_fts_lists_min_docs = 0;
    char texts[160][32];
    size_t nt = 0;
    for (size_t a = 0; a < 4; a++) /* every trigram of the first four characters */
        for (size_t b = 0; b < 4; b++)
            for (size_t c = 0; c < 4; c++)
                snprintf(texts[nt++], sizeof texts[0], "%s%s%s", alpha[a], alpha[b], alpha[c]);
    for (; nt < 150; nt++) { /* longer texts, in the folded letters too */
        size_t len = 4 + nt % 5, at = 0;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *c = alpha[(seed >> 16) % (nt % 2 ? na : 4)];
            at += (size_t)snprintf(texts[nt] + at, sizeof texts[0] - at, "%s", c);
        }
    }
    snprintf(texts[nt++], sizeof texts[0], "isac");
    snprintf(texts[nt++], sizeof texts[0], "ISAC");
    size_t direct = 0, found = 0;
    for (size_t k = 0; k < nt; k++) {
        long long *ids = NULL;
        size_t n = 0;
        const char *one[1] = {texts[k]};
        int rc = store_fts_text_ids(f->st, one, 1, &ids, &n);
        /* FTS5's phrase */
        char q[160];
        snprintf(q, sizeof q, "SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH '\"%.32s\"' ORDER BY rowid",
                 texts[k]);
        sqlite3_stmt *s;
        assert_int_equal(store_prepare(f->st, q, &s), GIJI_OK);
        size_t m = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            long long id = sqlite3_column_int64(s, 0);
            if (rc == GIJI_OK && (m >= n || ids[m] != id))
                fail_msg("%s: FTS5 has %lld, the lists %lld (at %zu of %zu)", texts[k], id, m < n ? ids[m] : -1LL,
                         m, n);
            m++;
        }
        sqlite3_finalize(s);
        if (rc == GIJI_ENOTFOUND) { /* only a text with a trigram the index lacks */
            assert_int_equal(m, 0);
        } else {
            assert_int_equal(rc, GIJI_OK);
            assert_int_equal(m, n);
            direct++;
            found += n;
            /* a search's ranks (how many times each remark holds the text)
             * and its best 20, as FTS5's way keeps them */
            store_fts_plan *p[2];
            const store_fts_rank *best[2];
            size_t nb[2], total[2];
            for (int way = 0; way < 2; way++) {
                assert_int_equal(store_fts_plan_new(f->st, one, 1, &p[way]), GIJI_OK);
                store_fts_plan_collect(p[way], 20);
                assert_int_equal(way ? store_fts_collect(f->st, p[way], 20) : store_fts_text_keep(f->st, p[way], texts[k]),
                                 GIJI_OK);
                assert_int_equal(store_fts_plan_result(p[way], &best[way], &nb[way], &total[way]), GIJI_OK);
            }
            assert_int_equal(total[0], total[1]);
            assert_int_equal(total[0], n);
            assert_int_equal(nb[0], nb[1]);
            for (size_t j = 0; j < nb[0]; j++) {
                assert_int_equal(best[0][j].id, best[1][j].id);
                assert_int_equal(best[0][j].rank, best[1][j].rank);
            }
            store_fts_plan_free(p[0]);
            store_fts_plan_free(p[1]);
        }
        free(ids);
    }
    store_fts_lists_min_docs = min;
    assert_true(direct > 100);
    assert_true(found > 1000);
}

/* store_fts_terms (a 2-character text's trigrams read from the index's
 * pages) lists every trigram fts5vocab lists, on an index of many pages and
 * segments with delete markers (remarks rewritten in separate
 * transactions); a trigram only it lists is one whose remarks were all
 * rewritten: it matches nothing. Searches give the same answers either way. */
typedef struct term_list { char (*t)[16]; size_t n, cap; } term_list;

static int collect_term(void *ctx, const char *t, size_t len, long long docs)
{
    term_list *l = ctx;
    assert_true(docs > 0);
    assert_true(len < 16);
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->t = realloc(l->t, l->cap * sizeof *l->t);
        assert_non_null(l->t);
    }
    memcpy(l->t[l->n], t, len);
    l->t[l->n++][len] = '\0';
    return 0;
}

static void test_fts_terms_walk(void **state)
{
    fixture *f = *state;
    static const char *const kanji[] = {"情", "報", "共", "有", "連", "携", "推", "進", "体", "制", "強", "化"};
    const size_t nk = sizeof kanji / sizeof *kanji;
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "UPDATE remarks SET text = ?1 WHERE id = "
                                            "(SELECT id FROM remarks ORDER BY id LIMIT 1 OFFSET ?2)", -1, &s, NULL),
                     SQLITE_OK);
    long long nremarks = 0;
    assert_int_equal(store_query_int(f->st, "SELECT count(*) FROM remarks", &nremarks), GIJI_OK);
    unsigned seed = 12345;
    char *text = malloc(3 * 6000 + 1);
    assert_non_null(text);
    for (int round = 0; round < 24; round++) { /* one transaction each: one segment each */
        size_t len = 200 + (size_t)(round % 5) * 1200;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            /* early rounds use the whole alphabet; later ones leave some out,
             * so that some trigrams lose every remark */
            size_t k = (seed >> 16) % (round < 12 ? nk : nk - 4);
            memcpy(text + 3 * i, kanji[k], 3);
        }
        text[3 * len] = '\0';
        sqlite3_bind_text(s, 1, text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 2, round % nremarks);
        assert_int_equal(sqlite3_step(s), SQLITE_DONE);
        sqlite3_reset(s);
    }
    free(text);
    sqlite3_finalize(s);
    sqlite3_close(db);
    long long segments = 0, pages = 0;
    assert_int_equal(store_query_int(f->st, "SELECT count(DISTINCT segid) FROM remarks_fts_idx", &segments), GIJI_OK);
    assert_int_equal(store_query_int(f->st, "SELECT count(*) FROM remarks_fts_data", &pages), GIJI_OK);
    assert_true(segments > 1);
    assert_true(pages > 20);
    size_t extra = 0, listed = 0;
    for (size_t a = 0; a < nk; a++)
        for (size_t b = 0; b < nk; b++) {
            char pre[8];
            snprintf(pre, sizeof pre, "%s%s", kanji[a], kanji[b]);
            term_list walk = {0}, vocab = {0};
            assert_int_equal(store_fts_terms(f->st, pre, strlen(pre), collect_term, &walk), GIJI_OK);
            char hi[16];
            snprintf(hi, sizeof hi, "%s\xF4\x8F\xBF\xBF", pre);
            sqlite3_stmt *v;
            assert_int_equal(store_prepare(f->st, "SELECT term FROM remarks_fts_terms WHERE term >= ?1 AND term <= ?2",
                                           &v),
                             GIJI_OK);
            sqlite3_bind_text(v, 1, pre, -1, SQLITE_STATIC);
            sqlite3_bind_text(v, 2, hi, -1, SQLITE_STATIC);
            while (sqlite3_step(v) == SQLITE_ROW)
                collect_term(&vocab, (const char *)sqlite3_column_text(v, 0), (size_t)sqlite3_column_bytes(v, 0), 1);
            sqlite3_finalize(v);
            for (size_t i = 1; i < walk.n; i++) /* in order, each once */
                assert_true(strcmp(walk.t[i - 1], walk.t[i]) < 0);
            size_t j = 0;
            for (size_t i = 0; i < walk.n; i++) {
                if (j < vocab.n && !strcmp(walk.t[i], vocab.t[j])) {
                    j++;
                    continue;
                }
                /* listed by the walk only: no remark holds it any more */
                char q[128];
                long long hits = -1;
                snprintf(q, sizeof q, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"%s\"'", walk.t[i]);
                if (store_query_int(f->st, q, &hits) != GIJI_OK)
                    fail_msg("%s: %s", q, giji_error_message());
                assert_int_equal(hits, 0);
                extra++;
            }
            if (j != vocab.n)
                fail_msg("%s: the walk missed %s", pre, vocab.t[j]);
            listed += vocab.n;
            free(walk.t);
            free(vocab.t);
        }
    assert_true(listed > 100);
    assert_true(extra > 0); /* the rewritten remarks did leave dead trigrams */
    /* the same searches either way, alone and with a longer text */
    const char *const pairs[][2] = {{"情報", NULL}, {"推進", "情報共有"}, {"共有", "連携推進"}, {"連携", NULL}};
    double cost = store_fts_scan_cost;
    store_fts_scan_cost = 1e12;
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        const char *texts[2] = {pairs[k][0], pairs[k][1]};
        size_t nt = texts[1] ? 2 : 1;
        giji_remark_hit *h[2];
        size_t n[2], total[2];
        for (int way = 0; way < 2; way++) {
            store_fts_use_vocab = way;
            assert_int_equal(giji_store_remark_search(f->st, texts, nt, NULL, 0, &h[way], &n[way], &total[way]),
                             GIJI_OK);
        }
        store_fts_use_vocab = 0;
        assert_int_equal(n[0], n[1]);
        assert_int_equal(total[0], total[1]);
        assert_true(total[0] > 0);
        for (size_t j = 0; j < n[0]; j++) {
            assert_int_equal(h[0][j].id, h[1][j].id);
            assert_int_equal((int)h[0][j].rank, (int)h[1][j].rank);
        }
        giji_remark_hits_free(h[0], n[0]);
        giji_remark_hits_free(h[1], n[1]);
    }
    store_fts_scan_cost = cost;
}

/* The same answers when the index is taken for every 2-character text
 * (on this small corpus a scan would cost less): without a filter, each
 * trigram counted on its own (store_fts_tally). */
static void test_search_pairs_indexed(void **state)
{
    double cost = store_fts_scan_cost;
    store_fts_scan_cost = 1e12;
    search_plan_check(state);
    /* with a filter that leaves one meeting out (its remarks are dropped
     * from the tally by the scope's bitmap): the same as a scan */
    fixture *f = *state;
    const char *pairs[] = {"ああ", "ab", "共有", "情報", "\"例", "リテ"};
    giji_hit_filter later = {.from = "2010-01-01"};
    size_t left_out = 0;
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        const char *texts[1] = {pairs[k]};
        giji_remark_hit *h[2];
        size_t n[2], total[2];
        for (int way = 0; way < 2; way++) {
            store_fts_scan_cost = way ? 0 : 1e12;
            assert_int_equal(giji_store_remark_search(f->st, texts, 1, &later, 0, &h[way], &n[way], &total[way]),
                             GIJI_OK);
        }
        assert_int_equal(n[0], n[1]);
        assert_int_equal(total[0], total[1]);
        giji_remark_hit *all;
        size_t nall, tall;
        assert_int_equal(giji_store_remark_search(f->st, texts, 1, NULL, 0, &all, &nall, &tall), GIJI_OK);
        giji_remark_hits_free(all, nall);
        left_out += tall - total[0];
        for (size_t j = 0; j < n[0]; j++) {
            assert_int_equal(h[0][j].id, h[1][j].id);
            assert_int_equal((int)h[0][j].rank, (int)h[1][j].rank);
        }
        giji_remark_hits_free(h[0], n[0]);
        giji_remark_hits_free(h[1], n[1]);
    }
    assert_true(left_out > 0); /* the filter did leave matches out */
    store_fts_scan_cost = cost;
}

/* The same answers when 2-character texts are scanned for, as they are
 * when their trigrams would cost more to read than every remark. */
static void test_search_pairs_scanned(void **state)
{
    double cost = store_fts_scan_cost;
    store_fts_scan_cost = 0;
    search_plan_check(state);
    store_fts_scan_cost = cost;
}

static void test_fts_follows_replacement(void **state)
{
    fixture *f = *state;
    m2017 b;
    m2017_init(&b, "情報の共有が大切だ。差し替え後の文。");
    giji_source sb = test_source("b2017.txt", "b2017 v2");
    giji_store_status status;
    assert_int_equal(giji_store_put(f->st, &sb, &b.m, &status, NULL), GIJI_OK);
    assert_int_equal(status, GIJI_STORE_REPLACED);
    giji_hits h;
    assert_int_equal(giji_query_search(f->st, "DROP TABLE", NULL, &h), GIJI_OK);
    assert_int_equal(h.n, 0); /* the old text left the index with its remarks */
    giji_hits_free(&h);
    assert_int_equal(giji_query_search(f->st, "差し替え後", NULL, &h), GIJI_OK);
    assert_int_equal(h.n, 1);
    giji_hits_free(&h);
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"ISAC\"'"), 3);
    /* entity_remarks followed the mentions: one row per entity and remark */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM (SELECT entity_id, remark_id, count(*) FROM mentions "
                                  "GROUP BY 1, 2 EXCEPT SELECT entity_id, remark_id, mentions "
                                  "FROM entity_remarks)"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_remarks"),
                     raw_count(f, "SELECT count(*) FROM (SELECT DISTINCT entity_id, remark_id FROM mentions)"));
    assert_int_equal(raw_count(f, "SELECT mentions FROM entity_remarks er JOIN entities e ON e.id = er.entity_id "
                                  "JOIN remarks r ON r.id = er.remark_id WHERE e.name = 'ISAC' "
                                  "AND r.speaker_id IS NOT NULL"), 2);
    giji_who w;
    assert_int_equal(giji_query_who(f->st, "ISAC", NULL, &w), GIJI_OK);
    assert_int_equal(w.nkeys, 2);
    giji_who_free(&w);
}

/* entity_remarks follows a remark changed behind giji's back; a label that
 * fits nobody groups its remarks. */
static void test_entity_remarks_follow_updates(void **state)
{
    fixture *f = *state;
    raw_exec(f, "UPDATE remarks SET speaker_id = NULL, speaker_label = '某委員', attribution = 'none' "
                "WHERE text LIKE 'ISACとNISC%'");
    giji_who w;
    assert_int_equal(giji_query_who(f->st, "ISAC", NULL, &w), GIJI_OK);
    assert_int_equal(w.ngroups, 2);
    assert_int_equal(w.groups[0].person, 0);
    assert_string_equal(w.groups[0].label, "某委員"); /* labels before the anonymous */
    assert_int_equal(w.groups[0].rank, 0);
    assert_null(w.groups[1].label);
    giji_who_free(&w);
}

static void test_remarks_all_entities(void **state)
{
    fixture *f = *state;
    giji_target a, b;
    assert_int_equal(giji_resolve(f->st, "ISAC", GIJI_FIND_ENTITY, &a), GIJI_OK);
    assert_int_equal(giji_resolve(f->st, "NISC", GIJI_FIND_ENTITY, &b), GIJI_OK);
    long long ids[] = {a.id, b.id};
    giji_hit_filter hf = {0};
    hf.entities = ids;
    hf.nentities = 2;
    giji_hits h;
    assert_int_equal(giji_query_remarks(f->st, &hf, NULL, &h), GIJI_OK);
    assert_int_equal(h.n, 1); /* both: only 野原's 2017 remark */
    assert_string_equal(h.items[0].kwic.match, "ISAC");
    assert_string_equal(h.items[0].r.source, "b2017.txt");
    assert_int_equal(h.items[0].r.line, 30);
    assert_int_equal(h.items[0].r.last_line, 31);
    giji_hits_free(&h);
    hf.nentities = 1;
    giji_query_opts o = {0};
    o.limit = 1;
    assert_int_equal(giji_query_remarks(f->st, &hf, &o, &h), GIJI_OK);
    assert_int_equal(h.n, 1);
    assert_int_equal(h.total, 2);
    assert_string_equal(h.items[0].r.date, "2007-10-03"); /* corpus order */
    giji_hits_free(&h);
    giji_target_free(&a);
    giji_target_free(&b);
}

static void test_timeline(void **state)
{
    fixture *f = *state;
    giji_timeline t;
    assert_int_equal(giji_query_timeline(f->st, "ISAC", NULL, GIJI_BY_MEETING, &t), GIJI_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.points[1].mentions, 2);
    assert_int_equal(t.mentions, 3);
    giji_timeline_free(&t);
    assert_int_equal(giji_query_timeline(f->st, "ISAC", NULL, GIJI_BY_YEAR, &t), GIJI_OK);
    assert_int_equal(t.n, 11); /* 2007 .. 2017, the years between with 0 */
    assert_string_equal(t.points[1].label, "2008");
    assert_int_equal(t.points[1].mentions, 0);
    giji_timeline_free(&t);
    assert_int_equal(giji_query_timeline(f->st, "野原 佐和子", NULL, GIJI_BY_MONTH, &t), GIJI_OK);
    assert_int_equal(t.target.kind, GIJI_TARGET_PERSON);
    assert_int_equal(t.n, 9 * 12 + 4); /* 2007-10 .. 2017-01 */
    assert_int_equal(t.remarks, 1);
    giji_timeline_free(&t);

    /* the chart escapes what it quotes */
    assert_int_equal(giji_query_timeline(f->st, "R&D<\"研究\">", NULL, GIJI_BY_MEETING, &t), GIJI_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    assert_non_null(mem);
    assert_int_equal(giji_timeline_svg(&t, mem), GIJI_OK);
    fclose(mem);
    assert_non_null(strstr(buf, "R&amp;D&lt;&quot;研究&quot;&gt;"));
    assert_null(strstr(buf, "R&D"));
    assert_non_null(strstr(buf, "</svg>"));
    free(buf);
    giji_timeline_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_suggest_pick),
        cmocka_unit_test(test_text_find),
        cmocka_unit_test(test_kwic),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_date_bound),
        cmocka_unit_test_setup_teardown(test_resolve, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_suggest, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_who, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_who_counted, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_who_text_columns, wt_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_topics, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_literal, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_plan, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_plan_switch, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_pairs_scanned, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_pairs_indexed, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_pair_many, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fts_terms_walk, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fts_lists_direct, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_fts_follows_replacement, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_entity_remarks_follow_updates, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_remarks_all_entities, corpus_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_timeline, corpus_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
