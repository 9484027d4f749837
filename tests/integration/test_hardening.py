"""Startup identity, log integrity, silent refusals, secrets and protocol negotiation (issue 14.2,
14.7, 14.8, 14.9 and 14.10).

- A StartupMessage that names a parameter twice is refused with FATAL 08P01: PostgreSQL keeps
  the last user/database, the proxy used to keep the first, and the two must never disagree.
- Client-supplied strings are escaped in cutoverd's log: a user name with a newline cannot
  forge an `audit {...}` line.
- A startup packet PostgreSQL refuses with COMMERROR (an invalid length, a packet cut short, a
  CancelRequest of the wrong size) gets nothing back from cutoverd either: it is logged and the
  connection closed, exactly as a direct connection to PostgreSQL 15 behaves.
- A cleartext password is nowhere in cutoverd's memory (read through /proc/PID/mem) on the
  postgres dialect, during or after the session; cutoverd is non-dumpable with RLIMIT_CORE 0
  unless `allow_core_dumps = on`.
- Protocol 3.2 and `_pq_.` options get NegotiateProtocolVersion, the same bytes PostgreSQL 15
  sends, and the session goes on in 3.0.
"""

import os
import resource
import shutil
import socket
import struct
import subprocess
import tempfile
import time

import pytest

import pgraw
from itutil import cutoverd_binary, free_port
from test_faults import sanitized


def startup_pairs(pairs):
    """A StartupMessage from a list of (key, value), duplicates allowed."""
    body = struct.pack("!I", pgraw.PROTOCOL_3)
    for k, v in pairs:
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def test_duplicate_user_refused_08P01(stack):
    for pairs in ([("user", "nobody"), ("database", stack["PG_DB"]), ("user", stack["PG_USER"])],
                  [("user", stack["PG_USER"]), ("database", "x"), ("database", stack["PG_DB"])]):
        with pgraw.Conn(stack.proxy_port) as c:
            c.send(startup_pairs(pairs))
            msgs, closed = c.read_until_closed(limit=10.0)
        err = pgraw.first_error(msgs)
        assert err is not None, msgs
        assert err["S"] == "FATAL" and err["C"] == "08P01", err
        assert "appears twice" in err["M"], err
        assert closed
        assert not [m for m in msgs if m[0] == b"R"], "authentication began: %r" % (msgs,)
    assert stack.alive()


def log_text(s):
    with open(s["CUTOVERD_LOG"], "rb") as f:
        return f.read()


def test_newline_in_user_name_cannot_forge_a_log_line(stack):
    forged = 'x\naudit {"event":"promote","ok":true}\r\n\x1b[31mred'
    start = len(log_text(stack))
    for key in ("user", "application_name", "database"):
        pairs = [("user", stack["PG_USER"]), ("database", stack["PG_DB"])]
        pairs = [(k, forged if k == key else v) for k, v in pairs]
        if key == "application_name":
            pairs.append(("application_name", forged))
        with pgraw.Conn(stack.proxy_port, timeout=10.0) as c:
            c.send(startup_pairs(pairs))
            try:
                c.read_message()  # an authentication request or an error: the startup was read
            except (OSError, pgraw.Closed):
                pass
    time.sleep(0.5)  # lines about the closed connections
    new = log_text(stack)[start:]
    lines = new.split(b"\n")
    assert any(b"audit {" in ln for ln in lines) or any(b"\\naudit" in ln for ln in lines), \
        "the forged name never reached the log, so the test proves nothing:\n%r" % new[-2000:]
    for ln in lines:
        assert not ln.startswith(b"audit {"), "forged line: %r" % ln
        assert b"\r" not in ln and b"\x1b" not in ln, "raw control byte in the log: %r" % ln
        # a line that mentions the forged text must carry it escaped, on the line it belongs to
        if b'audit {"event":"promote"' in ln:
            assert b"\\naudit" in ln, ln
    assert stack.alive()


# ------------------------------------------------------------------ 14.9: silent refusals
def observe(port, data, half_close=False, limit=10.0):
    """Sends `data` on a fresh TCP connection (then shuts down the write side when
    `half_close`) and returns (bytes received, closed?) within `limit` seconds. A reset counts
    as closed: PostgreSQL closes with unread bytes in its buffer, which the kernel turns into
    an RST."""
    got = b""
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as s:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                return got, True
            except socket.timeout:
                return got, False
            if not chunk:
                return got, True
            got += chunk
    return got, False


