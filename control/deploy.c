/*
 * deploy.c: the lifecycle runner. One struct deploy_op per running command,
 * an explicit state changed only by op_set_state(), libpq driven by an event
 * on PQsocket, timers with evtimer. Each op runs a fixed list of steps
 * (connect, catalog, check, ...) chosen by its kind; a step completes by
 * calling op_next(). See deploy.h for the contract.
 */
#include "control/deploy.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/util.h>
#include <libpq-fe.h>

#include "control/deploy_catalog.h"
#include "protocol/sqlstate.h"
#include "proxy/pq_connect.h"

enum op_kind {
    OPK_STATUS,
    OPK_INIT,
    OPK_AWAIT,
    OPK_PROMOTE,
    OPK_ROLLBACK,
    OPK_CLEANUP,
};

enum op_state {
    OP_CONNECTING,     /* PQconnectPoll in progress */
    OP_CATALOG,        /* catalog queries in flight, one after the other */
    OP_AWAIT_QUERY,    /* the await query in flight */
    OP_AWAIT_SLEEP,    /* between await polls */
    OP_BARRIER,        /* waiting for the barrier hook to report */
    OP_SWAP,           /* the swap transaction in flight, barrier raised */
    OP_SWAP_ABORT,     /* ROLLBACK of a failed swap in flight, barrier raised */
    OP_RETRY_SLEEP,    /* backoff before retrying a 40001 swap, barrier raised */
    OP_EXEC,           /* a list of statements, one at a time */
    OP_BEFORE_CLEANUP, /* waiting for the before_cleanup hook */
    OP_AWAIT_PEERS,    /* waiting for the await_peers hook */
    OP_RESOLVE_WAIT,   /* commit in doubt: is the lost swap's server session still there? */
    OP_RESOLVE_SLEEP,  /* commit in doubt: before the next poll or a new connection */
    OP_DONE,           /* finished; `done` is about to be called */
};

enum op_step {
    STEP_CONNECT,
    STEP_CATALOG,
    STEP_CHECK,
    STEP_AWAIT,
    STEP_BARRIER,
    STEP_SWAP,
    STEP_POST_SWAP,
    STEP_INIT_CREATE,
    STEP_INIT_PRIVS,
    STEP_BEFORE_CLEANUP,
    STEP_CLEANUP,
    STEP_AWAIT_PEERS,
    STEP_FINISH,
    STEP_RECONNECT,    /* commit in doubt: a new connection */
    STEP_SESSION_GONE, /* ... waits for the lost connection's server session to end */
    STEP_RESOLVED,     /* ... and the catalog read after it decides */
};
#define OP_MAX_STEPS 24

struct deploy_op {
    enum op_kind kind;                /* which command */
    enum op_state state;              /* changed only by op_set_state() */
    enum op_step steps[OP_MAX_STEPS]; /* the program */
    size_t nsteps;                    /* entries used in steps */
    size_t stepi;                     /* current step */
    size_t recheck_step;              /* promote/rollback: first step after the barrier */
    bool checked;                     /* the first check ran (first_state is set) */
    struct deploy_spec spec;          /* copied from the config */
    struct deploy_options opt;        /* copied; string members point into the fields below */
    char *dsn;                        /* owned copy */
    char *now_iso;                    /* owned copy, or NULL for the clock */
    const struct deploy_hooks *hooks; /* caller's, outlives the op */
    struct event_base *base;          /* the daemon's loop */
    deploy_progress_fn progress;      /* may be NULL */
    deploy_done_fn done;              /* called once */
    void *arg;                        /* for progress and done */

    PGconn *conn;             /* our connection to the server */
    struct pq_connect *pqc;   /* the dsn's host being looked up (pq_connect.h); NULL = none */
    struct event *ev_read;    /* persistent read on PQsocket once connected */
    struct event *ev_write;   /* one-shot write while libpq has output queued */
    struct event *ev_connect; /* one-shot, re-created per PQconnectPoll */
    struct event *ev_timer;   /* connect timeout, await sleep, retry backoff */
    struct event *ev_start;   /* one-shot: first PQconnectPoll, from the loop */
    bool busy;                /* a query was sent and its results are not all in */
    PGresult *last;           /* last PGRES_TUPLES_OK/COMMAND_OK result of the query */
    char err_state[6];        /* SQLSTATE of the query's first error, "" if none */
    char err_msg[512];        /* its primary message */

    struct deploy_catalog *cat;    /* latest catalog snapshot (heap: it is large) */
    int catq;                      /* catalog query being run */
    struct deploy_state_info st;   /* derived from cat */
    enum deploy_state first_state; /* state before the op changed anything */

    struct deploy_lines exec;        /* statements of the current EXEC step */
    size_t execi;                    /* next statement to send */
    bool exec_keep_going;            /* post-swap: failures do not stop the list */
    struct deploy_lines post_errors; /* failed post-swap statements */
    struct deploy_lines sql_log;     /* every statement sent, for the audit */
    char *swap_sql;                  /* the swap transaction */
    int retries;                     /* 40001 retries done */

    struct deploy_await_status await; /* last await poll */
    struct timespec await_start;      /* when the await step began */

    bool barrier_raised;             /* we raised it and have not lowered it */
    struct timespec barrier_start;   /* when we asked for it */
    int64_t barrier_wait_ms;         /* until it quiesced */
    struct deploy_pause_stats pause; /* from barrier_lower */
    bool swapped;                    /* the swap committed */
    struct event *ev_bound;          /* barrier raised: a query's answer, or the doubt's end */
    uint32_t backend_key;            /* BackendKeyData pid of the connection the swap went on */
    bool resolving;                  /* commit in doubt: the barrier stays until the server says */
    size_t resolve_step;             /* first step of the resolution (STEP_RECONNECT) */
    bool doubt_logged;               /* "waiting for session ... to end" said once */
    char doubt_why[800];             /* how the swap's answer was lost */

    struct timespec started; /* op start, for durations */
    bool ok;                 /* result, once DONE */
    char *summary;           /* result text, once DONE */
    bool cancelled;          /* deploy_cancel after DONE: free without calling done */
    bool from_reserve;       /* conn came from hooks->reserve */
    char *peers_summary;     /* from await_peers, appended to the reply; NULL = none */
};

static const char *op_state_name(enum op_state s)
{
    static const char *const n[] = {
        "connecting",  "catalog",      "await-query",   "await-sleep", "barrier",
        "swap",        "swap-abort",   "retry-sleep",   "exec",        "before-cleanup",
        "await-peers", "resolve-wait", "resolve-sleep", "done"};
    return (unsigned)s <= OP_DONE ? n[s] : "?";
}

static const char *op_kind_name(enum op_kind k)
{
    static const char *const n[] = {"status", "init", "await", "promote", "rollback", "cleanup"};
    return (unsigned)k <= OPK_CLEANUP ? n[k] : "?";
}

