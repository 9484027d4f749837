/*
 * subscribe_fetch.c: see subscribe_fetch.h.
 */
#include "protocol/subscribe/subscribe_fetch.h"

#include <string.h>

#include "protocol/sqllex.h"

/* The next non-blank token; false at end of input. */
static bool next_tok(struct sqllex *lx, struct sqllex_token *t)
{
    while (sqllex_next(lx, t))
        if (!sqllex_is_blank(t))
            return true;
    return false;
}

static bool is_punct(const char *sql, const struct sqllex_token *t, char c)
{
    return t->kind == SQLLEX_PUNCT && t->length == 1 && sql[t->offset] == c;
}

/* Only blanks and at most one `;` (then blanks) remain. */
static bool at_end(struct sqllex *lx, const char *sql, const struct sqllex_token *cur, bool have)
{
    struct sqllex_token t;
    if (have) {
        if (!is_punct(sql, cur, ';'))
            return false;
        return !next_tok(lx, &t);
    }
    return true;
}

/* A cursor name token into buf; false when it is not a name that fits. */
static bool name_of(const char *sql, const struct sqllex_token *t, char *buf)
{
    if (t->kind != SQLLEX_IDENT && t->kind != SQLLEX_QUOTED_IDENT)
        return false;
    size_t n = sqllex_ident_value(sql, t, buf, SUBFETCH_NAME_MAX);
    /* A NUL inside a quoted name cannot name a cursor we compare as a C string. */
    return n != (size_t)-1 && n > 0 && n < SUBFETCH_NAME_MAX && memchr(buf, '\0', n) == NULL;
}

/* A non-negative decimal integer token. */
static bool count_of(const char *sql, const struct sqllex_token *t, uint64_t *out)
{
    if (t->kind != SQLLEX_NUMBER || t->length > 18)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < t->length; i++) {
        char ch = sql[t->offset + i];
        if (ch < '0' || ch > '9')
            return false;
        v = v * 10 + (uint64_t)(ch - '0');
    }
    *out = v;
    return true;
}

static bool lower_eq(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    if (n != wl)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((char)(s[i] | 0x20) != w[i])
            return false;
    return true;
}

