/*
 * route.h: which environment a session talks to, and the routing table that
 * maps each route to its name rewrites.
 *
 * The table is immutable once built and replaced as a whole
 * (proxy_set_routing_table). It is reference counted: a session keeps the
 * table it took for as long as it is inside a transaction block, so an old
 * generation lives until its last session lets go.
 */
#ifndef CUTOVER_PROXY_ROUTE_H
#define CUTOVER_PROXY_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxy/config.h"

enum route {
    ROUTE_PRODUCTION, /* the live environment, names unchanged */
    ROUTE_DEPLOY,     /* the environment being deployed: names get the suffix */
    ROUTE_PREVIOUS,   /* after a promote: the environment that was live before */
};
#define ROUTE_COUNT 3

/* "production", "deploy", "previous". */
const char *route_name(enum route r);
/* Parses a route name (case-insensitive); false if unknown. */
bool route_parse(const char *s, enum route *out);

/*
 * What the deployment lifecycle last said about the server: with the config,
 * the only input of the routing policy. control/ maps its deployment states
 * onto these (proxy/ does not know the lifecycle); the proxy keeps the phase
 * across reloads, so that a reload builds the same routes again.
 */
enum route_phase {
    ROUTE_PHASE_UNKNOWN,   /* not derived (yet), or no [admin] dsn: the config alone decides */
    ROUTE_PHASE_NONE,      /* no deployment: the suffixed names do not exist */
    ROUTE_PHASE_DEPLOYING, /* init ran: the suffixed names are the new environment */
    ROUTE_PHASE_PROMOTED,  /* swapped: the suffixed names are the environment that was live */
    ROUTE_PHASE_IN_DOUBT,  /* a swap's outcome is unknown: which environment the suffixed
                              names hold is not known, so only production opens */
};
#define ROUTE_PHASE_COUNT 5

/* "unknown", "none", "deploying", "promoted", "in doubt". */
const char *route_phase_name(enum route_phase ph);

struct rewrite_map;

struct route_entry {
    bool available;                        /* may a session use this route now? */
    struct rewrite_map *map;               /* owned; NULL = identity (no rewrite) */
    char cluster[2 * CONFIG_NAME_MAX + 2]; /* default cluster for a session that set
                                              none; "" = leave the session's default */
};

struct routing_table {
    unsigned refs;          /* owners: the proxy (current table) + sessions pinned to it */
    uint64_t generation;    /* increases by one per replacement */
    enum route_phase phase; /* the lifecycle phase it was built for */
    struct route_entry routes[ROUTE_COUNT]; /* indexed by enum route */
    char suffix[CONFIG_NAME_MAX + 1];       /* the deployment suffix the maps apply */
};

/*
 * The routing policy: may a new session use route `r` under config `c` in
 * `phase`? Production always. Deploy and previous need a [deployment] (a
 * schema or cluster); then deploy is open in UNKNOWN and DEPLOYING (without a
 * deployment its names would show the server's "does not exist", or let a
 * client create them behind init's checks: ZC001 "no deployment in
 * progress"), previous only in PROMOTED; neither IN_DOUBT. Pure.
 */
bool route_available(const struct config *c, enum route_phase phase, enum route r);

/*
 * Builds the table for a configuration and phase: production is the identity;
 * deploy and previous rename every configured schema and cluster to
 * name+suffix; availability is route_available(). Returns a table with
 * refs == 1, or NULL on allocation failure.
 */
struct routing_table *routing_table_new(const struct config *c, uint64_t generation,
                                        enum route_phase phase);
/* True when `a` and `b` open the same routes. */
bool routing_table_same_availability(const struct routing_table *a, const struct routing_table *b);
/* Takes another reference; returns `t`. */
struct routing_table *routing_table_ref(struct routing_table *t);
/* Drops a reference; frees the table and its maps at zero. NULL is a no-op. */
void routing_table_unref(struct routing_table *t);

/*
 * Rewrites one startup parameter value (search_path, cluster, options ...)
 * through `t`'s map for route `r`. Returns a malloc'd string in *out when it
 * changed (caller frees), NULL in *out when unchanged; false on allocation
 * failure.
 */
bool route_rewrite_setting(const struct routing_table *t, enum route r, const char *name,
                           const char *value, char **out);

/* What route_rewrite_sql did. */
enum route_sql_result {
    ROUTE_SQL_UNCHANGED, /* *out untouched: send the original */
    ROUTE_SQL_CHANGED,   /* *out is malloc'd (caller frees), *out_len bytes, no NUL counted */
    ROUTE_SQL_NOMEM,     /* allocation failed */
};

/* Rewrites one statement's names through map `m` (NULL = identity). */
enum route_sql_result route_rewrite_sql(const struct rewrite_map *m, const char *sql, size_t len,
                                        char **out, size_t *out_len);

#endif
