/*
 * test_deploy_runner.c: the lifecycle runner (control/deploy.c) against a
 * real server, with recording hooks standing in for the proxy.
 *
 * Starts nothing itself: skipped unless CUTOVER_TEST_PG_DSN (a PostgreSQL
 * database, dialect postgres) or CUTOVER_TEST_MZ_DSN (the Materialize
 * emulator, dialect materialize) is set. Each test owns the schemas
 * analytics and marts (and, on Materialize, the cluster compute) in that
 * database: it drops and re-creates them. After every step the server's
 * names are checked with plain libpq. With CUTOVER_TEST_MZ_CONTROL
 * (HOST:PORT of the emulator's fault-knob port) the 40001 retry and the
 * await timeout are exercised too.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/event.h>
#include <libpq-fe.h>

#include "control/deploy.h"
#include "proxy/config.h"

#define OP_BOUND_S 60 /* a runaway op ends the loop (the test then fails), not the suite */

enum barrier_mode {
    BARRIER_QUIESCE, /* report quiesced from the loop */
    BARRIER_TIMEOUT, /* report a timeout with two busy sessions */
    BARRIER_HANG,    /* never report (the op is cancelled meanwhile) */
    BARRIER_RACE,    /* another tool swaps while we wait, then quiesced */
};

static void external_swap(void);

/* What the proxy double saw. */
struct recorder {
    struct event_base *base;
    enum barrier_mode mode;
    int raised;     /* barrier_raise calls */
    int lowered;    /* barrier_lower calls */
    int raised_now; /* raised and not lowered */
    int nrouting;   /* routing_apply calls */
    enum deploy_state routing[16];
    int before_cleanup; /* before_cleanup calls */
    int naudit;         /* audit lines */
    char audit[16][8192];
    enum deploy_state seen; /* last state_seen */
    deploy_barrier_done_fn pending_cb;
    void *pending_op;
};

struct result {
    bool finished;
    bool ok;
    char summary[8192];
    int progress_lines;
    bool saw_hydrating; /* an await progress line said hydrating */
};

static struct recorder rec;
static struct deploy_hooks hooks;
static struct config cfg;
static PGconn *admin;
static const char *dsn;
static bool mz;

static void barrier_fire(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    static const uint64_t busy[] = {7, 9};
    deploy_barrier_done_fn cb = rec.pending_cb;
    rec.pending_cb = NULL;
    if (rec.mode == BARRIER_RACE)
        external_swap();
    if (rec.mode == BARRIER_QUIESCE || rec.mode == BARRIER_RACE)
        cb(rec.pending_op, true, NULL, 0);
    else
        cb(rec.pending_op, false, busy, 2);
}

static bool h_raise(void *arg, int64_t timeout_ms, deploy_barrier_done_fn cb, void *op)
{
    (void)arg;
    (void)timeout_ms;
    if (rec.raised_now)
        return false;
    rec.raised++;
    rec.raised_now = 1;
    rec.pending_cb = cb;
    rec.pending_op = op;
    if (rec.mode == BARRIER_HANG)
        return true;
    struct timeval zero = {0, 0};
    event_base_once(rec.base, -1, EV_TIMEOUT, barrier_fire, NULL, &zero);
    return true;
}

static void h_lower(void *arg, struct deploy_pause_stats *st)
{
    (void)arg;
    rec.lowered++;
    rec.raised_now = 0;
    st->held = 3;
    st->max_us = 1500;
    st->p99_us = 1200;
}

static void h_routing(void *arg, enum deploy_state s)
{
    (void)arg;
    cr_assert(rec.nrouting < 16);
    rec.routing[rec.nrouting++] = s;
}

static void h_before_cleanup(void *arg, deploy_resume_fn cb, void *op)
{
    (void)arg;
    rec.before_cleanup++;
    cb(op); /* nothing to move in this double */
}

static void h_audit(void *arg, const char *line)
{
    (void)arg;
    if (rec.naudit < 16)
        snprintf(rec.audit[rec.naudit], sizeof rec.audit[0], "%s", line);
    rec.naudit++;
}

static void h_seen(void *arg, enum deploy_state s, const char *why)
{
    (void)arg;
    (void)why;
    rec.seen = s;
}

