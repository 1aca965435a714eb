/*
 * bench/gen.c — giji-bench-gen: writes a synthetic corpus of meeting minutes
 * in the styles of data/minutes/ (speaker-labelled 議事概要 and bullet-only
 * 議事要旨), for benchmarks.
 *
 *   giji-bench-gen --out DIR --size BYTES [--seed N] [--data DIR]
 *
 * Files are UTF-8, 5-60 KB each, written until their total reaches BYTES.
 * The output depends only on the seed and the gazetteer files (own PRNG,
 * splitmix64; no rand()). Remark sentences are recombined from templates
 * whose slots are filled with names from data/gazetteer/ (*.tsv) drawn with a
 * Zipf-like law (exponent 1.1), and with synthetic new names ("…推進法",
 * "第N次…計画", "…センター", "20XX年…大会") whose stock keeps growing with
 * the corpus (about as the square root of the number of uses), so that
 * discovery has work at every size. Persons come from a pool of a few
 * thousand generated names; bodies keep rosters that drift slowly, so the
 * same people recur across meetings. About 5% of paragraphs are split by a
 * page-break artifact.
 *
 * Not part of giji: a tool of bench/, using nothing from the library.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef GIJI_BENCH_DATA_DIR
#define GIJI_BENCH_DATA_DIR "../data"
#endif

#define ZIPF_S 1.1

/* ---- PRNG: splitmix64 --------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* uniform in [0, n) */
static size_t rnd(size_t n)
{
    return n ? (size_t)(rnd64() % n) : 0;
}

/* uniform in [lo, hi] */
static int rnd_range(int lo, int hi)
{
    return lo + (int)rnd((size_t)(hi - lo + 1));
}

/* uniform in [0, 1) */
static double rnd_unit(void)
{
    return (double)(rnd64() >> 11) * (1.0 / 9007199254740992.0);
}

static int chance(double p)
{
    return rnd_unit() < p;
}

/* Zipf-like rank in [0, n): continuous power law with exponent s over
 * [1, n+1), inverted. Rank 0 is the most frequent. */
static size_t zipf(size_t n)
{
    if (n <= 1)
        return 0;
    double a = 1.0 - ZIPF_S;
    double top = pow((double)n + 1.0, a);
    double x = pow(1.0 - rnd_unit() * (1.0 - top), 1.0 / a);
    size_t k = (size_t)x - 1;
    return k < n ? k : n - 1;
}

#define PICK(arr) ((arr)[rnd(sizeof(arr) / sizeof((arr)[0]))])
#define COUNT(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- growable string ---------------------------------------------------- */

typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("giji-bench-gen: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *p = xmalloc(n + 1);
    memcpy(p, s, n + 1);
    return p;
}

static void sb_grow(sbuf *b, size_t more)
{
    if (b->n + more + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->n + more + 1 > cap)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
}

static void sb_addn(sbuf *b, const char *s, size_t n)
{
    sb_grow(b, n);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void sb_add(sbuf *b, const char *s)
{
    sb_addn(b, s, strlen(s));
}

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

static void sb_clear(sbuf *b)
{
    b->n = 0;
    if (b->s)
        b->s[0] = 0;
}

/* ---- the gazetteer, read at run time ----------------------------------- */

enum { T_MINISTRY, T_ISAC, T_LAW, T_POLICY, T_EVENT, T_COUNTRY, T_ORG, T_TOPIC, NTYPES };
static const char *type_names[NTYPES] = {"ministry", "isac", "law", "policy",
                                         "event", "country", "org", "topic"};

typedef struct gz_ent {
    char *name;
    char **aliases;
    size_t naliases;
} gz_ent;

static struct {
    gz_ent *e;
    size_t n;
} gz[NTYPES];
static size_t gz_total;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void gz_add(int type, char *name, char *aliases)
{
    gz_ent *e;
    gz[type].e = xrealloc(gz[type].e, (gz[type].n + 1) * sizeof *gz[type].e);
    e = &gz[type].e[gz[type].n++];
    e->name = xstrdup(name);
    e->aliases = NULL;
    e->naliases = 0;
    for (char *a = aliases; a && *a;) {
        char *bar = strchr(a, '|');
        if (bar)
            *bar = 0;
        /* "~基本法" is a contextual alias: only meaningful after the full
         * name, so it is not used on its own */
        if (*a && *a != '~') {
            e->aliases = xrealloc(e->aliases, (e->naliases + 1) * sizeof *e->aliases);
            e->aliases[e->naliases++] = xstrdup(a);
        }
        a = bar ? bar + 1 : NULL;
    }
    gz_total++;
}

static void gz_load_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("%s: %s", path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len || line[0] == '#')
            continue;
        char *f1 = line, *f2 = strchr(f1, '\t');
        if (!f2)
            continue;
        *f2++ = 0;
        char *f3 = strchr(f2, '\t');
        if (f3) {
            *f3++ = 0;
            char *f4 = strchr(f3, '\t');
            if (f4)
                *f4 = 0;
        }
        for (int t = 0; t < NTYPES; t++)
            if (!strcmp(f1, type_names[t]) && *f2)
                gz_add(t, f2, f3);
        /* other types ("generic") are not names */
    }
    free(line);
    fclose(f);
}

static void gz_load(const char *datadir)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/gazetteer", datadir);
    DIR *d = opendir(dir);
    if (!d)
        die("%s: %s (use --data DIR)", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".tsv")) {
            names = xrealloc(names, (n + 1) * sizeof *names);
            names[n++] = xstrdup(de->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str); /* deterministic order */
    for (size_t i = 0; i < n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        gz_load_file(path);
        free(names[i]);
    }
    free(names);
    for (int t = 0; t < NTYPES; t++)
        if (!gz[t].n)
            die("%s: no entity of type %s", dir, type_names[t]);
}

/* A gazetteer name of `type`: ranks follow the file order (the files list
 * the most common names first), drawn Zipf-like; now and then an alias. */
static const char *gz_pick(int type)
{
    const gz_ent *e = &gz[type].e[zipf(gz[type].n)];
    if (e->naliases && chance(0.2))
        return e->aliases[rnd(e->naliases)];
    return e->name;
}

