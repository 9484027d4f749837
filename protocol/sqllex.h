/*
 * sqllex.h: a PostgreSQL/Materialize SQL lexer over raw bytes.
 *
 * The lexer is total: any byte string (NUL, invalid UTF-8, garbage) lexes
 * into a sequence of tokens that are contiguous and cover the input exactly,
 * so concatenating the token texts reproduces the input byte for byte. It
 * does not allocate and keeps no state beyond a position, which is what lets
 * the name rewriter edit token by token and copy everything else verbatim.
 *
 * Literal syntax follows PostgreSQL's scan.l with standard_conforming_strings
 * on (the default in PostgreSQL and the only mode in Materialize).
 */
#ifndef CUTOVER_PROTOCOL_SQLLEX_H
#define CUTOVER_PROTOCOL_SQLLEX_H

#include <stdbool.h>
#include <stddef.h>

enum sqllex_kind {
    SQLLEX_WHITESPACE,    /* space, \t, \n, \r, \f, \v */
    SQLLEX_COMMENT,       /* -- to end of line (newline excluded), or nested slash-star */
    SQLLEX_IDENT,         /* unquoted identifier or keyword */
    SQLLEX_QUOTED_IDENT,  /* "..." or U&"..." [UESCAPE 'c'] */
    SQLLEX_STRING,        /* '...', E'...', U&'...' [UESCAPE 'c'], B'...', X'...', N'...' */
    SQLLEX_DOLLAR_STRING, /* $$...$$ or $tag$...$tag$ */
    SQLLEX_NUMBER,        /* integer, decimal, real, 0x/0o/0b forms */
    SQLLEX_PARAM,         /* $1 */
    SQLLEX_OPERATOR,      /* + - * / < > = ~ ! @ # % ^ & | ` ? sequences, ::, :, := */
    SQLLEX_PUNCT,         /* one of ( ) , ; [ ] . */
    SQLLEX_OTHER,         /* any other single byte (NUL, backslash, braces, control) */
};

enum sqllex_flag {
    SQLLEX_F_UNTERMINATED = 1u << 0, /* literal, quoted name or comment runs to end of input */
    SQLLEX_F_ESCAPE = 1u << 1,       /* E'...' string: backslash escapes apply */
    SQLLEX_F_UNICODE = 1u << 2,      /* U&'...' or U&"...": unicode escapes apply */
    SQLLEX_F_UESCAPE = 1u << 3,      /* a UESCAPE 'c' clause is part of the token */
    SQLLEX_F_BITS = 1u << 4,         /* B'...' or X'...' bit string */
    SQLLEX_F_NATIONAL = 1u << 5,     /* N'...' */
};

struct sqllex_token {
    enum sqllex_kind kind; /* what the bytes are */
    unsigned flags;        /* enum sqllex_flag bits */
    size_t offset;         /* first byte, from the start of the input */
    size_t length;         /* bytes; never 0 */
};

/* A lexing position over one input; the input must outlive it. */
struct sqllex {
    const char *sql; /* the input, not NUL-terminated necessarily */
    size_t len;      /* input bytes */
    size_t pos;      /* next byte to lex */
};

/* Inline, like sqllex_next(): a caller's struct sqllex then never escapes and
 * stays in registers. */
static inline void sqllex_init(struct sqllex *lx, const char *sql, size_t len)
{
    lx->sql = sql;
    lx->len = len;
    lx->pos = 0;
}

/* Lexes the next token into *tok; false (and *tok untouched) at end of input.
 * The commonest tokens (names, blanks, punctuation) are lexed inline below;
 * the rest, and the whole grammar, by sqllex_next_full(). */
static inline bool sqllex_next(struct sqllex *lx, struct sqllex_token *tok);

/* sqllex_next() with lone operator bytes and plain integers lexed inline too
 * (a larger inline body, for loops where those are frequent). */
