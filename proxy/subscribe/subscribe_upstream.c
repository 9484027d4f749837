/*
 * subscribe_upstream.c: see subscribe_upstream.h.
 *
 * Only the I/O of a carry-over lives here: the proxy's own libpq
 * connection to the new environment, the cancel of the old statement,
 * feeding the rows of both streams to the splice (protocol/subscribe/splice.h) and
 * writing what the splice emits to the client. The statement analysis and
 * the NEW statement (protocol/subscribe/subscribe_stmt.h), row decoding and encoding
 * (protocol/subscribe/subscribe_row.h), the consolidation and its memory budget
 * (protocol/subscribe/zset.h) and the choice of T and of the rows at T are the pure
 * core's.
 *
 * Splices, in SPLICE_HELD_TRACKED mode: one per "client's current stream".
 * From the subscription's start, sl[cur_sl] is fed every row the client
 * gets from its own session (its output is dropped: the relay forwards
 * the same rows). At the swap its output goes live and it is fed the
 * session's rows (OLD) and those of the proxy's new connection (NEW). A
 * second splice, sl[1 - cur_sl], is fed NEW's rows as its OLD stream from
 * NEW's first row on, output dropped: after the switch the client holds
 * exactly NEW's accumulated result, which is what that splice tracks. At
 * the switch it becomes the live one, so that a later swap (a rollback
 * after a promote) is carried the same way, from the carried stream.
 *
 * The old statement is cancelled at the switch (or earlier, when the
 * switch waits only for OLD: splice_waiting_for_old()); its 57014 and
 * everything up to its ReadyForQuery are swallowed. When NEW ends, the
 * client gets what the server would have sent (CommandComplete or the
 * error) and the ReadyForQuery the old session reported.
 *
 * The cursor form (subscribe_cursor.c) differs only where rows meet the
 * client: the live splice's output goes to a FIFO that the client's
 * FETCHes read, the old cursor's rows come from FETCHes
 * (subscribe_upstream_feed_old), and it is closed on the server rather
 * than cancelled.
 */
#include "proxy/subscribe/subscribe_upstream.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <libpq-fe.h>
#include <openssl/crypto.h>

#include "protocol/messages.h"
#include "protocol/subscribe/splice.h"
#include "protocol/sqlstate.h"
#include "protocol/subscribe/subscribe_row.h"
#include "protocol/subscribe/subscribe_stmt.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/cancel.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/loginshim.h"
#include "proxy/passthrough.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"
#include "proxy/subscribe/subscribe_cursor.h"

/* ---- the upstream state of one subscription ---- */

enum up_phase {
    UP_TRACKING,   /* only the client's result is tracked: no swap yet */
    UP_QUEUED,     /* swapped; NEW waits for a start slot ([subscribe] start_concurrency) */
    UP_CONNECTING, /* NEW's connection being set up */
    UP_STARTING,   /* NEW's query sent; waiting for its as-of */
    UP_COLLECTING, /* T fixed; the splice gathers NEW up to T */
    UP_SWITCHED,   /* NEW is the client's stream; no splice under way */
    UP_ENDED,      /* the client's stream ended (or is ending) */
};

/* One of the proxy's own connections to the server. */
struct up_pq {
    struct subscription *s; /* owner */
    PGconn *pg;             /* NULL = not in use */
    struct event *ev;       /* on PQsocket(pg) */
    struct event *retry;    /* backpressure: read again later */
    bool connecting;        /* PQconnectPoll not finished */
    bool counted;           /* counted in stats.carry_sessions ([subscribe] max_sessions) */
};

/* One splice and where its output goes. */
struct up_splice {
    struct splice sp;       /* the pure state machine */
    struct subscription *s; /* owner (the sink's argument is this struct) */
    bool used;              /* sp is initialised */
    bool live;              /* its output goes to the client; false: dropped (tracking only) */
};

struct subscribe_upstream {
    struct subscription *s; /* owner */
    enum up_phase phase;    /* see enum */
    bool not_carriable;     /* no splice could be set up (statement, columns) */
    char why[200];          /* why not */
    struct up_splice sl[2]; /* sl[cur_sl]: OLD is the client's current stream */
    int cur_sl;             /* index of the live (or tracking) splice */
    bool old_fed_end;       /* SPLICE_EV_OLD_END given to sl[cur_sl]: no more OLD rows */
    struct event *old_wait; /* NEW is ready, OLD not yet past T: its grace (up_old_grace_ms) */
    int64_t old_wait_us;    /* when that wait began */
    int64_t old_row_us;     /* when OLD last gave the live splice a row (0: never) */
    int64_t cadence_us;     /* progress interval this subscription's streams show (0: none) */
    int64_t fetch_us;       /* cursor form: when the client's last FETCH completed (0: none) */
    int64_t fetch_gap_us;   /* ... and the interval between them (0: not measured) */
    int64_t old_advance_us; /* when the client's stream last showed progress (0: never) */
    int64_t new_advance_us; /* when NEW last showed progress (0: never) */
    int64_t start_at_us;    /* when NEW's connection was started */
    struct wire_writer row; /* a NEW row rebuilt as a DataRow */

    /*
     * pq[cur] is the client's stream once carried (before that, the
     * session's own backend is); pq[1 - cur] is NEW while a splice runs.
     */
    struct up_pq pq[2]; /* the proxy's connections */
    int cur;            /* see above */
    bool carried;       /* switched at least once */
    uint64_t new_rows;  /* rows the carried streams delivered to the client (for the log) */

    bool old_cancelled; /* CancelRequest sent for the old statement */
    bool old_done;      /* the old statement's ReadyForQuery came */
    uint8_t old_tx;     /* its transaction status */
    bool new_done;      /* NEW ended; its end is waiting for old_done */
    char *end_msg;      /* malloc'd: what to send the client at the end (whole messages) */
    size_t end_len;     /* bytes of end_msg */
};

/*
 * ---- carry-over timing, in multiples of the cadence the streams show ----
 *
 * Materialize closes a timestamp about once a second (its timeline
 * interval), an emulator or a busy source faster or slower: no wait of the
 * carry-over is a fixed number. Each subscription measures the wall-clock
 * interval between the progress its streams show (a frontier advance on a
 * stream with progress rows: NEW always, the client's own stream when it
 * asked for PROGRESS; for a cursor these arrive at the client's FETCHes, so
 * its FETCH interval counts too) as a decaying maximum: a longer gap raises
 * it at once, shorter ones lower it by a quarter of the difference each,
 * and gaps under UP_SAME_BATCH_US (rows of one batch) are ignored. The
 * proxy keeps the same measure over all streams, which a subscription
 * without one of its own uses; before any stream showed progress it is
 * Materialize's documented interval, UP_CADENCE_DEFAULT_US. Likewise the
 * time a new stream takes from its connect to its as-of (hydration
 * included) is kept as a decaying maximum over the proxy. The waits:
 * - the old stream's grace (up_old_grace_ms): UP_GRACE_CADENCES cadences
 *   (for a cursor, of its FETCH interval when that is longer: its old stream
 *   delivers only when the client FETCHes), at least UP_GRACE_FLOOR_MS,
 *   counted from OLD's last row: an old stream still delivering is not
 *   quiet, however slowly its batch arrives;
 * - the settle limit (subscribe_upstream_settle_limit_ms): what promote's
 *   reply and cleanup wait for the splices under way to switch;
 * - cleanup's wait for cancelled old statements (up_cleanup_limit_ms);
 * each capped by [subscribe] carry_wait_max.
 */
