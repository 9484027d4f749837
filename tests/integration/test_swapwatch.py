"""A deployment swap sent by a client through the proxy (dbt's own deploy_promote pointed at
cutoverd) holds the other sessions while its transaction is open (proxy/swapwatch.c)."""

import threading
import time

import psycopg
import pytest

from test_materialize import mz_connect  # noqa: F401  (also applies its skip marker)
from test_materialize import pytestmark  # noqa: F401

# Long enough for the tests that commit after a second, short enough for the one that waits it out.
SWAP_PAUSE_S = 3

CONFIG = """
[deployment]
schemas = analytics
clusters = compute
swap_pause_timeout = %ds
""" % SWAP_PAUSE_S


@pytest.fixture(scope="module")
def mzd(make_stack):
    return make_stack(backend="materialize", config=CONFIG)


def setup_envs(s):
    with mz_connect(s, direct=True) as c:
        for stmt in ("DROP SCHEMA IF EXISTS analytics CASCADE",
                     "DROP SCHEMA IF EXISTS analytics_dbt_deploy CASCADE",
                     "CREATE SCHEMA analytics", "CREATE SCHEMA analytics_dbt_deploy",
                     "CREATE TABLE analytics.t (env text)",
                     "CREATE TABLE analytics_dbt_deploy.t (env text)",
                     "INSERT INTO analytics.t VALUES ('blue')",
                     "INSERT INTO analytics_dbt_deploy.t VALUES ('green')"):
            c.execute(stmt)


def test_other_sessions_wait_for_the_swap_transaction(mzd):
    setup_envs(mzd)
    swapper = mz_connect(mzd)
    other = mz_connect(mzd)
    try:
        assert other.execute("SELECT env FROM analytics.t").fetchone() == ("blue",)
        swapper.autocommit = False
        swapper.execute('ALTER SCHEMA "analytics" SWAP WITH "analytics_dbt_deploy"')
        result = {}

        def query():
            t0 = time.monotonic()
            result["row"] = other.execute("SELECT env FROM analytics.t").fetchone()
            result["waited"] = time.monotonic() - t0

        t = threading.Thread(target=query)
        t.start()
        t.join(1.0)
        # Held at the barrier while the swap transaction is open...
        assert t.is_alive(), "the other session was not held during the swap"
        swapper.commit()
        t.join(10)
        assert not t.is_alive()
        # ...and it then sees the swapped world in full.
        assert result["row"] == ("green",)
        assert result["waited"] >= 1.0
    finally:
        swapper.close()
        other.close()


class Swap(threading.Thread):
    """Sends the swap on its own autocommit session and notes when the server answered."""

    def __init__(self, s):
        super().__init__(daemon=True)
        self.conn = mz_connect(s)
        self.error = None
        self.done_at = None

    def run(self):
        try:
            self.conn.execute('ALTER SCHEMA "analytics" SWAP WITH "analytics_dbt_deploy"')
        except psycopg.Error as e:
            self.error = e
        self.done_at = time.monotonic()


def env_of(conn):
    return conn.execute("SELECT env FROM analytics.t").fetchone()[0]


def reader_inside_a_blue_transaction(s):
    """A session whose open transaction has read the production objects (blue)."""
    reader = mz_connect(s)
    reader.autocommit = False
    assert env_of(reader) == "blue"
    return reader


def swap_waiting_behind_a_reader(s):
    """A reader inside a blue transaction, and a swap sent after it that is still waiting a
    second later (the server has not run it)."""
    reader = reader_inside_a_blue_transaction(s)
    swap = Swap(s)
    swap.start()
    swap.join(1.0)
    if not swap.is_alive():
        reader.close()
        swap.conn.close()
        raise AssertionError("the swap ran while another session's transaction was open")
    return reader, swap


def test_swap_waits_for_transactions_that_began_before_it(mzd):
    """A transaction that read the old objects goes on reading them: the swap reaches the server
    only once it has ended, so no transaction sees both environments under the same names."""
    setup_envs(mzd)
    reader, swap = swap_waiting_behind_a_reader(mzd)
    try:
        assert env_of(reader) == "blue", "a transaction saw both environments"
        t_commit = time.monotonic()
        reader.commit()
        swap.join(10)
        assert not swap.is_alive() and swap.error is None, swap.error
        assert swap.done_at >= t_commit
        assert env_of(reader) == "green"
        reader.commit()
        assert "waiting for the other sessions' transactions" in mzd.log_tail(200)
    finally:
        reader.close()
        swap.conn.close()


def test_new_statements_wait_behind_a_waiting_swap(mzd):
    """While the swap waits for an open transaction, a session that starts a statement is held
    and runs after the swap, on the new environment; it never runs on the old one in between."""
    setup_envs(mzd)
    reader = reader_inside_a_blue_transaction(mzd)
    late = mz_connect(mzd)
    swap = Swap(mzd)
    try:
        swap.start()
        time.sleep(0.3)
        got = {}
        t = threading.Thread(target=lambda: got.update(env=env_of(late)), daemon=True)
        t.start()
        t.join(1.0)
        assert t.is_alive(), "a new statement ran while the swap was waiting"
        reader.commit()
        swap.join(10)
        t.join(10)
        assert not t.is_alive() and swap.error is None, swap.error
        assert got["env"] == "green"
    finally:
        reader.close()
        late.close()
        swap.conn.close()


def test_swap_goes_ahead_after_swap_pause_timeout(mzd):
    """A transaction left open does not stall the swap for ever: after swap_pause_timeout the
    swap goes ahead, with a warning naming the session that was still in its transaction."""
    setup_envs(mzd)
    reader, swap = swap_waiting_behind_a_reader(mzd)
    try:
        swap.join(SWAP_PAUSE_S + 15)
        assert not swap.is_alive(), "the swap waited past swap_pause_timeout"
        assert swap.error is None, swap.error
        log = mzd.log_tail(200)
        assert "it goes ahead and the held sessions go on" in log, log
        reader.commit()
        assert env_of(reader) == "green"
        reader.commit()
    finally:
        reader.close()
        swap.conn.close()


def test_unrelated_swap_is_not_held(mzd):
    # A swap of schemas outside the deployment is none of cutover's business.
    with mz_connect(mzd, direct=True) as c:
        for stmt in ("DROP SCHEMA IF EXISTS x1 CASCADE", "DROP SCHEMA IF EXISTS x2 CASCADE",
                     "CREATE SCHEMA x1", "CREATE SCHEMA x2"):
            c.execute(stmt)
    swapper = mz_connect(mzd)
    other = mz_connect(mzd)
    try:
        swapper.autocommit = False
        swapper.execute("ALTER SCHEMA x1 SWAP WITH x2")
        t0 = time.monotonic()
        other.execute("SELECT 1").fetchone()
        assert time.monotonic() - t0 < 5.0
        swapper.commit()
    finally:
        swapper.close()
        other.close()
