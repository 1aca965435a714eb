/*
 * test_store.c — store/: schema creation and checks, put (NEW / UNCHANGED /
 * REPLACED), reading every field back, person merging and orphan removal,
 * rollback on failure mid-transaction, hostile strings, ordering, mentions
 * and entities, snapshots. Meetings are built by hand (store_fixture.h), so
 * these tests do not depend on the parser.
 */
#include "store_fixture.h"

#include <sys/stat.h>

#define OK(call) do { int rc_ = (call); if (rc_ != GIJI_OK) fail_msg("%s: %s", #call, giji_error_message()); } while (0)

static void assert_str_or_null(const char *got, const char *want)
{
    if (!want)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(got, want);
    }
}

static void check_stats(giji_store *st, long long meetings, long long persons, long long attendances,
                        long long remarks, long long warnings)
{
    giji_store_stats s;
    OK(giji_store_stats_get(st, &s));
    assert_int_equal(s.meetings, meetings);
    assert_int_equal(s.persons, persons);
    assert_int_equal(s.attendances, attendances);
    assert_int_equal(s.remarks, remarks);
    assert_int_equal(s.warnings, warnings);
}

/* ---- opening ------------------------------------------------------------ */

static void test_open_creates_schema_and_dir(void **state)
{
    fixture *f = *state;
    struct stat sb;
    assert_int_equal(stat(f->db, &sb), 0); /* out/ was created */
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 1);
    long long cv = -1;
    OK(giji_store_content_version(f->st, &cv));
    assert_int_equal(cv, 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
    check_stats(f->st, 0, 0, 0, 0, 0);
    /* Reopening an existing database checks rather than recreates. */
    giji_store *again = NULL;
    OK(giji_store_open(f->db, &again));
    giji_store_close(again);
}

static void test_open_refuses_newer_schema(void **state)
{
    fixture *f = *state;
    raw_exec(f, "UPDATE meta SET value = '2' WHERE key = 'schema_version'");
    giji_store *st = NULL;
    assert_int_equal(giji_store_open(f->db, &st), GIJI_EDB);
    assert_null(st);
    assert_non_null(strstr(giji_error_message(), "newer giji"));
    assert_non_null(strstr(giji_error_message(), f->db));
}

