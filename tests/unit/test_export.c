/*
 * test_export.c — export/: the JSON writer's escaping and layout, and
 * giji_export_json on hand-built databases: an exact expected document, a
 * parse-back check with a small strict JSON parser (every string decoded
 * and compared with what was stored), determinism, and write errors.
 */
#include "store_fixture.h"

#include "giji/export.h"
#include "giji/extract.h"
#include "export/jsonw.h"
#include "util/utf8.h"

#define OK(call) do { int rc_ = (call); if (rc_ != GIJI_OK) fail_msg("%s: %s", #call, giji_error_message()); } while (0)

/* ---- helpers ------------------------------------------------------------ */

/* Output of giji_json_escape for s; caller frees. */
static char *escaped(const char *s, size_t len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(giji_json_escape(f, s, len), 0);
    fclose(f);
    return buf;
}

/* The whole export as a string; caller frees. */
static char *export_string(giji_store *st)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    OK(giji_export_json(st, f));
    fclose(f);
    return buf;
}

/* Replace the first occurrence of `from` in *s by `to` (reallocates). */
static void replace_once(char **s, const char *from, const char *to)
{
    char *at = strstr(*s, from);
    assert_non_null(at);
    size_t a = (size_t)(at - *s), fl = strlen(from), tl = strlen(to), sl = strlen(*s);
    char *r = malloc(sl - fl + tl + 1);
    assert_non_null(r);
    memcpy(r, *s, a);
    memcpy(r + a, to, tl);
    memcpy(r + a + tl, at + fl, sl - a - fl + 1);
    free(*s);
    *s = r;
}

/* Replace the generator's value (it carries the build's version) by @GEN@. */
static void mask_generator(char *doc)
{
    char *gen = strstr(doc, "\"generator\": \"giji ");
    assert_non_null(gen);
    gen += strlen("\"generator\": \"");
    char *q = strchr(gen, '"');
    assert_non_null(q);
    memcpy(gen, "@GEN@", 5);
    memmove(gen + 5, q, strlen(q) + 1);
}

/* ---- a small strict JSON parser (RFC 8259), collecting decoded strings --- */

typedef struct jparse {
    const char *p, *end;
    char **strings;    /* every string value and key, decoded */
    size_t nstrings, cap;
} jparse;

static void ws(jparse *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15)
            return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

static int jstring(jparse *j)
{
    if (j->p >= j->end || *j->p != '"')
        return 0;
    j->p++;
    size_t cap = 64, n = 0;
    char *out = malloc(cap);
    for (;;) {
        if (n + 8 > cap)
            out = realloc(out, cap *= 2);
        if (j->p >= j->end)
            return free(out), 0;
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            j->p++;
            break;
        }
        if (c < 0x20)
            return free(out), 0;          /* raw control character */
        if (c != '\\') {
            uint32_t cp;
            size_t k = giji_utf8_decode(j->p, (size_t)(j->end - j->p), &cp);
            if (!k)
                return free(out), 0;      /* invalid UTF-8 */
            memcpy(out + n, j->p, k);
            n += k;
            j->p += k;
            continue;
        }
        if (j->end - j->p < 2)
            return free(out), 0;
        char e = j->p[1];
        j->p += 2;
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            out[n++] = "\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
            continue;
        }
        unsigned v, lo;
        if (e != 'u' || j->end - j->p < 4 || !hex4(j->p, &v))
            return free(out), 0;
        j->p += 4;
        if (v >= 0xD800 && v <= 0xDBFF) { /* surrogate pair */
            if (j->end - j->p < 6 || j->p[0] != '\\' || j->p[1] != 'u' || !hex4(j->p + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF)
                return free(out), 0;
            j->p += 6;
            v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
        } else if (v >= 0xDC00 && v <= 0xDFFF) {
            return free(out), 0;
        }
        n += giji_utf8_encode(v, out + n);
    }
    out[n] = '\0';
    if (j->nstrings == j->cap)
        j->strings = realloc(j->strings, (j->cap = j->cap ? j->cap * 2 : 64) * sizeof *j->strings);
    j->strings[j->nstrings++] = out;
    return 1;
}

static int jvalue(jparse *j);

static int jnumber(jparse *j)
{
    const char *s = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    if (j->p >= j->end || *j->p < '0' || *j->p > '9')
        return 0;
    if (*j->p == '0')
        j->p++;
    else
        while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
            j->p++;
    return j->p > s; /* giji writes integers only */
}

