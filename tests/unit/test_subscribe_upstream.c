/*
 * test_subscribe_upstream.c: the statement the proxy runs on the new
 * environment when it carries a SUBSCRIBE over a swap: the client's
 * statement in the plain form with PROGRESS and SNAPSHOT on and no AS OF
 * (the splice takes T from NEW's first progress row), the rest byte for
 * byte. How substmt_build() edits clauses is tested in test_subscribe_stmt.c;
 * these check the variant the proxy asks for.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "proxy/subscribe/subscribe_upstream.h"

static void expect(const char *client, const char *want)
{
    struct substmt st;
    cr_assert_eq(substmt_parse(client, strlen(client), &st), SUBSTMT_OK, "%s", client);
    char *got = subscribe_upstream_new_statement(client, &st);
    cr_assert_not_null(got, "%s", client);
    cr_expect_str_eq(got, want, "%s", client);
    /* What the proxy runs is itself a plain SUBSCRIBE with both options on. */
    struct substmt again;
    cr_assert_eq(substmt_parse(got, strlen(got), &again), SUBSTMT_OK, "%s", got);
    cr_expect_eq(again.form, SUBSTMT_FORM_PLAIN);
    cr_expect(substmt_progress_on(&again), "%s", got);
    cr_expect(substmt_snapshot_on(&again), "%s", got);
    cr_expect_not(again.as_of.present, "%s", got);
    free(got);
}

Test(subscribe_upstream_new_statement, plain_gets_both_options)
{
    expect("SUBSCRIBE analytics.v",
           "SUBSCRIBE analytics.v WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("  subscribe to t;  ", "subscribe to t WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("SUBSCRIBE t -- trailing comment",
           "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)");
}

Test(subscribe_upstream_new_statement, client_options_are_overridden_in_place)
{
    /* PROGRESS = false and SNAPSHOT = false are the client's view: NEW
     * needs its as-of row and its whole result. */
    expect("SUBSCRIBE t WITH (PROGRESS = false)",
           "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("SUBSCRIBE t WITH (SNAPSHOT, PROGRESS = true)",
           "SUBSCRIBE t WITH (SNAPSHOT = true, PROGRESS = true)");
    expect("SUBSCRIBE t with(snapshot)", "SUBSCRIBE t with(SNAPSHOT = true, PROGRESS = true)");
}

Test(subscribe_upstream_new_statement, as_of_is_dropped_up_to_kept)
{
    expect("SUBSCRIBE TO t WITH (SNAPSHOT = false) AS OF 5;",
           "SUBSCRIBE TO t WITH (SNAPSHOT = true, PROGRESS = true)");
    expect("SUBSCRIBE t AS OF AT LEAST 5", "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("SUBSCRIBE t UP TO 10", "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true) UP TO 10");
    expect("SUBSCRIBE t AS OF 5 UP TO 10",
           "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)  UP TO 10");
}

Test(subscribe_upstream_new_statement, query_and_envelope_are_the_clients)
{
    expect("SUBSCRIBE (WITH x AS (SELECT a FROM t) SELECT a AS b FROM x)",
           "SUBSCRIBE (WITH x AS (SELECT a FROM t) SELECT a AS b FROM x) "
           "WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("SUBSCRIBE t ENVELOPE UPSERT (KEY (k))",
           "SUBSCRIBE t ENVELOPE UPSERT (KEY (k)) WITH (PROGRESS = true, SNAPSHOT = true)");
}

Test(subscribe_upstream_new_statement, copy_and_cursor_forms_become_plain)
{
    expect("COPY (SUBSCRIBE (SELECT a FROM t WHERE b IN (1, 2))) TO STDOUT",
           "SUBSCRIBE (SELECT a FROM t WHERE b IN (1, 2)) WITH (PROGRESS = true, SNAPSHOT = true)");
    expect("COPY (SUBSCRIBE t WITH (SNAPSHOT false)) TO STDOUT WITH (FORMAT text)",
           "SUBSCRIBE t WITH (SNAPSHOT = true, PROGRESS = true)");
    expect("DECLARE c CURSOR FOR SUBSCRIBE t AS OF 3",
           "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)");
}
