/*
 * test_subscribe_row.c: decoding SUBSCRIBE DataRows and encoding them in
 * the client's shape (DataRow, COPY text line with escaping and NULL).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/messages.h"
#include "protocol/subscribe/subscribe_row.h"

/* A DataRow of text columns; NULL is SQL NULL. */
static struct wire_writer row_of(size_t n, const char *const *cols)
{
    struct wire_column c[8];
    for (size_t i = 0; i < n; i++)
        c[i] = cols[i] == NULL
                   ? (struct wire_column){NULL, -1}
                   : (struct wire_column){(const uint8_t *)cols[i], (int32_t)strlen(cols[i])};
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_data_row(&w, c, (uint16_t)n);
    cr_assert(wire_writer_ok(&w));
    return w;
}

#define ROW(...)                                                                                   \
    row_of(sizeof((const char *[]){__VA_ARGS__}) / sizeof(const char *),                           \
           (const char *[]){__VA_ARGS__})

static const struct subrow_shape plain = {.progress = false, .data_columns = 2};
static const struct subrow_shape prog = {.progress = true, .data_columns = 2};
static const struct subrow_shape ups = {.upsert = true, .key_columns = 1, .data_columns = 2};

Test(subrow, decode_default)
{
    struct wire_writer w = ROW("1700000000000", "-3", "a", NULL);
    struct subrow r;
    cr_assert_eq(subrow_decode(&plain, w.buf, w.len, &r), SUBROW_OK);
    cr_assert_eq(r.ts, 1700000000000ull);
    cr_assert_eq(r.diff, -3);
    cr_assert(!r.progressed);
    cr_assert_eq(r.ncols, 2);
    /* The data span: "a" then NULL, in column encoding. */
    static const uint8_t want[] = {0, 0, 0, 1, 'a', 0xff, 0xff, 0xff, 0xff};
    cr_assert_eq(r.data_len, sizeof(want));
    cr_assert(!memcmp(r.data, want, sizeof(want)));
    cr_assert_eq(subrow_decode(&prog, w.buf, w.len, &r), SUBROW_MALFORMED, "wrong column count");
    wire_writer_free(&w);

    w = ROW("18446744073709551615", "f", "-9223372036854775808", "x", "y");
    cr_assert_eq(subrow_decode(&prog, w.buf, w.len, &r), SUBROW_OK);
    cr_assert_eq(r.ts, UINT64_MAX);
    cr_assert_eq(r.diff, INT64_MIN);
    wire_writer_free(&w);

    w = ROW("7", "t", NULL, NULL, NULL);
    cr_assert_eq(subrow_decode(&prog, w.buf, w.len, &r), SUBROW_OK);
    cr_assert(r.progressed);
    cr_assert_eq(r.ts, 7);
    wire_writer_free(&w);
}

Test(subrow, decode_rejects)
{
    const char *bad[][4] = {
        {"18446744073709551616", "1", "a", "b"}, /* ts overflows */
        {"-1", "1", "a", "b"},                   /* ts not digits */
        {"1.5", "1", "a", "b"},
        {"", "1", "a", "b"},
        {NULL, "1", "a", "b"},
        {"1", "x", "a", "b"},                   /* diff not int8 */
        {"1", "9223372036854775808", "a", "b"}, /* diff overflows */
        {"1", NULL, "a", "b"},
    };
    struct subrow r;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct wire_writer w = row_of(4, bad[i]);
        cr_assert_eq(subrow_decode(&plain, w.buf, w.len, &r), SUBROW_MALFORMED, "case %zu", i);
        wire_writer_free(&w);
    }
    struct wire_writer w = ROW("1", "maybe", "1", "a", "b");
    cr_assert_eq(subrow_decode(&prog, w.buf, w.len, &r), SUBROW_MALFORMED);
    wire_writer_free(&w);
    w = ROW("1", "1", "a", "b");
    cr_assert_eq(subrow_decode(&plain, w.buf, w.len - 1, &r), SUBROW_MALFORMED, "truncated");
    w.buf[0] = 'C';
    cr_assert_eq(subrow_decode(&plain, w.buf, w.len, &r), SUBROW_MALFORMED, "not a DataRow");
    wire_writer_free(&w);
}

