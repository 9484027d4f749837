/*
 * deploy_plan.h: the deployment lifecycle as pure functions, no I/O.
 *
 * From the deployment settings (struct deploy_spec) and a snapshot of the
 * server's catalog (struct deploy_catalog, read by deploy_catalog.c) this
 * module decides: which checks fail (with the dbt-materialize deploy macros'
 * messages), the SQL of every step (init, promote, post-swap, cleanup,
 * rollback), the dry-run text, and the deployment state.
 *
 * The truth lives on the server: init creates a marker schema pair
 * `<marker>` and `<marker><suffix>` whose COMMENTs record, as key=value words,
 * which side each one is and the ids of every configured schema and cluster
 * and of its deploy twin. The swap transaction swaps the marker pair together
 * with the real schemas and clusters, so the record flips atomically with the
 * names; deploy_state_derive() reads it back and verifies it with the ids.
 * The derivation is a function of the catalog alone, so several cutoverd
 * instances in front of one database agree.
 */
#ifndef CUTOVER_CONTROL_DEPLOY_PLAN_H
#define CUTOVER_CONTROL_DEPLOY_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "proxy/config.h"

#define DEPLOY_MARKER_DEFAULT "cutover_marker" /* marker schema name when none is configured */
#define DEPLOY_ID_MAX         32               /* "u123", or a PostgreSQL OID as text */
#define DEPLOY_WORD_MAX       64               /* privilege or object type words, sizes */
#define DEPLOY_MAX_GRANTS     32               /* grants read per schema or cluster */
#define DEPLOY_MAX_DEFPRIVS   32               /* default privileges read per schema */
#define DEPLOY_MAX_SINKS      64               /* sinks re-pointed by a promote */
#define DEPLOY_MAX_ROLES      32               /* roles the current role is a member of */
#define DEPLOY_COMMENT_MAX    16384            /* a marker comment: 64 names x 2 ids fit */
#define DEPLOY_EXPLAIN_MAX    2048             /* a state explanation */

/* The deployment state, as derived from the server's catalog. */
enum deploy_state {
    DEPLOY_STATE_NONE,         /* no deploy twins: production is all there is */
    DEPLOY_STATE_DEPLOYING,    /* twins exist and production names hold the old objects */
    DEPLOY_STATE_PROMOTED,     /* swapped: production names hold the new objects */
    DEPLOY_STATE_INCONSISTENT, /* some swapped, some not, or ids nobody recorded */
};

/* "none", "deploying", "promoted", "inconsistent". */
const char *deploy_state_name(enum deploy_state s);

/* What a deployment is made of; copied from the config when an operation starts. */
struct deploy_spec {
    enum config_dialect dialect; /* materialize: SWAP; postgres: renames */
    size_t nschemas;             /* production schemas, config order */
    char schemas[CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1];
    size_t nclusters; /* production clusters; 0 for postgres */
    char clusters[CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1];
    char suffix[CONFIG_NAME_MAX + 1]; /* "_dbt_deploy" */
    char marker[CONFIG_NAME_MAX + 1]; /* marker schema, DEPLOY_MARKER_DEFAULT */
};

/*
 * Fills `s` from the config. `marker` NULL or "" means DEPLOY_MARKER_DEFAULT.
 * For the postgres dialect the cluster list is dropped (no clusters there).
 */
void deploy_spec_from_config(struct deploy_spec *s, const struct config *c, const char *marker);

/* "<name><suffix>" into out (CONFIG_NAME_MAX*2+2 bytes is always enough). */
void deploy_twin_name(const struct deploy_spec *s, const char *name, char *out, size_t outlen);

struct deploy_grant {
    char grantee[CONFIG_NAME_MAX + 1]; /* role name; "PUBLIC" for the public pseudo-role */
    char privilege[DEPLOY_WORD_MAX];   /* "USAGE", "CREATE", ... */
};

struct deploy_default_priv {
    char owner[CONFIG_NAME_MAX + 1];   /* FOR ROLE owner; "PUBLIC" = FOR ALL ROLES */
    char object_type[DEPLOY_WORD_MAX]; /* singular, lower case: "table", "type", "secret" */
    char grantee[CONFIG_NAME_MAX + 1]; /* role name or "PUBLIC" */
    char privilege[DEPLOY_WORD_MAX];   /* "SELECT", ... */
};

/* One schema or cluster as the catalog shows it under one name. */
struct deploy_object {
    bool exists;                     /* a schema/cluster has this name */
    char id[DEPLOY_ID_MAX];          /* its id ("u12") or OID */
    char owner[CONFIG_NAME_MAX + 1]; /* owning role's name */
    bool has_sinks;                  /* a sink lives in it */
    bool has_objects;                /* it holds user objects (deploy twins: refuse init) */
    size_t ngrants;                  /* entries used in grants */
    struct deploy_grant grants[DEPLOY_MAX_GRANTS]; /* its ACL, exploded */
};

