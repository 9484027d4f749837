/*
 * libFuzzer target: deploy_catalog.c's result parsing (issue 14.10). The
 * catalog and await queries' PGresults are what a server (or whoever answers
 * on its address) sends back during a deployment; no result shape may crash
 * the parser, and a failure must leave a terminated one-line reason.
 *
 * Input: byte 0 picks the query (DEPLOY_Q_COUNT: the await query), byte 1
 * the dialect, byte 2 the column count (0..16); the rest is the cells, row
 * by row, separated by 0x1f; a cell that is exactly 0x1e is SQL NULL. The
 * PGresult is built by hand as the unit tests do (PQmakeEmptyPGresult): no
 * server involved.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "control/deploy_catalog.h"

#define MAX_COLS 16
#define MAX_ROWS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static PGresult *build_result(int ncols, const uint8_t *p, size_t n)
{
    PGresult *r = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
    if (r == NULL)
        return NULL;
    PGresAttDesc att[MAX_COLS];
    char names[MAX_COLS][8];
    for (int c = 0; c < ncols; c++) {
        names[c][0] = 'c';
        names[c][1] = (char)('a' + c);
        names[c][2] = '\0';
        att[c] = (PGresAttDesc){.name = names[c], .typid = 25, .typlen = -1, .atttypmod = -1};
    }
    if (!PQsetResultAttrs(r, ncols, ncols ? att : NULL)) {
        PQclear(r);
        return NULL;
    }
    if (ncols == 0)
        return r;
    int row = 0, col = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n && row < MAX_ROWS; i++) {
        if (i < n && p[i] != 0x1f)
            continue;
        size_t len = i - start;
        char *cell = malloc(len + 1);
        if (cell == NULL)
            break;
        memcpy(cell, p + start, len);
        cell[len] = '\0';
        bool null = len == 1 && cell[0] == 0x1e;
        bool ok = PQsetvalue(r, row, col, null ? NULL : cell, null ? -1 : (int)len);
        free(cell);
        if (!ok)
            break;
        start = i + 1;
        if (++col == ncols) {
            col = 0;
            row++;
        }
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    static struct deploy_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.dialect = (data[1] & 1) ? CONFIG_DIALECT_MATERIALIZE : CONFIG_DIALECT_POSTGRES;
    spec.nschemas = 2;
    strcpy(spec.schemas[0], "analytics");
    strcpy(spec.schemas[1], "marts");
    spec.nclusters = 2;
    strcpy(spec.clusters[0], "compute");
    strcpy(spec.clusters[1], "serve");
    strcpy(spec.suffix, "_dbt_deploy");
    strcpy(spec.marker, DEPLOY_MARKER_DEFAULT);

    int q = data[0] % (DEPLOY_Q_COUNT + 1);
    int ncols = data[2] % (MAX_COLS + 1);
    PGresult *r = build_result(ncols, data + 3, size - 3);
    if (r == NULL)
        return 0;
    char err[256];
    memset(err, 'x', sizeof err);
    bool ok;
    if (q == DEPLOY_Q_COUNT) {
        static struct deploy_await_status st;
        memset(&st, 0, sizeof st);
        ok = deploy_await_parse(&spec, r, (int64_t)(data[1] >> 1) * 100, &st, err, sizeof err);
        if (ok) {
            char *sum = deploy_await_summary(&st, data[1] & 2);
            free(sum);
        }
    } else {
        static struct deploy_catalog cat;
        memset(&cat, 0, sizeof cat);
        ok = deploy_catalog_parse(&spec, (enum deploy_catalog_query)q, r, &cat, err, sizeof err);
    }
    if (!ok && memchr(err, '\0', sizeof err) == NULL)
        abort(); /* a failure must say why, terminated */
    PQclear(r);
    return 0;
}
