/*
 * writer.c: the growable buffer every builder writes into.
 *
 * Failures are sticky so that a builder is a straight line of puts and the
 * caller checks wire_writer_ok() once; after a failure every put is a no-op.
 */
#include "protocol/writer.h"

#include <stdlib.h>
#include <string.h>

void wire_writer_init(struct wire_writer *w)
{
    memset(w, 0, sizeof(*w));
}

void wire_writer_free(struct wire_writer *w)
{
    free(w->buf);
    wire_writer_init(w);
}

void wire_writer_reset(struct wire_writer *w)
{
    w->len = 0;
    w->msg_start = 0;
    w->in_message = false;
    w->failed = false;
}

bool wire_writer_ok(const struct wire_writer *w)
{
    return !w->failed && !w->in_message;
}

/* Makes room for n more bytes; false (and failed set) when impossible. An open
 * message may never grow past INT32_MAX bytes, which its length could not say. */
static bool reserve(struct wire_writer *w, size_t n)
{
    if (w->failed)
        return false;
    if (n > SIZE_MAX - w->len) {
        w->failed = true;
        return false;
    }
    size_t need = w->len + n;
    if (w->in_message && need - w->msg_start > (size_t)INT32_MAX) {
        w->failed = true;
        return false;
    }
    if (need <= w->cap)
        return true;
    size_t cap = w->cap ? w->cap : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) {
            cap = need;
            break;
        }
        cap *= 2;
    }
    uint8_t *nbuf = realloc(w->buf, cap);
    if (!nbuf) {
        w->failed = true;
        return false;
    }
    w->buf = nbuf;
    w->cap = cap;
    return true;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

void wire_begin(struct wire_writer *w, uint8_t type)
{
    if (w->failed)
        return;
    if (w->in_message) {
        w->failed = true;
        return;
    }
    if (!reserve(w, type ? 5 : 4))
        return;
    if (type)
        w->buf[w->len++] = type;
    w->msg_start = w->len;
    memset(w->buf + w->len, 0, 4);
    w->len += 4;
    w->in_message = true;
}

void wire_put_u8(struct wire_writer *w, uint8_t v)
{
    if (!reserve(w, 1))
        return;
    w->buf[w->len++] = v;
}

void wire_put_i16(struct wire_writer *w, int16_t v)
{
    uint16_t u = (uint16_t)v;

    if (!reserve(w, 2))
        return;
    w->buf[w->len++] = (uint8_t)(u >> 8);
    w->buf[w->len++] = (uint8_t)u;
}

void wire_put_u32(struct wire_writer *w, uint32_t v)
{
    if (!reserve(w, 4))
        return;
    put_be32(w->buf + w->len, v);
    w->len += 4;
}

void wire_put_i32(struct wire_writer *w, int32_t v)
{
    wire_put_u32(w, (uint32_t)v);
}

void wire_put_cstr(struct wire_writer *w, const char *s)
{
    if (!s) {
        w->failed = true;
        return;
    }
    wire_put_bytes(w, s, strlen(s) + 1);
}

void wire_put_bytes(struct wire_writer *w, const void *p, size_t n)
{
    if (n == 0)
        return;
    if (!p) {
        w->failed = true;
        return;
    }
    if (!reserve(w, n))
        return;
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void wire_end(struct wire_writer *w)
{
    if (w->failed) {
        w->in_message = false;
        return;
    }
    if (!w->in_message) {
        w->failed = true;
        return;
    }
    size_t length = w->len - w->msg_start;
    w->in_message = false;
    if (length > (size_t)INT32_MAX) {
        w->failed = true;
        return;
    }
    put_be32(w->buf + w->msg_start, (uint32_t)length);
}
