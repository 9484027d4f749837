/*
 * test_scram_live.c: SCRAM pass-through's building blocks against real
 * peers (protocol/scram.c, protocol/saslprep.c, proxy/scram_crypto.c).
 *
 * - libpq (a real client) logs in to the server end over a socket: the
 *   server end recovers its ClientKey, and libpq accepts the server end's
 *   signature. Runs everywhere (no server needed).
 * - With CUTOVER_TEST_PG_DSN (a PostgreSQL superuser; scripts/test.sh's
 *   unit-live-servers stage sets it): verifiers read from pg_authid,
 *   passwords that need SASLprep hashed as PostgreSQL hashed them, and raw
 *   socket logins to PostgreSQL with a ClientKey and no password: one
 *   recovered from libpq's proof, without and with TLS channel binding
 *   (tls-server-end-point). Skipped cleanly without the DSN.
 *
 * Every role it creates is named scram15_<pid>_<n> and dropped at the end.
 */
#include "protocol/frame.h"
#include "protocol/messages.h"
#include "protocol/saslprep.h"
#include "protocol/scram.h"
#include "protocol/startup.h"
#include "proxy/scram_crypto.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define IO_TIMEOUT_S 10

/* ---- a tiny blocking wire connection, plain or TLS ---- */

struct pgsock {
    int fd;   /* connected socket */
    SSL *ssl; /* NULL when plain */
    SSL_CTX *ctx;
};

static void set_timeouts(int fd)
{
    struct timeval tv = {IO_TIMEOUT_S, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

static bool sock_write(struct pgsock *s, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n) {
        ssize_t k = s->ssl ? SSL_write(s->ssl, b, (int)n) : write(s->fd, b, n);
        if (k <= 0)
            return false;
        b += k;
        n -= (size_t)k;
    }
    return true;
}

static bool sock_read(struct pgsock *s, void *p, size_t n)
{
    uint8_t *b = p;
    while (n) {
        ssize_t k = s->ssl ? SSL_read(s->ssl, b, (int)n) : read(s->fd, b, n);
        if (k <= 0)
            return false;
        b += k;
        n -= (size_t)k;
    }
    return true;
}

/* Reads one typed message into a malloc'd buffer (header included). */
static uint8_t *read_msg(struct pgsock *s, size_t *len)
{
    uint8_t hdr[5];
    if (!sock_read(s, hdr, 5))
        return NULL;
    uint32_t l = (uint32_t)hdr[1] << 24 | (uint32_t)hdr[2] << 16 | (uint32_t)hdr[3] << 8 | hdr[4];
    if (l < 4 || l > 1 << 20)
        return NULL;
    uint8_t *m = malloc(l + 1);
    memcpy(m, hdr, 5);
    if (!sock_read(s, m + 5, l - 4)) {
        free(m);
        return NULL;
    }
    *len = l + 1;
    return m;
}

static bool send_writer(struct pgsock *s, struct wire_writer *w)
{
    bool ok = wire_writer_ok(w) && sock_write(s, w->buf, w->len);
    wire_writer_free(w);
    return ok;
}

static void sock_close(struct pgsock *s)
{
    if (s->ssl) {
        SSL_shutdown(s->ssl);
        SSL_free(s->ssl);
    }
    if (s->ctx)
        SSL_CTX_free(s->ctx);
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    s->ssl = NULL;
    s->ctx = NULL;
}

/* ---- the DSN and an admin connection ---- */

struct pg_target {
    char host[256];
    int port;
    char dbname[256];
    PGconn *admin; /* superuser, for roles and pg_authid */
};

static struct pg_target pg;
static int role_seq;
static char roles[16][64]; /* to drop at the end */
static int nroles;

static void need_pg(void)
{
    const char *dsn = getenv("CUTOVER_TEST_PG_DSN");
    if (!dsn || !*dsn)
        cr_skip_test("CUTOVER_TEST_PG_DSN not set");
    pg.admin = PQconnectdb(dsn);
    cr_assert_eq(PQstatus(pg.admin), CONNECTION_OK, "%s", PQerrorMessage(pg.admin));
    snprintf(pg.host, sizeof(pg.host), "%s", PQhost(pg.admin));
    pg.port = atoi(PQport(pg.admin));
    snprintf(pg.dbname, sizeof(pg.dbname), "%s", PQdb(pg.admin));
    PGresult *r = PQexec(pg.admin, "SET client_encoding = 'UTF8'; "
                                   "SET password_encryption = 'scram-sha-256'");
    cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(pg.admin));
    PQclear(r);
}

