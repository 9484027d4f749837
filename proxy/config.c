/*
 * config.c: the one table of cutoverd's settings and everything it drives.
 *
 * Each key is one row of cfg_keys[] (section, key, type, default as text,
 * reloadable, help). Defaults are applied by parsing the default text with
 * the same code that parses the file, so a default can never be something the
 * file could not say. inih splits the file into lines; our own line reader in
 * front of it counts lines (Debian's libinih is built without
 * INI_HANDLER_LINENO), reports syntax errors itself and strips indentation so
 * inih's continuation lines never apply. Every error is collected, not only
 * the first.
 */
#include "proxy/config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes. */
#define CFG_IDENT_MAX 63
#define CFG_MASK      "********"

_Static_assert(sizeof(enum config_tls_mode) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(enum config_dialect) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(enum config_log_level) == sizeof(int), "enum stored as int");

enum cfg_type {
    CFG_STRING,   /* char *, empty = NULL */
    CFG_INT,      /* int, decimal */
    CFG_SIZE,     /* size_t, with B/kB/MB/GB/TB */
    CFG_DURATION, /* int milliseconds, with ms/s/min/h */
    CFG_BOOL,     /* bool: on/off/true/false/yes/no/1/0 */
    CFG_ENUM,     /* int, one of names[] (index = value) */
    CFG_LIST,     /* char [CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1] plus a size_t count */
    CFG_NAMES,    /* char *, comma list of identifiers, kept normalized ("a,b") */
    CFG_IDENT,    /* char [CONFIG_NAME_MAX + 1], one identifier */
    CFG_MODE,     /* int, octal file mode */
};

struct cfg_key {
    const char *section;      /* INI section without brackets */
    const char *key;          /* key within the section */
    enum cfg_type type;       /* how the text is parsed and stored */
    size_t off;               /* field offset in struct config */
    size_t count_off;         /* CFG_LIST: offset of the size_t count */
    const char *def;          /* default, as it would be written in the file */
    bool reloadable;          /* a reload may change it without a restart */
    bool secret;              /* value holds a password: masked when shown */
    const char *const *names; /* CFG_ENUM: accepted spellings, index = value */
    long long min, max;       /* CFG_INT/SIZE/DURATION bounds (max 0 = none) */
    const char *help;         /* one paragraph for show config and cutover.ini */
};

static const char *const cfg_dialects[] = {"materialize", "postgres", NULL};
static const char *const cfg_sslmodes[] = {"disable",   "prefer",      "require",
                                           "verify-ca", "verify-full", NULL};
static const char *const cfg_fleet_lost[] = {"proceed", "abort", NULL};
static const char *const cfg_levels[] = {"error", "warning", "info", "debug", NULL};

#define OFF(f) offsetof(struct config, f)
#define KB     1024LL
#define MB     (1024LL * 1024)
#define GB     (1024LL * 1024 * 1024)

