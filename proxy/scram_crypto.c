/*
 * scram_crypto.c: the SCRAM-SHA-256 computations and the two exchange
 * state machines used for pass-through (see scram_crypto.h).
 *
 * Constant work: the server end computes the client signature, the
 * ClientKey, its hash and the server signature for every client-final,
 * whether the user exists (a mock verifier stands in) and whether the proof
 * is right, and compares with CRYPTO_memcmp; only then does it decide.
 */
#include "proxy/scram_crypto.h"

#include "protocol/saslprep.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#define SCRAM_RAW_NONCE_LEN 18 /* PostgreSQL's: 24 base64 characters */
#define SCRAM_MOCK_SALT_LEN 16 /* PostgreSQL's SCRAM_DEFAULT_SALT_LEN */

const char *scram_result_name(enum scram_result r)
{
    switch (r) {
    case SCRAM_RES_OK:
        return "ok";
    case SCRAM_RES_MALFORMED:
        return "malformed SCRAM message";
    case SCRAM_RES_PROTOCOL:
        return "SCRAM protocol violation";
    case SCRAM_RES_UNSUPPORTED:
        return "unsupported SCRAM feature";
    case SCRAM_RES_CBIND_MISMATCH:
        return "SCRAM channel binding check failed";
    case SCRAM_RES_AUTH_FAILED:
        return "SCRAM authentication failed";
    case SCRAM_RES_SERVER_REFUSED:
        return "server refused SCRAM authentication";
    case SCRAM_RES_SERVER_UNPROVEN:
        return "server signature does not match the verifier";
    case SCRAM_RES_STALE_VERIFIER:
        return "server salt or iteration count differs from the verifier";
    case SCRAM_RES_INTERNAL:
        return "internal error";
    }
    return "unknown";
}

/* ---- derivations ---- */

bool scram_salted_password(const char *password, size_t password_len, const uint8_t *salt,
                           size_t salt_len, int32_t iterations, uint8_t out[SCRAM_KEY_LEN])
{
    if (iterations < 1 || salt_len == 0 || password_len > INT32_MAX || salt_len > INT32_MAX)
        return false;
    return PKCS5_PBKDF2_HMAC(password, (int)password_len, salt, (int)salt_len, iterations,
                             EVP_sha256(), SCRAM_KEY_LEN, out) == 1;
}

static bool hmac256(const uint8_t *key, size_t key_len, const void *data, size_t len,
                    uint8_t out[SCRAM_KEY_LEN])
{
    unsigned int n = 0;

    return HMAC(EVP_sha256(), key, (int)key_len, data, len, out, &n) && n == SCRAM_KEY_LEN;
}

bool scram_client_key(const uint8_t salted[SCRAM_KEY_LEN], uint8_t out[SCRAM_KEY_LEN])
{
    return hmac256(salted, SCRAM_KEY_LEN, "Client Key", 10, out);
}

bool scram_server_key(const uint8_t salted[SCRAM_KEY_LEN], uint8_t out[SCRAM_KEY_LEN])
{
    return hmac256(salted, SCRAM_KEY_LEN, "Server Key", 10, out);
}

bool scram_stored_key(const uint8_t client_key[SCRAM_KEY_LEN], uint8_t out[SCRAM_KEY_LEN])
{
    return SHA256(client_key, SCRAM_KEY_LEN, out) != NULL;
}

bool scram_verifier_from_password(const char *password, const uint8_t *salt, size_t salt_len,
                                  int32_t iterations, struct scram_verifier *out)
{
    uint8_t salted[SCRAM_KEY_LEN], client_key[SCRAM_KEY_LEN];
    bool ok = false;

    memset(out, 0, sizeof(*out));
    if (iterations < 1 || salt_len > SCRAM_MAX_SALT_LEN || (salt && salt_len == 0))
        return false;
    char *prepared = saslprep_for_scram(password);
    if (!prepared)
        return false;
    if (salt) {
        memcpy(out->salt, salt, salt_len);
        out->salt_len = salt_len;
    } else {
        out->salt_len = SCRAM_MOCK_SALT_LEN;
        if (RAND_bytes(out->salt, (int)out->salt_len) != 1)
            goto done;
    }
    out->iterations = iterations;
    ok = scram_salted_password(prepared, strlen(prepared), out->salt, out->salt_len, iterations,
                               salted) &&
         scram_client_key(salted, client_key) && scram_stored_key(client_key, out->stored_key) &&
         scram_server_key(salted, out->server_key);
done:
    OPENSSL_cleanse(prepared, strlen(prepared));
    free(prepared);
    OPENSSL_cleanse(salted, sizeof(salted));
    OPENSSL_cleanse(client_key, sizeof(client_key));
    if (!ok)
        OPENSSL_cleanse(out, sizeof(*out));
    return ok;
}

