"""A fleet of cutoverd sidecars cuts over as one event (issue 13, docs/fleet.md).

One 3-member stack per backend (`tests/stack up --proxies 3`): clients on every member, one step
through one member's admin socket. Every member must hold its clients, switch its routes before
the step replies (checked with `show routes`, which does not re-derive anything from the
server), and no production transaction on any member may see two environments. A member killed
with SIGKILL must not hold a promote up beyond its lease, and the reply names it.
"""

import datetime
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request

import psycopg
import pytest

import pgraw
from test_lifecycle import (BACKENDS, GREEN, BLUE, CLIENT_TX, MZ_DEPLOY_CONFIG,  # noqa: F401
                            DBT_PROMOTE_SQL, HAVE_EMULATOR, PG_DEPLOY_CONFIG, Deployment, Workload, assert_one_environment_per_tx,
                            cutoverctl_binary, one_tx, parse_json_reply, raw_query_error)

MEMBERS = 3
LEASE_S = 3.0  # [fleet] lease default


class Member(Deployment):
    """Deployment seen through fleet member k (0-based): its ports and its admin socket."""

    def __init__(self, stack, backend, k):
        super().__init__(stack, backend)
        self.k = k

    def _nth(self, key):
        return self.s[key].split()[self.k]

    def port(self, route):
        key = {"production": "PROXY_PORTS", "deploy": "DEPLOY_PORTS",
               "previous": "PREVIOUS_PORTS"}[route]
        return int(self._nth(key))

    def ctl_argv(self, *words, json_out=False):
        argv = [cutoverctl_binary(), "-s", self._nth("ADMIN_SOCKETS")]
        if json_out:
            argv.append("--json")
        return argv + list(words)

    @property
    def pid(self):
        return int(self._nth("CUTOVERD_PIDS"))

    def log_text(self):
        with open(self._nth("CUTOVERD_LOGS"), errors="replace") as f:
            return f.read()

    def metrics(self):
        """{sample line's name+labels: value} of this member's /metrics."""
        url = "http://127.0.0.1:%s/metrics" % self._nth("HTTP_PORTS")
        with urllib.request.urlopen(url, timeout=10) as resp:
            text = resp.read().decode()
        out = {}
        for ln in text.splitlines():
            if ln and not ln.startswith("#"):
                k, v = ln.rsplit(" ", 1)
                out[k] = float(v)
        return out

    def routes(self):
        """{route: available} as this member's routing table says, without asking the server."""
        rows = self.ctl_json("show", "routes")["routes"]
        return {r["route"]: r["available"] for r in rows}


class Fleet:
    def __init__(self, stack, backend):
        self.s = stack
        self.backend = backend
        self.members = [Member(stack, backend, k) for k in range(MEMBERS)]

    def wait_all_live(self, timeout=20):
        """Until every member sees every member live."""
        deadline = time.monotonic() + timeout
        for m in self.members:
            while True:
                r = m.ctl("fleet", json_out=True)
                if r.returncode == 0:
                    out = parse_json_reply(r.stdout)
                    live = {x["name"] for x in out["members"] if x["live"]}
                    if live >= {"m%d" % (k + 1) for k in range(MEMBERS)} and not out["stale"]:
                        break
                assert time.monotonic() < deadline, "fleet members not all live: %s %s" % (
                    r.stdout, r.stderr)
                time.sleep(0.2)


@pytest.fixture(scope="module", params=BACKENDS)
def fleet(request, make_stack):
    backend = request.param
    if not os.access(cutoverctl_binary(), os.X_OK):
        pytest.skip("cutoverctl missing (%s)" % cutoverctl_binary())
    config = MZ_DEPLOY_CONFIG if backend == "materialize" else PG_DEPLOY_CONFIG
    s = make_stack(config=config, backend=backend, extra_args=("--proxies", str(MEMBERS)))
    f = Fleet(s, backend)
    assert all(m.pid > 0 for m in f.members)
    f.wait_all_live()
    return f


def start_workloads(fl, per_member=2):
    ws = [Workload(m, {"production": per_member}) for m in fl.members]
    for w in ws:
        w.start()
    return ws


def stop_workloads(ws):
    for w in ws:
        w.stop()


def assert_switched_everywhere(fl, previous_available, deploy_available, within=0.0):
    deadline = time.monotonic() + within
    for m in fl.members:
        r = m.routes()
        while (r["previous"], r["deploy"]) != (previous_available, deploy_available) and \
                time.monotonic() < deadline:
            time.sleep(0.05)
            r = m.routes()
        assert r["previous"] == previous_available and r["deploy"] == deploy_available, (
            "member m%d did not switch its routes: %r\n%s" % (m.k + 1, r, m.log_text()[-3000:]))


