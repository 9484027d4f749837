/*
 * messages.c: parsers for the messages the proxy inspects and builders for the
 * ones it originates.
 *
 * Every parser checks the type letter and that the length field matches the
 * bytes given, then reads the body through the cursor and insists the body is
 * consumed exactly: trailing bytes are as much a protocol violation as
 * missing ones.
 */
#include "protocol/messages.h"

#include "protocol/reader.h"

#include <string.h>

/* Checks the header of a whole message of type `type` and points `r` at its
 * body. */
static bool open_msg(const uint8_t *msg, size_t len, uint8_t type, struct wire_reader *r)
{
    if (!msg || len < WIRE_HEADER_LEN || msg[0] != type)
        return false;
    uint32_t length = wire_be32(msg + 1);
    if ((size_t)length != len - 1)
        return false;
    wire_reader_init(r, msg + WIRE_HEADER_LEN, len - WIRE_HEADER_LEN);
    return true;
}

/* ---- frontend ---- */

bool wire_parse_query(const uint8_t *msg, size_t len, const char **sql, size_t *sql_len)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_F_QUERY, &r) && wire_get_cstr(&r, sql, sql_len) &&
           wire_reader_at_end(&r);
}

bool wire_parse_parse(const uint8_t *msg, size_t len, struct wire_parse_msg *out)
{
    struct wire_reader r;

    if (!open_msg(msg, len, WIRE_F_PARSE, &r) || !wire_get_cstr(&r, &out->name, NULL) ||
        !wire_get_cstr(&r, &out->sql, &out->sql_len) || !wire_get_u16(&r, &out->nparam_types))
        return false;
    if (!wire_get_bytes(&r, (size_t)out->nparam_types * 4, &out->param_types))
        return false;
    return wire_reader_at_end(&r);
}

bool wire_parse_bind(const uint8_t *msg, size_t len, struct wire_bind_msg *out)
{
    struct wire_reader r;

    if (!open_msg(msg, len, WIRE_F_BIND, &r) || !wire_get_cstr(&r, &out->portal, NULL) ||
        !wire_get_cstr(&r, &out->statement, NULL) || !wire_get_u16(&r, &out->nparam_formats) ||
        !wire_get_bytes(&r, (size_t)out->nparam_formats * 2, &out->param_formats) ||
        !wire_get_u16(&r, &out->nparams))
        return false;
    for (uint16_t i = 0; i < out->nparams; i++) {
        int32_t n;
        const uint8_t *value;
        if (!wire_get_i32(&r, &n) || n < -1 || (n > 0 && !wire_get_bytes(&r, (size_t)n, &value)))
            return false;
    }
    if (!wire_get_u16(&r, &out->nresult_formats) ||
        !wire_get_bytes(&r, (size_t)out->nresult_formats * 2, &out->result_formats))
        return false;
    return wire_reader_at_end(&r);
}

int16_t wire_bind_format(const uint8_t *formats, uint16_t i)
{
    return (int16_t)(((uint16_t)formats[2 * (size_t)i] << 8) | formats[2 * (size_t)i + 1]);
}

bool wire_parse_target(const uint8_t *msg, size_t len, uint8_t *kind, const char **name)
{
    struct wire_reader r;

    if (msg == NULL || len == 0 || (msg[0] != WIRE_F_DESCRIBE && msg[0] != WIRE_F_CLOSE) ||
        !open_msg(msg, len, msg[0], &r) || !wire_get_u8(&r, kind) || !wire_get_cstr(&r, name, NULL))
        return false;
    return (*kind == 'S' || *kind == 'P') && wire_reader_at_end(&r);
}

bool wire_parse_execute(const uint8_t *msg, size_t len, const char **portal, int32_t *max_rows)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_F_EXECUTE, &r) && wire_get_cstr(&r, portal, NULL) &&
           wire_get_i32(&r, max_rows) && wire_reader_at_end(&r);
}

