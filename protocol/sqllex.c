/*
 * sqllex.c: the SQL lexer (see sqllex.h), after PostgreSQL's scan.l.
 *
 * Every branch consumes at least one byte and never reads past len, so the
 * lexer terminates on any input and its tokens tile the input.
 */
#include "protocol/sqllex.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/*
 * Byte classes, one table lookup per byte in every scanning loop (the lexer
 * runs on every statement of the deploy routes: issue 16 wants 1 GB/s).
 */
enum char_class {
    CC_SPACE = 1u << 0,      /* space, \t, \n, \r, \f, \v */
    CC_DIGIT = 1u << 1,      /* 0-9 */
    CC_HEX = 1u << 2,        /* 0-9 a-f A-F */
    CC_ID_START = 1u << 3,   /* ident_start in scan.l: letters, _, every byte >= 0x80 */
    CC_ID_CONT = 1u << 4,    /* ident_cont: ident_start, digits, $ */
    CC_OP = 1u << 5,         /* an operator character (see is_op_char) */
    CC_NOT_OP_SQL = 1u << 6, /* an operator character that keeps a trailing + or - */
    CC_PREFIX = 1u << 7,     /* b e n u x: may start B'', E'', N'', U&'', X'' instead of a name */
    CC_PUNCT = 1u << 8       /* ( ) , ; [ ]: always a one-byte token ('.' may start a number) */
};

#define CC_LETTER (CC_ID_START | CC_ID_CONT)
#define CC_HEXLET (CC_ID_START | CC_ID_CONT | CC_HEX)

static const unsigned short char_class[256] = {
    [' '] = CC_SPACE,
    ['\t'] = CC_SPACE,
    ['\n'] = CC_SPACE,
    ['\r'] = CC_SPACE,
    ['\f'] = CC_SPACE,
    ['\v'] = CC_SPACE,
    ['0' ... '9'] = CC_DIGIT | CC_HEX | CC_ID_CONT,
    ['a'] = CC_HEXLET,
    ['b'] = CC_HEXLET | CC_PREFIX,
    ['c' ... 'd'] = CC_HEXLET,
    ['e'] = CC_HEXLET | CC_PREFIX,
    ['f'] = CC_HEXLET,
    ['g' ... 'm'] = CC_LETTER,
    ['n'] = CC_LETTER | CC_PREFIX,
    ['o' ... 't'] = CC_LETTER,
    ['u'] = CC_LETTER | CC_PREFIX,
    ['v' ... 'w'] = CC_LETTER,
    ['x'] = CC_LETTER | CC_PREFIX,
    ['y' ... 'z'] = CC_LETTER,
    ['A'] = CC_HEXLET,
    ['B'] = CC_HEXLET | CC_PREFIX,
    ['C' ... 'D'] = CC_HEXLET,
    ['E'] = CC_HEXLET | CC_PREFIX,
    ['F'] = CC_HEXLET,
    ['G' ... 'M'] = CC_LETTER,
    ['N'] = CC_LETTER | CC_PREFIX,
    ['O' ... 'T'] = CC_LETTER,
    ['U'] = CC_LETTER | CC_PREFIX,
    ['V' ... 'W'] = CC_LETTER,
    ['X'] = CC_LETTER | CC_PREFIX,
    ['Y' ... 'Z'] = CC_LETTER,
    ['_'] = CC_LETTER,
    [0x80 ... 0xFF] = CC_LETTER,
    ['$'] = CC_ID_CONT,
    ['('] = CC_PUNCT,
    [')'] = CC_PUNCT,
    [','] = CC_PUNCT,
    [';'] = CC_PUNCT,
    ['['] = CC_PUNCT,
    [']'] = CC_PUNCT,
    ['+'] = CC_OP,
    ['-'] = CC_OP,
    ['*'] = CC_OP,
    ['/'] = CC_OP,
    ['<'] = CC_OP,
    ['>'] = CC_OP,
    ['='] = CC_OP,
    ['~'] = CC_OP | CC_NOT_OP_SQL,
    ['!'] = CC_OP | CC_NOT_OP_SQL,
    ['@'] = CC_OP | CC_NOT_OP_SQL,
    ['#'] = CC_OP | CC_NOT_OP_SQL,
    ['^'] = CC_OP | CC_NOT_OP_SQL,
    ['&'] = CC_OP | CC_NOT_OP_SQL,
    ['|'] = CC_OP | CC_NOT_OP_SQL,
    ['`'] = CC_OP | CC_NOT_OP_SQL,
    ['?'] = CC_OP | CC_NOT_OP_SQL,
    ['%'] = CC_OP | CC_NOT_OP_SQL,
};

