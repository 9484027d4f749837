/*
 * wire.h: PostgreSQL v3 protocol constants shared by the codec.
 *
 * protocol/ is sans-I/O: no libevent, no sockets, no logging, no config. Every
 * function takes bytes and returns a result, so all of it is unit tested and
 * fuzzed without a network.
 */
#ifndef CUTOVER_PROTOCOL_WIRE_H
#define CUTOVER_PROTOCOL_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WIRE_MUST_CHECK __attribute__((warn_unused_result))

#define WIRE_PROTOCOL_3_0     196608u   /* 3 << 16 */
#define WIRE_SSL_REQUEST_CODE 80877103u /* 1234 << 16 | 5679 */
#define WIRE_GSSENC_CODE      80877104u /* 1234 << 16 | 5680 */
#define WIRE_CANCEL_CODE      80877102u /* 1234 << 16 | 5678 */
#define WIRE_HEADER_LEN       5         /* type byte + int32 length */
#define WIRE_STARTUP_HEADER   8         /* int32 length + int32 code */
#define WIRE_MIN_LENGTH       4         /* a length counts itself */
#define WIRE_DEFAULT_MAX_MSG  (64u * 1024u * 1024u)
#define WIRE_MAX_STARTUP_LEN                                                                       \
    10000u /* PostgreSQL's MAX_STARTUP_PACKET_LENGTH (after the length word) */

/* Who sent a message: type letters overlap between directions ('D' is
 * DataRow from the backend and Describe from the frontend). */
enum wire_direction {
    WIRE_FRONTEND, /* client -> server */
    WIRE_BACKEND,  /* server -> client */
};

/* Frontend message types. */
#define WIRE_F_BIND          'B'
#define WIRE_F_CLOSE         'C'
#define WIRE_F_COPY_DATA     'd'
#define WIRE_F_COPY_DONE     'c'
#define WIRE_F_COPY_FAIL     'f'
#define WIRE_F_DESCRIBE      'D'
#define WIRE_F_EXECUTE       'E'
#define WIRE_F_FLUSH         'H'
#define WIRE_F_FUNCTION_CALL 'F'
#define WIRE_F_PARSE         'P'
#define WIRE_F_PASSWORD      'p' /* also SASLInitialResponse, SASLResponse, GSSResponse */
#define WIRE_F_QUERY         'Q'
#define WIRE_F_SYNC          'S'
#define WIRE_F_TERMINATE     'X'

/* Backend message types. */
#define WIRE_B_AUTH              'R'
#define WIRE_B_BACKEND_KEY       'K'
#define WIRE_B_BIND_COMPLETE     '2'
#define WIRE_B_CLOSE_COMPLETE    '3'
#define WIRE_B_COMMAND_COMPLETE  'C'
#define WIRE_B_COPY_BOTH         'W'
#define WIRE_B_COPY_DATA         'd'
#define WIRE_B_COPY_DONE         'c'
#define WIRE_B_COPY_IN           'G'
#define WIRE_B_COPY_OUT          'H'
#define WIRE_B_DATA_ROW          'D'
#define WIRE_B_EMPTY_QUERY       'I'
#define WIRE_B_ERROR             'E'
#define WIRE_B_FUNCTION_RESULT   'V'
#define WIRE_B_NEGOTIATE_VERSION 'v'
#define WIRE_B_NO_DATA           'n'
#define WIRE_B_NOTICE            'N'
#define WIRE_B_NOTIFICATION      'A'
#define WIRE_B_PARAM_DESC        't'
#define WIRE_B_PARAM_STATUS      'S'
#define WIRE_B_PARSE_COMPLETE    '1'
#define WIRE_B_PORTAL_SUSPENDED  's'
#define WIRE_B_READY             'Z'
#define WIRE_B_ROW_DESCRIPTION   'T'

/* Authentication request codes (the int32 after 'R'). */
enum wire_auth_code {
    WIRE_AUTH_OK = 0,
    WIRE_AUTH_KERBEROS_V5 = 2,
    WIRE_AUTH_CLEARTEXT = 3,
    WIRE_AUTH_MD5 = 5,
    WIRE_AUTH_GSS = 7,
    WIRE_AUTH_GSS_CONTINUE = 8,
    WIRE_AUTH_SSPI = 9,
    WIRE_AUTH_SASL = 10,
    WIRE_AUTH_SASL_CONTINUE = 11,
    WIRE_AUTH_SASL_FINAL = 12,
};

/* ReadyForQuery transaction status bytes. */
#define WIRE_TX_IDLE   'I'
#define WIRE_TX_BLOCK  'T'
#define WIRE_TX_FAILED 'E'

/* The int32/uint32 at p, in network byte order (lengths, codes, keys). */
static inline uint32_t wire_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Each direction's message names by type letter (wire.c); NULL for a
 * letter that direction may not send. */
extern const char *const wire_frontend_names[256];
extern const char *const wire_backend_names[256];

/* The name of `type` in `dir`, NULL when that direction may not send it. */
static inline const char *wire_type_name_or_null(enum wire_direction dir, uint8_t type)
{
    return (dir == WIRE_FRONTEND ? wire_frontend_names : wire_backend_names)[type];
}

/* True when `type` is a message a peer in `dir` may send after startup.
 * Inline: every relayed header is checked with it. */
static inline bool wire_type_is_known(enum wire_direction dir, uint8_t type)
{
    return wire_type_name_or_null(dir, type) != NULL;
}

/* A stable, human-readable name for logs ("Query", "DataRow"); "unknown" otherwise. */
const char *wire_type_name(enum wire_direction dir, uint8_t type);

#endif
