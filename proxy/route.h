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

struct rewrite_map;

struct route_entry {
    bool available;                        /* may a session use this route now? */
    struct rewrite_map *map;               /* owned; NULL = identity (no rewrite) */
    char cluster[2 * CONFIG_NAME_MAX + 2]; /* default cluster for a session that set
                                              none; "" = leave the session's default */
};

struct routing_table {
    unsigned refs;       /* owners: the proxy (current table) + sessions pinned to it */
    uint64_t generation; /* increases by one per replacement */
    struct route_entry routes[ROUTE_COUNT]; /* indexed by enum route */
    char suffix[CONFIG_NAME_MAX + 1];       /* the deployment suffix the maps apply */
};

/*
 * Builds the table for a configuration: production is the identity; deploy
 * renames every configured schema and cluster to name+suffix and is available
 * iff [deployment] lists a schema or cluster; previous uses the deploy map
 * and is available iff `previous_available` (after a promote). Returns a
 * table with refs == 1, or NULL on allocation failure.
 */
struct routing_table *routing_table_new(const struct config *c, uint64_t generation,
                                        bool previous_available);
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
