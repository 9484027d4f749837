/*
 * test_splice.c: the SUBSCRIBE splice state machine, by a model: random
 * update histories for an old and a new relation, the streams Materialize
 * would send for them, fed in random interleavings; the client's
 * accumulated result must be old(P) for P < T and new(P) for P >= T.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/messages.h"
#include "protocol/subscribe/splice.h"
#include "protocol/sqlstate.h"
#include "protocol/subscribe/zset.h"

#define NV   8    /* default envelope: values v0..v7 */
#define NK   6    /* upsert envelope: keys k0..k5 */
#define S0   1000 /* the old subscription's as-of */
#define END  1030 /* the old stream's last timestamp */
#define END2 1045 /* the new stream's last timestamp */
#define NT   (END2 - S0 + 1)

static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state % n);
}

/* A relation's history: default envelope counts, or upsert values (-1 absent). */
struct hist {
    int cnt[NT][NV];
    int val[NT][NK];
};

static void hist_random(struct hist *h)
{
    memset(h, 0, sizeof(*h));
    for (int k = 0; k < NK; k++)
        h->val[0][k] = rnd(2) ? (int)rnd(4) : -1;
    for (int v = 0; v < NV; v++)
        h->cnt[0][v] = (int)rnd(3);
    for (int t = 1; t < NT; t++) {
        memcpy(h->cnt[t], h->cnt[t - 1], sizeof(h->cnt[t]));
        memcpy(h->val[t], h->val[t - 1], sizeof(h->val[t]));
        int n = (int)rnd(4);
        for (int i = 0; i < n; i++) {
            int v = (int)rnd(NV);
            if (rnd(2) && h->cnt[t][v] > 0)
                h->cnt[t][v]--;
            else
                h->cnt[t][v]++;
            int k = (int)rnd(NK);
            h->val[t][k] = rnd(3) ? (int)rnd(4) : -1;
        }
    }
}

/* A stream of messages. */
struct stream {
    uint8_t *m[4096];
    size_t len[4096];
    size_t n, at;
};

static void stream_free(struct stream *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->m[i]);
    s->n = s->at = 0;
}

