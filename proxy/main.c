/*
 * main.c: cutoverd, the daemon. Parses the command line and the config,
 * builds the proxy and runs its event loop.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "control/admin.h"
#include "control/commands.h"
#include "proxy/config.h"
#include "proxy/evmem.h"
#include "proxy/http.h"
#include "proxy/proxy.h"
#include "proxy/secret.h"

/* The control plane's metrics in /metrics. */
static void main_admin_metrics(void *arg, struct evbuffer *out)
{
    commands_metrics(arg, out);
}

static void main_usage(FILE *f)
{
    fprintf(f, "usage: cutoverd -c FILE [--listen HOST:PORT] [--backend HOST:PORT] "
               "[--admin PATH] [--check]\n"
               "       cutoverd --help | --version\n"
               "\n"
               "  -c, --config FILE     configuration file (INI)\n"
               "  -l, --listen HOST:PORT  production listener (overrides [proxy] listen)\n"
               "  -b, --backend HOST:PORT server (overrides [backend] address)\n"
               "  -a, --admin PATH      admin socket (overrides [admin] socket)\n"
               "      --check           validate the configuration and exit (0 ok, 2 errors)\n"
               "  -h, --help            this text\n"
               "  -V, --version         print the version\n"
               "\n"
               "Signals: SIGTERM drains (each session closed once outside a transaction,\n"
               "up to shutdown_timeout); a second SIGTERM or SIGINT stops now;\n"
               "SIGHUP reloads the configuration file.\n");
}

/* Long on purpose: the daemon's start-up and shutdown sequence, read in
 * order; each step is a call or a short check, and the order is the point. */
int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},  {"listen", required_argument, NULL, 'l'},
        {"backend", required_argument, NULL, 'b'}, {"admin", required_argument, NULL, 'a'},
        {"check", no_argument, NULL, 'C'},         {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0},
    };
    evmem_install(); /* before any other libevent call */
    const char *config_path = NULL, *listen = NULL, *backend = NULL, *admin = NULL;
    bool check = false;
    int opt;
    while ((opt = getopt_long(argc, argv, "c:l:b:a:hV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'c':
            config_path = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 'b':
            backend = optarg;
            break;
        case 'a':
            admin = optarg;
            break;
        case 'C':
            check = true;
            break;
        case 'h':
            main_usage(stdout);
            return 0;
        case 'V':
            printf("cutoverd %s\n", CUTOVER_VERSION);
            return 0;
        default:
            main_usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "cutoverd: unexpected argument \"%s\"\n", argv[optind]);
        main_usage(stderr);
        return 2;
    }
    if (config_path == NULL) {
        fprintf(stderr, "cutoverd: -c FILE is required\n");
        main_usage(stderr);
        return 2;
    }

    struct config *cfg = calloc(1, sizeof *cfg);
    char err[4096] = "";
    if (cfg == NULL || !config_init_defaults(cfg)) {
        fprintf(stderr, "cutoverd: out of memory\n");
        return 1;
    }
    bool ok = config_load_file(cfg, config_path, err, sizeof err);
    if (ok && listen)
        ok = config_set(cfg, "proxy", "listen", listen, err, sizeof err);
    if (ok && backend)
        ok = config_set(cfg, "backend", "address", backend, err, sizeof err);
    if (ok && admin)
        ok = config_set(cfg, "admin", "socket", admin, err, sizeof err);
    if (ok)
        ok = config_validate(cfg, err, sizeof err);
    if (!ok) {
        size_t n = strlen(err);
        fprintf(stderr, "%s%s", err, n && err[n - 1] == '\n' ? "" : "\n");
        config_free(cfg);
        free(cfg);
        return 2;
    }
    if (check) {
        printf("%s: configuration ok\n", config_path);
        config_free(cfg);
        free(cfg);
        return 0;
    }

    /* Before anything holds a secret (the admin DSN is in cfg already, but
     * nothing can dump the process before this line runs). */
    if (!cfg->allow_core_dumps && !secret_disable_core_dumps(err, sizeof err)) {
        fprintf(stderr, "cutoverd: could not disable core dumps: %s\n", err);
        config_free(cfg);
        free(cfg);
        return 1;
    }
    signal(SIGPIPE, SIG_IGN);
    struct event_base *base = proxy_event_base_new();
    if (base == NULL) {
        fprintf(stderr, "cutoverd: could not create the event loop\n");
        config_free(cfg);
        free(cfg);
        return 1;
    }
    struct proxy *p = proxy_new(base, cfg, err, sizeof err);
    if (p == NULL) {
        fprintf(stderr, "cutoverd: %s\n", err);
        event_base_free(base);
        return 1;
    }
    if (!proxy_install_signals(p)) {
        fprintf(stderr, "cutoverd: could not install signal handlers\n");
        proxy_free(p);
        event_base_free(base);
        return 1;
    }
    struct admin *adm = admin_new(p, commands_table(), err, sizeof err);
    if (adm == NULL) {
        fprintf(stderr, "cutoverd: %s\n", err);
        proxy_free(p);
        event_base_free(base);
        return 1;
    }
    struct http_server *http = NULL;
    if (p->cfg->http_listen && *p->cfg->http_listen) {
        http = http_new(p, p->cfg->http_listen, p->cfg->http_max_connections, main_admin_metrics,
                        adm, err, sizeof err);
        if (http == NULL) {
            fprintf(stderr, "cutoverd: %s\n", err);
            admin_free(adm);
            proxy_free(p);
            event_base_free(base);
            return 1;
        }
    }
    log_msg(&p->log, LOG_LVL_INFO, "cutoverd %s started, backend %s", CUTOVER_VERSION,
            p->backend_desc);
    event_base_dispatch(base);
    /* Stopping: a SIGTERM or SIGINT that arrives now (a second signal of an
     * impatient supervisor) must not kill the process mid-teardown once
     * proxy_free() gave the signals back their default action; blocked,
     * they die with the process, which exits 0 as it would have. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop_signals, NULL);
    log_msg(&p->log, LOG_LVL_INFO, "cutoverd stopped");
    http_free(http);
    admin_free(adm);
    proxy_free(p);
    event_base_free(base);
    return 0;
}
