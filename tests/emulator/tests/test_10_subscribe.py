"""§8.10 SUBSCRIBE: columns, PROGRESS first row at AS OF, consolidated snapshot, increasing
timestamps, progress about once a second on a quiet table (Materialize's cadence), SNAPSHOT false exclusive AS OF, UP TO exclusive,
AS OF before retained history -> error, ENVELOPE UPSERT."""

import time

import psycopg
import pytest

import emutil
from subs import data_rows, now_ts, write_ts

NUMERIC, BOOL, INT8, INT4, TEXT = 1700, 16, 20, 23, 25


def table(mz, uniq, cols="a int", rows=(), retain=True):
    # Tests that use past AS OF values retain history so that a slow machine cannot make them
    # fall behind the compaction frontier.
    t = uniq("t")
    mz.execute("CREATE TABLE %s (%s)%s" % (t, cols, " WITH (RETAIN HISTORY FOR '1h')"
                                           if retain else ""))
    for r in rows:
        mz.execute("INSERT INTO %s VALUES %s" % (t, r))
    return t


def test_10_subscribe_columns_default(emu, mz, uniq):
    t = table(mz, uniq, "a int, b text", ["(1, 'x')"])
    s = emutil.Stream(emu, "SUBSCRIBE %s" % t)
    try:
        rows = s.rows_until(lambda r: True)
        assert s.columns == [("mz_timestamp", NUMERIC), ("mz_diff", INT8), ("a", INT4),
                             ("b", TEXT)]
        assert rows[0][1:] == ["1", "1", "x"]
    finally:
        s.close()


def test_10_subscribe_columns_progress(emu, mz, uniq):
    t = table(mz, uniq, "a int, b text")
    s = emutil.Stream(emu, "SUBSCRIBE TO %s WITH (PROGRESS)" % t)
    try:
        rows = s.rows_until(lambda r: True)
        assert s.columns == [("mz_timestamp", NUMERIC), ("mz_progressed", BOOL),
                             ("mz_diff", INT8), ("a", INT4), ("b", TEXT)]
        # progress rows carry only mz_timestamp
        assert rows[0][1] == "t" and rows[0][2:] == [None, None, None]
    finally:
        s.close()


def test_10_subscribe_progress_first_row_at_as_of(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)", "(2)"])
    ts = now_ts(mz)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t, ts))
    try:
        rows = s.rows_until(lambda r: r[1] == "t" and int(r[0]) > ts)
        assert rows[0][1] == "t" and int(rows[0][0]) == ts
        snap = data_rows(rows)
        assert sorted(snap) == [(ts, 1, ("1",)), (ts, 1, ("2",))]  # snapshot at AS OF
    finally:
        s.close()


def test_10_subscribe_progress_follows_snapshot_at_once(emu, mz, uniq):
    """Materialize ships the snapshot in a batch whose upper is past the AS OF, so a progress row
    past the AS OF follows the snapshot without waiting for time to advance: with ticks frozen
    it must still come."""
    t = table(mz, uniq, "a int", ["(1)", "(2)"], retain=False)
    first = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)  # tracks the relation
    second = None
    try:
        first.rows_until(lambda r: r[1] == "t")
        emu.control("freeze_progress on")
        second = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
        rows = second.rows_until(lambda r: r[1] == "t", timeout=10)  # the first row: at AS OF
        as_of = int(rows[0][0])
        rows += second.rows_until(lambda r: r[1] == "t" and int(r[0]) > as_of, timeout=3)
        assert sorted(data_rows(rows)) == [(as_of, 1, ("1",)), (as_of, 1, ("2",))]
        assert int(rows[-1][0]) == as_of + 1
    finally:
        emu.control("freeze_progress off")
        first.close()
        if second is not None:
            second.close()


def test_10_subscribe_consolidated_snapshot(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)", "(1)", "(2)", "(3)"])
    mz.execute("DELETE FROM %s WHERE a = 2" % t)
    mz.execute("UPDATE %s SET a = 4 WHERE a = 3" % t)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        first = s.rows_until(lambda r: r[1] == "t")
        rest = s.rows_until(lambda r: r[1] == "t")
        rows = first + rest
        snap = data_rows(rows)
        ts0 = int(first[0][0])
        assert all(ts == ts0 for ts, _, _ in snap)
        assert sorted((d, v) for _, d, v in snap) == [(1, ("4",)), (2, ("1",))]
    finally:
        s.close()