/* The legal transitions; anything else is a bug in this file. */
static bool op_transition_ok(enum op_state from, enum op_state to)
{
    if (to == OP_DONE || from == to)
        return from != OP_DONE;
    switch (from) {
    case OP_CONNECTING:
        return to == OP_CATALOG || to == OP_AWAIT_QUERY || to == OP_RESOLVE_WAIT ||
               to == OP_RESOLVE_SLEEP;
    case OP_CATALOG:
        return to == OP_EXEC || to == OP_AWAIT_QUERY || to == OP_BARRIER ||
               to == OP_BEFORE_CLEANUP || to == OP_SWAP || to == OP_AWAIT_PEERS ||
               to == OP_RESOLVE_SLEEP;
    case OP_RESOLVE_WAIT:
        return to == OP_RESOLVE_SLEEP || to == OP_CATALOG;
    case OP_RESOLVE_SLEEP:
        return to == OP_RESOLVE_WAIT || to == OP_CONNECTING;
    case OP_AWAIT_PEERS:
        return false;
    case OP_AWAIT_QUERY:
        return to == OP_AWAIT_SLEEP || to == OP_BARRIER;
    case OP_AWAIT_SLEEP:
        return to == OP_AWAIT_QUERY;
    case OP_BARRIER:
        return to == OP_CATALOG; /* re-read under the barrier */
    case OP_SWAP:
        return to == OP_SWAP_ABORT || to == OP_EXEC || to == OP_CATALOG || to == OP_CONNECTING;
    case OP_SWAP_ABORT:
        return to == OP_RETRY_SLEEP;
    case OP_RETRY_SLEEP:
        return to == OP_CATALOG;
    case OP_EXEC:
        return to == OP_CATALOG;
    case OP_BEFORE_CLEANUP:
        return to == OP_EXEC;
    case OP_DONE:
        return false;
    }
    return false;
}

static void op_set_state(struct deploy_op *op, enum op_state to)
{
    if (!op_transition_ok(op->state, to)) {
        fprintf(stderr, "deploy: illegal transition %s -> %s\n", op_state_name(op->state),
                op_state_name(to));
        abort();
    }
    op->state = to;
}

/* ---- small helpers ----------------------------------------------------- */

static int64_t ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void now_iso(const struct deploy_op *op, char *out, size_t outlen)
{
    if (op->now_iso) {
        snprintf(out, outlen, "%s", op->now_iso);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void progressf(struct deploy_op *op, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void progressf(struct deploy_op *op, const char *fmt, ...)
{
    if (op->progress == NULL)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    op->progress(op->arg, line);
}

static void tv_ms(struct timeval *tv, int64_t ms)
{
    if (ms < 0)
        ms = 0;
    tv->tv_sec = (time_t)(ms / 1000);
    tv->tv_usec = (suseconds_t)((ms % 1000) * 1000);
}

/* JSON string body escaping into a growable line list's single line. */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
        if (*q == '"' || *q == '\\')
            fprintf(f, "\\%c", *q);
        else if (*q == '\n')
            fputs("\\n", f);
        else if (*q < 0x20)
            fprintf(f, "\\u%04x", *q);
        else
            fputc(*q, f);
    }
    fputc('"', f);
}

static void op_audit(struct deploy_op *op)
{
    if (op->hooks == NULL || op->hooks->audit == NULL || op->kind == OPK_STATUS)
        return;
    char *buf = NULL, ts[40];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return;
    now_iso(op, ts, sizeof ts);
    fprintf(f, "{\"ts\":");
    json_str(f, ts);
    fprintf(f, ",\"who\":{\"uid\":%ld},\"what\":\"deploy %s\",\"dry_run\":%s,\"sql\":[",
            op->opt.peer_uid, op_kind_name(op->kind), op->opt.dry_run ? "true" : "false");
    for (size_t i = 0; i < op->sql_log.n; i++) {
        if (i)
            fputc(',', f);
        json_str(f, op->sql_log.v[i]);
    }
    fprintf(f,
            "],\"duration_ms\":%lld,\"pause\":{\"barrier_wait_ms\":%lld,\"held\":%llu,"
            "\"max_us\":%lld,\"p99_us\":%lld},\"retries\":%d,\"state_before\":\"%s\","
            "\"state_after\":\"%s\",\"result\":\"%s\",\"summary\":",
            (long long)ms_since(&op->started), (long long)op->barrier_wait_ms,
            (unsigned long long)op->pause.held, (long long)op->pause.max_us,
            (long long)op->pause.p99_us, op->retries, deploy_state_name(op->first_state),
            deploy_state_name(op->st.state), op->ok ? "ok" : "error");
    json_str(f, op->summary ? op->summary : "");
    fputc('}', f);
    if (fclose(f) == 0 && buf)
        op->hooks->audit(op->hooks->arg, buf);
    free(buf);
}

/* ---- the reserved admin session (deploy.h) ------------------------------ */

struct deploy_reserve {
    struct event_base *base;
    PGconn *conn;     /* parked, idle; NULL = none */
    char *dsn;        /* what it was opened with */
    struct event *ev; /* read on its socket: the server's close */
};

struct deploy_reserve *deploy_reserve_new(struct event_base *base)
{
    struct deploy_reserve *r = calloc(1, sizeof *r);
    if (r)
        r->base = base;
    return r;
}

static void reserve_drop(struct deploy_reserve *r)
{
    if (r->ev)
        event_free(r->ev);
    r->ev = NULL;
    if (r->conn)
        PQfinish(r->conn);
    r->conn = NULL;
    free(r->dsn);
    r->dsn = NULL;
}

void deploy_reserve_free(struct deploy_reserve *r)
{
    if (r == NULL)
        return;
    reserve_drop(r);
    free(r);
}

bool deploy_reserve_held(const struct deploy_reserve *r)
{
    return r != NULL && r->conn != NULL;
}

static void reserve_notice(void *arg, const PGresult *res)
{
    (void)arg;
    (void)res;
}

/* The parked session got input: ParameterStatus or a notice are consumed;
 * EOF or an error (the server ended it) drop it. */
static void reserve_read_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_reserve *r = arg;
    if (r->conn == NULL)
        return;
    if (!PQconsumeInput(r->conn) || PQstatus(r->conn) != CONNECTION_OK) {
        reserve_drop(r);
        return;
    }
    PGnotify *n;
    while ((n = PQnotifies(r->conn)) != NULL)
        PQfreemem(n);
}

/* Takes the parked session for `dsn`, or NULL (none, another DSN, broken). */
static PGconn *reserve_take(struct deploy_reserve *r, const char *dsn)
{
    if (r == NULL || r->conn == NULL)
        return NULL;
    if (strcmp(r->dsn, dsn) != 0 || PQstatus(r->conn) != CONNECTION_OK ||
        PQtransactionStatus(r->conn) != PQTRANS_IDLE) {
        reserve_drop(r);
        return NULL;
    }
    PGconn *conn = r->conn;
    r->conn = NULL;
    reserve_drop(r);
    return conn;
}

/* Parks `conn` (idle, healthy); false (conn untouched) if it cannot. */
static bool reserve_park(struct deploy_reserve *r, PGconn *conn, const char *dsn)
{
    if (r == NULL || PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE ||
        PQisBusy(conn))
        return false;
    reserve_drop(r);
    r->dsn = strdup(dsn);
    r->ev = event_new(r->base, PQsocket(conn), EV_READ | EV_PERSIST, reserve_read_cb, r);
    if (r->dsn == NULL || r->ev == NULL || event_add(r->ev, NULL) != 0) {
        reserve_drop(r);
        return false;
    }
    PQsetNoticeReceiver(conn, reserve_notice, NULL);
    r->conn = conn;
    return true;
}

/* Whether the op's session goes to the reserve when it ends: the one that
 * swapped (carried SUBSCRIBEs now hold sessions), or one taken from there,
 * except by cleanup. */
static bool op_parks(const struct deploy_op *op)
{
    if (op->hooks == NULL || op->hooks->reserve == NULL || op->conn == NULL || op->busy ||
        op->state != OP_DONE || op->kind == OPK_CLEANUP)
        return false;
    return op->swapped || op->from_reserve;
}

/* ---- lifetime ---------------------------------------------------------- */

