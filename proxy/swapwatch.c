/*
 * swapwatch.c: see swapwatch.h. The relay calls in only for statements of
 * sessions on a proxy that has a deployment configured, and the lexer runs
 * only when a cheap scan finds the word "swap".
 */
#include "proxy/swapwatch.h"

#include "proxy/feature.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <event2/event.h>

#include "protocol/sqlclassify.h"
#include "protocol/wire.h"
#include "proxy/barrier.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"

/* Case-insensitive search for "swap": a few ns per byte, no lexing. */
static bool mentions_swap(const char *s, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        if ((s[i] | 0x20) == 's' && (s[i + 1] | 0x20) == 'w' && (s[i + 2] | 0x20) == 'a' &&
            (s[i + 3] | 0x20) == 'p')
            return true;
    }
    return false;
}

/* `name` is a configured schema/cluster or its twin (name + suffix). */
static bool is_deployment_name(const struct config *cfg, bool cluster, const char *name)
{
    size_t n = cluster ? cfg->nclusters : cfg->nschemas;
    size_t slen = strlen(cfg->suffix);
    for (size_t i = 0; i < n; i++) {
        const char *base = cluster ? cfg->clusters[i] : cfg->schemas[i];
        size_t blen = strlen(base);
        if (strcmp(name, base) == 0)
            return true;
        if (strncmp(name, base, blen) == 0 && strcmp(name + blen, cfg->suffix) == 0 && slen > 0)
            return true;
    }
    return false;
}

bool swapwatch_is_deployment_swap(const struct proxy *p, const char *sql, size_t len)
{
    const struct config *cfg = p->cfg;
    if (cfg->nschemas == 0 && cfg->nclusters == 0)
        return false;
    if (!mentions_swap(sql, len))
        return false;
    size_t pos = 0;
    struct sql_statement st;
    while (sql_next_statement(sql, len, &pos, &st)) {
        const char *s = sql + st.offset;
        if (sql_classify(s, st.length) != SQL_STMT_ALTER_SWAP)
            continue;
        bool cluster;
        char a[128], b[128];
        if (!sql_swap_names(s, st.length, &cluster, a, sizeof a, b, sizeof b))
            continue;
        if (is_deployment_name(cfg, cluster, a) || is_deployment_name(cfg, cluster, b))
            return true;
    }
    return false;
}

static int64_t ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* The hold is over while the swap transaction is still open: the held
 * sessions go on, on the old routing table; the state is still re-read
 * when the transaction ends. A person who types BEGIN; ALTER ... SWAP and
 * walks away must not stall everyone. */
static void swapwatch_hold_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    struct swapwatch *w = &p->swapwatch;
    if (w->conn == NULL || !w->owns_barrier)
        return;
    log_msg(&p->log, LOG_LVL_WARNING,
            "C-%llu: deployment swap transaction still open after %d ms: releasing held sessions",
            (unsigned long long)w->conn_id, p->cfg->swap_pause_timeout_ms);
    w->owns_barrier = false;
    barrier_lower(p);
}

/* The others are done: the waiting swap statement goes to the server. Run
 * from its own event because quiescence is noticed inside another
 * session's state change (barrier_check), where re-entering the relay is
 * not safe. */
static void swapwatch_resume_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct proxy *p = arg;
    struct swapwatch *w = &p->swapwatch;
    if (w->conn == NULL || !w->waiting)
        return;
    w->waiting = false;
    barrier_release(p, w->conn);
}

static void swapwatch_admit(struct proxy *p);
static void swapwatch_timed_out(struct proxy *p, const uint64_t *blocking, size_t n);

static void swapwatch_barrier_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                                   void *arg)
{
    struct proxy *p = arg;
    struct swapwatch *w = &p->swapwatch;
    if (!w->owns_barrier || w->conn == NULL)
        return;
    if (outcome == BARRIER_QUIESCED) {
        w->local_quiesced = true;
        if (w->fleet_pending)
            return; /* swapwatch_fleet_ready() admits it */
        swapwatch_admit(p);
        return;
    }
    if (outcome != BARRIER_TIMED_OUT)
        return;
    swapwatch_timed_out(p, blocking, n);
}

/* Every session here (and, in a fleet, every member) is out of its
 * transaction: the swap statement goes to the server. */
static void swapwatch_admit(struct proxy *p)
{
    struct swapwatch *w = &p->swapwatch;
    w->admitted = true;
    int64_t left = p->cfg->swap_pause_timeout_ms - ms_since(&w->since);
    struct timeval tv = {0, 1000};
    if (left > 1) {
        tv.tv_sec = (time_t)(left / 1000);
        tv.tv_usec = (suseconds_t)(left % 1000) * 1000;
    }
    evtimer_add(w->hold_ev, &tv);
    if (w->waiting)
        event_active(w->resume_ev, EV_TIMEOUT, 0);
}

