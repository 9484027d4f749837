/*
 * subscribe_stmt.c: SUBSCRIBE statement analysis over the lexer's tokens,
 * and the builder of upstream variants (splices of the client's own bytes).
 */
#include "protocol/subscribe/subscribe_stmt.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/sqllex.h"

/* A cursor over the non-blank tokens. */
struct sp {
    const char *sql;
    struct sqllex lx;
    struct sqllex_token tok; /* current token, valid if has */
    bool has;                /* not at end of input */
    bool bad;                /* an unterminated token was seen */
};

static void sp_advance(struct sp *p)
{
    for (;;) {
        if (!sqllex_next(&p->lx, &p->tok)) {
            p->has = false;
            return;
        }
        if (p->tok.flags & SQLLEX_F_UNTERMINATED)
            p->bad = true;
        if (!sqllex_is_blank(&p->tok)) {
            p->has = true;
            return;
        }
    }
}

static void sp_init(struct sp *p, const char *sql, size_t len)
{
    p->sql = sql;
    p->bad = false;
    sqllex_init(&p->lx, sql, len);
    sp_advance(p);
}

static bool sp_kw(const struct sp *p, const char *kw)
{
    return p->has && sqllex_keyword_eq(p->sql, &p->tok, kw);
}

static bool sp_punct(const struct sp *p, char c)
{
    return p->has && p->tok.kind == SQLLEX_PUNCT && p->tok.length == 1 &&
           p->sql[p->tok.offset] == c;
}

static bool sp_op(const struct sp *p, const char *op)
{
    size_t n = strlen(op);
    return p->has && p->tok.kind == SQLLEX_OPERATOR && p->tok.length == n &&
           memcmp(p->sql + p->tok.offset, op, n) == 0;
}

static bool sp_name(const struct sp *p)
{
    return p->has && (p->tok.kind == SQLLEX_IDENT || p->tok.kind == SQLLEX_QUOTED_IDENT);
}

static size_t sp_end(const struct sp *p)
{
    return p->tok.offset + p->tok.length;
}

/* Peeks the token after the current one (blank-skipping) without moving. */
static bool sp_peek_kw(const struct sp *p, const char *kw)
{
    struct sp q = *p;
    sp_advance(&q);
    return sp_kw(&q, kw);
}

/* At '(' : skips to the matching ')' (included); *end = its end. */
static bool sp_skip_parens(struct sp *p, size_t *end)
{
    int depth = 0;
    while (p->has) {
        if (sp_punct(p, '('))
            depth++;
        else if (sp_punct(p, ')'))
            depth--;
        *end = sp_end(p);
        sp_advance(p);
        if (depth == 0)
            return true;
    }
    return false;
}

/* Whether the current token ends the SUBSCRIBE statement. */
static bool sp_stop(const struct sp *p, bool in_copy)
{
    return !p->has || sp_punct(p, ';') || (in_copy && sp_punct(p, ')'));
}

/* Whether the current token starts a clause of SUBSCRIBE after its target. */
static bool sp_clause_start(const struct sp *p)
{
    return sp_kw(p, "envelope") || sp_kw(p, "within") || sp_kw(p, "with") ||
           (sp_kw(p, "as") && sp_peek_kw(p, "of")) || (sp_kw(p, "up") && sp_peek_kw(p, "to"));
}

/* Skips tokens (parentheses balanced) up to a clause start or the stop;
 * *end = end of the last token skipped (unchanged if none). */
static bool sp_skip_expr(struct sp *p, bool in_copy, size_t *end)
{
    bool any = false;
    while (!sp_stop(p, in_copy) && !sp_clause_start(p)) {
        if (sp_punct(p, '(')) {
            if (!sp_skip_parens(p, end))
                return false;
        } else if (sp_punct(p, ')')) {
            return false;
        } else {
            *end = sp_end(p);
            sp_advance(p);
        }
        any = true;
    }
    return any;
}

