/*
 * loginshim.c: see loginshim.h.
 */
#include "proxy/loginshim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/listener.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/sqlstate.h"
#include "protocol/startup.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/backend.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/scram_login.h"
#include "proxy/tls.h"

/* A registered login: what the token opens, until it is used or expires. */
struct shim_ticket {
    struct shim_ticket *next;
    char token[LOGINSHIM_TOKEN_LEN + 1]; /* hex of 32 random bytes */
    struct scram_keys keys;              /* copied from the session; wiped */
    struct timespec expires;             /* CLOCK_MONOTONIC */
};

enum shim_state {
    SHIM_STARTUP,    /* waiting for libpq's startup packet */
    SHIM_PASSWORD,   /* AuthenticationCleartextPassword sent: the token comes */
    SHIM_CONNECTING, /* TCP connect to the server */
    SHIM_SSL_ANSWER, /* SSLRequest sent: the server's one byte */
    SHIM_TLS,        /* TLS handshake with the server */
    SHIM_LOGIN,      /* startup sent; SCRAM with the server */
    SHIM_RELAY,      /* logged in: bytes both ways */
    SHIM_CLOSING,    /* flushing libpq's side, then freed */
};

/* One libpq connection through the shim. */
struct shim_conn {
    struct shim_conn *next;     /* the shim's list */
    struct loginshim *shim;     /* owner */
    uint64_t id;                /* for the log: L-<id> */
    enum shim_state state;      /* see enum */
    struct bufferevent *front;  /* libpq's side (Unix socket); owned */
    struct bufferevent *server; /* the server's side; owned; NULL until connecting */
    evutil_socket_t server_fd;  /* until TLS owns it */
    bool server_ssl_owns_fd;    /* the TLS bufferevent closes server_fd */
    bool server_tls;            /* the connection to the server is TLS */
    uint8_t *startup;           /* libpq's startup packet; owned */
    size_t startup_len;         /* bytes of startup */
    struct scram_keys keys;     /* from the ticket; wiped */
    struct scram_login login;   /* cutoverd's login to the server */
    struct event *timer;        /* bounds everything before SHIM_RELAY */
};

struct loginshim {
    struct proxy *proxy;         /* owner of this struct (p->loginshim) */
    char dir[64];                /* private directory (0700) */
    char path[96];               /* dir/.s.PGSQL.5432 */
    struct evconnlistener *lev;  /* on path */
    struct shim_ticket *tickets; /* registered logins */
    struct shim_conn *conns;     /* live connections */
    uint64_t next_id;            /* L-<id> */
};

#define SHIM_LOG(s, lvl, fmt, ...)                                                                 \
    log_msg(&(s)->shim->proxy->log, lvl, "login shim L-%llu: " fmt, (unsigned long long)(s)->id,   \
            __VA_ARGS__)

static void shim_now_plus(struct timespec *t, int ms)
{
    clock_gettime(CLOCK_MONOTONIC, t);
    t->tv_sec += ms / 1000;
    t->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (t->tv_nsec >= 1000000000L) {
        t->tv_sec++;
        t->tv_nsec -= 1000000000L;
    }
}

