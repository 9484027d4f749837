/*
 * sqllex.h: a PostgreSQL/Materialize SQL lexer over raw bytes.
 *
 * The lexer is total: any byte string (NUL, invalid UTF-8, garbage) lexes
 * into a sequence of tokens that are contiguous and cover the input exactly,
 * so concatenating the token texts reproduces the input byte for byte. It
 * does not allocate and keeps no state beyond a position (and a cache of
 * where the tokens after it end), which is what lets the name rewriter edit
 * token by token and copy everything else verbatim.
 *
 * Literal syntax follows PostgreSQL's scan.l with standard_conforming_strings
 * on (the default in PostgreSQL and the only mode in Materialize).
 */
#ifndef CUTOVER_PROTOCOL_SQLLEX_H
#define CUTOVER_PROTOCOL_SQLLEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/*
 * A lexing position over one input; the input must outlive it. A caller may
 * copy it, but not set pos: the window fields describe the bytes after pos
 * for the inline path (below). To start elsewhere, sqllex_init_at().
 */
struct sqllex {
    const char *sql; /* the input, not NUL-terminated necessarily */
    size_t len;      /* input bytes */
    size_t pos;      /* next byte to lex */
    size_t win;      /* first of the 64 bytes that stops and fast describe */
    uint64_t stops;  /* bit k: byte win + k ends a name, blank run or one-byte token
                      * covering it; bits of bytes before pos cleared; 0: none known
                      * (the window is classified again at the next token) */
    uint64_t fast;   /* bit k: a token starting at win + k is lexed inline */
    uint64_t stops2; /* the next 64 bytes' stops, from win + 64, all bits (0: none) */
    uint64_t fast2;  /* the next 64 bytes' fast */
};

/* Inline, like sqllex_next(): a caller's struct sqllex then never escapes and
 * stays in registers. */
static inline void sqllex_init(struct sqllex *lx, const char *sql, size_t len)
{
    lx->sql = sql;
    lx->len = len;
    lx->pos = 0;
    lx->win = 0;
    lx->stops = 0;
    lx->fast = 0;
    lx->stops2 = 0;
    lx->fast2 = 0;
}

/* sqllex_init() for lexing from byte `pos` on: the one way to start
 * elsewhere than at 0 (the window fields must start out empty). */
static inline void sqllex_init_at(struct sqllex *lx, const char *sql, size_t len, size_t pos)
{
    sqllex_init(lx, sql, len);
    lx->pos = pos;
}

/* Lexes the next token into *tok; false (and *tok untouched) at end of input.
 * The commonest tokens (names, blanks, punctuation, lone operator bytes) are
 * lexed inline below; the rest, and the whole grammar, by sqllex_next_full(). */
static inline bool sqllex_next(struct sqllex *lx, struct sqllex_token *tok);

/* sqllex_next() with plain integers lexed inline too (a larger inline body,
 * for loops where those are frequent). */
static inline bool sqllex_next_more(struct sqllex *lx, struct sqllex_token *tok);

/* The same, without the inline fast path: any token. */
bool sqllex_next_full(struct sqllex *lx, struct sqllex_token *tok);

/* ---- the inline fast path (internal; sqllex.c fills the tables) ---- */

/*
 * The inline path works on a window of 64 bytes classified at once into two
 * bit masks (sqllex_window_(), several bytes per instruction where the CPU
 * allows): which bytes may start a token it lexes (names, blank runs,
 * one-byte punctuation, lone operator bytes) and where such tokens end.
 * A token then costs a bit test and a count of trailing zeros: no loop whose
 * exit mispredicts at every name's length, no branch per kind (names,
 * blanks and punctuation alternate too irregularly to predict), and no chain
 * of loads from one token's start to the next one's.
 */
struct sqllex_window_ {
    uint64_t stops;  /* bit k set unless bytes w + k and w + k + 1 are both ident_cont or
                      * both whitespace (bytes past len are neither), so for a token
                      * above starting at w + j, the first set bit >= j is its last byte */
    uint64_t fast;   /* bit k: byte w + k (before len) starts a name (not B'', E'', N'',
                      * U&'', X'', b&...), a blank run, ( ) , ; [ ], a '.' not before a
                      * digit, or an operator byte not before another */
    uint64_t stops2; /* the same for the 64 bytes from w + 64 (0 if the input ends first) */
    uint64_t fast2;
};

/*
 * The window at w < len, and the one after it: two per call, computed side
 * by side, halve the calls and the time the next token waits for one. Any
 * mask may be 0 (a run across all 64 bytes).
 */
struct sqllex_window_ sqllex_window_(const char *sql, size_t len, size_t w);

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

