/*
 * swapwatch.h: recognises a deployment swap that a client runs through the
 * proxy (dbt's own deploy_promote pointed at cutoverd, say) and treats it as
 * a promote: the barrier goes up, the swap statement itself waits until no
 * other session is inside a transaction (a transaction that began on the old
 * objects must not see the new ones under the same names), other sessions
 * are held while the swap transaction is open, and when it ends the control
 * plane re-reads the deployment state from the server (the truth) and
 * switches the routing table before the barrier is lowered.
 *
 * Both waits together are bounded by [deployment] swap_pause_timeout: past
 * it the swap goes ahead (or its open transaction stops holding the others)
 * and the held sessions go on, with a warning in the log. A client's own
 * statement is never refused: unlike `promote`, which fails with nothing
 * changed, the proxy has no way to say "not now" that a client would expect.
 *
 * Only Materialize's `ALTER SCHEMA|CLUSTER a SWAP WITH b` naming a
 * configured schema or cluster (or its twin) is recognised; PostgreSQL-style
 * renames are not (docs/rewriting.md).
 */
#ifndef CUTOVER_PROXY_SWAPWATCH_H
#define CUTOVER_PROXY_SWAPWATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct proxy;
struct conn;

/*
 * Called when a watched swap transaction has ended (committed or not:
 * `committed` in struct swapwatch says which). The callee must call
 * swapwatch_release() once it has re-read the state and applied it; until
 * then other sessions stay held.
 */
typedef void (*swapwatch_ended_fn)(struct proxy *p, void *arg);

struct event;

struct swapwatch {
    struct conn *conn;           /* session whose transaction swaps; NULL = none */
    uint64_t conn_id;            /* its id, for logs */
    bool owns_barrier;           /* we raised the barrier (not a lifecycle step) */
    bool waiting;                /* conn's swap statement is HELD until the others are done */
    bool admitted;               /* the others are done (or the wait timed out): conn's
                                    statements pass the barrier */
    struct timespec since;       /* when the swap was seen */
    struct event *resume_ev;     /* resumes the waiting statement outside barrier_check() */
    struct event *hold_ev;       /* ends the hold while the swap transaction is open */
    bool releasing;              /* ended; waiting for swapwatch_release() */
    swapwatch_ended_fn on_ended; /* set by the control plane; NULL = just release */
    void *on_ended_arg;          /* its argument */
    bool failed;                 /* the watched transaction had an error or rolled back */
    bool committed;              /* at on_ended: it ended idle with no error nor ROLLBACK, so
                                    its swap committed */
    /* A fleet member (docs/fleet.md): asks every member to hold its clients
     * too; true when the answer comes later through swapwatch_fleet_ready()
     * (the swap waits for it as for this member's own sessions). Called
     * with on_ended_arg. NULL = not a fleet member. */
    bool (*fleet_hold)(struct proxy *p, void *arg);
    bool fleet_pending;  /* that answer is awaited */
    bool local_quiesced; /* this member's sessions are out of their transactions */
    uint64_t swaps_seen; /* counter for metrics */
};

/* True when `sql` holds an ALTER ... SWAP WITH naming a configured schema or
 * cluster (or its deployment twin). Pure apart from reading the config. */
bool swapwatch_is_deployment_swap(const struct proxy *p, const char *sql, size_t len);

/*
 * The relay saw `c` send such a statement (already routed: past any
 * barrier that was up). Starts watching c's transaction and raises the
 * barrier. Returns true when the statement must wait: c has been made HELD
 * with the statement left in its input buffer, and the relay is re-entered
 * once every other session is out of its transaction. `at_boundary`: c is
 * IDLE, so it can wait (a statement pipelined behind another cannot).
 */
bool swapwatch_begin(struct proxy *p, struct conn *c, bool at_boundary);

/* Whether `c`'s statements pass a raised barrier: it is the session whose
 * swap was admitted. */
bool swapwatch_passes(const struct proxy *p, const struct conn *c);

/* Whether the relay must pass `c`'s ErrorResponse and CommandComplete
 * messages to swapwatch_backend() (c's transaction is watched). */
bool swapwatch_wants(const struct proxy *p, const struct conn *c);

/* A whole ErrorResponse or CommandComplete of the watched session: notes
 * an error or a ROLLBACK, so that its end tells whether the swap
 * committed. */
void swapwatch_backend(struct proxy *p, struct conn *c, const uint8_t *msg, size_t len);

/* The relay saw ReadyForQuery for `c` with transaction status `tx`. */
void swapwatch_ready(struct proxy *p, struct conn *c, uint8_t tx);

/* `c` is closing: a watched transaction ends with it. */
void swapwatch_forget(struct proxy *p, struct conn *c);

/* The fleet's answer to fleet_hold: every member holds its clients (ok), or
 * not (`why`; the swap then goes ahead on this member's barrier alone, a
 * client's statement is never refused). */
void swapwatch_fleet_ready(struct proxy *p, bool ok, const char *why);

/* The control plane applied the state: lower the barrier we raised. */
void swapwatch_release(struct proxy *p);

/* Frees the events; at proxy teardown. */
void swapwatch_free(struct proxy *p);

struct session_feature;
/* Swap watching's hooks (feature.h): how the session core reaches it. */
extern const struct session_feature swapwatch_feature;

#endif