def test_10_subscribe_increasing_timestamps(emu, mz, uniq):
    t = table(mz, uniq, "a int")
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        s.rows_until(lambda r: r[1] == "t")
        for i in range(10):
            mz.execute("INSERT INTO %s VALUES (%d)" % (t, i))
            if i % 3 == 0:
                mz.execute("DELETE FROM %s WHERE a = %d" % (t, i))
        final = now_ts(mz)
        rows = s.rows_until(lambda r: r[1] == "t" and int(r[0]) > final)
        ts = [int(r[0]) for r in rows]
        assert ts == sorted(ts), ts
        prog = [int(r[0]) for r in rows if r[1] == "t"]
        assert prog == sorted(set(prog)), prog  # strictly increasing progress
        # frontier promise: no data row below an earlier progress timestamp
        frontier = None
        for r in rows:
            if r[1] == "t":
                frontier = int(r[0])
            else:
                assert frontier is None or int(r[0]) >= frontier
        # (writes of different transactions may share a timestamp: group commit)
        got = emutil.consolidate([(v, d) for _, d, v in data_rows(rows)])
        assert got == {(str(i),): 1 for i in range(10) if i % 3}
    finally:
        s.close()


@pytest.mark.limit(60)
def test_10_subscribe_progress_about_every_second(emu, mz, uniq):
    """A quiet table closes a timestamp about once a second (fact sheet §4, cadence): progress
    neither stops nor comes every 100 ms."""
    t = table(mz, uniq, "a int")
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        s.rows_until(lambda r: r[1] == "t" and int(r[0]) > 0)
        s.rows_until(lambda r: r[1] == "t")  # past the AS OF + 1 row that follows the snapshot
        arrivals, stamps = [], []
        end = time.monotonic() + 5.0
        while time.monotonic() < end:
            kind, row, at = s.get(5.0)
            assert kind == "row", (kind, row)
            if row[1] == "t":
                arrivals.append(at)
                stamps.append(int(row[0]))
        gaps = [b - a for a, b in zip(arrivals, arrivals[1:])]
        logical = [b - a for a, b in zip(stamps, stamps[1:])]
        print("progress rows: %d, gaps %s, logical gaps %s" % (len(arrivals), gaps, logical))
        assert 3 <= len(arrivals) <= 7  # 5 s at about 1/s: not 10/s, and progress never stops
        assert max(gaps) < 2.5
        assert min(logical) >= 900  # logical time follows the wall clock (ms), 1 s apart
        assert stamps == sorted(set(stamps))
    finally:
        s.close()


def test_10_subscribe_snapshot_false_exclusive_as_of(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)"])
    tw = write_ts(emu, mz, t, "INSERT INTO %s VALUES (2)" % t, ("2",))
    assert now_ts(mz) >= tw  # a read after the write: the next write lands after it
    mz.execute("INSERT INTO %s VALUES (3)" % t)
    # AS OF tw, SNAPSHOT false: only times > tw, so 2 (at tw) is excluded, 3 included
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (SNAPSHOT = false, PROGRESS) AS OF %d" % (t, tw))
    try:
        rows = s.rows_until(lambda r: r[1] != "t" and r[3] == "3")
        vals = [v for _, _, v in data_rows(rows)]
        assert vals == [("3",)]
        assert all(ts > tw for ts, _, _ in data_rows(rows))
    finally:
        s.close()
    # AS OF tw - 1 includes the update at tw
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (SNAPSHOT = false, PROGRESS) AS OF %d" %
                      (t, tw - 1))
    try:
        rows = s.rows_until(lambda r: r[1] != "t" and r[3] == "3")
        vals = [(ts, v) for ts, _, v in data_rows(rows)]
        assert vals[0] == (tw, ("2",))
        assert [v for _, v in vals] == [("2",), ("3",)]
    finally:
        s.close()


def test_10_subscribe_snapshot_true_inclusive_as_of(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)"])
    tw = write_ts(emu, mz, t, "INSERT INTO %s VALUES (2)" % t, ("2",))
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t, tw))
    try:
        rows = s.rows_until(lambda r: r[1] == "t" and int(r[0]) > tw)
        assert sorted(data_rows(rows)) == [(tw, 1, ("1",)), (tw, 1, ("2",))]
    finally:
        s.close()
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t, tw - 1))
    try:
        rows = s.rows_until(lambda r: r[1] == "t" and int(r[0]) > tw)
        assert sorted(data_rows(rows)) == [(tw - 1, 1, ("1",)), (tw, 1, ("2",))]
    finally:
        s.close()


def test_10_subscribe_up_to_exclusive_stream_ends(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)"])
    tw = write_ts(emu, mz, t, "INSERT INTO %s VALUES (2)" % t, ("2",))
    for up_to, expect in ((tw, [("1",)]), (tw + 1, [("1",), ("2",)])):
        s = emutil.Stream(emu, "SUBSCRIBE %s AS OF %d UP TO %d" % (t, tw - 1, up_to))
        try:
            got = []
            while True:
                kind, val, _ = s.get(15)
                if kind != "row":
                    break
                got.append(val)
            assert kind == "end", (kind, val)
            assert sorted(tuple(r[2:]) for r in got) == expect
            assert s.done.wait(10)
        finally:
            s.close()


