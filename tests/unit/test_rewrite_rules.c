/*
 * test_rewrite_rules.c: the lines of docs/rewriting.md that test_rewrite.c
 * does not exercise (UESCAPE, '' in SET values, every FROM-taking function,
 * SET SCHEMA inside ALTER, cluster swaps, lists and replicas, B'' strings,
 * the other SHOW ... FROM object forms), plus the production-route contract
 * that route.c builds: identity map = NULL = never lexed.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/rewrite.h"
#include "proxy/config.h"
#include "proxy/route.h"

static const struct rewrite_pair schemas[] = {
    {"analytics", "analytics_dbt_deploy"},
    {"marts", "marts_dbt_deploy"},
    {"q", "it's"}, /* a target with a single quote */
};
static const struct rewrite_pair clusters[] = {
    {"compute", "compute_dbt_deploy"},
    {"serving", "serving_dbt_deploy"},
};
static const struct rewrite_map map = {schemas, 3, clusters, 2};

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

/* `U&"..."` names are decoded (unicode escapes, UESCAPE) and written back plain. */
Test(rewrite_rules, unicode_names_with_uescape)
{
    rw("SELECT * FROM U&\"!0061nalytics\" UESCAPE '!'.v",
       "SELECT * FROM \"analytics_dbt_deploy\".v");
    rw("SELECT * FROM U&\"\\+00006Darts\".v", "SELECT * FROM \"marts_dbt_deploy\".v");
    /* a decoded name that is not mapped stays as written, escapes and all */
    same("SELECT * FROM U&\"!0041nalytics\" UESCAPE '!'.v");
}

/* A string value in SET: '' undone before matching, target written with ' doubled. */
Test(rewrite_rules, set_string_values_escapes)
{
    rw("SET search_path = 'q'", "SET search_path = 'it''s'");
    rw("SET schema 'q'", "SET schema 'it''s'");
    rw("SET search_path TO E'analytics', 'marts'",
       "SET search_path TO 'analytics_dbt_deploy', 'marts_dbt_deploy'");
    /* 'analytic''s' has the value analytic's: not mapped */
    same("SET search_path = 'analytic''s'");
    /* a bare name whose target needs quotes is quoted, as an identifier */
    rw("SET search_path = q", "SET search_path = \"it's\"");
}

/* FROM inside these functions and IS [NOT] DISTINCT FROM is no FROM clause. */
Test(rewrite_rules, from_in_every_expression_form)
{
    const char *forms[] = {
        "SELECT substring(x FROM analytics.t.c) FROM y",
        "SELECT SUBSTR(x FROM analytics.t.c) FROM y",
        "SELECT trim(both ' ' FROM analytics.t.c) FROM y",
        "SELECT overlay(x placing 'a' FROM analytics.t.c) FROM y",
        "SELECT position('a' IN analytics.t.c), normalize(analytics.t.c) FROM y",
        "SELECT 1 FROM y WHERE a IS NOT DISTINCT FROM analytics.t.c",
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        /* analytics.t.c is a schema.table.column: in a FROM clause it would
         * be db.schema.obj and left alone (t is not mapped) */
        char *out = NULL;
        size_t n = 0;
        cr_assert_eq(rewrite_sql(&map, forms[i], strlen(forms[i]), &out, &n), REWRITE_CHANGED, "%s",
                     forms[i]);
        cr_assert_not_null(strstr(out, "analytics_dbt_deploy.t.c"), "%s -> %s", forms[i], out);
        cr_assert_null(strstr(out, " analytics.t"), "%s -> %s", forms[i], out);
        free(out);
    }
    /* the real FROM clause after the function is still one */
    same("SELECT substring(x FROM 2) FROM analytics.x.y");
}

/* SCHEMA after a non-leading SET, and the other SCHEMA sites. */
Test(rewrite_rules, schema_after_set_and_in)
{
    rw("ALTER TABLE analytics.t SET SCHEMA marts",
       "ALTER TABLE analytics_dbt_deploy.t SET SCHEMA marts_dbt_deploy");
    rw("ALTER VIEW v SET SCHEMA \"analytics\"", "ALTER VIEW v SET SCHEMA \"analytics_dbt_deploy\"");
    rw("GRANT SELECT ON ALL TABLES IN SCHEMA analytics, marts TO r",
       "GRANT SELECT ON ALL TABLES IN SCHEMA analytics_dbt_deploy, marts_dbt_deploy TO r");
    rw("DROP SCHEMA IF EXISTS db.analytics", "DROP SCHEMA IF EXISTS db.analytics_dbt_deploy");
    rw("ALTER SCHEMA marts SWAP WITH analytics",
       "ALTER SCHEMA marts_dbt_deploy SWAP WITH analytics_dbt_deploy");
    /* RENAME TO: the new name is not rewritten */
    rw("ALTER SCHEMA analytics RENAME TO marts",
       "ALTER SCHEMA analytics_dbt_deploy RENAME TO marts");
    /* SET schema as a statement is the session setting (tested elsewhere);
     * a leading SET search_path never takes the SCHEMA rule */
    same("SET search_path = public");
}

