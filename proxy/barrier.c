/*
 * barrier.c: pause at statement boundaries.
 *
 * "Busy" means ACTIVE or inside a transaction block: those sessions may run
 * on while the barrier is up, and the barrier is quiescent when none is left.
 * Counting is a walk over the conns, done only while the barrier is raised
 * and a state changes: a pause is rare and short, a counter kept on every
 * transition would tax every statement.
 */
#include "proxy/barrier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "proxy/conn.h"
#include "proxy/feature.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"
#include "proxy/stats.h"

void barrier_init(struct barrier *b)
{
    b->raised = false;
    b->reported = false;
    b->timeout_ev = NULL;
    b->done = NULL;
    b->done_arg = NULL;
    TAILQ_INIT(&b->held);
    b->nheld = 0;
}

void barrier_free(struct barrier *b)
{
    if (b->timeout_ev)
        event_free(b->timeout_ev);
    b->timeout_ev = NULL;
}

static bool barrier_conn_busy(const struct conn *c)
{
    /* HELD is waiting, not running: even a HELD session inside a
     * transaction (a client's own swap waiting for the others, swapwatch.h). */
    if (c->state == CONN_CLOSING || c->state == CONN_HELD || c->state < CONN_IDLE)
        return false;
    /* A feature's statement that never finishes on its own (a running
     * SUBSCRIBE: the swap carries it over instead) does not hold it up. */
    if (feature_lets_barrier_pass(c))
        return false;
    return c->state == CONN_ACTIVE || c->in_tx;
}

size_t barrier_busy_count(struct proxy *p)
{
    size_t n = 0;
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        if (barrier_conn_busy(c))
            n++;
    }
    return n;
}

static void barrier_report(struct proxy *p, enum barrier_outcome outcome)
{
    struct barrier *b = &p->barrier;
    if (b->reported)
        return;
    b->reported = true;
    if (b->timeout_ev)
        evtimer_del(b->timeout_ev);
    size_t n = 0;
    uint64_t *ids = NULL;
    if (outcome == BARRIER_TIMED_OUT) {
        size_t busy = barrier_busy_count(p);
        ids = calloc(busy ? busy : 1, sizeof *ids);
        struct conn *c;
        TAILQ_FOREACH(c, &p->conns, link)
        {
            if (ids && n < busy && barrier_conn_busy(c))
                ids[n++] = c->id;
        }
        p->stats.pause_timeouts++;
        log_msg(&p->log, LOG_LVL_WARNING, "pause timed out: %zu session(s) still busy", n);
    } else if (outcome == BARRIER_QUIESCED) {
        log_msg(&p->log, LOG_LVL_INFO, "pause: quiesced (%zu held)", b->nheld);
    }
    barrier_done_fn done = b->done;
    void *arg = b->done_arg;
    if (done)
        done(outcome, ids, n, arg);
    free(ids);
}

static void barrier_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    barrier_report(arg, BARRIER_TIMED_OUT);
}

bool barrier_raise(struct proxy *p, int timeout_ms, barrier_done_fn done, void *arg)
{
    struct barrier *b = &p->barrier;
    if (b->raised)
        return false;
    if (b->timeout_ev == NULL) {
        b->timeout_ev = evtimer_new(p->base, barrier_timeout_cb, p);
        if (b->timeout_ev == NULL)
            return false;
    }
    b->raised = true;
    b->reported = false;
    b->done = done;
    b->done_arg = arg;
    p->stats.pauses++;
    log_msg(&p->log, LOG_LVL_INFO, "pause: barrier raised (timeout %d ms, %zu busy)", timeout_ms,
            barrier_busy_count(p));
    if (timeout_ms > 0) {
        struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
        evtimer_add(b->timeout_ev, &tv);
    }
    barrier_check(p);
    return true;
}

void barrier_check(struct proxy *p)
{
    struct barrier *b = &p->barrier;
    if (!b->raised || b->reported)
        return;
    if (barrier_busy_count(p) == 0)
        barrier_report(p, BARRIER_QUIESCED);
}

void barrier_hold(struct proxy *p, struct conn *c)
{
    struct barrier *b = &p->barrier;
    clock_gettime(CLOCK_MONOTONIC, &c->held_since);
    conn_set_state(c, CONN_HELD);
    TAILQ_INSERT_TAIL(&b->held, c, held_link);
    b->nheld++;
    log_conn(c, LOG_LVL_DEBUG, "held at the barrier");
    conn_update_io(c);
}

void barrier_forget(struct proxy *p, struct conn *c)
{
    struct barrier *b = &p->barrier;
    if (c->state != CONN_HELD)
        return;
    TAILQ_REMOVE(&b->held, c, held_link);
    b->nheld--;
}

static uint64_t barrier_ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ms = (int64_t)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
    return ms < 0 ? 0 : (uint64_t)ms;
}

void barrier_lower(struct proxy *p)
{
    struct barrier *b = &p->barrier;
    if (!b->raised)
        return;
    if (!b->reported)
        barrier_report(p, BARRIER_LOWERED);
    b->raised = false;
    if (b->timeout_ev)
        evtimer_del(b->timeout_ev);
    size_t resumed = b->nheld;
    /* Resume in arrival order. Each resumed conn's statement is forwarded
     * right away; a conn that fails while resuming is only marked closing,
     * so the queue walk stays valid. */
    while (!TAILQ_EMPTY(&b->held))
        barrier_release(p, TAILQ_FIRST(&b->held));
    log_msg(&p->log, LOG_LVL_INFO, "pause: barrier lowered, %zu session(s) resumed", resumed);
}

void barrier_release(struct proxy *p, struct conn *c)
{
    if (c->state != CONN_HELD)
        return;
    barrier_forget(p, c);
    stats_record_held(&p->stats, barrier_ms_since(&c->held_since));
    conn_set_state(c, CONN_IDLE);
    relay_client_input(c);
}

void barrier_format_ids(char *buf, size_t cap, const char *prefix, const uint64_t *ids, size_t n)
{
    size_t used = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used + 24 + strlen(prefix) < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s%llu", i ? ", " : "", prefix,
                                 (unsigned long long)ids[i]);
}

bool barrier_is_raised(const struct proxy *p)
{
    return p->barrier.raised;
}
