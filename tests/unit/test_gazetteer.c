/*
 * test_gazetteer.c — extract/gazetteer.c: loading data/gazetteer/ and user
 * gazetteer files, and the errors that name file and line: unknown types,
 * malformed lines, names listed twice or with two types, missing parents,
 * invalid UTF-8, and (when the extractor is built) an alias naming two
 * entities. Also the happy path: a user file adds a new entity and extends
 * a listed one, and both match afterwards.
 * Bad files are written to a fresh mkdtemp directory per test: either as a
 * data directory of its own (DIR/gazetteer/NAME.tsv) or as an extra file next
 * to the real data directory.
 * Every test frees what it builds and removes its files: run it under
 * -DGIJI_SANITIZE=ON.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "giji/giji.h"

/* ---- a temporary directory ----------------------------------------------- */

typedef struct tmpdir {
    char dir[64];          /* the data directory: DIR/gazetteer/ exists, empty */
    char gzdir[96];
    char *files[8];        /* written files, removed at the end */
    size_t nfiles;
} tmpdir;

static void tmp_open(tmpdir *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/giji-gz-XXXXXX");
    if (!mkdtemp(t->dir))
        fail_msg("mkdtemp failed");
    snprintf(t->gzdir, sizeof t->gzdir, "%s/gazetteer", t->dir);
    assert_int_equal(mkdir(t->gzdir, 0700), 0);
}

/* Write `len` bytes to DIR/name (name may be "gazetteer/x.tsv"); returns
 * the path, owned by t. */
