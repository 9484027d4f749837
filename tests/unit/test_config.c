/* Unit tests for proxy/config.c: the key table, parsing, errors with
 * file:line, validation, reload diffs, show config masking, conf/ files. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proxy/config.h"

/* Keys in the config table: a new key must be counted here on purpose. */
#define CONFIG_KEYS 59

#ifndef CUTOVER_SOURCE_DIR
#define CUTOVER_SOURCE_DIR "."
#endif

static struct config cfg;
static char err[8192];

static void setup(void)
{
    cr_assert(config_init_defaults(&cfg));
    err[0] = '\0';
}

static void teardown(void)
{
    config_free(&cfg);
}

TestSuite(config, .init = setup, .fini = teardown);

static bool load(const char *text)
{
    return config_load_string(&cfg, "t.ini", text, strlen(text), err, sizeof(err));
}

static int count_lines(const char *s)
{
    if (!*s)
        return 0;
    int n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- defaults ---- */

Test(config, defaults)
{
    cr_assert_str_eq(cfg.listen, "127.0.0.1:6432");
    cr_assert_null(cfg.deploy_listen);
    cr_assert_null(cfg.previous_listen);
    cr_assert_eq(cfg.max_client_conn, 1000);
    cr_assert_eq(cfg.startup_timeout_ms, 10000);
    cr_assert_eq(cfg.shutdown_timeout_ms, 30000);
    cr_assert_eq(cfg.max_message_size, (size_t)64 << 20);
    cr_assert_eq(cfg.buffer_limit, (size_t)256 << 10);
    cr_assert_str_eq(cfg.backend, "127.0.0.1:6875");
    cr_assert_eq(cfg.backend_dialect, CONFIG_DIALECT_MATERIALIZE);
    cr_assert_eq(cfg.connect_timeout_ms, 5000);
    cr_assert_eq(cfg.backend_tls, CONFIG_TLS_PREFER);
    cr_assert_null(cfg.backend_tls_ca_file);
    cr_assert_null(cfg.client_tls_cert_file);
    cr_assert_not(cfg.client_tls_required);
    cr_assert_str_eq(cfg.admin_socket, "auto");
    cr_assert_eq(cfg.admin_socket_mode, 0600);
    cr_assert_null(cfg.admin_users);
    cr_assert_null(cfg.admin_dsn);
    cr_assert_null(cfg.http_listen);
    cr_assert_eq(cfg.http_max_connections, 64);
    cr_assert_eq(cfg.nschemas, 0);
    cr_assert_eq(cfg.nclusters, 0);
    cr_assert_str_eq(cfg.suffix, "_dbt_deploy");
    cr_assert_eq(cfg.swap_pause_timeout_ms, 10000);
    cr_assert_eq(cfg.query_wait_timeout_ms, 0, "no limit of its own: the pause's bounds apply");
    cr_assert_eq(cfg.subscribe_splice_memory, (size_t)16 << 20);
    cr_assert_eq(cfg.subscribe_start_concurrency, 8);
    cr_assert_eq(cfg.subscribe_carry_wait_max_ms, 300000);
    cr_assert_eq(cfg.subscribe_max_sessions, 1000);
    cr_assert_eq(cfg.subscribe_server_keepalive_ms, 30000);
    cr_assert_eq(cfg.log_level, CONFIG_LOG_INFO);
    cr_assert_null(cfg.log_file);
    cr_assert_null(cfg.source_path);
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);
}

/* ---- every type ---- */

Test(config, strings_and_empty_means_unset)
{
    cr_assert(load("[proxy]\ndeploy_listen = 127.0.0.1:7000\n[log]\nfile = /var/log/c.log\n"), "%s",
              err);
    cr_assert_str_eq(cfg.deploy_listen, "127.0.0.1:7000");
    cr_assert_str_eq(cfg.log_file, "/var/log/c.log");
    cr_assert(config_set(&cfg, "proxy", "deploy_listen", "", err, sizeof(err)), "%s", err);
    cr_assert_null(cfg.deploy_listen);
}

