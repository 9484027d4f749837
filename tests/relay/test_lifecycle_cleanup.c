/*
 * test_lifecycle_cleanup.c: the lifecycle's before_cleanup hook over a real
 * proxy. On a PostgreSQL backend, whose DROP waits behind open transactions,
 * cleanup ends every session on the deploy and previous routes (their
 * `_dbt_deploy` names are about to be dropped), however many there are: more
 * than the 1024 a fixed list once held, as max_client_conn allows. On
 * Materialize it ends none: the server answers them (docs/admin.md).
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <event2/listener.h>

#include "control/lifecycle.h"
#include "proxy/conn.h"
#include "proxy/proxy.h"

#include "harness.h"

#define SUFFIXED_SESSIONS   1100 /* past the old fixed limit of 1024 */
#define PRODUCTION_SESSIONS 10

static struct harness hs;

static void no_backend(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *a, int alen,
                       void *arg)
{
    (void)l;
    (void)a;
    (void)alen;
    (void)arg;
    close(fd);
}

static void setup(void)
{
    static const char *const extra[] = {"deployment",      "schemas", "analytics", "proxy",
                                        "max_client_conn", "5000",    NULL};
    harness_start(&hs, no_backend, NULL, NULL, extra);
}

static void teardown(void)
{
    harness_stop(&hs);
}

/* A conn on route `r` over one end of a socketpair (the peer end is kept by
 * the caller so the conn's socket stays open). */
static struct conn *conn_on(enum route r, int *peer)
{
    int sv[2];
    cr_assert(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair: %s", strerror(errno));
    struct conn *c = conn_new(hs.proxy, sv[0], NULL, 0);
    cr_assert_not_null(c);
    c->route = r;
    *peer = sv[1];
    return c;
}

static void resumed(void *arg)
{
    *(bool *)arg = true;
}

TestSuite(lifecycle_cleanup, .init = setup, .fini = teardown, .timeout = 60);

/* Runs the before_cleanup hook until it lets the cleanup go on. */
static struct lifecycle *run_before_cleanup(void)
{
    struct lifecycle *l = lifecycle_new(hs.proxy);
    cr_assert_not_null(l);
    bool resumed_op = false;
    l->hooks.before_cleanup(l->hooks.arg, resumed, &resumed_op);
    for (int i = 0; i < 100 && !resumed_op; i++)
        harness_pump(&hs, 1);
    cr_assert(resumed_op, "cleanup was not let go on");
    return l;
}

Test(lifecycle_cleanup, materialize_ends_no_session)
{
    static int peers[4];
    conn_on(ROUTE_DEPLOY, &peers[0]);
    conn_on(ROUTE_PREVIOUS, &peers[1]);
    conn_on(ROUTE_PRODUCTION, &peers[2]);
    hs.proxy->cfg->backend_dialect = CONFIG_DIALECT_MATERIALIZE;
    struct lifecycle *l = run_before_cleanup();
    size_t live = 0;
    struct conn *c;
    TAILQ_FOREACH(c, &hs.proxy->conns, link)
    {
        cr_assert_neq(c->state, CONN_CLOSING, "C-%llu on %s was ended", (unsigned long long)c->id,
                      route_name(c->route));
        live++;
    }
    cr_assert_eq(live, 3);
    lifecycle_free(l);
    for (size_t i = 0; i < 3; i++)
        close(peers[i]);
}

Test(lifecycle_cleanup, ends_every_suffixed_session_past_1024)
{
    static int peers[SUFFIXED_SESSIONS + PRODUCTION_SESSIONS];
    size_t n = 0;
    for (size_t i = 0; i < SUFFIXED_SESSIONS; i++, n++)
        conn_on(i % 2 ? ROUTE_DEPLOY : ROUTE_PREVIOUS, &peers[n]);
    for (size_t i = 0; i < PRODUCTION_SESSIONS; i++, n++)
        conn_on(ROUTE_PRODUCTION, &peers[n]);

    hs.proxy->cfg->backend_dialect = CONFIG_DIALECT_POSTGRES;
    struct lifecycle *l = run_before_cleanup();

    size_t ended = 0, kept = 0;
    struct conn *c;
    TAILQ_FOREACH(c, &hs.proxy->conns, link)
    {
        if (c->route != ROUTE_PRODUCTION) {
            cr_assert_eq(c->state, CONN_CLOSING, "C-%llu on %s was not ended",
                         (unsigned long long)c->id, route_name(c->route));
            ended++;
        } else {
            cr_assert_neq(c->state, CONN_CLOSING, "a production session was ended");
            kept++;
        }
    }
    /* The ended ones may already be reaped; the production ones are all there. */
    cr_assert_eq(kept, PRODUCTION_SESSIONS);
    cr_assert_leq(ended, SUFFIXED_SESSIONS);
    size_t live = 0;
    TAILQ_FOREACH(c, &hs.proxy->conns, link)
    {
        if (c->state != CONN_CLOSING)
            live++;
    }
    cr_assert_eq(live, PRODUCTION_SESSIONS, "%zu sessions still live", live);
    lifecycle_free(l);
    for (size_t i = 0; i < n; i++)
        close(peers[i]);
}
