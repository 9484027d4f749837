/*
 * passthrough.c: see passthrough.h.
 */
#include "proxy/passthrough.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <openssl/crypto.h>
#include <openssl/ssl.h>

#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/scram.h"
#include "protocol/sqlstate.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/authfile.h"
#include "proxy/authquery.h"
#include "proxy/backend.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/secret.h"
#include "proxy/scram_crypto.h"
#include "proxy/scram_login.h"

struct passthrough {
    struct scram_server *srv;    /* the exchange with the client; NULL once it ended */
    struct scram_keys keys;      /* the verifier copied at startup; client_key once proven */
    bool proven;                 /* keys.client_key is the client's */
    bool sent_first;             /* server-first sent: a SASLResponse comes next */
    bool client_plus;            /* the client chose SCRAM-SHA-256-PLUS */
    const char *server_mech;     /* the mechanism cutoverd used with the server (static) */
    struct scram_login login;    /* cutoverd's own login to the server */
    struct authq_lookup *lookup; /* the auth query asked for the verifier; NULL otherwise */
    const char *source;          /* where the verifier came from (static), for the log */
};

void passthrough_free(struct passthrough *pt)
{
    if (pt == NULL)
        return;
    authquery_cancel(pt->lookup);
    scram_server_free(pt->srv);
    scram_login_clear(&pt->login);
    OPENSSL_cleanse(pt, sizeof *pt);
    free(pt);
}

const struct scram_keys *passthrough_keys(const struct conn *c)
{
    return c->scram != NULL && c->scram->proven ? &c->scram->keys : NULL;
}

/* Queues one message built by `w` to the client. */
static bool passthrough_send(struct conn *c, struct wire_writer *w)
{
    bool ok = wire_writer_ok(w);
    if (ok)
        conn_send_to_client(c, w->buf, w->len);
    wire_writer_free(w);
    if (!ok)
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
    return ok;
}

/* Offers SCRAM to the client for the verifier in c->scram (CLIENT_AUTH). */
static void passthrough_offer(struct conn *c)
{
    struct passthrough *pt = c->scram;
    /* Channel binding to our own certificate, which the client saw. */
    uint8_t cb[SCRAM_MAX_CBIND_DATA];
    size_t cb_len = 0;
    if (c->tls) {
        X509 *own = SSL_get_certificate(bufferevent_openssl_get_ssl(c->client));
        if (own == NULL || !scram_cert_end_point_hash(own, cb, &cb_len)) {
            cb_len = 0; /* a certificate without a digest: no PLUS, as PostgreSQL */
            log_conn(c, LOG_LVL_WARNING,
                     "no channel binding: cutover's certificate has no usable digest");
        }
    }
    pt->srv = scram_server_new(c->user, &pt->keys.verifier, NULL, cb_len ? cb : NULL, cb_len);
    if (pt->srv == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return;
    }
    scram_login_init(&pt->login, &pt->keys);
    const char *mechs[2];
    size_t n = 0;
    if (cb_len > 0)
        mechs[n++] = SCRAM_MECH_PLUS; /* first, as PostgreSQL lists them */
    mechs[n++] = SCRAM_MECH;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_auth_sasl(&w, mechs, n);
    if (!passthrough_send(c, &w))
        return;
    c->last_auth_code = WIRE_AUTH_SASL;
    log_conn(c, LOG_LVL_DEBUG,
             "SCRAM pass-through: authenticating the client (%s, verifier from the %s)",
             cb_len ? "channel binding offered" : "no channel binding", pt->source);
}

/* The auth query's answer for this session's user. */
static void passthrough_looked_up(void *arg, enum authq_result r, const struct scram_verifier *v,
                                  const char *detail)
{
    struct conn *c = arg;
    struct passthrough *pt = c->scram;
    pt->lookup = NULL; /* ended: nothing to cancel */
    if (c->state != CONN_CLIENT_AUTH)
        return; /* the session is closing */
    if (r == AUTHQ_FOUND) {
        pt->keys.verifier = *v;
        pt->source = "auth query";
        passthrough_offer(c);
        if (c->state == CONN_CLIENT_AUTH)
            passthrough_client_input(c); /* anything that came meanwhile */
        conn_update_io(c);
        return;
    }
    /* No verifier, or no answer: authentication is relayed, as for
     * everyone when there is no auth query. */
    if (r == AUTHQ_FAILED)
        log_conn(c, LOG_LVL_WARNING, "auth query failed: %s; relaying authentication", detail);
    else
        log_conn(c, LOG_LVL_DEBUG, "auth query: %s; relaying authentication", detail);
    passthrough_free(pt);
    c->scram = NULL;
    conn_set_state(c, CONN_CONNECTING);
    conn_update_io(c);
    backend_connect(c);
}