static bool shim_expired(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

static void shim_ticket_free(struct shim_ticket *t)
{
    OPENSSL_cleanse(t, sizeof *t);
    free(t);
}

/* Drops expired tickets (a carry-over that never connected). */
static void shim_purge(struct loginshim *sh)
{
    struct shim_ticket **pp = &sh->tickets;
    while (*pp != NULL) {
        struct shim_ticket *t = *pp;
        if (shim_expired(&t->expires)) {
            *pp = t->next;
            shim_ticket_free(t);
        } else {
            pp = &t->next;
        }
    }
}

/* Takes the ticket for `token` out of the list (single use); NULL if none. */
static struct shim_ticket *shim_take(struct loginshim *sh, const char *token)
{
    shim_purge(sh);
    if (strlen(token) != LOGINSHIM_TOKEN_LEN)
        return NULL;
    for (struct shim_ticket **pp = &sh->tickets; *pp != NULL; pp = &(*pp)->next) {
        struct shim_ticket *t = *pp;
        if (CRYPTO_memcmp(t->token, token, LOGINSHIM_TOKEN_LEN) == 0) {
            *pp = t->next;
            return t;
        }
    }
    return NULL;
}

static void shim_conn_free(struct shim_conn *s)
{
    struct loginshim *sh = s->shim;
    for (struct shim_conn **pp = &sh->conns; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    if (s->front)
        bufferevent_free(s->front);
    if (s->server)
        bufferevent_free(s->server);
    if (!s->server_ssl_owns_fd && s->server_fd >= 0)
        evutil_closesocket(s->server_fd);
    if (s->timer)
        event_free(s->timer);
    scram_login_clear(&s->login);
    if (s->startup) {
        OPENSSL_cleanse(s->startup, s->startup_len);
        free(s->startup);
    }
    OPENSSL_cleanse(&s->keys, sizeof s->keys);
    free(s);
}

#define SHIM_LINGER_MS 5000 /* at most this long to flush a FATAL to libpq */

/* Ends s: what is queued toward libpq (a FATAL) is flushed first (the
 * front's write callback frees s once it is), bounded by the timer. Never
 * frees s itself, so callers may still look at it. */
static void shim_close(struct shim_conn *s)
{
    if (s->state == SHIM_CLOSING)
        return;
    s->state = SHIM_CLOSING;
    if (s->server) {
        bufferevent_free(s->server);
        s->server = NULL;
        if (!s->server_ssl_owns_fd && s->server_fd >= 0)
            evutil_closesocket(s->server_fd);
        s->server_fd = -1;
    }
    bool pending = s->front != NULL && evbuffer_get_length(bufferevent_get_output(s->front)) > 0;
    if (pending) {
        bufferevent_disable(s->front, EV_READ);
        bufferevent_setwatermark(s->front, EV_WRITE, 0, 0);
        bufferevent_enable(s->front, EV_WRITE);
    }
    struct timeval tv = {pending ? SHIM_LINGER_MS / 1000 : 0, 0};
    evtimer_add(s->timer, &tv);
}

/* A FATAL to libpq (its PQerrorMessage, and so the carry-over's ZC002
 * text), logged, then closed. */
static void shim_fail(struct shim_conn *s, const char *sqlstate, const char *msg)
{
    SHIM_LOG(s, LOG_LVL_WARNING, "%s", msg);
    if (s->front != NULL) {
        struct wire_writer w;
        wire_writer_init(&w);
        wire_build_error(&w, "FATAL", sqlstate, msg, NULL, NULL);
        if (wire_writer_ok(&w))
            bufferevent_write(s->front, w.buf, w.len);
        wire_writer_free(&w);
    }
    shim_close(s);
}

/* Reading each side only while the other's output is under buffer_limit
 * (the write callbacks resume it). */
static void shim_update_io(struct shim_conn *s)
{
    if (s->state == SHIM_CLOSING)
        return;
    size_t limit = s->shim->proxy->cfg->buffer_limit;
    bool relay = s->state == SHIM_RELAY;
    if (s->front) {
        bool want = s->state == SHIM_STARTUP || s->state == SHIM_PASSWORD ||
                    (relay && evbuffer_get_length(bufferevent_get_output(s->server)) < limit);
        if (want)
            bufferevent_enable(s->front, EV_READ);
        else
            bufferevent_disable(s->front, EV_READ);
    }
    if (s->server && s->state >= SHIM_SSL_ANSWER) {
        bool want = !relay || evbuffer_get_length(bufferevent_get_output(s->front)) < limit;
        if (want)
            bufferevent_enable(s->server, EV_READ);
        else
            bufferevent_disable(s->server, EV_READ);
    }
}

static void shim_relay(struct shim_conn *s)
{
    size_t limit = s->shim->proxy->cfg->buffer_limit;
    struct evbuffer *fo = bufferevent_get_output(s->front);
    struct evbuffer *so = bufferevent_get_output(s->server);
    if (evbuffer_get_length(so) < limit)
        evbuffer_add_buffer(so, bufferevent_get_input(s->front));
    if (evbuffer_get_length(fo) < limit)
        evbuffer_add_buffer(fo, bufferevent_get_input(s->server));
    shim_update_io(s);
}

/* ---- the server side ---- */

static void shim_server_read_cb(struct bufferevent *bev, void *arg);
static void shim_server_write_cb(struct bufferevent *bev, void *arg);
static void shim_server_event_cb(struct bufferevent *bev, short what, void *arg);

static void shim_server_setup(struct shim_conn *s, struct bufferevent *bev)
{
    s->server = bev;
    bufferevent_setcb(bev, shim_server_read_cb, shim_server_write_cb, shim_server_event_cb, s);
    bufferevent_setwatermark(bev, EV_WRITE, s->shim->proxy->cfg->buffer_limit / 2, 0);
    bufferevent_enable(bev, EV_WRITE);
}

static void shim_send_startup(struct shim_conn *s)
{
    bufferevent_write(s->server, s->startup, s->startup_len);
    s->state = SHIM_LOGIN;
    shim_update_io(s);
}

static void shim_on_ssl_answer(struct shim_conn *s)
{
    struct proxy *p = s->shim->proxy;
    struct evbuffer *in = bufferevent_get_input(s->server);
    if (evbuffer_get_length(in) < 1)
        return;
    uint8_t answer;
    evbuffer_remove(in, &answer, 1);
    if (answer == 'N' && p->cfg->backend_tls == CONFIG_TLS_PREFER) {
        shim_send_startup(s);
        return;
    }
    if (answer != 'S' || evbuffer_get_length(in) > 0) {
        shim_fail(s, SQLSTATE_CONNECTION_FAILURE,
                  answer == 'N' ? "server does not support SSL, but SSL was required"
                                : "invalid response to SSL negotiation");
        return;
    }
    SSL *ssl = tls_client_ssl_new(p->client_ctx, p->cfg, p->backend_host);
    struct bufferevent *tls =
        ssl ? bufferevent_openssl_socket_new(p->base, s->server_fd, ssl, BUFFEREVENT_SSL_CONNECTING,
                                             BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS)
            : NULL;
    if (tls == NULL) {
        if (ssl)
            SSL_free(ssl);
        shim_fail(s, SQLSTATE_CONNECTION_FAILURE, "could not start TLS with the server");
        return;
    }
    bufferevent_free(s->server);
    s->server_ssl_owns_fd = true;
    s->server_tls = true;
    bufferevent_openssl_set_allow_dirty_shutdown(tls, 1);
    shim_server_setup(s, tls);
    s->state = SHIM_TLS;
    bufferevent_enable(tls, EV_READ);
}

/* One Authentication message (or the FATAL that ends the login). */
static void shim_login_input(struct shim_conn *s)
{
    struct evbuffer *in = bufferevent_get_input(s->server);
    while (s->state == SHIM_LOGIN) {
        uint8_t hdr[WIRE_HEADER_LEN];
        size_t avail = evbuffer_get_length(in);
        if (avail < sizeof hdr)
            return;
        evbuffer_copyout(in, hdr, sizeof hdr);
        struct wire_frame f;
        if (wire_frame_peek(WIRE_BACKEND, hdr, sizeof hdr, SIZE_MAX, SCRAM_MAX_MESSAGE_LEN, &f) !=
            WIRE_FRAME_OK) {
            shim_fail(s, SQLSTATE_PROTOCOL_VIOLATION, "invalid message from the server");
            return;
        }
        if (avail < f.total)
            return;
        if (f.type == WIRE_B_ERROR || f.type == WIRE_B_NOTICE) {
            /* The server's own words reach libpq (a FATAL ends the login). */
            evbuffer_remove_buffer(in, bufferevent_get_output(s->front), f.total);
            continue;
        }
        if (f.type != WIRE_B_AUTH) {
            shim_fail(s, SQLSTATE_PROTOCOL_VIOLATION,
                      "the server sent a message other than authentication before logging in");
            return;
        }
        const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f.total);
        struct wire_writer w;
        wire_writer_init(&w);
        const char *sqlstate = SQLSTATE_INVALID_AUTHORIZATION;
        char err[256];
        SSL *ssl = s->server_tls ? bufferevent_openssl_get_ssl(s->server) : NULL;
        enum scram_login_step st =
            scram_login_on_auth(&s->login, msg, f.total, ssl, &w, &sqlstate, err, sizeof err);
        evbuffer_drain(in, f.total);
        if (st == SCRAM_LOGIN_REPLY && wire_writer_ok(&w)) {
            bufferevent_write(s->server, w.buf, w.len);
            OPENSSL_cleanse(w.buf, w.len);
        } else if (st == SCRAM_LOGIN_DONE) {
            wire_writer_reset(&w);
            wire_build_auth_ok(&w);
            if (wire_writer_ok(&w))
                bufferevent_write(s->front, w.buf, w.len);
            SHIM_LOG(s, LOG_LVL_INFO, "logged in to the server (%s)",
                     s->login.cli ? "SCRAM" : "trust");
            scram_login_clear(&s->login);
            OPENSSL_cleanse(&s->keys, sizeof s->keys);
            evtimer_del(s->timer);
            s->state = SHIM_RELAY;
        } else if (st != SCRAM_LOGIN_WAIT) {
            wire_writer_free(&w);
            char msg2[400];
            snprintf(msg2, sizeof msg2, "cutover could not log in to the server: %s",
                     st == SCRAM_LOGIN_REPLY ? "out of memory" : err);
            shim_fail(s, sqlstate, msg2);
            return;
        }
        wire_writer_free(&w);
    }
    if (s->state == SHIM_RELAY)
        shim_relay(s);
}

static void shim_server_read_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    switch (s->state) {
    case SHIM_SSL_ANSWER:
        shim_on_ssl_answer(s);
        break;
    case SHIM_LOGIN:
        shim_login_input(s);
        break;
    case SHIM_RELAY:
        shim_relay(s);
        break;
    default:
        break;
    }
}

