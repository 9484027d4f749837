"""SCRAM pass-through (issue 15, docs/scram.md): users with a verifier in [auth] file authenticate
to cutoverd, which logs in to the server with the ClientKey recovered from their proof.

On PostgreSQL 15 (scram-sha-256 for TCP logins, TLS on): libpq's defaults over TLS to cutoverd
(SCRAM-SHA-256-PLUS on both sides, which relayed authentication cannot do), channel_binding=
require, psycopg, a SASLprep password, a wrong password (the same FATAL as PostgreSQL's), a user
absent from the file (relayed as before), a reload of the file (a changed verifier, a bad file).
On the emulator with SCRAM (self-managed Materialize): a SUBSCRIBE carried over a promote, whose
second login uses the ClientKey through the login shim (loginshim.h); without pass-through it
ends with ZC002."""

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time

import psycopg
import pytest
from psycopg import sql

import pgraw
from itutil import free_port

from test_subscribe_smoke import admin, check_stream, data_row, wait_for

SASLPREP_PASSWORD = "\ufb01le\u00a0s\u00adecret"  # ligature, no-break space, soft hyphen


def verifiers(s, users):
    """userlist.txt lines for `users`, from pg_authid (the README's recipe)."""
    with s.connect(direct=True) as c:
        rows = c.execute("SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY(%s) "
                         "ORDER BY rolname", [list(users)]).fetchall()
    assert len(rows) == len(users), rows
    return "".join('"%s" "%s"\n' % (u, v) for u, v in rows)


def reload_auth(s, path, text, expect):
    """Writes the auth file, SIGHUPs cutoverd and waits for the log line `expect`."""
    before = s.log_tail(100000).count(expect)
    with open(path, "w") as f:
        f.write(text)
    os.kill(s.pid, signal.SIGHUP)
    assert wait_for(lambda: s.log_tail(100000).count(expect) > before, 10), s.log_tail()


PG_USERS = ["u_scram", "u_trust", "u_password", "u_prep", "u_reload"]


@pytest.fixture(scope="module")
def pg(make_stack, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("auth") / "userlist.txt")
    open(path, "w").close()  # empty: every user relayed, until the file is filled in
    s = make_stack(config="[auth]\nfile = %s\n" % path)
    with s.connect(direct=True) as c:
        c.execute(sql.SQL("CREATE ROLE u_prep LOGIN PASSWORD {}").format(
            sql.Literal(SASLPREP_PASSWORD)))
        c.execute("CREATE ROLE u_reload LOGIN PASSWORD 'first_secret'")
    s.auth_file = path
    reload_auth(s, path, verifiers(s, PG_USERS), "auth file %s: 5 users" % path)
    return s


def passthrough_line(s, since):
    """The pass-through log lines logged after `since` (a log length)."""
    return [ln for ln in s.log_tail(100000)[since:].splitlines()
            if "SCRAM pass-through: client" in ln]


def log_len(s):
    return len(s.log_tail(100000))


def tls(s, **kw):
    return dict(sslmode="verify-full", sslrootcert=s["TLS_CA"], **kw)


