"""Catalog statements: clusters, replicas, schemas, objects, swaps, grants, comments, roles, SHOW.

Each handler runs inside a PostgreSQL transaction on the session's connection, so a DDL
transaction (several swaps) commits or rolls back as one.
"""

from . import catalog_more, errors
from .pgconn import Result
from .sqlparse import Parser, SqlError, quote_ident, quote_literal

PRIV_LETTERS = {"SELECT": "r", "INSERT": "a", "UPDATE": "w", "DELETE": "d", "CREATE": "C", "USAGE": "U",
                "CREATEROLE": "R", "CREATEDB": "B", "CREATECLUSTER": "N"}
ALL_PRIVS = {"schema": "UC", "cluster": "UC", "database": "UC", "table": "arwd", "view": "r",
             "materialized-view": "r", "type": "U", "secret": "U", "connection": "U", "system": "RBN"}


def _kind(fn, kind="ddl"):
    fn.kind = kind
    return fn


def dispatch(words):
    w = words + [""] * 4
    a, b, c = w[0], w[1], w[2]
    if a == "CREATE":
        if b == "OR" and c == "REPLACE":
            if w[3] == "MATERIALIZED":
                return create_mv
            if w[3] == "VIEW":
                return forward_sync
            return None
        if b == "CLUSTER" and c == "REPLICA":
            return create_replica
        if b == "CLUSTER":
            return create_cluster
        if b == "SCHEMA":
            return create_schema
        if b == "MATERIALIZED":
            return create_mv
        if b in ("INDEX", "DEFAULT"):
            return create_index
        if b == "SINK":
            return create_sink
        if b == "ROLE" or b == "USER":
            return create_role
        if b in ("TABLE", "VIEW", "TEMP", "TEMPORARY", "TYPE", "UNLOGGED"):
            return forward_sync
        return None
    if a == "DROP":
        if b == "CLUSTER" and c == "REPLICA":
            return drop_replica
        if b == "CLUSTER":
            return drop_cluster
        if b == "INDEX":
            return drop_index
        if b == "SINK":
            return drop_sink
        if b in ("ROLE", "USER"):
            return drop_role
        if b in ("SCHEMA", "TABLE", "VIEW", "MATERIALIZED", "TYPE", "SOURCE"):
            return drop_relation
        return None
    if a == "ALTER":
        if b == "CLUSTER" and c == "REPLICA":
            return alter_replica
        if b == "CLUSTER":
            return alter_cluster
        if b == "SCHEMA":
            return alter_schema
        if b == "SINK":
            return alter_sink
        if b == "DEFAULT":
            return alter_default_privileges
        if b in ("ROLE", "USER"):
            return alter_role
        if b in ("TABLE", "VIEW", "MATERIALIZED", "INDEX", "SOURCE"):
            return alter_object
        return None
    if a in ("GRANT", "REVOKE"):
        return grant_revoke
    if a == "COMMENT":
        return comment_on
    return None


async def after_commit(session, handler):
    emu = session.emu
    if emu.timeline is not None:
        await emu.timeline.after_ddl()


def discard_pending(session):
    session.txn_has_swap = False


# ---- helpers ------------------------------------------------------------------------------
async def fetch(session, sql, params=None):
    return await session.pg.fetch(sql, params)


async def is_super(session):
    rows = await fetch(session, "SELECT rolsuper FROM mz_emu.roles WHERE id = %s", [session.role_id])
    return bool(rows and rows[0][0])


async def require_owner(session, owner_id, what):
    if owner_id != session.role_id and not await is_super(session):
        raise SqlError("42501", "must be owner of %s" % what)


def strip_db(parts):
    if len(parts) >= 2 and parts[0] == "materialize" and len(parts) in (2, 3):
        if len(parts) == 3:
            return parts[1:]
    return parts


def qname(parts):
    return ".".join(quote_ident(p) for p in parts)


async def get_cluster(session, name, missing_ok=False):
    rows = await fetch(session, "SELECT id, owner_id, managed, size, replication_factor FROM mz_emu.clusters "
                       "WHERE name = %s", [name])
    if not rows:
        if missing_ok:
            return None
        raise errors.unknown_cluster(name)
    return rows[0]


async def get_schema(session, name, missing_ok=False):
    rows = await fetch(session, "SELECT id, owner_id FROM mz_catalog.mz_schemas WHERE name = %s", [name])
    if not rows:
        if missing_ok:
            return None
        raise errors.unknown_schema(name)
    return rows[0]


def schema_parts_of(parts):
    parts = strip_db(parts)
    if len(parts) == 3:
        if parts[0] != "materialize":
            raise SqlError("XX000", "unknown database '%s'" % parts[0])
        parts = parts[1:]
    return parts


async def resolve_relation(session, parts, missing_ok=False):
    """-> (object id, pg oid, schema_id, name, type, owner_id) for a PostgreSQL-backed relation."""
    parts = schema_parts_of(parts)
    if len(parts) == 2:
        await get_schema(session, parts[0])
    rows = await fetch(session, "SELECT to_regclass(%s)::oid", [qname(parts)])
    oid = rows[0][0] if rows else None
    if oid is None:
        if missing_ok:
            return None
        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
    rows = await fetch(session, "SELECT id, pg_oid, schema_id, name, type, owner_id FROM mz_emu.objects_live "
                       "WHERE pg_oid = %s", [oid])
    if not rows:
        if missing_ok:
            return None
        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
    return rows[0]


async def resolve_catalog_only(session, parts, types):
    """Index/sink lookup by name within the search path (or the given schema)."""
    parts = schema_parts_of(parts)
    if len(parts) == 2:
        schemas = [parts[0]]
    else:
        schemas = [p.strip() for p in session.vars["search_path"].split(",")]
    rows = await fetch(
        session,
        "SELECT o.id, o.owner_id, s.name FROM mz_emu.objects_live o JOIN mz_catalog.mz_schemas s "
        "ON s.id = o.schema_id WHERE o.name = %s AND o.type = ANY(%s) AND s.name = ANY(%s)",
        [parts[-1], list(types), schemas])
    return rows[0] if rows else None


async def sync(session):
    from .session import ddl_sync

    await ddl_sync(session)


def priv_letters(words, obj_type):
    out = ""
    for w in words:
        if w in ("ALL", "ALL PRIVILEGES"):
            return ALL_PRIVS.get(obj_type, "UC")
        if w not in PRIV_LETTERS:
            raise SqlError("42601", "unrecognized privilege type %s" % w)
        out += PRIV_LETTERS[w]
    return out


def acl_apply(acl, grantee_id, grantor_id, letters, grant):
    grantee_key = "" if grantee_id == "p" else grantee_id
    out, found = [], False
    for item in acl or []:
        g, _, rest = item.partition("=")
        privs, _, gr = rest.partition("/")
        if g == grantee_key:
            found = True
            if grant:
                privs = "".join(sorted(set(privs + letters), key=lambda ch: "rawdCURBN".find(ch)))
            else:
                privs = "".join(ch for ch in privs if ch not in letters)
            if privs:
                out.append("%s=%s/%s" % (g, privs, gr))
        else:
            out.append(item)
    if grant and not found and letters:
        out.append("%s=%s/%s" % (grantee_key, letters, grantor_id))
    return out


async def role_id_of(session, name):
    if name.lower() == "public":
        return "p"
    rows = await fetch(session, "SELECT id FROM mz_emu.roles WHERE name = %s", [name])
    if not rows:
        raise errors.unknown_role(name)
    return rows[0][0]


def opt_int(v, default):
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


