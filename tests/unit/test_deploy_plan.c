/*
 * test_deploy_plan.c: the lifecycle's checks, SQL, dry-run text and state
 * derivation, from hand-built catalogs. Pure: no server.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "control/deploy_catalog.h"
#include "control/deploy_plan.h"

static struct deploy_spec spec;
static struct deploy_catalog *cat;

static void set_obj(struct deploy_object *o, const char *id, const char *owner)
{
    o->exists = true;
    snprintf(o->id, sizeof o->id, "%s", id);
    snprintf(o->owner, sizeof o->owner, "%s", owner);
}

/* analytics, marts / compute; everything exists, owned by "deployer", twins present */
static void setup_mz(void)
{
    memset(&spec, 0, sizeof spec);
    spec.dialect = CONFIG_DIALECT_MATERIALIZE;
    spec.nschemas = 2;
    strcpy(spec.schemas[0], "analytics");
    strcpy(spec.schemas[1], "marts");
    spec.nclusters = 1;
    strcpy(spec.clusters[0], "compute");
    strcpy(spec.suffix, "_dbt_deploy");
    strcpy(spec.marker, DEPLOY_MARKER_DEFAULT);
    cat = calloc(1, sizeof *cat);
    cr_assert_not_null(cat);
    deploy_catalog_reset(cat, &spec);
    strcpy(cat->current_role, "deployer");
    strcpy(cat->database, "materialize");
    cat->db_create = cat->db_usage = cat->create_cluster = true;
    set_obj(&cat->schemas[0].prod, "u12", "deployer");
    set_obj(&cat->schemas[1].prod, "u13", "deployer");
    set_obj(&cat->clusters[0].prod, "u2", "deployer");
    cat->clusters[0].managed = true;
    strcpy(cat->clusters[0].size, "25cc");
    cat->clusters[0].replication_factor = 2;
}

static void add_twins(void)
{
    set_obj(&cat->schemas[0].twin, "u15", "deployer");
    set_obj(&cat->schemas[1].twin, "u16", "deployer");
    set_obj(&cat->clusters[0].twin, "u7", "deployer");
}

/* Writes the marker pair as init would, both records. */
static void add_markers(void)
{
    char *rp = deploy_marker_record(&spec, cat, false, "2026-11-25T06:00:00Z", "deployer");
    char *rd = deploy_marker_record(&spec, cat, true, "2026-11-25T06:00:00Z", "deployer");
    cr_assert_not_null(rp);
    cr_assert_not_null(rd);
    cat->marker.exists = cat->marker_twin.exists = true;
    strcpy(cat->marker.id, "u30");
    strcpy(cat->marker_twin.id, "u31");
    cat->marker.has_comment = cat->marker_twin.has_comment = true;
    snprintf(cat->marker.comment, sizeof cat->marker.comment, "%s", rp);
    snprintf(cat->marker_twin.comment, sizeof cat->marker_twin.comment, "%s", rd);
    free(rp);
    free(rd);
}

static void swap_obj(struct deploy_object *a, struct deploy_object *b)
{
    struct deploy_object t = *a;
    *a = *b;
    *b = t;
}

static void swap_marker(void)
{
    struct deploy_marker t = cat->marker;
    cat->marker = cat->marker_twin;
    cat->marker_twin = t;
}

/* What the server looks like after the swap transaction (names moved). */
static void swap_all(bool with_marker)
{
    for (size_t i = 0; i < spec.nschemas; i++)
        swap_obj(&cat->schemas[i].prod, &cat->schemas[i].twin);
    for (size_t i = 0; i < spec.nclusters; i++)
        swap_obj(&cat->clusters[i].prod, &cat->clusters[i].twin);
    if (with_marker)
        swap_marker();
}

static void teardown(void)
{
    free(cat);
    cat = NULL;
}

static char *joined(struct deploy_lines *l)
{
    char *s = deploy_lines_join(l, "\n");
    cr_assert_not_null(s);
    return s;
}

static void expect_lines(struct deploy_lines *l, const char *expected)
{
    char *s = joined(l);
    cr_expect_str_eq(s, expected);
    free(s);
}

TestSuite(plan, .init = setup_mz, .fini = teardown);

/* ---- checks ---- */

Test(plan, init_ok_when_everything_is_there)
{
    struct deploy_lines f = {0};
    cr_expect(deploy_check_init(&spec, cat, &f));
    cr_expect_eq(f.n, 0);
    deploy_lines_free(&f);
}

Test(plan, init_missing_schema_and_cluster)
{
    cat->schemas[1].prod.exists = false;
    cat->clusters[0].prod.exists = false;
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "Production schema marts does not exist\n"
                     "Production cluster compute does not exist");
    deploy_lines_free(&f);
}