bool wire_parse_sasl_initial(const uint8_t *msg, size_t len, const char **mechanism,
                             const uint8_t **data, int32_t *data_len)
{
    struct wire_reader r;
    int32_t n;

    if (!open_msg(msg, len, WIRE_F_PASSWORD, &r) || !wire_get_cstr(&r, mechanism, NULL) ||
        !wire_get_i32(&r, &n))
        return false;
    if (n == -1) {
        *data = NULL;
    } else if (n < 0 || !wire_get_bytes(&r, (size_t)n, data)) {
        return false;
    }
    *data_len = n;
    return wire_reader_at_end(&r);
}

bool wire_parse_password(const uint8_t *msg, size_t len, const char **password)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_F_PASSWORD, &r) && wire_get_cstr(&r, password, NULL) &&
           wire_reader_at_end(&r);
}

/* ---- backend ---- */

bool wire_parse_auth(const uint8_t *msg, size_t len, int32_t *code, const uint8_t **data,
                     size_t *data_len)
{
    struct wire_reader r;

    if (!open_msg(msg, len, WIRE_B_AUTH, &r) || !wire_get_i32(&r, code))
        return false;
    size_t rest = wire_reader_remaining(&r);
    switch (*code) {
    case WIRE_AUTH_OK:
    case WIRE_AUTH_KERBEROS_V5:
    case WIRE_AUTH_CLEARTEXT:
    case WIRE_AUTH_GSS:
    case WIRE_AUTH_SSPI:
        if (rest != 0)
            return false;
        break;
    case WIRE_AUTH_MD5:
        if (rest != 4)
            return false;
        break;
    case WIRE_AUTH_SASL:
        /* A list of names closed by an empty one: at least "x\0\0". */
        if (rest < 2 || r.data[r.len - 1] != 0)
            return false;
        break;
    default:
        /* GSS/SASL continuations carry opaque data; codes we do not know are
         * passed through for the relay to decide. */
        break;
    }
    *data_len = rest;
    *data = rest ? r.data + r.pos : NULL;
    return true;
}

bool wire_parse_sasl_mechs(const uint8_t *msg, size_t len, struct wire_sasl_mechs *out)
{
    struct wire_reader r;
    int32_t code;

    out->n = 0;
    if (!open_msg(msg, len, WIRE_B_AUTH, &r) || !wire_get_i32(&r, &code) || code != WIRE_AUTH_SASL)
        return false;
    for (;;) {
        const char *name;
        size_t name_len;

        if (!wire_get_cstr(&r, &name, &name_len))
            return false;
        if (name_len == 0)
            break;
        if (out->n == WIRE_SASL_MAX_MECHS)
            return false;
        out->names[out->n++] = name;
    }
    return out->n > 0 && wire_reader_at_end(&r);
}

static bool ends_with_plus(const char *name)
{
    size_t n = strlen(name);

    return n >= 5 && memcmp(name + n - 5, "-PLUS", 5) == 0;
}

bool wire_rewrite_sasl_mechs_without_plus(const uint8_t *msg, size_t len, struct wire_writer *w)
{
    struct wire_sasl_mechs mechs;
    const char *keep[WIRE_SASL_MAX_MECHS];
    size_t n = 0;

    if (!wire_parse_sasl_mechs(msg, len, &mechs))
        return false;
    for (size_t i = 0; i < mechs.n; i++) {
        if (!ends_with_plus(mechs.names[i]))
            keep[n++] = mechs.names[i];
    }
    if (n == 0)
        return false;
    wire_build_auth_sasl(w, keep, n);
    return true;
}

bool wire_parse_parameter_status(const uint8_t *msg, size_t len, const char **name,
                                 const char **value)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_B_PARAM_STATUS, &r) && wire_get_cstr(&r, name, NULL) &&
           wire_get_cstr(&r, value, NULL) && wire_reader_at_end(&r);
}

bool wire_parse_backend_key(const uint8_t *msg, size_t len, uint32_t *pid, uint32_t *key)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_B_BACKEND_KEY, &r) && wire_get_u32(&r, pid) &&
           wire_get_u32(&r, key) && wire_reader_at_end(&r);
}

