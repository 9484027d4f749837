/*
 * test_route.c: route names, the routing table built from [deployment], and
 * the held-time histogram in stats.
 */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proxy/config.h"
#include "proxy/route.h"
#include "proxy/stats.h"

static struct config *cfg_with(const char *schemas, const char *clusters)
{
    struct config *c = calloc(1, sizeof *c);
    cr_assert(config_init_defaults(c));
    char err[256];
    if (schemas)
        cr_assert(config_set(c, "deployment", "schemas", schemas, err, sizeof err), "%s", err);
    if (clusters)
        cr_assert(config_set(c, "deployment", "clusters", clusters, err, sizeof err), "%s", err);
    return c;
}

static void cfg_free(struct config *c)
{
    config_free(c);
    free(c);
}

Test(route, names_round_trip)
{
    enum route r;
    cr_assert(route_parse("deploy", &r));
    cr_assert_eq(r, ROUTE_DEPLOY);
    cr_assert(route_parse("PREVIOUS", &r));
    cr_assert_eq(r, ROUTE_PREVIOUS);
    cr_assert(route_parse("production", &r));
    cr_assert_eq(r, ROUTE_PRODUCTION);
    cr_assert_not(route_parse("staging", &r));
    cr_assert_not(route_parse("", &r));
    cr_assert_str_eq(route_name(ROUTE_DEPLOY), "deploy");
    cr_assert_str_eq(route_name((enum route)7), "invalid");
}

Test(route, no_deployment_means_only_production)
{
    struct config *c = cfg_with(NULL, NULL);
    struct routing_table *t = routing_table_new(c, 1, ROUTE_PHASE_PROMOTED);
    cr_assert_not_null(t);
    cr_assert(t->routes[ROUTE_PRODUCTION].available);
    cr_assert_not(t->routes[ROUTE_DEPLOY].available);
    cr_assert_not(t->routes[ROUTE_PREVIOUS].available);
    cr_assert_null(t->routes[ROUTE_PRODUCTION].map);
    routing_table_unref(t);
    cfg_free(c);
}

Test(route, deployment_builds_suffixed_maps)
{
    struct config *c = cfg_with("analytics, marts", "compute");
    struct routing_table *t = routing_table_new(c, 7, ROUTE_PHASE_UNKNOWN);
    cr_assert_eq(t->generation, 7);
    cr_assert(t->routes[ROUTE_DEPLOY].available);
    cr_assert_not(t->routes[ROUTE_PREVIOUS].available, "previous before any promote");
    cr_assert_str_eq(t->routes[ROUTE_DEPLOY].cluster, "compute_dbt_deploy");
    cr_assert_str_eq(t->routes[ROUTE_PRODUCTION].cluster, "");

    char *out = NULL;
    size_t n = 0;
    const char *sql = "select * from marts.x join analytics.y using (id)";
    cr_assert_eq(route_rewrite_sql(t->routes[ROUTE_DEPLOY].map, sql, strlen(sql), &out, &n),
                 ROUTE_SQL_CHANGED);
    cr_assert_str_eq(out,
                     "select * from marts_dbt_deploy.x join analytics_dbt_deploy.y using (id)");
    cr_assert_eq(n, strlen(out));
    free(out);
    out = NULL;
    cr_assert_eq(route_rewrite_sql(t->routes[ROUTE_PRODUCTION].map, sql, strlen(sql), &out, &n),
                 ROUTE_SQL_UNCHANGED);
    cr_assert_null(out);

    cr_assert(route_rewrite_setting(t, ROUTE_DEPLOY, "search_path", "analytics, public", &out));
    cr_assert_not_null(out);
    cr_assert_not_null(strstr(out, "analytics_dbt_deploy"));
    cr_assert_not_null(strstr(out, "public"));
    free(out);
    cr_assert(route_rewrite_setting(t, ROUTE_DEPLOY, "cluster", "compute", &out));
    cr_assert_str_eq(out, "compute_dbt_deploy");
    free(out);
    cr_assert(route_rewrite_setting(t, ROUTE_PRODUCTION, "cluster", "compute", &out));
    cr_assert_null(out, "production must not rewrite");
    cr_assert(route_rewrite_setting(t, ROUTE_DEPLOY, "application_name", "analytics", &out));
    cr_assert_null(out, "only name-bearing settings are rewritten");

    struct routing_table *after = routing_table_new(c, 8, ROUTE_PHASE_PROMOTED);
    cr_assert(after->routes[ROUTE_PREVIOUS].available);
    cr_assert_not_null(after->routes[ROUTE_PREVIOUS].map);
    routing_table_unref(after);
    routing_table_unref(t);
    cfg_free(c);
}