struct deploy_schema_info {
    struct deploy_object prod;                                /* under the configured name */
    struct deploy_object twin;                                /* under name+suffix */
    size_t ndefprivs;                                         /* entries used in defprivs */
    struct deploy_default_priv defprivs[DEPLOY_MAX_DEFPRIVS]; /* of the production schema */
};

struct deploy_cluster_info {
    struct deploy_object prod;                /* under the configured name */
    struct deploy_object twin;                /* under name+suffix */
    bool managed;                             /* production cluster is managed */
    char size[DEPLOY_WORD_MAX];               /* production size, "" if NULL */
    int replication_factor;                   /* -1 if NULL */
    bool on_refresh;                          /* schedule type is on-refresh */
    char hydration_estimate[DEPLOY_WORD_MAX]; /* refresh_hydration_time_estimate, "" if NULL */
};

/* A marker schema: exists, and its COMMENT (the record). */
struct deploy_marker {
    bool exists;                      /* a schema has this name */
    char id[DEPLOY_ID_MAX];           /* its id */
    bool has_comment;                 /* a comment is set */
    char comment[DEPLOY_COMMENT_MAX]; /* the comment text */
};

/* A sink whose upstream lives in a deployed schema (either name). */
struct deploy_sink {
    char database[CONFIG_NAME_MAX + 1];    /* the sink's database */
    char schema[CONFIG_NAME_MAX + 1];      /* the sink's schema */
    char name[CONFIG_NAME_MAX + 1];        /* the sink */
    char up_database[CONFIG_NAME_MAX + 1]; /* upstream's database */
    char up_schema[CONFIG_NAME_MAX + 1];   /* the PRODUCTION schema name (suffix stripped) */
    char up_name[CONFIG_NAME_MAX + 1];     /* upstream object's name */
};

/* A snapshot of everything the lifecycle needs; schemas/clusters in spec order. */
struct deploy_catalog {
    char current_role[CONFIG_NAME_MAX + 1];                /* current_role */
    char database[CONFIG_NAME_MAX + 1];                    /* current_database() */
    bool superuser;                                        /* bypasses privilege checks */
    bool create_cluster;                                   /* CREATECLUSTER system privilege */
    bool db_create;                                        /* CREATE on the database */
    bool db_usage;                                         /* USAGE (PostgreSQL: CONNECT) */
    size_t nmember_of;                                     /* entries used in member_of */
    char member_of[DEPLOY_MAX_ROLES][CONFIG_NAME_MAX + 1]; /* roles whose rights we inherit */
    size_t nschemas;                                       /* == spec->nschemas */
    struct deploy_schema_info schemas[CONFIG_MAX_LIST];    /* spec order */
    size_t nclusters;                                      /* == spec->nclusters */
    struct deploy_cluster_info clusters[CONFIG_MAX_LIST];  /* spec order */
    struct deploy_marker marker;                           /* schema named <marker> */
    struct deploy_marker marker_twin;                      /* schema named <marker><suffix> */
    size_t nsinks;                                         /* entries used in sinks */
    struct deploy_sink sinks[DEPLOY_MAX_SINKS];            /* sinks to re-point */
};

/* Empties `cat` and sizes its schema/cluster arrays for `s`. */
void deploy_catalog_reset(struct deploy_catalog *cat, const struct deploy_spec *s);

/* A growable list of malloc'd lines (statements, check failures). */
struct deploy_lines {
    char **v;   /* v[0..n) */
    size_t n;   /* lines */
    size_t cap; /* allocated slots */
    bool oom;   /* an append failed: the list is incomplete */
};