# ---- clusters -----------------------------------------------------------------------------
async def add_replicas(session, cid, names_sizes):
    delay = session.emu.knobs.hydration_delay
    for name, size in names_sizes:
        await fetch(session, "INSERT INTO mz_emu.replicas (id, name, cluster_id, size, owner_id, delay_s) "
                    "VALUES ('u' || nextval('mz_emu.replica_seq'), %s, %s, %s, %s, %s) RETURNING id",
                    [name, cid, size, session.role_id, delay])


@_kind
async def create_cluster(session, sql):
    from .sqlparse import parse_options

    p = Parser(sql)
    p.expect_kw("CREATE")
    p.expect_kw("CLUSTER")
    name = p.ident()
    if p.at_end():
        raise SqlError("42601", errors.CREATE_CLUSTER_EXPECTED)
    if await get_cluster(session, name, missing_ok=True):
        raise errors.cluster_exists(name)
    errors.check_cluster_name(name)
    owner = session.role_id
    if p.accept_kw("REPLICAS"):
        p.expect_punct("(")
        reps = []
        while not p.accept_punct(")"):
            rname = p.ident()
            opts = parse_options(p) if p.is_punct("(") else {}
            if rname in [r[0] for r in reps]:
                raise errors.duplicate_replica(rname, name)
            reps.append((rname, opts.get("SIZE")))
            p.accept_punct(",")
        rows = await fetch(session, "INSERT INTO mz_emu.clusters (id, name, owner_id, privileges, managed) VALUES "
                           "('u' || nextval('mz_emu.cluster_seq'), %s, %s, %s, false) RETURNING id",
                           [name, owner, ["%s=UC/%s" % (owner, owner)]])
        await add_replicas(session, rows[0][0], reps)
        await catalog_more.audit(session, "create", "cluster", {"id": rows[0][0], "name": name})
        return Result(tag="CREATE CLUSTER")
    opts = parse_options(p) if p.is_punct("(") else {}
    size = opts.get("SIZE") or "25cc"
    rf = opt_int(opts.get("REPLICATION FACTOR"), 1)
    sched = (opts.get("SCHEDULE") or "manual").lower()
    stype, est = "manual", None
    if sched.startswith("on refresh"):
        stype = "on-refresh"
        if "HYDRATION TIME ESTIMATE" in sched.upper():
            q = Parser(sched[sched.index("(") + 1: sched.rindex(")")] if "(" in sched else "")
            try:
                o = {}
                while not q.at_end():
                    t = q.next()
                    if t.kind == "string":
                        o["est"] = t.val
                est = o.get("est")
            except SqlError:
                est = None
    rows = await fetch(session, "INSERT INTO mz_emu.clusters (id, name, owner_id, privileges, managed, size, "
                       "replication_factor, schedule_type, hydration_estimate) VALUES "
                       "('u' || nextval('mz_emu.cluster_seq'), %s, %s, %s, true, %s, %s, %s, %s::interval) RETURNING id",
                       [name, owner, ["%s=UC/%s" % (owner, owner)], size, rf, stype, est])
    await add_replicas(session, rows[0][0], [("r%d" % (i + 1), size) for i in range(rf)])
    await catalog_more.audit(session, "create", "cluster", {"id": rows[0][0], "name": name})
    return Result(tag="CREATE CLUSTER")


@_kind
async def create_replica(session, sql):
    from .sqlparse import parse_options

    p = Parser(sql)
    p.accept_kws("CREATE", "CLUSTER", "REPLICA")
    parts = p.qualified()
    if len(parts) != 2:
        raise SqlError("42601", "Expected CLUSTER.REPLICA")
    cl = await get_cluster(session, parts[0])
    if cl[2]:
        raise SqlError("0A000", "cannot create more replicas of managed cluster")
    opts = parse_options(p) if p.is_punct("(") else {}
    rows = await fetch(session, "SELECT 1 FROM mz_emu.replicas WHERE cluster_id = %s AND name = %s", [cl[0], parts[1]])
    if rows:
        raise errors.duplicate_replica(parts[1], parts[0])
    await add_replicas(session, cl[0], [(parts[1], opts.get("SIZE"))])
    return Result(tag="CREATE CLUSTER REPLICA")


async def _drop_cluster_objects(session, cid):
    rows = await fetch(session, "SELECT id, pg_oid, type FROM mz_emu.objects WHERE cluster_id = %s", [cid])
    for oid_id, pg_oid, typ in rows:
        if pg_oid is not None:
            names = await fetch(session, "SELECT %s::oid::regclass::text", [pg_oid])
            await session.pg.run("DROP VIEW IF EXISTS %s CASCADE" % names[0][0])
        await fetch(session, "DELETE FROM mz_emu.objects WHERE id = %s RETURNING id", [oid_id])


@_kind
async def drop_cluster(session, sql):
    p = Parser(sql)
    p.accept_kws("DROP", "CLUSTER")
    if_exists = p.accept_kws("IF", "EXISTS")
    names = [p.ident()]
    while p.accept_punct(","):
        names.append(p.ident())
    cascade = p.accept_kw("CASCADE", "RESTRICT") == "CASCADE"
    for name in names:
        cl = await get_cluster(session, name, missing_ok=True)
        if cl is None:
            if if_exists:
                session.notice("00000", "cluster \"%s\" does not exist, skipping" % name)
                continue
            raise errors.unknown_cluster(name)
        await require_owner(session, cl[1], "CLUSTER %s" % name)
        errors.check_not_system_cluster(cl[0], name)
        deps = await fetch(session, "SELECT name FROM mz_emu.objects_live WHERE cluster_id = %s", [cl[0]])
        if deps and not cascade:
            raise errors.cluster_has_dependents(name)
        await _drop_cluster_objects(session, cl[0])
        await fetch(session, "DELETE FROM mz_emu.replicas WHERE cluster_id = %s RETURNING id", [cl[0]])
        await fetch(session, "DELETE FROM mz_emu.clusters WHERE id = %s RETURNING id", [cl[0]])
        await fetch(session, "DELETE FROM mz_emu.stalled WHERE cluster_id = %s RETURNING 1", [cl[0]])
        await catalog_more.note_dropped_cluster(session, cl[0], name)
    await sync(session)
    return Result(tag="DROP CLUSTER")


@_kind
async def drop_replica(session, sql):
    p = Parser(sql)
    p.accept_kws("DROP", "CLUSTER", "REPLICA")
    if_exists = p.accept_kws("IF", "EXISTS")
    while True:
        parts = p.qualified()
        cl = await get_cluster(session, parts[0], missing_ok=if_exists)
        if cl is not None:
            rows = await fetch(session, "DELETE FROM mz_emu.replicas WHERE cluster_id = %s AND name = %s RETURNING id",
                               [cl[0], parts[1]])
            if not rows and not if_exists:
                raise SqlError("XX000", "unknown cluster replica '%s.%s'" % (parts[0], parts[1]))
        if not p.accept_punct(","):
            break
    return Result(tag="DROP CLUSTER REPLICA")