static void op_close_conn(struct deploy_op *op)
{
    pq_connect_cancel(op->pqc);
    op->pqc = NULL;
    if (op->ev_read)
        event_free(op->ev_read);
    if (op->ev_write)
        event_free(op->ev_write);
    if (op->ev_connect)
        event_free(op->ev_connect);
    op->ev_read = op->ev_write = op->ev_connect = NULL;
    if (op->ev_timer)
        event_del(op->ev_timer);
    if (op->last)
        PQclear(op->last);
    op->last = NULL;
    if (op->conn && op_parks(op) && reserve_park(op->hooks->reserve, op->conn, op->dsn))
        op->conn = NULL;
    if (op->conn)
        PQfinish(op->conn);
    op->conn = NULL;
    op->busy = false;
}

static void op_free(struct deploy_op *op)
{
    op_close_conn(op);
    if (op->ev_timer)
        event_free(op->ev_timer);
    if (op->ev_bound)
        event_free(op->ev_bound);
    if (op->ev_start)
        event_free(op->ev_start);
    deploy_lines_free(&op->exec);
    deploy_lines_free(&op->post_errors);
    deploy_lines_free(&op->sql_log);
    free(op->swap_sql);
    free(op->cat);
    free(op->dsn);
    free(op->now_iso);
    free(op->summary);
    free(op->peers_summary);
    free(op);
}

static void op_lower_barrier(struct deploy_op *op)
{
    if (!op->barrier_raised)
        return;
    op->barrier_raised = false;
    memset(&op->pause, 0, sizeof op->pause);
    if (op->hooks && op->hooks->barrier_lower)
        op->hooks->barrier_lower(op->hooks->arg, &op->pause);
}

static void op_done_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_op *op = arg;
    if (!op->cancelled)
        op->done(op->arg, op->ok, op->summary ? op->summary : "out of memory");
    op_free(op);
}

/* Ends the op: barrier down, audit, connection closed; `done` from a fresh
 * loop callback so no caller frame still holds the op. */
static void op_finish(struct deploy_op *op, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void op_resolve_retry(struct deploy_op *op, const char *why);

static void op_finish(struct deploy_op *op, bool ok, const char *fmt, ...)
{
    if (op->state == OP_DONE)
        return;
    char *text = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&text, fmt, ap) < 0)
        text = NULL;
    va_end(ap);
    if (op->resolving && !ok) {
        /* commit in doubt: a failed attempt to ask the server is made again,
         * the clients still held, until the bound (op_bound_cb) */
        op_resolve_retry(op, text ? text : "out of memory");
        free(text);
        return;
    }
    if (op->ev_bound)
        event_del(op->ev_bound);
    op_lower_barrier(op);
    free(op->summary);
    op->summary = text;
    op->ok = ok && op->summary != NULL;
    op_set_state(op, OP_DONE);
    op_close_conn(op);
    op_audit(op);
    struct timeval zero = {0, 0};
    if (event_base_once(op->base, -1, EV_TIMEOUT, op_done_cb, op, &zero) != 0) {
        /* cannot defer: report now (documented: never happens in practice) */
        op_done_cb(-1, 0, op);
    }
}

/* ---- libpq plumbing ---------------------------------------------------- */

static void op_next(struct deploy_op *op);
static void op_query_done(struct deploy_op *op);

static void op_enter_doubt(struct deploy_op *op, const char *why);

static void op_fail_conn(struct deploy_op *op, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", op->conn ? PQerrorMessage(op->conn) : "no connection");
    msg[strcspn(msg, "\n")] = '\0';
    if (op->state == OP_SWAP && !op->resolving) {
        /* the swap was sent (or was being sent): it may have committed */
        char why[sizeof op->doubt_why];
        snprintf(why, sizeof why, "%s: %s", what, msg);
        op_enter_doubt(op, why);
        return;
    }
    op_finish(op, false, "%s: %s (SQLSTATE 08006)", what, msg);
}

/* How long the clients may be held for one answer of the server while the
 * barrier is raised, and again for learning a lost swap's outcome: the
 * pause timeout, what the operator allows for quiescing. */
static int64_t op_held_bound_ms(const struct deploy_op *op)
{
    return op->opt.pause_timeout_ms > 0 ? op->opt.pause_timeout_ms : DEPLOY_HELD_BOUND_DEFAULT_MS;
}

static void op_arm_bound(struct deploy_op *op)
{
    struct timeval tv;
    int64_t ms = op_held_bound_ms(op);
    tv.tv_sec = (time_t)(ms / 1000);
    tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
    evtimer_add(op->ev_bound, &tv);
}

static void op_notice(void *arg, const PGresult *res)
{
    struct deploy_op *op = arg;
    const char *m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY);
    if (m) /* first line only: welcome banners are long */
        progressf(op, "server %s: %.*s", sev ? sev : "NOTICE", (int)strcspn(m, "\n"), m);
}

/* Collects every result that is ready; calls op_query_done() at the end. */
static void op_drain(struct deploy_op *op)
{
    while (op->busy && op->state != OP_DONE) {
        if (PQisBusy(op->conn))
            return;
        PGresult *r = PQgetResult(op->conn);
        if (r == NULL) {
            op->busy = false;
            op_query_done(op);
            return;
        }
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE || st == PGRES_NONFATAL_ERROR) {
            if (op->err_state[0] == '\0' && st != PGRES_NONFATAL_ERROR) {
                const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
                snprintf(op->err_state, sizeof op->err_state, "%s",
                         code ? code : SQLSTATE_INTERNAL_ERROR);
                snprintf(op->err_msg, sizeof op->err_msg, "%s", m ? m : PQresultErrorMessage(r));
            }
            PQclear(r);
        } else if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
            PQclear(r);
            snprintf(op->err_state, sizeof op->err_state, "%s", SQLSTATE_FEATURE_NOT_SUPPORTED);
            snprintf(op->err_msg, sizeof op->err_msg, "unexpected COPY");
            op_finish(op, false, "unexpected COPY from the server");
            return;
        } else {
            if (op->last)
                PQclear(op->last);
            op->last = r;
        }
    }
}

static void op_io_cb(evutil_socket_t fd, short what, void *arg);

static void op_flush(struct deploy_op *op)
{
    int r = PQflush(op->conn);
    if (r < 0) {
        op_fail_conn(op, "sending to the server failed");
        return;
    }
    if (r == 1) {
        if (op->ev_write == NULL)
            op->ev_write = event_new(op->base, PQsocket(op->conn), EV_WRITE, op_io_cb, op);
        if (op->ev_write)
            event_add(op->ev_write, NULL);
    }
}

/* Sends one simple-Query string (possibly several statements). */
static void op_send(struct deploy_op *op, const char *sql, bool log)
{
    if (op->last)
        PQclear(op->last);
    op->last = NULL;
    op->err_state[0] = '\0';
    op->err_msg[0] = '\0';
    if (log)
        deploy_lines_addf(&op->sql_log, "%s", sql);
    if (!PQsendQuery(op->conn, sql)) {
        op_fail_conn(op, "sending a query failed");
        return;
    }
    op->busy = true;
    if (op->barrier_raised && !op->resolving)
        op_arm_bound(op); /* clients are held: the answer must come in time */
    op_flush(op);
}

static void op_io_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct deploy_op *op = arg;
    PGconn *conn = op->conn;
    if (op->state == OP_DONE || conn == NULL)
        return;
    if (what & EV_WRITE) {
        op_flush(op);
        if (op->state == OP_DONE || op->conn != conn) /* ended, or in doubt: a new connection */
            return;
    }
    if (what & EV_READ) {
        if (!PQconsumeInput(op->conn)) {
            op_fail_conn(op, "connection to the server lost");
            return;
        }
        if (!op->busy) {
            /* notices between steps; a closed connection shows up here too */
            if (PQstatus(op->conn) == CONNECTION_BAD)
                op_fail_conn(op, "connection to the server lost");
            return;
        }
        op_drain(op);
    }
}