#define UP_CADENCE_DEFAULT_US 1000000
#define UP_CADENCE_FLOOR_US   10000
#define UP_SAME_BATCH_US      1000
#define UP_GRACE_CADENCES     4
#define UP_GRACE_FLOOR_MS     500

static int64_t up_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A decaying maximum: a larger sample at once, a smaller one a quarter of
 * the way. */
static int64_t up_decaying_max(int64_t est, int64_t sample)
{
    if (est <= 0 || sample >= est)
        return sample;
    return est - (est - sample) / 4;
}

static int64_t up_cap_ms(const struct proxy *p, int64_t ms)
{
    int64_t cap = p->cfg->subscribe_carry_wait_max_ms;
    return cap > 0 && ms > cap ? cap : ms;
}

/* The progress interval for s: its own, else the proxy's, else the
 * default; at least UP_CADENCE_FLOOR_US. */
static int64_t up_cadence_us(const struct subscription *s)
{
    const struct proxy *p = s->conn->proxy;
    int64_t c = s->up != NULL && s->up->cadence_us > 0 ? s->up->cadence_us
                : p->subscribe_cadence_us > 0          ? p->subscribe_cadence_us
                                                       : UP_CADENCE_DEFAULT_US;
    return c < UP_CADENCE_FLOOR_US ? UP_CADENCE_FLOOR_US : c;
}

/* A stream of s showed progress (its frontier moved from `before` to
 * `after`); *last is when it last did. */
static void up_note_progress(struct subscription *s, int64_t *last, uint64_t before, uint64_t after)
{
    if (after <= before)
        return;
    struct subscribe_upstream *u = s->up;
    struct proxy *p = s->conn->proxy;
    int64_t now = up_now_us();
    int64_t gap = *last > 0 ? now - *last : 0;
    if (gap >= UP_SAME_BATCH_US) {
        u->cadence_us = up_decaying_max(u->cadence_us, gap);
        p->subscribe_cadence_us = up_decaying_max(p->subscribe_cadence_us, gap);
    }
    if (gap == 0 || gap >= UP_SAME_BATCH_US)
        *last = now;
}

/* A carry-over moved on (started, reached its as-of, switched, failed):
 * the settle wait counts from here. */
static void up_changed(struct proxy *p)
{
    p->subscribe_changed_us = up_now_us();
}

/* NEW has its as-of (it left UP_STARTING): how long its start took. */
static void up_started(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct proxy *p = s->conn->proxy;
    if (u->start_at_us > 0)
        p->subscribe_start_us =
            up_decaying_max(p->subscribe_start_us, up_now_us() - u->start_at_us);
    u->start_at_us = 0;
    up_changed(p);
}

/* How long the switch waits for OLD to pass T by itself once NEW is ready.
 * OLD usually passes T at its next batch (the server's next timestamp, or
 * for a cursor the client's next FETCH). Ending it before that would lose
 * the updates between the client's last OLD row and T (the client would
 * hold a stale result until the rows at T); only an OLD that stays quiet
 * (no PROGRESS, a quiet relation, a cursor nobody FETCHes) is ended early. */
static int up_old_grace_ms(const struct subscription *s)
{
    int64_t c = up_cadence_us(s);
    if (s->up != NULL && s->up->fetch_gap_us > c)
        c = s->up->fetch_gap_us;
    int64_t ms = UP_GRACE_CADENCES * c / 1000;
    if (ms < UP_GRACE_FLOOR_MS)
        ms = UP_GRACE_FLOOR_MS;
    return (int)up_cap_ms(s->conn->proxy, ms);
}

static size_t up_limit(const struct subscription *s)
{
    return s->conn->proxy->cfg->subscribe_splice_memory;
}

static struct up_splice *up_live(struct subscribe_upstream *u)
{
    return &u->sl[u->cur_sl];
}

/* A row of the client's own (old) stream given to the live splice; its
 * progress is measured when the client asked for PROGRESS. */
static void up_splice_old_row(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_upstream *u = s->up;
    uint64_t f0 = splice_frontier(&up_live(u)->sp);
    (void)splice_old_row(&up_live(u)->sp, msg, len);
    if (s->shape.progress)
        up_note_progress(s, &u->old_advance_us, f0, splice_frontier(&up_live(u)->sp));
}

static struct up_splice *up_next(struct subscribe_upstream *u)
{
    return &u->sl[1 - u->cur_sl];
}

static struct up_pq *up_nxt(struct subscribe_upstream *u)
{
    return &u->pq[1 - u->cur];
}

static struct up_pq *up_cur(struct subscribe_upstream *u)
{
    return &u->pq[u->cur];
}

static struct evbuffer *client_out(struct subscription *s)
{
    return bufferevent_get_output(s->conn->client);
}

static void send_bytes(struct subscription *s, const uint8_t *msg, size_t len)
{
    conn_send_to_client(s->conn, msg, len);
}

static void send_to_client(struct subscription *s, const struct wire_writer *w)
{
    send_bytes(s, w->buf, w->len);
}

/* The splices' sink: a live splice's rows go to the client. */
static bool up_sink(void *arg, const uint8_t *msg, size_t len)
{
    struct up_splice *sl = arg;
    if (!sl->live)
        return true;
    struct subscription *s = sl->s;
    if (s->form == SUBSCRIBE_FORM_CURSOR)
        subscribe_cursor_sink(s, msg, len); /* rows for FETCH */
    else
        send_bytes(s, msg, len);
    s->rows++;
    if (s->up->carried)
        s->up->new_rows++;
    return true;
}

static void up_splice_release(struct up_splice *sl)
{
    if (sl->used)
        splice_free(&sl->sp);
    sl->used = false;
    sl->live = false;
}

/* Sets up a tracking splice whose OLD stream has rows of shape `old`;
 * false (sl->sp FAILED, splice_error() says why) if it cannot carry. */
static bool up_splice_init(struct subscription *s, struct up_splice *sl,
                           const struct subrow_shape *old, bool snapshot)
{
    struct splice_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.client = s->shape;
    cfg.old = *old;
    cfg.fresh = s->shape;
    cfg.fresh.progress = true;
    cfg.enc = s->form == SUBSCRIBE_FORM_COPY ? SUBROW_ENC_COPY : SUBROW_ENC_DATAROW;
    cfg.held = SPLICE_HELD_TRACKED;
    cfg.snapshot = snapshot;
    cfg.has_up_to = s->stmt.up_to.present && s->stmt.up_to.numeric;
    cfg.up_to = s->stmt.up_to.value;
    cfg.binary = !s->text || s->stmt.binary;
    cfg.debezium = s->stmt.envelope == SUBSTMT_ENVELOPE_DEBEZIUM;
    cfg.memory_limit = up_limit(s);
    memcpy(cfg.hash_key, s->conn->proxy->splice_hash_key, sizeof cfg.hash_key);
    up_splice_release(sl);
    sl->s = s;
    sl->used = true;
    sl->live = false;
    return splice_init(&sl->sp, &cfg, up_sink, sl) != SPLICE_FAILED;
}

/* The upstream state of `s`, created (with its tracking splice) once the
 * statement is described; NULL on allocation failure. */
