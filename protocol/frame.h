/*
 * frame.h: finds message boundaries in a byte stream.
 *
 * Callers peek the first bytes of their input buffer and ask whether a whole
 * message is there. The answer distinguishes "need more bytes" from the three
 * ways a peer can be wrong, and is decided before anything is allocated:
 * a header is complete before it is judged, a length under 4 or over the
 * limit is rejected from the header alone.
 */
#ifndef CUTOVER_PROTOCOL_FRAME_H
#define CUTOVER_PROTOCOL_FRAME_H

#include "protocol/wire.h"

enum wire_frame_result {
    WIRE_FRAME_NEED_MORE,    /* header or body incomplete; wait for bytes */
    WIRE_FRAME_OK,           /* *out describes one whole message */
    WIRE_FRAME_MALFORMED,    /* length under 4 */
    WIRE_FRAME_TOO_LARGE,    /* length over the caller's maximum */
    WIRE_FRAME_UNKNOWN_TYPE, /* type letter not valid in this direction */
};

struct wire_frame {
    uint8_t type;    /* message type letter */
    uint32_t length; /* the length field: counts itself, not the type byte */
    size_t total;    /* bytes on the wire: 1 + length */
};

/*
 * Looks at `avail` buffered bytes of which the first `n` (n >= min(avail, 5))
 * are in `p`. Only the header is read, so `p` may be just the first 5 bytes of
 * a larger buffer: whether the message is whole is decided from `avail`.
 * Inline: the relay asks it for every message it moves.
 */
static inline enum wire_frame_result wire_frame_peek(enum wire_direction dir, const uint8_t *p,
                                                     size_t n, size_t avail, size_t max_size,
                                                     struct wire_frame *out)
{
    /* The header must be whole before anything in it is judged. */
    if (avail < WIRE_HEADER_LEN || n < WIRE_HEADER_LEN)
        return WIRE_FRAME_NEED_MORE;
    /* The length field is an int32 on the wire; a value with the top bit set
     * is negative to PostgreSQL and therefore malformed here, not "too large". */
    uint32_t length = wire_be32(p + 1);
    if (length < WIRE_MIN_LENGTH || length > (uint32_t)INT32_MAX)
        return WIRE_FRAME_MALFORMED;
    if (length > max_size)
        return WIRE_FRAME_TOO_LARGE;
    if (!wire_type_is_known(dir, p[0]))
        return WIRE_FRAME_UNKNOWN_TYPE;
    out->type = p[0];
    out->length = length;
    out->total = (size_t)length + 1;
    if (avail < out->total)
        return WIRE_FRAME_NEED_MORE;
    return WIRE_FRAME_OK;
}

/* Same for the untyped startup packets (StartupMessage, SSLRequest, ...):
 * out->type is 0, out->total == out->length. Limit is min(max_size, 10004):
 * PostgreSQL's 10000 bytes after the length word. */
enum wire_frame_result wire_startup_frame_peek(const uint8_t *p, size_t n, size_t avail,
                                               size_t max_size, struct wire_frame *out);

const char *wire_frame_result_name(enum wire_frame_result r);

#endif
