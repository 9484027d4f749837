"""Helpers shared by the emulator's black-box tests (no emulator code is imported)."""

import os
import queue
import signal
import socket
import subprocess
import threading
import time
import types

import psycopg

import rawpg

HERE = os.path.dirname(os.path.abspath(__file__))
EMU_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(EMU_DIR))
MZEMU = os.path.join(EMU_DIR, "mzemu.py")
PSQL = "/usr/bin/psql"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def stop_pid(proc, timeout=10.0):
    """Stop a Popen we started: SIGTERM, wait bounded, then SIGKILL."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)


class Emulator:
    """One running mzemu.py process, started by the fixtures."""

    def __init__(self, pg_dsn, logdir, name, extra_args=(), env=None, hydration_delay=1.0):
        self.port = free_port()
        self.cport = free_port()
        self.log_path = os.path.join(logdir, name + ".log")
        args = ["/usr/bin/python3", MZEMU, "--listen", "127.0.0.1:%d" % self.port, "--pg", pg_dsn,
                "--hydration-delay", str(hydration_delay), "--control",
                "127.0.0.1:%d" % self.cport] + list(extra_args)
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self.log, env=env, cwd=REPO)
        ready = threading.Event()
        self.stdout_lines = []

        def pump():
            for line in self.proc.stdout:
                self.stdout_lines.append(line)
                self.log.write(b"stdout: " + line)
                self.log.flush()
                if line.strip() == b"ready":
                    ready.set()

        self.pump = threading.Thread(target=pump, daemon=True)
        self.pump.start()
        deadline = time.monotonic() + 60
        while not ready.wait(0.2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("emulator did not print ready (see %s)" % self.log_path)

    def stop(self):
        stop_pid(self.proc)
        self.pump.join(timeout=5)
        if not self.log.closed:
            self.log.close()

    # connections ----------------------------------------------------------------------------
    def connect(self, user="materialize", autocommit=True, **kw):
        kw.setdefault("connect_timeout", 10)
        conn = psycopg.connect(host="127.0.0.1", port=self.port, user=user, dbname="materialize",
                               autocommit=autocommit, **kw)
        conn.notices = []

        def keep(diag):  # the Diagnostic is only valid inside the callback: copy its fields
            conn.notices.append(types.SimpleNamespace(
                severity=diag.severity, sqlstate=diag.sqlstate,
                message_primary=diag.message_primary, message_hint=diag.message_hint))

        conn.add_notice_handler(keep)
        return conn

    def raw(self, params=None, timeout=10.0):
        """A rawpg connection after a successful startup."""
        c = rawpg.Conn("127.0.0.1", self.port, timeout=timeout)
        p = {"user": "materialize", "database": "materialize"}
        if params:
            p.update(params)
        msgs = c.startup(p)
        c.startup_msgs = msgs
        if msgs[-1].kind != "Z":
            c.close()
            raise AssertionError("startup failed: %r" % rawpg.errors(msgs))
        return c

    def control(self, line, timeout=10.0):
        """One command on the fault-knob side channel; returns the reply line."""
        with socket.create_connection(("127.0.0.1", self.cport), timeout=timeout) as s:
            s.settimeout(timeout)
            s.sendall(line.encode() + b"\n")
            buf = b""
            while b"\n" not in buf:
                chunk = s.recv(65536)
                if not chunk:
                    break
                buf += chunk
        return buf.split(b"\n", 1)[0].decode()

    def knob(self, line):
        reply = self.control(line)
        assert reply.startswith("ok"), "control %r -> %r" % (line, reply)
        return reply


# ------------------------------------------------------------------------------------------------
# subscriptions


class Stream:
    """A plain `SUBSCRIBE` over rawpg in a background thread.

    Rows land in `self.q` as ("row", [str|None...]); the end as ("end", tag), errors as
    ("error", fields). The RowDescription and notices are kept as attributes.
    """

    def __init__(self, emu, sql, params=None, timeout=60.0):
        self.conn = emu.raw(params=params, timeout=timeout)
        self.emu = emu
        self.sql = sql
        self.q = queue.Queue()
        self.columns = None
        self.notices = []
        self.t_sent = time.monotonic()
        self.t_first = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.conn.send("Q", sql.encode() + b"\0")
        self.thread.start()

    def _run(self):
        try:
            while True:
                m = self.conn.recv()
                if m.kind == "T":
                    self.columns = m.columns()
                elif m.kind == "N":
                    self.notices.append(m.fields())
                elif m.kind == "D":
                    if self.t_first is None:
                        self.t_first = time.monotonic()
                    self.q.put(("row", m.row(), time.monotonic()))
                elif m.kind == "C":
                    self.q.put(("end", m.tag(), time.monotonic()))
                elif m.kind == "E":
                    self.q.put(("error", m.fields(), time.monotonic()))
                elif m.kind == "Z":
                    break
        except Exception as e:  # noqa: BLE001 - reported through the queue
            self.q.put(("exception", repr(e), time.monotonic()))
        finally:
            self.done.set()

    def get(self, timeout=10.0):
        try:
            return self.q.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError("no message from SUBSCRIBE within %.1fs" % timeout) from None

    def rows_until(self, pred, timeout=20.0):
        """Collect rows until pred(row) is true for one; return all rows read (inclusive)."""
        out = []
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise AssertionError("deadline")
                kind, val, _ = self.get(left)
            except AssertionError:
                raise AssertionError("condition not met within %.1fs; %d rows, last: %r" %
                                     (timeout, len(out), out[-20:])) from None
            if kind != "row":
                raise AssertionError("SUBSCRIBE ended early: %s %r (rows %r)" % (kind, val,
                                                                                 out[-20:]))
            out.append(val)
            if pred(val):
                return out

    def cancel(self):
        rawpg.cancel("127.0.0.1", self.emu.port, self.conn.pid, self.conn.key)

    def close(self):
        self.conn.close()
        self.thread.join(timeout=5)


def consolidate(updates):
    """[(key tuple, diff)] -> {key: count} without zero entries."""
    acc = {}
    for key, diff in updates:
        acc[key] = acc.get(key, 0) + diff
        if acc[key] == 0:
            del acc[key]
    return acc


def wait_for(pred, timeout=15.0, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = pred()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError("%s not met within %.1fs (last %r)" % (what, timeout, last))


def psql(emu, sql, user="materialize", timeout=30, extra=()):
    """Run psql against the emulator; return CompletedProcess (text)."""
    env = dict(os.environ, PGCONNECT_TIMEOUT="10", PAGER="")
    argv = [PSQL, "-X", "-h", "127.0.0.1", "-p", str(emu.port), "-U", user, "-d", "materialize",
            "-v", "ON_ERROR_STOP=1"] + list(extra) + ["-c", sql]
    return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout, env=env)


def sqlstate(exc):
    return getattr(getattr(exc, "diag", None), "sqlstate", None) or getattr(exc, "sqlstate", None)
