/*
 * relay.c: a session's two message loops, client to backend and backend to
 * client. Each peeks a 5-byte header with protocol/frame.h and either pulls
 * the message up whole (the types the relay or a feature inspects) or
 * streams it, remembering how many bytes of it are still to come
 * (fe_remaining, be_remaining) so that a 1 GB DataRow or CopyData moves
 * chunk by chunk; consecutive messages that need no inspection stream as
 * one run (relay_backend_run, relay_client_run). On the way it takes the current
 * routing table at a statement boundary outside a transaction, renames
 * statements through the route's map, holds them at a raised barrier, and
 * keeps the session's state (authentication, BackendKeyData,
 * ParameterStatus, ReadyForQuery). Session features (SUBSCRIBE carry-over,
 * swap watching) are reached only through the hook table in feature.h.
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
#include "proxy/feature.h"
#include "proxy/log.h"
#include "proxy/passthrough.h"
#include "proxy/proxy.h"
#include "proxy/route.h"
#include "proxy/secret.h"

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

/* A whole Query or Parse, and the SQL it carries. */
struct relay_statement {
    uint8_t type;             /* WIRE_F_QUERY or WIRE_F_PARSE */
    const char *sql;          /* points into the message; not NUL-terminated */
    size_t sql_len;           /* bytes of sql */
    struct wire_parse_msg pm; /* the whole Parse (type PARSE only) */
};

/* The one place that takes a statement's SQL out of a Query or Parse.
 * False when `msg` is neither, or is malformed. */
static bool relay_statement_parse(const uint8_t *msg, size_t len, struct relay_statement *st)
{
    st->type = msg[0];
    if (st->type == WIRE_F_QUERY)
        return wire_parse_query(msg, len, &st->sql, &st->sql_len);
    if (st->type == WIRE_F_PARSE && wire_parse_parse(msg, len, &st->pm)) {
        st->sql = st->pm.sql;
        st->sql_len = st->pm.sql_len;
        return true;
    }
    return false;
}

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
    struct relay_statement st;
    if (!relay_statement_parse(msg, len, &st)) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid %s message",
                  wire_type_name(WIRE_FRONTEND, msg[0]));
        return false;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    char *sql_out = NULL;
    size_t sql_out_len = 0;
    enum route_sql_result rr =
        route_rewrite_sql(c->names, st.sql, st.sql_len, &sql_out, &sql_out_len);
    if (rr == ROUTE_SQL_CHANGED && st.type == WIRE_F_QUERY)
        wire_build_query_n(&w, sql_out, sql_out_len);
    else if (rr == ROUTE_SQL_CHANGED)
        wire_build_parse(&w, st.pm.name, sql_out, sql_out_len, st.pm.nparam_types,
                         st.pm.param_types);
    if (feature_tracks_statements(c))
        feature_on_statement(c, st.sql, st.sql_len, rr == ROUTE_SQL_CHANGED ? sql_out : st.sql,
                             rr == ROUTE_SQL_CHANGED ? sql_out_len : st.sql_len);
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

/* Hands a Query or Parse forwarded as the client sent it to the features
 * that track statements. The extended protocol's SUBSCRIBE (Parse, Bind,
 * Describe, Execute, Sync: what psycopg's stream() sends) streams like the
 * plain form: RowDescription, DataRows, then CommandComplete and
 * ReadyForQuery. */
static void relay_track_query(struct conn *c, const uint8_t *msg, size_t len)
{
    struct relay_statement st;
    if (relay_statement_parse(msg, len, &st))
        feature_on_statement(c, st.sql, st.sql_len, st.sql, st.sql_len);
}

enum relay_admit_verdict {
    RELAY_ADMIT_GO,   /* forward the statement */
    RELAY_ADMIT_WAIT, /* a feature holds it (a deployment swap waiting: c is HELD) */
    RELAY_ADMIT_FAIL, /* c failed */
};

