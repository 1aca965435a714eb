/*
 * test_store.c — store/: schema creation and checks, put (NEW / UNCHANGED /
 * REPLACED), reading every field back, person merging and orphan removal,
 * rollback on failure mid-transaction, hostile strings, ordering, entities
 * and mentions (gazetteer/discovery merge rules, parents, removal of
 * discovered entities nobody mentions, validation), the entity and
 * candidate queries, snapshots. Meetings are built by hand (store_fixture.h), so
 * these tests do not depend on the parser.
 */
#include "store_fixture.h"

#include "giji/extract.h"

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
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
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
    raw_exec(f, "UPDATE meta SET value = '9' WHERE key = 'schema_version'");
    giji_store *st = NULL;
    assert_int_equal(giji_store_open(f->db, &st), GIJI_EDB);
    assert_null(st);
    assert_non_null(strstr(giji_error_message(), "newer giji"));
    assert_non_null(strstr(giji_error_message(), f->db));
}

/* Version 3 only added objects (the part of schema.sql after its "schema
 * version 3" marker): a version 2 database, made here from the part before
 * the marker, is upgraded in place with its content kept. */
extern const char giji_schema_sql[];

static void test_open_upgrades_schema_2(void **state)
{
    (void)state;
    char dir[] = "/tmp/giji-test-v2-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/v2.db", dir);
    const char *marker = strstr(giji_schema_sql, "-- ---- schema version 3 ----");
    assert_non_null(marker);
    char *v2 = strndup(giji_schema_sql, (size_t)(marker - giji_schema_sql));
    assert_non_null(v2);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, v2, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE meta SET value = '2' WHERE key = 'schema_version'; "
                                      "UPDATE meta SET value = '7' WHERE key = 'content_version'",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(v2);

    giji_store *st = NULL;
    OK(giji_store_open(path, &st));
    long long cv = 0;
    OK(giji_store_content_version(st, &cv));
    assert_int_equal(cv, 7);
    giji_store_close(st);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT (SELECT value FROM meta WHERE key = 'schema_version'), "
                                            "(SELECT count(*) FROM sqlite_master WHERE name IN "
                                            "('metrics_cache', 'metrics_cache_data'))", -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(s, 0), "8");
    assert_int_equal(sqlite3_column_int(s, 1), 2);
    sqlite3_finalize(s);
    sqlite3_close(db);
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char p[96];
        snprintf(p, sizeof p, "%s%s", path, suffix[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void test_open_refuses_older_schema(void **state)
{
    fixture *f = *state;
    raw_exec(f, "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
    giji_store *st = NULL;
    assert_int_equal(giji_store_open(f->db, &st), GIJI_EDB);
    assert_null(st);
    assert_non_null(strstr(giji_error_message(), "older giji"));
    assert_non_null(strstr(giji_error_message(), "ingest the minutes again"));
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

/* A file of several meetings (giji_store_put_parts): one transaction, the
 * parts as sources NAME#k, unchanged as a whole, and a new version drops the
 * parts it no longer holds. */
static void test_put_parts(void **state)
{
    fixture *f = *state;
    test_meeting t, u;
    test_meeting_init(&t);
    test_meeting_init(&u);
    u.m.session = 12;
    u.m.nwarnings = 0;
    giji_source srcs[2] = {test_source("m.txt", "two meetings"), test_source("m.txt#2", "two meetings#2")};
    srcs[0].part = 1, srcs[1].part = 2;
    srcs[0].parts = srcs[1].parts = 2;
    const giji_meeting *ms[2] = {&t.m, &u.m};
    giji_store_status status[2];
    long long ids[2];
    OK(giji_store_put_parts(f->st, srcs, ms, 2, 0, status, ids));
    assert_int_equal(status[0], GIJI_STORE_NEW);
    assert_int_equal(status[1], GIJI_STORE_NEW);
    assert_true(ids[0] > 0 && ids[1] > ids[0]);
    check_stats(f->st, 2, 4, 8, 8, 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name = 'm.txt#2' AND path = 'm.txt#2'"), 1);

    /* again: unchanged, both */
    long long again[2];
    OK(giji_store_put_parts(f->st, srcs, ms, 2, 0, status, again));
    assert_int_equal(status[0], GIJI_STORE_UNCHANGED);
    assert_int_equal(status[1], GIJI_STORE_UNCHANGED);
    assert_int_equal(again[1], ids[1]);

    /* a part that fails validation: nothing of the file is written, the
     * first meeting included (it is checked before any is stored) */
    test_meeting bad;
    test_meeting_init(&bad);
    bad.rem[0].speaker = 99;
    giji_source v2[2] = {test_source("m.txt", "version 2"), test_source("m.txt#2", "version 2#2")};
    v2[0].part = 1, v2[1].part = 2;
    v2[0].parts = v2[1].parts = 2;
    const giji_meeting *badms[2] = {&u.m, &bad.m};
    assert_int_equal(giji_store_put_parts(f->st, v2, badms, 2, 0, status, ids), GIJI_EINVAL);
    assert_int_equal(status[0], GIJI_STORE_UNCHANGED);
    assert_int_equal(ids[0], 0);
    check_stats(f->st, 2, 4, 8, 8, 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meetings WHERE session = 11"), 1);

    /* m.txt now holds one meeting: m.txt#2 goes with the rows under it; a
     * source named like a part but not one stays */
    giji_source other = test_source("m.txt#x", "not a part");
    OK(giji_store_put(f->st, &other, &u.m, status, ids));
    giji_source v3 = test_source("m.txt", "version 3");
    OK(giji_store_put(f->st, &v3, &u.m, status, ids));
    assert_int_equal(status[0], GIJI_STORE_REPLACED);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name LIKE 'm.txt%'"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name = 'm.txt#2'"), 0);
    check_stats(f->st, 2, 4, 8, 8, 0);
    assert_int_equal(raw_fk_violations(f), 0);
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

/* ---- entities and mentions ---------------------------------------------- */

#define ENT(name_, type_, disc_) ((giji_entity){.name = (name_), .type = (type_), .discovered = (disc_)})
#define MEN(ent_, start_, end_, surface_, rule_) \
    ((giji_mention){.entity = (ent_), .start = (start_), .end = (end_), .surface = (surface_), .rule = (rule_)})

/* One remark's mentions. */
static void set_mentions(test_meeting *t, size_t remark, giji_mention *mn, size_t n)
{
    t->rem[remark].mentions = mn;
    t->rem[remark].nmentions = n;
}

static void put_ok(fixture *f, const char *name, const char *content, const giji_meeting *m,
                   giji_store_status want, long long *id)
{
    giji_source src = test_source(name, content);
    giji_store_status status;
    long long dummy;
    OK(giji_store_put(f->st, &src, m, &status, id ? id : &dummy));
    assert_int_equal(status, want);
}

/* Entities called `name_sql` (SQL-quoted by the caller) that satisfy the
 * SQL condition `where` (NULL: any). */
static long long entity_count(const fixture *f, const char *name_sql, const char *where)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM entities WHERE name = '%s'%s%s", name_sql,
             where ? " AND " : "", where ? where : "");
    return raw_count(f, sql);
}

static void test_entities_round_trip(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    char *nec_aliases[] = {"日電", "NEC"};
    char *nisc_aliases[] = {"NISC"};
    giji_entity ents[3] = {
        {"日本電気", GIJI_ENT_ORG, nec_aliases, 2, NULL, 0, 0},
        {"内閣サイバーセキュリティセンター", GIJI_ENT_MINISTRY, nisc_aliases, 1, "内閣官房", GIJI_ENT_MINISTRY, 0},
        {"会合運営", GIJI_ENT_TOPIC, NULL, 0, NULL, 0, 1},
    };
    t.m.entities = ents;
    t.m.nentities = 3;
    giji_mention m0[] = {MEN(2, 6, 8, "会合", "noun-compound")};
    giji_mention m1[] = {MEN(1, 0, 2, "本日", NULL)};
    /* Out of order on purpose: read back by offset. */
    giji_mention m3[] = {MEN(2, 5, 7, "遠藤", "suffix-です"), MEN(0, 0, 4, "日本電気", NULL)};
    set_mentions(&t, 0, m0, 1);
    set_mentions(&t, 1, m1, 1);
    set_mentions(&t, 3, m3, 2);
    long long id;
    put_ok(f, "a.txt", "a", &t.m, GIJI_STORE_NEW, &id);

    giji_entity_rec *e;
    size_t n;
    OK(giji_store_entities(f->st, &e, &n));
    assert_int_equal(n, 4); /* the parent was created */
    assert_string_equal(e[0].name, "日本電気");
    assert_string_equal(e[0].type, "org");
    assert_int_equal(e[0].discovered, 0);
    assert_null(e[0].parent);
    assert_int_equal(e[0].naliases, 2);
    assert_string_equal(e[0].aliases[0], "NEC"); /* code point order */
    assert_string_equal(e[0].aliases[1], "日電");
    assert_string_equal(e[1].type, "ministry");
    assert_string_equal(e[1].parent, "内閣官房");
    assert_string_equal(e[2].name, "会合運営");
    assert_string_equal(e[2].type, "topic");
    assert_int_equal(e[2].discovered, 1);
    assert_string_equal(e[3].name, "内閣官房");
    assert_string_equal(e[3].type, "ministry");
    assert_int_equal(e[3].discovered, 0);
    assert_int_equal(e[3].naliases, 0);
    long long nec = e[0].id, topic = e[2].id, nisc = e[1].id;
    giji_entity_recs_free(e, n);

    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, id, &r));
    assert_int_equal(r.remarks[0].nmentions, 1);
    assert_int_equal(r.remarks[0].mentions[0].entity, topic);
    assert_string_equal(r.remarks[0].mentions[0].rule, "noun-compound");
    assert_int_equal(r.remarks[1].mentions[0].entity, nisc);
    assert_null(r.remarks[1].mentions[0].rule);
    assert_int_equal(r.remarks[2].nmentions, 0);
    assert_int_equal(r.remarks[3].nmentions, 2);
    assert_int_equal(r.remarks[3].mentions[0].entity, nec);
    assert_int_equal(r.remarks[3].mentions[0].start, 0);
    assert_int_equal(r.remarks[3].mentions[0].end, 4);
    assert_string_equal(r.remarks[3].mentions[0].surface, "日本電気");
    assert_null(r.remarks[3].mentions[0].rule);
    assert_int_equal(r.remarks[3].mentions[1].entity, topic);
    assert_string_equal(r.remarks[3].mentions[1].rule, "suffix-です");
    /* attribution "inferred" with its cue is stored as before */
    assert_string_equal(r.remarks[3].attribution, "inferred");
    assert_string_equal(r.remarks[3].cue, "自己紹介");
    giji_meeting_rec_free(&r);

    giji_store_stats s;
    OK(giji_store_stats_get(f->st, &s));
    assert_int_equal(s.entities, 4);
    assert_int_equal(s.mentions, 4);
    assert_int_equal(raw_fk_violations(f), 0);

    /* The same entities from another meeting are merged, aliases too. */
    test_meeting u;
    test_meeting_init(&u);
    char *more[] = {"NEC", "日本電気株式会社"};
    giji_entity again[1] = {{"日本電気", GIJI_ENT_ORG, more, 2, NULL, 0, 0}};
    u.m.entities = again;
    u.m.nentities = 1;
    giji_mention um[] = {MEN(0, 0, 4, "日本電気", NULL)};
    set_mentions(&u, 3, um, 1);
    put_ok(f, "b.txt", "b", &u.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entities"), 4);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
                                  "WHERE e.name = '日本電気'"), 3);
}

