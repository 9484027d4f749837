/*
 * lifecycle.c: the proxy side of the deployment lifecycle: the deploy hooks
 * over the barrier, the routing policy, the subscriptions and the log; the
 * state derived from the server in the background; the waits for SUBSCRIBE
 * splices. The command handlers (commands.c) start steps; this file is what
 * a step does to the running proxy.
 */
#include "control/lifecycle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "control/fleet.h"
#include "protocol/sqlstate.h"
#include "proxy/proxy.h"
#include "proxy/subscribe/subscribe.h"

/* ---- the routing policy's input ---- */

/*
 * Tells the routing policy (proxy_set_route_phase) that the server is in
 * state `st`; the policy builds the table. INCONSISTENT changes nothing: the
 * routes stay as the last consistent state left them. `new_generation`: see
 * proxy_set_route_phase.
 */
static bool lifecycle_tell_routing(struct lifecycle *l, enum deploy_state st, bool new_generation)
{
    enum route_phase ph;
    switch (st) {
    case DEPLOY_STATE_NONE:
        ph = ROUTE_PHASE_NONE;
        break;
    case DEPLOY_STATE_DEPLOYING:
        ph = ROUTE_PHASE_DEPLOYING;
        break;
    case DEPLOY_STATE_PROMOTED:
        ph = ROUTE_PHASE_PROMOTED;
        break;
    case DEPLOY_STATE_INCONSISTENT:
    default:
        return true;
    }
    return proxy_set_route_phase(l->proxy, ph, new_generation);
}

bool lifecycle_has_server(const struct lifecycle *l)
{
    const char *dsn = l->proxy->cfg->admin_dsn;
    return dsn != NULL && *dsn != '\0';
}

const char *lifecycle_state_name(const struct lifecycle *l)
{
    return l->state_known && !l->in_doubt ? deploy_state_name(l->state) : "unknown";
}

/* ---- waiting for SUBSCRIBE splices ----
 *
 * A carried-over subscription switches to the new environment a moment
 * after the swap (its new upstream must start and catch up to the switch
 * timestamp). Promote and rollback reply only once every splice has
 * switched, so that "promoted" means clients' streams are on the new
 * environment too; cleanup waits the same way before it ends the old
 * upstreams, so that it never has to fail a splice that was about to
 * finish. Both waits are bounded: they end once no splice has moved on for
 * a multiple of the cadence and start times the streams showed
 * (proxy_subscriptions_settle_expired()).
 */

static void count_splicing(const struct subscription_info *si, void *arg)
{
    size_t *n = arg;
    if (si->splicing)
        (*n)++;
}

size_t lifecycle_splicing(const struct lifecycle *l)
{
    size_t n = 0;
    proxy_foreach_subscription(l->proxy, count_splicing, &n);
    return n;
}

struct lifecycle_settle {
    struct lifecycle *l;     /* owner of the splices */
    struct event *timer;     /* the poll */
    int waited_ms;           /* so far */
    lifecycle_settled_fn fn; /* called once */
    void *arg;
};

static void settle_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct lifecycle_settle *s = arg;
    s->waited_ms += LIFECYCLE_SETTLE_POLL_MS;
    size_t n = lifecycle_splicing(s->l);
    if (n > 0 && !proxy_subscriptions_settle_expired(s->l->proxy, s->waited_ms)) {
        struct timeval tv = {0, LIFECYCLE_SETTLE_POLL_MS * 1000};
        event_add(s->timer, &tv);
        return;
    }
    s->fn(s->arg, n, s->waited_ms); /* may free s */
}

struct lifecycle_settle *lifecycle_settle_start(struct lifecycle *l, lifecycle_settled_fn fn,
                                                void *arg)
{
    struct lifecycle_settle *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    s->l = l;
    s->fn = fn;
    s->arg = arg;
    s->timer = evtimer_new(l->proxy->base, settle_tick, s);
    struct timeval tv = {0, LIFECYCLE_SETTLE_POLL_MS * 1000};
    if (s->timer == NULL || event_add(s->timer, &tv) != 0) {
        lifecycle_settle_free(s);
        return NULL;
    }
    return s;
}

