/*
 * session_timeouts.c: see session_timeouts.h.
 */
#include "proxy/session_timeouts.h"

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

/* PostgreSQL's codes for the same endings (idle_session_timeout,
 * idle_in_transaction_session_timeout), so that clients treat them alike. */
#define SQLSTATE_IDLE_SESSION_TIMEOUT "57P05"
#define SQLSTATE_IDLE_IN_TX_TIMEOUT   "25P03"

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
    default:
        /* HELD is bounded by the barrier's own timeout; the startup states
         * by startup_timeout; CLOSING by the linger. */
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
        evtimer_del(c->timer);
        return;
    }
    struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
    evtimer_add(c->timer, &tv);
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
        struct timeval tv = {ms / 1000, (ms % 1000) * 1000};
        evtimer_add(c->timer, &tv);
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