static const struct cfg_key cfg_keys[] = {
    {"proxy", "listen", CFG_STRING, OFF(listen), 0, "127.0.0.1:6432", false, false, NULL, 0, 0,
     "HOST:PORT where clients connect for the production route ([::1]:6432 for IPv6)."},
    {"proxy", "deploy_listen", CFG_STRING, OFF(deploy_listen), 0, "", false, false, NULL, 0, 0,
     "HOST:PORT for the deploy route (the *_dbt_deploy schemas and clusters under production "
     "names). Empty: no such listener; options=-c cutover.route=deploy still works."},
    {"proxy", "previous_listen", CFG_STRING, OFF(previous_listen), 0, "", false, false, NULL, 0, 0,
     "HOST:PORT for the previous route (the environment that was production before the last "
     "promote). Empty: no such listener."},
    {"proxy", "unix_socket_dir", CFG_STRING, OFF(unix_socket_dir), 0, "", false, false, NULL, 0, 0,
     "Directory of a Unix-domain socket for the production route, named .s.PGSQL.PORT after "
     "the port of listen, as PostgreSQL and PgBouncer name theirs (psql -h DIR -p PORT). A stale "
     "socket left there is replaced; one in use is an error. Empty: no Unix socket."},
    {"proxy", "unix_socket_mode", CFG_MODE, OFF(unix_socket_mode), 0, "0777", false, false, NULL, 0,
     0, "Octal permissions of the socket in unix_socket_dir."},
    {"proxy", "max_client_conn", CFG_INT, OFF(max_client_conn), 0, "1000", true, false, NULL, 1,
     1000000,
     "Client connections accepted at once; one more is refused with SQLSTATE 53300. Each takes "
     "two open files: at start and on reload the soft RLIMIT_NOFILE is raised to 2 per "
     "connection plus 64, up to the hard limit, and a shortfall is logged."},
    {"proxy", "startup_timeout", CFG_DURATION, OFF(startup_timeout_ms), 0, "10s", true, false, NULL,
     1, INT_MAX,
     "How long a connection may take from accept to ReadyForQuery (TLS and "
     "authentication included) before it is closed."},
    {"proxy", "shutdown_timeout", CFG_DURATION, OFF(shutdown_timeout_ms), 0, "30s", true, false,
     NULL, 0, INT_MAX,
     "On SIGTERM, how long sessions may finish their transactions before they "
     "are closed."},
    {"proxy", "client_idle_timeout", CFG_DURATION, OFF(client_idle_timeout_ms), 0, "0", true, false,
     NULL, 0, INT_MAX,
     "A session idle outside a transaction longer than this is closed (FATAL 57P05, as "
     "PostgreSQL's idle_session_timeout). 0: never."},
    {"proxy", "idle_transaction_timeout", CFG_DURATION, OFF(idle_transaction_timeout_ms), 0, "0",
     true, false, NULL, 0, INT_MAX,
     "A session idle inside a transaction longer than this is closed (FATAL 25P03, as "
     "PostgreSQL's idle_in_transaction_session_timeout); the server rolls the transaction back. "
     "Such a session also holds every promote at its barrier. 0: never."},
    {"proxy", "query_timeout", CFG_DURATION, OFF(query_timeout_ms), 0, "0", true, false, NULL, 0,
     INT_MAX,
     "A statement (or pipelined batch) running longer than this is cancelled on the server "
     "(the client gets the server's 57014 and the session lives on); if the server has not ended "
     "it after the same time again, the session is closed. SUBSCRIBE streams are exempt. 0: "
     "never."},
    {"proxy", "query_wait_timeout", CFG_DURATION, OFF(query_wait_timeout_ms), 0, "0", true, false,
     NULL, 0, INT_MAX,
     "A statement held at the barrier (a promote or a deployment swap pausing the sessions) "
     "longer than this ends its session with FATAL 57014, as PgBouncer's query_wait_timeout; "
     "the promote goes on for the others. 0: no limit of its own, the pause's timeout "
     "([deployment] swap_pause_timeout, --pause-timeout) bounds the wait."},
    {"proxy", "tcp_keepalive", CFG_BOOL, OFF(tcp_keepalive), 0, "on", true, false, NULL, 0, 0,
     "TCP keepalive on client and server connections, so that a peer gone without a FIN "
     "(a crashed host, a dropped NAT entry) is noticed."},
    {"proxy", "tcp_keepidle", CFG_DURATION, OFF(tcp_keepidle_ms), 0, "0", true, false, NULL, 0,
     INT_MAX, "Idle time before the first keepalive probe (whole seconds). 0: the kernel's."},
    {"proxy", "tcp_keepintvl", CFG_DURATION, OFF(tcp_keepintvl_ms), 0, "0", true, false, NULL, 0,
     INT_MAX, "Time between keepalive probes (whole seconds). 0: the kernel's."},
    {"proxy", "tcp_keepcnt", CFG_INT, OFF(tcp_keepcnt), 0, "0", true, false, NULL, 0, 1000,
     "Unanswered keepalive probes before the connection is dropped. 0: the kernel's."},
    {"proxy", "max_message_size", CFG_SIZE, OFF(max_message_size), 0, "64MB", true, false, NULL, KB,
     GB,
     "Largest protocol message accepted in either direction (1kB to 1GB); larger ones "
     "close the connection with SQLSTATE 08P01."},
    {"proxy", "buffer_limit", CFG_SIZE, OFF(buffer_limit), 0, "256kB", true, false, NULL, 8 * KB,
     GB,
     "Bytes queued towards one side before cutover stops reading the other (at least 8kB); "
     "reading resumes below half of it. Applies to new connections."},

    {"proxy", "allow_core_dumps", CFG_BOOL, OFF(allow_core_dumps), 0, "off", false, false, NULL, 0,
     0,
     "off: at start cutoverd makes itself non-dumpable (prctl PR_SET_DUMPABLE 0) and sets "
     "RLIMIT_CORE to 0, so that a crash writes no core file holding client passwords, SCRAM "
     "keys or the admin DSN. on: leave both as the environment set them (for debugging)."},

    {"backend", "address", CFG_STRING, OFF(backend), 0, "127.0.0.1:6875", false, false, NULL, 0, 0,
     "HOST:PORT of the Materialize or PostgreSQL server."},
    {"backend", "dialect", CFG_ENUM, OFF(backend_dialect), 0, "materialize", false, false,
     cfg_dialects, 0, 0,
     "materialize (ALTER ... SWAP WITH, schemas and clusters) or postgres "
     "(three renames per schema, no clusters)."},
    {"backend", "connect_timeout", CFG_DURATION, OFF(connect_timeout_ms), 0, "5s", true, false,
     NULL, 1, INT_MAX, "Limit on the TCP connect and TLS handshake to the backend."},
    {"backend", "sslmode", CFG_ENUM, OFF(backend_tls), 0, "prefer", true, false, cfg_sslmodes, 0, 0,
     "TLS to the backend, as libpq's sslmode: disable, prefer, require (no verification), "
     "verify-ca (chain checked against sslrootcert), verify-full (chain and host name)."},
    {"backend", "sslrootcert", CFG_STRING, OFF(backend_tls_ca_file), 0, "", true, false, NULL, 0, 0,
     "PEM file of the CA certificates trusted for the backend; needed by verify-ca and "
     "verify-full."},
    {"backend", "sslcert", CFG_STRING, OFF(backend_tls_cert_file), 0, "", true, false, NULL, 0, 0,
     "PEM client certificate presented to the backend (optional, with sslkey)."},
    {"backend", "sslkey", CFG_STRING, OFF(backend_tls_key_file), 0, "", true, false, NULL, 0, 0,
     "PEM private key of sslcert."},

    {"tls", "cert_file", CFG_STRING, OFF(client_tls_cert_file), 0, "", true, false, NULL, 0, 0,
     "PEM certificate chain offered to clients. Empty: SSLRequest is answered 'N'. A reload "
     "re-reads the files."},
    {"tls", "key_file", CFG_STRING, OFF(client_tls_key_file), 0, "", true, false, NULL, 0, 0,
     "PEM private key of cert_file."},
    {"tls", "required", CFG_BOOL, OFF(client_tls_required), 0, "off", true, false, NULL, 0, 0,
     "Refuse clients that do not use TLS (SQLSTATE 08004). Needs cert_file."},

    {"admin", "socket", CFG_STRING, OFF(admin_socket), 0, "auto", false, false, NULL, 0, 0,
     "Unix socket for cutoverctl and the admin commands. auto: admin.sock in a private "
     "directory, /run/cutover when root, else $XDG_RUNTIME_DIR/cutover (or /run/cutover if it "
     "is yours), created 0700. A path: its directory must be writable by its owner only (you or "
     "root). cutoverd refuses to start when the socket cannot be created safely. Empty: no "
     "admin socket."},
    {"admin", "socket_mode", CFG_MODE, OFF(admin_socket_mode), 0, "0600", false, false, NULL, 0, 0,
     "Octal permissions of the admin socket (must include 0600). Peers are also checked by uid."},
    {"admin", "users", CFG_NAMES, OFF(admin_users), 0, "", true, false, NULL, 0, 0,
     "Comma list of user names or numeric uids allowed on the admin socket besides the daemon's "
     "own uid and root."},
    {"admin", "dsn", CFG_STRING, OFF(admin_dsn), 0, "", true, true, NULL, 0, 0,
     "libpq connection string the deployment lifecycle (deploy init, promote, ...) uses. Its "
     "password is never shown."},
    {"admin", "http_listen", CFG_STRING, OFF(http_listen), 0, "", false, false, NULL, 0, 0,
     "HOST:PORT serving /metrics, /healthz and /readyz. Empty: no HTTP listener."},
    {"admin", "http_max_connections", CFG_INT, OFF(http_max_connections), 0, "64", false, false,
     NULL, 1, 65536,
     "Connections the HTTP listener keeps open at once; one more is closed as soon as it is "
     "accepted, counted in cutover_http_connections_refused_total and logged (a warning at most "
     "every 10 s)."},

    {"deployment", "schemas", CFG_LIST, OFF(schemas), OFF(nschemas), "", true, false, NULL, 0, 0,
     "Comma list of the production schemas a deployment swaps."},
    {"deployment", "clusters", CFG_LIST, OFF(clusters), OFF(nclusters), "", true, false, NULL, 0, 0,
     "Comma list of the production clusters a deployment swaps (Materialize only)."},
    {"deployment", "suffix", CFG_IDENT, OFF(suffix), 0, "_dbt_deploy", true, false, NULL, 0, 0,
     "Appended to a production name to name its deployment twin, as dbt-materialize does."},
    {"deployment", "marker_schema", CFG_IDENT, OFF(marker_schema), 0, "cutover_marker", true, false,
     NULL, 0, 0,
     "Schema pair (this name and this name with the suffix) whose swap, in the same transaction "
     "as the deployment's, records on the server whether it was promoted."},
    {"deployment", "swap_pause_timeout", CFG_DURATION, OFF(swap_pause_timeout_ms), 0, "10s", true,
     false, NULL, 1, INT_MAX,
     "A deployment swap a client sends through the proxy (dbt's deploy_promote) waits until no "
     "other session is inside a transaction, and new statements wait while its transaction is "
     "open; both together at most this long, then everything goes on (with a warning)."},

    {"deployment", "max_rewrite_size", CFG_SIZE, OFF(max_rewrite_size), 0, "1MB", true, false, NULL,
     KB, GB,
     "Largest Query or Parse message accepted on a route that renames (deploy, previous): the "
     "rewriter holds up to 16 bytes per input byte while it works. Larger statements close the "
     "session with SQLSTATE 54000 (program_limit_exceeded). 1kB to 1GB; the smaller of this and "
     "proxy.max_message_size applies."},

    {"subscribe", "splice_memory", CFG_SIZE, OFF(subscribe_splice_memory), 0, "16MB", true, false,
     NULL, 64 * KB, 64 * GB,
     "Bytes one SUBSCRIBE may hold while it is spliced across a promote "
     "(at least 64kB); over it the subscription ends with an error."},
    {"subscribe", "start_concurrency", CFG_INT, OFF(subscribe_start_concurrency), 0, "8", true,
     false, NULL, 1, 1024,
     "SUBSCRIBEs carried over a swap log in to the new environment this many at a time (1 to "
     "1024); the others keep streaming the old one until their turn. A slot is free again once "
     "the stream's statement is sent: the new streams hydrate side by side, so the promote does "
     "not wait N / start_concurrency hydrations. Fewer spread the server's logins, more finish "
     "the promote sooner."},
    {"subscribe", "max_sessions", CFG_INT, OFF(subscribe_max_sessions), 0, "1000", true, false,
     NULL, 0, 1000000,
     "Server sessions the SUBSCRIBE carry-over may hold at once (each carried stream holds one "
     "beside the client's own session for as long as it runs; 0 = no bound). A subscription "
     "that would need one more ends with ZC002 at the swap and the others are carried. A second "
     "swap (rollback) of carried streams goes over it by at most start_concurrency while their "
     "previous sessions close. Keep it below the server's max_connections minus the clients' "
     "own sessions: the daemon's admin session for cleanup is reserved before it."},
    {"subscribe", "carry_wait_max", CFG_DURATION, OFF(subscribe_carry_wait_max_ms), 0, "5min", true,
     false, NULL, 1000, INT_MAX,
     "Cap on every wait of a SUBSCRIBE carry-over. The waits themselves are multiples of the "
     "progress interval the streams show and of how long new streams took to start (see "
     "docs/subscribe.md); this only bounds them (at least 1s)."},
    {"subscribe", "server_keepalive", CFG_DURATION, OFF(subscribe_server_keepalive_ms), 0, "30s",
     true, false, NULL, 0, INT_MAX,
     "While the proxy answers a carried cursor's FETCHes, the client's own server session waits "
     "in its open transaction; as long as the client keeps reading, the proxy sends that session "
     "a Sync this often so that the server's idle_in_transaction_session_timeout (Materialize: "
     "120s) does not end it. Keep it below that timeout; 0 turns it off."},

    {"auth", "file", CFG_STRING, OFF(auth_file), 0, "", true, false, NULL, 0, 0,
     "SCRAM pass-through: a file of users and their SCRAM-SHA-256 verifiers in PgBouncer's "
     "userlist.txt format (\"user\" \"SCRAM-SHA-256$...\"). A user listed there "
     "authenticates to cutover, which then logs in to the server with the key recovered from "
     "the client's proof (channel binding on both sides, SUBSCRIBE carry-over under SCRAM); "
     "other users' authentication is relayed. Re-read on reload; a file that does not load "
     "fails the reload and the previous users stay. Empty: authentication is always relayed."},
    {"auth", "user", CFG_STRING, OFF(auth_user), 0, "", true, false, NULL, 0, 0,
     "SCRAM pass-through for users absent from the auth file (PostgreSQL only, as PgBouncer's "
     "auth_user): the role that runs auth.query on a connection of its own, per login, to "
     "fetch the user's verifier. A user the query does not find, or whose verifier is not "
     "SCRAM-SHA-256, is relayed; so is everyone when the lookup fails (after at most "
     "backend.connect_timeout). Replaces the user of the connection string (auth.dsn). Empty: "
     "no auth query."},
    {"auth", "dsn", CFG_STRING, OFF(auth_dsn), 0, "", true, true, NULL, 0, 0,
     "libpq connection string of the auth query's connection (host, port, dbname, sslmode, "
     "password of auth.user); its user is replaced by auth.user. A host name is looked up "
     "without blocking the event loop. Empty: admin.dsn. Its password is never shown."},
    {"auth", "query", CFG_STRING, OFF(auth_query), 0,
     "SELECT usename, passwd FROM pg_shadow WHERE usename=$1", true, false, NULL, 0, 0,
     "Statement that returns the user name and the stored verifier of the user given as $1 "
     "(zero or one row). pg_shadow is readable by superusers only: point it at a SECURITY "
     "DEFINER function instead (README, Authentication)."},
    {"fleet", "enabled", CFG_BOOL, OFF(fleet_enabled), 0, "off", false, false, NULL, 0, 0,
     "Make this cutoverd a member of a fleet of sidecars in front of one server: a promote, "
     "rollback or cleanup run on any member holds the clients of every live member and switches "
     "them all as one event, coordinated through tables on the server (docs/fleet.md). Needs "
     "admin.dsn. Off: nothing of the fleet runs."},
    {"fleet", "member", CFG_STRING, OFF(fleet_member), 0, "", false, false, NULL, 0, 0,
     "This member's name, unique in the fleet and stable across restarts (letters, digits and "
     "_ . : -, at most 63 bytes). Empty: <hostname>:<port of proxy.listen>."},
    {"fleet", "address", CFG_STRING, OFF(fleet_address), 0, "", false, false, NULL, 0, 0,
     "What `cutoverctl fleet` shows as this member's address (a pod IP). Empty: the member name."},
    {"fleet", "schema", CFG_IDENT, OFF(fleet_schema), 0, "cutover_fleet", false, false, NULL, 0, 0,
     "Schema of the coordination tables (members, intent, reports), created on the server when "
     "missing. It must not be a deployment schema, a twin or the marker pair."},
    {"fleet", "heartbeat_interval", CFG_DURATION, OFF(fleet_heartbeat_interval_ms), 0, "1s", false,
     false, NULL, 100, INT_MAX, "How often a member refreshes its row (at least 100ms)."},
    {"fleet", "lease", CFG_DURATION, OFF(fleet_lease_ms), 0, "3s", false, false, NULL, 300, INT_MAX,
     "A member whose heartbeat is older than this counts as gone: a promote stops waiting for "
     "it. At least twice heartbeat_interval plus 1s."},
    {"fleet", "on_member_lost", CFG_ENUM, OFF(fleet_on_member_lost), 0, "proceed", false, false,
     cfg_fleet_lost, 0, 0,
     "A member that was live when a promote began and is gone before it reported: proceed (swap "
     "without it and name it in the reply; its clients died with it) or abort (nothing swapped, "
     "the promote fails as a barrier timeout)."},

    {"log", "level", CFG_ENUM, OFF(log_level), 0, "info", true, false, cfg_levels, 0, 0,
     "error, warning, info or debug."},
    {"log", "file", CFG_STRING, OFF(log_file), 0, "", true, false, NULL, 0, 0,
     "Log file, reopened on reload. Empty: standard error."},
};