bool scram_cert_end_point_hash(X509 *cert, uint8_t out[SCRAM_MAX_CBIND_DATA], size_t *out_len)
{
    int algo_nid = NID_undef;
    const EVP_MD *md;
    unsigned int n = 0;

    if (!cert || !OBJ_find_sigid_algs(X509_get_signature_nid(cert), &algo_nid, NULL))
        return false;
    /* RFC 5929 4.1: MD5 and SHA-1 are replaced by SHA-256. */
    switch (algo_nid) {
    case NID_md5:
    case NID_sha1:
        md = EVP_sha256();
        break;
    default:
        md = EVP_get_digestbynid(algo_nid);
        if (!md)
            return false;
        break;
    }
    if ((size_t)EVP_MD_get_size(md) > SCRAM_MAX_CBIND_DATA)
        return false;
    if (X509_digest(cert, md, out, &n) != 1)
        return false;
    *out_len = n;
    return true;
}

bool scram_mock_secret_init(struct scram_mock_secret *m)
{
    return RAND_bytes(m->bytes, sizeof(m->bytes)) == 1;
}

/* A nonce of SCRAM_RAW_NONCE_LEN random bytes, base64 (printable, no ','). */
static bool make_nonce(char out[SCRAM_RAW_NONCE_LEN / 3 * 4 + 1])
{
    uint8_t raw[SCRAM_RAW_NONCE_LEN];

    if (RAND_bytes(raw, sizeof(raw)) != 1)
        return false;
    scram_b64_encode(raw, sizeof(raw), out);
    return true;
}

/* Frees a malloc'd buffer after wiping it; NULL is fine. */
static void wipe_free(char *p, size_t len)
{
    if (p) {
        OPENSSL_cleanse(p, len);
        free(p);
    }
}

static char *dup_bytes(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, p, n);
        s[n] = '\0';
    }
    return s;
}

/* ---- the server end ---- */

enum scram_server_state {
    SCRAM_SERVER_WAIT_FIRST, /* expecting SASLInitialResponse */
    SCRAM_SERVER_WAIT_FINAL, /* server-first sent, expecting client-final */
    SCRAM_SERVER_DONE,       /* finished (either way): nothing more accepted */
};

struct scram_server {
    enum scram_server_state state;            /* where the exchange is */
    struct scram_verifier verifier;           /* the user's, or the mock */
    bool doomed;                              /* mock verifier: fail after the full work */
    uint8_t cbind_data[SCRAM_MAX_CBIND_DATA]; /* our certificate's hash, if TLS */
    size_t cbind_len;                         /* 0: no TLS, PLUS not offered */
    bool plus;                                /* the client chose SCRAM-SHA-256-PLUS */
    char *gs2_header;                         /* client-first's gs2 header */
    size_t gs2_len;
    char *client_first_bare; /* for the AuthMessage */
    size_t bare_len;
    char *server_first; /* as sent */
    size_t server_first_len;
    char *nonce; /* client nonce + server nonce */
    size_t nonce_len;
};

/* PostgreSQL's scram_mock_salt: a salt that depends only on the user name and
 * a server secret, and keys that match no password anyone knows. */
static bool make_mock(const char *user, const struct scram_mock_secret *mock,
                      struct scram_verifier *v)
{
    uint8_t digest[SCRAM_KEY_LEN];
    size_t ulen = strlen(user);

    memset(v, 0, sizeof(*v));
    if (!hmac256(mock->bytes, sizeof(mock->bytes), user, ulen, digest))
        return false;
    memcpy(v->salt, digest, SCRAM_MOCK_SALT_LEN);
    v->salt_len = SCRAM_MOCK_SALT_LEN;
    v->iterations = SCRAM_DEFAULT_ITER;
    bool ok = hmac256(digest, sizeof(digest), "mock stored", 11, v->stored_key) &&
              hmac256(digest, sizeof(digest), "mock server", 11, v->server_key);
    OPENSSL_cleanse(digest, sizeof(digest));
    return ok;
}

