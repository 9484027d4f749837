/*
 * conn.c: a session's lifetime, state and I/O: creation, the state machine,
 * what each bufferevent reads and writes (backpressure, direct flush), and
 * teardown (conn_close, which conn_fail calls; the reaper's conn_free). The
 * bufferevent callbacks live in client.c and backend.c, the message loops
 * in relay.c.
 */
#include "proxy/conn.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/bufferevent_ssl.h>
#include <event2/bufferevent_struct.h>
#include <event2/event.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/sqlstate.h"
#include "protocol/writer.h"
#include "proxy/barrier.h"
#include "proxy/cancel.h"
#include "proxy/client.h"
#include "proxy/feature.h"
#include "proxy/log.h"
#include "proxy/passthrough.h"
#include "proxy/proxy.h"
#include "proxy/session_timeouts.h"

/* How long a closing conn may take to flush what it still has to send. */
#define CONN_LINGER_MS 5000

static const char *const conn_state_names[CONN_STATE_COUNT] = {
    "accepted", "client_tls", "client_auth", "connecting", "backend_tls",
    "auth",     "idle",       "active",      "held",       "closing",
};

const char *conn_state_name(enum conn_state s)
{
    if ((unsigned)s >= CONN_STATE_COUNT)
        return "invalid";
    return conn_state_names[s];
}

bool conn_state_transition_ok(enum conn_state from, enum conn_state to)
{
    if (to == CONN_CLOSING)
        return from != CONN_CLOSING;
    switch (from) {
    case CONN_ACCEPTED:
        return to == CONN_CLIENT_TLS || to == CONN_CLIENT_AUTH || to == CONN_CONNECTING;
    case CONN_CLIENT_TLS:
        return to == CONN_CLIENT_AUTH || to == CONN_CONNECTING;
    case CONN_CLIENT_AUTH:
        return to == CONN_CONNECTING;
    case CONN_CONNECTING:
        return to == CONN_BACKEND_TLS || to == CONN_AUTH;
    case CONN_BACKEND_TLS:
        return to == CONN_AUTH;
    case CONN_AUTH:
        return to == CONN_IDLE;
    case CONN_IDLE:
        return to == CONN_ACTIVE || to == CONN_HELD;
    case CONN_ACTIVE:
        return to == CONN_IDLE;
    case CONN_HELD:
        return to == CONN_IDLE || to == CONN_ACTIVE;
    case CONN_CLOSING:
        return false;
    }
    return false;
}

void conn_set_state(struct conn *c, enum conn_state to)
{
    enum conn_state from = c->state;
    if (from == to)
        return;
    if ((unsigned)to >= CONN_STATE_COUNT || !conn_state_transition_ok(from, to)) {
        log_conn(c, LOG_LVL_ERROR, "illegal state transition %s -> %s", conn_state_name(from),
                 conn_state_name(to));
        abort();
    }
    struct stats *st = &c->proxy->stats;
    assert(st->conns_by_state[from] > 0);
    st->conns_by_state[from]--;
    st->conns_by_state[to]++;
    c->state = to;
    log_conn(c, LOG_LVL_DEBUG, "state %s -> %s", conn_state_name(from), conn_state_name(to));
    if (c->proxy->barrier.raised)
        barrier_check(c->proxy);
    session_timeouts_arm(c);
    if (to == CONN_IDLE)
        proxy_drain_kick(c->proxy);
}

void conn_set_in_tx(struct conn *c, bool in_tx)
{
    if ((bool)c->in_tx == in_tx)
        return;
    c->in_tx = in_tx;
    if (c->proxy->barrier.raised)
        barrier_check(c->proxy);
    session_timeouts_arm(c);
    if (!in_tx)
        proxy_drain_kick(c->proxy);
}

void conn_timer_arm(struct conn *c, int64_t ms)
{
    if (ms < 1)
        ms = 1;
    struct timeval tv = {(time_t)(ms / 1000), (suseconds_t)(ms % 1000) * 1000};
    evtimer_add(c->timer, &tv);
    c->timer_armed = 1;
}

void conn_timer_disarm(struct conn *c)
{
    if (!c->timer_armed)
        return;
    evtimer_del(c->timer);
    c->timer_armed = 0;
}

