/*
 * deploy.h: the deployment lifecycle, run asynchronously on the daemon's
 * libevent loop over libpq's non-blocking API.
 *
 * Each entry point starts one operation (struct deploy_op) and returns at
 * once; the operation connects with its own libpq connection (admin_dsn,
 * straight to the server, not through the proxy), reads the catalog, checks,
 * runs its SQL, and calls `done` exactly once, always from the event loop
 * (never from inside the entry point). After `done` returns the op is freed.
 *
 * The proxy side (barrier, routing table, sessions) is reached only through
 * struct deploy_hooks, so tests drive the lifecycle with recording doubles.
 * The decisions and SQL are deploy_plan.h's; the catalog SQL deploy_catalog.h's.
 */
#ifndef CUTOVER_CONTROL_DEPLOY_H
#define CUTOVER_CONTROL_DEPLOY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/dns.h>
#include <event2/event.h>

#include "control/deploy_plan.h"
#include "proxy/config.h"

/* The bound on one answer while clients are held, and on learning a lost
 * swap's outcome, when the pause timeout is 0 (no barrier timeout). */
#define DEPLOY_HELD_BOUND_DEFAULT_MS 10000
/* Commit in doubt: between polls for the lost session's end, and before a
 * new attempt after a failed one. */
#define DEPLOY_DOUBT_POLL_MS  50
#define DEPLOY_DOUBT_RETRY_MS 250

/* What the barrier reports when lowered: the time statements were held. */
struct deploy_pause_stats {
    uint64_t held;  /* statements that were held */
    int64_t max_us; /* longest hold, microseconds */
    int64_t p99_us; /* 99th percentile hold, microseconds */
};

/* Barrier outcome for the op: quiesced (true), or timed out (false) with the
 * ids of the sessions still busy. `blocking` is valid during the call only. */
typedef void (*deploy_barrier_done_fn)(void *op, bool quiesced, const uint64_t *blocking, size_t n);
/* Lets a paused op continue (before_cleanup). */
typedef void (*deploy_resume_fn)(void *op);
/* Lets an op continue after the peers switched; `summary` (may be empty) is
 * appended to its reply. */
typedef void (*deploy_peers_fn)(void *op, const char *summary);

/*
 * The proxy's side of the lifecycle. Every member may be NULL (the op then
 * behaves as if the hook succeeded at once: no barrier, no routing change).
 */
struct deploy_hooks {
    void *arg; /* passed first to every hook */
    /*
     * Raise the barrier for promote/rollback: hold new statements; call
     * cb(op, true, NULL, 0) when no session is busy, or cb(op, false, ids, n)
     * after timeout_ms (<= 0: none). cb may run before this returns. Return
     * false if a barrier is already raised (the op fails without calling
     * barrier_lower).
     */
    bool (*barrier_raise)(void *arg, int64_t timeout_ms, deploy_barrier_done_fn cb, void *op);
    /* Lower it, resume held sessions; fill *stats (zeroed by the caller) with
     * the hold times since the raise. Called once per successful raise. */
    void (*barrier_lower)(void *arg, struct deploy_pause_stats *stats);
    /* Switch the routing table to match `state` (a new generation):
     * PROMOTED after promote, DEPLOYING after rollback and init, NONE after
     * cleanup. Called after the server committed, before barrier_lower. */
    void (*routing_apply)(void *arg, enum deploy_state state);
    /* The swap's outcome is unknown: its answer was lost and the server
     * could not be asked within the bound (docs/admin.md, "Commit in
     * doubt"). Route only what does not depend on it (production, whose
     * names are the server's) until the state is derived again. Called
     * before barrier_lower; routing_apply is not called. */
    void (*routing_unknown)(void *arg);
    /* Before cleanup drops the old environment: move or end the sessions
     * still using it, then call cb(op) (may be synchronous). */
    void (*before_cleanup)(void *arg, deploy_resume_fn cb, void *op);
    /* One JSON object per lifecycle step (no newline): who, what, sql,
     * duration, pause, result. */
    void (*audit)(void *arg, const char *json_line);
    /* The state derived from the catalog, whenever an op reads it (status,
     * and before and after every step): for the daemon's start and reload. */
    void (*state_seen)(void *arg, enum deploy_state state, const char *explanation);
    /* A fleet member (docs/fleet.md). Why barrier_raise's cb reported false
     * when no local session was busy (the members that held it up); NULL or
     * "" = the local sessions' ids tell it. */
    const char *(*barrier_why)(void *arg);
    /* After promote, rollback and cleanup committed and the catalog was read
     * back: wait until the other members switched, then cb(op, summary). */
    void (*await_peers)(void *arg, deploy_peers_fn cb, void *op);
    /* --dry-run: one line about who would take part, appended to the plan. */
    void (*describe_peers)(void *arg, char *out, size_t outlen);
    /* Where an op parks its server session for the next one (deploy_reserve
     * below); NULL: every op connects and disconnects. */
    struct deploy_reserve *reserve;
};

