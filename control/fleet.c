/*
 * fleet.c: a cutoverd as a fleet member (fleet.h, docs/fleet.md). Two libpq
 * connections on the event loop (control: one statement at a time from a
 * queue; watch: LISTEN wake-ups or SUBSCRIBE rows), a heartbeat timer, the
 * member's reaction to the intent row, and the promoter's waits.
 */
#include "control/fleet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>
#include <libpq-fe.h>

#include "control/fleet_view.h"
#include "control/lifecycle.h"
#include "proxy/pq_connect.h"
#include "proxy/proxy.h"
#include "proxy/resolve.h"

#define FLEET_MAX_REPORTS       1024
#define FLEET_QUEUE_MAX         64
#define FLEET_TICK_MS           50  /* evaluation while something waits on time */
#define FLEET_RECONNECT_MIN     100 /* ms, doubled up to FLEET_RECONNECT_MAX */
#define FLEET_RECONNECT_MAX     1000
#define FLEET_SWAP_ALLOWANCE_MS 3000 /* 40001 retries + catalog reads after the barrier */

/* ---- one libpq connection on the loop ---- */

struct fleet_pq;
typedef void (*fleet_pq_fn)(struct fleet_pq *c);
typedef void (*fleet_pq_result_fn)(struct fleet_pq *c, PGresult *r);

struct fleet_pq {
    struct fleet *f;
    const char *name;             /* "control" or "watch", for the log */
    PGconn *conn;                 /* NULL while down */
    struct pq_connect *pqc;       /* the dsn's host being looked up; NULL = none */
    struct event *ev_io;          /* persistent read once connected */
    struct event *ev_write;       /* one-shot while output is queued */
    struct event *ev_connect;     /* one-shot during PQconnectPoll */
    struct event *ev_retry;       /* reconnect backoff */
    int backoff_ms;               /* next reconnect delay */
    bool up;                      /* connected */
    bool busy;                    /* a query's results are not all in */
    fleet_pq_fn on_up;            /* connected */
    fleet_pq_result_fn on_result; /* each result (the callee does not clear it) */
    fleet_pq_fn on_done;          /* the query's last result came */
    fleet_pq_fn on_notify;        /* a NOTIFY arrived */
    fleet_pq_fn on_down;          /* lost (before the reconnect is scheduled) */
};

/* ---- the control queue ---- */

enum fleet_job_kind {
    JOB_BOOT,      /* a bootstrap statement: errors restart the bootstrap */
    JOB_REGISTER,  /* DELETE + INSERT of our row */
    JOB_HEARTBEAT, /* UPDATE of our row; UPDATE 0 re-registers */
    JOB_READ,      /* the whole state */
    JOB_CLAIM,     /* the compare-and-set of the intent */
    JOB_WRITE,     /* a report or an intent update; errors logged */
    JOB_SCHEMAS,   /* the deployment's schema ids: a swap that bypassed the fleet */
};

struct fleet_job {
    enum fleet_job_kind kind;
    char *sql; /* owned */
};

#define CLOCK_SAMPLES 8 /* reads whose round trips the clock offset is chosen from */

enum fleet_op_phase {
    FOP_NONE,      /* no step of ours is coordinated */
    FOP_CLAIMING,  /* the CAS is in flight */
    FOP_LOST_READ, /* lost the CAS: reading the winner's name */
    FOP_WAITING,   /* claimed: waiting for every live member's quiescent */
    FOP_READY,     /* every member held: the step swaps */
    FOP_COMMITTED, /* `committed` written; nobody awaits switched yet */
    FOP_SWITCHING, /* waiting for the switched reports */
    FOP_CARRYING,  /* waiting for the carried reports of members still splicing */
};

struct fleet {
    struct lifecycle *l;
    struct proxy *p;
    char me[FLEET_NAME_MAX];
    char address[FLEET_TEXT_MAX];
    char schema[CONFIG_NAME_MAX + 1];
    bool postgres;
    int64_t incarnation;
    int heartbeat_ms;
    int lease_ms;
    bool abort_on_lost;

    struct fleet_pq control, watch;
    struct fleet_job queue[FLEET_QUEUE_MAX];
    size_t qhead, qlen;
    bool job_running;             /* queue[qhead] was sent */
    char job_err[FLEET_TEXT_MAX]; /* its first error */
    char job_state[6];
    char job_tag[32]; /* its CommandComplete tuples count */
    bool booted;      /* tables exist and our row is in */
    bool read_queued, read_dirty, heartbeat_queued;
    bool schemas_queued, schemas_dirty; /* as read_queued / read_dirty, for JOB_SCHEMAS */
    struct event *ev_heartbeat;
    struct event *ev_tick;
    struct event *ev_boot;      /* bootstrap again after a start race */
    char stale[FLEET_TEXT_MAX]; /* why the view is not fresh; "" = fresh */

    /* the view: members from the last read; the intent and the reports
     * from the last read and the watch's pushes since (fleet_view.h) */
    bool have_view;
    struct fleet_member_info members[FLEET_MAX_MEMBERS];
    size_t nmembers;
    struct fleet_intent_info intent;
    struct fleet_reports reports;
    bool pushed_during_read; /* a push was applied while a read was queued or in flight */
    uint64_t pushes_applied; /* rows of the watch applied to the view */
    uint64_t reads;          /* reads of the whole state that ended */
    /* the read being parsed */
    struct fleet_member_info *rd_members;
    size_t rd_nmembers;
    struct fleet_intent_info rd_intent;
    struct fleet_reports rd_reports;

    /* member side */
    int64_t handled_g; /* last generation acted on */
    int64_t applied_g; /* last generation switched to */
    int64_t raised_g;  /* generation our member barrier is up for; 0 = none */
    struct stats_held_mark held_at_raise;
    bool cleanup_running;                  /* member cleanup work for handled_g in progress */
    struct lifecycle_settle *carry_settle; /* member: its splices of carry_g settling */
    int64_t carry_g;                       /* the generation carry_settle reports for */
    int64_t swap_seen_g;                   /* the swap of this generation was seen in the catalog */
    int64_t early_g;                       /* switched at the swap, before its `committed` came */
    enum deploy_state early_state;         /* the state it switched to then */

    /* promoter side */
    enum fleet_op_phase phase;
    char action[32];
    int64_t g;
    int64_t claim_from; /* the generation the CAS expects */
    struct timespec wait_deadline;
    fleet_ready_fn fn;
    void *fn_arg;
    char participants[FLEET_MAX_MEMBERS][FLEET_NAME_MAX];
    size_t nparticipants;
    char lost[512];
    struct timespec carry_deadline; /* FOP_CARRYING: [subscribe] carry_wait_max from its start */

    /* intent-to-held latency (monotonic clocks only; docs/fleet.md) */
    struct timespec seen_open;  /* member: when it saw the open intent it holds for */
    int64_t last_held_us;       /* member: its last intent-to-held; -1 = none yet */
    int64_t quiesced_g;         /* member: the generation it reported quiescent for */
    struct timespec claim_done; /* promoter: the claim's UPDATE returned (committed) */
    int64_t seen_quiescent_us[FLEET_MAX_MEMBERS]; /* per participant: claim to report seen */
    int64_t last_step_held_max_us; /* promoter: slowest member of its last step; -1 = none */
    uint64_t steps_member, steps_promoter, reconnects, unbarriered;

    /* freshness (the fence, proxy/fleetgate.h) */
    struct timespec read_sent; /* the read in flight was sent */
    bool need_derive;          /* a connection was lost: re-derive before fresh */
    bool abort_after_claim;    /* fleet_abort() came while the claim was in flight */
    bool deriving;             /* that derivation runs */

    /* the deployment's schemas as last read: name=id pairs */
    char schema_sig[1024];
    char rd_sig[1024];
    bool checking;                  /* a derivation checks a change of them */
    enum deploy_state check_before; /* the state routed by when it began */
    bool check_known;
    uint64_t check_epoch; /* the lifecycle's routing epoch when it began */
    bool have_sig;

    /* the watch (Materialize): the database its SUBSCRIBE restricts the
     * schemas to, asked first (current_database() is refused inside a
     * SUBSCRIBE); the schema names that SUBSCRIBE carries */
    bool watch_asking_db;
    char watch_db[2 * CONFIG_NAME_MAX + 2];
    char *watch_names; /* owned; NULL until the first SUBSCRIBE */
    bool watch_names_warned;

    /* The server's clock (docs/fleet.md "Clocks"): every time this member
     * writes to the fleet tables or compares with them is the server's,
     * estimated as our wall clock + clock_offset_ms. Each read of the
     * tables also reads the server's clock; of the last CLOCK_SAMPLES reads
     * the one with the shortest round trip gives the offset (its error is at
     * most half that round trip). */
    int64_t clock_offset_ms;
    struct {
        int64_t rtt_ms, offset_ms;
    } clock_samples[CLOCK_SAMPLES];
    size_t clock_nsamples, clock_next;
    int64_t rd_server_ms; /* the read in flight: the server's clock, 0 = none */
};

/* ---- small helpers ---- */

static int64_t wall_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Now on the server's clock (as estimated): the one clock every member
 * shares, whatever their hosts' clocks say. */
static int64_t server_ms(const struct fleet *f)
{
    return wall_ms() + f->clock_offset_ms;
}

static int64_t mono_left_ms(const struct timespec *deadline)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)(deadline->tv_sec - t.tv_sec) * 1000 +
           (deadline->tv_nsec - t.tv_nsec) / 1000000;
}

static int64_t mono_us_since(const struct timespec *t)
{
    struct timespec n;
    clock_gettime(CLOCK_MONOTONIC, &n);
    return (int64_t)(n.tv_sec - t->tv_sec) * 1000000 + (n.tv_nsec - t->tv_nsec) / 1000;
}

static void mono_in(struct timespec *out, int64_t ms)
{
    clock_gettime(CLOCK_MONOTONIC, out);
    out->tv_sec += (time_t)(ms / 1000);
    out->tv_nsec += (long)(ms % 1000) * 1000000;
    if (out->tv_nsec >= 1000000000) {
        out->tv_sec++;
        out->tv_nsec -= 1000000000;
    }
}

/* `s` as a SQL string literal body: quotes doubled, control bytes dropped. */
static void sql_lit(char *out, size_t outlen, const char *s)
{
    size_t n = 0;
    for (; *s && n + 3 < outlen; s++) {
        if ((unsigned char)*s < 0x20)
            continue;
        if (*s == '\'')
            out[n++] = '\'';
        out[n++] = *s;
    }
    out[n] = '\0';
}

static void copy_str(char *dst, size_t len, const char *src)
{
    snprintf(dst, len, "%s", src ? src : "");
}