static const char *tmp_write_n(tmpdir *t, const char *name, const char *data, size_t len)
{
    assert_true(t->nfiles < sizeof t->files / sizeof *t->files);
    size_t n = strlen(t->dir) + strlen(name) + 2;
    char *path = malloc(n);
    assert_non_null(path);
    snprintf(path, n, "%s/%s", t->dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    t->files[t->nfiles++] = path;
    return path;
}

static const char *tmp_write(tmpdir *t, const char *name, const char *data)
{
    return tmp_write_n(t, name, data, strlen(data));
}

static void tmp_close(tmpdir *t)
{
    for (size_t i = 0; i < t->nfiles; i++) {
        unlink(t->files[i]);
        free(t->files[i]);
    }
    rmdir(t->gzdir);
    rmdir(t->dir);
    memset(t, 0, sizeof *t);
}

/* ---- expectations ----------------------------------------------------------- */

/* Loading fails with `code` and a message containing each of the given
 * strings (NULL-terminated list). */
static void expect_load_error(const char *datadir, const char *const *extra, size_t nextra, int code, ...)
{
    giji_gazetteer *g = (giji_gazetteer *)1;
    giji_error_clear();
    int rc = giji_gazetteer_load(datadir, extra, nextra, &g);
    if (rc == GIJI_OK) {
        giji_gazetteer_free(g);
        fail_msg("the gazetteer loaded; an error was wanted");
    }
    assert_int_equal(rc, code);
    assert_null(g);
    const char *msg = giji_error_message();
    va_list ap;
    va_start(ap, code);
    for (const char *want; (want = va_arg(ap, const char *));)
        if (!strstr(msg, want)) {
            va_end(ap);
            fail_msg("message '%s' lacks '%s'", msg, want);
        }
    va_end(ap);
}

/* "PATH:LINE:" for messages. */
static const char *at(const char *path, unsigned line)
{
    static char buf[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s:%u:", path, line);
    return buf[k];
}

/* ---- errors in one file --------------------------------------------------------- */

static void test_unknown_type(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    /* as a file of the data directory; comments and blank lines count */
    const char *path = tmp_write(&t, "gazetteer/a.tsv",
                                 "# a comment\n"
                                 "\n"
                                 "org\tテスト防災機構\n"
                                 "agency\tテスト防災庁\n");
    expect_load_error(t.dir, NULL, 0, GIJI_EINVAL, at(path, 4), "unknown type 'agency'", NULL);
    /* as an extra file next to the real data */
    const char *extra = tmp_write(&t, "user.tsv", "Ministry\tテスト防災庁\n");
    expect_load_error(GIJI_TEST_DATA, &extra, 1, GIJI_EINVAL, at(extra, 1), "unknown type 'Ministry'", NULL);
    tmp_close(&t);
}

static void test_wrong_field_count(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    const char *one = tmp_write(&t, "one.tsv", "org\tテスト防災機構\nテスト防災庁\n");
    expect_load_error(GIJI_TEST_DATA, &one, 1, GIJI_EINVAL, at(one, 2), "expected", "found 1", NULL);
    const char *five = tmp_write(&t, "five.tsv", "org\tテスト防災機構\tTDO\t\textra\n");
    expect_load_error(GIJI_TEST_DATA, &five, 1, GIJI_EINVAL, at(five, 1), "expected", NULL);
    const char *empty = tmp_write(&t, "empty.tsv", "org\t  \n");
    expect_load_error(GIJI_TEST_DATA, &empty, 1, GIJI_EINVAL, at(empty, 1), "empty name", NULL);
    tmp_close(&t);
}

static void test_listed_twice(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    const char *path = tmp_write(&t, "twice.tsv",
                                 "org\tテスト防災機構\tTDO\n"
                                 "org\tテスト防災研究所\n"
                                 "org\tテスト防災機構\n");
    expect_load_error(GIJI_TEST_DATA, &path, 1, GIJI_EINVAL, at(path, 3), "'テスト防災機構' is listed twice",
                      "line 1", NULL);
    /* the same name after NFKC and case folding is the same name */
    const char *wide = tmp_write(&t, "wide.tsv", "org\tABC防災機構\norg\tａｂｃ防災機構\n");
    expect_load_error(GIJI_TEST_DATA, &wide, 1, GIJI_EINVAL, at(wide, 2), "listed twice", NULL);
    tmp_close(&t);
}

static void test_other_type_elsewhere(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    /* 経済産業省 is a ministry in data/gazetteer/ministry.tsv */
    const char *path = tmp_write(&t, "user.tsv", "org\tテスト防災機構\ncountry\t経済産業省\n");
    expect_load_error(GIJI_TEST_DATA, &path, 1, GIJI_EINVAL, at(path, 2), "'経済産業省' is already a ministry",
                      "ministry.tsv:", NULL);
    /* two files of one data directory */
    tmp_write(&t, "gazetteer/a.tsv", "org\tテスト防災機構\n");
    const char *b = tmp_write(&t, "gazetteer/b.tsv", "# b\nevent\tテスト防災機構\n");
    expect_load_error(t.dir, NULL, 0, GIJI_EINVAL, at(b, 2), "already a org", "a.tsv:1", NULL);
    /* a generic phrase is not a name */
    const char *gen = tmp_write(&t, "gen.tsv", "ministry\t各省庁\n");
    expect_load_error(GIJI_TEST_DATA, &gen, 1, GIJI_EINVAL, at(gen, 1), "already a generic phrase", NULL);
    tmp_close(&t);
}

static void test_missing_parent(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    const char *path = tmp_write(&t, "user.tsv",
                                 "org\tテスト防災機構\t\t経済産業省\n"
                                 "org\tテスト防災研究所\t\tテスト存在しない本部\n");
    expect_load_error(GIJI_TEST_DATA, &path, 1, GIJI_EINVAL, at(path, 2), "parent 'テスト存在しない本部'",
                      "of 'テスト防災研究所'", "is not in the gazetteer", NULL);
    const char *self = tmp_write(&t, "self.tsv", "org\tテスト防災機構\t\tテスト防災機構\n");
    expect_load_error(GIJI_TEST_DATA, &self, 1, GIJI_EINVAL, at(self, 1), "its own parent", NULL);
    /* a parent defined later in the same or another file is fine */
    tmp_write(&t, "gazetteer/a.tsv", "org\tテスト防災研究所\t\tテスト防災機構\n");
    tmp_write(&t, "gazetteer/b.tsv", "org\tテスト防災機構\n");
    giji_gazetteer *g;
    assert_int_equal(giji_gazetteer_load(t.dir, NULL, 0, &g), GIJI_OK);
    assert_int_equal(giji_gazetteer_size(g, NULL), 2);
    giji_gazetteer_free(g);
    tmp_close(&t);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    /* "org\t" is 4 bytes, テスト 9: the bad byte is at offset 13 */
    static const char bad[] = "org\tテスト\xff機構\n";
    const char *path = tmp_write_n(&t, "bad.tsv", bad, sizeof bad - 1);
    char want[600];
    snprintf(want, sizeof want, "%s: byte 13: invalid UTF-8", path);
    expect_load_error(GIJI_TEST_DATA, &path, 1, GIJI_EINVAL, want, NULL);
    /* a truncated sequence at the very end */
    static const char cut[] = "org\tテスト機構\n\xe6\x9d";
    const char *path2 = tmp_write_n(&t, "cut.tsv", cut, sizeof cut - 1);
    snprintf(want, sizeof want, "%s: byte %zu: invalid UTF-8", path2, sizeof cut - 3);
    expect_load_error(GIJI_TEST_DATA, &path2, 1, GIJI_EINVAL, want, NULL);
    tmp_close(&t);
}

static void test_missing_files(void **state)
{
    (void)state;
    tmpdir t;
    tmp_open(&t);
    char nodir[128];
    snprintf(nodir, sizeof nodir, "%s/nothing-here", t.dir);
    expect_load_error(nodir, NULL, 0, GIJI_EIO, "cannot open the gazetteer directory", NULL);
    const char *missing = nodir;
    giji_gazetteer *g = (giji_gazetteer *)1;
    assert_int_not_equal(giji_gazetteer_load(GIJI_TEST_DATA, &missing, 1, &g), GIJI_OK);
    assert_null(g);
    /* an empty gazetteer directory loads, with nothing in it */
    assert_int_equal(giji_gazetteer_load(t.dir, NULL, 0, &g), GIJI_OK);
    size_t names = 99;
    assert_int_equal(giji_gazetteer_size(g, &names), 0);
    assert_int_equal(names, 0);
    giji_gazetteer_free(g);
    tmp_close(&t);
}

/* Fixed bug (kept as a regression test; since c7daa8c, the shared TSV reader): a line of only spaces or tabs,
 * or a comment indented with spaces, is an error; before, the gazetteer
 * loader trimmed lines and skipped them ("blank lines are ignored", say
 * the headers of the data/gazetteer/ files).
 * Input: "org\tテスト防災機構\n   \n" -> "FILE:2: expected 2 to 4 tab-separated
 * fields, found 1"; "  # note" likewise; "\t\n" -> "unknown type ''". */
static void test_blank_lines_with_white_space(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "org\tテスト防災機構\n   \norg\tテスト防災研究所\n",
        "org\tテスト防災機構\n\t\norg\tテスト防災研究所\n",
        "org\tテスト防災機構\n  # an indented comment\norg\tテスト防災研究所\n",
        "org\tテスト防災機構\r\n\r\norg\tテスト防災研究所\r\n",
    };
    tmpdir t;
    tmp_open(&t);
    int failed = 0;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char name[32];
        snprintf(name, sizeof name, "blank%zu.tsv", i);
        const char *path = tmp_write(&t, name, texts[i]);
        giji_gazetteer *g;
        giji_error_clear();
        int rc = giji_gazetteer_load(GIJI_TEST_DATA, &path, 1, &g);
        if (rc != GIJI_OK) {
            print_message("regression: %s\n", giji_error_message());
            failed = 1;
            continue;
        }
        giji_gazetteer_free(g);
    }
    tmp_close(&t);
    if (failed)
        fail_msg("regression of the fixed bug described above");
}

