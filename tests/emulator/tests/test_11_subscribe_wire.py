"""§8.11 All three wire forms of SUBSCRIBE: the plain form and its NOTICE (raw and via psql),
extended-protocol Execute(max_rows) -> PortalSuspended, DECLARE CURSOR + FETCH timeouts,
COPY (SUBSCRIBE ...) TO STDOUT text format and its end."""

import threading
import time

import psycopg
import pytest

import emutil
import rawpg
from subs import now_ts

NOTICE_MSG = "streaming SUBSCRIBE rows directly requires a client that does not buffer output"


def table(mz, uniq, cols, values):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (%s) WITH (RETAIN HISTORY FOR '1h')" % (t, cols))
    if values:
        mz.execute("INSERT INTO %s VALUES %s" % (t, values))
    return t


def test_11_subscribe_plain_notice_and_rows(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(1)")
    ts = now_ts(mz)
    c = emu.raw()
    try:
        msgs = c.query("SUBSCRIBE %s AS OF %d UP TO %d" % (t, ts, ts + 1))
        kinds = [m.kind for m in msgs]
        assert kinds[0] == "T"
        notes = [m.fields() for m in msgs if m.kind == "N"]
        assert len(notes) == 1 and notes[0]["C"] == "01000" and notes[0]["M"] == NOTICE_MSG
        assert kinds.index("N") < kinds.index("D")  # the NOTICE comes before the rows
        assert rawpg.rows(msgs) == [[str(ts), "1", "1"]]
        assert kinds[-2:] == ["C", "Z"]
    finally:
        c.close()


@pytest.mark.unverified
def test_11_subscribe_plain_command_tag(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(1), (2)")
    ts = now_ts(mz)
    c = emu.raw()
    try:
        msgs = c.query("SUBSCRIBE %s AS OF %d UP TO %d" % (t, ts, ts + 1))
        tags = [m.tag() for m in msgs if m.kind == "C"]
        assert tags in (["SUBSCRIBE"], ["SELECT 2"]), tags
    finally:
        c.close()


def test_11_subscribe_plain_via_psql(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(41), (42)")
    ts = now_ts(mz)
    r = emutil.psql(emu, "SUBSCRIBE %s AS OF %d UP TO %d" % (t, ts, ts + 1), extra=["-A", "-t"])
    assert r.returncode == 0, r.stderr
    assert NOTICE_MSG in r.stderr
    assert "HINT" in r.stderr and "COPY" in r.stderr.split("HINT", 1)[1]
    lines = sorted(line for line in r.stdout.splitlines() if line)
    assert lines == ["%d|1|41" % ts, "%d|1|42" % ts]


def test_11_subscribe_extended_portal_suspended(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(1), (2), (3)")
    c = emu.raw()
    try:
        c.parse("SUBSCRIBE %s" % t)
        c.bind()
        c.describe_portal()
        c.execute(max_rows=2)
        c.flush()
        msgs = c.recv_until("sECZ")
        assert msgs[-1].kind == "s", msgs
        first = rawpg.rows(msgs)
        assert len(first) == 2
        # one snapshot row is left: Execute(2) blocks until a second row exists (fact sheet §4)
        c.execute(max_rows=2)
        c.flush()
        mz.execute("INSERT INTO %s VALUES (4)" % t)
        msgs = c.recv_until("sECZ")
        assert msgs[-1].kind == "s", msgs
        second = rawpg.rows(msgs)
        assert len(second) == 2
        assert sorted(r[2] for r in first + second) == ["1", "2", "3", "4"]
    finally:
        c.close()


def test_11_subscribe_cursor_fetch(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(1)")
    mz.execute("BEGIN")
    mz.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)
    cur = mz.execute("FETCH ALL c")
    assert [d.name for d in cur.description] == ["mz_timestamp", "mz_diff", "a"]
    rows = cur.fetchall()
    assert [(r[1], r[2]) for r in rows] == [(1, 1)]
    # timeout '0s' returns at once, with nothing new
    t0 = time.monotonic()
    assert mz.execute("FETCH ALL c WITH (timeout = '0s')").fetchall() == []
    quick = time.monotonic() - t0
    # timeout '1s' waits for it
    t0 = time.monotonic()
    assert mz.execute("FETCH ALL c WITH (timeout = '1s')").fetchall() == []
    waited = time.monotonic() - t0
    print("FETCH timeout 0s took %.3fs, 1s took %.3fs" % (quick, waited))
    assert waited >= 0.9
    assert quick < waited
    # FETCH without timeout blocks until a row is ready
    with emu.connect() as other:
        timer = threading.Timer(0.5, lambda: other.execute("INSERT INTO %s VALUES (2)" % t))
        timer.start()
        try:
            rows = mz.execute("FETCH ALL c").fetchall()
        finally:
            timer.join(10)
    assert [(r[1], r[2]) for r in rows] == [(1, 2)]
    assert int(rows[0][0]) > 0
    mz.execute("COMMIT")


def test_11_subscribe_cursor_fetch_n(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(1), (2), (3)")
    mz.execute("BEGIN")
    mz.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)
    assert len(mz.execute("FETCH 2 c").fetchall()) == 2
    assert len(mz.execute("FETCH 2 c WITH (timeout = '1s')").fetchall()) == 1
    mz.execute("ROLLBACK")


def test_11_subscribe_in_transaction_must_be_only_read_25000(mz, uniq):
    t = table(mz, uniq, "a int", "(1)")
    mz.execute("BEGIN")
    mz.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("SELECT * FROM %s" % t)
    assert ei.value.diag.sqlstate == "25000"
    assert ei.value.diag.message_primary == (
        "SUBSCRIBE in transactions must be the only read statement")
    mz.execute("ROLLBACK")


def test_11_subscribe_copy_text_format_and_end(mz, uniq):
    t = table(mz, uniq, "a int, b text", "(1, NULL), (2, E'p\\tq'), (3, 'plain')")
    ts = now_ts(mz)
    chunks = []
    with mz.cursor() as cur:
        with cur.copy("COPY (SUBSCRIBE %s AS OF %d UP TO %d) TO STDOUT" % (t, ts, ts + 1)) as cp:
            for data in cp:
                chunks.append(bytes(data))
        assert cur.rowcount == 3  # psycopg takes it from the `COPY 3` tag
    assert len(chunks) == 3  # one CopyData per row
    lines = sorted(c.decode() for c in chunks)
    assert lines == ["%d\t1\t1\t\\N\n" % ts, "%d\t1\t2\tp\\tq\n" % ts, "%d\t1\t3\tplain\n" % ts]


def test_11_subscribe_copy_with_progress_raw(emu, mz, uniq):
    t = table(mz, uniq, "a int", "(5)")
    ts = now_ts(mz)
    c = emu.raw()
    try:
        msgs = c.query("COPY (SUBSCRIBE %s WITH (PROGRESS) AS OF %d UP TO %d) TO STDOUT"
                       % (t, ts, ts + 1))
        kinds = [m.kind for m in msgs]
        assert kinds[0] == "H"  # CopyOutResponse
        head = msgs[0].payload
        assert head[0] == 0  # overall text format
        ncols = int.from_bytes(head[1:3], "big")
        assert ncols == 4 and head[3:] == b"\0\0" * ncols  # every column text
        data = [m.payload.decode() for m in msgs if m.kind == "d"]
        assert data[0] == "%d\tt\t\\N\t\\N\n" % ts  # progress row first, at AS OF
        assert "%d\tf\t1\t5\n" % ts in data
        assert kinds[-3:] == ["c", "C", "Z"]
        assert msgs[-2].tag() == "COPY %d" % len(data)
    finally:
        c.close()


def test_11_subscribe_copy_via_psql(emu, mz, uniq):
    t = table(mz, uniq, "a int, b text", "(7, NULL)")
    ts = now_ts(mz)
    r = emutil.psql(emu, "COPY (SUBSCRIBE %s AS OF %d UP TO %d) TO STDOUT" % (t, ts, ts + 1))
    assert r.returncode == 0, r.stderr
    assert r.stdout == "%d\t1\t7\t\\N\n" % ts
