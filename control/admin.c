/*
 * admin.c: the admin Unix socket. Accepts peers, checks their uid with
 * SO_PEERCRED, reads one command per line and hands it to the dispatch table
 * it was given (struct admin_commands); frames replies. Owns the lifecycle
 * glue (lifecycle.h). Everything runs on the proxy's event loop.
 */
#include "control/admin.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/bufferevent.h>
#include <event2/event.h>

#include "control/admin_path.h"
#include "control/lifecycle.h"
#include "proxy/fdlimit.h"
#include "proxy/proxy.h"

struct admin_session {
    struct admin *admin;        /* owner */
    struct admin_session *next; /* in admin->sessions */
    struct bufferevent *bev;    /* the peer */
    uid_t uid;                  /* SO_PEERCRED */
    struct admin_request *req;  /* command running; NULL = none */
    bool closing;               /* free once the output is flushed */
    bool in_loop;               /* session_process is on the stack */
    bool lingering;             /* half-closed, waiting for the peer's EOF */
};

/* ---- framing ---- */

static void reply_lines(struct evbuffer *out, const char *prefix, const char *text)
{
    const char *s = text;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (nl == NULL && n == 0 && s != text)
            break; /* trailing newline */
        evbuffer_add(out, prefix, strlen(prefix));
        evbuffer_add(out, s, n);
        evbuffer_add(out, "\n", 1);
        if (nl == NULL)
            break;
        s = nl + 1;
        if (*s == '\0')
            break;
    }
}

void admin_reply_progress(struct evbuffer *out, const char *text)
{
    reply_lines(out, "# ", text);
}

void admin_reply_body(struct evbuffer *out, const char *text)
{
    reply_lines(out, "| ", text);
}

void admin_reply_final(struct evbuffer *out, bool ok, const char *msg)
{
    if (ok) {
        evbuffer_add(out, "ok\n", 3);
        return;
    }
    evbuffer_add(out, "error: ", 7);
    const char *m = msg && *msg ? msg : "failed";
    for (; *m; m++) {
        char ch = (*m == '\n' || *m == '\r') ? ' ' : *m;
        evbuffer_add(out, &ch, 1);
    }
    evbuffer_add(out, "\n", 1);
}

/* The escape of one byte, or NULL when it stands for itself; `tmp` holds \u00XX. */
static const char *json_escape_byte(unsigned char ch, char tmp[8])
{
    switch (ch) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    default:
        if (ch < 0x20 || ch == 0x7f) {
            snprintf(tmp, 8, "\\u%04x", ch);
            return tmp;
        }
        return NULL;
    }
}

void admin_json_string(struct evbuffer *out, const char *s)
{
    char tmp[8];
    evbuffer_add(out, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        const char *e = json_escape_byte(*p, tmp);
        if (e)
            evbuffer_add(out, e, strlen(e));
        else
            evbuffer_add(out, p, 1);
    }
    evbuffer_add(out, "\"", 1);
}

bool admin_json_escape(const char *s, char *out, size_t outlen)
{
    char tmp[8];
    size_t o = 0;
    if (outlen == 0)
        return false;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        const char *e = json_escape_byte(*p, tmp);
        size_t n = e ? strlen(e) : 1;
        if (o + n + 1 > outlen) {
            out[0] = '\0';
            return false;
        }
        if (e)
            memcpy(out + o, e, n);
        else
            out[o] = (char)*p;
        o += n;
    }
    out[o] = '\0';
    return true;
}

/* ---- users ---- */

bool admin_resolve_users(const char *users, uid_t *out, size_t max, size_t *n, char *err,
                         size_t errlen)
{
    *n = 0;
    const char *s = users ? users : "";
    while (*s) {
        while (*s == ' ' || *s == ',' || *s == '\t')
            s++;
        if (*s == '\0')
            break;
        const char *e = s;
        while (*e && *e != ',' && *e != ' ' && *e != '\t')
            e++;
        char name[256];
        size_t len = (size_t)(e - s);
        if (len >= sizeof name) {
            snprintf(err, errlen, "admin users: name too long");
            return false;
        }
        memcpy(name, s, len);
        name[len] = '\0';
        s = e;
        char *end;
        errno = 0;
        unsigned long v = strtoul(name, &end, 10);
        uid_t uid;
        if (*end == '\0' && errno == 0 && name[0] >= '0' && name[0] <= '9') {
            uid = (uid_t)v;
        } else {
            struct passwd *pw = getpwnam(name);
            if (pw == NULL) {
                snprintf(err, errlen, "admin users: unknown user \"%s\"", name);
                return false;
            }
            uid = pw->pw_uid;
        }
        if (*n >= max) {
            snprintf(err, errlen, "admin users: more than %zu users", max);
            return false;
        }
        out[(*n)++] = uid;
    }
    if (*n == 0) {
        out[(*n)++] = geteuid();
        if (geteuid() != 0 && *n < max)
            out[(*n)++] = 0;
    }
    return true;
}

