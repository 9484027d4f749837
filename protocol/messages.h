/*
 * messages.h: parsers for the messages the proxy inspects, and one named
 * builder for every message the proxy originates.
 *
 * Parsers take the whole message including its type byte and length (as
 * framed by wire_frame_peek) and return pointers into it.
 */
#ifndef CUTOVER_PROTOCOL_MESSAGES_H
#define CUTOVER_PROTOCOL_MESSAGES_H

#include "protocol/wire.h"
#include "protocol/writer.h"

/* ---- frontend messages the proxy looks at ---- */

/* Query: the SQL text (NUL excluded from sql_len). */
bool wire_parse_query(const uint8_t *msg, size_t len, const char **sql,
                      size_t *sql_len) WIRE_MUST_CHECK;

struct wire_parse_msg {
    const char *name; /* prepared statement name ("" = unnamed) */
    const char *sql;  /* query text */
    size_t sql_len;
    uint16_t nparam_types;
    const uint8_t *param_types; /* nparam_types big-endian int32 OIDs */
};
bool wire_parse_parse(const uint8_t *msg, size_t len, struct wire_parse_msg *out) WIRE_MUST_CHECK;

/* Bind. Parameter values are walked (each a length, -1 = NULL, and its
 * bytes) so that the message is checked whole; the proxy only looks at the
 * counts. Format codes are big-endian int16s, read with wire_bind_format. */
struct wire_bind_msg {
    const char *portal;    /* "" = unnamed */
    const char *statement; /* "" = unnamed */
    uint16_t nparam_formats;
    const uint8_t *param_formats;
    uint16_t nparams;
    uint16_t nresult_formats;
    const uint8_t *result_formats;
};
bool wire_parse_bind(const uint8_t *msg, size_t len, struct wire_bind_msg *out) WIRE_MUST_CHECK;
/* The i-th code of a format array of a parsed Bind (i < its count). */
int16_t wire_bind_format(const uint8_t *formats, uint16_t i);

/* Describe or Close (same body): 'S' statement or 'P' portal, and its name.
 * Any other kind byte is malformed. */
bool wire_parse_target(const uint8_t *msg, size_t len, uint8_t *kind,
                       const char **name) WIRE_MUST_CHECK;

/* Execute: the portal and the row limit (0 = all). */
bool wire_parse_execute(const uint8_t *msg, size_t len, const char **portal,
                        int32_t *max_rows) WIRE_MUST_CHECK;

/* SASLInitialResponse: mechanism name and the client-first-message bytes. */
bool wire_parse_sasl_initial(const uint8_t *msg, size_t len, const char **mechanism,
                             const uint8_t **data, int32_t *data_len) WIRE_MUST_CHECK;

/* PasswordMessage (cleartext or md5): the password string. */
bool wire_parse_password(const uint8_t *msg, size_t len, const char **password) WIRE_MUST_CHECK;

/* ---- backend messages the proxy looks at ---- */

/* Authentication request: code, and the bytes after it (salt, SASL data). */
bool wire_parse_auth(const uint8_t *msg, size_t len, int32_t *code, const uint8_t **data,
                     size_t *data_len) WIRE_MUST_CHECK;

/* AuthenticationSASL mechanism list, as NUL-separated names. */
#define WIRE_SASL_MAX_MECHS 8
struct wire_sasl_mechs {
    size_t n;
    const char *names[WIRE_SASL_MAX_MECHS]; /* point into the message */
};
bool wire_parse_sasl_mechs(const uint8_t *msg, size_t len,
                           struct wire_sasl_mechs *out) WIRE_MUST_CHECK;
/* Appends to `w` a copy of the AuthenticationSASL message `msg` without the
 * mechanisms whose names end in "-PLUS" (channel binding cannot survive a
 * proxy that terminates TLS). False, with nothing appended, if `msg` is
 * malformed or no mechanism would remain; check wire_writer_ok() as usual. */
bool wire_rewrite_sasl_mechs_without_plus(const uint8_t *msg, size_t len,
                                          struct wire_writer *w) WIRE_MUST_CHECK;

bool wire_parse_parameter_status(const uint8_t *msg, size_t len, const char **name,
                                 const char **value) WIRE_MUST_CHECK;
bool wire_parse_backend_key(const uint8_t *msg, size_t len, uint32_t *pid,
                            uint32_t *key) WIRE_MUST_CHECK;
