/*
 * test_saslprep.c: SASLprep as PostgreSQL applies it (protocol/saslprep.c):
 * RFC 4013's examples, PostgreSQL's own quirks (ASCII untouched, checks on
 * the mapped string, raw bytes when refused), strict UTF-8, and NFKC over
 * every line of Unicode's NormalizationTest.txt (from Debian's unicode-data;
 * that test is skipped when the file is missing). That PostgreSQL hashes the
 * same bytes is shown against a real server in test_scram_live.c.
 */
#include "protocol/saslprep.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void expect_ok(const char *in, const char *want)
{
    char *out = NULL;
    cr_assert_eq(saslprep(in, &out), SASLPREP_OK, "saslprep(%s)", in);
    cr_assert_str_eq(out, want);
    free(out);
}

static void expect_refused(const char *in, enum saslprep_result want)
{
    char *out = (char *)1;
    cr_assert_eq(saslprep(in, &out), want, "saslprep(%s)", in);
    cr_assert_null(out);
    /* PostgreSQL then hashes the raw bytes. */
    char *raw = saslprep_for_scram(in);
    cr_assert_str_eq(raw, in);
    free(raw);
}

Test(saslprep, rfc4013_examples)
{
    expect_ok("I\xc2\xad"
              "X",
              "IX");                 /* SOFT HYPHEN mapped to nothing */
    expect_ok("user", "user");       /* no transformation */
    expect_ok("USER", "USER");       /* case preserved */
    expect_ok("\xc2\xaa", "a");      /* U+00AA -> NFKC "a" */
    expect_ok("\xe2\x85\xa8", "IX"); /* U+2168 ROMAN NUMERAL NINE */
    expect_refused("\xd8\xa7"
                   "1",
                   SASLPREP_PROHIBITED); /* bidi: RandALCat first but not last */
}

Test(saslprep, the_passwords_the_live_test_uses)
{
    expect_ok("a\xc2\xa0"
              "b",
              "a b");                                  /* U+00A0 NO-BREAK SPACE -> space */
    expect_ok("\xe1\xba\x9b\xcc\xa3", "\xe1\xb9\xa9"); /* U+1E9B U+0323 -> U+1E69 */
    expect_ok("\xef\xac\x81x", "fix");                 /* U+FB01 LATIN SMALL LIGATURE FI */
    expect_ok("\xe3\x80\x80x", " x");                  /* U+3000 IDEOGRAPHIC SPACE */
}

Test(saslprep, postgresql_quirks)
{
    /* ASCII is returned as is, even the control characters RFC 4013 prohibits. */
    expect_ok("\x07pw", "\x07pw");
    expect_ok("", "");
    /* The same control character beside a non-ASCII one is prohibited. */
    expect_refused("\x07\xc3\xa9", SASLPREP_PROHIBITED);
    /* Only characters mapped to nothing: empty, so refused (raw bytes used). */
    expect_refused("\xc2\xad", SASLPREP_PROHIBITED);
    /* Unassigned in Unicode 3.2 (U+0221 came in 4.0). */
    expect_refused("\xc8\xa1", SASLPREP_PROHIBITED);
    /* Private use (C.3), non-character (C.4), surrogate-free but prohibited U+FFFD (C.6). */
    expect_refused("\xee\x80\x80", SASLPREP_PROHIBITED);
    expect_refused("\xef\xb7\x90", SASLPREP_PROHIBITED);
    expect_refused("\xef\xbf\xbd", SASLPREP_PROHIBITED);
    /* Bidi: L and RandAL together; RandAL at both ends is fine. */
    expect_refused("a\xd8\xa7", SASLPREP_PROHIBITED);
    expect_ok("\xd8\xa7"
              "1\xd8\xa8",
              "\xd8\xa7"
              "1\xd8\xa8");
}

