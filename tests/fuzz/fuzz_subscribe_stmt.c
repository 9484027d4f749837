/*
 * fuzz_subscribe_stmt.c: libFuzzer target for SUBSCRIBE statement analysis
 * and the upstream variants built from it (issue 6).
 *
 * Checks: analysis never reads outside the input and its spans lie inside
 * it, nested as documented; every variant re-parses as a plain SUBSCRIBE
 * with the options asked and everything else (form aside) unchanged; a
 * variant that changes nothing is the client's statement span byte for byte
 * (minus trailing blanks). The first input byte picks the variant; the same
 * bytes are also fed to the row decoder, which must not crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/subscribe/subscribe_row.h"
#include "protocol/subscribe/subscribe_stmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_span(struct substmt_span sp, size_t len)
{
    if (sp.off > len || sp.len > len - sp.off)
        abort();
}

static void check_inside(struct substmt_span in, struct substmt_span out)
{
    if (in.len != 0 && (in.off < out.off || in.off + in.len > out.off + out.len))
        abort();
}

static enum substmt_opt opt_of(unsigned bits)
{
    return (enum substmt_opt)(bits % 3);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *sql = (const char *)data + 1;
    size_t len = size - 1;

    /* The row decoder over raw bytes, in every shape. */
    for (unsigned s = 0; s < 4; s++) {
        struct subrow_shape shape = {.progress = s & 1,
                                     .upsert = (s & 2) != 0,
                                     .key_columns = (uint16_t)((s & 2) ? 1 : 0),
                                     .data_columns = (uint16_t)(1 + (sel & 3))};
        struct subrow r;
        struct wire_writer scratch;
        wire_writer_init(&scratch);
        if (subrow_decode_copy(&shape, data, size, &scratch, &r) == SUBROW_OK &&
            r.data + r.data_len > scratch.buf + scratch.len)
            abort();
        wire_writer_free(&scratch);
        if (subrow_decode(&shape, data, size, &r) == SUBROW_OK) {
            struct wire_writer w;
            wire_writer_init(&w);
            for (int enc = 0; enc < 2; enc++) {
                bool ok = subrow_encode(&w, &shape, (enum subrow_encoding)enc, &r);
                (void)ok;
            }
            wire_writer_free(&w);
        }
    }

    struct substmt st;
    if (substmt_parse(sql, len, &st) != SUBSTMT_OK)
        return 0;
    check_span(st.statement, len);
    check_span(st.target, len);
    check_inside(st.target, st.statement);
    check_inside(st.with, st.statement);
    check_inside(st.with_inner, st.with);
    check_inside(st.envelope_span, st.statement);
    check_inside(st.within, st.statement);
    check_inside(st.as_of.span, st.statement);
    check_inside(st.up_to.span, st.statement);
    check_inside(st.as_of.expr, st.as_of.span);
    check_inside(st.up_to.expr, st.up_to.span);
    for (uint16_t i = 0; i < st.noptions; i++)
        check_inside(st.options[i].span, st.with_inner);

    struct substmt_variant v = {
        .progress = opt_of(sel),
        .snapshot = opt_of(sel / 3),
        .set_as_of = (sel & 0x10) != 0,
        .as_of = 1700000000000ull + sel,
        .drop_as_of = (sel & 0x20) != 0,
        .set_up_to = (sel & 0x40) != 0,
        .up_to = 1700000000001ull + sel,
        .drop_up_to = (sel & 0x80) != 0,
    };
    size_t out_len;
    char *out = substmt_build(sql, &st, &v, &out_len);
    if (out == NULL)
        return 0;
    if (strlen(out) != out_len)
        abort();
    struct substmt_variant none = {0};
    char *same = substmt_build(sql, &st, &none, NULL);
    if (same == NULL || strlen(same) > st.statement.len ||
        memcmp(same, sql + st.statement.off, strlen(same)) != 0)
        abort();

    struct substmt re;
    if (substmt_parse(out, out_len, &re) != SUBSTMT_OK)
        abort();
    if (re.form != SUBSTMT_FORM_PLAIN || re.envelope != st.envelope ||
        re.key_columns != st.key_columns || re.target_is_query != st.target_is_query ||
        re.target.len != st.target.len ||
        memcmp(out + re.target.off, sql + st.target.off, st.target.len) != 0)
        abort();
    if (re.progress != (v.progress != SUBSTMT_OPT_UNSET ? v.progress : st.progress))
        abort();
    if (re.snapshot != (v.snapshot != SUBSTMT_OPT_UNSET ? v.snapshot : st.snapshot))
        abort();
    if (v.set_as_of && !(re.as_of.numeric && re.as_of.value == v.as_of && !re.as_of.at_least))
        abort();
    if (!v.set_as_of && v.drop_as_of && re.as_of.present)
        abort();
    if (!v.set_as_of && !v.drop_as_of &&
        (re.as_of.present != st.as_of.present || re.as_of.value != st.as_of.value))
        abort();
    if (v.set_up_to && !(re.up_to.numeric && re.up_to.value == v.up_to))
        abort();
    if (!v.set_up_to && v.drop_up_to && re.up_to.present)
        abort();
    if (!v.set_up_to && !v.drop_up_to &&
        (re.up_to.present != st.up_to.present || re.up_to.value != st.up_to.value))
        abort();
    free(out);
    free(same);
    return 0;
}
