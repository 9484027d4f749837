/*
 * test_secret.c: secrets moved through evbuffers leave no copy behind
 * (proxy/secret.h), the password is kept only where the carry-over can use
 * it (conn_password_useful), and core dumps can be switched off.
 */
#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "proxy/config.h"
#include "proxy/conn.h"
#include "proxy/proxy.h"
#include "proxy/secret.h"

static void keep(const void *data, size_t len, void *extra)
{
    (void)data;
    (void)len;
    (void)extra;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/* The input's chunks are our own arrays (references), so that what
 * secret_take leaves in them after the drain can be read back. */
Test(secret, take_wipes_every_chunk_it_read)
{
    uint8_t a[] = "p\0\0\0\x16sec", b[] = "ret_pass", c[] = "word\0Qnext";
    struct evbuffer *in = evbuffer_new();
    cr_assert(evbuffer_add_reference(in, a, 8, keep, NULL) == 0);
    cr_assert(evbuffer_add_reference(in, b, 8, keep, NULL) == 0);
    cr_assert(evbuffer_add_reference(in, c, 10, keep, NULL) == 0);
    uint8_t *msg = NULL;
    cr_assert(secret_take(in, 21, &msg));
    cr_assert(memcmp(msg, "p\0\0\0\x16secret_password", 21) == 0);
    cr_assert(all_zero(a, 8));
    cr_assert(all_zero(b, 8));
    cr_assert(all_zero(c, 5));
    cr_assert(memcmp(c + 5, "Qnext", 5) == 0, "bytes after the message are untouched");
    cr_assert_eq(evbuffer_get_length(in), 5);
    secret_free(msg, 21);
    evbuffer_free(in);
}

Test(secret, take_many_chunks)
{
    enum { N = 40 };
    uint8_t parts[N][2];
    struct evbuffer *in = evbuffer_new();
    for (int i = 0; i < N; i++) {
        parts[i][0] = (uint8_t)('a' + i % 26);
        parts[i][1] = 'x';
        cr_assert(evbuffer_add_reference(in, parts[i], 2, keep, NULL) == 0);
    }
    uint8_t *msg = NULL;
    cr_assert(secret_take(in, 2 * N, &msg));
    for (int i = 0; i < N; i++) {
        cr_assert_eq(msg[2 * i], 'a' + i % 26);
        cr_assert(all_zero(parts[i], 2));
    }
    cr_assert_eq(evbuffer_get_length(in), 0);
    secret_free(msg, 2 * N);
    evbuffer_free(in);
}

Test(secret, take_needs_the_whole_message)
{
    struct evbuffer *in = evbuffer_new();
    evbuffer_add(in, "abc", 3);
    uint8_t *msg = (uint8_t *)"untouched";
    cr_assert_not(secret_take(in, 4, &msg));
    cr_assert_null(msg);
    cr_assert_eq(evbuffer_get_length(in), 3);
    evbuffer_free(in);
}

Test(secret, send_is_a_reference_and_reads_back)
{
    struct evbuffer *out = evbuffer_new();
    evbuffer_add(out, "before", 6);
    cr_assert(secret_send_copy(out, "p-secret", 8));
    evbuffer_add(out, "after", 5);
    char got[19];
    cr_assert_eq(evbuffer_remove(out, got, sizeof got), 19);
    cr_assert(memcmp(got, "beforep-secretafter", 19) == 0);
    /* Still queued at free: wiped and freed by the callback (ASan: no leak). */
    cr_assert(secret_send_copy(out, "queued", 6));
    evbuffer_free(out);
}

Test(secret, password_kept_only_where_the_carry_over_can_use_it)
{
    struct config cfg;
    memset(&cfg, 0, sizeof cfg);
    struct proxy p;
    memset(&p, 0, sizeof p);
    p.cfg = &cfg;
    struct conn c;
    memset(&c, 0, sizeof c);
    c.proxy = &p;

    cfg.backend_dialect = CONFIG_DIALECT_MATERIALIZE;
    c.route = ROUTE_PRODUCTION;
    cr_assert(conn_password_useful(&c));
    c.route = ROUTE_DEPLOY;
    cr_assert_not(conn_password_useful(&c), "no carry-over on the deploy route");
    c.route = ROUTE_PREVIOUS;
    cr_assert_not(conn_password_useful(&c), "no carry-over on the previous route");
    c.route = ROUTE_PRODUCTION;
    c.scram = (struct passthrough *)&c; /* any non-NULL: a SCRAM pass-through session */
    cr_assert_not(conn_password_useful(&c), "the carry-over logs in with the ClientKey");
    c.scram = NULL;
    cfg.backend_dialect = CONFIG_DIALECT_POSTGRES;
    cr_assert_not(conn_password_useful(&c), "no SUBSCRIBE carry-over on PostgreSQL");

    cfg.backend_dialect = CONFIG_DIALECT_MATERIALIZE;
    cr_assert(conn_keep_password(&c, "hunter2"));
    cr_assert_str_eq(c.password, "hunter2");
    conn_forget_password(&c);
    cr_assert_null(c.password);
    cr_assert_eq(c.password_len, 0);
    conn_forget_password(&c); /* twice is fine */
}

Test(secret, core_dumps_disabled)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        char err[256];
        if (!secret_disable_core_dumps(err, sizeof err))
            _exit(2);
        struct rlimit rl;
        if (getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur != 0 || rl.rlim_max != 0)
            _exit(3);
        _exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 ? 0 : 4);
    }
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status));
    cr_assert_eq(WEXITSTATUS(status), 0, "child exit %d", WEXITSTATUS(status));
}
