/* Unit tests for proxy/tls.c: contexts from config, and real handshakes
 * between a server SSL and a client SSL over a socketpair (no network),
 * with throwaway certificates made by the openssl CLI. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#include "proxy/config.h"
#include "proxy/tls.h"

static char dir[64];
static struct config cfg;
static char err[1024];

static char *path_in(const char *name)
{
    static char bufs[8][160];
    static int next;
    char *p = bufs[next++ % 8];
    snprintf(p, sizeof(bufs[0]), "%s/%s", dir, name);
    return p;
}

static void run(const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof(full), "cd %s && (%s) >cmd.log 2>&1", dir, cmd);
    int rc = system(full);
    cr_assert_eq(rc, 0, "failed: %s (see %s/cmd.log)", cmd, dir);
}

/* ca.pem signs server.pem (SAN db.test and 127.0.0.1); other-ca.pem is an
 * unrelated CA. EC keys keep generation quick. */
static void setup(void)
{
    snprintf(dir, sizeof(dir), "/tmp/cutover-tls-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    const char *ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2";
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "openssl req -x509 %s -keyout ca.key -out ca.pem -subj /CN=test-ca",
             ec);
    run(cmd);
    snprintf(cmd, sizeof(cmd),
             "openssl req -x509 %s -keyout other-ca.key -out other-ca.pem -subj /CN=other-ca", ec);
    run(cmd);
    snprintf(cmd, sizeof(cmd),
             "openssl req -x509 %s -CA ca.pem -CAkey ca.key -keyout server.key -out server.pem "
             "-subj /CN=db.test -addext subjectAltName=DNS:db.test,IP:127.0.0.1 "
             "-addext basicConstraints=critical,CA:FALSE",
             ec);
    run(cmd);
    run("printf 'not a certificate\\n' > garbage.pem");
    cr_assert(config_init_defaults(&cfg));
    err[0] = '\0';
}

static void teardown(void)
{
    config_free(&cfg);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

TestSuite(tls, .init = setup, .fini = teardown);

static void set(const char *section, const char *key, const char *value)
{
    cr_assert(config_set(&cfg, section, key, value, err, sizeof(err)), "%s", err);
}

static SSL_CTX *server_ctx(void)
{
    set("tls", "cert_file", path_in("server.pem"));
    set("tls", "key_file", path_in("server.key"));
    SSL_CTX *ctx = tls_server_ctx_new(&cfg, err, sizeof(err));
    cr_assert_not_null(ctx, "%s", err);
    return ctx;
}

struct outcome {
    bool client_ok;       /* client finished its handshake */
    bool server_ok;       /* server finished its handshake */
    char client_err[512]; /* tls_handshake_error when the client failed */
    char servername[64];  /* SNI the server saw, "" for none */
    char echoed[16];      /* what the server read after the handshake */
};

static void nonblock(int fd)
{
    cr_assert_eq(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
}

/* Drives both ends of a handshake in turn until both finish or one fails;
 * bounded by steps, not time. */
static struct outcome handshake(const char *host)
{
    struct outcome o;
    memset(&o, 0, sizeof(o));
    SSL_CTX *sctx = server_ctx();
    SSL_CTX *cctx = tls_client_ctx_new(&cfg, err, sizeof(err));
    cr_assert_not_null(cctx, "%s", err);
    int sv[2];
    cr_assert_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    nonblock(sv[0]);
    nonblock(sv[1]);
    SSL *s = SSL_new(sctx);
    SSL *c = tls_client_ssl_new(cctx, &cfg, host);
    cr_assert_not_null(s);
    cr_assert_not_null(c);
    SSL_set_fd(s, sv[0]);
    SSL_set_fd(c, sv[1]);
    SSL_set_accept_state(s);
    SSL_set_connect_state(c);

    bool c_failed = false, s_failed = false;
    for (int step = 0; step < 1000 && !(o.client_ok && o.server_ok) && !c_failed; step++) {
        if (!o.client_ok && !c_failed) {
            int r = SSL_do_handshake(c);
            if (r == 1) {
                o.client_ok = true;
            } else {
                int e = SSL_get_error(c, r);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    c_failed = true;
                    tls_handshake_error(c, o.client_err, sizeof(o.client_err));
                }
            }
        }
        if (!o.server_ok && !s_failed) {
            int r = SSL_do_handshake(s);
            if (r == 1) {
                o.server_ok = true;
            } else {
                int e = SSL_get_error(s, r);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    s_failed = true;
                    ERR_clear_error();
                }
            }
        }
    }
    if (o.client_ok && o.server_ok) {
        const char *sn = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);
        snprintf(o.servername, sizeof(o.servername), "%s", sn ? sn : "");
        cr_assert_eq(SSL_write(c, "hello", 5), 5);
        int n = -1;
        for (int step = 0; step < 100 && n <= 0; step++)
            n = SSL_read(s, o.echoed, sizeof(o.echoed) - 1);
        cr_assert_eq(n, 5);
        cr_assert_geq(SSL_version(c), TLS1_2_VERSION);
    }
    SSL_free(s);
    SSL_free(c);
    SSL_CTX_free(sctx);
    SSL_CTX_free(cctx);
    close(sv[0]);
    close(sv[1]);
    return o;
}

