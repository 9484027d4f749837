/*
 * wire.c: which type letters each direction may send, and their names for logs.
 *
 * One table per direction: the same letter means different things depending on
 * who sent it ('D' is Describe from a client and DataRow from a server), so the
 * direction is always part of the question.
 */
#include "protocol/wire.h"

/* Indexed by the type letter: every relayed message's header is checked
 * here (wire_frame_peek), so the answer is one load, not a search. */
const char *const wire_frontend_names[256] = {
    [WIRE_F_BIND] = "Bind",
    [WIRE_F_CLOSE] = "Close",
    [WIRE_F_COPY_DATA] = "CopyData",
    [WIRE_F_COPY_DONE] = "CopyDone",
    [WIRE_F_COPY_FAIL] = "CopyFail",
    [WIRE_F_DESCRIBE] = "Describe",
    [WIRE_F_EXECUTE] = "Execute",
    [WIRE_F_FLUSH] = "Flush",
    [WIRE_F_FUNCTION_CALL] = "FunctionCall",
    [WIRE_F_PARSE] = "Parse",
    [WIRE_F_PASSWORD] = "PasswordMessage",
    [WIRE_F_QUERY] = "Query",
    [WIRE_F_SYNC] = "Sync",
    [WIRE_F_TERMINATE] = "Terminate",
};

const char *const wire_backend_names[256] = {
    [WIRE_B_AUTH] = "Authentication",
    [WIRE_B_BACKEND_KEY] = "BackendKeyData",
    [WIRE_B_BIND_COMPLETE] = "BindComplete",
    [WIRE_B_CLOSE_COMPLETE] = "CloseComplete",
    [WIRE_B_COMMAND_COMPLETE] = "CommandComplete",
    [WIRE_B_COPY_BOTH] = "CopyBothResponse",
    [WIRE_B_COPY_DATA] = "CopyData",
    [WIRE_B_COPY_DONE] = "CopyDone",
    [WIRE_B_COPY_IN] = "CopyInResponse",
    [WIRE_B_COPY_OUT] = "CopyOutResponse",
    [WIRE_B_DATA_ROW] = "DataRow",
    [WIRE_B_EMPTY_QUERY] = "EmptyQueryResponse",
    [WIRE_B_ERROR] = "ErrorResponse",
    [WIRE_B_FUNCTION_RESULT] = "FunctionCallResponse",
    [WIRE_B_NEGOTIATE_VERSION] = "NegotiateProtocolVersion",
    [WIRE_B_NO_DATA] = "NoData",
    [WIRE_B_NOTICE] = "NoticeResponse",
    [WIRE_B_NOTIFICATION] = "NotificationResponse",
    [WIRE_B_PARAM_DESC] = "ParameterDescription",
    [WIRE_B_PARAM_STATUS] = "ParameterStatus",
    [WIRE_B_PARSE_COMPLETE] = "ParseComplete",
    [WIRE_B_PORTAL_SUSPENDED] = "PortalSuspended",
    [WIRE_B_READY] = "ReadyForQuery",
    [WIRE_B_ROW_DESCRIPTION] = "RowDescription",
};

const char *wire_type_name(enum wire_direction dir, uint8_t type)
{
    const char *name = wire_type_name_or_null(dir, type);

    return name ? name : "unknown";
}