static void shim_server_write_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    if (s->state == SHIM_CLOSING && s->front == NULL) {
        shim_conn_free(s); /* libpq's last bytes reached the server */
        return;
    }
    if (s->state == SHIM_RELAY)
        shim_relay(s);
}

static void shim_server_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    if (what & BEV_EVENT_CONNECTED) {
        if (s->state == SHIM_CONNECTING) {
            if (s->shim->proxy->client_ctx == NULL) {
                shim_send_startup(s);
                return;
            }
            struct wire_writer w;
            wire_writer_init(&w);
            wire_build_ssl_request(&w);
            if (wire_writer_ok(&w))
                bufferevent_write(s->server, w.buf, w.len);
            wire_writer_free(&w);
            s->state = SHIM_SSL_ANSWER;
            shim_update_io(s);
        } else if (s->state == SHIM_TLS) {
            shim_send_startup(s);
        }
        return;
    }
    if (!(what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)))
        return;
    if (s->state == SHIM_CLOSING) {
        struct timeval now = {0, 0};
        evtimer_add(s->timer, &now); /* the server left first: nothing more to send */
        return;
    }
    if (s->state == SHIM_RELAY || s->state == SHIM_LOGIN) {
        /* What the server said last (a FATAL) goes to libpq first. */
        evbuffer_add_buffer(bufferevent_get_output(s->front), bufferevent_get_input(s->server));
        shim_close(s);
        return;
    }
    char why[300];
    if (s->state == SHIM_TLS)
        tls_handshake_error(bufferevent_openssl_get_ssl(s->server), why, sizeof why);
    else
        snprintf(why, sizeof why, "%s", evutil_socket_error_to_string(EVUTIL_SOCKET_ERROR()));
    char msg[700];
    snprintf(msg, sizeof msg, "could not connect to server %s: %s", s->shim->proxy->backend_desc,
             why);
    shim_fail(s, SQLSTATE_CONNECTION_FAILURE, msg);
}

