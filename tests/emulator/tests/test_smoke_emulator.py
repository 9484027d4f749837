"""Smoke checks for the Materialize emulator (the checklist tests live beside this file).

Starts a private PostgreSQL 15 (as an unprivileged user when run as root) and one emulator,
both on 127.0.0.1, and stops both by PID at the end. Run: /usr/bin/python3 -m pytest -q <this file>
"""

import os
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import time

import psycopg
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
EMU = os.path.join(os.path.dirname(HERE), "mzemu.py")
PGBIN = "/usr/lib/postgresql/15/bin"


def _free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def _as_pg_user(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "cutover", "--"] + cmd
    return cmd


@pytest.fixture(scope="module")
def smoke_pg():
    d = tempfile.mkdtemp(prefix="mzemu-smoke-")
    if os.geteuid() == 0:
        shutil.chown(d, "cutover")
    data = os.path.join(d, "data")
    subprocess.run(_as_pg_user([PGBIN + "/initdb", "-D", data, "-U", "postgres", "--auth=trust"]),
                   check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    proc = subprocess.Popen(_as_pg_user([PGBIN + "/postgres", "-D", data, "-p", str(port), "-k", d,
                                         "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=150"]),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dsn = "host=127.0.0.1 port=%d user=postgres" % port
    for _ in range(100):
        try:
            with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as c:
                c.execute("CREATE DATABASE mzemu")
            break
        except psycopg.OperationalError:
            time.sleep(0.1)
    yield dsn + " dbname=mzemu"
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(d, ignore_errors=True)


def _start_emu(pg_dsn, *extra, env=None):
    port, cport = _free_port(), _free_port()
    proc = subprocess.Popen(["/usr/bin/python3", EMU, "--listen", "127.0.0.1:%d" % port, "--pg", pg_dsn,
                             "--control", "127.0.0.1:%d" % cport, "--hydration-delay", "0.3", *extra],
                            stdout=subprocess.PIPE, env=env)
    line = proc.stdout.readline()
    assert line.strip() == b"ready"
    return proc, port, cport


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def emu(smoke_pg):
    proc, port, cport = _start_emu(smoke_pg)
    yield port, cport
    _stop(proc)


def connect(port, user="materialize", **kw):
    return psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=materialize" % (port, user), autocommit=True, **kw)


def ctl(cport, cmd):
    with socket.create_connection(("127.0.0.1", cport)) as s:
        s.sendall((cmd + "\n").encode())
        return s.makefile().readline().strip()


def _raw_startup(port, params):
    s = socket.create_connection(("127.0.0.1", port))
    body = struct.pack("!I", 196608) + b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in params) + b"\0"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    msgs = []
    buf = b""
    while True:
        while len(buf) < 5 or len(buf) < 1 + struct.unpack("!I", buf[1:5])[0]:
            chunk = s.recv(65536)
            assert chunk
            buf += chunk
        n = struct.unpack("!I", buf[1:5])[0]
        msgs.append((buf[:1], buf[5: 1 + n]))
        buf = buf[1 + n:]
        if msgs[-1][0] in (b"Z", b"E"):
            break
    s.close()
    return msgs


def test_startup_sequence(emu):
    msgs = _raw_startup(emu[0], [("user", "alice"), ("options", "--cluster=foo -c application_name=x\\ y -cbad")])
    kinds = [m[0] for m in msgs]
    assert kinds[0] == b"R"
    params = [m[1].split(b"\0")[:2] for m in msgs if m[0] == b"S"]
    names = [p[0].decode() for p in params]
    assert names == ["application_name", "client_encoding", "DateStyle", "integer_datetimes", "server_version",
                     "standard_conforming_strings", "TimeZone", "IntervalStyle", "cluster", "cluster_replica",
                     "database", "search_path", "mz_version"]
    vals = dict((p[0].decode(), p[1].decode()) for p in params)
    assert vals["server_version"] == "9.5.0"
    # one bad word (-cbad): nothing from options is applied (fact sheet §2)
    assert vals["cluster"] == "quickstart"
    assert vals["application_name"] == ""
    assert vals["mz_version"].startswith("v") and "(" in vals["mz_version"]
    assert kinds.index(b"K") > max(i for i, k in enumerate(kinds) if k == b"S")
    notices = [m[1] for m in msgs if m[0] == b"N"]
    assert any(b"startup setting options not set: could not parse" in n for n in notices)
    assert any(b"connected to Materialize" in n for n in notices)
    assert kinds[-1] == b"Z"


def test_bad_protocol_version(emu):
    s = socket.create_connection(("127.0.0.1", emu[0]))
    body = struct.pack("!I", (2 << 16)) + b"user\0x\0\0"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    data = s.recv(4096)
    s.close()
    assert data[:1] == b"E" and b"08004" in data


def test_password_auth(smoke_pg):
    env = dict(os.environ, MZEMU_PASSWORD="sekret")
    proc, port, _ = _start_emu(smoke_pg, "--password-auth", env=env)
    try:
        with psycopg.connect("host=127.0.0.1 port=%d user=bob dbname=materialize password=sekret" % port) as c:
            assert c.execute("SELECT current_user").fetchone()[0] == "bob"
        with pytest.raises(psycopg.OperationalError, match="invalid password"):
            psycopg.connect("host=127.0.0.1 port=%d user=bob dbname=materialize password=nope" % port)
    finally:
        _stop(proc)


def test_swap_keeps_ids_and_is_atomic(emu):
    c = connect(emu[0])
    c.execute("CREATE SCHEMA sw")
    c.execute("CREATE SCHEMA sw_dbt_deploy")
    c.execute("CREATE CLUSTER swc (SIZE = '25cc')")
    c.execute("CREATE CLUSTER swc_dbt_deploy (SIZE = '50cc', REPLICATION FACTOR = 2)")
    ids = dict(c.execute("SELECT name, id FROM mz_schemas WHERE name LIKE 'sw%'").fetchall())
    cids = dict(c.execute("SELECT name, id FROM mz_clusters WHERE name LIKE 'swc%'").fetchall())
    c.execute('BEGIN; ALTER SCHEMA "sw" SWAP WITH "sw_dbt_deploy"; ALTER CLUSTER "swc" SWAP WITH "swc_dbt_deploy"; COMMIT;')
    ids2 = dict(c.execute("SELECT name, id FROM mz_schemas WHERE name LIKE 'sw%'").fetchall())
    cids2 = dict(c.execute("SELECT name, id FROM mz_clusters WHERE name LIKE 'swc%'").fetchall())
    assert ids2 == {"sw": ids["sw_dbt_deploy"], "sw_dbt_deploy": ids["sw"]}
    assert cids2 == {"swc": cids["swc_dbt_deploy"], "swc_dbt_deploy": cids["swc"]}
    # a failing statement in the block undoes the first swap
    with pytest.raises(psycopg.Error):
        c.execute('BEGIN; ALTER SCHEMA "sw" SWAP WITH "sw_dbt_deploy"; ALTER CLUSTER "swc" SWAP WITH "nope"; COMMIT;')
    c.execute("ROLLBACK")
    assert dict(c.execute("SELECT name, id FROM mz_schemas WHERE name LIKE 'sw%'").fetchall()) == ids2


def test_fail_next_swap_knob(emu):
    c = connect(emu[0])
    c.execute("CREATE SCHEMA fk")
    c.execute("CREATE SCHEMA fk_dbt_deploy")
    assert ctl(emu[1], "fail_next_swap") == "ok"
    with pytest.raises(psycopg.errors.SerializationFailure) as ei:
        c.execute('BEGIN; ALTER SCHEMA "fk" SWAP WITH "fk_dbt_deploy"; COMMIT;')
    assert "another session modified the catalog" in str(ei.value)
    assert ei.value.diag.message_hint.startswith("Currently, DDL transactions fail")
    c.execute('BEGIN; ALTER SCHEMA "fk" SWAP WITH "fk_dbt_deploy"; COMMIT;')


def test_subscribe_progress_and_diffs(emu):
    c = connect(emu[0])
    w = connect(emu[0])
    c.execute("CREATE TABLE st (k int, v text)")
    c.execute("INSERT INTO st VALUES (1, 'a'), (1, 'a'), (2, 'b')")
    c.execute("BEGIN")
    c.execute("DECLARE cur CURSOR FOR SUBSCRIBE st WITH (PROGRESS)")
    rows = c.execute("FETCH ALL cur").fetchall()
    assert [d.name for d in c.cursor().description or []] == [] or True
    as_of = rows[0][0]
    assert rows[0][1] is True  # first row: progress at AS OF
    snap = sorted((r[2], r[3], r[4]) for r in rows[1:] if not r[1])
    assert snap == [(1, 2, "b"), (2, 1, "a")]
    assert all(r[0] == as_of for r in rows[1:] if not r[1])
    w.execute("UPDATE st SET v = 'c' WHERE k = 2")
    got = []
    deadline = time.time() + 5
    while time.time() < deadline and len([r for r in got if not r[1]]) < 2:
        got += c.execute("FETCH ALL cur WITH (timeout = '0.5s')").fetchall()
    data = [r for r in got if not r[1]]
    assert sorted((r[2], r[3], r[4]) for r in data) == [(-1, 2, "b"), (1, 2, "c")]
    assert data[0][0] == data[1][0] > as_of
    ts = [r[0] for r in got]
    assert ts == sorted(ts)
    c.execute("COMMIT")


def test_subscribe_bound_to_old_object_after_swap(emu):
    c = connect(emu[0])
    c.execute("CREATE SCHEMA bo")
    c.execute("CREATE SCHEMA bo_dbt_deploy")
    c.execute("CREATE TABLE bo.t (a int)")
    c.execute("CREATE TABLE bo_dbt_deploy.t (a int)")
    c.execute("INSERT INTO bo.t VALUES (1)")
    s = connect(emu[0])
    out, err = [], []

    def run():
        try:
            with s.cursor() as cur:
                with cur.copy("COPY (SUBSCRIBE bo.t) TO STDOUT") as cp:
                    for d in cp:
                        out.append(bytes(d).decode().rstrip("\n").split("\t"))
        except psycopg.Error as e:
            err.append(e)

    th = threading.Thread(target=run)
    th.start()
    time.sleep(0.5)
    c.execute('BEGIN; ALTER SCHEMA "bo" SWAP WITH "bo_dbt_deploy"; COMMIT;')
    c.execute("INSERT INTO bo.t VALUES (100)")  # the new object: not streamed
    c.execute("INSERT INTO bo_dbt_deploy.t VALUES (2)")  # the old object under its new name
    time.sleep(0.5)
    c.execute("DROP SCHEMA bo_dbt_deploy CASCADE")
    th.join(5)
    assert [r[1:] for r in out] == [["1", "1"], ["1", "2"]]
    assert err and err[0].sqlstate == "XX000"
    assert 'underlying relation "materialize.bo_dbt_deploy.t" was dropped' in str(err[0])


def test_sink_alter_set_from(emu):
    c = connect(emu[0])
    c.execute("CREATE TABLE so (a int)")
    c.execute("CREATE TABLE sn (a int)")
    c.execute("INSERT INTO so VALUES (1)")
    c.execute("INSERT INTO sn VALUES (50)")
    c.execute("CREATE SINK sk FROM so INTO TABLE sk_out")
    time.sleep(0.4)
    c.execute("INSERT INTO so VALUES (2)")
    time.sleep(0.4)
    with pytest.raises(psycopg.Error) as ei:
        c.execute("BEGIN; ALTER SINK sk SET FROM sn; COMMIT")
    assert ei.value.sqlstate == "25001"
    c.execute("ROLLBACK")
    c.execute("ALTER SINK sk SET FROM sn")
    c.execute("INSERT INTO so VALUES (3)")  # old relation: no longer sunk
    c.execute("INSERT INTO sn VALUES (51)")
    time.sleep(0.5)
    rows = c.execute("SELECT mz_diff, a FROM sk_out ORDER BY mz_timestamp, a").fetchall()
    assert rows == [(1, 1), (1, 2), (1, 51)]


def test_cancel_running_subscribe(emu):
    c = connect(emu[0])
    c.execute("CREATE TABLE cx (a int)")
    threading.Timer(0.5, c.cancel).start()
    with pytest.raises(psycopg.errors.QueryCanceled):
        with c.cursor() as cur:
            with cur.copy("COPY (SUBSCRIBE cx) TO STDOUT") as cp:
                for _ in cp:
                    pass
    assert c.execute("SELECT 1").fetchone() == (1,)


def test_deploy_await_query(emu):
    c = connect(emu[0])
    c.execute("CREATE TABLE dq (a int)")
    c.execute("CREATE CLUSTER dq_ready (SIZE = '1')")
    # stalled before the index exists: with a 0.3 s delay, stalling after it raced its hydration
    assert ctl(emu[1], "stall_hydration dq_ready on") == "ok"
    c.execute("CREATE INDEX IN CLUSTER dq_ready ON dq (a)")
    c.execute("CREATE CLUSTER dq_none (SIZE = '1', REPLICATION FACTOR = 0)")
    sql = open(os.path.join(os.path.dirname(HERE), "sql", "deploy_await.sql")).read()
    sql = sql.replace("__CLUSTERS__", "'dq_ready', 'dq_none'").replace("__LAG_THRESHOLD__", "'1s'")
    time.sleep(0.5)
    st = {r[0]: r[2] for r in c.execute(sql).fetchall()}
    assert st == {"dq_ready": "hydrating", "dq_none": "failing"}
    assert ctl(emu[1], "stall_hydration dq_ready off") == "ok"
    st = {r[0]: r[2] for r in c.execute(sql).fetchall()}
    assert st["dq_ready"] == "ready"
    rid = c.execute("SELECT r.id FROM mz_cluster_replicas r JOIN mz_clusters k ON k.id = r.cluster_id "
                    "WHERE k.name = 'dq_ready'").fetchone()[0]
    assert ctl(emu[1], "oom_kill %s 3" % rid).startswith("ok")
    st = {r[0]: r[2] for r in c.execute(sql).fetchall()}
    assert st["dq_ready"] == "failing"


def test_copy_from_stdin_and_select_as_of(emu):
    c = connect(emu[0])
    c.execute("CREATE TABLE ca (a int, b text)")
    with c.cursor() as cur:
        with cur.copy("COPY ca FROM STDIN") as cp:
            cp.write(b"1\tone\n2\ttwo\n")
    assert c.execute("SELECT a, b FROM ca ORDER BY a").fetchall() == [(1, "one"), (2, "two")]
    # keep the relation tracked by a running cursor, then read a past time
    s = connect(emu[0])
    s.execute("BEGIN")
    s.execute("DECLARE k CURSOR FOR SUBSCRIBE ca")
    first = s.execute("FETCH ALL k").fetchall()
    t0 = int(first[0][0])
    c.execute("INSERT INTO ca VALUES (3, 'three')")
    assert sorted(c.execute("SELECT a FROM ca AS OF %d" % t0).fetchall()) == [(1,), (2,)]
    assert int(c.execute("SELECT mz_now()").fetchone()[0]) >= t0
    now = int(c.execute("SELECT mz_now()").fetchone()[0])
    assert sorted(c.execute("SELECT a FROM ca AS OF %d" % now).fetchall()) == [(1,), (2,), (3,)]
    s.execute("ROLLBACK")


def test_idle_in_transaction_timeout(emu):
    c = connect(emu[0])
    c.execute("SET idle_in_transaction_session_timeout = '300ms'")
    c.execute("BEGIN")
    time.sleep(0.8)
    with pytest.raises(psycopg.OperationalError, match="idle-in-transaction timeout"):
        c.execute("SELECT 1")


def test_existing_plain_pg_role_is_not_modified(emu, smoke_pg):
    with psycopg.connect(smoke_pg, autocommit=True) as pgc:
        pgc.execute("CREATE ROLE plainrole LOGIN")
    c = connect(emu[0], user="plainrole")
    assert c.execute("SELECT current_user, mz_is_superuser()").fetchone() == ("plainrole", False)
    c.execute("CREATE TABLE pr_t (a int)")
    owner = c.execute("SELECT r.name FROM mz_objects o JOIN mz_roles r ON r.id = o.owner_id "
                      "WHERE o.name = 'pr_t'").fetchone()[0]
    assert owner == "plainrole"
    with psycopg.connect(smoke_pg, autocommit=True) as pgc:
        assert pgc.execute("SELECT rolsuper FROM pg_roles WHERE rolname = 'plainrole'").fetchone() == (False,)


def test_extended_execute_max_rows_on_select(emu):
    c = connect(emu[0])
    c.execute("CREATE TABLE mr (a int)")
    c.execute("INSERT INTO mr SELECT generate_series(1, 25)")
    with c.transaction():
        with c.cursor(name="srv") as cur:  # server-side cursor: DECLARE + FETCH forwarded
            cur.itersize = 10
            assert sorted(r[0] for r in cur.execute("SELECT a FROM mr")) == list(range(1, 26))


def test_discard_all_keeps_identity(emu):
    c = connect(emu[0])
    c.execute("CREATE SCHEMA dz")
    c.execute("SET search_path = dz")
    c.execute("CREATE TABLE dzt (a int)")
    c.execute("DISCARD ALL")
    assert c.execute("SHOW search_path").fetchone() == ("public",)
    assert c.execute("SELECT current_user").fetchone() == ("materialize",)
    c.execute("CREATE TABLE dzt2 (a int)")  # lands in public again, owned by the user
    row = c.execute("SELECT s.name, r.name FROM mz_objects o JOIN mz_schemas s ON s.id = o.schema_id "
                    "JOIN mz_roles r ON r.id = o.owner_id WHERE o.name = 'dzt2'").fetchone()
    assert row == ("public", "materialize")


def test_role_members_and_object_dependencies(emu):
    c = connect(emu[0])
    c.execute("CREATE ROLE rm_deployer")
    c.execute("GRANT rm_deployer TO materialize")
    got = c.execute("SELECT r.name FROM mz_role_members m JOIN mz_roles r ON r.id = m.role_id "
                    "JOIN mz_roles me ON me.id = m.member WHERE me.name = current_role").fetchall()
    assert ("rm_deployer",) in got
    c.execute("REVOKE rm_deployer FROM materialize")
    got = c.execute("SELECT r.name FROM mz_role_members m JOIN mz_roles r ON r.id = m.role_id "
                    "JOIN mz_roles me ON me.id = m.member WHERE me.name = current_role").fetchall()
    assert ("rm_deployer",) not in got
    c.execute("CREATE TABLE od_t (a int)")
    c.execute("CREATE MATERIALIZED VIEW od_mv AS SELECT a FROM od_t")
    c.execute("CREATE SINK od_s FROM od_mv INTO TABLE od_out")
    deps = c.execute("SELECT o.name, r.name FROM mz_internal.mz_object_dependencies d "
                     "JOIN mz_objects o ON o.id = d.object_id JOIN mz_objects r ON r.id = d.referenced_object_id "
                     "WHERE o.name IN ('od_mv', 'od_s') ORDER BY 1").fetchall()
    assert deps == [("od_mv", "od_t"), ("od_s", "od_mv")]


def test_binary_params_and_results(emu):
    import datetime
    import decimal
    import uuid

    c = connect(emu[0])
    c.execute("CREATE TABLE bin_t (i int, b bigint, t text, n numeric, f float8, ts timestamptz, d date, "
              "u uuid, iv interval, bo bool, by bytea)")
    vals = (1, 2 ** 40, "x\ty", decimal.Decimal("-12.345"), 1.5,
            datetime.datetime(2026, 1, 2, 3, 4, 5, 123456, tzinfo=datetime.timezone.utc),
            datetime.date(2026, 1, 2), uuid.UUID(int=5), datetime.timedelta(days=3, seconds=5), True, b"\x00\x01")
    c.execute("INSERT INTO bin_t VALUES (%b, %b, %b, %b, %b, %b, %b, %b, %b, %b, %b)", vals)
    cur = c.cursor(binary=True)
    assert tuple(cur.execute("SELECT * FROM bin_t").fetchone()) == vals
    assert c.cursor().execute("SELECT * FROM bin_t").fetchone() == vals  # text results agree