static void on_progress(void *arg, const char *line)
{
    struct result *r = arg;
    r->progress_lines++;
    if (strstr(line, " hydrating ") != NULL)
        r->saw_hydrating = true;
    if (getenv("CUTOVER_TEST_VERBOSE"))
        fprintf(stderr, "  # %s\n", line);
}

static void on_done(void *arg, bool ok, const char *summary)
{
    struct result *r = arg;
    r->finished = true;
    r->ok = ok;
    snprintf(r->summary, sizeof r->summary, "%s", summary);
    event_base_loopexit(rec.base, NULL); /* after this callback: the op frees itself first */
    if (getenv("CUTOVER_TEST_VERBOSE"))
        fprintf(stderr, "  => %s %s\n", ok ? "ok" : "FAILED", summary);
}

typedef struct deploy_op *(*starter_fn)(const struct config *, struct event_base *,
                                        const struct deploy_hooks *, const struct deploy_options *,
                                        deploy_progress_fn, deploy_done_fn, void *);

/* Runs one op to completion on a fresh loop. */
static struct result run(starter_fn start, const struct deploy_options *extra)
{
    struct result r = {0};
    struct deploy_options o;
    if (extra)
        o = *extra;
    else
        deploy_options_init(&o);
    o.dsn = dsn;
    o.peer_uid = 1234;
    o.poll_interval_ms = 200;
    rec.base = event_base_new();
    cr_assert_not_null(rec.base);
    struct deploy_op *op = start(&cfg, rec.base, &hooks, &o, on_progress, on_done, &r);
    cr_assert_not_null(op);
    cr_assert_not(r.finished, "done must not run inside the entry point");
    struct timeval bound = {OP_BOUND_S, 0};
    event_base_loopexit(rec.base, &bound);
    event_base_dispatch(rec.base);
    cr_assert(r.finished, "op did not finish within %d s", OP_BOUND_S);
    event_base_free(rec.base);
    rec.base = NULL;
    return r;
}

static void sq(const char *sql)
{
    PGresult *r = PQexec(admin, sql);
    ExecStatusType st = PQresultStatus(r);
    cr_assert(st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK, "%s: %s", sql,
              PQresultErrorMessage(r));
    PQclear(r);
}

/* First value of a query, "" when no row, "<error>" on error. */
static const char *val(const char *sql)
{
    static char out[1024];
    PGresult *r = PQexec(admin, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        snprintf(out, sizeof out, "<error>");
    else if (PQntuples(r) == 0)
        out[0] = '\0';
    else
        snprintf(out, sizeof out, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    return out;
}

static bool schema_exists(const char *name)
{
    char sql[256];
    if (mz)
        snprintf(sql, sizeof sql, "SELECT count(*) FROM mz_catalog.mz_schemas WHERE name = '%s'",
                 name);
    else
        snprintf(sql, sizeof sql, "SELECT count(*) FROM pg_namespace WHERE nspname = '%s'", name);
    return strcmp(val(sql), "1") == 0;
}

static void drop_all(void)
{
    static const char *const names[] = {"analytics", "marts", "cutover_marker"};
    char sql[256];
    for (size_t i = 0; i < 3; i++) {
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS \"%s_dbt_deploy\" CASCADE", names[i]);
        sq(sql);
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS \"%s\" CASCADE", names[i]);
        sq(sql);
    }
    sq("DROP SCHEMA IF EXISTS analytics_cutover_tmp CASCADE");
    if (mz) {
        sq("DROP CLUSTER IF EXISTS compute_dbt_deploy CASCADE");
        sq("DROP CLUSTER IF EXISTS compute CASCADE");
    }
    sq("DROP ROLE IF EXISTS cutover_reader");
}

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

