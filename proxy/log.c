/*
 * log.c: timestamped log lines to stderr or a file.
 *
 * A log line is one physical line whatever a client sent: every line is
 * passed through log_escape_line (control bytes and invalid UTF-8 escaped), and
 * client-supplied strings are quoted-escaped with log_escape before they are
 * formatted, so a user name containing "\naudit {" cannot forge an audit line
 * and a backslash in a name cannot pass for an escape.
 */
#include "proxy/log.h"

#include <errno.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "proxy/conn.h"
#include "proxy/proxy.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    unsigned min;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* The escaper behind log_escape and log_escape_line; `quotes` also escapes " and \. */
static size_t escape(char *out, size_t cap, const char *in, size_t len, bool quotes)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        char esc[5];
        size_t n = 0;
        size_t take = 1;
        unsigned char c = s[i];
        if (c >= 0x80) {
            take = utf8_len(s + i, len - i);
            if (take == 0) {
                take = 1;
                n = 4, esc[0] = '\\', esc[1] = 'x', esc[2] = hex[c >> 4], esc[3] = hex[c & 15];
            }
        } else if (c == '\n' || c == '\r' || c == '\t') {
            n = 2, esc[0] = '\\', esc[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if (c < 0x20 || c == 0x7F) {
            n = 4, esc[0] = '\\', esc[1] = 'x', esc[2] = hex[c >> 4], esc[3] = hex[c & 15];
        } else if (quotes && (c == '"' || c == '\\')) {
            n = 2, esc[0] = '\\', esc[1] = (char)c;
        }
        const char *src = n ? esc : in + i;
        size_t w = n ? n : take;
        if (o + w >= cap)
            break; /* truncated: never half an escape or half a character */
        memcpy(out + o, src, w);
        o += w;
        i += take;
    }
    out[o] = '\0';
    return o;
}

const char *log_escape(char *out, size_t cap, const char *s)
{
    if (s == NULL)
        s = "-";
    escape(out, cap, s, strlen(s), true);
    return out;
}

const char *log_escape_bytes(char *out, size_t cap, const void *p, size_t n)
{
    escape(out, cap, p, n, true);
    return out;
}

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
    /* One physical line whatever the arguments held (see the banner). */
    char safe[4 * sizeof line];
    escape(safe, sizeof safe, line, strlen(line), false);
    fprintf(lg->fp ? lg->fp : stderr, "%s\n", safe);
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
    char user[LOG_ESCAPE_MAX];
    char prefix[LOG_ESCAPE_MAX + 128];
    snprintf(prefix, sizeof prefix, "C-%llu %s@%s", (unsigned long long)c->id,
             log_escape(user, sizeof user, c->user), c->peer);
    va_list ap;
    va_start(ap, fmt);
    log_vwrite(&c->proxy->log, level, prefix, fmt, ap);
    va_end(ap);
}