static bool parse_state(const char *s, enum deploy_state *out)
{
    static const enum deploy_state all[] = {DEPLOY_STATE_NONE, DEPLOY_STATE_DEPLOYING,
                                            DEPLOY_STATE_PROMOTED};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (strcmp(s, deploy_state_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    }
    return false;
}

/* ---- libpq on the loop ---- */

/* The steps that swap the deployment's schemas (cleanup drops them). */
static bool step_swaps(const char *action)
{
    return strcmp(action, "promote") == 0 || strcmp(action, "rollback") == 0 ||
           strcmp(action, "swap") == 0;
}

/* What a swap of the deployment makes of the state it is in: promote and
 * rollback, and a dbt-style swap, each move between these two. */
static enum deploy_state swap_target(enum deploy_state st)
{
    return st == DEPLOY_STATE_PROMOTED ? DEPLOY_STATE_DEPLOYING : DEPLOY_STATE_PROMOTED;
}

static void pq_open(struct fleet_pq *c);

static void pq_close(struct fleet_pq *c)
{
    pq_connect_cancel(c->pqc);
    c->pqc = NULL;
    if (c->ev_io)
        event_free(c->ev_io);
    if (c->ev_write)
        event_free(c->ev_write);
    if (c->ev_connect)
        event_free(c->ev_connect);
    c->ev_io = c->ev_write = c->ev_connect = NULL;
    if (c->conn)
        PQfinish(c->conn);
    c->conn = NULL;
    c->up = false;
    c->busy = false;
}

static void pq_retry_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    pq_open(arg);
}

/* `detail`: why, when there is no libpq connection to tell it. */
static void pq_down_detail(struct fleet_pq *c, const char *what, const char *detail)
{
    char msg[256];
    copy_str(msg, sizeof msg,
             detail    ? detail
             : c->conn ? PQerrorMessage(c->conn)
                       : "no connection");
    msg[strcspn(msg, "\n")] = '\0';
    bool was_up = c->up;
    pq_close(c);
    if (was_up || c->backoff_ms >= FLEET_RECONNECT_MAX)
        log_msg(&c->f->p->log, LOG_LVL_WARNING, "fleet: %s connection: %s: %s; reconnecting",
                c->name, what, msg);
    if (c->on_down)
        c->on_down(c);
    struct timeval tv = {c->backoff_ms / 1000, (c->backoff_ms % 1000) * 1000};
    evtimer_add(c->ev_retry, &tv);
    c->backoff_ms =
        c->backoff_ms * 2 > FLEET_RECONNECT_MAX ? FLEET_RECONNECT_MAX : c->backoff_ms * 2;
}

static void pq_down(struct fleet_pq *c, const char *what)
{
    pq_down_detail(c, what, NULL);
}

static void pq_io_cb(evutil_socket_t fd, short what, void *arg);

static void pq_flush(struct fleet_pq *c)
{
    int r = PQflush(c->conn);
    if (r < 0) {
        pq_down(c, "sending failed");
        return;
    }
    if (r == 1) {
        if (c->ev_write == NULL)
            c->ev_write = event_new(c->f->p->base, PQsocket(c->conn), EV_WRITE, pq_io_cb, c);
        if (c->ev_write)
            event_add(c->ev_write, NULL);
    }
}

static bool pq_send(struct fleet_pq *c, const char *sql)
{
    if (!c->up || c->busy)
        return false;
    if (!PQsendQuery(c->conn, sql)) {
        pq_down(c, "sending a query failed");
        return false;
    }
    c->busy = true;
    pq_flush(c);
    return true;
}

static void pq_io_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    struct fleet_pq *c = arg;
    if (c->conn == NULL)
        return;
    if (what & EV_WRITE) {
        pq_flush(c);
        if (c->conn == NULL)
            return;
    }
    if (!(what & EV_READ))
        return;
    if (!PQconsumeInput(c->conn)) {
        pq_down(c, "connection lost");
        return;
    }
    PGnotify *n;
    bool notified = false;
    while ((n = PQnotifies(c->conn)) != NULL) {
        notified = true;
        PQfreemem(n);
    }
    if (notified && c->on_notify)
        c->on_notify(c);
    while (c->conn && c->busy && !PQisBusy(c->conn)) {
        PGresult *r = PQgetResult(c->conn);
        if (r == NULL) {
            c->busy = false;
            if (c->on_done)
                c->on_done(c);
            break;
        }
        if (c->on_result)
            c->on_result(c, r);
        PQclear(r);
    }
    if (c->conn && PQstatus(c->conn) == CONNECTION_BAD)
        pq_down(c, "connection lost");
}

static void pq_connect_cb(evutil_socket_t fd, short what, void *arg);

static void pq_connect_poll(struct fleet_pq *c)
{
    PostgresPollingStatusType st = PQconnectPoll(c->conn);
    if (c->ev_connect)
        event_free(c->ev_connect);
    c->ev_connect = NULL;
    switch (st) {
    case PGRES_POLLING_READING:
    case PGRES_POLLING_WRITING:
        c->ev_connect =
            event_new(c->f->p->base, PQsocket(c->conn),
                      st == PGRES_POLLING_READING ? EV_READ : EV_WRITE, pq_connect_cb, c);
        if (c->ev_connect == NULL || event_add(c->ev_connect, NULL) != 0)
            pq_down(c, "out of memory");
        return;
    case PGRES_POLLING_OK:
        PQsetnonblocking(c->conn, 1);
        c->ev_io = event_new(c->f->p->base, PQsocket(c->conn), EV_READ | EV_PERSIST, pq_io_cb, c);
        if (c->ev_io == NULL || event_add(c->ev_io, NULL) != 0) {
            pq_down(c, "out of memory");
            return;
        }
        c->up = true;
        c->backoff_ms = FLEET_RECONNECT_MIN;
        if (c->on_up)
            c->on_up(c);
        return;
    case PGRES_POLLING_FAILED:
    default:
        pq_down(c, "cannot connect");
        return;
    }
}

static void pq_connect_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    pq_connect_poll(arg);
}

static void pq_silent_notice(void *arg, const PGresult *res)
{
    (void)arg;
    (void)res;
}

/* The end of pq_connect_start: libpq's connect started, or the dsn's host
 * did not resolve (pq_connect.h). */
static void pq_connected(void *arg, PGconn *conn, const char *error)
{
    struct fleet_pq *c = arg;
    c->pqc = NULL;
    c->conn = conn;
    if (conn == NULL || PQstatus(conn) == CONNECTION_BAD) {
        pq_down_detail(c, "cannot connect", error);
        return;
    }
    PQsetNoticeReceiver(conn, pq_silent_notice, NULL);
    pq_connect_poll(c);
}

static void pq_open(struct fleet_pq *c)
{
    pq_close(c);
    /* application_name names the member and the connection in
     * pg_stat_activity (the later keyword wins over the dsn's) */
    char app[FLEET_NAME_MAX + 32];
    snprintf(app, sizeof app, "cutover fleet %s %s", c->name, c->f->me);
    const char *const keys[] = {"application_name", NULL};
    const char *const vals[] = {app, NULL};
    /* the dsn's host looked up with evdns: libpq's own lookup would block
     * the loop; NULL when pq_connected ran already */
    struct pq_connect *pc = pq_connect_start(resolve_dns_base(c->f->p), c->f->p->cfg->admin_dsn,
                                             keys, vals, pq_connected, c);
    if (pc != NULL)
        c->pqc = pc;
}

/* ---- staleness: drives the fence (proxy/fleetgate.h) ---- */

static void set_stale(struct fleet *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_stale(struct fleet *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->stale, sizeof f->stale, fmt, ap);
    va_end(ap);
    fleetgate_set_stale(f->p, true, f->stale);
}

static void clear_stale(struct fleet *f)
{
    if (f->stale[0])
        log_msg(&f->p->log, LOG_LVL_INFO, "fleet: view fresh again (was: %s)", f->stale);
    f->stale[0] = '\0';
    fleetgate_set_stale(f->p, false, NULL);
}

/* ---- the control queue ---- */

static void queue_kick(struct fleet *f);

