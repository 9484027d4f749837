/*
 * test_relay.c: in-process relay tests. One event loop runs cutover's proxy,
 * a fake PostgreSQL backend (a few lines of protocol over a libevent
 * listener) and raw client sockets, so the tests can look inside the conn:
 * its buffers, its state, what the backend received.
 */
#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
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
#include "proxy/relay.h"
#include "proxy/stats.h"

#include "harness.h"

#define LIMIT       (64u * 1024u) /* buffer_limit under test */
#define CHUNK       16384u        /* the proxy's largest single read (CONN_READ_SIZE) */
#define ROW_BYTES   1000u         /* one DataRow column */
#define BACKEND_PID 1234u
#define BACKEND_KEY 5678u

/* ---- the fake backend ---- */

struct fake {
    size_t rows;          /* DataRows answered per Query */
    unsigned queries;     /* Query messages received */
    char last_query[256]; /* text of the last one */
    unsigned cancels;     /* CancelRequests received */
    uint32_t cancel_pid, cancel_key;
    bool hold_cancel;              /* keep a cancel connection open instead of closing it */
    struct fake_conn *held_cancel; /* that connection */
    unsigned conns;                /* sessions started */
    int auth;                      /* what it asks for: 0 trust, 3 cleartext, 10 SASL */
    char password[64];             /* the last PasswordMessage received */
    uint8_t startup[1024];         /* the last StartupMessage received */
    size_t startup_len;
};

struct fake_conn {
    struct fake *f;
    struct bufferevent *bev;
    bool started;
    uint8_t tx;                      /* ReadyForQuery status it reports: 'I' or 'T' */
    struct fake_conn *next, **pprev; /* in fake_conns, freed at teardown */
};

static struct fake_conn *fake_conns;

static void fake_conn_free(struct fake_conn *fc)
{
    *fc->pprev = fc->next;
    if (fc->next)
        fc->next->pprev = fc->pprev;
    bufferevent_free(fc->bev);
    free(fc);
}

static void fake_send(struct bufferevent *bev, struct wire_writer *w)
{
    cr_assert(wire_writer_ok(w));
    bufferevent_write(bev, w->buf, w->len);
    wire_writer_reset(w);
}

/* Output flushed: close, like a server exiting after its last message. */
static void fake_close_when_flushed_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    fake_conn_free(arg);
}

static void fake_event_cb(struct bufferevent *bev, short what, void *arg);

static void fake_read_cb(struct bufferevent *bev, void *arg)
{
    struct fake_conn *fc = arg;
    struct evbuffer *in = bufferevent_get_input(bev);
    struct wire_writer w;
    wire_writer_init(&w);
    for (;;) {
        size_t avail = evbuffer_get_length(in);
        if (!fc->started) {
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
                fc->f->cancels++;
                fc->f->cancel_pid = be32(pkt + 8);
                fc->f->cancel_key = be32(pkt + 12);
                wire_writer_free(&w);
                if (fc->f->hold_cancel)
                    fc->f->held_cancel = fc; /* the server has not acted yet */
                else
                    fake_conn_free(fc);
                return;
            }
            fc->f->startup_len = len < sizeof fc->f->startup ? len : sizeof fc->f->startup;
            evbuffer_copyout(in, fc->f->startup, fc->f->startup_len);
            evbuffer_drain(in, len);
            fc->started = true;
            fc->tx = 'I';
            fc->f->conns++;
            if (fc->f->auth == WIRE_AUTH_CLEARTEXT) {
                wire_build_auth_cleartext(&w);
                fake_send(bev, &w);
                continue;
            }
            if (fc->f->auth == WIRE_AUTH_SASL) {
                static const char *const mechs[] = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"};
                wire_build_auth_sasl(&w, mechs, 2);
                fake_send(bev, &w);
                continue;
            }
            wire_build_auth_ok(&w);
            wire_build_parameter_status(&w, "server_version", "15.0");
            wire_build_backend_key(&w, BACKEND_PID, BACKEND_KEY);
            wire_build_ready(&w, 'I');
            fake_send(bev, &w);
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
            fc->f->queries++;
            snprintf(fc->f->last_query, sizeof fc->f->last_query, "%s", (const char *)msg + 5);
            static uint8_t col[ROW_BYTES];
            memset(col, 'r', sizeof col);
            struct wire_column c = {col, ROW_BYTES};
            for (size_t i = 0; i < fc->f->rows; i++) {
                wire_build_data_row(&w, &c, 1);
                if (w.len > 1 << 20)
                    fake_send(bev, &w);
            }
            const char *q = (const char *)msg + 5;
            if (strcmp(q, "die") == 0) {
                /* The server's last words, then EOF. */
                wire_build_error(&w, "FATAL", "57P01", "terminating connection", NULL, NULL);
                fake_send(bev, &w);
                bufferevent_setcb(bev, NULL, fake_close_when_flushed_cb, fake_event_cb, fc);
                bufferevent_disable(bev, EV_READ);
                wire_writer_free(&w);
                return;
            }
            if (strncmp(q, "begin", 5) == 0)
                fc->tx = 'T';
            else if (strncmp(q, "commit", 6) == 0)
                fc->tx = 'I';
            wire_build_command_complete(&w, "SELECT");
            wire_build_ready(&w, fc->tx);
            fake_send(bev, &w);
        } else if (hdr[0] == 'p') {
            snprintf(fc->f->password, sizeof fc->f->password, "%s", (const char *)msg + 5);
            wire_build_auth_ok(&w);
            wire_build_backend_key(&w, BACKEND_PID, BACKEND_KEY);
            wire_build_ready(&w, 'I');
            fake_send(bev, &w);
        } else if (hdr[0] == 'X') {
            evbuffer_drain(in, 1 + len);
            fake_conn_free(fc);
            wire_writer_free(&w);
            return;
        }
        evbuffer_drain(in, 1 + len);
    }
    wire_writer_free(&w);
}

