/*
 * relay.c: the two framers. Each loop peeks a 5-byte header, validates it,
 * and either pulls the message up whole (inspected types) or streams it,
 * remembering how many bytes of it are still to come (fe_remaining,
 * be_remaining) so that a 1 GB DataRow or CopyData moves chunk by chunk.
 */
#include "proxy/relay.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/sqlstate.h"
#include "protocol/writer.h"
#include "proxy/barrier.h"
#include "proxy/cancel.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/route.h"
#include "proxy/subscribe.h"
#include "proxy/subscribe_cursor.h"
#include "proxy/subscribe_upstream.h"
#include "proxy/swapwatch.h"

bool relay_starts_statement(uint8_t type)
{
    switch (type) {
    case WIRE_F_QUERY:
    case WIRE_F_PARSE:
    case WIRE_F_BIND:
    case WIRE_F_EXECUTE:
    case WIRE_F_DESCRIBE:
    case WIRE_F_CLOSE:
    case WIRE_F_FUNCTION_CALL:
        return true;
    default:
        return false;
    }
}

/* Moves up to `*remaining` bytes; returns false when the source ran dry. */
static bool relay_stream(struct evbuffer *in, struct evbuffer *out, size_t *remaining,
                         uint64_t *counter, uint64_t *total)
{
    size_t avail = evbuffer_get_length(in);
    size_t n = *remaining < avail ? *remaining : avail;
    if (n > 0) {
        evbuffer_remove_buffer(in, out, n);
        *remaining -= n;
        *counter += n;
        *total += n;
    }
    return *remaining == 0;
}

static const char *relay_frame_error(enum wire_frame_result r)
{
    switch (r) {
    case WIRE_FRAME_MALFORMED:
        return "invalid message length";
    case WIRE_FRAME_TOO_LARGE:
        return "message too large";
    case WIRE_FRAME_UNKNOWN_TYPE:
        return "invalid message type";
    case WIRE_FRAME_NEED_MORE:
    case WIRE_FRAME_OK:
        break;
    }
    return "invalid message";
}

/*
 * Peeks the next message header in `in`. Returns 1 with *f filled, 0 when
 * fewer than 5 bytes are buffered, -1 after failing the conn.
 */
static int relay_peek(struct conn *c, enum wire_direction dir, struct evbuffer *in,
                      struct wire_frame *f)
{
    size_t avail = evbuffer_get_length(in);
    if (avail < WIRE_HEADER_LEN)
        return 0;
    uint8_t hdr[WIRE_HEADER_LEN];
    evbuffer_copyout(in, hdr, sizeof hdr);
    /* avail = SIZE_MAX: judge the header alone; completeness is ours to check. */
    enum wire_frame_result r =
        wire_frame_peek(dir, hdr, sizeof hdr, SIZE_MAX, c->proxy->cfg->max_message_size, f);
    if (r == WIRE_FRAME_OK)
        return 1;
    const char *who = dir == WIRE_FRONTEND ? "client" : "server";
    log_conn(c, LOG_LVL_WARNING, "%s sent bad header %02x %02x %02x %02x %02x (%s, limit %zu)", who,
             hdr[0], hdr[1], hdr[2], hdr[3], hdr[4], wire_frame_result_name(r),
             c->proxy->cfg->max_message_size);
    if (dir == WIRE_FRONTEND)
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "%s (type 0x%02x)", relay_frame_error(r), hdr[0]);
    else
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid message from server: %s (type 0x%02x)",
                  relay_frame_error(r), hdr[0]);
    return -1;
}

static bool relay_tracks_subscribe(const struct conn *c);
static void relay_track_query(struct conn *c, const uint8_t *msg, size_t len, const char *sent,
                              size_t sent_len);

