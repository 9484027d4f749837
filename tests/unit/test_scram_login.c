/*
 * test_scram_login.c: cutoverd's login to a server with a ClientKey
 * (proxy/scram_login.c), one Authentication message at a time, against the
 * server end of proxy/scram_crypto.c playing the server: the whole exchange
 * (the server recovers the very ClientKey cutoverd holds), trust, and every
 * refusal (a server that says Ok without proving it knows the verifier, a
 * wrong signature, a stale verifier, a method other than SCRAM, no usable
 * mechanism, messages out of order).
 */
#include "proxy/scram_login.h"

#include <criterion/criterion.h>
#include <string.h>

#include "protocol/messages.h"
#include "protocol/sqlstate.h"
#include "protocol/wire.h"
#include "proxy/scram_crypto.h"

static const uint8_t salt[16] = "0123456789abcdef";

/* Keys for password `pw` with salt `s`: what the session would hold. */
static void keys_for(const char *pw, const uint8_t *s, struct scram_keys *k)
{
    uint8_t salted[SCRAM_KEY_LEN];
    cr_assert(scram_verifier_from_password(pw, s, 16, 4096, &k->verifier));
    cr_assert(scram_salted_password(pw, strlen(pw), s, 16, 4096, salted));
    cr_assert(scram_client_key(salted, k->client_key));
}

struct step {
    enum scram_login_step st;
    const char *sqlstate;
    char err[256];
    struct wire_writer reply;
};

static void feed(struct scram_login *l, struct wire_writer *msg, struct step *out)
{
    cr_assert(wire_writer_ok(msg));
    wire_writer_init(&out->reply);
    out->sqlstate = NULL;
    out->err[0] = '\0';
    out->st = scram_login_on_auth(l, msg->buf, msg->len, NULL, &out->reply, &out->sqlstate,
                                  out->err, sizeof out->err);
    wire_writer_free(msg);
}

static void auth_sasl(struct wire_writer *w, const char *mech)
{
    const char *mechs[1] = {mech};
    wire_writer_init(w);
    wire_build_auth_sasl(w, mechs, 1);
}

static void auth_code(struct wire_writer *w, int32_t code)
{
    wire_writer_init(w);
    if (code == WIRE_AUTH_OK)
        wire_build_auth_ok(w);
    else
        wire_build_auth_cleartext(w);
}

/* Runs the exchange up to the server's final message; returns the
 * server-final the server end produced (malloc'd) and the ClientKey it
 * recovered. */
static char *run_to_final(struct scram_login *l, struct scram_server *srv,
                          uint8_t recovered[SCRAM_KEY_LEN], size_t *final_len)
{
    struct wire_writer w;
    struct step s;
    auth_sasl(&w, SCRAM_MECH);
    feed(l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_REPLY, "%s", s.err);
    const char *mech;
    const uint8_t *data;
    int32_t data_len;
    cr_assert(wire_parse_sasl_initial(s.reply.buf, s.reply.len, &mech, &data, &data_len));
    cr_assert_str_eq(mech, SCRAM_MECH);
    char *sf;
    size_t sf_len;
    cr_assert_eq(scram_server_first(srv, mech, (const char *)data, (size_t)data_len, &sf, &sf_len),
                 SCRAM_RES_OK);
    wire_writer_free(&s.reply);

    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)sf, sf_len);
    free(sf);
    feed(l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_REPLY, "%s", s.err);
    const uint8_t *cf;
    size_t cf_len;
    cr_assert(scram_parse_sasl_response(s.reply.buf, s.reply.len, &cf, &cf_len));
    char *final;
    cr_assert_eq(scram_server_final(srv, (const char *)cf, cf_len, &final, final_len, recovered),
                 SCRAM_RES_OK);
    wire_writer_free(&s.reply);
    return final;
}

Test(scram_login, whole_exchange_with_the_client_key)
{
    struct scram_keys k;
    keys_for("pencil", salt, &k);
    struct scram_server *srv = scram_server_new("u", &k.verifier, NULL, NULL, 0);
    struct scram_login l;
    scram_login_init(&l, &k);
    uint8_t recovered[SCRAM_KEY_LEN];
    size_t n;
    char *final = run_to_final(&l, srv, recovered, &n);
    cr_assert_arr_eq(recovered, k.client_key, SCRAM_KEY_LEN);

    struct wire_writer w;
    struct step s;
    wire_writer_init(&w);
    wire_build_auth_sasl_final(&w, (const uint8_t *) final, n);
    free(final);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_WAIT, "%s", s.err);
    cr_assert_eq(s.reply.len, 0);
    auth_code(&w, WIRE_AUTH_OK);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_DONE);
    scram_login_clear(&l);
    scram_server_free(srv);
}