static void fake_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
        fake_conn_free(arg);
}

static void fake_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *a,
                           int alen, void *arg)
{
    (void)a;
    (void)alen;
    struct fake_conn *fc = calloc(1, sizeof *fc);
    fc->f = arg;
    struct bufferevent *bev =
        bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
    fc->bev = bev;
    fc->next = fake_conns;
    if (fake_conns)
        fake_conns->pprev = &fc->next;
    fc->pprev = &fake_conns;
    fake_conns = fc;
    bufferevent_setcb(bev, fake_read_cb, NULL, fake_event_cb, fc);
    bufferevent_enable(bev, EV_READ | EV_WRITE);
}

/* ---- fixture ---- */

static struct harness hs;
static struct event_base *base;
static struct fake fake;
static struct proxy *proxy;

/* Starts the fake backend and a proxy over it; `extra` is a NULL-terminated
 * list of section, key, value triples applied over the test defaults. */
static void setup_with(const char *const *extra)
{
    memset(&fake, 0, sizeof fake);
    static const char *const defaults[] = {"proxy", "buffer_limit", "64kB", NULL};
    harness_start(&hs, fake_accept_cb, &fake, defaults, extra);
    base = hs.base;
    proxy = hs.proxy;
    cr_assert_eq(proxy->cfg->buffer_limit, LIMIT);
}

static void setup(void)
{
    setup_with(NULL);
}

static void setup_deploy(void)
{
    static const char *const extra[] = {"deployment", "schemas",        "analytics", "deployment",
                                        "clusters",   "compute, other", NULL};
    setup_with(extra);
}

static void setup_limits(void)
{
    static const char *const extra[] = {
        "proxy", "max_client_conn", "1", "proxy", "startup_timeout", "50ms", NULL};
    setup_with(extra);
}

static void teardown(void)
{
    while (fake_conns)
        fake_conn_free(fake_conns);
    harness_stop(&hs);
}

/* Runs `n` loop iterations. */
static void pump(int n)
{
    harness_pump(&hs, n);
}

static int proxy_port(void)
{
    return bound_port(evconnlistener_get_fd(proxy->listeners[ROUTE_PRODUCTION]));
}

/* A client socket with a small receive buffer (so the proxy, not the kernel,
 * is where unread data piles up), already past the startup packet. */
static int client_connect_params(const struct wire_startup_param *params, size_t n,
                                 const char *extra, size_t extra_len)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    struct sockaddr_in sin = loopback(proxy_port());
    cr_assert(connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, params, n);
    if (extra)
        wire_put_bytes(&w, extra, extra_len); /* sent in the same write */
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

static int client_connect(void)
{
    static const struct wire_startup_param params[] = {{"user", "alice"}, {"database", "db"}};
    return client_connect_params(params, 2, NULL, 0);
}

static void client_send(int fd, const uint8_t *p, size_t n)
{
    cr_assert(write(fd, p, n) == (ssize_t)n);
}

static void client_query(int fd, const char *sql)
{
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, sql);
    cr_assert(wire_writer_ok(&w));
    client_send(fd, w.buf, w.len);
    wire_writer_free(&w);
}

/* Reads what is there (non-blocking) into `acc`. */
static size_t client_read(int fd, struct evbuffer *acc)
{
    uint8_t buf[65536];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        evbuffer_add(acc, buf, (size_t)n);
        total += (size_t)n;
    }
    return total;
}

/* Pumps until the client has read everything through the first
 * ReadyForQuery after the startup (AuthenticationOk ... 'Z'). */
