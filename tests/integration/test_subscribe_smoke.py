"""SUBSCRIBE carry-over, first smoke test (issue 6): subscribers through the proxy while a base
table changes, across cutoverd's own deploy init -> promote -> cleanup (and rollback), run over
the admin socket. The stream must see no error, no duplicate, no gap and no rows made
up at the switch, and keep receiving updates after cleanup dropped the old objects.

The full suite (20 subscribers, three forms, changed definitions, cycles) is
tests/integration/test_subscribe.py."""

import socket
import struct
import threading
import time

import psycopg
import pytest

import pgraw

from test_materialize import mz_connect  # noqa: F401  (also applies its skip marker)
from test_materialize import pytestmark  # noqa: F401

CONFIG = """
[deployment]
schemas = analytics
clusters = compute
"""

VIEW = "SELECT id, 'v' || id::text AS label FROM public.src"


@pytest.fixture(scope="module")
def mzd(make_stack):
    return make_stack(backend="materialize", config=CONFIG)


def admin(s, line, timeout=120):
    """One admin-socket command: (ok, the reply's lines)."""
    with socket.socket(socket.AF_UNIX) as so:
        so.settimeout(timeout)
        so.connect(s["ADMIN_SOCKET"])
        so.sendall(line.encode() + b"\n")
        buf = b""
        while True:
            chunk = so.recv(65536)
            if not chunk:
                break
            buf += chunk
            lines = buf.decode(errors="replace").splitlines()
            if lines and (lines[-1] == "ok" or lines[-1].startswith("error: ")) and \
                    buf.endswith(b"\n"):
                return lines[-1] == "ok", lines
    return False, buf.decode(errors="replace").splitlines()


def run(s, line):
    ok, out = admin(s, line)
    assert ok, "%s:\n%s\n%s" % (line, "\n".join(out), s.log_tail(20))
    return out


def setup_envs(s, view=VIEW, new_view=VIEW):
    """The live environment (analytics.v on cluster compute over public.src), then cutoverd's
    `deploy init` and the deployment's view (new_view) in analytics_dbt_deploy."""
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
                     "CREATE MATERIALIZED VIEW analytics.v IN CLUSTER compute AS " + view):
            c.execute(stmt)
    run(s, "deploy init")
    with mz_connect(s, direct=True) as c:
        c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.v IN CLUSTER "
                  "compute_dbt_deploy AS " + new_view)


def promote(s):
    run(s, "deploy promote --wait --poll-interval 100ms --timeout 60s")


class Writer(threading.Thread):
    """Inserts 1, 2, 3, ... into public.src, one row every `period` seconds."""

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


def data_row(payload):
    n = struct.unpack("!H", payload[:2])[0]
    off, out = 2, []
    for _ in range(n):
        ln = struct.unpack("!i", payload[off:off + 4])[0]
        off += 4
        if ln < 0:
            out.append(None)
        else:
            out.append(payload[off:off + ln].decode())
            off += ln
    return out


class Subscriber(threading.Thread):
    """A plain-form SUBSCRIBE over the simple query protocol (raw wire client)."""

    def __init__(self, s, sql):
        super().__init__(daemon=True)
        self.s = s
        self.conn = pgraw.Conn(s.proxy_port, timeout=30)
        self.pid, self.key = self.conn.startup_key(s["MZ_USER"], s["MZ_DB"])
        self.sql = sql
        self.rows = []  # (ts, diff, id, label), in arrival order
        self.errors = []  # ErrorResponse fields
        self.progress = []  # progress timestamps (WITH (PROGRESS) only)
        self.ended = None  # the message that ended the stream
        self.ready = False

    def run(self):
        self.conn.send(pgraw.query(self.sql))
        try:
            while True:
                kind, payload = self.conn.read_message()
                if kind == b"D":
                    r = data_row(payload)
                    if len(r) == 5:  # WITH (PROGRESS)
                        if r[1] == "t":
                            self.progress.append(int(r[0]))
                            continue
                        del r[1]
                    self.rows.append((int(r[0]), int(r[1]), int(r[2]), r[3]))
                elif kind == b"d":
                    r = payload.decode().rstrip("\n").split("\t")
                    self.rows.append((int(r[0]), int(r[1]), int(r[2]), r[3]))
                elif kind == b"E":
                    self.errors.append(pgraw.parse_fields(payload))
                elif kind == b"C":
                    self.ended = payload
                elif kind == b"Z":
                    self.ready = True
                    return
        except (pgraw.Closed, OSError) as e:
            self.errors.append({"M": "connection: %s" % e})

    def cancel(self):
        with socket.create_connection(("127.0.0.1", self.s.proxy_port), timeout=5) as c:
            c.sendall(struct.pack("!IIII", 16, 80877102, self.pid, self.key))
            c.recv(1)