Test(plan, init_unmanaged_cluster_and_sinks)
{
    cat->clusters[0].managed = false;
    cat->clusters[0].prod.has_sinks = true;
    cat->schemas[0].prod.has_sinks = true;
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "Production schema analytics contains sinks: sinks must live in a dedicated "
                     "schema\n"
                     "Production cluster compute contains sinks: sinks must run on a dedicated "
                     "cluster\n"
                     "Production cluster compute is not managed");
    deploy_lines_free(&f);
}

Test(plan, init_twin_not_empty)
{
    add_twins();
    cat->schemas[1].twin.has_objects = true;
    cat->clusters[0].twin.has_objects = true;
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "Deployment schema marts_dbt_deploy already exists and is not empty\n"
                     "Deployment cluster compute_dbt_deploy already exists and is not empty");
    deploy_lines_free(&f);
}

Test(plan, init_empty_twin_is_accepted_and_reused)
{
    add_twins();
    struct deploy_lines f = {0}, sql = {0};
    cr_expect(deploy_check_init(&spec, cat, &f));
    cr_expect(deploy_plan_init_create(&spec, cat, &sql));
    expect_lines(&sql, "CREATE SCHEMA \"cutover_marker\"\n"
                       "CREATE SCHEMA \"cutover_marker_dbt_deploy\"");
    deploy_lines_free(&f);
    deploy_lines_free(&sql);
}

Test(plan, init_ownership_is_checked_properly)
{
    strcpy(cat->schemas[0].prod.owner, "someone_else");
    strcpy(cat->clusters[0].prod.owner, "team");
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "role deployer does not own schema analytics\n"
                     "role deployer does not own cluster compute");
    deploy_lines_free(&f);

    /* membership in the owning role is ownership */
    cat->nmember_of = 1;
    strcpy(cat->member_of[0], "team");
    struct deploy_lines g = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &g));
    expect_lines(&g, "role deployer does not own schema analytics");
    deploy_lines_free(&g);

    /* a superuser owns everything */
    cat->superuser = true;
    struct deploy_lines h = {0};
    cr_expect(deploy_check_init(&spec, cat, &h));
    deploy_lines_free(&h);
}

Test(plan, init_privileges)
{
    cat->db_create = false;
    cat->db_usage = false;
    cat->create_cluster = false;
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "role deployer lacks CREATE on database materialize\n"
                     "role deployer lacks USAGE on database materialize\n"
                     "role deployer lacks the CREATECLUSTER system privilege");
    deploy_lines_free(&f);
}

Test(plan, init_refused_while_a_marker_exists)
{
    add_twins();
    add_markers();
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_init(&spec, cat, &f));
    expect_lines(&f, "cutover marker schema cutover_marker already exists: a deployment is in "
                     "progress (run cleanup first)");
    deploy_lines_free(&f);
}

Test(plan, promote_checks_both_sides)
{
    add_twins();
    add_markers();
    cat->schemas[1].twin.exists = false;
    cat->clusters[0].prod.exists = false;
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_promote(&spec, cat, &f));
    expect_lines(&f, "Deployment schema marts_dbt_deploy does not exist\n"
                     "Production cluster compute does not exist");
    deploy_lines_free(&f);
}

Test(plan, promote_refused_when_promoted_rollback_refused_when_deploying)
{
    add_twins();
    add_markers();
    struct deploy_lines f = {0};
    cr_expect(deploy_check_promote(&spec, cat, &f));
    cr_expect_not(deploy_check_rollback(&spec, cat, &f));
    cr_assert_eq(f.n, 1);
    cr_expect(strncmp(f.v[0], "cannot roll back: state is deploying", 36) == 0, "%s", f.v[0]);
    deploy_lines_free(&f);
    swap_all(true);
    struct deploy_lines g = {0};
    cr_expect_not(deploy_check_promote(&spec, cat, &g));
    cr_assert_eq(g.n, 1);
    cr_expect(strncmp(g.v[0], "cannot promote: state is promoted", 33) == 0, "%s", g.v[0]);
    deploy_lines_free(&g);
    struct deploy_lines h = {0};
    cr_expect(deploy_check_rollback(&spec, cat, &h));
    cr_expect_eq(h.n, 0);
    deploy_lines_free(&h);
}

/* ---- init SQL ---- */