static void client_wait_ready(int fd, struct evbuffer *acc)
{
    for (int i = 0; i < 2000; i++) {
        pump(1);
        client_read(fd, acc);
        size_t n = evbuffer_get_length(acc);
        if (n >= 6) {
            uint8_t tail[6];
            evbuffer_copyout_from(acc, NULL, tail, 0);
            struct evbuffer_ptr pos;
            evbuffer_ptr_set(acc, &pos, n - 6, EVBUFFER_PTR_SET);
            evbuffer_copyout_from(acc, &pos, tail, 6);
            if (tail[0] == 'Z' && tail[4] == 5)
                return;
        }
    }
    cr_assert_fail("client never got ReadyForQuery");
}

static size_t count_rows(struct evbuffer *acc, bool *saw_ready);

/* Sends `sql` and pumps until its ReadyForQuery reaches the client. */
static void client_roundtrip(int fd, struct evbuffer *acc, const char *sql)
{
    evbuffer_drain(acc, evbuffer_get_length(acc));
    client_query(fd, sql);
    bool ready = false;
    for (int i = 0; i < 5000 && !ready; i++) {
        pump(1);
        client_read(fd, acc);
        count_rows(acc, &ready);
    }
    cr_assert(ready, "no ReadyForQuery after \"%s\"", sql);
}

static struct conn *the_conn(void)
{
    struct conn *c = TAILQ_FIRST(&proxy->conns);
    cr_assert_not_null(c);
    return c;
}

/* What the proxy holds in user space for this conn, backend -> client. */
static size_t proxy_buffered(struct conn *c)
{
    return evbuffer_get_length(bufferevent_get_output(c->client)) +
           evbuffer_get_length(bufferevent_get_input(c->backend));
}

/* Counts DataRows and finds the final ReadyForQuery in a stream of messages. */
static size_t count_rows(struct evbuffer *acc, bool *saw_ready)
{
    size_t rows = 0;
    *saw_ready = false;
    for (;;) {
        size_t n = evbuffer_get_length(acc);
        if (n < 5)
            break;
        uint8_t hdr[5];
        evbuffer_copyout(acc, hdr, 5);
        uint32_t len = be32(hdr + 1);
        if (n < 1 + len)
            break;
        if (hdr[0] == 'D') {
            cr_assert_eq(len, 4 + 2 + 4 + ROW_BYTES, "DataRow length %u", len);
            rows++;
        }
        if (hdr[0] == 'Z')
            *saw_ready = true;
        evbuffer_drain(acc, 1 + len);
    }
    return rows;
}

TestSuite(relay, .init = setup, .fini = teardown, .timeout = 60);

Test(relay, session_reaches_idle_with_proxy_key)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();
    cr_assert_eq(c->state, CONN_IDLE);
    cr_assert(c->have_backend_key);
    cr_assert_eq(c->backend_pid, BACKEND_PID);
    cr_assert_eq(c->backend_key, BACKEND_KEY);
    cr_assert_str_eq(conn_get_param(c, "server_version"), "15.0");

    /* The client saw cutover's key, not the server's. */
    uint8_t buf[512];
    size_t n = evbuffer_copyout(acc, buf, sizeof buf);
    bool found = false;
    for (size_t i = 0; i + 13 <= n; i++) {
        if (buf[i] == 'K' && be32(buf + i + 1) == 12) {
            uint32_t pid = be32(buf + i + 5);
            uint32_t key = be32(buf + i + 9);
            cr_assert_eq(pid, c->proxy_pid);
            cr_assert_eq(key, c->proxy_key);
            cr_assert(pid != BACKEND_PID || key != BACKEND_KEY);
            found = true;
        }
    }
    cr_assert(found, "no BackendKeyData reached the client");
    evbuffer_free(acc);
    close(fd);
}