@_kind
async def alter_replica(session, sql):
    """ALTER CLUSTER REPLICA [IF EXISTS] c.r RENAME TO r2 | OWNER TO role. A managed cluster's
    replicas are the system's (src/catalog/src/memory/error.rs ManagedCluster)."""
    p = Parser(sql)
    p.accept_kws("ALTER", "CLUSTER", "REPLICA")
    if_exists = p.accept_kws("IF", "EXISTS")
    parts = p.qualified()
    if len(parts) != 2:
        raise SqlError("42601", "Expected CLUSTER.REPLICA")
    cl = await get_cluster(session, parts[0], missing_ok=if_exists)
    rows = [] if cl is None else await fetch(
        session, "SELECT id, owner_id FROM mz_emu.replicas WHERE cluster_id = %s AND name = %s", [cl[0], parts[1]])
    if not rows:
        if if_exists:
            return Result(tag="ALTER CLUSTER REPLICA")
        raise errors.unknown_replica("%s.%s" % tuple(parts))
    rid, owner = rows[0]
    await require_owner(session, owner, "CLUSTER REPLICA %s.%s" % tuple(parts))
    errors.check_not_system_cluster(cl[0], parts[0])
    if p.accept_kw("RENAME"):
        p.expect_kw("TO")
        new = p.ident()
        if cl[2]:
            raise SqlError("XX000", "cluster '%s' is managed and cannot be directly modified" % parts[0])
        errors.check_replica_name(new)
        dup = await fetch(session, "SELECT 1 FROM mz_emu.replicas WHERE cluster_id = %s AND name = %s", [cl[0], new])
        if dup:
            raise errors.duplicate_replica(new, parts[0])
        await fetch(session, "UPDATE mz_emu.replicas SET name = %s WHERE id = %s RETURNING 1", [new, rid])
        return Result(tag="ALTER CLUSTER REPLICA")
    if p.accept_kw("OWNER"):
        p.expect_kw("TO")
        new_owner = await role_id_of(session, p.ident())
        await fetch(session, "UPDATE mz_emu.replicas SET owner_id = %s WHERE id = %s RETURNING 1", [new_owner, rid])
        return Result(tag="ALTER CLUSTER REPLICA")
    raise SqlError("42601", "Expected one of OWNER or RENAME, found %s" % (p.peek().val if p.peek() else "EOF"))


def mark_swap(session):
    session.txn_has_swap = True
    session.emu.counters["swaps"] += 1


@_kind
async def alter_cluster(session, sql):
    from .sqlparse import parse_options

    p = Parser(sql)
    p.accept_kws("ALTER", "CLUSTER")
    if_exists = p.accept_kws("IF", "EXISTS")
    name = p.ident()
    cl = await get_cluster(session, name, missing_ok=if_exists)
    if cl is None:
        return Result(tag="ALTER CLUSTER")
    if p.accept_kw("SWAP"):
        p.expect_kw("WITH")
        other = p.ident()
        cl2 = await get_cluster(session, other)
        await require_owner(session, cl[1], "CLUSTER %s" % name)
        await require_owner(session, cl2[1], "CLUSTER %s" % other)
        tmp = "mz_swap_tmp_%s" % cl[0]
        await fetch(session, "UPDATE mz_emu.clusters SET name = %s WHERE id = %s RETURNING 1", [tmp, cl[0]])
        await fetch(session, "UPDATE mz_emu.clusters SET name = %s WHERE id = %s RETURNING 1", [name, cl2[0]])
        await fetch(session, "UPDATE mz_emu.clusters SET name = %s WHERE id = %s RETURNING 1", [other, cl[0]])
        mark_swap(session)
        return Result(tag="ALTER CLUSTER")
    if p.accept_kw("RENAME"):
        p.expect_kw("TO")
        new = p.ident()
        await require_owner(session, cl[1], "CLUSTER %s" % name)
        errors.check_not_system_cluster(cl[0], name)
        errors.check_cluster_name(new)
        if await get_cluster(session, new, missing_ok=True):
            raise errors.cluster_exists(new)
        await fetch(session, "UPDATE mz_emu.clusters SET name = %s WHERE id = %s RETURNING 1", [new, cl[0]])
        return Result(tag="ALTER CLUSTER")
    if p.accept_kw("OWNER"):
        p.expect_kw("TO")
        rid = await role_id_of(session, p.ident())
        await require_owner(session, cl[1], "CLUSTER %s" % name)
        await fetch(session, "UPDATE mz_emu.clusters SET owner_id = %s WHERE id = %s RETURNING 1", [rid, cl[0]])
        return Result(tag="ALTER CLUSTER")
    if p.accept_kw("SET"):
        opts = parse_options(p)
        await require_owner(session, cl[1], "CLUSTER %s" % name)
        size = opts.get("SIZE", cl[3])
        rf = opt_int(opts.get("REPLICATION FACTOR"), cl[4] if cl[4] is not None else 1)
        await fetch(session, "UPDATE mz_emu.clusters SET size = %s, replication_factor = %s, managed = true "
                    "WHERE id = %s RETURNING 1", [size, rf, cl[0]])
        reps = await fetch(session, "SELECT id, name, size FROM mz_emu.replicas WHERE cluster_id = %s ORDER BY name",
                           [cl[0]])
        if size != cl[3]:
            await fetch(session, "DELETE FROM mz_emu.replicas WHERE cluster_id = %s RETURNING 1", [cl[0]])
            reps = []
        have = {r[1] for r in reps}
        want = ["r%d" % (i + 1) for i in range(rf)]
        for r in reps:
            if r[1] not in want:
                await fetch(session, "DELETE FROM mz_emu.replicas WHERE id = %s RETURNING 1", [r[0]])
        await add_replicas(session, cl[0], [(n, size) for n in want if n not in have])
        return Result(tag="ALTER CLUSTER")
    raise SqlError("42601", "unsupported ALTER CLUSTER form")


# ---- schemas ------------------------------------------------------------------------------
@_kind
async def create_schema(session, sql):
    p = Parser(sql)
    p.accept_kws("CREATE", "SCHEMA")
    ine = p.accept_kws("IF", "NOT", "EXISTS")
    parts = p.qualified()
    if len(parts) == 2 and parts[0] != "materialize":
        raise SqlError("XX000", "unknown database '%s'" % parts[0])
    name = parts[-1]
    errors.check_schema_name(name)
    if await get_schema(session, name, missing_ok=True):
        if ine:
            session.notice("42P06", "schema \"%s\" already exists, skipping" % name)
            return Result(tag="CREATE SCHEMA")
        raise errors.schema_exists(name)
    await session.pg.run("CREATE SCHEMA " + quote_ident(name))
    await sync(session)
    sc = await get_schema(session, name)
    await catalog_more.audit(session, "create", "schema", {"id": sc[0], "name": name, "database_name": "materialize"})
    return Result(tag="CREATE SCHEMA")


@_kind
async def alter_schema(session, sql):
    p = Parser(sql)
    p.accept_kws("ALTER", "SCHEMA")
    if_exists = p.accept_kws("IF", "EXISTS")
    name = schema_parts_of(p.qualified())[-1]
    sc = await get_schema(session, name, missing_ok=if_exists)
    if sc is None:
        return Result(tag="ALTER SCHEMA")
    if p.accept_kw("SWAP"):
        p.expect_kw("WITH")
        other = schema_parts_of(p.qualified())[-1]
        sc2 = await get_schema(session, other)
        await require_owner(session, sc[1], "SCHEMA materialize.%s" % name)
        await require_owner(session, sc2[1], "SCHEMA materialize.%s" % other)
        tmp = "mz_swap_tmp_%s" % sc[0]
        await session.pg.run("ALTER SCHEMA %s RENAME TO %s" % (quote_ident(name), quote_ident(tmp)))
        await session.pg.run("ALTER SCHEMA %s RENAME TO %s" % (quote_ident(other), quote_ident(name)))
        await session.pg.run("ALTER SCHEMA %s RENAME TO %s" % (quote_ident(tmp), quote_ident(other)))
        mark_swap(session)
        return Result(tag="ALTER SCHEMA")
    if p.accept_kw("RENAME"):
        p.expect_kw("TO")
        new = p.ident()
        await require_owner(session, sc[1], "SCHEMA materialize.%s" % name)
        errors.check_schema_name(new)
        if await get_schema(session, new, missing_ok=True):
            raise errors.schema_exists(new)
        await session.pg.run("ALTER SCHEMA %s RENAME TO %s" % (quote_ident(name), quote_ident(new)))
        return Result(tag="ALTER SCHEMA")
    if p.accept_kw("OWNER"):
        p.expect_kw("TO")
        rid = await role_id_of(session, p.ident())
        await require_owner(session, sc[1], "SCHEMA materialize.%s" % name)
        await fetch(session, "UPDATE mz_emu.schemas SET owner_id = %s WHERE id = %s RETURNING 1", [rid, sc[0]])
        return Result(tag="ALTER SCHEMA")
    raise SqlError("42601", "unsupported ALTER SCHEMA form")