static void test_entity_upsert_rules(void **state)
{
    fixture *f = *state;
    /* a.txt: X only discovered so far, Y from the gazetteer. */
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[2] = {ENT("X社", GIJI_ENT_TOPIC, 1), ENT("Y機構", GIJI_ENT_ORG, 0)};
    a.m.entities = ea;
    a.m.nentities = 2;
    giji_mention ma[] = {MEN(0, 0, 2, "日本", "r1"), MEN(1, 2, 4, "電気", NULL)};
    set_mentions(&a, 3, ma, 2);
    put_ok(f, "a.txt", "a", &a.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "X社", "discovered = 1 AND type = 'topic'"), 1);

    /* b.txt: the gazetteer now lists X (promoted: discovered 0, its type,
     * alias and parent); discovery describes Y differently (ignored). */
    test_meeting b;
    test_meeting_init(&b);
    char *xal[] = {"X"};
    char *yal[] = {"YY"};
    giji_entity eb[2] = {
        {"X社", GIJI_ENT_ORG, xal, 1, "Xグループ", GIJI_ENT_ORG, 0},
        {"Y機構", GIJI_ENT_TOPIC, yal, 1, "Q", GIJI_ENT_ORG, 1},
    };
    b.m.entities = eb;
    b.m.nentities = 2;
    giji_mention mb[] = {MEN(0, 0, 2, "日本", NULL), MEN(1, 2, 4, "電気", "r2")};
    set_mentions(&b, 3, mb, 2);
    put_ok(f, "b.txt", "b", &b.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "X社", "discovered = 0 AND type = 'org' AND "
                                           "parent_id = (SELECT id FROM entities WHERE name = 'Xグループ')"), 1);
    assert_int_equal(entity_count(f, "Xグループ", "discovered = 0 AND type = 'org' AND parent_id IS NULL"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_aliases WHERE alias = 'X'"), 1);
    assert_int_equal(entity_count(f, "Y機構", "discovered = 0 AND type = 'org' AND parent_id IS NULL"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_aliases WHERE alias = 'YY'"), 0);
    assert_int_equal(entity_count(f, "Q", NULL), 0);

    /* c.txt: discovery again for X: still a gazetteer entity. */
    test_meeting c;
    test_meeting_init(&c);
    giji_entity ec[2] = {ENT("X社", GIJI_ENT_LAW, 1), ENT("Z法", GIJI_ENT_LAW, 1)};
    c.m.entities = ec;
    c.m.nentities = 2;
    giji_mention mc[] = {MEN(0, 0, 2, "日本", "r3"), MEN(1, 2, 4, "電気", "r3")};
    set_mentions(&c, 3, mc, 2);
    put_ok(f, "c.txt", "c", &c.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "X社", "discovered = 0 AND type = 'org'"), 1);

    /* d.txt: two discoveries disagree on the type: the first one stays. */
    test_meeting d;
    test_meeting_init(&d);
    giji_entity ed[1] = {ENT("Z法", GIJI_ENT_TOPIC, 1)};
    d.m.entities = ed;
    d.m.nentities = 1;
    giji_mention md[] = {MEN(0, 2, 4, "電気", "r4")};
    set_mentions(&d, 3, md, 1);
    put_ok(f, "d.txt", "d", &d.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "Z法", "discovered = 1 AND type = 'law'"), 1);

    /* An existing discovered entity named as a parent is linked, not promoted. */
    test_meeting e;
    test_meeting_init(&e);
    giji_entity ee[1] = {{"W", GIJI_ENT_ORG, NULL, 0, "Z法", GIJI_ENT_LAW, 0}};
    e.m.entities = ee;
    e.m.nentities = 1;
    put_ok(f, "e.txt", "e", &e.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "Z法", "discovered = 1 AND type = 'law'"), 1);
    assert_int_equal(entity_count(f, "W", "parent_id = (SELECT id FROM entities WHERE name = 'Z法')"), 1);
    assert_int_equal(raw_fk_violations(f), 0);
}

static void test_entity_parent_cycle(void **state)
{
    fixture *f = *state;
    test_meeting a, b;
    test_meeting_init(&a);
    test_meeting_init(&b);
    giji_entity ea[1] = {{"A", GIJI_ENT_ORG, NULL, 0, "B", GIJI_ENT_ORG, 0}};
    giji_entity eb[1] = {{"B", GIJI_ENT_ORG, NULL, 0, "A", GIJI_ENT_ORG, 0}};
    a.m.entities = ea;
    a.m.nentities = 1;
    b.m.entities = eb;
    b.m.nentities = 1;
    put_ok(f, "a.txt", "a", &a.m, GIJI_STORE_NEW, NULL);
    put_ok(f, "b.txt", "b", &b.m, GIJI_STORE_NEW, NULL);
    /* The newer statement (B under A) wins; the cycle is cut. */
    assert_int_equal(entity_count(f, "A", "parent_id IS NULL"), 1);
    assert_int_equal(entity_count(f, "B", "parent_id = (SELECT id FROM entities WHERE name = 'A')"), 1);
}

/* entity_speakers and entity_meetings (schema 4) are exactly what
 * entity_remarks says, whatever happened before. */
