/*
 * backend.h: the connection from cutover to the server for one session: TCP
 * connect with a timeout, TLS per backend_sslmode, then the rebuilt
 * StartupMessage.
 */
#ifndef CUTOVER_PROXY_BACKEND_H
#define CUTOVER_PROXY_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include <event2/bufferevent.h>
#include <event2/util.h>

struct conn;
struct proxy;

/*
 * Starts connecting `c` (state CONNECTING) to the proxy's backend address.
 * Failures reach the client as FATAL 08006 "could not connect to server
 * HOST:PORT: reason". Never frees `c`.
 */
void backend_connect(struct conn *c);

/*
 * Resolves "host:port" into `addr` (the first address getaddrinfo gives).
 * False with `err` set on failure.
 */
bool backend_resolve(const char *hostport, struct sockaddr_storage *addr, socklen_t *addrlen,
                     char **host, char *err, size_t errlen);

/* Opens a non-blocking TCP socket for `addr`'s family with TCP_NODELAY; -1 on error. */
evutil_socket_t backend_socket(const struct sockaddr *addr);

#endif
