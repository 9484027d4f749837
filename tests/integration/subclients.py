"""SUBSCRIBE stream clients and the oracle arithmetic shared by tests/integration/test_subscribe.py
and bench/subscribe_stall.py (issue 6).

Every client records its stream in one uniform log: `events`, a list of
`(ts, progressed, diff, row, t_mono)` in arrival order, where `row` is a tuple of the data columns
as text (None for NULL) and progress rows have `diff` and `row` None. The three wire forms (plain,
COPY, cursor) over the simple or the extended protocol all end up in that shape, so one checker
serves all of them.

`RawStream` speaks the wire itself (pgraw) and can be driven by a thread (`run()`) or by a
selector (`feed()`); the psycopg clients run in threads.
"""

import bisect
import os
import socket
import struct
import threading
import time

import psycopg

import pgraw

CANCEL_REQUEST = 80877102


def _cstr(s):
    return s.encode() + b"\0"


def parse_msg(sql):
    return pgraw.message(b"P", _cstr("") + _cstr(sql) + struct.pack("!H", 0))


def bind_msg():
    return pgraw.message(b"B", _cstr("") + _cstr("") + struct.pack("!HHH", 0, 0, 0))


def describe_portal_msg():
    return pgraw.message(b"D", b"P" + _cstr(""))


def execute_msg(max_rows=0):
    return pgraw.message(b"E", _cstr("") + struct.pack("!I", max_rows))


def sync_msg():
    return pgraw.message(b"S")


def decode_data_row(payload):
    n = struct.unpack_from("!H", payload, 0)[0]
    off, out = 2, []
    for _ in range(n):
        ln = struct.unpack_from("!i", payload, off)[0]
        off += 4
        if ln < 0:
            out.append(None)
        else:
            out.append(payload[off:off + ln].decode())
            off += ln
    return out


