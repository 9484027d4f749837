/*
 * subscribe_upstream.h: carrying one tracked SUBSCRIBE over a deployment
 * swap. Opens a second connection to the server for the same user (libpq,
 * asynchronous, on the proxy's event loop), runs the statement there with
 * PROGRESS and SNAPSHOT forced (substmt_build), and feeds both streams to a
 * splice (protocol/subscribe/splice.h, SPLICE_HELD_TRACKED): the client's accumulated
 * result is tracked from the start of the subscription, so that at T the
 * client gets new(T) minus what it holds, and after T the new stream in its
 * shape. This file does only the I/O. See docs/subscribe.md, "In the proxy".
 */
#ifndef CUTOVER_PROXY_SUBSCRIBE_UPSTREAM_H
#define CUTOVER_PROXY_SUBSCRIBE_UPSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxy/subscribe/subscription.h"

struct proxy;
struct conn;

/*
 * Feeds the client's accumulated result (the consolidated multiset that a
 * carry-over subtracts at T) with one row delivered to the client. `msg` is
 * the whole DataRow or CopyData. Called by the tracker for every data row of
 * a subscription still streaming from its own session. Past the memory
 * limit the subscription is marked as not carriable (a swap ends it with
 * ZC002). Never frees anything.
 */
void subscribe_upstream_note_delivered(struct subscription *s, const uint8_t *msg, size_t len);

/*
 * A swap committed: starts the new environment's stream for `s`, or, when
 * it cannot be carried (authentication, envelope, memory, route), ends the
 * client's stream now with ZC002. Never frees the conn.
 */
void subscribe_upstream_start(struct subscription *s);

/*
 * A whole message from the session's own backend while `s` is splicing,
 * carried over or failing. Returns true to forward it to the client as is,
 * false when consumed here. May free `s` (c->sub becomes NULL), never the
 * conn.
 */
bool subscribe_upstream_old_message(struct subscription *s, const uint8_t *msg, size_t len);

/*
 * A CancelRequest from the client for a session whose stream has been
 * carried over: ends the new stream as the server would (57014). Returns
 * false when the cancel should go to the session's own backend instead.
 */
bool subscribe_upstream_cancel(struct conn *c);

/* A row of the session's own old stream (the cursor form's FETCH) while
 * the first splice runs: OLD of the live splice, whose output goes where
 * the form says. Never frees `s` for the cursor form. */
void subscribe_upstream_feed_old(struct subscription *s, const uint8_t *msg, size_t len);

/* A FETCH of the cursor form's cursor completed on the server: the old
 * stream delivers at the client's FETCHes, so their interval bounds how
 * long it can stay quiet (the old stream's grace). Never frees anything. */
void subscribe_upstream_note_fetch(struct subscription *s);

/* Whether client messages must stay buffered: a carried stream owns the
 * session until it ends. */
bool subscribe_upstream_holds_client(const struct conn *c);

/* The frontier delivered to the client. */
uint64_t subscribe_upstream_frontier(const struct subscription *s);

/* Ends and frees the upstream side (libpq connection, event, buffers). */
void subscribe_upstream_free(struct subscribe_upstream *u);

/* How long the splices under way may go without moving on (see
 * proxy_subscriptions_settle_expired()), from the cadence and start times
 * the streams showed. */
int64_t subscribe_upstream_settle_limit_ms(struct proxy *p);

/* See proxy_subscriptions_before_cleanup(). */
void subscribe_upstream_before_cleanup(struct proxy *p, proxy_subscriptions_done_fn done,
                                       void *arg);

/*
 * The statement the proxy runs on the new environment for a client's
 * statement `client_sql` analysed as `st`: its SUBSCRIBE in the plain form
 * with PROGRESS and SNAPSHOT on and no AS OF, every other byte the
 * client's (substmt_build). Returns a malloc'd NUL-terminated string, or
 * NULL on allocation failure. Pure; exposed for tests.
 */
char *subscribe_upstream_new_statement(const char *client_sql, const struct substmt *st);

#endif
