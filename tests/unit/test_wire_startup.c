/*
 * test_wire_startup.c: StartupMessage, SSLRequest, GSSENCRequest,
 * CancelRequest, and the `options` word syntax.
 */
#include "protocol/frame.h"
#include "protocol/startup.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What psql 15 sends for `psql -U alice shop` (no options). */
static const uint8_t psql_startup[] = {
    0x00, 0x00, 0x00, 0x4d, 0x00, 0x03, 0x00, 0x00, 0x75, 0x73, 0x65, 0x72, 0x00, 0x61, 0x6c, 0x69,
    0x63, 0x65, 0x00, 0x64, 0x61, 0x74, 0x61, 0x62, 0x61, 0x73, 0x65, 0x00, 0x73, 0x68, 0x6f, 0x70,
    0x00, 0x61, 0x70, 0x70, 0x6c, 0x69, 0x63, 0x61, 0x74, 0x69, 0x6f, 0x6e, 0x5f, 0x6e, 0x61, 0x6d,
    0x65, 0x00, 0x70, 0x73, 0x71, 0x6c, 0x00, 0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x5f, 0x65, 0x6e,
    0x63, 0x6f, 0x64, 0x69, 0x6e, 0x67, 0x00, 0x55, 0x54, 0x46, 0x38, 0x00, 0x00};

/* A startup packet with the given code and body; returns its length. */
static size_t packet(uint8_t *out, uint32_t code, const void *body, size_t body_len)
{
    uint32_t len = (uint32_t)(8 + body_len);
    out[0] = (uint8_t)(len >> 24);
    out[1] = (uint8_t)(len >> 16);
    out[2] = (uint8_t)(len >> 8);
    out[3] = (uint8_t)len;
    out[4] = (uint8_t)(code >> 24);
    out[5] = (uint8_t)(code >> 16);
    out[6] = (uint8_t)(code >> 8);
    out[7] = (uint8_t)code;
    if (body_len)
        memcpy(out + 8, body, body_len);
    return len;
}

Test(wire_startup, real_psql_startup)
{
    struct wire_frame f;
    struct wire_startup s;

    cr_assert_eq(wire_startup_frame_peek(psql_startup, sizeof(psql_startup), sizeof(psql_startup),
                                         WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_OK);
    cr_assert_eq(f.total, sizeof(psql_startup));
    cr_assert_eq(wire_startup_parse(psql_startup, sizeof(psql_startup), &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.kind, WIRE_STARTUP_MESSAGE);
    cr_assert_eq(s.code, WIRE_PROTOCOL_3_0);
    cr_assert_eq(s.nparams, 4);
    cr_assert_str_eq(s.params[0].key, "user");
    cr_assert_str_eq(s.params[0].value, "alice");
    cr_assert_str_eq(s.params[3].key, "client_encoding");
    cr_assert_str_eq(s.params[3].value, "UTF8");
    cr_assert_str_eq(wire_startup_get(&s, "database"), "shop");
    cr_assert_str_eq(wire_startup_get(&s, "application_name"), "psql");
    cr_assert_null(wire_startup_get(&s, "options"));
    /* Values point into the packet. */
    cr_assert((const uint8_t *)s.params[0].value > psql_startup &&
              (const uint8_t *)s.params[0].value < psql_startup + sizeof(psql_startup));
}

Test(wire_startup, build_round_trip_matches_psql_bytes)
{
    const struct wire_startup_param params[] = {{"user", "alice"},
                                                {"database", "shop"},
                                                {"application_name", "psql"},
                                                {"client_encoding", "UTF8"}};
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_startup(&w, params, 4);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, sizeof(psql_startup));
    cr_assert_arr_eq(w.buf, psql_startup, sizeof(psql_startup));
    wire_writer_free(&w);
}

Test(wire_startup, build_refuses_empty_key)
{
    const struct wire_startup_param params[] = {{"user", "a"}, {"", "x"}};
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_startup(&w, params, 2);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_startup, minor_version_accepted)
{
    uint8_t p[64];
    const char body[] = "user\0bob\0";
    struct wire_startup s;
    size_t n = packet(p, 3u << 16 | 2, body, sizeof(body));

    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.code, (3u << 16) | 2);
    cr_assert_eq(s.nparams, 1);
}

