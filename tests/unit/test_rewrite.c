/*
 * test_rewrite.c: every rewrite site, every must-not-rewrite, quoting, case
 * folding, settings, and the whole corpus. docs/rewriting.md names these.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/rewrite.h"
#include "protocol/sqllex.h"

static const struct rewrite_pair schemas[] = {
    {"analytics", "analytics_dbt_deploy"},
    {"marts", "marts_dbt_deploy"},
    {"odd", "Odd \"Name\""}, /* a target that needs quoting */
};
static const struct rewrite_pair clusters[] = {{"compute", "compute_dbt_deploy"}};
static const struct rewrite_map map = {schemas, 3, clusters, 1};

static void rw(const char *in, const char *want)
{
    char *out = NULL;
    size_t n = 0;
    enum rewrite_result r = rewrite_sql(&map, in, strlen(in), &out, &n);
    cr_assert_eq(r, REWRITE_CHANGED, "not changed: %s", in);
    cr_assert_eq(n, strlen(out));
    cr_assert_str_eq(out, want, "in: %s", in);
    free(out);
}

static void same(const char *in)
{
    char *out = NULL;
    size_t n = 0;
    enum rewrite_result r = rewrite_sql(&map, in, strlen(in), &out, &n);
    cr_assert_eq(r, REWRITE_UNCHANGED, "changed: %s -> %s", in, r == REWRITE_CHANGED ? out : "");
    cr_assert_null(out);
}

Test(rewrite, qualified_two_part)
{
    rw("SELECT * FROM analytics.v", "SELECT * FROM analytics_dbt_deploy.v");
    rw("select x from marts.m join analytics.v on true",
       "select x from marts_dbt_deploy.m join analytics_dbt_deploy.v on true");
    rw("INSERT INTO analytics.t VALUES (1)", "INSERT INTO analytics_dbt_deploy.t VALUES (1)");
    rw("SUBSCRIBE analytics.v", "SUBSCRIBE analytics_dbt_deploy.v");
    rw("SELECT analytics.f(1), 1::analytics.typ",
       "SELECT analytics_dbt_deploy.f(1), 1::analytics_dbt_deploy.typ");
}

Test(rewrite, qualified_three_part_object)
{
    rw("SELECT * FROM materialize.analytics.v", "SELECT * FROM materialize.analytics_dbt_deploy.v");
    rw("create materialized view \"materialize\".\"analytics\".\"v\" as select 1",
       "create materialized view \"materialize\".\"analytics_dbt_deploy\".\"v\" as select 1");
    /* in FROM a three-part name is db.schema.obj: a mapped first part is a database */
    same("SELECT * FROM analytics.x.y");
    rw("SELECT db.analytics.f(1)", "SELECT db.analytics_dbt_deploy.f(1)");
}

Test(rewrite, qualified_three_part_column)
{
    rw("SELECT analytics.v.col FROM analytics.v",
       "SELECT analytics_dbt_deploy.v.col FROM analytics_dbt_deploy.v");
    rw("SELECT analytics.v.* FROM analytics.v",
       "SELECT analytics_dbt_deploy.v.* FROM analytics_dbt_deploy.v");
    rw("SELECT db.analytics.v.col FROM x", "SELECT db.analytics_dbt_deploy.v.col FROM x");
    /* middle part wins when mapped: db.schema.obj */
    rw("SELECT materialize.analytics.v FROM x", "SELECT materialize.analytics_dbt_deploy.v FROM x");
}

Test(rewrite, quoting_preserved)
{
    rw("SELECT * FROM \"analytics\".v", "SELECT * FROM \"analytics_dbt_deploy\".v");
    rw("SELECT * FROM U&\"\\0061nalytics\".v", "SELECT * FROM \"analytics_dbt_deploy\".v");
    /* a bare name whose target needs quotes gets them, with " doubled */
    rw("SELECT * FROM odd.v", "SELECT * FROM \"Odd \"\"Name\"\"\".v");
    rw("SELECT * FROM \"odd\".v", "SELECT * FROM \"Odd \"\"Name\"\"\".v");
}

Test(rewrite, case_folding)
{
    rw("SELECT * FROM ANALYTICS.v", "SELECT * FROM analytics_dbt_deploy.v");
    rw("SELECT * FROM Analytics.v", "SELECT * FROM analytics_dbt_deploy.v");
    same("SELECT * FROM \"ANALYTICS\".v");
    same("SELECT * FROM \"Analytics\".v");
}

