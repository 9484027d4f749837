/*
 * fuzz_splice.c: libFuzzer target for the SUBSCRIBE splice state machine.
 *
 * The input is a config byte then a program of events (OLD/NEW/OLD_AT rows
 * with fuzzed timestamps, diffs and values, or raw fuzzed bytes as rows;
 * START, the ends, a failure). Whatever the order, the splice must not
 * crash or leak, every message it sends must decode in the client's shape,
 * output timestamps never decrease, no progress row reaches a client
 * without PROGRESS, progress strictly increases, the memory held never
 * passes the limit, and a failure carries the ZC002 message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/messages.h"
#include "protocol/subscribe/splice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
    struct subrow_shape shape; /* the client's */
    enum subrow_encoding enc;  /* how it reads */
    bool any;                  /* a row came */
    uint64_t last_ts;          /* of the last row */
    bool any_progress;         /* a progress row came */
    uint64_t last_progress;    /* of the last progress row */
};

static bool check_sink(void *arg, const uint8_t *msg, size_t len)
{
    struct seen *s = arg;
    uint64_t ts;
    bool progressed;
    if (s->enc == SUBROW_ENC_DATAROW) {
        struct subrow r;
        if (subrow_decode(&s->shape, msg, len, &r) != SUBROW_OK)
            abort();
        ts = r.ts;
        progressed = r.progressed;
    } else {
        if (len < 6 || msg[0] != 'd' || msg[len - 1] != '\n')
            abort();
        char buf[32];
        size_t n = 0;
        while (5 + n < len && msg[5 + n] != '\t' && msg[5 + n] != '\n' && n < sizeof(buf) - 1) {
            buf[n] = (char)msg[5 + n];
            n++;
        }
        buf[n] = 0;
        ts = strtoull(buf, NULL, 10);
        progressed = s->shape.progress && 5 + n + 2 < len && msg[5 + n + 1] == 't';
    }
    if (s->any && ts < s->last_ts)
        abort();
    if (progressed) {
        if (!s->shape.progress)
            abort();
        if (s->any_progress && ts <= s->last_progress)
            abort();
        s->any_progress = true;
        s->last_progress = ts;
    }
    s->any = true;
    s->last_ts = ts;
    return true;
}