Test(wire_startup, bad_version)
{
    uint8_t p[64];
    const char body[] = "user\0bob\0";
    struct wire_startup s;

    size_t n = packet(p, 2u << 16, body, sizeof(body));
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_BAD_VERSION);
    n = packet(p, 4u << 16, body, sizeof(body));
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_BAD_VERSION);
    n = packet(p, 1234u << 16 | 5681, body, sizeof(body));
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_BAD_VERSION);
    n = packet(p, 0, NULL, 0);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_BAD_VERSION);
}

Test(wire_startup, no_user)
{
    uint8_t p[64];
    struct wire_startup s;
    const char body1[] = "database\0shop\0";
    const char body2[] = "user\0\0";
    const char body3[] = "";

    size_t n = packet(p, WIRE_PROTOCOL_3_0, body1, sizeof(body1));
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_NO_USER);
    n = packet(p, WIRE_PROTOCOL_3_0, body2, sizeof(body2));
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_NO_USER);
    /* Just the terminator: well formed, no user. */
    n = packet(p, WIRE_PROTOCOL_3_0, body3, sizeof(body3));
    cr_assert_eq(n, 9);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_NO_USER);
}

Test(wire_startup, malformed_layouts)
{
    uint8_t p[64];
    struct wire_startup s;
    struct {
        const char *body;
        size_t len;
    } cases[] = {
        {"user\0bob\0", 9},        /* missing final terminator */
        {"user\0bob", 8},          /* value without NUL */
        {"user", 4},               /* key without NUL */
        {"user\0", 5},             /* key without value */
        {"user\0bob\0\0x", 11},    /* trailing garbage */
        {"user\0bob\0\0\0", 11},   /* two terminators */
        {"user\0bob\0db\0\0", 13}, /* odd count: "db" has a value "" then no end */
        {"", 0},                   /* no terminator at all */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = packet(p, WIRE_PROTOCOL_3_0, cases[i].body, cases[i].len);
        cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_MALFORMED, "case %zu", i);
    }
}

Test(wire_startup, length_field_must_match)
{
    uint8_t p[64];
    struct wire_startup s;
    const char body[] = "user\0bob\0";
    size_t n = packet(p, WIRE_PROTOCOL_3_0, body, sizeof(body));

    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_OK);
    cr_assert_eq(wire_startup_parse(p, n - 1, &s), WIRE_STARTUP_MALFORMED);
    p[n] = 0;
    cr_assert_eq(wire_startup_parse(p, n + 1, &s), WIRE_STARTUP_MALFORMED);
    cr_assert_eq(wire_startup_parse(p, 7, &s), WIRE_STARTUP_MALFORMED);
    cr_assert_eq(wire_startup_parse(p, 0, &s), WIRE_STARTUP_MALFORMED);
}

Test(wire_startup, exactly_max_params_then_too_many)
{
    char body[2048];
    size_t n = 0;
    uint8_t p[2100];
    struct wire_startup s;

    n += (size_t)sprintf(body + n, "user") + 1;
    n += (size_t)sprintf(body + n, "u") + 1;
    for (int i = 1; i < WIRE_STARTUP_MAX_PARAMS; i++) {
        n += (size_t)sprintf(body + n, "k%d", i) + 1;
        n += (size_t)sprintf(body + n, "v%d", i) + 1;
    }
    body[n] = 0;
    size_t len = packet(p, WIRE_PROTOCOL_3_0, body, n + 1);
    cr_assert_eq(wire_startup_parse(p, len, &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.nparams, WIRE_STARTUP_MAX_PARAMS);
    cr_assert_str_eq(wire_startup_get(&s, "k63"), "v63");

    n += (size_t)sprintf(body + n, "one") + 1;
    n += (size_t)sprintf(body + n, "more") + 1;
    body[n] = 0;
    len = packet(p, WIRE_PROTOCOL_3_0, body, n + 1);
    cr_assert_eq(wire_startup_parse(p, len, &s), WIRE_STARTUP_TOO_MANY);
}

Test(wire_startup, ssl_and_gssenc_requests)
{
    const uint8_t ssl[] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f};
    const uint8_t gss[] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30};
    struct wire_startup s;
    struct wire_writer w;

    cr_assert_eq(wire_startup_parse(ssl, sizeof(ssl), &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.kind, WIRE_STARTUP_SSL);
    cr_assert_eq(s.code, WIRE_SSL_REQUEST_CODE);
    cr_assert_eq(s.nparams, 0);
    cr_assert_null(wire_startup_get(&s, "user"));
    cr_assert_eq(wire_startup_parse(gss, sizeof(gss), &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.kind, WIRE_STARTUP_GSSENC);

    wire_writer_init(&w);
    wire_build_ssl_request(&w);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, sizeof(ssl));
    cr_assert_arr_eq(w.buf, ssl, sizeof(ssl));
    wire_writer_free(&w);
}

