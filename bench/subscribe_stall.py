#!/usr/bin/python3
"""SUBSCRIBE carry-over benchmark (issue 6): the stall each subscriber sees at the switch, and
cutoverd's memory per subscription.

Starts its own stack (tests/stack up --backend materialize) with [deployment] schemas = analytics,
clusters = compute; a base table public.src_bench written through the emulator (inserts and
deletes, >= 500 rows/s each way); the production view analytics.v (materialized view on cluster
compute). N subscribers (default 100) run `SUBSCRIBE analytics.v WITH (PROGRESS)` through
cutoverd's production listener, all read by bench/subscribe_reader (C, libpq, one thread), which
stamps every row with CLOCK_MONOTONIC (= time.monotonic()) when it arrives. Then: deploy init,
the deployment's view (a changed definition unless --same-definition), deploy await, ONE deploy
promote, deploy cleanup.

Per client:
  T          the switch timestamp, from cutoverd's log line `C-<id> ... carried over at T=<T>`
             (client id -> peer port through `show clients --json`);
  window     from 0.5 s before the promote started to 0.5 s after the client received its first
             update at or after T;
  stall      the largest delay between consecutive received updates (data or progress rows) in
             that window, minus the part of the new environment's hydration that overlaps that
             delay (hydration = from CREATE of the deployment's view to `deploy await` returning;
             it happens before the promote, so normally nothing is subtracted: both are printed);
  baseline   the same largest delay in the 3 s before the window (what the stream does anyway).
Target (issue 12, Materialize's timing: MZEMU_TICK_MS=1000): the carry-over adds at most 100 ms
over each client's own largest gap (its cadence, the baseline), p99 over the subscribers; no
ZC002; no lost or duplicated update (data rows per timestamp equal across the clients outside
the switch range, where they differ by design).

Memory: VmRSS of CUTOVERD_PID before connecting, after N idle connections, after N streaming
subscriptions, and after the carry-over; per subscription = difference / N.

Control (--control): no deployment at all; instead N more subscriptions of the same view are
started straight on the emulator (as the carry-over starts N new streams), and the same largest
gap is measured on the proxied streams from 0.5 s before to 3 s after: the part of the stall that
is the emulator's own cost of starting N subscriptions at once.

Output is printed and saved under bench/results/subscribe_stall-<UTC time>.txt.
Usage: /usr/bin/python3 bench/subscribe_stall.py [-n 100] [--same-definition] [--control] [--keep]
                                                  [--start-concurrency N] [--rows-per-s R]
       (cutoverd from $CUTOVERD, default build/cutoverd; cutoverctl next to it)
"""

import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))

import test_subscribe as ts  # noqa: E402
from conftest import Stack  # noqa: E402
from itutil import STACK, cutoverd_binary, rss_kb  # noqa: E402

TARGET_MS = 100.0


def stack_up(d, cfg, *extra_args):
    """`tests/stack up d --backend materialize --config cfg [extra_args]` with cutoverd from
    $CUTOVERD: the Stack, or None after printing why and stopping what it started."""
    env = dict(os.environ, CUTOVERD=cutoverd_binary())
    r = subprocess.run([STACK, "up", d, "--backend", "materialize", "--config", cfg,
                        *extra_args], env=env, stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=180)
    if r.returncode != 0:
        print(r.stdout + r.stderr, file=sys.stderr)
        subprocess.run([STACK, "down", d], capture_output=True, timeout=120)
        return None
    return Stack(d, "materialize")


def largest_gap_ms(times):
    """The largest delay between consecutive arrival times (seconds), in ms; 0 for < 2 times."""
    return max((b - a for a, b in zip(times, times[1:])), default=0.0) * 1000


def row_count_mismatches(subs, carried_ts):
    """Lost or duplicated updates, without an oracle: every client reads the same view, so at a
    timestamp outside the switch range [min T, max T] (where clients differ by design) every client
    must have received the same number of data rows. Counted over the timestamps every client
    covered; returns (mismatching (client, ts) pairs, timestamps compared)."""
    from collections import Counter
    if not subs or not carried_ts:
        return 0, 0
    lo_t, hi_t = min(carried_ts), max(carried_ts)
    counts = [Counter(e[0] for e in x.events if not e[2]) for x in subs]
    firsts = [min((e[0] for e in x.events), default=None) for x in subs]
    lasts = [max((e[0] for e in x.events), default=None) for x in subs]
    if None in firsts or None in lasts:
        return len(subs), 0
    lo, hi = max(firsts), min(lasts)  # a client's first and last timestamps may be partial
    stamps = set()
    for c in counts:
        stamps.update(t for t in c if lo < t < hi and not lo_t <= t <= hi_t)
    bad = 0
    for t in stamps:
        vals = Counter(c.get(t, 0) for c in counts)
        common = vals.most_common(1)[0][0]
        bad += sum(k for v, k in vals.items() if v != common)
    return bad, len(stamps)


