/*
 * subscribe_cursor.c: see subscribe_cursor.h and docs/subscribe.md, "The
 * cursor form".
 *
 * Phases of one cursor subscription, as seen from here:
 * - before any swap the relay forwards everything; we only note which
 *   client statements are FETCHes of the cursor (simple Query, or Parse /
 *   Bind / Execute with unnamed or named statements) and the cursor's
 *   RowDescription;
 * - from the swap until the old cursor is no longer needed (OLD_FEEDING)
 *   a FETCH still goes to the server: its RowDescription passes, its
 *   DataRows are the splice's OLD rows (subscribe_upstream_feed_old) and
 *   never reach the client directly; at its CommandComplete the client
 *   gets up to the FETCH's count of rows from the FIFO the splice fills,
 *   and a `FETCH k` of our own;
 * - once the old cursor is done (OLD_UNWANTED), the proxy sends the server a
 *   `CLOSE <cursor>` as soon as nothing is in flight (its responses are
 *   swallowed) and answers the client's FETCH and CLOSE of the cursor
 *   itself, waiting for rows with an event (no timeout, or the FETCH's
 *   timeout). Other statements (COMMIT, ROLLBACK, anything else) still go
 *   to the server, whose transaction is open.
 *
 * The decision for an extended-protocol batch is taken once, on the whole
 * batch up to its Sync: answered here only when every message in it is
 * about the cursor (Parse of a FETCH/CLOSE of it, Bind/Describe/Execute/
 * Close of such statements and the unnamed portal, Flush); otherwise the
 * whole batch goes to the server.
 */
#include "proxy/subscribe/subscribe_cursor.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/sqlclassify.h"
#include "protocol/sqlstate.h"
#include "protocol/subscribe/subscribe_fetch.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/cancel.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"
#include "proxy/subscribe/subscription.h"
#include "proxy/subscribe/subscribe_upstream.h"

#define CUR_MAX_STMTS 16          /* named prepared statements remembered */
#define CUR_MAX_BATCH (64 * 1024) /* a batch longer than this goes to the server */

/* A prepared statement the client made: what it does to our cursor. */
struct cur_stmt {
    char name[SUBFETCH_NAME_MAX]; /* "" = unused slot */
    struct subfetch f;            /* kind OTHER when not about our cursor */
};

/* The server's old cursor, from the swap on. Changed only by old_set(). */
enum cur_old {
    OLD_FEEDING,  /* it feeds the splice: the client's FETCHes still go to the server */
    OLD_UNWANTED, /* no longer needed: closed once nothing is in flight; FETCH and CLOSE of
                     the cursor are answered here from now on */
    OLD_CLOSING,  /* our CLOSE is in flight; its replies are swallowed */
    OLD_CLOSED,   /* gone from the server: our CLOSE completed, or our cancel of a FETCH on
                     it aborted the server's transaction */
};

struct subscribe_cursor {
    struct subscription *s; /* owner */

    struct evbuffer *fifo; /* DataRows the splice decided, not FETCHed yet */
    uint64_t fifo_rows;    /* messages in fifo */
    size_t fifo_bytes;     /* bytes in fifo */
    bool overflow;         /* fifo + splice bytes passed splice_memory */

    uint8_t *rowdesc;   /* owned: the server's RowDescription of the cursor's FETCHes */
    size_t rowdesc_len; /* its bytes */

    /* A FETCH of the cursor that went to the server. */
    bool inflight;        /* its CommandComplete (or error) has not come yet */
    bool in_all;          /* FETCH ALL */
    uint64_t in_count;    /* else its count */
    uint64_t direct_rows; /* rows of it the client got before the swap */
    bool in_has_timeout;  /* its WITH (timeout) */
    uint64_t in_timeout_us;
    bool desc_owed;      /* the client asked for the FETCH's RowDescription (a simple Query,
                            or a Describe of its portal) and the server's has not reached it:
                            an answer from the FIFO sends the saved one first */
    bool we_cancelled;   /* the proxy cancelled it: the old cursor is no longer needed */
    bool pending_answer; /* ... and it ended: the client is owed its answer, from the FIFO */
    bool server_aborted; /* that cancel aborted the server's transaction */
    bool commit_sent;    /* the client's COMMIT went to the server (after server_aborted) */

    enum cur_old old; /* see enum */
    bool finished;    /* the carried stream ended (UP TO): FETCH does not wait */
    bool failed;      /* the carry-over failed: the next FETCH gets ZC002 */
    bool error_sent;  /* ... and it did */
    bool fail_rfq;    /* the server's ReadyForQuery after our ZC002 becomes 'E' */
    bool tx_failed;   /* the client was told its transaction failed (ZC002, 57014) */
    bool batch_pass;  /* an extended batch is going to the server until its Sync */
    bool close_after; /* a batch answered here closed the cursor */

    /* A FETCH held until rows arrive or its timeout. */
    bool waiting;        /* the batch is still in the client's input buffer */
    bool timed_out;      /* its timeout expired */
    bool cancel_pending; /* a CancelRequest came for it */
    struct event *timer; /* the FETCH's timeout */
    struct event *wake;  /* made active when rows arrive (never inside the splice) */

    /* The server session's keep-alive once the proxy answers (OLD_CLOSED). */
    struct event *keepalive; /* every [subscribe] server_keepalive */
    bool client_read;        /* the client sent the cursor something since the last one */
    int keepalive_syncs;     /* our Syncs whose ReadyForQuery is still to be swallowed */

    /* The client's statements and portal, as far as our cursor goes. */
    struct cur_stmt named[CUR_MAX_STMTS]; /* named prepared statements */
    struct subfetch unnamed;              /* the unnamed statement */
    struct subfetch portal;               /* the unnamed portal */
};

static void cur_wake_cb(evutil_socket_t fd, short what, void *arg);

