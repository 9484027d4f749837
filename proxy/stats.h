/*
 * stats.h: counters that SHOW commands and the Prometheus /metrics endpoint
 * read. Plain integers updated on the one event-loop thread; readers run on
 * the same thread.
 */
#ifndef CUTOVER_PROXY_STATS_H
#define CUTOVER_PROXY_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "proxy/conn.h"
#include "proxy/route.h"

/* Upper bounds (inclusive, milliseconds) of the held-time histogram buckets;
 * the last bucket is +Inf. */
#define STATS_HELD_BUCKETS 12
/* Upper bound of bucket i in ms; UINT64_MAX for the last (+Inf). */
uint64_t stats_held_bucket_bound(size_t i);

struct stats {
    uint64_t conns_accepted;              /* every accepted client socket */
    uint64_t conns_rejected;              /* refused (limit, garbage, timeout) */
    uint64_t accept_backoffs;             /* accept() found no file descriptor: listeners paused */
    uint64_t conns_by_route[ROUTE_COUNT]; /* sessions started per route, total */
    uint64_t conns_current_by_route[ROUTE_COUNT]; /* live sessions per route (gauge) */
    uint64_t conns_by_state[CONN_STATE_COUNT];    /* live conns per state (gauge) */
    uint64_t bytes_client_to_backend;             /* relayed client -> backend */
    uint64_t bytes_backend_to_client;             /* relayed backend -> client */
    uint64_t queries;                             /* Query + Parse messages forwarded */
    uint64_t queries_by_route[ROUTE_COUNT];       /* of those, per route */
    uint64_t queries_rewritten;                   /* of those, rewritten by the name map */
    uint64_t errors;                              /* ErrorResponses from the backend */
    uint64_t proxy_errors;                        /* ErrorResponses cutover originated */
    uint64_t cancels;                             /* CancelRequests forwarded */
    uint64_t pauses;                              /* barrier raises */
    uint64_t pause_timeouts;                      /* barrier raises that timed out */
    uint64_t query_wait_timeouts;                 /* sessions ended, held past query_wait_timeout */
    uint64_t held_total;                          /* statements held at the barrier */
    uint64_t held_buckets[STATS_HELD_BUCKETS];    /* held-time histogram (non-cumulative) */
    uint64_t held_sum_ms;                         /* sum of held times */
    uint64_t held_max_ms;                         /* largest held time seen */
    uint64_t reloads;                             /* successful reloads */
    uint64_t subscriptions;                       /* SUBSCRIBE streams started, total */
    uint64_t subscriptions_carried;               /* carried over a swap */
    uint64_t subscriptions_failed;                /* carry-over failed: ended with ZC002 */
    uint64_t splice_overflows;                    /* of those, splice memory limit hit */
    uint64_t
        carry_sessions; /* server sessions the carry-over holds now ([subscribe] max_sessions) */
    uint64_t carry_sessions_peak;    /* the most it held at once since the start */
    uint64_t carry_sessions_refused; /* carry-overs ended at that bound */
};

void stats_init(struct stats *s);
/* Records one statement's time held at the barrier. */
void stats_record_held(struct stats *s, uint64_t ms);
/* The held time at quantile q (0..1) from the histogram: the upper bound of
 * the bucket holding it (UINT64_MAX for +Inf); 0 when nothing was held. */
uint64_t stats_held_quantile(const struct stats *s, double q);

/* The held-time histogram at one moment (a barrier raise), to measure what
 * was held after it. */
struct stats_held_mark {
    uint64_t buckets[STATS_HELD_BUCKETS]; /* held_buckets then */
    uint64_t max_ms;                      /* held_max_ms then */
};
void stats_held_mark_take(const struct stats *s, struct stats_held_mark *m);

/* What was held between a mark and now. */
struct stats_held_since {
    uint64_t held;  /* statements held */
    int64_t p99_us; /* 99th percentile: its bucket's upper bound (never above max_us) */
    int64_t max_us; /* the observed maximum when it grew since the mark, else the
                       upper bound of the highest bucket that grew */
};
/* Zeroes when nothing was held. A +Inf bucket counts as the observed maximum. */
void stats_held_since(const struct stats *s, const struct stats_held_mark *m,
                      struct stats_held_since *out);

#endif
