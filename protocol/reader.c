/*
 * reader.c: the bounds-checked cursor every parser reads through.
 *
 * A getter either consumes exactly what it returns or nothing at all, so a
 * failed parse never leaves the cursor in the middle of a field.
 */
#include "protocol/reader.h"

#include <string.h>

void wire_reader_init(struct wire_reader *r, const uint8_t *data, size_t len)
{
    r->data = data;
    r->len = data ? len : 0;
    r->pos = 0;
}

size_t wire_reader_remaining(const struct wire_reader *r)
{
    return r->len - r->pos;
}

bool wire_reader_at_end(const struct wire_reader *r)
{
    return r->pos == r->len;
}

bool wire_get_u8(struct wire_reader *r, uint8_t *out)
{
    if (wire_reader_remaining(r) < 1)
        return false;
    *out = r->data[r->pos++];
    return true;
}

bool wire_get_u16(struct wire_reader *r, uint16_t *out)
{
    if (wire_reader_remaining(r) < 2)
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = (uint16_t)((uint16_t)p[0] << 8 | p[1]);
    r->pos += 2;
    return true;
}

bool wire_get_i16(struct wire_reader *r, int16_t *out)
{
    uint16_t v;

    if (!wire_get_u16(r, &v))
        return false;
    /* Two's complement conversion without implementation-defined casts. */
    *out = v < 0x8000u ? (int16_t)v : (int16_t)((int32_t)v - 0x10000);
    return true;
}

bool wire_get_u32(struct wire_reader *r, uint32_t *out)
{
    if (wire_reader_remaining(r) < 4)
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = wire_be32(p);
    r->pos += 4;
    return true;
}

bool wire_get_i32(struct wire_reader *r, int32_t *out)
{
    uint32_t v;

    if (!wire_get_u32(r, &v))
        return false;
    *out = v <= INT32_MAX ? (int32_t)v : (int32_t)((int64_t)v - ((int64_t)1 << 32));
    return true;
}

bool wire_get_cstr(struct wire_reader *r, const char **out, size_t *len)
{
    size_t remaining = wire_reader_remaining(r);

    if (remaining == 0)
        return false;
    const uint8_t *start = r->data + r->pos;
    const uint8_t *nul = memchr(start, 0, remaining);
    if (!nul)
        return false;
    *out = (const char *)start;
    if (len)
        *len = (size_t)(nul - start);
    r->pos += (size_t)(nul - start) + 1;
    return true;
}

bool wire_get_bytes(struct wire_reader *r, size_t n, const uint8_t **out)
{
    if (wire_reader_remaining(r) < n)
        return false;
    *out = r->data + r->pos;
    r->pos += n;
    return true;
}
