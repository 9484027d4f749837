/*
 * pq_connect.c: see pq_connect.h.
 */
#include "proxy/pq_connect.h"

#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <event2/dns.h>
#include <event2/util.h>
#include <openssl/crypto.h>

struct pq_connect {
    struct evdns_getaddrinfo_request *req; /* the lookup in flight; NULL = none */
    char **keys;                           /* owned, NULL-terminated; room for hostaddr */
    char **vals;                           /* owned (may hold a password) */
    size_t n;                              /* entries in keys/vals */
    int expand_dbname;                     /* 1 when conninfo did not parse: libpq's reading */
    const char *host;                      /* the name looked up: one of vals */
    pq_connect_fn fn;
    void *arg;
    bool starting;  /* inside pq_connect_start: the answer may come at once */
    bool answered;  /* fn ran (or was due) while starting */
    bool cancelled; /* the owner is gone: the lookup's callback only frees */
};

bool pq_connect_needs_lookup(const char *host, bool has_hostaddr)
{
    if (has_hostaddr || host == NULL || host[0] == '\0' || host[0] == '/' || host[0] == '@' ||
        strchr(host, ',') != NULL)
        return false;
    unsigned char buf[sizeof(struct in6_addr)];
    return evutil_inet_pton(AF_INET, host, buf) != 1 && evutil_inet_pton(AF_INET6, host, buf) != 1;
}

static void pc_free(struct pq_connect *pc)
{
    for (size_t i = 0; i < pc->n; i++) {
        free(pc->keys[i]);
        if (pc->vals[i]) {
            OPENSSL_cleanse(pc->vals[i], strlen(pc->vals[i]));
            free(pc->vals[i]);
        }
    }
    free(pc->keys);
    free(pc->vals);
    free(pc);
}

static bool pc_add(struct pq_connect *pc, const char *key, const char *val)
{
    pc->keys[pc->n] = strdup(key);
    pc->vals[pc->n] = strdup(val);
    pc->n++; /* freed by pc_free even when one strdup failed */
    return pc->keys[pc->n - 1] != NULL && pc->vals[pc->n - 1] != NULL;
}

static size_t count_keys(const char *const *keys)
{
    size_t n = 0;
    while (keys && keys[n])
        n++;
    return n;
}

/* The parsed conninfo, then the caller's keys: later ones win in libpq. */
static bool pc_fill(struct pq_connect *pc, const char *conninfo, const char *const *keys,
                    const char *const *vals)
{
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &perr);
    if (perr)
        PQfreemem(perr);               /* libpq says it again when it starts: expand_dbname below */
    size_t cap = count_keys(keys) + 2; /* + hostaddr, + the NULL */
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        cap++;
    if (opts == NULL)
        cap++; /* dbname */
    pc->keys = calloc(cap, sizeof *pc->keys);
    pc->vals = calloc(cap, sizeof *pc->vals);
    bool ok = pc->keys != NULL && pc->vals != NULL;
    if (ok && opts == NULL) {
        /* not a connection string: libpq takes it as a database name */
        pc->expand_dbname = 1;
        ok = pc_add(pc, "dbname", conninfo);
    }
    for (PQconninfoOption *o = opts; ok && o && o->keyword; o++)
        if (o->val != NULL)
            ok = pc_add(pc, o->keyword, o->val);
    for (size_t i = 0; ok && keys && keys[i]; i++)
        if (vals[i] != NULL)
            ok = pc_add(pc, keys[i], vals[i]);
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (o->val)
            OPENSSL_cleanse(o->val, strlen(o->val)); /* a password, maybe */
    if (opts)
        PQconninfoFree(opts);
    return ok;
}

/* The host to look up first, or NULL: the last `host` given (else libpq's
 * PGHOST), unless a `hostaddr` is given (or PGHOSTADDR). */
static const char *pc_lookup_host(const struct pq_connect *pc)
{
    const char *host = NULL;
    const char *hostaddr = NULL;
    for (size_t i = 0; i < pc->n; i++) {
        if (strcmp(pc->keys[i], "host") == 0 && pc->vals[i][0])
            host = pc->vals[i];
        else if (strcmp(pc->keys[i], "hostaddr") == 0 && pc->vals[i][0])
            hostaddr = pc->vals[i];
    }
    if (host == NULL)
        host = getenv("PGHOST");
    if (hostaddr == NULL)
        hostaddr = getenv("PGHOSTADDR");
    return pq_connect_needs_lookup(host, hostaddr != NULL && hostaddr[0]) ? host : NULL;
}