Test(relay, slow_reader_bounds_proxy_buffering)
{
    fake.rows = 20000; /* ~20 MB of DataRows */
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    evbuffer_drain(acc, evbuffer_get_length(acc));
    struct conn *c = the_conn();
    /* Keep the kernel's send buffer small too, so what the client does not
     * read backs up into the proxy quickly rather than into the socket. */
    int small = 4096;
    setsockopt(c->client_fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);

    client_query(fd, "select big");
    /* The client reads nothing for a while: the proxy must stop reading the
     * backend instead of buffering the result. */
    size_t max_seen = 0;
    for (int i = 0; i < 400; i++) {
        pump(1);
        size_t b = proxy_buffered(c);
        if (b > max_seen)
            max_seen = b;
    }
    cr_assert_eq(fake.queries, 1);
    cr_assert_eq(c->state, CONN_ACTIVE);
    cr_assert(max_seen >= LIMIT, "the test never filled the buffer (%zu)", max_seen);
    cr_assert(max_seen <= LIMIT + CHUNK + 5, "proxy buffered %zu bytes (limit %u)", max_seen,
              LIMIT);
    cr_assert(!c->backend_rd_on && !(bufferevent_get_enabled(c->backend) & EV_READ),
              "backend still read while the client was full");

    /* Now a slow reader: a little at a time. Everything arrives, intact and
     * in order, and the bound holds throughout. */
    bool ready = false;
    size_t rows = 0;
    for (int i = 0; i < 200000 && !ready; i++) {
        uint8_t buf[8192];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0)
            evbuffer_add(acc, buf, (size_t)n);
        rows += count_rows(acc, &ready);
        pump(1);
        size_t b = c->state == CONN_CLOSING ? 0 : proxy_buffered(c);
        if (b > max_seen)
            max_seen = b;
    }
    cr_assert(ready, "result did not complete (rows %zu)", rows);
    cr_assert_eq(rows, fake.rows);
    cr_assert(max_seen <= LIMIT + CHUNK + 5, "proxy buffered %zu bytes", max_seen);
    cr_assert_eq(c->state, CONN_IDLE);
    cr_assert(c->bytes_out > fake.rows * ROW_BYTES);
    evbuffer_free(acc);
    close(fd);
}

/*
 * The relay stops moving a result towards a full client output and resumes
 * when that output drains. The proxy writes to the client at once in
 * conn_update_io(), outside libevent's write event: when that write empties
 * the output, the rest of the result, already read from the server, must
 * still move, though the server (which has answered) sends nothing more.
 */
Test(relay, result_moves_on_when_a_direct_write_drains_the_client)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    evbuffer_drain(acc, evbuffer_get_length(acc));
    struct conn *c = the_conn();
    /* Room in the kernel for more than the limit: the direct write empties
     * the proxy's output in one go. */
    int big = 1 << 20;
    setsockopt(c->client_fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);

    /* The server's whole answer, read already: twice the limit of rows,
     * CommandComplete, ReadyForQuery. */
    size_t nrows = 2 * LIMIT / ROW_BYTES;
    struct wire_writer w;
    wire_writer_init(&w);
    static uint8_t col[ROW_BYTES];
    memset(col, 'r', sizeof col);
    struct wire_column wc = {col, ROW_BYTES};
    for (size_t i = 0; i < nrows; i++)
        wire_build_data_row(&w, &wc, 1);
    wire_build_command_complete(&w, "SELECT");
    wire_build_ready(&w, 'I');
    /* As the conn's reader adds what it receives (a socket bufferevent
     * freezes its input's end otherwise). */
    struct evbuffer *in = bufferevent_get_input(c->backend);
    evbuffer_unfreeze(in, 0);
    cr_assert_eq(evbuffer_add(in, w.buf, w.len), 0);
    evbuffer_freeze(in, 0);
    wire_writer_free(&w);

    relay_backend_input(c);
    cr_assert(evbuffer_get_length(in) > 0, "the relay moved the whole answer past the limit");
    cr_assert_eq(evbuffer_get_length(bufferevent_get_output(c->client)), 0,
                 "the direct write did not empty the output (the test needs it to)");

    bool ready = false;
    size_t rows = 0;
    for (int i = 0; i < 2000 && !ready; i++) {
        pump(1);
        client_read(fd, acc);
        rows += count_rows(acc, &ready);
    }
    cr_assert(ready, "the rest of the answer stayed in the proxy (%zu of %zu rows)", rows, nrows);
    cr_assert_eq(rows, nrows);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, malformed_message_fails_only_that_session)
{
    int good = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(good, acc);
    int bad = client_connect();
    struct evbuffer *bacc = evbuffer_new();
    client_wait_ready(bad, bacc);
    evbuffer_drain(bacc, evbuffer_get_length(bacc));

    const uint8_t junk[] = {'~', 0, 0, 0, 8, 1, 2, 3, 4};
    client_send(bad, junk, sizeof junk);
    for (int i = 0; i < 200; i++) {
        pump(1);
        client_read(bad, bacc);
    }
    size_t n = evbuffer_get_length(bacc);
    cr_assert(n > 0, "no error reached the bad client");
    char *text = (char *)evbuffer_pullup(bacc, -1);
    cr_assert_eq(text[0], 'E');
    cr_assert(memmem(text, n, "C08P01", 6) != NULL, "no 08P01 in the error");
    cr_assert(memmem(text, n, "SFATAL", 6) != NULL);
    uint8_t dummy;
    cr_assert_eq(read(bad, &dummy, 1), 0, "bad client not closed");
    cr_assert_eq(proxy->nconns, 1);

    /* The other session is unaffected. */
    evbuffer_drain(acc, evbuffer_get_length(acc));
    fake.rows = 3;
    client_query(good, "select 3");
    bool ready = false;
    size_t rows = 0;
    for (int i = 0; i < 2000 && !ready; i++) {
        pump(1);
        client_read(good, acc);
        rows += count_rows(acc, &ready);
    }
    cr_assert(ready);
    cr_assert_eq(rows, 3);
    evbuffer_free(acc);
    evbuffer_free(bacc);
    close(good);
    close(bad);
}