Test(rewrite, not_in_literals_or_comments)
{
    same("SELECT 'analytics.v' FROM t");
    same("SELECT E'it\\'s analytics.v' FROM t");
    same("SELECT E'\\\\' || 'analytics.v'");
    same("SELECT U&'analytics.v', N'analytics.v', X'00'");
    same("SELECT 1 -- analytics.v\n");
    same("SELECT 1 /* a /* analytics.v */ analytics.v */");
    same("SELECT $$ analytics.v $$");
    same("SELECT $analytics$ analytics.v $analytics$");
    same("CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1 FROM analytics.v $body$ LANGUAGE sql");
}

Test(rewrite, not_lookalikes)
{
    same("SELECT t.analytics FROM t");
    same("SELECT analytics2.v, analytics_x.v, xanalytics.v FROM t");
    same("SELECT analytics FROM t");
    same("SELECT * FROM analytics");
    same("SELECT \"analytics.v\" FROM t");
    same("SELECT analytics.* FROM t"); /* table.*: a relation, not a schema */
    same("SELECT $1.analytics");
}

Test(rewrite, alias_shadowing)
{
    /* an alias, a bare relation or a CTE named like a schema qualifies columns */
    same("SELECT analytics.x FROM foo AS analytics");
    same("SELECT analytics.x FROM foo analytics WHERE analytics.y > 1");
    same("SELECT analytics.x FROM analytics");
    same("WITH analytics AS (SELECT 1 AS x) SELECT analytics.x FROM analytics");
    same("SELECT analytics.x FROM (SELECT 1 AS x) analytics");
    /* the FROM item itself is still rewritten; the alias is not */
    rw("SELECT analytics.x FROM analytics.t AS analytics",
       "SELECT analytics.x FROM analytics_dbt_deploy.t AS analytics");
    /* the relation named analytics in another schema still qualifies columns */
    rw("SELECT analytics.x FROM marts.analytics",
       "SELECT analytics.x FROM marts_dbt_deploy.analytics");
    /* shadowing is per statement */
    rw("SELECT analytics.x FROM foo AS analytics; SELECT analytics.x FROM t",
       "SELECT analytics.x FROM foo AS analytics; SELECT analytics_dbt_deploy.x FROM t");
    /* an alias with another name shadows nothing */
    rw("SELECT a.x, analytics.f(a.y) FROM analytics.t a",
       "SELECT a.x, analytics_dbt_deploy.f(a.y) FROM analytics_dbt_deploy.t a");
}

Test(rewrite, from_in_expressions)
{
    /* FROM inside EXTRACT/SUBSTRING and IS DISTINCT FROM is no FROM clause */
    rw("SELECT extract(year FROM analytics.t.ts) FROM analytics.t",
       "SELECT extract(year FROM analytics_dbt_deploy.t.ts) FROM analytics_dbt_deploy.t");
    rw("SELECT 1 FROM x WHERE a IS DISTINCT FROM analytics.f(1)",
       "SELECT 1 FROM x WHERE a IS DISTINCT FROM analytics_dbt_deploy.f(1)");
}

Test(rewrite, set_search_path)
{
    rw("SET search_path TO analytics, \"marts\", public",
       "SET search_path TO analytics_dbt_deploy, \"marts_dbt_deploy\", public");
    rw("set SESSION search_path = 'analytics'", "set SESSION search_path = 'analytics_dbt_deploy'");
    rw("SET LOCAL search_path = Analytics", "SET LOCAL search_path = analytics_dbt_deploy");
    same("SET search_path TO DEFAULT");
    same("SET search_path = 'Analytics'"); /* string values are exact */
    same("SET application_name = 'analytics'");
}

Test(rewrite, set_schema)
{
    rw("SET schema 'analytics'", "SET schema 'analytics_dbt_deploy'");
    rw("SET SCHEMA = analytics", "SET SCHEMA = analytics_dbt_deploy");
    rw("SET schema TO E'analytics'", "SET schema TO 'analytics_dbt_deploy'");
}