def test_10_subscribe_up_to_below_as_of_22000(mz, uniq):
    t = table(mz, uniq, "a int")
    ts = now_ts(mz)
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("SUBSCRIBE %s AS OF %d UP TO %d" % (t, ts, ts - 5))
    assert ei.value.diag.sqlstate == "22000"
    assert ei.value.diag.message_primary == (
        'subscription lower ("as of") bound is beyond its upper ("up to") bound: %d < %d'
        % (ts - 5, ts))


def test_10_subscribe_as_of_before_retained_history_error(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)"], retain=False)
    s = emutil.Stream(emu, "SUBSCRIBE %s AS OF 1" % t)
    try:
        kind, val, _ = s.get(15)
        assert kind == "error", (kind, val)
    finally:
        s.close()


def test_10_subscribe_retain_history_allows_old_as_of(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int) WITH (RETAIN HISTORY FOR '1h')" % t)
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    ts = now_ts(mz)
    time.sleep(2.0)
    mz.execute("INSERT INTO %s VALUES (2)" % t)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t, ts))
    try:
        rows = s.rows_until(lambda r: r[1] != "t" and r[3] == "2")
        snap = [(ts_, v) for ts_, _, v in data_rows(rows)]
        assert snap[0] == (ts, ("1",))
        assert snap[1][0] > ts
    finally:
        s.close()


def test_10_subscribe_envelope_upsert(emu, mz, uniq):
    t = table(mz, uniq, "k int, v text", ["(1, 'a')"])
    s = emutil.Stream(emu, "SUBSCRIBE %s ENVELOPE UPSERT (KEY (k)) WITH (PROGRESS)" % t)
    try:
        rows = s.rows_until(lambda r: r[1] == "t")
        rows += s.rows_until(lambda r: r[1] == "t")
        assert s.columns == [("mz_timestamp", NUMERIC), ("mz_progressed", BOOL),
                             ("mz_state", TEXT), ("k", INT4), ("v", TEXT)]
        assert [r[2:] for r in rows if r[1] != "t"] == [["upsert", "1", "a"]]
        mz.execute("UPDATE %s SET v = 'b' WHERE k = 1" % t)
        got = s.rows_until(lambda r: r[1] != "t")
        assert got[-1][2:] == ["upsert", "1", "b"]  # an update is one upsert, no delete
        mz.execute("DELETE FROM %s WHERE k = 1" % t)
        got = s.rows_until(lambda r: r[1] != "t")
        assert got[-1][2:] == ["delete", "1", None]
    finally:
        s.close()


def test_10_subscribe_of_query(emu, mz, uniq):
    t = table(mz, uniq, "a int", ["(1)", "(2)", "(2)"])
    s = emutil.Stream(emu, "SUBSCRIBE (SELECT a, count(*) AS n FROM %s GROUP BY a) "
                      "WITH (PROGRESS)" % t)
    try:
        s.rows_until(lambda r: r[1] == "t")
        rows = s.rows_until(lambda r: r[1] == "t")
        assert sorted((d, v) for _, d, v in data_rows(rows)) == [(1, ("1", "1")),
                                                                 (1, ("2", "2"))]
        mz.execute("INSERT INTO %s VALUES (1)" % t)
        rows = s.rows_until(lambda r: r[1] != "t")
        rows += s.rows_until(lambda r: r[1] != "t")
        assert sorted((d, v) for _, d, v in data_rows(rows)) == [(-1, ("1", "1")),
                                                                 (1, ("1", "2"))]
        assert len({ts for ts, _, _ in data_rows(rows)}) == 1  # one transaction, one time
    finally:
        s.close()


def test_10_subscribe_mz_now_reads_own_writes(emu, mz, uniq):
    """Strict serializability: a read after a committed write is at or after the write's time,
    so `SELECT mz_now()` is a valid AS OF that includes the write (and is not before the
    table's creation). The AS OF tests above rely on this."""
    t = table(mz, uniq, "a int", ["(1)"])
    tw = write_ts(emu, mz, t, "INSERT INTO %s VALUES (2)" % t, ("2",))
    ts = now_ts(mz)
    assert ts >= tw, (ts, tw)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t, ts))
    try:
        rows = s.rows_until(lambda r: r[1] == "t" and int(r[0]) > ts)
        assert sorted(v for _, _, v in data_rows(rows)) == [("1",), ("2",)]
    finally:
        s.close()
    t2 = table(mz, uniq, "a int", retain=False)
    ts2 = now_ts(mz)
    with emu.connect() as other:
        cur = other.execute("SELECT count(*) FROM %s" % t2)
        assert cur.fetchone()[0] == 0
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d" % (t2, ts2))
    try:
        kind, val, _ = s.get(15)
        assert kind == "row" and val[1] == "t" and int(val[0]) == ts2, (kind, val)
    finally:
        s.close()