/* Sends a Query or Parse through the session's name map. */
static bool relay_forward_statement(struct conn *c, const uint8_t *msg, size_t len,
                                    struct evbuffer *out)
{
    struct proxy *p = c->proxy;
    p->stats.queries++;
    p->stats.queries_by_route[c->route]++;
    if (c->names == NULL) {
        evbuffer_add(out, msg, len);
        return true;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    char *sql_out = NULL;
    size_t sql_out_len = 0;
    enum route_sql_result rr;
    if (msg[0] == WIRE_F_QUERY) {
        const char *sql;
        size_t sql_len;
        if (!wire_parse_query(msg, len, &sql, &sql_len)) {
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid Query message");
            return false;
        }
        rr = route_rewrite_sql(c->names, sql, sql_len, &sql_out, &sql_out_len);
        if (rr == ROUTE_SQL_CHANGED)
            wire_build_query_n(&w, sql_out, sql_out_len);
        if (c->proxy->cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE)
            subscribe_on_statement(c, sql, sql_len, rr == ROUTE_SQL_CHANGED ? sql_out : sql,
                                   rr == ROUTE_SQL_CHANGED ? sql_out_len : sql_len);
    } else {
        struct wire_parse_msg pm;
        if (!wire_parse_parse(msg, len, &pm)) {
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid Parse message");
            return false;
        }
        rr = route_rewrite_sql(c->names, pm.sql, pm.sql_len, &sql_out, &sql_out_len);
        if (rr == ROUTE_SQL_CHANGED)
            wire_build_parse(&w, pm.name, sql_out, sql_out_len, pm.nparam_types, pm.param_types);
        if (c->proxy->cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE)
            subscribe_on_statement(c, pm.sql, pm.sql_len,
                                   rr == ROUTE_SQL_CHANGED ? sql_out : pm.sql,
                                   rr == ROUTE_SQL_CHANGED ? sql_out_len : pm.sql_len);
    }
    free(sql_out);
    if (rr == ROUTE_SQL_NOMEM || (rr == ROUTE_SQL_CHANGED && !wire_writer_ok(&w))) {
        wire_writer_free(&w);
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory rewriting a statement");
        return false;
    }
    if (rr == ROUTE_SQL_CHANGED) {
        p->stats.queries_rewritten++;
        evbuffer_add(out, w.buf, w.len);
    } else {
        evbuffer_add(out, msg, len);
    }
    wire_writer_free(&w);
    return true;
}

/* Materialize sessions: SUBSCRIBE tracking looks at each Query's text. */
static bool relay_tracks_subscribe(const struct conn *c)
{
    return c->proxy->cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE;
}

/* Hands a Query or Parse (as the client sent it, and as forwarded) to the
 * tracker. The extended protocol's SUBSCRIBE (Parse, Bind, Describe,
 * Execute, Sync: what psycopg's stream() sends) streams like the plain form:
 * RowDescription, DataRows, then CommandComplete and ReadyForQuery. */
static void relay_track_query(struct conn *c, const uint8_t *msg, size_t len, const char *sent,
                              size_t sent_len)
{
    const char *sql;
    size_t sql_len;
    struct wire_parse_msg pm;
    if (msg[0] == WIRE_F_PARSE && wire_parse_parse(msg, len, &pm)) {
        sql = pm.sql;
        sql_len = pm.sql_len;
    } else if (msg[0] != WIRE_F_QUERY || !wire_parse_query(msg, len, &sql, &sql_len)) {
        return;
    }
    if (sent == NULL) {
        sent = sql;
        sent_len = sql_len;
    }
    subscribe_on_statement(c, sql, sql_len, sent, sent_len);
}

/* Statements of this session are looked at for a deployment swap: a
 * deployment is configured and the route renames nothing (on the deploy
 * route a swap of a name with its twin is rewritten into a self-swap:
 * docs/rewriting.md). */
static bool relay_watches_swaps(const struct conn *c)
{
    const struct config *cfg = c->proxy->cfg;
    return c->names == NULL && (cfg->nschemas > 0 || cfg->nclusters > 0);
}

enum relay_swap_verdict {
    RELAY_SWAP_GO,   /* forward the statement */
    RELAY_SWAP_WAIT, /* a swap waiting for the others: c is HELD */
    RELAY_SWAP_FAIL, /* c failed */
};

/* A whole Query or Parse: does it swap the deployment? */
static enum relay_swap_verdict relay_watch_swap(struct conn *c, const struct wire_frame *f,
                                                struct evbuffer *in)
{
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f->total);
    if (msg == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return RELAY_SWAP_FAIL;
    }
    const char *sql = NULL;
    size_t sql_len = 0;
    struct wire_parse_msg pm;
    if (f->type == WIRE_F_QUERY && wire_parse_query(msg, f->total, &sql, &sql_len)) {
        /* sql set */
    } else if (f->type == WIRE_F_PARSE && wire_parse_parse(msg, f->total, &pm)) {
        sql = pm.sql;
        sql_len = pm.sql_len;
    } else {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid %s message",
                  wire_type_name(WIRE_FRONTEND, f->type));
        return RELAY_SWAP_FAIL;
    }
    if (swapwatch_is_deployment_swap(c->proxy, sql, sql_len) &&
        swapwatch_begin(c->proxy, c, c->state == CONN_IDLE))
        return RELAY_SWAP_WAIT;
    return RELAY_SWAP_GO;
}

