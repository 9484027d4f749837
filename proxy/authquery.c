/*
 * authquery.c: see authquery.h.
 */
#include "proxy/authquery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <event2/event.h>
#include <libpq-fe.h>
#include <openssl/crypto.h>

#include "protocol/scram.h"
#include "proxy/config.h"
#include "proxy/log.h"
#include "proxy/pq_connect.h"
#include "proxy/proxy.h"
#include "proxy/resolve.h"

enum aq_state {
    AQ_DOWN,       /* no connection */
    AQ_CONNECTING, /* PQconnectPoll in progress */
    AQ_IDLE,       /* connected, nothing in flight */
    AQ_BUSY,       /* the queue's first lookup is in flight */
};

struct authq_lookup {
    TAILQ_ENTRY(authq_lookup) link;
    struct authquery *aq;
    char *user;             /* owned */
    authq_done_fn fn;       /* NULL once cancelled */
    void *arg;              /* fn's */
    struct event *deadline; /* connect_timeout from the start */
    bool in_flight;         /* its query was sent on the connection */
    bool retried;           /* sent again after a kept connection was found dead */
};
TAILQ_HEAD(authq_list, authq_lookup);

struct authquery {
    struct proxy *p;
    PGconn *conn;
    struct pq_connect *pqc; /* the dsn's host being looked up; NULL = none */
    enum aq_state state;
    struct event *ev_io;      /* persistent read while connected */
    struct event *ev_write;   /* one-shot while output is queued */
    struct event *ev_connect; /* one-shot during PQconnectPoll */
    struct event *ev_timer;   /* the connection attempt's connect_timeout */
    struct event *ev_kick;    /* runs the queue from the loop */
    char *key;                /* dsn and user the connection was made with */
    bool served;              /* the connection answered a lookup already */
    struct authq_list queue;  /* first = the one in flight when BUSY */
    /* The answer to the query in flight, from its first result. */
    bool have_res;
    enum authq_result res;
    struct scram_verifier v;
    char detail[256];
};

bool authquery_enabled(const struct proxy *p)
{
    return p->cfg->auth_user != NULL && p->cfg->auth_user[0] != '\0';
}

static const char *aq_dsn(const struct proxy *p)
{
    const struct config *cfg = p->cfg;
    if (cfg->auth_dsn && cfg->auth_dsn[0])
        return cfg->auth_dsn;
    return cfg->admin_dsn ? cfg->admin_dsn : "";
}

/* What identifies the connection the config asks for now (malloc'd). */
static char *aq_make_key(const struct proxy *p)
{
    char *k = NULL;
    if (asprintf(&k, "%s\n%s", aq_dsn(p), p->cfg->auth_user ? p->cfg->auth_user : "") < 0)
        return NULL;
    return k;
}

static void aq_tv(struct timeval *tv, int ms)
{
    tv->tv_sec = ms / 1000;
    tv->tv_usec = (ms % 1000) * 1000;
}

/* libpq's error text, first line only, into buf. */
static void aq_pq_error(const struct authquery *aq, char *buf, size_t n)
{
    const char *m = aq->conn ? PQerrorMessage(aq->conn) : "";
    size_t len = strcspn(m, "\n");
    snprintf(buf, n, "%.*s", (int)len, len ? m : "connection failed");
}

static void aq_free_events(struct authquery *aq)
{
    struct event **evs[] = {&aq->ev_io, &aq->ev_write, &aq->ev_connect};
    for (size_t i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        if (*evs[i])
            event_free(*evs[i]);
        *evs[i] = NULL;
    }
}

/* Drops the connection (a query in flight with it). */
static void aq_close(struct authquery *aq)
{
    aq_free_events(aq);
    pq_connect_cancel(aq->pqc);
    aq->pqc = NULL;
    if (aq->ev_timer)
        evtimer_del(aq->ev_timer);
    if (aq->conn)
        PQfinish(aq->conn);
    aq->conn = NULL;
    aq->state = AQ_DOWN;
    aq->served = false;
    free(aq->key);
    aq->key = NULL;
    struct authq_lookup *l = TAILQ_FIRST(&aq->queue);
    if (l)
        l->in_flight = false;
}

