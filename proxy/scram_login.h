/*
 * scram_login.h: cutoverd logging in to the server with a recovered
 * ClientKey, one Authentication message at a time (docs/scram.md).
 *
 * The session's backend (passthrough.c) and the carry-over's login shim
 * (loginshim.c) both feed it the server's Authentication messages and write
 * what it answers; it owns the client end of the exchange
 * (scram_crypto.h). It refuses every method but SCRAM-SHA-256 (the verifier
 * is all it has), uses SCRAM-SHA-256-PLUS bound to the server's certificate
 * when the connection is TLS and the server offers it, and accepts
 * AuthenticationOk only after the server proved it knows the verifier
 * (or, with trust, when the server asked for nothing).
 */
#ifndef CUTOVER_PROXY_SCRAM_LOGIN_H
#define CUTOVER_PROXY_SCRAM_LOGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#include "protocol/scram.h"
#include "protocol/writer.h"

struct scram_client;

/* What cutoverd holds to log in as one user: never a password. */
struct scram_keys {
    uint8_t client_key[SCRAM_KEY_LEN]; /* recovered from the client's proof */
    struct scram_verifier verifier;    /* the one the proof was checked against */
};

struct scram_login {
    const struct scram_keys *keys; /* not owned; outlives the login */
    struct scram_client *cli;      /* owned; NULL until AuthenticationSASL */
    bool proven;                   /* the server's signature checked out */
};

enum scram_login_step {
    SCRAM_LOGIN_REPLY,  /* send `reply` to the server */
    SCRAM_LOGIN_WAIT,   /* nothing to send: wait for the server's next message */
    SCRAM_LOGIN_DONE,   /* AuthenticationOk: logged in */
    SCRAM_LOGIN_FAILED, /* refused: `err` says why (no secret in it), *sqlstate for the client */
};

void scram_login_init(struct scram_login *l, const struct scram_keys *keys);
/*
 * One Authentication message `msg` (whole, type 'R') from the server.
 * server_ssl: the TLS session to the server, NULL in plaintext (decides
 * channel binding). On SCRAM_LOGIN_REPLY the message to send was appended
 * to `reply` (check wire_writer_ok()).
 */
enum scram_login_step scram_login_on_auth(struct scram_login *l, const uint8_t *msg, size_t len,
                                          SSL *server_ssl, struct wire_writer *reply,
                                          const char **sqlstate, char *err, size_t errlen);
/* Frees the exchange (wiped); the keys are the caller's. */
void scram_login_clear(struct scram_login *l);

#endif
