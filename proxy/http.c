/*
 * http.c: /metrics, /healthz and /readyz over evhttp, and the periodic TCP
 * probe of the backend behind /readyz.
 */
#include "proxy/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>

#include "proxy/proxy.h"

/* Limits of the HTTP endpoint (metrics and probes only; docs/admin.md). */
#define HTTP_MAX_HEADERS_BYTES 8192
#define HTTP_MAX_BODY_BYTES    1024
#define HTTP_IO_TIMEOUT_S      10
/* A peer hammering the port past the connection limit gets one warning in
 * this many seconds, not one per connection. */
#define HTTP_REFUSAL_WARN_EVERY_S 10

/* One admitted connection, named by its socket's inode. evhttp frees
 * connections on paths that call no close callback of ours (idle timeout,
 * write error, EOF), so the live set is reconciled against the descriptors
 * themselves before it is read: a closed connection's fd is closed, or
 * reused by another socket, which has another inode. */
struct http_conn_id {
    int fd;
    dev_t dev;
    ino_t ino;
};

struct http_server {
    struct proxy *proxy;   /* not owned */
    struct evhttp *http;   /* the listener */
    http_metrics_fn extra; /* more metrics; may be NULL */
    void *extra_arg;
    struct event *probe_timer; /* every HTTP_PROBE_INTERVAL_MS */
    struct bufferevent *probe; /* connect in flight; NULL = none */
    bool reachable;            /* at the last probe */

    /* Connection limit: libevent 2.1 has no evhttp_set_max_connections. */
    int max_conns;
    struct http_conn_id *live; /* max_conns slots, nlive used */
    size_t nlive;
    struct bufferevent **pending; /* accepted, not admitted yet; each holds a reference */
    size_t npending, cap_pending;
    struct event *admit; /* runs http_admit_cb for `pending` */
    uint64_t refused;
    uint64_t refused_unlogged; /* since the last warning */
    bool warned;
    struct timespec warned_at;
};

/* ---- metrics ---- */

struct conn_counts {
    uint64_t n[ROUTE_COUNT][CONN_STATE_COUNT];
};

static void http_count_conn(const struct conn_info *ci, void *arg)
{
    struct conn_counts *c = arg;
    enum route r;
    if (!ci->route || !route_parse(ci->route, &r))
        return;
    for (int s = 0; s < CONN_STATE_COUNT; s++) {
        if (strcmp(conn_state_name((enum conn_state)s), ci->state) == 0) {
            c->n[r][s]++;
            return;
        }
    }
}

