/*
 * subscribe.c: tracking of live SUBSCRIBE streams in the relay (form,
 * settings, columns, the frontier delivered to the client), `show
 * subscriptions`, and the swap / cleanup hooks that carry them over
 * (subscribe_upstream.c runs the new environment's stream).
 *
 * The frontier: timestamps of a SUBSCRIBE never decrease, so once the
 * client received a row (data or progress) at ts, every update at a time
 * below ts has been delivered: frontier = the largest ts seen. A progress
 * row at P says more (nothing more below P will come) and is the exact
 * frontier; without PROGRESS, between batches the frontier we know is only
 * a lower bound of what the server has closed.
 */
#include "proxy/subscribe/subscription.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "protocol/messages.h"
#include "protocol/sqlclassify.h"
#include "protocol/sqllex.h"
#include "protocol/sqlstate.h"
#include "protocol/wire.h"
#include "proxy/barrier.h"
#include "proxy/cancel.h"
#include "proxy/conn.h"
#include "proxy/log.h"
#include "proxy/proxy.h"
#include "proxy/subscribe/subscribe_cursor.h"
#include "proxy/subscribe/subscribe_upstream.h"
#include "proxy/feature.h"

const char *subscribe_form_name(enum subscribe_form f)
{
    switch (f) {
    case SUBSCRIBE_FORM_PLAIN:
        return "subscribe";
    case SUBSCRIBE_FORM_COPY:
        return "copy";
    case SUBSCRIBE_FORM_CURSOR:
        return "cursor";
    }
    return "?";
}

const char *subscribe_state_name(enum subscribe_state s)
{
    switch (s) {
    case SUBSCRIBE_STREAMING:
        return "streaming";
    case SUBSCRIBE_SPLICING:
        return "splicing";
    case SUBSCRIBE_CARRIED:
        return "carried over";
    case SUBSCRIBE_FAILED:
        return "failed";
    }
    return "?";
}

