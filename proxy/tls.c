/*
 * tls.c: building the OpenSSL contexts and per-connection SSL objects.
 *
 * File problems are reported with the path and errno text before OpenSSL is
 * asked to load anything, because OpenSSL's own message for a missing file
 * ("system lib") does not say which file. Verification follows libpq's
 * sslmode: only verify-ca and verify-full set SSL_VERIFY_PEER.
 */
#include "proxy/tls.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

const char *tls_error_string(char *buf, size_t n)
{
    size_t o = 0;
    unsigned long code;
    if (n == 0)
        return buf;
    buf[0] = '\0';
    while ((code = ERR_get_error()) != 0) {
        char one[256];
        ERR_error_string_n(code, one, sizeof(one));
        const char *reason = ERR_reason_error_string(code);
        /* "error:0A000086:SSL routines::certificate verify failed" is long;
         * the reason alone is what an operator needs. */
        const char *text = reason ? reason : one;
        if (o < n)
            o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? "; " : "", text);
    }
    if (buf[0] == '\0')
        snprintf(buf, n, "unknown TLS error");
    return buf;
}

const char *tls_handshake_error(const SSL *ssl, char *buf, size_t n)
{
    long vr = ssl ? SSL_get_verify_result(ssl) : X509_V_OK;
    if (vr != X509_V_OK) {
        ERR_clear_error();
        snprintf(buf, n, "certificate verify failed: %s", X509_verify_cert_error_string(vr));
        return buf;
    }
    return tls_error_string(buf, n);
}

/* Checks `path` is a readable regular file so that the error names the
 * file; opened without blocking, as a FIFO would hang OpenSSL's read. */
static bool tls_readable(const char *what, const char *path, char *err, size_t errlen)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot read %s '%s': %s", what, path, strerror(errno));
        return false;
    }
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (!regular)
        snprintf(err, errlen, "%s '%s' is not a regular file", what, path);
    return regular;
}

static bool tls_load_pair(SSL_CTX *ctx, const char *cert, const char *key, char *err, size_t errlen)
{
    char why[512];
    if (!tls_readable("certificate", cert, err, errlen) ||
        !tls_readable("private key", key, err, errlen))
        return false;
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
        snprintf(err, errlen, "certificate '%s': %s", cert, tls_error_string(why, sizeof(why)));
        return false;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
        /* OpenSSL checks the key against the certificate here already:
         * "key values mismatch" names no file, so name both. */
        snprintf(err, errlen, "private key '%s' for certificate '%s': %s", key, cert,
                 tls_error_string(why, sizeof(why)));
        return false;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        snprintf(err, errlen, "private key '%s' does not match certificate '%s': %s", key, cert,
                 tls_error_string(why, sizeof(why)));
        return false;
    }
    return true;
}

static SSL_CTX *tls_ctx_base(const SSL_METHOD *method, char *err, size_t errlen)
{
    char why[512];
    SSL_CTX *ctx = SSL_CTX_new(method);
    if (!ctx) {
        snprintf(err, errlen, "SSL_CTX_new: %s", tls_error_string(why, sizeof(why)));
        return NULL;
    }
    if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) {
        snprintf(err, errlen, "TLS 1.2 minimum: %s", tls_error_string(why, sizeof(why)));
        SSL_CTX_free(ctx);
        return NULL;
    }
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    /* bufferevent_openssl may retry a write with a moved buffer. */
    SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_ENABLE_PARTIAL_WRITE);
    return ctx;
}

SSL_CTX *tls_server_ctx_new(const struct config *c, char *err, size_t errlen)
{
    if (errlen > 0)
        err[0] = '\0';
    if (!c->client_tls_cert_file && !c->client_tls_key_file)
        return NULL;
    if (!c->client_tls_cert_file || !c->client_tls_key_file) {
        snprintf(err, errlen, "[tls] cert_file and key_file must be set together");
        return NULL;
    }
    SSL_CTX *ctx = tls_ctx_base(TLS_server_method(), err, errlen);
    if (!ctx)
        return NULL;
    /* OpenSSL keeps the last decrypted record in its read buffer: with this
     * it wipes it once handed over, so a client's PasswordMessage does not
     * linger there (secret.h does the same for the evbuffers). */
    SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_CLEANSE_PLAINTEXT);
    if (!tls_load_pair(ctx, c->client_tls_cert_file, c->client_tls_key_file, err, errlen)) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

SSL_CTX *tls_client_ctx_new(const struct config *c, char *err, size_t errlen)
{
    char why[512];
    if (errlen > 0)
        err[0] = '\0';
    if (c->backend_tls == CONFIG_TLS_DISABLE)
        return NULL;
    bool verify =
        c->backend_tls == CONFIG_TLS_VERIFY_CA || c->backend_tls == CONFIG_TLS_VERIFY_FULL;
    if (verify && !c->backend_tls_ca_file) {
        snprintf(err, errlen, "sslmode %s needs sslrootcert",
                 c->backend_tls == CONFIG_TLS_VERIFY_CA ? "verify-ca" : "verify-full");
        return NULL;
    }
    if (!!c->backend_tls_cert_file != !!c->backend_tls_key_file) {
        snprintf(err, errlen, "[backend] sslcert and sslkey must be set together");
        return NULL;
    }
    SSL_CTX *ctx = tls_ctx_base(TLS_client_method(), err, errlen);
    if (!ctx)
        return NULL;
    if (verify) {
        if (!tls_readable("sslrootcert", c->backend_tls_ca_file, err, errlen))
            goto fail;
        if (SSL_CTX_load_verify_locations(ctx, c->backend_tls_ca_file, NULL) != 1) {
            snprintf(err, errlen, "sslrootcert '%s': %s", c->backend_tls_ca_file,
                     tls_error_string(why, sizeof(why)));
            goto fail;
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    } else {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    }
    if (c->backend_tls_cert_file &&
        !tls_load_pair(ctx, c->backend_tls_cert_file, c->backend_tls_key_file, err, errlen))
        goto fail;
    return ctx;
fail:
    SSL_CTX_free(ctx);
    return NULL;
}

static bool tls_is_ip_literal(const char *host)
{
    unsigned char addr[16];
    return inet_pton(AF_INET, host, addr) == 1 || inet_pton(AF_INET6, host, addr) == 1;
}

SSL *tls_client_ssl_new(SSL_CTX *ctx, const struct config *c, const char *host)
{
    SSL *ssl = SSL_new(ctx);
    if (!ssl)
        return NULL;
    bool ip = tls_is_ip_literal(host);
    /* RFC 6066: SNI carries host names only, never addresses. */
    if (!ip && SSL_set_tlsext_host_name(ssl, host) != 1)
        goto fail;
    if (c->backend_tls == CONFIG_TLS_VERIFY_FULL) {
        X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
        if (ip) {
            if (X509_VERIFY_PARAM_set1_ip_asc(param, host) != 1)
                goto fail;
        } else {
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            if (SSL_set1_host(ssl, host) != 1)
                goto fail;
        }
    }
    return ssl;
fail:
    SSL_free(ssl);
    return NULL;
}