/* Production: analytics.t and marts.t saying 'old'. */
static bool setup_server(void)
{
    const char *pg = getenv("CUTOVER_TEST_PG_DSN");
    const char *mzd = getenv("CUTOVER_TEST_MZ_DSN");
    mz = pg == NULL && mzd != NULL;
    dsn = pg ? pg : mzd;
    if (dsn == NULL)
        return false;
    admin = PQconnectStart(dsn);
    cr_assert_not_null(admin);
    PQsetNoticeProcessor(admin, quiet, NULL);
    for (PostgresPollingStatusType ps = PGRES_POLLING_WRITING;
         ps != PGRES_POLLING_OK && ps != PGRES_POLLING_FAILED;)
        ps = PQconnectPoll(admin); /* busy-waits a few ms: only the test's own setup */
    cr_assert_eq(PQstatus(admin), CONNECTION_OK, "%s", PQerrorMessage(admin));
    PQclear(PQexec(admin, "SET client_min_messages = warning"));
    drop_all();
    sq("CREATE SCHEMA analytics");
    sq("CREATE SCHEMA marts");
    sq("CREATE TABLE analytics.t (v text)");
    sq("INSERT INTO analytics.t VALUES ('old')");
    sq("CREATE TABLE marts.t (v text)");
    sq("INSERT INTO marts.t VALUES ('old')");
    if (mz)
        sq("CREATE CLUSTER compute (SIZE = '25cc', REPLICATION FACTOR = 1)");
    /* privileges init must copy to the twins */
    sq("CREATE ROLE cutover_reader");
    sq("GRANT USAGE ON SCHEMA analytics TO cutover_reader");
    sq("ALTER DEFAULT PRIVILEGES IN SCHEMA analytics GRANT SELECT ON TABLES TO cutover_reader");
    if (mz)
        sq("GRANT USAGE ON CLUSTER compute TO cutover_reader");

    cr_assert(config_init_defaults(&cfg));
    cfg.backend_dialect = mz ? CONFIG_DIALECT_MATERIALIZE : CONFIG_DIALECT_POSTGRES;
    cfg.nschemas = 2;
    strcpy(cfg.schemas[0], "analytics");
    strcpy(cfg.schemas[1], "marts");
    cfg.nclusters = mz ? 1 : 0;
    if (mz)
        strcpy(cfg.clusters[0], "compute");
    strcpy(cfg.suffix, "_dbt_deploy");

    memset(&rec, 0, sizeof rec);
    hooks = (struct deploy_hooks){.arg = &rec,
                                  .barrier_raise = h_raise,
                                  .barrier_lower = h_lower,
                                  .routing_apply = h_routing,
                                  .before_cleanup = h_before_cleanup,
                                  .audit = h_audit,
                                  .state_seen = h_seen};
    return true;
}

static void setup(void)
{
    if (!setup_server())
        cr_skip_test("CUTOVER_TEST_PG_DSN / CUTOVER_TEST_MZ_DSN not set");
}

static void teardown(void)
{
    if (admin) {
        drop_all();
        PQfinish(admin);
        admin = NULL;
        config_free(&cfg);
    }
}

/* dbt's deploy_promote run around cutover: the names swap, the marker does not. */
static void external_swap(void)
{
    if (mz)
        sq("BEGIN; ALTER SCHEMA analytics SWAP WITH analytics_dbt_deploy; ALTER SCHEMA marts SWAP "
           "WITH marts_dbt_deploy; ALTER CLUSTER compute SWAP WITH compute_dbt_deploy; COMMIT;");
    else
        sq("BEGIN; ALTER SCHEMA analytics RENAME TO x_tmp; ALTER SCHEMA analytics_dbt_deploy "
           "RENAME TO analytics; ALTER SCHEMA x_tmp RENAME TO analytics_dbt_deploy; ALTER SCHEMA "
           "marts RENAME TO y_tmp; ALTER SCHEMA marts_dbt_deploy RENAME TO marts; ALTER SCHEMA "
           "y_tmp RENAME TO marts_dbt_deploy; COMMIT;");
}

/* What dbt run --vars 'deploy: True' would do: build into the twins. */
static void build_new(void)
{
    sq("CREATE TABLE analytics_dbt_deploy.t (v text)");
    sq("INSERT INTO analytics_dbt_deploy.t VALUES ('new')");
    sq("CREATE TABLE marts_dbt_deploy.t (v text)");
    sq("INSERT INTO marts_dbt_deploy.t VALUES ('new')");
    if (mz) /* something to hydrate on the deployment cluster */
        sq("CREATE MATERIALIZED VIEW marts_dbt_deploy.mv IN CLUSTER compute_dbt_deploy AS "
           "SELECT v FROM marts_dbt_deploy.t");
}