static void aq_free_lookup(struct authq_lookup *l)
{
    if (l->deadline)
        event_free(l->deadline);
    if (l->user) {
        OPENSSL_cleanse(l->user, strlen(l->user));
        free(l->user);
    }
    free(l);
}

/* Takes `l` off the queue and ends it with one callback (none if it was
 * cancelled). */
static void aq_deliver(struct authquery *aq, struct authq_lookup *l, enum authq_result r,
                       const struct scram_verifier *v, const char *detail)
{
    TAILQ_REMOVE(&aq->queue, l, link);
    if (l->fn)
        l->fn(l->arg, r, r == AUTHQ_FOUND ? v : NULL, detail);
    aq_free_lookup(l);
}

/* Every lookup waiting now fails with `why` (the connection they waited
 * for is gone). */
static void aq_fail_all(struct authquery *aq, const char *why)
{
    struct authq_list doomed = TAILQ_HEAD_INITIALIZER(doomed);
    TAILQ_CONCAT(&doomed, &aq->queue, link);
    TAILQ_INIT(&aq->queue);
    struct authq_lookup *l;
    while ((l = TAILQ_FIRST(&doomed)) != NULL) {
        TAILQ_REMOVE(&doomed, l, link);
        if (l->fn)
            l->fn(l->arg, AUTHQ_FAILED, NULL, why);
        aq_free_lookup(l);
    }
}

static void aq_kick(struct authquery *aq)
{
    struct timeval zero = {0, 0};
    evtimer_add(aq->ev_kick, &zero);
}

static void aq_run(struct authquery *aq);
static void aq_connect_poll(struct authquery *aq);

static void aq_io_cb(evutil_socket_t fd, short what, void *arg);

/* The connection is gone: the lookup in flight on a connection that had
 * served before is sent once more on a new one (the server may have closed
 * an idle connection we had not noticed yet); everything waiting fails. */
static void aq_lost(struct authquery *aq, const char *why)
{
    bool served = aq->served;
    struct authq_lookup *l = TAILQ_FIRST(&aq->queue);
    bool in_flight = l != NULL && l->in_flight;
    aq_close(aq);
    if (l == NULL) {
        log_msg(&aq->p->log, LOG_LVL_INFO, "auth query: connection closed: %s", why);
        return;
    }
    if (in_flight && served && !l->retried) {
        l->retried = true;
        log_msg(&aq->p->log, LOG_LVL_INFO, "auth query: connection lost (%s); reconnecting", why);
        aq_kick(aq);
        return;
    }
    log_msg(&aq->p->log, LOG_LVL_WARNING, "auth query: %s", why);
    aq_fail_all(aq, why);
}

static void aq_flush(struct authquery *aq)
{
    int r = PQflush(aq->conn);
    if (r < 0) {
        char why[256];
        aq_pq_error(aq, why, sizeof why);
        aq_lost(aq, why);
        return;
    }
    if (r == 1) {
        if (aq->ev_write == NULL)
            aq->ev_write = event_new(aq->p->base, PQsocket(aq->conn), EV_WRITE, aq_io_cb, aq);
        if (aq->ev_write == NULL || event_add(aq->ev_write, NULL) != 0)
            aq_lost(aq, "out of memory");
    }
}

