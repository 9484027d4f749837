/*
 * rewrite.c: schema and cluster renaming over the SQL lexer's tokens.
 *
 * The statement is not parsed. Each statement (split at ';') is lexed into
 * its significant tokens (no whitespace or comments) and two passes look at
 * them: the first finds FROM-clause items (whose names are object names) and
 * the aliases, CTE names and bare relation names that may shadow a schema
 * name in a qualified column reference; the second recognises the rewrite
 * sites of docs/rewriting.md and marks the renamed tokens. The output copies the input
 * and substitutes the edited tokens only.
 */
#include "protocol/rewrite.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/sqllex.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#define NAME_BUF 256 /* longer names never match: map names are <= 64 bytes */

/*
 * The words the rules look for (word_id() finds them by hash):
 * id, spelling, whether it ends a FROM item instead of aliasing it, whether
 * it is a function whose argument list may contain FROM.
 */
#define REWRITE_WORDS(X)                                                                           \
    X(ALL, "all", 1, 0)                                                                            \
    X(ALTER, "alter", 0, 0)                                                                        \
    X(AND, "and", 1, 0)                                                                            \
    X(AS, "as", 1, 0)                                                                              \
    X(ASC, "asc", 1, 0)                                                                            \
    X(BETWEEN, "between", 1, 0)                                                                    \
    X(CLUSTER, "cluster", 0, 0)                                                                    \
    X(COLUMNS, "columns", 0, 0)                                                                    \
    X(CREATE, "create", 0, 0)                                                                      \
    X(CROSS, "cross", 1, 0)                                                                        \
    X(DEFAULT, "default", 1, 0)                                                                    \
    X(DESC, "desc", 1, 0)                                                                          \
    X(DISTINCT, "distinct", 1, 0)                                                                  \
    X(DO, "do", 1, 0)                                                                              \
    X(DROP, "drop", 0, 0)                                                                          \
    X(ELSE, "else", 1, 0)                                                                          \
    X(EMIT, "emit", 1, 0)                                                                          \
    X(END, "end", 1, 0)                                                                            \
    X(ENVELOPE, "envelope", 1, 0)                                                                  \
    X(EXCEPT, "except", 1, 0)                                                                      \
    X(EXISTS, "exists", 0, 0)                                                                      \
    X(EXTRACT, "extract", 0, 1)                                                                    \
    X(FETCH, "fetch", 1, 0)                                                                        \
    X(FOR, "for", 1, 0)                                                                            \
    X(FORMAT, "format", 1, 0)                                                                      \
    X(FROM, "from", 1, 0)                                                                          \
    X(FULL, "full", 1, 0)                                                                          \
    X(GROUP, "group", 1, 0)                                                                        \
    X(HAVING, "having", 1, 0)                                                                      \
    X(IF, "if", 0, 0)                                                                              \
    X(ILIKE, "ilike", 1, 0)                                                                        \
    X(IN, "in", 1, 0)                                                                              \
    X(INCLUDE, "include", 1, 0)                                                                    \
    X(INDEX, "index", 0, 0)                                                                        \
    X(INDEXES, "indexes", 0, 0)                                                                    \
    X(INNER, "inner", 1, 0)                                                                        \
    X(INTERSECT, "intersect", 1, 0)                                                                \
    X(INTO, "into", 1, 0)                                                                          \
    X(IS, "is", 1, 0)                                                                              \
    X(JOIN, "join", 1, 0)                                                                          \
    X(KEYS, "keys", 0, 0)                                                                          \
    X(LATERAL, "lateral", 1, 0)                                                                    \
    X(LEFT, "left", 1, 0)                                                                          \
    X(LIKE, "like", 1, 0)                                                                          \
    X(LIMIT, "limit", 1, 0)                                                                        \
    X(LOCAL, "local", 0, 0)                                                                        \
    X(MATERIALIZED, "materialized", 0, 0)                                                          \
    X(NATURAL, "natural", 1, 0)                                                                    \
    X(NORMALIZE, "normalize", 0, 1)                                                                \
    X(NOT, "not", 1, 0)                                                                            \
    X(NULLS, "nulls", 1, 0)                                                                        \
    X(OFFSET, "offset", 1, 0)                                                                      \
    X(ON, "on", 1, 0)                                                                              \
    X(ONLY, "only", 0, 0)                                                                          \
    X(OPTIONS, "options", 1, 0)                                                                    \
    X(OR, "or", 1, 0)                                                                              \
    X(ORDER, "order", 1, 0)                                                                        \
    X(OUTER, "outer", 1, 0)                                                                        \
    X(OVERLAY, "overlay", 0, 1)                                                                    \
    X(PARTITION, "partition", 1, 0)                                                                \
    X(POSITION, "position", 0, 1)                                                                  \
    X(RANGE, "range", 1, 0)                                                                        \
    X(REPLICA, "replica", 0, 0)                                                                    \
    X(RETURNING, "returning", 1, 0)                                                                \
    X(RIGHT, "right", 1, 0)                                                                        \
    X(ROWS, "rows", 1, 0)                                                                          \
    X(SCHEMA, "schema", 0, 0)                                                                      \
    X(SCHEMAS, "schemas", 0, 0)                                                                    \
    X(SEARCH_PATH, "search_path", 0, 0)                                                            \
    X(SELECT, "select", 1, 0)                                                                      \
    X(SESSION, "session", 0, 0)                                                                    \
    X(SET, "set", 1, 0)                                                                            \
    X(SHOW, "show", 1, 0)                                                                          \
    X(SUBSTR, "substr", 0, 1)                                                                      \
    X(SUBSTRING, "substring", 0, 1)                                                                \
    X(SWAP, "swap", 0, 0)                                                                          \
    X(TABLESAMPLE, "tablesample", 1, 0)                                                            \
    X(THEN, "then", 1, 0)                                                                          \
    X(TO, "to", 1, 0)                                                                              \
    X(TRIM, "trim", 0, 1)                                                                          \
    X(UNION, "union", 1, 0)                                                                        \
    X(UP, "up", 1, 0)                                                                              \
    X(UPDATE, "update", 0, 0)                                                                      \
    X(USING, "using", 1, 0)                                                                        \
    X(VALUES, "values", 1, 0)                                                                      \
    X(WHEN, "when", 1, 0)                                                                          \
    X(WHERE, "where", 1, 0)                                                                        \
    X(WINDOW, "window", 1, 0)                                                                      \
    X(WITH, "with", 1, 0)

enum word {
    KW_NONE, /* not an identifier, or not a word the rules look for */
#define X(id, text, clause, fn) KW_##id,
    REWRITE_WORDS(X)
#undef X
        KW_COUNT
};

static const char *const word_text[] = {"",
#define X(id, text, clause, fn) text,
                                        REWRITE_WORDS(X)
#undef X
};

/* 256 entries: any token's word field indexes them (punctuation codes included) */
static const bool word_is_clause[256] = {false,
#define X(id, text, clause, fn) clause,
                                         REWRITE_WORDS(X)
#undef X
};

static const bool word_is_from_fn[256] = {false,
#define X(id, text, clause, fn) fn,
                                          REWRITE_WORDS(X)
#undef X
};

#define WORD_MAX 12 /* the longest word ("materialized") */

