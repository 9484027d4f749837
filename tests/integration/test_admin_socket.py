"""The admin socket cannot be squatted (issue 14 item 3).

cutoverd refuses to start (non-zero exit, a clear message) when its admin socket cannot be
created safely: the path held by a live socket of another process, a file that is not a socket,
a directory others can write to or that belongs to someone else. Its default is a private
directory ($XDG_RUNTIME_DIR/cutover for a user, created 0700), and cutoverctl refuses to talk to
a server that runs neither as root nor as the caller's uid (SO_PEERCRED).
"""

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import threading

import pytest

from itutil import cutoverd_binary, free_port

NOBODY = 65534
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another uid")


def cutoverctl_binary():
    return os.path.join(os.path.dirname(cutoverd_binary()), "cutoverctl")


@pytest.fixture
def shared_dir():
    """A scratch directory other uids can traverse (pytest's tmp_path is root-only)."""
    d = tempfile.mkdtemp(prefix="cutover-adminsock.", dir=os.environ.get("CUTOVER_STACK_TMP"))
    os.chmod(d, 0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def write_ini(d, socket_line):
    ini = os.path.join(d, "c.ini")
    with open(ini, "w") as f:
        f.write("[proxy]\nlisten = 127.0.0.1:%d\n[backend]\naddress = 127.0.0.1:%d\n"
                "[admin]\n%s\n" % (free_port(), free_port(), socket_line))
    os.chmod(ini, 0o644)
    return ini


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def run_expecting_refusal(ini, env=None, preexec_fn=None):
    """cutoverd must exit by itself, non-zero; returns what it said."""
    try:
        r = subprocess.run([cutoverd_binary(), "-c", ini], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=30, env=env,
                           preexec_fn=preexec_fn)
    except subprocess.TimeoutExpired:
        pytest.fail("cutoverd started (and ran) instead of refusing")
    assert r.returncode != 0, "cutoverd exited 0:\n" + r.stdout + r.stderr
    return r.stdout + r.stderr


def test_socket_of_another_live_process_is_refused(shared_dir):
    path = os.path.join(shared_dir, "admin.sock")
    owner = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    owner.bind(path)
    owner.listen(4)
    try:
        out = run_expecting_refusal(write_ini(shared_dir, "socket = " + path))
    finally:
        owner.close()
    assert "in use by another process" in out and "refusing to start" in out, out


def test_a_file_that_is_not_a_socket_is_refused(shared_dir):
    path = os.path.join(shared_dir, "admin.sock")
    with open(path, "w") as f:
        f.write("not a socket\n")
    out = run_expecting_refusal(write_ini(shared_dir, "socket = " + path))
    assert "not a socket" in out, out
    assert open(path).read() == "not a socket\n", "the file was touched"


def test_a_world_writable_directory_is_refused(shared_dir):
    d = os.path.join(shared_dir, "open")
    os.mkdir(d)
    os.chmod(d, 0o1777)  # like /tmp, the old default's directory
    out = run_expecting_refusal(write_ini(shared_dir, "socket = %s/admin.sock" % d))
    assert "writable by everyone" in out, out
    assert not os.path.exists(os.path.join(d, "admin.sock"))


@needs_root
def test_a_directory_of_another_user_is_refused(shared_dir):
    d = os.path.join(shared_dir, "theirs")
    os.mkdir(d, 0o755)
    os.chown(d, NOBODY, NOBODY)
    out = run_expecting_refusal(write_ini(shared_dir, "socket = %s/admin.sock" % d))
    assert "belongs to uid %d" % NOBODY in out, out


@needs_root
def test_default_is_a_private_runtime_directory(shared_dir):
    xdg = os.path.join(shared_dir, "xdg")
    os.mkdir(xdg, 0o700)
    os.chown(xdg, NOBODY, NOBODY)
    ini = write_ini(shared_dir, "")  # [admin] socket left at its default
    env = dict(os.environ, XDG_RUNTIME_DIR=xdg)
    p = subprocess.Popen([cutoverd_binary(), "-c", ini], stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                         preexec_fn=as_nobody)
    path = os.path.join(xdg, "cutover", "admin.sock")
    try:
        r = None
        for _ in range(200):
            if os.path.exists(path):
                r = subprocess.run([cutoverctl_binary(), "status"], capture_output=True,
                                   text=True, timeout=30, env=env, preexec_fn=as_nobody)
                if r.returncode == 0:
                    break
            assert p.poll() is None, p.stdout.read().decode(errors="replace")
            threading.Event().wait(0.1)
        assert r is not None and r.returncode == 0, r and (r.stdout, r.stderr)
        st = os.lstat(os.path.dirname(path))
        assert stat.S_IMODE(st.st_mode) == 0o700 and st.st_uid == NOBODY, oct(st.st_mode)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        p.terminate()
        p.wait(15)
    # The same user without XDG_RUNTIME_DIR (and no /run/cutover of its own): a clear error.
    env.pop("XDG_RUNTIME_DIR")
    out = run_expecting_refusal(ini, env=env, preexec_fn=as_nobody)
    assert "XDG_RUNTIME_DIR" in out and "[admin] socket" in out, out


@needs_root
def test_a_private_directory_that_is_not_private_is_refused(shared_dir):
    xdg = os.path.join(shared_dir, "xdg")
    os.mkdir(xdg, 0o700)
    os.chown(xdg, NOBODY, NOBODY)
    os.mkdir(os.path.join(xdg, "cutover"))
    os.chmod(os.path.join(xdg, "cutover"), 0o777)
    os.chown(os.path.join(xdg, "cutover"), NOBODY, NOBODY)
    env = dict(os.environ, XDG_RUNTIME_DIR=xdg)
    out = run_expecting_refusal(write_ini(shared_dir, ""), env=env, preexec_fn=as_nobody)
    assert "writable by everyone" in out, out


@needs_root
def test_cutoverctl_refuses_a_server_of_another_uid(shared_dir):
    """Someone else's process listens on the path (a squatter): cutoverctl must not send it
    anything and must say why."""
    d = os.path.join(shared_dir, "squat")
    os.mkdir(d, 0o777)
    os.chmod(d, 0o777)
    path = os.path.join(d, "admin.sock")
    received = os.path.join(d, "received")
    # A fake server as uid 65534 that answers "ok" and records what it was sent.
    server = subprocess.Popen(
        ["/usr/bin/python3", "-c",
         "import socket,sys\n"
         "s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(4)\n"
         "print('ready', flush=True)\n"
         "c,_=s.accept(); c.settimeout(5)\n"
         "data=b''\n"
         "try:\n"
         "    data=c.recv(4096)\n"
         "except OSError:\n"
         "    pass\n"
         "open(sys.argv[2],'wb').write(data)\n"
         "c.sendall(b'ok\\n'); c.close()\n", path, received],
        stdout=subprocess.PIPE, preexec_fn=as_nobody)
    try:
        assert server.stdout.readline().strip() == b"ready"
        r = subprocess.run([cutoverctl_binary(), "-s", path, "status"], capture_output=True,
                           text=True, timeout=30)
        assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
        assert "runs as uid %d, neither root nor you" % NOBODY in r.stderr, r.stderr
        server.wait(10)
        assert open(received, "rb").read() == b"", "cutoverctl sent its command to the squatter"
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(5)