/* ---- synthetic new names ------------------------------------------------ */

static const char *stem_domain[] = {
    "地域", "防災", "海洋", "宇宙", "物流", "観光", "農業", "医療", "介護", "教育",
    "産業", "電力", "水道", "港湾", "航空", "鉄道", "森林", "資源", "気候", "防犯",
    "消費者", "次世代", "先端", "量子", "半導体", "人材", "技術", "国土", "都市", "農村",
    "漁業", "水産", "科学", "文化", "スポーツ", "健康", "子ども", "高齢者", "地方", "広域",
    "輸出", "中小企業", "創業", "雇用", "住宅", "道路", "河川", "気象", "衛星", "水素",
    "蓄電池", "自動運転", "ドローン", "ロボット", "データ", "デジタル", "スマート", "クラウド",
    "ネットワーク", "プラットフォーム", "バイオ", "海底ケーブル", "離島", "山村", "交通",
    "物質", "素材", "材料", "食品", "薬事", "感染症", "救急", "消防", "治水", "火山",
    "地震", "津波", "原子力", "再生可能エネルギー", "脱炭素", "循環経済", "生物多様性", "金融",
    "決済", "暗号資産", "宇宙空間", "海洋資源", "北極", "認証", "電子署名", "匿名加工",
};
static const char *stem_action[] = {
    "振興", "利活用", "高度化", "推進", "保全", "整備", "連携", "共生", "強靱化", "創生",
    "安全", "基盤", "革新", "再生", "育成", "支援", "防護", "普及", "開発", "研究",
};

static void make_stem(sbuf *b)
{
    sb_add(b, PICK(stem_domain));
    if (chance(0.6)) {
        const char *w = PICK(stem_domain);
        if (strcmp(w, b->s))
            sb_add(b, w);
    }
    sb_add(b, PICK(stem_action));
}

enum { N_LAW, N_POLICY, N_ORG, N_EVENT, NKINDS };

static struct {
    char **names;
    size_t n;
    size_t uses;
} pool[NKINDS];
static size_t new_names;

static char *make_new_name(int kind)
{
    static const char *law_sfx[] = {"推進法", "基本法", "整備法", "対策法", "促進法", "保護法"};
    static const char *pol_sfx[] = {"計画", "基本計画", "推進計画", "行動計画", "戦略"};
    static const char *pol2_sfx[] = {"戦略", "推進戦略", "ビジョン", "アクションプラン", "推進プログラム"};
    static const char *org_sfx[] = {"センター", "機構", "推進協議会", "研究所", "推進センター", "協会"};
    static const char *ev_sfx[] = {"大会", "大会", "サミット", "博覧会"};
    sbuf b = {0}, s = {0};
    make_stem(&s);
    switch (kind) {
    case N_LAW:
        sb_printf(&b, "%s%s", s.s, PICK(law_sfx));
        break;
    case N_POLICY:
        if (chance(0.5))
            sb_printf(&b, "第%d次%s%s", rnd_range(1, 9), s.s, PICK(pol_sfx));
        else
            sb_printf(&b, "%s%s", s.s, PICK(pol2_sfx));
        break;
    case N_ORG:
        sb_printf(&b, "%s%s", s.s, PICK(org_sfx));
        break;
    default:
        sb_printf(&b, "%d年%s%s", rnd_range(2021, 2040), s.s, PICK(ev_sfx));
        break;
    }
    free(s.s);
    return b.s;
}

/* A synthetic name of `kind`: a new one with probability ~ 4/sqrt(uses)
 * (Heaps-like growth of the stock), else an existing one, Zipf-like with
 * the oldest the most frequent. */
static const char *new_pick(int kind)
{
    double p = 4.0 / sqrt((double)pool[kind].uses + 1.0);
    pool[kind].uses++;
    if (!pool[kind].n || chance(p)) {
        pool[kind].names = xrealloc(pool[kind].names, (pool[kind].n + 1) * sizeof(char *));
        pool[kind].names[pool[kind].n++] = make_new_name(kind);
        new_names++;
        return pool[kind].names[pool[kind].n - 1];
    }
    return pool[kind].names[zipf(pool[kind].n)];
}

/* ---- persons ------------------------------------------------------------- */

static const char *surnames[] = {
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
    "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "清水", "山崎", "森",
    "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川", "前田", "岡田",
    "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "斉藤", "福田",
    "太田", "西村", "藤井", "岡本", "松田", "中川", "中野", "原田", "小野", "竹内",
    "金子", "和田", "中山", "石田", "上田", "森田", "小島", "柴田", "原", "宮崎",
    "酒井", "工藤", "横山", "宮本", "内田", "高木", "安藤", "島田", "谷口", "大野",
    "丸山", "今井", "高田", "藤原", "河野", "小山", "村田", "武田", "上野", "杉山",
    "増田", "平野", "大塚", "千葉", "久保", "松井", "小西", "岩崎", "桜井", "野口",
    "松尾", "野村", "木下", "菊地", "佐野", "大西", "杉本", "新井", "浜田", "菅原",
    "市川", "水野", "小松", "北村", "野原", "萩生田", "甘利", "石破", "岸田", "町村",
    "二橋", "篠田", "江畑", "寺田", "新藤", "世耕", "稲田", "鶴保", "丸川", "杉田",
    "古谷", "野田", "坂", "泉", "林", "岸", "菅", "中谷", "小野寺", "村井",
    "黒田", "秋山", "荒木", "大久保", "片山", "川口", "岩田", "本田", "飯田", "辻",
};
static const char *givennames[] = {
    "一郎", "二郎", "太郎", "次郎", "健一", "誠", "浩", "清", "豊", "茂",
    "明", "正", "博", "実", "勝", "修", "隆", "剛", "学", "淳",
    "和弘", "雅英", "紘一郎", "佐和子", "信博", "信孝", "文雄", "寛也", "芳郎", "義孝",
    "稔", "正彦", "正勝", "謙介", "雅彦", "正弘", "健", "篤郎", "陽一", "英",
    "義偉", "珠代", "純", "弘成", "朋美", "庸介", "次郎", "信夫", "和博", "清孝",
    "明彦", "一之", "光一", "京子", "大輔", "直樹", "裕子", "恵子", "美穂", "真理子",
    "由美", "陽子", "智子", "久美子", "幸子", "典子", "洋子", "千尋", "彩", "葵",
    "翔太", "拓也", "健太", "達也", "哲也", "和也", "直人", "秀樹", "英樹", "雅人",
    "康弘", "俊介", "亮", "聡", "悟", "徹", "宏", "進", "昇", "稔彦",
    "晴美", "理恵", "麻衣", "沙織", "香織", "由紀", "愛", "舞", "結衣", "花子",
    "信也", "茂樹", "忠", "勇", "昭", "敏夫", "弘", "幸雄", "克己", "紀子",
    "光", "薫", "渉", "望", "誠一", "健二", "賢治", "康夫", "秀夫", "孝",
};

