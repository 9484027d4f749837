/*
 * test_passthrough.c: SCRAM pass-through inside the proxy (proxy/passthrough.c),
 * in process: a raw client runs SCRAM against cutoverd, and a fake backend
 * runs the server end of proxy/scram_crypto.c with the same verifier, so the
 * test sees what each side received: the backend is connected only after
 * the client proved its password, it recovers the very ClientKey the session
 * holds, a Query the client pipelines behind its SASLResponse waits for
 * ReadyForQuery, and a wrong password is refused (28P01) before any backend
 * connection. The carry-over's login shim logs in with the same key, once
 * per token.
 */
#include <criterion/criterion.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/listener.h>

#include "protocol/messages.h"
#include "protocol/scram.h"
#include "protocol/startup.h"
#include "protocol/wire.h"
#include "protocol/writer.h"
#include "proxy/conn.h"
#include "proxy/loginshim.h"
#include "proxy/passthrough.h"
#include "proxy/proxy.h"
#include "proxy/scram_crypto.h"
#include "proxy/scram_login.h"

#include "harness.h"

static const uint8_t salt[16] = "saltsaltsaltsalt";

/* ---- the fake backend: a SCRAM server holding the verifier ---- */

struct fake {
    struct scram_verifier verifier; /* what the server stores */
    unsigned conns;                 /* connections accepted */
    char seen[16];                  /* message types received, in order ('0' = startup) */
    size_t nseen;
    uint8_t recovered[SCRAM_KEY_LEN]; /* the ClientKey it recovered */
    bool logged_in;
    struct bufferevent *bev;  /* the one connection */
    struct scram_server *srv; /* its exchange */
};

static struct fake fake;
static struct harness hs;

static void fake_note(char t)
{
    if (fake.nseen < sizeof fake.seen - 1)
        fake.seen[fake.nseen++] = t;
}

static void fake_send(struct wire_writer *w)
{
    cr_assert(wire_writer_ok(w));
    bufferevent_write(fake.bev, w->buf, w->len);
    wire_writer_reset(w);
}

static void fake_read_cb(struct bufferevent *bev, void *arg)
{
    (void)arg;
    struct evbuffer *in = bufferevent_get_input(bev);
    struct wire_writer w;
    wire_writer_init(&w);
    for (;;) {
        size_t avail = evbuffer_get_length(in);
        if (fake.nseen == 0) { /* the startup packet */
            uint8_t hdr[4];
            if (avail < 4 || avail < be32((evbuffer_copyout(in, hdr, 4), hdr)))
                break;
            evbuffer_drain(in, be32(hdr));
            fake_note('0');
            static const char *const mechs[] = {SCRAM_MECH};
            wire_build_auth_sasl(&w, mechs, 1);
            fake_send(&w);
            continue;
        }
        uint8_t hdr[5];
        if (avail < 5)
            break;
        evbuffer_copyout(in, hdr, 5);
        size_t total = 1 + be32(hdr + 1);
        if (avail < total)
            break;
        const uint8_t *msg = evbuffer_pullup(in, (ev_ssize_t)total);
        fake_note((char)msg[0]);
        if (msg[0] == 'p' && fake.srv != NULL && fake.nseen == 2) {
            const char *mech;
            const uint8_t *data;
            int32_t n;
            cr_assert(wire_parse_sasl_initial(msg, total, &mech, &data, &n));
            char *sf;
            size_t sf_len;
            cr_assert_eq(
                scram_server_first(fake.srv, mech, (const char *)data, (size_t)n, &sf, &sf_len),
                SCRAM_RES_OK);
            wire_build_auth_sasl_continue(&w, (const uint8_t *)sf, sf_len);
            free(sf);
        } else if (msg[0] == 'p' && fake.srv != NULL) {
            const uint8_t *data;
            size_t n;
            cr_assert(scram_parse_sasl_response(msg, total, &data, &n));
            char *sf;
            size_t sf_len;
            cr_assert_eq(
                scram_server_final(fake.srv, (const char *)data, n, &sf, &sf_len, fake.recovered),
                SCRAM_RES_OK);
            fake.logged_in = true;
            wire_build_auth_sasl_final(&w, (const uint8_t *)sf, sf_len);
            free(sf);
            wire_build_auth_ok(&w);
            wire_build_parameter_status(&w, "server_version", "15.0");
            wire_build_backend_key(&w, 42, 43);
            wire_build_ready(&w, 'I');
        } else if (msg[0] == 'Q') {
            wire_build_empty_query(&w);
            wire_build_ready(&w, 'I');
        }
        evbuffer_drain(in, total);
        if (w.len)
            fake_send(&w);
    }
    wire_writer_free(&w);
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
    fake.conns++;
    fake.bev = bufferevent_socket_new(evconnlistener_get_base(l), fd, BEV_OPT_CLOSE_ON_FREE);
    fake.srv = scram_server_new("alice", &fake.verifier, NULL, NULL, 0);
    bufferevent_setcb(fake.bev, fake_read_cb, NULL, fake_event_cb, NULL);
    bufferevent_enable(fake.bev, EV_READ | EV_WRITE);
}

