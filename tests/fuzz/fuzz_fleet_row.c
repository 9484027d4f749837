/*
 * libFuzzer target: control/fleet_view.c's decoding of the fleet tables'
 * rows. They come from the server (a read, or a row the watch's SUBSCRIBE
 * pushed), as eight text columns; no content may crash the decoder, every
 * text field it fills must be terminated, and the merge rules must hold for
 * whatever it decodes.
 *
 * Input: the eight columns separated by 0x1f (missing ones are ""); columns
 * 1-3 also go to the schema signature's parse (fleet_sig_swapped).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control/fleet_view.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_terminated(const char *s, size_t len)
{
    if (memchr(s, '\0', len) == NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char cells[FLEET_ROW_COLUMNS][512];
    const char *col[FLEET_ROW_COLUMNS];
    size_t c = 0, at = 0;
    for (size_t i = 0; i < FLEET_ROW_COLUMNS; i++)
        cells[i][0] = '\0';
    for (size_t i = 0; i < size && c < FLEET_ROW_COLUMNS; i++) {
        if (data[i] == 0x1f) {
            cells[c][at] = '\0';
            c++;
            at = 0;
        } else if (at + 1 < sizeof cells[0] && data[i] != '\0') {
            cells[c][at++] = (char)data[i];
            cells[c][at] = '\0';
        }
    }
    for (size_t i = 0; i < FLEET_ROW_COLUMNS; i++)
        col[i] = cells[i];
    /* the schema signature's parse: columns 1-3 as signature, id and name */
    if (fleet_sig_swapped(col[1], col[2], col[3]) && strcmp(col[2], "") == 0)
        abort(); /* an empty id is never a swap */
    struct fleet_row row;
    switch (fleet_row_decode(col, &row)) {
    case FLEET_ROW_INTENT: {
        const struct fleet_intent_info *in = &row.u.intent;
        check_terminated(in->promoter, sizeof in->promoter);
        check_terminated(in->action, sizeof in->action);
        check_terminated(in->state, sizeof in->state);
        check_terminated(in->detail, sizeof in->detail);
        if (fleet_intent_newer(in, in))
            abort(); /* a version is never newer than itself */
        break;
    }
    case FLEET_ROW_REPORT: {
        static struct fleet_report buf[2];
        struct fleet_reports rs = {buf, 0, 2};
        check_terminated(row.u.report.member, sizeof row.u.report.member);
        check_terminated(row.u.report.kind, sizeof row.u.report.kind);
        check_terminated(row.u.report.detail, sizeof row.u.report.detail);
        bool added = fleet_reports_add(&rs, &row.u.report, 0);
        if (fleet_reports_add(&rs, &row.u.report, 0) || (added != (row.u.report.generation >= 0)))
            abort(); /* added once, and only at or after the floor */
        break;
    }
    case FLEET_ROW_MEMBER:
        check_terminated(row.u.member.name, sizeof row.u.member.name);
        check_terminated(row.u.member.address, sizeof row.u.member.address);
        check_terminated(row.u.member.state, sizeof row.u.member.state);
        break;
    case FLEET_ROW_CLOCK:
    case FLEET_ROW_SCHEMA:
    case FLEET_ROW_UNKNOWN:
        break;
    }
    return 0;
}
