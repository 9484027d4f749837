/*
 * test_evmem.c: libevent's allocator (proxy/evmem.h) keeps freed evbuffer
 * chunks for the next one, and what libevent hands out stays free()-able.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "proxy/conn.h"
#include "proxy/evmem.h"

#if defined(__SANITIZE_ADDRESS__)
#define SKIP_UNDER_ASAN() cr_skip_test("evmem keeps no blocks under AddressSanitizer")
#else
#define SKIP_UNDER_ASAN() (void)0
#endif

/* One read as conn_read_side does it: a chunk reserved and filled. */
static void fill_like_a_read(struct evbuffer *b, size_t n)
{
    struct evbuffer_iovec v;
    cr_assert_eq(evbuffer_reserve_space(b, CONN_READ_SIZE - 256, &v, 1), 1);
    cr_assert_geq(v.iov_len, n);
    memset(v.iov_base, 'x', n);
    v.iov_len = n;
    cr_assert_eq(evbuffer_commit_space(b, &v, 1), 0);
}

Test(evmem, a_drained_read_chunk_serves_the_next_read)
{
    SKIP_UNDER_ASAN();
    evmem_install();
    struct evbuffer *b = evbuffer_new();
    cr_assert_not_null(b);
    fill_like_a_read(b, 100);
    const void *first = evbuffer_pullup(b, 1);
    size_t kept = evmem_kept();
    evbuffer_drain(b, 100); /* the chunk is freed: kept for the next */
    cr_assert_eq(evmem_kept(), kept + 1);
    fill_like_a_read(b, 200);
    cr_assert_eq(evmem_kept(), kept, "the next read's chunk came from the kept ones");
    cr_assert_eq(evbuffer_pullup(b, 1), first, "the same block, reused");
    evbuffer_free(b);
}

Test(evmem, memory_libevent_returns_is_freed_with_free)
{
    evmem_install();
    struct evbuffer *b = evbuffer_new();
    cr_assert_not_null(b);
    evbuffer_add_printf(b, "%0*d\n", 2000, 7); /* a line longer than the smallest class */
    size_t len = 0;
    char *line = evbuffer_readln(b, &len, EVBUFFER_EOL_LF);
    cr_assert_not_null(line);
    cr_assert_eq(len, 2000);
    free(line); /* a plain malloc block, as callers of evbuffer_readln expect */
    evbuffer_free(b);
}

Test(evmem, blocks_kept_are_bounded)
{
    SKIP_UNDER_ASAN();
    evmem_install();
    enum { N = 200 };
    struct evbuffer *bufs[N];
    for (int i = 0; i < N; i++) {
        bufs[i] = evbuffer_new();
        cr_assert_not_null(bufs[i]);
        fill_like_a_read(bufs[i], 10);
    }
    for (int i = 0; i < N; i++)
        evbuffer_free(bufs[i]);
    /* 200 chunks of 16 kB freed at once: a bounded number is kept, the rest
     * goes back to malloc. */
    cr_assert_leq(evmem_kept(), 6 * 64);
    cr_assert_lt(evmem_kept(), N);
}
