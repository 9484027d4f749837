"""§8.9 Hydration after a configurable delay per object and replica; lag reported; an OOM-kill
history makes a replica problematic; the deploy_await classification query returns the same
statuses as Materialize would (ready / hydrating / lagging / failing)."""

import os
import time

import pytest

import emutil

HERE = os.path.dirname(os.path.abspath(__file__))
IMPL_SQL = os.path.join(os.path.dirname(HERE), "sql", "deploy_await.sql")
OWN_SQL = os.path.join(HERE, "sql", "deploy_await.sql")


def _quote(s):
    return "'" + s.replace("'", "''") + "'"


def classify_own(mz, clusters, lag="1s"):
    """Our query (tests/sql/deploy_await.sql, written from the fact sheet)."""
    sql = open(OWN_SQL).read()
    rows = mz.execute(sql, {"clusters": list(clusters), "lag_threshold": lag}).fetchall()
    return {r[0]: r[1] for r in rows}


def classify_impl(mz, clusters, lag="1s"):
    """The implementer's query (tests/emulator/sql/deploy_await.sql, __CLUSTERS__ and
    __LAG_THRESHOLD__ placeholders; a requested cluster absent from the result is failing)."""
    sql = open(IMPL_SQL).read()
    sql = sql.replace("__CLUSTERS__", ", ".join(_quote(c) for c in clusters))
    sql = sql.replace("__LAG_THRESHOLD__", _quote(lag))
    cur = mz.execute(sql)
    names = [d.name for d in cur.description]
    got = {}
    for r in cur.fetchall():
        rec = dict(zip(names, r))
        got[rec["cluster_name"]] = rec["status"]
    return {c: got.get(c, "failing") for c in clusters}


def classify(mz, clusters, lag="1s"):
    """Classification by the deploy_await query; when the implementer's query exists both are
    run and must agree (two independent readings of the same macro)."""
    own = classify_own(mz, clusters, lag)
    if os.path.exists(IMPL_SQL):
        impl = classify_impl(mz, clusters, lag)
        # compare only when the state did not change around the implementer's query
        if classify_own(mz, clusters, lag) == own:
            assert impl == own, "implementer's deploy_await.sql %r != ours %r" % (impl, own)
    return own


def ids(mz, cluster):
    cid = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s",
                     (cluster,)).fetchone()[0]
    reps = [r[0] for r in mz.execute("SELECT id FROM mz_catalog.mz_cluster_replicas WHERE "
                                     "cluster_id = %s ORDER BY id", (cid,)).fetchall()]
    return cid, reps


def hydration(mz, object_id):
    return dict(mz.execute("SELECT replica_id, hydrated FROM mz_internal.mz_hydration_statuses "
                           "WHERE object_id = %s", (object_id,)).fetchall())


def make_mv(mz, uniq, cluster, rf=1):
    t = uniq("t")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = %d)" % (cluster, rf))
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    mz.execute("CREATE MATERIALIZED VIEW %s_mv IN CLUSTER %s AS SELECT count(*) AS n FROM %s"
               % (t, cluster, t))
    oid = mz.execute("SELECT id FROM mz_catalog.mz_materialized_views WHERE name = %s",
                     (t + "_mv",)).fetchone()[0]
    return t, oid


@pytest.fixture
def knobs(emu):
    """Restores the global knobs a test may touch."""
    yield emu
    emu.control("freeze_progress off")
    emu.control("hydration_delay 1.0")


@pytest.mark.limit(90)
def test_9_hydration_after_delay_per_replica(mz, uniq, knobs):
    knobs.knob("hydration_delay 4")
    c = uniq("c")
    t0 = time.monotonic()
    _, oid = make_mv(mz, uniq, c, rf=2)
    _, reps = ids(mz, c)
    h = hydration(mz, oid)
    if time.monotonic() - t0 < 3.0:  # only meaningful if we looked before the delay ran out
        assert set(h) == set(reps)
        assert not any(h.values()), h
    emutil.wait_for(lambda: all(hydration(mz, oid).get(r) for r in reps), timeout=30,
                    what="hydrated on every replica")
    assert time.monotonic() - t0 >= 4.0 - 0.5
    assert set(hydration(mz, oid)) == set(reps)
    # mz_compute_hydration_statuses agrees and carries a hydration_time
    rows = mz.execute("SELECT replica_id, hydrated, hydration_time FROM "
                      "mz_internal.mz_compute_hydration_statuses WHERE object_id = %s",
                      (oid,)).fetchall()
    assert {r[0] for r in rows} == set(reps)
    assert all(r[1] and r[2] is not None for r in rows)