/* ---- an alias naming two entities: found when the extractor is built ------------ */

static void expect_extractor_error(const char *file_text, const char *const *wants)
{
    tmpdir t;
    tmp_open(&t);
    const char *path = tmp_write(&t, "user.tsv", file_text);
    giji_gazetteer *g;
    giji_error_clear();
    if (giji_gazetteer_load(GIJI_TEST_DATA, &path, 1, &g) != GIJI_OK)
        fail_msg("the gazetteer did not load: %s", giji_error_message());
    giji_extract_options opt = {.discover = 0, .infer = 0};
    giji_extractor *x = (giji_extractor *)1;
    int rc = giji_extractor_new(g, GIJI_TEST_DATA, &opt, &x);
    if (rc == GIJI_OK) {
        giji_extractor_free(x);
        giji_gazetteer_free(g);
        tmp_close(&t);
        fail_msg("the extractor was built; an error was wanted");
    }
    assert_int_equal(rc, GIJI_EINVAL);
    assert_null(x);
    const char *msg = giji_error_message();
    for (; *wants; wants++)
        if (!strstr(msg, *wants))
            fail_msg("message '%s' lacks '%s'", msg, *wants);
    /* the message names where the second entity is */
    if (!strstr(msg, path))
        fail_msg("message '%s' does not name %s", msg, path);
    giji_gazetteer_free(g);
    tmp_close(&t);
}

static void test_alias_names_two_entities(void **state)
{
    (void)state;
    /* an alias that is another entity's alias */
    const char *const a[] = {"NISC", "テスト防災機構", "内閣サイバーセキュリティセンター", "ministry.tsv:", NULL};
    expect_extractor_error("org\tテスト防災機構\tTDO|NISC\n", a);
    /* an alias that is another entity's canonical name */
    const char *const b[] = {"経済産業省", "テスト防災機構", NULL};
    expect_extractor_error("org\tテスト防災機構\t経済産業省\n", b);
    /* two user entities sharing an alias, after NFKC and case folding */
    const char *const c[] = {"テスト防災機構", "テスト防災研究所", NULL};
    expect_extractor_error("org\tテスト防災機構\tTDX\norg\tテスト防災研究所\tｔｄｘ\n", c);
}