/* A row of `shape` from 3 program bytes: timestamp step, flags, value. */
static void make_row(struct wire_writer *w, const struct subrow_shape *shape, uint64_t ts,
                     uint8_t flags, uint8_t value)
{
    char tsb[24], diff[8], v[8], k[8];
    struct wire_column c[8];
    int n = 0;
    bool prog = shape->progress && (flags & 1);
    snprintf(tsb, sizeof(tsb), "%llu", (unsigned long long)ts);
    c[n++] = (struct wire_column){(const uint8_t *)tsb, (int32_t)strlen(tsb)};
    if (shape->progress)
        c[n++] = (struct wire_column){(const uint8_t *)(prog ? "t" : "f"), 1};
    static const char *const states[] = {"upsert", "delete", "key_violation", "upsert"};
    snprintf(diff, sizeof(diff), "%d", (int)((flags >> 1) & 7) - 3);
    const char *third = shape->upsert ? states[(flags >> 4) & 3] : diff;
    c[n++] = prog ? (struct wire_column){NULL, -1}
                  : (struct wire_column){(const uint8_t *)third, (int32_t)strlen(third)};
    snprintf(k, sizeof(k), "k%u", value & 7);
    snprintf(v, sizeof(v), "v%u", value >> 3);
    for (uint16_t i = 0; i < shape->data_columns; i++) {
        const char *s = i == 0 ? k : v;
        bool null = prog || (shape->upsert && i >= shape->key_columns && (flags >> 4) % 3 != 0);
        c[n++] = null ? (struct wire_column){NULL, -1}
                      : (struct wire_column){(const uint8_t *)s, (int32_t)strlen(s)};
    }
    wire_build_data_row(w, c, (uint16_t)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    uint8_t cfgb = data[0];
    struct subrow_shape client = {.progress = cfgb & 1,
                                  .upsert = (cfgb & 2) != 0,
                                  .key_columns = (uint16_t)((cfgb & 2) ? 1 : 0),
                                  .data_columns = 2};
    struct subrow_shape forced = client;
    forced.progress = true;
    struct splice_config cfg = {
        .client = client,
        .old = (cfgb & 4) ? forced : client,
        .fresh = forced,
        .old_at = forced,
        .enc = (cfgb & 8) ? SUBROW_ENC_COPY : SUBROW_ENC_DATAROW,
        .held = (cfgb & 16) ? SPLICE_HELD_OLD_AT : SPLICE_HELD_TRACKED,
        .snapshot = (cfgb & 32) == 0 || (cfgb & 16) != 0,
        .has_up_to = (cfgb & 64) != 0,
        .up_to = 200,
        .memory_limit = (cfgb & 128) ? 2048 : 0,
    };
    struct seen seen = {.shape = client, .enc = cfg.enc};
    struct splice sp;
    splice_init(&sp, &cfg, check_sink, &seen);
    uint64_t ts_old = 0, ts_new = 0, ts_at = 0;
    struct wire_writer w;
    wire_writer_init(&w);
    size_t i = 1;
    while (i < size) {
        uint8_t op = data[i++];
        uint8_t a = i < size ? data[i] : 0;
        uint8_t b = i + 1 < size ? data[i + 1] : 0;
        uint8_t c = i + 2 < size ? data[i + 2] : 0;
        wire_writer_reset(&w);
        switch (op % 10) {
        case 0:
        case 1:
        case 2: {
            /* A well-formed row of OLD / NEW / OLD_AT, timestamps moving on. */
            uint64_t *ts = op % 10 == 0 ? &ts_old : op % 10 == 1 ? &ts_new : &ts_at;
            *ts += a & 3;
            const struct subrow_shape *sh = op % 10 == 0   ? &cfg.old
                                            : op % 10 == 1 ? &cfg.fresh
                                                           : &cfg.old_at;
            make_row(&w, sh, *ts, b, c);
            i += 3;
            if (!wire_writer_ok(&w))
                break;
            struct subrow r;
            if (op % 10 == 0 && (op & 0x80) && subrow_decode(sh, w.buf, w.len, &r) == SUBROW_OK) {
                /* The COPY form's OLD: the same row as a COPY line. */
                struct wire_writer line;
                wire_writer_init(&line);
                if (subrow_encode(&line, sh, SUBROW_ENC_COPY, &r) && wire_writer_ok(&line))
                    splice_old_row(&sp, line.buf, line.len);
                wire_writer_free(&line);
            } else if (op % 10 == 0)
                splice_old_row(&sp, w.buf, w.len);
            else if (op % 10 == 1)
                splice_new_row(&sp, w.buf, w.len);
            else
                splice_old_at_row(&sp, w.buf, w.len);
            break;
        }
        case 3: {
            /* Raw bytes as a NEW or OLD row. */
            size_t n = a % 32;
            if (n > size - i)
                n = size - i;
            if (b & 1)
                splice_new_row(&sp, data + i, n);
            else
                splice_old_row(&sp, data + i, n);
            i += n;
            break;
        }
        case 4:
            splice_signal(&sp, SPLICE_EV_START);
            break;
        case 5:
            splice_signal(&sp, SPLICE_EV_OLD_END);
            break;
        case 6:
            splice_signal(&sp, SPLICE_EV_NEW_END);
            break;
        case 7:
            splice_signal(&sp, SPLICE_EV_OLD_AT_END);
            break;
        case 8:
            if (a == 0x5a)
                splice_fail(&sp, "fuzzed failure");
            break;
        default: {
            uint64_t x, y;
            if (splice_old_at(&sp, &x, &y) && y != x + 1)
                abort();
            (void)splice_waiting_for_old(&sp);
            break;
        }
        }
        if (cfg.memory_limit != 0 && sp.budget.used > cfg.memory_limit)
            abort();
        if (sp.state == SPLICE_FAILED &&
            strncmp(splice_error(&sp),
                    "SUBSCRIBE could not be carried over the deployment: ", 52) != 0)
            abort();
    }
    wire_writer_free(&w);
    splice_free(&sp);
    if (sp.budget.used != 0)
        abort();
    return 0;
}
