/*
 * test_fleet_view.c: the fleet tables' rows as a member decodes them, and
 * the rules by which its view of the intent and the reports is merged from
 * reads and from the watch's pushes (control/fleet_view.h).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "control/fleet_view.h"

static enum fleet_row_kind decode(struct fleet_row *row, const char *k, const char *a,
                                  const char *b, const char *c, const char *g, const char *t,
                                  const char *n, const char *d)
{
    const char *col[FLEET_ROW_COLUMNS] = {k, a, b, c, g, t, n, d};
    return fleet_row_decode(col, row);
}

Test(fleet_view, decodes_each_kind_of_row)
{
    struct fleet_row row;
    cr_assert_eq(
        decode(&row, "i", "m1", "promote", "open", "7", "1700000001000", "1700000000000", ""),
        FLEET_ROW_INTENT);
    cr_assert_eq(row.u.intent.generation, 7);
    cr_assert_str_eq(row.u.intent.promoter, "m1");
    cr_assert_str_eq(row.u.intent.action, "promote");
    cr_assert_str_eq(row.u.intent.state, "open");
    cr_assert_eq(row.u.intent.deadline_ms, 1700000001000LL);

    cr_assert_eq(decode(&row, "r", "m2", "quiescent", "", "7", "5", "0", "held_after_us=12"),
                 FLEET_ROW_REPORT);
    cr_assert_eq(row.u.report.generation, 7);
    cr_assert_str_eq(row.u.report.member, "m2");
    cr_assert_str_eq(row.u.report.kind, "quiescent");
    cr_assert_str_eq(row.u.report.detail, "held_after_us=12");

    cr_assert_eq(decode(&row, "m", "m3", "10.0.0.3:6432", "following", "6", "99", "4242", ""),
                 FLEET_ROW_MEMBER);
    cr_assert_str_eq(row.u.member.name, "m3");
    cr_assert_eq(row.u.member.heartbeat_ms, 99);
    cr_assert_eq(row.u.member.pid, 4242);

    cr_assert_eq(decode(&row, "c", "", "", "", "0", "1700000000123", "0", ""), FLEET_ROW_CLOCK);
    cr_assert_eq(row.u.server_ms, 1700000000123LL);
    cr_assert_eq(decode(&row, "s", "u12", "analytics", "", "", "", "", ""), FLEET_ROW_SCHEMA);
}

Test(fleet_view, refuses_rows_it_cannot_read)
{
    struct fleet_row row;
    /* numbers that are not whole decimal int64s */
    cr_assert_eq(decode(&row, "i", "m1", "promote", "open", "7x", "0", "0", ""), FLEET_ROW_UNKNOWN);
    cr_assert_eq(decode(&row, "r", "m1", "quiescent", "", "99999999999999999999", "0", "0", ""),
                 FLEET_ROW_UNKNOWN);
    cr_assert_eq(decode(&row, "i", "m1", "promote", "open", " ", "0", "0", ""), FLEET_ROW_UNKNOWN);
    /* unknown or long kinds */
    cr_assert_eq(decode(&row, "f", "1", "open", "", "", "", "", ""), FLEET_ROW_UNKNOWN);
    cr_assert_eq(decode(&row, "ii", "m1", "", "", "1", "0", "0", ""), FLEET_ROW_UNKNOWN);
    cr_assert_eq(decode(&row, "", "m1", "", "", "1", "0", "0", ""), FLEET_ROW_UNKNOWN);
}

Test(fleet_view, cuts_long_text_at_the_field)
{
    char longname[300];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    struct fleet_row row;
    cr_assert_eq(decode(&row, "r", longname, longname, "", "1", "0", "0", longname),
                 FLEET_ROW_REPORT);
    cr_assert_eq(strlen(row.u.report.member), FLEET_NAME_MAX - 1);
    cr_assert_eq(strlen(row.u.report.kind), sizeof row.u.report.kind - 1);
    cr_assert_eq(strlen(row.u.report.detail), FLEET_TEXT_MAX - 1);
}

static struct fleet_intent_info intent(int64_t g, const char *state)
{
    struct fleet_intent_info in;
    memset(&in, 0, sizeof in);
    in.generation = g;
    strcpy(in.state, state);
    return in;
}