/* false: not queued (full, or out of memory) */
static bool enqueue(struct fleet *f, enum fleet_job_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool enqueue(struct fleet *f, enum fleet_job_kind kind, const char *fmt, ...)
{
    if (f->qlen == FLEET_QUEUE_MAX) {
        log_msg(&f->p->log, LOG_LVL_WARNING, "fleet: control queue full; a statement dropped");
        return false;
    }
    char *sql = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&sql, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    struct fleet_job *j = &f->queue[(f->qhead + f->qlen) % FLEET_QUEUE_MAX];
    j->kind = kind;
    j->sql = sql;
    f->qlen++;
    queue_kick(f);
    return true;
}

/* The intent's row and the reports of its generation in the eight text
 * columns of fleet_view.h, from schema %s (three times): the part a read
 * and the watch's SUBSCRIBE share, so that both hand the decoder the same
 * rows. All text, as the SUBSCRIBE's UNION ALL with the schema rows needs. */
#define FLEET_INTENT_AND_REPORTS_SQL                                                               \
    "SELECT 'i'::text AS k, promoter AS a, action AS b, state AS c, generation::text AS g, "       \
    "deadline_ms::text AS t, created_ms::text AS n, detail AS d FROM %s.intent "                   \
    "UNION ALL SELECT 'r', member, kind, '', generation::text, at_ms::text, '0', detail FROM "     \
    "%s.reports WHERE generation >= (SELECT max(generation) FROM %s.intent)"

static void request_read(struct fleet *f)
{
    if (!f->booted)
        return;
    if (f->read_queued) {
        f->read_dirty = true; /* one more after the one queued or in flight */
        return;
    }
    f->read_queued = true;
    const char *s = f->schema;
    enqueue(f, JOB_READ,
            "SELECT 'm'::text AS k, member AS a, address AS b, state AS c, generation::text AS g, "
            "heartbeat_ms::text AS t, pid::text AS n, ''::text AS d FROM %s.members UNION "
            "ALL " FLEET_INTENT_AND_REPORTS_SQL " UNION ALL SELECT 'c', '', '', '', '0', "
            "((extract(epoch FROM now()) * 1000)::bigint)::text, '0', ''",
            s, s, s, s);
}

static void queue_kick(struct fleet *f)
{
    if (f->job_running || f->qlen == 0 || !f->control.up || f->control.busy)
        return;
    struct fleet_job *j = &f->queue[f->qhead];
    f->job_err[0] = '\0';
    f->job_state[0] = '\0';
    f->job_tag[0] = '\0';
    f->rd_nmembers = 0;
    f->rd_reports.n = 0;
    memset(&f->rd_intent, 0, sizeof f->rd_intent);
    f->rd_server_ms = 0;
    if (pq_send(&f->control, j->sql)) {
        f->job_running = true;
        if (j->kind == JOB_READ)
            clock_gettime(CLOCK_MONOTONIC, &f->read_sent);
        if (j->kind == JOB_SCHEMAS) {
            f->rd_sig[0] = '\0';
        }
    }
}

static void job_pop(struct fleet *f)
{
    free(f->queue[f->qhead].sql);
    f->queue[f->qhead].sql = NULL;
    f->qhead = (f->qhead + 1) % FLEET_QUEUE_MAX;
    f->qlen--;
    f->job_running = false;
}

static void bootstrap(struct fleet *f);
static void evaluate(struct fleet *f);
static void schemas_read(struct fleet *f);
static void request_schemas(struct fleet *f);
static void op_write_intent(struct fleet *f, const char *state, const char *detail);
static void op_fail(struct fleet *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The eight columns of row i of a read or a push (fleet_view.h). */
static void row_columns(PGresult *r, int i, const int fields[FLEET_ROW_COLUMNS],
                        const char *col[FLEET_ROW_COLUMNS])
{
    for (int c = 0; c < FLEET_ROW_COLUMNS; c++)
        col[c] = fields[c] >= 0 && !PQgetisnull(r, i, fields[c]) ? PQgetvalue(r, i, fields[c]) : "";
}

static void parse_read_row(struct fleet *f, PGresult *r, int i)
{
    static const int fields[FLEET_ROW_COLUMNS] = {0, 1, 2, 3, 4, 5, 6, 7};
    const char *col[FLEET_ROW_COLUMNS];
    row_columns(r, i, fields, col);
    struct fleet_row row;
    switch (fleet_row_decode(col, &row)) {
    case FLEET_ROW_MEMBER:
        if (f->rd_nmembers < FLEET_MAX_MEMBERS)
            f->rd_members[f->rd_nmembers++] = row.u.member;
        break;
    case FLEET_ROW_INTENT:
        /* a duplicate seed row moves with the other: the highest wins */
        if (row.u.intent.generation >= f->rd_intent.generation)
            f->rd_intent = row.u.intent;
        break;
    case FLEET_ROW_CLOCK:
        f->rd_server_ms = row.u.server_ms;
        break;
    case FLEET_ROW_REPORT:
        fleet_reports_add(&f->rd_reports, &row.u.report, 0);
        break;
    case FLEET_ROW_SCHEMA:
    case FLEET_ROW_UNKNOWN:
        break;
    }
}

static void control_result(struct fleet_pq *c, PGresult *r)
{
    struct fleet *f = c->f;
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_FATAL_ERROR || st == PGRES_BAD_RESPONSE) {
        if (f->job_err[0] == '\0') {
            const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            copy_str(f->job_state, sizeof f->job_state, code ? code : "XX000");
            snprintf(f->job_err, sizeof f->job_err, "%s (SQLSTATE %s)", m ? m : "error",
                     f->job_state);
        }
        return;
    }
    copy_str(f->job_tag, sizeof f->job_tag, PQcmdTuples(r));
    if (f->job_running && f->queue[f->qhead].kind == JOB_SCHEMAS && st == PGRES_TUPLES_OK &&
        PQnfields(r) >= 2) {
        for (int i = 0; i < PQntuples(r); i++) {
            size_t used = strlen(f->rd_sig);
            snprintf(f->rd_sig + used, sizeof f->rd_sig - used, "%s=%s ", PQgetvalue(r, i, 0),
                     PQgetvalue(r, i, 1));
        }
        return;
    }
    if (!f->job_running || f->queue[f->qhead].kind != JOB_READ || st != PGRES_TUPLES_OK ||
        PQnfields(r) < 8)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        parse_read_row(f, r, i);
}

static void fleet_derived(struct lifecycle *l, bool ok, void *arg)
{
    (void)l;
    struct fleet *f = arg;
    f->deriving = false;
    if (!ok) {
        log_msg(&f->p->log, LOG_LVL_WARNING,
                "fleet: re-deriving the deployment state failed; the view stays stale");
        return;
    }
    f->need_derive = false;
    if (f->booted && f->watch.up && f->have_view)
        clear_stale(f);
}

/* After a successful read: fresh, or still stale until the watch is back
 * and (after a lost connection) the deployment state is re-derived. */
static void freshness_after_read(struct fleet *f)
{
    int64_t valid = f->lease_ms - f->heartbeat_ms; /* >= heartbeat + 1 s (config check) */
    fleetgate_fresh(f->p, &f->read_sent, valid);
    if (!f->watch.up) {
        if (!f->stale[0])
            set_stale(f, "watch connection down");
        return;
    }
    if (f->need_derive) {
        if (!f->deriving) {
            f->deriving = true;
            set_stale(f, "re-deriving the deployment state after a lost connection");
            lifecycle_derive_state(f->l, fleet_derived, f);
        }
        return;
    }
    if (f->stale[0])
        clear_stale(f);
}

/* Takes the server's clock from the read that just ended (sent at
 * f->read_sent) into the offset estimate. */
static void clock_sample(struct fleet *f)
{
    if (f->rd_server_ms <= 0)
        return;
    int64_t rtt = -mono_left_ms(&f->read_sent);
    if (rtt < 0)
        rtt = 0;
    bool first = f->clock_nsamples == 0;
    f->clock_samples[f->clock_next].rtt_ms = rtt;
    f->clock_samples[f->clock_next].offset_ms = f->rd_server_ms - (wall_ms() - rtt / 2);
    f->clock_next = (f->clock_next + 1) % CLOCK_SAMPLES;
    if (f->clock_nsamples < CLOCK_SAMPLES)
        f->clock_nsamples++;
    size_t best = 0;
    for (size_t i = 1; i < f->clock_nsamples; i++)
        if (f->clock_samples[i].rtt_ms < f->clock_samples[best].rtt_ms)
            best = i;
    int64_t offset = f->clock_samples[best].offset_ms;
    /* said once, and again when it moves by a second (a host clock set) */
    if (first || llabs(offset - f->clock_offset_ms) >= 1000)
        log_msg(&f->p->log, llabs(offset) >= 1000 ? LOG_LVL_WARNING : LOG_LVL_INFO,
                "fleet: the server's clock is %+lld ms from this host's (round trip %lld ms); "
                "heartbeats, leases and deadlines use the server's",
                (long long)offset, (long long)f->clock_samples[best].rtt_ms);
    f->clock_offset_ms = offset;
}

/* The read's intent and reports into the view: they replace it, unless a
 * push was applied while the read was in flight, which the read may
 * predate; then they are merged (fleet_view.h). */
static void view_take_read(struct fleet *f)
{
    if (!f->pushed_during_read) {
        f->intent = f->rd_intent;
        memcpy(f->reports.r, f->rd_reports.r, f->rd_reports.n * sizeof *f->reports.r);
        f->reports.n = f->rd_reports.n;
        return;
    }
    f->pushed_during_read = false;
    if (fleet_intent_newer(&f->rd_intent, &f->intent))
        f->intent = f->rd_intent;
    for (size_t i = 0; i < f->rd_reports.n; i++)
        fleet_reports_add(&f->reports, &f->rd_reports.r[i], f->intent.generation);
    fleet_reports_prune(&f->reports, f->intent.generation);
}

static void read_done(struct fleet *f)
{
    f->read_queued = false;
    f->reads++;
    if (f->job_err[0]) {
        set_stale(f, "reading the fleet tables failed: %.200s", f->job_err);
        f->need_derive = true;
        log_msg(&f->p->log, LOG_LVL_WARNING, "fleet: %s", f->stale);
    } else {
        clock_sample(f);
        memcpy(f->members, f->rd_members, f->rd_nmembers * sizeof f->members[0]);
        f->nmembers = f->rd_nmembers;
        view_take_read(f);
        if (!f->have_view) {
            /* what is already over is the start derivation's business */
            if (strcmp(f->intent.state, "open") != 0)
                f->handled_g = f->applied_g = f->intent.generation;
            f->have_view = true;
            /* the baseline of the schema ids at once, not a heartbeat later:
             * a swap in between would otherwise be the baseline itself */
            request_schemas(f);
        }
        freshness_after_read(f);
    }
    if (f->read_dirty) {
        f->read_dirty = false;
        request_read(f);
    }
    evaluate(f);
}

static void control_done(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    if (!f->job_running)
        return;
    struct fleet_job *j = &f->queue[f->qhead];
    enum fleet_job_kind kind = j->kind;
    bool failed = f->job_err[0] != '\0';
    if (failed && kind != JOB_READ)
        log_msg(&f->p->log, kind == JOB_BOOT ? LOG_LVL_INFO : LOG_LVL_WARNING, "fleet: %s: %s",
                j->sql, f->job_err);
    job_pop(f);
    switch (kind) {
    case JOB_BOOT:
        if (failed) {
            /* a start race (42P07, 23505, tuple concurrently updated):
             * everything is idempotent, so start over a moment later */
            for (; f->qlen > 0; job_pop(f))
                f->job_running = true;
            f->job_running = false;
            f->read_queued = f->heartbeat_queued = false;
            f->schemas_queued = f->schemas_dirty = false;
            struct timeval tv = {0, 200 * 1000};
            evtimer_add(f->ev_boot, &tv);
            return;
        }
        break;
    case JOB_REGISTER:
        if (!failed && !f->booted) {
            f->booted = true;
            log_msg(&f->p->log, LOG_LVL_INFO,
                    "fleet: member %s registered in %s (heartbeat %d ms, lease %d ms)", f->me,
                    f->schema, f->heartbeat_ms, f->lease_ms);
            pq_open(&f->watch);
            request_read(f);
        }
        break;
    case JOB_HEARTBEAT:
        f->heartbeat_queued = false;
        if (!failed && strcmp(f->job_tag, "0") == 0) {
            log_msg(&f->p->log, LOG_LVL_WARNING,
                    "fleet: our member row is gone (removed, or the name is used by another "
                    "instance); registering again");
            bootstrap(f);
        }
        break;
    case JOB_READ:
        read_done(f);
        break;
    case JOB_CLAIM:
        if (f->phase == FOP_CLAIMING) {
            if (failed) {
                op_fail(f, "claiming the fleet intent failed: %s", f->job_err);
            } else if (strcmp(f->job_tag, "0") == 0) {
                f->phase = FOP_LOST_READ;
                request_read(f);
            } else if (f->abort_after_claim) {
                /* the step ended while its claim was in flight */
                f->phase = FOP_WAITING;
                op_write_intent(f, "aborted", "the step ended during its claim");
                f->phase = FOP_NONE;
            } else {
                f->phase = FOP_WAITING;
                f->steps_promoter++;
                clock_gettime(CLOCK_MONOTONIC, &f->claim_done);
                request_read(f);
            }
        }
        break;
    case JOB_WRITE:
        break;
    case JOB_SCHEMAS:
        f->schemas_queued = false;
        if (!failed)
            schemas_read(f);
        if (f->schemas_dirty) {
            f->schemas_dirty = false;
            request_schemas(f);
        }
        break;
    }
    queue_kick(f);
}

static void control_up(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    f->job_running = false;
    bootstrap(f);
}

static void control_down(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    /* the statement in flight may or may not have run: everything queued is
     * idempotent or re-derived, so drop the queue and start over */
    for (; f->qlen > 0; job_pop(f))
        f->job_running = true;
    f->job_running = false;
    f->read_queued = f->read_dirty = f->heartbeat_queued = false;
    f->schemas_queued = f->schemas_dirty = false;
    f->booted = false;
    f->need_derive = true;
    f->reconnects++;
    set_stale(f, "control connection lost");
    if (f->phase == FOP_CLAIMING || f->phase == FOP_LOST_READ || f->phase == FOP_WAITING)
        op_fail(f, "the fleet control connection was lost during the claim");
}

/* ---- bootstrap, registration, heartbeat ---- */

static void bootstrap(struct fleet *f)
{
    const char *s = f->schema;
    f->booted = false;
    enqueue(f, JOB_BOOT, "CREATE SCHEMA IF NOT EXISTS %s", s);
    enqueue(f, JOB_BOOT,
            "CREATE TABLE IF NOT EXISTS %s.members (member text, address text, pid bigint, "
            "incarnation bigint, heartbeat_ms bigint, state text, generation bigint)",
            s);
    enqueue(f, JOB_BOOT,
            "CREATE TABLE IF NOT EXISTS %s.intent (generation bigint, action text, promoter text, "
            "created_ms bigint, deadline_ms bigint, state text, detail text)",
            s);
    enqueue(f, JOB_BOOT,
            "CREATE TABLE IF NOT EXISTS %s.reports (generation bigint, member text, kind text, "
            "at_ms bigint, detail text)",
            s);
    enqueue(f, JOB_BOOT,
            "INSERT INTO %s.intent SELECT 0, 'none', '', 0, 0, 'done', '' WHERE NOT EXISTS "
            "(SELECT 1 FROM %s.intent)",
            s, s);
    if (f->postgres) {
        /* NOTIFY at commit of any change to the intent or the reports;
         * member rows change every heartbeat and are read with it */
        enqueue(f, JOB_BOOT,
                "CREATE OR REPLACE FUNCTION %s.notify() RETURNS trigger LANGUAGE plpgsql AS "
                "$f$BEGIN PERFORM pg_notify('%s', TG_TABLE_NAME); RETURN NULL; END$f$",
                s, s);
        enqueue(f, JOB_BOOT,
                "CREATE OR REPLACE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON %s.intent "
                "FOR EACH STATEMENT EXECUTE FUNCTION %s.notify()",
                s, s);
        enqueue(f, JOB_BOOT,
                "CREATE OR REPLACE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON %s.reports "
                "FOR EACH STATEMENT EXECUTE FUNCTION %s.notify()",
                s, s);
    }
    char me[2 * FLEET_NAME_MAX], addr[2 * FLEET_TEXT_MAX];
    sql_lit(me, sizeof me, f->me);
    sql_lit(addr, sizeof addr, f->address);
    enqueue(f, JOB_BOOT, "DELETE FROM %s.members WHERE member = '%s'", s, me);
    enqueue(f, JOB_REGISTER,
            "INSERT INTO %s.members VALUES ('%s', '%s', %ld, %lld, %lld, 'following', %lld)", s, me,
            addr, (long)getpid(), (long long)f->incarnation, (long long)server_ms(f),
            (long long)f->applied_g);
}

/* The names the schema read looks at, as SQL literals ('s', 's_dbt_deploy',
 * ..., '<marker>', '<marker>_dbt_deploy') into `b`: the configured schemas,
 * their twins and the marker pair. false: no schema is configured. */
static bool schema_names(const struct fleet *f, struct evbuffer *b)
{
    struct deploy_spec spec;
    deploy_spec_from_config(&spec, f->p->cfg, NULL);
    if (spec.nschemas == 0)
        return false;
    char twin[2 * CONFIG_NAME_MAX + 2], lit[4 * CONFIG_NAME_MAX + 8];
    for (size_t i = 0; i <= spec.nschemas; i++) {
        const char *name = i < spec.nschemas ? spec.schemas[i] : spec.marker;
        deploy_twin_name(&spec, name, twin, sizeof twin);
        sql_lit(lit, sizeof lit, name);
        evbuffer_add_printf(b, "%s'%s'", i ? ", " : "", lit);
        sql_lit(lit, sizeof lit, twin);
        evbuffer_add_printf(b, ", '%s'", lit);
    }
    return true;
}

/* The deployment's schema ids (configured schemas, twins, markers): a swap
 * moves ids between names, so a change of this list that no fleet step
 * explains is a swap that bypassed the fleet (run directly on the server).
 * Asked for by the watch when Materialize pushes a change of those schemas
 * (watch_subscribe), and every heartbeat: the fallback, and the only way on
 * PostgreSQL. Cheap: an indexed catalog lookup. */
static void request_schemas(struct fleet *f)
{
    if (!f->booted || !f->have_view)
        return; /* read_done asks once the first view is in */
    if (f->schemas_queued) {
        f->schemas_dirty = true; /* a push during the read: the read may predate it */
        return;
    }
    struct evbuffer *b = evbuffer_new();
    if (b == NULL)
        return;
    if (!schema_names(f, b)) {
        evbuffer_free(b);
        return;
    }
    evbuffer_add(b, "", 1);
    const char *names = (const char *)evbuffer_pullup(b, -1);
    if (!f->postgres && f->watch_names != NULL && strcmp(f->watch_names, names) != 0 &&
        !f->watch_names_warned) {
        /* a reload changed [deployment] schemas: the running SUBSCRIBE still
         * names the old ones until the watch reconnects */
        f->watch_names_warned = true;
        log_msg(&f->p->log, LOG_LVL_INFO,
                "fleet: the deployment's schemas changed since the watch started: a swap of the "
                "new ones is seen by the heartbeat read until the watch reconnects");
    }
    if (f->postgres)
        f->schemas_queued = enqueue(f, JOB_SCHEMAS,
                                    "SELECT nspname::text, oid::text FROM pg_catalog.pg_namespace "
                                    "WHERE nspname IN (%s) ORDER BY 1",
                                    names);
    else
        f->schemas_queued =
            enqueue(f, JOB_SCHEMAS,
                    "SELECT s.name, s.id FROM mz_catalog.mz_schemas s JOIN mz_catalog.mz_databases "
                    "d ON d.id = s.database_id WHERE d.name = current_database() AND s.name IN "
                    "(%s) ORDER BY 1",
                    names);
    evbuffer_free(b);
}

static const char *member_state(const struct fleet *f)
{
    if (f->raised_g)
        return "held";
    if (f->cleanup_running)
        return "cleaning";
    return "following";
}

static void heartbeat_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct fleet *f = arg;
    if (f->booted && !f->heartbeat_queued) {
        char me[2 * FLEET_NAME_MAX];
        sql_lit(me, sizeof me, f->me);
        f->heartbeat_queued = true;
        enqueue(f, JOB_HEARTBEAT,
                "UPDATE %s.members SET heartbeat_ms = %lld, state = '%s', generation = %lld "
                "WHERE member = '%s' AND incarnation = %lld",
                f->schema, (long long)server_ms(f), member_state(f), (long long)f->applied_g, me,
                (long long)f->incarnation);
    }
    request_read(f);
    request_schemas(f);
}