static void push_row(struct stream *s, bool progress_col, uint64_t ts, bool progressed,
                     const char *third, const char *c1, const char *c2, int ncols)
{
    char tsb[24];
    snprintf(tsb, sizeof(tsb), "%llu", (unsigned long long)ts);
    struct wire_column cols[6];
    int n = 0;
    cols[n++] = (struct wire_column){(const uint8_t *)tsb, (int32_t)strlen(tsb)};
    if (progress_col)
        cols[n++] = (struct wire_column){(const uint8_t *)(progressed ? "t" : "f"), 1};
    const char *cs[3] = {third, c1, c2};
    for (int i = 0; i < 1 + ncols; i++) {
        if (progressed || cs[i] == NULL)
            cols[n++] = (struct wire_column){NULL, -1};
        else
            cols[n++] = (struct wire_column){(const uint8_t *)cs[i], (int32_t)strlen(cs[i])};
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_data_row(&w, cols, (uint16_t)n);
    cr_assert(wire_writer_ok(&w));
    cr_assert(s->n < 4096);
    s->m[s->n] = w.buf;
    s->len[s->n] = w.len;
    s->n++;
}

/* The rows a SUBSCRIBE of `h` sends at t (snapshot: the whole state). */
static void push_tick(struct stream *s, const struct hist *h, bool upsert, bool progress_col,
                      uint64_t t, bool snapshot)
{
    int i = (int)(t - S0);
    char a[16], b[16], d[24];
    if (!upsert) {
        for (int v = 0; v < NV; v++) {
            int diff = h->cnt[i][v] - (snapshot ? 0 : h->cnt[i - 1][v]);
            if (diff == 0)
                continue;
            snprintf(d, sizeof(d), "%d", diff);
            snprintf(a, sizeof(a), "v%d", v);
            push_row(s, progress_col, t, false, d, a, NULL, 1);
        }
        return;
    }
    for (int k = 0; k < NK; k++) {
        int now = h->val[i][k];
        int before = snapshot ? -1 : h->val[i - 1][k];
        if (now == before)
            continue;
        snprintf(a, sizeof(a), "k%d", k);
        snprintf(b, sizeof(b), "x%d", now);
        if (now < 0)
            push_row(s, progress_col, t, false, "delete", a, NULL, 2);
        else
            push_row(s, progress_col, t, false, "upsert", a, b, 2);
    }
}

/* A SUBSCRIBE of h AS OF from (snapshot), through `to`, ending with progress to+1. */
static void make_stream(struct stream *s, const struct hist *h, bool upsert, bool progress_col,
                        uint64_t from, uint64_t to, bool snapshot)
{
    int ncols = upsert ? 2 : 1;
    if (progress_col)
        push_row(s, true, from, true, NULL, NULL, NULL, ncols);
    if (snapshot)
        push_tick(s, h, upsert, progress_col, from, true);
    for (uint64_t t = from + 1; t <= to; t++) {
        if (progress_col && rnd(2))
            push_row(s, true, t, true, NULL, NULL, NULL, ncols);
        push_tick(s, h, upsert, progress_col, t, false);
    }
    if (progress_col)
        push_row(s, true, to + 1, true, NULL, NULL, NULL, ncols);
}

/* What the client received, decoded. */
struct out {
    struct subrow_shape shape;
    uint64_t ts[8192];
    bool prog[8192];
    int64_t diff[8192];
    int state[8192];
    int a[8192], b[8192]; /* v / k and x index, -1 NULL */
    size_t n;
};

/* "v3", "k3", "x3" -> 3 (p NUL-terminated). */
static int parse_idx(const uint8_t *p, int32_t len)
{
    if (p == NULL || len < 2)
        return -1;
    return atoi((const char *)p + 1);
}

static bool sink(void *arg, const uint8_t *msg, size_t len)
{
    struct out *o = arg;
    struct subrow r;
    cr_assert_eq(subrow_decode(&o->shape, msg, len, &r), SUBROW_OK, "client row malformed");
    cr_assert(o->n < 8192);
    size_t i = o->n++;
    o->ts[i] = r.ts;
    o->prog[i] = r.progressed;
    o->diff[i] = r.diff;
    o->state[i] = (int)r.state;
    o->a[i] = o->b[i] = -1;
    if (!r.progressed) {
        size_t pos = 0;
        const uint8_t *v;
        int32_t l;
        char tmp[16];
        cr_assert(subrow_next_column(r.data, r.data_len, &pos, &v, &l));
        cr_assert(l > 0 && l < 15);
        memcpy(tmp, v, (size_t)l);
        tmp[l] = 0;
        o->a[i] = parse_idx((const uint8_t *)tmp, l);
        if (o->shape.upsert) {
            cr_assert(subrow_next_column(r.data, r.data_len, &pos, &v, &l));
            if (l > 0) {
                memcpy(tmp, v, (size_t)l);
                tmp[l] = 0;
                o->b[i] = parse_idx((const uint8_t *)tmp, l);
            }
        }
    }
    return true;
}

/* The COPY form: parses the text line back (the model's values need no
 * escaping; escaping itself is tested in test_subscribe_row.c). */
static bool sink_copy(void *arg, const uint8_t *msg, size_t len)
{
    struct out *o = arg;
    cr_assert(len > 5 && msg[0] == 'd' && msg[len - 1] == '\n', "not a COPY line");
    char line[256];
    cr_assert(len - 5 < sizeof(line));
    memcpy(line, msg + 5, len - 6);
    line[len - 6] = 0;
    char *f[8];
    int nf = 0;
    for (char *save = NULL, *t = strtok_r(line, "\t", &save); t != NULL && nf < 8;
         t = strtok_r(NULL, "\t", &save))
        f[nf++] = t;
    int want = (o->shape.progress ? 3 : 2) + o->shape.data_columns;
    cr_assert_eq(nf, want, "COPY line with %d fields", nf);
    cr_assert(o->n < 8192);
    size_t i = o->n++;
    int at = 0;
    o->ts[i] = strtoull(f[at++], NULL, 10);
    o->prog[i] = o->shape.progress && !strcmp(f[at++], "t");
    o->a[i] = o->b[i] = -1;
    o->diff[i] = 0;
    o->state[i] = SUBROW_DIFF;
    if (o->prog[i]) {
        for (int k = at; k < nf; k++)
            cr_assert_str_eq(f[k], "\\N");
        return true;
    }
    if (o->shape.upsert)
        o->state[i] = !strcmp(f[at], "upsert")   ? SUBROW_UPSERT
                      : !strcmp(f[at], "delete") ? SUBROW_DELETE
                                                 : SUBROW_KEY_VIOLATION;
    else
        o->diff[i] = strtoll(f[at], NULL, 10);
    at++;
    o->a[i] = atoi(f[at++] + 1);
    if (o->shape.upsert)
        o->b[i] = strcmp(f[at], "\\N") ? atoi(f[at] + 1) : -1;
    return true;
}

struct model {
    bool copy; /* the client reads the COPY form */
    bool upsert;
    bool client_progress;
    bool old_progress; /* OLD carries progress (client's, or forced by the proxy) */
    bool no_snapshot;  /* the client said SNAPSHOT false (OLD_AT mode, default envelope) */
    enum splice_held held;
    int newdef; /* 0 same, 1 filtered, 2 independent */
    size_t limit;
};

/* The expected result at P: old before T, new from T. */
static const int *expect_base; /* SNAPSHOT false: old(S0), which the client never got */

static void expect_at(const struct hist *o, const struct hist *n, uint64_t t_sw, uint64_t p,
                      int *cnt, int *val)
{
    if (expect_base != NULL) {
        memset(cnt, 0, sizeof(int) * NV);
        for (int k = 0; k < NK; k++)
            val[k] = -1;
        if (p < S0)
            return;
        const struct hist *hh = p < t_sw ? o : n;
        for (int v = 0; v < NV; v++)
            cnt[v] = hh->cnt[p - S0][v] - expect_base[v];
        return;
    }
    if (p < S0) {
        memset(cnt, 0, sizeof(int) * NV);
        for (int k = 0; k < NK; k++)
            val[k] = -1;
        return;
    }
    const struct hist *h = p < t_sw ? o : n;
    memcpy(cnt, h->cnt[p - S0], sizeof(h->cnt[0]));
    memcpy(val, h->val[p - S0], sizeof(h->val[0]));
}

static void client_at(const struct out *o, size_t upto_row, int *cnt, int *val)
{
    memset(cnt, 0, sizeof(int) * NV);
    for (int k = 0; k < NK; k++)
        val[k] = -1;
    for (size_t i = 0; i < upto_row; i++) {
        if (o->prog[i])
            continue;
        if (!o->shape.upsert)
            cnt[o->a[i]] += (int)o->diff[i];
        else
            val[o->a[i]] = o->state[i] == SUBROW_UPSERT ? o->b[i] : -1;
    }
}

static struct out out_buf;

/* One run; returns the final state. */
static enum splice_state run_model(const struct model *m, uint64_t seed, struct splice *sp)
{
    static struct hist ho, hn;
    static struct stream so, sn, sa;
    rng_state = seed * 2654435761u + 88172645463325252ull;
    hist_random(&ho);
    if (m->newdef == 0) {
        hn = ho;
    } else if (m->newdef == 1) {
        hn = ho;
        for (int t = 0; t < NT; t++) {
            hn.cnt[t][3] = 0;
            hn.val[t][2] = hn.val[t][2] >= 0 ? (hn.val[t][2] + 1) % 4 : -1;
        }
    } else {
        hist_random(&hn);
    }
    uint64_t a = S0 + rnd(END - S0 - 2);
    int ncols = m->upsert ? 2 : 1;
    struct subrow_shape client = {m->client_progress, m->upsert, (uint16_t)(m->upsert ? 1 : 0),
                                  (uint16_t)ncols};
    struct subrow_shape old = client;
    old.progress = m->old_progress;
    struct subrow_shape fresh = client;
    fresh.progress = true;
    struct splice_config cfg = {
        .client = client,
        .old = old,
        .fresh = fresh,
        .old_at = fresh,
        .enc = m->copy ? SUBROW_ENC_COPY : SUBROW_ENC_DATAROW,
        .held = m->held,
        .snapshot = !m->no_snapshot,
        .memory_limit = m->limit,
    };
    expect_base = m->no_snapshot ? ho.cnt[0] : NULL;
    memset(&out_buf, 0, sizeof(out_buf));
    out_buf.shape = client;
    cr_assert_eq(splice_init(sp, &cfg, m->copy ? sink_copy : sink, &out_buf), SPLICE_STREAMING);
    make_stream(&so, &ho, m->upsert, m->old_progress, S0, END, !m->no_snapshot);
    make_stream(&sn, &hn, m->upsert, true, a, END2, true);
    size_t start_after = rnd((uint32_t)so.n + 1);
    bool started = false, old_end = false, at_made = false, at_end = false;
    for (;;) {
        if (sp->state == SPLICE_FAILED || sp->state == SPLICE_ENDED)
            break;
        int choices[5], nc = 0;
        if (so.at < so.n)
            choices[nc++] = 0;
        if (so.at >= so.n && !old_end && started)
            choices[nc++] = 1;
        if (!started && so.at >= start_after)
            choices[nc++] = 2;
        if (started && sn.at < sn.n)
            choices[nc++] = 3;
        uint64_t aof, upto;
        if (!at_made && splice_old_at(sp, &aof, &upto)) {
            cr_assert_eq(upto, aof + 1);
            make_stream(&sa, &ho, m->upsert, true, aof, aof, true);
            free(sa.m[--sa.n]); /* no final progress: UP TO ends it */
            at_made = true;
        }
        if (at_made && !at_end)
            choices[nc++] = 4;
        if (nc == 0)
            break;
        switch (choices[rnd((uint32_t)nc)]) {
        case 0:
            if (m->copy) {
                /* A COPY client's OLD rows come as COPY lines. */
                struct subrow r;
                struct wire_writer line;
                wire_writer_init(&line);
                cr_assert_eq(subrow_decode(&old, so.m[so.at], so.len[so.at], &r), SUBROW_OK);
                cr_assert(subrow_encode(&line, &old, SUBROW_ENC_COPY, &r));
                splice_old_row(sp, line.buf, line.len);
                wire_writer_free(&line);
            } else {
                splice_old_row(sp, so.m[so.at], so.len[so.at]);
            }
            so.at++;
            break;
        case 1:
            old_end = true;
            splice_signal(sp, SPLICE_EV_OLD_END);
            break;
        case 2:
            started = true;
            splice_signal(sp, SPLICE_EV_START);
            break;
        case 3:
            splice_new_row(sp, sn.m[sn.at], sn.len[sn.at]);
            sn.at++;
            break;
        case 4:
            if (sa.at < sa.n) {
                splice_old_at_row(sp, sa.m[sa.at], sa.len[sa.at]);
                sa.at++;
            } else {
                at_end = true;
                splice_signal(sp, SPLICE_EV_OLD_AT_END);
            }
            break;
        }
    }
    enum splice_state st = sp->state;
    stream_free(&so);
    stream_free(&sn);
    stream_free(&sa);
    if (st != SPLICE_SWITCHED)
        return st;

    /* The checks. */
    uint64_t t_sw;
    cr_assert(splice_switch_ts(sp, &t_sw));
    cr_assert_geq(t_sw, a);
    int cnt[NV], val[NK], ecnt[NV], eval[NK];
    uint64_t last_prog = 0;
    size_t at_t = 0;
    for (size_t i = 0; i < out_buf.n; i++) {
        if (i > 0)
            cr_assert_geq(out_buf.ts[i], out_buf.ts[i - 1], "timestamps went backwards");
        if (out_buf.prog[i]) {
            cr_assert(m->client_progress, "progress row reached a client without PROGRESS");
            cr_assert_gt(out_buf.ts[i], last_prog, "progress not increasing");
            last_prog = out_buf.ts[i];
            /* Everything before P is in: the client holds R(P-1). */
            client_at(&out_buf, i, cnt, val);
            expect_at(&ho, &hn, t_sw, out_buf.ts[i] - 1, ecnt, eval);
            cr_assert(m->upsert ? !memcmp(val, eval, sizeof(val)) : !memcmp(cnt, ecnt, sizeof(cnt)),
                      "result at progress %llu (T %llu, A %llu, row %zu of %zu)",
                      (unsigned long long)out_buf.ts[i], (unsigned long long)t_sw,
                      (unsigned long long)a, i, out_buf.n);
        } else if (out_buf.ts[i] == t_sw) {
            at_t++;
        }
    }
    /* At every P: rows with ts <= P sum to R(P). */
    for (uint64_t p = S0; p <= END2; p++) {
        size_t upto = 0;
        while (upto < out_buf.n && out_buf.ts[upto] <= p)
            upto++;
        client_at(&out_buf, upto, cnt, val);
        expect_at(&ho, &hn, t_sw, p, ecnt, eval);
        if (m->upsert)
            cr_assert(!memcmp(val, eval, sizeof(val)), "upsert state at %llu (T %llu)",
                      (unsigned long long)p, (unsigned long long)t_sw);
        else
            cr_assert(!memcmp(cnt, ecnt, sizeof(cnt)), "result at %llu (T %llu)",
                      (unsigned long long)p, (unsigned long long)t_sw);
    }
    /* The rows at T: exactly R(T) - R(T-1); with an unchanged definition
     * that is only what changed at T itself, nothing if T was quiet. */
    size_t changed = 0;
    int ti = (int)(t_sw - S0);
    for (int v = 0; v < NV && !m->upsert; v++)
        changed += hn.cnt[ti][v] != ho.cnt[ti - 1][v];
    for (int k = 0; k < NK && m->upsert; k++)
        changed += hn.val[ti][k] != ho.val[ti - 1][k];
    cr_assert_eq(sp->stats.switch_rows, changed);
    return st;
}

static void run_many(struct model m, int seeds)
{
    for (int seed = 1; seed <= seeds; seed++) {
        struct splice sp;
        enum splice_state st = run_model(&m, (uint64_t)seed, &sp);
        cr_assert_eq(st, SPLICE_SWITCHED, "seed %d: %s: %s", seed, splice_state_name(st),
                     splice_error(&sp));
        splice_free(&sp);
    }
}

#define MODEL_TEST(name, ...)                                                                      \
    Test(splice_model, name)                                                                       \
    {                                                                                              \
        struct model m = {__VA_ARGS__};                                                            \
        for (int d = 0; d < 3; d++) {                                                              \
            m.newdef = d;                                                                          \
            run_many(m, 150);                                                                      \
        }                                                                                          \
    }

MODEL_TEST(tracked_progress, .client_progress = true, .old_progress = true)
MODEL_TEST(tracked_no_progress, .client_progress = false, .old_progress = false)
MODEL_TEST(tracked_forced_progress, .client_progress = false, .old_progress = true)
MODEL_TEST(old_at_progress, .client_progress = true, .old_progress = true,
           .held = SPLICE_HELD_OLD_AT)
MODEL_TEST(old_at_forced_progress, .client_progress = false, .old_progress = true,
           .held = SPLICE_HELD_OLD_AT)
MODEL_TEST(old_at_no_snapshot, .client_progress = true, .old_progress = true, .no_snapshot = true,
           .held = SPLICE_HELD_OLD_AT)
MODEL_TEST(upsert_tracked, .upsert = true, .client_progress = true, .old_progress = true)
MODEL_TEST(upsert_no_progress, .upsert = true, .old_progress = false)
MODEL_TEST(copy_tracked, .copy = true, .client_progress = true, .old_progress = true)
MODEL_TEST(copy_no_progress, .copy = true, .old_progress = true)
MODEL_TEST(copy_upsert_old_at, .copy = true, .upsert = true, .client_progress = true,
           .old_progress = true, .held = SPLICE_HELD_OLD_AT)
MODEL_TEST(upsert_old_at, .upsert = true, .old_progress = true, .held = SPLICE_HELD_OLD_AT)

/* An unchanged definition and no update at T: nothing at all at T. */
Test(splice_model, unchanged_quiet_emits_nothing)
{
    int quiet = 0;
    for (int seed = 1; seed <= 400; seed++) {
        struct model m = {.client_progress = true, .old_progress = true, .newdef = 0};
        struct splice sp;
        cr_assert_eq(run_model(&m, (uint64_t)seed, &sp), SPLICE_SWITCHED);
        /* run_model asserted switch_rows == what changed at T; count the
         * runs where that was nothing, and check no row carries T then. */
        if (sp.stats.switch_rows == 0) {
            quiet++;
            uint64_t t;
            cr_assert(splice_switch_ts(&sp, &t));
            for (size_t i = 0; i < out_buf.n; i++)
                cr_assert(out_buf.prog[i] || out_buf.ts[i] < t || out_buf.ts[i] > t);
        }
        splice_free(&sp);
    }
    cr_assert_gt(quiet, 10, "the model never produced a quiet switch");
}

Test(splice_model, memory_limit_fails_with_message)
{
    int failed = 0;
    for (int seed = 1; seed <= 100; seed++) {
        struct model m = {.client_progress = true, .old_progress = true, .limit = 700};
        struct splice sp;
        enum splice_state st = run_model(&m, (uint64_t)seed, &sp);
        if (st == SPLICE_FAILED) {
            failed++;
            char want[256];
            zset_limit_message(want, sizeof(want), 700);
            cr_assert_str_eq(splice_error(&sp), want);
            cr_assert_str_eq(want, "SUBSCRIBE could not be carried over the deployment: splice "
                                   "memory limit (700 bytes) exceeded; resubscribe");
            cr_assert(splice_memory_exceeded(&sp));
            cr_assert_leq(sp.budget.peak, 700);
        }
        splice_free(&sp);
    }
    cr_assert_gt(failed, 50);
}

/* ---- targeted cases ---- */

static struct out tout;

static void init_simple(struct splice *sp, bool client_progress, enum subrow_encoding enc)
{
    struct subrow_shape c = {client_progress, false, 0, 1};
    struct subrow_shape f = {true, false, 0, 1};
    struct splice_config cfg = {.client = c,
                                .old = f,
                                .fresh = f,
                                .old_at = f,
                                .enc = enc,
                                .held = SPLICE_HELD_TRACKED,
                                .snapshot = true};
    memset(&tout, 0, sizeof(tout));
    tout.shape = c;
    cr_assert_eq(splice_init(sp, &cfg, sink, &tout), SPLICE_STREAMING);
}

static void feed(struct splice *sp, bool fresh, uint64_t ts, bool prog, const char *diff,
                 const char *v)
{
    struct stream s = {0};
    push_row(&s, true, ts, prog, diff, v, NULL, 1);
    if (fresh)
        splice_new_row(sp, s.m[0], s.len[0]);
    else
        splice_old_row(sp, s.m[0], s.len[0]);
    stream_free(&s);
}

Test(splice, states_and_rule)
{
    struct splice sp;
    init_simple(&sp, false, SUBROW_ENC_DATAROW);
    feed(&sp, false, 10, true, NULL, NULL);
    feed(&sp, false, 10, false, "1", "v1");
    feed(&sp, false, 12, false, "1", "v2");
    cr_assert_eq(tout.n, 2, "progress hidden from a client without PROGRESS");
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_START), SPLICE_STARTING);
    /* NEW's as-of 11 < F = 13: T = 13. */
    cr_assert_eq(splice_new_row(&sp, NULL, 0), SPLICE_FAILED, "a malformed row fails");
    splice_free(&sp);

    init_simple(&sp, false, SUBROW_ENC_DATAROW);
    feed(&sp, false, 10, false, "1", "v1");
    feed(&sp, false, 12, false, "1", "v2");
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 11, true, NULL, NULL);
    cr_assert_eq(sp.state, SPLICE_COLLECTING);
    uint64_t t;
    cr_assert(splice_switch_ts(&sp, &t));
    cr_assert_eq(t, 13);
    feed(&sp, true, 11, false, "1", "v1");
    feed(&sp, true, 11, false, "1", "v9");  /* the new definition differs */
    feed(&sp, false, 12, false, "1", "v3"); /* < T: forwarded */
    feed(&sp, true, 14, true, NULL, NULL);  /* NEW complete through 13 */
    cr_assert_eq(sp.state, SPLICE_COLLECTING, "OLD has not passed T yet");
    feed(&sp, false, 13, false, "1", "v4"); /* >= T: dropped, OLD passed */
    cr_assert_eq(sp.state, SPLICE_SWITCHED);
    /* Client: v1, v2, v3 (OLD) then at 13: +v9, -v2, -v3. */
    cr_assert_eq(tout.n, 6);
    cr_assert_eq(sp.stats.switch_rows, 3);
    cr_assert_eq(sp.stats.old_forwarded, 3);
    cr_assert_eq(sp.stats.old_dropped, 1);
    for (size_t i = 3; i < 6; i++)
        cr_assert_eq(tout.ts[i], 13);
    feed(&sp, true, 15, false, "-1", "v9");
    cr_assert_eq(tout.n, 7);
    cr_assert_eq(tout.ts[6], 15);
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_NEW_END), SPLICE_ENDED);
    splice_free(&sp);
}