void deploy_lines_free(struct deploy_lines *l);
/* Appends a printf-formatted line; false (and l->oom) on allocation failure. */
bool deploy_lines_addf(struct deploy_lines *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* All lines joined with `sep`; malloc'd (caller frees), NULL on allocation failure. */
char *deploy_lines_join(const struct deploy_lines *l, const char *sep);

/* Quoting. `"` doubled inside "..."; `'` doubled inside '...'. Return malloc'd or NULL. */
char *deploy_quote_ident(const char *name);
char *deploy_quote_literal(const char *text);

/* The derived state, with a human explanation. */
struct deploy_state_info {
    enum deploy_state state;              /* the verdict */
    bool marker_present;                  /* a readable cutover record exists */
    bool marker_swapped;                  /* the record under <marker> says side=deploy */
    bool marker_agrees;                   /* record side == what the ids show */
    char explanation[DEPLOY_EXPLAIN_MAX]; /* one line for status and errors */
};

/*
 * Derives the state from the catalog alone:
 * - no twins: NONE (leftover markers are mentioned: an interrupted cleanup);
 * - twins and no readable marker: DEPLOYING, "no cutover marker";
 * - otherwise each configured schema/cluster's current production id is
 *   compared with the recorded production id (not swapped) and deploy id
 *   (swapped). All not swapped: DEPLOYING; all swapped: PROMOTED; a mix or an
 *   unknown id: INCONSISTENT naming which. When the ids and the marker
 *   disagree (a swap made outside cutover) the ids win and the explanation
 *   says so.
 */
void deploy_state_derive(const struct deploy_spec *s, const struct deploy_catalog *cat,
                         struct deploy_state_info *out);

/*
 * The record written on a marker: "cutover=1 side=<production|deploy>
 * created=<iso> by=<role> schema.<name>=<id> ... cluster.<name>=<id> ...",
 * production and twin ids of every configured schema then cluster. Names are
 * %-encoded where they hold a space, '=', '%' or a control byte. Malloc'd.
 */
char *deploy_marker_record(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           bool deploy_side, const char *created_iso, const char *by);

/* Looks `key` up in a record; copies its (decoded) value. False if absent. */
bool deploy_record_get(const char *record, const char *key, char *out, size_t outlen);

/*
 * Checks. Each appends one message per failure to `fail` and returns true
 * when nothing failed. Messages are the macros' where they have one:
 * "Production schema X does not exist", "Production cluster X is not
 * managed", "Deployment schema X_dbt_deploy already exists and is not empty",
 * "role R does not own schema X", ...
 */
bool deploy_check_init(const struct deploy_spec *s, const struct deploy_catalog *cat,
                       struct deploy_lines *fail);
/* Promote: both sides exist and are owned, state DEPLOYING. */
bool deploy_check_promote(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          struct deploy_lines *fail);
/* Rollback: both sides exist and are owned, state PROMOTED. */
bool deploy_check_rollback(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           struct deploy_lines *fail);
/* Cleanup: refused only when the state is INCONSISTENT. */
bool deploy_check_cleanup(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          struct deploy_lines *fail);

/*
 * Init, phase 1: CREATE SCHEMA for each missing schema twin, CREATE CLUSTER
 * (same size and replication factor, or the on-refresh schedule) for each
 * missing cluster twin, and CREATE SCHEMA for each missing marker.
 */
bool deploy_plan_init_create(const struct deploy_spec *s, const struct deploy_catalog *cat,
                             struct deploy_lines *out);
/*
 * Init, phase 2, from a catalog read after phase 1 (the twins' own grants are
 * known then): per schema the copied default privileges, REVOKE of every twin
 * grant except none/mz_system/mz_support/current role, GRANT of every
 * production grant; the same grants per cluster; then the two marker COMMENTs.
 */
bool deploy_plan_init_privileges(const struct deploy_spec *s, const struct deploy_catalog *cat,
                                 const char *now_iso, struct deploy_lines *out);

/*
 * The swap transaction as ONE simple-Query string (promote and rollback):
 * materialize: BEGIN; ALTER SCHEMA "s" SWAP WITH "s_dbt_deploy"; ... ALTER
 * CLUSTER ...; [marker swap;] COMMIT; postgres: three renames per schema
 * through "<s>_cutover_tmp". The marker pair is swapped when both markers
 * exist and their record agrees with the ids (after a swap made outside
 * cutover it is left alone, which brings it back in line). Malloc'd.
 */
char *deploy_plan_swap(const struct deploy_spec *s, const struct deploy_catalog *cat);

/*
 * After the swap, outside its transaction, one statement each: COMMENT ON
 * SCHEMA "s" IS 'Deployment by <user> on <time>' per schema, then (materialize)
 * ALTER SINK "db"."sch"."sink" SET FROM "db"."s"."object" per sink. `user`
 * NULL leaves the comments out (rollback re-points the sinks only).
 */
bool deploy_plan_post_swap(const struct deploy_spec *s, const struct deploy_catalog *cat,
                           const char *user, const char *now_iso, struct deploy_lines *out);

/* DROP SCHEMA IF EXISTS twins CASCADE, DROP CLUSTER IF EXISTS twins CASCADE,
 * then the marker pair. */
bool deploy_plan_cleanup(const struct deploy_spec *s, struct deploy_lines *out);

enum deploy_action {
    DEPLOY_ACTION_INIT,
    DEPLOY_ACTION_PROMOTE,
    DEPLOY_ACTION_ROLLBACK,
    DEPLOY_ACTION_CLEANUP,
};

/* "init", "promote", "rollback", "cleanup". */
const char *deploy_action_name(enum deploy_action a);

/*
 * The routing change an action makes, e.g. for promote "production route ->
 * new environment (analytics=u15, compute=u7), deploy route -> unavailable,
 * previous route -> old environment (analytics=u12, compute=u2)". Malloc'd.
 */
char *deploy_plan_routing_text(const struct deploy_spec *s, const struct deploy_catalog *cat,
                               enum deploy_action a);

/*
 * The dry-run text of an action: the checks that fail (if any), the exact SQL
 * (for init, phase 2 as it would be from this catalog), and the routing
 * change. Malloc'd, NULL on allocation failure.
 */
char *deploy_plan_dry_run(const struct deploy_spec *s, const struct deploy_catalog *cat,
                          enum deploy_action a, const char *user, const char *now_iso);

#endif
