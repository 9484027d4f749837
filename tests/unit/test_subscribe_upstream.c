/*
 * test_subscribe_upstream.c: the statement the proxy runs on the new
 * environment when it carries a SUBSCRIBE over a swap: the client's
 * statement in the plain form with PROGRESS forced, the rest byte for byte.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

#include "proxy/subscribe_upstream.h"

static void expect(const char *client, enum subscribe_form form, const char *want)
{
    char *got = subscribe_upstream_sql(client, form);
    if (want == NULL) {
        cr_expect_null(got, "%s -> %s", client, got ? got : "");
    } else {
        cr_assert_not_null(got, "%s", client);
        cr_expect_str_eq(got, want, "%s", client);
    }
    free(got);
}

Test(subscribe_upstream_sql, plain_gets_with_progress)
{
    expect("SUBSCRIBE analytics.v", SUBSCRIBE_FORM_PLAIN, "SUBSCRIBE analytics.v WITH (PROGRESS)");
    expect("  subscribe to t;  ", SUBSCRIBE_FORM_PLAIN, "subscribe to t WITH (PROGRESS)");
    expect("SUBSCRIBE t -- trailing comment", SUBSCRIBE_FORM_PLAIN, "SUBSCRIBE t WITH (PROGRESS)");
}

Test(subscribe_upstream_sql, existing_options_get_progress_first)
{
    expect("SUBSCRIBE TO t WITH (SNAPSHOT = false) AS OF 5;", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE TO t WITH (PROGRESS, SNAPSHOT = false) AS OF 5");
    expect("SUBSCRIBE t with(snapshot)", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE t with(PROGRESS, snapshot)");
}

Test(subscribe_upstream_sql, progress_already_there_is_kept)
{
    expect("SUBSCRIBE t WITH (PROGRESS)", SUBSCRIBE_FORM_PLAIN, "SUBSCRIBE t WITH (PROGRESS)");
    expect("SUBSCRIBE t WITH (SNAPSHOT, PROGRESS = true)", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE t WITH (SNAPSHOT, PROGRESS = true)");
    /* Forcing it would need a rewrite of the option list: not carried. */
    expect("SUBSCRIBE t WITH (PROGRESS = false)", SUBSCRIBE_FORM_PLAIN, NULL);
}

Test(subscribe_upstream_sql, options_go_before_as_of_and_up_to)
{
    expect("SUBSCRIBE t AS OF 5 UP TO 10", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE t WITH (PROGRESS) AS OF 5 UP TO 10");
    expect("SUBSCRIBE t UP TO 10", SUBSCRIBE_FORM_PLAIN, "SUBSCRIBE t WITH (PROGRESS) UP TO 10");
    expect("SUBSCRIBE t AS OF AT LEAST 5", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE t WITH (PROGRESS) AS OF AT LEAST 5");
}

Test(subscribe_upstream_sql, nested_query_is_left_alone)
{
    /* AS, WITH and parentheses inside the query are not the statement's. */
    expect("SUBSCRIBE (WITH x AS (SELECT a FROM t) SELECT a AS b FROM x)", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE (WITH x AS (SELECT a FROM t) SELECT a AS b FROM x) WITH (PROGRESS)");
    expect("SUBSCRIBE t ENVELOPE UPSERT (KEY (k))", SUBSCRIBE_FORM_PLAIN,
           "SUBSCRIBE t ENVELOPE UPSERT (KEY (k)) WITH (PROGRESS)");
}

Test(subscribe_upstream_sql, copy_and_cursor_forms_become_plain)
{
    expect("COPY (SUBSCRIBE (SELECT a FROM t WHERE b IN (1, 2))) TO STDOUT", SUBSCRIBE_FORM_COPY,
           "SUBSCRIBE (SELECT a FROM t WHERE b IN (1, 2)) WITH (PROGRESS)");
    expect("COPY (SUBSCRIBE t WITH (SNAPSHOT false)) TO STDOUT WITH (FORMAT text)",
           SUBSCRIBE_FORM_COPY, "SUBSCRIBE t WITH (PROGRESS, SNAPSHOT false)");
    expect("DECLARE c CURSOR FOR SUBSCRIBE t AS OF 3", SUBSCRIBE_FORM_CURSOR,
           "SUBSCRIBE t WITH (PROGRESS) AS OF 3");
}

Test(subscribe_upstream_sql, not_a_subscribe)
{
    expect("SELECT 1", SUBSCRIBE_FORM_PLAIN, NULL);
    expect("", SUBSCRIBE_FORM_PLAIN, NULL);
    /* A quoted name that reads "subscribe" is not the keyword. */
    expect("SELECT * FROM \"subscribe\"", SUBSCRIBE_FORM_PLAIN, NULL);
}