/* Case-insensitive search for "subscribe": no lexing for ordinary queries. */
static bool mentions_subscribe(const char *s, size_t len)
{
    static const char kw[] = "subscribe";
    for (size_t i = 0; i + sizeof kw - 1 <= len; i++) {
        size_t j = 0;
        while (j < sizeof kw - 1 && (s[i + j] | 0x20) == kw[j])
            j++;
        if (j == sizeof kw - 1)
            return true;
    }
    return false;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *dup_opt(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void subscription_free(struct subscription *s)
{
    if (s == NULL)
        return;
    if (s->up != NULL)
        subscribe_upstream_free(s->up);
    subscribe_cursor_free(s->cur);
    free(s->client_sql);
    free(s->sent_sql);
    free(s->cluster);
    free(s->search_path);
    free(s->error);
    wire_writer_free(&s->scratch);
    free(s);
}

void subscribe_conn_free(struct conn *c)
{
    subscription_free(c->sub);
    c->sub = NULL;
}

/* The next non-blank token; false at end of input. */
static bool next_word(struct sqllex *lx, struct sqllex_token *t)
{
    while (sqllex_next(lx, t))
        if (!sqllex_is_blank(t))
            return true;
    return false;
}

/* For CLOSE name / CLOSE ALL: does it close `cursor`? */
static bool closes_cursor(const char *sql, size_t len, const char *cursor)
{
    struct sqllex lx;
    struct sqllex_token t;
    char name[64];
    sqllex_init(&lx, sql, len);
    if (!next_word(&lx, &t) || !sqllex_keyword_eq(sql, &t, "close"))
        return false;
    if (!next_word(&lx, &t))
        return false;
    if (sqllex_keyword_eq(sql, &t, "all"))
        return true;
    size_t n = sqllex_ident_value(sql, &t, name, sizeof name);
    return n != (size_t)-1 && n < sizeof name && strcmp(name, cursor) == 0;
}

static void subscribe_start(struct conn *c, enum subscribe_form form, const char *sql, size_t len,
                            const char *sent, size_t sent_len, const char *cursor)
{
    if (c->sub != NULL) {
        /* A new statement replaced what we tracked (e.g. a cursor never
         * closed by a statement we recognise): track the newest one. */
        subscribe_conn_free(c);
    }
    struct subscription *s = calloc(1, sizeof *s);
    if (s == NULL)
        return; /* untracked: it simply will not be carried over */
    s->conn = c;
    s->form = form;
    s->state = SUBSCRIBE_STREAMING;
    s->client_sql = dup_n(sql, len);
    s->sent_sql = dup_n(sent, sent_len);
    wire_writer_init(&s->scratch);
    s->route = c->route;
    s->generation = c->generation;
    s->cluster = dup_opt(conn_get_param(c, "cluster"));
    s->search_path = dup_opt(conn_get_param(c, "search_path"));
    if (cursor != NULL) {
        snprintf(s->cursor, sizeof s->cursor, "%s", cursor);
        s->cur = subscribe_cursor_new(s); /* NULL: tracked, not carried */
    }
    if (s->client_sql == NULL || s->sent_sql == NULL) {
        subscription_free(s);
        return;
    }
    /* The analysis carry-over needs: a statement it does not understand is
     * still tracked, and fails cleanly at a swap. */
    s->analysed = substmt_parse(s->client_sql, len, &s->stmt) == SUBSTMT_OK &&
                  s->stmt.form == (form == SUBSCRIBE_FORM_COPY     ? SUBSTMT_FORM_COPY
                                   : form == SUBSCRIBE_FORM_CURSOR ? SUBSTMT_FORM_CURSOR
                                                                   : SUBSTMT_FORM_PLAIN);
    c->sub = s;
    c->proxy->stats.subscriptions++;
    log_conn(c, LOG_LVL_DEBUG, "tracking %s subscription", subscribe_form_name(form));
}

void subscribe_on_statement(struct conn *c, const char *sql, size_t len, const char *sent,
                            size_t sent_len)
{
    struct subscription *s = c->sub;
    /* A cursor subscription ends with its cursor or its transaction. */
    if (s != NULL && s->form == SUBSCRIBE_FORM_CURSOR && !s->ended) {
        size_t pos = 0;
        struct sql_statement st;
        while (sql_next_statement(sql, len, &pos, &st)) {
            enum sql_statement_kind k = sql_classify(sql + st.offset, st.length);
            if (k == SQL_STMT_COMMIT || k == SQL_STMT_ROLLBACK ||
                (k == SQL_STMT_OTHER && closes_cursor(sql + st.offset, st.length, s->cursor))) {
                s->ended = true;
                break;
            }
        }
    }
    if (!mentions_subscribe(sql, len))
        return;
    size_t pos = 0, spos = 0;
    struct sql_statement st, sst;
    while (sql_next_statement(sql, len, &pos, &st)) {
        const char *stmt = sql + st.offset;
        enum sql_statement_kind k = sql_classify(stmt, st.length);
        /* The statement as sent: the rename keeps statement boundaries. */
        const char *sstmt = sent;
        size_t sstmt_len = sent_len;
        if (sql_next_statement(sent, sent_len, &spos, &sst)) {
            sstmt = sent + sst.offset;
            sstmt_len = sst.length;
        }
        struct substmt cursor;
        switch (k) {
        case SQL_STMT_SUBSCRIBE:
            subscribe_start(c, SUBSCRIBE_FORM_PLAIN, stmt, st.length, sstmt, sstmt_len, NULL);
            return;
        case SQL_STMT_COPY_SUBSCRIBE:
            subscribe_start(c, SUBSCRIBE_FORM_COPY, stmt, st.length, sstmt, sstmt_len, NULL);
            return;
        case SQL_STMT_DECLARE_SUBSCRIBE:
            /* The cursor's name comes with the analysis; a DECLARE it does
             * not understand is not tracked. */
            if (substmt_parse(stmt, st.length, &cursor) == SUBSTMT_OK &&
                cursor.form == SUBSTMT_FORM_CURSOR && cursor.cursor[0] != '\0')
                subscribe_start(c, SUBSCRIBE_FORM_CURSOR, stmt, st.length, sstmt, sstmt_len,
                                cursor.cursor);
            return;
        default:
            break;
        }
    }
}

bool subscribe_wants(const struct conn *c, uint8_t type)
{
    const struct subscription *s = c->sub;
    if (s == NULL)
        return false;
    switch (type) {
    case WIRE_B_ROW_DESCRIPTION:
    case WIRE_B_DATA_ROW:
    case WIRE_B_COPY_OUT:
    case WIRE_B_COPY_DATA:
    case WIRE_B_COPY_DONE:
    case WIRE_B_COMMAND_COMPLETE:
    case WIRE_B_ERROR:
    case WIRE_B_READY:
    case WIRE_B_NOTICE:
        return true;
    default:
        /* Once carried over, nothing of the old stream reaches the client. */
        return s->state == SUBSCRIBE_CARRIED;
    }
}

static void note_row(struct subscription *s, uint64_t ts, bool progressed)
{
    if (ts > s->frontier)
        s->frontier = ts;
    if (progressed)
        s->progress_rows++;
    else
        s->rows++;
}

/* A row of the tracked stream: a DataRow (plain form, or a FETCH of the
 * cursor) or a CopyData text line (COPY form). */
static void track_row(struct subscription *s, const uint8_t *msg, size_t len)
{
    if (!s->shaped)
        return;
    struct subrow row;
    enum subrow_result r = msg[0] == WIRE_B_COPY_DATA
                               ? subrow_decode_copy(&s->shape, msg, len, &s->scratch, &row)
                               : subrow_decode(&s->shape, msg, len, &row);
    if (r == SUBROW_OK)
        note_row(s, row.ts, row.progressed);
}

/* The shape of the rows once the column count is known. */
static void track_shape(struct subscription *s, uint16_t ncols)
{
    s->ncols = ncols;
    s->shaped = s->analysed && subrow_shape_for(&s->stmt, ncols, &s->shape);
}

static void track_row_description(struct subscription *s, const uint8_t *msg, size_t len)
{
    struct wire_field f[3];
    uint16_t n;
    if (!wire_parse_row_description(msg, len, f, 3, &n) || n < 1)
        return;
    if (strcmp(f[0].name, "mz_timestamp") != 0)
        return; /* not the subscription's rows (another statement's) */
    s->described = true;
    track_shape(s, n);
    /* Carry-over re-encodes the new stream's text values: every column
     * must be text (the extended protocol may ask for binary). */
    bool text = true;
    struct wire_field *all = n > 3 ? calloc(n, sizeof *all) : NULL;
    if (n > 3 && (all == NULL || !wire_parse_row_description(msg, len, all, n, &n)))
        text = false;
    for (unsigned i = 0; text && i < n; i++)
        text = (n > 3 ? all[i].format : f[i].format) == 0;
    free(all);
    s->text = text;
}

bool subscribe_lets_barrier_pass(const struct conn *c)
{
    const struct subscription *s = c->sub;
    if (s == NULL || s->ended)
        return false;
    if (s->form == SUBSCRIBE_FORM_CURSOR)
        return true;
    return s->described && c->pending_sync <= 1;
}

/* The stream is now running: a raised barrier may stop waiting for it. */
static void subscribe_now_running(struct conn *c)
{
    if (c->proxy->barrier.raised)
        barrier_check(c->proxy);
}

bool subscribe_on_backend(struct conn *c, const uint8_t *msg, size_t len)
{
    struct subscription *s = c->sub;
    if (s->form == SUBSCRIBE_FORM_CURSOR && s->cur != NULL) {
        /* The cursor form from a swap on: its FETCHes (subscribe_cursor.c). */
        if (s->up != NULL && s->state != SUBSCRIBE_STREAMING)
            return subscribe_cursor_old_message(s, msg, len);
        subscribe_cursor_track(s, msg, len);
    }
    if (s->form == SUBSCRIBE_FORM_CURSOR && s->state == SUBSCRIBE_FAILED &&
        msg[0] == WIRE_B_ERROR) {
        /* The cursor was ended before cleanup (cancelled in a FETCH, or
         * reading dropped objects at its next one): the client gets the
         * clean error instead of the server's 57014 or XX000. */
        conn_send_error(c, "ERROR", SQLSTATE_SUBSCRIBE_RESUBSCRIBE, s->error);
        return false;
    }
    if (s->state == SUBSCRIBE_CARRIED || s->state == SUBSCRIBE_SPLICING ||
        (s->state == SUBSCRIBE_FAILED && s->up != NULL))
        return subscribe_upstream_old_message(s, msg, len);
    switch (msg[0]) {
    case WIRE_B_ROW_DESCRIPTION:
        if (!s->ended) {
            track_row_description(s, msg, len);
            if (s->described)
                subscribe_now_running(c);
        }
        break;
    case WIRE_B_DATA_ROW:
        if (s->described && !s->ended && s->form != SUBSCRIBE_FORM_COPY) {
            track_row(s, msg, len);
            /* A cursor without its cursor state is never carried. */
            if (s->form != SUBSCRIBE_FORM_CURSOR || s->cur != NULL)
                subscribe_upstream_note_delivered(s, msg, len);
        }
        break;
    case WIRE_B_COPY_OUT:
        if (s->form == SUBSCRIBE_FORM_COPY && !s->ended && len >= WIRE_HEADER_LEN + 3) {
            s->described = true;
            track_shape(s, (uint16_t)(msg[WIRE_HEADER_LEN + 1] << 8 | msg[WIRE_HEADER_LEN + 2]));
            s->text = msg[WIRE_HEADER_LEN] == 0;
            subscribe_now_running(c);
        }
        break;
    case WIRE_B_COPY_DATA:
        if (s->form == SUBSCRIBE_FORM_COPY && s->described && !s->ended) {
            track_row(s, msg, len);
            subscribe_upstream_note_delivered(s, msg, len);
        }
        break;
    case WIRE_B_COMMAND_COMPLETE:
        /* For a cursor, each FETCH completes; only the plain/COPY stream ends. */
        if (s->form != SUBSCRIBE_FORM_CURSOR && s->described)
            s->ended = true;
        if (s->form == SUBSCRIBE_FORM_CURSOR)
            s->described = false; /* the next FETCH describes again */
        break;
    case WIRE_B_ERROR:
        if (s->form != SUBSCRIBE_FORM_CURSOR)
            s->ended = true;
        break;
    case WIRE_B_READY: {
        uint8_t tx;
        bool ok = wire_parse_ready(msg, len, &tx);
        /* Plain and COPY: the statement is over. Cursor: a failed or ended
         * transaction closes the cursor. */
        if (s->form != SUBSCRIBE_FORM_CURSOR || (ok && tx != WIRE_TX_BLOCK))
            s->ended = true;
        if (s->ended)
            subscribe_conn_free(c);
        break;
    }
    default:
        break;
    }
    return true;
}

/* ---- show subscriptions ---- */

void proxy_foreach_subscription(struct proxy *p, proxy_subscription_fn fn, void *arg)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        struct subscription *s = c->sub;
        if (s == NULL || c->state == CONN_CLOSING)
            continue;
        struct subscription_info info;
        info.conn_id = c->id;
        info.form = subscribe_form_name(s->form);
        info.statement = s->client_sql;
        info.frontier = subscribe_upstream_frontier(s);
        enum route env = s->route;
        if (s->environment_swapped && s->state != SUBSCRIBE_CARRIED)
            env = ROUTE_PREVIOUS; /* still reading the old objects */
        info.environment = route_name(env);
        info.state = subscribe_state_name(s->state);
        info.splicing = s->state == SUBSCRIBE_SPLICING;
        fn(&info, arg);
    }
}