/*
 * The word field of a punctuation token (and of the one-byte operators * and
 * =) holds PUNCT_WORD(its byte), so the rules test punctuation the way they
 * test words, without reading the SQL text again. Never a word id.
 */
#define PUNCT_WORD(c) ((uint8_t)(0x80u | (unsigned char)(c)))

/*
 * The rule passes visit only the tokens a rule can start at, the
 * candidates, which lex_all() lists as it stores the tokens (a few in ten of
 * them; walking every token was a quarter of the rewrite's time):
 *  - FROM and JOIN (pass 1's FROM items; a statement's first token, for
 *    UPDATE, SET and SHOW, is looked at by the passes themselves);
 *  - AS (pass 1's CTE names: the name is found back from it);
 *  - CLUSTER and SCHEMA (pass 2's DDL objects);
 *  - a name followed by '.' and not preceded by one (pass 2's chains);
 *  - ';', where a statement ends.
 * A token is listed once, in ascending order.
 */
static const bool word_starts_rule[256] = {
    [KW_FROM] = true,    [KW_JOIN] = true,   [KW_AS] = true,
    [KW_CLUSTER] = true, [KW_SCHEMA] = true, [PUNCT_WORD(';')] = true,
};

/*
 * One significant token, 16 bytes: the rewriter's only per-token memory, so
 * its scratch is at most REWRITE_SCRATCH_PER_BYTE bytes per input byte
 * however the input is shaped (a statement of 60 MB of "(" is 60 M tokens).
 */
struct rtok {
    uint32_t off;  /* first byte, from the start of the input */
    uint32_t len;  /* bytes */
    uint8_t kind;  /* enum sqllex_kind */
    uint8_t flags; /* enum sqllex_flag bits (all fit in 8 bits) */
    uint8_t mark;  /* MARK_* bits */
    uint8_t word;  /* enum word an SQLLEX_IDENT spells (or KW_LAZY: see word_of()),
                    * PUNCT_WORD(c) for punctuation c and the operators * and =,
                    * else KW_NONE */
    /*
     * Per '(' : index just past its ')' (LINK_NONE if none); per ')': its
     * '(' (LINK_NONE if none); per FROM: the innermost '(' around it in its
     * statement (LINK_NONE if none). All are read only by pass 1 of the
     * token's own statement; pass 2 then reuses the field of an edited token
     * for the index of its rename pair.
     */
    uint32_t link;
};

_Static_assert(KW_COUNT <= 0x80, "word ids stay clear of PUNCT_WORD codes");
_Static_assert(sizeof(struct rtok) == 16, "the memory bound of rewrite.h assumes 16-byte tokens");

enum mark {
    MARK_CLAIM_MASK = 3u,  /* 0 free, 1 handled by a rule, 2 looked up for a rename */
    MARK_OBJPOS = 1u << 2, /* starts a FROM-clause object name */
    MARK_EDIT = 1u << 3,   /* renamed: link holds the pair index */
    MARK_CLUSTER = 1u << 4 /* with MARK_EDIT: a cluster pair, else a schema pair */
};

enum edit_style {
    EDIT_BARE,   /* unquoted identifier (quoted anyway if `to` needs it) */
    EDIT_QUOTED, /* "double-quoted" identifier */
    EDIT_STRING, /* 'string constant' */
};

/* One replacement as it is written out (made from a MARK_EDIT token). */
struct edit {
    const char *to;        /* replacement name */
    size_t to_len;         /* strlen(to) */
    size_t spelled;        /* bytes of `to` as written in its style (edit_spell) */
    enum edit_style style; /* how to spell it */
    bool pad_before;       /* write a space first: the new text would merge with what precedes */
    bool pad_after;        /* write a space after: ... with what follows */
};

#define STACK_TOKENS 256 /* statements of up to this many significant tokens use no heap */
#define STACK_EDITS  32  /* edits listed as they are made, and kept from sizing to writing */
#define SPELL_PAIRS  8   /* pairs (of each map) whose `to` spelling is found once per call */

/* What edit_of() needs of a pair's `to`: one walk over it (spelling_of()). */
struct spelling {
    uint32_t len;     /* strlen(to) */
    uint32_t dquotes; /* '"' bytes in it */
    uint32_t squotes; /* '\'' bytes in it */
    bool bare;        /* writable unquoted: a lower-case letter, _ or byte >= 0x80 first,
                       * then those, digits and $ */
};
#define STACK_PAIRS 64 /* shadow flags on the stack for maps of up to this many schemas */

