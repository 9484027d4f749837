/*
 * subscribe.h: live SUBSCRIBE streams and their carry-over across a
 * deployment swap (docs/subscribe.md).
 *
 * The control plane calls the proxy_subscriptions_* hooks; the relay calls
 * the subscribe_* functions below for Materialize-dialect sessions. A
 * session with no live subscription costs one pointer test per backend
 * message: nothing is parsed unless c->sub is set.
 */
#ifndef CUTOVER_PROXY_SUBSCRIBE_H
#define CUTOVER_PROXY_SUBSCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/subscribe_row.h"
#include "protocol/subscribe_stmt.h"
#include "protocol/writer.h"
#include "proxy/route.h"

struct proxy;
struct conn;
struct evbuffer;

/*
 * A server-side swap of the deployment's schemas and clusters has just
 * committed (promote or rollback, by cutoverd or by a client through the
 * proxy) and the routing table is about to flip. Starts carrying every live
 * subscription that depends on a swapped schema or cluster over to the new
 * environment. Returns at once; the splices finish on their own.
 */
void proxy_subscriptions_on_swap(struct proxy *p);

/*
 * Cleanup is about to drop the `_dbt_deploy` schemas and clusters: ends
 * every upstream SUBSCRIBE still reading them (finishing or failing their
 * splices first) and calls `done` when none is left, so that cleanup never
 * produces an error on a client's stream.
 */
typedef void (*proxy_subscriptions_done_fn)(void *arg);
void proxy_subscriptions_before_cleanup(struct proxy *p, proxy_subscriptions_done_fn done,
                                        void *arg);

/*
 * Whether the control plane should stop waiting for the splices under way
 * to switch (promote's reply, cleanup), `waited_ms` into its wait: true once
 * none has moved on (started, reached its as-of, switched or failed) for a
 * limit derived from the cadence and start times the streams showed
 * (docs/subscribe.md, "Timing").
 */
bool proxy_subscriptions_settle_expired(struct proxy *p, int64_t waited_ms);

/* One live subscription, for `show subscriptions`. Strings are borrowed
 * for the duration of the callback. */
struct subscription_info {
    uint64_t conn_id;        /* the client's session (show clients' id) */
    const char *form;        /* "subscribe", "copy" or "cursor" */
    const char *statement;   /* as the client sent it */
    uint64_t frontier;       /* progress delivered to the client; 0 = none yet */
    const char *environment; /* route whose objects the stream reads now */
    const char *state;       /* "streaming", "splicing", "carried over", "failed" */
};
typedef void (*proxy_subscription_fn)(const struct subscription_info *info, void *arg);
/* Calls `fn` for every live subscription, in session id order. */
void proxy_foreach_subscription(struct proxy *p, proxy_subscription_fn fn, void *arg);

/* ---- the relay's side (proxy-internal) ---- */

enum subscribe_form {
    SUBSCRIBE_FORM_PLAIN,  /* SUBSCRIBE ... as a Query: RowDescription + DataRows */
    SUBSCRIBE_FORM_COPY,   /* COPY (SUBSCRIBE ...) TO STDOUT: CopyData text lines */
    SUBSCRIBE_FORM_CURSOR, /* DECLARE c CURSOR FOR SUBSCRIBE ...; rows come with FETCH */
};

enum subscribe_state {
    SUBSCRIBE_STREAMING, /* rows come from the statement's own backend session */
    SUBSCRIBE_SPLICING,  /* a swap happened: the new environment's stream is starting */
    SUBSCRIBE_CARRIED,   /* rows come from the new environment's stream */
    SUBSCRIBE_FAILED,    /* carry-over failed; the client got (or gets) ZC002 */
};

struct subscribe_upstream;
struct subscribe_cursor;

/*
 * One tracked subscription of a session (at most one per session: the
 * plain and COPY forms occupy the session, and a subscribe transaction
 * holds a single cursor).
 */
struct subscription {
    struct conn *conn;             /* owner (c->sub == this) */
    enum subscribe_form form;      /* how the client reads it */
    enum subscribe_state state;    /* see enum */
    char *client_sql;              /* owned, NUL-terminated: the statement as the client sent it */
    char *sent_sql;                /* owned: what the backend got (after the route's renames) */
    char cursor[64];               /* cursor name (folded) for the cursor form, else "" */
    enum route route;              /* the session's route when it started */
    uint64_t generation;           /* routing generation it started under */
    char *cluster;                 /* owned; the session's cluster when it started, or NULL */
    char *search_path;             /* owned; the session's search_path when it started, or NULL */
    bool described;                /* RowDescription / CopyOutResponse seen */
    bool analysed;                 /* stmt is substmt_parse()'s analysis of client_sql */
    struct substmt stmt;           /* with analysed: spans into client_sql */
    bool shaped;                   /* shape is known (described, and it fits the statement) */
    struct subrow_shape shape;     /* the columns of the client's rows */
    bool text;                     /* every column is in text format */
    struct wire_writer scratch;    /* a COPY line rebuilt as a DataRow while decoding */
    uint16_t ncols;                /* columns the client sees */
    uint64_t frontier;             /* every update with ts < frontier was delivered */
    uint64_t rows;                 /* data rows delivered to the client */
    uint64_t progress_rows;        /* progress rows delivered */
    bool ended;                    /* CommandComplete/ErrorResponse seen: freed at ReadyForQuery */
    bool environment_swapped;      /* the objects it reads were renamed by a swap */
    struct subscribe_upstream *up; /* the new environment's stream; NULL = none */
    struct subscribe_cursor *cur;  /* cursor form: its FETCHes across a swap; else NULL */
    char *error;                   /* owned; why carry-over failed (state FAILED) */
};

/*
 * A statement the client sends on a Materialize-dialect session: `sql` as
 * the client wrote it, `sent` as forwarded. Starts tracking a SUBSCRIBE in
 * any of the three forms, and ends a cursor subscription at CLOSE / COMMIT
 * / ROLLBACK. Cheap when `sql` does not mention subscribe (a byte scan).
 * Never frees `c`.
 */
void subscribe_on_statement(struct conn *c, const char *sql, size_t len, const char *sent,
                            size_t sent_len);

/* Whether the relay must pull a backend message of `type` up whole and pass
 * it to subscribe_on_backend(). False whenever c->sub is NULL. */
bool subscribe_wants(const struct conn *c, uint8_t type);

/*
 * A whole backend message while c->sub is set. Returns true when the relay
 * should forward it to the client as is, false when the tracker consumed
 * it (carry-over: the old stream is swallowed). Never frees `c`.
 */
bool subscribe_on_backend(struct conn *c, const uint8_t *msg, size_t len);

/*
 * Whether the barrier may count `c` as quiescent although a statement is in
 * flight: its statement is a running SUBSCRIBE (plain or COPY, streaming
 * rows) or it holds a subscribe cursor. Such a statement never ends on its
 * own; the swap carries it over (or ends it cleanly) instead.
 */
bool subscribe_lets_barrier_pass(const struct conn *c);

/* The session is being freed: ends any upstream stream and frees c->sub. */
void subscribe_conn_free(struct conn *c);

const char *subscribe_form_name(enum subscribe_form f);
const char *subscribe_state_name(enum subscribe_state s);

#endif
