"""cutoverd when the server answers the Materialize way off the happy path (issue 17):

- `deploy cleanup` while clients sit idle inside transactions on the old environment: on the
  previous route and directly on the server (Materialize never blocks DDL behind them: the
  emulator does not either, so cutoverd ends no session, docs/admin.md). Cleanup completes in
  bounded time; each client's next statement fails at once with the server's error (none hangs,
  no proxy error), and production is unaffected.
- A SUBSCRIBE cursor's `FETCH 0` through the proxy answers at once with no rows before and
  after the cursor is carried over a promote, and after the cleanup.
"""

import time

import psycopg
import pytest

from itutil import time_limit_fixture
from test_materialize import mz_connect  # noqa: F401  (also applies its skip marker)
from test_materialize import pytestmark  # noqa: F401
from test_subscribe_smoke import CONFIG, Writer, promote, run, setup_envs, wait_for

CLEANUP_BOUND_S = 30.0  # a cleanup that waited behind a lock would hang until cutoverctl's timeout
PROMPT_S = 3.0
LIMIT_S = 150


_bounded = time_limit_fixture(LIMIT_S)


@pytest.fixture(scope="module")
def mzd(make_stack):
    return make_stack(backend="materialize", config=CONFIG)


def route_connect(s, port):
    return psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable "
                           "connect_timeout=10" % (port, s["MZ_USER"], s["MZ_DB"]),
                           autocommit=True)


def next_statement_error(conn, sql):
    """Run sql; it must fail promptly. -> (sqlstate, message, seconds)."""
    t0 = time.monotonic()
    with pytest.raises(psycopg.Error) as ei:
        conn.execute(sql)
    return ei.value.sqlstate, str(ei.value), time.monotonic() - t0


def timed_run(s, line):
    t0 = time.monotonic()
    run(s, line)
    return time.monotonic() - t0


def test_cleanup_with_clients_idle_in_transactions_on_the_old_environment(mzd):
    setup_envs(mzd)
    with mz_connect(mzd, direct=True) as c:
        c.execute("INSERT INTO public.src VALUES (1), (2)")
    promote(mzd)
    prev = route_connect(mzd, int(mzd["PREVIOUS_PORT"]))
    prev_idle = route_connect(mzd, int(mzd["PREVIOUS_PORT"]))
    direct = mz_connect(mzd, direct=True)
    direct_writer = mz_connect(mzd, direct=True)
    prod = mz_connect(mzd)
    try:
        # On the previous route, analytics.v is the old environment's view (now named
        # analytics_dbt_deploy.v on the server); directly, it is read by its server name.
        prev.execute("BEGIN")
        assert sorted(prev.execute("SELECT id FROM analytics.v").fetchall()) == [(1,), (2,)]
        direct.execute("BEGIN")
        assert sorted(direct.execute("SELECT id FROM analytics_dbt_deploy.v").fetchall()) == [(1,), (2,)]
        direct_writer.execute("CREATE TABLE IF NOT EXISTS analytics_dbt_deploy.scratch (a int)")
        direct_writer.execute("BEGIN")
        direct_writer.execute("INSERT INTO analytics_dbt_deploy.scratch VALUES (1)")
        # All three now sit idle inside their transactions.
        took = timed_run(mzd, "deploy cleanup")
        assert took < CLEANUP_BOUND_S, took
        with mz_connect(mzd, direct=True) as c:
            left = c.execute("SELECT name FROM mz_catalog.mz_schemas WHERE name LIKE '%_dbt_deploy' "
                             "UNION ALL SELECT name FROM mz_catalog.mz_clusters "
                             "WHERE name LIKE '%_dbt_deploy'").fetchall()
        assert left == []
        # The previous-route session is left to the server (docs/admin.md): its transaction's
        # next statement fails with Materialize's error for what cleanup dropped under it (its
        # cluster compute_dbt_deploy, or the schema), not with one of cutoverd's; the session
        # itself lives on.
        code, msg, secs = next_statement_error(prev, "SELECT id FROM analytics.v")
        assert secs < PROMPT_S and (
            (code, "the transaction's active cluster has been dropped" in msg) == ("25000", True)
            or (code, "unknown schema" in msg) == ("XX000", True)), (code, msg)
        assert not (prev.closed or prev.broken)
        prev.execute("ROLLBACK")
        # Outside a transaction it meets the retired route, as after any cleanup.
        code, msg, secs = next_statement_error(prev, "SELECT 1")
        assert secs < PROMPT_S and 'route "previous" is no longer available' in msg, (code, msg)
        # A previous-route session that was idle outside a transaction meets the same.
        code, msg, secs = next_statement_error(prev_idle, "SELECT 1")
        assert secs < PROMPT_S and 'route "previous" is no longer available' in msg, (code, msg)
        # The direct reader's next statement re-resolves the dropped schema: Materialize's error.
        code, msg, secs = next_statement_error(direct, "SELECT id FROM analytics_dbt_deploy.v")
        assert secs < PROMPT_S and (code, "unknown schema 'analytics_dbt_deploy'" in msg) == ("XX000", True), msg
        direct.execute("ROLLBACK")
        # The direct writer's buffered write went to a dropped table: its COMMIT fails.
        code, msg, secs = next_statement_error(direct_writer, "COMMIT")
        assert secs < PROMPT_S and code == "XX000" and "unknown catalog item" in msg, msg
        # Production serves the promoted environment throughout.
        assert sorted(prod.execute("SELECT id FROM analytics.v").fetchall()) == [(1,), (2,)]
        assert mzd.alive(), mzd.log_tail()
    finally:
        for c in (prev, prev_idle, direct, direct_writer, prod):
            c.close()


