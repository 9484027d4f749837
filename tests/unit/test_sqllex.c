/*
 * test_sqllex.c: the SQL lexer's token rules, helpers and round trip.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/sqllex.h"

#define MAXTOK 64

struct lexed {
    struct sqllex_token t[MAXTOK]; /* all tokens, blanks included */
    size_t n;
};

static struct lexed lex_all(const char *s, size_t len)
{
    struct lexed l = {.n = 0};
    struct sqllex lx;
    sqllex_init(&lx, s, len);
    struct sqllex_token tok;
    while (l.n < MAXTOK && sqllex_next(&lx, &tok))
        l.t[l.n++] = tok;
    return l;
}

/* The input must be exactly one token of the kind and flags given. */
static void one_token(const char *s, enum sqllex_kind kind, unsigned flags)
{
    struct lexed l = lex_all(s, strlen(s));
    cr_assert_eq(l.n, 1, "%s: %zu tokens, first %s len %zu", s, l.n, sqllex_kind_name(l.t[0].kind),
                 l.t[0].length);
    cr_assert_eq(l.t[0].kind, kind, "%s: kind %s", s, sqllex_kind_name(l.t[0].kind));
    cr_assert_eq(l.t[0].flags, flags, "%s: flags %#x", s, l.t[0].flags);
    cr_assert_eq(l.t[0].length, strlen(s));
}

/* Kinds of the non-whitespace tokens, space-separated. */
static void kinds(const char *s, const char *want)
{
    struct lexed l = lex_all(s, strlen(s));
    char got[512] = "";
    for (size_t i = 0; i < l.n; i++) {
        if (l.t[i].kind == SQLLEX_WHITESPACE)
            continue;
        if (got[0])
            strcat(got, " ");
        strcat(got, sqllex_kind_name(l.t[i].kind));
    }
    cr_assert_str_eq(got, want, "%s", s);
}

static void roundtrip(const char *s, size_t len)
{
    struct sqllex lx;
    sqllex_init(&lx, s, len);
    struct sqllex_token tok;
    size_t pos = 0;
    while (sqllex_next(&lx, &tok)) {
        cr_assert_eq(tok.offset, pos);
        cr_assert_gt(tok.length, 0);
        pos += tok.length;
    }
    cr_assert_eq(pos, len);
}

Test(sqllex, whitespace_and_line_comment)
{
    one_token(" \t\r\n\f\v", SQLLEX_WHITESPACE, 0);
    one_token("-- analytics.v", SQLLEX_COMMENT, 0);
    struct lexed l = lex_all("-- c\nx", 6);
    cr_assert_eq(l.n, 3);
    cr_assert_eq(l.t[0].length, 4); /* the newline is whitespace */
    cr_assert_eq(l.t[1].kind, SQLLEX_WHITESPACE);
}

Test(sqllex, nested_block_comment)
{
    one_token("/* a /* b */ c */", SQLLEX_COMMENT, 0);
    kinds("/* a /* b */ c */ x", "comment ident");
    one_token("/* a /* b */ c", SQLLEX_COMMENT, SQLLEX_F_UNTERMINATED);
}

Test(sqllex, identifiers)
{
    one_token("analytics_2$x", SQLLEX_IDENT, 0);
    one_token("_x", SQLLEX_IDENT, 0);
    one_token("\xc3\xa9t\xc3\xa9", SQLLEX_IDENT, 0);
    kinds("a$$b", "ident");
    kinds("2abc", "number ident");
}

Test(sqllex, quoted_identifiers)
{
    one_token("\"Ana\"\"lytics\"", SQLLEX_QUOTED_IDENT, 0);
    one_token("U&\"d\\0061t\\+000061\"", SQLLEX_QUOTED_IDENT, SQLLEX_F_UNICODE);
    one_token("u&\"d!0061t\" UESCAPE '!'", SQLLEX_QUOTED_IDENT,
              SQLLEX_F_UNICODE | SQLLEX_F_UESCAPE);
    one_token("\"open", SQLLEX_QUOTED_IDENT, SQLLEX_F_UNTERMINATED);
    kinds("U&x", "ident operator ident");
}