static inline bool sqllex_next_more(struct sqllex *lx, struct sqllex_token *tok);

/* The same, without the inline fast path: any token. */
bool sqllex_next_full(struct sqllex *lx, struct sqllex_token *tok);

/* ---- the inline fast path (internal; sqllex.c fills the tables) ---- */

enum sqllex_fast_ {
    SQLLEX_FAST_NO,     /* anything else: sqllex_next_full() */
    SQLLEX_FAST_IDENT,  /* a letter, _ or byte >= 0x80 that cannot start a literal */
    SQLLEX_FAST_PREFIX, /* b e n u x: a name unless ' or & follows (B'', U&'' ...) */
    SQLLEX_FAST_SPACE,  /* whitespace */
    SQLLEX_FAST_PUNCT,  /* ( ) , ; [ ] */
    SQLLEX_FAST_DOT,    /* . : punctuation unless a digit follows (.5) */
    SQLLEX_FAST_OP,     /* an operator byte: one byte long unless another follows */
    SQLLEX_FAST_DIGIT,  /* 0-9: an integer unless SQLLEX_CONT_NUMX ends its digits */
};
#define SQLLEX_CONT_IDENT 1u /* sqllex_cont_: ident_cont (letters, digits, _, $, >= 0x80) */
#define SQLLEX_CONT_SPACE 2u /* sqllex_cont_: whitespace */
#define SQLLEX_CONT_OP    4u /* sqllex_cont_: an operator byte (+ - * / < > = ~ ! @ # % ^ & | ` ?) */
#define SQLLEX_CONT_DIGIT 8u  /* sqllex_cont_: 0-9 */
#define SQLLEX_CONT_NUMX  16u /* sqllex_cont_: . e _ and the 0x 0o 0b letters, either case */
extern const unsigned char sqllex_fast_[256]; /* first byte -> enum sqllex_fast_ */
extern const unsigned char sqllex_cont_[256]; /* byte -> SQLLEX_CONT_* bits */

/*
 * One token at sql[pos] (pos < len), for the inline path: returned in two
 * registers rather than through pointers, so that a caller's struct sqllex
 * and token stay in registers around the call instead of in memory.
 */
struct sqllex_step_ {
    size_t end;          /* index just past the token */
    unsigned kind_flags; /* enum sqllex_kind | enum sqllex_flag bits << 8 */
};
struct sqllex_step_ sqllex_step_(const char *sql, size_t len, size_t pos);

/* Index of the first byte at or after e (before len) that is not a digit. */
static inline size_t sqllex_digits_(const unsigned char *s, size_t e, size_t len)
{
    while (e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_DIGIT))
        e++;
    return e;
}

/*
 * The inline path, with `more` (a constant where it is inlined) also lexing
 * lone operator bytes and plain integers inline: sqllex_next_more(). Those
 * are most of what the rewriter's loop sends out of line (it gained 4-5 %),
 * but lexer_bench's bare loop measured 2-5 % slower with the larger body
 * (code layout, most likely), so sqllex_next() keeps the smaller one.
 */