/* The inline fast path's tables (sqllex.h), the same classes as above. */
/* clang-format off */
const unsigned char sqllex_fast_[256] = {
    ['a'] = SQLLEX_FAST_IDENT,         ['b'] = SQLLEX_FAST_PREFIX,
    ['c' ... 'd'] = SQLLEX_FAST_IDENT, ['e'] = SQLLEX_FAST_PREFIX,
    ['f' ... 'm'] = SQLLEX_FAST_IDENT, ['n'] = SQLLEX_FAST_PREFIX,
    ['o' ... 't'] = SQLLEX_FAST_IDENT, ['u'] = SQLLEX_FAST_PREFIX,
    ['v' ... 'w'] = SQLLEX_FAST_IDENT, ['x'] = SQLLEX_FAST_PREFIX,
    ['y' ... 'z'] = SQLLEX_FAST_IDENT, ['A'] = SQLLEX_FAST_IDENT,
    ['B'] = SQLLEX_FAST_PREFIX,        ['C' ... 'D'] = SQLLEX_FAST_IDENT,
    ['E'] = SQLLEX_FAST_PREFIX,        ['F' ... 'M'] = SQLLEX_FAST_IDENT,
    ['N'] = SQLLEX_FAST_PREFIX,        ['O' ... 'T'] = SQLLEX_FAST_IDENT,
    ['U'] = SQLLEX_FAST_PREFIX,        ['V' ... 'W'] = SQLLEX_FAST_IDENT,
    ['X'] = SQLLEX_FAST_PREFIX,        ['Y' ... 'Z'] = SQLLEX_FAST_IDENT,
    ['_'] = SQLLEX_FAST_IDENT,         [0x80 ... 0xFF] = SQLLEX_FAST_IDENT,
    [' '] = SQLLEX_FAST_SPACE,         ['\t'] = SQLLEX_FAST_SPACE,
    ['\n'] = SQLLEX_FAST_SPACE,        ['\r'] = SQLLEX_FAST_SPACE,
    ['\f'] = SQLLEX_FAST_SPACE,        ['\v'] = SQLLEX_FAST_SPACE,
    ['('] = SQLLEX_FAST_PUNCT,         [')'] = SQLLEX_FAST_PUNCT,
    [','] = SQLLEX_FAST_PUNCT,         [';'] = SQLLEX_FAST_PUNCT,
    ['['] = SQLLEX_FAST_PUNCT,         [']'] = SQLLEX_FAST_PUNCT,
    ['.'] = SQLLEX_FAST_DOT,           ['+'] = SQLLEX_FAST_OP,
    ['-'] = SQLLEX_FAST_OP,            ['*'] = SQLLEX_FAST_OP,
    ['/'] = SQLLEX_FAST_OP,            ['<'] = SQLLEX_FAST_OP,
    ['>'] = SQLLEX_FAST_OP,            ['='] = SQLLEX_FAST_OP,
    ['~'] = SQLLEX_FAST_OP,            ['!'] = SQLLEX_FAST_OP,
    ['@'] = SQLLEX_FAST_OP,            ['#'] = SQLLEX_FAST_OP,
    ['^'] = SQLLEX_FAST_OP,            ['&'] = SQLLEX_FAST_OP,
    ['|'] = SQLLEX_FAST_OP,            ['`'] = SQLLEX_FAST_OP,
    ['?'] = SQLLEX_FAST_OP,            ['%'] = SQLLEX_FAST_OP,
    ['0' ... '9'] = SQLLEX_FAST_DIGIT,
};
/* clang-format on */

