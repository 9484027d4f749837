"""The admin socket through cutoverctl: every command and its exit status, --json, pause and
resume holding real statements, kill, the SO_PEERCRED check, the HTTP metrics/health endpoints,
and the deployment lifecycle on PostgreSQL (state derived from the server after a restart)."""

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import psycopg
import pytest

from itutil import REPO, STACK, cutoverd_binary

PG_CONFIG = """
[backend]
dialect = postgres
[deployment]
schemas = analytics
"""


def cutoverctl_binary():
    b = os.environ.get("CUTOVERCTL") or os.path.join(os.path.dirname(cutoverd_binary()),
                                                     "cutoverctl")
    return b if os.path.isabs(b) else os.path.join(REPO, b)


def ctl(s, *words, json_out=False, check=None, timeout=60, user_argv=()):
    argv = list(user_argv) + [cutoverctl_binary(), "-s", s["ADMIN_SOCKET"]]
    if json_out:
        argv.append("--json")
    argv += list(words)
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                       stdin=subprocess.DEVNULL)
    if check is not None:
        assert r.returncode == check, (words, r.returncode, r.stdout, r.stderr)
    return r


def ctl_json(s, *words):
    r = ctl(s, *words, json_out=True, check=0)
    lines = [ln for ln in r.stdout.splitlines() if not ln.startswith("# ")]
    assert len(lines) == 1, r.stdout
    return json.loads(lines[0])


def http_get(s, path):
    url = "http://127.0.0.1:%s%s" % (s["HTTP_PORT"], path)
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def parse_prometheus(text):
    """name{labels} value lines -> {(name, frozenset(labels)): float}; checks the syntax."""
    out = {}
    line_re = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)$')
    for ln in text.splitlines():
        if not ln or ln.startswith("# HELP ") or ln.startswith("# TYPE "):
            continue
        m = line_re.match(ln)
        assert m, "not Prometheus text: %r" % ln
        labels = frozenset()
        if m.group(3):
            pairs = re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', m.group(3))
            labels = frozenset(pairs)
        out[(m.group(1), labels)] = float(m.group(4).replace("+Inf", "inf"))
    return out


def metric(ms, name, **labels):
    return ms[(name, frozenset(labels.items()))]


@pytest.fixture(scope="module")
def pg(make_stack):
    s = make_stack(config=PG_CONFIG)
    with s.connect(direct=True) as c:
        c.execute("DROP SCHEMA IF EXISTS analytics CASCADE")
        c.execute("CREATE SCHEMA analytics")
        c.execute("CREATE TABLE analytics.t (env text)")
        c.execute("INSERT INTO analytics.t VALUES ('blue')")
    return s


def test_status_and_json(pg):
    r = ctl(pg, "status", check=0)
    assert "state: " in r.stdout and "generation: " in r.stdout
    st = ctl_json(pg, "status")
    assert st["state"] in ("none", "deploying", "promoted")
    assert isinstance(st["generation"], int) and st["paused"] is False


def test_every_read_only_command_succeeds_and_json_parses(pg):
    for words in (("show", "clients"), ("show", "routes"), ("show", "config"),
                  ("show", "stats"), ("show", "subscriptions")):
        ctl(pg, *words, check=0)
        ctl_json(pg, *words)
    routes = ctl_json(pg, "show", "routes")["routes"]
    assert [r["route"] for r in routes] == ["production", "deploy", "previous"]
    assert "deploy promote" in ctl(pg, "help", check=0).stdout
    assert ctl(pg, "reload", check=0).returncode == 0


def test_show_config_masks_the_dsn_password(pg):
    cfg = ctl_json(pg, "show", "config")["config"]
    dsn = [r["value"] for r in cfg if r["section"] == "admin" and r["key"] == "dsn"][0]
    assert pg["PG_PASSWORD"] not in dsn
    text = ctl(pg, "show", "config", check=0).stdout
    assert pg["PG_PASSWORD"] not in text