#define NPERSONS 3000

typedef struct person {
    int sur, given;
    char *expert_role;   /* affiliation when the person sits as an expert */
} person;

static person persons[NPERSONS];

static const char *affil_univ[] = {
    "東京大学大学院法学政治学研究科", "慶應義塾大学環境情報学部", "情報セキュリティ大学院大学",
    "日本大学大学院法務研究科", "京都大学大学院情報学研究科", "早稲田大学理工学術院",
    "東北大学電気通信研究所", "大阪大学大学院工学研究科", "名古屋大学大学院情報学研究科",
    "九州大学大学院システム情報科学研究院", "北海道大学大学院情報科学研究院",
    "筑波大学システム情報系", "東京工業大学情報理工学院", "一橋大学大学院法学研究科",
    "拓殖大学", "首都大学東京", "中央大学総合政策学部", "横浜国立大学大学院環境情報研究院",
    "神戸大学大学院工学研究科", "奈良先端科学技術大学院大学",
};
static const char *pos_univ[] = {"教授", "教授", "教授", "准教授", "特任教授", "客員教授"};
static const char *affil_comp[] = {
    "日本電気株式会社", "KDDI株式会社", "株式会社日立製作所", "富士通株式会社",
    "日本電信電話株式会社", "株式会社イプシ・マーケティング研究所", "トヨタ自動車株式会社",
    "東京電力ホールディングス株式会社", "株式会社三菱UFJ銀行", "ソフトバンク株式会社",
    "株式会社東芝", "パナソニック株式会社", "三菱電機株式会社", "株式会社ラック",
    "トレンドマイクロ株式会社", "日本航空株式会社", "東日本旅客鉄道株式会社",
    "株式会社野村総合研究所", "セコム株式会社", "株式会社NTTデータ",
};
static const char *pos_comp[] = {"代表取締役会長", "代表取締役社長", "取締役会長",
                                 "取締役副社長", "執行役員", "常務執行役員", "顧問"};

static void persons_init(void)
{
    size_t ns = COUNT(surnames), ng = COUNT(givennames);
    unsigned char *used = calloc(ns * ng, 1);
    if (!used)
        die("out of memory");
    for (int i = 0; i < NPERSONS; i++) {
        size_t s, g;
        do {
            s = rnd(ns);
            g = rnd(ng);
        } while (used[s * ng + g]);
        used[s * ng + g] = 1;
        persons[i].sur = (int)s;
        persons[i].given = (int)g;
        sbuf r = {0};
        if (chance(0.55))
            sb_printf(&r, "%s%s", PICK(affil_univ), PICK(pos_univ));
        else
            sb_printf(&r, "%s%s", PICK(affil_comp), PICK(pos_comp));
        persons[i].expert_role = r.s;
    }
    free(used);
}

/* ---- bodies and rosters ------------------------------------------------- */

typedef struct minister_role {
    const char *role;
    const char *cue;          /* body that speaks through it ("経済産業省"), or NULL */
    const char *proxy_role;   /* who stands in ("経済産業副大臣"), or NULL */
} minister_role;

static const minister_role ministers[] = {
    {"国家公安委員会委員長", "警察", NULL},
    {"総務大臣", "総務省", "総務大臣政務官"},
    {"外務大臣", "外務省", "外務大臣政務官"},
    {"経済産業大臣", "経済産業省", "経済産業副大臣"},
    {"防衛大臣", "防衛省", "防衛大臣政務官"},
    {"文部科学大臣", "文部科学省", "文部科学副大臣"},
    {"厚生労働大臣", "厚生労働省", "厚生労働大臣政務官"},
    {"国土交通大臣", "国土交通省", "国土交通副大臣"},
    {"内閣府特命担当大臣(科学技術政策)", "内閣府", NULL},
    {"情報通信技術(IT)政策担当大臣", NULL, NULL},
    {"総務副大臣", NULL, NULL},
    {"外務副大臣", NULL, NULL},
};
#define NMIN ((int)COUNT(ministers))

static const char *officials[] = {
    "内閣官房副長官", "内閣官房副長官(事務)", "内閣危機管理監", "内閣情報通信政策監",
    "内閣サイバーセキュリティセンター長", "内閣官房副長官補", "内閣官房情報セキュリティ補佐官",
};
#define NOFF ((int)COUNT(officials))

/* Holders change now and then; shared by all bodies (one cabinet). */
static int cabinet_chief;     /* 内閣官房長官 */
static int prime_minister;    /* 内閣総理大臣 */
static int olympic_minister;  /* 副本部長 of the cyber HQ */
static int minister_holder[COUNT(ministers)];
static int official_holder[COUNT(officials)];

typedef struct body {
    const char *title1;       /* first title line */
    const char *kind;         /* 議事概要 or 議事要旨 */
    int labelled;             /* style (a) */
    const char *chair_title;  /* 本部長 */
    int chair_is_pm;          /* chair is 内閣総理大臣, else 内閣官房長官 */
    const char *member_title; /* 本部員 */
    const char *decision;     /* closing heading of style (b) */
    int session;
    int experts[14];
    int nexperts;
} body;

