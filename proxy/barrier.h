/*
 * barrier.h: pause. While raised, a session that is IDLE and outside a
 * transaction keeps its next statement in its input buffer (state HELD);
 * sessions inside a transaction or with a statement in flight go on. When
 * none is left busy the `done` callback fires with BARRIER_QUIESCED; if the
 * timeout passes first it fires with BARRIER_TIMED_OUT and the ids of the
 * sessions still busy (the barrier stays raised until barrier_lower()).
 * Lowering resumes HELD sessions in arrival order.
 */
#ifndef CUTOVER_PROXY_BARRIER_H
#define CUTOVER_PROXY_BARRIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <event2/event.h>

struct proxy;
struct conn;

enum barrier_outcome {
    BARRIER_QUIESCED,  /* no session is in a transaction or ACTIVE */
    BARRIER_TIMED_OUT, /* timeout passed; `blocking` lists who was still busy */
    BARRIER_LOWERED,   /* lowered before either happened */
};

/* `blocking` (n ids) is valid only during the call. */
typedef void (*barrier_done_fn)(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                                void *arg);

TAILQ_HEAD(barrier_queue, conn);

struct barrier {
    bool raised;              /* new statements are held */
    bool reported;            /* `done` was called for this raise */
    struct event *timeout_ev; /* fires BARRIER_TIMED_OUT; owned */
    barrier_done_fn done;     /* may be NULL */
    void *done_arg;
    struct barrier_queue held; /* HELD conns in arrival order */
    size_t nheld;              /* length of held */
};

void barrier_init(struct barrier *b);
void barrier_free(struct barrier *b);

/* Raises the barrier. timeout_ms <= 0 means no timeout. False if already raised.
 * `done` may be called before this returns when already quiescent. */
bool barrier_raise(struct proxy *p, int timeout_ms, barrier_done_fn done, void *arg);
/* Lowers it and resumes HELD sessions in arrival order. No-op if not raised. */
void barrier_lower(struct proxy *p);
bool barrier_is_raised(const struct proxy *p);

/* Writes the `n` session ids as "<prefix>1, <prefix>2, ..." into buf (cut
 * short, never overflowing, when it is full); for timeout messages. */
void barrier_format_ids(char *buf, size_t cap, const char *prefix, const uint64_t *ids, size_t n);

/* Number of sessions that keep the barrier from quiescing (ACTIVE or in_tx). */
size_t barrier_busy_count(struct proxy *p);

/* Called by conn.c: state or in_tx changed; may fire `done`. */
void barrier_check(struct proxy *p);
/* Called by the relay: `c` was IDLE outside a transaction and a statement
 * arrived while raised. Sets it HELD and queues it. */
void barrier_hold(struct proxy *p, struct conn *c);
/* Resumes one HELD session now, the barrier staying as it is (a client's
 * own swap, once the others are done). Re-enters the relay for `c`. */
void barrier_release(struct proxy *p, struct conn *c);
/* Called by conn_free / conn_close: drop `c` from the queue if queued. */
void barrier_forget(struct proxy *p, struct conn *c);

#endif