Test(plan, init_create_managed_cluster)
{
    struct deploy_lines sql = {0};
    cr_assert(deploy_plan_init_create(&spec, cat, &sql));
    expect_lines(&sql, "CREATE SCHEMA \"analytics_dbt_deploy\"\n"
                       "CREATE SCHEMA \"marts_dbt_deploy\"\n"
                       "CREATE CLUSTER \"compute_dbt_deploy\" (SIZE = '25cc', REPLICATION FACTOR "
                       "= 2)\n"
                       "CREATE SCHEMA \"cutover_marker\"\n"
                       "CREATE SCHEMA \"cutover_marker_dbt_deploy\"");
    deploy_lines_free(&sql);
}

Test(plan, init_create_on_refresh_cluster)
{
    cat->clusters[0].on_refresh = true;
    strcpy(cat->clusters[0].hydration_estimate, "1 hour");
    spec.nschemas = 0;
    struct deploy_lines sql = {0};
    cr_assert(deploy_plan_init_create(&spec, cat, &sql));
    cr_expect_str_eq(sql.v[0], "CREATE CLUSTER \"compute_dbt_deploy\" (SIZE = '25cc', SCHEDULE = "
                               "ON REFRESH (HYDRATION TIME ESTIMATE = '1 hour'))");
    deploy_lines_free(&sql);
}

Test(plan, init_privileges_copy)
{
    add_twins();
    struct deploy_schema_info *a = &cat->schemas[0];
    a->ndefprivs = 2;
    a->defprivs[0] = (struct deploy_default_priv){"PUBLIC", "table", "reader", "SELECT"};
    a->defprivs[1] = (struct deploy_default_priv){"deployer", "type", "PUBLIC", "USAGE"};
    a->prod.ngrants = 3;
    a->prod.grants[0] = (struct deploy_grant){"reader", "USAGE"};
    a->prod.grants[1] = (struct deploy_grant){"mz_system", "USAGE"};
    a->prod.grants[2] = (struct deploy_grant){"deployer", "CREATE"};
    /* what the new twin got from somewhere: revoke all but the kept ones */
    a->twin.ngrants = 4;
    a->twin.grants[0] = (struct deploy_grant){"deployer", "USAGE"};
    a->twin.grants[1] = (struct deploy_grant){"intruder", "USAGE"};
    a->twin.grants[2] = (struct deploy_grant){"intruder", "CREATE"};
    a->twin.grants[3] = (struct deploy_grant){"mz_support", "USAGE"};
    cat->clusters[0].prod.ngrants = 1;
    cat->clusters[0].prod.grants[0] = (struct deploy_grant){"reader", "USAGE"};
    cat->clusters[0].twin.ngrants = 1;
    cat->clusters[0].twin.grants[0] = (struct deploy_grant){"PUBLIC", "USAGE"};
    struct deploy_lines sql = {0};
    cr_assert(deploy_plan_init_privileges(&spec, cat, "2026-11-25T06:00:00Z", &sql));
    cr_assert_eq(sql.n, 9, "%zu", sql.n);
    char *s = deploy_lines_join(&(struct deploy_lines){.v = sql.v, .n = 8}, "\n");
    cr_expect_str_eq(
        s, "ALTER DEFAULT PRIVILEGES FOR ALL ROLES IN SCHEMA \"analytics_dbt_deploy\" GRANT "
           "SELECT ON TABLES TO \"reader\"\n"
           "ALTER DEFAULT PRIVILEGES FOR ROLE \"deployer\" IN SCHEMA \"analytics_dbt_deploy\" "
           "GRANT USAGE ON TYPES TO PUBLIC\n"
           "REVOKE ALL PRIVILEGES ON SCHEMA \"analytics_dbt_deploy\" FROM \"intruder\"\n"
           "GRANT USAGE ON SCHEMA \"analytics_dbt_deploy\" TO \"reader\"\n"
           "GRANT CREATE ON SCHEMA \"analytics_dbt_deploy\" TO \"deployer\"\n"
           "REVOKE ALL PRIVILEGES ON CLUSTER \"compute_dbt_deploy\" FROM PUBLIC\n"
           "GRANT USAGE ON CLUSTER \"compute_dbt_deploy\" TO \"reader\"\n"
           "COMMENT ON SCHEMA \"cutover_marker\" IS 'cutover=1 side=production "
           "created=2026-11-25T06:00:00Z by=deployer schema.analytics=u12 "
           "schema.analytics_dbt_deploy=u15 schema.marts=u13 schema.marts_dbt_deploy=u16 "
           "cluster.compute=u2 cluster.compute_dbt_deploy=u7'");
    free(s);
    cr_expect(strncmp(sql.v[8],
                      "COMMENT ON SCHEMA \"cutover_marker_dbt_deploy\" IS 'cutover=1 "
                      "side=deploy ",
                      70) == 0,
              "%s", sql.v[8]);
    deploy_lines_free(&sql);
}

/* ---- swap, post-swap, cleanup ---- */