/* A read sent before a push may return after it: the view never goes back. */
Test(fleet_view, the_intent_only_moves_forward)
{
    struct fleet_intent_info open5 = intent(5, "open"), committed5 = intent(5, "committed"),
                             aborted5 = intent(5, "aborted"), done5 = intent(5, "done"),
                             open6 = intent(6, "open"), done4 = intent(4, "done");
    cr_assert(fleet_intent_newer(&committed5, &open5));
    cr_assert(fleet_intent_newer(&aborted5, &open5));
    cr_assert(fleet_intent_newer(&done5, &committed5));
    cr_assert(fleet_intent_newer(&open6, &done5));
    cr_assert_not(fleet_intent_newer(&open5, &committed5));
    cr_assert_not(fleet_intent_newer(&open5, &open5), "the same version is not newer");
    cr_assert_not(fleet_intent_newer(&committed5, &aborted5));
    cr_assert_not(fleet_intent_newer(&done4, &open5), "an older generation never wins");
    struct fleet_intent_info odd = intent(5, "whatever");
    cr_assert_not(fleet_intent_newer(&odd, &open5));
    cr_assert(fleet_intent_newer(&open5, &odd));
}

static struct fleet_report report(int64_t g, const char *member, const char *kind)
{
    struct fleet_report r;
    memset(&r, 0, sizeof r);
    r.generation = g;
    strcpy(r.member, member);
    strcpy(r.kind, kind);
    return r;
}

Test(fleet_view, reports_are_added_once_and_pruned_by_generation)
{
    struct fleet_report buf[3];
    struct fleet_reports rs = {buf, 0, 3};
    struct fleet_report q5 = report(5, "m2", "quiescent"), s5 = report(5, "m2", "switched"),
                        q4 = report(4, "m3", "quiescent"), q6 = report(6, "m3", "quiescent");
    cr_assert(fleet_reports_add(&rs, &q5, 5));
    cr_assert_not(fleet_reports_add(&rs, &q5, 5), "the same report twice");
    cr_assert_not(fleet_reports_add(&rs, &q4, 5), "a report of an older generation");
    cr_assert(fleet_reports_add(&rs, &s5, 5));
    cr_assert(fleet_reports_add(&rs, &q4, 0));
    struct fleet_report x = report(5, "m9", "quiescent");
    cr_assert_not(fleet_reports_add(&rs, &x, 0), "full");
    cr_assert_eq(rs.n, 3);
    cr_assert_not_null(fleet_reports_find(&rs, 5, "m2", "switched"));
    cr_assert_null(fleet_reports_find(&rs, 6, "m2", "switched"));
    cr_assert_null(fleet_reports_find(&rs, 5, "m2", "carried"));
    fleet_reports_prune(&rs, 5);
    cr_assert_eq(rs.n, 2);
    cr_assert_null(fleet_reports_find(&rs, 4, "m3", "quiescent"));
    cr_assert_str_eq(rs.r[0].kind, "quiescent", "order kept");
    cr_assert_str_eq(rs.r[1].kind, "switched");
    cr_assert(fleet_reports_add(&rs, &q6, 5));
    fleet_reports_prune(&rs, 7);
    cr_assert_eq(rs.n, 0);
}

Test(fleet_view, a_swap_is_an_id_moved_between_known_names)
{
    const char *sig = "analytics=u10 analytics_dbt_deploy=u11 cutover_marker=u12 "
                      "cutover_marker_dbt_deploy=u13 ";
    cr_assert(fleet_sig_swapped(sig, "u11", "analytics"));
    cr_assert(fleet_sig_swapped(sig, "u10", "analytics_dbt_deploy"));
    cr_assert(fleet_sig_swapped(sig, "u13", "cutover_marker"));
    cr_assert_not(fleet_sig_swapped(sig, "u10", "analytics"), "unchanged");
    cr_assert_not(fleet_sig_swapped(sig, "u99", "analytics"), "a new id: created, not swapped");
    cr_assert_not(fleet_sig_swapped(sig, "u11", "other"), "a name the signature lacks");
    cr_assert_not(fleet_sig_swapped(sig, "u1", "analytics"), "ids match whole, not by prefix");
    cr_assert_not(fleet_sig_swapped(sig, "u11", "analytic"), "names match whole");
    cr_assert_not(fleet_sig_swapped("", "u11", "analytics"));
    cr_assert_not(fleet_sig_swapped(sig, "", "analytics"));
    cr_assert(fleet_sig_swapped("a=b=1 c=2", "2", "a=b"), "split at the last '='");
}
