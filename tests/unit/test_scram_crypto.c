/*
 * test_scram_crypto.c: the SCRAM computations and both exchange ends
 * (proxy/scram_crypto.c): RFC 7677's vector, the proof recovery that makes
 * pass-through possible, round trips of the client end against the server
 * end (password, recovered ClientKey, channel binding), and every way each
 * end refuses its peer. A libpq client against the server end, and logins
 * to a real PostgreSQL, are in test_scram_live.c.
 */
#include "proxy/scram_crypto.h"

#include <criterion/criterion.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#define LIT(s) s, sizeof(s) - 1

static const uint8_t rfc_salt[] = {0x5b, 0x6d, 0x99, 0x68, 0x9d, 0x12, 0x35, 0x8e,
                                   0xec, 0xa0, 0x4b, 0x14, 0x12, 0x36, 0xfa, 0x81};

Test(scram_crypto, rfc7677_vector_and_proof_recovery)
{
    static const char auth[] = "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                               "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                               "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                               "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    uint8_t proof[32], server_sig[32], sig[32], key[32], stored[32];
    size_t n;
    unsigned int m;
    struct scram_verifier v;

    cr_assert(scram_verifier_from_password("pencil", rfc_salt, sizeof(rfc_salt), 4096, &v));
    cr_assert(scram_b64_decode(LIT("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="), proof, 32, &n));
    cr_assert(
        scram_b64_decode(LIT("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="), server_sig, 32, &n));

    /* The server signature the RFC shows, from the verifier alone. */
    cr_assert(HMAC(EVP_sha256(), v.server_key, 32, (const uint8_t *)auth, strlen(auth), sig, &m));
    cr_assert_arr_eq(sig, server_sig, 32);

    /* ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage), and its hash is StoredKey. */
    cr_assert(HMAC(EVP_sha256(), v.stored_key, 32, (const uint8_t *)auth, strlen(auth), sig, &m));
    for (int i = 0; i < 32; i++)
        key[i] = proof[i] ^ sig[i];
    cr_assert(scram_stored_key(key, stored));
    cr_assert_arr_eq(stored, v.stored_key, 32);

    /* ... and it is the ClientKey the password gives. */
    uint8_t salted[32], ck[32];
    cr_assert(scram_salted_password(LIT("pencil"), rfc_salt, sizeof(rfc_salt), 4096, salted));
    cr_assert(scram_client_key(salted, ck));
    cr_assert_arr_eq(ck, key, 32);
}

/* Runs a whole exchange; returns the first result that is not OK (or OK),
 * with the ClientKey the server end recovered in key_out. */
static enum scram_result exchange(struct scram_client *c, struct scram_server *s,
                                  uint8_t key_out[32], enum scram_result *client_res)
{
    char *cf = NULL, *sf = NULL, *cfin = NULL, *sfin = NULL;
    size_t cf_len, sf_len, cfin_len, sfin_len;
    enum scram_result r;

    *client_res = SCRAM_RES_OK;
    cr_assert_eq(scram_client_first(c, &cf, &cf_len), SCRAM_RES_OK);
    r = scram_server_first(s, scram_client_mechanism(c), cf, cf_len, &sf, &sf_len);
    if (r != SCRAM_RES_OK)
        goto out;
    *client_res = scram_client_final(c, sf, sf_len, &cfin, &cfin_len);
    if (*client_res != SCRAM_RES_OK)
        goto out;
    r = scram_server_final(s, cfin, cfin_len, &sfin, &sfin_len, key_out);
    if (r != SCRAM_RES_OK)
        goto out;
    *client_res = scram_client_verify_server(c, sfin, sfin_len);
out:
    free(cf);
    free(sf);
    free(cfin);
    free(sfin);
    return r;
}

static struct scram_mock_secret mock;

static void init_mock(void)
{
    cr_assert(scram_mock_secret_init(&mock));
}

TestSuite(scram_exchange, .init = init_mock);

Test(scram_exchange, password_client_against_verifier_then_recovered_key_logs_in_again)
{
    struct scram_verifier v;
    uint8_t key[32], key2[32], salted[32], expected[32];
    enum scram_result cr;

    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &v));
    struct scram_client *c = scram_client_new_password("pencil", NULL, 0);
    struct scram_server *s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    cr_assert_eq(cr, SCRAM_RES_OK);
    cr_assert(scram_salted_password(LIT("pencil"), v.salt, v.salt_len, 4096, salted));
    cr_assert(scram_client_key(salted, expected));
    cr_assert_arr_eq(key, expected, 32);
    scram_client_free(c);
    scram_server_free(s);

    /* The recovered key logs in as often as needed, without the password. */
    for (int i = 0; i < 2; i++) {
        c = scram_client_new_keys(key, &v, NULL, 0);
        s = scram_server_new("user", &v, &mock, NULL, 0);
        cr_assert_eq(exchange(c, s, key2, &cr), SCRAM_RES_OK);
        cr_assert_eq(cr, SCRAM_RES_OK);
        cr_assert_arr_eq(key2, key, 32);
        scram_client_free(c);
        scram_server_free(s);
    }
}

