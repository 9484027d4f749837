/*
 * wire.c: which type letters each direction may send, and their names for logs.
 *
 * One table per direction: the same letter means different things depending on
 * who sent it ('D' is Describe from a client and DataRow from a server), so the
 * direction is always part of the question.
 */
#include "protocol/wire.h"

struct wire_type_entry {
    uint8_t type;     /* the message type letter */
    const char *name; /* the protocol documentation's name */
};

static const struct wire_type_entry frontend_types[] = {
    {WIRE_F_BIND, "Bind"},
    {WIRE_F_CLOSE, "Close"},
    {WIRE_F_COPY_DATA, "CopyData"},
    {WIRE_F_COPY_DONE, "CopyDone"},
    {WIRE_F_COPY_FAIL, "CopyFail"},
    {WIRE_F_DESCRIBE, "Describe"},
    {WIRE_F_EXECUTE, "Execute"},
    {WIRE_F_FLUSH, "Flush"},
    {WIRE_F_FUNCTION_CALL, "FunctionCall"},
    {WIRE_F_PARSE, "Parse"},
    {WIRE_F_PASSWORD, "PasswordMessage"},
    {WIRE_F_QUERY, "Query"},
    {WIRE_F_SYNC, "Sync"},
    {WIRE_F_TERMINATE, "Terminate"},
};

static const struct wire_type_entry backend_types[] = {
    {WIRE_B_AUTH, "Authentication"},
    {WIRE_B_BACKEND_KEY, "BackendKeyData"},
    {WIRE_B_BIND_COMPLETE, "BindComplete"},
    {WIRE_B_CLOSE_COMPLETE, "CloseComplete"},
    {WIRE_B_COMMAND_COMPLETE, "CommandComplete"},
    {WIRE_B_COPY_BOTH, "CopyBothResponse"},
    {WIRE_B_COPY_DATA, "CopyData"},
    {WIRE_B_COPY_DONE, "CopyDone"},
    {WIRE_B_COPY_IN, "CopyInResponse"},
    {WIRE_B_COPY_OUT, "CopyOutResponse"},
    {WIRE_B_DATA_ROW, "DataRow"},
    {WIRE_B_EMPTY_QUERY, "EmptyQueryResponse"},
    {WIRE_B_ERROR, "ErrorResponse"},
    {WIRE_B_FUNCTION_RESULT, "FunctionCallResponse"},
    {WIRE_B_NEGOTIATE_VERSION, "NegotiateProtocolVersion"},
    {WIRE_B_NO_DATA, "NoData"},
    {WIRE_B_NOTICE, "NoticeResponse"},
    {WIRE_B_NOTIFICATION, "NotificationResponse"},
    {WIRE_B_PARAM_DESC, "ParameterDescription"},
    {WIRE_B_PARAM_STATUS, "ParameterStatus"},
    {WIRE_B_PARSE_COMPLETE, "ParseComplete"},
    {WIRE_B_PORTAL_SUSPENDED, "PortalSuspended"},
    {WIRE_B_READY, "ReadyForQuery"},
    {WIRE_B_ROW_DESCRIPTION, "RowDescription"},
};

static const struct wire_type_entry *lookup(enum wire_direction dir, uint8_t type)
{
    const struct wire_type_entry *table;
    size_t n;

    switch (dir) {
    case WIRE_FRONTEND:
        table = frontend_types;
        n = sizeof(frontend_types) / sizeof(frontend_types[0]);
        break;
    case WIRE_BACKEND:
        table = backend_types;
        n = sizeof(backend_types) / sizeof(backend_types[0]);
        break;
    default:
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (table[i].type == type)
            return &table[i];
    }
    return NULL;
}

bool wire_type_is_known(enum wire_direction dir, uint8_t type)
{
    return lookup(dir, type) != NULL;
}

const char *wire_type_name(enum wire_direction dir, uint8_t type)
{
    const struct wire_type_entry *e = lookup(dir, type);

    return e ? e->name : "unknown";
}
