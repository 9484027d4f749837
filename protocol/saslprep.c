/*
 * saslprep.c: SASLprep (RFC 4013) the way PostgreSQL's src/common/saslprep.c
 * applies it, so that cutoverd hashes the same bytes for a password as the
 * server did when it stored the verifier and as libpq does when it logs in.
 *
 * PostgreSQL's quirks, kept on purpose (a difference would make a password
 * that works directly fail through the proxy):
 * - a pure ASCII string is returned unchanged, control characters included;
 * - an empty result after mapping is "prohibited" (so the raw bytes count);
 * - the prohibited, unassigned and bidi checks look at the mapped string
 *   before normalisation, not at the normalised one.
 * NFKC is the standard algorithm (decompose fully, order by combining class,
 * compose canonically) over generated tables (unicode_tables.h).
 */
#include "protocol/saslprep.h"

#include "protocol/unicode_tables.h"

#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Hangul syllables (Unicode 15, section 3.12): composed and decomposed
 * arithmetically rather than tabled. */
#define HANGUL_S_BASE  0xAC00
#define HANGUL_L_BASE  0x1100
#define HANGUL_V_BASE  0x1161
#define HANGUL_T_BASE  0x11A7
#define HANGUL_L_COUNT 19
#define HANGUL_V_COUNT 21
#define HANGUL_T_COUNT 28
#define HANGUL_N_COUNT (HANGUL_V_COUNT * HANGUL_T_COUNT)
#define HANGUL_S_COUNT (HANGUL_L_COUNT * HANGUL_N_COUNT)

static bool in_ranges(uint32_t cp, const struct unicode_range *r, size_t n)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < r[mid].first)
            hi = mid;
        else if (cp > r[mid].last)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}
#define IN_TABLE(cp, t) in_ranges(cp, t, ARRAY_LEN(t))

static uint8_t combining_class(uint32_t cp)
{
    size_t lo = 0, hi = ARRAY_LEN(unicode_ccc_table);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < unicode_ccc_table[mid].cp)
            hi = mid;
        else if (cp > unicode_ccc_table[mid].cp)
            lo = mid + 1;
        else
            return unicode_ccc_table[mid].ccc;
    }
    return 0;
}

static const struct unicode_decomp *find_decomp(uint32_t cp)
{
    size_t lo = 0, hi = ARRAY_LEN(unicode_decomp_table);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < unicode_decomp_table[mid].cp)
            hi = mid;
        else if (cp > unicode_decomp_table[mid].cp)
            lo = mid + 1;
        else
            return &unicode_decomp_table[mid];
    }
    return NULL;
}

/* The canonical composite of (a, b), or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b)
{
    /* Hangul LV and LVT. */
    if (a >= HANGUL_L_BASE && a < HANGUL_L_BASE + HANGUL_L_COUNT && b >= HANGUL_V_BASE &&
        b < HANGUL_V_BASE + HANGUL_V_COUNT)
        return HANGUL_S_BASE +
               ((a - HANGUL_L_BASE) * HANGUL_V_COUNT + (b - HANGUL_V_BASE)) * HANGUL_T_COUNT;
    if (a >= HANGUL_S_BASE && a < HANGUL_S_BASE + HANGUL_S_COUNT &&
        (a - HANGUL_S_BASE) % HANGUL_T_COUNT == 0 && b > HANGUL_T_BASE &&
        b < HANGUL_T_BASE + HANGUL_T_COUNT)
        return a + (b - HANGUL_T_BASE);

    size_t lo = 0, hi = ARRAY_LEN(unicode_comp_table);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct unicode_comp *c = &unicode_comp_table[mid];
        if (a < c->first || (a == c->first && b < c->second))
            hi = mid;
        else if (a > c->first || b > c->second)
            lo = mid + 1;
        else
            return c->composite;
    }
    return 0;
}

/* Appends cp's full compatibility decomposition to out (if it fits); returns
 * the new count, which may exceed cap. */
static size_t decompose(uint32_t cp, uint32_t *out, size_t n, size_t cap)
{
    if (cp >= HANGUL_S_BASE && cp < HANGUL_S_BASE + HANGUL_S_COUNT) {
        uint32_t s = cp - HANGUL_S_BASE;
        uint32_t parts[3] = {HANGUL_L_BASE + s / HANGUL_N_COUNT,
                             HANGUL_V_BASE + (s % HANGUL_N_COUNT) / HANGUL_T_COUNT,
                             HANGUL_T_BASE + s % HANGUL_T_COUNT};
        size_t k = parts[2] == HANGUL_T_BASE ? 2 : 3;
        for (size_t i = 0; i < k; i++, n++)
            if (n < cap)
                out[n] = parts[i];
        return n;
    }
    const struct unicode_decomp *d = find_decomp(cp);
    if (!d) {
        if (n < cap)
            out[n] = cp;
        return n + 1;
    }
    for (size_t i = 0; i < d->len; i++, n++)
        if (n < cap)
            out[n] = unicode_decomp_pool[d->offset + i];
    return n;
}