# ---- relations ------------------------------------------------------------------------------
def _strip_retain(sql):
    """Remove 'WITH (RETAIN HISTORY [=] FOR '<interval>')'; return (sql, interval or None)."""
    p = Parser(sql)
    toks = p.toks
    for i, t in enumerate(toks):
        if t.is_kw("WITH") and i + 2 < len(toks) and toks[i + 1].val == "(" and toks[i + 2].is_kw("RETAIN"):
            j = i + 1
            depth = 0
            interval = None
            while j < len(toks):
                if toks[j].val == "(" and toks[j].kind == "punct":
                    depth += 1
                elif toks[j].val == ")" and toks[j].kind == "punct":
                    depth -= 1
                    if depth == 0:
                        break
                elif toks[j].kind == "string":
                    interval = toks[j].val
                j += 1
            end = toks[j].end if j < len(toks) else len(sql)
            return (sql[: t.start] + sql[end:]).strip(), interval
    return sql, None


async def _set_retain(session, pg_oid, interval):
    if interval is None or pg_oid is None:
        return
    await fetch(session, "UPDATE mz_emu.objects SET retain_ms = (extract(epoch FROM %s::interval) * 1000)::bigint "
                "WHERE pg_oid = %s RETURNING 1", [interval, pg_oid])


def _relation_name_after(p, *kws):
    p.accept_kws("IF", "NOT", "EXISTS")
    return schema_parts_of(p.qualified())


async def _check_target_schema(session, parts):
    if len(parts) == 2:
        await get_schema(session, parts[0])
    else:
        first = [s.strip() for s in session.vars["search_path"].split(",") if s.strip()]
        if not first or not await get_schema(session, first[0].strip('"'), missing_ok=True):
            raise SqlError("3F000", "no schema has been selected to create in")


@_kind
async def forward_sync(session, sql):
    sql2, retain = _strip_retain(sql)
    p = Parser(sql2)
    p.expect_kw("CREATE")
    if p.accept_kw("OR"):
        p.expect_kw("REPLACE")
    p.accept_kw("TEMP", "TEMPORARY", "UNLOGGED")
    kind = p.expect_kw("TABLE", "VIEW", "TYPE")
    parts = _relation_name_after(p)
    await _check_target_schema(session, parts)
    res = await session.pg.run(sql2)
    await sync(session)
    if kind == "TABLE" and retain:
        rows = await fetch(session, "SELECT to_regclass(%s)::oid", [qname(parts)])
        await _set_retain(session, rows[0][0], retain)
    if kind == "VIEW":
        await fetch(session, "UPDATE mz_emu.objects SET definition = pg_get_viewdef(pg_oid), create_sql = %s "
                    "WHERE pg_oid = to_regclass(%s)::oid RETURNING 1", [sql, qname(parts)])
    elif kind == "TABLE":
        await fetch(session, "UPDATE mz_emu.objects SET create_sql = %s "
                    "WHERE pg_oid = to_regclass(%s)::oid RETURNING 1", [sql, qname(parts)])
    return res


async def _cluster_for(session, p):
    if p.accept_kws("IN", "CLUSTER"):
        name = p.ident()
    else:
        name = session.vars["cluster"]
    cl = await get_cluster(session, name)
    return cl[0]


@_kind
async def create_mv(session, sql):
    sql2, retain = _strip_retain(sql)
    p = Parser(sql2)
    p.expect_kw("CREATE")
    replace = False
    if p.accept_kw("OR"):
        p.expect_kw("REPLACE")
        replace = True
    p.expect_kw("MATERIALIZED")
    p.expect_kw("VIEW")
    ine = p.accept_kws("IF", "NOT", "EXISTS")
    parts = schema_parts_of(p.qualified())
    cols = ""
    if p.is_punct("("):
        cols = "(" + p.skip_parens() + ")"
    cid = await _cluster_for(session, p)
    if p.is_kw("WITH"):
        p.next()
        p.skip_parens()
    p.expect_kw("AS")
    query = p.rest()
    await _check_target_schema(session, parts)
    existing = await resolve_relation(session, parts, missing_ok=True)
    if existing is not None and ine:
        session.notice("42710", "materialized view \"%s\" already exists, skipping" % parts[-1])
        return Result(tag="CREATE MATERIALIZED VIEW")
    if existing is not None and not replace:
        raise errors.item_exists("materialized view", ".".join(["materialize"] + parts if len(parts) == 2 else parts))
    if existing is not None and replace:
        await session.pg.run("DROP VIEW %s CASCADE" % qname(parts))
        await sync(session)
    await session.pg.run("CREATE VIEW %s%s AS %s" % (qname(parts), cols, query))
    await sync(session)
    rows = await fetch(session, "SELECT to_regclass(%s)::oid", [qname(parts)])
    pg_oid = rows[0][0]
    await fetch(session, "UPDATE mz_emu.objects SET type = 'materialized-view', cluster_id = %s, created_at = now(), "
                "delay_s = %s, create_sql = %s, definition = %s WHERE pg_oid = %s RETURNING 1",
                [cid, session.emu.knobs.hydration_delay, sql, query, pg_oid])
    await _set_retain(session, pg_oid, retain)
    return Result(tag="CREATE MATERIALIZED VIEW")


@_kind
async def create_index(session, sql):
    p = Parser(sql)
    p.expect_kw("CREATE")
    default = p.accept_kw("DEFAULT") is not None
    p.expect_kw("INDEX")
    ine = p.accept_kws("IF", "NOT", "EXISTS")
    name = None
    if not p.is_kw("IN", "ON"):
        name = p.ident()
    cid = await _cluster_for(session, p)
    p.expect_kw("ON")
    parts = p.qualified()
    rel = await resolve_relation(session, parts)
    cols = []
    if p.accept_kw("USING"):
        p.ident()
    if p.is_punct("("):
        inner = p.skip_parens()
        cols = [c.strip().strip('"') for c in inner.split(",") if c.strip()]
    if name is None:
        if default or not cols:
            name = "%s_primary_idx" % rel[3]
        else:
            name = "%s_%s_idx" % (rel[3], "_".join(c.replace(" ", "_") for c in cols))
    dup = await fetch(session, "SELECT 1 FROM mz_emu.objects_live WHERE schema_id = %s AND name = %s",
                      [rel[2], name])
    if dup:
        if ine:
            return Result(tag="CREATE INDEX")
        raise SqlError("42710", "index '%s' already exists" % name)
    rows = await fetch(session, "INSERT INTO mz_emu.objects (id, schema_id, name, type, owner_id, cluster_id, on_id, "
                       "create_sql, delay_s) VALUES ('u' || nextval('mz_emu.id_seq'), %s, %s, 'index', %s, %s, %s, %s, %s) "
                       "RETURNING id", [rel[2], name, session.role_id, cid, rel[0], sql, session.emu.knobs.hydration_delay])
    await catalog_more.record_index_columns(session, rows[0][0], rel[1], cols)
    return Result(tag="CREATE INDEX")