/* A statement begins outside a transaction: take the current routing table. */
static bool relay_refresh_routing(struct conn *c)
{
    struct routing_table *cur = c->proxy->routes;
    if (c->table == cur)
        return true;
    if (!cur->routes[c->route].available) {
        conn_fail(c, SQLSTATE_ROUTE_UNAVAILABLE, "route \"%s\" is no longer available",
                  route_name(c->route));
        return false;
    }
    routing_table_unref(c->table);
    c->table = routing_table_ref(cur);
    c->generation = cur->generation;
    c->names = cur->routes[c->route].map;
    return true;
}

void relay_client_input(struct conn *c)
{
    if (c->in_relay || c->backend == NULL)
        return;
    c->in_relay = 1;
    struct proxy *p = c->proxy;
    size_t limit = p->cfg->buffer_limit;
    struct evbuffer *in = bufferevent_get_input(c->client);
    struct evbuffer *out = bufferevent_get_output(c->backend);
    while (c->state == CONN_AUTH || c->state == CONN_IDLE || c->state == CONN_ACTIVE) {
        if (c->fe_remaining > 0) {
            if (!relay_stream(in, out, &c->fe_remaining, &c->bytes_in,
                              &p->stats.bytes_client_to_backend))
                break;
            continue;
        }
        if (evbuffer_get_length(out) >= limit)
            break;
        struct wire_frame f;
        int pr = relay_peek(c, WIRE_FRONTEND, in, &f);
        if (pr <= 0)
            break;
        size_t avail = evbuffer_get_length(in);
        /* A SUBSCRIBE being carried over owns the session until it ends:
         * what the client sends meanwhile waits (Terminate goes through). */
        if (c->sub != NULL && f.type != WIRE_F_TERMINATE && subscribe_upstream_holds_client(c))
            break;
        /* A SUBSCRIBE cursor: its FETCHes are noted, and answered here once
         * it is carried over (subscribe_cursor.c). */
        if (c->sub != NULL && c->state != CONN_AUTH) {
            enum subcur_verdict v = subscribe_cursor_client(c, &f, in);
            if (v == SUBCUR_WAIT)
                break;
            if (v == SUBCUR_CONSUMED)
                continue;
        }

        if (c->state == CONN_AUTH) {
            /* Only authentication responses (and Terminate) before ReadyForQuery. */
            if (f.type == WIRE_F_TERMINATE) {
                c->terminated = 1;
                c->fe_remaining = f.total;
                continue;
            }
            if (f.type != WIRE_F_PASSWORD) {
                /* With a challenge pending only its answer may come; otherwise
                 * (trust, or authenticated and waiting for ReadyForQuery) a
                 * pipelining client's statements wait in the input buffer
                 * until the session is IDLE, as the server would make them. */
                if (c->last_auth_code > WIRE_AUTH_OK) {
                    conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION,
                              "expected authentication response, got message type 0x%02x", f.type);
                }
                break;
            }
            if (avail < f.total)
                break;
            const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f.total);
            const char *password;
            if (c->last_auth_code == WIRE_AUTH_CLEARTEXT &&
                wire_parse_password(msg, f.total, &password))
                conn_keep_password(c, password);
            c->fe_remaining = f.total;
            continue;
        }

        if (relay_starts_statement(f.type) && c->state == CONN_IDLE && !c->in_tx) {
            if (p->barrier.raised && !swapwatch_passes(p, c)) {
                barrier_hold(p, c);
                break;
            }
            if (!relay_refresh_routing(c))
                break;
        }
        /* Routed: a deployment swap may now wait for the others (swapwatch.h). */
        if ((f.type == WIRE_F_QUERY || f.type == WIRE_F_PARSE) && relay_watches_swaps(c)) {
            if (avail < f.total)
                break; /* wait for the whole statement */
            if (relay_watch_swap(c, &f, in) != RELAY_SWAP_GO)
                break;
        }
        if (relay_starts_statement(f.type) && c->state == CONN_IDLE)
            conn_set_state(c, CONN_ACTIVE);

        switch (f.type) {
        case WIRE_F_QUERY:
        case WIRE_F_PARSE: {
            if (c->names == NULL) {
                /* Nothing to rename on this route: stream it like the rest. */
                if (relay_tracks_subscribe(c)) {
                    if (avail < f.total)
                        goto out; /* wait for the whole statement */
                    const uint8_t *qm = evbuffer_pullup(in, (ev_ssize_t)f.total);
                    if (qm == NULL) {
                        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
                        goto out;
                    }
                    relay_track_query(c, qm, f.total, NULL, 0);
                }
                p->stats.queries++;
                p->stats.queries_by_route[c->route]++;
                if (f.type == WIRE_F_QUERY)
                    c->pending_sync++;
                break;
            }
            if (f.total > p->cfg->max_rewrite_size) {
                /* Refused before it is buffered: the rewriter would hold 16x it. */
                conn_fail(c, SQLSTATE_PROGRAM_LIMIT_EXCEEDED,
                          "statement of %zu bytes exceeds the limit of %zu bytes for statements "
                          "on a renaming route ([deployment] max_rewrite_size)",
                          f.total, p->cfg->max_rewrite_size);
                goto out;
            }
            if (avail < f.total)
                goto out; /* wait for the whole statement */
            const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f.total);
            if (msg == NULL) {
                conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
                goto out;
            }
            if (!relay_forward_statement(c, msg, f.total, out))
                goto out;
            evbuffer_drain(in, f.total);
            c->bytes_in += f.total;
            p->stats.bytes_client_to_backend += f.total;
            if (f.type == WIRE_F_QUERY)
                c->pending_sync++;
            continue;
        }
        case WIRE_F_SYNC:
        case WIRE_F_FUNCTION_CALL:
            c->pending_sync++;
            break;
        case WIRE_F_TERMINATE:
            c->terminated = 1;
            break;
        case WIRE_F_COPY_DONE:
        case WIRE_F_COPY_FAIL:
            c->in_copy = 0;
            break;
        default:
            break;
        }
        c->fe_remaining = f.total;
    }