/* ---- swap and cleanup ---- */

void proxy_subscriptions_on_swap(struct proxy *p)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        struct subscription *s = c->sub;
        if (s == NULL || s->ended || c->state == CONN_CLOSING)
            continue;
        if (s->form == SUBSCRIBE_FORM_CURSOR && s->cur == NULL) {
            /* Its cursor state could not be allocated: it keeps reading
             * the old objects and is failed before cleanup. */
            s->environment_swapped = s->route == ROUTE_PRODUCTION;
            log_conn(c, LOG_LVL_WARNING, "cursor subscription is not carried over the swap");
            continue;
        }
        /* Streaming from its own session, or already carried once (a
         * rollback after a promote: the carried stream's objects were
         * renamed in turn): splice it to the environment now live. */
        if (s->state == SUBSCRIBE_STREAMING || s->state == SUBSCRIBE_CARRIED)
            subscribe_upstream_start(s);
    }
}

/*
 * A cursor subscription reading the old objects cannot be carried (between
 * FETCHes the proxy cannot speak unasked), but must not end with the
 * server's XX000 either: it is failed now with ZC002. A FETCH in flight is
 * cancelled (cleanup waits for it, subscribe_upstream.c); an idle cursor's
 * next statement error is answered with ZC002. See docs/subscribe.md.
 */
