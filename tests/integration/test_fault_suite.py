"""The fault suite (issue 14), after PgBouncer's own: what happens to cutoverd and to the clients
that are not at fault when the database restarts or freezes, when clients flood it with
connections or bytes, when TLS peers vanish, and when a cancel cannot reach the server.

Every test is bounded (SIGALRM) and stops what it started. In each one cutoverd must stay up and
keep serving a well-behaved client.
"""

import os
import signal
import socket
import ssl
import struct
import subprocess
import threading
import time

import psycopg
import pytest

import pgraw
from itutil import STACK, rss_kb, time_limit_fixture
from test_faults import sanitized

LIMIT_S = 120


_bounded = time_limit_fixture(LIMIT_S)


def still_serving(s):
    assert s.alive(), s.log_tail()
    with s.connect(user="u_trust") as c:
        assert c.execute("SELECT 1").fetchone() == (1,)


def backend_pid_of(conn):
    return conn.execute("SELECT pg_backend_pid()").fetchone()[0]


# ------------------------------------------------------------------ the database goes away

def test_postgres_restart_with_idle_and_active_sessions(make_stack):
    """PostgreSQL stopped (fast) and started again under cutoverd: the active session gets the
    server's own FATAL, the idle one an error at its next statement (no hang), and new sessions
    work as soon as PostgreSQL is back, through the same cutoverd."""
    s = make_stack()
    idle = s.connect(user="u_trust")
    active = s.connect(user="u_trust")
    result = {}

    def run():
        try:
            active.execute("SELECT pg_sleep(60)")
            result["ok"] = True
        except psycopg.Error as e:
            result["error"] = e

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.5)
    try:
        r = subprocess.run([STACK, "restart-postgres", s.dir], capture_output=True, text=True,
                           timeout=90)
        assert r.returncode == 0, r.stderr
        t.join(20)
        assert not t.is_alive(), "the active session hangs after the restart"
        err = result.get("error")
        assert err is not None, result
        assert "terminating connection due to administrator command" in str(err) or \
            "server closed the connection" in str(err), err
        with pytest.raises(psycopg.OperationalError):
            idle.execute("SELECT 1")
        still_serving(s)
    finally:
        idle.close()
        active.close()


def test_backend_frozen_mid_query(make_stack):
    """A session's server process frozen (SIGSTOP) mid-query: with query_timeout, cutoverd first
    sends a cancel (which a frozen process cannot act on), then ends the session; other sessions
    are not affected meanwhile."""
    s = make_stack(config="[proxy]\nquery_timeout = 1s\n")
    victim = s.connect(user="u_trust")
    other = s.connect(user="u_trust")
    pid = backend_pid_of(victim)
    result = {}

    def run():
        t0 = time.monotonic()
        try:
            victim.execute("SELECT pg_sleep(30)")
        except psycopg.Error as e:
            result["error"] = e
        result["took"] = time.monotonic() - t0

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.3)
    os.kill(pid, signal.SIGSTOP)
    try:
        for _ in range(5):  # another session is served while the victim's process is frozen
            assert other.execute("SELECT 2").fetchone() == (2,)
        t.join(20)
        assert not t.is_alive(), "the frozen session was never ended"
        assert "error" in result and result["took"] < 15, result
        log = s.log_tail(100)
        assert "cancel sent" in log and "after its cancel" in log, log
    finally:
        os.kill(pid, signal.SIGCONT)
        victim.close()
        other.close()
    still_serving(s)


# ------------------------------------------------------------------ hostile clients

def test_flood_of_connections_that_never_finish_startup(make_stack):
    """200 connections that send nothing: a real client is still served at once, and the flood
    is closed by startup_timeout."""
    s = make_stack(config="[proxy]\nstartup_timeout = 2s\nmax_client_conn = 1000\n")
    flood = []
    try:
        for _ in range(200):
            flood.append(socket.create_connection(("127.0.0.1", s.proxy_port), timeout=10))
        t0 = time.monotonic()
        still_serving(s)
        assert time.monotonic() - t0 < 5
        time.sleep(3)
        closed = 0
        for so in flood:
            so.settimeout(10)
            try:
                closed += so.recv(65536) == b"" or 1
            except (ConnectionResetError, socket.timeout):
                closed += 1
        assert closed == len(flood)
    finally:
        for so in flood:
            so.close()
    still_serving(s)