#define CFG_NKEYS (sizeof(cfg_keys) / sizeof(cfg_keys[0]))

/* ---- error collection ---------------------------------------------------- */

/* Errors go into the caller's buffer one per line; when it is full the rest
 * are counted but dropped, and the buffer ends with "..." so that a cut is
 * visible. */
struct cfg_errs {
    char *buf;  /* caller's buffer, may be NULL */
    size_t cap; /* its size */
    size_t len; /* bytes used, excluding the NUL */
    int count;  /* errors reported, including dropped ones */
    bool cut;   /* some were dropped and "..." was written */
};

static void cfg_errs_init(struct cfg_errs *e, char *buf, size_t cap)
{
    e->buf = buf;
    e->cap = buf ? cap : 0;
    e->len = 0;
    e->count = 0;
    e->cut = false;
    if (e->cap > 0)
        e->buf[0] = '\0';
}

__attribute__((format(printf, 2, 3))) static void cfg_err(struct cfg_errs *e, const char *fmt, ...)
{
    char line[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    e->count++;
    if (e->cap == 0)
        return;
    size_t need = strlen(line) + (e->len > 0 ? 1 : 0);
    if (!e->cut && e->len + need + 1 <= e->cap) {
        if (e->len > 0)
            e->buf[e->len++] = '\n';
        memcpy(e->buf + e->len, line, strlen(line) + 1);
        e->len += strlen(line);
    } else if (!e->cut && e->len + 4 + 1 <= e->cap) {
        memcpy(e->buf + e->len, "\n...", 5);
        e->len += 4;
        e->cut = true;
    } else {
        e->cut = true;
    }
}

/* ---- value parsers ------------------------------------------------------- */

static bool cfg_streq_ci(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

/* Unsigned decimal, no sign, no leading blanks; *end points after it. */
static bool cfg_parse_u64(const char *s, unsigned long long *out, const char **end)
{
    if (!isdigit((unsigned char)*s))
        return false;
    errno = 0;
    char *e;
    unsigned long long v = strtoull(s, &e, 10);
    if (errno == ERANGE)
        return false;
    *out = v;
    *end = e;
    return true;
}

static const char *cfg_skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

struct cfg_unit {
    const char *name;       /* spelling, compared case-insensitively */
    unsigned long long mul; /* in bytes or milliseconds */
};

static const struct cfg_unit cfg_size_units[] = {
    {"", 1},
    {"B", 1},
    {"kB", 1ULL << 10},
    {"MB", 1ULL << 20},
    {"GB", 1ULL << 30},
    {"TB", 1ULL << 40},
    {NULL, 0},
};
static const struct cfg_unit cfg_time_units[] = {
    {"ms", 1}, {"s", 1000}, {"min", 60000}, {"h", 3600000}, {NULL, 0},
};

/* NUMBER[ ]UNIT; a bare 0 is accepted without a unit for any kind. */
static bool cfg_parse_units(const char *s, const struct cfg_unit *units, unsigned long long *out,
                            char *why, size_t whylen, const char *what)
{
    unsigned long long n;
    const char *e;
    if (*s == '-') {
        /* "not a duration" would hide the mistake (0 turns the timeouts off). */
        snprintf(why, whylen, "'%s' is negative (a %s is 0 or more)", s, what);
        return false;
    }
    if (!cfg_parse_u64(s, &n, &e)) {
        snprintf(why, whylen, "'%s' is not a %s (a number and a unit)", s, what);
        return false;
    }
    e = cfg_skip_space(e);
    if (*e == '\0' && n == 0) {
        *out = 0;
        return true;
    }
    for (const struct cfg_unit *u = units; u->name; u++) {
        if (cfg_streq_ci(e, u->name)) {
            if (n > ULLONG_MAX / u->mul) {
                snprintf(why, whylen, "'%s' is too large", s);
                return false;
            }
            *out = n * u->mul;
            return true;
        }
    }
    if (*e == '\0')
        snprintf(why, whylen, "'%s' needs a unit (%s)", s,
                 units == cfg_time_units ? "ms, s, min, h" : "B, kB, MB, GB, TB");
    else
        snprintf(why, whylen, "'%s': unknown unit '%s' (%s)", s, e,
                 units == cfg_time_units ? "ms, s, min, h" : "B, kB, MB, GB, TB");
    return false;
}

static bool cfg_check_range(const struct cfg_key *k, unsigned long long v, const char *s, char *why,
                            size_t whylen)
{
    if (v < (unsigned long long)k->min || (k->max > 0 && v > (unsigned long long)k->max)) {
        /* A duration's upper bound is only what an int of milliseconds holds. */
        if (k->type == CFG_DURATION && k->max == INT_MAX && v < (unsigned long long)k->min)
            snprintf(why, whylen, "'%s' is too short (at least %lldms)", s, k->min);
        else if (k->type == CFG_DURATION && k->max == INT_MAX)
            snprintf(why, whylen, "'%s' is too long (at most %lldms)", s, k->max);
        else
            snprintf(why, whylen, "'%s' is out of range (%lld to %lld)", s, k->min, k->max);
        return false;
    }
    return true;
}

/* An identifier as the deployment code will put it into SQL: non-empty, at
 * most 63 bytes, no separators, blanks, quotes or control bytes. */
static bool cfg_check_ident(const char *p, size_t n, char *why, size_t whylen)
{
    if (n == 0) {
        snprintf(why, whylen, "empty name");
        return false;
    }
    if (n > CFG_IDENT_MAX) {
        snprintf(why, whylen, "name '%.*s' is longer than %d bytes", (int)n, p, CFG_IDENT_MAX);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch <= ' ' || ch == 0x7f || ch == ',' || ch == '"') {
            snprintf(why, whylen, "name '%.*s' contains a blank, comma, quote or control byte",
                     (int)n, p);
            return false;
        }
    }
    return true;
}

/*
 * Splits a comma list into identifiers, calling `add` per item; blanks around
 * commas are allowed. "" is an empty list.
 */
typedef bool (*cfg_item_fn)(const char *p, size_t n, void *arg, char *why, size_t whylen);

static bool cfg_split_list(const char *s, cfg_item_fn add, void *arg, char *why, size_t whylen)
{
    s = cfg_skip_space(s);
    if (*s == '\0')
        return true;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        const char *a = s, *b = s + n;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (a == b) {
            snprintf(why, whylen, "empty item in list '%s'", s);
            return false;
        }
        if (!cfg_check_ident(a, (size_t)(b - a), why, whylen))
            return false;
        if (!add(a, (size_t)(b - a), arg, why, whylen))
            return false;
        if (!comma)
            return true;
        s = comma + 1;
    }
}