struct scram_server *scram_server_new(const char *user, const struct scram_verifier *verifier,
                                      const struct scram_mock_secret *mock,
                                      const uint8_t *cbind_data, size_t cbind_len)
{
    if (cbind_len > SCRAM_MAX_CBIND_DATA || (cbind_len && !cbind_data) || (!verifier && !mock))
        return NULL;
    struct scram_server *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    if (verifier) {
        s->verifier = *verifier;
    } else {
        s->doomed = true;
        if (!make_mock(user ? user : "", mock, &s->verifier)) {
            scram_server_free(s);
            return NULL;
        }
    }
    if (cbind_len)
        memcpy(s->cbind_data, cbind_data, cbind_len);
    s->cbind_len = cbind_len;
    s->state = SCRAM_SERVER_WAIT_FIRST;
    return s;
}

enum scram_result scram_server_first(struct scram_server *s, const char *mechanism,
                                     const char *client_first, size_t len, char **server_first,
                                     size_t *server_first_len)
{
    struct scram_client_first cf;
    char server_nonce[SCRAM_RAW_NONCE_LEN / 3 * 4 + 1];

    *server_first = NULL;
    if (s->state != SCRAM_SERVER_WAIT_FIRST)
        return SCRAM_RES_PROTOCOL;
    s->state = SCRAM_SERVER_DONE; /* until this step succeeds */
    if (!mechanism)
        return SCRAM_RES_PROTOCOL;
    if (strcmp(mechanism, SCRAM_MECH_PLUS) == 0 && s->cbind_len)
        s->plus = true;
    else if (strcmp(mechanism, SCRAM_MECH) != 0)
        return SCRAM_RES_PROTOCOL; /* a mechanism we did not offer */

    if (scram_parse_client_first(client_first, len, &cf) != SCRAM_OK)
        return SCRAM_RES_MALFORMED;
    switch (cf.cbind) {
    case SCRAM_CBIND_USED:
        if (!s->plus)
            return SCRAM_RES_CBIND_MISMATCH;
        break;
    case SCRAM_CBIND_NOT_OFFERED:
        /* The client would have used PLUS and thinks we did not offer it:
         * a downgrade when we did (PostgreSQL refuses it the same way). */
        if (s->plus || s->cbind_len)
            return SCRAM_RES_CBIND_MISMATCH;
        break;
    case SCRAM_CBIND_NONE:
        if (s->plus)
            return SCRAM_RES_CBIND_MISMATCH;
        break;
    }
    if (cf.authzid.p)
        return SCRAM_RES_UNSUPPORTED; /* PostgreSQL does not support authzid either */

    if (!make_nonce(server_nonce))
        return SCRAM_RES_INTERNAL;
    s->gs2_header = dup_bytes(cf.gs2_header.p, cf.gs2_header.len);
    s->gs2_len = cf.gs2_header.len;
    s->client_first_bare = dup_bytes(cf.bare.p, cf.bare.len);
    s->bare_len = cf.bare.len;
    s->nonce_len = cf.nonce.len + strlen(server_nonce);
    s->nonce = malloc(s->nonce_len + 1);
    if (!s->gs2_header || !s->client_first_bare || !s->nonce)
        return SCRAM_RES_INTERNAL;
    memcpy(s->nonce, cf.nonce.p, cf.nonce.len);
    memcpy(s->nonce + cf.nonce.len, server_nonce, strlen(server_nonce) + 1);
    s->server_first = scram_build_server_first(s->nonce, s->verifier.salt, s->verifier.salt_len,
                                               s->verifier.iterations, &s->server_first_len);
    if (!s->server_first)
        return SCRAM_RES_INTERNAL;
    *server_first = dup_bytes(s->server_first, s->server_first_len);
    if (!*server_first)
        return SCRAM_RES_INTERNAL;
    *server_first_len = s->server_first_len;
    s->state = SCRAM_SERVER_WAIT_FINAL;
    return SCRAM_RES_OK;
}