Test(scram_exchange, wrong_password_fails)
{
    struct scram_verifier v;
    uint8_t key[32] = {0};
    enum scram_result cr;

    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &v));
    struct scram_client *c = scram_client_new_password("pencil!", NULL, 0);
    struct scram_server *s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_AUTH_FAILED);
    const uint8_t zero[32] = {0};
    cr_assert_arr_eq(key, zero, 32); /* nothing recovered */
    scram_client_free(c);
    scram_server_free(s);
}

Test(scram_exchange, unknown_user_runs_the_whole_exchange_and_fails_with_a_stable_salt)
{
    struct scram_server_first sf1, sf2, sf3;
    char *cf, *sf;
    size_t cf_len, sf_len;
    uint8_t key[32];
    enum scram_result cr;

    /* Same user twice: same salt. Another user: another salt. */
    const char *users[] = {"ghost", "ghost", "phantom"};
    struct scram_server_first *out[] = {&sf1, &sf2, &sf3};
    char *keep[3];
    for (int i = 0; i < 3; i++) {
        struct scram_client *c = scram_client_new_password("x", NULL, 0);
        struct scram_server *s = scram_server_new(users[i], NULL, &mock, NULL, 0);
        cr_assert_eq(scram_client_first(c, &cf, &cf_len), SCRAM_RES_OK);
        cr_assert_eq(scram_server_first(s, SCRAM_MECH, cf, cf_len, &sf, &sf_len), SCRAM_RES_OK);
        cr_assert_eq(scram_parse_server_first(sf, sf_len, out[i]), SCRAM_OK);
        cr_assert_eq(out[i]->iterations, SCRAM_DEFAULT_ITER);
        cr_assert_eq(out[i]->salt_len, 16);
        keep[i] = sf;
        free(cf);
        scram_client_free(c);
        scram_server_free(s);
    }
    cr_assert_arr_eq(sf1.salt, sf2.salt, 16);
    cr_assert_arr_neq(sf1.salt, sf3.salt, 16);
    for (int i = 0; i < 3; i++)
        free(keep[i]);

    /* And the exchange goes to the end before failing. */
    struct scram_client *c = scram_client_new_password("x", NULL, 0);
    struct scram_server *s = scram_server_new("ghost", NULL, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_AUTH_FAILED);
    cr_assert_eq(cr, SCRAM_RES_OK); /* the client end sent its final: the whole exchange ran */
    scram_client_free(c);
    scram_server_free(s);
}

Test(scram_exchange, channel_binding)
{
    struct scram_verifier v;
    uint8_t key[32];
    uint8_t cb[32], other[32];
    enum scram_result cr;

    memset(cb, 0xab, sizeof(cb));
    memset(other, 0xcd, sizeof(other));
    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &v));

    /* PLUS with the same certificate hash on both ends. */
    struct scram_client *c = scram_client_new_password("pencil", cb, sizeof(cb));
    cr_assert_str_eq(scram_client_mechanism(c), "SCRAM-SHA-256-PLUS");
    struct scram_server *s = scram_server_new("user", &v, &mock, cb, sizeof(cb));
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    cr_assert_eq(cr, SCRAM_RES_OK);
    scram_client_free(c);
    scram_server_free(s);

    /* A different certificate (a man in the middle): refused at client-final. */
    c = scram_client_new_password("pencil", other, sizeof(other));
    s = scram_server_new("user", &v, &mock, cb, sizeof(cb));
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_CBIND_MISMATCH);
    scram_client_free(c);
    scram_server_free(s);

    /* PLUS asked of a server without TLS: a mechanism it did not offer. */
    c = scram_client_new_password("pencil", cb, sizeof(cb));
    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_PROTOCOL);
    scram_client_free(c);
    scram_server_free(s);

    /* 'y' (supported, not offered) to a server that offered PLUS: a downgrade. */
    c = scram_client_new_password("pencil", NULL, 0);
    scram_client_set_cbind_supported(c);
    s = scram_server_new("user", &v, &mock, cb, sizeof(cb));
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_CBIND_MISMATCH);
    scram_client_free(c);
    scram_server_free(s);

    /* 'y' without TLS, and 'n' with TLS, are fine. */
    c = scram_client_new_password("pencil", NULL, 0);
    scram_client_set_cbind_supported(c);
    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    scram_client_free(c);
    scram_server_free(s);
    c = scram_client_new_password("pencil", NULL, 0);
    s = scram_server_new("user", &v, &mock, cb, sizeof(cb));
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    scram_client_free(c);
    scram_server_free(s);
}

