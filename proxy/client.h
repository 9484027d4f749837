/*
 * client.h: the client side of a session, as backend.h is the server side:
 * the client bufferevent's callbacks for the whole session, and the startup
 * phase (SSLRequest and the TLS upgrade, GSSENCRequest, CancelRequest, and
 * the StartupMessage: route choice, cutover.* options, parameter rewrites)
 * up to connecting the backend. After startup the callbacks hand client
 * bytes to the relay (relay.h).
 */
#ifndef CUTOVER_PROXY_CLIENT_H
#define CUTOVER_PROXY_CLIENT_H

struct bufferevent;
struct conn;

/* Makes `bev` (the client socket's bufferevent, or its TLS replacement)
 * c's client side: installs the client callbacks and the output's low mark
 * (half of buffer_limit). Reading is left to conn_update_io(). */
void client_attach(struct conn *c, struct bufferevent *bev);
/* Arms the startup timeout and starts reading the client. */
void client_start(struct conn *c);

#endif
