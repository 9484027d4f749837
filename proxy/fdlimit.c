/*
 * fdlimit.c: RLIMIT_NOFILE against the configuration, and the accept
 * backoff (fdlimit.h).
 *
 * A listening socket with a connection in its backlog stays readable while
 * accept() fails with EMFILE: a level-triggered loop calls the listener again
 * at once, forever, each call logging. Turning the listeners off for a moment
 * costs the waiting clients that moment (the kernel keeps them in the
 * backlog) and lets the sessions that end free descriptors meanwhile.
 */
#include "proxy/fdlimit.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "proxy/log.h"
#include "proxy/proxy.h"

uint64_t fdlimit_needed(int max_client_conn, uint64_t extra)
{
    uint64_t n = max_client_conn > 0 ? (uint64_t)max_client_conn : 0;
    return n * FDLIMIT_PER_CLIENT + FDLIMIT_RESERVE + extra;
}

/* What the configuration may open beside the sessions: up to
 * http_max_connections HTTP peers, and on Materialize one more server
 * session per carried subscription while a promote carries it (bounded by
 * [subscribe] max_sessions, and by the clients themselves). */
static uint64_t fdlimit_extra(const struct config *cfg)
{
    uint64_t extra = 0;
    if (cfg->http_listen != NULL && cfg->http_max_connections > 0)
        extra += (uint64_t)cfg->http_max_connections;
    if (cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE) {
        int carried = cfg->max_client_conn;
        if (cfg->subscribe_max_sessions > 0 && cfg->subscribe_max_sessions < carried)
            carried = cfg->subscribe_max_sessions;
        extra += carried > 0 ? (uint64_t)carried : 0;
    }
    return extra;
}

enum fdlimit_plan fdlimit_plan(uint64_t need, uint64_t soft, uint64_t hard, uint64_t *new_soft)
{
    if (soft >= need)
        return FDLIMIT_FITS;
    if (hard >= need) {
        *new_soft = need;
        return FDLIMIT_RAISE;
    }
    *new_soft = hard;
    return FDLIMIT_SHORT;
}

static uint64_t fdlimit_from_rlim(rlim_t r)
{
    return r == RLIM_INFINITY ? UINT64_MAX : (uint64_t)r;
}

bool fdlimit_ensure(struct proxy *p)
{
    int clients = p->cfg->max_client_conn;
    uint64_t need = fdlimit_needed(clients, fdlimit_extra(p->cfg));
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        log_msg(&p->log, LOG_LVL_WARNING, "getrlimit(RLIMIT_NOFILE): %s", strerror(errno));
        return false;
    }
    uint64_t soft = fdlimit_from_rlim(rl.rlim_cur), hard = fdlimit_from_rlim(rl.rlim_max);
    uint64_t new_soft = soft;
    enum fdlimit_plan plan = fdlimit_plan(need, soft, hard, &new_soft);
    if (plan == FDLIMIT_FITS)
        return true;
    if (new_soft > soft) {
        struct rlimit want = {(rlim_t)new_soft, rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &want) != 0) {
            log_msg(&p->log, LOG_LVL_WARNING, "setrlimit(RLIMIT_NOFILE, %llu): %s",
                    (unsigned long long)new_soft, strerror(errno));
            new_soft = soft;
            plan = FDLIMIT_SHORT;
        }
    }
    if (plan == FDLIMIT_RAISE) {
        log_msg(&p->log, LOG_LVL_INFO,
                "raised the open files limit (RLIMIT_NOFILE) from %llu to %llu for "
                "max_client_conn=%d",
                (unsigned long long)soft, (unsigned long long)new_soft, clients);
        return true;
    }
    uint64_t fits =
        new_soft > FDLIMIT_RESERVE ? (new_soft - FDLIMIT_RESERVE) / FDLIMIT_PER_CLIENT : 0;
    log_msg(&p->log, LOG_LVL_WARNING,
            "max_client_conn=%d needs about %llu open files but RLIMIT_NOFILE allows %llu "
            "(hard limit %llu) and cannot be raised further: about %llu sessions fit; past "
            "that accept() fails and cutoverd pauses accepting. Raise the hard limit "
            "(ulimit -Hn, systemd LimitNOFILE=) or lower max_client_conn",
            clients, (unsigned long long)need, (unsigned long long)new_soft,
            (unsigned long long)hard, (unsigned long long)fits);
    return false;
}

