/*
 * scram.c: SCRAM-SHA-256 message syntax (see scram.h for the rules).
 *
 * Every parser walks the bytes with an explicit position and length: the
 * SASL payload is not NUL-terminated, so no str* function is used on it.
 */
#include "protocol/scram.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *scram_parse_error_name(enum scram_parse_error e)
{
    switch (e) {
    case SCRAM_OK:
        return "ok";
    case SCRAM_ERR_EMPTY:
        return "empty message";
    case SCRAM_ERR_TOO_LONG:
        return "message too long";
    case SCRAM_ERR_NUL_BYTE:
        return "NUL byte in message";
    case SCRAM_ERR_BAD_CBIND_FLAG:
        return "unexpected channel-binding flag";
    case SCRAM_ERR_BAD_CBIND_TYPE:
        return "unsupported channel-binding type";
    case SCRAM_ERR_BAD_GS2_HEADER:
        return "malformed gs2 header";
    case SCRAM_ERR_BAD_SASLNAME:
        return "malformed saslname";
    case SCRAM_ERR_EXTENSION_REQUIRED:
        return "unsupported mandatory extension";
    case SCRAM_ERR_EXPECTED_ATTR:
        return "expected attribute missing";
    case SCRAM_ERR_BAD_ATTR:
        return "malformed attribute";
    case SCRAM_ERR_BAD_NONCE:
        return "invalid nonce";
    case SCRAM_ERR_BAD_BASE64:
        return "invalid base64";
    case SCRAM_ERR_BAD_LENGTH:
        return "decoded value of the wrong length";
    case SCRAM_ERR_BAD_ITERATIONS:
        return "invalid iteration count";
    case SCRAM_ERR_TRAILING:
        return "garbage at end of message";
    case SCRAM_ERR_BAD_SCHEME:
        return "not a SCRAM-SHA-256 verifier";
    case SCRAM_ERR_BAD_VERIFIER:
        return "malformed verifier";
    }
    return "unknown error";
}

/* ---- base64 ---- */

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

size_t scram_b64_enc_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

size_t scram_b64_encode(const uint8_t *in, size_t n, char *out)
{
    size_t o = 0;

    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = b64_alphabet[(v >> 18) & 63];
        out[o++] = b64_alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? b64_alphabet[v & 63] : '=';
    }
    out[o] = '\0';
    return o;
}

bool scram_b64_decode(const char *in, size_t n, uint8_t *out, size_t cap, size_t *out_len)
{
    size_t o = 0;

    if (n % 4 != 0)
        return false;
    for (size_t i = 0; i < n; i += 4) {
        bool last = i + 4 == n;
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = in[i + k];
            if (c == '=' && last && k >= 2) {
                v[k] = 0;
                pad++;
                continue;
            }
            if (pad) /* data after padding */
                return false;
            v[k] = b64_value(c);
            if (v[k] < 0)
                return false;
        }
        uint32_t w =
            (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 | (uint32_t)v[2] << 6 | (uint32_t)v[3];
        size_t nbytes = 3 - (size_t)pad;
        /* Canonical form: the bits under the padding must be zero. */
        if ((pad == 1 && (w & 0xff) != 0) || (pad == 2 && (w & 0xffff) != 0))
            return false;
        if (o + nbytes > cap)
            return false;
        out[o++] = (uint8_t)(w >> 16);
        if (nbytes > 1)
            out[o++] = (uint8_t)(w >> 8);
        if (nbytes > 2)
            out[o++] = (uint8_t)w;
    }
    *out_len = o;
    return true;
}

/* ---- the cursor over a message's text ---- */

struct scram_cursor {
    const char *p; /* the message */
    size_t len;    /* its length */
    size_t pos;    /* next byte */
};

static bool cur_at_end(const struct scram_cursor *c)
{
    return c->pos >= c->len;
}

static char cur_peek(const struct scram_cursor *c)
{
    return cur_at_end(c) ? '\0' : c->p[c->pos];
}

