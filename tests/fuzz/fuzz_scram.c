/*
 * fuzz_scram.c: arbitrary bytes through every SCRAM parser (the four
 * messages, the verifier, base64) and the server end's state machine.
 * Properties: a decoded base64 re-encodes to the same text (only canonical
 * base64 is accepted); a parsed server-first or verifier rebuilds to a text
 * that parses to the same values; a parsed client-first's slices lie inside
 * the input and its bare part follows its gs2 header.
 */
#include "protocol/scram.h"
#include "proxy/scram_crypto.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_inside(const char *msg, size_t len, struct scram_slice s)
{
    if (s.p && (s.p < msg || s.p + s.len > msg + len))
        abort();
}

static void base64(const char *text, size_t len)
{
    uint8_t out[SCRAM_MAX_MESSAGE_LEN];
    size_t n;

    if (len > SCRAM_MAX_MESSAGE_LEN || !scram_b64_decode(text, len, out, sizeof(out), &n))
        return;
    char *again = malloc(scram_b64_enc_len(n) + 1);
    if (!again || scram_b64_encode(out, n, again) != len || memcmp(again, text, len) != 0)
        abort();
    free(again);
}

static void messages(const char *text, size_t len)
{
    struct scram_client_first cf;
    if (scram_parse_client_first(text, len, &cf) == SCRAM_OK) {
        check_inside(text, len, cf.gs2_header);
        check_inside(text, len, cf.bare);
        check_inside(text, len, cf.username);
        check_inside(text, len, cf.nonce);
        check_inside(text, len, cf.authzid);
        if (cf.gs2_header.p != text || cf.bare.p != text + cf.gs2_header.len ||
            cf.gs2_header.len + cf.bare.len != len)
            abort();
    }

    struct scram_server_first sf, sf2;
    if (scram_parse_server_first(text, len, &sf) == SCRAM_OK) {
        char nonce[SCRAM_MAX_MESSAGE_LEN + 1];
        memcpy(nonce, sf.nonce.p, sf.nonce.len);
        nonce[sf.nonce.len] = '\0';
        size_t n;
        char *again = scram_build_server_first(nonce, sf.salt, sf.salt_len, sf.iterations, &n);
        if (!again || scram_parse_server_first(again, n, &sf2) != SCRAM_OK ||
            sf2.iterations != sf.iterations || sf2.salt_len != sf.salt_len ||
            memcmp(sf2.salt, sf.salt, sf.salt_len) != 0 || sf2.nonce.len != sf.nonce.len)
            abort();
        free(again);
    }

    struct scram_client_final fin;
    if (scram_parse_client_final(text, len, &fin) == SCRAM_OK) {
        check_inside(text, len, fin.nonce);
        check_inside(text, len, fin.without_proof);
        if (fin.without_proof.p != text || fin.without_proof.len >= len)
            abort();
    }

    struct scram_server_final sfin;
    if (scram_parse_server_final(text, len, &sfin) == SCRAM_OK && sfin.is_error)
        check_inside(text, len, sfin.error);

    struct scram_verifier v, v2;
    if (scram_parse_verifier(text, len, &v) == SCRAM_OK) {
        char *again = scram_format_verifier(&v);
        if (!again || scram_parse_verifier(again, strlen(again), &v2) != SCRAM_OK ||
            memcmp(&v, &v2, sizeof(v)) != 0)
            abort();
        free(again);
    }
}

/* The server end: input split at the first NUL into client-first and client-final. */
static void server_end(const char *text, size_t len)
{
    static struct scram_verifier v;
    static struct scram_mock_secret mock;
    static bool ready;
    if (!ready) {
        if (!scram_verifier_from_password("pencil", (const uint8_t *)"saltsaltsaltsalt", 16, 1,
                                          &v) ||
            !scram_mock_secret_init(&mock))
            abort();
        ready = true;
    }
    const char *nul = memchr(text, '\0', len);
    size_t first_len = nul ? (size_t)(nul - text) : len;
    const uint8_t cb[32] = {1};
    struct scram_server *s =
        scram_server_new("user", (len & 1) ? &v : NULL, &mock, cb, (len & 2) ? sizeof(cb) : 0);
    char *out = NULL;
    size_t out_len;
    uint8_t key[SCRAM_KEY_LEN];
    const char *mech = (len & 4) ? SCRAM_MECH_PLUS : SCRAM_MECH;
    if (s && scram_server_first(s, mech, text, first_len, &out, &out_len) == SCRAM_RES_OK && nul) {
        free(out);
        out = NULL;
        /* The nonce is random, so a client-final rarely gets further than the nonce
         * check; the parse and the channel-binding check are what is exercised. */
        if (scram_server_final(s, nul + 1, len - first_len - 1, &out, &out_len, key) ==
            SCRAM_RES_OK)
            abort();
    }
    free(out);
    scram_server_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;

    base64(text, size);
    messages(text, size);
    server_end(text, size);
    return 0;
}