bool passthrough_begin(struct conn *c)
{
    struct proxy *p = c->proxy;
    const struct scram_verifier *v = p->auth ? authfile_lookup(p->auth, c->user) : NULL;
    if (v == NULL && !authquery_enabled(p))
        return false;
    struct passthrough *pt = calloc(1, sizeof *pt);
    if (pt == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return true;
    }
    c->scram = pt;
    if (v != NULL) {
        /* The auth file first: its entries win over the auth query's. */
        pt->keys.verifier = *v; /* a reload never changes a running exchange */
        pt->source = "auth file";
        passthrough_offer(c);
    } else {
        pt->lookup = authquery_lookup(p, c->user, passthrough_looked_up, c);
        if (pt->lookup == NULL) {
            passthrough_free(pt);
            c->scram = NULL;
            log_conn(c, LOG_LVL_WARNING, "auth query: out of memory; relaying authentication");
            return false;
        }
        log_conn(c, LOG_LVL_DEBUG, "auth query: looking up the user's verifier");
    }
    if (c->state != CONN_CLOSING)
        conn_set_state(c, CONN_CLIENT_AUTH);
    return true;
}

/* A step of the client's exchange failed: PostgreSQL's answer for it. The
 * reason goes to the log only. */
static void passthrough_refuse(struct conn *c, enum scram_result r, bool at_first)
{
    log_conn(c, LOG_LVL_WARNING, "SCRAM pass-through: client authentication failed: %s",
             scram_result_name(r));
    c->proxy->stats.conns_rejected++;
    switch (r) {
    case SCRAM_RES_MALFORMED:
    case SCRAM_RES_PROTOCOL:
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "malformed SCRAM message");
        break;
    case SCRAM_RES_CBIND_MISMATCH:
        /* A downgrade ('y' while PLUS was offered) or binding data that
         * is not our certificate's: PostgreSQL's words and code (28000). */
        conn_fail(c, SQLSTATE_INVALID_AUTHORIZATION,
                  at_first ? "SCRAM channel binding negotiation error"
                           : "SCRAM channel binding check failed");
        break;
    case SCRAM_RES_UNSUPPORTED:
        conn_fail(c, SQLSTATE_FEATURE_NOT_SUPPORTED,
                  "client uses authorization identity, but it is not supported");
        break;
    case SCRAM_RES_INTERNAL:
        conn_fail(c, SQLSTATE_INTERNAL_ERROR, "could not run SCRAM authentication");
        break;
    default:
        conn_fail(c, SQLSTATE_INVALID_PASSWORD, "password authentication failed for user \"%s\"",
                  c->user);
        break;
    }
}

/* SASLInitialResponse: mechanism and client-first -> server-first. */
static void passthrough_first(struct conn *c, const uint8_t *msg, size_t len)
{
    struct passthrough *pt = c->scram;
    const char *mech;
    const uint8_t *data;
    int32_t data_len;
    if (!wire_parse_sasl_initial(msg, len, &mech, &data, &data_len) || data_len < 0) {
        passthrough_refuse(c, SCRAM_RES_MALFORMED, true);
        return;
    }
    char *sf = NULL;
    size_t sf_len = 0;
    enum scram_result r =
        scram_server_first(pt->srv, mech, (const char *)data, (size_t)data_len, &sf, &sf_len);
    if (r != SCRAM_RES_OK) {
        passthrough_refuse(c, r, true);
        return;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)sf, sf_len);
    free(sf);
    if (!passthrough_send(c, &w))
        return;
    pt->sent_first = true;
    pt->client_plus = strcmp(mech, SCRAM_MECH_PLUS) == 0;
    c->last_auth_code = WIRE_AUTH_SASL_CONTINUE;
}

/* SASLResponse: client-final -> server-final and the ClientKey; then the
 * server's turn. */
static void passthrough_final(struct conn *c, const uint8_t *msg, size_t len)
{
    struct passthrough *pt = c->scram;
    const uint8_t *data;
    size_t data_len;
    if (!scram_parse_sasl_response(msg, len, &data, &data_len)) {
        passthrough_refuse(c, SCRAM_RES_MALFORMED, false);
        return;
    }
    char *sf = NULL;
    size_t sf_len = 0;
    enum scram_result r = scram_server_final(pt->srv, (const char *)data, data_len, &sf, &sf_len,
                                             pt->keys.client_key);
    scram_server_free(pt->srv);
    pt->srv = NULL;
    if (r != SCRAM_RES_OK) {
        passthrough_refuse(c, r, false);
        return;
    }
    pt->proven = true;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_auth_sasl_final(&w, (const uint8_t *)sf, sf_len);
    free(sf);
    if (!passthrough_send(c, &w))
        return;
    /* The client waits for AuthenticationOk, which comes once the server
     * accepted our own login; what it pipelines meanwhile waits too. */
    c->last_auth_code = WIRE_AUTH_OK;
    log_conn(c, LOG_LVL_DEBUG,
             "SCRAM pass-through: client authenticated; logging in to the server");
    conn_set_state(c, CONN_CONNECTING);
    conn_update_io(c);
    backend_connect(c);
}

