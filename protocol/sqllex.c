/*
 * sqllex.c: the SQL lexer (see sqllex.h), after PostgreSQL's scan.l.
 *
 * Every branch consumes at least one byte and never reads past len, so the
 * lexer terminates on any input and its tokens tile the input.
 */
#include "protocol/sqllex.h"

#include <string.h>

#if defined(__SSE2__)
#include <immintrin.h>
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

/* The inline path's tables (sqllex.h): the kind of a token it lexes by its
 * first byte, and sqllex_next_more()'s integers. */
/* clang-format off */
const unsigned char sqllex_fast_kind_[256] = {
    ['a' ... 'z'] = SQLLEX_IDENT,      ['A' ... 'Z'] = SQLLEX_IDENT,
    ['_'] = SQLLEX_IDENT,              [0x80 ... 0xFF] = SQLLEX_IDENT,
    [' '] = SQLLEX_WHITESPACE,         ['\t'] = SQLLEX_WHITESPACE,
    ['\n'] = SQLLEX_WHITESPACE,        ['\r'] = SQLLEX_WHITESPACE,
    ['\f'] = SQLLEX_WHITESPACE,        ['\v'] = SQLLEX_WHITESPACE,
    ['('] = SQLLEX_PUNCT,              [')'] = SQLLEX_PUNCT,
    [','] = SQLLEX_PUNCT,              [';'] = SQLLEX_PUNCT,
    ['['] = SQLLEX_PUNCT,              [']'] = SQLLEX_PUNCT,
    ['.'] = SQLLEX_PUNCT,              ['+'] = SQLLEX_OPERATOR,
    ['-'] = SQLLEX_OPERATOR,           ['*'] = SQLLEX_OPERATOR,
    ['/'] = SQLLEX_OPERATOR,           ['<'] = SQLLEX_OPERATOR,
    ['>'] = SQLLEX_OPERATOR,           ['='] = SQLLEX_OPERATOR,
    ['~'] = SQLLEX_OPERATOR,           ['!'] = SQLLEX_OPERATOR,
    ['@'] = SQLLEX_OPERATOR,           ['#'] = SQLLEX_OPERATOR,
    ['^'] = SQLLEX_OPERATOR,           ['&'] = SQLLEX_OPERATOR,
    ['|'] = SQLLEX_OPERATOR,           ['`'] = SQLLEX_OPERATOR,
    ['?'] = SQLLEX_OPERATOR,           ['%'] = SQLLEX_OPERATOR,
};
/* clang-format on */

/* No range overlaps another (-Woverride-init). */
const unsigned char sqllex_cont_[256] = {
    ['0' ... '9'] = SQLLEX_CONT_DIGIT, ['.'] = SQLLEX_CONT_NUMX, ['e'] = SQLLEX_CONT_NUMX,
    ['E'] = SQLLEX_CONT_NUMX,          ['_'] = SQLLEX_CONT_NUMX, ['x'] = SQLLEX_CONT_NUMX,
    ['X'] = SQLLEX_CONT_NUMX,          ['o'] = SQLLEX_CONT_NUMX, ['O'] = SQLLEX_CONT_NUMX,
    ['b'] = SQLLEX_CONT_NUMX,          ['B'] = SQLLEX_CONT_NUMX,
};

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

/*
 * What sqllex_window_() needs of a byte, and of the byte after it, as one
 * class byte. A byte may start an inline token (sqllex.h) if it has
 * W_START, unless the next byte has a class that its "needs" excludes:
 * needs(c) = ((c & (W_PREFIX | W_DOT)) << 1) | (c & W_OP), the bits of
 * W_QUOTE, W_DIGIT and W_OP lining up with those. Two bytes in a row are in
 * one name or blank run if both have W_IDENT or both W_SPACE.
 */