/* The first result of the query in flight decides the answer. */
static void aq_take_result(struct authquery *aq, PGresult *r)
{
    if (aq->have_res)
        return;
    aq->have_res = true;
    aq->res = AUTHQ_FAILED;
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK) {
        const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (st == PGRES_FATAL_ERROR || st == PGRES_NONFATAL_ERROR)
            snprintf(aq->detail, sizeof aq->detail, "the query failed: %s%s%s%s", code ? code : "",
                     code ? " " : "", msg ? msg : "", msg ? "" : "(no message)");
        else
            snprintf(aq->detail, sizeof aq->detail, "the query returned no rows (%s)",
                     PQresStatus(st));
        return;
    }
    int rows = PQntuples(r);
    if (PQnfields(r) < 2) {
        snprintf(aq->detail, sizeof aq->detail,
                 "the query returned %d column(s); it must return the user name and the verifier",
                 PQnfields(r));
        return;
    }
    if (rows > 1) {
        snprintf(aq->detail, sizeof aq->detail, "the query returned %d rows", rows);
        return;
    }
    aq->res = AUTHQ_NO_VERIFIER;
    if (rows == 0) {
        snprintf(aq->detail, sizeof aq->detail, "no such user");
        return;
    }
    if (PQgetisnull(r, 0, 1)) {
        snprintf(aq->detail, sizeof aq->detail, "the user has no password");
        return;
    }
    char *val = PQgetvalue(r, 0, 1);
    size_t len = (size_t)PQgetlength(r, 0, 1);
    static const char scram_prefix[] = "SCRAM-SHA-256$";
    if (len >= sizeof scram_prefix - 1 && memcmp(val, scram_prefix, sizeof scram_prefix - 1) == 0) {
        if (scram_parse_verifier(val, len, &aq->v) == SCRAM_OK) {
            aq->res = AUTHQ_FOUND;
            snprintf(aq->detail, sizeof aq->detail, "SCRAM-SHA-256 verifier");
        } else {
            snprintf(aq->detail, sizeof aq->detail, "a malformed SCRAM-SHA-256 verifier");
        }
    } else if (len == 35 && memcmp(val, "md5", 3) == 0) {
        snprintf(aq->detail, sizeof aq->detail, "an MD5 verifier");
    } else {
        snprintf(aq->detail, sizeof aq->detail, "not a SCRAM-SHA-256 verifier");
    }
    OPENSSL_cleanse(val, len); /* what libpq keeps of it until PQclear */
}

/* The query in flight has all its results: answer its lookup, run the next. */
static void aq_query_done(struct authquery *aq)
{
    struct authq_lookup *l = TAILQ_FIRST(&aq->queue);
    aq->state = AQ_IDLE;
    aq->served = true;
    if (l != NULL && l->in_flight) {
        if (!aq->have_res)
            snprintf(aq->detail, sizeof aq->detail, "the query returned nothing");
        aq_deliver(aq, l, aq->have_res ? aq->res : AUTHQ_FAILED, &aq->v, aq->detail);
    }
    OPENSSL_cleanse(&aq->v, sizeof aq->v);
    aq_run(aq);
}

static void aq_io_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct authquery *aq = arg;
    if (aq->conn == NULL)
        return;
    if (what & EV_WRITE) {
        aq_flush(aq);
        if (aq->conn == NULL)
            return;
    }
    if (!(what & EV_READ))
        return;
    char why[256];
    if (!PQconsumeInput(aq->conn)) {
        aq_pq_error(aq, why, sizeof why);
        aq_lost(aq, why);
        return;
    }
    while (aq->conn && aq->state == AQ_BUSY && !PQisBusy(aq->conn)) {
        PGresult *r = PQgetResult(aq->conn);
        if (r == NULL) {
            aq_query_done(aq);
            break;
        }
        aq_take_result(aq, r);
        PQclear(r);
    }
    if (aq->conn && PQstatus(aq->conn) == CONNECTION_BAD) {
        aq_pq_error(aq, why, sizeof why);
        aq_lost(aq, why);
    }
}

static void aq_connect_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    aq_connect_poll(arg);
}

