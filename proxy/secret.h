/*
 * secret.h: keeping a password, a SASL message or a key out of memory that
 * outlives its use.
 *
 * libevent frees an evbuffer's chunks without wiping them, so a
 * PasswordMessage relayed the ordinary way (moved chunk to chunk, then
 * written and freed) leaves its bytes in freed heap memory for as long as
 * nothing reuses it: a core dump, a heap read through a later bug or a
 * debugger finds them there. The messages that carry secrets are therefore
 * taken out of the input evbuffer with secret_take() (copied to memory of
 * our own, then wiped where they sat before the chunks are drained) and
 * queued with secret_send(), which hands the evbuffer a reference to that
 * memory: libevent writes from it, and the callback wipes and frees it once
 * it has been written (or its evbuffer freed). Nothing else keeps a copy.
 */
#ifndef CUTOVER_PROXY_SECRET_H
#define CUTOVER_PROXY_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/buffer.h>

/*
 * Removes the first `len` bytes of `in` (which must hold at least that many)
 * into a malloc'd copy returned in *out, wiping every byte of them in `in`'s
 * chunks before draining. False on allocation failure (`in` unchanged).
 * The caller owns *out: pass it to secret_send() or secret_free().
 */
bool secret_take(struct evbuffer *in, size_t len, uint8_t **out);

/*
 * Queues `buf` (malloc'd, `len` bytes; ownership moves here whatever the
 * result) on `out` without copying: it is wiped and freed once written or
 * when `out` is freed. False when libevent refused it (then already wiped
 * and freed).
 */
bool secret_send(struct evbuffer *out, uint8_t *buf, size_t len);

/* secret_send() of a copy of `data` (which the caller still owns and wipes). */
bool secret_send_copy(struct evbuffer *out, const void *data, size_t len);

/* Wipes `len` bytes at `p` and frees it; NULL is fine. */
void secret_free(void *p, size_t len);

/*
 * Makes the process non-dumpable (no core file, no ptrace attach by a
 * non-root user of the same uid, /proc/PID/mem closed to them) and sets
 * RLIMIT_CORE to 0, so that a crash does not write the passwords and keys in
 * memory to disk. False with `err` filled when either call failed.
 */
bool secret_disable_core_dumps(char *err, size_t errlen);

#endif