Test(relay, cancel_request_is_forwarded_with_backend_key)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();

    /* A wrong key is dropped silently. */
    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = loopback(proxy_port());
    cr_assert(connect(cfd, (struct sockaddr *)&sin, sizeof sin) == 0);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_cancel_request(&w, c->proxy_pid, c->proxy_key ^ 1u);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cfd, w.buf, w.len) == (ssize_t)w.len);
    pump(100);
    close(cfd);
    cr_assert_eq(fake.cancels, 0);

    cfd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert(connect(cfd, (struct sockaddr *)&sin, sizeof sin) == 0);
    wire_writer_reset(&w);
    wire_build_cancel_request(&w, c->proxy_pid, c->proxy_key);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cfd, w.buf, w.len) == (ssize_t)w.len);
    for (int i = 0; i < 2000 && fake.cancels == 0; i++)
        pump(1);
    cr_assert_eq(fake.cancels, 1);
    cr_assert_eq(fake.cancel_pid, BACKEND_PID);
    cr_assert_eq(fake.cancel_key, BACKEND_KEY);
    wire_writer_free(&w);
    close(cfd);
    evbuffer_free(acc);
    close(fd);
}

/* Like PostgreSQL, the proxy answers a cancel (by closing) only once the
 * server has acted on it, so that a client's next query cannot be hit by a
 * cancel still on its way. */
Test(relay, cancel_connection_closes_only_after_the_server_closed_its_own)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();
    fake.hold_cancel = true;

    int cfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = loopback(proxy_port());
    cr_assert(connect(cfd, (struct sockaddr *)&sin, sizeof sin) == 0);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_cancel_request(&w, c->proxy_pid, c->proxy_key);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(cfd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    for (int i = 0; i < 2000 && fake.held_cancel == NULL; i++)
        pump(1);
    cr_assert_eq(fake.cancels, 1);
    pump(50);
    char b;
    errno = 0;
    cr_assert_eq(recv(cfd, &b, 1, MSG_DONTWAIT), -1, "closed before the server acted");
    cr_assert_eq(errno, EAGAIN);

    fake_conn_free(fake.held_cancel); /* the server has acted and closes */
    fake.held_cancel = NULL;
    ssize_t n = -1;
    for (int i = 0; i < 2000; i++) {
        pump(1);
        n = recv(cfd, &b, 1, MSG_DONTWAIT);
        if (n == 0)
            break;
    }
    cr_assert_eq(n, 0, "the cancel connection was not closed after the server closed its own");
    close(cfd);
    evbuffer_free(acc);
    close(fd);
}

struct pause_result {
    int calls;
    enum barrier_outcome outcome;
    size_t nblocking;
    uint64_t first_blocking;
};

static void pause_done(enum barrier_outcome o, const uint64_t *ids, size_t n, void *arg)
{
    struct pause_result *r = arg;
    r->calls++;
    r->outcome = o;
    r->nblocking = n;
    r->first_blocking = n ? ids[0] : 0;
}

