/*
 * test_rewrite_corpus.c: the rewriter's output over tests/data/queries.sql is
 * byte-identical to tests/data/queries.rewritten.sql, which was written by
 * the token-array rewriter before the memory and speed work of issues 14 and
 * 16. Any change of output on the corpus is a behaviour change, not an
 * optimisation: regenerate the golden file only on purpose
 * (CUTOVER_UPDATE_GOLDEN=1 build/test_rewrite_corpus) and review its diff.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/rewrite.h"

#ifndef CUTOVER_SOURCE_DIR
#define CUTOVER_SOURCE_DIR "."
#endif

#define SEP "\n-- ;;\n" /* the corpus's entry separator (see bench/lexer_bench.c) */

static const struct rewrite_pair schemas[] = {
    {"analytics", "analytics_dbt_deploy"},
    {"marts", "marts_dbt_deploy"},
    {"staging", "Staging \"Q\""}, /* a target that needs quoting */
};
static const struct rewrite_pair clusters[] = {{"compute", "compute_dbt_deploy"}};
static const struct rewrite_map map = {schemas, 3, clusters, 1};

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

struct growbuf {
    char *p;    /* bytes */
    size_t len; /* used */
    size_t cap; /* allocated */
};

static void put(struct growbuf *g, const char *s, size_t n)
{
    if (g->len + n > g->cap) {
        g->cap = 2 * (g->len + n);
        g->p = realloc(g->p, g->cap);
        cr_assert_not_null(g->p);
    }
    memcpy(g->p + g->len, s, n);
    g->len += n;
}

/* Rewrites every corpus entry and joins the results with SEP, as the corpus. */
static struct growbuf rewrite_corpus(const char *corpus, size_t len, size_t *nchanged)
{
    struct growbuf g = {0};
    *nchanged = 0;
    for (const char *p = corpus; p < corpus + len;) {
        const char *sep = strstr(p, SEP);
        size_t l = sep ? (size_t)(sep - p) : (size_t)(corpus + len - p);
        char *out = NULL;
        size_t olen = 0;
        enum rewrite_result r = rewrite_sql(&map, p, l, &out, &olen);
        cr_assert_neq(r, REWRITE_NOMEM);
        if (r == REWRITE_CHANGED) {
            put(&g, out, olen);
            free(out);
            (*nchanged)++;
        } else {
            put(&g, p, l);
        }
        if (sep != NULL)
            put(&g, SEP, strlen(SEP));
        p = sep ? sep + strlen(SEP) : corpus + len;
    }
    return g;
}

Test(rewrite_corpus, output_matches_golden)
{
    size_t len, glen;
    char *corpus = read_all(CUTOVER_SOURCE_DIR "/tests/data/queries.sql", &len);
    cr_assert_not_null(corpus);
    size_t nchanged;
    struct growbuf g = rewrite_corpus(corpus, len, &nchanged);
    cr_assert_gt(nchanged, 1000, "the corpus should exercise the rewriter (%zu changed)", nchanged);
    const char *golden_path = CUTOVER_SOURCE_DIR "/tests/data/queries.rewritten.sql";
    const char *update = getenv("CUTOVER_UPDATE_GOLDEN");
    if (update != NULL && strcmp(update, "1") == 0) {
        FILE *f = fopen(golden_path, "wb");
        cr_assert_not_null(f);
        cr_assert_eq(fwrite(g.p, 1, g.len, f), g.len);
        fclose(f);
    }
    char *golden = read_all(golden_path, &glen);
    cr_assert_not_null(golden, "missing %s", golden_path);
    size_t i = 0;
    while (i < glen && i < g.len && golden[i] == g.p[i])
        i++;
    cr_assert(i == glen && i == g.len,
              "rewrite output differs from the golden file at byte %zu (got %zu bytes, want %zu): "
              "...%.60s... vs ...%.60s...",
              i, g.len, glen, g.p + (i > 30 ? i - 30 : 0), golden + (i > 30 ? i - 30 : 0));
    free(golden);
    free(g.p);
    free(corpus);
}
