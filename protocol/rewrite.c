/*
 * rewrite.c: schema and cluster renaming over the SQL lexer's tokens.
 *
 * The statement is not parsed. Each statement (split at ';') is lexed into
 * its significant tokens (no whitespace or comments) and two passes look at
 * them: the first finds FROM-clause items (whose names are object names) and
 * the aliases, CTE names and bare relation names that may shadow a schema
 * name in a qualified column reference; the second recognises the rewrite
 * sites of docs/rewriting.md and records edits. The output copies the input
 * and substitutes the edited tokens only.
 */
#include "protocol/rewrite.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/sqllex.h"

#define NAME_BUF 256 /* longer names never match: map names are <= 64 bytes */

enum edit_style {
    EDIT_BARE,   /* unquoted identifier (quoted anyway if `to` needs it) */
    EDIT_QUOTED, /* "double-quoted" identifier */
    EDIT_STRING, /* 'string constant' */
};

struct edit {
    size_t tok;            /* index into the significant tokens */
    const char *to;        /* replacement name */
    enum edit_style style; /* how to spell it */
    bool pad_before;       /* write a space first: the new text would merge with what precedes */
    bool pad_after;        /* write a space after: ... with what follows */
};

struct rw {
    const char *sql;             /* whole input */
    const struct rewrite_map *m; /* the renames */
    struct sqllex_token *t;      /* significant tokens of the whole input */
    size_t n;                    /* their count */
    uint8_t *claimed;            /* per token: already handled by a rule */
    uint8_t *objpos;             /* per token: starts a FROM-clause object name */
    size_t *close;               /* per '(' token: index just past its ')' (n if none) */
    size_t *encl;                /* per token: innermost enclosing '(' in its statement, or n */
    bool *shadow;                /* per schema pair: a relation/alias of that name is in scope */
    struct edit *edits;          /* recorded edits, in token order */
    size_t nedits, capedits;     /* count and capacity of edits */
    bool nomem;                  /* sticky allocation failure */
};

bool rewrite_map_is_identity(const struct rewrite_map *m)
{
    if (m == NULL)
        return true;
    for (size_t i = 0; i < m->nschemas; i++)
        if (strcmp(m->schemas[i].from, m->schemas[i].to) != 0)
            return false;
    for (size_t i = 0; i < m->nclusters; i++)
        if (strcmp(m->clusters[i].from, m->clusters[i].to) != 0)
            return false;
    return true;
}

/* ---- token helpers ---------------------------------------------------- */

static bool kw(const struct rw *r, size_t i, size_t end, const char *word)
{
    return i < end && sqllex_keyword_eq(r->sql, &r->t[i], word);
}

static bool is_name(const struct rw *r, size_t i, size_t end)
{
    return i < end && (r->t[i].kind == SQLLEX_IDENT || r->t[i].kind == SQLLEX_QUOTED_IDENT);
}

static bool is_punct(const struct rw *r, size_t i, size_t end, char c)
{
    return i < end && r->t[i].kind == SQLLEX_PUNCT && r->sql[r->t[i].offset] == c;
}

static bool is_op(const struct rw *r, size_t i, size_t end, const char *op)
{
    size_t n = strlen(op);
    return i < end && r->t[i].kind == SQLLEX_OPERATOR && r->t[i].length == n &&
           memcmp(r->sql + r->t[i].offset, op, n) == 0;
}

/* Index just past the ')' matching the '(' at i (or end if unbalanced). */
static size_t skip_parens(const struct rw *r, size_t i, size_t end)
{
    size_t c = r->close[i];
    return c < end ? c : end;
}

/*
 * One pass over all tokens: the matching ')' of every '(' and the innermost
 * open '(' around every token, so that no rule ever scans a statement twice
 * (a query of many FROMs or deep parentheses stays linear). Parentheses do
 * not cross ';'. `stack` has room for n entries.
 */
static void match_parens(struct rw *r, size_t *stack)
{
    size_t depth = 0;
    for (size_t i = 0; i < r->n; i++) {
        r->close[i] = r->n;
        r->encl[i] = depth ? stack[depth - 1] : r->n;
        if (is_punct(r, i, r->n, '(')) {
            stack[depth++] = i;
        } else if (is_punct(r, i, r->n, ')') && depth > 0) {
            r->close[stack[--depth]] = i + 1;
        } else if (is_punct(r, i, r->n, ';')) {
            depth = 0;
        }
    }
}