bool wire_parse_ready(const uint8_t *msg, size_t len, uint8_t *tx_status)
{
    struct wire_reader r;
    uint8_t s;

    if (!open_msg(msg, len, WIRE_B_READY, &r) || !wire_get_u8(&r, &s) || !wire_reader_at_end(&r))
        return false;
    if (s != WIRE_TX_IDLE && s != WIRE_TX_BLOCK && s != WIRE_TX_FAILED)
        return false;
    *tx_status = s;
    return true;
}

bool wire_parse_command_complete(const uint8_t *msg, size_t len, const char **tag)
{
    struct wire_reader r;

    return open_msg(msg, len, WIRE_B_COMMAND_COMPLETE, &r) && wire_get_cstr(&r, tag, NULL) &&
           wire_reader_at_end(&r);
}

bool wire_parse_error(const uint8_t *msg, size_t len, struct wire_error_fields *out)
{
    struct wire_reader r;

    memset(out, 0, sizeof(*out));
    if (!open_msg(msg, len, WIRE_B_ERROR, &r) && !open_msg(msg, len, WIRE_B_NOTICE, &r))
        return false;
    for (;;) {
        uint8_t field;
        const char *value;

        if (!wire_get_u8(&r, &field))
            return false;
        if (field == 0)
            break;
        if (!wire_get_cstr(&r, &value, NULL))
            return false;
        switch (field) {
        case 'S':
            out->severity = value;
            break;
        case 'V':
            out->severity_nl = value;
            break;
        case 'C':
            out->sqlstate = value;
            break;
        case 'M':
            out->message = value;
            break;
        case 'D':
            out->detail = value;
            break;
        case 'H':
            out->hint = value;
            break;
        default:
            /* Position, where, schema, ...: valid, not needed. */
            break;
        }
    }
    return wire_reader_at_end(&r);
}

bool wire_parse_row_description(const uint8_t *msg, size_t len, struct wire_field *fields,
                                size_t max, uint16_t *n)
{
    struct wire_reader r;
    uint16_t count;

    if (!open_msg(msg, len, WIRE_B_ROW_DESCRIPTION, &r) || !wire_get_u16(&r, &count) ||
        count > WIRE_MAX_FIELDS)
        return false;
    for (uint16_t i = 0; i < count; i++) {
        struct wire_field f;

        if (!wire_get_cstr(&r, &f.name, NULL) || !wire_get_u32(&r, &f.table_oid) ||
            !wire_get_i16(&r, &f.column) || !wire_get_u32(&r, &f.type_oid) ||
            !wire_get_i16(&r, &f.type_len) || !wire_get_i32(&r, &f.type_mod) ||
            !wire_get_i16(&r, &f.format))
            return false;
        if (i < max)
            fields[i] = f;
    }
    if (!wire_reader_at_end(&r))
        return false;
    *n = count;
    return true;
}

bool wire_parse_data_row(const uint8_t *msg, size_t len, struct wire_column *cols, size_t max,
                         uint16_t *n)
{
    struct wire_reader r;
    uint16_t count;

    if (!open_msg(msg, len, WIRE_B_DATA_ROW, &r) || !wire_get_u16(&r, &count))
        return false;
    for (uint16_t i = 0; i < count; i++) {
        struct wire_column c;

        if (!wire_get_i32(&r, &c.len))
            return false;
        if (c.len == -1)
            c.value = NULL;
        else if (c.len < 0 || !wire_get_bytes(&r, (size_t)c.len, &c.value))
            return false;
        if (i < max)
            cols[i] = c;
    }
    if (!wire_reader_at_end(&r))
        return false;
    *n = count;
    return true;
}

/* ---- builders ---- */