async def release_subscription_views(session, pg_oids):
    """Drop the emulator's private subscription views that depend on these relations, so a
    non-CASCADE DROP is not refused because of a running SUBSCRIBE."""
    if not pg_oids:
        return
    rows = await fetch(
        session,
        "SELECT DISTINCT v.oid::regclass::text FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid "
        "JOIN pg_class v ON v.oid = w.ev_class WHERE d.refobjid = ANY(%s::oid[]) "
        "AND v.relnamespace = 'mz_emu'::regnamespace AND v.relname LIKE 'sub\\_%%'", [list(pg_oids)])
    for (v,) in rows:
        await session.pg.run("DROP VIEW IF EXISTS %s" % v)


@_kind
async def drop_relation(session, sql):
    p = Parser(sql)
    p.expect_kw("DROP")
    kw = p.next().val.upper()
    if kw == "MATERIALIZED":
        p.expect_kw("VIEW")
        kw = "MATERIALIZED VIEW"
    if_exists = p.accept_kws("IF", "EXISTS")
    names = [p.qualified()]
    while p.accept_punct(","):
        names.append(p.qualified())
    mode = p.accept_kw("CASCADE", "RESTRICT")
    oids = []
    targets = []
    for parts in names:
        parts = schema_parts_of(parts)
        if kw == "SCHEMA":
            sc = await get_schema(session, parts[-1], missing_ok=True)
            if sc is None:
                if if_exists:
                    session.notice("00000", "schema \"%s\" does not exist, skipping" % parts[-1])
                    continue
                raise errors.unknown_schema(parts[-1])
            await require_owner(session, sc[1], "SCHEMA materialize.%s" % parts[-1])
            await catalog_more.audit(session, "drop", "schema",
                                     {"id": sc[0], "name": parts[-1], "database_name": "materialize"})
            rows = await fetch(session, "SELECT c.oid FROM pg_class c WHERE c.relnamespace = %s::regnamespace",
                               [quote_ident(parts[-1])])
            oids += [r[0] for r in rows]
            targets.append(quote_ident(parts[-1]))
            # catalog-only objects (indexes, sinks) in the schema
            if mode == "CASCADE":
                await fetch(session, "DELETE FROM mz_emu.objects WHERE pg_oid IS NULL AND schema_id = %s RETURNING 1",
                            [sc[0]])
            else:
                rows = await fetch(session, "SELECT name FROM mz_emu.objects_live WHERE schema_id = %s", [sc[0]])
                if rows:
                    raise SqlError("2BP01", "schema '%s' cannot be dropped without CASCADE while it contains objects"
                                   % parts[-1])
        else:
            rel = await resolve_relation(session, parts, missing_ok=True)
            if rel is None:
                if if_exists:
                    session.notice("00000", "%s \"%s\" does not exist, skipping" % (kw.lower(), parts[-1]))
                    continue
                raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
            want = {"TABLE": ("table",), "VIEW": ("view",), "MATERIALIZED VIEW": ("materialized-view",),
                    "SOURCE": ("source",), "TYPE": ("type",)}[kw]
            if rel[4] not in want:
                raise SqlError("42809", "%s is not of type %s" % (".".join(parts), kw))
            await require_owner(session, rel[5], "%s %s" % (kw, ".".join(parts)))
            oids.append(rel[1])
            targets.append(qname(parts))
            deps = await fetch(session, "SELECT name FROM mz_emu.objects_live WHERE on_id = %s", [rel[0]])
            if deps and mode != "CASCADE":
                raise SqlError("2BP01", "cannot drop %s: still depended upon by catalog item '%s'"
                               % (".".join(parts), deps[0][0]))
    if not targets:
        return Result(tag="DROP %s" % kw)
    await release_subscription_views(session, oids)
    pgkw = "VIEW" if kw == "MATERIALIZED VIEW" else kw
    await session.pg.run("DROP %s %s%s" % (pgkw, ", ".join(targets), " CASCADE" if mode == "CASCADE" else ""))
    await sync(session)
    return Result(tag="DROP %s" % kw)


@_kind
async def drop_index(session, sql):
    p = Parser(sql)
    p.accept_kws("DROP", "INDEX")
    if_exists = p.accept_kws("IF", "EXISTS")
    parts = p.qualified()
    row = await resolve_catalog_only(session, parts, ("index",))
    if row is None:
        if if_exists:
            return Result(tag="DROP INDEX")
        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
    await require_owner(session, row[1], "INDEX %s" % ".".join(parts))
    await fetch(session, "DELETE FROM mz_emu.objects WHERE id = %s RETURNING 1", [row[0]])
    return Result(tag="DROP INDEX")


@_kind
async def alter_object(session, sql):
    p = Parser(sql)
    p.expect_kw("ALTER")
    kw = p.next().val.upper()
    if kw == "MATERIALIZED":
        p.expect_kw("VIEW")
        kw = "MATERIALIZED VIEW"
    if_exists = p.accept_kws("IF", "EXISTS")
    parts = p.qualified()
    if kw == "INDEX":
        row = await resolve_catalog_only(session, parts, ("index",))
        if row is None:
            if if_exists:
                return Result(tag="ALTER INDEX")
            raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
        oid_id, owner = row[0], row[1]
        pg_backed = False
    else:
        rel = await resolve_relation(session, parts, missing_ok=if_exists)
        if rel is None:
            return Result(tag="ALTER %s" % kw)
        oid_id, owner = rel[0], rel[5]
        pg_backed = True
    if p.accept_kw("RENAME"):
        p.expect_kw("TO")
        new = p.ident()
        await require_owner(session, owner, "%s %s" % (kw, ".".join(parts)))
        if pg_backed:
            pgkw = "TABLE" if kw == "TABLE" else "VIEW"
            await session.pg.run("ALTER %s %s RENAME TO %s" % (pgkw, qname(schema_parts_of(parts)), quote_ident(new)))
        else:
            await fetch(session, "UPDATE mz_emu.objects SET name = %s WHERE id = %s RETURNING 1", [new, oid_id])
        return Result(tag="ALTER %s" % kw)
    if p.accept_kw("OWNER"):
        p.expect_kw("TO")
        rid = await role_id_of(session, p.ident())
        await require_owner(session, owner, "%s %s" % (kw, ".".join(parts)))
        await fetch(session, "UPDATE mz_emu.objects SET owner_id = %s WHERE id = %s RETURNING 1", [rid, oid_id])
        return Result(tag="ALTER %s" % kw)
    if pg_backed and kw == "TABLE":
        await session.pg.run(sql)
        await sync(session)
        return Result(tag="ALTER TABLE")
    if p.accept_kw("SET") or p.accept_kw("RESET"):
        if p.is_punct("("):
            inner = p.skip_parens()
            if "RETAIN" in inner.upper() and pg_backed:
                q = Parser(inner)
                iv = None
                for t in q.toks:
                    if t.kind == "string":
                        iv = t.val
                rows = await fetch(session, "SELECT pg_oid FROM mz_emu.objects WHERE id = %s", [oid_id])
                await _set_retain(session, rows[0][0], iv)
        return Result(tag="ALTER %s" % kw)
    raise SqlError("42601", "unsupported ALTER %s form" % kw)


