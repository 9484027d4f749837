/*
 * test_subscribe_stmt.c: SUBSCRIBE statement analysis (forms, target,
 * options, clauses) and the upstream variants built from it.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/sqllex.h"
#include "protocol/subscribe/subscribe_stmt.h"

static struct substmt parse_ok(const char *sql)
{
    struct substmt st;
    enum substmt_result r = substmt_parse(sql, strlen(sql), &st);
    cr_assert_eq(r, SUBSTMT_OK, "not parsed: %s (%d)", sql, (int)r);
    return st;
}

static void span_is(const char *sql, struct substmt_span sp, const char *want)
{
    cr_assert_eq(sp.len, strlen(want), "span length %zu for \"%s\" in %s", sp.len, want, sql);
    cr_assert(!memcmp(sql + sp.off, want, sp.len), "span \"%.*s\" is not \"%s\"", (int)sp.len,
              sql + sp.off, want);
}

static char *build(const char *sql, const struct substmt_variant *v)
{
    struct substmt st = parse_ok(sql);
    size_t n;
    char *out = substmt_build(sql, &st, v, &n);
    cr_assert_not_null(out);
    cr_assert_eq(n, strlen(out));
    return out;
}

static void build_is(const char *sql, struct substmt_variant v, const char *want)
{
    char *out = build(sql, &v);
    cr_assert_str_eq(out, want);
    /* Every variant re-parses, in the plain form, with the options asked. */
    struct substmt st2 = parse_ok(out);
    cr_assert_eq(st2.form, SUBSTMT_FORM_PLAIN);
    if (v.progress != SUBSTMT_OPT_UNSET)
        cr_assert_eq(st2.progress, v.progress);
    if (v.snapshot != SUBSTMT_OPT_UNSET)
        cr_assert_eq(st2.snapshot, v.snapshot);
    if (v.set_as_of)
        cr_assert(st2.as_of.present && st2.as_of.numeric && st2.as_of.value == v.as_of);
    if (v.set_up_to)
        cr_assert(st2.up_to.present && st2.up_to.numeric && st2.up_to.value == v.up_to);
    free(out);
}

Test(substmt, plain_forms)
{
    const char *sql = "SUBSCRIBE mv";
    struct substmt st = parse_ok(sql);
    cr_assert_eq(st.form, SUBSTMT_FORM_PLAIN);
    span_is(sql, st.target, "mv");
    span_is(sql, st.statement, "SUBSCRIBE mv");
    cr_assert(!st.target_is_query);
    cr_assert(substmt_snapshot_on(&st));
    cr_assert(!substmt_progress_on(&st));
    cr_assert_eq(st.envelope, SUBSTMT_ENVELOPE_DEFAULT);

    sql = "  subscribe TO \"My Schema\".mv ;  -- trailing\n";
    st = parse_ok(sql);
    span_is(sql, st.target, "\"My Schema\".mv");
    span_is(sql, st.statement, "subscribe TO \"My Schema\".mv");

    sql = "SUBSCRIBE (SELECT a, (b) FROM t WHERE c = ')') WITH (PROGRESS)";
    st = parse_ok(sql);
    cr_assert(st.target_is_query);
    span_is(sql, st.target, "(SELECT a, (b) FROM t WHERE c = ')')");
    cr_assert_eq(st.progress, SUBSTMT_OPT_TRUE);

    sql = "SUBSCRIBE \"to\" WITH (PROGRESS)";
    st = parse_ok(sql);
    span_is(sql, st.target, "\"to\"");
    cr_assert_eq(st.progress, SUBSTMT_OPT_TRUE);
}

Test(substmt, copy_and_cursor)
{
    const char *sql = "COPY (SUBSCRIBE mv WITH (SNAPSHOT = false)) TO STDOUT";
    struct substmt st = parse_ok(sql);
    cr_assert_eq(st.form, SUBSTMT_FORM_COPY);
    span_is(sql, st.statement, "SUBSCRIBE mv WITH (SNAPSHOT = false)");
    cr_assert_eq(st.snapshot, SUBSTMT_OPT_FALSE);
    cr_assert(!st.binary);

    sql = "copy (subscribe (select 1)) to stdout with (format binary);";
    st = parse_ok(sql);
    cr_assert(st.binary);

    sql = "DECLARE \"C1\" NO SCROLL CURSOR WITH HOLD FOR SUBSCRIBE t UP TO 99";
    st = parse_ok(sql);
    cr_assert_eq(st.form, SUBSTMT_FORM_CURSOR);
    cr_assert_str_eq(st.cursor, "C1");
    span_is(sql, st.statement, "SUBSCRIBE t UP TO 99");
    cr_assert(st.up_to.present && st.up_to.numeric);
    cr_assert_eq(st.up_to.value, 99);

    sql = "declare c binary cursor for subscribe t";
    st = parse_ok(sql);
    cr_assert_str_eq(st.cursor, "c");
    cr_assert(st.binary);
}