static int jcontainer(jparse *j, char open, char close)
{
    j->p++; /* past open */
    ws(j);
    if (j->p < j->end && *j->p == close) {
        j->p++;
        return 1;
    }
    for (;;) {
        ws(j);
        if (open == '{') {
            if (!jstring(j))
                return 0;
            ws(j);
            if (j->p >= j->end || *j->p++ != ':')
                return 0;
        }
        if (!jvalue(j))
            return 0;
        ws(j);
        if (j->p >= j->end)
            return 0;
        if (*j->p == ',') {
            j->p++;
            continue;
        }
        if (*j->p++ != close)
            return 0;
        return 1;
    }
}

static int jliteral(jparse *j, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
        return 0;
    j->p += n;
    return 1;
}

static int jvalue(jparse *j)
{
    ws(j);
    if (j->p >= j->end)
        return 0;
    switch (*j->p) {
    case '{': return jcontainer(j, '{', '}');
    case '[': return jcontainer(j, '[', ']');
    case '"': return jstring(j);
    case 't': return jliteral(j, "true");
    case 'f': return jliteral(j, "false");
    case 'n': return jliteral(j, "null");
    default: return jnumber(j);
    }
}

/* Parse a whole document: 1 when it is valid JSON and nothing follows. */
static int jparse_try(jparse *j, const char *text)
{
    memset(j, 0, sizeof *j);
    j->p = text;
    j->end = text + strlen(text);
    if (!jvalue(j))
        return 0;
    ws(j);
    return j->p == j->end;
}

static void jparse_free(jparse *j);

/* Parse a whole document; fails the test if it is not valid JSON. */
static void jparse_doc(jparse *j, const char *text)
{
    if (!jparse_try(j, text))
        fail_msg("invalid JSON at offset %ld: %.40s", (long)(j->p - text), j->p);
}

static int jhas_string(const jparse *j, const char *s)
{
    for (size_t i = 0; i < j->nstrings; i++)
        if (strcmp(j->strings[i], s) == 0)
            return 1;
    return 0;
}

static void jparse_free(jparse *j)
{
    for (size_t i = 0; i < j->nstrings; i++)
        free(j->strings[i]);
    free(j->strings);
}

/* The checker itself must reject what is not JSON, or the parse-back test
 * below proves nothing. */
static void test_parser_rejects(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\": 1,}", "\"\x01\"", "\"a\nb\"",
        "\"\\x\"", "\"\\ud800\"", "\"\xff\"", "[01]", "nul", "{} {}", "'a'",
    };
    jparse j;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (jparse_try(&j, bad[i]))
            fail_msg("accepted invalid JSON case %zu", i);
        jparse_free(&j);
    }
    assert_true(jparse_try(&j, "{\"k\": [1, -2, true, false, null, \"\\ud83d\\ude00\\u00e9\"]}"));
    assert_true(jhas_string(&j, "\xf0\x9f\x98\x80\xc3\xa9"));
    jparse_free(&j);
}

/* ---- the writer ---------------------------------------------------------- */

static void test_escape(void **state)
{
    (void)state;
    static const struct { const char *in; size_t len; const char *want; } v[] = {
        {"plain", 5, "plain"},
        {"say \"hi\"", 8, "say \\\"hi\\\""},
        {"a\\b", 3, "a\\\\b"},
        {"l1\nl2\r\tx", 8, "l1\\nl2\\r\\tx"},
        {"\x01\x08\x0c\x1f\x7f", 5, "\\u0001\\u0008\\u000c\\u001f\\u007f"},
        {"</script>", 9, "\\u003c/script\\u003e"},
        {"a&b", 3, "a\\u0026b"},
        {"it's / ok", 9, "it's / ok"},
        {"\xe2\x80\xa8|\xe2\x80\xa9", 7, "\\u2028|\\u2029"},
        {"議事概要・菅 義偉", 25, "議事概要・菅 義偉"},
        {"\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80"},          /* outside the BMP: as is */
        {"x\xffy", 3, "x\\ufffdy"},                             /* invalid byte */
        {"\xe6\x97", 2, "\\ufffd\\ufffd"},                       /* truncated sequence */
        {"\xc0\xaf", 2, "\\ufffd\\ufffd"},                       /* overlong '/' */
        {"\xed\xa0\x80", 3, "\\ufffd\\ufffd\\ufffd"},            /* a surrogate */
        {"", 0, ""},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char *got = escaped(v[i].in, v[i].len);
        if (strcmp(got, v[i].want) != 0)
            fail_msg("case %zu: got \"%s\", want \"%s\"", i, got, v[i].want);
        free(got);
    }
}

