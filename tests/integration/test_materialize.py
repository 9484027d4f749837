"""cutoverd in front of the Materialize emulator (skipped until tests/emulator/mzemu.py exists).

Only what the proxy must preserve end to end: Materialize's startup (server_version 9.5.0,
mz_version, the welcome notice), its session variables, errors and cancel."""

import os
import threading

import psycopg
import pytest
from psycopg import errors

from itutil import REPO

pytestmark = pytest.mark.skipif(
    not os.path.exists(os.path.join(REPO, "tests", "emulator", "mzemu.py")),
    reason="the Materialize emulator (tests/emulator/mzemu.py) is not there yet")


@pytest.fixture(scope="module")
def mz(make_stack):
    return make_stack(backend="materialize")


def mz_connect(s, direct=False):
    port = int(s["MZ_PORT"]) if direct else s.proxy_port
    return psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable "
                           "connect_timeout=10" % (port, s["MZ_USER"], s["MZ_DB"]),
                           autocommit=True)


def test_startup_parameters_pass_through(mz):
    with mz_connect(mz) as via, mz_connect(mz, direct=True) as direct:
        for p in ("server_version", "mz_version", "cluster", "database", "search_path"):
            assert via.pgconn.parameter_status(p.encode()) == \
                direct.pgconn.parameter_status(p.encode()), p
        assert via.pgconn.parameter_status(b"server_version") == b"9.5.0"


def test_mz_version_query(mz):
    with mz_connect(mz) as c:
        v = c.execute("SELECT mz_version()").fetchone()[0]
    assert v.startswith("v")


def test_set_cluster_parameter_status(mz):
    with mz_connect(mz) as c:
        c.execute("SET cluster = quickstart")
        assert c.pgconn.parameter_status(b"cluster") == b"quickstart"


def test_cancel_through_proxy(mz):
    with mz_connect(mz) as c:
        t = threading.Timer(0.5, c.cancel)
        t.start()
        try:
            with pytest.raises(errors.QueryCanceled):
                c.execute("SELECT pg_sleep(30)")
        finally:
            t.cancel()
        assert c.execute("SELECT 1").fetchone() == (1,)