def test_client_flooding_without_reading(make_stack):
    """A client pipelines queries without reading a byte of the answers: cutoverd stops reading
    from it once its buffers are full (buffer_limit), so its memory stays bounded, and the other
    clients are served meanwhile."""
    s = make_stack()
    pid = s.pid
    base = rss_kb(pid)
    c = pgraw.Conn(s.proxy_port, timeout=10)
    msgs = c.startup("u_trust", s["PG_DB"])
    assert msgs[-1][0] == b"Z"
    q = pgraw.query("SELECT repeat('x', 10000)")
    sent = 0
    stop = threading.Event()

    def flood():
        nonlocal sent
        c.sock.settimeout(0.5)
        chunk = q * 100
        while not stop.is_set() and sent < 200 * 1024 * 1024:
            try:
                sent += c.sock.send(chunk)
            except socket.timeout:
                continue  # the proxy stopped reading from us: backpressure
            except OSError:
                break

    t = threading.Thread(target=flood)
    t.start()
    try:
        time.sleep(3)
        for _ in range(20):
            still_serving(s)
        grown = rss_kb(pid) - base
        # Without backpressure the answers (10 kB per query) would pile up in cutoverd. (Under
        # ASan, RSS follows its allocator's quarantine, not what is buffered.)
        if not sanitized(pid):
            assert grown < 100 * 1024, "cutoverd grew by %d kB under a flooding client" % grown
    finally:
        stop.set()
        t.join(10)
        c.close()
    still_serving(s)


def test_startup_packet_near_the_limit(make_stack):
    """A startup packet just under PostgreSQL's 10,000-byte limit is relayed and answered as
    PostgreSQL answers it directly."""
    s = make_stack()
    filler = "x" * (10000 - 200)
    params = {"user": "u_trust", "database": s["PG_DB"], "application_name": filler[:63],
              "options": "-c search_path=" + filler[: 9500]}
    packet = pgraw.startup_packet(params)
    assert 9000 < len(packet) < 10000, len(packet)
    outcomes = []
    for port in (s.pg_port, s.proxy_port):
        with pgraw.Conn(port, timeout=15) as c:
            c.send(packet)
            msgs, _ = c.read_until_closed(limit=5)
        err = pgraw.first_error(msgs)
        outcomes.append(("Z" if any(m[0] == b"Z" for m in msgs) else None,
                         err and err.get("C")))
    assert outcomes[0] == outcomes[1], outcomes
    still_serving(s)


def test_password_message_larger_than_buffer_limit(make_stack):
    """A password message far larger than buffer_limit (and than any password): refused without
    buffering it whole, the daemon stays small and serves others."""
    s = make_stack(config="[proxy]\nbuffer_limit = 64kB\nmax_message_size = 1MB\n")
    pid = s.pid
    base = rss_kb(pid)
    with pgraw.Conn(s.proxy_port, timeout=15) as c:
        c.send(pgraw.startup_packet({"user": "u_password", "database": s["PG_DB"]}))
        kind, payload = c.read_message()
        assert kind == b"R" and struct.unpack("!I", payload[:4])[0] == 3
        body = b"p" * (8 * 1024 * 1024) + b"\0"
        try:
            c.send(pgraw.message(b"p", body))
        except OSError:
            pass  # closed while we were still sending: refused
        msgs, closed = c.read_until_closed(limit=10)
    err = pgraw.first_error(msgs)
    assert closed
    assert err is None or err["C"] in ("08P01", "28P01", "54000"), err
    if not sanitized(pid):
        assert rss_kb(pid) - base < 32 * 1024
    still_serving(s)


# ------------------------------------------------------------------ TLS peers that vanish

def test_abrupt_tls_close_mid_query(make_stack):
    """A TLS client that resets its TCP connection mid-query (no close_notify): cutoverd ends
    the session and cancels its orphaned statement on the server (which would otherwise run it
    to its end, noticing the closed socket only when it writes), and serves others."""
    s = make_stack()
    c = pgraw.Conn(s.proxy_port, timeout=10)
    assert c.starttls() == b"S"
    msgs = c.startup("u_trust", s["PG_DB"])
    assert msgs[-1][0] == b"Z"
    c.send(pgraw.query("SELECT pg_sleep(30)"))
    time.sleep(0.3)
    raw = c.sock
    if isinstance(raw, ssl.SSLSocket):
        raw = socket.socket(fileno=os.dup(raw.fileno()))
        c.sock.close()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    raw.close()  # RST
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with s.connect(user="u_trust", dbname=s["PG_DB"]) as probe:
            n = probe.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                              "'SELECT pg_sleep(30)%%'").fetchone()[0]
        if n == 0:
            break
        time.sleep(0.2)
    assert n == 0, "the server session of the vanished TLS client is still running"
    still_serving(s)