Test(scram_exchange, server_end_refusals)
{
    struct scram_verifier v;
    char *sf = NULL, *fin = NULL;
    size_t sf_len, fin_len;
    uint8_t key[32];

    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &v));
    struct scram_server *s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(scram_server_final(s, LIT("c=biws,r=a,p=x"), &fin, &fin_len, key),
                 SCRAM_RES_PROTOCOL); /* out of order */
    scram_server_free(s);

    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(scram_server_first(s, "SCRAM-SHA-1", LIT("n,,n=,r=abc"), &sf, &sf_len),
                 SCRAM_RES_PROTOCOL);
    scram_server_free(s);

    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(scram_server_first(s, SCRAM_MECH, LIT("n,,r=abc"), &sf, &sf_len),
                 SCRAM_RES_MALFORMED);
    scram_server_free(s);

    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(scram_server_first(s, SCRAM_MECH, LIT("n,a=bob,n=,r=abc"), &sf, &sf_len),
                 SCRAM_RES_UNSUPPORTED);
    scram_server_free(s);

    s = scram_server_new("user", &v, &mock, NULL, 0);
    cr_assert_eq(
        scram_server_first(s, SCRAM_MECH, LIT("p=tls-server-end-point,,n=,r=abc"), &sf, &sf_len),
        SCRAM_RES_CBIND_MISMATCH);
    scram_server_free(s);

    /* A client-final with another nonce, or c= not repeating the header. */
    const char *finals[] = {
        "c=biws,r=abcWRONG,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        "c=eSws,r=%s,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "c=biws,r=%s,p=short"};
    enum scram_result want[] = {SCRAM_RES_PROTOCOL, SCRAM_RES_CBIND_MISMATCH, SCRAM_RES_MALFORMED};
    for (int i = 0; i < 3; i++) {
        struct scram_server_first parsed;
        char msg[256];
        s = scram_server_new("user", &v, &mock, NULL, 0);
        cr_assert_eq(scram_server_first(s, SCRAM_MECH, LIT("n,,n=,r=abc"), &sf, &sf_len),
                     SCRAM_RES_OK);
        cr_assert_eq(scram_parse_server_first(sf, sf_len, &parsed), SCRAM_OK);
        char nonce[128];
        snprintf(nonce, sizeof(nonce), "%.*s", (int)parsed.nonce.len, parsed.nonce.p);
        snprintf(msg, sizeof(msg), finals[i], nonce);
        cr_assert_eq(scram_server_final(s, msg, strlen(msg), &fin, &fin_len, key), want[i],
                     "case %d", i);
        /* Once failed, the exchange accepts nothing more. */
        cr_assert_eq(scram_server_final(s, msg, strlen(msg), &fin, &fin_len, key),
                     SCRAM_RES_PROTOCOL);
        free(sf);
        scram_server_free(s);
    }
}

Test(scram_exchange, client_end_refuses_an_unproven_or_stale_server)
{
    struct scram_verifier v, fake, other_salt;
    uint8_t key[32], salted[32], ck[32];
    enum scram_result cr;

    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &v));
    cr_assert(scram_salted_password(LIT("pencil"), v.salt, v.salt_len, 4096, salted));
    cr_assert(scram_client_key(salted, ck));

    /* A server that has the StoredKey but not the ServerKey (e.g. one that
     * only accepts the proof) cannot sign: the client end refuses it. */
    fake = v;
    memset(fake.server_key, 0x11, 32);
    struct scram_client *c = scram_client_new_keys(ck, &v, NULL, 0);
    struct scram_server *s = scram_server_new("user", &fake, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    cr_assert_eq(cr, SCRAM_RES_SERVER_UNPROVEN);
    scram_client_free(c);
    scram_server_free(s);

    /* The server's salt is not the verifier's: the password changed. */
    cr_assert(scram_verifier_from_password("pencil", NULL, 0, 4096, &other_salt));
    c = scram_client_new_keys(ck, &v, NULL, 0);
    s = scram_server_new("user", &other_salt, &mock, NULL, 0);
    cr_assert_eq(exchange(c, s, key, &cr), SCRAM_RES_OK);
    cr_assert_eq(cr, SCRAM_RES_STALE_VERIFIER);
    scram_client_free(c);
    scram_server_free(s);

    /* Server-final forms. */
    const char *bad[] = {"e=invalid-proof", "v=biws", "x=1"};
    enum scram_result want[] = {SCRAM_RES_SERVER_REFUSED, SCRAM_RES_MALFORMED, SCRAM_RES_MALFORMED};
    for (int i = 0; i < 3; i++) {
        char *cf, *sf, *cfin;
        size_t cf_len, sf_len, cfin_len;
        c = scram_client_new_keys(ck, &v, NULL, 0);
        s = scram_server_new("user", &v, &mock, NULL, 0);
        cr_assert_eq(scram_client_first(c, &cf, &cf_len), SCRAM_RES_OK);
        cr_assert_eq(scram_server_first(s, SCRAM_MECH, cf, cf_len, &sf, &sf_len), SCRAM_RES_OK);
        cr_assert_eq(scram_client_final(c, sf, sf_len, &cfin, &cfin_len), SCRAM_RES_OK);
        cr_assert_eq(scram_client_verify_server(c, bad[i], strlen(bad[i])), want[i]);
        free(cf);
        free(sf);
        free(cfin);
        scram_client_free(c);
        scram_server_free(s);
    }

    /* A server-first whose nonce does not extend ours. */
    char *cf, *cfin;
    size_t cf_len, cfin_len;
    c = scram_client_new_keys(ck, &v, NULL, 0);
    cr_assert_eq(scram_client_first(c, &cf, &cf_len), SCRAM_RES_OK);
    cr_assert_eq(scram_client_final(c, LIT("r=someoneelse,s=QQ==,i=4096"), &cfin, &cfin_len),
                 SCRAM_RES_PROTOCOL);
    free(cf);
    scram_client_free(c);
}