static void build_error_like(struct wire_writer *w, uint8_t type, const char *severity,
                             const char *sqlstate, const char *message, const char *detail,
                             const char *hint)
{
    wire_begin(w, type);
    wire_put_u8(w, 'S');
    wire_put_cstr(w, severity);
    wire_put_u8(w, 'V');
    wire_put_cstr(w, severity);
    wire_put_u8(w, 'C');
    wire_put_cstr(w, sqlstate);
    wire_put_u8(w, 'M');
    wire_put_cstr(w, message);
    if (detail) {
        wire_put_u8(w, 'D');
        wire_put_cstr(w, detail);
    }
    if (hint) {
        wire_put_u8(w, 'H');
        wire_put_cstr(w, hint);
    }
    wire_put_u8(w, 0);
    wire_end(w);
}

void wire_build_error(struct wire_writer *w, const char *severity, const char *sqlstate,
                      const char *message, const char *detail, const char *hint)
{
    build_error_like(w, WIRE_B_ERROR, severity, sqlstate, message, detail, hint);
}

void wire_build_notice(struct wire_writer *w, const char *severity, const char *sqlstate,
                       const char *message, const char *detail, const char *hint)
{
    build_error_like(w, WIRE_B_NOTICE, severity, sqlstate, message, detail, hint);
}

void wire_build_ready(struct wire_writer *w, uint8_t tx_status)
{
    wire_begin(w, WIRE_B_READY);
    wire_put_u8(w, tx_status);
    wire_end(w);
}

void wire_build_parameter_status(struct wire_writer *w, const char *name, const char *value)
{
    wire_begin(w, WIRE_B_PARAM_STATUS);
    wire_put_cstr(w, name);
    wire_put_cstr(w, value);
    wire_end(w);
}

void wire_build_backend_key(struct wire_writer *w, uint32_t pid, uint32_t key)
{
    wire_begin(w, WIRE_B_BACKEND_KEY);
    wire_put_u32(w, pid);
    wire_put_u32(w, key);
    wire_end(w);
}

static void build_auth(struct wire_writer *w, int32_t code, const uint8_t *data, size_t n)
{
    wire_begin(w, WIRE_B_AUTH);
    wire_put_i32(w, code);
    wire_put_bytes(w, data, n);
    wire_end(w);
}

void wire_build_auth_ok(struct wire_writer *w)
{
    build_auth(w, WIRE_AUTH_OK, NULL, 0);
}

void wire_build_auth_cleartext(struct wire_writer *w)
{
    build_auth(w, WIRE_AUTH_CLEARTEXT, NULL, 0);
}

void wire_build_auth_md5(struct wire_writer *w, const uint8_t salt[4])
{
    build_auth(w, WIRE_AUTH_MD5, salt, 4);
}

void wire_build_auth_sasl(struct wire_writer *w, const char *const *mechs, size_t n)
{
    wire_begin(w, WIRE_B_AUTH);
    wire_put_i32(w, WIRE_AUTH_SASL);
    for (size_t i = 0; i < n; i++) {
        /* An empty name would end the list early. */
        if (!mechs[i] || mechs[i][0] == '\0')
            w->failed = true;
        wire_put_cstr(w, mechs[i]);
    }
    wire_put_u8(w, 0);
    wire_end(w);
}

void wire_build_auth_sasl_continue(struct wire_writer *w, const uint8_t *data, size_t n)
{
    build_auth(w, WIRE_AUTH_SASL_CONTINUE, data, n);
}

void wire_build_auth_sasl_final(struct wire_writer *w, const uint8_t *data, size_t n)
{
    build_auth(w, WIRE_AUTH_SASL_FINAL, data, n);
}

void wire_build_password(struct wire_writer *w, const char *password)
{
    wire_begin(w, WIRE_F_PASSWORD);
    wire_put_cstr(w, password);
    wire_end(w);
}

void wire_build_sasl_initial(struct wire_writer *w, const char *mech, const uint8_t *data, size_t n)
{
    wire_begin(w, WIRE_F_PASSWORD);
    wire_put_cstr(w, mech);
    if (!data) {
        wire_put_i32(w, -1);
    } else {
        if (n > (size_t)INT32_MAX)
            w->failed = true;
        wire_put_i32(w, (int32_t)(n & 0x7fffffffu));
        wire_put_bytes(w, data, n);
    }
    wire_end(w);
}

