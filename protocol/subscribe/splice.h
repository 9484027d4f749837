/*
 * splice.h: the state machine that carries one SUBSCRIBE over a deployment
 * swap (issue 6), pure and deterministic: fed the rows of the upstream
 * streams as events, it writes the client's rows into a sink.
 *
 * Streams:
 *  - OLD: the client's running statement, bound to the old objects;
 *  - NEW: the same statement on the new environment, started after the swap
 *    in the plain form with PROGRESS and SNAPSHOT forced on and no AS OF
 *    (substmt_build with progress = snapshot = TRUE, drop_as_of);
 *  - OLD_AT: the old result at T-1 (the statement rewritten to the old
 *    objects' new names, `AS OF T-1 UP TO T`, SNAPSHOT true), needed only in
 *    SPLICE_HELD_OLD_AT mode.
 * The rule: T = max(A, F), A = NEW's as-of (its first row's timestamp), F =
 * the first timestamp the client has seen nothing of from OLD (its last
 * data row's ts + 1, or OLD's last progress, whichever is larger). OLD rows with ts < T go to
 * the client, later ones are dropped; at T the client gets, stamped T,
 * new(T) - old(T-1) consolidated (nothing when the results are equal); after
 * T it gets NEW's rows. Progress rows reach the client only if it asked for
 * PROGRESS, and never one that goes backwards. See docs/subscribe.md.
 */
#ifndef CUTOVER_PROTOCOL_SPLICE_H
#define CUTOVER_PROTOCOL_SPLICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/subscribe/subscribe_row.h"
#include "protocol/writer.h"
#include "protocol/subscribe/zset.h"

enum splice_state {
    SPLICE_STREAMING,  /* only OLD; the client's result is tracked if SPLICE_HELD_TRACKED */
    SPLICE_STARTING,   /* NEW requested, waiting for its first row (its as-of A) */
    SPLICE_COLLECTING, /* T chosen: consolidating NEW up to T (and OLD_AT), OLD still < T */
    SPLICE_SWITCHED,   /* the rows at T were emitted; only NEW reaches the client */
    SPLICE_ENDED,      /* the stream ended cleanly (OLD before a swap, or NEW after T) */
    SPLICE_FAILED,     /* cannot be honoured: end the client's stream with splice_error() */
};

/* Where "what the client holds" (subtracted at T) comes from. */
enum splice_held {
    SPLICE_HELD_TRACKED, /* the splice consolidates every OLD row it forwards, from the start
                            of the subscription (needs SNAPSHOT on: the client's sum of diffs
                            is then the old result); memory bounded by the limit */
    SPLICE_HELD_OLD_AT,  /* the caller runs OLD_AT once T is known (splice_old_at()) and
                            feeds its rows; OLD must then be fed until it passes T */
};

struct splice_config {
    struct subrow_shape client;          /* the columns the client asked for */
    struct subrow_shape old;             /* OLD's rows: the client's, maybe with PROGRESS forced */
    struct subrow_shape fresh;           /* NEW's rows: progress must be on */
    struct subrow_shape old_at;          /* OLD_AT's rows (SPLICE_HELD_OLD_AT only) */
    enum subrow_encoding enc;            /* DataRow (plain, cursor) or CopyData text (COPY) */
    enum splice_held held;               /* see enum */
    bool snapshot;                       /* the client's SNAPSHOT (substmt_snapshot_on) */
    bool has_up_to;                      /* the client's statement has UP TO up_to */
    uint64_t up_to;                      /* exclusive end of the client's stream */
    bool binary;                         /* some result column is in binary format: fails */
    bool debezium;                       /* ENVELOPE DEBEZIUM: fails */
    size_t memory_limit;                 /* bytes held for the splice at once; 0 = unlimited */
    uint8_t hash_key[ZSET_HASH_KEY_LEN]; /* keys the row hash (zset.c): random per process */
};

/*
 * Receives every message for the client, one whole DataRow or CopyData at a
 * time (valid only during the call). Returns false if it could not take it
 * (out of memory): the splice then fails.
 */
typedef bool (*splice_sink_fn)(void *arg, const uint8_t *msg, size_t len);

enum splice_event_kind {
    SPLICE_EV_OLD_ROW,    /* msg: one row of OLD: a DataRow, or for the COPY form the
                             client's CopyData text line as the server sent it */
    SPLICE_EV_OLD_END,    /* OLD ended or was cancelled: no more OLD rows (TRACKED mode: the
                             splice stops waiting for OLD to pass T) */
    SPLICE_EV_START,      /* the swap committed and NEW is being started */
    SPLICE_EV_NEW_ROW,    /* msg: one DataRow of NEW */
    SPLICE_EV_NEW_END,    /* NEW ended by itself (its UP TO): after T, the client's end */
    SPLICE_EV_OLD_AT_ROW, /* msg: one DataRow of OLD_AT */
    SPLICE_EV_OLD_AT_END, /* OLD_AT is complete (reached its UP TO T) */
    SPLICE_EV_FAIL,       /* reason: an upstream failure (NEW's error, a lost connection, a
                             changed column list, cleanup before the switch) */
};

struct splice_event {
    enum splice_event_kind kind; /* see enum */
    const uint8_t *msg;          /* the whole DataRow (or CopyData line) for *_ROW events */
    size_t len;                  /* its length */
    const char *reason;          /* SPLICE_EV_FAIL: why, e.g. "the new stream failed: ..." */
};

