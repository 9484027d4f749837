/*
 * cutoverctl.c: the admin socket's command-line client. Sends its words as
 * one command line, prints the reply's body, shows progress live on a
 * terminal, and exits 0 on `ok`, 1 on `error:`, 2 on usage or connection
 * problems.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control/admin_path.h"
#include "control/command.h"

static void ctl_usage(FILE *f)
{
    fprintf(f,
            "usage: cutoverctl [-s SOCKET] [--json] COMMAND ...\n"
            "  -s, --socket PATH  admin socket (default $CUTOVER_ADMIN_SOCKET, else cutoverd's\n"
            "                     default: %s/%s as root, $XDG_RUNTIME_DIR/cutover/%s "
            "otherwise)\n"
            "      --json         one JSON object per reply body\n"
            "The server must run as root or as your own uid (checked with SO_PEERCRED).\n"
            "Exit status: 0 ok, 1 the command failed, 2 usage or connection problem.\n\n%s",
            ADMIN_RUN_DIR, ADMIN_SOCKET_NAME, ADMIN_SOCKET_NAME, command_usage());
}

static bool ctl_write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/*
 * Reads the options and joins the command words into one admin line (with
 * its newline) in `line`. Returns -1 to go on, or the exit status: 0 after
 * --help, 2 on a usage error.
 */
static int ctl_build_line(int argc, char **argv, const char **sock, char *line, size_t *lenp)
{
    size_t len = 0;
    bool json = false;
    int i = 1;
    for (; i < argc; i++) {
        if ((strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "--socket") == 0) && i + 1 < argc) {
            *sock = argv[++i];
        } else if (strncmp(argv[i], "--socket=", 9) == 0) {
            *sock = argv[i] + 9;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            ctl_usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else {
            break;
        }
    }
    if (i >= argc) {
        ctl_usage(stderr);
        return 2;
    }
    for (; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (strchr(argv[i], '\n') || len + n + 8 > COMMAND_LINE_MAX) {
            fprintf(stderr, "cutoverctl: command too long or contains a newline\n");
            return 2;
        }
        /* The admin line is split on blanks: a blank inside one argument
         * would silently make two words of it. No command takes one. */
        if (n == 0 || strpbrk(argv[i], " \t\r") != NULL) {
            fprintf(stderr, "cutoverctl: argument '%s' is empty or contains a blank\n", argv[i]);
            return 2;
        }
        if (len)
            line[len++] = ' ';
        memcpy(line + len, argv[i], n);
        len += n;
    }
    if (json) {
        memcpy(line + len, " --json", 7);
        len += 7;
    }
    line[len++] = '\n';
    *lenp = len;
    return -1;
}

/* A socket connected to the admin socket at `path`, or -1 (said on stderr). */
static int ctl_connect(const char *path)
{
    struct sockaddr_un sun;
    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof sun.sun_path) {
        fprintf(stderr, "cutoverctl: socket path too long: %s\n", path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sun, sizeof sun) != 0) {
        fprintf(stderr, "cutoverctl: cannot connect to %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    /* Whoever listens there gets our commands: it must be root or us, not
     * another user who bound the name first. */
    struct ucred cred;
    socklen_t clen = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &clen) != 0) {
        fprintf(stderr, "cutoverctl: cannot check who listens on %s: SO_PEERCRED: %s\n", path,
                strerror(errno));
        close(fd);
        return -1;
    }
    if (cred.uid != 0 && cred.uid != getuid() && cred.uid != geteuid()) {
        fprintf(stderr,
                "cutoverctl: refusing %s: the process listening there (pid %ld) runs as uid "
                "%lu, neither root nor you (uid %lu); it is not a cutoverd you may trust with "
                "admin commands\n",
                path, (long)cred.pid, (unsigned long)cred.uid, (unsigned long)getuid());
        close(fd);
        return -1;
    }
    return fd;
}

/* Prints the reply read from `in`: progress lines (redrawn in place on a
 * terminal), the body on stdout, an error on stderr. Returns 0 on `ok`, 1 on
 * `error: ...`, 2 when the reply ended early. */
static int ctl_print_reply(FILE *in)
{
    bool tty = isatty(STDOUT_FILENO);
    bool live = false; /* a progress line is shown and must be cleared */
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n;
    int status = 2;
    while ((n = getline(&buf, &cap, in)) >= 0) {
        if (n > 0 && buf[n - 1] == '\n')
            buf[--n] = '\0';
        if (strncmp(buf, "# ", 2) == 0 || strcmp(buf, "#") == 0) {
            const char *t = buf[1] ? buf + 2 : "";
            if (tty) {
                printf("\r\033[K%s", t);
                live = true;
            } else {
                printf("# %s\n", t);
            }
            fflush(stdout);
            continue;
        }
        if (live) {
            printf("\r\033[K");
            live = false;
        }
        if (strncmp(buf, "| ", 2) == 0 || strcmp(buf, "|") == 0) {
            printf("%s\n", buf[1] ? buf + 2 : "");
        } else if (strcmp(buf, "ok") == 0) {
            status = 0;
            break;
        } else if (strncmp(buf, "error: ", 7) == 0) {
            fflush(stdout);
            fprintf(stderr, "%s\n", buf);
            status = 1;
            break;
        } else {
            printf("%s\n", buf);
        }
    }
    if (live)
        printf("\r\033[K");
    fflush(stdout);
    free(buf);
    return status;
}

int main(int argc, char **argv)
{
    const char *sock = getenv("CUTOVER_ADMIN_SOCKET");
    if (sock != NULL && *sock == '\0')
        sock = NULL;
    char line[COMMAND_LINE_MAX + 2];
    size_t len = 0;
    int rc = ctl_build_line(argc, argv, &sock, line, &len);
    if (rc >= 0)
        return rc;
    char default_path[4096];
    if (sock == NULL) {
        char err[512];
        if (!admin_path_default(default_path, sizeof default_path, err, sizeof err)) {
            fprintf(stderr, "cutoverctl: %s\n", err);
            return 2;
        }
        sock = default_path;
    }
    int fd = ctl_connect(sock);
    if (fd < 0)
        return 2;
    /* A send that fails may still leave a reply to read: the daemon refuses
     * a peer by writing `error: permission denied ...` and closing at once. */
    int send_errno = ctl_write_all(fd, line, len) ? 0 : errno;
    FILE *in = fdopen(fd, "r");
    if (in == NULL) {
        close(fd);
        return 2;
    }
    int status = ctl_print_reply(in);
    if (status == 2 && send_errno)
        fprintf(stderr, "cutoverctl: cannot send to %s: %s\n", sock, strerror(send_errno));
    else if (status == 2)
        fprintf(stderr, "cutoverctl: connection closed before the reply ended\n");
    fclose(in);
    return status;
}