static void old_set(struct subscribe_cursor *k, enum cur_old to)
{
    bool ok = (k->old == OLD_FEEDING && to == OLD_UNWANTED) ||
              (k->old == OLD_UNWANTED && (to == OLD_CLOSING || to == OLD_CLOSED)) ||
              (k->old == OLD_CLOSING && to == OLD_CLOSED);
    if (!ok) {
        fprintf(stderr, "subscribe_cursor: illegal old-cursor transition %d -> %d\n", k->old, to);
        abort();
    }
    k->old = to;
}
static void cur_timer_cb(evutil_socket_t fd, short what, void *arg);
static void cur_keepalive_cb(evutil_socket_t fd, short what, void *arg);

struct subscribe_cursor *subscribe_cursor_new(struct subscription *s)
{
    struct subscribe_cursor *k = calloc(1, sizeof *k);
    if (k == NULL)
        return NULL;
    k->s = s;
    k->fifo = evbuffer_new();
    struct event_base *base = s->conn->proxy->base;
    k->timer = evtimer_new(base, cur_timer_cb, k);
    k->wake = event_new(base, -1, 0, cur_wake_cb, k);
    k->keepalive = evtimer_new(base, cur_keepalive_cb, k);
    if (k->fifo == NULL || k->timer == NULL || k->wake == NULL || k->keepalive == NULL) {
        subscribe_cursor_free(k);
        return NULL;
    }
    return k;
}

void subscribe_cursor_free(struct subscribe_cursor *k)
{
    if (k == NULL)
        return;
    if (k->fifo)
        evbuffer_free(k->fifo);
    if (k->timer)
        event_free(k->timer);
    if (k->wake)
        event_free(k->wake);
    if (k->keepalive)
        event_free(k->keepalive);
    free(k->rowdesc);
    free(k);
}

/* ---- small helpers ---- */

static bool is_ours(const struct subscribe_cursor *k, const struct subfetch *f)
{
    if (f->kind == SUBFETCH_FETCH)
        return strcmp(f->cursor, k->s->cursor) == 0;
    if (f->kind == SUBFETCH_CLOSE)
        return f->close_all || strcmp(f->cursor, k->s->cursor) == 0;
    return false;
}

static struct cur_stmt *stmt_find(struct subscribe_cursor *k, const char *name)
{
    for (int i = 0; i < CUR_MAX_STMTS; i++)
        if (k->named[i].name[0] != '\0' && strcmp(k->named[i].name, name) == 0)
            return &k->named[i];
    return NULL;
}

/* Remembers what statement `name` does (only statements about our cursor
 * take a slot; another one forgets the name). */
static void stmt_set(struct subscribe_cursor *k, const char *name, const struct subfetch *f)
{
    if (name[0] == '\0') {
        k->unnamed = *f;
        return;
    }
    struct cur_stmt *st = stmt_find(k, name);
    if (!is_ours(k, f)) {
        if (st != NULL)
            st->name[0] = '\0';
        return;
    }
    if (st == NULL) {
        for (int i = 0; i < CUR_MAX_STMTS && st == NULL; i++)
            if (k->named[i].name[0] == '\0')
                st = &k->named[i];
    }
    if (st == NULL || strlen(name) >= sizeof st->name) {
        /* Not remembered: a Bind of it goes to the server, as without us. */
        if (st == NULL)
            log_conn(k->s->conn, LOG_LVL_INFO,
                     "cursor: %d named statements remembered already (CUR_MAX_STMTS); "
                     "statement \"%.63s\" is not",
                     CUR_MAX_STMTS, name);
        return;
    }
    snprintf(st->name, sizeof st->name, "%s", name);
    st->f = *f;
}

/* What statement `name` does; kind OTHER when unknown. */
static struct subfetch stmt_get(struct subscribe_cursor *k, const char *name)
{
    if (name[0] == '\0')
        return k->unnamed;
    struct cur_stmt *st = stmt_find(k, name);
    struct subfetch none;
    memset(&none, 0, sizeof none);
    return st != NULL ? st->f : none;
}

static void send_w(struct conn *c, struct wire_writer *w)
{
    if (wire_writer_ok(w))
        conn_send_to_client(c, w->buf, w->len);
    wire_writer_reset(w);
}

/* A FETCH's WITH (timeout): the wait ends at the latest then. */
static void arm_timeout(struct subscribe_cursor *k, uint64_t timeout_us)
{
    struct timeval tv = {(time_t)(timeout_us / 1000000), (suseconds_t)(timeout_us % 1000000)};
    evtimer_add(k->timer, &tv);
}

/* A message with no body: ParseComplete, BindComplete, CloseComplete, NoData. */
static void send_empty(struct conn *c, struct wire_writer *w, uint8_t type)
{
    wire_begin(w, type);
    wire_end(w);
    send_w(c, w);
}

static void send_ready(struct conn *c, struct wire_writer *w, uint8_t tx)
{
    wire_build_ready(w, tx);
    send_w(c, w);
}

static void send_error(struct conn *c, struct wire_writer *w, const char *state, const char *msg)
{
    wire_build_error(w, "ERROR", state, msg, NULL, NULL);
    send_w(c, w);
}

/* ParameterDescription without parameters (Describe of a statement). */
static void send_no_params(struct conn *c, struct wire_writer *w)
{
    wire_begin(w, WIRE_B_PARAM_DESC);
    wire_put_i16(w, 0);
    wire_end(w);
    send_w(c, w);
}

