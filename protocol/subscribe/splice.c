/*
 * splice.c: the SUBSCRIBE carry-over state machine (see splice.h and
 * docs/subscribe.md). Every event goes through splice_step(), every state
 * change through splice_set_state(), which checks the transition.
 */
#include "protocol/subscribe/splice.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upsert state values: a tag byte, then the value columns. */
#define TAG_UPSERT    'u'
#define TAG_VIOLATION 'v'

static const char *const PREFIX = "SUBSCRIBE could not be carried over the deployment: ";

const char *splice_state_name(enum splice_state st)
{
    switch (st) {
    case SPLICE_STREAMING:
        return "streaming";
    case SPLICE_STARTING:
        return "starting";
    case SPLICE_COLLECTING:
        return "collecting";
    case SPLICE_SWITCHED:
        return "switched";
    case SPLICE_ENDED:
        return "ended";
    case SPLICE_FAILED:
        return "failed";
    }
    return "?";
}

static bool splice_legal(enum splice_state from, enum splice_state to)
{
    if (to == SPLICE_FAILED)
        return from != SPLICE_ENDED && from != SPLICE_FAILED;
    switch (from) {
    case SPLICE_STREAMING:
        return to == SPLICE_STARTING || to == SPLICE_ENDED;
    case SPLICE_STARTING:
        return to == SPLICE_COLLECTING;
    case SPLICE_COLLECTING:
        return to == SPLICE_SWITCHED;
    case SPLICE_SWITCHED:
        return to == SPLICE_ENDED;
    case SPLICE_ENDED:
    case SPLICE_FAILED:
        return false;
    }
    return false;
}

static void splice_set_state(struct splice *s, enum splice_state to)
{
    assert(splice_legal(s->state, to));
    if (!splice_legal(s->state, to))
        abort();
    s->state = to;
}

/* Frees every buffer held for the splice (their bytes go back). */
static void splice_release(struct splice *s)
{
    zset_free(&s->held);
    zset_free(&s->fresh);
    wire_writer_free(&s->pending);
    zset_budget_release(&s->budget, s->pending_charged);
    s->pending_charged = 0;
}

/* Ends the splice in FAILED with `why` (NULL: the memory limit). */
static void splice_fail_with(struct splice *s, const char *why)
{
    if (s->state == SPLICE_FAILED || s->state == SPLICE_ENDED)
        return;
    if (why == NULL) {
        s->memory_exceeded = true;
        zset_limit_message(s->error, sizeof(s->error), s->cfg.memory_limit);
    } else {
        snprintf(s->error, sizeof(s->error), "%s%.180s; resubscribe", PREFIX, why);
    }
    splice_set_state(s, SPLICE_FAILED);
    splice_release(s);
}

