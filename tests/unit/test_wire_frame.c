/*
 * test_wire_frame.c: message boundaries, type tables and every way a header
 * can be wrong.
 */
#include "protocol/frame.h"

#include <criterion/criterion.h>
#include <string.h>

static void hdr(uint8_t *p, uint8_t type, uint32_t length)
{
    p[0] = type;
    p[1] = (uint8_t)(length >> 24);
    p[2] = (uint8_t)(length >> 16);
    p[3] = (uint8_t)(length >> 8);
    p[4] = (uint8_t)length;
}

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* ---- type tables ---- */

Test(wire_types, frontend_types_known)
{
    const char *types = "BCdcfDEHFPpQSX";
    for (const char *t = types; *t; t++)
        cr_assert(wire_type_is_known(WIRE_FRONTEND, (uint8_t)*t), "frontend %c", *t);
}

Test(wire_types, backend_types_known)
{
    const char *types = "RK23CWdcGHDIEVvnNAtS1sZT";
    for (const char *t = types; *t; t++)
        cr_assert(wire_type_is_known(WIRE_BACKEND, (uint8_t)*t), "backend %c", *t);
}

Test(wire_types, exact_sets_per_direction)
{
    /* Every byte value: known only if in the documented set. */
    const char *front = "BCdcfDEHFPpQSX";
    const char *back = "RK23CWdcGHDIEVvnNAtS1sZT";
    size_t nf = 0, nb = 0;
    for (int b = 0; b < 256; b++) {
        bool f = wire_type_is_known(WIRE_FRONTEND, (uint8_t)b);
        bool k = wire_type_is_known(WIRE_BACKEND, (uint8_t)b);
        cr_assert_eq(f, b != 0 && strchr(front, b) != NULL, "frontend byte %d", b);
        cr_assert_eq(k, b != 0 && strchr(back, b) != NULL, "backend byte %d", b);
        nf += f;
        nb += k;
        if (!f)
            cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, (uint8_t)b), "unknown");
        if (!k)
            cr_assert_str_eq(wire_type_name(WIRE_BACKEND, (uint8_t)b), "unknown");
    }
    cr_assert_eq(nf, 14);
    cr_assert_eq(nb, 24);
}

Test(wire_types, direction_specific)
{
    /* Backend-only letters refused from a client and vice versa. */
    cr_assert_not(wire_type_is_known(WIRE_FRONTEND, 'R'));
    cr_assert_not(wire_type_is_known(WIRE_FRONTEND, 'Z'));
    cr_assert_not(wire_type_is_known(WIRE_FRONTEND, 'T'));
    cr_assert_not(wire_type_is_known(WIRE_BACKEND, 'Q'));
    cr_assert_not(wire_type_is_known(WIRE_BACKEND, 'P'));
    cr_assert_not(wire_type_is_known(WIRE_BACKEND, 'X'));
    cr_assert_not(wire_type_is_known(WIRE_BACKEND, 'p'));
    cr_assert_not(wire_type_is_known(WIRE_BACKEND, 'F'));
    cr_assert_not(wire_type_is_known(WIRE_FRONTEND, 'V'));
}

Test(wire_types, names_depend_on_direction)
{
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'D'), "Describe");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'D'), "DataRow");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'E'), "Execute");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'E'), "ErrorResponse");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'H'), "Flush");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'H'), "CopyOutResponse");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'S'), "Sync");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'S'), "ParameterStatus");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'C'), "Close");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'C'), "CommandComplete");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'Q'), "Query");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'F'), "FunctionCall");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'd'), "CopyData");
    cr_assert_str_eq(wire_type_name(WIRE_FRONTEND, 'f'), "CopyFail");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'W'), "CopyBothResponse");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'G'), "CopyInResponse");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'v'), "NegotiateProtocolVersion");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'N'), "NoticeResponse");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'A'), "NotificationResponse");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'V'), "FunctionCallResponse");
    cr_assert_str_eq(wire_type_name(WIRE_BACKEND, 'Q'), "unknown");
}

/* ---- typed frames ---- */

Test(wire_frame, need_more_until_header_complete)
{
    uint8_t b[5];
    struct wire_frame f;

    /* Even an absurd length is not judged before the header is whole. */
    hdr(b, 'Q', 0);
    for (size_t avail = 0; avail < 5; avail++)
        cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, avail, avail, 1024, &f),
                     WIRE_FRAME_NEED_MORE, "avail %zu", avail);
    b[0] = 0xEE;
    for (size_t avail = 0; avail < 5; avail++)
        cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, avail, avail, 1024, &f),
                     WIRE_FRAME_NEED_MORE);
}