/* Moves up to `max` rows from the FIFO to the client; returns how many. */
static uint64_t take_rows(struct subscribe_cursor *k, struct conn *c, bool all, uint64_t max)
{
    uint64_t n = 0;
    while ((all || n < max) && k->fifo_rows > 0) {
        uint8_t h[WIRE_HEADER_LEN];
        if (evbuffer_copyout(k->fifo, h, sizeof h) != (ev_ssize_t)sizeof h)
            break;
        /* The FIFO holds whole DataRows the server sent: framed already. */
        struct wire_frame mf;
        if (wire_frame_peek(WIRE_BACKEND, h, sizeof h, SIZE_MAX, SIZE_MAX, &mf) != WIRE_FRAME_OK)
            break;
        size_t len = mf.total;
        if (c->client == NULL || c->client_gone) {
            evbuffer_drain(k->fifo, len);
        } else {
            evbuffer_remove_buffer(k->fifo, bufferevent_get_output(c->client), len);
            c->bytes_out += len;
            c->proxy->stats.bytes_backend_to_client += len;
        }
        k->fifo_rows--;
        k->fifo_bytes -= len;
        n++;
    }
    return n;
}

static void send_fetch_tag(struct conn *c, struct wire_writer *w, uint64_t n)
{
    char tag[40];
    snprintf(tag, sizeof tag, "FETCH %" PRIu64, n);
    wire_build_command_complete(w, tag);
    send_w(c, w);
}

/* `CLOSE "cursor"` to the server; its CommandComplete (or error) and
 * ReadyForQuery are swallowed. */
static void send_close(struct subscribe_cursor *k)
{
    struct conn *c = k->s->conn;
    if (k->old != OLD_UNWANTED || c->backend == NULL || c->backend_gone)
        return;
    char sql[2 * SUBFETCH_NAME_MAX + 16];
    size_t n = (size_t)snprintf(sql, sizeof sql, "CLOSE \"");
    for (const char *p = k->s->cursor; *p && n + 3 < sizeof sql; p++) {
        if (*p == '"')
            sql[n++] = '"';
        sql[n++] = *p;
    }
    sql[n++] = '"';
    sql[n] = '\0';
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, sql);
    if (wire_writer_ok(&w)) {
        evbuffer_add(bufferevent_get_output(c->backend), w.buf, w.len);
        old_set(k, OLD_CLOSING);
        log_conn(c, LOG_LVL_DEBUG, "closing the old cursor on the server");
    }
    wire_writer_free(&w);
}

/* Nothing of the client's is in flight on the server. */
static bool server_idle(const struct subscribe_cursor *k)
{
    return !k->inflight && !k->pending_answer && k->s->conn->pending_sync == 0 &&
           k->old != OLD_CLOSING && k->keepalive_syncs == 0;
}

/*
 * From OLD_CLOSED on the proxy answers the cursor's FETCHes and the
 * client's server session only holds its open transaction: to the server it
 * is idle in a transaction, and its idle_in_transaction_session_timeout
 * (Materialize: 120 s, then FATAL 25P03) would end the client's session
 * while the client is still reading. So, every server_keepalive while the
 * client keeps reading (it sent the cursor something since the last tick,
 * or a FETCH of it is waiting for rows), the proxy sends that session a
 * Sync: valid in any transaction state, answered with a ReadyForQuery that
 * is swallowed, and it resets the server's idle timer. A client that stops
 * reading gets no keep-alive: its session times out as it would without
 * the proxy.
 */
static void keepalive_arm(struct subscribe_cursor *k)
{
    int ms = k->s->conn->proxy->cfg->subscribe_server_keepalive_ms;
    if (ms <= 0 || evtimer_pending(k->keepalive, NULL))
        return;
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    evtimer_add(k->keepalive, &tv);
}

static void cur_keepalive_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct subscribe_cursor *k = arg;
    struct conn *c = k->s->conn;
    if (k->old != OLD_CLOSED || k->s->ended || c->backend == NULL || c->backend_gone ||
        c->state == CONN_CLOSING)
        return;
    bool reading = k->client_read || k->waiting;
    k->client_read = false;
    /* Nothing of the client's in flight: a Query other than the cursor's
     * (COMMIT) leaves the session ACTIVE; a FETCH we hold does not reach it. */
    if (reading && server_idle(k) && (c->state == CONN_IDLE || k->waiting)) {
        static const uint8_t sync[] = {WIRE_F_SYNC, 0, 0, 0, 4};
        evbuffer_add(bufferevent_get_output(c->backend), sync, sizeof sync);
        k->keepalive_syncs++;
        log_conn(c, LOG_LVL_DEBUG, "keep-alive Sync to the server session of a carried cursor");
    }
    keepalive_arm(k);
}

/* The old cursor is no longer needed but a FETCH on it may block (no
 * timeout, a quiet relation, or objects about to be dropped): cancel it;
 * the client gets its answer from the FIFO instead (pending_answer). */
static void cancel_inflight(struct subscribe_cursor *k)
{
    struct conn *c = k->s->conn;
    if (!k->inflight || k->we_cancelled)
        return;
    k->we_cancelled = true;
    log_conn(c, LOG_LVL_DEBUG, "cancelling a FETCH on the old cursor");
    cancel_backend(c->proxy, c, 0);
}

/* Keeps a SUBSCRIBE's RowDescription (its first column is mz_timestamp);
 * a FETCH of the cursor that was owed one has had it. */
static void save_rowdesc(struct subscribe_cursor *k, const uint8_t *msg, size_t len)
{
    struct wire_field f[1];
    uint16_t n;
    if (!wire_parse_row_description(msg, len, f, 1, &n) || n < 1 ||
        strcmp(f[0].name, "mz_timestamp") != 0)
        return;
    k->desc_owed = false;
    uint8_t *copy = malloc(len);
    if (copy == NULL)
        return;
    memcpy(copy, msg, len);
    free(k->rowdesc);
    k->rowdesc = copy;
    k->rowdesc_len = len;
}

static void fetch_started(struct subscribe_cursor *k, const struct subfetch *f, bool simple)
{
    k->inflight = true;
    k->in_all = f->all;
    k->in_count = f->count;
    k->in_has_timeout = f->has_timeout;
    k->in_timeout_us = f->timeout_us;
    if (simple)
        k->desc_owed = true; /* a Describe sets it for the extended protocol */
    k->we_cancelled = false;
    k->direct_rows = 0;
}