struct rw {
    const char *sql;             /* whole input */
    size_t len;                  /* its bytes */
    const struct rewrite_map *m; /* the renames */
    struct rtok *t;              /* significant tokens of the whole input */
    size_t n;                    /* their count */
    bool *shadow;                /* per schema pair: a relation/alias of that name is in scope */
    size_t nedits;               /* tokens marked MARK_EDIT */
    uint32_t *edit_at;           /* the first STACK_EDITS of them, ascending */
    struct spelling *spell;      /* [cluster * SPELL_PAIRS + pair], valid per spell_known bit */
    uint32_t spell_known;        /* bit per spell entry found in this call */
    const uint32_t *cand;        /* the tokens a rule may start at, ascending (rule_starts()) */
    size_t ncand;                /* their count */
    bool every;                  /* the passes visit every token instead (see lex_all) */
    bool reference;              /* rewrite_sql_unfiltered: none of the shortcuts, so that the
                                  * fuzzer compares them with the plain way */
    uint64_t from_lens[2];       /* schema [0] and cluster [1] `from` lengths: bit min(len, 63) */
    uint64_t from_first[4];      /* bit per byte that starts a `from` (exactly as written) */
    bool quote_in_names;         /* a `from` contains a quote (' or ") */
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

/* An X-macro table reads best one entry per line. */
/* clang-format off */
static const uint8_t word_len[] = {
    0,
#define X(id, text, clause, fn) sizeof(text) - 1,
    REWRITE_WORDS(X)
#undef X
};
/* clang-format on */

static inline bool is_name(const struct rw *r, size_t i, size_t end)
{
    return i < end && (r->t[i].kind == SQLLEX_IDENT || r->t[i].kind == SQLLEX_QUOTED_IDENT);
}

/* Whether token i is the punctuation c, or the one-byte operator c if c is * or =. */
static inline bool is_punct(const struct rw *r, size_t i, size_t end, char c)
{
    return i < end && r->t[i].word == PUNCT_WORD(c);
}

static unsigned claim(const struct rw *r, size_t i)
{
    return r->t[i].mark & MARK_CLAIM_MASK;
}

static void set_claim(struct rw *r, size_t i, unsigned v)
{
    r->t[i].mark = (uint8_t)((r->t[i].mark & ~MARK_CLAIM_MASK) | v);
}

/*
 * The rule words by hash of (length, first and last byte folded): an
 * open-addressed table of word ids (0 empty), filled before main() from
 * word_text, so that every identifier of a statement costs one probe or two
 * when it is lexed rather than a binary search of strcmp.
 */
#define WORD_HASH_SIZE 512

static uint8_t word_hash[WORD_HASH_SIZE];

/*
 * Per length and first byte & 31: the word that lists a candidate spelled
 * so (0 if none; RULE_WORD_ANY if two were, which would need word_id()).
 */
#define RULE_WORD_ANY 0xFFu
static uint8_t rule_word_at[WORD_MAX + 1][32];

/* ASCII lower case of every byte, filled before main() with the word hash:
 * one load where fold() runs per byte compared (names, words, the prefilter) */
static unsigned char fold_table[256];

static inline unsigned char fold(unsigned char c)
{
    return fold_table[c];
}

static inline unsigned word_hash_of(size_t len, unsigned char first, unsigned char last)
{
    return ((unsigned)len * 97u + (unsigned)first * 31u + (unsigned)last * 7u) &
           (WORD_HASH_SIZE - 1);
}

__attribute__((constructor)) static void word_hash_init(void)
{
    for (unsigned c = 0; c < 256; c++)
        fold_table[c] = (unsigned char)((c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c);
    for (unsigned w = 1; w < KW_COUNT; w++) {
        const char *t = word_text[w];
        size_t n = word_len[w];
        unsigned h = word_hash_of(n, (unsigned char)t[0], (unsigned char)t[n - 1]);
        while (word_hash[h] != 0)
            h = (h + 1) & (WORD_HASH_SIZE - 1);
        word_hash[h] = (uint8_t)w;
    }
    for (unsigned w = 1; w < KW_COUNT; w++) {
        if (!word_starts_rule[w])
            continue;
        uint8_t *at = &rule_word_at[word_len[w]][(unsigned char)word_text[w][0] & 31u];
        *at = *at == 0 ? (uint8_t)w : (uint8_t)RULE_WORD_ANY;
    }
}

/* The rule word an identifier of `len` bytes at s spells, or KW_NONE. */
static inline enum word word_id(const char *s, size_t len)
{
    if (len < 2 || len > WORD_MAX)
        return KW_NONE;
    const unsigned char *u = (const unsigned char *)s;
    unsigned h = word_hash_of(len, fold(u[0]), fold(u[len - 1]));
    for (unsigned w; (w = word_hash[h]) != 0; h = (h + 1) & (WORD_HASH_SIZE - 1)) {
        if (word_len[w] != len)
            continue;
        const char *t = word_text[w];
        size_t k = 0;
        while (k < len && fold(u[k]) == (unsigned char)t[k])
            k++;
        if (k == len)
            return (enum word)w;
    }
    return KW_NONE;
}

/*
 * lex_all() finds only the words that list a candidate (FROM, JOIN, AS,
 * CLUSTER, SCHEMA), by length and first byte then one compare; any other
 * identifier's word is KW_LAZY, compared or looked up when a rule asks. The
 * rules look at a few tokens around each candidate, and looking up every
 * identifier's word had been a seventh of the rewrite's time.
 */
#define KW_LAZY 0x7Fu /* word of an identifier not looked up: never a word id */

_Static_assert(KW_COUNT < KW_LAZY, "word ids stay clear of KW_LAZY");

/* Whether the len bytes at s spell the word w (ASCII-folded). */
static inline bool spells_at(const unsigned char *s, size_t len, unsigned w)
{
    if (len != word_len[w])
        return false;
    const char *text = word_text[w];
    for (size_t k = 0; k < len; k++)
        if (fold(s[k]) != (unsigned char)text[k])
            return false;
    return true;
}

/* The word field lex_all() gives an identifier of len bytes at s. */
static inline uint8_t lex_word(const char *s, size_t len)
{
    if (len > WORD_MAX)
        return KW_LAZY;
    const unsigned char *u = (const unsigned char *)s;
    unsigned w = rule_word_at[len][u[0] & 31u];
    if (w == 0)
        return KW_LAZY;
    if (w == RULE_WORD_ANY)
        return (uint8_t)word_id(s, len);
    return spells_at(u, len, w) ? (uint8_t)w : (uint8_t)KW_LAZY;
}

/* Whether token t spells the word w (ASCII-folded), without the hash. */
static inline bool spells(const struct rw *r, const struct rtok *t, enum word w)
{
    return spells_at((const unsigned char *)r->sql + t->off, t->len, w);
}

/* Whether token i (before end) is the identifier w, compared ASCII-folded. */
static inline bool kw(const struct rw *r, size_t i, size_t end, enum word w)
{
    if (i >= end)
        return false;
    const struct rtok *t = &r->t[i];
    /* a word that lists a candidate is never left KW_LAZY (lex_word()) */
    return t->word == w || (!word_starts_rule[w] && t->word == KW_LAZY && spells(r, t, w));
}

/* The word field of token i, looked up if lex_all() left it KW_LAZY. */
static uint8_t word_of(const struct rw *r, size_t i)
{
    const struct rtok *t = &r->t[i];
    return t->word == KW_LAZY ? (uint8_t)word_id(r->sql + t->off, t->len) : t->word;
}

/* Index just past the ')' matching the '(' at i (or end if unbalanced). */
static size_t skip_parens(const struct rw *r, size_t i, size_t end)
{
    size_t c = r->t[i].link;
    return c < end ? c : end;
}

/*
 * lex_all() links parentheses as it stores the tokens: the matching ')' of
 * every '(' and the innermost open '(' around every FROM, so that no rule
 * ever scans a statement twice (a query of many FROMs or deep parentheses
 * stays linear). Parentheses do not cross ';'. The stack of open
 * parentheses lives in their own link fields (each open '(' points at its
 * parent), so this needs no memory.
 */
#define LINK_NONE UINT32_MAX /* link of an unmatched '(' or a FROM outside parentheses */

/* Closes every '(' still open on the chain from `top` (linked through link). */
static void close_open_parens(struct rw *r, uint32_t top)
{
    while (top != LINK_NONE) {
        uint32_t parent = r->t[top].link;
        r->t[top].link = LINK_NONE;
        top = parent;
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
            if (is_punct(r, j + 1, end, '*'))
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
        set_claim(r, j, 1);
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

/* The lexer's view of token i, for the value decoders. */
static struct sqllex_token lex_token(const struct rw *r, size_t i)
{
    const struct rtok *t = &r->t[i];
    return (struct sqllex_token){(enum sqllex_kind)t->kind, t->flags, t->off, t->len};
}

/* The name a name or string token denotes, into buf; false if it has none. */
static bool tok_value(const struct rw *r, size_t i, char *buf, size_t *vlen)
{
    struct sqllex_token t = lex_token(r, i);
    size_t n;
    if (t.kind == SQLLEX_STRING)
        n = sqllex_string_value(r->sql, &t, buf, NAME_BUF);
    else
        n = sqllex_ident_value(r->sql, &t, buf, NAME_BUF);
    if (n == (size_t)-1 || n >= NAME_BUF || memchr(buf, '\0', n) != NULL)
        return false;
    *vlen = n;
    return true;
}

static long lookup(const struct rw *r, size_t i, bool cluster)
{
    const struct rewrite_pair *p = cluster ? r->m->clusters : r->m->schemas;
    size_t np = cluster ? r->m->nclusters : r->m->nschemas;
    const struct rtok *t = &r->t[i];
    if (t->kind == SQLLEX_IDENT) {
        /* the common case: no name of that length, or compared folded in place */
        if (!((r->from_lens[cluster] >> (t->len < 63 ? t->len : 63)) & 1))
            return -1;
        unsigned char c0 = fold((unsigned char)r->sql[t->off]);
        if (!((r->from_first[c0 >> 6] >> (c0 & 63)) & 1))
            return -1; /* an identifier folds, so only a lower-case first byte can match */
        const unsigned char *s = (const unsigned char *)r->sql + t->off;
        for (size_t k = 0; k < np; k++) {
            const char *f = p[k].from;
            size_t j = 0;
            for (; j < t->len && f[j] != '\0'; j++) {
                unsigned char c = s[j];
                if (c >= 'A' && c <= 'Z')
                    c = (unsigned char)(c + ('a' - 'A'));
                if (c != (unsigned char)f[j])
                    break;
            }
            if (j == t->len && f[j] == '\0')
                return (long)k;
        }
        return -1;
    }
    if (t->kind == SQLLEX_QUOTED_IDENT && t->flags == 0 && !r->quote_in_names && !r->reference) {
        /*
         * A plain "name": its value is the bytes between the quotes unless
         * they hold a doubled quote, and then the value has a quote in it,
         * which no `from` has. So the bytes are compared as they are, not
         * decoded into a buffer (tok_value(), which also rejects values of
         * NAME_BUF bytes or more).
         */
        size_t vlen = t->len - 2;
        if (vlen >= NAME_BUF || !((r->from_lens[cluster] >> (vlen < 63 ? vlen : 63)) & 1))
            return -1;
        const char *s = r->sql + t->off + 1;
        for (size_t k = 0; k < np; k++) {
            const char *f = p[k].from;
            size_t j = 0;
            while (j < vlen && f[j] != '\0' && f[j] == s[j]) /* s may hold a NUL */
                j++;
            if (j == vlen && f[j] == '\0')
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

/* Renames token i through the schema (or cluster) map if it is a mapped name. */
/* Renames token i through pair p of its map (none if p < 0): rename_tok
 * once the lookup is done. */
static void rename_as(struct rw *r, size_t i, bool cluster, long p)
{
    set_claim(r, i, 2);
    if (p < 0)
        return;
    struct rtok *t = &r->t[i];
    if (!(t->mark & MARK_EDIT)) {
        /* listed in order (renames come mostly in order: few moves), so
         * that write_output() need not look for the edits among the tokens */
        if (r->nedits < STACK_EDITS) {
            size_t k = r->nedits;
            for (; k > 0 && r->edit_at[k - 1] > i; k--)
                r->edit_at[k] = r->edit_at[k - 1];
            r->edit_at[k] = (uint32_t)i;
        }
        r->nedits++;
    }
    t->mark = (uint8_t)((t->mark & ~MARK_CLUSTER) | MARK_EDIT | (cluster ? MARK_CLUSTER : 0));
    t->link = (uint32_t)p;
}

/* Renames token i through the schema (or cluster) map if it is a mapped name. */
static void rename_tok(struct rw *r, size_t i, bool cluster)
{
    if (i >= r->n || claim(r, i) == 2)
        return;
    rename_as(r, i, cluster, lookup(r, i, cluster));
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
    return word_is_clause[word_of(r, i)];
}

/* Parses one FROM item at i; returns the index after it (and its alias). */
static size_t from_item(struct rw *r, size_t i, size_t end)
{
    while (kw(r, i, end, KW_LATERAL) || kw(r, i, end, KW_ONLY))
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
        r->t[i].mark |= MARK_OBJPOS;
        last = chain_part(i, k - 1);
        named = true;
        i = last + 1;
        if (is_punct(r, i, end, '(')) { /* a table function: its name is no refname */
            named = false;
            i = skip_parens(r, i, end);
        }
    }
    if (kw(r, i, end, KW_AS) && is_name(r, i + 1, end)) {
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
    if (i > start && kw(r, i - 1, i, KW_DISTINCT) && i - 1 > start &&
        (kw(r, i - 2, i, KW_IS) || kw(r, i - 2, i, KW_NOT)))
        return false;
    size_t j = r->t[i].link;
    if (j >= r->n || j <= start)
        return true;
    if (word_is_from_fn[word_of(r, j - 1)])
        return false;
    return true;
}

/* The FROM items after FROM, JOIN or a statement's UPDATE at i. */
static void from_items(struct rw *r, size_t i, size_t b)
{
    size_t j = from_item(r, i + 1, b);
    while (is_punct(r, j, b, ',') && !kw(r, i, b, KW_JOIN))
        j = from_item(r, j + 1, b);
}

/* A CTE named at i: name [(cols)] AS [NOT] [MATERIALIZED] ( */
static void cte_at(struct rw *r, size_t i, size_t a, size_t b)
{
    if (is_name(r, i, b) && (is_punct(r, i + 1, b, '(') || kw(r, i + 1, b, KW_AS)) &&
        !is_clause_word(r, i)) {
        size_t j = i + 1;
        if (is_punct(r, j, b, '('))
            j = skip_parens(r, j, b);
        if (kw(r, j, b, KW_AS)) {
            j++;
            if (kw(r, j, b, KW_NOT))
                j++;
            if (kw(r, j, b, KW_MATERIALIZED))
                j++;
            if (is_punct(r, j, b, '(') && (i == a || !is_punct(r, i - 1, b, '.')))
                add_shadow(r, i);
        }
    }
}

/*
 * Pass 1 over statement [a, b): with cand == NULL at every token, else at
 * the nc candidates of rule_starts() only. Its rules only add marks and
 * shadow flags, so the order of the visits does not matter. A CTE's name is
 * found from its AS: the name just before it, or before the '(' whose ')'
 * is just before it (the only token whose cte_at() can reach that AS).
 */
static void pass_from(struct rw *r, size_t a, size_t b, const uint32_t *cand, size_t nc)
{
    if (cand == NULL) {
        for (size_t i = a; i < b; i++) {
            if ((kw(r, i, b, KW_FROM) && from_is_clause(r, i, a)) || kw(r, i, b, KW_JOIN) ||
                (i == a && kw(r, i, b, KW_UPDATE)))
                from_items(r, i, b);
            cte_at(r, i, a, b);
        }
        return;
    }
    if (kw(r, a, b, KW_UPDATE))
        from_items(r, a, b);
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        if ((kw(r, i, b, KW_FROM) && from_is_clause(r, i, a)) || kw(r, i, b, KW_JOIN)) {
            from_items(r, i, b);
        } else if (kw(r, i, b, KW_AS) && i > a) {
            if (is_name(r, i - 1, b)) {
                cte_at(r, i - 1, a, b);
            } else if (is_punct(r, i - 1, b, ')')) {
                size_t open = r->t[i - 1].link;
                if (open != LINK_NONE && open > a)
                    cte_at(r, open - 1, a, b);
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
    if (kw(r, i, end, KW_IF) && kw(r, i + 1, end, KW_EXISTS))
        return i + 2;
    if (kw(r, i, end, KW_IF) && kw(r, i + 1, end, KW_NOT) && kw(r, i + 2, end, KW_EXISTS))
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
        if (kw(r, next, end, KW_SWAP) && kw(r, next + 1, end, KW_WITH)) {
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
    if (kw(r, i, b, KW_SESSION) || kw(r, i, b, KW_LOCAL))
        i++;
    bool list = kw(r, i, b, KW_SEARCH_PATH);
    bool cluster = kw(r, i, b, KW_CLUSTER);
    if (!list && !cluster && !kw(r, i, b, KW_SCHEMA))
        return;
    i++;
    if (kw(r, i, b, KW_TO) || is_punct(r, i, b, '='))
        i++;
    while (i < b) {
        const struct rtok *t = &r->t[i];
        if (t->kind == SQLLEX_STRING || t->kind == SQLLEX_QUOTED_IDENT ||
            (t->kind == SQLLEX_IDENT && !kw(r, i, b, KW_DEFAULT)))
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
    if (kw(r, a + 1, b, KW_CREATE) || kw(r, a + 1, b, KW_COLUMNS) || kw(r, a + 1, b, KW_INDEXES) ||
        kw(r, a + 1, b, KW_INDEX) || kw(r, a + 1, b, KW_KEYS))
        return;
    bool database = kw(r, a + 1, b, KW_SCHEMAS);
    for (size_t i = a + 1; i < b; i++) {
        if (!(kw(r, i, b, KW_FROM) || kw(r, i, b, KW_IN)) || kw(r, i + 1, b, KW_CLUSTER))
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
    long target = -1;     /* which part is in schema position */
    long first_pair = -2; /* lookup() of the first part once done (-2: not done) */
    if ((r->t[i].mark & MARK_OBJPOS) || call) {
        /* object name: schema.obj or db.schema.obj */
        if (!star && (k == 2 || k == 3))
            target = (long)k - 2;
    } else {
        /* column reference: [[db.]schema.]table.column, or an object name in
         * a statement position this pass does not model */
        size_t parts = k + (star ? 1 : 0);
        size_t first = chain_part(i, 0), second = chain_part(i, 1);
        if (parts < 2) {
            target = -1; /* a lone name: nothing in schema position (no lookup) */
        } else if ((first_pair = lookup(r, first, false)) >= 0 && r->shadow[first_pair]) {
            target = -1; /* shadowed by a relation or alias of that name */
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
    if (target == 0 && first_pair != -2 && claim(r, i) != 2)
        rename_as(r, i, false, first_pair);
    else if (target >= 0)
        rename_tok(r, chain_part(i, (size_t)target), false);
    claim_chain(r, i, k, star);
}

/* Words before SCHEMA / CLUSTER that make it a DDL or grant object. */
static bool ddl_before(const struct rw *r, size_t i, size_t a)
{
    if (i == a)
        return false;
    return kw(r, i - 1, i, KW_CREATE) || kw(r, i - 1, i, KW_DROP) || kw(r, i - 1, i, KW_ALTER) ||
           kw(r, i - 1, i, KW_ON) || kw(r, i - 1, i, KW_IN) ||
           (kw(r, i - 1, i, KW_SET) && i - 1 > a);
}

/* The rewrite site starting at token i of statement [a, b), if any. */
static void site_at(struct rw *r, size_t i, size_t a, size_t b)
{
    if (claim(r, i))
        return;
    if (kw(r, i, b, KW_CLUSTER) && ddl_before(r, i, a)) {
        set_claim(r, i, 1);
        if (kw(r, i + 1, b, KW_REPLICA)) {
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
        return;
    }
    if (kw(r, i, b, KW_SCHEMA) && ddl_before(r, i, a)) {
        set_claim(r, i, 1);
        object_list(r, i, b, false);
        return;
    }
    /* a lone name (no '.' after it) has nothing in schema position:
     * chain_site() would only claim it */
    if (is_name(r, i, b) && is_punct(r, i + 1, b, '.') && !(i > a && is_punct(r, i - 1, b, '.')))
        chain_site(r, i, b);
}

/*
 * Pass 2 over statement [a, b): with cand == NULL at every token, else at
 * the nc candidates of rule_starts() only, in ascending order (a site
 * claims tokens after it). site_at() does nothing at any other token.
 */
static void pass_sites(struct rw *r, size_t a, size_t b, const uint32_t *cand, size_t nc)
{
    if (kw(r, a, b, KW_SET)) {
        set_statement(r, a, b);
        return;
    }
    if (kw(r, a, b, KW_SHOW))
        show_statement(r, a, b);
    if (cand == NULL) {
        for (size_t i = a; i < b; i++)
            site_at(r, i, a, b);
        return;
    }
    for (size_t c = 0; c < nc; c++)
        site_at(r, cand[c], a, b);
}

/* ---- driver ------------------------------------------------------------- */

/* Bytes that may appear in a name written bare: lower-case letters, digits, _, $, >= 0x80. */
static const bool bare_byte[256] = {
    ['a' ... 'z'] = true, ['0' ... '9'] = true, ['_'] = true, ['$'] = true, [0x80 ... 0xFF] = true,
};

static struct spelling spelling_of(const char *s)
{
    const unsigned char *to = (const unsigned char *)s;
    struct spelling sp = {0, 0, 0,
                          to[0] != '\0' && bare_byte[to[0]] && !(to[0] >= '0' && to[0] <= '9') &&
                              to[0] != '$'};
    size_t n = 0;
    for (; to[n] != '\0'; n++) {
        sp.bare &= bare_byte[to[n]];
        sp.dquotes += to[n] == '"';
        sp.squotes += to[n] == '\'';
    }
    sp.len = (uint32_t)n;
    return sp;
}

/* Sets to_len and spelled, the lengths the writers below use, from sp. */
static void edit_spell_as(struct edit *e, const struct spelling *sp)
{
    e->to_len = sp->len;
    if (e->style == EDIT_BARE && sp->bare)
        e->spelled = sp->len;
    else
        e->spelled = sp->len + 2 + (e->style == EDIT_STRING ? sp->squotes : sp->dquotes);
}

/* The same, walking `to`. */
static void edit_spell(struct edit *e)
{
    struct spelling sp = spelling_of(e->to);
    edit_spell_as(e, &sp);
}

static size_t repl_len(const struct edit *e)
{
    return e->spelled + e->pad_before + e->pad_after;
}

static char *write_spelled(char *o, const struct edit *e)
{
    size_t n = e->to_len;
    if (e->spelled == n) {
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
static struct edit edit_of(struct rw *r, const struct rtok *t)
{
    struct edit e = {NULL, 0, 0, EDIT_BARE, false, false};
    bool cluster = (t->mark & MARK_CLUSTER) != 0;
    e.to = cluster ? r->m->clusters[t->link].to : r->m->schemas[t->link].to;
    if (t->kind == SQLLEX_QUOTED_IDENT)
        e.style = EDIT_QUOTED;
    else if (t->kind == SQLLEX_STRING)
        e.style = EDIT_STRING;
    /* a statement renames the same few names again and again */
    if (t->link < SPELL_PAIRS && !r->reference) {
        unsigned k = (cluster ? SPELL_PAIRS : 0) + t->link;
        if (!(r->spell_known & (1u << k))) {
            r->spell[k] = spelling_of(e.to);
            r->spell_known |= 1u << k;
        }
        edit_spell_as(&e, &r->spell[k]);
    } else {
        edit_spell(&e);
    }
    bool quoted = e.spelled != e.to_len;
    size_t end = (size_t)t->off + t->len;
    e.pad_before = quoted && t->off > 0 && (r->sql[t->off - 1] == '"' || r->sql[t->off - 1] == '&');
    e.pad_after = end < r->len && (r->sql[end] == '"' || r->sql[end] == '\'' || r->sql[end] == '&');
    return e;
}

/* The word of a one-byte punctuation token, or of the operators * and =. */
static const uint8_t punct_word[256] = {
    ['('] = PUNCT_WORD('('), [')'] = PUNCT_WORD(')'), [','] = PUNCT_WORD(','),
    [';'] = PUNCT_WORD(';'), ['['] = PUNCT_WORD('['), [']'] = PUNCT_WORD(']'),
    ['.'] = PUNCT_WORD('.'), ['*'] = PUNCT_WORD('*'), ['='] = PUNCT_WORD('='),
};

/* What lex_all() carries from one token to the next. */
struct lexed {
    struct rtok *tv; /* where the tokens go (r->t) */
    size_t n;        /* tokens stored */
    uint32_t top;    /* innermost open '(' */
    size_t nc;       /* candidates listed */
};

/*
 * Stores significant token tok with its word and parentheses links and, if
 * `listing` (a constant where it is inlined), lists it if it is a candidate.
 */
static inline __attribute__((always_inline)) void store_token(struct rw *r, struct lexed *lt,
                                                              const struct sqllex_token *tok,
                                                              uint32_t *cand, bool listing)
{
    const char *sql = r->sql;
    struct rtok *tv = lt->tv;
    /* a one-byte token of one of those bytes is punctuation or that operator */
    uint8_t word = tok->length == 1 ? punct_word[(unsigned char)sql[tok->offset]] : KW_NONE;
    if (tok->kind == SQLLEX_IDENT)
        word = lex_word(sql + tok->offset, tok->length);
    uint32_t link = LINK_NONE;
    uint32_t i = (uint32_t)lt->n;
    if (word == PUNCT_WORD('(')) {
        link = lt->top;
        lt->top = i;
    } else {
        if (word == PUNCT_WORD(')') && lt->top != LINK_NONE) {
            uint32_t parent = tv[lt->top].link;
            tv[lt->top].link = i + 1;
            link = lt->top;
            lt->top = parent;
        } else if (word == PUNCT_WORD(';')) {
            r->n = lt->n;
            close_open_parens(r, lt->top);
            lt->top = LINK_NONE;
        }
        if (word == KW_FROM)
            link = lt->top;
    }
    tv[i] = (struct rtok){(uint32_t)tok->offset,
                          (uint32_t)tok->length,
                          (uint8_t)tok->kind,
                          (uint8_t)tok->flags,
                          0,
                          word,
                          link};
    lt->n = i + 1;
    if (!listing)
        return;
    if (word_starts_rule[word]) {
        cand[lt->nc++] = i;
    } else if (word == PUNCT_WORD('.') && i > 0 &&
               (tv[i - 1].kind == SQLLEX_IDENT || tv[i - 1].kind == SQLLEX_QUOTED_IDENT) &&
               !(i > 1 && tv[i - 2].word == PUNCT_WORD('.')) &&
               !(lt->nc > 0 && cand[lt->nc - 1] == i - 1)) {
        cand[lt->nc++] = i - 1; /* ascending: every earlier entry is below i - 1 */
    }
}

/*
 * Lexes sql into r->t, significant tokens only, with their rule words, and
 * lists the candidates (above) into `cand` (room for STACK_TOKENS, one per
 * token at most). Returns false at the first unterminated token (nothing to
 * rewrite). The tokens go into `stack` (room for STACK_TOKENS) while they
 * fit; past that the rest of the input is counted first and one exact array
 * is allocated, so the heap holds 16 bytes per significant token and never a
 * doubling, and the passes visit every token (r->every): a list would be
 * more heap than that bound allows. Two loops, the first for the stack and
 * the list: fewer values live across the commonest one.
 */
static bool lex_all(struct rw *r, struct rtok *stack, uint32_t *cand, struct rtok **heap,
                    size_t *heap_bytes, bool *nomem)
{
    struct sqllex lx;
    struct sqllex_token tok;
    struct lexed lt = {stack, 0, LINK_NONE, 0};
    r->t = stack;
    sqllex_init(&lx, r->sql, r->len);
    /* plain integers inline too */
    for (;;) {
        if (!sqllex_next_more(&lx, &tok)) {
            r->cand = cand;
            r->ncand = lt.nc;
            goto done;
        }
        if (tok.flags & SQLLEX_F_UNTERMINATED)
            return false;
        if (tok.kind == SQLLEX_WHITESPACE || tok.kind == SQLLEX_COMMENT)
            continue;
        if (lt.n == STACK_TOKENS)
            break;
        store_token(r, &lt, &tok, cand, true);
    }
    /* count what is left, then move to one array of the exact size */
    size_t more = 1;
    struct sqllex rest = lx;
    struct sqllex_token t2;
    /* out of line: the inline path is kept for the main loop */
    while (sqllex_next_full(&rest, &t2)) {
        if (t2.flags & SQLLEX_F_UNTERMINATED)
            return false;
        more += !sqllex_is_blank(&t2);
    }
    size_t cap = lt.n + more;
    *heap = malloc(cap * sizeof **heap);
    if (*heap == NULL) {
        *nomem = true;
        return false;
    }
    *heap_bytes = cap * sizeof **heap;
    memcpy(*heap, stack, lt.n * sizeof **heap);
    lt.tv = r->t = *heap;
    r->every = true;
    r->cand = cand;
    r->ncand = lt.nc;
    do {
        /* unterminated tokens were found when counting */
        if (tok.kind != SQLLEX_WHITESPACE && tok.kind != SQLLEX_COMMENT)
            store_token(r, &lt, &tok, cand, false);
    } while (sqllex_next_more(&lx, &tok));
done:
    r->n = lt.n;
    close_open_parens(r, lt.top);
    return true;
}

/*
 * Writes the input with every MARK_EDIT token replaced into one exact buffer:
 * one memcpy per unchanged run. The scans stop at the last edited token.
 */
static char *write_output(struct rw *r, size_t *out_len)
{
    struct edit es[STACK_EDITS];
    uint32_t scan_at[STACK_EDITS];
    /* rename_as() listed them all, in order, unless there were more */
    uint32_t *at = r->edit_at;
    size_t ne = 0;
    size_t total = r->len;
    if (r->nedits <= STACK_EDITS && !r->reference) {
        for (; ne < r->nedits; ne++) {
            es[ne] = edit_of(r, &r->t[at[ne]]);
            total = total - r->t[at[ne]].len + repl_len(&es[ne]);
        }
    } else {
        at = scan_at;
        for (size_t i = 0; ne < r->nedits && i < r->n; i++) {
            if (r->t[i].mark & MARK_EDIT) {
                struct edit e = edit_of(r, &r->t[i]);
                total = total - r->t[i].len + repl_len(&e);
                if (ne < STACK_EDITS) {
                    es[ne] = e;
                    at[ne] = (uint32_t)i;
                }
                ne++;
            }
        }
    }
    char *buf = malloc(total + 1);
    if (buf == NULL)
        return NULL;
    char *o = buf;
    size_t pos = 0;
    for (size_t k = 0, i = 0; k < ne; k++, i++) {
        struct edit e;
        if (k < STACK_EDITS) {
            i = at[k];
            e = es[k];
        } else {
            while (!(r->t[i].mark & MARK_EDIT))
                i++;
            e = edit_of(r, &r->t[i]);
        }
        const struct rtok *t = &r->t[i];
        memcpy(o, r->sql + pos, t->off - pos);
        o += t->off - pos;
        o = write_repl(o, &e);
        pos = (size_t)t->off + t->len;
    }
    memcpy(o, r->sql + pos, r->len - pos);
    o += r->len - pos;
    *o = '\0';
    *out_len = total;
    return buf;
}

/* ---- prefilter ---------------------------------------------------------- */

/*
 * Most statements on a deploy route name none of the mapped schemas or
 * clusters, and lexing them only to find that out is most of the cost of
 * rewriting them. A token can denote a mapped name only if its bytes contain
 * that name, ASCII case-insensitively (unquoted names fold; quoted ones match
 * as written), unless escapes spell it: a doubled quote inside "" or '' (only
 * for a name containing a quote), a backslash (E'' strings, and U&'' or U&""
 * by default) or another escape character, which needs a UESCAPE clause
 * after a U& (so a '&'). may_name() answers "could any token denote a mapped
 * name" from the bytes alone, erring towards yes.
 */
#define PREFILTER_MAX_NAMES 16 /* larger maps skip the prefilter: they lex every statement */

struct pname {
    const unsigned char *s;   /* the `from` name */
    size_t len;               /* its bytes, > 0 */
    unsigned char first;      /* s[0] folded, | fold_first */
    unsigned char last;       /* s[len - 1] folded, | fold_last */
    unsigned char fold_first; /* 0x20 if s[0] is an ASCII letter (compared folded), else 0 */
    unsigned char fold_last;  /* the same for s[len - 1] */
};

static inline bool ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the n bytes at s equal the name, ASCII case-insensitively. */
static bool name_at(const unsigned char *s, const struct pname *p)
{
    for (size_t k = 0; k < p->len; k++)
        if (fold(s[k]) != fold(p->s[k]))
            return false;
    return true;
}

/*
 * One walk over the map's names, per call: their lengths and first bytes for
 * lookup()'s quick rejects (r->from_lens, r->from_first) and, if the
 * prefilter can model them, the names into pn (*np of them); returns false
 * if it cannot (an empty name, a quote in one, or more than
 * PREFILTER_MAX_NAMES). *identity: whether every pair's `from` equals its
 * `to` (rewrite_map_is_identity(), in the same walk). Inline loops: a libc
 * call per name per statement cost more than the walk.
 */
/* one load per byte of the names, which map_scan() walks per call */
static const bool quote_byte[256] = {['"'] = true, ['\''] = true};

static bool map_scan(struct rw *r, const struct rewrite_map *m, struct pname *pn, size_t *np,
                     bool *identity)
{
    bool ok = true, same = true;
    size_t n = 0;
    for (int c = 0; c < 2; c++) {
        const struct rewrite_pair *p = c ? m->clusters : m->schemas;
        size_t cnt = c ? m->nclusters : m->nschemas;
        for (size_t i = 0; i < cnt; i++) {
            const unsigned char *f = (const unsigned char *)p[i].from;
            const unsigned char *to = (const unsigned char *)p[i].to;
            size_t l = 0;
            bool quote = false;
            /* `to` is read only while it matches, so never past its NUL */
            for (; f[l] != '\0'; l++) {
                quote |= quote_byte[f[l]];
                if (same && to[l] != f[l])
                    same = false;
            }
            if (same && to[l] != '\0')
                same = false;
            r->from_lens[c] |= 1ull << (l < 63 ? l : 63);
            r->quote_in_names |= quote;
            r->from_first[f[0] >> 6] |= 1ull << (f[0] & 63);
            if (l == 0 || quote || n == PREFILTER_MAX_NAMES) {
                ok = false;
                continue;
            }
            unsigned char ff = ascii_letter(f[0]) ? 0x20 : 0;
            unsigned char fl = ascii_letter(f[l - 1]) ? 0x20 : 0;
            pn[n++] = (struct pname){
                f,  l, (unsigned char)(fold(f[0]) | ff), (unsigned char)(fold(f[l - 1]) | fl),
                ff, fl};
        }
    }
    *np = n;
    *identity = same;
    return ok;
}

#if defined(__SSE2__)
/*
 * The prefilter scans blocks of positions: 16 with SSE2 (every x86-64), 32
 * with AVX2 where the lexer uses it (sqllex_simd_level_()).
 * A position is a candidate for a name when its first and last bytes match
 * (the two-byte filter of Mula's SIMD substring search), then checked in
 * full. name_in_block*() read s[0] to s[p->len + width - 2].
 */
static inline __attribute__((always_inline)) bool name_cand(const unsigned char *s, unsigned cand,
                                                            const struct pname *p)
{
    while (cand != 0) {
        if (name_at(s + (unsigned)__builtin_ctz(cand), p))
            return true;
        cand &= cand - 1;
    }
    return false;
}

static inline __attribute__((always_inline)) bool name_in_block16(const unsigned char *s,
                                                                  const struct pname *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + p->len - 1));
    __m128i f = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8((char)p->fold_first)),
                               _mm_set1_epi8((char)p->first));
    __m128i l = _mm_cmpeq_epi8(_mm_or_si128(b, _mm_set1_epi8((char)p->fold_last)),
                               _mm_set1_epi8((char)p->last));
    return name_cand(s, (unsigned)_mm_movemask_epi8(_mm_and_si128(f, l)), p);
}

/* Whether one of the 16 bytes at s is a backslash or '&'. */
static inline __attribute__((always_inline)) bool escape_in_block16(const unsigned char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8('&')))) != 0;
}

__attribute__((target("avx2"))) static inline __attribute__((always_inline)) bool
name_in_block32(const unsigned char *s, const struct pname *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)s);
    __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + p->len - 1));
    __m256i f = _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8((char)p->fold_first)),
                                  _mm256_set1_epi8((char)p->first));
    __m256i l = _mm256_cmpeq_epi8(_mm256_or_si256(b, _mm256_set1_epi8((char)p->fold_last)),
                                  _mm256_set1_epi8((char)p->last));
    return name_cand(s, (unsigned)_mm256_movemask_epi8(_mm256_and_si256(f, l)), p);
}

__attribute__((target("avx2"))) static inline __attribute__((always_inline)) bool
escape_in_block32(const unsigned char *s)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)s);
    __m256i e = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\\')),
                                _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')));
    return _mm256_movemask_epi8(e) != 0;
}

/*
 * may_name() by blocks of w positions (a constant where it is inlined):
 * every name at each block, stopping at the first found; then the rest,
 * fewer than maxlen + w - 1 bytes: each name's positions and the escape
 * bytes by blocks while a block fits, the last block ending at the end of
 * the input (positions checked already are checked again); one by one if
 * the input is shorter than a block.
 */
static inline __attribute__((always_inline)) bool
may_name_blocks(const struct pname *pn, size_t np, const unsigned char *s, size_t len, size_t w,
                bool (*name_in_block)(const unsigned char *, const struct pname *),
                bool (*escape_in_block)(const unsigned char *))
{
    size_t maxlen = 0;
    for (size_t k = 0; k < np; k++)
        if (pn[k].len > maxlen)
            maxlen = pn[k].len;
    size_t i = 0;
    for (; len - i >= maxlen + w - 1; i += w) {
        if (escape_in_block(s + i))
            return true;
        for (size_t k = 0; k < np; k++)
            if (name_in_block(s + i, &pn[k]))
                return true;
    }
    for (size_t k = 0; k < np; k++) {
        const struct pname *p = &pn[k];
        size_t j = i;
        for (; len - j >= p->len + w - 1; j += w)
            if (name_in_block(s + j, p))
                return true;
        if (j + p->len > len)
            continue;
        if (len >= p->len + w - 1) {
            if (name_in_block(s + len - p->len - (w - 1), p))
                return true;
        } else {
            for (; j + p->len <= len; j++)
                if (name_at(s + j, p))
                    return true;
        }
    }
    for (; len - i >= w; i += w)
        if (escape_in_block(s + i))
            return true;
    if (i < len && len >= w)
        return escape_in_block(s + len - w);
    for (; i < len; i++) /* an input shorter than a block */
        if (s[i] == '\\' || s[i] == '&')
            return true;
    return false;
}

static bool may_name_sse2(const struct pname *pn, size_t np, const unsigned char *s, size_t len)
{
    return may_name_blocks(pn, np, s, len, 16, name_in_block16, escape_in_block16);
}

__attribute__((target("avx2"))) static bool may_name_avx2(const struct pname *pn, size_t np,
                                                          const unsigned char *s, size_t len)
{
    return may_name_blocks(pn, np, s, len, 32, name_in_block32, escape_in_block32);
}
#endif

/* Whether any token of sql could denote a name of m (see above). */
static bool may_name(const struct pname *pn, size_t np, const char *sql, size_t len)
{
    const unsigned char *s = (const unsigned char *)sql;
#if defined(__SSE2__)
    if (sqllex_simd_level_() >= 1)
        return may_name_avx2(pn, np, s, len);
    return may_name_sse2(pn, np, s, len);
#else
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' || s[i] == '&')
            return true;
        for (size_t k = 0; k < np; k++)
            if (pn[k].len <= len - i && name_at(s + i, &pn[k]))
                return true;
    }
    return false;
#endif
}