static void conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct conn *c = arg;
    c->timer_armed = 0; /* fired: a timer without EV_PERSIST is no longer pending */
    if (c->state == CONN_CLOSING) {
        /* Linger expired: whatever was not flushed is dropped. */
        c->reap_queued = 1;
        proxy_schedule_reap(c->proxy);
        return;
    }
    if (c->state <= CONN_AUTH) {
        c->proxy->stats.conns_rejected++;
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "startup timeout: not authenticated within %d ms",
                  c->proxy->cfg->startup_timeout_ms);
        return;
    }
    session_timeouts_fire(c);
}

static void conn_read_side(struct conn *c, bool backend)
{
    struct bufferevent *bev = backend ? c->backend : c->client;
    evutil_socket_t fd = backend ? c->backend_fd : c->client_fd;
    struct evbuffer *in = bufferevent_get_input(bev);
    struct evbuffer_iovec v;
    ssize_t n = -1;
    int err = 0;
    /* A socket bufferevent freezes its input's end so that only its own
     * read callback adds to it; we unfreeze around our read as it does. */
    evbuffer_unfreeze(in, 0);
    /* A little under CONN_READ_SIZE, so that a new chain with its header
     * fits a CONN_READ_SIZE allocation rather than doubling it. */
    if (evbuffer_reserve_space(in, CONN_READ_SIZE - 256, &v, 1) == 1) {
        n = recv(fd, v.iov_base, v.iov_len < CONN_READ_SIZE ? v.iov_len : CONN_READ_SIZE, 0);
        err = errno;
        if (n > 0) {
            v.iov_len = (size_t)n;
            evbuffer_commit_space(in, &v, 1);
        }
    } else {
        err = ENOMEM;
    }
    evbuffer_freeze(in, 0);
    if (n < 0 && (err == EAGAIN || err == EWOULDBLOCK || err == EINTR))
        return;

    bufferevent_data_cb readcb;
    bufferevent_event_cb eventcb;
    void *arg;
    bufferevent_getcb(bev, &readcb, NULL, &eventcb, &arg);
    if (n > 0) {
        if (readcb)
            readcb(bev, arg);
        return;
    }
    /* EOF or error: no more reading, as a bufferevent stops on either. */
    conn_set_reading(c, backend, false);
    if (eventcb) {
        errno = err; /* what EVUTIL_SOCKET_ERROR() reports in the callback */
        eventcb(bev, BEV_EVENT_READING | (n == 0 ? BEV_EVENT_EOF : BEV_EVENT_ERROR), arg);
    }
}

static void conn_client_rd_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    conn_read_side(arg, false);
}

static void conn_backend_rd_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    conn_read_side(arg, true);
}

bool conn_reader_start(struct conn *c, bool backend)
{
    struct event **rd = backend ? &c->backend_rd : &c->client_rd;
    assert(*rd == NULL);
    *rd = event_new(c->proxy->base, backend ? c->backend_fd : c->client_fd, EV_READ | EV_PERSIST,
                    backend ? conn_backend_rd_cb : conn_client_rd_cb, c);
    if (backend)
        c->backend_rd_on = 0;
    else
        c->client_rd_on = 0;
    return *rd != NULL;
}

void conn_reader_stop(struct conn *c, bool backend)
{
    struct event **rd = backend ? &c->backend_rd : &c->client_rd;
    if (*rd != NULL)
        event_free(*rd); /* also when called from its own callback: not used after */
    *rd = NULL;
    if (backend)
        c->backend_rd_on = 0;
    else
        c->client_rd_on = 0;
}

void conn_set_reading(struct conn *c, bool backend, bool on)
{
    struct bufferevent *bev = backend ? c->backend : c->client;
    struct event *rd = backend ? c->backend_rd : c->client_rd;
    if (bev == NULL)
        return;
    if (rd == NULL) {
        if (on)
            bufferevent_enable(bev, EV_READ);
        else
            bufferevent_disable(bev, EV_READ);
        return;
    }
    bool was = backend ? c->backend_rd_on : c->client_rd_on;
    if (was == on)
        return;
    if (on)
        event_add(rd, NULL);
    else
        event_del(rd);
    if (backend)
        c->backend_rd_on = on;
    else
        c->client_rd_on = on;
}

