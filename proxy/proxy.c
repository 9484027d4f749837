/*
 * proxy.c: the daemon's context: listeners, the conn list and its reaper,
 * TLS contexts, the routing table, signals, reload and shutdown.
 */
#include "proxy/proxy.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <openssl/rand.h>

#include "protocol/sqlstate.h"
#include "proxy/authquery.h"
#include "proxy/backend.h"
#include "proxy/cancel.h"
#include "proxy/client.h"
#include "proxy/fdlimit.h"
#include "proxy/loginshim.h"
#include "proxy/session_timeouts.h"
#include "proxy/tls.h"

/* After SIGINT or a drain timeout: time for final FATALs to reach clients. */
#define PROXY_EXIT_GRACE_MS 200

static void proxy_reap_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    struct conn *c, *next;
    for (c = TAILQ_FIRST(&p->conns); c != NULL; c = next) {
        next = TAILQ_NEXT(c, link);
        if (c->reap_queued)
            conn_free(c);
    }
}

void proxy_schedule_reap(struct proxy *p)
{
    event_active(p->reap_ev, EV_TIMEOUT, 0);
}

static void proxy_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *addr,
                            int addrlen, void *arg)
{
    (void)l;
    struct proxy_listener *pl = arg;
    struct proxy *p = pl->proxy;
    bool unix_peer = addr != NULL && addr->sa_family == AF_UNIX;
    int one = 1;
    if (!unix_peer) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        session_tcp_keepalive(p->cfg, fd);
    }
    struct conn *c = conn_new(p, fd, addr, addrlen);
    if (c == NULL) {
        log_msg(&p->log, LOG_LVL_ERROR, "out of memory accepting a connection");
        return;
    }
    if (unix_peer)
        snprintf(c->peer, sizeof c->peer, "unix"); /* Unix clients have no address */
    c->route = pl->route;
    if (p->draining) {
        /* Told, not just dropped: clients retry elsewhere on 57P03. */
        p->stats.conns_rejected++;
        conn_fail(c, SQLSTATE_CANNOT_CONNECT_NOW, "the database system is shutting down");
        return;
    }
    if (p->cfg->max_client_conn > 0 && p->nclients >= (size_t)p->cfg->max_client_conn) {
        /* Refused after its startup packet, as PostgreSQL does: a FATAL in
         * answer to SSLRequest confuses clients. */
        c->over_limit = 1;
    } else {
        c->counted = 1;
        p->nclients++;
    }
    client_start(c);
}

static void proxy_listener_error_cb(struct evconnlistener *l, void *arg)
{
    struct proxy_listener *pl = arg;
    int err = EVUTIL_SOCKET_ERROR();
    fdlimit_accept_failed(pl->proxy, l == pl->proxy->unix_listener ? "unix" : route_name(pl->route),
                          err);
}

static bool proxy_listen(struct proxy *p, enum route r, const char *hostport, char *err,
                         size_t errlen)
{
    struct sockaddr_storage ss;
    socklen_t len;
    char *host = NULL;
    if (!backend_resolve(hostport, &ss, &len, &host, err, errlen))
        return false;
    free(host);
    p->listener_ctx[r].proxy = p;
    p->listener_ctx[r].route = r;
    p->listeners[r] =
        evconnlistener_new_bind(p->base, proxy_accept_cb, &p->listener_ctx[r],
                                LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC,
                                512, (struct sockaddr *)&ss, (int)len);
    if (p->listeners[r] == NULL) {
        snprintf(err, errlen, "could not listen on %s: %s", hostport, strerror(errno));
        return false;
    }
    evconnlistener_set_error_cb(p->listeners[r], proxy_listener_error_cb);
    fdlimit_watch(p, p->listeners[r], route_name(r));
    log_msg(&p->log, LOG_LVL_INFO, "listening on %s (route %s)", hostport, route_name(r));
    return true;
}

/* True when something accepts connections on the Unix socket `sun`. */
static bool proxy_unix_socket_live(const struct sockaddr_un *sun)
{
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    bool live = connect(fd, (const struct sockaddr *)sun, sizeof *sun) == 0;
    close(fd);
    return live;
}

/* The production route's Unix socket in unix_socket_dir. A socket file that
 * nobody accepts on (a crashed daemon's) is replaced; a live one, or any
 * other kind of file, is an error: never unlink what is not ours. */