static void check_derived_counts(fixture *f)
{
    static const char speakers[] =
        "SELECT entity_id, coalesce(speaker_id, 0), coalesce(label, ''), count(*), sum(inferred) "
        "FROM entity_remarks GROUP BY 1, 2, 3";
    static const char meetings[] =
        "SELECT entity_id, meeting_id, count(*), sum(speaker_id IS NULL AND label IS NULL), sum(mentions) "
        "FROM entity_remarks GROUP BY 1, 2";
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT SELECT * FROM entity_speakers)", speakers);
    assert_int_equal(raw_count(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM entity_speakers EXCEPT %s)", speakers);
    assert_int_equal(raw_count(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT SELECT * FROM entity_meetings)", meetings);
    assert_int_equal(raw_count(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT * FROM entity_meetings EXCEPT %s)", meetings);
    assert_int_equal(raw_count(f, sql), 0);
}

/* entity_remarks holds one row per entity and remark of `mentions`, with
 * the remark's facts and its count of mentions: what the triggers keep and
 * a batch's commit makes at once. */
static void check_entity_remarks(fixture *f)
{
    static const char want[] =
        "SELECT m.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id, "
        "CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred', count(*) "
        "FROM mentions m JOIN remarks r ON r.id = m.remark_id GROUP BY m.entity_id, r.id";
    static const char have[] =
        "SELECT entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred, mentions FROM entity_remarks";
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", want, have);
    assert_int_equal(raw_count(f, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", have, want);
    assert_int_equal(raw_count(f, sql), 0);
}

static void test_entity_cascade_on_replace(void **state)
{
    fixture *f = *state;
    /* a.txt mentions D (discovered), G (gazetteer), S (discovered, also in
     * b.txt) and P (discovered, parent of b.txt's C). */
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[4] = {ENT("D", GIJI_ENT_TOPIC, 1), ENT("G", GIJI_ENT_ORG, 0), ENT("S", GIJI_ENT_TOPIC, 1),
                         ENT("P", GIJI_ENT_ORG, 1)};
    a.m.entities = ea;
    a.m.nentities = 4;
    giji_mention ma[] = {MEN(0, 0, 1, "日", "r"), MEN(1, 1, 2, "本", NULL), MEN(2, 2, 3, "電", "r"),
                         MEN(3, 3, 4, "気", "r")};
    set_mentions(&a, 3, ma, 4);
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);

    test_meeting b;
    test_meeting_init(&b);
    giji_entity eb[2] = {ENT("S", GIJI_ENT_TOPIC, 1), {"C", GIJI_ENT_ORG, NULL, 0, "P", GIJI_ENT_ORG, 0}};
    b.m.entities = eb;
    b.m.nentities = 2;
    /* S twice in the remark: one entity_remarks row counting 2 mentions */
    giji_mention mb[] = {MEN(0, 0, 1, "日", "r"), MEN(1, 1, 2, "本", NULL), MEN(0, 2, 3, "電", "r")};
    set_mentions(&b, 3, mb, 3);
    put_ok(f, "b.txt", "b1", &b.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entities"), 5);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 7);
    assert_int_equal(raw_count(f, "SELECT max(mentions) FROM entity_meetings"), 2);
    assert_true(raw_count(f, "SELECT count(*) FROM entity_speakers") > 0);
    check_derived_counts(f);
    /* a user's edit through sqlite3 moves the counts along */
    raw_exec(f, "UPDATE remarks SET speaker_id = NULL, speaker_label = '委員' WHERE id IN (SELECT remark_id FROM mentions)");
    check_derived_counts(f);
    assert_true(raw_count(f, "SELECT count(*) FROM entity_speakers WHERE label = '委員'") > 0);

    /* a.txt changes and mentions nothing any more. */
    test_meeting a2;
    test_meeting_init(&a2);
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 3);
    check_derived_counts(f);
    /* one of S's two mentions deleted by hand: the meeting counts 1 */
    raw_exec(f, "DELETE FROM mentions WHERE surface = '電'");
    check_derived_counts(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 2);
    assert_int_equal(entity_count(f, "D", NULL), 0);       /* orphan discovered: gone */
    assert_int_equal(entity_count(f, "G", NULL), 1);       /* gazetteer: stays */
    assert_int_equal(entity_count(f, "S", NULL), 1);       /* still mentioned by b.txt */
    assert_int_equal(entity_count(f, "P", "discovered = 1"), 1); /* C's parent */
    assert_int_equal(entity_count(f, "C", "parent_id IS NOT NULL"), 1);
    assert_int_equal(raw_fk_violations(f), 0);

    /* b.txt changes too: S goes; P stays while C names it. */
    test_meeting b2;
    test_meeting_init(&b2);
    put_ok(f, "b.txt", "b2", &b2.m, GIJI_STORE_REPLACED, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 0);
    check_derived_counts(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_speakers"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_meetings"), 0);
    assert_int_equal(entity_count(f, "S", NULL), 0);
    assert_int_equal(entity_count(f, "P", NULL), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entities"), 3); /* G, P, C */

    /* Once nothing names P as parent, the next replacement removes it (a new
     * file cannot orphan anything, so only replacements sweep). */
    raw_exec(f, "UPDATE entities SET parent_id = NULL");
    put_ok(f, "c.txt", "c", &b2.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "P", NULL), 1);
    put_ok(f, "c.txt", "c2", &b2.m, GIJI_STORE_REPLACED, NULL);
    assert_int_equal(entity_count(f, "P", NULL), 0);

    /* A discovered entity nothing mentions is not stored at all. */
    test_meeting d;
    test_meeting_init(&d);
    giji_entity ed[2] = {ENT("unmentioned", GIJI_ENT_TOPIC, 1), ENT("listed", GIJI_ENT_TOPIC, 0)};
    d.m.entities = ed;
    d.m.nentities = 2;
    put_ok(f, "d.txt", "d", &d.m, GIJI_STORE_NEW, NULL);
    assert_int_equal(entity_count(f, "unmentioned", NULL), 0);
    assert_int_equal(entity_count(f, "listed", NULL), 1);
    assert_int_equal(raw_fk_violations(f), 0);
}

/* What version 8 changed, undone: the metrics cache's node rows back, no blobs. */
static const char undo_schema_8[] =
    "DROP TABLE metrics_cache_data; "
    "CREATE TABLE metrics_cache_nodes (cache_id INTEGER NOT NULL REFERENCES metrics_cache (id) ON DELETE CASCADE, "
    "seq INTEGER NOT NULL, kind INTEGER NOT NULL, node_id INTEGER NOT NULL, degree REAL NOT NULL, "
    "strength REAL NOT NULL, betweenness REAL NOT NULL, harmonic REAL NOT NULL, eigenvector REAL NOT NULL, "
    "pagerank REAL NOT NULL, community INTEGER NOT NULL, PRIMARY KEY (cache_id, seq)) WITHOUT ROWID; ";

/* What version 7 added, undone: the remark columns. */
static const char undo_schema_7[] = "DROP TRIGGER remark_cols_insert; DROP TRIGGER remark_cols_delete; "
                                    "DROP TRIGGER remark_cols_update; DROP TABLE remark_cols; "
                                    "DROP TABLE remark_cols_stale; ";

/* What version 6 added, undone: the index's vocabulary and the tail index. */
static const char undo_schema_6[] = "DROP TABLE remarks_fts_terms; DROP INDEX remarks_tail; ";

/* What version 5 changed, undone: the triggers of version 4 for the
 * full-text index and entity_remarks, no pending list, FTS5's default
 * hashsize and automerge. */
static const char undo_schema_5[] =
    "DROP TRIGGER remarks_fts_insert; DROP TRIGGER remarks_pending_insert; "
    "DROP TRIGGER remarks_fts_delete; DROP TRIGGER remarks_fts_update; DROP TABLE remarks_pending; "
    "DROP TRIGGER entity_remarks_insert; "
    "CREATE TRIGGER entity_remarks_insert AFTER INSERT ON mentions BEGIN "
    "INSERT INTO entity_remarks (entity_id, remark_id, meeting_id, seq, speaker_id, label, inferred) "
    "SELECT new.entity_id, r.id, r.meeting_id, r.seq, r.speaker_id, "
    "CASE WHEN r.speaker_id IS NULL THEN r.speaker_label END, r.attribution = 'inferred' "
    "FROM remarks r WHERE r.id = new.remark_id "
    "ON CONFLICT (entity_id, remark_id) DO UPDATE SET mentions = mentions + 1; END; "
    "CREATE TRIGGER remarks_fts_insert AFTER INSERT ON remarks BEGIN "
    "INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text); END; "
    "CREATE TRIGGER remarks_fts_delete AFTER DELETE ON remarks BEGIN "
    "INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text); END; "
    "CREATE TRIGGER remarks_fts_update AFTER UPDATE OF text ON remarks BEGIN "
    "INSERT INTO remarks_fts (remarks_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text); END; "
    "DELETE FROM remarks_fts_config WHERE k IN ('hashsize', 'automerge'); ";

/* A database of schema `version` (3 to 7) holding meeting a as a.txt: a
 * put, then what the later versions added undone (version 4's counts are
 * the version 3 test's own to undo) and the version set. */
static void stored_at_version(fixture *f, test_meeting *a, int version)
{
    static const char *const undo[] = {undo_schema_5, undo_schema_6, undo_schema_7, undo_schema_8};
    put_ok(f, "a.txt", "a1", &a->m, GIJI_STORE_NEW, NULL);
    giji_store_close(f->st);
    f->st = NULL;
    for (int v = 8; v > version && v >= 5; v--)
        raw_exec(f, undo[v - 5]);
    char sql[80];
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%d' WHERE key = 'schema_version'", version);
    raw_exec(f, sql);
}

/* Version 4 added the derived counts: a version 3 database with content
 * (made here by dropping them) gets them, filled, on opening. */
static void test_open_upgrades_schema_3(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[2] = {ENT("D", GIJI_ENT_TOPIC, 1), ENT("G", GIJI_ENT_ORG, 0)};
    a.m.entities = ea;
    a.m.nentities = 2;
    giji_mention ma[] = {MEN(0, 0, 1, "日", "r"), MEN(1, 1, 2, "本", NULL)};
    set_mentions(&a, 3, ma, 2);
    stored_at_version(f, &a, 3);
    raw_exec(f, "DROP TRIGGER entity_counts_insert; DROP TRIGGER entity_counts_delete; "
                "DROP TRIGGER entity_counts_update; DROP TRIGGER entity_counts_mentions; "
                "DROP TABLE entity_speakers; DROP TABLE entity_meetings; "
                "UPDATE meta SET value = '3' WHERE key = 'schema_version'");
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_speakers"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_meetings"), 2);
    check_derived_counts(f);
    /* and the triggers follow the next change */
    test_meeting a2;
    test_meeting_init(&a2);
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_speakers"), 0);
    check_derived_counts(f);
}

/* A bulk load suspends the derived counts; the triggers then leave them
 * alone, and one rebuild makes them exact again. */
static void test_counts_suspended(void **state)
{
    fixture *f = *state;
    int live = 0;
    OK(giji_store_counts_live(f->st, &live));
    assert_int_equal(live, 1);
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[2] = {ENT("D", GIJI_ENT_TOPIC, 1), ENT("G", GIJI_ENT_ORG, 0)};
    a.m.entities = ea;
    a.m.nentities = 2;
    giji_mention ma[] = {MEN(0, 0, 1, "日", "r"), MEN(1, 1, 2, "本", NULL), MEN(0, 2, 3, "電", "r")};
    set_mentions(&a, 3, ma, 3);
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    check_derived_counts(f);

    OK(giji_store_counts_suspend(f->st));
    OK(giji_store_counts_live(f->st, &live));
    assert_int_equal(live, 0);
    put_ok(f, "b.txt", "b1", &a.m, GIJI_STORE_NEW, NULL);
    /* not kept: the counts still say one meeting */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_meetings"), 2);
    assert_int_equal(raw_count(f, "SELECT sum(remarks) FROM entity_speakers"), 2);
    put_ok(f, "a.txt", "a2", &a.m, GIJI_STORE_REPLACED, NULL); /* a replacement while suspended */
    OK(giji_store_counts_rebuild(f->st));
    OK(giji_store_counts_live(f->st, &live));
    assert_int_equal(live, 1);
    check_derived_counts(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_meetings"), 4);

    /* not inside a batch */
    OK(giji_store_batch_begin(f->st));
    assert_int_equal(giji_store_counts_suspend(f->st), GIJI_EINVAL);
    assert_int_equal(giji_store_counts_rebuild(f->st), GIJI_EINVAL);
    OK(giji_store_batch_commit(f->st));
}

static void expect_invalid(fixture *f, const giji_meeting *m, const char *message)
{
    giji_source src = test_source("v.txt", "v");
    giji_store_status status = GIJI_STORE_NEW;
    long long id = 5;
    assert_int_equal(giji_store_put(f->st, &src, m, &status, &id), GIJI_EINVAL);
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id, 0);
    if (!strstr(giji_error_message(), message))
        fail_msg("message '%s' does not contain '%s'", giji_error_message(), message);
}