bool wire_parse_ready(const uint8_t *msg, size_t len, uint8_t *tx_status) WIRE_MUST_CHECK;
bool wire_parse_command_complete(const uint8_t *msg, size_t len, const char **tag) WIRE_MUST_CHECK;

/* ErrorResponse / NoticeResponse fields; absent fields are NULL. */
struct wire_error_fields {
    const char *severity;    /* 'S' (localized) */
    const char *severity_nl; /* 'V' (never localized) */
    const char *sqlstate;    /* 'C' */
    const char *message;     /* 'M' */
    const char *detail;      /* 'D' */
    const char *hint;        /* 'H' */
};
bool wire_parse_error(const uint8_t *msg, size_t len,
                      struct wire_error_fields *out) WIRE_MUST_CHECK;

/* RowDescription: field names and type OIDs, as the SUBSCRIBE tracker needs. */
#define WIRE_MAX_FIELDS 1664 /* PostgreSQL's MaxTupleAttributeNumber */
struct wire_field {
    const char *name;
    uint32_t table_oid;
    int16_t column;
    uint32_t type_oid;
    int16_t type_len;
    int32_t type_mod;
    int16_t format;
};
/* Fills at most `max` fields; *n is the message's count (may exceed max). */
bool wire_parse_row_description(const uint8_t *msg, size_t len, struct wire_field *fields,
                                size_t max, uint16_t *n) WIRE_MUST_CHECK;

/* DataRow: column values; a NULL column has len -1 and value NULL. */
struct wire_column {
    const uint8_t *value;
    int32_t len;
};
bool wire_parse_data_row(const uint8_t *msg, size_t len, struct wire_column *cols, size_t max,
                         uint16_t *n) WIRE_MUST_CHECK;

/* ---- builders: every message the proxy originates ---- */

/* ErrorResponse (severity "ERROR" or "FATAL") or NoticeResponse ("NOTICE",
 * "WARNING"); detail and hint may be NULL. */
void wire_build_error(struct wire_writer *w, const char *severity, const char *sqlstate,
                      const char *message, const char *detail, const char *hint);
void wire_build_notice(struct wire_writer *w, const char *severity, const char *sqlstate,
                       const char *message, const char *detail, const char *hint);
void wire_build_ready(struct wire_writer *w, uint8_t tx_status);
void wire_build_parameter_status(struct wire_writer *w, const char *name, const char *value);
void wire_build_backend_key(struct wire_writer *w, uint32_t pid, uint32_t key);
void wire_build_auth_ok(struct wire_writer *w);
void wire_build_auth_cleartext(struct wire_writer *w);
void wire_build_auth_md5(struct wire_writer *w, const uint8_t salt[4]);
void wire_build_auth_sasl(struct wire_writer *w, const char *const *mechs, size_t n);
void wire_build_auth_sasl_continue(struct wire_writer *w, const uint8_t *data, size_t n);
void wire_build_auth_sasl_final(struct wire_writer *w, const uint8_t *data, size_t n);
void wire_build_password(struct wire_writer *w, const char *password);
void wire_build_sasl_initial(struct wire_writer *w, const char *mech, const uint8_t *data,
                             size_t n);
void wire_build_sasl_response(struct wire_writer *w, const uint8_t *data, size_t n);
void wire_build_query(struct wire_writer *w, const char *sql);
void wire_build_query_n(struct wire_writer *w, const char *sql, size_t sql_len);
/* Parse with the given (possibly rewritten) SQL; param types copied as raw bytes. */
void wire_build_parse(struct wire_writer *w, const char *name, const char *sql, size_t sql_len,
                      uint16_t nparam_types, const uint8_t *param_types);
void wire_build_terminate(struct wire_writer *w);
void wire_build_sync(struct wire_writer *w);
void wire_build_command_complete(struct wire_writer *w, const char *tag);
void wire_build_empty_query(struct wire_writer *w);
void wire_build_row_description(struct wire_writer *w, const struct wire_field *fields, uint16_t n);
void wire_build_data_row(struct wire_writer *w, const struct wire_column *cols, uint16_t n);
void wire_build_copy_data(struct wire_writer *w, const uint8_t *data, size_t n);
void wire_build_copy_done(struct wire_writer *w);

#endif
