"""Helpers shared by the integration tests and their conftest (a module of its own: pytest may
load another directory's conftest.py under the same module name, so tests never import conftest).
"""

import os
import socket

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