static bool proxy_listen_unix(struct proxy *p, char *err, size_t errlen)
{
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    if (!config_unix_socket_path(p->cfg, sun.sun_path, sizeof sun.sun_path)) {
        snprintf(err, errlen, "proxy.unix_socket_dir: socket path too long");
        return false;
    }
    const char *path = sun.sun_path;
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(err, errlen, "could not listen on %s: exists and is not a socket", path);
            return false;
        }
        if (proxy_unix_socket_live(&sun)) {
            snprintf(err, errlen, "could not listen on %s: in use by another process", path);
            return false;
        }
        unlink(path);
    }
    p->listener_ctx[ROUTE_PRODUCTION].proxy = p;
    p->listener_ctx[ROUTE_PRODUCTION].route = ROUTE_PRODUCTION;
    /* Created owner-only, opened to unix_socket_mode once bound: no window
     * in which the umask decides who may connect. */
    mode_t old = umask(0177);
    p->unix_listener = evconnlistener_new_bind(
        p->base, proxy_accept_cb, &p->listener_ctx[ROUTE_PRODUCTION],
        LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 512, (struct sockaddr *)&sun, sizeof sun);
    umask(old);
    if (p->unix_listener == NULL) {
        snprintf(err, errlen, "could not listen on %s: %s", path, strerror(errno));
        return false;
    }
    p->unix_path = strdup(path);
    if (p->unix_path == NULL) {
        snprintf(err, errlen, "out of memory");
        unlink(path);
        return false;
    }
    if (chmod(path, (mode_t)p->cfg->unix_socket_mode) != 0) {
        snprintf(err, errlen, "could not listen on %s: chmod: %s", path, strerror(errno));
        return false;
    }
    evconnlistener_set_error_cb(p->unix_listener, proxy_listener_error_cb);
    fdlimit_watch(p, p->unix_listener, "unix");
    log_msg(&p->log, LOG_LVL_INFO, "listening on unix:%s (route %s)", path,
            route_name(ROUTE_PRODUCTION));
    return true;
}

/* Stops accepting on every listener (the sockets stay bound until free). */
static void proxy_disable_listeners(struct proxy *p)
{
    for (int i = 0; i < ROUTE_COUNT; i++)
        if (p->listeners[i])
            evconnlistener_disable(p->listeners[i]);
    if (p->unix_listener)
        evconnlistener_disable(p->unix_listener);
}

/* Builds both TLS contexts for `cfg` into `p`, and looks the backend up:
 * the first time starts the resolver, a reload looks the name up again in
 * the background (resolve.h; the address key itself never reloads). */
static bool proxy_apply_backend(struct proxy *p, const struct config *cfg, char *err, size_t errlen)
{
    char *host = NULL;
    int port = 0;
    if (!config_parse_hostport(cfg->backend, &host, &port)) {
        snprintf(err, errlen, "invalid backend address \"%s\"", cfg->backend);
        return false;
    }
    err[0] = '\0';
    SSL_CTX *server = tls_server_ctx_new(cfg, err, errlen);
    if (server == NULL && err[0] != '\0') {
        free(host);
        return false;
    }
    SSL_CTX *client = tls_client_ctx_new(cfg, err, errlen);
    if (client == NULL && err[0] != '\0') {
        SSL_CTX_free(server);
        free(host);
        return false;
    }
    snprintf(p->backend_desc, sizeof p->backend_desc, "%s", cfg->backend);
    if (p->resolver.host == NULL) {
        if (!resolve_init(p, cfg->backend, err, errlen)) {
            SSL_CTX_free(server);
            SSL_CTX_free(client);
            free(host);
            return false;
        }
    } else {
        resolve_refresh(p);
    }
    free(p->backend_host);
    p->backend_host = host;
    snprintf(p->backend_desc, sizeof p->backend_desc, "%s", cfg->backend);
    SSL_CTX_free(p->server_ctx);
    SSL_CTX_free(p->client_ctx);
    p->server_ctx = server;
    p->client_ctx = client;
    return true;
}

/* Loads cfg's [auth] file into *out (NULL when there is none). False with
 * "path:line: reason" in err when it does not load. */
