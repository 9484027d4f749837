/*
 * test_log_escape.c: log_escape, the escaper for client-supplied strings in
 * cutoverd's log (issue 14.7): no byte a client sends can end a log line or
 * pass for an escape.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "proxy/log.h"

static void esc(const char *in, const char *want)
{
    char out[LOG_ESCAPE_MAX];
    cr_assert_str_eq(log_escape(out, sizeof out, in), want, "in: %s", in);
}

Test(log_escape, plain_names_unchanged)
{
    esc("alice", "alice");
    esc("app name with spaces", "app name with spaces");
    esc("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x98", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x98");
    esc(NULL, "-");
    esc("", "");
}

Test(log_escape, newline_cannot_start_a_line)
{
    esc("x\naudit {\"what\":\"promote\"}", "x\\naudit {\\\"what\\\":\\\"promote\\\"}");
    esc("a\r\nb\tc", "a\\r\\nb\\tc");
    esc("\x1b[31mred\x7f", "\\x1b[31mred\\x7f");
}

Test(log_escape, quote_and_backslash_escaped)
{
    /* a literal backslash-n is not a newline in the log */
    esc("x\\naudit", "x\\\\naudit");
    esc("\"quoted\"", "\\\"quoted\\\"");
}

Test(log_escape, invalid_utf8_as_hex)
{
    esc("\xff", "\\xff");
    esc("a\xc3", "a\\xc3");                          /* truncated sequence */
    esc("\xc0\xaf", "\\xc0\\xaf");                   /* overlong */
    esc("\xed\xa0\x80", "\\xed\\xa0\\x80");          /* surrogate */
    esc("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"); /* above U+10FFFF */
}

Test(log_escape, cut_at_a_whole_escape)
{
    char out[8];
    log_escape(out, sizeof out, "abcdef\n");
    cr_assert_str_eq(out, "abcdef"); /* "\n" needs 2 bytes: not half of it */
    log_escape(out, sizeof out, "abcde\xe2\x82\xac!");
    cr_assert_str_eq(out, "abcde"); /* the euro sign does not fit whole */
    char big[LOG_ESCAPE_MAX];
    char in[1000];
    memset(in, '\n', sizeof in - 1);
    in[sizeof in - 1] = '\0';
    log_escape(big, sizeof big, in);
    cr_assert_eq(strlen(big), LOG_ESCAPE_MAX - 1 - (LOG_ESCAPE_MAX - 1) % 2);
    cr_assert_null(strchr(big, '\n'));
}
