#!/usr/bin/python3
"""promote_pause.py: the client-visible pause of `cutoverctl deploy promote` under load.

64 pgbench clients (`pgbench -c 64 -j 2 -T 20 -n -l`, a -S style script that also reads the
deployed schema) run through cutoverd's production route while a promote swaps the deployment.
pgbench's per-transaction log gives every transaction's latency and end time; from it:

  baseline     transactions that ended before the promote began (after a warm-up)
  window       transactions that overlapped the promote (start..end of the cutoverctl call)
  added        window max / p99 latency minus the baseline p99

plus what cutoverd itself reports: the promote reply's pause stats (statements held, max, p99)
and the cutover_pause_seconds histogram from /metrics, and failed transactions (target 0: errors,
aborted clients, and transactions that saw a mix of environments cannot happen with -S style
reads, so "failed" is pgbench's failed count + aborted clients).

    bench/promote_pause.py                         postgres backend
    bench/promote_pause.py --backend materialize   the emulator (slower: its own Python server)
    bench/promote_pause.py --clients 64 --seconds 20 --promote-at 10

CUTOVERD (default build/cutoverd) and CUTOVERCTL (default: next to cutoverd) pick the binaries.
Output goes to stdout and bench/results/promote_pause-<backend>-<date>.txt.
"""

import argparse
import datetime
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import psycopg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STACK = os.path.join(ROOT, "tests", "stack")


def binary(env, default):
    b = os.environ.get(env) or default
    return b if os.path.isabs(b) else os.path.join(ROOT, b)


CUTOVERD = binary("CUTOVERD", "build/cutoverd")
CUTOVERCTL = binary("CUTOVERCTL", os.path.join(os.path.dirname(CUTOVERD), "cutoverctl"))

CONFIGS = {
    "postgres": "[backend]\ndialect = postgres\nsslmode = disable\n"
                "[deployment]\nschemas = analytics\n",
    "materialize": "[deployment]\nschemas = analytics\nclusters = compute\n",
}

# pgbench -S's statement, plus a read of the schema being swapped.
SCRIPT_PG = """\\set aid random(1, 100000 * :scale)
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
SELECT env, v FROM analytics.report WHERE v = :aid % 4;
"""
SCRIPT_MZ = """\\set k random(1, 4)
SELECT env, v FROM analytics.report WHERE v = :k;
"""


def log(out, line=""):
    print(line, flush=True)
    out.write(line + "\n")


def read_env(d):
    env = {}
    with open(os.path.join(d, "env")) as f:
        for line in f:
            k, v = line.rstrip("\n").split("=", 1)
            env[k] = shlex.split(v)[0] if v else ""
    return env


def ctl(env, *words, check=True):
    r = subprocess.run([CUTOVERCTL, "-s", env["ADMIN_SOCKET"]] + list(words), capture_output=True,
                       text=True, timeout=300, stdin=subprocess.DEVNULL)
    if check and r.returncode != 0:
        raise SystemExit("cutoverctl %s failed (%d): %s%s" % (" ".join(words), r.returncode,
                                                             r.stdout, r.stderr))
    return r


def ctl_json(env, *words):
    r = ctl(env, "--json", *words)
    lines = [ln for ln in r.stdout.splitlines() if ln.strip() and not ln.startswith("# ")]
    return json.loads(lines[-1])


def metrics(env):
    with urllib.request.urlopen("http://127.0.0.1:%s/metrics" % env["HTTP_PORT"],
                                timeout=10) as r:
        text = r.read().decode()
    out = {}
    for ln in text.splitlines():
        if ln.startswith("cutover_pause_seconds") or ln.startswith("cutover_pauses_total"):
            k, v = ln.rsplit(" ", 1)
            out[k] = float(v)
    return out


def conninfo(env, backend, port):
    if backend == "materialize":
        return "host=127.0.0.1 port=%s user=%s dbname=%s sslmode=disable" % (
            port, env["MZ_USER"], env["MZ_DB"])
    return "host=127.0.0.1 port=%s user=%s password=%s dbname=%s sslmode=disable" % (
        port, env["PG_USER"], env["PG_PASSWORD"], env["PG_DB"])


def direct(env, backend):
    port = env["MZ_PORT"] if backend == "materialize" else env["PG_PORT"]
    return psycopg.connect(conninfo(env, backend, port), autocommit=True)


