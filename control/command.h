/*
 * command.h: the admin socket's command language, parsed without I/O.
 *
 * One command per line: words separated by blanks, options as `--name value`
 * or `--name=value`, `--json` anywhere. The parser is pure and fuzzed; the
 * dispatch table (commands.c) maps a parsed command to its handler.
 *
 * Replies (see admin.c) are lines: `# ...` progress, `| ...` body, and one
 * final line, `ok` or `error: <message>`, which ends the reply unambiguously.
 */
#ifndef CUTOVER_CONTROL_COMMAND_H
#define CUTOVER_CONTROL_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define COMMAND_LINE_MAX 1024 /* longer lines are refused, not truncated */

enum command_verb {
    CMD_STATUS,
    CMD_DEPLOY_INIT,
    CMD_DEPLOY_AWAIT,
    CMD_DEPLOY_PROMOTE,
    CMD_DEPLOY_CLEANUP,
    CMD_DEPLOY_ROLLBACK,
    CMD_SHOW_CLIENTS,
    CMD_SHOW_ROUTES,
    CMD_SHOW_CONFIG,
    CMD_SHOW_STATS,
    CMD_SHOW_SUBSCRIPTIONS,
    CMD_PAUSE,
    CMD_RESUME,
    CMD_RELOAD,
    CMD_KILL,
    CMD_SHUTDOWN,
    CMD_HELP,
    CMD_FLEET,
    CMD__COUNT, /* number of verbs; not a command */
};

/* Option bits a command may carry; each verb accepts a subset. */
enum command_flag {
    CMDF_JSON = 1u << 0,          /* --json: one JSON body line */
    CMDF_DRY_RUN = 1u << 1,       /* --dry-run (promote) */
    CMDF_WAIT = 1u << 2,          /* --wait (promote: await first; shutdown: drain) */
    CMDF_POLL_INTERVAL = 1u << 3, /* --poll-interval D given */
    CMDF_LAG_THRESHOLD = 1u << 4, /* --lag-threshold D given */
    CMDF_TIMEOUT = 1u << 5,       /* --timeout D given (await, pause) */
    CMDF_PAUSE_TIMEOUT = 1u << 6, /* --pause-timeout D given (promote, rollback) */
};

struct command {
    enum command_verb verb;
    unsigned flags;           /* enum command_flag bits that were given */
    int64_t poll_interval_ms; /* default 15 s, as deploy_await */
    int64_t lag_threshold_ms; /* default 1 s, as deploy_await */
    int64_t timeout_ms;       /* 0 = none */
    int64_t pause_timeout_ms; /* default 10 s */
    uint64_t client_id;       /* kill */
};

/*
 * Parses one line (without its newline). On failure returns false and writes
 * a one-line reason into err ("unknown command 'x'", "option --wait is not
 * valid for 'deploy init'", ...).
 */
bool command_parse(const char *line, size_t len, struct command *out, char *err, size_t errlen);

/* The canonical text of a verb, e.g. "deploy promote". */
const char *command_verb_name(enum command_verb v);

/* Parses "15s", "500ms", "2m", "1h", "1.5s" or a bare number of seconds. */
bool command_parse_duration(const char *s, size_t len, int64_t *ms);

/* Multi-line usage text for `help` and cutoverctl --help. */
const char *command_usage(void);

#endif
