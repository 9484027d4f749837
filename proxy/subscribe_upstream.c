/*
 * subscribe_upstream.c: see subscribe_upstream.h.
 *
 * The splice, for the default envelope (mz_diff):
 *   C      = what the client holds: every data row delivered, consolidated
 *            (a multiset keyed by the row's data columns in the client's
 *            encoding), kept from the subscription's start;
 *   NEW    = the same statement on the new environment, WITH (PROGRESS);
 *            its first row is a progress row at its as-of A;
 *   T      = max(A, the first timestamp the client has seen nothing of):
 *            every row delivered to the client has ts < T;
 *   N      = NEW's rows with ts <= T, consolidated (snapshot at A plus
 *            updates in (A, T]).
 * From the swap until A is known the old stream flows as before. Once T
 * is fixed, old rows with ts < T are still delivered (into C), later ones
 * are dropped. When NEW's progress passes T, the proxy emits N - C at
 * timestamp T (rows present in both cancel out: nothing when the
 * definition did not change and no update happened at T), then NEW's rows
 * with ts > T as they come, in the client's shape. The client's result is
 * then new(T) at T and follows NEW afterwards: no gap, no duplicate,
 * timestamps and progress never go backwards.
 *
 * The old statement is cancelled at the switch; its 57014 and everything
 * up to its ReadyForQuery are swallowed. When NEW ends, the client gets
 * what the server would have sent (CommandComplete or the error) and the
 * ReadyForQuery the old session reported.
 */
#include "proxy/subscribe_upstream.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <libpq-fe.h>
#include <openssl/crypto.h>

#include "protocol/messages.h"
#include "protocol/sqllex.h"
#include "protocol/sqlstate.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/cancel.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"

/* ---- a consolidating multiset of rows (bytes -> count) ---- */

struct rowset_row {
    struct rowset_row *next; /* chain */
    uint64_t hash;
    int64_t count;
    size_t len;
    uint8_t key[]; /* the data columns in the client's encoding */
};

struct rowset {
    struct rowset_row **buckets;
    size_t nbuckets; /* a power of two */
    size_t nrows;
    size_t bytes; /* memory held: rows + bucket array */
};

#define ROWSET_ROW_OVERHEAD (sizeof(struct rowset_row) + 16) /* + malloc's own */