Test(rewrite, set_cluster)
{
    rw("SET cluster = compute", "SET cluster = compute_dbt_deploy");
    rw("SET cluster TO 'compute'", "SET cluster TO 'compute_dbt_deploy'");
    rw("SET CLUSTER \"compute\"", "SET CLUSTER \"compute_dbt_deploy\"");
    same("SET cluster_replica = compute");
    same("SET cluster = quickstart");
}

Test(rewrite, show_from_in)
{
    rw("SHOW TABLES FROM analytics", "SHOW TABLES FROM analytics_dbt_deploy");
    rw("SHOW MATERIALIZED VIEWS IN \"analytics\"",
       "SHOW MATERIALIZED VIEWS IN \"analytics_dbt_deploy\"");
    rw("SHOW VIEWS FROM materialize.analytics", "SHOW VIEWS FROM materialize.analytics_dbt_deploy");
    rw("SHOW INDEXES IN CLUSTER compute", "SHOW INDEXES IN CLUSTER compute_dbt_deploy");
    rw("SHOW COLUMNS FROM analytics.v", "SHOW COLUMNS FROM analytics_dbt_deploy.v");
    same("SHOW COLUMNS FROM analytics"); /* a relation named analytics */
    same("SHOW SCHEMAS FROM analytics"); /* a database */
}

Test(rewrite, schema_ddl)
{
    rw("CREATE SCHEMA analytics", "CREATE SCHEMA analytics_dbt_deploy");
    rw("CREATE SCHEMA IF NOT EXISTS materialize.analytics",
       "CREATE SCHEMA IF NOT EXISTS materialize.analytics_dbt_deploy");
    rw("DROP SCHEMA IF EXISTS analytics, \"marts\" CASCADE",
       "DROP SCHEMA IF EXISTS analytics_dbt_deploy, \"marts_dbt_deploy\" CASCADE");
    rw("ALTER SCHEMA analytics RENAME TO x", "ALTER SCHEMA analytics_dbt_deploy RENAME TO x");
    rw("ALTER SCHEMA \"analytics\" SWAP WITH \"marts\"",
       "ALTER SCHEMA \"analytics_dbt_deploy\" SWAP WITH \"marts_dbt_deploy\"");
    rw("COMMENT ON SCHEMA analytics IS 'analytics'",
       "COMMENT ON SCHEMA analytics_dbt_deploy IS 'analytics'");
    rw("GRANT USAGE ON SCHEMA analytics TO r", "GRANT USAGE ON SCHEMA analytics_dbt_deploy TO r");
    rw("ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO r",
       "ALTER DEFAULT PRIVILEGES IN SCHEMA analytics_dbt_deploy GRANT SELECT ON TABLES TO r");
    same("CREATE SCHEMA other");
}

Test(rewrite, cluster_sites)
{
    rw("CREATE MATERIALIZED VIEW analytics.mv IN CLUSTER compute AS SELECT 1",
       "CREATE MATERIALIZED VIEW analytics_dbt_deploy.mv IN CLUSTER compute_dbt_deploy AS SELECT "
       "1");
    rw("CREATE INDEX i IN CLUSTER \"compute\" ON analytics.v (a)",
       "CREATE INDEX i IN CLUSTER \"compute_dbt_deploy\" ON analytics_dbt_deploy.v (a)");
    rw("CREATE CLUSTER compute (SIZE = '25cc')",
       "CREATE CLUSTER compute_dbt_deploy (SIZE = '25cc')");
    rw("DROP CLUSTER IF EXISTS compute CASCADE",
       "DROP CLUSTER IF EXISTS compute_dbt_deploy CASCADE");
    rw("ALTER CLUSTER compute SET (REPLICATION FACTOR 2)",
       "ALTER CLUSTER compute_dbt_deploy SET (REPLICATION FACTOR 2)");
    rw("GRANT USAGE ON CLUSTER compute TO r", "GRANT USAGE ON CLUSTER compute_dbt_deploy TO r");
    rw("CREATE CLUSTER REPLICA compute.r1 SIZE = '1'",
       "CREATE CLUSTER REPLICA compute_dbt_deploy.r1 SIZE = '1'");
    same("SELECT compute FROM t");
    same("SELECT * FROM compute.v"); /* a schema named compute is not the cluster */
    /* WITH (... cluster = x) options are not rewritten (documented) */
    same("CREATE SOURCE s FROM LOAD GENERATOR COUNTER WITH (cluster = compute)");
}