Test(config, int_values_and_range)
{
    cr_assert(load("[proxy]\nmax_client_conn = 25\n"), "%s", err);
    cr_assert_eq(cfg.max_client_conn, 25);
    cr_assert_not(load("[proxy]\nmax_client_conn = 0\n"));
    cr_assert_str_eq(err, "t.ini:2: max_client_conn: '0' is out of range (1 to 1000000)");
    cr_assert_not(load("[proxy]\nmax_client_conn = -3\n"));
    cr_assert_str_eq(err, "t.ini:2: max_client_conn: '-3' is not a whole number");
    cr_assert_not(load("[proxy]\nmax_client_conn = 12x\n"));
    cr_assert_str_eq(err, "t.ini:2: max_client_conn: '12x' is not a whole number");
    cr_assert_eq(cfg.max_client_conn, 25, "a bad value leaves the old one");
    cr_assert(load("[admin]\nhttp_max_connections = 4\n"), "%s", err);
    cr_assert_eq(cfg.http_max_connections, 4);
    cr_assert_not(load("[admin]\nhttp_max_connections = 0\n"));
    cr_assert_str_eq(err, "t.ini:2: http_max_connections: '0' is out of range (1 to 65536)");
    cr_assert_not(load("[admin]\nhttp_max_connections = 65537\n"));
    cr_assert_str_eq(err, "t.ini:2: http_max_connections: '65537' is out of range (1 to 65536)");
    cr_assert(load("[subscribe]\nstart_concurrency = 1\n"), "%s", err);
    cr_assert_eq(cfg.subscribe_start_concurrency, 1);
    cr_assert_not(load("[subscribe]\nstart_concurrency = 0\n"));
    cr_assert_str_eq(err, "t.ini:2: start_concurrency: '0' is out of range (1 to 1024)");
    cr_assert_not(load("[subscribe]\nstart_concurrency = 1025\n"));
    cr_assert_str_eq(err, "t.ini:2: start_concurrency: '1025' is out of range (1 to 1024)");
    cr_assert(load("[subscribe]\nmax_sessions = 0\n"), "%s", err);
    cr_assert_eq(cfg.subscribe_max_sessions, 0);
    cr_assert_not(load("[subscribe]\nmax_sessions = -1\n"));
}

