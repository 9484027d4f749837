/*
 * sqlclassify.h: what kind of statement a Query string starts with, where its
 * statements are, and the two names of an ALTER ... SWAP WITH.
 *
 * The proxy needs only a few facts (transaction control, SET/SHOW, the
 * SUBSCRIBE forms, a schema/cluster swap), so this looks at leading keywords
 * of the lexer's tokens; it is not a parser.
 */
#ifndef CUTOVER_PROTOCOL_SQLCLASSIFY_H
#define CUTOVER_PROTOCOL_SQLCLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

enum sql_statement_kind {
    SQL_STMT_EMPTY,             /* only whitespace, comments or ';' */
    SQL_STMT_BEGIN,             /* BEGIN, START TRANSACTION */
    SQL_STMT_COMMIT,            /* COMMIT, END */
    SQL_STMT_ROLLBACK,          /* ROLLBACK, ABORT (not ROLLBACK TO [SAVEPOINT]: OTHER) */
    SQL_STMT_SET,               /* SET ... (incl. SET TRANSACTION, SET LOCAL) */
    SQL_STMT_SHOW,              /* SHOW ... */
    SQL_STMT_SUBSCRIBE,         /* SUBSCRIBE [TO] ... */
    SQL_STMT_COPY_SUBSCRIBE,    /* COPY (SUBSCRIBE ...) TO STDOUT */
    SQL_STMT_DECLARE_SUBSCRIBE, /* DECLARE c CURSOR [WITHOUT HOLD] FOR SUBSCRIBE ... */
    SQL_STMT_FETCH,             /* FETCH ... */
    SQL_STMT_ALTER_SWAP,        /* ALTER SCHEMA|CLUSTER a SWAP WITH b */
    SQL_STMT_OTHER,             /* anything else */
};

/* One statement of a multi-statement string. */
struct sql_statement {
    size_t offset;      /* first byte (may be whitespace or a comment) */
    size_t length;      /* bytes, including the terminating ';' if any */
    bool has_semicolon; /* ended by ';' rather than by the end of input */
};

/* Kind of the first non-empty statement of sql (EMPTY if there is none). */
enum sql_statement_kind sql_classify(const char *sql, size_t len);

/*
 * Iterates statements: starts at *pos (0 first), fills *st with the next
 * statement, advances *pos past it, returns false at end of input. ';' inside
 * literals, comments and quoted names do not split; every byte of the input
 * belongs to exactly one statement.
 */
bool sql_next_statement(const char *sql, size_t len, size_t *pos, struct sql_statement *st);

/*
 * For an ALTER SCHEMA|CLUSTER a SWAP WITH b statement (the first of sql):
 * true, *is_cluster, and the two names (identifier values: folded if bare,
 * unescaped if quoted; db.schema takes the schema) NUL-terminated into a and
 * b of acap/bcap bytes. False if the statement is not a swap or a name does
 * not fit.
 */
bool sql_swap_names(const char *sql, size_t len, bool *is_cluster, char *a, size_t acap, char *b,
                    size_t bcap);

const char *sql_statement_kind_name(enum sql_statement_kind k);

#endif