static bool admin_uid_allowed(const struct admin *a, uid_t uid)
{
    for (size_t i = 0; i < a->nallowed; i++)
        if (a->allowed[i] == uid)
            return true;
    return false;
}

/* ---- sessions ---- */

static void session_process(struct admin_session *s);

static void session_free(struct admin_session *s)
{
    struct admin *a = s->admin;
    for (struct admin_session **pp = &a->sessions; *pp; pp = &(*pp)->next) {
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    }
    if (s->req) {
        struct admin_request *r = s->req;
        r->sess = NULL;
        s->req = NULL;
        s->admin->commands->peer_gone(r);
    }
    bufferevent_free(s->bev);
    free(s);
}

/* The reply is flushed: half-close and wait (bounded) for the peer's EOF, so
 * that bytes it still sends do not turn our close into a reset that could
 * destroy the final line before it is read. */
static void session_linger(struct admin_session *s)
{
    if (s->lingering)
        return;
    s->lingering = true;
    shutdown(bufferevent_getfd(s->bev), SHUT_WR);
    struct timeval tv = {2, 0};
    bufferevent_set_timeouts(s->bev, &tv, NULL);
    bufferevent_enable(s->bev, EV_READ);
}

static void session_close_soon(struct admin_session *s)
{
    s->closing = true;
    if (evbuffer_get_length(bufferevent_get_output(s->bev)) == 0 && !s->in_loop)
        session_linger(s);
}

static void session_write_cb(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct admin_session *s = arg;
    if (s->closing && !s->in_loop)
        session_linger(s);
}

static void session_event_cb(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct admin_session *s = arg;
    if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR | BEV_EVENT_TIMEOUT)) {
        if (s->req)
            log_msg(&s->admin->proxy->log, LOG_LVL_INFO, "admin: peer uid %lu left while '%s' runs",
                    (unsigned long)s->uid, command_verb_name(s->req->cmd.verb));
        if (s->in_loop)
            s->closing = true;
        else
            session_free(s);
    }
}

static void session_read_cb(struct bufferevent *bev, void *arg)
{
    struct admin_session *s = arg;
    if (s->closing) { /* read and drop, so closing does not reset the final line */
        struct evbuffer *in = bufferevent_get_input(bev);
        evbuffer_drain(in, evbuffer_get_length(in));
        return;
    }
    session_process(s);
}

/* Runs the commands waiting in the input, one at a time. */
static void session_process(struct admin_session *s)
{
    if (s->in_loop)
        return;
    s->in_loop = true;
    struct evbuffer *in = bufferevent_get_input(s->bev);
    struct evbuffer *out = bufferevent_get_output(s->bev);
    while (!s->closing && s->req == NULL) {
        size_t len;
        char *line = evbuffer_readln(in, &len, EVBUFFER_EOL_LF);
        if (line == NULL) {
            if (evbuffer_get_length(in) > COMMAND_LINE_MAX) {
                admin_reply_final(out, false, "command line too long");
                s->closing = true;
            }
            break;
        }
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len > COMMAND_LINE_MAX) {
            free(line);
            admin_reply_final(out, false, "command line too long");
            s->closing = true;
            break;
        }
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len) { /* empty line: nothing to do */
            free(line);
            continue;
        }
        struct command cmd;
        char err[256];
        if (!command_parse(line, len, &cmd, err, sizeof err)) {
            free(line);
            admin_reply_final(out, false, err);
            continue;
        }
        free(line);
        struct admin_request *r = calloc(1, sizeof *r);
        if (r == NULL) {
            admin_reply_final(out, false, "out of memory");
            continue;
        }
        r->admin = s->admin;
        r->sess = s;
        r->cmd = cmd;
        r->uid = (long)s->uid;
        clock_gettime(CLOCK_MONOTONIC, &r->started);
        r->next = s->admin->requests;
        s->admin->requests = r;
        s->req = r;
        s->admin->commands->dispatch(r);
    }
    s->in_loop = false;
    if (s->closing) {
        evbuffer_drain(in, evbuffer_get_length(in));
        if (evbuffer_get_length(out) == 0)
            session_linger(s);
    }
}

/* ---- requests ---- */

static struct evbuffer *req_out(struct admin_request *r)
{
    return r->sess ? bufferevent_get_output(r->sess->bev) : NULL;
}

void admin_req_progress(struct admin_request *r, const char *fmt, ...)
{
    struct evbuffer *out = req_out(r);
    if (out == NULL)
        return;
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    admin_reply_progress(out, buf);
}