out:
    c->in_relay = 0;
    conn_update_io(c);
}

/* BackendKeyData: remember the server's key, give the client cutover's own. */
static bool relay_backend_key(struct conn *c, const uint8_t *msg, size_t len, struct evbuffer *out)
{
    uint32_t pid, key;
    if (!wire_parse_backend_key(msg, len, &pid, &key)) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid BackendKeyData from server");
        return false;
    }
    c->backend_pid = pid;
    c->backend_key = key;
    c->have_backend_key = true;
    if (!cancel_register(c->proxy, c)) {
        conn_fail(c, SQLSTATE_INTERNAL_ERROR, "could not generate a cancel key");
        return false;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_backend_key(&w, c->proxy_pid, c->proxy_key);
    bool ok = wire_writer_ok(&w);
    if (ok)
        evbuffer_add(out, w.buf, w.len);
    wire_writer_free(&w);
    if (!ok)
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
    return ok;
}

/* Authentication: note the code; keep channel binding out (we terminate TLS). */
static bool relay_auth(struct conn *c, const uint8_t *msg, size_t len, struct evbuffer *out)
{
    int32_t code;
    const uint8_t *data;
    size_t data_len;
    if (!wire_parse_auth(msg, len, &code, &data, &data_len)) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid Authentication message from server");
        return false;
    }
    c->last_auth_code = code;
    if (code != WIRE_AUTH_OK)
        c->auth_challenged = 1;
    if (code == WIRE_AUTH_SASL) {
        struct wire_writer w;
        wire_writer_init(&w);
        if (wire_rewrite_sasl_mechs_without_plus(msg, len, &w) && wire_writer_ok(&w)) {
            evbuffer_add(out, w.buf, w.len);
            wire_writer_free(&w);
            return true;
        }
        wire_writer_free(&w);
    }
    evbuffer_add(out, msg, len);
    return true;
}

static void relay_ready_tx(struct conn *c, uint8_t tx);

/* ReadyForQuery: transaction status and the end of a statement. */
static bool relay_ready(struct conn *c, const uint8_t *msg, size_t len)
{
    uint8_t tx;
    if (!wire_parse_ready(msg, len, &tx)) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid ReadyForQuery from server");
        return false;
    }
    relay_ready_tx(c, tx);
    return true;
}

void relay_ready_status(struct conn *c, uint8_t tx)
{
    if (c->state != CONN_IDLE && c->state != CONN_ACTIVE && c->state != CONN_HELD)
        return;
    relay_ready_tx(c, tx);
    /* Statements the client sent while the carried stream ran can go now. */
    if (c->state == CONN_IDLE)
        relay_client_input(c);
    conn_update_io(c);
}