static void test_entity_validation(void **state)
{
    fixture *f = *state;
    test_meeting t;
    giji_entity e[2];
    giji_mention mn[1];
    char *bad_aliases[] = {"ok", ""};
#define RESET()                                                        \
    do {                                                               \
        test_meeting_init(&t);                                         \
        e[0] = ENT("日本電気", GIJI_ENT_ORG, 0);                        \
        e[1] = ENT("遠藤", GIJI_ENT_TOPIC, 1);                          \
        t.m.entities = e;                                              \
        t.m.nentities = 2;                                             \
        mn[0] = MEN(0, 0, 4, "日本電気", NULL);                          \
        set_mentions(&t, 3, mn, 1);                                    \
    } while (0)

    RESET();
    put_ok(f, "ok.txt", "ok", &t.m, GIJI_STORE_NEW, NULL); /* the baseline is valid */

    RESET();
    mn[0].entity = 2;
    expect_invalid(f, &t.m, "v.txt:29: remark 4: mention 1 refers to entity 3, which does not exist");
    RESET();
    mn[0].end = 11; /* the remark has 10 code points */
    expect_invalid(f, &t.m, "mention 1 at [0, 11) is outside the remark's 10 characters");
    RESET();
    mn[0].start = 10;
    mn[0].end = 10;
    put_ok(f, "empty-at-end.txt", "e", &t.m, GIJI_STORE_NEW, NULL); /* [10, 10) is inside */
    RESET();
    mn[0].start = -1;
    expect_invalid(f, &t.m, "outside the remark");
    RESET();
    mn[0].start = 3;
    mn[0].end = 2;
    expect_invalid(f, &t.m, "outside the remark");
    RESET();
    mn[0].surface = NULL;
    expect_invalid(f, &t.m, "mention 1 has no surface");
    RESET();
    t.rem[3].mentions = NULL;
    expect_invalid(f, &t.m, "remark 4 has 1 mentions but no array");
    RESET();
    e[1].type = GIJI_ENT_NTYPES;
    expect_invalid(f, &t.m, "v.txt: entity 2 (遠藤) has invalid type 8");
    RESET();
    e[1].type = -1;
    expect_invalid(f, &t.m, "has invalid type -1");
    RESET();
    e[0].name = "";
    expect_invalid(f, &t.m, "entity 1 has no name");
    RESET();
    e[0].name = NULL;
    expect_invalid(f, &t.m, "entity 1 has no name");
    RESET();
    e[0].aliases = bad_aliases;
    e[0].naliases = 2;
    expect_invalid(f, &t.m, "entity 1 (日本電気): alias 2 is empty");
    RESET();
    e[0].naliases = 1;
    expect_invalid(f, &t.m, "has 1 aliases but no array");
    RESET();
    e[0].parent = "日本電気";
    expect_invalid(f, &t.m, "is its own parent");
    RESET();
    e[0].parent = "親";
    e[0].parent_type = 99;
    expect_invalid(f, &t.m, "parent 親 has invalid type 99");
    RESET();
    t.m.entities = NULL;
    expect_invalid(f, &t.m, "2 entities but no array");
#undef RESET
    /* Nothing of the invalid meetings was written (遠藤 is discovered and
     * never mentioned, so it is not kept either). */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entities"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 2);
}

