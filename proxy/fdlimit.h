/*
 * fdlimit.h: file descriptors. What cutoverd needs for its configuration,
 * raising RLIMIT_NOFILE's soft limit to it at start and on reload, and the
 * accept backoff: when accept() fails for want of a descriptor, the
 * listeners stop for a moment instead of firing again at once.
 */
#ifndef CUTOVER_PROXY_FDLIMIT_H
#define CUTOVER_PROXY_FDLIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include <event2/listener.h>

struct proxy;

#define FDLIMIT_PER_CLIENT 2  /* the client's socket and its server's */
#define FDLIMIT_RESERVE    64 /* listeners, admin peers, log, libpq, cancels */
/* How long the listeners stay off after accept() found no descriptor. */
#define FDLIMIT_ACCEPT_BACKOFF_MS 1000

/* Descriptors max_client_conn sessions need, with the reserve, plus
 * `extra` (HTTP peers, the carry-over's second server sessions). */
uint64_t fdlimit_needed(int max_client_conn, uint64_t extra);

enum fdlimit_plan {
    FDLIMIT_FITS,  /* the soft limit already covers the need */
    FDLIMIT_RAISE, /* raise the soft limit to *new_soft (>= need) */
    FDLIMIT_SHORT, /* the hard limit is below the need: raise to it (*new_soft), still short */
};
/* The decision, pure: `need` against the current soft and hard limits
 * (UINT64_MAX for unlimited). *new_soft is set for RAISE and SHORT. */
enum fdlimit_plan fdlimit_plan(uint64_t need, uint64_t soft, uint64_t hard, uint64_t *new_soft);

/*
 * Makes RLIMIT_NOFILE fit p->cfg->max_client_conn: raises the soft limit up
 * to the hard one when needed, and logs what it did, or a warning that says
 * how many sessions the limit allows and how to raise it. Returns true when
 * the limit fits.
 */
bool fdlimit_ensure(struct proxy *p);

/*
 * The accept backoff. proxy.c and admin.c register their listeners with
 * fdlimit_watch (and unregister them before freeing them), and their accept
 * error callbacks call fdlimit_accept_failed. On EMFILE, ENFILE, ENOBUFS or ENOMEM
 * every watched listener is disabled for FDLIMIT_ACCEPT_BACKOFF_MS, counted
 * once in stats.accept_backoffs and logged once; the connections waiting in
 * the kernel's backlog are accepted when the timer re-enables them (client
 * listeners stay off once the proxy is exiting). Other errors are logged.
 */
void fdlimit_watch(struct proxy *p, struct evconnlistener *l, const char *name);
void fdlimit_unwatch(struct proxy *p, struct evconnlistener *l);
void fdlimit_accept_failed(struct proxy *p, const char *name, int err);
/* Frees the backoff timer (proxy_free). */
void fdlimit_free(struct proxy *p);

#endif
