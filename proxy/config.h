/*
 * config.h: cutoverd's configuration, parsed from an INI file with inih.
 *
 * One table in config.c (section, key, type, default, reloadable, help) drives
 * parsing, defaults, validation, `show config`, --check and conf/cutover.ini.
 * A reload parses into a fresh struct, validates it, and only then replaces
 * the running one; keys marked not reloadable keep their old value and are
 * reported.
 */
#ifndef CUTOVER_PROXY_CONFIG_H
#define CUTOVER_PROXY_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_MAX_LIST 32 /* schemas or clusters in a deployment */
#define CONFIG_NAME_MAX 64 /* storage per name; at most 63 bytes accepted (NAMEDATALEN - 1) */

enum config_tls_mode {
    CONFIG_TLS_DISABLE,     /* never */
    CONFIG_TLS_PREFER,      /* try, fall back to plaintext (backend side only) */
    CONFIG_TLS_REQUIRE,     /* encrypted, no verification */
    CONFIG_TLS_VERIFY_CA,   /* encrypted, chain checked against the CA */
    CONFIG_TLS_VERIFY_FULL, /* chain and host name checked */
};

enum config_dialect {
    CONFIG_DIALECT_MATERIALIZE, /* ALTER ... SWAP WITH, clusters */
    CONFIG_DIALECT_POSTGRES,    /* three renames per schema, no clusters */
};

enum config_fleet_lost {
    CONFIG_FLEET_LOST_PROCEED, /* go on without it, name it in the reply */
    CONFIG_FLEET_LOST_ABORT,   /* end the promote as a barrier timeout */
};

enum config_log_level {
    CONFIG_LOG_ERROR,
    CONFIG_LOG_WARNING,
    CONFIG_LOG_INFO,
    CONFIG_LOG_DEBUG,
};

struct config {
    char *source_path; /* file this was read from; NULL for defaults only */

    /* [proxy] */
    char *listen;               /* HOST:PORT for the production route */
    char *deploy_listen;        /* HOST:PORT for the deploy route, NULL = none */
    char *previous_listen;      /* HOST:PORT for the previous route, NULL = none */
    char *unix_socket_dir;      /* directory of the production route's Unix socket, NULL = none */
    int unix_socket_mode;       /* octal permissions of that socket */
    int max_client_conn;        /* over it: 53300 */
    int startup_timeout_ms;     /* unauthenticated connection idle limit */
    int shutdown_timeout_ms;    /* SIGTERM drain limit */
    int client_idle_timeout_ms; /* idle outside a transaction; 0 = none */
    int idle_transaction_timeout_ms; /* idle inside a transaction; 0 = none */
    int query_timeout_ms;            /* a statement in flight; 0 = none */
    int query_wait_timeout_ms;       /* a statement held at the barrier; 0 = none */
    bool tcp_keepalive;              /* SO_KEEPALIVE on client and server sockets */
    int tcp_keepidle_ms, tcp_keepintvl_ms, tcp_keepcnt; /* 0 = the kernel's */
    size_t max_message_size;                            /* one protocol message, either direction */
    size_t buffer_limit;   /* bytes buffered per direction before reading stops */
    bool allow_core_dumps; /* off: non-dumpable and RLIMIT_CORE 0 at start */

    /* [backend] */
    char *backend; /* HOST:PORT of the server */
    enum config_dialect backend_dialect;
    int connect_timeout_ms;
    enum config_tls_mode backend_tls; /* backend_sslmode */
    char *backend_tls_ca_file;        /* for verify-ca / verify-full */
    char *backend_tls_cert_file;      /* client certificate, optional */
    char *backend_tls_key_file;

    /* [tls] client-facing */
    char *client_tls_cert_file; /* NULL = TLS not offered ('N' to SSLRequest) */
    char *client_tls_key_file;
    bool client_tls_required; /* refuse plaintext clients with 08004 */

    /* [admin] */
    char *admin_socket;       /* Unix socket path, NULL = none */
    int admin_socket_mode;    /* octal, default 0600 */
    char *admin_users;        /* comma list of user names or numeric uids allowed;
                                 empty = only the daemon's own uid (and root) */
    char *admin_dsn;          /* libpq conninfo for lifecycle statements */
    char *http_listen;        /* HOST:PORT for /metrics /healthz /readyz, NULL = none */
    int http_max_connections; /* HTTP connections open at once; one more is closed */

