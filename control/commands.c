/*
 * commands.c: the admin commands. One thin handler per verb over proxy.h and
 * deploy.h, and the deploy_hooks that connect a lifecycle step to the
 * barrier, the routing table, the subscriptions and the log.
 */
#include "control/commands.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "control/deploy.h"
#include "proxy/proxy.h"
#include "proxy/subscribe.h"

/* ---- small output helper: rows as `key=value` text or one JSON body line ---- */

struct out {
    struct admin_request *r;
    bool json;
    struct evbuffer *buf; /* JSON being built, or the current text line */
    bool first_row;       /* no row written yet */
    bool first_field;     /* no field written in this row/object */
    bool in_list;         /* rows of a list (else fields of one object) */
};

static void out_begin(struct out *o, struct admin_request *r, const char *list_name)
{
    o->r = r;
    o->json = (r->cmd.flags & CMDF_JSON) != 0;
    o->buf = evbuffer_new();
    o->first_row = true;
    o->first_field = true;
    o->in_list = list_name != NULL;
    if (o->json) {
        evbuffer_add_printf(o->buf, "{");
        if (list_name) {
            admin_json_string(o->buf, list_name);
            evbuffer_add_printf(o->buf, ":[");
        }
    }
}

static void out_row_begin(struct out *o)
{
    if (o->json)
        evbuffer_add_printf(o->buf, "%s{", o->first_row ? "" : ",");
    o->first_row = false;
    o->first_field = true;
}

static void out_row_end(struct out *o)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, "}");
    } else {
        size_t n = evbuffer_get_length(o->buf);
        char *s = malloc(n + 1);
        if (s) {
            evbuffer_remove(o->buf, s, n);
            s[n] = '\0';
            admin_req_body(o->r, "%s", s);
            free(s);
        }
        evbuffer_drain(o->buf, evbuffer_get_length(o->buf));
    }
}

/* One field; `raw` = a JSON number or literal (true/false/null). */
static void out_field(struct out *o, const char *key, const char *val, bool raw)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, "%s", o->first_field ? "" : ",");
        admin_json_string(o->buf, key);
        evbuffer_add_printf(o->buf, ":");
        if (raw)
            evbuffer_add_printf(o->buf, "%s", val);
        else
            admin_json_string(o->buf, val);
    } else if (o->in_list) {
        bool space = val[0] == '\0' || strpbrk(val, " \t") != NULL;
        evbuffer_add_printf(o->buf, "%s%s=%s%s%s", o->first_field ? "" : " ", key,
                            space ? "\"" : "", val, space ? "\"" : "");
    } else {
        admin_req_body(o->r, "%s: %s", key, val);
    }
    o->first_field = false;
}

static void out_str(struct out *o, const char *key, const char *val)
{
    out_field(o, key, val ? val : "", false);
}

static void out_u64(struct out *o, const char *key, uint64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    out_field(o, key, b, true);
}

static void out_bool(struct out *o, const char *key, bool v)
{
    out_field(o, key, v ? "true" : "false", true);
}

static void out_f64(struct out *o, const char *key, double v)
{
    char b[64];
    snprintf(b, sizeof b, "%.3f", v);
    out_field(o, key, b, true);
}

static void out_end(struct out *o)
{
    if (o->json) {
        evbuffer_add_printf(o->buf, o->in_list ? "]}" : "}");
        admin_req_body_buf(o->r, o->buf);
    }
    evbuffer_free(o->buf);
}

/* ---- routing ---- */

bool commands_apply_state(struct admin *a, enum deploy_state st, bool force)
{
    struct proxy *p = a->proxy;
    if (st == DEPLOY_STATE_INCONSISTENT)
        return true;
    bool prev = st == DEPLOY_STATE_PROMOTED;
    struct routing_table *cur = proxy_routing_table(p);
    struct routing_table *t = routing_table_new(p->cfg, cur->generation + 1, prev);
    if (t == NULL)
        return false;
    /* Without a deployment the deploy route would show the server's "does
     * not exist" for the suffixed names (or let a client create them behind
     * init's checks): it is closed, with ZC001 "no deployment in progress". */
    if (st == DEPLOY_STATE_PROMOTED || st == DEPLOY_STATE_NONE)
        t->routes[ROUTE_DEPLOY].available = false;
    bool same = cur->routes[ROUTE_DEPLOY].available == t->routes[ROUTE_DEPLOY].available &&
                cur->routes[ROUTE_PREVIOUS].available == t->routes[ROUTE_PREVIOUS].available;
    if (same && !force) {
        routing_table_unref(t);
        return true;
    }
    p->previous_available = prev;
    proxy_set_routing_table(p, t);
    log_msg(&p->log, LOG_LVL_INFO, "routing generation %llu for state %s: deploy %s, previous %s",
            (unsigned long long)t->generation, deploy_state_name(st),
            t->routes[ROUTE_DEPLOY].available ? "available" : "unavailable",
            t->routes[ROUTE_PREVIOUS].available ? "available" : "unavailable");
    return true;
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
#define SETTLE_POLL_MS 10

static void count_splicing(const struct subscription_info *si, void *arg)
{
    size_t *n = arg;
    if (strcmp(si->state, "splicing") == 0)
        (*n)++;
}

static size_t subscriptions_splicing(struct proxy *p)
{
    size_t n = 0;
    proxy_foreach_subscription(p, count_splicing, &n);
    return n;
}

static void cleanup_settled(struct admin *a);

static void cleanup_settle_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct admin *a = arg;
    a->cleanup_waited_ms += SETTLE_POLL_MS;
    size_t n = subscriptions_splicing(a->proxy);
    if (n > 0 && !proxy_subscriptions_settle_expired(a->proxy, a->cleanup_waited_ms)) {
        struct timeval tv = {0, SETTLE_POLL_MS * 1000};
        event_add(a->cleanup_settle, &tv);
        return;
    }
    if (n > 0)
        log_msg(&a->proxy->log, LOG_LVL_WARNING,
                "cleanup: %zu subscription(s) still splicing after %d ms; they end with ZC002", n,
                a->cleanup_waited_ms);
    cleanup_settled(a);
}

