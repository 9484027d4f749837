/*
 * session_timeouts.h: the limits on an authenticated session's time in each
 * state, and TCP keepalive on the proxy's sockets ([proxy] keys with
 * PgBouncer's names; docs/security.md).
 *
 * One timer per connection (conn->timer) serves the startup timeout, these
 * limits and the close linger, because a connection is in only one of those
 * phases at a time. conn_set_state() and conn_set_in_tx(), the one place
 * each state changes, re-arm it through session_timeouts_arm().
 */
#ifndef CUTOVER_PROXY_SESSION_TIMEOUTS_H
#define CUTOVER_PROXY_SESSION_TIMEOUTS_H

#include <event2/util.h>

struct conn;
struct config;

/* Arms c->timer for the limit of c's state (IDLE outside or inside a
 * transaction, ACTIVE, HELD at the barrier: query_wait_timeout, counted from
 * held_since), or disarms it when that limit is off. Only for authenticated
 * sessions; a no-op in the other states. */
void session_timeouts_arm(struct conn *c);

/* c->timer fired in an authenticated state: ends the session (a HELD one
 * with FATAL 57014, its statement never sent), or for query_timeout first
 * cancels the statement on the server. */
void session_timeouts_fire(struct conn *c);

/* SO_KEEPALIVE and its intervals on a TCP socket, as configured. */
void session_tcp_keepalive(const struct config *cfg, evutil_socket_t fd);

#endif
