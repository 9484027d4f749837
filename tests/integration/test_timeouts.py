"""Session timeouts and TCP keepalive (issue 14 item 6), PgBouncer's names, PostgreSQL's codes.

- client_idle_timeout: a session idle outside a transaction is closed with FATAL 57P05; a busy
  one is not.
- idle_transaction_timeout: a session idle inside a transaction is closed with FATAL 25P03, and
  with it the barrier it held: a promote that would wait for it completes.
- query_timeout: a statement running too long is cancelled on the server (the server's 57014),
  the session lives on; SUBSCRIBE streams are exempt (test_subscribe covers long streams with
  the default 0).
- tcp_keepalive: on by default on client and server sockets (ss shows the keepalive timer), off
  when configured so.
"""

import os
import re
import shutil
import subprocess
import time

import psycopg
import pytest


def fatal_of(conn, sql="SELECT 1"):
    with pytest.raises(psycopg.Error) as ei:
        conn.execute(sql)
    return str(ei.value)


def test_client_idle_timeout(make_stack):
    s = make_stack(config="[proxy]\nclient_idle_timeout = 1s\n")
    idle = s.connect(user="u_trust")
    busy = s.connect(user="u_trust")
    try:
        # Busy for 2.5 s: not idle, so not closed.
        assert busy.execute("SELECT pg_sleep(2.5), 'done'").fetchone()[1] == "done"
        msg = fatal_of(idle)
        assert "idle-session timeout" in msg, msg
        assert busy.execute("SELECT 1").fetchone() == (1,)
        log = s.log_tail(200)
        assert re.search(r"C-\d+ u_trust@\S+ idle for 1000 ms \(client_idle_timeout\)", log), log
    finally:
        idle.close()
        busy.close()


def test_idle_transaction_timeout(make_stack):
    s = make_stack(config="[proxy]\nidle_transaction_timeout = 1s\n")
    tx = s.connect(user="u_trust")
    idle = s.connect(user="u_trust")
    try:
        tx.execute("BEGIN")
        tx.execute("SELECT 1")
        time.sleep(2.0)
        msg = fatal_of(tx)
        assert "idle-in-transaction timeout" in msg, msg
        # Outside a transaction there is no limit here.
        assert idle.execute("SELECT 1").fetchone() == (1,)
        assert "idle_transaction_timeout" in s.log_tail(200)
    finally:
        tx.close()
        idle.close()


def test_query_timeout_cancels_on_the_server(make_stack):
    s = make_stack(config="[proxy]\nquery_timeout = 1s\n")
    conn = s.connect(user="u_trust")
    try:
        t0 = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("SELECT pg_sleep(30)")
        took = time.monotonic() - t0
        assert took < 15, took
        # The session lives on, and a statement within the limit is untouched.
        assert conn.execute("SELECT pg_sleep(0.2), 'ok'").fetchone()[1] == "ok"
        assert "query_timeout" in s.log_tail(200)
    finally:
        conn.close()


def keepalive_sockets(port):
    """The ss lines of established TCP sockets on 127.0.0.1:port, with their timers."""
    r = subprocess.run([shutil.which("ss") or "ss", "-tno", "state", "established",
                        "( sport = :%d )" % port], capture_output=True, text=True, timeout=10)
    return [ln for ln in r.stdout.splitlines()[1:] if ln.strip()]


@pytest.mark.skipif(shutil.which("ss") is None, reason="ss (iproute2) is not installed")
@pytest.mark.parametrize("setting,expect", [("on", True), ("off", False)])
def test_tcp_keepalive(make_stack, setting, expect):
    s = make_stack(config="[proxy]\ntcp_keepalive = %s\ntcp_keepidle = 60s\n" % setting)
    conn = s.connect(user="u_trust")
    try:
        conn.execute("SELECT 1")
        # ss shows one timer per socket: a retransmission timer while data is unacknowledged
        # hides the keepalive one, so look again until the socket is quiet.
        deadline = time.monotonic() + 5
        while True:
            lines = keepalive_sockets(s.proxy_port)
            quiet = lines and all("timer:(on," not in ln for ln in lines)
            if quiet or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert lines, "no established client socket on the proxy port"
        assert all(("keepalive" in ln) == expect for ln in lines), lines
        # The server side of the session too (cutoverd's socket towards PostgreSQL).
        pid = str(s.pid)
        r = subprocess.run(["ss", "-tnop", "state", "established", "( dport = :%d )" % s.pg_port],
                           capture_output=True, text=True, timeout=10)
        mine = [ln for ln in r.stdout.splitlines() if "pid=%s," % pid in ln]
        if os.geteuid() == 0 or mine:  # ss shows other users' pids only to root
            assert mine, r.stdout
            assert all(("keepalive" in ln) == expect for ln in mine), mine
    finally:
        conn.close()


def test_idle_transaction_timeout_lets_a_promote_through(make_stack):
    """A production session idle in a transaction holds a promote's barrier (it must not see two
    environments). With idle_transaction_timeout below the promote's pause timeout, cutoverd
    ends that session and the promote completes instead of timing out."""
    from test_lifecycle import NEW_ROWS, PG_DEPLOY_CONFIG, Deployment, needs_ctl

    if needs_ctl.args[0]:
        pytest.skip(needs_ctl.kwargs["reason"])
    dep = Deployment(make_stack(config=PG_DEPLOY_CONFIG +
                                "[proxy]\nidle_transaction_timeout = 2s\n"), "postgres")
    dep.reset()
    dep.init_and_build()
    tx = dep.connect()
    try:
        tx.execute("BEGIN")
        tx.execute("SELECT * FROM analytics.report")
        t0 = time.monotonic()
        r = dep.ctl("deploy", "promote", "--pause-timeout", "10s", timeout=60)
        took = time.monotonic() - t0
        assert r.returncode == 0, r.stdout + r.stderr
        assert took < 10, took
        msg = fatal_of(tx)
        assert "idle-in-transaction timeout" in msg, msg
        assert dep.status()["state"] == "promoted"
        with dep.connect() as c:
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == NEW_ROWS
    finally:
        tx.close()
