/*
 * subscribe_reader.c: the measuring client of bench/subscribe_stall.py.
 *
 *   subscribe_reader -n N -o FILE CONNINFO SQL
 *
 * Opens N libpq connections (CONNINFO), sends SQL (a `SUBSCRIBE ... WITH (PROGRESS)`) on each in
 * single-row mode, and reads them all from one thread with poll(), stamping every row with
 * CLOCK_MONOTONIC when libpq hands it over (the clock Python's time.monotonic() reads, so the
 * bench can compare the stamps with its own). It exists because a Python reader of 100 streams
 * at ~1,000 rows/s each used most of a core on a 2-core machine: its own scheduling delays showed
 * up as gaps, and it took CPU from the servers it was measuring.
 *
 * Protocol with the caller, one line each:
 *   stdout  "port I P"       stream I connected from local port P (to find it in `show clients`)
 *           "connected"      every stream connected (idle); the reader waits for "go"
 *           "ready"          every stream sent SQL
 *           "first I"        stream I received its first data row
 *           "error I CODE M" stream I ended with an error before "stop" (CODE: SQLSTATE)
 *           "done"           FILE written; the reader exits 0
 *   stdin   "go"             send SQL on every stream
 *           "stop"           cancel every stream, wait (at most 30 s) until each has ended,
 *                            write FILE. End of input does the same.
 * FILE: "CSR1", uint32 N, then per stream uint32 count and count records of
 * {double t, uint64 mz_timestamp, uint8 progressed} (little-endian, packed: 17 bytes).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <libpq-fe.h>

struct event_rec {
    double t;
    uint64_t ts;
    uint8_t progressed;
};

struct stream {
    PGconn *conn;
    struct event_rec *ev;
    size_t nev, cap;
    bool ended;
    bool errored;
    bool had_data; /* a data row (not a progress row) arrived */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "subscribe_reader: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static void record(struct stream *s, const PGresult *r)
{
    if (PQnfields(r) < 2 || PQgetisnull(r, 0, 0))
        return;
    if (s->nev == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4096;
        s->ev = realloc(s->ev, s->cap * sizeof *s->ev);
        if (s->ev == NULL)
            die("out of memory", NULL);
    }
    struct event_rec *e = &s->ev[s->nev++];
    e->t = now_s();
    e->ts = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    e->progressed = PQgetvalue(r, 0, 1)[0] == 't';
}

/* Takes every result libpq has complete for stream i; marks the stream ended at its last. */
static void drain(struct stream *s, int i, bool stopping)
{
    while (!s->ended && !PQisBusy(s->conn)) {
        PGresult *r = PQgetResult(s->conn);
        if (r == NULL) {
            s->ended = true;
            break;
        }
        switch (PQresultStatus(r)) {
        case PGRES_SINGLE_TUPLE:
            record(s, r);
            if (!s->had_data && s->nev > 0 && !s->ev[s->nev - 1].progressed) {
                s->had_data = true;
                printf("first %d\n", i);
            }
            break;
        case PGRES_FATAL_ERROR:
            if (!stopping && !s->errored) {
                const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
                char *msg = strdup(PQresultErrorMessage(r));
                for (char *p = msg; p && *p; p++)
                    if (*p == '\n')
                        *p = ' ';
                printf("error %d %s %s\n", i, code ? code : "-", msg ? msg : "");
                free(msg);
            }
            s->errored = true;
            break;
        default:
            break;
        }
        PQclear(r);
    }
}

static void write_file(const char *path, struct stream *st, int n)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        die("cannot write", path);
    uint32_t count = (uint32_t)n;
    fwrite("CSR1", 1, 4, f);
    fwrite(&count, sizeof count, 1, f);
    for (int i = 0; i < n; i++) {
        uint32_t k = (uint32_t)st[i].nev;
        fwrite(&k, sizeof k, 1, f);
        for (size_t j = 0; j < st[i].nev; j++) {
            fwrite(&st[i].ev[j].t, sizeof(double), 1, f);
            fwrite(&st[i].ev[j].ts, sizeof(uint64_t), 1, f);
            fwrite(&st[i].ev[j].progressed, 1, 1, f);
        }
    }
    if (fclose(f) != 0)
        die("cannot write", path);
}