struct cfg_list_acc {
    size_t n;                                         /* items so far */
    char items[CONFIG_MAX_LIST][CONFIG_NAME_MAX + 1]; /* NUL-terminated names */
};

static bool cfg_list_add(const char *p, size_t n, void *arg, char *why, size_t whylen)
{
    struct cfg_list_acc *acc = arg;
    if (acc->n >= CONFIG_MAX_LIST) {
        snprintf(why, whylen, "more than %d names", CONFIG_MAX_LIST);
        return false;
    }
    for (size_t i = 0; i < acc->n; i++) {
        if (strlen(acc->items[i]) == n && memcmp(acc->items[i], p, n) == 0) {
            snprintf(why, whylen, "'%.*s' is listed twice", (int)n, p);
            return false;
        }
    }
    memcpy(acc->items[acc->n], p, n);
    acc->items[acc->n][n] = '\0';
    acc->n++;
    return true;
}

struct cfg_names_acc {
    char *out;  /* normalized "a,b" */
    size_t len; /* bytes used */
};

static bool cfg_names_add(const char *p, size_t n, void *arg, char *why, size_t whylen)
{
    (void)why;
    (void)whylen;
    struct cfg_names_acc *acc = arg;
    if (acc->len > 0)
        acc->out[acc->len++] = ',';
    memcpy(acc->out + acc->len, p, n);
    acc->len += n;
    acc->out[acc->len] = '\0';
    return true;
}

static bool cfg_replace_string(char **slot, const char *value)
{
    char *v = NULL;
    if (value && *value) {
        v = strdup(value);
        if (!v)
            return false;
    }
    free(*slot);
    *slot = v;
    return true;
}

/* Parses `s` for key `k` and stores it into `c`; on failure `c` is unchanged
 * and `why` says what is wrong. */
/* Long on purpose: one switch over the config table's value types. */
static bool cfg_parse_value(const struct cfg_key *k, struct config *c, const char *s, char *why,
                            size_t whylen)
{
    char *field = (char *)c + k->off;
    unsigned long long v;
    const char *e;

    switch (k->type) {
    case CFG_STRING:
        if (!cfg_replace_string((char **)(void *)field, s)) {
            snprintf(why, whylen, "out of memory");
            return false;
        }
        return true;
    case CFG_INT:
        if (!cfg_parse_u64(s, &v, &e) || *e != '\0') {
            snprintf(why, whylen, "'%s' is not a whole number", s);
            return false;
        }
        if (!cfg_check_range(k, v, s, why, whylen))
            return false;
        *(int *)(void *)field = (int)v;
        return true;
    case CFG_SIZE:
        if (!cfg_parse_units(s, cfg_size_units, &v, why, whylen, "size"))
            return false;
        if (!cfg_check_range(k, v, s, why, whylen))
            return false;
        *(size_t *)(void *)field = (size_t)v;
        return true;
    case CFG_DURATION:
        if (!cfg_parse_units(s, cfg_time_units, &v, why, whylen, "duration"))
            return false;
        if (!cfg_check_range(k, v, s, why, whylen))
            return false;
        *(int *)(void *)field = (int)v;
        return true;
    case CFG_BOOL: {
        static const char *const yes[] = {"on", "true", "yes", "1"};
        static const char *const no[] = {"off", "false", "no", "0"};
        for (size_t i = 0; i < 4; i++) {
            if (cfg_streq_ci(s, yes[i])) {
                *(bool *)(void *)field = true;
                return true;
            }
            if (cfg_streq_ci(s, no[i])) {
                *(bool *)(void *)field = false;
                return true;
            }
        }
        snprintf(why, whylen, "'%s' is not a boolean (on/off, true/false, yes/no, 1/0)", s);
        return false;
    }
    case CFG_ENUM: {
        for (int i = 0; k->names[i]; i++) {
            if (cfg_streq_ci(s, k->names[i])) {
                *(int *)(void *)field = i;
                return true;
            }
        }
        size_t n = (size_t)snprintf(why, whylen, "'%s' is not one of", s);
        for (int i = 0; k->names[i] && n < whylen; i++)
            n += (size_t)snprintf(why + n, whylen - n, "%s %s", i ? "," : "", k->names[i]);
        return false;
    }
    case CFG_LIST: {
        struct cfg_list_acc *acc = calloc(1, sizeof(*acc));
        if (!acc) {
            snprintf(why, whylen, "out of memory");
            return false;
        }
        bool ok = cfg_split_list(s, cfg_list_add, acc, why, whylen);
        if (ok) {
            memcpy(field, acc->items, sizeof(acc->items));
            *(size_t *)(void *)((char *)c + k->count_off) = acc->n;
        }
        free(acc);
        return ok;
    }
    case CFG_NAMES: {
        struct cfg_names_acc acc = {malloc(strlen(s) + 1), 0};
        if (!acc.out) {
            snprintf(why, whylen, "out of memory");
            return false;
        }
        acc.out[0] = '\0';
        bool ok = cfg_split_list(s, cfg_names_add, &acc, why, whylen);
        if (ok)
            ok = cfg_replace_string((char **)(void *)field, acc.out);
        free(acc.out);
        return ok;
    }
    case CFG_IDENT:
        if (!cfg_check_ident(s, strlen(s), why, whylen))
            return false;
        snprintf(field, CONFIG_NAME_MAX + 1, "%s", s);
        return true;
    case CFG_MODE:
        errno = 0;
        if (*s < '0' || *s > '7')
            goto badmode;
        v = strtoull(s, (char **)&e, 8);
        if (errno || *e != '\0' || v > 0777)
            goto badmode;
        *(int *)(void *)field = (int)v;
        return true;
    badmode:
        snprintf(why, whylen, "'%s' is not an octal file mode (0000 to 0777)", s);
        return false;
    }
    snprintf(why, whylen, "internal error: unknown type");
    return false;
}

