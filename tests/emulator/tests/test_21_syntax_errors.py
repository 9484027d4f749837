"""Issue 17, kinds 3-5: syntax Materialize accepts, statements it rejects, errors in its words.

Sources (MaterializeInc/materialize): test/sqllogictest/cluster.slt (CREATE CLUSTER foo with no
options; `cannot create multiple replicas named 'r1' on cluster 'bar'`; `cluster 'foo' already
exists`; `SHOW CLUSTERS LIKE 'q%'`; `cannot drop cluster "bar" because other objects depend on
it`); src/sql/src/catalog.rs (CatalogError Display); src/catalog/src/memory/error.rs (reserved
names); src/adapter/src/error.rs (catalog/plan errors XX000, unauthorized 42501);
src/sql/src/rbac.rs (COMMENT needs ownership).
"""

import psycopg
import pytest

from emutil import sqlstate


def _err(conn, sql):
    with pytest.raises(psycopg.Error) as ei:
        conn.execute(sql)
    return sqlstate(ei.value), ei.value.diag.message_primary


# ---- kind 3: syntax Materialize accepts ---------------------------------------------------------
def test_replica_options_without_equals(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s REPLICAS (r1 (SIZE '1'), r2 (SIZE '2'))" % c)
    rows = mz.execute("SELECT r.name, r.size FROM mz_catalog.mz_cluster_replicas r JOIN mz_catalog.mz_clusters c "
                      "ON c.id = r.cluster_id WHERE c.name = %s ORDER BY 1", (c,)).fetchall()
    assert rows == [("r1", "1"), ("r2", "2")]
    m = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE '1', REPLICATION FACTOR 2)" % m)
    row = mz.execute("SELECT size, replication_factor::int FROM mz_catalog.mz_clusters WHERE name = %s",
                     (m,)).fetchone()
    assert row == ("1", 2)


