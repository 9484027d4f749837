"""Issue 17, kind 7: catalog relations and ids as Materialize has them.

Sources: test/sqllogictest/cluster.slt (system clusters s1.., introspection indexes
`<log>_<cluster id>_primary_idx`); src/catalog/src/durable/initialize.rs (PUBLIC_SCHEMA_ID = 3);
https://materialize.com/docs/sql/system-catalog/mz_internal/ (mz_cluster_deployment_lineage keeps
clusters that no longer exist, without system clusters); system catalog docs for mz_columns,
mz_index_columns, mz_audit_events, mz_cluster_replica_sizes; COMMENT ON shows in pg_description.
"""

import psycopg
import pytest

from emutil import sqlstate


def test_system_clusters_and_their_replicas(mz):
    rows = dict(mz.execute("SELECT name, id FROM mz_catalog.mz_clusters WHERE id LIKE 's%'").fetchall())
    for name in ("mz_system", "mz_catalog_server", "mz_probe", "mz_support"):
        assert name in rows, rows
    reps = mz.execute("SELECT c.name, count(r.id) FROM mz_catalog.mz_clusters c LEFT JOIN "
                      "mz_catalog.mz_cluster_replicas r ON r.cluster_id = c.id WHERE c.id LIKE 's%' "
                      "GROUP BY c.name").fetchall()
    reps = dict(reps)
    assert reps["mz_catalog_server"] == 1 and reps["mz_system"] == 1 and reps["mz_support"] == 0
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("DROP CLUSTER mz_probe")
    assert sqlstate(ei.value) in ("XX000", "42501")


def test_introspection_indexes_in_the_catalog(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '1')" % c)
    cid = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s", (c,)).fetchone()[0]
    rows = mz.execute("SELECT i.id, i.name FROM mz_catalog.mz_indexes i WHERE i.cluster_id = %s", (cid,)).fetchall()
    names = {r[1] for r in rows}
    assert "mz_active_peeks_per_worker_%s_primary_idx" % cid in names
    assert all(r[0].startswith("si") for r in rows)
    cols = mz.execute("SELECT count(*) FROM mz_catalog.mz_index_columns ic JOIN mz_catalog.mz_indexes i "
                      "ON i.id = ic.index_id WHERE i.cluster_id = %s", (cid,)).fetchone()[0]
    assert cols >= 2 * len(rows)
    # they are not user objects: the cluster is still empty for hydration and SHOW INDEXES
    assert mz.execute("SELECT count(*) FROM mz_catalog.mz_objects WHERE cluster_id = %s", (cid,)).fetchone()[0] == 0
    assert mz.execute("SELECT count(*) FROM mz_internal.mz_hydration_statuses h JOIN mz_catalog.mz_indexes i "
                      "ON i.id = h.object_id WHERE i.cluster_id = %s AND i.id LIKE 'u%%'", (cid,)).fetchone()[0] == 0


def test_public_is_u3_and_new_schemas_start_after_the_system_ones(mz, uniq):
    assert mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = 'public'").fetchone() == ("u3",)
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    sid = mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = %s", (s,)).fetchone()[0]
    assert sid.startswith("u") and int(sid[1:]) >= 9


def test_mz_columns_and_index_columns(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.t (a int NOT NULL, b text)" % s)
    tid = mz.execute("SELECT o.id FROM mz_catalog.mz_objects o JOIN mz_catalog.mz_schemas sc ON sc.id = o.schema_id "
                     "WHERE sc.name = %s AND o.name = 't'", (s,)).fetchone()[0]
    cols = mz.execute("SELECT name, position, nullable, type FROM mz_catalog.mz_columns WHERE id = %s ORDER BY position",
                      (tid,)).fetchall()
    assert cols == [("a", 1, False, "integer"), ("b", 2, True, "text")]
    mz.execute("CREATE INDEX t_b IN CLUSTER quickstart ON %s.t (b)" % s)
    rows = mz.execute("SELECT ic.index_position, ic.on_position, ic.nullable FROM mz_catalog.mz_index_columns ic "
                      "JOIN mz_catalog.mz_indexes i ON i.id = ic.index_id WHERE i.name = 't_b'").fetchall()
    assert rows == [(1, 2, True)]


def test_audit_events_and_dropped_cluster_lineage(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '1')" % c)
    mz.execute("CREATE CLUSTER %s_dbt_deploy (SIZE = '1')" % c)
    old = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s", (c,)).fetchone()[0]
    new = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s", (c + "_dbt_deploy",)).fetchone()[0]
    mz.execute("ALTER CLUSTER %s SWAP WITH %s_dbt_deploy" % (c, c))
    mz.execute("DROP CLUSTER %s_dbt_deploy CASCADE" % c)  # deploy cleanup: the old cluster
    lineage = dict(mz.execute("SELECT cluster_id, current_deployment_cluster_id FROM "
                              "mz_internal.mz_cluster_deployment_lineage WHERE cluster_name = %s", (c,)).fetchall())
    assert lineage == {old: new, new: new}
    ev = mz.execute("SELECT event_type, object_type, details->>'id' FROM mz_catalog.mz_audit_events "
                    "WHERE details->>'id' IN (%s, %s) ORDER BY id", (old, new)).fetchall()
    assert ("create", "cluster", old) in ev and ("drop", "cluster", old) in ev
    assert mz.execute("SELECT count(*) FROM mz_internal.mz_cluster_deployment_lineage WHERE cluster_id LIKE 's%'"
                      ).fetchone()[0] == 0


def test_cluster_replica_sizes(mz):
    rows = dict(mz.execute("SELECT size, credits_per_hour FROM mz_catalog.mz_cluster_replica_sizes").fetchall())
    assert str(rows["25cc"]) == "0.25" and str(rows["100cc"]) == "1"


def test_comment_on_shows_in_pg_description(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.t (a int)" % s)
    mz.execute("COMMENT ON TABLE %s.t IS 'the table'" % s)
    mz.execute("COMMENT ON COLUMN %s.t.a IS 'the column'" % s)
    mz.execute("COMMENT ON SCHEMA %s IS 'the schema'" % s)
    assert mz.execute("SELECT obj_description('%s.t'::regclass, 'pg_class')" % s).fetchone() == ("the table",)
    assert mz.execute("SELECT col_description('%s.t'::regclass, 1)" % s).fetchone() == ("the column",)
    assert mz.execute("SELECT count(*) FROM pg_description WHERE description = 'the schema'").fetchone() == (1,)
    mz.execute("COMMENT ON TABLE %s.t IS NULL" % s)
    assert mz.execute("SELECT obj_description('%s.t'::regclass, 'pg_class')" % s).fetchone() == (None,)
