"""Issue 14, item 10: the backend's host name is looked up without blocking the event loop
(libevent's evdns, which reads /etc/hosts and /etc/resolv.conf itself), at start and in the
background, and a name that does not resolve is an error for the client, not for the daemon."""

import socket
import threading
import time
import urllib.request

import psycopg

import pgraw
from itutil import free_port, time_limit_fixture

_bounded = time_limit_fixture(60)


def test_localhost_backend_through_evdns(stack, cutoverd_process):
    """`localhost` as the backend host (an /etc/hosts name): sessions work, also many at once
    before the first answer was cached."""
    proc, port = cutoverd_process("[proxy]\nlisten = {listen}\n[backend]\naddress = localhost:%d"
                                  "\ndialect = postgres\n" % stack.pg_port)
    results = []

    def one():
        with psycopg.connect("host=127.0.0.1 port=%d user=u_trust dbname=%s connect_timeout=10"
                             % (port, stack["PG_DB"])) as c:
            results.append(c.execute("SELECT inet_server_addr()::text").fetchone()[0])

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert results == ["127.0.0.1/32"] * 8 or results == ["127.0.0.1"] * 8, results
    assert proc.poll() is None


def test_unresolvable_backend_host_is_a_clean_error(cutoverd_process):
    """A backend host that does not resolve: cutoverd starts and stays responsive (its HTTP
    endpoint answers while lookups fail), each client gets FATAL 08006 naming the lookup, and
    a CancelRequest is closed without an answer."""
    http = free_port()
    proc, port = cutoverd_process("[proxy]\nlisten = {listen}\n[backend]\naddress = "
                                  "does-not-exist.invalid:5432\ndialect = postgres\n"
                                  "[admin]\nhttp_listen = 127.0.0.1:%d\n" % http)
    errors = []

    def client():
        with pgraw.Conn(port, timeout=20) as c:
            errors.append(pgraw.first_error(c.startup("anyone", "anydb")))

    threads = [threading.Thread(target=client) for _ in range(5)]
    for t in threads:
        t.start()
    t0 = time.monotonic()
    with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % http, timeout=5) as r:
        assert r.status == 200
    assert time.monotonic() - t0 < 2
    for t in threads:
        t.join(30)
    assert len(errors) == 5, errors
    for e in errors:
        assert e is not None and e["C"] == "08006", e
        assert 'could not resolve host "does-not-exist.invalid"' in e["M"], e
    with socket.create_connection(("127.0.0.1", port), timeout=10) as so:
        so.sendall(b"\x00\x00\x00\x10\x04\xd2\x16\x2e" + b"\x00" * 8)
        so.settimeout(10)
        assert so.recv(1) == b""
    assert proc.poll() is None


def wait_log(path, text, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        with open(path, errors="replace") as f:
            log = f.read()
        if text in log:
            return log
        assert time.monotonic() < deadline, "no %r in the log:\n%s" % (text, log[-3000:])
        time.sleep(0.1)


def test_admin_dsn_host_looked_up_without_libpq(stack, cutoverd_process, tmp_path):
    """[admin] dsn with a host name: cutoverd looks it up with evdns and hands libpq the
    address (hostaddr), for `localhost` (the state is derived at start) and for a name that does
    not resolve (cutoverd's own message, not libpq's "could not translate host name")."""
    base = ("[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\ndialect = postgres\n"
            "[deployment]\nschemas = analytics\n[admin]\ndsn = host=%%s port=%d user=%s "
            "password=%s dbname=%s sslmode=disable\n"
            % (stack.pg_port, stack.pg_port, stack["PG_USER"], stack["PG_PASSWORD"],
               stack["PG_DB"]))
    cutoverd_process(base % "localhost")
    wait_log(tmp_path / "cutoverd-0.log", "deployment state from the server: ")
    cutoverd_process(base % "does-not-exist.invalid")
    log = wait_log(tmp_path / "cutoverd-1.log", "could not derive the deployment state")
    assert 'could not resolve host "does-not-exist.invalid"' in log, log


def test_fleet_dsn_host_looked_up_without_libpq(stack, cutoverd_process, tmp_path):
    """The fleet's control and watch connections to [admin] dsn with a host name: looked up
    with evdns and handed to libpq as hostaddr, like the deploy runner's. `localhost`: the
    member registers (its row, with application_name naming it on both connections); a name
    that does not resolve: cutoverd's own message, not libpq's "could not translate host
    name", and the daemon keeps serving."""
    schema = "cutover_fleet_resolve"
    base = ("[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\ndialect = postgres\n"
            "[deployment]\nschemas = analytics\n[admin]\ndsn = host=%%s port=%d user=%s "
            "password=%s dbname=%s sslmode=disable\n[fleet]\nenabled = on\nmember = %%s\n"
            "schema = %s\n"
            % (stack.pg_port, stack.pg_port, stack["PG_USER"], stack["PG_PASSWORD"],
               stack["PG_DB"], schema))
    try:
        cutoverd_process(base % ("localhost", "resolve-m1"))
        wait_log(tmp_path / "cutoverd-0.log", "fleet: view fresh again")
        with stack.connect(direct=True) as c:
            assert c.execute("SELECT member FROM %s.members" % schema).fetchall() == \
                [("resolve-m1",)]
            deadline = time.monotonic() + 10
            while True:
                apps = sorted(r[0] for r in c.execute(
                    "SELECT application_name FROM pg_stat_activity "
                    "WHERE application_name LIKE 'cutover fleet %% resolve-m1'"))
                if apps == ["cutover fleet control resolve-m1", "cutover fleet watch resolve-m1"]:
                    break
                assert time.monotonic() < deadline, apps
                time.sleep(0.1)
        proc, port = cutoverd_process(base % ("does-not-exist.invalid", "resolve-m2"))
        log = wait_log(tmp_path / "cutoverd-1.log", "fleet: control connection: cannot connect")
        assert 'could not resolve host "does-not-exist.invalid"' in \
            log[log.index("fleet: control connection"):], log
        with psycopg.connect("host=127.0.0.1 port=%d user=u_trust dbname=%s connect_timeout=10"
                             % (port, stack["PG_DB"])) as c:
            assert c.execute("SELECT 1").fetchone() == (1,)
        assert proc.poll() is None
    finally:
        with stack.connect(direct=True) as c:
            c.execute("DROP SCHEMA IF EXISTS %s CASCADE" % schema)
