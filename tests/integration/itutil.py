"""Helpers shared by the integration tests and their conftest (a module of its own: pytest may
load another directory's conftest.py under the same module name, so tests never import conftest).
"""

import contextlib
import os
import signal
import socket
import time

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STACK = os.path.join(REPO, "tests", "stack")


def cutoverd_binary():
    b = os.environ.get("CUTOVERD") or os.path.join(REPO, "build", "cutoverd")
    return b if os.path.isabs(b) else os.path.join(REPO, b)


def pid_alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except OSError:
        return False
    return data[data.rindex(")") + 2] != "Z"


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for pid %d" % pid)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def exits_within(pid, seconds):
    """Waits up to `seconds` for pid to end; True if it did."""
    deadline = time.monotonic() + seconds
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not pid_alive(pid)


def time_limit_fixture(seconds):
    """An autouse fixture that fails any test of the module running longer than `seconds`
    (SIGALRM), so that a hang fails the test instead of stalling the suite."""

    @pytest.fixture(autouse=True)
    def _time_limit():
        def on_alarm(signum, frame):
            raise TimeoutError("test exceeded its %d s limit" % seconds)

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(seconds)
        yield
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)

    return _time_limit


@contextlib.contextmanager
def hydration_delay(env, seconds):
    """Inside the block, the emulator's new SUBSCRIBEs of a query hydrate for `seconds` before
    their first row (its default, 1 s, again after it)."""
    emu_control(env, "subscribe_hydration_delay %g" % seconds)
    try:
        yield
    finally:
        emu_control(env, "subscribe_hydration_delay 1")


def emu_control(env, line):
    """One command on the Materialize emulator's knob port (tests/emulator/README.md); returns
    the reply line, which must start with "ok"."""
    with socket.create_connection(("127.0.0.1", int(env["EMU_CONTROL_PORT"])), timeout=10) as so:
        so.sendall(line.encode() + b"\n")
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = so.recv(65536)
            if not chunk:
                break
            buf += chunk
    reply = buf.decode().strip()
    assert reply.startswith("ok"), (line, reply)
    return reply
