"""SHOW commands beyond the session variables: SHOW CREATE ..., and the LIKE / WHERE filters
every catalog SHOW accepts.

Sources (MaterializeInc/materialize): src/sql/src/plan/statement/show.rs (SHOW CREATE returns
`(name, create_sql)` with the object's fully qualified name; `SHOW <objects> [LIKE 'p' | WHERE
expr]` filters the SHOW's own columns, LIKE on its first column); test/sqllogictest/cluster.slt
(`SELECT name FROM (SHOW CLUSTERS LIKE 'q%')`).
"""

from . import errors
from .pgconn import Result
from .sqlparse import SqlError, quote_literal

TEXT = 25

SHOW_CREATE_TYPES = {"TABLE": ("table",), "VIEW": ("view",), "MATERIALIZED VIEW": ("materialized-view",),
                     "INDEX": ("index",), "SINK": ("sink",)}


def filtered(query, p, first_col):
    """Wrap a SHOW's query with its trailing `LIKE 'pattern'` or `WHERE <expr>`."""
    if p.at_end():
        return query
    if p.accept_kw("LIKE"):
        pattern = p.string()
        cond = "%s LIKE %s" % (first_col, quote_literal(pattern))
    elif p.accept_kw("WHERE"):
        cond = p.rest()
    else:
        raise SqlError("42601", "Expected end of statement, found %s" % p.peek().val)
    return "SELECT * FROM (%s) AS show WHERE %s ORDER BY 1" % (query, cond)


async def show_create(session, p):
    """p is after SHOW CREATE."""
    from .ddl import get_cluster, resolve_catalog_only, resolve_relation, schema_parts_of

    kind = p.next().val.upper()
    if kind == "MATERIALIZED":
        p.expect_kw("VIEW")
        kind = "MATERIALIZED VIEW"
    if kind in ("SOURCE", "CONNECTION", "SECRET", "TYPE"):
        raise errors.not_supported("SHOW CREATE %s" % kind)
    if kind == "CLUSTER":
        name = p.ident()
        cl = await get_cluster(session, name)
        if not cl[2]:
            raise SqlError("0A000", "SHOW CREATE for unmanaged clusters not yet supported")
        sql = "CREATE CLUSTER %s (SIZE = '%s', REPLICATION FACTOR = %d)" % (
            _quote(name), cl[3], cl[4] if cl[4] is not None else 1)
        return Result([("name", TEXT), ("create_sql", TEXT)], [(name.encode(), sql.encode())], "SHOW")
    if kind not in SHOW_CREATE_TYPES:
        raise SqlError("42601", "Expected one of CLUSTER or INDEX or MATERIALIZED or SINK or TABLE or VIEW, found %s"
                       % kind)
    parts = schema_parts_of(p.qualified())
    if kind in ("INDEX", "SINK"):
        row = await resolve_catalog_only(session, parts, SHOW_CREATE_TYPES[kind])
        if row is None:
            raise errors.unknown_item(".".join(parts))
        oid_id, schema = row[0], row[2]
    else:
        rel = await resolve_relation(session, parts)
        if rel[4] not in SHOW_CREATE_TYPES[kind]:
            raise SqlError("XX000", '%s is not a %s' % (".".join(parts), kind.lower()))
        oid_id = rel[0]
        rows = await session.pg.fetch("SELECT name FROM mz_catalog.mz_schemas WHERE id = %s", [rel[2]])
        schema = rows[0][0]
    rows = await session.pg.fetch("SELECT create_sql FROM mz_emu.objects WHERE id = %s", [oid_id])
    sql = rows[0][0] if rows else None
    full = "materialize.%s.%s" % (schema, parts[-1])
    return Result([("name", TEXT), ("create_sql", TEXT)],
                  [(full.encode(), None if sql is None else sql.encode())], "SHOW")


def _quote(name):
    return '"%s"' % name.replace('"', '""')