/* Number of name parts of the dotted chain starting at i (0 if none);
 * *star is set when the chain ends in ".*". */
static size_t chain_len(const struct rw *r, size_t i, size_t end, bool *star)
{
    *star = false;
    if (!is_name(r, i, end))
        return 0;
    size_t k = 1;
    size_t j = i + 1;
    while (is_punct(r, j, end, '.')) {
        if (is_name(r, j + 1, end)) {
            k++;
            j += 2;
        } else {
            if (is_op(r, j + 1, end, "*"))
                *star = true;
            break;
        }
    }
    return k;
}

/* Token index of the p-th (0-based) name part of a chain starting at i. */
static size_t chain_part(size_t i, size_t p)
{
    return i + 2 * p;
}

/* Marks the tokens of a chain of k parts (and its ".*") as handled. */
static void claim_chain(struct rw *r, size_t i, size_t k, bool star)
{
    size_t last = i + 2 * (k - 1) + (star ? 2 : 0);
    for (size_t j = i; j <= last && j < r->n; j++)
        r->claimed[j] = 1;
}

/* ---- map lookups -------------------------------------------------------- */

/* Index of the pair whose `from` equals v, or -1. */
static long pair_find(const struct rewrite_pair *p, size_t np, const char *v, size_t vlen)
{
    for (size_t i = 0; i < np; i++)
        if (strlen(p[i].from) == vlen && memcmp(p[i].from, v, vlen) == 0)
            return (long)i;
    return -1;
}

/* The name a name or string token denotes, into buf; false if it has none. */
static bool tok_value(const struct rw *r, size_t i, char *buf, size_t *vlen)
{
    const struct sqllex_token *t = &r->t[i];
    size_t n;
    if (t->kind == SQLLEX_STRING)
        n = sqllex_string_value(r->sql, t, buf, NAME_BUF);
    else
        n = sqllex_ident_value(r->sql, t, buf, NAME_BUF);
    if (n == (size_t)-1 || n >= NAME_BUF || memchr(buf, '\0', n) != NULL)
        return false;
    *vlen = n;
    return true;
}

static long lookup(const struct rw *r, size_t i, bool cluster)
{
    const struct rewrite_pair *p = cluster ? r->m->clusters : r->m->schemas;
    size_t np = cluster ? r->m->nclusters : r->m->nschemas;
    const struct sqllex_token *t = &r->t[i];
    if (t->kind == SQLLEX_IDENT) {
        /* the common case, compared folded in place without a copy */
        for (size_t k = 0; k < np; k++) {
            const char *f = p[k].from;
            size_t j = 0;
            for (; j < t->length && f[j] != '\0'; j++) {
                unsigned char c = (unsigned char)r->sql[t->offset + j];
                if (c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + ('a' - 'A'));
                if (c != (unsigned char)f[j])
                    break;
            }
            if (j == t->length && f[j] == '\0')
                return (long)k;
        }
        return -1;
    }
    char buf[NAME_BUF];
    size_t vlen;
    if (!tok_value(r, i, buf, &vlen))
        return -1;
    return pair_find(p, np, buf, vlen);
}

static void add_edit(struct rw *r, size_t i, const char *to)
{
    if (r->nedits == r->capedits) {
        size_t cap = r->capedits ? 2 * r->capedits : 16;
        struct edit *e = realloc(r->edits, cap * sizeof *e);
        if (e == NULL) {
            r->nomem = true;
            return;
        }
        r->edits = e;
        r->capedits = cap;
    }
    enum edit_style style = EDIT_BARE;
    if (r->t[i].kind == SQLLEX_QUOTED_IDENT)
        style = EDIT_QUOTED;
    else if (r->t[i].kind == SQLLEX_STRING)
        style = EDIT_STRING;
    r->edits[r->nedits++] = (struct edit){i, to, style, false, false};
}

/* Renames token i through the schema (or cluster) map if it is a mapped name. */
static void rename_tok(struct rw *r, size_t i, bool cluster)
{
    if (i >= r->n || r->claimed[i] == 2)
        return;
    long p = lookup(r, i, cluster);
    r->claimed[i] = 2;
    if (p >= 0)
        add_edit(r, i, cluster ? r->m->clusters[p].to : r->m->schemas[p].to);
}