/* The FETCH that went to the server completed: its interval measures how
 * often the old stream delivers (the old stream's grace). */
static void fetch_completed(struct subscribe_cursor *k)
{
    k->inflight = false;
    subscribe_upstream_note_fetch(k->s);
}

/* ---- the server's side ---- */

void subscribe_cursor_track(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_cursor *k = s->cur;
    if (k == NULL)
        return;
    switch (msg[0]) {
    case WIRE_B_ROW_DESCRIPTION:
        save_rowdesc(k, msg, len);
        break;
    case WIRE_B_DATA_ROW:
        if (k->inflight)
            k->direct_rows++;
        break;
    case WIRE_B_COMMAND_COMPLETE:
        if (k->inflight)
            fetch_completed(k);
        break;
    case WIRE_B_ERROR:
        k->inflight = false;
        break;
    default:
        break;
    }
}

/* Long on purpose: one switch over the old cursor's life (OLD_*) and the
 * server message type, the one place that decides what each server
 * answer to the old cursor means for the client. */
bool subscribe_cursor_old_message(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_cursor *k = s->cur;
    struct conn *c = s->conn;
    if (k->keepalive_syncs > 0 && msg[0] == WIRE_B_READY) {
        /* Our keep-alive's answer: nothing else of the session's was in
         * flight when it went. */
        k->keepalive_syncs--;
        /* A statement of the client's may have waited for this, the session
         * idle or in a FETCH held here: resume its input either way. */
        relay_defer_client_input(c);
        event_active(k->wake, EV_TIMEOUT, 1);
        return false;
    }
    if (k->old == OLD_CLOSING) {
        /* The responses to our CLOSE. */
        if (msg[0] == WIRE_B_ERROR) {
            log_conn(c, LOG_LVL_WARNING, "closing the old cursor on the server failed");
            k->server_aborted = true;
        }
        if (msg[0] == WIRE_B_READY) {
            old_set(k, OLD_CLOSED);
            keepalive_arm(k);
            relay_defer_client_input(c); /* a FETCH may have waited for this */
        }
        return false;
    }
    struct wire_writer w;
    switch (msg[0]) {
    case WIRE_B_ROW_DESCRIPTION:
        save_rowdesc(k, msg, len);
        return true;
    case WIRE_B_DATA_ROW:
        if (!k->inflight)
            return true; /* another statement's row */
        /* The splice writes what the client gets of it (into the FIFO). */
        if (s->state != SUBSCRIBE_FAILED)
            subscribe_upstream_feed_old(s, msg, len); /* never frees s for a cursor */
        return false;
    case WIRE_B_COMMAND_COMPLETE: {
        const char *tag;
        if (!k->inflight && k->server_aborted && k->commit_sent &&
            wire_parse_command_complete(msg, len, &tag) && strcmp(tag, "ROLLBACK") == 0) {
            /* Our cancel aborted the server's transaction, not the client's. */
            wire_writer_init(&w);
            wire_build_command_complete(&w, "COMMIT");
            send_w(c, &w);
            wire_writer_free(&w);
            return false;
        }
        if (!k->inflight)
            return true;
        fetch_completed(k);
        wire_writer_init(&w);
        if (k->failed && !k->error_sent) {
            /* Rows of this FETCH were taken for a splice that failed. */
            send_error(c, &w, SQLSTATE_SUBSCRIBE_RESUBSCRIBE, s->error ? s->error : "failed");
            k->error_sent = true;
            k->fail_rfq = true;
        } else {
            uint64_t left = k->in_count > k->direct_rows ? k->in_count - k->direct_rows : 0;
            uint64_t n = take_rows(k, c, k->in_all, left);
            send_fetch_tag(c, &w, k->direct_rows + n);
        }
        wire_writer_free(&w);
        return false;
    }
    case WIRE_B_ERROR:
        if (k->inflight && k->we_cancelled) {
            /* Our cancel: the client's FETCH is answered from the FIFO. */
            k->inflight = false;
            k->pending_answer = true;
            k->server_aborted = true;
            return false;
        }
        if (k->inflight) {
            k->inflight = false;
            if (k->failed && !k->error_sent) {
                wire_writer_init(&w);
                send_error(c, &w, SQLSTATE_SUBSCRIBE_RESUBSCRIBE, s->error ? s->error : "failed");
                wire_writer_free(&w);
                k->error_sent = true;
                return false;
            }
        }
        return true;
    case WIRE_B_READY: {
        uint8_t tx = WIRE_TX_IDLE;
        if (!wire_parse_ready(msg, len, &tx))
            tx = WIRE_TX_IDLE;
        if (k->pending_answer && !k->waiting) {
            /* The end of the FETCH we cancelled: the server's transaction is
             * aborted (its cursor with it), the client's is not. */
            old_set(k, OLD_CLOSED);
            keepalive_arm(k);
            k->waiting = true;
            if (k->in_has_timeout)
                arm_timeout(k, k->in_timeout_us);
            relay_ready_status(c, WIRE_TX_BLOCK); /* may free s */
            if (c->sub == s && c->state == CONN_IDLE)
                conn_set_state(c, CONN_ACTIVE);
            if (c->sub == s)
                event_active(k->wake, EV_TIMEOUT, 1);
            return false;
        }
        if (k->fail_rfq && tx == WIRE_TX_BLOCK) {
            /* The client saw an error: its transaction is failed. */
            k->fail_rfq = false;
            k->tx_failed = true;
            wire_writer_init(&w);
            send_ready(c, &w, WIRE_TX_FAILED);
            wire_writer_free(&w);
            if (c->pending_sync <= 1)
                send_close(k);                     /* when unwanted */
            relay_ready_status(c, WIRE_TX_FAILED); /* may free s */
            return false;
        }
        if (s->ended || tx != WIRE_TX_BLOCK) {
            /* COMMIT, ROLLBACK or CLOSE passed, or the transaction failed:
             * the cursor is gone on the server. */
            subscribe_conn_free(c);
            return true;
        }
        if (c->pending_sync <= 1)
            send_close(k); /* when unwanted */
        return true;
    }
    default:
        return true;
    }
}

