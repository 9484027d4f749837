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
#include <stdint.h>

struct conn;

/* Client -> backend, in states AUTH, IDLE and ACTIVE. */
void relay_client_input(struct conn *c);
/* Backend -> client, in states AUTH, IDLE, ACTIVE and HELD. */
void relay_backend_input(struct conn *c);

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
