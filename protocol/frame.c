/*
 * frame.c: message boundaries from the header alone.
 *
 * The length field is an int32 on the wire; a value with the top bit set is
 * negative to PostgreSQL and therefore malformed here, not "too large".
 */
#include "protocol/frame.h"

enum wire_frame_result wire_startup_frame_peek(const uint8_t *p, size_t n, size_t avail,
                                               size_t max_size, struct wire_frame *out)
{
    /* Only the length field frames a startup packet; the code after it is the
     * parser's business. */
    if (avail < 4 || n < 4)
        return WIRE_FRAME_NEED_MORE;

    /* PostgreSQL bounds the packet after its length word: a 10000-byte body
     * is 10004 bytes on the wire, and the server takes it. */
    size_t own = WIRE_MAX_STARTUP_LEN + 4;
    size_t limit = max_size < own ? max_size : own;
    uint32_t length = wire_be32(p);
    if (length < WIRE_STARTUP_HEADER || length > (uint32_t)INT32_MAX)
        return WIRE_FRAME_MALFORMED;
    if (length > limit)
        return WIRE_FRAME_TOO_LARGE;

    out->type = 0;
    out->length = length;
    out->total = length;
    if (avail < out->total)
        return WIRE_FRAME_NEED_MORE;
    return WIRE_FRAME_OK;
}

const char *wire_frame_result_name(enum wire_frame_result r)
{
    switch (r) {
    case WIRE_FRAME_NEED_MORE:
        return "need more";
    case WIRE_FRAME_OK:
        return "ok";
    case WIRE_FRAME_MALFORMED:
        return "malformed";
    case WIRE_FRAME_TOO_LARGE:
        return "too large";
    case WIRE_FRAME_UNKNOWN_TYPE:
        return "unknown type";
    }
    return "invalid";
}
