"""A deployment swap sent by a client through the proxy (dbt's own deploy_promote pointed at
cutoverd) holds the other sessions while its transaction is open (proxy/swapwatch.c)."""

import threading
import time

import psycopg
import pytest

from test_materialize import mz_connect  # noqa: F401  (also applies its skip marker)
from test_materialize import pytestmark  # noqa: F401

CONFIG = """
[deployment]
schemas = analytics
clusters = compute
"""


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
