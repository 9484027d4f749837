/*
 * reader.h: a bounds-checked cursor over received bytes.
 *
 * Every getter returns false (and leaves the cursor where it was) when the
 * bytes run out or are malformed; the result must be checked. Strings are
 * returned as pointers into the buffer, never copied.
 */
#ifndef CUTOVER_PROTOCOL_READER_H
#define CUTOVER_PROTOCOL_READER_H

#include "protocol/wire.h"

struct wire_reader {
    const uint8_t *data; /* first byte of the region being read */
    size_t len;          /* bytes in the region */
    size_t pos;          /* next byte to read */
};

void wire_reader_init(struct wire_reader *r, const uint8_t *data, size_t len);
size_t wire_reader_remaining(const struct wire_reader *r);
bool wire_reader_at_end(const struct wire_reader *r);

bool wire_get_u8(struct wire_reader *r, uint8_t *out) WIRE_MUST_CHECK;
bool wire_get_i16(struct wire_reader *r, int16_t *out) WIRE_MUST_CHECK;
bool wire_get_u16(struct wire_reader *r, uint16_t *out) WIRE_MUST_CHECK;
bool wire_get_i32(struct wire_reader *r, int32_t *out) WIRE_MUST_CHECK;
bool wire_get_u32(struct wire_reader *r, uint32_t *out) WIRE_MUST_CHECK;
/* A NUL-terminated string: *out points into the buffer, *len excludes the NUL. */
bool wire_get_cstr(struct wire_reader *r, const char **out, size_t *len) WIRE_MUST_CHECK;
/* n raw bytes: *out points into the buffer. */
bool wire_get_bytes(struct wire_reader *r, size_t n, const uint8_t **out) WIRE_MUST_CHECK;

#endif
