/*
 * startup_refusal.c: PostgreSQL's answer to each startup packet problem
 * (startup_refusal.h). The messages are the server's, so that the proxy's log
 * reads like the server's for the same bytes.
 */
#include "protocol/startup_refusal.h"

#include <stdio.h>
#include <string.h>

#include "protocol/sqlstate.h"

static void refusal_set(struct wire_startup_refusal *out, enum wire_startup_answer answer,
                        const char *sqlstate, const char *message)
{
    out->answer = answer;
    out->sqlstate = sqlstate;
    snprintf(out->message, sizeof out->message, "%s", message);
}

void wire_startup_refuse_frame(enum wire_frame_result r, struct wire_startup_refusal *out)
{
    (void)r; /* under 8 bytes or over the limit: the server says the same for both */
    refusal_set(out, WIRE_STARTUP_ANSWER_SILENT, SQLSTATE_PROTOCOL_VIOLATION,
                "invalid length of startup packet");
}

void wire_startup_refuse_eof(size_t avail, bool negotiated, struct wire_startup_refusal *out)
{
    if (avail == 0 || (avail < 4 && negotiated)) {
        refusal_set(out, WIRE_STARTUP_ANSWER_QUIET, SQLSTATE_PROTOCOL_VIOLATION, "");
        return;
    }
    refusal_set(out, WIRE_STARTUP_ANSWER_SILENT, SQLSTATE_PROTOCOL_VIOLATION,
                "incomplete startup packet");
}

void wire_startup_refuse_parse(enum wire_startup_result r, const struct wire_startup *s,
                               struct wire_startup_refusal *out)
{
    if (s->kind == WIRE_STARTUP_CANCEL) {
        /* The only way a CancelRequest fails to parse is its size. */
        refusal_set(out, WIRE_STARTUP_ANSWER_SILENT, SQLSTATE_PROTOCOL_VIOLATION,
                    "invalid length of startup packet");
        return;
    }
    switch (r) {
    case WIRE_STARTUP_BAD_VERSION: {
        uint32_t major = s->code >> 16, minor = s->code & 0xffff;
        /* A real old client (protocol 1.x or 2.x) gets PostgreSQL's answer;
         * any other code is garbage. */
        if (major == 1 || major == 2) {
            out->answer = WIRE_STARTUP_ANSWER_FATAL;
            out->sqlstate = SQLSTATE_FEATURE_NOT_SUPPORTED;
            snprintf(out->message, sizeof out->message,
                     "unsupported frontend protocol %u.%u: server supports 3.0 to 3.0",
                     (unsigned)major, (unsigned)minor);
        } else {
            out->answer = WIRE_STARTUP_ANSWER_FATAL;
            out->sqlstate = SQLSTATE_PROTOCOL_VIOLATION;
            snprintf(out->message, sizeof out->message,
                     "invalid startup packet: unknown request code %u", (unsigned)s->code);
        }
        return;
    }
    case WIRE_STARTUP_NO_USER:
        refusal_set(out, WIRE_STARTUP_ANSWER_FATAL, SQLSTATE_INVALID_AUTHORIZATION,
                    "no PostgreSQL user name specified in startup packet");
        return;
    case WIRE_STARTUP_DUPLICATE: /* PostgreSQL would take the last: never disagree */
        refusal_set(out, WIRE_STARTUP_ANSWER_FATAL, SQLSTATE_PROTOCOL_VIOLATION,
                    "invalid startup packet layout: a parameter appears twice");
        return;
    case WIRE_STARTUP_TOO_MANY:
    case WIRE_STARTUP_MALFORMED:
    case WIRE_STARTUP_OK:
        break;
    }
    refusal_set(out, WIRE_STARTUP_ANSWER_FATAL, SQLSTATE_PROTOCOL_VIOLATION,
                "invalid startup packet layout");
}