enum scram_result scram_server_final(struct scram_server *s, const char *client_final, size_t len,
                                     char **server_final, size_t *server_final_len,
                                     uint8_t client_key[SCRAM_KEY_LEN])
{
    struct scram_client_final cf;
    uint8_t expected_cbind[sizeof(cf.cbind_input)];
    uint8_t client_sig[SCRAM_KEY_LEN], key[SCRAM_KEY_LEN], stored[SCRAM_KEY_LEN];
    uint8_t server_sig[SCRAM_KEY_LEN];
    enum scram_result res = SCRAM_RES_INTERNAL;
    char *auth = NULL, *final = NULL;
    size_t auth_len = 0, final_len = 0;

    *server_final = NULL;
    if (s->state != SCRAM_SERVER_WAIT_FINAL)
        return SCRAM_RES_PROTOCOL;
    s->state = SCRAM_SERVER_DONE;
    if (scram_parse_client_final(client_final, len, &cf) != SCRAM_OK) {
        OPENSSL_cleanse(&cf, sizeof(cf));
        return SCRAM_RES_MALFORMED;
    }

    /* c= must repeat the gs2 header, plus our certificate's hash with 'p'. */
    size_t expected_len = s->gs2_len + (s->plus ? s->cbind_len : 0);
    if (expected_len > sizeof(expected_cbind)) {
        res = SCRAM_RES_CBIND_MISMATCH;
        goto done;
    }
    memcpy(expected_cbind, s->gs2_header, s->gs2_len);
    if (s->plus)
        memcpy(expected_cbind + s->gs2_len, s->cbind_data, s->cbind_len);
    if (cf.cbind_input_len != expected_len ||
        CRYPTO_memcmp(cf.cbind_input, expected_cbind, expected_len) != 0) {
        res = SCRAM_RES_CBIND_MISMATCH;
        goto done;
    }
    if (cf.nonce.len != s->nonce_len || memcmp(cf.nonce.p, s->nonce, s->nonce_len) != 0) {
        res = SCRAM_RES_PROTOCOL;
        goto done;
    }

    auth = scram_build_auth_message((struct scram_slice){s->client_first_bare, s->bare_len},
                                    (struct scram_slice){s->server_first, s->server_first_len},
                                    cf.without_proof, &auth_len);
    if (!auth)
        goto done;
    /* ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); right iff
     * H(ClientKey) == StoredKey. The same work for a mock verifier. */
    if (!hmac256(s->verifier.stored_key, SCRAM_KEY_LEN, auth, auth_len, client_sig))
        goto done;
    for (size_t i = 0; i < SCRAM_KEY_LEN; i++)
        key[i] = cf.proof[i] ^ client_sig[i];
    if (!scram_stored_key(key, stored))
        goto done;
    if (!hmac256(s->verifier.server_key, SCRAM_KEY_LEN, auth, auth_len, server_sig))
        goto done;
    final = scram_build_server_final(server_sig, &final_len);
    if (!final)
        goto done;
    bool proof_ok = CRYPTO_memcmp(stored, s->verifier.stored_key, SCRAM_KEY_LEN) == 0;
    if (!proof_ok || s->doomed) {
        res = SCRAM_RES_AUTH_FAILED;
        goto done;
    }
    memcpy(client_key, key, SCRAM_KEY_LEN);
    *server_final = final;
    *server_final_len = final_len;
    final = NULL;
    res = SCRAM_RES_OK;
done:
    wipe_free(auth, auth_len);
    wipe_free(final, final_len);
    OPENSSL_cleanse(&cf, sizeof(cf));
    OPENSSL_cleanse(client_sig, sizeof(client_sig));
    OPENSSL_cleanse(key, sizeof(key));
    OPENSSL_cleanse(stored, sizeof(stored));
    OPENSSL_cleanse(server_sig, sizeof(server_sig));
    return res;
}

void scram_server_free(struct scram_server *s)
{
    if (!s)
        return;
    wipe_free(s->gs2_header, s->gs2_len);
    wipe_free(s->client_first_bare, s->bare_len);
    wipe_free(s->server_first, s->server_first_len);
    wipe_free(s->nonce, s->nonce_len);
    OPENSSL_cleanse(s, sizeof(*s));
    free(s);
}

/* ---- the client end ---- */

enum scram_client_state {
    SCRAM_CLIENT_INIT,       /* nothing sent */
    SCRAM_CLIENT_SENT_FIRST, /* client-first sent */
    SCRAM_CLIENT_SENT_FINAL, /* client-final sent, expecting server-final */
    SCRAM_CLIENT_DONE,       /* finished (either way) */
};

