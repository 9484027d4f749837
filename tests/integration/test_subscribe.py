"""SUBSCRIBE carry-over across blue/green deployments (issue 6), against the emulator.

The oracle: for every environment, a SUBSCRIBE ... WITH (PROGRESS) taken directly on the emulator
(MZ_PORT, not through cutoverd) -- on the production objects from the start, on each deployment's
objects as soon as they exist. A running SUBSCRIBE is bound to its objects by id, so each oracle
keeps following its own environment through the swaps. Every client's accumulated result (sum of
diffs per row), at every point where its stream proves that all updates < P arrived (each progress
row P, each completed timestamp t as P = t + 1), must equal the result at P-1 of the environment
the production route served at that time: the old one before the switch timestamp T, the new one
from T on. That equality at every checkpoint is what "no gap, no duplicate, no invented row" means.

The base table lives in `public` (not deployed), so both environments read the same source; a
writer thread inserts and deletes through the emulator (writes made directly in PostgreSQL are not
seen by the emulator's timeline) at >= 500 rows/s.

Helpers: subclients.py (the stream clients and the oracle arithmetic, shared with
bench/subscribe_stall.py).
"""

import json
import os
import subprocess
import threading
import time
import urllib.request

import psycopg
import pytest

import subclients as sc
from itutil import REPO, cutoverd_binary, emu_control, hydration_delay
from test_materialize import pytestmark  # noqa: F401  (skipped without the emulator)

CONFIG = """
[deployment]
schemas = analytics
clusters = compute
"""

LIVE_ROWS = 300  # rows the writer keeps in the base table (inserts new ids, deletes old ones)
BATCH = 20  # rows per INSERT
TARGET_ROWS_PER_S = 600  # inserted rows per second (as many deleted): >= 500 rows/s each way


def now_ms():
    return int(time.time() * 1000)


def wait_for(pred, timeout=30.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(step)
    return pred()


# ---- the admin socket, through cutoverctl ----

def ctl_binary():
    """$CUTOVERCTL, else the cutoverctl built beside cutoverd, else build/cutoverctl."""
    if os.environ.get("CUTOVERCTL"):
        return os.environ["CUTOVERCTL"]
    beside = os.path.join(os.path.dirname(cutoverd_binary()), "cutoverctl")
    return beside if os.path.exists(beside) else os.path.join(REPO, "build", "cutoverctl")


def ctl(s, *args, as_json=False, timeout=180):
    argv = [ctl_binary(), "-s", s["ADMIN_SOCKET"]] + (["--json"] if as_json else []) + \
        list(args)
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=timeout)
    assert r.returncode == 0, "cutoverctl %s -> %d\n%s%s\n%s" % (
        " ".join(args), r.returncode, r.stdout, r.stderr, s.log_tail(30))
    return r.stdout


def ctl_json(s, *args):
    out = ctl(s, *args, as_json=True)
    body = [ln for ln in out.splitlines() if ln.strip().startswith("{")]
    assert len(body) == 1, out
    return json.loads(body[0])


def metrics(s):
    with urllib.request.urlopen("http://127.0.0.1:%s/metrics" % s["HTTP_PORT"],
                                timeout=10) as r:
        text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            try:
                out[name] = float(value)
            except ValueError:
                pass
    return out


# ---- the emulator, directly ----

def mz_direct(s):
    return psycopg.connect("host=127.0.0.1 port=%s user=%s dbname=%s sslmode=disable "
                           "connect_timeout=10" % (s["MZ_PORT"], s["MZ_USER"], s["MZ_DB"]),
                           autocommit=True)


def proxy_dsn(s):
    return "host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable connect_timeout=10" % (
        s.proxy_port, s["MZ_USER"], s["MZ_DB"])


class Writer(threading.Thread):
    """Inserts BATCH new ids at a time into the base table and deletes the ids that fell out of
    the last LIVE_ROWS, through the emulator, at TARGET_ROWS_PER_S inserted rows per second."""

    def __init__(self, s, table, start_id, rows_per_s=TARGET_ROWS_PER_S):
        super().__init__(daemon=True, name="writer")
        self.s, self.table, self.next_id = s, table, start_id
        self.rows_per_s = rows_per_s
        self.stop = threading.Event()
        self.inserted = self.deleted = 0
        self.errors = []
        self.t0 = self.t1 = None

    def run(self):
        if self.rows_per_s <= 0:  # a quiet relation: timestamps close at the server's cadence
            self.t0 = self.t1 = time.monotonic()
            return
        period = BATCH / self.rows_per_s
        try:
            with mz_direct(self.s) as c:
                self.t0 = time.monotonic()
                due = self.t0
                while not self.stop.is_set():
                    ids = range(self.next_id, self.next_id + BATCH)
                    c.execute("INSERT INTO %s (id, grp) VALUES %s" % (
                        self.table, ",".join("(%d,%d)" % (i, i % 13) for i in ids)))
                    self.inserted += BATCH
                    self.next_id += BATCH
                    cur = c.execute("DELETE FROM %s WHERE id < %d" % (
                        self.table, self.next_id - LIVE_ROWS))
                    self.deleted += max(cur.rowcount, 0)
                    due += period
                    delay = due - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
        except Exception as e:  # noqa: BLE001
            self.errors.append(repr(e))
        finally:
            self.t1 = time.monotonic()

    def rate(self):
        secs = max((self.t1 or time.monotonic()) - self.t0, 1e-9)
        return (self.inserted + self.deleted) / secs, self.inserted / secs, self.deleted / secs


