/*
 * subscribe_stmt.h: analysis of a client's SUBSCRIBE statement, and the
 * variants of it the proxy runs upstream for a carry-over (issue 6).
 *
 * Pure: lexes with protocol/sqllex.h, no allocation except in
 * substmt_build(). Every span points into the caller's text; the builder
 * copies the client's bytes verbatim except for the clauses it is asked to
 * change, and always produces the plain `SUBSCRIBE ...` form (the proxy's own
 * upstream connections never use COPY or a cursor). See docs/subscribe.md.
 */
#ifndef CUTOVER_PROTOCOL_SUBSCRIBE_STMT_H
#define CUTOVER_PROTOCOL_SUBSCRIBE_STMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A byte range of the analysed text; len 0 means absent. */
struct substmt_span {
    size_t off; /* first byte, from the start of the text */
    size_t len; /* bytes */
};

enum substmt_form {
    SUBSTMT_FORM_PLAIN,  /* SUBSCRIBE ... (simple or extended protocol) */
    SUBSTMT_FORM_COPY,   /* COPY (SUBSCRIBE ...) TO STDOUT */
    SUBSTMT_FORM_CURSOR, /* DECLARE c CURSOR FOR SUBSCRIBE ... (rows come with FETCH) */
};

enum substmt_envelope {
    SUBSTMT_ENVELOPE_DEFAULT,  /* mz_diff column */
    SUBSTMT_ENVELOPE_UPSERT,   /* ENVELOPE UPSERT (KEY (...)): mz_state, key, value columns */
    SUBSTMT_ENVELOPE_DEBEZIUM, /* ENVELOPE DEBEZIUM (KEY (...)): never carried over */
};

/* A boolean option of WITH (...): absent, or its value. */
enum substmt_opt {
    SUBSTMT_OPT_UNSET, /* not written: the server's default applies */
    SUBSTMT_OPT_FALSE, /* = false / off / 'f' / 0 */
    SUBSTMT_OPT_TRUE,  /* written bare, or = true / on / 't' / 1 */
};

/* A timestamp clause: AS OF [AT LEAST] <expr> or UP TO <expr>. */
struct substmt_ts {
    bool present;             /* the clause is written */
    bool at_least;            /* AS OF AT LEAST (never for UP TO) */
    bool numeric;             /* expr is one unsigned integer literal: value is set */
    uint64_t value;           /* the literal's value when numeric */
    struct substmt_span span; /* the whole clause, from AS / UP to the end of expr */
    struct substmt_span expr; /* the expression alone */
};

/* Most WITH (...) options recorded; others past this are still kept verbatim. */
#define SUBSTMT_MAX_OPTIONS 16

struct substmt_option {
    struct substmt_span span; /* the whole item `NAME [= value]`, without the comma */
    char name[32];            /* the name, folded to lower case ("" if too long) */
};

struct substmt {
    enum substmt_form form;            /* how the client reads the rows */
    struct substmt_span statement;     /* from SUBSCRIBE to the end of the SUBSCRIBE statement
                                          (inside COPY's parentheses; without a trailing ;) */
    struct substmt_span target;        /* object name (possibly qualified/quoted) or the whole
                                          parenthesised query, parentheses included */
    bool target_is_query;              /* target is ( ... ) */
    char cursor[64];                   /* CURSOR form: the cursor's name (folded), else "" */
    enum substmt_envelope envelope;    /* ENVELOPE clause */
    struct substmt_span envelope_span; /* the ENVELOPE clause; len 0 = none */
    uint16_t key_columns;              /* UPSERT/DEBEZIUM: names in KEY (...) */
    struct substmt_span within;        /* WITHIN TIMESTAMP ORDER BY ... clause; len 0 = none */
    struct substmt_span with;          /* the WITH ( ... ) clause; len 0 = none */
    struct substmt_span with_inner;    /* between WITH's parentheses */
    struct substmt_option options[SUBSTMT_MAX_OPTIONS]; /* the WITH items, in order */
    uint16_t noptions;         /* items recorded (at most SUBSTMT_MAX_OPTIONS) */
    enum substmt_opt snapshot; /* SNAPSHOT option (server default: true) */
    enum substmt_opt progress; /* PROGRESS option (server default: false) */
    struct substmt_ts as_of;   /* AS OF [AT LEAST] */
    struct substmt_ts up_to;   /* UP TO */
    bool binary; /* BINARY cursor or COPY (FORMAT binary): rows a carry-over cannot re-encode */
};

enum substmt_result {
    SUBSTMT_OK,            /* *out describes a SUBSCRIBE in one of the three forms */
    SUBSTMT_NOT_SUBSCRIBE, /* another statement (or several statements) */
    SUBSTMT_UNSUPPORTED,   /* a SUBSCRIBE this analyser does not understand (a clause out of
                              grammar, an option given twice, unterminated text, too many
                              WITH options): the proxy must not carry it over */
};

/*
 * Analyses sql[0..len) (need not be NUL-terminated). One statement, with
 * optional leading/trailing blanks and comments and one trailing `;`.
 * COPY must be `COPY (SUBSCRIBE ...) TO STDOUT [WITH (...)]` (the COPY's own
 * options are not interpreted); DECLARE may carry NO SCROLL / WITH HOLD etc.
 * between the name and FOR. Text holding a NUL byte is SUBSTMT_UNSUPPORTED (a
 * Query cannot carry one). *out is fully written on SUBSTMT_OK (spans into
 * sql), unspecified otherwise.
 */
enum substmt_result substmt_parse(const char *sql, size_t len, struct substmt *out);

/* Whether PROGRESS is on (UNSET = false, the server's default). */
bool substmt_progress_on(const struct substmt *st);
/* Whether SNAPSHOT is on (UNSET = true, the server's default). */
bool substmt_snapshot_on(const struct substmt *st);

/* What substmt_build() changes; a zeroed struct (SUBSTMT_OPT_UNSET, false)
 * changes nothing but the form. */
struct substmt_variant {
    enum substmt_opt progress; /* UNSET keeps the client's; TRUE/FALSE writes PROGRESS = x */
    enum substmt_opt snapshot; /* UNSET keeps the client's; TRUE/FALSE writes SNAPSHOT = x */
    bool set_as_of;            /* replace or add AS OF <as_of> (a plain AS OF, no AT LEAST) */
    uint64_t as_of;            /* with set_as_of */
    bool drop_as_of;           /* remove the client's AS OF clause (ignored with set_as_of) */
    bool set_up_to;            /* replace or add UP TO <up_to> */
    uint64_t up_to;            /* with set_up_to */
    bool drop_up_to;           /* remove the client's UP TO clause (ignored with set_up_to) */
};

/*
 * Builds the plain-form statement for `st` (as analysed from `sql`) with the
 * changes of `v`: an option already in WITH (...) has its item replaced in
 * place, a new one is appended to the list, and a missing WITH clause is
 * inserted before AS OF / UP TO (or at the end); a new AS OF goes before UP
 * TO (or at the end), a new UP TO at the end. Every other byte of the
 * SUBSCRIBE statement is the client's. Returns a malloc'd NUL-terminated
 * string (its length in *out_len if out_len is not NULL), or NULL on
 * allocation failure. The caller frees it.
 */
char *substmt_build(const char *sql, const struct substmt *st, const struct substmt_variant *v,
                    size_t *out_len);

const char *substmt_form_name(enum substmt_form f);
const char *substmt_envelope_name(enum substmt_envelope e);

#endif
