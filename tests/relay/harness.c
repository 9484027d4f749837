/* harness.c: see harness.h. */
#include "harness.h"

#include <criterion/criterion.h>

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proxy/config.h"
#include "proxy/proxy.h"

uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct sockaddr_in loopback(int port)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sin.sin_port = htons((uint16_t)port);
    return sin;
}

int bound_port(evutil_socket_t fd)
{
    struct sockaddr_in sin;
    socklen_t len = sizeof sin;
    cr_assert(getsockname(fd, (struct sockaddr *)&sin, &len) == 0);
    return ntohs(sin.sin_port);
}

int free_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = loopback(0);
    cr_assert(bind(fd, (struct sockaddr *)&sin, sizeof sin) == 0);
    int port = bound_port(fd);
    close(fd);
    return port;
}

static void tick_cb(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    (void)arg;
}

static void apply(struct config *cfg, const char *const *kv)
{
    char err[512];
    for (size_t i = 0; kv && kv[i]; i += 3)
        cr_assert(config_set(cfg, kv[i], kv[i + 1], kv[i + 2], err, sizeof err), "%s", err);
}

void harness_start(struct harness *h, evconnlistener_cb accept_cb, void *arg,
                   const char *const *defaults, const char *const *extra)
{
    memset(h, 0, sizeof *h);
    h->base = proxy_event_base_new(); /* the loop cutoverd runs on */
    cr_assert_not_null(h->base);
    struct sockaddr_in sin = loopback(0);
    h->backend =
        evconnlistener_new_bind(h->base, accept_cb, arg, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE,
                                16, (struct sockaddr *)&sin, sizeof sin);
    cr_assert_not_null(h->backend);
    h->backend_port = bound_port(evconnlistener_get_fd(h->backend));

    struct config *cfg = calloc(1, sizeof *cfg);
    cr_assert(config_init_defaults(cfg));
    char listen[64], backend[64];
    snprintf(listen, sizeof listen, "127.0.0.1:%d", free_port());
    snprintf(backend, sizeof backend, "127.0.0.1:%d", h->backend_port);
    const char *const base_kv[] = {"proxy", "listen",  listen,    "backend", "address",
                                   backend, "backend", "sslmode", "disable", "log",
                                   "level", "error",   NULL};
    apply(cfg, base_kv);
    apply(cfg, defaults);
    apply(cfg, extra);
    char err[512];
    h->proxy = proxy_new(h->base, cfg, err, sizeof err);
    cr_assert_not_null(h->proxy, "%s", err);
    h->tick = event_new(h->base, -1, EV_PERSIST, tick_cb, NULL);
    struct timeval tv = {0, 2000};
    event_add(h->tick, &tv);
}

void harness_stop(struct harness *h)
{
    event_free(h->tick);
    proxy_free(h->proxy);
    evconnlistener_free(h->backend);
    event_base_free(h->base);
    memset(h, 0, sizeof *h);
}

void harness_pump(struct harness *h, int n)
{
    for (int i = 0; i < n; i++)
        event_base_loop(h->base, EVLOOP_ONCE);
}