static void shim_connect_server(struct shim_conn *s)
{
    struct proxy *p = s->shim->proxy;
    s->server_fd = backend_socket((const struct sockaddr *)&p->backend_addr);
    struct bufferevent *bev =
        s->server_fd >= 0 ? bufferevent_socket_new(p->base, s->server_fd, BEV_OPT_DEFER_CALLBACKS)
                          : NULL;
    if (bev == NULL) {
        shim_fail(s, SQLSTATE_CONNECTION_FAILURE, "could not create a socket for the server");
        return;
    }
    shim_server_setup(s, bev);
    s->state = SHIM_CONNECTING;
    if (bufferevent_socket_connect(bev, (struct sockaddr *)&p->backend_addr,
                                   (int)p->backend_addrlen) < 0)
        shim_fail(s, SQLSTATE_CONNECTION_FAILURE, "could not connect to the server");
}

/* ---- libpq's side ---- */

/* libpq's startup packet: kept to forward; SSLRequest/GSSENCRequest: 'N'. */
static void shim_on_startup(struct shim_conn *s)
{
    struct evbuffer *in = bufferevent_get_input(s->front);
    for (;;) {
        uint8_t hdr[WIRE_STARTUP_HEADER];
        size_t avail = evbuffer_get_length(in);
        size_t n = avail < sizeof hdr ? avail : sizeof hdr;
        evbuffer_copyout(in, hdr, n);
        struct wire_frame f;
        enum wire_frame_result fr = wire_startup_frame_peek(hdr, n, avail, 10000, &f);
        if (fr == WIRE_FRAME_NEED_MORE)
            return;
        struct wire_startup st;
        const uint8_t *pkt = fr == WIRE_FRAME_OK ? evbuffer_pullup(in, (ev_ssize_t)f.total) : NULL;
        if (pkt == NULL || wire_startup_parse(pkt, f.total, &st) != WIRE_STARTUP_OK) {
            shim_fail(s, SQLSTATE_PROTOCOL_VIOLATION, "invalid startup packet");
            return;
        }
        if (st.kind == WIRE_STARTUP_SSL || st.kind == WIRE_STARTUP_GSSENC) {
            evbuffer_drain(in, f.total);
            bufferevent_write(s->front, "N", 1);
            continue;
        }
        if (st.kind != WIRE_STARTUP_MESSAGE) {
            shim_fail(s, SQLSTATE_PROTOCOL_VIOLATION, "unexpected startup packet");
            return;
        }
        s->startup = malloc(f.total);
        if (s->startup == NULL) {
            shim_fail(s, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return;
        }
        evbuffer_remove(in, s->startup, f.total);
        s->startup_len = f.total;
        struct wire_writer w;
        wire_writer_init(&w);
        wire_build_auth_cleartext(&w);
        if (wire_writer_ok(&w))
            bufferevent_write(s->front, w.buf, w.len);
        wire_writer_free(&w);
        s->state = SHIM_PASSWORD;
        return;
    }
}

/* The token: which login this is. */
static void shim_on_password(struct shim_conn *s)
{
    struct evbuffer *in = bufferevent_get_input(s->front);
    uint8_t hdr[WIRE_HEADER_LEN];
    size_t avail = evbuffer_get_length(in);
    if (avail < sizeof hdr)
        return;
    evbuffer_copyout(in, hdr, sizeof hdr);
    struct wire_frame f;
    if (wire_frame_peek(WIRE_FRONTEND, hdr, sizeof hdr, SIZE_MAX, 1024, &f) != WIRE_FRAME_OK ||
        f.type != WIRE_F_PASSWORD) {
        shim_fail(s, SQLSTATE_PROTOCOL_VIOLATION, "expected a password message");
        return;
    }
    if (avail < f.total)
        return;
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f.total);
    const char *token;
    struct shim_ticket *t = NULL;
    if (wire_parse_password(msg, f.total, &token))
        t = shim_take(s->shim, token);
    evbuffer_drain(in, f.total);
    if (t == NULL) {
        shim_fail(s, SQLSTATE_INVALID_PASSWORD, "unknown or expired login token");
        return;
    }
    s->keys = t->keys;
    shim_ticket_free(t);
    scram_login_init(&s->login, &s->keys);
    shim_connect_server(s);
}