static void op_connect_cb(evutil_socket_t fd, short what, void *arg);

static void op_connect_poll(struct deploy_op *op)
{
    PostgresPollingStatusType st = PQconnectPoll(op->conn);
    if (op->ev_connect)
        event_free(op->ev_connect);
    op->ev_connect = NULL;
    switch (st) {
    case PGRES_POLLING_READING:
    case PGRES_POLLING_WRITING:
        /* the socket can change between polls (several hosts): re-create */
        op->ev_connect =
            event_new(op->base, PQsocket(op->conn),
                      st == PGRES_POLLING_READING ? EV_READ : EV_WRITE, op_connect_cb, op);
        if (op->ev_connect == NULL || event_add(op->ev_connect, NULL) != 0)
            op_finish(op, false, "out of memory");
        return;
    case PGRES_POLLING_OK:
        event_del(op->ev_timer);
        if (!op->resolving) /* in doubt it names the lost connection's session */
            op->backend_key = (uint32_t)PQbackendPID(op->conn);
        PQsetnonblocking(op->conn, 1);
        op->ev_read = event_new(op->base, PQsocket(op->conn), EV_READ | EV_PERSIST, op_io_cb, op);
        if (op->ev_read == NULL || event_add(op->ev_read, NULL) != 0) {
            op_finish(op, false, "out of memory");
            return;
        }
        op_next(op);
        return;
    case PGRES_POLLING_FAILED:
    default:
        op_fail_conn(op, "cannot connect to the server");
        return;
    }
}

static void op_connect_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_op *op = arg;
    if (op->state == OP_CONNECTING)
        op_connect_poll(op);
}

/* ---- connecting without looking a name up in the loop ------------------ */

/* The end of pq_connect_start: libpq's connect started, or the dsn's host
 * did not resolve (pq_connect.h). */
static void op_connected(void *arg, PGconn *conn, const char *error)
{
    struct deploy_op *op = arg;
    op->pqc = NULL;
    op->conn = conn;
    if (conn == NULL) {
        op_finish(op, false, "cannot connect to the server: %s (SQLSTATE 08006)", error);
        return;
    }
    PQsetNoticeReceiver(conn, op_notice, op); /* startup notices too */
    if (PQstatus(conn) == CONNECTION_BAD) {
        op_fail_conn(op, "cannot connect to the server");
        return;
    }
    op_connect_poll(op);
}

/* Starts the connection. With opt.dns, a dsn naming one host by name has it
 * looked up with evdns first, so that libpq never calls getaddrinfo in the
 * event loop. The connect timeout (ev_timer, armed by the caller) covers
 * the lookup too. */
static void op_connect_begin(struct deploy_op *op)
{
    /* NULL when op_connected ran already (op may be gone then) */
    struct pq_connect *pc = pq_connect_start(op->opt.dns, op->dsn, NULL, NULL, op_connected, op);
    if (pc != NULL)
        op->pqc = pc;
}

/* ---- steps ------------------------------------------------------------- */

static void op_start_catalog_query(struct deploy_op *op)
{
    for (; op->catq < DEPLOY_Q_COUNT; op->catq++) {
        bool oom = false;
        char *sql = deploy_catalog_sql(&op->spec, (enum deploy_catalog_query)op->catq, &oom);
        if (oom) {
            op_finish(op, false, "out of memory");
            return;
        }
        if (sql == NULL)
            continue;
        op_send(op, sql, false);
        free(sql);
        return;
    }
    /* all read */
    deploy_state_derive(&op->spec, op->cat, &op->st);
    if (op->hooks && op->hooks->state_seen)
        op->hooks->state_seen(op->hooks->arg, op->st.state, op->st.explanation);
    progressf(op, "state: %s: %s", deploy_state_name(op->st.state), op->st.explanation);
    op_next(op);
}

/* Queries the fact sheet does not list: absent on some servers (and the
 * emulator); a missing relation there means "no rows", said out loud. */
static bool catalog_query_optional(const struct deploy_op *op, int q)
{
    return op->spec.dialect == CONFIG_DIALECT_MATERIALIZE &&
           (q == DEPLOY_Q_ROLES || q == DEPLOY_Q_SINKS);
}

static void op_catalog_result(struct deploy_op *op)
{
    char err[256];
    if (op->err_state[0]) {
        bool missing = strcmp(op->err_state, SQLSTATE_UNDEFINED_TABLE) == 0 ||
                       strcmp(op->err_state, SQLSTATE_UNDEFINED_FUNCTION) == 0;
        if (missing && catalog_query_optional(op, op->catq)) {
            progressf(op, "warning: %s not readable here (%s); treated as empty",
                      deploy_catalog_query_name((enum deploy_catalog_query)op->catq), op->err_msg);
        } else {
            op_finish(op, false, "reading the catalog (%s) failed: %s (SQLSTATE %s)",
                      deploy_catalog_query_name((enum deploy_catalog_query)op->catq), op->err_msg,
                      op->err_state);
            return;
        }
    } else if (!deploy_catalog_parse(&op->spec, (enum deploy_catalog_query)op->catq, op->last,
                                     op->cat, err, sizeof err)) {
        op_finish(op, false, "reading the catalog failed: %s", err);
        return;
    }
    op->catq++;
    op_start_catalog_query(op);
}

static void op_step_catalog(struct deploy_op *op)
{
    op_set_state(op, OP_CATALOG);
    deploy_catalog_reset(op->cat, &op->spec);
    op->catq = 0;
    op_start_catalog_query(op);
}

/* Starts an EXEC step over op->exec (filled by the caller). */
static void op_exec_next(struct deploy_op *op)
{
    if (op->execi >= op->exec.n) {
        op_next(op);
        return;
    }
    progressf(op, "running: %s", op->exec.v[op->execi]);
    op_send(op, op->exec.v[op->execi], true);
}

static void op_exec_result(struct deploy_op *op)
{
    const char *stmt = op->exec.v[op->execi];
    if (op->err_state[0]) {
        if (!op->exec_keep_going) {
            op_finish(op, false, "%s failed: %s (SQLSTATE %s)", stmt, op->err_msg, op->err_state);
            return;
        }
        progressf(op, "failed: %s: %s (SQLSTATE %s)", stmt, op->err_msg, op->err_state);
        deploy_lines_addf(&op->post_errors, "%s: %s (SQLSTATE %s)", stmt, op->err_msg,
                          op->err_state);
    }
    op->execi++;
    op_exec_next(op);
}

static void op_start_exec(struct deploy_op *op, bool keep_going)
{
    op_set_state(op, OP_EXEC);
    op->execi = 0;
    op->exec_keep_going = keep_going;
    if (op->exec.oom) {
        op_finish(op, false, "out of memory");
        return;
    }
    op_exec_next(op);
}

static void op_timer_cb(evutil_socket_t fd, short what, void *arg);

static void op_arm_timer(struct deploy_op *op, int64_t ms)
{
    struct timeval tv;
    tv_ms(&tv, ms);
    evtimer_add(op->ev_timer, &tv);
}

static void op_await_poll(struct deploy_op *op)
{
    op_set_state(op, OP_AWAIT_QUERY);
    bool oom = false;
    char *sql = deploy_await_sql(&op->spec, &oom);
    if (oom) {
        op_finish(op, false, "out of memory");
        return;
    }
    if (sql == NULL) { /* postgres or no clusters: nothing hydrates */
        deploy_await_trivial(&op->spec, &op->await);
        progressf(op, "await: nothing to hydrate");
        op_next(op);
        return;
    }
    op_send(op, sql, false);
    free(sql);
}

