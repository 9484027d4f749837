/*
 * fuzz_saslprep.c: arbitrary bytes as a password through SASLprep, and as
 * code points through NFKC. Properties: a prepared string is valid UTF-8
 * that NFKC leaves alone (saslprep's output is normalised), the raw-bytes
 * fallback is the input itself, and NFKC is idempotent.
 */
#include "protocol/saslprep.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decodes UTF-8 known to be valid; returns the number of code points. */
static size_t decode(const char *s, uint32_t *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    while (*p) {
        uint32_t cp;
        if (*p < 0x80) {
            cp = *p++;
        } else if ((*p & 0xE0) == 0xC0) {
            cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
            p += 2;
        } else if ((*p & 0xF0) == 0xE0) {
            cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
            p += 3;
        } else {
            cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
                 (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
            p += 4;
        }
        out[n++] = cp;
    }
    return n;
}

static void nfkc_idempotent(const uint32_t *in, size_t n)
{
    size_t cap = n * 18 + 1;
    uint32_t *a = malloc(cap * sizeof(*a)), *b = malloc(cap * sizeof(*b));
    if (!a || !b)
        abort();
    size_t na = unicode_nfkc(in, n, a, cap);
    if (na > cap)
        abort();
    size_t nb = unicode_nfkc(a, na, b, cap);
    if (nb != na || memcmp(a, b, na * sizeof(*a)) != 0)
        abort();
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';

    char *out = NULL;
    enum saslprep_result r = saslprep(s, &out);
    if (r == SASLPREP_OK) {
        /* ASCII is passed through untouched; anything else must come out
         * as UTF-8 in NFKC. */
        size_t len = strlen(out);
        uint32_t *cps = malloc((len + 1) * sizeof(*cps));
        if (!cps)
            abort();
        size_t n = decode(out, cps);
        nfkc_idempotent(cps, n);
        size_t cap = n * 18 + 1;
        uint32_t *norm = malloc(cap * sizeof(*norm));
        if (!norm || unicode_nfkc(cps, n, norm, cap) != n ||
            memcmp(norm, cps, n * sizeof(*cps)) != 0)
            abort();
        free(norm);
        free(cps);
    } else if (r == SASLPREP_INVALID_UTF8 || r == SASLPREP_PROHIBITED) {
        char *raw = saslprep_for_scram(s);
        if (!raw || strcmp(raw, s) != 0)
            abort();
        free(raw);
    }
    free(out);

    /* The bytes as code points (masked into range, surrogates skipped). */
    size_t n = size / 3;
    uint32_t *cps = malloc((n + 1) * sizeof(*cps));
    if (!cps)
        abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp =
            ((uint32_t)data[3 * i] << 16 | (uint32_t)data[3 * i + 1] << 8 | data[3 * i + 2]) %
            0x110000;
        if (cp < 0xD800 || cp > 0xDFFF)
            cps[k++] = cp;
    }
    nfkc_idempotent(cps, k);
    free(cps);
    free(s);
    return 0;
}