/* ---- formatting ---------------------------------------------------------- */

/* Copies `dsn` into `out` with every password replaced by CFG_MASK, for both
 * the keyword form (password=x, password='x y') and the URI form
 * (postgresql://user:x@host/db?password=x).
 * Long on purpose: one scan over both DSN grammars (keyword=value with its
 * quoting rules, and the URI's userinfo and query string), so that a password
 * is masked wherever libpq would read one; split, the two halves would each
 * have to re-derive where the other left off. */
static void cfg_mask_dsn(const char *dsn, char *out, size_t n)
{
    size_t o = 0;
#define PUT(ch)                                                                                    \
    do {                                                                                           \
        if (o + 1 < n)                                                                             \
            out[o++] = (ch);                                                                       \
    } while (0)
#define PUTS(str)                                                                                  \
    do {                                                                                           \
        for (const char *q_ = (str); *q_; q_++)                                                    \
            PUT(*q_);                                                                              \
    } while (0)

    if (n == 0)
        return;
    const char *p = dsn;
    if (strncmp(p, "postgresql://", 13) == 0 || strncmp(p, "postgres://", 11) == 0) {
        const char *rest = strstr(p, "://") + 3;
        for (; p < rest; p++)
            PUT(*p);
        size_t auth_len = strcspn(p, "/?#");
        const char *at = NULL;
        for (const char *q = p; q < p + auth_len; q++)
            if (*q == '@')
                at = q;
        if (at) {
            const char *colon = memchr(p, ':', (size_t)(at - p));
            for (; p < (colon ? colon : at); p++)
                PUT(*p);
            if (colon) {
                PUT(':');
                PUTS(CFG_MASK);
            }
            p = at;
        }
        /* Rest: copy, masking query parameters named password. */
        bool in_query = false;
        while (*p) {
            if (*p == '?')
                in_query = true;
            if (in_query && (*p == '?' || *p == '&') && strncmp(p + 1, "password=", 9) == 0) {
                PUT(*p);
                PUTS("password=");
                PUTS(CFG_MASK);
                p += 10;
                while (*p && *p != '&' && *p != '#')
                    p++;
                continue;
            }
            PUT(*p);
            p++;
        }
        out[o] = '\0';
        return;
    }
    while (*p) {
        /* Blanks between pairs. */
        while (*p && isspace((unsigned char)*p)) {
            PUT(*p);
            p++;
        }
        if (!*p)
            break;
        const char *key = p;
        while (*p && *p != '=' && !isspace((unsigned char)*p))
            p++;
        bool is_password = (size_t)(p - key) == 8 && strncmp(key, "password", 8) == 0;
        for (const char *q = key; q < p; q++)
            PUT(*q);
        while (*p && (isspace((unsigned char)*p) || *p == '=')) {
            PUT(*p);
            p++;
        }
        const char *val = p;
        if (*p == '\'') {
            p++;
            while (*p && *p != '\'') {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (*p)
                p++;
        } else {
            while (*p && !isspace((unsigned char)*p)) {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
        }
        if (is_password) {
            if (*val == '\'')
                PUT('\'');
            PUTS(CFG_MASK);
            if (*val == '\'')
                PUT('\'');
        } else {
            for (const char *q = val; q < p; q++)
                PUT(*q);
        }
    }
    out[o] = '\0';
#undef PUT
#undef PUTS
}

static void cfg_format_units(unsigned long long v, const struct cfg_unit *units, char *buf,
                             size_t n)
{
    const struct cfg_unit *best = NULL;
    for (const struct cfg_unit *u = units; u->name; u++)
        if (u->name[0] && v % u->mul == 0 && (!best || u->mul > best->mul))
            best = u;
    if (v == 0 || !best)
        snprintf(buf, n, "%llu%s", v, v == 0 ? "" : units[0].name);
    else
        snprintf(buf, n, "%llu%s", v / best->mul, best->name);
}

/* Writes the value of `k` in `c` as the file would spell it; secrets masked. */
static void cfg_format_value(const struct cfg_key *k, const struct config *c, char *buf, size_t n)
{
    const char *field = (const char *)c + k->off;

    switch (k->type) {
    case CFG_STRING:
    case CFG_NAMES: {
        const char *s = *(char *const *)(const void *)field;
        if (k->secret && s)
            cfg_mask_dsn(s, buf, n);
        else
            snprintf(buf, n, "%s", s ? s : "");
        return;
    }
    case CFG_INT:
        snprintf(buf, n, "%d", *(const int *)(const void *)field);
        return;
    case CFG_SIZE:
        cfg_format_units(*(const size_t *)(const void *)field, cfg_size_units, buf, n);
        return;
    case CFG_DURATION:
        cfg_format_units((unsigned long long)*(const int *)(const void *)field, cfg_time_units, buf,
                         n);
        return;
    case CFG_BOOL:
        snprintf(buf, n, "%s", *(const bool *)(const void *)field ? "on" : "off");
        return;
    case CFG_ENUM: {
        int v = *(const int *)(const void *)field;
        int count = 0;
        while (k->names[count])
            count++;
        snprintf(buf, n, "%s", v >= 0 && v < count ? k->names[v] : "?");
        return;
    }
    case CFG_LIST: {
        size_t cnt = *(const size_t *)(const void *)((const char *)c + k->count_off);
        const char(*items)[CONFIG_NAME_MAX + 1] = (const void *)field;
        size_t o = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < cnt && o < n; i++)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? "," : "", items[i]);
        return;
    }
    case CFG_IDENT:
        snprintf(buf, n, "%s", field);
        return;
    case CFG_MODE:
        snprintf(buf, n, "%04o", (unsigned)*(const int *)(const void *)field);
        return;
    }
    snprintf(buf, n, "?");
}

/* ---- public: defaults, set, free ----------------------------------------- */

static const struct cfg_key *cfg_find(const char *section, const char *key)
{
    for (size_t i = 0; i < CFG_NKEYS; i++)
        if (strcmp(cfg_keys[i].section, section) == 0 && strcmp(cfg_keys[i].key, key) == 0)
            return &cfg_keys[i];
    return NULL;
}

static bool cfg_section_known(const char *section)
{
    for (size_t i = 0; i < CFG_NKEYS; i++)
        if (strcmp(cfg_keys[i].section, section) == 0)
            return true;
    return false;
}

