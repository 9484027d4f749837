/*
 * http.h: the observability listener for sidecars (libevent's evhttp on
 * [admin] http_listen): /metrics in the Prometheus text exposition format,
 * /healthz (200 while the process runs) and /readyz (200 when the backend
 * accepted a TCP connection at the last probe and the daemon is not
 * draining; 503 otherwise).
 */
#ifndef CUTOVER_PROXY_HTTP_H
#define CUTOVER_PROXY_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include <event2/buffer.h>

struct proxy;
struct http_server;

#define HTTP_PROBE_INTERVAL_MS 3000 /* backend reachability probe period */

/* Appends more metric families to `out` (the control plane's). */
typedef void (*http_metrics_fn)(void *arg, struct evbuffer *out);

/*
 * Binds `listen` ("HOST:PORT") on p's loop and starts the backend probe.
 * At most `max_connections` (>= 1) connections are kept open at once; one
 * more is closed as soon as it is accepted. `extra` (may be NULL) adds
 * metrics. NULL with `err` set on failure.
 */
struct http_server *http_new(struct proxy *p, const char *listen, int max_connections,
                             http_metrics_fn extra, void *extra_arg, char *err, size_t errlen);
void http_free(struct http_server *h);

/* Writes the proxy's own metrics (everything but `extra`) to `out`. */
void http_write_metrics(struct proxy *p, struct evbuffer *out);

/* The result of the last backend probe (true before the first). */
bool http_backend_reachable(const struct http_server *h);

#endif
