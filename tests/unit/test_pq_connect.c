/*
 * test_pq_connect.c: libpq connections whose host name is looked up with
 * evdns first (proxy/pq_connect.h). A name server on the test's own loop
 * (libevent's evdns server) answers late, never, or "no such name", so the
 * loop can be seen running while a lookup waits; no real DNS is asked.
 */
#include "proxy/pq_connect.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <event2/dns.h>
#include <event2/dns_struct.h>
#include <event2/event.h>
#include <event2/util.h>

/* ---- a name server on the loop ---- */

#define MAX_HELD 8

struct fake_dns {
    struct event_base *base;
    struct evdns_server_port *port;
    evutil_socket_t fd;
    struct evdns_base *client; /* asks only the fake server */
    struct evdns_server_request *held[MAX_HELD];
    int nheld;
    struct event *release; /* answers the held "slow." requests */
    int asked;             /* requests the server saw */
};

/* Names come in mixed case (evdns randomizes it): compared without case. */
static void answer(struct evdns_server_request *req)
{
    struct evdns_server_question *q = req->questions[0];
    if (strncasecmp(q->name, "nx.", 3) == 0) {
        evdns_server_request_respond(req, DNS_ERR_NOTEXIST);
        return;
    }
    if (q->type == EVDNS_TYPE_A) {
        struct in_addr a;
        inet_pton(AF_INET, "127.0.0.1", &a);
        evdns_server_request_add_a_reply(req, q->name, 1, &a, 10);
    }
    evdns_server_request_respond(req, DNS_ERR_NONE); /* AAAA: no address */
}

static void release_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct fake_dns *d = arg;
    for (int i = 0; i < d->nheld; i++)
        answer(d->held[i]);
    d->nheld = 0;
}

static void server_cb(struct evdns_server_request *req, void *arg)
{
    struct fake_dns *d = arg;
    d->asked++;
    const char *name = req->nquestions > 0 ? req->questions[0]->name : "";
    if (strncasecmp(name, "never.", 6) == 0) {
        evdns_server_request_drop(req);
    } else if (strncasecmp(name, "slow.", 5) == 0 && d->nheld < MAX_HELD) {
        d->held[d->nheld++] = req;
        struct timeval tv = {0, 200 * 1000};
        evtimer_add(d->release, &tv);
    } else {
        answer(req);
    }
}

static void fake_dns_init(struct fake_dns *d)
{
    memset(d, 0, sizeof *d);
    d->base = event_base_new();
    cr_assert_not_null(d->base);
    d->fd = socket(AF_INET, SOCK_DGRAM, 0);
    cr_assert(d->fd >= 0);
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    cr_assert_eq(bind(d->fd, (struct sockaddr *)&sin, sizeof sin), 0);
    socklen_t len = sizeof sin;
    cr_assert_eq(getsockname(d->fd, (struct sockaddr *)&sin, &len), 0);
    evutil_make_socket_nonblocking(d->fd);
    d->port = evdns_add_server_port_with_base(d->base, d->fd, 0, server_cb, d);
    cr_assert_not_null(d->port);
    d->release = evtimer_new(d->base, release_cb, d);
    d->client = evdns_base_new(d->base, 0); /* no resolv.conf, no /etc/hosts */
    cr_assert_not_null(d->client);
    cr_assert_eq(evdns_base_nameserver_sockaddr_add(d->client, (struct sockaddr *)&sin, len, 0), 0);
    evdns_base_set_option(d->client, "timeout:", "5");
}

static void fake_dns_free(struct fake_dns *d)
{
    for (int i = 0; i < d->nheld; i++)
        evdns_server_request_drop(d->held[i]);
    evdns_base_free(d->client, 0);
    evdns_close_server_port(d->port);
    event_free(d->release);
    event_base_loop(d->base, EVLOOP_NONBLOCK); /* what the frees deferred */
    event_base_free(d->base);
    close(d->fd);
}

/* ---- what the callback saw ---- */

struct outcome {
    struct event_base *base;
    int calls;
    int ticks_before; /* the ticker's count when the callback ran */
    int *ticks;
    char host[64];
    char hostaddr[64];
    char app[64];
    char error[256];
    bool had_conn;
};

static void done_cb(void *arg, PGconn *conn, const char *error)
{
    struct outcome *o = arg;
    o->calls++;
    o->ticks_before = o->ticks ? *o->ticks : 0;
    o->had_conn = conn != NULL;
    if (error)
        snprintf(o->error, sizeof o->error, "%s", error);
    if (conn) {
        snprintf(o->host, sizeof o->host, "%s", PQhost(conn) ? PQhost(conn) : "");
        snprintf(o->hostaddr, sizeof o->hostaddr, "%s", PQhostaddr(conn) ? PQhostaddr(conn) : "");
        PQconninfoOption *opts = PQconninfo(conn);
        for (PQconninfoOption *i = opts; i && i->keyword; i++)
            if (strcmp(i->keyword, "application_name") == 0 && i->val)
                snprintf(o->app, sizeof o->app, "%s", i->val);
        PQconninfoFree(opts);
        PQfinish(conn);
    }
    if (o->base)
        event_base_loopbreak(o->base);
}