static void drop_roles(void)
{
    if (!pg.admin)
        return;
    for (int i = 0; i < nroles; i++) {
        char sql[256];
        /* DROP OWNED first: the role holds CONNECT on the database. */
        snprintf(sql, sizeof(sql), "DROP OWNED BY %.63s; DROP ROLE %.63s", roles[i], roles[i]);
        PGresult *r = PQexec(pg.admin, sql);
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            fprintf(stderr, "test_scram_live: could not drop role %s: %s", roles[i],
                    PQerrorMessage(pg.admin));
        PQclear(r);
    }
    nroles = 0;
    PQfinish(pg.admin);
    pg.admin = NULL;
}

/* Creates a login role with `password`; returns its name (static storage). */
static const char *create_role(const char *password)
{
    cr_assert_lt(nroles, 16);
    char *name = roles[nroles++];
    snprintf(name, 64, "scram15_%d_%d", (int)getpid(), role_seq++);
    char *lit = PQescapeLiteral(pg.admin, password, strlen(password));
    char *db = PQescapeIdentifier(pg.admin, pg.dbname, strlen(pg.dbname));
    cr_assert(lit && db);
    char sql[1024];
    snprintf(sql, sizeof(sql),
             "CREATE ROLE %s LOGIN PASSWORD %s; GRANT CONNECT ON DATABASE %s TO %s", name, lit, db,
             name);
    PQfreemem(lit);
    PQfreemem(db);
    PGresult *r = PQexec(pg.admin, sql);
    cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s", PQerrorMessage(pg.admin));
    PQclear(r);
    return name;
}

/* The role's verifier from pg_authid. */
static void read_verifier(const char *role, struct scram_verifier *v)
{
    const char *params[1] = {role};
    PGresult *r = PQexecParams(pg.admin, "SELECT rolpassword FROM pg_authid WHERE rolname = $1", 1,
                               NULL, params, NULL, NULL, 0);
    cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(pg.admin));
    cr_assert_eq(PQntuples(r), 1);
    const char *text = PQgetvalue(r, 0, 0);
    cr_assert_eq(scram_parse_verifier(text, strlen(text), v), SCRAM_OK, "not a SCRAM verifier");
    PQclear(r);
}

static void connect_pg(struct pgsock *s, bool tls)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)pg.port)};
    cr_assert_eq(
        inet_pton(AF_INET, strcmp(pg.host, "localhost") ? pg.host : "127.0.0.1", &a.sin_addr), 1,
        "host %s is not an IPv4 address", pg.host);
    s->ssl = NULL;
    s->ctx = NULL;
    s->fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(s->fd, 0);
    set_timeouts(s->fd);
    cr_assert_eq(connect(s->fd, (struct sockaddr *)&a, sizeof(a)), 0);
    if (!tls)
        return;
    struct wire_writer w;
    wire_writer_init(&w);
    wire_build_ssl_request(&w);
    cr_assert(send_writer(s, &w));
    char answer;
    cr_assert(sock_read(s, &answer, 1));
    cr_assert_eq(answer, 'S', "the server does not do TLS");
    /* No certificate check here: channel binding is what ties the SCRAM
     * exchange to this server's certificate, and it is what is tested. */
    s->ctx = SSL_CTX_new(TLS_client_method());
    s->ssl = SSL_new(s->ctx);
    SSL_set_fd(s->ssl, s->fd);
    cr_assert_eq(SSL_connect(s->ssl), 1);
}