static struct subscribe_upstream *up_get(struct subscription *s)
{
    if (s->up == NULL) {
        s->up = calloc(1, sizeof *s->up);
        if (s->up == NULL)
            return NULL;
        s->up->s = s;
        s->up->pq[0].s = s;
        s->up->pq[1].s = s;
        wire_writer_init(&s->up->row);
    }
    struct subscribe_upstream *u = s->up;
    bool described = s->described || (s->form == SUBSCRIBE_FORM_CURSOR && s->shaped);
    if (u->phase == UP_TRACKING && !u->not_carriable && !up_live(u)->used && described) {
        if (!s->analysed) {
            u->not_carriable = true;
            snprintf(u->why, sizeof u->why, "the statement is not one the proxy can rewrite");
        } else if (!s->shaped) {
            u->not_carriable = true;
            snprintf(u->why, sizeof u->why, "its columns do not match the statement");
        } else {
            (void)up_splice_init(s, up_live(u), &s->shape, substmt_snapshot_on(&s->stmt));
        }
    }
    return u;
}

static void up_pq_close(struct up_pq *q)
{
    if (q->counted) {
        struct stats *st = &q->s->conn->proxy->stats;
        if (st->carry_sessions > 0)
            st->carry_sessions--;
        q->counted = false;
    }
    if (q->ev) {
        event_free(q->ev);
        q->ev = NULL;
    }
    if (q->retry) {
        event_free(q->retry);
        q->retry = NULL;
    }
    if (q->pg) {
        PQfinish(q->pg);
        q->pg = NULL;
    }
    q->connecting = false;
}

static void up_old_wait_free(struct subscribe_upstream *u)
{
    if (u->old_wait != NULL)
        event_free(u->old_wait);
    u->old_wait = NULL;
}

static void up_close_pg(struct subscribe_upstream *u)
{
    up_pq_close(&u->pq[0]);
    up_pq_close(&u->pq[1]);
}

void subscribe_upstream_free(struct subscribe_upstream *u)
{
    if (u == NULL)
        return;
    up_close_pg(u);
    up_old_wait_free(u);
    up_splice_release(&u->sl[0]);
    up_splice_release(&u->sl[1]);
    wire_writer_free(&u->row);
    free(u->end_msg);
    free(u);
}

uint64_t subscribe_upstream_frontier(const struct subscription *s)
{
    return s->frontier;
}

void subscribe_upstream_note_delivered(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_upstream *u = up_get(s);
    if (u == NULL || !up_live(u)->used)
        return;
    /* Tracking only: the relay forwards the row itself. A memory overflow
     * here leaves the stream alone and fails a later swap. */
    up_splice_old_row(s, msg, len);
}

/* ---- ending ---- */

static void up_queue_end(struct subscribe_upstream *u, const struct wire_writer *w)
{
    char *m = realloc(u->end_msg, u->end_len + w->len);
    if (m == NULL)
        return;
    memcpy(m + u->end_len, w->buf, w->len);
    u->end_msg = m;
    u->end_len += w->len;
}

static void up_cancel_old(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    if (u->old_cancelled || u->old_done)
        return;
    u->old_cancelled = true;
    cancel_backend(s->conn->proxy, s->conn, 0);
}

/* Whether a splice to a NEW stream is under way. */
static bool up_splicing(const struct subscribe_upstream *u)
{
    return u->phase == UP_QUEUED || u->phase == UP_CONNECTING || u->phase == UP_STARTING ||
           u->phase == UP_COLLECTING;
}

/* Both sides ended: the client gets the end of its stream and the
 * ReadyForQuery; the session is the client's again. May free `s`. */
static void up_finish_if_done(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    if (!u->new_done || !u->old_done)
        return;
    if (u->end_len > 0)
        send_bytes(s, (const uint8_t *)u->end_msg, u->end_len);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_ready(&w, u->old_tx);
    if (wire_writer_ok(&w))
        send_to_client(s, &w);
    wire_writer_free(&w);
    if (u->carried)
        log_conn(c, LOG_LVL_INFO,
                 "carried subscription ended after %" PRIu64 " rows from the new environment",
                 u->new_rows);
    uint8_t tx = u->old_tx;
    subscribe_conn_free(c); /* frees s and u */
    relay_ready_status(c, tx);
}

/* Fails the carry-over with the whole ZC002 message `msg`: the client's
 * stream ends with it now. */
static void up_fail_msg(struct subscription *s, bool overflow, const char *msg_in)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    struct proxy *p = c->proxy;
    if (s->state == SUBSCRIBE_FAILED || u->phase == UP_ENDED)
        return;
    char msg[400];
    snprintf(msg, sizeof msg, "%s", msg_in); /* msg_in may live in a splice freed below */
    log_conn(c, LOG_LVL_WARNING, "%s", msg);
    p->stats.subscriptions_failed++;
    if (overflow)
        p->stats.splice_overflows++;
    free(s->error);
    s->error = strdup(msg);
    s->state = SUBSCRIBE_FAILED;
    up_changed(p);
    up_close_pg(u);
    up_old_wait_free(u);
    up_splice_release(&u->sl[0]);
    up_splice_release(&u->sl[1]);
    if (s->form == SUBSCRIBE_FORM_CURSOR) {
        /* The client hears of it at its next FETCH (subscribe_cursor.c). */
        u->new_done = true;
        u->phase = UP_ENDED;
        subscribe_cursor_failed(s);
        return;
    }
    free(u->end_msg);
    u->end_msg = NULL;
    u->end_len = 0;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_error(&w, "ERROR", SQLSTATE_SUBSCRIBE_RESUBSCRIBE, msg, NULL, NULL);
    if (wire_writer_ok(&w)) {
        /* Before any switch the old statement is still the client's: the
         * error goes out now and its ReadyForQuery follows. After one, the
         * error waits for the old statement's end. */
        if (u->carried || u->old_done) {
            up_queue_end(u, &w);
        } else {
            send_to_client(s, &w);
            p->stats.proxy_errors++;
        }
    }
    wire_writer_free(&w);
    u->new_done = true;
    u->phase = UP_ENDED;
    up_cancel_old(s);
    conn_update_io(c);
    up_finish_if_done(s);
}

/* Fails the carry-over for `why` (the ZC002 message is built around it). */
static void up_fail(struct subscription *s, bool overflow, const char *why)
{
    char msg[400];
    snprintf(msg, sizeof msg, "SUBSCRIBE could not be carried over the deployment: %s; resubscribe",
             why);
    up_fail_msg(s, overflow, msg);
}

/* Fails the carry-over with a failed splice's own message. */
static void up_fail_splice(struct subscription *s, struct up_splice *sl)
{
    up_fail_msg(s, splice_memory_exceeded(&sl->sp), splice_error(&sl->sp));
}

/* ---- the switch ---- */

/* No more rows of the client's current stream are wanted: end it. */
static void up_end_old(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    if (u->carried)
        up_pq_close(up_cur(u));
    else if (s->form == SUBSCRIBE_FORM_CURSOR)
        subscribe_cursor_old_ended(s); /* closed on the server between FETCHes */
    else
        up_cancel_old(s);
}

/* The live splice switched: NEW is the client's stream; the tracking
 * splice of NEW becomes the live one. */
static void up_switch(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    struct up_splice *old = up_live(u);
    uint64_t t = 0;
    (void)splice_switch_ts(&old->sp, &t);
    uint64_t emitted = old->sp.stats.switch_rows;
    up_splice_release(old);
    u->cur_sl = 1 - u->cur_sl;
    up_live(u)->live = true;
    u->old_fed_end = false;
    if (u->old_wait != NULL)
        evtimer_del(u->old_wait); /* OLD passed T in time */
    if (u->phase == UP_STARTING)
        up_started(s);
    up_changed(c->proxy);
    u->old_advance_us = u->new_advance_us; /* NEW is now the client's stream */
    u->new_advance_us = 0;
    /* NEW becomes the client's stream; a previous carried one is done. */
    up_pq_close(up_cur(u));
    u->cur = 1 - u->cur;
    bool first = !u->carried;
    u->carried = true;
    u->phase = UP_SWITCHED;
    s->state = SUBSCRIBE_CARRIED;
    s->environment_swapped = false;
    c->proxy->stats.subscriptions_carried++;
    log_conn(c, LOG_LVL_INFO,
             "subscription carried over at T=%" PRIu64 ": %" PRIu64 " rows emitted at the switch",
             t, emitted);
    if (first && s->form == SUBSCRIBE_FORM_CURSOR)
        subscribe_cursor_old_ended(s);
    else if (first)
        up_cancel_old(s);
    conn_update_io(c);
}