/* The common checks before any parse: not empty, not too long, no NUL. */
static enum scram_parse_error check_text(const char *msg, size_t len)
{
    if (!msg || len == 0)
        return SCRAM_ERR_EMPTY;
    if (len > SCRAM_MAX_MESSAGE_LEN)
        return SCRAM_ERR_TOO_LONG;
    if (memchr(msg, '\0', len))
        return SCRAM_ERR_NUL_BYTE;
    return SCRAM_OK;
}

/* Reads "<attr>=<value>" up to the next ',' or the end; consumes the ','.
 * With expected 0, any letter is accepted and returned in *attr. */
static enum scram_parse_error read_attr(struct scram_cursor *c, char expected, char *attr,
                                        struct scram_slice *value)
{
    if (cur_at_end(c))
        return SCRAM_ERR_EXPECTED_ATTR;
    char a = c->p[c->pos];
    if (!((a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z')))
        return SCRAM_ERR_BAD_ATTR;
    if (expected && a != expected)
        return SCRAM_ERR_EXPECTED_ATTR;
    if (c->pos + 1 >= c->len || c->p[c->pos + 1] != '=')
        return SCRAM_ERR_BAD_ATTR;
    size_t start = c->pos + 2;
    size_t end = start;
    while (end < c->len && c->p[end] != ',')
        end++;
    value->p = c->p + start;
    value->len = end - start;
    c->pos = end < c->len ? end + 1 : end;
    if (attr)
        *attr = a;
    return SCRAM_OK;
}

/* True when the last attribute read ended with a ',' (more must follow). */
static bool ended_with_comma(const struct scram_cursor *c)
{
    return c->pos > 0 && c->pos <= c->len && c->p[c->pos - 1] == ',';
}

bool scram_nonce_is_valid(const char *nonce, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)nonce[i];
        if (ch < 0x21 || ch > 0x7e || ch == ',')
            return false;
    }
    return true;
}

/* RFC 5802 saslname: any UTF-8 but ',' and '=', which appear as =2C / =3D. */
static bool saslname_is_valid(struct scram_slice s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.p[i] == ',')
            return false;
        if (s.p[i] == '=') {
            if (i + 2 >= s.len)
                return false;
            if (!(s.p[i + 1] == '2' && s.p[i + 2] == 'C') &&
                !(s.p[i + 1] == '3' && s.p[i + 2] == 'D'))
                return false;
            i += 2;
        }
    }
    return true;
}

/* Decodes a base64 attribute value of exactly `want` bytes (want 0: any up to cap). */
static enum scram_parse_error decode_exact(struct scram_slice v, uint8_t *out, size_t cap,
                                           size_t want, size_t *got)
{
    size_t n = 0;
    /* The decoded size is known from the text: refuse a wrong length first,
     * so that "too long" and "not base64" stay distinct. */
    if (v.len % 4 != 0)
        return SCRAM_ERR_BAD_BASE64;
    size_t max = v.len / 4 * 3;
    if (max > cap + 2)
        return SCRAM_ERR_BAD_LENGTH;
    uint8_t tmp[SCRAM_MAX_MESSAGE_LEN / 4 * 3];
    if (!scram_b64_decode(v.p, v.len, tmp, sizeof(tmp), &n))
        return SCRAM_ERR_BAD_BASE64;
    if ((want && n != want) || n > cap) {
        memset(tmp, 0, sizeof(tmp));
        return SCRAM_ERR_BAD_LENGTH;
    }
    memcpy(out, tmp, n);
    memset(tmp, 0, n);
    if (got)
        *got = n;
    return SCRAM_OK;
}

/* ---- client-first ---- */

enum scram_parse_error scram_parse_client_first(const char *msg, size_t len,
                                                struct scram_client_first *out)
{
    enum scram_parse_error e = check_text(msg, len);
    struct scram_cursor c = {msg, len, 0};

    memset(out, 0, sizeof(*out));
    if (e)
        return e;