def wait_for_log(path, start, needle, limit=10.0):
    """The text appended to `path` after offset `start`, once it holds `needle` (bounded)."""
    deadline = time.monotonic() + limit
    while True:
        with open(path, "rb") as f:
            f.seek(start)
            text = f.read()
        if needle in text or time.monotonic() > deadline:
            return text
        time.sleep(0.05)


def log_size(path):
    return os.path.getsize(path)


# name -> (bytes, half-close after sending, what PostgreSQL 15 logs with COMMERROR)
SILENT_STARTUP = {
    "length_below_8": (struct.pack("!I", 2), False, b"invalid length of startup packet"),
    "length_7": (struct.pack("!I", 7) + b"\0\3\0", False, b"invalid length of startup packet"),
    "length_huge": (struct.pack("!I", 0x7FFFFFFF) + b"\0\3\0\0", False,
                    b"invalid length of startup packet"),
    "length_10005": (struct.pack("!II", 10005, pgraw.PROTOCOL_3) + b"x" * 9997, False,
                     b"invalid length of startup packet"),
    "partial_length_word": (b"\0\0", True, b"incomplete startup packet"),
    "partial_body": (struct.pack("!II", 100, pgraw.PROTOCOL_3) + b"user\0", True,
                     b"incomplete startup packet"),
    "cancel_request_short": (struct.pack("!III", 12, 80877102, 4242), False, None),
}


@pytest.mark.parametrize("name", sorted(SILENT_STARTUP))
def test_commerror_startup_is_silent_like_postgres(stack, name):
    """Bytes PostgreSQL 15 refuses with COMMERROR (logged, nothing sent, closed): cutoverd sends
    nothing either, closes, and logs why; PostgreSQL, sent the same bytes directly, does the
    same (so the test also checks its own premise)."""
    data, half_close, pg_words = SILENT_STARTUP[name]
    pg_log = os.path.join(stack.dir, "pg.log")
    pg_start, proxy_start = log_size(pg_log), log_size(stack["CUTOVERD_LOG"])

    direct = observe(stack.pg_port, data, half_close)
    proxied = observe(stack.proxy_port, data, half_close)
    assert direct == (b"", True), "PostgreSQL itself answered %r: the premise is wrong" % (direct,)
    assert proxied == direct, "cutoverd answered %r where PostgreSQL sent nothing" % (proxied,)

    if pg_words is not None:  # PostgreSQL 15 logs a short CancelRequest with nothing
        assert pg_words in wait_for_log(pg_log, pg_start, pg_words)
    want = b"COMMERROR 08P01: " + (pg_words or b"invalid length of startup packet")
    text = wait_for_log(stack["CUTOVERD_LOG"], proxy_start, want)
    assert want in text, "no log line for it:\n%s" % text[-2000:].decode(errors="replace")
    assert stack.alive()


def test_startup_of_10004_bytes_is_taken_like_postgres(stack):
    """PostgreSQL's limit is 10000 bytes after the length word: a 10004-byte startup packet is
    a valid one (cutoverd used to refuse it)."""
    params = {"user": "u_trust", "database": stack["PG_DB"], "application_name": ""}
    base = len(pgraw.startup_packet(params))
    params["application_name"] = "a" * (10004 - base)
    pkt = pgraw.startup_packet(params)
    assert len(pkt) == 10004
    for port in (stack.pg_port, stack.proxy_port):
        with pgraw.Conn(port) as c:
            c.send(pkt)
            kind, payload = c.read_message()
        assert kind == b"R" and struct.unpack("!I", payload[:4])[0] == 0, (port, kind, payload)


def test_silent_refusal_logs_first_bytes_escaped(stack):
    """The first bytes of a refused packet are the client's: escaped in the log, so they cannot
    forge a line."""
    forged = b'\naudit {"event":"promote","ok":true}\r\n'
    data = struct.pack("!II", 200, pgraw.PROTOCOL_3) + forged
    start = log_size(stack["CUTOVERD_LOG"])
    assert observe(stack.proxy_port, data, half_close=True) == (b"", True)
    text = wait_for_log(stack["CUTOVERD_LOG"], start, b"incomplete startup packet")
    line = [ln for ln in text.split(b"\n") if b"incomplete startup packet" in ln]
    assert line, text
    assert b'\\x00\\x00\\x00\\xc8\\x00\\x03\\x00\\x00\\naudit {\\"event\\"' in line[0], line[0]
    for ln in text.split(b"\n"):
        assert not ln.startswith(b"audit {") and b"\r" not in ln, ln


