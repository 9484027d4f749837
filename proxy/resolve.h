/*
 * resolve.h: the backend's address, looked up without blocking the event
 * loop. A numeric [backend] address is parsed once. A host name is looked up
 * with libevent's evdns (the system's /etc/hosts and /etc/resolv.conf, a
 * timeout per attempt), at start, on reload, and again in the background
 * once an answer is older than RESOLVE_CACHE_S; sessions use the last
 * answer meanwhile (a failed refresh keeps it). Only while there is no
 * answer at all does a new session wait for the lookup, and a failed one
 * ends it with 08006. libpq's own connections to the backend get the
 * answer as `hostaddr` (resolve_backend_hostaddr) so that libpq never looks
 * the name up itself.
 */
#ifndef CUTOVER_PROXY_RESOLVE_H
#define CUTOVER_PROXY_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define RESOLVE_CACHE_S   30  /* an answer is used this long before it is looked up again */
#define RESOLVE_TIMEOUT_S "3" /* evdns: seconds per attempt */
#define RESOLVE_ATTEMPTS  "2" /* evdns: attempts per name server */

struct proxy;
struct conn;
struct evdns_base;
struct evdns_getaddrinfo_request;

struct resolver {
    struct evdns_base *dns;                /* owned; NULL for a numeric address */
    struct evdns_getaddrinfo_request *req; /* lookup in flight; NULL = none */
    char *host;                            /* owned; the name looked up */
    char port[8];                          /* its port */
    bool numeric;                          /* the address is numeric: never looked up */
    bool have;                             /* p->backend_addr holds an answer */
    struct timespec at;                    /* when it was answered (CLOCK_MONOTONIC) */
    uint64_t *waiters;                     /* owned; ids of sessions waiting for one */
    size_t nwaiters;                       /* used */
    size_t cap;                            /* allocated */
    char error[256];                       /* why the last lookup failed; "" = it did not */
    uint64_t lookups;                      /* lookups started */
    uint64_t failures;                     /* lookups that failed */
};

/*
 * Parses `hostport` ([backend] address) for `p` and, for a host name,
 * creates the evdns base and starts the first lookup (never blocks). False
 * with `err` for an address that cannot be parsed or no resolver.
 */
bool resolve_init(struct proxy *p, const char *hostport, char *err, size_t errlen);
/* Cancels a lookup in flight and frees everything. */
void resolve_free(struct proxy *p);
/* The address may have moved (reload): look the name up again now; the
 * last answer is used until the new one arrives. */
void resolve_refresh(struct proxy *p);
/*
 * True when p->backend_addr can be used for `c` now (a lookup may start in
 * the background). False: `c` waits; when the lookup ends backend_connect(c)
 * runs again, or `c` fails with 08006 (the caller must not touch `c` after
 * false: it may already have failed).
 */
bool resolve_backend_ready(struct proxy *p, struct conn *c);
/* The loop's evdns base (the backend's, or one made now): for other names
 * looked up without blocking, such as [admin] dsn's host. NULL when none can
 * be made. */
struct evdns_base *resolve_dns_base(struct proxy *p);
/* The address as text ("127.0.0.1", "::1") for libpq's hostaddr; false
 * when there is no answer yet. */
bool resolve_backend_hostaddr(const struct proxy *p, char *out, size_t outlen);

#endif