Test(relay, barrier_holds_idle_session_and_resumes_it)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    evbuffer_drain(acc, evbuffer_get_length(acc));
    struct conn *c = the_conn();

    struct pause_result r = {0};
    cr_assert(proxy_pause(proxy, 0, pause_done, &r));
    cr_assert_eq(r.calls, 1, "an idle proxy is quiescent at once");
    cr_assert_eq(r.outcome, BARRIER_QUIESCED);

    fake.rows = 1;
    client_query(fd, "select held");
    pump(100);
    cr_assert_eq(c->state, CONN_HELD);
    cr_assert_eq(fake.queries, 0, "a held statement reached the server");
    cr_assert_eq(proxy->barrier.nheld, 1);

    proxy_resume(proxy);
    bool ready = false;
    for (int i = 0; i < 2000 && !ready; i++) {
        pump(1);
        client_read(fd, acc);
        count_rows(acc, &ready);
    }
    cr_assert(ready);
    cr_assert_eq(fake.queries, 1);
    cr_assert_str_eq(fake.last_query, "select held");
    cr_assert_eq(proxy->stats.held_total, 1);
    cr_assert_eq(c->state, CONN_IDLE);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, barrier_times_out_naming_a_busy_session)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();
    /* Pretend the session is inside a transaction block. */
    conn_set_in_tx(c, true);
    struct pause_result r = {0};
    cr_assert(proxy_pause(proxy, 20, pause_done, &r));
    cr_assert_eq(r.calls, 0);
    for (int i = 0; i < 5000 && r.calls == 0; i++)
        pump(1);
    cr_assert_eq(r.calls, 1);
    cr_assert_eq(r.outcome, BARRIER_TIMED_OUT);
    cr_assert_eq(r.nblocking, 1);
    cr_assert_eq(r.first_blocking, c->id);
    proxy_resume(proxy);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, state_transitions)
{
    cr_assert(conn_state_transition_ok(CONN_ACCEPTED, CONN_CLIENT_TLS));
    cr_assert(conn_state_transition_ok(CONN_AUTH, CONN_IDLE));
    cr_assert(conn_state_transition_ok(CONN_IDLE, CONN_HELD));
    cr_assert(conn_state_transition_ok(CONN_HELD, CONN_IDLE));
    cr_assert(conn_state_transition_ok(CONN_ACTIVE, CONN_CLOSING));
    cr_assert_not(conn_state_transition_ok(CONN_ACCEPTED, CONN_IDLE));
    cr_assert_not(conn_state_transition_ok(CONN_CLOSING, CONN_IDLE));
    cr_assert_not(conn_state_transition_ok(CONN_CLOSING, CONN_CLOSING));
    cr_assert_not(conn_state_transition_ok(CONN_ACTIVE, CONN_HELD));
    cr_assert_str_eq(conn_state_name(CONN_HELD), "held");
}

/* The value of `key` in the startup packet the fake backend received. */
static const char *fake_startup_get(const char *key)
{
    static struct wire_startup st;
    cr_assert(fake.startup_len > 8);
    cr_assert_eq(wire_startup_parse(fake.startup, fake.startup_len, &st), WIRE_STARTUP_OK);
    return wire_startup_get(&st, key);
}

/* Pumps until the client socket has an ErrorResponse or is closed; returns
 * what it read (NUL-terminated). */
static char *client_read_until_closed(int fd, size_t *len)
{
    struct evbuffer *acc = evbuffer_new();
    for (int i = 0; i < 5000; i++) {
        pump(1);
        uint8_t buf[4096];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0)
            evbuffer_add(acc, buf, (size_t)n);
        if (n == 0)
            break;
    }
    evbuffer_add(acc, "", 1);
    *len = evbuffer_get_length(acc) - 1;
    char *out = malloc(*len + 1);
    evbuffer_remove(acc, out, *len + 1);
    evbuffer_free(acc);
    return out;
}

Test(relay, query_pipelined_with_startup_is_relayed)
{
    struct wire_writer q;
    wire_writer_init(&q);
    wire_build_query(&q, "select early");
    cr_assert(wire_writer_ok(&q));
    static const struct wire_startup_param params[] = {{"user", "alice"}};
    int fd = client_connect_params(params, 1, (const char *)q.buf, q.len);
    wire_writer_free(&q);
    for (int i = 0; i < 2000 && fake.queries == 0; i++)
        pump(1);
    cr_assert_eq(fake.queries, 1);
    cr_assert_str_eq(fake.last_query, "select early");
    close(fd);
}

Test(relay, deploy_route_unavailable_without_deployment)
{
    static const struct wire_startup_param params[] = {{"user", "alice"},
                                                       {"options", "-c cutover.route=deploy"}};
    int fd = client_connect_params(params, 2, NULL, 0);
    size_t n;
    char *got = client_read_until_closed(fd, &n);
    cr_assert(n > 0 && got[0] == 'E');
    cr_assert(memmem(got, n, "CZC001", 6) != NULL);
    cr_assert(memmem(got, n, "route \"deploy\" is not available", 31) != NULL);
    cr_assert_eq(fake.conns, 0, "the backend was contacted");
    free(got);
    close(fd);
}

TestSuite(routing, .init = setup_deploy, .fini = teardown, .timeout = 60);

Test(routing, deploy_route_rewrites_startup_and_statements)
{
    static const struct wire_startup_param params[] = {
        {"user", "alice"},
        {"options", "-c cutover.route=deploy -c search_path=analytics"},
    };
    int fd = client_connect_params(params, 2, NULL, 0);
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();
    cr_assert_eq(c->route, ROUTE_DEPLOY);
    /* cutover.* is gone, the rest is rewritten, a default cluster is added. */
    const char *opts = fake_startup_get("options");
    cr_assert_not_null(opts);
    cr_assert_null(strstr(opts, "cutover"), "options still has cutover.*: %s", opts);
    cr_assert_not_null(strstr(opts, "search_path=analytics_dbt_deploy"), "%s", opts);
    cr_assert_str_eq(fake_startup_get("cluster"), "compute_dbt_deploy");
    cr_assert_str_eq(fake_startup_get("user"), "alice");

    client_query(fd, "select * from analytics.t");
    for (int i = 0; i < 2000 && fake.queries == 0; i++)
        pump(1);
    cr_assert_eq(fake.queries, 1);
    cr_assert_str_eq(fake.last_query, "select * from analytics_dbt_deploy.t");
    cr_assert_eq(proxy->stats.queries_rewritten, 1);
    evbuffer_free(acc);
    close(fd);
}