def view_sql(table, k):
    """Definition k of analytics.v: the same columns, a different filter and label per k."""
    return ("SELECT id, grp, 'd%d-' || (id %% 10)::text AS label FROM %s WHERE id %% 7 <> %d"
            % (k, table, k % 7))


class Scenario:
    """One production environment (analytics.v on cluster compute over a base table in
    public), a writer, the oracles, the subscribers, and cutoverctl's lifecycle steps."""

    def __init__(self, s, tag, definition):
        self.s = s
        self.table = "public.src_%s" % tag
        self.oracles = {}  # env name -> RawStream directly on the emulator
        self.subs = []
        self.steps = []  # (what, start ms, end ms)
        self.hydration = []  # (env name, seconds from CREATE to `deploy await` done)
        self.problems = []  # things that went wrong while driving the scenario
        self.carry_waits = []  # seconds from a promote/rollback's end to all streams carried
        with mz_direct(s) as c:
            for stmt in ("DROP SCHEMA IF EXISTS analytics CASCADE",
                         "DROP SCHEMA IF EXISTS analytics_dbt_deploy CASCADE",
                         "DROP CLUSTER IF EXISTS compute CASCADE",
                         "DROP CLUSTER IF EXISTS compute_dbt_deploy CASCADE",
                         "DROP SCHEMA IF EXISTS cutover_marker CASCADE",
                         "DROP SCHEMA IF EXISTS cutover_marker_dbt_deploy CASCADE",
                         "DROP TABLE IF EXISTS %s" % self.table,
                         "CREATE TABLE %s (id int, grp int)" % self.table,
                         "INSERT INTO %s SELECT g, g %% 13 FROM generate_series(1, %d) g"
                         % (self.table, LIVE_ROWS),
                         "CREATE CLUSTER compute (SIZE = '1')",
                         "CREATE SCHEMA analytics",
                         "CREATE MATERIALIZED VIEW analytics.v IN CLUSTER compute AS "
                         + definition):
                c.execute(stmt)
        self.writer = Writer(s, self.table, LIVE_ROWS + 1)
        self.env_names = ["env0"]
        self.add_oracle("env0", "analytics.v")

    def add_oracle(self, env, obj):
        o = sc.RawStream("oracle-" + env, int(self.s["MZ_PORT"]), self.s["MZ_USER"],
                         self.s["MZ_DB"], "SUBSCRIBE %s WITH (PROGRESS)" % obj, True,
                         "subscribe")
        o.start()
        self.oracles[env] = o
        if not wait_for(lambda: len(o.events) > 1, 30):
            self.problems.append("oracle %s streamed nothing: %r" % (env, o.errors))

    def subscriber(self, name, kind, sql, progress):
        """kind: raw-simple | raw-extended (RawStream through the proxy), psycopg-stream,
        psycopg-copy, cursor-simple, cursor-extended."""
        form = "copy" if sql.startswith("COPY") else "subscribe"
        if kind.startswith("raw-"):
            sub = sc.RawStream(name, self.s.proxy_port, self.s["MZ_USER"], self.s["MZ_DB"], sql,
                               progress, form, extended=kind == "raw-extended")
        elif kind.startswith("cursor-"):
            sub = sc.PsycopgStream(name, proxy_dsn(self.s), sql, progress, "cursor",
                                   simple=kind == "cursor-simple")
        else:
            sub = sc.PsycopgStream(name, proxy_dsn(self.s), sql, progress, form)
        sub.kind = kind
        self.subs.append(sub)
        return sub

    def start(self):
        self.writer.start()
        for sub in self.subs:
            sub.start()
        if not wait_for(lambda: all(sub.n_data() > 0 for sub in self.subs), 60):
            self.problems.append("subscribers without rows: %r" % [
                (x.name, x.errors) for x in self.subs if x.n_data() == 0])

    def stream_past(self, ms, timeout=30):
        """Waits until every live subscriber (and the live oracle) got an event at or after
        `ms` (logical time is epoch ms in the emulator)."""
        def behind():
            # A stream that ended or failed is not waited for: stream_problems reports it.
            return [x for x in self.subs
                    if not x.ready and not x.errors and (x.last_ts() or 0) < ms]

        if not wait_for(lambda: not behind(), timeout):
            self.problems.append("streams stalled before %d: %r" % (
                ms, [(x.name, x.last_ts()) for x in behind()]))

    def deploy(self, k, definition):
        env = "env%d" % k
        ctl(self.s, "deploy", "init")
        with mz_direct(self.s) as c:
            c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.v IN CLUSTER "
                      "compute_dbt_deploy AS " + definition)
        created = time.monotonic()
        self.add_oracle(env, "analytics_dbt_deploy.v")
        ctl(self.s, "deploy", "await", "--poll-interval", "100ms", "--timeout", "60s")
        self.hydration.append((env, time.monotonic() - created))
        return env

    def step(self, what, *args):
        t0 = now_ms()
        ctl(self.s, "deploy", what, *args)
        t1 = now_ms()
        self.steps.append((what, t0, t1))
        return t0, t1

    def promote(self, env, wait=True):
        self.step("promote", "--pause-timeout", "10s")
        self.env_names.append(env)
        if wait:
            self.wait_carried()
            self.stream_past(now_ms() + 500)

    def rollback(self, env, wait=True):
        self.step("rollback", "--pause-timeout", "10s")
        self.env_names.append(env)
        if wait:
            self.wait_carried()
            self.stream_past(now_ms() + 500)

    def wait_carried(self, timeout=20):
        """Waits until `show subscriptions` reports every non-cursor subscriber carried over
        (the switch is done), as an operator would check before cleanup; records the time it
        took (and a problem if it did not happen)."""
        t0 = time.monotonic()
        want = {x.local_port for x in self.subs if x.form != "cursor" and not x.ready}
        states = {}
        while time.monotonic() - t0 < timeout:
            subs = ctl_json(self.s, "show", "subscriptions").get("subscriptions") or []
            clients = ctl_json(self.s, "show", "clients").get("clients") or []
            port_of = {c["id"]: _peer_port(c.get("peer")) for c in clients}
            states = {port_of.get(r["client"]): r["state"] for r in subs}
            if all(states.get(p) == "carried over" for p in want):
                self.carry_waits.append(time.monotonic() - t0)
                return
            time.sleep(0.1)
        self.problems.append("not carried over %.0f s after the step: %r" % (timeout, {
            x.name: states.get(x.local_port) for x in self.subs if x.local_port in want}))

    def cleanup(self):
        self.step("cleanup")
        self.stream_past(now_ms() + 500)

    def stop(self):
        """Ends the subscribers first (cancel), then the writer and the oracles, so that the
        oracles cover every checkpoint of every client."""
        for sub in self.subs:
            try:
                sub.cancel()
            except OSError as e:
                self.problems.append("%s: cancel: %s" % (sub.name, e))
        for sub in self.subs:
            sub.join(20)
        time.sleep(0.5)
        self.writer.stop.set()
        self.writer.join(10)
        time.sleep(0.3)
        for o in self.oracles.values():
            if not o.ready:
                o.cancel()
        for o in self.oracles.values():
            o.join(10)
        for x in list(self.subs) + list(self.oracles.values()):
            try:
                x.close()
            except Exception:  # noqa: BLE001
                pass

    def envs(self):
        accs = {}
        out = []
        for name in self.env_names:
            if name not in accs:
                accs[name] = sc.Accumulated(self.oracles[name])
            out.append((name, accs[name]))
        return out

    # ---- the checks every stream must pass ----
    def stream_problems(self, sub, envs):
        """All the ways `sub` broke the contract; [] when it is right."""
        probs = []
        if sub.errors_before_stop:
            probs.append("errors on the stream: %r" % sub.errors_before_stop)
        probs += sc.order_problems(sub)
        if not sub.progress and any(e[1] for e in sub.events):
            probs.append("a progress row reached a client without PROGRESS")
        if sub.columns is not None and not sub.progress and "mz_progressed" in sub.columns:
            probs.append("mz_progressed column without PROGRESS: %r" % sub.columns)
        if sub.alive():
            probs.append("the stream did not end after the cancel")
        elif sub.form != "cursor" and [e.get("C") for e in sub.errors] != ["57014"]:
            probs.append("the cancel did not end the stream with exactly 57014: %r"
                         % sub.errors)
        if not sub.ready:
            probs.append("the session was not usable (ReadyForQuery) after the stream ended"
                         + (": %s" % sub.ready_error if sub.ready_error else ""))
        switches, mism, cur = sc.match_environments(sub, envs)
        probs += mism
        if not mism and cur != len(envs) - 1:
            probs.append("ended on %s, not on the environment live at the end (%s); "
                         "switches %r" % (envs[cur][0], envs[-1][0], switches))
        last = self.steps[-1][2] if self.steps else 0
        if sub.last_ts() is None or sub.last_ts() < last:
            probs.append("no update after the last lifecycle step (last ts %s < %d)"
                         % (sub.last_ts(), last))
        return probs

    def problems_by_stream(self, envs):
        """{subscriber name: stream_problems} of every subscriber that broke the contract."""
        report = {}
        for sub in self.subs:
            probs = self.stream_problems(sub, envs)
            if probs:
                report[sub.name] = probs
        return report

    def contract_problems(self, subs=None):
        """{subscriber: problems} for each of `subs` (default: all) that broke the stream
        contract or switched outside its promote."""
        envs = self.envs()
        windows = [st for st in self.steps if st[0] == "promote"]
        report = {}
        for sub in self.subs if subs is None else subs:
            probs = self.stream_problems(sub, envs) + self.switch_problems(sub, envs, windows)
            if probs:
                report[sub.name] = probs
        return report

    def switch_problems(self, sub, envs, windows):
        """Each switch's T (the first checkpoint on the new environment is T + 1: the rows at T
        made the difference) must lie inside the promote (or rollback) that caused it."""
        switches, mism, cur = sc.match_environments(sub, envs)
        if mism or len(switches) != len(windows):
            return ["switches %r do not match the steps %r" % (switches, windows)]
        probs = []
        for (frm, to, p_lo, p_hi), (what, t0, t1) in zip(switches, windows):
            t = p_hi - 1
            if not (t0 <= t <= t1):
                probs.append("switch %s->%s at T=%d is outside the %s window [%d, %d] "
                             "(%+d ms after its end)" % (frm, to, t, what, t0, t1, t - t1))
        return probs