void subscribe_cursor_sink(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_cursor *k = s->cur;
    if (k == NULL || msg[0] != WIRE_B_DATA_ROW)
        return;
    evbuffer_add(k->fifo, msg, len);
    k->fifo_rows++;
    k->fifo_bytes += len;
    size_t limit = s->conn->proxy->cfg->subscribe_splice_memory;
    if (limit > 0 && k->fifo_bytes > limit)
        k->overflow = true;
    if (k->waiting || k->pending_answer)
        event_active(k->wake, EV_TIMEOUT, 1);
}

bool subscribe_cursor_overflowed(const struct subscription *s)
{
    return s->cur != NULL && s->cur->overflow;
}

void subscribe_cursor_old_ended(struct subscription *s)
{
    struct subscribe_cursor *k = s->cur;
    if (k == NULL || k->old != OLD_FEEDING)
        return;
    old_set(k, OLD_UNWANTED);
    if (server_idle(k)) {
        send_close(k);
        conn_update_io(s->conn);
    } else if (k->inflight && !k->in_has_timeout) {
        cancel_inflight(k);
    }
}

void subscribe_cursor_failed(struct subscription *s)
{
    struct subscribe_cursor *k = s->cur;
    if (k == NULL)
        return;
    k->failed = true;
    evbuffer_drain(k->fifo, evbuffer_get_length(k->fifo));
    k->fifo_rows = 0;
    k->fifo_bytes = 0;
    subscribe_cursor_old_ended(s);
    if (k->waiting || k->pending_answer)
        event_active(k->wake, EV_TIMEOUT, 1);
}

void subscribe_cursor_new_ended(struct subscription *s)
{
    struct subscribe_cursor *k = s->cur;
    if (k == NULL)
        return;
    k->finished = true;
    if (k->waiting || k->pending_answer)
        event_active(k->wake, EV_TIMEOUT, 1);
}

bool subscribe_cursor_cancel(struct conn *c)
{
    struct subscription *s = c->sub;
    if (s == NULL || s->cur == NULL || (!s->cur->waiting && !s->cur->pending_answer))
        return false;
    s->cur->cancel_pending = true;
    event_active(s->cur->wake, EV_TIMEOUT, 1);
    return true;
}

void subscribe_cursor_before_cleanup(struct subscription *s)
{
    if (s->cur != NULL && s->cur->old != OLD_FEEDING && s->cur->inflight)
        cancel_inflight(s->cur);
}

bool subscribe_cursor_reads_old(const struct subscription *s)
{
    const struct subscribe_cursor *k = s->cur;
    if (k == NULL || s->state == SUBSCRIBE_STREAMING || s->up == NULL || s->ended)
        return false;
    return k->old != OLD_CLOSED;
}

/* ---- waiting FETCHes ---- */

static void answer_pending(struct subscribe_cursor *k);

static void cur_resume(struct subscribe_cursor *k)
{
    struct conn *c = k->s->conn;
    if (c->state == CONN_CLOSING)
        return;
    if (k->pending_answer) {
        if (!k->waiting)
            return; /* the server's ReadyForQuery has not come yet */
        if (!(k->fifo_rows > 0 || k->finished || k->failed || k->timed_out || k->cancel_pending ||
              (k->in_has_timeout && k->in_timeout_us == 0) || (!k->in_all && k->in_count == 0)))
            return;
        answer_pending(k);
    }
    relay_client_input(c); /* may free k */
}

static void cur_wake_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    cur_resume(arg);
}

static void cur_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct subscribe_cursor *k = arg;
    k->timed_out = true;
    cur_resume(k);
}

/* Whether a FETCH `f` can be answered now. */
static bool fetch_ready(const struct subscribe_cursor *k, const struct subfetch *f)
{
    /* FETCH 0 and a zero timeout never wait, as on the server. */
    return k->fifo_rows > 0 || k->finished || k->failed || k->timed_out || k->cancel_pending ||
           (f->has_timeout && f->timeout_us == 0) || (!f->all && f->count == 0);
}

/* Starts (or keeps) waiting for rows for FETCH `f`. */
static enum subcur_verdict fetch_wait(struct subscribe_cursor *k, const struct subfetch *f)
{
    struct conn *c = k->s->conn;
    if (!k->waiting) {
        k->waiting = true;
        k->timed_out = false;
        if (f->has_timeout)
            arm_timeout(k, f->timeout_us);
        if (c->state == CONN_IDLE)
            conn_set_state(c, CONN_ACTIVE);
    }
    return SUBCUR_WAIT;
}

/* A batch or Query answered here is over: the session is idle again. */
static void answered(struct subscribe_cursor *k, size_t drained)
{
    struct conn *c = k->s->conn;
    if (k->waiting) {
        evtimer_del(k->timer);
        k->waiting = false;
    }
    k->timed_out = false;
    k->cancel_pending = false;
    evbuffer_drain(bufferevent_get_input(c->client), drained);
    c->bytes_in += drained;
    if (c->state == CONN_ACTIVE && c->pending_sync == 0)
        conn_set_state(c, CONN_IDLE);
}

/* The error a FETCH gets instead of rows, if any (and the transaction is
 * then failed). */
static bool fetch_error(struct subscribe_cursor *k, struct conn *c, struct wire_writer *w)
{
    if (k->cancel_pending) {
        send_error(c, w, SQLSTATE_QUERY_CANCELED, "canceling statement due to user request");
    } else if (k->failed && !k->error_sent) {
        send_error(c, w, SQLSTATE_SUBSCRIBE_RESUBSCRIBE,
                   k->s->error ? k->s->error : "SUBSCRIBE could not be carried over");
        k->error_sent = true;
    } else if (k->tx_failed || k->failed) {
        send_error(c, w, SQLSTATE_IN_FAILED_TRANSACTION,
                   "current transaction is aborted, commands ignored until end of transaction "
                   "block");
    } else {
        return false;
    }
    k->tx_failed = true;
    return true;
}

