/*
 * evmem.h: libevent's allocator for cutoverd, with a short free list per
 * power-of-two block size.
 *
 * Every read of a session's socket fills a new evbuffer chunk (16 kB) and
 * every reply forwarded may start another in the peer's output; libevent
 * frees each one as soon as it is written. Those blocks are too large for
 * glibc's per-thread cache, so each transaction paid four trips through
 * malloc's bins (about a tenth of the proxy's own instructions per
 * select-only transaction, measured with callgrind: docs/performance.md).
 * Keeping a few freed blocks of each size for the next chunk removes them.
 *
 * Blocks stay ordinary malloc blocks (no header), so memory libevent hands
 * to its caller (evbuffer_readln) may still be released with free().
 */
#ifndef CUTOVER_PROXY_EVMEM_H
#define CUTOVER_PROXY_EVMEM_H

#include <stddef.h>

/* Installs the allocator with event_set_mem_functions(); must run before
 * any other libevent call. Does nothing in sanitizer builds, where reusing
 * blocks would hide use-after-free from AddressSanitizer. */
void evmem_install(void);

/* Freed blocks held for reuse, all sizes (for tests and SHOW-style counters). */
size_t evmem_kept(void);

#endif