static void test_writer_layout(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    giji_jsonw w;
    giji_jsonw_init(&w, f);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "a");
    giji_jsonw_array_begin(&w);
    giji_jsonw_array_end(&w);
    giji_jsonw_key(&w, "b");
    giji_jsonw_object_begin(&w);
    giji_jsonw_object_end(&w);
    giji_jsonw_key(&w, "c\"");
    giji_jsonw_array_begin(&w);
    giji_jsonw_int(&w, -12);
    giji_jsonw_id(&w, 0);
    giji_jsonw_bool(&w, 1);
    giji_jsonw_string(&w, NULL);
    giji_jsonw_object_begin(&w);
    giji_jsonw_key(&w, "d");
    giji_jsonw_bool(&w, 0);
    giji_jsonw_object_end(&w);
    giji_jsonw_array_end(&w);
    giji_jsonw_object_end(&w);
    OK(giji_jsonw_finish(&w));
    fclose(f);
    assert_string_equal(buf, "{\n"
                             "  \"a\": [],\n"
                             "  \"b\": {},\n"
                             "  \"c\\\"\": [\n"
                             "    -12,\n"
                             "    null,\n"
                             "    true,\n"
                             "    null,\n"
                             "    {\n"
                             "      \"d\": false\n"
                             "    }\n"
                             "  ]\n"
                             "}\n");
    free(buf);
}

static void test_writer_misuse(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    giji_jsonw w;
    giji_jsonw_init(&w, f);
    giji_jsonw_object_begin(&w); /* never closed */
    assert_int_equal(giji_jsonw_finish(&w), GIJI_EINVAL);
    giji_jsonw_init(&w, f);
    giji_jsonw_array_begin(&w);
    giji_jsonw_key(&w, "k");     /* a key inside an array */
    giji_jsonw_array_end(&w);
    assert_int_equal(giji_jsonw_finish(&w), GIJI_EINVAL);
    giji_jsonw_init(&w, f);
    for (int i = 0; i < GIJI_JSONW_MAX_DEPTH + 1; i++)
        giji_jsonw_array_begin(&w);
    assert_true(giji_jsonw_failed(&w));
    assert_int_equal(giji_jsonw_finish(&w), GIJI_EINVAL);
    fclose(f);
}

/* ---- the export ---------------------------------------------------------- */

static void test_export_empty(void **state)
{
    fixture *f = *state;
    char *got = export_string(f->st);
    mask_generator(got);
    assert_string_equal(got, "{\n"
                             "  \"version\": 1,\n"
                             "  \"generator\": \"@GEN@\",\n"
                             "  \"meetings\": [],\n"
                             "  \"persons\": [],\n"
                             "  \"entities\": []\n"
                             "}\n");
    free(got);
}

/* A small meeting whose whole export is spelled out below. */
static void put_small_meeting(fixture *f, giji_source *src)
{
    giji_attendee att[2] = {
        {"丸川珠代", "丸川 珠代", "丸川", "大臣", 0, 0, -1, 3},
        {"あかま次郎", "あかま 次郎", "あかま", "", 1, 1, 0, 4},
    };
    giji_remark rem[2] = {
        {1, "あかま副大臣", GIJI_ATTR_EXPLICIT, "a \"q\" \\ \n \x01 </script> & ' \xe2\x80\xa8", 5, 6, NULL},
        {-1, NULL, GIJI_ATTR_NONE, "x", 7, 7, NULL},
    };
    char *agenda[1] = {"議題<1>"};
    giji_warning warn[1] = {{8, "w"}};
    giji_meeting m;
    memset(&m, 0, sizeof m);
    m.body = "本部";
    m.title = "第1回";
    m.kind = "議事録";
    m.session = -1;
    strcpy(m.date, "2020-04-01");
    m.attendees = att;
    m.nattendees = 2;
    m.remarks = rem;
    m.nremarks = 2;
    m.agenda = agenda;
    m.nagenda = 1;
    m.warnings = warn;
    m.nwarnings = 1;
    char *aliases[1] = {"Nippon Electric"};
    giji_entity ents[2] = {
        {"NEC", GIJI_ENT_ORG, aliases, 1, "住友<グループ>", GIJI_ENT_ORG, 0},
        {"q語", GIJI_ENT_TOPIC, NULL, 0, NULL, 0, 1},
    };
    m.entities = ents;
    m.nentities = 2;
    giji_mention mn[2] = {
        {.entity = 0, .start = 0, .end = 1, .surface = "a", .rule = NULL},
        {.entity = 1, .start = 3, .end = 4, .surface = "q", .rule = "katakana<run>"},
    };
    rem[0].mentions = mn;
    rem[0].nmentions = 2;
    *src = test_source("m.txt", "m");
    giji_store_status status;
    long long id;
    OK(giji_store_put(f->st, src, &m, &status, &id));
}

