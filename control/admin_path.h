/*
 * admin_path.h: where the admin socket lives, and whether a path is safe
 * for it. Shared by cutoverd (which creates the socket) and cutoverctl
 * (which must find the same default).
 *
 * A socket in a directory others can write to can be squatted: another user
 * binds the name first and cutoverctl talks to it. The default is therefore
 * a directory private to the daemon's user; an explicit path must be in a
 * directory only its owner (or root) can write to.
 */
#ifndef CUTOVER_CONTROL_ADMIN_PATH_H
#define CUTOVER_CONTROL_ADMIN_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define ADMIN_SOCKET_AUTO "auto"       /* [admin] socket's default: the private runtime dir */
#define ADMIN_SOCKET_NAME "admin.sock" /* the socket's name in that directory */
#define ADMIN_RUN_DIR     "/run/cutover"

/*
 * The private runtime directory for a process with effective uid `euid`:
 * /run/cutover for root; $XDG_RUNTIME_DIR/cutover otherwise (`xdg`: the
 * variable's value or NULL); failing that, /run/cutover when it already is a
 * directory owned by `euid` (systemd's RuntimeDirectory=cutover, the
 * container image). Else false with a message saying what to set.
 */
bool admin_path_default_dir(uid_t euid, const char *xdg, char *out, size_t cap, char *err,
                            size_t errlen);

/* The default socket, <default dir>/admin.sock, for this process. */
bool admin_path_default(char *out, size_t cap, char *err, size_t errlen);

/*
 * Checks that `dir` is safe to hold the admin socket of a process with
 * effective uid `euid`: a directory (not a symbolic link), owned by `euid`
 * (or by root when `root_may_own`), not writable by group or others. With
 * `create`, a missing `dir` is created with mode 0700 (its parent must
 * exist). False with a message naming the problem.
 */
bool admin_path_check_dir(const char *dir, uid_t euid, bool create, bool root_may_own, char *err,
                          size_t errlen);

/*
 * Resolves [admin] socket (`configured`: "auto" or a path) into `out` and
 * makes its directory safe: the default directory is created 0700 when
 * missing and must belong to this user; an explicit path's directory must
 * belong to this user or root. False with a message.
 */
bool admin_path_prepare(const char *configured, char *out, size_t cap, char *err, size_t errlen);

#endif
