/*
 * fuzz_startup.c: arbitrary bytes as a startup packet, as a
 * NegotiateProtocolVersion and as an `options` string. A parsed StartupMessage must rebuild to the
 * same parameter bytes, and format(parse(options)) must parse back to the same list.
 */
#include "protocol/frame.h"
#include "protocol/startup.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void options_round_trip(const char *text)
{
    struct wire_options a, b;

    enum wire_options_result r = wire_options_parse(text, &a);
    if (r == WIRE_OPTIONS_OK) {
        char *s = wire_options_format(&a);
        if (!s)
            abort();
        if (wire_options_parse(s, &b) != WIRE_OPTIONS_OK || b.n != a.n)
            abort();
        for (size_t i = 0; i < a.n; i++) {
            if (strcmp(a.items[i].key, b.items[i].key) != 0 ||
                strcmp(a.items[i].value, b.items[i].value) != 0)
                abort();
        }
        wire_options_free(&b);
        free(s);
    }
    wire_options_free(&a);
}

/* The NegotiateProtocolVersion a packet calls for parses back to the same
 * version and names, each a `_pq_.` option of the packet. */
static void negotiation_round_trip(const struct wire_startup *s)
{
    struct wire_negotiation n;
    bool needed = wire_startup_negotiation(s, &n);
    if (needed != ((s->code & 0xffff) > 0 || n.nunrecognized > 0) || n.nunrecognized > s->nparams)
        abort();
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_negotiate_version(&w, n.newest, n.unrecognized, n.nunrecognized);
    uint32_t newest, count;
    const char *name;
    if (!wire_writer_ok(&w) ||
        !wire_parse_negotiate_version(w.buf, w.len, &newest, &count, &name) ||
        newest != WIRE_PROTOCOL_LATEST || count != n.nunrecognized)
        abort();
    for (size_t i = 0; i < count; i++) {
        if (strcmp(name, n.unrecognized[i]) != 0 || !wire_startup_is_protocol_option(name))
            abort();
        name += strlen(name) + 1;
    }
    wire_writer_free(&w);
}

static void startup_packet(const uint8_t *data, size_t size)
{
    struct wire_frame f;
    size_t n = size < WIRE_HEADER_LEN ? size : WIRE_HEADER_LEN;

    if (wire_startup_frame_peek(data, n, size, WIRE_DEFAULT_MAX_MSG, &f) != WIRE_FRAME_OK)
        return;
    if (f.total > size || f.total > WIRE_MAX_STARTUP_LEN + 4 || f.total < WIRE_STARTUP_HEADER)
        abort();
    uint8_t *p = malloc(f.total);
    if (!p)
        abort();
    memcpy(p, data, f.total);

    static struct wire_startup s;
    if (wire_startup_parse(p, f.total, &s) == WIRE_STARTUP_OK && s.kind == WIRE_STARTUP_MESSAGE) {
        struct wire_writer w;
        wire_writer_init(&w);
        wire_build_startup(&w, s.params, s.nparams);
        /* Same bytes except the version word, which the builder pins to 3.0. */
        if (!wire_writer_ok(&w) || w.len != f.total || memcmp(w.buf, p, 4) != 0 ||
            memcmp(w.buf + 8, p + 8, f.total - 8) != 0)
            abort();
        wire_writer_free(&w);
        if (!wire_startup_get(&s, "user"))
            abort();
        negotiation_round_trip(&s);
        const char *opts = wire_startup_get(&s, "options");
        if (opts)
            options_round_trip(opts);
    }
    free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    startup_packet(data, size);

    /* The same bytes as a NegotiateProtocolVersion from a server. */
    uint32_t newest, count;
    const char *name;
    if (wire_parse_negotiate_version(data, size, &newest, &count, &name)) {
        for (uint32_t i = 0; i < count; i++)
            name += strlen(name) + 1;
        if ((const uint8_t *)name != data + size)
            abort();
    }

    /* The same bytes as an options string. */
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    options_round_trip(text);
    free(text);
    return 0;
}
