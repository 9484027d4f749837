/*
 * commands.c: the admin commands: one thin handler per verb over proxy.h,
 * deploy.h and lifecycle.h, and the dispatch table. Replies are written with
 * reply.h; what a deploy step does to the running proxy is lifecycle.c's.
 */
#include "control/commands.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/event.h>

#include "control/deploy.h"
#include "control/fleet.h"
#include "control/lifecycle.h"
#include "control/reply.h"
#include "proxy/proxy.h"
#include "proxy/subscribe/subscribe.h"

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

static void status_reply(struct lifecycle *l, bool derived_ok, void *arg)
{
    struct admin_request *r = arg;
    struct proxy *p = l->proxy;
    struct routing_table *t = proxy_routing_table(p);
    struct count_arg cnt;
    memset(&cnt, 0, sizeof cnt);
    proxy_foreach_conn(p, count_conn, &cnt);
    struct reply o;
    reply_begin(&o, r, NULL);
    reply_str(&o, "state", lifecycle_state_name(l));
    reply_str(&o, "explanation",
              l->state_known ? l->explanation : "the server has not been reachable yet");
    reply_bool(&o, "state_fresh", derived_ok);
    reply_u64(&o, "generation", t->generation);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "route_%s", route_name((enum route)i));
        reply_str(&o, k, t->routes[i].available ? "available" : "unavailable");
    }
    reply_u64(&o, "connections", cnt.total);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "connections_%s", route_name((enum route)i));
        reply_u64(&o, k, cnt.by_route[i]);
    }
    reply_bool(&o, "paused", barrier_is_raised(p));
    reply_bool(&o, "draining", p->draining);
    reply_bool(&o, "lifecycle_running", l->busy);
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_status(struct admin_request *r)
{
    struct lifecycle *l = r->admin->lifecycle;
    if (l->busy || !lifecycle_has_server(l)) {
        status_reply(l, false, r);
        return;
    }
    lifecycle_derive_state(l, status_reply, r);
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
            struct reply o;
            reply_begin(&o, r, NULL);
            reply_str(&o, "step", command_verb_name(r->cmd.verb));
            reply_str(&o, "summary", summary);
            reply_str(&o, "state", lifecycle_state_name(a->lifecycle));
            reply_f64(&o, "seconds", a->step_seconds[r->cmd.verb]);
            reply_end(&o);
        } else if (summary && *summary) {
            admin_req_body(r, "%s", summary);
        }
        admin_req_finish(r, true, NULL);
    } else {
        admin_req_finish(r, false, "%s", summary ? summary : "failed");
    }
}

/* Promote and rollback reply once the splices have switched (lifecycle.h). */
static void deploy_reply_settled(void *arg, size_t still_splicing, int waited_ms)
{
    struct admin_request *r = arg;
    if (still_splicing > 0)
        admin_req_progress(r, "%zu subscription(s) still splicing after %d ms", still_splicing,
                           waited_ms);
    else
        admin_req_progress(r, "subscriptions carried over after %d ms", waited_ms);
    deploy_reply(r, true, r->summary);
}

static void deploy_done_cb(void *arg, bool ok, const char *summary)
{
    struct admin_request *r = arg;
    struct admin *a = r->admin;
    r->op = NULL;
    a->lifecycle->busy = false;
    lifecycle_step_ended(a->lifecycle);
    bool swapped = ok && !(r->cmd.flags & CMDF_DRY_RUN) &&
                   (r->cmd.verb == CMD_DEPLOY_PROMOTE || r->cmd.verb == CMD_DEPLOY_ROLLBACK);
    if (swapped && r->settle == NULL && lifecycle_splicing(a->lifecycle) > 0) {
        r->summary = strdup(summary ? summary : "");
        if (r->summary)
            r->settle = lifecycle_settle_start(a->lifecycle, deploy_reply_settled, r);
        if (r->settle)
            return;
    }
    deploy_reply(r, ok, summary);
}