Test(plan, promote_sql_materialize)
{
    add_twins();
    add_markers();
    char *tx = deploy_plan_swap(&spec, cat);
    cr_expect_str_eq(tx, "BEGIN; ALTER SCHEMA \"analytics\" SWAP WITH \"analytics_dbt_deploy\"; "
                         "ALTER SCHEMA \"marts\" SWAP WITH \"marts_dbt_deploy\"; ALTER CLUSTER "
                         "\"compute\" SWAP WITH \"compute_dbt_deploy\"; ALTER SCHEMA "
                         "\"cutover_marker\" SWAP WITH \"cutover_marker_dbt_deploy\"; COMMIT;");
    free(tx);
    /* rollback is the same transaction again */
    swap_all(true);
    char *rb = deploy_plan_swap(&spec, cat);
    cr_expect_str_eq(rb, "BEGIN; ALTER SCHEMA \"analytics\" SWAP WITH \"analytics_dbt_deploy\"; "
                         "ALTER SCHEMA \"marts\" SWAP WITH \"marts_dbt_deploy\"; ALTER CLUSTER "
                         "\"compute\" SWAP WITH \"compute_dbt_deploy\"; ALTER SCHEMA "
                         "\"cutover_marker\" SWAP WITH \"cutover_marker_dbt_deploy\"; COMMIT;");
    free(rb);
}

Test(plan, swap_without_marker_and_after_external_swap)
{
    add_twins();
    const char *plain = "BEGIN; ALTER SCHEMA \"analytics\" SWAP WITH \"analytics_dbt_deploy\"; "
                        "ALTER SCHEMA \"marts\" SWAP WITH \"marts_dbt_deploy\"; ALTER CLUSTER "
                        "\"compute\" SWAP WITH \"compute_dbt_deploy\"; COMMIT;";
    char *tx = deploy_plan_swap(&spec, cat); /* dbt-made twins: no marker to swap */
    cr_expect_str_eq(tx, plain);
    free(tx);
    add_markers();
    swap_all(false); /* dbt's deploy_promote swapped around cutover */
    char *rb = deploy_plan_swap(&spec, cat);
    cr_expect_str_eq(rb, plain); /* leave the marker: the rollback brings it back in line */
    free(rb);
}

Test(plan, promote_sql_postgres)
{
    spec.dialect = CONFIG_DIALECT_POSTGRES;
    spec.nclusters = 0;
    cat->nclusters = 0;
    add_twins();
    add_markers();
    char *tx = deploy_plan_swap(&spec, cat);
    cr_expect_str_eq(
        tx, "BEGIN; ALTER SCHEMA \"analytics\" RENAME TO \"analytics_cutover_tmp\"; ALTER "
            "SCHEMA \"analytics_dbt_deploy\" RENAME TO \"analytics\"; ALTER SCHEMA "
            "\"analytics_cutover_tmp\" RENAME TO \"analytics_dbt_deploy\"; ALTER SCHEMA "
            "\"marts\" RENAME TO \"marts_cutover_tmp\"; ALTER SCHEMA \"marts_dbt_deploy\" RENAME "
            "TO \"marts\"; ALTER SCHEMA \"marts_cutover_tmp\" RENAME TO \"marts_dbt_deploy\"; "
            "ALTER SCHEMA \"cutover_marker\" RENAME TO \"cutover_marker_cutover_tmp\"; ALTER "
            "SCHEMA \"cutover_marker_dbt_deploy\" RENAME TO \"cutover_marker\"; ALTER SCHEMA "
            "\"cutover_marker_cutover_tmp\" RENAME TO \"cutover_marker_dbt_deploy\"; COMMIT;");
    free(tx);
    struct deploy_lines c = {0};
    cr_assert(deploy_plan_cleanup(&spec, &c));
    expect_lines(&c, "DROP SCHEMA IF EXISTS \"analytics_dbt_deploy\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"marts_dbt_deploy\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"cutover_marker\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"cutover_marker_dbt_deploy\" CASCADE");
    deploy_lines_free(&c);
}

Test(plan, postgres_spec_from_config_drops_clusters)
{
    struct config c;
    memset(&c, 0, sizeof c);
    c.backend_dialect = CONFIG_DIALECT_POSTGRES;
    c.nschemas = 1;
    strcpy(c.schemas[0], "analytics");
    c.nclusters = 1;
    strcpy(c.clusters[0], "compute");
    strcpy(c.suffix, "_next");
    struct deploy_spec s;
    deploy_spec_from_config(&s, &c, NULL);
    cr_expect_eq(s.nclusters, 0);
    cr_expect_str_eq(s.marker, "cutover_marker");
    cr_expect_str_eq(s.suffix, "_next");
    c.backend_dialect = CONFIG_DIALECT_MATERIALIZE;
    deploy_spec_from_config(&s, &c, "my_marker");
    cr_expect_eq(s.nclusters, 1);
    cr_expect_str_eq(s.marker, "my_marker");
}

