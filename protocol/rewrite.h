/*
 * rewrite.h: renames schemas and clusters in SQL text and session settings.
 *
 * A session routed to the deployment environment speaks production names;
 * these functions rename them (analytics -> analytics_dbt_deploy, compute ->
 * compute_dbt_deploy) token by token, copying every other byte verbatim.
 * What is and is not rewritten, rule by rule, is in docs/rewriting.md.
 * Pure: no I/O, no logging; the only allocations are scratch and *out.
 *
 * Memory: a statement of up to 256 significant tokens uses no heap
 * scratch; a longer one one array of 16 bytes per significant token (at most
 * REWRITE_SCRATCH_PER_BYTE bytes per input byte, however the input is shaped)
 * plus one flag per schema pair in maps of more than 64 schemas. The result
 * is one exact buffer. The proxy bounds the input itself ([deployment]
 * max_rewrite_size), so one statement cannot take more than that times 16.
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

#define REWRITE_SCRATCH_PER_BYTE 16          /* heap scratch per input byte, at most */
#define REWRITE_MAX_INPUT        0xFFFFFFF0u /* longer inputs are REWRITE_NOMEM (32-bit offsets) */

/* What one rewrite_sql_stats call used, for tests and benchmarks. */
struct rewrite_stats {
    size_t scratch_bytes; /* heap scratch allocated (the result in *out not counted) */
    size_t tokens;        /* significant tokens lexed (0 if it stopped early) */
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

/* rewrite_sql, and what it used in *st (if st is not NULL). */
enum rewrite_result rewrite_sql_stats(const struct rewrite_map *m, const char *sql, size_t len,
                                      char **out, size_t *out_len, struct rewrite_stats *st);

/*
 * rewrite_sql_stats without its shortcuts: the prefilter that answers
 * UNCHANGED, unlexed, for input that cannot name a mapped schema or cluster,
 * the rule passes' visits to the listed tokens a rule can start at only
 * (this visits every token), and the lookup of plain quoted names in place.
 * Always the same result and output as
 * rewrite_sql_stats (the fuzzer checks it), but st counts the tokens of
 * every input. For tests and fuzzing.
 */
enum rewrite_result rewrite_sql_unfiltered(const struct rewrite_map *m, const char *sql, size_t len,
                                           char **out, size_t *out_len, struct rewrite_stats *st);

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
