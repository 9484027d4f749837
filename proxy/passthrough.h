/*
 * passthrough.h: SCRAM pass-through for one session (docs/scram.md).
 *
 * When the startup user has a verifier in the [auth] file, cutoverd
 * authenticates the client itself (AuthenticationSASL with SCRAM-SHA-256,
 * and SCRAM-SHA-256-PLUS bound to cutoverd's own certificate when the client
 * connection is TLS), keeps the ClientKey recovered from the client's proof
 * for the whole session, and only then connects the server and logs in
 * there with that key (scram_login.h) while the client waits. The rest of
 * the server's startup (AuthenticationOk, ParameterStatus, BackendKeyData,
 * ReadyForQuery) is relayed as usual. A user absent from the file is looked
 * up by the auth query when [auth] user is set (authquery.h; the session
 * waits in CLIENT_AUTH meanwhile); users with no verifier from either, and
 * every user whose lookup failed, keep the relayed authentication.
 */
#ifndef CUTOVER_PROXY_PASSTHROUGH_H
#define CUTOVER_PROXY_PASSTHROUGH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/buffer.h>

struct conn;
struct passthrough;
struct scram_keys;

/*
 * Called with the startup packet handled and the route chosen. False: the
 * user has no verifier in the file and there is no auth query: relay
 * authentication as usual. True: cutoverd authenticates the client (c is
 * CLIENT_AUTH, the AuthenticationSASL is queued), or looks the verifier up
 * first (c is CLIENT_AUTH; the answer offers SCRAM or moves c to CONNECTING
 * to relay), or c failed; in every case the caller is done.
 */
bool passthrough_begin(struct conn *c);
/* Client bytes while CLIENT_AUTH: the SASL responses. On success the
 * backend connection starts (CONNECTING); on a wrong password FATAL 28P01
 * as PostgreSQL words it. May fail c, never frees it. */
void passthrough_client_input(struct conn *c);
/*
 * An Authentication message from the server of a pass-through session (c
 * in AUTH): answers it on the backend, or, at AuthenticationOk, adds
 * AuthenticationOk to `to_client`. False after failing c.
 */
bool passthrough_server_auth(struct conn *c, const uint8_t *msg, size_t len,
                             struct evbuffer *to_client);
/* The keys of a session whose client proved its password, else NULL. */
const struct scram_keys *passthrough_keys(const struct conn *c);
/* Wipes every key and frees; NULL is fine. */
void passthrough_free(struct passthrough *pt);

#endif