def swap_directly_on_the_server(fl, m1):
    """Runs the promote's own SQL (from `--dry-run`) on the server, bypassing every member.
    Returns each member's log length before it and the UTC time right after its commit."""
    r = m1.ctl("deploy", "promote", "--dry-run", check=0)
    body = [ln for ln in r.stdout.splitlines()
            if ln.strip() and not ln.startswith(("# ", "--", "fleet:"))]
    logs0 = [len(m.log_text()) for m in fl.members]
    with m1.direct() as d:
        for sql in body:
            d.execute(sql)
    return logs0, datetime.datetime.now(datetime.timezone.utc)


def assert_clean_and_new_after(ws, t_end, want):
    for k, w in enumerate(ws):
        assert not w.errors, "member m%d: failed statements: %r\n%s" % (
            k + 1, w.errors[:5], w.dep.log_text()[-4000:])
        assert_one_environment_per_tx(w)
        after = [x for x in w.txs if x["t0"] > t_end]
        assert after, "member m%d ran no transaction after the step" % (k + 1)
        assert all(x["tags"] == {want} for x in after), (
            "member m%d: a transaction begun after the step saw %r" % (
                k + 1, [x["tags"] for x in after if x["tags"] != {want}][:3]))


def test_membership_is_listed_by_every_member(fleet):
    for m in fleet.members:
        out = parse_json_reply(m.ctl("fleet", json_out=True, check=0).stdout)
        names = sorted(x["name"] for x in out["members"])
        assert names == ["m1", "m2", "m3"], out
        assert out["member"] == "m%d" % (m.k + 1)
        selfs = [x for x in out["members"] if x["self"]]
        assert len(selfs) == 1 and selfs[0]["name"] == out["member"], out
        assert all(x["live"] and x["heartbeat_seconds_ago"] < LEASE_S for x in out["members"])
        pids = {x["name"]: x["pid"] for x in out["members"]}
        assert pids == {"m%d" % (j.k + 1): j.pid for j in fleet.members}, out


def test_promote_rollback_cleanup_through_different_members(fleet):
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    # init holds nobody: it is announced, and the members open the deploy route on sight
    assert_switched_everywhere(fleet, previous_available=False, deploy_available=True, within=3.0)

    ws = start_workloads(fleet)
    try:
        time.sleep(0.5)
        r = m1.ctl("deploy", "promote", check=0, timeout=60)
        t_promoted = time.monotonic()
        # the reply comes once every member reported its switch...
        for name in ("m2", "m3"):
            assert "%s switched" % name in r.stdout, r.stdout
            # each member's intent-to-held latency (its own monotonic clock) and the
            # promoter's claim-to-report figure
            assert re.search(r"%s switched, intent-to-held \d+\.\d ms \(claim to report seen "
                             r"\d+\.\d ms\)" % name, r.stdout), r.stdout
        # ...and every member's own routing table says so, before anything re-derives
        assert_switched_everywhere(fleet, previous_available=True, deploy_available=False)
        # the members' view on /metrics
        mt = m2.metrics()
        assert mt['cutover_fleet_members{live="true"}'] == 3, mt
        assert mt["cutover_fleet_stale"] == 0, mt
        assert mt['cutover_fleet_steps_total{role="member"}'] >= 1, mt
        assert mt['cutover_fleet_member_state{state="following"}'] == 1, mt
        assert mt['cutover_fleet_intent_to_held_seconds{role="member"}'] >= 0, mt
        assert mt["cutover_fleet_intent_generation"] == \
            parse_json_reply(m2.ctl("fleet", json_out=True, check=0).stdout)["intent_generation"]
        m1t = m1.metrics()
        assert m1t['cutover_fleet_steps_total{role="promoter"}'] >= 1, m1t
        assert m1t['cutover_fleet_intent_to_held_seconds{role="promoter"}'] >= 0, m1t
        time.sleep(1.0)
    finally:
        stop_workloads(ws)
    assert_clean_and_new_after(ws, t_promoted, GREEN)
    # on Materialize the swap's commit (the schema ids moving) usually reaches the members
    # holding their clients before m1's `committed` (test_members_switch_at_the_swaps_commit_...)
    for m in (m2, m3):
        assert re.search(r"promote by m1 (committed|seen in the catalog)", m.log_text()), \
            m.log_text()[-3000:]

    ws = start_workloads(fleet)
    try:
        time.sleep(0.5)
        r = m2.ctl("deploy", "rollback", check=0, timeout=60)
        t_rolled = time.monotonic()
        for name in ("m1", "m3"):
            assert "%s switched" % name in r.stdout, r.stdout
        assert_switched_everywhere(fleet, previous_available=False, deploy_available=True)
        time.sleep(1.0)
    finally:
        stop_workloads(ws)
    assert_clean_and_new_after(ws, t_rolled, BLUE)

    r = m3.ctl("deploy", "cleanup", check=0, timeout=60)
    for name in ("m1", "m2"):
        assert "%s switched" % name in r.stdout, r.stdout
    assert_switched_everywhere(fleet, previous_available=False, deploy_available=False)
    # m3 writes `done` as it replies: m1 sees it at that write's commit (its watch), a moment
    # after the reply (10-50 ms measured, old and new watch alike): poll, do not race it
    deadline = time.monotonic() + 3.0
    while True:
        out = parse_json_reply(m1.ctl("fleet", json_out=True, check=0).stdout)
        if out["intent_state"] == "done" or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert out["intent_action"] == "cleanup" and out["intent_promoter"] == "m3", out
    assert out["intent_state"] == "done", out