def prepare(env, backend, out, scale):
    """pgbench tables (postgres), the BLUE production environment, deploy init, the GREEN build."""
    if backend == "postgres":
        t0 = time.monotonic()
        subprocess.run(["pgbench", "-i", "-q", "-s", str(scale), "-n"], check=True,
                       capture_output=True, timeout=600, env=pg_env(env, backend, env["PG_PORT"]))
        log(out, "pgbench -i -s %d: %.1f s" % (scale, time.monotonic() - t0))
    with direct(env, backend) as c:
        c.execute("DROP SCHEMA IF EXISTS analytics CASCADE")
        c.execute("CREATE SCHEMA analytics")
        c.execute("CREATE TABLE analytics.facts (env text, v int)")
        c.execute("INSERT INTO analytics.facts VALUES ('blue',0),('blue',1),('blue',2),('blue',3)")
        if backend == "materialize":
            c.execute("CREATE CLUSTER compute SIZE = '25cc'")
            c.execute("CREATE MATERIALIZED VIEW analytics.report IN CLUSTER compute AS "
                      "SELECT env, v FROM analytics.facts")
        else:
            c.execute("CREATE VIEW analytics.report AS SELECT env, v FROM analytics.facts")
    ctl(env, "deploy", "init")
    with direct(env, backend) as c:
        c.execute("CREATE TABLE analytics_dbt_deploy.facts (env text, v int)")
        c.execute("INSERT INTO analytics_dbt_deploy.facts VALUES "
                  "('green',0),('green',1),('green',2),('green',3)")
        if backend == "materialize":
            c.execute("CREATE MATERIALIZED VIEW analytics_dbt_deploy.report IN CLUSTER "
                      "compute_dbt_deploy AS SELECT env, v FROM analytics_dbt_deploy.facts")
        else:
            c.execute("CREATE VIEW analytics_dbt_deploy.report AS "
                      "SELECT env, v FROM analytics_dbt_deploy.facts")
    if backend == "materialize":
        ctl(env, "deploy", "await", "--poll-interval", "200ms", "--timeout", "60s")


def pg_env(env, backend, port):
    e = dict(os.environ)
    e.update({"PGHOST": "127.0.0.1", "PGPORT": str(port), "PGSSLMODE": "disable",
              "PGCONNECT_TIMEOUT": "10"})
    if backend == "materialize":
        e.update({"PGUSER": env["MZ_USER"], "PGDATABASE": env["MZ_DB"]})
        e.pop("PGPASSWORD", None)
    else:
        e.update({"PGUSER": env["PG_USER"], "PGPASSWORD": env["PG_PASSWORD"],
                  "PGDATABASE": env["PG_DB"]})
    return e


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100.0 * len(xs) + 0.5)) - 1))]


def parse_logs(prefix):
    """pgbench -l lines: client tx time_us script epoch_s epoch_us [...] -> [(end_s, lat_s)],
    failed count (a 'failed'/'serialization'/'deadlock' time field)."""
    txs, failed = [], 0
    for path in glob.glob(prefix + "*"):
        with open(path) as f:
            for ln in f:
                p = ln.split()
                if len(p) < 6:
                    continue
                end = int(p[4]) + int(p[5]) / 1e6
                if not p[2].isdigit():
                    failed += 1
                    continue
                txs.append((end, int(p[2]) / 1e6))
    return txs, failed