__attribute__((format(printf, 2, 3))) static void splice_failf(struct splice *s, const char *fmt,
                                                               ...)
{
    char why[192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    splice_fail_with(s, why);
}

static void splice_fail_memory(struct splice *s)
{
    splice_fail_with(s, NULL);
}

/* A zset result that is not ZSET_OK fails the splice; returns whether ok. */
static bool splice_zcheck(struct splice *s, enum zset_result r)
{
    switch (r) {
    case ZSET_OK:
        return true;
    case ZSET_LIMIT:
        splice_fail_memory(s);
        return false;
    case ZSET_NOMEM:
        splice_failf(s, "out of memory");
        return false;
    case ZSET_OVERFLOW:
        splice_failf(s, "a row's count overflows");
        return false;
    }
    return false;
}

static bool shapes_match(const struct subrow_shape *a, const struct subrow_shape *b)
{
    return a->upsert == b->upsert && a->key_columns == b->key_columns &&
           a->data_columns == b->data_columns;
}

enum splice_state splice_init(struct splice *s, const struct splice_config *cfg,
                              splice_sink_fn sink, void *sink_arg)
{
    memset(s, 0, sizeof(*s));
    s->cfg = *cfg;
    s->state = SPLICE_STREAMING;
    s->sink = sink;
    s->sink_arg = sink_arg;
    s->budget.limit = cfg->memory_limit;
    zset_init(&s->held, &s->budget);
    zset_init(&s->fresh, &s->budget);
    zset_set_hash_key(&s->held, cfg->hash_key);
    zset_set_hash_key(&s->fresh, cfg->hash_key);
    wire_writer_init(&s->pending);
    wire_writer_init(&s->out);
    wire_writer_init(&s->scratch);
    if (cfg->binary)
        splice_failf(s, "binary result formats cannot be re-encoded");
    else if (cfg->debezium)
        splice_failf(s, "ENVELOPE DEBEZIUM is not supported");
    else if (!cfg->fresh.progress)
        splice_failf(s, "the new stream was started without PROGRESS");
    else if (cfg->client.progress && !cfg->old.progress)
        splice_failf(s, "the old stream lacks the client's PROGRESS column");
    else if (!shapes_match(&cfg->client, &cfg->old) || !shapes_match(&cfg->client, &cfg->fresh) ||
             (cfg->held == SPLICE_HELD_OLD_AT && !shapes_match(&cfg->client, &cfg->old_at)))
        splice_failf(s, "the streams' columns differ");
    else if (cfg->held == SPLICE_HELD_TRACKED && !cfg->snapshot)
        splice_failf(s, "WITH (SNAPSHOT = false) needs the old result at the switch");
    return s->state;
}

void splice_free(struct splice *s)
{
    splice_release(s);
    wire_writer_free(&s->out);
    wire_writer_free(&s->scratch);
}

/* ---- output ---- */

/* Sends one row to the client in its shape. */
static bool splice_emit(struct splice *s, const struct subrow *row)
{
    if (row->ts < s->client_ts ||
        (row->progressed && s->sent_progress && row->ts <= s->client_progress)) {
        /* Never reached by a correct upstream: refuse rather than go back. */
        splice_failf(s, "timestamps would go backwards (%llu after %llu)",
                     (unsigned long long)row->ts, (unsigned long long)s->client_ts);
        return false;
    }
    wire_writer_reset(&s->out);
    if (!subrow_encode(&s->out, &s->cfg.client, s->cfg.enc, row) || !wire_writer_ok(&s->out)) {
        splice_failf(s, "a row could not be encoded for the client");
        return false;
    }
    if (!s->sink(s->sink_arg, s->out.buf, s->out.len)) {
        splice_failf(s, "out of memory");
        return false;
    }
    s->client_ts = row->ts;
    if (row->progressed) {
        s->sent_progress = true;
        s->client_progress = row->ts;
        if (row->ts > s->complete)
            s->complete = row->ts;
    } else if (row->ts > s->complete) {
        s->complete = row->ts;
    }
    return true;
}

/* Buffers one NEW row (ts > T) in the client's shape until the switch. */
static bool splice_buffer(struct splice *s, const struct subrow *row)
{
    if (!subrow_encode(&s->pending, &s->cfg.client, s->cfg.enc, row) ||
        !wire_writer_ok(&s->pending)) {
        if (s->pending.failed)
            splice_failf(s, "out of memory");
        else
            splice_failf(s, "a row could not be encoded for the client");
        return false;
    }
    if (s->pending.cap > s->pending_charged) {
        if (!zset_budget_charge(&s->budget, s->pending.cap - s->pending_charged)) {
            splice_fail_memory(s);
            return false;
        }
        s->pending_charged = s->pending.cap;
    }
    if (row->progressed)
        s->pending_progress = row->ts;
    s->pending_ts = row->ts;
    s->pending_any = true;
    return true;
}

/* ---- the client's / the streams' results ---- */

/* Applies a data row to a result: a Z-set (default envelope) or a key ->
 * value map (upsert). */
static enum zset_result splice_apply_raw(struct splice *s, struct zset *z, const struct subrow *row)
{
    if (!s->cfg.client.upsert)
        return zset_add(z, row->data, row->data_len, row->diff);
    if (row->state == SUBROW_DELETE) {
        (void)zset_del(z, row->data, row->key_len);
        return ZSET_OK;
    }
    size_t vlen = row->data_len - row->key_len;
    uint8_t *v = malloc(vlen + 1);
    if (v == NULL)
        return ZSET_NOMEM;
    v[0] = row->state == SUBROW_KEY_VIOLATION ? TAG_VIOLATION : TAG_UPSERT;
    memcpy(v + 1, row->data + row->key_len, vlen);
    enum zset_result r = zset_put(z, row->data, row->key_len, v, vlen + 1);
    free(v);
    return r;
}

static bool splice_apply(struct splice *s, struct zset *z, const struct subrow *row)
{
    return splice_zcheck(s, splice_apply_raw(s, z, row));
}

/* Grows the row scratch `*buf` (of `*cap` bytes) to at least `need`; on
 * failure fails the splice and leaves `*buf` as it was. */
static bool splice_reserve(struct splice *s, uint8_t **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    uint8_t *nb = realloc(*buf, need);
    if (nb == NULL) {
        splice_failf(s, "out of memory");
        return false;
    }
    *buf = nb;
    *cap = need;
    return true;
}

/* Emits new(T) - held at T (the client then holds new(T)): the same
 * difference for both envelopes (row counts, then upsert keys), each two
 * walks over the two sets; the halves mirror each other and read best side
 * by side. */
static bool splice_emit_difference(struct splice *s)
{
    struct zset_iter it = {0};
    struct zset_entry e;
    struct subrow row = {.ts = s->switch_ts, .ncols = s->cfg.client.data_columns};
    if (!s->cfg.client.upsert) {
        while (zset_next(&s->fresh, &it, &e)) {
            int64_t c;
            if (__builtin_sub_overflow(e.count, zset_count(&s->held, e.key, e.len), &c)) {
                splice_failf(s, "a row's count overflows");
                return false;
            }
            if (c == 0)
                continue;
            row.state = SUBROW_DIFF;
            row.diff = c;
            row.data = e.key;
            row.data_len = e.len;
            if (!splice_emit(s, &row))
                return false;
            s->stats.switch_rows++;
        }
        it = (struct zset_iter){0};
        while (zset_next(&s->held, &it, &e)) {
            if (zset_count(&s->fresh, e.key, e.len) != 0)
                continue;
            if (e.count == INT64_MIN) {
                splice_failf(s, "a row's count overflows");
                return false;
            }
            row.state = SUBROW_DIFF;
            row.diff = -e.count;
            row.data = e.key;
            row.data_len = e.len;
            if (!splice_emit(s, &row))
                return false;
            s->stats.switch_rows++;
        }
        return true;
    }
    /* Upsert: the client sees key -> value; a row per key that changed. */
    uint16_t nvalues = (uint16_t)(s->cfg.client.data_columns - s->cfg.client.key_columns);
    uint8_t *buf = NULL;
    size_t cap = 0;
    bool ok = true;
    while (ok && zset_next(&s->fresh, &it, &e)) {
        const uint8_t *hv;
        size_t hlen;
        if (zset_get(&s->held, e.key, e.len, &hv, &hlen) && hlen == e.vlen &&
            memcmp(hv, e.value, hlen) == 0)
            continue;
        size_t need = e.len + e.vlen - 1;
        if (!splice_reserve(s, &buf, &cap, need)) {
            ok = false;
            break;
        }
        memcpy(buf, e.key, e.len);
        memcpy(buf + e.len, e.value + 1, e.vlen - 1);
        row.state = e.value[0] == TAG_VIOLATION ? SUBROW_KEY_VIOLATION : SUBROW_UPSERT;
        row.data = buf;
        row.data_len = need;
        row.key_len = e.len;
        ok = splice_emit(s, &row);
        if (ok)
            s->stats.switch_rows++;
    }
    it = (struct zset_iter){0};
    while (ok && zset_next(&s->held, &it, &e)) {
        const uint8_t *fv;
        size_t flen;
        if (zset_get(&s->fresh, e.key, e.len, &fv, &flen))
            continue;
        size_t need = e.len + (size_t)nvalues * 4;
        if (!splice_reserve(s, &buf, &cap, need)) {
            ok = false;
            break;
        }
        memcpy(buf, e.key, e.len);
        memset(buf + e.len, 0xff, (size_t)nvalues * 4); /* NULL value columns */
        row.state = SUBROW_DELETE;
        row.data = buf;
        row.data_len = need;
        row.key_len = e.len;
        ok = splice_emit(s, &row);
        if (ok)
            s->stats.switch_rows++;
    }
    free(buf);
    return ok;
}

/* Sends the buffered NEW messages after the rows at T. */
static bool splice_flush_pending(struct splice *s)
{
    size_t at = 0;
    while (at < s->pending.len) {
        const uint8_t *m = s->pending.buf + at;
        size_t mlen =
            1 + (((size_t)m[1] << 24) | ((size_t)m[2] << 16) | ((size_t)m[3] << 8) | (size_t)m[4]);
        if (!s->sink(s->sink_arg, m, mlen)) {
            splice_failf(s, "out of memory");
            return false;
        }
        s->stats.new_forwarded++;
        at += mlen;
    }
    if (s->pending_any) {
        s->client_ts = s->pending_ts;
        if (s->pending_progress != 0) {
            s->sent_progress = true;
            s->client_progress = s->pending_progress;
        }
        if (s->pending_ts > s->complete)
            s->complete = s->pending_ts;
    }
    return true;
}

static void splice_try_switch(struct splice *s)
{
    if (s->state != SPLICE_COLLECTING || !s->new_passed || !s->old_passed)
        return;
    if (s->cfg.held == SPLICE_HELD_OLD_AT && !s->old_at_done && s->switch_ts != 0)
        return;
    if (!splice_emit_difference(s))
        return;
    if (!splice_flush_pending(s))
        return;
    if (s->new_progress > s->complete)
        s->complete = s->new_progress;
    splice_set_state(s, SPLICE_SWITCHED);
    /* The results are no longer needed: the client follows NEW from here. */
    splice_release(s);
    wire_writer_init(&s->pending);
    if (s->new_ended)
        splice_set_state(s, SPLICE_ENDED);
}

/* ---- events ---- */

static bool splice_decode(struct splice *s, const struct subrow_shape *shape,
                          const struct splice_event *ev, const char *stream, struct subrow *row)
{
    enum subrow_result r;
    if (ev->len > 0 && ev->msg[0] == 'd')
        r = subrow_decode_copy(shape, ev->msg, ev->len, &s->scratch, row);
    else
        r = subrow_decode(shape, ev->msg, ev->len, row);
    if (r != SUBROW_OK) {
        splice_failf(s, "a row of the %s stream does not match the client's columns", stream);
        return false;
    }
    return true;
}

static void splice_on_old_row(struct splice *s, const struct splice_event *ev)
{
    struct subrow row;
    if (s->state == SPLICE_SWITCHED) {
        s->stats.old_dropped++;
        return;
    }
    if (!splice_decode(s, &s->cfg.old, ev, "old", &row))
        return;
    if (row.progressed) {
        if (row.ts > s->old_progress)
            s->old_progress = row.ts;
        if (s->t_known && row.ts >= s->switch_ts)
            s->old_passed = true;
        if (row.ts > s->complete && (!s->t_known || row.ts <= s->switch_ts))
            s->complete = row.ts;
        bool forward = s->cfg.client.progress && (!s->t_known || row.ts <= s->switch_ts) &&
                       (!s->sent_progress || row.ts > s->client_progress);
        if (forward) {
            if (!splice_emit(s, &row))
                return;
            s->stats.old_forwarded++;
        } else {
            s->stats.old_dropped++;
        }
        splice_try_switch(s);
        return;
    }
    if (s->t_known && row.ts >= s->switch_ts) {
        s->old_passed = true;
        s->stats.old_dropped++;
        splice_try_switch(s);
        return;
    }
    if (!splice_emit(s, &row))
        return;
    s->stats.old_forwarded++;
    if (!s->old_seen || row.ts > s->old_data_ts)
        s->old_data_ts = row.ts;
    s->old_seen = true;
    if (s->cfg.held == SPLICE_HELD_TRACKED && !s->held_overflow) {
        enum zset_result r = splice_apply_raw(s, &s->held, &row);
        if (r == ZSET_LIMIT && s->state == SPLICE_STREAMING) {
            /* The live stream is fine; only a later carry-over is not. */
            s->held_overflow = true;
            s->memory_exceeded = true;
            zset_free(&s->held);
            return;
        }
        if (!splice_zcheck(s, r))
            return;
    }
    splice_try_switch(s);
}

/* T = max(A, F): F is the first timestamp the client has seen nothing of. */
static void splice_choose_t(struct splice *s, uint64_t a)
{
    uint64_t f = s->old_progress;
    if (s->old_seen && s->old_data_ts + 1 > f)
        f = s->old_data_ts + 1;
    s->as_of = a;
    s->switch_ts = a > f ? a : f;
    s->t_known = true;
    if (s->cfg.has_up_to && s->switch_ts >= s->cfg.up_to) {
        splice_failf(s, "its UP TO (%llu) has passed", (unsigned long long)s->cfg.up_to);
        return;
    }
    /* Every OLD update below T has been delivered only if OLD's progress
     * says so already. */
    s->old_passed = s->old_progress >= s->switch_ts;
    if (s->old_ended) {
        if (s->cfg.held == SPLICE_HELD_OLD_AT && !s->old_passed) {
            splice_failf(s, "the old stream ended before the switch timestamp");
            return;
        }
        s->old_passed = true;
    }
    splice_set_state(s, SPLICE_COLLECTING);
}

static void splice_on_new_row(struct splice *s, const struct splice_event *ev)
{
    struct subrow row;
    if (s->state != SPLICE_STARTING && s->state != SPLICE_COLLECTING && s->state != SPLICE_SWITCHED)
        return;
    if (!splice_decode(s, &s->cfg.fresh, ev, "new", &row))
        return;
    if (s->state == SPLICE_STARTING) {
        splice_choose_t(s, row.ts);
        if (s->state != SPLICE_COLLECTING)
            return;
    }
    if (row.progressed && row.ts > s->new_progress)
        s->new_progress = row.ts;
    if (s->state == SPLICE_SWITCHED) {
        if (row.progressed &&
            (!s->cfg.client.progress || (s->sent_progress && row.ts <= s->client_progress))) {
            if (row.ts > s->complete)
                s->complete = row.ts;
            return;
        }
        if (splice_emit(s, &row))
            s->stats.new_forwarded++;
        return;
    }
    /* COLLECTING */
    if (row.progressed) {
        if (row.ts > s->switch_ts) {
            s->new_passed = true;
            /* Buffered once per timestamp: progress only increases. */
            if (s->cfg.client.progress && row.ts > s->pending_progress && !splice_buffer(s, &row))
                return;
        }
        splice_try_switch(s);
        return;
    }
    if (row.ts <= s->switch_ts) {
        if (splice_apply(s, &s->fresh, &row))
            splice_try_switch(s);
        return;
    }
    s->new_passed = true; /* timestamps never decrease: NEW is complete through T */
    if (splice_buffer(s, &row))
        splice_try_switch(s);
}

static void splice_on_old_at_row(struct splice *s, const struct splice_event *ev)
{
    struct subrow row;
    if (s->state != SPLICE_COLLECTING || s->cfg.held != SPLICE_HELD_OLD_AT || s->old_at_done)
        return;
    if (!splice_decode(s, &s->cfg.old_at, ev, "old result's", &row))
        return;
    if (row.progressed)
        return;
    if (row.ts >= s->switch_ts) {
        splice_failf(s, "the old result holds a row at or after the switch timestamp");
        return;
    }
    (void)splice_apply(s, &s->held, &row);
}

enum splice_state splice_step(struct splice *s, const struct splice_event *ev)
{
    if (s->state == SPLICE_ENDED || s->state == SPLICE_FAILED)
        return s->state;
    switch (ev->kind) {
    case SPLICE_EV_OLD_ROW:
        splice_on_old_row(s, ev);
        break;
    case SPLICE_EV_OLD_END:
        s->old_ended = true;
        if (s->state == SPLICE_STREAMING) {
            splice_set_state(s, SPLICE_ENDED);
            splice_release(s);
        } else if (s->state == SPLICE_COLLECTING) {
            if (s->cfg.held == SPLICE_HELD_OLD_AT && !s->old_passed) {
                splice_failf(s, "the old stream ended before the switch timestamp");
                break;
            }
            s->old_passed = true;
            splice_try_switch(s);
        }
        break;
    case SPLICE_EV_START:
        if (s->state != SPLICE_STREAMING)
            break;
        if (s->held_overflow) {
            splice_fail_memory(s);
            break;
        }
        splice_set_state(s, SPLICE_STARTING);
        break;
    case SPLICE_EV_NEW_ROW:
        splice_on_new_row(s, ev);
        break;
    case SPLICE_EV_NEW_END:
        if (s->state == SPLICE_SWITCHED) {
            splice_set_state(s, SPLICE_ENDED);
        } else if (s->state == SPLICE_COLLECTING) {
            /* NEW ends by itself only at its UP TO: everything before it
             * came, so its result at T is complete if T is below it. */
            s->new_ended = true;
            if (s->cfg.has_up_to && s->switch_ts < s->cfg.up_to) {
                s->new_passed = true;
                splice_try_switch(s);
            } else {
                splice_failf(s, "the new stream ended before the switch");
            }
        } else if (s->state == SPLICE_STARTING) {
            splice_failf(s, "the new stream ended before the switch");
        }
        break;
    case SPLICE_EV_OLD_AT_ROW:
        splice_on_old_at_row(s, ev);
        break;
    case SPLICE_EV_OLD_AT_END:
        if (s->state == SPLICE_COLLECTING && s->cfg.held == SPLICE_HELD_OLD_AT) {
            s->old_at_done = true;
            splice_try_switch(s);
        }
        break;
    case SPLICE_EV_FAIL:
        splice_failf(s, "%s", ev->reason != NULL ? ev->reason : "the carry-over failed");
        break;
    default:
        break;
    }
    s->stats.bytes_held = s->budget.used;
    s->stats.bytes_peak = s->budget.peak;
    return s->state;
}

static enum splice_state splice_row_event(struct splice *s, enum splice_event_kind k,
                                          const uint8_t *msg, size_t len)
{
    struct splice_event ev = {.kind = k, .msg = msg, .len = len, .reason = NULL};
    return splice_step(s, &ev);
}

enum splice_state splice_old_row(struct splice *s, const uint8_t *msg, size_t len)
{
    return splice_row_event(s, SPLICE_EV_OLD_ROW, msg, len);
}

enum splice_state splice_new_row(struct splice *s, const uint8_t *msg, size_t len)
{
    return splice_row_event(s, SPLICE_EV_NEW_ROW, msg, len);
}

enum splice_state splice_old_at_row(struct splice *s, const uint8_t *msg, size_t len)
{
    return splice_row_event(s, SPLICE_EV_OLD_AT_ROW, msg, len);
}

enum splice_state splice_signal(struct splice *s, enum splice_event_kind kind)
{
    return splice_row_event(s, kind, NULL, 0);
}

enum splice_state splice_fail(struct splice *s, const char *reason)
{
    struct splice_event ev = {.kind = SPLICE_EV_FAIL, .msg = NULL, .len = 0, .reason = reason};
    return splice_step(s, &ev);
}

bool splice_switch_ts(const struct splice *s, uint64_t *ts)
{
    if (!s->t_known)
        return false;
    *ts = s->switch_ts;
    return true;
}

bool splice_old_at(const struct splice *s, uint64_t *as_of, uint64_t *up_to)
{
    if (s->cfg.held != SPLICE_HELD_OLD_AT || s->state != SPLICE_COLLECTING || s->old_at_done ||
        s->switch_ts == 0)
        return false;
    *as_of = s->switch_ts - 1;
    *up_to = s->switch_ts;
    return true;
}

bool splice_waiting_for_old(const struct splice *s)
{
    return s->state == SPLICE_COLLECTING && s->new_passed && !s->old_passed &&
           (s->cfg.held != SPLICE_HELD_OLD_AT || s->old_at_done || s->switch_ts == 0);
}

uint64_t splice_frontier(const struct splice *s)
{
    return s->complete;
}

const char *splice_error(const struct splice *s)
{
    return s->state == SPLICE_FAILED ? s->error : "";
}

bool splice_memory_exceeded(const struct splice *s)
{
    return s->memory_exceeded;
}
