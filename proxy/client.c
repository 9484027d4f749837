/*
 * client.c: a client's first packets, before anything reaches the backend.
 */
#include "proxy/client.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <event2/buffer.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "protocol/frame.h"
#include "protocol/reader.h"
#include "protocol/sqlstate.h"
#include "protocol/startup.h"
#include "protocol/startup_refusal.h"
#include "proxy/backend.h"
#include "proxy/cancel.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/passthrough.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"
#include "proxy/route.h"
#include "proxy/tls.h"

#define CLIENT_OPTION_PREFIX "cutover."

static void client_on_input(struct conn *c);
static void client_on_tls_ready(struct conn *c);
static void client_tls_error(struct conn *c, char *buf, size_t n);
static void client_refuse(struct conn *c, const struct wire_startup_refusal *r, const uint8_t *head,
                          size_t nhead);
static void client_on_startup_eof(struct conn *c);

/*
 * The client bufferevent's callbacks, as backend.c has the backend's: each
 * switches on the conn's state and calls a named handler. A conn is never
 * freed inside them (conn.h).
 */
static void client_read_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct conn *c = arg;
    switch (c->state) {
    case CONN_ACCEPTED:
    case CONN_CLIENT_TLS:
        client_on_input(c);
        /* Flushes a one-byte SSLRequest/GSSENCRequest answer, among others. */
        conn_update_io(c);
        break;
    case CONN_CLIENT_AUTH:
        passthrough_client_input(c);
        conn_update_io(c);
        break;
    case CONN_AUTH:
    case CONN_IDLE:
    case CONN_ACTIVE:
        relay_client_input(c);
        break;
    case CONN_CONNECTING:
    case CONN_BACKEND_TLS:
    case CONN_HELD:
    case CONN_CLOSING:
        /* Not reading now; bytes stay buffered. */
        break;
    }
}

static void client_write_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct conn *c = arg;
    if (c->state == CONN_CLOSING) {
        conn_close_progress(c);
        return;
    }
    /* The client drained below the low mark: the backend may read again, and
     * backend input left over by backpressure can move. */
    if (c->backend && c->state >= CONN_AUTH)
        relay_backend_input(c);
    conn_update_io(c);
}

static void client_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct conn *c = arg;
    if (what & BEV_EVENT_CONNECTED) {
        /* Client TLS handshake finished. */
        client_on_tls_ready(c);
        return;
    }
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)) {
        int err = EVUTIL_SOCKET_ERROR();
        c->client_gone = 1;
        if (c->state == CONN_CLOSING) {
            conn_close_progress(c);
            return;
        }
        SSL *ssl = c->state == CONN_CLIENT_TLS ? bufferevent_openssl_get_ssl(c->client) : NULL;
        bool handshake_done = ssl != NULL && SSL_is_init_finished(ssl);
        if (c->state == CONN_CLIENT_TLS && (what & BEV_EVENT_ERROR) && !handshake_done) {
            char buf[256];
            client_tls_error(c, buf, sizeof buf);
            conn_close(c, "client TLS handshake failed: %s", buf);
            return;
        }
        /* A startup packet cut short: PostgreSQL logs it (COMMERROR). */
        if ((c->state == CONN_ACCEPTED || c->state == CONN_CLIENT_TLS) &&
            (!(what & BEV_EVENT_ERROR) || handshake_done)) {
            client_on_startup_eof(c);
            return;
        }
        /* Forward what the client managed to send before leaving. */
        if (c->state >= CONN_AUTH && c->backend)
            relay_client_input(c);
        if (c->state == CONN_CLOSING)
            return;
        if (c->terminated)
            conn_close(c, "client terminated");
        else if (what & BEV_EVENT_ERROR)
            conn_close(c, "client connection error: %s", evutil_socket_error_to_string(err));
        else
            conn_close(c, "client closed the connection");
    }
}

void client_attach(struct conn *c, struct bufferevent *bev)
{
    bufferevent_setcb(bev, client_read_cb, client_write_cb, client_event_cb, c);
    bufferevent_setwatermark(bev, EV_WRITE, c->proxy->cfg->buffer_limit / 2, 0);
    bufferevent_enable(bev, EV_WRITE);
}