Test(sqllex, strings)
{
    one_token("'it''s'", SQLLEX_STRING, 0);
    one_token("'a\\'", SQLLEX_STRING, 0); /* standard strings: backslash is literal */
    one_token("E'it\\'s \\\\'", SQLLEX_STRING, SQLLEX_F_ESCAPE);
    one_token("e'x''y'", SQLLEX_STRING, SQLLEX_F_ESCAPE);
    one_token("U&'\\0061'", SQLLEX_STRING, SQLLEX_F_UNICODE);
    one_token("U&'!0061' uescape '!'", SQLLEX_STRING, SQLLEX_F_UNICODE | SQLLEX_F_UESCAPE);
    one_token("B'1010'", SQLLEX_STRING, SQLLEX_F_BITS);
    one_token("x'1F'", SQLLEX_STRING, SQLLEX_F_BITS);
    one_token("N'nat'", SQLLEX_STRING, SQLLEX_F_NATIONAL);
    one_token("'open", SQLLEX_STRING, SQLLEX_F_UNTERMINATED);
    one_token("E'open\\'", SQLLEX_STRING, SQLLEX_F_ESCAPE | SQLLEX_F_UNTERMINATED);
    kinds("'a' 'b'", "string string");
}

Test(sqllex, dollar_quoting)
{
    one_token("$$a 'b' $x$ c$$", SQLLEX_DOLLAR_STRING, 0);
    one_token("$tag_1$ $$ $tag$ $tag_1$", SQLLEX_DOLLAR_STRING, 0);
    one_token("$analytics$analytics.v$analytics$", SQLLEX_DOLLAR_STRING, 0);
    one_token("$t$ open", SQLLEX_DOLLAR_STRING, SQLLEX_F_UNTERMINATED);
    /* a tag cannot start with a digit: that is a parameter */
    kinds("$1$", "param other");
    kinds("$", "other");
    kinds("$a", "other ident");
}

Test(sqllex, numbers_and_params)
{
    one_token("42", SQLLEX_NUMBER, 0);
    one_token("1.5e-3", SQLLEX_NUMBER, 0);
    one_token(".25", SQLLEX_NUMBER, 0);
    one_token("0x1F", SQLLEX_NUMBER, 0);
    one_token("1_000", SQLLEX_NUMBER, 0);
    one_token("$12", SQLLEX_PARAM, 0);
    kinds("1..2", "number punct number");
    kinds("1e", "number ident");
}

Test(sqllex, operators_and_punctuation)
{
    kinds("a::int", "ident operator ident");
    kinds("a<>b>=c", "ident operator ident operator ident");
    kinds("(a,b);[1]", "punct ident punct ident punct punct punct number punct");
    kinds("a.b", "ident punct ident");
    kinds("x := 1", "ident operator number");
    /* an operator stops at an embedded comment start */
    kinds("a*/*c*/b", "ident operator comment ident");
    kinds("a+--c\nb", "ident operator comment ident");
    /* trailing + / - dropped from SQL-only operators: 1 = -1 */
    kinds("1=-1", "number operator operator number");
    kinds("a@-b", "ident operator ident");
}

Test(sqllex, other_bytes)
{
    kinds("\\", "other");
    kinds("{}", "other other");
    struct lexed l = lex_all("a\0b", 3);
    cr_assert_eq(l.n, 3);
    cr_assert_eq(l.t[1].kind, SQLLEX_OTHER);
}