def test_subscribes_on_every_member_follow_one_promote(fleet):
    """Materialize: SUBSCRIBE streams in three forms (plain with PROGRESS, COPY, cursor) on
    every member, one promote, one rollback and one cleanup run on m1. Every stream equals its
    direct oracle (a SUBSCRIBE on the emulator itself) at every checkpoint, switches to the new
    environment at the promote and back at the rollback, and never sees an error: the fleet carries each member's streams as a single
    cutoverd carries its own. The plain and COPY streams read a query, whose new streams
    hydrate (3 s here) before they can switch: the promote and the rollback reply only once every
    member's streams have switched (step 5 of the issue), so right after each reply every member
    already shows them carried over, and the reply says so per member."""
    if fleet.backend != "materialize":
        pytest.skip("SUBSCRIBE is Materialize's")
    import subclients as sc
    from itutil import hydration_delay
    from test_subscribe import Scenario, _report, ctl, now_ms, view_sql
    m1 = fleet.members[0]
    m1.reset()
    fleet.wait_all_live()
    s = fleet.s
    scn = Scenario(s, "fleetsubs", view_sql("public.src_fleetsubs", 0))
    q = "(SELECT id, grp, label FROM analytics.v)"
    for m in fleet.members:
        port = m.port("production")
        dsn = "host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable connect_timeout=10" % (
            port, s["MZ_USER"], s["MZ_DB"])
        tag = "m%d" % (m.k + 1)
        for sub in (sc.RawStream(tag + "-plain", port, s["MZ_USER"], s["MZ_DB"],
                                 "SUBSCRIBE %s WITH (PROGRESS)" % q, True, "subscribe"),
                    sc.RawStream(tag + "-copy", port, s["MZ_USER"], s["MZ_DB"],
                                 "COPY (SUBSCRIBE %s) TO STDOUT" % q, False, "copy"),
                    sc.PsycopgStream(tag + "-cursor", dsn,
                                     "SUBSCRIBE analytics.v WITH (PROGRESS)", True, "cursor",
                                     simple=True)):
            sub.kind = tag
            scn.subs.append(sub)
    scn.start()
    carried_at_reply, replies = {}, {}
    try:
        scn.stream_past(now_ms() + 1000)
        env = scn.deploy(1, view_sql(scn.table, 1))
        with hydration_delay(s, 3):
            for step, name in (("promote", env), ("rollback", "env0")):
                t0 = now_ms()
                out = ctl(s, "deploy", step, "--pause-timeout", "10s")
                scn.steps.append((step, t0, now_ms()))
                scn.env_names.append(name)
                replies[step] = out
                carried_at_reply[step] = {}
                for m in fleet.members:
                    rows = m.ctl_json("show", "subscriptions").get("subscriptions") or []
                    carried_at_reply[step][m.k + 1] = sum(1 for r in rows
                                                          if r.get("state") == "carried over")
                scn.stream_past(now_ms() + 500)
        scn.cleanup()
        scn.stream_past(now_ms() + 1000)
    finally:
        scn.stop()
    assert not scn.problems, scn.problems
    for step, out in replies.items():
        # its plain and COPY streams at least (a cursor is carried at its FETCH)
        assert all(n >= 2 for n in carried_at_reply[step].values()), (step, carried_at_reply, out)
        for k in (2, 3):
            assert re.search(r"m%d switched[^;]* subscription\(s\) carried after \d+ ms" % k,
                             out), (step, out)
    envs = scn.envs()
    assert [n for n, _ in envs] == ["env0", "env1", "env0"], envs
    report = scn.problems_by_stream(envs)
    assert not report, _report(report)