/* Whether the first part of a chain is a name shadowed in this statement. */
static bool shadowed(const struct rw *r, size_t i)
{
    long p = lookup(r, i, false);
    return p >= 0 && r->shadow[p];
}

static void add_shadow(struct rw *r, size_t i)
{
    long p = lookup(r, i, false);
    if (p >= 0)
        r->shadow[p] = true;
}

/* ---- pass 1: FROM items, aliases, CTE names ----------------------------- */

/* Words that end a FROM item instead of aliasing it. */
static bool is_clause_word(const struct rw *r, size_t i)
{
    static const char *const words[] = {
        "where",     "join",    "on",        "using",   "left",        "right",    "full",
        "inner",     "outer",   "cross",     "natural", "group",       "order",    "limit",
        "offset",    "having",  "window",    "union",   "intersect",   "except",   "set",
        "returning", "fetch",   "for",       "as",      "with",        "lateral",  "select",
        "values",    "and",     "or",        "not",     "in",          "options",  "into",
        "up",        "to",      "from",      "as",      "tablesample", "emit",     "envelope",
        "format",    "include", "default",   "do",      "then",        "when",     "else",
        "end",       "is",      "between",   "like",    "ilike",       "order",    "asc",
        "desc",      "nulls",   "partition", "range",   "rows",        "distinct", "all",
        "show",
    };
    if (r->t[i].kind != SQLLEX_IDENT)
        return false;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (sqllex_keyword_eq(r->sql, &r->t[i], words[k]))
            return true;
    return false;
}

/* Parses one FROM item at i; returns the index after it (and its alias). */
static size_t from_item(struct rw *r, size_t i, size_t end)
{
    while (kw(r, i, end, "lateral") || kw(r, i, end, "only"))
        i++;
    bool named = false;
    size_t last = 0;
    if (is_punct(r, i, end, '(')) {
        i = skip_parens(r, i, end);
    } else {
        bool star;
        size_t k = chain_len(r, i, end, &star);
        if (k == 0 || star)
            return i;
        r->objpos[i] = 1;
        last = chain_part(i, k - 1);
        named = true;
        i = last + 1;
        if (is_punct(r, i, end, '(')) { /* a table function: its name is no refname */
            named = false;
            i = skip_parens(r, i, end);
        }
    }
    if (kw(r, i, end, "as") && is_name(r, i + 1, end)) {
        add_shadow(r, i + 1);
        i += 2;
    } else if (is_name(r, i, end) && !is_clause_word(r, i)) {
        add_shadow(r, i);
        i++;
    } else if (named) {
        add_shadow(r, last);
    }
    if (is_punct(r, i, end, '(')) /* column alias list */
        i = skip_parens(r, i, end);
    return i;
}

/* Whether FROM at i is a clause keyword rather than part of an expression
 * (EXTRACT(x FROM y), SUBSTRING(s FROM n), IS DISTINCT FROM, ...). */
static bool from_is_clause(const struct rw *r, size_t i, size_t start)
{
    if (i > start && kw(r, i - 1, i, "distinct") && i - 1 > start &&
        (kw(r, i - 2, i, "is") || kw(r, i - 2, i, "not")))
        return false;
    size_t j = r->encl[i];
    if (j >= r->n || j <= start)
        return true;
    static const char *const fns[] = {"extract", "substring", "substr",   "trim",
                                      "overlay", "position",  "normalize"};
    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++)
        if (kw(r, j - 1, i, fns[k]))
            return false;
    return true;
}

static void pass_from(struct rw *r, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if ((kw(r, i, b, "from") && from_is_clause(r, i, a)) || kw(r, i, b, "join") ||
            (i == a && kw(r, i, b, "update"))) {
            size_t j = from_item(r, i + 1, b);
            while (is_punct(r, j, b, ',') && !kw(r, i, b, "join"))
                j = from_item(r, j + 1, b);
        }
        /* CTE: name [(cols)] AS [NOT] [MATERIALIZED] ( */
        if (is_name(r, i, b) && (is_punct(r, i + 1, b, '(') || kw(r, i + 1, b, "as")) &&
            !is_clause_word(r, i)) {
            size_t j = i + 1;
            if (is_punct(r, j, b, '('))
                j = skip_parens(r, j, b);
            if (kw(r, j, b, "as")) {
                j++;
                if (kw(r, j, b, "not"))
                    j++;
                if (kw(r, j, b, "materialized"))
                    j++;
                if (is_punct(r, j, b, '(') && (i == a || !is_punct(r, i - 1, b, '.')))
                    add_shadow(r, i);
            }
        }
    }
}