static void aq_connect_poll(struct authquery *aq)
{
    PostgresPollingStatusType st = PQconnectPoll(aq->conn);
    if (aq->ev_connect)
        event_free(aq->ev_connect);
    aq->ev_connect = NULL;
    char why[256];
    switch (st) {
    case PGRES_POLLING_READING:
    case PGRES_POLLING_WRITING:
        /* libpq may have moved to another socket (another address, or
         * sslmode=prefer's retry in plaintext): a new event each time. */
        aq->ev_connect =
            event_new(aq->p->base, PQsocket(aq->conn),
                      st == PGRES_POLLING_READING ? EV_READ : EV_WRITE, aq_connect_cb, aq);
        if (aq->ev_connect == NULL || event_add(aq->ev_connect, NULL) != 0)
            aq_lost(aq, "out of memory");
        return;
    case PGRES_POLLING_OK:
        evtimer_del(aq->ev_timer);
        PQsetnonblocking(aq->conn, 1);
        aq->ev_io = event_new(aq->p->base, PQsocket(aq->conn), EV_READ | EV_PERSIST, aq_io_cb, aq);
        if (aq->ev_io == NULL || event_add(aq->ev_io, NULL) != 0) {
            aq_lost(aq, "out of memory");
            return;
        }
        aq->state = AQ_IDLE;
        log_msg(&aq->p->log, LOG_LVL_DEBUG, "auth query: connected as %s (%s)", PQuser(aq->conn),
                PQsslInUse(aq->conn) ? "TLS" : "no TLS");
        aq_run(aq);
        return;
    case PGRES_POLLING_FAILED:
    default:
        aq_pq_error(aq, why, sizeof why);
        aq_lost(aq, why);
        return;
    }
}

static void aq_silent_notice(void *arg, const PGresult *res)
{
    (void)arg;
    (void)res;
}

/* The end of pq_connect_start: libpq's connect started, or the dsn's host
 * did not resolve (pq_connect.h). */
static void aq_connected(void *arg, PGconn *conn, const char *error)
{
    struct authquery *aq = arg;
    aq->pqc = NULL;
    aq->conn = conn;
    if (conn == NULL) {
        aq_lost(aq, error);
        return;
    }
    if (PQstatus(conn) == CONNECTION_BAD) {
        char why[256];
        aq_pq_error(aq, why, sizeof why);
        aq_lost(aq, why);
        return;
    }
    PQsetNoticeReceiver(conn, aq_silent_notice, NULL);
    aq_connect_poll(aq);
}

static void aq_connect(struct authquery *aq)
{
    struct proxy *p = aq->p;
    aq->key = aq_make_key(p);
    aq->state = AQ_CONNECTING;
    if (aq->key == NULL) {
        aq_lost(aq, "out of memory");
        return;
    }
    /* connect_timeout covers the host name's lookup too */
    struct timeval tv;
    aq_tv(&tv, p->cfg->connect_timeout_ms);
    evtimer_add(aq->ev_timer, &tv);
    /* "user" after the dsn wins. The dsn's host is looked up with evdns:
     * libpq's own lookup would block the loop. NULL when aq_connected ran
     * already. */
    const char *const kw[] = {"user", "fallback_application_name", NULL};
    const char *const vals[] = {p->cfg->auth_user, "cutover auth query", NULL};
    struct pq_connect *pc =
        pq_connect_start(resolve_dns_base(p), aq_dsn(p), kw, vals, aq_connected, aq);
    if (pc != NULL)
        aq->pqc = pc;
}

static void aq_send(struct authquery *aq, struct authq_lookup *l)
{
    const char *params[1] = {l->user};
    aq->have_res = false;
    aq->res = AUTHQ_FAILED;
    aq->detail[0] = '\0';
    if (!PQsendQueryParams(aq->conn, aq->p->cfg->auth_query, 1, NULL, params, NULL, NULL, 0)) {
        char why[256];
        aq_pq_error(aq, why, sizeof why);
        l->in_flight = true; /* eligible for the one retry */
        aq_lost(aq, why);
        return;
    }
    l->in_flight = true;
    aq->state = AQ_BUSY;
    aq_flush(aq);
}

/* Moves the queue on: connects when needed, sends the next lookup. */
static void aq_run(struct authquery *aq)
{
    struct authq_lookup *l = TAILQ_FIRST(&aq->queue);
    if (aq->state == AQ_IDLE) {
        /* A reload changed where or as whom to connect: a new connection. */
        char *k = aq_make_key(aq->p);
        bool same = k && aq->key && strcmp(k, aq->key) == 0;
        free(k);
        if (!same || !authquery_enabled(aq->p))
            aq_close(aq);
    }
    if (l == NULL)
        return;
    switch (aq->state) {
    case AQ_DOWN:
        aq_connect(aq);
        return;
    case AQ_IDLE:
        aq_send(aq, l);
        return;
    case AQ_CONNECTING:
    case AQ_BUSY:
        return;
    }
}