/* ---- the watch connection ---- */

/* Materialize: one SUBSCRIBE, so that any row is a change pushed at its
 * commit. Its rows are told apart by `k`: 'i' and 'r' for the intent and
 * the reports of its generation, in the read's columns (applied at once,
 * watch_row), 's' for the id and name of a
 * schema the heartbeat's schema read looks at (request_schemas), restricted
 * to the current database as that read is. A swap moves ids between names,
 * so it retracts and inserts rows here at its commit: the member checks the
 * catalog at once instead of at its next heartbeat. UNION ALL needs one
 * column type per column: all text. */
static void watch_subscribe(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    struct evbuffer *b = evbuffer_new(), *names = evbuffer_new();
    if (b == NULL || names == NULL) {
        if (b)
            evbuffer_free(b);
        if (names)
            evbuffer_free(names);
        pq_down(c, "out of memory");
        return;
    }
    evbuffer_add_printf(b, "SUBSCRIBE (" FLEET_INTENT_AND_REPORTS_SQL, f->schema, f->schema,
                        f->schema);
    bool have_names = schema_names(f, names);
    evbuffer_add(names, "", 1);
    const char *list = (const char *)evbuffer_pullup(names, -1);
    if (f->watch_db[0] && have_names) {
        char db[4 * CONFIG_NAME_MAX + 8];
        sql_lit(db, sizeof db, f->watch_db);
        evbuffer_add_printf(b,
                            " UNION ALL SELECT 's', sc.id, sc.name, '', '', '', '', '' FROM "
                            "mz_catalog.mz_schemas sc "
                            "JOIN mz_catalog.mz_databases d ON d.id = sc.database_id WHERE "
                            "d.name = '%s' AND sc.name IN (%s)",
                            db, list);
    }
    evbuffer_add(b, ")", 2);
    free(f->watch_names);
    f->watch_names = strdup(list);
    f->watch_names_warned = false;
    if (pq_send(c, (const char *)evbuffer_pullup(b, -1)) && c->conn)
        PQsetSingleRowMode(c->conn);
    evbuffer_free(b);
    evbuffer_free(names);
}

static void watch_up(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    if (f->postgres) {
        char sql[512];
        snprintf(sql, sizeof sql, "LISTEN %s", f->schema);
        pq_send(c, sql);
    } else {
        /* the database name goes into the SUBSCRIBE as a literal: Materialize
         * refuses unmaterializable functions such as current_database() in
         * a SUBSCRIBE (they are evaluated once only for one-shot reads) */
        f->watch_asking_db = true;
        f->watch_db[0] = '\0';
        pq_send(c, "SELECT current_database()::text");
    }
    request_read(f); /* what changed while we were not watching */
}

/* A schema row the watch pushed (id, name). While this member holds its
 * clients for a swap, an id moved between two of the deployment's names
 * is that swap's commit: the member switches at once (member_evaluate)
 * instead of a write and a push later, when the promoter's `committed`
 * arrives; `committed` then only confirms the state. */
static void member_swap_row(struct fleet *f, const char *id, const char *name)
{
    const struct fleet_intent_info *in = &f->intent;
    if (f->raised_g == 0 || f->raised_g != in->generation || f->quiesced_g != f->raised_g ||
        strcmp(in->state, "open") != 0 || !step_swaps(in->action) || !f->have_sig ||
        f->swap_seen_g == in->generation || !f->l->state_known ||
        (f->l->state != DEPLOY_STATE_DEPLOYING && f->l->state != DEPLOY_STATE_PROMOTED))
        return;
    if (!fleet_sig_swapped(f->schema_sig, id, name))
        return;
    f->swap_seen_g = in->generation;
    event_active(f->ev_tick, EV_TIMEOUT, 1);
}

/* A row the watch's SUBSCRIBE pushed. The intent's and the reports' rows
 * are applied to the view at once, and the view evaluated once the rows
 * that arrived together are in: no read waits between a push and what it
 * starts (a member holding its clients, the promoter's swap, the members'
 * switch), each a step of the promote's critical path. Retractions are
 * not needed: the intent's new version is its insertion, and reports are
 * only inserted. A schema row (a swap moved the deployment's schema ids)
 * makes the member read the ids. */