/* ---- fixture ---- */

static char authfile[64];

static void setup(void)
{
    memset(&fake, 0, sizeof fake);
    cr_assert(scram_verifier_from_password("right", salt, sizeof salt, 4096, &fake.verifier));
    char *text = scram_format_verifier(&fake.verifier);
    snprintf(authfile, sizeof authfile, "/tmp/cutover-pt-test.XXXXXX");
    int fd = mkstemp(authfile);
    cr_assert(fd >= 0);
    dprintf(fd, "\"alice\" \"%s\"\n", text);
    close(fd);
    free(text);
    const char *extra[] = {"auth", "file", authfile, NULL};
    harness_start(&hs, fake_accept_cb, NULL, NULL, extra);
    cr_assert_not_null(hs.proxy->auth);
}

static void teardown(void)
{
    if (fake.bev)
        bufferevent_free(fake.bev);
    scram_server_free(fake.srv);
    harness_stop(&hs);
    unlink(authfile);
}

TestSuite(passthrough, .init = setup, .fini = teardown, .timeout = 30);

/* ---- the client ---- */

static int client_connect(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin =
        loopback(bound_port(evconnlistener_get_fd(hs.proxy->listeners[ROUTE_PRODUCTION])));
    cr_assert(connect(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    static const struct wire_startup_param params[] = {{"user", "alice"}, {"database", "db"}};
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, params, 2);
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    return fd;
}

/* Pumps until one whole message is there; returns it (malloc'd) and its length. */
static uint8_t *client_next(int fd, struct evbuffer *acc, size_t *len)
{
    for (int i = 0; i < 3000; i++) {
        uint8_t buf[4096];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n > 0)
            evbuffer_add(acc, buf, (size_t)n);
        size_t avail = evbuffer_get_length(acc);
        if (avail >= 5) {
            uint8_t hdr[5];
            evbuffer_copyout(acc, hdr, 5);
            size_t total = 1 + be32(hdr + 1);
            if (avail >= total) {
                uint8_t *m = malloc(total);
                evbuffer_remove(acc, m, total);
                *len = total;
                return m;
            }
        }
        harness_pump(&hs, 1);
    }
    cr_assert_fail("no message from the proxy");
    return NULL;
}

static int32_t auth_code(const uint8_t *m, size_t len, const uint8_t **data, size_t *dlen)
{
    int32_t code;
    cr_assert(wire_parse_auth(m, len, &code, data, dlen), "not an Authentication message: %c",
              m[0]);
    return code;
}

/* Runs the client's SASL exchange up to sending its SASLResponse, with
 * `extra` bytes in the same write. Returns the client end (for the final
 * signature). */