static const char small_expected[] =
    "{\n"
    "  \"version\": 1,\n"
    "  \"generator\": \"@GEN@\",\n"
    "  \"meetings\": [\n"
    "    {\n"
    "      \"id\": 1,\n"
    "      \"source\": \"m.txt\",\n"
    "      \"sha256\": \"@SHA@\",\n"
    "      \"encoding\": \"UTF-8\",\n"
    "      \"body\": \"本部\",\n"
    "      \"parent_body\": null,\n"
    "      \"session\": null,\n"
    "      \"title\": \"第1回\",\n"
    "      \"kind\": \"議事録\",\n"
    "      \"date\": \"2020-04-01\",\n"
    "      \"start\": null,\n"
    "      \"end\": null,\n"
    "      \"place\": null,\n"
    "      \"attendees\": [\n"
    "        {\n"
    "          \"person\": 1,\n"
    "          \"name\": \"丸川珠代\",\n"
    "          \"display\": \"丸川 珠代\",\n"
    "          \"role\": \"大臣\",\n"
    "          \"group\": 0,\n"
    "          \"present\": false,\n"
    "          \"proxy_for\": null,\n"
    "          \"line\": 3\n"
    "        },\n"
    "        {\n"
    "          \"person\": 2,\n"
    "          \"name\": \"あかま次郎\",\n"
    "          \"display\": \"あかま 次郎\",\n"
    "          \"role\": \"\",\n"
    "          \"group\": 1,\n"
    "          \"present\": true,\n"
    "          \"proxy_for\": 1,\n"
    "          \"line\": 4\n"
    "        }\n"
    "      ],\n"
    "      \"agenda\": [\n"
    "        \"議題\\u003c1\\u003e\"\n"
    "      ],\n"
    "      \"remarks\": [\n"
    "        {\n"
    "          \"id\": 1,\n"
    "          \"seq\": 1,\n"
    "          \"speaker\": 2,\n"
    "          \"speaker_label\": \"あかま副大臣\",\n"
    "          \"attribution\": \"explicit\",\n"
    "          \"text\": \"a \\\"q\\\" \\\\ \\n \\u0001 \\u003c/script\\u003e \\u0026 ' \\u2028\",\n"
    "          \"line\": 5,\n"
    "          \"last_line\": 6,\n"
    "          \"cue\": null,\n"
    "          \"mentions\": [\n"
    "            {\n"
    "              \"entity\": 1,\n"
    "              \"surface\": \"a\",\n"
    "              \"start\": 0,\n"
    "              \"end\": 1,\n"
    "              \"rule\": null\n"
    "            },\n"
    "            {\n"
    "              \"entity\": 2,\n"
    "              \"surface\": \"q\",\n"
    "              \"start\": 3,\n"
    "              \"end\": 4,\n"
    "              \"rule\": \"katakana\\u003crun\\u003e\"\n"
    "            }\n"
    "          ]\n"
    "        },\n"
    "        {\n"
    "          \"id\": 2,\n"
    "          \"seq\": 2,\n"
    "          \"speaker\": null,\n"
    "          \"speaker_label\": null,\n"
    "          \"attribution\": \"none\",\n"
    "          \"text\": \"x\",\n"
    "          \"line\": 7,\n"
    "          \"last_line\": 7,\n"
    "          \"cue\": null,\n"
    "          \"mentions\": []\n"
    "        }\n"
    "      ],\n"
    "      \"warnings\": [\n"
    "        {\n"
    "          \"line\": 8,\n"
    "          \"message\": \"w\"\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"persons\": [\n"
    "    {\n"
    "      \"id\": 1,\n"
    "      \"name\": \"丸川珠代\",\n"
    "      \"display\": \"丸川 珠代\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": 2,\n"
    "      \"name\": \"あかま次郎\",\n"
    "      \"display\": \"あかま 次郎\"\n"
    "    }\n"
    "  ],\n"
    "  \"entities\": [\n"
    "    {\n"
    "      \"id\": 1,\n"
    "      \"name\": \"NEC\",\n"
    "      \"type\": \"org\",\n"
    "      \"aliases\": [\n"
    "        \"Nippon Electric\"\n"
    "      ],\n"
    "      \"discovered\": false,\n"
    "      \"parent\": \"住友\\u003cグループ\\u003e\"\n"
    "    },\n"
    "    {\n"
    "      \"id\": 2,\n"
    "      \"name\": \"q語\",\n"
    "      \"type\": \"topic\",\n"
    "      \"aliases\": [],\n"
    "      \"discovered\": true,\n"
    "      \"parent\": null\n"
    "    },\n"
    "    {\n"
    "      \"id\": 3,\n"
    "      \"name\": \"住友\\u003cグループ\\u003e\",\n"
    "      \"type\": \"org\",\n"
    "      \"aliases\": [],\n"
    "      \"discovered\": false,\n"
    "      \"parent\": null\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void test_export_exact(void **state)
{
    fixture *f = *state;
    giji_source src;
    put_small_meeting(f, &src);
    char *got = export_string(f->st);
    replace_once(&got, src.sha256, "@SHA@");
    mask_generator(got);
    assert_string_equal(got, small_expected);
    free(got);
}

