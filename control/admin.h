/*
 * admin.h: the admin Unix socket on the daemon's event loop, and the reply
 * framing it shares with cutoverctl and the tests.
 *
 * A peer is checked with SO_PEERCRED against [admin] users before it may send
 * anything. It then sends one command per line (command.h); each reply is
 * `# ...` progress lines, `| ...` body lines and one final `ok` or
 * `error: <message>` line. Commands on one connection run one after the
 * other; lines that arrive while one runs wait in the input buffer.
 */
#ifndef CUTOVER_CONTROL_ADMIN_H
#define CUTOVER_CONTROL_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/listener.h>

#include "control/command.h"

#define ADMIN_MAX_USERS 32 /* uids in [admin] users */

struct proxy;
struct admin_session;
struct admin_request;
struct lifecycle;
struct lifecycle_settle;

/* The commands the socket runs (commands.h gives the table): admin.c frames
 * and sessions, the handlers know the verbs. */
struct admin_commands {
    /* Runs the request's command; the handler finishes it now or later. */
    void (*dispatch)(struct admin_request *r);
    /* The peer of a running request left (`r->sess` is already NULL). */
    void (*peer_gone)(struct admin_request *r);
};

struct admin {
    struct proxy *proxy;                   /* not owned */
    const struct admin_commands *commands; /* the dispatch table; not owned */
    struct lifecycle *lifecycle;           /* owned: the deployment lifecycle glue */
    struct evconnlistener *listener;       /* NULL = no socket */
    char *path;                            /* socket path we bound (unlinked on free); owned */
    uid_t allowed[ADMIN_MAX_USERS];        /* uids allowed to connect */
    size_t nallowed;                       /* length of allowed */
    struct admin_session *sessions;        /* live sessions (singly linked) */
    struct admin_request *requests;        /* requests in flight, incl. orphaned ones */
    struct event *pause_timer;             /* `pause --timeout`: automatic resume */
    bool paused;                           /* raised by `pause` (not by a lifecycle step) */
    double step_seconds[CMD__COUNT];       /* last duration of each lifecycle step, for metrics */
};

/*
 * Resolves `users` ("alice, 1001, root"; empty or NULL = our own uid and
 * root) into uids. False with `err` set on an unknown user name.
 */
bool admin_resolve_users(const char *users, uid_t *out, size_t max, size_t *n, char *err,
                         size_t errlen);

/*
 * Creates the admin side of proxy `p`: binds [admin] socket (if configured)
 * on p's event loop and runs `commands` for its peers; creates the lifecycle
 * (lifecycle.h: swapwatch hook, first state derivation) and installs the
 * reload hook. NULL with `err` set on failure.
 */
struct admin *admin_new(struct proxy *p, const struct admin_commands *commands, char *err,
                        size_t errlen);
/* Closes the socket (unlinks it), cancels requests, frees. NULL is a no-op. */
void admin_free(struct admin *a);

/*
 * What follows every successful reload, by SIGHUP or `reload`: [admin] users
 * are resolved again and the lifecycle reads the state again. Writes a note
 * for the reply into `note` ("" when there is none).
 */
void admin_reloaded(struct admin *a, char *note, size_t notelen);

/*
 * One command being run for a peer. The session may go away while it runs
 * (`sess` becomes NULL): the reply is then dropped and the command goes on,
 * except `deploy await`, which is cancelled.
 */
struct admin_request {
    struct admin *admin;             /* owner */
    struct admin_session *sess;      /* NULL once the peer is gone */
    struct admin_request *next;      /* in admin->requests */
    struct command cmd;              /* parsed */
    long uid;                        /* peer uid, for audit lines */
    struct deploy_op *op;            /* lifecycle op in flight; NULL = none */
    struct timespec started;         /* monotonic, for durations */
    bool finished;                   /* final line written */
    char *summary;                   /* owned; a reply waiting for SUBSCRIBE splices */
    struct lifecycle_settle *settle; /* owned; that wait; NULL = none */
};

/* Writes a progress line (dropped when the peer is gone). */
void admin_req_progress(struct admin_request *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes body text (each line gets `| `). */
void admin_req_body(struct admin_request *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Writes the body line of a --json reply: `| ` + the buffer's bytes. */
void admin_req_body_buf(struct admin_request *r, struct evbuffer *json);
/* Writes the final line, frees the request, lets the session run its next
 * command. `r` is invalid afterwards. fmt NULL = no message. */
void admin_req_finish(struct admin_request *r, bool ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Closes the session once its output is flushed (shutdown). */
void admin_req_close_after(struct admin_request *r);

/* ---- reply framing (pure over an evbuffer; unit tested) ---- */

/* `# line` for each line of `text`. */
void admin_reply_progress(struct evbuffer *out, const char *text);
/* `| line` for each line of `text` (a trailing newline adds no empty line). */
void admin_reply_body(struct evbuffer *out, const char *text);
/* The final line: `ok`, or `error: msg` with newlines turned into spaces. */
void admin_reply_final(struct evbuffer *out, bool ok, const char *msg);

/*
 * Appends `s` as a JSON string (with the quotes) to `out`: ", \ and control
 * characters are escaped; bytes >= 0x80 pass through (UTF-8 is the caller's).
 */
void admin_json_string(struct evbuffer *out, const char *s);
/* Same into a buffer; returns false (and writes "") when it does not fit. */
bool admin_json_escape(const char *s, char *out, size_t outlen);

#endif