/*
 * The admin session kept between lifecycle steps. After a swap, carried
 * SUBSCRIBEs hold server sessions of their own (docs/subscribe.md), and a
 * server at its max_connections would refuse the next step's connection
 * (53300): cleanup could then never run. So promote and rollback, whose
 * session was opened before the swap, park it here when they end with it
 * idle; the next op on the same DSN takes it instead of connecting, and puts
 * it back when it ends unless it is a cleanup (after which nothing holds the
 * old environment). A parked session is watched: when the server closes it,
 * it is dropped and the next op connects as before.
 */
struct deploy_reserve;
struct deploy_reserve *deploy_reserve_new(struct event_base *base);
void deploy_reserve_free(struct deploy_reserve *r);
/* Whether a session is parked (tests, status). */
bool deploy_reserve_held(const struct deploy_reserve *r);

/* One progress line (no newline), e.g. "compute_dbt_deploy hydrating 3/5". */
typedef void (*deploy_progress_fn)(void *arg, const char *line);
/* Called once: ok and a one-line summary (the error with its SQLSTATE on failure). */
typedef void (*deploy_done_fn)(void *arg, bool ok, const char *summary);

struct deploy_options {
    const char *dsn;          /* libpq conninfo; NULL = config's admin_dsn */
    const char *marker;       /* marker schema; NULL = DEPLOY_MARKER_DEFAULT (no config key yet) */
    long peer_uid;            /* who asked (SO_PEERCRED uid) for the audit line; -1 = unknown */
    bool dry_run;             /* promote/rollback/init/cleanup: print the plan, change nothing */
    bool wait;                /* promote: await first */
    int64_t poll_interval_ms; /* await: between polls, default 15000 */
    int64_t lag_threshold_ms; /* await: default 1000 */
    int64_t timeout_ms;       /* await: give up after, 0 = never */
    int64_t pause_timeout_ms; /* promote/rollback: barrier timeout, default 10000 */
    int max_retries;          /* swap retries on 40001, default 3 */
    int64_t retry_backoff_ms; /* first retry delay, doubled each time, default 100 */
    int64_t connect_timeout_ms; /* libpq connect, default config's connect_timeout_ms */
    const char *now_iso;        /* fixed timestamp for comments and markers (tests); NULL = clock */
    struct evdns_base *dns;     /* looks the dsn's host name up without blocking (libpq then
                                   gets it as hostaddr); NULL = libpq looks it up itself */
};

/* Fills the defaults above. */
void deploy_options_init(struct deploy_options *o);

struct deploy_op;

/*
 * The entry points. Each copies what it needs from `cfg` and `opt` (both may
 * be freed after the call); `hooks` must outlive the op. Returns the op, or
 * NULL on allocation failure or when no DSN is configured (then `done` is
 * never called).
 *
 * status:   reads the catalog, derives the state (summary "state: explanation").
 * init:     checks (no change on failure), creates twins and markers, copies
 *           privileges, writes the marker record; routing_apply(DEPLOYING).
 * await:    polls every poll_interval until all deployment clusters are ready;
 *           on timeout fails naming the laggards.
 * promote:  checks; dry_run: summary is the dry-run text. Else optional
 *           await, barrier, swap transaction (40001 retried while holding the
 *           barrier), routing_apply(PROMOTED), barrier_lower, post-swap
 *           statements. Summary includes the pause stats. While the barrier
 *           is raised every query must be answered within pause_timeout_ms.
 *           When the swap's answer is lost (connection gone, or no answer
 *           in time), the barrier stays raised while a new connection waits
 *           for the old server session to end and reads the catalog, for
 *           at most pause_timeout_ms more: committed -> routing_apply and
 *           on as above; not committed -> fails, routing unchanged; no
 *           answer -> routing_unknown, fails saying the outcome is unknown.
 * rollback: the same swap back while PROMOTED; routing_apply(DEPLOYING).
 * cleanup:  before_cleanup hook, then the DROPs; routing_apply(NONE).
 */
struct deploy_op *deploy_status(const struct config *cfg, struct event_base *base,
                                const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                deploy_progress_fn progress, deploy_done_fn done, void *arg);
struct deploy_op *deploy_init(const struct config *cfg, struct event_base *base,
                              const struct deploy_hooks *hooks, const struct deploy_options *opt,
                              deploy_progress_fn progress, deploy_done_fn done, void *arg);
struct deploy_op *deploy_await(const struct config *cfg, struct event_base *base,
                               const struct deploy_hooks *hooks, const struct deploy_options *opt,
                               deploy_progress_fn progress, deploy_done_fn done, void *arg);
struct deploy_op *deploy_promote(const struct config *cfg, struct event_base *base,
                                 const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                 deploy_progress_fn progress, deploy_done_fn done, void *arg);
struct deploy_op *deploy_rollback(const struct config *cfg, struct event_base *base,
                                  const struct deploy_hooks *hooks,
                                  const struct deploy_options *opt, deploy_progress_fn progress,
                                  deploy_done_fn done, void *arg);
struct deploy_op *deploy_cleanup(const struct config *cfg, struct event_base *base,
                                 const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                 deploy_progress_fn progress, deploy_done_fn done, void *arg);

/*
 * Abandons an op (daemon shutdown, admin client gone): lowers the barrier if
 * this op raised it, closes its connection (the server rolls back an open
 * transaction), frees it. `done` is not called. Must not be called from the
 * op's own done callback.
 */
void deploy_cancel(struct deploy_op *op);

#endif