void lifecycle_settle_free(struct lifecycle_settle *s)
{
    if (s == NULL)
        return;
    if (s->timer)
        event_free(s->timer);
    free(s);
}

/* ---- hooks ---- */

/* Reports the barrier's outcome to the op once. In a fleet the op goes on
 * only when this proxy quiesced AND every live member held its clients. */
static void barrier_report(struct lifecycle *l, bool ok, const uint64_t *blocking, size_t n)
{
    if (l->barrier_cb == NULL)
        return;
    deploy_barrier_done_fn cb = l->barrier_cb;
    void *op = l->barrier_op;
    if (l->fleet != NULL) {
        if (!ok) {
            l->fleet_failed = true;
            fleet_abort(l->fleet, "the promoter's own sessions stayed busy");
        } else if (l->fleet_failed || --l->fleet_wait > 0) {
            return;
        }
    }
    l->barrier_cb = NULL;
    cb(op, ok, blocking, n);
}

static void hook_barrier_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                              void *arg)
{
    struct lifecycle *l = arg;
    if (outcome == BARRIER_LOWERED)
        return;
    barrier_report(l, outcome == BARRIER_QUIESCED, blocking, n);
}

static void fleet_barrier_ready(void *arg, bool ok, const char *why)
{
    struct lifecycle *l = arg;
    if (!ok)
        snprintf(l->fleet_why, sizeof l->fleet_why, "%s", why ? why : "the fleet said no");
    barrier_report(l, ok, NULL, 0);
}

static const char *hook_barrier_why(void *arg)
{
    struct lifecycle *l = arg;
    return l->fleet_why;
}

static bool hook_barrier_raise(void *arg, int64_t timeout_ms, deploy_barrier_done_fn cb, void *op)
{
    struct lifecycle *l = arg;
    struct proxy *p = l->proxy;
    if (barrier_is_raised(p)) {
        char why[512];
        if (l->fleet == NULL || !fleet_peer_step(l->fleet, why, sizeof why))
            return false;
        /* held for a peer's step: refused naming it; our barrier stays the
         * peer's (barrier_lower finds nothing raised here) */
        l->raised_here = false;
        l->barrier_cb = cb;
        l->barrier_op = op;
        snprintf(l->fleet_why, sizeof l->fleet_why, "%s", why);
        l->fleet_wait = 1;
        l->fleet_failed = false;
        barrier_report(l, false, NULL, 0);
        return true;
    }
    l->raised_here = true;
    l->barrier_cb = cb;
    l->barrier_op = op;
    l->fleet_why[0] = '\0';
    l->fleet_failed = false;
    l->fleet_wait = 2; /* this proxy, then the fleet */
    stats_held_mark_take(&p->stats, &l->held_at_raise);
    if (!proxy_pause(p, timeout_ms > INT32_MAX ? INT32_MAX : (int)timeout_ms, hook_barrier_done, l))
        return false;
    if (l->fleet != NULL) {
        const char *action = l->state == DEPLOY_STATE_PROMOTED ? "rollback" : "promote";
        if (!fleet_begin(l->fleet, action, timeout_ms, fleet_barrier_ready, l)) {
            char why[512];
            snprintf(why, sizeof why,
                     "refused: this fleet member's view is not fresh (%s) or a step is being "
                     "coordinated here; nothing was changed (SQLSTATE ZC001)",
                     fleet_stale_reason(l->fleet)[0] ? fleet_stale_reason(l->fleet) : "busy");
            fleet_barrier_ready(l, false, why);
        }
    }
    return true;
}

