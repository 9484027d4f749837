/*
 * zset.c: a consolidated multiset of byte strings with exact byte
 * accounting. Chaining keeps deletion trivial (an entry whose count reaches
 * zero is unlinked and freed at once), which open addressing would need
 * tombstones for; the table doubles when the load passes 1.
 */
#include "protocol/subscribe/zset.h"

#include "protocol/siphash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zset_node {
    struct zset_node *next; /* chain */
    uint64_t hash;          /* of the key */
    int64_t count;          /* non-zero */
    size_t len;             /* key bytes */
    size_t vlen;            /* value bytes (map mode) */
    bool has_value;         /* map mode entry */
    uint8_t bytes[];        /* key, then value */
};

bool zset_budget_charge(struct zset_budget *b, size_t n)
{
    if (b->limit != 0 && (n > b->limit || b->used > b->limit - n))
        return false;
    b->used += n;
    if (b->used > b->peak)
        b->peak = b->used;
    return true;
}

void zset_budget_release(struct zset_budget *b, size_t n)
{
    b->used = n > b->used ? 0 : b->used - n;
}

size_t zset_entry_bytes(size_t len, size_t vlen)
{
    return sizeof(struct zset_node) + len + vlen;
}

/* SipHash-1-3 under the zset's key: the keys are row bytes that a client
 * can shape (its own writes to the table a SUBSCRIBE reads), so with a known
 * hash function it could put every row in one chain and make each add a
 * scan. Iteration order is deterministic for a given key. */
static uint64_t zset_hash(const struct zset *z, const uint8_t *p, size_t len)
{
    return siphash13(z->hash_key, p, len);
}

void zset_set_hash_key(struct zset *z, const uint8_t key[ZSET_HASH_KEY_LEN])
{
    memcpy(z->hash_key, key, ZSET_HASH_KEY_LEN);
}

void zset_init(struct zset *z, struct zset_budget *budget)
{
    z->buckets = NULL;
    z->nbuckets = 0;
    z->nentries = 0;
    z->budget = budget;
    memset(z->hash_key, 0, sizeof z->hash_key);
}

static void zset_node_free(struct zset *z, struct zset_node *n)
{
    zset_budget_release(z->budget, zset_entry_bytes(n->len, n->vlen));
    free(n);
}

void zset_free(struct zset *z)
{
    for (size_t i = 0; i < z->nbuckets; i++) {
        struct zset_node *n = z->buckets[i];
        while (n != NULL) {
            struct zset_node *next = n->next;
            zset_node_free(z, n);
            n = next;
        }
    }
    if (z->buckets != NULL)
        zset_budget_release(z->budget, z->nbuckets * sizeof(*z->buckets));
    free(z->buckets);
    z->buckets = NULL;
    z->nbuckets = 0;
    z->nentries = 0;
}

/* Grows the table to hold one more entry at load <= 1. */
static enum zset_result zset_reserve(struct zset *z)
{
    if (z->nentries + 1 <= z->nbuckets)
        return ZSET_OK;
    size_t nb = z->nbuckets == 0 ? 16 : z->nbuckets * 2;
    if (nb > SIZE_MAX / sizeof(*z->buckets))
        return ZSET_NOMEM;
    size_t bytes = nb * sizeof(*z->buckets);
    size_t old_bytes = z->nbuckets * sizeof(*z->buckets);
    /* Both tables exist during the rehash: charge the new one before
     * letting the old one go. */
    if (!zset_budget_charge(z->budget, bytes))
        return ZSET_LIMIT;
    struct zset_node **b = calloc(nb, sizeof(*b));
    if (b == NULL) {
        zset_budget_release(z->budget, bytes);
        return ZSET_NOMEM;
    }
    for (size_t i = 0; i < z->nbuckets; i++) {
        struct zset_node *n = z->buckets[i];
        while (n != NULL) {
            struct zset_node *next = n->next;
            size_t at = (size_t)(n->hash & (nb - 1));
            n->next = b[at];
            b[at] = n;
            n = next;
        }
    }
    free(z->buckets);
    zset_budget_release(z->budget, old_bytes);
    z->buckets = b;
    z->nbuckets = nb;
    return ZSET_OK;
}

/* The link that points at key's node (or the chain's terminating NULL). */
static struct zset_node **zset_find(const struct zset *z, const uint8_t *key, size_t len,
                                    uint64_t h)
{
    struct zset_node **pn = &z->buckets[h & (z->nbuckets - 1)];
    while (*pn != NULL) {
        struct zset_node *n = *pn;
        if (n->hash == h && n->len == len && (len == 0 || memcmp(n->bytes, key, len) == 0))
            return pn;
        pn = &n->next;
    }
    return pn;
}

static struct zset_node *zset_lookup(const struct zset *z, const uint8_t *key, size_t len)
{
    if (z->nbuckets == 0)
        return NULL;
    return *zset_find(z, key, len, zset_hash(z, key, len));
}