/* A whole Query or Parse, routed: may it start now (feature.h admit_statement)? */
static enum relay_admit_verdict relay_admit_statement(struct conn *c, const struct wire_frame *f,
                                                      struct evbuffer *in)
{
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f->total);
    if (msg == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return RELAY_ADMIT_FAIL;
    }
    struct relay_statement st;
    if (!relay_statement_parse(msg, f->total, &st)) {
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION, "invalid %s message",
                  wire_type_name(WIRE_FRONTEND, f->type));
        return RELAY_ADMIT_FAIL;
    }
    switch (feature_admit_statement(c, st.sql, st.sql_len)) {
    case FEATURE_PASS:
    case FEATURE_CONSUMED:
        break;
    case FEATURE_WAIT:
        return RELAY_ADMIT_WAIT;
    case FEATURE_FAILED:
        return RELAY_ADMIT_FAIL;
    }
    return RELAY_ADMIT_GO;
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

/* What a step of relay_client_input()'s loop says to do next. */
enum relay_step {
    RELAY_NEXT,   /* the message was handled: on to the next */
    RELAY_STREAM, /* stream the message as is (fe_remaining = its length) */
    RELAY_STOP,   /* leave the loop: wait for bytes or a state change, or c failed */
};

/* Before ReadyForQuery: only authentication responses (and Terminate). */
static enum relay_step relay_client_auth(struct conn *c, const struct wire_frame *f,
                                         struct evbuffer *in)
{
    if (f->type == WIRE_F_TERMINATE) {
        c->terminated = 1;
        return RELAY_STREAM;
    }
    if (f->type != WIRE_F_PASSWORD) {
        /* With a challenge pending only its answer may come; otherwise
         * (trust, or authenticated and waiting for ReadyForQuery) a
         * pipelining client's statements wait in the input buffer
         * until the session is IDLE, as the server would make them. */
        if (c->last_auth_code > WIRE_AUTH_OK) {
            conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION,
                      "expected authentication response, got message type 0x%02x", f->type);
        }
        return RELAY_STOP;
    }
    if (c->scram != NULL) {
        /* The client authenticated to cutoverd, which logs in itself. */
        conn_fail(c, SQLSTATE_PROTOCOL_VIOLATION,
                  "unexpected authentication message: the client is authenticated");
        return RELAY_STOP;
    }
    if (evbuffer_get_length(in) < f->total)
        return RELAY_STOP;
    /* A password, an MD5 hash or a SCRAM proof: moved whole, with its
     * bytes wiped from the input chunks and sent from memory that is wiped
     * once written (secret.h), never streamed through chunks freed unwiped. */
    uint8_t *msg;
    if (!secret_take(in, f->total, &msg)) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return RELAY_STOP;
    }
    const char *password;
    if (c->last_auth_code == WIRE_AUTH_CLEARTEXT && conn_password_useful(c) &&
        wire_parse_password(msg, f->total, &password))
        conn_keep_password(c, password);
    c->bytes_in += f->total;
    c->proxy->stats.bytes_client_to_backend += f->total;
    if (!secret_send(bufferevent_get_output(c->backend), msg, f->total)) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return RELAY_STOP;
    }
    return RELAY_NEXT;
}

/* A message that may start a statement: the barrier, the routing table, the
 * features' admission, then ACTIVE. False to leave the loop. */
static bool relay_client_admit(struct conn *c, const struct wire_frame *f, struct evbuffer *in)
{
    struct proxy *p = c->proxy;
    if (relay_starts_statement(f->type) && c->state == CONN_IDLE && !c->in_tx) {
        if (p->barrier.raised && !feature_passes_barrier(c)) {
            barrier_hold(p, c);
            return false;
        }
        if (!relay_refresh_routing(c))
            return false;
    }
    /* Routed: a feature may now hold the statement (a deployment swap
     * waits for the others, swapwatch.h). */
    if ((f->type == WIRE_F_QUERY || f->type == WIRE_F_PARSE) && feature_admits_statements(c)) {
        if (evbuffer_get_length(in) < f->total)
            return false; /* wait for the whole statement */
        if (relay_admit_statement(c, f, in) != RELAY_ADMIT_GO)
            return false;
    }
    if (relay_starts_statement(f->type) && c->state == CONN_IDLE)
        conn_set_state(c, CONN_ACTIVE);
    return true;
}

