/*
 * log.h: cutoverd's log lines: a timestamp, a level, and for a connection the
 * stable prefix `C-<id> user@peer`. Debug lines cost one comparison when off.
 * Never pass a password, a SCRAM proof or a key to these functions.
 */
#ifndef CUTOVER_PROXY_LOG_H
#define CUTOVER_PROXY_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum log_level {
    LOG_LVL_ERROR,   /* something failed that an operator must look at */
    LOG_LVL_WARNING, /* a peer misbehaved or a limit was hit */
    LOG_LVL_INFO,    /* connection open/close, reloads, pauses */
    LOG_LVL_DEBUG,   /* per-message detail */
};

struct logger {
    enum log_level level; /* lines above this level are dropped */
    FILE *fp;             /* stderr or the log file */
    bool owns_fp;         /* fp was opened by log_open() and is closed by log_close() */
};

struct conn;

#define LOG_ESCAPE_MAX 256 /* a buffer for log_escape of a name: longer ones are cut */

/*
 * Writes s (NULL: "-") into out (cap bytes, NUL-terminated, cut at a whole
 * character) with every byte a client could use to forge or blur a log line
 * escaped: \n \r \t, other control bytes and invalid UTF-8 as \xNN, and "
 * and \ with a backslash. Valid UTF-8 is kept. Returns out. Use it for every
 * client-supplied string (user, database, application_name, ...) in a log.
 */
const char *log_escape(char *out, size_t cap, const char *s);
/* The same for `n` raw bytes that may hold NULs (a client's first bytes):
 * a NUL is \x00. Returns out. */
const char *log_escape_bytes(char *out, size_t cap, const void *p, size_t n);

/* Starts logging to stderr at INFO. */
void log_init(struct logger *lg);
/* Logs to `path` (appending) instead of stderr; NULL keeps stderr. False on error (errno). */
bool log_open(struct logger *lg, const char *path);
void log_close(struct logger *lg);
const char *log_level_name(enum log_level level);

/* One line; `fmt` is printf-style and must not contain secrets. */
void log_write(struct logger *lg, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void log_vwrite(struct logger *lg, enum log_level level, const char *prefix, const char *fmt,
                va_list ap);

/* A line prefixed with `C-<id> user@peer`. Use the log_conn() macro. */
void log_conn_write(const struct conn *c, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The logger a connection writes to (its proxy's). */
struct logger *log_conn_logger(const struct conn *c);

#define log_msg(lg, lvl, ...)                                                                      \
    do {                                                                                           \
        if ((lvl) <= (lg)->level)                                                                  \
            log_write((lg), (lvl), __VA_ARGS__);                                                   \
    } while (0)

#define log_conn(c, lvl, ...)                                                                      \
    do {                                                                                           \
        if ((lvl) <= log_conn_logger(c)->level)                                                    \
            log_conn_write((c), (lvl), __VA_ARGS__);                                               \
    } while (0)

#endif
