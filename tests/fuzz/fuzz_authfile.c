/*
 * fuzz_authfile.c: arbitrary bytes as a PgBouncer-format auth file. A load
 * either gives a table whose lookups work, or an error message that starts
 * with the file name and never shows a verifier's keys.
 */
#include "proxy/authfile.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];

    memset(err, 'x', sizeof(err));
    struct authfile *a = authfile_parse((const char *)data, size, "fuzz.txt", err, sizeof(err));
    if (a) {
        const struct scram_verifier *v = authfile_lookup(a, "alice");
        if (v && (v->iterations < 1 || v->salt_len == 0 || v->salt_len > SCRAM_MAX_SALT_LEN))
            abort();
        (void)authfile_lookup(a, "");
        authfile_free(a);
        return 0;
    }
    if (!memchr(err, '\0', sizeof(err)) || strncmp(err, "fuzz.txt:", 9) != 0)
        abort();
    return 0;
}