    /* gs2-cbind-flag */
    switch (cur_peek(&c)) {
    case 'n':
    case 'y':
        out->cbind = (enum scram_cbind_flag)msg[0];
        c.pos = 1;
        break;
    case 'p': {
        static const char type[] = "p=" SCRAM_CBIND_TYPE;
        size_t end = 0;
        while (end < len && msg[end] != ',')
            end++;
        if (end < 2 || msg[1] != '=')
            return SCRAM_ERR_BAD_CBIND_FLAG;
        if (end != sizeof(type) - 1 || memcmp(msg, type, end) != 0)
            return SCRAM_ERR_BAD_CBIND_TYPE;
        out->cbind = SCRAM_CBIND_USED;
        c.pos = end;
        break;
    }
    default:
        return SCRAM_ERR_BAD_CBIND_FLAG;
    }
    if (cur_peek(&c) != ',')
        return SCRAM_ERR_BAD_GS2_HEADER;
    c.pos++;

    /* [ authzid ] "," */
    if (cur_peek(&c) == 'a') {
        struct scram_slice v;
        if (c.pos + 1 >= len || msg[c.pos + 1] != '=')
            return SCRAM_ERR_BAD_GS2_HEADER;
        if ((e = read_attr(&c, 'a', NULL, &v)) != SCRAM_OK)
            return e;
        if (!ended_with_comma(&c))
            return SCRAM_ERR_BAD_GS2_HEADER;
        if (v.len == 0 || !saslname_is_valid(v))
            return SCRAM_ERR_BAD_SASLNAME;
        out->authzid = v;
    } else {
        if (cur_peek(&c) != ',')
            return SCRAM_ERR_BAD_GS2_HEADER;
        c.pos++;
    }
    out->gs2_header.p = msg;
    out->gs2_header.len = c.pos;
    out->bare.p = msg + c.pos;
    out->bare.len = len - c.pos;

    /* client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions] */
    if (cur_peek(&c) == 'm')
        return SCRAM_ERR_EXTENSION_REQUIRED;
    if ((e = read_attr(&c, 'n', NULL, &out->username)) != SCRAM_OK)
        return e;
    if (!saslname_is_valid(out->username))
        return SCRAM_ERR_BAD_SASLNAME;
    if (!ended_with_comma(&c))
        return SCRAM_ERR_EXPECTED_ATTR;
    if ((e = read_attr(&c, 'r', NULL, &out->nonce)) != SCRAM_OK)
        return e;
    if (!scram_nonce_is_valid(out->nonce.p, out->nonce.len))
        return SCRAM_ERR_BAD_NONCE;
    /* Optional extensions, ignored as PostgreSQL does, but each well formed. */
    while (ended_with_comma(&c)) {
        struct scram_slice v;
        char a;
        if ((e = read_attr(&c, 0, &a, &v)) != SCRAM_OK)
            return e == SCRAM_ERR_EXPECTED_ATTR ? SCRAM_ERR_TRAILING : e;
    }
    return cur_at_end(&c) ? SCRAM_OK : SCRAM_ERR_TRAILING;
}

/* ---- server-first ---- */

static enum scram_parse_error parse_iterations(struct scram_slice v, int32_t *out)
{
    int64_t n = 0;

    if (v.len == 0 || v.len > 10)
        return SCRAM_ERR_BAD_ITERATIONS;
    for (size_t i = 0; i < v.len; i++) {
        if (v.p[i] < '0' || v.p[i] > '9')
            return SCRAM_ERR_BAD_ITERATIONS;
        n = n * 10 + (v.p[i] - '0');
    }
    if (n < 1 || n > INT32_MAX)
        return SCRAM_ERR_BAD_ITERATIONS;
    *out = (int32_t)n;
    return SCRAM_OK;
}

enum scram_parse_error scram_parse_server_first(const char *msg, size_t len,
                                                struct scram_server_first *out)
{
    enum scram_parse_error e = check_text(msg, len);
    struct scram_cursor c = {msg, len, 0};
    struct scram_slice salt, iter;