/* How a login ended. */
struct login {
    bool ok;                  /* AuthenticationOk and ReadyForQuery */
    enum scram_result verify; /* the client end's check of the server signature */
    char sqlstate[6];         /* from an ErrorResponse, else "" */
    char message[256];
};

/* Logs in as `user` with SCRAM from client end `c` (taken over and freed). */
static struct login scram_login(struct pgsock *s, const char *user, struct scram_client *c)
{
    struct login out = {.verify = SCRAM_RES_PROTOCOL};
    struct wire_writer w;
    const struct wire_startup_param params[] = {{"user", user}, {"database", pg.dbname}};
    char *data = NULL;
    size_t data_len = 0;

    wire_writer_init(&w);
    wire_build_startup(&w, params, 2);
    cr_assert(send_writer(s, &w));
    for (;;) {
        size_t len;
        uint8_t *m = read_msg(s, &len);
        cr_assert_not_null(m, "connection lost during login");
        if (m[0] == 'E') {
            struct wire_error_fields f;
            cr_assert(wire_parse_error(m, len, &f));
            snprintf(out.sqlstate, sizeof(out.sqlstate), "%s", f.sqlstate ? f.sqlstate : "");
            snprintf(out.message, sizeof(out.message), "%s", f.message ? f.message : "");
            free(m);
            break;
        }
        if (m[0] == 'Z') {
            out.ok = true;
            free(m);
            break;
        }
        if (m[0] != 'R') {
            free(m); /* ParameterStatus, BackendKeyData */
            continue;
        }
        int32_t code;
        const uint8_t *body;
        size_t body_len;
        cr_assert(wire_parse_auth(m, len, &code, &body, &body_len));
        switch (code) {
        case WIRE_AUTH_SASL: {
            struct wire_sasl_mechs mechs;
            cr_assert(wire_parse_sasl_mechs(m, len, &mechs));
            bool offered = false;
            for (size_t i = 0; i < mechs.n; i++)
                offered |= strcmp(mechs.names[i], scram_client_mechanism(c)) == 0;
            cr_assert(offered, "%s not offered", scram_client_mechanism(c));
            cr_assert_eq(scram_client_first(c, &data, &data_len), SCRAM_RES_OK);
            wire_writer_init(&w);
            wire_build_sasl_initial(&w, scram_client_mechanism(c), (const uint8_t *)data, data_len);
            cr_assert(send_writer(s, &w));
            break;
        }
        case WIRE_AUTH_SASL_CONTINUE:
            free(data);
            cr_assert_eq(scram_client_final(c, (const char *)body, body_len, &data, &data_len),
                         SCRAM_RES_OK);
            wire_writer_init(&w);
            wire_build_sasl_response(&w, (const uint8_t *)data, data_len);
            cr_assert(send_writer(s, &w));
            break;
        case WIRE_AUTH_SASL_FINAL:
            out.verify = scram_client_verify_server(c, (const char *)body, body_len);
            break;
        case WIRE_AUTH_OK:
            break;
        default:
            cr_assert_fail("unexpected authentication request %d", code);
        }
        free(m);
    }
    free(data);
    scram_client_free(c);
    return out;
}

/* ClientKey from the password and the verifier's salt and iterations,
 * checked against the verifier's StoredKey. */
static void client_key_from_password(const char *password, const struct scram_verifier *v,
                                     uint8_t key[32])
{
    uint8_t salted[32], stored[32];
    char *prepared = saslprep_for_scram(password);
    cr_assert(scram_salted_password(prepared, strlen(prepared), v->salt, v->salt_len, v->iterations,
                                    salted));
    free(prepared);
    cr_assert(scram_client_key(salted, key));
    cr_assert(scram_stored_key(key, stored));
    cr_assert_arr_eq(stored, v->stored_key, 32, "H(ClientKey) is not the StoredKey");
}

TestSuite(scram_live, .fini = drop_roles);