/* ---- hooks ---- */

static void hook_barrier_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                              void *arg)
{
    struct admin *a = arg;
    if (outcome == BARRIER_LOWERED || a->barrier_cb == NULL)
        return;
    deploy_barrier_done_fn cb = a->barrier_cb;
    void *op = a->barrier_op;
    cb(op, outcome == BARRIER_QUIESCED, blocking, n);
}

static bool hook_barrier_raise(void *arg, int64_t timeout_ms, deploy_barrier_done_fn cb, void *op)
{
    struct admin *a = arg;
    struct proxy *p = a->proxy;
    if (barrier_is_raised(p))
        return false;
    a->barrier_cb = cb;
    a->barrier_op = op;
    memcpy(a->held_at_raise, p->stats.held_buckets, sizeof a->held_at_raise);
    a->held_max_at_raise = p->stats.held_max_ms;
    return proxy_pause(p, timeout_ms > INT32_MAX ? INT32_MAX : (int)timeout_ms, hook_barrier_done,
                       a);
}

static void hook_barrier_lower(void *arg, struct deploy_pause_stats *st)
{
    struct admin *a = arg;
    struct proxy *p = a->proxy;
    a->barrier_cb = NULL;
    a->barrier_op = NULL;
    proxy_resume(p);
    /* The statements held during this raise: the histogram's growth. */
    uint64_t diff[STATS_HELD_BUCKETS], total = 0;
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        diff[i] = p->stats.held_buckets[i] - a->held_at_raise[i];
        total += diff[i];
    }
    st->held = total;
    if (total == 0)
        return;
    uint64_t rank = (uint64_t)((double)total * 0.99 + 0.999999), seen = 0;
    size_t top = 0;
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        if (diff[i])
            top = i;
        seen += diff[i];
        if (seen >= rank && st->p99_us == 0) {
            uint64_t b = stats_held_bucket_bound(i);
            st->p99_us = b == UINT64_MAX ? (int64_t)p->stats.held_max_ms * 1000 : (int64_t)b * 1000;
        }
    }
    if (p->stats.held_max_ms > a->held_max_at_raise) {
        st->max_us = (int64_t)p->stats.held_max_ms * 1000;
    } else {
        uint64_t b = stats_held_bucket_bound(top);
        st->max_us = b == UINT64_MAX ? (int64_t)p->stats.held_max_ms * 1000 : (int64_t)b * 1000;
    }
    if (st->p99_us > st->max_us)
        st->p99_us = st->max_us;
}

