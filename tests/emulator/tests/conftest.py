"""Fixtures for the emulator's black-box tests.

Session: a private PostgreSQL 15 (initdb as an unprivileged user into a tmp dir, 127.0.0.1 on a
free port, database `mzemu`) and one emulator in front of it with a control port. Both are
stopped by PID, bounded in time. Function: a fresh autocommit `materialize` connection, unique
names, and a per-test time limit (SIGALRM; `@pytest.mark.limit(seconds)` overrides the default).

Run: /usr/bin/python3 -m pytest tests/emulator/tests -q
"""

import atexit
import itertools
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import psycopg
import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emutil  # noqa: E402

PG_BIN = "/usr/lib/postgresql/15/bin"
RUN_AS = "cutover"
DEFAULT_LIMIT = 60


def pytest_configure(config):
    config.addinivalue_line("markers", "limit(seconds): per-test wall-clock limit")
    config.addinivalue_line(
        "markers", "unverified: exercises a point the fact sheet marks unverified/inferred")


def _as_pg_user(argv):
    if os.geteuid() == 0:
        return ["runuser", "-u", RUN_AS, "--"] + argv
    return argv


class PgServer:
    def __init__(self):
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(RUN_AS)
            except KeyError:
                subprocess.run(["useradd", "-r", "-m", RUN_AS], check=True, timeout=30)
        self.dir = tempfile.mkdtemp(prefix="mzemu-tests-")
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            pw = pwd.getpwnam(RUN_AS)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.data = os.path.join(self.dir, "pgdata")
        self.port = emutil.free_port()
        subprocess.run(_as_pg_user([PG_BIN + "/initdb", "-D", self.data, "-U", "postgres",
                                    "--auth=trust", "-E", "UTF8", "--locale=C"]),
                       check=True, capture_output=True, timeout=120)
        opts = ("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=400 "
                "-c fsync=off -c synchronous_commit=off" % (self.port, self.dir))
        subprocess.run(_as_pg_user([PG_BIN + "/pg_ctl", "-D", self.data, "-o", opts, "-l",
                                    os.path.join(self.dir, "pg.log"), "-w", "-t", "60",
                                    "start"]),
                       check=True, capture_output=True, timeout=90)
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            self.pid = int(f.readline().strip())
        self.stopped = False
        self.logdir = os.path.join(self.dir, "logs")
        os.mkdir(self.logdir)
        os.chmod(self.logdir, 0o777)

    def dsn(self, dbname):
        return "host=127.0.0.1 port=%d dbname=%s user=postgres" % (self.port, dbname)

    def createdb(self, name):
        with psycopg.connect(self.dsn("postgres"), autocommit=True, connect_timeout=10) as c:
            c.execute("CREATE DATABASE %s" % name)

    def connect(self, dbname="mzemu"):
        return psycopg.connect(self.dsn(dbname), autocommit=True, connect_timeout=10)

    def stop(self):
        # Fast shutdown by PID, bounded; then SIGKILL if it hangs. Only once: the PID may be
        # reused by an unrelated process afterwards.
        if self.stopped:
            return
        self.stopped = True
        try:
            os.kill(self.pid, signal.SIGINT)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="session")
def pg():
    server = PgServer()
    atexit.register(server.stop)  # backstop if pytest dies before teardown (idempotent)
    server.createdb("mzemu")
    yield server
    server.stop()
    if os.environ.get("MZEMU_TESTS_KEEP") is None:
        shutil.rmtree(server.dir, ignore_errors=True)
    else:
        print("kept", server.dir)


@pytest.fixture(scope="session")
def emu(pg):
    e = emutil.Emulator(pg.dsn("mzemu"), pg.logdir, "mzemu", hydration_delay=1.0)
    atexit.register(e.stop)
    yield e
    e.stop()


@pytest.fixture(scope="session")
def start_emulator(pg):
    """Factory for extra emulator instances, each on its own fresh database."""
    started = []
    counter = itertools.count(1)

    def start(extra_args=(), env=None, hydration_delay=1.0):
        n = next(counter)
        db = "mzemu_extra%d" % n
        pg.createdb(db)
        e = emutil.Emulator(pg.dsn(db), pg.logdir, "extra%d" % n, extra_args=extra_args,
                            env=env, hydration_delay=hydration_delay)
        atexit.register(e.stop)
        started.append(e)
        return e

    yield start
    for e in started:
        e.stop()


@pytest.fixture
def pgconn(pg):
    """Direct connection to the PostgreSQL under the emulator (ground truth)."""
    c = pg.connect()
    yield c
    c.close()


@pytest.fixture
def mz(emu):
    c = emu.connect()
    yield c
    c.close()


@pytest.fixture
def uniq(request):
    """uniq('s') -> a fresh lower-case identifier like s_3f9a1c_1."""
    tag = secrets.token_hex(3)
    counter = itertools.count(1)

    def make(prefix="x"):
        return "%s_%s_%d" % (prefix, tag, next(counter))

    return make


class TestTimeout(Exception):
    pass


@pytest.fixture(autouse=True)
def _time_limit(request):
    marker = request.node.get_closest_marker("limit")
    seconds = int(marker.args[0]) if marker else DEFAULT_LIMIT

    def on_alarm(signum, frame):
        raise TestTimeout("test exceeded its %d s limit" % seconds)

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)