KINDS = {
    # group -> [(kind, form, PROGRESS?)] ; 20 subscribers in all
    "plain-simple": [("raw-simple", "subscribe", True)] * 4 +
                    [("raw-simple", "subscribe", False)] * 2,
    "plain-extended": [("raw-extended", "subscribe", True)] * 2 +
                      [("raw-extended", "subscribe", False)] +
                      [("psycopg-stream", "subscribe", True),
                       ("psycopg-stream", "subscribe", False)],
    "copy": [("raw-simple", "copy", True)] * 2 + [("raw-simple", "copy", False),
                                                  ("raw-extended", "copy", True),
                                                  ("psycopg-copy", "copy", True),
                                                  ("psycopg-copy", "copy", False)],
    "cursor": [("cursor-simple", "cursor", True), ("cursor-simple", "cursor", False),
               ("cursor-extended", "cursor", True)],
}


def statement(form, progress, i):
    # Spellings vary (TO or not, WITH (PROGRESS) forms), as clients write them.
    body = ("SUBSCRIBE TO analytics.v" if i % 2 else "SUBSCRIBE analytics.v")
    if progress:
        body += " WITH (PROGRESS)" if i % 3 else " WITH (PROGRESS = true, SNAPSHOT)"
    if form == "copy":
        return "COPY (%s) TO STDOUT" % body
    return body