static void hook_routing_apply(void *arg, enum deploy_state st)
{
    struct admin *a = arg;
    bool swapped = st == DEPLOY_STATE_PROMOTED ||
                   (st == DEPLOY_STATE_DEPLOYING && a->state == DEPLOY_STATE_PROMOTED);
    /* Subscriptions start their carry-over before the table flips. */
    if (swapped)
        proxy_subscriptions_on_swap(a->proxy);
    commands_apply_state(a, st, true);
    a->state = st;
    a->state_known = true;
    a->epoch++; /* derivations started before this are stale */
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

struct id_list {
    uint64_t ids[1024];
    size_t n;
};

static void collect_suffixed_sessions(const struct conn_info *ci, void *arg)
{
    struct id_list *l = arg;
    if (ci->route && strcmp(ci->route, "production") != 0 && l->n < 1024)
        l->ids[l->n++] = ci->id;
}

static void hook_before_cleanup(void *arg, deploy_resume_fn cb, void *op)
{
    struct admin *a = arg;
    /* The deploy and previous routes read the `_dbt_deploy` names that are
     * about to be dropped: end those sessions (57P01) rather than let their
     * next statement fail on a missing object. */
    struct id_list *l = malloc(sizeof *l);
    if (l) {
        l->n = 0;
        proxy_foreach_conn(a->proxy, collect_suffixed_sessions, l);
        for (size_t i = 0; i < l->n; i++)
            proxy_kill_conn(a->proxy, l->ids[i]);
        if (l->n)
            log_msg(&a->proxy->log, LOG_LVL_INFO,
                    "cleanup: ended %zu session(s) on the deploy and previous routes", l->n);
        free(l);
    }
    a->cleanup_cb = cb;
    a->cleanup_op = op;
    a->cleanup_waited_ms = 0;
    if (subscriptions_splicing(a->proxy) == 0) {
        cleanup_settled(a);
        return;
    }
    if (a->cleanup_settle == NULL)
        a->cleanup_settle = evtimer_new(a->proxy->base, cleanup_settle_tick, a);
    struct timeval tv = {0, SETTLE_POLL_MS * 1000};
    if (a->cleanup_settle == NULL || event_add(a->cleanup_settle, &tv) != 0)
        cleanup_settled(a);
}

/* No splice is in progress any more (or the wait ran out): end the old
 * upstreams, then let cleanup drop the old environment. */
static void cleanup_settled(struct admin *a)
{
    deploy_resume_fn cb = a->cleanup_cb;
    void *op = a->cleanup_op;
    a->cleanup_cb = NULL;
    a->cleanup_op = NULL;
    struct cleanup_wait *w = malloc(sizeof *w);
    if (w == NULL) {
        cb(op);
        return;
    }
    w->cb = cb;
    w->op = op;
    proxy_subscriptions_before_cleanup(a->proxy, hook_subscriptions_done, w);
}

static void hook_audit(void *arg, const char *json_line)
{
    struct admin *a = arg;
    log_msg(&a->proxy->log, LOG_LVL_INFO, "audit %s", json_line);
}

static void hook_state_seen(void *arg, enum deploy_state st, const char *explanation)
{
    struct admin *a = arg;
    a->state = st;
    a->state_known = true;
    snprintf(a->explanation, sizeof a->explanation, "%s", explanation ? explanation : "");
}

/* ---- background derivation ---- */

/*
 * One deploy_status run. It records what it saw in itself (its own hooks),
 * and applies it only if no lifecycle step changed the routing since it
 * started (`epoch`), so a slow read never undoes a promote.
 */
struct commands_derive {
    struct admin *a;
    struct commands_derive *next; /* in a->derives */
    void (*then)(struct admin *a, bool ok, void *arg);
    void *arg;
    bool swap;                 /* after a client's swap: carry subscriptions over first */
    struct deploy_hooks hooks; /* state_seen only */
    struct deploy_op *op;      /* in flight */
    uint64_t epoch;            /* a->epoch at the start */
    bool seen;                 /* state_seen was called */
    enum deploy_state state;
    char explanation[DEPLOY_EXPLAIN_MAX];
};

static void derive_state_seen(void *arg, enum deploy_state st, const char *explanation)
{
    struct commands_derive *d = arg;
    d->seen = true;
    d->state = st;
    snprintf(d->explanation, sizeof d->explanation, "%s", explanation ? explanation : "");
}

static void derive_unlink(struct commands_derive *d)
{
    for (struct commands_derive **pp = &d->a->derives; *pp; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            return;
        }
    }
}

static void derive_done(void *arg, bool ok, const char *summary)
{
    struct commands_derive *d = arg;
    struct admin *a = d->a;
    derive_unlink(d);
    ok = ok && d->seen;
    if (!ok) {
        log_msg(&a->proxy->log, LOG_LVL_WARNING,
                "could not derive the deployment state from the server: %s", summary);
    } else if (d->epoch == a->epoch && !a->lifecycle_busy) {
        enum deploy_state before = a->state;
        bool known = a->state_known;
        a->state = d->state;
        a->state_known = true;
        snprintf(a->explanation, sizeof a->explanation, "%s", d->explanation);
        if (d->swap && known && before != d->state &&
            (d->state == DEPLOY_STATE_PROMOTED || before == DEPLOY_STATE_PROMOTED))
            proxy_subscriptions_on_swap(a->proxy);
        commands_apply_state(a, a->state, false);
    }
    if (d->then)
        d->then(a, ok, d->arg);
    free(d);
}

static void derive_start(struct admin *a, void (*then)(struct admin *a, bool ok, void *arg),
                         void *arg, bool swap)
{
    struct proxy *p = a->proxy;
    struct commands_derive *d = calloc(1, sizeof *d);
    if (d == NULL) {
        if (then)
            then(a, false, arg);
        return;
    }
    d->a = a;
    d->then = then;
    d->arg = arg;
    d->swap = swap;
    d->epoch = a->epoch;
    d->hooks.arg = d;
    d->hooks.state_seen = derive_state_seen;
    struct deploy_options o;
    deploy_options_init(&o);
    d->op = deploy_status(p->cfg, p->base, &d->hooks, &o, NULL, derive_done, d);
    if (d->op == NULL) {
        free(d);
        if (then)
            then(a, false, arg);
        return;
    }
    d->next = a->derives;
    a->derives = d;
}

void commands_derive_state(struct admin *a, void (*then)(struct admin *a, bool ok, void *arg),
                           void *arg)
{
    derive_start(a, then, arg, false);
}

/* ---- swapwatch: a client's own swap ended ---- */