static void watch_row(struct fleet *f, PGresult *r)
{
    static const char *const names[FLEET_ROW_COLUMNS] = {"k", "a", "b", "c", "g", "t", "n", "d"};
    int fields[FLEET_ROW_COLUMNS];
    for (int i = 0; i < FLEET_ROW_COLUMNS; i++)
        fields[i] = PQfnumber(r, names[i]);
    int diff = PQfnumber(r, "mz_diff");
    const char *col[FLEET_ROW_COLUMNS];
    row_columns(r, 0, fields, col);
    struct fleet_row row;
    enum fleet_row_kind kind = fleet_row_decode(col, &row);
    bool inserted = diff >= 0 && strtoll(PQgetvalue(r, 0, diff), NULL, 10) > 0;
    if (kind == FLEET_ROW_SCHEMA) {
        if (inserted)
            member_swap_row(f, col[1], col[2]);
        request_schemas(f);
        return;
    }
    if (!inserted)
        return;
    bool changed = false;
    if (kind == FLEET_ROW_INTENT && fleet_intent_newer(&row.u.intent, &f->intent)) {
        f->intent = row.u.intent;
        fleet_reports_prune(&f->reports, f->intent.generation);
        changed = true;
    } else if (kind == FLEET_ROW_REPORT) {
        changed = fleet_reports_add(&f->reports, &row.u.report, f->intent.generation);
    }
    if (!changed)
        return;
    if (f->read_queued)
        f->pushed_during_read = true;
    f->pushes_applied++;
    event_active(f->ev_tick, EV_TIMEOUT, 1);
}

static void watch_result(struct fleet_pq *c, PGresult *r)
{
    struct fleet *f = c->f;
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_FATAL_ERROR) {
        const char *m = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        log_msg(&f->p->log, LOG_LVL_WARNING, "fleet: watch: %s%s", m ? m : "error",
                f->watch_asking_db ? " (reading the current database; schema swaps are seen by "
                                     "the heartbeat read only)"
                                   : "");
        return;
    }
    if (f->watch_asking_db) {
        if (st == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) == 1 &&
            !PQgetisnull(r, 0, 0))
            copy_str(f->watch_db, sizeof f->watch_db, PQgetvalue(r, 0, 0));
        return;
    }
    if (st == PGRES_SINGLE_TUPLE)
        watch_row(f, r);
}

static void watch_done(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    /* LISTEN's reply: now idle, notifications come on their own. */
    if (f->postgres)
        return;
    if (f->watch_asking_db) {
        f->watch_asking_db = false;
        watch_subscribe(c);
        return;
    }
    /* A SUBSCRIBE that ended (it never should) is started again. */
    pq_down(c, "the SUBSCRIBE ended");
}

static void watch_notify(struct fleet_pq *c)
{
    request_read(c->f);
}

static void watch_down(struct fleet_pq *c)
{
    struct fleet *f = c->f;
    f->need_derive = true;
    f->reconnects++;
    set_stale(f, "watch connection lost");
}

/* ---- the member side ---- */

static void report(struct fleet *f, int64_t g, const char *kind, const char *detail)
{
    char me[2 * FLEET_NAME_MAX], d[2 * FLEET_TEXT_MAX];
    sql_lit(me, sizeof me, f->me);
    sql_lit(d, sizeof d, detail);
    enqueue(f, JOB_WRITE, "INSERT INTO %s.reports VALUES (%lld, '%s', '%s', %lld, '%s')", f->schema,
            (long long)g, me, kind, (long long)server_ms(f), d);
}

static void member_barrier_done(enum barrier_outcome outcome, const uint64_t *blocking, size_t n,
                                void *arg)
{
    struct fleet *f = arg;
    if (outcome == BARRIER_LOWERED || f->raised_g == 0)
        return;
    if (outcome == BARRIER_QUIESCED) {
        char d[64];
        f->last_held_us = mono_us_since(&f->seen_open);
        f->quiesced_g = f->raised_g;
        snprintf(d, sizeof d, "held_after_us=%lld", (long long)f->last_held_us);
        report(f, f->raised_g, "quiescent", d);
        return;
    }
    char ids[FLEET_TEXT_MAX] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used + 24 < sizeof ids; i++)
        used += (size_t)snprintf(ids + used, sizeof ids - used, "%sC-%llu", i ? " " : "",
                                 (unsigned long long)blocking[i]);
    report(f, f->raised_g, "busy", ids);
}

/* Lowers the member barrier; fills the held figures of the raise. */
static void member_lower(struct fleet *f, char *held, size_t heldlen)
{
    if (f->raised_g == 0) {
        if (held)
            snprintf(held, heldlen, "held=0 max_us=0 p99_us=0");
        return;
    }
    f->raised_g = 0;
    proxy_resume(f->p);
    struct stats_held_since h;
    stats_held_since(&f->p->stats, &f->held_at_raise, &h);
    if (held)
        snprintf(held, heldlen, "held=%llu max_us=%lld p99_us=%lld", (unsigned long long)h.held,
                 (long long)h.max_us, (long long)h.p99_us);
}

/* The member's SUBSCRIBE splices of a swap switched (or the carry-over's
 * own wait, docs/subscribe.md "Timing", gave up on them): the promoter
 * replies only after this report, so that its reply means every member's
 * streams are on the new environment. */
static void member_carried(void *arg, size_t still_splicing, int waited_ms)
{
    struct fleet *f = arg;
    char d[64];
    snprintf(d, sizeof d, "still=%zu waited_ms=%d", still_splicing, waited_ms);
    report(f, f->carry_g, "carried", d);
    lifecycle_settle_free(f->carry_settle); /* allowed from its callback */
    f->carry_settle = NULL;
}

/* After a swap's switch: appends this member's splices under way to the
 * switched report's detail; when there are any, their settle ends in a
 * carried report. */
static void member_carry(struct fleet *f, int64_t g, char *held, size_t heldlen)
{
    size_t splicing = lifecycle_splicing(f->l);
    size_t used = strlen(held);
    snprintf(held + used, heldlen - used, " splicing=%zu", splicing);
    lifecycle_settle_free(f->carry_settle); /* a newer swap supersedes it */
    f->carry_settle = NULL;
    if (splicing == 0)
        return;
    f->carry_g = g;
    f->carry_settle = lifecycle_settle_start(f->l, member_carried, f);
    if (f->carry_settle == NULL)
        report(f, g, "carried", "still=unknown (out of memory)");
}

static void member_cleanup_ready(void *arg)
{
    struct fleet *f = arg;
    f->cleanup_running = false;
    char d[64];
    f->last_held_us = mono_us_since(&f->seen_open);
    f->quiesced_g = f->handled_g;
    snprintf(d, sizeof d, "held_after_us=%lld cleanup ready", (long long)f->last_held_us);
    report(f, f->handled_g, "quiescent", d);
}

/* Generation in->generation switched on this member: routes to `st` (when
 * known), the barrier lowered, the subscriptions carried, `switched`
 * reported. `how`: what told it (the committed intent, or the swap seen in
 * the catalog). */
static void member_switch(struct fleet *f, const struct fleet_intent_info *in, bool known,
                          enum deploy_state st, const char *how)
{
    f->applied_g = in->generation;
    if (in->generation > f->handled_g)
        f->handled_g = in->generation;
    char held[128];
    bool swap = step_swaps(in->action);
    if (swap && f->quiesced_g != in->generation) {
        /* this member never held its clients for this swap (frozen, cut
         * off, or its barrier timed out): a transaction open now began
         * before it and must not go on over the new objects */
        size_t fenced = fleetgate_fence_transactions(f->p);
        log_msg(&f->p->log, LOG_LVL_WARNING,
                "fleet: generation %lld (%s by %s) committed while this member was not "
                "holding its clients: %zu session(s) inside a transaction end with ZC004 at "
                "their next statement",
                (long long)in->generation, in->action, in->promoter, fenced);
    }
    if (known) {
        lifecycle_apply_state(f->l, st);
        member_lower(f, held, sizeof held);
        log_msg(&f->p->log, LOG_LVL_INFO,
                "fleet: %s by %s %s (generation %lld): switched to %s; %s", in->action,
                in->promoter, how, (long long)in->generation, deploy_state_name(st), held);
    } else {
        member_lower(f, held, sizeof held);
        log_msg(&f->p->log, LOG_LVL_WARNING,
                "fleet: generation %lld committed with unknown state '%s': re-deriving",
                (long long)in->generation, in->detail);
    }
    if (swap)
        member_carry(f, in->generation, held, sizeof held);
    report(f, in->generation, "switched", held);
    /* the catalog stays the truth: confirm (or correct) in the background */
    lifecycle_derive_state(f->l, NULL, NULL);
}

static void member_evaluate(struct fleet *f)
{
    const struct fleet_intent_info *in = &f->intent;
    if (strcmp(in->promoter, f->me) == 0)
        return; /* our own step: the promoter side runs it */
    if (f->phase != FOP_NONE)
        return; /* our claim is undecided: a peer's intent is handled once it is */
    int64_t now = server_ms(f);
    bool open = strcmp(in->state, "open") == 0;
    bool committed = strcmp(in->state, "committed") == 0 || strcmp(in->state, "done") == 0;
    bool aborted = strcmp(in->state, "aborted") == 0;

    if (f->raised_g &&
        (in->generation > f->raised_g || aborted || (open && now > in->deadline_ms + 1000))) {
        int64_t g = f->raised_g;
        member_lower(f, NULL, 0);
        log_msg(&f->p->log, LOG_LVL_WARNING,
                "fleet: generation %lld %s: barrier lowered without a switch; re-deriving",
                (long long)g, aborted ? "aborted" : "expired");
        report(f, g, "lowered", aborted ? "aborted" : "deadline passed");
        lifecycle_derive_state(f->l, NULL, NULL);
    }
    if (open && in->generation > f->handled_g && now < in->deadline_ms) {
        f->handled_g = in->generation;
        f->steps_member++;
        clock_gettime(CLOCK_MONOTONIC, &f->seen_open);
        log_msg(&f->p->log, LOG_LVL_INFO, "fleet: %s by %s (generation %lld): holding clients",
                in->action, in->promoter, (long long)in->generation);
        if (strcmp(in->action, "cleanup") == 0) {
            f->cleanup_running = true;
            lifecycle_member_before_cleanup(f->l, member_cleanup_ready, f);
        } else if (barrier_is_raised(f->p)) {
            report(f, in->generation, "busy", "barrier already raised here (pause or a swap)");
        } else {
            f->raised_g = in->generation;
            stats_held_mark_take(&f->p->stats, &f->held_at_raise);
            int64_t t = in->deadline_ms - now;
            if (!proxy_pause(f->p, t > INT32_MAX ? INT32_MAX : (int)t, member_barrier_done, f)) {
                f->raised_g = 0;
                report(f, in->generation, "busy", "could not raise the barrier");
            }
        }
    }
    if (open && f->swap_seen_g == in->generation && in->generation > f->applied_g &&
        f->raised_g == in->generation && f->quiesced_g == in->generation) {
        /* the swap this member holds for committed: it switches now, not
         * a write and a push later at the promoter's `committed` */
        enum deploy_state st = swap_target(f->l->state);
        f->early_g = in->generation;
        f->early_state = st;
        member_switch(f, in, true, st, "seen in the catalog");
    }
    if (committed && in->generation == f->early_g) {
        enum deploy_state st;
        f->early_g = 0;
        if (parse_state(in->detail, &st) && st != f->early_state) {
            log_msg(&f->p->log, LOG_LVL_WARNING,
                    "fleet: generation %lld committed as %s, not the %s this member switched to "
                    "at the swap: switching to %s",
                    (long long)in->generation, in->detail, deploy_state_name(f->early_state),
                    in->detail);
            lifecycle_apply_state(f->l, st);
        }
    }
    if (committed && in->generation > f->applied_g) {
        enum deploy_state st = DEPLOY_STATE_NONE;
        bool known = parse_state(in->detail, &st);
        member_switch(f, in, known, st, "committed");
    }
}