class ExtendedSubscriber(threading.Thread):
    """A plain-form SUBSCRIBE through psycopg's stream() (extended protocol, single-row mode)."""

    def __init__(self, s, sql):
        super().__init__(daemon=True)
        self.conn = mz_connect(s)
        self.sql = sql
        self.rows = []
        self.errors = []
        self.ready = False

    def run(self):
        try:
            for row in self.conn.cursor().stream(self.sql):
                self.rows.append((int(row[0]), int(row[1]), int(row[2]), row[3]))
        except psycopg.Error as e:
            self.errors.append({"C": e.sqlstate, "M": str(e)})
        # The session is usable after the stream ended.
        self.ready = self.conn.execute("SELECT 1").fetchone() == (1,)

    def cancel(self):
        self.conn.cancel()


def wait_for(pred, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return False


def check_stream(name, sub):
    assert sub.ready, "%s: no ReadyForQuery after the cancel" % name
    assert [e.get("C") for e in sub.errors] == ["57014"], (name, sub.errors)
    rows = sub.rows
    # Timestamps never go backwards.
    assert all(a[0] <= b[0] for a, b in zip(rows, rows[1:])), name
    # Inserts only: every update is +1, each id exactly once (no duplicate, nothing made up at
    # the switch), and the ids form a prefix 1..K (no gap).
    assert all(r[1] == 1 for r in rows), (name, [r for r in rows if r[1] != 1][:5])
    ids = sorted(r[2] for r in rows)
    assert ids == list(range(1, len(ids) + 1)), "%s: gap or duplicate around %r" % (name, next(
        ((a, b) for a, b in zip(ids, ids[1:]) if b != a + 1), None))
    assert all(r[3] == "v%d" % r[2] for r in rows), name


def test_subscribe_carried_over_promote_and_cleanup(mzd):
    setup_envs(mzd)
    writer = Writer(mzd)
    writer.start()
    subs = {
        "simple": Subscriber(mzd, "SUBSCRIBE analytics.v"),
        "extended": ExtendedSubscriber(mzd, "SUBSCRIBE TO analytics.v"),
        "copy": Subscriber(mzd, "COPY (SUBSCRIBE analytics.v) TO STDOUT"),
    }
    for sub in subs.values():
        sub.start()
    try:
        assert wait_for(lambda: all(len(s.rows) > 20 for s in subs.values())), \
            "no rows streamed: %r" % {k: (len(s.rows), s.errors) for k, s in subs.items()}
        before = mzd.log_tail(400).count("carried over at T=")
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") == before + 3), \
            mzd.log_tail()
        at_switch = {k: len(s.rows) for k, s in subs.items()}
        # Cleanup drops what is now the old environment.
        run(mzd, "deploy cleanup")
        after_cleanup = {k: len(s.rows) for k, s in subs.items()}
        assert wait_for(lambda: all(len(s.rows) > after_cleanup[k] + 20
                                    for k, s in subs.items())), \
            "a stream stopped after cleanup: %r %s" % (
                {k: (len(s.rows), s.errors) for k, s in subs.items()}, mzd.log_tail())
        for k, s in subs.items():
            assert len(s.rows) > at_switch[k], k
            assert s.errors == [], (k, s.errors)
            assert s.is_alive(), k
    finally:
        writer.stop.set()
        writer.join(5)
        for s in subs.values():
            s.cancel()
        for s in subs.values():
            s.join(10)
            s.conn.close()
    for k, s in subs.items():
        check_stream(k, s)


NEW_VIEW = "SELECT id, 'w' || id::text AS label FROM public.src"


def test_changed_definition_difference_at_the_switch(mzd):
    """The new view labels rows differently: at T the client gets the difference, after which
    its accumulated result is the new view's."""
    setup_envs(mzd, VIEW, NEW_VIEW)
    writer = Writer(mzd)
    writer.start()
    sub = Subscriber(mzd, "SUBSCRIBE analytics.v WITH (PROGRESS)")
    sub.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 20), (sub.rows, sub.errors)
        before = mzd.log_tail(300).count("carried over at T=")
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(300).count("carried over at T=") > before), \
            mzd.log_tail()
        n = len(sub.rows)
        assert wait_for(lambda: len(sub.rows) > n + 20), sub.errors
    finally:
        writer.stop.set()
        writer.join(5)
        sub.cancel()
        sub.join(10)
        sub.conn.close()
    assert sub.ready and [e.get("C") for e in sub.errors] == ["57014"], sub.errors
    rows = sub.rows
    assert all(a[0] <= b[0] for a, b in zip(rows, rows[1:]))
    acc = {}
    for ts, diff, i, label in rows:
        acc[(i, label)] = acc.get((i, label), 0) + diff
    acc = {k: v for k, v in acc.items() if v != 0}
    ids = sorted(i for i, _ in acc)
    assert ids == list(range(1, len(ids) + 1)), "gap or duplicate"
    # Exactly the new definition's result: every id once, with the new label.
    assert all(label == "w%d" % i and n == 1 for (i, label), n in acc.items()), \
        sorted(acc.items())[:10]
    # Progress is monotone and never behind the data.
    assert sub.progress and all(a < b for a, b in zip(sub.progress, sub.progress[1:]))
    # The switch emitted retractions of old rows.
    assert any(d == -1 and label.startswith("v") for _, d, _, label in rows)


