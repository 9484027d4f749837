/*
 * subscribe_row.c: SUBSCRIBE rows, decoded from text DataRows and encoded
 * in the client's shape (DataRow or COPY text line).
 */
#include "protocol/subscribe/subscribe_row.h"

#include <stdio.h>
#include <string.h>

#include "protocol/messages.h"

/* mz_timestamp, mz_progressed, mz_diff/mz_state at most. */
#define SUBROW_MAX_MZ 3

static uint16_t subrow_mz_columns(const struct subrow_shape *shape)
{
    return (uint16_t)(shape->progress ? 3 : 2);
}

uint16_t subrow_shape_columns(const struct subrow_shape *shape)
{
    return (uint16_t)(subrow_mz_columns(shape) + shape->data_columns);
}

bool subrow_shape_for(const struct substmt *st, uint16_t ncolumns, struct subrow_shape *out)
{
    if (st->envelope == SUBSTMT_ENVELOPE_DEBEZIUM)
        return false;
    struct subrow_shape s = {
        .progress = substmt_progress_on(st),
        .upsert = st->envelope == SUBSTMT_ENVELOPE_UPSERT,
        .key_columns = st->envelope == SUBSTMT_ENVELOPE_UPSERT ? st->key_columns : 0,
        .data_columns = 0,
    };
    uint16_t mz = subrow_mz_columns(&s);
    if (ncolumns < mz)
        return false;
    s.data_columns = (uint16_t)(ncolumns - mz);
    if (s.key_columns > s.data_columns)
        return false;
    *out = s;
    return true;
}

