/*
 * test_runs.c: the relay's runs of pass-through messages, the backend
 * loop's (relay_backend_run in proxy/relay.c) and the client loop's
 * (relay_client_run). A fake server logs the session in and then answers
 * nothing, keeping what it receives: the test writes the server's answer
 * (or the client's messages) into the proxy's input itself, cut into chunks
 * where it chooses (a header split between two chunks, one byte per chunk,
 * a message cut short), calls relay_backend_input() or relay_client_input()
 * as the conn's reader would, and checks what the other side receives and
 * what the session's state became. The runs must move the same bytes with
 * the same effects as one message at a time did.
 */
#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "protocol/messages.h"
#include "protocol/startup.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/conn.h"
#include "proxy/proxy.h"
#include "proxy/relay.h"

#include "harness.h"

/* ---- a fake server that logs in and then only listens ---- */

struct fake {
    unsigned queries;     /* Query messages received */
    struct evbuffer *got; /* every message received after the startup */
    struct bufferevent *bev;
    bool started;
};

static struct fake fake;
static struct harness hs;

static void fake_read_cb(struct bufferevent *bev, void *arg)
{
    (void)arg;
    struct evbuffer *in = bufferevent_get_input(bev);
    for (;;) {
        size_t avail = evbuffer_get_length(in);
        uint8_t hdr[8];
        if (!fake.started) {
            if (avail < 8)
                return;
            evbuffer_copyout(in, hdr, 8);
            if (avail < be32(hdr))
                return;
            evbuffer_drain(in, be32(hdr));
            fake.started = true;
            struct wire_writer w;
            wire_writer_init(&w);
            wire_build_auth_ok(&w);
            wire_build_backend_key(&w, 1234, 5678);
            wire_build_ready(&w, 'I');
            cr_assert(wire_writer_ok(&w));
            bufferevent_write(bev, w.buf, w.len);
            wire_writer_free(&w);
            continue;
        }
        if (avail < 5)
            return;
        evbuffer_copyout(in, hdr, 5);
        size_t total = 1 + (size_t)be32(hdr + 1);
        if (avail < total)
            return;
        if (hdr[0] == 'Q')
            fake.queries++;
        evbuffer_remove_buffer(in, fake.got, total); /* the answer is the test's to write */
    }
}

static void fake_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    (void)what;
    (void)arg;
}

static void fake_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *a,
                           int alen, void *arg)
{
    (void)a;
    (void)alen;
    (void)arg;
    cr_assert_null(fake.bev, "a second backend connection");
    fake.bev = bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
    bufferevent_setcb(fake.bev, fake_read_cb, NULL, fake_event_cb, NULL);
    bufferevent_enable(fake.bev, EV_READ | EV_WRITE);
}

static void setup_with(const char *const *extra)
{
    memset(&fake, 0, sizeof fake);
    fake.got = evbuffer_new();
    static const char *const defaults[] = {"proxy", "buffer_limit", "64kB", NULL};
    harness_start(&hs, fake_accept_cb, NULL, defaults, extra);
}

/* The default dialect, materialize: SUBSCRIBE carry-over tracks statements. */
static void setup(void)
{
    setup_with(NULL);
}

/* PostgreSQL: nothing tracks statements, so Query and Parse may join a run. */
static void setup_postgres(void)
{
    static const char *const extra[] = {"backend", "dialect", "postgres", NULL};
    setup_with(extra);
}

/* PostgreSQL with a deployment: the deploy route renames analytics. */
static void setup_postgres_deploy(void)
{
    static const char *const extra[] = {"backend", "dialect",   "postgres", "deployment",
                                        "schemas", "analytics", NULL};
    setup_with(extra);
}

static void teardown(void)
{
    if (fake.bev)
        bufferevent_free(fake.bev);
    harness_stop(&hs);
    evbuffer_free(fake.got);
}

TestSuite(backend_runs, .init = setup, .fini = teardown, .timeout = 60);

/* ---- the client ---- */

static const struct wire_startup_param production_params[] = {{"user", "alice"},
                                                              {"database", "db"}};

static int client_connect(const struct wire_startup_param *params, size_t nparams)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin =
        loopback(bound_port(evconnlistener_get_fd(hs.proxy->listeners[ROUTE_PRODUCTION])));
    cr_assert(connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, params, nparams);
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}

