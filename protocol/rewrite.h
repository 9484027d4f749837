/*
 * rewrite.h: renames schemas and clusters in SQL text and session settings.
 *
 * A session routed to the deployment environment speaks production names;
 * these functions rename them (analytics -> analytics_dbt_deploy, compute ->
 * compute_dbt_deploy) token by token, copying every other byte verbatim.
 * What is and is not rewritten, rule by rule, is in docs/rewriting.md.
 * Pure: no I/O, no logging; the only allocations are scratch and *out.
 */
#ifndef CUTOVER_PROTOCOL_REWRITE_H
#define CUTOVER_PROTOCOL_REWRITE_H

#include <stdbool.h>
#include <stddef.h>

struct rewrite_pair {
    const char *from; /* folded name as the session spells it, e.g. "analytics" */
    const char *to;   /* name sent to the server, e.g. "analytics_dbt_deploy" */
};

struct rewrite_map {
    const struct rewrite_pair *schemas; /* schema renames */
    size_t nschemas;
    const struct rewrite_pair *clusters; /* cluster renames */
    size_t nclusters;
};

enum rewrite_result {
    REWRITE_UNCHANGED, /* nothing to rename: forward the input as it is; *out untouched */
    REWRITE_CHANGED,   /* *out is a malloc'd result the caller frees */
    REWRITE_NOMEM,     /* allocation failed; *out untouched */
};

/* True if m is NULL or renames nothing (a pair whose from equals to counts as nothing). */
bool rewrite_map_is_identity(const struct rewrite_map *m);

/*
 * Rewrites a Query/Parse string of `len` bytes (NULs allowed), statement by
 * statement. On CHANGED, *out holds *out_len bytes plus a terminating NUL
 * (not counted). Input containing an unterminated literal, quoted name or
 * comment is UNCHANGED: the server reports the syntax error.
 */
enum rewrite_result rewrite_sql(const struct rewrite_map *m, const char *sql, size_t len,
                                char **out, size_t *out_len);

/*
 * Rewrites a session setting value as the server stores it (a startup
 * parameter or ParameterStatus-style value): name "search_path" is a comma
 * list of names, each bare (matched folded) or "double-quoted" (matched
 * exactly); "schema" and "cluster" are one raw name matched exactly. Names
 * are case-insensitive; any other setting is UNCHANGED. On CHANGED, *out is a
 * malloc'd NUL-terminated string.
 */
enum rewrite_result rewrite_setting(const struct rewrite_map *m, const char *name,
                                    const char *value, char **out);

#endif