/* ---- server context ---- */

Test(tls, server_ctx_not_configured_is_null_without_error)
{
    strcpy(err, "stale");
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "");
}

Test(tls, server_ctx_builds_with_tls12_minimum)
{
    SSL_CTX *ctx = server_ctx();
    cr_assert_eq(SSL_CTX_get_min_proto_version(ctx), TLS1_2_VERSION);
    cr_assert_not_null(SSL_CTX_get0_certificate(ctx));
    SSL_CTX_free(ctx);
}

Test(tls, server_ctx_bad_cert_path_names_the_file)
{
    set("tls", "cert_file", "/nonexistent/cert.pem");
    set("tls", "key_file", path_in("server.key"));
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err,
                     "cannot read certificate '/nonexistent/cert.pem': No such file or directory");
}

Test(tls, server_ctx_garbage_cert_and_mismatched_key)
{
    char want[512];
    set("tls", "cert_file", path_in("garbage.pem"));
    set("tls", "key_file", path_in("server.key"));
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    snprintf(want, sizeof(want), "certificate '%s': ", path_in("garbage.pem"));
    cr_assert_eq(strncmp(err, want, strlen(want)), 0, "%s", err);
    cr_assert_gt(strlen(err), strlen(want), "the OpenSSL reason follows: %s", err);
    cr_assert_eq(ERR_peek_error(), 0, "the error queue was drained");

    set("tls", "cert_file", path_in("server.pem"));
    set("tls", "key_file", path_in("ca.key"));
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    snprintf(want, sizeof(want), "private key '%s' for certificate '%s': key values mismatch",
             path_in("ca.key"), path_in("server.pem"));
    cr_assert_str_eq(err, want);
}

Test(tls, server_ctx_refuses_a_directory)
{
    set("tls", "cert_file", dir);
    set("tls", "key_file", path_in("server.key"));
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    char want[256];
    snprintf(want, sizeof(want), "certificate '%s' is not a regular file", dir);
    cr_assert_str_eq(err, want);
}

Test(tls, server_ctx_needs_both_files)
{
    set("tls", "cert_file", path_in("server.pem"));
    cr_assert_null(tls_server_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "[tls] cert_file and key_file must be set together");
}

/* ---- client context and handshakes ---- */

Test(tls, client_ctx_disable_is_null_without_error)
{
    set("backend", "sslmode", "disable");
    strcpy(err, "stale");
    cr_assert_null(tls_client_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "");
}

Test(tls, client_ctx_verify_needs_root_cert)
{
    set("backend", "sslmode", "verify-ca");
    cr_assert_null(tls_client_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "sslmode verify-ca needs sslrootcert");
    set("backend", "sslrootcert", "/nonexistent/ca.pem");
    cr_assert_null(tls_client_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "cannot read sslrootcert '/nonexistent/ca.pem': No such file or "
                          "directory");
}