/* Reads what is there (non-blocking) into `acc`; false once the proxy closed. */
static bool client_read(int fd, struct evbuffer *acc)
{
    uint8_t buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n == 0)
            return false;
        if (n < 0)
            return true;
        evbuffer_add(acc, buf, (size_t)n);
    }
}

/* Pumps until the client holds `n` bytes (or the proxy closed it). */
static void client_collect(int fd, struct evbuffer *acc, size_t n)
{
    for (int i = 0; i < 5000 && evbuffer_get_length(acc) < n; i++) {
        harness_pump(&hs, 1);
        if (!client_read(fd, acc))
            break;
    }
}

/* Pumps until the client has read through the login's ReadyForQuery. */
static void client_wait_ready(int fd)
{
    struct evbuffer *acc = evbuffer_new();
    for (int i = 0; i < 5000; i++) {
        harness_pump(&hs, 1);
        client_read(fd, acc);
        size_t n = evbuffer_get_length(acc);
        const uint8_t *p = evbuffer_pullup(acc, -1);
        if (n >= 6 && p[n - 6] == 'Z' && be32(p + n - 5) == 5) {
            evbuffer_free(acc);
            return;
        }
    }
    cr_assert_fail("the client never got ReadyForQuery");
}

/* A logged-in session, IDLE, started with `params`. */
static struct conn *idle_session_as(int *fd, const struct wire_startup_param *params,
                                    size_t nparams)
{
    *fd = client_connect(params, nparams);
    struct conn *c = NULL;
    for (int i = 0; i < 5000; i++) {
        harness_pump(&hs, 1);
        c = TAILQ_FIRST(&hs.proxy->conns);
        if (c != NULL && c->state == CONN_IDLE)
            break;
    }
    cr_assert(c != NULL && c->state == CONN_IDLE, "the session never logged in");
    client_wait_ready(*fd);
    return c;
}

/* A logged-in session started with `params` and one Query in flight
 * (ACTIVE, one Sync pending): the fake server has it and will not answer;
 * what it received so far is forgotten. */