MEM_CONFIG = CONFIG + """
[subscribe]
splice_memory = 64kB
"""


def test_splice_memory_limit_ends_the_stream_with_zc002(make_stack):
    s = make_stack(backend="materialize", config=MEM_CONFIG)
    wide = "SELECT id, repeat('x', 1000) || id::text AS label FROM public.src"
    setup_envs(s, wide, wide)
    writer = Writer(s, period=0.002)
    writer.start()
    sub = Subscriber(s, "SUBSCRIBE analytics.v")
    sub.start()
    try:
        # More than 64kB of result held for the splice.
        assert wait_for(lambda: len(sub.rows) > 200), (len(sub.rows), sub.errors)
        promote(s)
        assert wait_for(lambda: sub.ready), (sub.errors, s.log_tail())
    finally:
        writer.stop.set()
        writer.join(5)
        sub.join(10)
        sub.conn.close()
    assert [e.get("C") for e in sub.errors] == ["ZC002"], sub.errors
    msg = sub.errors[0]["M"]
    assert "splice memory limit (65536 bytes) exceeded" in msg and "resubscribe" in msg, msg
    # A client that resubscribes lands on the new environment.
    again = Subscriber(s, "SUBSCRIBE analytics.v")
    again.start()
    assert wait_for(lambda: len(again.rows) > 0)
    again.cancel()
    again.join(10)
    again.conn.close()


def test_promote_then_rollback_carries_twice(mzd):
    """A stream carried at the promote is carried back at the rollback (a second swap), and
    survives the cleanup that follows it."""
    setup_envs(mzd, VIEW, NEW_VIEW)
    writer = Writer(mzd)
    writer.start()
    sub = Subscriber(mzd, "COPY (SUBSCRIBE analytics.v) TO STDOUT")
    sub.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 20), (sub.rows, sub.errors)
        base = mzd.log_tail(400).count("carried over at T=")
        promote(mzd)  # the new (w) definition goes live
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") == base + 1), \
            mzd.log_tail()
        n = len(sub.rows)
        assert wait_for(lambda: len(sub.rows) > n + 10), sub.errors
        run(mzd, "deploy rollback")  # the old (v) definition is live again
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") == base + 2), \
            mzd.log_tail()
        run(mzd, "deploy cleanup")
        n = len(sub.rows)
        assert wait_for(lambda: len(sub.rows) > n + 20), (sub.errors, mzd.log_tail())
        assert sub.errors == [], sub.errors
    finally:
        writer.stop.set()
        writer.join(5)
        sub.cancel()
        sub.join(10)
        sub.conn.close()
    assert sub.ready and [e.get("C") for e in sub.errors] == ["57014"], sub.errors
    rows = sub.rows
    assert all(a[0] <= b[0] for a, b in zip(rows, rows[1:]))
    acc = {}
    for ts, diff, i, label in rows:
        acc[(i, label)] = acc.get((i, label), 0) + diff
    acc = {k: v for k, v in acc.items() if v != 0}
    ids = sorted(i for i, _ in acc)
    assert ids == list(range(1, len(ids) + 1)), "gap or duplicate"
    # Back on the old definition: every id once, with the old label.
    assert all(label == "v%d" % i and n == 1 for (i, label), n in acc.items()), \
        sorted(acc.items())[:10]
    # Both switches emitted their differences.
    assert any(d == -1 and label.startswith("v") for _, d, _, label in rows)
    assert any(d == -1 and label.startswith("w") for _, d, _, label in rows)