Test(tls, verify_full_right_name_succeeds_with_sni)
{
    set("backend", "sslmode", "verify-full");
    set("backend", "sslrootcert", path_in("ca.pem"));
    struct outcome o = handshake("db.test");
    cr_assert(o.client_ok && o.server_ok, "%s", o.client_err);
    cr_assert_str_eq(o.servername, "db.test");
    cr_assert_str_eq(o.echoed, "hello");
}

Test(tls, verify_full_wrong_name_fails)
{
    set("backend", "sslmode", "verify-full");
    set("backend", "sslrootcert", path_in("ca.pem"));
    struct outcome o = handshake("other.test");
    cr_assert_not(o.client_ok);
    cr_assert_str_eq(o.client_err, "certificate verify failed: hostname mismatch");
}

Test(tls, verify_full_ip_address_checked_without_sni)
{
    set("backend", "sslmode", "verify-full");
    set("backend", "sslrootcert", path_in("ca.pem"));
    struct outcome o = handshake("127.0.0.1");
    cr_assert(o.client_ok && o.server_ok, "%s", o.client_err);
    cr_assert_str_eq(o.servername, "", "no SNI for an IP literal");
    o = handshake("127.0.0.2");
    cr_assert_not(o.client_ok);
    cr_assert_str_eq(o.client_err, "certificate verify failed: IP address mismatch");
}

Test(tls, verify_ca_checks_chain_not_name)
{
    set("backend", "sslmode", "verify-ca");
    set("backend", "sslrootcert", path_in("ca.pem"));
    struct outcome o = handshake("other.test");
    cr_assert(o.client_ok && o.server_ok, "%s", o.client_err);

    set("backend", "sslrootcert", path_in("other-ca.pem"));
    o = handshake("db.test");
    cr_assert_not(o.client_ok);
    cr_assert_str_eq(o.client_err,
                     "certificate verify failed: unable to get local issuer certificate");
}

Test(tls, require_and_prefer_do_not_verify)
{
    set("backend", "sslmode", "require");
    struct outcome o = handshake("other.test");
    cr_assert(o.client_ok && o.server_ok, "%s", o.client_err);
    cr_assert_str_eq(o.echoed, "hello");
    set("backend", "sslmode", "prefer");
    set("backend", "sslrootcert", path_in("other-ca.pem"));
    o = handshake("other.test");
    cr_assert(o.client_ok && o.server_ok, "%s", o.client_err);
}

Test(tls, client_certificate_is_loaded)
{
    set("backend", "sslmode", "require");
    set("backend", "sslcert", path_in("server.pem"));
    set("backend", "sslkey", path_in("server.key"));
    SSL_CTX *ctx = tls_client_ctx_new(&cfg, err, sizeof(err));
    cr_assert_not_null(ctx, "%s", err);
    cr_assert_not_null(SSL_CTX_get0_certificate(ctx));
    SSL_CTX_free(ctx);

    set("backend", "sslkey", path_in("other-ca.key"));
    cr_assert_null(tls_client_ctx_new(&cfg, err, sizeof(err)));
    cr_assert(strstr(err, "other-ca.key' for certificate") && strstr(err, "key values mismatch"),
              "%s", err);
    set("backend", "sslkey", "");
    cr_assert_null(tls_client_ctx_new(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "[backend] sslcert and sslkey must be set together");
}

Test(tls, error_string_drains_queue)
{
    char buf[256];
    ERR_clear_error();
    cr_assert_str_eq(tls_error_string(buf, sizeof(buf)), "unknown TLS error");
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    cr_assert_eq(SSL_CTX_use_certificate_file(ctx, path_in("garbage.pem"), SSL_FILETYPE_PEM), 0);
    cr_assert_neq(ERR_peek_error(), 0);
    tls_error_string(buf, sizeof(buf));
    cr_assert_str_neq(buf, "unknown TLS error");
    cr_assert_eq(ERR_peek_error(), 0);
    char tiny[8];
    cr_assert_eq(SSL_CTX_use_certificate_file(ctx, path_in("garbage.pem"), SSL_FILETYPE_PEM), 0);
    tls_error_string(tiny, sizeof(tiny));
    cr_assert_lt(strlen(tiny), sizeof(tiny));
    SSL_CTX_free(ctx);
}