/* One line to the emulator's fault-knob port; skips the test without one. */
static void knob(const char *line)
{
    const char *hp = getenv("CUTOVER_TEST_MZ_CONTROL");
    if (!mz || hp == NULL)
        cr_skip_test("needs the emulator and CUTOVER_TEST_MZ_CONTROL");
    char host[64];
    const char *colon = strrchr(hp, ':');
    cr_assert_not_null(colon);
    snprintf(host, sizeof host, "%.*s", (int)(colon - hp), hp);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    cr_assert_eq(inet_pton(AF_INET, host, &a.sin_addr), 1);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    cr_assert_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    char buf[512];
    snprintf(buf, sizeof buf, "%s\n", line);
    cr_assert_eq(write(fd, buf, strlen(buf)), (ssize_t)strlen(buf));
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    cr_assert_gt(n, 0);
    buf[n] = '\0';
    cr_assert(strncmp(buf, "ok", 2) == 0, "%s: %s", line, buf);
}

static void expect_live(const char *want)
{
    cr_expect_str_eq(val("SELECT v FROM analytics.t"), want);
    cr_expect_str_eq(val("SELECT v FROM marts.t"), want);
}

static void expect_status(const char *prefix)
{
    struct result r = run(deploy_status, NULL);
    cr_expect(r.ok, "%s", r.summary);
    cr_expect(strncmp(r.summary, prefix, strlen(prefix)) == 0, "want '%s', got '%s'", prefix,
              r.summary);
}

TestSuite(runner, .init = setup, .fini = teardown, .timeout = 240);

