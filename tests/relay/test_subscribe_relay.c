/*
 * test_subscribe_relay.c: SUBSCRIBE tracking and carry-over in-process. One
 * event loop runs the proxy, a fake Materialize backend (startup, SUBSCRIBE
 * streams driven by the test, CancelRequest) and raw client sockets; the
 * proxy's second connection (libpq) reaches the same fake.
 */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "protocol/messages.h"
#include "protocol/startup.h"
#include "protocol/writer.h"
#include "proxy/barrier.h"
#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/proxy.h"
#include "proxy/stats.h"
#include "proxy/subscribe/subscribe.h"

#include "harness.h"

#define FAKE_KEY 77u
#define MAX_SESS 8

/* ---- the fake backend ---- */

struct sess {
    struct bufferevent *bev;
    bool started;
    bool streaming;       /* a SUBSCRIBE is running */
    bool progress;        /* its statement asked for PROGRESS */
    char last_query[256]; /* the last Query text */
    char tx;              /* transaction status it reports (0 = 'I') */
    bool held;            /* its login waits for fk_release_logins */
};

static struct {
    struct sess sess[MAX_SESS];
    int nsess;
    unsigned cancels; /* CancelRequests that hit a session */
    bool hold_logins; /* new logins wait, unanswered, for fk_release_logins */
} fk;

static void fk_send(struct bufferevent *bev, struct wire_writer *w)
{
    cr_assert(wire_writer_ok(w));
    bufferevent_write(bev, w->buf, w->len);
    wire_writer_reset(w);
}

static void fk_row_description(struct sess *s, struct wire_writer *w)
{
    struct wire_field f[4];
    memset(f, 0, sizeof f);
    uint16_t n = 0;
    f[n].name = "mz_timestamp", f[n].type_oid = 1700, f[n++].type_len = -1;
    if (s->progress)
        f[n].name = "mz_progressed", f[n].type_oid = 16, f[n++].type_len = 1;
    f[n].name = "mz_diff", f[n].type_oid = 20, f[n++].type_len = 8;
    f[n].name = "x", f[n].type_oid = 25, f[n++].type_len = -1;
    wire_build_row_description(w, f, n);
}

static void fk_read_cb(struct bufferevent *bev, void *arg)
{
    struct sess *s = arg;
    struct evbuffer *in = bufferevent_get_input(bev);
    struct wire_writer w;
    wire_writer_init(&w);
    for (;;) {
        size_t avail = evbuffer_get_length(in);
        if (!s->started) {
            if (avail < 8)
                break;
            uint8_t hdr[8];
            evbuffer_copyout(in, hdr, 8);
            uint32_t len = be32(hdr), code = be32(hdr + 4);
            if (avail < len)
                break;
            if (code == WIRE_CANCEL_CODE) {
                uint8_t pkt[16];
                evbuffer_remove(in, pkt, 16);
                uint32_t pid = be32(pkt + 8);
                int i = (int)pid - 100;
                if (i >= 0 && i < fk.nsess && be32(pkt + 12) == FAKE_KEY && fk.sess[i].streaming) {
                    fk.cancels++;
                    fk.sess[i].streaming = false;
                    wire_build_error(&w, "ERROR", "57014",
                                     "canceling statement due to user request", NULL, NULL);
                    wire_build_ready(&w, 'I');
                    fk_send(fk.sess[i].bev, &w);
                }
                bufferevent_disable(bev, EV_READ);
                break;
            }
            if (fk.hold_logins) {
                s->held = true;
                break;
            }
            evbuffer_drain(in, len);
            s->started = true;
            wire_build_auth_ok(&w);
            wire_build_parameter_status(&w, "cluster", "quickstart");
            wire_build_parameter_status(&w, "search_path", "public");
            wire_build_backend_key(&w, 100u + (uint32_t)(s - fk.sess), FAKE_KEY);
            wire_build_ready(&w, 'I');
            fk_send(bev, &w);
            continue;
        }
        if (avail < 5)
            break;
        uint8_t hdr[5];
        evbuffer_copyout(in, hdr, 5);
        uint32_t len = be32(hdr + 1);
        if (avail < 1 + len)
            break;
        uint8_t *msg = evbuffer_pullup(in, 1 + len);
        if (hdr[0] == 'Q') {
            const char *q = (const char *)msg + 5;
            snprintf(s->last_query, sizeof s->last_query, "%s", q);
            if (strncasecmp(q, "SUBSCRIBE", 9) == 0) {
                s->streaming = true;
                s->progress = strstr(q, "PROGRESS") != NULL;
                fk_row_description(s, &w);
            } else {
                if (strncasecmp(q, "begin", 5) == 0)
                    s->tx = 'T';
                else if (strncasecmp(q, "commit", 6) == 0)
                    s->tx = 'I';
                wire_build_command_complete(&w, "SELECT 1");
                wire_build_ready(&w, s->tx ? s->tx : 'I');
            }
            fk_send(bev, &w);
        } else if (hdr[0] == 'X') {
            bufferevent_disable(bev, EV_READ);
        }
        evbuffer_drain(in, 1 + len);
    }
    wire_writer_free(&w);
}

