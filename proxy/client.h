/*
 * client.h: the startup phase of a client connection: SSLRequest and the TLS
 * upgrade, GSSENCRequest, CancelRequest, and the StartupMessage (route choice,
 * cutover.* options, parameter rewrites), up to connecting the backend.
 */
#ifndef CUTOVER_PROXY_CLIENT_H
#define CUTOVER_PROXY_CLIENT_H

#include <stddef.h>

struct conn;

/* Arms the startup timeout and starts reading the client. */
void client_start(struct conn *c);
/* Handles buffered client bytes in ACCEPTED / CLIENT_TLS. May close `c`, never frees it. */
void client_on_input(struct conn *c);
/* The client TLS handshake completed. */
void client_on_tls_ready(struct conn *c);
/* Describes a failed client handshake into buf. */
void client_tls_error(struct conn *c, char *buf, size_t n);

#endif
