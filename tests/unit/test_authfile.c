/*
 * test_authfile.c: the PgBouncer-format auth file (proxy/authfile.c): what it
 * accepts, each refusal with its file:line, that no message shows a
 * verifier, and reload by building a new table while the old one is in use.
 */
#include "proxy/authfile.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* RFC 7677's "pencil" with its salt, as PostgreSQL would store it. */
#define V1                                                                                         \
    "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"    \
    "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU="
#define V2                                                                                         \
    "SCRAM-SHA-256$10000:QUJDREVGR0hJSktMTU5PUA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:"   \
    "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="

static struct authfile *parse(const char *text, char *err)
{
    return authfile_parse(text, strlen(text), "users.txt", err, 512);
}

Test(authfile, accepts_pgbouncer_format)
{
    char err[512] = "";
    const char *text = "; a comment\n"
                       "\n"
                       "   \t\n"
                       "\"alice\" \"" V1 "\"\n"
                       "  \"bob \"\"the\"\" builder\"\t\"" V2 "\" ; trailing comment\r\n"
                       "\"carol\" \"" V1 "\"";
    struct authfile *a = parse(text, err);
    cr_assert_not_null(a, "%s", err);
    cr_assert_eq(authfile_count(a), 3);
    const struct scram_verifier *v = authfile_lookup(a, "alice");
    cr_assert_not_null(v);
    cr_assert_eq(v->iterations, 4096);
    v = authfile_lookup(a, "bob \"the\" builder");
    cr_assert_not_null(v);
    cr_assert_eq(v->iterations, 10000);
    cr_assert_eq(v->salt_len, 16);
    cr_assert_arr_eq(v->salt, "ABCDEFGHIJKLMNOP", 16);
    cr_assert_not_null(authfile_lookup(a, "carol"));
    cr_assert_null(authfile_lookup(a, "dave"));
    cr_assert_null(authfile_lookup(a, "Alice"));
    cr_assert_null(authfile_lookup(a, ""));
    authfile_free(a);

    a = parse("", err);
    cr_assert_not_null(a);
    cr_assert_eq(authfile_count(a), 0);
    cr_assert_null(authfile_lookup(a, "alice"));
    authfile_free(a);
}

Test(authfile, each_refusal_names_file_and_line)
{
    static const struct {
        const char *text;
        const char *want; /* the expected message */
    } cases[] = {
        {"\"a\" \"" V1 "\"\nalice \"" V1 "\"\n", "users.txt:2: expected a quoted user name"},
        {"\"alice \"" V1 "\"\n", "users.txt:1: user \"alice \": expected a quoted verifier"},
        {"\"alice\n\"" V1 "\"\n", "users.txt:1: unterminated quoted field"},
        {"\"\" \"" V1 "\"\n", "users.txt:1: empty user name"},
        {"\"alice\"\n", "users.txt:1: user \"alice\": expected a quoted verifier"},
        {"\"alice\" \"" V1 "\n", "users.txt:1: user \"alice\": unterminated quoted field"},
        {"\"alice\" \"" V1 "\" x\n",
         "users.txt:1: user \"alice\": unexpected text after the verifier"},
        {"\"alice\" \"\"\n", "users.txt:1: user \"alice\": empty password field"},
        {";\n\n\"alice\" \"md5a3556571e93b0d20722ba62be61e8c2d\"\n",
         "users.txt:3: user \"alice\": MD5 verifiers are not accepted (SCRAM pass-through needs a "
         "SCRAM-SHA-256 verifier: reset the password with password_encryption = scram-sha-256)"},
        {"\"alice\" \"secret\"\n",
         "users.txt:1: user \"alice\": plaintext passwords are not accepted (give the user's "
         "SCRAM-SHA-256 verifier, e.g. rolpassword from pg_authid)"},
        {"\"alice\" \"SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$QQ==:QQ==\"\n",
         "users.txt:1: user \"alice\": invalid SCRAM-SHA-256 verifier (decoded value of the wrong "
         "length)"},
        {"\"alice\" \"" V1 "\"\n\"bob\" \"" V2 "\"\n\"alice\" \"" V2 "\"\n",
         "users.txt:3: user \"alice\" already defined at line 1"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char err[512] = "";
        struct authfile *a = parse(cases[i].text, err);
        cr_expect_null(a, "case %zu", i);
        cr_expect_str_eq(err, cases[i].want, "case %zu", i);
        cr_expect_null(strstr(err, "W22ZaJ0SNY7soEsUEjb6gQ"), "case %zu leaks the verifier", i);
        authfile_free(a);
    }
    char err[512];
    const char nul[] = "\"alice\" \"" V1 "\"\n\"b\0\" \"x\"\n";
    cr_assert_null(authfile_parse(nul, sizeof(nul) - 1, "users.txt", err, sizeof(err)));
    cr_assert_str_eq(err, "users.txt:2: NUL byte");
}

Test(authfile, reload_builds_a_new_table_and_keeps_the_old_one_on_error)
{
    char path[] = "/tmp/test_authfile.XXXXXX";
    char err[512];
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs("\"alice\" \"" V1 "\"\n", f);
    fclose(f);

    struct authfile *current = authfile_load(path, err, sizeof(err));
    cr_assert_not_null(current, "%s", err);
    const struct scram_verifier *held = authfile_lookup(current, "alice");
    cr_assert_eq(held->iterations, 4096);

    /* The verifier changes on disk: a reload gives a new table, the old
     * one is untouched until the caller frees it. */
    f = fopen(path, "w");
    fputs("\"alice\" \"" V2 "\"\n\"bob\" \"" V1 "\"\n", f);
    fclose(f);
    struct authfile *next = authfile_load(path, err, sizeof(err));
    cr_assert_not_null(next, "%s", err);
    cr_assert_eq(held->iterations, 4096);
    cr_assert_eq(authfile_lookup(next, "alice")->iterations, 10000);
    cr_assert_not_null(authfile_lookup(next, "bob"));
    authfile_free(current);
    current = next;

    /* A broken file: the load fails with file:line, the current table stays. */
    f = fopen(path, "w");
    fputs("\"alice\" \"md5a3556571e93b0d20722ba62be61e8c2d\"\n", f);
    fclose(f);
    cr_assert_null(authfile_load(path, err, sizeof(err)));
    cr_assert(strncmp(err, path, strlen(path)) == 0 && strstr(err, ":1: user \"alice\": MD5"), "%s",
              err);
    cr_assert_eq(authfile_lookup(current, "alice")->iterations, 10000);
    authfile_free(current);

    unlink(path);
    cr_assert_null(authfile_load(path, err, sizeof(err)));
    cr_assert(strstr(err, "No such file or directory"), "%s", err);
}

Test(authfile, refuses_a_file_over_the_limit)
{
    char err[512];
    char *big = malloc(AUTHFILE_MAX_BYTES + 1);
    memset(big, '\n', AUTHFILE_MAX_BYTES + 1);
    cr_assert_null(authfile_parse(big, AUTHFILE_MAX_BYTES + 1, "big.txt", err, sizeof(err)));
    cr_assert(strstr(err, "larger than"), "%s", err);
    struct authfile *a = authfile_parse(big, AUTHFILE_MAX_BYTES, "big.txt", err, sizeof(err));
    cr_assert_not_null(a);
    authfile_free(a);
    free(big);
}