struct conn *conn_new(struct proxy *p, evutil_socket_t fd, const struct sockaddr *peer, int peerlen)
{
    struct conn *c = calloc(1, sizeof *c);
    if (c == NULL) {
        evutil_closesocket(fd);
        return NULL;
    }
    c->proxy = p;
    c->id = ++p->next_id;
    c->client_fd = fd;
    c->backend_fd = -1;
    c->state = CONN_ACCEPTED;
    c->last_auth_code = -1;
    clock_gettime(CLOCK_MONOTONIC, &c->started);

    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    if (peer != NULL && peer->sa_family == AF_INET &&
        (size_t)peerlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *)peer;
        inet_ntop(AF_INET, &sin->sin_addr, host, sizeof host);
        port = ntohs(sin->sin_port);
        snprintf(c->peer, sizeof c->peer, "%s:%d", host, port);
    } else if (peer != NULL && peer->sa_family == AF_INET6 &&
               (size_t)peerlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)peer;
        inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof host);
        port = ntohs(sin6->sin6_port);
        snprintf(c->peer, sizeof c->peer, "[%s]:%d", host, port);
    } else {
        snprintf(c->peer, sizeof c->peer, "local");
    }

    c->client = bufferevent_socket_new(p->base, fd, BEV_OPT_DEFER_CALLBACKS);
    c->timer = evtimer_new(p->base, conn_timer_cb, c);
    if (c->client == NULL || c->timer == NULL || !conn_reader_start(c, false)) {
        conn_reader_stop(c, false);
        if (c->client)
            bufferevent_free(c->client);
        if (c->timer)
            event_free(c->timer);
        evutil_closesocket(fd);
        free(c);
        return NULL;
    }
    client_attach(c, c->client);

    TAILQ_INSERT_TAIL(&p->conns, c, link);
    p->nconns++;
    p->stats.conns_accepted++;
    p->stats.conns_by_state[CONN_ACCEPTED]++;
    return c;
}

static bool conn_reads_client(const struct conn *c)
{
    switch (c->state) {
    case CONN_ACCEPTED:
    case CONN_CLIENT_TLS:
    case CONN_CLIENT_AUTH:
    case CONN_AUTH:
    case CONN_IDLE:
    case CONN_ACTIVE:
        return true;
    case CONN_CONNECTING:
    case CONN_BACKEND_TLS:
    case CONN_HELD:
    case CONN_CLOSING:
        return false;
    }
    return false;
}

/*
 * A TLS bufferevent (libevent 2.1) writes only from its write event: queuing
 * bytes registers the event, the next epoll_wait reports the socket
 * writable, SSL_write runs, and the event is removed again. That is one more
 * loop turn of latency and two epoll_ctl calls on every reply. Running the
 * write event's callback now, in this loop pass, does the SSL_write at once
 * (OpenSSL keeps owning the socket and its retry rules), and with the
 * event loop's change list (proxy_event_base_new) the registration and
 * removal within one pass never reach the kernel. Only once the handshake is
 * done: before it the event drives the handshake.
 */
static void conn_flush_tls(struct bufferevent *bev, SSL *ssl)
{
    if (evbuffer_get_length(bufferevent_get_output(bev)) == 0 || !SSL_is_init_finished(ssl))
        return;
    /* struct bufferevent is libevent's public (if unstable) layout. */
    event_active(&bev->ev_write, EV_WRITE, 1);
}

/*
 * Writes what `bev` has queued straight to its socket, and keeps libevent's
 * write event registered only while something is left over.
 *
 * A bufferevent registers its write event whenever bytes are added and
 * removes it once they are written: two epoll_ctl calls per message and one
 * extra loop turn of latency, on every query of every session. Writing at
 * once, as PgBouncer does, costs nothing when the peer keeps up (the common
 * case) and falls back to the event when it does not. TLS bufferevents keep
 * their own write path (OpenSSL owns their socket), started at once by
 * conn_flush_tls.
 */
