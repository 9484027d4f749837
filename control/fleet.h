/*
 * fleet.h: a cutoverd as a member of a fleet of sidecars in front of one
 * server ([fleet] enabled; docs/fleet.md). The coordination state lives in
 * three tables on the server (members, intent, reports); a member keeps two
 * libpq connections of its own, both driven from the event loop with libpq's
 * non-blocking API: the control connection runs every read and write, one
 * statement at a time; the watch connection brings the changes. On
 * Materialize it is a SUBSCRIBE of the intent and reports tables whose rows
 * are applied to the view as they arrive (fleet_view.h); on PostgreSQL a
 * LISTEN fed by triggers, each NOTIFY followed by a read of the whole state.
 * Every heartbeat reads the whole state too (members, clock, liveness).
 *
 * The promoter (the member a deploy step runs on) claims a generation in the
 * intent row by a compare-and-set UPDATE, waits until every live member
 * reported that it holds its clients, lets the step swap, writes `committed`
 * and waits for every member's `switched` report. The fleet tables only
 * coordinate: the deployment state stays what the catalog says.
 */
#ifndef CUTOVER_CONTROL_FLEET_H
#define CUTOVER_CONTROL_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "control/deploy_plan.h"

struct lifecycle;
struct fleet;

#define FLEET_NAME_MAX    64  /* member names: 63 bytes + NUL (config checks them) */
#define FLEET_TEXT_MAX    256 /* addresses, states, details */
#define FLEET_MAX_MEMBERS 256

/* One member row as this member last read it. */
struct fleet_member_info {
    char name[FLEET_NAME_MAX];    /* member */
    char address[FLEET_TEXT_MAX]; /* what `fleet` prints */
    int64_t pid;                  /* its process id */
    int64_t heartbeat_ms;         /* server clock ms of its last heartbeat */
    int64_t heartbeat_age_ms;     /* now - heartbeat_ms */
    char state[FLEET_TEXT_MAX];   /* following, held, ... */
    int64_t generation;           /* last intent generation it handled */
    bool live;                    /* heartbeat within the lease */
    bool self;                    /* this member */
};

/* The intent row. */
struct fleet_intent_info {
    int64_t generation; /* 0 = never claimed */
    char action[32];    /* promote, rollback, cleanup, none */
    char promoter[FLEET_NAME_MAX];
    char state[16];              /* open, committed, aborted, done */
    int64_t deadline_ms;         /* server clock ms */
    char detail[FLEET_TEXT_MAX]; /* committed: the deployment state after it */
};

/* Starts the member (connections, bootstrap, registration, heartbeats) when
 * [fleet] enabled; NULL when disabled or on allocation failure. */
struct fleet *fleet_new(struct lifecycle *l);
/* Deletes its row if it can without waiting, closes, frees. NULL is a no-op. */
void fleet_free(struct fleet *f);

/* This member's name. */
const char *fleet_member_name(const struct fleet *f);
/* The server's clock minus this host's, in ms (docs/fleet.md "Clocks"). */
int64_t fleet_clock_offset_ms(const struct fleet *f);
/* True once the member read the fleet state at least once and its control
 * connection is up. */
bool fleet_ready(const struct fleet *f);
/* Why it is not ready ("" when it is). */
const char *fleet_stale_reason(const struct fleet *f);

/* The members as last read (with liveness at the time of the call) and the
 * intent. Returns the count filled. */
size_t fleet_members(const struct fleet *f, struct fleet_member_info *out, size_t max);
void fleet_intent(const struct fleet *f, struct fleet_intent_info *out);

/* ---- the promoter side (driven by lifecycle.c's deploy hooks) ---- */

/* The fleet's answer: ok, or why not (member names, sessions). */
typedef void (*fleet_ready_fn)(void *arg, bool ok, const char *why);

/*
 * Claims the next generation for `action` (promote, rollback, cleanup) and
 * waits until every live member reported `quiescent` (its clients are held,
 * or its cleanup work is done). `fn` is called once, from the loop: ok, or
 * not with the reason (lost the claim: names the winner; a member busy or
 * lost under on_member_lost = abort; `timeout_ms` passed). On failure the
 * intent is already marked aborted. False when a claim is already in
 * progress here or the fleet view is stale (fn is not called).
 */
bool fleet_begin(struct fleet *f, const char *action, int64_t timeout_ms, fleet_ready_fn fn,
                 void *arg);
/* The swap (or the drops) committed with the deployment now in `st`: tells
 * every member to switch. Outside a coordinated step (deploy init) it
 * announces the new state in a generation of its own, with no barrier. */
void fleet_commit(struct fleet *f, enum deploy_state st);
/* This member's step ends without a commit (any failure after fleet_begin):
 * marks its intent aborted so that the members lower their barriers. No-op
 * when nothing is open. */
void fleet_abort(struct fleet *f, const char *why);
/* After the commit: waits (bounded) until every live member reported
 * `switched`, marks the intent done, then calls fn(arg, true, summary) where
 * summary names each member's held statements and the members lost or not
 * confirmed. Without an open commit here, calls fn at once with "". */
void fleet_await_switched(struct fleet *f, fleet_ready_fn fn, void *arg);
/* True when a peer's step holds this member (its intent is open and not
 * past its deadline); `out` then says so, naming the peer. */
bool fleet_peer_step(const struct fleet *f, char *out, size_t outlen);
/* The member's view as Prometheus text (/metrics). */
struct evbuffer;
void fleet_write_metrics(const struct fleet *f, struct evbuffer *out);
/* Members that would take part in a step now (for --dry-run): one line. */
void fleet_describe(const struct fleet *f, char *out, size_t outlen);

#endif