Test(scram_live, login_with_a_client_key_and_no_password)
{
    need_pg();
    const char *role = create_role("secret_scram15");
    struct scram_verifier v;
    uint8_t key[32];
    struct pgsock s;

    read_verifier(role, &v);
    client_key_from_password("secret_scram15", &v, key);

    connect_pg(&s, false);
    struct login l = scram_login(&s, role, scram_client_new_keys(key, &v, NULL, 0));
    sock_close(&s);
    cr_assert(l.ok, "login failed: %s %s", l.sqlstate, l.message);
    cr_assert_eq(l.verify, SCRAM_RES_OK);

    /* A wrong ClientKey: PostgreSQL refuses it as a wrong password. */
    key[0] ^= 1;
    connect_pg(&s, false);
    l = scram_login(&s, role, scram_client_new_keys(key, &v, NULL, 0));
    sock_close(&s);
    cr_assert_not(l.ok);
    cr_assert_str_eq(l.sqlstate, "28P01");

    /* A verifier whose ServerKey is not the server's: the login reaches
     * AuthenticationSASLFinal, and the client end refuses the server. */
    key[0] ^= 1;
    struct scram_verifier wrong = v;
    wrong.server_key[5] ^= 0x40;
    connect_pg(&s, false);
    l = scram_login(&s, role, scram_client_new_keys(key, &wrong, NULL, 0));
    sock_close(&s);
    cr_assert_eq(l.verify, SCRAM_RES_SERVER_UNPROVEN);
}

Test(scram_live, passwords_needing_saslprep_hash_as_postgresql_hashes_them)
{
    need_pg();
    static const char *passwords[] = {
        "no\xc2\xa0"
        "break",                    /* U+00A0 -> space */
        "\xe1\xba\x9b\xcc\xa3-dot", /* U+1E9B U+0323 -> U+1E69 */
        "\xef\xac\x81le",           /* U+FB01 ligature -> "fi" */
        "I\xc2\xad"
        "X\xe2\x85\xa8", /* soft hyphen mapped to nothing, U+2168 */
        "\x07\xc3\xa9",  /* prohibited: PostgreSQL hashes the raw bytes */
    };
    for (size_t i = 0; i < sizeof(passwords) / sizeof(passwords[0]); i++) {
        const char *role = create_role(passwords[i]);
        struct scram_verifier pgv, ours, raw;
        read_verifier(role, &pgv);
        cr_assert(scram_verifier_from_password(passwords[i], pgv.salt, pgv.salt_len, pgv.iterations,
                                               &ours));
        cr_assert_arr_eq(ours.stored_key, pgv.stored_key, 32, "password %zu", i);
        cr_assert_arr_eq(ours.server_key, pgv.server_key, 32, "password %zu", i);

        /* The control: the same bytes without SASLprep give another key,
         * except for the prohibited one, whose raw bytes are what counts. */
        uint8_t salted[32], ck[32];
        cr_assert(scram_salted_password(passwords[i], strlen(passwords[i]), pgv.salt, pgv.salt_len,
                                        pgv.iterations, salted));
        cr_assert(scram_client_key(salted, ck));
        cr_assert(scram_stored_key(ck, raw.stored_key));
        if (i < 4)
            cr_assert_arr_neq(raw.stored_key, pgv.stored_key, 32, "password %zu", i);
        else
            cr_assert_arr_eq(raw.stored_key, pgv.stored_key, 32);

        /* And a login from the password works. */
        struct pgsock s;
        connect_pg(&s, false);
        struct login l = scram_login(&s, role, scram_client_new_password(passwords[i], NULL, 0));
        sock_close(&s);
        cr_assert(l.ok, "password %zu: %s %s", i, l.sqlstate, l.message);
        cr_assert_eq(l.verify, SCRAM_RES_OK);
    }
}

/* ---- libpq against the server end ---- */

struct libpq_client {
    char conninfo[512];
    ConnStatusType status; /* what PQconnectdb came to */
    char error[512];
};

static void *libpq_thread(void *arg)
{
    struct libpq_client *lc = arg;
    PGconn *c = PQconnectdb(lc->conninfo);
    lc->status = PQstatus(c);
    snprintf(lc->error, sizeof(lc->error), "%s", PQerrorMessage(c));
    PQfinish(c);
    return NULL;
}