/* A Query or Parse streamed as the client sent it. */
static void relay_count_streamed_statement(struct conn *c, uint8_t type)
{
    c->proxy->stats.queries++;
    c->proxy->stats.queries_by_route[c->route]++;
    if (type == WIRE_F_QUERY)
        c->pending_sync++;
}

/* A Query or Parse, admitted: streamed when the route renames nothing (and
 * no feature tracks statements), else pulled up whole and forwarded through
 * the route's name map. */
static enum relay_step relay_client_statement(struct conn *c, const struct wire_frame *f,
                                              struct evbuffer *in, struct evbuffer *out)
{
    struct proxy *p = c->proxy;
    size_t avail = evbuffer_get_length(in);
    if (c->names == NULL) {
        /* Nothing to rename on this route: stream it like the rest. */
        if (feature_tracks_statements(c)) {
            if (avail < f->total)
                return RELAY_STOP; /* wait for the whole statement */
            const uint8_t *qm = evbuffer_pullup(in, (ev_ssize_t)f->total);
            if (qm == NULL) {
                conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
                return RELAY_STOP;
            }
            relay_track_query(c, qm, f->total);
        }
        relay_count_streamed_statement(c, f->type);
        return RELAY_STREAM;
    }
    if (f->total > p->cfg->max_rewrite_size) {
        /* Refused before it is buffered: the rewriter would hold 16x it. */
        conn_fail(c, SQLSTATE_PROGRAM_LIMIT_EXCEEDED,
                  "statement of %zu bytes exceeds the limit of %zu bytes for statements "
                  "on a renaming route ([deployment] max_rewrite_size)",
                  f->total, p->cfg->max_rewrite_size);
        return RELAY_STOP;
    }
    if (avail < f->total)
        return RELAY_STOP; /* wait for the whole statement */
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f->total);
    if (msg == NULL) {
        conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
        return RELAY_STOP;
    }
    if (!relay_forward_statement(c, msg, f->total, out))
        return RELAY_STOP;
    evbuffer_drain(in, f->total);
    c->bytes_in += f->total;
    p->stats.bytes_client_to_backend += f->total;
    if (f->type == WIRE_F_QUERY)
        c->pending_sync++;
    return RELAY_NEXT;
}

/* One whole-or-streamed client message of an authenticated session, after
 * the features had their say. */