static void swapwatch_timed_out(struct proxy *p, const uint64_t *blocking, size_t n)
{
    struct swapwatch *w = &p->swapwatch;
    /* Some session stayed inside its transaction: the swap goes ahead, and
     * that session may see both environments. */
    char ids[256];
    barrier_format_ids(ids, sizeof ids, "C-", blocking, n);
    log_msg(&p->log, LOG_LVL_WARNING,
            "C-%llu: deployment swap waited %d ms for other sessions' transactions (still open: "
            "%s); it goes ahead and the held sessions go on",
            (unsigned long long)w->conn_id, p->cfg->swap_pause_timeout_ms,
            n ? ids : "(none reported)");
    w->admitted = true;
    w->waiting = false;
    w->owns_barrier = false;
    barrier_lower(p); /* resumes the swap statement with the others */
}

void swapwatch_fleet_ready(struct proxy *p, bool ok, const char *why)
{
    struct swapwatch *w = &p->swapwatch;
    if (!w->fleet_pending)
        return;
    w->fleet_pending = false;
    if (!ok)
        log_msg(&p->log, LOG_LVL_WARNING,
                "C-%llu: the fleet did not hold its clients for this deployment swap (%s); it "
                "goes ahead on this member's barrier",
                (unsigned long long)w->conn_id, why && why[0] ? why : "no reason");
    else
        log_msg(&p->log, LOG_LVL_INFO,
                "C-%llu: every fleet member holds its clients for this deployment swap",
                (unsigned long long)w->conn_id);
    if (w->conn != NULL && w->owns_barrier && w->local_quiesced && !w->admitted)
        swapwatch_admit(p);
}

static bool swapwatch_events(struct proxy *p)
{
    struct swapwatch *w = &p->swapwatch;
    if (w->resume_ev == NULL)
        w->resume_ev = event_new(p->base, -1, 0, swapwatch_resume_cb, p);
    if (w->hold_ev == NULL)
        w->hold_ev = evtimer_new(p->base, swapwatch_hold_cb, p);
    return w->resume_ev != NULL && w->hold_ev != NULL;
}

bool swapwatch_begin(struct proxy *p, struct conn *c, bool at_boundary)
{
    struct swapwatch *w = &p->swapwatch;
    if (w->conn == c)
        return w->waiting; /* already watching this transaction */
    if (w->conn != NULL) {
        /* Two sessions swapping at once: the server's 40001 on concurrent
         * DDL sorts them out; we keep watching the first. */
        log_conn(c, LOG_LVL_WARNING, "deployment swap while C-%llu's swap is open",
                 (unsigned long long)w->conn_id);
        return false;
    }
    w->conn = c;
    w->conn_id = c->id;
    w->releasing = false;
    w->failed = false;
    w->committed = false;
    w->waiting = false;
    w->admitted = false;
    w->swaps_seen++;
    clock_gettime(CLOCK_MONOTONIC, &w->since);
    /* A lifecycle step may hold the barrier already; then it is its to
     * lower, and this statement was let through it (or is pipelined). */
    w->owns_barrier = swapwatch_events(p) && !barrier_is_raised(p);
    w->local_quiesced = false;
    /* Before the raise, which may quiesce at once: in a fleet the swap
     * also waits for every member to hold its clients. */
    w->fleet_pending = w->owns_barrier && w->fleet_hold && w->fleet_hold(p, w->on_ended_arg);
    /* Set first: the barrier may quiesce inside barrier_raise(). */
    if (w->owns_barrier &&
        !barrier_raise(p, p->cfg->swap_pause_timeout_ms, swapwatch_barrier_done, p))
        w->owns_barrier = false;
    if (!w->owns_barrier || w->admitted || !at_boundary) {
        log_conn(c, LOG_LVL_INFO,
                 "deployment swap through the proxy: holding other sessions until it ends");
        return false;
    }
    log_conn(c, LOG_LVL_INFO,
             "deployment swap through the proxy: waiting for the other sessions' transactions "
             "to end, holding new statements");
    w->waiting = true;
    barrier_hold(p, c); /* may quiesce at once (c was the only busy one) */
    return true;
}

bool swapwatch_passes(const struct proxy *p, const struct conn *c)
{
    return p->swapwatch.conn == c && p->swapwatch.admitted;
}

static void swapwatch_end(struct proxy *p, const char *how, bool idle)
{
    struct swapwatch *w = &p->swapwatch;
    w->committed = idle && !w->failed;
    log_msg(&p->log, LOG_LVL_INFO, "C-%llu: deployment swap transaction %s; re-reading state",
            (unsigned long long)w->conn_id, how);
    w->conn = NULL;
    w->waiting = false;
    w->admitted = false;
    w->releasing = true;
    if (w->hold_ev)
        evtimer_del(w->hold_ev);
    if (w->on_ended)
        w->on_ended(p, w->on_ended_arg);
    else
        swapwatch_release(p);
}