static void up_end_clean(struct subscription *s);
static void up_check(struct subscription *s);

/* OLD, without progress, may stay quiet: what the client holds is final,
 * and the rows at T bring it to new(T). */
static void up_end_old_early(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct up_splice *sl = up_live(u);
    log_conn(s->conn, LOG_LVL_INFO,
             "subscription: the old stream had not passed the switch and was quiet for %d ms; "
             "ended early",
             up_old_grace_ms(s));
    up_end_old(s);
    u->old_fed_end = true;
    (void)splice_signal(&sl->sp, SPLICE_EV_OLD_END);
    up_check(s);
}

/* NEW is complete through T and only OLD, not ended yet, keeps the live
 * splice from switching. */
static bool up_waits_only_for_old(struct subscribe_upstream *u)
{
    return !u->old_fed_end && up_live(u)->used && splice_waiting_for_old(&up_live(u)->sp);
}

static void up_old_wait_arm(struct subscribe_upstream *u, int64_t us)
{
    struct timeval tv = {(time_t)(us / 1000000), (suseconds_t)(us % 1000000)};
    evtimer_add(u->old_wait, &tv);
}

/* The grace is for an OLD that stays quiet: while it still delivers (a
 * cursor's FETCH answer read in several chunks by a busy proxy, rows below
 * T on their way) the wait starts again from its last row. Ending it in
 * the middle of a batch would leave the client with part of a timestamp
 * until T. */
static void up_old_wait_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct subscription *s = arg;
    struct subscribe_upstream *u = s->up;
    if (!up_waits_only_for_old(u))
        return;
    int64_t quiet_since = u->old_row_us > u->old_wait_us ? u->old_row_us : u->old_wait_us;
    int64_t left = (int64_t)up_old_grace_ms(s) * 1000 - (up_now_us() - quiet_since);
    if (left > 0) {
        up_old_wait_arm(u, left);
        return;
    }
    up_end_old_early(s);
}

/* NEW is ready and only OLD keeps the switch waiting: give it
 * up_old_grace_ms() of quiet to pass T by itself, then end it early. */
static void up_wait_for_old(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    if (u->old_wait == NULL)
        u->old_wait = evtimer_new(s->conn->proxy->base, up_old_wait_cb, s);
    if (u->old_wait == NULL) {
        /* Ending OLD now could lose a cursor client's updates before T. */
        up_fail(s, false, "out of memory");
        return;
    }
    if (evtimer_pending(u->old_wait, NULL))
        return;
    u->old_wait_us = up_now_us();
    up_old_wait_arm(u, (int64_t)up_old_grace_ms(s) * 1000);
}

/* A row of OLD while a splice runs: OLD is not quiet (its grace counts
 * from here), and the splice may now switch, end OLD early or fail. */
static void up_feed_old_row(struct subscription *s, const uint8_t *msg, size_t len)
{
    s->up->old_row_us = up_now_us();
    up_splice_old_row(s, msg, len);
    up_check(s);
}

/*
 * After an event given to the live splice: fails, ends the old stream
 * early, or switches, as the splice's state says. May end the client's
 * stream (and free s when both sides are done).
 */
static void up_check(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct up_splice *sl = up_live(u);
    if (!sl->used)
        return;
    if (subscribe_cursor_overflowed(s)) {
        char why[96];
        snprintf(why, sizeof why, "splice memory limit (%zu bytes) exceeded", up_limit(s));
        up_fail(s, true, why);
        return;
    }
    uint64_t f = splice_frontier(&sl->sp);
    if (f > s->frontier)
        s->frontier = f;
    switch (sl->sp.state) {
    case SPLICE_FAILED:
        up_fail_splice(s, sl);
        return;
    case SPLICE_COLLECTING:
        if (u->phase == UP_STARTING) {
            up_started(s);
            u->phase = UP_COLLECTING;
        }
        if (up_waits_only_for_old(u))
            up_wait_for_old(s);
        return;
    case SPLICE_SWITCHED:
        if (up_splicing(u))
            up_switch(s);
        return;
    case SPLICE_ENDED:
        /* NEW reached its UP TO right at the switch. */
        if (up_splicing(u)) {
            up_switch(s);
            up_end_clean(s);
        }
        return;
    case SPLICE_STREAMING:
    case SPLICE_STARTING:
        return;
    }
}

/* Row 0 of a single-row result as a DataRow in u->row. */
static bool up_datarow(struct subscribe_upstream *u, const PGresult *res)
{
    struct wire_writer *w = &u->row;
    int nf = PQnfields(res);
    wire_writer_reset(w);
    wire_begin(w, WIRE_B_DATA_ROW);
    wire_put_i16(w, (int16_t)nf);
    for (int j = 0; j < nf; j++) {
        if (PQgetisnull(res, 0, j)) {
            wire_put_i32(w, -1);
            continue;
        }
        int n = PQgetlength(res, 0, j);
        wire_put_i32(w, n);
        wire_put_bytes(w, PQgetvalue(res, 0, j), (size_t)n);
    }
    wire_end(w);
    if (!wire_writer_ok(w)) {
        up_fail(u->s, false, "out of memory");
        return false;
    }
    return true;
}

/* A row of the carried stream (pq[cur]): OLD of the live splice. */
static void up_cur_row(struct subscription *s, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    if (u->old_fed_end || !up_datarow(u, res))
        return;
    uint64_t f0 = splice_frontier(&up_live(u)->sp);
    (void)splice_old_row(&up_live(u)->sp, u->row.buf, u->row.len);
    up_note_progress(s, &u->old_advance_us, f0, splice_frontier(&up_live(u)->sp));
    up_check(s);
}

/* A row of NEW while splicing: NEW of the live splice, OLD of the next. */
static void up_new_row(struct subscription *s, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    if (u->phase == UP_STARTING) {
        struct subrow_shape fresh = s->shape;
        fresh.progress = true;
        if (PQnfields(res) != (int)subrow_shape_columns(&fresh)) {
            up_fail(s, false, "the new definition has different columns");
            return;
        }
    }
    if (!up_datarow(u, res))
        return;
    struct up_splice *next = up_next(u);
    uint64_t f0 = next->used ? splice_frontier(&next->sp) : 0;
    if (next->used && splice_old_row(&next->sp, u->row.buf, u->row.len) == SPLICE_FAILED) {
        up_fail_splice(s, next);
        return;
    }
    if (next->used)
        up_note_progress(s, &u->new_advance_us, f0, splice_frontier(&next->sp));
    (void)splice_new_row(&up_live(u)->sp, u->row.buf, u->row.len);
    up_check(s);
}

/* Ends the client's stream with the messages in w (freed here), after the
 * old statement's end. May free s. */
static void up_end_queued(struct subscription *s, struct wire_writer *w)
{
    struct subscribe_upstream *u = s->up;
    if (wire_writer_ok(w))
        up_queue_end(u, w);
    wire_writer_free(w);
    u->new_done = true;
    u->phase = UP_ENDED;
    up_close_pg(u);
    up_finish_if_done(s);
}