static bool sp_bool_value(const struct sp *p, enum substmt_opt *out)
{
    char buf[8];
    size_t n = (size_t)-1;
    if (p->tok.kind == SQLLEX_IDENT || p->tok.kind == SQLLEX_NUMBER) {
        if (p->tok.length < sizeof(buf)) {
            memcpy(buf, p->sql + p->tok.offset, p->tok.length);
            n = p->tok.length;
            buf[n] = 0;
            for (size_t i = 0; i < n; i++)
                if (buf[i] >= 'A' && buf[i] <= 'Z')
                    buf[i] = (char)(buf[i] - 'A' + 'a');
        }
    } else if (p->tok.kind == SQLLEX_STRING) {
        n = sqllex_string_value(p->sql, &p->tok, buf, sizeof(buf));
        if (n != (size_t)-1 && n >= sizeof(buf))
            n = (size_t)-1;
        if (n != (size_t)-1)
            for (size_t i = 0; i < n; i++)
                if (buf[i] >= 'A' && buf[i] <= 'Z')
                    buf[i] = (char)(buf[i] - 'A' + 'a');
    }
    if (n == (size_t)-1)
        return false;
    if (!strcmp(buf, "true") || !strcmp(buf, "on") || !strcmp(buf, "t") || !strcmp(buf, "1")) {
        *out = SUBSTMT_OPT_TRUE;
        return true;
    }
    if (!strcmp(buf, "false") || !strcmp(buf, "off") || !strcmp(buf, "f") || !strcmp(buf, "0")) {
        *out = SUBSTMT_OPT_FALSE;
        return true;
    }
    return false;
}

/* At '(' after WITH: the option list. */
static enum substmt_result sp_with(struct sp *p, struct substmt *st)
{
    st->with_inner.off = sp_end(p);
    sp_advance(p);
    while (p->has && !sp_punct(p, ')')) {
        if (!sp_name(p))
            return SUBSTMT_UNSUPPORTED;
        struct substmt_option opt = {.span = {p->tok.offset, 0}, .name = ""};
        size_t vn = sqllex_ident_value(p->sql, &p->tok, opt.name, sizeof(opt.name));
        if (vn == (size_t)-1 || vn >= sizeof(opt.name))
            opt.name[0] = 0;
        size_t end = sp_end(p);
        sp_advance(p);
        bool is_progress = !strcmp(opt.name, "progress");
        bool is_snapshot = !strcmp(opt.name, "snapshot");
        enum substmt_opt val = SUBSTMT_OPT_TRUE;
        if (sp_op(p, "=")) {
            end = sp_end(p);
            sp_advance(p);
        }
        /* The value: tokens up to ',' or ')' at depth 0. */
        size_t nval = 0;
        bool val_ok = false;
        while (p->has && !sp_punct(p, ',') && !sp_punct(p, ')')) {
            if (nval == 0)
                val_ok = sp_bool_value(p, &val);
            if (sp_punct(p, '(')) {
                if (!sp_skip_parens(p, &end))
                    return SUBSTMT_UNSUPPORTED;
            } else {
                end = sp_end(p);
                sp_advance(p);
            }
            nval++;
        }
        if (is_progress || is_snapshot) {
            if (nval > 1 || (nval == 1 && !val_ok))
                return SUBSTMT_UNSUPPORTED;
            enum substmt_opt *slot = is_progress ? &st->progress : &st->snapshot;
            if (*slot != SUBSTMT_OPT_UNSET)
                return SUBSTMT_UNSUPPORTED;
            *slot = val;
        }
        opt.span.len = end - opt.span.off;
        if (st->noptions >= SUBSTMT_MAX_OPTIONS)
            return SUBSTMT_UNSUPPORTED;
        st->options[st->noptions++] = opt;
        if (sp_punct(p, ','))
            sp_advance(p);
        else if (!sp_punct(p, ')'))
            return SUBSTMT_UNSUPPORTED;
    }
    if (!sp_punct(p, ')'))
        return SUBSTMT_UNSUPPORTED;
    st->with_inner.len = p->tok.offset - st->with_inner.off;
    st->with.len = sp_end(p) - st->with.off;
    sp_advance(p);
    return SUBSTMT_OK;
}