static void fk_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)arg;
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
        bufferevent_disable(bev, EV_READ);
}

static void fk_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *a, int alen,
                         void *arg)
{
    (void)a;
    (void)alen;
    (void)arg;
    cr_assert(fk.nsess < MAX_SESS);
    struct sess *s = &fk.sess[fk.nsess++];
    s->bev = bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
    bufferevent_setcb(s->bev, fk_read_cb, NULL, fk_event_cb, s);
    bufferevent_enable(s->bev, EV_READ | EV_WRITE);
}

/* Answers every login held by fk.hold_logins, and answers new ones at once. */
static void fk_release_logins(void)
{
    fk.hold_logins = false;
    for (int i = 0; i < fk.nsess; i++)
        if (fk.sess[i].held) {
            fk.sess[i].held = false;
            fk_read_cb(fk.sess[i].bev, &fk.sess[i]);
        }
}

/* One update (or, with progressed, a progress row) on session i's stream. */
static void fk_row(int i, uint64_t ts, bool progressed, int64_t diff, const char *x)
{
    struct sess *s = &fk.sess[i];
    char tsb[24], db[24];
    snprintf(tsb, sizeof tsb, "%llu", (unsigned long long)ts);
    snprintf(db, sizeof db, "%lld", (long long)diff);
    struct wire_column c[4];
    uint16_t n = 0;
    c[n].value = (const uint8_t *)tsb, c[n++].len = (int32_t)strlen(tsb);
    if (s->progress)
        c[n].value = (const uint8_t *)(progressed ? "t" : "f"), c[n++].len = 1;
    if (progressed) {
        c[n].value = NULL, c[n++].len = -1;
        c[n].value = NULL, c[n++].len = -1;
    } else {
        c[n].value = (const uint8_t *)db, c[n++].len = (int32_t)strlen(db);
        c[n].value = (const uint8_t *)x, c[n++].len = (int32_t)strlen(x);
    }
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_data_row(&w, c, n);
    fk_send(s->bev, &w);
    wire_writer_free(&w);
}

/* ---- fixture ---- */

static struct harness hs;
static struct event_base *base;
static struct proxy *proxy;

static void setup_with(const char *const *extra)
{
    memset(&fk, 0, sizeof fk);
    harness_start(&hs, fk_accept_cb, NULL, NULL, extra);
    base = hs.base;
    proxy = hs.proxy;
}

static void setup(void)
{
    setup_with(NULL);
}

static void teardown(void)
{
    for (int i = 0; i < fk.nsess; i++)
        bufferevent_free(fk.sess[i].bev);
    harness_stop(&hs);
}

static void pump(int n)
{
    harness_pump(&hs, n);
}

/* ---- the client ---- */

struct client {
    int fd;
    struct evbuffer *acc; /* bytes read, not yet taken as messages */
};