Test(wire_startup, ssl_request_with_body_is_malformed)
{
    uint8_t p[16];
    struct wire_startup s;

    size_t n = packet(p, WIRE_SSL_REQUEST_CODE, "\0\0\0\0", 4);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_MALFORMED);
    n = packet(p, WIRE_GSSENC_CODE, "\0", 1);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_MALFORMED);
}

Test(wire_startup, ssl_response_single_byte)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_ssl_response(&w, true);
    wire_build_ssl_response(&w, false);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, 2);
    cr_assert_eq(w.buf[0], 'S');
    cr_assert_eq(w.buf[1], 'N');
    /* Inside an open message it is misuse. */
    wire_begin(&w, 'Z');
    wire_build_ssl_response(&w, false);
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_startup, cancel_request)
{
    const uint8_t real[] = {0, 0, 0,    16,   0x04, 0xd2, 0x16, 0x2e,
                            0, 0, 0x30, 0x39, 0xde, 0xad, 0xbe, 0xef};
    struct wire_startup s;
    struct wire_writer w;

    cr_assert_eq(wire_startup_parse(real, sizeof(real), &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.kind, WIRE_STARTUP_CANCEL);
    cr_assert_eq(s.cancel_pid, 12345);
    cr_assert_eq(s.cancel_key, 0xdeadbeef);

    wire_writer_init(&w);
    wire_build_cancel_request(&w, 12345, 0xdeadbeef);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, sizeof(real));
    cr_assert_arr_eq(w.buf, real, sizeof(real));
    wire_writer_free(&w);
}

Test(wire_startup, cancel_wrong_length)
{
    uint8_t p[32] = {0};
    struct wire_startup s;

    for (size_t body = 0; body <= 12; body++) {
        if (body == 8)
            continue;
        size_t n = packet(p, WIRE_CANCEL_CODE, "\1\2\3\4\5\6\7\10\11\12\13\14", body);
        cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_MALFORMED, "body %zu", body);
    }
    size_t n = packet(p, WIRE_CANCEL_CODE, "\1\2\3\4\5\6\7\10", 8);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.cancel_pid, 0x01020304);
    cr_assert_eq(s.cancel_key, 0x05060708);
}