/* Rows and the tag of an answered FETCH. */
static void fetch_rows(struct subscribe_cursor *k, struct conn *c, struct wire_writer *w,
                       const struct subfetch *f)
{
    uint64_t n = take_rows(k, c, f->all, f->count);
    send_fetch_tag(c, w, n);
}

/* The answer to a FETCH the proxy cancelled on the server (in_* say what
 * it asked for): rows from the FIFO, as the server would have sent them. */
static void answer_pending(struct subscribe_cursor *k)
{
    struct conn *c = k->s->conn;
    struct wire_writer w;
    wire_writer_init(&w);
    k->pending_answer = false;
    if (fetch_error(k, c, &w)) {
        send_ready(c, &w, WIRE_TX_FAILED);
    } else {
        /* Our cancel can end the batch before the server answered the
         * client's Describe (a server that runs the FETCH there): without
         * a RowDescription first, drivers refuse the DataRows. */
        if (k->desc_owed && k->rowdesc != NULL)
            conn_send_to_client(c, k->rowdesc, k->rowdesc_len);
        k->desc_owed = false;
        uint64_t left = k->in_count > k->direct_rows ? k->in_count - k->direct_rows : 0;
        uint64_t n = take_rows(k, c, k->in_all, left);
        send_fetch_tag(c, &w, k->direct_rows + n);
        send_ready(c, &w, WIRE_TX_BLOCK);
    }
    wire_writer_free(&w);
    answered(k, 0);
}

/* ---- the client's side ---- */

/* Before the cursor is answered here: notes FETCHes going to the server
 * and the statements that are FETCHes. */
static enum subcur_verdict observe(struct subscribe_cursor *k, const struct wire_frame *f,
                                   struct evbuffer *in)
{
    if (f->type != WIRE_F_QUERY && f->type != WIRE_F_PARSE && f->type != WIRE_F_BIND &&
        f->type != WIRE_F_DESCRIBE && f->type != WIRE_F_EXECUTE && f->type != WIRE_F_CLOSE)
        return SUBCUR_PASS;
    if (evbuffer_get_length(in) < f->total)
        return SUBCUR_WAIT; /* the rest is on its way */
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f->total);
    if (msg == NULL)
        return SUBCUR_PASS;
    struct subfetch sf;
    struct wire_bind_msg bm;
    const char *a;
    int32_t max_rows;
    uint8_t what;
    switch (f->type) {
    case WIRE_F_QUERY: {
        const char *sql;
        size_t sql_len;
        if (wire_parse_query(msg, f->total, &sql, &sql_len) &&
            subfetch_parse(sql, sql_len, &sf) == SUBFETCH_FETCH && is_ours(k, &sf))
            fetch_started(k, &sf, true);
        break;
    }
    case WIRE_F_PARSE: {
        struct wire_parse_msg pm;
        if (wire_parse_parse(msg, f->total, &pm)) {
            (void)subfetch_parse(pm.sql, pm.sql_len, &sf);
            stmt_set(k, pm.name, &sf);
            if (k->server_aborted)
                k->commit_sent = sql_classify(pm.sql, pm.sql_len) == SQL_STMT_COMMIT;
        }
        break;
    }
    case WIRE_F_BIND:
        if (wire_parse_bind(msg, f->total, &bm) && bm.portal[0] == '\0') {
            k->portal = stmt_get(k, bm.statement);
            k->desc_owed = false; /* a new portal */
        }
        break;
    case WIRE_F_DESCRIBE:
        if (wire_parse_target(msg, f->total, &what, &a) && what == 'P' && a[0] == '\0' &&
            k->portal.kind == SUBFETCH_FETCH && is_ours(k, &k->portal))
            k->desc_owed = true;
        break;
    case WIRE_F_EXECUTE:
        if (wire_parse_execute(msg, f->total, &a, &max_rows) && a[0] == '\0' &&
            k->portal.kind == SUBFETCH_FETCH && is_ours(k, &k->portal))
            fetch_started(k, &k->portal, false);
        break;
    case WIRE_F_CLOSE:
        if (wire_parse_target(msg, f->total, &what, &a) && what == 'S') {
            struct subfetch none;
            memset(&none, 0, sizeof none);
            stmt_set(k, a, &none);
        }
        break;
    default:
        break;
    }
    return SUBCUR_PASS;
}

/* A simple Query once the cursor is answered here. */
static enum subcur_verdict local_query(struct subscribe_cursor *k, const struct wire_frame *f,
                                       struct evbuffer *in)
{
    struct subscription *s = k->s;
    struct conn *c = s->conn;
    if (evbuffer_get_length(in) < f->total)
        return SUBCUR_WAIT;
    const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)f->total);
    const char *sql;
    size_t sql_len;
    if (msg == NULL || !wire_parse_query(msg, f->total, &sql, &sql_len))
        return SUBCUR_PASS;
    struct subfetch sf;
    (void)subfetch_parse(sql, sql_len, &sf);
    struct wire_writer w;
    wire_writer_init(&w);
    enum subcur_verdict v = SUBCUR_CONSUMED;
    if (k->tx_failed) {
        enum sql_statement_kind kind = sql_classify(sql, sql_len);
        if (kind == SQL_STMT_COMMIT || kind == SQL_STMT_ROLLBACK) {
            v = SUBCUR_PASS; /* ends the transaction, and the subscription */
            k->commit_sent = kind == SQL_STMT_COMMIT;
        } else {
            (void)fetch_error(k, c, &w);
            send_ready(c, &w, WIRE_TX_FAILED);
            answered(k, f->total);
        }
    } else if (!is_ours(k, &sf) || (sf.kind == SUBFETCH_FETCH && k->rowdesc == NULL)) {
        v = SUBCUR_PASS;
        k->commit_sent = sql_classify(sql, sql_len) == SQL_STMT_COMMIT;
    } else if (sf.kind == SUBFETCH_CLOSE) {
        wire_build_command_complete(&w, "CLOSE CURSOR");
        send_w(c, &w);
        send_ready(c, &w, WIRE_TX_BLOCK);
        answered(k, f->total);
        wire_writer_free(&w);
        log_conn(c, LOG_LVL_DEBUG, "cursor subscription closed by the client");
        subscribe_conn_free(c); /* frees k */
        return SUBCUR_CONSUMED;
    } else if (!fetch_ready(k, &sf)) {
        v = fetch_wait(k, &sf);
    } else if (fetch_error(k, c, &w)) {
        send_ready(c, &w, WIRE_TX_FAILED);
        answered(k, f->total);
    } else {
        conn_send_to_client(c, k->rowdesc, k->rowdesc_len);
        fetch_rows(k, c, &w, &sf);
        send_ready(c, &w, WIRE_TX_BLOCK);
        answered(k, f->total);
    }
    wire_writer_free(&w);
    return v;
}

