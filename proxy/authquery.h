/*
 * authquery.h: SCRAM verifiers looked up on the server per login, by an
 * auth query ([auth] user / dsn / query), for users absent from the auth
 * file (docs/scram.md, PgBouncer's auth_user and auth_query).
 *
 * One dedicated libpq connection, driven on the event loop with libpq's
 * asynchronous API (PQconnectStartParams/PQconnectPoll, PQsendQueryParams,
 * PQconsumeInput): nothing blocks the loop; a host name in the dsn is
 * looked up with evdns before libpq starts (pq_connect.h). The
 * connection is opened at the first lookup and kept for the next ones;
 * lookups queue and run one at a time, each with the user name as $1. No
 * cache: every login asks the server, so a password changed there counts
 * at the next login, as in PgBouncer.
 *
 * Every lookup ends, from the loop and never inside authquery_lookup(), in
 * exactly one callback (unless cancelled first): FOUND with a SCRAM-SHA-256
 * verifier; NO_VERIFIER (no row, a NULL, an MD5 verifier, anything that is
 * not a SCRAM-SHA-256 verifier); FAILED (cannot connect, the query failed,
 * more than one row, or no answer within [backend] connect_timeout of the
 * lookup's start). The caller relays authentication for the last two. A
 * connection attempt also ends after connect_timeout, failing the lookups
 * that wait for it. No log line or detail ever holds a verifier.
 */
#ifndef CUTOVER_PROXY_AUTHQUERY_H
#define CUTOVER_PROXY_AUTHQUERY_H

#include <stdbool.h>

struct proxy;
struct scram_verifier;
struct authq_lookup;

enum authq_result {
    AUTHQ_FOUND,       /* a SCRAM-SHA-256 verifier */
    AUTHQ_NO_VERIFIER, /* the query ran; no usable verifier for the user */
    AUTHQ_FAILED,      /* the lookup could not be done (detail says why) */
};

/* `v` is valid during the call only (FOUND; else NULL); `detail` says why
 * for the log (never a secret). */
typedef void (*authq_done_fn)(void *arg, enum authq_result r, const struct scram_verifier *v,
                              const char *detail);

/* Whether p's config turns the auth query on ([auth] user set). */
bool authquery_enabled(const struct proxy *p);
/* Starts a lookup of `user`. NULL on allocation failure (no callback
 * follows). */
struct authq_lookup *authquery_lookup(struct proxy *p, const char *user, authq_done_fn fn,
                                      void *arg);
/* No callback will follow; frees the lookup (or lets its answer be
 * discarded). Not to be called from its own callback. */
void authquery_cancel(struct authq_lookup *l);
/* Closes the connection and frees everything; lookups left get no
 * callback. proxy_free calls it. */
void authquery_free(struct proxy *p);

#endif