static bool proxy_load_auth(const struct config *cfg, struct authfile **out, char *err,
                            size_t errlen)
{
    *out = NULL;
    if (cfg->auth_file == NULL)
        return true;
    *out = authfile_load(cfg->auth_file, err, errlen);
    if (*out == NULL) {
        return false;
    }
    return true;
}

/* Installs a loaded auth table (NULL: none), freeing the previous one.
 * Sessions copied what they need at their startup (conn.h auth). */
static void proxy_install_auth(struct proxy *p, struct authfile *a)
{
    authfile_free(p->auth);
    p->auth = a;
    if (a != NULL)
        log_msg(&p->log, LOG_LVL_INFO, "auth file %s: %zu users with a SCRAM verifier",
                p->cfg->auth_file, authfile_count(a));
}

/*
 * With the change list, libevent applies the event additions and deletions
 * of one loop pass just before it waits, and an addition undone in the same
 * pass costs nothing. That is what a TLS bufferevent does on every reply:
 * it adds its write event when bytes are queued, SSL_writes them at once and
 * deletes the event again (two epoll_ctl calls per message; the plaintext
 * path avoids them in conn_flush). libevent's caveat for the flag is
 * descriptors cloned with dup(), which cutoverd never registers; a
 * descriptor closed and reused within a pass is re-added (a MOD that fails
 * with ENOENT is retried as an ADD by libevent's epoll backend).
 */
struct event_base *proxy_event_base_new(void)
{
    struct event_config *ec = event_config_new();
    if (ec == NULL)
        return NULL;
    event_config_set_flag(ec, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
    struct event_base *base = event_base_new_with_config(ec);
    event_config_free(ec);
    return base;
}

struct proxy *proxy_new(struct event_base *base, struct config *cfg, char *err, size_t errlen)
{
    struct proxy *p = calloc(1, sizeof *p);
    if (p == NULL) {
        snprintf(err, errlen, "out of memory");
        config_free(cfg);
        free(cfg);
        return NULL;
    }
    p->base = base;
    p->cfg = cfg;
    /* Unknown to clients, so rows they shape cannot flood one hash chain. */
    if (RAND_bytes(p->splice_hash_key, (int)sizeof p->splice_hash_key) != 1) {
        snprintf(err, errlen, "cannot seed the splice hash key from RAND_bytes");
        config_free(cfg);
        free(cfg);
        free(p);
        return NULL;
    }
    log_init(&p->log);
    p->log.level = (enum log_level)cfg->log_level;
    stats_init(&p->stats);
    TAILQ_INIT(&p->conns);
    barrier_init(&p->barrier);
    fleetgate_init(p);
    if (cfg->log_file && !log_open(&p->log, cfg->log_file)) {
        snprintf(err, errlen, "could not open log file %s: %s", cfg->log_file, strerror(errno));
        goto fail;
    }
    p->reap_ev = event_new(base, -1, 0, proxy_reap_cb, p);
    if (p->reap_ev == NULL) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (!proxy_apply_backend(p, cfg, err, errlen))
        goto fail;
    fdlimit_ensure(p); /* a shortfall is logged: cutoverd still serves what fits */
    struct authfile *auth = NULL;
    if (!proxy_load_auth(cfg, &auth, err, errlen))
        goto fail;
    proxy_install_auth(p, auth);
    p->route_phase = ROUTE_PHASE_UNKNOWN; /* until the lifecycle derives it */
    p->routes = routing_table_new(cfg, 1, p->route_phase);
    if (p->routes == NULL) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    if (!proxy_listen(p, ROUTE_PRODUCTION, cfg->listen, err, errlen))
        goto fail;
    if (cfg->deploy_listen && cfg->deploy_listen[0] &&
        !proxy_listen(p, ROUTE_DEPLOY, cfg->deploy_listen, err, errlen))
        goto fail;
    if (cfg->previous_listen && cfg->previous_listen[0] &&
        !proxy_listen(p, ROUTE_PREVIOUS, cfg->previous_listen, err, errlen))
        goto fail;
    if (cfg->unix_socket_dir && !proxy_listen_unix(p, err, errlen))
        goto fail;
    return p;
fail:
    proxy_free(p);
    return NULL;
}

void proxy_free(struct proxy *p)
{
    if (p == NULL)
        return;
    resolve_free(p);
    fdlimit_free(p);
    for (int i = 0; i < ROUTE_COUNT; i++) {
        if (p->listeners[i])
            evconnlistener_free(p->listeners[i]);
        p->listeners[i] = NULL;
    }
    if (p->unix_listener)
        evconnlistener_free(p->unix_listener);
    p->unix_listener = NULL;
    if (p->unix_path)
        unlink(p->unix_path);
    free(p->unix_path);
    p->unix_path = NULL;
    while (!TAILQ_EMPTY(&p->conns)) {
        struct conn *c = TAILQ_FIRST(&p->conns);
        if (c->state != CONN_CLOSING)
            conn_close(c, "proxy shutting down");
        conn_free(c);
    }
    cancel_free_all(p);
    authquery_free(p); /* after the sessions, which cancelled their lookups */
    for (size_t i = 0; i < sizeof p->signals / sizeof p->signals[0]; i++)
        if (p->signals[i])
            event_free(p->signals[i]);
    if (p->shutdown_timer)
        event_free(p->shutdown_timer);
    if (p->drain_sweep)
        event_free(p->drain_sweep);
    if (p->reap_ev)
        event_free(p->reap_ev);
    if (p->subscribe_start_timer)
        event_free(p->subscribe_start_timer);
    swapwatch_free(p);
    fleetgate_free(p);
    barrier_free(&p->barrier);
    routing_table_unref(p->routes);
    loginshim_free(p);
    authfile_free(p->auth);
    SSL_CTX_free(p->server_ctx);
    SSL_CTX_free(p->client_ctx);
    free(p->backend_host);
    log_close(&p->log);
    if (p->cfg) {
        config_free(p->cfg);
        free(p->cfg);
    }
    free(p);
}

void proxy_conn_gone(struct proxy *p)
{
    if ((p->draining || p->exiting) && p->nconns == 0) {
        log_msg(&p->log, LOG_LVL_INFO, "all sessions closed; exiting");
        event_base_loopexit(p->base, NULL);
    }
}

static void proxy_close_all(struct proxy *p, const char *sqlstate, const char *msg)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (c->state != CONN_CLOSING)
            conn_fail(c, sqlstate, "%s", msg);
    }
}

