/*
 * swapwatch.c: see swapwatch.h. The relay calls in only for statements of
 * sessions on a proxy that has a deployment configured, and the lexer runs
 * only when a cheap scan finds the word "swap".
 */
#include "proxy/swapwatch.h"

#include <ctype.h>
#include <string.h>

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

/*
 * How long other sessions may be held behind a client's swap transaction.
 * dbt sends BEGIN..COMMIT as one string, which takes milliseconds; a person
 * who types BEGIN; ALTER ... SWAP and walks away must not stall everyone,
 * so after this the held sessions go on (on the old routing table) and the
 * state is still re-read when the transaction ends. The same default as
 * promote's --pause-timeout.
 */
#define SWAPWATCH_HOLD_MS 10000

static void swapwatch_barrier_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                                   void *arg)
{
    (void)blocking;
    (void)n;
    struct proxy *p = arg;
    struct swapwatch *w = &p->swapwatch;
    if (outcome != BARRIER_TIMED_OUT || !w->owns_barrier)
        return;
    log_msg(&p->log, LOG_LVL_WARNING,
            "C-%llu: deployment swap transaction still open after %d ms: releasing held sessions",
            (unsigned long long)w->conn_id, SWAPWATCH_HOLD_MS);
    w->owns_barrier = false;
    barrier_lower(p);
}

void swapwatch_begin(struct proxy *p, struct conn *c)
{
    struct swapwatch *w = &p->swapwatch;
    if (w->conn == c)
        return; /* already watching this transaction */
    if (w->conn != NULL) {
        /* Two sessions swapping at once: the server's 40001 on concurrent
         * DDL sorts them out; we keep watching the first. */
        log_conn(c, LOG_LVL_WARNING, "deployment swap while C-%llu's swap is open",
                 (unsigned long long)w->conn_id);
        return;
    }
    w->conn = c;
    w->conn_id = c->id;
    w->releasing = false;
    w->failed = false;
    w->committed = false;
    w->swaps_seen++;
    /* A lifecycle step may hold the barrier already; then it is its to lower. */
    w->owns_barrier = barrier_raise(p, SWAPWATCH_HOLD_MS, swapwatch_barrier_done, p);
    log_conn(c, LOG_LVL_INFO,
             "deployment swap through the proxy: holding other sessions until it ends");
}

static void swapwatch_end(struct proxy *p, const char *how, bool idle)
{
    struct swapwatch *w = &p->swapwatch;
    w->committed = idle && !w->failed;
    log_msg(&p->log, LOG_LVL_INFO, "C-%llu: deployment swap transaction %s; re-reading state",
            (unsigned long long)w->conn_id, how);
    w->conn = NULL;
    w->releasing = true;
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
