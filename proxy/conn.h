/*
 * conn.h: one client session and its backend connection.
 *
 * A conn owns the client bufferevent and the backend bufferevent. Its state
 * changes only through conn_set_state(), which asserts the transition and
 * keeps per-state counts in the proxy's stats. A conn is never freed inside
 * one of its own callbacks: conn_close() marks it CLOSING, lets what is
 * buffered toward a still-writable peer drain (bounded in time), and the
 * proxy's reaper frees it from the event loop.
 */
#ifndef CUTOVER_PROXY_CONN_H
#define CUTOVER_PROXY_CONN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <time.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/util.h>

#include "protocol/startup.h"
#include "proxy/route.h"

struct passthrough;
struct proxy;
struct subscription;

enum conn_state {
    CONN_ACCEPTED,    /* waiting for the startup packet; SSLRequest possible */
    CONN_CLIENT_TLS,  /* TLS handshake with the client, then the startup packet */
    CONN_CLIENT_AUTH, /* cutoverd authenticates the client itself (SCRAM pass-through) */
    CONN_CONNECTING,  /* backend TCP connect in progress */
    CONN_BACKEND_TLS, /* SSLRequest sent to the backend / TLS handshake */
    CONN_AUTH,        /* authentication relayed, until the first ReadyForQuery */
    CONN_IDLE,        /* ReadyForQuery seen, nothing in flight */
    CONN_ACTIVE,      /* a statement or extended batch in flight */
    CONN_HELD,        /* a new statement waits at the barrier in the input buffer */
    CONN_CLOSING,     /* torn down; waiting for the reaper */
};
#define CONN_STATE_COUNT 10

/* The latest value of a ParameterStatus the backend reported. */
struct conn_param {
    char *name;  /* owned */
    char *value; /* owned */
};

struct conn {
    TAILQ_ENTRY(conn) link;      /* proxy's list of all conns (live and closing) */
    TAILQ_ENTRY(conn) held_link; /* barrier's queue while HELD */
    struct conn *cancel_next;    /* chain in the proxy's cancel hash */
    struct proxy *proxy;         /* owner; not owned */
    uint64_t id;                 /* monotonic, from 1; logs say C-<id> */
    enum conn_state state;       /* only conn_set_state() writes it */

    struct bufferevent *client;  /* client side; owned */
    struct bufferevent *backend; /* backend side; owned; NULL until CONNECTING */
    evutil_socket_t client_fd;   /* the client socket (closed by us unless TLS owns it) */
    evutil_socket_t backend_fd;  /* the backend socket, -1 until connected */
    struct event *timer;         /* startup timeout, then the close linger timer */
    /* The read events of plaintext sockets (conn_reader_start()): the conn
     * reads them itself, not the bufferevent. NULL for TLS bufferevents. */
    struct event *client_rd;
    struct event *backend_rd;

    unsigned in_tx : 1;               /* last ReadyForQuery said T or E */
    unsigned in_copy : 1;             /* between CopyIn/Out/Both response and its end */
    unsigned tls : 1;                 /* client side is TLS */
    unsigned backend_tls : 1;         /* backend side is TLS */
    unsigned client_gone : 1;         /* client EOF or error: nothing more can be sent to it */
    unsigned backend_gone : 1;        /* backend EOF or error */
    unsigned terminated : 1;          /* the client sent Terminate */
    unsigned counted : 1;             /* counts toward max_client_conn */
    unsigned over_limit : 1;          /* accepted over max_client_conn: refused at startup */
    unsigned registered : 1;          /* present in the cancel hash */
    unsigned reap_queued : 1;         /* the reaper will free it */
    unsigned fleet_fenced : 1;        /* its transaction straddled a missed cutover (fleetgate.h) */
    unsigned fleet_held : 1;          /* HELD by the fleet fence until the view is fresh */
    unsigned fleet_pass : 1;          /* the fence's bound passed: this transaction goes on */
    unsigned client_ssl_owns_fd : 1;  /* client TLS bufferevent closes the fd */
    unsigned backend_ssl_owns_fd : 1; /* backend TLS bufferevent closes the fd */
    unsigned negotiated : 1;          /* an SSLRequest or GSSENCRequest was answered ('S' or 'N') */
    /* Run the client relay again when the backend loop in progress ends
     * (relay_defer_client_input()). Kept because its setters run inside
     * relay_backend_input(): relay_ready_tx() at AUTH -> IDLE, and the
     * SUBSCRIBE cursor when the server's answers it waited for arrive.
     * Relaying client statements there, in the middle of the server's
     * batch, would change the state under the backend loop. */
    unsigned kick_client : 1;
    /* Inside relay_client_input() (reentrancy guard). Kept because the loop
     * calls out (feature hooks; conn_fail -> conn_close -> feature_on_close
     * -> swapwatch's on_ended in the control plane; conn_set_state ->
     * barrier_check -> the barrier's done callback) into code that can end a
     * carried SUBSCRIBE, and ending one calls relay_ready_status(c) ->
     * relay_client_input(c) (subscribe_upstream.c up_finish_if_done,
     * subscribe_cursor.c). No such path from inside the client loop has been
     * ruled out, and a nested loop over the same input and peeked frame
     * would relay bytes twice. relay_backend_input() needs no such flag:
     * only the bufferevent callbacks call it, all deferred
     * (BEV_OPT_DEFER_CALLBACKS), so it is never entered from our own code. */
    unsigned in_relay : 1;
    unsigned route_counted : 1;   /* counted in stats conns_current_by_route */
    unsigned auth_challenged : 1; /* the server asked for a password or SASL (not trust) */
    unsigned query_cancelled : 1; /* query_timeout sent a cancel for the statement in flight */
    unsigned client_rd_on : 1;    /* client_rd is added (reading) */
    unsigned backend_rd_on : 1;   /* backend_rd is added (reading) */
    unsigned timer_armed : 1;     /* timer may be pending (conn_timer_arm) */