/* ---- pass 2: rewrite sites ----------------------------------------------- */

/* Renames a schema operand: name or db.schema; returns the index after it. */
static size_t schema_operand(struct rw *r, size_t i, size_t end)
{
    bool star;
    size_t k = chain_len(r, i, end, &star);
    if (k == 0)
        return i;
    if (k == 1)
        rename_tok(r, i, false);
    else if (k == 2)
        rename_tok(r, chain_part(i, 1), false);
    claim_chain(r, i, k, star);
    return chain_part(i, k - 1) + 1;
}

static size_t skip_if_exists(const struct rw *r, size_t i, size_t end)
{
    if (kw(r, i, end, "if") && kw(r, i + 1, end, "exists"))
        return i + 2;
    if (kw(r, i, end, "if") && kw(r, i + 1, end, "not") && kw(r, i + 2, end, "exists"))
        return i + 3;
    return i;
}

/* After SCHEMA/CLUSTER at i: [IF [NOT] EXISTS] name [, name ...] [SWAP WITH name]. */
static void object_list(struct rw *r, size_t i, size_t end, bool cluster)
{
    size_t j = skip_if_exists(r, i + 1, end);
    for (;;) {
        size_t next;
        if (cluster) {
            if (!is_name(r, j, end))
                return;
            rename_tok(r, j, true);
            next = j + 1;
        } else {
            next = schema_operand(r, j, end);
            if (next == j)
                return;
        }
        if (kw(r, next, end, "swap") && kw(r, next + 1, end, "with")) {
            j = next + 2;
            continue; /* the swap partner is a name of the same kind */
        }
        if (!is_punct(r, next, end, ',') || !is_name(r, next + 1, end))
            return;
        j = next + 1;
    }
}

/* SET [SESSION|LOCAL] {search_path|schema|cluster} [TO|=] value[, value] */
static void set_statement(struct rw *r, size_t a, size_t b)
{
    size_t i = a + 1;
    if (kw(r, i, b, "session") || kw(r, i, b, "local"))
        i++;
    bool list = kw(r, i, b, "search_path");
    bool cluster = kw(r, i, b, "cluster");
    if (!list && !cluster && !kw(r, i, b, "schema"))
        return;
    i++;
    if (kw(r, i, b, "to") || is_op(r, i, b, "="))
        i++;
    while (i < b) {
        const struct sqllex_token *t = &r->t[i];
        if (t->kind == SQLLEX_STRING || t->kind == SQLLEX_QUOTED_IDENT ||
            (t->kind == SQLLEX_IDENT && !kw(r, i, b, "default")))
            rename_tok(r, i, cluster);
        else
            return;
        if (!list || !is_punct(r, i + 1, b, ','))
            return;
        i += 2;
    }
}

/* SHOW <objects> {FROM|IN} schema: the operand names a schema, except for
 * SHOW COLUMNS/INDEXES (an object) and SHOW SCHEMAS (a database). */
static void show_statement(struct rw *r, size_t a, size_t b)
{
    if (kw(r, a + 1, b, "create") || kw(r, a + 1, b, "columns") || kw(r, a + 1, b, "indexes") ||
        kw(r, a + 1, b, "index") || kw(r, a + 1, b, "keys"))
        return;
    bool database = kw(r, a + 1, b, "schemas");
    for (size_t i = a + 1; i < b; i++) {
        if (!(kw(r, i, b, "from") || kw(r, i, b, "in")) || kw(r, i + 1, b, "cluster"))
            continue;
        bool star;
        size_t k = chain_len(r, i + 1, b, &star);
        if (k == 0)
            continue;
        if (database)
            claim_chain(r, i + 1, k, star);
        else
            schema_operand(r, i + 1, b);
        return;
    }
}