static void shim_front_read_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    if (s->state == SHIM_STARTUP)
        shim_on_startup(s);
    if (s->state == SHIM_PASSWORD)
        shim_on_password(s);
    else if (s->state == SHIM_RELAY)
        shim_relay(s);
    shim_update_io(s);
}

static void shim_front_write_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    if (s->state == SHIM_CLOSING) {
        shim_conn_free(s); /* flushed */
        return;
    }
    if (s->state == SHIM_RELAY)
        shim_relay(s);
}

static void shim_front_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct shim_conn *s = arg;
    if (!(what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)))
        return;
    bufferevent_free(s->front);
    s->front = NULL;
    if (s->state == SHIM_RELAY && s->server != NULL) {
        /* libpq left (PQfinish): what it sent last, its Terminate, still
         * goes to the server, then the server side closes (the server's
         * write callback frees s, the timer bounds it). */
        struct evbuffer *so = bufferevent_get_output(s->server);
        if (evbuffer_get_length(so) > 0) {
            s->state = SHIM_CLOSING;
            bufferevent_disable(s->server, EV_READ);
            bufferevent_setwatermark(s->server, EV_WRITE, 0, 0);
            bufferevent_enable(s->server, EV_WRITE);
            struct timeval tv = {SHIM_LINGER_MS / 1000, 0};
            evtimer_add(s->timer, &tv);
            return;
        }
    }
    if (s->state == SHIM_CLOSING) {
        struct timeval now = {0, 0};
        evtimer_add(s->timer, &now); /* nothing left to flush */
        return;
    }
    shim_close(s);
}

static void shim_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct shim_conn *s = arg;
    if (s->state == SHIM_CLOSING)
        shim_conn_free(s); /* libpq does not read its FATAL: drop it */
    else
        shim_fail(s, SQLSTATE_CONNECTION_FAILURE, "timeout logging in to the server");
}