def decode_copy_line(line):
    out = []
    for f in line.split("\t"):
        if f == "\\N":
            out.append(None)
        else:
            out.append(f.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\"))
    return out


def row_description_names(payload):
    n = struct.unpack_from("!H", payload, 0)[0]
    off, names = 2, []
    for _ in range(n):
        end = payload.index(b"\0", off)
        names.append(payload[off:end].decode())
        off = end + 1 + 18
    return names


class StreamLog:
    """What a subscriber saw (see the module docstring)."""

    def __init__(self, name, sql, progress, form):
        self.name = name
        self.sql = sql
        self.progress = progress  # the statement asked for PROGRESS
        self.form = form  # "subscribe" | "copy" | "cursor"
        self.client_sql = ("DECLARE c CURSOR FOR " + sql) if form == "cursor" else sql
        self.events = []
        self.columns = None  # names from RowDescription, when the form has one
        self.errors = []  # {field letter: value} per ErrorResponse
        self.bad = []  # protocol surprises (a progress row without PROGRESS, undecodable rows)
        self.ended = None  # CommandComplete tag
        self.ready = False  # ReadyForQuery after the statement
        self.stopping = False  # the test asked the stream to end (cancel): errors after are fine
        self.errors_before_stop = []
        self.ready_error = None  # why the session was not usable after the stream, if known

    def add_values(self, vals, now):
        """One row of the stream as a list of text values in the statement's column order."""
        try:
            ts = int(vals[0])
            if self.progress:
                prog = vals[1] in ("t", "true", True)
                if prog:
                    self.events.append((ts, True, None, None, now))
                    return
                diff = int(vals[2])
                row = tuple(vals[3:])
            else:
                if len(vals) >= 2 and vals[1] in ("t", "f", True, False):
                    # A boolean where mz_diff belongs: a progress column the client never
                    # asked for.
                    self.bad.append(("progress column without PROGRESS", vals))
                    return
                diff = int(vals[1])
                row = tuple(vals[2:])
        except (ValueError, IndexError, TypeError) as e:
            self.bad.append(("undecodable row: %s" % e, vals))
            return
        self.events.append((ts, False, diff, row, now))

    def add_error(self, fields):
        self.errors.append(fields)
        if not self.stopping:
            self.errors_before_stop.append(fields)

    def n_data(self):
        return sum(1 for e in self.events if not e[1])

    def last_ts(self):
        return self.events[-1][0] if self.events else None


class RawStream(StreamLog):
    """A plain or COPY SUBSCRIBE over the wire (simple Query, or Parse/Bind/Describe/Execute/Sync
    with `extended`)."""

    def __init__(self, name, port, user, db, sql, progress, form, extended=False, timeout=60):
        super().__init__(name, sql, progress, form)
        self.port = port
        self.extended = extended
        self.conn = pgraw.Conn(port, timeout=timeout)
        msgs = self.conn.startup(user, db)
        if msgs[-1][0] != b"Z":
            raise AssertionError("%s: startup failed: %r" % (name, msgs))
        key = [p for k, p in msgs if k == b"K"][0]
        self.backend_pid, self.backend_key = struct.unpack("!II", key)
        self.local_port = self.conn.sock.getsockname()[1]
        self.buf = bytearray()
        self.copy_partial = ""
        self.thread = None

    # ---- driving ----
    def send_statement(self):
        if self.extended:
            self.conn.send(parse_msg(self.sql) + bind_msg() + describe_portal_msg() +
                           execute_msg(0) + sync_msg())
        else:
            self.conn.send(pgraw.query(self.sql))

    def feed(self, data, now=None):
        """Bytes from the socket; returns False once the statement's ReadyForQuery came."""
        now = time.monotonic() if now is None else now
        self.buf += data
        while len(self.buf) >= 5:
            ln = struct.unpack_from("!I", self.buf, 1)[0]
            if len(self.buf) < 1 + ln:
                break
            kind = bytes(self.buf[0:1])
            payload = bytes(self.buf[5:1 + ln])
            del self.buf[:1 + ln]
            self.on_message(kind, payload, now)
        return not self.ready

    def on_message(self, kind, payload, now):
        if kind == b"D":
            self.add_values(decode_data_row(payload), now)
        elif kind == b"d":
            text = self.copy_partial + payload.decode()
            lines = text.split("\n")
            self.copy_partial = lines.pop()
            for line in lines:
                self.add_values(decode_copy_line(line), now)
        elif kind == b"T":
            self.columns = row_description_names(payload)
            if not self.progress and "mz_progressed" in self.columns:
                self.bad.append(("mz_progressed column without PROGRESS", self.columns))
        elif kind == b"E":
            self.add_error(pgraw.parse_fields(payload))
        elif kind == b"C":
            self.ended = payload.rstrip(b"\0").decode()
        elif kind == b"Z":
            self.ready = True
        # N (notice), H (CopyOutResponse), c (CopyDone), 1/2/n/S/s: nothing to record

    def run(self):
        self.send_statement()
        try:
            while not self.ready:
                data = self.conn.sock.recv(65536)
                if not data:
                    raise pgraw.Closed("EOF")
                self.feed(data)
        except (pgraw.Closed, OSError) as e:
            self.add_error({"C": "conn", "M": "connection: %s" % e})

    def start(self):
        self.thread = threading.Thread(target=self.run, daemon=True, name=self.name)
        self.thread.start()

    def cancel(self):
        self.stopping = True
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as c:
            c.sendall(struct.pack("!IIII", 16, CANCEL_REQUEST, self.backend_pid,
                                  self.backend_key))
            try:
                c.recv(1)
            except OSError:
                pass

    def join(self, timeout=15):
        if self.thread is not None:
            self.thread.join(timeout)

    def alive(self):
        return self.thread is not None and self.thread.is_alive()

    def close(self):
        self.conn.close()


def _text(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v)


class PsycopgStream(StreamLog):
    """psycopg clients: plain form through cursor.stream() (extended protocol, single-row mode),
    COPY form through cursor.copy(), cursor form with DECLARE + FETCH ALL WITH (timeout) in a
    transaction (simple protocol with `simple`: psycopg.ClientCursor; else the extended one)."""

    def __init__(self, name, dsn, sql, progress, form, simple=False):
        super().__init__(name, sql, progress, form)
        self.conn = psycopg.connect(dsn, autocommit=True)
        self.local_port = None
        self.simple = simple
        self.thread = None
        self.stop = threading.Event()
        self.pause = threading.Event()  # cursor form: no FETCH while set (a slow reader)
        self.paused = threading.Event()  # set once no FETCH is in flight while pause is set
        self.fetches = 0
        self.fetch_timeout = "1s"  # cursor form: each FETCH's WITH (timeout), its pace

    def run(self):
        try:
            if self.form == "subscribe":
                cur = self.conn.cursor()
                first = True
                for r in cur.stream(self.sql):
                    if first:
                        self.columns = [d.name for d in cur.description]
                        first = False
                    self.add_values([_text(v) for v in r], time.monotonic())
            elif self.form == "copy":
                with self.conn.cursor().copy(self.sql) as cp:
                    partial = ""
                    for chunk in cp:
                        text = partial + bytes(chunk).decode()
                        lines = text.split("\n")
                        partial = lines.pop()
                        now = time.monotonic()
                        for line in lines:
                            self.add_values(decode_copy_line(line), now)
            else:
                cur = psycopg.ClientCursor(self.conn) if self.simple else self.conn.cursor()
                cur.execute("BEGIN")
                cur.execute(self.client_sql)
                while not self.stop.is_set():
                    if self.pause.is_set():
                        self.paused.set()
                        time.sleep(0.01)
                        continue
                    self.paused.clear()
                    cur.execute("FETCH ALL c WITH (timeout = '%s')" % self.fetch_timeout)
                    self.fetches += 1
                    if self.columns is None and cur.description:
                        self.columns = [d.name for d in cur.description]
                    now = time.monotonic()
                    for r in cur.fetchall():
                        self.add_values([_text(v) for v in r], now)
                cur.execute("COMMIT")
            self.ready = self.conn.execute("SELECT 1").fetchone() == (1,)
        except psycopg.Error as e:
            self.add_error({"C": e.sqlstate or "", "M": str(e)})
            try:
                # A cursor's transaction is failed now: end it, as any client would.
                if self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    self.conn.execute("ROLLBACK")
                self.ready = self.conn.execute("SELECT 1").fetchone() == (1,)
            except psycopg.Error as e2:
                self.ready_error = "%s %s" % (e2.sqlstate, e2)
        except Exception as e:  # noqa: BLE001  (a bug in the test shows as a stream error)
            self.add_error({"C": "py", "M": repr(e)})

    def start(self):
        dup = socket.socket(fileno=os.dup(self.conn.pgconn.socket))
        try:
            self.local_port = dup.getsockname()[1]
        finally:
            dup.close()
        self.thread = threading.Thread(target=self.run, daemon=True, name=self.name)
        self.thread.start()

    def cancel(self):
        self.stopping = True
        if self.form == "cursor":
            self.stop.set()
        else:
            self.conn.cancel()

    def join(self, timeout=15):
        if self.thread is not None:
            self.thread.join(timeout)

    def alive(self):
        return self.thread is not None and self.thread.is_alive()

    def close(self):
        self.conn.close()


# ---- the oracle arithmetic ----

def _apply(state, row, diff):
    n = state.get(row, 0) + diff
    if n:
        state[row] = n
    else:
        state.pop(row, None)


class Accumulated:
    """The accumulated result (sum of diffs per row) of a stream after each of its timestamps:
    `before(P)` is the result of every update at a time < P, or None when the stream cannot
    tell (it started at or after P, or has not been seen to pass P-1)."""

    def __init__(self, log):
        self.as_of = None
        self.covered_to = None  # largest P with every update < P known
        self.ts = []
        self.states = []
        state = {}
        cur = None
        for ts, prog, diff, row, _ in log.events:
            if self.as_of is None:
                self.as_of = ts
            if cur is not None and ts > cur:
                self.ts.append(cur)
                self.states.append(frozenset(state.items()))
                cur = None
            if prog:
                self.covered_to = ts
                continue
            _apply(state, row, diff)
            cur = ts
            self.covered_to = max(self.covered_to or ts, ts)
        if cur is not None:
            # The last timestamp's rows may be incomplete: not a checkpoint.
            pass

    def before(self, p):
        if self.as_of is None or p <= self.as_of or self.covered_to is None or \
                p > self.covered_to:
            return None
        i = bisect.bisect_left(self.ts, p) - 1
        return self.states[i] if i >= 0 else frozenset()


def checkpoints(log):
    """(P, the client's accumulated result before P) at every point where the client's stream
    proves that all updates < P have arrived: each progress row P, and each data timestamp t
    once a later timestamp arrived (P = t + 1). The stream's first timestamp (its as-of) is
    skipped: before it the client holds nothing by definition."""
    out = []
    state = {}
    cur = None
    first = None
    for ts, prog, diff, row, _ in log.events:
        if first is None:
            first = ts
        if cur is not None and ts > cur:
            out.append((cur + 1, frozenset(state.items())))
            cur = None
        if prog:
            if ts > first and (not out or out[-1][0] != ts):
                out.append((ts, frozenset(state.items())))
            continue
        _apply(state, row, diff)
        cur = ts
    return [(p, s) for p, s in out if p > first]


def order_problems(log):
    """Timestamps that go backwards, progress that does not increase, data below a progress
    row already received, progress rows reaching a client that did not ask for them."""
    probs = []
    last_ts = None
    last_prog = None
    for i, (ts, prog, diff, row, _) in enumerate(log.events):
        if last_ts is not None and ts < last_ts:
            probs.append("event %d: ts %d after %d" % (i, ts, last_ts))
        if prog:
            if not log.progress:
                probs.append("event %d: progress row without PROGRESS" % i)
            if last_prog is not None and ts <= last_prog:
                probs.append("event %d: progress %d after progress %d" % (i, ts, last_prog))
            last_prog = ts
        elif last_prog is not None and ts < last_prog:
            probs.append("event %d: data at %d after progress %d" % (i, ts, last_prog))
        last_ts = ts if last_ts is None else max(last_ts, ts)
    probs += ["%s: %r" % b for b in log.bad]
    return probs[:20]


def diff_states(a, b, limit=4):
    da, db = dict(a), dict(b)
    only_a = sorted(((k, v) for k, v in da.items() if db.get(k) != v), key=str)[:limit]
    only_b = sorted(((k, v) for k, v in db.items() if da.get(k) != v), key=str)[:limit]
    return "client has %r ; oracle has %r" % (only_a, only_b)


def match_environments(log, envs):
    """Walks the client's checkpoints against the oracles of the environments that were live one
    after the other (`envs`: [(name, Accumulated)], in order). Each checkpoint must equal the
    current environment's result or the next one's (then that one becomes current). Returns
    (switches, problems): switches = [(from, to, last P on from, first P on to)]."""
    cur = 0
    last_p_on = {}
    switches = []
    problems = []
    for p, state in checkpoints(log):
        name, acc = envs[cur]
        want = acc.before(p)
        if want is not None and want == state:
            last_p_on[cur] = p
            continue
        if cur + 1 < len(envs):
            nxt = envs[cur + 1][1].before(p)
            if nxt is not None and nxt == state:
                switches.append((name, envs[cur + 1][0], last_p_on.get(cur), p))
                cur += 1
                last_p_on[cur] = p
                continue
        if want is None:
            problems.append("P=%d: the oracle of %s does not cover it (as of %s, to %s)" % (
                p, name, acc.as_of, acc.covered_to))
        else:
            problems.append("P=%d: result differs from %s: %s" % (p, name,
                                                                   diff_states(state, want)))
        if len(problems) >= 10:
            break
    return switches, problems, cur


def rows_by_ts(log, lo=None):
    """{ts: consolidated {row: diff}} of the data rows at ts >= lo."""
    out = {}
    for ts, prog, diff, row, _ in log.events:
        if prog or (lo is not None and ts < lo):
            continue
        _apply(out.setdefault(ts, {}), row, diff)
    return {ts: d for ts, d in out.items() if d}