enum window_class {
    W_IDENT = 1u << 0,  /* ident_cont */
    W_SPACE = 1u << 1,  /* whitespace */
    W_PREFIX = 1u << 2, /* b e n u x: may start B'', E'', N'', U&'', X'' instead of a name */
    W_QUOTE = 1u << 3,  /* ' and &, which make a literal of a W_PREFIX before them */
    W_DOT = 1u << 4,    /* '.': starts a number if a digit follows */
    W_DIGIT = 1u << 5,  /* 0-9 */
    W_OP = 1u << 6,     /* an operator byte: one with another after it is a longer operator
                         * or a comment */
    W_START = 1u << 7,  /* starts a name, a blank run, ( ) , ; [ ] . or a lone operator */
};

_Static_assert(W_PREFIX << 1 == W_QUOTE && W_DOT << 1 == W_DIGIT, "needs() lines up");

#define W_NAME  (W_START | W_IDENT)
#define W_PRE   (W_START | W_IDENT | W_PREFIX)
#define W_BLANK (W_START | W_SPACE)
#define W_OPER  (W_START | W_OP)
/* clang-format off */
static const unsigned char window_class[256] __attribute__((aligned(64))) = {
    ['a'] = W_NAME,         ['b'] = W_PRE,
    ['c' ... 'd'] = W_NAME, ['e'] = W_PRE,
    ['f' ... 'm'] = W_NAME, ['n'] = W_PRE,
    ['o' ... 't'] = W_NAME, ['u'] = W_PRE,
    ['v' ... 'w'] = W_NAME, ['x'] = W_PRE,
    ['y' ... 'z'] = W_NAME, ['A'] = W_NAME,
    ['B'] = W_PRE,          ['C' ... 'D'] = W_NAME,
    ['E'] = W_PRE,          ['F' ... 'M'] = W_NAME,
    ['N'] = W_PRE,          ['O' ... 'T'] = W_NAME,
    ['U'] = W_PRE,          ['V' ... 'W'] = W_NAME,
    ['X'] = W_PRE,          ['Y' ... 'Z'] = W_NAME,
    ['_'] = W_NAME,         [0x80 ... 0xFF] = W_NAME,
    ['$'] = W_IDENT,        ['0' ... '9'] = W_IDENT | W_DIGIT,
    [' '] = W_BLANK,        ['\t'] = W_BLANK,
    ['\n'] = W_BLANK,       ['\r'] = W_BLANK,
    ['\f'] = W_BLANK,       ['\v'] = W_BLANK,
    ['('] = W_START,        [')'] = W_START,
    [','] = W_START,        [';'] = W_START,
    ['['] = W_START,        [']'] = W_START,
    ['.'] = W_START | W_DOT,
    ['\''] = W_QUOTE,       ['&'] = W_OPER | W_QUOTE,
    ['+'] = W_OPER,         ['-'] = W_OPER,
    ['*'] = W_OPER,         ['/'] = W_OPER,
    ['<'] = W_OPER,         ['>'] = W_OPER,
    ['='] = W_OPER,         ['~'] = W_OPER,
    ['!'] = W_OPER,         ['@'] = W_OPER,
    ['#'] = W_OPER,         ['^'] = W_OPER,
    ['|'] = W_OPER,         ['`'] = W_OPER,
    ['?'] = W_OPER,         ['%'] = W_OPER,
};
/* clang-format on */
#undef W_NAME
#undef W_PRE
#undef W_BLANK
#undef W_OPER

/*
 * The 64 bytes a window at w classifies: sql + w if 64 are left; else the
 * last 64 of the input, *back bytes before w, whose masks are shifted down
 * by that much (no token starts or continues past len); an input shorter
 * than that is copied into tail and padded with NULs, which are in no
 * class. Never a load past the input. *after: the class of the byte after
 * the 64 (0 if none).
 */
static inline const unsigned char *window_bytes(const char *sql, size_t len, size_t w,
                                                unsigned char tail[64], unsigned *back,
                                                unsigned *after)
{
    const unsigned char *p = (const unsigned char *)sql + w;
    size_t avail = len - w;
    *back = 0;
    *after = 0;
    if (avail > 64) {
        *after = window_class[p[64]];
    } else if (avail < 64) {
        if (len >= 64) {
            *back = (unsigned)(64 - avail);
            p -= *back;
        } else {
            memset(tail, 0, 64);
            memcpy(tail, p, avail);
            p = tail;
        }
    }
    return p;
}