static void chain_site(struct rw *r, size_t i, size_t b)
{
    bool star;
    size_t k = chain_len(r, i, b, &star);
    size_t after = chain_part(i, k - 1) + 1 + (star ? 2 : 0);
    bool call = !star && is_punct(r, after, b, '(');
    long target = -1; /* which part is in schema position */
    if (r->objpos[i] || call) {
        /* object name: schema.obj or db.schema.obj */
        if (!star && (k == 2 || k == 3))
            target = (long)k - 2;
    } else {
        /* column reference: [[db.]schema.]table.column, or an object name in
         * a statement position this pass does not model */
        size_t parts = k + (star ? 1 : 0);
        size_t first = chain_part(i, 0), second = chain_part(i, 1);
        if (shadowed(r, first)) {
            target = -1;
        } else if (parts == 2 && !star) {
            target = 0;
        } else if (parts == 3) {
            if (!star && lookup(r, second, false) >= 0)
                target = 1;
            else
                target = 0;
        } else if (parts == 4) {
            target = 1;
        }
    }
    if (target >= 0)
        rename_tok(r, chain_part(i, (size_t)target), false);
    claim_chain(r, i, k, star);
}

/* Words before SCHEMA / CLUSTER that make it a DDL or grant object. */
static bool ddl_before(const struct rw *r, size_t i, size_t a)
{
    if (i == a)
        return false;
    return kw(r, i - 1, i, "create") || kw(r, i - 1, i, "drop") || kw(r, i - 1, i, "alter") ||
           kw(r, i - 1, i, "on") || kw(r, i - 1, i, "in") || (kw(r, i - 1, i, "set") && i - 1 > a);
}

static void pass_sites(struct rw *r, size_t a, size_t b)
{
    if (kw(r, a, b, "set")) {
        set_statement(r, a, b);
        return;
    }
    if (kw(r, a, b, "show"))
        show_statement(r, a, b);
    for (size_t i = a; i < b; i++) {
        if (r->claimed[i])
            continue;
        if (kw(r, i, b, "cluster") && ddl_before(r, i, a)) {
            r->claimed[i] = 1;
            if (kw(r, i + 1, b, "replica")) {
                /* CREATE/DROP/ALTER CLUSTER REPLICA cluster.replica */
                bool star;
                size_t j = skip_if_exists(r, i + 2, b);
                size_t k = chain_len(r, j, b, &star);
                if (k == 2)
                    rename_tok(r, j, true);
                if (k > 0)
                    claim_chain(r, j, k, star);
            } else {
                object_list(r, i, b, true);
            }
            continue;
        }
        if (kw(r, i, b, "schema") && ddl_before(r, i, a)) {
            r->claimed[i] = 1;
            object_list(r, i, b, false);
            continue;
        }
        if (is_name(r, i, b) && !(i > a && is_punct(r, i - 1, b, '.')))
            chain_site(r, i, b);
    }
}

/* ---- driver ------------------------------------------------------------- */

static size_t spelled_len(const struct edit *e)
{
    size_t n = strlen(e->to);
    if (e->style == EDIT_BARE) {
        bool bare = n > 0 && ((e->to[0] >= 'a' && e->to[0] <= 'z') || e->to[0] == '_' ||
                              (unsigned char)e->to[0] >= 0x80);
        for (size_t i = 0; bare && i < n; i++) {
            unsigned char c = (unsigned char)e->to[i];
            bare = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
                   c >= 0x80;
        }
        if (bare)
            return n;
    }
    char q = e->style == EDIT_STRING ? '\'' : '"';
    size_t extra = 2;
    for (size_t i = 0; i < n; i++)
        extra += e->to[i] == q;
    return n + extra;
}

static size_t repl_len(const struct edit *e)
{
    return spelled_len(e) + e->pad_before + e->pad_after;
}

static char *write_spelled(char *o, const struct edit *e)
{
    size_t n = strlen(e->to);
    if (spelled_len(e) == n) {
        memcpy(o, e->to, n);
        return o + n;
    }
    char q = e->style == EDIT_STRING ? '\'' : '"';
    *o++ = q;
    for (size_t i = 0; i < n; i++) {
        if (e->to[i] == q)
            *o++ = q;
        *o++ = e->to[i];
    }
    *o++ = q;
    return o;
}