def test_libpq_defaults_over_tls_bind_both_sides(pg):
    # psql with libpq's defaults (channel_binding=prefer) over TLS to cutoverd, which is TLS to
    # PostgreSQL: relayed, this is refused as a downgrade (test_tls_auth); passed through, both
    # sides use SCRAM-SHA-256-PLUS.
    since = log_len(pg)
    env = dict(os.environ, PGPASSWORD="secret_u_scram", PGSSLMODE="verify-full",
               PGSSLROOTCERT=pg["TLS_CA"])
    env.pop("PGCHANNELBINDING", None)
    out = subprocess.run(["psql", "-X", "-At", "-h", "localhost", "-p", str(pg.proxy_port), "-U",
                          "u_scram", "-d", pg["PG_DB"], "-c",
                          "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"],
                         env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "u_scram|t"
    lines = passthrough_line(pg, since)
    assert lines and lines[-1].endswith("client SCRAM-SHA-256-PLUS, server SCRAM-SHA-256-PLUS "
                                        "(verifier from the auth file)"), pg.log_tail()


def test_channel_binding_require(pg):
    since = log_len(pg)
    with pg.connect(user="u_scram", password="secret_u_scram",
                    **tls(pg, channel_binding="require")) as c:
        assert c.pgconn.ssl_in_use
        assert c.execute("SELECT current_user").fetchone() == ("u_scram",)
    assert passthrough_line(pg, since)[-1].endswith("client SCRAM-SHA-256-PLUS, server "
                                                    "SCRAM-SHA-256-PLUS (verifier from the "
                                                    "auth file)")


def test_plaintext_client_tls_server(pg):
    since = log_len(pg)
    with pg.connect(user="u_scram", password="secret_u_scram", sslmode="disable") as c:
        assert c.execute("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = "
                         "pg_backend_pid()").fetchone() == ("u_scram", True)
    assert passthrough_line(pg, since)[-1].endswith("client SCRAM-SHA-256, server "
                                                    "SCRAM-SHA-256-PLUS (verifier from the "
                                                    "auth file)")


@pytest.mark.parametrize("user", ["u_trust", "u_password"])
def test_other_hba_methods_with_a_verifier(pg, user):
    # The file holds their verifiers: cutoverd authenticates the client with SCRAM, then logs in
    # with what the server asks: nothing (trust) works; a cleartext password cutoverd does not
    # have is refused with a clear message.
    since = log_len(pg)
    if user == "u_trust":
        with pg.connect(user=user, password="secret_" + user, **tls(pg)) as c:
            assert c.execute("SELECT current_user").fetchone() == (user,)
        assert passthrough_line(pg, since)[-1].endswith("server trust (verifier from the auth file)")
    else:
        with pytest.raises(psycopg.OperationalError, match="authentication method 3"):
            pg.connect(user=user, password="secret_" + user, **tls(pg))


def test_psycopg_session_works_end_to_end(pg):
    with pg.connect(user="u_scram", password="secret_u_scram", **tls(pg)) as c:
        c.execute("CREATE TEMP TABLE t (x int)")
        c.execute("INSERT INTO t SELECT generate_series(1, 100)")
        assert c.execute("SELECT count(*) FROM t").fetchone() == (100,)
        assert c.pgconn.parameter_status(b"server_version").startswith(b"15")
        assert c.pgconn.backend_pid != 0


def test_saslprep_password(pg):
    with pg.connect(user="u_prep", password=SASLPREP_PASSWORD, **tls(pg)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_prep",)
    # The NFKC-mapped spelling is the same password after SASLprep, as PostgreSQL has it.
    with pg.connect(user="u_prep", password="file secret", **tls(pg)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_prep",)


def fatal(port, user, password, db):
    with pgraw.Conn(port) as c:
        return pgraw.first_error(c.startup(user, db, password=password))


def test_wrong_password_as_postgresql(pg):
    via = fatal(pg.proxy_port, "u_scram", "wrong", pg["PG_DB"])
    direct = fatal(pg.pg_port, "u_scram", "wrong", pg["PG_DB"])
    assert via is not None and direct is not None
    assert (via["S"], via["C"], via["M"]) == (direct["S"], direct["C"], direct["M"]) == \
        ("FATAL", "28P01", 'password authentication failed for user "u_scram"')
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        pg.connect(user="u_scram", password="wrong", **tls(pg, channel_binding="require"))


def sasl_mechs(port, cafile, user):
    with pgraw.Conn(port) as c:
        assert c.starttls(cafile=cafile, server_hostname="localhost") == b"S"
        c.send(pgraw.startup_packet({"user": user, "database": "cutover"}))
        kind, payload = c.read_message()
        assert kind == b"R", (kind, payload)
        return pgraw.sasl_mechanisms(payload)


def test_user_absent_from_the_file_is_relayed(pg):
    # cutover_admin and u_md5 have no line: their authentication is relayed as before (the
    # server's offer without -PLUS, md5 works).
    assert sasl_mechs(pg.proxy_port, pg["TLS_CA"], "cutover_admin") == ["SCRAM-SHA-256"]
    assert sasl_mechs(pg.proxy_port, pg["TLS_CA"], "u_scram") == ["SCRAM-SHA-256-PLUS",
                                                                   "SCRAM-SHA-256"]
    since = log_len(pg)
    with pg.connect(user="u_md5", password="secret_u_md5", **tls(pg)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_md5",)
    with pg.connect(**tls(pg, channel_binding="disable")) as c:
        assert c.execute("SELECT current_user").fetchone() == (pg["PG_USER"],)
    assert passthrough_line(pg, since) == []


def test_reload_changed_verifier_and_bad_file(pg):
    path = pg.auth_file
    with pg.connect(user="u_reload", password="first_secret", **tls(pg)) as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
    with pg.connect(direct=True) as c:
        c.execute("ALTER ROLE u_reload PASSWORD 'second_secret'")
    # Not reloaded yet: the new password fails at cutoverd (its verifier is the old one), the
    # old one passes cutoverd but not the server (stale verifier), both as 28P01.
    for pw in ("second_secret", "first_secret"):
        err = fatal(pg.proxy_port, "u_reload", pw, pg["PG_DB"])
        assert err and err["C"] == "28P01", err
    assert "the password changed since the auth file was written" in pg.log_tail(50)
    reload_auth(pg, path, verifiers(pg, PG_USERS), "SIGHUP: reloaded")
    with pg.connect(user="u_reload", password="second_secret", **tls(pg)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_reload",)
    # A bad file (an MD5 verifier) fails the reload with file:line; the users in use stay.
    good = verifiers(pg, PG_USERS)
    reload_auth(pg, path, good + '"u_md5" "md5d41d8cd98f00b204e9800998ecf8427e"\n',
                "SIGHUP: reload failed, keeping the old config: %s:%d:" % (
                    path, len(PG_USERS) + 1))
    with pg.connect(user="u_reload", password="second_secret", **tls(pg)) as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
    reload_auth(pg, path, good, "SIGHUP: reloaded")


# ---- other drivers: node-postgres and the PostgreSQL JDBC driver (TLS on both sides) ----

CLIENTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "clients")
JDBC_JAR = "/usr/share/java/postgresql.jar"  # Debian's libpostgresql-jdbc-java


def test_node_postgres(pg):
    # node-postgres with enableChannelBinding: SCRAM-SHA-256-PLUS to cutoverd over TLS, and a
    # wrong password answered 28P01 by cutoverd itself.
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (scripts/install-deps.sh installs it)")
    assert os.path.isdir(os.path.join(CLIENTS, "node_modules", "pg")), \
        "tests/clients/node_modules/pg is missing: run scripts/install-deps.sh"
    since = log_len(pg)
    out = subprocess.run([node, os.path.join(CLIENTS, "pg_scram.js"), "localhost",
                          str(pg.proxy_port), pg["PG_DB"], pg["TLS_CA"], "u_scram",
                          "secret_u_scram", "wrong"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    ok, bad = [json.loads(ln) for ln in out.stdout.splitlines()]
    assert ok == {"user": "u_scram", "ssl": True}
    assert bad["error"] == "28P01" and bad["message"] == \
        'password authentication failed for user "u_scram"', bad
    log = pg.log_tail(100000)[since:]
    assert "client SCRAM-SHA-256-PLUS, server SCRAM-SHA-256-PLUS (verifier from the auth file)" \
        in log, log
    assert "SCRAM pass-through: client authentication failed" in log


def test_jdbc(pg):
    # pgjdbc 42.5 (Debian 12) does not bind channels: it answers cutoverd's offer with plain
    # SCRAM-SHA-256 over TLS; cutoverd still binds its own login to the server.
    java = shutil.which("java")
    if java is None or not os.path.exists(JDBC_JAR):
        pytest.skip("java or %s is not installed (scripts/install-deps.sh installs "
                    "default-jdk-headless and libpostgresql-jdbc-java)" % JDBC_JAR)
    since = log_len(pg)
    out = subprocess.run([java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", JDBC_JAR,
                          os.path.join(CLIENTS, "JdbcScram.java"), "localhost",
                          str(pg.proxy_port), pg["PG_DB"], pg["TLS_CA"], "u_scram",
                          "secret_u_scram", "wrong"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "user=u_scram ssl=t", out.stdout
    assert lines[1].startswith("error=28P01 ") and \
        'password authentication failed for user "u_scram"' in lines[1], lines[1]
    log = pg.log_tail(100000)[since:]
    assert "client SCRAM-SHA-256, server SCRAM-SHA-256-PLUS (verifier from the auth file)" \
        in log, log
    assert "SCRAM pass-through: client authentication failed" in log


# ---- the auth query ([auth] user / dsn / query) on PostgreSQL ----

# README's recipe: a role of its own runs a SECURITY DEFINER function that reads pg_shadow
# (superusers only), and only that function.
GET_AUTH = [
    "CREATE ROLE cutover_auth LOGIN PASSWORD 'secret_cutover_auth'",
    "CREATE SCHEMA cutover_auth",
    "REVOKE ALL ON SCHEMA cutover_auth FROM PUBLIC",
    "GRANT USAGE ON SCHEMA cutover_auth TO cutover_auth",
    """CREATE FUNCTION cutover_auth.get_auth(p_usename text, OUT usename name, OUT passwd text)
       RETURNS SETOF record LANGUAGE sql STABLE SECURITY DEFINER
       SET search_path = pg_catalog, pg_temp AS
       $$ SELECT usename, passwd FROM pg_catalog.pg_shadow
          WHERE usename = p_usename AND NOT usesuper $$""",
    "REVOKE ALL ON FUNCTION cutover_auth.get_auth(text) FROM PUBLIC",
    "GRANT EXECUTE ON FUNCTION cutover_auth.get_auth(text) TO cutover_auth",
]


def set_config(s, sections):
    """Rewrites the stack's cutover.ini with `sections` ({section: {key: value or None}})
    merged in (None removes a key), SIGHUPs cutoverd and waits for the reload."""
    path = s["CUTOVER_CONFIG"]
    cur, order, out = None, [], {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                cur = line[1:-1]
                order.append(cur)
                out.setdefault(cur, {})
            elif "=" in line and cur:
                k, v = line.split("=", 1)
                out[cur][k.strip()] = v.strip()
    for sec, kvs in sections.items():
        if sec not in out:
            order.append(sec)
            out[sec] = {}
        for k, v in kvs.items():
            if v is None:
                out[sec].pop(k, None)
            else:
                out[sec][k] = v
    text = "".join("[%s]\n%s\n" % (sec, "".join("%s = %s\n" % kv for kv in out[sec].items()))
                   for sec in order)
    before = s.log_tail(100000).count("SIGHUP: reloaded")
    with open(path, "w") as f:
        f.write(text)
    os.kill(s.pid, signal.SIGHUP)
    assert wait_for(lambda: s.log_tail(100000).count("SIGHUP: reloaded") > before, 10), \
        s.log_tail()


AQ_OFF = {"auth": {"user": None, "dsn": None, "query": None},
          "backend": {"connect_timeout": None}}


def aq_keys(s, port=None):
    return {"auth": {
        "user": "cutover_auth",
        "dsn": "host=127.0.0.1 port=%d dbname=%s password=secret_cutover_auth sslmode=verify-full "
               "sslrootcert=%s" % (port or s.pg_port, s["PG_DB"], s["TLS_CA"]),
        "query": "SELECT usename, passwd FROM cutover_auth.get_auth($1)"}}


@pytest.fixture
def aq(pg):
    """The auth query on, as README sets it up, for one test; the auth file alone after it."""
    if not getattr(pg, "aq_ready", False):
        with pg.connect(direct=True) as c:
            for stmt in GET_AUTH:
                c.execute(stmt)
            c.execute("CREATE ROLE u_aq LOGIN PASSWORD 'first_secret'")
            c.execute("CREATE ROLE u_filewins LOGIN PASSWORD 'file_secret'")
        pg.aq_ready = True
    with pg.connect(direct=True) as c:
        c.execute("ALTER ROLE u_aq PASSWORD 'first_secret'")
    set_config(pg, aq_keys(pg))
    yield pg
    set_config(pg, AQ_OFF)


def test_auth_query_user_passes_through(aq):
    # u_aq is not in the auth file: the auth query finds its verifier, and cutoverd runs SCRAM
    # itself (its own offer with -PLUS, which a relayed login never shows), channel binding on
    # both sides with libpq's defaults.
    assert sasl_mechs(aq.proxy_port, aq["TLS_CA"], "u_aq") == ["SCRAM-SHA-256-PLUS",
                                                                "SCRAM-SHA-256"]
    since = log_len(aq)
    with aq.connect(user="u_aq", password="first_secret", **tls(aq)) as c:
        assert c.execute("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = "
                         "pg_backend_pid()").fetchone() == ("u_aq", True)
    assert passthrough_line(aq, since)[-1].endswith(
        "client SCRAM-SHA-256-PLUS, server SCRAM-SHA-256-PLUS (verifier from the auth query)"), \
        aq.log_tail()
    # A wrong password: cutoverd's own refusal, in PostgreSQL's words.
    since = log_len(aq)
    via = fatal(aq.proxy_port, "u_aq", "wrong", aq["PG_DB"])
    direct = fatal(aq.pg_port, "u_aq", "wrong", aq["PG_DB"])
    assert (via["S"], via["C"], via["M"]) == (direct["S"], direct["C"], direct["M"]) == \
        ("FATAL", "28P01", 'password authentication failed for user "u_aq"')
    assert "SCRAM pass-through: client authentication failed" in aq.log_tail(100000)[since:]


def test_auth_query_without_a_verifier_relays(aq):
    # No row (no such role; a superuser, which the function leaves out) and an MD5 verifier:
    # relayed as before (the server's offer, without -PLUS; md5 works).
    for user in ("nosuch", "cutover_admin"):
        assert sasl_mechs(aq.proxy_port, aq["TLS_CA"], user) == ["SCRAM-SHA-256"], user
    since = log_len(aq)
    with aq.connect(user="u_md5", password="secret_u_md5", **tls(aq)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_md5",)
    with aq.connect(**tls(aq, channel_binding="disable")) as c:
        assert c.execute("SELECT current_user").fetchone() == (aq["PG_USER"],)
    via = fatal(aq.proxy_port, "nosuch", "x", aq["PG_DB"])
    assert (via["C"], via["M"]) == ("28P01", 'password authentication failed for user "nosuch"')
    assert passthrough_line(aq, since) == []


def test_auth_query_sees_a_password_change_without_reload(aq):
    with aq.connect(user="u_aq", password="first_secret", **tls(aq)) as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
    with aq.connect(direct=True) as c:
        c.execute("ALTER ROLE u_aq PASSWORD 'second_secret'")
    since = log_len(aq)
    with aq.connect(user="u_aq", password="second_secret", **tls(aq)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
    assert passthrough_line(aq, since)[-1].endswith("(verifier from the auth query)")
    err = fatal(aq.proxy_port, "u_aq", "first_secret", aq["PG_DB"])
    assert err and err["C"] == "28P01", err


def test_auth_file_wins_over_auth_query(aq):
    # u_filewins is in the file with the verifier of 'file_secret'; the server's is now
    # 'query_secret'. The file's entry is used (so the new password fails at cutoverd), not the
    # auth query's.
    path = aq.auth_file
    with aq.connect(direct=True) as c:
        c.execute("ALTER ROLE u_filewins PASSWORD 'file_secret'")
    reload_auth(aq, path, verifiers(aq, PG_USERS + ["u_filewins"]), "SIGHUP: reloaded")
    try:
        with aq.connect(direct=True) as c:
            c.execute("ALTER ROLE u_filewins PASSWORD 'query_secret'")
        since = log_len(aq)
        err = fatal(aq.proxy_port, "u_filewins", "query_secret", aq["PG_DB"])
        assert err and err["C"] == "28P01", err
        assert "SCRAM pass-through: client authentication failed" in \
            aq.log_tail(100000)[since:]
    finally:
        reload_auth(aq, path, verifiers(aq, PG_USERS), "SIGHUP: reloaded")


def test_auth_query_default_through_admin_dsn(aq):
    # PgBouncer's default query (pg_shadow) as a superuser, on admin.dsn's connection.
    set_config(aq, {"auth": {"user": aq["PG_USER"], "dsn": None, "query": None}})
    since = log_len(aq)
    with aq.connect(user="u_aq", password="first_secret", **tls(aq)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
    assert passthrough_line(aq, since)[-1].endswith("(verifier from the auth query)")


def test_auth_query_dsn_host_looked_up_without_libpq(aq):
    # auth.dsn names the host: cutoverd looks it up with evdns and hands libpq the address
    # (hostaddr; `host` stays, so verify-full still checks the certificate's name). A name that
    # does not resolve: cutoverd's own message, not libpq's "could not translate host name",
    # and the login is relayed.
    keys = aq_keys(aq)
    dsn = keys["auth"]["dsn"]
    keys["auth"]["dsn"] = dsn.replace("host=127.0.0.1", "host=localhost")
    set_config(aq, keys)
    since = log_len(aq)
    with aq.connect(user="u_aq", password="first_secret", **tls(aq)) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
    assert passthrough_line(aq, since)[-1].endswith("(verifier from the auth query)"), \
        aq.log_tail()
    keys["auth"]["dsn"] = dsn.replace("host=127.0.0.1", "host=does-not-exist.invalid")
    set_config(aq, keys)
    since = log_len(aq)
    with aq.connect(user="u_aq", password="first_secret",
                    **tls(aq, channel_binding="disable")) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
    log = aq.log_tail(100000)[since:]
    assert 'auth query failed: could not resolve host "does-not-exist.invalid"' in log, log
    assert passthrough_line(aq, since) == []


def test_auth_query_lookup_failure_relays_in_bounded_time(aq):
    # Nothing listens at auth.dsn's port: the lookup fails at once and the login is relayed
    # (channel binding off: a relayed login cannot bind).
    set_config(aq, aq_keys(aq, port=free_port()))
    since = log_len(aq)
    with aq.connect(user="u_aq", password="first_secret",
                    **tls(aq, channel_binding="disable")) as c:
        assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
    log = aq.log_tail(100000)[since:]
    assert "auth query failed: " in log and "relaying authentication" in log, log
    assert passthrough_line(aq, since) == []
    # A server that accepts and never answers: the lookup gives up after
    # backend.connect_timeout, then the login is relayed.
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(8)
    try:
        keys = aq_keys(aq, port=hole.getsockname()[1])
        keys["backend"] = {"connect_timeout": "1s"}
        set_config(aq, keys)
        since = log_len(aq)
        t0 = time.monotonic()
        with aq.connect(user="u_aq", password="first_secret",
                        **tls(aq, channel_binding="disable")) as c:
            assert c.execute("SELECT current_user").fetchone() == ("u_aq",)
        waited = time.monotonic() - t0
    finally:
        hole.close()
    log = aq.log_tail(100000)[since:]
    assert "auth query failed: no connection within backend.connect_timeout (1000 ms); " \
        "relaying authentication" in log, log
    assert waited >= 0.9, waited  # it did wait for the lookup, not skip it
    assert passthrough_line(aq, since) == []


# ---- the SUBSCRIBE carry-over under SCRAM, on the emulator (self-managed Materialize) ----

MZ_CONFIG = """
[deployment]
schemas = analytics
clusters = compute
[auth]
file = %s
"""

VIEW = "SELECT id, 'v' || id::text AS label FROM public.src"


def mz_connect(s, direct=False):
    port = int(s["MZ_PORT"]) if direct else s.proxy_port
    return psycopg.connect("host=127.0.0.1 port=%d user=%s password=%s dbname=%s sslmode=disable "
                           "connect_timeout=10" % (port, s["MZ_USER"], s["MZ_PASSWORD"],
                                                   s["MZ_DB"]), autocommit=True)


@pytest.fixture(scope="module")
def mzs(make_stack, tmp_path_factory):
    path = str(tmp_path_factory.mktemp("mzauth") / "userlist.txt")
    open(path, "w").close()
    s = make_stack(backend="materialize", config=MZ_CONFIG % path,
                   extra_args=["--mz-auth", "scram"])
    # The verifier the emulator stores for the user (made at its first login), as an operator
    # would take it from the server's catalog.
    with mz_connect(s, direct=True) as c:
        c.execute("SELECT 1")
    with psycopg.connect(s.dsn(s.pg_port, dbname="mzemu")) as c:
        (v,) = c.execute("SELECT verifier FROM mz_emu.scram_verifiers WHERE role_name = %s",
                         [s["MZ_USER"]]).fetchone()
    reload_auth(s, path, '"%s" "%s"\n' % (s["MZ_USER"], v), "auth file %s: 1 users" % path)
    return s


def run(s, line):
    ok, out = admin(s, line)
    assert ok, "%s:\n%s\n%s" % (line, "\n".join(out), s.log_tail(20))
    return out


def setup_envs(s):
    with mz_connect(s, direct=True) as c:
        for stmt in ("DROP SCHEMA IF EXISTS analytics CASCADE",
                     "DROP SCHEMA IF EXISTS analytics_dbt_deploy CASCADE",
                     "DROP CLUSTER IF EXISTS compute CASCADE",
                     "DROP CLUSTER IF EXISTS compute_dbt_deploy CASCADE",
                     "DROP SCHEMA IF EXISTS cutover_marker CASCADE",
                     "DROP SCHEMA IF EXISTS cutover_marker_dbt_deploy CASCADE",
                     "DROP TABLE IF EXISTS public.src",
                     "CREATE TABLE public.src (id int)",
                     "CREATE CLUSTER compute (SIZE = '1')",
                     "CREATE SCHEMA analytics",
                     "CREATE MATERIALIZED VIEW analytics.v IN CLUSTER compute AS " + VIEW):
            c.execute(stmt)
    run(s, "deploy init")
    with mz_connect(s, direct=True) as c:
        c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.v IN CLUSTER "
                  "compute_dbt_deploy AS " + VIEW)


class Writer(threading.Thread):
    def __init__(self, s, period=0.01):
        super().__init__(daemon=True)
        self.s, self.period, self.n = s, period, 0
        self.stop = threading.Event()

    def run(self):
        with mz_connect(self.s, direct=True) as c:
            while not self.stop.is_set():
                self.n += 1
                c.execute("INSERT INTO public.src VALUES (%d)" % self.n)
                time.sleep(self.period)


class Subscriber(threading.Thread):
    """SUBSCRIBE over the simple query protocol; the client authenticates with SCRAM."""

    def __init__(self, s, sql_text):
        super().__init__(daemon=True)
        self.s = s
        self.conn = pgraw.Conn(s.proxy_port, timeout=30)
        self.pid, self.key = self.conn.startup_key(s["MZ_USER"], s["MZ_DB"],
                                                   password=s["MZ_PASSWORD"])
        self.sql = sql_text
        self.rows, self.errors, self.ready = [], [], False

    def run(self):
        self.conn.send(pgraw.query(self.sql))
        try:
            while True:
                kind, payload = self.conn.read_message()
                if kind == b"D":
                    r = data_row(payload)
                    self.rows.append((int(r[0]), int(r[1]), int(r[2]), r[3]))
                elif kind == b"E":
                    self.errors.append(pgraw.parse_fields(payload))
                elif kind == b"Z":
                    self.ready = True
                    return
        except (pgraw.Closed, OSError) as e:
            self.errors.append({"M": "connection: %s" % e})

    def cancel(self):
        import socket
        import struct
        with socket.create_connection(("127.0.0.1", self.s.proxy_port), timeout=5) as c:
            c.sendall(struct.pack("!IIII", 16, 80877102, self.pid, self.key))
            c.recv(1)


def test_subscribe_carried_over_promote_with_the_client_key(mzs):
    setup_envs(mzs)
    since = log_len(mzs)
    writer = Writer(mzs)
    writer.start()
    sub = Subscriber(mzs, "SUBSCRIBE analytics.v")
    sub.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 20), (len(sub.rows), sub.errors, mzs.log_tail())
        before = mzs.log_tail(100000).count("carried over at T=")
        run(mzs, "deploy promote --wait --poll-interval 100ms --timeout 60s")
        assert wait_for(lambda: mzs.log_tail(100000).count("carried over at T=") == before + 1), \
            mzs.log_tail()
        at_switch = len(sub.rows)
        run(mzs, "deploy cleanup")
        assert wait_for(lambda: len(sub.rows) > at_switch + 20), (len(sub.rows), sub.errors,
                                                                  mzs.log_tail())
        assert sub.errors == [] and sub.is_alive(), sub.errors
    finally:
        writer.stop.set()
        writer.join(5)
        sub.cancel()
        sub.join(10)
        sub.conn.close()
    check_stream("scram", sub)
    log = mzs.log_tail(100000)[since:]
    # The client authenticated to cutoverd with SCRAM (the emulator offers no channel binding),
    # and the carry-over's own connection logged in through the shim with the ClientKey.
    assert "SCRAM pass-through: client SCRAM-SHA-256, server SCRAM-SHA-256" in log
    assert "login shim L-1: logged in to the server (SCRAM)" in log, log
    assert "ZC002" not in log
    assert mzs["MZ_PASSWORD"] not in log


def test_without_pass_through_the_carry_over_ends_zc002(make_stack):
    # The control: the same promote with relayed SCRAM (no auth file) cannot log in again.
    s = make_stack(backend="materialize", config=MZ_CONFIG.replace("[auth]\nfile = %s\n", ""),
                   extra_args=["--mz-auth", "scram"])
    setup_envs(s)
    sub = Subscriber(s, "SUBSCRIBE analytics.v")
    sub.start()
    writer = Writer(s)
    writer.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 5), (len(sub.rows), sub.errors)
        run(s, "deploy promote --wait --poll-interval 100ms --timeout 60s")
        assert wait_for(lambda: not sub.is_alive(), 30), s.log_tail()
    finally:
        writer.stop.set()
        writer.join(5)
        sub.conn.close()
    assert [e.get("C") for e in sub.errors] == ["ZC002"], sub.errors
    assert "cannot repeat" in sub.errors[0]["M"]


def downgrade_error(port, cafile):
    """Over TLS, answer an offer with -PLUS by 'y' ("the server seemed unable to bind"): the
    FATAL that follows."""
    import struct
    with pgraw.Conn(port) as c:
        assert c.starttls(cafile=cafile, server_hostname="localhost") == b"S"
        c.send(pgraw.startup_packet({"user": "u_scram", "database": "cutover"}))
        kind, payload = c.read_message()
        assert kind == b"R" and "SCRAM-SHA-256-PLUS" in pgraw.sasl_mechanisms(payload)
        first = b"y,,n=,r=" + b"abcdefghijklmnopqrstuvwx"
        c.send(pgraw.message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first)) + first))
        kind, payload = c.read_message()
        assert kind == b"E", (kind, payload)
        return pgraw.parse_fields(payload)


def test_channel_binding_downgrade_refused_as_postgresql(pg):
    via = downgrade_error(pg.proxy_port, pg["TLS_CA"])
    direct = downgrade_error(pg.pg_port, pg["TLS_CA"])
    assert (via["S"], via["C"], via["M"]) == (direct["S"], direct["C"], direct["M"]) == \
        ("FATAL", "28000", "SCRAM channel binding negotiation error")