Test(rewrite, multi_statement)
{
    rw("BEGIN; SELECT * FROM analytics.v; SET cluster = compute; COMMIT;",
       "BEGIN; SELECT * FROM analytics_dbt_deploy.v; SET cluster = compute_dbt_deploy; COMMIT;");
    /* a SET ends at ';': the next statement is lexed on its own */
    rw("SET search_path = public; SELECT analytics.x FROM marts.t",
       "SET search_path = public; SELECT analytics_dbt_deploy.x FROM marts_dbt_deploy.t");
}

Test(rewrite, unterminated_unchanged)
{
    same("SELECT * FROM analytics.v WHERE x = 'open");
    same("SELECT * FROM analytics.v /* open");
    same("SELECT * FROM analytics.v; SELECT $$ open");
    same("SELECT * FROM \"analytics");
}

Test(rewrite, identity_never_lexed)
{
    char *out = NULL;
    size_t n;
    const char *q = "SELECT * FROM analytics.v";
    cr_assert_eq(rewrite_sql(NULL, q, strlen(q), &out, &n), REWRITE_UNCHANGED);
    static const struct rewrite_pair id[] = {{"analytics", "analytics"}};
    struct rewrite_map m = {id, 1, NULL, 0};
    cr_assert(rewrite_map_is_identity(&m));
    cr_assert_not(rewrite_map_is_identity(&map));
    cr_assert_eq(rewrite_sql(&m, q, strlen(q), &out, &n), REWRITE_UNCHANGED);
    cr_assert_null(out);
}

Test(rewrite, nul_bytes)
{
    const char q[] = "SELECT\0 * FROM analytics.v";
    char *out = NULL;
    size_t n;
    cr_assert_eq(rewrite_sql(&map, q, sizeof q - 1, &out, &n), REWRITE_CHANGED);
    cr_assert_eq(n, sizeof q - 1 + strlen("_dbt_deploy"));
    cr_assert_eq(memcmp(out, "SELECT\0 * FROM analytics_dbt_deploy.v", n), 0);
    free(out);
}

static void setting(const char *name, const char *value, const char *want)
{
    char *out = NULL;
    enum rewrite_result r = rewrite_setting(&map, name, value, &out);
    if (want == NULL) {
        cr_assert_eq(r, REWRITE_UNCHANGED, "%s=%s -> %s", name, value, out ? out : "");
        return;
    }
    cr_assert_eq(r, REWRITE_CHANGED, "%s=%s", name, value);
    cr_assert_str_eq(out, want);
    free(out);
}

Test(rewrite, settings)
{
    setting("search_path", "analytics, \"marts\", public",
            "analytics_dbt_deploy, \"marts_dbt_deploy\", public");
    setting("search_path", "Analytics", "analytics_dbt_deploy");
    setting("search_path", "\"Analytics\",marts ", "\"Analytics\",marts_dbt_deploy ");
    setting("search_path", "odd", "\"Odd \"\"Name\"\"\"");
    setting("search_path", "public, \"$user\"", NULL);
    setting("search_path", "\"open, analytics", NULL);
    setting("SEARCH_PATH", "marts", "marts_dbt_deploy");
    setting("schema", "analytics", "analytics_dbt_deploy");
    setting("schema", "Analytics", NULL);
    setting("cluster", "compute", "compute_dbt_deploy");
    setting("cluster", "quickstart", NULL);
    setting("application_name", "analytics", NULL);
    char *out = NULL;
    cr_assert_eq(rewrite_setting(NULL, "cluster", "compute", &out), REWRITE_UNCHANGED);
}

/* Significant (non-blank) tokens of s. */
static size_t count_tokens(const char *s, size_t len)
{
    struct sqllex lx;
    struct sqllex_token t;
    size_t n = 0;
    sqllex_init(&lx, s, len);
    while (sqllex_next(&lx, &t))
        n += !sqllex_is_blank(&t);
    return n;
}