static char *write_repl(char *o, const struct edit *e)
{
    if (e->pad_before)
        *o++ = ' ';
    o = write_spelled(o, e);
    if (e->pad_after)
        *o++ = ' ';
    return o;
}

/*
 * A replacement spelled differently from the token it replaces (bare ->
 * quoted, a one-letter name) could fuse with an adjacent token: "x"c ->
 * "x""c'1" is one quoted name, c'1' -> x'1' a bit string, U&c -> U&"..." a
 * unicode name. A space on that side keeps the token boundaries.
 */
static void set_padding(struct edit *e, const struct sqllex_token *t, const char *sql, size_t len)
{
    bool quoted = spelled_len(e) != strlen(e->to);
    size_t end = t->offset + t->length;
    e->pad_before =
        quoted && t->offset > 0 && (sql[t->offset - 1] == '"' || sql[t->offset - 1] == '&');
    e->pad_after = end < len && (sql[end] == '"' || sql[end] == '\'' || sql[end] == '&');
}

static int edit_cmp(const void *x, const void *y)
{
    const struct edit *a = x, *b = y;
    return (a->tok > b->tok) - (a->tok < b->tok);
}

enum rewrite_result rewrite_sql(const struct rewrite_map *m, const char *sql, size_t len,
                                char **out, size_t *out_len)
{
    if (rewrite_map_is_identity(m) || len == 0)
        return REWRITE_UNCHANGED;

    struct rw r = {.sql = sql, .m = m};
    enum rewrite_result res = REWRITE_NOMEM;
    size_t cap = 64;
    r.t = malloc(cap * sizeof *r.t);
    if (r.t == NULL)
        return REWRITE_NOMEM;

    struct sqllex lx;
    struct sqllex_token tok;
    sqllex_init(&lx, sql, len);
    while (sqllex_next(&lx, &tok)) {
        if (tok.flags & SQLLEX_F_UNTERMINATED) {
            res = REWRITE_UNCHANGED;
            goto done;
        }
        if (sqllex_is_blank(&tok))
            continue;
        if (r.n == cap) {
            struct sqllex_token *t = realloc(r.t, 2 * cap * sizeof *t);
            if (t == NULL)
                goto done;
            r.t = t;
            cap *= 2;
        }
        r.t[r.n++] = tok;
    }

    r.claimed = calloc(r.n + 1, 2);
    r.shadow = calloc(m->nschemas + 1, sizeof *r.shadow);
    r.close = malloc(3 * (r.n + 1) * sizeof *r.close);
    if (r.claimed == NULL || r.shadow == NULL || r.close == NULL)
        goto done;
    r.objpos = r.claimed + r.n + 1;
    r.encl = r.close + r.n + 1;
    match_parens(&r, r.encl + r.n + 1);

    for (size_t a = 0; a < r.n;) {
        size_t b = a;
        while (b < r.n && !is_punct(&r, b, r.n, ';'))
            b++;
        memset(r.shadow, 0, m->nschemas * sizeof *r.shadow);
        pass_from(&r, a, b);
        pass_sites(&r, a, b);
        a = b + 1;
    }
    if (r.nomem)
        goto done;
    if (r.nedits == 0) {
        res = REWRITE_UNCHANGED;
        goto done;
    }

    qsort(r.edits, r.nedits, sizeof *r.edits, edit_cmp);
    size_t total = len;
    for (size_t e = 0; e < r.nedits; e++)
        set_padding(&r.edits[e], &r.t[r.edits[e].tok], sql, len);
    for (size_t e = 0; e < r.nedits; e++)
        total = total - r.t[r.edits[e].tok].length + repl_len(&r.edits[e]);
    char *buf = malloc(total + 1);
    if (buf == NULL)
        goto done;
    char *o = buf;
    size_t pos = 0;
    for (size_t e = 0; e < r.nedits; e++) {
        const struct sqllex_token *t = &r.t[r.edits[e].tok];
        memcpy(o, sql + pos, t->offset - pos);
        o += t->offset - pos;
        o = write_repl(o, &r.edits[e]);
        pos = t->offset + t->length;
    }
    memcpy(o, sql + pos, len - pos);
    o += len - pos;
    *o = '\0';
    *out = buf;
    *out_len = total;
    res = REWRITE_CHANGED;

done:
    free(r.t);
    free(r.claimed);
    free(r.shadow);
    free(r.close);
    free(r.edits);
    return res;
}

