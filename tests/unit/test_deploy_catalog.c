/*
 * test_deploy_catalog.c: parsing catalog and await results into structs, and
 * the catalog SQL's shape, with PGresults built by hand (no server).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "control/deploy_catalog.h"

static struct deploy_spec spec;

static void setup(void)
{
    memset(&spec, 0, sizeof spec);
    spec.dialect = CONFIG_DIALECT_MATERIALIZE;
    spec.nschemas = 2;
    strcpy(spec.schemas[0], "analytics");
    strcpy(spec.schemas[1], "marts");
    spec.nclusters = 2;
    strcpy(spec.clusters[0], "compute");
    strcpy(spec.clusters[1], "serve");
    strcpy(spec.suffix, "_dbt_deploy");
    strcpy(spec.marker, DEPLOY_MARKER_DEFAULT);
}

TestSuite(catalog, .init = setup);

/* A TUPLES_OK result with `ncols` text columns and the given rows (NULL = SQL NULL). */
static PGresult *mkres(int ncols, int nrows, const char *const *cells)
{
    PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    cr_assert_not_null(r);
    PGresAttDesc att[16];
    char names[16][8];
    cr_assert(ncols <= 16);
    for (int c = 0; c < ncols; c++) {
        snprintf(names[c], sizeof names[c], "c%d", c);
        att[c] = (PGresAttDesc){.name = names[c], .typid = 25, .typlen = -1, .atttypmod = -1};
    }
    cr_assert(PQsetResultAttrs(r, ncols, att));
    for (int row = 0; row < nrows; row++)
        for (int c = 0; c < ncols; c++) {
            const char *v = cells[row * ncols + c];
            cr_assert(PQsetvalue(r, row, c, (char *)v, v ? (int)strlen(v) : -1));
        }
    return r;
}

static struct deploy_await_status await_of(int nrows, const char *const *cells, int64_t thr)
{
    PGresult *r = mkres(8, nrows, cells);
    struct deploy_await_status st;
    char err[256] = "";
    cr_assert(deploy_await_parse(&spec, r, thr, &st, err, sizeof err), "%s", err);
    PQclear(r);
    return st;
}

Test(catalog, await_classification)
{
    /* name, exists, replicas, problematic, total, hydrated, worst lag ms, worst object */
    const char *const cells[] = {
        "compute_dbt_deploy", "t", "2", "0", "5", "3", "40000", "u42 orders",
        "serve_dbt_deploy",   "t", "1", "0", "4", "4", "2500",  "u50 totals",
    };
    struct deploy_await_status st = await_of(2, cells, 1000);
    cr_expect_not(st.all_ready);
    cr_expect_eq(st.clusters[0].status, DEPLOY_CLUSTER_HYDRATING);
    cr_expect_eq(st.clusters[0].hydrated, 3);
    cr_expect_eq(st.clusters[0].total, 5);
    cr_expect_eq(st.clusters[1].status, DEPLOY_CLUSTER_LAGGING);
    cr_expect_eq(st.clusters[1].worst_lag_ms, 2500);
    cr_expect_str_eq(st.clusters[1].worst_object, "u50 totals");
    char *s = deploy_await_summary(&st, false);
    cr_expect_str_eq(s, "compute_dbt_deploy hydrating 3/5 lag 40000ms (u42 orders); "
                        "serve_dbt_deploy lagging 4/4 lag 2500ms (u50 totals)");
    free(s);
    /* under a higher threshold the second is ready */
    st = await_of(2, cells, 3000);
    cr_expect_eq(st.clusters[1].status, DEPLOY_CLUSTER_READY);
    s = deploy_await_summary(&st, true);
    cr_expect_str_eq(s, "compute_dbt_deploy hydrating 3/5 lag 40000ms (u42 orders)");
    free(s);
}

Test(catalog, await_empty_cluster_with_replicas_is_ready)
{
    /* the macro's left join reads this as hydrating forever; cutover does not */
    const char *const cells[] = {
        "compute_dbt_deploy", "t", "1", "0", "0", "0", NULL, NULL,
        "serve_dbt_deploy",   "t", "2", "0", "2", "2", "10", "u9 x",
    };
    struct deploy_await_status st = await_of(2, cells, 1000);
    cr_expect_eq(st.clusters[0].status, DEPLOY_CLUSTER_READY);
    cr_expect_eq(st.clusters[0].worst_lag_ms, -1);
    cr_expect_eq(st.clusters[1].status, DEPLOY_CLUSTER_READY);
    cr_expect(st.all_ready);
    char *s = deploy_await_summary(&st, true);
    cr_expect_str_eq(s, "all ready");
    free(s);
}

