/*
 * authfile.c: PgBouncer-format auth file of SCRAM verifiers (see authfile.h).
 *
 * The table is a sorted array searched with bsearch: built once per load,
 * never changed, so a reload is "build a new one, swap the pointer".
 */
#include "proxy/authfile.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct authfile_entry {
    char *user;                     /* owned, NUL-terminated */
    struct scram_verifier verifier; /* parsed */
    unsigned line;                  /* where it was defined, for duplicate errors */
};

struct authfile {
    struct authfile_entry *entries; /* sorted by user */
    size_t n;                       /* entries used */
};

static void set_err(char *err, size_t errlen, const char *name, unsigned line, const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (err && errlen)
        snprintf(err, errlen, "%s:%u: %s", name, line, msg);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Reads a '"'-quoted field with "" for a quote, starting at text[*pos] == '"'
 * and not crossing `end` (the end of the line). Returns a malloc'd copy, or
 * NULL with *why set. */
static char *read_quoted(const char *text, size_t *pos, size_t end, const char **why)
{
    size_t i = *pos + 1, n = 0;
    char *out = malloc(end - *pos + 1);

    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    for (;;) {
        if (i >= end) {
            OPENSSL_cleanse(out, n);
            free(out);
            *why = "unterminated quoted field";
            return NULL;
        }
        if (text[i] == '"') {
            if (i + 1 < end && text[i + 1] == '"') {
                out[n++] = '"';
                i += 2;
                continue;
            }
            i++;
            break;
        }
        out[n++] = text[i++];
    }
    out[n] = '\0';
    *pos = i;
    return out;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct authfile_entry *)a)->user,
                  ((const struct authfile_entry *)b)->user);
}

/* Checks a password field and parses it into v; NULL when fine, else the reason. */
static const char *check_password(const char *pw, struct scram_verifier *v, char *why,
                                  size_t whylen)
{
    size_t len = strlen(pw);
    static const char hex[] = "0123456789abcdef";

    if (len == 0)
        return "empty password field";
    if (len == 35 && strncmp(pw, "md5", 3) == 0 && strspn(pw + 3, hex) == 32)
        return "MD5 verifiers are not accepted (SCRAM pass-through needs a SCRAM-SHA-256 "
               "verifier: reset the password with password_encryption = scram-sha-256)";
    if (strncmp(pw, "SCRAM-SHA-256$", 14) != 0)
        return "plaintext passwords are not accepted (give the user's SCRAM-SHA-256 verifier, "
               "e.g. rolpassword from pg_authid)";
    enum scram_parse_error e = scram_parse_verifier(pw, len, v);
    if (e != SCRAM_OK) {
        snprintf(why, whylen, "invalid SCRAM-SHA-256 verifier (%s)", scram_parse_error_name(e));
        return why;
    }
    return NULL;
}