def test_show_subscriptions_through_the_lifecycle(mzd):
    """`show subscriptions` on the admin socket follows a subscriber from streaming to carried
    over; cleanup waits for nothing and breaks nothing."""
    setup_envs(mzd)
    writer = Writer(mzd)
    writer.start()
    sub = Subscriber(mzd, "SUBSCRIBE analytics.v")
    sub.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 20), (sub.rows, sub.errors)
        out = run(mzd, "show subscriptions")
        assert any("SUBSCRIBE analytics.v" in ln and "streaming" in ln for ln in out), out
        before = mzd.log_tail(400).count("carried over at T=")
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") > before), \
            mzd.log_tail()
        out = run(mzd, "show subscriptions")
        assert any("SUBSCRIBE analytics.v" in ln and "carried over" in ln for ln in out), out
        run(mzd, "deploy cleanup")
        n = len(sub.rows)
        assert wait_for(lambda: len(sub.rows) > n + 20), (sub.errors, mzd.log_tail())
        assert sub.errors == [], sub.errors
    finally:
        writer.stop.set()
        writer.join(5)
        sub.cancel()
        sub.join(10)
        sub.conn.close()
    check_stream("lifecycle", sub)


def test_clients_own_swap_of_an_uninitialised_deployment_is_carried(mzd):
    """A client swaps a deployment that cutoverd did not init (no marker: the state reads
    `deploying` before and after) through the proxy, as dbt's deploy_promote would: the swap
    transaction committed, so the live subscription is carried over all the same, and survives
    the client's own drop of the old objects."""
    with mz_connect(mzd, direct=True) as c:
        for stmt in ("DROP SCHEMA IF EXISTS analytics CASCADE",
                     "DROP SCHEMA IF EXISTS analytics_dbt_deploy CASCADE",
                     "DROP CLUSTER IF EXISTS compute CASCADE",
                     "DROP CLUSTER IF EXISTS compute_dbt_deploy CASCADE",
                     "DROP SCHEMA IF EXISTS cutover_marker CASCADE",
                     "DROP SCHEMA IF EXISTS cutover_marker_dbt_deploy CASCADE",
                     "DROP TABLE IF EXISTS public.src",
                     "CREATE TABLE public.src (id int)",
                     "CREATE CLUSTER compute (SIZE = '1')",
                     "CREATE CLUSTER compute_dbt_deploy (SIZE = '1')",
                     "CREATE SCHEMA analytics",
                     "CREATE SCHEMA analytics_dbt_deploy",
                     "CREATE MATERIALIZED VIEW analytics.v IN CLUSTER compute AS " + VIEW,
                     "CREATE MATERIALIZED VIEW analytics_dbt_deploy.v IN CLUSTER "
                     "compute_dbt_deploy AS " + VIEW):
            c.execute(stmt)
    writer = Writer(mzd)
    writer.start()
    sub = Subscriber(mzd, "SUBSCRIBE analytics.v")
    sub.start()
    try:
        assert wait_for(lambda: len(sub.rows) > 20), (sub.rows, sub.errors)
        base = mzd.log_tail(400).count("carried over at T=")
        with pgraw.Conn(mzd.proxy_port, timeout=30) as sw:
            assert sw.startup(mzd["MZ_USER"], mzd["MZ_DB"])[-1][0] == b"Z"
            sw.send(pgraw.query(
                "BEGIN; ALTER SCHEMA analytics SWAP WITH analytics_dbt_deploy; "
                "ALTER CLUSTER compute SWAP WITH compute_dbt_deploy; COMMIT"))
            got = []
            while not got or got[-1][0] != b"Z":
                got.append(sw.read_message())
            assert not [p for k, p in got if k == b"E"], got
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") == base + 1), \
            mzd.log_tail()
        # The client's own cleanup: the old objects go, the stream goes on without an error.
        with mz_connect(mzd, direct=True) as c:
            c.execute("DROP SCHEMA analytics_dbt_deploy CASCADE")
            c.execute("DROP CLUSTER compute_dbt_deploy CASCADE")
        n = len(sub.rows)
        assert wait_for(lambda: len(sub.rows) > n + 20), (sub.errors, mzd.log_tail())
        assert sub.errors == [], sub.errors
    finally:
        writer.stop.set()
        writer.join(5)
        sub.cancel()
        sub.join(10)
        sub.conn.close()
    check_stream("own swap", sub)