    enum route route;                /* chosen at startup */
    uint64_t generation;             /* of the routing table in use */
    struct routing_table *table;     /* the table the session uses now (a reference) */
    const struct rewrite_map *names; /* table->routes[route].map; NULL = identity */

    char *user;             /* owned; from the startup packet */
    char *database;         /* owned; defaults to user */
    char *application_name; /* owned; may be NULL */
    char peer[64];          /* "addr:port" of the client */

    uint32_t proxy_pid; /* BackendKeyData cutover gave the client */
    uint32_t proxy_key;
    uint32_t backend_pid; /* BackendKeyData the backend gave cutover */
    uint32_t backend_key;
    bool have_backend_key; /* backend_pid/key are set */

    uint64_t bytes_in;          /* from the client */
    uint64_t bytes_out;         /* to the client */
    struct timespec started;    /* CLOCK_MONOTONIC at accept */
    struct timespec held_since; /* CLOCK_MONOTONIC when HELD began */
    int32_t last_auth_code;     /* last Authentication request code relayed */
    uint32_t pending_sync;      /* Query/Sync/FunctionCall sent, ReadyForQuery not yet seen */
    size_t fe_remaining;        /* bytes of a streamed client message still to move */
    size_t be_remaining;        /* bytes of a streamed backend message still to move */

    /* The client's cleartext password, kept only while the SUBSCRIBE
     * carry-over may need it to log in again (conn_password_useful());
     * wiped at close. NULL otherwise. */
    char *password;
    /* SCRAM pass-through (passthrough.h): the user's verifier and, once the
     * client proved its password, the ClientKey every login as this user
     * needs (the session's and the carry-over's). Owned, wiped on free;
     * NULL = authentication relayed. */
    struct passthrough *scram;
    size_t password_len;

    uint8_t *backend_startup; /* owned; the rebuilt StartupMessage to send */
    size_t backend_startup_len;
    uint8_t *startup_packet; /* owned copy of the client's StartupMessage */
    size_t startup_len;
    struct wire_startup *startup; /* parsed, pointing into startup_packet */

    struct conn_param *params; /* ParameterStatus values, latest per name */
    size_t nparams;

    struct subscription *sub; /* owned; the live SUBSCRIBE being tracked, NULL = none */

    char close_reason[160]; /* why it is closing, for the close log line */
};

/* A snapshot of one connection for SHOW commands. Strings are copies. */
struct conn_info {
    uint64_t id;
    char user[64];
    char database[64];
    char application_name[64];
    char peer[64];
    const char *route; /* static string */
    const char *state; /* static string */
    bool in_tx;
    bool tls;
    uint64_t generation;
    double connected_seconds;
    uint64_t bytes_in;
    uint64_t bytes_out;
};

/* "accepted", "client_tls", ..., "closing". */
const char *conn_state_name(enum conn_state s);
/* Whether `from` -> `to` is a legal transition. */
bool conn_state_transition_ok(enum conn_state from, enum conn_state to);

