"""Lifecycles. The process's: --check, SIGHUP reload, SIGTERM drain, crash + restart. And the
deployment's (issue 5), below: init -> build -> await -> promote -> cleanup under client load on
both routes, rollback, failed swaps, a barrier that times out, cutoverd killed mid-promote, dry
run, and dbt's own swap sent through the proxy -- on PostgreSQL and on the Materialize emulator,
driven only through cutoverctl."""

import os
import signal
import subprocess
import threading
import time

import psycopg
import pytest

from itutil import STACK, cutoverd_binary, emu_control, exits_within, pid_alive


def check(path):
    return subprocess.run([cutoverd_binary(), "-c", str(path), "--check"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)


def test_check_good_config(stack):
    r = check(stack["CUTOVER_CONFIG"])
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_bad_config_reports_file_line(stack, tmp_path):
    with open(stack["CUTOVER_CONFIG"]) as f:
        lines = f.read().splitlines()
    i = lines.index("[proxy]")
    lines.insert(i + 1, "no_such_key = 1")
    bad = tmp_path / "bad.ini"
    bad.write_text("\n".join(lines) + "\n")
    r = check(bad)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "%s:%d" % (bad, i + 2) in r.stdout + r.stderr, r.stdout + r.stderr


def test_check_bad_value(tmp_path):
    bad = tmp_path / "bad.ini"
    bad.write_text("[proxy]\nlisten = 127.0.0.1:6432\nmax_client_conn = lots\n")
    r = check(bad)
    assert r.returncode == 2
    assert "%s:3" % bad in r.stdout + r.stderr, r.stdout + r.stderr


def test_check_missing_file(tmp_path):
    r = check(tmp_path / "nope.ini")
    assert r.returncode != 0


def test_sighup_reload_keeps_serving(make_stack):
    s = make_stack()
    path = s["CUTOVER_CONFIG"]
    with open(path) as f:
        orig = f.read()
    with s.connect() as held:
        # A valid change (log level): reloaded, sessions and new connections keep working.
        with open(path, "a") as f:
            f.write("\n[log]\nlevel = debug\n")
        os.kill(s.pid, signal.SIGHUP)
        time.sleep(0.5)
        assert s.alive()
        assert held.execute("SELECT 'held'").fetchone() == ("held",)
        with s.connect() as c:
            assert c.execute("SELECT 'new'").fetchone() == ("new",)
        # An invalid file: the reload is refused and the old config keeps serving.
        with open(path, "w") as f:
            f.write(orig + "\n[proxy_typo]\nwhat = ever\n")
        os.kill(s.pid, signal.SIGHUP)
        time.sleep(0.5)
        assert s.alive()
        assert held.execute("SELECT 'held 2'").fetchone() == ("held 2",)
        with s.connect() as c:
            assert c.execute("SELECT 'new 2'").fetchone() == ("new 2",)
    with open(path, "w") as f:
        f.write(orig)


def connect_refused(port):
    """True if a new client cannot get a session on the port."""
    try:
        with psycopg.connect("host=127.0.0.1 port=%d user=u_trust dbname=cutover "
                             "connect_timeout=5" % port) as c:
            c.execute("SELECT 1")
        return False
    except psycopg.OperationalError:
        return True


def test_sigterm_drains(make_stack):
    s = make_stack(config="[proxy]\nshutdown_timeout = 6s\n")
    pid = s.pid
    conn = s.connect(user="u_trust")
    result = {}

    def run():
        try:
            result["row"] = conn.execute("SELECT pg_sleep(2), 'finished'").fetchone()[1]
        except psycopg.Error as e:
            result["error"] = e

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.3)
    t_term = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.3)
    assert connect_refused(s.proxy_port), "new connections still accepted while draining"
    t.join(15)
    assert result.get("row") == "finished", result  # the session in progress finished
    conn.close()
    while pid_alive(pid) and time.monotonic() - t_term < 6 + 5:
        time.sleep(0.05)
    assert not pid_alive(pid), "cutoverd still running %.1f s after SIGTERM" % (
        time.monotonic() - t_term)


def test_sigterm_gives_up_after_shutdown_timeout(make_stack):
    s = make_stack(config="[proxy]\nshutdown_timeout = 2s\n")
    pid = s.pid
    conn = s.connect(user="u_trust")
    conn.execute("BEGIN")  # an idle-in-transaction session that never ends by itself
    t_term = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while pid_alive(pid) and time.monotonic() - t_term < 15:
        time.sleep(0.05)
    elapsed = time.monotonic() - t_term
    assert not pid_alive(pid), "cutoverd ignored its 2 s shutdown_timeout"
    assert elapsed >= 1.5, elapsed  # it did wait for the session first
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()



def test_sigterm_closes_each_session_once_outside_a_transaction(make_stack):
    """A drain closes an idle session at once (FATAL 57P01, as PostgreSQL's own terminate), and
    a session inside a transaction as soon as that transaction ends: it can finish its work, but
    does not hold the shutdown open afterwards."""
    s = make_stack(config="[proxy]\nshutdown_timeout = 30s\n")
    pid = s.pid
    idle = s.connect(user="u_trust")
    busy = s.connect(user="u_trust")
    busy.execute("BEGIN")
    busy.execute("SELECT 1")
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)
    with pytest.raises(psycopg.OperationalError) as ei:
        idle.execute("SELECT 1")
    assert "terminating connection due to administrator command" in str(ei.value), ei.value
    # The transaction goes on and commits...
    assert busy.execute("SELECT 2").fetchone() == (2,)
    busy.execute("COMMIT")
    # ...and then the session is closed, and cutoverd, with no session left, exits long before
    # its 30 s shutdown_timeout.
    assert exits_within(pid, 10), "cutoverd still draining 10 s after the last transaction ended"
    with pytest.raises(psycopg.OperationalError):
        busy.execute("SELECT 1")
    idle.close()
    busy.close()


def test_second_sigterm_stops_at_once(make_stack):
    """As PgBouncer: a second SIGTERM during a drain stops at once, whatever is open."""
    s = make_stack(config="[proxy]\nshutdown_timeout = 30s\n")
    pid = s.pid
    conn = s.connect(user="u_trust")
    conn.execute("BEGIN")  # would hold the drain for the whole shutdown_timeout
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.5)
    assert pid_alive(pid), "the first SIGTERM did not wait for the open transaction"
    os.kill(pid, signal.SIGTERM)
    assert exits_within(pid, 10), "a second SIGTERM did not stop cutoverd"
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()


