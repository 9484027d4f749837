/*
 * proxy.h: the daemon's context and the operations the admin socket calls.
 *
 * One struct proxy per process, passed explicitly (no globals). Everything
 * runs on its event loop; none of these functions may be called from another
 * thread.
 */
#ifndef CUTOVER_PROXY_PROXY_H
#define CUTOVER_PROXY_PROXY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>
#include <sys/socket.h>

#include <event2/event.h>
#include <event2/listener.h>
#include <openssl/ssl.h>

#include "proxy/authfile.h"
#include "proxy/barrier.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/fleetgate.h"
#include "proxy/log.h"
#include "proxy/resolve.h"
#include "proxy/route.h"
#include "proxy/stats.h"
#include "proxy/swapwatch.h"

#define PROXY_CANCEL_BUCKETS 4096 /* cancel hash buckets (a power of two) */

TAILQ_HEAD(conn_list, conn);

#define PROXY_MAX_WATCHED 8 /* listeners the accept backoff pauses: routes, unix, admin */

/* A listener the accept backoff pauses (fdlimit.h). */
struct proxy_watched_listener {
    struct evconnlistener *listener; /* not owned */
};

/* What a listener's accept callback needs. */
struct authquery;
struct loginshim;

struct proxy_listener {
    struct proxy *proxy; /* owner */
    enum route route;    /* route of clients accepted here */
};

struct proxy {
    struct event_base *base;     /* not owned */
    struct config *cfg;          /* owned; replaced by proxy_reload() */
    struct logger log;           /* where log lines go */
    struct stats stats;          /* counters */
    uint8_t splice_hash_key[16]; /* keys the SUBSCRIBE splice's row hash; random per process */

    struct evconnlistener *listeners[ROUTE_COUNT];   /* per route; NULL = none */
    struct proxy_listener listener_ctx[ROUTE_COUNT]; /* accept callback args */
    struct conn_list conns;                          /* every conn, live or closing */
    size_t nconns;                                   /* length of conns */
    size_t nclients;                                 /* conns that count toward max_client_conn */
    uint64_t next_id;                                /* next conn id */
    struct event *reap_ev; /* activated to free closing conns from the loop */

    /* The accept backoff (fdlimit.h): every listener, paused together when
     * accept() finds no file descriptor. */
    struct proxy_watched_listener watched[PROXY_MAX_WATCHED];
    size_t nwatched;
    struct event *accept_timer; /* re-enables them; NULL until first needed */
    bool accept_paused;         /* they are off until accept_timer fires */

    /* The production route's Unix socket ([proxy] unix_socket_dir). */
    struct evconnlistener *unix_listener; /* NULL = none */
    char *unix_path;                      /* owned; its file, unlinked at free */

    struct authfile *auth;       /* [auth] file's verifiers; NULL = relay all authentication */
    struct loginshim *loginshim; /* carry-over logins with a ClientKey (loginshim.h); lazy */
    struct authquery *authquery; /* [auth] user's verifier lookups (authquery.h); lazy */

    SSL_CTX *server_ctx; /* client-facing TLS; NULL = refuse SSLRequest with 'N' */
    SSL_CTX *client_ctx; /* backend-facing TLS; NULL = backend_sslmode disable */

    struct sockaddr_storage backend_addr; /* the resolver's last answer (resolve.h) */
    socklen_t backend_addrlen;            /* 0 = none yet */
    struct resolver resolver;             /* looks backend_addr up without blocking */
    char backend_desc[300];               /* "host:port" for messages */
    char *backend_host;                   /* owned; for SNI and verify-full */

    struct routing_table *routes;                   /* current table (one reference held) */
    enum route_phase route_phase;                   /* set by the lifecycle; kept across reloads */
    struct barrier barrier;                         /* pause */
    struct swapwatch swapwatch;                     /* a client's own deployment swap */
    struct fleetgate fleetgate;                     /* a fleet member's fence */
    struct event *subscribe_start_timer;            /* queued SUBSCRIBE carry-overs start */
    struct conn *cancel_hash[PROXY_CANCEL_BUCKETS]; /* proxy pid -> conns (cancel.c) */

    /* SUBSCRIBE carry-over timing (subscribe_upstream.c); 0: not seen yet */
    int64_t subscribe_cadence_us; /* progress interval the streams show */
    int64_t subscribe_start_us;   /* time new streams took to reach their as-of */
    int64_t subscribe_changed_us; /* a carry-over last started, switched or failed */