static void test_open_refuses_foreign_files(void **state)
{
    fixture *f = *state;
    char path[160];
    giji_store *st = NULL;
    /* An SQLite database of someone else's. */
    snprintf(path, sizeof path, "%s/other.db", f->dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(giji_store_open(path, &st), GIJI_EDB);
    assert_non_null(strstr(giji_error_message(), "not a giji database"));
    unlink(path);
    /* A text file. */
    snprintf(path, sizeof path, "%s/notes.txt", f->dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("this is not a database, just some text that is long enough to have a header\n", fp);
    fclose(fp);
    assert_int_equal(giji_store_open(path, &st), GIJI_EDB);
    assert_non_null(strstr(giji_error_message(), path));
    unlink(path);
    /* A parent that is a file. */
    snprintf(path, sizeof path, "%s/out/giji.db/x.db", f->dir);
    assert_int_not_equal(giji_store_open(path, &st), GIJI_OK);
    assert_null(st);
}

/* ---- put and read back -------------------------------------------------- */

static void check_fixture_meeting(giji_store *st, long long id, const giji_source *src)
{
    giji_meeting_rec r;
    OK(giji_store_meeting_get(st, id, &r));
    assert_int_equal(r.id, id);
    assert_string_equal(r.source, src->name);
    assert_string_equal(r.sha256, src->sha256);
    assert_string_equal(r.encoding, "UTF-8");
    assert_string_equal(r.body, "サイバーセキュリティ戦略本部");
    assert_null(r.parent_body);
    assert_string_equal(r.title, "サイバーセキュリティ戦略本部 第11回会合");
    assert_string_equal(r.kind, "議事概要");
    assert_int_equal(r.session, 11);
    assert_string_equal(r.date, "2017-01-25");
    assert_string_equal(r.start, "08:30");
    assert_string_equal(r.end, "09:30");
    assert_string_equal(r.place, "総理大臣官邸4階大会議室");

    test_meeting t;
    test_meeting_init(&t);
    assert_int_equal(r.nattendees, 4);
    for (size_t i = 0; i < 4; i++) {
        const giji_attendance_rec *a = &r.attendees[i];
        assert_true(a->person > 0);
        assert_string_equal(a->name, t.att[i].name);
        assert_string_equal(a->display, t.att[i].display);
        assert_string_equal(a->role, t.att[i].role);
        assert_int_equal(a->group, t.att[i].group);
        assert_int_equal(a->present, t.att[i].present);
        assert_int_equal(a->line, t.att[i].line);
    }
    assert_int_equal(r.attendees[0].proxy_for, 0);
    assert_int_equal(r.attendees[2].proxy_for, r.attendees[1].person); /* index -> person id */
    assert_int_not_equal(r.attendees[0].person, r.attendees[1].person);

    static const char *const attr[] = {"explicit", "chair", "none", "inferred"};
    assert_int_equal(r.nremarks, 4);
    for (size_t i = 0; i < 4; i++) {
        const giji_remark_rec *m = &r.remarks[i];
        assert_true(m->id > 0);
        assert_int_equal(m->seq, (int)i + 1);
        assert_string_equal(m->attribution, attr[i]);
        assert_string_equal(m->text, t.rem[i].text);
        assert_str_or_null(m->speaker_label, t.rem[i].speaker_label);
        assert_str_or_null(m->cue, t.rem[i].cue);
        assert_int_equal(m->line, t.rem[i].line);
        assert_int_equal(m->last_line, t.rem[i].last_line);
        assert_int_equal(m->nmentions, 0);
    }
    assert_int_equal(r.remarks[0].speaker, r.attendees[0].person);
    assert_int_equal(r.remarks[1].speaker, r.attendees[0].person);
    assert_int_equal(r.remarks[2].speaker, 0);
    assert_int_equal(r.remarks[3].speaker, r.attendees[3].person);

    assert_int_equal(r.nagenda, 2);
    assert_string_equal(r.agenda[0], t.agenda[0]);
    assert_string_equal(r.agenda[1], t.agenda[1]);
    assert_int_equal(r.nwarnings, 1);
    assert_int_equal(r.warnings[0].line, 26);
    assert_string_equal(r.warnings[0].message, "remark without speaker label");
    giji_meeting_rec_free(&r);
}

static void test_put_and_read_back(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source src = test_source("000_329f7531fe1d3291.txt", "minutes v1");
    giji_store_status status = GIJI_STORE_UNCHANGED;
    long long id = 0;
    OK(giji_store_put(f->st, &src, &t.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_NEW);
    assert_true(id > 0);
    check_fixture_meeting(f->st, id, &src);
    check_stats(f->st, 1, 4, 4, 4, 1);
    long long cv;
    OK(giji_store_content_version(f->st, &cv));
    assert_int_equal(cv, 1);

    giji_person_rec *p;
    size_t n;
    OK(giji_store_persons(f->st, &p, &n));
    assert_int_equal(n, 4);
    assert_string_equal(p[0].name, "菅義偉");
    assert_string_equal(p[0].display, "菅 義偉");
    assert_string_equal(p[2].name, "あかま次郎");
    giji_person_recs_free(p, n);

    long long *ids;
    OK(giji_store_meeting_ids(f->st, &ids, &n));
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], id);
    free(ids);

    int found = 0;
    char *name = NULL;
    OK(giji_store_has_content(f->st, src.sha256, &found, &name));
    assert_true(found);
    assert_string_equal(name, src.name);
    free(name);
    giji_source other = test_source("x.txt", "other bytes");
    OK(giji_store_has_content(f->st, other.sha256, &found, &name));
    assert_false(found);
    assert_null(name);

    assert_int_equal(giji_store_meeting_get(f->st, id + 1000, &(giji_meeting_rec){0}), GIJI_ENOTFOUND);
    assert_int_equal(raw_fk_violations(f), 0);
}

static void test_put_unchanged(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source src = test_source("a.txt", "same bytes");
    giji_store_status status;
    long long id1 = 0, id2 = 0, cv1, cv2;
    OK(giji_store_put(f->st, &src, &t.m, &status, &id1));
    OK(giji_store_content_version(f->st, &cv1));
    OK(giji_store_put(f->st, &src, &t.m, &status, &id2));
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id2, id1);
    /* The same bytes under another name are the same content. */
    giji_source copy = test_source("copy-of-a.txt", "same bytes");
    OK(giji_store_put(f->st, &copy, &t.m, &status, &id2));
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id2, id1);
    OK(giji_store_content_version(f->st, &cv2));
    assert_int_equal(cv2, cv1);
    check_stats(f->st, 1, 4, 4, 4, 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 1);
}