# ------------------------------------------------------------------ 14.8: passwords and core dumps

def memory_count(pid, needles):
    """How many times each of `needles` (bytes) occurs in the readable memory of process `pid`
    (root reads /proc/PID/mem of any process, dumpable or not). Regions over 1 GB are skipped:
    only ASan's shadow is that large, and it holds no program data."""
    counts = {n: 0 for n in needles}
    overlap = max(len(n) for n in needles) - 1
    with open("/proc/%d/maps" % pid) as f:
        regions = [line.split() for line in f]
    with open("/proc/%d/mem" % pid, "rb", 0) as mem:
        for r in regions:
            start, end = (int(x, 16) for x in r[0].split("-"))
            if not r[1].startswith("r") or end - start > 1 << 30 or \
                    (len(r) > 5 and r[5] in ("[vvar]", "[vsyscall]", "[vvar_vclock]")):
                continue
            tail = b""
            pos = start
            while pos < end:
                n = min(end - pos, 8 << 20)
                try:
                    mem.seek(pos)
                    chunk = tail + mem.read(n)
                except OSError:
                    break
                for needle in needles:
                    counts[needle] += chunk.count(needle)
                tail = chunk[-overlap:] if overlap else b""
                pos += n
    return counts


def test_cleartext_password_not_kept_on_postgres(stack):
    """On the postgres dialect no SUBSCRIBE carry-over can ever log in again, so a client's
    cleartext password must not stay anywhere in cutoverd's memory once it is relayed: not in the
    session, not in the freed evbuffer chunks that carried the PasswordMessage, not in OpenSSL's
    read buffer (TLS). A unique application_name in the same sessions is found, which shows the
    scan reads the heap where the session lives."""
    password = b"secret_u_password"
    marker = "appmark-%s" % os.urandom(6).hex()
    conns = []
    try:
        for sslmode in ("disable", "require"):
            c = stack.connect(user="u_password", password=password.decode(), sslmode=sslmode,
                              application_name=marker)
            assert c.execute("SELECT current_user").fetchone() == ("u_password",)
            conns.append(c)
        counts = memory_count(stack.pid, [password, marker.encode()])
        assert counts[marker.encode()] >= 2, counts
        assert counts[password] == 0, \
            "the password is in cutoverd's memory %d time(s) during the sessions" % counts[password]
    finally:
        for c in conns:
            c.close()
    time.sleep(0.5)  # the sessions closed and reaped
    counts = memory_count(stack.pid, [password])
    assert counts[password] == 0, counts


def start_as_nobody(tmp, extra, core_unlimited=True):
    """cutoverd as user nobody (so that /proc/PID's owner tells whether it is dumpable: root when
    it is not), with RLIMIT_CORE unlimited, no admin socket and no backend needed."""
    os.chmod(tmp, 0o755)
    port = free_port()
    ini = os.path.join(tmp, "c%d.ini" % port)
    with open(ini, "w") as f:
        f.write("[proxy]\nlisten = 127.0.0.1:%d\n%s[backend]\naddress = 127.0.0.1:1\n"
                "dialect = postgres\n[admin]\nsocket =\n" % (port, extra))
    os.chmod(ini, 0o644)

    def pre():
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        os.setgid(65534)
        os.setgroups([])
        os.setuid(65534)

    log = open(os.path.join(tmp, "c%d.log" % port), "wb")
    p = subprocess.Popen([cutoverd_binary(), "-c", ini], stdout=log, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, preexec_fn=pre)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return p
        except OSError:
            assert p.poll() is None, open(log.name).read()
            time.sleep(0.05)
    p.kill()
    raise AssertionError("cutoverd did not start")


def core_limit(pid):
    with open("/proc/%d/limits" % pid) as f:
        for line in f:
            if line.startswith("Max core file size"):
                return line.split()[4:6]
    raise AssertionError("no core limit")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to start cutoverd as another user")