#define SQLLEX_CONT_DIGIT 0x01u /* sqllex_cont_: 0-9 */
#define SQLLEX_CONT_NUMX  0x02u /* sqllex_cont_: . e _ and the 0x 0o 0b letters, either case */
extern const unsigned char sqllex_fast_kind_[256]; /* first byte of a fast token -> kind */
extern const unsigned char sqllex_cont_[256];      /* byte -> SQLLEX_CONT_* bits */

/* Index of the first byte at or after e (before len) that is not a digit. */
static inline size_t sqllex_digits_(const unsigned char *s, size_t e, size_t len)
{
    while (e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_DIGIT))
        e++;
    return e;
}

/*
 * The inline path, with `more` (a constant where it is inlined) also lexing
 * plain integers inline: sqllex_next_more(). The rewriter's loop gains by it;
 * lexer_bench's bare loop measured slower with the larger body. Always
 * inlined: a copy out of line would keep the caller's struct sqllex in
 * memory, which is most of what inlining saves.
 */
static inline __attribute__((always_inline)) bool
sqllex_next_impl_(struct sqllex *lx, struct sqllex_token *tok, bool more)
{
    size_t i = lx->pos, len = lx->len;
    uint64_t m = lx->stops;
    if (m == 0 && i < len) {
        /* the next window if pos is in it, without its bits before pos */
        size_t off2 = i - lx->win - 64; /* wraps past 63 below it */
        if (off2 < 64) {
            m = lx->stops2 & (~(uint64_t)0 << off2);
            lx->win += 64;
            lx->fast = lx->fast2;
            lx->stops2 = 0;
        }
        if (m == 0) {
            struct sqllex_window_ w = sqllex_window_(lx->sql, len, i);
            lx->win = i;
            m = w.stops;
            lx->fast = w.fast;
            lx->stops2 = w.stops2;
            lx->fast2 = w.fast2;
        }
    }
    const unsigned char *s = (const unsigned char *)lx->sql;
    size_t e;
    enum sqllex_kind kind;
    unsigned flags = 0;
    /* m != 0: its lowest bit is at or after i (bits before it are
     * cleared), so i is in the window, and below len where fast is set */
    if (m != 0 && ((lx->fast >> (i - lx->win)) & 1)) {
        /* that lowest bit ends this token; clearing it readies the next */
        e = lx->win + 1 + (size_t)(unsigned)__builtin_ctzll(m);
        lx->stops = m & (m - 1);
        kind = (enum sqllex_kind)sqllex_fast_kind_[s[i]];
    } else {
        if (i >= len)
            return false;
        if (more && (sqllex_cont_[s[i]] & SQLLEX_CONT_DIGIT) &&
            (e = sqllex_digits_(s, i + 1, len), true) &&
            !(e < len && (sqllex_cont_[s[e]] & SQLLEX_CONT_NUMX))) {
            /* an integer whose digits end at a byte that cannot continue a
             * number (a fraction, exponent, _ separator or 0x/0o/0b prefix);
             * otherwise sqllex_step_() starts again from i */
            kind = SQLLEX_NUMBER;
        } else {
            struct sqllex_step_ st = sqllex_step_(lx->sql, len, i);
            e = st.end;
            kind = (enum sqllex_kind)(st.kind_flags & 0xFFu);
            flags = st.kind_flags >> 8;
        }
        /* the stops of bytes it covered go; none is left past the window */
        size_t off = e - lx->win;
        lx->stops = off < 64 ? m & (~(uint64_t)0 << off) : 0;
    }
    tok->kind = kind;
    tok->flags = flags;
    tok->offset = i;
    tok->length = e - i;
    lx->pos = e;
    return true;
}

static inline __attribute__((always_inline)) bool sqllex_next(struct sqllex *lx,
                                                              struct sqllex_token *tok)
{
    return sqllex_next_impl_(lx, tok, false);
}

static inline __attribute__((always_inline)) bool sqllex_next_more(struct sqllex *lx,
                                                                   struct sqllex_token *tok)
{
    return sqllex_next_impl_(lx, tok, true);
}

/*
 * For tests and fuzzing: the widest classifier sqllex_window_() may use, 0
 * (portable C), 1 (AVX2) or 2 (AVX-512 VBMI), of those the CPU has. Returns
 * the previous limit; the default is 2. Not thread-safe: set it before
 * lexing.
 */
unsigned sqllex_simd_limit_(unsigned level);

/* The classifier in use (the CPU's widest, within the limit above); the
 * rewriter's prefilter uses AVX2 at 1 and up too. */
unsigned sqllex_simd_level_(void);

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