static void relay_ready_tx(struct conn *c, uint8_t tx)
{
    if (c->pending_sync > 0)
        c->pending_sync--;
    c->in_copy = 0;
    if (c->state == CONN_AUTH) {
        /* Authenticated: the startup timeout no longer applies. */
        evtimer_del(c->timer);
        log_conn(c, LOG_LVL_DEBUG, "authenticated");
        conn_set_in_tx(c, tx != WIRE_TX_IDLE);
        conn_set_state(c, CONN_IDLE);
        /* Statements a client pipelined behind its startup can go now. */
        c->kick_client = 1;
        return;
    }
    conn_set_in_tx(c, tx != WIRE_TX_IDLE);
    if (c->state == CONN_ACTIVE && c->pending_sync == 0)
        conn_set_state(c, CONN_IDLE);
    swapwatch_ready(c->proxy, c, tx);
}

void relay_backend_input(struct conn *c)
{
    if (c->in_relay_be || c->backend == NULL || c->client == NULL)
        return;
    c->in_relay_be = 1;
    struct proxy *p = c->proxy;
    size_t limit = p->cfg->buffer_limit;
    struct evbuffer *in = bufferevent_get_input(c->backend);
    struct evbuffer *out = bufferevent_get_output(c->client);
    while (c->state == CONN_AUTH || c->state == CONN_IDLE || c->state == CONN_ACTIVE ||
           c->state == CONN_HELD) {
        if (c->be_remaining > 0) {
            if (!relay_stream(in, out, &c->be_remaining, &c->bytes_out,
                              &p->stats.bytes_backend_to_client))
                break;
            continue;
        }
        if (evbuffer_get_length(out) >= limit)
            break;
        struct wire_frame f;
        int pr = relay_peek(c, WIRE_BACKEND, in, &f);
        if (pr <= 0)
            break;
        bool whole = false;
        switch (f.type) {
        case WIRE_B_AUTH:
        case WIRE_B_BACKEND_KEY:
        case WIRE_B_PARAM_STATUS:
        case WIRE_B_READY:
        case WIRE_B_ERROR:
            whole = true;
            break;
        case WIRE_B_COPY_IN:
        case WIRE_B_COPY_OUT:
        case WIRE_B_COPY_BOTH:
            c->in_copy = 1;
            break;
        case WIRE_B_COMMAND_COMPLETE:
            c->in_copy = 0;
            break;
        default:
            break;
        }
        /* Zero cost without a live subscription: one pointer test. */
        if (c->sub != NULL && subscribe_wants(c, f.type))
            whole = true;
        /* A watched swap transaction: did it commit? */
        if (f.type == WIRE_B_COMMAND_COMPLETE && swapwatch_wants(p, c))
            whole = true;
        if (!whole) {
            c->be_remaining = f.total;
            continue;
        }
        if (evbuffer_get_length(in) < f.total)
            break;
        const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f.total);
        if (msg == NULL) {
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            break;
        }
        if (c->sub != NULL && !subscribe_on_backend(c, msg, f.total)) {
            /* Consumed by a carry-over (the old stream after the switch). */
            evbuffer_drain(in, f.total);
            if (c->state == CONN_CLOSING)
                break;
            continue;
        }
        bool ok = true;
        bool forward = true;
        switch (f.type) {
        case WIRE_B_AUTH:
            ok = relay_auth(c, msg, f.total, out);
            forward = false;
            break;
        case WIRE_B_BACKEND_KEY:
            ok = relay_backend_key(c, msg, f.total, out);
            forward = false;
            break;
        case WIRE_B_PARAM_STATUS: {
            const char *name, *value;
            if (wire_parse_parameter_status(msg, f.total, &name, &value))
                conn_set_param(c, name, value);
            break;
        }
        case WIRE_B_READY:
            ok = relay_ready(c, msg, f.total);
            break;
        case WIRE_B_ERROR:
            p->stats.errors++;
            swapwatch_backend(p, c, msg, f.total);
            break;
        case WIRE_B_COMMAND_COMPLETE:
            swapwatch_backend(p, c, msg, f.total);
            break;
        default:
            break;
        }
        if (!ok)
            break;
        if (forward)
            evbuffer_add(out, msg, f.total);
        evbuffer_drain(in, f.total);
        c->bytes_out += f.total;
        p->stats.bytes_backend_to_client += f.total;
    }
    c->in_relay_be = 0;
    if (c->kick_client && c->state == CONN_IDLE) {
        c->kick_client = 0;
        relay_client_input(c);
    }
    conn_update_io(c);
}