Test(routing, production_route_is_untouched_and_options_dropped)
{
    static const struct wire_startup_param params[] = {
        {"user", "alice"},
        {"options", "-c cutover.route=production"},
        {"search_path", "analytics"},
    };
    int fd = client_connect_params(params, 3, NULL, 0);
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    cr_assert_null(fake_startup_get("options"), "an empty options must be dropped");
    cr_assert_null(fake_startup_get("cluster"));
    cr_assert_str_eq(fake_startup_get("search_path"), "analytics");
    client_query(fd, "select * from analytics.t");
    for (int i = 0; i < 2000 && fake.queries == 0; i++)
        pump(1);
    cr_assert_str_eq(fake.last_query, "select * from analytics.t");
    evbuffer_free(acc);
    close(fd);
}

Test(routing, session_keeps_generation_inside_transaction)
{
    static const struct wire_startup_param params[] = {{"user", "alice"}};
    int fd = client_connect_params(params, 1, NULL, 0);
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    struct conn *c = the_conn();
    uint64_t g0 = c->generation;

    client_roundtrip(fd, acc, "begin");
    cr_assert(c->in_tx);
    cr_assert(proxy_set_route_phase(proxy, ROUTE_PHASE_PROMOTED, true));
    cr_assert_eq(proxy_routing_table(proxy)->generation, g0 + 1);
    client_roundtrip(fd, acc, "select 1");
    cr_assert_eq(c->generation, g0, "switched generation inside a transaction");
    client_roundtrip(fd, acc, "commit");
    cr_assert_not(c->in_tx);
    client_roundtrip(fd, acc, "select 2");
    cr_assert_eq(c->generation, g0 + 1, "did not take the new generation when idle");
    evbuffer_free(acc);
    close(fd);
}

Test(relay, barrier_lets_transactions_finish_then_quiesces)
{
    int a = client_connect();
    struct evbuffer *aacc = evbuffer_new();
    client_wait_ready(a, aacc);
    struct conn *ca = the_conn();
    int b = client_connect();
    struct evbuffer *bacc = evbuffer_new();
    client_wait_ready(b, bacc);
    struct conn *cb = TAILQ_NEXT(ca, link);
    cr_assert_not_null(cb);

    client_roundtrip(a, aacc, "begin");
    cr_assert(ca->in_tx);

    struct pause_result r = {0};
    cr_assert(proxy_pause(proxy, 0, pause_done, &r));
    cr_assert_eq(r.calls, 0, "quiesced with a transaction open");

    client_query(b, "select from b");
    client_query(a, "select in tx");
    for (int i = 0; i < 200; i++)
        pump(1);
    cr_assert_eq(cb->state, CONN_HELD);
    cr_assert_str_eq(fake.last_query, "select in tx", "the transaction was held");
    cr_assert_eq(r.calls, 0);

    client_query(a, "commit");
    for (int i = 0; i < 2000 && r.calls == 0; i++)
        pump(1);
    cr_assert_eq(r.calls, 1);
    cr_assert_eq(r.outcome, BARRIER_QUIESCED);
    cr_assert_str_eq(fake.last_query, "commit");

    proxy_resume(proxy);
    for (int i = 0; i < 2000 && strcmp(fake.last_query, "select from b") != 0; i++)
        pump(1);
    cr_assert_str_eq(fake.last_query, "select from b");
    cr_assert_eq(proxy->stats.held_total, 1);
    evbuffer_free(aacc);
    evbuffer_free(bacc);
    close(a);
    close(b);
}

TestSuite(limits, .init = setup_limits, .fini = teardown, .timeout = 60);

Test(limits, over_max_client_conn_gets_53300)
{
    int first = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(first, acc);
    int second = client_connect();
    size_t n;
    char *got = client_read_until_closed(second, &n);
    cr_assert(n > 0 && got[0] == 'E', "no error for the connection over the limit");
    cr_assert(memmem(got, n, "C53300", 6) != NULL);
    cr_assert(memmem(got, n, "sorry, too many clients already", 31) != NULL);
    cr_assert_eq(fake.conns, 1);
    free(got);
    evbuffer_free(acc);
    close(first);
    close(second);
}