Test(plan, cleanup_sql_materialize)
{
    struct deploy_lines c = {0};
    cr_assert(deploy_plan_cleanup(&spec, &c));
    expect_lines(&c, "DROP SCHEMA IF EXISTS \"analytics_dbt_deploy\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"marts_dbt_deploy\" CASCADE\n"
                     "DROP CLUSTER IF EXISTS \"compute_dbt_deploy\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"cutover_marker\" CASCADE\n"
                     "DROP SCHEMA IF EXISTS \"cutover_marker_dbt_deploy\" CASCADE");
    deploy_lines_free(&c);
}

Test(plan, post_swap_comments_and_sinks)
{
    cat->nsinks = 1;
    cat->sinks[0] = (struct deploy_sink){"materialize", "sinks",     "orders_sink",
                                         "materialize", "analytics", "orders"};
    struct deploy_lines p = {0};
    cr_assert(deploy_plan_post_swap(&spec, cat, "deployer", "2026-11-25T07:00:00Z", &p));
    expect_lines(&p, "COMMENT ON SCHEMA \"analytics\" IS 'Deployment by deployer on "
                     "2026-11-25T07:00:00Z'\n"
                     "COMMENT ON SCHEMA \"marts\" IS 'Deployment by deployer on "
                     "2026-11-25T07:00:00Z'\n"
                     "ALTER SINK \"materialize\".\"sinks\".\"orders_sink\" SET FROM "
                     "\"materialize\".\"analytics\".\"orders\"");
    deploy_lines_free(&p);
    /* postgres: no sinks */
    spec.dialect = CONFIG_DIALECT_POSTGRES;
    struct deploy_lines q = {0};
    cr_assert(deploy_plan_post_swap(&spec, cat, "o'brien", "t", &q));
    expect_lines(&q, "COMMENT ON SCHEMA \"analytics\" IS 'Deployment by o''brien on t'\n"
                     "COMMENT ON SCHEMA \"marts\" IS 'Deployment by o''brien on t'");
    deploy_lines_free(&q);
}

Test(plan, identifiers_with_quotes)
{
    spec.nschemas = 1;
    strcpy(spec.schemas[0], "we\"ird");
    spec.nclusters = 1;
    strcpy(spec.clusters[0], "c\"\"x");
    add_twins();
    char *tx = deploy_plan_swap(&spec, cat);
    cr_expect_str_eq(tx, "BEGIN; ALTER SCHEMA \"we\"\"ird\" SWAP WITH \"we\"\"ird_dbt_deploy\"; "
                         "ALTER CLUSTER \"c\"\"\"\"x\" SWAP WITH \"c\"\"\"\"x_dbt_deploy\"; "
                         "COMMIT;");
    free(tx);
    char *q = deploy_quote_literal("it's");
    cr_expect_str_eq(q, "'it''s'");
    free(q);
    char *i = deploy_quote_ident("a\"b");
    cr_expect_str_eq(i, "\"a\"\"b\"");
    free(i);
}

Test(plan, record_roundtrip_with_odd_names)
{
    spec.nschemas = 1;
    strcpy(spec.schemas[0], "my schema=1%");
    spec.nclusters = 0;
    set_obj(&cat->schemas[0].twin, "u99", "deployer");
    char *r = deploy_marker_record(&spec, cat, true, "2026-11-25T06:00:00Z", "a b");
    cr_assert_not_null(r);
    char v[64];
    cr_expect(deploy_record_get(r, "schema.my schema=1%", v, sizeof v), "%s", r);
    cr_expect_str_eq(v, "u12");
    cr_expect(deploy_record_get(r, "schema.my schema=1%_dbt_deploy", v, sizeof v));
    cr_expect_str_eq(v, "u99");
    cr_expect(deploy_record_get(r, "by", v, sizeof v));
    cr_expect_str_eq(v, "a b");
    cr_expect(deploy_record_get(r, "side", v, sizeof v));
    cr_expect_str_eq(v, "deploy");
    cr_expect_not(deploy_record_get(r, "schema.other", v, sizeof v));
    free(r);
}

/* ---- dry run ---- */