static void conn_flush(struct conn *c, bool backend)
{
    struct bufferevent *bev = backend ? c->backend : c->client;
    if (bev == NULL || (backend ? c->backend_gone : c->client_gone))
        return;
    struct evbuffer *out = bufferevent_get_output(bev);
    bool writing = (bufferevent_get_enabled(bev) & EV_WRITE) != 0;
    /* Nothing queued and no write event to remove: the side of a round
     * trip that has just been read from, at every conn_update_io. Asking
     * libevent to disable an already disabled event still locks, deletes
     * and unlocks. */
    if (evbuffer_get_length(out) == 0 && !writing)
        return;
    if (backend ? c->backend_tls : c->tls) {
        conn_flush_tls(bev, bufferevent_openssl_get_ssl(bev));
        return;
    }
    size_t before = evbuffer_get_length(out);
    if (before > 0) {
        /* Errors other than EAGAIN are left for libevent's own write to
         * find again and report through the event callback, the one place
         * that handles a dead socket. */
        /* A socket bufferevent freezes its output's start so that only its
         * own write callback drains it; we unfreeze around our write
         * exactly as that callback does. */
        evbuffer_unfreeze(out, 1);
        (void)evbuffer_write(out, backend ? c->backend_fd : c->client_fd);
        evbuffer_freeze(out, 1);
        /* The relay stops moving bytes towards a full output and resumes
         * in the write callback, which libevent runs when its own write
         * drains the output to the low mark. This write bypasses that: when
         * it crosses the mark, the callback runs all the same (deferred,
         * from the loop). Without it, whole messages left in the other
         * side's input wait for the peer's next bytes, which may never come
         * (the server has answered and waits for the client). */
        size_t low = 0;
        bufferevent_getwatermark(bev, EV_WRITE, &low, NULL);
        if (before > low && evbuffer_get_length(out) <= low)
            bufferevent_trigger(bev, EV_WRITE, BEV_TRIG_DEFER_CALLBACKS);
    }
    if (evbuffer_get_length(out) > 0)
        bufferevent_enable(bev, EV_WRITE); /* (re)adds the event: the peer is behind */
    else if (writing)
        bufferevent_disable(bev, EV_WRITE);
}

/* What the proxy holds of the server's output for the client: the client's
 * output queue, plus whole messages read from the server that the relay has
 * not moved yet (they wait for room in that queue). The relay moves a
 * message as soon as it is whole and the queue has room, so the input holds
 * whole messages only while the queue is full: reading on because the
 * queue alone was under the limit let the input grow by a read for each
 * few bytes a slow client took. A message still arriving is not counted
 * (one that must be read whole, up to max_message_size, needs its rest). */
static size_t conn_backend_bytes_held(struct conn *c)
{
    size_t out = evbuffer_get_length(bufferevent_get_output(c->client));
    struct evbuffer *in = bufferevent_get_input(c->backend);
    size_t held = evbuffer_get_length(in);
    if (held < WIRE_HEADER_LEN || c->be_remaining > 0)
        return out;
    uint8_t hdr[WIRE_HEADER_LEN];
    evbuffer_copyout(in, hdr, sizeof hdr);
    struct wire_frame f;
    bool whole = wire_frame_peek(WIRE_BACKEND, hdr, sizeof hdr, held,
                                 c->proxy->cfg->max_message_size, &f) == WIRE_FRAME_OK;
    return whole ? out + held : out;
}

void conn_update_io(struct conn *c)
{
    size_t limit = c->proxy->cfg->buffer_limit;
    conn_flush(c, false);
    /* A backend still connecting has its write event owned by libevent's
     * connect, and nothing queued that could go yet. */
    if (c->state != CONN_CONNECTING && c->state != CONN_BACKEND_TLS)
        conn_flush(c, true);
    if (c->state == CONN_CLOSING) {
        conn_set_reading(c, false, false);
        conn_set_reading(c, true, false);
        return;
    }
    if (c->client && !c->client_gone) {
        bool want = conn_reads_client(c);
        /* Backpressure: the backend is not taking what we have for it. */
        if (want && c->backend && evbuffer_get_length(bufferevent_get_output(c->backend)) >= limit)
            want = false;
        /* Before ReadyForQuery nothing but authentication moves: what a
         * client pipelines stays in its input buffer, up to the limit. */
        if (want && c->state == CONN_AUTH &&
            evbuffer_get_length(bufferevent_get_input(c->client)) >= limit)
            want = false;
        conn_set_reading(c, false, want);
    }
    if (c->backend && !c->backend_gone) {
        bool want = c->state != CONN_CONNECTING;
        if (want && c->client && conn_backend_bytes_held(c) >= limit)
            want = false;
        conn_set_reading(c, true, want);
    }
}

