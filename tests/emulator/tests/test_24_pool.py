"""Issue 18: the emulator shares a pool of PostgreSQL connections between its sessions.

Sessions borrow a PostgreSQL connection per statement and keep one only while they hold state
there (a transaction, a SQL cursor, set_config, ...). These tests check the scale (more sessions
than the PostgreSQL under the emulator accepts: the old emulator opened one PostgreSQL
connection per session and failed), the isolation of per-session settings on shared
connections, pinning, cancel, and that an exhausted pool makes statements wait, never fail.
"""

import threading
import time

import psycopg
import pytest

import emutil

# conftest's PostgreSQL runs with max_connections=400
PG_MAX = 400


@pytest.fixture(scope="module")
def small(start_emulator):
    """An emulator with two pooled PostgreSQL connections: sharing is certain."""
    return start_emulator(extra_args=["--pg-pool", "2"])


def _pg_backends(pgconn, dbname):
    return pgconn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s",
                          [dbname]).fetchone()[0]


@pytest.mark.limit(240)
def test_24_more_sessions_than_postgres_connections(emu, pgconn):
    """450 sessions open at once (more than PostgreSQL's 400), every one runs statements."""
    n = PG_MAX + 50
    conns = []
    try:
        for _ in range(n):
            conns.append(emu.connect())
        for i, c in enumerate(conns):
            assert c.execute("SELECT %s::int + 1" % i).fetchone()[0] == i + 1
        # all still usable, and PostgreSQL saw a handful of backends, not one per session
        for c in conns[::50]:
            assert c.execute("SELECT count(*) FROM mz_catalog.mz_clusters").fetchone()[0] >= 1
        assert _pg_backends(pgconn, "mzemu") < 80
    finally:
        for c in conns:
            c.close()


def test_24_search_path_and_role_do_not_leak(small, pgconn, uniq):
    """Two sessions of different users with different search paths share two connections."""
    s1, s2 = uniq("s"), uniq("s")
    admin = small.connect()
    try:
        admin.execute("CREATE SCHEMA %s" % s1)
        admin.execute("CREATE SCHEMA %s" % s2)
        admin.execute("CREATE TABLE %s.t (v text)" % s1)
        admin.execute("CREATE TABLE %s.t (v text)" % s2)
        admin.execute("INSERT INTO %s.t VALUES ('one')" % s1)
        admin.execute("INSERT INTO %s.t VALUES ('two')" % s2)
    finally:
        admin.close()
    a = small.connect(user="alice_pool")
    b = small.connect(user="bob_pool")
    try:
        a.execute("SET search_path = %s" % s1)
        b.execute("SET search_path = %s" % s2)
        for _ in range(20):  # interleaved: each statement may land on either connection
            assert a.execute("SELECT v FROM t").fetchone()[0] == "one"
            assert b.execute("SELECT v FROM t").fetchone()[0] == "two"
            assert a.execute("SELECT current_setting('mzemu.user')").fetchone()[0] == "alice_pool"
            assert b.execute("SELECT current_setting('mzemu.user')").fetchone()[0] == "bob_pool"
            assert a.execute("SELECT current_user").fetchone()[0] == "alice_pool"
            assert b.execute("SELECT current_user").fetchone()[0] == "bob_pool"
        a.execute("RESET search_path")
        assert a.execute("SELECT current_setting('search_path')").fetchone()[0].replace('"', '').startswith("public,")
        assert b.execute("SELECT v FROM t").fetchone()[0] == "two"
    finally:
        a.close()
        b.close()


def test_24_set_config_stays_in_its_session(small):
    """A client's set_config is its session's: kept across its statements, never seen by
    another session, gone with the session."""
    a = small.connect()
    b = small.connect()
    try:
        a.execute("SELECT set_config('mzemu_test.secret', 'a-only', false)")
        for _ in range(5):
            assert a.execute("SELECT current_setting('mzemu_test.secret', true)").fetchone()[0] == "a-only"
            got = b.execute("SELECT current_setting('mzemu_test.secret', true)").fetchone()[0]
            assert got in (None, ""), got
    finally:
        a.close()
    for _ in range(4):  # new sessions take whatever connection is free: none carries it
        c = small.connect()
        try:
            got = c.execute("SELECT current_setting('mzemu_test.secret', true)").fetchone()[0]
            assert got in (None, ""), got
        finally:
            c.close()
        b.execute("SELECT 1")


def test_24_transaction_pinned_across_statements(small, uniq):
    t = uniq("t")
    a = small.connect()
    b = small.connect()
    try:
        a.execute("CREATE TABLE %s (v int)" % t)
        a.execute("BEGIN")
        for _ in range(5):  # writes only: Materialize's write transactions cannot read
            a.execute("INSERT INTO %s VALUES (1)" % t)
            assert b.execute("SELECT count(*) FROM %s" % t).fetchone()[0] == 0  # uncommitted
        a.execute("ROLLBACK")
        assert b.execute("SELECT count(*) FROM %s" % t).fetchone()[0] == 0
        a.execute("BEGIN")
        a.execute("INSERT INTO %s VALUES (2)" % t)
        b.execute("SELECT 1")
        a.execute("COMMIT")
        assert b.execute("SELECT sum(v) FROM %s" % t).fetchone()[0] == 2
        a.execute("BEGIN")  # a read transaction: one PostgreSQL backend throughout
        pid = a.execute("SELECT pg_backend_pid()").fetchone()[0]
        for _ in range(5):
            b.execute("SELECT 1")
            assert a.execute("SELECT pg_backend_pid()").fetchone()[0] == pid
        a.execute("COMMIT")
    finally:
        a.close()
        b.close()