static struct conn *active_session_as(int *fd, const struct wire_startup_param *params,
                                      size_t nparams)
{
    struct conn *c = idle_session_as(fd, params, nparams);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, "select");
    cr_assert(wire_writer_ok(&w));
    cr_assert(write(*fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    for (int i = 0; i < 5000 && fake.queries == 0; i++)
        harness_pump(&hs, 1);
    cr_assert_eq(fake.queries, 1);
    cr_assert_eq(c->state, CONN_ACTIVE);
    cr_assert_eq(c->pending_sync, 1);
    evbuffer_drain(fake.got, evbuffer_get_length(fake.got));
    return c;
}

static struct conn *active_session(int *fd)
{
    return active_session_as(fd, production_params, 2);
}

/* ---- the server's answer, written into the proxy ---- */

static void free_chunk(const void *data, size_t len, void *arg)
{
    (void)len;
    (void)arg;
    free((void *)data);
}

/* Appends `p` to the input of `bev` (one of c's) as chunks cut at the
 * ascending offsets `cuts`, each its own evbuffer chain (a reference, which
 * libevent never appends to), as reads that ended at those bytes would
 * leave them. */
static void inject_into(struct bufferevent *bev, const uint8_t *p, size_t n, const size_t *cuts,
                        size_t ncuts)
{
    struct evbuffer *in = bufferevent_get_input(bev);
    /* The bufferevent freezes its input's end; the conn's reader unfreezes
     * it around a read (proxy/conn.c), and so does this. */
    evbuffer_unfreeze(in, 0);
    size_t at = 0;
    for (size_t i = 0; i <= ncuts; i++) {
        size_t end = i < ncuts ? cuts[i] : n;
        cr_assert(end >= at && end <= n);
        if (end > at) {
            uint8_t *copy = malloc(end - at);
            cr_assert_not_null(copy);
            memcpy(copy, p + at, end - at);
            cr_assert_eq(evbuffer_add_reference(in, copy, end - at, free_chunk, NULL), 0);
        }
        at = end;
    }
    evbuffer_freeze(in, 0);
}

/* Into c's backend input, as the server's answer. */
static void inject(struct conn *c, const uint8_t *p, size_t n, const size_t *cuts, size_t ncuts)
{
    inject_into(c->backend, p, n, cuts, ncuts);
}

static void inject_whole(struct conn *c, const struct wire_writer *w)
{
    inject(c, w->buf, w->len, NULL, 0);
}

/* Checks that the client received exactly `want`, in order. */
static void client_expect(int fd, const uint8_t *want, size_t n)
{
    struct evbuffer *acc = evbuffer_new();
    client_collect(fd, acc, n);
    cr_assert_eq(evbuffer_get_length(acc), n, "client got %zu bytes, want %zu",
                 evbuffer_get_length(acc), n);
    cr_assert(memcmp(evbuffer_pullup(acc, -1), want, n) == 0, "the bytes differ");
    evbuffer_free(acc);
}

static void put_bind_complete(struct wire_writer *w)
{
    wire_begin(w, WIRE_B_BIND_COMPLETE);
    wire_end(w);
}

static void put_row(struct wire_writer *w, size_t len)
{
    static uint8_t bytes[4096];
    memset(bytes, 'r', sizeof bytes);
    cr_assert(len <= sizeof bytes);
    struct wire_column col = {bytes, (int32_t)len};
    wire_build_data_row(w, &col, 1);
}

static void put_copy_out(struct wire_writer *w)
{
    wire_begin(w, WIRE_B_COPY_OUT);
    wire_put_u8(w, 0);  /* text */
    wire_put_i16(w, 1); /* one column */
    wire_put_i16(w, 0); /* in text */
    wire_end(w);
}

/* What the server answers pgbench's pipeline of ten prepared selects:
 * BindComplete, DataRow, CommandComplete ten times, then ReadyForQuery. */
static void put_pipeline_answer(struct wire_writer *w)
{
    for (int i = 0; i < 10; i++) {
        put_bind_complete(w);
        put_row(w, 6);
        wire_build_command_complete(w, "SELECT 1");
    }
    wire_build_ready(w, 'I');
}

static size_t backend_run(struct conn *c, size_t room)
{
    return relay_backend_run(c, bufferevent_get_input(c->backend), room);
}

/* ---- the tests ---- */

Test(backend_runs, pipeline_answer_across_chunks_is_one_run)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_pipeline_answer(&w);
    cr_assert(wire_writer_ok(&w));
    /* Four chunks: BindComplete (5 bytes) and two bytes of the DataRow's
     * header; the rest of that header and on; one byte; the rest. */
    const size_t cuts[] = {7, 120, 121};
    inject(c, w.buf, w.len, cuts, 3);
    /* Everything up to ReadyForQuery, which the relay reads. */
    cr_assert_eq(backend_run(c, SIZE_MAX), w.len - 6);
    uint64_t before = c->bytes_out;

    relay_backend_input(c);
    cr_assert_eq(c->be_remaining, 0);
    cr_assert_eq(evbuffer_get_length(bufferevent_get_input(c->backend)), 0);
    cr_assert_eq(c->bytes_out - before, w.len);
    cr_assert_eq(c->state, CONN_IDLE, "ReadyForQuery after the run was not handled");
    cr_assert_eq(c->pending_sync, 0);
    client_expect(fd, w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* More chunks than a run looks at, down to headers in five: the loop goes on
 * run after run, and one message at a time where a header is past them. */
Test(backend_runs, one_byte_chunks_arrive_intact)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_pipeline_answer(&w);
    cr_assert(wire_writer_ok(&w));
    size_t *cuts = calloc(w.len, sizeof *cuts);
    for (size_t i = 0; i < w.len - 1; i++)
        cuts[i] = i + 1;
    inject(c, w.buf, w.len, cuts, w.len - 1);
    free(cuts);
    /* Four one-byte chunks hold no whole header. */
    cr_assert_eq(backend_run(c, SIZE_MAX), 0);

    relay_backend_input(c);
    cr_assert_eq(c->state, CONN_IDLE);
    cr_assert_eq(c->be_remaining, 0);
    client_expect(fd, w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

Test(backend_runs, run_ending_in_a_partial_message_streams_its_rest)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_row(&w, 100);
    put_row(&w, 100);
    put_row(&w, 1000);
    size_t rows = w.len;
    wire_build_command_complete(&w, "SELECT 3");
    wire_build_ready(&w, 'I');
    cr_assert(wire_writer_ok(&w));

    /* The third row cut short: the run counts it whole. */
    size_t first = rows - 500;
    const size_t cuts[] = {50};
    inject(c, w.buf, first, cuts, 1);
    cr_assert_eq(backend_run(c, SIZE_MAX), rows);
    relay_backend_input(c);
    cr_assert_eq(c->be_remaining, 500, "be_remaining %zu", c->be_remaining);
    cr_assert_eq(c->state, CONN_ACTIVE);

    /* Its rest, CommandComplete and three bytes of ReadyForQuery's header. */
    size_t second = w.len - first - 3;
    inject(c, w.buf + first, second, NULL, 0);
    relay_backend_input(c);
    cr_assert_eq(c->be_remaining, 0);
    cr_assert_eq(evbuffer_get_length(bufferevent_get_input(c->backend)), 3);
    cr_assert_eq(c->state, CONN_ACTIVE);

    inject(c, w.buf + first + second, 3, NULL, 0);
    relay_backend_input(c);
    cr_assert_eq(c->state, CONN_IDLE);
    client_expect(fd, w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* ParameterStatus, ErrorResponse and ReadyForQuery end a run and are handled
 * as before, in order. */
Test(backend_runs, run_stops_at_messages_the_relay_reads)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_row(&w, 10);
    wire_build_command_complete(&w, "SELECT 1");
    size_t run1 = w.len;
    wire_build_parameter_status(&w, "application_name", "runs");
    put_row(&w, 10);
    wire_build_error(&w, "ERROR", "42P01", "relation does not exist", NULL, NULL);
    wire_build_ready(&w, 'I');
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    cr_assert_eq(backend_run(c, SIZE_MAX), run1);
    uint64_t errors = hs.proxy->stats.errors;

    relay_backend_input(c);
    cr_assert_str_eq(conn_get_param(c, "application_name"), "runs");
    cr_assert_eq(hs.proxy->stats.errors, errors + 1);
    cr_assert_eq(c->state, CONN_IDLE);
    cr_assert_eq(c->pending_sync, 0);
    client_expect(fd, w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* The COPY state follows each message of a run in order, as if one by one. */
Test(backend_runs, copy_state_follows_each_message_of_a_run)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer all, w;
    wire_writer_init(&all);
    wire_writer_init(&w);
    static const uint8_t line[] = "1\tone\n";

    /* CopyOutResponse, CopyData, CopyData: in COPY after the run. */
    put_copy_out(&w);
    wire_build_copy_data(&w, line, sizeof line - 1);
    wire_build_copy_data(&w, line, sizeof line - 1);
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    wire_put_bytes(&all, w.buf, w.len);
    relay_backend_input(c);
    cr_assert(c->in_copy, "CopyOutResponse inside a run was not noted");
    wire_writer_reset(&w);

    /* CopyDone, CommandComplete: out of it. */
    wire_build_copy_done(&w);
    wire_build_command_complete(&w, "COPY 2");
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    wire_put_bytes(&all, w.buf, w.len);
    relay_backend_input(c);
    cr_assert(!c->in_copy, "CommandComplete inside a run was not noted");
    wire_writer_reset(&w);

    /* One run with both, each order: the last one counts. */
    wire_build_command_complete(&w, "SELECT 1");
    put_copy_out(&w);
    wire_build_copy_data(&w, line, sizeof line - 1);
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    wire_put_bytes(&all, w.buf, w.len);
    cr_assert_eq(backend_run(c, SIZE_MAX), w.len);
    cr_assert(c->in_copy);
    relay_backend_input(c);
    cr_assert(c->in_copy);
    wire_writer_reset(&w);

    wire_build_copy_data(&w, line, sizeof line - 1);
    wire_build_copy_done(&w);
    wire_build_command_complete(&w, "COPY 1");
    put_copy_out(&w);
    wire_build_copy_done(&w);
    wire_build_command_complete(&w, "COPY 0");
    wire_build_ready(&w, 'I');
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    wire_put_bytes(&all, w.buf, w.len);
    cr_assert_eq(backend_run(c, SIZE_MAX), w.len - 6);
    cr_assert(!c->in_copy);
    relay_backend_input(c);
    cr_assert(!c->in_copy);
    cr_assert_eq(c->state, CONN_IDLE);

    cr_assert(wire_writer_ok(&all));
    client_expect(fd, all.buf, all.len);
    wire_writer_free(&w);
    wire_writer_free(&all);
    close(fd);
}

/* A run ends before a bad header; the messages before it reach the client,
 * then the relay reports the header as it always did. */
Test(backend_runs, bad_header_after_a_run_fails_the_session_as_before)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_row(&w, 10);
    put_row(&w, 10);
    size_t good = w.len;
    cr_assert(wire_writer_ok(&w));
    const uint8_t junk[] = {'~', 0, 0, 0, 8, 1, 2, 3, 4};
    inject(c, w.buf, good, NULL, 0);
    /* Its header split over two chunks. */
    inject(c, junk, sizeof junk, (const size_t[]){2}, 1);
    cr_assert_eq(backend_run(c, SIZE_MAX), good);

    relay_backend_input(c);
    cr_assert_eq(c->state, CONN_CLOSING);
    struct evbuffer *acc = evbuffer_new();
    for (int i = 0; i < 5000 && client_read(fd, acc); i++)
        harness_pump(&hs, 1);
    size_t n = evbuffer_get_length(acc);
    const uint8_t *got = evbuffer_pullup(acc, -1);
    cr_assert(n > good, "no error after the rows");
    cr_assert(memcmp(got, w.buf, good) == 0, "the rows before the bad header differ");
    cr_assert_eq(got[good], 'E');
    cr_assert(memmem(got + good, n - good, "C08P01", 6) != NULL);
    static const char why[] = "invalid message from server: invalid message type";
    cr_assert(memmem(got + good, n - good, why, strlen(why)) != NULL);
    evbuffer_free(acc);
    wire_writer_free(&w);
    close(fd);
}

/* The scan judges each header as the relay does: a length under 4 or over
 * max_message_size ends the run before it. */
Test(backend_runs, run_stops_before_malformed_and_oversized_headers)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct evbuffer *in = bufferevent_get_input(c->backend);
    struct wire_writer w;
    wire_writer_init(&w);
    put_row(&w, 10);
    cr_assert(wire_writer_ok(&w));
    size_t row = w.len;

    const uint8_t malformed[] = {'D', 0, 0, 0, 3};
    inject(c, w.buf, row, NULL, 0);
    inject(c, malformed, sizeof malformed, NULL, 0);
    cr_assert_eq(backend_run(c, SIZE_MAX), row);
    evbuffer_drain(in, evbuffer_get_length(in));

    const uint8_t oversized[] = {'D', 0x10, 0, 0, 0}; /* 256 MB, over the 64 MB default */
    inject(c, w.buf, row, NULL, 0);
    inject(c, w.buf, row, NULL, 0);
    inject(c, oversized, sizeof oversized, NULL, 0);
    cr_assert_eq(backend_run(c, SIZE_MAX), 2 * row);
    evbuffer_drain(in, evbuffer_get_length(in));
    wire_writer_free(&w);
    close(fd);
}

/* A message starts only while the client's output is under buffer_limit:
 * the run ends at the first one that would start at or past `room`. */
Test(backend_runs, run_starts_no_message_past_the_room)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_row(&w, 100);
    size_t row = w.len;
    put_row(&w, 100);
    put_row(&w, 100);
    cr_assert(wire_writer_ok(&w));
    inject_whole(c, &w);
    cr_assert_eq(backend_run(c, 1), row);
    cr_assert_eq(backend_run(c, row), row);
    cr_assert_eq(backend_run(c, row + 1), 2 * row);
    cr_assert_eq(backend_run(c, 3 * row), 3 * row);
    struct evbuffer *in = bufferevent_get_input(c->backend);
    evbuffer_drain(in, evbuffer_get_length(in));
    wire_writer_free(&w);
    close(fd);
}

/* ---- the client loop's runs ---- */

TestSuite(client_runs, .init = setup_postgres, .fini = teardown, .timeout = 60);
TestSuite(client_runs_tracked, .init = setup, .fini = teardown, .timeout = 60);
TestSuite(client_runs_renamed, .init = setup_postgres_deploy, .fini = teardown, .timeout = 60);

static void put_bind(struct wire_writer *w, const char *statement)
{
    wire_begin(w, WIRE_F_BIND);
    wire_put_cstr(w, "");        /* the unnamed portal */
    wire_put_cstr(w, statement); /* of this statement */
    wire_put_i16(w, 0);          /* no parameter formats */
    wire_put_i16(w, 1);          /* one parameter */
    wire_put_i32(w, 1);
    wire_put_bytes(w, "7", 1);
    wire_put_i16(w, 0); /* results in text */
    wire_end(w);
}

static void put_execute(struct wire_writer *w)
{
    wire_begin(w, WIRE_F_EXECUTE);
    wire_put_cstr(w, "");
    wire_put_i32(w, 0); /* all rows */
    wire_end(w);
}

static void put_describe_portal(struct wire_writer *w)
{
    wire_begin(w, WIRE_F_DESCRIBE);
    wire_put_u8(w, 'P');
    wire_put_cstr(w, "");
    wire_end(w);
}

/* What pgbench -M prepared sends for a pipeline of ten selects. */
static void put_prepared_pipeline(struct wire_writer *w)
{
    for (int i = 0; i < 10; i++) {
        put_bind(w, "P0_1");
        put_execute(w);
    }
    wire_build_sync(w);
}

/* Into c's client input, as the client's messages. */
static void client_inject(struct conn *c, const struct wire_writer *w, const size_t *cuts,
                          size_t ncuts)
{
    inject_into(c->client, w->buf, w->len, cuts, ncuts);
}

static size_t client_run(struct conn *c, size_t room)
{
    return relay_client_run(c, bufferevent_get_input(c->client), room);
}

/* Checks that the server received exactly `want`, in order. */
/* The server's first n bytes are `want` (more may follow). */
static void server_expect_prefix(const uint8_t *want, size_t n)
{
    for (int i = 0; i < 5000 && evbuffer_get_length(fake.got) < n; i++)
        harness_pump(&hs, 1);
    cr_assert(evbuffer_get_length(fake.got) >= n, "server got %zu bytes, want %zu",
              evbuffer_get_length(fake.got), n);
    cr_assert(memcmp(evbuffer_pullup(fake.got, -1), want, n) == 0, "the bytes differ");
}

static void server_expect(const uint8_t *want, size_t n)
{
    server_expect_prefix(want, n);
    cr_assert_eq(evbuffer_get_length(fake.got), n, "server got %zu bytes, want %zu",
                 evbuffer_get_length(fake.got), n);
}

/* A pipeline sent while the session is ACTIVE moves as one run, its Sync
 * counted once, as it is measured (the caller streams what it returns). */
Test(client_runs, pipeline_is_one_run_and_its_sync_is_counted)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_prepared_pipeline(&w);
    cr_assert(wire_writer_ok(&w));
    const size_t cuts[] = {3, 40, 41};
    client_inject(c, &w, cuts, 3);

    size_t run = client_run(c, SIZE_MAX);
    cr_assert_eq(run, w.len, "run %zu of %zu bytes", run, w.len);
    cr_assert_eq(c->pending_sync, 2);
    uint64_t before = c->bytes_in;
    c->fe_remaining = run;
    relay_client_input(c);
    cr_assert_eq(c->fe_remaining, 0);
    cr_assert_eq(evbuffer_get_length(bufferevent_get_input(c->client)), 0);
    cr_assert_eq(c->bytes_in - before, w.len);
    cr_assert_eq(c->pending_sync, 2);
    cr_assert_eq(c->state, CONN_ACTIVE);
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* Where nothing renames or tracks statements, Query and Parse join a run
 * and are counted as statements, each Query and Sync once. */
Test(client_runs, statements_join_and_are_counted_once)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, "select 1");
    static const char sql[] = "select $1::int";
    wire_build_parse(&w, "s1", sql, sizeof sql - 1, 0, NULL);
    put_bind(&w, "s1");
    put_describe_portal(&w);
    put_execute(&w);
    wire_build_sync(&w);
    wire_build_query(&w, "select 2");
    cr_assert(wire_writer_ok(&w));
    uint64_t queries = hs.proxy->stats.queries;
    client_inject(c, &w, (const size_t[]){2}, 1);

    relay_client_input(c);
    cr_assert_eq(hs.proxy->stats.queries, queries + 3);
    cr_assert_eq(c->pending_sync, 1 + 3);
    cr_assert_eq(c->state, CONN_ACTIVE);
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* An IDLE session's first message goes through the barrier and the routing
 * table alone; the rest of what came with it then runs. */