void client_start(struct conn *c)
{
    int ms = c->proxy->cfg->startup_timeout_ms;
    if (ms > 0)
        conn_timer_arm(c, ms);
    log_conn(c, LOG_LVL_DEBUG, "accepted");
    conn_update_io(c);
}

static void client_tls_error(struct conn *c, char *buf, size_t n)
{
    /* bufferevent_openssl takes OpenSSL's error queue for itself: what
     * failed (e.g. "unsupported protocol" for a TLS 1.0 client) is there. */
    size_t o = 0;
    unsigned long e;
    buf[0] = '\0';
    while (c->client && (e = bufferevent_get_openssl_error(c->client)) != 0) {
        /* libevent also queues SSL_get_error()'s code (no reason string). */
        const char *reason = ERR_reason_error_string(e);
        if (reason != NULL && o + 1 < n) {
            int k = snprintf(buf + o, n - o, "%s%s", o ? "; " : "", reason);
            o += k > 0 ? (size_t)k : 0;
        }
    }
    if (buf[0] != '\0')
        return;
    SSL *ssl = c->client ? bufferevent_openssl_get_ssl(c->client) : NULL;
    if (ssl)
        tls_handshake_error(ssl, buf, n);
    else
        tls_error_string(buf, n);
}

static void client_on_tls_ready(struct conn *c)
{
    if (c->state != CONN_CLIENT_TLS)
        return;
    log_conn(c, LOG_LVL_DEBUG, "client TLS established (%s)",
             SSL_get_version(bufferevent_openssl_get_ssl(c->client)));
    /* The startup packet may already be buffered. */
    client_on_input(c);
}

/* Answers an SSLRequest: upgrades to TLS when configured, else 'N'. Returns
 * false when `c` is closing or its bufferevent was replaced. */
static bool client_handle_ssl_request(struct conn *c)
{
    struct proxy *p = c->proxy;
    if (c->state != CONN_ACCEPTED) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "SSLRequest received twice");
        return false;
    }
    if (p->server_ctx == NULL) {
        bufferevent_write(c->client, "N", 1);
        c->bytes_out++;
        c->negotiated = 1;
        return true;
    }
    /* Bytes the client sent after SSLRequest, before the handshake, would be
     * read as if they came over TLS: plaintext injection (CVE-2021-23214). */
    if (evbuffer_get_length(bufferevent_get_input(c->client)) > 0) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "received unencrypted data after SSL request");
        return false;
    }
    SSL *ssl = SSL_new(p->server_ctx);
    if (ssl == NULL) {
        char buf[256];
        conn_fail(c, SQLSTATE_CONNECTION_FAILURE, "could not start TLS: %s",
                  tls_error_string(buf, sizeof buf));
        return false;
    }
    /* 'S' goes out in plaintext before the TLS bufferevent owns the socket;
     * nothing else was written to it yet, so it is one byte on an empty
     * socket buffer. */
    ssize_t n = send(c->client_fd, "S", 1, MSG_NOSIGNAL);
    if (n != 1) {
        SSL_free(ssl);
        c->client_gone = 1;
        conn_close(c, "could not answer SSLRequest");
        return false;
    }
    c->bytes_out++;
    c->negotiated = 1;
    struct bufferevent *tls_bev =
        bufferevent_openssl_socket_new(p->base, c->client_fd, ssl, BUFFEREVENT_SSL_ACCEPTING,
                                       BEV_OPT_CLOSE_ON_FREE | BEV_OPT_DEFER_CALLBACKS);
    if (tls_bev == NULL) {
        SSL_free(ssl);
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "could not start TLS");
        return false;
    }
    conn_reader_stop(c, false);
    bufferevent_free(c->client);
    c->client = tls_bev;
    c->client_ssl_owns_fd = 1;
    c->tls = 1;
    bufferevent_openssl_set_allow_dirty_shutdown(tls_bev, 1);
    client_attach(c, tls_bev);
    conn_set_state(c, CONN_CLIENT_TLS);
    conn_update_io(c);
    return false;
}

