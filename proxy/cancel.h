/*
 * cancel.h: query cancellation. Clients get cutover's own BackendKeyData
 * (random pid and key); a CancelRequest carrying them is looked up here and
 * re-sent to the server, over a new connection, with the server's key.
 */
#ifndef CUTOVER_PROXY_CANCEL_H
#define CUTOVER_PROXY_CANCEL_H

#include <stdbool.h>
#include <stdint.h>

struct conn;
struct proxy;

/* Gives `c` a fresh random proxy pid/key (unique pid among live conns) and
 * indexes it. False if the random generator failed. */
bool cancel_register(struct proxy *p, struct conn *c);
/* Removes `c` from the index (no-op if absent). */
void cancel_unregister(struct proxy *p, struct conn *c);
/* The conn whose proxy pid and key match, or NULL. The key is compared in
 * constant time. */
struct conn *cancel_lookup(struct proxy *p, uint32_t pid, uint32_t key);

/*
 * Handles a client's CancelRequest: if (pid, key) names a live session with
 * a backend key, opens a new connection to the server (TLS when the backend
 * uses TLS), sends CancelRequest with the server's key and waits for the
 * server to close it. Unknown keys are dropped silently (logged at debug).
 * Bounded by connect_timeout.
 *
 * Returns true when a request is in flight: it closes the conn with id
 * `reply_to` (the client's cancel connection) once the server has acted on
 * the cancel, as PostgreSQL answers a cancel only then; a client whose
 * cancel call has returned may send its next query at once, and a cancel
 * still on its way would hit that query instead. False: close it now.
 */
bool cancel_forward(struct proxy *p, uint32_t pid, uint32_t key, uint64_t reply_to);

/*
 * Sends a CancelRequest for `c`'s own backend session (the proxy cancelling
 * a statement itself, e.g. the old SUBSCRIBE of a carried stream). No-op
 * without a backend key. `reply_to`: as for cancel_forward, 0 = none.
 * False when nothing was sent.
 */
bool cancel_backend(struct proxy *p, struct conn *c, uint64_t reply_to);

/* Number of cancel connections in flight (for tests and shutdown). */
unsigned cancel_in_flight(const struct proxy *p);
/* Abandons every cancel connection in flight (proxy teardown). */
void cancel_free_all(struct proxy *p);

#endif
