"""Startup identity, log integrity and silent refusals (issue 14.2, 14.7 and 14.9).

- A StartupMessage that names a parameter twice is refused with FATAL 08P01: PostgreSQL keeps
  the last user/database, the proxy used to keep the first, and the two must never disagree.
- Client-supplied strings are escaped in cutoverd's log: a user name with a newline cannot
  forge an `audit {...}` line.
- A startup packet PostgreSQL refuses with COMMERROR (an invalid length, a packet cut short, a
  CancelRequest of the wrong size) gets nothing back from cutoverd either: it is logged and the
  connection closed, exactly as a direct connection to PostgreSQL 15 behaves.
"""

import os
import socket
import struct
import time

import pytest

import pgraw


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