Test(wire_frame, whole_message_ok)
{
    uint8_t b[14];
    struct wire_frame f;

    hdr(b, 'Q', 13);
    memcpy(b + 5, "SELECT 1", 9);
    memset(&f, 0, sizeof(f));
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, sizeof(b), sizeof(b), 1024, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.type, 'Q');
    cr_assert_eq(f.length, 13);
    cr_assert_eq(f.total, 14);
}

Test(wire_frame, body_incomplete_needs_more_but_fills_out)
{
    uint8_t b[5];
    struct wire_frame f;

    hdr(b, 'D', 1000);
    for (size_t avail = 5; avail < 1001; avail += 99) {
        memset(&f, 0, sizeof(f));
        cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, avail, 4096, &f), WIRE_FRAME_NEED_MORE);
        cr_assert_eq(f.total, 1001);
    }
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 1000, 4096, &f), WIRE_FRAME_NEED_MORE);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 1001, 4096, &f), WIRE_FRAME_OK);
    /* More bytes buffered than the message: still exactly this message. */
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5000, 4096, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.total, 1001);
}

Test(wire_frame, empty_body_message)
{
    uint8_t b[5];
    struct wire_frame f;

    hdr(b, 'S', 4);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 5, 1024, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.total, 5);
}

Test(wire_frame, length_under_four_is_malformed)
{
    uint8_t b[5];
    struct wire_frame f;

    for (uint32_t len = 0; len < 4; len++) {
        hdr(b, 'Q', len);
        cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 5, 1024, &f), WIRE_FRAME_MALFORMED,
                     "length %u", len);
        hdr(b, 'Z', len);
        cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5, 1024, &f), WIRE_FRAME_MALFORMED);
    }
}

Test(wire_frame, negative_length_is_malformed)
{
    uint8_t b[5];
    struct wire_frame f;

    hdr(b, 'Q', 0x80000000u);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 5, SIZE_MAX, &f), WIRE_FRAME_MALFORMED);
    hdr(b, 'Q', 0xFFFFFFFFu);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 5, SIZE_MAX, &f), WIRE_FRAME_MALFORMED);
}

Test(wire_frame, exactly_max_ok_max_plus_one_too_large)
{
    uint8_t b[5];
    struct wire_frame f;

    hdr(b, 'd', 1024);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 1025, 1024, &f), WIRE_FRAME_OK);
    hdr(b, 'd', 1025);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 1026, 1024, &f), WIRE_FRAME_TOO_LARGE);
    /* Judged from the header alone, nothing else buffered. */
    hdr(b, 'd', 0x7FFFFFFFu);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5, WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_TOO_LARGE);
    hdr(b, 'd', WIRE_DEFAULT_MAX_MSG);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5, WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_NEED_MORE);
    hdr(b, 'd', WIRE_DEFAULT_MAX_MSG + 1);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5, WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_TOO_LARGE);
}

Test(wire_frame, unknown_type_per_direction)
{
    uint8_t b[5];
    struct wire_frame f;

    hdr(b, 'Z', 5);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 6, 1024, &f), WIRE_FRAME_UNKNOWN_TYPE);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 6, 1024, &f), WIRE_FRAME_OK);
    hdr(b, 'Q', 5);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 6, 1024, &f), WIRE_FRAME_UNKNOWN_TYPE);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 6, 1024, &f), WIRE_FRAME_OK);
    hdr(b, 0, 8);
    cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, b, 5, 9, 1024, &f), WIRE_FRAME_UNKNOWN_TYPE);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 9, 1024, &f), WIRE_FRAME_UNKNOWN_TYPE);
    hdr(b, 0xFF, 4);
    cr_assert_eq(wire_frame_peek(WIRE_BACKEND, b, 5, 5, 1024, &f), WIRE_FRAME_UNKNOWN_TYPE);
}

Test(wire_frame, startup_packet_on_typed_framer_is_rejected)
{
    /* A StartupMessage arriving where a typed message is expected: first
     * byte 0 is no type in either direction. */
    const uint8_t b[] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f};
    struct wire_frame f;

    cr_assert_neq(wire_frame_peek(WIRE_FRONTEND, b, sizeof(b), sizeof(b), 1024, &f), WIRE_FRAME_OK);
}

