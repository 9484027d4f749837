/*
 * siphash.h: SipHash (Aumasson and Bernstein), a keyed 64-bit hash of a byte
 * string. Keyed with a per-process random key, an attacker who does not know
 * the key cannot choose inputs that land in one hash bucket: the SUBSCRIBE
 * splice hashes row bytes a client can shape (issue 14.10). Pure: the key is
 * the caller's (proxy/ seeds it from OpenSSL's RAND_bytes).
 */
#ifndef CUTOVER_PROTOCOL_SIPHASH_H
#define CUTOVER_PROTOCOL_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define SIPHASH_KEY_LEN 16

/* SipHash-c-d of p[0..len) under key; c compression and d finalisation rounds.
 * siphash13 (c=1, d=3) is the fast variant hash tables use (Rust, Python);
 * siphash24 is the reference one, for test vectors. */
uint64_t siphash(const uint8_t key[SIPHASH_KEY_LEN], const void *p, size_t len, int c, int d);
uint64_t siphash13(const uint8_t key[SIPHASH_KEY_LEN], const void *p, size_t len);
uint64_t siphash24(const uint8_t key[SIPHASH_KEY_LEN], const void *p, size_t len);

#endif