Test(scram_login, trust_asks_nothing)
{
    struct scram_keys k;
    keys_for("pencil", salt, &k);
    struct scram_login l;
    scram_login_init(&l, &k);
    struct wire_writer w;
    struct step s;
    auth_code(&w, WIRE_AUTH_OK);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_DONE);
}

Test(scram_login, ok_without_the_servers_proof_is_refused)
{
    struct scram_keys k;
    keys_for("pencil", salt, &k);
    struct scram_server *srv = scram_server_new("u", &k.verifier, NULL, NULL, 0);
    struct scram_login l;
    scram_login_init(&l, &k);
    uint8_t recovered[SCRAM_KEY_LEN];
    size_t n;
    free(run_to_final(&l, srv, recovered, &n));
    struct wire_writer w;
    struct step s;
    auth_code(&w, WIRE_AUTH_OK); /* skipping SASLFinal */
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert_str_eq(s.sqlstate, SQLSTATE_INVALID_AUTHORIZATION);
    cr_assert(strstr(s.err, "without proving") != NULL, "%s", s.err);
    scram_login_clear(&l);
    scram_server_free(srv);
}

Test(scram_login, wrong_server_signature_is_refused)
{
    struct scram_keys k;
    keys_for("pencil", salt, &k);
    /* A server that has the StoredKey but not the ServerKey. */
    struct scram_verifier forged = k.verifier;
    forged.server_key[0] ^= 1;
    struct scram_server *srv = scram_server_new("u", &forged, NULL, NULL, 0);
    struct scram_login l;
    scram_login_init(&l, &k);
    uint8_t recovered[SCRAM_KEY_LEN];
    size_t n;
    char *final = run_to_final(&l, srv, recovered, &n);
    struct wire_writer w;
    struct step s;
    wire_writer_init(&w);
    wire_build_auth_sasl_final(&w, (const uint8_t *) final, n);
    free(final);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert_str_eq(s.sqlstate, SQLSTATE_INVALID_AUTHORIZATION);
    auth_code(&w, WIRE_AUTH_OK); /* and an Ok after that is still refused */
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    scram_login_clear(&l);
    scram_server_free(srv);
}

Test(scram_login, stale_verifier_is_28p01)
{
    struct scram_keys k, changed;
    keys_for("pencil", salt, &k);
    keys_for("eraser", (const uint8_t *)"fedcba9876543210", &changed);
    struct scram_server *srv = scram_server_new("u", &changed.verifier, NULL, NULL, 0);
    struct scram_login l;
    scram_login_init(&l, &k);
    struct wire_writer w;
    struct step s;
    auth_sasl(&w, SCRAM_MECH);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_REPLY);
    const char *mech;
    const uint8_t *data;
    int32_t data_len;
    cr_assert(wire_parse_sasl_initial(s.reply.buf, s.reply.len, &mech, &data, &data_len));
    char *sf;
    size_t sf_len;
    cr_assert_eq(scram_server_first(srv, mech, (const char *)data, (size_t)data_len, &sf, &sf_len),
                 SCRAM_RES_OK);
    wire_writer_free(&s.reply);
    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)sf, sf_len);
    free(sf);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert_str_eq(s.sqlstate, SQLSTATE_INVALID_PASSWORD);
    cr_assert(strstr(s.err, "password changed") != NULL, "%s", s.err);
    scram_login_clear(&l);
    scram_server_free(srv);
}

Test(scram_login, other_methods_and_unusable_mechanisms_are_refused)
{
    struct scram_keys k;
    keys_for("pencil", salt, &k);
    struct scram_login l;
    struct wire_writer w;
    struct step s;

    scram_login_init(&l, &k);
    auth_code(&w, WIRE_AUTH_CLEARTEXT);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert(strstr(s.err, "method 3") != NULL, "%s", s.err);

    /* Only -PLUS, and no TLS to bind to. */
    scram_login_init(&l, &k);
    auth_sasl(&w, SCRAM_MECH_PLUS);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert(strstr(s.err, "no SASL mechanism") != NULL, "%s", s.err);

    /* SASLContinue before AuthenticationSASL. */
    scram_login_init(&l, &k);
    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)"r=x,s=YQ==,i=1", 14);
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
    cr_assert_str_eq(s.sqlstate, SQLSTATE_PROTOCOL_VIOLATION);

    /* Not an Authentication message at all. */
    scram_login_init(&l, &k);
    wire_writer_init(&w);
    wire_build_ready(&w, 'I');
    feed(&l, &w, &s);
    cr_assert_eq(s.st, SCRAM_LOGIN_FAILED);
}