static void swap_derived(struct admin *a, bool ok, void *arg)
{
    (void)arg;
    struct proxy *p = a->proxy;
    log_msg(&p->log, LOG_LVL_INFO,
            "audit {\"who\":\"client C-%llu\",\"what\":\"swap through the proxy\","
            "\"state\":\"%s\",\"routing_generation\":%llu,\"result\":\"%s\"}",
            (unsigned long long)p->swapwatch.conn_id,
            a->state_known ? deploy_state_name(a->state) : "unknown",
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

static void startup_derived(struct admin *a, bool ok, void *arg)
{
    (void)arg;
    if (ok)
        log_msg(&a->proxy->log, LOG_LVL_INFO, "deployment state from the server: %s (%s)",
                deploy_state_name(a->state), a->explanation);
}

static void on_reloaded(struct proxy *p, void *arg); /* reload section */

void commands_setup(struct admin *a)
{
    a->hooks.arg = a;
    a->hooks.barrier_raise = hook_barrier_raise;
    a->hooks.barrier_lower = hook_barrier_lower;
    a->hooks.routing_apply = hook_routing_apply;
    a->hooks.before_cleanup = hook_before_cleanup;
    a->hooks.audit = hook_audit;
    a->hooks.state_seen = hook_state_seen;
    a->proxy->swapwatch.on_ended = on_swap_ended;
    a->proxy->swapwatch.on_ended_arg = a;
    a->proxy->on_reloaded = on_reloaded;
    a->proxy->on_reloaded_arg = a;
    if (a->proxy->cfg->admin_dsn && *a->proxy->cfg->admin_dsn)
        commands_derive_state(a, startup_derived, NULL);
}

void commands_teardown(struct admin *a)
{
    while (a->derives) {
        struct commands_derive *d = a->derives;
        a->derives = d->next;
        deploy_cancel(d->op);
        free(d);
    }
    if (a->pause_timer) {
        event_free(a->pause_timer);
        a->pause_timer = NULL;
    }
    if (a->cleanup_settle) {
        event_free(a->cleanup_settle);
        a->cleanup_settle = NULL;
    }
    if (a->proxy->on_reloaded_arg == a) {
        a->proxy->on_reloaded = NULL;
        a->proxy->on_reloaded_arg = NULL;
    }
    if (a->proxy->swapwatch.on_ended_arg == a) {
        a->proxy->swapwatch.on_ended = NULL;
        a->proxy->swapwatch.on_ended_arg = NULL;
    }
}

/* ---- status ---- */

struct count_arg {
    uint64_t by_route[ROUTE_COUNT];
    uint64_t total;
    uint64_t in_tx;
};

static void count_conn(const struct conn_info *ci, void *arg)
{
    struct count_arg *c = arg;
    enum route r;
    c->total++;
    if (ci->route && route_parse(ci->route, &r))
        c->by_route[r]++;
    if (ci->in_tx)
        c->in_tx++;
}

static void status_reply(struct admin *a, bool derived_ok, void *arg)
{
    struct admin_request *r = arg;
    struct proxy *p = a->proxy;
    struct routing_table *t = proxy_routing_table(p);
    struct count_arg cnt;
    memset(&cnt, 0, sizeof cnt);
    proxy_foreach_conn(p, count_conn, &cnt);
    struct out o;
    out_begin(&o, r, NULL);
    out_str(&o, "state", a->state_known ? deploy_state_name(a->state) : "unknown");
    out_str(&o, "explanation",
            a->state_known ? a->explanation : "the server has not been reachable yet");
    out_bool(&o, "state_fresh", derived_ok);
    out_u64(&o, "generation", t->generation);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "route_%s", route_name((enum route)i));
        out_str(&o, k, t->routes[i].available ? "available" : "unavailable");
    }
    out_u64(&o, "connections", cnt.total);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "connections_%s", route_name((enum route)i));
        out_u64(&o, k, cnt.by_route[i]);
    }
    out_bool(&o, "paused", barrier_is_raised(p));
    out_bool(&o, "draining", p->draining);
    out_bool(&o, "lifecycle_running", a->lifecycle_busy);
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_status(struct admin_request *r)
{
    struct admin *a = r->admin;
    struct proxy *p = a->proxy;
    if (a->lifecycle_busy || p->cfg->admin_dsn == NULL || *p->cfg->admin_dsn == '\0') {
        status_reply(a, false, r);
        return;
    }
    commands_derive_state(a, status_reply, r);
}

/* ---- lifecycle ---- */

static double req_seconds(const struct admin_request *r)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - r->started.tv_sec) +
           (double)(now.tv_nsec - r->started.tv_nsec) / 1e9;
}

static void deploy_progress_cb(void *arg, const char *line)
{
    admin_req_progress(arg, "%s", line);
}

static void deploy_reply(struct admin_request *r, bool ok, const char *summary)
{
    struct admin *a = r->admin;
    a->step_seconds[r->cmd.verb] = req_seconds(r);
    if (ok) {
        if (r->cmd.flags & CMDF_JSON) {
            struct out o;
            out_begin(&o, r, NULL);
            out_str(&o, "step", command_verb_name(r->cmd.verb));
            out_str(&o, "summary", summary);
            out_str(&o, "state", a->state_known ? deploy_state_name(a->state) : "unknown");
            out_f64(&o, "seconds", a->step_seconds[r->cmd.verb]);
            out_end(&o);
        } else if (summary && *summary) {
            admin_req_body(r, "%s", summary);
        }
        admin_req_finish(r, true, NULL);
    } else {
        admin_req_finish(r, false, "%s", summary ? summary : "failed");
    }
}

