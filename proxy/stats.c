/*
 * stats.c: counter helpers and the held-time histogram.
 */
#include "proxy/stats.h"

#include <stdbool.h>
#include <string.h>

static const uint32_t stats_held_bucket_ms[STATS_HELD_BUCKETS - 1] = {
    1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000, 30000,
};

uint64_t stats_held_bucket_bound(size_t i)
{
    return i < STATS_HELD_BUCKETS - 1 ? stats_held_bucket_ms[i] : UINT64_MAX;
}

void stats_init(struct stats *s)
{
    memset(s, 0, sizeof *s);
}

void stats_record_held(struct stats *s, uint64_t ms)
{
    size_t i = 0;
    while (i < STATS_HELD_BUCKETS - 1 && ms > stats_held_bucket_ms[i])
        i++;
    s->held_buckets[i]++;
    s->held_total++;
    s->held_sum_ms += ms;
    if (ms > s->held_max_ms)
        s->held_max_ms = ms;
}

uint64_t stats_held_quantile(const struct stats *s, double q)
{
    if (s->held_total == 0)
        return 0;
    double want = q * (double)s->held_total;
    uint64_t seen = 0;
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        seen += s->held_buckets[i];
        if ((double)seen >= want && seen > 0)
            return i < STATS_HELD_BUCKETS - 1 ? stats_held_bucket_ms[i] : UINT64_MAX;
    }
    return UINT64_MAX;
}

void stats_held_mark_take(const struct stats *s, struct stats_held_mark *m)
{
    memcpy(m->buckets, s->held_buckets, sizeof m->buckets);
    m->max_ms = s->held_max_ms;
}

/* Bucket i's upper bound in microseconds; the +Inf bucket is the maximum seen. */
static int64_t stats_bucket_us(const struct stats *s, size_t i)
{
    uint64_t b = stats_held_bucket_bound(i);
    return b == UINT64_MAX ? (int64_t)s->held_max_ms * 1000 : (int64_t)b * 1000;
}

void stats_held_since(const struct stats *s, const struct stats_held_mark *m,
                      struct stats_held_since *out)
{
    uint64_t diff[STATS_HELD_BUCKETS], total = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        diff[i] = s->held_buckets[i] - m->buckets[i];
        total += diff[i];
    }
    out->held = total;
    if (total == 0)
        return;
    /* The rank of the 99th percentile, rounded up: with fewer than 100
     * statements it is the last one. */
    uint64_t rank = (uint64_t)((double)total * 0.99 + 0.999999), seen = 0;
    size_t top = 0;
    bool found = false;
    for (size_t i = 0; i < STATS_HELD_BUCKETS; i++) {
        if (diff[i])
            top = i;
        seen += diff[i];
        if (seen >= rank && !found) {
            out->p99_us = stats_bucket_us(s, i);
            found = true;
        }
    }
    out->max_us =
        s->held_max_ms > m->max_ms ? (int64_t)s->held_max_ms * 1000 : stats_bucket_us(s, top);
    if (out->p99_us > out->max_us)
        out->p99_us = out->max_us;
}