/* No range overlaps another (-Woverride-init): letters that may continue a
 * number (SQLLEX_CONT_NUMX) have entries of their own. */
#define ID_NUMX (SQLLEX_CONT_IDENT | SQLLEX_CONT_NUMX)
const unsigned char sqllex_cont_[256] = {
    ['a'] = SQLLEX_CONT_IDENT,
    ['b'] = ID_NUMX,
    ['c' ... 'd'] = SQLLEX_CONT_IDENT,
    ['e'] = ID_NUMX,
    ['f' ... 'n'] = SQLLEX_CONT_IDENT,
    ['o'] = ID_NUMX,
    ['p' ... 'w'] = SQLLEX_CONT_IDENT,
    ['x'] = ID_NUMX,
    ['y' ... 'z'] = SQLLEX_CONT_IDENT,
    ['A'] = SQLLEX_CONT_IDENT,
    ['B'] = ID_NUMX,
    ['C' ... 'D'] = SQLLEX_CONT_IDENT,
    ['E'] = ID_NUMX,
    ['F' ... 'N'] = SQLLEX_CONT_IDENT,
    ['O'] = ID_NUMX,
    ['P' ... 'W'] = SQLLEX_CONT_IDENT,
    ['X'] = ID_NUMX,
    ['Y' ... 'Z'] = SQLLEX_CONT_IDENT,
    ['0' ... '9'] = SQLLEX_CONT_IDENT | SQLLEX_CONT_DIGIT,
    ['_'] = ID_NUMX,
    ['$'] = SQLLEX_CONT_IDENT,
    [0x80 ... 0xFF] = SQLLEX_CONT_IDENT,
    [' '] = SQLLEX_CONT_SPACE,
    ['\t'] = SQLLEX_CONT_SPACE,
    ['\n'] = SQLLEX_CONT_SPACE,
    ['\r'] = SQLLEX_CONT_SPACE,
    ['\f'] = SQLLEX_CONT_SPACE,
    ['\v'] = SQLLEX_CONT_SPACE,
    ['.'] = SQLLEX_CONT_NUMX,
    ['+'] = SQLLEX_CONT_OP,
    ['-'] = SQLLEX_CONT_OP,
    ['*'] = SQLLEX_CONT_OP,
    ['/'] = SQLLEX_CONT_OP,
    ['<'] = SQLLEX_CONT_OP,
    ['>'] = SQLLEX_CONT_OP,
    ['='] = SQLLEX_CONT_OP,
    ['~'] = SQLLEX_CONT_OP,
    ['!'] = SQLLEX_CONT_OP,
    ['@'] = SQLLEX_CONT_OP,
    ['#'] = SQLLEX_CONT_OP,
    ['^'] = SQLLEX_CONT_OP,
    ['&'] = SQLLEX_CONT_OP,
    ['|'] = SQLLEX_CONT_OP,
    ['`'] = SQLLEX_CONT_OP,
    ['?'] = SQLLEX_CONT_OP,
    ['%'] = SQLLEX_CONT_OP,
};
#undef ID_NUMX

static inline bool has_class(unsigned char c, unsigned cls)
{
    return (char_class[c] & cls) != 0;
}

static bool is_space(unsigned char c)
{
    return has_class(c, CC_SPACE);
}

static bool is_digit(unsigned char c)
{
    return has_class(c, CC_DIGIT);
}

static bool is_hex(unsigned char c)
{
    return has_class(c, CC_HEX);
}

static bool is_ident_start(unsigned char c)
{
    return has_class(c, CC_ID_START);
}

static bool is_ident_cont(unsigned char c)
{
    return has_class(c, CC_ID_CONT);
}

static bool is_op_char(unsigned char c)
{
    return has_class(c, CC_OP);
}

