/*
 * fuzz_frame.c: arbitrary bytes through the typed framer in both directions;
 * every frame that comes out OK goes through the parser for its type, and
 * where a builder exists the parsed fields must rebuild the exact bytes.
 */
#include "protocol/frame.h"
#include "protocol/messages.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_MSG (1u << 20)

/* The message must equal what the builder in `w` produced. */
static void same_bytes(struct wire_writer *w, const uint8_t *m, size_t n)
{
    if (!wire_writer_ok(w) || w->len != n || memcmp(w->buf, m, n) != 0)
        abort();
    wire_writer_reset(w);
}

static void parse_frontend(const uint8_t *m, size_t n, struct wire_writer *w)
{
    const char *s;
    size_t len;
    struct wire_parse_msg p;
    const uint8_t *bytes;
    int32_t blen;

    switch (m[0]) {
    case WIRE_F_QUERY:
        if (wire_parse_query(m, n, &s, &len)) {
            if (strlen(s) != len)
                abort();
            wire_build_query_n(w, s, len);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_F_PARSE:
        if (wire_parse_parse(m, n, &p)) {
            wire_build_parse(w, p.name, p.sql, p.sql_len, p.nparam_types, p.param_types);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_F_BIND: {
        /* The SUBSCRIBE cursor's batches (subscribe_cursor.c) read these. */
        struct wire_bind_msg b;
        if (wire_parse_bind(m, n, &b)) {
            if (strlen(b.portal) >= n || strlen(b.statement) >= n ||
                (size_t)b.nparam_formats * 2 + (size_t)b.nresult_formats * 2 > n)
                abort();
            for (uint16_t i = 0; i < b.nresult_formats; i++)
                (void)wire_bind_format(b.result_formats, i);
            for (uint16_t i = 0; i < b.nparam_formats; i++)
                (void)wire_bind_format(b.param_formats, i);
        }
        break;
    }
    case WIRE_F_DESCRIBE:
    case WIRE_F_CLOSE: {
        uint8_t kind;
        if (wire_parse_target(m, n, &kind, &s) &&
            ((kind != 'S' && kind != 'P') || strlen(s) + 7 != n))
            abort();
        break;
    }
    case WIRE_F_EXECUTE: {
        int32_t rows;
        if (wire_parse_execute(m, n, &s, &rows) && strlen(s) + 10 != n)
            abort();
        break;
    }
    case WIRE_F_PASSWORD:
        /* 'p' is ambiguous without the authentication state: try both. */
        if (wire_parse_password(m, n, &s)) {
            wire_build_password(w, s);
            same_bytes(w, m, n);
        }
        if (wire_parse_sasl_initial(m, n, &s, &bytes, &blen)) {
            wire_build_sasl_initial(w, s, bytes, blen < 0 ? 0 : (size_t)blen);
            same_bytes(w, m, n);
        }
        break;
    default:
        break;
    }
}

static void parse_backend(const uint8_t *m, size_t n, struct wire_writer *w)
{
    const char *a, *b;
    int32_t code;
    const uint8_t *bytes;
    size_t len;
    uint32_t pid, key;
    uint8_t tx;
    uint16_t count;
    struct wire_sasl_mechs mechs;
    struct wire_error_fields ef;
    static struct wire_field fields[WIRE_MAX_FIELDS];
    static struct wire_column cols[65536];

    switch (m[0]) {
    case WIRE_B_AUTH:
        if (wire_parse_auth(m, n, &code, &bytes, &len) && code == WIRE_AUTH_SASL &&
            wire_parse_sasl_mechs(m, n, &mechs)) {
            wire_build_auth_sasl(w, mechs.names, mechs.n);
            same_bytes(w, m, n);
            if (wire_rewrite_sasl_mechs_without_plus(m, n, w)) {
                struct wire_sasl_mechs out;
                if (!wire_writer_ok(w) || !wire_parse_sasl_mechs(w->buf, w->len, &out) ||
                    out.n == 0 || out.n > mechs.n)
                    abort();
                wire_writer_reset(w);
            }
        }
        break;
    case WIRE_B_PARAM_STATUS:
        if (wire_parse_parameter_status(m, n, &a, &b)) {
            wire_build_parameter_status(w, a, b);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_B_BACKEND_KEY:
        if (wire_parse_backend_key(m, n, &pid, &key)) {
            wire_build_backend_key(w, pid, key);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_B_READY:
        if (wire_parse_ready(m, n, &tx)) {
            wire_build_ready(w, tx);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_B_COMMAND_COMPLETE:
        if (wire_parse_command_complete(m, n, &a)) {
            wire_build_command_complete(w, a);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_B_ERROR:
    case WIRE_B_NOTICE:
        if (wire_parse_error(m, n, &ef) && ef.message && strlen(ef.message) > n)
            abort();
        break;
    case WIRE_B_ROW_DESCRIPTION:
        if (wire_parse_row_description(m, n, fields, WIRE_MAX_FIELDS, &count)) {
            wire_build_row_description(w, fields, count);
            same_bytes(w, m, n);
        }
        break;
    case WIRE_B_DATA_ROW:
        if (wire_parse_data_row(m, n, cols, 65536, &count)) {
            wire_build_data_row(w, cols, count);
            same_bytes(w, m, n);
        }
        break;
    default:
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wire_writer w;

    wire_writer_init(&w);
    for (int d = 0; d < 2; d++) {
        enum wire_direction dir = d == 0 ? WIRE_FRONTEND : WIRE_BACKEND;
        size_t off = 0;
        for (;;) {
            struct wire_frame f;
            size_t avail = size - off;
            /* Only the header is promised to the framer. */
            size_t n = avail < WIRE_HEADER_LEN ? avail : WIRE_HEADER_LEN;
            enum wire_frame_result r = wire_frame_peek(dir, data + off, n, avail, FUZZ_MAX_MSG, &f);
            if (r != WIRE_FRAME_OK)
                break;
            if (f.total > avail || f.total < WIRE_HEADER_LEN || f.length > FUZZ_MAX_MSG)
                abort();
            /* Copy so ASan sees reads past the frame. */
            uint8_t *m = malloc(f.total);
            if (!m)
                abort();
            memcpy(m, data + off, f.total);
            if (dir == WIRE_FRONTEND)
                parse_frontend(m, f.total, &w);
            else
                parse_backend(m, f.total, &w);
            free(m);
            off += f.total;
        }
    }
    wire_writer_free(&w);
    return 0;
}