static void reply_settle_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct admin_request *r = arg;
    r->settle_waited_ms += SETTLE_POLL_MS;
    size_t n = subscriptions_splicing(r->admin->proxy);
    if (n > 0 && !proxy_subscriptions_settle_expired(r->admin->proxy, r->settle_waited_ms)) {
        struct timeval tv = {0, SETTLE_POLL_MS * 1000};
        event_add(r->timer, &tv);
        return;
    }
    if (n > 0)
        admin_req_progress(r, "%zu subscription(s) still splicing after %d ms", n,
                           r->settle_waited_ms);
    else
        admin_req_progress(r, "subscriptions carried over after %d ms", r->settle_waited_ms);
    deploy_reply(r, true, r->summary);
}

static void deploy_done_cb(void *arg, bool ok, const char *summary)
{
    struct admin_request *r = arg;
    struct admin *a = r->admin;
    r->op = NULL;
    a->lifecycle_busy = false;
    bool swapped = ok && !(r->cmd.flags & CMDF_DRY_RUN) &&
                   (r->cmd.verb == CMD_DEPLOY_PROMOTE || r->cmd.verb == CMD_DEPLOY_ROLLBACK);
    if (swapped && r->timer == NULL && subscriptions_splicing(a->proxy) > 0) {
        r->summary = strdup(summary ? summary : "");
        r->timer = evtimer_new(a->proxy->base, reply_settle_tick, r);
        struct timeval tv = {0, SETTLE_POLL_MS * 1000};
        if (r->summary && r->timer && event_add(r->timer, &tv) == 0)
            return;
    }
    deploy_reply(r, ok, summary);
}

static void cmd_deploy(struct admin_request *r)
{
    struct admin *a = r->admin;
    struct proxy *p = a->proxy;
    if (p->cfg->admin_dsn == NULL || *p->cfg->admin_dsn == '\0') {
        admin_req_finish(r, false, "no [admin] dsn configured");
        return;
    }
    if (a->lifecycle_busy) {
        admin_req_finish(r, false, "another deployment step is running");
        return;
    }
    struct deploy_options o;
    deploy_options_init(&o);
    o.peer_uid = r->uid;
    o.dry_run = (r->cmd.flags & CMDF_DRY_RUN) != 0;
    o.wait = (r->cmd.flags & CMDF_WAIT) != 0;
    o.poll_interval_ms = r->cmd.poll_interval_ms;
    o.lag_threshold_ms = r->cmd.lag_threshold_ms;
    o.timeout_ms = r->cmd.timeout_ms;
    o.pause_timeout_ms = r->cmd.pause_timeout_ms;
    struct deploy_op *(*start)(const struct config *, struct event_base *,
                               const struct deploy_hooks *, const struct deploy_options *,
                               deploy_progress_fn, deploy_done_fn, void *) = NULL;
    switch (r->cmd.verb) {
    case CMD_DEPLOY_INIT:
        start = deploy_init;
        break;
    case CMD_DEPLOY_AWAIT:
        start = deploy_await;
        break;
    case CMD_DEPLOY_PROMOTE:
        start = deploy_promote;
        break;
    case CMD_DEPLOY_CLEANUP:
        start = deploy_cleanup;
        break;
    case CMD_DEPLOY_ROLLBACK:
        start = deploy_rollback;
        break;
    default:
        admin_req_finish(r, false, "not a deploy command");
        return;
    }
    a->lifecycle_busy = true;
    r->op = start(p->cfg, p->base, &a->hooks, &o, deploy_progress_cb, deploy_done_cb, r);
    if (r->op == NULL) {
        a->lifecycle_busy = false;
        admin_req_finish(r, false, "could not start '%s'", command_verb_name(r->cmd.verb));
    }
}

void commands_peer_gone(struct admin_request *r)
{
    struct admin *a = r->admin;
    if (r->cmd.verb == CMD_DEPLOY_AWAIT && r->op) {
        log_msg(&a->proxy->log, LOG_LVL_INFO, "admin: peer left, cancelling deploy await");
        deploy_cancel(r->op);
        r->op = NULL;
        a->lifecycle_busy = false;
        admin_req_finish(r, false, "cancelled: peer left");
        return;
    }
    if (r->op)
        log_msg(&a->proxy->log, LOG_LVL_INFO, "admin: peer left; '%s' continues",
                command_verb_name(r->cmd.verb));
}

/* ---- shows ---- */

static void show_client_row(const struct conn_info *ci, void *arg)
{
    struct out *o = arg;
    out_row_begin(o);
    out_u64(o, "id", ci->id);
    out_str(o, "user", ci->user);
    out_str(o, "database", ci->database);
    out_str(o, "application_name", ci->application_name);
    out_str(o, "peer", ci->peer);
    out_str(o, "route", ci->route);
    out_str(o, "state", ci->state);
    out_bool(o, "in_tx", ci->in_tx);
    out_bool(o, "tls", ci->tls);
    out_u64(o, "generation", ci->generation);
    out_f64(o, "connected_seconds", ci->connected_seconds);
    out_u64(o, "bytes_in", ci->bytes_in);
    out_u64(o, "bytes_out", ci->bytes_out);
    out_row_end(o);
}