    memset(out, 0, sizeof(*out));
    if (e)
        return e;
    if (cur_peek(&c) == 'm')
        return SCRAM_ERR_EXTENSION_REQUIRED;
    if ((e = read_attr(&c, 'r', NULL, &out->nonce)) != SCRAM_OK)
        return e;
    if (!scram_nonce_is_valid(out->nonce.p, out->nonce.len))
        return SCRAM_ERR_BAD_NONCE;
    if (!ended_with_comma(&c))
        return SCRAM_ERR_EXPECTED_ATTR;
    if ((e = read_attr(&c, 's', NULL, &salt)) != SCRAM_OK)
        return e;
    if (salt.len == 0)
        return SCRAM_ERR_BAD_LENGTH;
    if ((e = decode_exact(salt, out->salt, sizeof(out->salt), 0, &out->salt_len)) != SCRAM_OK)
        return e;
    if (!ended_with_comma(&c))
        return SCRAM_ERR_EXPECTED_ATTR;
    if ((e = read_attr(&c, 'i', NULL, &iter)) != SCRAM_OK)
        return e;
    if ((e = parse_iterations(iter, &out->iterations)) != SCRAM_OK)
        return e;
    /* libpq refuses anything after i= (no extensions). */
    return cur_at_end(&c) && !ended_with_comma(&c) ? SCRAM_OK : SCRAM_ERR_TRAILING;
}

/* ---- client-final ---- */

enum scram_parse_error scram_parse_client_final(const char *msg, size_t len,
                                                struct scram_client_final *out)
{
    enum scram_parse_error e = check_text(msg, len);
    struct scram_cursor c = {msg, len, 0};
    struct scram_slice cb, v;
    char a;

    memset(out, 0, sizeof(*out));
    if (e)
        return e;
    if ((e = read_attr(&c, 'c', NULL, &cb)) != SCRAM_OK)
        return e;
    if ((e = decode_exact(cb, out->cbind_input, sizeof(out->cbind_input), 0,
                          &out->cbind_input_len)) != SCRAM_OK)
        return e;
    if (!ended_with_comma(&c))
        return SCRAM_ERR_EXPECTED_ATTR;
    if ((e = read_attr(&c, 'r', NULL, &out->nonce)) != SCRAM_OK)
        return e;
    if (!scram_nonce_is_valid(out->nonce.p, out->nonce.len))
        return SCRAM_ERR_BAD_NONCE;
    /* Extensions until the proof, which must come last. */
    for (;;) {
        if (!ended_with_comma(&c))
            return SCRAM_ERR_EXPECTED_ATTR;
        size_t attr_start = c.pos;
        if ((e = read_attr(&c, 0, &a, &v)) != SCRAM_OK)
            return e;
        if (a == 'p') {
            out->without_proof.p = msg;
            out->without_proof.len = attr_start - 1; /* without the ',' */
            break;
        }
    }
    if ((e = decode_exact(v, out->proof, sizeof(out->proof), SCRAM_KEY_LEN, NULL)) != SCRAM_OK)
        return e;
    return cur_at_end(&c) && !ended_with_comma(&c) ? SCRAM_OK : SCRAM_ERR_TRAILING;
}

/* ---- server-final ---- */

enum scram_parse_error scram_parse_server_final(const char *msg, size_t len,
                                                struct scram_server_final *out)
{
    enum scram_parse_error e = check_text(msg, len);
    struct scram_cursor c = {msg, len, 0};
    struct scram_slice v;
    char a;

    memset(out, 0, sizeof(*out));
    if (e)
        return e;
    if ((e = read_attr(&c, 0, &a, &v)) != SCRAM_OK)
        return e;
    if (a == 'e') {
        /* server-error-value: printable, no ','; libpq reports it as is. */
        if (v.len == 0)
            return SCRAM_ERR_BAD_ATTR;
        for (size_t i = 0; i < v.len; i++) {
            unsigned char ch = (unsigned char)v.p[i];
            if (ch < 0x20 || ch > 0x7e)
                return SCRAM_ERR_BAD_ATTR;
        }
        out->is_error = true;
        out->error = v;
    } else if (a == 'v') {
        if ((e = decode_exact(v, out->signature, sizeof(out->signature), SCRAM_KEY_LEN, NULL)) !=
            SCRAM_OK)
            return e;
    } else {
        return SCRAM_ERR_EXPECTED_ATTR;
    }
    return cur_at_end(&c) && !ended_with_comma(&c) ? SCRAM_OK : SCRAM_ERR_TRAILING;
}