def test_cursor_carried_idle_or_blocked_in_a_fetch(mzd):
    """The cursor form is carried: a cursor idle between FETCHes, and one whose FETCH (no
    timeout) is blocked on the old, quiet objects at the swap (the proxy cancels that FETCH on
    the old cursor and answers it itself), both get the next update from the new environment
    after cleanup, never an error; COMMIT ends both normally."""
    setup_envs(mzd)
    with mz_connect(mzd, direct=True) as c:
        c.execute("INSERT INTO public.src VALUES (1)")

    def open_cursor():
        cn = pgraw.Conn(mzd.proxy_port, timeout=30)
        assert cn.startup(mzd["MZ_USER"], mzd["MZ_DB"])[-1][0] == b"Z"
        msgs = cn.simple_query("BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics.v")
        assert not [p for k, p in msgs if k == b"E"], msgs
        msgs = cn.simple_query("FETCH ALL c WITH (timeout = '5s')")
        assert [data_row(p)[2] for k, p in msgs if k == b"D"] == ["1"], msgs
        return cn

    idle, busy = open_cursor(), open_cursor()
    try:
        # Nothing changes now: a FETCH without timeout blocks on the old objects.
        busy.send(pgraw.query("FETCH ALL c"))
        time.sleep(0.3)
        before = mzd.log_tail(400).count("carried over at T=")
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") >= before + 2), \
            mzd.log_tail()
        t0 = time.monotonic()
        run(mzd, "deploy cleanup")
        # Cleanup did not have to wait for old cursors (it gives up after 10 s).
        assert time.monotonic() - t0 < 8, mzd.log_tail(20)
        with mz_connect(mzd, direct=True) as c:
            c.execute("INSERT INTO public.src VALUES (2)")
        for name, cn in (("busy", busy), ("idle", idle)):
            msgs = []
            if name == "idle":
                # An extended FETCH ending in Flush is answered before its Sync comes.
                cn.send(ext_batch("FETCH ALL c WITH (timeout = '5s')", end=b"H"))
                while not msgs or msgs[-1][0] != b"C":
                    msgs.append(cn.read_message())
                cn.send(pgraw.message(b"S"))
                assert [k for k, _ in msgs[:3]] == [b"1", b"2", b"T"], msgs
            while not msgs or msgs[-1][0] != b"Z":
                msgs.append(cn.read_message())
            assert not pgraw.first_error(msgs), (name, msgs, mzd.log_tail(20))
            rows = [data_row(p) for k, p in msgs if k == b"D"]
            assert [(r[1], r[2], r[3]) for r in rows] == [("1", "2", "v2")], (name, rows)
            assert [p for k, p in msgs if k == b"C"] == [b"FETCH 1\0"], (name, msgs)
            assert msgs[-1] == (b"Z", b"T"), (name, msgs[-1])
            if name == "busy":
                # The proxy's cancel aborted the server's transaction, not the client's: an
                # extended COMMIT still reads COMMIT.
                cn.send(ext_batch("COMMIT", describe=None))
                msgs = cn.read_until_ready()
                assert msgs == [(b"1", b""), (b"2", b""), (b"C", b"COMMIT\0"), (b"Z", b"I")], msgs
            else:
                msgs = cn.simple_query("COMMIT")
                assert msgs == [(b"C", b"COMMIT\0"), (b"Z", b"I")], (name, msgs)
            msgs = cn.simple_query("SELECT count(*) FROM analytics.v")
            assert not [p for k, p in msgs if k == b"E"], msgs
    finally:
        idle.close()
        busy.close()