struct msg {
    uint8_t type;
    uint8_t body[512];
    size_t len;
};

static void client_read(struct client *cl)
{
    uint8_t buf[65536];
    for (;;) {
        ssize_t n = read(cl->fd, buf, sizeof buf);
        if (n <= 0)
            break;
        evbuffer_add(cl->acc, buf, (size_t)n);
    }
}

/* Takes the next whole message, pumping up to `tries` loop turns. */
static bool client_next(struct client *cl, struct msg *m, int tries)
{
    for (int i = 0; i <= tries; i++) {
        client_read(cl);
        size_t n = evbuffer_get_length(cl->acc);
        if (n >= 5) {
            uint8_t hdr[5];
            evbuffer_copyout(cl->acc, hdr, 5);
            uint32_t len = be32(hdr + 1);
            if (n >= 1 + len) {
                m->type = hdr[0];
                m->len = len - 4 < sizeof m->body ? len - 4 : sizeof m->body;
                evbuffer_drain(cl->acc, 5);
                evbuffer_remove(cl->acc, m->body, m->len);
                evbuffer_drain(cl->acc, len - 4 - m->len);
                return true;
            }
        }
        if (i < tries)
            pump(1);
    }
    return false;
}

/* Generous in loop turns: a wait may be the old stream's grace, 4 cadences, and the cadence is
 * the default 1 s when the fake server's progress rows arrived in one read (gaps under 1 ms are
 * not measured), so 2,000 short turns (a few ms each under load) did not always cover it. */
static void client_expect(struct client *cl, uint8_t type, struct msg *m)
{
    cr_assert(client_next(cl, m, 20000), "no message (wanted '%c')", type);
    cr_assert_eq(m->type, type, "got '%c', wanted '%c'", m->type, type);
}

static struct client client_connect(void)
{
    struct client cl = {socket(AF_INET, SOCK_STREAM, 0), evbuffer_new()};
    struct sockaddr_in sin =
        loopback(bound_port(evconnlistener_get_fd(proxy->listeners[ROUTE_PRODUCTION])));
    cr_assert(connect(cl.fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    static const struct wire_startup_param params[] = {{"user", "alice"}, {"database", "db"}};
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, params, 2);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cl.fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    fcntl(cl.fd, F_SETFL, O_NONBLOCK);
    struct msg m;
    do
        cr_assert(client_next(&cl, &m, 2000), "no ReadyForQuery after startup");
    while (m.type != 'Z');
    return cl;
}

static void client_query(struct client *cl, const char *sql)
{
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, sql);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cl->fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
}

static void client_close(struct client *cl)
{
    close(cl->fd);
    evbuffer_free(cl->acc);
}

/* The DataRow in m: ts, diff, x (no PROGRESS). */
static void row_of(const struct msg *m, char *ts, char *diff, char *x)
{
    struct wire_column c[3];
    uint16_t n;
    uint8_t full[600];
    full[0] = 'D';
    uint32_t l = (uint32_t)m->len + 4;
    full[1] = (uint8_t)(l >> 24), full[2] = (uint8_t)(l >> 16), full[3] = (uint8_t)(l >> 8),
    full[4] = (uint8_t)l;
    memcpy(full + 5, m->body, m->len);
    cr_assert(wire_parse_data_row(full, m->len + 5, c, 3, &n));
    cr_assert_eq(n, 3);
    char *out[3] = {ts, diff, x};
    for (int i = 0; i < 3; i++) {
        memcpy(out[i], c[i].value, (size_t)c[i].len);
        out[i][c[i].len] = '\0';
    }
}

static void expect_row(struct client *cl, const char *ts, const char *diff, const char *x)
{
    struct msg m;
    client_expect(cl, 'D', &m);
    char a[64], b[64], c[64];
    row_of(&m, a, b, c);
    cr_expect_str_eq(a, ts);
    cr_expect_str_eq(b, diff);
    cr_expect_str_eq(c, x);
}

