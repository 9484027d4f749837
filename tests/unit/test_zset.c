/*
 * test_zset.c: the consolidated multiset: counts, cancellation, iteration,
 * map mode, exact byte accounting and the limit.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/subscribe/zset.h"

static const uint8_t *K(const char *s)
{
    return (const uint8_t *)s;
}

Test(zset, counts_and_cancellation)
{
    struct zset_budget b = {0};
    struct zset z;
    zset_init(&z, &b);
    cr_assert_eq(zset_add(&z, K("a"), 1, 2), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("b"), 1, -1), ZSET_OK);
    cr_assert_eq(zset_add(&z, K(""), 0, 5), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("a"), 1, 0), ZSET_OK);
    cr_assert_eq(zset_count(&z, K("a"), 1), 2);
    cr_assert_eq(zset_count(&z, K("b"), 1), -1);
    cr_assert_eq(zset_count(&z, K(""), 0), 5);
    cr_assert_eq(zset_count(&z, K("c"), 1), 0);
    cr_assert_eq(zset_size(&z), 3);
    cr_assert_eq(zset_add(&z, K("a"), 1, -2), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("b"), 1, 1), ZSET_OK);
    cr_assert_eq(zset_size(&z), 1, "zero counts are dropped");
    cr_assert_eq(zset_count(&z, K("a"), 1), 0);
    /* Keys are bytes: embedded NULs and prefixes are distinct keys. */
    cr_assert_eq(zset_add(&z, K("x\0y"), 3, 1), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("x"), 1, 1), ZSET_OK);
    cr_assert_eq(zset_count(&z, K("x\0y"), 3), 1);
    cr_assert_eq(zset_count(&z, K("x\0z"), 3), 0);
    cr_assert_eq(zset_add(&z, K("o"), 1, INT64_MAX), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("o"), 1, 1), ZSET_OVERFLOW);
    cr_assert_eq(zset_count(&z, K("o"), 1), INT64_MAX);
    zset_free(&z);
    cr_assert_eq(b.used, 0);
    cr_assert_eq(zset_size(&z), 0);
}

/* Many keys against a reference array; iteration yields each once. */
Test(zset, against_reference)
{
    struct zset_budget b = {0};
    struct zset z;
    zset_init(&z, &b);
    static int64_t ref[5000];
    uint64_t s = 42;
    for (int i = 0; i < 100000; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        int k = (int)((s >> 33) % 5000);
        int64_t d = (int64_t)((s >> 20) % 5) - 2;
        char key[16];
        int n = snprintf(key, sizeof(key), "k%d", k);
        cr_assert_eq(zset_add(&z, K(key), (size_t)n, d), ZSET_OK);
        ref[k] += d;
    }
    size_t nonzero = 0;
    for (int k = 0; k < 5000; k++) {
        char key[16];
        int n = snprintf(key, sizeof(key), "k%d", k);
        cr_assert_eq(zset_count(&z, K(key), (size_t)n), ref[k]);
        nonzero += ref[k] != 0;
    }
    cr_assert_eq(zset_size(&z), nonzero);
    struct zset_iter it = {0};
    struct zset_entry e;
    size_t seen = 0;
    while (zset_next(&z, &it, &e)) {
        char key[16];
        cr_assert(e.len < sizeof(key));
        memcpy(key, e.key, e.len);
        key[e.len] = 0;
        int k = atoi(key + 1);
        cr_assert_eq(e.count, ref[k]);
        cr_assert_neq(e.count, 0);
        cr_assert_null(e.value);
        ref[k] = 0; /* each key once */
        seen++;
    }
    cr_assert_eq(seen, nonzero);
    /* Exact accounting: entries plus the bucket array. */
    size_t want = z.nbuckets * sizeof(void *);
    it = (struct zset_iter){0};
    while (zset_next(&z, &it, &e))
        want += zset_entry_bytes(e.len, 0);
    cr_assert_eq(b.used, want);
    cr_assert_geq(b.peak, b.used);
    zset_free(&z);
    cr_assert_eq(b.used, 0);
}

Test(zset, limit)
{
    struct zset_budget b = {.limit = 16 * sizeof(void *) + 2 * zset_entry_bytes(1, 0)};
    struct zset z;
    zset_init(&z, &b);
    cr_assert_eq(zset_add(&z, K("a"), 1, 1), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("b"), 1, 1), ZSET_OK);
    cr_assert_eq(b.used, b.limit);
    cr_assert_eq(zset_add(&z, K("c"), 1, 1), ZSET_LIMIT);
    cr_assert_eq(zset_count(&z, K("c"), 1), 0, "a failed add changes nothing");
    cr_assert_eq(b.used, b.limit);
    cr_assert_eq(zset_add(&z, K("a"), 1, 5), ZSET_OK, "existing keys cost nothing");
    cr_assert_eq(zset_add(&z, K("b"), 1, -1), ZSET_OK);
    cr_assert_eq(zset_add(&z, K("c"), 1, 1), ZSET_OK, "a freed entry makes room");
    cr_assert_leq(b.peak, b.limit);
    zset_free(&z);
    /* Two zsets share one budget. */
    struct zset z2;
    zset_init(&z, &b);
    zset_init(&z2, &b);
    cr_assert_eq(zset_add(&z, K("a"), 1, 1), ZSET_OK);
    cr_assert_eq(zset_add(&z2, K("a"), 1, 1), ZSET_LIMIT, "the second table does not fit");
    zset_free(&z);
    zset_free(&z2);
    cr_assert_eq(b.used, 0);
    char msg[200];
    zset_limit_message(msg, sizeof(msg), 1048576);
    cr_assert_str_eq(msg, "SUBSCRIBE could not be carried over the deployment: splice memory "
                          "limit (1048576 bytes) exceeded; resubscribe");
}

Test(zset, map_mode)
{
    struct zset_budget b = {0};
    struct zset z;
    zset_init(&z, &b);
    cr_assert_eq(zset_put(&z, K("k1"), 2, K("v1"), 2), ZSET_OK);
    cr_assert_eq(zset_put(&z, K("k2"), 2, K("value2"), 6), ZSET_OK);
    cr_assert_eq(zset_put(&z, K("k1"), 2, K("x"), 1), ZSET_OK);
    const uint8_t *v;
    size_t vl;
    cr_assert(zset_get(&z, K("k1"), 2, &v, &vl));
    cr_assert_eq(vl, 1);
    cr_assert_eq(v[0], 'x');
    cr_assert_eq(zset_size(&z), 2);
    cr_assert_eq(b.used, 16 * sizeof(void *) + zset_entry_bytes(2, 1) + zset_entry_bytes(2, 6));
    cr_assert(zset_del(&z, K("k2"), 2));
    cr_assert(!zset_del(&z, K("k2"), 2));
    cr_assert(!zset_get(&z, K("k2"), 2, &v, &vl));
    struct zset_iter it = {0};
    struct zset_entry e;
    cr_assert(zset_next(&z, &it, &e));
    cr_assert_eq(e.vlen, 1);
    cr_assert_eq(e.count, 1);
    cr_assert(!zset_next(&z, &it, &e));
    zset_free(&z);
    cr_assert_eq(b.used, 0);
}
