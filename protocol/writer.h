/*
 * writer.h: builds protocol messages into a growable byte buffer.
 *
 * wire_begin() starts a message (type 0 for untyped startup-style packets) and
 * reserves the length, the puts append, wire_end() back-patches the length.
 * A failure (allocation, a length over INT32_MAX, unbalanced begin/end) is
 * sticky: check wire_writer_ok() once after building.
 */
#ifndef CUTOVER_PROTOCOL_WRITER_H
#define CUTOVER_PROTOCOL_WRITER_H

#include "protocol/wire.h"

struct wire_writer {
    uint8_t *buf;     /* owned; NULL until the first put */
    size_t len;       /* bytes written */
    size_t cap;       /* bytes allocated */
    size_t msg_start; /* offset of the open message's length field */
    bool in_message;  /* between wire_begin() and wire_end() */
    bool failed;      /* sticky: something did not fit or was misused */
};

void wire_writer_init(struct wire_writer *w);
/* Frees the buffer and resets the writer to empty. */
void wire_writer_free(struct wire_writer *w);
/* Forgets the contents but keeps the allocation and clears `failed`. */
void wire_writer_reset(struct wire_writer *w);
bool wire_writer_ok(const struct wire_writer *w) WIRE_MUST_CHECK;

void wire_begin(struct wire_writer *w, uint8_t type);
void wire_put_u8(struct wire_writer *w, uint8_t v);
void wire_put_i16(struct wire_writer *w, int16_t v);
void wire_put_i32(struct wire_writer *w, int32_t v);
void wire_put_u32(struct wire_writer *w, uint32_t v);
void wire_put_cstr(struct wire_writer *w, const char *s);            /* with its NUL */
void wire_put_bytes(struct wire_writer *w, const void *p, size_t n); /* raw */
void wire_end(struct wire_writer *w);

#endif