size_t unicode_nfkc(const uint32_t *in, size_t n, uint32_t *out, size_t cap)
{
    size_t len = 0;

    /* 1. Full compatibility decomposition. */
    for (size_t i = 0; i < n; i++)
        len = decompose(in[i], out, len, cap);
    if (len > cap)
        return len; /* the caller retries with room: composition only shrinks */

    /* 2. Canonical ordering: a stable insertion sort of each run of
     * non-starters by combining class. */
    for (size_t i = 1; i < len; i++) {
        uint8_t cc = combining_class(out[i]);
        if (cc == 0)
            continue;
        size_t j = i;
        uint32_t cp = out[i];
        while (j > 0) {
            uint8_t prev = combining_class(out[j - 1]);
            if (prev == 0 || prev <= cc)
                break;
            out[j] = out[j - 1];
            j--;
        }
        out[j] = cp;
    }

    /* 3. Canonical composition (UAX #15): each character is combined with
     * the last starter unless blocked by a character of the same or higher
     * class in between (or by a starter). */
    if (len == 0)
        return 0;
    size_t starter = 0, w = 1;
    bool have_starter = combining_class(out[0]) == 0;
    uint8_t last_cc = have_starter ? 0 : 255;
    for (size_t i = 1; i < len; i++) {
        uint32_t cp = out[i];
        uint8_t cc = combining_class(cp);
        bool blocked = w - 1 != starter && (last_cc == 0 || last_cc >= cc);
        uint32_t composite = 0;
        if (have_starter && !blocked)
            composite = compose_pair(out[starter], cp);
        if (composite) {
            out[starter] = composite;
            continue;
        }
        if (cc == 0) {
            starter = w;
            have_starter = true;
        }
        last_cc = cc;
        out[w++] = cp;
    }
    return w;
}

/* ---- UTF-8 ---- */

/* Decodes one strict UTF-8 sequence (no overlongs, no surrogates, at most
 * U+10FFFF); returns its length, or 0 if invalid. */
static size_t utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if ((p[0] & 0xE0) == 0xC0) {
        n = 2;
        v = p[0] & 0x1F;
        min = 0x80;
    } else if ((p[0] & 0xF0) == 0xE0) {
        n = 3;
        v = p[0] & 0x0F;
        min = 0x800;
    } else if ((p[0] & 0xF8) == 0xF0) {
        n = 4;
        v = p[0] & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void wipe(void *p, size_t n)
{
    /* A volatile pointer so the compiler keeps the stores. */
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

enum saslprep_result saslprep(const char *in, char **out)
{
    size_t in_len = strlen(in);
    bool ascii = true;
    enum saslprep_result res = SASLPREP_PROHIBITED;

    *out = NULL;
    if (in_len > SASLPREP_MAX_INPUT)
        return SASLPREP_TOO_LONG;
    for (size_t i = 0; i < in_len; i++)
        if ((unsigned char)in[i] >= 0x80)
            ascii = false;
    if (ascii) {
        *out = strdup(in);
        return *out ? SASLPREP_OK : SASLPREP_OOM;
    }

    /* Code points, mapped (RFC 4013 2.1) as they are decoded. */
    uint32_t *chars = malloc(in_len * sizeof(*chars));
    size_t n = 0;
    if (!chars)
        return SASLPREP_OOM;
    for (size_t i = 0; i < in_len;) {
        uint32_t cp;
        size_t k = utf8_decode((const unsigned char *)in + i, in_len - i, &cp);
        if (k == 0) {
            res = SASLPREP_INVALID_UTF8;
            goto done;
        }
        i += k;
        if (IN_TABLE(cp, rfc3454_c12))
            chars[n++] = 0x20;
        else if (!IN_TABLE(cp, rfc3454_b1))
            chars[n++] = cp;
    }
    if (n == 0)
        goto done; /* an empty password is not allowed */

    /* Prohibited (2.3), unassigned (2.5) and bidi (2.4, RFC 3454 section 6),
     * on the mapped characters as PostgreSQL checks them. */
    bool has_ral = false, has_l = false;
    for (size_t i = 0; i < n; i++) {
        if (IN_TABLE(chars[i], rfc3454_prohibited) || IN_TABLE(chars[i], rfc3454_a1))
            goto done;
        has_ral |= IN_TABLE(chars[i], rfc3454_d1);
        has_l |= IN_TABLE(chars[i], rfc3454_d2);
    }
    if (has_ral &&
        (has_l || !IN_TABLE(chars[0], rfc3454_d1) || !IN_TABLE(chars[n - 1], rfc3454_d1)))
        goto done;

    /* Normalise (2.2). A decomposition is at most 18 code points. */
    size_t cap = n * 18;
    uint32_t *norm = malloc(cap * sizeof(*norm));
    if (!norm) {
        res = SASLPREP_OOM;
        goto done;
    }
    size_t m = unicode_nfkc(chars, n, norm, cap);
    char *s = m <= cap ? malloc(m * 4 + 1) : NULL;
    if (!s) {
        wipe(norm, cap * sizeof(*norm));
        free(norm);
        res = SASLPREP_OOM;
        goto done;
    }
    size_t len = 0;
    for (size_t i = 0; i < m; i++)
        len += utf8_encode(norm[i], s + len);
    s[len] = '\0';
    wipe(norm, cap * sizeof(*norm));
    free(norm);
    *out = s;
    res = SASLPREP_OK;
done:
    wipe(chars, in_len * sizeof(*chars));
    free(chars);
    return res;
}

char *saslprep_for_scram(const char *password)
{
    char *out = NULL;

    switch (saslprep(password, &out)) {
    case SASLPREP_OK:
        return out;
    case SASLPREP_INVALID_UTF8:
    case SASLPREP_PROHIBITED:
        return strdup(password);
    case SASLPREP_TOO_LONG:
    case SASLPREP_OOM:
        break;
    }
    return NULL;
}