static void test_entity_failure_rolls_back(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[1] = {ENT("X", GIJI_ENT_TOPIC, 1)};
    a.m.entities = ea;
    a.m.nentities = 1;
    giji_mention ma[] = {MEN(0, 0, 2, "日本", "r")};
    set_mentions(&a, 3, ma, 1);
    put_ok(f, "a.txt", "a", &a.m, GIJI_STORE_NEW, NULL);

    raw_exec(f, "CREATE TRIGGER fail_mention BEFORE INSERT ON mentions WHEN NEW.surface = 'FAIL' "
                "BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
    test_meeting b;
    test_meeting_init(&b);
    giji_entity eb[2] = {{"X", GIJI_ENT_ORG, NULL, 0, "Parent", GIJI_ENT_ORG, 0}, ENT("New", GIJI_ENT_LAW, 0)};
    b.m.entities = eb;
    b.m.nentities = 2;
    giji_mention mb[] = {MEN(1, 0, 2, "日本", NULL), MEN(0, 2, 4, "FAIL", NULL)};
    set_mentions(&b, 3, mb, 2);
    giji_source src = test_source("b.txt", "b");
    giji_store_status status;
    long long id;
    assert_int_equal(giji_store_put(f->st, &src, &b.m, &status, &id), GIJI_EDB);
    assert_non_null(strstr(giji_error_message(), "cannot store mention in remark 4 of b.txt"));
    /* X was not promoted, Parent and New not created. */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entities"), 1);
    assert_int_equal(entity_count(f, "X", "discovered = 1 AND type = 'topic' AND parent_id IS NULL"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM mentions"), 1);
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
    /* Rows written by another writer (ids chosen here) read back too. */
    raw_exec(f,
             "INSERT INTO entities (id, name, type) VALUES (7, '日本電気', 'org'), (3, 'NISC', 'ministry');"
             "INSERT INTO entity_aliases VALUES (7, 'NEC'), (7, 'NEC Corporation'), (7, '日電');"
             "INSERT INTO mentions SELECT id, 3, 5, 9, 'NISC', NULL FROM remarks WHERE seq = 4;"
             "INSERT INTO mentions SELECT id, 7, 0, 4, '日本電気', NULL FROM remarks WHERE seq = 4;");
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

    /* The schema refuses unknown types and empty names. */
    sqlite3 *db = raw_open(f);
    assert_int_not_equal(sqlite3_exec(db, "INSERT INTO entities (name, type) VALUES ('x', 'person')", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "INSERT INTO entities (name, type) VALUES ('', 'org')", NULL, NULL, NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "INSERT INTO entity_aliases VALUES (7, 'NEC')", NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(db);

    /* Replacing the source removes its mentions, not gazetteer entities. */
    giji_source v2 = test_source("a.txt", "b");
    OK(giji_store_put(f->st, &v2, &t.m, &status, &id));
    OK(giji_store_stats_get(f->st, &s));
    assert_int_equal(s.mentions, 0);
    assert_int_equal(s.entities, 2);
    assert_int_equal(raw_fk_violations(f), 0);
}

/* ---- entity queries ------------------------------------------------------ */

/* Two meetings: a.txt (2017) and b.txt (2016, ingested later).
 *   E 日本電気 (org): 3 mentions in 2 remarks of a.txt, 1 in b.txt
 *   K 遠藤案 (topic, discovered): 2 mentions (rules r2 in a.txt, r1 in b.txt... see below)
 *   L 会合 (topic, discovered): 1 mention
 *   P 親 (org): parent of E, no mentions */
static const char long_text[] = "aaaaabbbbbcccccdddddeeeee\n探索語fffffggggghhhhhiiiiijjjjj";

static void put_query_corpus(fixture *f, long long *ra, long long *rb)
{
    test_meeting a;
    test_meeting_init(&a);
    giji_entity ea[3] = {{"日本電気", GIJI_ENT_ORG, NULL, 0, "親", GIJI_ENT_ORG, 0}, ENT("遠藤案", GIJI_ENT_TOPIC, 1),
                         ENT("会合", GIJI_ENT_TOPIC, 1)};
    a.m.entities = ea;
    a.m.nentities = 3;
    giji_mention a0[] = {MEN(2, 6, 8, "会合", NULL)};
    giji_mention a3[] = {MEN(0, 0, 4, "日本電気", NULL), MEN(1, 5, 7, "遠藤", "r2"), MEN(0, 0, 2, "日本", NULL)};
    giji_mention a1[] = {MEN(0, 0, 2, "本日", NULL)};
    set_mentions(&a, 0, a0, 1);
    set_mentions(&a, 1, a1, 1);
    set_mentions(&a, 3, a3, 3);
    long long ida, idb;
    put_ok(f, "a.txt", "a", &a.m, GIJI_STORE_NEW, &ida);

    test_meeting b;
    test_meeting_init(&b);
    strcpy(b.m.date, "2016-12-01");
    b.rem[2].text = (char *)long_text;
    b.rem[2].line = 40;
    giji_entity eb[2] = {ENT("日本電気", GIJI_ENT_ORG, 0), ENT("遠藤案", GIJI_ENT_TOPIC, 1)};
    b.m.entities = eb;
    b.m.nentities = 2;
    giji_mention b2[] = {MEN(1, 26, 29, "探索語", "r1"), MEN(1, 29, 30, "f", "r1")};
    giji_mention b3[] = {MEN(0, 0, 4, "日本電気", NULL)};
    set_mentions(&b, 2, b2, 2);
    set_mentions(&b, 3, b3, 1);
    put_ok(f, "b.txt", "b", &b.m, GIJI_STORE_NEW, &idb);

    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, ida, &r));
    for (size_t i = 0; i < 4; i++)
        ra[i] = r.remarks[i].id;
    giji_meeting_rec_free(&r);
    OK(giji_store_meeting_get(f->st, idb, &r));
    for (size_t i = 0; i < 4; i++)
        rb[i] = r.remarks[i].id;
    giji_meeting_rec_free(&r);
}

static void test_entity_list(void **state)
{
    fixture *f = *state;
    long long ra[4], rb[4];
    put_query_corpus(f, ra, rb);

    giji_entity_row *e;
    size_t n;
    OK(giji_store_entity_list(f->st, NULL, 1, &e, &n));
    assert_int_equal(n, 4);
    /* by mentions, then name: 日本電気 4, 遠藤案 3, 会合 1, 親 0 */
    assert_string_equal(e[0].name, "日本電気");
    assert_string_equal(e[0].type, "org");
    assert_int_equal(e[0].discovered, 0);
    assert_string_equal(e[0].parent, "親");
    assert_int_equal(e[0].mentions, 4);
    assert_int_equal(e[0].remarks, 3);
    assert_int_equal(e[0].meetings, 2);
    assert_int_equal(e[0].nremark_ids, 3);
    long long want[] = {ra[1], ra[3], rb[3]};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(e[0].remark_ids[i], want[i]);
    assert_string_equal(e[1].name, "遠藤案");
    assert_int_equal(e[1].discovered, 1);
    assert_int_equal(e[1].mentions, 3);
    assert_int_equal(e[1].remarks, 2);
    assert_int_equal(e[1].meetings, 2);
    assert_string_equal(e[2].name, "会合");
    assert_int_equal(e[2].mentions, 1);
    assert_int_equal(e[2].nremark_ids, 1);
    assert_int_equal(e[2].remark_ids[0], ra[0]);
    assert_string_equal(e[3].name, "親");
    assert_int_equal(e[3].mentions, 0);
    assert_int_equal(e[3].remarks, 0);
    assert_int_equal(e[3].meetings, 0);
    assert_int_equal(e[3].nremark_ids, 0);
    assert_null(e[3].remark_ids);
    assert_null(e[3].parent);
    giji_entity_rows_free(e, n);

    /* Without discovered entities; one type only. */
    OK(giji_store_entity_list(f->st, NULL, 0, &e, &n));
    assert_int_equal(n, 2);
    assert_string_equal(e[1].name, "親");
    giji_entity_rows_free(e, n);
    OK(giji_store_entity_list(f->st, "topic", 1, &e, &n));
    assert_int_equal(n, 2);
    assert_string_equal(e[0].name, "遠藤案");
    assert_string_equal(e[1].name, "会合");
    giji_entity_rows_free(e, n);
    OK(giji_store_entity_list(f->st, "topic", 0, &e, &n));
    assert_int_equal(n, 0);
    assert_null(e);
    OK(giji_store_entity_list(f->st, "law", 1, &e, &n));
    assert_int_equal(n, 0);
    assert_int_equal(giji_store_entity_list(f->st, "person", 1, &e, &n), GIJI_EINVAL);
    assert_non_null(strstr(giji_error_message(), "unknown entity type 'person'"));
    assert_null(e);
    assert_int_equal(n, 0);

    /* Works inside a caller's snapshot too. */
    OK(giji_store_snapshot_begin(f->st));
    OK(giji_store_entity_list(f->st, NULL, 1, &e, &n));
    assert_int_equal(n, 4);
    giji_entity_rows_free(e, n);
    OK(giji_store_snapshot_end(f->st));
}

static void test_candidates(void **state)
{
    fixture *f = *state;
    long long ra[4], rb[4];
    put_query_corpus(f, ra, rb);

    giji_candidate *c;
    size_t n;
    OK(giji_store_candidates(f->st, 2, &c, &n));
    assert_int_equal(n, 1);
    assert_string_equal(c[0].name, "遠藤案");
    assert_string_equal(c[0].type, "topic");
    assert_int_equal(c[0].count, 3);
    assert_string_equal(c[0].rule, "r1"); /* 2 x r1, 1 x r2 */
    /* First in corpus order: b.txt is dated 2016, before a.txt. */
    assert_int_equal(c[0].remark_id, rb[2]);
    assert_string_equal(c[0].source, "b.txt");
    assert_int_equal(c[0].line, 40);
    assert_string_equal(c[0].context, "bbbbcccccdddddeeeee 探索語fffffggggghhhhhiiiii");
    giji_candidates_free(c, n);

    OK(giji_store_candidates(f->st, 0, &c, &n));
    assert_int_equal(n, 2);
    assert_string_equal(c[1].name, "会合");
    assert_int_equal(c[1].count, 1);
    assert_null(c[1].rule);
    assert_int_equal(c[1].remark_id, ra[0]);
    assert_string_equal(c[1].source, "a.txt");
    assert_int_equal(c[1].line, 20);
    assert_string_equal(c[1].context, "ただいまから会合を開催します。"); /* all of a short text */
    giji_candidates_free(c, n);

    OK(giji_store_candidates(f->st, 4, &c, &n));
    assert_int_equal(n, 0);
    assert_null(c);
}

static void test_candidates_context_edges(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    /* 30 code points, a line break and a tab, a mention at the very end. */
    t.rem[0].text = "一二三四五六七八九十\r\n一二三四五六七八九十\t一二三四五六七末尾";
    giji_entity e[1] = {ENT("末尾", GIJI_ENT_TOPIC, 1)};
    t.m.entities = e;
    t.m.nentities = 1;
    giji_mention m[] = {MEN(0, 30, 32, "末尾", "r")};
    set_mentions(&t, 0, m, 1);
    put_ok(f, "a.txt", "a", &t.m, GIJI_STORE_NEW, NULL);
    giji_candidate *c;
    size_t n;
    OK(giji_store_candidates(f->st, 1, &c, &n));
    assert_int_equal(n, 1);
    assert_string_equal(c[0].context, "  一二三四五六七八九十 一二三四五六七末尾");
    giji_candidates_free(c, n);
}

static void test_put_force(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    giji_source src = test_source("a.txt", "same bytes");
    giji_store_status status;
    long long id1, id2, id3, cv1, cv2;
    OK(giji_store_put(f->st, &src, &t.m, &status, &id1));
    OK(giji_store_content_version(f->st, &cv1));

    /* Same content again, now with entities (the gazetteer changed). */
    giji_entity e[1] = {ENT("日本電気", GIJI_ENT_ORG, 0)};
    t.m.entities = e;
    t.m.nentities = 1;
    giji_mention mn[] = {MEN(0, 0, 4, "日本電気", NULL)};
    set_mentions(&t, 3, mn, 1);
    OK(giji_store_put(f->st, &src, &t.m, &status, &id2));
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id2, id1);
    OK(giji_store_put_force(f->st, &src, &t.m, &status, &id2));
    assert_int_equal(status, GIJI_STORE_REPLACED);
    OK(giji_store_content_version(f->st, &cv2));
    assert_int_equal(cv2, cv1 + 1);
    check_stats(f->st, 1, 4, 4, 4, 1);
    giji_meeting_rec r;
    OK(giji_store_meeting_get(f->st, id2, &r));
    assert_int_equal(r.remarks[3].nmentions, 1);
    giji_meeting_rec_free(&r);

    /* The same content under another name moves to that name. */
    giji_source copy = test_source("copy.txt", "same bytes");
    OK(giji_store_put_force(f->st, &copy, &t.m, &status, &id3));
    assert_int_equal(status, GIJI_STORE_REPLACED);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name = 'copy.txt'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 1);
    check_stats(f->st, 1, 4, 4, 4, 1);

    /* Content not stored yet: an ordinary put. */
    giji_source other = test_source("b.txt", "other bytes");
    OK(giji_store_put_force(f->st, &other, &t.m, &status, &id3));
    assert_int_equal(status, GIJI_STORE_NEW);
    check_stats(f->st, 2, 4, 8, 8, 2);
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

/* A batch: nothing is visible to another connection before the commit. A
 * file that fails validation writes nothing and leaves the batch as it
 * was; one that fails while writing (here a user's trigger) rolls the
 * whole batch back, since files have no savepoint of their own: the puts
 * after it fail, the commit reports the batch lost, nothing of it is
 * stored, and the files can be stored again one by one. */
static void test_batch_failure(void **state)
{
    fixture *f = *state;
    raw_exec(f, fail_trigger);
    test_meeting a, b, c, bad;
    test_meeting_init(&a);
    test_meeting_init(&b);
    test_meeting_init(&c);
    test_meeting_init(&bad);
    b.rem[2].text = "FAIL";
    bad.rem[1].attribution = (giji_attribution)99;
    giji_source sa = test_source("a.txt", "a"), sb = test_source("b.txt", "b"), sc = test_source("c.txt", "c");
    giji_source sbad = test_source("bad.txt", "bad");
    giji_store_status status;
    long long id;
    OK(giji_store_batch_begin(f->st));
    assert_true(giji_store_batch_open(f->st));
    assert_int_equal(giji_store_batch_begin(f->st), GIJI_EINVAL);
    OK(giji_store_put(f->st, &sa, &a.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_NEW);
    /* invalid: refused before writing, the batch goes on */
    assert_int_equal(giji_store_put(f->st, &sbad, &bad.m, &status, &id), GIJI_EINVAL);
    OK(giji_store_put(f->st, &sc, &c.m, &status, &id));
    /* another connection sees the database as it was before the batch */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 0);
    OK(giji_store_batch_commit(f->st));
    assert_false(giji_store_batch_open(f->st));
    OK(giji_store_batch_commit(f->st)); /* no batch: no-op */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 2);

    /* a failure while writing loses the batch, a.txt's replacement too */
    giji_source sa2 = test_source("a.txt", "a, second version");
    OK(giji_store_batch_begin(f->st));
    OK(giji_store_put(f->st, &sa2, &a.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_REPLACED);
    assert_int_equal(giji_store_put(f->st, &sb, &b.m, &status, &id), GIJI_EDB);
    assert_non_null(strstr(giji_error_message(), "remark 3 of b.txt"));
    assert_int_equal(status, GIJI_STORE_UNCHANGED);
    assert_int_equal(id, 0);
    giji_source sd = test_source("d.txt", "d");
    assert_int_equal(giji_store_put(f->st, &sd, &c.m, &status, &id), GIJI_EDB);
    assert_non_null(strstr(giji_error_message(), "rolled back by an earlier error"));
    assert_true(giji_store_batch_open(f->st));
    assert_int_equal(giji_store_batch_commit(f->st), GIJI_EDB);
    assert_false(giji_store_batch_open(f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name = 'a.txt' AND size = 1"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks"), 2 * (long long)a.m.nremarks);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH 'FAIL'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'batch'"), 0);
    assert_int_equal(raw_fk_violations(f), 0);
    /* what the caller does then: each file again in a transaction of its own */
    OK(giji_store_put(f->st, &sa2, &a.m, &status, &id));
    assert_int_equal(status, GIJI_STORE_REPLACED);
    assert_int_equal(giji_store_put(f->st, &sb, &b.m, &status, &id), GIJI_EDB);
    OK(giji_store_put(f->st, &sd, &c.m, &status, &id));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name IN ('a.txt', 'c.txt', 'd.txt')"), 3);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources WHERE name = 'b.txt'"), 0);
    assert_int_equal(raw_fk_violations(f), 0);
    /* a batch cannot begin inside a snapshot, nor a put run there */
    OK(giji_store_snapshot_begin(f->st));
    assert_int_equal(giji_store_batch_begin(f->st), GIJI_EINVAL);
    OK(giji_store_snapshot_end(f->st));
}

