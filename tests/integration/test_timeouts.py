"""Session timeouts and TCP keepalive (issue 14 item 6), PgBouncer's names, PostgreSQL's codes.

- client_idle_timeout: a session idle outside a transaction is closed with FATAL 57P05; a busy
  one is not.
- idle_transaction_timeout: a session idle inside a transaction is closed with FATAL 25P03, and
  with it the barrier it held: a promote that would wait for it completes.
- query_timeout: a statement running too long is cancelled on the server (the server's 57014),
  the session lives on; SUBSCRIBE streams are exempt (test_subscribe covers long streams with
  the default 0).
- query_wait_timeout: a statement held at a promote's barrier too long ends its session with
  FATAL 57014 (simple and extended protocol); the promote goes on for the others.
- tcp_keepalive: on by default on client and server sockets (ss shows the keepalive timer), off
  when configured so.
"""

import os
import re
import shutil
import subprocess
import threading
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


@pytest.fixture(scope="module")
def pg_deploy(make_stack):
    """One postgres stack with a [deployment] for the promote tests below (a stack start is most
    of such a test's time); each sets its own [proxy] limits with proxy_limits()."""
    from test_lifecycle import PG_DEPLOY_CONFIG, Deployment, needs_ctl

    if needs_ctl.args[0]:
        pytest.skip(needs_ctl.kwargs["reason"])
    dep = Deployment(make_stack(config=PG_DEPLOY_CONFIG), "postgres")
    with open(dep.s["CUTOVER_CONFIG"]) as f:
        dep.base_config = f.read()
    return dep


def proxy_limits(dep, keys):
    """The stack's config with `keys` (lines of [proxy]) and nothing else of a previous test's,
    reloaded; then a fresh production environment and a deployment built."""
    with open(dep.s["CUTOVER_CONFIG"], "w") as f:
        f.write(dep.base_config + "\n[proxy]\n" + keys)
    dep.ctl("reload", check=0)
    dep.reset()
    dep.init_and_build()
    return dep


def test_idle_transaction_timeout_lets_a_promote_through(pg_deploy):
    """A production session idle in a transaction holds a promote's barrier (it must not see two
    environments). With idle_transaction_timeout below the promote's pause timeout, cutoverd
    ends that session and the promote completes instead of timing out."""
    from test_lifecycle import NEW_ROWS

    dep = proxy_limits(pg_deploy, "idle_transaction_timeout = 2s\n")
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


def test_query_wait_timeout_ends_held_statements_and_the_promote_goes_on(pg_deploy):
    """A promote's barrier is kept up by a session idle in a transaction (pause timeout 10s). With
    query_wait_timeout = 2s, a statement held at it longer (a simple Query, and an
    extended-protocol batch) gets FATAL 57014 naming the setting, and its connection is closed,
    well before the pause timeout. The session inside its transaction is not held and goes on;
    once it commits, the promote completes, and a statement held briefly meanwhile runs on the
    new environment."""
    from test_lifecycle import NEW_ROWS, OLD_ROWS, Promote, statement_in_thread
    import pgraw

    dep = proxy_limits(pg_deploy, "query_wait_timeout = 2s\n")
    s = dep.s
    tx = dep.connect()
    ext = dep.connect()  # psycopg sends a statement with a parameter as Parse/Bind/Execute/Sync
    late = dep.connect()
    raw = pgraw.Conn(dep.port("production"))
    pr = None
    try:
        assert raw.startup(s["PG_USER"], s["PG_DB"], password=s["PG_PASSWORD"])[-1][0] == b"Z"
        tx.execute("BEGIN")
        assert sorted(tx.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        pr = Promote(dep, "--pause-timeout", "10s")
        pr.wait_for("# barrier: raising")
        t0 = time.monotonic()
        res = {}

        def extended():
            res["t0"] = time.monotonic()
            try:
                ext.execute("SELECT v FROM analytics.report WHERE v > %s", (0,))
            except psycopg.Error as e:
                res["error"] = e
            res["t1"] = time.monotonic()

        th = threading.Thread(target=extended, daemon=True)
        th.start()
        raw.send(pgraw.query("SELECT 1"))
        msgs, closed = raw.read_until_closed(limit=9)
        took = time.monotonic() - t0
        err = pgraw.first_error(msgs)
        assert err is not None, msgs
        assert (err["S"], err["C"]) == ("FATAL", "57014"), err
        assert "query_wait_timeout" in err["M"] and "held" in err["M"], err
        assert closed, "the connection stays open after the FATAL: %r" % msgs
        assert 1.5 < took < 9, took  # about query_wait_timeout, before the pause timeout
        th.join(9)
        # libpq reports a FATAL followed by the close as a lost connection carrying its text
        # (the SQLSTATE is checked on the raw connection above).
        assert isinstance(res.get("error"), psycopg.OperationalError), res
        assert "query_wait_timeout" in str(res["error"]), res["error"]
        assert res["t1"] - res["t0"] < 9, res
        assert ext.closed
        # Not held (inside its transaction): untouched, still on the old environment.
        assert sorted(tx.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        assert pr.p.poll() is None, "the promote ended before the transaction did"
        # Held briefly, then resumed after the swap, on the new environment.
        lt, lres = statement_in_thread(late, "SELECT env, v FROM analytics.report")
        time.sleep(0.2)
        tx.execute("COMMIT")
        rc, out, errout = pr.finish()
        assert rc == 0, out + errout + s.log_tail(40)
        lt.join(10)
        assert lres.get("rows") == NEW_ROWS, lres
        assert dep.status()["state"] == "promoted"
        log = s.log_tail(400)
        held = re.findall(r"C-\d+ \S+@\S+ held at the barrier for \d+ ms \(query_wait_timeout\)",
                          log)
        assert len(held) == 2, log
        assert dep.ctl_json("show", "stats")["query_wait_timeouts"] == 2
    finally:
        if pr is not None:
            pr.kill()
        raw.close()
        for c in (tx, ext, late):
            c.close()