Test(splice, failures)
{
    struct splice sp;
    struct subrow_shape c = {false, false, 0, 1};
    struct subrow_shape f = {true, false, 0, 1};
    struct splice_config cfg = {.client = c, .old = c, .fresh = f, .snapshot = true};
    cfg.binary = true;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_FAILED);
    cr_assert_str_eq(splice_error(&sp), "SUBSCRIBE could not be carried over the deployment: "
                                        "binary result formats cannot be re-encoded; resubscribe");
    splice_free(&sp);
    cfg.binary = false;
    cfg.debezium = true;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_FAILED);
    splice_free(&sp);
    cfg.debezium = false;
    cfg.snapshot = false;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_FAILED);
    splice_free(&sp);
    cfg.snapshot = true;
    cfg.fresh.data_columns = 2;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_FAILED);
    cr_assert(strstr(splice_error(&sp), "columns differ") != NULL);
    splice_free(&sp);

    /* UP TO already passed. */
    init_simple(&sp, true, SUBROW_ENC_DATAROW);
    sp.cfg.has_up_to = true;
    sp.cfg.up_to = 20;
    feed(&sp, false, 19, false, "1", "v1");
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 15, true, NULL, NULL);
    cr_assert_eq(sp.state, SPLICE_FAILED);
    cr_assert(strstr(splice_error(&sp), "UP TO (20) has passed") != NULL);
    cr_assert_eq(sp.budget.used, 0, "a failed splice holds nothing");
    splice_free(&sp);

    /* NEW failing. */
    init_simple(&sp, true, SUBROW_ENC_DATAROW);
    splice_signal(&sp, SPLICE_EV_START);
    cr_assert_eq(splice_fail(&sp, "the new stream failed: boom"), SPLICE_FAILED);
    cr_assert_str_eq(splice_error(&sp), "SUBSCRIBE could not be carried over the deployment: the "
                                        "new stream failed: boom; resubscribe");
    cr_assert(!splice_memory_exceeded(&sp));
    splice_free(&sp);

    /* Memory passed while streaming: the stream goes on, START fails. */
    init_simple(&sp, false, SUBROW_ENC_DATAROW);
    sp.budget.limit = sp.cfg.memory_limit = 400;
    char v[16];
    for (int i = 0; i < 40; i++) {
        snprintf(v, sizeof(v), "v%d", i);
        feed(&sp, false, 10, false, "1", v);
    }
    cr_assert_eq(sp.state, SPLICE_STREAMING);
    cr_assert_eq(tout.n, 40, "the live stream is not disturbed");
    cr_assert(splice_memory_exceeded(&sp));
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_START), SPLICE_FAILED);
    cr_assert(strstr(splice_error(&sp), "splice memory limit (400 bytes) exceeded") != NULL);
    splice_free(&sp);
}