/* Pumps until session i's stream is running (or fails the test). */
static void wait_streaming(int i)
{
    for (int k = 0; k < 3000 && !(i < fk.nsess && fk.sess[i].streaming); k++)
        pump(1);
    cr_assert(i < fk.nsess && fk.sess[i].streaming, "session %d never streamed", i);
}

/* Sessions that got past startup (a CancelRequest's connection does not). */
static int started_sessions(void)
{
    int n = 0;
    for (int i = 0; i < fk.nsess; i++)
        n += fk.sess[i].started;
    return n;
}

/* show subscriptions, collected. */
struct shown {
    int n;
    struct subscription_info info;
    char statement[128], state[32], form[16], env[16];
};

static void collect(const struct subscription_info *info, void *arg)
{
    struct shown *sh = arg;
    sh->n++;
    sh->info = *info;
    snprintf(sh->statement, sizeof sh->statement, "%s", info->statement);
    snprintf(sh->state, sizeof sh->state, "%s", info->state);
    snprintf(sh->form, sizeof sh->form, "%s", info->form);
    snprintf(sh->env, sizeof sh->env, "%s", info->environment);
}

static struct shown show(void)
{
    struct shown sh;
    memset(&sh, 0, sizeof sh);
    proxy_foreach_subscription(proxy, collect, &sh);
    return sh;
}

/* ---- tests ---- */

TestSuite(subscribe, .init = setup, .fini = teardown, .timeout = 60);

Test(subscribe, tracks_statement_and_frontier_until_the_end)
{
    struct client cl = client_connect();
    cr_assert_eq(show().n, 0);
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    struct msg m;
    client_expect(&cl, 'T', &m);
    fk_row(0, 10, false, 1, "a");
    fk_row(0, 10, false, 1, "b");
    fk_row(0, 12, false, -1, "a");
    expect_row(&cl, "10", "1", "a");
    expect_row(&cl, "10", "1", "b");
    expect_row(&cl, "12", "-1", "a");
    struct shown sh = show();
    cr_assert_eq(sh.n, 1);
    cr_expect_str_eq(sh.statement, "SUBSCRIBE t");
    cr_expect_str_eq(sh.form, "subscribe");
    cr_expect_str_eq(sh.state, "streaming");
    cr_expect_str_eq(sh.env, "production");
    cr_expect_eq(sh.info.frontier, 12);
    cr_expect_eq(proxy->stats.subscriptions, 1);
    /* The stream ends: the record goes with its ReadyForQuery. */
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_command_complete(&w, "SELECT 3");
    wire_build_ready(&w, 'I');
    fk_send(fk.sess[0].bev, &w);
    wire_writer_free(&w);
    client_expect(&cl, 'C', &m);
    client_expect(&cl, 'Z', &m);
    cr_expect_eq(show().n, 0);
    client_close(&cl);
}

Test(subscribe, other_statements_are_not_tracked)
{
    struct client cl = client_connect();
    client_query(&cl, "SELECT 'subscribe' AS word");
    struct msg m;
    client_expect(&cl, 'C', &m);
    client_expect(&cl, 'Z', &m);
    cr_expect_eq(show().n, 0);
    cr_expect_eq(proxy->stats.subscriptions, 0);
    client_close(&cl);
}

static void setup_postgres(void)
{
    static const char *const extra[] = {"backend", "dialect", "postgres", NULL};
    setup_with(extra);
}

TestSuite(subscribe_postgres, .init = setup_postgres, .fini = teardown, .timeout = 60);

Test(subscribe_postgres, tracks_nothing)
{
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    fk_row(0, 10, false, 1, "a");
    struct msg m;
    client_expect(&cl, 'T', &m);
    expect_row(&cl, "10", "1", "a");
    cr_expect_eq(show().n, 0);
    client_close(&cl);
}