/* ---- settings ------------------------------------------------------------ */

static bool name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char y = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

static enum rewrite_result dup_out(const char *s, char **out)
{
    *out = strdup(s);
    return *out ? REWRITE_CHANGED : REWRITE_NOMEM;
}

/*
 * search_path value: elements split at commas, blanks around them kept;
 * a "quoted" element matches exactly and is written quoted, a bare one
 * matches folded and is written bare (quoted if the target needs it).
 */
static enum rewrite_result rewrite_path(const struct rewrite_map *m, const char *v, char **out)
{
    size_t vlen = strlen(v);
    size_t nchanges = 0;
    /* each element grows by at most a quoted, quote-doubled target */
    size_t maxto = 0, nelem = 1;
    for (size_t i = 0; i < m->nschemas; i++)
        if (strlen(m->schemas[i].to) > maxto)
            maxto = strlen(m->schemas[i].to);
    for (size_t i = 0; i < vlen; i++)
        nelem += v[i] == ',';
    size_t cap = vlen + 1 + nelem * (2 * maxto + 2);
    char *buf = malloc(cap);
    if (buf == NULL)
        return REWRITE_NOMEM;
    char *o = buf;
    size_t i = 0;
    while (i <= vlen) {
        size_t s = i;
        while (s < vlen && (v[s] == ' ' || v[s] == '\t' || v[s] == '\n' || v[s] == '\r'))
            s++;
        memcpy(o, v + i, s - i);
        o += s - i;
        size_t e = s;
        char name[NAME_BUF];
        size_t nl = 0;
        bool quoted = s < vlen && v[s] == '"';
        bool ok = true;
        if (quoted) {
            e = s + 1;
            for (;;) {
                if (e >= vlen) {
                    ok = false;
                    break;
                }
                if (v[e] == '"') {
                    if (e + 1 < vlen && v[e + 1] == '"') {
                        if (nl < NAME_BUF)
                            name[nl] = '"';
                        nl++;
                        e += 2;
                        continue;
                    }
                    e++;
                    break;
                }
                if (nl < NAME_BUF)
                    name[nl] = v[e];
                nl++;
                e++;
            }
        } else {
            while (e < vlen && v[e] != ',') {
                if (nl < NAME_BUF)
                    name[nl] = (v[e] >= 'A' && v[e] <= 'Z') ? (char)(v[e] + 32) : v[e];
                nl++;
                e++;
            }
            while (nl > 0 && nl <= NAME_BUF && (name[nl - 1] == ' ' || name[nl - 1] == '\t'))
                nl--, e--; /* trailing blanks belong to the separator */
        }
        long p = (ok && nl < NAME_BUF) ? pair_find(m->schemas, m->nschemas, name, nl) : -1;
        if (p >= 0) {
            struct edit ed = {0, m->schemas[p].to, quoted ? EDIT_QUOTED : EDIT_BARE, false, false};
            o = write_repl(o, &ed);
            nchanges++;
        } else {
            memcpy(o, v + s, e - s);
            o += e - s;
        }
        size_t next = e;
        while (next < vlen && v[next] != ',')
            next++;
        memcpy(o, v + e, next - e);
        o += next - e;
        if (next < vlen)
            *o++ = ',';
        i = next + 1;
    }
    *o = '\0';
    if (nchanges == 0) {
        free(buf);
        return REWRITE_UNCHANGED;
    }
    *out = buf;
    return REWRITE_CHANGED;
}

enum rewrite_result rewrite_setting(const struct rewrite_map *m, const char *name,
                                    const char *value, char **out)
{
    if (rewrite_map_is_identity(m) || name == NULL || value == NULL)
        return REWRITE_UNCHANGED;
    if (name_eq(name, "search_path"))
        return rewrite_path(m, value, out);
    bool cluster = name_eq(name, "cluster");
    if (!cluster && !name_eq(name, "schema"))
        return REWRITE_UNCHANGED;
    const struct rewrite_pair *p = cluster ? m->clusters : m->schemas;
    size_t np = cluster ? m->nclusters : m->nschemas;
    long k = pair_find(p, np, value, strlen(value));
    if (k < 0)
        return REWRITE_UNCHANGED;
    return dup_out(p[k].to, out);
}
