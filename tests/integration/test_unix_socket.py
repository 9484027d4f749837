"""The production route's Unix-domain socket ([proxy] unix_socket_dir): psql -h DIR -p PORT reaches
the server through it, the socket gets unix_socket_mode, a stale socket file is replaced, a live one
or a file that is not a socket is refused, and the file is gone after shutdown."""

import os
import shutil
import signal
import socket
import stat
import subprocess
import time

import pytest

from itutil import cutoverd_binary, free_port

PSQL = shutil.which("psql") or "/usr/lib/postgresql/15/bin/psql"


def psql(host, port, user, password, db, sql):
    env = dict(os.environ, PGPASSWORD=password, PGCONNECT_TIMEOUT="10")
    return subprocess.run([PSQL, "-X", "-At", "-h", host, "-p", str(port), "-U", user, "-d", db,
                           "-c", sql], env=env, capture_output=True, text=True, timeout=30)


def test_psql_through_the_unix_socket(make_stack):
    s = make_stack(config="[proxy]\nunix_socket_dir = ${STACK_DIR}\nunix_socket_mode = 0770\n")
    path = os.path.join(s.dir, ".s.PGSQL.%d" % s.proxy_port)
    st = os.lstat(path)
    assert stat.S_ISSOCK(st.st_mode)
    assert stat.S_IMODE(st.st_mode) == 0o770
    # The proxy's own session with the server is TCP, so the server sees a client address; a
    # direct Unix connection to PostgreSQL would show none. The proxy's ConnectionID shows the
    # query went through cutoverd.
    r = psql(s.dir, s.proxy_port, s["PG_USER"], s["PG_PASSWORD"], s["PG_DB"],
             "SELECT inet_client_addr() IS NOT NULL, 6 * 7")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "t|42"
    assert "listening on unix:%s (route production)" % path in s.log_tail(400)
    assert "@unix open: db=%s route=production" % s["PG_DB"] in s.log_tail(400)
    # The TCP listener keeps working beside it.
    r = psql("127.0.0.1", s.proxy_port, s["PG_USER"], s["PG_PASSWORD"], s["PG_DB"], "SELECT 1")
    assert r.returncode == 0 and r.stdout.strip() == "1", r.stderr


def write_ini(tmp_path, sockdir):
    """A cutoverd config with a Unix socket in sockdir and an unreachable backend (only the
    listeners matter here); returns (ini path, listen port, socket path)."""
    port = free_port()
    ini = tmp_path / "c.ini"
    ini.write_text("[proxy]\nlisten = 127.0.0.1:%d\nunix_socket_dir = %s\n"
                   "[backend]\naddress = 127.0.0.1:%d\n[admin]\nsocket =\n"
                   % (port, sockdir, free_port()))
    return ini, port, str(sockdir / (".s.PGSQL.%d" % port))


def wait_listening(p, port):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert p.poll() is None, "cutoverd exited with %s" % p.returncode
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("cutoverd did not listen on %d" % port)


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(5)


def test_a_stale_socket_is_replaced_and_removed_at_shutdown(tmp_path):
    sockdir = tmp_path / "sock"
    sockdir.mkdir()
    ini, port, path = write_ini(tmp_path, sockdir)
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(path)  # bound, never listening, closed: what a killed daemon leaves
    left.close()
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    p = subprocess.Popen([cutoverd_binary(), "-c", str(ini)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_listening(p, port)
        c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        c.settimeout(5)
        c.connect(path)  # cutoverd's own socket now accepts
        c.close()
        assert stat.S_IMODE(os.lstat(path).st_mode) == 0o777  # the default mode
    finally:
        stop(p)
    assert p.returncode == 0
    assert not os.path.exists(path)


def test_a_live_socket_or_another_file_is_not_taken_over(tmp_path):
    sockdir = tmp_path / "sock"
    sockdir.mkdir()
    ini, _, path = write_ini(tmp_path, sockdir)

    def run_expecting_failure():
        r = subprocess.run([cutoverd_binary(), "-c", str(ini)], stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=30)
        assert r.returncode != 0
        return r.stdout + r.stderr

    owner = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    owner.bind(path)
    owner.listen(1)
    try:
        out = run_expecting_failure()
        assert "could not listen on %s: in use by another process" % path in out, out
        assert stat.S_ISSOCK(os.lstat(path).st_mode)  # left alone
    finally:
        owner.close()
    os.unlink(path)

    with open(path, "w") as f:
        f.write("not a socket\n")
    out = run_expecting_failure()
    assert "could not listen on %s: exists and is not a socket" % path in out, out
    with open(path) as f:
        assert f.read() == "not a socket\n"
