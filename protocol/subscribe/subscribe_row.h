/*
 * subscribe_row.h: the rows of a SUBSCRIBE, decoded from the server's
 * text-format DataRows and encoded again in the client's shape (a DataRow,
 * or a COPY text line in a CopyData), for the splice of issue 6.
 *
 * A row's data columns are kept as one span in DataRow column encoding
 * (per column: int32 length, -1 for NULL, then the bytes): that is the key
 * the consolidation hashes, and it is copied unchanged into an output
 * DataRow. Pure; see docs/subscribe.md.
 */
#ifndef CUTOVER_PROTOCOL_SUBSCRIBE_ROW_H
#define CUTOVER_PROTOCOL_SUBSCRIBE_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "protocol/subscribe/subscribe_stmt.h"
#include "protocol/wire.h"
#include "protocol/writer.h"

/* The columns of one SUBSCRIBE's rows. */
struct subrow_shape {
    bool progress;         /* mz_progressed follows mz_timestamp (WITH PROGRESS) */
    bool upsert;           /* mz_state instead of mz_diff (ENVELOPE UPSERT) */
    uint16_t key_columns;  /* upsert: key columns right after mz_state (values follow) */
    uint16_t data_columns; /* columns after mz_diff / mz_state (key + value for upsert) */
};

/*
 * The shape of a statement's rows given the total column count of its
 * RowDescription (or CopyOutResponse). False when it cannot be: fewer
 * columns than the mz_ ones, DEBEZIUM, or more key columns than data.
 */
bool subrow_shape_for(const struct substmt *st, uint16_t ncolumns, struct subrow_shape *out);

/* Total columns of a row of this shape (mz_ columns included). */
uint16_t subrow_shape_columns(const struct subrow_shape *shape);

enum subrow_state {
    SUBROW_DIFF,          /* default envelope: diff is mz_diff */
    SUBROW_UPSERT,        /* ENVELOPE UPSERT: mz_state = upsert (key has this value) */
    SUBROW_DELETE,        /* mz_state = delete (value columns NULL) */
    SUBROW_KEY_VIOLATION, /* mz_state = key_violation (value columns NULL) */
};

struct subrow {
    uint64_t ts;             /* mz_timestamp (decimal digits, at most UINT64_MAX) */
    bool progressed;         /* a progress row: no data, diff 0, data NULL columns */
    enum subrow_state state; /* SUBROW_DIFF for the default envelope */
    int64_t diff;            /* mz_diff; 0 for progress rows and the upsert envelope */
    uint16_t ncols;          /* data columns (the shape's data_columns) */
    const uint8_t *data;     /* data columns in DataRow column encoding; points into the
                                message, or wherever the caller keeps them */
    size_t data_len;         /* bytes of data */
    size_t key_len;          /* upsert: bytes of data taken by the key columns */
};

enum subrow_result {
    SUBROW_OK,        /* *out filled, pointing into msg */
    SUBROW_MALFORMED, /* not a DataRow, wrong column count, a mz_ column not text as
                         documented (timestamp not digits, diff not an int8, NULL where
                         the server never sends it, unknown mz_state) */
};

/*
 * Decodes one whole DataRow message (type byte and length included) of the
 * given shape. A progress row is one whose mz_progressed is 't' (its other
 * columns are ignored). Never allocates.
 */
enum subrow_result subrow_decode(const struct subrow_shape *shape, const uint8_t *msg, size_t len,
                                 struct subrow *out) WIRE_MUST_CHECK;

/*
 * Decodes one whole CopyData message holding one COPY text line (the rows
 * of the COPY form: tab-separated, \N for NULL, backslash escapes as
 * PostgreSQL's COPY writes them, a final newline) of the given shape. The
 * line is rebuilt as a DataRow in `scratch` (reset first, owned by the
 * caller), and *out points into scratch: valid until its next change.
 */
enum subrow_result subrow_decode_copy(const struct subrow_shape *shape, const uint8_t *msg,
                                      size_t len, struct wire_writer *scratch,
                                      struct subrow *out) WIRE_MUST_CHECK;

enum subrow_encoding {
    SUBROW_ENC_DATAROW, /* a DataRow ('D') for the plain and cursor forms */
    SUBROW_ENC_COPY,    /* a CopyData ('d') holding one COPY text line for the COPY form */
};

/*
 * Appends `row` as one message in the client's shape to w: mz_timestamp,
 * mz_progressed ('t'/'f') only if shape->progress, mz_diff (or mz_state)
 * then the data columns. A progress row of a client without PROGRESS is a
 * caller bug: returns false and writes nothing. Progress rows get NULL for
 * every column after mz_progressed. COPY lines use PostgreSQL's text COPY
 * escaping (\\, \t, \n, \r, \b, \f, \v as backslash escapes, \N for NULL)
 * and end in a newline. row->ncols must equal shape->data_columns. Returns
 * false on a mismatch; writer failures are sticky in w (check
 * wire_writer_ok()).
 */
bool subrow_encode(struct wire_writer *w, const struct subrow_shape *shape,
                   enum subrow_encoding enc, const struct subrow *row) WIRE_MUST_CHECK;

/* Appends the COPY text escaping of one value to w (no message framing);
 * value NULL writes \N. Exposed for tests. */
void subrow_copy_escape(struct wire_writer *w, const uint8_t *value, int32_t len);

/*
 * Walks the columns of a data span: on each call fills *value and *len (len -1
 * and value NULL for NULL) and advances *pos. False at the end of the span
 * or when it is malformed (*pos then stays).
 */
bool subrow_next_column(const uint8_t *data, size_t data_len, size_t *pos, const uint8_t **value,
                        int32_t *len) WIRE_MUST_CHECK;

#endif