/* AS OF [AT LEAST] expr / UP TO expr, at AS / UP. */
static enum substmt_result sp_ts(struct sp *p, bool in_copy, struct substmt_ts *ts, bool as_of)
{
    if (ts->present)
        return SUBSTMT_UNSUPPORTED;
    ts->present = true;
    ts->span.off = p->tok.offset;
    sp_advance(p); /* AS / UP */
    sp_advance(p); /* OF / TO */
    if (as_of && sp_kw(p, "at") && sp_peek_kw(p, "least")) {
        ts->at_least = true;
        sp_advance(p);
        sp_advance(p);
    }
    if (!p->has)
        return SUBSTMT_UNSUPPORTED;
    ts->expr.off = p->tok.offset;
    bool single = p->tok.kind == SQLLEX_NUMBER;
    struct sqllex_token first = p->tok;
    size_t end = 0;
    if (!sp_skip_expr(p, in_copy, &end))
        return SUBSTMT_UNSUPPORTED;
    ts->expr.len = end - ts->expr.off;
    ts->span.len = end - ts->span.off;
    if (single && first.offset + first.length == end && first.length <= 20) {
        uint64_t v = 0;
        bool ok = true;
        for (size_t i = 0; i < first.length && ok; i++) {
            char c = p->sql[first.offset + i];
            if (c < '0' || c > '9' || v > (UINT64_MAX - (uint64_t)(c - '0')) / 10)
                ok = false;
            else
                v = v * 10 + (uint64_t)(c - '0');
        }
        if (ok) {
            ts->numeric = true;
            ts->value = v;
        }
    }
    return SUBSTMT_OK;
}

/* At SUBSCRIBE: the statement up to its stop. */
/* Long on purpose: a recursive-descent rule for SUBSCRIBE's clauses in
 * Materialize's grammar order; splitting it would scatter the order that
 * the rule checks. */
static enum substmt_result sp_subscribe(struct sp *p, bool in_copy, struct substmt *st)
{
    st->statement.off = p->tok.offset;
    size_t end = sp_end(p);
    sp_advance(p);
    /* Materialize's optional TO is always the keyword: a relation named
     * "to" is written quoted. Taking a bare TO with nothing after it for the
     * target made "SUBSCRIBE to" parse, and the statement built from it
     * ("SUBSCRIBE to WITH (...)") then read WITH as the target (found by
     * fuzz_subscribe_stmt). */
    if (sp_kw(p, "to"))
        sp_advance(p);
    /* The target. */
    st->target.off = p->has ? p->tok.offset : 0;
    if (sp_punct(p, '(')) {
        st->target_is_query = true;
        if (!sp_skip_parens(p, &end))
            return SUBSTMT_UNSUPPORTED;
    } else if (sp_name(p)) {
        end = sp_end(p);
        sp_advance(p);
        while (sp_punct(p, '.')) {
            sp_advance(p);
            if (!sp_name(p))
                return SUBSTMT_UNSUPPORTED;
            end = sp_end(p);
            sp_advance(p);
        }
    } else {
        return SUBSTMT_UNSUPPORTED;
    }
    st->target.len = end - st->target.off;
    /* The clauses, each once. */
    while (!sp_stop(p, in_copy)) {
        if (sp_kw(p, "envelope")) {
            if (st->envelope_span.len != 0)
                return SUBSTMT_UNSUPPORTED;
            st->envelope_span.off = p->tok.offset;
            sp_advance(p);
            if (sp_kw(p, "upsert"))
                st->envelope = SUBSTMT_ENVELOPE_UPSERT;
            else if (sp_kw(p, "debezium"))
                st->envelope = SUBSTMT_ENVELOPE_DEBEZIUM;
            else
                return SUBSTMT_UNSUPPORTED;
            end = sp_end(p);
            sp_advance(p);
            /* ( KEY ( a, b, ... ) ) */
            if (!sp_punct(p, '('))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            if (!sp_kw(p, "key"))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            if (!sp_punct(p, '('))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            uint16_t nkeys = 0;
            for (;;) {
                if (!sp_name(p) || nkeys == UINT16_MAX)
                    return SUBSTMT_UNSUPPORTED;
                nkeys++;
                sp_advance(p);
                if (sp_punct(p, ',')) {
                    sp_advance(p);
                    continue;
                }
                break;
            }
            if (!sp_punct(p, ')'))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            if (!sp_punct(p, ')'))
                return SUBSTMT_UNSUPPORTED;
            end = sp_end(p);
            sp_advance(p);
            st->key_columns = nkeys;
            st->envelope_span.len = end - st->envelope_span.off;
        } else if (sp_kw(p, "within")) {
            if (st->within.len != 0)
                return SUBSTMT_UNSUPPORTED;
            st->within.off = p->tok.offset;
            sp_advance(p);
            if (!sp_kw(p, "timestamp"))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            if (!sp_kw(p, "order"))
                return SUBSTMT_UNSUPPORTED;
            sp_advance(p);
            if (!sp_kw(p, "by"))
                return SUBSTMT_UNSUPPORTED;
            end = sp_end(p);
            sp_advance(p);
            if (!sp_skip_expr(p, in_copy, &end))
                return SUBSTMT_UNSUPPORTED;
            st->within.len = end - st->within.off;
        } else if (sp_kw(p, "with")) {
            if (st->with.len != 0)
                return SUBSTMT_UNSUPPORTED;
            st->with.off = p->tok.offset;
            sp_advance(p);
            if (!sp_punct(p, '('))
                return SUBSTMT_UNSUPPORTED;
            enum substmt_result r = sp_with(p, st);
            if (r != SUBSTMT_OK)
                return r;
            end = st->with.off + st->with.len;
        } else if (sp_kw(p, "as") && sp_peek_kw(p, "of")) {
            enum substmt_result r = sp_ts(p, in_copy, &st->as_of, true);
            if (r != SUBSTMT_OK)
                return r;
            end = st->as_of.span.off + st->as_of.span.len;
        } else if (sp_kw(p, "up") && sp_peek_kw(p, "to")) {
            enum substmt_result r = sp_ts(p, in_copy, &st->up_to, false);
            if (r != SUBSTMT_OK)
                return r;
            end = st->up_to.span.off + st->up_to.span.len;
        } else {
            return SUBSTMT_UNSUPPORTED;
        }
    }
    st->statement.len = end - st->statement.off;
    return SUBSTMT_OK;
}