Test(substmt, clauses)
{
    const char *sql = "SUBSCRIBE t ENVELOPE UPSERT (KEY (a, \"B\")) WITHIN TIMESTAMP ORDER BY a "
                      "DESC, b WITH (PROGRESS = true, SNAPSHOT off, foo = '1s') AS OF AT LEAST "
                      "mz_now() - 10 UP TO 1700000000000";
    struct substmt st = parse_ok(sql);
    cr_assert_eq(st.envelope, SUBSTMT_ENVELOPE_UPSERT);
    cr_assert_eq(st.key_columns, 2);
    span_is(sql, st.envelope_span, "ENVELOPE UPSERT (KEY (a, \"B\"))");
    span_is(sql, st.within, "WITHIN TIMESTAMP ORDER BY a DESC, b");
    span_is(sql, st.with, "WITH (PROGRESS = true, SNAPSHOT off, foo = '1s')");
    cr_assert_eq(st.noptions, 3);
    cr_assert_str_eq(st.options[2].name, "foo");
    span_is(sql, st.options[1].span, "SNAPSHOT off");
    cr_assert_eq(st.progress, SUBSTMT_OPT_TRUE);
    cr_assert_eq(st.snapshot, SUBSTMT_OPT_FALSE);
    cr_assert(st.as_of.present && st.as_of.at_least && !st.as_of.numeric);
    span_is(sql, st.as_of.expr, "mz_now() - 10");
    span_is(sql, st.as_of.span, "AS OF AT LEAST mz_now() - 10");
    cr_assert(st.up_to.numeric);
    cr_assert_eq(st.up_to.value, 1700000000000ull);

    sql = "SUBSCRIBE t ENVELOPE DEBEZIUM (KEY (id))";
    st = parse_ok(sql);
    cr_assert_eq(st.envelope, SUBSTMT_ENVELOPE_DEBEZIUM);
    cr_assert_eq(st.key_columns, 1);

    sql = "SUBSCRIBE t WITH (progress 'false', snapshot = 1)";
    st = parse_ok(sql);
    cr_assert_eq(st.progress, SUBSTMT_OPT_FALSE);
    cr_assert_eq(st.snapshot, SUBSTMT_OPT_TRUE);
}

Test(substmt, rejects)
{
    struct substmt st;
    const char *not_sub[] = {"SELECT 1",
                             "",
                             "COPY t TO STDOUT",
                             "DECLARE c CURSOR FOR SELECT 1",
                             "SUBSCRIBE t; SELECT 1",
                             "-- SUBSCRIBE t"};
    for (size_t i = 0; i < sizeof(not_sub) / sizeof(not_sub[0]); i++)
        cr_assert_eq(substmt_parse(not_sub[i], strlen(not_sub[i]), &st), SUBSTMT_NOT_SUBSCRIBE,
                     "%s", not_sub[i]);
    const char *unsup[] = {"SUBSCRIBE",
                           "SUBSCRIBE t WITH (PROGRESS, PROGRESS)",
                           "SUBSCRIBE t WITH (PROGRESS = maybe)",
                           "SUBSCRIBE t AS OF 1 AS OF 2",
                           "SUBSCRIBE t garbage",
                           "SUBSCRIBE (SELECT 1",
                           "SUBSCRIBE t AS OF 'unterminated",
                           "SUBSCRIBE t ENVELOPE UPSERT",
                           "COPY (SUBSCRIBE t) TO file",
                           "SUBSCRIBE t WITH (PROGRESS",
                           "SUBSCRIBE t UP TO",
                           "SUBSCRIBE to",
                           "SUBSCRIBE TO WITH (PROGRESS)"};
    for (size_t i = 0; i < sizeof(unsup) / sizeof(unsup[0]); i++)
        cr_assert_eq(substmt_parse(unsup[i], strlen(unsup[i]), &st), SUBSTMT_UNSUPPORTED, "%s",
                     unsup[i]);
    /* The text need not be NUL-terminated: a prefix is parsed alone. */
    const char *sql = "SUBSCRIBE t AS OF 12345";
    cr_assert_eq(substmt_parse(sql, strlen(sql) - 2, &st), SUBSTMT_OK);
    cr_assert_eq(st.as_of.value, 123);
}