bool subfetch_interval_us(const char *s, size_t len, uint64_t *out)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    uint64_t whole = 0, frac = 0, scale = 1;
    bool digits = false;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (whole > 4000000000ULL)
            return false;
        whole = whole * 10 + (uint64_t)(s[i++] - '0');
        digits = true;
    }
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (scale < 1000000) {
                frac = frac * 10 + (uint64_t)(s[i] - '0');
                scale *= 10;
            }
            i++;
            digits = true;
        }
    }
    if (!digits)
        return false;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t u = i;
    while (i < len && s[i] != ' ' && s[i] != '\t')
        i++;
    size_t ulen = i - u;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i != len)
        return false;
    static const struct {
        const char *name;
        uint64_t us;
    } units[] = {
        {"ms", 1000ULL},          {"millisecond", 1000ULL}, {"milliseconds", 1000ULL},
        {"s", 1000000ULL},        {"sec", 1000000ULL},      {"secs", 1000000ULL},
        {"second", 1000000ULL},   {"seconds", 1000000ULL},  {"m", 60000000ULL},
        {"min", 60000000ULL},     {"mins", 60000000ULL},    {"minute", 60000000ULL},
        {"minutes", 60000000ULL}, {"h", 3600000000ULL},     {"hour", 3600000000ULL},
        {"hours", 3600000000ULL},
    };
    uint64_t mult = 1000000ULL; /* a bare number is seconds */
    if (ulen > 0) {
        bool found = false;
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            if (lower_eq(s + u, ulen, units[k].name)) {
                mult = units[k].us;
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    /* whole <= 4e9 and mult <= 3.6e9: the product fits; cap ~100 years. */
    uint64_t v = whole * mult + frac * mult / scale;
    if (v > 3200000000000000ULL)
        return false;
    *out = v;
    return true;
}

/* WITH ( name [=] value [, ...] ): only timeout is known. */
static enum subfetch_kind parse_with(struct sqllex *lx, const char *sql, struct subfetch *out,
                                     struct sqllex_token *t, bool *have)
{
    if (!next_tok(lx, t) || !is_punct(sql, t, '('))
        return SUBFETCH_UNSUPPORTED;
    for (;;) {
        if (!next_tok(lx, t))
            return SUBFETCH_UNSUPPORTED;
        if (is_punct(sql, t, ')'))
            break;
        if (t->kind != SQLLEX_IDENT || !sqllex_keyword_eq(sql, t, "timeout") || out->has_timeout)
            return SUBFETCH_UNSUPPORTED;
        if (!next_tok(lx, t))
            return SUBFETCH_UNSUPPORTED;
        if (t->kind == SQLLEX_OPERATOR && t->length == 1 && sql[t->offset] == '=' &&
            !next_tok(lx, t))
            return SUBFETCH_UNSUPPORTED;
        char val[64];
        size_t vlen;
        if (t->kind == SQLLEX_STRING) {
            vlen = sqllex_string_value(sql, t, val, sizeof val);
            if (vlen == (size_t)-1 || vlen >= sizeof val)
                return SUBFETCH_UNSUPPORTED;
        } else if (t->kind == SQLLEX_NUMBER && t->length < sizeof val) {
            vlen = t->length;
            memcpy(val, sql + t->offset, vlen);
        } else {
            return SUBFETCH_UNSUPPORTED;
        }
        if (!subfetch_interval_us(val, vlen, &out->timeout_us))
            return SUBFETCH_UNSUPPORTED;
        out->has_timeout = true;
        if (!next_tok(lx, t))
            return SUBFETCH_UNSUPPORTED;
        if (is_punct(sql, t, ')'))
            break;
        if (!is_punct(sql, t, ','))
            return SUBFETCH_UNSUPPORTED;
    }
    *have = next_tok(lx, t);
    return SUBFETCH_FETCH;
}

static enum subfetch_kind parse_fetch(struct sqllex *lx, const char *sql, struct subfetch *out)
{
    struct sqllex_token t;
    if (!next_tok(lx, &t))
        return SUBFETCH_UNSUPPORTED;
    static const char *const backward[] = {"backward", "prior",    "first",
                                           "last",     "absolute", "relative"};
    for (size_t i = 0; i < sizeof backward / sizeof backward[0]; i++)
        if (sqllex_keyword_eq(sql, &t, backward[i]))
            return SUBFETCH_UNSUPPORTED;
    out->count = 1;
    bool next_kw = sqllex_keyword_eq(sql, &t, "next");
    if (next_kw || sqllex_keyword_eq(sql, &t, "forward")) {
        if (!next_tok(lx, &t))
            return SUBFETCH_UNSUPPORTED;
    }
    if (!next_kw && sqllex_keyword_eq(sql, &t, "all")) {
        out->all = true;
        if (!next_tok(lx, &t))
            return SUBFETCH_UNSUPPORTED;
    } else if (!next_kw && t.kind == SQLLEX_NUMBER) {
        /* FETCH 0: Materialize answers at once with no rows (no wait). */
        if (!count_of(sql, &t, &out->count))
            return SUBFETCH_UNSUPPORTED;
        if (!next_tok(lx, &t))
            return SUBFETCH_UNSUPPORTED;
    }
    if (sqllex_keyword_eq(sql, &t, "from") || sqllex_keyword_eq(sql, &t, "in")) {
        if (!next_tok(lx, &t))
            return SUBFETCH_UNSUPPORTED;
    }
    if (!name_of(sql, &t, out->cursor))
        return SUBFETCH_UNSUPPORTED;
    bool have = next_tok(lx, &t);
    if (have && sqllex_keyword_eq(sql, &t, "with")) {
        enum subfetch_kind k = parse_with(lx, sql, out, &t, &have);
        if (k != SUBFETCH_FETCH)
            return k;
    }
    return at_end(lx, sql, &t, have) ? SUBFETCH_FETCH : SUBFETCH_UNSUPPORTED;
}

static enum subfetch_kind parse_close(struct sqllex *lx, const char *sql, struct subfetch *out)
{
    struct sqllex_token t;
    if (!next_tok(lx, &t))
        return SUBFETCH_OTHER;
    if (sqllex_keyword_eq(sql, &t, "all"))
        out->close_all = true;
    else if (!name_of(sql, &t, out->cursor))
        return SUBFETCH_OTHER;
    bool have = next_tok(lx, &t);
    return at_end(lx, sql, &t, have) ? SUBFETCH_CLOSE : SUBFETCH_OTHER;
}

enum subfetch_kind subfetch_parse(const char *sql, size_t len, struct subfetch *out)
{
    memset(out, 0, sizeof *out);
    struct sqllex lx;
    struct sqllex_token t;
    sqllex_init(&lx, sql, len);
    enum subfetch_kind k = SUBFETCH_OTHER;
    if (next_tok(&lx, &t)) {
        if (sqllex_keyword_eq(sql, &t, "fetch"))
            k = parse_fetch(&lx, sql, out);
        else if (sqllex_keyword_eq(sql, &t, "close"))
            k = parse_close(&lx, sql, out);
    }
    if (k != SUBFETCH_FETCH && k != SUBFETCH_CLOSE) {
        memset(out, 0, sizeof *out);
        out->kind = k;
        return k;
    }
    out->kind = k;
    return k;
}
