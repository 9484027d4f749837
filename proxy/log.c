/*
 * log.c: timestamped log lines to stderr or a file.
 */
#include "proxy/log.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "proxy/conn.h"
#include "proxy/proxy.h"

void log_init(struct logger *lg)
{
    lg->level = LOG_LVL_INFO;
    lg->fp = stderr;
    lg->owns_fp = false;
}

bool log_open(struct logger *lg, const char *path)
{
    if (path == NULL || path[0] == '\0')
        return true;
    FILE *fp = fopen(path, "a");
    if (fp == NULL)
        return false;
    setvbuf(fp, NULL, _IOLBF, 0);
    log_close(lg);
    lg->fp = fp;
    lg->owns_fp = true;
    return true;
}

void log_close(struct logger *lg)
{
    if (lg->owns_fp && lg->fp != NULL)
        fclose(lg->fp);
    lg->fp = stderr;
    lg->owns_fp = false;
}

const char *log_level_name(enum log_level level)
{
    switch (level) {
    case LOG_LVL_ERROR:
        return "ERROR";
    case LOG_LVL_WARNING:
        return "WARNING";
    case LOG_LVL_INFO:
        return "INFO";
    case LOG_LVL_DEBUG:
        return "DEBUG";
    }
    return "?";
}

void log_vwrite(struct logger *lg, enum log_level level, const char *prefix, const char *fmt,
                va_list ap)
{
    if (level > lg->level)
        return;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    struct tm tm;
    gmtime_r(&tv.tv_sec, &tm);
    char ts[32];
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);

    /* Build the whole line first so concurrent writers (none today) and
     * line-buffered files see it in one write. */
    char line[2048];
    int n = snprintf(line, sizeof line, "%s.%03ldZ %s %s%s", ts, (long)(tv.tv_usec / 1000),
                     log_level_name(level), prefix ? prefix : "", prefix ? " " : "");
    if (n < 0)
        return;
    if ((size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    fprintf(lg->fp ? lg->fp : stderr, "%s\n", line);
}

void log_write(struct logger *lg, enum log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vwrite(lg, level, NULL, fmt, ap);
    va_end(ap);
}

struct logger *log_conn_logger(const struct conn *c)
{
    return &c->proxy->log;
}

void log_conn_write(const struct conn *c, enum log_level level, const char *fmt, ...)
{
    char prefix[256];
    snprintf(prefix, sizeof prefix, "C-%llu %s@%s", (unsigned long long)c->id,
             c->user ? c->user : "-", c->peer);
    va_list ap;
    va_start(ap, fmt);
    log_vwrite(&c->proxy->log, level, prefix, fmt, ap);
    va_end(ap);
}