Test(wire_startup, build_parse_round_trip)
{
    const struct wire_startup_param params[] = {
        {"user", "materialize"},
        {"database", "materialize"},
        {"options", "-c cluster=quickstart --search-path=public"},
        {"empty", ""}};
    struct wire_writer w;
    struct wire_startup s;
    struct wire_frame f;

    wire_writer_init(&w);
    wire_build_startup(&w, params, 4);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(wire_startup_frame_peek(w.buf, w.len, w.len, 10000, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.total, w.len);
    cr_assert_eq(wire_startup_parse(w.buf, w.len, &s), WIRE_STARTUP_OK);
    cr_assert_eq(s.nparams, 4);
    for (size_t i = 0; i < 4; i++) {
        cr_assert_str_eq(s.params[i].key, params[i].key);
        cr_assert_str_eq(s.params[i].value, params[i].value);
    }
    wire_writer_free(&w);
}

/* ---- options ---- */

static void expect_options(const char *text, size_t n, const char *const *kv)
{
    struct wire_options o;

    cr_assert_eq(wire_options_parse(text, &o), WIRE_OPTIONS_OK, "parse [%s]", text);
    cr_assert_eq(o.n, n, "count for [%s]: %zu", text, o.n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(o.items[i].key, kv[2 * i], "key %zu of [%s]", i, text);
        cr_assert_str_eq(o.items[i].value, kv[2 * i + 1], "value %zu of [%s]", i, text);
    }
    wire_options_free(&o);
}

Test(wire_options, three_forms)
{
    const char *const kv[] = {"cluster", "quickstart",        "search_path",
                              "public",  "statement_timeout", "5s"};
    expect_options("-c cluster=quickstart -csearch_path=public --statement_timeout=5s", 3, kv);
}

Test(wire_options, empty_and_blank)
{
    expect_options("", 0, NULL);
    expect_options("   \t  ", 0, NULL);
    expect_options(NULL, 0, NULL);
}

Test(wire_options, whitespace_variants)
{
    const char *const kv[] = {"a", "1", "b", "2"};
    expect_options("  -c\ta=1 \n\n--b=2  ", 2, kv);
}

Test(wire_options, case_fold_and_dashes)
{
    const char *const kv[] = {"search_path", "Public", "cutover.route", "Deploy", "my_var", "X-Y"};
    expect_options("--Search-Path=Public -c CUTOVER.ROUTE=Deploy -cmy-var=X-Y", 3, kv);
}

Test(wire_options, escapes)
{
    const char *const kv[] = {"search_path", "my schema,public", "app", "a\\b", "x", "1 2 3"};
    expect_options("-c search_path=my\\ schema,public -capp=a\\\\b --x=1\\ 2\\ 3", 3, kv);
}

Test(wire_options, escaped_tab_and_any_char)
{
    /* A backslash makes any next character literal, including a tab; before
     * an ordinary character it simply disappears. */
    const char *const kv[] = {"k", "a\tb", "j", "q"};
    expect_options("-ck=a\\\tb -cj=\\q", 2, kv);
}

Test(wire_options, trailing_backslash_dropped)
{
    const char *const kv[] = {"k", "v"};
    expect_options("-ck=v\\", 1, kv);
}

Test(wire_options, value_may_be_empty_or_contain_equals)
{
    const char *const kv[] = {"a", "", "b", "x=y=z"};
    expect_options("-c a= --b=x=y=z", 2, kv);
}

Test(wire_options, c_takes_next_word_verbatim)
{
    const char *const kv[] = {"__x", "1"};
    /* The word after -c is the setting even if it starts with dashes. */
    expect_options("-c --x=1", 1, kv);
}

Test(wire_options, escaped_space_joins_c_and_setting)
{
    /* "-c\ a=1" is one word "-c a=1": the -cNAME form with name " a". */
    const char *const kv[] = {" a", "1"};
    expect_options("-c\\ a=1", 1, kv);
}

Test(wire_options, unparseable)
{
    const char *bad[] = {
        "-c",          /* no setting */
        "-c a",        /* no '=' */
        "--a",         /* no '=' */
        "-ca",         /* no '=' */
        "-c =1",       /* empty name */
        "--=1",        /* empty name */
        "--",          /* nothing */
        "a=1",         /* not a switch */
        "-B 100",      /* a switch we do not accept */
        "-c a=1 junk", /* good then bad */
        "-",           /* lone dash */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct wire_options o;
        cr_assert_eq(wire_options_parse(bad[i], &o), WIRE_OPTIONS_UNPARSEABLE, "[%s]", bad[i]);
        wire_options_free(&o);
    }
}

Test(wire_options, too_many)
{
    char text[4096];
    size_t n = 0;
    struct wire_options o;

    for (int i = 0; i < WIRE_OPTIONS_MAX; i++)
        n += (size_t)sprintf(text + n, "-c k%d=%d ", i, i);
    cr_assert_eq(wire_options_parse(text, &o), WIRE_OPTIONS_OK);
    cr_assert_eq(o.n, WIRE_OPTIONS_MAX);
    cr_assert_str_eq(o.items[WIRE_OPTIONS_MAX - 1].key, "k63");
    wire_options_free(&o);
    sprintf(text + n, "--last=1");
    cr_assert_eq(wire_options_parse(text, &o), WIRE_OPTIONS_TOO_MANY);
    cr_assert_eq(o.n, WIRE_OPTIONS_MAX);
    wire_options_free(&o);
    cr_assert_eq(o.n, 0);
}

Test(wire_options, format_escapes)
{
    struct wire_options o;

    cr_assert_eq(wire_options_parse("-c a=1 --b-c=x\\ y -cd=back\\\\slash -ce=", &o),
                 WIRE_OPTIONS_OK);
    char *s = wire_options_format(&o);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, "-c a=1 -c b_c=x\\ y -c d=back\\\\slash -c e=");
    free(s);
    wire_options_free(&o);
}