void admin_req_body(struct admin_request *r, const char *fmt, ...)
{
    struct evbuffer *out = req_out(r);
    if (out == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *buf = NULL;
    int n = vasprintf(&buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    admin_reply_body(out, buf);
    free(buf);
}

void admin_req_body_buf(struct admin_request *r, struct evbuffer *json)
{
    struct evbuffer *out = req_out(r);
    if (out == NULL)
        return;
    evbuffer_add(out, "| ", 2);
    evbuffer_add_buffer(out, json);
    evbuffer_add(out, "\n", 1);
}

void admin_req_close_after(struct admin_request *r)
{
    if (r->sess)
        r->sess->closing = true;
}

void admin_req_finish(struct admin_request *r, bool ok, const char *fmt, ...)
{
    struct admin *a = r->admin;
    char msg[4096] = "";
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
    }
    struct admin_session *s = r->sess;
    if (s) {
        admin_reply_final(bufferevent_get_output(s->bev), ok, msg);
        s->req = NULL;
    } else if (!ok) {
        log_msg(&a->proxy->log, LOG_LVL_WARNING, "admin: '%s' (peer gone) failed: %s",
                command_verb_name(r->cmd.verb), msg);
    }
    for (struct admin_request **pp = &a->requests; *pp; pp = &(*pp)->next) {
        if (*pp == r) {
            *pp = r->next;
            break;
        }
    }
    lifecycle_settle_free(r->settle);
    free(r->summary);
    free(r);
    if (s) {
        if (s->closing && !s->in_loop)
            session_close_soon(s);
        else if (!s->in_loop)
            session_process(s);
    }
}

/* ---- listener ---- */

static void admin_accept_cb(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
                            int salen, void *arg)
{
    (void)l;
    (void)sa;
    (void)salen;
    struct admin *a = arg;
    struct ucred cred;
    socklen_t clen = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) != 0) {
        log_msg(&a->proxy->log, LOG_LVL_WARNING, "admin: SO_PEERCRED failed: %s", strerror(errno));
        evutil_closesocket(fd);
        return;
    }
    if (!admin_uid_allowed(a, cred.uid)) {
        char msg[96];
        int n = snprintf(msg, sizeof msg, "error: permission denied for uid %lu\n",
                         (unsigned long)cred.uid);
        ssize_t w = send(fd, msg, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void)w;
        /* Closing with unread input makes Linux report ECONNRESET to the
         * peer: drop what it already sent so it reads the line above. */
        char sink[COMMAND_LINE_MAX];
        while (recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {
        }
        log_msg(&a->proxy->log, LOG_LVL_WARNING,
                "admin: refused peer uid %lu pid %ld (not in [admin] users)",
                (unsigned long)cred.uid, (long)cred.pid);
        evutil_closesocket(fd);
        return;
    }
    struct admin_session *s = calloc(1, sizeof *s);
    struct bufferevent *bev =
        s ? bufferevent_socket_new(a->proxy->base, fd, BEV_OPT_CLOSE_ON_FREE) : NULL;
    if (bev == NULL) {
        free(s);
        evutil_closesocket(fd);
        return;
    }
    s->admin = a;
    s->bev = bev;
    s->uid = cred.uid;
    s->next = a->sessions;
    a->sessions = s;
    bufferevent_setcb(bev, session_read_cb, session_write_cb, session_event_cb, s);
    bufferevent_enable(bev, EV_READ | EV_WRITE);
    log_msg(&a->proxy->log, LOG_LVL_DEBUG, "admin: peer uid %lu connected",
            (unsigned long)cred.uid);
}

/* accept() failed: for want of a descriptor, every listener pauses (fdlimit.h). */
static void admin_accept_error_cb(struct evconnlistener *l, void *arg)
{
    (void)l;
    struct admin *a = arg;
    fdlimit_accept_failed(a->proxy, "admin", EVUTIL_SOCKET_ERROR());
}

/* True when something accepts connections on `path`. */
static bool admin_socket_live(const struct sockaddr_un *sun)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    bool live = connect(fd, (const struct sockaddr *)sun, sizeof *sun) == 0;
    close(fd);
    return live;
}