/* The batch indexes its remarks for search at its commit (schema 5): a file
 * replaced inside the batch, a file replaced after it, and a batch rolled
 * back by a failing file leave the index exactly as row-by-row indexing
 * would. */
static void test_batch_fts_deferred(void **state)
{
    fixture *f = *state;
    raw_exec(f, fail_trigger);
    test_meeting a, a2, b, c;
    test_meeting_init(&a);
    test_meeting_init(&a2);
    test_meeting_init(&b);
    test_meeting_init(&c);
    a.rem[0].text = "最初の版の発言";
    a2.rem[0].text = "差し替えた版の発言";
    giji_entity ents[2] = {ENT("D", GIJI_ENT_TOPIC, 1), ENT("G", GIJI_ENT_ORG, 0)};
    giji_mention m0[] = {MEN(0, 0, 1, "最", "r"), MEN(1, 1, 2, "初", NULL), MEN(0, 2, 3, "の", "r")};
    giji_mention m3[] = {MEN(1, 0, 2, "日本", NULL)};
    test_meeting *all[] = {&a, &a2, &b, &c};
    for (size_t i = 0; i < 4; i++) {
        all[i]->m.entities = ents;
        all[i]->m.nentities = 2;
        set_mentions(all[i], 0, m0, 3);
        set_mentions(all[i], 3, m3, 1);
    }
    b.rem[0].text = "失敗する版の発言";
    b.rem[2].text = "FAIL";
    put_ok(f, "c.txt", "c1", &c.m, GIJI_STORE_NEW, NULL); /* indexed row by row */
    long long fts_rows = raw_count(f, "SELECT count(*) FROM remarks_fts_idx");
    /* a file failing while it is stored takes the batch with it: nothing
     * of the batch is pending, indexed or flagged afterwards */
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    giji_source sb = test_source("b.txt", "b1");
    giji_store_status status;
    assert_int_equal(giji_store_put(f->st, &sb, &b.m, &status, NULL), GIJI_EDB);
    assert_int_equal(giji_store_batch_commit(f->st), GIJI_EDB);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'batch'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts_idx"), fts_rows);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sources"), 1);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL); /* a pending remark deleted */
    c.rem[1].text = "後から変えた発言";
    put_ok(f, "c.txt", "c2", &c.m, GIJI_STORE_REPLACED, NULL); /* an indexed remark deleted */
    /* nothing is indexed yet, and no other connection sees the mode */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'batch'"), 0);
    OK(giji_store_batch_commit(f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    /* entity_remarks as the triggers would have kept it: a2's and c2's */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_remarks"), 6);
    assert_int_equal(raw_count(f, "SELECT sum(mentions) FROM entity_remarks"), 8);
    check_entity_remarks(f);
    check_derived_counts(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'batch'"), 0);
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"最初の版\"'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"差し替えた版\"'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"失敗する版\"'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"後から変えた\"'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"版の発言\"'"), 1);
    /* every remark is in the index once: the index and a scan agree */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"開催し\"'"),
                     raw_count(f, "SELECT count(*) FROM remarks WHERE text LIKE '%開催し%'"));
    /* a user's own UPDATE outside a batch is indexed row by row */
    raw_exec(f, "UPDATE remarks SET text = '利用者の書いた発言' WHERE text = '差し替えた版の発言'");
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
    /* and the mentions of a remark outside a batch reach entity_remarks */
    raw_exec(f, "INSERT INTO mentions (remark_id, entity_id, \"start\", \"end\", surface) "
                "SELECT remark_id, entity_id, 5, 6, 'x' FROM mentions LIMIT 1");
    check_entity_remarks(f);
    check_derived_counts(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"利用者の書いた\"'"), 1);
}

/* Version 5 replaced the index's triggers: a version 4 database (made here
 * by putting back the version 4 triggers) gets them, and its next batch is
 * indexed at the commit. */
static void test_open_upgrades_schema_4(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    a.rem[0].text = "版四の発言";
    stored_at_version(f, &a, 4);
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
    assert_int_equal(raw_count(f, "SELECT v FROM remarks_fts_config WHERE k = 'hashsize'"), 33554432);
    assert_int_equal(raw_count(f, "SELECT v FROM remarks_fts_config WHERE k = 'automerge'"), 8);
    check_derived_counts(f);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "b.txt", "b1", &a.m, GIJI_STORE_NEW, NULL);
    test_meeting a2;
    test_meeting_init(&a2);
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL);
    OK(giji_store_batch_commit(f->st));
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"版四の\"'"), 1);
}

/* Version 6 added the vocabulary and the tail index of 2-character
 * search: a version 5 database gets both, the tail index filled from the
 * remarks already there, and the derived counts are left as they were. */
static void test_open_upgrades_schema_5(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    a.rem[0].text = "版五の発言の末尾は共有";
    stored_at_version(f, &a, 5);
    raw_exec(f, "UPDATE meta SET value = 'stale' WHERE key = 'derived_counts'");
    /* as the first version 5 databases had them: the flag under its old name */
    raw_exec(f, "DROP TRIGGER remarks_fts_insert; DROP TRIGGER remarks_pending_insert; "
                "CREATE TRIGGER remarks_fts_insert AFTER INSERT ON remarks WHEN NOT EXISTS "
                "(SELECT 1 FROM meta WHERE key = 'fts_index' AND value = 'deferred') BEGIN "
                "INSERT INTO remarks_fts (rowid, text) VALUES (new.id, new.text); END; "
                "CREATE TRIGGER remarks_pending_insert AFTER INSERT ON remarks WHEN EXISTS "
                "(SELECT 1 FROM meta WHERE key = 'fts_index' AND value = 'deferred') BEGIN "
                "INSERT INTO remarks_pending (id) VALUES (new.id); END;");
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                  "AND sql LIKE '%fts_index%'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                  "AND sql LIKE '%key = ''batch'' AND value = ''open''%'"), 3);
    /* and a batch's remarks are indexed at its commit */
    OK(giji_store_batch_begin(f->st));
    test_meeting b;
    test_meeting_init(&b);
    b.rem[0].text = "版六で一括索引";
    put_ok(f, "b.txt", "b1", &b.m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"一括索引\"'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'derived_counts' AND value = 'stale'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks INDEXED BY remarks_tail "
                                  "WHERE substr(text, -2) = '共有'"), 1);
    assert_true(raw_count(f, "SELECT count(*) FROM remarks_fts_terms WHERE term >= '版五' AND term < '版六'") >= 1);
    const char *texts[1] = {"共有"};
    giji_remark_hit *h = NULL;
    size_t n = 0, total = 0;
    OK(giji_store_remark_search(f->st, texts, 1, NULL, 0, &h, &n, &total));
    assert_int_equal(n, 1);
    assert_int_equal((int)h[0].rank, -1);
    giji_remark_hits_free(h, n);
}

/* The remark columns of ids 0 .. max + 1 say what the rows say (0 for an
 * id with no remark). */
static void check_remark_cols(fixture *f)
{
    long long max = raw_count(f, "SELECT max(id) FROM remarks");
    long long ids[64];
    giji_remark_col c[64];
    assert_true(max + 2 <= 64);
    for (long long i = 0; i <= max + 1; i++)
        ids[i] = i;
    OK(giji_store_remark_cols(f->st, ids, (size_t)max + 2, c));
    for (long long i = 0; i <= max + 1; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT coalesce((SELECT meeting_id FROM remarks WHERE id = %lld), 0)", i);
        assert_int_equal(c[i].meeting, raw_count(f, sql));
        snprintf(sql, sizeof sql, "SELECT coalesce((SELECT speaker_id FROM remarks WHERE id = %lld), 0)", i);
        assert_int_equal(c[i].speaker, raw_count(f, sql));
        snprintf(sql, sizeof sql, "SELECT count(*) FROM remarks WHERE id = %lld AND attribution = 'inferred'", i);
        assert_int_equal(c[i].inferred, raw_count(f, sql));
    }
    giji_remark_cols_clear(c, (size_t)max + 2);
}

/* Version 7 added the remark columns: a version 6 database gets them
 * filled from the remarks already there, and keeps them from then on. */