static enum relay_step relay_client_message(struct conn *c, const struct wire_frame *f,
                                            struct evbuffer *in, struct evbuffer *out)
{
    if (!relay_client_admit(c, f, in))
        return RELAY_STOP;
    switch (f->type) {
    case WIRE_F_QUERY:
    case WIRE_F_PARSE:
        return relay_client_statement(c, f, in, out);
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
    return RELAY_STREAM;
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
    bool after_run = false;
    while (c->state == CONN_AUTH || c->state == CONN_IDLE || c->state == CONN_ACTIVE) {
        if (c->fe_remaining > 0) {
            if (!relay_stream(in, out, &c->fe_remaining, &c->bytes_in,
                              &p->stats.bytes_client_to_backend))
                break;
            continue;
        }
        size_t queued = evbuffer_get_length(out);
        if (queued >= limit || evbuffer_get_length(in) < WIRE_HEADER_LEN)
            break;
        /* The messages of a statement under way (a pipeline's Bind, Execute,
         * Sync ...) move as one stream, as the backend's do. Right after a
         * run, what follows it did not join: it is taken one at a time. */
        if (!after_run) {
            size_t run = relay_client_run(c, in, limit - queued);
            if (run > 0) {
                c->fe_remaining = run;
                after_run = true;
                continue;
            }
        }
        after_run = false;
        struct wire_frame f;
        int pr = relay_peek(c, WIRE_FRONTEND, in, &f);
        if (pr <= 0)
            break;
        /* A feature that owns the session for now (a SUBSCRIBE being
         * carried over, until it ends): what the client sends meanwhile
         * waits. Terminate always goes through. */
        if (f.type != WIRE_F_TERMINATE && feature_holds_client(c, f.type))
            break;
        /* A feature may answer a message itself (a carried SUBSCRIBE
         * cursor's FETCHes) or make it wait. */
        if (c->state != CONN_AUTH) {
            enum feature_verdict v = feature_on_client_message(c, &f, in);
            if (v == FEATURE_WAIT || v == FEATURE_FAILED)
                break;
            if (v == FEATURE_CONSUMED)
                continue;
        }
        enum relay_step step = c->state == CONN_AUTH ? relay_client_auth(c, &f, in)
                                                     : relay_client_message(c, &f, in, out);
        if (step == RELAY_STOP)
            break;
        if (step == RELAY_STREAM)
            c->fe_remaining = f.total;
    }
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
    if (c->scram != NULL) /* cutoverd logs in itself: nothing reaches the client */
        return passthrough_server_auth(c, msg, len, out);
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
        /* The server's own list goes through: its -PLUS mechanisms then fail
         * at the server, which says why. */
        log_conn(c, LOG_LVL_WARNING,
                 "SASL mechanism list not rewritten (malformed, only -PLUS mechanisms, or more "
                 "than %d: WIRE_SASL_MAX_MECHS); forwarded as the server sent it",
                 WIRE_SASL_MAX_MECHS);
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

void relay_defer_client_input(struct conn *c)
{
    c->kick_client = 1;
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
        conn_timer_disarm(c);
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
    feature_on_ready(c, tx);
}

/* Notes COPY state from a backend message's type, and says whether the
 * relay itself inspects the message (so pulls it up whole). */
static bool relay_backend_needs_whole(struct conn *c, uint8_t type)
{
    switch (type) {
    case WIRE_B_AUTH:
    case WIRE_B_BACKEND_KEY:
    case WIRE_B_PARAM_STATUS:
    case WIRE_B_READY:
    case WIRE_B_ERROR:
        return true;
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
    return false;
}

/* Whether a backend message is pulled up whole: for the relay or a feature. */
static bool relay_backend_whole(struct conn *c, uint8_t type)
{
    return relay_backend_needs_whole(c, type) || feature_wants_backend_message(c, type);
}

/* A whole backend message the features passed on: handled, and added to
 * `out` unless it was rewritten there (Authentication, BackendKeyData).
 * False after failing c. */
static bool relay_backend_message(struct conn *c, const uint8_t *msg, size_t len,
                                  struct evbuffer *out)
{
    bool ok = true;
    bool forward = true;
    switch (msg[0]) {
    case WIRE_B_AUTH:
        ok = relay_auth(c, msg, len, out);
        forward = false;
        break;
    case WIRE_B_BACKEND_KEY:
        ok = relay_backend_key(c, msg, len, out);
        forward = false;
        break;
    case WIRE_B_PARAM_STATUS: {
        const char *name, *value;
        if (wire_parse_parameter_status(msg, len, &name, &value))
            conn_set_param(c, name, value);
        break;
    }
    case WIRE_B_READY:
        ok = relay_ready(c, msg, len);
        break;
    case WIRE_B_ERROR:
        c->proxy->stats.errors++;
        break;
    default:
        break;
    }
    if (ok && forward)
        evbuffer_add(out, msg, len);
    return ok;
}

/* How many of an input's chunks a run looks at. The conn's reader makes one
 * recv into one reserved region, so a response or a pipeline is in one chunk
 * or two; a run that goes on past these is continued by the next. */
#define RELAY_RUN_CHUNKS 4

/* The first chunks of an evbuffer (evbuffer_peek) and where byte `at` of the
 * buffer is in them, for walking message headers without copying them out. */
struct relay_chunks {
    struct evbuffer_iovec v[RELAY_RUN_CHUNKS];
    int n;       /* chunks peeked */
    int i;       /* the chunk that holds the last position asked for */
    size_t base; /* offset in the buffer of v[i]'s first byte */
};

/* The 5-byte header at offset `at` (not before the last one asked for): a
 * pointer into its chunk, or into `tmp` when it straddles two. NULL when the
 * peeked chunks end before it does. */
static const uint8_t *relay_chunks_header(struct relay_chunks *ch, size_t at,
                                          uint8_t tmp[WIRE_HEADER_LEN])
{
    while (ch->i < ch->n && at - ch->base >= ch->v[ch->i].iov_len) {
        ch->base += ch->v[ch->i].iov_len;
        ch->i++;
    }
    if (ch->i == ch->n)
        return NULL;
    size_t off = at - ch->base;
    const uint8_t *p = ch->v[ch->i].iov_base;
    if (ch->v[ch->i].iov_len - off >= WIRE_HEADER_LEN)
        return p + off;
    size_t got = 0;
    for (int k = ch->i; k < ch->n && got < WIRE_HEADER_LEN; k++) {
        size_t len = ch->v[k].iov_len - off;
        size_t take = len < WIRE_HEADER_LEN - got ? len : WIRE_HEADER_LEN - got;
        memcpy(tmp + got, (const uint8_t *)ch->v[k].iov_base + off, take);
        got += take;
        off = 0;
    }
    return got == WIRE_HEADER_LEN ? tmp : NULL;
}

/* The message of `total` bytes at offset `at` (its header just asked for),
 * when it lies whole in one peeked chunk; else NULL. */
static const uint8_t *relay_chunks_message(const struct relay_chunks *ch, size_t at, size_t total)
{
    size_t off = at - ch->base;
    if (ch->v[ch->i].iov_len - off < total)
        return NULL;
    return (const uint8_t *)ch->v[ch->i].iov_base + off;
}

/* Whether the message `f` joins the run being walked (`msg`: the whole
 * message when it lies in one chunk, else NULL); its bookkeeping is done
 * when it does, as the one-at-a-time loop would have done it. */
typedef bool relay_joins_fn(struct conn *c, const struct wire_frame *f, const uint8_t *msg);

/* The run at the front of `in`: consecutive messages that `joins`, each
 * header judged as relay_peek() judges it (a bad one is left for relay_peek()
 * to report once the run before it has moved), none starting at or past
 * `room`, and none past the first RELAY_RUN_CHUNKS chunks. */
static size_t relay_run(struct conn *c, enum wire_direction dir, struct evbuffer *in, size_t room,
                        relay_joins_fn *joins)
{
    struct relay_chunks ch = {.i = 0, .base = 0};
    ch.n = evbuffer_peek(in, -1, NULL, ch.v, RELAY_RUN_CHUNKS);
    if (ch.n > RELAY_RUN_CHUNKS)
        ch.n = RELAY_RUN_CHUNKS;
    size_t max = c->proxy->cfg->max_message_size;
    size_t run = 0;
    /* A message starts only while the destination is under the limit, as
     * when the messages went one at a time: those before it are whole. */
    while (run < room) {
        uint8_t tmp[WIRE_HEADER_LEN];
        const uint8_t *hdr = relay_chunks_header(&ch, run, tmp);
        if (hdr == NULL)
            break;
        struct wire_frame f;
        if (wire_frame_peek(dir, hdr, WIRE_HEADER_LEN, SIZE_MAX, max, &f) != WIRE_FRAME_OK)
            break;
        if (!joins(c, &f, hdr == tmp ? NULL : relay_chunks_message(&ch, run, f.total)))
            break;
        run += f.total;
    }
    return run;
}

static bool relay_backend_joins(struct conn *c, const struct wire_frame *f, const uint8_t *msg)
{
    (void)msg;
    return !relay_backend_whole(c, f->type);
}

/* The same while no feature watches the session's backend messages: the
 * relay's own types only, without asking the features about each. */
static bool relay_backend_joins_unwatched(struct conn *c, const struct wire_frame *f,
                                          const uint8_t *msg)
{
    (void)msg;
    return !relay_backend_needs_whole(c, f->type);
}

size_t relay_backend_run(struct conn *c, struct evbuffer *in, size_t room)
{
    return relay_run(c, WIRE_BACKEND, in, room,
                     feature_watches_backend(c) ? relay_backend_joins
                                                : relay_backend_joins_unwatched);
}

/* A Query or Parse joins a run when the one-at-a-time loop would stream it
 * as it is: the route renames nothing, no feature tracks statements, and
 * every feature that admits statements would pass this one untouched
 * (which needs it whole in one chunk, and well-formed). */
static bool relay_client_statement_joins(struct conn *c, const struct wire_frame *f,
                                         const uint8_t *msg)
{
    if (c->names != NULL || feature_tracks_statements(c))
        return false;
    if (feature_admits_statements(c)) {
        struct relay_statement st;
        if (msg == NULL || !relay_statement_parse(msg, f->total, &st) ||
            !feature_passes_statement(c, st.sql, st.sql_len))
            return false;
    }
    relay_count_streamed_statement(c, f->type);
    return true;
}

/* A client message of an ACTIVE session that no feature watches joins a run
 * when the one-at-a-time loop would only count it and stream it: the
 * messages of a statement under way (Bind, Execute, Sync, ...), and a Query
 * or Parse that nothing renames, tracks or holds. */
static bool relay_client_joins(struct conn *c, const struct wire_frame *f, const uint8_t *msg)
{
    switch (f->type) {
    case WIRE_F_BIND:
    case WIRE_F_EXECUTE:
    case WIRE_F_DESCRIBE:
    case WIRE_F_CLOSE:
    case WIRE_F_FLUSH:
    case WIRE_F_COPY_DATA:
        return true;
    case WIRE_F_SYNC:
    case WIRE_F_FUNCTION_CALL:
        c->pending_sync++;
        return true;
    case WIRE_F_QUERY:
    case WIRE_F_PARSE:
        return relay_client_statement_joins(c, f, msg);
    default:
        return false; /* Terminate, CopyDone, CopyFail: one at a time */
    }
}

size_t relay_client_run(struct conn *c, struct evbuffer *in, size_t room)
{
    if (c->state != CONN_ACTIVE || feature_watches_client(c))
        return 0;
    return relay_run(c, WIRE_FRONTEND, in, room, relay_client_joins);
}

void relay_backend_input(struct conn *c)
{
    if (c->backend == NULL || c->client == NULL)
        return;
    struct proxy *p = c->proxy;
    size_t limit = p->cfg->buffer_limit;
    struct evbuffer *in = bufferevent_get_input(c->backend);
    struct evbuffer *out = bufferevent_get_output(c->client);
    bool after_run = false;
    while (c->state == CONN_AUTH || c->state == CONN_IDLE || c->state == CONN_ACTIVE ||
           c->state == CONN_HELD) {
        if (c->be_remaining > 0) {
            if (!relay_stream(in, out, &c->be_remaining, &c->bytes_out,
                              &p->stats.bytes_backend_to_client))
                break;
            continue;
        }
        size_t queued = evbuffer_get_length(out);
        if (queued >= limit || evbuffer_get_length(in) < WIRE_HEADER_LEN)
            break;
        /* The pass-through messages at the front move as one stream (a
         * pipeline's BindComplete, DataRow, CommandComplete ..., a result's
         * rows): one buffer move instead of a header copy and a move each.
         * Right after a run, what follows it did not join (a ReadyForQuery,
         * or past the room or the chunks the run looked at): it is taken
         * one at a time rather than walked again. */
        if (!after_run) {
            size_t run = relay_backend_run(c, in, limit - queued);
            if (run > 0) {
                c->be_remaining = run;
                after_run = true;
                continue;
            }
        }
        after_run = false;
        struct wire_frame f;
        int pr = relay_peek(c, WIRE_BACKEND, in, &f);
        if (pr <= 0)
            break;
        if (!relay_backend_whole(c, f.type)) {
            /* A header past the chunks relay_backend_run() looks at. */
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
        if (feature_on_backend_message(c, msg, f.total) == FEATURE_CONSUMED) {
            /* Consumed by a feature (a carry-over's old stream after the switch). */
            evbuffer_drain(in, f.total);
            if (c->state == CONN_CLOSING)
                break;
            continue;
        }
        if (!relay_backend_message(c, msg, f.total, out))
            break;
        evbuffer_drain(in, f.total);
        c->bytes_out += f.total;
        p->stats.bytes_backend_to_client += f.total;
    }
    if (c->kick_client && c->state == CONN_IDLE) {
        c->kick_client = 0;
        relay_client_input(c);
    }
    conn_update_io(c);
}