Test(subrow, decode_upsert)
{
    struct wire_writer w = ROW("5", "upsert", "k", "v");
    struct subrow r;
    cr_assert_eq(subrow_decode(&ups, w.buf, w.len, &r), SUBROW_OK);
    cr_assert_eq(r.state, SUBROW_UPSERT);
    cr_assert_eq(r.key_len, 5);
    wire_writer_free(&w);
    w = ROW("5", "delete", "k", NULL);
    cr_assert_eq(subrow_decode(&ups, w.buf, w.len, &r), SUBROW_OK);
    cr_assert_eq(r.state, SUBROW_DELETE);
    wire_writer_free(&w);
    w = ROW("5", "key_violation", "k", NULL);
    cr_assert_eq(subrow_decode(&ups, w.buf, w.len, &r), SUBROW_OK);
    cr_assert_eq(r.state, SUBROW_KEY_VIOLATION);
    wire_writer_free(&w);
    w = ROW("5", "insert", "k", NULL);
    cr_assert_eq(subrow_decode(&ups, w.buf, w.len, &r), SUBROW_MALFORMED);
    wire_writer_free(&w);
}

Test(subrow, encode_datarow_drops_progress_column)
{
    struct wire_writer in = ROW("42", "f", "2", "a", NULL);
    struct subrow r;
    cr_assert_eq(subrow_decode(&prog, in.buf, in.len, &r), SUBROW_OK);
    struct wire_writer out;
    wire_writer_init(&out);
    cr_assert(subrow_encode(&out, &plain, SUBROW_ENC_DATAROW, &r));
    cr_assert(wire_writer_ok(&out));
    struct wire_writer want = ROW("42", "2", "a", NULL);
    cr_assert_eq(out.len, want.len);
    cr_assert(!memcmp(out.buf, want.buf, want.len));
    /* And back with the column, for a client with PROGRESS. */
    wire_writer_reset(&out);
    cr_assert(subrow_encode(&out, &prog, SUBROW_ENC_DATAROW, &r));
    cr_assert_eq(out.len, in.len);
    cr_assert(!memcmp(out.buf, in.buf, in.len));
    wire_writer_free(&want);
    wire_writer_free(&in);

    /* A progress row is refused for a client without PROGRESS. */
    in = ROW("43", "t", NULL, NULL, NULL);
    cr_assert_eq(subrow_decode(&prog, in.buf, in.len, &r), SUBROW_OK);
    wire_writer_reset(&out);
    cr_assert(!subrow_encode(&out, &plain, SUBROW_ENC_DATAROW, &r));
    cr_assert_eq(out.len, 0);
    cr_assert(subrow_encode(&out, &prog, SUBROW_ENC_DATAROW, &r));
    cr_assert(!memcmp(out.buf, in.buf, in.len));
    wire_writer_free(&in);
    wire_writer_free(&out);
}

static void copy_is(const struct subrow_shape *shape, struct wire_writer in, const char *want)
{
    struct subrow r;
    cr_assert_eq(subrow_decode(shape, in.buf, in.len, &r), SUBROW_OK);
    struct wire_writer out;
    wire_writer_init(&out);
    cr_assert(subrow_encode(&out, shape, SUBROW_ENC_COPY, &r));
    cr_assert(wire_writer_ok(&out));
    size_t n = strlen(want);
    cr_assert_eq(out.buf[0], 'd');
    cr_assert_eq(out.len, 5 + n);
    cr_assert_eq(out.buf[4], (uint8_t)(4 + n));
    cr_assert(!memcmp(out.buf + 5, want, n), "got %.*s", (int)n, (const char *)out.buf + 5);
    wire_writer_free(&out);
    wire_writer_free(&in);
}

Test(subrow, encode_copy)
{
    copy_is(&plain, ROW("10", "1", "plain", NULL), "10\t1\tplain\t\\N\n");
    copy_is(&plain, ROW("10", "-1", "tab\there", "nl\ncr\rbs\\"),
            "10\t-1\ttab\\there\tnl\\ncr\\rbs\\\\\n");
    copy_is(&plain, ROW("10", "1", "\b\f\v", ""), "10\t1\t\\b\\f\\v\t\n");
    copy_is(&prog, ROW("11", "t", NULL, NULL, NULL), "11\tt\t\\N\t\\N\t\\N\n");
    copy_is(&ups, ROW("12", "delete", "k", NULL), "12\tdelete\tk\t\\N\n");
    /* "\N" as data is escaped, so it stays distinct from NULL. */
    copy_is(&plain, ROW("10", "1", "\\N", NULL), "10\t1\t\\\\N\t\\N\n");
}