static uint8_t raw[4096];
static size_t raw_len;
static bool raw_sink(void *arg, const uint8_t *msg, size_t len)
{
    (void)arg;
    cr_assert(raw_len + len <= sizeof(raw));
    memcpy(raw + raw_len, msg, len);
    raw_len += len;
    return true;
}

Test(splice, copy_lines_and_hidden_progress)
{
    struct splice sp;
    struct subrow_shape c = {false, false, 0, 1};
    struct subrow_shape f = {true, false, 0, 1};
    struct splice_config cfg = {.client = c,
                                .old = f,
                                .fresh = f,
                                .enc = SUBROW_ENC_COPY,
                                .held = SPLICE_HELD_TRACKED,
                                .snapshot = true};
    raw_len = 0;
    cr_assert_eq(splice_init(&sp, &cfg, raw_sink, NULL), SPLICE_STREAMING);
    struct stream s = {0};
    push_row(&s, true, 10, true, NULL, NULL, NULL, 1);
    push_row(&s, true, 10, false, "1", "a\tb", NULL, 1);
    push_row(&s, true, 11, true, NULL, NULL, NULL, 1);
    for (size_t i = 0; i < s.n; i++)
        splice_old_row(&sp, s.m[i], s.len[i]);
    const char want[] = "d\0\0\0\x0e"
                        "10\t1\ta\\tb\n";
    cr_assert_eq(raw_len, sizeof(want) - 1);
    cr_assert(!memcmp(raw, want, raw_len));
    cr_assert_eq(splice_frontier(&sp), 11);
    stream_free(&s);
    splice_free(&sp);
}

