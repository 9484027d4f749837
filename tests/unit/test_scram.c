/*
 * test_scram.c: the SCRAM-SHA-256 message syntax (protocol/scram.c): RFC
 * 7677's exchange parsed and rebuilt byte for byte, every error each parser
 * can give, base64 edge cases, and the pg_authid verifier format.
 */
#include "protocol/scram.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#define LIT(s) s, sizeof(s) - 1

/* RFC 7677 section 3: user "user", password "pencil". */
static const char rfc_client_first[] = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
static const char rfc_server_first[] =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
static const char rfc_client_final[] =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
static const char rfc_server_final[] = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

static bool slice_is(struct scram_slice s, const char *want)
{
    return s.p && s.len == strlen(want) && memcmp(s.p, want, s.len) == 0;
}

Test(scram_b64, round_trip_and_lengths)
{
    const uint8_t in[] = {0, 1, 2, 0xfe, 0xff};
    char out[16];
    uint8_t back[8];
    size_t n = 0;

    for (size_t len = 0; len <= sizeof(in); len++) {
        size_t m = scram_b64_encode(in, len, out);
        cr_assert_eq(m, scram_b64_enc_len(len));
        cr_assert(scram_b64_decode(out, m, back, sizeof(back), &n));
        cr_assert_eq(n, len);
        cr_assert(len == 0 || memcmp(back, in, len) == 0);
    }
    cr_assert_str_eq((scram_b64_encode((const uint8_t *)"n,,", 3, out), out), "biws");
    cr_assert_str_eq((scram_b64_encode((const uint8_t *)"y,,", 3, out), out), "eSws");
}

Test(scram_b64, refuses_non_canonical)
{
    uint8_t out[8];
    size_t n;

    cr_assert_not(scram_b64_decode(LIT("biw"), out, sizeof(out), &n));  /* not a multiple of 4 */
    cr_assert_not(scram_b64_decode(LIT("bi s"), out, sizeof(out), &n)); /* whitespace */
    cr_assert_not(scram_b64_decode(LIT("b==s"), out, sizeof(out), &n)); /* data after '=' */
    cr_assert_not(scram_b64_decode(LIT("=AAA"), out, sizeof(out), &n)); /* '=' first */
    cr_assert(scram_b64_decode(LIT("AA=="), out, sizeof(out), &n) && n == 1);
    cr_assert_not(scram_b64_decode(LIT("AB=A"), out, sizeof(out), &n));     /* '=' then data */
    cr_assert_not(scram_b64_decode(LIT("AF=="), out, sizeof(out), &n));     /* bits under padding */
    cr_assert_not(scram_b64_decode(LIT("AAF="), out, sizeof(out), &n));     /* bits under padding */
    cr_assert_not(scram_b64_decode(LIT("AAAA=AAA"), out, sizeof(out), &n)); /* padding mid-way */
    cr_assert_not(scram_b64_decode(LIT("AAAAAAAAAAAA"), out, 8, &n)); /* 9 bytes, room for 8 */
    cr_assert(scram_b64_decode(LIT("AAAAAAAAAAA="), out, 8, &n));
    cr_assert_eq(n, 8);
}

Test(scram_client_first, rfc7677)
{
    struct scram_client_first cf;

    cr_assert_eq(scram_parse_client_first(LIT(rfc_client_first), &cf), SCRAM_OK);
    cr_assert_eq(cf.cbind, SCRAM_CBIND_NONE);
    cr_assert_null(cf.authzid.p);
    cr_assert(slice_is(cf.gs2_header, "n,,"));
    cr_assert(slice_is(cf.bare, "n=user,r=rOprNGfwEbeRWgbNEkqO"));
    cr_assert(slice_is(cf.username, "user"));
    cr_assert(slice_is(cf.nonce, "rOprNGfwEbeRWgbNEkqO"));
}