void passthrough_client_input(struct conn *c)
{
    struct evbuffer *in = bufferevent_get_input(c->client);
    if (c->state == CONN_CLIENT_AUTH && c->scram->lookup != NULL) {
        /* Nothing is due from the client before AuthenticationSASL: keep
         * what came (bounded) for when the lookup ends. */
        if (evbuffer_get_length(in) > SCRAM_MAX_MESSAGE_LEN) {
            c->proxy->stats.conns_rejected++;
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "unexpected data before authentication");
        }
        return;
    }
    while (c->state == CONN_CLIENT_AUTH) {
        size_t avail = evbuffer_get_length(in);
        uint8_t hdr[WIRE_HEADER_LEN];
        if (avail < sizeof hdr)
            return;
        evbuffer_copyout(in, hdr, sizeof hdr);
        struct wire_frame f;
        enum wire_frame_result fr =
            wire_frame_peek(WIRE_FRONTEND, hdr, sizeof hdr, SIZE_MAX, SCRAM_MAX_MESSAGE_LEN, &f);
        if (fr != WIRE_FRAME_OK) {
            c->proxy->stats.conns_rejected++;
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid SASL message from the client");
            return;
        }
        if (avail < f.total)
            return;
        /* Taken out with its input chunks wiped: a client-final's proof
         * and the verifier give the ClientKey (secret.h). */
        uint8_t *msg;
        if (!secret_take(in, f.total, &msg)) {
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return;
        }
        c->bytes_in += f.total;
        if (f.type == WIRE_F_TERMINATE) {
            secret_free(msg, f.total);
            c->terminated = 1;
            conn_close(c, "client terminated during authentication");
            return;
        }
        if (f.type != WIRE_F_PASSWORD) {
            secret_free(msg, f.total);
            c->proxy->stats.conns_rejected++;
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "expected SASL response, got message type %d",
                      f.type);
            return;
        }
        if (!c->scram->sent_first)
            passthrough_first(c, msg, f.total);
        else
            passthrough_final(c, msg, f.total);
        secret_free(msg, f.total);
    }
}

bool passthrough_server_auth(struct conn *c, const uint8_t *msg, size_t len,
                             struct evbuffer *to_client)
{
    struct passthrough *pt = c->scram;
    SSL *ssl = c->backend_tls ? bufferevent_openssl_get_ssl(c->backend) : NULL;
    struct wire_writer w;
    wire_writer_init(&w);
    const char *sqlstate = SQLSTATE_INVALID_AUTHORIZATION;
    char err[256];
    enum scram_login_step st =
        scram_login_on_auth(&pt->login, msg, len, ssl, &w, &sqlstate, err, sizeof err);
    switch (st) {
    case SCRAM_LOGIN_REPLY:
        if (!wire_writer_ok(&w)) {
            wire_writer_free(&w);
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return false;
        }
        /* By reference: no unwiped copy in the output's chunks. */
        if (!secret_send_copy(bufferevent_get_output(c->backend), w.buf, w.len)) {
            OPENSSL_cleanse(w.buf, w.len);
            wire_writer_free(&w);
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return false;
        }
        if (pt->login.cli != NULL)
            pt->server_mech = scram_client_mechanism(pt->login.cli);
        OPENSSL_cleanse(w.buf, w.len); /* a client-final holds a proof */
        wire_writer_free(&w);
        c->auth_challenged = 1;
        return true;
    case SCRAM_LOGIN_WAIT:
        wire_writer_free(&w);
        return true;
    case SCRAM_LOGIN_DONE:
        wire_writer_free(&w);
        scram_login_clear(&pt->login);
        wire_writer_init(&w);
        wire_build_auth_ok(&w);
        if (wire_writer_ok(&w)) {
            evbuffer_add(to_client, w.buf, w.len);
            c->bytes_out += w.len;
        }
        wire_writer_free(&w);
        log_conn(c, LOG_LVL_INFO, "SCRAM pass-through: client %s, server %s (verifier from the %s)",
                 pt->client_plus ? SCRAM_MECH_PLUS : SCRAM_MECH,
                 pt->server_mech ? pt->server_mech : "trust", pt->source);
        return true;
    case SCRAM_LOGIN_FAILED:
        break;
    }
    wire_writer_free(&w);
    log_conn(c, LOG_LVL_WARNING, "SCRAM pass-through: login to the server failed: %s", err);
    scram_login_clear(&pt->login);
    if (strcmp(sqlstate, SQLSTATE_INVALID_PASSWORD) == 0)
        conn_fail(c, sqlstate, "password authentication failed for user \"%s\"", c->user);
    else
        conn_fail(c, sqlstate, "cutover could not log in to the server as \"%s\": %s", c->user,
                  err);
    return false;
}
