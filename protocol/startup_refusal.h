/*
 * startup_refusal.h: how PostgreSQL refuses a startup packet it will not
 * take, so that the proxy refuses the same bytes the same way.
 *
 * PostgreSQL's ProcessStartupPacket reports some problems with COMMERROR:
 * the server logs them, sends nothing and closes the connection (an invalid
 * length, a packet cut short, a CancelRequest of the wrong size). A driver
 * then sees the connection end, as from any server that went away. The other
 * problems get a FATAL ErrorResponse. Answering a COMMERROR case with a FATAL
 * makes some drivers report a server error (or a crash) where a direct
 * connection would not, so the proxy follows the server's choice exactly.
 */
#ifndef CUTOVER_PROTOCOL_STARTUP_REFUSAL_H
#define CUTOVER_PROTOCOL_STARTUP_REFUSAL_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/frame.h"
#include "protocol/startup.h"

enum wire_startup_answer {
    WIRE_STARTUP_ANSWER_FATAL,  /* send a FATAL ErrorResponse, then close */
    WIRE_STARTUP_ANSWER_SILENT, /* COMMERROR: log it, send nothing, close */
    WIRE_STARTUP_ANSWER_QUIET,  /* nothing to log as an error nor to send: close */
};

struct wire_startup_refusal {
    enum wire_startup_answer answer;
    const char *sqlstate; /* SQLSTATE_*: of the FATAL, or of the logged COMMERROR */
    char message[128];    /* PostgreSQL's words for it (empty for QUIET) */
};

/*
 * A startup packet whose length word wire_startup_frame_peek judged
 * WIRE_FRAME_MALFORMED or WIRE_FRAME_TOO_LARGE: "invalid length of startup
 * packet", SILENT (under 8 bytes or over the limit; no byte of the body is
 * read).
 */
void wire_startup_refuse_frame(enum wire_frame_result r, struct wire_startup_refusal *out);

/*
 * The client closed its side with `avail` bytes of an unfinished startup
 * packet buffered. `negotiated`: an SSLRequest or GSSENCRequest was answered
 * on this connection (with 'S' or 'N'). No byte at all is QUIET (monitoring
 * probes and port scanners do that); a partial length word is QUIET after a
 * negotiation (a client that did not like the answer) and SILENT
 * ("incomplete startup packet") before; a partial body is always SILENT.
 */
void wire_startup_refuse_eof(size_t avail, bool negotiated, struct wire_startup_refusal *out);

/*
 * wire_startup_parse() returned `r` (not WIRE_STARTUP_OK) for a packet it
 * filled `s` from. A CancelRequest of the wrong size is SILENT (PostgreSQL
 * never answers a CancelRequest); every StartupMessage problem is FATAL with
 * PostgreSQL's SQLSTATE: 0A000 for a protocol 1.x or 2.x client, 28000 for a
 * missing user, 08P01 for the rest.
 */
void wire_startup_refuse_parse(enum wire_startup_result r, const struct wire_startup *s,
                               struct wire_startup_refusal *out);

#endif