    struct cancel_req *cancel_reqs; /* CancelRequests being delivered (cancel.c) */
    unsigned cancels_in_flight;     /* CancelRequests being delivered (cancel.c) */
    bool draining;                  /* shutdown requested: new clients get 57P03 */
    bool exiting;                   /* the loop is being stopped */
    struct event *shutdown_timer;   /* shutdown_timeout during a drain */
    struct event *drain_sweep;      /* closes sessions idle outside a transaction */
    struct event *signals[3];       /* SIGTERM, SIGINT, SIGHUP handlers */

    /* Called after every successful reload (SIGHUP or the admin socket), so
     * the control plane can re-read what the config alone does not say (the
     * admin users, the deployment state from the server). The routes need no
     * fix-up: the reload built them with route_phase. NULL = nothing to do. */
    void (*on_reloaded)(struct proxy *p, void *arg);
    void *on_reloaded_arg;
};

/*
 * The event loop cutoverd runs on: libevent's default, with epoll's change
 * list (docs/performance.md "epoll_ctl"). NULL on failure.
 */
struct event_base *proxy_event_base_new(void);

/*
 * Creates the proxy over `base` with config `cfg`, a malloc'd struct whose
 * ownership passes to the proxy, also on failure (config_free + free). Resolves the backend, builds
 * TLS contexts and the routing table, binds the listeners. NULL with `err` set on failure.
 */
struct proxy *proxy_new(struct event_base *base, struct config *cfg, char *err, size_t errlen);
/* Closes every conn at once and frees everything. */
void proxy_free(struct proxy *p);

/* Installs SIGTERM (drain), SIGINT (stop now), SIGHUP (reload) handlers. */
bool proxy_install_signals(struct proxy *p);

/* Calls `fn` with a snapshot of every conn not yet CLOSING, in id order. */
typedef void (*proxy_conn_fn)(const struct conn_info *info, void *arg);
void proxy_foreach_conn(struct proxy *p, proxy_conn_fn fn, void *arg);
/* The live conn with this id, or NULL. */
struct conn *proxy_find_conn(struct proxy *p, uint64_t id);
/* Closes conn `id` with FATAL 57P01 "terminated by administrator"; false if no such conn. */
bool proxy_kill_conn(struct proxy *p, uint64_t id);

/*
 * Pause and resume: see barrier.h. proxy_pause raises the barrier; the
 * callback gets the ids of the sessions that kept it from quiescing on
 * timeout. False if already raised.
 */
bool proxy_pause(struct proxy *p, int timeout_ms, barrier_done_fn done, void *arg);
void proxy_resume(struct proxy *p);

/*
 * Re-reads the config file, validates it and swaps it in. Keys that cannot
 * be reloaded keep their old effect and are listed in `err` (returns true);
 * on a parse/validation error returns false with `err` set and nothing
 * changed. The [auth] file is re-read too: one that does not load (err says
 * file:line) fails the reload, so the users in use stay as they were.
 */
bool proxy_reload(struct proxy *p, char *err, size_t errlen);

/*
 * The routing policy's one input from the lifecycle (control/): the phase the
 * server is in. Builds the table for it over the running config
 * (routing_table_new) and installs it as the next generation when a route's
 * availability changes, or always with `new_generation` (a lifecycle step:
 * a swap changes what the names mean even when no route opens or closes).
 * The phase is kept, and every reload builds its table with it. False on
 * allocation failure (nothing changed).
 */
bool proxy_set_route_phase(struct proxy *p, enum route_phase phase, bool new_generation);
/* The current routing table (borrowed). */
struct routing_table *proxy_routing_table(struct proxy *p);

/* During a SIGTERM drain, a session may have just become idle outside a
 * transaction: have it closed (57P01) from the event loop, not from inside
 * the caller's state change. No-op when not draining. */
void proxy_drain_kick(struct proxy *p);

/*
 * Shuts down. With `wait` (drain), new clients get FATAL 57P03 "the database
 * system is shutting down" and existing sessions may finish until
 * shutdown_timeout (then they get FATAL 57P01); without, listeners close and
 * every session gets 57P01 now. The event loop exits when the last conn is
 * gone (or a short grace period after the final FATALs).
 */
void proxy_shutdown(struct proxy *p, bool wait);

/* Internal, for conn.c and friends. */
void proxy_schedule_reap(struct proxy *p);
/* Called by conn_free: lets a drain finish. */
void proxy_conn_gone(struct proxy *p);

#endif
