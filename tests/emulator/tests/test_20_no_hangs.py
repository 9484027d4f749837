"""Issue 17, kind 2: where Materialize answers, the emulator answers too (no hang).

- FETCH 0 on a SUBSCRIBE cursor returns at once with no rows (src/adapter: a FETCH asks the
  cursor for `count` rows; zero rows are ready immediately).
- A SUBSCRIBE over a query that errors reports the error (a dataflow error ends the subscribe).
- UP TO NULL / UP TO -1: src/adapter/src/coord/timestamp_selection.rs `evaluate_when`:
  `can't use null as a mz_timestamp for AS OF or UP TO`; a negative value fails the u64
  conversion (`out of range integral type conversion attempted`), both XX000.
- FETCH ... WITH (timeout = '1d') is a valid interval.
Every statement here is bounded by a client-side statement_timeout-like guard (the per-test
SIGALRM limit of conftest) and by the assertions on elapsed time.
"""

import time

import psycopg
import pytest

from emutil import sqlstate

PROMPT_S = 3.0


def _table(mz, uniq, values="(1)"):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES %s" % (t, values))
    return t


@pytest.mark.limit(30)
def test_fetch_zero_returns_at_once(emu, uniq):
    c = emu.connect()
    try:
        t = _table(c, uniq)
        c.execute("BEGIN")
        c.execute("DECLARE cur CURSOR FOR SUBSCRIBE %s" % t)
        t0 = time.monotonic()
        cur = c.execute("FETCH 0 cur")
        assert cur.fetchall() == []
        assert cur.statusmessage == "FETCH 0"
        assert time.monotonic() - t0 < PROMPT_S
        # the cursor is still usable: the snapshot row comes next
        rows = c.execute("FETCH ALL cur WITH (timeout = '5s')").fetchall()
        assert [r[1:] for r in rows] == [(1, 1)]
        t0 = time.monotonic()
        assert c.execute("FETCH 0 cur").fetchall() == []
        assert time.monotonic() - t0 < PROMPT_S
        c.execute("COMMIT")
    finally:
        c.close()


@pytest.mark.limit(30)
def test_fetch_timeout_in_days_is_accepted(emu, uniq):
    c = emu.connect()
    try:
        t = _table(c, uniq)
        c.execute("BEGIN")
        c.execute("DECLARE cur CURSOR FOR SUBSCRIBE %s" % t)
        rows = c.execute("FETCH 1 cur WITH (timeout = '1d')").fetchall()
        assert [r[1:] for r in rows] == [(1, 1)]
        c.execute("COMMIT")
    finally:
        c.close()


@pytest.mark.limit(30)
def test_subscribe_of_erroring_constant_query_reports_error(emu):
    c = emu.connect()
    try:
        with pytest.raises(psycopg.Error) as ei:
            c.execute("COPY (SUBSCRIBE (SELECT 1/0 AS x)) TO STDOUT").fetchall()
        assert "division by zero" in str(ei.value)
        assert c.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        c.close()


@pytest.mark.limit(30)
def test_subscribe_of_query_erroring_on_a_row_reports_error(emu, mz, uniq):
    t = _table(mz, uniq, "(1), (0)")
    c = emu.connect()
    try:
        c.execute("BEGIN")
        with pytest.raises(psycopg.Error) as ei:
            c.execute("DECLARE cur CURSOR FOR SUBSCRIBE (SELECT 10 / a AS x FROM %s)" % t)
            c.execute("FETCH ALL cur WITH (timeout = '5s')")
        assert "division by zero" in str(ei.value)
        c.execute("ROLLBACK")
        # other subscriptions are not held up by the failing one
        c.execute("BEGIN")
        c.execute("DECLARE ok CURSOR FOR SUBSCRIBE %s" % t)
        rows = c.execute("FETCH ALL ok WITH (timeout = '5s')").fetchall()
        assert sorted(r[1:] for r in rows) == [(1, 0), (1, 1)]
        c.execute("COMMIT")
    finally:
        c.close()


@pytest.mark.limit(30)
@pytest.mark.parametrize("bound, message", [
    ("NULL", "can't use null as a mz_timestamp for AS OF or UP TO"),
    ("-1", "out of range integral type conversion attempted"),
])
def test_subscribe_up_to_null_or_negative(emu, mz, uniq, bound, message):
    t = _table(mz, uniq)
    c = emu.connect()
    try:
        t0 = time.monotonic()
        with pytest.raises(psycopg.Error) as ei:
            c.execute("COPY (SUBSCRIBE %s UP TO %s) TO STDOUT" % (t, bound)).fetchall()
        assert time.monotonic() - t0 < PROMPT_S
        assert sqlstate(ei.value) == "XX000"
        assert message in str(ei.value)
    finally:
        c.close()
