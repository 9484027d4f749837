"""Materialize's words for catalog errors, and PostgreSQL's errors reworded to match.

Sources (MaterializeInc/materialize):
- src/sql/src/catalog.rs, `impl Display for CatalogError`: `unknown schema '{}'`,
  `schema '{}' already exists`, `unknown cluster '{}'`, `cluster '{}' already exists`,
  `unknown cluster replica '{}'`, `cannot create multiple replicas named '{r}' on cluster '{c}'`,
  `unknown catalog item '{}'`, `catalog item '{}' already exists`, `unknown role '{}'`,
  `role '{}' already exists`, `unknown database '{}'`.
- src/sql/src/plan/error.rs: `ItemAlreadyExists` -> `{item_type} "{full name}" already exists`;
  `InvalidSchemaName` -> `no schema has been selected to create in` (3F000).
- src/adapter/src/error.rs, `AdapterError::code`: catalog and plan errors are XX000 (except
  InvalidSchemaName 3F000, ColumnAlreadyExists 42701, Unsupported 0A000); `Unauthorized`
  (`must be owner of <TYPE> <name>`) is 42501.
"""

from .sqlparse import SqlError

CATALOG = "XX000"


def unknown_schema(name):
    return SqlError(CATALOG, "unknown schema '%s'" % name)


def unknown_item(name):
    return SqlError(CATALOG, "unknown catalog item '%s'" % name)


def unknown_cluster(name):
    return SqlError(CATALOG, "unknown cluster '%s'" % name)


def unknown_replica(name):
    return SqlError(CATALOG, "unknown cluster replica '%s'" % name)


def unknown_role(name):
    return SqlError(CATALOG, "unknown role '%s'" % name)


def schema_exists(name):
    return SqlError(CATALOG, "schema '%s' already exists" % name)


def cluster_exists(name):
    return SqlError(CATALOG, "cluster '%s' already exists" % name)


def role_exists(name):
    return SqlError(CATALOG, "role '%s' already exists" % name)


def duplicate_replica(replica, cluster):
    return SqlError(CATALOG, "cannot create multiple replicas named '%s' on cluster '%s'" % (replica, cluster))


def item_exists(item_type, full_name):
    """item_type as Materialize prints it: table, view, materialized view, index, sink, ..."""
    return SqlError(CATALOG, '%s "%s" already exists' % (item_type, full_name))


def not_supported(what):
    """What the emulator deliberately does not model: refused, never answered wrongly."""
    return SqlError("0A000", "%s is not supported by the emulator" % what)


def from_pg(code, message):
    """PostgreSQL's error for a catalog situation, in Materialize's words; None to keep it."""
    quoted = message.split('"')[1] if message.count('"') >= 2 else None
    if quoted is None:
        return None
    if code == "3F000" and message.startswith('schema "'):
        return unknown_schema(quoted)
    if code == "42P01" and message.startswith('relation "'):
        return unknown_item(quoted)
    if code == "42P06" and message.startswith('schema "'):
        return schema_exists(quoted)
    if code == "42P07" and message.startswith('relation "'):
        return SqlError(CATALOG, "catalog item '%s' already exists" % quoted)
    return None


async def refine(session, err):
    """`unknown catalog item 's.t'` when schema s does not exist is `unknown schema 's'` in
    Materialize (the schema is resolved first). Runs on the admin connection: the session's
    own transaction may be failed."""
    msg = err.message
    prefix = "unknown catalog item '"
    if not msg.startswith(prefix) or err.code != CATALOG:
        return err
    name = msg[len(prefix):-1]
    parts = name.split(".")
    if len(parts) < 2:
        return err
    schema = parts[-2]
    if len(parts) == 3 and parts[0] != "materialize":
        return SqlError(CATALOG, "unknown database '%s'" % parts[0])
    rows = await session.emu.admin_exec("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema], fetch=True)
    return err if rows else unknown_schema(schema)


RESERVED_PREFIXES = ("mz_", "pg_")


def check_schema_name(name):
    """src/catalog/src/memory/error.rs ReservedSchemaName."""
    if name.startswith(RESERVED_PREFIXES):
        raise SqlError(CATALOG, "unacceptable schema name '%s'" % name,
                       detail='The prefixes "mz_" and "pg_" are reserved for system schemas.')


def check_cluster_name(name):
    """src/catalog/src/memory/error.rs ReservedClusterName."""
    if name.startswith(RESERVED_PREFIXES):
        raise SqlError(CATALOG, 'cluster name "%s" is reserved' % name,
                       detail='The prefixes "mz_" and "pg_" are reserved for system clusters.')


def check_replica_name(name):
    """src/catalog/src/memory/error.rs ReservedReplicaName."""
    if name.startswith(RESERVED_PREFIXES):
        raise SqlError(CATALOG, 'replica name "%s" is reserved' % name)


def check_role_name(name):
    """src/catalog/src/memory/error.rs ReservedRoleName."""
    if name.startswith(RESERVED_PREFIXES) or name.lower() == "public":
        raise SqlError(CATALOG, 'role name "%s" is reserved' % name,
                       detail='The role "public" and the prefixes "mz_" and "pg_" are reserved for system roles.')


def check_not_system_cluster(cluster_id, name):
    if cluster_id.startswith("s"):
        raise SqlError(CATALOG, "system cluster '%s' cannot be modified" % name)


def cluster_has_dependents(name):
    """test/sqllogictest/cluster.slt: DROP CLUSTER of a cluster with objects, without CASCADE."""
    return SqlError(CATALOG, 'cannot drop cluster "%s" because other objects depend on it' % name)


CREATE_CLUSTER_EXPECTED = ("Expected one of AVAILABILITY or DISK or INTROSPECTION or MANAGED or REPLICAS or "
                           "REPLICATION or SIZE or SCHEDULE, found EOF")


def unmodelled(words, sql):
    """Statements the emulator deliberately does not model: refused with 0A000 instead of a
    PostgreSQL answer that would be wrong (EXPLAIN would print PostgreSQL's plan) or a hang."""
    w = (words + ["", "", ""])[:4]
    if w[0] == "EXPLAIN":
        return not_supported("EXPLAIN")
    if w[0] == "CREATE" and (w[1] == "SOURCE" or (w[1] == "OR" and w[3] == "SOURCE")):
        return not_supported("CREATE SOURCE (Kafka, S3, PostgreSQL, MySQL, webhook and load-generator sources)")
    if w[0] == "CREATE" and w[1] in ("CONNECTION", "SECRET"):
        return not_supported("CREATE %s" % w[1])
    if w[0] == "COPY" and " s3://" in " " + sql.lower().replace("'", " "):
        return not_supported("COPY ... TO S3")
    if w[0] == "ALTER" and w[1] in ("SOURCE", "CONNECTION", "SECRET"):
        return not_supported("ALTER %s" % w[1])
    return None
