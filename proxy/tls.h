/*
 * tls.h: OpenSSL contexts for both sides of the proxy.
 *
 * The client-facing context is built from [tls] cert_file/key_file; the
 * backend-facing one from [backend] sslmode and its files, with libpq's
 * meaning of sslmode. The connection code wraps the SSL objects made here in
 * bufferevent_openssl; nothing here does I/O. Contexts are reference counted
 * by OpenSSL: a reload builds new ones and frees the old ones with
 * SSL_CTX_free while connections that use them keep their own references.
 */
#ifndef CUTOVER_PROXY_TLS_H
#define CUTOVER_PROXY_TLS_H

#include <stddef.h>

#include <openssl/ssl.h>

#include "proxy/config.h"

/*
 * Client-facing context: certificate chain and key from the config, TLS 1.2
 * or newer, no renegotiation. Returns NULL with err[0] == '\0' when TLS is not
 * configured (no cert_file), NULL with a message in `err` on failure. The
 * caller owns the context (SSL_CTX_free).
 */
SSL_CTX *tls_server_ctx_new(const struct config *c, char *err, size_t errlen);

/*
 * Backend-facing context per sslmode: disable gives NULL with err[0] == '\0';
 * prefer and require encrypt without verifying; verify-ca checks the chain
 * against sslrootcert; verify-full also checks the host name, which
 * tls_client_ssl_new sets per connection. sslcert/sslkey, when set, are
 * presented as the client certificate. NULL with a message on failure.
 */
SSL_CTX *tls_client_ctx_new(const struct config *c, char *err, size_t errlen);

/*
 * A client SSL for one backend connection to `host` (no brackets for IPv6):
 * sets SNI unless `host` is an IP literal, and under verify-full the name or
 * IP address the certificate must match. Returns NULL on allocation failure.
 * The caller owns the SSL (usually by handing it to bufferevent_openssl with
 * BEV_OPT_CLOSE_ON_FREE).
 */
SSL *tls_client_ssl_new(SSL_CTX *ctx, const struct config *c, const char *host);

/*
 * Drains OpenSSL's per-thread error queue into `buf` as "reason; reason..."
 * (or "unknown TLS error" when it is empty) and returns buf: text for a log
 * line or an 08006 ErrorResponse.
 */
const char *tls_error_string(char *buf, size_t n);

/*
 * Describes why a handshake on `ssl` failed: the certificate verification
 * result when verification failed ("certificate verify failed: Hostname
 * mismatch"), else what tls_error_string gives. Drains the error queue.
 */
const char *tls_handshake_error(const SSL *ssl, char *buf, size_t n);

#endif
