/*
 * subscription.h: inside the SUBSCRIBE wing only (proxy/subscribe/): one
 * tracked subscription of a session and the tracker's functions that the
 * wing's other files call. Code outside the wing includes subscribe.h.
 */
#ifndef CUTOVER_PROXY_SUBSCRIBE_SUBSCRIPTION_H
#define CUTOVER_PROXY_SUBSCRIBE_SUBSCRIPTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/subscribe/subscribe_row.h"
#include "protocol/subscribe/subscribe_stmt.h"
#include "protocol/writer.h"
#include "proxy/route.h"
#include "proxy/subscribe/subscribe.h"

struct conn;
struct evbuffer;

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