Test(substmt, variants)
{
    struct substmt_variant none = {0};
    /* The round trip: no change keeps the client's bytes. */
    build_is("SUBSCRIBE  t /* c */ WITH (snapshot=false) ;", none,
             "SUBSCRIBE  t /* c */ WITH (snapshot=false)");
    build_is("COPY (SUBSCRIBE t) TO STDOUT", none, "SUBSCRIBE t");
    build_is("DECLARE c CURSOR FOR SUBSCRIBE (SELECT * FROM t)", none,
             "SUBSCRIBE (SELECT * FROM t)");

    struct substmt_variant prog = {.progress = SUBSTMT_OPT_TRUE};
    build_is("SUBSCRIBE t", prog, "SUBSCRIBE t WITH (PROGRESS = true)");
    build_is("SUBSCRIBE t WITH (SNAPSHOT = false)", prog,
             "SUBSCRIBE t WITH (SNAPSHOT = false, PROGRESS = true)");
    build_is("SUBSCRIBE t WITH (progress = false)", prog, "SUBSCRIBE t WITH (PROGRESS = true)");
    build_is("SUBSCRIBE t AS OF 5", prog, "SUBSCRIBE t WITH (PROGRESS = true) AS OF 5");
    build_is("SUBSCRIBE t UP TO 9", prog, "SUBSCRIBE t WITH (PROGRESS = true) UP TO 9");

    struct substmt_variant fresh = {
        .progress = SUBSTMT_OPT_TRUE, .snapshot = SUBSTMT_OPT_TRUE, .drop_as_of = true};
    build_is("COPY (SUBSCRIBE t WITH (SNAPSHOT false) AS OF AT LEAST 7 UP TO 99) TO STDOUT", fresh,
             "SUBSCRIBE t WITH (SNAPSHOT = true, PROGRESS = true)  UP TO 99");

    struct substmt_variant old_at = {.snapshot = SUBSTMT_OPT_TRUE,
                                     .set_as_of = true,
                                     .as_of = 41,
                                     .set_up_to = true,
                                     .up_to = 42};
    build_is("SUBSCRIBE t", old_at, "SUBSCRIBE t WITH (SNAPSHOT = true) AS OF 41 UP TO 42");
    build_is("SUBSCRIBE t UP TO mz_now() AS OF 3", old_at,
             "SUBSCRIBE t WITH (SNAPSHOT = true) UP TO 42 AS OF 41");
    build_is("SUBSCRIBE t AS OF 3 UP TO 4 -- note", old_at,
             "SUBSCRIBE t WITH (SNAPSHOT = true) AS OF 41 UP TO 42");
    build_is("SUBSCRIBE t WITH () UP TO 100", old_at,
             "SUBSCRIBE t WITH (SNAPSHOT = true) AS OF 41 UP TO 42");
    build_is("DECLARE c CURSOR FOR SUBSCRIBE t ENVELOPE UPSERT (KEY (k)) WITH (PROGRESS)", old_at,
             "SUBSCRIBE t ENVELOPE UPSERT (KEY (k)) WITH (PROGRESS, SNAPSHOT = true) AS OF 41 UP "
             "TO 42");

    struct substmt_variant drop = {.drop_up_to = true, .drop_as_of = true};
    build_is("SUBSCRIBE t AS OF 1 UP TO 2", drop, "SUBSCRIBE t");
}

/* The client's text, lexed, is covered exactly by the statement span plus
 * what surrounds it; the plain form's span is the text minus blanks and ;. */
Test(substmt, lexed_round_trip)
{
    const char *sql = "\n SUBSCRIBE t WITH (PROGRESS) -- x\n AS OF 1;\n";
    struct substmt st = parse_ok(sql);
    struct sqllex lx;
    struct sqllex_token tok;
    sqllex_init(&lx, sql, strlen(sql));
    size_t first = (size_t)-1, last = 0;
    while (sqllex_next(&lx, &tok)) {
        if (sqllex_is_blank(&tok) || (tok.kind == SQLLEX_PUNCT && sql[tok.offset] == ';'))
            continue;
        if (first == (size_t)-1)
            first = tok.offset;
        last = tok.offset + tok.length;
    }
    cr_assert_eq(st.statement.off, first);
    cr_assert_eq(st.statement.off + st.statement.len, last);
}