struct splice_stats {
    uint64_t old_forwarded; /* OLD rows (data and progress) forwarded to the client */
    uint64_t old_dropped;   /* OLD rows not forwarded (ts >= T, after the switch, progress
                               for a client without PROGRESS) */
    uint64_t switch_rows;   /* rows emitted at T */
    uint64_t new_forwarded; /* NEW rows forwarded after T (data and progress) */
    size_t bytes_held;      /* bytes held now (zsets and buffered rows) */
    size_t bytes_peak;      /* most bytes held at once */
};

struct splice {
    struct splice_config cfg;   /* as given to splice_init */
    enum splice_state state;    /* changed only by the transition function */
    splice_sink_fn sink;        /* the client's messages */
    void *sink_arg;             /* its argument */
    struct zset_budget budget;  /* every byte below */
    struct zset held;           /* TRACKED: the client's result; OLD_AT: OLD_AT's rows */
    struct zset fresh;          /* NEW's result up to T */
    struct wire_writer pending; /* NEW's client messages after T, until the switch */
    struct wire_writer out;     /* scratch for one outgoing message */
    struct wire_writer scratch; /* an incoming COPY line rebuilt as a DataRow */
    bool held_overflow;         /* TRACKED: the limit was passed while streaming */
    size_t pending_charged;     /* bytes of pending charged to the budget (its capacity) */
    bool pending_any;           /* pending holds a row */
    uint64_t pending_ts;        /* the last timestamp in pending */
    uint64_t pending_progress;  /* the last progress timestamp in pending, or 0 */
    bool t_known;               /* switch_ts is chosen */
    uint64_t switch_ts;         /* T */
    uint64_t as_of;             /* A */
    bool old_seen;              /* OLD sent a data row */
    uint64_t old_data_ts;       /* the last OLD data row's timestamp */
    uint64_t old_progress;      /* OLD's last progress timestamp (0 = none) */
    bool old_passed;            /* OLD is known complete through T-1 (or ended) */
    bool old_ended;             /* SPLICE_EV_OLD_END seen */
    bool new_passed;            /* NEW's result at T is complete */
    bool new_ended;             /* SPLICE_EV_NEW_END seen */
    uint64_t new_progress;      /* NEW's last progress timestamp */
    bool old_at_done;           /* SPLICE_EV_OLD_AT_END seen */
    bool sent_progress;         /* a progress row reached the client */
    uint64_t client_progress;   /* the last progress timestamp the client saw */
    uint64_t client_ts;         /* the timestamp of the last row the client saw */
    uint64_t complete;          /* every update with ts < complete reached the client */
    bool memory_exceeded;       /* the failure (or held_overflow) is the memory limit */
    struct splice_stats stats;  /* counters */
    char error[256];            /* FAILED: the full ZC002 message */
};

/*
 * Sets up a splice in SPLICE_STREAMING (or SPLICE_FAILED when the config
 * cannot be honoured: binary, DEBEZIUM, TRACKED without SNAPSHOT, shapes with
 * different data columns, NEW without PROGRESS; the error says why). The
 * sink is called only from splice_step(). Returns the state.
 */
enum splice_state splice_init(struct splice *s, const struct splice_config *cfg,
                              splice_sink_fn sink, void *sink_arg);

/* Frees every buffer; s may be re-initialised after. */
void splice_free(struct splice *s);

/*
 * The transition function: applies one event and writes whatever it makes
 * the client receive into the sink, in order. Returns the new state. An
 * event that makes no sense in the state (a NEW row before START, any event
 * after ENDED/FAILED) is ignored and counted nowhere; a malformed row fails
 * the splice. Once FAILED, the caller ends the client's stream with an
 * ErrorResponse(SQLSTATE_SUBSCRIBE_RESUBSCRIBE, splice_error()) and stops
 * feeding events.
 */
enum splice_state splice_step(struct splice *s, const struct splice_event *ev);

/* Convenience wrappers around splice_step(). */
enum splice_state splice_old_row(struct splice *s, const uint8_t *msg, size_t len);
enum splice_state splice_new_row(struct splice *s, const uint8_t *msg, size_t len);
enum splice_state splice_old_at_row(struct splice *s, const uint8_t *msg, size_t len);
enum splice_state splice_signal(struct splice *s, enum splice_event_kind kind);
enum splice_state splice_fail(struct splice *s, const char *reason);

/* T, once chosen (state COLLECTING or later): true and *ts = T. */
bool splice_switch_ts(const struct splice *s, uint64_t *ts);

/*
 * SPLICE_HELD_OLD_AT: true once T is known and OLD_AT is still wanted, with
 * the AS OF / UP TO the caller puts in OLD_AT's statement (T-1 and T). When
 * T is 0 nothing precedes it and no OLD_AT is needed (returns false).
 */
bool splice_old_at(const struct splice *s, uint64_t *as_of, uint64_t *up_to);

/*
 * Whether the switch waits only for OLD to pass T: NEW (and OLD_AT) are
 * complete through T, but OLD, without progress rows, may stay quiet. The
 * caller may then cancel OLD and signal SPLICE_EV_OLD_END (TRACKED mode:
 * what the client holds is then final, and the rows at T still bring it
 * to new(T) exactly).
 */
bool splice_waiting_for_old(const struct splice *s);

/* The frontier delivered to the client: every update with ts < it was sent. */
uint64_t splice_frontier(const struct splice *s);

/* FAILED: "SUBSCRIBE could not be carried over the deployment: <why>;
 * resubscribe"; "" otherwise. Its SQLSTATE is SQLSTATE_SUBSCRIBE_RESUBSCRIBE. */
const char *splice_error(const struct splice *s);

/* Whether the failure (or, while STREAMING, the pending one) is the memory
 * limit, for the splice_overflows metric. */
bool splice_memory_exceeded(const struct splice *s);

const char *splice_state_name(enum splice_state st);

#endif