static void tick_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (*(int *)arg)++;
}

static void stop_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    event_base_loopbreak(arg);
}

/* ---- tests ---- */

Test(pq_connect, which_hosts_are_looked_up)
{
    cr_assert(pq_connect_needs_lookup("db.example.com", false));
    cr_assert(pq_connect_needs_lookup("localhost", false));
    cr_assert_not(pq_connect_needs_lookup("db.example.com", true), "hostaddr given");
    cr_assert_not(pq_connect_needs_lookup(NULL, false));
    cr_assert_not(pq_connect_needs_lookup("", false));
    cr_assert_not(pq_connect_needs_lookup("/var/run/postgresql", false), "a socket directory");
    cr_assert_not(pq_connect_needs_lookup("@abstract", false), "an abstract socket");
    cr_assert_not(pq_connect_needs_lookup("a.example,b.example", false), "a list: libpq's");
    cr_assert_not(pq_connect_needs_lookup("127.0.0.1", false));
    cr_assert_not(pq_connect_needs_lookup("::1", false));
}

Test(pq_connect, nothing_to_look_up_starts_at_once)
{
    struct fake_dns d;
    fake_dns_init(&d);
    struct outcome o = {0};
    const char *const keys[] = {"application_name", NULL};
    const char *const vals[] = {"later wins", NULL};
    struct pq_connect *pc = pq_connect_start(
        d.client, "host=127.0.0.1 port=1 application_name=first", keys, vals, done_cb, &o);
    cr_assert_null(pc, "answered before returning");
    cr_assert_eq(o.calls, 1);
    cr_assert(o.had_conn);
    cr_assert_str_eq(o.host, "127.0.0.1");
    cr_assert_str_eq(o.app, "later wins");
    cr_assert_eq(d.asked, 0, "no lookup for a numeric host");
    fake_dns_free(&d);
}

Test(pq_connect, slow_name_is_looked_up_while_the_loop_runs)
{
    struct fake_dns d;
    fake_dns_init(&d);
    int ticks = 0;
    struct event *ticker = event_new(d.base, -1, EV_PERSIST, tick_cb, &ticks);
    struct timeval ten_ms = {0, 10 * 1000};
    event_add(ticker, &ten_ms);
    struct outcome o = {.base = d.base, .ticks = &ticks};
    const char *const keys[] = {"application_name", NULL};
    const char *const vals[] = {"cutover test", NULL};
    struct pq_connect *pc = pq_connect_start(
        d.client, "host=slow.test port=1 dbname=x connect_timeout=1", keys, vals, done_cb, &o);
    cr_assert_not_null(pc, "the lookup waits for the name server");
    cr_assert_eq(o.calls, 0, "nothing started before the answer");
    event_base_dispatch(d.base); /* until done_cb */
    cr_assert_eq(o.calls, 1);
    cr_assert(o.ticks_before > 0, "the loop ran other events while the name was looked up");
    cr_assert(o.had_conn, "%s", o.error);
    cr_assert_str_eq(o.host, "slow.test", "host stays: TLS checks the name");
    cr_assert_str_eq(o.hostaddr, "127.0.0.1", "libpq got the looked-up address");
    cr_assert_str_eq(o.app, "cutover test");
    event_free(ticker);
    fake_dns_free(&d);
}

Test(pq_connect, unknown_name_is_an_error_without_a_connection)
{
    struct fake_dns d;
    fake_dns_init(&d);
    struct outcome o = {.base = d.base};
    struct pq_connect *pc =
        pq_connect_start(d.client, "host=nx.test port=5432", NULL, NULL, done_cb, &o);
    if (pc != NULL)
        event_base_dispatch(d.base);
    cr_assert_eq(o.calls, 1);
    cr_assert_not(o.had_conn);
    cr_assert(strstr(o.error, "could not resolve host \"nx.test\"") != NULL, "%s", o.error);
    fake_dns_free(&d);
}

Test(pq_connect, cancel_while_looking_up_never_calls_back)
{
    struct fake_dns d;
    fake_dns_init(&d);
    struct outcome o = {0};
    struct pq_connect *pc =
        pq_connect_start(d.client, "postgresql://never.test:5432/x", NULL, NULL, done_cb, &o);
    cr_assert_not_null(pc);
    struct timeval tv = {0, 100 * 1000};
    event_base_once(d.base, -1, EV_TIMEOUT, stop_cb, d.base, &tv);
    event_base_dispatch(d.base); /* the server saw the question; no answer */
    cr_assert(d.asked > 0);
    cr_assert_eq(o.calls, 0, "no answer yet");
    pq_connect_cancel(pc);
    /* libevent calls back for the cancel from the loop: the handle is freed
     * then (ASan's leak check), and the owner is not called */
    event_base_once(d.base, -1, EV_TIMEOUT, stop_cb, d.base, &tv);
    event_base_dispatch(d.base);
    cr_assert_eq(o.calls, 0);
    fake_dns_free(&d);
}