Test(plan, dry_run_promote_text)
{
    /* the record was written when only analytics was configured; marts added since */
    spec.nschemas = 1;
    add_twins();
    add_markers();
    spec.nschemas = 2;
    char *t = deploy_plan_dry_run(&spec, cat, DEPLOY_ACTION_PROMOTE, "deployer", "T");
    cr_assert_not_null(t);
    cr_expect_str_eq(
        t, "-- deploy promote (dry run): nothing is executed\n"
           "-- state: inconsistent: swapped: []; not swapped: [schema analytics, "
           "cluster compute]; schema marts is not in the cutover record\n"
           "-- check failed: cannot promote: state is inconsistent: swapped: []; "
           "not swapped: [schema analytics, cluster compute]; schema marts is not in the cutover "
           "record\n"
           "BEGIN; ALTER SCHEMA \"analytics\" SWAP WITH \"analytics_dbt_deploy\"; ALTER SCHEMA "
           "\"marts\" SWAP WITH \"marts_dbt_deploy\"; ALTER CLUSTER \"compute\" SWAP WITH "
           "\"compute_dbt_deploy\"; COMMIT;\n"
           "COMMENT ON SCHEMA \"analytics\" IS 'Deployment by deployer on T';\n"
           "COMMENT ON SCHEMA \"marts\" IS 'Deployment by deployer on T';\n"
           "-- routing: production route -> new environment (analytics=u15, marts=u16, "
           "compute=u7), deploy route -> unavailable, previous route -> old environment "
           "(analytics=u12, marts=u13, compute=u2)\n");
    free(t);
}

Test(plan, dry_run_promote_text_consistent)
{
    spec.nschemas = 1;
    add_twins();
    add_markers();
    char *t = deploy_plan_dry_run(&spec, cat, DEPLOY_ACTION_PROMOTE, "deployer", "T");
    cr_assert_not_null(t);
    cr_expect_str_eq(
        t, "-- deploy promote (dry run): nothing is executed\n"
           "-- state: deploying: production names hold the live environment (cutover "
           "marker agrees)\n"
           "BEGIN; ALTER SCHEMA \"analytics\" SWAP WITH \"analytics_dbt_deploy\"; ALTER CLUSTER "
           "\"compute\" SWAP WITH \"compute_dbt_deploy\"; ALTER SCHEMA \"cutover_marker\" SWAP "
           "WITH \"cutover_marker_dbt_deploy\"; COMMIT;\n"
           "COMMENT ON SCHEMA \"analytics\" IS 'Deployment by deployer on T';\n"
           "-- routing: production route -> new environment (analytics=u15, compute=u7), deploy "
           "route -> unavailable, previous route -> old environment (analytics=u12, compute=u2)\n");
    free(t);
}

Test(plan, dry_run_cleanup_and_rollback_routing)
{
    add_twins();
    add_markers();
    swap_all(true);
    char *t = deploy_plan_dry_run(&spec, cat, DEPLOY_ACTION_CLEANUP, "deployer", "T");
    cr_assert_not_null(t);
    cr_expect(strstr(t, "DROP CLUSTER IF EXISTS \"compute_dbt_deploy\" CASCADE;\n") != NULL, "%s",
              t);
    cr_expect(strstr(t, "-- routing: production route -> unchanged, deploy route -> unavailable, "
                        "previous route -> unavailable\n") != NULL,
              "%s", t);
    free(t);
    char *r = deploy_plan_routing_text(&spec, cat, DEPLOY_ACTION_ROLLBACK);
    cr_expect_str_eq(r, "production route -> old environment (analytics=u12, marts=u13, "
                        "compute=u2), deploy route -> new environment (analytics=u15, marts=u16, "
                        "compute=u7), previous route -> unavailable");
    free(r);
}

/* ---- state derivation ---- */

static struct deploy_state_info derive(void)
{
    struct deploy_state_info st;
    deploy_state_derive(&spec, cat, &st);
    return st;
}

Test(plan, state_none)
{
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_NONE);
    cr_expect_str_eq(st.explanation, "no deployment");
}

Test(plan, state_none_with_stale_marker)
{
    add_markers();
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_NONE);
    cr_expect(strstr(st.explanation, "interrupted cleanup") != NULL, "%s", st.explanation);
}

Test(plan, state_deploying_no_marker)
{
    add_twins();
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_DEPLOYING);
    cr_expect(strstr(st.explanation, "no cutover marker") != NULL, "%s", st.explanation);
    cr_expect_not(st.marker_present);
}

Test(plan, state_deploying_with_marker)
{
    add_twins();
    add_markers();
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_DEPLOYING);
    cr_expect(st.marker_present);
    cr_expect(st.marker_agrees);
    cr_expect_not(st.marker_swapped);
}