Test(subrow, shape_for)
{
    struct substmt st;
    const char *sql = "SUBSCRIBE t ENVELOPE UPSERT (KEY (a)) WITH (PROGRESS)";
    cr_assert_eq(substmt_parse(sql, strlen(sql), &st), SUBSTMT_OK);
    struct subrow_shape s;
    cr_assert(subrow_shape_for(&st, 5, &s));
    cr_assert(s.progress && s.upsert);
    cr_assert_eq(s.key_columns, 1);
    cr_assert_eq(s.data_columns, 2);
    cr_assert_eq(subrow_shape_columns(&s), 5);
    cr_assert(!subrow_shape_for(&st, 3, &s), "no room for the key");
    sql = "SUBSCRIBE t ENVELOPE DEBEZIUM (KEY (a))";
    cr_assert_eq(substmt_parse(sql, strlen(sql), &st), SUBSTMT_OK);
    cr_assert(!subrow_shape_for(&st, 6, &s));
}

static struct wire_writer copy_msg(const char *line)
{
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_copy_data(&w, (const uint8_t *)line, strlen(line));
    cr_assert(wire_writer_ok(&w));
    return w;
}

Test(subrow, decode_copy)
{
    struct wire_writer scratch;
    wire_writer_init(&scratch);
    struct subrow r;
    struct wire_writer m = copy_msg("42\t-2\ta\\tb\\\\c\\101\\x41\\q\t\\N\n");
    cr_assert_eq(subrow_decode_copy(&plain, m.buf, m.len, &scratch, &r), SUBROW_OK);
    cr_assert_eq(r.ts, 42);
    cr_assert_eq(r.diff, -2);
    size_t pos = 0;
    const uint8_t *v;
    int32_t l;
    cr_assert(subrow_next_column(r.data, r.data_len, &pos, &v, &l));
    cr_assert_eq(l, 8);
    cr_assert(!memcmp(v, "a\tb\\cAAq", 8));
    cr_assert(subrow_next_column(r.data, r.data_len, &pos, &v, &l));
    cr_assert_eq(l, -1);
    cr_assert_eq(pos, r.data_len);
    wire_writer_free(&m);

    /* Progress lines, with PROGRESS. */
    m = copy_msg("43\tt\t\\N\t\\N\t\\N\n");
    cr_assert_eq(subrow_decode_copy(&prog, m.buf, m.len, &scratch, &r), SUBROW_OK);
    cr_assert(r.progressed);
    wire_writer_free(&m);

    const char *bad[] = {"42\t1\ta\tb",      /* no newline */
                         "42\t1\ta\n",       /* too few columns */
                         "42\t1\ta\tb\tc\n", /* too many */
                         "x\t1\ta\tb\n"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        m = copy_msg(bad[i]);
        cr_assert_eq(subrow_decode_copy(&plain, m.buf, m.len, &scratch, &r), SUBROW_MALFORMED, "%s",
                     bad[i]);
        wire_writer_free(&m);
    }
    m = copy_msg("42\t1\ta\tb\n");
    cr_assert_eq(subrow_decode_copy(&plain, m.buf, m.len - 1, &scratch, &r), SUBROW_MALFORMED);
    wire_writer_free(&m);
    wire_writer_free(&scratch);
}

/* Encoding as COPY then decoding gives the row back, for every byte value. */
Test(subrow, copy_round_trip)
{
    uint8_t val[256];
    for (int i = 0; i < 256; i++)
        val[i] = (uint8_t)i;
    struct wire_column c[4] = {{(const uint8_t *)"7", 1},
                               {(const uint8_t *)"3", 1},
                               {val, 256},
                               {(const uint8_t *)"\\N", 2}};
    struct wire_writer in;
    wire_writer_init(&in);
    wire_build_data_row(&in, c, 4);
    struct subrow r;
    cr_assert_eq(subrow_decode(&plain, in.buf, in.len, &r), SUBROW_OK);
    struct wire_writer line, scratch;
    wire_writer_init(&line);
    wire_writer_init(&scratch);
    cr_assert(subrow_encode(&line, &plain, SUBROW_ENC_COPY, &r));
    struct subrow back;
    cr_assert_eq(subrow_decode_copy(&plain, line.buf, line.len, &scratch, &back), SUBROW_OK);
    cr_assert_eq(back.ts, 7);
    cr_assert_eq(back.diff, 3);
    cr_assert_eq(back.data_len, r.data_len);
    cr_assert(!memcmp(back.data, r.data, r.data_len));
    wire_writer_free(&in);
    wire_writer_free(&line);
    wire_writer_free(&scratch);
}
