/*
 * sqlclassify.c: statement kinds and boundaries from leading keywords.
 */
#include "protocol/sqlclassify.h"

#include "protocol/sqllex.h"

#define LOOKAHEAD 12 /* significant tokens kept per statement: enough for every form */

/* The first significant tokens of the statement starting at *pos. */
struct head {
    const char *sql;                  /* the input */
    struct sqllex_token t[LOOKAHEAD]; /* the first tokens */
    size_t n;                         /* how many */
};

/* Lexes one statement from *pos; fills h with its first tokens. */
static bool next_statement(const char *sql, size_t len, size_t *pos, struct sql_statement *st,
                           struct head *h)
{
    if (*pos >= len)
        return false;
    struct sqllex lx;
    struct sqllex_token tok;
    sqllex_init_at(&lx, sql, len, *pos);
    st->offset = *pos;
    st->has_semicolon = false;
    if (h != NULL) {
        h->sql = sql;
        h->n = 0;
    }
    while (sqllex_next(&lx, &tok)) {
        if (tok.kind == SQLLEX_PUNCT && sql[tok.offset] == ';') {
            st->has_semicolon = true;
            break;
        }
        if (h != NULL && !sqllex_is_blank(&tok) && h->n < LOOKAHEAD)
            h->t[h->n++] = tok;
    }
    st->length = lx.pos - st->offset;
    *pos = lx.pos;
    return true;
}

bool sql_next_statement(const char *sql, size_t len, size_t *pos, struct sql_statement *st)
{
    return next_statement(sql, len, pos, st, NULL);
}

static bool kw(const struct head *h, size_t i, const char *word)
{
    return i < h->n && sqllex_keyword_eq(h->sql, &h->t[i], word);
}

static bool punct(const struct head *h, size_t i, char c)
{
    return i < h->n && h->t[i].kind == SQLLEX_PUNCT && h->sql[h->t[i].offset] == c;
}

static bool is_name(const struct head *h, size_t i)
{
    return i < h->n && (h->t[i].kind == SQLLEX_IDENT || h->t[i].kind == SQLLEX_QUOTED_IDENT);
}

/* A name or db.name at i: sets *last to the index of its final part and
 * returns the index after it, or i if there is no name. */
static size_t name_at(const struct head *h, size_t i, size_t *last)
{
    if (!is_name(h, i))
        return i;
    *last = i;
    if (punct(h, i + 1, '.') && is_name(h, i + 2)) {
        *last = i + 2;
        return i + 3;
    }
    return i + 1;
}

/* For ALTER SCHEMA|CLUSTER a SWAP WITH b: the indexes of a's and b's names. */
static bool swap_at(const struct head *h, size_t *ia, size_t *ib)
{
    if (!kw(h, 0, "alter") || !(kw(h, 1, "schema") || kw(h, 1, "cluster")))
        return false;
    size_t i = name_at(h, 2, ia);
    if (i == 2 || !kw(h, i, "swap") || !kw(h, i + 1, "with"))
        return false;
    size_t j = name_at(h, i + 2, ib);
    return j != i + 2 && j == h->n;
}

static enum sql_statement_kind classify_head(const struct head *h)
{
    if (h->n == 0)
        return SQL_STMT_EMPTY;
    if (kw(h, 0, "begin") || (kw(h, 0, "start") && kw(h, 1, "transaction")))
        return SQL_STMT_BEGIN;
    if (kw(h, 0, "commit") || kw(h, 0, "end"))
        return SQL_STMT_COMMIT;
    if (kw(h, 0, "rollback") || kw(h, 0, "abort")) {
        size_t i = 1;
        if (kw(h, i, "work") || kw(h, i, "transaction"))
            i++;
        return kw(h, i, "to") ? SQL_STMT_OTHER : SQL_STMT_ROLLBACK;
    }
    if (kw(h, 0, "set"))
        return SQL_STMT_SET;
    if (kw(h, 0, "show"))
        return SQL_STMT_SHOW;
    if (kw(h, 0, "subscribe"))
        return SQL_STMT_SUBSCRIBE;
    if (kw(h, 0, "fetch"))
        return SQL_STMT_FETCH;
    if (kw(h, 0, "copy") && punct(h, 1, '(') && kw(h, 2, "subscribe"))
        return SQL_STMT_COPY_SUBSCRIBE;
    if (kw(h, 0, "declare")) {
        /* DECLARE name [BINARY] [INSENSITIVE] [[NO] SCROLL] CURSOR [{WITH|WITHOUT} HOLD] FOR */
        for (size_t i = 2; i + 1 < h->n; i++)
            if (kw(h, i, "for"))
                return kw(h, i + 1, "subscribe") ? SQL_STMT_DECLARE_SUBSCRIBE : SQL_STMT_OTHER;
        return SQL_STMT_OTHER;
    }
    size_t ia, ib;
    if (swap_at(h, &ia, &ib))
        return SQL_STMT_ALTER_SWAP;
    return SQL_STMT_OTHER;
}

enum sql_statement_kind sql_classify(const char *sql, size_t len)
{
    size_t pos = 0;
    struct sql_statement st;
    struct head h;
    while (next_statement(sql, len, &pos, &st, &h)) {
        enum sql_statement_kind k = classify_head(&h);
        if (k != SQL_STMT_EMPTY)
            return k;
    }
    return SQL_STMT_EMPTY;
}

bool sql_swap_names(const char *sql, size_t len, bool *is_cluster, char *a, size_t acap, char *b,
                    size_t bcap)
{
    size_t pos = 0;
    struct sql_statement st;
    struct head h;
    while (next_statement(sql, len, &pos, &st, &h)) {
        if (h.n == 0)
            continue;
        size_t ia, ib;
        if (!swap_at(&h, &ia, &ib))
            return false;
        size_t na = sqllex_ident_value(sql, &h.t[ia], a, acap);
        size_t nb = sqllex_ident_value(sql, &h.t[ib], b, bcap);
        if (na == (size_t)-1 || nb == (size_t)-1 || na >= acap || nb >= bcap)
            return false;
        *is_cluster = kw(&h, 1, "cluster");
        return true;
    }
    return false;
}

const char *sql_statement_kind_name(enum sql_statement_kind k)
{
    switch (k) {
    case SQL_STMT_EMPTY:
        return "empty";
    case SQL_STMT_BEGIN:
        return "begin";
    case SQL_STMT_COMMIT:
        return "commit";
    case SQL_STMT_ROLLBACK:
        return "rollback";
    case SQL_STMT_SET:
        return "set";
    case SQL_STMT_SHOW:
        return "show";
    case SQL_STMT_SUBSCRIBE:
        return "subscribe";
    case SQL_STMT_COPY_SUBSCRIBE:
        return "copy_subscribe";
    case SQL_STMT_DECLARE_SUBSCRIBE:
        return "declare_subscribe";
    case SQL_STMT_FETCH:
        return "fetch";
    case SQL_STMT_ALTER_SWAP:
        return "alter_swap";
    case SQL_STMT_OTHER:
        return "other";
    }
    return "?";
}