/* A parameter list being rebuilt for the backend: values may be owned. */
struct client_params {
    size_t n;
    struct wire_startup_param items[WIRE_STARTUP_MAX_PARAMS + 1];
    char *owned[WIRE_STARTUP_MAX_PARAMS + 2]; /* strings to free */
    size_t nowned;
};

static void client_params_free(struct client_params *cp)
{
    for (size_t i = 0; i < cp->nowned; i++) {
        OPENSSL_cleanse(cp->owned[i], strlen(cp->owned[i]));
        free(cp->owned[i]);
    }
    cp->nowned = 0;
}

static const char *client_params_own(struct client_params *cp, char *s)
{
    cp->owned[cp->nowned++] = s;
    return s;
}

/*
 * Handles `options`: takes the route from cutover.route, strips every
 * cutover.* option, rewrites the rest for the route. Returns false after
 * failing the conn.
 */
static bool client_apply_options(struct conn *c, const char *text, struct client_params *cp,
                                 bool *has_cluster)
{
    struct wire_options opts;
    memset(&opts, 0, sizeof opts);
    enum wire_options_result r = wire_options_parse(text, &opts);
    if (r != WIRE_OPTIONS_OK) {
        wire_options_free(&opts);
        if (r == WIRE_OPTIONS_NOMEM) {
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return false;
        }
        /* Forwarded as they are, the server would judge them, but then a
         * cutover.* option would not be stripped nor honoured and a
         * renamed route would see unrenamed settings: refuse instead. */
        bool ours = false;
        for (const char *q = text; *q && !ours; q++)
            ours = strncasecmp(q, CLIENT_OPTION_PREFIX, strlen(CLIENT_OPTION_PREFIX)) == 0;
        if (ours || c->table->routes[c->route].map != NULL) {
            conn_fail(c, SQLSTATE_INVALID_PARAMETER_VALUE,
                      "options not understood by cutover on route \"%s\": use -c name=value "
                      "or --name=value",
                      route_name(c->route));
            return false;
        }
        cp->items[cp->n].key = "options";
        cp->items[cp->n].value = text;
        cp->n++;
        return true;
    }
    struct wire_options rest;
    memset(&rest, 0, sizeof rest);
    bool ok = true;
    for (size_t i = 0; i < opts.n && ok; i++) {
        struct wire_option *o = &opts.items[i];
        if (strncasecmp(o->key, CLIENT_OPTION_PREFIX, strlen(CLIENT_OPTION_PREFIX)) == 0) {
            if (strcasecmp(o->key, "cutover.route") == 0) {
                if (!route_parse(o->value, &c->route)) {
                    conn_fail(c, SQLSTATE_INVALID_PARAMETER_VALUE,
                              "invalid value for cutover.route: \"%s\" (expected production, "
                              "deploy or previous)",
                              o->value);
                    ok = false;
                }
            } else {
                conn_fail(c, SQLSTATE_INVALID_PARAMETER_VALUE,
                          "unrecognized configuration parameter \"%s\"", o->key);
                ok = false;
            }
            continue;
        }
        rest.items[rest.n++] = *o; /* borrowed: freed with opts */
    }
    if (!ok) {
        wire_options_free(&opts);
        return false;
    }

    /* Rewrite the remaining settings for the route now that it is known. */
    char *rewritten[WIRE_OPTIONS_MAX] = {0};
    for (size_t i = 0; i < rest.n; i++) {
        if (strcasecmp(rest.items[i].key, "cluster") == 0)
            *has_cluster = true;
        char *out = NULL;
        if (!route_rewrite_setting(c->table, c->route, rest.items[i].key, rest.items[i].value,
                                   &out)) {
            ok = false;
            break;
        }
        if (out) {
            rewritten[i] = out;
            rest.items[i].value = out;
        }
    }
    char *formatted = ok && rest.n > 0 ? wire_options_format(&rest) : NULL;
    for (size_t i = 0; i < rest.n; i++)
        free(rewritten[i]);
    wire_options_free(&opts);
    if (!ok || (rest.n > 0 && formatted == NULL)) {
        free(formatted);
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return false;
    }
    if (formatted) {
        cp->items[cp->n].key = "options";
        cp->items[cp->n].value = client_params_own(cp, formatted);
        cp->n++;
    }
    return true;
}

