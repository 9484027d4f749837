"""§8.12 A running SUBSCRIBE keeps streaming the old objects after a swap, and ends with the
relation (or cluster) XX000 error when cleanup drops them."""

import time

import emutil
import rawpg
from subs import now_ts


def env(mz, uniq):
    prod = uniq("s")
    dep = prod + "_dbt_deploy"
    for s in (prod, dep):
        mz.execute("CREATE SCHEMA %s" % s)
        mz.execute("CREATE TABLE %s.t (v text)" % s)
    mz.execute("INSERT INTO %s.t VALUES ('old0')" % prod)
    mz.execute("INSERT INTO %s.t VALUES ('new0')" % dep)
    return prod, dep


def drain_until_progress_after(s, ts, timeout=20):
    return s.rows_until(lambda r: r[1] == "t" and int(r[0]) > ts, timeout=timeout)


def test_12_subscribe_keeps_old_objects_after_swap_then_relation_dropped(emu, mz, uniq):
    prod, dep = env(mz, uniq)
    s = emutil.Stream(emu, "SUBSCRIBE %s.t WITH (PROGRESS)" % prod)
    try:
        rows = s.rows_until(lambda r: r[1] != "t")
        assert rows[-1][3] == "old0"
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (prod, dep))
        # the old table now lives under the deploy name: its writes still stream
        mz.execute("INSERT INTO %s.t VALUES ('old1')" % dep)
        # the new production table is not what this subscription reads
        mz.execute("INSERT INTO %s.t VALUES ('new1')" % prod)
        ts = now_ts(mz)
        rows = drain_until_progress_after(s, ts)
        vals = [r[3] for r in rows if r[1] != "t"]
        assert vals == ["old1"], vals
        # cleanup drops the old objects: the subscription ends with XX000
        mz.execute("DROP SCHEMA %s CASCADE" % dep)
        while True:
            kind, val, _ = s.get(20)
            if kind != "row":
                break
            assert val[1] == "t", val  # nothing but progress until the end
        assert kind == "error", (kind, val)
        assert val["C"] == "XX000"  # the text changes between versions: SQLSTATE only (§3)
        assert s.done.wait(10)
        # a retry resolves the production name again and lands on the new environment
        msgs = s.conn.query("SELECT v FROM %s.t ORDER BY v" % prod)
        assert rawpg.rows(msgs) == [["new0"], ["new1"]]
    finally:
        s.close()


def test_12_subscribe_retry_after_swap_lands_on_new(emu, mz, uniq):
    prod, dep = env(mz, uniq)
    mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (prod, dep))
    s = emutil.Stream(emu, "SUBSCRIBE %s.t WITH (PROGRESS)" % prod)
    try:
        rows = s.rows_until(lambda r: r[1] != "t")
        assert rows[-1][3] == "new0"
    finally:
        s.close()


def test_12_subscribe_copy_form_error_without_copydone(emu, mz, uniq):
    prod, dep = env(mz, uniq)
    c = emu.raw(timeout=30)
    try:
        c.send("Q", ("COPY (SUBSCRIBE %s.t WITH (PROGRESS)) TO STDOUT" % prod).encode() + b"\0")
        m = c.recv()
        assert m.kind == "H"
        m = c.recv()
        assert m.kind == "d"
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (prod, dep))
        mz.execute("DROP SCHEMA %s CASCADE" % dep)
        msgs = c.until_ready()
        kinds = [x.kind for x in msgs]
        assert "c" not in kinds, kinds
        errs = rawpg.errors(msgs)
        assert len(errs) == 1 and errs[0]["C"] == "XX000"  # SQLSTATE only (§3)
        assert kinds[-2:] == ["E", "Z"]
    finally:
        c.close()


def test_12_subscribe_cluster_variant(emu, mz, uniq):
    prod = uniq("c")
    dep = prod + "_dbt_deploy"
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    for c in (prod, dep):
        mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    prod_id = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s",
                         (prod,)).fetchone()[0]
    s = emutil.Stream(emu, "SUBSCRIBE (SELECT a FROM %s) WITH (PROGRESS)" % t,
                      params={"cluster": prod})
    try:
        s.rows_until(lambda r: r[1] != "t")
        mz.execute("ALTER CLUSTER %s SWAP WITH %s" % (prod, dep))
        # still bound to the old cluster (by id), which now carries the deploy name
        rows = mz.execute("SELECT cluster_id FROM mz_internal.mz_subscriptions").fetchall()
        assert (prod_id,) in rows
        mz.execute("INSERT INTO %s VALUES (2)" % t)
        rows = s.rows_until(lambda r: r[1] != "t")
        assert rows[-1][2:] == ["1", "2"]
        mz.execute("DROP CLUSTER %s CASCADE" % dep)
        while True:
            kind, val, _ = s.get(20)
            if kind != "row":
                break
        assert kind == "error", (kind, val)
        assert val["C"] == "XX000"  # SQLSTATE only (§3)
    finally:
        s.close()


def test_12_subscribe_relations_checked_before_cluster(emu, mz, uniq):
    c = uniq("c")
    sch = uniq("s")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    mz.execute("CREATE SCHEMA %s" % sch)
    mz.execute("CREATE TABLE %s.t (a int)" % sch)
    mz.execute("CREATE MATERIALIZED VIEW %s.mv IN CLUSTER %s AS SELECT a FROM %s.t" %
               (sch, c, sch))
    s = emutil.Stream(emu, "SUBSCRIBE %s.mv WITH (PROGRESS)" % sch, params={"cluster": c})
    try:
        s.rows_until(lambda r: r[1] == "t")
        time.sleep(0.2)
        mz.execute("DROP CLUSTER %s CASCADE" % c)  # drops the MV and the cluster together
        while True:
            kind, val, _ = s.get(20)
            if kind != "row":
                break
        assert kind == "error", (kind, val)
        assert val["C"] == "XX000"  # SQLSTATE only (§3): the text changes between versions
    finally:
        s.close()