static void proxy_exit_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    if (!p->exiting) {
        /* Drain timeout: whoever is left is told and closed. */
        log_msg(&p->log, LOG_LVL_WARNING, "shutdown_timeout reached with %zu session(s)",
                p->nconns);
        p->exiting = true;
        proxy_disable_listeners(p);
        proxy_close_all(p, SQLSTATE_ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command");
        if (p->nconns == 0) {
            event_base_loopexit(p->base, NULL);
            return;
        }
        struct timeval tv = {0, PROXY_EXIT_GRACE_MS * 1000};
        evtimer_add(p->shutdown_timer, &tv);
        return;
    }
    event_base_loopexit(p->base, NULL);
}

/* A session is done with the server once it is idle outside a transaction
 * and has sent nothing more: that is when a drain lets it go. */
static bool proxy_session_drainable(struct conn *c)
{
    return c->state == CONN_IDLE && !c->in_tx &&
           (c->client == NULL || evbuffer_get_length(bufferevent_get_input(c->client)) == 0);
}

static void proxy_drain_sweep_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    if (!p->draining || p->exiting)
        return;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (proxy_session_drainable(c))
            conn_fail(c, SQLSTATE_ADMIN_SHUTDOWN,
                      "terminating connection due to administrator command");
    }
}

void proxy_drain_kick(struct proxy *p)
{
    if (p->draining && !p->exiting && p->drain_sweep != NULL)
        event_active(p->drain_sweep, EV_TIMEOUT, 0);
}

