/*
 * harness.h: what the in-process relay tests share. One event loop runs
 * cutover's proxy, a fake backend the test file writes (a libevent
 * listener), and raw client sockets; these helpers start the loop, the
 * listener and the proxy, and pump the loop.
 */
#ifndef CUTOVER_TESTS_RELAY_HARNESS_H
#define CUTOVER_TESTS_RELAY_HARNESS_H

#include <netinet/in.h>
#include <stdint.h>

#include <event2/event.h>
#include <event2/listener.h>

struct proxy;

/* Big-endian uint32 at p. */
uint32_t be32(const uint8_t *p);
/* 127.0.0.1:port. */
struct sockaddr_in loopback(int port);
/* The local port a socket is bound to. */
int bound_port(evutil_socket_t fd);
/* A free loopback port (bound, read, released). */
int free_port(void);

struct harness {
    struct event_base *base;
    struct evconnlistener *backend; /* the fake backend's listener */
    int backend_port;
    struct proxy *proxy;
    struct event *tick; /* wakes the loop so pump() never blocks for long */
};

/*
 * A new loop, a listener for the fake backend calling `accept_cb(arg)`, and
 * a proxy in front of it: listen on a free port, backend sslmode disable,
 * log level error, then `defaults` and `extra` (NULL-terminated lists of
 * section, key, value triples; either may be NULL) applied in that order.
 */
void harness_start(struct harness *h, evconnlistener_cb accept_cb, void *arg,
                   const char *const *defaults, const char *const *extra);
/* Frees the proxy, the listener, the tick and the loop (the test file frees
 * its fake backend's connections first). */
void harness_stop(struct harness *h);
/* Runs `n` loop iterations. */
void harness_pump(struct harness *h, int n);

#endif