Test(client_runs, an_idle_sessions_first_message_goes_alone)
{
    int fd;
    struct conn *c = idle_session_as(&fd, production_params, 2);
    struct wire_writer w;
    wire_writer_init(&w);
    put_prepared_pipeline(&w);
    cr_assert(wire_writer_ok(&w));
    client_inject(c, &w, NULL, 0);
    cr_assert_eq(client_run(c, SIZE_MAX), 0);
    cr_assert_eq(c->pending_sync, 0);

    relay_client_input(c);
    cr_assert_eq(c->state, CONN_ACTIVE);
    cr_assert_eq(c->pending_sync, 1);
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* CopyDone and Terminate change the session's state: each ends a run and is
 * handled alone, in order. */
Test(client_runs, copy_done_and_terminate_end_a_run)
{
    int fd;
    struct conn *c = active_session(&fd);
    /* The server asks for COPY data. */
    struct wire_writer g;
    wire_writer_init(&g);
    wire_begin(&g, WIRE_B_COPY_IN);
    wire_put_u8(&g, 0);
    wire_put_i16(&g, 1);
    wire_put_i16(&g, 0);
    wire_end(&g);
    cr_assert(wire_writer_ok(&g));
    inject(c, g.buf, g.len, NULL, 0);
    relay_backend_input(c);
    cr_assert(c->in_copy);

    static const uint8_t line[] = "1\tone\n";
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_copy_data(&w, line, sizeof line - 1);
    wire_build_copy_data(&w, line, sizeof line - 1);
    size_t data = w.len;
    wire_build_copy_done(&w);
    wire_build_terminate(&w);
    cr_assert(wire_writer_ok(&w));
    client_inject(c, &w, NULL, 0);
    cr_assert_eq(client_run(c, SIZE_MAX), data);

    relay_client_input(c);
    cr_assert(!c->in_copy, "CopyDone after a run was not noted");
    cr_assert(c->terminated, "Terminate after CopyDone was not noted");
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    wire_writer_free(&g);
    close(fd);
}

/* A message starts only while the server's output is under buffer_limit. */
Test(client_runs, run_starts_no_message_past_the_room)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_bind(&w, "P0_1");
    size_t bind = w.len;
    put_execute(&w);
    size_t execute = w.len - bind;
    wire_build_sync(&w);
    cr_assert(wire_writer_ok(&w));
    client_inject(c, &w, NULL, 0);
    cr_assert_eq(client_run(c, 1), bind);
    cr_assert_eq(client_run(c, bind), bind);
    cr_assert_eq(client_run(c, bind + 1), bind + execute);
    struct evbuffer *in = bufferevent_get_input(c->client);
    evbuffer_drain(in, evbuffer_get_length(in));
    wire_writer_free(&w);
    close(fd);
}