/* Serves one libpq login on `listener` with the server end for verifier
 * `v`; returns the server end's result and the recovered key. */
static enum scram_result serve_libpq_login(int listener, const struct scram_verifier *v,
                                           uint8_t key[32])
{
    struct scram_mock_secret mock;
    struct pgsock s = {.fd = accept(listener, NULL, NULL)};
    struct wire_writer w;
    enum scram_result res;
    uint8_t buf[10000];
    char *out = NULL;
    size_t out_len;

    cr_assert(scram_mock_secret_init(&mock));
    cr_assert_geq(s.fd, 0);
    set_timeouts(s.fd);
    /* The startup packet (libpq with sslmode=disable and gssencmode=disable sends it first). */
    cr_assert(sock_read(&s, buf, 4));
    uint32_t l = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
    cr_assert(l >= 8 && l <= sizeof(buf));
    cr_assert(sock_read(&s, buf + 4, l - 4));
    static struct wire_startup st;
    cr_assert_eq(wire_startup_parse(buf, l, &st), WIRE_STARTUP_OK);
    const char *user = wire_startup_get(&st, "user");
    cr_assert_not_null(user);
    struct scram_server *srv = scram_server_new(user, v, &mock, NULL, 0);

    const char *mechs[] = {SCRAM_MECH};
    wire_writer_init(&w);
    wire_build_auth_sasl(&w, mechs, 1);
    cr_assert(send_writer(&s, &w));

    size_t len;
    uint8_t *m = read_msg(&s, &len);
    cr_assert_not_null(m);
    const char *mech;
    const uint8_t *data;
    int32_t data_len;
    cr_assert(wire_parse_sasl_initial(m, len, &mech, &data, &data_len));
    res = scram_server_first(srv, mech, (const char *)data, (size_t)data_len, &out, &out_len);
    free(m);
    if (res != SCRAM_RES_OK)
        goto fail;
    wire_writer_init(&w);
    wire_build_auth_sasl_continue(&w, (const uint8_t *)out, out_len);
    free(out);
    cr_assert(send_writer(&s, &w));

    m = read_msg(&s, &len);
    cr_assert_not_null(m);
    const uint8_t *resp;
    size_t resp_len;
    cr_assert(scram_parse_sasl_response(m, len, &resp, &resp_len));
    res = scram_server_final(srv, (const char *)resp, resp_len, &out, &out_len, key);
    free(m);
    if (res != SCRAM_RES_OK)
        goto fail;
    wire_writer_init(&w);
    wire_build_auth_sasl_final(&w, (const uint8_t *)out, out_len);
    free(out);
    wire_build_auth_ok(&w);
    wire_build_ready(&w, WIRE_TX_IDLE);
    cr_assert(send_writer(&s, &w));
    /* Wait for libpq's Terminate (or EOF) so its status is settled. */
    m = read_msg(&s, &len);
    free(m);
    scram_server_free(srv);
    sock_close(&s);
    return res;
fail:
    wire_writer_init(&w);
    wire_build_error(&w, "FATAL", "28P01", "password authentication failed", NULL, NULL);
    cr_assert(send_writer(&s, &w));
    scram_server_free(srv);
    sock_close(&s);
    return res;
}

