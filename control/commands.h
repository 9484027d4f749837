/*
 * commands.h: the admin commands' dispatch table and the proxy side of the
 * deployment lifecycle (struct deploy_hooks over the barrier and the routing
 * table). Handlers are thin: they call proxy.h / deploy.h and format.
 */
#ifndef CUTOVER_CONTROL_COMMANDS_H
#define CUTOVER_CONTROL_COMMANDS_H

#include <stdbool.h>

#include <event2/buffer.h>

#include "control/admin.h"
#include "control/deploy_plan.h"

/* Runs the request's command; the handler finishes it now or later. */
void commands_dispatch(struct admin_request *r);
/* The peer of a running request left (`r->sess` is already NULL). */
void commands_peer_gone(struct admin_request *r);

/* Installs the lifecycle hooks and the swapwatch hook, starts the first
 * state derivation (never blocks; an unreachable backend only logs). */
void commands_setup(struct admin *a);
/* Cancels the background derivation and timers. */
void commands_teardown(struct admin *a);

/* Re-derives the state from the server in the background and applies it
 * (start, reload, swapwatch). `then` (may be NULL) runs when done. */
void commands_derive_state(struct admin *a, void (*then)(struct admin *a, bool ok, void *arg),
                           void *arg);

/* Appends the admin-side Prometheus metrics (deployment state, lifecycle
 * step durations) to `out`. */
void commands_metrics(struct admin *a, struct evbuffer *out);

/* Masks secrets in a config value for `show config` ("password=..." in a
 * conninfo becomes "password=****"; keys naming a password are all ****).
 * Writes into out. */
void commands_mask_secret(const char *key, const char *value, char *out, size_t outlen);

#endif