/* Queues how the client's stream ends: cleanly (CopyDone and
 * CommandComplete, as the server would after the last row), with the
 * server's error in `res`, or with a lost connection (res NULL); then ends
 * it. May free s. */
static void up_end(struct subscription *s, const PGresult *res, bool clean)
{
    if (s->form == SUBSCRIBE_FORM_CURSOR) {
        /* FETCHes return what is left, then nothing. */
        struct subscribe_upstream *u = s->up;
        if (!clean) {
            const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
            char why[300];
            snprintf(why, sizeof why, "the carried stream failed: %s", m ? m : "connection lost");
            up_fail(s, false, why);
            return;
        }
        u->new_done = true;
        u->phase = UP_ENDED;
        up_close_pg(u);
        subscribe_cursor_new_ended(s);
        return;
    }
    struct wire_writer w;
    wire_writer_init(&w);
    if (clean) {
        char tag[48];
        uint64_t n = s->rows + s->progress_rows;
        if (s->form == SUBSCRIBE_FORM_COPY) {
            wire_build_copy_done(&w);
            snprintf(tag, sizeof tag, "COPY %" PRIu64, n);
        } else {
            snprintf(tag, sizeof tag, "SELECT %" PRIu64, n);
        }
        wire_build_command_complete(&w, tag);
    } else if (res != NULL) {
        const char *st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        wire_build_error(&w, "ERROR", st ? st : SQLSTATE_INTERNAL_ERROR, m ? m : "error", NULL,
                         NULL);
    } else {
        wire_build_error(&w, "ERROR", SQLSTATE_CONNECTION_FAILURE,
                         "the server closed the subscription's connection", NULL, NULL);
    }
    up_end_queued(s, &w);
}

static void up_end_clean(struct subscription *s)
{
    up_end(s, NULL, true);
}

/* The carried stream ended (UP TO, error, lost connection): so does the
 * client's, as the server would have ended it. */
static void up_cur_ended(struct subscription *s, const PGresult *res)
{
    up_end(s, res, res != NULL && PQresultStatus(res) != PGRES_FATAL_ERROR);
}

/* NEW's statement ended: at its UP TO the splice may still switch (and
 * end); otherwise the carry-over fails. */
static void up_new_ended(struct subscription *s, struct up_pq *q, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    ExecStatusType st = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        (void)splice_signal(&up_live(u)->sp, SPLICE_EV_NEW_END);
        up_check(s); /* may free s */
        if (c->sub == s && s->up == u && up_splicing(u))
            up_fail(s, false, "the new environment's stream ended before the switch");
        return;
    }
    char why[300];
    const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    snprintf(why, sizeof why, "the new environment's stream ended before the switch: %s",
             m       ? m
             : q->pg ? PQerrorMessage(q->pg)
                     : "?");
    up_fail(s, false, why);
}

/* ---- the proxy's connections on the event loop ---- */

static void up_io_cb(evutil_socket_t fd, short what, void *arg);

static bool up_arm(struct up_pq *q, short what)
{
    if (q->ev) {
        event_free(q->ev);
        q->ev = NULL;
    }
    q->ev = event_new(q->s->conn->proxy->base, PQsocket(q->pg), what, up_io_cb, q);
    if (q->ev == NULL || event_add(q->ev, NULL) != 0) {
        up_fail(q->s, false, "out of memory");
        return false;
    }
    return true;
}

static void up_retry_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct up_pq *q = arg;
    if (q->ev)
        event_add(q->ev, NULL);
    up_io_cb(-1, EV_READ, arg);
}

/* Reads what the server sent on `q`, as long as the client keeps up. */
static void up_read(struct up_pq *q)
{
    struct subscription *s = q->s;
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    bool is_cur = q == up_cur(u);
    if (!PQconsumeInput(q->pg)) {
        if (is_cur)
            up_cur_ended(s, NULL);
        else
            up_new_ended(s, q, NULL);
        return;
    }
    size_t limit = c->proxy->cfg->buffer_limit;
    while (q->pg != NULL && !PQisBusy(q->pg)) {
        if (c->client && !c->client_gone && evbuffer_get_length(client_out(s)) >= limit) {
            /* Backpressure: the socket is read again once the client drains. */
            if (q->ev)
                event_del(q->ev);
            if (q->retry == NULL)
                q->retry = evtimer_new(c->proxy->base, up_retry_cb, q);
            struct timeval tv = {0, 10000};
            if (q->retry)
                evtimer_add(q->retry, &tv);
            break;
        }
        PGresult *res = PQgetResult(q->pg);
        if (res == NULL) {
            if (is_cur)
                up_cur_ended(s, NULL);
            else
                up_new_ended(s, q, NULL);
            return;
        }
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_SINGLE_TUPLE) {
            if (is_cur)
                up_cur_row(s, res);
            else
                up_new_row(s, res);
            PQclear(res);
            /* A failure may have freed s (and q with it); the switch may
             * have made q the client's stream. */
            if (c->sub != s || s->state == SUBSCRIBE_FAILED || u->phase == UP_ENDED ||
                q->pg == NULL)
                return;
            is_cur = q == up_cur(u);
            continue;
        }
        if (is_cur)
            up_cur_ended(s, res);
        else
            up_new_ended(s, q, res);
        PQclear(res);
        return;
    }
    conn_update_io(c);
}

char *subscribe_upstream_new_statement(const char *client_sql, const struct substmt *st)
{
    /* The plain form, PROGRESS and SNAPSHOT on, from now (no AS OF): the
     * splice takes NEW's as-of from its first (progress) row. */
    struct substmt_variant v;
    memset(&v, 0, sizeof v);
    v.progress = SUBSTMT_OPT_TRUE;
    v.snapshot = SUBSTMT_OPT_TRUE;
    v.drop_as_of = true;
    return substmt_build(client_sql, st, &v, NULL);
}

static void up_start_soon(struct proxy *p, int delay_ms);

static void up_send_query(struct up_pq *q)
{
    struct subscription *s = q->s;
    struct subscribe_upstream *u = s->up;
    char *sql = subscribe_upstream_new_statement(s->client_sql, &s->stmt);
    if (sql == NULL) {
        up_fail(s, false, "out of memory");
        return;
    }
    /* What the client will hold after the switch is NEW's result: tracked
     * from NEW's first row for a later swap. */
    struct subrow_shape fresh = s->shape;
    fresh.progress = true;
    if (!up_splice_init(s, up_next(u), &fresh, true)) {
        free(sql);
        up_fail_splice(s, up_next(u));
        return;
    }
    PQsetnonblocking(q->pg, 1);
    int ok = PQsendQuery(q->pg, sql);
    free(sql);
    if (!ok || !PQsetSingleRowMode(q->pg)) {
        char why[300];
        snprintf(why, sizeof why, "could not start the statement on the new environment: %s",
                 PQerrorMessage(q->pg));
        up_fail(s, false, why);
        return;
    }
    u->phase = UP_STARTING;
    up_start_soon(s->conn->proxy, 0); /* its start slot is free */
    int f = PQflush(q->pg);
    up_arm(q, f == 1 ? EV_READ | EV_WRITE | EV_PERSIST : EV_READ | EV_PERSIST);
}