static void schemas_checked(struct lifecycle *l, bool ok, void *arg)
{
    struct fleet *f = arg;
    f->checking = false;
    if (!ok || !l->state_known || (f->check_known && l->state == f->check_before))
        return; /* the catalog says what this member already routes by */
    if (l->epoch != f->check_epoch)
        return; /* a fleet step switched the routes while the catalog was read: the
                 * derivation was not applied (it is stale, lifecycle.c), and the
                 * state found is that step's, its sessions held for it */
    struct proxy *p = f->p;
    bool swap = l->state == DEPLOY_STATE_PROMOTED || f->check_before == DEPLOY_STATE_PROMOTED;
    const char *before = f->check_known ? deploy_state_name(f->check_before) : "unknown";
    if (!swap) {
        /* twins created or dropped while production kept its objects (an
         * init, often seen here a moment before its announcement): the
         * deploy route follows, but nothing was cut over */
        log_msg(&p->log, LOG_LVL_INFO,
                "fleet: the deployment changed on the server (%s -> %s; schema ids now %s); "
                "routes switched",
                before, deploy_state_name(l->state), f->schema_sig);
        return;
    }
    size_t fenced = fleetgate_fence_transactions(p);
    f->unbarriered++;
    log_msg(&p->log, LOG_LVL_WARNING,
            "fleet: cutover without a barrier: the deployment changed on the server outside any "
            "fleet step (%s -> %s; schema ids now %s); routes switched, subscriptions carried; "
            "%zu session(s) inside a transaction end with ZC004 at their next statement",
            before, deploy_state_name(l->state), f->schema_sig, fenced);
}

/* The schema ids read (request_schemas): a change that no step in progress
 * explains is checked against the catalog (the same derivation as status);
 * when the state it finds is not the one this member routes by, the change
 * bypassed every barrier. A change right after a step of the fleet's own
 * just confirms the state. */
static void schemas_read(struct fleet *f)
{
    struct proxy *p = f->p;
    const struct fleet_intent_info *in = &f->intent;
    bool step = f->raised_g != 0 || f->phase != FOP_NONE || f->l->busy ||
                p->swapwatch.conn != NULL || p->swapwatch.releasing ||
                strcmp(in->state, "open") == 0 ||
                ((strcmp(in->state, "committed") == 0 || strcmp(in->state, "done") == 0) &&
                 in->generation > f->applied_g);
    bool changed = f->have_sig && strcmp(f->schema_sig, f->rd_sig) != 0;
    if (step)
        return; /* keep the old baseline: compared again once the step is over */
    copy_str(f->schema_sig, sizeof f->schema_sig, f->rd_sig);
    f->have_sig = true;
    if (!changed || f->checking)
        return;
    f->checking = true;
    f->check_epoch = f->l->epoch;
    f->check_before = f->l->state;
    f->check_known = f->l->state_known;
    lifecycle_derive_swapped(f->l, schemas_checked, f);
}

/* ---- the promoter side ---- */

static bool member_live(const struct fleet *f, const struct fleet_member_info *m, int64_t now)
{
    return now - m->heartbeat_ms <= f->lease_ms;
}

static const struct fleet_member_info *find_member(const struct fleet *f, const char *name)
{
    for (size_t i = 0; i < f->nmembers; i++)
        if (strcmp(f->members[i].name, name) == 0)
            return &f->members[i];
    return NULL;
}

static const struct fleet_report *find_report(const struct fleet *f, const char *member,
                                              const char *kind)
{
    return fleet_reports_find(&f->reports, f->g, member, kind);
}

static bool is_participant(const struct fleet *f, const char *name)
{
    for (size_t i = 0; i < f->nparticipants; i++)
        if (strcmp(f->participants[i], name) == 0)
            return true;
    return false;
}

/* Every live member but us takes part; one that joins during the wait too. */
static void add_live_participants(struct fleet *f, int64_t now)
{
    for (size_t i = 0; i < f->nmembers; i++) {
        const struct fleet_member_info *m = &f->members[i];
        if (strcmp(m->name, f->me) == 0 || !member_live(f, m, now) || is_participant(f, m->name))
            continue;
        if (f->nparticipants < FLEET_MAX_MEMBERS) {
            f->seen_quiescent_us[f->nparticipants] = -1;
            copy_str(f->participants[f->nparticipants++], FLEET_NAME_MAX, m->name);
        }
    }
}

static void tick_arm(struct fleet *f)
{
    struct timeval tv = {0, FLEET_TICK_MS * 1000};
    evtimer_add(f->ev_tick, &tv);
}

static void op_write_intent(struct fleet *f, const char *state, const char *detail)
{
    char d[2 * FLEET_TEXT_MAX];
    sql_lit(d, sizeof d, detail);
    enqueue(f, JOB_WRITE,
            "UPDATE %s.intent SET state = '%s', detail = '%s' WHERE generation = %lld", f->schema,
            state, d, (long long)f->g);
}

static void op_call(struct fleet *f, bool ok, const char *why)
{
    fleet_ready_fn fn = f->fn;
    void *arg = f->fn_arg;
    f->fn = NULL;
    f->fn_arg = NULL;
    if (fn)
        fn(arg, ok, why);
}

static void op_fail(struct fleet *f, const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    if (f->phase == FOP_WAITING || f->phase == FOP_READY)
        op_write_intent(f, "aborted", why);
    f->phase = FOP_NONE;
    log_msg(&f->p->log, LOG_LVL_WARNING, "fleet: %s", why);
    op_call(f, false, why);
}

static void lost_append(struct fleet *f, const struct fleet_member_info *m, int64_t now)
{
    char one[160];
    snprintf(one, sizeof one, "%s%s (no heartbeat for %.1f s)", f->lost[0] ? ", " : "", m->name,
             (double)(now - m->heartbeat_ms) / 1000.0);
    if (strstr(f->lost, m->name) == NULL)
        strncat(f->lost, one, sizeof f->lost - strlen(f->lost) - 1);
}

/* The participants that have not reported `switched` and are live (a
 * participant whose lease ran out is added to f->lost instead). */
static void switched_missing(struct fleet *f, int64_t now, char *missing, size_t len)
{
    missing[0] = '\0';
    for (size_t i = 0; i < f->nparticipants; i++) {
        const char *name = f->participants[i];
        if (find_report(f, name, "switched"))
            continue;
        const struct fleet_member_info *m = find_member(f, name);
        if (m == NULL || !member_live(f, m, now)) {
            if (m)
                lost_append(f, m, now);
            continue;
        }
        size_t used = strlen(missing);
        snprintf(missing + used, len - used, "%s%s", used ? ", " : "", name);
    }
}

/* The SUBSCRIBE splices a switched report says were under way (0: none). */
static unsigned long report_splicing(const struct fleet_report *r)
{
    const char *sp = strstr(r->detail, " splicing=");
    return sp ? strtoul(sp + strlen(" splicing="), NULL, 10) : 0;
}

/* Whether a live participant switched with splices under way and has not
 * reported them carried yet. */
static bool carry_pending(const struct fleet *f, int64_t now)
{
    for (size_t i = 0; i < f->nparticipants; i++) {
        const char *name = f->participants[i];
        const struct fleet_report *r = find_report(f, name, "switched");
        if (r == NULL || report_splicing(r) == 0 || find_report(f, name, "carried"))
            continue;
        const struct fleet_member_info *m = find_member(f, name);
        if (m != NULL && member_live(f, m, now))
            return true;
    }
    return false;
}

/* ", N subscriptions carried after W ms" (or what is known of them) for a
 * member's clause in the reply. */
static void describe_carried(FILE *o, const struct fleet *f, const char *name,
                             const struct fleet_report *switched)
{
    unsigned long n = report_splicing(switched);
    if (n == 0)
        return;
    const struct fleet_report *c = find_report(f, name, "carried");
    unsigned long still = 0;
    int waited = 0;
    if (c == NULL || sscanf(c->detail, "still=%lu waited_ms=%d", &still, &waited) != 2)
        fprintf(o, ", %lu subscription(s) splicing, not confirmed carried", n);
    else if (still == 0)
        fprintf(o, ", %lu subscription(s) carried after %d ms", n, waited);
    else
        fprintf(o, ", %lu of %lu subscription(s) still splicing after %d ms", still, n, waited);
}

