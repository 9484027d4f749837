/*
 * startup.h: the untyped packets a client sends first: StartupMessage,
 * SSLRequest, GSSENCRequest, CancelRequest; and the `options` parameter's
 * word syntax.
 */
#ifndef CUTOVER_PROTOCOL_STARTUP_H
#define CUTOVER_PROTOCOL_STARTUP_H

#include "protocol/wire.h"
#include "protocol/writer.h"

#define WIRE_STARTUP_MAX_PARAMS 64 /* more is garbage, not a client */

enum wire_startup_kind {
    WIRE_STARTUP_MESSAGE, /* protocol 3.x StartupMessage */
    WIRE_STARTUP_SSL,     /* SSLRequest */
    WIRE_STARTUP_GSSENC,  /* GSSENCRequest */
    WIRE_STARTUP_CANCEL,  /* CancelRequest */
};

enum wire_startup_result {
    WIRE_STARTUP_OK,
    WIRE_STARTUP_MALFORMED,   /* missing NULs, odd key/value count, bad length */
    WIRE_STARTUP_BAD_VERSION, /* a protocol major other than 3 */
    WIRE_STARTUP_TOO_MANY,    /* more than WIRE_STARTUP_MAX_PARAMS pairs */
    WIRE_STARTUP_NO_USER,     /* StartupMessage without "user" */
    WIRE_STARTUP_DUPLICATE,   /* a parameter name appears twice (see wire_startup_parse) */
};

struct wire_startup_param {
    const char *key;   /* points into the packet */
    const char *value; /* points into the packet */
};

struct wire_startup {
    enum wire_startup_kind kind;
    uint32_t code;  /* the int32 after the length: version or request code */
    size_t nparams; /* StartupMessage only */
    struct wire_startup_param params[WIRE_STARTUP_MAX_PARAMS];
    uint32_t cancel_pid; /* CancelRequest only */
    uint32_t cancel_key; /* CancelRequest only */
    const char *dup_key; /* WIRE_STARTUP_DUPLICATE: the repeated name, into the packet */
};

/*
 * Parses one whole startup packet (length field included, as framed by
 * wire_startup_frame_peek). Params point into `p`, which must outlive `out`.
 *
 * A StartupMessage that names one parameter twice is WIRE_STARTUP_DUPLICATE
 * (out->dup_key names it). PostgreSQL keeps the last value of "user" and
 * "database"; a proxy that read the first would log, show and carry over a
 * different identity from the one the server authenticated. No driver sends
 * a duplicate (libpq, JDBC, psycopg, pgx build the packet from a map), so
 * refusing it (08P01, as the server refuses other malformed packets) is the
 * one answer that can never disagree with the server about who connected.
 */
enum wire_startup_result wire_startup_parse(const uint8_t *p, size_t len,
                                            struct wire_startup *out) WIRE_MUST_CHECK;

/* The value of `key` in a parsed StartupMessage, or NULL. */
const char *wire_startup_get(const struct wire_startup *s, const char *key);

/*
 * Protocol negotiation, as PostgreSQL 15's ProcessStartupPacket does it. A
 * StartupMessage may ask for protocol 3.x with x > 0 (PostgreSQL 18 speaks
 * 3.2) and may carry protocol options, parameters named `_pq_.<name>`. The
 * proxy speaks 3.0 and knows no protocol option, so when a client asks for
 * a newer minor version or sends any `_pq_.` option it answers
 * NegotiateProtocolVersion ('v': the newest minor version it supports, and
 * the count and names of the options it does not recognize, in the packet's
 * order) before anything else, and goes on in 3.0. The server is started
 * with 3.0 and without those options: the client was told they are off.
 */
#define WIRE_PROTOCOL_LATEST        WIRE_PROTOCOL_3_0 /* the newest version the proxy speaks */
#define WIRE_PROTOCOL_OPTION_PREFIX "_pq_."           /* protocol options, not settings */

struct wire_negotiation {
    bool needed;          /* send NegotiateProtocolVersion */
    uint32_t newest;      /* what it says: WIRE_PROTOCOL_LATEST */
    size_t nunrecognized; /* protocol options the proxy does not know */
    const char *unrecognized[WIRE_STARTUP_MAX_PARAMS]; /* their names, into the packet */
};

/* Whether a startup parameter name is a protocol option (`_pq_.` prefix,
 * case-sensitive as in PostgreSQL). */
bool wire_startup_is_protocol_option(const char *key);
/* What to negotiate for a parsed StartupMessage (false = nothing to say). */
bool wire_startup_negotiation(const struct wire_startup *s, struct wire_negotiation *out);
/* NegotiateProtocolVersion: 'v', int32 newest, int32 count, count names. */
void wire_build_negotiate_version(struct wire_writer *w, uint32_t newest, const char *const *names,
                                  size_t n);
/* Parses a whole NegotiateProtocolVersion (type byte included): the version,
 * the count, and the names laid out as the count says (*first_name points to
 * the first, NUL-separated, into msg). False when malformed. */
bool wire_parse_negotiate_version(const uint8_t *msg, size_t len, uint32_t *newest, uint32_t *count,
                                  const char **first_name) WIRE_MUST_CHECK;

/* Builds a v3.0 StartupMessage from key/value pairs. */
void wire_build_startup(struct wire_writer *w, const struct wire_startup_param *params,
                        size_t nparams);
void wire_build_cancel_request(struct wire_writer *w, uint32_t pid, uint32_t key);
void wire_build_ssl_request(struct wire_writer *w);
/* The server's one-byte, unframed answer to SSLRequest or GSSENCRequest:
 * 'S' (accept) or 'N' (refuse). Must not be called inside an open message. */
void wire_build_ssl_response(struct wire_writer *w, bool accept);

/*
 * The `options` startup parameter: words split on unescaped spaces (`\ ` is a
 * space inside a word, `\\` a backslash), each word `-c key=value`,
 * `-ckey=value` or `--key=value`. Setting names are case-folded, as the server
 * does; dashes in `--key` become underscores.
 */
#define WIRE_OPTIONS_MAX 64
struct wire_option {
    char *key;   /* owned, NUL-terminated */
    char *value; /* owned, NUL-terminated */
};
struct wire_options {
    size_t n;
    struct wire_option items[WIRE_OPTIONS_MAX];
};

enum wire_options_result {
    WIRE_OPTIONS_OK,
    WIRE_OPTIONS_UNPARSEABLE, /* a word that is not one of the three forms */
    WIRE_OPTIONS_TOO_MANY,
    WIRE_OPTIONS_NOMEM,
};

/* Parses `text` into `out` (which the caller then frees with wire_options_free,
 * whatever the result). */
enum wire_options_result wire_options_parse(const char *text, struct wire_options *out);
void wire_options_free(struct wire_options *o);
/* Formats as `-c key=value` words, escaping spaces and backslashes; returns a
 * malloc'd string (empty string for none), NULL on allocation failure. */
char *wire_options_format(const struct wire_options *o);

#endif