static void cancel_all(struct stream *st, int n)
{
    char err[256];
    for (int i = 0; i < n; i++) {
        if (st[i].ended)
            continue;
        PGcancel *c = PQgetCancel(st[i].conn);
        if (c != NULL) {
            (void)PQcancel(c, err, sizeof err);
            PQfreeCancel(c);
        }
    }
}

int main(int argc, char **argv)
{
    int n = 0;
    const char *out = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "n:o:")) != -1) {
        if (opt == 'n')
            n = atoi(optarg);
        else if (opt == 'o')
            out = optarg;
        else
            die("usage: subscribe_reader -n N -o FILE CONNINFO SQL", NULL);
    }
    if (n <= 0 || out == NULL || argc - optind != 2)
        die("usage: subscribe_reader -n N -o FILE CONNINFO SQL", NULL);
    const char *conninfo = argv[optind], *sql = argv[optind + 1];
    setvbuf(stdout, NULL, _IOLBF, 0);

    struct stream *st = calloc((size_t)n, sizeof *st);
    struct pollfd *pfd = calloc((size_t)n + 1, sizeof *pfd);
    if (st == NULL || pfd == NULL)
        die("out of memory", NULL);
    for (int i = 0; i < n; i++) {
        st[i].conn = PQconnectdb(conninfo);
        if (PQstatus(st[i].conn) != CONNECTION_OK)
            die("connection failed", PQerrorMessage(st[i].conn));
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int port = 0;
        if (getsockname(PQsocket(st[i].conn), (struct sockaddr *)&ss, &len) == 0) {
            if (ss.ss_family == AF_INET)
                port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
            else if (ss.ss_family == AF_INET6)
                port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
        }
        printf("port %d %d\n", i, port);
    }
    /* The caller measures memory with N idle connections before they subscribe. */
    printf("connected\n");
    char go[64];
    if (fgets(go, sizeof go, stdin) == NULL || strncmp(go, "go", 2) != 0)
        die("expected \"go\" on standard input", NULL);
    for (int i = 0; i < n; i++) {
        if (!PQsendQuery(st[i].conn, sql) || !PQsetSingleRowMode(st[i].conn))
            die("cannot send the statement", PQerrorMessage(st[i].conn));
        if (PQsetnonblocking(st[i].conn, 1) != 0)
            die("cannot make the connection non-blocking", PQerrorMessage(st[i].conn));
    }
    printf("ready\n");

    bool stopping = false;
    double deadline = 0;
    for (;;) {
        int live = 0;
        for (int i = 0; i < n; i++) {
            pfd[i].fd = st[i].ended ? -1 : PQsocket(st[i].conn);
            pfd[i].events = POLLIN;
            live += !st[i].ended;
        }
        pfd[n].fd = stopping ? -1 : STDIN_FILENO;
        pfd[n].events = POLLIN;
        if (stopping && (live == 0 || now_s() > deadline))
            break;
        if (poll(pfd, (nfds_t)n + 1, 100) < 0) {
            if (errno == EINTR)
                continue;
            die("poll", strerror(errno));
        }
        for (int i = 0; i < n; i++) {
            if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            if (!PQconsumeInput(st[i].conn)) {
                if (!stopping && !st[i].errored)
                    printf("error %d conn %s\n", i, PQerrorMessage(st[i].conn));
                st[i].errored = true;
                st[i].ended = true;
                continue;
            }
            drain(&st[i], i, stopping);
        }
        if (!stopping && (pfd[n].revents & (POLLIN | POLLHUP))) {
            char line[64];
            if (fgets(line, sizeof line, stdin) == NULL || strncmp(line, "stop", 4) == 0) {
                stopping = true;
                deadline = now_s() + 30;
                cancel_all(st, n);
            }
        }
    }
    write_file(out, st, n);
    for (int i = 0; i < n; i++) {
        PQfinish(st[i].conn);
        free(st[i].ev);
    }
    free(st);
    free(pfd);
    printf("done\n");
    return 0;
}