static bool subrow_parse_u64(const uint8_t *p, int32_t len, uint64_t *out)
{
    if (p == NULL || len <= 0 || len > 20)
        return false;
    uint64_t v = 0;
    for (int32_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        uint64_t d = (uint64_t)(p[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

static bool subrow_parse_i64(const uint8_t *p, int32_t len, int64_t *out)
{
    if (p == NULL || len <= 0)
        return false;
    bool neg = p[0] == '-';
    uint64_t mag;
    if (!subrow_parse_u64(p + (neg ? 1 : 0), len - (neg ? 1 : 0), &mag))
        return false;
    if (neg) {
        if (mag > (uint64_t)INT64_MAX + 1)
            return false;
        *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
    } else {
        if (mag > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)mag;
    }
    return true;
}

static bool subrow_text_eq(const uint8_t *p, int32_t len, const char *s)
{
    size_t n = strlen(s);
    return p != NULL && len >= 0 && (size_t)len == n && memcmp(p, s, n) == 0;
}

bool subrow_next_column(const uint8_t *data, size_t data_len, size_t *pos, const uint8_t **value,
                        int32_t *len)
{
    size_t at = *pos;
    if (at > data_len || data_len - at < 4)
        return false;
    uint32_t raw = ((uint32_t)data[at] << 24) | ((uint32_t)data[at + 1] << 16) |
                   ((uint32_t)data[at + 2] << 8) | (uint32_t)data[at + 3];
    int32_t l = (int32_t)raw;
    at += 4;
    if (l == -1) {
        *value = NULL;
        *len = -1;
        *pos = at;
        return true;
    }
    if (l < 0 || (size_t)l > data_len - at)
        return false;
    *value = data + at;
    *len = l;
    *pos = at + (size_t)l;
    return true;
}

enum subrow_result subrow_decode(const struct subrow_shape *shape, const uint8_t *msg, size_t len,
                                 struct subrow *out)
{
    struct wire_column mz[SUBROW_MAX_MZ];
    uint16_t n;
    uint16_t nmz = subrow_mz_columns(shape);
    if (len < 1 || msg[0] != 'D')
        return SUBROW_MALFORMED;
    if (!wire_parse_data_row(msg, len, mz, nmz, &n))
        return SUBROW_MALFORMED;
    if (n != subrow_shape_columns(shape))
        return SUBROW_MALFORMED;
    struct subrow r = {0};
    if (!subrow_parse_u64(mz[0].value, mz[0].len, &r.ts))
        return SUBROW_MALFORMED;
    /* The data span starts after the last mz_ column's bytes. */
    const struct wire_column *last = &mz[nmz - 1];
    const uint8_t *data;
    if (last->len >= 0) {
        data = last->value + last->len;
    } else {
        /* A NULL has no value pointer: find the span by walking from the
         * message's first column (type, length, count = 7 bytes). */
        size_t pos = 0;
        const uint8_t *v;
        int32_t l;
        for (uint16_t i = 0; i < nmz; i++) {
            if (!subrow_next_column(msg + 7, len - 7, &pos, &v, &l))
                return SUBROW_MALFORMED;
        }
        data = msg + 7 + pos;
    }
    r.data = data;
    r.data_len = (size_t)(msg + len - data);
    r.ncols = shape->data_columns;
    uint16_t at = 1;
    if (shape->progress) {
        if (subrow_text_eq(mz[1].value, mz[1].len, "t"))
            r.progressed = true;
        else if (!subrow_text_eq(mz[1].value, mz[1].len, "f"))
            return SUBROW_MALFORMED;
        at = 2;
    }
    if (r.progressed) {
        r.state = shape->upsert ? SUBROW_UPSERT : SUBROW_DIFF;
        *out = r;
        return SUBROW_OK;
    }
    const struct wire_column *c = &mz[at];
    if (shape->upsert) {
        if (subrow_text_eq(c->value, c->len, "upsert"))
            r.state = SUBROW_UPSERT;
        else if (subrow_text_eq(c->value, c->len, "delete"))
            r.state = SUBROW_DELETE;
        else if (subrow_text_eq(c->value, c->len, "key_violation"))
            r.state = SUBROW_KEY_VIOLATION;
        else
            return SUBROW_MALFORMED;
        size_t pos = 0;
        const uint8_t *v;
        int32_t l;
        for (uint16_t i = 0; i < shape->key_columns; i++) {
            if (!subrow_next_column(r.data, r.data_len, &pos, &v, &l))
                return SUBROW_MALFORMED;
        }
        r.key_len = pos;
    } else {
        r.state = SUBROW_DIFF;
        if (!subrow_parse_i64(c->value, c->len, &r.diff))
            return SUBROW_MALFORMED;
    }
    *out = r;
    return SUBROW_OK;
}

void subrow_copy_escape(struct wire_writer *w, const uint8_t *value, int32_t len)
{
    if (value == NULL || len < 0) {
        wire_put_bytes(w, "\\N", 2);
        return;
    }
    size_t start = 0;
    for (size_t i = 0; i < (size_t)len; i++) {
        char esc = 0;
        switch (value[i]) {
        case '\\':
            esc = '\\';
            break;
        case '\b':
            esc = 'b';
            break;
        case '\f':
            esc = 'f';
            break;
        case '\n':
            esc = 'n';
            break;
        case '\r':
            esc = 'r';
            break;
        case '\t':
            esc = 't';
            break;
        case '\v':
            esc = 'v';
            break;
        default:
            continue;
        }
        if (i > start)
            wire_put_bytes(w, value + start, i - start);
        char pair[2] = {'\\', esc};
        wire_put_bytes(w, pair, 2);
        start = i + 1;
    }
    if ((size_t)len > start)
        wire_put_bytes(w, value + start, (size_t)len - start);
}

static const char *subrow_state_text(enum subrow_state st)
{
    switch (st) {
    case SUBROW_UPSERT:
        return "upsert";
    case SUBROW_DELETE:
        return "delete";
    case SUBROW_KEY_VIOLATION:
        return "key_violation";
    case SUBROW_DIFF:
        break;
    }
    return NULL;
}

/* One text column of a DataRow. */
static void subrow_put_text(struct wire_writer *w, const char *s)
{
    size_t n = strlen(s);
    wire_put_i32(w, (int32_t)n);
    wire_put_bytes(w, s, n);
}

bool subrow_encode(struct wire_writer *w, const struct subrow_shape *shape,
                   enum subrow_encoding enc, const struct subrow *row)
{
    if (row->progressed && !shape->progress)
        return false;
    if (row->ncols != shape->data_columns)
        return false;
    if (!row->progressed && shape->upsert != (row->state != SUBROW_DIFF))
        return false;
    if (!row->progressed) {
        /* The span must hold exactly ncols well-formed columns. */
        size_t pos = 0;
        const uint8_t *v;
        int32_t l;
        for (uint16_t i = 0; i < row->ncols; i++) {
            if (!subrow_next_column(row->data, row->data_len, &pos, &v, &l))
                return false;
        }
        if (pos != row->data_len)
            return false;
    }
    char ts[24];
    char diff[24];
    snprintf(ts, sizeof(ts), "%llu", (unsigned long long)row->ts);
    const char *third = NULL; /* mz_diff or mz_state text; NULL for a progress row */
    if (!row->progressed) {
        if (shape->upsert) {
            third = subrow_state_text(row->state);
        } else {
            snprintf(diff, sizeof(diff), "%lld", (long long)row->diff);
            third = diff;
        }
    }
    if (enc == SUBROW_ENC_DATAROW) {
        wire_begin(w, 'D');
        wire_put_i16(w, (int16_t)subrow_shape_columns(shape));
        subrow_put_text(w, ts);
        if (shape->progress)
            subrow_put_text(w, row->progressed ? "t" : "f");
        if (row->progressed) {
            for (uint16_t i = 0; i <= shape->data_columns; i++)
                wire_put_i32(w, -1);
        } else {
            subrow_put_text(w, third);
            wire_put_bytes(w, row->data, row->data_len);
        }
        wire_end(w);
        return true;
    }
    wire_begin(w, 'd');
    wire_put_bytes(w, ts, strlen(ts));
    if (shape->progress)
        wire_put_bytes(w, row->progressed ? "\tt" : "\tf", 2);
    if (row->progressed) {
        for (uint16_t i = 0; i <= shape->data_columns; i++)
            wire_put_bytes(w, "\t\\N", 3);
    } else {
        wire_put_u8(w, '\t');
        wire_put_bytes(w, third, strlen(third));
        size_t pos = 0;
        for (uint16_t i = 0; i < row->ncols; i++) {
            const uint8_t *v;
            int32_t l;
            if (!subrow_next_column(row->data, row->data_len, &pos, &v, &l))
                break; /* checked above */
            wire_put_u8(w, '\t');
            subrow_copy_escape(w, v, l);
        }
    }
    wire_put_u8(w, '\n');
    wire_end(w);
    return true;
}

static int subrow_hex(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Appends the unescaped value of one COPY text field p[0..n) to w. */
static void subrow_copy_unescape(struct wire_writer *w, const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t c = p[i++];
        if (c != '\\' || i >= n) {
            wire_put_u8(w, c);
            continue;
        }
        c = p[i++];
        switch (c) {
        case 'b':
            wire_put_u8(w, '\b');
            break;
        case 'f':
            wire_put_u8(w, '\f');
            break;
        case 'n':
            wire_put_u8(w, '\n');
            break;
        case 'r':
            wire_put_u8(w, '\r');
            break;
        case 't':
            wire_put_u8(w, '\t');
            break;
        case 'v':
            wire_put_u8(w, '\v');
            break;
        case 'x': {
            int v = 0, d = 0;
            while (d < 2 && i < n && subrow_hex(p[i]) >= 0)
                v = v * 16 + subrow_hex(p[i++]), d++;
            if (d == 0)
                wire_put_u8(w, 'x'); /* as PostgreSQL: a lone \x is x */
            else
                wire_put_u8(w, (uint8_t)v);
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                int v = c - '0', d = 1;
                while (d < 3 && i < n && p[i] >= '0' && p[i] <= '7')
                    v = v * 8 + (p[i++] - '0'), d++;
                wire_put_u8(w, (uint8_t)v);
            } else {
                wire_put_u8(w, c); /* \\ and any other escaped byte */
            }
            break;
        }
    }
}

enum subrow_result subrow_decode_copy(const struct subrow_shape *shape, const uint8_t *msg,
                                      size_t len, struct wire_writer *scratch, struct subrow *out)
{
    if (len < 6 || msg[0] != 'd' || msg[len - 1] != '\n')
        return SUBROW_MALFORMED;
    uint32_t mlen = ((uint32_t)msg[1] << 24) | ((uint32_t)msg[2] << 16) | ((uint32_t)msg[3] << 8) |
                    (uint32_t)msg[4];
    if ((size_t)mlen + 1 != len)
        return SUBROW_MALFORMED;
    const uint8_t *line = msg + 5;
    size_t n = len - 6; /* without the newline */
    wire_writer_reset(scratch);
    wire_begin(scratch, 'D');
    size_t count_at = scratch->len;
    wire_put_i16(scratch, 0);
    uint32_t ncols = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && line[i] != '\t')
            continue;
        const uint8_t *f = line + start;
        size_t flen = i - start;
        if (flen == 2 && f[0] == '\\' && f[1] == 'N') {
            wire_put_i32(scratch, -1);
        } else {
            size_t len_at = scratch->len;
            wire_put_i32(scratch, 0);
            size_t before = scratch->len;
            subrow_copy_unescape(scratch, f, flen);
            if (!scratch->failed) {
                uint32_t vl = (uint32_t)(scratch->len - before);
                scratch->buf[len_at] = (uint8_t)(vl >> 24);
                scratch->buf[len_at + 1] = (uint8_t)(vl >> 16);
                scratch->buf[len_at + 2] = (uint8_t)(vl >> 8);
                scratch->buf[len_at + 3] = (uint8_t)vl;
            }
        }
        ncols++;
        start = i + 1;
    }
    wire_end(scratch);
    if (!wire_writer_ok(scratch) || ncols > UINT16_MAX)
        return SUBROW_MALFORMED;
    scratch->buf[count_at] = (uint8_t)(ncols >> 8);
    scratch->buf[count_at + 1] = (uint8_t)ncols;
    return subrow_decode(shape, scratch->buf, scratch->len, out);
}