bool swapwatch_wants(const struct proxy *p, const struct conn *c)
{
    return p->swapwatch.conn == c;
}

void swapwatch_backend(struct proxy *p, struct conn *c, const uint8_t *msg, size_t len)
{
    struct swapwatch *w = &p->swapwatch;
    if (w->conn != c || len < WIRE_HEADER_LEN)
        return;
    if (msg[0] == WIRE_B_ERROR) {
        w->failed = true;
        return;
    }
    /* COMMIT of a failed transaction answers ROLLBACK too. */
    static const char rollback[] = "ROLLBACK";
    if (msg[0] == WIRE_B_COMMAND_COMPLETE && len - WIRE_HEADER_LEN >= sizeof rollback - 1 &&
        memcmp(msg + WIRE_HEADER_LEN, rollback, sizeof rollback - 1) == 0)
        w->failed = true;
}

void swapwatch_ready(struct proxy *p, struct conn *c, uint8_t tx)
{
    if (p->swapwatch.conn == c && tx == WIRE_TX_IDLE)
        swapwatch_end(p, "ended", true);
}

void swapwatch_forget(struct proxy *p, struct conn *c)
{
    if (p->swapwatch.conn == c)
        swapwatch_end(p, "ended with its session", false);
}

void swapwatch_release(struct proxy *p)
{
    struct swapwatch *w = &p->swapwatch;
    if (!w->releasing)
        return;
    w->releasing = false;
    if (w->owns_barrier) {
        w->owns_barrier = false;
        barrier_lower(p);
    }
}

void swapwatch_free(struct proxy *p)
{
    struct swapwatch *w = &p->swapwatch;
    if (w->resume_ev)
        event_free(w->resume_ev);
    if (w->hold_ev)
        event_free(w->hold_ev);
    w->resume_ev = NULL;
    w->hold_ev = NULL;
}

/* ---- the hook table (feature.h) ---- */

/* Statements of this session are looked at for a deployment swap: a
 * deployment is configured and the route renames nothing (on the deploy
 * route a swap of a name with its twin is rewritten into a self-swap:
 * docs/rewriting.md). */
static bool sw_admits_statements(const struct conn *c)
{
    const struct config *cfg = c->proxy->cfg;
    return c->names == NULL && (cfg->nschemas > 0 || cfg->nclusters > 0);
}

/* A whole Query or Parse: a deployment swap waits for the others (HELD). */
static enum feature_verdict sw_admit_statement(struct conn *c, const char *sql, size_t len)
{
    if (swapwatch_is_deployment_swap(c->proxy, sql, len) &&
        swapwatch_begin(c->proxy, c, c->state == CONN_IDLE))
        return FEATURE_WAIT;
    return FEATURE_PASS;
}

/* Anything but a deployment swap passes, untouched. */
static bool sw_passes_statement(const struct conn *c, const char *sql, size_t len)
{
    return !swapwatch_is_deployment_swap(c->proxy, sql, len);
}

static bool sw_passes_barrier(const struct conn *c)
{
    return swapwatch_passes(c->proxy, c);
}

static bool sw_watches_backend(const struct conn *c)
{
    return swapwatch_wants(c->proxy, c);
}

/* A watched swap transaction: did it commit? */
static bool sw_wants_backend_message(const struct conn *c, uint8_t type)
{
    return type == WIRE_B_COMMAND_COMPLETE && swapwatch_wants(c->proxy, c);
}

static enum feature_verdict sw_on_backend_message(struct conn *c, const uint8_t *msg, size_t len)
{
    if (len > 0 && (msg[0] == WIRE_B_ERROR || msg[0] == WIRE_B_COMMAND_COMPLETE))
        swapwatch_backend(c->proxy, c, msg, len);
    return FEATURE_PASS;
}

static void sw_on_ready(struct conn *c, uint8_t tx)
{
    swapwatch_ready(c->proxy, c, tx);
}

static void sw_on_close(struct conn *c)
{
    swapwatch_forget(c->proxy, c);
}

const struct session_feature swapwatch_feature = {
    .name = "swapwatch",
    .passes_barrier = sw_passes_barrier,
    .admits_statements = sw_admits_statements,
    .passes_statement = sw_passes_statement,
    .admit_statement = sw_admit_statement,
    .watches_backend = sw_watches_backend,
    .wants_backend_message = sw_wants_backend_message,
    .on_backend_message = sw_on_backend_message,
    .on_ready = sw_on_ready,
    .on_close = sw_on_close,
};