/* Index of the first byte at or after i (before len) not in cls. */
static inline size_t span_class(const char *s, size_t i, size_t len, unsigned cls)
{
    while (i < len && has_class((unsigned char)s[i], cls))
        i++;
    return i;
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/*
 * Index of the first byte at or after i (before len) that is a or b, or len.
 * The bodies of comments and quoted tokens are a quarter of the corpus's
 * bytes: with SSE2 (every x86-64) 16 bytes are compared per step while 16
 * remain; the rest, and other targets, one byte at a time.
 */
static inline size_t find2(const char *s, size_t i, size_t len, char a, char b)
{
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
    while (len - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m =
            (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
        if (m != 0)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < len && s[i] != a && s[i] != b)
        i++;
    return i;
}

/*
 * Scans a quoted body whose opening quote is at s[start]. A doubled quote is
 * an escaped quote; with `backslash`, a backslash escapes the next byte.
 * Returns the index just past the closing quote, or len (and *terminated
 * false) when the input ends first.
 */
static size_t scan_quoted(const char *s, size_t start, size_t len, char quote, bool backslash,
                          bool *terminated)
{
    size_t i = start + 1;
    /* without escapes, look for the quote twice over */
    char esc = backslash ? '\\' : quote;
    while (i < len) {
        i = find2(s, i, len, quote, esc);
        if (i >= len)
            break;
        if (s[i] != quote) {
            i += 2; /* a backslash and the byte it escapes */
            continue;
        }
        if (i + 1 < len && s[i + 1] == quote) {
            i += 2;
            continue;
        }
        *terminated = true;
        return i + 1;
    }
    *terminated = false;
    return len;
}

/*
 * After a U&'...' or U&"..." ending at `end`: an optional
 * `UESCAPE 'c'` clause (whitespace allowed around the keyword). Returns the
 * end of the clause, or `end` if there is none.
 */
static size_t scan_uescape(const char *s, size_t end, size_t len)
{
    size_t i = end;
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    static const char kw[] = "uescape";
    if (len - i < sizeof kw - 1)
        return end;
    for (size_t k = 0; k < sizeof kw - 1; k++)
        if (lower((unsigned char)s[i + k]) != kw[k])
            return end;
    i += sizeof kw - 1;
    if (i < len && is_ident_cont((unsigned char)s[i]))
        return end;
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    if (i + 2 < len && s[i] == '\'' && s[i + 1] != '\'' && s[i + 2] == '\'')
        return i + 3;
    if (i + 3 < len && s[i] == '\'' && s[i + 1] == '\'' && s[i + 2] == '\'' && s[i + 3] == '\'')
        return i + 4;
    return end;
}

/* Length of a dollar-quote delimiter ($$ or $tag$) at s[i], or 0. */
static size_t dollar_delim(const char *s, size_t i, size_t len)
{
    size_t j = i + 1;
    if (j < len && s[j] == '$')
        return 2;
    if (j >= len || !is_ident_start((unsigned char)s[j]))
        return 0;
    while (j < len && is_ident_cont((unsigned char)s[j]) && s[j] != '$')
        j++;
    if (j < len && s[j] == '$')
        return j + 1 - i;
    return 0;
}

static size_t lex_number(const char *s, size_t i, size_t len)
{
    size_t start = i;
    if (s[i] == '0' && i + 2 < len) {
        unsigned char p = lower((unsigned char)s[i + 1]);
        unsigned char d = (unsigned char)s[i + 2];
        if ((p == 'x' && is_hex(d)) || (p == 'o' && d >= '0' && d <= '7') ||
            (p == 'b' && (d == '0' || d == '1'))) {
            i += 2;
            while (i < len && (is_hex((unsigned char)s[i]) || s[i] == '_'))
                i++;
            return i - start;
        }
    }
    while (i < len && (is_digit((unsigned char)s[i]) || s[i] == '_'))
        i++;
    /* "1..2" is 1 then "..": PostgreSQL's numericfail rule. */
    if (i < len && s[i] == '.' && !(i + 1 < len && s[i + 1] == '.')) {
        i++;
        while (i < len && (is_digit((unsigned char)s[i]) || s[i] == '_'))
            i++;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < len && (s[j] == '+' || s[j] == '-'))
            j++;
        if (j < len && is_digit((unsigned char)s[j])) {
            i = j;
            while (i < len && (is_digit((unsigned char)s[i]) || s[i] == '_'))
                i++;
        }
    }
    return i - start;
}

/* The operator rule of scan.l: an embedded comment start ends it, and a
 * trailing + or - is dropped unless a "non-SQL" operator char is present. */
static size_t lex_operator(const char *s, size_t i, size_t len)
{
    size_t n = 0;
    while (i + n < len && is_op_char((unsigned char)s[i + n]))
        n++;
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] == '-' && s[i + k - 1] == '-') || (s[i + k] == '*' && s[i + k - 1] == '/')) {
            n = k - 1;
            break;
        }
    }
    if (n > 1 && (s[i + n - 1] == '+' || s[i + n - 1] == '-')) {
        bool sql_only = true;
        for (size_t k = 0; k < n; k++)
            if (has_class((unsigned char)s[i + k], CC_NOT_OP_SQL))
                sql_only = false;
        if (sql_only)
            while (n > 1 && (s[i + n - 1] == '+' || s[i + n - 1] == '-'))
                n--;
    }
    return n == 0 ? 1 : n;
}