static uint64_t rowset_hash(const uint8_t *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void rowset_clear(struct rowset *z)
{
    for (size_t i = 0; i < z->nbuckets; i++) {
        struct rowset_row *r = z->buckets[i];
        while (r) {
            struct rowset_row *n = r->next;
            free(r);
            r = n;
        }
    }
    free(z->buckets);
    memset(z, 0, sizeof *z);
}

static bool rowset_grow(struct rowset *z)
{
    size_t nb = z->nbuckets ? z->nbuckets * 2 : 64;
    struct rowset_row **b = calloc(nb, sizeof *b);
    if (b == NULL)
        return false;
    for (size_t i = 0; i < z->nbuckets; i++) {
        struct rowset_row *r = z->buckets[i];
        while (r) {
            struct rowset_row *n = r->next;
            size_t j = (size_t)r->hash & (nb - 1);
            r->next = b[j];
            b[j] = r;
            r = n;
        }
    }
    z->bytes += (nb - z->nbuckets) * sizeof *b;
    free(z->buckets);
    z->buckets = b;
    z->nbuckets = nb;
    return true;
}

/* Adds `diff` copies of a row; false on allocation failure or when the
 * memory held would pass `limit` (the set is unchanged then). */
static bool rowset_add(struct rowset *z, const uint8_t *key, size_t len, int64_t diff, size_t limit)
{
    if (diff == 0)
        return true;
    if (z->nrows >= z->nbuckets) {
        if (z->bytes + (z->nbuckets ? z->nbuckets : 64) * sizeof(void *) > limit)
            return false;
        if (!rowset_grow(z))
            return false;
    }
    uint64_t h = rowset_hash(key, len);
    struct rowset_row **pp = &z->buckets[(size_t)h & (z->nbuckets - 1)];
    for (; *pp; pp = &(*pp)->next) {
        struct rowset_row *r = *pp;
        if (r->hash == h && r->len == len && memcmp(r->key, key, len) == 0) {
            r->count += diff;
            if (r->count == 0) {
                *pp = r->next;
                z->bytes -= ROWSET_ROW_OVERHEAD + r->len;
                z->nrows--;
                free(r);
            }
            return true;
        }
    }
    if (z->bytes + ROWSET_ROW_OVERHEAD + len > limit)
        return false;
    struct rowset_row *r = malloc(sizeof *r + len);
    if (r == NULL)
        return false;
    r->hash = h;
    r->count = diff;
    r->len = len;
    memcpy(r->key, key, len);
    r->next = *pp;
    *pp = r;
    z->bytes += ROWSET_ROW_OVERHEAD + len;
    z->nrows++;
    return true;
}

/* ---- the upstream state of one subscription ---- */

enum up_phase {
    UP_TRACKING,   /* only C is kept: no swap yet */
    UP_CONNECTING, /* NEW's connection being set up */
    UP_STARTING,   /* NEW's query sent; waiting for its as-of */
    UP_COLLECTING, /* T fixed; gathering NEW up to T */
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
};

struct pending_row {
    struct pending_row *next;
    size_t len;
    uint8_t msg[]; /* a whole message in the client's shape */
};

struct subscribe_upstream {
    struct subscription *s; /* owner */
    enum up_phase phase;
    struct rowset held;     /* C: what the client holds (consolidated) */
    bool not_carriable;     /* C could not be kept (memory, envelope, format) */
    char why[200];          /* why not */
    bool overflowed;        /* the memory limit caused not_carriable */
    uint16_t client_ncols;  /* columns the client sees */
    uint16_t ndata;         /* data columns (after mz_diff) */
    uint64_t next_ts;       /* every row delivered has ts < next_ts */
    uint64_t progress_sent; /* last progress timestamp the client got (+1), 0 = none */

    /*
     * pq[cur] is the client's stream once carried (before that, the
     * session's own backend is); pq[1 - cur] is NEW while a splice runs. A
     * second swap (a rollback) splices pq[cur] to a fresh NEW the same way.
     */
    struct up_pq pq[2];
    int cur;
    bool carried;                                 /* switched at least once */
    uint64_t as_of;                               /* A */
    uint64_t t;                                   /* T */
    struct rowset newset;                         /* N */
    struct pending_row *after_head, **after_tail; /* NEW rows with ts > T before the switch */
    size_t after_bytes;
    uint64_t new_rows; /* rows NEW delivered to the client (for the tag) */

    bool old_cancelled; /* CancelRequest sent for the old statement */
    bool old_done;      /* the old statement's ReadyForQuery came */
    uint8_t old_tx;     /* its transaction status */
    bool new_done;      /* NEW ended; its end is waiting for old_done */
    char *end_msg;      /* malloc'd: what to send the client at the end (whole messages) */
    size_t end_len;
};

static size_t up_limit(const struct subscription *s)
{
    return s->conn->proxy->cfg->subscribe_splice_memory;
}

static size_t up_bytes(const struct subscribe_upstream *u)
{
    return u->held.bytes + u->newset.bytes + u->after_bytes;
}

static struct subscribe_upstream *up_get(struct subscription *s)
{
    if (s->up == NULL) {
        s->up = calloc(1, sizeof *s->up);
        if (s->up == NULL)
            return NULL;
        s->up->s = s;
        s->up->after_tail = &s->up->after_head;
        s->up->pq[0].s = s;
        s->up->pq[1].s = s;
    }
    return s->up;
}

static void up_free_pending(struct subscribe_upstream *u)
{
    struct pending_row *r = u->after_head;
    while (r) {
        struct pending_row *n = r->next;
        free(r);
        r = n;
    }
    u->after_head = NULL;
    u->after_tail = &u->after_head;
    u->after_bytes = 0;
}

static struct up_pq *up_nxt(struct subscribe_upstream *u)
{
    return &u->pq[1 - u->cur];
}

static struct up_pq *up_cur(struct subscribe_upstream *u)
{
    return &u->pq[u->cur];
}

static void up_pq_close(struct up_pq *q)
{
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
    rowset_clear(&u->held);
    rowset_clear(&u->newset);
    up_free_pending(u);
    free(u->end_msg);
    free(u);
}

uint64_t subscribe_upstream_frontier(const struct subscription *s)
{
    return s->frontier;
}

/* ---- rows ---- */

static bool parse_u64(const uint8_t *p, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
        if (v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(p[i] - '0');
    }
    if (i == 0 || (i < n && p[i] != '.'))
        return false;
    *out = v;
    return true;
}

static bool parse_i64(const uint8_t *p, size_t n, int64_t *out)
{
    bool neg = n > 0 && p[0] == '-';
    uint64_t v;
    if (!parse_u64(p + neg, n - neg, &v) || v > (uint64_t)INT64_MAX)
        return false;
    *out = neg ? -(int64_t)v : (int64_t)v;
    return true;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* One row in the client's encoding, decoded. */
struct urow {
    uint64_t ts;
    bool progressed;
    int64_t diff;
    const uint8_t *key; /* data columns in the client's encoding */
    size_t key_len;
};

/* A DataRow: ts, [progressed], diff, data... ; key = the data columns'
 * (length, bytes) pairs exactly as on the wire. */
static bool decode_data_row(const struct subscription *s, const uint8_t *msg, size_t len,
                            struct urow *r)
{
    if (len < WIRE_HEADER_LEN + 2)
        return false;
    size_t off = WIRE_HEADER_LEN;
    uint16_t n = (uint16_t)(msg[off] << 8 | msg[off + 1]);
    off += 2;
    unsigned lead = s->has_progressed ? 3 : 2;
    if (n < lead)
        return false;
    const uint8_t *val[3] = {NULL, NULL, NULL};
    int32_t vlen[3] = {-1, -1, -1};
    for (unsigned i = 0; i < lead; i++) {
        if (off + 4 > len)
            return false;
        int32_t l = (int32_t)be32(msg + off);
        off += 4;
        if (l >= 0) {
            if ((size_t)l > len - off)
                return false;
            val[i] = msg + off;
            off += (size_t)l;
        }
        vlen[i] = l;
    }
    if (vlen[0] < 0 || !parse_u64(val[0], (size_t)vlen[0], &r->ts))
        return false;
    r->progressed = s->has_progressed && vlen[1] == 1 && val[1][0] == 't';
    r->diff = 0;
    if (!r->progressed) {
        unsigned d = s->has_progressed ? 2 : 1;
        if (vlen[d] < 0 || !parse_i64(val[d], (size_t)vlen[d], &r->diff))
            return false;
    }
    r->key = msg + off;
    r->key_len = len - off;
    return true;
}

/* A CopyData text line: ts \t [progressed \t] diff \t data... \n ; key =
 * the data part without its newline. */
static bool decode_copy_line(const struct subscription *s, const uint8_t *msg, size_t len,
                             struct urow *r)
{
    if (len < WIRE_HEADER_LEN)
        return false;
    const uint8_t *p = msg + WIRE_HEADER_LEN;
    size_t n = len - WIRE_HEADER_LEN;
    if (n > 0 && p[n - 1] == '\n')
        n--;
    unsigned lead = s->has_progressed ? 3 : 2;
    const uint8_t *f[3];
    size_t fl[3];
    size_t pos = 0;
    for (unsigned i = 0; i < lead; i++) {
        size_t st = pos;
        while (pos < n && p[pos] != '\t')
            pos++;
        f[i] = p + st;
        fl[i] = pos - st;
        if (pos < n)
            pos++;
        else if (i + 1 < lead && !(s->has_progressed && i == 1))
            return false;
    }
    if (!parse_u64(f[0], fl[0], &r->ts))
        return false;
    r->progressed = s->has_progressed && fl[1] == 1 && f[1][0] == 't';
    r->diff = 0;
    if (!r->progressed) {
        unsigned d = s->has_progressed ? 2 : 1;
        if (!parse_i64(f[d], fl[d], &r->diff))
            return false;
    }
    r->key = p + pos;
    r->key_len = pos <= n ? n - pos : 0;
    return true;
}

static bool decode_old(const struct subscription *s, const uint8_t *msg, size_t len, struct urow *r)
{
    if (msg[0] == WIRE_B_DATA_ROW && s->form != SUBSCRIBE_FORM_COPY)
        return decode_data_row(s, msg, len, r);
    if (msg[0] == WIRE_B_COPY_DATA && s->form == SUBSCRIBE_FORM_COPY)
        return decode_copy_line(s, msg, len, r);
    return false;
}

static void up_mark_not_carriable(struct subscribe_upstream *u, bool overflow, const char *why)
{
    if (u->not_carriable)
        return;
    u->not_carriable = true;
    u->overflowed = overflow;
    snprintf(u->why, sizeof u->why, "%s", why);
    rowset_clear(&u->held);
}

/* A row the client received (or is about to): feeds C and next_ts. */
static void note_urow(struct subscription *s, const struct urow *r)
{
    struct subscribe_upstream *u = s->up;
    if (r->ts + (r->progressed ? 0 : 1) > u->next_ts)
        u->next_ts = r->ts + (r->progressed ? 0 : 1);
    if (r->progressed) {
        if (r->ts + 1 > u->progress_sent)
            u->progress_sent = r->ts + 1;
        return;
    }
    if (u->not_carriable)
        return;
    if (!rowset_add(&u->held, r->key, r->key_len, r->diff, up_limit(s))) {
        char why[160];
        snprintf(why, sizeof why, "splice memory limit (%zu bytes) exceeded", up_limit(s));
        up_mark_not_carriable(u, true, why);
    }
}

void subscribe_upstream_note_delivered(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct subscribe_upstream *u = up_get(s);
    if (u == NULL)
        return;
    struct urow r;
    if (!decode_old(s, msg, len, &r)) {
        up_mark_not_carriable(u, false, "rows not in the default envelope's text format");
        return;
    }
    note_urow(s, &r);
}

/* ---- building rows in the client's shape ---- */

static void put_col(struct wire_writer *w, const char *v, size_t n)
{
    wire_put_i32(w, (int32_t)n);
    wire_put_bytes(w, v, n);
}

/* Writes one data row (or, with progressed, a progress row) in the client's
 * shape into `w`. */
static void build_row(const struct subscription *s, struct wire_writer *w, uint64_t ts,
                      bool progressed, int64_t diff, const uint8_t *key, size_t key_len)
{
    const struct subscribe_upstream *u = s->up;
    char tsb[24], db[24];
    int tsn = snprintf(tsb, sizeof tsb, "%" PRIu64, ts);
    int dn = snprintf(db, sizeof db, "%" PRId64, diff);
    if (s->form == SUBSCRIBE_FORM_COPY) {
        wire_begin(w, WIRE_B_COPY_DATA);
        wire_put_bytes(w, tsb, (size_t)tsn);
        if (s->has_progressed)
            wire_put_bytes(w, progressed ? "\tt" : "\tf", 2);
        if (progressed) {
            for (unsigned i = 0; i < (unsigned)u->ndata + 1; i++)
                wire_put_bytes(w, "\t\\N", 3);
        } else {
            wire_put_u8(w, '\t');
            wire_put_bytes(w, db, (size_t)dn);
            if (u->ndata > 0) {
                wire_put_u8(w, '\t');
                wire_put_bytes(w, key, key_len);
            }
        }
        wire_put_u8(w, '\n');
        wire_end(w);
        return;
    }
    wire_begin(w, WIRE_B_DATA_ROW);
    wire_put_i16(w, (int16_t)u->client_ncols);
    put_col(w, tsb, (size_t)tsn);
    if (s->has_progressed)
        put_col(w, progressed ? "t" : "f", 1);
    if (progressed) {
        for (unsigned i = 0; i < (unsigned)u->ndata + 1; i++)
            wire_put_i32(w, -1);
    } else {
        put_col(w, db, (size_t)dn);
        wire_put_bytes(w, key, key_len);
    }
    wire_end(w);
}

/* The data columns of NEW's current row in the client's encoding. */
static void new_key(const struct subscription *s, const PGresult *res, int first,
                    struct wire_writer *w)
{
    int nf = PQnfields(res);
    for (int j = first; j < nf; j++) {
        bool null = PQgetisnull(res, 0, j);
        const char *v = PQgetvalue(res, 0, j);
        size_t n = (size_t)PQgetlength(res, 0, j);
        if (s->form != SUBSCRIBE_FORM_COPY) {
            if (null) {
                wire_put_i32(w, -1);
            } else {
                put_col(w, v, n);
            }
            continue;
        }
        if (j > first)
            wire_put_u8(w, '\t');
        if (null) {
            wire_put_bytes(w, "\\N", 2);
            continue;
        }
        for (size_t i = 0; i < n; i++) {
            switch (v[i]) {
            case '\\':
                wire_put_bytes(w, "\\\\", 2);
                break;
            case '\t':
                wire_put_bytes(w, "\\t", 2);
                break;
            case '\n':
                wire_put_bytes(w, "\\n", 2);
                break;
            case '\r':
                wire_put_bytes(w, "\\r", 2);
                break;
            default:
                wire_put_u8(w, (uint8_t)v[i]);
            }
        }
    }
}

static struct evbuffer *client_out(struct subscription *s)
{
    return bufferevent_get_output(s->conn->client);
}

static void send_to_client(struct subscription *s, const struct wire_writer *w)
{
    struct conn *c = s->conn;
    if (c->client == NULL || c->client_gone)
        return;
    evbuffer_add(client_out(s), w->buf, w->len);
    c->bytes_out += w->len;
    c->proxy->stats.bytes_backend_to_client += w->len;
}

static void send_progress(struct subscription *s, uint64_t ts)
{
    struct subscribe_upstream *u = s->up;
    if (!s->has_progressed || ts + 1 <= u->progress_sent)
        return;
    struct wire_writer w;
    wire_writer_init(&w);
    build_row(s, &w, ts, true, 0, NULL, 0);
    if (wire_writer_ok(&w))
        send_to_client(s, &w);
    wire_writer_free(&w);
    u->progress_sent = ts + 1;
    s->progress_rows++;
    if (ts > s->frontier)
        s->frontier = ts;
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
    cancel_backend(s->conn->proxy, s->conn);
}

/* Whether a splice to a NEW stream is under way. */
static bool up_splicing(const struct subscribe_upstream *u)
{
    return u->phase == UP_CONNECTING || u->phase == UP_STARTING || u->phase == UP_COLLECTING;
}

/* Both sides ended: the client gets the end of its stream and the
 * ReadyForQuery; the session is the client's again. May free `s`. */
static void up_finish_if_done(struct subscription *s)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    if (!u->new_done || !u->old_done)
        return;
    if (u->end_len > 0 && c->client && !c->client_gone) {
        evbuffer_add(client_out(s), u->end_msg, u->end_len);
        c->bytes_out += u->end_len;
    }
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

/* Fails the carry-over: the client's stream ends with ZC002 now. */
static void up_fail(struct subscription *s, bool overflow, const char *why)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    struct proxy *p = c->proxy;
    if (s->state == SUBSCRIBE_FAILED || u->phase == UP_ENDED)
        return;
    char msg[400];
    snprintf(msg, sizeof msg, "SUBSCRIBE could not be carried over the deployment: %s; resubscribe",
             why);
    log_conn(c, LOG_LVL_WARNING, "%s", msg);
    p->stats.subscriptions_failed++;
    if (overflow)
        p->stats.splice_overflows++;
    free(s->error);
    s->error = strdup(why);
    s->state = SUBSCRIBE_FAILED;
    up_close_pg(u);
    rowset_clear(&u->held);
    rowset_clear(&u->newset);
    up_free_pending(u);
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

/* ---- the switch ---- */

static int64_t rowset_get(const struct rowset *z, const uint8_t *key, size_t len)
{
    if (z->nbuckets == 0)
        return 0;
    uint64_t h = rowset_hash(key, len);
    for (const struct rowset_row *r = z->buckets[(size_t)h & (z->nbuckets - 1)]; r; r = r->next)
        if (r->hash == h && r->len == len && memcmp(r->key, key, len) == 0)
            return r->count;
    return 0;
}

static void emit_at(struct subscription *s, struct wire_writer *w, uint64_t t, int64_t diff,
                    const uint8_t *key, size_t len)
{
    wire_writer_reset(w);
    build_row(s, w, t, false, diff, key, len);
    if (wire_writer_ok(w))
        send_to_client(s, w);
    s->rows++;
}

/* NEW's progress passed T: emit N - C at T, then what NEW sent after T. */
static void up_switch(struct subscription *s, uint64_t progress)
{
    struct subscribe_upstream *u = s->up;
    struct conn *c = s->conn;
    struct wire_writer w;
    wire_writer_init(&w);
    uint64_t emitted = 0;
    for (size_t i = 0; i < u->newset.nbuckets; i++)
        for (const struct rowset_row *r = u->newset.buckets[i]; r; r = r->next) {
            int64_t d = r->count - rowset_get(&u->held, r->key, r->len);
            if (d != 0) {
                emit_at(s, &w, u->t, d, r->key, r->len);
                emitted++;
            }
        }
    for (size_t i = 0; i < u->held.nbuckets; i++)
        for (const struct rowset_row *r = u->held.buckets[i]; r; r = r->next)
            if (rowset_get(&u->newset, r->key, r->len) == 0) {
                emit_at(s, &w, u->t, -r->count, r->key, r->len);
                emitted++;
            }
    wire_writer_free(&w);
    if (u->t > s->frontier)
        s->frontier = u->t;
    if (u->t + 1 > u->next_ts)
        u->next_ts = u->t + 1;
    /* The client now holds N: that is C from here on (a later swap, a
     * rollback, subtracts it in turn). */
    rowset_clear(&u->held);
    u->held = u->newset;
    memset(&u->newset, 0, sizeof u->newset);
    for (struct pending_row *r = u->after_head; r; r = r->next) {
        if (c->client && !c->client_gone) {
            evbuffer_add(client_out(s), r->msg, r->len);
            c->bytes_out += r->len;
        }
        struct urow ur;
        if (decode_old(s, r->msg, r->len, &ur))
            note_urow(s, &ur);
        if (ur.ts > s->frontier)
            s->frontier = ur.ts;
        s->rows++;
        u->new_rows++;
    }
    up_free_pending(u);
    /* NEW becomes the client's stream; a previous carried one is done. */
    up_pq_close(up_cur(u));
    u->cur = 1 - u->cur;
    bool first = !u->carried;
    u->carried = true;
    u->phase = UP_SWITCHED;
    s->state = SUBSCRIBE_CARRIED;
    s->environment_swapped = false;
    c->proxy->stats.subscriptions_carried++;
    send_progress(s, progress);
    if (progress > s->frontier)
        s->frontier = progress;
    log_conn(c, LOG_LVL_INFO,
             "subscription carried over at T=%" PRIu64 " (as of %" PRIu64 "): %" PRIu64
             " rows emitted at the switch",
             u->t, u->as_of, emitted);
    if (first)
        up_cancel_old(s);
    conn_update_io(c);
}

/* The row NEW or the carried stream sent (PROGRESS forced: ts,
 * progressed, diff, data...). False after failing the splice. */
static bool up_decode_pq_row(struct subscription *s, const PGresult *res, uint64_t *ts,
                             bool *progressed, int64_t *diff)
{
    int nf = PQnfields(res);
    if (nf < 3 || PQgetisnull(res, 0, 0) ||
        !parse_u64((const uint8_t *)PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0), ts)) {
        up_fail(s, false, "unexpected row from the new environment");
        return false;
    }
    *progressed = !PQgetisnull(res, 0, 1) && PQgetvalue(res, 0, 1)[0] == 't';
    *diff = 0;
    if (!*progressed &&
        (PQgetisnull(res, 0, 2) || !parse_i64((const uint8_t *)PQgetvalue(res, 0, 2),
                                              (size_t)PQgetlength(res, 0, 2), diff))) {
        up_fail(s, false, "unexpected mz_diff from the new environment");
        return false;
    }
    return true;
}

/* A data row at ts in the client's shape into `row`; false on failure. */
static bool up_build_pq_row(struct subscription *s, const PGresult *res, uint64_t ts, int64_t diff,
                            struct wire_writer *row)
{
    struct wire_writer key;
    wire_writer_init(&key);
    new_key(s, res, 3, &key);
    bool ok = wire_writer_ok(&key);
    if (ok)
        build_row(s, row, ts, false, diff, key.buf, key.len);
    wire_writer_free(&key);
    if (!ok || !wire_writer_ok(row)) {
        up_fail(s, false, "out of memory");
        return false;
    }
    return true;
}

static void up_overflow(struct subscription *s)
{
    char why[160];
    snprintf(why, sizeof why, "splice memory limit (%zu bytes) exceeded", up_limit(s));
    up_fail(s, true, why);
}

/* A row of the carried stream (pq[cur]): the client's stream. */
static void up_cur_row(struct subscription *s, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    uint64_t ts;
    bool progressed;
    int64_t diff;
    if (!up_decode_pq_row(s, res, &ts, &progressed, &diff))
        return;
    /* A splice to a newer stream fixed T: from T on that one speaks. */
    if (u->phase == UP_COLLECTING && ts >= u->t)
        return;
    if (progressed) {
        send_progress(s, ts);
        if (ts > u->next_ts)
            u->next_ts = ts;
        return;
    }
    struct wire_writer row;
    wire_writer_init(&row);
    if (!up_build_pq_row(s, res, ts, diff, &row)) {
        wire_writer_free(&row);
        return;
    }
    send_to_client(s, &row);
    struct urow ur;
    if (decode_old(s, row.buf, row.len, &ur))
        note_urow(s, &ur);
    wire_writer_free(&row);
    s->rows++;
    u->new_rows++;
    if (ts > s->frontier)
        s->frontier = ts;
}

/* A row of NEW while splicing. */
static void up_new_row(struct subscription *s, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    uint64_t ts;
    bool progressed;
    int64_t diff;
    if (!up_decode_pq_row(s, res, &ts, &progressed, &diff))
        return;
    if (u->phase == UP_STARTING) {
        if (!progressed) {
            up_fail(s, false, "the new environment's stream did not start with progress");
            return;
        }
        if ((unsigned)(PQnfields(res) - 3) != u->ndata) {
            up_fail(s, false, "the new definition has different columns");
            return;
        }
        u->as_of = ts;
        u->t = ts > u->next_ts ? ts : u->next_ts;
        u->phase = UP_COLLECTING;
        log_conn(s->conn, LOG_LVL_DEBUG, "new stream as of %" PRIu64 ": switch at %" PRIu64, ts,
                 u->t);
    }
    if (u->phase != UP_COLLECTING)
        return;
    if (progressed) {
        if (ts > u->t)
            up_switch(s, ts);
        return;
    }
    if (ts <= u->t) {
        struct wire_writer key;
        wire_writer_init(&key);
        new_key(s, res, 3, &key);
        if (!wire_writer_ok(&key)) {
            wire_writer_free(&key);
            up_fail(s, false, "out of memory");
            return;
        }
        size_t others = u->held.bytes + u->after_bytes;
        size_t room = up_limit(s) > others ? up_limit(s) - others : 0;
        bool ok = rowset_add(&u->newset, key.buf, key.len, diff, room);
        wire_writer_free(&key);
        if (!ok)
            up_overflow(s);
        return;
    }
    /* After T: held until the switch. */
    struct wire_writer row;
    wire_writer_init(&row);
    if (!up_build_pq_row(s, res, ts, diff, &row)) {
        wire_writer_free(&row);
        return;
    }
    if (up_bytes(u) + row.len + sizeof(struct pending_row) > up_limit(s)) {
        wire_writer_free(&row);
        up_overflow(s);
        return;
    }
    struct pending_row *pr = malloc(sizeof *pr + row.len);
    if (pr == NULL) {
        wire_writer_free(&row);
        up_fail(s, false, "out of memory");
        return;
    }
    pr->next = NULL;
    pr->len = row.len;
    memcpy(pr->msg, row.buf, row.len);
    *u->after_tail = pr;
    u->after_tail = &pr->next;
    u->after_bytes += sizeof *pr + row.len;
    wire_writer_free(&row);
}

/* The carried stream ended (UP TO, error, lost connection): so does the
 * client's, as the server would have ended it. */
static void up_cur_ended(struct subscription *s, const PGresult *res)
{
    struct subscribe_upstream *u = s->up;
    struct wire_writer w;
    wire_writer_init(&w);
    if (res != NULL && PQresultStatus(res) == PGRES_FATAL_ERROR) {
        const char *st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        wire_build_error(&w, "ERROR", st ? st : SQLSTATE_INTERNAL_ERROR, m ? m : "error", NULL,
                         NULL);
    } else if (res == NULL) {
        wire_build_error(&w, "ERROR", SQLSTATE_CONNECTION_FAILURE,
                         "the server closed the subscription's connection", NULL, NULL);
    } else {
        char tag[48];
        uint64_t n = s->rows + s->progress_rows;
        if (s->form == SUBSCRIBE_FORM_COPY) {
            wire_build_copy_done(&w);
            snprintf(tag, sizeof tag, "COPY %" PRIu64, n);
        } else {
            snprintf(tag, sizeof tag, "SELECT %" PRIu64, n);
        }
        wire_build_command_complete(&w, tag);
    }
    if (wire_writer_ok(&w))
        up_queue_end(u, &w);
    wire_writer_free(&w);
    u->new_done = true;
    u->phase = UP_ENDED;
    up_close_pg(u);
    up_finish_if_done(s);
}

/* NEW ended before its switch. */
static void up_new_ended(struct subscription *s, struct up_pq *q, const PGresult *res)
{
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

static void up_send_query(struct up_pq *q)
{
    struct subscription *s = q->s;
    struct subscribe_upstream *u = s->up;
    char *sql = subscribe_upstream_sql(s->client_sql, s->form);
    if (sql == NULL) {
        up_fail(s, false, "the statement could not be rewritten with PROGRESS");
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
            char why[300];
            snprintf(why, sizeof why, "could not connect to the new environment: %s",
                     PQerrorMessage(q->pg));
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
    if (u->not_carriable) {
        up_fail(s, u->overflowed, u->why);
        return;
    }
    if (!s->described) {
        up_fail(s, false, "the statement had not started streaming at the swap");
        return;
    }
    if (!s->default_envelope) {
        up_fail(s, false, "only the default envelope (mz_diff) can be carried over");
        return;
    }
    if (c->auth_challenged && c->password == NULL) {
        up_fail(s, false,
                "the session authenticated with MD5 or SCRAM, which the proxy cannot repeat");
        return;
    }
    unsigned lead = s->has_progressed ? 3 : 2;
    u->client_ncols = s->ncols;
    u->ndata = (uint16_t)(s->ncols >= lead ? s->ncols - lead : 0);

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
    keys[k] = "host", vals[k++] = host;
    keys[k] = "port", vals[k++] = portstr;
    keys[k] = "user", vals[k++] = c->user;
    keys[k] = "dbname", vals[k++] = c->database ? c->database : c->user;
    keys[k] = "application_name", vals[k++] = "cutover-subscribe";
    keys[k] = "sslmode", vals[k++] = sslmode_name(p->cfg->backend_tls);
    if (options[0])
        keys[k] = "options", vals[k++] = options;
    if (c->password)
        keys[k] = "password", vals[k++] = c->password;
    if (p->cfg->backend_tls_ca_file && p->cfg->backend_tls_ca_file[0])
        keys[k] = "sslrootcert", vals[k++] = p->cfg->backend_tls_ca_file;
    if (p->cfg->backend_tls_cert_file && p->cfg->backend_tls_cert_file[0])
        keys[k] = "sslcert", vals[k++] = p->cfg->backend_tls_cert_file;
    if (p->cfg->backend_tls_key_file && p->cfg->backend_tls_key_file[0])
        keys[k] = "sslkey", vals[k++] = p->cfg->backend_tls_key_file;
    keys[k] = NULL, vals[k] = NULL;
    struct up_pq *q = up_nxt(u);
    q->pg = PQconnectStartParams(keys, vals, 0);
    free(host);
    if (q->pg == NULL || PQstatus(q->pg) == CONNECTION_BAD) {
        up_fail(s, false, "could not start a connection to the new environment");
        return;
    }
    q->connecting = true;
    PQsetNoticeProcessor(q->pg, quiet_notices, NULL);
    log_conn(c, LOG_LVL_INFO, "carrying %s subscription over the swap%s",
             subscribe_form_name(s->form), u->carried ? " (again)" : "");
    up_arm(q, EV_WRITE);
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
        if (live) {
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
    case WIRE_B_COPY_DATA: {
        if (!live)
            return false;
        struct urow r;
        if (!decode_old(s, msg, len, &r))
            return false;
        if (u->phase == UP_COLLECTING && r.ts >= u->t)
            return false;
        note_urow(s, &r);
        if (r.ts > s->frontier)
            s->frontier = r.ts;
        if (r.progressed)
            s->progress_rows++;
        else
            s->rows++;
        if (u->not_carriable && s->state != SUBSCRIBE_FAILED) {
            up_fail(s, u->overflowed, u->why);
            return false;
        }
        return true;
    }
    default:
        return live;
    }
}

bool subscribe_upstream_cancel(struct conn *c)
{
    struct subscription *s = c->sub;
    if (s == NULL || s->up == NULL || !s->up->carried || s->up->phase == UP_ENDED)
        return false;
    struct subscribe_upstream *u = s->up;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_error(&w, "ERROR", "57014", "canceling statement due to user request", NULL, NULL);
    if (wire_writer_ok(&w))
        up_queue_end(u, &w);
    wire_writer_free(&w);
    u->new_done = true;
    u->phase = UP_ENDED;
    up_close_pg(u);
    up_finish_if_done(s);
    conn_update_io(c);
    return true;
}

bool subscribe_upstream_holds_client(const struct conn *c)
{
    return c->sub != NULL && c->sub->up != NULL && c->sub->state != SUBSCRIBE_STREAMING;
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
#define CLEANUP_MAX_MS  10000

static bool reads_old_objects(const struct conn *c)
{
    const struct subscription *s = c->sub;
    /* A cursor is read between statements: nothing can be sent to the
     * client unasked, so it is left to end with the server's error. */
    if (s == NULL || c->state == CONN_CLOSING || s->form == SUBSCRIBE_FORM_CURSOR)
        return false;
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
    if (waiting && ++cw->ticks * CLEANUP_POLL_MS < CLEANUP_MAX_MS) {
        struct timeval tv = {0, CLEANUP_POLL_MS * 1000};
        evtimer_add(cw->timer, &tv);
        return;
    }
    if (waiting)
        log_msg(&p->log, LOG_LVL_WARNING,
                "cleanup: old SUBSCRIBE statements still running after %d ms; going on",
                CLEANUP_MAX_MS);
    event_free(cw->timer);
    proxy_subscriptions_done_fn done = cw->done;
    void *darg = cw->arg;
    free(cw);
    done(darg);
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

/* ---- the upstream statement ---- */

static bool next_tok(struct sqllex *lx, struct sqllex_token *t)
{
    while (sqllex_next(lx, t))
        if (!sqllex_is_blank(t))
            return true;
    return false;
}

static bool is_punct(const char *sql, const struct sqllex_token *t, char ch)
{
    return t->kind == SQLLEX_PUNCT && sql[t->offset] == ch;
}

char *subscribe_upstream_sql(const char *client_sql, enum subscribe_form form)
{
    size_t len = strlen(client_sql);
    struct sqllex lx;
    struct sqllex_token t;
    sqllex_init(&lx, client_sql, len);
    /* Find the SUBSCRIBE keyword (COPY ( SUBSCRIBE / DECLARE c CURSOR FOR SUBSCRIBE). */
    size_t start = SIZE_MAX;
    int depth = 0;
    while (next_tok(&lx, &t)) {
        if (is_punct(client_sql, &t, '('))
            depth++;
        else if (is_punct(client_sql, &t, ')'))
            depth--;
        if (sqllex_keyword_eq(client_sql, &t, "subscribe")) {
            start = t.offset;
            break;
        }
    }
    if (start == SIZE_MAX)
        return NULL;
    int base = depth; /* COPY: 1 */
    size_t end = len, with_open = SIZE_MAX, insert_at = SIZE_MAX;
    bool progress_mentioned = false, in_with = false;
    size_t prev_end = start + 9;
    while (next_tok(&lx, &t)) {
        if (is_punct(client_sql, &t, '(')) {
            depth++;
        } else if (is_punct(client_sql, &t, ')')) {
            if (depth == base) { /* the COPY's closing parenthesis */
                end = t.offset;
                break;
            }
            depth--;
            if (in_with && depth == base)
                in_with = false;
        } else if (is_punct(client_sql, &t, ';') && depth == base) {
            end = t.offset;
            break;
        } else if (depth == base && t.kind == SQLLEX_IDENT) {
            if (sqllex_keyword_eq(client_sql, &t, "with")) {
                struct sqllex save = lx;
                struct sqllex_token n;
                if (next_tok(&lx, &n) && is_punct(client_sql, &n, '(')) {
                    with_open = n.offset + 1;
                    in_with = true;
                    depth++;
                } else {
                    lx = save;
                }
            } else if (insert_at == SIZE_MAX && (sqllex_keyword_eq(client_sql, &t, "as") ||
                                                 sqllex_keyword_eq(client_sql, &t, "up"))) {
                insert_at = prev_end;
            }
        } else if (in_with && sqllex_keyword_eq(client_sql, &t, "progress")) {
            progress_mentioned = true;
        }
        prev_end = t.offset + t.length;
    }
    if (end == len)
        end = prev_end > end ? end : prev_end;
    (void)form;
    if (progress_mentioned) {
        /* PROGRESS [= true] already there; PROGRESS = false/off cannot be
         * forced without rewriting the option list. */
        const char *p = client_sql + with_open;
        struct sqllex l2;
        sqllex_init(&l2, p, end - with_open);
        bool after = false, off = false;
        struct sqllex_token u;
        while (next_tok(&l2, &u)) {
            if (sqllex_keyword_eq(p, &u, "progress")) {
                after = true;
                continue;
            }
            if (after && u.kind == SQLLEX_OPERATOR)
                continue;
            if (after && (sqllex_keyword_eq(p, &u, "false") || sqllex_keyword_eq(p, &u, "off")))
                off = true;
            after = false;
        }
        if (off)
            return NULL;
    }
    size_t n = end - start;
    char *out = malloc(n + 32);
    if (out == NULL)
        return NULL;
    if (progress_mentioned) {
        memcpy(out, client_sql + start, n);
        out[n] = '\0';
    } else if (with_open != SIZE_MAX) {
        size_t a = with_open - start;
        memcpy(out, client_sql + start, a);
        memcpy(out + a, "PROGRESS, ", 10);
        memcpy(out + a + 10, client_sql + with_open, n - a);
        out[n + 10] = '\0';
    } else {
        size_t a = (insert_at == SIZE_MAX ? end : insert_at) - start;
        memcpy(out, client_sql + start, a);
        memcpy(out + a, " WITH (PROGRESS)", 16);
        memcpy(out + a + 16, client_sql + start + a, n - a);
        out[n + 16] = '\0';
    }
    return out;
}