# ------------------------------------------------------------------ cancel

def test_cancel_against_an_unreachable_backend(cutoverd_process):
    """A CancelRequest while the server cannot be reached: no hang, no crash."""
    with socket.socket() as so:
        so.bind(("127.0.0.1", 0))
        dead = so.getsockname()[1]
    proc, port = cutoverd_process("[proxy]\nlisten = {listen}\n[backend]\naddress = "
                                  "127.0.0.1:%d\ndialect = postgres\nsslmode = disable\n"
                                  "connect_timeout = 1s\n" % dead)
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as so:
            so.sendall(struct.pack("!IIII", 16, 80877102, 12345, 67890))
            so.settimeout(10)
            assert so.recv(1) == b""  # closed without an answer, as PostgreSQL does
    with pgraw.Conn(port) as c:
        err = pgraw.first_error(c.startup("anyone", "anydb"))
    assert err is not None and err["C"] == "08006", err
    assert proc.poll() is None


# ------------------------------------------------------------------ TLS limits, downgrade, records

def tls_handshake(port, minimum, maximum, seclevel0=False, db="postgres"):
    """SSLRequest then a TLS handshake offering only versions minimum..maximum: -> the version
    agreed, or the SSLError's text. After a handshake, a startup packet and its first answer
    (so that cutoverd has finished its side of the handshake before we close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(pgraw.ssl_request())
        assert raw.recv(1) == b"S"
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        if seclevel0:  # OpenSSL 3 refuses TLS 1.0/1.1 at its default security level
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = minimum
        ctx.maximum_version = maximum
        try:
            with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as t:
                t.sendall(pgraw.startup_packet({"user": "u_trust", "database": db}))
                assert t.recv(1) in (b"R", b"E")
                return t.version()
        except (ssl.SSLError, ConnectionResetError) as e:
            return "refused: %s" % e


def test_tls_protocol_limits(stack):
    """cutoverd's client side takes TLS 1.2 and 1.3 and nothing older (a fixed minimum, as
    PostgreSQL's default ssl_min_protocol_version): a client offering only TLS 1.0/1.1 gets a
    protocol_version alert and a closed connection, the refusal is logged, and cutoverd keeps
    serving, TLS included."""
    start = os.path.getsize(stack["CUTOVERD_LOG"])
    for maximum in (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1):
        got = tls_handshake(stack.proxy_port, ssl.TLSVersion.TLSv1, maximum, seclevel0=True)
        assert got.startswith("refused") and "PROTOCOL" in got.upper(), got
    assert tls_handshake(stack.proxy_port, ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_2,
                         db=stack["PG_DB"]) == "TLSv1.2"
    assert tls_handshake(stack.proxy_port, ssl.TLSVersion.TLSv1_3, ssl.TLSVersion.TLSv1_3,
                         db=stack["PG_DB"]) == "TLSv1.3"
    time.sleep(0.3)
    with open(stack["CUTOVERD_LOG"], errors="replace") as f:
        f.seek(start)
        log = f.read()
    assert log.count("client TLS handshake failed") == 2, log  # not the two that succeeded
    assert "unsupported protocol" in log and "unknown TLS error" not in log, log
    with stack.connect(user="u_trust", sslmode="require") as c:
        assert c.pgconn.ssl_in_use and c.execute("SELECT 1").fetchone() == (1,)


def test_sslmode_prefer_downgrade_and_require(stack, cutoverd_process):
    """A cutoverd without [tls] answers 'N': a client with sslmode=prefer goes on in plaintext
    and works, one with require fails at once with libpq's own message. On the server side the
    same: cutoverd with [backend] sslmode=prefer in front of a server without TLS (a second
    cutoverd without [tls]) goes on in plaintext, with require the client gets a clean FATAL
    08006 and cutoverd keeps serving."""
    plain, plain_port = cutoverd_process(
        "[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\ndialect = postgres\n"
        "sslmode = require\n" % stack.pg_port)
    dsn = "host=127.0.0.1 port=%d user=u_trust dbname=%s connect_timeout=10 sslmode=%s"
    with psycopg.connect(dsn % (plain_port, stack["PG_DB"], "prefer")) as c:
        assert not c.pgconn.ssl_in_use
        assert c.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(psycopg.OperationalError) as ei:
        psycopg.connect(dsn % (plain_port, stack["PG_DB"], "require"))
    assert "server does not support SSL" in str(ei.value), ei.value
    for mode in ("prefer", "require"):
        front, front_port = cutoverd_process(
            "[proxy]\nlisten = {listen}\n[backend]\naddress = 127.0.0.1:%d\ndialect = postgres\n"
            "sslmode = %s\n" % (plain_port, mode))
        if mode == "prefer":
            with psycopg.connect(dsn % (front_port, stack["PG_DB"], "disable")) as c:
                assert c.execute("SELECT 2").fetchone() == (2,)
        else:
            with pgraw.Conn(front_port) as c:
                err = pgraw.first_error(c.startup("u_trust", stack["PG_DB"]))
            assert err is not None and err["S"] == "FATAL" and err["C"] == "08006", err
            assert "server does not support SSL" in err["M"], err
        assert front.poll() is None
    assert plain.poll() is None


def test_buffered_tls_records(stack):
    """Several messages in one TLS record (a pipelined extended-protocol batch and two Queries
    in one write), and one Query split over many records (a write per byte, each its own
    record), and a Query larger than a TLS record: every one answered."""
    c = pgraw.Conn(stack.proxy_port, timeout=10)
    try:
        assert c.starttls() == b"S"
        assert c.startup("u_trust", stack["PG_DB"])[-1][0] == b"Z"
        batch = (pgraw.message(b"P", b"\0SELECT $1::int + 1\0\0\0")
                 + pgraw.message(b"B", b"\0\0\0\0\0\1\0\0\0\x0241\0\0")
                 + pgraw.message(b"E", b"\0\0\0\0\0") + pgraw.message(b"S")
                 + pgraw.query("SELECT 'two'") + pgraw.query("SELECT 'three'"))
        assert len(batch) < 16384
        c.sock.sendall(batch)  # one write: one record
        rows = []
        for _ in range(3):
            rows += [p for k, p in c.read_until_ready() if k == b"D"]
        assert rows == [b"\0\1\0\0\0\x0242", b"\0\1\0\0\0\3two", b"\0\1\0\0\0\5three"], rows
        for b in pgraw.query("SELECT 'split'"):
            c.sock.send(bytes([b]))  # one record per byte
        assert [p for k, p in c.read_until_ready() if k == b"D"] == [b"\0\1\0\0\0\5split"]
        big = "x" * 40000
        c.sock.sendall(pgraw.query("SELECT length('%s')" % big))  # spans three records
        assert [p for k, p in c.read_until_ready() if k == b"D"] == [b"\0\1\0\0\0\x0540000"]
    finally:
        c.close()
    still_serving(stack)


# ------------------------------------------------------------------ repeated signals

def test_repeated_sigint_and_sigterm(stack, cutoverd_process):
    """What README.md says cutoverd does, as PgBouncer: SIGTERM drains (waits for an open
    transaction), SIGINT stops at once whatever is open, and a second signal during a drain
    stops at once. Each order ends the daemon promptly with exit code 0 (a signal during the
    teardown included) and the open session with FATAL 57P01 (SIGTERM twice is
    test_lifecycle.py's)."""
    cfg = ("[proxy]\nlisten = {listen}\nshutdown_timeout = 30s\n[backend]\naddress = "
           "127.0.0.1:%d\ndialect = postgres\nsslmode = disable\n" % stack.pg_port)
    dsn = "host=127.0.0.1 port=%d user=u_trust dbname=%s connect_timeout=10 sslmode=disable"
    for signals in ([signal.SIGINT], [signal.SIGTERM, signal.SIGINT],
                    [signal.SIGINT, signal.SIGTERM]):
        proc, port = cutoverd_process(cfg)
        conn = psycopg.connect(dsn % (port, stack["PG_DB"]), autocommit=True)
        conn.execute("BEGIN")  # would hold a drain for the whole shutdown_timeout
        for i, sig in enumerate(signals):
            proc.send_signal(sig)
            if sig == signal.SIGTERM and i == 0:
                time.sleep(0.5)
                assert proc.poll() is None, "SIGTERM did not wait for the open transaction"
        if signals[-1] == signal.SIGTERM:
            # An impatient supervisor: SIGTERM again and again until the process is gone, so
            # that one lands while it tears down (after the loop ended), where it must not
            # kill the process (exit status -15 instead of 0).
            deadline = time.monotonic() + 5
            while proc.poll() is None and time.monotonic() < deadline:
                proc.send_signal(signal.SIGTERM)
                time.sleep(0.001)
        try:
            assert proc.wait(5) == 0, signals
        except subprocess.TimeoutExpired:
            raise AssertionError("cutoverd still running 5 s after %s" % signals)
        with pytest.raises(psycopg.OperationalError) as ei:
            conn.execute("SELECT 1")
        assert "terminating connection due to administrator command" in str(ei.value) or \
            "server closed the connection" in str(ei.value), (signals, ei.value)
        conn.close()


# ------------------------------------------------------------------ frozen mid-promote

def test_backend_frozen_mid_promote(make_stack):
    """The PostgreSQL process serving cutoverd's admin connection frozen (SIGSTOP) just as the
    swap reaches it: the promote does not hang with the clients held. The swap's answer is
    awaited for the pause timeout, then a new connection asks the server (and terminates the
    frozen session, which cannot act on it while frozen) for the pause timeout again; the promote
    then says the outcome is unknown, production clients are released at once (none saw both
    environments), the deploy and previous routes stay closed. After SIGCONT the frozen session
    ends without committing, and the routing follows the server by itself."""
    from test_commit_in_doubt import CommitCutter, routes
    from test_lifecycle import (OLD_ROWS, PG_DEPLOY_CONFIG, Deployment, Workload,
                                assert_consistent, assert_one_environment_per_tx,
                                statement_in_thread)
    s = make_stack(config=PG_DEPLOY_CONFIG)
    cutter = CommitCutter(s.pg_port)
    frozen = []

    def freeze(server_sock):
        port = server_sock.getsockname()[1]
        with s.connect(direct=True) as c:
            pid = c.execute("SELECT pid FROM pg_stat_activity WHERE client_port = %s",
                            (port,)).fetchone()[0]
        os.kill(pid, signal.SIGSTOP)
        frozen.append(pid)

    cutter.on_swap = freeze
    try:
        ini = s["CUTOVER_CONFIG"]
        with open(ini) as f:
            text = f.read()
        text = text.replace("port=%d " % s.pg_port, "port=%d sslmode=disable " % cutter.port, 1)
        with open(ini, "w") as f:
            f.write(text)
        log_before = s.log_tail(100000).count("SIGHUP: reloaded")
        os.kill(s.pid, signal.SIGHUP)
        deadline = time.monotonic() + 15
        while s.log_tail(100000).count("SIGHUP: reloaded") == log_before:
            assert time.monotonic() < deadline, s.log_tail()
            time.sleep(0.05)
        dep = Deployment(s, "postgres")
        dep.reset()
        dep.init_and_build()
        before = dep.deployment_ids()
        held = dep.connect(application_name="frozen-held")
        w = Workload(dep, {"production": 2})
        w.start()
        try:
            cutter.arm("forward")
            p = subprocess.Popen(dep.ctl_argv("deploy", "promote", "--pause-timeout", "1s"),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 stdin=subprocess.DEVNULL)
            deadline = time.monotonic() + 20
            while not frozen:
                assert time.monotonic() < deadline and p.poll() is None, p.communicate()
                time.sleep(0.01)
            t, res = statement_in_thread(held, "SELECT env, v FROM analytics.report")
            t0 = time.monotonic()
            out, err = p.communicate(timeout=30)
            took = time.monotonic() - t0
            t.join(10)
            assert not t.is_alive(), "the held statement was never released"
            r_frozen = routes(dep)
        finally:
            for pid in frozen:
                os.kill(pid, signal.SIGCONT)
            w.stop()
            held.close()
        # bounded: the swap's answer (1 s) plus the asking (1 s), with slack for a loaded host
        assert p.returncode == 1 and "outcome unknown" in err, (out, err)
        assert "waiting for server session %d" % frozen[0] in out, out
        assert took < 6, took
        assert res.get("rows") == OLD_ROWS, res
        assert r_frozen == {"production": True, "deploy": False, "previous": False}, r_frozen
        assert_one_environment_per_tx(w)
        assert not w.errors, w.errors[:5]
        # After SIGCONT the frozen session acts on its termination: nothing was committed,
        # and the routes open as the server says, without anyone asking.
        deadline = time.monotonic() + 15
        while routes(dep) != {"production": True, "deploy": True, "previous": False}:
            assert time.monotonic() < deadline, (routes(dep), s.log_tail())
            time.sleep(0.2)
        assert assert_consistent(dep, before) == "deploying"
        assert dep.status()["state"] == "deploying"
        dep.ctl("deploy", "promote", check=0)
        assert dep.status()["state"] == "promoted"
        dep.ctl("deploy", "cleanup", check=0)
    finally:
        cutter.close()
    still_serving(s)
