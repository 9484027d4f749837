/*
 * fleetgate.h: the fence of a fleet member (docs/fleet.md, "The fence").
 *
 * A member whose fleet view is stale (its control or watch connection was
 * lost and the state is not re-derived yet, or its last fresh read is older
 * than the lease: it was frozen or cut off) must not route by it:
 *  - statements on the deploy and previous routes are refused with ZC001
 *    (the production route keeps serving: it renames nothing);
 *  - a statement inside a transaction waits (HELD) until the view is fresh
 *    again, bounded by the lease; the control plane is asked to re-read.
 * When the re-read applies a cutover this member did not hold its clients
 * for, every session then inside a transaction is fenced: its next
 * statement ends it with ZC004 (the transaction began before the swap).
 *
 * The control plane (control/fleet.c) drives it; without [fleet] the gate
 * is disabled and every hook passes.
 */
#ifndef CUTOVER_PROXY_FLEETGATE_H
#define CUTOVER_PROXY_FLEETGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct proxy;
struct event;

struct fleetgate {
    bool enabled;                /* this cutoverd is a fleet member */
    bool stale;                  /* the control plane says the view is stale */
    char why[160];               /* why, for the ZC001 message */
    struct timespec fresh_until; /* CLOCK_MONOTONIC: past it the view is stale */
    int bound_ms;                /* how long a statement waits at most (the lease) */
    void (*reread)(void *arg);   /* asks the control plane to read the state again */
    void *reread_arg;
    struct event *release_ev; /* releases held sessions from the loop */
    struct event *bound_ev;   /* the wait's bound */
    uint64_t fenced_total;    /* sessions ended with ZC004 */
    uint64_t refused_total;   /* statements refused with ZC001 */
};

/* Called by proxy_new / proxy_free. */
void fleetgate_init(struct proxy *p);
void fleetgate_free(struct proxy *p);

/* Whether the view is stale now (flag, or its freshness ran out). */
bool fleetgate_stale_now(const struct proxy *p);
/* The control plane read the state: fresh for `valid_ms` from `since`
 * (CLOCK_MONOTONIC; never moves fresh_until back). Releases held sessions
 * when the view is no longer stale. */
void fleetgate_fresh(struct proxy *p, const struct timespec *since, int64_t valid_ms);
/* Sets or clears the stale flag (`why` says why; may be NULL). Clearing it
 * releases held sessions. */
void fleetgate_set_stale(struct proxy *p, bool stale, const char *why);
/* A cutover this member did not hold its clients for was applied: every
 * session inside a transaction is fenced (ZC004 at its next statement).
 * Returns how many. */
size_t fleetgate_fence_transactions(struct proxy *p);

struct session_feature;
/* The fence's hooks (feature.h): how the session core reaches it. */
extern const struct session_feature fleetgate_feature;

#endif