def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


class Streams:
    """N subscriptions read by bench/subscribe_reader (C, one thread, libpq): see that file for
    the protocol. Python was too slow a reader here: 100 streams at ~1,000 rows/s each took most
    of a core, and its own scheduling delays showed up as gaps."""

    class Stream:
        def __init__(self, name):
            self.name = name
            self.local_port = None
            self.events = []  # (mz_timestamp, arrival time.monotonic())
            self.has_data = False
            self.errors_before_stop = []

    def __init__(self, prefix, port, user, db, sql, n):
        binary = os.path.join(os.path.dirname(cutoverd_binary()), "subscribe_reader")
        if not os.access(binary, os.X_OK):
            raise SystemExit("%s is missing: build it (scripts/build.sh)" % binary)
        fd, self.path = tempfile.mkstemp(prefix="substall-events.")
        os.close(fd)
        conninfo = "host=127.0.0.1 port=%d user=%s dbname=%s sslmode=disable" % (port, user, db)
        self.streams = [self.Stream("%s%d" % (prefix, i)) for i in range(n)]
        self.proc = subprocess.Popen([binary, "-n", str(n), "-o", self.path, conninfo, sql],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.lines = {}
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._wait("connected", 120):
            raise SystemExit("subscribe_reader: the streams did not connect")

    def _read(self):
        for line in self.proc.stdout:
            w = line.split(" ", 3)
            with self.cond:
                if w[0] == "port":
                    self.streams[int(w[1])].local_port = int(w[2])
                elif w[0] == "first":
                    self.streams[int(w[1])].has_data = True
                elif w[0] == "error":
                    self.streams[int(w[1])].errors_before_stop.append(" ".join(w[2:]).strip())
                self.lines[w[0].strip()] = True
                self.cond.notify_all()

    def _wait(self, word, timeout):
        with self.cond:
            return self.cond.wait_for(lambda: word in self.lines, timeout)

    def start(self):
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        return self._wait("ready", 60)

    def all_have_data(self):
        with self.cond:
            return all(x.has_data for x in self.streams)

    def stop(self):
        """Cancels every stream and loads what the reader recorded."""
        try:
            self.proc.stdin.write("stop\n")
            self.proc.stdin.flush()
        except OSError:
            pass
        self._wait("done", 60)
        self.proc.wait(30)
        with open(self.path, "rb") as f:
            data = f.read()
        os.unlink(self.path)
        assert data[:4] == b"CSR1", "subscribe_reader wrote no event file"
        n = struct.unpack_from("<I", data, 4)[0]
        off = 8
        for i in range(n):
            k = struct.unpack_from("<I", data, off)[0]
            off += 4
            self.streams[i].events = [(ts, t, prog) for t, ts, prog in
                                      struct.iter_unpack("<dQB", data[off:off + 17 * k])]
            off += 17 * k

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        if os.path.exists(self.path):
            os.unlink(self.path)


def log(out, line=""):
    print(line, flush=True)
    out.append(line)


def save(out, name):
    """The printed lines, under bench/results/<name>-<UTC time>.txt."""
    os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
    path = os.path.join(REPO, "bench", "results", "%s-%s.txt" % (
        name, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())))
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
    print("saved %s" % path)