static void up_io_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct up_pq *q = arg;
    if (q->pg == NULL)
        return;
    if (q->connecting) {
        switch (PQconnectPoll(q->pg)) {
        case PGRES_POLLING_READING:
            up_arm(q, EV_READ);
            return;
        case PGRES_POLLING_WRITING:
            up_arm(q, EV_WRITE);
            return;
        case PGRES_POLLING_OK:
            q->connecting = false;
            up_send_query(q);
            return;
        default: {
            /* e.g. the server's max_connections (53300): this stream ends
             * with ZC002, the others go on. libpq's message is one line per
             * attempt: joined, without the final newline. */
            char why[300];
            snprintf(why, sizeof why, "could not connect to the new environment: %s",
                     PQerrorMessage(q->pg));
            for (char *e = why + strlen(why); e > why && (e[-1] == '\n' || e[-1] == ' '); e--)
                e[-1] = '\0';
            for (char *n = strchr(why, '\n'); n != NULL; n = strchr(n, '\n'))
                *n = ' ';
            up_fail(q->s, false, why);
            return;
        }
        }
    }
    if (what & EV_WRITE) {
        int f = PQflush(q->pg);
        if (f == 0) {
            if (!up_arm(q, EV_READ | EV_PERSIST))
                return;
        } else if (f < 0) {
            if (q == up_cur(q->s->up))
                up_cur_ended(q->s, NULL);
            else
                up_new_ended(q->s, q, NULL);
            return;
        }
    }
    if (what & EV_READ)
        up_read(q);
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* `-c name=value` for libpq's options: spaces and backslashes escaped. */
static void append_option(char *buf, size_t cap, const char *name, const char *value)
{
    size_t n = strlen(buf);
    int w = snprintf(buf + n, cap - n, "%s-c %s=", n ? " " : "", name);
    if (w < 0 || (size_t)w >= cap - n)
        return;
    n += (size_t)w;
    for (const char *p = value; *p && n + 3 < cap; p++) {
        if (*p == ' ' || *p == '\\')
            buf[n++] = '\\';
        buf[n++] = *p;
    }
    buf[n] = '\0';
}

static const char *sslmode_name(enum config_tls_mode m)
{
    switch (m) {
    case CONFIG_TLS_DISABLE:
        return "disable";
    case CONFIG_TLS_PREFER:
        return "prefer";
    case CONFIG_TLS_REQUIRE:
        return "require";
    case CONFIG_TLS_VERIFY_CA:
        return "verify-ca";
    case CONFIG_TLS_VERIFY_FULL:
        return "verify-full";
    }
    return "prefer";
}

/* NEW's connection for `s` (queued at the swap): the session's user,
 * cluster and search_path, to run the new statement once up. */
static void up_connect(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    struct proxy *p = c->proxy;
    u->phase = UP_CONNECTING;
    char *host = NULL;
    int port = 0;
    if (!config_parse_hostport(p->cfg->backend, &host, &port)) {
        up_fail(s, false, "invalid backend address");
        return;
    }
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    char options[1024] = "";
    if (s->cluster)
        append_option(options, sizeof options, "cluster", s->cluster);
    if (s->search_path)
        append_option(options, sizeof options, "search_path", s->search_path);
    const char *keys[16], *vals[16];
    int k = 0;
    /* A SCRAM pass-through session: libpq goes through the login shim,
     * which logs in with the session's ClientKey (no password anywhere)
     * and does TLS to the server itself. */
    const struct scram_keys *sk = passthrough_keys(c);
    char shim_dir[128], token[LOGINSHIM_TOKEN_LEN + 1], hostaddr[64];
    if (sk != NULL) {
        char err[300];
        if (!loginshim_register(p, sk, shim_dir, sizeof shim_dir, token, err, sizeof err)) {
            free(host);
            up_fail(s, false, err);
            return;
        }
        keys[k] = "host", vals[k++] = shim_dir;
        keys[k] = "port", vals[k++] = LOGINSHIM_PORT;
        keys[k] = "password", vals[k++] = token;
        keys[k] = "sslmode", vals[k++] = "disable";
        keys[k] = "gssencmode", vals[k++] = "disable";
    } else {
        keys[k] = "host", vals[k++] = host; /* for TLS: the name the certificate names */
        /* the resolver's answer (resolve.h): libpq must not look the name up
         * itself, which would block the loop */
        if (resolve_backend_hostaddr(p, hostaddr, sizeof hostaddr))
            keys[k] = "hostaddr", vals[k++] = hostaddr;
        keys[k] = "port", vals[k++] = portstr;
        keys[k] = "sslmode", vals[k++] = sslmode_name(p->cfg->backend_tls);
        if (c->password)
            keys[k] = "password", vals[k++] = c->password;
        if (p->cfg->backend_tls_ca_file && p->cfg->backend_tls_ca_file[0])
            keys[k] = "sslrootcert", vals[k++] = p->cfg->backend_tls_ca_file;
        if (p->cfg->backend_tls_cert_file && p->cfg->backend_tls_cert_file[0])
            keys[k] = "sslcert", vals[k++] = p->cfg->backend_tls_cert_file;
        if (p->cfg->backend_tls_key_file && p->cfg->backend_tls_key_file[0])
            keys[k] = "sslkey", vals[k++] = p->cfg->backend_tls_key_file;
    }
    keys[k] = "user", vals[k++] = c->user;
    keys[k] = "dbname", vals[k++] = c->database ? c->database : c->user;
    keys[k] = "application_name", vals[k++] = "cutover-subscribe";
    if (options[0])
        keys[k] = "options", vals[k++] = options;
    keys[k] = NULL, vals[k] = NULL;
    struct up_pq *q = up_nxt(u);
    u->start_at_us = up_now_us();
    up_changed(p);
    u->new_advance_us = 0;
    q->pg = PQconnectStartParams(keys, vals, 0);
    free(host);
    if (sk != NULL)
        OPENSSL_cleanse(token, sizeof token);
    if (q->pg == NULL || PQstatus(q->pg) == CONNECTION_BAD) {
        up_fail(s, false, "could not start a connection to the new environment");
        return;
    }
    q->connecting = true;
    q->counted = true;
    if (++p->stats.carry_sessions > p->stats.carry_sessions_peak)
        p->stats.carry_sessions_peak = p->stats.carry_sessions;
    PQsetNoticeProcessor(q->pg, quiet_notices, NULL);
    log_conn(c, LOG_LVL_INFO, "carrying %s subscription over the swap%s",
             subscribe_form_name(s->form), u->carried ? " (again)" : "");
    up_arm(q, EV_WRITE);
}

/*
 * NEW streams' logins run a few at a time ([subscribe] start_concurrency):
 * a burst of session set-ups (every subscriber at once, right after the
 * swap) delays every stream the server is sending, the clients' old ones
 * included. A slot is held from the connect until the statement is sent,
 * not until the stream's first row: that row comes after the new dataflow
 * has hydrated and the server has closed a timestamp past it (at least one
 * cadence, about a second on Materialize), and holding the slot for it made
 * the promote last N / start_concurrency cadences (issue 18: 14.3 s for 100
 * subscribers). The logins thus pace themselves at the server's login
 * latency, and the hydrations run side by side, as the server runs any
 * concurrent SUBSCRIBEs. Until its turn a subscription's old stream keeps
 * flowing to the client.
 */
#define START_POLL_MS 5

static void up_start_tick(evutil_socket_t fd, short what, void *arg);

/* Runs up_start_queued from the loop, now: a slot freed inside a
 * connection's callback is reused without waiting for the poll. */