static void fail_cursor(struct conn *c, struct subscription *s)
{
    char msg[256];
    snprintf(msg, sizeof msg,
             "SUBSCRIBE could not be carried over the deployment: the cursor form is not carried "
             "and the old environment is being dropped; resubscribe");
    free(s->error);
    s->error = strdup(msg);
    if (s->error == NULL)
        return;
    /* Not counted in subscriptions_failed: no carry-over was attempted. */
    s->state = SUBSCRIBE_FAILED;
    log_conn(c, LOG_LVL_WARNING, "%s", msg);
    if (c->state == CONN_ACTIVE)
        cancel_backend(c->proxy, c, 0);
}

void proxy_subscriptions_before_cleanup(struct proxy *p, proxy_subscriptions_done_fn done,
                                        void *arg)
{
    struct conn *c;
    TAILQ_FOREACH(c, &p->conns, link)
    {
        struct subscription *s = c->sub;
        if (s != NULL && s->form == SUBSCRIBE_FORM_CURSOR && s->environment_swapped && !s->ended &&
            s->state == SUBSCRIBE_STREAMING && c->state != CONN_CLOSING)
            fail_cursor(c, s);
    }
    subscribe_upstream_before_cleanup(p, done, arg);
}

/* ---- the hook table (feature.h) ---- */

