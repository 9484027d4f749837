/*
 * reply.h: the admin commands' row writer. A reply is rows of fields: as
 * `key=value` text lines (a list), `key: value` lines (one object), or with
 * --json one JSON body line ({"list":[{...},...]} or {...}). Handlers write
 * fields and never care which.
 */
#ifndef CUTOVER_CONTROL_REPLY_H
#define CUTOVER_CONTROL_REPLY_H

#include <stdbool.h>
#include <stdint.h>

#include <event2/buffer.h>

#include "control/admin.h"

struct reply {
    struct admin_request *r; /* where the body goes */
    bool json;               /* --json */
    struct evbuffer *buf;    /* JSON being built, or the current text line */
    bool first_row;          /* no row written yet */
    bool first_field;        /* no field written in this row/object */
    bool in_list;            /* rows of a list (else fields of one object) */
};

/* Starts a reply for `r`: a list named `list_name`, or one object (NULL). */
void reply_begin(struct reply *o, struct admin_request *r, const char *list_name);
/* A row of a list. */
void reply_row_begin(struct reply *o);
void reply_row_end(struct reply *o);
/* One field; NULL strings are written as "". */
void reply_str(struct reply *o, const char *key, const char *val);
void reply_u64(struct reply *o, const char *key, uint64_t v);
void reply_bool(struct reply *o, const char *key, bool v);
/* Three decimals. */
void reply_f64(struct reply *o, const char *key, double v);
/* Writes the JSON line (if --json) and frees the buffer; `o` is done. */
/* Closes the list of a list reply early: the fields after it belong to the
 * enclosing object (JSON) or are printed as "key: value" lines (text). */
void reply_list_end(struct reply *o);
void reply_end(struct reply *o);

#endif