/* Long on purpose: one switch over a token's first byte, so that the
 * whole lexical grammar reads top to bottom in one place; each case is
 * short. */
struct sqllex_step_ sqllex_step_(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    unsigned cls = char_class[c];
    /* The commonest tokens first, without looking further: a name that
     * cannot start a literal, blanks, one-byte punctuation. */
    if ((cls & (CC_ID_START | CC_PREFIX)) == CC_ID_START || (cls & (CC_SPACE | CC_PUNCT))) {
        size_t e = i + 1;
        enum sqllex_kind k;
        if (cls & CC_ID_START) {
            k = SQLLEX_IDENT;
            e = span_class(s, e, len, CC_ID_CONT);
        } else if (cls & CC_SPACE) {
            k = SQLLEX_WHITESPACE;
            e = span_class(s, e, len, CC_SPACE);
        } else {
            k = SQLLEX_PUNCT;
        }
        return (struct sqllex_step_){e, (unsigned)k};
    }
    unsigned char c1 = i + 1 < len ? (unsigned char)s[i + 1] : 0;
    unsigned char c2 = i + 2 < len ? (unsigned char)s[i + 2] : 0;
    bool has1 = i + 1 < len, has2 = i + 2 < len;
    enum sqllex_kind kind;
    unsigned flags = 0;
    size_t end;
    bool term = true;

    /* the commonest of the rest first: quoted names and strings */
    if (c == '\'') {
        kind = SQLLEX_STRING;
        end = scan_quoted(s, i, len, '\'', false, &term);
    } else if (c == '"') {
        kind = SQLLEX_QUOTED_IDENT;
        end = scan_quoted(s, i, len, '"', false, &term);
    } else if (c == '-' && has1 && c1 == '-') {
        kind = SQLLEX_COMMENT;
        end = find2(s, i + 2, len, '\n', '\r');
    } else if (c == '/' && has1 && c1 == '*') {
        kind = SQLLEX_COMMENT;
        size_t depth = 1;
        end = i + 2;
        while (end < len && depth > 0) {
            end = find2(s, end, len, '/', '*');
            if (end >= len)
                break;
            if (s[end] == '/' && end + 1 < len && s[end + 1] == '*') {
                depth++;
                end += 2;
            } else if (s[end] == '*' && end + 1 < len && s[end + 1] == '/') {
                depth--;
                end += 2;
            } else {
                end++;
            }
        }
        term = depth == 0;
    } else if ((c == 'u' || c == 'U') && has2 && c1 == '&' && (c2 == '\'' || c2 == '"')) {
        kind = c2 == '"' ? SQLLEX_QUOTED_IDENT : SQLLEX_STRING;
        flags = SQLLEX_F_UNICODE;
        end = scan_quoted(s, i + 2, len, (char)c2, false, &term);
        if (term) {
            size_t u = scan_uescape(s, end, len);
            if (u != end)
                flags |= SQLLEX_F_UESCAPE;
            end = u;
        }
    } else if ((c == 'e' || c == 'E') && has1 && c1 == '\'') {
        kind = SQLLEX_STRING;
        flags = SQLLEX_F_ESCAPE;
        end = scan_quoted(s, i + 1, len, '\'', true, &term);
    } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && has1 && c1 == '\'') {
        kind = SQLLEX_STRING;
        flags = SQLLEX_F_BITS;
        end = scan_quoted(s, i + 1, len, '\'', false, &term);
    } else if ((c == 'n' || c == 'N') && has1 && c1 == '\'') {
        kind = SQLLEX_STRING;
        flags = SQLLEX_F_NATIONAL;
        end = scan_quoted(s, i + 1, len, '\'', false, &term);
    } else if (is_ident_start(c)) {
        kind = SQLLEX_IDENT;
        end = span_class(s, i + 1, len, CC_ID_CONT);
    } else if (is_digit(c) || (c == '.' && has1 && is_digit(c1))) {
        kind = SQLLEX_NUMBER;
        end = i + lex_number(s, i, len);
    } else if (c == '$') {
        if (has1 && is_digit(c1)) {
            kind = SQLLEX_PARAM;
            end = i + 1;
            while (end < len && is_digit((unsigned char)s[end]))
                end++;
        } else {
            size_t d = dollar_delim(s, i, len);
            if (d == 0) {
                kind = SQLLEX_OTHER;
                end = i + 1;
            } else {
                kind = SQLLEX_DOLLAR_STRING;
                size_t j = i + d;
                term = false;
                end = len;
                while (j + d <= len) {
                    const char *p = memchr(s + j, '$', len - j);
                    if (p == NULL || (size_t)(p - s) + d > len)
                        break;
                    j = (size_t)(p - s);
                    if (memcmp(s + j, s + i, d) == 0) {
                        end = j + d;
                        term = true;
                        break;
                    }
                    j++;
                }
            }
        }
    } else if (c == '(' || c == ')' || c == ',' || c == ';' || c == '[' || c == ']' || c == '.') {
        kind = SQLLEX_PUNCT;
        end = i + 1;
    } else if (c == ':') {
        kind = SQLLEX_OPERATOR;
        end = i + ((has1 && (c1 == ':' || c1 == '=')) ? 2 : 1);
    } else if (is_op_char(c)) {
        kind = SQLLEX_OPERATOR;
        end = i + lex_operator(s, i, len);
    } else {
        kind = SQLLEX_OTHER;
        end = i + 1;
    }

    if (!term)
        flags |= SQLLEX_F_UNTERMINATED;
    return (struct sqllex_step_){end, (unsigned)kind | flags << 8};
}