struct scram_client {
    enum scram_client_state state; /* where the exchange is */
    bool from_password;            /* keys derived from `password` at server-first */
    char *password;                /* SASLprep'd; NULL with keys */
    size_t password_len;
    struct scram_verifier verifier; /* keys mode: salt, iterations, ServerKey */
    uint8_t client_key[SCRAM_KEY_LEN];
    uint8_t server_key[SCRAM_KEY_LEN];
    uint8_t cbind_data[SCRAM_MAX_CBIND_DATA];    /* the server certificate's hash */
    size_t cbind_len;                            /* 0: no channel binding */
    bool cbind_supported;                        /* send 'y' rather than 'n' without data */
    char nonce[SCRAM_RAW_NONCE_LEN / 3 * 4 + 1]; /* ours */
    char *client_first_bare;
    size_t bare_len;
    uint8_t expected_server_sig[SCRAM_KEY_LEN]; /* HMAC(ServerKey, AuthMessage) */
};

static struct scram_client *client_alloc(const uint8_t *cbind_data, size_t cbind_len)
{
    if (cbind_len > SCRAM_MAX_CBIND_DATA || (cbind_len && !cbind_data))
        return NULL;
    struct scram_client *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    if (cbind_len)
        memcpy(c->cbind_data, cbind_data, cbind_len);
    c->cbind_len = cbind_len;
    c->state = SCRAM_CLIENT_INIT;
    return c;
}

struct scram_client *scram_client_new_keys(const uint8_t client_key[SCRAM_KEY_LEN],
                                           const struct scram_verifier *verifier,
                                           const uint8_t *cbind_data, size_t cbind_len)
{
    if (!client_key || !verifier)
        return NULL;
    struct scram_client *c = client_alloc(cbind_data, cbind_len);
    if (!c)
        return NULL;
    c->verifier = *verifier;
    memcpy(c->client_key, client_key, SCRAM_KEY_LEN);
    memcpy(c->server_key, verifier->server_key, SCRAM_KEY_LEN);
    return c;
}

struct scram_client *scram_client_new_password(const char *password, const uint8_t *cbind_data,
                                               size_t cbind_len)
{
    if (!password)
        return NULL;
    struct scram_client *c = client_alloc(cbind_data, cbind_len);
    if (!c)
        return NULL;
    c->from_password = true;
    c->password = saslprep_for_scram(password);
    if (!c->password) {
        scram_client_free(c);
        return NULL;
    }
    c->password_len = strlen(c->password);
    return c;
}

void scram_client_set_cbind_supported(struct scram_client *c)
{
    c->cbind_supported = true;
}

const char *scram_client_mechanism(const struct scram_client *c)
{
    return c->cbind_len ? SCRAM_MECH_PLUS : SCRAM_MECH;
}

static enum scram_cbind_flag client_flag(const struct scram_client *c)
{
    if (c->cbind_len)
        return SCRAM_CBIND_USED;
    return c->cbind_supported ? SCRAM_CBIND_NOT_OFFERED : SCRAM_CBIND_NONE;
}

enum scram_result scram_client_first(struct scram_client *c, char **out, size_t *out_len)
{
    *out = NULL;
    if (c->state != SCRAM_CLIENT_INIT)
        return SCRAM_RES_PROTOCOL;
    c->state = SCRAM_CLIENT_DONE;
    if (!make_nonce(c->nonce))
        return SCRAM_RES_INTERNAL;
    size_t len = 0;
    char *msg = scram_build_client_first(client_flag(c), c->nonce, &len);
    if (!msg)
        return SCRAM_RES_INTERNAL;
    const char *bare = strstr(msg, ",,") + 2; /* no authzid: the header ends at ",," */
    c->bare_len = len - (size_t)(bare - msg);
    c->client_first_bare = dup_bytes(bare, c->bare_len);
    if (!c->client_first_bare) {
        free(msg);
        return SCRAM_RES_INTERNAL;
    }
    *out = msg;
    *out_len = len;
    c->state = SCRAM_CLIENT_SENT_FIRST;
    return SCRAM_RES_OK;
}