/*
 * Creates a conn for an accepted client socket `fd` (which it then owns) and
 * links it into the proxy. The client bufferevent is set up but not enabled:
 * call conn_update_io(). NULL on allocation failure (fd closed).
 */
struct conn *conn_new(struct proxy *p, evutil_socket_t fd, const struct sockaddr *peer,
                      int peerlen);

/* Changes state; aborts on an illegal transition. Keeps stats and the barrier informed. */
void conn_set_state(struct conn *c, enum conn_state to);

/* Sets in_tx, keeping the barrier informed. */
void conn_set_in_tx(struct conn *c, bool in_tx);

/* Arms c->timer (startup timeout, session timeouts, close linger) to fire
 * in `ms` (at least 1), or disarms it. Disarming a timer that is not armed
 * costs nothing: sessions without timeouts disarm at every statement. */
void conn_timer_arm(struct conn *c, int64_t ms);
void conn_timer_disarm(struct conn *c);

/*
 * Decides what both bufferevents read: nothing while CONNECTING/BACKEND_TLS
 * (client side), HELD or CLOSING; otherwise each source reads only while its
 * destination's output is under buffer_limit.
 */
void conn_update_io(struct conn *c);

/*
 * Plaintext sockets are read by the conn, not by their bufferevent: libevent's
 * evbuffer_read asks the kernel how much is readable (ioctl FIONREAD) before
 * every read, one syscall in three on the data path. The conn's own read
 * event reads up to CONN_READ_SIZE bytes straight into reserved space of the
 * bufferevent's input buffer with one recv, as PgBouncer reads into its packet
 * buffer, then calls the bufferevent's read callback (or its event callback on
 * EOF or error, with BEV_EVENT_READING), exactly as the bufferevent would.
 * `backend` picks the side. Start fails only on allocation failure; stop
 * comes before the bufferevent is freed or replaced (TLS).
 */
#define CONN_READ_SIZE 16384
bool conn_reader_start(struct conn *c, bool backend);
void conn_reader_stop(struct conn *c, bool backend);
/* Reads a side or stops reading it (the conn's read event or, for TLS, the
 * bufferevent's EV_READ). */
void conn_set_reading(struct conn *c, bool backend, bool on);

/* Sends an ErrorResponse FATAL to the client if it is still writable, logs
 * the reason with the conn's prefix, and closes. Never frees `c`. */
void conn_fail(struct conn *c, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Closes with `reason` (logged in the close line): what is buffered toward a
 * writable side is flushed first (bounded), then the reaper frees `c`. Calling
 * it again is a no-op. Never frees `c`. */
void conn_close(struct conn *c, const char *reason, ...) __attribute__((format(printf, 2, 3)));

/* Frees `c` now. Only the reaper and proxy teardown call it. */
void conn_free(struct conn *c);

/* Writes messages the proxy produced in the server's place (carried SUBSCRIBE
 * rows, answered FETCHes) to the client output, counted as server traffic.
 * Nothing when the client is gone. */
void conn_send_to_client(struct conn *c, const uint8_t *msg, size_t len);

/* Writes an ErrorResponse (severity ERROR, FATAL, ...) to the client output. */
void conn_send_error(struct conn *c, const char *severity, const char *sqlstate,
                     const char *message);

/* Records the latest value of a ParameterStatus. False on allocation failure. */
bool conn_set_param(struct conn *c, const char *name, const char *value);
/* The latest value of ParameterStatus `name`, or NULL. */
const char *conn_get_param(const struct conn *c, const char *name);

/* Whether a cleartext password the client sends could ever be used again:
 * only by the SUBSCRIBE carry-over's login (Materialize dialect, production
 * route, no SCRAM pass-through key). Anywhere else it is never kept. */
bool conn_password_useful(const struct conn *c);
/* Keeps a copy of a cleartext password (replacing any previous one). */
bool conn_keep_password(struct conn *c, const char *password);
/* Wipes and frees the kept password, if any. */
void conn_forget_password(struct conn *c);

/* Seconds since accept. */
double conn_age_seconds(const struct conn *c);

/* Fills a snapshot. */
void conn_info_fill(const struct conn *c, struct conn_info *out);

/* Called by the bufferevent callbacks (client.c, backend.c) whenever
 * something about a CLOSING conn changed (output drained, a side went
 * away): queues it for the reaper once nothing is left to flush. */
void conn_close_progress(struct conn *c);

#endif