void config_free(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < CFG_NKEYS; i++) {
        if (cfg_keys[i].type == CFG_STRING || cfg_keys[i].type == CFG_NAMES) {
            char **slot = (char **)(void *)((char *)c + cfg_keys[i].off);
            free(*slot);
            *slot = NULL;
        }
    }
    free(c->source_path);
    memset(c, 0, sizeof(*c));
}

bool config_init_defaults(struct config *c)
{
    char why[256];
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; i < CFG_NKEYS; i++) {
        if (!cfg_parse_value(&cfg_keys[i], c, cfg_keys[i].def, why, sizeof(why))) {
            config_free(c);
            return false;
        }
    }
    return true;
}

bool config_set(struct config *c, const char *section, const char *key, const char *value,
                char *err, size_t errlen)
{
    struct cfg_errs e;
    char why[384];
    cfg_errs_init(&e, err, errlen);
    const struct cfg_key *k = cfg_find(section, key);
    if (!k) {
        cfg_err(&e, "%s.%s: unknown %s", section, key,
                cfg_section_known(section) ? "key" : "section");
        return false;
    }
    if (!cfg_parse_value(k, c, value, why, sizeof(why))) {
        cfg_err(&e, "%s.%s: %s", section, key, why);
        return false;
    }
    return true;
}

/* ---- loading ------------------------------------------------------------- */

struct cfg_load {
    struct config *c;        /* being filled */
    const char *name;        /* file name for messages */
    const char *text;        /* whole input */
    size_t len, pos;         /* input size and read position */
    int lineno;              /* line last handed to inih */
    bool section_ok;         /* current section is known (or none yet) */
    char section[128];       /* current section, as our reader saw it */
    int set_line[CFG_NKEYS]; /* line that set each key, 0 = not yet */
    int last_err_line;       /* last line that produced an error */
    struct cfg_errs *errs;   /* collected messages */
};

__attribute__((format(printf, 2, 3))) static void cfg_load_err(struct cfg_load *L, const char *fmt,
                                                               ...)
{
    char msg[448];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cfg_err(L->errs, "%s:%d: %s", L->name, L->lineno, msg);
    L->last_err_line = L->lineno;
}

static int cfg_handler(void *user, const char *section, const char *name, const char *value);

/* A "key = value" line too long for inih: split as inih does (key and value
 * trimmed, an inline comment after " ;" dropped) and handled directly. */
static void cfg_long_line(struct cfg_load *L, const char *p, size_t n, size_t sep)
{
    char *line = strndup(p, n);
    if (!line) {
        cfg_load_err(L, "out of memory");
        return;
    }
    char *name = line, *value = line + sep + 1;
    line[sep] = '\0';
    size_t kn = strlen(name);
    while (kn > 0 && (name[kn - 1] == ' ' || name[kn - 1] == '\t'))
        name[--kn] = '\0';
    while (*value == ' ' || *value == '\t')
        value++;
    for (char *q = value; *q; q++) {
        if (*q == ';' && q > value && (q[-1] == ' ' || q[-1] == '\t')) {
            *q = '\0';
            break;
        }
    }
    size_t vn = strlen(value);
    while (vn > 0 && (value[vn - 1] == ' ' || value[vn - 1] == '\t'))
        value[--vn] = '\0';
    cfg_handler(L, L->section, name, value);
    free(line);
}

/*
 * inih's line source. Hands inih one line at a time with its indentation
 * removed (so an indented key is a key, never a continuation of the previous
 * value) and checks the line's shape first: a malformed line is reported here
 * with its number and replaced by an empty line, so inih never sees it and
 * parsing continues with the next one.
 */