# ---- sinks ------------------------------------------------------------------------------------
@_kind
async def create_sink(session, sql):
    p = Parser(sql)
    p.accept_kws("CREATE", "SINK")
    ine = p.accept_kws("IF", "NOT", "EXISTS")
    parts = schema_parts_of(p.qualified())
    if len(parts) == 2:
        sc = await get_schema(session, parts[0])
    else:
        first = [s.strip() for s in session.vars["search_path"].split(",") if s.strip()]
        sc = await get_schema(session, first[0] if first else "public")
    name = parts[-1]
    cid = await _cluster_for(session, p)
    p.expect_kw("FROM")
    rel = await resolve_relation(session, p.qualified())
    p.expect_kw("INTO")
    target = None
    envelope = "debezium"
    key_cols = None
    if p.accept_kw("TABLE"):
        target = qname(schema_parts_of(p.qualified()))
    # swallow the rest (KAFKA CONNECTION ..., FORMAT ..., ENVELOPE ..., KEY (...), WITH (...))
    while not p.at_end():
        if p.accept_kw("ENVELOPE"):
            envelope = p.next().val.lower()
        elif p.accept_kw("KEY"):
            if p.is_punct("("):
                key_cols = [c.strip().strip('"') for c in p.skip_parens().split(",")]
        elif p.is_punct("("):
            p.skip_parens()
        else:
            p.next()
    if target is None:
        target = "mz_emu.%s" % quote_ident("sink_" + name)
    dup = await fetch(session, "SELECT 1 FROM mz_emu.objects_live WHERE schema_id = %s AND name = %s", [sc[0], name])
    if dup:
        if ine:
            return Result(tag="CREATE SINK")
        raise SqlError("42710", "sink '%s' already exists" % name)
    rows = await fetch(session, "SELECT %s::oid::regclass::text", [rel[1]])
    src = rows[0][0]
    exists = await fetch(session, "SELECT to_regclass(%s)", [target])
    if exists[0][0] is None:
        await session.pg.run("CREATE TABLE %s AS SELECT NULL::numeric AS mz_timestamp, NULL::bigint AS mz_diff, s.* "
                             "FROM %s s WITH NO DATA" % (target, src))
        await sync(session)
    rows = await fetch(session, "INSERT INTO mz_emu.objects (id, schema_id, name, type, owner_id, cluster_id, create_sql, "
                       "delay_s) VALUES ('u' || nextval('mz_emu.id_seq'), %s, %s, 'sink', %s, %s, %s, %s) RETURNING id",
                       [sc[0], name, session.role_id, cid, sql, session.emu.knobs.hydration_delay])
    await fetch(session, "INSERT INTO mz_emu.sinks (id, from_id, target, envelope, key_cols) VALUES (%s, %s, %s, %s, %s) "
                "RETURNING 1", [rows[0][0], rel[0], target, envelope, key_cols])
    return Result(tag="CREATE SINK")


@_kind
async def drop_sink(session, sql):
    p = Parser(sql)
    p.accept_kws("DROP", "SINK")
    if_exists = p.accept_kws("IF", "EXISTS")
    parts = p.qualified()
    row = await resolve_catalog_only(session, parts, ("sink",))
    if row is None:
        if if_exists:
            return Result(tag="DROP SINK")
        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
    await require_owner(session, row[1], "SINK %s" % ".".join(parts))
    await fetch(session, "DELETE FROM mz_emu.sinks WHERE id = %s RETURNING 1", [row[0]])
    await fetch(session, "DELETE FROM mz_emu.objects WHERE id = %s RETURNING 1", [row[0]])
    return Result(tag="DROP SINK")


async def alter_sink(session, sql):
    if session.in_txn():
        raise SqlError("25001", "ALTER SINK cannot be run inside a transaction block")
    p = Parser(sql)
    p.accept_kws("ALTER", "SINK")
    if_exists = p.accept_kws("IF", "EXISTS")
    parts = p.qualified()
    row = await resolve_catalog_only(session, parts, ("sink",))
    if row is None:
        if if_exists:
            return Result(tag="ALTER SINK")
        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
    if p.accept_kw("RENAME"):
        p.expect_kw("TO")
        await fetch(session, "UPDATE mz_emu.objects SET name = %s WHERE id = %s RETURNING 1", [p.ident(), row[0]])
        return Result(tag="ALTER SINK")
    p.expect_kw("SET")
    p.expect_kw("FROM")
    rel = await resolve_relation(session, p.qualified())
    await require_owner(session, row[1], "SINK %s" % ".".join(parts))
    await session.emu.timeline.alter_sink(session, row[0], rel[0])
    return Result(tag="ALTER SINK")


alter_sink.kind = None  # runs outside transactions; handled by the timeline


# ---- privileges, comments, roles ----------------------------------------------------------------
async def _acl_target(session, objkind, parts):
    """-> (table, id column, id, owner, privileges column value, type key)."""
    if objkind == "SCHEMA":
        sc = await get_schema(session, schema_parts_of(parts)[-1])
        rows = await fetch(session, "SELECT privileges FROM mz_emu.schemas WHERE id = %s", [sc[0]])
        return "mz_emu.schemas", sc[0], sc[1], rows[0][0], "schema"
    if objkind == "CLUSTER":
        cl = await get_cluster(session, parts[-1])
        rows = await fetch(session, "SELECT privileges FROM mz_emu.clusters WHERE id = %s", [cl[0]])
        return "mz_emu.clusters", cl[0], cl[1], rows[0][0], "cluster"
    if objkind == "DATABASE":
        rows = await fetch(session, "SELECT id, owner_id, privileges FROM mz_emu.databases WHERE name = %s", [parts[-1]])
        if not rows:
            raise SqlError("XX000", "unknown database '%s'" % parts[-1])
        return "mz_emu.databases", rows[0][0], rows[0][1], rows[0][2], "database"
    if objkind in ("TABLE", "VIEW", "MATERIALIZED VIEW", "SOURCE"):
        rel = await resolve_relation(session, parts)
        rows = await fetch(session, "SELECT privileges FROM mz_emu.objects WHERE id = %s", [rel[0]])
        return "mz_emu.objects", rel[0], rel[5], rows[0][0], rel[4]
    raise SqlError("0A000", "GRANT/REVOKE on %s is not supported by the emulator" % objkind)


async def grant_revoke(session, sql):
    p = Parser(sql)
    grant = p.next().val.upper() == "GRANT"
    privs = []
    while not p.is_kw("ON", "TO", "FROM") and not p.at_end():
        t = p.next()
        if t.kind == "word":
            w = t.val.upper()
            if w == "PRIVILEGES" and privs and privs[-1] == "ALL":
                continue
            privs.append(w)
    if not p.accept_kw("ON"):
        return await _role_membership(session, sql, grant)
    if p.accept_kw("SYSTEM"):
        objkind = "SYSTEM"
        targets = [None]
    else:
        objkind = p.next().val.upper()
        if objkind == "MATERIALIZED":
            p.expect_kw("VIEW")
            objkind = "MATERIALIZED VIEW"
        targets = [p.qualified()]
        while p.accept_punct(","):
            targets.append(p.qualified())
    p.expect_kw("TO" if grant else "FROM")
    grantees = [p.ident()]
    while p.accept_punct(","):
        grantees.append(p.ident())
    tag = "GRANT" if grant else "REVOKE"
    if objkind == "SYSTEM":
        for g in grantees:
            col = {"CREATECLUSTER": "createcluster", "CREATEROLE": "createrole", "CREATEDB": "createdb"}
            for pr in privs:
                if pr in col:
                    await fetch(session, "UPDATE mz_emu.roles SET %s = %%s WHERE name = %%s RETURNING 1" % col[pr],
                                [grant, g])
        return Result(tag=tag)
    for parts in targets:
        table, oid_id, owner, acl, typ = await _acl_target(session, objkind, parts)
        letters = priv_letters(privs, typ)
        for g in grantees:
            gid = await role_id_of(session, g)
            acl = acl_apply(acl, gid, owner, letters, grant)
        await fetch(session, "UPDATE %s SET privileges = %%s WHERE id = %%s RETURNING 1" % table, [acl, oid_id])
    return Result(tag=tag)


grant_revoke.kind = "ddl"