Test(subscribe, carried_over_with_the_difference_at_t)
{
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    struct msg m;
    client_expect(&cl, 'T', &m);
    fk_row(0, 10, false, 1, "a");
    fk_row(0, 10, false, 1, "b");
    fk_row(0, 12, false, -1, "a");
    expect_row(&cl, "10", "1", "a");
    expect_row(&cl, "10", "1", "b");
    expect_row(&cl, "12", "-1", "a");

    proxy_subscriptions_on_swap(proxy);
    wait_streaming(1);
    /* The same statement, plain form, PROGRESS forced, as the same user. */
    cr_expect_str_eq(fk.sess[1].last_query, "SUBSCRIBE t WITH (PROGRESS = true, SNAPSHOT = true)");
    cr_expect_str_eq(show().state, "splicing");
    /* NEW's as-of: T = max(20, 13) = 20. */
    fk_row(1, 20, true, 0, NULL);
    pump(50);
    /* The old stream still speaks below T, and is cut from T on. */
    fk_row(0, 15, false, 1, "e");
    fk_row(0, 25, false, 1, "old-after-t");
    expect_row(&cl, "15", "1", "e");
    /* NEW's snapshot at 20 (a changed definition: {b, c}), then progress past T. */
    fk_row(1, 20, false, 1, "b");
    fk_row(1, 20, false, 1, "c");
    fk_row(1, 21, true, 0, NULL);
    /* At T the client gets new(T) - what it holds ({b, e}): +c, -e. */
    char ts[2][64], diff[2][64], x[2][64];
    for (int i = 0; i < 2; i++) {
        client_expect(&cl, 'D', &m);
        row_of(&m, ts[i], diff[i], x[i]);
        cr_expect_str_eq(ts[i], "20");
    }
    bool c_first = strcmp(x[0], "c") == 0;
    cr_expect_str_eq(x[c_first ? 0 : 1], "c");
    cr_expect_str_eq(diff[c_first ? 0 : 1], "1");
    cr_expect_str_eq(x[c_first ? 1 : 0], "e");
    cr_expect_str_eq(diff[c_first ? 1 : 0], "-1");
    /* The old statement was cancelled; its 57014 and ReadyForQuery stay hidden. */
    for (int k = 0; k < 500 && fk.cancels == 0; k++)
        pump(1);
    cr_expect_eq(fk.cancels, 1);
    fk_row(1, 22, false, 1, "d");
    expect_row(&cl, "22", "1", "d");
    cr_expect(!client_next(&cl, &m, 50), "unexpected message '%c'", m.type);
    struct shown sh = show();
    cr_expect_str_eq(sh.state, "carried over");
    cr_expect_eq(sh.info.frontier, 22);
    cr_expect_eq(proxy->stats.subscriptions_carried, 1);

    /* The client's cancel ends the carried stream as the server would. */
    struct conn *c = TAILQ_FIRST(&proxy->conns);
    cr_assert_not_null(c);
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin =
        loopback(bound_port(evconnlistener_get_fd(proxy->listeners[ROUTE_PRODUCTION])));
    cr_assert(connect(cfd, (struct sockaddr *)&sin, sizeof sin) == 0);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_cancel_request(&w, c->proxy_pid, c->proxy_key);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cfd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    client_expect(&cl, 'E', &m);
    cr_expect(memmem(m.body, m.len, "57014", 5) != NULL);
    client_expect(&cl, 'Z', &m);
    cr_expect_eq(m.body[0], 'I');
    cr_expect_eq(fk.cancels, 1, "the cancel must not reach the old session again");
    cr_expect_eq(show().n, 0);
    close(cfd);
    /* The session is the client's again. */
    client_query(&cl, "SELECT 1");
    client_expect(&cl, 'C', &m);
    client_expect(&cl, 'Z', &m);
    cr_expect_str_eq(fk.sess[0].last_query, "SELECT 1");
    client_close(&cl);
}

static void setup_small(void)
{
    static const char *const extra[] = {"subscribe", "splice_memory", "64kB", NULL};
    setup_with(extra);
}

TestSuite(subscribe_small, .init = setup_small, .fini = teardown, .timeout = 60);