void wire_build_sasl_response(struct wire_writer *w, const uint8_t *data, size_t n)
{
    wire_begin(w, WIRE_F_PASSWORD);
    wire_put_bytes(w, data, n);
    wire_end(w);
}

void wire_build_query(struct wire_writer *w, const char *sql)
{
    if (!sql) {
        w->failed = true;
        return;
    }
    wire_build_query_n(w, sql, strlen(sql));
}

/* A string field cannot contain NUL: the receiver would cut it there. */
static void put_counted_str(struct wire_writer *w, const char *s, size_t n)
{
    if (n > 0 && (!s || memchr(s, 0, n)))
        w->failed = true;
    wire_put_bytes(w, s, n);
    wire_put_u8(w, 0);
}

void wire_build_query_n(struct wire_writer *w, const char *sql, size_t sql_len)
{
    wire_begin(w, WIRE_F_QUERY);
    put_counted_str(w, sql, sql_len);
    wire_end(w);
}

void wire_build_parse(struct wire_writer *w, const char *name, const char *sql, size_t sql_len,
                      uint16_t nparam_types, const uint8_t *param_types)
{
    wire_begin(w, WIRE_F_PARSE);
    wire_put_cstr(w, name ? name : "");
    put_counted_str(w, sql, sql_len);
    wire_put_i16(w, (int16_t)(nparam_types <= INT16_MAX ? nparam_types : nparam_types - 65536));
    wire_put_bytes(w, param_types, (size_t)nparam_types * 4);
    wire_end(w);
}

void wire_build_terminate(struct wire_writer *w)
{
    wire_begin(w, WIRE_F_TERMINATE);
    wire_end(w);
}

void wire_build_sync(struct wire_writer *w)
{
    wire_begin(w, WIRE_F_SYNC);
    wire_end(w);
}

void wire_build_command_complete(struct wire_writer *w, const char *tag)
{
    wire_begin(w, WIRE_B_COMMAND_COMPLETE);
    wire_put_cstr(w, tag);
    wire_end(w);
}

void wire_build_empty_query(struct wire_writer *w)
{
    wire_begin(w, WIRE_B_EMPTY_QUERY);
    wire_end(w);
}

void wire_build_row_description(struct wire_writer *w, const struct wire_field *fields, uint16_t n)
{
    wire_begin(w, WIRE_B_ROW_DESCRIPTION);
    wire_put_i16(w, (int16_t)(n <= INT16_MAX ? n : n - 65536));
    for (uint16_t i = 0; i < n; i++) {
        wire_put_cstr(w, fields[i].name);
        wire_put_u32(w, fields[i].table_oid);
        wire_put_i16(w, fields[i].column);
        wire_put_u32(w, fields[i].type_oid);
        wire_put_i16(w, fields[i].type_len);
        wire_put_i32(w, fields[i].type_mod);
        wire_put_i16(w, fields[i].format);
    }
    wire_end(w);
}

void wire_build_data_row(struct wire_writer *w, const struct wire_column *cols, uint16_t n)
{
    wire_begin(w, WIRE_B_DATA_ROW);
    wire_put_i16(w, (int16_t)(n <= INT16_MAX ? n : n - 65536));
    for (uint16_t i = 0; i < n; i++) {
        if (cols[i].len < 0) {
            wire_put_i32(w, -1);
        } else {
            wire_put_i32(w, cols[i].len);
            wire_put_bytes(w, cols[i].value, (size_t)cols[i].len);
        }
    }
    wire_end(w);
}

void wire_build_copy_data(struct wire_writer *w, const uint8_t *data, size_t n)
{
    wire_begin(w, WIRE_F_COPY_DATA);
    wire_put_bytes(w, data, n);
    wire_end(w);
}

void wire_build_copy_done(struct wire_writer *w)
{
    wire_begin(w, WIRE_F_COPY_DONE);
    wire_end(w);
}
