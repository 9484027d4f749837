/*
 * test_wire_reader_writer.c: the cursor and the message writer, byte by byte.
 */
#include "protocol/reader.h"
#include "protocol/writer.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

Test(wire_reader, integers_are_big_endian_and_signed)
{
    const uint8_t b[] = {0xAB, 0xFF, 0xFE, 0x01, 0x02, 0xFF, 0xFF,
                         0xFF, 0xFE, 0x80, 0x00, 0x00, 0x00};
    struct wire_reader r;
    uint8_t u8;
    int16_t i16;
    uint16_t u16;
    int32_t i32;
    uint32_t u32;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert_eq(wire_reader_remaining(&r), 13);
    cr_assert(wire_get_u8(&r, &u8));
    cr_assert_eq(u8, 0xAB);
    cr_assert(wire_get_i16(&r, &i16));
    cr_assert_eq(i16, -2);
    cr_assert(wire_get_u16(&r, &u16));
    cr_assert_eq(u16, 0x0102);
    cr_assert(wire_get_i32(&r, &i32));
    cr_assert_eq(i32, -2);
    cr_assert(wire_get_u32(&r, &u32));
    cr_assert_eq(u32, 0x80000000u);
    cr_assert(wire_reader_at_end(&r));
    cr_assert_eq(wire_reader_remaining(&r), 0);
}

Test(wire_reader, i32_extremes)
{
    const uint8_t b[] = {0x80, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF};
    struct wire_reader r;
    int32_t v;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert(wire_get_i32(&r, &v));
    cr_assert_eq(v, INT32_MIN);
    cr_assert(wire_get_i32(&r, &v));
    cr_assert_eq(v, INT32_MAX);
}

Test(wire_reader, short_reads_fail_and_do_not_move)
{
    const uint8_t b[] = {1, 2, 3};
    struct wire_reader r;
    uint32_t u32 = 77;
    int32_t i32 = 77;
    uint16_t u16 = 77;
    int16_t i16 = 77;
    uint8_t u8;
    const uint8_t *bytes;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert_not(wire_get_u32(&r, &u32));
    cr_assert_not(wire_get_i32(&r, &i32));
    cr_assert_eq(u32, 77);
    cr_assert_eq(i32, 77);
    cr_assert_eq(r.pos, 0);
    cr_assert_not(wire_get_bytes(&r, 4, &bytes));
    cr_assert_eq(r.pos, 0);
    cr_assert(wire_get_bytes(&r, 2, &bytes));
    cr_assert_eq(bytes, b);
    cr_assert_not(wire_get_u16(&r, &u16));
    cr_assert_not(wire_get_i16(&r, &i16));
    cr_assert_eq(u16, 77);
    cr_assert_eq(r.pos, 2);
    cr_assert(wire_get_u8(&r, &u8));
    cr_assert_eq(u8, 3);
    cr_assert_not(wire_get_u8(&r, &u8));
    cr_assert(wire_get_bytes(&r, 0, &bytes));
}

Test(wire_reader, empty_region)
{
    struct wire_reader r;
    uint8_t u8;
    const char *s;
    size_t n;

    wire_reader_init(&r, NULL, 0);
    cr_assert(wire_reader_at_end(&r));
    cr_assert_not(wire_get_u8(&r, &u8));
    cr_assert_not(wire_get_cstr(&r, &s, &n));
}

Test(wire_reader, cstr_points_into_buffer)
{
    const uint8_t b[] = {'a', 'b', 0, 0, 'x'};
    struct wire_reader r;
    const char *s;
    size_t n;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert(wire_get_cstr(&r, &s, &n));
    cr_assert_eq((const uint8_t *)s, b);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(s, "ab");
    cr_assert(wire_get_cstr(&r, &s, &n));
    cr_assert_eq(n, 0);
    cr_assert_str_eq(s, "");
    /* "x" without its NUL: refused, cursor unchanged. */
    cr_assert_not(wire_get_cstr(&r, &s, &n));
    cr_assert_eq(r.pos, 4);
    cr_assert_eq(wire_reader_remaining(&r), 1);
}

Test(wire_reader, cstr_len_optional)
{
    const uint8_t b[] = {'h', 'i', 0};
    struct wire_reader r;
    const char *s;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert(wire_get_cstr(&r, &s, NULL));
    cr_assert_str_eq(s, "hi");
    cr_assert(wire_reader_at_end(&r));
}

Test(wire_reader, huge_byte_count_is_refused)
{
    const uint8_t b[] = {1, 2};
    struct wire_reader r;
    const uint8_t *p;

    wire_reader_init(&r, b, sizeof(b));
    cr_assert(wire_get_bytes(&r, 1, &p));
    cr_assert_not(wire_get_bytes(&r, SIZE_MAX, &p));
    cr_assert_eq(r.pos, 1);
}

/* ---- writer ---- */

Test(wire_writer, typed_message_backpatches_length)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'Q');
    wire_put_cstr(&w, "SELECT 1");
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    const uint8_t want[] = {'Q', 0, 0, 0, 13, 'S', 'E', 'L', 'E', 'C', 'T', ' ', '1', 0};
    cr_assert_eq(w.len, sizeof(want));
    cr_assert_arr_eq(w.buf, want, sizeof(want));
    wire_writer_free(&w);
    cr_assert_null(w.buf);
    cr_assert_eq(w.len, 0);
}

