"""Startup identity and log integrity (issue 14.2 and 14.7).

- A StartupMessage that names a parameter twice is refused with FATAL 08P01: PostgreSQL keeps
  the last user/database, the proxy used to keep the first, and the two must never disagree.
- Client-supplied strings are escaped in cutoverd's log: a user name with a newline cannot
  forge an `audit {...}` line.
"""

import struct
import time

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