static int listen_local(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t alen = sizeof(a);
    cr_assert_geq(fd, 0);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    cr_assert_eq(listen(fd, 4), 0);
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

/* libpq logs in to the server end with `password`; returns the server
 * end's result, libpq's status in *status, and the recovered key. */
static enum scram_result libpq_login(const char *user, const char *password,
                                     const struct scram_verifier *v, uint8_t key[32],
                                     ConnStatusType *status)
{
    int port;
    int fd = listen_local(&port);
    struct libpq_client lc;
    pthread_t t;
    /* conninfo values are single-quoted with \' and \\ escaped. */
    char quoted[256];
    size_t q = 0;
    for (const char *p = password; *p && q < sizeof(quoted) - 3; p++) {
        if (*p == '\'' || *p == '\\')
            quoted[q++] = '\\';
        quoted[q++] = *p;
    }
    quoted[q] = '\0';
    snprintf(lc.conninfo, sizeof(lc.conninfo),
             "host=127.0.0.1 port=%d user=%s dbname=x password='%s' sslmode=disable "
             "gssencmode=disable connect_timeout=10",
             port, user, quoted);
    cr_assert_eq(pthread_create(&t, NULL, libpq_thread, &lc), 0);
    enum scram_result r = serve_libpq_login(fd, v, key);
    pthread_join(t, NULL);
    close(fd);
    *status = lc.status;
    return r;
}

Test(scram_live, libpq_logs_in_to_the_server_end_which_recovers_its_client_key)
{
    struct scram_verifier v;
    uint8_t key[32], expected[32], salted[32];
    ConnStatusType status;

    cr_assert(scram_verifier_from_password("lib pq \xef\xac\x81", NULL, 0, 4096, &v));
    cr_assert_eq(libpq_login("alice", "lib pq \xef\xac\x81", &v, key, &status), SCRAM_RES_OK);
    /* libpq checked the server end's signature (it refuses a wrong one). */
    cr_assert_eq(status, CONNECTION_OK);
    char *prepared = saslprep_for_scram("lib pq \xef\xac\x81");
    cr_assert(scram_salted_password(prepared, strlen(prepared), v.salt, v.salt_len, 4096, salted));
    free(prepared);
    cr_assert(scram_client_key(salted, expected));
    cr_assert_arr_eq(key, expected, 32);

    /* A wrong password: the server end refuses, libpq fails. */
    cr_assert_eq(libpq_login("alice", "wrong", &v, key, &status), SCRAM_RES_AUTH_FAILED);
    cr_assert_eq(status, CONNECTION_BAD);
}

Test(scram_live, client_key_recovered_from_libpq_logs_in_to_postgresql)
{
    need_pg();
    const char *password = "recovered \xc2\xa0 key";
    const char *role = create_role(password);
    struct scram_verifier v;
    uint8_t key[32];
    ConnStatusType status;
    struct pgsock s;

    read_verifier(role, &v);
    /* libpq -> the server end (holding only pg_authid's verifier). */
    cr_assert_eq(libpq_login(role, password, &v, key, &status), SCRAM_RES_OK);
    cr_assert_eq(status, CONNECTION_OK);

    /* The recovered key -> PostgreSQL, twice (a carry-over logs in again), plain and TLS
     * with channel binding to the server's certificate. */
    for (int i = 0; i < 2; i++) {
        connect_pg(&s, false);
        struct login l = scram_login(&s, role, scram_client_new_keys(key, &v, NULL, 0));
        sock_close(&s);
        cr_assert(l.ok, "login %d failed: %s %s", i, l.sqlstate, l.message);
        cr_assert_eq(l.verify, SCRAM_RES_OK);
    }

    connect_pg(&s, true);
    X509 *cert = SSL_get1_peer_certificate(s.ssl);
    cr_assert_not_null(cert);
    uint8_t cb[SCRAM_MAX_CBIND_DATA];
    size_t cb_len;
    cr_assert(scram_cert_end_point_hash(cert, cb, &cb_len));
    X509_free(cert);
    struct login l = scram_login(&s, role, scram_client_new_keys(key, &v, cb, cb_len));
    sock_close(&s);
    cr_assert(l.ok, "TLS login failed: %s %s", l.sqlstate, l.message);
    cr_assert_eq(l.verify, SCRAM_RES_OK);

    /* Channel-binding data of another certificate (what a man in the middle
     * would have): PostgreSQL refuses the exchange. */
    connect_pg(&s, true);
    cb[0] ^= 0xff;
    l = scram_login(&s, role, scram_client_new_keys(key, &v, cb, cb_len));
    sock_close(&s);
    cr_assert_not(l.ok);
    cr_assert_str_eq(l.sqlstate, "28000", "%s %s", l.sqlstate, l.message);
}