Test(config, size_units)
{
    static const struct {
        const char *text; /* value */
        size_t bytes;     /* expected */
    } cases[] = {
        {"16kB", 16 << 10}, {"16KB", 16 << 10}, {"64MB", 64 << 20},    {"1GB", 1u << 30},
        {"8192", 8192},     {"10000B", 10000},  {"512 kB", 512 << 10}, {"1gb", 1u << 30},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cr_assert(config_set(&cfg, "proxy", "buffer_limit", cases[i].text, err, sizeof(err)),
                  "%s: %s", cases[i].text, err);
        cr_assert_eq(cfg.buffer_limit, cases[i].bytes, "%s", cases[i].text);
    }
    cr_assert_not(config_set(&cfg, "proxy", "buffer_limit", "4kB", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.buffer_limit: '4kB' is out of range (8192 to 1073741824)");
    cr_assert_not(config_set(&cfg, "proxy", "buffer_limit", "16 parsecs", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.buffer_limit: '16 parsecs': unknown unit 'parsecs' (B, kB, MB, "
                          "GB, TB)");
    cr_assert_not(config_set(&cfg, "proxy", "max_message_size", "2GB", err, sizeof(err)));
    cr_assert_not(
        config_set(&cfg, "proxy", "max_message_size", "99999999999999TB", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.max_message_size: '99999999999999TB' is too large");
    cr_assert_not(config_set(&cfg, "proxy", "max_message_size", "MB", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.max_message_size: 'MB' is not a size (a number and a unit)");
}

Test(config, duration_units)
{
    cr_assert(load("[proxy]\nstartup_timeout = 250ms\nshutdown_timeout = 2min\n"
                   "[backend]\nconnect_timeout = 3 s\n"),
              "%s", err);
    cr_assert_eq(cfg.startup_timeout_ms, 250);
    cr_assert_eq(cfg.shutdown_timeout_ms, 120000);
    cr_assert_eq(cfg.connect_timeout_ms, 3000);
    cr_assert(config_set(&cfg, "proxy", "shutdown_timeout", "0", err, sizeof(err)), "%s", err);
    cr_assert_eq(cfg.shutdown_timeout_ms, 0);
    cr_assert_not(config_set(&cfg, "proxy", "startup_timeout", "10", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.startup_timeout: '10' needs a unit (ms, s, min, h)");
    cr_assert_not(config_set(&cfg, "proxy", "startup_timeout", "0", err, sizeof(err)));
    cr_assert_not(config_set(&cfg, "proxy", "startup_timeout", "1000000h", err, sizeof(err)));
    cr_assert_eq(cfg.startup_timeout_ms, 250);
    cr_assert(load("[deployment]\nswap_pause_timeout = 1500ms\n"), "%s", err);
    cr_assert_eq(cfg.swap_pause_timeout_ms, 1500);
    cr_assert_not(load("[deployment]\nswap_pause_timeout = 0s\n"));
    cr_assert_str_eq(err, "t.ini:2: swap_pause_timeout: '0s' is too short (at least 1ms)");
    cr_assert_eq(cfg.swap_pause_timeout_ms, 1500, "a bad value leaves the old one");
    cr_assert(load("[proxy]\nquery_wait_timeout = 2s\n"), "%s", err);
    cr_assert_eq(cfg.query_wait_timeout_ms, 2000);
    cr_assert(config_set(&cfg, "proxy", "query_wait_timeout", "0", err, sizeof(err)), "%s", err);
    cr_assert_eq(cfg.query_wait_timeout_ms, 0);
    cr_assert_not(load("[proxy]\nquery_wait_timeout = -1s\n"));
    cr_assert_str_eq(err,
                     "t.ini:2: query_wait_timeout: '-1s' is negative (a duration is 0 or more)");
    cr_assert_eq(cfg.query_wait_timeout_ms, 0, "a bad value leaves the old one");
}

Test(config, bool_spellings)
{
    static const char *yes[] = {"on", "true", "yes", "1", "ON", "True"};
    static const char *no[] = {"off", "false", "no", "0", "OFF"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        cfg.client_tls_required = false;
        cr_assert(config_set(&cfg, "tls", "required", yes[i], err, sizeof(err)), "%s", err);
        cr_assert(cfg.client_tls_required, "%s", yes[i]);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        cfg.client_tls_required = true;
        cr_assert(config_set(&cfg, "tls", "required", no[i], err, sizeof(err)), "%s", err);
        cr_assert_not(cfg.client_tls_required, "%s", no[i]);
    }
    cr_assert_not(config_set(&cfg, "tls", "required", "maybe", err, sizeof(err)));
    cr_assert_str_eq(err,
                     "tls.required: 'maybe' is not a boolean (on/off, true/false, yes/no, 1/0)");
}

Test(config, enums)
{
    cr_assert(load("[backend]\ndialect = postgres\nsslmode = verify-full\n[log]\nlevel = debug\n"),
              "%s", err);
    cr_assert_eq(cfg.backend_dialect, CONFIG_DIALECT_POSTGRES);
    cr_assert_eq(cfg.backend_tls, CONFIG_TLS_VERIFY_FULL);
    cr_assert_eq(cfg.log_level, CONFIG_LOG_DEBUG);
    cr_assert_not(load("[backend]\nsslmode = allow\n"));
    cr_assert_str_eq(err, "t.ini:2: sslmode: 'allow' is not one of disable, prefer, require, "
                          "verify-ca, verify-full");
}

Test(config, lists)
{
    cr_assert(load("[deployment]\nschemas = analytics, marts ,raw\nclusters = compute\n"), "%s",
              err);
    cr_assert_eq(cfg.nschemas, 3);
    cr_assert_str_eq(cfg.schemas[0], "analytics");
    cr_assert_str_eq(cfg.schemas[1], "marts");
    cr_assert_str_eq(cfg.schemas[2], "raw");
    cr_assert_eq(cfg.nclusters, 1);
    cr_assert_str_eq(cfg.clusters[0], "compute");

    cr_assert_not(config_set(&cfg, "deployment", "schemas", "a,,b", err, sizeof(err)));
    cr_assert_str_eq(err, "deployment.schemas: empty item in list ',b'");
    cr_assert_not(config_set(&cfg, "deployment", "schemas", "a, b c", err, sizeof(err)));
    cr_assert_str_eq(err,
                     "deployment.schemas: name 'b c' contains a blank, comma, quote or control "
                     "byte");
    cr_assert_not(config_set(&cfg, "deployment", "schemas", "a,b,a", err, sizeof(err)));
    cr_assert_str_eq(err, "deployment.schemas: 'a' is listed twice");
    char longname[80];
    memset(longname, 'x', 64);
    longname[64] = '\0';
    cr_assert_not(config_set(&cfg, "deployment", "schemas", longname, err, sizeof(err)));
    cr_assert(strstr(err, "is longer than 63 bytes"), "%s", err);
    longname[63] = '\0';
    cr_assert(config_set(&cfg, "deployment", "clusters", longname, err, sizeof(err)), "%s", err);
    cr_assert_eq(cfg.nclusters, 1);
    cr_assert_eq(cfg.nschemas, 3, "failed sets left the list alone");

    char many[400] = "";
    for (int i = 0; i < CONFIG_MAX_LIST + 1; i++)
        sprintf(many + strlen(many), "%ss%d", i ? "," : "", i);
    cr_assert_not(config_set(&cfg, "deployment", "schemas", many, err, sizeof(err)));
    cr_assert_str_eq(err, "deployment.schemas: more than 32 names");
    cr_assert(config_set(&cfg, "deployment", "schemas", "", err, sizeof(err)), "%s", err);
    cr_assert_eq(cfg.nschemas, 0);
}

Test(config, names_list_is_normalized)
{
    cr_assert(load("[admin]\nusers = alice , 1001,bob\n"), "%s", err);
    cr_assert_str_eq(cfg.admin_users, "alice,1001,bob");
    cr_assert_not(load("[admin]\nusers = al ice\n"));
}

Test(config, octal_mode)
{
    cr_assert(load("[admin]\nsocket_mode = 0660\n"), "%s", err);
    cr_assert_eq(cfg.admin_socket_mode, 0660);
    cr_assert(config_set(&cfg, "admin", "socket_mode", "700", err, sizeof(err)), "%s", err);
    cr_assert_eq(cfg.admin_socket_mode, 0700);
    cr_assert_not(config_set(&cfg, "admin", "socket_mode", "0800", err, sizeof(err)));
    cr_assert_str_eq(err, "admin.socket_mode: '0800' is not an octal file mode (0000 to 0777)");
    cr_assert_not(config_set(&cfg, "admin", "socket_mode", "01777", err, sizeof(err)));
    cr_assert_eq(cfg.admin_socket_mode, 0700);
}

Test(config, ident_suffix)
{
    cr_assert(config_set(&cfg, "deployment", "suffix", "_blue", err, sizeof(err)), "%s", err);
    cr_assert_str_eq(cfg.suffix, "_blue");
    cr_assert_not(config_set(&cfg, "deployment", "suffix", "", err, sizeof(err)));
    cr_assert_str_eq(err, "deployment.suffix: empty name");
    cr_assert_str_eq(cfg.suffix, "_blue");
}

/* ---- file syntax and error forms ---- */

Test(config, every_error_is_reported_with_file_and_line)
{
    const char *text = "[proxy]\n"                 /* 1 */
                       "listen = 127.0.0.1:1\n"    /* 2 */
                       "bogus = 1\n"               /* 3 */
                       "listen = 127.0.0.1:2\n"    /* 4 */
                       "[nope]\n"                  /* 5 */
                       "whatever = 1\n"            /* 6 */
                       "[log]\n"                   /* 7 */
                       "level = loud\n"            /* 8 */
                       "just some words\n"         /* 9 */
                       "[broken\n"                 /* 10 */
                       "= value\n"                 /* 11 */
                       "[proxy]\n"                 /* 12 */
                       "max_client_conn = lots\n"; /* 13 */
    cr_assert_not(load(text));
    cr_assert_eq(count_lines(err), 8, "%s", err);
    cr_assert_str_eq(err, "t.ini:3: bogus: unknown key in [proxy]\n"
                          "t.ini:4: listen: set twice (first on line 2)\n"
                          "t.ini:5: [nope]: unknown section\n"
                          "t.ini:8: level: 'loud' is not one of error, warning, info, debug\n"
                          "t.ini:9: just some words: expected 'key = value'\n"
                          "t.ini:10: [broken: section header without ']'\n"
                          "t.ini:11: = value: missing key before '='\n"
                          "t.ini:13: max_client_conn: 'lots' is not a whole number");
}

Test(config, key_outside_section)
{
    cr_assert_not(load("listen = 1.2.3.4:5\n"));
    cr_assert_str_eq(err, "t.ini:1: listen: key outside any [section]");
}

Test(config, comments_blank_lines_crlf_indentation_and_bom)
{
    const char *text = "\xEF\xBB\xBF; leading comment\r\n"
                       "# hash comment\r\n"
                       "\r\n"
                       "  [proxy]\r\n"
                       "    listen = 127.0.0.1:7001 ; trailing comment\r\n"
                       "    max_client_conn = 7\r\n"
                       "\tbuffer_limit: 32kB\r\n";
    cr_assert(load(text), "%s", err);
    cr_assert_str_eq(cfg.listen, "127.0.0.1:7001");
    cr_assert_eq(cfg.max_client_conn, 7, "an indented key is not a continuation line");
    cr_assert_eq(cfg.buffer_limit, 32 << 10);
}

Test(config, same_key_in_two_sections_is_distinct)
{
    /* [tls] cert_file and [backend] sslcert are different keys; the same
     * section opened twice still catches duplicates. */
    cr_assert_not(load("[log]\nlevel = info\n[proxy]\n[log]\nlevel = debug\n"));
    cr_assert_str_eq(err, "t.ini:5: level: set twice (first on line 2)");
}

Test(config, line_longer_than_inih_buffer_still_parses)
{
    char text[1024];
    char dsn[600];
    snprintf(dsn, sizeof(dsn),
             "host=db.example.com port=6875 user=cutover dbname=materialize "
             "sslmode=verify-full sslrootcert=/etc/ssl/%0300d.pem "
             "password=hunter2",
             7);
    snprintf(text, sizeof(text), "[admin]\ndsn = %s ; comment\n[log]\nlevel = debug\n", dsn);
    cr_assert(load(text), "%s", err);
    cr_assert_str_eq(cfg.admin_dsn, dsn);
    cr_assert_eq(cfg.log_level, CONFIG_LOG_DEBUG);

    char bad[400];
    snprintf(bad, sizeof(bad), "[admin]\nnot_a_key = %0300d\n", 0);
    cr_assert_not(load(bad));
    cr_assert_str_eq(err, "t.ini:2: not_a_key: unknown key in [admin]");
}

Test(config, nul_byte_is_an_error)
{
    const char text[] = "[proxy]\nlisten = 1.2.3.4:5\0junk\n";
    cr_assert_not(config_load_string(&cfg, "t.ini", text, sizeof(text) - 1, err, sizeof(err)));
    cr_assert_str_eq(err, "t.ini:2: line contains a NUL byte");
}

Test(config, small_error_buffer_is_terminated_and_marks_the_cut)
{
    char small[60];
    memset(small, 'Z', sizeof(small));
    const char *text = "[proxy]\na = 1\nb = 2\nc = 3\nd = 4\n";
    cr_assert_not(config_load_string(&cfg, "t.ini", text, strlen(text), small, sizeof(small)));
    cr_assert_not_null(memchr(small, '\0', sizeof(small)));
    cr_assert_str_eq(small, "t.ini:2: a: unknown key in [proxy]\n...");
}

Test(config, load_file_and_source_path)
{
    char path[] = "/tmp/cutover-test-config-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    const char *text = "[proxy]\nlisten = 127.0.0.1:7100\n";
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    cr_assert(config_load_file(&cfg, path, err, sizeof(err)), "%s", err);
    cr_assert_str_eq(cfg.listen, "127.0.0.1:7100");
    cr_assert_str_eq(cfg.source_path, path);

    FILE *f = fopen(path, "w");
    fputs("[proxy]\n\nlisten = x\nnope = 1\n", f);
    fclose(f);
    cr_assert_not(config_load_file(&cfg, path, err, sizeof(err)));
    char want[128];
    snprintf(want, sizeof(want), "%s:4: nope: unknown key in [proxy]", path);
    cr_assert_str_eq(err, want);
    unlink(path);

    cr_assert_not(config_load_file(&cfg, path, err, sizeof(err)));
    snprintf(want, sizeof(want), "%s: cannot open: No such file or directory", path);
    cr_assert_str_eq(err, want);
}

/* ---- overrides ---- */

Test(config, overrides)
{
    cr_assert(load("[proxy]\nlisten = 127.0.0.1:7000\n"), "%s", err);
    cr_assert(config_set(&cfg, "proxy", "listen", "127.0.0.1:7200", err, sizeof(err)), "%s", err);
    cr_assert_str_eq(cfg.listen, "127.0.0.1:7200");
    cr_assert_not(config_set(&cfg, "proxy", "nope", "1", err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.nope: unknown key");
    cr_assert_not(config_set(&cfg, "nope", "listen", "1", err, sizeof(err)));
    cr_assert_str_eq(err, "nope.listen: unknown section");
}

/* ---- hostport and validation ---- */

Test(config, parse_hostport)
{
    char *host = NULL;
    int port = 0;
    cr_assert(config_parse_hostport("127.0.0.1:6432", &host, &port));
    cr_assert_str_eq(host, "127.0.0.1");
    cr_assert_eq(port, 6432);
    free(host);
    cr_assert(config_parse_hostport("[::1]:5432", &host, &port));
    cr_assert_str_eq(host, "::1");
    cr_assert_eq(port, 5432);
    free(host);
    cr_assert(config_parse_hostport("db.internal:65535", &host, &port));
    cr_assert_str_eq(host, "db.internal");
    free(host);
    static const char *bad[] = {"",           "localhost", ":5432",    "host:",      "host:0",
                                "host:65536", "host:12a",  "::1:5432", "[::1]",      "[::1]5432",
                                "[]:5432",    "host:+80",  "host:-1",  "host:000080"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        cr_assert_not(config_parse_hostport(bad[i], &host, &port), "%s", bad[i]);
}

Test(config, validate_addresses)
{
    cr_assert(load("[proxy]\nlisten = [::1]:6432\ndeploy_listen = 127.0.0.1:6433\n"), "%s", err);
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    cr_assert(config_set(&cfg, "backend", "address", "db:99999", err, sizeof(err)));
    cr_assert(config_set(&cfg, "proxy", "previous_listen", "127.0.0.1:6433", err, sizeof(err)));
    cr_assert(config_set(&cfg, "admin", "http_listen", "0.0.0.0:6432", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err,
                     "backend.address: 'db:99999' is not HOST:PORT (port 1 to 65535, IPv6 in "
                     "brackets: [::1]:6432)\n"
                     "proxy.previous_listen: '127.0.0.1:6433' is also used by "
                     "proxy.deploy_listen",
                     "0.0.0.0 does not collide with [::1]");
    cr_assert(config_set(&cfg, "admin", "http_listen", "[::]:6432", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert(strstr(err, "admin.http_listen: '[::]:6432' is also used by proxy.listen"), "%s",
              err);
    cr_assert(config_set(&cfg, "proxy", "previous_listen", "0.0.0.0:6433", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert(strstr(err, "proxy.previous_listen: '0.0.0.0:6433' is also used by "
                          "proxy.deploy_listen"),
              "%s", err);

    cr_assert(config_set(&cfg, "proxy", "listen", "", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert(strstr(err, "proxy.listen: must be set"), "%s", err);
}

static char tmpdir[64];

static const char *tmpfile_with(const char *name, const char *content)
{
    static char path[160];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(content, f);
    fclose(f);
    return path;
}

Test(config, validate_tls)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/cutover-cfg-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
    char cert[160], key[160];
    snprintf(cert, sizeof(cert), "%s", tmpfile_with("c.pem", "x"));
    snprintf(key, sizeof(key), "%s", tmpfile_with("k.pem", "x"));

    cr_assert(config_set(&cfg, "tls", "cert_file", cert, err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "tls.cert_file: set without tls.key_file (set both or neither)");
    cr_assert(config_set(&cfg, "tls", "key_file", key, err, sizeof(err)));
    cr_assert(config_set(&cfg, "tls", "required", "on", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    char missing[200];
    snprintf(missing, sizeof(missing), "%s/missing.pem", tmpdir);
    cr_assert(config_set(&cfg, "tls", "key_file", missing, err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    char want[400];
    snprintf(want, sizeof(want), "tls.key_file: cannot read '%s': No such file or directory",
             missing);
    cr_assert_str_eq(err, want);

    cr_assert(config_set(&cfg, "tls", "key_file", tmpdir, err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    snprintf(want, sizeof(want), "tls.key_file: '%s' is not a regular file", tmpdir);
    cr_assert_str_eq(err, want);

    cr_assert(config_set(&cfg, "tls", "cert_file", "", err, sizeof(err)));
    cr_assert(config_set(&cfg, "tls", "key_file", "", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "tls.required: needs tls.cert_file and tls.key_file");
    cr_assert(config_set(&cfg, "tls", "required", "off", err, sizeof(err)));

    cr_assert(config_set(&cfg, "backend", "sslmode", "verify-full", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "backend.sslmode: verify-full needs backend.sslrootcert");
    cr_assert(config_set(&cfg, "backend", "sslrootcert", cert, err, sizeof(err)));
    cr_assert(config_set(&cfg, "backend", "sslkey", key, err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "backend.sslkey: set without backend.sslcert (set both or neither)");
    cr_assert(config_set(&cfg, "backend", "sslcert", cert, err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    unlink(cert);
    unlink(key);
    rmdir(tmpdir);
}

Test(config, validate_deployment_and_admin)
{
    char name[64];
    memset(name, 'n', 60);
    name[60] = '\0';
    cr_assert(config_set(&cfg, "deployment", "schemas", name, err, sizeof(err)));
    cr_assert(config_set(&cfg, "deployment", "clusters", "c1, c1_dbt_deploy", err, sizeof(err)));
    cr_assert(config_set(&cfg, "admin", "socket_mode", "0400", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    char want[512];
    snprintf(want, sizeof(want),
             "admin.socket_mode: 0400 must include 0600 (owner read and write)\n"
             "deployment.schemas: '%s_dbt_deploy' would be longer than 63 bytes\n"
             "deployment.clusters: 'c1_dbt_deploy' already ends with the suffix '_dbt_deploy'",
             name);
    cr_assert_str_eq(err, want);

    cr_assert(config_set(&cfg, "deployment", "schemas", "a", err, sizeof(err)));
    cr_assert(config_set(&cfg, "deployment", "clusters", "c1", err, sizeof(err)));
    cr_assert(config_set(&cfg, "admin", "socket_mode", "0660", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);
    cr_assert(config_set(&cfg, "backend", "dialect", "postgres", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(
        err, "deployment.clusters: PostgreSQL has no clusters (backend.dialect = postgres)");

    /* Fields filled by hand are checked too, not only what the parser saw. */
    cr_assert(config_set(&cfg, "deployment", "clusters", "", err, sizeof(err)));
    cfg.suffix[0] = '\0';
    cfg.buffer_limit = 100;
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.buffer_limit: must be at least 8kB\n"
                          "deployment.suffix: must not be empty");
}

Test(config, validate_fleet)
{
    /* Off by default, and then none of its keys is checked. */
    cr_assert_not(cfg.fleet_enabled);
    cr_assert_str_eq(cfg.fleet_schema, "cutover_fleet");
    cr_assert_eq(cfg.fleet_lease_ms, 3000);
    cr_assert_eq(cfg.fleet_heartbeat_interval_ms, 1000);
    cr_assert_eq(cfg.fleet_on_member_lost, CONFIG_FLEET_LOST_PROCEED);
    cr_assert(config_set(&cfg, "fleet", "member", "bad name!", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    cr_assert(config_set(&cfg, "fleet", "enabled", "on", err, sizeof(err)));
    cr_assert(config_set(&cfg, "fleet", "lease", "2s", err, sizeof(err)));
    cr_assert(config_set(&cfg, "deployment", "schemas", "app, cutover_fleet", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "fleet.enabled: needs admin.dsn (the fleet coordinates on the server)\n"
                          "fleet.member: 'bad name!' must be 1 to 63 bytes of letters, digits "
                          "and _ . : -\n"
                          "fleet.lease: 2000 ms is shorter than twice fleet.heartbeat_interval "
                          "plus 1s (3000 ms): one late heartbeat would count a live member as "
                          "gone\n"
                          "fleet.schema: 'cutover_fleet' is swapped by a deployment "
                          "(deployment.schemas 'cutover_fleet'); the coordination tables must "
                          "stay put");

    cr_assert(config_set(&cfg, "admin", "dsn", "host=db", err, sizeof(err)));
    cr_assert(config_set(&cfg, "fleet", "member", "pod-1.ns:6432", err, sizeof(err)));
    cr_assert(config_set(&cfg, "fleet", "lease", "3s", err, sizeof(err)));
    cr_assert(config_set(&cfg, "deployment", "schemas", "app", err, sizeof(err)));
    cr_assert(config_set(&cfg, "fleet", "schema", "cutover_marker_dbt_deploy", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "fleet.schema: 'cutover_marker_dbt_deploy' is the marker pair "
                          "(deployment.marker_schema)");
    cr_assert(config_set(&cfg, "fleet", "schema", "fleet_coord", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    cr_assert_not(config_set(&cfg, "fleet", "on_member_lost", "wait", err, sizeof(err)));
    cr_assert(config_set(&cfg, "fleet", "on_member_lost", "abort", err, sizeof(err)));
    cr_assert_eq(cfg.fleet_on_member_lost, CONFIG_FLEET_LOST_ABORT);
    cr_assert_not(config_set(&cfg, "fleet", "heartbeat_interval", "10ms", err, sizeof(err)));
}

Test(config, unix_socket_path_follows_the_listen_port)
{
    char path[108];
    cr_assert_null(cfg.unix_socket_dir);
    cr_assert_eq(cfg.unix_socket_mode, 0777);
    cr_assert_not(config_unix_socket_path(&cfg, path, sizeof path));
    cr_assert(config_set(&cfg, "proxy", "unix_socket_dir", "/run/cutover", err, sizeof(err)));
    cr_assert(config_set(&cfg, "proxy", "listen", "[::1]:7432", err, sizeof(err)));
    cr_assert(config_unix_socket_path(&cfg, path, sizeof path));
    cr_assert_str_eq(path, "/run/cutover/.s.PGSQL.7432");
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    /* sun_path holds 107 bytes and a NUL: a longer path is refused up front. */
    char dir[120];
    memset(dir, 'd', 95);
    dir[0] = '/';
    dir[95] = '\0';
    cr_assert(config_set(&cfg, "proxy", "unix_socket_dir", dir, err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    char want[256];
    snprintf(want, sizeof want,
             "proxy.unix_socket_dir: '%s/.s.PGSQL.PORT' is longer than 107 bytes", dir);
    cr_assert_str_eq(err, want);
    dir[90] = '\0'; /* 90 + 14 ("/.s.PGSQL.7432") = 104 bytes: fits */
    cr_assert(config_set(&cfg, "proxy", "unix_socket_dir", dir, err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    cfg.unix_socket_mode = 01777; /* filled by hand: the parser would refuse it */
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "proxy.unix_socket_mode: 1777 is not a permission mode");
}

/* ---- reload and show ---- */

Test(config, diff_unreloadable)
{
    struct config neu;
    cr_assert(config_init_defaults(&neu));
    cr_assert_eq(config_diff_unreloadable(&cfg, &neu, err, sizeof(err)), 0);
    cr_assert_str_eq(err, "");
    cr_assert(config_set(&neu, "proxy", "listen", "127.0.0.1:9999", err, sizeof(err)));
    cr_assert(config_set(&neu, "proxy", "max_client_conn", "5", err, sizeof(err)));
    cr_assert(config_set(&neu, "backend", "dialect", "postgres", err, sizeof(err)));
    cr_assert(config_set(&neu, "log", "level", "debug", err, sizeof(err)));
    cr_assert_eq(config_diff_unreloadable(&cfg, &neu, err, sizeof(err)), 2);
    cr_assert_str_eq(err, "proxy.listen: '127.0.0.1:6432' -> '127.0.0.1:9999' needs a restart; "
                          "keeping '127.0.0.1:6432'\n"
                          "backend.dialect: 'materialize' -> 'postgres' needs a restart; keeping "
                          "'materialize'");
    config_free(&neu);
}

struct shown {
    char text[8192]; /* "section.key=value\n" lines */
    int keys;        /* emit calls */
    int helps;       /* with non-empty help */
};

static void collect(const char *section, const char *key, const char *value, const char *help,
                    void *arg)
{
    struct shown *s = arg;
    size_t n = strlen(s->text);
    snprintf(s->text + n, sizeof(s->text) - n, "%s.%s=%s\n", section, key, value);
    s->keys++;
    s->helps += help && *help;
}

static void show(struct shown *s)
{
    memset(s, 0, sizeof(*s));
    config_foreach(&cfg, collect, s);
}

Test(config, foreach_shows_every_key_in_file_syntax)
{
    struct shown s;
    cr_assert(load("[proxy]\nbuffer_limit = 1048576\nstartup_timeout = 90s\n"
                   "[deployment]\nschemas = a, b\n[admin]\nsocket_mode = 660\n"),
              "%s", err);
    show(&s);
    cr_assert_eq(s.keys, CONFIG_KEYS);
    cr_assert_eq(s.helps, CONFIG_KEYS);
    cr_assert(strstr(s.text, "proxy.buffer_limit=1MB\n"), "%s", s.text);
    cr_assert(strstr(s.text, "proxy.startup_timeout=90s\n"), "%s", s.text);
    cr_assert(strstr(s.text, "proxy.shutdown_timeout=30s\n"), "%s", s.text);
    cr_assert(strstr(s.text, "proxy.max_message_size=64MB\n"), "%s", s.text);
    cr_assert(strstr(s.text, "deployment.schemas=a,b\n"), "%s", s.text);
    cr_assert(strstr(s.text, "admin.socket_mode=0660\n"), "%s", s.text);
    cr_assert(strstr(s.text, "backend.sslmode=prefer\n"), "%s", s.text);
    cr_assert(strstr(s.text, "tls.required=off\n"), "%s", s.text);
    cr_assert(strstr(s.text, "proxy.deploy_listen=\n"), "%s", s.text);
}

Test(config, validate_auth_query)
{
    /* Off by default: PgBouncer's query waits for a user to run it as. */
    cr_assert_null(cfg.auth_user);
    cr_assert_null(cfg.auth_dsn);
    cr_assert_str_eq(cfg.auth_query, "SELECT usename, passwd FROM pg_shadow WHERE usename=$1");
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    cr_assert(config_set(&cfg, "auth", "dsn", "host=db", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "auth.dsn: has no effect without auth.user");

    /* Materialize: no catalog of verifiers; no dsn at all; no query. */
    cr_assert(config_set(&cfg, "auth", "dsn", "", err, sizeof(err)));
    cr_assert(config_set(&cfg, "auth", "user", "cutover_auth", err, sizeof(err)));
    cr_assert(config_set(&cfg, "auth", "query", "", err, sizeof(err)));
    cr_assert_not(config_validate(&cfg, err, sizeof(err)));
    cr_assert_str_eq(err, "auth.user: the auth query needs backend.dialect = postgres (Materialize "
                          "has no catalog of verifiers to query; use auth.file)\n"
                          "auth.user: needs auth.dsn or admin.dsn (where the auth query connects)\n"
                          "auth.query: must be set when auth.user is");

    /* admin.dsn stands in for auth.dsn. */
    cr_assert(config_set(&cfg, "backend", "dialect", "postgres", err, sizeof(err)));
    cr_assert(config_set(&cfg, "auth", "query", "SELECT * FROM cutover_auth.get_auth($1)", err,
                         sizeof(err)));
    cr_assert(config_set(&cfg, "admin", "dsn", "host=db user=admin", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);
    cr_assert(config_set(&cfg, "admin", "dsn", "", err, sizeof(err)));
    cr_assert(config_set(&cfg, "auth", "dsn", "host=db password=hunter2", err, sizeof(err)));
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);

    /* Its password is never shown. */
    struct shown s;
    show(&s);
    cr_assert(strstr(s.text, "auth.dsn=host=db password=********\n"), "%s", s.text);
    cr_assert_null(strstr(s.text, "hunter2"));
}

Test(config, show_masks_dsn_password)
{
    static const struct {
        const char *dsn;   /* as configured */
        const char *shown; /* as shown */
    } cases[] = {
        {"host=db user=u password=hunter2 dbname=d", "host=db user=u password=******** dbname=d"},
        {"password = 'two words\\' x' host=db", "password = '********' host=db"},
        {"host=db password=hunter2", "host=db password=********"},
        {"postgresql://u:hunter2@db:6875/m?sslmode=require",
         "postgresql://u:********@db:6875/m?sslmode=require"},
        {"postgres://u@db/m?application_name=x&password=hunter2&sslmode=require",
         "postgres://u@db/m?application_name=x&password=********&sslmode=require"},
        {"host=db user=passwordless", "host=db user=passwordless"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct shown s;
        cr_assert(config_set(&cfg, "admin", "dsn", cases[i].dsn, err, sizeof(err)), "%s", err);
        show(&s);
        char want[256];
        snprintf(want, sizeof(want), "admin.dsn=%s\n", cases[i].shown);
        cr_assert(strstr(s.text, want), "%s\nwanted %s", s.text, want);
        cr_assert_null(strstr(s.text, "hunter2"));
        cr_assert_null(strstr(s.text, "two words"));
    }
    cr_assert(config_set(&cfg, "admin", "dsn", "password='x'", err, sizeof(err)));
    cr_assert_str_eq(cfg.admin_dsn, "password='x'", "the stored value is not masked");
}

/* ---- conf/ ---- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *buf = malloc(1 << 16);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

Test(config, cutover_ini_equals_the_table)
{
    size_t len;
    char *file = read_all(CUTOVER_SOURCE_DIR "/conf/cutover.ini", &len);
    char *gen = NULL;
    size_t genlen = 0;
    FILE *mem = open_memstream(&gen, &genlen);
    config_write_defaults(mem);
    fclose(mem);
    cr_assert_str_eq(file, gen,
                     "conf/cutover.ini is out of date: regenerate it with "
                     "config_write_defaults()");
    cr_assert(load(file), "%s", err);

    /* Uncommenting every key must give exactly the defaults. */
    for (char *p = gen; *p; p++)
        if (*p == ';' && (p == gen || p[-1] == '\n'))
            *p = ' ';
    struct shown before, after;
    show(&before);
    cr_assert(load(gen), "%s", err);
    show(&after);
    cr_assert_str_eq(before.text, after.text);
    cr_assert_eq(after.keys, CONFIG_KEYS);
    free(file);
    free(gen);
}

Test(config, minimal_ini_loads_and_validates)
{
    cr_assert(config_load_file(&cfg, CUTOVER_SOURCE_DIR "/conf/minimal.ini", err, sizeof(err)),
              "%s", err);
    cr_assert(config_validate(&cfg, err, sizeof(err)), "%s", err);
    cr_assert_gt(cfg.nschemas, 0);
    cr_assert_not_null(cfg.admin_dsn);
}
