"""Issue 14, item 10: the backend's host name is looked up without blocking the event loop
(libevent's evdns, which reads /etc/hosts and /etc/resolv.conf itself), at start and in the
background, and a name that does not resolve is an error for the client, not for the daemon."""

import os
import random
import signal
import socket
import struct
import subprocess
import threading
import time
import urllib.request

import psycopg
import pytest

import pgraw
from itutil import cutoverd_binary, free_port, time_limit_fixture

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


class HeldDns:
    """A name server on 127.x.y.z:53 (port 53: glibc's resolver, which libpq uses, takes no
    other) that holds every question about `slow.test` until release(), then answers A
    127.0.0.1 (no AAAA); other names: NXDOMAIN."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _ in range(20):
            self.addr = "127.%d.%d.%d" % tuple(random.randint(1, 254) for _ in range(3))
            try:
                self.sock.bind((self.addr, 53))
                break
            except OSError:
                continue
        else:
            pytest.skip("no free 127.x.y.z:53 for a name server")
        self.sock.settimeout(0.2)
        self.lock = threading.Lock()
        self.held = []
        self.released = False
        self.asked = threading.Event()  # a slow.test question arrived
        self.stopping = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _answer(self, query, peer):
        qid, = struct.unpack("!H", query[:2])
        end = 12
        while query[end] != 0:
            end += 1 + query[end]
        qtype, = struct.unpack("!H", query[end + 1:end + 3])
        question = query[12:end + 5]
        name = query[12:end].lower()
        if name != b"\x04slow\x04test":
            self.sock.sendto(struct.pack("!6H", qid, 0x8183, 1, 0, 0, 0) + question, peer)
            return
        answers = b""
        if qtype == 1:
            answers = struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + socket.inet_aton("127.0.0.1")
        self.sock.sendto(struct.pack("!6H", qid, 0x8180, 1, 1 if answers else 0, 0, 0) +
                         question + answers, peer)

    def _serve(self):
        while not self.stopping:
            try:
                query, peer = self.sock.recvfrom(4096)
            except OSError:
                continue
            with self.lock:
                if b"\x04slow\x04test" in query.lower() and not self.released:
                    self.held.append((query, peer))
                    self.asked.set()
                    continue
            self._answer(query, peer)

    def release(self):
        with self.lock:
            self.released = True
            held, self.held = self.held, []
        for q, peer in held:
            self._answer(q, peer)

    def close(self):
        self.release()
        self.stopping = True
        self.thread.join(5)
        self.sock.close()


# A mount namespace of cutoverd's own, with `resolv` over /etc/resolv.conf (nothing else sees it).
MOUNT_RESOLV = 'mount --bind "$0" /etc/resolv.conf && exec "$@"'


def _can_remount_resolv_conf(resolv):
    if os.geteuid() != 0:
        return False
    try:
        r = subprocess.run(["unshare", "-m", "sh", "-c", MOUNT_RESOLV, str(resolv), "true"],
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


def test_slow_lookup_of_the_fleet_dsn_host_does_not_hold_the_loop(stack, tmp_path):
    """While the name server holds the answer for [admin] dsn's host, the daemon serves: the
    fleet's connection (and the state derivation) wait for evdns, not inside libpq's
    getaddrinfo. cutoverd runs in a mount namespace of its own with a resolv.conf naming a
    test name server (root only: skipped elsewhere); both evdns and glibc read it, so the old
    code, where libpq looked the name up, blocks here."""
    resolv = tmp_path / "resolv.conf"
    resolv.write_text("nameserver 127.0.0.1\n")
    if not _can_remount_resolv_conf(resolv):
        pytest.skip("needs root and unshare -m to give cutoverd a resolv.conf of its own")
    schema = "cutover_fleet_resolve"
    dns = HeldDns()
    resolv.write_text("nameserver %s\n" % dns.addr)
    port, http = free_port(), free_port()
    ini = tmp_path / "slow.ini"
    ini.write_text(
        "[proxy]\nlisten = 127.0.0.1:%d\n[backend]\naddress = 127.0.0.1:%d\ndialect = postgres\n"
        "[deployment]\nschemas = analytics\n[admin]\nhttp_listen = 127.0.0.1:%d\n"
        "dsn = host=slow.test port=%d user=%s password=%s dbname=%s sslmode=disable\n"
        "[fleet]\nenabled = on\nmember = resolve-slow\nschema = %s\n"
        % (port, stack.pg_port, http, stack.pg_port, stack["PG_USER"], stack["PG_PASSWORD"],
           stack["PG_DB"], schema))
    logpath = tmp_path / "slow.log"
    with open(logpath, "wb") as logf:
        proc = subprocess.Popen(
            ["unshare", "-m", "sh", "-c", MOUNT_RESOLV, str(resolv), cutoverd_binary(), "-c",
             str(ini), "-a", str(tmp_path / "slow.sock")],
            stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT)
    try:
        assert dns.asked.wait(20), "cutoverd never asked for slow.test"
        # A session's startup is served by the loop (a statement would wait for the fleet's
        # first read: the fence holds it while the view is stale). The HTTP listener opens
        # after the fleet started connecting: asked until it answers.
        with psycopg.connect("host=127.0.0.1 port=%d user=u_trust dbname=%s connect_timeout=5"
                             % (port, stack["PG_DB"])) as c:
            assert c.info.backend_pid > 0
        deadline = time.monotonic() + 5
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % http,
                                            timeout=5) as r:
                    assert r.status == 200
                break
            except OSError:
                assert time.monotonic() < deadline, "no /healthz while the lookup waits"
                time.sleep(0.05)
        with dns.lock:
            assert dns.held and not dns.released, "served while the answer was held"
        dns.release()
        wait_log(logpath, "fleet: view fresh again")
        assert proc.poll() is None
    finally:
        dns.close()
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        with stack.connect(direct=True) as c:
            c.execute("DROP SCHEMA IF EXISTS %s CASCADE" % schema)
    log = logpath.read_text(errors="replace")
    for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
        assert marker not in log, log[-5000:]