def run(args, out):
    d = tempfile.mkdtemp(prefix="cutover-pause.")
    os.chmod(d, 0o755)
    cfg = d + ".ini"
    with open(cfg, "w") as f:
        f.write(CONFIGS[args.backend])
    stack_dir = os.path.join(d, "stack")
    try:
        subprocess.run([STACK, "up", stack_dir, "--backend", args.backend, "--config", cfg],
                       check=True, capture_output=True, timeout=180,
                       env=dict(os.environ, CUTOVERD=CUTOVERD))
        env = read_env(stack_dir)
        git = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
        log(out, "== cutover promote pause, %s, %d cores, backend %s" % (
            datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), os.cpu_count(),
            args.backend))
        log(out, "== cutoverd %s (%s), cutoverctl %s" % (CUTOVERD, git or "no git", CUTOVERCTL))
        prepare(env, args.backend, out, args.scale)
        script = os.path.join(d, "script.sql")
        with open(script, "w") as f:
            f.write(SCRIPT_MZ if args.backend == "materialize" else SCRIPT_PG)
        prefix = os.path.join(d, "pgblog")
        argv = ["pgbench", "-n", "-c", str(args.clients), "-j", "2", "-T", str(args.seconds),
                "-l", "--log-prefix", prefix, "-f", script, "-P", "5"]
        if args.backend == "postgres":
            argv += ["-D", "scale=%d" % args.scale]
        log(out, "== load: %s" % " ".join(argv[:10] + ["..."]))
        m0 = metrics(env)
        pgb = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=pg_env(env, args.backend, env["PROXY_PORT"]))
        time.sleep(args.promote_at)
        gen0 = ctl_json(env, "status")["generation"]
        p_start = time.time()
        reply = ctl_json(env, "deploy", "promote")
        p_end = time.time()
        st = ctl_json(env, "status")
        pgb_out, _ = pgb.communicate(timeout=args.seconds + 120)
        m1 = metrics(env)
        txs, failed_logged = parse_logs(prefix)
        # the data the clients see afterwards
        with psycopg.connect(conninfo(env, args.backend, env["PROXY_PORT"]),
                             autocommit=True) as c:
            after = sorted({r[0] for r in c.execute("SELECT env FROM analytics.report")})
        ctl(env, "deploy", "cleanup")
    finally:
        subprocess.run([STACK, "down", stack_dir], capture_output=True, timeout=120)
        if not os.environ.get("KEEP"):
            shutil.rmtree(d, ignore_errors=True)
        if os.path.exists(cfg):
            os.unlink(cfg)

    t_first = min(e - lat for e, lat in txs) if txs else p_start
    warm = t_first + 2.0
    base = [lat for e, lat in txs if warm <= e < p_start]
    window = [lat for e, lat in txs if e >= p_start and e - lat <= p_end]
    m = re.search(r"number of failed transactions: (\d+)", pgb_out)
    failed = int(m.group(1)) if m else failed_logged
    aborted = len(re.findall(r"client \d+ aborted", pgb_out))
    tps = re.search(r"tps = ([0-9.]+)", pgb_out)

    log(out, "")
    log(out, "promote: %s" % reply["summary"])
    log(out, "promote call: %.1f ms (cutoverctl round trip); generation %d -> %d, state %s; "
        "production route now sees %s" % ((p_end - p_start) * 1000, gen0, st["generation"],
                                          st["state"], after))
    log(out, "transactions: %d logged, tps %s, pgbench exit %d" % (
        len(txs), tps.group(1) if tps else "?", pgb.returncode))
    log(out, "baseline (%d tx before the promote): p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (
        len(base), pct(base, 50) * 1e3, pct(base, 99) * 1e3, max(base) * 1e3 if base else 0))
    log(out, "promote window (%d tx overlapping it): p99 %.2f ms, max %.2f ms" % (
        len(window), pct(window, 99) * 1e3, max(window) * 1e3 if window else 0))
    bp99 = pct(base, 99)
    log(out, "ADDED latency around the promote: max %.2f ms, p99 %.2f ms (window - baseline p99)"
        % ((max(window) - bp99) * 1e3 if window else 0, (pct(window, 99) - bp99) * 1e3))
    dc = m1.get("cutover_pause_seconds_count", 0) - m0.get("cutover_pause_seconds_count", 0)
    ds = m1.get("cutover_pause_seconds_sum", 0) - m0.get("cutover_pause_seconds_sum", 0)
    log(out, "cutoverd /metrics: cutover_pause_seconds +%d held statements, +%.3f s total "
        "(mean %.2f ms); cutover_pauses_total +%d" % (
            dc, ds, ds / dc * 1e3 if dc else 0,
            m1.get("cutover_pauses_total", 0) - m0.get("cutover_pauses_total", 0)))
    log(out, "failed transactions: %d (pgbench failed %d, aborted clients %d)" % (
        failed + aborted, failed, aborted))
    for ln in pgb_out.splitlines():
        if ln.startswith("progress:") or "aborted" in ln or "error" in ln.lower():
            log(out, "  pgbench: " + ln)
    return 0 if failed + aborted == 0 and pgb.returncode == 0 and st["state"] == "promoted" else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=("postgres", "materialize"), default="postgres")
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--promote-at", type=float, default=10.0)
    ap.add_argument("--scale", type=int, default=5)
    args = ap.parse_args()
    for b in (CUTOVERD, CUTOVERCTL):
        if not os.access(b, os.X_OK):
            sys.exit("missing %s (build the cutoverd and cutoverctl targets)" % b)
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    path = os.path.join(ROOT, "bench", "results", "promote_pause-%s-%s.txt" % (
        args.backend, datetime.datetime.utcnow().strftime("%Y%m%d-%H%M%S")))
    with open(path, "w") as out:
        rc = run(args, out)
    print("saved %s" % os.path.relpath(path, ROOT))
    return rc


if __name__ == "__main__":
    sys.exit(main())