static void op_await_result(struct deploy_op *op)
{
    char err[256];
    if (op->err_state[0]) {
        op_finish(op, false, "await query failed: %s (SQLSTATE %s)", op->err_msg, op->err_state);
        return;
    }
    if (!deploy_await_parse(&op->spec, op->last, op->opt.lag_threshold_ms, &op->await, err,
                            sizeof err)) {
        op_finish(op, false, "%s", err);
        return;
    }
    char *line = deploy_await_summary(&op->await, false);
    progressf(op, "await: %s", line ? line : "?");
    free(line);
    if (op->await.all_ready) {
        op_next(op);
        return;
    }
    for (size_t i = 0; i < op->await.n; i++) {
        /* no replica or oom can heal while we poll; a missing cluster cannot */
        const struct deploy_await_cluster *c = &op->await.clusters[i];
        if (c->status == DEPLOY_CLUSTER_FAILING && c->reason[0] && !c->replicas &&
            strcmp(c->reason, "cluster not found") == 0) {
            op_finish(op, false, "await: deployment cluster %s not found (run deploy init)",
                      c->name);
            return;
        }
    }
    int64_t waited = ms_since(&op->await_start);
    int64_t sleep_ms = op->opt.poll_interval_ms;
    if (op->opt.timeout_ms > 0) {
        if (waited >= op->opt.timeout_ms) {
            char *lag = deploy_await_summary(&op->await, true);
            op_finish(op, false, "await timed out after %lld ms; not ready: %s", (long long)waited,
                      lag ? lag : "?");
            free(lag);
            return;
        }
        if (waited + sleep_ms > op->opt.timeout_ms)
            sleep_ms = op->opt.timeout_ms - waited;
    }
    op_set_state(op, OP_AWAIT_SLEEP);
    op_arm_timer(op, sleep_ms);
}

static void op_send_swap(struct deploy_op *op)
{
    free(op->swap_sql);
    op->swap_sql = deploy_plan_swap(&op->spec, op->cat);
    if (op->swap_sql == NULL) {
        op_finish(op, false, "out of memory");
        return;
    }
    op_set_state(op, OP_SWAP);
    progressf(op, "swap%s: %s", op->retries ? " (retry)" : "", op->swap_sql);
    op_send(op, op->swap_sql, true);
}

static void op_barrier_cb(void *vop, bool quiesced, const uint64_t *blocking, size_t n)
{
    struct deploy_op *op = vop;
    if (op->state != OP_BARRIER)
        return; /* late report after we gave up */
    op->barrier_wait_ms = ms_since(&op->barrier_start);
    if (quiesced) {
        progressf(op, "barrier: quiesced after %lld ms", (long long)op->barrier_wait_ms);
        op_next(op); /* re-read and re-check under the barrier, then swap */
        return;
    }
    const char *why =
        op->hooks && op->hooks->barrier_why ? op->hooks->barrier_why(op->hooks->arg) : NULL;
    if (n == 0 && why && *why) {
        op_finish(op, false, "%s", why);
        return;
    }
    char ids[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used + 24 < sizeof ids; i++)
        used += (size_t)snprintf(ids + used, sizeof ids - used, "%sC-%llu", i ? ", " : "",
                                 (unsigned long long)blocking[i]);
    op_finish(op, false,
              "barrier timed out after %lld ms; sessions still busy: %s; nothing was changed "
              "(SQLSTATE " SQLSTATE_BARRIER_TIMEOUT ")",
              (long long)op->barrier_wait_ms, n ? ids : "(none reported)");
}

static void op_step_barrier(struct deploy_op *op)
{
    op_set_state(op, OP_BARRIER);
    clock_gettime(CLOCK_MONOTONIC, &op->barrier_start);
    if (op->hooks == NULL || op->hooks->barrier_raise == NULL) {
        op_next(op);
        return;
    }
    progressf(op, "barrier: raising (timeout %lld ms)", (long long)op->opt.pause_timeout_ms);
    op->barrier_raised = true;
    if (!op->hooks->barrier_raise(op->hooks->arg, op->opt.pause_timeout_ms, op_barrier_cb, op)) {
        op->barrier_raised = false;
        op_finish(op, false, "the barrier is already raised (a pause or another promote)");
    }
}

static void op_swap_result(struct deploy_op *op)
{
    if (op->err_state[0] == '\0') {
        op->swapped = true;
        enum deploy_state now =
            op->kind == OPK_PROMOTE ? DEPLOY_STATE_PROMOTED : DEPLOY_STATE_DEPLOYING;
        progressf(op, "swap committed");
        if (op->hooks && op->hooks->routing_apply)
            op->hooks->routing_apply(op->hooks->arg, now);
        op_lower_barrier(op);
        op_next(op);
        return;
    }
    progressf(op, "swap failed: %s (SQLSTATE %s); rolling back", op->err_msg, op->err_state);
    if (PQstatus(op->conn) == CONNECTION_BAD) {
        op_fail_conn(op, "connection lost during the swap");
        return;
    }
    /* keep the error: ROLLBACK's own result must not overwrite it */
    char state[6], msg[512];
    memcpy(state, op->err_state, sizeof state);
    memcpy(msg, op->err_msg, sizeof msg);
    op_set_state(op, OP_SWAP_ABORT);
    op_send(op, "ROLLBACK", true);
    memcpy(op->err_state, state, sizeof state);
    memcpy(op->err_msg, msg, sizeof msg);
}

static void op_swap_abort_result(struct deploy_op *op)
{
    if (strcmp(op->err_state, SQLSTATE_SERIALIZATION_FAILURE) == 0 &&
        op->retries < op->opt.max_retries) {
        int64_t backoff = op->opt.retry_backoff_ms << op->retries;
        op->retries++;
        progressf(op, "concurrent catalog change (40001): retry %d/%d in %lld ms, barrier held",
                  op->retries, op->opt.max_retries, (long long)backoff);
        op_set_state(op, OP_RETRY_SLEEP);
        op_arm_timer(op, backoff);
        return;
    }
    op_finish(op, false, "%s failed: %s (SQLSTATE %s)%s; rolled back: names and routing unchanged",
              op->kind == OPK_PROMOTE ? "promote" : "rollback", op->err_msg, op->err_state,
              op->retries ? " after retries" : "");
}

/* ---- commit in doubt ---------------------------------------------------
 *
 * The swap's COMMIT went out (or was going out) and its answer did not come
 * back: the connection broke, or the server did not answer within the
 * bound. The server may have committed or not; routing by a guess would
 * send the deploy and previous routes to the wrong environment. So the
 * barrier stays raised while a new connection waits for the lost
 * connection's server session to end (then its transaction is decided:
 * PostgreSQL also terminates it, so that a session frozen or cut off idle in
 * the transaction cannot commit later) and reads the catalog, the way
 * status derives the state. All of it is bounded by op_held_bound_ms();
 * failed attempts are made again until then (op_finish sends them to
 * op_resolve_retry while `resolving`). docs/admin.md, "Commit in doubt".
 */

static void op_enter_doubt(struct deploy_op *op, const char *why)
{
    snprintf(op->doubt_why, sizeof op->doubt_why, "%s", why);
    op->resolving = true;
    op->doubt_logged = false;
    progressf(op,
              "swap: %s; it may or may not have committed: the clients stay held until the "
              "server says which (at most %lld ms)",
              why, (long long)op_held_bound_ms(op));
    op_close_conn(op);
    event_del(op->ev_bound);
    op_arm_bound(op);
    /* the rest of the program: ask, then go on as after a swap's answer */
    size_t n = op->stepi + 1;
    op->resolve_step = n;
    op->steps[n++] = STEP_RECONNECT;
    op->steps[n++] = STEP_SESSION_GONE;
    op->steps[n++] = STEP_CATALOG;
    op->steps[n++] = STEP_RESOLVED;
    op->steps[n++] = STEP_POST_SWAP;
    op->steps[n++] = STEP_CATALOG;
    op->steps[n++] = STEP_AWAIT_PEERS;
    op->steps[n++] = STEP_FINISH;
    assert(n <= OP_MAX_STEPS);
    op->nsteps = n;
    op_next(op);
}

