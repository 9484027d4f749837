"""Statement size and memory limits of the renaming routes (issue 14.1).

A stack whose [deployment] maps `analytics` with `max_rewrite_size = 8MB`. A statement over the
limit on the deploy route is refused with SQLSTATE 54000 before cutoverd buffers it; one under
the limit but shaped to make the rewriter work hardest (one token per byte) goes through with
cutoverd's peak memory bounded by a small multiple of the statement, where the old rewriter took
about 50 bytes per byte.
"""

import os
import struct
import subprocess
import threading

import pytest

import pgraw
from itutil import cutoverd_binary

CONFIG = """\
[backend]
dialect = postgres

[deployment]
schemas = analytics
max_rewrite_size = 8MB
"""


SETUP_SQL = """
DROP SCHEMA IF EXISTS analytics, analytics_dbt_deploy CASCADE;
CREATE SCHEMA analytics;
CREATE SCHEMA analytics_dbt_deploy;
"""


@pytest.fixture(scope="module")
def lim(make_stack):
    s = make_stack(config=CONFIG)
    with s.connect(direct=True) as c:
        c.execute(SETUP_SQL)
    # the deployment schemas exist: `status` re-reads the state and opens the deploy route
    ctl = os.path.join(os.path.dirname(cutoverd_binary()), "cutoverctl")
    r = subprocess.run([ctl, "-s", s["ADMIN_SOCKET"], "status"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0 and "state: deploying" in r.stdout, r.stdout + r.stderr
    yield s
    assert s.alive(), "cutoverd died:\n" + s.log_tail()


def hwm_kb(pid):
    """Peak resident set of a process so far (VmHWM), in kB."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError("no VmHWM for pid %d" % pid)


def under_asan(pid):
    """True for an AddressSanitizer build of cutoverd: its allocator keeps freed memory in a
    quarantine (256 MB by default) and pads every block, so peak RSS says nothing about what the
    rewriter holds. The scratch bound itself is asserted byte-exactly by tests/unit/test_rewrite.c
    (rewrite_sql_stats) on every build; the RSS bound here runs on the normal build."""
    with open("/proc/%d/maps" % pid) as f:
        return "libasan" in f.read()


def deploy_session(s):
    c = pgraw.Conn(int(s["DEPLOY_PORT"]), timeout=60.0)
    msgs = c.startup(s["PG_USER"], s["PG_DB"], password=s["PG_PASSWORD"])
    assert msgs[-1][0] == b"Z", msgs
    return c


def send_in_background(c, data):
    """Sends data from a thread (the proxy may close while it is being sent)."""
    def run():
        try:
            c.sock.sendall(data)
        except OSError:
            pass
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_statement_over_limit_refused_with_54000(lim):
    size = 60 << 20
    before = hwm_kb(lim.pid)
    c = deploy_session(lim)
    # the header announces the whole 60 MB Query; 4 MB of it follow
    head = b"Q" + struct.pack("!I", size + 4)
    t = send_in_background(c, head + b"(" * (4 << 20))
    msgs, closed = c.read_until_closed(limit=30.0)
    t.join(timeout=30.0)
    c.close()
    err = pgraw.first_error(msgs)
    assert err is not None, msgs
    assert err["C"] == "54000", err
    assert "max_rewrite_size" in err["M"] and str(8 << 20) in err["M"], err
    assert closed
    grown = hwm_kb(lim.pid) - before
    assert grown * 1024 < size // 8, "cutoverd's peak grew by %d kB for a refused statement" % grown
    assert lim.alive()


def test_worst_case_statement_memory_bounded(lim):
    """6 MB of "(" is 6 M tokens: the old rewriter's ~50 bytes each would be ~300 MB."""
    size = 6 << 20
    before = hwm_kb(lim.pid)
    c = deploy_session(lim)
    t = send_in_background(c, pgraw.query("(" * size))
    msgs = c.read_until_ready()
    t.join(timeout=60.0)
    c.close()
    err = pgraw.first_error(msgs)
    assert err is not None and err["C"] != "54000", err  # the server's own error, not ours
    grown = hwm_kb(lim.pid) - before
    # 16 bytes of scratch per byte, plus the buffered and pulled-up message
    if not under_asan(lim.pid):
        assert grown * 1024 < 20 * size, "cutoverd's peak grew by %d kB for %d bytes" % (grown, size)
    assert lim.alive()


def test_statement_under_limit_still_rewritten(lim):
    c = deploy_session(lim)
    pad = " " * (1 << 20)
    msgs = c.simple_query("SELECT nspname FROM pg_namespace WHERE nspname = 'x' OR "
                          "nspname IN (SELECT 'analytics' FROM analytics.nothing)" + pad)
    c.close()
    err = pgraw.first_error(msgs)
    # rewritten: the server looked for analytics_dbt_deploy.nothing
    assert err is not None and "analytics_dbt_deploy.nothing" in err["M"], err