def test_alter_cluster_replica_rename(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s REPLICAS (r1 (SIZE '1'))" % c)
    rid = mz.execute("SELECT r.id FROM mz_catalog.mz_cluster_replicas r JOIN mz_catalog.mz_clusters c "
                     "ON c.id = r.cluster_id WHERE c.name = %s", (c,)).fetchone()[0]
    mz.execute("ALTER CLUSTER REPLICA %s.r1 RENAME TO r9" % c)
    assert mz.execute("SELECT name FROM mz_catalog.mz_cluster_replicas WHERE id = %s", (rid,)).fetchone() == ("r9",)
    code, msg = _err(mz, "ALTER CLUSTER REPLICA %s.nope RENAME TO r1" % c)
    assert (code, msg) == ("XX000", "unknown cluster replica '%s.nope'" % c)


def test_show_clusters_like_and_cluster_replicas(mz, uniq):
    c = uniq("likeme")
    mz.execute("CREATE CLUSTER %s (SIZE '1')" % c)
    rows = mz.execute("SHOW CLUSTERS LIKE %s", (c[:10] + "%",)).fetchall()
    assert [r[0] for r in rows] == [c]
    rows = mz.execute("SHOW CLUSTERS LIKE 'quick%'").fetchall()
    assert [r[0] for r in rows] == ["quickstart"]
    cur = mz.execute("SHOW CLUSTER REPLICAS WHERE cluster = %s", (c,))
    assert [d.name for d in cur.description][:4] == ["cluster", "replica", "size", "ready"]
    assert [(r[0], r[1], r[2]) for r in cur.fetchall()] == [(c, "r1", "1")]


def test_show_create(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE VIEW %s.v AS SELECT 1 AS x" % s)
    cur = mz.execute("SHOW CREATE VIEW %s.v" % s)
    assert [d.name for d in cur.description] == ["name", "create_sql"]
    name, create_sql = cur.fetchone()
    assert name == "materialize.%s.v" % s
    assert create_sql.upper().startswith("CREATE VIEW")
    code, msg = _err(mz, "SHOW CREATE VIEW %s.nope" % s)
    assert code == "XX000" and msg == "unknown catalog item '%s.nope'" % s


# ---- kind 4: statements Materialize rejects ---------------------------------------------------
def test_create_cluster_without_options_is_rejected(mz, uniq):
    code, msg = _err(mz, "CREATE CLUSTER %s" % uniq("c"))
    assert code == "42601"
    assert msg.startswith("Expected one of AVAILABILITY or DISK")


def test_reserved_names_are_rejected(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    code, msg = _err(mz, "ALTER SCHEMA %s RENAME TO mz_%s" % (s, s))
    assert (code, msg) == ("XX000", "unacceptable schema name 'mz_%s'" % s)
    code, msg = _err(mz, "CREATE SCHEMA pg_%s" % s)
    assert (code, msg) == ("XX000", "unacceptable schema name 'pg_%s'" % s)
    code, msg = _err(mz, "CREATE CLUSTER mz_%s (SIZE '1')" % s)
    assert (code, msg) == ("XX000", 'cluster name "mz_%s" is reserved' % s)
    code, msg = _err(mz, "CREATE ROLE mz_%s" % s)
    assert (code, msg) == ("XX000", 'role name "mz_%s" is reserved' % s)


def test_duplicate_replica_names_are_rejected(mz, uniq):
    c = uniq("c")
    code, msg = _err(mz, "CREATE CLUSTER %s REPLICAS (r1 (SIZE '1'), r1 (SIZE '1'))" % c)
    assert (code, msg) == ("XX000", "cannot create multiple replicas named 'r1' on cluster '%s'" % c)


def test_comment_on_by_non_owner_is_rejected(emu, mz, uniq):
    s, other = uniq("s"), uniq("u")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.t (a int)" % s)
    o = emu.connect(user=other)
    try:
        code, msg = _err(o, "COMMENT ON TABLE %s.t IS 'x'" % s)
        assert code == "42501" and msg.startswith("must be owner of TABLE")
        code, msg = _err(o, "COMMENT ON SCHEMA %s IS 'x'" % s)
        assert (code, msg) == ("42501", "must be owner of SCHEMA materialize.%s" % s)
    finally:
        o.close()
    mz.execute("COMMENT ON TABLE %s.t IS 'mine'" % s)  # the owner may


def test_drop_cluster_with_objects_needs_cascade(mz, uniq):
    c, s = uniq("c"), uniq("s")
    mz.execute("CREATE CLUSTER %s (SIZE '1')" % c)
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE MATERIALIZED VIEW %s.mv IN CLUSTER %s AS SELECT 1 AS x" % (s, c))
    code, msg = _err(mz, "DROP CLUSTER %s" % c)
    assert (code, msg) == ("XX000", 'cannot drop cluster "%s" because other objects depend on it' % c)
    mz.execute("DROP CLUSTER %s CASCADE" % c)


# ---- kind 5: errors in Materialize's words -------------------------------------------------------
def test_catalog_errors_in_materialize_words(mz, uniq):
    s, c = uniq("s"), uniq("c")
    mz.execute("CREATE SCHEMA %s" % s)
    assert _err(mz, "CREATE SCHEMA %s" % s) == ("XX000", "schema '%s' already exists" % s)
    mz.execute("CREATE CLUSTER %s (SIZE '1')" % c)
    assert _err(mz, "CREATE CLUSTER %s (SIZE '1')" % c) == ("XX000", "cluster '%s' already exists" % c)
    assert _err(mz, "DROP SCHEMA %s_nope" % s) == ("XX000", "unknown schema '%s_nope'" % s)
    assert _err(mz, "DROP CLUSTER %s_nope" % c) == ("XX000", "unknown cluster '%s_nope'" % c)
    assert _err(mz, "SELECT * FROM %s.nope" % s) == ("XX000", "unknown catalog item '%s.nope'" % s)
    assert _err(mz, "SELECT * FROM %s_nope.t" % s) == ("XX000", "unknown schema '%s_nope'" % s)
    assert _err(mz, "DROP ROLE %s_nope" % s) == ("XX000", "unknown role '%s_nope'" % s)