static bool admin_bind(struct admin *a, const char *path, int mode, char *err, size_t errlen)
{
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sun.sun_path) {
        snprintf(err, errlen, "admin socket path too long: %s", path);
        return false;
    }
    strcpy(sun.sun_path, path);
    struct stat st;
    if (lstat(path, &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) {
            snprintf(err, errlen, "admin socket %s exists and is not a socket", path);
            return false;
        }
        if (admin_socket_live(&sun)) {
            snprintf(err, errlen,
                     "admin socket %s is in use by another process (another cutoverd?): refusing "
                     "to start; stop it or set [admin] socket to another path",
                     path);
            return false;
        }
        unlink(path); /* stale: nobody listens */
    }
    mode_t old = umask(0177);
    a->listener = evconnlistener_new_bind(a->proxy->base, admin_accept_cb, a,
                                          LEV_OPT_CLOSE_ON_FREE | LEV_OPT_CLOSE_ON_EXEC, 16,
                                          (struct sockaddr *)&sun, (int)sizeof sun);
    umask(old);
    if (a->listener == NULL) {
        snprintf(err, errlen, "admin socket %s: %s", path, strerror(errno));
        return false;
    }
    if (chmod(path, (mode_t)(mode > 0 ? mode : 0600)) != 0) {
        snprintf(err, errlen, "admin socket %s: chmod: %s", path, strerror(errno));
        evconnlistener_free(a->listener);
        a->listener = NULL;
        unlink(path);
        return false;
    }
    evconnlistener_set_error_cb(a->listener, admin_accept_error_cb);
    fdlimit_watch(a->proxy, a->listener, "admin");
    a->path = strdup(path);
    return true;
}

void admin_reloaded(struct admin *a, char *note, size_t notelen)
{
    char uerr[256];
    uid_t uids[ADMIN_MAX_USERS];
    size_t nuids;
    note[0] = '\0';
    if (admin_resolve_users(a->proxy->cfg->admin_users, uids, ADMIN_MAX_USERS, &nuids, uerr,
                            sizeof uerr)) {
        memcpy(a->allowed, uids, nuids * sizeof uids[0]);
        a->nallowed = nuids;
    } else {
        snprintf(note, notelen, "admin users kept: %s", uerr);
    }
    lifecycle_reloaded(a->lifecycle);
}

/* The proxy's on_reloaded hook: a SIGHUP reload. */
static void admin_on_reloaded(struct proxy *p, void *arg)
{
    char note[300];
    admin_reloaded(arg, note, sizeof note);
    if (note[0])
        log_msg(&p->log, LOG_LVL_WARNING, "reload: %s", note);
}

struct admin *admin_new(struct proxy *p, const struct admin_commands *commands, char *err,
                        size_t errlen)
{
    struct admin *a = calloc(1, sizeof *a);
    if (a == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->proxy = p;
    a->commands = commands;
    if (!admin_resolve_users(p->cfg->admin_users, a->allowed, ADMIN_MAX_USERS, &a->nallowed, err,
                             errlen)) {
        free(a);
        return NULL;
    }
    if (p->cfg->admin_socket && *p->cfg->admin_socket) {
        /* Every failure is fatal: a daemon without its admin socket cannot
         * be promoted, and a path someone else holds (or could take over)
         * would hand cutoverctl's commands to them. */
        char path[4096];
        if (!admin_path_prepare(p->cfg->admin_socket, path, sizeof path, err, errlen) ||
            !admin_bind(a, path, p->cfg->admin_socket_mode, err, errlen)) {
            free(a);
            return NULL;
        }
        log_msg(&p->log, LOG_LVL_INFO, "admin socket %s", path);
    }
    a->lifecycle = lifecycle_new(p);
    if (a->lifecycle == NULL) {
        snprintf(err, errlen, "out of memory");
        admin_free(a);
        return NULL;
    }
    p->on_reloaded = admin_on_reloaded;
    p->on_reloaded_arg = a;
    return a;
}

void admin_free(struct admin *a)
{
    if (a == NULL)
        return;
    while (a->sessions)
        session_free(a->sessions);
    /* A `pause` still waiting for quiescence holds its request as the
     * barrier's callback argument: lowering it now finishes that request. */
    if (a->paused && barrier_is_raised(a->proxy)) {
        a->paused = false;
        proxy_resume(a->proxy);
    }
    if (a->pause_timer)
        event_free(a->pause_timer);
    if (a->proxy->on_reloaded_arg == a) {
        a->proxy->on_reloaded = NULL;
        a->proxy->on_reloaded_arg = NULL;
    }
    while (a->requests) {
        struct admin_request *r = a->requests;
        a->requests = r->next;
        if (r->op)
            deploy_cancel(r->op); /* may call the lifecycle's hooks: freed below */
        lifecycle_settle_free(r->settle);
        free(r->summary);
        free(r);
    }
    lifecycle_free(a->lifecycle);
    if (a->listener) {
        fdlimit_unwatch(a->proxy, a->listener);
        evconnlistener_free(a->listener);
    }
    if (a->path) {
        unlink(a->path);
        free(a->path);
    }
    free(a);
}