void proxy_shutdown(struct proxy *p, bool wait)
{
    if (p->shutdown_timer == NULL)
        p->shutdown_timer = evtimer_new(p->base, proxy_exit_cb, p);
    if (wait && !p->draining) {
        p->draining = true;
        log_msg(&p->log, LOG_LVL_INFO,
                "shutdown: draining %zu session(s) for up to %d ms; each is closed once idle "
                "outside a transaction",
                p->nconns, p->cfg->shutdown_timeout_ms);
        if (p->nconns == 0) {
            event_base_loopexit(p->base, NULL);
            return;
        }
        p->drain_sweep = evtimer_new(p->base, proxy_drain_sweep_cb, p);
        proxy_drain_kick(p);
        int ms = p->cfg->shutdown_timeout_ms;
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        if (p->shutdown_timer)
            evtimer_add(p->shutdown_timer, &tv);
        return;
    }
    proxy_disable_listeners(p);
    log_msg(&p->log, LOG_LVL_INFO, "shutdown: closing %zu session(s) now", p->nconns);
    p->draining = true;
    p->exiting = true;
    proxy_close_all(p, SQLSTATE_ADMIN_SHUTDOWN,
                    "terminating connection due to administrator command");
    if (p->nconns == 0) {
        event_base_loopexit(p->base, NULL);
        return;
    }
    struct timeval tv = {0, PROXY_EXIT_GRACE_MS * 1000};
    if (p->shutdown_timer)
        evtimer_add(p->shutdown_timer, &tv);
}

static void proxy_signal_cb(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    struct proxy *p = arg;
    switch (sig) {
    case SIGTERM:
        /* As PgBouncer: a second SIGTERM during the drain stops at once. */
        if (p->draining) {
            log_msg(&p->log, LOG_LVL_INFO, "SIGTERM while draining: stopping now");
            proxy_shutdown(p, false);
            break;
        }
        log_msg(&p->log, LOG_LVL_INFO, "SIGTERM: draining");
        proxy_shutdown(p, true);
        break;
    case SIGINT:
        log_msg(&p->log, LOG_LVL_INFO, "SIGINT: stopping now");
        proxy_shutdown(p, false);
        break;
    case SIGHUP: {
        char err[2048];
        if (proxy_reload(p, err, sizeof err)) {
            if (err[0])
                log_msg(&p->log, LOG_LVL_WARNING, "SIGHUP: reloaded; not reloadable: %s", err);
            else
                log_msg(&p->log, LOG_LVL_INFO, "SIGHUP: reloaded");
            if (p->on_reloaded)
                p->on_reloaded(p, p->on_reloaded_arg);
        } else {
            log_msg(&p->log, LOG_LVL_ERROR, "SIGHUP: reload failed, keeping the old config: %s",
                    err);
        }
        break;
    }
    default:
        break;
    }
}

bool proxy_install_signals(struct proxy *p)
{
    const int sigs[3] = {SIGTERM, SIGINT, SIGHUP};
    for (int i = 0; i < 3; i++) {
        p->signals[i] = evsignal_new(p->base, sigs[i], proxy_signal_cb, p);
        if (p->signals[i] == NULL || evsignal_add(p->signals[i], NULL) < 0)
            return false;
    }
    return true;
}

void proxy_foreach_conn(struct proxy *p, proxy_conn_fn fn, void *arg)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (c->state == CONN_CLOSING)
            continue;
        struct conn_info info;
        conn_info_fill(c, &info);
        fn(&info, arg);
    }
}

struct conn *proxy_find_conn(struct proxy *p, uint64_t id)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (c->id == id && c->state != CONN_CLOSING)
            return c;
    }
    return NULL;
}

bool proxy_kill_conn(struct proxy *p, uint64_t id)
{
    struct conn *c = proxy_find_conn(p, id);
    if (c == NULL)
        return false;
    conn_fail(c, SQLSTATE_ADMIN_SHUTDOWN, "terminating connection due to administrator command");
    return true;
}

bool proxy_pause(struct proxy *p, int timeout_ms, barrier_done_fn done, void *arg)
{
    return barrier_raise(p, timeout_ms, done, arg);
}

void proxy_resume(struct proxy *p)
{
    barrier_lower(p);
}

/* Replaces the routing table (takes over the caller's reference). */
static void proxy_install_routing_table(struct proxy *p, struct routing_table *t)
{
    routing_table_unref(p->routes);
    p->routes = t;
    log_msg(&p->log, LOG_LVL_INFO,
            "routing table generation %llu installed for phase %s: deploy %s, previous %s",
            (unsigned long long)t->generation, route_phase_name(t->phase),
            t->routes[ROUTE_DEPLOY].available ? "available" : "unavailable",
            t->routes[ROUTE_PREVIOUS].available ? "available" : "unavailable");
}

