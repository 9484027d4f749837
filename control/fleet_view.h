/*
 * fleet_view.h: the rows of the fleet tables as a member sees them, and how
 * its view of the intent and the reports is merged from the two ways rows
 * arrive (docs/fleet.md "How a member watches"):
 *   - a read of the whole state on the control connection (every heartbeat,
 *     after a claim, on a PostgreSQL NOTIFY), which replaces the view;
 *   - the rows Materialize pushes to the watch's SUBSCRIBE, applied on
 *     arrival so that no step waits for a read after each push.
 * Both carry rows of the same eight text columns (k, a, b, c, g, t, n, d),
 * decoded here. A read that was in flight while a push was applied may
 * predate it: it is merged instead of replacing, and merging never moves
 * the intent back (generations only grow; within one, open comes before
 * committed or aborted, which come before done) nor forgets a report
 * (reports are only ever inserted).
 *
 * Pure: no I/O, no allocation.
 */
#ifndef CUTOVER_CONTROL_FLEET_VIEW_H
#define CUTOVER_CONTROL_FLEET_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "control/fleet.h"

#define FLEET_ROW_COLUMNS 8

struct fleet_report {
    int64_t generation;
    char member[FLEET_NAME_MAX];
    char kind[32];               /* quiescent, busy, switched, carried, lowered */
    char detail[FLEET_TEXT_MAX]; /* busy: sessions; switched: held stats; carried: splices */
};

enum fleet_row_kind {
    FLEET_ROW_UNKNOWN, /* not a row of ours (or a malformed one): ignored */
    FLEET_ROW_MEMBER,  /* 'm': member, address, state, generation, heartbeat_ms, pid */
    FLEET_ROW_INTENT,  /* 'i': promoter, action, state, generation, deadline_ms, created_ms, detail
                        */
    FLEET_ROW_REPORT,  /* 'r': member, kind, -, generation, at_ms, -, detail */
    FLEET_ROW_CLOCK,   /* 'c': the server's clock in ms (column t) */
    FLEET_ROW_SCHEMA,  /* 's': a deployment schema's id and name (watch only) */
};

struct fleet_row {
    enum fleet_row_kind kind;
    union {
        struct fleet_member_info member;
        struct fleet_intent_info intent;
        struct fleet_report report;
        int64_t server_ms;
    } u;
};

/* Decodes one row from its eight columns (NULL columns as ""). Numbers that
 * do not parse make the row FLEET_ROW_UNKNOWN; text longer than its field is
 * cut at the field's size. */
enum fleet_row_kind fleet_row_decode(const char *const col[FLEET_ROW_COLUMNS],
                                     struct fleet_row *out);

/* Order of an intent's state within one generation: open 0, committed and
 * aborted 1, done 2; -1 for anything else. */
int fleet_intent_state_rank(const char *state);

/* True when `in` is a later version of the intent than `cur`: a higher
 * generation, or the same one in a later state. */
bool fleet_intent_newer(const struct fleet_intent_info *in, const struct fleet_intent_info *cur);

/* The reports of a view: a fixed array of `cap`. */
struct fleet_reports {
    struct fleet_report *r;
    size_t n, cap;
};

/* Adds `rp` unless the same (generation, member, kind) is there, or it is
 * of a generation before `min_generation`, or the array is full. True when
 * added. */
bool fleet_reports_add(struct fleet_reports *rs, const struct fleet_report *rp,
                       int64_t min_generation);

/* Drops the reports of generations before `min_generation`, in order. */
void fleet_reports_prune(struct fleet_reports *rs, int64_t min_generation);

/* The first report of `generation` by `member` of `kind`, or NULL. */
const struct fleet_report *fleet_reports_find(const struct fleet_reports *rs, int64_t generation,
                                              const char *member, const char *kind);

/* The deployment's schema ids as a member last read them: "name=id " pairs
 * (fleet.c's schema read). True when the pushed schema row (`id`, `name`)
 * moved an id between two of those names: `name` was known with another
 * id, and `id` was known under another name. That is a swap's commit seen in
 * the catalog (a schema created or dropped brings an id or a name the
 * signature does not have). */
bool fleet_sig_swapped(const char *sig, const char *id, const char *name);

#endif