# ---- the cursor form, on the wire ----

def _cstr(s):
    return s.encode() + b"\0"


def ext_batch(sql=None, stmt="", describe=b"P", end=b"S"):
    """[Parse stmt sql], Bind "" stmt, Describe (b"P": the portal, b"S": the statement, None:
    none), Execute, then Sync (b"S") or Flush (b"H")."""
    out = b""
    if sql is not None:
        out += pgraw.message(b"P", _cstr(stmt) + _cstr(sql) + struct.pack("!H", 0))
    out += pgraw.message(b"B", _cstr("") + _cstr(stmt) + struct.pack("!HHHH", 0, 0, 1, 0))
    if describe is not None:
        out += pgraw.message(b"D", describe + _cstr("" if describe == b"P" else stmt))
    out += pgraw.message(b"E", _cstr("") + struct.pack("!I", 0))
    return out + pgraw.message(end)


def ext_fetch(conn, sql=None, stmt="", describe=b"P"):
    """One extended batch (ext_batch); returns the messages up to ReadyForQuery."""
    conn.send(ext_batch(sql, stmt, describe))
    return conn.read_until_ready()


class CursorClient:
    """BEGIN; DECLARE c CURSOR FOR <sql>; FETCHes on a raw wire connection."""

    def __init__(self, s, sql):
        self.s = s
        self.conn = pgraw.Conn(s.proxy_port, timeout=30)
        self.pid, self.key = self.conn.startup_key(s["MZ_USER"], s["MZ_DB"])
        self.rows = []  # (ts, diff, id, label)
        for q in ("BEGIN", "DECLARE c CURSOR FOR " + sql):
            msgs = self.conn.simple_query(q)
            assert not pgraw.first_error(msgs), (q, msgs)

    def take(self, msgs):
        """Rows of a FETCH's messages; checks the tag counts them and the session is still in
        the transaction. Returns the rows."""
        assert not pgraw.first_error(msgs), msgs
        got = [data_row(p) for k, p in msgs if k == b"D"]
        tags = [p for k, p in msgs if k == b"C"]
        assert tags == [b"FETCH %d\0" % len(got)], (tags, len(got))
        assert msgs[-1] == (b"Z", b"T"), msgs[-1]
        for r in got:
            self.rows.append((int(r[0]), int(r[1]), int(r[2]), r[3]))
        return got

    def fetch(self, sql="FETCH ALL c WITH (timeout = '200ms')"):
        return self.take(self.conn.simple_query(sql))

    def cancel(self):
        with socket.create_connection(("127.0.0.1", self.s.proxy_port), timeout=5) as c:
            c.sendall(struct.pack("!IIII", 16, 80877102, self.pid, self.key))
            c.recv(1)


def accumulated(rows):
    acc = {}
    for _, diff, i, label in rows:
        acc[(i, label)] = acc.get((i, label), 0) + diff
    return {k: v for k, v in acc.items() if v != 0}