static void metric_head(struct evbuffer *out, const char *name, const char *type, const char *help)
{
    evbuffer_add_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A metric with one unlabelled sample. */
static void metric_u64(struct evbuffer *out, const char *name, const char *type, const char *help,
                       uint64_t value)
{
    metric_head(out, name, type, help);
    evbuffer_add_printf(out, "%s %llu\n", name, (unsigned long long)value);
}

void http_write_metrics(struct proxy *p, struct evbuffer *out)
{
    const struct stats *s = &p->stats;
    struct conn_counts cc;
    memset(&cc, 0, sizeof cc);
    proxy_foreach_conn(p, http_count_conn, &cc);
    metric_head(out, "cutover_connections", "gauge", "Live client sessions by route and state.");
    for (int r = 0; r < ROUTE_COUNT; r++)
        for (int st = 0; st < CONN_STATE_COUNT; st++)
            if (st != CONN_CLOSING)
                evbuffer_add_printf(out, "cutover_connections{route=\"%s\",state=\"%s\"} %llu\n",
                                    route_name((enum route)r), conn_state_name((enum conn_state)st),
                                    (unsigned long long)cc.n[r][st]);
    metric_head(out, "cutover_connections_total", "counter", "Sessions started per route.");
    for (int r = 0; r < ROUTE_COUNT; r++)
        evbuffer_add_printf(out, "cutover_connections_total{route=\"%s\"} %llu\n",
                            route_name((enum route)r), (unsigned long long)s->conns_by_route[r]);
    metric_head(out, "cutover_accept_backoffs_total", "counter",
                "Times accept() found no file descriptor (EMFILE, ENFILE) and the listeners "
                "paused.");
    evbuffer_add_printf(out, "cutover_accept_backoffs_total %llu\n",
                        (unsigned long long)s->accept_backoffs);
    metric_head(out, "cutover_accept_paused", "gauge",
                "1 while the listeners are paused for want of file descriptors.");
    evbuffer_add_printf(out, "cutover_accept_paused %d\n", p->accept_paused ? 1 : 0);
    metric_head(out, "cutover_bytes_total", "counter", "Bytes relayed by direction.");
    evbuffer_add_printf(out, "cutover_bytes_total{direction=\"client_to_backend\"} %llu\n",
                        (unsigned long long)s->bytes_client_to_backend);
    evbuffer_add_printf(out, "cutover_bytes_total{direction=\"backend_to_client\"} %llu\n",
                        (unsigned long long)s->bytes_backend_to_client);
    metric_head(out, "cutover_queries_total", "counter", "Query and Parse messages forwarded.");
    for (int r = 0; r < ROUTE_COUNT; r++)
        evbuffer_add_printf(out, "cutover_queries_total{route=\"%s\"} %llu\n",
                            route_name((enum route)r), (unsigned long long)s->queries_by_route[r]);
    metric_u64(out, "cutover_queries_rewritten_total", "counter",
               "Statements rewritten by a route's name map.", s->queries_rewritten);
    metric_head(out, "cutover_errors_total", "counter",
                "ErrorResponses: from the backend and made by cutover.");
    evbuffer_add_printf(out, "cutover_errors_total{source=\"backend\"} %llu\n",
                        (unsigned long long)s->errors);
    evbuffer_add_printf(out, "cutover_errors_total{source=\"proxy\"} %llu\n",
                        (unsigned long long)s->proxy_errors);
    metric_head(out, "cutover_pause_seconds", "histogram",
                "Time statements were held at the barrier.");
    uint64_t cum = 0;
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        cum += s->held_buckets[i];
        uint64_t b = stats_held_bucket_bound(i);
        if (b == UINT64_MAX)
            evbuffer_add_printf(out, "cutover_pause_seconds_bucket{le=\"+Inf\"} %llu\n",
                                (unsigned long long)cum);
        else
            evbuffer_add_printf(out, "cutover_pause_seconds_bucket{le=\"%g\"} %llu\n",
                                (double)b / 1000.0, (unsigned long long)cum);
    }
    evbuffer_add_printf(out, "cutover_pause_seconds_sum %g\n", (double)s->held_sum_ms / 1000.0);
    evbuffer_add_printf(out, "cutover_pause_seconds_count %llu\n", (unsigned long long)cum);
    metric_u64(out, "cutover_pauses_total", "counter", "Barrier raises.", s->pauses);
    metric_u64(out, "cutover_query_wait_timeouts_total", "counter",
               "Sessions ended because a statement was held at the barrier longer than "
               "query_wait_timeout.",
               s->query_wait_timeouts);
    metric_head(out, "cutover_paused", "gauge", "1 while the barrier is raised.");
    evbuffer_add_printf(out, "cutover_paused %d\n", barrier_is_raised(p) ? 1 : 0);
    metric_u64(out, "cutover_routing_generation", "gauge", "Routing table generation.",
               proxy_routing_table(p)->generation);
    metric_head(out, "cutover_route_available", "gauge", "1 when a route accepts sessions.");
    for (int r = 0; r < ROUTE_COUNT; r++)
        evbuffer_add_printf(out, "cutover_route_available{route=\"%s\"} %d\n",
                            route_name((enum route)r),
                            proxy_routing_table(p)->routes[r].available ? 1 : 0);
    metric_u64(out, "cutover_subscriptions_total", "counter", "SUBSCRIBE streams started.",
               s->subscriptions);
    metric_u64(out, "cutover_subscriptions_carried_total", "counter",
               "Subscriptions carried over a swap.", s->subscriptions_carried);
    metric_u64(out, "cutover_subscriptions_failed_total", "counter",
               "Subscriptions whose carry-over failed.", s->subscriptions_failed);
    metric_u64(out, "cutover_subscribe_splice_overflow_total", "counter",
               "Carry-overs that hit the splice memory limit.", s->splice_overflows);
    metric_u64(out, "cutover_subscribe_server_sessions", "gauge",
               "Server sessions the SUBSCRIBE carry-over holds.", s->carry_sessions);
    metric_u64(out, "cutover_subscribe_server_sessions_peak", "gauge",
               "The most server sessions the SUBSCRIBE carry-over held at once.",
               s->carry_sessions_peak);
    metric_u64(out, "cutover_subscribe_session_limit_total", "counter",
               "Carry-overs ended because [subscribe] max_sessions was reached.",
               s->carry_sessions_refused);
    metric_u64(out, "cutover_reloads_total", "counter", "Successful configuration reloads.",
               s->reloads);
}

