/*
 * scram_login.c: see scram_login.h.
 */
#include "proxy/scram_login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "protocol/messages.h"
#include "protocol/sqlstate.h"
#include "protocol/wire.h"
#include "proxy/scram_crypto.h"

void scram_login_init(struct scram_login *l, const struct scram_keys *keys)
{
    memset(l, 0, sizeof *l);
    l->keys = keys;
}

void scram_login_clear(struct scram_login *l)
{
    scram_client_free(l->cli);
    l->cli = NULL;
    l->proven = false;
}

static enum scram_login_step scram_login_fail(const char **sqlstate, const char *state, char *err,
                                              size_t errlen, const char *why)
{
    *sqlstate = state;
    snprintf(err, errlen, "%s", why);
    return SCRAM_LOGIN_FAILED;
}

/* AuthenticationSASL: choose the mechanism, send client-first. */
static enum scram_login_step scram_login_start(struct scram_login *l, const uint8_t *msg,
                                               size_t len, SSL *server_ssl,
                                               struct wire_writer *reply, const char **sqlstate,
                                               char *err, size_t errlen)
{
    struct wire_sasl_mechs m;
    if (l->cli != NULL || !wire_parse_sasl_mechs(msg, len, &m))
        return scram_login_fail(sqlstate, SQLSTATE_PROTOCOL_VIOLATION, err, errlen,
                                "invalid AuthenticationSASL from the server");
    bool plus = false, plain = false;
    for (size_t i = 0; i < m.n; i++) {
        plus |= strcmp(m.names[i], SCRAM_MECH_PLUS) == 0;
        plain |= strcmp(m.names[i], SCRAM_MECH) == 0;
    }
    uint8_t cb[SCRAM_MAX_CBIND_DATA];
    size_t cb_len = 0;
    bool bind = false;
    if (server_ssl != NULL && plus) {
        /* Bound to the certificate this TLS session was made with: a
         * man in the middle presenting another one cannot relay it. */
        X509 *cert = SSL_get1_peer_certificate(server_ssl);
        bind = cert != NULL && scram_cert_end_point_hash(cert, cb, &cb_len);
        X509_free(cert);
    }
    if (!bind && !plain)
        return scram_login_fail(sqlstate, SQLSTATE_INVALID_AUTHORIZATION, err, errlen,
                                "the server offers no SASL mechanism cutover can use (it logs "
                                "in with SCRAM-SHA-256 or SCRAM-SHA-256-PLUS)");
    l->cli = scram_client_new_keys(l->keys->client_key, &l->keys->verifier, bind ? cb : NULL,
                                   bind ? cb_len : 0);
    OPENSSL_cleanse(cb, sizeof cb);
    if (l->cli == NULL)
        return scram_login_fail(sqlstate, SQLSTATE_OUT_OF_MEMORY, err, errlen, "out of memory");
    /* TLS, but no binding: say "supported, not offered" as libpq does,
     * unless the server did offer PLUS (we could not hash its certificate):
     * then 'y' would read as a downgrade, so 'n'. */
    if (server_ssl != NULL && !bind && !plus)
        scram_client_set_cbind_supported(l->cli);
    char *first = NULL;
    size_t first_len = 0;
    enum scram_result r = scram_client_first(l->cli, &first, &first_len);
    if (r != SCRAM_RES_OK)
        return scram_login_fail(sqlstate, SQLSTATE_INTERNAL_ERROR, err, errlen,
                                scram_result_name(r));
    wire_build_sasl_initial(reply, scram_client_mechanism(l->cli), (const uint8_t *)first,
                            first_len);
    free(first);
    return SCRAM_LOGIN_REPLY;
}

enum scram_login_step scram_login_on_auth(struct scram_login *l, const uint8_t *msg, size_t len,
                                          SSL *server_ssl, struct wire_writer *reply,
                                          const char **sqlstate, char *err, size_t errlen)
{
    int32_t code;
    const uint8_t *data;
    size_t data_len;
    if (!wire_parse_auth(msg, len, &code, &data, &data_len))
        return scram_login_fail(sqlstate, SQLSTATE_PROTOCOL_VIOLATION, err, errlen,
                                "invalid Authentication message from the server");
    switch (code) {
    case WIRE_AUTH_OK:
        /* With trust the server asks for nothing; once it asked, it must
         * have proved it knows the verifier first. */
        if (l->cli != NULL && !l->proven)
            return scram_login_fail(sqlstate, SQLSTATE_INVALID_AUTHORIZATION, err, errlen,
                                    "the server accepted the login without proving it knows the "
                                    "user's verifier");
        return SCRAM_LOGIN_DONE;
    case WIRE_AUTH_SASL:
        return scram_login_start(l, msg, len, server_ssl, reply, sqlstate, err, errlen);
    case WIRE_AUTH_SASL_CONTINUE: {
        if (l->cli == NULL)
            break;
        char *final = NULL;
        size_t final_len = 0;
        enum scram_result r =
            scram_client_final(l->cli, (const char *)data, data_len, &final, &final_len);
        if (r != SCRAM_RES_OK) {
            const char *st = r == SCRAM_RES_STALE_VERIFIER ? SQLSTATE_INVALID_PASSWORD
                                                           : SQLSTATE_PROTOCOL_VIOLATION;
            char why[200];
            snprintf(why, sizeof why, "%s%s", scram_result_name(r),
                     r == SCRAM_RES_STALE_VERIFIER
                         ? " (the password changed since the auth file was written)"
                         : "");
            return scram_login_fail(sqlstate, st, err, errlen, why);
        }
        wire_build_sasl_response(reply, (const uint8_t *) final, final_len);
        OPENSSL_cleanse(final, final_len); /* holds the proof */
        free(final);
        return SCRAM_LOGIN_REPLY;
    }
    case WIRE_AUTH_SASL_FINAL: {
        if (l->cli == NULL)
            break;
        enum scram_result r = scram_client_verify_server(l->cli, (const char *)data, data_len);
        if (r != SCRAM_RES_OK)
            return scram_login_fail(sqlstate, SQLSTATE_INVALID_AUTHORIZATION, err, errlen,
                                    scram_result_name(r));
        l->proven = true;
        return SCRAM_LOGIN_WAIT;
    }
    default: {
        char why[200];
        snprintf(why, sizeof why,
                 "the server asked for authentication method %d; with a verifier in the auth "
                 "file cutover logs in only with SCRAM-SHA-256",
                 (int)code);
        return scram_login_fail(sqlstate, SQLSTATE_INVALID_AUTHORIZATION, err, errlen, why);
    }
    }
    return scram_login_fail(sqlstate, SQLSTATE_PROTOCOL_VIOLATION, err, errlen,
                            "SASL message from the server out of order");
}
