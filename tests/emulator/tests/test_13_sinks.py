"""§8.13 Sinks write what they emit into a table; ALTER SINK SET FROM switches at a cutover
timestamp with no snapshot of the new relation and is refused in a transaction (25001).

The sinks are written the way Materialize users write them (a Kafka sink); the emulator accepts
that and writes the emitted updates into the PostgreSQL table mz_emu.sink_<name> (columns
mz_timestamp, mz_diff, then the relation's columns). Override the DDL with MZEMU_SINK_DDL (a format string with {name} {cluster} {src}).
"""

import os

import psycopg
import pytest

import emutil

SINK_DDL = os.environ.get(
    "MZEMU_SINK_DDL", "CREATE SINK {name} IN CLUSTER {cluster} FROM {src} INTO KAFKA CONNECTION "
    "kafka_conn (TOPIC '{name}') FORMAT JSON ENVELOPE DEBEZIUM")


def sink_rows(pgconn, name):
    cur = pgconn.execute("SELECT * FROM mz_emu.sink_%s" % name)
    cols = [d.name for d in cur.description]
    out = []
    for r in cur.fetchall():
        rec = dict(zip(cols, r))
        out.append((int(rec["mz_timestamp"]), int(rec["mz_diff"]), rec["a"]))
    return sorted(out)


def make_env(mz, uniq, rows_old=(1,), rows_new=()):
    c, old, new = uniq("c"), uniq("old"), uniq("new")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    for t, rows in ((old, rows_old), (new, rows_new)):
        mz.execute("CREATE TABLE %s (a int)" % t)
        for r in rows:
            mz.execute("INSERT INTO %s VALUES (%d)" % (t, r))
    return c, old, new


@pytest.mark.limit(90)
def test_13_sink_writes_into_table(mz, pgconn, uniq):
    c, old, _ = make_env(mz, uniq)
    s = uniq("sink")
    mz.execute(SINK_DDL.format(name=s, cluster=c, src=old))
    row = mz.execute("SELECT k.cluster_id, cl.name FROM mz_catalog.mz_sinks k JOIN "
                     "mz_catalog.mz_clusters cl ON cl.id = k.cluster_id WHERE k.name = %s",
                     (s,)).fetchone()
    assert row[1] == c
    emutil.wait_for(lambda: [(d, a) for _, d, a in sink_rows(pgconn, s)] == [(1, 1)],
                    timeout=20, what="snapshot in sink")
    mz.execute("INSERT INTO %s VALUES (2)" % old)
    mz.execute("DELETE FROM %s WHERE a = 1" % old)
    emutil.wait_for(lambda: len(sink_rows(pgconn, s)) == 3, timeout=20, what="updates in sink")
    rows = sink_rows(pgconn, s)
    assert sorted((d, a) for _, d, a in rows) == [(-1, 1), (1, 1), (1, 2)]
    ts = {(d, a): t for t, d, a in rows}
    # the snapshot comes first; the two later writes may share a timestamp (group commit)
    assert ts[(1, 1)] < ts[(1, 2)] <= ts[(-1, 1)]


@pytest.mark.limit(120)
def test_13_alter_sink_set_from_cutover_no_snapshot(mz, pgconn, uniq):
    c, old, new = make_env(mz, uniq, rows_old=(1,), rows_new=(100, 101))
    s = uniq("sink")
    mz.execute(SINK_DDL.format(name=s, cluster=c, src=old))
    emutil.wait_for(lambda: len(sink_rows(pgconn, s)) == 1, timeout=20, what="snapshot")
    mz.execute("INSERT INTO %s VALUES (2)" % old)
    emutil.wait_for(lambda: len(sink_rows(pgconn, s)) == 2, timeout=20, what="old update")
    mz.execute("ALTER SINK %s SET FROM %s" % (s, new))
    mz.execute("INSERT INTO %s VALUES (3)" % old)  # after cutover: not emitted
    mz.execute("INSERT INTO %s VALUES (102)" % new)  # after cutover: emitted
    emutil.wait_for(lambda: 102 in [a for _, _, a in sink_rows(pgconn, s)], timeout=20,
                    what="new relation's update")
    rows = sink_rows(pgconn, s)
    vals = [a for _, _, a in rows]
    assert 3 not in vals
    assert 100 not in vals and 101 not in vals  # no snapshot of the new relation
    assert vals == [1, 2, 102]
    old_ts = [ts for ts, _, a in rows if a < 100]
    new_ts = [ts for ts, _, a in rows if a >= 100]
    assert max(old_ts) < min(new_ts)


def test_13_alter_sink_in_transaction_25001(mz, uniq):
    c, old, new = make_env(mz, uniq)
    s = uniq("sink")
    mz.execute(SINK_DDL.format(name=s, cluster=c, src=old))
    mz.execute("BEGIN")
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("ALTER SINK %s SET FROM %s" % (s, new))
    assert ei.value.diag.sqlstate == "25001"
    mz.execute("ROLLBACK")


def test_13_sink_listed_in_catalog(mz, uniq):
    c, old, _ = make_env(mz, uniq)
    s = uniq("sink")
    mz.execute(SINK_DDL.format(name=s, cluster=c, src=old))
    row = mz.execute("SELECT o.type, sc.name FROM mz_catalog.mz_objects o JOIN "
                     "mz_catalog.mz_schemas sc ON sc.id = o.schema_id WHERE o.name = %s",
                     (s,)).fetchone()
    assert row == ("sink", "public")