static struct scram_client *client_sasl(int fd, struct evbuffer *acc, const char *password,
                                        const uint8_t *extra, size_t extra_len)
{
    size_t len, dlen;
    const uint8_t *data;
    uint8_t *m = client_next(fd, acc, &len);
    cr_assert_eq(auth_code(m, len, &data, &dlen), WIRE_AUTH_SASL);
    struct wire_sasl_mechs mechs;
    cr_assert(wire_parse_sasl_mechs(m, len, &mechs));
    cr_assert_eq(mechs.n, 1); /* plaintext client: no -PLUS */
    cr_assert_str_eq(mechs.names[0], SCRAM_MECH);
    free(m);

    struct scram_client *cl = scram_client_new_password(password, NULL, 0);
    char *cf;
    size_t cf_len;
    cr_assert_eq(scram_client_first(cl, &cf, &cf_len), SCRAM_RES_OK);
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_sasl_initial(&w, SCRAM_MECH, (const uint8_t *)cf, cf_len);
    free(cf);
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_reset(&w);

    m = client_next(fd, acc, &len);
    cr_assert_eq(auth_code(m, len, &data, &dlen), WIRE_AUTH_SASL_CONTINUE);
    cr_assert_eq(fake.conns, 0, "the backend was connected before the client proved anything");
    char *fin;
    size_t fin_len;
    cr_assert_eq(scram_client_final(cl, (const char *)data, dlen, &fin, &fin_len), SCRAM_RES_OK);
    free(m);
    wire_build_sasl_response(&w, (const uint8_t *)fin, fin_len);
    free(fin);
    if (extra)
        wire_put_bytes(&w, extra, extra_len);
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    return cl;
}

Test(passthrough, client_key_reaches_the_server_and_pipelined_query_waits)
{
    struct evbuffer *acc = evbuffer_new();
    int fd = client_connect();
    struct wire_writer q;
    wire_writer_init(&q);
    wire_build_query(&q, "SELECT 1");
    struct scram_client *cl = client_sasl(fd, acc, "right", q.buf, q.len);
    wire_writer_free(&q);

    size_t len, dlen;
    const uint8_t *data;
    uint8_t *m = client_next(fd, acc, &len);
    cr_assert_eq(auth_code(m, len, &data, &dlen), WIRE_AUTH_SASL_FINAL);
    cr_assert_eq(scram_client_verify_server(cl, (const char *)data, dlen), SCRAM_RES_OK);
    free(m);
    /* Then the server's startup, AuthenticationOk first; the pipelined
     * Query is answered after ReadyForQuery. */
    const char want[] = {'R', 'S', 'K', 'Z', 'I', 'Z'};
    for (size_t i = 0; i < sizeof want; i++) {
        m = client_next(fd, acc, &len);
        cr_assert_eq(m[0], want[i], "message %zu: got %c, want %c", i, m[0], want[i]);
        if (i == 0)
            cr_assert_eq(auth_code(m, len, &data, &dlen), WIRE_AUTH_OK);
        free(m);
    }
    /* The backend saw the startup, cutoverd's own two SASL messages, then
     * the Query; and recovered the ClientKey the session holds, which is
     * the password's. */
    cr_assert_str_eq(fake.seen, "0ppQ");
    cr_assert(fake.logged_in);
    struct conn *c = TAILQ_FIRST(&hs.proxy->conns);
    const struct scram_keys *k = passthrough_keys(c);
    cr_assert_not_null(k);
    cr_assert_arr_eq(fake.recovered, k->client_key, SCRAM_KEY_LEN);
    uint8_t salted[SCRAM_KEY_LEN], ck[SCRAM_KEY_LEN];
    cr_assert(scram_salted_password("right", 5, salt, sizeof salt, 4096, salted));
    cr_assert(scram_client_key(salted, ck));
    cr_assert_arr_eq(ck, k->client_key, SCRAM_KEY_LEN);
    scram_client_free(cl);
    close(fd);
    evbuffer_free(acc);
}