Test(subscribe_small, over_the_memory_bound_ends_with_zc002)
{
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    struct msg m;
    client_expect(&cl, 'T', &m);
    char x[200];
    for (int i = 0; i < 1000; i++) {
        snprintf(x, sizeof x, "%0150d", i);
        fk_row(0, 10, false, 1, x);
        if (i % 50 == 0)
            pump(5);
    }
    int rows = 0;
    while (rows < 1000 && client_next(&cl, &m, 2000) && m.type == 'D')
        rows++;
    cr_assert_eq(rows, 1000);
    proxy_subscriptions_on_swap(proxy);
    client_expect(&cl, 'E', &m);
    cr_expect(memmem(m.body, m.len, "ZC002", 5) != NULL);
    const char *want = "splice memory limit (65536 bytes) exceeded; resubscribe";
    cr_expect(memmem(m.body, m.len, want, strlen(want)) != NULL, "%.*s", (int)m.len, m.body);
    /* The old statement is cancelled; the client gets its ReadyForQuery only. */
    client_expect(&cl, 'Z', &m);
    cr_expect_eq(fk.cancels, 1);
    cr_expect_eq(proxy->stats.splice_overflows, 1);
    cr_expect_eq(proxy->stats.subscriptions_failed, 1);
    cr_expect_eq(started_sessions(), 1, "no second connection for a stream that cannot be carried");
    cr_expect(!client_next(&cl, &m, 50), "unexpected message '%c'", m.type);
    client_close(&cl);
}

Test(subscribe, scram_or_md5_session_ends_with_zc002)
{
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    struct msg m;
    client_expect(&cl, 'T', &m);
    fk_row(0, 10, false, 1, "a");
    expect_row(&cl, "10", "1", "a");
    /* As if the server had asked for SCRAM: no password the proxy could replay. */
    struct conn *c = TAILQ_FIRST(&proxy->conns);
    c->auth_challenged = 1;
    proxy_subscriptions_on_swap(proxy);
    client_expect(&cl, 'E', &m);
    cr_expect(memmem(m.body, m.len, "ZC002", 5) != NULL);
    cr_expect(memmem(m.body, m.len, "MD5 or SCRAM", 12) != NULL);
    client_expect(&cl, 'Z', &m);
    cr_expect_eq(started_sessions(), 1);
    client_close(&cl);
}

static void pause_done(enum barrier_outcome o, const uint64_t *ids, size_t n, void *arg)
{
    (void)ids;
    (void)n;
    *(int *)arg = (int)o + 1;
}

Test(subscribe, running_subscribe_does_not_hold_the_barrier)
{
    struct client busy = client_connect();
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(1);
    struct msg m;
    client_expect(&cl, 'T', &m);
    /* A session inside a transaction holds the barrier... */
    client_query(&busy, "begin");
    client_expect(&busy, 'C', &m);
    client_expect(&busy, 'Z', &m);
    int outcome = 0;
    cr_assert(proxy_pause(proxy, 5000, pause_done, &outcome));
    pump(20);
    cr_expect_eq(outcome, 0, "quiesced while a transaction was open");
    /* ...the streaming subscriber does not. */
    client_query(&busy, "commit");
    for (int k = 0; k < 2000 && outcome == 0; k++)
        pump(1);
    cr_expect_eq(outcome, BARRIER_QUIESCED + 1);
    proxy_resume(proxy);
    client_close(&busy);
    client_close(&cl);
}

