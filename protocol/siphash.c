/*
 * siphash.c: SipHash, after the reference implementation
 * (https://github.com/veorq/SipHash), little-endian reads done byte by byte.
 */
#include "protocol/siphash.h"

static uint64_t rotl(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

struct sipstate {
    uint64_t v0, v1, v2, v3; /* the four state words */
};

static void sipround(struct sipstate *s)
{
    s->v0 += s->v1;
    s->v1 = rotl(s->v1, 13);
    s->v1 ^= s->v0;
    s->v0 = rotl(s->v0, 32);
    s->v2 += s->v3;
    s->v3 = rotl(s->v3, 16);
    s->v3 ^= s->v2;
    s->v0 += s->v3;
    s->v3 = rotl(s->v3, 21);
    s->v3 ^= s->v0;
    s->v2 += s->v1;
    s->v1 = rotl(s->v1, 17);
    s->v1 ^= s->v2;
    s->v2 = rotl(s->v2, 32);
}

static void compress(struct sipstate *s, uint64_t m, int c)
{
    s->v3 ^= m;
    for (int i = 0; i < c; i++)
        sipround(s);
    s->v0 ^= m;
}

uint64_t siphash(const uint8_t key[SIPHASH_KEY_LEN], const void *data, size_t len, int c, int d)
{
    const uint8_t *p = data;
    uint64_t k0 = load64(key), k1 = load64(key + 8);
    struct sipstate s = {0x736f6d6570736575ull ^ k0, 0x646f72616e646f6dull ^ k1,
                         0x6c7967656e657261ull ^ k0, 0x7465646279746573ull ^ k1};
    size_t whole = len - len % 8;
    for (size_t i = 0; i < whole; i += 8)
        compress(&s, load64(p + i), c);
    uint64_t last = (uint64_t)len << 56;
    for (size_t i = 0; i < len % 8; i++)
        last |= (uint64_t)p[whole + i] << (8 * i);
    compress(&s, last, c);
    s.v2 ^= 0xff;
    for (int i = 0; i < d; i++)
        sipround(&s);
    return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

uint64_t siphash13(const uint8_t key[SIPHASH_KEY_LEN], const void *p, size_t len)
{
    return siphash(key, p, len, 1, 3);
}

uint64_t siphash24(const uint8_t key[SIPHASH_KEY_LEN], const void *p, size_t len)
{
    return siphash(key, p, len, 2, 4);
}