static void aq_kick_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    aq_run(arg);
}

/* The connection attempt took longer than connect_timeout. */
static void aq_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct authquery *aq = arg;
    if (aq->state != AQ_CONNECTING)
        return;
    char why[128];
    snprintf(why, sizeof why, "no connection within backend.connect_timeout (%d ms)",
             aq->p->cfg->connect_timeout_ms);
    aq_close(aq);
    log_msg(&aq->p->log, LOG_LVL_WARNING, "auth query: %s", why);
    aq_fail_all(aq, why);
}

/* A lookup not answered within connect_timeout of its start. */
static void aq_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct authq_lookup *l = arg;
    struct authquery *aq = l->aq;
    char why[128];
    if (l->in_flight) {
        /* Its answer would come for the next lookup: drop the connection. */
        snprintf(why, sizeof why, "no answer within backend.connect_timeout (%d ms)",
                 aq->p->cfg->connect_timeout_ms);
        aq_close(aq);
        log_msg(&aq->p->log, LOG_LVL_WARNING, "auth query: %s; connection closed", why);
    } else {
        snprintf(why, sizeof why, "no connection within backend.connect_timeout (%d ms)",
                 aq->p->cfg->connect_timeout_ms);
    }
    aq_deliver(aq, l, AUTHQ_FAILED, NULL, why);
    aq_kick(aq);
}

static struct authquery *aq_get(struct proxy *p)
{
    if (p->authquery)
        return p->authquery;
    struct authquery *aq = calloc(1, sizeof *aq);
    if (aq == NULL)
        return NULL;
    aq->p = p;
    TAILQ_INIT(&aq->queue);
    aq->ev_timer = evtimer_new(p->base, aq_timer_cb, aq);
    aq->ev_kick = evtimer_new(p->base, aq_kick_cb, aq);
    if (aq->ev_timer == NULL || aq->ev_kick == NULL) {
        if (aq->ev_timer)
            event_free(aq->ev_timer);
        if (aq->ev_kick)
            event_free(aq->ev_kick);
        free(aq);
        return NULL;
    }
    p->authquery = aq;
    return aq;
}

struct authq_lookup *authquery_lookup(struct proxy *p, const char *user, authq_done_fn fn,
                                      void *arg)
{
    struct authquery *aq = aq_get(p);
    if (aq == NULL)
        return NULL;
    struct authq_lookup *l = calloc(1, sizeof *l);
    if (l == NULL)
        return NULL;
    l->aq = aq;
    l->fn = fn;
    l->arg = arg;
    l->user = strdup(user);
    l->deadline = evtimer_new(p->base, aq_deadline_cb, l);
    struct timeval tv;
    aq_tv(&tv, p->cfg->connect_timeout_ms);
    if (l->user == NULL || l->deadline == NULL || evtimer_add(l->deadline, &tv) != 0) {
        aq_free_lookup(l);
        return NULL;
    }
    TAILQ_INSERT_TAIL(&aq->queue, l, link);
    aq_kick(aq);
    return l;
}

void authquery_cancel(struct authq_lookup *l)
{
    if (l == NULL)
        return;
    if (l->in_flight) {
        l->fn = NULL; /* its answer is discarded when it comes */
        return;
    }
    TAILQ_REMOVE(&l->aq->queue, l, link);
    aq_free_lookup(l);
}

void authquery_free(struct proxy *p)
{
    struct authquery *aq = p->authquery;
    if (aq == NULL)
        return;
    aq_close(aq);
    struct authq_lookup *l;
    while ((l = TAILQ_FIRST(&aq->queue)) != NULL) {
        TAILQ_REMOVE(&aq->queue, l, link);
        aq_free_lookup(l);
    }
    event_free(aq->ev_timer);
    event_free(aq->ev_kick);
    OPENSSL_cleanse(&aq->v, sizeof aq->v);
    free(aq);
    p->authquery = NULL;
}
