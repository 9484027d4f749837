/*
 * cancel.c: the cancel-key index (a hash on the proxy pid with chaining) and
 * the short-lived connections that deliver a CancelRequest to the server.
 */
#include "proxy/cancel.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include "protocol/startup.h"
#include "protocol/writer.h"
#include "proxy/backend.h"
#include "proxy/conn.h"
#include "proxy/feature.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/tls.h"

static size_t cancel_bucket(uint32_t pid)
{
    return (size_t)(pid * 2654435761u) & (PROXY_CANCEL_BUCKETS - 1);
}

static struct conn *cancel_find_pid(struct proxy *p, uint32_t pid)
{
    for (struct conn *c = p->cancel_hash[cancel_bucket(pid)]; c; c = c->cancel_next)
        if (c->proxy_pid == pid)
            return c;
    return NULL;
}

bool cancel_register(struct proxy *p, struct conn *c)
{
    cancel_unregister(p, c);
    for (int tries = 0; tries < 16; tries++) {
        uint32_t v[2];
        if (RAND_bytes((unsigned char *)v, sizeof v) != 1)
            return false;
        /* Positive like a real pid: some clients print it signed. */
        uint32_t pid = v[0] & 0x7fffffffu;
        if (pid == 0 || cancel_find_pid(p, pid) != NULL)
            continue;
        c->proxy_pid = pid;
        c->proxy_key = v[1];
        size_t b = cancel_bucket(pid);
        c->cancel_next = p->cancel_hash[b];
        p->cancel_hash[b] = c;
        c->registered = 1;
        return true;
    }
    return false;
}

void cancel_unregister(struct proxy *p, struct conn *c)
{
    if (!c->registered)
        return;
    struct conn **pp = &p->cancel_hash[cancel_bucket(c->proxy_pid)];
    while (*pp != NULL) {
        if (*pp == c) {
            *pp = c->cancel_next;
            break;
        }
        pp = &(*pp)->cancel_next;
    }
    c->cancel_next = NULL;
    c->registered = 0;
}

struct conn *cancel_lookup(struct proxy *p, uint32_t pid, uint32_t key)
{
    struct conn *c = cancel_find_pid(p, pid);
    if (c == NULL)
        return NULL;
    if (CRYPTO_memcmp(&c->proxy_key, &key, sizeof key) != 0)
        return NULL;
    return c;
}

/* One CancelRequest on its way to the server. */
struct cancel_req {
    struct proxy *proxy;
    struct bufferevent *bev;
    evutil_socket_t fd;
    bool ssl_owns_fd;                 /* the TLS bufferevent closes fd */
    bool tls;                         /* SSL negotiation done, TLS bufferevent in place */
    bool sent;                        /* CancelRequest written */
    uint32_t pid, key;                /* the server's */
    uint64_t conn_id;                 /* for the log */
    uint64_t reply_to;                /* client cancel conn closed when done; 0 = none */
    struct cancel_req *next, **pprev; /* in proxy->cancel_reqs */
};

static void cancel_req_free(struct cancel_req *r)
{
    if (r->reply_to) {
        struct conn *c = proxy_find_conn(r->proxy, r->reply_to);
        if (c)
            conn_close(c, "cancel request");
    }
    *r->pprev = r->next;
    if (r->next)
        r->next->pprev = r->pprev;
    if (r->bev)
        bufferevent_free(r->bev);
    if (!r->ssl_owns_fd && r->fd >= 0)
        evutil_closesocket(r->fd);
    r->proxy->cancels_in_flight--;
    free(r);
}

void cancel_free_all(struct proxy *p)
{
    while (p->cancel_reqs)
        cancel_req_free(p->cancel_reqs);
}

unsigned cancel_in_flight(const struct proxy *p)
{
    return p->cancels_in_flight;
}

static void cancel_read_cb(struct bufferevent *bev, void *arg);
static void cancel_write_cb(struct bufferevent *bev, void *arg);
static void cancel_event_cb(struct bufferevent *bev, short what, void *arg);

static void cancel_send(struct cancel_req *r)
{
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_cancel_request(&w, r->pid, r->key);
    if (wire_writer_ok(&w))
        bufferevent_write(r->bev, w.buf, w.len);
    wire_writer_free(&w);
    r->sent = true;
    r->proxy->stats.cancels++;
}