/* The routing policy, phase by phase: the whole table of which routes open. */
Test(route, policy_opens_routes_by_phase)
{
    static const struct {
        enum route_phase phase;
        bool deploy, previous;
    } want[] = {
        {ROUTE_PHASE_UNKNOWN, true, false},   /* the config alone */
        {ROUTE_PHASE_NONE, false, false},     /* ZC001 "no deployment in progress" */
        {ROUTE_PHASE_DEPLOYING, true, false}, /* the new environment */
        {ROUTE_PHASE_PROMOTED, false, true},  /* the old one, under the suffixed names */
        {ROUTE_PHASE_IN_DOUBT, false, false}, /* a swap's outcome unknown: production only */
    };
    struct config *with = cfg_with("analytics", NULL);
    struct config *without = cfg_with(NULL, NULL);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        enum route_phase ph = want[i].phase;
        cr_assert(route_available(with, ph, ROUTE_PRODUCTION), "%s", route_phase_name(ph));
        cr_assert_eq(route_available(with, ph, ROUTE_DEPLOY), want[i].deploy, "%s",
                     route_phase_name(ph));
        cr_assert_eq(route_available(with, ph, ROUTE_PREVIOUS), want[i].previous, "%s",
                     route_phase_name(ph));
        /* no [deployment]: only production, whatever the phase */
        cr_assert(route_available(without, ph, ROUTE_PRODUCTION));
        cr_assert_not(route_available(without, ph, ROUTE_DEPLOY));
        cr_assert_not(route_available(without, ph, ROUTE_PREVIOUS));
        /* the table carries the policy's answer and its phase */
        struct routing_table *t = routing_table_new(with, 3, ph);
        cr_assert_eq(t->phase, ph);
        for (int r = 0; r < ROUTE_COUNT; r++)
            cr_assert_eq(t->routes[r].available, route_available(with, ph, (enum route)r));
        /* a rebuild for the same config and phase (what a reload does) opens the same routes */
        struct routing_table *again = routing_table_new(with, 4, ph);
        cr_assert(routing_table_same_availability(t, again));
        routing_table_unref(again);
        routing_table_unref(t);
    }
    struct routing_table *none = routing_table_new(with, 1, ROUTE_PHASE_NONE);
    struct routing_table *dep = routing_table_new(with, 2, ROUTE_PHASE_DEPLOYING);
    cr_assert_not(routing_table_same_availability(none, dep));
    routing_table_unref(none);
    routing_table_unref(dep);
    cr_assert_str_eq(route_phase_name(ROUTE_PHASE_PROMOTED), "promoted");
    cr_assert_str_eq(route_phase_name(ROUTE_PHASE_IN_DOUBT), "in doubt");
    cr_assert_str_eq(route_phase_name((enum route_phase)9), "invalid");
    cfg_free(with);
    cfg_free(without);
}

Test(route, table_lives_while_referenced)
{
    struct config *c = cfg_with("analytics", NULL);
    struct routing_table *t = routing_table_new(c, 1, ROUTE_PHASE_UNKNOWN);
    cr_assert_eq(t->refs, 1);
    cr_assert_eq(routing_table_ref(t), t);
    cr_assert_eq(t->refs, 2);
    routing_table_unref(t);
    cr_assert_eq(t->refs, 1);
    cr_assert_str_eq(t->routes[ROUTE_DEPLOY].cluster, "", "no clusters configured");
    routing_table_unref(t);
    routing_table_unref(NULL);
    cfg_free(c);
}

Test(stats, held_histogram_quantiles)
{
    struct stats s;
    stats_init(&s);
    cr_assert_eq(stats_held_quantile(&s, 0.99), 0);
    for (int i = 0; i < 98; i++)
        stats_record_held(&s, 3); /* bucket <= 5 ms */
    stats_record_held(&s, 700);   /* <= 1000 */
    stats_record_held(&s, 60000); /* +Inf */
    cr_assert_eq(s.held_total, 100);
    cr_assert_eq(s.held_max_ms, 60000);
    cr_assert_eq(s.held_sum_ms, 98 * 3 + 700 + 60000);
    cr_assert_eq(stats_held_quantile(&s, 0.5), 5);
    cr_assert_eq(stats_held_quantile(&s, 0.98), 5);
    cr_assert_eq(stats_held_quantile(&s, 0.99), 1000);
    cr_assert_eq(stats_held_quantile(&s, 1.0), UINT64_MAX);
    cr_assert_eq(stats_held_bucket_bound(0), 1);
    cr_assert_eq(stats_held_bucket_bound(STATS_HELD_BUCKETS - 1), UINT64_MAX);
}

/* The barrier's pause statistics: what was held between a raise and now. */
Test(stats, held_since_a_mark)
{
    struct stats s;
    stats_init(&s);
    stats_record_held(&s, 3); /* before the raise: not counted */
    struct stats_held_mark m;
    stats_held_mark_take(&s, &m);
    struct stats_held_since h;
    stats_held_since(&s, &m, &h);
    cr_assert_eq(h.held, 0);
    cr_assert_eq(h.p99_us, 0);
    cr_assert_eq(h.max_us, 0);

    for (int i = 0; i < 99; i++)
        stats_record_held(&s, 2); /* bucket <= 5 ms */
    stats_record_held(&s, 70);    /* bucket <= 100 ms: the new maximum */
    stats_held_since(&s, &m, &h);
    cr_assert_eq(h.held, 100);
    cr_assert_eq(h.p99_us, 5000, "99 of 100 are in the 5 ms bucket");
    cr_assert_eq(h.max_us, 70000, "the observed maximum grew");

    /* A second raise whose holds stay under the old maximum: max is the top bucket's bound. */
    stats_held_mark_take(&s, &m);
    stats_record_held(&s, 20); /* bucket <= 25 ms */
    stats_held_since(&s, &m, &h);
    cr_assert_eq(h.held, 1);
    cr_assert_eq(h.max_us, 25000);
    cr_assert_eq(h.p99_us, 25000, "one statement: it is the percentile");

    /* +Inf counts as the observed maximum, and p99 never exceeds max. */
    stats_held_mark_take(&s, &m);
    stats_record_held(&s, 45000);
    stats_held_since(&s, &m, &h);
    cr_assert_eq(h.max_us, 45000000);
    cr_assert_eq(h.p99_us, 45000000);
}