def add_subscribers(sc_, groups):
    n = 0
    for group in groups:
        for kind, form, progress in KINDS[group]:
            sub = sc_.subscriber("%s-%d" % (group, n), kind, statement(form, progress, n),
                                 progress)
            sub.group = group
            n += 1


@pytest.fixture(scope="module")
def mzs(make_stack):
    return make_stack(backend="materialize", config=CONFIG)


def show_snapshot(s, subs):
    """`show subscriptions` and `show clients` (--json), with each subscriber's last timestamp
    just before the call."""
    before = {x.name: x.last_ts() for x in subs}
    out = ctl_json(s, "show", "subscriptions")
    clients = ctl_json(s, "show", "clients")
    return {"before": before, "subscriptions": out.get("subscriptions"),
            "clients": clients.get("clients"), "at": now_ms()}


@pytest.fixture(scope="module")
def cycles(mzs):
    """20 subscribers in all forms, three init -> await -> promote -> cleanup cycles, each
    changing the view's definition. Runs once; the tests below check its record."""
    s = mzs
    scn = Scenario(s, "cycles", view_sql("public.src_cycles", 0))
    add_subscribers(scn, ["plain-simple", "plain-extended", "copy", "cursor"])
    assert len(scn.subs) == 20
    m0 = metrics(s)
    scn.start()
    shows = []
    try:
        scn.stream_past(now_ms() + 1000)
        shows.append(("before", show_snapshot(s, scn.subs)))
        for k in (1, 2, 3):
            env = scn.deploy(k, view_sql(scn.table, k))
            scn.stream_past(now_ms() + 300)
            scn.promote(env)
            if k == 1:
                shows.append(("after promote", show_snapshot(s, scn.subs)))
            scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    scn.metrics = (m0, metrics(s))
    scn.shows = shows
    return scn


def test_writer_rate(cycles):
    w = cycles.writer
    assert not w.errors, w.errors
    total, ins, dele = w.rate()
    assert total >= 500, "base table changed at %.0f rows/s (%.0f ins, %.0f del)" % (
        total, ins, dele)
    assert ins > 0 and dele > 0


def test_scenario_ran(cycles):
    assert not cycles.problems, cycles.problems
    assert [w for w, _, _ in cycles.steps] == ["promote", "cleanup"] * 3
    for env, o in cycles.oracles.items():
        assert o.errors_before_stop == [] or all(
            "was dropped" in e.get("M", "") for e in o.errors_before_stop), (env, o.errors)


GROUPS = ["plain-simple", "plain-extended", "copy", "cursor"]


def _report(report):
    return "\n".join("%s:\n  %s" % (k, "\n  ".join(v)) for k, v in report.items())


@pytest.mark.parametrize("group", GROUPS)
def test_streams_follow_the_live_environment(cycles, group):
    """At every checkpoint P the client holds the live environment's result at P-1; zero
    errors; timestamps and progress monotone; no progress rows without PROGRESS; three switches,
    on to the environment live at the end; updates keep coming after the last cleanup."""
    envs = cycles.envs()
    report = {}
    for sub in cycles.subs:
        if sub.group == group:
            probs = cycles.stream_problems(sub, envs)
            if probs:
                report["%s (%s: %s)" % (sub.name, sub.kind, sub.sql)] = probs
    assert not report, _report(report)


@pytest.mark.parametrize("group", GROUPS)
def test_switch_happens_inside_the_promote(cycles, group):
    envs = cycles.envs()
    windows = [st for st in cycles.steps if st[0] == "promote"]
    report = {}
    for sub in cycles.subs:
        if sub.group == group:
            probs = cycles.switch_problems(sub, envs, windows)
            if probs:
                report["%s (%s: %s)" % (sub.name, sub.kind, sub.sql)] = probs
    assert not report, _report(report)


def test_carry_over_counted(cycles):
    m0, m1 = cycles.metrics
    carried = m1.get("cutover_subscriptions_carried_total", 0) - \
        m0.get("cutover_subscriptions_carried_total", 0)
    # Every non-cursor stream, at each of the three promotes.
    n = sum(1 for x in cycles.subs if x.form != "cursor")
    assert carried >= 3 * n, (carried, n)
    assert m1.get("cutover_subscriptions_failed_total", 0) == \
        m0.get("cutover_subscriptions_failed_total", 0)


def _peer_port(peer):
    return int(str(peer).rsplit(":", 1)[1]) if peer and ":" in str(peer) else None


def test_show_subscriptions(cycles):
    """Each subscriber is listed with its client, form, statement, frontier, environment and
    state: streaming before the first promote, carried over after it (plain and COPY)."""
    check_show_subscriptions(cycles)