Test(sqllex, ident_value)
{
    char buf[64];
    struct lexed l =
        lex_all("AnaLytics \"A\"\"b\" U&\"\\0061b\" U&\"!00e9\" UESCAPE '!' 'x'",
                strlen("AnaLytics \"A\"\"b\" U&\"\\0061b\" U&\"!00e9\" UESCAPE '!' 'x'"));
    cr_assert_eq(sqllex_ident_value("AnaLytics", &l.t[0], buf, sizeof buf), 9);
    cr_assert_str_eq(buf, "analytics");
    const char *s = "AnaLytics \"A\"\"b\" U&\"\\0061b\" U&\"!00e9\" UESCAPE '!' 'x'";
    cr_assert_eq(sqllex_ident_value(s, &l.t[2], buf, sizeof buf), 3);
    cr_assert_str_eq(buf, "A\"b");
    cr_assert_eq(sqllex_ident_value(s, &l.t[4], buf, sizeof buf), 2);
    cr_assert_str_eq(buf, "ab");
    cr_assert_eq(sqllex_ident_value(s, &l.t[6], buf, sizeof buf), 2);
    cr_assert_str_eq(buf, "\xc3\xa9");
    cr_assert_eq(sqllex_ident_value(s, &l.t[8], buf, sizeof buf), (size_t)-1);
    /* truncation reports the full length */
    cr_assert_eq(sqllex_ident_value(s, &l.t[0], buf, 4), 9);
    cr_assert_str_eq(buf, "ana");
    /* a malformed unicode escape has no value */
    const char *bad = "U&\"\\00zz\"";
    struct lexed b = lex_all(bad, strlen(bad));
    cr_assert_eq(sqllex_ident_value(bad, &b.t[0], buf, sizeof buf), (size_t)-1);
}

Test(sqllex, string_value)
{
    char buf[64];
    const char *s = "'it''s' E'a\\'b\\n\\x41\\101' U&'\\0061' B'1'";
    struct lexed l = lex_all(s, strlen(s));
    cr_assert_eq(sqllex_string_value(s, &l.t[0], buf, sizeof buf), 4);
    cr_assert_str_eq(buf, "it's");
    cr_assert_eq(sqllex_string_value(s, &l.t[2], buf, sizeof buf), 6);
    cr_assert_str_eq(buf, "a'b\nAA");
    cr_assert_eq(sqllex_string_value(s, &l.t[4], buf, sizeof buf), 1);
    cr_assert_str_eq(buf, "a");
    cr_assert_eq(sqllex_string_value(s, &l.t[6], buf, sizeof buf), (size_t)-1);
}

Test(sqllex, keyword_eq)
{
    const char *s = "SeLeCt \"select\"";
    struct lexed l = lex_all(s, strlen(s));
    cr_assert(sqllex_keyword_eq(s, &l.t[0], "select"));
    cr_assert(sqllex_keyword_eq(s, &l.t[0], "SELECT"));
    cr_assert_not(sqllex_keyword_eq(s, &l.t[0], "selec"));
    cr_assert_not(sqllex_keyword_eq(s, &l.t[2], "select"));
}

Test(sqllex, roundtrip_garbage)
{
    /* deterministic pseudo-random bytes, including NUL and invalid UTF-8 */
    unsigned char buf[4096];
    unsigned x = 12345;
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(round * 20 % 4096);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)(x >> 16);
            if (round % 2 && (x >> 8) % 3 == 0)
                buf[i] = (unsigned char)"'\"$-/*eEuU&\\ ;."[(x >> 20) % 15];
        }
        roundtrip((const char *)buf, n);
    }
}