static void test_put_replaced(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source v1 = test_source("a.txt", "version 1");
    giji_store_status status;
    long long id1, id2, id3, cv1, cv2;
    OK(giji_store_put(f->st, &v1, &t.m, &status, &id1));

    /* Another file shares 菅義偉 (spelled differently) with a.txt. */
    test_meeting u;
    test_meeting_init(&u);
    u.att[0].display = "菅　義偉";
    u.m.nattendees = 1;
    u.m.nremarks = 1;
    u.m.nwarnings = 0;
    giji_source b = test_source("b.txt", "other file");
    OK(giji_store_put(f->st, &b, &u.m, &status, &id3));
    assert_int_equal(status, GIJI_STORE_NEW);
    check_stats(f->st, 2, 4, 5, 5, 1);
    OK(giji_store_content_version(f->st, &cv1));

    /* a.txt changes: fewer attendees and remarks, one new person. */
    test_meeting t2;
    test_meeting_init(&t2);
    t2.att[1] = (giji_attendee){"新藤義孝", "新藤 義孝", "新藤", "総務大臣", 0, 1, -1, 13};
    t2.att[2].proxy_for = -1;
    t2.m.nattendees = 3;
    t2.rem[0].text = "改訂版の発言";
    t2.m.nremarks = 2;
    t2.m.nagenda = 1;
    t2.m.nwarnings = 0;
    giji_source v2 = test_source("a.txt", "version 2");
    OK(giji_store_put(f->st, &v2, &t2.m, &status, &id2));
    assert_int_equal(status, GIJI_STORE_REPLACED);
    assert_int_not_equal(id2, id1);
    giji_meeting_rec gone;
    assert_int_equal(giji_store_meeting_get(f->st, id1, &gone), GIJI_ENOTFOUND);
    assert_int_equal(gone.nremarks, 0);

    /* Old rows are gone, persons nobody refers to (丸川, 遠藤) too; 菅 is
     * shared with b.txt and kept with its first display. */
    check_stats(f->st, 2, 3, 4, 3, 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM agenda"), 1 + 2); /* a.txt v2 + b.txt */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks WHERE text = 'ただいまから会合を開催します。'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM persons WHERE name IN ('丸川珠代', '遠藤信博')"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM persons WHERE name = '菅義偉' AND display = '菅 義偉'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM attendances WHERE display = '菅　義偉'"), 1);
    assert_int_equal(raw_fk_violations(f), 0);
    OK(giji_store_content_version(f->st, &cv2));
    assert_int_equal(cv2, cv1 + 1);

    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, id2, &r));
    assert_string_equal(r.sha256, v2.sha256);
    assert_int_equal(r.nattendees, 3);
    assert_string_equal(r.attendees[1].name, "新藤義孝");
    assert_string_equal(r.remarks[0].text, "改訂版の発言");
    giji_meeting_rec_free(&r);
}

/* ---- failures leave nothing behind -------------------------------------- */

static const char fail_trigger[] =
    "CREATE TRIGGER fail_remark BEFORE INSERT ON remarks WHEN NEW.text = 'FAIL' "
    "BEGIN SELECT RAISE(ABORT, 'forced failure'); END";

static void test_failure_mid_transaction_rolls_back(void **state)
{
    fixture *f = *state;
    raw_exec(f, fail_trigger);
    test_meeting t;
    test_meeting_init(&t);
    t.rem[2].text = "FAIL"; /* after source, meeting, persons, attendances, 2 remarks */
    giji_source src = test_source("a.txt", "bytes");
    giji_store_status status = GIJI_STORE_NEW;
    long long id = 99;
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EDB);
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id, 0);
    const char *msg = giji_error_message();
    assert_non_null(strstr(msg, f->db));
    assert_non_null(strstr(msg, "remark 3 of a.txt"));
    assert_non_null(strstr(msg, "forced failure"));
    check_stats(f->st, 0, 0, 0, 0, 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 0);
    long long cv;
    OK(giji_store_content_version(f->st, &cv));
    assert_int_equal(cv, 0);
    /* The handle is still usable. */
    t.rem[2].text = "fine";
    OK(giji_store_put(f->st, &src, &t.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_NEW);
}

static void test_failed_replacement_keeps_old(void **state)
{
    fixture *f = *state;
    raw_exec(f, fail_trigger);
    test_meeting t;
    test_meeting_init(&t);
    giji_source v1 = test_source("a.txt", "version 1");
    giji_store_status status;
    long long id1, id2;
    OK(giji_store_put(f->st, &v1, &t.m, &status, &id1));
    t.rem[3].text = "FAIL";
    giji_source v2 = test_source("a.txt", "version 2");
    assert_int_equal(giji_store_put(f->st, &v2, &t.m, &status, &id2), GIJI_EDB);
    /* The delete of version 1 was rolled back with the rest. */
    check_fixture_meeting(f->st, id1, &v1);
    check_stats(f->st, 1, 4, 4, 4, 1);
    assert_int_equal(raw_fk_violations(f), 0);
}

