/*
 * subscribe_fetch.h: the statements a client sends to a SUBSCRIBE cursor
 * (issue 6, cursor form): `FETCH [FORWARD | NEXT] [ALL | n] [FROM | IN] name
 * [WITH (timeout [=] 'interval')]` and `CLOSE name | ALL`. Once a cursor
 * subscription is carried over a swap the proxy answers them itself
 * (proxy/subscribe/subscribe_cursor.c); this is the pure part: which cursor, how many
 * rows, how long to wait. libc only, fuzzed (tests/fuzz/fuzz_subscribe_fetch.c).
 */
#ifndef CUTOVER_PROTOCOL_SUBSCRIBE_FETCH_H
#define CUTOVER_PROTOCOL_SUBSCRIBE_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum subfetch_kind {
    SUBFETCH_OTHER,       /* not one FETCH or CLOSE statement (or several statements) */
    SUBFETCH_FETCH,       /* a forward FETCH the proxy can answer */
    SUBFETCH_CLOSE,       /* CLOSE name, or CLOSE ALL (close_all) */
    SUBFETCH_UNSUPPORTED, /* a FETCH it cannot answer: BACKWARD, PRIOR, ABSOLUTE, an
                             unknown WITH option, a malformed timeout, ... */
};

#define SUBFETCH_NAME_MAX 64 /* cursor names longer than this are SUBFETCH_OTHER */

struct subfetch {
    enum subfetch_kind kind;        /* see enum */
    char cursor[SUBFETCH_NAME_MAX]; /* the cursor's name, folded as PostgreSQL does */
    bool all;                       /* FETCH ALL / FORWARD ALL: no row limit */
    uint64_t count;      /* rows asked for when !all (FETCH c and NEXT: 1; 0 answers at once) */
    bool has_timeout;    /* WITH (timeout = ...) given */
    uint64_t timeout_us; /* that timeout, in microseconds (0: do not wait) */
    bool close_all;      /* CLOSE ALL */
};

/*
 * Analyses one statement (an optional trailing `;` and blanks allowed).
 * Fills *out (kind is always set) and returns out->kind. Timeout values
 * follow Materialize's intervals as the emulator reads them: a number with
 * an optional unit (ms, milliseconds, s, sec, second(s), min, minute(s), m,
 * h, hour(s)); a bare number is seconds.
 */
enum subfetch_kind subfetch_parse(const char *sql, size_t len, struct subfetch *out);

/* Microseconds for an interval text like `1s`, `250ms`, `0.5 seconds`;
 * false if it is not one (or exceeds about 100 years). */
bool subfetch_interval_us(const char *s, size_t len, uint64_t *out);

#endif