Test(scram_client_first, gs2_variants)
{
    struct scram_client_first cf;

    cr_assert_eq(scram_parse_client_first(LIT("y,,n=,r=abc"), &cf), SCRAM_OK);
    cr_assert_eq(cf.cbind, SCRAM_CBIND_NOT_OFFERED);
    cr_assert(slice_is(cf.username, ""));
    cr_assert_eq(scram_parse_client_first(LIT("p=tls-server-end-point,,n=,r=abc"), &cf), SCRAM_OK);
    cr_assert_eq(cf.cbind, SCRAM_CBIND_USED);
    cr_assert(slice_is(cf.gs2_header, "p=tls-server-end-point,,"));
    cr_assert_eq(scram_parse_client_first(LIT("n,a=bob=2Cx,n=bob,r=abc,x=ext"), &cf), SCRAM_OK);
    cr_assert(slice_is(cf.authzid, "bob=2Cx"));
    cr_assert(slice_is(cf.gs2_header, "n,a=bob=2Cx,"));
    cr_assert(slice_is(cf.bare, "n=bob,r=abc,x=ext"));
}

Test(scram_client_first, each_error)
{
    struct scram_client_first cf;
    static const struct {
        const char *msg;
        enum scram_parse_error want;
    } cases[] = {
        {"", SCRAM_ERR_EMPTY},
        {"x,,n=,r=a", SCRAM_ERR_BAD_CBIND_FLAG},
        {"p,,n=,r=a", SCRAM_ERR_BAD_CBIND_FLAG},
        {"p=tls-unique,,n=,r=a", SCRAM_ERR_BAD_CBIND_TYPE},
        {"p=tls-server-end-pointX,,n=,r=a", SCRAM_ERR_BAD_CBIND_TYPE},
        {"n", SCRAM_ERR_BAD_GS2_HEADER},
        {"nn,,n=,r=a", SCRAM_ERR_BAD_GS2_HEADER},
        {"n,x,n=,r=a", SCRAM_ERR_BAD_GS2_HEADER},
        {"n,a=,n=,r=a", SCRAM_ERR_BAD_SASLNAME},
        {"n,a=b=2,n=,r=a", SCRAM_ERR_BAD_SASLNAME},
        {"n,a=b", SCRAM_ERR_BAD_GS2_HEADER},
        {"n,,m=ext,n=,r=a", SCRAM_ERR_EXTENSION_REQUIRED},
        {"n,,r=a", SCRAM_ERR_EXPECTED_ATTR},
        {"n,,n=", SCRAM_ERR_EXPECTED_ATTR},
        {"n,,n=u=3", SCRAM_ERR_BAD_SASLNAME},
        {"n,,n=,", SCRAM_ERR_EXPECTED_ATTR},
        {"n,,n=,x=a", SCRAM_ERR_EXPECTED_ATTR},
        {"n,,n=,r", SCRAM_ERR_BAD_ATTR},
        {"n,,n=,1=a", SCRAM_ERR_BAD_ATTR},
        {"n,,n=,r=", SCRAM_ERR_BAD_NONCE},
        {"n,,n=,r=a b", SCRAM_ERR_BAD_NONCE},
        {"n,,n=,r=a\x7f", SCRAM_ERR_BAD_NONCE},
        {"n,,n=,r=a,", SCRAM_ERR_TRAILING},
        {"n,,n=,r=a,==", SCRAM_ERR_BAD_ATTR},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_expect_eq(scram_parse_client_first(cases[i].msg, strlen(cases[i].msg), &cf),
                     cases[i].want, "case %zu (%s): got %s", i, cases[i].msg,
                     scram_parse_error_name(
                         scram_parse_client_first(cases[i].msg, strlen(cases[i].msg), &cf)));
    cr_assert_eq(scram_parse_client_first(LIT("n,,n=,r=a\0b"), &cf), SCRAM_ERR_NUL_BYTE);
    char *big = malloc(SCRAM_MAX_MESSAGE_LEN + 2);
    memset(big, 'a', SCRAM_MAX_MESSAGE_LEN + 1);
    memcpy(big, "n,,n=,r=", 8);
    cr_assert_eq(scram_parse_client_first(big, SCRAM_MAX_MESSAGE_LEN, &cf), SCRAM_OK);
    cr_assert_eq(scram_parse_client_first(big, SCRAM_MAX_MESSAGE_LEN + 1, &cf), SCRAM_ERR_TOO_LONG);
    free(big);
}

Test(scram_server_first, rfc7677)
{
    struct scram_server_first sf;
    const uint8_t salt[] = {0x5b, 0x6d, 0x99, 0x68, 0x9d, 0x12, 0x35, 0x8e,
                            0xec, 0xa0, 0x4b, 0x14, 0x12, 0x36, 0xfa, 0x81};

    cr_assert_eq(scram_parse_server_first(LIT(rfc_server_first), &sf), SCRAM_OK);
    cr_assert(slice_is(sf.nonce, "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"));
    cr_assert_eq(sf.salt_len, sizeof(salt));
    cr_assert_arr_eq(sf.salt, salt, sizeof(salt));
    cr_assert_eq(sf.iterations, 4096);

    size_t len;
    char *s = scram_build_server_first("rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", salt,
                                       sizeof(salt), 4096, &len);
    cr_assert_str_eq(s, rfc_server_first);
    cr_assert_eq(len, strlen(rfc_server_first));
    free(s);
}

Test(scram_server_first, each_error)
{
    struct scram_server_first sf;
    static const struct {
        const char *msg;
        enum scram_parse_error want;
    } cases[] = {
        {"", SCRAM_ERR_EMPTY},
        {"m=x,r=a,s=QQ==,i=1", SCRAM_ERR_EXTENSION_REQUIRED},
        {"s=QQ==,r=a,i=1", SCRAM_ERR_EXPECTED_ATTR},
        {"r=a b,s=QQ==,i=1", SCRAM_ERR_BAD_NONCE},
        {"r=a", SCRAM_ERR_EXPECTED_ATTR},
        {"r=a,i=1,s=QQ==", SCRAM_ERR_EXPECTED_ATTR},
        {"r=a,s=,i=1", SCRAM_ERR_BAD_LENGTH},
        {"r=a,s=Q,i=1", SCRAM_ERR_BAD_BASE64},
        {"r=a,s=Q!==,i=1", SCRAM_ERR_BAD_BASE64},
        {"r=a,s=QQ==", SCRAM_ERR_EXPECTED_ATTR},
        {"r=a,s=QQ==,i=", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=0", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=-1", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=+1", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=1x", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=2147483648", SCRAM_ERR_BAD_ITERATIONS},
        {"r=a,s=QQ==,i=1,", SCRAM_ERR_TRAILING},
        {"r=a,s=QQ==,i=1,x=y", SCRAM_ERR_TRAILING},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_expect_eq(scram_parse_server_first(cases[i].msg, strlen(cases[i].msg), &sf),
                     cases[i].want, "case %zu (%s)", i, cases[i].msg);
    cr_assert_eq(scram_parse_server_first(LIT("r=a,s=QQ==,i=2147483647"), &sf), SCRAM_OK);
    cr_assert_eq(sf.iterations, INT32_MAX);
    /* A salt longer than SCRAM_MAX_SALT_LEN. */
    char msg[256] = "r=a,s=";
    memset(msg + 6, 'A', 100);
    strcpy(msg + 106, ",i=1");
    cr_assert_eq(scram_parse_server_first(msg, strlen(msg), &sf), SCRAM_ERR_BAD_LENGTH);
}

Test(scram_client_final, rfc7677)
{
    struct scram_client_final cf;
    uint8_t proof[SCRAM_KEY_LEN];
    size_t n;

    cr_assert_eq(scram_parse_client_final(LIT(rfc_client_final), &cf), SCRAM_OK);
    cr_assert_eq(cf.cbind_input_len, 3);
    cr_assert_arr_eq(cf.cbind_input, "n,,", 3);
    cr_assert(slice_is(cf.nonce, "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"));
    cr_assert(
        slice_is(cf.without_proof, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"));
    cr_assert(scram_b64_decode(LIT("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="), proof, 32, &n));
    cr_assert_arr_eq(cf.proof, proof, SCRAM_KEY_LEN);

    size_t wp_len, len;
    char *wp = scram_build_client_final_without_proof(
        LIT("n,,"), NULL, 0, LIT("rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"), &wp_len);
    char *msg = scram_build_client_final(wp, wp_len, proof, &len);
    cr_assert_str_eq(msg, rfc_client_final);
    cr_assert_eq(len, strlen(rfc_client_final));
    free(wp);
    free(msg);
}

Test(scram_client_final, extension_before_proof_and_cbind_data)
{
    struct scram_client_final cf;
    const uint8_t hash[32] = {1, 2, 3};
    size_t wp_len, len;
    uint8_t proof[SCRAM_KEY_LEN] = {9};

    char *wp = scram_build_client_final_without_proof(LIT("p=tls-server-end-point,,"), hash,
                                                      sizeof(hash), LIT("abc"), &wp_len);
    char *msg = scram_build_client_final(wp, wp_len, proof, &len);
    cr_assert_eq(scram_parse_client_final(msg, len, &cf), SCRAM_OK);
    cr_assert_eq(cf.cbind_input_len, 24 + 32);
    cr_assert_arr_eq(cf.cbind_input, "p=tls-server-end-point,,", 24);
    cr_assert_arr_eq(cf.cbind_input + 24, hash, 32);
    cr_assert_arr_eq(cf.proof, proof, 32);
    free(wp);
    free(msg);

    const char ext[] = "c=biws,r=abc,x=1,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    cr_assert_eq(scram_parse_client_final(LIT(ext), &cf), SCRAM_OK);
    cr_assert(slice_is(cf.without_proof, "c=biws,r=abc,x=1"));
}

Test(scram_client_final, each_error)
{
    struct scram_client_final cf;
#define P "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
    static const struct {
        const char *msg;
        enum scram_parse_error want;
    } cases[] = {
        {"", SCRAM_ERR_EMPTY},
        {"r=abc,c=biws,p=" P, SCRAM_ERR_EXPECTED_ATTR},
        {"c=biw,r=abc,p=" P, SCRAM_ERR_BAD_BASE64},
        {"c=biws", SCRAM_ERR_EXPECTED_ATTR},
        {"c=biws,r=,p=" P, SCRAM_ERR_BAD_NONCE},
        {"c=biws,r=abc", SCRAM_ERR_EXPECTED_ATTR},
        {"c=biws,r=abc,", SCRAM_ERR_EXPECTED_ATTR},
        {"c=biws,r=abc,p", SCRAM_ERR_BAD_ATTR},
        {"c=biws,r=abc,p=", SCRAM_ERR_BAD_LENGTH},
        {"c=biws,r=abc,p=biws", SCRAM_ERR_BAD_LENGTH},
        {"c=biws,r=abc,p=" P "AAAA", SCRAM_ERR_BAD_LENGTH},
        {"c=biws,r=abc,p=" P ",x=1", SCRAM_ERR_TRAILING},
        {"c=biws,r=abc,p=" P ",", SCRAM_ERR_TRAILING},
        {"c=biws,r=abc,p=!" P, SCRAM_ERR_BAD_BASE64},
    };
#undef P
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_expect_eq(scram_parse_client_final(cases[i].msg, strlen(cases[i].msg), &cf),
                     cases[i].want, "case %zu (%s)", i, cases[i].msg);
}

Test(scram_server_final, rfc7677_and_error)
{
    struct scram_server_final sf;
    uint8_t sig[SCRAM_KEY_LEN];
    size_t n, len;

    cr_assert_eq(scram_parse_server_final(LIT(rfc_server_final), &sf), SCRAM_OK);
    cr_assert_not(sf.is_error);
    cr_assert(scram_b64_decode(LIT("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="), sig, 32, &n));
    cr_assert_arr_eq(sf.signature, sig, 32);
    char *s = scram_build_server_final(sig, &len);
    cr_assert_str_eq(s, rfc_server_final);
    free(s);

    cr_assert_eq(scram_parse_server_final(LIT("e=invalid-proof"), &sf), SCRAM_OK);
    cr_assert(sf.is_error);
    cr_assert(slice_is(sf.error, "invalid-proof"));
    s = scram_build_server_error("other-error", &len);
    cr_assert_str_eq(s, "e=other-error");
    free(s);
    cr_assert_null(scram_build_server_error("a,b", &len));

    cr_assert_eq(scram_parse_server_final(LIT("e="), &sf), SCRAM_ERR_BAD_ATTR);
    cr_assert_eq(scram_parse_server_final(LIT("e=a\tb"), &sf), SCRAM_ERR_BAD_ATTR);
    cr_assert_eq(scram_parse_server_final(LIT("x=abc"), &sf), SCRAM_ERR_EXPECTED_ATTR);
    cr_assert_eq(scram_parse_server_final(LIT("v=biws"), &sf), SCRAM_ERR_BAD_LENGTH);
    cr_assert_eq(scram_parse_server_final(LIT("v=b!ws"), &sf), SCRAM_ERR_BAD_BASE64);
    cr_assert_eq(
        scram_parse_server_final(LIT("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=,x=1"), &sf),
        SCRAM_ERR_TRAILING);
    cr_assert_eq(scram_parse_server_final(LIT("v"), &sf), SCRAM_ERR_BAD_ATTR);
}

Test(scram_builders, client_first_and_auth_message)
{
    size_t len;
    char *s = scram_build_client_first(SCRAM_CBIND_NONE, "abc", &len);
    cr_assert_str_eq(s, "n,,n=,r=abc");
    free(s);
    s = scram_build_client_first(SCRAM_CBIND_NOT_OFFERED, "abc", &len);
    cr_assert_str_eq(s, "y,,n=,r=abc");
    free(s);
    s = scram_build_client_first(SCRAM_CBIND_USED, "abc", &len);
    cr_assert_str_eq(s, "p=tls-server-end-point,,n=,r=abc");
    free(s);
    cr_assert_null(scram_build_client_first(SCRAM_CBIND_NONE, "a,b", &len));
    cr_assert_null(scram_build_client_first(SCRAM_CBIND_NONE, "", &len));

    struct scram_client_first cf;
    struct scram_client_final fin;
    cr_assert_eq(scram_parse_client_first(LIT(rfc_client_first), &cf), SCRAM_OK);
    cr_assert_eq(scram_parse_client_final(LIT(rfc_client_final), &fin), SCRAM_OK);
    s = scram_build_auth_message(cf.bare, (struct scram_slice){LIT(rfc_server_first)},
                                 fin.without_proof, &len);
    cr_assert_str_eq(s, "n=user,r=rOprNGfwEbeRWgbNEkqO,"
                        "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
                        "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
    free(s);
}

/* A verifier in pg_authid's format (made-up keys; the live test reads real ones). */
static const char pg_verifier[] = "SCRAM-SHA-256$4096:lhFfO0ix5sU1JQhV9t7/Hg==$"
                                  "4W4fWWx3EPW4ZqXbLTZcqR2ZcBu0UVJGq7C3JrWkPbg=:"
                                  "Qd0Lih2mmLrkEnhsgu0aq4/eWvmFPM0ZU/aLHi9PhSY=";

Test(scram_verifier, parse_and_format)
{
    struct scram_verifier v;

    cr_assert_eq(scram_parse_verifier(LIT(pg_verifier), &v), SCRAM_OK);
    cr_assert_eq(v.iterations, 4096);
    cr_assert_eq(v.salt_len, 16);
    char *s = scram_format_verifier(&v);
    cr_assert_str_eq(s, pg_verifier);
    free(s);
}

Test(scram_verifier, each_error)
{
    struct scram_verifier v;
#define K "4W4fWWx3EPW4ZqXbLTZcqR2ZcBu0UVJGq7C3JrWkPbg="
    static const struct {
        const char *text;
        enum scram_parse_error want;
    } cases[] = {
        {"", SCRAM_ERR_EMPTY},
        {"md5a3556571e93b0d20722ba62be61e8c2d", SCRAM_ERR_BAD_SCHEME},
        {"SCRAM-SHA-1$4096:QQ==$" K ":" K, SCRAM_ERR_BAD_SCHEME},
        {"scram-sha-256$4096:QQ==$" K ":" K, SCRAM_ERR_BAD_SCHEME},
        {"SCRAM-SHA-256$4096:QQ==$" K, SCRAM_ERR_BAD_VERIFIER},
        {"SCRAM-SHA-256$4096$QQ==$" K ":" K, SCRAM_ERR_BAD_VERIFIER},
        {"SCRAM-SHA-256$4096:QQ==$" K ":" K ":x", SCRAM_ERR_BAD_VERIFIER},
        {"SCRAM-SHA-256$4096:QQ==$" K ":" K "$", SCRAM_ERR_BAD_VERIFIER},
        {"SCRAM-SHA-256$0:QQ==$" K ":" K, SCRAM_ERR_BAD_ITERATIONS},
        {"SCRAM-SHA-256$x:QQ==$" K ":" K, SCRAM_ERR_BAD_ITERATIONS},
        {"SCRAM-SHA-256$:QQ==$" K ":" K, SCRAM_ERR_BAD_ITERATIONS},
        {"SCRAM-SHA-256$4096:$" K ":" K, SCRAM_ERR_BAD_LENGTH},
        {"SCRAM-SHA-256$4096:Q===$" K ":" K, SCRAM_ERR_BAD_BASE64},
        {"SCRAM-SHA-256$4096:QQ==$QQ==:" K, SCRAM_ERR_BAD_LENGTH},
        {"SCRAM-SHA-256$4096:QQ==$" K ":QQ==", SCRAM_ERR_BAD_LENGTH},
        {"SCRAM-SHA-256$4096:QQ==$" K ":" K " ", SCRAM_ERR_BAD_BASE64},
    };
#undef K
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_expect_eq(scram_parse_verifier(cases[i].text, strlen(cases[i].text), &v), cases[i].want,
                     "case %zu (%s)", i, cases[i].text);
}

Test(scram_sasl, response_framing)
{
    const uint8_t msg[] = {'p', 0, 0, 0, 7, 'a', ',', 'b'};
    const uint8_t *data;
    size_t n;

    cr_assert(scram_parse_sasl_response(msg, sizeof(msg), &data, &n));
    cr_assert_eq(n, 3);
    cr_assert_arr_eq(data, "a,b", 3);
    cr_assert_not(scram_parse_sasl_response(msg, sizeof(msg) - 1, &data, &n));
    const uint8_t wrong[] = {'Q', 0, 0, 0, 4};
    cr_assert_not(scram_parse_sasl_response(wrong, sizeof(wrong), &data, &n));
    cr_assert_not(scram_parse_sasl_response(msg, 4, &data, &n));
}

Test(scram_errors, names_are_distinct)
{
    for (int a = SCRAM_OK; a <= SCRAM_ERR_BAD_VERIFIER; a++)
        for (int b = a + 1; b <= SCRAM_ERR_BAD_VERIFIER; b++)
            cr_assert_str_neq(scram_parse_error_name(a), scram_parse_error_name(b));
}