/* ---- handlers ---- */

static void http_reply_text(struct evhttp_request *req, int code, const char *reason,
                            const char *body)
{
    struct evbuffer *b = evbuffer_new();
    if (b == NULL) {
        evhttp_send_error(req, 500, NULL);
        return;
    }
    evbuffer_add(b, body, strlen(body));
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; charset=utf-8");
    evhttp_send_reply(req, code, reason, b);
    evbuffer_free(b);
}

static void http_prune(struct http_server *h);

static void http_metrics_cb(struct evhttp_request *req, void *arg)
{
    struct http_server *h = arg;
    struct evbuffer *b = evbuffer_new();
    if (b == NULL) {
        evhttp_send_error(req, 500, NULL);
        return;
    }
    http_write_metrics(h->proxy, b);
    http_prune(h);
    metric_u64(b, "cutover_http_connections", "gauge",
               "Open connections to this HTTP listener, this one included.", h->nlive);
    metric_u64(b, "cutover_http_connections_refused_total", "counter",
               "HTTP connections closed at accept because [admin] http_max_connections were "
               "open.",
               h->refused);
    if (h->extra)
        h->extra(h->extra_arg, b);
    evhttp_add_header(evhttp_request_get_output_headers(req), "Content-Type",
                      "text/plain; version=0.0.4; charset=utf-8");
    evhttp_send_reply(req, 200, "OK", b);
    evbuffer_free(b);
}

static void http_healthz_cb(struct evhttp_request *req, void *arg)
{
    (void)arg;
    http_reply_text(req, 200, "OK", "ok\n");
}

static void http_readyz_cb(struct evhttp_request *req, void *arg)
{
    struct http_server *h = arg;
    if (h->proxy->draining)
        http_reply_text(req, 503, "Service Unavailable", "draining\n");
    else if (!h->reachable)
        http_reply_text(req, 503, "Service Unavailable", "backend unreachable\n");
    else
        http_reply_text(req, 200, "OK", "ready\n");
}

/* ---- connection limit ---- */

/* Drops the entries whose connection is gone (see struct http_conn_id). */
static void http_prune(struct http_server *h)
{
    size_t kept = 0;
    for (size_t i = 0; i < h->nlive; i++) {
        struct stat st;
        const struct http_conn_id *c = &h->live[i];
        if (fstat(c->fd, &st) == 0 && st.st_dev == c->dev && st.st_ino == c->ino)
            h->live[kept++] = *c;
    }
    h->nlive = kept;
}

