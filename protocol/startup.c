/*
 * startup.c: the untyped packets that open a connection, and the `options`
 * parameter's word syntax.
 *
 * The options rules follow PostgreSQL's pg_split_opts() and
 * process_postgres_switches(): a backslash makes the next character literal,
 * unescaped whitespace separates words, and a setting is `-c name=value`
 * (two words), `-cname=value` or `--name=value`. Like ParseLongOption(), a '-'
 * in a name becomes '_'; names are case-folded as GUC lookups are.
 */
#include "protocol/startup.h"

#include "protocol/reader.h"

#include <stdlib.h>
#include <string.h>

#define CANCEL_PACKET_LEN 16 /* length + code + pid + key */

enum wire_startup_result wire_startup_parse(const uint8_t *p, size_t len, struct wire_startup *out)
{
    struct wire_reader r;
    uint32_t length;
    uint32_t code;

    memset(out, 0, sizeof(*out));
    wire_reader_init(&r, p, len);
    if (len < WIRE_STARTUP_HEADER || !wire_get_u32(&r, &length) || length != len ||
        !wire_get_u32(&r, &code))
        return WIRE_STARTUP_MALFORMED;
    out->code = code;

    switch (code) {
    case WIRE_SSL_REQUEST_CODE:
    case WIRE_GSSENC_CODE:
        out->kind = code == WIRE_SSL_REQUEST_CODE ? WIRE_STARTUP_SSL : WIRE_STARTUP_GSSENC;
        return len == WIRE_STARTUP_HEADER ? WIRE_STARTUP_OK : WIRE_STARTUP_MALFORMED;
    case WIRE_CANCEL_CODE:
        out->kind = WIRE_STARTUP_CANCEL;
        if (len != CANCEL_PACKET_LEN || !wire_get_u32(&r, &out->cancel_pid) ||
            !wire_get_u32(&r, &out->cancel_key))
            return WIRE_STARTUP_MALFORMED;
        return WIRE_STARTUP_OK;
    default:
        break;
    }

    out->kind = WIRE_STARTUP_MESSAGE;
    if (code >> 16 != 3)
        return WIRE_STARTUP_BAD_VERSION;

    /* key\0value\0 ... \0: the empty key must be the packet's last byte. */
    for (;;) {
        const char *key;
        const char *value;
        size_t key_len;

        if (!wire_get_cstr(&r, &key, &key_len))
            return WIRE_STARTUP_MALFORMED;
        if (key_len == 0)
            break;
        if (!wire_get_cstr(&r, &value, NULL))
            return WIRE_STARTUP_MALFORMED;
        if (out->nparams == WIRE_STARTUP_MAX_PARAMS)
            return WIRE_STARTUP_TOO_MANY;
        for (size_t i = 0; i < out->nparams; i++) {
            if (strcmp(out->params[i].key, key) == 0) {
                out->dup_key = out->params[i].key;
                return WIRE_STARTUP_DUPLICATE;
            }
        }
        out->params[out->nparams].key = key;
        out->params[out->nparams].value = value;
        out->nparams++;
    }
    if (!wire_reader_at_end(&r))
        return WIRE_STARTUP_MALFORMED;

    const char *user = wire_startup_get(out, "user");
    if (!user || user[0] == '\0')
        return WIRE_STARTUP_NO_USER;
    return WIRE_STARTUP_OK;
}

const char *wire_startup_get(const struct wire_startup *s, const char *key)
{
    if (s->kind != WIRE_STARTUP_MESSAGE)
        return NULL;
    for (size_t i = 0; i < s->nparams; i++) {
        if (strcmp(s->params[i].key, key) == 0)
            return s->params[i].value;
    }
    return NULL;
}

void wire_build_startup(struct wire_writer *w, const struct wire_startup_param *params,
                        size_t nparams)
{
    wire_begin(w, 0);
    wire_put_u32(w, WIRE_PROTOCOL_3_0);
    for (size_t i = 0; i < nparams; i++) {
        /* An empty key would end the list early: refuse to build it. */
        if (!params[i].key || params[i].key[0] == '\0')
            w->failed = true;
        wire_put_cstr(w, params[i].key);
        wire_put_cstr(w, params[i].value);
    }
    wire_put_u8(w, 0);
    wire_end(w);
}

bool wire_startup_is_protocol_option(const char *key)
{
    return strncmp(key, WIRE_PROTOCOL_OPTION_PREFIX, strlen(WIRE_PROTOCOL_OPTION_PREFIX)) == 0;
}

bool wire_startup_negotiation(const struct wire_startup *s, struct wire_negotiation *out)
{
    memset(out, 0, sizeof *out);
    out->newest = WIRE_PROTOCOL_LATEST;
    if (s->kind != WIRE_STARTUP_MESSAGE)
        return false;
    for (size_t i = 0; i < s->nparams; i++)
        if (wire_startup_is_protocol_option(s->params[i].key))
            out->unrecognized[out->nunrecognized++] = s->params[i].key;
    /* Same major (3) by then: only a newer minor counts, as in PostgreSQL. */
    out->needed = (s->code & 0xffff) > (WIRE_PROTOCOL_LATEST & 0xffff) || out->nunrecognized > 0;
    return out->needed;
}