/* A classifier: sqllex_window_() for one instruction set. */
typedef struct sqllex_window_ (*window_fn)(const char *sql, size_t len, size_t w);

/* One window's masks, from the classifiers that make one at a time. */
struct window64 {
    uint64_t stops; /* struct sqllex_window_'s */
    uint64_t fast;
};

/* Bit k of the result: whether byte k of x is not 0 (bits 8-63 clear). */
static inline uint64_t nonzero_bytes(uint64_t x)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t high = (((x & low7) + low7) | x) & ~low7; /* each byte's top bit: nonzero */
    /* gather the eight top bits into the top byte (no two partial
     * products meet, so there are no carries), then down */
    return ((high >> 7) * 0x0102040810204080ull) >> 56;
}

/*
 * The portable classifier: one class lookup per byte, then eight bytes'
 * classes at a time in a 64-bit word (SWAR), the per-byte results gathered
 * into bits by a multiply.
 */
static struct window64 window64_c(const char *sql, size_t len, size_t w)
{
    unsigned char tail[64];
    unsigned back, after;
    const unsigned char *p = window_bytes(sql, len, w, tail, &back, &after);
    uint64_t cls[9]; /* byte j of cls[g]: the class of byte 8g + j; cls[8]: the byte after */
    for (unsigned g = 0; g < 8; g++) {
        uint64_t c = 0;
#pragma GCC unroll 8
        for (unsigned j = 0; j < 8; j++)
            c |= (uint64_t)window_class[p[8 * g + j]] << (8 * j);
        cls[g] = c;
    }
    cls[8] = after;
    const uint64_t ident_space = 0x0101010101010101ull * (W_IDENT | W_SPACE);
    const uint64_t prefix_dot = 0x0101010101010101ull * (W_PREFIX | W_DOT);
    const uint64_t op = 0x0101010101010101ull * W_OP;
    struct window64 r = {0, 0};
    for (unsigned g = 0; g < 8; g++) {
        uint64_t c = cls[g];
        uint64_t cn = (c >> 8) | (cls[g + 1] << 56);         /* the classes one byte on */
        uint64_t needs = ((c & prefix_dot) << 1) | (c & op); /* within each byte */
        uint64_t keep = nonzero_bytes(c & cn & ident_space);
        uint64_t blocked = nonzero_bytes(needs & cn);
        uint64_t start = ((c >> 7) & 0x0101010101010101ull) * 0x0102040810204080ull >> 56;
        r.stops |= (~keep & 0xFF) << (8 * g);
        r.fast |= (start & ~blocked) << (8 * g);
    }
    return (struct window64){r.stops >> back, r.fast >> back};
}

/* Two windows of one-at-a-time classifier f at w. */
static inline __attribute__((always_inline)) struct sqllex_window_
window_pair(struct window64 (*f)(const char *, size_t, size_t), const char *sql, size_t len,
            size_t w)
{
    struct window64 a = f(sql, len, w), b = {0, 0};
    if (len - w > 64)
        b = f(sql, len, w + 64);
    return (struct sqllex_window_){a.stops, a.fast, b.stops, b.fast};
}

static struct sqllex_window_ window_c(const char *sql, size_t len, size_t w)
{
    return window_pair(window64_c, sql, len, w);
}

#if defined(__x86_64__) && defined(__GNUC__)
/*
 * AVX2: 32 bytes a step. vpshufb looks up 16 entries by the low nibble, so
 * each of the eight rows of window_class below 0x80 is looked up and kept
 * where the high nibble selects it (bytes from 0x80 up, by their sign bit).
 */