Test(limits, silent_client_hits_startup_timeout)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = loopback(proxy_port());
    cr_assert(connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    size_t n;
    char *got = client_read_until_closed(fd, &n);
    cr_assert(n > 0 && got[0] == 'E');
    cr_assert(memmem(got, n, "C08P01", 6) != NULL);
    cr_assert(memmem(got, n, "startup timeout", 15) != NULL);
    free(got);
    close(fd);
}

Test(relay, gssenc_request_is_refused_then_startup_proceeds)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = loopback(proxy_port());
    cr_assert(connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    const uint8_t gss[8] = {0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30};
    client_send(fd, gss, sizeof gss);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    uint8_t answer = 0;
    for (int i = 0; i < 2000 && read(fd, &answer, 1) != 1; i++)
        pump(1);
    cr_assert_eq(answer, 'N');
    struct wire_writer w;
    wire_writer_init(&w);
    static const struct wire_startup_param params[] = {{"user", "alice"}};
    wire_build_startup(&w, params, 1);
    cr_assert(wire_writer_ok(&w));
    client_send(fd, w.buf, w.len);
    wire_writer_free(&w);
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    cr_assert_eq(the_conn()->state, CONN_IDLE);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, cleartext_password_is_relayed_and_kept)
{
    fake.auth = WIRE_AUTH_CLEARTEXT;
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    /* Wait for AuthenticationCleartextPassword, then answer it. */
    for (int i = 0; i < 2000 && evbuffer_get_length(acc) < 9; i++) {
        pump(1);
        client_read(fd, acc);
    }
    uint8_t r[9];
    cr_assert_eq(evbuffer_remove(acc, r, 9), 9);
    cr_assert_eq(r[0], 'R');
    cr_assert_eq(be32(r + 5), WIRE_AUTH_CLEARTEXT);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_password(&w, "s3cret");
    cr_assert(wire_writer_ok(&w));
    client_send(fd, w.buf, w.len);
    wire_writer_free(&w);
    client_wait_ready(fd, acc);
    cr_assert_str_eq(fake.password, "s3cret");
    struct conn *c = the_conn();
    cr_assert_not_null(c->password);
    cr_assert_str_eq(c->password, "s3cret");
    cr_assert_eq(c->state, CONN_IDLE);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, sasl_offer_loses_channel_binding_mechanisms)
{
    fake.auth = WIRE_AUTH_SASL;
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    size_t want = 0;
    for (int i = 0; i < 2000; i++) {
        pump(1);
        client_read(fd, acc);
        if (evbuffer_get_length(acc) >= 5) {
            uint8_t h[5];
            evbuffer_copyout(acc, h, 5);
            want = 1 + be32(h + 1);
            if (evbuffer_get_length(acc) >= want)
                break;
        }
    }
    cr_assert(want > 0 && evbuffer_get_length(acc) >= want);
    uint8_t *msg = evbuffer_pullup(acc, (ev_ssize_t)want);
    cr_assert_eq(msg[0], 'R');
    struct wire_sasl_mechs m;
    cr_assert(wire_parse_sasl_mechs(msg, want, &m));
    cr_assert_eq(m.n, 1);
    cr_assert_str_eq(m.names[0], "SCRAM-SHA-256");
    cr_assert_eq(the_conn()->last_auth_code, WIRE_AUTH_SASL);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, server_last_words_reach_client_before_close)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    evbuffer_drain(acc, evbuffer_get_length(acc));
    client_query(fd, "die");
    size_t n;
    char *got = client_read_until_closed(fd, &n);
    cr_assert(n > 0 && got[0] == 'E', "the server's FATAL was lost");
    cr_assert(memmem(got, n, "C57P01", 6) != NULL);
    cr_assert(memmem(got, n, "terminating connection", 22) != NULL);
    pump(10);
    cr_assert_eq(proxy->nconns, 0, "conn not reaped after the server left");
    free(got);
    evbuffer_free(acc);
    close(fd);
}

Test(relay, client_terminate_reaches_server_and_conn_is_reaped)
{
    int fd = client_connect();
    struct evbuffer *acc = evbuffer_new();
    client_wait_ready(fd, acc);
    cr_assert_eq(fake.conns, 1);
    const uint8_t term[5] = {'X', 0, 0, 0, 4};
    client_send(fd, term, sizeof term);
    close(fd);
    for (int i = 0; i < 2000 && (proxy->nconns > 0 || fake_conns != NULL); i++)
        pump(1);
    cr_assert_eq(proxy->nconns, 0);
    cr_assert_null(fake_conns, "the server never saw Terminate/EOF");
    cr_assert_eq(proxy->stats.conns_by_state[CONN_IDLE], 0);
    cr_assert_eq(proxy->stats.conns_by_state[CONN_CLOSING], 0);
    evbuffer_free(acc);
}