static void hook_barrier_lower(void *arg, struct deploy_pause_stats *st)
{
    struct lifecycle *l = arg;
    struct proxy *p = l->proxy;
    l->barrier_cb = NULL;
    l->barrier_op = NULL;
    if (!l->raised_here)
        return;
    l->raised_here = false;
    proxy_resume(p);
    if (l->fleet != NULL) /* no-op once the swap committed */
        fleet_abort(l->fleet, "the step ended without a swap");
    /* The statements held during this raise: the histogram's growth. */
    struct stats_held_since held;
    stats_held_since(&p->stats, &l->held_at_raise, &held);
    st->held = held.held;
    st->p99_us = held.p99_us;
    st->max_us = held.max_us;
}

void lifecycle_apply_state(struct lifecycle *l, enum deploy_state st)
{
    bool swapped = st == DEPLOY_STATE_PROMOTED ||
                   (st == DEPLOY_STATE_DEPLOYING && l->state == DEPLOY_STATE_PROMOTED);
    /* Subscriptions start their carry-over before the table flips. */
    if (swapped)
        proxy_subscriptions_on_swap(l->proxy);
    lifecycle_tell_routing(l, st, true);
    l->state = st;
    l->state_known = true;
    l->in_doubt = false; /* a committed step says what the server holds */
    l->epoch++;          /* derivations started before this are stale */
}

static void doubt_schedule(struct lifecycle *l);
static void derive_start(struct lifecycle *l, lifecycle_derived_fn then, void *arg, bool swap);

static void doubt_derived(struct lifecycle *l, bool ok, void *arg)
{
    (void)ok;
    (void)arg;
    if (l->in_doubt)
        doubt_schedule(l);
}

static void doubt_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct lifecycle *l = arg;
    if (!l->in_doubt)
        return;
    if (l->busy) { /* a step runs: it reads the state itself */
        doubt_schedule(l);
        return;
    }
    derive_start(l, doubt_derived, NULL, true);
}

static void doubt_schedule(struct lifecycle *l)
{
    struct timeval tv = {LIFECYCLE_DOUBT_REDERIVE_MS / 1000,
                         (LIFECYCLE_DOUBT_REDERIVE_MS % 1000) * 1000};
    if (l->doubt_timer == NULL)
        l->doubt_timer = evtimer_new(l->proxy->base, doubt_tick, l);
    if (l->doubt_timer == NULL || evtimer_add(l->doubt_timer, &tv) != 0)
        log_msg(&l->proxy->log, LOG_LVL_ERROR,
                "cannot schedule reading the deployment state again: run status");
}

/* The swap's outcome could not be learned (deploy.h): production only, until
 * a derivation reads the state; one is tried every LIFECYCLE_DOUBT_REDERIVE_MS. */
static void hook_routing_unknown(void *arg)
{
    struct lifecycle *l = arg;
    l->in_doubt = true;
    l->epoch++; /* derivations started before this are stale */
    if (!proxy_set_route_phase(l->proxy, ROUTE_PHASE_IN_DOUBT, true))
        log_msg(&l->proxy->log, LOG_LVL_ERROR,
                "out of memory closing the deploy and previous routes of a swap in doubt");
    log_msg(&l->proxy->log, LOG_LVL_WARNING,
            "a swap's outcome is unknown: only production is routed until the state is read "
            "from the server again");
    doubt_schedule(l);
}

static void hook_routing_apply(void *arg, enum deploy_state st)
{
    struct lifecycle *l = arg;
    lifecycle_apply_state(l, st);
    if (l->fleet != NULL)
        fleet_commit(l->fleet, st); /* every member switches on this */
}

/* An id list that grows: cleanup must end every session on the suffixed
 * routes, however many max_client_conn allows. */
struct id_list {
    uint64_t *ids; /* owned */
    size_t n;      /* used */
    size_t cap;    /* allocated */
    bool oom;      /* an id could not be kept */
};

static void collect_suffixed_sessions(const struct conn_info *ci, void *arg)
{
    struct id_list *l = arg;
    enum route r;
    if (ci->route == NULL || !route_parse(ci->route, &r) || r == ROUTE_PRODUCTION)
        return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        uint64_t *ids = realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL) {
            l->oom = true;
            return;
        }
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->n++] = ci->id;
}

