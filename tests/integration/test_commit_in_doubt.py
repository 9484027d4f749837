"""Issue 14, item 4: commit in doubt. The admin connection to the server is cut at the swap's
COMMIT by a TCP forwarder put between cutoverd's [admin] dsn and the server:

- after the COMMIT reached the server and was answered (the server committed, the answer is lost):
  the promote holds the clients until a new connection has read the state, then reports
  "committed" and routes as promoted;
- before the COMMIT reached the server (nothing committed): the promote fails saying so, routing
  unchanged;
- after, with the server unreachable for longer than the bound (the pause timeout): the promote
  says the outcome is unknown, releases the clients on production, keeps the deploy and previous
  routes closed, and opens the right ones by itself once the server answers again.

In every case production clients keep running transactions, none of which may see both
environments, and the routing afterwards matches what the server holds.
"""

import os
import re
import signal
import socket
import subprocess
import threading
import time

import pytest

from itutil import time_limit_fixture
from test_lifecycle import (BACKENDS, NEW_ROWS, OLD_ROWS, Deployment, Workload,
                            assert_consistent, assert_one_environment_per_tx, cutoverctl_binary,
                            route_refused, statement_in_thread, MZ_DEPLOY_CONFIG,
                            PG_DEPLOY_CONFIG)

_bounded = time_limit_fixture(150)

SWAP_END = b" COMMIT;\x00"   # the end of the swap's one simple Query (deploy_plan_swap)
READY = b"Z\x00\x00\x00\x05"  # ReadyForQuery: the server answered the whole Query


class CommitCutter:
    """A TCP forwarder to the server that, once armed, cuts the connection carrying the swap:
    "before" drops the swap's Query unsent; "after" sends it and drops the server's answer. After
    a cut it refuses new connections for `refuse_s` seconds (the server unreachable). "forward"
    calls on_swap(server socket) and then forwards the swap as usual."""

    def __init__(self, target_port):
        self.target = target_port
        self.lsock = socket.socket()
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.lsock.bind(("127.0.0.1", 0))
        self.lsock.listen(64)
        self.lsock.settimeout(0.2)
        self.port = self.lsock.getsockname()[1]
        self.lock = threading.Lock()
        self.mode = None
        self.on_swap = None  # called with the server-side socket before the swap is forwarded
        self.refuse_s = 0.0
        self.refuse_until = 0.0
        self.cuts = []  # (mode, monotonic time)
        self.closed = False
        self.socks = set()
        self.thread = threading.Thread(target=self.accept_loop, daemon=True)
        self.thread.start()

    def arm(self, mode, refuse_s=0.0):
        with self.lock:
            self.mode = mode
            self.refuse_s = refuse_s

    def accept_loop(self):
        while not self.closed:
            try:
                c, _ = self.lsock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            if time.monotonic() < self.refuse_until:
                c.close()
                continue
            try:
                s = socket.create_connection(("127.0.0.1", self.target), timeout=10)
            except OSError:
                c.close()
                continue
            s.settimeout(None)
            c.settimeout(None)
            pair = {"c": c, "s": s, "cut_after_reply": False, "reply": b""}
            with self.lock:
                self.socks.update((c, s))
            threading.Thread(target=self.c2s, args=(pair,), daemon=True).start()
            threading.Thread(target=self.s2c, args=(pair,), daemon=True).start()

    def cut(self, pair, mode):
        # The refusal starts before the sockets close: cutoverd reconnects as soon as it sees the
        # close, and accept_loop (another thread) must already refuse that connection.
        with self.lock:
            self.cuts.append((mode, time.monotonic()))
            self.refuse_until = time.monotonic() + self.refuse_s
        for so in (pair["c"], pair["s"]):
            try:
                so.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            so.close()

    def c2s(self, pair):
        tail = b""
        try:
            while True:
                data = pair["c"].recv(65536)
                if not data:
                    break
                window = tail + data
                tail = window[-len(SWAP_END):]
                mode = None
                if SWAP_END in window:
                    with self.lock:
                        mode, self.mode = self.mode, None
                if mode == "before":
                    self.cut(pair, "before")
                    return
                if mode == "after":
                    pair["cut_after_reply"] = True
                if mode == "forward" and self.on_swap is not None:
                    self.on_swap(pair["s"])
                pair["s"].sendall(data)
        except OSError:
            pass
        for so in (pair["s"], pair["c"]):
            try:
                so.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def s2c(self, pair):
        try:
            while True:
                data = pair["s"].recv(65536)
                if not data:
                    break
                if pair["cut_after_reply"]:
                    pair["reply"] += data
                    if READY in pair["reply"]:
                        self.cut(pair, "after")  # committed; its answer never arrives
                        return
                    continue
                pair["c"].sendall(data)
        except OSError:
            pass
        for so in (pair["c"], pair["s"]):
            try:
                so.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self):
        self.closed = True
        self.lsock.close()
        with self.lock:
            for so in self.socks:
                try:
                    so.close()
                except OSError:
                    pass


def reload_and_wait(s):
    log = s["CUTOVERD_LOG"]
    with open(log, errors="replace") as f:
        before = f.read().count("SIGHUP: reloaded")
    os.kill(s.pid, signal.SIGHUP)
    deadline = time.monotonic() + 15
    while True:
        with open(log, errors="replace") as f:
            if f.read().count("SIGHUP: reloaded") > before:
                return
        assert time.monotonic() < deadline, "no reload logged after SIGHUP\n" + s.log_tail()
        time.sleep(0.05)