/* ---- verifier ---- */

enum scram_parse_error scram_parse_verifier(const char *text, size_t len,
                                            struct scram_verifier *out)
{
    static const char scheme[] = "SCRAM-SHA-256$";
    enum scram_parse_error e = check_text(text, len);
    size_t pos = sizeof(scheme) - 1;

    memset(out, 0, sizeof(*out));
    if (e)
        return e;
    if (len < pos || memcmp(text, scheme, pos) != 0)
        return SCRAM_ERR_BAD_SCHEME;

    /* Four fields separated by ':', '$', ':'. */
    const char seps[] = {':', '$', ':'};
    struct scram_slice f[4];
    for (int i = 0; i < 4; i++) {
        size_t end = pos;
        if (i < 3) {
            while (end < len && text[end] != seps[i])
                end++;
            if (end >= len)
                return SCRAM_ERR_BAD_VERIFIER;
        } else {
            end = len;
        }
        f[i].p = text + pos;
        f[i].len = end - pos;
        pos = end + 1;
    }
    for (int i = 1; i < 4; i++)
        if (memchr(f[i].p, '$', f[i].len) || memchr(f[i].p, ':', f[i].len))
            return SCRAM_ERR_BAD_VERIFIER;
    if ((e = parse_iterations(f[0], &out->iterations)) != SCRAM_OK)
        return e;
    if (f[1].len == 0)
        return SCRAM_ERR_BAD_LENGTH;
    if ((e = decode_exact(f[1], out->salt, sizeof(out->salt), 0, &out->salt_len)) != SCRAM_OK)
        return e;
    if ((e = decode_exact(f[2], out->stored_key, SCRAM_KEY_LEN, SCRAM_KEY_LEN, NULL)) != SCRAM_OK)
        return e;
    if ((e = decode_exact(f[3], out->server_key, SCRAM_KEY_LEN, SCRAM_KEY_LEN, NULL)) != SCRAM_OK)
        return e;
    return SCRAM_OK;
}

char *scram_format_verifier(const struct scram_verifier *v)
{
    char salt[scram_b64_enc_len(SCRAM_MAX_SALT_LEN) + 1];
    char stored[scram_b64_enc_len(SCRAM_KEY_LEN) + 1];
    char server[scram_b64_enc_len(SCRAM_KEY_LEN) + 1];

    if (v->salt_len == 0 || v->salt_len > SCRAM_MAX_SALT_LEN || v->iterations < 1)
        return NULL;
    scram_b64_encode(v->salt, v->salt_len, salt);
    scram_b64_encode(v->stored_key, SCRAM_KEY_LEN, stored);
    scram_b64_encode(v->server_key, SCRAM_KEY_LEN, server);
    size_t n = strlen("SCRAM-SHA-256$") + 11 + 1 + strlen(salt) + 1 + strlen(stored) + 1 +
               strlen(server) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "SCRAM-SHA-256$%d:%s$%s:%s", (int)v->iterations, salt, stored, server);
    return s;
}

/* ---- builders ---- */

/* A growable string with a sticky failure, freed on failure. */
struct sbuf {
    char *p;    /* owned */
    size_t len; /* without the NUL */
    size_t cap; /* allocated */
    bool failed;
};

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

static void sb_put_b64(struct sbuf *b, const uint8_t *data, size_t n)
{
    char *tmp = malloc(scram_b64_enc_len(n) + 1);
    if (!tmp) {
        b->failed = true;
        return;
    }
    size_t m = scram_b64_encode(data, n, tmp);
    sb_put(b, tmp, m);
    memset(tmp, 0, m);
    free(tmp);
}

static char *sb_finish(struct sbuf *b, size_t *len)
{
    if (b->failed || !b->p) {
        if (b->p)
            memset(b->p, 0, b->cap);
        free(b->p);
        return NULL;
    }
    if (len)
        *len = b->len;
    return b->p;
}