enum scram_result scram_client_final(struct scram_client *c, const char *server_first, size_t len,
                                     char **out, size_t *out_len)
{
    struct scram_server_first sf;
    uint8_t salted[SCRAM_KEY_LEN], stored[SCRAM_KEY_LEN], client_sig[SCRAM_KEY_LEN];
    uint8_t proof[SCRAM_KEY_LEN];
    enum scram_result res = SCRAM_RES_INTERNAL;
    char *wp = NULL, *auth = NULL;
    size_t wp_len = 0, auth_len = 0;
    static const char *const headers[] = {"n,,", "y,,", "p=" SCRAM_CBIND_TYPE ",,"};

    *out = NULL;
    if (c->state != SCRAM_CLIENT_SENT_FIRST)
        return SCRAM_RES_PROTOCOL;
    c->state = SCRAM_CLIENT_DONE;
    if (scram_parse_server_first(server_first, len, &sf) != SCRAM_OK)
        return SCRAM_RES_MALFORMED;
    size_t cn = strlen(c->nonce);
    /* The server's nonce must extend ours (libpq's check). */
    if (sf.nonce.len <= cn || memcmp(sf.nonce.p, c->nonce, cn) != 0)
        return SCRAM_RES_PROTOCOL;
    if (c->from_password) {
        if (!scram_salted_password(c->password, c->password_len, sf.salt, sf.salt_len,
                                   sf.iterations, salted) ||
            !scram_client_key(salted, c->client_key) || !scram_server_key(salted, c->server_key))
            goto done;
    } else if (sf.iterations != c->verifier.iterations || sf.salt_len != c->verifier.salt_len ||
               memcmp(sf.salt, c->verifier.salt, sf.salt_len) != 0) {
        /* The password changed on the server since the verifier was read:
         * the ClientKey cannot work. Say so rather than fail the proof. */
        res = SCRAM_RES_STALE_VERIFIER;
        goto done;
    }

    enum scram_cbind_flag flag = client_flag(c);
    const char *gs2 = headers[flag == SCRAM_CBIND_NONE          ? 0
                              : flag == SCRAM_CBIND_NOT_OFFERED ? 1
                                                                : 2];
    wp = scram_build_client_final_without_proof(gs2, strlen(gs2), c->cbind_data, c->cbind_len,
                                                sf.nonce.p, sf.nonce.len, &wp_len);
    if (!wp)
        goto done;
    auth = scram_build_auth_message((struct scram_slice){c->client_first_bare, c->bare_len},
                                    (struct scram_slice){server_first, len},
                                    (struct scram_slice){wp, wp_len}, &auth_len);
    if (!auth)
        goto done;
    if (!scram_stored_key(c->client_key, stored) ||
        !hmac256(stored, SCRAM_KEY_LEN, auth, auth_len, client_sig) ||
        !hmac256(c->server_key, SCRAM_KEY_LEN, auth, auth_len, c->expected_server_sig))
        goto done;
    for (size_t i = 0; i < SCRAM_KEY_LEN; i++)
        proof[i] = c->client_key[i] ^ client_sig[i];
    *out = scram_build_client_final(wp, wp_len, proof, out_len);
    if (!*out)
        goto done;
    c->state = SCRAM_CLIENT_SENT_FINAL;
    res = SCRAM_RES_OK;
done:
    wipe_free(wp, wp_len);
    wipe_free(auth, auth_len);
    OPENSSL_cleanse(salted, sizeof(salted));
    OPENSSL_cleanse(stored, sizeof(stored));
    OPENSSL_cleanse(client_sig, sizeof(client_sig));
    OPENSSL_cleanse(proof, sizeof(proof));
    return res;
}

enum scram_result scram_client_verify_server(struct scram_client *c, const char *server_final,
                                             size_t len)
{
    struct scram_server_final sf;

    if (c->state != SCRAM_CLIENT_SENT_FINAL)
        return SCRAM_RES_PROTOCOL;
    c->state = SCRAM_CLIENT_DONE;
    if (scram_parse_server_final(server_final, len, &sf) != SCRAM_OK)
        return SCRAM_RES_MALFORMED;
    if (sf.is_error)
        return SCRAM_RES_SERVER_REFUSED;
    bool ok = CRYPTO_memcmp(sf.signature, c->expected_server_sig, SCRAM_KEY_LEN) == 0;
    OPENSSL_cleanse(&sf, sizeof(sf));
    return ok ? SCRAM_RES_OK : SCRAM_RES_SERVER_UNPROVEN;
}

void scram_client_free(struct scram_client *c)
{
    if (!c)
        return;
    wipe_free(c->password, c->password_len);
    wipe_free(c->client_first_bare, c->bare_len);
    OPENSSL_cleanse(c, sizeof(*c));
    free(c);
}