bool sqllex_next_full(struct sqllex *lx, struct sqllex_token *tok)
{
    size_t i = lx->pos;
    if (i >= lx->len)
        return false;
    struct sqllex_step_ st = sqllex_step_(lx->sql, lx->len, i);
    tok->kind = (enum sqllex_kind)(st.kind_flags & 0xFFu);
    tok->flags = st.kind_flags >> 8;
    tok->offset = i;
    tok->length = st.end - i;
    lx->pos = st.end;
    return true;
}

bool sqllex_is_blank(const struct sqllex_token *t)
{
    return t->kind == SQLLEX_WHITESPACE || t->kind == SQLLEX_COMMENT;
}

/* Appends to a snprintf-style buffer: always counts, writes while room. */
struct valbuf {
    char *buf;  /* caller's buffer, may be NULL when cap is 0 */
    size_t cap; /* its size */
    size_t n;   /* bytes of value so far */
};

static void vb_put(struct valbuf *b, unsigned char c)
{
    if (b->cap > 0 && b->n < b->cap - 1)
        b->buf[b->n] = (char)c;
    b->n++;
}

static size_t vb_finish(struct valbuf *b)
{
    if (b->cap > 0)
        b->buf[b->n < b->cap - 1 ? b->n : b->cap - 1] = '\0';
    return b->n;
}