Test(plan, state_promoted)
{
    add_twins();
    add_markers();
    swap_all(true);
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_PROMOTED);
    cr_expect(st.marker_agrees);
    cr_expect(st.marker_swapped);
    /* a second swap (rollback) returns to deploying */
    swap_all(true);
    cr_expect_eq(derive().state, DEPLOY_STATE_DEPLOYING);
}

Test(plan, state_promoted_after_cleanup_of_one_twin_stays_promoted)
{
    add_twins();
    add_markers();
    swap_all(true);
    cat->schemas[0].twin.exists = false; /* cleanup killed after the first DROP */
    cr_expect_eq(derive().state, DEPLOY_STATE_PROMOTED);
}

Test(plan, state_external_swap_ids_win)
{
    add_twins();
    add_markers();
    swap_all(false); /* dbt's deploy_promote: the marker did not move */
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_PROMOTED);
    cr_expect_not(st.marker_agrees);
    cr_expect(strstr(st.explanation, "outside cutover") != NULL, "%s", st.explanation);
    cr_expect(strstr(st.explanation, "the ids win") != NULL, "%s", st.explanation);
}

Test(plan, state_partial_swap_is_inconsistent)
{
    add_twins();
    add_markers();
    swap_obj(&cat->schemas[1].prod, &cat->schemas[1].twin);
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_INCONSISTENT);
    cr_expect_str_eq(st.explanation, "swapped: [schema marts]; not swapped: [schema "
                                     "analytics, cluster compute]");
    struct deploy_lines f = {0};
    cr_expect_not(deploy_check_cleanup(&spec, cat, &f));
    cr_expect_not(deploy_check_promote(&spec, cat, &f));
    deploy_lines_free(&f);
}

Test(plan, state_unknown_id_is_inconsistent)
{
    add_twins();
    add_markers();
    strcpy(cat->clusters[0].prod.id, "u77"); /* recreated behind our back */
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_INCONSISTENT);
    cr_expect(strstr(st.explanation, "cluster compute has id u77, recorded neither (u2 / u7)") !=
                  NULL,
              "%s", st.explanation);
}

Test(plan, state_reads_the_other_marker_when_one_lost_its_comment)
{
    add_twins();
    add_markers();
    swap_all(true);
    cat->marker.has_comment = false; /* only the deploy-side record left, now under the twin name */
    struct deploy_state_info st = derive();
    cr_expect_eq(st.state, DEPLOY_STATE_PROMOTED);
    cr_expect(st.marker_swapped);
    cr_expect(st.marker_agrees);
}

Test(plan, state_same_for_identical_catalogs)
{
    add_twins();
    add_markers();
    swap_all(true);
    struct deploy_catalog *copy = malloc(sizeof *copy);
    cr_assert_not_null(copy);
    memcpy(copy, cat, sizeof *copy);
    struct deploy_state_info a, b;
    deploy_state_derive(&spec, cat, &a);
    deploy_state_derive(&spec, copy, &b);
    cr_expect_eq(a.state, b.state);
    cr_expect_str_eq(a.explanation, b.explanation);
    free(copy);
}

Test(plan, largest_record_fits_a_marker_comment)
{
    spec.nschemas = CONFIG_MAX_LIST;
    spec.nclusters = CONFIG_MAX_LIST;
    strcpy(spec.suffix, "_dbt_deploy");
    deploy_catalog_reset(cat, &spec);
    for (size_t i = 0; i < CONFIG_MAX_LIST; i++) {
        /* 64-byte names, distinct in their first bytes */
        snprintf(spec.schemas[i], sizeof spec.schemas[i], "s%02zu%061d", i, 0);
        snprintf(spec.clusters[i], sizeof spec.clusters[i], "c%02zu%061d", i, 0);
        set_obj(&cat->schemas[i].prod, "u1234567890", "deployer");
        set_obj(&cat->schemas[i].twin, "u1234567891", "deployer");
        set_obj(&cat->clusters[i].prod, "u1234567892", "deployer");
        set_obj(&cat->clusters[i].twin, "u1234567893", "deployer");
    }
    char *r = deploy_marker_record(&spec, cat, false, "2026-11-25T06:00:00Z", "deployer");
    cr_assert_not_null(r);
    cr_expect_lt(strlen(r), DEPLOY_COMMENT_MAX, "%zu", strlen(r));
    free(r);
}

/* ---- Materialize's transaction rules (materialize.md §2) ---- */

/* Statements of `sql` split at ';' outside quotes, blanks trimmed; the
 * count, up to `max`. */