def test_errors_and_usage_exit_codes(pg):
    r = ctl(pg, "frobnicate", check=1)
    assert r.stderr.startswith("error: ")
    ctl(pg, "kill", "999999", check=1)
    ctl(pg, "resume", check=1)  # not paused
    r = subprocess.run([cutoverctl_binary(), "-s", pg["ADMIN_SOCKET"] + ".nope", "status"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "cannot connect" in r.stderr
    assert subprocess.run([cutoverctl_binary()], capture_output=True, timeout=30).returncode == 2
    # One argument stays one word: a blank inside it is refused, not split.
    r = subprocess.run([cutoverctl_binary(), "-s", pg["ADMIN_SOCKET"], "kill", "1 2"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "contains a blank" in r.stderr, r.stderr


def test_several_commands_on_one_connection_and_long_lines(pg):
    import socket
    with socket.socket(socket.AF_UNIX) as so:
        so.settimeout(20)
        so.connect(pg["ADMIN_SOCKET"])
        so.sendall(b"status --json\nshow stats --json\nnonsense\n")
        buf = b""
        while buf.count(b"\n") < 5:
            chunk = so.recv(65536)
            assert chunk
            buf += chunk
        lines = buf.decode().splitlines()
        finals = [ln for ln in lines if ln == "ok" or ln.startswith("error: ")]
        assert finals[:3] == ["ok", "ok", finals[2]] and finals[2].startswith("error: ")
        so.sendall(b"x" * 5000 + b"\n")
        rest = b""
        while True:
            chunk = so.recv(65536)
            if not chunk:
                break
            rest += chunk
        assert b"error: command line too long" in rest


def run_query_in_thread(conn, sql):
    res = {}

    def go():
        t0 = time.monotonic()
        try:
            res["row"] = conn.execute(sql).fetchone()
        except Exception as e:  # noqa: BLE001
            res["error"] = e
        res["took"] = time.monotonic() - t0

    t = threading.Thread(target=go)
    t.start()
    return t, res


def test_pause_holds_a_statement_and_resume_releases_it(pg):
    with pg.connect() as c:
        c.execute("SELECT 1")
        ctl(pg, "pause", check=0)
        try:
            assert ctl_json(pg, "status")["paused"] is True
            t, res = run_query_in_thread(c, "SELECT 42")
            t.join(1.5)
            assert t.is_alive(), "statement was not held while paused"
            held = [x for x in ctl_json(pg, "show", "clients")["clients"] if x["state"] == "held"]
            assert len(held) == 1
        finally:
            ctl(pg, "resume", check=0)
        t.join(10)
        assert not t.is_alive() and res["row"] == (42,)


def test_pause_timeout_resumes_by_itself(pg):
    with pg.connect() as c:
        ctl(pg, "pause", "--timeout", "2s", check=0)
        t, res = run_query_in_thread(c, "SELECT 7")
        t.join(0.5)
        assert t.is_alive()
        t.join(15)
        assert not t.is_alive() and res["row"] == (7,)
        assert res["took"] >= 1.0
    assert ctl_json(pg, "status")["paused"] is False


def test_pause_timeout_names_the_blocker(pg):
    with pg.connect(autocommit=False) as c:
        c.execute("SELECT 1")  # open transaction: the barrier cannot quiesce
        ids = [x["id"] for x in ctl_json(pg, "show", "clients")["clients"] if x["in_tx"]]
        r = ctl(pg, "pause", "--timeout", "1s", check=1)
        assert "busy" in r.stderr and str(ids[0]) in r.stderr
        c.rollback()
    assert ctl_json(pg, "status")["paused"] is False


def test_kill_ends_a_session(pg):
    with pg.connect(application_name="to_be_killed") as c:
        c.execute("SELECT 1")
        cl = [x for x in ctl_json(pg, "show", "clients")["clients"]
              if x["application_name"] == "to_be_killed"]
        assert len(cl) == 1
        ctl(pg, "kill", str(cl[0]["id"]), check=0)
        with pytest.raises(psycopg.OperationalError):
            c.execute("SELECT 1")



def http_raw(s, request, wait_s):
    """Sends raw bytes to the HTTP port; -> (what came back, seconds until cutoverd closed)."""
    import socket
    t0 = time.monotonic()
    got = b""
    with socket.create_connection(("127.0.0.1", int(s["HTTP_PORT"])), timeout=wait_s) as so:
        so.sendall(request)
        try:
            while True:
                chunk = so.recv(65536)
                if not chunk:
                    break
                got += chunk
        except socket.timeout:
            return got, None
    return got, time.monotonic() - t0


def test_http_endpoint_limits(pg):
    """The metrics/probe endpoint refuses oversized headers (8 kB) and closes a connection that
    stops mid-request after its 10 s I/O timeout; it keeps serving."""
    got, _ = http_raw(pg, b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 16384 +
                      b"\r\n\r\n", 15)
    assert not got.startswith(b"HTTP/1.1 200"), got[:80]
    got, closed_after = http_raw(pg, b"GET /metrics HTTP/1.1\r\nHost: x\r\n", 25)
    assert closed_after is not None and closed_after < 20, (got[:80], closed_after)
    assert not got.startswith(b"HTTP/1.1 200"), got[:80]
    assert http_get(pg, "/healthz")[0] == 200

def test_metrics_healthz_readyz(pg):
    code, text = http_get(pg, "/metrics")
    assert code == 200
    m1 = parse_prometheus(text)
    for name in ("cutover_bytes_total", "cutover_pause_seconds_bucket",
                 "cutover_routing_generation", "cutover_deployment_state",
                 "cutover_subscribe_splice_overflow_total", "cutover_errors_total",
                 "cutover_lifecycle_step_seconds", "cutover_connections"):
        assert any(k[0] == name for k in m1), name
    q1 = metric(m1, "cutover_queries_total", route="production")
    with pg.connect() as c:
        for _ in range(3):
            c.execute("SELECT 1")
        ctl(pg, "pause", check=0)  # one statement held at the barrier moves the histogram
        t, res = run_query_in_thread(c, "SELECT 2")
        t.join(0.5)
        ctl(pg, "resume", check=0)
        t.join(10)
        assert res.get("row") == (2,)
        m2 = parse_prometheus(http_get(pg, "/metrics")[1])
        assert metric(m2, "cutover_connections", route="production", state="idle") >= 1
    assert metric(m2, "cutover_queries_total", route="production") >= q1 + 3
    assert metric(m2, "cutover_bytes_total", direction="client_to_backend") > \
        metric(m1, "cutover_bytes_total", direction="client_to_backend")
    assert metric(m2, "cutover_pause_seconds_bucket", le="+Inf") >= \
        metric(m1, "cutover_pause_seconds_bucket", le="+Inf") + 1
    assert metric(m2, "cutover_pause_seconds_count") == \
        metric(m2, "cutover_pause_seconds_bucket", le="+Inf")
    assert http_get(pg, "/healthz") == (200, "ok\n")
    assert http_get(pg, "/readyz")[0] == 200


def deploy_route_refused(s):
    with pytest.raises(psycopg.OperationalError, match="no deployment in progress"):
        psycopg.connect(s.dsn(int(s["DEPLOY_PORT"])), connect_timeout=10)


def test_lifecycle_on_postgres_and_restart_tells_the_truth(pg):
    assert ctl_json(pg, "status")["state"] == "none"
    deploy_route_refused(pg)  # nothing to show under the suffixed names yet
    r = ctl(pg, "deploy", "init", check=0)
    assert "CREATE SCHEMA" in r.stdout  # progress lines are plain when not a terminal
    assert ctl_json(pg, "status")["state"] == "deploying"
    dep = psycopg.connect(pg.dsn(int(pg["DEPLOY_PORT"])), autocommit=True)
    dep.execute("CREATE TABLE analytics.t (env text)")
    dep.execute("INSERT INTO analytics.t VALUES ('green')")
    dep.close()
    dry = ctl(pg, "deploy", "promote", "--dry-run", check=0).stdout
    assert "RENAME TO" in dry
    assert ctl_json(pg, "status")["state"] == "deploying"
    gen = ctl_json(pg, "status")["generation"]
    ctl(pg, "deploy", "promote", check=0)
    st = ctl_json(pg, "status")
    assert st["state"] == "promoted" and st["generation"] > gen
    assert st["route_previous"] == "available" and st["route_deploy"] == "unavailable"
    with pg.connect() as c:
        assert c.execute("SELECT env FROM analytics.t").fetchone() == ("green",)
    with psycopg.connect(pg.dsn(int(pg["PREVIOUS_PORT"])), autocommit=True) as c:
        assert c.execute("SELECT env FROM analytics.t").fetchone() == ("blue",)
    m = parse_prometheus(http_get(pg, "/metrics")[1])
    assert metric(m, "cutover_deployment_state", state="promoted") == 1
    assert metric(m, "cutover_lifecycle_step_seconds", step="promote") > 0
    # A restarted cutoverd derives the state from the server alone.
    subprocess.run([STACK, "restart-proxy", pg.dir], check=True, capture_output=True,
                   timeout=60, env=dict(os.environ, CUTOVERD=cutoverd_binary()))
    pg.reload_env()
    st = ctl_json(pg, "status")
    assert st["state"] == "promoted" and st["route_previous"] == "available"
    # SIGHUP rebuilds the routing table from the config, which alone would open
    # the deploy route again; the deployment state must win.
    with open(pg["CUTOVERD_LOG"], errors="replace") as f:
        reloads_before = f.read().count("SIGHUP: reloaded")
    os.kill(int(pg["CUTOVERD_PID"]), signal.SIGHUP)
    deadline = time.monotonic() + 10
    while True:
        with open(pg["CUTOVERD_LOG"], errors="replace") as f:
            if f.read().count("SIGHUP: reloaded") > reloads_before:
                break
        assert time.monotonic() < deadline, "no reload logged after SIGHUP"
        time.sleep(0.05)
    with pytest.raises(psycopg.OperationalError, match='route "deploy" is not available'):
        psycopg.connect(pg.dsn(int(pg["DEPLOY_PORT"])), connect_timeout=10)
    with psycopg.connect(pg.dsn(int(pg["PREVIOUS_PORT"])), autocommit=True) as c:
        assert c.execute("SELECT env FROM analytics.t").fetchone() == ("blue",)
    ctl(pg, "deploy", "rollback", check=0)
    with pg.connect() as c:
        assert c.execute("SELECT env FROM analytics.t").fetchone() == ("blue",)
    assert ctl_json(pg, "status")["state"] == "deploying"
    on_deploy = psycopg.connect(pg.dsn(int(pg["DEPLOY_PORT"])), autocommit=True)
    assert on_deploy.execute("SELECT env FROM analytics.t").fetchone() == ("green",)
    ctl(pg, "deploy", "cleanup", check=0)
    with pytest.raises(psycopg.OperationalError):  # cleanup ended the session on the old names
        on_deploy.execute("SELECT 1")
    on_deploy.close()
    st = ctl_json(pg, "status")
    assert st["state"] == "none" and st["route_previous"] == "unavailable"
    assert st["route_deploy"] == "unavailable"
    deploy_route_refused(pg)
    # promote without a deployment fails with exit status 1 and changes nothing
    r = ctl(pg, "deploy", "promote", check=1)
    assert r.stderr.startswith("error: ")


def test_a_peer_that_is_not_allowed_is_refused(make_stack):
    runner = shutil.which("setpriv")
    if os.geteuid() != 0 or runner is None:
        pytest.skip("needs root and setpriv to connect as another uid")
    s = make_stack(config="[admin]\nsocket_mode = 0666\n")
    os.chmod(s.dir, 0o755)
    r = ctl(s, "status", user_argv=(runner, "--reuid=65534", "--regid=65534", "--clear-groups"))
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "permission denied for uid 65534" in r.stderr
    ctl(s, "status", check=0)  # our own uid still may
    assert "refused peer uid 65534" in s.log_tail(200)


def test_readyz_is_503_while_draining(make_stack):
    s = make_stack()
    c = s.connect()
    try:
        # Inside a transaction, so that the drain waits for it (an idle session is closed at once).
        c.execute("BEGIN")
        assert http_get(s, "/readyz")[0] == 200
        ctl(s, "shutdown", "--wait", check=0)
        time.sleep(0.5)
        code, body = http_get(s, "/readyz")
        assert code == 503 and "draining" in body
        assert http_get(s, "/healthz")[0] == 200
    finally:
        c.close()


MZ_CONFIG = """
[deployment]
schemas = analytics
clusters = compute
"""


def mz_connect(s, direct=False):
    port = int(s["MZ_PORT"]) if direct else s.proxy_port
    return psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable "
                           "connect_timeout=10" % (port, s["MZ_USER"], s["MZ_DB"]),
                           autocommit=True)


@pytest.mark.skipif(not os.path.exists(os.path.join(REPO, "tests", "emulator", "mzemu.py")),
                    reason="the Materialize emulator is not there")
def test_status_says_promoted_after_a_clients_own_swap(make_stack):
    s = make_stack(backend="materialize", config=MZ_CONFIG)
    with mz_connect(s, direct=True) as c:
        c.execute("CREATE SCHEMA IF NOT EXISTS analytics")
        c.execute("CREATE CLUSTER compute SIZE = '25cc'")
    ctl(s, "deploy", "init", check=0)
    st = ctl_json(s, "status")
    assert st["state"] == "deploying" and st["route_deploy"] == "available"
    gen = st["generation"]
    # dbt's deploy_promote, pointed at cutoverd: the swap goes through the proxy.
    with mz_connect(s) as c:
        with c.transaction():
            c.execute('ALTER SCHEMA "analytics" SWAP WITH "analytics_dbt_deploy"')
            c.execute('ALTER CLUSTER "compute" SWAP WITH "compute_dbt_deploy"')
    deadline = time.monotonic() + 10
    while True:
        st = ctl_json(s, "show", "routes")["routes"]
        if st[2]["available"] or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    st = ctl_json(s, "status")
    assert st["state"] == "promoted", st
    assert st["route_previous"] == "available" and st["route_deploy"] == "unavailable"
    assert st["generation"] > gen
    assert "swap through the proxy" in s.log_tail(100)


def test_unreachable_backend_at_start_does_not_block(cutoverd_process, tmp_path):
    from itutil import free_port
    dead = free_port()
    sock = str(tmp_path / "admin.sock")
    p, port = cutoverd_process(
        "[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\n"
        "[admin]\nsocket = %s\ndsn = host=127.0.0.1 port=%d user=x connect_timeout=2\n"
        "[deployment]\nschemas = analytics\n" % (dead, sock, dead))
    r = subprocess.run([cutoverctl_binary(), "-s", sock, "--json", "status"], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    st = json.loads(r.stdout.strip().splitlines()[-1])
    assert st["state"] == "unknown" and st["state_fresh"] is False
    assert st["route_deploy"] == "available" and st["route_previous"] == "unavailable"
    assert ctl({"ADMIN_SOCKET": sock}, "deploy", "init").returncode == 1


def test_readyz_follows_backend_reachability(cutoverd_process, tmp_path):
    import socket
    from itutil import free_port
    backend = socket.socket()
    backend.bind(("127.0.0.1", 0))
    backend.listen(16)
    bport = backend.getsockname()[1]
    hport = free_port()
    cutoverd_process("[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\n"
                     "[admin]\nsocket = %s\nhttp_listen = 127.0.0.1:%d\n"
                     % (bport, tmp_path / "a.sock", hport))
    env = {"HTTP_PORT": str(hport)}

    def wait_for(code, limit=15):
        deadline = time.monotonic() + limit
        while True:
            got = http_get(env, "/readyz")
            if got[0] == code or time.monotonic() > deadline:
                return got
            time.sleep(0.2)

    try:
        assert wait_for(200)[0] == 200
        backend.close()  # the probe (every few seconds) now fails
        got = wait_for(503)
        assert got[0] == 503 and "unreachable" in got[1]
        assert http_get(env, "/healthz")[0] == 200
    finally:
        backend.close()


def test_http_connection_limit(cutoverd_process, tmp_path):
    """[admin] http_max_connections: idle connections up to the limit are kept, one more is
    closed at once and counted, and the port serves again once they are gone."""
    import socket
    from itutil import free_port
    hport = free_port()
    cutoverd_process("[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\n"
                     "[admin]\nsocket = %s\nhttp_listen = 127.0.0.1:%d\n"
                     "http_max_connections = 4\n"
                     % (free_port(), tmp_path / "a.sock", hport))
    idle = []
    try:
        for _ in range(4):
            idle.append(socket.create_connection(("127.0.0.1", hport), timeout=5))
        # Admitted in accept order (the kernel's backlog order): the fifth is the one over.
        extra = socket.create_connection(("127.0.0.1", hport), timeout=3)
        try:
            assert extra.recv(1) == b"", "the 5th connection was not closed"
        except socket.timeout:
            raise AssertionError("the 5th connection stayed open past the limit of 4")
        finally:
            extra.close()
        for s in idle:  # still open: the limit closed only the one over it
            s.setblocking(False)
            try:
                assert s.recv(1) != b"", "an admitted connection was closed"
            except BlockingIOError:
                pass
    finally:
        for s in idle:
            s.close()
    # The server sees the four EOFs shortly; until then a new connection may be refused.
    env = {"HTTP_PORT": str(hport)}
    deadline = time.monotonic() + 5
    while True:
        try:
            code, body = http_get(env, "/metrics")
            break
        except (OSError, http.client.HTTPException):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    assert code == 200
    m = parse_prometheus(body)
    assert m[("cutover_http_connections_refused_total", frozenset())] >= 1
    assert m[("cutover_http_connections", frozenset())] >= 1  # this request's own