struct authfile *authfile_parse(const char *text, size_t len, const char *name, char *err,
                                size_t errlen)
{
    struct authfile *a = calloc(1, sizeof(*a));
    size_t cap = 0, pos = 0;
    unsigned line = 0;
    char why[160];

    if (!a) {
        set_err(err, errlen, name, 0, "out of memory");
        return NULL;
    }
    if (len > AUTHFILE_MAX_BYTES) {
        set_err(err, errlen, name, 0, "file larger than %u bytes", AUTHFILE_MAX_BYTES);
        goto fail;
    }
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        line++;
        if (memchr(text + pos, '\0', end - pos)) {
            set_err(err, errlen, name, line, "NUL byte");
            goto fail;
        }
        size_t i = pos;
        while (i < end && is_blank(text[i]))
            i++;
        if (i == end || text[i] == ';') {
            pos = end + 1;
            continue;
        }
        if (text[i] != '"') {
            set_err(err, errlen, name, line, "expected a quoted user name");
            goto fail;
        }
        const char *reason = NULL;
        char *user = read_quoted(text, &i, end, &reason);
        if (!user) {
            set_err(err, errlen, name, line, "%s", reason);
            goto fail;
        }
        if (!*user) {
            free(user);
            set_err(err, errlen, name, line, "empty user name");
            goto fail;
        }
        while (i < end && is_blank(text[i]))
            i++;
        if (i >= end || text[i] != '"') {
            set_err(err, errlen, name, line, "user \"%s\": expected a quoted verifier", user);
            free(user);
            goto fail;
        }
        char *pw = read_quoted(text, &i, end, &reason);
        if (!pw) {
            set_err(err, errlen, name, line, "user \"%s\": %s", user, reason);
            free(user);
            goto fail;
        }
        while (i < end && is_blank(text[i]))
            i++;
        if (i < end && text[i] != ';') {
            set_err(err, errlen, name, line, "user \"%s\": unexpected text after the verifier",
                    user);
            OPENSSL_cleanse(pw, strlen(pw));
            free(pw);
            free(user);
            goto fail;
        }
        struct scram_verifier v;
        reason = check_password(pw, &v, why, sizeof(why));
        OPENSSL_cleanse(pw, strlen(pw));
        free(pw);
        if (reason) {
            set_err(err, errlen, name, line, "user \"%s\": %s", user, reason);
            OPENSSL_cleanse(&v, sizeof(v));
            free(user);
            goto fail;
        }
        if (a->n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct authfile_entry *e = realloc(a->entries, ncap * sizeof(*e));
            if (!e) {
                OPENSSL_cleanse(&v, sizeof(v));
                free(user);
                set_err(err, errlen, name, line, "out of memory");
                goto fail;
            }
            a->entries = e;
            cap = ncap;
        }
        a->entries[a->n].user = user;
        a->entries[a->n].verifier = v;
        a->entries[a->n].line = line;
        a->n++;
        OPENSSL_cleanse(&v, sizeof(v));
        pos = end + 1;
    }
    if (a->n)
        qsort(a->entries, a->n, sizeof(*a->entries), entry_cmp);
    for (size_t k = 1; k < a->n; k++) {
        if (strcmp(a->entries[k - 1].user, a->entries[k].user) == 0) {
            unsigned first = a->entries[k - 1].line, second = a->entries[k].line;
            if (first > second) {
                unsigned t = first;
                first = second;
                second = t;
            }
            set_err(err, errlen, name, second, "user \"%s\" already defined at line %u",
                    a->entries[k].user, first);
            goto fail;
        }
    }
    return a;
fail:
    authfile_free(a);
    return NULL;
}

struct authfile *authfile_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    struct authfile *a = NULL;

    if (!f) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    /* Grow as needed, up to one byte over the limit so that parse refuses it. */
    size_t cap = 0;
    bool failed = false;
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 4096;
            if (ncap > AUTHFILE_MAX_BYTES + 1)
                ncap = AUTHFILE_MAX_BYTES + 1;
            if (ncap == cap)
                break;
            char *nbuf = malloc(ncap);
            if (!nbuf) {
                failed = true;
                break;
            }
            if (buf) {
                memcpy(nbuf, buf, len);
                OPENSSL_cleanse(buf, len);
                free(buf);
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (failed || ferror(f)) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, failed ? "out of memory" : "read error");
    } else {
        a = authfile_parse(buf ? buf : "", len, path, err, errlen);
    }
    fclose(f);
    if (buf)
        OPENSSL_cleanse(buf, len);
    free(buf);
    return a;
}

const struct scram_verifier *authfile_lookup(const struct authfile *a, const char *user)
{
    if (!a || !user || a->n == 0)
        return NULL;
    struct authfile_entry key = {.user = (char *)user};
    const struct authfile_entry *e =
        bsearch(&key, a->entries, a->n, sizeof(*a->entries), entry_cmp);
    return e ? &e->verifier : NULL;
}

size_t authfile_count(const struct authfile *a)
{
    return a ? a->n : 0;
}

void authfile_free(struct authfile *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        free(a->entries[i].user);
    if (a->entries)
        OPENSSL_cleanse(a->entries, a->n * sizeof(*a->entries));
    free(a->entries);
    free(a);
}