def test_cursor_fetch_answered_by_the_proxy_after_the_switch(mzd):
    """The cursor form carried over a promote: FETCH n / NEXT / ALL over the simple and the
    extended protocol (unnamed and named statements, Describe of a portal and of a statement)
    keep returning one continuous stream that ends on the new definition; a FETCH the proxy
    holds is cancelled with 57014 (the transaction is then failed until ROLLBACK); CLOSE c is
    answered and COMMIT goes to the server."""
    setup_envs(mzd, VIEW, NEW_VIEW)
    writer = Writer(mzd)
    writer.start()
    a = CursorClient(mzd, "SUBSCRIBE analytics.v")
    b = CursorClient(mzd, "SUBSCRIBE analytics.v")
    try:
        # A named statement prepared on the server before the swap.
        a.conn.send(pgraw.message(b"P", _cstr("f5") + _cstr("FETCH 5 c WITH (timeout = '1s')")
                                  + struct.pack("!H", 0)) + pgraw.message(b"S"))
        while True:
            kind, payload = a.conn.read_message()
            assert kind != b"E", pgraw.parse_fields(payload)
            if kind == b"Z":
                break
        assert wait_for(lambda: len(a.fetch()) >= 0 and len(a.rows) > 20 and
                        len(b.fetch()) >= 0 and len(b.rows) > 20), (len(a.rows), len(b.rows))
        before = mzd.log_tail(400).count("carried over at T=")
        # Both keep fetching while the swap happens (the proxy splices under their FETCHes).
        stop = threading.Event()
        errors = []

        def keep_fetching(cl):
            try:
                while not stop.is_set():
                    cl.fetch()
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))

        threads = [threading.Thread(target=keep_fetching, args=(x,)) for x in (a, b)]
        for t in threads:
            t.start()
        promote(mzd)
        assert wait_for(lambda: mzd.log_tail(400).count("carried over at T=") >= before + 2), \
            mzd.log_tail()
        assert wait_for(lambda: any(r[3].startswith("w") for r in a.rows[-5:]) and
                        any(r[3].startswith("w") for r in b.rows[-5:]))
        stop.set()
        for t in threads:
            t.join(10)
        assert not errors, errors
        # Answered by the proxy now: counts are respected, over both protocols.
        assert len(a.fetch("FETCH 3 c")) <= 3
        assert len(a.fetch("FETCH NEXT FROM c WITH (timeout = '1s')")) <= 1
        assert len(a.fetch("FETCH FORWARD 2 IN c WITH (timeout = '1s')")) <= 2
        msgs = ext_fetch(a.conn, "FETCH 2 c WITH (timeout = '1s')")
        assert [k for k, _ in msgs[:3]] == [b"1", b"2", b"T"], msgs[:3]
        assert len(a.take(msgs)) <= 2
        msgs = ext_fetch(a.conn, stmt="f5", describe=b"S")
        assert [k for k, _ in msgs[:3]] == [b"2", b"t", b"T"], msgs[:3]
        assert len(a.take(msgs)) <= 5
        msgs = ext_fetch(a.conn, "FETCH ALL c WITH (timeout = '0s')", stmt="f_all")
        a.take(msgs)
        # The server's old cursor is gone: cleanup breaks nothing.
        run(mzd, "deploy cleanup")
        for cl in (a, b):
            n = len(cl.rows)
            assert wait_for(lambda: len(cl.fetch()) >= 0 and len(cl.rows) > n + 20)
        writer.stop.set()
        writer.join(5)
        time.sleep(0.5)
        for cl in (a, b):
            while cl.fetch("FETCH ALL c WITH (timeout = '500ms')"):
                pass
            # One continuous stream: now exactly the new definition's result.
            acc = accumulated(cl.rows)
            ids = sorted(i for i, _ in acc)
            assert ids == list(range(1, writer.n + 1)), (len(ids), writer.n)
            assert all(label == "w%d" % i and n == 1 for (i, label), n in acc.items()), \
                sorted(acc.items())[:10]
            ts = [r[0] for r in cl.rows]
            assert ts == sorted(ts)
        # A FETCH with nothing to return waits; a cancel ends it as the server would.
        a.conn.send(pgraw.query("FETCH ALL c"))
        time.sleep(0.3)
        a.cancel()
        msgs = a.conn.read_until_ready()
        assert pgraw.first_error(msgs).get("C") == "57014", msgs
        assert msgs[-1] == (b"Z", b"E")
        msgs = a.conn.simple_query("FETCH ALL c")
        assert pgraw.first_error(msgs).get("C") == "25P02", msgs
        assert a.conn.simple_query("ROLLBACK")[-1] == (b"Z", b"I")
        # CLOSE c is answered; COMMIT goes to the server.
        msgs = b.conn.simple_query("CLOSE c")
        assert [(k, p) for k, p in msgs] == [(b"C", b"CLOSE CURSOR\0"), (b"Z", b"T")], msgs
        assert b.conn.simple_query("COMMIT")[-1] == (b"Z", b"I")
        for cl in (a, b):
            msgs = cl.conn.simple_query("SELECT 1")
            assert not pgraw.first_error(msgs) and msgs[-1] == (b"Z", b"I"), msgs
    finally:
        writer.stop.set()
        writer.join(5)
        a.conn.close()
        b.conn.close()