Test(catalog, await_failing_conditions)
{
    const char *const cells[] = {
        "compute_dbt_deploy", "f", "0", "0", "0", "0", NULL, NULL,
        "serve_dbt_deploy",   "t", "0", "0", "3", "0", NULL, NULL,
    };
    struct deploy_await_status st = await_of(2, cells, 1000);
    cr_expect_eq(st.clusters[0].status, DEPLOY_CLUSTER_FAILING);
    cr_expect_str_eq(st.clusters[0].reason, "cluster not found");
    cr_expect_eq(st.clusters[1].status, DEPLOY_CLUSTER_FAILING);
    cr_expect_str_eq(st.clusters[1].reason, "no replicas");

    const char *const oom[] = {
        "compute_dbt_deploy", "t", "2", "2", "1", "1", "5", "u1 a", /* every replica problematic */
        "serve_dbt_deploy",   "t", "2", "1", "1", "1", "5", "u2 b", /* one healthy replica left */
    };
    st = await_of(2, oom, 1000);
    cr_expect_eq(st.clusters[0].status, DEPLOY_CLUSTER_FAILING);
    cr_expect(strstr(st.clusters[0].reason, "oom-killed") != NULL);
    cr_expect_eq(st.clusters[1].status, DEPLOY_CLUSTER_READY);
}

Test(catalog, await_shape_errors)
{
    const char *const cells[] = {"compute_dbt_deploy", "t", "1", "0", "0", "0", NULL, NULL};
    PGresult *r = mkres(8, 1, cells); /* two clusters configured, one row */
    struct deploy_await_status st;
    char err[256] = "";
    cr_expect_not(deploy_await_parse(&spec, r, 1000, &st, err, sizeof err));
    cr_expect_str_eq(err, "await query: 1 rows, expected 2");
    PQclear(r);
    r = mkres(3, 0, NULL);
    cr_expect_not(deploy_await_parse(&spec, r, 1000, &st, err, sizeof err));
    cr_expect_str_eq(err, "await query: 3 columns, expected 8");
    PQclear(r);
}

Test(catalog, await_sql_dialects)
{
    bool oom;
    char *sql = deploy_await_sql(&spec, &oom);
    cr_assert_not_null(sql);
    cr_expect(strstr(sql, "VALUES (0, 'compute_dbt_deploy'), (1, 'serve_dbt_deploy')") != NULL,
              "%s", sql);
    cr_expect(strstr(sql, "mz_internal.mz_hydration_statuses") != NULL);
    cr_expect(strstr(sql, "mz_internal.mz_wallclock_global_lag") != NULL);
    cr_expect(strstr(sql, "'oom-killed'") != NULL);
    free(sql);
    spec.dialect = CONFIG_DIALECT_POSTGRES;
    cr_expect_null(deploy_await_sql(&spec, &oom));
    cr_expect_not(oom);
    struct deploy_await_status st;
    deploy_await_trivial(&spec, &st);
    cr_expect(st.all_ready);
}

Test(catalog, parse_schemas_twins_and_markers)
{
    struct deploy_catalog *cat = calloc(1, sizeof *cat);
    deploy_catalog_reset(cat, &spec);
    const char *const cells[] = {
        "analytics",
        "u12",
        "deployer",
        "f",
        "t",
        NULL,
        "analytics_dbt_deploy",
        "u15",
        "deployer",
        "f",
        "f",
        NULL,
        "marts",
        "u13",
        "other",
        "t",
        "t",
        NULL,
        "cutover_marker",
        "u30",
        "deployer",
        "f",
        "f",
        "cutover=1 side=production",
        "unrelated",
        "u99",
        "x",
        "f",
        "f",
        NULL,
    };
    PGresult *r = mkres(6, 5, cells);
    char err[256] = "";
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_SCHEMAS, r, cat, err, sizeof err), "%s", err);
    PQclear(r);
    cr_expect(cat->schemas[0].prod.exists);
    cr_expect_str_eq(cat->schemas[0].prod.id, "u12");
    cr_expect(cat->schemas[0].prod.has_objects);
    cr_expect(cat->schemas[0].twin.exists);
    cr_expect_str_eq(cat->schemas[0].twin.id, "u15");
    cr_expect_not(cat->schemas[0].twin.has_objects);
    cr_expect(cat->schemas[1].prod.has_sinks);
    cr_expect_str_eq(cat->schemas[1].prod.owner, "other");
    cr_expect_not(cat->schemas[1].twin.exists);
    cr_expect(cat->marker.exists);
    cr_expect(cat->marker.has_comment);
    cr_expect_str_eq(cat->marker.comment, "cutover=1 side=production");
    cr_expect_not(cat->marker_twin.exists);
    free(cat);
}