Test(splice, waiting_for_old_and_old_end)
{
    struct splice sp;
    struct subrow_shape c = {false, false, 0, 1};
    struct subrow_shape f = {true, false, 0, 1};
    struct splice_config cfg = {
        .client = c, .old = c, .fresh = f, .held = SPLICE_HELD_TRACKED, .snapshot = true};
    memset(&tout, 0, sizeof(tout));
    tout.shape = c;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_STREAMING);
    struct stream s = {0};
    push_row(&s, false, 5, false, "1", "v1", NULL, 1);
    splice_old_row(&sp, s.m[0], s.len[0]);
    stream_free(&s);
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 8, true, NULL, NULL);
    feed(&sp, true, 8, false, "1", "v1");
    cr_assert(!splice_waiting_for_old(&sp));
    feed(&sp, true, 9, true, NULL, NULL);
    /* OLD has no progress and is quiet: the switch waits for it. */
    cr_assert_eq(sp.state, SPLICE_COLLECTING);
    cr_assert(splice_waiting_for_old(&sp));
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_OLD_END), SPLICE_SWITCHED);
    cr_assert_eq(sp.stats.switch_rows, 0, "same result: nothing at T");
    cr_assert_eq(tout.n, 1);
    splice_free(&sp);
}

Test(splice, new_end_before_switch)
{
    struct splice sp;
    init_simple(&sp, true, SUBROW_ENC_DATAROW);
    sp.cfg.has_up_to = true;
    sp.cfg.up_to = 12;
    feed(&sp, false, 10, true, NULL, NULL);
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 10, true, NULL, NULL);
    feed(&sp, true, 10, false, "2", "v5");
    cr_assert_eq(sp.state, SPLICE_COLLECTING);
    feed(&sp, false, 10, false, "1", "v5");
    feed(&sp, false, 11, true, NULL, NULL);
    /* NEW reached its UP TO 12 without another progress row. */
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_NEW_END), SPLICE_ENDED);
    cr_assert_eq(sp.stats.switch_rows, 1);
    /* T = 10 (OLD's progress): OLD's v5 at 10 was not the client's, so
     * the client gets all of NEW's v5 at T. */
    cr_assert_eq(tout.diff[tout.n - 1], 2);
    cr_assert_eq(tout.ts[tout.n - 1], 10);
    splice_free(&sp);

    init_simple(&sp, true, SUBROW_ENC_DATAROW);
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 10, true, NULL, NULL);
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_NEW_END), SPLICE_FAILED);
    cr_assert(strstr(splice_error(&sp), "the new stream ended before the switch") != NULL);
    splice_free(&sp);
}