static const char *client_route_unavailable_reason(enum route_phase ph, enum route r)
{
    if (ph == ROUTE_PHASE_IN_DOUBT && r != ROUTE_PRODUCTION)
        return "the deployment state is unknown (a swap's outcome could not be read from the "
               "server); it opens again once the state is read";
    switch (r) {
    case ROUTE_DEPLOY:
        return "no deployment in progress";
    case ROUTE_PREVIOUS:
        return "no previous environment: nothing was promoted";
    case ROUTE_PRODUCTION:
        return "production is not available";
    }
    return "unknown route";
}

/*
 * A client that asked for a protocol minor version newer than 3.0 or sent
 * `_pq_.` protocol options is told, before anything else, what the session
 * speaks: NegotiateProtocolVersion, as PostgreSQL sends it (startup.h). The
 * server never sees those options and is started with 3.0.
 */
static void client_negotiate(struct conn *c, const struct wire_startup *s)
{
    struct wire_negotiation n;
    if (!wire_startup_negotiation(s, &n))
        return;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_negotiate_version(&w, n.newest, n.unrecognized, n.nunrecognized);
    if (wire_writer_ok(&w)) {
        bufferevent_write(c->client, w.buf, w.len);
        c->bytes_out += w.len;
    }
    wire_writer_free(&w);
    log_conn(c, LOG_LVL_DEBUG,
             "client asked for protocol 3.%u with %zu protocol option(s): answered "
             "NegotiateProtocolVersion 3.%u",
             (unsigned)(s->code & 0xffff), n.nunrecognized, (unsigned)(n.newest & 0xffff));
}

/* StartupMessage: choose the route, rebuild the packet, connect the backend. */
/* Long on purpose: the startup packet's steps in the order PostgreSQL
 * applies them (parse, limits, route choice, cutover.* options, parameter
 * rewrites, backend packet); each step is a call or a short check that
 * answers with its own SQLSTATE. */