static void promoter_evaluate(struct fleet *f)
{
    int64_t now = server_ms(f);
    if (f->phase == FOP_LOST_READ) {
        const struct fleet_intent_info *in = &f->intent;
        const struct fleet_member_info *w = find_member(f, in->promoter);
        f->phase = FOP_NONE;
        char why[512];
        snprintf(why, sizeof why,
                 "refused: fleet member %s (%s) holds generation %lld (%s, %s, deadline in %.1f "
                 "s); nothing changed",
                 in->promoter, w ? w->address : "?", (long long)in->generation, in->action,
                 in->state, (double)(in->deadline_ms - now) / 1000.0);
        log_msg(&f->p->log, LOG_LVL_WARNING, "fleet: %s", why);
        op_call(f, false, why);
        return;
    }
    if (f->phase == FOP_WAITING) {
        add_live_participants(f, now);
        char missing[512] = "";
        for (size_t i = 0; i < f->nparticipants; i++) {
            const char *name = f->participants[i];
            if (find_report(f, name, "quiescent")) {
                if (f->seen_quiescent_us[i] < 0)
                    f->seen_quiescent_us[i] = mono_us_since(&f->claim_done);
                continue;
            }
            const struct fleet_report *busy = find_report(f, name, "busy");
            if (busy) {
                op_fail(f,
                        "fleet member %s could not hold its clients: %s; nothing was changed "
                        "(SQLSTATE ZC003)",
                        name, busy->detail[0] ? busy->detail : "busy");
                return;
            }
            const struct fleet_member_info *m = find_member(f, name);
            if (m == NULL || !member_live(f, m, now)) {
                if (f->abort_on_lost) {
                    op_fail(f,
                            "fleet member %s was lost during the %s (on_member_lost = abort); "
                            "nothing was changed (SQLSTATE ZC003)",
                            name, f->action);
                    return;
                }
                if (m)
                    lost_append(f, m, now);
                continue;
            }
            size_t used = strlen(missing);
            snprintf(missing + used, sizeof missing - used, "%s%s", used ? ", " : "", name);
        }
        if (missing[0] == '\0') {
            f->phase = FOP_READY;
            op_call(f, true, "");
            return;
        }
        if (mono_left_ms(&f->wait_deadline) <= 0) {
            op_fail(f,
                    "fleet barrier timed out: members that did not report holding their clients: "
                    "%s; nothing was changed (SQLSTATE ZC003)",
                    missing);
            return;
        }
        tick_arm(f);
        return;
    }
    if (f->phase == FOP_SWITCHING || f->phase == FOP_CARRYING) {
        char missing[512];
        switched_missing(f, now, missing, sizeof missing);
        if (f->phase == FOP_SWITCHING) {
            if (missing[0] && mono_left_ms(&f->wait_deadline) > 0) {
                tick_arm(f);
                return;
            }
            /* the routes are switched; a member's SUBSCRIBE streams switch
             * when their new streams are ready (hydration included), which
             * the carry-over's own waits bound */
            f->phase = FOP_CARRYING;
            mono_in(&f->carry_deadline, f->p->cfg->subscribe_carry_wait_max_ms);
        }
        if (carry_pending(f, now) && mono_left_ms(&f->carry_deadline) > 0) {
            tick_arm(f);
            return;
        }
        char *sum = NULL;
        size_t len = 0;
        FILE *o = open_memstream(&sum, &len);
        if (o) {
            fprintf(o, "fleet generation %lld:", (long long)f->g);
            f->last_step_held_max_us = -1;
            for (size_t i = 0; i < f->nparticipants; i++) {
                const struct fleet_report *r = find_report(f, f->participants[i], "switched");
                const struct fleet_report *q = find_report(f, f->participants[i], "quiescent");
                unsigned long long held = 0;
                long long max_us = 0, p99_us = 0, held_after_us = -1;
                if (r == NULL || sscanf(r->detail, "held=%llu max_us=%lld p99_us=%lld", &held,
                                        &max_us, &p99_us) != 3)
                    continue;
                if (q == NULL || sscanf(q->detail, "held_after_us=%lld", &held_after_us) != 1)
                    held_after_us = -1;
                fprintf(o, " %s switched", f->participants[i]);
                /* two monotonic figures, no wall clocks compared: the member's
                 * own (intent seen -> its clients held) and the promoter's
                 * (claim committed -> that report read) */
                if (held_after_us >= 0)
                    fprintf(o, ", intent-to-held %.1f ms", (double)held_after_us / 1000.0);
                if (f->seen_quiescent_us[i] >= 0) {
                    fprintf(o, " (claim to report seen %.1f ms)",
                            (double)f->seen_quiescent_us[i] / 1000.0);
                    if (f->seen_quiescent_us[i] > f->last_step_held_max_us)
                        f->last_step_held_max_us = f->seen_quiescent_us[i];
                }
                fprintf(o, ", held %llu statements, max %.1f ms, p99 %.1f ms", held,
                        (double)max_us / 1000.0, (double)p99_us / 1000.0);
                describe_carried(o, f, f->participants[i], r);
                fputc(';', o);
            }
            if (f->lost[0])
                fprintf(o, " lost: %s;", f->lost);
            if (missing[0])
                fprintf(o, " not confirmed: %s;", missing);
            fclose(o);
        }
        op_write_intent(f, "done", f->intent.detail);
        f->phase = FOP_NONE;
        op_call(f, true, sum ? sum : "");
        free(sum);
    }
}

static void evaluate(struct fleet *f)
{
    if (!f->have_view)
        return;
    /* the promoter side first: a claim lost to a peer releases our own
     * barrier before we hold our clients for the winner */
    promoter_evaluate(f);
    member_evaluate(f);
    if (f->raised_g)
        tick_arm(f); /* the deadline of a promoter that died */
}

static void boot_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct fleet *f = arg;
    if (f->control.up)
        bootstrap(f);
}

static void tick_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    evaluate(arg);
}

/* ---- the promoter API ---- */

bool fleet_begin(struct fleet *f, const char *action, int64_t timeout_ms, fleet_ready_fn fn,
                 void *arg)
{
    if (f->phase != FOP_NONE || !f->have_view || f->stale[0] || !f->booted)
        return false;
    const struct fleet_intent_info *in = &f->intent;
    int64_t now = server_ms(f);
    f->fn = fn;
    f->fn_arg = arg;
    f->nparticipants = 0;
    f->lost[0] = '\0';
    copy_str(f->action, sizeof f->action, action);
    if (strcmp(in->state, "open") == 0 && now <= in->deadline_ms &&
        strcmp(in->promoter, f->me) != 0) {
        f->phase = FOP_LOST_READ;
        struct timeval zero = {0, 0};
        evtimer_add(f->ev_tick, &zero); /* refuse from the loop, as every outcome */
        return true;
    }
    f->claim_from = in->generation;
    f->g = in->generation + 1;
    f->phase = FOP_CLAIMING;
    f->abort_after_claim = false;
    mono_in(&f->wait_deadline, timeout_ms > 0 ? timeout_ms : 10000);
    add_live_participants(f, now);
    char me[2 * FLEET_NAME_MAX];
    sql_lit(me, sizeof me, f->me);
    int64_t deadline = now + (timeout_ms > 0 ? timeout_ms : 10000) + FLEET_SWAP_ALLOWANCE_MS;
    enqueue(f, JOB_CLAIM,
            "UPDATE %s.intent SET generation = %lld, action = '%s', promoter = '%s', created_ms = "
            "%lld, deadline_ms = %lld, state = 'open', detail = '' WHERE generation = %lld",
            f->schema, (long long)f->g, action, me, (long long)now, (long long)deadline,
            (long long)f->claim_from);
    return true;
}

/* A state change that needed no barrier (deploy init): one compare-and-set
 * that claims the next generation already committed, so every member
 * switches its routes on sight. Nobody waits for their reports. */
static void fleet_announce(struct fleet *f, enum deploy_state st)
{
    if (!f->have_view || !f->booted) {
        log_msg(&f->p->log, LOG_LVL_WARNING,
                "fleet: the members were not told of the new state %s (view not fresh); they "
                "learn it at their next status or reload",
                deploy_state_name(st));
        return;
    }
    char me[2 * FLEET_NAME_MAX];
    sql_lit(me, sizeof me, f->me);
    int64_t g = f->intent.generation;
    int64_t now = server_ms(f);
    f->applied_g = f->handled_g = g + 1;
    enqueue(f, JOB_WRITE,
            "UPDATE %s.intent SET generation = %lld, action = 'init', promoter = '%s', "
            "created_ms = %lld, deadline_ms = %lld, state = 'committed', detail = '%s' WHERE "
            "generation = %lld",
            f->schema, (long long)g + 1, me, (long long)now, (long long)now, deploy_state_name(st),
            (long long)g);
}

void fleet_commit(struct fleet *f, enum deploy_state st)
{
    if (f->phase == FOP_NONE) {
        fleet_announce(f, st);
        return;
    }
    if (f->phase != FOP_READY && f->phase != FOP_WAITING)
        return;
    f->phase = FOP_COMMITTED;
    f->applied_g = f->handled_g = f->g;
    op_write_intent(f, "committed", deploy_state_name(st));
    copy_str(f->intent.detail, sizeof f->intent.detail, deploy_state_name(st));
}

void fleet_abort(struct fleet *f, const char *why)
{
    if (f == NULL)
        return;
    if (f->phase == FOP_CLAIMING || f->phase == FOP_LOST_READ) {
        f->fn = NULL; /* the caller is gone: the outcome goes nowhere */
        f->abort_after_claim = f->phase == FOP_CLAIMING;
        return;
    }
    if (f->phase == FOP_WAITING || f->phase == FOP_READY) {
        f->fn = NULL;
        op_write_intent(f, "aborted", why);
        f->phase = FOP_NONE;
    }
}

void fleet_await_switched(struct fleet *f, fleet_ready_fn fn, void *arg)
{
    if (f->phase != FOP_COMMITTED) {
        fn(arg, true, "");
        return;
    }
    f->phase = FOP_SWITCHING;
    f->fn = fn;
    f->fn_arg = arg;
    mono_in(&f->wait_deadline, f->lease_ms + 2000);
    request_read(f);
    tick_arm(f);
}

bool fleet_peer_step(const struct fleet *f, char *out, size_t outlen)
{
    const struct fleet_intent_info *in = &f->intent;
    int64_t now = server_ms(f);
    if (strcmp(in->state, "open") != 0 || strcmp(in->promoter, f->me) == 0 || now > in->deadline_ms)
        return false;
    const struct fleet_member_info *w = find_member(f, in->promoter);
    snprintf(out, outlen,
             "refused: fleet member %s (%s) holds generation %lld (%s, %s, deadline in %.1f s); "
             "nothing changed",
             in->promoter, w ? w->address : "?", (long long)in->generation, in->action, in->state,
             (double)(in->deadline_ms - now) / 1000.0);
    return true;
}

void fleet_describe(const struct fleet *f, char *out, size_t outlen)
{
    int64_t now = server_ms(f);
    size_t used = (size_t)snprintf(
        out, outlen, "fleet: generation %lld -> %lld; members: %s (this one)",
        (long long)f->intent.generation, (long long)f->intent.generation + 1, f->me);
    for (size_t i = 0; i < f->nmembers && used < outlen; i++) {
        const struct fleet_member_info *m = &f->members[i];
        if (strcmp(m->name, f->me) == 0)
            continue;
        used += (size_t)snprintf(out + used, outlen - used, ", %s%s", m->name,
                                 member_live(f, m, now) ? "" : " (lost: not waited for)");
    }
}

/* ---- queries ---- */

int64_t fleet_clock_offset_ms(const struct fleet *f)
{
    return f->clock_offset_ms;
}

const char *fleet_member_name(const struct fleet *f)
{
    return f->me;
}

bool fleet_ready(const struct fleet *f)
{
    return f->have_view && f->booted && f->stale[0] == '\0';
}

const char *fleet_stale_reason(const struct fleet *f)
{
    if (!f->booted)
        return f->stale[0] ? f->stale : "not registered yet";
    if (!f->have_view)
        return "no fleet state read yet";
    return f->stale;
}

size_t fleet_members(const struct fleet *f, struct fleet_member_info *out, size_t max)
{
    int64_t now = server_ms(f);
    size_t n = 0;
    for (size_t i = 0; i < f->nmembers && n < max; i++, n++) {
        out[n] = f->members[i];
        out[n].heartbeat_age_ms = now - out[n].heartbeat_ms;
        out[n].live = member_live(f, &out[n], now);
        out[n].self = strcmp(out[n].name, f->me) == 0;
    }
    return n;
}