Test(sqllex, roundtrip_corpus)
{
    FILE *f = fopen(CUTOVER_SOURCE_DIR "/tests/data/queries.sql", "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n);
    cr_assert_not_null(buf);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    roundtrip(buf, (size_t)n);
    /* and entry by entry, rebuilt from token texts */
    size_t entries = 0;
    char *p = buf, *end = buf + n;
    while (p < end) {
        char *sep = strstr(p, "\n-- ;;\n");
        size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
        char *copy = malloc(len + 1);
        struct sqllex lx;
        struct sqllex_token tok;
        size_t w = 0;
        sqllex_init(&lx, p, len);
        while (sqllex_next(&lx, &tok)) {
            cr_assert_eq(tok.flags & SQLLEX_F_UNTERMINATED, 0, "entry %zu", entries);
            memcpy(copy + w, p + tok.offset, tok.length);
            w += tok.length;
        }
        cr_assert_eq(w, len);
        cr_assert_eq(memcmp(copy, p, len), 0);
        free(copy);
        entries++;
        p = sep ? sep + 7 : end;
    }
    cr_assert_geq(entries, 1000);
    free(buf);
}

/* sqllex_next (or sqllex_next_more if `wide`) lexes s as sqllex_next_full does. */
static void same_as_full_with(const char *s, size_t len, bool wide)
{
    struct sqllex fast, full;
    struct sqllex_token a, b;
    sqllex_init(&fast, s, len);
    sqllex_init(&full, s, len);
    for (;;) {
        bool more = wide ? sqllex_next_more(&fast, &a) : sqllex_next(&fast, &a);
        cr_assert_eq(more, sqllex_next_full(&full, &b));
        if (!more)
            break;
        cr_assert(a.kind == b.kind && a.flags == b.flags && a.offset == b.offset &&
                      a.length == b.length,
                  "at %zu: fast %s/%zu, full %s/%zu", b.offset, sqllex_kind_name(a.kind), a.length,
                  sqllex_kind_name(b.kind), b.length);
    }
}

/* Both inline fast paths must give exactly sqllex_next_full's tokens. */
static void same_as_full(const char *s, size_t len)
{
    same_as_full_with(s, len, false);
    same_as_full_with(s, len, true);
}

Test(sqllex, fast_path_matches_full)
{
    static const char *const cases[] = {
        "b'101'",  "B'1'",   "x'1F'", "X'1F'", "e'a\\'b'", "E'x'", "n'x'",  "N'x'", "u&'x'",
        "U&\"x\"", "u&x",    "e&x",   "be",    "e",        "u",    "x",     "b",    ".",
        ".5",      "a.5",    "a..b",  "a.b",   "(a,b);",   "[1]",  " \t\n", "é$1",  "_x9$",
        "u&",      "e\"x\"", "n",     "u&\"",  "b&'1'",    "x.",   "t.*",   "1.e5", "a. 5",
    };
    /* sqllex_next_more's lone operators and integers, and what ends them */
    static const char *const more_cases[] = {
        "=",   "a=b", "<=",  "--x",  "/*x*/", "/",    "-1",    "*)",   "1",
        "12",  "12a", "1.5", "1..2", "1e5",   "1E+5", "1_000", "0x1F", "0o7",
        "0b1", "0X",  "9.",  "7;",   "3)",    "a1",   "$1",    "1$",   "- -",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        same_as_full(cases[i], strlen(cases[i]));
    for (size_t i = 0; i < sizeof more_cases / sizeof more_cases[0]; i++)
        same_as_full(more_cases[i], strlen(more_cases[i]));
    unsigned char buf[4096];
    unsigned x = 777;
    for (int round = 0; round < 300; round++) {
        size_t n = (size_t)(round * 13 % 4096);
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = (unsigned char)"'\"$-/*eEuUbBnNxX&\\ ;.(),[]a_0\t\x80=<9oO"[(x >> 16) % 37];
        }
        same_as_full((const char *)buf, n);
    }
}

/*
 * The identifier scan classifies 16 bytes at a time while 16 remain: a name
 * ending at every offset of a block, at every distance from the end of the
 * input, followed by each kind of byte that ends a name (and by none).
 */
Test(sqllex, ident_end_at_every_block_offset)
{
    static const char enders[] = " ;.(\"'&=-/\\\t\n\x01\x7f@[`{";
    char buf[80];
    for (size_t pre = 0; pre < 3; pre++) {
        for (size_t n = 1; n <= 40; n++) {
            for (size_t k = 0; k <= sizeof enders - 1; k++) {
                /* k == sizeof enders - 1: the name runs to the end of the input */
                size_t len = 0;
                memset(buf, ' ', pre);
                len = pre;
                for (size_t j = 0; j < n; j++)
                    buf[len++] = "aZ_$9\x80\xff"[j == 0 ? 0 : j % 7];
                size_t name_end = len;
                if (k < sizeof enders - 1)
                    buf[len++] = enders[k];
                for (size_t tail = 0; tail < (name_end < len ? 20u : 1u); tail++) {
                    size_t total = len + tail;
                    memset(buf + len, 'q', tail); /* more name bytes after a non-name byte */
                    struct lexed l = lex_all(buf, total);
                    size_t first = pre > 0 ? 1 : 0;
                    cr_assert_eq(l.t[first].kind, SQLLEX_IDENT, "pre %zu n %zu k %zu", pre, n, k);
                    cr_assert_eq(l.t[first].offset, pre);
                    cr_assert_eq(l.t[first].length, name_end - pre,
                                 "pre %zu n %zu ender %#x tail %zu: length %zu", pre, n,
                                 (unsigned)(unsigned char)enders[k], tail, l.t[first].length);
                    same_as_full(buf, total);
                    roundtrip(buf, total);
                }
            }
        }
    }
}

/* Every byte value, after a name at each block offset: which ones continue it. */
Test(sqllex, ident_continues_exactly_on_ident_cont)
{
    char buf[64];
    for (unsigned c = 0; c < 256; c++) {
        bool cont = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '$' || c >= 0x80;
        for (size_t at = 1; at < 40; at++) {
            memset(buf, 'a', sizeof buf);
            buf[at] = (char)c;
            buf[at + 1] = ' ';
            struct lexed l = lex_all(buf, sizeof buf);
            cr_assert_eq(l.t[0].kind, SQLLEX_IDENT);
            cr_assert_eq(l.t[0].length, cont ? at + 1 : at, "byte %#x at %zu", c, at);
            same_as_full(buf, sizeof buf);
        }
    }
}

/* Names with embedded NULs and non-ASCII bytes next to literals, long and short. */
Test(sqllex, ident_scan_edges)
{
    static const char s1[] = "abcdefghijklmnop\0qrstuvwxyz0123456789";
    struct lexed l = lex_all(s1, sizeof s1 - 1);
    cr_assert_eq(l.t[0].length, 16);
    cr_assert_eq(l.t[1].kind, SQLLEX_OTHER);
    cr_assert_eq(l.t[2].length, 20);
    kinds("abcdefghijklmnopqrstu&'x' U&'d\\0061ta' e'\\'' E'a\\\\' $t$x$t$ /* /* */ */ u&\"x\"",
          "ident operator string string string string dollar_string comment quoted_ident");
    kinds("\xc3\xa9t\xc3\xa9\xc3\xa9t\xc3\xa9\xc3\xa9t\xc3\xa9\xc3\xa9t\xc3\xa9x'1'",
          "ident string");
    kinds("aaaaaaaaaaaaaaab'1' aaaaaaaaaaaaaaaae'1'", "ident string ident string");
}

/*
 * The inline path reads where tokens end from 64-byte windows classified by
 * the widest classifier the CPU has (sqllex_window_()); these run every
 * level this CPU allows, the portable one included, against
 * sqllex_next_full(), around the windows' edges.
 */
static void same_as_full_every_level(const char *s, size_t len)
{
    for (unsigned level = 0; level <= 2; level++) {
        unsigned old = sqllex_simd_limit_(level);
        same_as_full(s, len);
        roundtrip(s, len);
        sqllex_simd_limit_(old);
    }
}

/* Every pair of byte values, at the start, across the first and second
 * windows' ends, and at the end of the input. */
Test(sqllex, window_every_byte_pair)
{
    char buf[200];
    static const size_t at[] = {0, 62, 63, 64, 126, 127, 128};
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
                /* names and blanks around, so that runs cross the edges too */
                for (size_t i = 0; i < sizeof buf; i++)
                    buf[i] = i % 9 == 8 ? ' ' : "xy_z9$\xc3"[i % 7];
                buf[at[k]] = (char)a;
                buf[at[k] + 1] = (char)b;
                size_t len = a % 3 == 0 ? at[k] + 2 : sizeof buf; /* the pair last, or not */
                unsigned old = sqllex_simd_limit_(a % 3);         /* every level, in turn */
                same_as_full(buf, len);
                sqllex_simd_limit_(old);
            }
        }
    }
}

