/*
 * fuzz_sqllex.c: libFuzzer target for the SQL lexer and name rewriter.
 *
 * Checks: the tokens tile the input (lex -> print == input); an identity map
 * never changes anything; a real map's output has exactly as many
 * significant tokens as the input; statement iteration covers every byte;
 * sqllex_next's and sqllex_next_more's inline paths give the same tokens as sqllex_next_full;
 * rewrite_sql's shortcuts (the prefilter, the rule passes' candidate lists)
 * give the same result as rewrite_sql_unfiltered.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/rewrite.h"
#include "protocol/sqlclassify.h"
#include "protocol/sqllex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t significant(const char *s, size_t len)
{
    struct sqllex lx;
    struct sqllex_token t;
    size_t n = 0, pos = 0;
    sqllex_init(&lx, s, len);
    while (sqllex_next(&lx, &t)) {
        if (t.offset != pos || t.length == 0)
            abort();
        pos += t.length;
        n += !sqllex_is_blank(&t);
        char buf[80];
        if (t.kind == SQLLEX_IDENT || t.kind == SQLLEX_QUOTED_IDENT)
            (void)sqllex_ident_value(s, &t, buf, sizeof buf);
        if (t.kind == SQLLEX_STRING)
            (void)sqllex_string_value(s, &t, buf, sizeof buf);
    }
    if (pos != len)
        abort();
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *sql = (const char *)data;

    /* lex -> print == input, rebuilt into a copy */
    char *copy = malloc(size + 1);
    if (copy == NULL)
        return 0;
    struct sqllex lx;
    struct sqllex_token t;
    size_t w = 0;
    sqllex_init(&lx, sql, size);
    while (sqllex_next(&lx, &t)) {
        memcpy(copy + w, sql + t.offset, t.length);
        w += t.length;
    }
    if (w != size || memcmp(copy, sql, size) != 0)
        abort();
    free(copy);

    {
        /* the inline fast paths (both widths) lex exactly as the full lexer does */
        struct sqllex fast, wide, full;
        struct sqllex_token ta, tw, tb;
        sqllex_init(&fast, sql, size);
        sqllex_init(&wide, sql, size);
        sqllex_init(&full, sql, size);
        for (;;) {
            bool more = sqllex_next(&fast, &ta);
            if (more != sqllex_next_full(&full, &tb) || more != sqllex_next_more(&wide, &tw))
                abort();
            if (!more)
                break;
            if (ta.kind != tb.kind || ta.flags != tb.flags || ta.offset != tb.offset ||
                ta.length != tb.length)
                abort();
            if (tw.kind != tb.kind || tw.flags != tb.flags || tw.offset != tb.offset ||
                tw.length != tb.length)
                abort();
        }
    }
    size_t ntok = significant(sql, size);

    static const struct rewrite_pair id_s[] = {{"analytics", "analytics"}};
    static const struct rewrite_map identity = {id_s, 1, NULL, 0};
    char *out = NULL;
    size_t olen = 0;
    if (rewrite_sql(&identity, sql, size, &out, &olen) != REWRITE_UNCHANGED)
        abort();

    static const struct rewrite_pair s[] = {{"analytics", "analytics_dbt_deploy"}, {"a", "Q\"x"}};
    static const struct rewrite_pair c[] = {{"compute", "compute_dbt_deploy"}, {"c", "c'1"}};
    static const struct rewrite_map real = {s, 2, c, 2};
    enum rewrite_result r = rewrite_sql(&real, sql, size, &out, &olen);
    {
        /* one-letter names reach every rule: the candidate lists visit the
         * same sites as the walk over every token */
        char *o2 = NULL;
        size_t l2 = 0;
        enum rewrite_result r2 = rewrite_sql_unfiltered(&real, sql, size, &o2, &l2, NULL);
        if (r2 != r || (r == REWRITE_CHANGED && (l2 != olen || memcmp(o2, out, olen) != 0)))
            abort();
        if (r2 == REWRITE_CHANGED)
            free(o2);
    }
    if (r == REWRITE_CHANGED) {
        if (significant(out, olen) != ntok || out[olen] != '\0')
            abort();
        free(out);
    }

    {
        /*
         * The prefilter (rewrite_sql answering UNCHANGED unlexed when no name
         * can occur) changes nothing: the same result and bytes as the
         * unfiltered rewrite. Short names, a mixed-case one and names that
         * start or end with a non-letter, so that inputs reach them.
         */
        static const struct rewrite_pair ps[] = {
            {"analytics", "analytics_dbt_deploy"}, {"ab", "AB x"}, {"Zq9", "zq9_d"}, {"_7", "s7"}};
        static const struct rewrite_pair pc[] = {{"compute", "compute_dbt_deploy"}, {"9.", "n"}};
        static const struct rewrite_map pm = {ps, 4, pc, 2};
        char *o1 = NULL, *o2 = NULL;
        size_t l1 = 0, l2 = 0;
        enum rewrite_result r1 = rewrite_sql(&pm, sql, size, &o1, &l1);
        enum rewrite_result r2 = rewrite_sql_unfiltered(&pm, sql, size, &o2, &l2, NULL);
        if (r1 != r2)
            abort();
        if (r1 == REWRITE_CHANGED) {
            if (l1 != l2 || memcmp(o1, o2, l1) != 0)
                abort();
            free(o1);
            free(o2);
        }
    }

    size_t pos = 0, covered = 0;
    struct sql_statement st;
    while (sql_next_statement(sql, size, &pos, &st)) {
        if (st.offset != covered)
            abort();
        covered += st.length;
        (void)sql_classify(sql + st.offset, st.length);
    }
    if (covered != size)
        abort();
    char a[65], b[65];
    bool cl;
    (void)sql_swap_names(sql, size, &cl, a, sizeof a, b, sizeof b);

    /* settings take NUL-terminated values */
    char *val = malloc(size + 1);
    if (val != NULL) {
        memcpy(val, data, size);
        val[size] = '\0';
        if (rewrite_setting(&real, "search_path", val, &out) == REWRITE_CHANGED)
            free(out);
        if (rewrite_setting(&real, "cluster", val, &out) == REWRITE_CHANGED)
            free(out);
        free(val);
    }
    return 0;
}