static void up_start_soon(struct proxy *p, int delay_ms)
{
    if (p->subscribe_start_timer == NULL)
        p->subscribe_start_timer = evtimer_new(p->base, up_start_tick, p);
    struct timeval tv = {0, delay_ms * 1000};
    if (p->subscribe_start_timer != NULL &&
        (delay_ms == 0 || !evtimer_pending(p->subscribe_start_timer, NULL)))
        evtimer_add(p->subscribe_start_timer, &tv);
}

/* Starts queued NEW streams while fewer than start_concurrency are
 * logging in; re-arms itself while any stays queued. */
static void up_start_queued(struct proxy *p)
{
    int starting = 0;
    bool queued = false;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        struct subscription *s = c->sub;
        if (s != NULL && s->up != NULL && s->up->phase == UP_CONNECTING)
            starting++;
    }
    struct conn *next;
    for (c = TAILQ_FIRST(&p->conns); c != NULL; c = next) {
        next = TAILQ_NEXT(c, link);
        struct subscription *s = c->sub;
        if (s == NULL || s->up == NULL || s->up->phase != UP_QUEUED || c->state == CONN_CLOSING)
            continue;
        if (starting >= p->cfg->subscribe_start_concurrency) {
            queued = true;
            break;
        }
        /* [subscribe] max_sessions bounds the sessions held at once. A
         * first carry-over holds its session for as long as the stream
         * runs, so waiting for one to free up could last forever: at the
         * bound it ends now. A stream carried before already holds one,
         * which its switch closes: it goes over the bound while it starts
         * (at most start_concurrency of them at a time). */
        int max = p->cfg->subscribe_max_sessions;
        if (max > 0 && !s->up->carried && p->stats.carry_sessions >= (uint64_t)max) {
            char why[160];
            snprintf(why, sizeof why,
                     "the carry-over holds its most server sessions at once ([subscribe] "
                     "max_sessions = %d)",
                     max);
            p->stats.carry_sessions_refused++;
            up_fail(s, false, why);
            continue;
        }
        up_connect(s);
        starting++;
    }
    if (queued)
        up_start_soon(p, START_POLL_MS);
}

static void up_start_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    up_start_queued(arg);
}

void subscribe_upstream_start(struct subscription *s)
{
    struct conn *c = s->conn;
    struct proxy *p = c->proxy;
    if (s->route != ROUTE_PRODUCTION) {
        /* Other routes read objects that the swap renames but cleanup
         * keeps (deploy -> production): nothing to carry. */
        s->environment_swapped = false;
        return;
    }
    struct subscribe_upstream *u = up_get(s);
    if (u == NULL)
        return;
    if (u->phase == UP_ENDED || s->state == SUBSCRIBE_FAILED)
        return;
    if (up_splicing(u)) {
        /* Swapped again before the first splice switched: the stream it
         * was starting reads what is now the old environment. */
        up_fail(s, false, "the environment swapped again while it was being carried over");
        return;
    }
    s->environment_swapped = true;
    s->state = SUBSCRIBE_SPLICING;
    u->phase = UP_CONNECTING;
    if (!s->described && !(s->form == SUBSCRIBE_FORM_CURSOR && s->shaped)) {
        up_fail(s, false, "the statement had not started streaming at the swap");
        return;
    }
    if (u->not_carriable) {
        up_fail(s, false, u->why);
        return;
    }
    struct up_splice *sl = up_live(u);
    if (!sl->used) {
        up_fail(s, false, "out of memory");
        return;
    }
    /* From here the splice speaks for the client's stream. */
    sl->live = true;
    u->old_fed_end = false;
    if (splice_signal(&sl->sp, SPLICE_EV_START) != SPLICE_STARTING) {
        up_fail_splice(s, sl);
        return;
    }
    if (c->auth_challenged && c->password == NULL && passthrough_keys(c) == NULL) {
        up_fail(s, false,
                "the session authenticated with MD5 or SCRAM, which the proxy cannot repeat "
                "(SCRAM can, for users in [auth] file)");
        return;
    }
    u->phase = UP_QUEUED;
    up_start_queued(p);
}

/* ---- the old stream from the swap on ---- */

bool subscribe_upstream_old_message(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_upstream *u = s->up;
    /* The session's own statement is still the client's stream. */
    bool live = !u->carried && up_splicing(u);
    switch (msg[0]) {
    case WIRE_B_READY: {
        uint8_t tx = WIRE_TX_IDLE;
        if (!wire_parse_ready(msg, len, &tx))
            tx = WIRE_TX_IDLE;
        u->old_done = true;
        u->old_tx = tx;
        if (live && !u->old_cancelled) {
            /* The old statement ended on its own before the switch: so
             * does the client's stream (what ended it was forwarded). */
            u->new_done = true;
            u->phase = UP_ENDED;
            up_close_pg(u);
        }
        up_finish_if_done(s); /* may free s */
        return false;
    }
    case WIRE_B_ERROR:
    case WIRE_B_COMMAND_COMPLETE:
    case WIRE_B_COPY_DONE:
        /* Before the switch and not cancelled by us: the client sees how
         * its statement ended. */
        return live && !u->old_cancelled;
    case WIRE_B_DATA_ROW:
    case WIRE_B_COPY_DATA:
        /* The splice writes what the client gets of it. */
        if (live && !u->old_fed_end)
            up_feed_old_row(s, msg, len); /* never frees s: the old statement is running */
        return false;
    default:
        return live;
    }
}

bool subscribe_upstream_cancel(struct conn *c)
{
    struct subscription *s = c->sub;
    if (s != NULL && s->form == SUBSCRIBE_FORM_CURSOR)
        return subscribe_cursor_cancel(c);
    if (s == NULL || s->up == NULL || !s->up->carried || s->up->phase == UP_ENDED)
        return false;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_error(&w, "ERROR", SQLSTATE_QUERY_CANCELED,
                     "canceling statement due to user request", NULL, NULL);
    up_end_queued(s, &w);
    conn_update_io(c);
    return true;
}

bool subscribe_upstream_holds_client(const struct conn *c)
{
    /* A cursor's FETCHes are answered by subscribe_cursor_client(). */
    return c->sub != NULL && c->sub->up != NULL && c->sub->state != SUBSCRIBE_STREAMING &&
           c->sub->form != SUBSCRIBE_FORM_CURSOR;
}

void subscribe_upstream_feed_old(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_upstream *u = s->up;
    if (u == NULL || u->carried || !up_splicing(u) || u->old_fed_end || !up_live(u)->used)
        return;
    up_feed_old_row(s, msg, len);
}

void subscribe_upstream_note_fetch(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    if (u == NULL)
        return;
    int64_t now = up_now_us();
    if (u->fetch_us > 0 && now - u->fetch_us >= UP_SAME_BATCH_US)
        u->fetch_gap_us = up_decaying_max(u->fetch_gap_us, now - u->fetch_us);
    u->fetch_us = now;
}

/* ---- before cleanup ---- */

/* Cleanup waits until no session's statement still reads old objects. */
struct cleanup_wait {
    struct proxy *p;
    proxy_subscriptions_done_fn done;
    void *arg;
    struct event *timer;
    int ticks;
};

#define CLEANUP_POLL_MS 20
#define CLEANUP_MIN_MS  10000

/* How long cleanup waits for cancelled old statements to end: ten
 * cadences (a cancel lands at the stream's next batch), at least
 * CLEANUP_MIN_MS, at most [subscribe] carry_wait_max. */
static int64_t up_cleanup_limit_ms(struct proxy *p)
{
    int64_t c = p->subscribe_cadence_us > 0 ? p->subscribe_cadence_us : UP_CADENCE_DEFAULT_US;
    int64_t ms = 10 * c / 1000;
    return up_cap_ms(p, ms < CLEANUP_MIN_MS ? CLEANUP_MIN_MS : ms);
}