/* Ends (57P01) every session on the deploy and previous routes; returns how
 * many. PostgreSQL backends only (see hook_before_cleanup). */
static size_t end_suffixed_sessions(struct proxy *p)
{
    struct id_list l = {NULL, 0, 0, false};
    proxy_foreach_conn(p, collect_suffixed_sessions, &l);
    for (size_t i = 0; i < l.n; i++)
        proxy_kill_conn(p, l.ids[i]);
    if (l.oom)
        log_msg(&p->log, LOG_LVL_ERROR,
                "cleanup: out of memory listing sessions; %zu ended, others on the deploy and "
                "previous routes may remain",
                l.n);
    free(l.ids);
    return l.n;
}

struct cleanup_wait {
    deploy_resume_fn cb;
    void *op;
};

static void hook_subscriptions_done(void *arg)
{
    struct cleanup_wait *w = arg;
    deploy_resume_fn cb = w->cb;
    void *op = w->op;
    free(w);
    cb(op);
}

/* No splice is in progress any more (or the wait ran out): end the old
 * upstreams, then let cleanup drop the old environment. */
static void cleanup_settled(void *arg, size_t still_splicing, int waited_ms)
{
    struct lifecycle *l = arg;
    if (still_splicing > 0)
        log_msg(&l->proxy->log, LOG_LVL_WARNING,
                "cleanup: %zu subscription(s) still splicing after %d ms; they end with %s",
                still_splicing, waited_ms, SQLSTATE_SUBSCRIBE_RESUBSCRIBE);
    lifecycle_settle_free(l->cleanup_wait);
    l->cleanup_wait = NULL;
    deploy_resume_fn cb = l->cleanup_cb;
    void *op = l->cleanup_op;
    l->cleanup_cb = NULL;
    l->cleanup_op = NULL;
    struct cleanup_wait *w = malloc(sizeof *w);
    if (w == NULL) {
        cb(op);
        return;
    }
    w->cb = cb;
    w->op = op;
    proxy_subscriptions_before_cleanup(l->proxy, hook_subscriptions_done, w);
}

static void hook_before_cleanup(void *arg, deploy_resume_fn cb, void *op)
{
    struct lifecycle *l = arg;
    /* The deploy and previous routes read the `_dbt_deploy` names that are
     * about to be dropped. PostgreSQL's DROP waits behind the locks of any
     * open transaction on them, so there those sessions are ended (57P01)
     * first. Materialize never blocks DDL behind readers: it fails their
     * transaction at its next statement, and a session outside a transaction
     * meets the retired route (ZC001) at its next one, so nothing is ended
     * and each client sees the server's answer, as a direct client would. */
    if (l->proxy->cfg->backend_dialect == CONFIG_DIALECT_POSTGRES) {
        size_t ended = end_suffixed_sessions(l->proxy);
        if (ended)
            log_msg(&l->proxy->log, LOG_LVL_INFO,
                    "cleanup: ended %zu session(s) on the deploy and previous routes", ended);
    }
    l->cleanup_cb = cb;
    l->cleanup_op = op;
    if (lifecycle_splicing(l) > 0) {
        l->cleanup_wait = lifecycle_settle_start(l, cleanup_settled, l);
        if (l->cleanup_wait != NULL)
            return;
    }
    cleanup_settled(l, 0, 0);
}

void lifecycle_member_before_cleanup(struct lifecycle *l, void (*fn)(void *arg), void *arg)
{
    hook_before_cleanup(l, fn, arg);
}

/* The promoter's cleanup in a fleet: its own before_cleanup work and the
 * members' (each reports once done), then the drops. A fleet that does not
 * answer in time does not stop the cleanup: it goes on with a warning, and
 * the members still switch at its commit. */
static void fleet_cleanup_join(struct lifecycle *l)
{
    if (--l->fleet_wait > 0)
        return;
    deploy_resume_fn cb = l->fleet_cleanup_cb;
    void *op = l->fleet_cleanup_op;
    l->fleet_cleanup_cb = NULL;
    if (cb)
        cb(op);
}

