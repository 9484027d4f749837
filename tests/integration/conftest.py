"""Fixtures for cutoverd's black-box integration tests.

`stack` is one session-wide stack (tests/stack up, postgres backend, default cutoverd config plus
nothing). `make_stack(config=..., backend=...)` starts extra stacks for tests that need another
config or that stop cutoverd; every stack is torn down at the end of the session, by
`tests/stack down`. `cutoverd_process(ini_text)` runs cutoverd directly (for configs the stack
cannot express, e.g. an unreachable backend).

The binary is $CUTOVERD or build/cutoverd, as for tests/stack.
"""

import os
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import contextlib

import psycopg
import pytest

from itutil import REPO, STACK, cutoverd_binary, free_port, pid_alive, rss_kb  # noqa: F401


class Stack:
    def __init__(self, d, backend):
        self.dir = d
        self.backend = backend
        self.env = {}
        self.reload_env()

    def reload_env(self):
        env = {}
        with open(os.path.join(self.dir, "env")) as f:
            for line in f:
                k, v = line.rstrip("\n").split("=", 1)
                env[k] = shlex.split(v)[0] if v else ""
        self.env = env

    def __getitem__(self, k):
        return self.env[k]

    @property
    def pid(self):
        return int(self.env["CUTOVERD_PID"])

    @property
    def proxy_port(self):
        return int(self.env["PROXY_PORT"])

    @property
    def pg_port(self):
        return int(self.env["PG_PORT"])

    def alive(self):
        return pid_alive(self.pid)

    def log_tail(self, n=40):
        try:
            with open(self.env["CUTOVERD_LOG"], errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def dsn(self, port, user=None, password=None, dbname=None, **kw):
        if user is None:
            user, password = self.env["PG_USER"], self.env["PG_PASSWORD"]
        parts = {"host": "127.0.0.1", "port": str(port), "user": user,
                 "dbname": dbname or self.env["PG_DB"], "connect_timeout": "10"}
        if password is not None:
            parts["password"] = password
        parts.update({k: str(v) for k, v in kw.items()})
        return " ".join("%s=%s" % (k, quote_conninfo(v)) for k, v in parts.items())

    def proxy_dsn(self, **kw):
        return self.dsn(self.proxy_port, **kw)

    def direct_dsn(self, **kw):
        return self.dsn(self.pg_port, **kw)

    def connect(self, direct=False, autocommit=True, **kw):
        dsn = self.direct_dsn(**kw) if direct else self.proxy_dsn(**kw)
        return psycopg.connect(dsn, autocommit=autocommit)

    def libpq_env(self, direct=False, user=None, password=None):
        env = dict(os.environ)
        env.update({"PGHOST": "127.0.0.1",
                    "PGPORT": str(self.pg_port if direct else self.proxy_port),
                    "PGUSER": user or self.env["PG_USER"],
                    "PGPASSWORD": password if user else self.env["PG_PASSWORD"],
                    "PGDATABASE": self.env["PG_DB"], "PGCONNECT_TIMEOUT": "10",
                    "PGSSLMODE": "prefer"})
        return env


def quote_conninfo(v):
    if v and all(c not in v for c in " '\\"):
        return v
    return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"


class StackFactory:
    def __init__(self):
        self.stacks = []

    def __call__(self, config=None, backend="postgres", extra_args=(), cutoverd=None):
        """cutoverd: the program tests/stack starts as cutoverd (default: the binary under
        test); a wrapper must exec it, so that the PID stays the one the stack records."""
        # $CUTOVER_STACK_TMP (scripts/test.sh) collects every stack of a run in one place.
        d = tempfile.mkdtemp(prefix="cutover-it.", dir=os.environ.get("CUTOVER_STACK_TMP"))
        os.chmod(d, 0o755)
        argv = [STACK, "up", d, "--backend", backend] + list(extra_args)
        if config is not None:
            cfg = d + ".ini"
            with open(cfg, "w") as f:
                f.write(config)
            argv += ["--config", cfg]
        env = dict(os.environ, CUTOVERD=cutoverd or cutoverd_binary())
        r = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=180)
        if r.returncode != 0:
            self._down(d)
            if not os.environ.get("KEEP_STACKS"):
                shutil.rmtree(d, ignore_errors=True)
                with contextlib.suppress(OSError):
                    os.unlink(d + ".ini")
            pytest.fail("tests/stack up failed:\n%s%s" % (r.stdout, r.stderr), pytrace=False)
        s = Stack(d, backend)
        self.stacks.append(s)
        return s

    def _down(self, d):
        subprocess.run([STACK, "down", d], stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)

    def teardown(self):
        """Stops every stack; returns sanitizer reports found in the cutoverd logs (an ASan
        build aborts cutoverd on an error and reports leaks when it exits at `down`)."""
        reports = []
        for s in self.stacks:
            self._down(s.dir)
            log = s.log_tail(100000)
            for marker in SANITIZER_MARKERS:
                i = log.find(marker)
                if i >= 0:
                    reports.append("%s:\n%s" % (s["CUTOVERD_LOG"], log[max(0, i - 200):i + 3000]))
                    break
            if not os.environ.get("KEEP_STACKS"):
                shutil.rmtree(s.dir, ignore_errors=True)
                with contextlib.suppress(OSError):
                    os.unlink(s.dir + ".ini")
        return reports


SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


@pytest.fixture(scope="session")
def make_stack():
    f = StackFactory()
    yield f
    reports = f.teardown()
    assert not reports, "sanitizer reports in cutoverd's log:\n" + "\n".join(reports)


@pytest.fixture(scope="session")
def stack(make_stack):
    s = make_stack()
    yield s
    # cutoverd must have survived everything the session threw at it.
    assert s.alive(), "cutoverd (pid %d) died during the session:\n%s" % (s.pid, s.log_tail())


@pytest.fixture
def proxied(stack):
    """A fresh autocommit psycopg connection through cutoverd."""
    with stack.connect() as conn:
        yield conn


@pytest.fixture
def direct(stack):
    """A fresh autocommit psycopg connection straight to PostgreSQL."""
    with stack.connect(direct=True) as conn:
        yield conn


@pytest.fixture
def cutoverd_process(tmp_path):
    """cutoverd_process(ini_text) -> (Popen, port of [proxy] listen); stopped by PID at the end.
    `{listen}` in the text is replaced by a free 127.0.0.1 port."""
    procs = []

    def start(text):
        port = free_port()
        ini = tmp_path / ("cutoverd-%d.ini" % len(procs))
        ini.write_text(text.replace("{listen}", "127.0.0.1:%d" % port))
        logf = open(tmp_path / ("cutoverd-%d.log" % len(procs)), "wb")
        argv = [cutoverd_binary(), "-c", str(ini)]
        # No [admin] socket in the text: one of its own, not the shared default (which a
        # second daemon on the machine may hold: cutoverd then refuses to start).
        if not any(ln.split("=", 1)[0].strip() == "socket" for ln in text.splitlines()):
            argv += ["-a", str(tmp_path / ("admin-%d.sock" % len(procs)))]
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                             stdout=logf, stderr=subprocess.STDOUT)
        procs.append(p)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert p.poll() is None, "cutoverd exited with %s" % p.returncode
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return p, port
            except OSError:
                time.sleep(0.05)
        pytest.fail("cutoverd did not listen on %d" % port)

    yield start
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(5)