def test_cursor_carry_over_failure_reaches_the_next_fetch(mzd):
    """A cursor that cannot be carried (SNAPSHOT = false: what the client holds is unknown)
    gets ZC002 at its next FETCH, its transaction is then failed (25P02) until ROLLBACK, and
    its old cursor never holds up cleanup."""
    setup_envs(mzd)
    with mz_connect(mzd, direct=True) as c:
        c.execute("INSERT INTO public.src VALUES (1)")
    cn = pgraw.Conn(mzd.proxy_port, timeout=30)
    try:
        assert cn.startup(mzd["MZ_USER"], mzd["MZ_DB"])[-1][0] == b"Z"
        msgs = cn.simple_query("BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics.v "
                               "WITH (SNAPSHOT = false)")
        assert not pgraw.first_error(msgs), msgs
        msgs = cn.simple_query("FETCH ALL c WITH (timeout = '100ms')")
        assert not pgraw.first_error(msgs) and msgs[-1] == (b"Z", b"T"), msgs
        promote(mzd)
        t0 = time.monotonic()
        run(mzd, "deploy cleanup")
        assert time.monotonic() - t0 < 8, mzd.log_tail(20)
        msgs = cn.simple_query("FETCH ALL c WITH (timeout = '1s')")
        err = pgraw.first_error(msgs)
        assert err and err.get("C") == "ZC002" and "resubscribe" in err.get("M", ""), msgs
        assert msgs[-1] == (b"Z", b"E"), msgs
        msgs = cn.simple_query("FETCH ALL c")
        assert pgraw.first_error(msgs).get("C") == "25P02", msgs
        assert msgs[-1] == (b"Z", b"E"), msgs
        assert cn.simple_query("ROLLBACK")[-1] == (b"Z", b"I")
        msgs = cn.simple_query("SELECT count(*) FROM analytics.v")
        assert not pgraw.first_error(msgs) and msgs[-1] == (b"Z", b"I"), msgs
    finally:
        cn.close()


def test_cursor_rows_waiting_for_fetch_count_against_splice_memory(make_stack):
    """Rows a carried cursor holds for FETCHes that do not come count against
    [subscribe] splice_memory: past it the next FETCH gets ZC002 (memory limit)."""
    s = make_stack(backend="materialize", config=MEM_CONFIG)
    wide = "SELECT id, repeat('x', 1000) || id::text AS label FROM public.src"
    setup_envs(s, wide, wide)
    cn = pgraw.Conn(s.proxy_port, timeout=30)
    try:
        assert cn.startup(s["MZ_USER"], s["MZ_DB"])[-1][0] == b"Z"
        msgs = cn.simple_query("BEGIN; DECLARE c CURSOR FOR SUBSCRIBE analytics.v")
        assert not pgraw.first_error(msgs), msgs
        msgs = cn.simple_query("FETCH ALL c WITH (timeout = '100ms')")
        assert not pgraw.first_error(msgs) and msgs[-1] == (b"Z", b"T"), msgs
        before = s.log_tail(400).count("carried over at T=")
        promote(s)
        assert wait_for(lambda: s.log_tail(400).count("carried over at T=") > before), \
            s.log_tail()
        # About 100 kB of updates the client does not FETCH.
        with mz_connect(s, direct=True) as c:
            for i in range(100, 200):
                c.execute("INSERT INTO public.src VALUES (%d)" % i)
        assert wait_for(lambda: "splice memory limit (65536 bytes) exceeded" in s.log_tail(100)), \
            s.log_tail()
        msgs = cn.simple_query("FETCH ALL c WITH (timeout = '1s')")
        err = pgraw.first_error(msgs)
        assert err and err.get("C") == "ZC002", msgs
        assert "splice memory limit (65536 bytes) exceeded" in err.get("M", ""), err
        assert msgs[-1] == (b"Z", b"E"), msgs
        assert cn.simple_query("ROLLBACK")[-1] == (b"Z", b"I")
    finally:
        cn.close()