def check_show_subscriptions(cycles):
    """The checks of test_show_subscriptions; returns the cursor-form rows seen after the
    promote."""
    by_port = {x.local_port: x for x in cycles.subs}
    cursor_rows = []
    for label, snap in cycles.shows:
        subs = snap["subscriptions"]
        assert subs is not None, snap
        ports = {c["id"]: _peer_port(c.get("peer")) for c in snap["clients"]}
        seen = set()
        for row in subs:
            for f in ("client", "form", "statement", "frontier", "environment", "state"):
                assert f in row, (label, row)
            x = by_port.get(ports.get(row["client"]))
            if x is None:
                continue  # not one of ours (an oracle is direct, so none should be missing)
            seen.add(x.name)
            assert row["statement"] == x.client_sql, (label, row)
            assert row["form"] == x.form, (label, row, x.kind)
            if label == "before" or x.form != "cursor":
                assert row["environment"] == "production", (label, row)
            lo = snap["before"][x.name]
            assert row["frontier"] >= (lo or 1) and row["frontier"] <= snap["at"], (
                label, row, lo)
            if label == "before":
                assert row["state"] == "streaming", (label, row)
            elif x.form != "cursor":
                assert row["state"] == "carried over", (label, row)
            else:
                cursor_rows.append(row)
        missing = [x.name for x in cycles.subs if x.name not in seen]
        assert not missing, (label, missing, subs)
    return cursor_rows


def test_show_subscriptions_cursor_carried(cycles):
    """After the promote, the cursor-form subscriptions read the new environment too."""
    rows = check_show_subscriptions(cycles)
    assert len(rows) == 3, rows
    for row in rows:
        assert (row["environment"], row["state"]) == ("production", "carried over"), row


# ---- unchanged definition: nothing at the switch ----

