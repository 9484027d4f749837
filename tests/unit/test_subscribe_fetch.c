/*
 * test_subscribe_fetch.c: FETCH / CLOSE analysis for the carried cursor form
 * of SUBSCRIBE (protocol/subscribe/subscribe_fetch.h).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "protocol/subscribe/subscribe_fetch.h"

static struct subfetch parse(const char *sql, enum subfetch_kind want)
{
    struct subfetch f;
    enum subfetch_kind k = subfetch_parse(sql, strlen(sql), &f);
    cr_assert_eq(k, want, "%s: kind %d, want %d", sql, (int)k, (int)want);
    cr_assert_eq(f.kind, k);
    return f;
}

Test(subscribe_fetch, counts)
{
    struct subfetch f = parse("FETCH ALL c", SUBFETCH_FETCH);
    cr_assert(f.all);
    cr_assert_str_eq(f.cursor, "c");
    cr_assert(!f.has_timeout);
    f = parse("fetch 10 FROM Cur", SUBFETCH_FETCH);
    cr_assert(!f.all);
    cr_assert_eq(f.count, 10);
    cr_assert_str_eq(f.cursor, "cur");
    f = parse("FETCH c", SUBFETCH_FETCH);
    cr_assert_eq(f.count, 1);
    cr_assert(!f.all);
    f = parse("FETCH NEXT IN c;", SUBFETCH_FETCH);
    cr_assert_eq(f.count, 1);
    f = parse("FETCH FORWARD 7 c", SUBFETCH_FETCH);
    cr_assert_eq(f.count, 7);
    f = parse("FETCH FORWARD ALL FROM \"My Cur\"  ;  ", SUBFETCH_FETCH);
    cr_assert(f.all);
    cr_assert_str_eq(f.cursor, "My Cur");
    f = parse("FETCH FORWARD c", SUBFETCH_FETCH);
    cr_assert_eq(f.count, 1);
    cr_assert_str_eq(f.cursor, "c");
}

Test(subscribe_fetch, timeouts)
{
    struct subfetch f = parse("FETCH ALL c WITH (timeout = '1s')", SUBFETCH_FETCH);
    cr_assert(f.has_timeout);
    cr_assert_eq(f.timeout_us, 1000000);
    f = parse("FETCH 5 c WITH (TIMEOUT '250ms')", SUBFETCH_FETCH);
    cr_assert_eq(f.timeout_us, 250000);
    f = parse("FETCH ALL c WITH (timeout = '0s');", SUBFETCH_FETCH);
    cr_assert(f.has_timeout);
    cr_assert_eq(f.timeout_us, 0);
    f = parse("FETCH ALL c WITH (timeout = 2)", SUBFETCH_FETCH);
    cr_assert_eq(f.timeout_us, 2000000);
    f = parse("FETCH ALL c WITH (timeout = '1.5 seconds')", SUBFETCH_FETCH);
    cr_assert_eq(f.timeout_us, 1500000);
    f = parse("FETCH ALL c WITH (timeout = '2min')", SUBFETCH_FETCH);
    cr_assert_eq(f.timeout_us, 120000000ULL);
    f = parse("FETCH ALL c WITH ()", SUBFETCH_FETCH);
    cr_assert(!f.has_timeout);
}

Test(subscribe_fetch, fetch_zero_is_a_fetch_of_no_rows)
{
    /* Materialize answers FETCH 0 at once with no rows: the proxy must
     * answer it too once it answers the cursor's FETCHes itself. */
    struct subfetch f = parse("FETCH 0 c", SUBFETCH_FETCH);
    cr_assert(!f.all);
    cr_assert_eq(f.count, 0);
    f = parse("FETCH FORWARD 0 c", SUBFETCH_FETCH);
    cr_assert_eq(f.count, 0);
}

Test(subscribe_fetch, unsupported)
{
    parse("FETCH BACKWARD 1 c", SUBFETCH_UNSUPPORTED);
    parse("FETCH PRIOR c", SUBFETCH_UNSUPPORTED);
    parse("FETCH ABSOLUTE 3 c", SUBFETCH_UNSUPPORTED);
    parse("FETCH -1 c", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL c WITH (timeout = 'soon')", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL c WITH (other = 1)", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL c WITH (timeout = '1s', timeout = '2s')", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL c WITH (timeout = '1s'", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL", SUBFETCH_UNSUPPORTED);
    parse("FETCH", SUBFETCH_UNSUPPORTED);
    parse("FETCH ALL c extra", SUBFETCH_UNSUPPORTED);
}

Test(subscribe_fetch, close_and_others)
{
    struct subfetch f = parse("CLOSE c", SUBFETCH_CLOSE);
    cr_assert_str_eq(f.cursor, "c");
    cr_assert(!f.close_all);
    f = parse("close ALL;", SUBFETCH_CLOSE);
    cr_assert(f.close_all);
    parse("COMMIT", SUBFETCH_OTHER);
    parse("", SUBFETCH_OTHER);
    parse("SELECT 1", SUBFETCH_OTHER);
    parse("CLOSE c; FETCH ALL c", SUBFETCH_OTHER);
    /* Two statements: never answered as one FETCH. */
    parse("FETCH ALL c; SELECT 1", SUBFETCH_UNSUPPORTED);
    parse("-- hi\nFETCH /* x */ 3 c", SUBFETCH_FETCH);
}

Test(subscribe_fetch, interval)
{
    uint64_t us;
    cr_assert(subfetch_interval_us("100ms", 5, &us));
    cr_assert_eq(us, 100000);
    cr_assert(subfetch_interval_us(" 3 h ", 5, &us));
    cr_assert_eq(us, 3ULL * 3600 * 1000000);
    cr_assert(subfetch_interval_us(".5", 2, &us));
    cr_assert_eq(us, 500000);
    cr_assert(!subfetch_interval_us("", 0, &us));
    cr_assert(!subfetch_interval_us("s", 1, &us));
    cr_assert(!subfetch_interval_us("1 fortnight", 11, &us));
    cr_assert(!subfetch_interval_us("99999999999h", 12, &us));
}

Test(subscribe_fetch, long_names)
{
    char sql[200];
    memset(sql, 0, sizeof sql);
    strcpy(sql, "FETCH ALL ");
    memset(sql + strlen(sql), 'x', 100);
    parse(sql, SUBFETCH_UNSUPPORTED);
}

Test(subscribe_fetch, nul_in_a_quoted_name)
{
    static const char sql[] = "FETCH ALL \"a\0b\"";
    struct subfetch f;
    cr_assert_eq(subfetch_parse(sql, sizeof sql - 1, &f), SUBFETCH_UNSUPPORTED);
    static const char cl[] = "CLOSE \"\0\"";
    cr_assert_eq(subfetch_parse(cl, sizeof cl - 1, &f), SUBFETCH_OTHER);
}