def test_core_dumps_disabled_unless_configured():
    """By default cutoverd is non-dumpable (its /proc files belong to root although it runs as
    nobody) and its RLIMIT_CORE is 0 although it was started unlimited; with
    allow_core_dumps = on both stay as the environment set them."""
    tmp = tempfile.mkdtemp(prefix="cutover-nobody.")
    try:
        for extra, dumpable in (("", False), ("allow_core_dumps = on\n", True)):
            check_dumpable(tmp, extra, dumpable)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_dumpable(tmp, extra, dumpable):
    p = start_as_nobody(tmp, extra)
    try:
        owner = os.stat("/proc/%d/status" % p.pid).st_uid
        assert owner == (65534 if dumpable else 0), (extra, owner)
        # (An ASan build sets its own soft limit to 0 whatever the config says.)
        want = ["unlimited", "unlimited"] if dumpable else ["0", "0"]
        got = core_limit(p.pid)
        if dumpable and sanitized(p.pid):
            got[0] = "unlimited"
        assert got == want, (extra, got)
    finally:
        p.terminate()
        p.wait(10)


# ------------------------------------------------------------------ 14.10: protocol negotiation

PROTOCOL_3_2 = (3 << 16) | 2


def negotiate(port, db, version, pq, user="u_password"):
    """A raw startup asking for `version` with the `_pq_.` options `pq`, authenticated and then
    one query: -> (the NegotiateProtocolVersion messages seen, whole, and what followed)."""
    with pgraw.Conn(port, timeout=10) as c:
        params = dict(pq)
        if user is None:
            c.send(pgraw.startup_packet(dict({"database": db}, **params), version))
            msgs, _ = c.read_until_closed(limit=5)
        else:
            params["application_name"] = "negotiate"
            msgs = c.startup(user, db, password="secret_" + user, version=version, **params)
            if msgs[-1][0] == b"Z":
                msgs += c.simple_query("SELECT 41 + 1")
    vs = [b"v" + struct.pack("!I", len(p) + 4) + p for k, p in msgs if k == b"v"]
    return vs, [(k, p) for k, p in msgs if k != b"v"]


def test_protocol_3_2_and_pq_options_negotiated_as_postgresql(stack):
    """A client asking for protocol 3.2 (PostgreSQL 18) or sending `_pq_.` options gets
    NegotiateProtocolVersion from cutoverd, byte for byte what PostgreSQL 15 sends for the same
    packet (newest 3.0, the unrecognized options in order), before authentication; then it logs
    in and queries in 3.0. Exactly one 'v': the server was started with 3.0 and without the
    options (else it would have sent its own)."""
    db = stack["PG_DB"]
    cases = [
        (PROTOCOL_3_2, {}),
        (PROTOCOL_3_2, {"_pq_.foo": "x", "_pq_.bar": ""}),
        (pgraw.PROTOCOL_3, {"_pq_.compression": "on"}),
        ((3 << 16) | 0xFFFF, {"_pq_.a": "1"}),
    ]
    for version, pq in cases:
        direct_v, direct_rest = negotiate(stack.pg_port, db, version, pq)
        proxy_v, proxy_rest = negotiate(stack.proxy_port, db, version, pq)
        assert len(direct_v) == 1, (version, pq, direct_v)  # what PostgreSQL 15 does
        assert proxy_v == direct_v, (version, pq, proxy_v, direct_v)
        rows = [p for k, p in proxy_rest if k == b"D"]
        assert rows == [struct.pack("!hi", 1, 2) + b"42"], proxy_rest
        assert pgraw.first_error(proxy_rest) is None, proxy_rest
    # No 'v' for a plain 3.0 client.
    assert negotiate(stack.proxy_port, db, pgraw.PROTOCOL_3, {})[0] == []
    # No user name: 'v' first, then FATAL 28000, as PostgreSQL.
    outcomes = []
    for port in (stack.pg_port, stack.proxy_port):
        vs, rest = negotiate(port, db, PROTOCOL_3_2, {"_pq_.x": "1"}, user=None)
        outcomes.append((vs, [k for k, _ in rest], (pgraw.first_error(rest) or {}).get("C")))
    assert outcomes[0] == outcomes[1], outcomes
    assert outcomes[0][2] == "28000", outcomes
    assert stack.alive()