/* A new node for key (and value): charged, not linked. */
static enum zset_result zset_node_new(struct zset *z, const uint8_t *key, size_t len,
                                      const uint8_t *value, size_t vlen, struct zset_node **out)
{
    if (len > SIZE_MAX / 2 || vlen > SIZE_MAX / 2 - sizeof(struct zset_node) - len)
        return ZSET_NOMEM;
    size_t bytes = zset_entry_bytes(len, vlen);
    if (!zset_budget_charge(z->budget, bytes))
        return ZSET_LIMIT;
    struct zset_node *n = malloc(bytes);
    if (n == NULL) {
        zset_budget_release(z->budget, bytes);
        return ZSET_NOMEM;
    }
    n->next = NULL;
    n->hash = zset_hash(z, key, len);
    n->count = 1;
    n->len = len;
    n->vlen = vlen;
    n->has_value = value != NULL;
    if (len > 0)
        memcpy(n->bytes, key, len);
    if (vlen > 0)
        memcpy(n->bytes + len, value, vlen);
    *out = n;
    return ZSET_OK;
}

enum zset_result zset_add(struct zset *z, const uint8_t *key, size_t len, int64_t diff)
{
    if (diff == 0)
        return ZSET_OK;
    struct zset_node *found = zset_lookup(z, key, len);
    if (found != NULL) {
        int64_t c = found->count;
        if ((diff > 0 && c > INT64_MAX - diff) || (diff < 0 && c < INT64_MIN - diff))
            return ZSET_OVERFLOW;
        c += diff;
        if (c != 0) {
            found->count = c;
            return ZSET_OK;
        }
        struct zset_node **pn = zset_find(z, key, len, found->hash);
        *pn = found->next;
        z->nentries--;
        zset_node_free(z, found);
        return ZSET_OK;
    }
    /* Charge the node first, then the table growth: either failing leaves
     * the zset as it was. */
    struct zset_node *n;
    enum zset_result r = zset_node_new(z, key, len, NULL, 0, &n);
    if (r != ZSET_OK)
        return r;
    r = zset_reserve(z);
    if (r != ZSET_OK) {
        zset_node_free(z, n);
        return r;
    }
    n->count = diff;
    size_t at = (size_t)(n->hash & (z->nbuckets - 1));
    n->next = z->buckets[at];
    z->buckets[at] = n;
    z->nentries++;
    return ZSET_OK;
}

int64_t zset_count(const struct zset *z, const uint8_t *key, size_t len)
{
    const struct zset_node *n = zset_lookup(z, key, len);
    return n == NULL ? 0 : n->count;
}

size_t zset_size(const struct zset *z)
{
    return z->nentries;
}

bool zset_del(struct zset *z, const uint8_t *key, size_t len)
{
    if (z->nbuckets == 0)
        return false;
    struct zset_node **pn = zset_find(z, key, len, zset_hash(z, key, len));
    struct zset_node *n = *pn;
    if (n == NULL)
        return false;
    *pn = n->next;
    z->nentries--;
    zset_node_free(z, n);
    return true;
}

enum zset_result zset_put(struct zset *z, const uint8_t *key, size_t len, const uint8_t *value,
                          size_t vlen)
{
    static const uint8_t empty[1] = {0};
    struct zset_node *n;
    enum zset_result r = zset_node_new(z, key, len, value != NULL ? value : empty, vlen, &n);
    if (r != ZSET_OK)
        return r;
    struct zset_node *old = zset_lookup(z, key, len);
    if (old == NULL) {
        r = zset_reserve(z);
        if (r != ZSET_OK) {
            zset_node_free(z, n);
            return r;
        }
        size_t at = (size_t)(n->hash & (z->nbuckets - 1));
        n->next = z->buckets[at];
        z->buckets[at] = n;
        z->nentries++;
        return ZSET_OK;
    }
    /* Replace in place of the old node in its chain. */
    struct zset_node **pn = zset_find(z, key, len, old->hash);
    n->next = old->next;
    *pn = n;
    zset_node_free(z, old);
    return ZSET_OK;
}

bool zset_get(const struct zset *z, const uint8_t *key, size_t len, const uint8_t **value,
              size_t *vlen)
{
    const struct zset_node *n = zset_lookup(z, key, len);
    if (n == NULL)
        return false;
    *value = n->bytes + n->len;
    *vlen = n->vlen;
    return true;
}

bool zset_next(const struct zset *z, struct zset_iter *it, struct zset_entry *e)
{
    while (it->node == NULL) {
        if (it->bucket >= z->nbuckets)
            return false;
        it->node = z->buckets[it->bucket++];
    }
    const struct zset_node *n = it->node;
    it->node = n->next;
    e->key = n->bytes;
    e->len = n->len;
    e->value = n->has_value ? n->bytes + n->len : NULL;
    e->vlen = n->vlen;
    e->count = n->count;
    return true;
}

int zset_limit_message(char *buf, size_t cap, size_t limit)
{
    return snprintf(buf, cap,
                    "SUBSCRIBE could not be carried over the deployment: splice memory limit (%zu "
                    "bytes) exceeded; resubscribe",
                    limit);
}
