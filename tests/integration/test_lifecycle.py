"""Process lifecycle: --check, SIGHUP reload, SIGTERM drain, crash + restart."""

import os
import signal
import socket
import subprocess
import threading
import time

import psycopg
import pytest

from itutil import STACK, cutoverd_binary, pid_alive


def check(path):
    return subprocess.run([cutoverd_binary(), "-c", str(path), "--check"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)


def test_check_good_config(stack):
    r = check(stack["CUTOVER_CONFIG"])
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_bad_config_reports_file_line(stack, tmp_path):
    with open(stack["CUTOVER_CONFIG"]) as f:
        lines = f.read().splitlines()
    i = lines.index("[proxy]")
    lines.insert(i + 1, "no_such_key = 1")
    bad = tmp_path / "bad.ini"
    bad.write_text("\n".join(lines) + "\n")
    r = check(bad)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "%s:%d" % (bad, i + 2) in r.stdout + r.stderr, r.stdout + r.stderr


def test_check_bad_value(tmp_path):
    bad = tmp_path / "bad.ini"
    bad.write_text("[proxy]\nlisten = 127.0.0.1:6432\nmax_client_conn = lots\n")
    r = check(bad)
    assert r.returncode == 2
    assert "%s:3" % bad in r.stdout + r.stderr, r.stdout + r.stderr


def test_check_missing_file(tmp_path):
    r = check(tmp_path / "nope.ini")
    assert r.returncode != 0


def test_sighup_reload_keeps_serving(make_stack):
    s = make_stack()
    path = s["CUTOVER_CONFIG"]
    with open(path) as f:
        orig = f.read()
    with s.connect() as held:
        # A valid change (log level): reloaded, sessions and new connections keep working.
        with open(path, "a") as f:
            f.write("\n[log]\nlevel = debug\n")
        os.kill(s.pid, signal.SIGHUP)
        time.sleep(0.5)
        assert s.alive()
        assert held.execute("SELECT 'held'").fetchone() == ("held",)
        with s.connect() as c:
            assert c.execute("SELECT 'new'").fetchone() == ("new",)
        # An invalid file: the reload is refused and the old config keeps serving.
        with open(path, "w") as f:
            f.write(orig + "\n[proxy_typo]\nwhat = ever\n")
        os.kill(s.pid, signal.SIGHUP)
        time.sleep(0.5)
        assert s.alive()
        assert held.execute("SELECT 'held 2'").fetchone() == ("held 2",)
        with s.connect() as c:
            assert c.execute("SELECT 'new 2'").fetchone() == ("new 2",)
    with open(path, "w") as f:
        f.write(orig)


def connect_refused(port):
    """True if a new client cannot get a session on the port."""
    try:
        with psycopg.connect("host=127.0.0.1 port=%d user=u_trust dbname=cutover "
                             "connect_timeout=5" % port) as c:
            c.execute("SELECT 1")
        return False
    except psycopg.OperationalError:
        return True


def test_sigterm_drains(make_stack):
    s = make_stack(config="[proxy]\nshutdown_timeout = 6s\n")
    pid = s.pid
    conn = s.connect(user="u_trust")
    result = {}

    def run():
        try:
            result["row"] = conn.execute("SELECT pg_sleep(2), 'finished'").fetchone()[1]
        except psycopg.Error as e:
            result["error"] = e

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.3)
    t_term = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    time.sleep(0.3)
    assert connect_refused(s.proxy_port), "new connections still accepted while draining"
    t.join(15)
    assert result.get("row") == "finished", result  # the session in progress finished
    conn.close()
    while pid_alive(pid) and time.monotonic() - t_term < 6 + 5:
        time.sleep(0.05)
    assert not pid_alive(pid), "cutoverd still running %.1f s after SIGTERM" % (
        time.monotonic() - t_term)


def test_sigterm_gives_up_after_shutdown_timeout(make_stack):
    s = make_stack(config="[proxy]\nshutdown_timeout = 2s\n")
    pid = s.pid
    conn = s.connect(user="u_trust")
    conn.execute("BEGIN")  # an idle-in-transaction session that never ends by itself
    t_term = time.monotonic()
    os.kill(pid, signal.SIGTERM)
    while pid_alive(pid) and time.monotonic() - t_term < 15:
        time.sleep(0.05)
    elapsed = time.monotonic() - t_term
    assert not pid_alive(pid), "cutoverd ignored its 2 s shutdown_timeout"
    assert elapsed >= 1.5, elapsed  # it did wait for the session first
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()


def test_restart_proxy_after_kill9(make_stack):
    s = make_stack()
    old = s.pid
    r = subprocess.run([STACK, "restart-proxy", s.dir], env=dict(os.environ,
                       CUTOVERD=cutoverd_binary()), capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    s.reload_env()
    assert s.pid != old and s.alive() and not pid_alive(old)
    with s.connect() as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