static body bodies[] = {
    {"サイバーセキュリティ戦略本部", "議事概要", 1, "本部長", 0, "本部員", NULL, 0, {0}, 12},
    {"高度情報通信ネットワーク社会推進戦略本部", "議事概要", 1, "本部長", 1, "本部員", NULL, 0, {0}, 10},
    {"高度情報通信ネットワーク社会推進戦略本部 情報セキュリティ政策会議", "議事要旨", 0, NULL, 0, NULL,
     "政策会議決定", 0, {0}, 8},
    {"サイバーセキュリティ戦略本部 重要インフラ専門調査会", "議事要旨", 0, NULL, 0, NULL, "報告書の取りまとめ", 0,
     {0}, 14},
    {"サイバーセキュリティ戦略本部 普及啓発・人材育成専門調査会", "議事要旨", 0, NULL, 0, NULL,
     "報告書の取りまとめ", 0, {0}, 12},
    {"サイバーセキュリティ戦略本部 研究開発戦略専門調査会", "議事要旨", 0, NULL, 0, NULL, "報告書の取りまとめ", 0,
     {0}, 10},
};
#define NBODIES ((int)COUNT(bodies))

static int new_person(void)
{
    return (int)rnd(NPERSONS);
}

static void rosters_init(void)
{
    cabinet_chief = new_person();
    prime_minister = new_person();
    olympic_minister = new_person();
    for (int i = 0; i < NMIN; i++)
        minister_holder[i] = new_person();
    for (int i = 0; i < NOFF; i++)
        official_holder[i] = new_person();
    for (int b = 0; b < NBODIES; b++) {
        bodies[b].session = rnd_range(1, 30);
        for (int i = 0; i < bodies[b].nexperts; i++)
            bodies[b].experts[i] = new_person();
    }
}

/* Between meetings: cabinet reshuffles and expert turnover. */
static void rosters_drift(body *b)
{
    if (chance(0.01))
        cabinet_chief = new_person();
    if (chance(0.008))
        prime_minister = new_person();
    if (chance(0.02))
        olympic_minister = new_person();
    for (int i = 0; i < NMIN; i++)
        if (chance(0.015))
            minister_holder[i] = new_person();
    for (int i = 0; i < NOFF; i++)
        if (chance(0.01))
            official_holder[i] = new_person();
    if (chance(0.15))
        b->experts[rnd((size_t)b->nexperts)] = new_person();
}

/* ---- one meeting's attendees ------------------------------------------- */

enum { A_CHAIR, A_PM, A_VICE, A_MIN, A_OFF, A_EXPERT, A_PROXY };

typedef struct att {
    int person;
    int kind;
    const char *role;     /* static or persons[].expert_role */
    int minister;         /* index into ministers[] for A_MIN */
    int absent;           /* a minister represented by a proxy */
    int group;            /* 1: "(上記のほか以下が出席)" */
} att;

typedef struct meeting_ctx {
    att a[40];
    int n;
    int used_sur[COUNT(surnames)];
} meeting_ctx;

/* Adds person p (or a stand-in with a surname not used yet in this meeting:
 * labels name people by surname, and two namesakes would make them
 * ambiguous). Returns the index or -1. */
static int add_att(meeting_ctx *m, int p, int kind, const char *role, int minister, int group)
{
    if (m->n >= (int)COUNT(m->a))
        return -1;
    for (int tries = 0; m->used_sur[persons[p].sur]; tries++) {
        if (tries > 50)
            return -1;
        p = new_person();
    }
    for (int i = 0; i < m->n; i++)
        if (m->a[i].person == p)
            return -1;
    m->used_sur[persons[p].sur] = 1;
    att *x = &m->a[m->n];
    x->person = p;
    x->kind = kind;
    x->role = role ? role : persons[p].expert_role;
    x->minister = minister;
    x->absent = 0;
    x->group = group;
    return m->n++;
}

static void name_display(sbuf *b, int p)
{
    sb_printf(b, "%s %s", surnames[persons[p].sur], givennames[persons[p].given]);
}

static const char *sur(int p)
{
    return surnames[persons[p].sur];
}

/* ---- text ----------------------------------------------------------------- */

/* Remark sentences. Slots: {M} ministry {I} isac {L} law {P} policy {E} event
 * {C} country {O} org {T} topic (gazetteer); {NL} {NP} {NO} {NE} new law,
 * policy, organisation, event; {Y} a year; {K} a small number. */
