/*
 * loginshim.h: lets a libpq connection of cutoverd's own log in to the
 * server with a session's ClientKey (SCRAM pass-through, docs/scram.md).
 *
 * libpq cannot log in with a ClientKey, but the SUBSCRIBE carry-over opens
 * its connections to the new environment with libpq. The shim is a Unix
 * socket in a private directory (mode 0700, made at first use, removed at
 * exit) that only this process connects to: the carry-over registers the
 * session's keys and gets a one-time token, and points libpq at the shim
 * with that token as its password. The shim answers libpq's startup with
 * AuthenticationCleartextPassword, takes the token (single use, expiring),
 * connects to the server exactly as a session's backend does (TCP, TLS per
 * [backend] sslmode), forwards libpq's startup packet, logs in with
 * scram_login.h (channel binding over TLS, server signature checked), then
 * relays bytes both ways until either side closes. The token is no secret
 * of the user's: it opens one login as one user, once, from this process's
 * private socket.
 */
#ifndef CUTOVER_PROXY_LOGINSHIM_H
#define CUTOVER_PROXY_LOGINSHIM_H

#include <stdbool.h>
#include <stddef.h>

struct proxy;
struct scram_keys;

#define LOGINSHIM_TOKEN_LEN 64     /* hex characters */
#define LOGINSHIM_PORT      "5432" /* the socket is <dir>/.s.PGSQL.5432 */

/*
 * Registers one login with `keys` (copied) and fills `dir` (the directory
 * to give libpq as host, port LOGINSHIM_PORT) and `token` (its password,
 * NUL-terminated). Starts the shim at first use. False with `err` set when
 * it cannot.
 */
bool loginshim_register(struct proxy *p, const struct scram_keys *keys, char *dir, size_t dirlen,
                        char token[LOGINSHIM_TOKEN_LEN + 1], char *err, size_t errlen);
/* Closes every shim connection, removes the socket and its directory, wipes
 * the tokens and keys. proxy_free calls it. */
void loginshim_free(struct proxy *p);

#endif