@pytest.mark.limit(90)
def test_9_hydration_stall_knob(mz, uniq, knobs):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    knobs.knob("stall_hydration %s on" % c)
    try:
        t = uniq("t")
        mz.execute("CREATE TABLE %s (a int)" % t)
        mz.execute("CREATE INDEX %s_i IN CLUSTER %s ON %s (a)" % (t, c, t))
        oid = mz.execute("SELECT id FROM mz_catalog.mz_indexes WHERE name = %s",
                         (t + "_i",)).fetchone()[0]
        time.sleep(2.5)
        h = hydration(mz, oid)
        assert h and not any(h.values()), h
        assert classify(mz, [c]) == {c: "hydrating"}
    finally:
        knobs.knob("stall_hydration %s off" % c)
    emutil.wait_for(lambda: all(hydration(mz, oid).values()), timeout=20, what="hydrated")


@pytest.mark.limit(90)
def test_9_hydration_lag_reported(mz, uniq, knobs):
    c = uniq("c")
    _, oid = make_mv(mz, uniq, c)
    emutil.wait_for(lambda: mz.execute("SELECT lag FROM mz_internal.mz_wallclock_global_lag "
                                       "WHERE object_id = %s", (oid,)).fetchall(), timeout=20,
                    what="lag row")
    lag = mz.execute("SELECT extract(epoch FROM lag) FROM mz_internal.mz_wallclock_global_lag "
                     "WHERE object_id = %s", (oid,)).fetchone()[0]
    assert 0 <= float(lag) < 5.0
    knobs.knob("freeze_progress on")
    time.sleep(2.5)
    lag2 = mz.execute("SELECT extract(epoch FROM lag) FROM mz_internal.mz_wallclock_global_lag "
                      "WHERE object_id = %s", (oid,)).fetchone()[0]
    assert float(lag2) > 1.5
    knobs.knob("freeze_progress off")
    emutil.wait_for(lambda: float(mz.execute(
        "SELECT extract(epoch FROM lag) FROM mz_internal.mz_wallclock_global_lag WHERE "
        "object_id = %s", (oid,)).fetchone()[0]) < 1.0, timeout=20, what="lag recovers")


def test_9_hydration_oom_kill_history(emu, mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    _, reps = ids(mz, c)
    emu.knob("oom_kill %s 3" % reps[0])
    rows = mz.execute("SELECT reason, occurred_at FROM "
                      "mz_internal.mz_cluster_replica_status_history WHERE replica_id = %s AND "
                      "reason = 'oom-killed'", (reps[0],)).fetchall()
    assert len(rows) == 3
    assert all(r[1] is not None for r in rows)


@pytest.mark.limit(90)
def test_9_deploy_await_ready(mz, uniq):
    c = uniq("c")
    make_mv(mz, uniq, c)
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "ready"}, timeout=30, what="ready")


@pytest.mark.limit(90)
def test_9_deploy_await_hydrating(mz, uniq, knobs):
    knobs.knob("hydration_delay 30")
    c = uniq("c")
    make_mv(mz, uniq, c)
    assert classify(mz, [c]) == {c: "hydrating"}
    knobs.knob("hydration_delay 1.0")


@pytest.mark.limit(90)
def test_9_deploy_await_lagging(mz, uniq, knobs):
    c = uniq("c")
    make_mv(mz, uniq, c)
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "ready"}, timeout=30, what="ready")
    knobs.knob("freeze_progress on")
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "lagging"}, timeout=15, what="lagging")
    knobs.knob("freeze_progress off")
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "ready"}, timeout=20, what="ready again")