void conn_send_to_client(struct conn *c, const uint8_t *msg, size_t len)
{
    if (c->client == NULL || c->client_gone)
        return;
    evbuffer_add(bufferevent_get_output(c->client), msg, len);
    c->bytes_out += len;
    c->proxy->stats.bytes_backend_to_client += len;
}

void conn_send_error(struct conn *c, const char *severity, const char *sqlstate,
                     const char *message)
{
    if (c->client == NULL || c->client_gone)
        return;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_error(&w, severity, sqlstate, message, NULL, NULL);
    if (wire_writer_ok(&w)) {
        bufferevent_write(c->client, w.buf, w.len);
        c->bytes_out += w.len;
        c->proxy->stats.proxy_errors++;
    }
    wire_writer_free(&w);
}

void conn_fail(struct conn *c, const char *sqlstate, const char *fmt, ...)
{
    if (c->state == CONN_CLOSING)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    conn_send_error(c, "FATAL", sqlstate, msg);
    log_conn(c, LOG_LVL_WARNING, "FATAL %s: %s", sqlstate, msg);
    conn_close(c, "%s: %s", sqlstate, msg);
}

static bool conn_has_pending_output(const struct conn *c)
{
    if (c->client && !c->client_gone && evbuffer_get_length(bufferevent_get_output(c->client)) > 0)
        return true;
    if (c->backend && !c->backend_gone &&
        evbuffer_get_length(bufferevent_get_output(c->backend)) > 0)
        return true;
    return false;
}

void conn_close_progress(struct conn *c)
{
    if (c->reap_queued)
        return;
    if (!conn_has_pending_output(c)) {
        c->reap_queued = 1;
        proxy_schedule_reap(c->proxy);
    }
}

void conn_close(struct conn *c, const char *reason, ...)
{
    if (c->state == CONN_CLOSING)
        return;
    va_list ap;
    va_start(ap, reason);
    vsnprintf(c->close_reason, sizeof c->close_reason, reason, ap);
    va_end(ap);

    /* A client that vanished mid-statement (no Terminate): PostgreSQL would
     * run the statement to its end, noticing the closed socket only when it
     * writes, so the orphaned work is cancelled on the server. */
    if (c->state == CONN_ACTIVE && c->client_gone && !c->terminated && c->backend &&
        !c->backend_gone && cancel_backend(c->proxy, c, 0))
        log_conn(c, LOG_LVL_INFO, "client gone mid-statement: cancel sent to the server");

    /* A client that left without Terminate: say goodbye to the server so it
     * does not log an unexpected EOF. */
    if (c->backend && !c->backend_gone && !c->terminated && c->state >= CONN_AUTH) {
        struct wire_writer w;
        wire_writer_init(&w);
        wire_build_terminate(&w);
        if (wire_writer_ok(&w))
            bufferevent_write(c->backend, w.buf, w.len);
        wire_writer_free(&w);
    }

    log_conn(c, LOG_LVL_INFO,
             "close: db=%s route=%s state=%s duration=%.3fs bytes_in=%llu bytes_out=%llu "
             "reason=%s",
             c->database ? c->database : "-", route_name(c->route), conn_state_name(c->state),
             conn_age_seconds(c), (unsigned long long)c->bytes_in, (unsigned long long)c->bytes_out,
             c->close_reason);

    barrier_forget(c->proxy, c);
    cancel_unregister(c->proxy, c);
    feature_on_close(c);
    /* No carry-over can log in for a closing session. */
    conn_forget_password(c);
    conn_set_state(c, CONN_CLOSING);
    conn_update_io(c);
    if (c->client)
        bufferevent_setwatermark(c->client, EV_WRITE, 0, 0);
    if (c->backend)
        bufferevent_setwatermark(c->backend, EV_WRITE, 0, 0);
    conn_timer_arm(c, CONN_LINGER_MS);
    conn_close_progress(c);
}

