/*
 * secret.c: moving secrets through evbuffers without leaving copies in freed
 * chunks (secret.h), and the no-core-dump switch.
 */
#include "proxy/secret.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <openssl/crypto.h>

/* Enough for a message of a few chunks; more falls back to the heap. */
#define SECRET_IOV_STACK 8

bool secret_take(struct evbuffer *in, size_t len, uint8_t **out)
{
    *out = NULL;
    if (evbuffer_get_length(in) < len)
        return false;
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL)
        return false;
    /* evbuffer_peek, not evbuffer_pullup: a pullup copies the message into
     * one chunk and frees the others unwiped. */
    struct evbuffer_iovec stack_vec[SECRET_IOV_STACK];
    struct evbuffer_iovec *vec = stack_vec;
    int n = evbuffer_peek(in, (ev_ssize_t)len, NULL, NULL, 0);
    if (n > SECRET_IOV_STACK) {
        vec = malloc((size_t)n * sizeof *vec);
        if (vec == NULL) {
            free(copy);
            return false;
        }
    }
    n = evbuffer_peek(in, (ev_ssize_t)len, NULL, vec, n < 0 ? 0 : n);
    size_t got = 0;
    for (int i = 0; i < n && got < len; i++) {
        size_t k = vec[i].iov_len < len - got ? vec[i].iov_len : len - got;
        memcpy(copy + got, vec[i].iov_base, k);
        OPENSSL_cleanse(vec[i].iov_base, k);
        got += k;
    }
    if (vec != stack_vec)
        free(vec);
    evbuffer_drain(in, len);
    *out = copy;
    return true;
}

static void secret_ref_done(const void *data, size_t len, void *extra)
{
    (void)extra;
    secret_free((void *)data, len);
}

bool secret_send(struct evbuffer *out, uint8_t *buf, size_t len)
{
    if (evbuffer_add_reference(out, buf, len, secret_ref_done, NULL) != 0) {
        secret_free(buf, len);
        return false;
    }
    return true;
}

bool secret_send_copy(struct evbuffer *out, const void *data, size_t len)
{
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL)
        return false;
    memcpy(copy, data, len);
    return secret_send(out, copy, len);
}

void secret_free(void *p, size_t len)
{
    if (p == NULL)
        return;
    OPENSSL_cleanse(p, len);
    free(p);
}

bool secret_disable_core_dumps(char *err, size_t errlen)
{
    struct rlimit none = {0, 0};
    if (setrlimit(RLIMIT_CORE, &none) != 0) {
        snprintf(err, errlen, "setrlimit(RLIMIT_CORE, 0): %s", strerror(errno));
        return false;
    }
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        snprintf(err, errlen, "prctl(PR_SET_DUMPABLE, 0): %s", strerror(errno));
        return false;
    }
    return true;
}