static void op_resolve_retry(struct deploy_op *op, const char *why)
{
    progressf(op, "asking the server failed: %s; trying again in %d ms", why,
              DEPLOY_DOUBT_RETRY_MS);
    op_close_conn(op);
    op_set_state(op, OP_RESOLVE_SLEEP);
    op_arm_timer(op, DEPLOY_DOUBT_RETRY_MS);
}

static void op_reconnect(struct deploy_op *op)
{
    op_set_state(op, OP_CONNECTING);
    op_arm_timer(op, op->opt.connect_timeout_ms);
    op_connect_begin(op);
}

static void op_session_gone_poll(struct deploy_op *op)
{
    if (op->backend_key == 0) { /* not known: the catalog alone decides */
        op_next(op);
        return;
    }
    op_set_state(op, OP_RESOLVE_WAIT);
    char *sql = deploy_session_alive_sql(&op->spec, op->backend_key);
    if (sql == NULL) {
        op_finish(op, false, "out of memory");
        return;
    }
    op_send(op, sql, false);
    free(sql);
}

static void op_session_gone_result(struct deploy_op *op)
{
    if (op->err_state[0]) {
        progressf(op,
                  "cannot tell whether server session %u ended: %s (SQLSTATE %s); reading the "
                  "catalog",
                  op->backend_key, op->err_msg, op->err_state);
        op_next(op);
        return;
    }
    if (op->last != NULL && PQntuples(op->last) > 0) {
        if (!op->doubt_logged)
            progressf(op, "waiting for server session %u (the lost connection's) to end",
                      op->backend_key);
        op->doubt_logged = true;
        op_set_state(op, OP_RESOLVE_SLEEP);
        op_arm_timer(op, DEPLOY_DOUBT_POLL_MS);
        return;
    }
    progressf(op, "server session %u (the lost connection's) has ended", op->backend_key);
    op_next(op);
}

/* The bound passed without an answer: production is released (its names are
 * the server's, whichever they are); the routes that depend on the outcome
 * stay closed until the state is derived again (routing_unknown). */
static void op_resolve_unknown(struct deploy_op *op, const char *why)
{
    op->resolving = false;
    if (op->hooks && op->hooks->routing_unknown)
        op->hooks->routing_unknown(op->hooks->arg);
    op_finish(op, false,
              "%s outcome unknown: %s, and %s within %lld ms; the clients were released; the "
              "deploy and previous routes stay closed until the state is read from the server "
              "again (run status) (SQLSTATE 08006)",
              op_kind_name(op->kind), op->doubt_why, why, (long long)op_held_bound_ms(op));
}

static void op_resolved(struct deploy_op *op)
{
    enum deploy_state target =
        op->kind == OPK_PROMOTE ? DEPLOY_STATE_PROMOTED : DEPLOY_STATE_DEPLOYING;
    enum deploy_state before =
        op->kind == OPK_PROMOTE ? DEPLOY_STATE_DEPLOYING : DEPLOY_STATE_PROMOTED;
    if (op->st.state == target) {
        op->resolving = false;
        event_del(op->ev_bound);
        op->swapped = true;
        progressf(op, "the server says the swap committed (state %s)",
                  deploy_state_name(op->st.state));
        if (op->hooks && op->hooks->routing_apply)
            op->hooks->routing_apply(op->hooks->arg, target);
        op_lower_barrier(op);
        op_next(op);
        return;
    }
    if (op->st.state == before) {
        op->resolving = false;
        op_finish(op, false,
                  "%s did not commit: %s; the server says state %s (%s): names and routing "
                  "unchanged (SQLSTATE 08006)",
                  op_kind_name(op->kind), op->doubt_why, deploy_state_name(op->st.state),
                  op->st.explanation);
        return;
    }
    char why[DEPLOY_EXPLAIN_MAX + 64];
    snprintf(why, sizeof why, "the server's state is %s (%s)", deploy_state_name(op->st.state),
             op->st.explanation);
    op_resolve_unknown(op, why);
}

/* The held bound: one answer while clients are held, or the whole doubt. */
static void op_bound_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_op *op = arg;
    long long ms = (long long)op_held_bound_ms(op);
    if (op->state == OP_DONE)
        return;
    if (op->resolving) {
        op_resolve_unknown(op, "the server did not answer");
        return;
    }
    char why[128];
    switch (op->state) {
    case OP_SWAP:
        snprintf(why, sizeof why, "no answer to the swap within %lld ms", ms);
        op_enter_doubt(op, why);
        return;
    case OP_CATALOG:
        op_finish(op, false,
                  "the server did not answer within %lld ms while the clients were held; "
                  "nothing was changed",
                  ms);
        return;
    case OP_SWAP_ABORT:
        op_finish(op, false,
                  "%s failed: %s (SQLSTATE %s); its ROLLBACK got no answer within %lld ms: the "
                  "connection is closed, the server rolls the swap back: names and routing "
                  "unchanged",
                  op_kind_name(op->kind), op->err_msg, op->err_state, ms);
        return;
    default:
        return;
    }
}

static void op_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_op *op = arg;
    switch (op->state) {
    case OP_RESOLVE_SLEEP:
        if (op->conn != NULL) {
            op_session_gone_poll(op); /* poll again */
        } else {
            op->stepi = op->resolve_step - 1; /* a new connection */
            op_next(op);
        }
        return;
    case OP_CONNECTING:
        op_finish(op, false, "connecting to the server timed out after %lld ms (SQLSTATE 08006)",
                  (long long)op->opt.connect_timeout_ms);
        return;
    case OP_AWAIT_SLEEP:
        op_await_poll(op);
        return;
    case OP_RETRY_SLEEP:
        /* another session changed the catalog: it may have been a swap
         * (another cutoverd, dbt): read and check again before retrying */
        op->stepi = op->recheck_step - 1;
        op_next(op);
        return;
    default:
        return;
    }
}

static void op_before_cleanup_resume(void *vop)
{
    struct deploy_op *op = vop;
    if (op->state != OP_BEFORE_CLEANUP)
        return;
    deploy_lines_free(&op->exec);
    deploy_plan_cleanup(&op->spec, &op->exec);
    op_start_exec(op, false);
}

static void op_session_gone_result(struct deploy_op *op);

static void op_query_done(struct deploy_op *op)
{
    if (!op->resolving)
        event_del(op->ev_bound); /* answered in time */
    switch (op->state) {
    case OP_RESOLVE_WAIT:
        op_session_gone_result(op);
        return;
    case OP_CATALOG:
        op_catalog_result(op);
        return;
    case OP_AWAIT_QUERY:
        op_await_result(op);
        return;
    case OP_SWAP:
        op_swap_result(op);
        return;
    case OP_SWAP_ABORT:
        op_swap_abort_result(op);
        return;
    case OP_EXEC:
        op_exec_result(op);
        return;
    default:
        op_finish(op, false, "internal error: a result in state %s", op_state_name(op->state));
        return;
    }
}