enum substmt_result substmt_parse(const char *sql, size_t len, struct substmt *out)
{
    struct sp p;
    memset(out, 0, sizeof(*out));
    sp_init(&p, sql, len);
    /* A Query or Parse cannot carry a NUL in its text, and the variants are
     * C strings: such text is nothing the proxy would carry over. */
    bool has_nul = len > 0 && memchr(sql, 0, len) != NULL;
    enum substmt_result r;
    if (sp_kw(&p, "subscribe")) {
        out->form = SUBSTMT_FORM_PLAIN;
        r = sp_subscribe(&p, false, out);
    } else if (sp_kw(&p, "copy")) {
        sp_advance(&p);
        if (!sp_punct(&p, '('))
            return SUBSTMT_NOT_SUBSCRIBE;
        sp_advance(&p);
        if (!sp_kw(&p, "subscribe"))
            return SUBSTMT_NOT_SUBSCRIBE;
        out->form = SUBSTMT_FORM_COPY;
        r = sp_subscribe(&p, true, out);
        if (r != SUBSTMT_OK)
            return r;
        if (!sp_punct(&p, ')'))
            return SUBSTMT_UNSUPPORTED;
        sp_advance(&p);
        if (!sp_kw(&p, "to"))
            return SUBSTMT_UNSUPPORTED;
        sp_advance(&p);
        if (!sp_kw(&p, "stdout"))
            return SUBSTMT_UNSUPPORTED;
        sp_advance(&p);
        /* COPY's own options are not interpreted, but a binary format is
         * noticed: such rows cannot be re-encoded. */
        while (p.has && !sp_punct(&p, ';')) {
            if (sp_kw(&p, "binary"))
                out->binary = true;
            sp_advance(&p);
        }
    } else if (sp_kw(&p, "declare")) {
        sp_advance(&p);
        if (!sp_name(&p))
            return SUBSTMT_NOT_SUBSCRIBE;
        size_t n = sqllex_ident_value(sql, &p.tok, out->cursor, sizeof(out->cursor));
        if (n == (size_t)-1 || n >= sizeof(out->cursor))
            return SUBSTMT_UNSUPPORTED;
        sp_advance(&p);
        bool cursor = false;
        while (p.has && !sp_kw(&p, "for") && !sp_punct(&p, ';')) {
            if (sp_kw(&p, "cursor"))
                cursor = true;
            else if (sp_kw(&p, "binary"))
                out->binary = true;
            sp_advance(&p);
        }
        if (!cursor || !sp_kw(&p, "for"))
            return SUBSTMT_NOT_SUBSCRIBE;
        sp_advance(&p);
        if (!sp_kw(&p, "subscribe"))
            return SUBSTMT_NOT_SUBSCRIBE;
        out->form = SUBSTMT_FORM_CURSOR;
        r = sp_subscribe(&p, false, out);
    } else {
        return SUBSTMT_NOT_SUBSCRIBE;
    }
    if (r != SUBSTMT_OK)
        return r;
    if (sp_punct(&p, ';'))
        sp_advance(&p);
    if (p.has)
        return SUBSTMT_NOT_SUBSCRIBE; /* more than one statement */
    if (p.bad || has_nul)
        return SUBSTMT_UNSUPPORTED;
    return SUBSTMT_OK;
}