    /* [deployment] */
    size_t nschemas;
    char schemas[CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1];
    size_t nclusters;
    char clusters[CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1];
    char suffix[CONFIG_NAME_MAX + 1];        /* default "_dbt_deploy" */
    char marker_schema[CONFIG_NAME_MAX + 1]; /* default "cutover_marker" */
    int swap_pause_timeout_ms;               /* a client's own swap holds others at most this */
    size_t max_rewrite_size;                 /* Query/Parse bytes on a renaming route */

    /* [subscribe] */
    size_t subscribe_splice_memory;  /* bytes held per subscription while splicing */
    int subscribe_start_concurrency; /* new streams started at once after a swap */
    int subscribe_carry_wait_max_ms; /* cap on the carry-over's derived waits */
    int subscribe_max_sessions; /* server sessions the carry-over holds at most, 0 = no bound */
    int subscribe_server_keepalive_ms; /* Sync to a carried cursor's idle server session */

    /* [auth] */
    char *auth_file;  /* userlist.txt of SCRAM verifiers (docs/scram.md), NULL = relay always */
    char *auth_user;  /* role of the auth query (docs/scram.md), NULL = no auth query */
    char *auth_dsn;   /* libpq conninfo of its connection, NULL = admin_dsn */
    char *auth_query; /* statement: $1 = user name -> (name, verifier) */

    /* [fleet] (docs/fleet.md) */
    bool fleet_enabled;                          /* a member of a fleet coordinated on the server */
    char *fleet_member;                          /* unique member name, NULL = <hostname>:<port> */
    char *fleet_address;                         /* what `fleet` prints, NULL = the member name */
    char fleet_schema[CONFIG_NAME_MAX + 1];      /* coordination schema, default "cutover_fleet" */
    int fleet_heartbeat_interval_ms;             /* how often the member's row is refreshed */
    int fleet_lease_ms;                          /* a heartbeat older than this: member gone */
    enum config_fleet_lost fleet_on_member_lost; /* a member gone during a promote */

    /* [log] */
    enum config_log_level log_level;
    char *log_file; /* NULL = stderr */
};

/* Fills `c` with every default. Never fails except on allocation (false). */
bool config_init_defaults(struct config *c);

/*
 * Reads `path` over the defaults already in `c`. On any error returns false
 * and writes "file:line: key: what is wrong" (one line per error, at most
 * errlen bytes) into `err`. Unknown sections and keys are errors.
 */
bool config_load_file(struct config *c, const char *path, char *err, size_t errlen);

/* Applies one "section.key = value" style override (command line flags). */
bool config_set(struct config *c, const char *section, const char *key, const char *value,
                char *err, size_t errlen);

/* Cross-field checks (TLS files readable, addresses parse, ...). */
bool config_validate(const struct config *c, char *err, size_t errlen);

void config_free(struct config *c);

/*
 * Lists, into `err`, the keys that differ between `old` and `neu` and cannot
 * be reloaded; returns how many. Used by SIGHUP and `reload`.
 */
int config_diff_unreloadable(const struct config *old, const struct config *neu, char *err,
                             size_t errlen);

/* Calls `emit` once per key with its section, name, current value as text, and
 * help; for `show config`. */
typedef void (*config_emit_fn)(const char *section, const char *key, const char *value,
                               const char *help, void *arg);
void config_foreach(const struct config *c, config_emit_fn emit, void *arg);

/* Parses "HOST:PORT" ("[::1]:5432" for IPv6) into host (malloc'd) and port. */
bool config_parse_hostport(const char *s, char **host, int *port);

/*
 * The production route's Unix socket path, "<unix_socket_dir>/.s.PGSQL.<port
 * of listen>", into `out`. False when there is none (no unix_socket_dir) or it
 * does not fit (`out` then holds what fitted; config_validate reports that).
 */
bool config_unix_socket_path(const struct config *c, char *out, size_t outlen);

/*
 * Like config_load_file, but parses `len` bytes of `text` (need not be
 * NUL-terminated); `name` stands for the file name in error messages. The
 * entry point the fuzzer uses. On failure `c` may hold some of the new values:
 * callers parse into a fresh struct and config_free it.
 */
bool config_load_string(struct config *c, const char *name, const char *text, size_t len, char *err,
                        size_t errlen);

/*
 * Writes an INI file listing every key, commented out, with its default and
 * help text: the content of conf/cutover.ini (a unit test keeps them equal).
 */
void config_write_defaults(FILE *f);

#endif