def test_second_promote_is_refused_naming_the_first_and_a_frozen_member_catches_up(fleet):
    """m3 frozen (SIGSTOP) keeps m1's promote open for up to its lease: a promote on m2 in that
    window is refused by the fleet, naming m1. Thawed, m3 switches on the committed intent."""
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    fleet.wait_all_live()
    os.kill(m3.pid, signal.SIGSTOP)
    try:
        first = subprocess.Popen(m1.ctl_argv("deploy", "promote"), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
        time.sleep(0.7)
        second = m2.ctl("deploy", "promote", check=1, timeout=60)
        assert "refused: fleet member m1" in second.stderr, second.stderr
        assert "nothing changed" in second.stderr, second.stderr
        out, err = first.communicate(timeout=60)
        assert first.returncode == 0, out + err
        assert "lost: m3" in out and "m2 switched" in out, out
    finally:
        os.kill(m3.pid, signal.SIGCONT)
    assert m1.routes()["previous"] and m2.routes()["previous"]
    # thawed, m3 reads the committed intent and switches by itself (no status, no reload)
    assert_switched_everywhere(fleet, previous_available=True, deploy_available=False, within=5.0)
    assert "promote by m1 committed" in m3.log_text()
    fleet.wait_all_live()
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def raw_session(member, route="production"):
    """A pgraw session on member's route, started (raw protocol: the FATAL's own SQLSTATE)."""
    c = pgraw.Conn(member.port(route))
    s = member.s
    if member.mz:
        msgs = c.startup(s["MZ_USER"], s["MZ_DB"])
    else:
        msgs = c.startup(s["PG_USER"], s["PG_DB"], password=s["PG_PASSWORD"])
    assert pgraw.first_error(msgs) is None, msgs
    return c


def raw_sqlstate(member, route, sql="SELECT 1"):
    """The SQLSTATE of `sql` on a new session of member's route (None: it ran)."""
    with raw_session(member, route) as c:
        e = raw_query_error(c, sql)
    return e.get("C") if e else None


def test_member_with_a_lost_control_connection_is_fenced_until_it_re_derived(fleet):
    """PostgreSQL: m2's control connection is terminated (pg_terminate_backend) while a
    transaction here holds m2's member row, so m2 cannot register again: its view stays stale.
    Meanwhile its deploy route is refused with ZC001 and production keeps serving; once the row
    is released m2 re-reads, re-derives and opens the deploy route again."""
    if fleet.backend != "postgres":
        pytest.skip("pg_terminate_backend of the member's control backend is PostgreSQL's")
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    assert_switched_everywhere(fleet, previous_available=False, deploy_available=True, within=3.0)
    fleet.wait_all_live()
    with m2.connect("deploy") as c:
        c.execute("SELECT 1")
    lock = m1.direct()
    killer = m1.direct()
    try:
        lock.execute("BEGIN")
        lock.execute("SELECT 1 FROM cutover_fleet.members WHERE member = 'm2' FOR UPDATE")
        n = killer.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                           "application_name = 'cutover fleet control m2'").fetchone()[0]
        assert n == 1, "m2's control backend not found"
        deadline = time.monotonic() + 5
        while True:
            state = raw_sqlstate(m2, "deploy")
            if state == "ZC001" or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert state == "ZC001", "m2's deploy route served with a stale view: %r\n%s" % (
            state, m2.log_text()[-3000:])
        with m2.connect() as c:  # production is served
            assert c.execute("SELECT 1").fetchone() == (1,)
        # m1 is not affected
        with m1.connect("deploy") as c:
            c.execute("SELECT 1")
        assert m2.metrics()["cutover_fleet_stale"] == 1
        out = parse_json_reply(m2.ctl("fleet", json_out=True, check=0).stdout)
        assert out["stale"], out
    finally:
        lock.rollback()
        lock.close()
        killer.close()
    deadline = time.monotonic() + 10
    while raw_sqlstate(m2, "deploy") is not None:
        assert time.monotonic() < deadline, "m2 did not recover:\n" + m2.log_text()[-3000:]
        time.sleep(0.1)
    assert "view fresh again" in m2.log_text()
    assert m2.metrics()["cutover_fleet_stale"] == 0
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def test_thawed_member_ends_a_transaction_that_straddled_the_cutover(fleet):
    """m3 is frozen (SIGSTOP) with a client inside a transaction on it, m1 promotes without it;
    thawed, m3 ends that transaction with ZC004 at its next statement (never forwarded over the
    new objects), and a new transaction on m3 sees the new environment."""
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    fleet.wait_all_live()
    c = raw_session(m3)
    for sql in ("BEGIN",) + CLIENT_TX:
        msgs = c.simple_query(sql)
        assert pgraw.first_error(msgs) is None, msgs
    assert any(BLUE.encode() in p for k, p in msgs if k == b"D"), msgs
    os.kill(m3.pid, signal.SIGSTOP)
    try:
        r = m1.ctl("deploy", "promote", check=0, timeout=60)
        assert "lost: m3" in r.stdout, r.stdout
    finally:
        os.kill(m3.pid, signal.SIGCONT)
    e = raw_query_error(c, CLIENT_TX[0])
    c.close()
    state = e.get("C") if e else None
    assert state == "ZC004", "the straddling transaction went on (%r):\n%s" % (
        state, m3.log_text()[-3000:])
    assert "not holding its clients" in m3.log_text()
    with m3.connect(autocommit=False) as c2:
        tags, _ = one_tx(c2)
    assert tags == {GREEN}, tags
    assert m3.metrics()["cutover_fleet_fenced_sessions_total"] >= 1
    fleet.wait_all_live()
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def test_swap_run_directly_on_the_server_is_seen_by_every_member(fleet):
    """The promote's SQL run directly on the server (no cutoverd involved): every member sees the
    schemas' ids change within about a second, flips its routes and logs that this cutover had
    no barrier."""
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    fleet.wait_all_live()
    assert_switched_everywhere(fleet, previous_available=False, deploy_available=True, within=3.0)
    logs0, t_swapped = swap_directly_on_the_server(fleet, m1)
    # the switch follows a derivation from the catalog: slack for a loaded machine (the
    # detection time itself is checked below, from the members' logs)
    assert_switched_everywhere(fleet, previous_available=True, deploy_available=False, within=10.0)
    for m, off in zip(fleet.members, logs0):
        tail = m.log_text()[off:]
        seen = re.search(r"^(\S+) WARNING fleet: cutover without a barrier", tail, re.M)
        assert seen, tail[-2000:]
        assert m.metrics()["cutover_fleet_unbarriered_cutovers_total"] >= 1
        # the member's own log time (same host, same clock as the test): heartbeat 1 s, so
        # seen within about a second; slack for a loaded CI machine
        at = datetime.datetime.strptime(seen.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc)
        took = (at - t_swapped).total_seconds()
        assert took < 2.5, "member m%d saw the direct swap %.1f s after it" % (m.k + 1, took)
    with m2.connect(autocommit=False) as c:
        assert one_tx(c)[0] == {GREEN}
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def test_dbt_swap_through_a_member_holds_the_whole_fleet(fleet):
    """dbt's deploy_promote (ALTER ... SWAP WITH) sent by a client through m2: m2 claims a fleet
    step for it, every member holds its clients before the swap runs, and every member switches
    at its commit; clients on every member see one environment per transaction."""
    if fleet.backend != "materialize":
        pytest.skip("dbt's deploy_promote (ALTER ... SWAP WITH) is Materialize SQL")
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    fleet.wait_all_live()
    logs0 = [len(m.log_text()) for m in fleet.members]
    ws = start_workloads(fleet)
    try:
        time.sleep(0.5)
        with raw_session(m2) as dbt:
            msgs = dbt.simple_query(DBT_PROMOTE_SQL)
            assert pgraw.first_error(msgs) is None, msgs
        t_swapped = time.monotonic()
        assert_switched_everywhere(fleet, previous_available=True, deploy_available=False,
                                   within=5.0)
        time.sleep(1.0)
    finally:
        stop_workloads(ws)
    assert_clean_and_new_after(ws, t_swapped, GREEN)
    tail2 = m2.log_text()[logs0[1]:]
    assert "every fleet member holds its clients for this deployment swap" in tail2, tail2
    for m, off in ((m1, logs0[0]), (m3, logs0[2])):
        tail = m.log_text()[off:]
        assert re.search(r"swap by m2 \(generation \d+\): holding clients", tail), tail
        assert re.search(r"swap by m2 (committed|seen in the catalog)", tail), tail
        assert "cutover without a barrier" not in tail, tail
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def test_killed_member_does_not_block_a_promote_beyond_its_lease(fleet):
    """Runs last on each stack: m3 stays dead."""
    m1, m2, m3 = fleet.members
    m1.reset()
    m1.init_and_build()
    fleet.wait_all_live()
    os.kill(m3.pid, signal.SIGKILL)
    t0 = time.monotonic()
    r = m1.ctl("deploy", "promote", check=0, timeout=60)
    took = time.monotonic() - t0
    # waited for m3 at most until its lease ran out (plus a heartbeat and the read after it)
    assert took < LEASE_S + 3.0, "promote took %.1f s with a dead member:\n%s" % (took, r.stdout)
    assert "lost: m3" in r.stdout, r.stdout
    assert "m2 switched" in r.stdout, r.stdout
    assert m1.routes()["previous"] and m2.routes()["previous"]
    out = parse_json_reply(m2.ctl("fleet", json_out=True, check=0).stdout)
    live = {x["name"]: x["live"] for x in out["members"]}
    assert live == {"m1": True, "m2": True, "m3": False}, out
    # the state stays the server's: status on a survivor tells the truth
    assert m2.status()["state"] == "promoted"