Test(subscribe, carried_twice_over_a_promote_and_a_rollback)
{
    struct client cl = client_connect();
    client_query(&cl, "SUBSCRIBE t");
    wait_streaming(0);
    struct msg m;
    client_expect(&cl, 'T', &m);
    fk_row(0, 10, false, 1, "a");
    expect_row(&cl, "10", "1", "a");
    /* Promote: onto session 1, whose definition yields {b}. */
    proxy_subscriptions_on_swap(proxy);
    wait_streaming(1);
    fk_row(1, 20, true, 0, NULL);
    fk_row(1, 20, false, 1, "b");
    fk_row(1, 21, true, 0, NULL);
    char ts[2][64], diff[2][64], x[2][64];
    for (int i = 0; i < 2; i++) {
        client_expect(&cl, 'D', &m);
        row_of(&m, ts[i], diff[i], x[i]);
        cr_expect_str_eq(ts[i], "20");
    }
    for (int k = 0; k < 500 && fk.cancels == 0; k++)
        pump(1);
    fk_row(1, 25, false, 1, "c");
    expect_row(&cl, "25", "1", "c");
    /* Rollback: onto session 3 (2 was the cancel), whose definition yields {a}. */
    proxy_subscriptions_on_swap(proxy);
    int s3 = -1;
    for (int k = 0; k < 3000 && s3 < 0; k++) {
        pump(1);
        for (int i = 2; i < fk.nsess; i++)
            if (fk.sess[i].streaming)
                s3 = i;
    }
    cr_assert(s3 >= 0, "no third connection");
    cr_expect_str_eq(show().state, "splicing");
    fk_row(s3, 30, true, 0, NULL);
    /* The carried stream still speaks below T = 30, not from it on. */
    fk_row(1, 28, false, 1, "d");
    fk_row(1, 31, false, 1, "carried-after-t");
    expect_row(&cl, "28", "1", "d");
    fk_row(s3, 30, false, 1, "a");
    fk_row(s3, 31, true, 0, NULL);
    /* The client holds {b, c, d}; new(30) = {a}: +a -b -c -d at 30. */
    int plus = 0, minus = 0;
    for (int i = 0; i < 4; i++) {
        char t[64], d[64], v[64];
        client_expect(&cl, 'D', &m);
        row_of(&m, t, d, v);
        cr_expect_str_eq(t, "30");
        if (strcmp(d, "1") == 0) {
            cr_expect_str_eq(v, "a");
            plus++;
        } else {
            cr_expect_str_eq(d, "-1");
            minus++;
        }
    }
    cr_expect_eq(plus, 1);
    cr_expect_eq(minus, 3);
    fk_row(s3, 32, false, 1, "e");
    expect_row(&cl, "32", "1", "e");
    cr_expect_eq(proxy->stats.subscriptions_carried, 2);
    cr_expect_str_eq(show().state, "carried over");
    cr_expect(!client_next(&cl, &m, 50), "unexpected message '%c'", m.type);
    client_close(&cl);
}

static void setup_one_at_a_time(void)
{
    static const char *const extra[] = {"subscribe", "start_concurrency", "1", NULL};
    setup_with(extra);
}

TestSuite(subscribe_queued, .init = setup_one_at_a_time, .fini = teardown, .timeout = 60);

Test(subscribe_queued, a_start_slot_covers_the_login_only)
{
    struct client a = client_connect(), b = client_connect();
    struct msg m;
    client_query(&a, "SUBSCRIBE t");
    wait_streaming(0);
    client_expect(&a, 'T', &m);
    client_query(&b, "SUBSCRIBE t");
    wait_streaming(1);
    client_expect(&b, 'T', &m);

    /* The server holds the first new stream's login: the second waits. */
    fk.hold_logins = true;
    proxy_subscriptions_on_swap(proxy);
    for (int k = 0; k < 3000 && fk.nsess < 3; k++)
        pump(1);
    pump(200);
    cr_expect_eq(fk.nsess, 3, "the second new stream must wait for the first one's login");
    /* Queued, its old stream still reaches the client. */
    fk_row(0, 10, false, 1, "a");
    fk_row(1, 10, false, 1, "b");
    expect_row(&a, "10", "1", "a");
    expect_row(&b, "10", "1", "b");
    /* Once the first new stream has sent its statement, the slot is free:
       the second starts without waiting for the first one's rows
       (hydration runs side by side). */
    fk_release_logins();
    wait_streaming(2);
    wait_streaming(3);
    cr_expect_eq(started_sessions(), 4);
    client_close(&a);
    client_close(&b);
}