static bool reads_old_objects(const struct conn *c)
{
    const struct subscription *s = c->sub;
    if (s == NULL || c->state == CONN_CLOSING)
        return false;
    /* A cursor: until its old cursor is closed on the server, or a splice
     * on the carried stream has switched; one never carried (failed before
     * cleanup, subscribe.c) only while a FETCH cancelled then runs. */
    if (s->form == SUBSCRIBE_FORM_CURSOR) {
        if (s->cur == NULL || s->up == NULL)
            return s->state == SUBSCRIBE_FAILED && c->state == CONN_ACTIVE;
        return subscribe_cursor_reads_old(s) || up_splicing(s->up);
    }
    if (s->up == NULL || s->up->phase == UP_TRACKING)
        return s->environment_swapped && !s->ended;
    /* A splice not switched yet, or an old statement not finished. */
    return up_splicing(s->up) || !s->up->old_done;
}

static void cleanup_poll_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct cleanup_wait *cw = arg;
    struct proxy *p = cw->p;
    bool waiting = false;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (reads_old_objects(c)) {
            waiting = true;
            break;
        }
    }
    if (waiting && ++cw->ticks * CLEANUP_POLL_MS < up_cleanup_limit_ms(p)) {
        struct timeval tv = {0, CLEANUP_POLL_MS * 1000};
        evtimer_add(cw->timer, &tv);
        return;
    }
    if (waiting)
        log_msg(&p->log, LOG_LVL_WARNING,
                "cleanup: old SUBSCRIBE statements still running after %d ms; going on",
                cw->ticks * CLEANUP_POLL_MS);
    event_free(cw->timer);
    proxy_subscriptions_done_fn done = cw->done;
    void *darg = cw->arg;
    free(cw);
    done(darg);
}

/* Before cleanup, a splice that waits only for its old stream (NEW is
 * complete through T) switches now, the old stream ended early as its
 * grace would have ended it, rather than failing with ZC002. True when it
 * did. May free nothing: the old statement (or cursor) is still open. */
static bool up_end_old_for_cleanup(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    if (u == NULL || !up_splicing(u) || !up_waits_only_for_old(u))
        return false;
    up_end_old_early(s);
    return true;
}

void subscribe_upstream_before_cleanup(struct proxy *p, proxy_subscriptions_done_fn done, void *arg)
{
    bool waiting = false;
    struct conn *c, *next;
    for (c = TAILQ_FIRST(&p->conns); c != NULL; c = next) {
        next = TAILQ_NEXT(c, link);
        if (!reads_old_objects(c))
            continue;
        struct subscription *s = c->sub;
        if (s->state != SUBSCRIBE_FAILED && up_end_old_for_cleanup(s)) {
            /* A cursor's FETCH still running on the old cursor is
             * cancelled; a plain statement was cancelled by the early end. */
            if (c->sub == s && s->form == SUBSCRIBE_FORM_CURSOR)
                subscribe_cursor_before_cleanup(s);
            if (reads_old_objects(c))
                waiting = true;
            continue;
        }
        if (s->form == SUBSCRIBE_FORM_CURSOR) {
            /* Not switched yet: fails (ZC002 at its next FETCH); either way
             * the old cursor is closed once no FETCH is in flight. */
            if (s->up != NULL && up_splicing(s->up) && s->state != SUBSCRIBE_FAILED)
                up_fail(s, false, "the old environment is being dropped before the switch");
            if (c->sub == s)
                subscribe_cursor_before_cleanup(s);
            if (reads_old_objects(c))
                waiting = true;
            continue;
        }
        struct subscribe_upstream *u = up_get(s);
        if (u == NULL)
            continue;
        if (s->state != SUBSCRIBE_FAILED && u->phase != UP_SWITCHED && u->phase != UP_ENDED) {
            if (u->phase == UP_TRACKING)
                u->phase = UP_CONNECTING; /* never started: fail it as a splice */
            up_fail(s, false, "the old environment is being dropped before the switch");
        } else {
            /* Cancelled at the switch but still running (a lost cancel):
             * once more, before its objects go. */
            u->old_cancelled = false;
            up_cancel_old(s);
        }
        if (reads_old_objects(c))
            waiting = true;
    }
    if (!waiting) {
        done(arg);
        return;
    }
    struct cleanup_wait *cw = calloc(1, sizeof *cw);
    if (cw != NULL)
        cw->timer = evtimer_new(p->base, cleanup_poll_cb, cw);
    if (cw == NULL || cw->timer == NULL) {
        free(cw);
        done(arg);
        return;
    }
    cw->p = p;
    cw->done = done;
    cw->arg = arg;
    struct timeval tv = {0, CLEANUP_POLL_MS * 1000};
    evtimer_add(cw->timer, &tv);
}

/* ---- how long the control plane waits for splices to switch ---- */

/*
 * Without a switch, a failure or a new stream reaching its as-of for this
 * long, the splices under way are stuck: two new-stream starts (connect to
 * as-of, hydration included, as measured; ten cadences before any was) and
 * four cadences for T to close on both streams, at least
 * UP_SETTLE_FLOOR_MS, at most [subscribe] carry_wait_max. Streams queued
 * behind start_concurrency do not count against it: each start resets it.
 * A new stream whose query was sent but which has not reached its as-of is
 * hydrating: Materialize sends nothing on a SUBSCRIBE of a query until its
 * new dataflow has hydrated, and a changed definition may hydrate for far
 * longer than any stream measured before, so no multiple of earlier starts
 * can call it stuck. While one is, only carry_wait_max ends the wait. So
 * too while an old stream is in its grace (up_old_grace_ms): that splice
 * switches by itself when OLD passes T or when the grace ends it early,
 * and a cursor's grace is a multiple of its client's FETCH interval, which
 * no server cadence bounds.
 */
#define UP_SETTLE_FLOOR_MS 5000

int64_t subscribe_upstream_settle_limit_ms(struct proxy *p)
{
    int64_t c = p->subscribe_cadence_us > 0 ? p->subscribe_cadence_us : UP_CADENCE_DEFAULT_US;
    int64_t start = p->subscribe_start_us > 0 ? p->subscribe_start_us : 10 * c;
    int64_t ms = (2 * start + 4 * c) / 1000;
    return up_cap_ms(p, ms < UP_SETTLE_FLOOR_MS ? UP_SETTLE_FLOOR_MS : ms);
}

/* Whether a splice under way will move by itself: its NEW stream waits for
 * its as-of, or its OLD stream is in its grace. */
static bool up_any_waiting_by_design(struct proxy *p)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        const struct subscribe_upstream *u = c->sub != NULL ? c->sub->up : NULL;
        if (u == NULL)
            continue;
        if (u->phase == UP_STARTING ||
            (up_splicing(u) && u->old_wait != NULL && evtimer_pending(u->old_wait, NULL)))
            return true;
    }
    return false;
}

bool proxy_subscriptions_settle_expired(struct proxy *p, int64_t waited_ms)
{
    if (up_any_waiting_by_design(p)) {
        int64_t cap = p->cfg->subscribe_carry_wait_max_ms;
        return cap > 0 && waited_ms >= cap;
    }
    int64_t idle_ms = waited_ms;
    if (p->subscribe_changed_us > 0) {
        int64_t since = (up_now_us() - p->subscribe_changed_us) / 1000;
        if (since < idle_ms)
            idle_ms = since;
    }
    return idle_ms >= subscribe_upstream_settle_limit_ms(p);
}