static const char *sentences[] = {
    "{M}においては、{T}への対応を一層強化していく必要がある。",
    "{P}に基づき、{T}に関する取組を着実に推進していただきたい。",
    "{L}の改正を含め、制度面の見直しを検討すべきではないか。",
    "{E}に向けて、{O}とも連携しながら体制の整備を進めていく。",
    "{C}では、{T}に関する新しい制度枠組みが生まれている。",
    "{I}のような情報共有の仕組みを、他の分野にも広げていくことが重要である。",
    "{NO}の設立は大きな前進であり、評価している。",
    "{NL}の制定に向けて、関係府省と連携して検討を進めているところである。",
    "{NP}の策定にあたっては、{T}の観点を十分に踏まえていただきたい。",
    "{NE}の開催を見据え、{T}への備えを万全にしなければならない。",
    "{C}との二国間協議でも、{T}について意見を交わしたところである。",
    "{O}の知見を活用し、{T}の強化を図るべきである。",
    "{P}の進捗状況を見ると、具体的な成果が見えにくい施策も散見される。",
    "これまでの議論を踏まえ、{P}の見直しを急ぐ必要がある。",
    "{T}については、官民が一体となって取り組むことが不可欠である。",
    "{E}の経験から得られた教訓を、今後の対策に生かしていくべきだ。",
    "{L}の運用状況についても、定期的に検証していただきたい。",
    "{NO}と{O}の連携を強化し、人材の育成を加速していただきたい。",
    "{C}や{C}の動向も注視しつつ、我が国としての方針を明確にすべきである。",
    "{T}の重要性は誰しも異存がないものの、具体的な方策まで踏み込む必要があると思う。",
    "予算についても、{T}の分野に重点的に配分することが望ましい。",
    "{M}と{M}の間で、{T}に関する情報の共有を一層進めていく。",
    "{NP}は、{P}の考え方を引き継ぐものと理解している。",
    "{NL}については、{L}との関係を整理しておく必要がある。",
    "{Y}年度までに{T}の目標を達成できるよう、工程表を策定すべきである。",
    "特に中小企業における{T}の取組は、まだ十分とは言いがたい。",
    "地方公共団体とも連携し、{T}の裾野を広げていくことが求められる。",
    "国際的な議論の場でも、{C}と協調しながら主導的な役割を果たしていきたい。",
    "{O}が実施した調査によれば、{T}に対する関心は年々高まっている。",
    "{M}が中心となって、{NP}の具体化を進めていただきたい。",
    "{NO}では、{T}に関する演習を毎年実施しており、参加者も増えている。",
    "{E}を契機として、{T}の重要性が改めて認識された。",
    "{I}と{I}の連携についても、早急に具体化すべきではないか。",
    "{C}の関係当局との間でも、{T}をめぐる協力を深めていきたい。",
    "{NL}が成立すれば、{T}の分野で我が国が先導的な役割を果たせると考える。",
    "{NE}に向けた準備状況については、{M}から随時報告していただきたい。",
    "{P}と{NP}の整合性を確保することが重要である。",
    "{T}と{T}は車の両輪であり、一体的に進めていく必要がある。",
    "{O}や{O}などの専門機関を活用することで、より実効性のある体制を構築できる。",
    "{L}の施行から{K}年が経過し、運用上の課題も明らかになってきた。",
    "{K}年前と比べると、{T}をめぐる状況は大きく変化している。",
    "{C}では{Y}年に{T}に関する法律が成立したと聞いている。",
    "{NO}の体制を拡充し、{T}の分析能力を高めていくべきである。",
    "{M}においても、{NL}の趣旨を踏まえた取組を進めていく。",
    "{T}の分野は変化が速く、{P}も機動的に見直していく必要がある。",
};
static const char *fillers[] = {
    "この点については、引き続き検討を深めていく必要があると考えている。",
    "現場の実態を十分に把握した上で、実効性のある対策を講じていただきたい。",
    "スピード感を持って取り組むことが何よりも重要である。",
    "大変意味のある取組であり、高く評価したい。",
    "一方で、課題も残されていると認識している。",
    "関係者の努力により、着実に成果が上がっていると思う。",
    "私自身も、現場でさまざまな経験をしてきた。",
    "その意味で、横のつながりを意識した体制づくりが欠かせない。",
    "具体的な目標を設定し、その達成状況を評価する仕組みが必要ではないか。",
    "大きな変化に鈍感であってはいけないが、着実な実行をおろそかにすることもいけない。",
    "国民の理解を得るためにも、分かりやすい説明を心がけていただきたい。",
    "地道で継続的な作業であるが、その積み重ねが信頼につながる。",
    "ぜひ充実させていただきたい。",
    "十分な情報共有がなされているとまでは言えない。",
    "今後の議論の中で、さらに具体化していきたい。",
};
static const char *connectors[] = {
    "", "", "", "", "また、", "さらに、", "一方で、", "加えて、", "なお、", "ただし、", "しかし、",
};
static const char *remark_openers[] = {
    "{K}点申し上げる。", "{K}点申し上げます。", "大きく{K}点申し上げる。", "{K}つの観点でコメントを申し上げる。",
    "簡単に申し上げる。", "決定事項と討議事項とで一つずつ申し上げる。",
};
static const char *ordinals[] = {"第1に、", "第2に、", "第3に、", "第4に、", "第5に、"};
static const char *ordinals2[] = {"まず1点目は、", "2点目は、", "3点目は、", "4点目は、", "5点目は、"};
static const char *places[] = {
    "総理大臣官邸4階大会議室", "総理大臣官邸大会議室", "総理大臣官邸2階小ホール",
    "中央合同庁舎第8号館講堂", "内閣府本府仮設庁舎講堂", "中央合同庁舎第4号館共用第1特別会議室",
};
static const char *weekdays[] = {"日", "月", "火", "水", "木", "金", "土"};

static void expand(sbuf *b, const char *t)
{
    while (*t) {
        if (*t != '{') {
            const char *brace = strchr(t, '{');
            size_t n = brace ? (size_t)(brace - t) : strlen(t);
            sb_addn(b, t, n);
            t += n;
            continue;
        }
        const char *end = strchr(t, '}');
        if (!end)
            die("bad template");
        char slot[8] = {0};
        memcpy(slot, t + 1, (size_t)(end - t - 1) < 7 ? (size_t)(end - t - 1) : 7);
        t = end + 1;
        if (slot[0] == 'N' && slot[1]) {
            int k = slot[1] == 'L' ? N_LAW : slot[1] == 'P' ? N_POLICY : slot[1] == 'O' ? N_ORG : N_EVENT;
            sb_add(b, new_pick(k));
            continue;
        }
        switch (slot[0]) {
        case 'M': sb_add(b, gz_pick(T_MINISTRY)); break;
        case 'I': sb_add(b, gz_pick(T_ISAC)); break;
        case 'L': sb_add(b, gz_pick(T_LAW)); break;
        case 'P': sb_add(b, gz_pick(T_POLICY)); break;
        case 'E': sb_add(b, gz_pick(T_EVENT)); break;
        case 'C': sb_add(b, gz_pick(T_COUNTRY)); break;
        case 'O': sb_add(b, gz_pick(T_ORG)); break;
        case 'T': sb_add(b, gz_pick(T_TOPIC)); break;
        case 'Y': sb_printf(b, "%d", rnd_range(2005, 2035)); break;
        case 'K': sb_printf(b, "%d", rnd_range(2, 5)); break;
        default: die("bad slot {%s}", slot);
        }
    }
}

static void sentence(sbuf *b)
{
    sb_add(b, PICK(connectors));
    expand(b, chance(0.8) ? PICK(sentences) : PICK(fillers));
}