def control_run(s, streams, sql, writer, out):
    """N direct subscriptions start on the emulator; the proxied streams' largest gap around it."""
    n = len(streams.streams)
    time.sleep(3.5)  # the baseline window
    t0 = time.monotonic()
    extra = Streams("x", int(s["MZ_PORT"]), s["MZ_USER"], s["MZ_DB"], sql, n)
    try:
        extra.start()
        time.sleep(3.0)
        t1 = time.monotonic()
        streams.stop()
        extra.stop()
    finally:
        extra.kill()
    gaps, baselines = [], []
    for x in streams.streams:
        times = [e[1] for e in x.events]
        seq = [t for t in times if t0 - 0.5 <= t <= t1]
        prev = [t for t in times if t < t0 - 0.5]
        seq = ([prev[-1]] if prev else []) + seq
        gaps.append(largest_gap_ms(seq))
        base = [t for t in times if t0 - 3.5 <= t < t0 - 0.5]
        baselines.append(largest_gap_ms(base))
    total, _, _ = writer.rate()
    log(out, "subscribe_stall --control: %d proxied subscribers, %d direct subscriptions started "
        "on the emulator, no deployment; writer %.0f rows/s; load average %s" % (
            n, n, total, " ".join(open("/proc/loadavg").read().split()[:3])))
    log(out, "largest gap of the proxied streams from 0.5 s before to 3 s after (ms): max %.0f  "
        "p50 %.0f  p99 %.0f" % (max(gaps), pct(gaps, 0.5), pct(gaps, 0.99)))
    log(out, "baseline (the 3 s before, ms): max %.0f  p50 %.0f" % (
        max(baselines), pct(baselines, 0.5)))
    save(out, "subscribe_stall-control")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--subscribers", type=int, default=100)
    ap.add_argument("--same-definition", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the stack directory")
    ap.add_argument("--start-concurrency", type=int, default=None,
                    help="[subscribe] start_concurrency for cutoverd (default: its own default)")
    ap.add_argument("--rows-per-s", type=float, default=None,
                    help="rows the writer inserts per second (as many deleted); default %d, and "
                    "%d x 100 / N above 100 subscribers, so that the rows every subscriber gets "
                    "stay what 100 subscribers get; 0: no writer, the view is quiet and only the "
                    "server's cadence closes timestamps" % (ts.TARGET_ROWS_PER_S, ts.TARGET_ROWS_PER_S))
    ap.add_argument("--query", action="store_true",
                    help="subscribe to a query over the view, which the server hydrates as a new "
                    "dataflow before its snapshot (about a second on Materialize), instead of the "
                    "materialized view itself, which it reads at once")
    ap.add_argument("--control", action="store_true",
                    help="no deployment: start N direct subscriptions instead (see above)")
    args = ap.parse_args()
    n = args.subscribers
    out = []

    d = tempfile.mkdtemp(prefix="cutover-substall.")
    os.chmod(d, 0o755)
    cfg = d + ".ini"
    with open(cfg, "w") as f:
        f.write(ts.CONFIG)
        # The subscribers, the bench's own sessions, and room: the default is 1,000.
        f.write("[proxy]\nmax_client_conn = %d\n" % max(1000, n + 100))
        f.write("[subscribe]\n")
        if args.start_concurrency is not None:
            f.write("start_concurrency = %d\n" % args.start_concurrency)
        if n > 1000:
            f.write("max_sessions = %d\n" % n)
    s = stack_up(d, cfg)
    if s is None:
        return 2
    subs = []
    streams = writer = None
    try:
        table = "public.src_bench"
        v0 = ts.view_sql(table, 0)
        v1 = v0 if args.same_definition else ts.view_sql(table, 1)
        with ts.mz_direct(s) as c:
            for stmt in ("CREATE TABLE %s (id int, grp int)" % table,
                         "INSERT INTO %s SELECT g, g %% 13 FROM generate_series(1, %d) g"
                         % (table, ts.LIVE_ROWS),
                         "CREATE CLUSTER compute (SIZE = '1')",
                         "CREATE SCHEMA analytics",
                         "CREATE MATERIALIZED VIEW analytics.v IN CLUSTER compute AS " + v0):
                c.execute(stmt)
        pid = s.pid
        rss0 = rss_kb(pid)
        sql = ("SUBSCRIBE (SELECT id, grp, label FROM analytics.v) WITH (PROGRESS)" if args.query
               else "SUBSCRIBE analytics.v WITH (PROGRESS)")
        streams = Streams("b", s.proxy_port, s["MZ_USER"], s["MZ_DB"], sql, n)
        subs = streams.streams
        rss1 = rss_kb(pid)
        rows_per_s = args.rows_per_s if args.rows_per_s is not None else (ts.TARGET_ROWS_PER_S * min(1.0, 100.0 / n))
        writer = ts.Writer(s, table, ts.LIVE_ROWS + 1, rows_per_s)
        writer.start()
        streams.start()
        if not ts.wait_for(streams.all_have_data, 120):
            log(out, "WARNING: %d subscribers without data" % sum(
                1 for x in subs if not x.has_data))
        time.sleep(3)
        rss2 = rss_kb(pid)

        if args.control:
            return control_run(s, streams, sql, writer, out)
        clients = ts.ctl_json(s, "show", "clients").get("clients") or []
        port_to_id = {ts._peer_port(c.get("peer")): c["id"] for c in clients}

        ts.ctl(s, "deploy", "init")
        with ts.mz_direct(s) as c:
            c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.v IN CLUSTER "
                      "compute_dbt_deploy AS " + v1)
        t_created = time.monotonic()
        ts.ctl(s, "deploy", "await", "--poll-interval", "100ms", "--timeout", "120s")
        t_awaited = time.monotonic()
        time.sleep(3.5)  # the baseline window
        t_p0 = time.monotonic()
        promoted = ts.ctl(s, "deploy", "promote", "--pause-timeout", "10s")
        t_p1 = time.monotonic()
        # cutoverd's reply says how long it waited, after the swap committed, for every
        # carried stream to switch ("subscriptions carried over after N ms").
        m = re.search(r"subscriptions carried over after (\d+) ms", promoted)
        after_commit_ms = int(m.group(1)) if m else None
        # Wait for the switch of every stream (the log line), bounded.
        carried = {}
        deadline = time.monotonic() + 30
        pat = re.compile(r" C-(\d+) \S+ subscription carried over at T=(\d+)")
        while time.monotonic() < deadline:
            with open(s["CUTOVERD_LOG"], errors="replace") as f:
                carried = {int(m.group(1)): int(m.group(2)) for m in pat.finditer(f.read())}
            if len(carried) >= n:
                break
            time.sleep(0.2)
        time.sleep(2)
        rss3 = rss_kb(pid)
        stats = ts.ctl_json(s, "show", "stats")
        stats = stats.get("stats", stats) if isinstance(stats.get("stats"), dict) else stats
        ts.ctl(s, "deploy", "cleanup")
        time.sleep(2)
        streams.stop()
        writer.stop.set()
        writer.join(10)

        # ---- analysis ----
        hydration = t_awaited - t_created
        stalls, raw_stalls, baselines, missing, where = [], [], [], [], []
        to_switch = []  # end of the largest gap, relative to the client's first update >= T
        errors = [(x.name, x.errors_before_stop) for x in subs if x.errors_before_stop]
        for x in subs:
            cid = port_to_id.get(x.local_port)
            t_switch = carried.get(cid)
            times = [e[1] for e in x.events]
            if t_switch is None:
                missing.append(x.name)
                continue
            after = [e[1] for e in x.events if e[0] >= t_switch]
            if not after:
                missing.append(x.name)
                continue
            w0, w1 = t_p0 - 0.5, after[0] + 0.5
            inwin = [t for t in times if w0 <= t <= w1]
            prev = [t for t in times if t < w0]
            seq = ([prev[-1]] if prev else []) + inwin
            gaps = [(b - a, a, b) for a, b in zip(seq, seq[1:])]
            g, ga, gb = max(gaps) if gaps else (0.0, w0, w0)
            overlap = max(0.0, min(gb, t_awaited) - max(ga, t_created))
            raw_stalls.append(g * 1000)
            where.append((ga - t_p0) * 1000)
            to_switch.append((gb - after[0]) * 1000)
            stalls.append(max(0.0, g - overlap) * 1000)
            base = [t for t in times if w0 - 3.0 <= t < w0]
            baselines.append(largest_gap_ms(base))

        total, ins, dele = writer.rate()
        log(out, "subscribe_stall: %d subscribers (`%s`, read by subscribe_reader), %s "
            "definition, cutoverd %s" % (n, sql, "same" if args.same_definition else "changed",
                                         cutoverd_binary()))
        log(out, "host: %s, load average %s" % (os.uname().nodename,
                                               " ".join(open("/proc/loadavg").read().split()[:3])))
        log(out, "writer: %.0f rows/s (%.0f inserted/s, %.0f deleted/s), errors %s" % (
            total, ins, dele, writer.errors or "none"))
        log(out, "promote: %.0f ms (cutoverctl); carried over (log lines): %d/%d" % (
            (t_p1 - t_p0) * 1000, len(carried), n))
        log(out, "promote reply after the swap's commit (every stream switched): %s; target "
            "<= 5000 ms: %s" % ("%d ms" % after_commit_ms if after_commit_ms is not None else
                               "not reported (%r)" % promoted.strip()[-200:],
                               "MET" if after_commit_ms is not None and after_commit_ms <= 5000
                               else "NOT MET"))
        log(out, "server sessions held by the carry-over: peak %s (stream ends at "
            "[subscribe] max_sessions: %s)" % (stats.get("carry_sessions_peak"),
                                               stats.get("carry_sessions_refused")))
        log(out, "hydration of the new environment (CREATE -> deploy await done): %.0f ms; "
            "overlap with the stall subtracted: %.0f ms max" % (
                hydration * 1000, max((r_ - s_ for r_, s_ in zip(raw_stalls, stalls)),
                                      default=0.0)))
        log(out, "stream errors before the final cancel: %d%s" % (
            len(errors), (" e.g. %r" % (errors[0],)) if errors else ""))
        log(out, "clients without a measurable switch: %d%s" % (
            len(missing), (" e.g. %s" % missing[:5]) if missing else ""))
        if stalls:
            log(out, "stall at the switch (ms): max %.0f  p50 %.0f  p99 %.0f   "
                "[raw max %.0f]   target <= %.0f ms: %s" % (
                    max(stalls), pct(stalls, 0.5), pct(stalls, 0.99), max(raw_stalls),
                    TARGET_MS, "MET" if max(stalls) <= TARGET_MS else "NOT MET"))
            log(out, "the largest gap began (ms after the promote started): p50 %.0f  min %.0f  "
                "max %.0f (the promote took %.0f ms)" % (pct(where, 0.5), min(where), max(where),
                                                        (t_p1 - t_p0) * 1000))
            log(out, "the largest gap ended (ms after the client's first update at or after T): "
                "p50 %.0f  min %.0f  max %.0f (0: the gap ends at the switch)" % (
                    pct(to_switch, 0.5), min(to_switch), max(to_switch)))
            log(out, "baseline (3 s before the promote, largest gap, ms): max %.0f  p50 %.0f  "
                "p99 %.0f" % (max(baselines), pct(baselines, 0.5), pct(baselines, 0.99)))
            excess = [a - b for a, b in zip(stalls, baselines)]
            log(out, "stall minus the same client's baseline (ms): max %.0f  p50 %.0f  p99 %.0f"
                % (max(excess), pct(excess, 0.5), pct(excess, 0.99)))
            # The target under Materialize's timing: what the carry-over adds over the client's
            # own largest gap (its cadence), p99 over the subscribers.
            log(out, "carry-over over each client's own largest gap (its cadence), p99: %.0f ms; "
                "target <= %.0f ms: %s" % (pct(excess, 0.99), TARGET_MS,
                                           "MET" if pct(excess, 0.99) <= TARGET_MS else "NOT MET"))
        zc002 = sum(1 for x in subs for e in x.errors_before_stop if e.startswith("ZC002"))
        bad, compared = row_count_mismatches(subs, list(carried.values()))
        log(out, "ZC002: %d; lost or duplicated updates (data rows per timestamp unlike the other "
            "clients', %d timestamps outside the switch range compared): %d" % (zc002, compared, bad))
        log(out, "cutoverd RSS (kB): start %d, %d idle conns %d, %d subscriptions %d, after "
            "carry-over %d" % (rss0, n, rss1, n, rss2, rss3))
        log(out, "memory per subscription: %.1f kB incl. its connection, %.1f kB for the "
            "subscription, %.1f kB after the carry-over" % (
                (rss2 - rss0) / n, (rss2 - rss1) / n, (rss3 - rss0) / n))
        save(out, "subscribe_stall")
        return 0 if stalls and not errors and not missing and not bad else 1
    finally:
        if writer is not None:
            writer.stop.set()
        if streams is not None:
            streams.kill()
        subprocess.run([STACK, "down", d], stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=120)
        if not args.keep:
            shutil.rmtree(d, ignore_errors=True)
            try:
                os.unlink(cfg)
            except OSError:
                pass


if __name__ == "__main__":
    sys.exit(main())