static void fleet_cleanup_local_done(void *arg)
{
    fleet_cleanup_join(arg);
}

static void fleet_cleanup_peers(void *arg, bool ok, const char *why)
{
    struct lifecycle *l = arg;
    if (!ok)
        log_msg(&l->proxy->log, LOG_LVL_WARNING, "cleanup goes on without the whole fleet: %s",
                why ? why : "");
    fleet_cleanup_join(l);
}

static void hook_before_cleanup_fleet(void *arg, deploy_resume_fn cb, void *op)
{
    struct lifecycle *l = arg;
    l->fleet_cleanup_cb = cb;
    l->fleet_cleanup_op = op;
    l->fleet_wait = 2;
    if (!fleet_begin(l->fleet, "cleanup", l->proxy->cfg->swap_pause_timeout_ms, fleet_cleanup_peers,
                     l))
        fleet_cleanup_peers(l, false, "this member's fleet view is not fresh");
    hook_before_cleanup(l, fleet_cleanup_local_done, l);
}

static void hook_peers_done(void *arg, bool ok, const char *summary)
{
    (void)ok;
    struct lifecycle *l = arg;
    deploy_peers_fn cb = l->peers_cb;
    void *op = l->peers_op;
    l->peers_cb = NULL;
    if (cb)
        cb(op, summary);
}

static void hook_await_peers(void *arg, deploy_peers_fn cb, void *op)
{
    struct lifecycle *l = arg;
    l->peers_cb = cb;
    l->peers_op = op;
    fleet_await_switched(l->fleet, hook_peers_done, l);
}

static void hook_describe_peers(void *arg, char *out, size_t outlen)
{
    struct lifecycle *l = arg;
    fleet_describe(l->fleet, out, outlen);
}

void lifecycle_step_ended(struct lifecycle *l)
{
    if (l->fleet != NULL)
        fleet_abort(l->fleet, "the step ended without a commit");
    l->peers_cb = NULL;
    l->fleet_cleanup_cb = NULL;
}

static void hook_audit(void *arg, const char *json_line)
{
    struct lifecycle *l = arg;
    log_msg(&l->proxy->log, LOG_LVL_INFO, "audit %s", json_line);
}

static void hook_state_seen(void *arg, enum deploy_state st, const char *explanation)
{
    struct lifecycle *l = arg;
    l->state = st;
    l->state_known = true;
    snprintf(l->explanation, sizeof l->explanation, "%s", explanation ? explanation : "");
}

/* ---- background derivation ---- */

/*
 * One deploy_status run. It records what it saw in itself (its own hooks),
 * and applies it only if no lifecycle step changed the routing since it
 * started (`epoch`), so a slow read never undoes a promote.
 */
struct lifecycle_derive {
    struct lifecycle *l;
    struct lifecycle_derive *next; /* in l->derives */
    lifecycle_derived_fn then;
    void *arg;
    bool swap; /* after a client's swap, or a swap in doubt: carry subscriptions over first */
    struct deploy_hooks hooks; /* state_seen only */
    struct deploy_op *op;      /* in flight */
    uint64_t epoch;            /* l->epoch at the start */
    bool seen;                 /* state_seen was called */
    enum deploy_state state;
    char explanation[DEPLOY_EXPLAIN_MAX];
};

static void derive_state_seen(void *arg, enum deploy_state st, const char *explanation)
{
    struct lifecycle_derive *d = arg;
    d->seen = true;
    d->state = st;
    snprintf(d->explanation, sizeof d->explanation, "%s", explanation ? explanation : "");
}

static void derive_unlink(struct lifecycle_derive *d)
{
    for (struct lifecycle_derive **pp = &d->l->derives; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            return;
        }
    }
}