/* A paragraph of n sentences (the first may be given a lead-in). */
static void paragraph(sbuf *b, const char *lead, int n)
{
    if (lead)
        sb_add(b, lead);
    for (int i = 0; i < n; i++) {
        if (i == 0 && lead) {
            expand(b, chance(0.8) ? PICK(sentences) : PICK(fillers));
            continue;
        }
        sentence(b);
    }
}

/* ---- page-break artifacts ---------------------------------------------- */

static size_t paragraphs, splits;

static int cp_at(const char *s, size_t i, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80) { *cp = u[0]; return 1; }
    if ((u[0] & 0xE0) == 0xC0) { *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F); return 2; }
    if ((u[0] & 0xF0) == 0xE0) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    *cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
          ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    return 4;
}

static int kana_kanji(uint32_t cp)
{
    return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Writes paragraph p (from `from` bytes on, after any label) followed by a
 * blank line; in ~5% of paragraphs, a page break cuts it mid-sentence:
 * first part, one or more blank lines, the rest. */
static void emit_para(sbuf *out, const char *p, size_t from)
{
    paragraphs++;
    size_t len = strlen(p);
    if (chance(0.05)) {
        /* candidate cuts: between two kana/kanji, >= 20 code points in and
         * >= 8 before the end, not before 第 (a section number to giji) */
        size_t cuts[4096], nc = 0, cps = 0;
        uint32_t prev = 0;
        for (size_t i = from; i < len;) {
            uint32_t cp;
            int k = cp_at(p, i, &cp);
            if (cps >= 20 && kana_kanji(prev) && kana_kanji(cp) && cp != 0x7B2C /* 第 */ && nc < 4096)
                cuts[nc++] = i;
            prev = cp;
            cps++;
            i += (size_t)k;
        }
        while (nc && len - cuts[nc - 1] < 24)
            nc--;
        if (nc) {
            size_t at = cuts[rnd(nc)];
            sb_addn(out, p, at);
            sb_add(out, chance(0.7) ? "\n\n" : "\n\n\n\n");
            sb_add(out, p + at);
            sb_add(out, "\n\n");
            splits++;
            return;
        }
    }
    sb_add(out, p);
    sb_add(out, "\n\n");
}

/* ---- dates --------------------------------------------------------------- */

static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* An era date between 平成元年1月8日 and 令和7年12月31日, with its weekday,
 * and a time range: "令和元年5月21日(火) 10:00～11:00". */
static void date_line(sbuf *b)
{
    long lo = days_from_civil(1989, 1, 8), hi = days_from_civil(2025, 12, 31);
    long z = lo + (long)rnd((size_t)(hi - lo + 1));
    int y, m, d;
    civil_from_days(z, &y, &m, &d);
    int reiwa = z >= days_from_civil(2019, 5, 1);
    int ey = reiwa ? y - 2018 : y - 1988;
    const char *wd = weekdays[((z % 7) + 11) % 7]; /* 1970-01-01 was a Thursday */
    int full = chance(0.3);
    if (ey == 1)
        sb_printf(b, "%s元年%d月%d日%s%s%s", reiwa ? "令和" : "平成", m, d, full ? "（" : "(", wd, full ? "）" : ")");
    else
        sb_printf(b, "%s%d年%d月%d日%s%s%s", reiwa ? "令和" : "平成", ey, m, d, full ? "（" : "(", wd, full ? "）" : ")");
    int start = rnd_range(8 * 2, 17 * 2) * 30, dur = rnd_range(1, 4) * 30;
    int end = start + dur;
    sb_printf(b, " %d:%02d%s%d:%02d\n\n", start / 60, start % 60, chance(0.5) ? "～" : "~", end / 60, end % 60);
}

/* ---- the meeting --------------------------------------------------------- */

static size_t total_remarks;

/* Picks the attendees of a meeting of body b. */
static void pick_attendees(meeting_ctx *m, body *b, int target)
{
    memset(m, 0, sizeof *m);
    if (b->labelled && b->chair_is_pm)
        add_att(m, prime_minister, A_PM, "内閣総理大臣", -1, 0);
    add_att(m, cabinet_chief, A_CHAIR, "内閣官房長官", -1, 0);
    if (b->labelled)
        add_att(m, olympic_minister, A_VICE, "東京オリンピック競技大会・東京パラリンピック競技大会担当大臣", -1, 0);
    /* the rest: officials, experts, ministers */
    int rest = target - m->n;
    int noff = rnd_range(2, 5);
    int nexp = rnd_range(3, b->nexperts < 10 ? b->nexperts : 10);
    int nmin = rest - noff - nexp;
    if (nmin < 2)
        nmin = 2;
    if (nmin > NMIN)
        nmin = NMIN;
    nexp = rest - noff - nmin;
    if (nexp < 3)
        nexp = 3;
    if (nexp > b->nexperts)
        nexp = b->nexperts;
    noff = rest - nmin - nexp;
    if (noff < 1)
        noff = 1;
    if (noff > NOFF)
        noff = NOFF;
    int order[COUNT(ministers)];
    for (int i = 0; i < NMIN; i++)
        order[i] = i;
    for (int i = NMIN - 1; i > 0; i--) {
        int j = (int)rnd((size_t)i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (int i = 0; i < nmin; i++)
        add_att(m, minister_holder[order[i]], A_MIN, ministers[order[i]].role, order[i], 0);
    int eorder[14];
    for (int i = 0; i < b->nexperts; i++)
        eorder[i] = i;
    for (int i = b->nexperts - 1; i > 0; i--) {
        int j = (int)rnd((size_t)i + 1), t = eorder[i];
        eorder[i] = eorder[j];
        eorder[j] = t;
    }
    for (int i = 0; i < nexp; i++)
        add_att(m, b->experts[eorder[i]], A_EXPERT, NULL, -1, 0);
    /* officials: in the main list (a) or after "(上記のほか以下が出席)" (b) */
    int start = (int)rnd(NOFF);
    for (int i = 0; i < noff; i++) {
        int k = (start + i) % NOFF;
        add_att(m, official_holder[k], A_OFF, officials[k], -1, b->labelled ? 0 : 1);
    }
}

static void attendee_list(sbuf *out, meeting_ctx *m, int with_proxies)
{
    sb_add(out, "3 出席者(敬称略)\n\n");
    int group_started = 0;
    int n = m->n;
    for (int i = 0; i < n; i++) {
        att *a = &m->a[i];
        if (a->group && !group_started) {
            sb_add(out, "\n(上記のほか以下が出席)\n\n");
            group_started = 1;
        }
        name_display(out, a->person);
        sb_printf(out, "\t%s\n", a->role);
        if (with_proxies && a->kind == A_MIN && ministers[a->minister].proxy_role && chance(0.3)) {
            int p = add_att(m, new_person(), A_PROXY, ministers[a->minister].proxy_role, -1, 0);
            if (p >= 0) {
                a = &m->a[i]; /* (array is fixed, but keep the pattern safe) */
                a->absent = 1;
                sb_add(out, "\t(※");
                name_display(out, m->a[p].person);
                sb_printf(out, " %s代理出席)\n", m->a[p].role);
            }
        }
    }
    sb_add(out, "\n");
}

/* Style (a): speaker-labelled 議事概要. */
static void meeting_labelled(sbuf *out, body *b, size_t target)
{
    meeting_ctx m;
    pick_attendees(&m, b, rnd_range(10, 25));
    int chair = -1, vice = -1;
    for (int i = 0; i < m.n; i++) {
        if (m.a[i].kind == (b->chair_is_pm ? A_PM : A_CHAIR))
            chair = i;
        if (m.a[i].kind == A_VICE)
            vice = i;
    }
    sb_printf(out, "\n\n%s  \n第%d回会合 %s\n\n1 日時\n\n", b->title1, b->session++, b->kind);
    date_line(out);
    sb_printf(out, "2 場所\n\n%s\n\n", PICK(places));
    attendee_list(out, &m, 0);

    sbuf p = {0};
    sb_add(out, "#### 4 議事概要\n\n");
    sb_printf(out, "##### (1) %s冒頭挨拶\n\n", b->chair_title);
    total_remarks++;
    emit_para(out, "早朝から御参集いただき、感謝申し上げます。", 0);
    int items = rnd_range(2, 3);
    sb_printf(&p, "本日、御議論いただきたいのは次の%d点である。", items);
    emit_para(out, p.s, 0);
    const char *agenda[3];
    for (int i = 0; i < items; i++) {
        agenda[i] = chance(0.5) ? gz_pick(T_POLICY) : new_pick(N_POLICY);
        sb_clear(&p);
        sb_printf(&p, "%d点目は、「%s」についてである。", i + 1, agenda[i]);
        paragraph(&p, NULL, rnd_range(1, 3));
        emit_para(out, p.s, 0);
    }
    emit_para(out, "本日は、これらの点について、今後の検討の進め方について御議論を賜りたく、活発な御討議をお願い申し上げます。", 0);

    sb_add(out, "##### (2) 討議\n\n###### 【決定事項】\n\n");
    sb_printf(out, "- ・ 「%s」について\n\n###### 【討議事項】\n\n", agenda[0]);
    for (int i = 1; i < items; i++)
        sb_printf(out, "- ・ %sについて\n", agenda[i]);
    sb_add(out, "\n###### 【報告事項】\n\n");
    for (int i = rnd_range(1, 3); i > 0; i--) {
        sb_clear(&p);
        expand(&p, chance(0.5) ? "{E}に向けた取組状況" : "{Y}年度の{T}に関する予算について");
        sb_printf(out, "- ・ %s\n", p.s);
    }
    sb_printf(out, "\n上記について、事務局から資料に基づき説明が行われるとともに、%sより意見が述べられた。\n\n",
              b->member_title);

    /* speakers: experts first, then ministers, then anyone again */
    int order[40], no = 0;
    for (int i = 0; i < m.n; i++)
        if (m.a[i].kind == A_EXPERT)
            order[no++] = i;
    for (int i = 0; i < m.n; i++)
        if (m.a[i].kind == A_VICE || m.a[i].kind == A_MIN)
            order[no++] = i;
    size_t closing = 700;
    for (int t = 0; out->n + closing < target; t++) {
        int who;
        if (t < no)
            who = order[t];
        else if (chance(0.15) && chair >= 0)
            who = chair;
        else
            who = no ? order[rnd((size_t)no)] : chair;
        const att *a = &m.a[who];
        /* the label */
        sb_clear(&p);
        size_t style = rnd(4);
        const char *open = style == 3 ? "(" : "（", *close = style == 3 ? ")" : "）";
        if (style == 0)
            sb_add(&p, "○");
        else if (style == 1 && chance(0.1))
            sb_add(&p, "##### ○");
        else
            sb_add(&p, "- ");
        sb_add(&p, open);
        sb_add(&p, sur(a->person));
        if (who == chair)
            sb_add(&p, b->chair_title);
        else if (who == vice)
            sb_printf(&p, "%s（副本部長）", a->role);
        else if (a->kind == A_EXPERT)
            sb_add(&p, b->member_title);
        else
            sb_add(&p, a->role);
        sb_add(&p, close);
        if (style == 3)
            sb_add(&p, " ");
        size_t label_end = p.n;
        total_remarks++;
        int npar = rnd_range(1, 6);
        int enumerate = npar >= 2 && chance(0.4);
        if (enumerate) {
            sb_printf(&p, "%d点申し上げる。", npar);
            emit_para(out, p.s, label_end);
        } else if (chance(0.3)) {
            expand(&p, PICK(remark_openers));
            emit_para(out, p.s, label_end);
        } else {
            paragraph(&p, NULL, rnd_range(1, 5));
            emit_para(out, p.s, label_end);
            npar--;
        }
        for (int k = 0; k < npar; k++) {
            sb_clear(&p);
            const char *lead = enumerate ? (chance(0.5) ? ordinals[k % 5] : ordinals2[k % 5]) : NULL;
            paragraph(&p, lead, rnd_range(1, 6));
            emit_para(out, p.s, 0);
        }
    }
    sb_printf(out, "(3) %s締め括り挨拶\n\n", b->chair_title);
    total_remarks++;
    emit_para(out, "本日は大変貴重な御意見をいただき、感謝申し上げます。", 0);
    sb_clear(&p);
    expand(&p, "政府としては、本日の議論を踏まえ、{T}に着実に取り組むとともに、{E}及びその先を見据えた{T}の在り方について議論を進めていく。"
               "有識者の皆様におかれては、今後ともご協力のほど、よろしくお願い申し上げます。");
    emit_para(out, p.s, 0);
    sb_add(out, "－ 以上 －\n");
    free(p.s);
}

/* Style (b): bullet-only 議事要旨 with proxies and a "上記のほか" group. */
static void meeting_bullets(sbuf *out, body *b, size_t target)
{
    meeting_ctx m;
    pick_attendees(&m, b, rnd_range(10, 25));
    sb_printf(out, "\n\n%s\n第%d回会合 %s\n\n1 日時\n\n", b->title1, b->session++, b->kind);
    date_line(out);
    sb_printf(out, "2 場所\n\n%s\n\n", PICK(places));
    attendee_list(out, &m, 1);

    sb_add(out, "4 議事概要\n\n");
    int items = rnd_range(3, 7);
    sbuf p = {0};
    for (int i = 1; i <= items; i++) {
        sb_clear(&p);
        switch (rnd(3)) {
        case 0: expand(&p, "「{P}」の進捗状況について"); break;
        case 1: expand(&p, "{Y}年度{T}関連予算要求について"); break;
        default: expand(&p, "{NP}の策定について"); break;
        }
        sb_printf(out, "- (%d) %s\n", i, p.s);
    }
    sb_printf(out, "\n上記(1)～(%d)について、事務局より資料に基づき一括して説明が行われた。\n\n", items);
    sb_printf(out, "(%d) 出席者意見開陳\n\n", items + 1);
    sb_printf(out, "上記(1)～(%d)について、出席者から以下のような意見が述べられた。\n\n", items);

    /* bodies that can speak for themselves today: a minister present or
     * represented (the proxy) */
    const char *cues[COUNT(ministers)];
    int ncues = 0;
    for (int i = 0; i < m.n; i++)
        if (m.a[i].kind == A_MIN && ministers[m.a[i].minister].cue)
            cues[ncues++] = ministers[m.a[i].minister].cue;
    size_t closing = 400;
    while (out->n + closing < target) {
        sb_clear(&p);
        sb_add(&p, "- ");
        total_remarks++;
        if (ncues && chance(0.2)) {
            const char *c = cues[rnd((size_t)ncues)];
            if (!strcmp(c, "警察"))
                sb_add(&p, chance(0.5) ? "警察では、" : "警察として、");
            else
                sb_printf(&p, "%s%s", c, chance(0.7) ? "としては、" : "としても、");
            expand(&p, chance(0.8) ? PICK(sentences) : PICK(fillers));
            paragraph(&p, NULL, rnd_range(0, 3));
        } else {
            paragraph(&p, NULL, rnd_range(1, 4));
        }
        emit_para(out, p.s, 2);
        out->n--; /* bullets follow each other without a blank line... */
        out->s[out->n] = 0;
        if (chance(0.15))
            sb_add(out, "\n"); /* ...except now and then */
    }
    sb_clear(&p);
    expand(&p, "「{P}」について、");
    sb_printf(out, "\n(%d) %s\n\n%s%s。\n\n－ 以 上 －\n", items + 2, b->decision, p.s,
              !strcmp(b->decision, "政策会議決定") ? "政策会議決定された" : "報告書が取りまとめられた");
    free(p.s);
}

/* ---- main ---------------------------------------------------------------- */

static void usage(void)
{
    fputs("usage: giji-bench-gen --out DIR --size BYTES [--seed N] [--data DIR]\n"
          "  BYTES may end in K, M or G (powers of 1024).\n",
          stderr);
    exit(2);
}

static unsigned long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || v <= 0)
        usage();
    switch (*end) {
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end)
        usage();
    return (unsigned long long)v;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *data = GIJI_BENCH_DATA_DIR;
    unsigned long long size = 0, seed = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--size") && i + 1 < argc)
            size = parse_size(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 0);
        else if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else
            usage();
    }
    if (!out || !size)
        usage();
    if (mkdir(out, 0777) && errno != EEXIST)
        die("%s: %s", out, strerror(errno));

    rng_state = seed;
    gz_load(data);
    persons_init();
    rosters_init();

    sbuf doc = {0};
    unsigned long long total = 0;
    size_t files = 0, labelled = 0;
    char path[8192];
    while (total < size) {
        /* half speaker-labelled (bodies 0-1), half bullet-only (2-5) */
        body *b = chance(0.5) ? &bodies[rnd(2)] : &bodies[2 + rnd(NBODIES - 2)];
        rosters_drift(b);
        /* the last turn and the closing may overshoot the target by a few
         * KB: files end up between 5 and 60 KB */
        size_t target = (size_t)rnd_range(5 * 1024, 54 * 1024);
        sb_clear(&doc);
        if (b->labelled) {
            meeting_labelled(&doc, b, target);
            labelled++;
        } else {
            meeting_bullets(&doc, b, target);
        }
        snprintf(path, sizeof path, "%s/%06zu_%016llx.txt", out, files, (unsigned long long)rnd64());
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(doc.s, 1, doc.n, f) != doc.n || fclose(f))
            die("%s: %s", path, strerror(errno));
        total += doc.n;
        files++;
    }
    printf("giji-bench-gen: %zu files, %llu bytes, %zu meetings (%zu labelled, %zu bullet), %zu remarks, "
           "%zu paragraphs (%zu split by page breaks), %zu gazetteer entities, %zu new names, seed %llu\n",
           files, total, files, labelled, files - labelled, total_remarks, paragraphs, splits, gz_total,
           new_names, seed);
    free(doc.s);
    return 0;
}