/* ---- the happy path ------------------------------------------------------------------ */

static void test_user_file_adds_and_extends(void **state)
{
    (void)state;
    giji_gazetteer *base;
    assert_int_equal(giji_gazetteer_load(GIJI_TEST_DATA, NULL, 0, &base), GIJI_OK);
    size_t base_names, base_n = giji_gazetteer_size(base, &base_names);
    giji_gazetteer_free(base);

    tmpdir t;
    tmp_open(&t);
    /* CRLF line ends, a comment; a new entity with an alias and a listed
     * parent; a listed entity (same name, same type) with new aliases and
     * one it already has */
    const char *path = tmp_write(&t, "user.tsv",
                                 "# my additions\r\n"
                                 "org\tテスト防災研究機構\tTDRI\t経済産業省\r\n"
                                 "ministry\t経済産業省\tMinistry of Economy, Trade and Industry|経済産業本省テスト|METI\r\n");
    giji_gazetteer *g;
    if (giji_gazetteer_load(GIJI_TEST_DATA, &path, 1, &g) != GIJI_OK)
        fail_msg("load: %s", giji_error_message());
    size_t names, n = giji_gazetteer_size(g, &names);
    assert_int_equal(n, base_n + 1);
    /* name + TDRI + 1 new alias (the English name is listed in zz-english-aliases.tsv) */
    assert_int_equal(names, base_names + 1 + 1 + 1);

    giji_extract_options opt = {.discover = 0, .infer = 0};
    giji_extractor *x;
    if (giji_extractor_new(g, GIJI_TEST_DATA, &opt, &x) != GIJI_OK)
        fail_msg("extractor: %s", giji_error_message());
    static const char text[] = "テスト防災研究機構（TDRI）とMinistry of Economy, Trade and Industry、"
                               "経済産業本省テスト、経産省";
    giji_entity *e;
    giji_mention *m;
    size_t ne, nm;
    assert_int_equal(giji_extract_text(x, text, &e, &ne, &m, &nm), GIJI_OK);
    assert_int_equal(nm, 5);
    assert_int_equal(ne, 2);
    const giji_entity *tdri = &e[m[0].entity], *meti = &e[m[2].entity];
    assert_string_equal(m[0].surface, "テスト防災研究機構");
    assert_string_equal(tdri->name, "テスト防災研究機構");
    assert_int_equal(tdri->type, GIJI_ENT_ORG);
    assert_int_equal(tdri->discovered, 0);
    assert_string_equal(tdri->parent, "経済産業省");
    assert_int_equal(tdri->parent_type, GIJI_ENT_MINISTRY);
    assert_string_equal(m[1].surface, "TDRI");
    assert_int_equal(m[1].entity, m[0].entity);
    assert_null(m[1].rule); /* a listed alias, not a guessed abbreviation */
    assert_string_equal(m[2].surface, "Ministry of Economy, Trade and Industry");
    assert_string_equal(meti->name, "経済産業省");
    assert_int_equal(meti->type, GIJI_ENT_MINISTRY);
    assert_string_equal(m[3].surface, "経済産業本省テスト");
    assert_string_equal(m[4].surface, "経産省"); /* the listed alias still works */
    assert_int_equal(m[3].entity, m[2].entity);
    assert_int_equal(m[4].entity, m[2].entity);
    /* METI is not doubled */
    size_t meti_aliases = 0;
    for (size_t k = 0; k < meti->naliases; k++)
        meti_aliases += !strcmp(meti->aliases[k], "METI");
    assert_int_equal(meti_aliases, 1);
    giji_mentions_free(m, nm);
    giji_entities_free(e, ne);
    giji_extractor_free(x);
    giji_gazetteer_free(g);
    tmp_close(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_type),
        cmocka_unit_test(test_wrong_field_count),
        cmocka_unit_test(test_listed_twice),
        cmocka_unit_test(test_other_type_elsewhere),
        cmocka_unit_test(test_missing_parent),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_missing_files),
        cmocka_unit_test(test_blank_lines_with_white_space),
        cmocka_unit_test(test_alias_names_two_entities),
        cmocka_unit_test(test_user_file_adds_and_extends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