async def _role_membership(session, sql, grant):
    """GRANT r [, ...] TO m [, ...] / REVOKE r [, ...] FROM m [, ...]: mz_role_members."""
    p = Parser(sql)
    p.next()
    roles = [p.ident()]
    while p.accept_punct(","):
        roles.append(p.ident())
    p.expect_kw("TO" if grant else "FROM")
    members = [p.ident()]
    while p.accept_punct(","):
        members.append(p.ident())
    for r in roles:
        rid = await role_id_of(session, r)
        for m in members:
            mid = await role_id_of(session, m)
            if grant:
                await fetch(session, "INSERT INTO mz_emu.role_members VALUES (%s, %s, %s) ON CONFLICT DO NOTHING "
                            "RETURNING 1", [rid, mid, session.role_id])
            else:
                await fetch(session, "DELETE FROM mz_emu.role_members WHERE role_id = %s AND member = %s RETURNING 1",
                            [rid, mid])
    return Result(tag="GRANT ROLE" if grant else "REVOKE ROLE")


@_kind
async def alter_default_privileges(session, sql):
    p = Parser(sql)
    p.accept_kws("ALTER", "DEFAULT", "PRIVILEGES")
    role_ids = [session.role_id]
    schema_ids = [None]
    if p.accept_kw("FOR"):
        if p.accept_kws("ALL", "ROLES"):
            role_ids = ["p"]
        else:
            p.accept_kw("ROLE", "USER")
            role_ids = [await role_id_of(session, p.ident())]
            while p.accept_punct(","):
                role_ids.append(await role_id_of(session, p.ident()))
    if p.accept_kw("IN"):
        if p.accept_kw("SCHEMA"):
            schema_ids = [(await get_schema(session, schema_parts_of(p.qualified())[-1]))[0]]
            while p.accept_punct(","):
                schema_ids.append((await get_schema(session, schema_parts_of(p.qualified())[-1]))[0])
        else:
            p.expect_kw("DATABASE")
            p.ident()
    grant = p.expect_kw("GRANT", "REVOKE") == "GRANT"
    privs = []
    while not p.is_kw("ON"):
        w = p.next().val.upper()
        if w == "PRIVILEGES":
            continue
        if w != ",":
            privs.append(w)
    p.expect_kw("ON")
    objtype = p.next().val.lower().rstrip("s")
    if objtype == "materialized":
        objtype = "materialized-view"
    p.expect_kw("TO" if grant else "FROM")
    grantees = [await role_id_of(session, p.ident())]
    while p.accept_punct(","):
        grantees.append(await role_id_of(session, p.ident()))
    letters = priv_letters(privs, objtype)
    for rid in role_ids:
        for sid in schema_ids:
            for gid in grantees:
                rows = await fetch(session, "SELECT privileges FROM mz_emu.default_privileges WHERE role_id = %s AND "
                                   "schema_id IS NOT DISTINCT FROM %s AND object_type = %s AND grantee = %s",
                                   [rid, sid, objtype, gid])
                cur = rows[0][0] if rows else ""
                new = "".join(sorted(set(cur + letters), key=lambda ch: "rawdCURBN".find(ch))) if grant else \
                    "".join(ch for ch in cur if ch not in letters)
                await fetch(session, "DELETE FROM mz_emu.default_privileges WHERE role_id = %s AND "
                            "schema_id IS NOT DISTINCT FROM %s AND object_type = %s AND grantee = %s RETURNING 1",
                            [rid, sid, objtype, gid])
                if new:
                    await fetch(session, "INSERT INTO mz_emu.default_privileges (role_id, database_id, schema_id, "
                                "object_type, grantee, privileges) VALUES (%s, %s, %s, %s, %s, %s) RETURNING 1",
                                [rid, "u1" if sid else None, sid, objtype, gid, new])
    return Result(tag="ALTER DEFAULT PRIVILEGES")


@_kind
async def comment_on(session, sql):
    p = Parser(sql)
    p.accept_kws("COMMENT", "ON")
    kind = p.next().val.upper()
    if kind == "MATERIALIZED":
        p.expect_kw("VIEW")
        kind = "MATERIALIZED VIEW"
    parts = p.qualified()
    sub = None
    owner, what = None, "%s %s" % (kind, ".".join(parts))
    if kind == "SCHEMA":
        sc = await get_schema(session, schema_parts_of(parts)[-1])
        oid_id, typ, owner = sc[0], "schema", sc[1]
        what = "SCHEMA materialize.%s" % schema_parts_of(parts)[-1]
    elif kind == "CLUSTER":
        cl = await get_cluster(session, parts[-1])
        oid_id, typ, owner = cl[0], "cluster", cl[1]
    elif kind == "DATABASE":
        oid_id, typ = "u1", "database"
    elif kind == "ROLE":
        oid_id, typ = await role_id_of(session, parts[-1]), "role"
    elif kind in ("INDEX", "SINK"):
        row = await resolve_catalog_only(session, parts, (kind.lower(),))
        if row is None:
            raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(parts))
        oid_id, typ, owner = row[0], kind.lower(), row[1]
    elif kind == "COLUMN":
        rel = await resolve_relation(session, parts[:-1])
        rows = await fetch(session, "SELECT attnum FROM pg_attribute WHERE attrelid = %s AND attname = %s",
                           [rel[1], parts[-1]])
        if not rows:
            raise SqlError("42703", "column \"%s\" does not exist" % parts[-1])
        oid_id, typ, sub, owner = rel[0], rel[4], rows[0][0], rel[5]
    else:
        rel = await resolve_relation(session, parts)
        oid_id, typ, owner = rel[0], rel[4], rel[5]
    if owner is not None:
        # COMMENT ON requires ownership (src/sql/src/rbac.rs: CommentPlan -> ownership of the object)
        await require_owner(session, owner, what)
    p.expect_kw("IS")
    if p.accept_kw("NULL"):
        text = None
    else:
        text = p.string()
    await fetch(session, "DELETE FROM mz_emu.comments WHERE id = %s AND object_type = %s "
                "AND object_sub_id IS NOT DISTINCT FROM %s RETURNING 1", [oid_id, typ, sub])
    if text is not None:
        await fetch(session, "INSERT INTO mz_emu.comments VALUES (%s, %s, %s, %s) RETURNING 1", [oid_id, typ, sub, text])
    if kind == "SCHEMA":
        await catalog_more.mirror_comment(session, kind, quote_ident(schema_parts_of(parts)[-1]), text)
    elif kind == "COLUMN":
        await catalog_more.mirror_comment(session, kind, catalog_more.qualified(
            parts[1:] if len(parts) == 4 and parts[0] == "materialize" else parts), text)
    elif kind in ("TABLE", "VIEW", "MATERIALIZED VIEW"):
        await catalog_more.mirror_comment(session, kind, catalog_more.qualified(schema_parts_of(parts)), text)
    return Result(tag="COMMENT")


def _role_opts(p):
    out = {}
    p.accept_kw("WITH")
    while not p.at_end():
        w = p.next().val.upper()
        if w == "PASSWORD":
            out["password"] = None if p.accept_kw("NULL") else p.string()
        elif w in ("SUPERUSER", "NOSUPERUSER"):
            out["rolsuper"] = w == "SUPERUSER"
        elif w in ("LOGIN", "NOLOGIN"):
            out["rolcanlogin"] = w == "LOGIN"
        elif w in ("INHERIT", "NOINHERIT"):
            out["inherit"] = w == "INHERIT"
        elif w in ("CREATECLUSTER", "NOCREATECLUSTER"):
            out["createcluster"] = w == "CREATECLUSTER"
        elif w in ("CREATEROLE", "NOCREATEROLE"):
            out["createrole"] = w == "CREATEROLE"
        elif w in ("CREATEDB", "NOCREATEDB"):
            out["createdb"] = w == "CREATEDB"
    return out


