/*
 * test_siphash.c: SipHash against the reference vectors, and the SUBSCRIBE
 * splice's row hash depending on its key (issue 14.10).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "protocol/siphash.h"
#include "protocol/subscribe/zset.h"

static void seq_key(uint8_t key[SIPHASH_KEY_LEN])
{
    for (int i = 0; i < SIPHASH_KEY_LEN; i++)
        key[i] = (uint8_t)i;
}

/* The paper's (and the reference code's vectors.h) key 00..0f, message 00..len-1. */
Test(siphash, reference_vectors_24)
{
    uint8_t key[SIPHASH_KEY_LEN], msg[64];
    seq_key(key);
    for (int i = 0; i < 64; i++)
        msg[i] = (uint8_t)i;
    cr_assert_eq(siphash24(key, msg, 0), 0x726fdb47dd0e0e31ull);
    cr_assert_eq(siphash24(key, msg, 1), 0x74f839c593dc67fdull);
    cr_assert_eq(siphash24(key, msg, 8), 0x93f5f5799a932462ull);
    cr_assert_eq(siphash24(key, msg, 15), 0xa129ca6149be45e5ull);
}

Test(siphash, hash_depends_on_the_key)
{
    uint8_t k1[SIPHASH_KEY_LEN] = {0}, k2[SIPHASH_KEY_LEN] = {0};
    k2[15] = 1;
    const char *rows[] = {"", "x", "row bytes of a DataRow", "0123456789abcdef0123"};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t n = strlen(rows[i]);
        cr_assert_eq(siphash13(k1, rows[i], n), siphash13(k1, rows[i], n), "deterministic");
        cr_assert_neq(siphash13(k1, rows[i], n), siphash13(k2, rows[i], n), "row %zu", i);
        cr_assert_neq(siphash13(k1, rows[i], n), siphash24(k1, rows[i], n));
    }
    /* every key bit matters */
    uint8_t base[SIPHASH_KEY_LEN];
    seq_key(base);
    uint64_t h = siphash13(base, "row", 3);
    for (int bit = 0; bit < 8 * SIPHASH_KEY_LEN; bit++) {
        uint8_t k[SIPHASH_KEY_LEN];
        memcpy(k, base, sizeof k);
        k[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        cr_assert_neq(siphash13(k, "row", 3), h, "key bit %d ignored", bit);
    }
}

/* A zset keyed differently iterates in a different order but counts the same. */
Test(siphash, zset_keyed_counts_the_same)
{
    struct zset_budget b1 = {0}, b2 = {0};
    struct zset z1, z2;
    zset_init(&z1, &b1);
    zset_init(&z2, &b2);
    uint8_t k[ZSET_HASH_KEY_LEN];
    seq_key(k);
    zset_set_hash_key(&z2, k);
    char row[32];
    for (int i = 0; i < 1000; i++) {
        int n = snprintf(row, sizeof row, "row %d", i % 300);
        cr_assert_eq(zset_add(&z1, (const uint8_t *)row, (size_t)n, 1), ZSET_OK);
        cr_assert_eq(zset_add(&z2, (const uint8_t *)row, (size_t)n, 1), ZSET_OK);
    }
    for (int i = 0; i < 300; i++) {
        int n = snprintf(row, sizeof row, "row %d", i);
        int64_t want = i < 100 ? 4 : 3;
        cr_assert_eq(zset_count(&z1, (const uint8_t *)row, (size_t)n), want);
        cr_assert_eq(zset_count(&z2, (const uint8_t *)row, (size_t)n), want);
    }
    cr_assert_eq(b1.used, b2.used);
    zset_free(&z1);
    zset_free(&z2);
}