static bool sub_tracks_statements(const struct conn *c)
{
    return c->proxy->cfg->backend_dialect == CONFIG_DIALECT_MATERIALIZE;
}

/* A session with a SUBSCRIBE (or its cursor) in hand: its client messages
 * may wait or be answered here. */
static bool sub_watches_client(const struct conn *c)
{
    return c->sub != NULL;
}

static bool sub_holds_client(const struct conn *c, uint8_t type)
{
    (void)type;
    return c->sub != NULL && subscribe_upstream_holds_client(c);
}

static enum feature_verdict sub_on_client_message(struct conn *c, const struct wire_frame *f,
                                                  struct evbuffer *in)
{
    if (c->sub == NULL)
        return FEATURE_PASS;
    switch (subscribe_cursor_client(c, f, in)) {
    case SUBCUR_CONSUMED:
        return FEATURE_CONSUMED;
    case SUBCUR_WAIT:
        return FEATURE_WAIT;
    case SUBCUR_PASS:
        break;
    }
    return FEATURE_PASS;
}

static bool sub_watches_backend(const struct conn *c)
{
    return c->sub != NULL;
}

static bool sub_wants_backend_message(const struct conn *c, uint8_t type)
{
    return c->sub != NULL && subscribe_wants(c, type);
}

static enum feature_verdict sub_on_backend_message(struct conn *c, const uint8_t *msg, size_t len)
{
    if (c->sub != NULL && !subscribe_on_backend(c, msg, len))
        return FEATURE_CONSUMED; /* the old stream after the switch */
    return FEATURE_PASS;
}

const struct session_feature subscribe_feature = {
    .name = "subscribe",
    .watches_client = sub_watches_client,
    .holds_client = sub_holds_client,
    .on_client_message = sub_on_client_message,
    .tracks_statements = sub_tracks_statements,
    .on_statement = subscribe_on_statement,
    .watches_backend = sub_watches_backend,
    .wants_backend_message = sub_wants_backend_message,
    .on_backend_message = sub_on_backend_message,
    .lets_barrier_pass = subscribe_lets_barrier_pass,
    .on_cancel = subscribe_upstream_cancel,
    .on_free = subscribe_conn_free,
};