static void test_invalid_meeting_rejected(void **state)
{
    fixture *f = *state;
    giji_source src = test_source("a.txt", "bytes");
    giji_store_status status;
    long long id;
    test_meeting t;

    test_meeting_init(&t);
    t.rem[1].attribution = (giji_attribution)99;
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "a.txt:22: remark 2 has invalid attribution"));

    test_meeting_init(&t);
    t.rem[0].speaker = 4;
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EINVAL);

    test_meeting_init(&t);
    t.att[3].proxy_for = 7;
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EINVAL);

    test_meeting_init(&t);
    t.att[0].name = "";
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EINVAL);

    test_meeting_init(&t);
    giji_source bad = src;
    bad.sha256[3] = 'X';
    assert_int_equal(giji_store_put(f->st, &bad, &t.m, &status, &id), GIJI_EINVAL);

    check_stats(f->st, 0, 0, 0, 0, 0);
}

/* ---- strings, merging, ordering ----------------------------------------- */

static void test_hostile_strings_round_trip(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    t.m.body = "本部'; DROP TABLE meetings; --";
    t.m.place = "100% \"_\" \\ %s %n";
    t.m.parent_body = "\x01\x02\x1f\x7f";
    t.att[0].role = "'); DELETE FROM persons; --";
    t.rem[0].speaker_label = "\"o'neil\"";
    t.warn[0].message = "50%_LIKE\\";
    giji_source src = test_source("it's \"x\" 100%_.txt", "hostile");
    src.path = "dir with space/%d/it's \"x\" 100%_.txt";
    giji_store_status status;
    long long id;
    OK(giji_store_put(f->st, &src, &t.m, &status, &id));
    check_stats(f->st, 1, 4, 4, 4, 1); /* every table still there */

    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, id, &r));
    assert_string_equal(r.source, "it's \"x\" 100%_.txt");
    assert_string_equal(r.body, t.m.body);
    assert_string_equal(r.place, t.m.place);
    assert_string_equal(r.parent_body, t.m.parent_body);
    assert_string_equal(r.attendees[0].role, t.att[0].role);
    assert_string_equal(r.remarks[0].speaker_label, "\"o'neil\"");
    assert_string_equal(r.remarks[2].text, TRICKY_TEXT);
    assert_string_equal(r.agenda[1], "'; DROP TABLE agenda; -- 50% off_");
    assert_string_equal(r.warnings[0].message, "50%_LIKE\\");
    giji_meeting_rec_free(&r);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE path = 'dir with space/%d/it''s \"x\" 100%_.txt'"), 1);

    /* A name that would match as a LIKE pattern must not replace it. */
    giji_source like = test_source("it's \"x\" 100%%.txt", "other");
    OK(giji_store_put(f->st, &like, &t.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_NEW);
}

static void test_persons_merged_by_name(void **state)
{
    fixture *f = *state;
    test_meeting a, b;
    test_meeting_init(&a);
    test_meeting_init(&b);
    b.att[0].display = "菅　義偉";    /* same person, other spacing */
    b.att[0].role = "内閣総理大臣";
    giji_source sa = test_source("a.txt", "a"), sb = test_source("b.txt", "b");
    giji_store_status status;
    long long ia, ib;
    OK(giji_store_put(f->st, &sa, &a.m, &status, &ia));
    OK(giji_store_put(f->st, &sb, &b.m, &status, &ib));
    check_stats(f->st, 2, 4, 8, 8, 2);
    giji_meeting_rec ra, rb;
    OK(giji_store_meeting_get(f->st, ia, &ra));
    OK(giji_store_meeting_get(f->st, ib, &rb));
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(ra.attendees[i].person, rb.attendees[i].person);
    assert_string_equal(rb.attendees[0].display, "菅　義偉");
    assert_string_equal(rb.attendees[0].role, "内閣総理大臣");
    giji_meeting_rec_free(&ra);
    giji_meeting_rec_free(&rb);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM persons WHERE display = '菅 義偉'"), 1);
}