static void derive_done(void *arg, bool ok, const char *summary)
{
    struct lifecycle_derive *d = arg;
    struct lifecycle *l = d->l;
    derive_unlink(d);
    ok = ok && d->seen;
    if (!ok) {
        log_msg(&l->proxy->log, LOG_LVL_WARNING,
                "could not derive the deployment state from the server: %s", summary);
    } else if (d->epoch == l->epoch && !l->busy) {
        enum deploy_state before = l->state;
        bool known = l->state_known;
        bool was_in_doubt = l->in_doubt;
        l->state = d->state;
        l->state_known = true;
        snprintf(l->explanation, sizeof l->explanation, "%s", d->explanation);
        /* after a swap in doubt `before` is the state before that swap */
        if ((d->swap || was_in_doubt) && known && before != d->state &&
            (d->state == DEPLOY_STATE_PROMOTED || before == DEPLOY_STATE_PROMOTED))
            proxy_subscriptions_on_swap(l->proxy);
        if (was_in_doubt && d->state != DEPLOY_STATE_INCONSISTENT) {
            l->in_doubt = false;
            log_msg(&l->proxy->log, LOG_LVL_INFO,
                    "deployment state read again after a swap in doubt: %s (%s)",
                    deploy_state_name(d->state), d->explanation);
            lifecycle_tell_routing(l, l->state, true);
        } else {
            lifecycle_tell_routing(l, l->state, false);
        }
    }
    if (d->then)
        d->then(l, ok, d->arg);
    free(d);
}

static void derive_start(struct lifecycle *l, lifecycle_derived_fn then, void *arg, bool swap)
{
    struct proxy *p = l->proxy;
    struct lifecycle_derive *d = calloc(1, sizeof *d);
    if (d == NULL) {
        if (then)
            then(l, false, arg);
        return;
    }
    d->l = l;
    d->then = then;
    d->arg = arg;
    d->swap = swap;
    d->epoch = l->epoch;
    d->hooks.arg = d;
    d->hooks.state_seen = derive_state_seen;
    struct deploy_options o;
    deploy_options_init(&o);
    o.dns = resolve_dns_base(p); /* libpq never looks the dsn's host up in the loop */
    d->op = deploy_status(p->cfg, p->base, &d->hooks, &o, NULL, derive_done, d);
    if (d->op == NULL) {
        free(d);
        if (then)
            then(l, false, arg);
        return;
    }
    d->next = l->derives;
    l->derives = d;
}

void lifecycle_derive_state(struct lifecycle *l, lifecycle_derived_fn then, void *arg)
{
    derive_start(l, then, arg, false);
}

void lifecycle_derive_swapped(struct lifecycle *l, lifecycle_derived_fn then, void *arg)
{
    derive_start(l, then, arg, true);
}

void lifecycle_reloaded(struct lifecycle *l)
{
    if (!l->busy && lifecycle_has_server(l))
        lifecycle_derive_state(l, NULL, NULL);
}

/* ---- swapwatch: a client's own swap ended ---- */

/* ---- a client's swap through a fleet member: the whole fleet holds ---- */

static void fleet_swap_ready(void *arg, bool ok, const char *why)
{
    struct lifecycle *l = arg;
    swapwatch_fleet_ready(l->proxy, ok, why);
}

static bool fleet_swap_hold(struct proxy *p, void *arg)
{
    struct lifecycle *l = arg;
    if (l->fleet == NULL || l->busy || l->fleet_swap)
        return false;
    if (!fleet_begin(l->fleet, "swap", p->cfg->swap_pause_timeout_ms, fleet_swap_ready, l)) {
        log_msg(&p->log, LOG_LVL_WARNING,
                "fleet: a client's deployment swap is held on this member only (view not fresh "
                "or a step in progress)");
        return false;
    }
    l->fleet_swap = true;
    return true;
}

static void fleet_swap_switched(void *arg, bool ok, const char *summary)
{
    struct lifecycle *l = arg;
    (void)ok;
    log_msg(&l->proxy->log, LOG_LVL_INFO, "fleet: the client's deployment swap: %s",
            summary && summary[0] ? summary : "no member to wait for");
}

/* The client's swap ended and the state was read back: the members switch
 * to it (committed), or lower their barriers (not). */