static inline bool sqllex_next_impl_(struct sqllex *lx, struct sqllex_token *tok, bool more)
{
    size_t i = lx->pos, len = lx->len;
    if (i >= len)
        return false;
    const unsigned char *s = (const unsigned char *)lx->sql;
    size_t e = i + 1;
    enum sqllex_kind kind;
    unsigned flags = 0;
    unsigned f = sqllex_fast_[s[i]];
    /* Tested in order of frequency, not switched on: an indirect jump
     * between names, blanks and punctuation mispredicts most of the time. */
    if (f == SQLLEX_FAST_IDENT ||
        (f == SQLLEX_FAST_PREFIX && !(e < len && (s[e] == '\'' || s[e] == '&')))) {
        /* four bytes per bounds check: most names are a few bytes long */
        while (len - e >= 4) {
            if (!(sqllex_cont_[s[e]] & SQLLEX_CONT_IDENT))
                goto ident_end;
            if (!(sqllex_cont_[s[e + 1]] & SQLLEX_CONT_IDENT)) {
                e += 1;
                goto ident_end;
            }
            if (!(sqllex_cont_[s[e + 2]] & SQLLEX_CONT_IDENT)) {
                e += 2;
                goto ident_end;
            }
            if (!(sqllex_cont_[s[e + 3]] & SQLLEX_CONT_IDENT)) {
                e += 3;
                goto ident_end;
            }
            e += 4;
        }
        while (e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_IDENT))
            e++;
    ident_end:
        kind = SQLLEX_IDENT;
    } else if (f == SQLLEX_FAST_SPACE) {
        while (e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_SPACE))
            e++;
        kind = SQLLEX_WHITESPACE;
    } else if (f == SQLLEX_FAST_PUNCT ||
               (f == SQLLEX_FAST_DOT && !(e < len && s[e] >= '0' && s[e] <= '9'))) {
        kind = SQLLEX_PUNCT;
    } else if (more && f == SQLLEX_FAST_OP && !(e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_OP))) {
        /* a lone operator byte (a comment's -- or slash-star needs a second one) */
        kind = SQLLEX_OPERATOR;
    } else if (more && f == SQLLEX_FAST_DIGIT && (e = sqllex_digits_(s, e, len), true) &&
               !(e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_NUMX))) {
        /* an integer whose digits end at a byte that cannot continue a number
         * (a fraction, exponent, _ separator or 0x/0o/0b prefix); otherwise
         * sqllex_step_() starts again from i */
        kind = SQLLEX_NUMBER;
    } else {
        struct sqllex_step_ st = sqllex_step_(lx->sql, len, i);
        e = st.end;
        kind = (enum sqllex_kind)(st.kind_flags & 0xFFu);
        flags = st.kind_flags >> 8;
    }
    tok->kind = kind;
    tok->flags = flags;
    tok->offset = i;
    tok->length = e - i;
    lx->pos = e;
    return true;
}

static inline bool sqllex_next(struct sqllex *lx, struct sqllex_token *tok)
{
    return sqllex_next_impl_(lx, tok, false);
}

static inline bool sqllex_next_more(struct sqllex *lx, struct sqllex_token *tok)
{
    return sqllex_next_impl_(lx, tok, true);
}

/* Whether a token is whitespace or a comment. */
bool sqllex_is_blank(const struct sqllex_token *t);

/*
 * The identifier a SQLLEX_IDENT or SQLLEX_QUOTED_IDENT token names: unquoted
 * text is folded to lower case (ASCII only, as PostgreSQL does), quoted text
 * has its "" doubled quotes undone and, for U&"...", its unicode escapes
 * decoded to UTF-8. Writes at most cap-1 bytes and a NUL into buf (if cap >
 * 0) and returns the full length of the value, like snprintf; returns
 * (size_t)-1 for another kind of token, an unterminated one, or a malformed
 * unicode escape.
 */
size_t sqllex_ident_value(const char *sql, const struct sqllex_token *t, char *buf, size_t cap);

/*
 * The value of a plain '...' or E'...' SQLLEX_STRING token ('' and, for E,
 * backslash escapes undone; \ooo, \xhh, \u escapes decoded as bytes or UTF-8).
 * Same conventions as sqllex_ident_value; (size_t)-1 for B/X/U& strings.
 */
size_t sqllex_string_value(const char *sql, const struct sqllex_token *t, char *buf, size_t cap);

/* Whether an SQLLEX_IDENT token is the keyword kw (ASCII, case-insensitive);
 * kw is written in any case. False for every other kind. */
bool sqllex_keyword_eq(const char *sql, const struct sqllex_token *t, const char *kw);

/* Name of a kind, for tests and diagnostics. */
const char *sqllex_kind_name(enum sqllex_kind k);

#endif
