/*
 * admin_path.c: the admin socket's default location and the safety of its
 * directory (admin_path.h).
 */
#include "control/admin_path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool admin_path_default_dir(uid_t euid, const char *xdg, char *out, size_t cap, char *err,
                            size_t errlen)
{
    int n;
    if (euid == 0) {
        n = snprintf(out, cap, "%s", ADMIN_RUN_DIR);
    } else if (xdg != NULL && xdg[0] == '/') {
        n = snprintf(out, cap, "%s/cutover", xdg);
    } else {
        struct stat st;
        if (lstat(ADMIN_RUN_DIR, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == euid) {
            n = snprintf(out, cap, "%s", ADMIN_RUN_DIR);
        } else {
            snprintf(err, errlen,
                     "no private directory for the admin socket: not root, XDG_RUNTIME_DIR is "
                     "not set and %s is not a directory of uid %lu; set [admin] socket (or "
                     "cutoverd -a / cutoverctl -s PATH) to a path in a directory only you can "
                     "write to",
                     ADMIN_RUN_DIR, (unsigned long)euid);
            return false;
        }
    }
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, errlen, "admin socket directory path too long");
        return false;
    }
    return true;
}

bool admin_path_default(char *out, size_t cap, char *err, size_t errlen)
{
    char dir[4096];
    if (!admin_path_default_dir(geteuid(), getenv("XDG_RUNTIME_DIR"), dir, sizeof dir, err, errlen))
        return false;
    int n = snprintf(out, cap, "%s/%s", dir, ADMIN_SOCKET_NAME);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, errlen, "admin socket path too long: %s/%s", dir, ADMIN_SOCKET_NAME);
        return false;
    }
    return true;
}

bool admin_path_check_dir(const char *dir, uid_t euid, bool create, bool root_may_own, char *err,
                          size_t errlen)
{
    struct stat st;
    if (lstat(dir, &st) != 0) {
        if (errno != ENOENT || !create) {
            snprintf(err, errlen, "admin socket directory %s: %s", dir, strerror(errno));
            return false;
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create the admin socket directory %s: %s", dir,
                     strerror(errno));
            return false;
        }
        if (lstat(dir, &st) != 0) {
            snprintf(err, errlen, "admin socket directory %s: %s", dir, strerror(errno));
            return false;
        }
    }
    if (S_ISLNK(st.st_mode)) {
        snprintf(err, errlen, "admin socket directory %s is a symbolic link: refused", dir);
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "admin socket directory %s is not a directory", dir);
        return false;
    }
    if (st.st_uid != euid && !(root_may_own && st.st_uid == 0)) {
        snprintf(err, errlen,
                 "admin socket directory %s belongs to uid %lu, not to uid %lu%s: refused (its "
                 "owner could replace the socket)",
                 dir, (unsigned long)st.st_uid, (unsigned long)euid,
                 root_may_own ? " or root" : "");
        return false;
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        snprintf(err, errlen,
                 "admin socket directory %s is writable by %s (mode %04o): refused (anyone who "
                 "can write there can take the socket's name); use a directory only its owner "
                 "can write to",
                 dir, (st.st_mode & S_IWOTH) ? "everyone" : "its group",
                 (unsigned)(st.st_mode & 07777));
        return false;
    }
    return true;
}

bool admin_path_prepare(const char *configured, char *out, size_t cap, char *err, size_t errlen)
{
    uid_t euid = geteuid();
    if (strcmp(configured, ADMIN_SOCKET_AUTO) == 0) {
        char dir[4096];
        if (!admin_path_default_dir(euid, getenv("XDG_RUNTIME_DIR"), dir, sizeof dir, err, errlen))
            return false;
        if (!admin_path_check_dir(dir, euid, true, false, err, errlen))
            return false;
        int n = snprintf(out, cap, "%s/%s", dir, ADMIN_SOCKET_NAME);
        if (n < 0 || (size_t)n >= cap) {
            snprintf(err, errlen, "admin socket path too long: %s/%s", dir, ADMIN_SOCKET_NAME);
            return false;
        }
        return true;
    }
    int n = snprintf(out, cap, "%s", configured);
    if (n < 0 || (size_t)n >= cap) {
        snprintf(err, errlen, "admin socket path too long: %s", configured);
        return false;
    }
    /* The directory of an explicit path: everything before the last '/'. */
    char dir[4096];
    const char *slash = strrchr(configured, '/');
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else if (slash == configured)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - configured), configured);
    return admin_path_check_dir(dir, euid, false, true, err, errlen);
}