/* Runs of names and blanks of every length up to three windows, at every
 * offset of the first, followed by each kind of byte or by the end. */
Test(sqllex, window_long_runs)
{
    static const char ends[] = " a;'\"-./(";
    static char buf[400];
    for (size_t pre = 0; pre < 66; pre += 5) {
        for (size_t n = 1; n <= 200; n += (n < 70 ? 1 : 7)) {
            for (int blank = 0; blank < 2; blank++) {
                for (size_t e = 0; e <= sizeof ends - 1; e++) {
                    size_t len = 0;
                    for (; len < pre; len++)
                        buf[len] = len % 2 ? '(' : 'q';
                    for (size_t i = 0; i < n; i++)
                        buf[len++] = blank ? " \t\n"[i % 3] : "aZ_9$\x80"[i == 0 ? 0 : i % 6];
                    if (e < sizeof ends - 1)
                        buf[len++] = ends[e];
                    same_as_full_every_level(buf, len);
                }
            }
        }
    }
}

/* Inputs of every length up to 300 bytes, from bytes that matter to the
 * classes (quotes, prefixes, operators, dots, digits, blanks, high bytes). */
Test(sqllex, window_random_inputs)
{
    static const char alphabet[] = "'\"$-/*eEuUbBnNxX&\\ ;.(),[]a_0\t\x80=<9oO:+!|\n\0zq";
    char buf[300];
    unsigned x = 4242;
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)round % 301;
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            buf[i] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        same_as_full_every_level(buf, n);
    }
}

