/*
 * test_wire_messages.c: every builder through its parser, real captured
 * messages, and the malformed variants each parser must refuse.
 */
#include "protocol/frame.h"
#include "protocol/messages.h"

#include <criterion/criterion.h>
#include <string.h>

#define LIT(s) s, sizeof(s) - 1 /* a string literal's bytes, embedded NULs kept */

static uint8_t buf[4096];

/* Frames `body` as a message of `type` into buf; returns its total length. */
static size_t msg(uint8_t type, const void *body, size_t n)
{
    uint32_t len = (uint32_t)(n + 4);
    buf[0] = type;
    buf[1] = (uint8_t)(len >> 24);
    buf[2] = (uint8_t)(len >> 16);
    buf[3] = (uint8_t)(len >> 8);
    buf[4] = (uint8_t)len;
    if (n)
        memcpy(buf + 5, body, n);
    return n + 5;
}

/* The writer holds exactly one whole, correctly framed message. */
static void assert_one_frame(const struct wire_writer *w, enum wire_direction dir)
{
    struct wire_frame f;

    cr_assert(wire_writer_ok(w));
    cr_assert_eq(wire_frame_peek(dir, w->buf, w->len, w->len, WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_OK);
    cr_assert_eq(f.total, w->len);
}

/* ---- Query ---- */

Test(wire_query, round_trip)
{
    struct wire_writer w;
    const char *sql;
    size_t n;

    wire_writer_init(&w);
    wire_build_query(&w, "SELECT * FROM t WHERE a = 'x'");
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_query(w.buf, w.len, &sql, &n));
    cr_assert_str_eq(sql, "SELECT * FROM t WHERE a = 'x'");
    cr_assert_eq(n, strlen(sql));
    wire_writer_free(&w);
}

Test(wire_query, build_n_takes_prefix)
{
    struct wire_writer w;
    const char *sql;
    size_t n;

    wire_writer_init(&w);
    wire_build_query_n(&w, "SELECT 1; garbage", 8);
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_query(w.buf, w.len, &sql, &n));
    cr_assert_str_eq(sql, "SELECT 1");
    cr_assert_eq(n, 8);
    wire_writer_free(&w);
}

Test(wire_query, build_refuses_embedded_nul)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_query_n(&w, "SEL\0ECT", 7);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_query, real_bytes_and_empty)
{
    const char *sql;
    size_t n;

    size_t len = msg('Q', LIT("SELECT 1;\0"));
    cr_assert(wire_parse_query(buf, len, &sql, &n));
    cr_assert_str_eq(sql, "SELECT 1;");
    len = msg('Q', LIT("\0"));
    cr_assert(wire_parse_query(buf, len, &sql, &n));
    cr_assert_eq(n, 0);
}

Test(wire_query, malformed)
{
    const char *sql;
    size_t n;

    size_t len = msg('Q', LIT("SELECT 1"));
    cr_assert_not(wire_parse_query(buf, len, &sql, &n), "missing NUL");
    len = msg('Q', LIT("SELECT 1\0x"));
    cr_assert_not(wire_parse_query(buf, len, &sql, &n), "trailing garbage");
    len = msg('Q', LIT("SELECT 1\0\0"));
    cr_assert_not(wire_parse_query(buf, len, &sql, &n), "two NULs");
    len = msg('Q', NULL, 0);
    cr_assert_not(wire_parse_query(buf, len, &sql, &n), "empty body");
    len = msg('P', LIT("SELECT 1\0"));
    cr_assert_not(wire_parse_query(buf, len, &sql, &n), "wrong type");
    len = msg('Q', LIT("SELECT 1\0"));
    cr_assert_not(wire_parse_query(buf, len - 1, &sql, &n), "truncated");
    cr_assert_not(wire_parse_query(buf, 4, &sql, &n), "short header");
    cr_assert_not(wire_parse_query(buf, 0, &sql, &n), "nothing");
    buf[len] = 0;
    cr_assert_not(wire_parse_query(buf, len + 1, &sql, &n), "length field too small");
}

/* ---- Parse ---- */

Test(wire_parse_msg, round_trip_with_types)
{
    const uint8_t types[] = {0, 0, 0, 23, 0, 0, 0, 25};
    struct wire_writer w;
    struct wire_parse_msg p;

    wire_writer_init(&w);
    wire_build_parse(&w, "stmt1", "SELECT $1::int, $2", 18, 2, types);
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_parse(w.buf, w.len, &p));
    cr_assert_str_eq(p.name, "stmt1");
    cr_assert_str_eq(p.sql, "SELECT $1::int, $2");
    cr_assert_eq(p.sql_len, 18);
    cr_assert_eq(p.nparam_types, 2);
    cr_assert_arr_eq(p.param_types, types, 8);
    wire_writer_free(&w);
}