__attribute__((target("avx2"))) static __m256i classes32_avx2(__m256i v)
{
    const __m256i low_nibble = _mm256_set1_epi8(0x0F);
    __m256i lo = _mm256_and_si256(v, low_nibble);
    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low_nibble);
    __m256i cls = _mm256_setzero_si256();
#pragma GCC unroll 8
    for (unsigned row = 0; row < 8; row++) {
        __m256i tab = _mm256_broadcastsi128_si256(
            _mm_load_si128((const __m128i *)(const void *)(window_class + 16 * row)));
        __m256i hit = _mm256_cmpeq_epi8(hi, _mm256_set1_epi8((char)row));
        cls = _mm256_or_si256(cls, _mm256_and_si256(hit, _mm256_shuffle_epi8(tab, lo)));
    }
    return _mm256_blendv_epi8(cls, _mm256_set1_epi8((char)window_class[0x80]), v);
}

__attribute__((target("avx2"))) static struct window64 window64_avx2(const char *sql, size_t len,
                                                                     size_t w)
{
    unsigned char tail[64];
    unsigned back, after;
    const unsigned char *p = window_bytes(sql, len, w, tail, &back, &after);
    __m256i c[2];
    for (unsigned k = 0; k < 2; k++)
        c[k] = classes32_avx2(_mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * k)));
    __m256i tail_cls = _mm256_set1_epi8((char)after);
    struct window64 r = {0, 0};
    for (unsigned k = 0; k < 2; k++) {
        /* the classes one byte on: bytes 1-31 of c[k], then byte 0 of what follows */
        __m256i following = k == 0 ? c[1] : tail_cls;
        __m256i cn = _mm256_alignr_epi8(_mm256_permute2x128_si256(c[k], following, 0x21), c[k], 1);
        __m256i pd = _mm256_and_si256(c[k], _mm256_set1_epi8((char)(W_PREFIX | W_DOT)));
        __m256i needs = _mm256_or_si256(_mm256_add_epi8(pd, pd),
                                        _mm256_and_si256(c[k], _mm256_set1_epi8((char)W_OP)));
        __m256i zero = _mm256_setzero_si256();
        __m256i together = _mm256_and_si256(_mm256_and_si256(c[k], cn),
                                            _mm256_set1_epi8((char)(W_IDENT | W_SPACE)));
        __m256i apart = _mm256_cmpeq_epi8(together, zero);
        __m256i free_next = _mm256_cmpeq_epi8(_mm256_and_si256(needs, cn), zero);
        /* W_START is the sign bit */
        uint64_t stops = (uint32_t)_mm256_movemask_epi8(apart);
        uint64_t fast = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(free_next, c[k]));
        r.stops |= stops << (32 * k);
        r.fast |= fast << (32 * k);
    }
    return (struct window64){r.stops >> back, r.fast >> back};
}

__attribute__((target("avx2"))) static struct sqllex_window_ window_avx2(const char *sql,
                                                                         size_t len, size_t w)
{
    return window_pair(window64_avx2, sql, len, w);
}

/*
 * AVX-512 VBMI: 64 bytes a step. vpermt2b looks up all 128 entries of
 * window_class below 0x80 by a byte's low seven bits (bytes from 0x80 up are
 * given their class by their sign bit).
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static inline __m512i
classes64_vbmi(__m512i v)
{
    __m512i t0 = _mm512_load_si512((const void *)window_class);
    __m512i t1 = _mm512_load_si512((const void *)(window_class + 64));
    __m512i c = _mm512_permutex2var_epi8(t0, v, t1);
    return _mm512_mask_mov_epi8(c, _mm512_movepi8_mask(v),
                                _mm512_set1_epi8((char)window_class[0x80]));
}

/* One window from the classes c of its bytes and cn of the bytes after them. */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static inline struct window64
window_of_vbmi(__m512i c, __m512i cn)
{
    __m512i pd = _mm512_and_si512(c, _mm512_set1_epi8((char)(W_PREFIX | W_DOT)));
    __m512i needs =
        _mm512_or_si512(_mm512_add_epi8(pd, pd), _mm512_and_si512(c, _mm512_set1_epi8((char)W_OP)));
    __mmask64 keep =
        _mm512_test_epi8_mask(_mm512_and_si512(c, cn), _mm512_set1_epi8((char)(W_IDENT | W_SPACE)));
    __mmask64 blocked = _mm512_test_epi8_mask(needs, cn);
    __mmask64 start = _mm512_movepi8_mask(c); /* W_START is the sign bit */
    return (struct window64){~(uint64_t)keep, (uint64_t)start & ~(uint64_t)blocked};
}