/* The check step; returns false when the op ended (failure or dry run). */
static bool op_check(struct deploy_op *op)
{
    struct deploy_lines fail = {0};
    bool ok = true;
    enum deploy_action a = DEPLOY_ACTION_INIT;
    if (!op->checked)
        op->first_state = op->st.state;
    op->checked = true;
    switch (op->kind) {
    case OPK_INIT:
        ok = deploy_check_init(&op->spec, op->cat, &fail);
        a = DEPLOY_ACTION_INIT;
        break;
    case OPK_PROMOTE:
        ok = deploy_check_promote(&op->spec, op->cat, &fail);
        a = DEPLOY_ACTION_PROMOTE;
        break;
    case OPK_ROLLBACK:
        ok = deploy_check_rollback(&op->spec, op->cat, &fail);
        a = DEPLOY_ACTION_ROLLBACK;
        break;
    case OPK_CLEANUP:
        ok = deploy_check_cleanup(&op->spec, op->cat, &fail);
        a = DEPLOY_ACTION_CLEANUP;
        break;
    default:
        break;
    }
    if (op->opt.dry_run) {
        char ts[40];
        now_iso(op, ts, sizeof ts);
        char *text = deploy_plan_dry_run(&op->spec, op->cat, a, op->cat->current_role, ts);
        char peers[1024] = "";
        if (op->hooks && op->hooks->describe_peers)
            op->hooks->describe_peers(op->hooks->arg, peers, sizeof peers);
        op_finish(op, text != NULL && ok, "%s%s%s", text ? text : "out of memory",
                  peers[0] ? "\n" : "", peers);
        free(text);
        deploy_lines_free(&fail);
        return false;
    }
    if (!ok) {
        char *msg = deploy_lines_join(&fail, "; ");
        op_finish(op, false, "deploy %s refused, nothing changed: %s", op_kind_name(op->kind),
                  msg ? msg : "out of memory");
        free(msg);
        deploy_lines_free(&fail);
        return false;
    }
    deploy_lines_free(&fail);
    return true;
}

static void op_summarize(struct deploy_op *op)
{
    char *route = NULL;
    switch (op->kind) {
    case OPK_STATUS:
        op_finish(op, true, "%s: %s", deploy_state_name(op->st.state), op->st.explanation);
        return;
    case OPK_AWAIT: {
        char *s = deploy_await_summary(&op->await, false);
        op_finish(op, true, "ready after %lld ms: %s", (long long)ms_since(&op->await_start),
                  s ? s : "?");
        free(s);
        return;
    }
    case OPK_INIT:
        op_finish(op, op->st.state == DEPLOY_STATE_DEPLOYING,
                  "initialized: %zu statements; state %s: %s", op->sql_log.n,
                  deploy_state_name(op->st.state), op->st.explanation);
        return;
    case OPK_CLEANUP:
        op_finish(op, op->st.state == DEPLOY_STATE_NONE, "cleaned up: state %s: %s%s%s",
                  deploy_state_name(op->st.state), op->st.explanation,
                  op->peers_summary && *op->peers_summary ? "; " : "",
                  op->peers_summary ? op->peers_summary : "");
        return;
    case OPK_PROMOTE:
    case OPK_ROLLBACK: {
        char *errs = op->post_errors.n ? deploy_lines_join(&op->post_errors, "; ") : NULL;
        char doubt[sizeof op->doubt_why + 96] = "";
        if (op->doubt_why[0])
            snprintf(doubt, sizeof doubt,
                     " (its answer was lost: %s; the server says it committed)", op->doubt_why);
        op_finish(op, op->post_errors.n == 0,
                  "%s committed%s%s; state %s; clients held: %llu statements, max %.1f ms, p99 "
                  "%.1f ms; barrier wait %lld ms%s%s%s%s",
                  op->kind == OPK_PROMOTE ? "promote" : "rollback",
                  op->retries ? " after 40001 retries" : "", doubt, deploy_state_name(op->st.state),
                  (unsigned long long)op->pause.held, (double)op->pause.max_us / 1000.0,
                  (double)op->pause.p99_us / 1000.0, (long long)op->barrier_wait_ms,
                  errs ? "; post-swap statements failed (the swap stands): " : "", errs ? errs : "",
                  op->peers_summary && *op->peers_summary ? "; " : "",
                  op->peers_summary ? op->peers_summary : "");
        free(errs);
        free(route);
        return;
    }
    }
}

static void op_peers_done(void *vop, const char *summary)
{
    struct deploy_op *op = vop;
    if (op->state != OP_AWAIT_PEERS)
        return;
    free(op->peers_summary);
    op->peers_summary = summary && *summary ? strdup(summary) : NULL;
    op_next(op);
}

static void op_next(struct deploy_op *op)
{
    if (op->state == OP_DONE)
        return;
    op->stepi++;
    assert(op->stepi < op->nsteps);
    switch (op->steps[op->stepi]) {
    case STEP_CONNECT:
        break; /* only ever first */
    case STEP_CATALOG:
        op_step_catalog(op);
        return;
    case STEP_CHECK:
        if (op_check(op))
            op_next(op);
        return;
    case STEP_AWAIT:
        clock_gettime(CLOCK_MONOTONIC, &op->await_start);
        op_await_poll(op);
        return;
    case STEP_BARRIER:
        op_step_barrier(op);
        return;
    case STEP_SWAP:
        op_send_swap(op);
        return;
    case STEP_POST_SWAP: {
        char ts[40];
        now_iso(op, ts, sizeof ts);
        deploy_lines_free(&op->exec);
        deploy_plan_post_swap(&op->spec, op->cat,
                              op->kind == OPK_PROMOTE ? op->cat->current_role : NULL, ts,
                              &op->exec);
        op_start_exec(op, true);
        return;
    }
    case STEP_INIT_CREATE:
        deploy_lines_free(&op->exec);
        deploy_plan_init_create(&op->spec, op->cat, &op->exec);
        op_start_exec(op, false);
        return;
    case STEP_INIT_PRIVS: {
        char ts[40];
        now_iso(op, ts, sizeof ts);
        deploy_lines_free(&op->exec);
        deploy_plan_init_privileges(&op->spec, op->cat, ts, &op->exec);
        op_start_exec(op, false);
        return;
    }
    case STEP_BEFORE_CLEANUP:
        op_set_state(op, OP_BEFORE_CLEANUP);
        if (op->hooks && op->hooks->before_cleanup)
            op->hooks->before_cleanup(op->hooks->arg, op_before_cleanup_resume, op);
        else
            op_before_cleanup_resume(op);
        return;
    case STEP_CLEANUP:
        /* the cleanup statements ran; routing follows the server */
        if (op->hooks && op->hooks->routing_apply)
            op->hooks->routing_apply(op->hooks->arg, DEPLOY_STATE_NONE);
        op_next(op);
        return;
    case STEP_AWAIT_PEERS:
        if (op->hooks == NULL || op->hooks->await_peers == NULL) {
            op_next(op);
            return;
        }
        op_set_state(op, OP_AWAIT_PEERS);
        progressf(op, "fleet: waiting for the other members to switch");
        op->hooks->await_peers(op->hooks->arg, op_peers_done, op);
        return;
    case STEP_RECONNECT:
        op_reconnect(op);
        return;
    case STEP_SESSION_GONE:
        op_session_gone_poll(op);
        return;
    case STEP_RESOLVED:
        op_resolved(op);
        return;
    case STEP_FINISH:
        if (op->kind == OPK_INIT && op->hooks && op->hooks->routing_apply &&
            op->st.state == DEPLOY_STATE_DEPLOYING)
            op->hooks->routing_apply(op->hooks->arg, DEPLOY_STATE_DEPLOYING);
        op_summarize(op);
        return;
    }
    op_finish(op, false, "internal error: step %d", (int)op->steps[op->stepi]);
}