static void cmd_show_clients(struct admin_request *r)
{
    struct out o;
    out_begin(&o, r, "clients");
    proxy_foreach_conn(r->admin->proxy, show_client_row, &o);
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_show_routes(struct admin_request *r)
{
    struct proxy *p = r->admin->proxy;
    struct routing_table *t = proxy_routing_table(p);
    const char *listen[ROUTE_COUNT] = {p->cfg->listen, p->cfg->deploy_listen,
                                       p->cfg->previous_listen};
    struct out o;
    out_begin(&o, r, "routes");
    for (int i = 0; i < ROUTE_COUNT; i++) {
        out_row_begin(&o);
        out_str(&o, "route", route_name((enum route)i));
        out_str(&o, "listen", listen[i] ? listen[i] : "");
        out_bool(&o, "available", t->routes[i].available);
        out_str(&o, "names", t->routes[i].map ? "suffixed" : "identity");
        out_str(&o, "suffix", t->routes[i].map ? t->suffix : "");
        out_str(&o, "cluster", t->routes[i].cluster);
        out_u64(&o, "generation", t->generation);
        out_row_end(&o);
    }
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

void commands_mask_secret(const char *key, const char *value, char *out, size_t outlen)
{
    if (value == NULL)
        value = "";
    if (strstr(key, "password") || strstr(key, "secret")) {
        snprintf(out, outlen, "%s", *value ? "****" : "");
        return;
    }
    size_t o = 0;
    const char *s = value;
    while (*s && o + 1 < outlen) {
        if (strncmp(s, "password=", 9) == 0 && (s == value || s[-1] == ' ')) {
            int n = snprintf(out + o, outlen - o, "password=****");
            o += n > 0 ? (size_t)n : 0;
            s += 9;
            if (*s == '\'') { /* quoted value */
                s++;
                while (*s && *s != '\'')
                    s += (*s == '\\' && s[1]) ? 2 : 1;
                if (*s)
                    s++;
            } else {
                while (*s && *s != ' ')
                    s++;
            }
            if (o >= outlen)
                o = outlen - 1;
            continue;
        }
        if (strncmp(s, "://", 3) == 0) { /* URI: user:password@host */
            const char *at = strchr(s + 3, '@');
            const char *colon = strchr(s + 3, ':');
            if (at && colon && colon < at) {
                int n = snprintf(out + o, outlen - o, "%.*s:****", (int)(colon - s), s);
                o += n > 0 ? (size_t)n : 0;
                if (o >= outlen)
                    o = outlen - 1;
                s = at;
                continue;
            }
        }
        out[o++] = *s++;
    }
    out[o] = '\0';
}

static void show_config_row(const char *section, const char *key, const char *value,
                            const char *help, void *arg)
{
    (void)help;
    struct out *o = arg;
    char masked[1024];
    commands_mask_secret(key, value, masked, sizeof masked);
    out_row_begin(o);
    out_str(o, "section", section);
    out_str(o, "key", key);
    out_str(o, "value", masked);
    out_row_end(o);
}

static void cmd_show_config(struct admin_request *r)
{
    struct out o;
    out_begin(&o, r, "config");
    config_foreach(r->admin->proxy->cfg, show_config_row, &o);
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_show_stats(struct admin_request *r)
{
    const struct stats *s = &r->admin->proxy->stats;
    struct out o;
    out_begin(&o, r, NULL);
    out_u64(&o, "conns_accepted", s->conns_accepted);
    out_u64(&o, "conns_rejected", s->conns_rejected);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "conns_%s", route_name((enum route)i));
        out_u64(&o, k, s->conns_by_route[i]);
    }
    out_u64(&o, "bytes_client_to_backend", s->bytes_client_to_backend);
    out_u64(&o, "bytes_backend_to_client", s->bytes_backend_to_client);
    out_u64(&o, "queries", s->queries);
    out_u64(&o, "queries_rewritten", s->queries_rewritten);
    out_u64(&o, "errors", s->errors);
    out_u64(&o, "proxy_errors", s->proxy_errors);
    out_u64(&o, "cancels", s->cancels);
    out_u64(&o, "pauses", s->pauses);
    out_u64(&o, "pause_timeouts", s->pause_timeouts);
    out_u64(&o, "held_total", s->held_total);
    out_u64(&o, "held_max_ms", s->held_max_ms);
    out_u64(&o, "held_p99_ms", stats_held_quantile(s, 0.99));
    out_u64(&o, "reloads", s->reloads);
    out_u64(&o, "subscriptions", s->subscriptions);
    out_u64(&o, "subscriptions_carried", s->subscriptions_carried);
    out_u64(&o, "subscriptions_failed", s->subscriptions_failed);
    out_u64(&o, "splice_overflows", s->splice_overflows);
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

static void show_sub_row(const struct subscription_info *si, void *arg)
{
    struct out *o = arg;
    out_row_begin(o);
    out_u64(o, "client", si->conn_id);
    out_str(o, "form", si->form);
    out_str(o, "statement", si->statement);
    out_u64(o, "frontier", si->frontier);
    out_str(o, "environment", si->environment);
    out_str(o, "state", si->state);
    out_row_end(o);
}

static void cmd_show_subscriptions(struct admin_request *r)
{
    struct out o;
    out_begin(&o, r, "subscriptions");
    proxy_foreach_subscription(r->admin->proxy, show_sub_row, &o);
    out_end(&o);
    admin_req_finish(r, true, NULL);
}

/* ---- pause / resume ---- */

static void pause_auto_resume(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct admin *a = arg;
    if (a->paused) {
        a->paused = false;
        proxy_resume(a->proxy);
        log_msg(&a->proxy->log, LOG_LVL_INFO, "pause timeout passed: resumed");
    }
}

static void pause_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n, void *arg)
{
    struct admin_request *r = arg;
    struct admin *a = r->admin;
    if (outcome == BARRIER_QUIESCED) {
        if ((r->cmd.flags & CMDF_TIMEOUT) && r->cmd.timeout_ms > 0 && a->pause_timer) {
            /* Automatic resume when the timeout (counted from the raise) passes. */
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t left = r->cmd.timeout_ms - ((int64_t)(now.tv_sec - r->started.tv_sec) * 1000 +
                                                (now.tv_nsec - r->started.tv_nsec) / 1000000);
            if (left < 0)
                left = 0;
            struct timeval tv = {(time_t)(left / 1000), (suseconds_t)((left % 1000) * 1000)};
            evtimer_add(a->pause_timer, &tv);
            admin_req_progress(r, "paused; automatic resume in %lld ms", (long long)left);
        }
        admin_req_finish(r, true, NULL);
        return;
    }
    if (outcome == BARRIER_LOWERED) {
        admin_req_finish(r, false, "resumed before every session was quiet");
        return;
    }
    char ids[1024];
    barrier_format_ids(ids, sizeof ids, "", blocking, n);
    /* Resume from the loop, not from inside the barrier's own callback. */
    a->paused = true;
    if (a->pause_timer)
        event_active(a->pause_timer, EV_TIMEOUT, 0);
    admin_req_finish(r, false, "pause timed out; sessions still busy: %s; resumed", ids);
}

static void cmd_pause(struct admin_request *r)
{
    struct admin *a = r->admin;
    struct proxy *p = a->proxy;
    if (barrier_is_raised(p)) {
        admin_req_finish(r, false, "already paused");
        return;
    }
    if (a->pause_timer == NULL)
        a->pause_timer = evtimer_new(p->base, pause_auto_resume, a);
    if (a->pause_timer == NULL) {
        admin_req_finish(r, false, "out of memory");
        return;
    }
    int timeout = (r->cmd.flags & CMDF_TIMEOUT) ? (int)r->cmd.timeout_ms : 0;
    a->paused = true;
    if (!proxy_pause(p, timeout, pause_done, r)) {
        a->paused = false;
        evtimer_del(a->pause_timer);
        admin_req_finish(r, false, "already paused");
    }
}

static void cmd_resume(struct admin_request *r)
{
    struct admin *a = r->admin;
    if (a->lifecycle_busy && !a->paused) {
        admin_req_finish(r, false, "a deployment step holds the barrier");
        return;
    }
    if (!barrier_is_raised(a->proxy)) {
        admin_req_finish(r, false, "not paused");
        return;
    }
    a->paused = false;
    if (a->pause_timer)
        evtimer_del(a->pause_timer);
    proxy_resume(a->proxy);
    admin_req_finish(r, true, NULL);
}

/* ---- reload, kill, shutdown, help ---- */

static void reload_derived(struct admin *a, bool ok, void *arg)
{
    (void)a;
    (void)ok;
    (void)arg;
}

/*
 * What follows every successful reload, by SIGHUP or `reload`: [admin]
 * users are resolved again, and the routing table that proxy_reload rebuilt
 * from the config alone gets the deployment state's view back, then the
 * state is read again from the server. Writes a note for the reply into
 * `note` ("" when there is none).
 */
static void after_reload(struct admin *a, char *note, size_t notelen)
{
    char uerr[256];
    uid_t uids[ADMIN_MAX_USERS];
    size_t nuids;
    note[0] = '\0';
    if (admin_resolve_users(a->proxy->cfg->admin_users, uids, ADMIN_MAX_USERS, &nuids, uerr,
                            sizeof uerr)) {
        memcpy(a->allowed, uids, nuids * sizeof uids[0]);
        a->nallowed = nuids;
    } else {
        snprintf(note, notelen, "admin users kept: %s", uerr);
    }
    if (a->state_known && !a->lifecycle_busy)
        commands_apply_state(a, a->state, false);
    if (!a->lifecycle_busy && a->proxy->cfg->admin_dsn && *a->proxy->cfg->admin_dsn)
        commands_derive_state(a, reload_derived, NULL);
}

static void on_reloaded(struct proxy *p, void *arg)
{
    char note[300];
    after_reload(arg, note, sizeof note);
    if (note[0])
        log_msg(&p->log, LOG_LVL_WARNING, "reload: %s", note);
}

static void cmd_reload(struct admin_request *r)
{
    struct admin *a = r->admin;
    char err[4096] = "";
    if (!proxy_reload(a->proxy, err, sizeof err)) {
        admin_req_finish(r, false, "%s", err);
        return;
    }
    char note[300];
    after_reload(a, note, sizeof note);
    if (note[0])
        admin_req_body(r, "%s", note);
    if (err[0])
        admin_req_body(r, "not reloaded (restart needed): %s", err);
    admin_req_finish(r, true, NULL);
}

static void cmd_kill(struct admin_request *r)
{
    if (!proxy_kill_conn(r->admin->proxy, r->cmd.client_id)) {
        admin_req_finish(r, false, "no client %llu", (unsigned long long)r->cmd.client_id);
        return;
    }
    log_msg(&r->admin->proxy->log, LOG_LVL_INFO, "admin: uid %ld killed client %llu", r->uid,
            (unsigned long long)r->cmd.client_id);
    admin_req_finish(r, true, NULL);
}

struct shutdown_arg {
    struct proxy *p;
    bool wait;
};

static void shutdown_now(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct shutdown_arg *s = arg;
    proxy_shutdown(s->p, s->wait);
    free(s);
}

static void cmd_shutdown(struct admin_request *r)
{
    struct admin *a = r->admin;
    struct shutdown_arg *s = malloc(sizeof *s);
    if (s == NULL) {
        admin_req_finish(r, false, "out of memory");
        return;
    }
    s->p = a->proxy;
    s->wait = (r->cmd.flags & CMDF_WAIT) != 0;
    log_msg(&a->proxy->log, LOG_LVL_INFO, "admin: uid %ld requested shutdown%s", r->uid,
            s->wait ? " --wait" : "");
    /* Let the reply reach the peer before the loop may stop. */
    struct timeval tv = {0, 100 * 1000};
    if (event_base_once(a->proxy->base, -1, EV_TIMEOUT, shutdown_now, s, &tv) != 0) {
        free(s);
        admin_req_finish(r, false, "could not schedule the shutdown");
        return;
    }
    admin_req_body(r, "%s", s->wait ? "draining" : "shutting down");
    admin_req_close_after(r);
    admin_req_finish(r, true, NULL);
}

static void cmd_help(struct admin_request *r)
{
    admin_req_body(r, "%s", command_usage());
    admin_req_finish(r, true, NULL);
}

/* ---- dispatch ---- */

typedef void (*command_handler_fn)(struct admin_request *r);

static const struct {
    enum command_verb verb;
    command_handler_fn fn;
} command_table[] = {
    {CMD_STATUS, cmd_status},
    {CMD_DEPLOY_INIT, cmd_deploy},
    {CMD_DEPLOY_AWAIT, cmd_deploy},
    {CMD_DEPLOY_PROMOTE, cmd_deploy},
    {CMD_DEPLOY_CLEANUP, cmd_deploy},
    {CMD_DEPLOY_ROLLBACK, cmd_deploy},
    {CMD_SHOW_CLIENTS, cmd_show_clients},
    {CMD_SHOW_ROUTES, cmd_show_routes},
    {CMD_SHOW_CONFIG, cmd_show_config},
    {CMD_SHOW_STATS, cmd_show_stats},
    {CMD_SHOW_SUBSCRIPTIONS, cmd_show_subscriptions},
    {CMD_PAUSE, cmd_pause},
    {CMD_RESUME, cmd_resume},
    {CMD_RELOAD, cmd_reload},
    {CMD_KILL, cmd_kill},
    {CMD_SHUTDOWN, cmd_shutdown},
    {CMD_HELP, cmd_help},
};

void commands_dispatch(struct admin_request *r)
{
    for (size_t i = 0; i < sizeof command_table / sizeof command_table[0]; i++) {
        if (command_table[i].verb == r->cmd.verb) {
            command_table[i].fn(r);
            return;
        }
    }
    admin_req_finish(r, false, "command '%s' is not implemented", command_verb_name(r->cmd.verb));
}

/* ---- metrics ---- */

void commands_metrics(struct admin *a, struct evbuffer *out)
{
    static const enum deploy_state states[] = {DEPLOY_STATE_NONE, DEPLOY_STATE_DEPLOYING,
                                               DEPLOY_STATE_PROMOTED, DEPLOY_STATE_INCONSISTENT};
    evbuffer_add_printf(out, "# HELP cutover_deployment_state Deployment state derived from the "
                             "server (1 = current).\n# TYPE cutover_deployment_state gauge\n");
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        evbuffer_add_printf(out, "cutover_deployment_state{state=\"%s\"} %d\n",
                            deploy_state_name(states[i]),
                            a->state_known && a->state == states[i] ? 1 : 0);
    evbuffer_add_printf(out, "cutover_deployment_state{state=\"unknown\"} %d\n",
                        a->state_known ? 0 : 1);
    evbuffer_add_printf(out, "# HELP cutover_lifecycle_step_seconds Duration of the last run of "
                             "each lifecycle step.\n# TYPE cutover_lifecycle_step_seconds gauge\n");
    static const enum command_verb steps[] = {CMD_DEPLOY_INIT, CMD_DEPLOY_AWAIT, CMD_DEPLOY_PROMOTE,
                                              CMD_DEPLOY_CLEANUP, CMD_DEPLOY_ROLLBACK};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        evbuffer_add_printf(out, "cutover_lifecycle_step_seconds{step=\"%s\"} %.6f\n",
                            command_verb_name(steps[i]) + 7, a->step_seconds[steps[i]]);
}