static void client_handle_startup(struct conn *c, const uint8_t *pkt, size_t len)
{
    struct proxy *p = c->proxy;
    c->startup_packet = malloc(len);
    c->startup = malloc(sizeof *c->startup);
    if (c->startup_packet == NULL || c->startup == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return;
    }
    memcpy(c->startup_packet, pkt, len);
    c->startup_len = len;
    if (wire_startup_parse(c->startup_packet, len, c->startup) != WIRE_STARTUP_OK) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid startup packet layout");
        return;
    }
    const struct wire_startup *s = c->startup;
    /* PostgreSQL negotiates right after the layout check: every later
     * refusal (too many clients, TLS required, ...) comes after it. */
    client_negotiate(c, s);
    if (c->over_limit) {
        p->stats.conns_rejected++;
        conn_fail(c, SQLSTATE_TOO_MANY_CONNECTIONS, "sorry, too many clients already");
        return;
    }
    if (p->cfg->client_tls_required && !c->tls) {
        conn_fail(c, SQLSTATE_REJECTED_CONNECTION, "TLS is required: connect with sslmode=require");
        return;
    }
    const char *user = wire_startup_get(s, "user");
    const char *db = wire_startup_get(s, "database");
    const char *app = wire_startup_get(s, "application_name");
    c->user = strdup(user ? user : "");
    c->database = strdup(db && db[0] ? db : (user ? user : ""));
    c->application_name = app ? strdup(app) : NULL;
    if (c->user == NULL || c->database == NULL || (app && c->application_name == NULL)) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return;
    }

    /* The route: the listener's, unless options say otherwise. The table is
     * taken now so options can be rewritten for it. */
    c->table = routing_table_ref(p->routes);
    c->generation = c->table->generation;
    struct client_params cp;
    memset(&cp, 0, sizeof cp);
    bool has_cluster = false;
    const char *options = NULL;
    for (size_t i = 0; i < s->nparams; i++) {
        const char *key = s->params[i].key;
        if (strncasecmp(key, CLIENT_OPTION_PREFIX, strlen(CLIENT_OPTION_PREFIX)) == 0) {
            /* cutover.route as a parameter of its own, as in options */
            if (strcasecmp(key, "cutover.route") != 0 ||
                !route_parse(s->params[i].value, &c->route)) {
                conn_fail(c, SQLSTATE_INVALID_PARAMETER_VALUE,
                          "invalid startup parameter %s = \"%s\" (cutover.route takes "
                          "production, deploy or previous)",
                          key, s->params[i].value);
                return;
            }
        } else if (strcmp(key, "options") == 0)
            options = s->params[i].value;
        else if (strcasecmp(s->params[i].key, "cluster") == 0)
            has_cluster = true;
    }
    /* First pass over options only to learn the route (it decides rewrites). */
    if (options != NULL && !client_apply_options(c, options, &cp, &has_cluster)) {
        client_params_free(&cp);
        return;
    }
    const struct route_entry *re = &c->table->routes[c->route];
    if (!re->available) {
        client_params_free(&cp);
        p->stats.conns_rejected++;
        conn_fail(c, SQLSTATE_ROUTE_UNAVAILABLE, "route \"%s\" is not available: %s",
                  route_name(c->route), client_route_unavailable_reason(c->table->phase, c->route));
        return;
    }
    c->names = re->map;
    /* Options were rewritten above with c->route as parsed from them. */
    for (size_t i = 0; i < s->nparams; i++) {
        const char *key = s->params[i].key;
        const char *value = s->params[i].value;
        /* Protocol options were refused to the client (client_negotiate). */
        if (strcmp(key, "options") == 0 ||
            strncasecmp(key, CLIENT_OPTION_PREFIX, strlen(CLIENT_OPTION_PREFIX)) == 0 ||
            wire_startup_is_protocol_option(key))
            continue;
        if (strcasecmp(key, "search_path") == 0 || strcasecmp(key, "cluster") == 0) {
            char *out = NULL;
            if (!route_rewrite_setting(c->table, c->route, key, value, &out)) {
                client_params_free(&cp);
                conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
                return;
            }
            if (out)
                value = client_params_own(&cp, out);
        }
        cp.items[cp.n].key = key;
        cp.items[cp.n].value = value;
        cp.n++;
    }
    if (!has_cluster && re->cluster[0] != '\0' && cp.n < WIRE_STARTUP_MAX_PARAMS + 1) {
        cp.items[cp.n].key = "cluster";
        cp.items[cp.n].value = re->cluster;
        cp.n++;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, cp.items, cp.n);
    client_params_free(&cp);
    if (!wire_writer_ok(&w)) {
        wire_writer_free(&w);
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return;
    }
    c->backend_startup = w.buf; /* ownership moves to the conn */
    c->backend_startup_len = w.len;
    c->proxy->stats.conns_by_route[c->route]++;
    c->proxy->stats.conns_current_by_route[c->route]++;
    c->route_counted = 1;
    char esc_db[LOG_ESCAPE_MAX], esc_app[LOG_ESCAPE_MAX]; /* client-supplied: escaped */
    log_conn(c, LOG_LVL_INFO, "open: db=%s route=%s app=%s tls=%s",
             log_escape(esc_db, sizeof esc_db, c->database), route_name(c->route),
             log_escape(esc_app, sizeof esc_app, c->application_name), c->tls ? "yes" : "no");
    /* A user with a verifier in the auth file authenticates to cutoverd
     * first; the backend is connected once the client proved it. */
    if (passthrough_begin(c)) {
        conn_update_io(c);
        return;
    }
    conn_set_state(c, CONN_CONNECTING);
    conn_update_io(c);
    backend_connect(c);
}