def test_unchanged_definition_emits_nothing_at_the_switch(mzs):
    s = mzs
    definition = view_sql("public.src_same", 0)
    scn = Scenario(s, "same", definition)
    scn.subscriber("same-raw-p", "raw-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("same-raw", "raw-simple", "SUBSCRIBE analytics.v", False)
    scn.subscriber("same-ext", "raw-extended", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("same-copy", "raw-simple", "COPY (SUBSCRIBE analytics.v) TO STDOUT", False)
    scn.subscriber("same-pcopy", "psycopg-copy",
                   "COPY (SUBSCRIBE analytics.v WITH (PROGRESS)) TO STDOUT", True)
    m0 = metrics(s)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, definition)
        scn.stream_past(now_ms() + 300)
        scn.promote(env)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    m1 = metrics(s)
    assert not scn.problems, scn.problems
    envs = scn.envs()
    old, new = scn.oracles["env0"], scn.oracles["env1"]
    old_rows, new_rows = sc.rows_by_ts(old), sc.rows_by_ts(new)
    old_to = sc.Accumulated(old).covered_to
    new_acc = sc.Accumulated(new)
    report = {}
    for sub in scn.subs:
        # The result checks (old and new agree at every P: no switch is visible in them).
        probs = scn.stream_problems(sub, envs)
        # Row for row: at every timestamp after the client's as-of, the client got exactly the
        # updates the live environment's oracle has at that timestamp -- nothing added at T.
        first = sub.events[0][0] if sub.events else None
        mine = sc.rows_by_ts(sub, lo=(first or 0) + 1)
        last_complete = max((e[0] for e in sub.events), default=0)
        for ts in sorted(set(mine) | {t for t in old_rows if first and first < t <
                                      last_complete}):
            if ts >= last_complete:
                continue
            if ts < old_to:
                want = old_rows.get(ts, {})
            elif new_acc.as_of is not None and ts > new_acc.as_of:
                want = new_rows.get(ts, {})
            else:
                probs.append("ts %d covered by no oracle" % ts)
                continue
            if mine.get(ts, {}) != want:
                probs.append("at ts %d the client got %r, the oracle %r" % (
                    ts, sorted(mine.get(ts, {}).items())[:4], sorted(want.items())[:4]))
                if len(probs) > 8:
                    break
        if probs:
            report[sub.name] = probs
    assert not report, _report(report)
    # The streams were carried (not merely left on the old objects): they outlived cleanup
    # (checked above: updates after the last step, no error) and were counted.
    carried = m1.get("cutover_subscriptions_carried_total", 0) - \
        m0.get("cutover_subscriptions_carried_total", 0)
    assert carried >= len(scn.subs), (carried, len(scn.subs))



# ---- new streams that hydrate for seconds ----

SLOW_HYDRATION_S = 7.0  # seven cadences, past the carry-over's 5 s floor for a settle


def test_new_streams_that_hydrate_for_seconds_carry_over_without_zc002(mzs):
    """A SUBSCRIBE of a query builds a new dataflow that hydrates before its snapshot (fact
    sheet §4). When the carry-over's new streams hydrate for several seconds, the proxy's waits
    (multiples of what the streams show) must wait for them: every stream is carried, none ends
    with ZC002, and no update is lost or duplicated."""
    s = mzs
    scn = Scenario(s, "slowhydr", view_sql("public.src_slowhydr", 0))
    q = "(SELECT id, grp, label FROM analytics.v)"
    scn.subscriber("hydr-raw-p", "raw-simple", "SUBSCRIBE %s WITH (PROGRESS)" % q, True)
    scn.subscriber("hydr-raw", "raw-simple", "SUBSCRIBE %s" % q, False)
    scn.subscriber("hydr-ext", "raw-extended", "SUBSCRIBE %s WITH (PROGRESS)" % q, True)
    scn.subscriber("hydr-copy", "psycopg-copy", "COPY (SUBSCRIBE %s) TO STDOUT" % q, False)
    scn.subscriber("hydr-cursor", "cursor-extended", "SUBSCRIBE %s WITH (PROGRESS)" % q, True)
    m0 = metrics(s)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        scn.stream_past(now_ms() + 300)
        with hydration_delay(s, SLOW_HYDRATION_S):
            scn.step("promote", "--pause-timeout", "10s")
            scn.env_names.append(env)
            scn.wait_carried(timeout=60)
        scn.stream_past(now_ms() + 500)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    m1 = metrics(s)
    assert not scn.problems, scn.problems
    # The new streams did wait out their hydration (else this test shows nothing).
    promote_ms = [t1 - t0 for what, t0, t1 in scn.steps if what == "promote"][0]
    assert promote_ms / 1000 + max(scn.carry_waits) >= SLOW_HYDRATION_S * 0.75, (
        promote_ms, scn.carry_waits, s.log_tail(80))
    envs = scn.envs()
    windows = [st for st in scn.steps if st[0] == "promote"]
    report = {}
    for sub in scn.subs:
        probs = scn.stream_problems(sub, envs)
        if sub.form != "cursor":
            probs += scn.switch_problems(sub, envs, windows)
        if probs:
            report[sub.name] = probs
    assert not report, _report(report)
    assert "ZC002" not in s.log_tail(2000)
    carried = m1.get("cutover_subscriptions_carried_total", 0) - \
        m0.get("cutover_subscriptions_carried_total", 0)
    assert carried >= len(scn.subs), (carried, len(scn.subs))

# ---- new streams hydrate side by side ----

ONE_LOGIN_CONFIG = CONFIG + """
[subscribe]
start_concurrency = 1
"""
SIDE_BY_SIDE_HYDRATION_S = 3.0


def test_new_streams_hydrate_side_by_side(make_stack):
    """A start slot covers a new stream's login, not its hydration (issue 18): with one slot
    and five subscriptions of a query whose new dataflows hydrate for three seconds, every new
    stream has started before the first one switches. Before, each waited for the previous
    stream's first row, and the promote lasted five hydrations. Ordering of cutoverd's own log
    lines, no clock: the streams are still checked against the direct oracles."""
    s = make_stack(backend="materialize", config=ONE_LOGIN_CONFIG)
    scn = Scenario(s, "sidebyside", view_sql("public.src_sidebyside", 0))
    q = "(SELECT id, grp, label FROM analytics.v)"
    for i in range(5):
        scn.subscriber("side-%d" % i, "raw-simple", "SUBSCRIBE %s WITH (PROGRESS)" % q, True)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        with hydration_delay(s, SIDE_BY_SIDE_HYDRATION_S):
            scn.promote(env)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert not scn.problems, scn.problems
    log = s.log_tail(3000).splitlines()
    started = [i for i, ln in enumerate(log) if "subscription over the swap" in ln]
    switched = [i for i, ln in enumerate(log) if "subscription carried over at T=" in ln]
    assert len(started) == 5 and len(switched) == 5, "\n".join(log[-80:])
    assert max(started) < min(switched), "\n".join(log[min(started):max(switched) + 1])
    report = scn.problems_by_stream(scn.envs())
    assert not report, _report(report)


# ---- cleanup at once ----

def test_cleanup_right_after_promote_never_errors(mzs):
    """A script that runs `deploy cleanup` the moment `deploy promote` returned: the proxy ends
    the old upstream statements before the drop, so no client stream sees an error."""
    s = mzs
    scn = Scenario(s, "atonce", view_sql("public.src_atonce", 0))
    scn.subscriber("now-raw-p", "raw-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("now-copy", "raw-simple", "COPY (SUBSCRIBE analytics.v) TO STDOUT", False)
    scn.subscriber("now-stream", "psycopg-stream", "SUBSCRIBE analytics.v WITH (PROGRESS)",
                   True)
    scn.subscriber("now-cursor", "cursor-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("now-cursor-ext", "cursor-extended", "SUBSCRIBE analytics.v", False)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        scn.promote(env, wait=False)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    envs = scn.envs()
    report = scn.problems_by_stream(envs)
    assert not report, _report(report)
    assert not scn.problems, scn.problems


# ---- rollback: carried twice ----

def test_promote_then_rollback_carries_twice(mzs):
    s = mzs
    scn = Scenario(s, "rollback", view_sql("public.src_rollback", 0))
    scn.subscriber("rb-raw-p", "raw-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("rb-copy", "raw-simple", "COPY (SUBSCRIBE analytics.v) TO STDOUT", False)
    scn.subscriber("rb-ext", "raw-extended", "SUBSCRIBE TO analytics.v WITH (PROGRESS)", True)
    scn.subscriber("rb-stream", "psycopg-stream", "SUBSCRIBE analytics.v", False)
    scn.subscriber("rb-cursor", "cursor-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    scn.subscriber("rb-cursor-ext", "cursor-extended", "SUBSCRIBE analytics.v", False)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        scn.stream_past(now_ms() + 300)
        scn.promote(env)
        scn.rollback("env0")
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert not scn.problems, scn.problems
    envs = scn.envs()
    assert [n for n, _ in envs] == ["env0", "env1", "env0"]
    windows = [st for st in scn.steps if st[0] in ("promote", "rollback")]
    report = scn.problems_by_stream(envs)
    assert not report, _report(report)
    report = {}
    for sub in scn.subs:
        probs = scn.switch_problems(sub, envs, windows)
        if probs:
            report[sub.name] = probs
    assert not report, "both carried correctly, but:\n" + _report(report)


def test_cursor_that_stops_fetching_across_the_promote(mzs):
    """A cursor's old stream advances only when its client FETCHes. Clients that stop fetching
    before the promote and go on well after it (longer than the proxy's grace for the old
    stream, so that the proxy ends it early) must still see every update, and the switch,
    exactly once."""
    s = mzs
    scn = Scenario(s, "slowcursor", view_sql("public.src_slowcursor", 0))
    subs = [scn.subscriber("slow-cursor", "cursor-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)",
                           True),
            scn.subscriber("slow-cursor-ext", "cursor-extended", "SUBSCRIBE analytics.v", False)]
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        for sub in subs:
            sub.pause.set()
        # A FETCH in flight when pause is set runs until its 1 s timeout and may carry the old
        # stream past the switch by itself: the promote starts once both clients are idle.
        for sub in subs:
            assert sub.paused.wait(10), sub.name + " did not pause"
        time.sleep(0.3)  # updates pile up behind the clients' last FETCH
        early0 = s.log_tail(100000).count("ended early")
        scn.promote(env, wait=False)  # its wait reads the streams; these clients are paused
        # Paused past the old stream's grace (a multiple of the streams' cadence): until the
        # proxy has ended both old cursors early.
        ended = wait_for(lambda: s.log_tail(100000).count("ended early") >= early0 + 2, 60)
        assert ended, s.log_tail(60)
        for sub in subs:
            sub.pause.clear()
        scn.stream_past(now_ms() + 500)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert not scn.problems, scn.problems
    assert "ended early" in s.log_tail(400), "the test did not reach the early end it is about"
    report = scn.contract_problems()
    assert not report, _report(report)


def test_cursor_fetching_slower_than_the_cadence_keeps_its_old_stream(mzs):
    """A cursor's old stream delivers only when its client FETCHes. Clients whose FETCH takes
    3 s (three of Materialize's 1 s cadences, and many more of the frontier advances a busy
    table shows) are not having their old stream ended early at the promote, which would
    leave their view stale, or holding part of a timestamp, until the switch: the old
    stream's grace is counted in their FETCH interval."""
    s = mzs
    scn = Scenario(s, "slowfetch", view_sql("public.src_slowfetch", 0))
    subs = [scn.subscriber("slowfetch-simple", "cursor-simple",
                           "SUBSCRIBE analytics.v WITH (PROGRESS)", True),
            scn.subscriber("slowfetch-ext", "cursor-extended", "SUBSCRIBE analytics.v", False)]
    for sub in subs:
        sub.fetch_timeout = "3s"
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        early0 = s.log_tail(100000).count("ended early")
        scn.promote(env)
        scn.stream_past(now_ms() + 500)
        early = s.log_tail(100000).count("ended early") - early0
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert not scn.problems, scn.problems
    assert all(sub.fetches >= 5 for sub in subs), [(x.name, x.fetches) for x in subs]
    assert early == 0, s.log_tail(200)
    report = scn.contract_problems()
    assert not report, _report(report)


# ---- the memory bound ----

MEM_CONFIG = CONFIG + """
[subscribe]
splice_memory = 64kB
"""


def test_splice_memory_bound_ends_with_zc002(make_stack):
    s = make_stack(backend="materialize", config=MEM_CONFIG)
    wide = ("SELECT id, grp, repeat('x', 400) || (id %% 10)::text AS label FROM %s")
    scn = Scenario(s, "mem", wide % "public.src_mem")
    a = scn.subscriber("mem-raw", "raw-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
    b = scn.subscriber("mem-copy", "raw-simple", "COPY (SUBSCRIBE analytics.v) TO STDOUT",
                       False)
    m0 = metrics(s)
    scn.start()
    again = None
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, (wide % scn.table).replace("'x'", "'y'"))
        scn.step("promote", "--pause-timeout", "10s")
        scn.env_names.append(env)
        ended = wait_for(lambda: a.ready and b.ready, 30)
        m1 = metrics(s)
        # The seed's minimum: a client that resubscribes lands on the new environment.
        again = scn.subscriber("mem-again", "raw-simple",
                               "SUBSCRIBE analytics.v WITH (PROGRESS)", True)
        again.start()
        wait_for(lambda: len(sc.checkpoints(again)) >= 3, 30)
    finally:
        scn.stop()
    assert ended, (a.errors, b.errors, s.log_tail())
    for sub in (a, b):
        codes = [e.get("C") for e in sub.errors_before_stop]
        assert codes == ["ZC002"], (sub.name, sub.errors)
        msg = sub.errors_before_stop[0].get("M", "")
        assert "splice memory limit (65536 bytes) exceeded" in msg, msg
        assert "resubscribe" in msg, msg
        assert not sc.order_problems(sub), sc.order_problems(sub)
        # Up to the error the client saw the old environment only.
        _, mism, cur = sc.match_environments(sub, scn.envs()[:1])
        assert not mism, (sub.name, mism)
    over = m1.get("cutover_subscribe_splice_overflow_total", 0) - \
        m0.get("cutover_subscribe_splice_overflow_total", 0)
    assert over >= 2, (m0, m1)
    cps = sc.checkpoints(again)
    assert cps, (again.errors, again.events[:3])
    new = sc.Accumulated(scn.oracles[env])
    for p, state in cps:
        assert new.before(p) == state, (p, sc.diff_states(state, new.before(p) or {}))
    assert again.errors_before_stop == [], again.errors


# ---- max_connections and [subscribe] max_sessions ----

SESSIONS_CONFIG = CONFIG + """
[subscribe]
max_sessions = 5
"""


def emu_sessions(s):
    return json.loads(emu_control(s, "status")[3:])["sessions"]


def settled_sessions(s):
    """The emulator's session count once closed sessions are gone (stable for 0.3 s)."""
    last = emu_sessions(s)
    for _ in range(50):
        time.sleep(0.3)
        now = emu_sessions(s)
        if now == last:
            return now
        last = now
    return last


def test_carry_over_at_the_server_session_limit(make_stack):
    """Each carried stream holds a server session of its own. Six subscribers; the proxy may
    hold five such sessions ([subscribe] max_sessions), and the server (max_connections) has
    room for the promote's session and four more. So four streams are carried (checked against
    the direct oracles), one ends with ZC002 at max_sessions before connecting, one with ZC002
    when the server refuses it (53300). Then other clients take every free session on the server;
    cleanup must still run, on the session the promote kept for it."""
    s = make_stack(backend="materialize", config=SESSIONS_CONFIG)
    scn = Scenario(s, "maxconn", view_sql("public.src_maxconn", 0))
    subs = [scn.subscriber("maxconn-%d" % i, "raw-simple", "SUBSCRIBE analytics.v WITH (PROGRESS)",
                           True) for i in range(6)]
    fillers = []
    refused_fill = None
    cleanup_out = None
    m0 = metrics(s)
    scn.start()
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        base = settled_sessions(s)
        emu_control(s, "max_connections %d" % (base + 1 + 4))
        scn.step("promote", "--pause-timeout", "10s")
        scn.env_names.append(env)
        wait_for(lambda: all(x.errors or (x.last_ts() or 0) > scn.steps[-1][2] for x in subs), 30)
        scn.stream_past(now_ms() + 1000)
        # Other clients fill the server; the 53300 that ends this shows it is full.
        for _ in range(10):
            try:
                fillers.append(mz_direct(s))
            except psycopg.OperationalError as e:
                refused_fill = str(e)
                break
        t0 = now_ms()
        cleanup_out = subprocess.run(
            [ctl_binary(), "-s", s["ADMIN_SOCKET"], "deploy", "cleanup"], stdin=subprocess.DEVNULL,
            capture_output=True, text=True, timeout=180)
        scn.steps.append(("cleanup", t0, now_ms()))
        scn.stream_past(now_ms() + 1000)
    finally:
        for f in fillers:
            f.close()
        scn.stop()
    m1 = metrics(s)
    assert refused_fill is not None and "max_connections" in refused_fill, (refused_fill, fillers)
    assert cleanup_out.returncode == 0, (cleanup_out.stdout, cleanup_out.stderr, s.log_tail(30))
    assert not scn.problems, scn.problems
    refused = [x for x in subs if x.errors_before_stop]
    carried = [x for x in subs if not x.errors_before_stop]
    assert len(refused) == 2 and len(carried) == 4, [(x.name, x.errors_before_stop) for x in subs]
    envs = scn.envs()
    reasons = []
    for sub in refused:
        assert [e.get("C") for e in sub.errors_before_stop] == ["ZC002"], sub.errors
        msg = sub.errors_before_stop[0].get("M", "")
        assert "resubscribe" in msg, msg
        reasons.append("max_sessions = 5" if "max_sessions = 5" in msg
                       else "53300" if "max_connections" in msg else msg)
        assert not sc.order_problems(sub), sc.order_problems(sub)
        _, mism, _ = sc.match_environments(sub, envs[:1])  # up to the error: the old one only
        assert not mism, (sub.name, mism)
    assert sorted(reasons) == ["53300", "max_sessions = 5"], reasons
    report = scn.contract_problems(carried)
    assert not report, _report(report)
    assert m1.get("cutover_subscribe_server_sessions_peak") == 5, m1
    assert m1.get("cutover_subscribe_session_limit_total", 0) - \
        m0.get("cutover_subscribe_session_limit_total", 0) == 1, (m0, m1)
    assert wait_for(lambda: metrics(s).get("cutover_subscribe_server_sessions") == 0, 10), \
        metrics(s)


# ---- idle_in_transaction_session_timeout ----

KEEPALIVE_CONFIG = CONFIG + """
[subscribe]
server_keepalive = 1s
"""
IDLE_TX_TIMEOUT_S = 3


def test_carried_cursor_outlives_idle_in_transaction_timeout(make_stack):
    """After the switch the proxy answers a cursor's FETCHes; the client's own server session
    only holds its transaction. It must not end with 25P03 (idle in transaction) while the client
    keeps reading: here for more than three times a shortened timeout."""
    s = make_stack(backend="materialize", config=KEEPALIVE_CONFIG)
    scn = Scenario(s, "idletx", view_sql("public.src_idletx", 0))
    dsn = proxy_dsn(s) + " options='-c idle_in_transaction_session_timeout=%ds'" % IDLE_TX_TIMEOUT_S
    for simple in (True, False):
        sub = sc.PsycopgStream("idletx-%s" % ("simple" if simple else "extended"), dsn,
                               "SUBSCRIBE analytics.v WITH (PROGRESS)", True, "cursor",
                               simple=simple)
        sub.kind = "cursor-simple" if simple else "cursor-extended"
        scn.subs.append(sub)
    scn.start()
    carried = False
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        scn.promote(env, wait=False)

        def all_carried():
            rows = ctl_json(s, "show", "subscriptions").get("subscriptions") or []
            return len(rows) == 2 and all(r["state"] == "carried over" for r in rows)

        carried = wait_for(all_carried, 30)
        t0 = time.monotonic()
        while time.monotonic() - t0 < 3 * IDLE_TX_TIMEOUT_S + 1:
            scn.stream_past(now_ms() + 500)
            time.sleep(0.5)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert carried, ctl_json(s, "show", "subscriptions")
    assert not scn.problems, scn.problems
    report = scn.contract_problems()
    assert not report, _report(report)