bool substmt_progress_on(const struct substmt *st)
{
    return st->progress == SUBSTMT_OPT_TRUE;
}

bool substmt_snapshot_on(const struct substmt *st)
{
    return st->snapshot != SUBSTMT_OPT_FALSE;
}

/* ---- building ---- */

struct edit {
    size_t off;     /* where, in the analysed text */
    size_t del;     /* bytes of the client's text replaced */
    int order;      /* among edits at the same offset */
    char text[128]; /* what goes there */
};

static int edit_cmp(const void *a, const void *b)
{
    const struct edit *x = a, *y = b;
    if (x->off != y->off)
        return x->off < y->off ? -1 : 1;
    return x->order - y->order;
}

static const char *opt_text(enum substmt_opt o)
{
    return o == SUBSTMT_OPT_TRUE ? "true" : "false";
}

/* The recorded WITH item named `name`, or NULL. */
static const struct substmt_option *find_option(const struct substmt *st, const char *name)
{
    for (uint16_t i = 0; i < st->noptions; i++)
        if (!strcmp(st->options[i].name, name))
            return &st->options[i];
    return NULL;
}

/* The most edits substmt_build() makes, by construction: PROGRESS and
 * SNAPSHOT rewritten in place, one WITH list added or appended to, AS OF and
 * UP TO. A new kind of edit must raise it. */
#define SUBSTMT_MAX_EDITS 5

/* Long on purpose: the edits (WITH items, AS OF, UP TO) are collected,
 * sorted and applied in one pass so that their offsets stay consistent. */
