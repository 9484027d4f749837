"""The fault knobs of the control side channel that §8 does not already exercise:
drop_connections, slow_ms, status, and an unknown command."""

import json
import time

import psycopg
import pytest


def test_knob_status_is_json(emu):
    reply = emu.knob("status")
    body = reply[len("ok"):].strip()
    assert isinstance(json.loads(body), dict)


def test_knob_unknown_command_is_error(emu):
    assert emu.control("no_such_knob 1").startswith("error")


def test_knob_drop_connections(emu):
    victim = emu.connect()
    assert victim.execute("SELECT 1").fetchone()[0] == 1
    emu.knob("drop_connections")
    with pytest.raises(psycopg.OperationalError):
        for _ in range(20):  # the close may take a moment to be noticed
            victim.execute("SELECT 1")
            time.sleep(0.1)
    victim.close()
    with emu.connect() as fresh:  # the server keeps accepting
        assert fresh.execute("SELECT 2").fetchone()[0] == 2


def test_knob_slow_ms(emu, mz):
    emu.knob("slow_ms 400")
    try:
        t0 = time.monotonic()
        mz.execute("SELECT 1").fetchone()
        slow = time.monotonic() - t0
    finally:
        emu.knob("slow_ms 0")
    t0 = time.monotonic()
    mz.execute("SELECT 1").fetchone()
    fast = time.monotonic() - t0
    print("slow %.3fs fast %.3fs" % (slow, fast))
    assert slow >= 0.4
    assert fast < slow