/* A run ends before a bad header; the messages before it reach the server,
 * then the client hears the protocol violation as it always did. */
Test(client_runs, bad_header_after_a_run_fails_the_session_as_before)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_bind(&w, "P0_1");
    put_execute(&w);
    cr_assert(wire_writer_ok(&w));
    client_inject(c, &w, NULL, 0);
    const uint8_t junk[] = {'~', 0, 0, 0, 8, 1, 2, 3, 4};
    inject_into(c->client, junk, sizeof junk, (const size_t[]){3}, 1);
    cr_assert_eq(client_run(c, SIZE_MAX), w.len);
    /* That counted nothing: Bind and Execute are not statements. */
    cr_assert_eq(c->pending_sync, 1);

    c->fe_remaining = w.len;
    relay_client_input(c);
    cr_assert_eq(c->state, CONN_CLOSING);
    /* The run, then the proxy's own Terminate as it closes the session. */
    wire_build_terminate(&w);
    cr_assert(wire_writer_ok(&w));
    server_expect(w.buf, w.len);
    struct evbuffer *acc = evbuffer_new();
    for (int i = 0; i < 5000 && client_read(fd, acc); i++)
        harness_pump(&hs, 1);
    size_t n = evbuffer_get_length(acc);
    cr_assert(memmem(evbuffer_pullup(acc, -1), n, "C08P01", 6) != NULL, "no protocol violation");
    evbuffer_free(acc);
    wire_writer_free(&w);
    close(fd);
}

