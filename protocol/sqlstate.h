/*
 * sqlstate.h: the SQLSTATE codes cutover itself raises. Named so a grep for a
 * code finds every place that can produce it.
 */
#ifndef CUTOVER_PROTOCOL_SQLSTATE_H
#define CUTOVER_PROTOCOL_SQLSTATE_H

#define SQLSTATE_PROTOCOL_VIOLATION      "08P01"
#define SQLSTATE_CONNECTION_FAILURE      "08006"
#define SQLSTATE_CONNECTION_EXCEPTION    "08000"
#define SQLSTATE_REJECTED_CONNECTION     "08004" /* sqlserver_rejected_establishment */
#define SQLSTATE_TOO_MANY_CONNECTIONS    "53300"
#define SQLSTATE_OUT_OF_MEMORY           "53200"
#define SQLSTATE_PROGRAM_LIMIT_EXCEEDED  "54000"
#define SQLSTATE_ADMIN_SHUTDOWN          "57P01"
#define SQLSTATE_CANNOT_CONNECT_NOW      "57P03"
#define SQLSTATE_QUERY_CANCELED          "57014"
#define SQLSTATE_IN_FAILED_TRANSACTION   "25P02"
#define SQLSTATE_INVALID_AUTHORIZATION   "28000"
#define SQLSTATE_INVALID_PASSWORD        "28P01"
#define SQLSTATE_FEATURE_NOT_SUPPORTED   "0A000"
#define SQLSTATE_INVALID_PARAMETER_VALUE "22023"
#define SQLSTATE_UNDEFINED_OBJECT        "42704"
#define SQLSTATE_INTERNAL_ERROR          "XX000"
/* Codes the server raises that the deployment lifecycle (control/) reacts to. */
#define SQLSTATE_SERIALIZATION_FAILURE "40001" /* retry the swap */
#define SQLSTATE_UNDEFINED_TABLE       "42P01" /* a catalog view this server lacks */
#define SQLSTATE_UNDEFINED_FUNCTION    "42883" /* (same) */
/* cutover's own class "ZC" for what only a proxy can cause. SQL reserves
 * classes starting 0-4 and A-H for the standard; I-Z are implementation
 * defined, and neither PostgreSQL nor Materialize uses ZC. */
#define SQLSTATE_ROUTE_UNAVAILABLE     "ZC001" /* route has no environment now */
#define SQLSTATE_SUBSCRIBE_RESUBSCRIBE "ZC002" /* SUBSCRIBE not carried over: resubscribe */
#define SQLSTATE_BARRIER_TIMEOUT       "ZC003" /* held at the barrier too long */
#define SQLSTATE_MISSED_CUTOVER        "ZC004" /* transaction straddled a cutover the proxy missed */

#endif