Test(splice, old_at_mode_needs_old_through_t)
{
    struct splice sp;
    struct subrow_shape c = {true, false, 0, 1};
    struct splice_config cfg = {.client = c,
                                .old = c,
                                .fresh = c,
                                .old_at = c,
                                .held = SPLICE_HELD_OLD_AT,
                                .snapshot = false};
    memset(&tout, 0, sizeof(tout));
    tout.shape = c;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_STREAMING,
                 "SNAPSHOT false is fine with OLD_AT");
    feed(&sp, false, 20, true, NULL, NULL);
    splice_signal(&sp, SPLICE_EV_START);
    feed(&sp, true, 25, true, NULL, NULL);
    uint64_t a, u;
    cr_assert(splice_old_at(&sp, &a, &u));
    cr_assert_eq(a, 24);
    cr_assert_eq(u, 25);
    cr_assert_eq(splice_signal(&sp, SPLICE_EV_OLD_END), SPLICE_FAILED);
    cr_assert(strstr(splice_error(&sp), "the old stream ended before the switch") != NULL);
    splice_free(&sp);
}

static void feed_upsert(struct splice *sp, bool fresh, uint64_t ts, const char *state,
                        const char *k, const char *v)
{
    struct stream s = {0};
    push_row(&s, true, ts, false, state, k, v, 2);
    if (fresh)
        splice_new_row(sp, s.m[0], s.len[0]);
    else
        splice_old_row(sp, s.m[0], s.len[0]);
    stream_free(&s);
}