static void http_refuse(struct http_server *h, struct evhttp_connection *evcon)
{
    char *peer = NULL;
    ev_uint16_t port = 0;
    char where[80] = "?";
    evhttp_connection_get_peer(evcon, &peer, &port);
    if (peer)
        snprintf(where, sizeof where, "%s:%u", peer, (unsigned)port);
    /* Closes the socket (the peer reads EOF) and frees the request evhttp
     * had started for it. */
    evhttp_connection_free(evcon);
    h->refused++;
    h->refused_unlogged++;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (h->warned && now.tv_sec - h->warned_at.tv_sec < HTTP_REFUSAL_WARN_EVERY_S)
        return;
    log_msg(&h->proxy->log, LOG_LVL_WARNING,
            "HTTP connection from %s refused: %zu open, admin.http_max_connections = %d "
            "(%llu refused since %s)",
            where, h->nlive, h->max_conns, (unsigned long long)h->refused_unlogged,
            h->warned ? "the last such warning" : "start");
    h->refused_unlogged = 0;
    h->warned = true;
    h->warned_at = now;
}

static void http_admit(struct http_server *h, struct evhttp_connection *evcon, evutil_socket_t fd)
{
    struct stat st;
    http_prune(h);
    /* A socket whose inode cannot be read could never be pruned: refused
     * like one over the limit (fstat does not fail on an open socket). */
    if (h->nlive >= (size_t)h->max_conns || fd < 0 || fstat(fd, &st) != 0) {
        http_refuse(h, evcon);
        return;
    }
    h->live[h->nlive++] = (struct http_conn_id){.fd = fd, .dev = st.st_dev, .ino = st.st_ino};
}

/* Runs in the loop pass that accepted the connections in `pending`: at the
 * highest priority and before the loop polls again, so evhttp has set each
 * up (the fd in the bufferevent, its evhttp_connection as the callback
 * argument) but read nothing from it yet. */
static void http_admit_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct http_server *h = arg;
    for (size_t i = 0; i < h->npending; i++) {
        struct bufferevent *bev = h->pending[i];
        void *evcon = NULL;
        bufferevent_getcb(bev, NULL, NULL, NULL, &evcon);
        /* NULL: evhttp could not set the connection up and freed it (which
         * clears the callbacks); our reference kept the bufferevent valid. */
        if (evcon != NULL)
            http_admit(h, evcon, bufferevent_getfd(bev));
        bufferevent_decref(bev);
    }
    h->npending = 0;
}

/* evhttp calls this once per accepted connection for the bufferevent to
 * use, before it has put the fd in it or created the connection's request:
 * too early to close anything, so the connection is queued for
 * http_admit_cb. */
static struct bufferevent *http_bevcb(struct event_base *base, void *arg)
{
    struct http_server *h = arg;
    struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    if (bev == NULL)
        return NULL;
    if (h->npending == h->cap_pending) {
        size_t cap = h->cap_pending ? 2 * h->cap_pending : 8;
        struct bufferevent **n = realloc(h->pending, cap * sizeof *n);
        if (n == NULL) /* out of memory: served, but outside the count */
            return bev;
        h->pending = n;
        h->cap_pending = cap;
    }
    /* Our reference keeps the bufferevent valid until admission even if
     * evhttp frees the connection first. */
    bufferevent_incref(bev);
    h->pending[h->npending++] = bev;
    event_active(h->admit, EV_READ, 0);
    return bev;
}

/* ---- backend probe ---- */

static void http_probe_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct http_server *h = arg;
    bool ok = (what & BEV_EVENT_CONNECTED) != 0;
    if (ok != h->reachable)
        log_msg(&h->proxy->log, ok ? LOG_LVL_INFO : LOG_LVL_WARNING, "backend %s is %s",
                h->proxy->backend_desc, ok ? "reachable again" : "unreachable");
    h->reachable = ok;
    bufferevent_free(h->probe);
    h->probe = NULL;
}