def test_24_cursor_pinned(small):
    a = small.connect()
    b = small.connect()
    try:
        a.execute("BEGIN")
        a.execute("DECLARE c CURSOR FOR SELECT generate_series(1, 10)")
        assert [r[0] for r in a.execute("FETCH 3 c").fetchall()] == [1, 2, 3]
        b.execute("SELECT 1")
        assert [r[0] for r in a.execute("FETCH 3 c").fetchall()] == [4, 5, 6]
        a.execute("COMMIT")
    finally:
        a.close()
        b.close()


def test_24_subscribe_cursor_holds_no_connection(small, uniq):
    """BEGIN; DECLARE ... CURSOR FOR SUBSCRIBE; FETCH: rows come from the timeline, so three
    such sessions leave the two pooled connections free for others."""
    t = uniq("t")
    admin = small.connect()
    subs = []
    try:
        admin.execute("CREATE TABLE %s (v int)" % t)
        admin.execute("INSERT INTO %s VALUES (1)" % t)
        for _ in range(3):
            c = small.connect()
            subs.append(c)
            c.execute("BEGIN")
            c.execute("DECLARE c CURSOR FOR SUBSCRIBE %s" % t)
            rows = c.execute("FETCH ALL c WITH (timeout = '2s')").fetchall()
            assert [r[1:] for r in rows] == [(1, 1)]
        assert admin.execute("SELECT 41 + 1").fetchone()[0] == 42
        admin.execute("INSERT INTO %s VALUES (2)" % t)
        for c in subs:
            rows = c.execute("FETCH ALL c WITH (timeout = '2s')").fetchall()
            assert [r[1:] for r in rows] == [(1, 2)]
            c.execute("COMMIT")
    finally:
        for c in subs:
            c.close()
        admin.close()


def test_24_cancel_hits_the_right_statement(small):
    a = small.connect()
    b = small.connect()
    try:
        out = {}

        def run_b():
            out["b"] = b.execute("SELECT pg_sleep(1.5), 5").fetchone()[1]

        tb = threading.Thread(target=run_b)
        tb.start()
        timer = threading.Timer(0.5, a.cancel)
        timer.start()
        t0 = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            a.execute("SELECT pg_sleep(30)")
        assert time.monotonic() - t0 < 10
        tb.join(10)
        assert out.get("b") == 5  # B's statement on the other connection was not cancelled
        for _ in range(4):  # the connections are healthy afterwards
            assert a.execute("SELECT 1").fetchone()[0] == 1
            assert b.execute("SELECT 2").fetchone()[0] == 2
    finally:
        a.close()
        b.close()


def test_24_cancel_while_waiting_for_a_connection(small):
    """Both connections pinned by open transactions: a statement waits; a cancel ends the wait."""
    holders = [small.connect() for _ in range(2)]
    w = small.connect()
    try:
        for h in holders:
            h.execute("BEGIN")
            h.execute("SELECT 1 FROM mz_catalog.mz_clusters LIMIT 1")
        timer = threading.Timer(0.5, w.cancel)
        timer.start()
        with pytest.raises(psycopg.errors.QueryCanceled):
            w.execute("SELECT 1")
    finally:
        for h in holders:
            h.close()
    assert w.execute("SELECT 3").fetchone()[0] == 3
    w.close()


def test_24_exhausted_pool_waits_in_order(small):
    holders = [small.connect() for _ in range(2)]
    waiters = [small.connect() for _ in range(3)]
    done = []
    lock = threading.Lock()
    try:
        for h in holders:
            h.execute("BEGIN")
            h.execute("SELECT 1 FROM mz_catalog.mz_clusters LIMIT 1")

        def run(i):
            # 0.2 s each: they run one after another on the one free connection
            v = waiters[i].execute("SELECT pg_sleep(0.2), %d" % i).fetchone()[1]
            with lock:
                done.append(v)

        threads = []
        for i in range(3):
            th = threading.Thread(target=run, args=(i,))
            th.start()
            threads.append(th)
            time.sleep(0.2)  # queue them in a known order
        time.sleep(0.5)
        assert done == []  # waiting, not failed
        holders[0].execute("COMMIT")  # one connection frees up: the waiters run one by one
        for th in threads:
            th.join(15)
        assert done == [0, 1, 2]
    finally:
        for c in holders + waiters:
            c.close()


def test_24_max_connections_unchanged(start_emulator):
    """53300 past --max-connections, as before the pool."""
    e = start_emulator(extra_args=["--pg-pool", "2", "--max-connections", "5"])
    conns = [e.connect() for _ in range(5)]
    try:
        with pytest.raises(psycopg.OperationalError) as ei:
            e.connect()
        assert "max_connections" in str(ei.value)
        for c in conns:
            assert c.execute("SELECT 1").fetchone()[0] == 1
    finally:
        for c in conns:
            c.close()
    emutil.wait_for(lambda: _try_connect(e), what="a slot after closing")


def _try_connect(e):
    try:
        e.connect().close()
        return True
    except psycopg.OperationalError:
        return False