void wire_build_negotiate_version(struct wire_writer *w, uint32_t newest, const char *const *names,
                                  size_t n)
{
    wire_begin(w, WIRE_B_NEGOTIATE_VERSION);
    wire_put_u32(w, newest);
    wire_put_u32(w, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        wire_put_cstr(w, names[i]);
    wire_end(w);
}

bool wire_parse_negotiate_version(const uint8_t *msg, size_t len, uint32_t *newest, uint32_t *count,
                                  const char **first_name)
{
    struct wire_reader r;
    uint8_t type;
    uint32_t length;
    wire_reader_init(&r, msg, len);
    if (!wire_get_u8(&r, &type) || type != WIRE_B_NEGOTIATE_VERSION || !wire_get_u32(&r, &length) ||
        length != len - 1 || !wire_get_u32(&r, newest) || !wire_get_u32(&r, count))
        return false;
    *first_name = (const char *)msg + (len - wire_reader_remaining(&r));
    for (uint32_t i = 0; i < *count; i++) {
        const char *name;
        if (!wire_get_cstr(&r, &name, NULL))
            return false;
    }
    return wire_reader_at_end(&r);
}

void wire_build_cancel_request(struct wire_writer *w, uint32_t pid, uint32_t key)
{
    wire_begin(w, 0);
    wire_put_u32(w, WIRE_CANCEL_CODE);
    wire_put_u32(w, pid);
    wire_put_u32(w, key);
    wire_end(w);
}

void wire_build_ssl_request(struct wire_writer *w)
{
    wire_begin(w, 0);
    wire_put_u32(w, WIRE_SSL_REQUEST_CODE);
    wire_end(w);
}

void wire_build_ssl_response(struct wire_writer *w, bool accept)
{
    /* A single unframed byte, the server's whole answer to SSLRequest or
     * GSSENCRequest. */
    if (w->in_message) {
        w->failed = true;
        return;
    }
    wire_put_u8(w, accept ? 'S' : 'N');
}

/* ---- options ---- */

/* PostgreSQL splits with isspace() in the C locale. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* Next word of `*text` into a malloc'd string (*word NULL when none is left).
 * False on allocation failure. */
static bool next_word(const char **text, char **word)
{
    const char *s = *text;

    *word = NULL;
    while (is_space(*s))
        s++;
    if (*s == '\0') {
        *text = s;
        return true;
    }
    char *buf = malloc(strlen(s) + 1);
    if (!buf)
        return false;
    size_t n = 0;
    bool escaped = false;
    for (; *s; s++) {
        if (is_space(*s) && !escaped)
            break;
        if (!escaped && *s == '\\') {
            escaped = true;
        } else {
            escaped = false;
            buf[n++] = *s;
        }
    }
    buf[n] = '\0';
    *text = s;
    *word = buf;
    return true;
}

/* Splits "name=value" into the next item; the name is normalized in place. */
static enum wire_options_result add_setting(struct wire_options *o, const char *setting)
{
    const char *eq = strchr(setting, '=');

    if (!eq || eq == setting)
        return WIRE_OPTIONS_UNPARSEABLE;
    if (o->n == WIRE_OPTIONS_MAX)
        return WIRE_OPTIONS_TOO_MANY;
    size_t key_len = (size_t)(eq - setting);
    char *key = malloc(key_len + 1);
    char *value = strdup(eq + 1);
    if (!key || !value) {
        free(key);
        free(value);
        return WIRE_OPTIONS_NOMEM;
    }
    for (size_t i = 0; i < key_len; i++) {
        char c = setting[i];
        if (c == '-')
            c = '_';
        else if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        key[i] = c;
    }
    key[key_len] = '\0';
    o->items[o->n].key = key;
    o->items[o->n].value = value;
    o->n++;
    return WIRE_OPTIONS_OK;
}

enum wire_options_result wire_options_parse(const char *text, struct wire_options *out)
{
    enum wire_options_result res = WIRE_OPTIONS_OK;
    char *word = NULL;

    memset(out, 0, sizeof(*out));
    if (!text)
        return WIRE_OPTIONS_OK;
    for (;;) {
        if (!next_word(&text, &word))
            return WIRE_OPTIONS_NOMEM;
        if (!word)
            return WIRE_OPTIONS_OK;
        if (strcmp(word, "-c") == 0) {
            /* The setting is the next word, whatever it looks like. */
            free(word);
            if (!next_word(&text, &word))
                return WIRE_OPTIONS_NOMEM;
            if (!word)
                return WIRE_OPTIONS_UNPARSEABLE;
            res = add_setting(out, word);
        } else if (strncmp(word, "-c", 2) == 0) {
            res = add_setting(out, word + 2);
        } else if (strncmp(word, "--", 2) == 0) {
            res = add_setting(out, word + 2);
        } else {
            res = WIRE_OPTIONS_UNPARSEABLE;
        }
        free(word);
        word = NULL;
        if (res != WIRE_OPTIONS_OK)
            return res;
    }
}

void wire_options_free(struct wire_options *o)
{
    for (size_t i = 0; i < o->n && i < WIRE_OPTIONS_MAX; i++) {
        free(o->items[i].key);
        free(o->items[i].value);
    }
    o->n = 0;
}

/* Appends s with whitespace and backslashes escaped; returns the new end. */
static char *put_escaped(char *dst, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || is_space(*s))
            *dst++ = '\\';
        *dst++ = *s;
    }
    return dst;
}

char *wire_options_format(const struct wire_options *o)
{
    size_t size = 1;

    for (size_t i = 0; i < o->n; i++) {
        /* "-c " + escaped key + "=" + escaped value + " ": at worst 2x each. */
        size += 5 + 2 * strlen(o->items[i].key) + 2 * strlen(o->items[i].value);
    }
    char *buf = malloc(size);
    if (!buf)
        return NULL;
    char *p = buf;
    for (size_t i = 0; i < o->n; i++) {
        if (i > 0)
            *p++ = ' ';
        memcpy(p, "-c ", 3);
        p += 3;
        p = put_escaped(p, o->items[i].key);
        *p++ = '=';
        p = put_escaped(p, o->items[i].value);
    }
    *p = '\0';
    return buf;
}
