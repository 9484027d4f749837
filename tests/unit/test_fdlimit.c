/*
 * test_fdlimit.c: the file descriptors a configuration needs, and the
 * decision to raise RLIMIT_NOFILE's soft limit (proxy/fdlimit.h).
 */
#include "proxy/fdlimit.h"

#include <criterion/criterion.h>

Test(fdlimit, needed_counts_two_per_client_and_a_reserve)
{
    cr_assert_eq(fdlimit_needed(1000, 0), 2000 + FDLIMIT_RESERVE);
    cr_assert_eq(fdlimit_needed(1, 0), 2 + FDLIMIT_RESERVE);
    cr_assert_eq(fdlimit_needed(0, 0), FDLIMIT_RESERVE);
    cr_assert_eq(fdlimit_needed(1000, 1064), 2000 + FDLIMIT_RESERVE + 1064);
}

Test(fdlimit, plan_fits)
{
    uint64_t s = 7;
    cr_assert_eq(fdlimit_plan(2064, 4096, 4096, &s), FDLIMIT_FITS);
    cr_assert_eq(s, 7, "untouched when nothing is to be done");
    cr_assert_eq(fdlimit_plan(2064, 2064, 2064, &s), FDLIMIT_FITS);
}

Test(fdlimit, plan_raises_soft_to_the_need)
{
    uint64_t s = 0;
    cr_assert_eq(fdlimit_plan(2064, 1024, 524288, &s), FDLIMIT_RAISE);
    cr_assert_eq(s, 2064);
    cr_assert_eq(fdlimit_plan(2064, 1024, UINT64_MAX, &s), FDLIMIT_RAISE);
    cr_assert_eq(s, 2064);
}

Test(fdlimit, plan_short_raises_to_the_hard_limit)
{
    uint64_t s = 0;
    cr_assert_eq(fdlimit_plan(2064, 256, 1024, &s), FDLIMIT_SHORT);
    cr_assert_eq(s, 1024);
    cr_assert_eq(fdlimit_plan(2064, 1024, 1024, &s), FDLIMIT_SHORT);
    cr_assert_eq(s, 1024);
}
