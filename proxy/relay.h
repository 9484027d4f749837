/*
 * relay.h: moves protocol messages between a session's client and backend
 * after the startup packet. Most messages stream (bytes move between
 * evbuffers as they arrive, without copies); the ones cutover must see are
 * pulled up whole: Query and Parse (rewritten through the session's name
 * map), PasswordMessage, Authentication, ParameterStatus, BackendKeyData,
 * ReadyForQuery and ErrorResponse.
 *
 * Both functions stop when the destination's output reaches buffer_limit
 * (the destination's write-watermark callback calls them again), and may
 * close `c` but never free it.
 */
#ifndef CUTOVER_PROXY_RELAY_H
#define CUTOVER_PROXY_RELAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct conn;
struct evbuffer;

/* Client -> backend, in states AUTH, IDLE and ACTIVE. */
void relay_client_input(struct conn *c);
/* Backend -> client, in states AUTH, IDLE, ACTIVE and HELD. */
void relay_backend_input(struct conn *c);

/*
 * The run of pass-through backend messages at the front of `in` (the
 * backend's input), in bytes: consecutive messages the relay streams without
 * inspecting them, the last one possibly incomplete. Each one's header is
 * judged as a lone message's would be, and its COPY bookkeeping (in_copy)
 * done, in order. The run ends before a message the relay or a feature
 * inspects (ReadyForQuery, ErrorResponse, ...), before a bad header (left for
 * the relay to report), where the first peeked chunks of `in` end, and at the
 * first message that would start at or past `room` bytes (what the client's
 * output takes before buffer_limit). relay_backend_input() moves the run as
 * one stream; exposed for tests/relay/test_runs.c.
 */
size_t relay_backend_run(struct conn *c, struct evbuffer *in, size_t room);

/*
 * The same for the client's input `in` while c is ACTIVE and no feature
 * watches its client messages (feature_watches_client): consecutive messages
 * the client loop would only count and stream (Bind, Execute, Describe,
 * Close, Flush, Sync, FunctionCall, CopyData; Query and Parse when the route
 * renames nothing, no feature tracks statements and each feature that
 * admits them would pass this one, feature_passes_statement), each counted
 * (pending_sync, statements) in order as the run is measured: the caller
 * streams all of what it returns (fe_remaining). 0 in any other state: a
 * statement's first message goes through the barrier and the routing table
 * alone.
 */
size_t relay_client_run(struct conn *c, struct evbuffer *in, size_t room);

/* Whether a frontend message of this type starts work on the server (and so
 * waits at a raised barrier when the session is idle). */
bool relay_starts_statement(uint8_t type);

/*
 * The session's statement ended with transaction status `tx` without the
 * server's ReadyForQuery passing through the relay (a SUBSCRIBE carried
 * over ends on another connection; the caller has sent the client its
 * ReadyForQuery). Updates the state as relaying one would, then relays what
 * the client sent meanwhile. May close `c`, never frees it.
 */
void relay_ready_status(struct conn *c, uint8_t tx);

/* Runs relay_client_input(c) again once the backend loop in progress (or
 * the next one) ends, with c IDLE: for a feature that made a client message
 * wait for the server's answers. */
void relay_defer_client_input(struct conn *c);

#endif