/*
 * Both windows side by side. Bytes past the input are read by masked loads,
 * which do not read masked-off bytes, as NULs, which are in no class. The
 * classes of the bytes after each window's are its own shifted down one
 * byte across the register, the next window's first coming in at the top.
 */
__attribute__((target("avx512f,avx512bw,avx512vbmi"))) static struct sqllex_window_
window_vbmi(const char *sql, size_t len, size_t w)
{
    static const unsigned char next_index[64] __attribute__((aligned(64))) = {
        1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
        23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
        45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64};
    const unsigned char *p = (const unsigned char *)sql + w;
    size_t avail = len - w;
    __m512i v1, v2 = _mm512_setzero_si512();
    unsigned after = 0;
    if (avail >= 128) {
        v1 = _mm512_loadu_si512((const void *)p);
        v2 = _mm512_loadu_si512((const void *)(p + 64));
        if (avail > 128)
            after = window_class[p[128]];
    } else if (avail > 64) {
        v1 = _mm512_loadu_si512((const void *)p);
        v2 = _mm512_maskz_loadu_epi8(~(uint64_t)0 >> (128 - avail), (const void *)(p + 64));
    } else {
        v1 = _mm512_maskz_loadu_epi8(~(uint64_t)0 >> (64 - avail), (const void *)p);
    }
    __m512i next = _mm512_load_si512((const void *)next_index);
    __m512i c1 = classes64_vbmi(v1), c2 = classes64_vbmi(v2);
    struct window64 a = window_of_vbmi(c1, _mm512_permutex2var_epi8(c1, next, c2));
    struct window64 b =
        window_of_vbmi(c2, _mm512_permutex2var_epi8(c2, next, _mm512_set1_epi8((char)after)));
    if (avail <= 64)
        b = (struct window64){0, 0};
    return (struct sqllex_window_){a.stops, a.fast, b.stops, b.fast};
}

static const window_fn window_fns[] = {window_c, window_avx2, window_vbmi};
static unsigned simd_level; /* the widest classifier the CPU has: index into window_fns */
static unsigned simd_used;  /* the one in use: simd_level, or less (sqllex_simd_limit_()) */
static window_fn window_impl = window_c; /* window_fns[simd_used] */

__attribute__((constructor)) static void sqllex_cpu_init(void)
{
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw"))
        simd_level = 2;
    else if (__builtin_cpu_supports("avx2"))
        simd_level = 1;
    simd_used = simd_level;
    window_impl = window_fns[simd_used];
}

unsigned sqllex_simd_limit_(unsigned level)
{
    static unsigned limit = 2;
    unsigned old = limit;
    limit = level;
    simd_used = level < simd_level ? level : simd_level;
    window_impl = window_fns[simd_used];
    return old;
}
#else
static const unsigned simd_used = 0; /* no SIMD classifier here */
static window_fn window_impl = window_c;

unsigned sqllex_simd_limit_(unsigned level)
{
    static unsigned limit = 2;
    unsigned old = limit;
    limit = level;
    return old;
}
#endif

unsigned sqllex_simd_level_(void)
{
    return simd_used;
}

struct sqllex_window_ sqllex_window_(const char *sql, size_t len, size_t w)
{
    return window_impl(sql, len, w);
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
    /* sqllex_next() may follow: its stops must start at the new pos */
    size_t off = st.end - lx->win;
    lx->stops = off < 64 ? lx->stops & (~(uint64_t)0 << off) : 0;
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