static void fleet_swap_ended(struct lifecycle *l, bool committed)
{
    if (!l->fleet_swap)
        return;
    l->fleet_swap = false;
    if (committed && l->state_known) {
        fleet_commit(l->fleet, l->state);
        fleet_await_switched(l->fleet, fleet_swap_switched, l);
    } else {
        fleet_abort(l->fleet, "the client's deployment swap did not commit");
    }
}

static void swap_derived(struct lifecycle *l, bool ok, void *arg)
{
    (void)arg;
    struct proxy *p = l->proxy;
    fleet_swap_ended(l, ok && p->swapwatch.committed);
    log_msg(&p->log, LOG_LVL_INFO,
            "audit {\"who\":\"client C-%llu\",\"what\":\"swap through the proxy\","
            "\"state\":\"%s\",\"routing_generation\":%llu,\"result\":\"%s\"}",
            (unsigned long long)p->swapwatch.conn_id, lifecycle_state_name(l),
            (unsigned long long)proxy_routing_table(p)->generation, ok ? "ok" : "state unknown");
    swapwatch_release(p);
}

static void on_swap_ended(struct proxy *p, void *arg)
{
    /* The client's swap committed: subscriptions are carried whatever the
     * state read back says (a deployment cutover did not init reads
     * `deploying` before and after). Otherwise the derived state decides. */
    bool committed = p->swapwatch.committed;
    if (committed)
        proxy_subscriptions_on_swap(p);
    derive_start(arg, swap_derived, NULL, !committed);
}

static void startup_derived(struct lifecycle *l, bool ok, void *arg)
{
    (void)arg;
    if (ok)
        log_msg(&l->proxy->log, LOG_LVL_INFO, "deployment state from the server: %s (%s)",
                deploy_state_name(l->state), l->explanation);
}

struct lifecycle *lifecycle_new(struct proxy *p)
{
    struct lifecycle *l = calloc(1, sizeof *l);
    if (l == NULL)
        return NULL;
    l->proxy = p;
    l->hooks.arg = l;
    l->hooks.barrier_raise = hook_barrier_raise;
    l->hooks.barrier_lower = hook_barrier_lower;
    l->hooks.routing_apply = hook_routing_apply;
    l->hooks.routing_unknown = hook_routing_unknown;
    l->hooks.before_cleanup = hook_before_cleanup;
    l->hooks.audit = hook_audit;
    l->hooks.state_seen = hook_state_seen;
    l->hooks.reserve = deploy_reserve_new(p->base);
    if (l->hooks.reserve == NULL) {
        free(l);
        return NULL;
    }
    p->swapwatch.on_ended = on_swap_ended;
    p->swapwatch.on_ended_arg = l;
    if (lifecycle_has_server(l))
        lifecycle_derive_state(l, startup_derived, NULL);
    if (p->cfg->fleet_enabled && lifecycle_has_server(l)) {
        l->fleet = fleet_new(l);
        if (l->fleet == NULL) {
            lifecycle_free(l);
            return NULL;
        }
        l->hooks.before_cleanup = hook_before_cleanup_fleet;
        l->hooks.barrier_why = hook_barrier_why;
        l->hooks.await_peers = hook_await_peers;
        l->hooks.describe_peers = hook_describe_peers;
        p->swapwatch.fleet_hold = fleet_swap_hold;
    }
    return l;
}

void lifecycle_free(struct lifecycle *l)
{
    if (l == NULL)
        return;
    while (l->derives) {
        struct lifecycle_derive *d = l->derives;
        l->derives = d->next;
        deploy_cancel(d->op);
        free(d);
    }
    lifecycle_settle_free(l->cleanup_wait);
    if (l->doubt_timer)
        event_free(l->doubt_timer);
    fleet_free(l->fleet);
    deploy_reserve_free(l->hooks.reserve);
    l->proxy->swapwatch.fleet_hold = NULL;
    if (l->proxy->swapwatch.on_ended_arg == l) {
        l->proxy->swapwatch.on_ended = NULL;
        l->proxy->swapwatch.on_ended_arg = NULL;
    }
    free(l);
}