static bool vb_put_utf8(struct valbuf *b, unsigned long cp)
{
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
    if (cp < 0x80) {
        vb_put(b, (unsigned char)cp);
    } else if (cp < 0x800) {
        vb_put(b, (unsigned char)(0xC0 | (cp >> 6)));
        vb_put(b, (unsigned char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        vb_put(b, (unsigned char)(0xE0 | (cp >> 12)));
        vb_put(b, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        vb_put(b, (unsigned char)(0x80 | (cp & 0x3F)));
    } else {
        vb_put(b, (unsigned char)(0xF0 | (cp >> 18)));
        vb_put(b, (unsigned char)(0x80 | ((cp >> 12) & 0x3F)));
        vb_put(b, (unsigned char)(0x80 | ((cp >> 6) & 0x3F)));
        vb_put(b, (unsigned char)(0x80 | (cp & 0x3F)));
    }
    return true;
}

static int hexval(unsigned char c)
{
    if (is_digit(c))
        return c - '0';
    c = lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Reads n hex digits at s[*i]; false if any is missing. */
static bool read_hex(const char *s, size_t *i, size_t end, int n, unsigned long *out)
{
    unsigned long v = 0;
    for (int k = 0; k < n; k++) {
        if (*i >= end || hexval((unsigned char)s[*i]) < 0)
            return false;
        v = v * 16 + (unsigned long)hexval((unsigned char)s[*i]);
        (*i)++;
    }
    *out = v;
    return true;
}

/*
 * Decodes a U&'...' / U&"..." body s[i..end) (between the quotes) with escape
 * character esc into b; false on a malformed escape.
 */
static bool decode_unicode(const char *s, size_t i, size_t end, char quote, char esc,
                           struct valbuf *b)
{
    while (i < end) {
        char c = s[i];
        if (c == quote) {
            vb_put(b, (unsigned char)c);
            i += 2;
        } else if (c == esc) {
            if (i + 1 < end && s[i + 1] == esc) {
                vb_put(b, (unsigned char)esc);
                i += 2;
                continue;
            }
            unsigned long cp;
            i++;
            if (i < end && s[i] == '+') {
                i++;
                if (!read_hex(s, &i, end, 6, &cp))
                    return false;
            } else if (!read_hex(s, &i, end, 4, &cp)) {
                return false;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned long lo;
                if (i + 1 >= end || s[i] != esc)
                    return false;
                i++;
                if (s[i] == '+') {
                    i++;
                    if (!read_hex(s, &i, end, 6, &lo))
                        return false;
                } else if (!read_hex(s, &i, end, 4, &lo)) {
                    return false;
                }
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (!vb_put_utf8(b, cp))
                return false;
        } else {
            vb_put(b, (unsigned char)c);
            i++;
        }
    }
    return true;
}

/* For a U& token: the escape character of its UESCAPE clause, or '\\'. */
static char uescape_char(const char *s, const struct sqllex_token *t)
{
    if (!(t->flags & SQLLEX_F_UESCAPE))
        return '\\';
    /* The clause ends with 'c' or ''''; the character sits just inside. */
    return s[t->offset + t->length - 2];
}

/* Decodes the quoted body of a token whose opening quote is at q. */
static size_t quoted_value(const char *sql, const struct sqllex_token *t, size_t q, char quote,
                           bool escapes, char *buf, size_t cap)
{
    struct valbuf b = {buf, cap, 0};
    bool term;
    size_t end = t->offset + t->length;
    size_t close = scan_quoted(sql, q, end, quote, escapes, &term);
    if (!term)
        return (size_t)-1;
    size_t body = q + 1, body_end = close - 1;
    if (t->flags & SQLLEX_F_UNICODE) {
        char esc = uescape_char(sql, t);
        if (esc == quote || is_hex((unsigned char)esc) || esc == '+' ||
            is_space((unsigned char)esc))
            return (size_t)-1;
        if (!decode_unicode(sql, body, body_end, quote, esc, &b))
            return (size_t)-1;
        return vb_finish(&b);
    }
    size_t i = body;
    while (i < body_end) {
        unsigned char c = (unsigned char)sql[i];
        if (c == (unsigned char)quote) {
            vb_put(&b, c);
            i += 2;
        } else if (escapes && c == '\\' && i + 1 < body_end) {
            unsigned char e = (unsigned char)sql[i + 1];
            i += 2;
            unsigned long cp;
            switch (e) {
            case 'b':
                vb_put(&b, '\b');
                break;
            case 'f':
                vb_put(&b, '\f');
                break;
            case 'n':
                vb_put(&b, '\n');
                break;
            case 'r':
                vb_put(&b, '\r');
                break;
            case 't':
                vb_put(&b, '\t');
                break;
            case 'x':
                if (i < body_end && hexval((unsigned char)sql[i]) >= 0) {
                    unsigned v = (unsigned)hexval((unsigned char)sql[i++]);
                    if (i < body_end && hexval((unsigned char)sql[i]) >= 0)
                        v = v * 16 + (unsigned)hexval((unsigned char)sql[i++]);
                    vb_put(&b, (unsigned char)v);
                } else {
                    vb_put(&b, 'x');
                }
                break;
            case 'u':
            case 'U':
                if (!read_hex(sql, &i, body_end, e == 'u' ? 4 : 8, &cp) || !vb_put_utf8(&b, cp))
                    return (size_t)-1;
                break;
            default:
                if (e >= '0' && e <= '7') {
                    unsigned v = e - '0';
                    for (int k = 0; k < 2 && i < body_end && sql[i] >= '0' && sql[i] <= '7'; k++)
                        v = v * 8 + (unsigned)(sql[i++] - '0');
                    vb_put(&b, (unsigned char)v);
                } else {
                    vb_put(&b, e);
                }
            }
        } else {
            vb_put(&b, c);
            i++;
        }
    }
    return vb_finish(&b);
}

size_t sqllex_ident_value(const char *sql, const struct sqllex_token *t, char *buf, size_t cap)
{
    if (t->flags & SQLLEX_F_UNTERMINATED)
        return (size_t)-1;
    if (t->kind == SQLLEX_IDENT) {
        struct valbuf b = {buf, cap, 0};
        for (size_t i = 0; i < t->length; i++)
            vb_put(&b, lower((unsigned char)sql[t->offset + i]));
        return vb_finish(&b);
    }
    if (t->kind != SQLLEX_QUOTED_IDENT)
        return (size_t)-1;
    size_t q = t->offset + ((t->flags & SQLLEX_F_UNICODE) ? 2 : 0);
    return quoted_value(sql, t, q, '"', false, buf, cap);
}

size_t sqllex_string_value(const char *sql, const struct sqllex_token *t, char *buf, size_t cap)
{
    if (t->kind != SQLLEX_STRING || (t->flags & (SQLLEX_F_UNTERMINATED | SQLLEX_F_BITS)))
        return (size_t)-1;
    size_t q = t->offset;
    if (t->flags & SQLLEX_F_UNICODE)
        q += 2;
    else if (t->flags & (SQLLEX_F_ESCAPE | SQLLEX_F_NATIONAL))
        q += 1;
    return quoted_value(sql, t, q, '\'', (t->flags & SQLLEX_F_ESCAPE) != 0, buf, cap);
}

bool sqllex_keyword_eq(const char *sql, const struct sqllex_token *t, const char *kw)
{
    if (t->kind != SQLLEX_IDENT)
        return false;
    size_t n = strlen(kw);
    if (n != t->length)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)sql[t->offset + i]) != lower((unsigned char)kw[i]))
            return false;
    return true;
}

const char *sqllex_kind_name(enum sqllex_kind k)
{
    switch (k) {
    case SQLLEX_WHITESPACE:
        return "whitespace";
    case SQLLEX_COMMENT:
        return "comment";
    case SQLLEX_IDENT:
        return "ident";
    case SQLLEX_QUOTED_IDENT:
        return "quoted_ident";
    case SQLLEX_STRING:
        return "string";
    case SQLLEX_DOLLAR_STRING:
        return "dollar_string";
    case SQLLEX_NUMBER:
        return "number";
    case SQLLEX_PARAM:
        return "param";
    case SQLLEX_OPERATOR:
        return "operator";
    case SQLLEX_PUNCT:
        return "punct";
    case SQLLEX_OTHER:
        return "other";
    }
    return "?";
}
