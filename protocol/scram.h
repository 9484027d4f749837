/*
 * scram.h: the text of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL
 * speaks it: parsers and builders for the four messages, base64, and the
 * verifier string PostgreSQL stores in pg_authid.rolpassword.
 *
 * Pure (libc only): no hashing here, the keys are computed in
 * proxy/scram_crypto.c. Parsers take the SASL payload bytes (not
 * NUL-terminated) and return slices into them; they never read past `len`
 * and answer with a distinct scram_parse_error for each way a message can
 * be wrong, so a caller can log the reason without logging the bytes.
 *
 * Strictness follows PostgreSQL's auth-scram.c (server) and fe-auth-scram.c
 * (libpq): attributes in the RFC's order, the proof last, no NUL byte, no
 * trailing garbage; plus the RFC's syntax for nonces (printable, no ',')
 * and saslnames ('=' only as "=2C" / "=3D"). Base64 is RFC 4648 with
 * padding and no whitespace (PostgreSQL's decoder also skips whitespace;
 * no SCRAM client sends any).
 */
#ifndef CUTOVER_PROTOCOL_SCRAM_H
#define CUTOVER_PROTOCOL_SCRAM_H

#include "protocol/wire.h"

#define SCRAM_KEY_LEN         32 /* SHA-256 output: StoredKey, ServerKey, proofs */
#define SCRAM_MAX_SALT_LEN    64 /* decoded; PostgreSQL writes 16 */
#define SCRAM_MECH            "SCRAM-SHA-256"
#define SCRAM_MECH_PLUS       "SCRAM-SHA-256-PLUS"
#define SCRAM_CBIND_TYPE      "tls-server-end-point" /* the only type PostgreSQL offers */
#define SCRAM_MAX_CBIND_DATA  64                     /* a SHA-512 certificate hash */
#define SCRAM_DEFAULT_ITER    4096                   /* PostgreSQL's scram_iterations default */
#define SCRAM_MAX_MESSAGE_LEN 8192                   /* more than any honest peer sends */

/* Why a message or verifier was refused; SCRAM_OK is 0. */
enum scram_parse_error {
    SCRAM_OK = 0,
    SCRAM_ERR_EMPTY,              /* no bytes */
    SCRAM_ERR_TOO_LONG,           /* over SCRAM_MAX_MESSAGE_LEN */
    SCRAM_ERR_NUL_BYTE,           /* a NUL inside the message */
    SCRAM_ERR_BAD_CBIND_FLAG,     /* gs2 flag not 'n', 'y' or 'p=' */
    SCRAM_ERR_BAD_CBIND_TYPE,     /* 'p=' with a type other than tls-server-end-point */
    SCRAM_ERR_BAD_GS2_HEADER,     /* missing ',' after the flag or the authzid */
    SCRAM_ERR_BAD_SASLNAME,       /* '=' not followed by 2C or 3D, or an empty authzid */
    SCRAM_ERR_EXTENSION_REQUIRED, /* a mandatory extension ('m=') */
    SCRAM_ERR_EXPECTED_ATTR,      /* a required attribute is missing or out of order */
    SCRAM_ERR_BAD_ATTR,           /* not "<letter>=" */
    SCRAM_ERR_BAD_NONCE,          /* empty, or a character outside printable-minus-',' */
    SCRAM_ERR_BAD_BASE64,         /* a base64 value does not decode */
    SCRAM_ERR_BAD_LENGTH,         /* a decoded value of the wrong size */
    SCRAM_ERR_BAD_ITERATIONS,     /* not a decimal in 1..INT32_MAX */
    SCRAM_ERR_TRAILING,           /* bytes after the last attribute */
    SCRAM_ERR_BAD_SCHEME,         /* a verifier not starting with "SCRAM-SHA-256$" */
    SCRAM_ERR_BAD_VERIFIER,       /* a verifier without its '$' / ':' structure */
};

/* A short, stable text for a log line; never includes the input. */
const char *scram_parse_error_name(enum scram_parse_error e);

/* A slice of the input. */
struct scram_slice {
    const char *p; /* into the parsed bytes; NULL when absent */
    size_t len;    /* bytes */
};

/* ---- base64 (RFC 4648, padded) ---- */

/* Encoded length of n bytes, without a NUL. */
size_t scram_b64_enc_len(size_t n);
/* Writes the encoding of in[0..n) and a NUL to out (scram_b64_enc_len(n) + 1
 * bytes). Returns the encoded length. */
size_t scram_b64_encode(const uint8_t *in, size_t n, char *out);
/* Decodes in[0..n) into out (at most cap bytes). False if the text is not
 * canonical padded base64 or the result would not fit. */
bool scram_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap,
                      size_t *out_len) WIRE_MUST_CHECK;

/* ---- client-first-message ---- */

/* The gs2 channel-binding flag. */
enum scram_cbind_flag {
    SCRAM_CBIND_NONE = 'n',        /* the client does not support channel binding */
    SCRAM_CBIND_NOT_OFFERED = 'y', /* supported, but the server did not offer it */
    SCRAM_CBIND_USED = 'p',        /* p=tls-server-end-point */
};

