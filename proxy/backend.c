/*
 * backend.c: connect, optional TLS, send the startup packet.
 */
#include "proxy/backend.h"

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/ssl.h>

#include "protocol/sqlstate.h"
#include "protocol/startup.h"
#include "protocol/writer.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"
#include "proxy/resolve.h"
#include "proxy/session_timeouts.h"
#include "proxy/tls.h"

bool backend_resolve(const char *hostport, struct sockaddr_storage *addr, socklen_t *addrlen,
                     char **host, char *err, size_t errlen)
{
    char *h = NULL;
    int port = 0;
    if (!config_parse_hostport(hostport, &h, &port)) {
        snprintf(err, errlen, "invalid backend address \"%s\"", hostport);
        return false;
    }
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(h, portstr, &hints, &res);
    if (rc != 0 || res == NULL) {
        snprintf(err, errlen, "could not resolve backend \"%s\": %s", hostport, gai_strerror(rc));
        free(h);
        return false;
    }
    memcpy(addr, res->ai_addr, res->ai_addrlen);
    *addrlen = res->ai_addrlen;
    freeaddrinfo(res);
    *host = h;
    return true;
}

evutil_socket_t backend_socket(const struct sockaddr *addr)
{
    evutil_socket_t fd = socket(addr->sa_family, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    if (evutil_make_socket_nonblocking(fd) < 0 || evutil_make_socket_closeonexec(fd) < 0) {
        evutil_closesocket(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void backend_read_cb(struct bufferevent *bev, void *arg);
static void backend_write_cb(struct bufferevent *bev, void *arg);
static void backend_event_cb(struct bufferevent *bev, short what, void *arg);

static void backend_fail_connect(struct conn *c, const char *why)
{
    conn_fail(c, SQLSTATE_CONNECTION_FAILURE, "could not connect to server %s: %s",
              c->proxy->backend_desc, why);
}

/* TCP (and TLS) are up: send the startup packet and relay authentication. */
static void backend_send_startup(struct conn *c)
{
    bufferevent_write(c->backend, c->backend_startup, c->backend_startup_len);
    conn_set_state(c, CONN_AUTH);
    conn_update_io(c);
    /* Anything the client sent early (pipelined) is relayed now. */
    relay_client_input(c);
}

static void backend_setup_bev(struct conn *c, struct bufferevent *bev)
{
    c->backend = bev;
    bufferevent_setcb(bev, backend_read_cb, backend_write_cb, backend_event_cb, c);
    bufferevent_setwatermark(bev, EV_WRITE, c->proxy->cfg->buffer_limit / 2, 0);
    bufferevent_enable(bev, EV_WRITE);
}

void backend_connect(struct conn *c)
{
    struct proxy *p = c->proxy;
    if (!resolve_backend_ready(p, c))
        return; /* waits for the lookup, which calls us again (or has failed c) */
    evutil_socket_t fd = backend_socket((const struct sockaddr *)&p->backend_addr);
    if (fd < 0) {
        backend_fail_connect(c, strerror(errno));
        return;
    }
    c->backend_fd = fd;
    session_tcp_keepalive(p->cfg, fd);
    struct bufferevent *bev = bufferevent_socket_new(p->base, fd, BEV_OPT_DEFER_CALLBACKS);
    if (bev == NULL) {
        backend_fail_connect(c, "out of memory");
        return;
    }
    backend_setup_bev(c, bev);
    if (!conn_reader_start(c, true)) {
        backend_fail_connect(c, "out of memory");
        return;
    }
    int ms = p->cfg->connect_timeout_ms;
    if (ms > 0) {
        /* libevent applies the write timeout to the connect. */
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        bufferevent_set_timeouts(bev, NULL, &tv);
    }
    if (bufferevent_socket_connect(bev, (struct sockaddr *)&p->backend_addr,
                                   (int)p->backend_addrlen) < 0) {
        int err = EVUTIL_SOCKET_ERROR();
        backend_fail_connect(c, evutil_socket_error_to_string(err));
        return;
    }
}

/* TCP connected: TLS negotiation or straight to the startup packet. */
static void backend_on_connected(struct conn *c)
{
    bufferevent_set_timeouts(c->backend, NULL, NULL);
    if (c->proxy->client_ctx == NULL) {
        backend_send_startup(c);
        return;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_ssl_request(&w);
    if (!wire_writer_ok(&w)) {
        wire_writer_free(&w);
        backend_fail_connect(c, "out of memory");
        return;
    }
    bufferevent_write(c->backend, w.buf, w.len);
    wire_writer_free(&w);
    conn_set_state(c, CONN_BACKEND_TLS);
    conn_update_io(c);
}

/* The server's one-byte answer to our SSLRequest. */
static void backend_on_ssl_answer(struct conn *c)
{
    struct proxy *p = c->proxy;
    struct evbuffer *in = bufferevent_get_input(c->backend);
    if (evbuffer_get_length(in) < 1)
        return;
    uint8_t answer;
    evbuffer_remove(in, &answer, 1);
    if (answer == 'N') {
        if (p->cfg->backend_tls == CONFIG_TLS_PREFER) {
            log_conn(c, LOG_LVL_DEBUG, "server refused TLS; continuing in plaintext (prefer)");
            backend_send_startup(c);
            return;
        }
        backend_fail_connect(c, "server does not support SSL, but SSL was required");
        return;
    }
    if (answer != 'S') {
        backend_fail_connect(c, "received invalid response to SSL negotiation");
        return;
    }
    if (evbuffer_get_length(in) > 0) {
        /* Same rule as for clients: nothing may precede the handshake. */
        backend_fail_connect(c, "received unencrypted data after SSL response");
        return;
    }
    SSL *ssl = tls_client_ssl_new(p->client_ctx, p->cfg, p->backend_host);
    if (ssl == NULL) {
        backend_fail_connect(c, "could not create TLS session");
        return;
    }
    struct bufferevent *tls_bev =
        bufferevent_openssl_socket_new(p->base, c->backend_fd, ssl, BUFFEREVENT_SSL_CONNECTING,
                                       BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
    if (tls_bev == NULL) {
        SSL_free(ssl);
        backend_fail_connect(c, "out of memory");
        return;
    }
    conn_reader_stop(c, true);
    bufferevent_free(c->backend);
    c->backend_ssl_owns_fd = 1;
    c->backend_tls = 1;
    bufferevent_openssl_set_allow_dirty_shutdown(tls_bev, 1);
    backend_setup_bev(c, tls_bev);
    int ms = p->cfg->connect_timeout_ms;
    if (ms > 0) {
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        bufferevent_set_timeouts(tls_bev, &tv, &tv);
    }
    conn_update_io(c);
}

static void backend_read_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct conn *c = arg;
    switch (c->state) {
    case CONN_BACKEND_TLS:
        if (!c->backend_tls)
            backend_on_ssl_answer(c);
        break;
    case CONN_AUTH:
    case CONN_IDLE:
    case CONN_ACTIVE:
    case CONN_HELD:
        relay_backend_input(c);
        break;
    case CONN_ACCEPTED:
    case CONN_CLIENT_TLS:
    case CONN_CLIENT_AUTH:
    case CONN_CONNECTING:
    case CONN_CLOSING:
        break;
    }
}

static void backend_write_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct conn *c = arg;
    if (c->state == CONN_CLOSING) {
        /* conn_close() lowered the mark to 0: the output is empty. */
        conn_close_progress(c);
        return;
    }
    /* The backend drained below half the limit: move held-back client bytes. */
    if (c->state >= CONN_AUTH && c->state != CONN_HELD)
        relay_client_input(c);
    conn_update_io(c);
}

static void backend_event_cb(struct bufferevent *bev, short what, void *arg)
{
    struct conn *c = arg;
    if (what & BEV_EVENT_CONNECTED) {
        if (c->state == CONN_CONNECTING) {
            backend_on_connected(c);
        } else if (c->state == CONN_BACKEND_TLS && c->backend_tls) {
            bufferevent_set_timeouts(c->backend, NULL, NULL);
            log_conn(c, LOG_LVL_DEBUG, "backend TLS established (%s)",
                     SSL_get_version(bufferevent_openssl_get_ssl(bev)));
            backend_send_startup(c);
        }
        return;
    }
    if (!(what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)))
        return;
    int err = EVUTIL_SOCKET_ERROR();
    c->backend_gone = 1;
    if (c->state == CONN_CLOSING) {
        conn_close_progress(c);
        return;
    }
    if (c->state == CONN_CONNECTING) {
        if (what & BEV_EVENT_TIMEOUT)
            backend_fail_connect(c, "timeout expired");
        else
            backend_fail_connect(c, evutil_socket_error_to_string(err));
        return;
    }
    if (c->state == CONN_BACKEND_TLS) {
        char buf[256];
        if (what & BEV_EVENT_TIMEOUT)
            snprintf(buf, sizeof buf, "TLS handshake timed out");
        else if (c->backend_tls)
            tls_handshake_error(bufferevent_openssl_get_ssl(bev), buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "server closed the connection during SSL negotiation");
        conn_fail(c, SQLSTATE_CONNECTION_FAILURE, "could not establish TLS with server %s: %s",
                  c->proxy->backend_desc, buf);
        return;
    }
    /* Deliver what the server said last (often a FATAL) before closing. */
    relay_backend_input(c);
    if (c->state == CONN_CLOSING)
        return;
    if (c->terminated)
        conn_close(c, "client terminated");
    else if (what & BEV_EVENT_ERROR)
        conn_close(c, "server connection error: %s", evutil_socket_error_to_string(err));
    else
        conn_close(c, "server closed the connection");
}