static void cancel_write_cb(struct bufferevent *bev, void *arg)
{
    struct cancel_req *r = arg;
    /* The server closes the connection once it has acted on the request:
     * cancel_event_cb's EOF ends it (bounded by the read timeout). */
    if (r->sent && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
        log_msg(&r->proxy->log, LOG_LVL_INFO, "C-%llu cancel request forwarded",
                (unsigned long long)r->conn_id);
}

static void cancel_read_cb(struct bufferevent *bev, void *arg)
{
    struct cancel_req *r = arg;
    struct proxy *p = r->proxy;
    struct evbuffer *in = bufferevent_get_input(bev);
    if (r->tls || r->sent || evbuffer_get_length(in) < 1)
        return;
    uint8_t answer;
    evbuffer_remove(in, &answer, 1);
    if (answer == 'N' && p->cfg->backend_tls == CONFIG_TLS_PREFER) {
        cancel_send(r);
        return;
    }
    SSL *ssl = answer == 'S' && evbuffer_get_length(in) == 0
                   ? tls_client_ssl_new(p->client_ctx, p->cfg, p->backend_host)
                   : NULL;
    struct bufferevent *tb =
        ssl ? bufferevent_openssl_socket_new(p->base, r->fd, ssl, BUFFEREVENT_SSL_CONNECTING,
                                             BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS)
            : NULL;
    if (tb == NULL) {
        if (ssl)
            SSL_free(ssl);
        log_msg(&p->log, LOG_LVL_WARNING, "C-%llu cancel: TLS with server not possible",
                (unsigned long long)r->conn_id);
        cancel_req_free(r);
        return;
    }
    bufferevent_free(r->bev);
    r->bev = tb;
    r->ssl_owns_fd = true;
    r->tls = true;
    bufferevent_openssl_set_allow_dirty_shutdown(tb, 1);
    bufferevent_setcb(tb, cancel_read_cb, cancel_write_cb, cancel_event_cb, r);
    int ms = p->cfg->connect_timeout_ms > 0 ? p->cfg->connect_timeout_ms : 5000;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    bufferevent_set_timeouts(tb, &tv, &tv);
    bufferevent_enable(tb, EV_READ | EV_WRITE);
}

static void cancel_event_cb(struct bufferevent *bev, short what, void *arg)
{
    struct cancel_req *r = arg;
    if (what & BEV_EVENT_CONNECTED) {
        if (r->tls) {
            cancel_send(r);
            return;
        }
        if (r->proxy->client_ctx == NULL) {
            cancel_send(r);
            return;
        }
        struct wire_writer w;
        wire_writer_init(&w);
        wire_build_ssl_request(&w);
        if (wire_writer_ok(&w))
            bufferevent_write(bev, w.buf, w.len);
        wire_writer_free(&w);
        return;
    }
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)) {
        if (!r->sent)
            log_msg(&r->proxy->log, LOG_LVL_WARNING, "C-%llu cancel: could not reach server %s",
                    (unsigned long long)r->conn_id, r->proxy->backend_desc);
        cancel_req_free(r);
    }
}

bool cancel_forward(struct proxy *p, uint32_t pid, uint32_t key, uint64_t reply_to)
{
    struct conn *c = cancel_lookup(p, pid, key);
    if (c == NULL || !c->have_backend_key) {
        log_msg(&p->log, LOG_LVL_DEBUG, "cancel request for an unknown key dropped");
        return false;
    }
    /* A feature that runs the statement itself (a SUBSCRIBE carried over to
     * the new environment): the cancel is for it. */
    if (feature_on_cancel(c)) {
        p->stats.cancels++;
        log_conn(c, LOG_LVL_INFO, "cancel request applied to the carried subscription");
        return false;
    }
    return cancel_backend(p, c, reply_to);
}

bool cancel_backend(struct proxy *p, struct conn *c, uint64_t reply_to)
{
    if (!c->have_backend_key)
        return false;
    struct cancel_req *r = calloc(1, sizeof *r);
    if (r == NULL)
        return false;
    p->cancels_in_flight++;
    r->proxy = p;
    r->fd = -1;
    r->next = p->cancel_reqs;
    if (r->next)
        r->next->pprev = &r->next;
    r->pprev = &p->cancel_reqs;
    p->cancel_reqs = r;
    r->pid = c->backend_pid;
    r->key = c->backend_key;
    r->conn_id = c->id;
    r->fd = backend_socket((const struct sockaddr *)&p->backend_addr);
    if (r->fd < 0) {
        cancel_req_free(r);
        return false;
    }
    r->bev = bufferevent_socket_new(p->base, r->fd, BEV_OPT_DEFER_CALLBACKS);
    if (r->bev == NULL) {
        cancel_req_free(r);
        return false;
    }
    bufferevent_setcb(r->bev, cancel_read_cb, cancel_write_cb, cancel_event_cb, r);
    int ms = p->cfg->connect_timeout_ms > 0 ? p->cfg->connect_timeout_ms : 5000;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    bufferevent_set_timeouts(r->bev, &tv, &tv);
    bufferevent_enable(r->bev, EV_READ | EV_WRITE);
    if (bufferevent_socket_connect(r->bev, (struct sockaddr *)&p->backend_addr,
                                   (int)p->backend_addrlen) < 0) {
        cancel_req_free(r);
        return false;
    }
    r->reply_to = reply_to;
    return true;
}