/* Where the SUBSCRIBE carry-over tracks statements (materialize), a Query
 * ends a run: it is read whole, one at a time. */
Test(client_runs_tracked, a_tracked_statement_ends_a_run)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_prepared_pipeline(&w);
    size_t pipeline = w.len;
    wire_build_query(&w, "select 1");
    cr_assert(wire_writer_ok(&w));
    client_inject(c, &w, NULL, 0);
    cr_assert_eq(client_run(c, SIZE_MAX), pipeline);
    cr_assert_eq(c->pending_sync, 2);

    c->fe_remaining = pipeline;
    relay_client_input(c);
    cr_assert_eq(c->pending_sync, 3);
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}

/* On a renaming route a Query ends a run and reaches the server renamed. */
Test(client_runs_renamed, a_renamed_statement_ends_a_run)
{
    static const struct wire_startup_param deploy[] = {
        {"user", "alice"}, {"database", "db"}, {"options", "-c cutover.route=deploy"}};
    int fd;
    struct conn *c = active_session_as(&fd, deploy, 3);
    cr_assert_eq(c->route, ROUTE_DEPLOY);
    struct wire_writer w, want;
    wire_writer_init(&w);
    wire_writer_init(&want);
    put_bind(&w, "P0_1");
    put_execute(&w);
    wire_build_sync(&w);
    size_t pipeline = w.len;
    wire_build_query(&w, "select * from analytics.t");
    cr_assert(wire_writer_ok(&w));
    wire_put_bytes(&want, w.buf, pipeline);
    wire_build_query(&want, "select * from analytics_dbt_deploy.t");
    cr_assert(wire_writer_ok(&want));
    client_inject(c, &w, NULL, 0);
    cr_assert_eq(client_run(c, SIZE_MAX), pipeline);

    c->fe_remaining = pipeline;
    relay_client_input(c);
    cr_assert_eq(c->pending_sync, 3);
    server_expect(want.buf, want.len);
    wire_writer_free(&w);
    wire_writer_free(&want);
    close(fd);
}