static size_t split_statements(const char *sql, char out[][512], size_t max)
{
    size_t n = 0, len = 0;
    char quote = 0;
    char cur[512];
    for (const char *p = sql;; p++) {
        if (*p == '\0' || (*p == ';' && !quote)) {
            while (len > 0 && cur[len - 1] == ' ')
                len--;
            cur[len] = '\0';
            size_t skip = strspn(cur, " ");
            if (cur[skip] != '\0' && n < max)
                snprintf(out[n++], 512, "%s", cur + skip);
            len = 0;
            if (*p == '\0')
                return n;
            continue;
        }
        if (quote && *p == quote)
            quote = 0;
        else if (!quote && (*p == '\'' || *p == '"'))
            quote = *p;
        if (len + 1 < sizeof cur)
            cur[len++] = *p;
    }
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The swap: BEGIN, then only ALTER SCHEMA/CLUSTER ... SWAP WITH / RENAME
 * TO (the only DDL that may share a transaction), then COMMIT; no read, no
 * COMMENT or GRANT inside. */
static void expect_swap_transaction(const char *tx)
{
    char st[64][512];
    size_t n = split_statements(tx, st, 64);
    cr_assert_geq(n, 3, "%s", tx);
    cr_expect_str_eq(st[0], "BEGIN");
    cr_expect_str_eq(st[n - 1], "COMMIT");
    for (size_t i = 1; i + 1 < n; i++) {
        bool alter = starts(st[i], "ALTER SCHEMA ") || starts(st[i], "ALTER CLUSTER ");
        bool move = strstr(st[i], " SWAP WITH ") != NULL || strstr(st[i], " RENAME TO ") != NULL;
        cr_expect(alter && move, "not a RENAME or SWAP inside the swap transaction: %s", st[i]);
    }
}

/* Any other lifecycle statement: exactly one, run on its own (autocommit),
 * never a transaction of its own. */
static void expect_single_statements(const struct deploy_lines *l)
{
    char st[4][512];
    for (size_t i = 0; i < l->n; i++) {
        cr_expect_eq(split_statements(l->v[i], st, 4), 1, "several statements: %s", l->v[i]);
        cr_expect_not(starts(l->v[i], "BEGIN") || starts(l->v[i], "COMMIT"), "%s", l->v[i]);
    }
}

Test(plan, lifecycle_sql_follows_materializes_transaction_rules)
{
    struct deploy_schema_info *a = &cat->schemas[0];
    a->ndefprivs = 1;
    a->defprivs[0] = (struct deploy_default_priv){"PUBLIC", "table", "reader", "SELECT"};
    a->prod.ngrants = 1;
    a->prod.grants[0] = (struct deploy_grant){"reader", "USAGE"};
    cat->nsinks = 1;
    cat->sinks[0] = (struct deploy_sink){"materialize", "sinks",     "orders_sink",
                                         "materialize", "analytics", "orders"};
    for (int dialect = 0; dialect < 2; dialect++) {
        if (dialect == 1) {
            spec.dialect = CONFIG_DIALECT_POSTGRES;
            spec.nclusters = 0;
            cat->nclusters = 0;
        }
        struct deploy_lines init = {0}, post = {0}, clean = {0};
        cr_assert(deploy_plan_init_create(&spec, cat, &init));
        add_twins();
        cr_assert(deploy_plan_init_privileges(&spec, cat, "2026-12-04T17:00:00Z", &init));
        cr_assert_gt(init.n, 3);
        expect_single_statements(&init);
        add_markers();
        char *tx = deploy_plan_swap(&spec, cat);
        cr_assert_not_null(tx);
        expect_swap_transaction(tx);
        for (const char *w = "COMMENT GRANT REVOKE SINK SELECT CREATE DROP"; *w;) {
            char word[16];
            size_t k = strcspn(w, " ");
            snprintf(word, sizeof word, "%.*s", (int)k, w);
            cr_expect_null(strstr(tx, word), "%s inside the swap transaction: %s", word, tx);
            w += k + (w[k] == ' ');
        }
        free(tx);
        cr_assert(deploy_plan_post_swap(&spec, cat, "deployer", "t", &post));
        cr_assert_gt(post.n, 0);
        expect_single_statements(&post);
        cr_assert(deploy_plan_cleanup(&spec, &clean));
        expect_single_statements(&clean);
        deploy_lines_free(&init);
        deploy_lines_free(&post);
        deploy_lines_free(&clean);
        teardown();
        setup_mz();
    }
}

Test(plan, marker_comment_is_read_for_schemas_only)
{
    bool oom = false;
    char *sql = deploy_catalog_sql(&spec, DEPLOY_Q_SCHEMAS, &oom);
    cr_assert_not_null(sql);
    /* schema, cluster and item ids share the u<n> form */
    cr_expect_not_null(strstr(sql, "c.id = s.id AND c.object_type = 'schema'"), "%s", sql);
    free(sql);
}
