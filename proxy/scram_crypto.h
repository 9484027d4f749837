/*
 * scram_crypto.h: the two ends of a SCRAM-SHA-256 exchange, for pass-through.
 *
 * The server end (facing a client) holds only a user's verifier: it checks
 * the client's proof and recovers the ClientKey from it
 * (ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage), accepted only
 * when H(ClientKey) == StoredKey). The client end (facing PostgreSQL or
 * Materialize) logs in with that ClientKey and the verifier's ServerKey,
 * never with a password, and refuses a server whose signature does not
 * prove it knows the same verifier. A client end from a password exists for
 * tests and tools.
 *
 * Hashing is OpenSSL's (PKCS5_PBKDF2_HMAC, HMAC, SHA256, RAND_bytes,
 * CRYPTO_memcmp); message syntax is protocol/scram.h. Every key, proof and
 * salted password lives in memory that is wiped with OPENSSL_cleanse when
 * freed. Nothing here logs; the results say what went wrong without the
 * secrets.
 */
#ifndef CUTOVER_PROXY_SCRAM_CRYPTO_H
#define CUTOVER_PROXY_SCRAM_CRYPTO_H

#include "protocol/scram.h"

#include <openssl/x509.h>

/* What a step of an exchange came to. */
enum scram_result {
    SCRAM_RES_OK = 0,    /* go on (or done, after the last step) */
    SCRAM_RES_MALFORMED, /* the peer's message does not parse: 08P01 */
    SCRAM_RES_PROTOCOL,  /* a message out of order, a mechanism not offered, a nonce mismatch: 08P01
                          */
    SCRAM_RES_UNSUPPORTED,     /* an authzid, which PostgreSQL does not support either: 0A000 */
    SCRAM_RES_CBIND_MISMATCH,  /* channel-binding flag/type/data not what was negotiated: 28000 */
    SCRAM_RES_AUTH_FAILED,     /* wrong proof, or an unknown user: 28P01 */
    SCRAM_RES_SERVER_REFUSED,  /* the server sent e=...: its login failed */
    SCRAM_RES_SERVER_UNPROVEN, /* the server's signature is wrong: refuse that server */
    SCRAM_RES_STALE_VERIFIER,  /* the server's salt/iterations are not the verifier's */
    SCRAM_RES_INTERNAL,        /* allocation or OpenSSL failure */
};
const char *scram_result_name(enum scram_result r);

/* ---- derivations (RFC 5802 section 3) ---- */

/* SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, iterations). The
 * password is used as given: SASLprep it first (protocol/saslprep.h). */
bool scram_salted_password(const char *password, size_t password_len, const uint8_t *salt,
                           size_t salt_len, int32_t iterations,
                           uint8_t out[SCRAM_KEY_LEN]) WIRE_MUST_CHECK;
/* ClientKey = HMAC(SaltedPassword, "Client Key"); ServerKey = HMAC(SaltedPassword, "Server Key");
 * StoredKey = SHA-256(ClientKey). */
bool scram_client_key(const uint8_t salted[SCRAM_KEY_LEN],
                      uint8_t out[SCRAM_KEY_LEN]) WIRE_MUST_CHECK;
bool scram_server_key(const uint8_t salted[SCRAM_KEY_LEN],
                      uint8_t out[SCRAM_KEY_LEN]) WIRE_MUST_CHECK;
bool scram_stored_key(const uint8_t client_key[SCRAM_KEY_LEN],
                      uint8_t out[SCRAM_KEY_LEN]) WIRE_MUST_CHECK;
/* A verifier from a password as PostgreSQL makes one: SASLprep (raw bytes
 * when that fails), then the derivations. salt NULL: 16 random bytes. */
bool scram_verifier_from_password(const char *password, const uint8_t *salt, size_t salt_len,
                                  int32_t iterations, struct scram_verifier *out) WIRE_MUST_CHECK;

/* The tls-server-end-point channel-binding data (RFC 5929 section 4.1) for a
 * certificate: its hash with the digest of its signature algorithm, SHA-256
 * when that is MD5 or SHA-1, as PostgreSQL's be_tls_get_certificate_hash.
 * False for a signature algorithm without a digest (e.g. Ed25519), which
 * PostgreSQL refuses too. */
bool scram_cert_end_point_hash(X509 *cert, uint8_t out[SCRAM_MAX_CBIND_DATA],
                               size_t *out_len) WIRE_MUST_CHECK;