def test_9_deploy_await_failing_no_replicas(mz, uniq):
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 0)" % c)
    assert classify(mz, [c]) == {c: "failing"}


def test_9_deploy_await_failing_cluster_missing(mz, uniq):
    c = uniq("missing")
    assert classify(mz, [c]) == {c: "failing"}


@pytest.mark.limit(90)
def test_9_deploy_await_failing_all_replicas_oom(emu, mz, uniq):
    c = uniq("c")
    make_mv(mz, uniq, c, rf=2)
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "ready"}, timeout=30, what="ready")
    _, reps = ids(mz, c)
    emu.knob("oom_kill %s 2" % reps[0])
    assert classify(mz, [c]) == {c: "ready"}  # 2 < 3: not problematic
    emu.knob("oom_kill %s 1" % reps[0])
    assert classify(mz, [c]) == {c: "ready"}  # one of two replicas problematic
    emu.knob("oom_kill %s 3" % reps[1])
    assert classify(mz, [c]) == {c: "failing"}


@pytest.mark.limit(90)
def test_9_deploy_await_several_clusters_one_query(mz, uniq):
    ready, empty0, missing = uniq("c"), uniq("c"), uniq("missing")
    make_mv(mz, uniq, ready)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 0)" % empty0)
    emutil.wait_for(lambda: classify(mz, [ready]) == {ready: "ready"}, timeout=30, what="ready")
    assert classify(mz, [ready, empty0, missing]) == {
        ready: "ready", empty0: "failing", missing: "failing"}


def test_9_deploy_await_empty_cluster_reads_ready(mz, uniq):
    """Every replica has hydrated system introspection indexes (ids si...) in
    mz_hydration_statuses, so an empty cluster passes the await query (fact sheet §6, §7)."""
    c = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 2)" % c)
    _, reps = ids(mz, c)
    emutil.wait_for(lambda: classify(mz, [c]) == {c: "ready"}, timeout=20, what="ready")
    rows = mz.execute("SELECT object_id, replica_id, hydrated FROM mz_internal.mz_hydration_statuses "
                      "WHERE replica_id = ANY(%s)", (reps,)).fetchall()
    per = {r: sorted(o for o, rr, _ in rows if rr == r) for r in reps}
    assert all(per[r] and all(o.startswith("si") for o in per[r]) for r in reps), rows
    assert per[reps[0]] == per[reps[1]]  # the cluster's introspection indexes, on each replica
    assert all(h for _, _, h in rows)
    # the same indexes in mz_compute_hydration_statuses, with a hydration time
    n = mz.execute("SELECT count(*) FROM mz_internal.mz_compute_hydration_statuses WHERE replica_id = "
                   "ANY(%s) AND object_id LIKE 'si%%' AND hydrated AND hydration_time IS NOT NULL",
                   (reps,)).fetchone()[0]
    assert n == len(rows)
    # another cluster's introspection indexes have other ids
    other = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % other)
    _, oreps = ids(mz, other)
    oids = {o for (o,) in mz.execute("SELECT object_id FROM mz_internal.mz_hydration_statuses "
                                     "WHERE replica_id = %s", (oreps[0],)).fetchall()}
    assert oids and not oids & set(per[reps[0]])


def test_9_comments_object_sub_id_integer(mz, uniq):
    """mz_comments (id, object_type, object_sub_id integer, comment): NULL for the object itself,
    the column's position for a column (fact sheet §6)."""
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int, b text)" % t)
    mz.execute("COMMENT ON TABLE %s IS 'the table'" % t)
    mz.execute("COMMENT ON COLUMN %s.b IS 'the column'" % t)
    tid = mz.execute("SELECT id FROM mz_catalog.mz_objects WHERE name = %s", (t,)).fetchone()[0]
    rows = mz.execute("SELECT object_type, object_sub_id, pg_typeof(object_sub_id)::text, comment "
                      "FROM mz_internal.mz_comments WHERE id = %s ORDER BY object_sub_id NULLS FIRST",
                      (tid,)).fetchall()
    assert rows == [("table", None, "integer", "the table"), ("table", 2, "integer", "the column")]
