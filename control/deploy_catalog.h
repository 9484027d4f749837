/*
 * deploy_catalog.h: the SQL that reads a struct deploy_catalog (and the
 * await status) from Materialize or PostgreSQL, and the parsing of the
 * PGresults into those structs. No I/O: deploy.c sends the text and hands
 * back the results, tests build PGresults by hand (PQmakeEmptyPGresult).
 *
 * A catalog is read by running every query of enum deploy_catalog_query in
 * order (skipping those deploy_catalog_sql() returns NULL for) and parsing
 * each result with deploy_catalog_parse() into a struct that was
 * deploy_catalog_reset() first.
 */
#ifndef CUTOVER_CONTROL_DEPLOY_CATALOG_H
#define CUTOVER_CONTROL_DEPLOY_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "control/deploy_plan.h"

enum deploy_catalog_query {
    DEPLOY_Q_SESSION,        /* role, database, superuser, CREATECLUSTER, database privileges */
    DEPLOY_Q_ROLES,          /* roles the current role is a member of */
    DEPLOY_Q_SCHEMAS,        /* configured schemas, twins, markers: id, owner, sinks, comment */
    DEPLOY_Q_SCHEMA_GRANTS,  /* their ACLs, exploded */
    DEPLOY_Q_DEFAULT_PRIVS,  /* default privileges of the production schemas */
    DEPLOY_Q_CLUSTERS,       /* configured clusters and twins (materialize only) */
    DEPLOY_Q_CLUSTER_GRANTS, /* their ACLs (materialize only) */
    DEPLOY_Q_SINKS,          /* sinks reading from a deployed schema (materialize only) */
};
#define DEPLOY_Q_COUNT 8

/* "session", "roles", ... for error messages. */
const char *deploy_catalog_query_name(enum deploy_catalog_query q);

/*
 * The SQL of one catalog query for the spec's dialect, malloc'd; NULL when
 * the query does not apply (clusters and sinks on PostgreSQL) or on
 * allocation failure (*oom set then).
 */
char *deploy_catalog_sql(const struct deploy_spec *s, enum deploy_catalog_query q, bool *oom);

/*
 * Parses the PGRES_TUPLES_OK result of query q into `cat`. False with a
 * one-line reason in err when the result has an unexpected shape or a limit
 * (DEPLOY_MAX_*) is exceeded.
 */
bool deploy_catalog_parse(const struct deploy_spec *s, enum deploy_catalog_query q,
                          const PGresult *r, struct deploy_catalog *cat, char *err, size_t errlen);

/*
 * A swap whose answer was lost (commit in doubt): the query a new connection
 * polls until the server session `backend_key` (the BackendKeyData process
 * id of the lost connection) has ended, so that its transaction is either
 * committed or rolled back when the catalog is read. One row while the
 * session lives. PostgreSQL: from pg_stat_activity, and the row's
 * pg_terminate_backend() ends a session that still runs (frozen, or idle in
 * the swap's transaction behind a cut network); Materialize has no
 * pg_terminate_backend: mz_internal.mz_sessions, by connection_id. Malloc'd;
 * NULL on allocation failure.
 */
char *deploy_session_alive_sql(const struct deploy_spec *s, uint32_t backend_key);

/* ---- await ---- */

enum deploy_cluster_status {
    DEPLOY_CLUSTER_READY,     /* everything hydrated and under the lag threshold (or empty) */
    DEPLOY_CLUSTER_HYDRATING, /* best replica has fewer hydrated objects than exist */
    DEPLOY_CLUSTER_LAGGING,   /* hydrated, but the worst lag is over the threshold */
    DEPLOY_CLUSTER_FAILING,   /* missing, no replicas, or every replica oom-killed >= 3x/24h */
};

/* "ready", "hydrating", "lagging", "failing". */
const char *deploy_cluster_status_name(enum deploy_cluster_status st);

struct deploy_await_cluster {
    char name[2 * CONFIG_NAME_MAX + 2];         /* the deployment cluster, name+suffix */
    enum deploy_cluster_status status;          /* classification of this poll */
    long hydrated;                              /* objects hydrated on the best replica */
    long total;                                 /* indexes and materialized views on it */
    long replicas;                              /* replicas it has */
    int64_t worst_lag_ms;                       /* -1 if no lag is known */
    char worst_object[2 * CONFIG_NAME_MAX + 2]; /* "<id> <name>" of the worst lag, "" if none */
    char reason[128];                           /* why failing, "" otherwise */
};

struct deploy_await_status {
    size_t n; /* clusters, spec order */
    struct deploy_await_cluster clusters[CONFIG_MAX_LIST];
    bool all_ready; /* every cluster READY */
};

/*
 * The one await query (materialize): one row per deployment cluster with
 * (name, exists, replicas, problematic replicas, total objects, hydrated on
 * the best replica, worst lag in ms, worst object). NULL for postgres (await
 * is trivially ready there) or on allocation failure (*oom set).
 */
char *deploy_await_sql(const struct deploy_spec *s, bool *oom);

/*
 * Parses the await result and classifies each cluster against
 * lag_threshold_ms. A cluster with replicas and no objects is READY (the
 * macro's left join reads it as hydrating forever; cutover does not).
 */
bool deploy_await_parse(const struct deploy_spec *s, const PGresult *r, int64_t lag_threshold_ms,
                        struct deploy_await_status *out, char *err, size_t errlen);

/* Everything ready for a spec without clusters (postgres). */
void deploy_await_trivial(const struct deploy_spec *s, struct deploy_await_status *out);

/*
 * One progress line: "compute_dbt_deploy hydrating 3/5 lag 2100ms (u42
 * orders); ..."; with only_laggards, only clusters that are not ready.
 * Malloc'd.
 */
char *deploy_await_summary(const struct deploy_await_status *st, bool only_laggards);

#endif
