"""Session variables: defaults, validation, the ParameterStatus set and startup `options`."""

from .sqlparse import SqlError

# Reported (notify) variables in the order Materialize sends them after AuthenticationOk.
REPORTED = [
    "application_name", "client_encoding", "DateStyle", "integer_datetimes", "server_version",
    "standard_conforming_strings", "TimeZone", "IntervalStyle", "cluster", "cluster_replica",
    "database", "search_path", "mz_version",
]

READ_ONLY = {"integer_datetimes", "server_version", "standard_conforming_strings", "mz_version",
             "server_version_num", "is_superuser", "max_identifier_length"}

DEFAULTS = {
    "application_name": "",
    "client_encoding": "UTF8",
    "DateStyle": "ISO, MDY",
    "integer_datetimes": "on",
    "server_version": "9.5.0",
    "server_version_num": "90500",
    "standard_conforming_strings": "on",
    "TimeZone": "UTC",
    "IntervalStyle": "postgres",
    "cluster": "quickstart",
    "cluster_replica": None,
    "database": "materialize",
    "search_path": "public",
    "mz_version": None,  # filled at start
    "welcome_message": "on",
    "statement_timeout": "0",
    "idle_in_transaction_session_timeout": "120 s",
    "transaction_isolation": "strict serializable",
    "client_min_messages": "notice",
    "extra_float_digits": "3",
    "emit_timestamp_notice": "off",
    "emit_trace_id_notice": "off",
    "auto_route_catalog_queries": "on",
    "enable_session_rbac_checks": "off",
    "max_query_result_size": "1GB",
    "sql_safe_updates": "off",
    "is_superuser": "off",
    "max_identifier_length": "255",
    "real_time_recency": "off",
    "statement_logging_sample_rate": "0",
    "cluster_replica_name": None,
    # Materialize-only variables dbt-materialize (and other clients) pass in `options`.
    "current_object_missing_warnings": "on",
    "default_cluster_replication_factor": "1",
    "real_time_recency_timeout": "10 s",
    "emit_introspection_query_notice": "on",
    "enable_session_cardinality_estimates": "off",
}

_CANON = {k.lower(): k for k in DEFAULTS}


def canon(name):
    n = name.lower()
    if n == "schema":
        return "search_path"
    if n == "default_transaction_isolation":
        return "transaction_isolation"
    if n not in _CANON:
        raise SqlError("42704", 'unrecognized configuration parameter "%s"' % name)
    return _CANON[n]


def _bool(v):
    s = str(v).lower()
    if s in ("on", "true", "t", "yes", "1"):
        return "on"
    if s in ("off", "false", "f", "no", "0"):
        return "off"
    return None


def validate(name, value):
    """Return the canonical stored value or raise SqlError (Materialize wording)."""
    if name in READ_ONLY:
        raise SqlError("55P02", 'parameter "%s" cannot be changed' % name)
    v = value
    if name == "client_encoding":
        if v.upper().replace("-", "") not in ("UTF8", "UNICODE"):
            raise SqlError("22023", 'invalid value for parameter "client_encoding": "%s"' % v)
        return "UTF8"
    if name == "DateStyle":
        parts = [p.strip().upper() for p in v.split(",")]
        if not all(p in ("ISO", "MDY") for p in parts):
            raise SqlError("22023", 'invalid value for parameter "DateStyle": "%s"' % v)
        return "ISO, MDY"
    if name == "TimeZone":
        if v.upper() not in ("UTC", "+00:00", "GMT", "Z", "ETC/UTC"):
            raise SqlError("22023", 'invalid value for parameter "TimeZone": "%s"' % v)
        return "UTC"
    if name == "IntervalStyle":
        if v.lower() != "postgres":
            raise SqlError("22023", 'invalid value for parameter "IntervalStyle": "%s"' % v)
        return "postgres"
    if name in ("welcome_message", "emit_timestamp_notice", "emit_trace_id_notice",
                "auto_route_catalog_queries", "enable_session_rbac_checks", "sql_safe_updates",
                "real_time_recency", "current_object_missing_warnings", "emit_introspection_query_notice",
                "enable_session_cardinality_estimates"):
        b = _bool(v)
        if b is None:
            raise SqlError("22023", 'invalid value for parameter "%s": "%s"' % (name, v))
        return b
    if name == "transaction_isolation":
        if v.lower() not in ("serializable", "strict serializable"):
            raise SqlError("22023", 'invalid value for parameter "transaction_isolation": "%s"' % v)
        return v.lower()
    if name == "search_path":
        return ", ".join(p.strip() for p in v.split(",") if p.strip())
    return v


def split_options(s):
    """Split the startup `options` value on spaces; backslash escapes the next character."""
    words, cur, i, have = [], [], 0, False
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            cur.append(s[i + 1])
            have = True
            i += 2
            continue
        if c.isspace():
            if have:
                words.append("".join(cur))
            cur, have = [], False
        else:
            cur.append(c)
            have = True
        i += 1
    if have:
        words.append("".join(cur))
    return words


def parse_options(s):
    """Return (list of (key, value), ok). ok is False when some word could not be parsed."""
    words = split_options(s)
    out, i, ok = [], 0, True
    while i < len(words):
        w = words[i]
        kv = None
        if w.startswith("--"):
            kv = w[2:]
        elif w == "-c":
            if i + 1 < len(words):
                i += 1
                kv = words[i]
        elif w.startswith("-c"):
            kv = w[2:]
        if kv is None or "=" not in kv:
            return [], False  # Materialize applies nothing from options then
        k, v = kv.split("=", 1)
        out.append((k, v))  # a `-` in a key stays a `-` (no `-` to `_` as in PostgreSQL)
        i += 1
    return out, ok


def search_path_list(v):
    out = []
    for p in (v or "").split(","):
        p = p.strip()
        if len(p) >= 2 and p[0] == p[-1] == '"':
            p = p[1:-1].replace('""', '"')
        if p:
            out.append(p)
    return out
