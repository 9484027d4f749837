#!/usr/bin/python3
"""fleet_promote.py: one `deploy promote` for a fleet of cutoverd sidecars (issue 13).

Starts its own stack with N fleet members (tests/stack up --proxies N, default 5) in front of
one backend (default the Materialize emulator), the deployment of bench/promote_pause.py
(analytics.report, BLUE then GREEN). Through EVERY member: C pgbench-style clients (pgbench -f,
promote_pause's script, its own -l log) and S subscribers (`SUBSCRIBE analytics.report WITH
(PROGRESS)`, read by bench/subscribe_reader through subscribe_stall.Streams). Then ONE promote
on member 1. Per member it prints:

  intent-to-held   the member's own figure (its monotonic clock: from seeing the intent to its
                   clients held) and the promoter's (claim committed -> that report read), both
                   from the promote reply; no wall clocks are compared between hosts
  added latency    max and p99 of the transactions overlapping the promote, minus the p99 of
                   the transactions before it (as promote_pause.py)
  failed           pgbench's failed transactions + aborted clients (-1: pgbench could not
                   connect its clients at all, so the member has no figures)
  SUBSCRIBE stall  per subscriber: the largest gap between received updates (data or
                   progress) from 0.5 s before the promote to 1 s after it, minus its own largest
                   gap in the 3 s before; max and p99 over the member's subscribers
  lost/duplicated  subscribe_stall.row_count_mismatches over every subscriber of the fleet;
                   a writer inserts --writes-per-s rows a second into each environment's base
                   table (v >= 100, outside the rows the pgbench script reads), so the view the
                   subscribers read changes all through the run and the check has updates to
                   count

Targets (issue 13): 0 failed transactions, 0 lost or duplicated updates, max added latency at
most 100 ms plus the intent-to-held latency.

    /usr/bin/python3 bench/fleet_promote.py [--members 5] [--clients 16] [--subscribers 20]
                                            [--seconds 40] [--promote-at 10] [--backend ...]
                                            [--writes-per-s 10]

Output is printed and saved under bench/results/fleet_promote-<UTC time>.txt.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import promote_pause as pp  # noqa: E402
import subscribe_stall as ss  # noqa: E402


def member_env(env, k):
    """The env of member k (0-based) as promote_pause's helpers expect it (member 1's keys)."""
    e = dict(env)
    for key, one in (("PROXY_PORTS", "PROXY_PORT"), ("ADMIN_SOCKETS", "ADMIN_SOCKET"),
                     ("HTTP_PORTS", "HTTP_PORT")):
        e[one] = env[key].split()[k]
    return e


def read_env_lists(d):
    """DIR/env with the space-separated member lists kept whole."""
    env = {}
    with open(os.path.join(d, "env")) as f:
        for line in f:
            k, v = line.rstrip("\n").split("=", 1)
            env[k] = " ".join(pp.shlex.split(v)) if v else ""
    return env


def wait_live(env, n, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = pp.ctl(env, "--json", "fleet", check=False)
        if r.returncode == 0:
            js = pp.ctl_json(env, "fleet")
            if sum(1 for m in js["members"] if m["live"]) >= n and not js["stale"]:
                return True
        time.sleep(0.3)
    return False


class FactsWriter(threading.Thread):
    """One row a tick into BOTH environments' base tables (analytics.facts and
    analytics_dbt_deploy.facts, whichever objects those names are at the time), directly on the
    backend: both the stream a subscriber reads before the promote and the one after it
    change."""

    def __init__(self, env, backend, per_s):
        super().__init__(daemon=True, name="facts-writer")
        self.env, self.backend, self.per_s = env, backend, per_s
        self.stop = threading.Event()
        self.rows = 0
        self.errors = []

    def run(self):
        try:
            with pp.direct(self.env, self.backend) as c:
                due = time.monotonic()
                while not self.stop.is_set():
                    for table in ("analytics.facts", "analytics_dbt_deploy.facts"):
                        c.execute("INSERT INTO %s VALUES ('w', %d)" % (table, 100 + self.rows))
                    self.rows += 1
                    due += 1.0 / self.per_s
                    self.stop.wait(max(0.0, due - time.monotonic()))
        except Exception as e:  # noqa: BLE001
            self.errors.append(repr(e))


def run(args, out):
    d = tempfile.mkdtemp(prefix="cutover-fleet.")
    os.chmod(d, 0o755)
    cfg = d + ".ini"
    with open(cfg, "w") as f:
        f.write(pp.CONFIGS[args.backend])
    stack_dir = os.path.join(d, "stack")
    streams = []
    pgbs = []
    writer = None
    rc = 1
    try:
        subprocess.run([pp.STACK, "up", stack_dir, "--backend", args.backend, "--config", cfg,
                        "--proxies", str(args.members)], check=True, capture_output=True,
                       timeout=300, env=dict(os.environ, CUTOVERD=pp.CUTOVERD))
        env = read_env_lists(stack_dir)
        m1 = member_env(env, 0)
        git = subprocess.run(["git", "-C", pp.ROOT, "describe", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
        pp.log(out, "== cutover fleet promote, %s, %d cores (shared with other work: figures "
               "are indicative), backend %s" % (
                   datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), os.cpu_count(),
                   args.backend))
        pp.log(out, "== %d members x (%d pgbench clients + %d subscribers); cutoverd %s (%s)" % (
            args.members, args.clients, args.subscribers, pp.CUTOVERD, git or "no git"))
        if not wait_live(m1, args.members):
            raise SystemExit("the fleet members did not all become live")
        pp.prepare(m1, args.backend, out, args.scale)
        script = os.path.join(d, "script.sql")
        with open(script, "w") as f:
            f.write(pp.SCRIPT_MZ if args.backend == "materialize" else pp.SCRIPT_PG)
        user = env["MZ_USER"] if args.backend == "materialize" else env["PG_USER"]
        db = env["MZ_DB"] if args.backend == "materialize" else env["PG_DB"]
        ports = [int(p) for p in env["PROXY_PORTS"].split()]
        if args.subscribers and args.backend == "materialize":
            if args.writes_per_s > 0:
                writer = FactsWriter(m1, args.backend, args.writes_per_s)
                writer.start()
            for k, port in enumerate(ports):
                st = ss.Streams("m%d-" % (k + 1), port, user, db,
                                "SUBSCRIBE analytics.report WITH (PROGRESS)", args.subscribers)
                streams.append(st)
            for st in streams:
                st.start()
        prefixes = []
        for k, port in enumerate(ports):
            prefix = os.path.join(d, "pgblog-m%d" % (k + 1))
            prefixes.append(prefix)
            argv = ["pgbench", "-n", "-c", str(args.clients), "-j", "1", "-T", str(args.seconds),
                    "-l", "--log-prefix", prefix, "-f", script]
            if args.backend == "postgres":
                argv += ["-D", "scale=%d" % args.scale]
            pgbs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         text=True, env=pp.pg_env(env, args.backend, port)))
            time.sleep(args.stagger)  # the emulator logs clients in one at a time
        time.sleep(args.promote_at)
        p_mono0, p_wall0 = time.monotonic(), time.time()
        reply = pp.ctl_json(m1, "deploy", "promote")
        p_mono1, p_wall1 = time.monotonic(), time.time()
        pgb_outs = [p.communicate(timeout=args.seconds + 120)[0] for p in pgbs]
        time.sleep(1.5)
        for st in streams:
            st.stop()
        if writer is not None:
            writer.stop.set()
            writer.join(10)
        pp.ctl(m1, "deploy", "cleanup")

        summary = reply["summary"]
        pp.log(out, "")
        pp.log(out, "promote call: %.1f ms (cutoverctl round trip)" % ((p_mono1 - p_mono0) * 1e3))
        pp.log(out, "promote reply: %s" % summary)
        pp.log(out, "")
        pp.log(out, "%-6s %-30s %-22s %-8s %-22s %s" % (
            "member", "intent-to-held (own; seen by m1)", "added latency max/p99", "failed",
            "SUBSCRIBE stall max/p99", "transactions"))
        all_ok = True
        worst_added = 0.0
        worst_held = 0.0
        for k in range(args.members):
            name = "m%d" % (k + 1)
            m = re.search(r"%s switched, intent-to-held ([0-9.]+) ms \(claim to report seen "
                          r"([0-9.]+) ms\)" % name, summary)
            held = "%s ms; %s ms" % (m.group(1), m.group(2)) if m else (
                "promoter" if k == 0 else "not in reply")
            if m:
                worst_held = max(worst_held, float(m.group(2)))
            txs, failed_logged = pp.parse_logs(prefixes[k])
            base = [lat for e, lat in txs if e < p_wall0 and e >= min(
                (e2 - l2 for e2, l2 in txs), default=p_wall0) + 2.0]
            window = [lat for e, lat in txs if e >= p_wall0 and e - lat <= p_wall1]
            bp99 = pp.pct(base, 99)
            added_max = (max(window) - bp99) * 1e3 if window else 0.0
            added_p99 = (pp.pct(window, 99) - bp99) * 1e3 if window else 0.0
            worst_added = max(worst_added, added_max)
            fm = re.search(r"number of failed transactions: (\d+)", pgb_outs[k])
            failed = (int(fm.group(1)) if fm else failed_logged) + len(
                re.findall(r"client \d+ aborted", pgb_outs[k]))
            if pgbs[k].returncode != 0 and not txs:
                failed = -1  # pgbench could not start its clients: no figure
            all_ok = all_ok and failed == 0 and pgbs[k].returncode == 0
            stall = "-"
            if streams:
                stalls = []
                for x in streams[k].streams:
                    times = [t for _, t, _ in x.events]
                    win = [t for t in times if p_mono0 - 0.5 <= t <= p_mono1 + 1.0]
                    pre = [t for t in times if p_mono0 - 3.5 <= t < p_mono0 - 0.5]
                    stalls.append(ss.largest_gap_ms(win) - ss.largest_gap_ms(pre))
                stall = "%.1f / %.1f ms" % (max(stalls), ss.pct(stalls, 0.99)) if stalls else "-"
            pp.log(out, "%-6s %-30s %-22s %-8d %-22s %d tx (%d before, %d overlapping), "
                   "pgbench exit %d" % (
                       name, held, "%.1f / %.1f ms" % (added_max, added_p99) if window else "-",
                       failed, stall, len(txs), len(base), len(window), pgbs[k].returncode))
            if pgbs[k].returncode != 0:
                for ln in pgb_outs[k].splitlines()[-5:]:
                    pp.log(out, "  pgbench m%d: %s" % (k + 1, ln))
        if streams:
            subs = [x for st in streams for x in st.streams]
            carried = []
            for path in env["CUTOVERD_LOGS"].split():
                with open(path, errors="replace") as f:
                    carried += [int(t) for t in re.findall(
                        r"subscription carried over at T=(\d+)", f.read())]
            bad, compared = ss.row_count_mismatches(subs, carried)
            errors = sum(len(x.errors_before_stop) for x in subs)
            pp.log(out, "subscribers: %d; lost or duplicated updates (row-count mismatches at %d "
                   "timestamps): %d; stream errors: %d; writer: %d rows into each environment, "
                   "errors %s" % (len(subs), compared, bad, errors,
                                  writer.rows if writer else 0,
                                  (writer.errors or "none") if writer else "-"))
            all_ok = all_ok and errors == 0 and bad == 0
        pp.log(out, "worst added latency %.1f ms; target <= 100 ms + intent-to-held (worst seen "
               "by the promoter %.1f ms)" % (worst_added, worst_held))
        rc = 0 if all_ok else 1
    finally:
        for p in pgbs:
            if p.poll() is None:
                p.kill()
        if writer is not None:
            writer.stop.set()
        for st in streams:
            st.kill()
        subprocess.run([pp.STACK, "down", stack_dir], capture_output=True, timeout=120)
        if not os.environ.get("KEEP"):
            shutil.rmtree(d, ignore_errors=True)
        if os.path.exists(cfg):
            os.unlink(cfg)
    return rc


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", choices=("materialize", "postgres"), default="materialize")
    ap.add_argument("--members", type=int, default=5)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--subscribers", type=int, default=20)
    ap.add_argument("--seconds", type=int, default=40)
    ap.add_argument("--promote-at", type=float, default=10.0,
                    help="seconds after the last member's pgbench started")
    ap.add_argument("--stagger", type=float, default=3.0,
                    help="seconds between starting the members' pgbench runs")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--writes-per-s", type=float, default=10.0,
                    help="rows a second into each environment's base table (0: a static view)")
    args = ap.parse_args()
    out = []

    class Out:
        def write(self, s):
            out.append(s.rstrip("\n"))
    rc = run(args, Out())
    ss.save(out, "fleet_promote")
    return rc


if __name__ == "__main__":
    sys.exit(main())