/* ---- entry points ------------------------------------------------------ */

void deploy_options_init(struct deploy_options *o)
{
    memset(o, 0, sizeof *o);
    o->peer_uid = -1;
    o->poll_interval_ms = 15000;
    o->lag_threshold_ms = 1000;
    o->pause_timeout_ms = 10000;
    o->max_retries = 3;
    o->retry_backoff_ms = 100;
}

static void op_start_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct deploy_op *op = arg;
    if (op->state == OP_DONE)
        return;
    progressf(op, "deploy %s: connecting", op_kind_name(op->kind));
    if (op->from_reserve)
        op_connect_poll(op);
    else
        op_connect_begin(op);
}

/* The steps an op of `kind` runs, in order, into op->steps; `wait` = promote
 * --wait (await first). Sets recheck_step for promote and rollback. */
static void op_plan_steps(struct deploy_op *op, enum op_kind kind, bool wait)
{
    enum op_step *s = op->steps;
    size_t n = 0;
    s[n++] = STEP_CONNECT;
    switch (kind) {
    case OPK_STATUS:
        s[n++] = STEP_CATALOG;
        break;
    case OPK_INIT:
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_CHECK;
        s[n++] = STEP_INIT_CREATE;
        s[n++] = STEP_CATALOG; /* the new twins' own grants and ids */
        s[n++] = STEP_INIT_PRIVS;
        s[n++] = STEP_CATALOG; /* verify: the record reads back */
        break;
    case OPK_AWAIT:
        s[n++] = STEP_AWAIT;
        break;
    case OPK_PROMOTE:
    case OPK_ROLLBACK:
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_CHECK;
        if (kind == OPK_PROMOTE && wait)
            s[n++] = STEP_AWAIT;
        s[n++] = STEP_BARRIER;
        /* the check again under the barrier: state may have moved since
         * (another instance, dbt, a long --wait); 40001 retries restart here */
        op->recheck_step = n;
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_CHECK;
        s[n++] = STEP_SWAP;
        s[n++] = STEP_POST_SWAP;
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_AWAIT_PEERS;
        break;
    case OPK_CLEANUP:
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_CHECK;
        s[n++] = STEP_BEFORE_CLEANUP;
        s[n++] = STEP_CLEANUP;
        s[n++] = STEP_CATALOG;
        s[n++] = STEP_AWAIT_PEERS;
        break;
    }
    s[n++] = STEP_FINISH;
    op->nsteps = n;
    op->stepi = 0;
}

static struct deploy_op *op_start(enum op_kind kind, const struct config *cfg,
                                  struct event_base *base, const struct deploy_hooks *hooks,
                                  const struct deploy_options *opt, deploy_progress_fn progress,
                                  deploy_done_fn done, void *arg)
{
    struct deploy_options defaults;
    if (opt == NULL) {
        deploy_options_init(&defaults);
        opt = &defaults;
    }
    const char *dsn = opt->dsn ? opt->dsn : cfg->admin_dsn;
    if (dsn == NULL || done == NULL)
        return NULL;
    struct deploy_op *op = calloc(1, sizeof *op);
    if (op == NULL)
        return NULL;
    op->kind = kind;
    op->state = OP_CONNECTING;
    op->opt = *opt;
    op->dsn = strdup(dsn);
    op->now_iso = opt->now_iso ? strdup(opt->now_iso) : NULL;
    op->opt.dsn = op->dsn;
    op->opt.now_iso = op->now_iso;
    op->opt.marker = NULL;
    if (op->opt.connect_timeout_ms <= 0)
        op->opt.connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 5000;
    if (op->opt.poll_interval_ms <= 0)
        op->opt.poll_interval_ms = 15000;
    if (op->opt.max_retries < 0)
        op->opt.max_retries = 0;
    deploy_spec_from_config(&op->spec, cfg, opt->marker);
    op->hooks = hooks;
    op->base = base;
    op->progress = progress;
    op->done = done;
    op->arg = arg;
    op->cat = calloc(1, sizeof *op->cat);
    op->ev_timer = evtimer_new(base, op_timer_cb, op);
    op->ev_bound = evtimer_new(base, op_bound_cb, op);
    clock_gettime(CLOCK_MONOTONIC, &op->started);
    if (op->dsn == NULL || op->cat == NULL || op->ev_timer == NULL || op->ev_bound == NULL ||
        (opt->now_iso && op->now_iso == NULL)) {
        op_free(op);
        return NULL;
    }
    deploy_catalog_reset(op->cat, &op->spec);

    op_plan_steps(op, kind, opt->wait);

    /* The session a promote kept (deploy_reserve): PQconnectPoll reports it
     * connected at once. Otherwise the connect (and its host name lookup)
     * starts from the loop. */
    op->conn = reserve_take(hooks ? hooks->reserve : NULL, op->dsn);
    op->from_reserve = op->conn != NULL;
    if (op->conn)
        PQsetNoticeReceiver(op->conn, op_notice, op);
    struct timeval tv;
    tv_ms(&tv, op->opt.connect_timeout_ms);
    evtimer_add(op->ev_timer, &tv);
    struct timeval zero = {0, 0};
    op->ev_start = evtimer_new(base, op_start_cb, op);
    if (op->ev_start == NULL || evtimer_add(op->ev_start, &zero) != 0) {
        op_free(op);
        return NULL;
    }
    return op;
}

struct deploy_op *deploy_status(const struct config *cfg, struct event_base *base,
                                const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                deploy_progress_fn progress, deploy_done_fn done, void *arg)
{
    return op_start(OPK_STATUS, cfg, base, hooks, opt, progress, done, arg);
}

struct deploy_op *deploy_init(const struct config *cfg, struct event_base *base,
                              const struct deploy_hooks *hooks, const struct deploy_options *opt,
                              deploy_progress_fn progress, deploy_done_fn done, void *arg)
{
    return op_start(OPK_INIT, cfg, base, hooks, opt, progress, done, arg);
}

struct deploy_op *deploy_await(const struct config *cfg, struct event_base *base,
                               const struct deploy_hooks *hooks, const struct deploy_options *opt,
                               deploy_progress_fn progress, deploy_done_fn done, void *arg)
{
    return op_start(OPK_AWAIT, cfg, base, hooks, opt, progress, done, arg);
}

struct deploy_op *deploy_promote(const struct config *cfg, struct event_base *base,
                                 const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                 deploy_progress_fn progress, deploy_done_fn done, void *arg)
{
    return op_start(OPK_PROMOTE, cfg, base, hooks, opt, progress, done, arg);
}

struct deploy_op *deploy_rollback(const struct config *cfg, struct event_base *base,
                                  const struct deploy_hooks *hooks,
                                  const struct deploy_options *opt, deploy_progress_fn progress,
                                  deploy_done_fn done, void *arg)
{
    return op_start(OPK_ROLLBACK, cfg, base, hooks, opt, progress, done, arg);
}

struct deploy_op *deploy_cleanup(const struct config *cfg, struct event_base *base,
                                 const struct deploy_hooks *hooks, const struct deploy_options *opt,
                                 deploy_progress_fn progress, deploy_done_fn done, void *arg)
{
    return op_start(OPK_CLEANUP, cfg, base, hooks, opt, progress, done, arg);
}

void deploy_cancel(struct deploy_op *op)
{
    if (op == NULL)
        return;
    if (op->state == OP_DONE) {
        op->cancelled = true; /* op_done_cb frees it without calling done */
        return;
    }
    op->cancelled = true;
    op_lower_barrier(op);
    op_set_state(op, OP_DONE);
    op_free(op); /* every event it owns goes with it */
}