Test(wire_frame, stream_of_messages)
{
    /* Parse, Bind, Execute, Sync back to back, as a driver pipelines them. */
    uint8_t buf[64];
    size_t n = 0;
    const uint8_t types[] = {'P', 'B', 'E', 'S'};
    const uint32_t lens[] = {8, 12, 9, 4};
    for (size_t i = 0; i < 4; i++) {
        hdr(buf + n, types[i], lens[i]);
        memset(buf + n + 5, 0, lens[i] - 4);
        n += 1 + lens[i];
    }
    size_t off = 0;
    for (size_t i = 0; i < 4; i++) {
        struct wire_frame f;
        cr_assert_eq(wire_frame_peek(WIRE_FRONTEND, buf + off, n - off, n - off, 1024, &f),
                     WIRE_FRAME_OK);
        cr_assert_eq(f.type, types[i]);
        cr_assert_eq(f.length, lens[i]);
        off += f.total;
    }
    cr_assert_eq(off, n);
}

Test(wire_frame, result_names)
{
    cr_assert_str_eq(wire_frame_result_name(WIRE_FRAME_OK), "ok");
    cr_assert_str_eq(wire_frame_result_name(WIRE_FRAME_NEED_MORE), "need more");
    cr_assert_str_eq(wire_frame_result_name(WIRE_FRAME_MALFORMED), "malformed");
    cr_assert_str_eq(wire_frame_result_name(WIRE_FRAME_TOO_LARGE), "too large");
    cr_assert_str_eq(wire_frame_result_name(WIRE_FRAME_UNKNOWN_TYPE), "unknown type");
}

/* ---- startup frames ---- */

Test(wire_startup_frame, need_more_until_length_complete)
{
    uint8_t b[8] = {0};
    struct wire_frame f;

    be32(b, 0);
    for (size_t avail = 0; avail < 4; avail++)
        cr_assert_eq(wire_startup_frame_peek(b, avail, avail, 10000, &f), WIRE_FRAME_NEED_MORE);
}

Test(wire_startup_frame, ssl_request_ok)
{
    const uint8_t b[] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f};
    struct wire_frame f;

    cr_assert_eq(wire_startup_frame_peek(b, 8, 8, 10000, &f), WIRE_FRAME_OK);
    cr_assert_eq(f.type, 0);
    cr_assert_eq(f.length, 8);
    cr_assert_eq(f.total, 8);
    cr_assert_eq(wire_startup_frame_peek(b, 5, 7, 10000, &f), WIRE_FRAME_NEED_MORE);
}

Test(wire_startup_frame, length_under_eight_is_malformed)
{
    uint8_t b[8] = {0};
    struct wire_frame f;

    for (uint32_t len = 0; len < 8; len++) {
        be32(b, len);
        cr_assert_eq(wire_startup_frame_peek(b, 8, 8, 10000, &f), WIRE_FRAME_MALFORMED, "length %u",
                     len);
    }
    be32(b, 0x80000000u);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 8, SIZE_MAX, &f), WIRE_FRAME_MALFORMED);
}

/* PostgreSQL's limit is 10000 bytes after the length word: 10004 in all. */
Test(wire_startup_frame, limit_is_min_of_max_and_10004)
{
    uint8_t b[8] = {0};
    struct wire_frame f;

    be32(b, 10004);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 10004, WIRE_DEFAULT_MAX_MSG, &f), WIRE_FRAME_OK);
    be32(b, 10005);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 10005, WIRE_DEFAULT_MAX_MSG, &f),
                 WIRE_FRAME_TOO_LARGE);
    /* A smaller configured max wins. */
    be32(b, 100);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 100, 100, &f), WIRE_FRAME_OK);
    be32(b, 101);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 8, 100, &f), WIRE_FRAME_TOO_LARGE);
}

Test(wire_startup_frame, partial_body)
{
    uint8_t b[8] = {0};
    struct wire_frame f;

    be32(b, 84);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 83, 10000, &f), WIRE_FRAME_NEED_MORE);
    cr_assert_eq(f.total, 84);
    cr_assert_eq(wire_startup_frame_peek(b, 8, 84, 10000, &f), WIRE_FRAME_OK);
}