static void cmd_deploy(struct admin_request *r)
{
    struct lifecycle *l = r->admin->lifecycle;
    struct proxy *p = l->proxy;
    if (!lifecycle_has_server(l)) {
        admin_req_finish(r, false, "no [admin] dsn configured");
        return;
    }
    if (l->busy) {
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
    o.dns = resolve_dns_base(p); /* libpq never looks the dsn's host up in the loop */
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
    l->busy = true;
    r->op = start(p->cfg, p->base, &l->hooks, &o, deploy_progress_cb, deploy_done_cb, r);
    if (r->op == NULL) {
        l->busy = false;
        admin_req_finish(r, false, "could not start '%s'", command_verb_name(r->cmd.verb));
    }
}

static void commands_peer_gone(struct admin_request *r)
{
    struct admin *a = r->admin;
    if (r->cmd.verb == CMD_DEPLOY_AWAIT && r->op) {
        log_msg(&a->proxy->log, LOG_LVL_INFO, "admin: peer left, cancelling deploy await");
        deploy_cancel(r->op);
        r->op = NULL;
        a->lifecycle->busy = false;
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
    struct reply *o = arg;
    reply_row_begin(o);
    reply_u64(o, "id", ci->id);
    reply_str(o, "user", ci->user);
    reply_str(o, "database", ci->database);
    reply_str(o, "application_name", ci->application_name);
    reply_str(o, "peer", ci->peer);
    reply_str(o, "route", ci->route);
    reply_str(o, "state", ci->state);
    reply_bool(o, "in_tx", ci->in_tx);
    reply_bool(o, "tls", ci->tls);
    reply_u64(o, "generation", ci->generation);
    reply_f64(o, "connected_seconds", ci->connected_seconds);
    reply_u64(o, "bytes_in", ci->bytes_in);
    reply_u64(o, "bytes_out", ci->bytes_out);
    reply_row_end(o);
}

static void cmd_show_clients(struct admin_request *r)
{
    struct reply o;
    reply_begin(&o, r, "clients");
    proxy_foreach_conn(r->admin->proxy, show_client_row, &o);
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_show_routes(struct admin_request *r)
{
    struct proxy *p = r->admin->proxy;
    struct routing_table *t = proxy_routing_table(p);
    const char *listen[ROUTE_COUNT] = {p->cfg->listen, p->cfg->deploy_listen,
                                       p->cfg->previous_listen};
    struct reply o;
    reply_begin(&o, r, "routes");
    for (int i = 0; i < ROUTE_COUNT; i++) {
        reply_row_begin(&o);
        reply_str(&o, "route", route_name((enum route)i));
        reply_str(&o, "listen", listen[i] ? listen[i] : "");
        reply_bool(&o, "available", t->routes[i].available);
        reply_str(&o, "names", t->routes[i].map ? "suffixed" : "identity");
        reply_str(&o, "suffix", t->routes[i].map ? t->suffix : "");
        reply_str(&o, "cluster", t->routes[i].cluster);
        reply_u64(&o, "generation", t->generation);
        reply_row_end(&o);
    }
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

static void show_config_row(const char *section, const char *key, const char *value,
                            const char *help, void *arg)
{
    (void)help;
    struct reply *o = arg;
    /* config_foreach masks every secret (cfg_mask_dsn): one masker. */
    reply_row_begin(o);
    reply_str(o, "section", section);
    reply_str(o, "key", key);
    reply_str(o, "value", value);
    reply_row_end(o);
}

static void cmd_show_config(struct admin_request *r)
{
    struct reply o;
    reply_begin(&o, r, "config");
    config_foreach(r->admin->proxy->cfg, show_config_row, &o);
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

static void cmd_show_stats(struct admin_request *r)
{
    const struct stats *s = &r->admin->proxy->stats;
    struct reply o;
    reply_begin(&o, r, NULL);
    reply_u64(&o, "conns_accepted", s->conns_accepted);
    reply_u64(&o, "conns_rejected", s->conns_rejected);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        char k[64];
        snprintf(k, sizeof k, "conns_%s", route_name((enum route)i));
        reply_u64(&o, k, s->conns_by_route[i]);
    }
    reply_u64(&o, "bytes_client_to_backend", s->bytes_client_to_backend);
    reply_u64(&o, "bytes_backend_to_client", s->bytes_backend_to_client);
    reply_u64(&o, "queries", s->queries);
    reply_u64(&o, "queries_rewritten", s->queries_rewritten);
    reply_u64(&o, "errors", s->errors);
    reply_u64(&o, "proxy_errors", s->proxy_errors);
    reply_u64(&o, "cancels", s->cancels);
    reply_u64(&o, "pauses", s->pauses);
    reply_u64(&o, "pause_timeouts", s->pause_timeouts);
    reply_u64(&o, "query_wait_timeouts", s->query_wait_timeouts);
    reply_u64(&o, "held_total", s->held_total);
    reply_u64(&o, "held_max_ms", s->held_max_ms);
    reply_u64(&o, "held_p99_ms", stats_held_quantile(s, 0.99));
    reply_u64(&o, "reloads", s->reloads);
    reply_u64(&o, "subscriptions", s->subscriptions);
    reply_u64(&o, "subscriptions_carried", s->subscriptions_carried);
    reply_u64(&o, "subscriptions_failed", s->subscriptions_failed);
    reply_u64(&o, "splice_overflows", s->splice_overflows);
    reply_u64(&o, "carry_sessions", s->carry_sessions);
    reply_u64(&o, "carry_sessions_peak", s->carry_sessions_peak);
    reply_u64(&o, "carry_sessions_refused", s->carry_sessions_refused);
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

static void show_sub_row(const struct subscription_info *si, void *arg)
{
    struct reply *o = arg;
    reply_row_begin(o);
    reply_u64(o, "client", si->conn_id);
    reply_str(o, "form", si->form);
    reply_str(o, "statement", si->statement);
    reply_u64(o, "frontier", si->frontier);
    reply_str(o, "environment", si->environment);
    reply_str(o, "state", si->state);
    reply_row_end(o);
}

static void cmd_show_subscriptions(struct admin_request *r)
{
    struct reply o;
    reply_begin(&o, r, "subscriptions");
    proxy_foreach_subscription(r->admin->proxy, show_sub_row, &o);
    reply_end(&o);
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
    if (a->lifecycle->busy && !a->paused) {
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

static void cmd_reload(struct admin_request *r)
{
    struct admin *a = r->admin;
    char err[4096] = "";
    if (!proxy_reload(a->proxy, err, sizeof err)) {
        admin_req_finish(r, false, "%s", err);
        return;
    }
    char note[300];
    admin_reloaded(a, note, sizeof note);
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

/* ---- fleet ---- */

static void cmd_fleet(struct admin_request *r)
{
    struct fleet *f = r->admin->lifecycle->fleet;
    if (f == NULL) {
        admin_req_finish(r, false, "this cutoverd is not a fleet member ([fleet] enabled = off)");
        return;
    }
    static struct fleet_member_info members[FLEET_MAX_MEMBERS];
    size_t n = fleet_members(f, members, FLEET_MAX_MEMBERS);
    struct fleet_intent_info in;
    fleet_intent(f, &in);
    struct reply o;
    bool json = (r->cmd.flags & CMDF_JSON) != 0;
    if (!json) {
        admin_req_body(
            r, "member %s; view %s%s; intent: generation %lld %s by %s, %s", fleet_member_name(f),
            fleet_ready(f) ? "fresh" : "stale: ", fleet_ready(f) ? "" : fleet_stale_reason(f),
            (long long)in.generation, in.action, in.promoter[0] ? in.promoter : "-", in.state);
    }
    reply_begin(&o, r, "members");
    for (size_t i = 0; i < n; i++) {
        const struct fleet_member_info *m = &members[i];
        reply_row_begin(&o);
        reply_str(&o, "name", m->name);
        reply_str(&o, "address", m->address);
        reply_u64(&o, "pid", (uint64_t)m->pid);
        reply_u64(&o, "generation", (uint64_t)m->generation);
        reply_str(&o, "state", m->state);
        reply_f64(&o, "heartbeat_seconds_ago", (double)m->heartbeat_age_ms / 1000.0);
        reply_bool(&o, "live", m->live);
        reply_bool(&o, "self", m->self);
        reply_row_end(&o);
    }
    reply_list_end(&o);
    if (json) {
        reply_str(&o, "member", fleet_member_name(f));
        reply_bool(&o, "stale", !fleet_ready(f));
        reply_u64(&o, "intent_generation", (uint64_t)in.generation);
        reply_str(&o, "intent_action", in.action);
        reply_str(&o, "intent_promoter", in.promoter);
        reply_str(&o, "intent_state", in.state);
        reply_f64(&o, "clock_offset_seconds", (double)fleet_clock_offset_ms(f) / 1000.0);
    }
    reply_end(&o);
    admin_req_finish(r, true, NULL);
}

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
    {CMD_FLEET, cmd_fleet},
};

static void commands_dispatch(struct admin_request *r)
{
    for (size_t i = 0; i < sizeof command_table / sizeof command_table[0]; i++) {
        if (command_table[i].verb == r->cmd.verb) {
            command_table[i].fn(r);
            return;
        }
    }
    admin_req_finish(r, false, "command '%s' is not implemented", command_verb_name(r->cmd.verb));
}

const struct admin_commands *commands_table(void)
{
    static const struct admin_commands table = {commands_dispatch, commands_peer_gone};
    return &table;
}

/* ---- metrics ---- */

void commands_metrics(struct admin *a, struct evbuffer *out)
{
    const struct lifecycle *l = a->lifecycle;
    static const enum deploy_state states[] = {DEPLOY_STATE_NONE, DEPLOY_STATE_DEPLOYING,
                                               DEPLOY_STATE_PROMOTED, DEPLOY_STATE_INCONSISTENT};
    evbuffer_add_printf(out, "# HELP cutover_deployment_state Deployment state derived from the "
                             "server (1 = current).\n# TYPE cutover_deployment_state gauge\n");
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        evbuffer_add_printf(out, "cutover_deployment_state{state=\"%s\"} %d\n",
                            deploy_state_name(states[i]),
                            l->state_known && l->state == states[i] ? 1 : 0);
    evbuffer_add_printf(out, "cutover_deployment_state{state=\"unknown\"} %d\n",
                        l->state_known ? 0 : 1);
    evbuffer_add_printf(out, "# HELP cutover_lifecycle_step_seconds Duration of the last run of "
                             "each lifecycle step.\n# TYPE cutover_lifecycle_step_seconds gauge\n");
    static const enum command_verb steps[] = {CMD_DEPLOY_INIT, CMD_DEPLOY_AWAIT, CMD_DEPLOY_PROMOTE,
                                              CMD_DEPLOY_CLEANUP, CMD_DEPLOY_ROLLBACK};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        evbuffer_add_printf(out, "cutover_lifecycle_step_seconds{step=\"%s\"} %.6f\n",
                            command_verb_name(steps[i]) + 7, a->step_seconds[steps[i]]);
    if (l->fleet != NULL)
        fleet_write_metrics(l->fleet, out);
}