def fetch0(conn):
    t0 = time.monotonic()
    cur = conn.execute("FETCH 0 c")
    rows = cur.fetchall()
    return rows, cur.statusmessage, time.monotonic() - t0


def test_cursor_fetch_zero_before_and_after_carry_over(mzd):
    setup_envs(mzd)
    writer = Writer(mzd, period=0.02)
    writer.start()
    conn = mz_connect(mzd)
    try:
        conn.execute("BEGIN")
        conn.execute("DECLARE c CURSOR FOR SUBSCRIBE analytics.v")
        rows, tag, secs = fetch0(conn)
        assert (rows, tag) == ([], "FETCH 0") and secs < PROMPT_S, (rows, tag, secs)
        got = conn.execute("FETCH ALL c WITH (timeout = '1s')").fetchall()
        assert wait_for(lambda: writer.n > 5)
        got += conn.execute("FETCH ALL c WITH (timeout = '1s')").fetchall()
        assert got, "no rows before the promote"
        before = mzd.log_tail(400).count("carried over at T=")
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") > before), mzd.log_tail()
        rows, tag, secs = fetch0(conn)
        assert (rows, tag) == ([], "FETCH 0") and secs < PROMPT_S, (rows, tag, secs)
        n = len(got)
        got += conn.execute("FETCH ALL c WITH (timeout = '2s')").fetchall()
        assert len(got) > n, "no rows after the carry-over"
        run(mzd, "deploy cleanup")
        rows, tag, secs = fetch0(conn)
        assert (rows, tag) == ([], "FETCH 0") and secs < PROMPT_S, (rows, tag, secs)
        n = len(got)
        got += conn.execute("FETCH ALL c WITH (timeout = '2s')").fetchall()
        assert len(got) > n, "no rows after the cleanup"
        conn.execute("COMMIT")
    finally:
        writer.stop.set()
        writer.join(5)
        conn.close()
    # every id once, inserts only (nothing lost or doubled by the FETCH 0s)
    ids = sorted(int(r[2]) for r in got)
    assert all(int(r[1]) == 1 for r in got)
    assert ids == list(range(1, len(ids) + 1))