/* Where a deployment is configured, swap watching reads every statement on
 * the production route: one that is not a deployment swap still joins a
 * run (read in place, whole in one chunk); a swap, or a statement split
 * over two chunks, ends it and is admitted on its own. */
TestSuite(client_runs_watched, .init = setup_postgres_deploy, .fini = teardown, .timeout = 60);

static void put_parse(struct wire_writer *w, const char *sql)
{
    wire_build_parse(w, "", sql, strlen(sql), 0, NULL);
}

Test(client_runs_watched, statements_join_until_a_deployment_swap)
{
    int fd;
    struct conn *c = active_session(&fd);
    cr_assert_null(c->names);
    struct wire_writer w;
    wire_writer_init(&w);
    for (int i = 0; i < 3; i++) {
        put_parse(&w, "select $1::int as swap"); /* mentions swap: read, passes */
        put_bind(&w, "");
        put_describe_portal(&w);
        put_execute(&w);
    }
    wire_build_sync(&w);
    size_t pipeline = w.len;
    wire_build_query(&w, "alter schema analytics swap with analytics_dbt_deploy");
    cr_assert(wire_writer_ok(&w));
    uint64_t queries = hs.proxy->stats.queries;
    uint64_t swaps = hs.proxy->swapwatch.swaps_seen;
    client_inject(c, &w, NULL, 0);

    cr_assert_eq(client_run(c, SIZE_MAX), pipeline);
    cr_assert_eq(hs.proxy->stats.queries, queries + 3);
    cr_assert_eq(c->pending_sync, 2);
    cr_assert_eq(hs.proxy->swapwatch.swaps_seen, swaps, "the run read the swap");
    c->fe_remaining = pipeline;
    relay_client_input(c);
    /* The swap went through admission on its own: swap watching saw it. */
    cr_assert_eq(hs.proxy->swapwatch.swaps_seen, swaps + 1);
    server_expect_prefix(w.buf, pipeline);
    wire_writer_free(&w);
    close(fd);
}

Test(client_runs_watched, a_statement_split_over_chunks_ends_a_run)
{
    int fd;
    struct conn *c = active_session(&fd);
    struct wire_writer w;
    wire_writer_init(&w);
    put_bind(&w, "P0_1");
    put_execute(&w);
    size_t before = w.len;
    wire_build_query(&w, "select 1");
    cr_assert(wire_writer_ok(&w));
    /* The Query's body continues in a chunk of its own. */
    client_inject(c, &w, (const size_t[]){before + 8}, 1);
    cr_assert_eq(client_run(c, SIZE_MAX), before);

    c->fe_remaining = before;
    relay_client_input(c);
    cr_assert_eq(c->pending_sync, 2);
    server_expect(w.buf, w.len);
    wire_writer_free(&w);
    close(fd);
}