def test_promoter_killed_after_the_claim_members_lower_at_the_deadline(fleet):
    """Runs after the SIGKILL test (m3 dead, state promoted). m1 claims a rollback with a 2 s
    pause timeout (intent deadline = claim + 2 s + 3 s), m2 holds its clients for it, then m1 is
    SIGKILLed: m2 lowers its barrier at the deadline (+1 s), nothing was swapped, and its status
    tells the truth."""
    m1, m2, m3 = fleet.members
    assert m2.status()["state"] == "promoted"
    log_before = len(m2.log_text())
    busy = m2.connect()
    busy.execute("BEGIN")
    busy.execute("SELECT 1")  # m2 cannot quiesce while this transaction is open
    rollback = subprocess.Popen(m1.ctl_argv("deploy", "rollback", "--pause-timeout", "2s"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while "rollback by m1" not in m2.log_text()[log_before:]:
            assert time.monotonic() < deadline, m2.log_text()[log_before:]
            time.sleep(0.05)
        t_claim = time.monotonic()
        os.kill(m1.pid, signal.SIGKILL)
        rollback.wait(timeout=10)
    finally:
        if rollback.poll() is None:
            rollback.kill()
            rollback.wait()
    busy.execute("COMMIT")  # m2 quiesces; its barrier stays up for the dead promoter
    done = []

    def held_select():
        with m2.connect() as c:
            done.append(c.execute("SELECT 1").fetchone())  # held until m2 lowers its barrier

    t = threading.Thread(target=held_select, daemon=True)
    t.start()
    t.join(15)  # bounded: a barrier that never lowers fails here, it does not hang the test
    assert done == [(1,)], "m2 still holds its clients for a dead promoter"
    took = time.monotonic() - t_claim
    assert took < 2 + 3 + 1 + 3, "m2 held its clients %.1f s for a dead promoter" % took
    busy.close()
    tail = m2.log_text()[log_before:]
    assert "expired: barrier lowered without a switch" in tail, tail
    assert m2.status()["state"] == "promoted", "nothing was swapped"
    assert m2.routes()["previous"]


SLOW_HEARTBEAT_S = 10.0  # long enough that a heartbeat's schema read cannot explain a fast switch


@pytest.fixture(scope="module")
def slow_heartbeat_fleet(make_stack):
    """3 members on the emulator whose heartbeat (and so their catalog read) runs every 10 s."""
    if not HAVE_EMULATOR:
        pytest.skip("the Materialize emulator is not there")
    if not os.access(cutoverctl_binary(), os.X_OK):
        pytest.skip("cutoverctl missing (%s)" % cutoverctl_binary())
    config = MZ_DEPLOY_CONFIG + "[fleet]\nheartbeat_interval = %ds\nlease = %ds\n" % (
        SLOW_HEARTBEAT_S, 2 * SLOW_HEARTBEAT_S + 1)
    s = make_stack(config=config, backend="materialize", extra_args=("--proxies", str(MEMBERS)))
    f = Fleet(s, "materialize")
    assert all(m.pid > 0 for m in f.members)
    deadline = time.monotonic() + 20
    for m in f.members:  # fresh (first read done); seeing each other live takes a heartbeat
        while True:
            r = m.ctl("fleet", json_out=True)
            if r.returncode == 0 and not parse_json_reply(r.stdout)["stale"]:
                break
            assert time.monotonic() < deadline, "m%d not fresh: %s %s" % (m.k + 1, r.stdout,
                                                                          r.stderr)
            time.sleep(0.2)
    return f


def test_direct_swap_is_pushed_to_every_member_not_polled(slow_heartbeat_fleet):
    """Materialize: the watch SUBSCRIBE carries the ids of the deployment's schemas, so a swap
    run directly on the server reaches every member at its commit. With a 10 s heartbeat, a
    member that only read the catalog each heartbeat would switch 0-10 s after the swap; every
    member must switch, and log the cutover without a barrier, within 3 s of it."""
    fl = slow_heartbeat_fleet
    m1 = fl.members[0]
    m1.reset()
    m1.init_and_build()
    # init too is seen by push; the bound here is generous (build and await come first)
    assert_switched_everywhere(fl, previous_available=False, deploy_available=True,
                               within=SLOW_HEARTBEAT_S + 5)
    logs0, t_swapped = swap_directly_on_the_server(fl, m1)
    t0 = time.monotonic()
    assert_switched_everywhere(fl, previous_available=True, deploy_available=False, within=3.0)
    routed = time.monotonic() - t0
    took = []
    for m, off in zip(fl.members, logs0):
        tail = m.log_text()[off:]
        seen = re.search(r"^(\S+) WARNING fleet: cutover without a barrier", tail, re.M)
        assert seen, "member m%d logged no unbarriered cutover:\n%s" % (m.k + 1, tail[-2000:])
        at = datetime.datetime.strptime(seen.group(1), "%Y-%m-%dT%H:%M:%S.%fZ").replace(
            tzinfo=datetime.timezone.utc)
        took.append((at - t_swapped).total_seconds())
        assert m.metrics()["cutover_fleet_unbarriered_cutovers_total"] >= 1
    print("direct swap: routes switched on every member within %.2f s; logged after %s s" % (
        routed, ", ".join("%.2f" % t for t in took)))
    assert max(took) < 3.0, "seen %r s after the swap: a heartbeat's read, not a push" % took
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


def deployed_and_all_live(fl):
    """A fresh deployment built through m1 and seen by every member, each member seeing every
    other live (with a slow heartbeat that takes a few heartbeats): the promoter must count
    them all. Returns the members."""
    m1 = fl.members[0]
    m1.reset()
    m1.init_and_build()
    assert_switched_everywhere(fl, previous_available=False, deploy_available=True,
                               within=SLOW_HEARTBEAT_S + 5)
    fl.wait_all_live(timeout=3 * SLOW_HEARTBEAT_S)
    return fl.members


def test_promote_moves_on_pushed_rows_not_reads(slow_heartbeat_fleet):
    """Materialize: the rows the watch's SUBSCRIBE pushes are applied as they arrive
    (docs/fleet.md "How a member watches"), so a promote through m1 makes m2 and m3 hold their
    clients, report and switch without reading the fleet state after each push. With a 10 s
    heartbeat, a member that read after every push would read at least three times during the
    promote (the open intent, the other members' reports, the committed intent); a heartbeat's
    read may fall into the window once."""
    fl = slow_heartbeat_fleet
    m1, m2, m3 = deployed_and_all_live(fl)
    before = [m.metrics() for m in fl.members]
    r = m1.ctl("deploy", "promote", check=0, timeout=60)
    after = [m.metrics() for m in fl.members]
    for name in ("m2", "m3"):
        assert "%s switched" % name in r.stdout, r.stdout
    assert_switched_everywhere(fl, previous_available=True, deploy_available=False)
    for m, b, a in zip(fl.members, before, after):
        pushed = a["cutover_fleet_pushed_rows_total"] - b["cutover_fleet_pushed_rows_total"]
        reads = a["cutover_fleet_reads_total"] - b["cutover_fleet_reads_total"]
        print("m%d: %d pushed rows applied, %d reads during the promote" % (m.k + 1, pushed,
                                                                             reads))
        # at least the open and the committed intent (and on m1 the members' reports)
        assert pushed >= 2, "m%d applied %d pushed rows" % (m.k + 1, pushed)
        if m is not m1:  # m1 reads after its claim and before awaiting the switched reports
            assert reads <= 1, "m%d read the fleet state %d times during one promote" % (
                m.k + 1, reads)
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


COMMITTED_DELAY_S = 6  # the promoter's `committed` write, held back in the emulator's PostgreSQL


def test_members_switch_at_the_swaps_commit_not_at_committed(slow_heartbeat_fleet):
    """Materialize: a member holding its clients for a promote switches when the swap's commit
    reaches it (the watch's schema rows: ids moving between the deployment's names), not a write
    and a push later when the promoter's `committed` does. Here that write is held back: a
    trigger in the emulator's PostgreSQL sleeps COMMITTED_DELAY_S in every UPDATE of the intent
    to `committed`. The promote must still reply, with m2 and m3 switched, well before it."""
    fl = slow_heartbeat_fleet
    m1, m2, m3 = deployed_and_all_live(fl)
    backing = psycopg.connect(fl.s.dsn(fl.s.pg_port, dbname="mzemu"), autocommit=True)
    try:
        backing.execute(
            "CREATE FUNCTION cutover_fleet.slow_committed() RETURNS trigger LANGUAGE plpgsql AS "
            "$f$BEGIN IF NEW.state = 'committed' THEN PERFORM pg_sleep(%d); END IF; "
            "RETURN NEW; END$f$" % COMMITTED_DELAY_S)
        backing.execute("CREATE TRIGGER slow_committed BEFORE UPDATE ON cutover_fleet.intent "
                        "FOR EACH ROW EXECUTE FUNCTION cutover_fleet.slow_committed()")
        logs0 = [len(m.log_text()) for m in fl.members]
        t0 = time.monotonic()
        r = m1.ctl("deploy", "promote", check=0, timeout=60)
        took = time.monotonic() - t0
        for name in ("m2", "m3"):
            assert "%s switched" % name in r.stdout, r.stdout
        assert_switched_everywhere(fl, previous_available=True, deploy_available=False)
        for m, off in ((m2, logs0[1]), (m3, logs0[2])):
            tail = m.log_text()[off:]
            assert re.search(r"promote by m1 seen in the catalog \(generation \d+\): switched to "
                             r"promoted", tail), tail
        print("promote replied after %.2f s, the committed write held back %d s" % (
            took, COMMITTED_DELAY_S))
        assert took < COMMITTED_DELAY_S, (
            "the promote took %.1f s: the members waited for `committed`" % took)
        # `committed` arrives later and only confirms the state
        deadline = time.monotonic() + COMMITTED_DELAY_S + 10
        while parse_json_reply(m2.ctl("fleet", json_out=True, check=0).stdout)[
                "intent_state"] not in ("committed", "done"):
            assert time.monotonic() < deadline, "m2 never saw the committed intent"
            time.sleep(0.2)
        assert "committed as" not in m2.log_text()[logs0[1]:]
        assert m2.routes()["previous"] and not m2.routes()["deploy"]
    finally:
        backing.execute("DROP TRIGGER IF EXISTS slow_committed ON cutover_fleet.intent")
        backing.execute("DROP FUNCTION IF EXISTS cutover_fleet.slow_committed()")
        backing.close()
    m1.ctl("deploy", "cleanup", check=0, timeout=60)


LIBFAKETIME = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
SKEW_S = 120  # m3's host clock: far past the 3 s lease, as a pod on a host whose clock is off


@pytest.fixture(scope="module")
def skewed_fleet(make_stack, tmp_path_factory):
    """3 members on PostgreSQL; m3 runs with its wall clock SKEW_S ahead (libfaketime; its
    monotonic clock is left alone). tests/stack starts the wrapper, which execs cutoverd, so
    the PID it records is cutoverd's."""
    if not os.path.exists(LIBFAKETIME):
        pytest.skip("libfaketime is not installed (scripts/install-deps.sh)")
    if not os.access(cutoverctl_binary(), os.X_OK):
        pytest.skip("cutoverctl missing (%s)" % cutoverctl_binary())
    from itutil import cutoverd_binary
    wrapper = tmp_path_factory.mktemp("skew") / "cutoverd-m3-skewed"
    wrapper.write_text(
        "#!/bin/sh\n"
        "case \"$*\" in *cutover-3.ini*)\n"
        "  export LD_PRELOAD=%s FAKETIME=+%d FAKETIME_DONT_FAKE_MONOTONIC=1\n"
        "  export ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0\" ;;\n"
        "esac\n"
        "exec %s \"$@\"\n" % (LIBFAKETIME, SKEW_S, cutoverd_binary()))
    wrapper.chmod(0o755)
    s = make_stack(config=PG_DEPLOY_CONFIG, backend="postgres",
                   extra_args=("--proxies", str(MEMBERS)), cutoverd=str(wrapper))
    f = Fleet(s, "postgres")
    assert all(m.pid > 0 for m in f.members)
    return f


def test_member_whose_host_clock_is_minutes_off_keeps_to_the_server_clock(skewed_fleet):
    """Heartbeats, leases and the intent's deadline are times on the server's clock, which
    each member estimates from its reads' round trips. With m3's host clock 2 minutes ahead,
    every member still sees every other one live (on host clocks, m3 would see m1 and m2 two
    minutes silent, and they would see m3's heartbeat in the future), m3 reports the offset,
    and a promote on m1 holds and switches m3 with the others."""
    fl = skewed_fleet
    m1, m2, m3 = fl.members
    fl.wait_all_live()
    off = m3.metrics()["cutover_fleet_clock_offset_seconds"]
    assert -SKEW_S - 2 < off < -SKEW_S + 2, off
    assert abs(m1.metrics()["cutover_fleet_clock_offset_seconds"]) < 2
    assert re.search(r"WARNING fleet: the server's clock is -1\d{5} ms from this host's",
                     m3.log_text()), m3.log_text()[-3000:]
    m1.reset()
    m1.init_and_build()
    r = m1.ctl("deploy", "promote", check=0, timeout=60)
    out = r.stdout
    assert "m2 switched" in out and "m3 switched" in out, out + r.stderr
    assert "lost" not in out, out
    assert_switched_everywhere(fl, previous_available=True, deploy_available=False, within=5.0)
    m1.ctl("deploy", "cleanup", check=0, timeout=60)