/* ---- entry points ------------------------------------------------------- */

static enum rewrite_result rewrite_all(const struct rewrite_map *m, const char *sql, size_t len,
                                       char **out, size_t *out_len, struct rewrite_stats *st,
                                       bool fast);

enum rewrite_result rewrite_sql(const struct rewrite_map *m, const char *sql, size_t len,
                                char **out, size_t *out_len)
{
    return rewrite_all(m, sql, len, out, out_len, NULL, true);
}

enum rewrite_result rewrite_sql_stats(const struct rewrite_map *m, const char *sql, size_t len,
                                      char **out, size_t *out_len, struct rewrite_stats *st)
{
    return rewrite_all(m, sql, len, out, out_len, st, true);
}

enum rewrite_result rewrite_sql_unfiltered(const struct rewrite_map *m, const char *sql, size_t len,
                                           char **out, size_t *out_len, struct rewrite_stats *st)
{
    return rewrite_all(m, sql, len, out, out_len, st, false);
}

static enum rewrite_result rewrite_all(const struct rewrite_map *m, const char *sql, size_t len,
                                       char **out, size_t *out_len, struct rewrite_stats *st,
                                       bool fast)
{
    if (st != NULL)
        *st = (struct rewrite_stats){0, 0};
    if (m == NULL || len == 0)
        return REWRITE_UNCHANGED;
    /* without `fast`, no prefilter, passes over every token and none of the
     * other shortcuts: the reference the fuzzer compares the fast path with */
    struct rw r = {.sql = sql, .len = len, .m = m, .every = !fast, .reference = !fast};
    struct pname pn[PREFILTER_MAX_NAMES];
    size_t np;
    bool identity;
    bool filter = map_scan(&r, m, pn, &np, &identity);
    if (identity)
        return REWRITE_UNCHANGED; /* rewrite_map_is_identity() */
    if (len > REWRITE_MAX_INPUT)
        return REWRITE_NOMEM; /* token offsets are 32-bit; the proxy's limits are far lower */
    if (filter && fast && !may_name(pn, np, sql, len))
        return REWRITE_UNCHANGED;
    struct rtok stack_tokens[STACK_TOKENS];
    uint32_t stack_cand[STACK_TOKENS];
    uint32_t edit_at[STACK_EDITS];
    struct spelling spell[2 * SPELL_PAIRS];
    r.edit_at = edit_at;
    r.spell = spell;
    bool stack_shadow[STACK_PAIRS];
    struct rtok *heap_tokens = NULL;
    bool *heap_shadow = NULL;
    size_t scratch = 0;
    bool nomem = false;
    enum rewrite_result res = REWRITE_NOMEM;

    if (!lex_all(&r, stack_tokens, stack_cand, &heap_tokens, &scratch, &nomem)) {
        res = nomem ? REWRITE_NOMEM : REWRITE_UNCHANGED;
        goto done;
    }
    r.shadow = stack_shadow;
    if (m->nschemas > STACK_PAIRS) {
        heap_shadow = malloc(m->nschemas * sizeof *heap_shadow);
        if (heap_shadow == NULL)
            goto done;
        scratch += m->nschemas * sizeof *heap_shadow;
        r.shadow = heap_shadow;
    }

    if (r.every) {
        for (size_t a = 0; a < r.n;) {
            size_t b = a;
            while (b < r.n && !is_punct(&r, b, r.n, ';'))
                b++;
            memset(r.shadow, 0, m->nschemas * sizeof *r.shadow);
            pass_from(&r, a, b, NULL, 0);
            pass_sites(&r, a, b, NULL, 0);
            a = b + 1;
        }
    } else {
        /* the ';' tokens are in the candidate list: statements end there */
        for (size_t a = 0, c = 0; a < r.n;) {
            size_t c0 = c;
            while (c < r.ncand && r.t[r.cand[c]].word != PUNCT_WORD(';'))
                c++;
            size_t b = c < r.ncand ? r.cand[c] : r.n;
            memset(r.shadow, 0, m->nschemas * sizeof *r.shadow);
            pass_from(&r, a, b, r.cand + c0, c - c0);
            pass_sites(&r, a, b, r.cand + c0, c - c0);
            a = b + 1;
            c++;
        }
    }
    if (r.nedits == 0) {
        res = REWRITE_UNCHANGED;
        goto done;
    }
    char *buf = write_output(&r, out_len);
    if (buf == NULL)
        goto done;
    *out = buf;
    res = REWRITE_CHANGED;

done:
    if (st != NULL) {
        st->tokens = r.n;
        st->scratch_bytes = scratch;
    }
    free(heap_tokens);
    free(heap_shadow);
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
            struct edit ed = {
                m->schemas[p].to, 0, 0, quoted ? EDIT_QUOTED : EDIT_BARE, false, false};
            edit_spell(&ed);
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
