"""Materialize's timing (fact sheet §4 cadence, §8.10 and §8.16): a quiet table closes a
timestamp about once a second (see test_10_subscribe_progress_about_every_second), a write to a
table reaches subscribers at its commit, and a SUBSCRIBE of a query (or of a view without an
index) hydrates a new dataflow before its snapshot, while one of a table, materialized view or
indexed view does not. The cadence is configurable beyond 100 ms."""

import time

import pytest

import emutil


def _progress_stream(emu, sql):
    s = emutil.Stream(emu, sql)
    s.rows_until(lambda r: r[1] == "t")
    return s


@pytest.mark.limit(60)
def test_19_write_reaches_subscribers_at_commit(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    s = _progress_stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        for i in range(3):
            # Right after a periodic progress row, the next periodic tick is about 1 s away:
            # the write must arrive well before it, at a timestamp of its own.
            before = s.rows_until(lambda r: r[1] == "t")
            p = int(before[-1][0])
            mz.execute("INSERT INTO %s VALUES (%d)" % (t, i))
            wrote = time.monotonic()
            rows = s.rows_until(lambda r: r[1] == "f" and r[3] == str(i), timeout=10)
            kind, row, at = s.get(10)  # the progress row that closes the write's timestamp
            waited = at - wrote
            ts = int(rows[-1][0])
            print("write %d: ts %d (last progress %d), closed after %.3fs" % (i, ts, p, waited))
            assert kind == "row" and row[1] == "t" and int(row[0]) == ts + 1
            assert ts - p < 900 and waited < 0.9
    finally:
        s.close()


def _first_data_delay(emu, sql, marker):
    s = emutil.Stream(emu, sql)
    try:
        rows = s.rows_until(lambda r: r[1] == "f" and r[3] == marker, timeout=15)
        return s.t_first - s.t_sent, rows
    finally:
        s.close()


@pytest.mark.limit(60)
def test_19_subscribe_of_query_hydrates_first(emu, mz, uniq):
    t, v, mv, iv = uniq("t"), uniq("v"), uniq("mv"), uniq("iv")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (7)" % t)
    mz.execute("CREATE VIEW %s AS SELECT a FROM %s" % (v, t))
    mz.execute("CREATE VIEW %s AS SELECT a FROM %s" % (iv, t))
    mz.execute("CREATE INDEX %s_idx ON %s (a)" % (iv, iv))
    mz.execute("CREATE MATERIALIZED VIEW %s AS SELECT a FROM %s" % (mv, t))
    emu.knob("subscribe_hydration_delay 2.0")
    try:
        timed = {}
        for name, what in [("table", t), ("query", "(SELECT a FROM %s)" % t), ("view", v),
                           ("indexed view", iv), ("materialized view", mv)]:
            delay, rows = _first_data_delay(emu, "SUBSCRIBE %s WITH (PROGRESS)" % what, "7")
            timed[name] = delay
            # the first row is still the progress row at the AS OF, and the snapshot is at it
            assert rows[0][1] == "t" and int(rows[-1][0]) == int(rows[0][0])
        print("first row after: %r" % timed)
        for name in ("query", "view"):
            assert timed[name] >= 1.9, (name, timed)
        for name in ("table", "indexed view", "materialized view"):
            assert timed[name] < 1.9, (name, timed)
    finally:
        emu.knob("subscribe_hydration_delay 1.0")


def test_19_cursor_fetch_waits_for_hydration(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    emu.knob("subscribe_hydration_delay 1.5")
    try:
        mz.execute("BEGIN")
        mz.execute("DECLARE c CURSOR FOR SUBSCRIBE (SELECT a FROM %s)" % t)
        # still hydrating: nothing is ready, not even the snapshot
        assert mz.execute("FETCH ALL c WITH (timeout = '0s')").fetchall() == []
        rows = mz.execute("FETCH ALL c").fetchall()
        assert [(r[1], r[2]) for r in rows] == [(1, 1)]
        mz.execute("COMMIT")
    finally:
        emu.knob("subscribe_hydration_delay 1.0")


@pytest.mark.limit(60)
def test_19_tick_ms_beyond_100(start_emulator, uniq):
    """--tick-ms is no longer capped at 100 ms: 400 gives progress about every 400 ms."""
    e = start_emulator(extra_args=["--tick-ms", "400"])
    with e.connect() as c:
        t = uniq("t")
        c.execute("CREATE TABLE %s (a int)" % t)
        s = _progress_stream(e, "SUBSCRIBE %s WITH (PROGRESS)" % t)
        try:
            s.rows_until(lambda r: r[1] == "t")
            stamps = []
            while len(stamps) < 6:
                kind, row, _ = s.get(5.0)
                if row[1] == "t":
                    stamps.append(int(row[0]))
            gaps = [b - a for a, b in zip(stamps, stamps[1:])]
            print("logical gaps at --tick-ms 400: %r" % gaps)
            # the old cap made these about 100 ms; the default (1 s) would make them about 1000
            assert all(250 <= g <= 1500 for g in gaps), gaps
            assert 300 <= sorted(gaps)[len(gaps) // 2] < 800, gaps
        finally:
            s.close()