static char *cfg_reader(char *str, int num, void *stream)
{
    struct cfg_load *L = stream;
    if (L->pos >= L->len)
        return NULL;
    const char *p = L->text + L->pos;
    const char *nl = memchr(p, '\n', L->len - L->pos);
    size_t n = nl ? (size_t)(nl - p) : L->len - L->pos;
    L->pos += n + (nl ? 1 : 0);
    L->lineno++;
    str[0] = '\0';

    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (L->lineno == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    while (n > 0 && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    if (memchr(p, '\0', n)) {
        cfg_load_err(L, "line contains a NUL byte");
        return str;
    }
    if (n == 0 || *p == ';' || *p == '#') {
        return str;
    }
    if (*p == '[') {
        const char *close = memchr(p, ']', n);
        if (!close) {
            cfg_load_err(L, "%.*s: section header without ']'", (int)n, p);
            return str;
        }
        snprintf(L->section, sizeof(L->section), "%.*s", (int)(close - p - 1), p + 1);
        L->section_ok = cfg_section_known(L->section);
        if (!L->section_ok)
            cfg_load_err(L, "[%s]: unknown section", L->section);
        if (n + 2 > (size_t)num) {
            /* Known or not, the name is recorded; hand inih just that. */
            snprintf(str, (size_t)num, "[%.*s]\n", num - 4, L->section);
            return str;
        }
    } else {
        size_t sep = 0;
        while (sep < n && p[sep] != '=' && p[sep] != ':')
            sep++;
        if (sep >= n) {
            cfg_load_err(L, "%.*s: expected 'key = value'", (int)n, p);
            return str;
        }
        if (sep == 0) {
            cfg_load_err(L, "%.*s: missing key before '%c'", (int)n, p, p[0]);
            return str;
        }
        if (n + 2 > (size_t)num) {
            /* Longer than inih's fixed line buffer (a long dsn): split it
             * here the way inih would and hand inih an empty line. */
            cfg_long_line(L, p, n, sep);
            return str;
        }
    }
    memcpy(str, p, n);
    str[n] = '\n';
    str[n + 1] = '\0';
    return str;
}

static int cfg_handler(void *user, const char *section, const char *name, const char *value)
{
    struct cfg_load *L = user;
    char why[384];

    if (!L->section_ok)
        return 1; /* the section line was already reported */
    if (section[0] == '\0') {
        cfg_load_err(L, "%s: key outside any [section]", name);
        return 0;
    }
    const struct cfg_key *k = cfg_find(section, name);
    if (!k) {
        cfg_load_err(L, "%s: unknown key in [%s]", name, section);
        return 0;
    }
    size_t i = (size_t)(k - cfg_keys);
    if (L->set_line[i]) {
        cfg_load_err(L, "%s: set twice (first on line %d)", name, L->set_line[i]);
        return 0;
    }
    L->set_line[i] = L->lineno;
    if (!cfg_parse_value(k, L->c, value, why, sizeof(why))) {
        cfg_load_err(L, "%s: %s", name, why);
        return 0;
    }
    return 1;
}

bool config_load_string(struct config *c, const char *name, const char *text, size_t len, char *err,
                        size_t errlen)
{
    struct cfg_errs e;
    struct cfg_load L;
    cfg_errs_init(&e, err, errlen);
    memset(&L, 0, sizeof(L));
    L.c = c;
    L.name = name;
    L.text = text;
    L.len = len;
    L.section_ok = true;
    L.errs = &e;

    int rc = ini_parse_stream(cfg_reader, &L, cfg_handler, &L);
    if (rc == -2) {
        cfg_err(&e, "%s: out of memory", name);
    } else if (rc > 0 && e.count == 0) {
        /* A line inih rejected that our reader let through. */
        cfg_err(&e, "%s:%d: syntax error", name, rc);
    }
    return e.count == 0;
}

bool config_load_file(struct config *c, const char *path, char *err, size_t errlen)
{
    struct cfg_errs e;
    cfg_errs_init(&e, err, errlen);
    FILE *f = fopen(path, "rb");
    if (!f) {
        cfg_err(&e, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    while (text) {
        size_t got = fread(text + len, 1, cap - len, f);
        len += got;
        if (len < cap)
            break;
        char *bigger = cap < (16u << 20) ? realloc(text, cap * 2) : NULL;
        if (!bigger) {
            free(text);
            text = NULL;
            break;
        }
        text = bigger;
        cap *= 2;
    }
    bool read_err = ferror(f);
    fclose(f);
    if (!text || read_err) {
        free(text);
        cfg_err(&e, "%s: cannot read: %s", path, read_err ? strerror(errno) : "file too large");
        return false;
    }
    bool ok = config_load_string(c, path, text, len, err, errlen);
    free(text);
    if (ok) {
        char *sp = strdup(path);
        if (!sp) {
            cfg_errs_init(&e, err, errlen);
            cfg_err(&e, "%s: out of memory", path);
            return false;
        }
        free(c->source_path);
        c->source_path = sp;
    }
    return ok;
}

/* ---- validation ---------------------------------------------------------- */

bool config_parse_hostport(const char *s, char **host, int *port)
{
    const char *h, *hend, *p;
    if (!s)
        return false;
    if (s[0] == '[') {
        h = s + 1;
        hend = strchr(h, ']');
        if (!hend || hend[1] != ':')
            return false;
        p = hend + 2;
    } else {
        hend = strrchr(s, ':');
        if (!hend || memchr(s, ':', (size_t)(hend - s)))
            return false; /* no port, or a bare IPv6 address */
        h = s;
        p = hend + 1;
    }
    if (hend == h)
        return false;
    if (*p == '\0' || strlen(p) > 5 || strspn(p, "0123456789") != strlen(p))
        return false;
    long v = strtol(p, NULL, 10);
    if (v < 1 || v > 65535)
        return false;
    char *copy = strndup(h, (size_t)(hend - h));
    if (!copy)
        return false;
    *host = copy;
    *port = (int)v;
    return true;
}

bool config_unix_socket_path(const struct config *c, char *out, size_t outlen)
{
    char *host = NULL;
    int port = 0;
    if (outlen > 0)
        out[0] = '\0';
    if (c->unix_socket_dir == NULL || c->listen == NULL ||
        !config_parse_hostport(c->listen, &host, &port))
        return false;
    free(host);
    int n = snprintf(out, outlen, "%s/.s.PGSQL.%d", c->unix_socket_dir, port);
    return n > 0 && (size_t)n < outlen;
}

/* Whether two listeners on the same port would fail to bind both: the same
 * host, "*" or "::" (dual-stack) against anything, 0.0.0.0 against IPv4. */
static bool cfg_hosts_collide(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    for (int i = 0; i < 2; i++) {
        const char *x = i ? b : a, *y = i ? a : b;
        if (strcmp(x, "*") == 0 || strcmp(x, "::") == 0)
            return true;
        if (strcmp(x, "0.0.0.0") == 0 && !strchr(y, ':'))
            return true;
    }
    return false;
}

/* Opens without blocking (a FIFO would otherwise hang the check) and
 * insists on a regular file. */
static void cfg_check_readable(struct cfg_errs *e, const char *what, const char *path)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        cfg_err(e, "%s: cannot read '%s': %s", what, path, strerror(errno));
        return;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        cfg_err(e, "%s: '%s' is not a regular file", what, path);
    close(fd);
}

static void cfg_check_pair(struct cfg_errs *e, const char *a_name, const char *a,
                           const char *b_name, const char *b)
{
    if (!!a != !!b) {
        cfg_err(e, "%s: set without %s (set both or neither)", a ? a_name : b_name,
                a ? b_name : a_name);
        return;
    }
    if (a) {
        cfg_check_readable(e, a_name, a);
        cfg_check_readable(e, b_name, b);
    }
}

/* Long on purpose: a flat list of independent cross-key checks, each a few
 * lines and each reporting its own error. */
bool config_validate(const struct config *c, char *err, size_t errlen)
{
    struct cfg_errs e;
    cfg_errs_init(&e, err, errlen);

    /* Addresses. Listeners that would collide on bind are reported here. */
    struct {
        const char *name;  /* section.key */
        const char *value; /* HOST:PORT or NULL */
        bool listener;     /* bound by us */
        char *host;        /* parsed */
        int port;          /* parsed */
    } addrs[] = {
        {"proxy.listen", c->listen, true, NULL, 0},
        {"proxy.deploy_listen", c->deploy_listen, true, NULL, 0},
        {"proxy.previous_listen", c->previous_listen, true, NULL, 0},
        {"admin.http_listen", c->http_listen, true, NULL, 0},
        {"backend.address", c->backend, false, NULL, 0},
    };
    const size_t naddrs = sizeof(addrs) / sizeof(addrs[0]);
    if (!c->listen)
        cfg_err(&e, "proxy.listen: must be set");
    if (!c->backend)
        cfg_err(&e, "backend.address: must be set");
    for (size_t i = 0; i < naddrs; i++) {
        if (addrs[i].value &&
            !config_parse_hostport(addrs[i].value, &addrs[i].host, &addrs[i].port))
            cfg_err(&e, "%s: '%s' is not HOST:PORT (port 1 to 65535, IPv6 in brackets: [::1]:6432)",
                    addrs[i].name, addrs[i].value);
    }
    for (size_t i = 0; i < naddrs; i++) {
        for (size_t j = i + 1; j < naddrs; j++) {
            if (!addrs[i].host || !addrs[j].host || !addrs[i].listener || !addrs[j].listener)
                continue;
            if (addrs[i].port == addrs[j].port && cfg_hosts_collide(addrs[i].host, addrs[j].host))
                cfg_err(&e, "%s: '%s' is also used by %s", addrs[j].name, addrs[j].value,
                        addrs[i].name);
        }
    }
    for (size_t i = 0; i < naddrs; i++)
        free(addrs[i].host);

    /* TLS, client side and backend side. */
    cfg_check_pair(&e, "tls.cert_file", c->client_tls_cert_file, "tls.key_file",
                   c->client_tls_key_file);
    if (c->client_tls_required && !c->client_tls_cert_file)
        cfg_err(&e, "tls.required: needs tls.cert_file and tls.key_file");
    cfg_check_pair(&e, "backend.sslcert", c->backend_tls_cert_file, "backend.sslkey",
                   c->backend_tls_key_file);
    if (c->backend_tls_ca_file)
        cfg_check_readable(&e, "backend.sslrootcert", c->backend_tls_ca_file);
    else if (c->backend_tls == CONFIG_TLS_VERIFY_CA || c->backend_tls == CONFIG_TLS_VERIFY_FULL)
        cfg_err(&e, "backend.sslmode: %s needs backend.sslrootcert",
                c->backend_tls == CONFIG_TLS_VERIFY_CA ? "verify-ca" : "verify-full");

    /* Limits. The parser enforces each key's range; these restate them for
     * structs filled by hand. max_message_size and buffer_limit are
     * independent: a message pulled up whole waits in the input buffer,
     * which buffer_limit (the output queue) does not bound. */
    if (c->buffer_limit < 8 * 1024)
        cfg_err(&e, "proxy.buffer_limit: must be at least 8kB");
    if (c->max_message_size < 1024 || c->max_message_size > (size_t)GB)
        cfg_err(&e, "proxy.max_message_size: must be between 1kB and 1GB");
    if (c->max_client_conn < 1)
        cfg_err(&e, "proxy.max_client_conn: must be at least 1");
    if (c->http_max_connections < 1)
        cfg_err(&e, "admin.http_max_connections: must be at least 1");
    if (c->startup_timeout_ms <= 0)
        cfg_err(&e, "proxy.startup_timeout: must be positive");
    if (c->connect_timeout_ms <= 0)
        cfg_err(&e, "backend.connect_timeout: must be positive");
    if (c->shutdown_timeout_ms < 0)
        cfg_err(&e, "proxy.shutdown_timeout: must not be negative");

    /* The production route's Unix socket (its port is listen's). */
    if (c->unix_socket_dir) {
        char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
        if (!config_unix_socket_path(c, path, sizeof path) && path[0] != '\0')
            cfg_err(&e, "proxy.unix_socket_dir: '%s/.s.PGSQL.PORT' is longer than %zu bytes",
                    c->unix_socket_dir, sizeof path - 1);
        if (c->unix_socket_mode < 0 || c->unix_socket_mode > 0777)
            cfg_err(&e, "proxy.unix_socket_mode: %04o is not a permission mode",
                    (unsigned)c->unix_socket_mode);
    }

    /* Admin. */
    if (c->admin_socket) {
        if (strlen(c->admin_socket) >= sizeof(((struct sockaddr_un *)0)->sun_path))
            cfg_err(&e, "admin.socket: path is longer than %zu bytes",
                    sizeof(((struct sockaddr_un *)0)->sun_path) - 1);
        if (c->admin_socket_mode < 0 || c->admin_socket_mode > 0777 ||
            (c->admin_socket_mode & 0600) != 0600)
            cfg_err(&e, "admin.socket_mode: %04o must include 0600 (owner read and write)",
                    (unsigned)c->admin_socket_mode);
    }

    /* Deployment names. */
    size_t slen = strlen(c->suffix);
    if (slen == 0)
        cfg_err(&e, "deployment.suffix: must not be empty");
    const struct {
        const char *name;                         /* section.key */
        size_t n;                                 /* entries */
        const char (*items)[CONFIG_NAME_MAX + 1]; /* names */
    } lists[] = {
        {"deployment.schemas", c->nschemas, c->schemas},
        {"deployment.clusters", c->nclusters, c->clusters},
    };
    for (size_t l = 0; l < 2; l++) {
        for (size_t i = 0; i < lists[l].n; i++) {
            const char *a = lists[l].items[i];
            if (strlen(a) + slen > CFG_IDENT_MAX)
                cfg_err(&e, "%s: '%s%s' would be longer than %d bytes", lists[l].name, a, c->suffix,
                        CFG_IDENT_MAX);
            for (size_t j = i + 1; j < lists[l].n; j++)
                if (strcmp(a, lists[l].items[j]) == 0)
                    cfg_err(&e, "%s: '%s' is listed twice", lists[l].name, a);
            if (slen > 0 && strlen(a) > slen && strcmp(a + strlen(a) - slen, c->suffix) == 0)
                cfg_err(&e, "%s: '%s' already ends with the suffix '%s'", lists[l].name, a,
                        c->suffix);
        }
    }
    if (c->backend_dialect == CONFIG_DIALECT_POSTGRES && c->nclusters > 0)
        cfg_err(&e, "deployment.clusters: PostgreSQL has no clusters (backend.dialect = postgres)");

    /* The auth query. */
    if (c->auth_user) {
        if (strlen(c->auth_user) > CFG_IDENT_MAX)
            cfg_err(&e, "auth.user: longer than %d bytes", CFG_IDENT_MAX);
        if (c->backend_dialect != CONFIG_DIALECT_POSTGRES)
            cfg_err(&e, "auth.user: the auth query needs backend.dialect = postgres (Materialize "
                        "has no catalog of verifiers to query; use auth.file)");
        if ((c->auth_dsn == NULL || *c->auth_dsn == '\0') &&
            (c->admin_dsn == NULL || *c->admin_dsn == '\0'))
            cfg_err(&e, "auth.user: needs auth.dsn or admin.dsn (where the auth query connects)");
        if (c->auth_query == NULL || *c->auth_query == '\0')
            cfg_err(&e, "auth.query: must be set when auth.user is");
    } else if (c->auth_dsn) {
        cfg_err(&e, "auth.dsn: has no effect without auth.user");
    }

    /* Fleet. */
    if (c->fleet_enabled) {
        if (c->admin_dsn == NULL || *c->admin_dsn == '\0')
            cfg_err(&e, "fleet.enabled: needs admin.dsn (the fleet coordinates on the server)");
        if (c->fleet_member) {
            size_t n = strlen(c->fleet_member);
            if (n > CFG_IDENT_MAX || n == 0 ||
                strspn(c->fleet_member, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                        "0123456789_.:-") != n)
                cfg_err(&e,
                        "fleet.member: '%s' must be 1 to %d bytes of letters, digits and _ . : -",
                        c->fleet_member, CFG_IDENT_MAX);
        }
        if (c->fleet_address && strlen(c->fleet_address) > 255)
            cfg_err(&e, "fleet.address: longer than 255 bytes");
        if ((long long)c->fleet_lease_ms < 2LL * c->fleet_heartbeat_interval_ms + 1000)
            cfg_err(&e,
                    "fleet.lease: %d ms is shorter than twice fleet.heartbeat_interval plus 1s "
                    "(%lld ms): one late heartbeat would count a live member as gone",
                    c->fleet_lease_ms, 2LL * c->fleet_heartbeat_interval_ms + 1000);
        const char *fs = c->fleet_schema;
        size_t fl = strlen(fs);
        bool twin = slen > 0 && fl > slen && strcmp(fs + fl - slen, c->suffix) == 0;
        char base[CONFIG_NAME_MAX + 1];
        snprintf(base, sizeof base, "%.*s", (int)(twin ? fl - slen : fl), fs);
        if (strcmp(base, c->marker_schema) == 0)
            cfg_err(&e, "fleet.schema: '%s' is the marker pair (deployment.marker_schema)", fs);
        for (size_t i = 0; i < c->nschemas; i++)
            if (strcmp(base, c->schemas[i]) == 0)
                cfg_err(&e,
                        "fleet.schema: '%s' is swapped by a deployment (deployment.schemas '%s'); "
                        "the coordination tables must stay put",
                        fs, c->schemas[i]);
    }

    return e.count == 0;
}

/* ---- reporting ----------------------------------------------------------- */

int config_diff_unreloadable(const struct config *old, const struct config *neu, char *err,
                             size_t errlen)
{
    struct cfg_errs e;
    char a[512], b[512];
    cfg_errs_init(&e, err, errlen);
    for (size_t i = 0; i < CFG_NKEYS; i++) {
        const struct cfg_key *k = &cfg_keys[i];
        if (k->reloadable)
            continue;
        cfg_format_value(k, old, a, sizeof(a));
        cfg_format_value(k, neu, b, sizeof(b));
        if (strcmp(a, b) != 0)
            cfg_err(&e, "%s.%s: '%s' -> '%s' needs a restart; keeping '%s'", k->section, k->key, a,
                    b, a);
    }
    return e.count;
}

void config_foreach(const struct config *c, config_emit_fn emit, void *arg)
{
    char value[1024];
    for (size_t i = 0; i < CFG_NKEYS; i++) {
        cfg_format_value(&cfg_keys[i], c, value, sizeof(value));
        emit(cfg_keys[i].section, cfg_keys[i].key, value, cfg_keys[i].help, arg);
    }
}

/* Writes `text` as "# " comment lines of at most 78 columns. */
static void cfg_write_wrapped(FILE *f, const char *text)
{
    const size_t width = 76;
    while (*text) {
        size_t n = strlen(text);
        if (n > width) {
            n = width;
            while (n > 0 && text[n] != ' ')
                n--;
            if (n == 0)
                n = strcspn(text, " ");
        }
        fprintf(f, "# %.*s\n", (int)n, text);
        text += n;
        while (*text == ' ')
            text++;
    }
}

void config_write_defaults(FILE *f)
{
    fputs("# cutover.ini: every key of cutoverd's configuration, commented out, with its\n"
          "# default. Generated from the table in proxy/config.c by config_write_defaults();\n"
          "# a unit test keeps this file equal to it.\n"
          "#\n"
          "# Sizes take B, kB, MB, GB, TB (1kB = 1024 bytes); durations ms, s, min, h;\n"
          "# booleans on/off, true/false, yes/no, 1/0; lists are comma-separated names.\n"
          "# Unknown sections and keys are errors. Keys marked (restart) keep their old\n"
          "# value on reload.\n",
          f);
    const char *section = "";
    for (size_t i = 0; i < CFG_NKEYS; i++) {
        const struct cfg_key *k = &cfg_keys[i];
        if (strcmp(section, k->section) != 0) {
            section = k->section;
            fprintf(f, "\n[%s]\n", section);
        }
        char help[1024];
        snprintf(help, sizeof(help), "%s%s", k->help, k->reloadable ? "" : " (restart)");
        fputc('\n', f);
        cfg_write_wrapped(f, help);
        fprintf(f, ";%s =%s%s\n", k->key, k->def[0] ? " " : "", k->def);
    }
}
