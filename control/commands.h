/*
 * commands.h: the admin commands' dispatch table. Handlers are thin: they
 * call proxy.h, deploy.h and lifecycle.h and write replies with reply.h.
 *
 * The deploy route is available while a deployment is in progress (state
 * deploying) and, before the state was first derived from the server (or
 * with no [admin] dsn), whenever [deployment] lists a schema or cluster;
 * with no deployment and after a promote it is closed with ZC001. The
 * previous route is available only after a promote. Both follow the
 * routing policy in proxy/route.h (route_available).
 */
#ifndef CUTOVER_CONTROL_COMMANDS_H
#define CUTOVER_CONTROL_COMMANDS_H

#include <event2/buffer.h>

#include "control/admin.h"

/* The table admin_new runs peers' commands with (static storage). */
const struct admin_commands *commands_table(void);

/* Appends the admin-side Prometheus metrics (deployment state, lifecycle
 * step durations) to `out`. */
void commands_metrics(struct admin *a, struct evbuffer *out);

#endif