void conn_free(struct conn *c)
{
    struct proxy *p = c->proxy;
    barrier_forget(p, c);
    cancel_unregister(p, c);
    assert(p->stats.conns_by_state[c->state] > 0);
    p->stats.conns_by_state[c->state]--;
    if (c->route_counted)
        p->stats.conns_current_by_route[c->route]--;
    conn_reader_stop(c, false);
    conn_reader_stop(c, true);
    if (c->client) {
        bufferevent_free(c->client);
        c->client = NULL;
    }
    if (!c->client_ssl_owns_fd && c->client_fd >= 0)
        evutil_closesocket(c->client_fd);
    if (c->backend) {
        bufferevent_free(c->backend);
        c->backend = NULL;
    }
    if (!c->backend_ssl_owns_fd && c->backend_fd >= 0)
        evutil_closesocket(c->backend_fd);
    if (c->timer)
        event_free(c->timer);
    feature_on_free(c);
    passthrough_free(c->scram);
    conn_forget_password(c);
    for (size_t i = 0; i < c->nparams; i++) {
        free(c->params[i].name);
        free(c->params[i].value);
    }
    free(c->params);
    if (c->backend_startup) {
        /* The startup packet may carry a password in `options`: wipe it too. */
        OPENSSL_cleanse(c->backend_startup, c->backend_startup_len);
        free(c->backend_startup);
    }
    if (c->startup_packet) {
        OPENSSL_cleanse(c->startup_packet, c->startup_len);
        free(c->startup_packet);
    }
    free(c->startup);
    free(c->user);
    free(c->database);
    free(c->application_name);
    routing_table_unref(c->table);
    if (c->counted)
        p->nclients--;
    TAILQ_REMOVE(&p->conns, c, link);
    p->nconns--;
    free(c);
    proxy_conn_gone(p);
}

bool conn_set_param(struct conn *c, const char *name, const char *value)
{
    for (size_t i = 0; i < c->nparams; i++) {
        if (strcmp(c->params[i].name, name) == 0) {
            char *v = strdup(value);
            if (v == NULL)
                return false;
            free(c->params[i].value);
            c->params[i].value = v;
            return true;
        }
    }
    struct conn_param *np = realloc(c->params, (c->nparams + 1) * sizeof *np);
    if (np == NULL)
        return false;
    c->params = np;
    char *n = strdup(name);
    char *v = strdup(value);
    if (n == NULL || v == NULL) {
        free(n);
        free(v);
        return false;
    }
    c->params[c->nparams].name = n;
    c->params[c->nparams].value = v;
    c->nparams++;
    return true;
}

const char *conn_get_param(const struct conn *c, const char *name)
{
    for (size_t i = 0; i < c->nparams; i++)
        if (strcmp(c->params[i].name, name) == 0)
            return c->params[i].value;
    return NULL;
}

bool conn_password_useful(const struct conn *c)
{
    /* The SUBSCRIBE carry-over is the one thing that logs in again as the
     * client (subscribe_upstream.c): Materialize only, production route
     * only (other routes have nothing to carry), and not for a SCRAM
     * pass-through session, which logs in with the ClientKey. */
    return c->proxy->cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE &&
           c->route == ROUTE_PRODUCTION && c->scram == NULL;
}

bool conn_keep_password(struct conn *c, const char *password)
{
    size_t n = strlen(password);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return false;
    memcpy(copy, password, n + 1);
    conn_forget_password(c);
    c->password = copy;
    c->password_len = n;
    return true;
}

void conn_forget_password(struct conn *c)
{
    if (c->password == NULL)
        return;
    OPENSSL_cleanse(c->password, c->password_len + 1);
    free(c->password);
    c->password = NULL;
    c->password_len = 0;
}

double conn_age_seconds(const struct conn *c)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - c->started.tv_sec) +
           (double)(now.tv_nsec - c->started.tv_nsec) / 1e9;
}

static void conn_copy_str(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

void conn_info_fill(const struct conn *c, struct conn_info *out)
{
    memset(out, 0, sizeof *out);
    out->id = c->id;
    conn_copy_str(out->user, sizeof out->user, c->user);
    conn_copy_str(out->database, sizeof out->database, c->database);
    conn_copy_str(out->application_name, sizeof out->application_name, c->application_name);
    conn_copy_str(out->peer, sizeof out->peer, c->peer);
    out->route = route_name(c->route);
    out->state = conn_state_name(c->state);
    out->in_tx = c->in_tx;
    out->tls = c->tls;
    out->generation = c->generation;
    out->connected_seconds = conn_age_seconds(c);
    out->bytes_in = c->bytes_in;
    out->bytes_out = c->bytes_out;
}