static void client_on_input(struct conn *c)
{
    struct proxy *p = c->proxy;
    while (c->state == CONN_ACCEPTED || c->state == CONN_CLIENT_TLS) {
        struct evbuffer *in = bufferevent_get_input(c->client);
        size_t avail = evbuffer_get_length(in);
        uint8_t hdr[WIRE_STARTUP_HEADER];
        size_t n = avail < sizeof hdr ? avail : sizeof hdr;
        evbuffer_copyout(in, hdr, n);
        /* The framer judges the length as soon as its 4 bytes are here. */
        struct wire_frame f;
        enum wire_frame_result fr =
            wire_startup_frame_peek(hdr, n, avail, p->cfg->max_message_size, &f);
        if (fr == WIRE_FRAME_NEED_MORE)
            return;
        if (fr != WIRE_FRAME_OK) {
            struct wire_startup_refusal r;
            wire_startup_refuse_frame(fr, &r);
            p->stats.conns_rejected++;
            client_refuse(c, &r, hdr, n);
            return;
        }
        const uint8_t *pkt = evbuffer_pullup(in, (ev_ssize_t)f.total);
        struct wire_startup *st = malloc(sizeof *st);
        if (pkt == NULL || st == NULL) {
            free(st);
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return;
        }
        enum wire_startup_result sr = wire_startup_parse(pkt, f.total, st);
        c->bytes_in += f.total;
        if (sr != WIRE_STARTUP_OK) {
            struct wire_startup_refusal r;
            /* PostgreSQL negotiates before it looks for the user name. */
            if (sr == WIRE_STARTUP_NO_USER)
                client_negotiate(c, st);
            wire_startup_refuse_parse(sr, st, &r);
            free(st);
            p->stats.conns_rejected++;
            client_refuse(c, &r, pkt, f.total);
            return;
        }
        enum wire_startup_kind kind = st->kind;
        uint32_t cpid = st->cancel_pid, ckey = st->cancel_key;
        free(st);
        switch (kind) {
        case WIRE_STARTUP_SSL:
            evbuffer_drain(in, f.total);
            if (!client_handle_ssl_request(c))
                return;
            break;
        case WIRE_STARTUP_GSSENC:
            evbuffer_drain(in, f.total);
            bufferevent_write(c->client, "N", 1);
            c->bytes_out++;
            c->negotiated = 1;
            break;
        case WIRE_STARTUP_CANCEL:
            evbuffer_drain(in, f.total);
            if (cancel_forward(p, cpid, ckey, c->id))
                conn_set_reading(c, false, false); /* closed when the server acted */
            else
                conn_close(c, "cancel request");
            return;
        case WIRE_STARTUP_MESSAGE:
            /* pkt stays valid until drained: the handler copies it first. */
            client_handle_startup(c, pkt, f.total);
            if (c->client)
                evbuffer_drain(in, f.total);
            return;
        }
    }
}

/* How many of a refused packet's first bytes the log shows. */
#define CLIENT_REFUSED_HEAD 32

/*
 * Refuses a startup packet as PostgreSQL would (protocol/startup_refusal.h):
 * a FATAL goes through conn_fail; a COMMERROR is logged here, with the
 * packet's first bytes escaped (they are the client's), and the connection
 * is closed with nothing sent; a QUIET one just closes.
 */
static void client_refuse(struct conn *c, const struct wire_startup_refusal *r, const uint8_t *head,
                          size_t nhead)
{
    switch (r->answer) {
    case WIRE_STARTUP_ANSWER_FATAL:
        conn_fail(c, r->sqlstate, "%s", r->message);
        return;
    case WIRE_STARTUP_ANSWER_SILENT: {
        char esc[4 * CLIENT_REFUSED_HEAD + 1];
        log_conn(c, LOG_LVL_WARNING,
                 "COMMERROR %s: %s (nothing sent, as PostgreSQL does); first bytes \"%s\"",
                 r->sqlstate, r->message,
                 log_escape_bytes(esc, sizeof esc, head,
                                  nhead < CLIENT_REFUSED_HEAD ? nhead : CLIENT_REFUSED_HEAD));
        conn_close(c, "%s: %s", r->sqlstate, r->message);
        return;
    }
    case WIRE_STARTUP_ANSWER_QUIET:
        conn_close(c, "client closed the connection");
        return;
    }
}

/* The client closed its side before a whole startup packet arrived. */
static void client_on_startup_eof(struct conn *c)
{
    struct evbuffer *in = bufferevent_get_input(c->client);
    uint8_t head[CLIENT_REFUSED_HEAD];
    size_t avail = evbuffer_get_length(in);
    size_t n = avail < sizeof head ? avail : sizeof head;
    evbuffer_copyout(in, head, n);
    struct wire_startup_refusal r;
    wire_startup_refuse_eof(avail, c->negotiated, &r);
    client_refuse(c, &r, head, n);
}