static void test_open_upgrades_schema_6(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    stored_at_version(f, &a, 6);
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols"), 1);
    check_remark_cols(f);
    /* a replacement rebuilds the chunk, and a batch its chunks at its commit */
    test_meeting a2;
    test_meeting_init(&a2);
    a2.rem[0].speaker = -1;
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    check_remark_cols(f);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "b.txt", "b1", &a.m, GIJI_STORE_NEW, NULL);
    put_ok(f, "a.txt", "a3", &a.m, GIJI_STORE_REPLACED, NULL);
    OK(giji_store_batch_commit(f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols_stale"), 0);
    check_remark_cols(f);
}

/* Version 8 replaced the metrics cache's node rows by blobs, with counts: a
 * version 7 database gets the new table, and its cached metrics are dropped. */
static void test_open_upgrades_schema_7(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    giji_cached_node nodes[1] = {{1, 5, {1, 2, 3, 4, 5, 6}, 0, 0}};
    giji_metrics_cache_rec rec = {0};
    OK(giji_store_content_version(f->st, &rec.content_version));
    rec.nodes = nodes;
    rec.nnodes = 1;
    OK(giji_store_metrics_cache_put(f->st, "k", &rec, NULL));
    giji_store_close(f->st);
    f->st = NULL;
    raw_exec(f, "DELETE FROM metrics_cache");
    raw_exec(f, undo_schema_8);
    raw_exec(f, "INSERT INTO metrics_cache (id, spec, content_version, nodes, edges, modularity, communities, "
                "cutoff, samples) VALUES (1, 'k', 0, 1, 0, 0, 0, 0, 0); "
                "INSERT INTO metrics_cache_nodes VALUES (1, 0, 1, 5, 1, 2, 3, 4, 5, 6, 0)");
    raw_exec(f, "UPDATE meta SET value = '7' WHERE key = 'schema_version'");
    assert_int_equal(raw_count(f, "SELECT count(*) FROM metrics_cache"), 1);
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT value FROM meta WHERE key = 'schema_version'"), 8);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM metrics_cache"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'metrics_cache_nodes'"), 0);
    /* the counts round-trip, and an entry without them says so */
    long long meetings[2] = {3, 1LL << 40};
    nodes[0].remarks = 42;
    rec.has_counts = 1;
    rec.selected = 7;
    rec.meetings = meetings;
    rec.nmeetings = 2;
    OK(giji_store_metrics_cache_put(f->st, "k", &rec, NULL));
    giji_metrics_cache_rec got;
    int found = 0;
    OK(giji_store_metrics_cache_get(f->st, "k", rec.content_version, &got, &found));
    assert_int_equal(found, 1);
    assert_int_equal(got.has_counts, 1);
    assert_int_equal(got.selected, 7);
    assert_int_equal(got.nodes[0].remarks, 42);
    assert_int_equal(got.nmeetings, 2);
    assert_int_equal(got.meetings[1], 1LL << 40);
    giji_metrics_cache_rec_free(&got);
    rec.has_counts = 0;
    OK(giji_store_metrics_cache_put(f->st, "k", &rec, NULL));
    OK(giji_store_metrics_cache_get(f->st, "k", rec.content_version, &got, &found));
    assert_int_equal(found, 1);
    assert_int_equal(got.has_counts, 0);
    assert_int_equal(got.nnodes, 1);
    assert_true(got.nodes[0].metric[5] == 6 && got.nodes[0].id == 5 && got.nodes[0].kind == 1);
    giji_metrics_cache_rec_free(&got);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM metrics_cache_data WHERE selected IS NULL"), 1);
}

/* ---- bulk load ----------------------------------------------------------- */

/* How a test load ends: finished, or cut off (its process gone) with the
 * database left as the batches committed it. */
enum { LOAD_PLAIN, LOAD_BULK, LOAD_BULK_KILLED, LOAD_BULK_KILLED_SCRATCH };

/* What a finish killed while its thread built the full-text index leaves
 * next to the database: a scratch database "<db>-fts" (store/bulk_fts.c),
 * here a complete-looking one whose index answers wrongly (every remark id
 * up to 40 holds 開催します), which nobody may trust. */
static void stale_scratch_make(const fixture *f)
{
    char p[160];
    snprintf(p, sizeof p, "%s-fts", f->db);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db,
                     "CREATE TABLE remarks (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) "
                     "INSERT INTO remarks (id, text) SELECT i, '古い索引の会合を開催します' FROM n;"
                     "CREATE VIRTUAL TABLE remarks_fts USING fts5 (text, content = 'remarks', content_rowid = 'id', "
                     "tokenize = 'trigram');"
                     "INSERT INTO remarks_fts (remarks_fts) VALUES ('rebuild');",
                     NULL, NULL, &err) != SQLITE_OK)
        fail_msg("stale scratch: %s", err);
    sqlite3_close(db);
}

static int scratch_exists(const fixture *f)
{
    char p[160];
    struct stat sb;
    snprintf(p, sizeof p, "%s-fts", f->db);
    return stat(p, &sb) == 0;
}


/* The same corpus each time: three files in two batches, then a file
 * replaced (a.txt, whose discovered entity D goes with it) in a third. */
static void load_corpus(fixture *f, int mode)
{
    static giji_entity ents[3] = {ENT("D", GIJI_ENT_TOPIC, 1), ENT("G", GIJI_ENT_ORG, 0),
                                  ENT("E", GIJI_ENT_TOPIC, 1)};
    static giji_mention m0[] = {MEN(0, 0, 1, "た", "r"), MEN(1, 1, 2, "だ", NULL), MEN(0, 2, 3, "い", "r")};
    static giji_mention m3[] = {MEN(1, 0, 2, "日本", NULL), MEN(2, 2, 4, "電気", "r")};
    static giji_mention m3b[] = {MEN(2, 2, 4, "電気", "r")};
    test_meeting a, b, c, a2;
    test_meeting *all[] = {&a, &b, &c, &a2};
    for (size_t i = 0; i < 4; i++) {
        test_meeting_init(all[i]);
        all[i]->m.entities = ents;
        all[i]->m.nentities = 3;
        set_mentions(all[i], 0, m0, 3);
        set_mentions(all[i], 3, m3, 2);
    }
    b.rem[1].text = "二番目の会合の発言です。";
    c.rem[0].text = "三番目の会合を開催します。";
    set_mentions(&a2, 0, NULL, 0);
    set_mentions(&a2, 3, m3b, 1);
    a2.rem[2].text = "差し替えた会合の発言";
    int started = 0;
    if (mode != LOAD_PLAIN) {
        OK(giji_store_bulk_begin(f->st, &started));
        assert_int_equal(started, 1);
    }
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    put_ok(f, "b.txt", "b1", &b.m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "c.txt", "c1", &c.m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    if (mode != LOAD_PLAIN) { /* the load's state, as another process sees it */
        assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'bulk'"), 1);
        assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_entity'"), 0);
        assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 12);
        assert_int_equal(raw_count(f, "SELECT count(*) FROM entity_remarks"), 0);
        assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"開催し\"'"), 0);
    }
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "a.txt", "a2", &a2.m, GIJI_STORE_REPLACED, NULL);
    OK(giji_store_batch_commit(f->st));
    if (mode != LOAD_PLAIN) /* the replacement needed the index of mentions by entity */
        assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_entity'"), 1);
    if (mode == LOAD_BULK) {
        OK(giji_store_bulk_finish(f->st));
        /* on two cores (nothing was indexed before the load): the counts
         * were made beside the full-text index, and its scratch file went */
        assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'derived_counts' AND value = 'live'"), 1);
        assert_int_equal(scratch_exists(f), 0);
    }
    if (mode == LOAD_BULK_KILLED || mode == LOAD_BULK_KILLED_SCRATCH) {
        /* what kill -9 leaves: the batches committed, the flag set, the
         * lock file there and nobody holding it (close gives it back as
         * the kernel does for a killed process) */
        giji_store_close(f->st);
        f->st = NULL;
        assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'bulk'"), 1);
        assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 12);
        if (mode == LOAD_BULK_KILLED_SCRATCH)
            stale_scratch_make(f);
        OK(giji_store_open(f->db, &f->st)); /* the repair */
        assert_int_equal(scratch_exists(f), 0);
    }
    OK(giji_store_counts_rebuild(f->st));
}

/* Every derived row and answer of the database, as one string (caller
 * frees): entity_remarks, the mentions with their rowids, the counts,
 * full-text answers, the indexes and meta. */
static char *db_signature(const fixture *f)
{
    static const char sql[] =
        "SELECT coalesce((SELECT group_concat(x, ';') FROM (SELECT entity_id || ',' || remark_id || ',' || meeting_id "
        "  || ',' || seq || ',' || coalesce(speaker_id, '-') || ',' || coalesce(label, '-') || ',' || inferred || ',' "
        "  || mentions AS x FROM entity_remarks ORDER BY entity_id, remark_id)), '') || '|' || "
        "coalesce((SELECT group_concat(x, ';') FROM (SELECT rowid || ',' || remark_id || ',' || entity_id || ',' "
        "  || \"start\" || ',' || surface AS x FROM mentions ORDER BY rowid)), '') || '|' || "
        "coalesce((SELECT group_concat(x, ';') FROM (SELECT entity_id || ',' || speaker_id || ',' || label || ',' "
        "  || remarks || ',' || inferred AS x FROM entity_speakers ORDER BY 1)), '') || '|' || "
        "coalesce((SELECT group_concat(x, ';') FROM (SELECT entity_id || ',' || meeting_id || ',' || remarks || ',' "
        "  || anonymous || ',' || mentions AS x FROM entity_meetings ORDER BY 1)), '') || '|' || "
        "coalesce((SELECT group_concat(rowid) FROM (SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH "
        "  '\"開催し\"' ORDER BY rowid)), '') || '|' || "
        "coalesce((SELECT group_concat(rowid) FROM (SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH "
        "  '\"会合の発言\"' ORDER BY rowid)), '') || '|' || "
        "coalesce((SELECT group_concat(rowid) FROM (SELECT rowid FROM remarks_fts WHERE remarks_fts MATCH "
        "  '\"遠藤です\"' ORDER BY rowid)), '') || '|' || "
        "(SELECT group_concat(x, ';') FROM (SELECT name || ':' || sql AS x FROM sqlite_master "
        "  WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)) || '|' || "
        "(SELECT group_concat(x, ';') FROM (SELECT key || '=' || value AS x FROM meta ORDER BY key)) || '|' || "
        "(SELECT count(*) FROM remarks_pending) || '|' || "
        "coalesce((SELECT group_concat(x, ';') FROM (SELECT chunk || ':' || hex(data) AS x FROM remark_cols "
        "  ORDER BY chunk)), '') || '|' || (SELECT count(*) FROM remark_cols_stale)";
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_non_null(sqlite3_column_text(s, 0));
    char *out = strdup((const char *)sqlite3_column_text(s, 0));
    assert_non_null(out);
    sqlite3_finalize(s);
    char *err = NULL;
    if (sqlite3_exec(db, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')", NULL, NULL, &err) !=
        SQLITE_OK)
        fail_msg("integrity-check: %s", err);
    sqlite3_close(db);
    return out;
}

/* Start over with an empty database at the fixture's path. */
static void fixture_reset(fixture *f)
{
    giji_store_close(f->st);
    f->st = NULL;
    static const char *const suffix[] = {"", "-wal", "-shm", "-bulk"};
    char p[160];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", f->db, suffix[i]);
        unlink(p);
    }
    OK(giji_store_open(f->db, &f->st));
}