Test(rewrite, corpus)
{
    FILE *f = fopen(CUTOVER_SOURCE_DIR "/tests/data/queries.sql", "rb");
    cr_assert_not_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    size_t entries = 0, changed = 0;
    char *p = buf, *end = buf + n;
    while (p < end) {
        char *sep = strstr(p, "\n-- ;;\n");
        size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
        char *out = NULL;
        size_t olen;
        enum rewrite_result r = rewrite_sql(&map, p, len, &out, &olen);
        cr_assert_neq(r, REWRITE_NOMEM);
        if (r == REWRITE_CHANGED) {
            changed++;
            cr_assert_eq(count_tokens(out, olen), count_tokens(p, len));
            /* idempotence is not expected, but the output must not contain
             * an unmapped schema's rewrite */
            cr_assert_null(strstr(out, "staging_dbt_deploy"));
            free(out);
        }
        entries++;
        p = sep ? sep + 7 : end;
    }
    cr_assert_geq(entries, 1000);
    cr_assert_gt(changed, entries / 4);
    cr_assert_lt(changed, entries);
    free(buf);
}

Test(rewrite, no_token_fusion)
{
    static const struct rewrite_pair s1[] = {{"c", "Q\"x"}, {"d", "x"}};
    static const struct rewrite_map m1 = {s1, 2, s1, 2};
    struct {
        const char *in, *want;
    } cases[] = {
        {"ALTER CLUSTER c\"d\" SWAP WITH e", "ALTER CLUSTER \"Q\"\"x\" \"d\" SWAP WITH e"},
        {"SELECT \"y\"c.t", "SELECT \"y\" \"Q\"\"x\".t"},
        {"SELECT U&c.t", "SELECT U& \"Q\"\"x\".t"},
        {"SET cluster = d'z'", "SET cluster = x '"
                               "z'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = NULL;
        size_t n;
        cr_assert_eq(rewrite_sql(&m1, cases[i].in, strlen(cases[i].in), &out, &n), REWRITE_CHANGED,
                     "%s", cases[i].in);
        cr_assert_str_eq(out, cases[i].want);
        cr_assert_eq(count_tokens(out, n), count_tokens(cases[i].in, strlen(cases[i].in)));
        free(out);
    }
}

Test(rewrite, from_lists_and_dml)
{
    rw("SELECT * FROM analytics.v, marts.w LEFT JOIN analytics.x USING (id)",
       "SELECT * FROM analytics_dbt_deploy.v, marts_dbt_deploy.w LEFT JOIN analytics_dbt_deploy.x "
       "USING (id)");
    rw("SELECT a FROM t WHERE x IN (SELECT y FROM analytics.t)",
       "SELECT a FROM t WHERE x IN (SELECT y FROM analytics_dbt_deploy.t)");
    rw("UPDATE analytics.t SET x = 1 WHERE analytics.t.y = 2",
       "UPDATE analytics_dbt_deploy.t SET x = 1 WHERE analytics_dbt_deploy.t.y = 2");
    rw("DELETE FROM analytics.t", "DELETE FROM analytics_dbt_deploy.t");
    rw("SELECT * FROM analytics.v a (x, y), LATERAL marts.f(a.x) AS g",
       "SELECT * FROM analytics_dbt_deploy.v a (x, y), LATERAL marts_dbt_deploy.f(a.x) AS g");
    /* a select-list alias does not shadow */
    rw("SELECT count(*) AS analytics FROM analytics.v",
       "SELECT count(*) AS analytics FROM analytics_dbt_deploy.v");
    same("SELECT analytics.id FROM t JOIN u AS analytics ON analytics.id = t.id");
}

Test(rewrite, deep_nesting_and_many_statements)
{
    /* 5000 nested subqueries and 2000 statements: same result as a small one */
    size_t depth = 5000;
    size_t cap = depth * 8 + 256;
    char *in = malloc(cap), *want = malloc(cap);
    size_t n = 0, w = 0;
    n += (size_t)sprintf(in + n, "SELECT * FROM ");
    w += (size_t)sprintf(want + w, "SELECT * FROM ");
    for (size_t i = 0; i < depth; i++) {
        in[n++] = '(';
        want[w++] = '(';
    }
    n += (size_t)sprintf(in + n, "SELECT extract(year FROM analytics.t.ts) FROM analytics.t");
    w += (size_t)sprintf(want + w, "SELECT extract(year FROM analytics_dbt_deploy.t.ts) FROM "
                                   "analytics_dbt_deploy.t");
    for (size_t i = 0; i < depth; i++) {
        n += (size_t)sprintf(in + n, ")a");
        w += (size_t)sprintf(want + w, ")a");
    }
    rw(in, want);
    free(in);
    free(want);

    const char *one = "SELECT 1 FROM analytics.v;";
    const char *one_out = "SELECT 1 FROM analytics_dbt_deploy.v;";
    size_t reps = 2000;
    in = malloc(reps * strlen(one) + 1);
    want = malloc(reps * strlen(one_out) + 1);
    in[0] = want[0] = '\0';
    for (size_t i = 0; i < reps; i++) {
        memcpy(in + i * strlen(one), one, strlen(one) + 1);
        memcpy(want + i * strlen(one_out), one_out, strlen(one_out) + 1);
    }
    rw(in, want);
    free(in);
    free(want);
}

/* Issue 14.1: the rewriter's scratch is bounded by the input, whatever its shape. */
static void check_scratch_bound(const char *sql, size_t len, enum rewrite_result want)
{
    char *out = NULL;
    size_t n = 0;
    struct rewrite_stats st;
    enum rewrite_result r = rewrite_sql_stats(&map, sql, len, &out, &n, &st);
    cr_assert_eq(r, want);
    cr_assert_gt(st.tokens, 0);
    cr_assert_leq(st.scratch_bytes, REWRITE_SCRATCH_PER_BYTE * len,
                  "%zu bytes of scratch for %zu bytes of input", st.scratch_bytes, len);
    free(out);
}

Test(rewrite, scratch_bounded_by_input)
{
    size_t len = 4u << 20;
    char *sql = malloc(len);
    cr_assert_not_null(sql);
    memset(sql, '(', len); /* one token per byte: the worst case */
    /* a mapped name at the end, so the prefilter does not skip the lexing */
    memcpy(sql + len - 9, "analytics", 9);
    check_scratch_bound(sql, len, REWRITE_UNCHANGED);
    /* a statement full of renames: tokens and edits, still within the bound */
    static const char unit[] = "analytics.v,";
    size_t k = 0;
    memcpy(sql, "SELECT * FROM ", 14);
    for (k = 14; k + sizeof unit - 1 <= len - 1; k += sizeof unit - 1)
        memcpy(sql + k, unit, sizeof unit - 1);
    sql[k++] = 'x';
    check_scratch_bound(sql, k, REWRITE_CHANGED);
    free(sql);
}

Test(rewrite, small_statement_uses_no_heap_scratch)
{
    const char *sql = "SELECT * FROM analytics.v JOIN marts.m ON true";
    char *out = NULL;
    size_t n = 0;
    struct rewrite_stats st;
    cr_assert_eq(rewrite_sql_stats(&map, sql, strlen(sql), &out, &n, &st), REWRITE_CHANGED);
    cr_assert_eq(st.scratch_bytes, 0);
    cr_assert_eq(st.tokens, 12);
    cr_assert_str_eq(out, "SELECT * FROM analytics_dbt_deploy.v JOIN marts_dbt_deploy.m ON true");
    free(out);
}

/* The prefilter: what it may skip unlexed, and what it must not. */
static void prefiltered(const char *in, bool skipped)
{
    char *out = NULL, *out2 = NULL;
    size_t n = 0, n2 = 0;
    struct rewrite_stats st, st2;
    enum rewrite_result r = rewrite_sql_stats(&map, in, strlen(in), &out, &n, &st);
    enum rewrite_result r2 = rewrite_sql_unfiltered(&map, in, strlen(in), &out2, &n2, &st2);
    cr_assert_eq(r, r2, "%s", in);
    if (r == REWRITE_CHANGED)
        cr_assert(n == n2 && memcmp(out, out2, n) == 0, "%s", in);
    cr_assert_eq(st.tokens == 0, skipped, "%s: %zu tokens lexed", in, st.tokens);
    cr_assert_gt(st2.tokens, 0);
    free(out);
    free(out2);
}

Test(rewrite, prefilter_skips_only_what_cannot_name)
{
    prefiltered("SELECT * FROM staging.orders WHERE a = 'x'", true);
    prefiltered("SELECT * FROM analytic.v, mart.w, comput", true);
    prefiltered("SELECT * FROM Analytics.v", false);
    prefiltered("SELECT * FROM \"ANALYTICS\".v", false); /* quoted: matched exactly, not here */
    prefiltered("SET CLUSTER = COMPUTE", false);
    prefiltered("SELECT 1 FROM t WHERE s = E'\\x61nalytics'", false); /* escapes spell names */
    prefiltered("SELECT * FROM U&\"\\0061nalytics\".v", false);
    prefiltered("SELECT * FROM U&\"!0061nalytics\" UESCAPE '!'", false);
    prefiltered("SET schema = U&'!0061nalytics' UESCAPE '!'", false);
    /* a name at every offset of a 16-byte block and at the very end */
    char buf[128];
    for (size_t pad = 0; pad < 40; pad++) {
        memset(buf, 0, sizeof buf);
        memcpy(buf, "SELECT * FROM ", 14);
        memset(buf + 14, 'x', pad);
        strcpy(buf + 14 + pad, " , mArTs.v");
        prefiltered(buf, false);
        strcpy(buf + 14 + pad, " , marts");
        prefiltered(buf, false);
        strcpy(buf + 14 + pad, " , mart");
        prefiltered(buf, true);
        strcpy(buf + 14 + pad, " , arts.v");
        prefiltered(buf, true);
    }
    rw("SELECT * FROM t;\nSELECT * FROM t2;\nSELECT 1 FROM marts.m",
       "SELECT * FROM t;\nSELECT * FROM t2;\nSELECT 1 FROM marts_dbt_deploy.m");
}

/*
 * The prefilter reads blocks of 16 or 32 positions (by sqllex_simd_level_())
 * and ends on a block overlapping the end of the input: a name or an escape
 * byte at every offset of inputs of every length up to several blocks, and
 * near-names that must be skipped, at every level the CPU allows.
 */
Test(rewrite, prefilter_every_offset_and_length)
{
    static const struct {
        const char *text; /* put into blanks */
        bool skipped;     /* nothing else names anything */
    } needles[] = {{"marts", false}, {"ANALYTICS", false}, {"compute", false}, {"odd", false},
                   {"\\", false},    {"&", false},         {"mart", true},     {"nalytics", true}};
    char buf[112];
    for (unsigned level = 0; level <= 2; level++) {
        unsigned old = sqllex_simd_limit_(level);
        for (size_t k = 0; k < sizeof needles / sizeof needles[0]; k++) {
            size_t nl = strlen(needles[k].text);
            for (size_t len = nl; len < sizeof buf; len += len < 40 ? 1 : 3) {
                for (size_t at = 0; at + nl <= len; at++) {
                    memset(buf, ' ', len);
                    memcpy(buf + at, needles[k].text, nl);
                    buf[len] = '\0';
                    prefiltered(buf, needles[k].skipped);
                }
            }
        }
        sqllex_simd_limit_(old);
    }
}

/* Maps the prefilter cannot model (quotes or nothing in a name, many names) lex everything. */
Test(rewrite, prefilter_off_for_odd_maps)
{
    static const struct rewrite_pair q[] = {{"a\"b", "ab_d"}};
    static const struct rewrite_map mq = {q, 1, NULL, 0};
    char *out = NULL;
    size_t n = 0;
    const char *in = "SELECT * FROM \"a\"\"b\".t";
    cr_assert_eq(rewrite_sql(&mq, in, strlen(in), &out, &n), REWRITE_CHANGED);
    cr_assert_str_eq(out, "SELECT * FROM \"ab_d\".t");
    free(out);
    struct rewrite_pair many[20];
    char names[20][8];
    for (int i = 0; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "s%d", i);
        many[i] = (struct rewrite_pair){names[i], "t"};
    }
    struct rewrite_map mm = {many, 20, NULL, 0};
    in = "SELECT * FROM s19.v";
    cr_assert_eq(rewrite_sql(&mm, in, strlen(in), &out, &n), REWRITE_CHANGED);
    cr_assert_str_eq(out, "SELECT * FROM t.v");
    free(out);
    in = "SELECT * FROM x.v";
    struct rewrite_stats st;
    cr_assert_eq(rewrite_sql_stats(&mm, in, strlen(in), &out, &n, &st), REWRITE_UNCHANGED);
    cr_assert_gt(st.tokens, 0);
}