/* libpq's connect with what pc holds (and `hostaddr` when given), to fn. */
static void pc_connect(struct pq_connect *pc, const char *hostaddr)
{
    if (hostaddr != NULL) {
        pc->keys[pc->n] = "hostaddr"; /* not owned: taken off again below */
        pc->vals[pc->n] = (char *)hostaddr;
    }
    PGconn *conn = PQconnectStartParams((const char *const *)pc->keys,
                                        (const char *const *)pc->vals, pc->expand_dbname);
    pc->keys[pc->n] = NULL;
    pc->vals[pc->n] = NULL;
    pc->fn(pc->arg, conn, conn ? NULL : "out of memory");
}

static void pc_dns_done(int result, struct evutil_addrinfo *res, void *arg)
{
    struct pq_connect *pc = arg;
    pc->req = NULL;
    if (pc->cancelled) {
        /* libevent calls back after evdns_getaddrinfo_cancel, from the loop:
         * pc lived until now for this call only */
        if (res)
            evutil_freeaddrinfo(res);
        pc_free(pc);
        return;
    }
    const struct evutil_addrinfo *a = NULL;
    for (const struct evutil_addrinfo *i = result == 0 ? res : NULL; i; i = i->ai_next)
        if (a == NULL || (i->ai_family == AF_INET && a->ai_family != AF_INET))
            a = i; /* the first IPv4 answer, else the first */
    char addr[64] = "";
    if (a != NULL && a->ai_family == AF_INET)
        evutil_inet_ntop(AF_INET, &((const struct sockaddr_in *)a->ai_addr)->sin_addr, addr,
                         sizeof addr);
    else if (a != NULL && a->ai_family == AF_INET6)
        evutil_inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)a->ai_addr)->sin6_addr, addr,
                         sizeof addr);
    if (res)
        evutil_freeaddrinfo(res);
    if (addr[0]) {
        pc_connect(pc, addr);
    } else {
        char msg[512];
        snprintf(msg, sizeof msg, "could not resolve host \"%s\": %s", pc->host,
                 result ? evutil_gai_strerror(result) : "no address");
        pc->fn(pc->arg, NULL, msg);
    }
    if (pc->starting)
        pc->answered = true; /* pq_connect_start frees it */
    else
        pc_free(pc);
}

struct pq_connect *pq_connect_start(struct evdns_base *dns, const char *conninfo,
                                    const char *const *keys, const char *const *vals,
                                    pq_connect_fn fn, void *arg)
{
    struct pq_connect *pc = calloc(1, sizeof *pc);
    if (pc == NULL) {
        fn(arg, NULL, "out of memory");
        return NULL;
    }
    pc->fn = fn;
    pc->arg = arg;
    if (!pc_fill(pc, conninfo ? conninfo : "", keys, vals)) {
        pc_free(pc);
        fn(arg, NULL, "out of memory");
        return NULL;
    }
    pc->host = dns ? pc_lookup_host(pc) : NULL;
    if (pc->host == NULL) {
        pc_connect(pc, NULL);
        pc_free(pc);
        return NULL;
    }
    struct evutil_addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    pc->starting = true;
    /* NULL when answered at once (/etc/hosts, or an error): pc_dns_done ran */
    struct evdns_getaddrinfo_request *req =
        evdns_getaddrinfo(dns, pc->host, NULL, &hints, pc_dns_done, pc);
    pc->starting = false;
    if (pc->answered || req == NULL) {
        if (!pc->answered) /* no callback came: cannot happen in libevent 2.1, said anyway */
            fn(arg, NULL, "could not resolve host: the lookup did not start");
        pc_free(pc);
        return NULL;
    }
    pc->req = req;
    return pc;
}

void pq_connect_cancel(struct pq_connect *pc)
{
    if (pc == NULL)
        return;
    if (pc->req == NULL) {
        pc_free(pc);
        return;
    }
    /* libevent answers a cancel with the callback, later, from the loop
     * (deferred): pc_dns_done frees pc then. Not touched after this. */
    pc->cancelled = true;
    evdns_getaddrinfo_cancel(pc->req);
}
