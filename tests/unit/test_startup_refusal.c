/*
 * test_startup_refusal.c: which startup packet problems PostgreSQL answers
 * with a FATAL and which it only logs (COMMERROR: nothing sent), and its
 * words for each (protocol/startup_refusal.h).
 */
#include "protocol/startup_refusal.h"

#include <criterion/criterion.h>
#include <string.h>

#include "protocol/sqlstate.h"

/* Parses `len` bytes of `p` (a whole packet) and classifies the failure. */
static struct wire_startup_refusal refuse_packet(const uint8_t *p, size_t len)
{
    struct wire_startup s;
    struct wire_startup_refusal r;
    enum wire_startup_result sr = wire_startup_parse(p, len, &s);
    cr_assert_neq(sr, WIRE_STARTUP_OK, "the packet parsed: nothing to refuse");
    wire_startup_refuse_parse(sr, &s, &r);
    return r;
}

Test(startup_refusal, bad_length_is_silent)
{
    struct wire_startup_refusal r;
    wire_startup_refuse_frame(WIRE_FRAME_MALFORMED, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_PROTOCOL_VIOLATION);
    cr_assert_str_eq(r.message, "invalid length of startup packet");
    wire_startup_refuse_frame(WIRE_FRAME_TOO_LARGE, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT);
    cr_assert_str_eq(r.message, "invalid length of startup packet");
}

Test(startup_refusal, eof_before_any_byte_is_quiet)
{
    struct wire_startup_refusal r;
    wire_startup_refuse_eof(0, false, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_QUIET);
    wire_startup_refuse_eof(0, true, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_QUIET);
}

Test(startup_refusal, partial_length_word)
{
    struct wire_startup_refusal r;
    for (size_t n = 1; n < 4; n++) {
        wire_startup_refuse_eof(n, false, &r);
        cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT, "%zu bytes", n);
        cr_assert_str_eq(r.message, "incomplete startup packet");
        /* After an SSLRequest/GSSENCRequest answer: a client that did not
         * like it; the server logs nothing. */
        wire_startup_refuse_eof(n, true, &r);
        cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_QUIET, "%zu bytes after negotiation", n);
    }
}

Test(startup_refusal, partial_body_is_silent_even_after_negotiation)
{
    struct wire_startup_refusal r;
    wire_startup_refuse_eof(4, false, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT);
    cr_assert_str_eq(r.message, "incomplete startup packet");
    wire_startup_refuse_eof(50, true, &r);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_PROTOCOL_VIOLATION);
}

Test(startup_refusal, cancel_request_of_wrong_size_is_silent)
{
    /* length 12: the code and a pid, no key */
    const uint8_t p[] = {0, 0, 0, 12, 0x04, 0xd2, 0x16, 0x2e, 0, 0, 0, 42};
    struct wire_startup_refusal r = refuse_packet(p, sizeof p);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_SILENT);
    cr_assert_str_eq(r.message, "invalid length of startup packet");
}

Test(startup_refusal, protocol_2_is_fatal_0A000)
{
    const uint8_t p[] = {0, 0, 0, 9, 0, 2, 0, 0, 0};
    struct wire_startup_refusal r = refuse_packet(p, sizeof p);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_FATAL);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_FEATURE_NOT_SUPPORTED);
    cr_assert_str_eq(r.message, "unsupported frontend protocol 2.0: server supports 3.0 to 3.0");
}

Test(startup_refusal, layout_and_user_are_fatal)
{
    /* no terminator after user's value */
    const uint8_t layout[] = {0, 0, 0, 17, 0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'b', 'o', 'b', 0};
    struct wire_startup_refusal r = refuse_packet(layout, sizeof layout);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_FATAL);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_PROTOCOL_VIOLATION);
    cr_assert_str_eq(r.message, "invalid startup packet layout");

    const uint8_t no_user[] = {0, 0, 0, 9, 0, 3, 0, 0, 0};
    r = refuse_packet(no_user, sizeof no_user);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_FATAL);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_INVALID_AUTHORIZATION);
    cr_assert_str_eq(r.message, "no PostgreSQL user name specified in startup packet");

    const uint8_t dup[] = {0, 0,   0, 25,  0,   3,   0,   0, 'u', 's', 'e', 'r',
                           0, 'a', 0, 'u', 's', 'e', 'r', 0, 'b', 0,   0};
    uint8_t buf[sizeof dup];
    memcpy(buf, dup, sizeof dup);
    buf[3] = (uint8_t)sizeof dup;
    r = refuse_packet(buf, sizeof buf);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_FATAL);
    cr_assert(strstr(r.message, "appears twice") != NULL, "%s", r.message);
}

Test(startup_refusal, unknown_code_is_fatal_08P01)
{
    const uint8_t p[] = {0,   0,   0,   16,  0xde, 0xad, 0xbe, 0xef,
                         'g', 'a', 'r', 'b', 'a',  'g',  'e',  '!'};
    struct wire_startup_refusal r = refuse_packet(p, sizeof p);
    cr_assert_eq(r.answer, WIRE_STARTUP_ANSWER_FATAL);
    cr_assert_str_eq(r.sqlstate, SQLSTATE_PROTOCOL_VIOLATION);
}
