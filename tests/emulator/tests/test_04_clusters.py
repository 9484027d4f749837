"""§8.4 Managed and unmanaged CREATE CLUSTER, replicas, DROP CLUSTER CASCADE, in the catalog."""

import psycopg
import pytest


def _cluster(mz, name):
    return mz.execute(
        "SELECT id, managed, size, replication_factor FROM mz_catalog.mz_clusters WHERE name = %s",
        (name,)).fetchall()


def _replicas(mz, cluster_id):
    return mz.execute(
        "SELECT id, name, size FROM mz_catalog.mz_cluster_replicas WHERE cluster_id = %s "
        "ORDER BY name", (cluster_id,)).fetchall()


def test_4_clusters_quickstart_exists(mz):
    rows = _cluster(mz, "quickstart")
    assert len(rows) == 1
    assert len(_replicas(mz, rows[0][0])) == 1


def test_4_clusters_managed_create(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 2)" % c)
    rows = _cluster(mz, c)
    assert len(rows) == 1
    cid, managed, size, rf = rows[0]
    assert cid.startswith("u")
    assert managed is True
    assert size == "25cc"
    assert int(rf) == 2
    reps = _replicas(mz, cid)
    assert len(reps) == 2
    assert all(r[2] == "25cc" for r in reps)
    assert all(r[0].startswith("u") for r in reps)


def test_4_clusters_managed_default_replication_factor(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = 'anything-goes')" % c)
    cid, managed, size, rf = _cluster(mz, c)[0]
    assert managed is True and size == "anything-goes" and int(rf) == 1
    assert len(_replicas(mz, cid)) == 1


def test_4_clusters_replication_factor_zero_allowed(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 0)" % c)
    cid, managed, _, rf = _cluster(mz, c)[0]
    assert managed is True and int(rf) == 0
    assert _replicas(mz, cid) == []


def test_4_clusters_unmanaged_create(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s REPLICAS (r1 (SIZE = '25cc'), r2 (SIZE = '50cc'))" % c)
    cid, managed, size, rf = _cluster(mz, c)[0]
    assert managed is False
    assert size is None
    assert rf is None
    reps = _replicas(mz, cid)
    assert [(r[1], r[2]) for r in reps] == [("r1", "25cc"), ("r2", "50cc")]


def test_4_clusters_unmanaged_add_and_drop_replica(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s REPLICAS (r1 (SIZE = '25cc'))" % c)
    cid = _cluster(mz, c)[0][0]
    mz.execute("CREATE CLUSTER REPLICA %s.r2 SIZE = '25cc'" % c)
    assert [r[1] for r in _replicas(mz, cid)] == ["r1", "r2"]
    mz.execute("DROP CLUSTER REPLICA %s.r1" % c)
    assert [r[1] for r in _replicas(mz, cid)] == ["r2"]


def test_4_clusters_drop_cluster_cascade(mz, uniq):
    c, t = uniq("c"), uniq("t")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    cid = _cluster(mz, c)[0][0]
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("CREATE INDEX %s_idx IN CLUSTER %s ON %s (a)" % (t, c, t))
    with pytest.raises(psycopg.Error):
        mz.execute("DROP CLUSTER %s" % c)  # has a dependent index: needs CASCADE
    assert len(_cluster(mz, c)) == 1
    mz.execute("DROP CLUSTER %s CASCADE" % c)
    assert _cluster(mz, c) == []
    assert _replicas(mz, cid) == []
    n = mz.execute("SELECT count(*) FROM mz_catalog.mz_indexes WHERE cluster_id = %s",
                   (cid,)).fetchone()[0]
    assert n == 0
    # The table itself survives: only the index lived on the cluster.
    assert mz.execute("SELECT count(*) FROM %s" % t).fetchone()[0] == 0


def test_4_clusters_drop_if_exists(mz, uniq):
    mz.execute("DROP CLUSTER IF EXISTS %s CASCADE" % uniq("nothere"))


def test_4_clusters_ids_unique_and_never_reused(mz, uniq):
    a = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % a)
    aid = _cluster(mz, a)[0][0]
    mz.execute("DROP CLUSTER %s" % a)
    b = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % b)
    bid = _cluster(mz, b)[0][0]
    assert aid != bid


def test_4_clusters_show_clusters(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 2)" % c)
    cur = mz.execute("SHOW CLUSTERS")
    cols = [d.name for d in cur.description]
    assert cols[:3] == ["name", "replicas", "comment"]
    rows = {r[0]: r for r in cur.fetchall()}
    assert c in rows and "quickstart" in rows
    cid = _cluster(mz, c)[0][0]
    for _, rname, _ in _replicas(mz, cid):
        assert rname in str(rows[c][1])  # the replicas column lists the replicas by name


def test_4_clusters_show_cluster_replicas(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s REPLICAS (rx (SIZE = '25cc'))" % c)
    cur = mz.execute("SHOW CLUSTER REPLICAS")
    cols = [d.name for d in cur.description]
    assert cols[:4] == ["cluster", "replica", "size", "ready"]
    assert (c, "rx", "25cc") in [tuple(r[:3]) for r in cur.fetchall()]


def test_4_clusters_cluster_schedules(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    cid = _cluster(mz, c)[0][0]
    rows = mz.execute("SELECT type FROM mz_internal.mz_cluster_schedules WHERE cluster_id = %s",
                      (cid,)).fetchall()
    assert rows == [("manual",)]