Test(passthrough, wrong_password_is_refused_before_any_backend_connection)
{
    struct evbuffer *acc = evbuffer_new();
    int fd = client_connect();
    struct scram_client *cl = client_sasl(fd, acc, "wrong", NULL, 0);
    size_t len;
    uint8_t *m = client_next(fd, acc, &len);
    cr_assert_eq(m[0], 'E');
    cr_assert(memmem(m, len, "C28P01", 7) != NULL);
    cr_assert(memmem(m, len, "password authentication failed for user \"alice\"", 47) != NULL);
    free(m);
    for (int i = 0; i < 50; i++)
        harness_pump(&hs, 1);
    cr_assert_eq(fake.conns, 0);
    scram_client_free(cl);
    close(fd);
    evbuffer_free(acc);
}

/* ---- the carry-over's login shim (proxy/loginshim.c) ---- */

static int shim_connect(const char *dir, const char *token)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s/.s.PGSQL.%s", dir, LOGINSHIM_PORT);
    cr_assert(connect(fd, (struct sockaddr *)&sun, sizeof sun) == 0);
    fcntl(fd, F_SETFL, O_NONBLOCK);
    static const struct wire_startup_param params[] = {{"user", "alice"}, {"database", "db"}};
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_startup(&w, params, 2);
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_reset(&w);
    struct evbuffer *acc = evbuffer_new();
    size_t len, dlen;
    const uint8_t *data;
    uint8_t *m = client_next(fd, acc, &len);
    cr_assert_eq(auth_code(m, len, &data, &dlen), WIRE_AUTH_CLEARTEXT);
    free(m);
    evbuffer_free(acc);
    wire_build_password(&w, token);
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    return fd;
}

Test(passthrough, login_shim_logs_in_with_the_key_once_per_token)
{
    struct scram_keys keys;
    keys.verifier = fake.verifier;
    uint8_t salted[SCRAM_KEY_LEN];
    cr_assert(scram_salted_password("right", 5, salt, sizeof salt, 4096, salted));
    cr_assert(scram_client_key(salted, keys.client_key));
    char dir[128], token[LOGINSHIM_TOKEN_LEN + 1], err[256];
    cr_assert(loginshim_register(hs.proxy, &keys, dir, sizeof dir, token, err, sizeof err), "%s",
              err);
    struct stat st;
    cr_assert(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "shim directory mode %o",
              st.st_mode & 0777);

    struct evbuffer *acc = evbuffer_new();
    int fd = shim_connect(dir, token);
    const char want[] = {'R', 'S', 'K', 'Z'};
    for (size_t i = 0; i < sizeof want; i++) {
        size_t len;
        uint8_t *m = client_next(fd, acc, &len);
        cr_assert_eq(m[0], want[i], "message %zu: got %c, want %c", i, m[0], want[i]);
        free(m);
    }
    cr_assert(fake.logged_in);
    cr_assert_arr_eq(fake.recovered, keys.client_key, SCRAM_KEY_LEN);
    cr_assert_str_eq(fake.seen, "0pp");
    /* Then bytes both ways. */
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_query(&w, "SELECT 1");
    cr_assert(write(fd, w.buf, w.len) == (ssize_t)w.len);
    wire_writer_free(&w);
    size_t len;
    uint8_t *m = client_next(fd, acc, &len);
    cr_assert_eq(m[0], 'I');
    free(m);
    close(fd);
    evbuffer_drain(acc, evbuffer_get_length(acc)); /* its ReadyForQuery */

    /* The token opened one login: used again, or a wrong one, is refused. */
    const char *again[] = {token, "0123"};
    for (size_t i = 0; i < 2; i++) {
        fd = shim_connect(dir, again[i]);
        m = client_next(fd, acc, &len);
        cr_assert_eq(m[0], 'E');
        cr_assert(memmem(m, len, "C28P01", 7) != NULL);
        cr_assert(memmem(m, len, "unknown or expired login token", 30) != NULL);
        free(m);
        close(fd);
        evbuffer_drain(acc, evbuffer_get_length(acc));
    }
    cr_assert_eq(fake.conns, 1);
    evbuffer_free(acc);
}