void fleet_intent(const struct fleet *f, struct fleet_intent_info *out)
{
    *out = f->intent;
}

/* The fence found the view older than its lease (a thaw, a stall): read
 * again now rather than at the next heartbeat. */
static void gate_reread(void *arg)
{
    struct fleet *f = arg;
    request_read(f);
}

/* ---- metrics ---- */

void fleet_write_metrics(const struct fleet *f, struct evbuffer *out)
{
    int64_t now = server_ms(f);
    size_t live = 0, lost = 0;
    for (size_t i = 0; i < f->nmembers; i++) {
        if (member_live(f, &f->members[i], now))
            live++;
        else
            lost++;
    }
    const struct proxy *p = f->p;
    evbuffer_add_printf(out,
                        "# HELP cutover_fleet_members Fleet members as this member last read "
                        "them.\n# TYPE cutover_fleet_members gauge\n"
                        "cutover_fleet_members{live=\"true\"} %zu\n"
                        "cutover_fleet_members{live=\"false\"} %zu\n",
                        live, lost);
    evbuffer_add_printf(out,
                        "# HELP cutover_fleet_clock_offset_seconds The server's clock minus this "
                        "host's, as estimated from the fleet reads (0 until the first).\n"
                        "# TYPE cutover_fleet_clock_offset_seconds gauge\n"
                        "cutover_fleet_clock_offset_seconds %.3f\n"
                        "# HELP cutover_fleet_stale 1 while this member's fleet view is stale "
                        "(deploy and previous refused).\n# TYPE cutover_fleet_stale gauge\n"
                        "cutover_fleet_stale %d\n",
                        (double)f->clock_offset_ms / 1000.0, fleetgate_stale_now(p) ? 1 : 0);
    evbuffer_add_printf(out,
                        "# HELP cutover_fleet_intent_generation The fleet intent's generation.\n"
                        "# TYPE cutover_fleet_intent_generation gauge\n"
                        "cutover_fleet_intent_generation %lld\n",
                        (long long)f->intent.generation);
    static const char *const istates[] = {"open", "committed", "aborted", "done"};
    evbuffer_add_printf(out, "# HELP cutover_fleet_intent_state The fleet intent's state (1 = "
                             "current).\n# TYPE cutover_fleet_intent_state gauge\n");
    for (size_t i = 0; i < sizeof istates / sizeof istates[0]; i++)
        evbuffer_add_printf(out, "cutover_fleet_intent_state{state=\"%s\"} %d\n", istates[i],
                            strcmp(f->intent.state, istates[i]) == 0 ? 1 : 0);
    static const char *const mstates[] = {"following", "held", "cleaning"};
    evbuffer_add_printf(out, "# HELP cutover_fleet_member_state This member's state (1 = "
                             "current).\n# TYPE cutover_fleet_member_state gauge\n");
    for (size_t i = 0; i < sizeof mstates / sizeof mstates[0]; i++)
        evbuffer_add_printf(out, "cutover_fleet_member_state{state=\"%s\"} %d\n", mstates[i],
                            strcmp(member_state(f), mstates[i]) == 0 ? 1 : 0);
    evbuffer_add_printf(out,
                        "# HELP cutover_fleet_steps_total Fleet steps this member took part in.\n"
                        "# TYPE cutover_fleet_steps_total counter\n"
                        "cutover_fleet_steps_total{role=\"promoter\"} %llu\n"
                        "cutover_fleet_steps_total{role=\"member\"} %llu\n",
                        (unsigned long long)f->steps_promoter, (unsigned long long)f->steps_member);
    evbuffer_add_printf(out,
                        "# HELP cutover_fleet_intent_to_held_seconds Last intent-to-held latency: "
                        "as member, from seeing the intent to its clients held; as promoter, "
                        "from the claim's commit to the slowest member's report read (-1 = none "
                        "yet).\n# TYPE cutover_fleet_intent_to_held_seconds gauge\n"
                        "cutover_fleet_intent_to_held_seconds{role=\"member\"} %.6f\n"
                        "cutover_fleet_intent_to_held_seconds{role=\"promoter\"} %.6f\n",
                        f->last_held_us < 0 ? -1.0 : (double)f->last_held_us / 1e6,
                        f->last_step_held_max_us < 0 ? -1.0
                                                     : (double)f->last_step_held_max_us / 1e6);
    evbuffer_add_printf(
        out,
        "# HELP cutover_fleet_unbarriered_cutovers_total Swaps seen on the server outside any "
        "fleet step.\n# TYPE cutover_fleet_unbarriered_cutovers_total counter\n"
        "cutover_fleet_unbarriered_cutovers_total %llu\n"
        "# HELP cutover_fleet_reconnects_total Fleet connections lost (control or watch).\n"
        "# TYPE cutover_fleet_reconnects_total counter\n"
        "cutover_fleet_reconnects_total %llu\n"
        "# HELP cutover_fleet_fenced_sessions_total Sessions ended with ZC004 (a transaction "
        "across a cutover this member missed).\n"
        "# TYPE cutover_fleet_fenced_sessions_total counter\n"
        "cutover_fleet_fenced_sessions_total %llu\n"
        "# HELP cutover_fleet_stale_refused_total Statements refused with ZC001 while the view "
        "was stale.\n# TYPE cutover_fleet_stale_refused_total counter\n"
        "cutover_fleet_stale_refused_total %llu\n"
        "# HELP cutover_fleet_pushed_rows_total Intent and report rows the watch's SUBSCRIBE "
        "pushed that changed this member's view (Materialize).\n"
        "# TYPE cutover_fleet_pushed_rows_total counter\n"
        "cutover_fleet_pushed_rows_total %llu\n"
        "# HELP cutover_fleet_reads_total Reads of the whole fleet state (heartbeats, NOTIFYs, "
        "reconnections, claims).\n# TYPE cutover_fleet_reads_total counter\n"
        "cutover_fleet_reads_total %llu\n",
        (unsigned long long)f->unbarriered, (unsigned long long)f->reconnects,
        (unsigned long long)p->fleetgate.fenced_total,
        (unsigned long long)p->fleetgate.refused_total, (unsigned long long)f->pushes_applied,
        (unsigned long long)f->reads);
}

/* ---- lifetime ---- */

static void pq_init(struct fleet *f, struct fleet_pq *c, const char *name)
{
    c->f = f;
    c->name = name;
    c->backoff_ms = FLEET_RECONNECT_MIN;
    c->ev_retry = evtimer_new(f->p->base, pq_retry_cb, c);
}

struct fleet *fleet_new(struct lifecycle *l)
{
    struct proxy *p = l->proxy;
    const struct config *cfg = p->cfg;
    if (!cfg->fleet_enabled)
        return NULL;
    struct fleet *f = calloc(1, sizeof *f);
    if (f == NULL)
        return NULL;
    f->rd_members = calloc(FLEET_MAX_MEMBERS, sizeof *f->rd_members);
    f->reports.r = calloc(FLEET_MAX_REPORTS, sizeof *f->reports.r);
    f->reports.cap = FLEET_MAX_REPORTS;
    f->rd_reports.r = calloc(FLEET_MAX_REPORTS, sizeof *f->rd_reports.r);
    f->rd_reports.cap = FLEET_MAX_REPORTS;
    f->l = l;
    f->p = p;
    if (cfg->fleet_member) {
        copy_str(f->me, sizeof f->me, cfg->fleet_member);
    } else {
        char host[64] = "localhost";
        gethostname(host, sizeof host - 1);
        const char *port = strrchr(cfg->listen ? cfg->listen : "", ':');
        snprintf(f->me, sizeof f->me, "%.40s:%s", host, port ? port + 1 : "0");
    }
    copy_str(f->address, sizeof f->address, cfg->fleet_address ? cfg->fleet_address : f->me);
    copy_str(f->schema, sizeof f->schema, cfg->fleet_schema);
    f->postgres = cfg->backend_dialect == CONFIG_DIALECT_POSTGRES;
    f->incarnation = wall_ms();
    f->heartbeat_ms = cfg->fleet_heartbeat_interval_ms;
    f->lease_ms = cfg->fleet_lease_ms;
    f->abort_on_lost = cfg->fleet_on_member_lost == CONFIG_FLEET_LOST_ABORT;
    f->last_held_us = -1;
    f->last_step_held_max_us = -1;
    pq_init(f, &f->control, "control");
    f->control.on_up = control_up;
    f->control.on_result = control_result;
    f->control.on_done = control_done;
    f->control.on_down = control_down;
    pq_init(f, &f->watch, "watch");
    f->watch.on_up = watch_up;
    f->watch.on_result = watch_result;
    f->watch.on_done = watch_done;
    f->watch.on_notify = watch_notify;
    f->watch.on_down = watch_down;
    f->ev_heartbeat = event_new(p->base, -1, EV_PERSIST, heartbeat_cb, f);
    f->ev_tick = evtimer_new(p->base, tick_cb, f);
    f->ev_boot = evtimer_new(p->base, boot_cb, f);
    if (f->rd_members == NULL || f->reports.r == NULL || f->rd_reports.r == NULL ||
        f->control.ev_retry == NULL || f->watch.ev_retry == NULL || f->ev_heartbeat == NULL ||
        f->ev_tick == NULL || f->ev_boot == NULL) {
        fleet_free(f);
        return NULL;
    }
    struct timeval hb = {f->heartbeat_ms / 1000, (f->heartbeat_ms % 1000) * 1000};
    event_add(f->ev_heartbeat, &hb);
    /* the fence: stale until the first read (deploy and previous refused) */
    p->fleetgate.enabled = true;
    p->fleetgate.bound_ms = f->lease_ms;
    p->fleetgate.reread = gate_reread;
    p->fleetgate.reread_arg = f;
    set_stale(f, "connecting");
    log_msg(&p->log, LOG_LVL_INFO, "fleet: member %s (%s), coordination schema %s", f->me,
            f->address, f->schema);
    pq_open(&f->control);
    return f;
}

void fleet_free(struct fleet *f)
{
    if (f == NULL)
        return;
    if (f->p->fleetgate.reread_arg == f) {
        f->p->fleetgate.enabled = false;
        f->p->fleetgate.reread = NULL;
        f->p->fleetgate.reread_arg = NULL;
        fleetgate_set_stale(f->p, false, NULL); /* releases anything held */
    }
    lifecycle_settle_free(f->carry_settle);
    pq_close(&f->control);
    pq_close(&f->watch);
    if (f->control.ev_retry)
        event_free(f->control.ev_retry);
    if (f->watch.ev_retry)
        event_free(f->watch.ev_retry);
    if (f->ev_heartbeat)
        event_free(f->ev_heartbeat);
    if (f->ev_tick)
        event_free(f->ev_tick);
    if (f->ev_boot)
        event_free(f->ev_boot);
    for (; f->qlen > 0; job_pop(f))
        ;
    free(f->watch_names);
    free(f->rd_members);
    free(f->reports.r);
    free(f->rd_reports.r);
    free(f);
}