/* ---- accept backoff ---- */

static bool fdlimit_is_client_listener(const struct proxy *p, const struct evconnlistener *l)
{
    for (int i = 0; i < ROUTE_COUNT; i++)
        if (p->listeners[i] == l)
            return true;
    return p->unix_listener == l;
}

static void fdlimit_resume_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    p->accept_paused = false;
    for (size_t i = 0; i < p->nwatched; i++) {
        if (p->exiting && fdlimit_is_client_listener(p, p->watched[i].listener))
            continue;
        evconnlistener_enable(p->watched[i].listener);
    }
    log_msg(&p->log, LOG_LVL_DEBUG, "accepting connections again");
}

static bool fdlimit_out_of_descriptors(int err)
{
    return err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM;
}

void fdlimit_accept_failed(struct proxy *p, const char *name, int err)
{
    if (!fdlimit_out_of_descriptors(err)) {
        log_msg(&p->log, LOG_LVL_ERROR, "accept failed on the %s listener: %s", name,
                evutil_socket_error_to_string(err));
        return;
    }
    if (p->accept_paused)
        return; /* another listener of the same process, within the same backoff */
    if (p->accept_timer == NULL) {
        p->accept_timer = evtimer_new(p->base, fdlimit_resume_cb, p);
        if (p->accept_timer == NULL) {
            log_msg(&p->log, LOG_LVL_ERROR, "accept failed on the %s listener: %s", name,
                    evutil_socket_error_to_string(err));
            return;
        }
    }
    p->accept_paused = true;
    p->stats.accept_backoffs++;
    for (size_t i = 0; i < p->nwatched; i++)
        evconnlistener_disable(p->watched[i].listener);
    struct rlimit rl;
    unsigned long long soft = 0;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0)
        soft = rl.rlim_cur == RLIM_INFINITY ? 0 : (unsigned long long)rl.rlim_cur;
    log_msg(&p->log, LOG_LVL_WARNING,
            "accept failed on the %s listener: %s (%zu connections, open files limit %llu): not "
            "accepting for %d ms (backoff %llu)",
            name, evutil_socket_error_to_string(err), p->nconns, soft, FDLIMIT_ACCEPT_BACKOFF_MS,
            (unsigned long long)p->stats.accept_backoffs);
    struct timeval tv = {FDLIMIT_ACCEPT_BACKOFF_MS / 1000,
                         (FDLIMIT_ACCEPT_BACKOFF_MS % 1000) * 1000};
    evtimer_add(p->accept_timer, &tv);
}

void fdlimit_watch(struct proxy *p, struct evconnlistener *l, const char *name)
{
    if (p->nwatched == PROXY_MAX_WATCHED) {
        /* A programming error: the table is sized for every listener we make. */
        log_msg(&p->log, LOG_LVL_ERROR, "too many listeners to watch (%s)", name);
        return;
    }
    p->watched[p->nwatched].listener = l;
    p->nwatched++;
}

void fdlimit_unwatch(struct proxy *p, struct evconnlistener *l)
{
    for (size_t i = 0; i < p->nwatched; i++) {
        if (p->watched[i].listener == l) {
            p->watched[i] = p->watched[p->nwatched - 1];
            p->nwatched--;
            return;
        }
    }
}

void fdlimit_free(struct proxy *p)
{
    if (p->accept_timer)
        event_free(p->accept_timer);
    p->accept_timer = NULL;
    p->nwatched = 0;
}
