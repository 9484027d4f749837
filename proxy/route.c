/*
 * route.c: route names and the routing policy: the routing table built from
 * [deployment] and the lifecycle phase, and which routes it opens.
 */
#include "proxy/route.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "protocol/rewrite.h"

static const char *const route_names[ROUTE_COUNT] = {"production", "deploy", "previous"};

const char *route_name(enum route r)
{
    if ((unsigned)r >= ROUTE_COUNT)
        return "invalid";
    return route_names[r];
}

const char *route_phase_name(enum route_phase ph)
{
    static const char *const names[ROUTE_PHASE_COUNT] = {"unknown", "none", "deploying", "promoted",
                                                         "in doubt"};
    if ((unsigned)ph >= ROUTE_PHASE_COUNT)
        return "invalid";
    return names[ph];
}

bool route_available(const struct config *c, enum route_phase phase, enum route r)
{
    bool deployment = c->nschemas > 0 || c->nclusters > 0;
    switch (r) {
    case ROUTE_PRODUCTION:
        return true;
    case ROUTE_DEPLOY:
        return deployment && (phase == ROUTE_PHASE_UNKNOWN || phase == ROUTE_PHASE_DEPLOYING);
    case ROUTE_PREVIOUS:
        return deployment && phase == ROUTE_PHASE_PROMOTED;
    }
    return false;
}

bool route_parse(const char *s, enum route *out)
{
    for (int i = 0; i < ROUTE_COUNT; i++) {
        if (strcasecmp(s, route_names[i]) == 0) {
            *out = (enum route)i;
            return true;
        }
    }
    return false;
}

/* A rewrite map with its own storage; `map` first so a rewrite_map pointer
 * to it is also the allocation's address. */
struct route_names {
    struct rewrite_map map;
    struct rewrite_pair schemas[CONFIG_MAX_LIST];
    struct rewrite_pair clusters[CONFIG_MAX_LIST];
    char from[2 * CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1];
    char to[2 * CONFIG_MAX_LIST][2 * CONFIG_NAME_MAX + 2];
};

/* name -> name+suffix for every configured schema and cluster. */
static struct rewrite_map *route_suffix_map(const struct config *c)
{
    struct route_names *rn = calloc(1, sizeof *rn);
    if (rn == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < c->nschemas && i < CONFIG_MAX_LIST; i++, k++) {
        snprintf(rn->from[k], sizeof rn->from[k], "%s", c->schemas[i]);
        snprintf(rn->to[k], sizeof rn->to[k], "%s%s", c->schemas[i], c->suffix);
        rn->schemas[i].from = rn->from[k];
        rn->schemas[i].to = rn->to[k];
    }
    rn->map.schemas = rn->schemas;
    rn->map.nschemas = c->nschemas < CONFIG_MAX_LIST ? c->nschemas : CONFIG_MAX_LIST;
    for (size_t i = 0; i < c->nclusters && i < CONFIG_MAX_LIST; i++, k++) {
        snprintf(rn->from[k], sizeof rn->from[k], "%s", c->clusters[i]);
        snprintf(rn->to[k], sizeof rn->to[k], "%s%s", c->clusters[i], c->suffix);
        rn->clusters[i].from = rn->from[k];
        rn->clusters[i].to = rn->to[k];
    }
    rn->map.clusters = rn->clusters;
    rn->map.nclusters = c->nclusters < CONFIG_MAX_LIST ? c->nclusters : CONFIG_MAX_LIST;
    return &rn->map;
}

struct routing_table *routing_table_new(const struct config *c, uint64_t generation,
                                        enum route_phase phase)
{
    struct routing_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->refs = 1;
    t->generation = generation;
    t->phase = phase;
    snprintf(t->suffix, sizeof t->suffix, "%s", c->suffix);
    bool deployment = c->nschemas > 0 || c->nclusters > 0;
    if (deployment) {
        t->routes[ROUTE_DEPLOY].map = route_suffix_map(c);
        t->routes[ROUTE_PREVIOUS].map = route_suffix_map(c);
        if (t->routes[ROUTE_DEPLOY].map == NULL || t->routes[ROUTE_PREVIOUS].map == NULL) {
            routing_table_unref(t);
            return NULL;
        }
        if (rewrite_map_is_identity(t->routes[ROUTE_DEPLOY].map)) {
            free(t->routes[ROUTE_DEPLOY].map);
            free(t->routes[ROUTE_PREVIOUS].map);
            t->routes[ROUTE_DEPLOY].map = NULL;
            t->routes[ROUTE_PREVIOUS].map = NULL;
        }
        if (c->nclusters > 0) {
            snprintf(t->routes[ROUTE_DEPLOY].cluster, sizeof t->routes[ROUTE_DEPLOY].cluster,
                     "%s%s", c->clusters[0], c->suffix);
            snprintf(t->routes[ROUTE_PREVIOUS].cluster, sizeof t->routes[ROUTE_PREVIOUS].cluster,
                     "%s%s", c->clusters[0], c->suffix);
        }
    }
    for (int i = 0; i < ROUTE_COUNT; i++)
        t->routes[i].available = route_available(c, phase, (enum route)i);
    return t;
}

bool routing_table_same_availability(const struct routing_table *a, const struct routing_table *b)
{
    for (int i = 0; i < ROUTE_COUNT; i++)
        if (a->routes[i].available != b->routes[i].available)
            return false;
    return true;
}

struct routing_table *routing_table_ref(struct routing_table *t)
{
    if (t)
        t->refs++;
    return t;
}

void routing_table_unref(struct routing_table *t)
{
    if (t == NULL || --t->refs > 0)
        return;
    for (int i = 0; i < ROUTE_COUNT; i++)
        free(t->routes[i].map);
    free(t);
}

bool route_rewrite_setting(const struct routing_table *t, enum route r, const char *name,
                           const char *value, char **out)
{
    *out = NULL;
    if (t == NULL || t->routes[r].map == NULL)
        return true;
    enum rewrite_result rr = rewrite_setting(t->routes[r].map, name, value, out);
    if (rr == REWRITE_NOMEM)
        return false;
    if (rr == REWRITE_UNCHANGED)
        *out = NULL;
    return true;
}

enum route_sql_result route_rewrite_sql(const struct rewrite_map *m, const char *sql, size_t len,
                                        char **out, size_t *out_len)
{
    if (m == NULL)
        return ROUTE_SQL_UNCHANGED;
    switch (rewrite_sql(m, sql, len, out, out_len)) {
    case REWRITE_UNCHANGED:
        return ROUTE_SQL_UNCHANGED;
    case REWRITE_CHANGED:
        return ROUTE_SQL_CHANGED;
    case REWRITE_NOMEM:
        return ROUTE_SQL_NOMEM;
    }
    return ROUTE_SQL_NOMEM;
}