Test(wire_parse_msg, round_trip_unnamed_no_types)
{
    struct wire_writer w;
    struct wire_parse_msg p;

    wire_writer_init(&w);
    wire_build_parse(&w, "", "SELECT 1", 8, 0, NULL);
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_parse(w.buf, w.len, &p));
    cr_assert_str_eq(p.name, "");
    cr_assert_eq(p.nparam_types, 0);
    /* The exact bytes libpq sends for PQprepare(conn, "", "SELECT 1", 0, NULL). */
    size_t len = msg('P', LIT("\0SELECT 1\0\0\0"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);
}

Test(wire_parse_msg, malformed)
{
    struct wire_parse_msg p;

    size_t len = msg('P', LIT("\0SELECT 1\0\0\1"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "1 type announced, none given");
    len = msg('P', LIT("\0SELECT 1\0\0\1\0\0\0"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "type truncated");
    len = msg('P', LIT("\0SELECT 1\0\0\0\0"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "trailing garbage");
    len = msg('P', LIT("\0SELECT 1\0\0"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "count truncated");
    len = msg('P', LIT("\0SELECT 1"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "sql missing NUL");
    len = msg('P', LIT("stmt"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "name missing NUL");
    len = msg('P', LIT("\0SELECT 1\0\xff\xff"));
    cr_assert_not(wire_parse_parse(buf, len, &p), "65535 types announced");
}

/* ---- SASLInitialResponse / SASLResponse / PasswordMessage ---- */

/* ---- Bind, Describe/Close, Execute (the SUBSCRIBE cursor's batches) ---- */

Test(wire_bind, libpq_bytes)
{
    struct wire_bind_msg b;
    /* PQexecPrepared(conn, "s1", 2, {"12", NULL}, NULL, NULL, 0): portal "", one text param
     * format, two values (one NULL), one text result format. */
    size_t len = msg('B', LIT("\0s1\0\0\1\0\0\0\2\0\0\0\00212\xff\xff\xff\xff\0\1\0\0"));
    cr_assert(wire_parse_bind(buf, len, &b));
    cr_assert_str_eq(b.portal, "");
    cr_assert_str_eq(b.statement, "s1");
    cr_assert_eq(b.nparam_formats, 1);
    cr_assert_eq(wire_bind_format(b.param_formats, 0), 0);
    cr_assert_eq(b.nparams, 2);
    cr_assert_eq(b.nresult_formats, 1);
    cr_assert_eq(wire_bind_format(b.result_formats, 0), 0);
    len = msg('B', LIT("p\0\0\0\0\0\0\0\2\0\1\xff\xfe"));
    cr_assert(wire_parse_bind(buf, len, &b));
    cr_assert_str_eq(b.portal, "p");
    cr_assert_eq(b.nresult_formats, 2);
    cr_assert_eq(wire_bind_format(b.result_formats, 0), 1);
    cr_assert_eq(wire_bind_format(b.result_formats, 1), -2);
}

Test(wire_bind, malformed)
{
    struct wire_bind_msg b;
    size_t len = msg('B', LIT("\0\0\0\0\0\1\0\0\0\5ab"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "value shorter than its length");
    len = msg('B', LIT("\0\0\0\0\0\1\xff\xff\xff\xfe\0\0"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "length -2");
    len = msg('B', LIT("\0\0\0\0\0\0\0\0x"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "trailing garbage");
    len = msg('B', LIT("\0\0\0\0\0\0\0\1\0"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "result format truncated");
    len = msg('B', LIT("\0\0\0\2\0\0"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "param formats truncated");
    len = msg('B', LIT("\0s1"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "statement missing NUL");
    len = msg('E', LIT("\0\0\0\0\0\0\0\0"));
    cr_assert_not(wire_parse_bind(buf, len, &b), "not a Bind");
}

Test(wire_target, describe_and_close)
{
    uint8_t kind;
    const char *name;
    size_t len = msg('D', LIT("Sstmt\0"));
    cr_assert(wire_parse_target(buf, len, &kind, &name));
    cr_assert_eq(kind, 'S');
    cr_assert_str_eq(name, "stmt");
    len = msg('C', LIT("P\0"));
    cr_assert(wire_parse_target(buf, len, &kind, &name));
    cr_assert_eq(kind, 'P');
    cr_assert_str_eq(name, "");
    len = msg('D', LIT("X\0"));
    cr_assert_not(wire_parse_target(buf, len, &kind, &name), "kind neither S nor P");
    len = msg('D', LIT("Sa\0b"));
    cr_assert_not(wire_parse_target(buf, len, &kind, &name), "trailing garbage");
    len = msg('D', LIT("S"));
    cr_assert_not(wire_parse_target(buf, len, &kind, &name), "name missing");
    len = msg('Q', LIT("S\0"));
    cr_assert_not(wire_parse_target(buf, len, &kind, &name), "not Describe or Close");
}

Test(wire_execute, unnamed_and_malformed)
{
    const char *portal;
    int32_t max_rows;
    size_t len = msg('E', LIT("\0\0\0\0\0"));
    cr_assert(wire_parse_execute(buf, len, &portal, &max_rows));
    cr_assert_str_eq(portal, "");
    cr_assert_eq(max_rows, 0);
    len = msg('E', LIT("c\0\0\0\0\x0a"));
    cr_assert(wire_parse_execute(buf, len, &portal, &max_rows));
    cr_assert_str_eq(portal, "c");
    cr_assert_eq(max_rows, 10);
    len = msg('E', LIT("\0\0\0"));
    cr_assert_not(wire_parse_execute(buf, len, &portal, &max_rows), "row limit truncated");
    len = msg('E', LIT("\0\0\0\0\0\0"));
    cr_assert_not(wire_parse_execute(buf, len, &portal, &max_rows), "trailing garbage");
}

Test(wire_sasl_initial, round_trip)
{
    const char first[] = "n,,n=,r=rOprNGfwEbeRWgbNEkqO";
    struct wire_writer w;
    const char *mech;
    const uint8_t *data;
    int32_t n;

    wire_writer_init(&w);
    wire_build_sasl_initial(&w, "SCRAM-SHA-256", (const uint8_t *)first, strlen(first));
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_sasl_initial(w.buf, w.len, &mech, &data, &n));
    cr_assert_str_eq(mech, "SCRAM-SHA-256");
    cr_assert_eq(n, (int32_t)strlen(first));
    cr_assert_arr_eq(data, first, strlen(first));
    wire_writer_free(&w);
}

Test(wire_sasl_initial, no_data_is_minus_one)
{
    struct wire_writer w;
    const char *mech;
    const uint8_t *data = (const uint8_t *)"x";
    int32_t n;

    wire_writer_init(&w);
    wire_build_sasl_initial(&w, "PLAIN", NULL, 0);
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_sasl_initial(w.buf, w.len, &mech, &data, &n));
    cr_assert_eq(n, -1);
    cr_assert_null(data);
    wire_writer_free(&w);
}

Test(wire_sasl_initial, malformed)
{
    const char *mech;
    const uint8_t *data;
    int32_t n;

    size_t len = msg('p', LIT("SCRAM-SHA-256\0\0\0\0\5abcd"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "data short");
    len = msg('p', LIT("SCRAM-SHA-256\0\0\0\0\3abcd"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "data long");
    len = msg('p', LIT("SCRAM-SHA-256\0\xff\xff\xff\xfe"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "length -2");
    len = msg('p', LIT("SCRAM-SHA-256\0\xff\xff\xff\xff"
                       "x"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "-1 then bytes");
    len = msg('p', LIT("SCRAM-SHA-256\0\0\0"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "length truncated");
    len = msg('p', LIT("SCRAM-SHA-256"));
    cr_assert_not(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "name missing NUL");
    len = msg('p', LIT("SCRAM-SHA-256\0\0\0\0\0"));
    cr_assert(wire_parse_sasl_initial(buf, len, &mech, &data, &n), "zero-length data");
    cr_assert_eq(n, 0);
}

Test(wire_sasl_response, exact_bytes)
{
    const char final[] = "c=biws,r=abc,p=xyz";
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_sasl_response(&w, (const uint8_t *) final, strlen(final));
    assert_one_frame(&w, WIRE_FRONTEND);
    size_t len = msg('p', LIT("c=biws,r=abc,p=xyz"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);
}

Test(wire_password, round_trip_and_malformed)
{
    struct wire_writer w;
    const char *pw;

    wire_writer_init(&w);
    wire_build_password(&w, "md5a3556571e93b0d20722ba62be61e8c2d");
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert(wire_parse_password(w.buf, w.len, &pw));
    cr_assert_str_eq(pw, "md5a3556571e93b0d20722ba62be61e8c2d");
    wire_writer_free(&w);

    size_t len = msg('p', LIT("secret"));
    cr_assert_not(wire_parse_password(buf, len, &pw));
    len = msg('p', LIT("secret\0x"));
    cr_assert_not(wire_parse_password(buf, len, &pw));
    len = msg('Q', LIT("secret\0"));
    cr_assert_not(wire_parse_password(buf, len, &pw));
}

/* ---- Authentication ---- */

/* AuthenticationSASL as PostgreSQL sends it over TLS. */
static const uint8_t real_auth_sasl[] = "R\0\0\0\x2a\0\0\0\x0aSCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0";
#define REAL_AUTH_SASL_LEN (sizeof(real_auth_sasl)) /* the literal's own NUL ends the list */

Test(wire_auth, real_sasl_offer)
{
    int32_t code;
    const uint8_t *data;
    size_t n;
    struct wire_sasl_mechs m;
    struct wire_frame f;

    cr_assert_eq(REAL_AUTH_SASL_LEN, 43);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, real_auth_sasl, REAL_AUTH_SASL_LEN,
                                 REAL_AUTH_SASL_LEN, 1024, &f),
                 WIRE_FRAME_OK);
    cr_assert_eq(f.total, REAL_AUTH_SASL_LEN);
    cr_assert(wire_parse_auth(real_auth_sasl, REAL_AUTH_SASL_LEN, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_SASL);
    cr_assert_eq(n, 34);
    cr_assert(wire_parse_sasl_mechs(real_auth_sasl, REAL_AUTH_SASL_LEN, &m));
    cr_assert_eq(m.n, 2);
    cr_assert_str_eq(m.names[0], "SCRAM-SHA-256-PLUS");
    cr_assert_str_eq(m.names[1], "SCRAM-SHA-256");
}

Test(wire_auth, rewrite_without_plus)
{
    struct wire_writer w;
    struct wire_sasl_mechs m;

    wire_writer_init(&w);
    cr_assert(wire_rewrite_sasl_mechs_without_plus(real_auth_sasl, REAL_AUTH_SASL_LEN, &w));
    assert_one_frame(&w, WIRE_BACKEND);
    size_t len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256\0\0"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    cr_assert(wire_parse_sasl_mechs(w.buf, w.len, &m));
    cr_assert_eq(m.n, 1);
    cr_assert_str_eq(m.names[0], "SCRAM-SHA-256");
    wire_writer_free(&w);
}

Test(wire_auth, rewrite_keeps_order_and_non_plus)
{
    const char *const mechs[] = {"A", "B-PLUS", "C", "-PLUS", "PLUS", "D-PLUSX"};
    struct wire_writer in, out;
    struct wire_sasl_mechs m;

    wire_writer_init(&in);
    wire_writer_init(&out);
    wire_build_auth_sasl(&in, mechs, 6);
    cr_assert(wire_writer_ok(&in));
    cr_assert(wire_rewrite_sasl_mechs_without_plus(in.buf, in.len, &out));
    cr_assert(wire_parse_sasl_mechs(out.buf, out.len, &m));
    cr_assert_eq(m.n, 4);
    cr_assert_str_eq(m.names[0], "A");
    cr_assert_str_eq(m.names[1], "C");
    cr_assert_str_eq(m.names[2], "PLUS");
    cr_assert_str_eq(m.names[3], "D-PLUSX");
    wire_writer_free(&in);
    wire_writer_free(&out);
}

Test(wire_auth, rewrite_refuses_malformed_or_all_plus)
{
    struct wire_writer w;

    wire_writer_init(&w);
    size_t len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256-PLUS\0\0"));
    cr_assert_not(wire_rewrite_sasl_mechs_without_plus(buf, len, &w));
    len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256\0"));
    cr_assert_not(wire_rewrite_sasl_mechs_without_plus(buf, len, &w));
    len = msg('R', LIT("\0\0\0\x0bSCRAM-SHA-256\0\0"));
    cr_assert_not(wire_rewrite_sasl_mechs_without_plus(buf, len, &w));
    cr_assert_eq(w.len, 0, "nothing appended on failure");
    wire_writer_free(&w);
}

Test(wire_auth, simple_codes_round_trip)
{
    struct wire_writer w;
    int32_t code;
    const uint8_t *data;
    size_t n;

    wire_writer_init(&w);
    wire_build_auth_ok(&w);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_auth(w.buf, w.len, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_OK);
    cr_assert_eq(n, 0);
    size_t len = msg('R', LIT("\0\0\0\0"));
    cr_assert_arr_eq(w.buf, buf, len);

    wire_writer_reset(&w);
    wire_build_auth_cleartext(&w);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_auth(w.buf, w.len, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_CLEARTEXT);
    cr_assert_eq(n, 0);

    const uint8_t salt[4] = {0xde, 0xad, 0xbe, 0xef};
    wire_writer_reset(&w);
    wire_build_auth_md5(&w, salt);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_auth(w.buf, w.len, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_MD5);
    cr_assert_eq(n, 4);
    cr_assert_arr_eq(data, salt, 4);
    wire_writer_free(&w);
}

Test(wire_auth, sasl_continue_and_final_round_trip)
{
    const char cont[] = "r=abc,s=c2FsdA==,i=4096";
    const char fin[] = "v=c2lnbmF0dXJl";
    struct wire_writer w;
    int32_t code;
    const uint8_t *data;
    size_t n;

    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)cont, strlen(cont));
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_auth(w.buf, w.len, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_SASL_CONTINUE);
    cr_assert_eq(n, strlen(cont));
    cr_assert_arr_eq(data, cont, n);

    wire_writer_reset(&w);
    wire_build_auth_sasl_final(&w, (const uint8_t *)fin, strlen(fin));
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_auth(w.buf, w.len, &code, &data, &n));
    cr_assert_eq(code, WIRE_AUTH_SASL_FINAL);
    cr_assert_arr_eq(data, fin, strlen(fin));
    wire_writer_free(&w);
}

Test(wire_auth, sasl_round_trip)
{
    const char *const mechs[] = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"};
    struct wire_writer w;
    struct wire_sasl_mechs m;

    wire_writer_init(&w);
    wire_build_auth_sasl(&w, mechs, 2);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert_eq(w.len, REAL_AUTH_SASL_LEN);
    cr_assert_arr_eq(w.buf, real_auth_sasl, REAL_AUTH_SASL_LEN);
    cr_assert(wire_parse_sasl_mechs(w.buf, w.len, &m));
    cr_assert_eq(m.n, 2);
    wire_writer_free(&w);
}

Test(wire_auth, sasl_build_refuses_empty_name)
{
    const char *const mechs[] = {"SCRAM-SHA-256", ""};
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_auth_sasl(&w, mechs, 2);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_auth, malformed)
{
    int32_t code;
    const uint8_t *data;
    size_t n;

    size_t len = msg('R', LIT("\0\0\0"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "code truncated");
    len = msg('R', LIT("\0\0\0\0x"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "AuthOK with data");
    len = msg('R', LIT("\0\0\0\3x"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "cleartext with data");
    len = msg('R', LIT("\0\0\0\5abc"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "md5 salt short");
    len = msg('R', LIT("\0\0\0\5abcde"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "md5 salt long");
    len = msg('R', LIT("\0\0\0\x0aSCRAM"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "sasl no NUL");
    len = msg('R', LIT("\0\0\0\x0a"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "sasl empty");
    len = msg('E', LIT("\0\0\0\0"));
    cr_assert_not(wire_parse_auth(buf, len, &code, &data, &n), "wrong type");
}

Test(wire_sasl_mechs, malformed)
{
    struct wire_sasl_mechs m;

    size_t len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256\0"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "missing list terminator");
    len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "name missing NUL");
    len = msg('R', LIT("\0\0\0\x0a\0"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "no mechanisms");
    len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256\0\0x"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "trailing garbage");
    len = msg('R', LIT("\0\0\0\x0aSCRAM-SHA-256\0\0\0"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "extra terminator");
    len = msg('R', LIT("\0\0\0\x0bSCRAM-SHA-256\0\0"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "not AuthenticationSASL");
    len = msg('R', LIT("\0\0\0\x0a"
                       "a\0b\0c\0d\0e\0f\0g\0h\0\0"));
    cr_assert(wire_parse_sasl_mechs(buf, len, &m), "exactly 8");
    cr_assert_eq(m.n, WIRE_SASL_MAX_MECHS);
    cr_assert_str_eq(m.names[7], "h");
    len = msg('R', LIT("\0\0\0\x0a"
                       "a\0b\0c\0d\0e\0f\0g\0h\0i\0\0"));
    cr_assert_not(wire_parse_sasl_mechs(buf, len, &m), "9 is too many");
}

/* ---- ParameterStatus, BackendKeyData, ReadyForQuery, CommandComplete ---- */

Test(wire_param_status, round_trip_real_and_malformed)
{
    struct wire_writer w;
    const char *name, *value;

    wire_writer_init(&w);
    wire_build_parameter_status(&w, "server_version", "9.5.0");
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_parameter_status(w.buf, w.len, &name, &value));
    cr_assert_str_eq(name, "server_version");
    cr_assert_str_eq(value, "9.5.0");
    size_t len = msg('S', LIT("server_version\0"
                              "9.5.0\0"));
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);

    len = msg('S', LIT("TimeZone\0"));
    cr_assert_not(wire_parse_parameter_status(buf, len, &name, &value), "no value");
    len = msg('S', LIT("TimeZone\0UTC"));
    cr_assert_not(wire_parse_parameter_status(buf, len, &name, &value), "value missing NUL");
    len = msg('S', LIT("TimeZone\0UTC\0\0"));
    cr_assert_not(wire_parse_parameter_status(buf, len, &name, &value), "trailing");
    len = msg('S', LIT("\0\0"));
    cr_assert(wire_parse_parameter_status(buf, len, &name, &value), "empty strings are fine");
}

Test(wire_backend_key, round_trip_and_malformed)
{
    struct wire_writer w;
    uint32_t pid, key;

    wire_writer_init(&w);
    wire_build_backend_key(&w, 4242, 0xfeedface);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert_eq(w.len, 13);
    cr_assert(wire_parse_backend_key(w.buf, w.len, &pid, &key));
    cr_assert_eq(pid, 4242);
    cr_assert_eq(key, 0xfeedface);
    wire_writer_free(&w);

    size_t len = msg('K', LIT("\0\0\0\1\0\0\0"));
    cr_assert_not(wire_parse_backend_key(buf, len, &pid, &key), "short");
    len = msg('K', LIT("\0\0\0\1\0\0\0\2\0"));
    cr_assert_not(wire_parse_backend_key(buf, len, &pid, &key), "long");
}

Test(wire_ready, round_trip_each_status)
{
    const uint8_t st[] = {WIRE_TX_IDLE, WIRE_TX_BLOCK, WIRE_TX_FAILED};
    struct wire_writer w;
    uint8_t s;

    wire_writer_init(&w);
    for (size_t i = 0; i < 3; i++) {
        wire_writer_reset(&w);
        wire_build_ready(&w, st[i]);
        assert_one_frame(&w, WIRE_BACKEND);
        cr_assert(wire_parse_ready(w.buf, w.len, &s));
        cr_assert_eq(s, st[i]);
    }
    const uint8_t real[] = {'Z', 0, 0, 0, 5, 'I'};
    wire_writer_reset(&w);
    wire_build_ready(&w, 'I');
    cr_assert_arr_eq(w.buf, real, sizeof(real));
    wire_writer_free(&w);
}

Test(wire_ready, malformed)
{
    uint8_t s;

    size_t len = msg('Z', LIT("X"));
    cr_assert_not(wire_parse_ready(buf, len, &s), "bad status");
    len = msg('Z', NULL, 0);
    cr_assert_not(wire_parse_ready(buf, len, &s), "no status");
    len = msg('Z', LIT("II"));
    cr_assert_not(wire_parse_ready(buf, len, &s), "two bytes");
}

Test(wire_command_complete, round_trip_and_malformed)
{
    struct wire_writer w;
    const char *tag;

    wire_writer_init(&w);
    wire_build_command_complete(&w, "INSERT 0 5");
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_command_complete(w.buf, w.len, &tag));
    cr_assert_str_eq(tag, "INSERT 0 5");
    wire_writer_free(&w);

    size_t len = msg('C', LIT("SELECT 1"));
    cr_assert_not(wire_parse_command_complete(buf, len, &tag));
    len = msg('C', LIT("SELECT 1\0!"));
    cr_assert_not(wire_parse_command_complete(buf, len, &tag));
}

/* ---- ErrorResponse / NoticeResponse ---- */

Test(wire_error, real_postgres_error)
{
    struct wire_error_fields e;

    size_t len = msg('E', LIT("SERROR\0VERROR\0C42P01\0Mrelation \"nope\" does not exist\0P15\0"
                              "Fparse_relation.c\0L1392\0RparserOpenTable\0\0"));
    cr_assert(wire_parse_error(buf, len, &e));
    cr_assert_str_eq(e.severity, "ERROR");
    cr_assert_str_eq(e.severity_nl, "ERROR");
    cr_assert_str_eq(e.sqlstate, "42P01");
    cr_assert_str_eq(e.message, "relation \"nope\" does not exist");
    cr_assert_null(e.detail);
    cr_assert_null(e.hint);
}

Test(wire_error, error_round_trip_with_detail_hint)
{
    struct wire_writer w;
    struct wire_error_fields e;

    wire_writer_init(&w);
    wire_build_error(&w, "FATAL", "ZC001", "route unavailable", "no backend", "retry later");
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert_eq(w.buf[0], 'E');
    cr_assert(wire_parse_error(w.buf, w.len, &e));
    cr_assert_str_eq(e.severity, "FATAL");
    cr_assert_str_eq(e.severity_nl, "FATAL");
    cr_assert_str_eq(e.sqlstate, "ZC001");
    cr_assert_str_eq(e.message, "route unavailable");
    cr_assert_str_eq(e.detail, "no backend");
    cr_assert_str_eq(e.hint, "retry later");
    wire_writer_free(&w);
}

Test(wire_error, notice_round_trip_without_optional)
{
    struct wire_writer w;
    struct wire_error_fields e;

    wire_writer_init(&w);
    wire_build_notice(&w, "NOTICE", "00000", "held at barrier", NULL, NULL);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert_eq(w.buf[0], 'N');
    cr_assert(wire_parse_error(w.buf, w.len, &e));
    cr_assert_str_eq(e.severity, "NOTICE");
    cr_assert_str_eq(e.message, "held at barrier");
    cr_assert_null(e.detail);
    cr_assert_null(e.hint);
    size_t len = msg('N', LIT("SNOTICE\0VNOTICE\0C00000\0Mheld at barrier\0\0"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);
}

Test(wire_error, malformed)
{
    struct wire_error_fields e;

    size_t len = msg('E', LIT("SERROR\0"));
    cr_assert_not(wire_parse_error(buf, len, &e), "no terminator");
    len = msg('E', LIT("SERROR"));
    cr_assert_not(wire_parse_error(buf, len, &e), "field missing NUL");
    len = msg('E', LIT("SERROR\0\0x"));
    cr_assert_not(wire_parse_error(buf, len, &e), "trailing garbage");
    len = msg('E', LIT("S"));
    cr_assert_not(wire_parse_error(buf, len, &e), "code without value");
    len = msg('E', NULL, 0);
    cr_assert_not(wire_parse_error(buf, len, &e), "empty body");
    len = msg('Z', LIT("\0"));
    cr_assert_not(wire_parse_error(buf, len, &e), "wrong type");
    len = msg('E', LIT("\0"));
    cr_assert(wire_parse_error(buf, len, &e), "no fields is well formed");
    cr_assert_null(e.message);
}

/* ---- RowDescription / DataRow ---- */

Test(wire_row_description, round_trip)
{
    const struct wire_field in[] = {
        {"mz_timestamp", 0, 0, 1700, -1, 0x00260006, 0},
        {"mz_diff", 0, 0, 20, 8, -1, 0},
        {"", 16384, 3, 25, -1, -1, 1},
    };
    struct wire_field out[3];
    struct wire_writer w;
    uint16_t n;

    wire_writer_init(&w);
    wire_build_row_description(&w, in, 3);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_row_description(w.buf, w.len, out, 3, &n));
    cr_assert_eq(n, 3);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_str_eq(out[i].name, in[i].name);
        cr_assert_eq(out[i].table_oid, in[i].table_oid);
        cr_assert_eq(out[i].column, in[i].column);
        cr_assert_eq(out[i].type_oid, in[i].type_oid);
        cr_assert_eq(out[i].type_len, in[i].type_len);
        cr_assert_eq(out[i].type_mod, in[i].type_mod);
        cr_assert_eq(out[i].format, in[i].format);
    }
    /* Fewer slots than fields: count reported, only the first filled. */
    struct wire_field one[1];
    cr_assert(wire_parse_row_description(w.buf, w.len, one, 1, &n));
    cr_assert_eq(n, 3);
    cr_assert_str_eq(one[0].name, "mz_timestamp");
    cr_assert(wire_parse_row_description(w.buf, w.len, NULL, 0, &n));
    cr_assert_eq(n, 3);
    wire_writer_free(&w);
}

Test(wire_row_description, real_select_one)
{
    /* SELECT 1 AS x: one int4 column. */
    struct wire_field f[1];
    uint16_t n;
    size_t len = msg('T', LIT("\0\1x\0\0\0\0\0\0\0\0\0\0\x17\0\4\xff\xff\xff\xff\0\0"));

    cr_assert(wire_parse_row_description(buf, len, f, 1, &n));
    cr_assert_eq(n, 1);
    cr_assert_str_eq(f[0].name, "x");
    cr_assert_eq(f[0].type_oid, 23);
    cr_assert_eq(f[0].type_len, 4);
    cr_assert_eq(f[0].type_mod, -1);
}

Test(wire_row_description, malformed)
{
    struct wire_field f[2];
    uint16_t n;

    size_t len = msg('T', LIT("\0\1x\0\0\0\0\0\0\0\0\0\0\x17\0\4\xff\xff\xff\xff\0"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "field truncated");
    len = msg('T', LIT("\0\2x\0\0\0\0\0\0\0\0\0\0\x17\0\4\xff\xff\xff\xff\0\0"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "count too high");
    len = msg('T', LIT("\0\1x\0\0\0\0\0\0\0\0\0\0\x17\0\4\xff\xff\xff\xff\0\0z"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "trailing garbage");
    len = msg('T', LIT("\0\1x"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "name missing NUL");
    len = msg('T', LIT("\0"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "count truncated");
    len = msg('T', LIT("\x06\x81"));
    cr_assert_not(wire_parse_row_description(buf, len, f, 2, &n), "1665 fields");
    len = msg('T', LIT("\0\0"));
    cr_assert(wire_parse_row_description(buf, len, f, 2, &n), "zero fields");
    cr_assert_eq(n, 0);
}

Test(wire_data_row, round_trip_with_null_and_empty)
{
    const struct wire_column in[] = {{(const uint8_t *)"42", 2},
                                     {NULL, -1},
                                     {(const uint8_t *)"", 0},
                                     {(const uint8_t *)"\0\1", 2}};
    struct wire_column out[4];
    struct wire_writer w;
    uint16_t n;

    wire_writer_init(&w);
    wire_build_data_row(&w, in, 4);
    assert_one_frame(&w, WIRE_BACKEND);
    cr_assert(wire_parse_data_row(w.buf, w.len, out, 4, &n));
    cr_assert_eq(n, 4);
    cr_assert_eq(out[0].len, 2);
    cr_assert_arr_eq(out[0].value, "42", 2);
    cr_assert_eq(out[1].len, -1);
    cr_assert_null(out[1].value);
    cr_assert_eq(out[2].len, 0);
    cr_assert_not_null(out[2].value);
    cr_assert_eq(out[3].len, 2);
    cr_assert_arr_eq(out[3].value, "\0\1", 2);
    size_t len = msg('D', LIT("\0\4\0\0\0\2"
                              "42\xff\xff\xff\xff\0\0\0\0\0\0\0\2\0\1"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);
}

Test(wire_data_row, malformed)
{
    struct wire_column c[2];
    uint16_t n;

    size_t len = msg('D', LIT("\0\1\0\0\0\3ab"));
    cr_assert_not(wire_parse_data_row(buf, len, c, 2, &n), "value short");
    len = msg('D', LIT("\0\1\0\0\0\1ab"));
    cr_assert_not(wire_parse_data_row(buf, len, c, 2, &n), "value long");
    len = msg('D', LIT("\0\1\xff\xff\xff\xfe"));
    cr_assert_not(wire_parse_data_row(buf, len, c, 2, &n), "length -2");
    len = msg('D', LIT("\0\2\xff\xff\xff\xff"));
    cr_assert_not(wire_parse_data_row(buf, len, c, 2, &n), "count too high");
    len = msg('D', LIT("\0"));
    cr_assert_not(wire_parse_data_row(buf, len, c, 2, &n), "count truncated");
    len = msg('D', LIT("\0\3\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"));
    cr_assert(wire_parse_data_row(buf, len, c, 2, &n), "more columns than slots");
    cr_assert_eq(n, 3);
}

/* ---- the rest of the builders ---- */

Test(wire_builders, fixed_messages_exact_bytes)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_terminate(&w);
    wire_build_sync(&w);
    wire_build_empty_query(&w);
    wire_build_copy_done(&w);
    cr_assert(wire_writer_ok(&w));
    const uint8_t want[] = {'X', 0, 0, 0, 4, 'S', 0, 0, 0, 4, 'I', 0, 0, 0, 4, 'c', 0, 0, 0, 4};
    cr_assert_eq(w.len, sizeof(want));
    cr_assert_arr_eq(w.buf, want, sizeof(want));
    wire_writer_free(&w);
}

Test(wire_builders, copy_data)
{
    struct wire_writer w;
    struct wire_frame f;

    wire_writer_init(&w);
    wire_build_copy_data(&w, (const uint8_t *)"1\t2\n", 4);
    assert_one_frame(&w, WIRE_FRONTEND);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, w.buf, w.len, w.len, 1024, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.type, 'd');
    size_t len = msg('d', LIT("1\t2\n"));
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_free(&w);
}

Test(wire_builders, sticky_failure_across_builders)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_command_complete(&w, NULL);
    wire_build_ready(&w, 'I');
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_row_description, field_count_limit)
{
    static struct wire_field many[WIRE_MAX_FIELDS + 1];
    struct wire_writer w;
    uint16_t n;

    for (size_t i = 0; i <= WIRE_MAX_FIELDS; i++)
        many[i] = (struct wire_field){"c", 0, 0, 23, 4, -1, 0};
    wire_writer_init(&w);
    wire_build_row_description(&w, many, WIRE_MAX_FIELDS);
    cr_assert(wire_writer_ok(&w));
    cr_assert(wire_parse_row_description(w.buf, w.len, NULL, 0, &n), "exactly the maximum");
    cr_assert_eq(n, WIRE_MAX_FIELDS);
    wire_writer_reset(&w);
    wire_build_row_description(&w, many, WIRE_MAX_FIELDS + 1);
    cr_assert(wire_writer_ok(&w));
    cr_assert_not(wire_parse_row_description(w.buf, w.len, NULL, 0, &n), "one over");
    wire_writer_free(&w);
}

Test(wire_data_row, build_null_only_by_negative_length)
{
    /* len 0 with no pointer is an empty value, not NULL; len > 0 without
     * bytes is misuse. */
    const struct wire_column empty[] = {{NULL, 0}};
    const struct wire_column bad[] = {{NULL, 3}};
    struct wire_writer w;

    wire_writer_init(&w);
    wire_build_data_row(&w, empty, 1);
    cr_assert(wire_writer_ok(&w));
    size_t len = msg('D', LIT("\0\1\0\0\0\0"));
    cr_assert_eq(w.len, len);
    cr_assert_arr_eq(w.buf, buf, len);
    wire_writer_reset(&w);
    wire_build_data_row(&w, bad, 1);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}
