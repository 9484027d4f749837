/*
 * stats.c: counter helpers and the held-time histogram.
 */
#include "proxy/stats.h"

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
