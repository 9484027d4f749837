/*
 * lifecycle.h: the proxy side of the deployment lifecycle. The deploy hooks
 * (struct deploy_hooks) that connect a lifecycle step to the barrier, the
 * routing policy, the subscriptions and the log; the deployment state derived
 * from the server in the background; the waits for SUBSCRIBE splices.
 *
 * The lifecycle tells the routing policy (proxy_set_route_phase) which state
 * the server is in; the policy builds the table. Everything runs on the
 * proxy's event loop.
 */
#ifndef CUTOVER_CONTROL_LIFECYCLE_H
#define CUTOVER_CONTROL_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "control/deploy.h"
#include "control/deploy_plan.h"
#include "proxy/stats.h"

/* How often a splice wait looks again; when it gives up is derived from the
 * streams' cadence (proxy_subscriptions_settle_expired()). */
#define LIFECYCLE_SETTLE_POLL_MS 10
/* After a swap whose outcome stayed unknown: how often the state is derived
 * again until the server answers. */
#define LIFECYCLE_DOUBT_REDERIVE_MS 1000

struct proxy;
struct fleet;
struct lifecycle_derive;
struct lifecycle_settle;

struct lifecycle {
    struct proxy *proxy;                   /* not owned */
    enum deploy_state state;               /* last derived deployment state */
    bool state_known;                      /* a derivation or a step has set `state` */
    char explanation[DEPLOY_EXPLAIN_MAX];  /* with `state` */
    bool busy;                             /* a deploy step other than status runs */
    uint64_t epoch;                        /* bumped by every lifecycle routing change */
    struct lifecycle_derive *derives;      /* background derivations in flight */
    struct deploy_hooks hooks;             /* handed to every deploy step */
    void *barrier_op;                      /* op waiting for the barrier */
    deploy_barrier_done_fn barrier_cb;     /* its callback */
    struct stats_held_mark held_at_raise;  /* held-time histogram at the raise */
    struct lifecycle_settle *cleanup_wait; /* cleanup waiting for splices; NULL = none */
    deploy_resume_fn cleanup_cb;           /* ...then resumes this op */
    void *cleanup_op;                      /* (the op) */
    struct fleet *fleet;                   /* [fleet] member; NULL = not one */
    bool raised_here;                      /* the op's barrier_raise raised the barrier */
    int fleet_wait;                        /* promoter: outcomes still awaited (local, peers) */
    bool fleet_failed;                     /* promoter: one of them said no */
    char fleet_why[1024];                  /* why the fleet said no (barrier_why) */
    deploy_resume_fn fleet_cleanup_cb;     /* promoter's cleanup waits for both */
    void *fleet_cleanup_op;                /* (the op) */
    bool fleet_swap;                       /* a client's swap here holds the fleet */
    deploy_peers_fn peers_cb;              /* await_peers: resumes this op */
    void *peers_op;                        /* (the op) */
    bool in_doubt;                         /* a swap's outcome is unknown (routing_unknown) */
    struct event *doubt_timer;             /* derives the state again while in_doubt */
};

/*
 * Creates the lifecycle of proxy `p`: installs the swapwatch hook and starts
 * the first state derivation when [admin] dsn is set (never blocks; an
 * unreachable server only logs). NULL on allocation failure.
 */
struct lifecycle *lifecycle_new(struct proxy *p);
/* Cancels derivations and waits, removes the swapwatch hook, frees. NULL is a no-op. */
void lifecycle_free(struct lifecycle *l);

/* True when [admin] dsn is set: the state can be derived and steps run. */
bool lifecycle_has_server(const struct lifecycle *l);

/* Re-derives the state from the server in the background and tells the
 * routing policy (start, reload, swapwatch, status). `then` (may be NULL)
 * runs when done, with ok = the server answered. */
typedef void (*lifecycle_derived_fn)(struct lifecycle *l, bool ok, void *arg);
void lifecycle_derive_state(struct lifecycle *l, lifecycle_derived_fn then, void *arg);

/* The same, after a swap this cutoverd did not run nor hold its clients for
 * (seen by a fleet member in the catalog): carries the subscriptions over
 * when the state read back is a swap. */
void lifecycle_derive_swapped(struct lifecycle *l, lifecycle_derived_fn then, void *arg);

/* After a successful reload: reads the state again (unless a step runs).
 * The routes need nothing: the reload kept the route phase. */
void lifecycle_reloaded(struct lifecycle *l);

/* A fleet member switches to `st` because a peer's step committed: carries
 * the subscriptions over when it is a swap, a new routing generation. */
void lifecycle_apply_state(struct lifecycle *l, enum deploy_state st);
/* A fleet member's share of a peer's cleanup: what before_cleanup does
 * here (end suffixed sessions on PostgreSQL, settle splices), then fn(arg). */
void lifecycle_member_before_cleanup(struct lifecycle *l, void (*fn)(void *arg), void *arg);
/* A deploy step run here ended (any outcome): a fleet claim still open is
 * marked aborted so that the members lower their barriers. */
void lifecycle_step_ended(struct lifecycle *l);

/* "none", "deploying", ... or "unknown" before the first derivation and
 * while a swap's outcome is in doubt. */
const char *lifecycle_state_name(const struct lifecycle *l);

/* ---- waiting for SUBSCRIBE splices ---- */

/* Subscriptions switching to the other environment right now. */
size_t lifecycle_splicing(const struct lifecycle *l);

/* Called once: no subscription splices any more, or the wait ran out
 * (`still_splicing` > 0). May free the wait. */
typedef void (*lifecycle_settled_fn)(void *arg, size_t still_splicing, int waited_ms);
/*
 * Polls every LIFECYCLE_SETTLE_POLL_MS until no subscription splices or no
 * splice has moved on for as long as the streams' cadence allows
 * (proxy_subscriptions_settle_expired()), then calls `fn`. The caller owns the
 * wait (lifecycle_settle_free, also to cancel it). NULL when it could not be
 * started (fn is not called).
 */
struct lifecycle_settle *lifecycle_settle_start(struct lifecycle *l, lifecycle_settled_fn fn,
                                                void *arg);
/* Cancels a wait that has not called back yet, and frees it. NULL is a no-op. */
void lifecycle_settle_free(struct lifecycle_settle *s);

#endif