char *substmt_build(const char *sql, const struct substmt *st, const struct substmt_variant *v,
                    size_t *out_len)
{
    struct edit e[SUBSTMT_MAX_EDITS];
    size_t ne = 0;
    size_t stmt_end = st->statement.off + st->statement.len;

    /* WITH options. */
    char added[96] = "";
    const char *names[2] = {"progress", "snapshot"};
    const char *upper[2] = {"PROGRESS", "SNAPSHOT"};
    enum substmt_opt want[2] = {v->progress, v->snapshot};
    for (int i = 0; i < 2; i++) {
        if (want[i] == SUBSTMT_OPT_UNSET)
            continue;
        const struct substmt_option *o = st->with.len ? find_option(st, names[i]) : NULL;
        if (o != NULL) {
            struct edit *x = &e[ne++];
            x->off = o->span.off;
            x->del = o->span.len;
            x->order = 1;
            snprintf(x->text, sizeof(x->text), "%s = %s", upper[i], opt_text(want[i]));
        } else {
            size_t n = strlen(added);
            snprintf(added + n, sizeof(added) - n, "%s%s = %s", n ? ", " : "", upper[i],
                     opt_text(want[i]));
        }
    }
    if (added[0] != 0) {
        struct edit *x = &e[ne++];
        x->del = 0;
        x->order = 0;
        if (st->with.len != 0) {
            /* Append to the list, right before its ')'. */
            x->off = st->with_inner.off + st->with_inner.len;
            snprintf(x->text, sizeof(x->text), "%s%s", st->noptions ? ", " : "", added);
        } else if (st->as_of.present || st->up_to.present) {
            /* Before the first of AS OF / UP TO (Materialize's order). */
            x->off = st->as_of.present ? st->as_of.span.off : st->up_to.span.off;
            if (st->up_to.present && st->up_to.span.off < x->off)
                x->off = st->up_to.span.off;
            snprintf(x->text, sizeof(x->text), "WITH (%s) ", added);
        } else {
            x->off = stmt_end;
            snprintf(x->text, sizeof(x->text), " WITH (%s)", added);
        }
    }
    /* AS OF. */
    if (v->set_as_of || (v->drop_as_of && st->as_of.present)) {
        struct edit *x = &e[ne++];
        x->order = 1;
        x->text[0] = 0;
        if (st->as_of.present) {
            x->off = st->as_of.span.off;
            x->del = st->as_of.span.len;
            if (v->set_as_of)
                snprintf(x->text, sizeof(x->text), "AS OF %llu", (unsigned long long)v->as_of);
        } else if (st->up_to.present) {
            x->off = st->up_to.span.off;
            x->del = 0;
            snprintf(x->text, sizeof(x->text), "AS OF %llu ", (unsigned long long)v->as_of);
        } else {
            x->off = stmt_end;
            x->del = 0;
            snprintf(x->text, sizeof(x->text), " AS OF %llu", (unsigned long long)v->as_of);
        }
    }
    /* UP TO. */
    if (v->set_up_to || (v->drop_up_to && st->up_to.present)) {
        struct edit *x = &e[ne++];
        x->order = 2;
        x->text[0] = 0;
        if (st->up_to.present) {
            x->off = st->up_to.span.off;
            x->del = st->up_to.span.len;
            if (v->set_up_to)
                snprintf(x->text, sizeof(x->text), "UP TO %llu", (unsigned long long)v->up_to);
        } else {
            x->off = stmt_end;
            x->del = 0;
            snprintf(x->text, sizeof(x->text), " UP TO %llu", (unsigned long long)v->up_to);
        }
    }
    assert(ne <= SUBSTMT_MAX_EDITS);
    qsort(e, ne, sizeof(e[0]), edit_cmp);

    size_t cap = st->statement.len + 1;
    for (size_t i = 0; i < ne; i++)
        cap += strlen(e[i].text);
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    size_t at = st->statement.off;
    for (size_t i = 0; i < ne; i++) {
        if (e[i].off > at) {
            memcpy(out + n, sql + at, e[i].off - at);
            n += e[i].off - at;
            at = e[i].off;
        }
        size_t t = strlen(e[i].text);
        memcpy(out + n, e[i].text, t);
        n += t;
        at += e[i].del;
    }
    if (stmt_end > at) {
        memcpy(out + n, sql + at, stmt_end - at);
        n += stmt_end - at;
    }
    /* A dropped last clause leaves the blanks before it. */
    while (n > 0 &&
           (out[n - 1] == ' ' || out[n - 1] == '\t' || out[n - 1] == '\n' || out[n - 1] == '\r'))
        n--;
    out[n] = 0;
    if (out_len != NULL)
        *out_len = n;
    return out;
}

const char *substmt_form_name(enum substmt_form f)
{
    switch (f) {
    case SUBSTMT_FORM_PLAIN:
        return "subscribe";
    case SUBSTMT_FORM_COPY:
        return "copy";
    case SUBSTMT_FORM_CURSOR:
        return "cursor";
    }
    return "?";
}

const char *substmt_envelope_name(enum substmt_envelope e)
{
    switch (e) {
    case SUBSTMT_ENVELOPE_DEFAULT:
        return "default";
    case SUBSTMT_ENVELOPE_UPSERT:
        return "upsert";
    case SUBSTMT_ENVELOPE_DEBEZIUM:
        return "debezium";
    }
    return "?";
}