Test(wire_options, format_empty)
{
    struct wire_options o;

    cr_assert_eq(wire_options_parse("", &o), WIRE_OPTIONS_OK);
    char *s = wire_options_format(&o);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, "");
    free(s);
    wire_options_free(&o);
}

Test(wire_options, round_trip)
{
    const char *texts[] = {
        "-c a=1",
        "--search-path=my\\ schema -c x=\\\\ -cy=\\\t\\\n",
        "-c\\ a=1 -c b=\\ \\ ",
        "--Cluster=Q -c cutover.route=deploy -c statement_timeout=0",
        "-c k==",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        struct wire_options a, b;
        cr_assert_eq(wire_options_parse(texts[i], &a), WIRE_OPTIONS_OK, "[%s]", texts[i]);
        char *s = wire_options_format(&a);
        cr_assert_not_null(s);
        cr_assert_eq(wire_options_parse(s, &b), WIRE_OPTIONS_OK, "[%s] -> [%s]", texts[i], s);
        cr_assert_eq(a.n, b.n);
        for (size_t j = 0; j < a.n; j++) {
            cr_assert_str_eq(a.items[j].key, b.items[j].key);
            cr_assert_str_eq(a.items[j].value, b.items[j].value);
        }
        free(s);
        wire_options_free(&a);
        wire_options_free(&b);
    }
}

/* Issue 14.2: PostgreSQL keeps the last user/database; the proxy refuses duplicates. */
Test(wire_startup, duplicate_key_refused)
{
    static const struct {
        const char *body;
        size_t len;
        const char *key;
    } cases[] = {
#define CASE(b, k) {b, sizeof(b), k}
        CASE("user\0alice\0database\0db\0user\0bob\0", "user"),
        CASE("user\0bob\0database\0one\0database\0two\0", "database"),
        CASE("user\0bob\0application_name\0a\0application_name\0a\0", "application_name"),
        CASE("options\0-c x=1\0user\0bob\0options\0-c x=2\0", "options"),
#undef CASE
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t p[128];
        struct wire_startup s;
        size_t n = packet(p, 3u << 16, cases[i].body, cases[i].len);
        cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_DUPLICATE, "case %zu", i);
        cr_assert_str_eq(s.dup_key, cases[i].key);
    }
    /* the same value under different names is fine; names are case-sensitive */
    uint8_t p[128];
    struct wire_startup s;
    const char ok[] = "user\0bob\0database\0bob\0User\0x\0";
    size_t n = packet(p, 3u << 16, ok, sizeof ok);
    cr_assert_eq(wire_startup_parse(p, n, &s), WIRE_STARTUP_OK);
    cr_assert_str_eq(wire_startup_get(&s, "user"), "bob");
    cr_assert_null(s.dup_key);
}

/* ---- NegotiateProtocolVersion ---- */

Test(wire_negotiate, plain_3_0_needs_nothing)
{
    struct wire_startup s;
    struct wire_negotiation n;
    cr_assert_eq(wire_startup_parse(psql_startup, sizeof psql_startup, &s), WIRE_STARTUP_OK);
    cr_assert_not(wire_startup_negotiation(&s, &n));
    cr_assert_not(n.needed);
    cr_assert_eq(n.nunrecognized, 0);
}

