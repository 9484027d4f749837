/*
 * zset.h: a consolidated multiset of rows (a Z-set: row bytes -> int64
 * count), the core of the SUBSCRIBE splice's "new result minus old result".
 *
 * A chained hash table of entries, each one allocation holding the key
 * bytes. Entries whose count reaches zero are freed at once, so memory is
 * proportional to the non-zero entries. Every byte allocated is counted
 * exactly (the entry allocations and the bucket array, as requested from
 * malloc) in a budget that several zsets of one splice may share; an add
 * that would take the budget past its limit changes nothing and fails.
 * Pure (libc only).
 */
#ifndef CUTOVER_PROTOCOL_ZSET_H
#define CUTOVER_PROTOCOL_ZSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes held by one or more zsets (and other buffers of the same owner). */
struct zset_budget {
    size_t limit; /* most bytes held at once; 0 = no limit */
    size_t used;  /* bytes held now */
    size_t peak;  /* most bytes ever held */
};

/* Charges n bytes to b: false (nothing charged) if it would pass the limit. */
bool zset_budget_charge(struct zset_budget *b, size_t n);
/* Gives n bytes back (n must have been charged). */
void zset_budget_release(struct zset_budget *b, size_t n);

struct zset_node; /* private: one entry */

#define ZSET_HASH_KEY_LEN 16 /* a SipHash key */

struct zset {
    struct zset_node **buckets;          /* nbuckets heads; NULL until the first add */
    size_t nbuckets;                     /* a power of two, or 0 */
    size_t nentries;                     /* entries (all with a non-zero count) */
    struct zset_budget *budget;          /* where bytes are charged; not owned */
    uint8_t hash_key[ZSET_HASH_KEY_LEN]; /* keys the row hash; all zero until set */
};

enum zset_result {
    ZSET_OK,       /* done */
    ZSET_LIMIT,    /* the budget's limit would be passed: nothing changed */
    ZSET_NOMEM,    /* malloc failed: nothing changed */
    ZSET_OVERFLOW, /* the count would overflow int64: nothing changed */
};

/* An empty zset charging `budget` (must outlive it; not NULL), hash key all zero. */
void zset_init(struct zset *z, struct zset_budget *budget);
/* Sets the key of the row hash (see zset.c); only while z is empty. */
void zset_set_hash_key(struct zset *z, const uint8_t key[ZSET_HASH_KEY_LEN]);
/* Frees every entry and the table, releasing their bytes; z is empty after. */
void zset_free(struct zset *z);

/* Adds diff to the count of key[0..len) (len may be 0); an entry reaching
 * zero is removed. diff 0 is a no-op. */
enum zset_result zset_add(struct zset *z, const uint8_t *key, size_t len, int64_t diff);

/* The count of key (0 when absent). */
int64_t zset_count(const struct zset *z, const uint8_t *key, size_t len);

/* Non-zero entries. */
size_t zset_size(const struct zset *z);

/*
 * Map mode, for the upsert envelope's key -> value state: an entry holds a
 * value beside its key and its count is 1. Do not mix with zset_add() on the
 * same zset. zset_put() sets (or replaces) the value of key; zset_del()
 * removes key (false if absent); zset_get() finds it (the value points into
 * the zset, valid until the next change).
 */
enum zset_result zset_put(struct zset *z, const uint8_t *key, size_t len, const uint8_t *value,
                          size_t vlen);
bool zset_del(struct zset *z, const uint8_t *key, size_t len);
bool zset_get(const struct zset *z, const uint8_t *key, size_t len, const uint8_t **value,
              size_t *vlen);

/* One entry, as iteration shows it; pointers into the zset. */
struct zset_entry {
    const uint8_t *key;   /* key bytes */
    size_t len;           /* key length */
    const uint8_t *value; /* map mode: value bytes; else NULL */
    size_t vlen;          /* map mode: value length; else 0 */
    int64_t count;        /* non-zero count (1 in map mode) */
};

/*
 * Iteration over the entries, in an unspecified but deterministic order:
 * start with `struct zset_iter it = {0}`; each true return fills *e (valid
 * until the next change). The zset must not change during an iteration.
 */
struct zset_iter {
    size_t bucket;          /* next bucket to visit */
    struct zset_node *node; /* next node in the current chain, or NULL */
};
bool zset_next(const struct zset *z, struct zset_iter *it, struct zset_entry *e);

/* Bytes one entry of a key of len bytes (and a value of vlen, map mode) holds. */
size_t zset_entry_bytes(size_t len, size_t vlen);

/* The ZC002 message for an exceeded limit, into buf (snprintf semantics):
 * "SUBSCRIBE could not be carried over the deployment: splice memory limit
 * (N bytes) exceeded; resubscribe". */
int zset_limit_message(char *buf, size_t cap, size_t limit);

#endif