static void shim_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *addr,
                           int addrlen, void *arg)
{
    (void)l;
    (void)addr;
    (void)addrlen;
    struct loginshim *sh = arg;
    struct proxy *p = sh->proxy;
    struct shim_conn *s = calloc(1, sizeof *s);
    if (s == NULL) {
        evutil_closesocket(fd);
        return;
    }
    s->shim = sh;
    s->id = ++sh->next_id;
    s->server_fd = -1;
    s->front = bufferevent_socket_new(p->base, fd, BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
    s->timer = evtimer_new(p->base, shim_timeout_cb, s);
    s->next = sh->conns;
    sh->conns = s;
    if (s->front == NULL || s->timer == NULL) {
        if (s->front == NULL)
            evutil_closesocket(fd);
        shim_conn_free(s);
        return;
    }
    int ms = p->cfg->connect_timeout_ms + p->cfg->startup_timeout_ms;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    evtimer_add(s->timer, &tv);
    bufferevent_setcb(s->front, shim_front_read_cb, shim_front_write_cb, shim_front_event_cb, s);
    bufferevent_setwatermark(s->front, EV_WRITE, p->cfg->buffer_limit / 2, 0);
    bufferevent_enable(s->front, EV_READ | EV_WRITE);
}

/* ---- the shim ---- */

static bool shim_start(struct proxy *p, char *err, size_t errlen)
{
    struct loginshim *sh = calloc(1, sizeof *sh);
    if (sh == NULL) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    sh->proxy = p;
    const char *tmp = getenv("TMPDIR");
    if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 40)
        tmp = "/tmp";
    snprintf(sh->dir, sizeof sh->dir, "%s/cutoverd-login.XXXXXX", tmp);
    if (mkdtemp(sh->dir) == NULL) { /* mode 0700 */
        snprintf(err, errlen, "login shim: mkdtemp in %s: %s", tmp, strerror(errno));
        free(sh);
        return false;
    }
    snprintf(sh->path, sizeof sh->path, "%s/.s.PGSQL.%s", sh->dir, LOGINSHIM_PORT);
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", sh->path);
    sh->lev = evconnlistener_new_bind(p->base, shim_accept_cb, sh,
                                      LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 64,
                                      (struct sockaddr *)&sun, (int)sizeof sun);
    if (sh->lev == NULL) {
        snprintf(err, errlen, "login shim: listen on %s: %s", sh->path, strerror(errno));
        rmdir(sh->dir);
        free(sh);
        return false;
    }
    chmod(sh->path, 0600);
    p->loginshim = sh;
    log_msg(&p->log, LOG_LVL_INFO, "login shim for SCRAM pass-through listening on %s", sh->path);
    return true;
}

bool loginshim_register(struct proxy *p, const struct scram_keys *keys, char *dir, size_t dirlen,
                        char token[LOGINSHIM_TOKEN_LEN + 1], char *err, size_t errlen)
{
    if (p->loginshim == NULL && !shim_start(p, err, errlen))
        return false;
    struct loginshim *sh = p->loginshim;
    shim_purge(sh);
    struct shim_ticket *t = calloc(1, sizeof *t);
    uint8_t raw[LOGINSHIM_TOKEN_LEN / 2];
    if (t == NULL || RAND_bytes(raw, (int)sizeof raw) != 1) {
        free(t);
        snprintf(err, errlen, "login shim: could not make a token");
        return false;
    }
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof raw; i++) {
        t->token[2 * i] = hex[raw[i] >> 4];
        t->token[2 * i + 1] = hex[raw[i] & 15];
    }
    OPENSSL_cleanse(raw, sizeof raw);
    t->keys = *keys;
    /* Long enough for libpq to connect to the shim at its turn; the
     * carry-over connects right away. */
    shim_now_plus(&t->expires, p->cfg->connect_timeout_ms + p->cfg->startup_timeout_ms);
    t->next = sh->tickets;
    sh->tickets = t;
    snprintf(dir, dirlen, "%s", sh->dir);
    memcpy(token, t->token, LOGINSHIM_TOKEN_LEN + 1);
    return true;
}

void loginshim_free(struct proxy *p)
{
    struct loginshim *sh = p->loginshim;
    if (sh == NULL)
        return;
    while (sh->conns != NULL)
        shim_conn_free(sh->conns);
    while (sh->tickets != NULL) {
        struct shim_ticket *t = sh->tickets;
        sh->tickets = t->next;
        shim_ticket_free(t);
    }
    evconnlistener_free(sh->lev);
    unlink(sh->path);
    rmdir(sh->dir);
    free(sh);
    p->loginshim = NULL;
}