Test(runner, full_cycle)
{
    expect_status("none:");

    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    cr_expect(schema_exists("analytics_dbt_deploy"));
    cr_expect(schema_exists("marts_dbt_deploy"));
    cr_expect(schema_exists("cutover_marker"));
    cr_expect(schema_exists("cutover_marker_dbt_deploy"));
    if (mz)
        cr_expect_str_eq(val("SELECT count(*) FROM mz_catalog.mz_clusters WHERE name = "
                             "'compute_dbt_deploy'"),
                         "1");
    cr_expect_eq(rec.nrouting, 1);
    cr_expect_eq(rec.routing[0], DEPLOY_STATE_DEPLOYING);
    if (mz) {
        cr_expect_str_eq(val("SELECT count(*) FROM mz_catalog.mz_schemas s CROSS JOIN "
                             "mz_internal.mz_aclexplode(s.privileges) a JOIN mz_catalog.mz_roles "
                             "r ON r.id = a.grantee WHERE s.name = 'analytics_dbt_deploy' AND "
                             "r.name = 'cutover_reader' AND a.privilege_type = 'USAGE'"),
                         "1");
        cr_expect_str_eq(val("SELECT count(*) FROM mz_internal.mz_show_default_privileges WHERE "
                             "schema = 'analytics_dbt_deploy' AND grantee = 'cutover_reader' AND "
                             "privilege_type = 'SELECT'"),
                         "1");
        cr_expect_str_eq(val("SELECT count(*) FROM mz_catalog.mz_clusters c CROSS JOIN "
                             "mz_internal.mz_aclexplode(c.privileges) a JOIN mz_catalog.mz_roles "
                             "r ON r.id = a.grantee WHERE c.name = 'compute_dbt_deploy' AND "
                             "r.name = 'cutover_reader' AND a.privilege_type = 'USAGE'"),
                         "1");
    } else {
        cr_expect_str_eq(
            val("SELECT has_schema_privilege('cutover_reader', 'analytics_dbt_deploy', 'USAGE')"),
            "t");
        cr_expect_str_eq(
            val("SELECT has_schema_privilege('cutover_reader', 'marts_dbt_deploy', 'USAGE')"), "f");
        cr_expect_str_eq(val("SELECT count(*) FROM pg_default_acl d JOIN pg_namespace n ON n.oid "
                             "= d.defaclnamespace WHERE n.nspname = 'analytics_dbt_deploy' AND "
                             "d.defaclacl::text LIKE '%cutover_reader=r/%'"),
                         "1");
    }
    cr_expect_eq(rec.seen, DEPLOY_STATE_DEPLOYING);
    expect_status("deploying:");
    build_new();

    /* a second init is refused and changes nothing */
    r = run(deploy_init, NULL);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "nothing changed") != NULL, "%s", r.summary);
    cr_expect(strstr(r.summary, "Deployment schema analytics_dbt_deploy already exists and is "
                                "not empty") != NULL,
              "%s", r.summary);

    /* await (trivially ready on postgres; the emulator hydrates) */
    struct deploy_options ao;
    deploy_options_init(&ao);
    ao.timeout_ms = 30000;
    r = run(deploy_await, &ao);
    cr_expect(r.ok, "await: %s", r.summary);
    if (mz) {
        cr_expect(strstr(r.summary, "compute_dbt_deploy ready 1/1") != NULL, "%s", r.summary);
        cr_expect(r.saw_hydrating, "the first poll should see the view hydrating");
    } else {
        cr_expect_str_eq(r.summary, "ready after 0 ms: no clusters to await");
    }

    /* dry run: the SQL, no change */
    struct deploy_options dry;
    deploy_options_init(&dry);
    dry.dry_run = true;
    r = run(deploy_promote, &dry);
    cr_expect(r.ok, "%s", r.summary);
    cr_expect(strstr(r.summary, "BEGIN; ALTER SCHEMA \"analytics\" ") != NULL, "%s", r.summary);
    cr_expect(strstr(r.summary, "-- routing: production route -> new environment") != NULL, "%s",
              r.summary);
    cr_expect_eq(rec.raised, 0);
    expect_live("old");

    int audits_before = rec.naudit;
    r = run(deploy_promote, NULL);
    cr_assert(r.ok, "promote: %s", r.summary);
    cr_expect(strstr(r.summary, "clients held: 3 statements, max 1.5 ms, p99 1.2 ms") != NULL, "%s",
              r.summary);
    cr_expect(strstr(r.summary, "state promoted") != NULL, "%s", r.summary);
    expect_live("new");
    cr_expect_str_eq(val("SELECT v FROM analytics_dbt_deploy.t"), "old");
    cr_expect_eq(rec.raised, 1);
    cr_expect_eq(rec.lowered, 1);
    cr_expect_eq(rec.routing[rec.nrouting - 1], DEPLOY_STATE_PROMOTED);
    cr_expect_eq(rec.naudit, audits_before + 1);
    const char *audit = rec.audit[rec.naudit - 1];
    cr_expect(strstr(audit, "\"what\":\"deploy promote\"") != NULL, "%s", audit);
    cr_expect(strstr(audit, "\"who\":{\"uid\":1234}") != NULL, "%s", audit);
    cr_expect(strstr(audit, "\"result\":\"ok\"") != NULL, "%s", audit);
    cr_expect(strstr(audit, "\"max_us\":1500") != NULL, "%s", audit);
    cr_expect(strstr(audit, "COMMENT ON SCHEMA \\\"analytics\\\" IS 'Deployment by ") != NULL, "%s",
              audit);
    expect_status("promoted:");

    /* promoting twice is refused */
    r = run(deploy_promote, NULL);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "cannot promote: state is promoted") != NULL, "%s", r.summary);
    expect_live("new");

    r = run(deploy_rollback, NULL);
    cr_assert(r.ok, "rollback: %s", r.summary);
    expect_live("old");
    cr_expect_eq(rec.routing[rec.nrouting - 1], DEPLOY_STATE_DEPLOYING);
    cr_expect_eq(rec.raised, 2);
    cr_expect_eq(rec.lowered, 2);
    expect_status("deploying:");

    r = run(deploy_promote, NULL);
    cr_assert(r.ok, "promote again: %s", r.summary);
    expect_live("new");

    r = run(deploy_cleanup, NULL);
    cr_assert(r.ok, "cleanup: %s", r.summary);
    cr_expect_eq(rec.before_cleanup, 1);
    cr_expect_eq(rec.routing[rec.nrouting - 1], DEPLOY_STATE_NONE);
    cr_expect_not(schema_exists("analytics_dbt_deploy"));
    cr_expect_not(schema_exists("marts_dbt_deploy"));
    cr_expect_not(schema_exists("cutover_marker"));
    cr_expect_not(schema_exists("cutover_marker_dbt_deploy"));
    if (mz)
        cr_expect_str_eq(val("SELECT count(*) FROM mz_catalog.mz_clusters WHERE name = "
                             "'compute_dbt_deploy'"),
                         "0");
    expect_live("new");
    expect_status("none:");
}