/* The length of the batch at the head of `in` (through its Sync, or a
 * Flush that ends the input): 0 = not all there yet, (size_t)-1 = longer
 * than CUR_MAX_BATCH, or a message the framer rejects (either way the batch
 * goes to the server, which answers it as it would without us). */
static size_t batch_length(struct conn *c, struct evbuffer *in)
{
    size_t avail = evbuffer_get_length(in);
    size_t n = avail < CUR_MAX_BATCH ? avail : CUR_MAX_BATCH;
    const uint8_t *p = evbuffer_pullup(in, (ev_ssize_t)n);
    if (p == NULL)
        return (size_t)-1;
    size_t off = 0;
    for (;;) {
        struct wire_frame f;
        enum wire_frame_result r =
            wire_frame_peek(WIRE_FRONTEND, p + off, n - off, n - off, SIZE_MAX, &f);
        if (r == WIRE_FRAME_NEED_MORE)
            break;
        if (r != WIRE_FRAME_OK)
            return (size_t)-1;
        off += f.total;
        /* A Flush with nothing after it: the client waits for answers so
         * far before it sends the rest. */
        if (f.type == WIRE_F_SYNC || (f.type == WIRE_F_FLUSH && off == avail))
            return off;
    }
    if (n < CUR_MAX_BATCH)
        return 0;
    log_conn(c, LOG_LVL_DEBUG,
             "cursor batch longer than %d bytes (CUR_MAX_BATCH): it goes to the server",
             CUR_MAX_BATCH);
    return (size_t)-1;
}

/*
 * Walks a batch (p, len: whole messages through Sync). With !apply:
 * decides whether it is answered here (true) and, in *fetch, the first
 * FETCH it executes (kind OTHER if none). With apply: answers it.
 */
/* Long on purpose: one switch over the batch's message types sharing the
 * batch-local statement and portal state (unnamed, portal, bname, bstmt);
 * the dry run and the apply run must interpret a batch identically, which
 * one walk guarantees and two copies would not. */
static bool run_batch(struct subscribe_cursor *k, const uint8_t *p, size_t len, bool apply,
                      struct subfetch *fetch)
{
    struct conn *c = k->s->conn;
    struct subfetch unnamed = k->unnamed, portal = k->portal;
    char bname[SUBFETCH_NAME_MAX] = ""; /* a statement this batch names */
    struct subfetch bstmt;
    memset(&bstmt, 0, sizeof bstmt);
    struct wire_writer w;
    wire_writer_init(&w);
    bool errored = false, ok = true;
    memset(fetch, 0, sizeof *fetch);
    size_t off = 0;
    struct wire_frame mf;
    /* batch_length() framed these bytes already: every message is whole. */
    while (ok && wire_frame_peek(WIRE_FRONTEND, p + off, len - off, len - off, SIZE_MAX, &mf) ==
                     WIRE_FRAME_OK) {
        uint8_t type = mf.type;
        const uint8_t *msg = p + off;
        size_t total = mf.total;
        off += total;
        const char *a;
        uint8_t what;
        if (apply && errored && type != WIRE_F_SYNC)
            continue;
        if (apply && type != WIRE_F_SYNC && type != WIRE_F_FLUSH && fetch_error(k, c, &w)) {
            errored = true;
            continue;
        }
        switch (type) {
        case WIRE_F_PARSE: {
            struct wire_parse_msg pm;
            struct subfetch sf;
            if (!wire_parse_parse(msg, total, &pm) || pm.nparam_types != 0) {
                ok = false;
                break;
            }
            (void)subfetch_parse(pm.sql, pm.sql_len, &sf);
            if (!is_ours(k, &sf) || strlen(pm.name) >= SUBFETCH_NAME_MAX) {
                ok = false;
                break;
            }
            if (pm.name[0] == '\0') {
                unnamed = sf;
            } else {
                snprintf(bname, sizeof bname, "%s", pm.name);
                bstmt = sf;
            }
            if (apply) {
                stmt_set(k, pm.name, &sf);
                send_empty(c, &w, WIRE_B_PARSE_COMPLETE);
            }
            break;
        }
        case WIRE_F_BIND: {
            /* Only the unnamed portal, no parameters, text results. */
            struct wire_bind_msg bm;
            if (!wire_parse_bind(msg, total, &bm) || bm.portal[0] != '\0' || bm.nparams != 0) {
                ok = false;
                break;
            }
            for (uint16_t i = 0; ok && i < bm.nresult_formats; i++)
                ok = wire_bind_format(bm.result_formats, i) == 0;
            if (!ok)
                break;
            const char *b = bm.statement;
            struct subfetch sf = b[0] == '\0'            ? unnamed
                                 : strcmp(b, bname) == 0 ? bstmt
                                                         : stmt_get(k, b);
            if (!is_ours(k, &sf)) {
                ok = false;
                break;
            }
            portal = sf;
            if (apply) {
                k->portal = sf;
                send_empty(c, &w, WIRE_B_BIND_COMPLETE);
            }
            break;
        }
        case WIRE_F_DESCRIBE: {
            if (!wire_parse_target(msg, total, &what, &a)) {
                ok = false;
                break;
            }
            struct subfetch sf;
            if (what == 'P' && a[0] == '\0')
                sf = portal;
            else if (what == 'S')
                sf = a[0] == '\0' ? unnamed : strcmp(a, bname) == 0 ? bstmt : stmt_get(k, a);
            else
                sf.kind = SUBFETCH_OTHER;
            if (!is_ours(k, &sf)) {
                ok = false;
                break;
            }
            if (apply) {
                if (what == 'S')
                    send_no_params(c, &w);
                if (sf.kind == SUBFETCH_FETCH)
                    conn_send_to_client(c, k->rowdesc, k->rowdesc_len);
                else
                    send_empty(c, &w, WIRE_B_NO_DATA);
            }
            break;
        }
        case WIRE_F_EXECUTE: {
            int32_t max_rows;
            if (!wire_parse_execute(msg, total, &a, &max_rows) || a[0] != '\0' ||
                !is_ours(k, &portal)) {
                ok = false;
                break;
            }
            if (!apply) {
                if (fetch->kind == SUBFETCH_OTHER && portal.kind == SUBFETCH_FETCH)
                    *fetch = portal;
            } else if (portal.kind == SUBFETCH_FETCH) {
                fetch_rows(k, c, &w, &portal);
            } else {
                wire_build_command_complete(&w, "CLOSE CURSOR");
                send_w(c, &w);
                k->close_after = true;
            }
            break;
        }
        case WIRE_F_CLOSE:
            if (!wire_parse_target(msg, total, &what, &a)) {
                ok = false;
                break;
            }
            if (apply) {
                if (what == 'S') {
                    struct subfetch none;
                    memset(&none, 0, sizeof none);
                    stmt_set(k, a, &none);
                }
                send_empty(c, &w, WIRE_B_CLOSE_COMPLETE);
            }
            break;
        case WIRE_F_FLUSH:
            break;
        case WIRE_F_SYNC:
            if (apply)
                send_ready(c, &w, k->tx_failed ? WIRE_TX_FAILED : WIRE_TX_BLOCK);
            break;
        default:
            ok = false;
            break;
        }
    }
    wire_writer_free(&w);
    return ok && off == len;
}