static void test_export_parses_back(void **state)
{
    fixture *f = *state;
    test_meeting t;
    test_meeting_init(&t);
    t.m.place = "'; DROP TABLE remarks; -- 100% \\ \"quoted\"";
    char *aliases[1] = {"alias </script>"};
    giji_entity ents[1] = {{"名前 \"x\" \\ \n", GIJI_ENT_LAW, aliases, 1, "親 '; --", GIJI_ENT_LAW, 1}};
    giji_mention mn[1] = {{.entity = 0, .start = 0, .end = 2, .surface = "日本", .rule = "rule\t\"1\""}};
    t.m.entities = ents;
    t.m.nentities = 1;
    t.rem[3].mentions = mn;
    t.rem[3].nmentions = 1;
    giji_source a = test_source("a.txt", "a"), b = test_source("b.txt", "b");
    giji_store_status status;
    long long id;
    OK(giji_store_put(f->st, &a, &t.m, &status, &id));
    t.m.date[0] = '\0';
    OK(giji_store_put(f->st, &b, &t.m, &status, &id));

    char *doc = export_string(f->st);
    /* Nothing that could end a <script> element or a JS string early. */
    assert_null(strstr(doc, "</"));
    assert_null(strstr(doc, "\xe2\x80\xa8"));
    jparse j;
    jparse_doc(&j, doc);
    assert_true(jhas_string(&j, TRICKY_TEXT));
    assert_true(jhas_string(&j, t.m.place));
    assert_true(jhas_string(&j, "'; DROP TABLE agenda; -- 50% off_"));
    assert_true(jhas_string(&j, "本日はお集まりいただき\nありがとうございます。"));
    assert_true(jhas_string(&j, "自己紹介"));
    assert_true(jhas_string(&j, "名前 \"x\" \\ \n"));
    assert_true(jhas_string(&j, "alias </script>"));
    assert_true(jhas_string(&j, "親 '; --"));
    assert_true(jhas_string(&j, "rule\t\"1\""));
    jparse_free(&j);
    /* a.txt (dated) comes before b.txt (no date). */
    char *pa = strstr(doc, "\"source\": \"a.txt\""), *pb = strstr(doc, "\"source\": \"b.txt\"");
    assert_non_null(pa);
    assert_non_null(pb);
    assert_true(pa < pb);

    /* Deterministic: the same database gives the same bytes. */
    char *again = export_string(f->st);
    assert_string_equal(doc, again);
    free(again);
    free(doc);
}

static void test_export_write_error(void **state)
{
    fixture *f = *state;
    giji_source src;
    put_small_meeting(f, &src);
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    assert_int_equal(giji_export_json(f->st, full), GIJI_EIO);
    assert_non_null(strstr(giji_error_message(), "cannot write JSON output"));
    fclose(full);
    /* The snapshot was ended: writing still works. */
    test_meeting t;
    test_meeting_init(&t);
    giji_source b = test_source("b.txt", "b");
    giji_store_status status;
    long long id;
    OK(giji_store_put(f->st, &b, &t.m, &status, &id));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parser_rejects),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_writer_layout),
        cmocka_unit_test(test_writer_misuse),
        T(test_export_empty),
        T(test_export_exact),
        T(test_export_parses_back),
        T(test_export_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