bool proxy_set_route_phase(struct proxy *p, enum route_phase phase, bool new_generation)
{
    struct routing_table *t = routing_table_new(p->cfg, p->routes->generation + 1, phase);
    if (t == NULL)
        return false;
    p->route_phase = phase;
    if (!new_generation && routing_table_same_availability(p->routes, t)) {
        routing_table_unref(t);
        return true;
    }
    proxy_install_routing_table(p, t);
    return true;
}

struct routing_table *proxy_routing_table(struct proxy *p)
{
    return p->routes;
}

/* Exchanges the values of the keys that a reload cannot change (swapping
 * twice restores both). */
static void proxy_swap_fixed_keys(struct config *a, struct config *b)
{
    char **ka[] = {&a->listen,  &a->deploy_listen, &a->previous_listen, &a->unix_socket_dir,
                   &a->backend, &a->admin_socket,  &a->http_listen};
    char **kb[] = {&b->listen,  &b->deploy_listen, &b->previous_listen, &b->unix_socket_dir,
                   &b->backend, &b->admin_socket,  &b->http_listen};
    for (size_t i = 0; i < sizeof ka / sizeof ka[0]; i++) {
        char *tmp = *ka[i];
        *ka[i] = *kb[i];
        *kb[i] = tmp;
    }
    enum config_dialect d = a->backend_dialect;
    a->backend_dialect = b->backend_dialect;
    b->backend_dialect = d;
    int m = a->admin_socket_mode;
    a->admin_socket_mode = b->admin_socket_mode;
    b->admin_socket_mode = m;
    m = a->unix_socket_mode;
    a->unix_socket_mode = b->unix_socket_mode;
    b->unix_socket_mode = m;
}

bool proxy_reload(struct proxy *p, char *err, size_t errlen)
{
    err[0] = '\0';
    if (p->cfg->source_path == NULL) {
        snprintf(err, errlen, "no configuration file to reload");
        return false;
    }
    struct config *neu = calloc(1, sizeof *neu);
    if (neu == NULL || !config_init_defaults(neu)) {
        free(neu);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    char *path = strdup(p->cfg->source_path);
    bool ok = path && config_load_file(neu, path, err, errlen) && config_validate(neu, err, errlen);
    free(path);
    if (!ok) {
        config_free(neu);
        free(neu);
        return false;
    }
    /* Keys that cannot change at run time keep their running values, so
     * that what runs and what `show config` says agree. */
    config_diff_unreloadable(p->cfg, neu, err, errlen);
    proxy_swap_fixed_keys(p->cfg, neu);
    char scratch[512];
    struct authfile *auth = NULL;
    if (!proxy_load_auth(neu, &auth, scratch, sizeof scratch)) {
        snprintf(err, errlen, "%s", scratch);
        proxy_swap_fixed_keys(p->cfg, neu);
        config_free(neu);
        free(neu);
        return false;
    }
    if (!proxy_apply_backend(p, neu, scratch, sizeof scratch)) {
        authfile_free(auth);
        snprintf(err, errlen, "%s", scratch);
        proxy_swap_fixed_keys(p->cfg, neu);
        config_free(neu);
        free(neu);
        return false;
    }
    /* The same policy, the same phase, the new config: a reload never
     * reopens a route the lifecycle closed. */
    struct routing_table *t = routing_table_new(neu, p->routes->generation + 1, p->route_phase);
    if (t == NULL) {
        snprintf(err, errlen, "out of memory");
        authfile_free(auth);
        proxy_swap_fixed_keys(p->cfg, neu);
        config_free(neu);
        free(neu);
        return false;
    }
    const char *old_log = p->cfg->log_file ? p->cfg->log_file : "";
    const char *new_log = neu->log_file ? neu->log_file : "";
    if (strcmp(old_log, new_log) != 0) {
        struct logger fresh;
        log_init(&fresh);
        if (new_log[0] == '\0' || log_open(&fresh, new_log)) {
            log_close(&p->log);
            p->log = fresh;
        } else {
            log_msg(&p->log, LOG_LVL_ERROR, "could not open log file %s: %s; keeping the old one",
                    new_log, strerror(errno));
        }
    }
    config_free(p->cfg);
    free(p->cfg);
    p->cfg = neu;
    p->log.level = (enum log_level)neu->log_level;
    proxy_install_auth(p, auth);
    proxy_install_routing_table(p, t);
    p->stats.reloads++;
    fdlimit_ensure(p); /* max_client_conn may have grown */
    return true;
}
