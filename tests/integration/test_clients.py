"""Real clients through cutoverd: psql, psycopg (simple, extended, pipeline, binary), pgbench,
LISTEN/NOTIFY and cancel. Each result is compared with the same client talking to PostgreSQL
directly."""

import datetime
import decimal
import re
import subprocess
import threading
import time

import psycopg
import pytest
from psycopg import errors


def psql(stack, *args, direct=False, check=True):
    r = subprocess.run(["psql", "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose"]
                       + list(args), env=stack.libpq_env(direct=direct),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if check:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def items(stack):
    with stack.connect(direct=True) as c:
        c.execute("DROP TABLE IF EXISTS it_items")
        c.execute("CREATE TABLE it_items (id int PRIMARY KEY, name text NOT NULL, price numeric)")
        c.execute("INSERT INTO it_items SELECT i, 'item ' || i, i * 1.5 FROM "
                  "generate_series(1, 100) i")
    yield "it_items"


def test_psql_simple_query(stack, items):
    out = psql(stack, "-At", "-c", "SELECT count(*), sum(id) FROM it_items").stdout
    assert out.strip() == "100|5050"


def test_psql_describe_matches_direct(stack, items):
    via = psql(stack, "-c", r"\d it_items").stdout
    direct = psql(stack, "-c", r"\d it_items", direct=True).stdout
    assert "price" in via and via == direct


@pytest.mark.parametrize("sql,state", [
    ("SELECT * FROM no_such_table", "42P01"),
    ("SELECT 1/0", "22012"),
    ("INSERT INTO it_items VALUES (1, 'dup', 0)", "23505"),
])
def test_psql_errors_keep_sqlstate(stack, items, sql, state):
    via = psql(stack, "-c", sql, check=False)
    direct = psql(stack, "-c", sql, direct=True, check=False)
    assert via.returncode != 0 and direct.returncode != 0
    assert ("ERROR:  %s:" % state) in via.stderr, via.stderr
    # Same message text as PostgreSQL gives directly (verbose: SQLSTATE, message, location).
    assert via.stderr == direct.stderr


@pytest.mark.parametrize("sql,exc", [
    ("SELECT * FROM no_such_table", errors.UndefinedTable),
    ("SELECT 1/0", errors.DivisionByZero),
    ("INSERT INTO it_items VALUES (1, 'dup', 0)", errors.UniqueViolation),
])
def test_psycopg_error_then_session_usable(proxied, items, sql, exc):
    with pytest.raises(exc):
        proxied.execute(sql)
    assert proxied.execute("SELECT 42").fetchone() == (42,)


def test_psycopg_simple_and_extended(proxied, items):
    cur = proxied.cursor()
    # Parameterless execute goes out as a simple Query...
    cur.execute("SELECT name FROM it_items WHERE id = 7")
    assert cur.fetchone() == ("item 7",)
    # ...with parameters it is Parse/Bind/Execute (unnamed statement).
    cur.execute("SELECT name, price FROM it_items WHERE id = %s", (8,))
    assert cur.fetchone() == ("item 8", decimal.Decimal("12.0"))


def test_psycopg_server_side_prepared(proxied, items):
    cur = proxied.cursor()
    for i in range(1, 11):
        cur.execute("SELECT id * 2 FROM it_items WHERE id = %s", (i,), prepare=True)
        assert cur.fetchone() == (i * 2,)
    # The statement really is prepared on the server behind the proxy.
    n = proxied.execute("SELECT count(*) FROM pg_prepared_statements "
                        "WHERE statement LIKE 'SELECT id * 2 FROM it_items%%'").fetchone()[0]
    assert n == 1


def test_psycopg_pipeline(proxied):
    proxied.execute("CREATE TEMP TABLE pl (i int)")
    with proxied.pipeline():
        ins = proxied.cursor()
        for i in range(200):
            ins.execute("INSERT INTO pl VALUES (%s)", (i,))
        sel = proxied.cursor()
        sel.execute("SELECT count(*), sum(i) FROM pl")
    assert sel.fetchone() == (200, sum(range(200)))


def test_psycopg_pipeline_error_recovers(proxied):
    with pytest.raises(errors.DivisionByZero):
        with proxied.pipeline():
            proxied.execute("SELECT %s::int", (1,))
            proxied.execute("SELECT 1/%s::int", (0,))
            proxied.execute("SELECT %s::int", (3,))
    assert proxied.execute("SELECT %s::int", (4,)).fetchone() == (4,)


def test_psycopg_binary_results(proxied):
    cur = proxied.cursor(binary=True)
    cur.execute("SELECT %s::int8, %s::numeric, %s::bytea, %s::timestamptz, %s::int4[], %s::text",
                (2**40, decimal.Decimal("3.14159"), b"\x00\xff\x01",
                 datetime.datetime(2024, 2, 29, 12, 0, tzinfo=datetime.timezone.utc),
                 [1, 2, 3], "héllo"))
    row = cur.fetchone()
    assert row[0] == 2**40
    assert row[1] == decimal.Decimal("3.14159")
    assert row[2] == b"\x00\xff\x01"
    assert row[3] == datetime.datetime(2024, 2, 29, 12, 0, tzinfo=datetime.timezone.utc)
    assert row[4] == [1, 2, 3]
    assert row[5] == "héllo"
    assert cur.pgresult.fformat(0) == 1  # really binary on the wire


def test_big_result_rows(proxied):
    # Many DataRows, larger than any single buffer: all of them arrive, in order.
    rows = proxied.execute("SELECT i, repeat('y', 500) FROM generate_series(1, 50000) i").fetchall()
    assert len(rows) == 50000 and rows[0][0] == 1 and rows[-1][0] == 50000
    assert all(len(r[1]) == 500 for r in rows[:10])


def test_listen_notify_across_sessions(stack):
    got = []
    with stack.connect() as listener, stack.connect() as sender:
        listener.add_notify_handler(lambda n: got.append((n.channel, n.payload)))
        listener.execute("LISTEN it_chan")
        sender.execute("NOTIFY it_chan, 'hello through cutover'")
        deadline = time.monotonic() + 10
        while not got and time.monotonic() < deadline:
            listener.execute("SELECT 1")  # lets libpq read the async NotificationResponse
            time.sleep(0.05)
    assert got == [("it_chan", "hello through cutover")]


def test_cancel_pg_sleep(proxied):
    timer = threading.Timer(0.5, proxied.cancel)
    timer.start()
    try:
        with pytest.raises(errors.QueryCanceled) as ei:
            proxied.execute("SELECT pg_sleep(30)")
    finally:
        timer.cancel()
    assert ei.value.sqlstate == "57014"
    assert proxied.execute("SELECT 'still here'").fetchone() == ("still here",)


def test_cancel_targets_only_its_session(stack):
    with stack.connect() as a, stack.connect() as b:
        result = {}

        def run_b():
            result["b"] = b.execute("SELECT pg_sleep(1.5), 'b done'").fetchone()[1]

        t = threading.Thread(target=run_b)
        t.start()
        timer = threading.Timer(0.5, a.cancel)
        timer.start()
        with pytest.raises(errors.QueryCanceled):
            a.execute("SELECT pg_sleep(30)")
        t.join(30)
        assert result.get("b") == "b done"


PGBENCH_FAILED = re.compile(r"number of failed transactions: (\d+)")
PGBENCH_PROCESSED = re.compile(r"number of transactions actually processed: (\d+)")


@pytest.fixture(scope="module")
def pgbench_db(stack):
    r = subprocess.run(["pgbench", "-i", "-s", "1", "-q"], env=stack.libpq_env(),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return stack


@pytest.mark.parametrize("mode", ["simple", "extended", "prepared"])
def test_pgbench_through_proxy(pgbench_db, mode):
    r = subprocess.run(["pgbench", "-M", mode, "-c", "4", "-j", "2", "-T", "3", "-n"],
                       env=pgbench_db.libpq_env(), stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    failed = PGBENCH_FAILED.search(r.stdout)
    processed = PGBENCH_PROCESSED.search(r.stdout)
    assert failed and processed, r.stdout
    assert int(failed.group(1)) == 0
    assert int(processed.group(1)) > 0