Test(runner, barrier_timeout_changes_nothing)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    int routes = rec.nrouting;
    rec.mode = BARRIER_TIMEOUT;
    r = run(deploy_promote, NULL);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "sessions still busy: C-7, C-9") != NULL, "%s", r.summary);
    cr_expect(strstr(r.summary, "ZC003") != NULL, "%s", r.summary);
    cr_expect_eq(rec.lowered, 1, "the barrier is lowered after a timeout");
    cr_expect_eq(rec.nrouting, routes, "routing untouched");
    expect_live("old");
    expect_status("deploying:");
}

Test(runner, failed_swap_rolls_back)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    int routes = rec.nrouting;
    /* postgres: the swap fails half-way (the temporary name is taken) and is
     * rolled back. Materialize: a twin dropped behind our back is caught by
     * the check before any barrier (a failing swap there is the 40001 test) */
    if (mz)
        sq("DROP SCHEMA marts_dbt_deploy CASCADE");
    else
        sq("CREATE SCHEMA analytics_cutover_tmp");
    r = run(deploy_promote, NULL);
    cr_expect_not(r.ok);
    if (!mz)
        cr_expect(strstr(r.summary, "SQLSTATE 42P06") != NULL, "%s", r.summary);
    cr_expect_eq(rec.nrouting, routes, "routing untouched");
    cr_expect_eq(rec.raised, mz ? 0 : 1);
    cr_expect_eq(rec.lowered, rec.raised);
    expect_live("old");
    cr_expect_str_eq(val("SELECT v FROM analytics_dbt_deploy.t"), "new");
}

Test(runner, external_swap_is_recognized)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    external_swap(); /* dbt's deploy_promote, around cutover: no marker swap */
    struct result s = run(deploy_status, NULL);
    cr_expect(strncmp(s.summary, "promoted:", 9) == 0, "%s", s.summary);
    cr_expect(strstr(s.summary, "outside cutover") != NULL, "%s", s.summary);
    /* cutover can roll it back, and the marker comes back in line */
    r = run(deploy_rollback, NULL);
    cr_assert(r.ok, "rollback: %s", r.summary);
    expect_live("old");
    s = run(deploy_status, NULL);
    cr_expect(strstr(s.summary, "(cutover marker agrees)") != NULL, "%s", s.summary);
}

Test(runner, init_checks_refuse_without_change)
{
    sq("DROP SCHEMA marts CASCADE");
    struct result r = run(deploy_init, NULL);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "Production schema marts does not exist") != NULL, "%s", r.summary);
    cr_expect_not(schema_exists("analytics_dbt_deploy"));
    cr_expect_not(schema_exists("cutover_marker"));
    cr_expect_eq(rec.nrouting, 0);
}

Test(runner, unreachable_server_fails_cleanly)
{
    struct deploy_options o;
    deploy_options_init(&o);
    o.connect_timeout_ms = 2000;
    struct result r = {0};
    rec.base = event_base_new();
    o.dsn = "host=127.0.0.1 port=1 connect_timeout=2";
    struct deploy_op *op = deploy_status(&cfg, rec.base, &hooks, &o, on_progress, on_done, &r);
    cr_assert_not_null(op);
    struct timeval bound = {OP_BOUND_S, 0};
    event_base_loopexit(rec.base, &bound);
    event_base_dispatch(rec.base);
    event_base_free(rec.base);
    rec.base = NULL;
    cr_assert(r.finished);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "08006") != NULL, "%s", r.summary);
}

