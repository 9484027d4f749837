"""§8.11 / §8.16 wire details (fact sheet §2, §3, §4, §5): Execute(max_rows) on a SUBSCRIBE
portal blocks until max_rows rows; FETCH with a timeout collects until the count or the
deadline; idle_in_transaction_session_timeout ends an idle cursor session with FATAL 25P03;
max_connections refuses with 53300; `options` parsing (one bad word: nothing applied; no `-` to
`_`); the variables dbt-materialize passes are known; mz_now() is typed mz_timestamp."""

import threading
import time

import psycopg
import pytest

import rawpg


def _table(mz, uniq, values="(1)"):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    if values:
        mz.execute("INSERT INTO %s VALUES %s" % (t, values))
    return t


@pytest.mark.limit(60)
def test_21_execute_max_rows_blocks_until_max_rows(emu, mz, uniq):
    t = _table(mz, uniq, "(1)")
    c = emu.raw(timeout=30)
    try:
        c.parse("SUBSCRIBE %s" % t)
        c.bind()
        c.execute(max_rows=3)
        c.flush()
        # one row is ready; the portal must not suspend before three exist
        c.settimeout(2.5)
        got = []
        with pytest.raises(OSError):  # socket timeout: still blocked, nothing but the one row
            while True:
                m = c.recv()
                got.append(m)
        assert [m.kind for m in got if m.kind in "DsCEZ"] == ["D"], got  # no PortalSuspended yet
        c.settimeout(30)
        mz.execute("INSERT INTO %s VALUES (2)" % t)
        mz.execute("INSERT INTO %s VALUES (3)" % t)
        msgs = c.recv_until("sECZ")
        assert msgs[-1].kind == "s", msgs
        assert sorted(r[2] for r in rawpg.rows(got + msgs)) == ["1", "2", "3"]
    finally:
        c.close()


def test_21_fetch_timeout_collects_until_count(mz, emu, uniq):
    t = _table(mz, uniq, "(1)")
    with emu.connect() as writer:
        mz.execute("BEGIN")
        mz.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)

        def writes():
            for v in (2, 3):
                time.sleep(0.4)
                writer.execute("INSERT INTO %s VALUES (%d)" % (t, v))

        th = threading.Thread(target=writes)
        th.start()
        try:
            t0 = time.monotonic()
            rows = mz.execute("FETCH 3 c WITH (timeout = '20s')").fetchall()
            took = time.monotonic() - t0
        finally:
            th.join(10)
        assert sorted(r[2] for r in rows) == [1, 2, 3]  # the count, across several timestamps
        assert took < 15  # it returned at the count, not at the deadline
        mz.execute("COMMIT")


def test_21_fetch_all_timeout_collects_until_deadline(mz, emu, uniq):
    t = _table(mz, uniq, "(1)")
    with emu.connect() as writer:
        mz.execute("BEGIN")
        mz.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)
        timer = threading.Timer(0.5, lambda: writer.execute("INSERT INTO %s VALUES (2)" % t))
        timer.start()
        try:
            t0 = time.monotonic()
            rows = mz.execute("FETCH ALL c WITH (timeout = '1.5s')").fetchall()
            took = time.monotonic() - t0
        finally:
            timer.join(10)
        # ALL with a timeout takes the whole timeout and returns everything seen in it
        assert sorted(r[2] for r in rows) == [1, 2]
        assert took >= 1.4
        mz.execute("COMMIT")


def test_21_idle_cursor_session_ends_with_25p03(mz, emu, uniq):
    t = _table(mz, uniq, "(1)")
    c = emu.raw()
    try:
        assert rawpg.rows(c.query("SHOW idle_in_transaction_session_timeout")) == [["120 s"]]
        c.query("SET idle_in_transaction_session_timeout = '1s'")
        msgs = c.query("BEGIN; DECLARE k CURSOR FOR SUBSCRIBE %s; FETCH ALL k" % t)
        assert not rawpg.errors(msgs) and len(rawpg.rows(msgs)) == 1
        c.settimeout(10)
        m = c.recv()  # nothing sent: the server ends the session by itself
        assert m.kind == "E", m
        f = m.fields()
        assert (f["S"], f["C"], f["M"]) == ("FATAL", "25P03",
                                            "terminating connection due to idle-in-transaction timeout")
    finally:
        c.close()


def test_21_max_connections_53300(start_emulator):
    e = start_emulator(extra_args=["--max-connections", "2"])
    a = e.connect()
    b = e.connect()
    try:
        c = rawpg.Conn("127.0.0.1", e.port)
        try:
            msgs = c.startup({"user": "materialize", "database": "materialize"})
        finally:
            c.close()
        errs = rawpg.errors(msgs)
        assert [(x["S"], x["C"], x["M"]) for x in errs] == [
            ("FATAL", "53300", "creating connection would violate max_connections limit "
                               "(desired: 3, limit: 2, current: 2)")]
        with pytest.raises(psycopg.OperationalError, match="max_connections"):
            e.connect()
        b.close()  # a freed slot is usable again
        b = e.connect()
        assert b.execute("SELECT 1").fetchone()[0] == 1
        # and the limit can be changed at run time through the control port
        e.knob("max_connections 3")
        e.connect().close()
    finally:
        a.close()
        b.close()


def _startup(emu, options):
    c = rawpg.Conn("127.0.0.1", emu.port)
    msgs = c.startup({"user": "materialize", "database": "materialize", "options": options})
    return c, msgs


def _show(c, name):
    return rawpg.rows(c.query("SHOW %s" % name))[0][0]


def test_21_options_one_bad_word_applies_nothing(emu):
    c, msgs = _startup(emu, "--application_name=good -c cluster=elsewhere bad")
    try:
        assert msgs[-1].kind == "Z" and not rawpg.errors(msgs)
        notes = [(n["C"], n["M"]) for n in rawpg.notices(msgs)]
        assert ("00000", "startup setting options not set: could not parse") in notes
        assert _show(c, "application_name") == ""
        assert _show(c, "cluster") == "quickstart"
    finally:
        c.close()


def test_21_options_dash_is_not_underscore(emu):
    c, msgs = _startup(emu, "--welcome-message=off")
    try:
        assert msgs[-1].kind == "Z" and not rawpg.errors(msgs)
        notes = [(n["C"], n["M"]) for n in rawpg.notices(msgs)]
        assert any(code == "00000" and m.startswith("startup setting welcome-message not set")
                   for code, m in notes), notes
        assert any(m.startswith("connected to Materialize") for _, m in notes)  # still welcomed
    finally:
        c.close()


def test_21_dbt_materialize_options_are_known(emu):
    # what dbt-materialize's _build_options_string sends
    c, msgs = _startup(emu, "--auto_route_catalog_queries=on --welcome_message=off "
                            "--current_object_missing_warnings=off --search_path=public")
    try:
        assert msgs[-1].kind == "Z" and not rawpg.errors(msgs)
        assert rawpg.notices(msgs) == []
        assert _show(c, "current_object_missing_warnings") == "off"
        assert _show(c, "welcome_message") == "off"
    finally:
        c.close()


def test_21_mz_now_is_mz_timestamp(mz):
    assert mz.execute("SELECT pg_typeof(mz_now())::text").fetchone()[0] == "mz_timestamp"
    # and it still compares with timestamps and numbers
    assert mz.execute("SELECT now() - INTERVAL '1 hour' < mz_now(), mz_now() > 0").fetchone() == (True, True)
