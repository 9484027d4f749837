/*
 * lexer_bench.c: SQL lexer and name-rewriter throughput over the query corpus.
 *
 * Usage: lexer_bench [queries.sql]   (default: tests/data/queries.sql)
 * Each pass lexes (or rewrites) every corpus entry separately, as the proxy
 * sees one Query at a time; prints the best of 20 passes in MB/s. A pass is
 * timed in this thread's CPU time, not wall-clock: on a machine shared with
 * other work a preempted pass would otherwise count the other work too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "protocol/rewrite.h"
#include "protocol/sqllex.h"

#define PASSES 20
#define SEP    "\n-- ;;\n"

struct entry {
    const char *p; /* into the corpus buffer */
    size_t len;    /* bytes */
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/data/queries.sql";
    size_t len;
    char *buf = slurp(path, &len);
    if (buf == NULL) {
        fprintf(stderr, "lexer_bench: cannot read %s\n", path);
        return 1;
    }
    size_t cap = 1024, n = 0, bytes = 0;
    struct entry *e = malloc(cap * sizeof *e);
    for (char *p = buf; p < buf + len && e != NULL;) {
        char *sep = strstr(p, SEP);
        size_t l = sep ? (size_t)(sep - p) : (size_t)(buf + len - p);
        if (n == cap) {
            cap *= 2;
            struct entry *ne = realloc(e, cap * sizeof *e);
            if (ne == NULL)
                break;
            e = ne;
        }
        e[n++] = (struct entry){p, l};
        bytes += l;
        p = sep ? sep + strlen(SEP) : buf + len;
    }
    if (e == NULL)
        return 1;

    static const struct rewrite_pair schemas[] = {{"analytics", "analytics_dbt_deploy"},
                                                  {"marts", "marts_dbt_deploy"}};
    static const struct rewrite_pair clusters[] = {{"compute", "compute_dbt_deploy"}};
    static const struct rewrite_map map = {schemas, 2, clusters, 1};

    double best_lex = 1e9, best_rw = 1e9;
    size_t tokens = 0, changed = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        double t0 = now();
        size_t nt = 0;
        for (size_t i = 0; i < n; i++) {
            struct sqllex lx;
            struct sqllex_token t;
            sqllex_init(&lx, e[i].p, e[i].len);
            while (sqllex_next(&lx, &t))
                nt++;
        }
        double t1 = now();
        size_t nc = 0;
        for (size_t i = 0; i < n; i++) {
            char *out;
            size_t olen;
            if (rewrite_sql(&map, e[i].p, e[i].len, &out, &olen) == REWRITE_CHANGED) {
                nc++;
                free(out);
            }
        }
        double t2 = now();
        if (t1 - t0 < best_lex)
            best_lex = t1 - t0;
        if (t2 - t1 < best_rw)
            best_rw = t2 - t1;
        tokens = nt;
        changed = nc;
    }
    double mb = (double)bytes / 1e6;
    printf("corpus: %zu queries, %.2f MB, %zu tokens, %zu rewritten\n", n, mb, tokens, changed);
    printf("lexer:   %8.1f MB/s (best of %d)\n", mb / best_lex, PASSES);
    printf("rewrite: %8.1f MB/s (best of %d)\n", mb / best_rw, PASSES);
    free(e);
    free(buf);
    return 0;
}
