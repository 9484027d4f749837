"""§8.3 CancelRequest cancels a running statement and a running SUBSCRIBE with 57014."""

import threading
import time

import psycopg
import pytest

import emutil
import rawpg


def test_3_cancel_running_statement_psycopg(mz):
    timer = threading.Timer(0.5, mz.cancel)
    timer.start()
    t0 = time.monotonic()
    try:
        with pytest.raises(psycopg.errors.QueryCanceled) as ei:
            mz.execute("SELECT pg_sleep(30)")
    finally:
        timer.cancel()
    assert time.monotonic() - t0 < 25
    assert ei.value.diag.sqlstate == "57014"
    assert ei.value.diag.message_primary == "canceling statement due to user request"
    assert mz.execute("SELECT 1").fetchone()[0] == 1


def test_3_cancel_running_statement_raw(emu):
    c = emu.raw()
    try:
        c.send("Q", b"SELECT pg_sleep(30)\0")
        time.sleep(0.5)
        rawpg.cancel("127.0.0.1", emu.port, c.pid, c.key)
        msgs = c.until_ready()
        errs = rawpg.errors(msgs)
        assert len(errs) == 1 and errs[0]["C"] == "57014", errs
        assert rawpg.rows(c.query("SELECT 7")) == [["7"]]
    finally:
        c.close()


def test_3_cancel_wrong_key_does_nothing(emu):
    c = emu.raw()
    try:
        c.send("Q", b"SELECT pg_sleep(1.5)\0")
        time.sleep(0.3)
        rawpg.cancel("127.0.0.1", emu.port, c.pid, c.key ^ 0x5A5A5A5A)
        msgs = c.until_ready()
        assert not rawpg.errors(msgs), rawpg.errors(msgs)
    finally:
        c.close()


def test_3_cancel_running_subscribe(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        s.rows_until(lambda r: True, timeout=15)
        s.cancel()
        deadline = time.monotonic() + 15
        while True:
            kind, val, _ = s.get(max(0.1, deadline - time.monotonic()))
            if kind != "row":
                break
        assert kind == "error", (kind, val)
        assert val["C"] == "57014"
        assert s.done.wait(10)
        assert rawpg.rows(s.conn.query("SELECT 1")) == [["1"]]
    finally:
        s.close()


def test_3_pg_cancel_backend_exists_terminate_does_not(emu, mz):
    c = emu.raw()
    try:
        c.send("Q", b"SELECT pg_sleep(30)\0")
        time.sleep(0.5)
        mz.execute("SELECT pg_cancel_backend(%s)", (c.pid,))
        errs = rawpg.errors(c.until_ready())
        assert errs and errs[0]["C"] == "57014"
    finally:
        c.close()
    with pytest.raises(psycopg.Error):
        mz.execute("SELECT pg_terminate_backend(1)")
