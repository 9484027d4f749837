/*
 * test_sqlclassify.c: statement kinds, statement iteration and swap names.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "protocol/sqlclassify.h"

static void kind(const char *s, enum sql_statement_kind want)
{
    enum sql_statement_kind got = sql_classify(s, strlen(s));
    cr_assert_eq(got, want, "%s: got %s want %s", s, sql_statement_kind_name(got),
                 sql_statement_kind_name(want));
}

Test(sqlclassify, transaction_control)
{
    kind("BEGIN", SQL_STMT_BEGIN);
    kind("  /* c */ begin isolation level serializable;", SQL_STMT_BEGIN);
    kind("START TRANSACTION READ ONLY", SQL_STMT_BEGIN);
    kind("COMMIT", SQL_STMT_COMMIT);
    kind("end", SQL_STMT_COMMIT);
    kind("ROLLBACK", SQL_STMT_ROLLBACK);
    kind("abort work", SQL_STMT_ROLLBACK);
    kind("ROLLBACK TO SAVEPOINT s", SQL_STMT_OTHER);
    kind("ROLLBACK WORK TO s", SQL_STMT_OTHER);
    kind("START", SQL_STMT_OTHER);
}

Test(sqlclassify, set_show_fetch)
{
    kind("SET cluster = x", SQL_STMT_SET);
    kind("set transaction isolation level serializable", SQL_STMT_SET);
    kind("SHOW search_path", SQL_STMT_SHOW);
    kind("FETCH 100 c", SQL_STMT_FETCH);
}

Test(sqlclassify, subscribe_forms)
{
    kind("SUBSCRIBE TO analytics.v", SQL_STMT_SUBSCRIBE);
    kind("subscribe (select 1)", SQL_STMT_SUBSCRIBE);
    kind("COPY (SUBSCRIBE analytics.v) TO STDOUT", SQL_STMT_COPY_SUBSCRIBE);
    kind("COPY (SELECT 1) TO STDOUT", SQL_STMT_OTHER);
    kind("COPY t FROM STDIN", SQL_STMT_OTHER);
    kind("DECLARE c CURSOR FOR SUBSCRIBE analytics.v", SQL_STMT_DECLARE_SUBSCRIBE);
    kind("DECLARE c NO SCROLL CURSOR WITHOUT HOLD FOR SUBSCRIBE v", SQL_STMT_DECLARE_SUBSCRIBE);
    kind("DECLARE c CURSOR FOR SELECT 1", SQL_STMT_OTHER);
}

Test(sqlclassify, alter_swap)
{
    kind("ALTER SCHEMA \"a\" SWAP WITH \"a_dbt_deploy\"", SQL_STMT_ALTER_SWAP);
    kind("alter cluster c swap with c2;", SQL_STMT_ALTER_SWAP);
    kind("ALTER SCHEMA a RENAME TO b", SQL_STMT_OTHER);
    kind("ALTER SCHEMA a SWAP WITH b extra", SQL_STMT_OTHER);
    kind("ALTER TABLE a SWAP WITH b", SQL_STMT_OTHER);
}

Test(sqlclassify, first_statement_only)
{
    kind("", SQL_STMT_EMPTY);
    kind(" ; -- c\n;", SQL_STMT_EMPTY);
    kind(";; BEGIN; SELECT 1", SQL_STMT_BEGIN);
    kind("SELECT 1; BEGIN", SQL_STMT_OTHER);
    kind("'BEGIN'", SQL_STMT_OTHER);
    kind("\"begin\"", SQL_STMT_OTHER);
}

Test(sqlclassify, statement_iteration)
{
    const char *s =
        "BEGIN; ALTER SCHEMA \"a;\" SWAP WITH \"a_dbt_deploy\"; SELECT ';' -- ;\n; COMMIT";
    size_t len = strlen(s), pos = 0, n = 0, covered = 0;
    struct sql_statement st[8];
    while (n < 8 && sql_next_statement(s, len, &pos, &st[n])) {
        cr_assert_eq(st[n].offset, covered);
        covered += st[n].length;
        n++;
    }
    cr_assert_eq(n, 4);
    cr_assert_eq(covered, len);
    cr_assert(st[0].has_semicolon);
    cr_assert_not(st[3].has_semicolon);
    cr_assert_eq(sql_classify(s + st[0].offset, st[0].length), SQL_STMT_BEGIN);
    cr_assert_eq(sql_classify(s + st[1].offset, st[1].length), SQL_STMT_ALTER_SWAP);
    cr_assert_eq(sql_classify(s + st[2].offset, st[2].length), SQL_STMT_OTHER);
    cr_assert_eq(sql_classify(s + st[3].offset, st[3].length), SQL_STMT_COMMIT);
    cr_assert_eq(st[2].length, strlen(" SELECT ';' -- ;\n;"));
}

Test(sqlclassify, swap_names)
{
    char a[65], b[65];
    bool cl = true;
    const char *s = "ALTER SCHEMA \"Ana\"\"x\" SWAP WITH analytics_DBT_deploy;";
    cr_assert(sql_swap_names(s, strlen(s), &cl, a, sizeof a, b, sizeof b));
    cr_assert_not(cl);
    cr_assert_str_eq(a, "Ana\"x");
    cr_assert_str_eq(b, "analytics_dbt_deploy");
    s = "ALTER CLUSTER c SWAP WITH db.c2";
    cr_assert(sql_swap_names(s, strlen(s), &cl, a, sizeof a, b, sizeof b));
    cr_assert(cl);
    cr_assert_str_eq(a, "c");
    cr_assert_str_eq(b, "c2");
    s = "ALTER SCHEMA a RENAME TO b";
    cr_assert_not(sql_swap_names(s, strlen(s), &cl, a, sizeof a, b, sizeof b));
    s = "ALTER SCHEMA abcdef SWAP WITH b";
    cr_assert_not(sql_swap_names(s, strlen(s), &cl, a, 4, b, sizeof b));
}