Test(wire_negotiate, minor_3_2_alone)
{
    uint8_t p[64];
    const char body[] = "user\0bob\0";
    struct wire_startup s;
    struct wire_negotiation n;
    size_t len = packet(p, 3u << 16 | 2, body, sizeof(body));
    cr_assert_eq(wire_startup_parse(p, len, &s), WIRE_STARTUP_OK);
    cr_assert(wire_startup_negotiation(&s, &n));
    cr_assert_eq(n.newest, WIRE_PROTOCOL_3_0);
    cr_assert_eq(n.nunrecognized, 0);
}

Test(wire_negotiate, pq_options_in_packet_order_even_at_3_0)
{
    uint8_t p[128];
    const char body[] = "_pq_.b\0x\0user\0bob\0_pq_.a\0y\0_PQ_.c\0z\0pq_.d\0w\0";
    struct wire_startup s;
    struct wire_negotiation n;
    size_t len = packet(p, WIRE_PROTOCOL_3_0, body, sizeof(body));
    cr_assert_eq(wire_startup_parse(p, len, &s), WIRE_STARTUP_OK);
    cr_assert(wire_startup_negotiation(&s, &n));
    /* Case-sensitive prefix, as PostgreSQL's strncmp: _PQ_.c is a setting. */
    cr_assert_eq(n.nunrecognized, 2);
    cr_assert_str_eq(n.unrecognized[0], "_pq_.b");
    cr_assert_str_eq(n.unrecognized[1], "_pq_.a");
    cr_assert(wire_startup_is_protocol_option("_pq_."));
    cr_assert_not(wire_startup_is_protocol_option("_PQ_.c"));
    cr_assert_not(wire_startup_is_protocol_option("_pq_"));
}

/* The layout PostgreSQL 15 sends for 3.2 with _pq_.foo and _pq_.bar
 * (compared byte for byte with a live server in test_hardening.py). */
Test(wire_negotiate, build_matches_postgresql_bytes)
{
    static const uint8_t want[] = {'v', 0,   0,   0,   30,  0,   3,   0,   0,   0,   0,
                                   0,   2,   '_', 'p', 'q', '_', '.', 'f', 'o', 'o', 0,
                                   '_', 'p', 'q', '_', '.', 'b', 'a', 'r', 0};
    const char *names[] = {"_pq_.foo", "_pq_.bar"};
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_negotiate_version(&w, WIRE_PROTOCOL_LATEST, names, 2);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, sizeof want);
    cr_assert(memcmp(w.buf, want, sizeof want) == 0);

    uint32_t newest, count;
    const char *first;
    cr_assert(wire_parse_negotiate_version(w.buf, w.len, &newest, &count, &first));
    cr_assert_eq(newest, WIRE_PROTOCOL_3_0);
    cr_assert_eq(count, 2);
    cr_assert_str_eq(first, "_pq_.foo");
    wire_writer_free(&w);
}

Test(wire_negotiate, parse_refuses_bad_layouts)
{
    uint32_t newest, count;
    const char *first;
    /* count says 2, one name */
    const uint8_t short_names[] = {'v', 0, 0, 0, 14, 0, 3, 0, 0, 0, 0, 0, 2, 'a', 0};
    cr_assert_not(wire_parse_negotiate_version(short_names, 14 + 1, &newest, &count, &first));
    /* trailing garbage after the names */
    const uint8_t trailing[] = {'v', 0, 0, 0, 15, 0, 3, 0, 0, 0, 0, 0, 1, 'a', 0, 'x'};
    cr_assert_not(wire_parse_negotiate_version(trailing, sizeof trailing, &newest, &count, &first));
    /* length word disagrees */
    const uint8_t badlen[] = {'v', 0, 0, 0, 99, 0, 3, 0, 0, 0, 0, 0, 0};
    cr_assert_not(wire_parse_negotiate_version(badlen, sizeof badlen, &newest, &count, &first));
    const uint8_t ok[] = {'v', 0, 0, 0, 12, 0, 3, 0, 0, 0, 0, 0, 0};
    cr_assert(wire_parse_negotiate_version(ok, sizeof ok, &newest, &count, &first));
    cr_assert_eq(count, 0);
}