Test(splice, upsert_switch_rows)
{
    struct splice sp;
    struct subrow_shape c = {false, true, 1, 2};
    struct subrow_shape f = {true, true, 1, 2};
    struct splice_config cfg = {
        .client = c, .old = f, .fresh = f, .held = SPLICE_HELD_TRACKED, .snapshot = true};
    memset(&tout, 0, sizeof(tout));
    tout.shape = c;
    cr_assert_eq(splice_init(&sp, &cfg, sink, &tout), SPLICE_STREAMING);
    feed_upsert(&sp, false, 5, "upsert", "k1", "x1");        /* unchanged */
    feed_upsert(&sp, false, 5, "upsert", "k2", "x2");        /* changes */
    feed_upsert(&sp, false, 5, "upsert", "k3", "x3");        /* vanishes */
    feed_upsert(&sp, false, 5, "key_violation", "k4", NULL); /* resolved */
    splice_signal(&sp, SPLICE_EV_START);
    feed_upsert(&sp, true, 6, "upsert", "k1", "x1");
    feed_upsert(&sp, true, 6, "upsert", "k2", "x9");
    feed_upsert(&sp, true, 6, "upsert", "k4", "x4");
    feed_upsert(&sp, true, 6, "key_violation", "k5", NULL); /* new violation */
    struct stream s = {0};
    push_row(&s, true, 7, true, NULL, NULL, NULL, 2);
    splice_old_row(&sp, s.m[0], s.len[0]);
    stream_free(&s);
    cr_assert_eq(sp.state, SPLICE_COLLECTING, "T = 6 from OLD's data at 5");
    push_row(&s, true, 7, true, NULL, NULL, NULL, 2);
    splice_new_row(&sp, s.m[0], s.len[0]);
    stream_free(&s);
    cr_assert_eq(sp.state, SPLICE_SWITCHED);
    cr_assert_eq(sp.stats.switch_rows, 4);
    int seen = 0;
    for (size_t i = 4; i < tout.n; i++) {
        cr_assert_eq(tout.ts[i], 6);
        if (tout.a[i] == 2) {
            cr_assert_eq(tout.state[i], SUBROW_UPSERT);
            cr_assert_eq(tout.b[i], 9);
            seen |= 1;
        } else if (tout.a[i] == 3) {
            cr_assert_eq(tout.state[i], SUBROW_DELETE);
            cr_assert_eq(tout.b[i], -1);
            seen |= 2;
        } else if (tout.a[i] == 4) {
            cr_assert_eq(tout.state[i], SUBROW_UPSERT);
            seen |= 4;
        } else if (tout.a[i] == 5) {
            cr_assert_eq(tout.state[i], SUBROW_KEY_VIOLATION);
            seen |= 8;
        } else {
            cr_assert_fail("unexpected key k%d at T", tout.a[i]);
        }
    }
    cr_assert_eq(seen, 15);
    splice_free(&sp);
}