char *scram_build_client_first(enum scram_cbind_flag cbind, const char *nonce, size_t *len)
{
    struct sbuf b = {0};

    if (!nonce || !scram_nonce_is_valid(nonce, strlen(nonce)))
        return NULL;
    switch (cbind) {
    case SCRAM_CBIND_NONE:
        sb_puts(&b, "n,,");
        break;
    case SCRAM_CBIND_NOT_OFFERED:
        sb_puts(&b, "y,,");
        break;
    case SCRAM_CBIND_USED:
        sb_puts(&b, "p=" SCRAM_CBIND_TYPE ",,");
        break;
    default:
        return NULL;
    }
    sb_puts(&b, "n=,r=");
    sb_puts(&b, nonce);
    return sb_finish(&b, len);
}

char *scram_build_server_first(const char *nonce, const uint8_t *salt, size_t salt_len,
                               int32_t iterations, size_t *len)
{
    struct sbuf b = {0};
    char num[16];

    if (!nonce || !scram_nonce_is_valid(nonce, strlen(nonce)) || salt_len == 0 || iterations < 1)
        return NULL;
    sb_puts(&b, "r=");
    sb_puts(&b, nonce);
    sb_puts(&b, ",s=");
    sb_put_b64(&b, salt, salt_len);
    snprintf(num, sizeof(num), ",i=%d", (int)iterations);
    sb_puts(&b, num);
    return sb_finish(&b, len);
}

char *scram_build_client_final_without_proof(const char *gs2_header, size_t gs2_len,
                                             const uint8_t *cbind_data, size_t cbind_len,
                                             const char *nonce, size_t nonce_len, size_t *len)
{
    struct sbuf b = {0};

    if (!scram_nonce_is_valid(nonce, nonce_len) || gs2_len > 128 ||
        cbind_len > SCRAM_MAX_CBIND_DATA)
        return NULL;
    uint8_t input[128 + SCRAM_MAX_CBIND_DATA];
    memcpy(input, gs2_header, gs2_len);
    if (cbind_len)
        memcpy(input + gs2_len, cbind_data, cbind_len);
    sb_puts(&b, "c=");
    sb_put_b64(&b, input, gs2_len + cbind_len);
    sb_puts(&b, ",r=");
    sb_put(&b, nonce, nonce_len);
    return sb_finish(&b, len);
}

char *scram_build_client_final(const char *without_proof, size_t wp_len,
                               const uint8_t proof[SCRAM_KEY_LEN], size_t *len)
{
    struct sbuf b = {0};

    sb_put(&b, without_proof, wp_len);
    sb_puts(&b, ",p=");
    sb_put_b64(&b, proof, SCRAM_KEY_LEN);
    return sb_finish(&b, len);
}

char *scram_build_server_final(const uint8_t signature[SCRAM_KEY_LEN], size_t *len)
{
    struct sbuf b = {0};

    sb_puts(&b, "v=");
    sb_put_b64(&b, signature, SCRAM_KEY_LEN);
    return sb_finish(&b, len);
}

char *scram_build_server_error(const char *value, size_t *len)
{
    struct sbuf b = {0};

    if (!value || !*value || strchr(value, ','))
        return NULL;
    sb_puts(&b, "e=");
    sb_puts(&b, value);
    return sb_finish(&b, len);
}

char *scram_build_auth_message(struct scram_slice client_first_bare,
                               struct scram_slice server_first,
                               struct scram_slice client_final_without_proof, size_t *len)
{
    struct sbuf b = {0};

    sb_put(&b, client_first_bare.p, client_first_bare.len);
    sb_puts(&b, ",");
    sb_put(&b, server_first.p, server_first.len);
    sb_puts(&b, ",");
    sb_put(&b, client_final_without_proof.p, client_final_without_proof.len);
    return sb_finish(&b, len);
}

/* ---- SASL framing ---- */

bool scram_parse_sasl_response(const uint8_t *msg, size_t len, const uint8_t **data,
                               size_t *data_len)
{
    if (!msg || len < WIRE_HEADER_LEN || msg[0] != WIRE_F_PASSWORD)
        return false;
    uint32_t length = wire_be32(msg + 1);
    if ((size_t)length != len - 1)
        return false;
    *data = msg + WIRE_HEADER_LEN;
    *data_len = len - WIRE_HEADER_LEN;
    return true;
}