Test(saslprep, strict_utf8)
{
    expect_refused("\xc3\x28", SASLPREP_INVALID_UTF8);         /* bad continuation */
    expect_refused("\xc0\xaf", SASLPREP_INVALID_UTF8);         /* overlong '/' */
    expect_refused("\xe0\x80\xaf", SASLPREP_INVALID_UTF8);     /* overlong, 3 bytes */
    expect_refused("\xed\xa0\x80", SASLPREP_INVALID_UTF8);     /* a surrogate */
    expect_refused("\xf4\x90\x80\x80", SASLPREP_INVALID_UTF8); /* over U+10FFFF */
    expect_refused("\xe2\x82", SASLPREP_INVALID_UTF8);         /* truncated */
    expect_refused("\xff", SASLPREP_INVALID_UTF8);
    expect_refused("\x80", SASLPREP_INVALID_UTF8);
}

Test(saslprep, too_long)
{
    char *big = malloc(SASLPREP_MAX_INPUT + 2);
    memset(big, 'a', SASLPREP_MAX_INPUT + 1);
    big[0] = (char)0xc3;
    big[1] = (char)0xa9;
    big[SASLPREP_MAX_INPUT + 1] = '\0';
    char *out;
    cr_assert_eq(saslprep(big, &out), SASLPREP_TOO_LONG);
    cr_assert_null(saslprep_for_scram(big));
    big[SASLPREP_MAX_INPUT] = '\0';
    cr_assert_eq(saslprep(big, &out), SASLPREP_OK);
    free(out);
    free(big);
}

/* Parses "0041 030A" into code points; returns the count. */
static size_t parse_column(const char *s, const char *end, uint32_t *out, size_t cap)
{
    size_t n = 0;
    while (s < end) {
        char *next;
        unsigned long v = strtoul(s, &next, 16);
        if (next == s)
            break;
        if (n < cap)
            out[n] = (uint32_t)v;
        n++;
        s = next;
    }
    return n;
}

Test(saslprep, nfkc_matches_unicode_normalization_test)
{
    const char *path = "/usr/share/unicode/NormalizationTest.txt.bz2";
    if (access(path, R_OK) != 0)
        cr_skip_test("%s missing (Debian package unicode-data)", path);
    if (access("/bin/bzcat", X_OK) != 0 && access("/usr/bin/bzcat", X_OK) != 0)
        cr_skip_test("bzcat missing (Debian package bzip2)");
    FILE *f = popen("bzcat /usr/share/unicode/NormalizationTest.txt.bz2", "r");
    cr_assert_not_null(f);
    char line[4096];
    size_t lines = 0, failures = 0;
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#' || line[0] == '@' || line[0] == '\n')
            continue;
        /* c1;c2;c3;c4;c5; # comment : NFKC(c1..c5) == c4. */
        const char *cols[6];
        cols[0] = line;
        for (int i = 1; i < 6; i++) {
            cols[i] = strchr(cols[i - 1], ';');
            cr_assert_not_null(cols[i]);
            cols[i]++;
        }
        uint32_t want[64], in[64], got[256];
        size_t nwant = parse_column(cols[3], cols[4] - 1, want, 64);
        for (int c = 0; c < 5; c++) {
            size_t nin = parse_column(cols[c], cols[c + 1] - 1, in, 64);
            size_t ngot = unicode_nfkc(in, nin, got, 256);
            if (ngot != nwant || memcmp(got, want, nwant * sizeof(uint32_t)) != 0) {
                if (failures++ < 5)
                    cr_log_error("NFKC mismatch, column %d of: %s", c + 1, line);
            }
        }
        lines++;
    }
    pclose(f);
    cr_assert_gt(lines, 15000);
    cr_assert_eq(failures, 0, "%zu of %zu lines", failures, lines);
}

Test(saslprep, nfkc_reports_the_room_it_needs)
{
    const uint32_t in[] = {0xFDFA}; /* 18 code points in NFKC */
    uint32_t out[18];
    cr_assert_eq(unicode_nfkc(in, 1, out, 4), 18);
    cr_assert_eq(unicode_nfkc(in, 1, out, 18), 18);
    const uint32_t hangul[] = {0x1100, 0x1161, 0x11A8}; /* L V T -> U+AC01 */
    cr_assert_eq(unicode_nfkc(hangul, 3, out, 18), 1);
    cr_assert_eq(out[0], 0xAC01);
}