@pytest.fixture(scope="module", params=BACKENDS)
def cut_dep(request, make_stack):
    """A deployment stack whose [admin] dsn goes through a CommitCutter."""
    if not os.access(cutoverctl_binary(), os.X_OK):
        pytest.skip("cutoverctl missing (%s)" % cutoverctl_binary())
    backend = request.param
    config = MZ_DEPLOY_CONFIG if backend == "materialize" else PG_DEPLOY_CONFIG
    s = make_stack(config=config, backend=backend)
    server_port = int(s["MZ_PORT"]) if backend == "materialize" else s.pg_port
    cutter = CommitCutter(server_port)
    ini = s["CUTOVER_CONFIG"]
    with open(ini) as f:
        text = f.read()
    # plaintext (the cutter reads the bytes), through the cutter
    text, n = re.subn(r"^(dsn = .*\bport=)%d\b(.*)$" % server_port,
                      r"\g<1>%d\g<2> sslmode=disable" % cutter.port, text, flags=re.M)
    assert n == 1, text
    with open(ini, "w") as f:
        f.write(text)
    reload_and_wait(s)
    dep = Deployment(s, backend)
    dep.cutter = cutter
    yield dep
    cutter.close()


def promote_until_doubt(dep, *extra):
    """Starts a promote; returns (Popen, lines so far) once it said the swap is in doubt."""
    p = subprocess.Popen(dep.ctl_argv("deploy", "promote", *extra), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
    lines = []
    while True:
        line = p.stdout.readline()
        assert line, "promote ended before the swap was in doubt: %r %s" % (lines, p.stderr.read())
        lines.append(line.rstrip("\n"))
        if "may or may not have committed" in line:
            return p, lines


def routes(dep):
    """{route: available} from `show routes` (which, unlike status, reads nothing again)."""
    return {r["route"]: r["available"] for r in dep.ctl_json("show", "routes")["routes"]}


CASES = [
    # (what the cutter does, how long the server stays unreachable after the cut, the pause
    # timeout (the bound), what the server holds after)
    pytest.param("after", 0.8, 3, "promoted", id="committed-answer-lost"),
    pytest.param("before", 0.8, 3, "deploying", id="not-committed"),
    pytest.param("after", 4.0, 1, "promoted", id="unknown-past-the-bound"),
]


@pytest.mark.parametrize("mode,refuse_s,bound_s,truth", CASES)
def test_swap_cut_at_commit(cut_dep, mode, refuse_s, bound_s, truth):
    dep = cut_dep
    dep.s.reload_env()
    assert dep.s.alive(), dep.s.log_tail()
    dep.reset()
    dep.init_and_build()
    before = dep.deployment_ids()
    unknown = refuse_s > bound_s
    held = dep.connect(application_name="doubt-held")
    w = Workload(dep, {"production": 2})
    w.start()
    try:
        dep.cutter.arm(mode, refuse_s)
        p, lines = promote_until_doubt(dep, "--pause-timeout", "%ds" % bound_s)
        # The promote is in doubt: an idle production client's next statement is held until
        # the server has said what happened (or the bound passed).
        t, res = statement_in_thread(held, "SELECT env, v FROM analytics.report")
        out, err = p.communicate(timeout=60)
        rc = p.returncode
        out = "\n".join(lines) + "\n" + out
        t.join(15)
        assert not t.is_alive(), "the held statement was never released"
        # Routing right after the reply, before anything reads the state again.
        r_after = routes(dep)
        deploy_refused = route_refused(dep, "deploy")
        time.sleep(0.3)
    finally:
        w.stop()
        held.close()
    assert [c[0] for c in dep.cutter.cuts[-1:]] == [mode], dep.cutter.cuts
    assert_one_environment_per_tx(w)
    assert not w.errors, w.errors[:5]
    assert assert_consistent(dep, before) == truth
    assert "rows" in res, res
    if unknown:
        assert rc == 1, (rc, out, err)
        assert "outcome unknown" in err, err
        assert r_after == {"production": True, "deploy": False, "previous": False}, r_after
        assert deploy_refused
        # released at the bound, not after the server came back
        cut_t = dep.cutter.cuts[-1][1]
        assert res["t1"] - res["t0"] >= bound_s - 0.2 and res["t1"] < cut_t + refuse_s - 1, res
        # ... and the routes follow the server by themselves once it answers again
        deadline = time.monotonic() + 15
        while routes(dep) != {"production": True, "deploy": False, "previous": True}:
            assert time.monotonic() < deadline, (routes(dep), dep.s.log_tail())
            time.sleep(0.2)
        assert "deployment state read again after a swap in doubt: promoted" in dep.s.log_tail()
    elif truth == "promoted":
        assert rc == 0, (rc, out, err)
        assert "the server says it committed" in out, out
        assert r_after == {"production": True, "deploy": False, "previous": True}, r_after
        assert deploy_refused
        # held through the server's unreachable time, then served the new environment
        assert res["rows"] == NEW_ROWS and res["t1"] - res["t0"] >= refuse_s - 0.2, res
    else:
        assert rc == 1, (rc, out, err)
        assert "did not commit" in err and "names and routing unchanged" in err, err
        assert r_after == {"production": True, "deploy": True, "previous": False}, r_after
        assert not deploy_refused
        assert res["rows"] == OLD_ROWS and res["t1"] - res["t0"] >= refuse_s - 0.2, res
    st = dep.status()
    assert st["state"] == truth, st
    with dep.connect() as c:
        rows = sorted(c.execute("SELECT env, v FROM analytics.report").fetchall())
    assert rows == (NEW_ROWS if truth == "promoted" else OLD_ROWS)
    if truth == "deploying":  # the lifecycle carries on from there
        dep.ctl("deploy", "promote", check=0)
    dep.ctl("deploy", "cleanup", check=0)
    assert dep.leftover_deploy_names() == []