Test(catalog, parse_clusters_grants_defprivs_sinks)
{
    struct deploy_catalog *cat = calloc(1, sizeof *cat);
    deploy_catalog_reset(cat, &spec);
    char err[256] = "";
    const char *const cl[] = {
        "compute", "u2",       "deployer",   "t",        "25cc", "2",          "manual",
        NULL,      "f",        "t",          "serve",    "u3",   "deployer",   "t",
        "50cc",    NULL,       "on-refresh", "01:00:00", "f",    "f",          "serve_dbt_deploy",
        "u8",      "deployer", "t",          "50cc",     NULL,   "on-refresh", NULL,
        "f",       "t",
    };
    PGresult *r = mkres(10, 3, cl);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_CLUSTERS, r, cat, err, sizeof err), "%s", err);
    PQclear(r);
    cr_expect_eq(cat->clusters[0].replication_factor, 2);
    cr_expect_not(cat->clusters[0].on_refresh);
    cr_expect_str_eq(cat->clusters[0].size, "25cc");
    cr_expect(cat->clusters[1].on_refresh);
    cr_expect_eq(cat->clusters[1].replication_factor, -1);
    cr_expect_str_eq(cat->clusters[1].hydration_estimate, "01:00:00");
    cr_expect(cat->clusters[1].twin.exists);
    cr_expect(cat->clusters[1].twin.has_objects);

    const char *const gr[] = {
        "analytics", "reader", "USAGE",  "analytics_dbt_deploy", "PUBLIC", "USAGE",
        "marts",     "writer", "CREATE",
    };
    r = mkres(3, 3, gr);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_SCHEMA_GRANTS, r, cat, err, sizeof err));
    PQclear(r);
    cr_expect_eq(cat->schemas[0].prod.ngrants, 1);
    cr_expect_str_eq(cat->schemas[0].prod.grants[0].grantee, "reader");
    cr_expect_eq(cat->schemas[0].twin.ngrants, 1);
    cr_expect_str_eq(cat->schemas[0].twin.grants[0].grantee, "PUBLIC");
    cr_expect_str_eq(cat->schemas[1].prod.grants[0].privilege, "CREATE");

    const char *const dp[] = {"analytics", "PUBLIC", "TABLE", "reader", "SELECT"};
    r = mkres(5, 1, dp);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_DEFAULT_PRIVS, r, cat, err, sizeof err));
    PQclear(r);
    cr_expect_eq(cat->schemas[0].ndefprivs, 1);
    cr_expect_str_eq(cat->schemas[0].defprivs[0].object_type, "table");

    const char *const sk[] = {
        "materialize", "sinks",       "s1",    "materialize", "analytics_dbt_deploy",
        "orders",      "materialize", "sinks", "s2",          "materialize",
        "marts",       "totals",
    };
    r = mkres(6, 2, sk);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_SINKS, r, cat, err, sizeof err));
    PQclear(r);
    cr_expect_eq(cat->nsinks, 2);
    cr_expect_str_eq(cat->sinks[0].up_schema, "analytics"); /* production name */
    cr_expect_str_eq(cat->sinks[1].up_schema, "marts");

    r = mkres(2, 0, NULL);
    cr_expect_not(deploy_catalog_parse(&spec, DEPLOY_Q_SINKS, r, cat, err, sizeof err));
    cr_expect_str_eq(err, "sinks query: 2 columns, expected 6");
    PQclear(r);
    free(cat);
}

Test(catalog, parse_session_and_roles)
{
    struct deploy_catalog *cat = calloc(1, sizeof *cat);
    deploy_catalog_reset(cat, &spec);
    char err[256] = "";
    const char *const ss[] = {"deployer", "materialize", "f", "t", "t", "f"};
    PGresult *r = mkres(6, 1, ss);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_SESSION, r, cat, err, sizeof err), "%s", err);
    PQclear(r);
    cr_expect_str_eq(cat->current_role, "deployer");
    cr_expect_not(cat->superuser);
    cr_expect(cat->create_cluster);
    cr_expect(cat->db_create);
    cr_expect_not(cat->db_usage);
    const char *const ro[] = {"team", "readers"};
    r = mkres(1, 2, ro);
    cr_assert(deploy_catalog_parse(&spec, DEPLOY_Q_ROLES, r, cat, err, sizeof err));
    PQclear(r);
    cr_expect_eq(cat->nmember_of, 2);
    cr_expect_str_eq(cat->member_of[1], "readers");
    free(cat);
}

Test(catalog, sql_per_dialect_and_quoting)
{
    strcpy(spec.schemas[1], "o'x");
    bool oom;
    char *sql = deploy_catalog_sql(&spec, DEPLOY_Q_SCHEMAS, &oom);
    cr_assert_not_null(sql);
    cr_expect(strstr(sql, "mz_catalog.mz_schemas") != NULL);
    cr_expect(strstr(sql, "IN ('analytics', 'analytics_dbt_deploy', 'o''x', 'o''x_dbt_deploy', "
                          "'cutover_marker', 'cutover_marker_dbt_deploy')") != NULL,
              "%s", sql);
    free(sql);
    spec.dialect = CONFIG_DIALECT_POSTGRES;
    spec.nclusters = 0;
    sql = deploy_catalog_sql(&spec, DEPLOY_Q_SCHEMAS, &oom);
    cr_assert_not_null(sql);
    cr_expect(strstr(sql, "pg_namespace") != NULL);
    cr_expect(strstr(sql, "obj_description(n.oid, 'pg_namespace')") != NULL);
    free(sql);
    cr_expect_null(deploy_catalog_sql(&spec, DEPLOY_Q_CLUSTERS, &oom));
    cr_expect_null(deploy_catalog_sql(&spec, DEPLOY_Q_SINKS, &oom));
    cr_expect_not(oom);
}