static void http_probe_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct http_server *h = arg;
    struct timeval every = {HTTP_PROBE_INTERVAL_MS / 1000, (HTTP_PROBE_INTERVAL_MS % 1000) * 1000};
    evtimer_add(h->probe_timer, &every);
    if (h->probe) { /* the last one never answered within the period */
        bufferevent_free(h->probe);
        h->probe = NULL;
        h->reachable = false;
    }
    h->probe = bufferevent_socket_new(h->proxy->base, -1, BEV_OPT_CLOSE_ON_FREE);
    if (h->probe == NULL)
        return;
    bufferevent_setcb(h->probe, NULL, NULL, http_probe_event_cb, h);
    if (bufferevent_socket_connect(h->probe, (struct sockaddr *)&h->proxy->backend_addr,
                                   (int)h->proxy->backend_addrlen) != 0) {
        bufferevent_free(h->probe);
        h->probe = NULL;
        h->reachable = false;
    }
}

struct http_server *http_new(struct proxy *p, const char *listen, int max_connections,
                             http_metrics_fn extra, void *extra_arg, char *err, size_t errlen)
{
    char *host = NULL;
    int port = 0;
    if (max_connections < 1) {
        snprintf(err, errlen, "http_max_connections: must be at least 1");
        return NULL;
    }
    if (!config_parse_hostport(listen, &host, &port)) {
        snprintf(err, errlen, "http_listen: cannot parse \"%s\"", listen);
        return NULL;
    }
    struct http_server *h = calloc(1, sizeof *h);
    if (h == NULL || (h->http = evhttp_new(p->base)) == NULL) {
        free(host);
        free(h);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->proxy = p;
    h->extra = extra;
    h->extra_arg = extra_arg;
    h->reachable = true;
    h->max_conns = max_connections;
    h->live = calloc((size_t)max_connections, sizeof *h->live);
    h->admit = event_new(p->base, -1, 0, http_admit_cb, h);
    /* Priority 0 runs before any event of another priority: a connection
     * is admitted before its first read even when the base has several. */
    if (h->live == NULL || h->admit == NULL || event_priority_set(h->admit, 0) != 0) {
        free(host);
        http_free(h);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    evhttp_set_bevcb(h->http, http_bevcb, h);
    evhttp_set_allowed_methods(h->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD);
    /* The endpoints take bodiless GETs with a few headers: anything larger
     * is not a probe, and a peer that stops mid-request must not keep a
     * connection (and its buffers) forever. */
    evhttp_set_max_headers_size(h->http, HTTP_MAX_HEADERS_BYTES);
    evhttp_set_max_body_size(h->http, HTTP_MAX_BODY_BYTES);
    struct timeval io_timeout = {HTTP_IO_TIMEOUT_S, 0};
    evhttp_set_timeout_tv(h->http, &io_timeout);
    evhttp_set_cb(h->http, "/metrics", http_metrics_cb, h);
    evhttp_set_cb(h->http, "/healthz", http_healthz_cb, h);
    evhttp_set_cb(h->http, "/readyz", http_readyz_cb, h);
    if (evhttp_bind_socket(h->http, host, (uint16_t)port) != 0) {
        snprintf(err, errlen, "http_listen %s: cannot bind", listen);
        free(host);
        http_free(h);
        return NULL;
    }
    free(host);
    h->probe_timer = evtimer_new(p->base, http_probe_cb, h);
    if (h->probe_timer)
        event_active(h->probe_timer, EV_TIMEOUT, 0);
    return h;
}

void http_free(struct http_server *h)
{
    if (h == NULL)
        return;
    if (h->probe)
        bufferevent_free(h->probe);
    if (h->probe_timer)
        event_free(h->probe_timer);
    /* First: evhttp frees its connections, dropping its references to the
     * pending bufferevents; ours go last. */
    evhttp_free(h->http);
    for (size_t i = 0; i < h->npending; i++)
        bufferevent_decref(h->pending[i]);
    if (h->admit)
        event_free(h->admit);
    free(h->pending);
    free(h->live);
    free(h);
}

bool http_backend_reachable(const struct http_server *h)
{
    return h->reachable;
}
