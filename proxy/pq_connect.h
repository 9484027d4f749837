/*
 * pq_connect.h: starting a libpq connection without libpq looking a host
 * name up in the event loop.
 *
 * PQconnectStartParams calls getaddrinfo() itself for a host given by name,
 * which blocks the whole daemon for as long as the lookup takes (seconds
 * when a name server does not answer). pq_connect_start parses the
 * connection string, and when it names one host by name (not a socket
 * directory, not a list, no hostaddr, not a numeric address) looks it up
 * with libevent's evdns first, then starts libpq's connect with the answer
 * as `hostaddr` (the first IPv4 answer, else the first: a "localhost" that
 * also maps to ::1 is more often listened on over IPv4). `host` stays set,
 * so TLS still checks the certificate against the name.
 *
 * The daemon's libpq connections that name a host from the config go
 * through here: the deploy runner's (control/deploy.c), the fleet's
 * (control/fleet.c) and the auth query's (proxy/authquery.c). libpq's
 * sessions to the backend get the backend resolver's answer instead
 * (resolve.h).
 */
#ifndef CUTOVER_PROXY_PQ_CONNECT_H
#define CUTOVER_PROXY_PQ_CONNECT_H

#include <stdbool.h>

#include <libpq-fe.h>

struct evdns_base;
struct pq_connect;

/* Ends every start, exactly once unless cancelled first. `conn` is libpq's
 * connection, started (PQconnectPoll next; it may be CONNECTION_BAD already,
 * with PQerrorMessage saying why), and now the callee's; NULL when `error`
 * says why there is none: `could not resolve host "NAME": REASON`, or "out
 * of memory". */
typedef void (*pq_connect_fn)(void *arg, PGconn *conn, const char *error);

/* Starts a connection to `conninfo` (a key=value string or a URI; anything
 * else is taken as a database name, as libpq's expand_dbname does) with
 * `keys`/`vals` (NULL-terminated, may be NULL) added after it: a later
 * keyword wins. With `dns` NULL, or nothing to look up, libpq starts at
 * once. `fn` may run before this returns (no lookup, an /etc/hosts answer,
 * a failure): then the result is NULL. Otherwise it is the handle of the
 * lookup in flight, valid until `fn` runs or pq_connect_cancel. */
struct pq_connect *pq_connect_start(struct evdns_base *dns, const char *conninfo,
                                    const char *const *keys, const char *const *vals,
                                    pq_connect_fn fn, void *arg);

/* `fn` will not run; the lookup is abandoned. NULL is fine. Not for a handle
 * whose `fn` ran already (the handle is gone then). */
void pq_connect_cancel(struct pq_connect *pc);

/* Whether `host` (the value of libpq's `host`, or NULL) is one name to look
 * up: not empty, not a socket directory ('/' or '@'), not a list (','), not
 * a numeric IPv4 or IPv6 address; and no `hostaddr` was given. */
bool pq_connect_needs_lookup(const char *host, bool has_hostaddr);

#endif