/* sqllex_next_full() and sqllex_next() on one struct, in any order, and a
 * struct copied half-way, lex as sqllex_next_full() alone does. */
Test(sqllex, window_mixed_calls)
{
    char buf[400];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = "SELECT a.b, 'x y' FROM t WHERE c >= 1.5 AND d = $1; -- z\n"[i % 56];
    for (unsigned pattern = 0; pattern < 64; pattern++) {
        struct sqllex mixed, full;
        struct sqllex_token a, b;
        sqllex_init(&mixed, buf, sizeof buf);
        sqllex_init(&full, buf, sizeof buf);
        for (unsigned k = 0;; k++) {
            bool more = (pattern >> (k % 6)) & 1 ? sqllex_next_full(&mixed, &a)
                        : k % 7 == 3             ? sqllex_next_more(&mixed, &a)
                                                 : sqllex_next(&mixed, &a);
            cr_assert_eq(more, sqllex_next_full(&full, &b));
            if (!more)
                break;
            cr_assert(a.kind == b.kind && a.flags == b.flags && a.offset == b.offset &&
                          a.length == b.length,
                      "pattern %u at %zu", pattern, b.offset);
            if (k == pattern) {
                struct sqllex copy = mixed; /* the copy goes on alone */
                struct sqllex_token c, d;
                struct sqllex ref = full;
                while (sqllex_next(&copy, &c)) {
                    cr_assert(sqllex_next_full(&ref, &d));
                    cr_assert(c.offset == d.offset && c.length == d.length && c.kind == d.kind);
                }
                cr_assert_not(sqllex_next_full(&ref, &d));
            }
        }
    }
}

/* pos may be set between sqllex_init() and the first token (sqlclassify.c
 * starts a statement's lexer so): the tokens from there are the full lexer's. */
Test(sqllex, window_pos_set_after_init)
{
    const char *s = "SELECT x,\t\"q\"\"r\" FROM analytics.t /* c */ WHERE y <> E'\\'' ;"
                    " INSERT INTO marts.o VALUES ($1, 2e3, .5); SET search_path = a, b";
    size_t len = strlen(s);
    for (size_t start = 0; start <= len; start++) {
        struct sqllex fast, full;
        struct sqllex_token a, b;
        sqllex_init(&fast, s, len);
        fast.pos = start;
        sqllex_init(&full, s, len);
        full.pos = start;
        for (;;) {
            bool more = sqllex_next(&fast, &a);
            cr_assert_eq(more, sqllex_next_full(&full, &b));
            if (!more)
                break;
            cr_assert(a.kind == b.kind && a.flags == b.flags && a.offset == b.offset &&
                          a.length == b.length,
                      "start %zu at %zu", start, b.offset);
        }
    }
}
