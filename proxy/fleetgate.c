/*
 * fleetgate.c: the fence of a fleet member (fleetgate.h).
 */
#include "proxy/fleetgate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "protocol/sqlstate.h"
#include "proxy/barrier.h"
#include "proxy/conn.h"
#include "proxy/feature.h"
#include "proxy/log.h"
#include "proxy/proxy.h"

static bool mono_past(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec > t->tv_nsec);
}

bool fleetgate_stale_now(const struct proxy *p)
{
    const struct fleetgate *g = &p->fleetgate;
    return g->enabled && (g->stale || mono_past(&g->fresh_until));
}

/* Ids first: releasing a session re-enters the relay, which may close it. */
static void release_held(struct proxy *p, bool pass)
{
    size_t n = 0, cap = 0;
    uint64_t *ids = NULL;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (!c->fleet_held || c->state == CONN_CLOSING)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            uint64_t *nids = realloc(ids, ncap * sizeof *ids);
            if (nids == NULL)
                break;
            ids = nids;
            cap = ncap;
        }
        ids[n++] = c->id;
    }
    for (size_t i = 0; i < n; i++) {
        c = proxy_find_conn(p, ids[i]);
        if (c == NULL || !c->fleet_held)
            continue;
        c->fleet_held = 0;
        if (pass) {
            c->fleet_pass = 1;
            log_conn(c, LOG_LVL_WARNING,
                     "fleet view still stale after %d ms: the held statement goes on",
                     p->fleetgate.bound_ms);
        }
        barrier_release(p, c);
    }
    free(ids);
}

static void release_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    if (!fleetgate_stale_now(p)) {
        evtimer_del(p->fleetgate.bound_ev);
        release_held(p, false);
    }
}

static void bound_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    release_held(arg, true);
}

void fleetgate_init(struct proxy *p)
{
    struct fleetgate *g = &p->fleetgate;
    memset(g, 0, sizeof *g);
    g->release_ev = event_new(p->base, -1, 0, release_cb, p);
    g->bound_ev = evtimer_new(p->base, bound_cb, p);
}

void fleetgate_free(struct proxy *p)
{
    struct fleetgate *g = &p->fleetgate;
    if (g->release_ev)
        event_free(g->release_ev);
    if (g->bound_ev)
        event_free(g->bound_ev);
    g->release_ev = g->bound_ev = NULL;
    g->enabled = false;
}

static void kick_release(struct proxy *p)
{
    if (p->fleetgate.release_ev)
        event_active(p->fleetgate.release_ev, EV_TIMEOUT, 0);
}

void fleetgate_fresh(struct proxy *p, const struct timespec *since, int64_t valid_ms)
{
    struct fleetgate *g = &p->fleetgate;
    struct timespec t = *since;
    t.tv_sec += (time_t)(valid_ms / 1000);
    t.tv_nsec += (long)(valid_ms % 1000) * 1000000;
    if (t.tv_nsec >= 1000000000) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000;
    }
    if (t.tv_sec > g->fresh_until.tv_sec ||
        (t.tv_sec == g->fresh_until.tv_sec && t.tv_nsec > g->fresh_until.tv_nsec))
        g->fresh_until = t;
    if (!fleetgate_stale_now(p))
        kick_release(p);
}

void fleetgate_set_stale(struct proxy *p, bool stale, const char *why)
{
    struct fleetgate *g = &p->fleetgate;
    g->stale = stale;
    snprintf(g->why, sizeof g->why, "%s", why ? why : "");
    if (!stale)
        kick_release(p);
}

size_t fleetgate_fence_transactions(struct proxy *p)
{
    size_t n = 0;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (c->state == CONN_CLOSING || !c->in_tx)
            continue;
        c->fleet_fenced = 1;
        n++;
    }
    return n;
}

/* ---- the session feature ---- */

static bool fg_admits_statements(const struct conn *c)
{
    return c->proxy->fleetgate.enabled && (c->fleet_fenced || fleetgate_stale_now(c->proxy));
}

static enum feature_verdict fg_admit_statement(struct conn *c, const char *sql, size_t len)
{
    (void)sql;
    (void)len;
    struct proxy *p = c->proxy;
    struct fleetgate *g = &p->fleetgate;
    if (c->fleet_fenced) {
        if (c->in_tx) {
            g->fenced_total++;
            conn_fail(c, SQLSTATE_MISSED_CUTOVER,
                      "transaction began before a cutover this proxy missed; retry it");
            return FEATURE_FAILED;
        }
        c->fleet_fenced = 0;
    }
    if (!fleetgate_stale_now(p))
        return FEATURE_PASS;
    if (c->route != ROUTE_PRODUCTION) {
        g->refused_total++;
        conn_fail(c, SQLSTATE_ROUTE_UNAVAILABLE,
                  "route \"%s\" is not available: this fleet member's view is stale (%s)",
                  route_name(c->route),
                  g->stale && g->why[0] ? g->why : "not read within its lease");
        return FEATURE_FAILED;
    }
    if (!c->in_tx || c->fleet_pass || c->state != CONN_IDLE)
        return FEATURE_PASS;
    /* inside a transaction: wait until the view is fresh (a cutover this
     * member missed may end the transaction with ZC004) */
    c->fleet_held = 1;
    barrier_hold(p, c);
    if (g->reread)
        g->reread(g->reread_arg);
    if (g->bound_ev && !evtimer_pending(g->bound_ev, NULL)) {
        struct timeval tv = {g->bound_ms / 1000, (g->bound_ms % 1000) * 1000};
        evtimer_add(g->bound_ev, &tv);
    }
    return FEATURE_WAIT;
}

static void fg_on_ready(struct conn *c, uint8_t tx)
{
    if (tx == 'I') {
        c->fleet_fenced = 0;
        c->fleet_pass = 0;
    }
}

const struct session_feature fleetgate_feature = {
    .name = "fleetgate",
    .admits_statements = fg_admits_statements,
    .admit_statement = fg_admit_statement,
    .on_ready = fg_on_ready,
};