/* Random bytes for the mock verifiers of unknown users: one per process,
 * so that an unknown user always gets the same salt (no enumeration by
 * asking twice) and nobody can predict it. */
struct scram_mock_secret {
    uint8_t bytes[SCRAM_KEY_LEN]; /* from RAND_bytes */
};
bool scram_mock_secret_init(struct scram_mock_secret *m) WIRE_MUST_CHECK;

/* ---- the server end: cutoverd facing a client ---- */

struct scram_server; /* opaque: the state of one exchange */

/*
 * Starts an exchange for `user`. verifier NULL (no verifier for this user):
 * the exchange runs with a mock verifier whose salt is derived from user
 * and mock, like PostgreSQL's scram_mock_salt, and always ends in
 * SCRAM_RES_AUTH_FAILED after the same work as a real one. cbind_data (the
 * tls-server-end-point hash of cutoverd's own certificate, NULL without
 * TLS) decides whether SCRAM-SHA-256-PLUS was offered. NULL on allocation
 * failure. The verifier is copied.
 */
struct scram_server *scram_server_new(const char *user, const struct scram_verifier *verifier,
                                      const struct scram_mock_secret *mock,
                                      const uint8_t *cbind_data, size_t cbind_len);
/*
 * The client's SASLInitialResponse: the mechanism it chose and its
 * client-first. On SCRAM_RES_OK, *server_first (malloc'd, *server_first_len
 * bytes, no NUL in the SASL data) is to be sent in AuthenticationSASLContinue.
 */
enum scram_result scram_server_first(struct scram_server *s, const char *mechanism,
                                     const char *client_first, size_t len, char **server_first,
                                     size_t *server_first_len) WIRE_MUST_CHECK;
/*
 * The client's SASLResponse. On SCRAM_RES_OK the client proved it knows the
 * password: *server_final (malloc'd) goes in AuthenticationSASLFinal, and
 * client_key receives the recovered ClientKey. Any other result: nothing is
 * returned, and the caller sends FATAL 28P01 (or 08P01 for MALFORMED /
 * PROTOCOL), without the reason.
 */
enum scram_result scram_server_final(struct scram_server *s, const char *client_final, size_t len,
                                     char **server_final, size_t *server_final_len,
                                     uint8_t client_key[SCRAM_KEY_LEN]) WIRE_MUST_CHECK;
/* Wipes and frees; NULL is fine. */
void scram_server_free(struct scram_server *s);

/* ---- the client end: cutoverd facing the server ---- */

struct scram_client; /* opaque */

/*
 * A client end from keys: the ClientKey recovered from the user's proof
 * and the verifier it was checked against (for ServerKey, salt, iterations).
 * cbind_data: the tls-server-end-point hash of the server's certificate
 * when the connection to it is TLS (then SCRAM-SHA-256-PLUS is used), else
 * NULL (SCRAM-SHA-256 with flag 'n'). NULL on allocation failure.
 */
struct scram_client *scram_client_new_keys(const uint8_t client_key[SCRAM_KEY_LEN],
                                           const struct scram_verifier *verifier,
                                           const uint8_t *cbind_data, size_t cbind_len);
/* A client end from a password (SASLprep'd as libpq does); for tests. */
struct scram_client *scram_client_new_password(const char *password, const uint8_t *cbind_data,
                                               size_t cbind_len);
/* For a client with no channel binding data: send 'y' instead of 'n'
 * ("supported, not offered"), as libpq does over TLS when PLUS is missing. */
void scram_client_set_cbind_supported(struct scram_client *c);
/* "SCRAM-SHA-256" or "SCRAM-SHA-256-PLUS", for SASLInitialResponse. */
const char *scram_client_mechanism(const struct scram_client *c);
/* The client-first (malloc'd). */
enum scram_result scram_client_first(struct scram_client *c, char **out,
                                     size_t *out_len) WIRE_MUST_CHECK;
/* The server's server-first -> the client-final (malloc'd). */
enum scram_result scram_client_final(struct scram_client *c, const char *server_first, size_t len,
                                     char **out, size_t *out_len) WIRE_MUST_CHECK;
/* The server's server-final: SCRAM_RES_OK only if its signature is right. */
enum scram_result scram_client_verify_server(struct scram_client *c, const char *server_final,
                                             size_t len) WIRE_MUST_CHECK;
void scram_client_free(struct scram_client *c);

#endif
