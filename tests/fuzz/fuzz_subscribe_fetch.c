/*
 * fuzz_subscribe_fetch.c: libFuzzer target for the FETCH / CLOSE analysis of
 * the carried SUBSCRIBE cursor form (protocol/subscribe/subscribe_fetch.h).
 *
 * Checks: never reads outside the input; the result's kind matches the
 * return value; a cursor name is NUL-terminated, non-empty for FETCH and a
 * named CLOSE; fields of other kinds are zero; a FETCH re-parses the same
 * from its own canonical spelling.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/subscribe/subscribe_fetch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *sql = malloc(size ? size : 1);
    if (sql == NULL)
        return 0;
    memcpy(sql, data, size);
    struct subfetch f;
    enum subfetch_kind k = subfetch_parse(sql, size, &f);
    if (f.kind != k || memchr(f.cursor, '\0', sizeof f.cursor) == NULL)
        abort();
    if ((k == SUBFETCH_FETCH || (k == SUBFETCH_CLOSE && !f.close_all)) && f.cursor[0] == '\0')
        abort();
    if (k != SUBFETCH_FETCH && (f.all || f.count || f.has_timeout || f.timeout_us))
        abort();
    if (k == SUBFETCH_FETCH && strchr(f.cursor, '"') == NULL) {
        char again[256];
        if (f.all)
            snprintf(again, sizeof again, "FETCH ALL \"%s\"", f.cursor);
        else
            snprintf(again, sizeof again, "FETCH %" PRIu64 " \"%s\"", f.count, f.cursor);
        struct subfetch g;
        if (subfetch_parse(again, strlen(again), &g) != SUBFETCH_FETCH || g.all != f.all ||
            (!f.all && g.count != f.count) || strcmp(g.cursor, f.cursor) != 0)
            abort();
    }
    uint64_t us;
    (void)subfetch_interval_us(sql, size, &us);
    free(sql);
    return 0;
}