def test_restart_proxy_after_kill9(make_stack):
    s = make_stack()
    old = s.pid
    r = subprocess.run([STACK, "restart-proxy", s.dir], env=dict(os.environ,
                       CUTOVERD=cutoverd_binary()), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    s.reload_env()
    assert s.pid != old and s.alive() and not pid_alive(old)
    with s.connect() as c:
        assert c.execute("SELECT 1").fetchone() == (1,)


# =================================================================================================
# The deployment lifecycle (issue 5): init -> build -> await -> promote -> cleanup, rollback,
# failed swaps, barrier timeouts, crashes mid-promote, dry runs and swaps sent through the proxy.
# Driven ONLY through `cutoverctl -s $ADMIN_SOCKET ...`; the only SQL sent straight to the
# backend builds the deployment's objects (as `dbt run --vars 'deploy: True'` would) and reads the
# catalog to check what is on the server.
# =================================================================================================

import json  # noqa: E402
import re  # noqa: E402

from itutil import REPO  # noqa: E402
import pgraw  # noqa: E402


def cutoverctl_binary():
    b = os.environ.get("CUTOVERCTL") or os.path.join(os.path.dirname(cutoverd_binary()),
                                                     "cutoverctl")
    return b if os.path.isabs(b) else os.path.join(REPO, b)


HAVE_EMULATOR = os.path.exists(os.path.join(REPO, "tests", "emulator", "mzemu.py"))
needs_ctl = pytest.mark.skipif(not os.access(cutoverctl_binary(), os.X_OK),
                               reason="cutoverctl missing (%s): build the cutoverctl target "
                               "next to cutoverd or set $CUTOVERCTL" % cutoverctl_binary())

PG_DEPLOY_CONFIG = "[backend]\ndialect = postgres\n[deployment]\nschemas = analytics\n"
MZ_DEPLOY_CONFIG = "[deployment]\nschemas = analytics\nclusters = compute\n"

BACKENDS = [
    pytest.param("postgres", id="postgres"),
    pytest.param("materialize", id="materialize", marks=pytest.mark.skipif(
        not HAVE_EMULATOR, reason="the Materialize emulator is not there")),
]

BLUE, GREEN = "blue", "green"  # the environment tags of production and of the deployment

# One client transaction: several reads of the deployed objects. Every row carries its
# environment's tag, so a transaction that mixes tags saw two environments.
CLIENT_TX = (
    "SELECT env, count(*), sum(v) FROM analytics.report GROUP BY env",
    "SELECT env FROM analytics.facts",
    "SELECT env, v FROM analytics.report ORDER BY v LIMIT 1",
)


class Deployment:
    """One stack with a [deployment] config, and what the tests do to it."""

    def __init__(self, stack, backend):
        self.s = stack
        self.backend = backend
        self.mz = backend == "materialize"

    # ---- connections --------------------------------------------------------------------------
    def conninfo(self, port, **kw):
        if self.mz:
            parts = ("host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable "
                     "connect_timeout=10" % (port, self.s["MZ_USER"], self.s["MZ_DB"]))
            return parts + "".join(" %s=%s" % kv for kv in kw.items())
        return self.s.dsn(port, **kw)

    def port(self, route):
        return {"production": self.s.proxy_port, "deploy": int(self.s["DEPLOY_PORT"]),
                "previous": int(self.s["PREVIOUS_PORT"])}[route]

    def connect(self, route="production", autocommit=True, **kw):
        return psycopg.connect(self.conninfo(self.port(route), **kw), autocommit=autocommit)

    def direct(self):
        port = int(self.s["MZ_PORT"]) if self.mz else self.s.pg_port
        return psycopg.connect(self.conninfo(port), autocommit=True)

    def raw_startup(self, route):
        """Startup on a route with the raw client: the messages up to the first E or Z."""
        with pgraw.Conn(self.port(route)) as c:
            if self.mz:
                return c.startup(self.s["MZ_USER"], self.s["MZ_DB"])
            return c.startup(self.s["PG_USER"], self.s["PG_DB"], password=self.s["PG_PASSWORD"])

    # ---- cutoverctl ---------------------------------------------------------------------------
    def ctl_argv(self, *words, json_out=False):
        argv = [cutoverctl_binary(), "-s", self.s["ADMIN_SOCKET"]]
        if json_out:
            argv.append("--json")
        return argv + list(words)

    def ctl(self, *words, check=None, json_out=False, timeout=120):
        r = subprocess.run(self.ctl_argv(*words, json_out=json_out), capture_output=True,
                           text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        if check is not None:
            assert r.returncode == check, "cutoverctl %s: exit %d\n%s%s\n-- cutoverd log:\n%s" % (
                " ".join(words), r.returncode, r.stdout, r.stderr, self.s.log_tail(30))
        return r

    def ctl_json(self, *words, check=0):
        r = self.ctl(*words, json_out=True, check=check)
        return parse_json_reply(r.stdout)

    def status(self):
        return self.ctl_json("status")

    def emu(self, line):
        """One command on the emulator's fault-knob control port; returns the reply line."""
        assert self.mz
        return emu_control(self.s, line)

    def emu_status(self):
        return json.loads(self.emu("status")[3:])

    # ---- the server's truth -------------------------------------------------------------------
    def names(self):
        """{('schema'|'cluster', name): id} for every non-system schema and cluster."""
        with self.direct() as c:
            if self.mz:
                rows = c.execute("SELECT 'schema', name, id FROM mz_schemas WHERE id LIKE 'u%' "
                                 "UNION ALL SELECT 'cluster', name, id FROM mz_clusters "
                                 "WHERE id LIKE 'u%'").fetchall()
            else:
                rows = c.execute("SELECT 'schema', nspname, oid::text FROM pg_namespace WHERE "
                                 "nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
                                 ).fetchall()
        return {(k, n): i for k, n, i in rows}

    def deployment_ids(self):
        """The ids now under the production and the _dbt_deploy names of the deployment."""
        n = self.names()
        keys = [("schema", "analytics"), ("schema", "analytics_dbt_deploy")]
        if self.mz:
            keys += [("cluster", "compute"), ("cluster", "compute_dbt_deploy")]
        return {k: n.get(k) for k in keys}

    def leftover_deploy_names(self):
        return sorted(n for (_, n) in self.names() if n.endswith("_dbt_deploy"))

    def read_direct(self, schema="analytics"):
        with self.direct() as c:
            return sorted(c.execute("SELECT env, v FROM %s.report" % schema).fetchall())

    # ---- building the two environments --------------------------------------------------------
    def reset(self):
        """No deployment, and a fresh production environment tagged BLUE."""
        st = self.status()
        if st["state"] != "none":
            self.ctl("deploy", "cleanup", check=0)
        with self.direct() as c:
            c.execute("DROP SCHEMA IF EXISTS analytics CASCADE")
            c.execute("CREATE SCHEMA analytics")
            c.execute("CREATE TABLE analytics.facts (env text, v int)")
            c.execute("INSERT INTO analytics.facts VALUES ('blue', 1), ('blue', 2), ('blue', 3)")
            if self.mz:
                if c.execute("SELECT count(*) FROM mz_clusters WHERE name = 'compute'"
                             ).fetchone()[0] == 0:
                    c.execute("CREATE CLUSTER compute SIZE = '25cc'")
                c.execute("CREATE MATERIALIZED VIEW analytics.report IN CLUSTER compute AS "
                          "SELECT env, v FROM analytics.facts")
            else:
                c.execute("CREATE VIEW analytics.report AS SELECT env, v FROM analytics.facts")
        assert self.status()["state"] == "none"

    def build(self):
        """The new version, as `dbt run --vars 'deploy: True'` builds it: other rows and another
        definition, in analytics_dbt_deploy (and in cluster compute_dbt_deploy)."""
        with self.direct() as c:
            c.execute("CREATE TABLE analytics_dbt_deploy.facts (env text, v int)")
            c.execute("INSERT INTO analytics_dbt_deploy.facts VALUES "
                      "('green', 10), ('green', 20), ('green', 30), ('green', 40)")
            if self.mz:
                c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.report IN CLUSTER "
                          "compute_dbt_deploy AS SELECT env, v + 1000 AS v "
                          "FROM analytics_dbt_deploy.facts")
                c.execute("CREATE INDEX report_v IN CLUSTER compute_dbt_deploy "
                          "ON analytics_dbt_deploy.report (v)")
            else:
                c.execute("CREATE VIEW analytics_dbt_deploy.report AS SELECT env, v + 1000 AS v "
                          "FROM analytics_dbt_deploy.facts")

    def init_and_build(self):
        self.ctl("deploy", "init", check=0)
        self.build()
        if self.mz:
            self.ctl("deploy", "await", "--poll-interval", "200ms", "--timeout", "60s", check=0)


OLD_ROWS = [("blue", 1), ("blue", 2), ("blue", 3)]
NEW_ROWS = [("green", 1010), ("green", 1020), ("green", 1030), ("green", 1040)]


def parse_json_reply(stdout):
    lines = [ln for ln in stdout.splitlines() if ln.strip() and not ln.startswith("# ")]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


def raw_query_error(raw, sql):
    """Sends a Query on a pgraw connection; the fields of its first ErrorResponse (read up to
    ReadyForQuery or the close), or None."""
    raw.send(pgraw.query(sql))
    msgs = []
    try:
        while True:
            kind, payload = raw.read_message()
            msgs.append((kind, payload))
            if kind == b"Z":
                break
    except pgraw.Closed:
        pass
    return pgraw.first_error(msgs)


def one_tx(conn):
    """The client transaction; returns the set of environment tags it saw and the report rows."""
    tags = set()
    rows = None
    with conn.transaction():
        for i, sql in enumerate(CLIENT_TX):
            got = conn.execute(sql).fetchall()
            tags.update(r[0] for r in got)
            if i == 0:
                rows = sorted(got)
    return tags, rows


class Workload:
    """Client threads running CLIENT_TX in a loop through the proxy, each on ONE connection it
    keeps as long as the route lets it; every transaction and every error is recorded with its
    monotonic start and end."""

    def __init__(self, dep, routes):
        self.dep = dep
        self.stop_ev = threading.Event()
        self.lock = threading.Lock()
        self.txs = []     # dict(route, thread, t0, t1, tags, rows, conn_no)
        self.errors = []  # dict(route, thread, t, where, sqlstate, message)
        self.threads = []
        n = 0
        for route, count in routes.items():
            for _ in range(count):
                t = threading.Thread(target=self.run, args=(route, n), daemon=True)
                self.threads.append(t)
                n += 1

    def start(self):
        for t in self.threads:
            t.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with self.lock:
                seen = {x["thread"] for x in self.txs}
            if len(seen) == len(self.threads):
                return
            time.sleep(0.05)
        raise AssertionError("client threads did not all complete a transaction: %r" %
                             self.errors)

    def err(self, route, n, where, e):
        with self.lock:
            self.errors.append({"route": route, "thread": n, "t": time.monotonic(),
                                "where": where, "sqlstate": getattr(e, "sqlstate", None),
                                "message": str(e)})

    def run(self, route, n):
        conn = None
        conn_no = 0
        while not self.stop_ev.is_set():
            if conn is None:
                try:
                    conn = self.dep.connect(route, application_name="lt-%s-%d" % (route, n))
                    conn_no += 1
                except psycopg.Error as e:
                    self.err(route, n, "connect", e)
                    self.stop_ev.wait(0.1)
                    continue
            t0 = time.monotonic()
            try:
                tags, rows = one_tx(conn)
            except psycopg.Error as e:
                self.err(route, n, "statement", e)
                conn.close()
                conn = None
                continue
            with self.lock:
                self.txs.append({"route": route, "thread": n, "t0": t0, "t1": time.monotonic(),
                                 "tags": tags, "rows": rows, "conn_no": conn_no})
        if conn is not None:
            conn.close()

    def stop(self):
        self.stop_ev.set()
        for t in self.threads:
            t.join(30)
        assert not any(t.is_alive() for t in self.threads), "a client thread hangs"

    def of(self, route):
        return [x for x in self.txs if x["route"] == route]


def assert_one_environment_per_tx(w):
    mixed = [x for x in w.txs if len(x["tags"]) != 1]
    assert not mixed, "transactions that saw more than one environment: %r" % mixed[:5]


def assert_route_unavailable_errors(errors, since, what):
    """Errors of deploy-route clients: only ZC001, only after `since` (the promote began):
    FATAL ZC001 at the next statement, or a refused connect naming the route."""
    for e in errors:
        assert e["t"] >= since, "%s: a deploy-route client failed before the promote: %r" % (
            what, e)
        if e["where"] == "statement":
            # libpq reports a FATAL that is followed by the close as "consuming input failed:
            # <message>" without a SQLSTATE (as for PostgreSQL's own FATALs); the raw-protocol
            # check in the tests asserts the ZC001 code itself.
            assert e["sqlstate"] in ("ZC001", None), e
            assert 'route "deploy" is no longer available' in e["message"], e
        else:
            assert 'route "deploy" is not available' in e["message"], e


@pytest.fixture(scope="module", params=BACKENDS)
def dep(request, make_stack):
    backend = request.param
    if not os.access(cutoverctl_binary(), os.X_OK):
        pytest.skip("cutoverctl missing (%s)" % cutoverctl_binary())
    config = MZ_DEPLOY_CONFIG if backend == "materialize" else PG_DEPLOY_CONFIG
    return Deployment(make_stack(config=config, backend=backend), backend)


@pytest.fixture
def fresh(dep):
    """The module's deployment stack, reset to no deployment and a BLUE production."""
    dep.s.reload_env()
    assert dep.s.alive(), dep.s.log_tail()
    dep.reset()
    yield dep
    assert dep.s.alive(), "cutoverd died:\n" + dep.s.log_tail()


def audit_lines(dep, offset):
    """The `audit {json}` lines cutoverd logged after byte `offset` of its log."""
    with open(dep.s["CUTOVERD_LOG"], errors="replace") as f:
        f.seek(offset)
        text = f.read()
    return [json.loads(ln.split(" audit ", 1)[1]) for ln in text.splitlines() if " audit {" in ln]


def timed_ctl(dep, marks, name, *words, check=0):
    marks[name + "_start"] = time.monotonic()
    r = dep.ctl(*words, check=check)
    marks[name + "_end"] = time.monotonic()
    return r


@needs_ctl
def test_full_cycle_under_client_load(fresh):
    """init -> build -> await -> promote -> cleanup while clients run transactions on the
    production and the deploy route."""
    dep = fresh
    log_offset = os.path.getsize(dep.s["CUTOVERD_LOG"])
    dep.ctl("deploy", "init", check=0)
    st = dep.status()
    assert st["state"] == "deploying" and st["route_deploy"] == "available", st
    dep.build()
    before = dep.deployment_ids()
    gen0 = st["generation"]

    raw = pgraw.Conn(dep.port("deploy"))  # a raw session on the deploy route, idle through it
    if dep.mz:
        assert pgraw.first_error(raw.startup(dep.s["MZ_USER"], dep.s["MZ_DB"])) is None
    else:
        assert pgraw.first_error(raw.startup(dep.s["PG_USER"], dep.s["PG_DB"],
                                             password=dep.s["PG_PASSWORD"])) is None
    w = Workload(dep, {"production": 4, "deploy": 2})
    w.start()
    marks = {}
    try:
        time.sleep(1.0)
        if dep.mz:
            r = timed_ctl(dep, marks, "await", "deploy", "await", "--poll-interval", "200ms",
                          "--timeout", "60s")
            assert "ready" in r.stdout, r.stdout
        time.sleep(0.5)
        r = timed_ctl(dep, marks, "promote", "deploy", "promote")
        promote_out = r.stdout
        time.sleep(1.5)
        err = raw_query_error(raw, "SELECT 1")  # the idle deploy session's next statement
        raw.close()
        connect_msgs = dep.raw_startup("deploy")  # a new session on the deploy route
        st_promoted = dep.status()
        ids_promoted = dep.deployment_ids()
        timed_ctl(dep, marks, "cleanup", "deploy", "cleanup")
        time.sleep(1.0)
    finally:
        w.stop()

    # The promote's reply reports the pause.
    assert re.search(r"clients held: \d+ statements, max [0-9.]+ ms, p99 [0-9.]+ ms",
                     promote_out), promote_out
    # The server swapped every name, the routing table moved on.
    assert st_promoted["state"] == "promoted", st_promoted
    assert st_promoted["generation"] > gen0
    assert st_promoted["route_deploy"] == "unavailable"
    assert ids_promoted[("schema", "analytics")] == before[("schema", "analytics_dbt_deploy")]
    assert ids_promoted[("schema", "analytics_dbt_deploy")] == before[("schema", "analytics")]
    if dep.mz:
        assert ids_promoted[("cluster", "compute")] == before[("cluster", "compute_dbt_deploy")]

    assert_one_environment_per_tx(w)
    prod = w.of("production")
    # No production client failed, and none had to reconnect.
    assert not [e for e in w.errors if e["route"] == "production"], w.errors
    assert all(x["conn_no"] == 1 for x in prod)
    for x in prod:
        if x["t1"] < marks["promote_start"]:
            assert x["tags"] == {BLUE} and x["rows"] == [(BLUE, 3, 6)], x
        if x["t0"] > marks["promote_end"]:
            assert x["tags"] == {GREEN}, x
            assert x["rows"] == [(GREEN, 4, 4100)], x
    # Every production client saw the new data on its own connection, and never went back.
    for n in {x["thread"] for x in prod}:
        seq = [x["tags"] == {GREEN} for x in sorted(prod, key=lambda x: x["t0"])
               if x["thread"] == n]
        assert True in seq and all(seq[seq.index(True):]), "client %d: %r" % (n, seq)
        assert [x for x in prod if x["thread"] == n and x["t1"] < marks["promote_start"]]
    # The deploy route served the new version under the production names until the promote...
    depl = w.of("deploy")
    assert [x for x in depl if x["t1"] < marks["promote_start"]], "no deploy-route traffic"
    assert all(x["tags"] == {GREEN} for x in depl), [x for x in depl if x["tags"] != {GREEN}]
    assert all(x["t0"] < marks["promote_end"] for x in depl)
    # ...and then became unavailable: ZC001 at the next statement or at connect, nothing else.
    # (After cleanup the deploy route is "available per config" again (docs/admin.md) with no
    # _dbt_deploy objects behind it: what its clients see then is not part of this check.)
    derr = [e for e in w.errors if e["route"] == "deploy" and e["t"] < marks["cleanup_start"]]
    assert any(e["where"] == "statement" for e in derr), derr
    assert_route_unavailable_errors(derr, marks["promote_start"], "full cycle")
    assert err is not None and err.get("C") == "ZC001" and err.get("S") == "FATAL", err
    err = pgraw.first_error(connect_msgs)
    assert err is not None and err.get("C") == "ZC001" and err.get("S") == "FATAL", connect_msgs
    assert 'route "deploy" is not available' in err.get("M", ""), err
    # After cleanup: the _dbt_deploy names are gone, production still serves the new data.
    assert dep.leftover_deploy_names() == [], dep.names()
    assert dep.read_direct() == NEW_ROWS
    st = dep.status()
    assert st["state"] == "none" and st["route_previous"] == "unavailable", st
    # One structured audit line per lifecycle step: who, what, the SQL, duration, pause, result.
    audit = audit_lines(dep, log_offset)
    steps = [a["what"] for a in audit]
    expected = ["deploy init", "deploy await", "deploy promote", "deploy cleanup"]
    if not dep.mz:
        expected.remove("deploy await")
    assert [x for x in steps if x in expected] == expected, steps
    for a in audit:
        assert a["result"] == "ok" and a["who"]["uid"] == os.geteuid(), a
        assert isinstance(a["duration_ms"], int) and isinstance(a["sql"], list), a
    promote = [a for a in audit if a["what"] == "deploy promote"][0]
    assert any(DRY_RUN_SQL[dep.backend] == q for q in promote["sql"]), promote["sql"]
    assert {"held", "max_us", "p99_us"} <= set(promote["pause"]), promote


@needs_ctl
def test_rollback_brings_back_the_old_environment(fresh):
    dep = fresh
    dep.init_and_build()
    before = dep.deployment_ids()
    w = Workload(dep, {"production": 3})
    w.start()
    marks = {}
    try:
        with dep.connect(application_name="lt-rollback") as c:
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
            timed_ctl(dep, marks, "promote", "deploy", "promote")
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == NEW_ROWS
            gen = dep.status()["generation"]
            time.sleep(0.5)
            timed_ctl(dep, marks, "rollback", "deploy", "rollback")
            # the same session, without reconnecting, is back on the old data
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        time.sleep(0.5)
    finally:
        w.stop()
    assert not w.errors, w.errors
    assert_one_environment_per_tx(w)
    prod = w.of("production")
    assert all(x["tags"] == {GREEN} for x in prod
               if x["t0"] > marks["promote_end"] and x["t1"] < marks["rollback_start"])
    assert all(x["tags"] == {BLUE} for x in prod if x["t0"] > marks["rollback_end"])
    assert [x for x in prod if x["t0"] > marks["rollback_end"]]
    st = dep.status()
    assert st["state"] == "deploying" and st["generation"] > gen, st
    assert st["route_deploy"] == "available" and st["route_previous"] == "unavailable", st
    assert dep.deployment_ids() == before
    with dep.connect("deploy") as d:  # the deploy route is there again, on the new version
        assert sorted(d.execute("SELECT env, v FROM analytics.report").fetchall()) == NEW_ROWS
    err = pgraw.first_error(dep.raw_startup("previous"))
    assert err is not None and err.get("C") == "ZC001", err
    dep.ctl("deploy", "cleanup", check=0)
    assert dep.leftover_deploy_names() == []
    assert dep.read_direct() == OLD_ROWS
    assert dep.status()["state"] == "none"



@needs_ctl
def test_cleanup_and_a_previous_route_session_idle_in_a_transaction(fresh):
    """Cleanup while a previous-route session sits idle inside a transaction that read the old
    environment (docs/admin.md). PostgreSQL's DROP would wait behind that transaction's locks:
    cutoverd ends the session first (FATAL 57P01) and cleanup completes. Materialize never
    blocks DDL behind readers: cutoverd ends nothing, and the session's next statement fails
    with the server's own error, the session still open."""
    dep = fresh
    dep.init_and_build()
    dep.ctl("deploy", "promote", check=0)
    prev = dep.connect("previous")
    try:
        prev.execute("BEGIN")
        assert sorted(prev.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        t0 = time.monotonic()
        dep.ctl("deploy", "cleanup", check=0, timeout=60)
        took = time.monotonic() - t0
        assert took < 30, took  # not behind the idle transaction's locks
        assert dep.leftover_deploy_names() == []
        with pytest.raises(psycopg.Error) as ei:
            prev.execute("SELECT env, v FROM analytics.report")
        if dep.mz:
            assert ei.value.sqlstate in ("25000", "XX000"), (ei.value.sqlstate, str(ei.value))
            assert not prev.broken
        else:
            assert "terminating connection due to administrator command" in str(ei.value)
            assert prev.broken or prev.closed
    finally:
        prev.close()
    assert dep.read_direct() == NEW_ROWS

def second_cutoverd_config(dep):
    """The stack's cutover.ini with fresh listen ports and admin socket: a second instance in
    front of the same server. Returns (ini text with {listen}, admin socket path)."""
    from itutil import free_port
    sock = os.path.join(dep.s.dir, "admin-b.sock")
    out = []
    section = None
    for ln in open(dep.s["CUTOVER_CONFIG"]).read().splitlines():
        st = ln.strip()
        if st.startswith("["):
            section = st
        key = st.split("=", 1)[0].strip() if "=" in st else None
        if section == "[proxy]" and key == "listen":
            ln = "listen = {listen}"
        elif section == "[proxy]" and key in ("deploy_listen", "previous_listen"):
            ln = "%s = 127.0.0.1:%d" % (key, free_port())
        elif section == "[admin]" and key == "socket":
            ln = "socket = " + sock
        elif section == "[admin]" and key == "http_listen":
            ln = "http_listen = 127.0.0.1:%d" % free_port()
        out.append(ln)
    return "\n".join(out) + "\n", sock


@needs_ctl
def test_two_instances_agree_on_the_state_from_the_server(fresh, cutoverd_process):
    dep = fresh
    text, sock_b = second_cutoverd_config(dep)
    _, port_b = cutoverd_process(text)
    b = Deployment(dep.s, dep.backend)

    def status_b():
        r = subprocess.run([cutoverctl_binary(), "-s", sock_b, "--json", "status"],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return parse_json_reply(r.stdout)

    assert status_b()["state"] == "none"
    dep.init_and_build()
    assert status_b()["state"] == "deploying"
    dep.ctl("deploy", "promote", check=0)
    st = status_b()  # instance B learns it from the server alone
    assert st["state"] == "promoted" and st["route_previous"] == "available", st
    with psycopg.connect(b.conninfo(port_b), autocommit=True) as c:
        assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == NEW_ROWS
    dep.ctl("deploy", "cleanup", check=0)
    assert status_b()["state"] == "none"


class Promote:
    """`cutoverctl deploy promote ...` running in the background; its progress lines are read as
    they come (cutoverctl flushes each `# ...` line when stdout is not a terminal)."""

    def __init__(self, dep, *extra):
        self.p = subprocess.Popen(dep.ctl_argv("deploy", "promote", *extra),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  stdin=subprocess.DEVNULL)
        self.lines = []

    def wait_for(self, prefix, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.p.stdout.readline()
            if not line:
                raise AssertionError("promote ended before %r: %r" % (prefix, self.lines))
            self.lines.append(line.rstrip("\n"))
            if line.startswith(prefix):
                return time.monotonic()
        raise AssertionError("no %r line in %s s: %r" % (prefix, timeout, self.lines))

    def finish(self, timeout=60):
        out, err = self.p.communicate(timeout=timeout)
        self.lines += out.splitlines()
        return self.p.returncode, "\n".join(self.lines), err

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.communicate(timeout=10)


def statement_in_thread(conn, sql):
    res = {}

    def go():
        t0 = time.monotonic()
        try:
            res["rows"] = sorted(conn.execute(sql).fetchall())
        except Exception as e:  # noqa: BLE001
            res["error"] = e
        res["t0"], res["t1"] = t0, time.monotonic()

    t = threading.Thread(target=go, daemon=True)
    t.start()
    return t, res


def client_id(dep, app):
    cl = [x for x in dep.ctl_json("show", "clients")["clients"] if x["application_name"] == app]
    assert len(cl) == 1, cl
    return cl[0]


@needs_ctl
def test_failed_swap_changes_nothing_and_releases_held_clients(fresh):
    dep = fresh
    dep.init_and_build()
    ids0 = dep.deployment_ids()
    st0 = dep.status()
    stop = threading.Event()
    rearm = None
    if dep.mz:
        # fail_next_swap fails ONE swap commit with 40001; the runner retries 40001 three times,
        # so the knob is re-armed as soon as it was used until the promote gives up.
        failed0 = dep.emu_status()["failed_swaps"]
        dep.emu("fail_next_swap")

        def keep_armed():
            while not stop.is_set():
                if not dep.emu_status()["fail_next_swap"]:
                    dep.emu("fail_next_swap")
                stop.wait(0.005)

        rearm = threading.Thread(target=keep_armed, daemon=True)
        rearm.start()
    else:
        # On PostgreSQL the swap renames through analytics_cutover_tmp: take that name.
        with dep.direct() as c:
            c.execute("CREATE SCHEMA analytics_cutover_tmp")
    other = dep.connect(application_name="lt-held")
    try:
        assert sorted(other.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        pr = Promote(dep)
        try:
            pr.wait_for("# swap")
            t, res = statement_in_thread(other, "SELECT env, v FROM analytics.report")
            rc, out, err = pr.finish()
        finally:
            pr.kill()
            stop.set()
            if rearm is not None:
                rearm.join(10)
        t.join(15)
        assert not t.is_alive(), "the held statement was never released"
        assert res.get("rows") == OLD_ROWS, res
        if dep.mz:  # held through the retries' back-off (100 + 200 + 400 ms)
            assert res["t1"] - res["t0"] >= 0.3, res
        assert rc == 1, (rc, out, err)
        assert err.startswith("error: "), err
        if dep.mz:
            assert "40001" in err, err
            # the first attempt and its 3 retries all failed
            assert dep.emu_status()["failed_swaps"] - failed0 >= 4
        else:
            assert "42P06" in err or "already exists" in err, err
        # Names, routing and state unchanged; the barrier is down.
        assert dep.deployment_ids() == ids0
        st = dep.status()
        assert st["state"] == "deploying" and st["generation"] == st0["generation"], st
        assert st["route_deploy"] == "available" and st["route_previous"] == "unavailable", st
        assert st["paused"] is False
        t0 = time.monotonic()
        assert sorted(other.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        assert time.monotonic() - t0 < 5
    finally:
        other.close()
        stop.set()
    # Without the fault the same promote goes through (on the emulator: one injected 40001 is
    # retried and succeeds).
    if dep.mz:
        failed1 = dep.emu_status()["failed_swaps"]
        dep.emu("fail_next_swap")
    else:
        with dep.direct() as c:
            c.execute("DROP SCHEMA analytics_cutover_tmp")
    dep.ctl("deploy", "promote", check=0)
    if dep.mz:
        assert dep.emu_status()["failed_swaps"] == failed1 + 1
    assert dep.status()["state"] == "promoted"
    assert dep.read_direct() == NEW_ROWS
    dep.ctl("deploy", "cleanup", check=0)


@needs_ctl
def test_blocked_barrier_times_out_cleanly(fresh):
    dep = fresh
    dep.init_and_build()
    ids0 = dep.deployment_ids()
    st0 = dep.status()
    blocker = dep.connect(autocommit=False, application_name="lt-blocker")
    other = dep.connect(application_name="lt-other")
    try:
        blocker.execute("SELECT env FROM analytics.report").fetchall()  # a transaction stays open
        bid = client_id(dep, "lt-blocker")
        assert bid["in_tx"] is True, bid
        oid = client_id(dep, "lt-other")["id"]
        pr = Promote(dep, "--pause-timeout", "1s")
        try:
            pr.wait_for("# barrier: raising")
            t, res = statement_in_thread(other, "SELECT env, v FROM analytics.report")
            rc, out, err = pr.finish()
        finally:
            pr.kill()
        t.join(15)
        assert rc == 1, (rc, out, err)
        assert re.search(r"\b%d\b" % bid["id"], err), (bid, err)
        assert not re.search(r"\b%d\b" % oid, err), err  # only the blocker is named
        # The other client was held, then released with the old data.
        assert not t.is_alive() and res.get("rows") == OLD_ROWS, res
        assert res["t1"] - res["t0"] >= 0.5, res
        # Nothing swapped, routing unchanged, the barrier is down.
        assert dep.deployment_ids() == ids0
        st = dep.status()
        assert st["state"] == "deploying" and st["generation"] == st0["generation"], st
        assert st["paused"] is False
        # The blocker's transaction was not touched.
        assert blocker.execute("SELECT env FROM analytics.report").fetchall()[0][0] == BLUE
        blocker.commit()
    finally:
        blocker.close()
        other.close()
    dep.ctl("deploy", "cleanup", check=0)


def restart_proxy(dep):
    r = subprocess.run([STACK, "restart-proxy", dep.s.dir], capture_output=True, text=True,
                       timeout=60, env=dict(os.environ, CUTOVERD=cutoverd_binary()))
    assert r.returncode == 0, r.stdout + r.stderr
    dep.s.reload_env()


def wait_fresh_status(dep, timeout=20):
    """status after a restart: derived from the server (state_fresh)."""
    deadline = time.monotonic() + timeout
    while True:
        st = dep.status()
        if st.get("state_fresh") or time.monotonic() > deadline:
            return st
        time.sleep(0.2)


def assert_consistent(dep, before):
    """All of the deployment swapped, or none of it; returns 'promoted' or 'deploying'."""
    now = dep.deployment_ids()
    if now == before:
        return "deploying"
    swapped = {k: v for k, v in before.items()}
    swapped[("schema", "analytics")] = before[("schema", "analytics_dbt_deploy")]
    swapped[("schema", "analytics_dbt_deploy")] = before[("schema", "analytics")]
    if dep.mz:
        swapped[("cluster", "compute")] = before[("cluster", "compute_dbt_deploy")]
        swapped[("cluster", "compute_dbt_deploy")] = before[("cluster", "compute")]
    assert now == swapped, "half swapped: before %r, now %r" % (before, now)
    return "promoted"


KILL_POINTS = [
    pytest.param("barrier", id="at-barrier"),
    pytest.param("swap", id="in-swap"),
    pytest.param("committed", id="after-commit"),
]


@needs_ctl
@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_mid_promote_restarts_telling_the_truth(fresh, point):
    dep = fresh
    if point != "barrier" and not dep.mz:
        pytest.skip("slowing the swap needs the emulator's slow_ms knob")
    dep.init_and_build()
    before = dep.deployment_ids()
    blocker = None
    pr = None
    try:
        if point == "barrier":
            # A client holds a transaction open: the promote waits at the barrier.
            blocker = dep.connect(autocommit=False, application_name="lt-blocker")
            blocker.execute("SELECT 1").fetchall()
            pr = Promote(dep, "--pause-timeout", "30s")
            pr.wait_for("# barrier: raising")
            time.sleep(0.3)
        else:
            # Every statement answered 700 ms late: the swap transaction takes seconds.
            pr = Promote(dep)
            pr.wait_for("# barrier: quiesced")
            dep.emu("slow_ms 700")
            if point == "swap":
                pr.wait_for("# swap")
                time.sleep(1.0)  # inside the swap transaction
            else:
                pr.wait_for("# swap committed")  # before the routing switch and the COMMENT
        os.kill(dep.s.pid, signal.SIGKILL)
        rc, out, err = pr.finish(timeout=30)
        assert rc != 0, out  # the promote did not report success
    finally:
        if pr is not None:
            pr.kill()
        if blocker is not None:
            blocker.close()
        if dep.mz:
            dep.emu("slow_ms 0")
    time.sleep(0.2 if point == "barrier" else 3.0)  # let the server finish or abort the transaction
    truth = assert_consistent(dep, before)
    print("killed %s: the server says %s" % (point, truth))
    restart_proxy(dep)
    st = wait_fresh_status(dep)
    assert st["state_fresh"] is True and st["state"] == truth, (truth, st)
    if truth == "promoted":
        assert st["route_deploy"] == "unavailable" and st["route_previous"] == "available", st
        with dep.connect() as c:
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == NEW_ROWS
    else:
        assert st["route_deploy"] == "available" and st["route_previous"] == "unavailable", st
        with dep.connect() as c:
            assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
        # and the lifecycle carries on from there
        dep.ctl("deploy", "promote", check=0)
        assert dep.status()["state"] == "promoted"
    dep.ctl("deploy", "cleanup", check=0)
    assert dep.leftover_deploy_names() == []


# The exact swap SQL the lifecycle's unit tests expect for this deployment
# (tests/unit/test_deploy_plan.c: swap SQL with the marker pair; promote_sql_postgres).
DRY_RUN_SQL = {
    "materialize": 'BEGIN; ALTER SCHEMA "analytics" SWAP WITH "analytics_dbt_deploy"; '
                   'ALTER CLUSTER "compute" SWAP WITH "compute_dbt_deploy"; '
                   'ALTER SCHEMA "cutover_marker" SWAP WITH "cutover_marker_dbt_deploy"; COMMIT;',
    "postgres": 'BEGIN; ALTER SCHEMA "analytics" RENAME TO "analytics_cutover_tmp"; '
                'ALTER SCHEMA "analytics_dbt_deploy" RENAME TO "analytics"; '
                'ALTER SCHEMA "analytics_cutover_tmp" RENAME TO "analytics_dbt_deploy"; '
                'ALTER SCHEMA "cutover_marker" RENAME TO "cutover_marker_cutover_tmp"; '
                'ALTER SCHEMA "cutover_marker_dbt_deploy" RENAME TO "cutover_marker"; '
                'ALTER SCHEMA "cutover_marker_cutover_tmp" RENAME TO "cutover_marker_dbt_deploy"; '
                'COMMIT;',
}


@needs_ctl
def test_promote_dry_run_prints_the_sql_and_changes_nothing(fresh):
    dep = fresh
    dep.init_and_build()
    ids0 = dep.deployment_ids()
    st0 = dep.status()
    swaps0 = dep.emu_status()["swaps"] if dep.mz else None
    r = dep.ctl("deploy", "promote", "--dry-run", check=0)
    body = [ln for ln in r.stdout.splitlines() if not ln.startswith("# ")]
    assert DRY_RUN_SQL[dep.backend] in body, r.stdout
    assert body[0].startswith("-- deploy promote (dry run)"), body
    routing = [ln for ln in body if ln.startswith("-- routing:")]
    assert len(routing) == 1 and "deploy route -> unavailable" in routing[0], body
    if dep.mz:
        assert any(ln.startswith("COMMENT ON SCHEMA \"analytics\" IS 'Deployment by ")
                   for ln in body), body
        assert "analytics=%s" % ids0[("schema", "analytics_dbt_deploy")] in routing[0]
    js = dep.ctl_json("deploy", "promote", "--dry-run")
    assert DRY_RUN_SQL[dep.backend] in js["summary"].splitlines(), js
    # nothing changed
    assert dep.deployment_ids() == ids0
    st = dep.status()
    assert st["state"] == "deploying" and st["generation"] == st0["generation"], st
    if dep.mz:
        assert dep.emu_status()["swaps"] == swaps0
    with dep.connect() as c:
        assert sorted(c.execute("SELECT env, v FROM analytics.report").fetchall()) == OLD_ROWS
    dep.ctl("deploy", "cleanup", check=0)


# dbt-materialize's deploy_promote, as `dbt run-operation deploy_promote` sends it.
DBT_PROMOTE_SQL = ('BEGIN; ALTER SCHEMA "analytics" SWAP WITH "analytics_dbt_deploy"; '
                   'ALTER CLUSTER "compute" SWAP WITH "compute_dbt_deploy"; COMMIT;')


@needs_ctl
def test_swap_through_the_proxy_is_recognized(fresh):
    dep = fresh
    if not dep.mz:
        pytest.skip("dbt's deploy_promote (ALTER ... SWAP WITH) is Materialize SQL")
    dep.init_and_build()
    st0 = dep.status()
    before = dep.deployment_ids()
    w = Workload(dep, {"production": 3})
    w.start()
    try:
        time.sleep(0.5)
        t_swap0 = time.monotonic()
        with pgraw.Conn(dep.s.proxy_port) as dbt:
            assert pgraw.first_error(dbt.startup(dep.s["MZ_USER"], dep.s["MZ_DB"])) is None
            msgs = dbt.simple_query(DBT_PROMOTE_SQL)
            assert pgraw.first_error(msgs) is None, msgs
        t_swap1 = time.monotonic()
        deadline = time.monotonic() + 15
        while True:
            st = dep.status()
            if st["state"] == "promoted" or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        time.sleep(0.5)
    finally:
        w.stop()
    assert assert_consistent(dep, before) == "promoted"
    assert st["state"] == "promoted", st
    assert st["generation"] > st0["generation"], st
    assert st["route_deploy"] == "unavailable" and st["route_previous"] == "available", st
    assert_one_environment_per_tx(w)
    assert not w.errors, w.errors
    prod = w.of("production")
    assert all(x["tags"] == {GREEN} for x in prod if x["t0"] > t_swap1)
    assert all(x["tags"] == {BLUE} for x in prod if x["t1"] < t_swap0)
    dep.ctl("deploy", "cleanup", check=0)
    assert dep.leftover_deploy_names() == []


def test_admin_socket_refuses_a_peer_that_is_not_allowed():
    # Covered by test_admin.py::test_a_peer_that_is_not_allowed_is_refused (SO_PEERCRED, a
    # socket_mode 0666 socket, a connection as uid 65534 refused with exit status 1).
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "test_admin.py")) as f:
        assert "def test_a_peer_that_is_not_allowed_is_refused(" in f.read()
    pytest.skip("covered by test_admin.py::test_a_peer_that_is_not_allowed_is_refused")


@needs_ctl
def test_await_reports_progress_and_names_the_laggards(fresh):
    dep = fresh
    if not dep.mz:
        pytest.skip("hydration and lag are Materialize's")
    dep.ctl("deploy", "init", check=0)
    dep.emu("stall_hydration compute_dbt_deploy on")
    try:
        dep.build()
        r = dep.ctl("deploy", "await", "--poll-interval", "200ms", "--timeout", "1500ms", check=1)
        assert "await timed out" in r.stderr, r.stderr
        assert "report" in r.stderr, r.stderr  # the laggard is named
        assert re.search(r"# await: compute_dbt_deploy hydrating 0/\d+", r.stdout), r.stdout
        # promote --wait does not swap what is not ready
        ids = dep.deployment_ids()
        r = dep.ctl("deploy", "promote", "--wait", "--poll-interval", "200ms", "--timeout",
                    "1s", check=1)
        assert dep.deployment_ids() == ids and dep.status()["state"] == "deploying"
    finally:
        dep.emu("stall_hydration compute_dbt_deploy off")
    r = dep.ctl("deploy", "promote", "--wait", "--poll-interval", "200ms", "--timeout", "30s",
                check=0)
    assert re.search(r"# await: compute_dbt_deploy ready (\d+)/\1", r.stdout), r.stdout
    assert dep.status()["state"] == "promoted"
    assert dep.read_direct() == NEW_ROWS
    dep.ctl("deploy", "cleanup", check=0)


# --- a reload keeps the routes the lifecycle chose ------------------------------------------
# The routing table is built from the config AND the deployment state. A reload re-reads the
# config only: it must build the same routes again (deploy open only while deploying, previous
# only after a promote), in one new generation, also while a lifecycle step runs.


def routes_and_generation(dep):
    """`show routes` without the generation column, and the generation."""
    rows = dep.ctl_json("show", "routes")["routes"]
    return [{k: v for k, v in r.items() if k != "generation"} for r in rows], rows[0]["generation"]


def sighup_and_wait(dep):
    """SIGHUP, then waits until cutoverd logged the reload."""
    log = dep.s["CUTOVERD_LOG"]
    with open(log, errors="replace") as f:
        before = f.read().count("SIGHUP: reloaded")
    os.kill(dep.s.pid, signal.SIGHUP)
    deadline = time.monotonic() + 15
    while True:
        with open(log, errors="replace") as f:
            if f.read().count("SIGHUP: reloaded") > before:
                return
        assert time.monotonic() < deadline, "no reload logged after SIGHUP\n" + dep.s.log_tail()
        time.sleep(0.05)


RELOADS = [("sighup", sighup_and_wait), ("admin reload", lambda d: d.ctl("reload", check=0))]


def route_refused(dep, route):
    """True when a new session on `route` gets ZC001 at startup."""
    err = pgraw.first_error(dep.raw_startup(route))
    return err is not None and err.get("C") == "ZC001"


def assert_reloads_keep_routes(dep, deploy_open, previous_open):
    for how, reload in RELOADS:
        before, gen = routes_and_generation(dep)
        assert [r["available"] for r in before] == [True, deploy_open, previous_open], before
        reload(dep)
        # Checked at once: no later fix-up may be needed to close a route again.
        assert route_refused(dep, "deploy") != deploy_open, how
        assert route_refused(dep, "previous") != previous_open, how
        after, gen_after = routes_and_generation(dep)
        assert after == before, (how, before, after)
        # One table per reload, not one built from the config alone and then a second that
        # closes again what the first reopened.
        assert gen_after == gen + 1, (how, gen, gen_after)


@needs_ctl
def test_reload_keeps_the_routes_of_every_state(fresh):
    dep = fresh
    assert_reloads_keep_routes(dep, deploy_open=False, previous_open=False)  # no deployment
    dep.init_and_build()
    assert_reloads_keep_routes(dep, deploy_open=True, previous_open=False)  # deploying
    dep.ctl("deploy", "promote", check=0)
    assert_reloads_keep_routes(dep, deploy_open=False, previous_open=True)  # promoted
    dep.ctl("deploy", "cleanup", check=0)
    assert_reloads_keep_routes(dep, deploy_open=False, previous_open=False)


@needs_ctl
def test_reload_while_a_step_runs_does_not_reopen_the_deploy_route(fresh):
    """A reload while `deploy cleanup` runs (after a promote: deploy closed, previous open)
    must not reopen the deploy route: nothing re-applies the state while a step runs."""
    dep = fresh
    dep.init_and_build()
    dep.ctl("deploy", "promote", check=0)
    blocker = dep.direct()
    cleanup = None
    try:
        if dep.mz:
            dep.emu("slow_ms 2000")  # every statement of the cleanup answers 2 s late
        else:
            # The old environment's table stays locked: the cleanup's DROP waits for it.
            blocker.autocommit = False
            blocker.execute("LOCK TABLE analytics_dbt_deploy.facts IN ACCESS SHARE MODE")
        cleanup = subprocess.Popen(dep.ctl_argv("deploy", "cleanup"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            running = dep.status()["lifecycle_running"]
            if running and not dep.mz:
                with dep.direct() as c:  # the DROP is waiting for the lock
                    running = c.execute("SELECT count(*) FROM pg_locks WHERE NOT granted"
                                        ).fetchone()[0] > 0
            if running:
                break
            assert cleanup.poll() is None and time.monotonic() < deadline, cleanup.communicate()
            time.sleep(0.05)
        assert_reloads_keep_routes(dep, deploy_open=False, previous_open=True)
        st = dep.status()  # the checks above ran inside the step
        assert st["lifecycle_running"] and st["state"] == "promoted", st
    finally:
        if dep.mz:
            dep.emu("slow_ms 0")
        if not blocker.autocommit:
            blocker.rollback()  # the lock goes: the cleanup's DROP runs
        blocker.close()
        if cleanup is not None:
            out, err = cleanup.communicate(timeout=120)
    assert cleanup.returncode == 0, (out, err)
    st = dep.status()
    assert st["state"] == "none", st
    assert route_refused(dep, "deploy") and route_refused(dep, "previous")
    assert dep.leftover_deploy_names() == []


@needs_ctl
def test_marker_lookup_ignores_an_item_comment_with_the_same_id(fresh):
    """Schema, cluster and item ids share the u<n> form: a table whose id equals the marker
    schema's, with a comment (dbt's persist_docs writes them), must not be read as the marker's
    cutover record (mz_comments filtered on object_type)."""
    dep = fresh
    if not dep.mz:
        pytest.skip("mz_comments and shared u<n> ids are Materialize's")

    def num(i):
        return int(i[1:])

    # Schemas and items count separately. The marker schemas init creates must get ids that
    # items have not used yet (else no table can share them): move the schemas' count ahead.
    probes = []
    with dep.direct() as c:
        c.execute("CREATE TABLE analytics.id_probe (x int)")
        item = num(c.execute("SELECT id FROM mz_objects WHERE name = 'id_probe'").fetchone()[0])
        while True:
            probes.append("id_probe_%d" % len(probes))
            c.execute("CREATE SCHEMA %s" % probes[-1])
            sch = num(c.execute("SELECT id FROM mz_schemas WHERE name = %s",
                                [probes[-1]]).fetchone()[0])
            if sch > item + 20:
                break
            assert len(probes) < 400, (item, sch)
    dep.init_and_build()
    dep.ctl("deploy", "promote", check=0)
    assert dep.status()["state"] == "promoted"
    with dep.direct() as c:
        markers = c.execute("SELECT s.id, s.name, c.comment FROM mz_schemas s "
                            "JOIN mz_internal.mz_comments c ON c.id = s.id "
                            "AND c.object_type = 'schema' "
                            "WHERE s.name LIKE 'cutover\\_marker%' ORDER BY 2").fetchall()
        assert len(markers) == 2, markers
        for sid, name, comment in markers:
            # a user table with the marker schema's id, created until one has it
            tables = 0
            while not c.execute("SELECT 1 FROM mz_objects WHERE id = %s", [sid]).fetchall():
                c.execute("CREATE TABLE analytics.id_filler_%d (x int)" % tables)
                tables += 1
                assert tables < 200, "no item id reached %s" % sid
            item = c.execute("SELECT o.name, s.name, o.type FROM mz_objects o "
                             "JOIN mz_schemas s ON s.id = o.schema_id WHERE o.id = %s",
                             [sid]).fetchone()
            kind = {"table": "TABLE", "view": "VIEW", "materialized-view": "MATERIALIZED VIEW",
                    "index": "INDEX", "source": "SOURCE", "sink": "SINK"}[item[2]]
            c.execute("COMMENT ON %s \"%s\".\"%s\" IS 'the facts, one row per event'"
                      % (kind, item[1], item[0]))
            # the marker's own comment written again, after the item's (as a later promote
            # or rollback rewrites it): both comments with the same id now exist
            c.execute("COMMENT ON SCHEMA \"%s\" IS '%s'" % (name, comment.replace("'", "''")))
            both = c.execute("SELECT object_type FROM mz_internal.mz_comments WHERE id = %s "
                             "AND object_sub_id IS NULL ORDER BY 1", [sid]).fetchall()
            assert [t for (t,) in both] == sorted(["schema", item[2]]), both
    st = dep.status()
    assert st["state"] == "promoted", st
    dep.ctl("deploy", "rollback", check=0)
    assert dep.status()["state"] == "deploying"
    dep.ctl("deploy", "cleanup", check=0)
    assert dep.leftover_deploy_names() == []
    with dep.direct() as c:
        for name in probes:
            c.execute("DROP SCHEMA %s CASCADE" % name)