/* Cluster swap, lists, IF [NOT] EXISTS, replicas. */
Test(rewrite_rules, cluster_swap_lists_replicas)
{
    rw("ALTER CLUSTER compute SWAP WITH serving",
       "ALTER CLUSTER compute_dbt_deploy SWAP WITH serving_dbt_deploy");
    rw("ALTER CLUSTER \"compute\" SWAP WITH other",
       "ALTER CLUSTER \"compute_dbt_deploy\" SWAP WITH other");
    rw("DROP CLUSTER IF EXISTS compute, serving",
       "DROP CLUSTER IF EXISTS compute_dbt_deploy, serving_dbt_deploy");
    rw("CREATE CLUSTER IF NOT EXISTS serving (SIZE = '25cc')",
       "CREATE CLUSTER IF NOT EXISTS serving_dbt_deploy (SIZE = '25cc')");
    rw("DROP CLUSTER REPLICA compute.r1", "DROP CLUSTER REPLICA compute_dbt_deploy.r1");
    rw("ALTER CLUSTER REPLICA serving.r1 OWNER TO x",
       "ALTER CLUSTER REPLICA serving_dbt_deploy.r1 OWNER TO x");
    rw("SHOW SOURCES IN CLUSTER serving", "SHOW SOURCES IN CLUSTER serving_dbt_deploy");
    rw("CREATE SINK s IN CLUSTER compute FROM analytics.v INTO KAFKA CONNECTION k (TOPIC 't')",
       "CREATE SINK s IN CLUSTER compute_dbt_deploy FROM analytics_dbt_deploy.v INTO KAFKA "
       "CONNECTION k (TOPIC 't')");
    /* the replica part is never a cluster */
    same("DROP CLUSTER REPLICA other.compute");
    same("SET cluster_replica = 'compute'");
}

/* Every kind of string constant is left alone. */
Test(rewrite_rules, every_string_kind_untouched)
{
    same("SELECT B'0101', X'ff', b'1', x'00' FROM t");
    same("SELECT e'analytics.v\\'', n'analytics.v', u&'analytics.v' UESCAPE '!'");
    same("SELECT $tag$ analytics.v $not$ analytics.v $tag$");
    /* the literal is untouched, the qualified name next to it is not */
    rw("SELECT 'analytics.v', analytics.f()", "SELECT 'analytics.v', analytics_dbt_deploy.f()");
}

/* SHOW KEYS|INDEXES|CREATE ... FROM obj: the operand is an object. */
Test(rewrite_rules, show_from_object_forms)
{
    rw("SHOW INDEXES FROM analytics.v", "SHOW INDEXES FROM analytics_dbt_deploy.v");
    rw("SHOW CREATE VIEW analytics.v", "SHOW CREATE VIEW analytics_dbt_deploy.v");
    rw("SHOW SINKS FROM marts", "SHOW SINKS FROM marts_dbt_deploy");
    same("SHOW INDEXES FROM analytics");
    same("SHOW SCHEMAS FROM marts");
}

/* route.c: the production route has no map (NULL: never lexed); deploy maps
 * every schema and cluster to name+suffix and defaults to the first cluster;
 * previous is available only after a promote. */
Test(rewrite_rules, routing_table_maps)
{
    struct config c;
    memset(&c, 0, sizeof c);
    cr_assert(config_init_defaults(&c));
    cr_assert_str_eq(c.suffix, "_dbt_deploy"); /* the default suffix */
    c.nschemas = 2;
    strcpy(c.schemas[0], "analytics");
    strcpy(c.schemas[1], "marts");
    c.nclusters = 1;
    strcpy(c.clusters[0], "compute");
    struct routing_table *t = routing_table_new(&c, 7, ROUTE_PHASE_UNKNOWN);
    cr_assert_not_null(t);
    cr_assert_eq(t->generation, 7);
    cr_assert_null(t->routes[ROUTE_PRODUCTION].map);
    cr_assert(t->routes[ROUTE_PRODUCTION].available);
    cr_assert(t->routes[ROUTE_DEPLOY].available);
    cr_assert_not(t->routes[ROUTE_PREVIOUS].available);
    cr_assert_str_eq(t->routes[ROUTE_DEPLOY].cluster, "compute_dbt_deploy");
    cr_assert_str_eq(t->routes[ROUTE_PRODUCTION].cluster, "");

    const char *q = "SELECT * FROM marts.x";
    char *out = NULL;
    size_t n = 0;
    cr_assert_eq(route_rewrite_sql(t->routes[ROUTE_PRODUCTION].map, q, strlen(q), &out, &n),
                 ROUTE_SQL_UNCHANGED);
    cr_assert_null(out);
    cr_assert_eq(route_rewrite_sql(t->routes[ROUTE_DEPLOY].map, q, strlen(q), &out, &n),
                 ROUTE_SQL_CHANGED);
    cr_assert_str_eq(out, "SELECT * FROM marts_dbt_deploy.x");
    free(out);

    char *v = NULL;
    cr_assert(route_rewrite_setting(t, ROUTE_PRODUCTION, "search_path", "analytics", &v));
    cr_assert_null(v);
    cr_assert(route_rewrite_setting(t, ROUTE_DEPLOY, "search_path", "analytics", &v));
    cr_assert_str_eq(v, "analytics_dbt_deploy");
    free(v);
    routing_table_unref(t);

    /* after a promote, previous uses the same map */
    t = routing_table_new(&c, 8, ROUTE_PHASE_PROMOTED);
    cr_assert(t->routes[ROUTE_PREVIOUS].available);
    cr_assert_not_null(t->routes[ROUTE_PREVIOUS].map);
    routing_table_unref(t);

    /* no [deployment]: deploy and previous are unavailable */
    c.nschemas = c.nclusters = 0;
    t = routing_table_new(&c, 9, ROUTE_PHASE_PROMOTED);
    cr_assert_not(t->routes[ROUTE_DEPLOY].available);
    cr_assert_not(t->routes[ROUTE_PREVIOUS].available);
    cr_assert_null(t->routes[ROUTE_DEPLOY].map);
    routing_table_unref(t);
    config_free(&c);
}
