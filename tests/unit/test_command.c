/* Unit tests for the admin command parser (control/command.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "control/command.h"

static bool parse(const char *line, struct command *c, char *err)
{
    return command_parse(line, strlen(line), c, err, 256);
}

Test(command, every_verb_parses_with_its_canonical_name)
{
    static const char *lines[] = {"status",
                                  "deploy init",
                                  "deploy await",
                                  "deploy promote",
                                  "deploy cleanup",
                                  "deploy rollback",
                                  "show clients",
                                  "show routes",
                                  "show config",
                                  "show stats",
                                  "show subscriptions",
                                  "pause",
                                  "resume",
                                  "reload",
                                  "kill 7",
                                  "shutdown",
                                  "help"};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        struct command c;
        char err[256];
        cr_assert(parse(lines[i], &c, err), "%s: %s", lines[i], err);
        if (c.verb != CMD_KILL)
            cr_assert_str_eq(command_verb_name(c.verb), lines[i]);
    }
}

Test(command, defaults_follow_deploy_await)
{
    struct command c;
    char err[256];
    cr_assert(parse("deploy await", &c, err));
    cr_assert_eq(c.poll_interval_ms, 15000);
    cr_assert_eq(c.lag_threshold_ms, 1000);
    cr_assert_eq(c.timeout_ms, 0);
    cr_assert_eq(c.flags, 0u);
}

Test(command, options_with_space_or_equals)
{
    struct command c;
    char err[256];
    cr_assert(parse("deploy promote --dry-run --wait --poll-interval=500ms --lag-threshold 2s "
                    "--pause-timeout 1.5s --json",
                    &c, err),
              "%s", err);
    cr_assert_eq(c.verb, CMD_DEPLOY_PROMOTE);
    cr_assert_eq(c.flags, (unsigned)(CMDF_DRY_RUN | CMDF_WAIT | CMDF_POLL_INTERVAL |
                                     CMDF_LAG_THRESHOLD | CMDF_PAUSE_TIMEOUT | CMDF_JSON));
    cr_assert_eq(c.poll_interval_ms, 500);
    cr_assert_eq(c.lag_threshold_ms, 2000);
    cr_assert_eq(c.pause_timeout_ms, 1500);
}

Test(command, durations)
{
    int64_t ms;
    cr_assert(command_parse_duration("15", 2, &ms) && ms == 15000);
    cr_assert(command_parse_duration("250ms", 5, &ms) && ms == 250);
    cr_assert(command_parse_duration("2m", 2, &ms) && ms == 120000);
    cr_assert(command_parse_duration("3min", 4, &ms) && ms == 180000);
    cr_assert(command_parse_duration("1h", 2, &ms) && ms == 3600000);
    cr_assert(command_parse_duration("0.25s", 5, &ms) && ms == 250);
    cr_assert_not(command_parse_duration("", 0, &ms));
    cr_assert_not(command_parse_duration("s", 1, &ms));
    cr_assert_not(command_parse_duration("-1s", 3, &ms));
    cr_assert_not(command_parse_duration("1e9", 3, &ms));
    cr_assert_not(command_parse_duration("nan", 3, &ms));
    cr_assert_not(command_parse_duration("10 s", 4, &ms));
    cr_assert_not(command_parse_duration("99999999999999", 14, &ms));
}

Test(command, kill_needs_exactly_one_numeric_id)
{
    struct command c;
    char err[256];
    cr_assert(parse("kill 42", &c, err));
    cr_assert_eq(c.client_id, 42u);
    cr_assert_not(parse("kill", &c, err));
    cr_assert_str_eq(err, "'kill' needs one numeric client id");
    cr_assert_not(parse("kill x1", &c, err));
    cr_assert_not(parse("kill 1 2", &c, err));
    cr_assert_not(parse("kill 99999999999999999999", &c, err));
}

Test(command, errors_name_the_problem)
{
    struct command c;
    char err[256];
    cr_assert_not(parse("", &c, err));
    cr_assert_str_eq(err, "empty command; try 'help'");
    cr_assert_not(parse("frobnicate", &c, err));
    cr_assert_str_eq(err, "unknown command 'frobnicate'; try 'help'");
    cr_assert_not(parse("deploy explode", &c, err));
    cr_assert_str_eq(err, "unknown command 'deploy explode'; try 'help'");
    cr_assert_not(parse("deploy init --wait", &c, err));
    cr_assert_str_eq(err, "option --wait is not valid for 'deploy init'");
    cr_assert_not(parse("pause --timeout", &c, err));
    cr_assert_str_eq(err, "option --timeout needs a duration");
    cr_assert_not(parse("pause --timeout soon", &c, err));
    cr_assert(strstr(err, "is not a duration") != NULL);
    cr_assert_not(parse("status --bogus", &c, err));
    cr_assert_str_eq(err, "unknown option '--bogus'");
    cr_assert_not(parse("status --json --json", &c, err));
    cr_assert_str_eq(err, "option --json given twice");
    cr_assert_not(parse("resume now", &c, err));
    cr_assert_str_eq(err, "'resume' takes no argument 'now'");
    cr_assert_not(parse("status --json=yes", &c, err));
    cr_assert_str_eq(err, "option --json takes no value");
}

Test(command, refuses_control_bytes_and_overlong_lines)
{
    struct command c;
    char err[256];
    cr_assert_not(command_parse("status\0x", 8, &c, err, sizeof(err)));
    cr_assert_not(command_parse("status\nresume", 13, &c, err, sizeof(err)));
    char big[COMMAND_LINE_MAX + 2];
    memset(big, ' ', sizeof(big));
    memcpy(big, "status", 6);
    cr_assert_not(command_parse(big, sizeof(big), &c, err, sizeof(err)));
    cr_assert(command_parse(big, COMMAND_LINE_MAX, &c, err, sizeof(err)));
}

Test(command, whitespace_is_flexible)
{
    struct command c;
    char err[256];
    cr_assert(parse("  show\t clients  \r", &c, err), "%s", err);
    cr_assert_eq(c.verb, CMD_SHOW_CLIENTS);
}