static void test_meeting_order(void **state)
{
    fixture *f = *state;
    static const struct { const char *name, *date; } v[] = {
        {"c.txt", "2018-01-01"}, {"z.txt", ""}, {"b.txt", "2017-05-05"},
        {"a.txt", ""}, {"d.txt", "2017-05-05"},
    };
    long long ids[5];
    for (size_t i = 0; i < 5; i++) {
        test_meeting t;
        test_meeting_init(&t);
        strcpy(t.m.date, v[i].date);
        t.m.session = -1;
        t.m.start[0] = t.m.end[0] = '\0';
        giji_source s = test_source(v[i].name, v[i].name);
        giji_store_status status;
        OK(giji_store_put(f->st, &s, &t.m, &status, &ids[i]));
    }
    long long *got;
    size_t n;
    OK(giji_store_meeting_ids(f->st, &got, &n));
    assert_int_equal(n, 5);
    long long want[] = {ids[2], ids[4], ids[0], ids[3], ids[1]};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(got[i], want[i]);
    free(got);
    /* Empty strings and -1 are stored as NULL and read back as unknown. */
    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, ids[1], &r));
    assert_null(r.date);
    assert_null(r.start);
    assert_null(r.end);
    assert_int_equal(r.session, -1);
    giji_meeting_rec_free(&r);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meetings WHERE date IS NULL AND session IS NULL "
                                  "AND start_time IS NULL AND end_time IS NULL"), 2);
}

static void test_mentions_and_entities(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source src = test_source("a.txt", "a");
    giji_store_status status;
    long long id;
    OK(giji_store_put(f->st, &src, &t.m, &status, &id));
    /* No writer for entities yet (extract/); put rows in directly. */
    raw_exec(f,
             "INSERT INTO entities (id, name, type) VALUES (7, '日本電気', 'org'), (3, 'NISC', 'org');"
             "INSERT INTO entity_aliases VALUES (7, 'NEC'), (7, 'NEC Corporation'), (7, '日電');"
             "INSERT INTO mentions SELECT id, 3, 5, 9, 'NISC' FROM remarks WHERE seq = 4;"
             "INSERT INTO mentions SELECT id, 7, 0, 4, '日本電気' FROM remarks WHERE seq = 4;");
    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, id, &r));
    assert_int_equal(r.remarks[3].nmentions, 2);
    assert_int_equal(r.remarks[3].mentions[0].entity, 7);
    assert_int_equal(r.remarks[3].mentions[0].start, 0);
    assert_int_equal(r.remarks[3].mentions[0].end, 4);
    assert_string_equal(r.remarks[3].mentions[0].surface, "日本電気");
    assert_int_equal(r.remarks[3].mentions[1].entity, 3);
    giji_meeting_rec_free(&r);

    giji_entity_rec *e;
    size_t n;
    OK(giji_store_entities(f->st, &e, &n));
    assert_int_equal(n, 2);
    assert_int_equal(e[0].id, 3);
    assert_int_equal(e[0].naliases, 0);
    assert_string_equal(e[1].name, "日本電気");
    assert_string_equal(e[1].type, "org");
    assert_int_equal(e[1].naliases, 3);
    assert_string_equal(e[1].aliases[0], "NEC");
    assert_string_equal(e[1].aliases[2], "日電");
    giji_entity_recs_free(e, n);
    giji_store_stats s;
    OK(giji_store_stats_get(f->st, &s));
    assert_int_equal(s.entities, 2);
    assert_int_equal(s.mentions, 2);

    /* Replacing the source removes its mentions, not the entities. */
    giji_source v2 = test_source("a.txt", "b");
    OK(giji_store_put(f->st, &v2, &t.m, &status, &id));
    OK(giji_store_stats_get(f->st, &s));
    assert_int_equal(s.mentions, 0);
    assert_int_equal(s.entities, 2);
    assert_int_equal(raw_fk_violations(f), 0);
}

static void test_snapshot_blocks_put(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source src = test_source("a.txt", "a");
    giji_store_status status;
    long long id;
    OK(giji_store_snapshot_begin(f->st));
    assert_int_equal(giji_store_snapshot_begin(f->st), GIJI_EINVAL);
    assert_int_equal(giji_store_put(f->st, &src, &t.m, &status, &id), GIJI_EINVAL);
    OK(giji_store_snapshot_end(f->st));
    OK(giji_store_snapshot_end(f->st)); /* harmless without begin */
    OK(giji_store_put(f->st, &src, &t.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_NEW);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_open_creates_schema_and_dir),
        T(test_open_refuses_newer_schema),
        T(test_open_refuses_foreign_files),
        T(test_put_and_read_back),
        T(test_put_unchanged),
        T(test_put_replaced),
        T(test_failure_mid_transaction_rolls_back),
        T(test_failed_replacement_keeps_old),
        T(test_invalid_meeting_rejected),
        T(test_hostile_strings_round_trip),
        T(test_persons_merged_by_name),
        T(test_meeting_order),
        T(test_mentions_and_entities),
        T(test_snapshot_blocks_put),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