/* A self-signed certificate signed with `md` (NULL for Ed25519). */
static X509 *make_cert(const EVP_MD *md, bool ed25519)
{
    EVP_PKEY *key = ed25519 ? EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")
                            : EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    cr_assert_not_null(key);
    X509 *x = X509_new();
    X509_set_version(x, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 3600);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"test", -1, -1, 0);
    X509_set_issuer_name(x, name);
    cr_assert(X509_sign(x, key, md) > 0);
    EVP_PKEY_free(key);
    return x;
}

Test(scram_crypto, tls_server_end_point_digest_rules)
{
    uint8_t out[SCRAM_MAX_CBIND_DATA], want[EVP_MAX_MD_SIZE];
    size_t n;
    unsigned int wn;

    /* ECDSA-with-SHA1 -> SHA-256 (RFC 5929 4.1). */
    X509 *x = make_cert(EVP_sha1(), false);
    cr_assert(scram_cert_end_point_hash(x, out, &n));
    cr_assert(X509_digest(x, EVP_sha256(), want, &wn));
    cr_assert_eq(n, 32);
    cr_assert_arr_eq(out, want, 32);
    X509_free(x);

    /* SHA-256, SHA-384 and SHA-512 are kept. */
    const EVP_MD *mds[] = {EVP_sha256(), EVP_sha384(), EVP_sha512()};
    for (int i = 0; i < 3; i++) {
        x = make_cert(mds[i], false);
        cr_assert(scram_cert_end_point_hash(x, out, &n));
        cr_assert(X509_digest(x, mds[i], want, &wn));
        cr_assert_eq(n, wn);
        cr_assert_arr_eq(out, want, n);
        X509_free(x);
    }

    /* Ed25519 has no separate digest: refused, as PostgreSQL does. */
    x = make_cert(NULL, true);
    cr_assert_not(scram_cert_end_point_hash(x, out, &n));
    X509_free(x);
}

Test(scram_crypto, verifier_from_password_matches_manual_derivation)
{
    struct scram_verifier v;
    uint8_t salted[32], ck[32], stored[32], sk[32];

    cr_assert(scram_verifier_from_password("pencil", rfc_salt, sizeof(rfc_salt), 4096, &v));
    cr_assert(scram_salted_password(LIT("pencil"), rfc_salt, sizeof(rfc_salt), 4096, salted));
    cr_assert(scram_client_key(salted, ck));
    cr_assert(scram_stored_key(ck, stored));
    cr_assert(scram_server_key(salted, sk));
    cr_assert_arr_eq(v.stored_key, stored, 32);
    cr_assert_arr_eq(v.server_key, sk, 32);
    /* As PostgreSQL would store it. */
    char *text = scram_format_verifier(&v);
    cr_assert_str_eq(text, "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
                           "WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
                           "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=");
    free(text);
    cr_assert_not(scram_verifier_from_password("pencil", rfc_salt, 0, 4096, &v));
    cr_assert_not(scram_verifier_from_password("pencil", NULL, 0, 0, &v));
    /* Random salts differ. */
    struct scram_verifier a, b;
    cr_assert(scram_verifier_from_password("p", NULL, 0, 1, &a));
    cr_assert(scram_verifier_from_password("p", NULL, 0, 1, &b));
    cr_assert_arr_neq(a.salt, b.salt, 16);
}

Test(scram_crypto, result_names_are_distinct)
{
    for (int a = SCRAM_RES_OK; a <= SCRAM_RES_INTERNAL; a++)
        for (int b = a + 1; b <= SCRAM_RES_INTERNAL; b++)
            cr_assert_str_neq(scram_result_name(a), scram_result_name(b));
}