/* A bulk load gives the database a plain load gives, row for row and
 * answer for answer; so does one whose process was killed, once the next
 * open has repaired it. */
static void test_bulk_load_same_answers(void **state)
{
    fixture *f = *state;
    load_corpus(f, LOAD_PLAIN);
    char *plain = db_signature(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols"),
                     raw_count(f, "SELECT count(DISTINCT id >> 10) FROM remarks"));
    check_entity_remarks(f);
    fixture_reset(f);
    load_corpus(f, LOAD_BULK);
    char *bulk = db_signature(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols"),
                     raw_count(f, "SELECT count(DISTINCT id >> 10) FROM remarks"));
    assert_string_equal(bulk, plain);
    check_entity_remarks(f);
    check_derived_counts(f);
    struct stat sb;
    char lock[160];
    snprintf(lock, sizeof lock, "%s-bulk", f->db);
    assert_int_not_equal(stat(lock, &sb), 0); /* the lock file went with the load */
    /* the finish ran with a rollback journal (nobody else had the database
     * open) and gave the database back in WAL mode */
    assert_int_equal(raw_count(f, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    fixture_reset(f);
    load_corpus(f, LOAD_BULK_KILLED);
    char *killed = db_signature(f);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remark_cols"),
                     raw_count(f, "SELECT count(DISTINCT id >> 10) FROM remarks"));
    assert_string_equal(killed, plain);
    check_entity_remarks(f);
    check_derived_counts(f);
    assert_int_not_equal(stat(lock, &sb), 0);
    /* killed in the middle of the finish on two cores: its transaction
     * rolled back (as above) and its scratch database left behind */
    fixture_reset(f);
    load_corpus(f, LOAD_BULK_KILLED_SCRATCH);
    char *killed_scratch = db_signature(f);
    assert_string_equal(killed_scratch, plain);
    check_entity_remarks(f);
    check_derived_counts(f);
    free(plain);
    free(bulk);
    free(killed);
    free(killed_scratch);
}

/* Remarks holding text, through the store's own connection. */
static size_t search_total(const fixture *f, const char *text)
{
    const char *texts[] = {text};
    giji_remark_hit *h = NULL;
    size_t n = 0, total = 0;
    OK(giji_store_remark_search(f->st, texts, 1, NULL, 0, &h, &n, &total));
    giji_remark_hits_free(h, n);
    return total;
}

/* The finish on two cores replaced the full-text index of the loading
 * connection behind the back of its FTS5, which had read the index's
 * structure before (a file stored before the load): that connection
 * searches and writes the index as usual afterwards. */
static void test_bulk_two_cores_then_write(void **state)
{
    fixture *f = *state;
    test_meeting m[5];
    static char *const text[5] = {"最初の会合を開催します。", "二番目の会合を開催します。",
                                        "三番目の会合を開催します。", "四番目の会合を開催します。",
                                        "五番目の会合を開催します。"};
    static const char *const name[5] = {"a.txt", "b.txt", "c.txt", "d.txt", "e.txt"};
    for (size_t i = 0; i < 5; i++) {
        test_meeting_init(&m[i]);
        m[i].rem[0].text = text[i];
    }
    put_ok(f, name[0], "s0", &m[0].m, GIJI_STORE_NEW, NULL);
    assert_int_equal(search_total(f, "開催し"), 1);
    int started = 0;
    OK(giji_store_bulk_begin(f->st, &started));
    assert_int_equal(started, 1);
    OK(giji_store_batch_begin(f->st));
    for (size_t i = 1; i < 4; i++)
        put_ok(f, name[i], text[i], &m[i].m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    OK(giji_store_bulk_finish(f->st));
    /* on two cores: the counts were made beside the index */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'derived_counts' AND value = 'live'"), 1);
    assert_int_equal(search_total(f, "開催し"), 4);
    assert_int_equal(search_total(f, "二番目の会合"), 1);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, name[4], "s4", &m[4].m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    assert_int_equal(search_total(f, "開催し"), 5);
    assert_int_equal(search_total(f, "五番目の会合"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"開催し\"'"), 5);
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
    check_entity_remarks(f);
}

/* A crash can also come between the flag and the rest of begin's work, or
 * in the middle of a batch: every such state is finished by the next open
 * (the batch's own rows are gone with its transaction). */
static void test_bulk_repair_partial(void **state)
{
    fixture *f = *state;
    test_meeting a;
    test_meeting_init(&a);
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    giji_store_close(f->st);
    f->st = NULL;
    /* flag set, index still there, nothing pending */
    raw_exec(f, "INSERT INTO meta (key, value) VALUES ('bulk', 'pending')");
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'bulk'"), 0);
    int pending = 1;
    OK(giji_store_bulk_pending(f->st, &pending));
    assert_int_equal(pending, 0);
    /* flag set, index dropped, a remark listed as pending (as a committed
     * bulk batch leaves it) */
    giji_store_close(f->st);
    f->st = NULL;
    raw_exec(f, "BEGIN; INSERT INTO meta (key, value) VALUES ('bulk', 'pending'); DROP INDEX mentions_entity;"
                "INSERT INTO entities (name, type, discovered) VALUES ('後から', 'topic', 1);"
                "INSERT INTO meta (key, value) VALUES ('batch', 'open');"
                "INSERT INTO remarks (meeting_id, seq, speaker_id, attribution, text, line, last_line) "
                "SELECT id, 9, NULL, 'none', '後から足した発言', 40, 40 FROM meetings;"
                "INSERT INTO mentions (remark_id, entity_id, \"start\", \"end\", surface) "
                "SELECT max(id), (SELECT min(id) FROM entities), 0, 2, '後か' FROM remarks;"
                "DELETE FROM meta WHERE key = 'batch'; COMMIT");
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 1);
    OK(giji_store_open(f->db, &f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM meta WHERE key = 'bulk'"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_entity'"), 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"足した発言\"'"), 1);
    check_entity_remarks(f);
    raw_exec(f, "INSERT INTO remarks_fts (remarks_fts) VALUES ('integrity-check')");
}

/* While the loading connection lives, another open leaves its load alone
 * (it holds the lock file); either may finish it, and the loader's next
 * batch sees that. */
static void test_bulk_live_load_left_alone(void **state)
{
    fixture *f = *state;
    test_meeting a, b;
    test_meeting_init(&a);
    test_meeting_init(&b);
    b.rem[0].text = "二つ目の会合を開催します。";
    int started = 0;
    OK(giji_store_bulk_begin(f->st, &started));
    assert_int_equal(started, 1);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "a.txt", "a1", &a.m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    giji_store *other = NULL;
    OK(giji_store_open(f->db, &other));
    int pending = 0;
    OK(giji_store_bulk_pending(other, &pending));
    assert_int_equal(pending, 1);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 4);
    /* a second load cannot begin one of its own */
    OK(giji_store_bulk_begin(other, &started));
    assert_int_equal(started, 0);
    /* the other connection finishes it; the loader goes on as usual */
    OK(giji_store_bulk_finish(other)); /* the loader has it open: in WAL mode */
    assert_int_equal(raw_count(f, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
    giji_store_close(other);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    OK(giji_store_batch_begin(f->st));
    put_ok(f, "b.txt", "b1", &b.m, GIJI_STORE_NEW, NULL);
    OK(giji_store_batch_commit(f->st));
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_pending"), 0);
    OK(giji_store_bulk_finish(f->st)); /* nothing left: a no-op */
    assert_int_equal(raw_count(f, "SELECT count(*) FROM remarks_fts WHERE remarks_fts MATCH '\"開催しま\"'"), 2);
    assert_int_equal(raw_count(f, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_entity'"), 1);
    check_entity_remarks(f);
    /* begin and finish refuse an open transaction */
    OK(giji_store_batch_begin(f->st));
    assert_int_equal(giji_store_bulk_begin(f->st, &started), GIJI_EINVAL);
    assert_int_equal(giji_store_bulk_finish(f->st), GIJI_EINVAL);
    OK(giji_store_batch_commit(f->st));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_open_creates_schema_and_dir),
        T(test_open_refuses_newer_schema),
        T(test_open_upgrades_schema_2),
        T(test_open_upgrades_schema_3),
        T(test_open_upgrades_schema_5),
        T(test_open_upgrades_schema_6),
        T(test_open_upgrades_schema_7),
        T(test_counts_suspended),
        T(test_open_refuses_older_schema),
        T(test_open_refuses_foreign_files),
        T(test_put_and_read_back),
        T(test_put_unchanged),
        T(test_put_parts),
        T(test_put_replaced),
        T(test_failure_mid_transaction_rolls_back),
        T(test_failed_replacement_keeps_old),
        T(test_invalid_meeting_rejected),
        T(test_hostile_strings_round_trip),
        T(test_persons_merged_by_name),
        T(test_meeting_order),
        T(test_mentions_and_entities),
        T(test_entities_round_trip),
        T(test_entity_upsert_rules),
        T(test_entity_parent_cycle),
        T(test_entity_cascade_on_replace),
        T(test_entity_validation),
        T(test_entity_failure_rolls_back),
        T(test_entity_list),
        T(test_candidates),
        T(test_candidates_context_edges),
        T(test_put_force),
        T(test_snapshot_blocks_put),
        T(test_batch_failure),
        T(test_batch_fts_deferred),
        T(test_open_upgrades_schema_4),
        T(test_bulk_load_same_answers),
        T(test_bulk_two_cores_then_write),
        T(test_bulk_repair_partial),
        T(test_bulk_live_load_left_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
