/*
 * resolve.c: the backend's address without blocking the loop (resolve.h).
 */
#include "proxy/resolve.h"

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <event2/dns.h>
#include <event2/util.h>

#include "protocol/sqlstate.h"
#include "proxy/backend.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"

static int64_t resolve_age_s(const struct resolver *r)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - r->at.tv_sec);
}

/* The first IPv4 answer, else the first: the backend listens on one family
 * more often than on both (a "localhost" that also maps to ::1). */
static const struct evutil_addrinfo *resolve_pick(const struct evutil_addrinfo *res)
{
    for (const struct evutil_addrinfo *a = res; a; a = a->ai_next)
        if (a->ai_family == AF_INET)
            return a;
    return res;
}

static void resolve_release_waiters(struct proxy *p)
{
    struct resolver *r = &p->resolver;
    uint64_t *w = r->waiters;
    size_t n = r->nwaiters;
    r->waiters = NULL;
    r->nwaiters = r->cap = 0;
    for (size_t i = 0; i < n; i++) {
        struct conn *c = proxy_find_conn(p, w[i]);
        if (c == NULL || c->state != CONN_CONNECTING || c->backend != NULL)
            continue; /* gone or failed meanwhile */
        if (r->have)
            backend_connect(c);
        else
            conn_fail(c, SQLSTATE_CONNECTION_FAILURE,
                      "could not connect to server %s: could not resolve host \"%s\": %s",
                      p->backend_desc, r->host, r->error);
    }
    free(w);
}

static void resolve_done(int result, struct evutil_addrinfo *res, void *arg)
{
    struct proxy *p = arg;
    struct resolver *r = &p->resolver;
    r->req = NULL;
    if (result == EVUTIL_EAI_CANCEL) {
        if (res)
            evutil_freeaddrinfo(res);
        return;
    }
    const struct evutil_addrinfo *a = result == 0 ? resolve_pick(res) : NULL;
    if (a != NULL && a->ai_addrlen <= sizeof p->backend_addr) {
        memcpy(&p->backend_addr, a->ai_addr, a->ai_addrlen);
        p->backend_addrlen = (socklen_t)a->ai_addrlen;
        r->have = true;
        r->error[0] = '\0';
        clock_gettime(CLOCK_MONOTONIC, &r->at);
    } else {
        r->failures++;
        snprintf(r->error, sizeof r->error, "%s",
                 result != 0 ? evutil_gai_strerror(result) : "no address");
        log_msg(&p->log, LOG_LVL_WARNING, "could not resolve backend host \"%s\": %s%s", r->host,
                r->error, r->have ? "; the last address stays in use" : "");
        if (r->have) /* look again after the cache time, not at every session */
            clock_gettime(CLOCK_MONOTONIC, &r->at);
    }
    if (res)
        evutil_freeaddrinfo(res);
    resolve_release_waiters(p);
}

static void resolve_start(struct proxy *p)
{
    struct resolver *r = &p->resolver;
    if (r->req != NULL || r->numeric || r->dns == NULL || r->host == NULL)
        return;
    struct evutil_addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    r->lookups++;
    /* NULL when answered at once (/etc/hosts): resolve_done already ran */
    r->req = evdns_getaddrinfo(r->dns, r->host, r->port, &hints, resolve_done, p);
}

bool resolve_init(struct proxy *p, const char *hostport, char *err, size_t errlen)
{
    struct resolver *r = &p->resolver;
    char *h = NULL;
    int port = 0;
    if (!config_parse_hostport(hostport, &h, &port)) {
        snprintf(err, errlen, "invalid backend address \"%s\"", hostport);
        return false;
    }
    r->host = h;
    snprintf(r->port, sizeof r->port, "%d", port);
    struct evutil_addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = EVUTIL_AI_NUMERICHOST | EVUTIL_AI_NUMERICSERV;
    if (evutil_getaddrinfo(h, r->port, &hints, &res) == 0 && res != NULL) {
        r->numeric = true; /* no lookup, ever */
        if (res->ai_addrlen <= sizeof p->backend_addr) {
            memcpy(&p->backend_addr, res->ai_addr, res->ai_addrlen);
            p->backend_addrlen = (socklen_t)res->ai_addrlen;
            r->have = true;
        }
        evutil_freeaddrinfo(res);
        return r->have;
    }
    if (resolve_dns_base(p) == NULL) {
        snprintf(err, errlen, "cannot create a DNS resolver for backend \"%s\"", hostport);
        return false;
    }
    resolve_start(p);
    return true;
}

struct evdns_base *resolve_dns_base(struct proxy *p)
{
    struct resolver *r = &p->resolver;
    if (r->dns != NULL)
        return r->dns;
    r->dns = evdns_base_new(p->base,
                            EVDNS_BASE_INITIALIZE_NAMESERVERS | EVDNS_BASE_DISABLE_WHEN_INACTIVE);
    if (r->dns == NULL) { /* no usable resolv.conf: /etc/hosts only */
        r->dns = evdns_base_new(p->base, EVDNS_BASE_DISABLE_WHEN_INACTIVE);
        if (r->dns != NULL)
            evdns_base_load_hosts(r->dns, NULL);
    }
    if (r->dns == NULL)
        return NULL;
    evdns_base_set_option(r->dns, "timeout:", RESOLVE_TIMEOUT_S);
    evdns_base_set_option(r->dns, "attempts:", RESOLVE_ATTEMPTS);
    return r->dns;
}

void resolve_free(struct proxy *p)
{
    struct resolver *r = &p->resolver;
    if (r->req != NULL)
        /* libevent calls resolve_done(CANCEL) later, from the loop, which
         * does not run again after proxy_free */
        evdns_getaddrinfo_cancel(r->req);
    r->req = NULL;
    if (r->dns != NULL)
        evdns_base_free(r->dns, 0);
    r->dns = NULL;
    free(r->waiters);
    r->waiters = NULL;
    r->nwaiters = r->cap = 0;
    free(r->host);
    r->host = NULL;
}

void resolve_refresh(struct proxy *p)
{
    resolve_start(p);
}

bool resolve_backend_ready(struct proxy *p, struct conn *c)
{
    struct resolver *r = &p->resolver;
    if (r->numeric)
        return r->have;
    if (r->have) {
        if (resolve_age_s(r) >= RESOLVE_CACHE_S)
            resolve_start(p); /* refresh in the background; this session uses the last answer */
        return true;
    }
    if (r->nwaiters == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        uint64_t *w = realloc(r->waiters, cap * sizeof *w);
        if (w == NULL) {
            conn_fail(c, SQLSTATE_OUT_OF_MEMORY, "out of memory");
            return false;
        }
        r->waiters = w;
        r->cap = cap;
    }
    r->waiters[r->nwaiters++] = c->id;
    resolve_start(p); /* may answer (and call backend_connect(c)) at once */
    return false;
}

bool resolve_backend_hostaddr(const struct proxy *p, char *out, size_t outlen)
{
    if (!p->resolver.have)
        return false;
    const struct sockaddr *sa = (const struct sockaddr *)&p->backend_addr;
    const void *a;
    if (sa->sa_family == AF_INET)
        a = &((const struct sockaddr_in *)sa)->sin_addr;
    else if (sa->sa_family == AF_INET6)
        a = &((const struct sockaddr_in6 *)sa)->sin6_addr;
    else
        return false;
    return evutil_inet_ntop(sa->sa_family, a, out, outlen) != NULL;
}
