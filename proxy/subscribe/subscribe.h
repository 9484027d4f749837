/*
 * subscribe.h: live SUBSCRIBE streams and their carry-over across a
 * deployment swap (docs/subscribe.md).
 *
 * The wing's public header: the only one of proxy/subscribe/ that code
 * outside the wing includes. The control plane calls the
 * proxy_subscriptions_* functions; the session core reaches the wing only
 * through its hook table subscribe_feature (feature.h).
 * Inside the wing: subscription.h (tracking, subscribe.c),
 * subscribe_upstream.h (the new environment's stream) and
 * subscribe_cursor.h (the cursor form).
 */
#ifndef CUTOVER_PROXY_SUBSCRIBE_H
#define CUTOVER_PROXY_SUBSCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proxy;
struct session_feature;

/* SUBSCRIBE carry-over's hooks (feature.h): Materialize-dialect sessions
 * only. A session with no live subscription costs one pointer test per hook:
 * nothing is parsed unless c->sub is set. */
extern const struct session_feature subscribe_feature;

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
    bool splicing;           /* a carry-over is under way (state "splicing") */
};
typedef void (*proxy_subscription_fn)(const struct subscription_info *info, void *arg);
/* Calls `fn` for every live subscription, in session id order. */
void proxy_foreach_subscription(struct proxy *p, proxy_subscription_fn fn, void *arg);

#endif
