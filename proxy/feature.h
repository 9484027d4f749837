/*
 * feature.h: the hook table through which the session core (relay.c,
 * conn.c, barrier.c, cancel.c) reaches the session features: SUBSCRIBE
 * carry-over (proxy/subscribe/) and deployment swap watching (swapwatch.c).
 *
 * Each feature fills in the hooks it needs in one `struct session_feature`
 * (a NULL hook means "not interested") and is listed once, in feature.c.
 * The core calls the feature_*() dispatchers below at fixed points of a
 * session's life and never names a feature; a feature may call the core
 * (conn_*, relay_*, barrier_*). Features are asked in the order feature.c
 * lists them; where a hook returns a verdict, the first one that is not
 * FEATURE_PASS wins.
 */
#ifndef CUTOVER_PROXY_FEATURE_H
#define CUTOVER_PROXY_FEATURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct conn;
struct evbuffer;
struct wire_frame;

enum feature_verdict {
    FEATURE_PASS,     /* carry on as if the feature were not there */
    FEATURE_CONSUMED, /* the feature took the message: its bytes were drained */
    FEATURE_WAIT,     /* leave it in the input buffer; the relay runs again later */
    FEATURE_FAILED,   /* the conn was failed (it is CLOSING) */
};

struct session_feature {
    const char *name; /* for logs and docs */

    /* Client side, in the order relay_client_input() asks them. */
    /* Whether holds_client or on_client_message may act on this session's
     * client messages now. A feature that has either hook must have this
     * one: while no feature watches, the relay moves runs of client
     * messages without asking about each (relay_client_run). */
    bool (*watches_client)(const struct conn *c);
    /* Whether the feature owns the session for now, so that a client
     * message of `type` (never Terminate) waits in the input buffer. */
    bool (*holds_client)(const struct conn *c, uint8_t type);
    /* A client message header (body maybe not all buffered) of an
     * authenticated session: PASS, CONSUMED (answered here) or WAIT. */
    enum feature_verdict (*on_client_message)(struct conn *c, const struct wire_frame *f,
                                              struct evbuffer *in);
    /* Whether c's next statement may pass a raised barrier. */
    bool (*passes_barrier)(const struct conn *c);
    /* Whether admit_statement() must see this session's Query/Parse whole,
     * before it is routed and forwarded. */
    bool (*admits_statements)(const struct conn *c);
    /* A whole Query or Parse at its start: PASS, WAIT (c is HELD now) or FAILED. */
    enum feature_verdict (*admit_statement)(struct conn *c, const char *sql, size_t len);
    /* Whether admit_statement() would PASS this statement and do nothing
     * else, judged from its SQL alone, changing nothing: the relay may then
     * move it in a run of client messages. Optional: without it, each
     * statement the feature admits is admitted on its own. */
    bool (*passes_statement)(const struct conn *c, const char *sql, size_t len);
    /* Whether on_statement() must see this session's Query/Parse whole. */
    bool (*tracks_statements)(const struct conn *c);
    /* A Query or Parse being forwarded: its SQL as the client sent it and as
     * the backend gets it (after the route's renames). */
    void (*on_statement)(struct conn *c, const char *sql, size_t len, const char *sent,
                         size_t sent_len);

    /* Backend side, in the order relay_backend_input() asks them. */
    /* Whether wants_backend_message may be true for some type on this
     * session now. A feature that has that hook must have this one: while
     * no feature watches, the relay walks runs of backend messages without
     * asking about each (relay_backend_run). */
    bool (*watches_backend)(const struct conn *c);
    /* Whether a backend message of `type` must be pulled up whole for it. */
    bool (*wants_backend_message)(const struct conn *c, uint8_t type);
    /* A whole backend message before the relay handles it: PASS or CONSUMED. */
    enum feature_verdict (*on_backend_message)(struct conn *c, const uint8_t *msg, size_t len);
    /* A ReadyForQuery of an authenticated session, after the state changed. */
    void (*on_ready)(struct conn *c, uint8_t tx);

    /* Barrier, cancel and teardown. */
    /* Whether a busy session need not hold the barrier up. */
    bool (*lets_barrier_pass)(const struct conn *c);
    /* A client's CancelRequest for c: true when the feature applied it (the
     * backend's statement is not to be cancelled). */
    bool (*on_cancel)(struct conn *c);
    /* conn_close(): the session is ending; c is not CLOSING yet. */
    void (*on_close)(struct conn *c);
    /* conn_free(): free what the feature keeps for c. */
    void (*on_free)(struct conn *c);
};

/* The dispatchers: each asks every listed feature's hook (see above). */
bool feature_watches_client(const struct conn *c);
bool feature_holds_client(const struct conn *c, uint8_t type);
enum feature_verdict feature_on_client_message(struct conn *c, const struct wire_frame *f,
                                               struct evbuffer *in);
bool feature_passes_barrier(const struct conn *c);
bool feature_admits_statements(const struct conn *c);
bool feature_passes_statement(const struct conn *c, const char *sql, size_t len);
enum feature_verdict feature_admit_statement(struct conn *c, const char *sql, size_t len);
bool feature_tracks_statements(const struct conn *c);
void feature_on_statement(struct conn *c, const char *sql, size_t len, const char *sent,
                          size_t sent_len);
bool feature_watches_backend(const struct conn *c);
bool feature_wants_backend_message(const struct conn *c, uint8_t type);
enum feature_verdict feature_on_backend_message(struct conn *c, const uint8_t *msg, size_t len);
void feature_on_ready(struct conn *c, uint8_t tx);
bool feature_lets_barrier_pass(const struct conn *c);
bool feature_on_cancel(struct conn *c);
void feature_on_close(struct conn *c);
void feature_on_free(struct conn *c);

#endif