/* An extended-protocol batch once the cursor is answered here. */
static enum subcur_verdict local_batch(struct subscribe_cursor *k, const struct wire_frame *f,
                                       struct evbuffer *in)
{
    struct conn *c = k->s->conn;
    if (f->type == WIRE_F_SYNC && evbuffer_get_length(in) >= f->total && f->total == 5) {
        /* A lone Sync: what the server would say. */
        struct wire_writer w;
        wire_writer_init(&w);
        send_ready(c, &w, k->tx_failed ? WIRE_TX_FAILED : WIRE_TX_BLOCK);
        wire_writer_free(&w);
        answered(k, f->total);
        return SUBCUR_CONSUMED;
    }
    size_t blen = batch_length(c, in);
    if (blen == 0)
        return SUBCUR_WAIT; /* the Sync is on its way */
    const uint8_t *p = blen != (size_t)-1 ? evbuffer_pullup(in, (ev_ssize_t)blen) : NULL;
    struct subfetch fetch;
    if (p == NULL || !run_batch(k, p, blen, false, &fetch) ||
        (fetch.kind == SUBFETCH_FETCH && k->rowdesc == NULL)) {
        /* Not only about the cursor: the server gets the whole batch. */
        k->batch_pass = f->type != WIRE_F_SYNC;
        return observe(k, f, in);
    }
    if (fetch.kind == SUBFETCH_FETCH && !k->tx_failed && !fetch_ready(k, &fetch))
        return fetch_wait(k, &fetch);
    k->close_after = false;
    (void)run_batch(k, p, blen, true, &fetch);
    answered(k, blen);
    if (k->close_after) {
        log_conn(c, LOG_LVL_DEBUG, "cursor subscription closed by the client");
        subscribe_conn_free(c); /* frees k */
    }
    return SUBCUR_CONSUMED;
}

enum subcur_verdict subscribe_cursor_client(struct conn *c, const struct wire_frame *f,
                                            struct evbuffer *in)
{
    struct subscription *s = c->sub;
    if (s == NULL || s->form != SUBSCRIBE_FORM_CURSOR || s->cur == NULL || s->ended)
        return SUBCUR_PASS;
    struct subscribe_cursor *k = s->cur;
    if (k->old == OLD_FEEDING)
        return observe(k, f, in);
    k->client_read = true; /* for the server session's keep-alive */
    if (k->batch_pass) {
        if (f->type == WIRE_F_SYNC)
            k->batch_pass = false;
        return observe(k, f, in);
    }
    switch (f->type) {
    case WIRE_F_QUERY:
    case WIRE_F_PARSE:
    case WIRE_F_BIND:
    case WIRE_F_DESCRIBE:
    case WIRE_F_EXECUTE:
    case WIRE_F_CLOSE:
    case WIRE_F_FLUSH:
    case WIRE_F_SYNC:
        break;
    default:
        return SUBCUR_PASS;
    }
    if (!server_idle(k)) {
        /* Answers must follow the server's: wait for its ReadyForQuery. */
        relay_defer_client_input(c);
        return SUBCUR_WAIT;
    }
    if (k->old != OLD_CLOSED) {
        send_close(k);
        relay_defer_client_input(c);
        return SUBCUR_WAIT;
    }
    if (f->type == WIRE_F_QUERY)
        return local_query(k, f, in);
    return local_batch(k, f, in);
}