Test(runner, concurrent_ddl_is_retried_under_the_barrier)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    knob("fail_next_swap");
    r = run(deploy_promote, NULL);
    cr_assert(r.ok, "promote: %s", r.summary);
    cr_expect(strstr(r.summary, "after 40001 retries") != NULL, "%s", r.summary);
    cr_expect_eq(rec.raised, 1, "one barrier for all attempts");
    cr_expect_eq(rec.lowered, 1);
    cr_expect(strstr(rec.audit[rec.naudit - 1], "\"retries\":1") != NULL, "%s",
              rec.audit[rec.naudit - 1]);
    expect_live("new");
    expect_status("promoted:");
}

Test(runner, concurrent_ddl_without_retries_fails_cleanly)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    int routes = rec.nrouting;
    knob("fail_next_swap");
    struct deploy_options o;
    deploy_options_init(&o);
    o.max_retries = 0;
    r = run(deploy_promote, &o);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "(SQLSTATE 40001); rolled back: names and routing unchanged") !=
                  NULL,
              "%s", r.summary);
    cr_expect_eq(rec.nrouting, routes);
    cr_expect_eq(rec.lowered, 1);
    expect_live("old");
    expect_status("deploying:");
}

Test(runner, await_timeout_names_the_laggards)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    knob("stall_hydration compute_dbt_deploy on");
    build_new();
    struct deploy_options o;
    deploy_options_init(&o);
    o.timeout_ms = 1500;
    r = run(deploy_await, &o);
    knob("stall_hydration compute_dbt_deploy off");
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "await timed out") != NULL, "%s", r.summary);
    cr_expect(strstr(r.summary, "not ready: compute_dbt_deploy hydrating 0/1") != NULL, "%s",
              r.summary);
}

static struct deploy_op *to_cancel;

static void cancel_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
    deploy_cancel(to_cancel);
    event_base_loopexit(rec.base, NULL);
}

Test(runner, cancel_while_holding_the_barrier)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    int routes = rec.nrouting;
    rec.mode = BARRIER_HANG;
    struct deploy_options o;
    deploy_options_init(&o);
    o.dsn = dsn;
    struct result c = {0};
    rec.base = event_base_new();
    to_cancel = deploy_promote(&cfg, rec.base, &hooks, &o, on_progress, on_done, &c);
    cr_assert_not_null(to_cancel);
    struct timeval later = {0, 300 * 1000};
    event_base_once(rec.base, -1, EV_TIMEOUT, cancel_cb, NULL, &later);
    struct timeval bound = {OP_BOUND_S, 0};
    event_base_loopexit(rec.base, &bound);
    event_base_dispatch(rec.base);
    event_base_free(rec.base);
    rec.base = NULL;
    cr_expect_not(c.finished, "done is not called after deploy_cancel");
    cr_expect_eq(rec.raised, 1);
    cr_expect_eq(rec.lowered, 1, "cancel lowers the barrier it raised");
    cr_expect_eq(rec.nrouting, routes);
    expect_live("old");
    expect_status("deploying:");
}

Test(runner, await_without_init_fails_at_once)
{
    if (!mz)
        cr_skip_test("postgres has no clusters to await");
    struct deploy_options o;
    deploy_options_init(&o); /* no timeout: must not poll forever */
    struct result r = run(deploy_await, &o);
    cr_expect_not(r.ok);
    cr_expect_str_eq(r.summary, "await: deployment cluster compute_dbt_deploy not found (run "
                                "deploy init)");
}

Test(runner, state_is_checked_again_under_the_barrier)
{
    struct result r = run(deploy_init, NULL);
    cr_assert(r.ok, "init: %s", r.summary);
    build_new();
    int routes = rec.nrouting;
    rec.mode = BARRIER_RACE; /* someone promotes while we wait for the barrier */
    r = run(deploy_promote, NULL);
    cr_expect_not(r.ok);
    cr_expect(strstr(r.summary, "cannot promote: state is promoted") != NULL, "%s", r.summary);
    cr_expect_eq(rec.lowered, 1);
    cr_expect_eq(rec.nrouting, routes, "routing untouched");
    expect_live("new"); /* their swap stands; ours did not swap it back */
}