struct scram_client_first {
    enum scram_cbind_flag cbind;   /* the gs2 flag */
    struct scram_slice authzid;    /* a= value, escapes still in; p NULL if absent */
    struct scram_slice gs2_header; /* "n,," / "p=tls-server-end-point,a=x," incl. the last ',' */
    struct scram_slice bare;       /* client-first-message-bare, for the AuthMessage */
    struct scram_slice username;   /* n= value, escapes still in (PostgreSQL ignores it) */
    struct scram_slice nonce;      /* r= value */
};
enum scram_parse_error scram_parse_client_first(const char *msg, size_t len,
                                                struct scram_client_first *out) WIRE_MUST_CHECK;

/* ---- server-first-message ---- */

struct scram_server_first {
    struct scram_slice nonce;         /* r= value: client nonce + server nonce */
    uint8_t salt[SCRAM_MAX_SALT_LEN]; /* s=, decoded */
    size_t salt_len;                  /* at least 1 */
    int32_t iterations;               /* i=, at least 1 */
};
enum scram_parse_error scram_parse_server_first(const char *msg, size_t len,
                                                struct scram_server_first *out) WIRE_MUST_CHECK;

/* ---- client-final-message ---- */

struct scram_client_final {
    uint8_t cbind_input[128 + SCRAM_MAX_CBIND_DATA]; /* c=, decoded: gs2 header + cbind data */
    size_t cbind_input_len;
    struct scram_slice nonce;         /* r= value */
    struct scram_slice without_proof; /* client-final-message-without-proof */
    uint8_t proof[SCRAM_KEY_LEN];     /* p=, decoded */
};
enum scram_parse_error scram_parse_client_final(const char *msg, size_t len,
                                                struct scram_client_final *out) WIRE_MUST_CHECK;

/* ---- server-final-message ---- */

struct scram_server_final {
    bool is_error;                    /* e= instead of v= */
    struct scram_slice error;         /* e= value (server-error-value) */
    uint8_t signature[SCRAM_KEY_LEN]; /* v=, decoded */
};
enum scram_parse_error scram_parse_server_final(const char *msg, size_t len,
                                                struct scram_server_final *out) WIRE_MUST_CHECK;

/* ---- the stored verifier ---- */

struct scram_verifier {
    int32_t iterations;                /* at least 1 */
    uint8_t salt[SCRAM_MAX_SALT_LEN];  /* decoded */
    size_t salt_len;                   /* at least 1 */
    uint8_t stored_key[SCRAM_KEY_LEN]; /* H(ClientKey) */
    uint8_t server_key[SCRAM_KEY_LEN]; /* HMAC(SaltedPassword, "Server Key") */
};
/* SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>, exactly. */
enum scram_parse_error scram_parse_verifier(const char *text, size_t len,
                                            struct scram_verifier *out) WIRE_MUST_CHECK;
/* The verifier's text (malloc'd, NUL-terminated), or NULL on allocation failure. */
char *scram_format_verifier(const struct scram_verifier *v);

/* ---- builders (each returns a malloc'd NUL-terminated string and its
 * length in *len, or NULL on allocation failure or invalid input) ---- */

/* True if every byte is printable ASCII other than ',' (RFC 5802 "printable"). */
bool scram_nonce_is_valid(const char *nonce, size_t len);

/* client-first: gs2 header (flag; "p=tls-server-end-point" for SCRAM_CBIND_USED;
 * no authzid) then "n=,r=<nonce>": like libpq, the user name is left empty
 * (the startup packet names the user). */
char *scram_build_client_first(enum scram_cbind_flag cbind, const char *nonce, size_t *len);
/* server-first: "r=<nonce>,s=<salt b64>,i=<iterations>". */
char *scram_build_server_first(const char *nonce, const uint8_t *salt, size_t salt_len,
                               int32_t iterations, size_t *len);
/* client-final-message-without-proof: "c=<b64(gs2_header || cbind_data)>,r=<nonce>". */
char *scram_build_client_final_without_proof(const char *gs2_header, size_t gs2_len,
                                             const uint8_t *cbind_data, size_t cbind_len,
                                             const char *nonce, size_t nonce_len, size_t *len);
/* client-final: without_proof + ",p=<b64(proof)>". */
char *scram_build_client_final(const char *without_proof, size_t wp_len,
                               const uint8_t proof[SCRAM_KEY_LEN], size_t *len);
/* server-final: "v=<b64(signature)>". */
char *scram_build_server_final(const uint8_t signature[SCRAM_KEY_LEN], size_t *len);
/* server-final error: "e=<value>" (value one of RFC 5802's server-error-values). */
char *scram_build_server_error(const char *value, size_t *len);

/* AuthMessage = client-first-bare "," server-first "," client-final-without-proof. */
char *scram_build_auth_message(struct scram_slice client_first_bare,
                               struct scram_slice server_first,
                               struct scram_slice client_final_without_proof, size_t *len);

/* ---- SASL framing the generic messages.h lacks ---- */

/* SASLResponse ('p' with raw bytes): the payload. messages.h's
 * wire_parse_password wants a NUL-terminated string, which SASL data is not. */
bool scram_parse_sasl_response(const uint8_t *msg, size_t len, const uint8_t **data,
                               size_t *data_len) WIRE_MUST_CHECK;

#endif