async def _apply_role_opts(session, name, opts):
    for k, v in opts.items():
        if k == "password":
            if v is None:
                await fetch(session, "DELETE FROM mz_emu.passwords WHERE role_name = %s RETURNING 1", [name])
            else:
                await fetch(session, "INSERT INTO mz_emu.passwords VALUES (%s, %s) ON CONFLICT (role_name) "
                            "DO UPDATE SET password = excluded.password RETURNING 1", [name, v])
        else:
            await fetch(session, "UPDATE mz_emu.roles SET %s = %%s WHERE name = %%s RETURNING 1" % k, [v, name])


@_kind
async def create_role(session, sql):
    p = Parser(sql)
    p.next()
    p.next()
    name = p.ident()
    rows = await fetch(session, "SELECT 1 FROM mz_emu.roles WHERE name = %s", [name])
    if rows:
        raise errors.role_exists(name)
    errors.check_role_name(name)
    opts = _role_opts(p)
    await fetch(session, "INSERT INTO mz_emu.roles (id, name, createcluster) VALUES "
                "('u' || nextval('mz_emu.role_seq'), %s, false) RETURNING 1", [name])
    await _apply_role_opts(session, name, opts)
    exists = await fetch(session, "SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
    if not exists:
        await session.pg.run("CREATE ROLE %s SUPERUSER NOLOGIN" % quote_ident(name))
    return Result(tag="CREATE ROLE")


@_kind
async def alter_role(session, sql):
    p = Parser(sql)
    p.next()
    p.next()
    name = p.ident()
    if p.is_kw("SET", "RESET"):
        return Result(tag="ALTER ROLE")
    await _apply_role_opts(session, name, _role_opts(p))
    return Result(tag="ALTER ROLE")


@_kind
async def drop_role(session, sql):
    p = Parser(sql)
    p.next()
    p.next()
    if_exists = p.accept_kws("IF", "EXISTS")
    names = [p.ident()]
    while p.accept_punct(","):
        names.append(p.ident())
    for n in names:
        rows = await fetch(session, "DELETE FROM mz_emu.roles WHERE name = %s RETURNING id", [n])
        if rows:
            await fetch(session, "DELETE FROM mz_emu.role_members WHERE role_id = %s OR member = %s RETURNING 1",
                        [rows[0][0], rows[0][0]])
        if not rows and not if_exists:
            raise errors.unknown_role(n)
    return Result(tag="DROP ROLE")


# ---- SHOW ----------------------------------------------------------------------------------------
SHOW_QUERIES = {
    "CLUSTERS": "SELECT c.name, coalesce((SELECT string_agg(r.name || ' (' || coalesce(r.size, '') || ')', ', ' "
                "ORDER BY r.name) FROM mz_emu.replicas r WHERE r.cluster_id = c.id), '') AS replicas, "
                "coalesce(m.comment, '') AS comment FROM mz_emu.clusters c LEFT JOIN mz_emu.comments m "
                "ON m.id = c.id AND m.object_type = 'cluster' AND m.object_sub_id IS NULL ORDER BY c.name",
    "CLUSTER REPLICAS": "SELECT c.name AS cluster, r.name AS replica, r.size, true AS ready, "
                        "''::text AS comment FROM mz_emu.replicas r JOIN mz_emu.clusters c ON c.id = r.cluster_id "
                        "ORDER BY 1, 2",
    "SCHEMAS": "SELECT s.name, coalesce(m.comment, '') AS comment FROM mz_catalog.mz_schemas s "
               "LEFT JOIN mz_emu.comments m ON m.id = s.id AND m.object_type = 'schema' AND m.object_sub_id IS NULL "
               "WHERE s.database_id = 'u1' ORDER BY 1",
    "ROLES": "SELECT name, ''::text AS comment FROM mz_emu.roles ORDER BY 1",
}

OBJ_SHOW = {"TABLES": "table", "VIEWS": "view", "MATERIALIZED VIEWS": "materialized-view", "INDEXES": "index",
            "SINKS": "sink", "SOURCES": "source", "OBJECTS": None}


async def show(session, p):
    # p is positioned after SHOW
    from . import show as show_more

    if p.is_kw("CREATE"):
        p.next()
        return await show_more.show_create(session, p)
    words = []
    k = 0
    while p.peek(k) is not None and p.peek(k).kind == "word" and k < 2:
        words.append(p.peek(k).val.upper())
        k += 1
    two = " ".join(words[:2])
    one = words[0] if words else ""
    if len(words) >= 2 and (two in SHOW_QUERIES or two in OBJ_SHOW):
        key = two
        p.next(), p.next()
    elif one in SHOW_QUERIES or one in OBJ_SHOW:
        key = one
        p.next()
    else:
        key = None
    if key in SHOW_QUERIES:
        first = "cluster" if key == "CLUSTER REPLICAS" else "name"
        return await session.pg.run(show_more.filtered(SHOW_QUERIES[key], p, first))
    if key in OBJ_SHOW:
        schema = session.vars["search_path"].split(",")[0].strip()
        if p.accept_kw("FROM", "IN"):
            if key in ("INDEXES",) and p.is_kw("CLUSTER", k=-0):
                pass
            schema = schema_parts_of(p.qualified())[-1]
        await get_schema(session, schema)
        like = p
        typ = OBJ_SHOW[key]
        if key == "INDEXES":
            q = ("SELECT o.name, on_o.name AS on, c.name AS cluster, ''::text AS key, ''::text AS comment "
                 "FROM mz_emu.objects_live o JOIN mz_catalog.mz_schemas s ON s.id = o.schema_id "
                 "LEFT JOIN mz_emu.objects_live on_o ON on_o.id = o.on_id LEFT JOIN mz_emu.clusters c "
                 "ON c.id = o.cluster_id WHERE o.type = 'index' AND s.name = %s ORDER BY 1" % quote_literal(schema))
        elif typ is None:
            q = ("SELECT o.name, o.type, ''::text AS comment FROM mz_emu.objects_live o JOIN mz_catalog.mz_schemas s "
                 "ON s.id = o.schema_id WHERE s.name = %s ORDER BY 1" % quote_literal(schema))
        elif typ in ("materialized-view", "sink"):
            q = ("SELECT o.name, c.name AS cluster, ''::text AS comment FROM mz_emu.objects_live o "
                 "JOIN mz_catalog.mz_schemas s ON s.id = o.schema_id LEFT JOIN mz_emu.clusters c ON c.id = o.cluster_id "
                 "WHERE o.type = %s AND s.name = %s ORDER BY 1" % (quote_literal(typ), quote_literal(schema)))
        else:
            q = ("SELECT o.name, ''::text AS comment FROM mz_emu.objects_live o JOIN mz_catalog.mz_schemas s "
                 "ON s.id = o.schema_id WHERE o.type = %s AND s.name = %s ORDER BY 1"
                 % (quote_literal(typ), quote_literal(schema)))
        return await session.pg.run(show_more.filtered(q, like, "name"))
    if p.accept_kw("ALL"):
        rows = [(k.encode(), ("" if v is None else str(v)).encode(), b"") for k, v in sorted(session.vars.items())]
        return Result([("name", 25), ("setting", 25), ("description", 25)], rows, "SHOW")
    if p.is_kw("TRANSACTION") and p.is_kw("ISOLATION", k=1):
        name = "transaction_isolation"
    elif p.is_kw("TIME") and p.is_kw("ZONE", k=1):
        name = "TimeZone"
    else:
        name = p.ident()
    from . import sessionvars

    key = sessionvars.canon(name)
    v = session.vars.get(key)
    if key == "is_superuser":
        v = "on" if await is_super(session) else "off"
    colname = name.lower() if name.lower() != "schema" else "schema"
    if name.lower() == "schema":
        first = sessionvars.search_path_list(session.vars["search_path"])
        v = first[0] if first else None
    return Result([(colname, 25)], [(None if v is None else str(v).encode(),)], "SHOW")
