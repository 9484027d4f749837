/*
 * evmem.c: see evmem.h.
 */
#include "proxy/evmem.h"

#include <malloc.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include <event2/event.h>

/* Sanitizer builds keep plain malloc (evmem.h): nothing below is used there. */
#if !defined(__SANITIZE_ADDRESS__)

/* Block sizes cached: libevent sizes its chunks in powers of two from 512
 * bytes, and cutoverd's reads ask for 16 kB (CONN_READ_SIZE). */
#define EVMEM_MIN_SHIFT 9
#define EVMEM_MAX_SHIFT 14
#define EVMEM_CLASSES   (EVMEM_MAX_SHIFT - EVMEM_MIN_SHIFT + 1)
/* Freed blocks kept per size: enough for the chunks a busy loop pass frees
 * before it allocates again; at most 64 x 16 kB held for the largest. */
#define EVMEM_KEEP 64

struct evmem_class {
    size_t usable; /* malloc_usable_size() of a block of this class */
    int n;         /* blocks kept */
    void *kept[EVMEM_KEEP];
};

static struct evmem_class classes[EVMEM_CLASSES];

/* The class a request of `size` bytes is served from, or -1. */
static int evmem_class_of_request(size_t size)
{
    if (size < ((size_t)1 << EVMEM_MIN_SHIFT) || size > ((size_t)1 << EVMEM_MAX_SHIFT) ||
        (size & (size - 1)) != 0)
        return -1;
    return __builtin_ctzl(size) - EVMEM_MIN_SHIFT;
}

/* The class a freed block goes back to: blocks are told apart by their
 * usable size, which is all free() is given. A class's usable size is a
 * little over its power of two (malloc's rounding), so the power below it
 * names the only class the block can be of. */
static int evmem_class_of_block(void *p)
{
    size_t usable = malloc_usable_size(p);
    if (usable < ((size_t)1 << EVMEM_MIN_SHIFT))
        return -1;
    int k = (int)(sizeof(unsigned long) * 8 - 1) - __builtin_clzl(usable) - EVMEM_MIN_SHIFT;
    if (k >= EVMEM_CLASSES || classes[k].usable != usable)
        return -1;
    return k;
}

static void *evmem_malloc(size_t size)
{
    int k = evmem_class_of_request(size);
    if (k >= 0 && classes[k].n > 0)
        return classes[k].kept[--classes[k].n];
    return malloc(size);
}

static void evmem_free(void *p)
{
    if (p == NULL)
        return;
    int k = evmem_class_of_block(p);
    if (k >= 0 && classes[k].n < EVMEM_KEEP) {
        classes[k].kept[classes[k].n++] = p;
        return;
    }
    free(p);
}

#endif

size_t evmem_kept(void)
{
    size_t n = 0;
#if !defined(__SANITIZE_ADDRESS__)
    for (int i = 0; i < EVMEM_CLASSES; i++)
        n += (size_t)classes[i].n;
#endif
    return n;
}

void evmem_install(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return;
#else
    /* A class's usable size is what malloc gives for its request; a block
     * from a request of another size with the same usable size serves it
     * as well. */
    for (int i = 0; i < EVMEM_CLASSES; i++) {
        void *p = malloc((size_t)1 << (EVMEM_MIN_SHIFT + i));
        if (p == NULL)
            return;
        classes[i].usable = malloc_usable_size(p);
        free(p);
    }
    event_set_mem_functions(evmem_malloc, realloc, evmem_free);
#endif
}
