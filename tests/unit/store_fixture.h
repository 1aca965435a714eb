/*
 * store_fixture.h — helpers shared by test_store.c and test_export.c:
 * a temporary directory per test, a hand-built giji_meeting (no parser
 * involved), raw SQLite access for checks the public API does not offer.
 * Header-only (static inline) because each test file is its own program.
 * The meeting is built from string literals and fixed arrays: nothing to
 * free, and it does not depend on segment/'s giji_meeting_free.
 */
#ifndef GIJI_TEST_STORE_FIXTURE_H
#define GIJI_TEST_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "giji/error.h"
#include "giji/store.h"
#include "util/sha256.h"

typedef struct fixture {
    char dir[64];      /* mkdtemp directory */
    char db[128];      /* dir/out/giji.db: out/ does not exist before open */
    giji_store *st;
} fixture;

static inline int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/giji-test-XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    snprintf(f->db, sizeof f->db, "%s/out/giji.db", f->dir);
    if (giji_store_open(f->db, &f->st) != GIJI_OK) {
        fprintf(stderr, "open: %s\n", giji_error_message());
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    fixture *f = *state;
    giji_store_close(f->st);
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal", "-bulk"};
    char p[160];
    for (size_t i = 0; i < 5; i++) {
        snprintf(p, sizeof p, "%s%s", f->db, suffix[i]);
        unlink(p);
    }
    snprintf(p, sizeof p, "%s/out", f->dir);
    rmdir(p);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* A second connection to the database file, for checks and sabotage. */
static inline sqlite3 *raw_open(const fixture *f)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
}

static inline void raw_exec(const fixture *f, const char *sql)
{
    sqlite3 *db = raw_open(f);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("raw_exec: %s", err);
    sqlite3_close(db);
}

static inline long long raw_count(const fixture *f, const char *sql)
{
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

/* Rows reported by PRAGMA foreign_key_check (0 when the graph is sound). */
static inline int raw_fk_violations(const fixture *f)
{
    sqlite3 *db = raw_open(f);
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &s, NULL), SQLITE_OK);
    int n = 0;
    while (sqlite3_step(s) == SQLITE_ROW)
        n++;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

/* Text that has broken naive SQL and naive JSON writers. */
#define TRICKY_TEXT "He said \"yes\"; it's 100% _done_ \\ back\n'; DROP TABLE remarks; --\t\x01\x1f</script>&<b> 了解。"

/* The hand-built meeting: arrays live in the struct, strings are literals. */
typedef struct test_meeting {
    giji_meeting m;
    giji_attendee att[4];
    giji_remark rem[4];
    char *agenda[2];
    giji_warning warn[1];
} test_meeting;

static inline void test_meeting_init(test_meeting *t)
{
    memset(t, 0, sizeof *t);
    giji_meeting *m = &t->m;
    m->body = "サイバーセキュリティ戦略本部";
    m->parent_body = NULL;
    m->title = "サイバーセキュリティ戦略本部 第11回会合";
    m->kind = "議事概要";
    m->session = 11;
    strcpy(m->date, "2017-01-25");
    strcpy(m->start, "08:30");
    strcpy(m->end, "09:30");
    m->place = "総理大臣官邸4階大会議室";

    t->att[0] = (giji_attendee){"菅義偉", "菅 義偉", "菅", "内閣官房長官", 0, 1, -1, 12};
    t->att[1] = (giji_attendee){"丸川珠代", "丸川 珠代", "丸川", "東京オリンピック競技大会担当大臣", 0, 0, -1, 13};
    t->att[2] = (giji_attendee){"あかま次郎", "あかま 次郎", "あかま", "総務副大臣", 0, 1, 1, 14};
    t->att[3] = (giji_attendee){"遠藤信博", "遠藤 信博", "遠藤", "", 1, 1, -1, 17};
    m->attendees = t->att;
    m->nattendees = 4;

    t->rem[0] = (giji_remark){0, "菅内閣官房長官", GIJI_ATTR_EXPLICIT, "ただいまから会合を開催します。", 20, 20, NULL};
    t->rem[1] = (giji_remark){0, NULL, GIJI_ATTR_CHAIR, "本日はお集まりいただき\nありがとうございます。", 22, 23, NULL};
    t->rem[2] = (giji_remark){-1, NULL, GIJI_ATTR_NONE, TRICKY_TEXT, 25, 27, NULL};
    t->rem[3] = (giji_remark){3, "委員", GIJI_ATTR_INFERRED, "日本電気の遠藤です。", 29, 29, "自己紹介"};
    m->remarks = t->rem;
    m->nremarks = 4;

    t->agenda[0] = "サイバーセキュリティ戦略の推進について";
    t->agenda[1] = "'; DROP TABLE agenda; -- 50% off_";
    m->agenda = t->agenda;
    m->nagenda = 2;

    t->warn[0] = (giji_warning){26, "remark without speaker label"};
    m->warnings = t->warn;
    m->nwarnings = 1;
}

/* A source whose hash is that of `content`. */
static inline giji_source test_source(const char *name, const char *content)
{
    giji_source s;
    memset(&s, 0, sizeof s);
    s.name = name;
    s.path = name;
    giji_sha256_hex(content, strlen(content), s.sha256);
    s.size = strlen(content);
    s.encoding = "UTF-8";
    return s;
}

#endif