Test(wire_writer, untyped_message_and_all_puts)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 0);
    wire_put_u8(&w, 0x01);
    wire_put_i16(&w, -2);
    wire_put_i32(&w, -3);
    wire_put_u32(&w, 0xDEADBEEF);
    wire_put_bytes(&w, "xy", 2);
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    const uint8_t want[] = {0,    0,    0,    17,   0x01, 0xFF, 0xFE, 0xFF, 0xFF,
                            0xFF, 0xFD, 0xDE, 0xAD, 0xBE, 0xEF, 'x',  'y'};
    cr_assert_eq(w.len, sizeof(want));
    cr_assert_arr_eq(w.buf, want, sizeof(want));
    wire_writer_free(&w);
}

Test(wire_writer, several_messages_in_one_buffer)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'S');
    wire_end(&w);
    wire_begin(&w, 'Z');
    wire_put_u8(&w, 'I');
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    const uint8_t want[] = {'S', 0, 0, 0, 4, 'Z', 0, 0, 0, 5, 'I'};
    cr_assert_eq(w.len, sizeof(want));
    cr_assert_arr_eq(w.buf, want, sizeof(want));
    wire_writer_free(&w);
}

Test(wire_writer, grows_past_initial_capacity)
{
    struct wire_writer w;
    size_t n = 100000;
    uint8_t *data = malloc(n);

    cr_assert_not_null(data);
    for (size_t i = 0; i < n; i++)
        data[i] = (uint8_t)(i * 7);
    wire_writer_init(&w);
    wire_begin(&w, 'd');
    wire_put_bytes(&w, data, n);
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, n + 5);
    cr_assert_geq(w.cap, w.len);
    uint32_t len =
        (uint32_t)w.buf[1] << 24 | (uint32_t)w.buf[2] << 16 | (uint32_t)w.buf[3] << 8 | w.buf[4];
    cr_assert_eq(len, n + 4);
    cr_assert_arr_eq(w.buf + 5, data, n);
    wire_writer_free(&w);
    free(data);
}

Test(wire_writer, nested_begin_is_sticky_failure)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'Q');
    wire_begin(&w, 'Q');
    cr_assert_not(wire_writer_ok(&w));
    wire_end(&w);
    /* Later correct messages do not clear it. */
    wire_begin(&w, 'S');
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_writer, end_without_begin_fails)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_writer, open_message_is_not_ok)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'Q');
    cr_assert_not(wire_writer_ok(&w));
    wire_put_cstr(&w, "");
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_writer, puts_after_failure_are_noops)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'Q');
    wire_put_cstr(&w, NULL);
    size_t len = w.len;
    wire_put_bytes(&w, "abc", 3);
    wire_put_u32(&w, 1);
    cr_assert_eq(w.len, len);
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_writer, reset_clears_failure_keeps_buffer)
{
    struct wire_writer w;

    wire_writer_init(&w);
    wire_begin(&w, 'Q');
    wire_put_cstr(&w, "x");
    wire_end(&w);
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    uint8_t *buf = w.buf;
    size_t cap = w.cap;
    wire_writer_reset(&w);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, 0);
    cr_assert_eq(w.buf, buf);
    cr_assert_eq(w.cap, cap);
    wire_begin(&w, 'S');
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    cr_assert_eq(w.len, 5);
    wire_writer_free(&w);
}

Test(wire_writer, message_over_int32_max_is_rejected)
{
    struct wire_writer w;
    static const uint8_t chunk[16] = {0};

    /* Pretend a huge message is already open: the reservation check must
     * refuse to let it grow past INT32_MAX without allocating 2 GiB. */
    wire_writer_init(&w);
    wire_begin(&w, 'd');
    cr_assert(w.in_message);
    w.msg_start = 1;
    w.len = 1 + (size_t)INT32_MAX - 8;
    w.cap = w.len; /* the next put would have to allocate */
    uint8_t *real = w.buf;
    wire_put_bytes(&w, chunk, sizeof(chunk));
    cr_assert(w.failed);
    cr_assert_eq(w.len, 1 + (size_t)INT32_MAX - 8);
    cr_assert_eq(w.buf, real);
    w.len = 0;
    wire_end(&w);
    cr_assert_not(wire_writer_ok(&w));
    wire_writer_free(&w);
}

Test(wire_writer, free_is_idempotent_and_init_state)
{
    struct wire_writer w;

    wire_writer_init(&w);
    cr_assert_null(w.buf);
    cr_assert(wire_writer_ok(&w));
    wire_writer_free(&w);
    wire_writer_free(&w);
    cr_assert(wire_writer_ok(&w));
}

Test(wire_writer, round_trip_through_reader)
{
    struct wire_writer w;
    struct wire_reader r;
    uint8_t type;
    int32_t len;
    int16_t a;
    uint32_t b;
    const char *s;
    size_t slen;

    wire_writer_init(&w);
    wire_begin(&w, 'X');
    wire_put_i16(&w, INT16_MIN);
    wire_put_u32(&w, UINT32_MAX);
    wire_put_cstr(&w, "hello");
    wire_end(&w);
    cr_assert(wire_writer_ok(&w));
    wire_reader_init(&r, w.buf, w.len);
    cr_assert(wire_get_u8(&r, &type));
    cr_assert(wire_get_i32(&r, &len));
    cr_assert(wire_get_i16(&r, &a));
    cr_assert(wire_get_u32(&r, &b));
    cr_assert(wire_get_cstr(&r, &s, &slen));
    cr_assert(wire_reader_at_end(&r));
    cr_assert_eq(type, 'X');
    cr_assert_eq(len, 4 + 2 + 4 + 6);
    cr_assert_eq(a, INT16_MIN);
    cr_assert_eq(b, UINT32_MAX);
    cr_assert_str_eq(s, "hello");
    cr_assert_eq(slen, 5);
    wire_writer_free(&w);
}
