/*
 * session_timeouts.c: see session_timeouts.h.
 */
#include "proxy/session_timeouts.h"

#include <stdint.h>
#include <time.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <event2/event.h>

#include "protocol/sqlstate.h"
#include "proxy/cancel.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/stats.h"
#include "proxy/swapwatch.h"

/* PostgreSQL's codes for the same endings (idle_session_timeout,
 * idle_in_transaction_session_timeout), so that clients treat them alike. */
#define SQLSTATE_IDLE_SESSION_TIMEOUT "57P05"
#define SQLSTATE_IDLE_IN_TX_TIMEOUT   "25P03"

/* query_wait_timeout ends the session with 57014 (query_canceled), not
 * PgBouncer's 08P01: the statement was not run and the client is not at
 * fault; drivers map 57014 to their timeout error (psycopg's QueryCanceled,
 * JDBC's SQLTimeoutException), which is what happened, and query_timeout's
 * FATAL uses it too. 08P01 says a protocol violation, i.e. a bug to look
 * for in the client. */
#define SQLSTATE_QUERY_WAIT_TIMEOUT SQLSTATE_QUERY_CANCELED

static int64_t ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t ms = (int64_t)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
    return ms < 0 ? 0 : ms;
}

/* The limit in ms for c's state now; 0 = none. */
static int limit_ms(const struct conn *c)
{
    const struct config *cfg = c->proxy->cfg;
    switch (c->state) {
    case CONN_IDLE:
        return c->in_tx ? cfg->idle_transaction_timeout_ms : cfg->client_idle_timeout_ms;
    case CONN_ACTIVE:
        /* A SUBSCRIBE streams for as long as the client wants it. */
        return c->sub != NULL ? 0 : cfg->query_timeout_ms;
    case CONN_HELD:
        /* The deployment swap's own statement, waiting for the others, is
         * the promote itself: ending it would fail the swap for everyone;
         * swap_pause_timeout bounds it. */
        if (swapwatch_wants(c->proxy, c))
            return 0;
        return cfg->query_wait_timeout_ms;
    default:
        /* The startup states are bounded by startup_timeout; CLOSING by
         * the linger. */
        return 0;
    }
}

void session_timeouts_arm(struct conn *c)
{
    if (c->state != CONN_IDLE && c->state != CONN_ACTIVE && c->state != CONN_HELD)
        return;
    if (c->state != CONN_ACTIVE)
        c->query_cancelled = 0;
    int ms = limit_ms(c);
    if (ms <= 0) {
        conn_timer_disarm(c);
        return;
    }
    /* A HELD session's limit counts from when it was held (held_since),
     * not from this call: conn_set_in_tx() re-arms the timer in any state,
     * and relay_ready_status() calls it for a HELD session too. */
    int64_t left = ms;
    if (c->state == CONN_HELD)
        left = ms - ms_since(&c->held_since);
    conn_timer_arm(c, left);
}

void session_timeouts_fire(struct conn *c)
{
    const struct config *cfg = c->proxy->cfg;
    int ms = limit_ms(c);
    if (ms <= 0)
        return; /* the limit was turned off by a reload since it was armed */
    if (c->state == CONN_IDLE && c->in_tx) {
        log_conn(c, LOG_LVL_WARNING, "idle in a transaction for %d ms (idle_transaction_timeout)",
                 ms);
        conn_fail(c, SQLSTATE_IDLE_IN_TX_TIMEOUT,
                  "terminating connection due to idle-in-transaction timeout");
        return;
    }
    if (c->state == CONN_HELD) {
        /* The statement never reached the server: the session ends as
         * PgBouncer ends it, and conn_close() takes it off the barrier's
         * queue (barrier_forget) and says Terminate to the server. The
         * barrier counts only busy sessions, so the promote goes on for
         * the others. Its time held is recorded as a released one's is. */
        int64_t held = ms_since(&c->held_since);
        c->proxy->stats.query_wait_timeouts++;
        stats_record_held(&c->proxy->stats, (uint64_t)held);
        log_conn(c, LOG_LVL_WARNING, "held at the barrier for %lld ms (query_wait_timeout)",
                 (long long)held);
        conn_fail(c, SQLSTATE_QUERY_WAIT_TIMEOUT,
                  "query_wait_timeout: the statement was held %lld ms at the barrier (a promote "
                  "pausing the sessions) and did not run; terminating connection",
                  (long long)held);
        return;
    }
    if (c->state == CONN_IDLE) {
        log_conn(c, LOG_LVL_INFO, "idle for %d ms (client_idle_timeout)", ms);
        conn_fail(c, SQLSTATE_IDLE_SESSION_TIMEOUT,
                  "terminating connection due to idle-session timeout");
        return;
    }
    /* ACTIVE past query_timeout: the server cancels the statement and the
     * session lives on, as with statement_timeout. A server that does not
     * end it within the same time again is not answering: the session ends. */
    if (!c->query_cancelled && cancel_backend(c->proxy, c, 0)) {
        c->query_cancelled = 1;
        log_conn(c, LOG_LVL_WARNING, "statement ran %d ms (query_timeout): cancel sent", ms);
        conn_timer_arm(c, ms);
        return;
    }
    log_conn(c, LOG_LVL_WARNING, "statement still running %d ms after its cancel (query_timeout)",
             cfg->query_timeout_ms);
    conn_fail(c, SQLSTATE_QUERY_CANCELED,
              "terminating connection: the statement exceeded query_timeout and the server did "
              "not end it after a cancel");
}

void session_tcp_keepalive(const struct config *cfg, evutil_socket_t fd)
{
    int on = cfg->tcp_keepalive ? 1 : 0;
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    if (!on)
        return;
    /* 0 = the kernel's default (net.ipv4.tcp_keepalive_*). */
    int idle = cfg->tcp_keepidle_ms / 1000, intvl = cfg->tcp_keepintvl_ms / 1000,
        cnt = cfg->tcp_keepcnt;
    if (idle > 0)
        setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    if (intvl > 0)
        setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
    if (cnt > 0)
        setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
}
