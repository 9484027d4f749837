#!/usr/bin/python3
"""Materialize emulator at scale (issue 18): logins per second, sessions open at once, and many
SUBSCRIBEs at Materialize's 1 s cadence, straight on the emulator (no proxy in the path).

Starts its own stack (tests/stack up --backend materialize; its PostgreSQL has max_connections
300, --pg-max-connections to change it) with the emulator's defaults (--tick-ms 1000,
--max-connections 5000, --pg-pool 32; MZEMU_PG_POOL in the environment changes the pool), then:

1. logins: --logins (500) sessions, --concurrency (50) at a time, each logs in, runs
   `SELECT 1` and leaves; logins/s = count / wall time.
2. sessions: opens up to --sessions (2,500) sessions, --concurrency at a time, each runs
   `SELECT 1` and stays open; then every open session runs `SELECT 1` once more, all at once.
   Prints how many opened, how long it took, the first errors (53300, PostgreSQL's
   `too many clients`, ...) and the PostgreSQL backends of the emulator's database
   (pg_stat_activity) while they were all open.
3. subscribes: --subscribes (1,000) `SUBSCRIBE <quiet table> WITH (PROGRESS)` read by
   bench/subscribe_reader (C, libpq, one thread) for --duration (20) s; the gaps between
   consecutive progress rows of each stream, from 5 s after the last one started, give p50 /
   p99 / max (Materialize's cadence: about 1.000 s).

The client side is a small asyncio pgwire client (1, 2) and the C reader (3): a psycopg
connection per session would measure the client. Both share the machine with the emulator.

Output is printed and saved under bench/results/emulator_scale-<UTC time>.txt.
Usage: /usr/bin/python3 bench/emulator_scale.py [--logins 500] [--sessions 2500]
           [--subscribes 1000] [--duration 20] [--concurrency 50] [--pg-max-connections 300]
           [--keep]   (cutoverd from $CUTOVERD, default build/cutoverd: tests/stack starts one)
"""

import argparse
import asyncio
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "tests", "integration"))
sys.path.insert(0, os.path.join(REPO, "bench"))

from itutil import STACK  # noqa: E402
from subscribe_stall import Streams, log, pct, save, stack_up  # noqa: E402

import psycopg  # noqa: E402

WARMUP_S = 5.0  # progress gaps are counted from this long after the last SUBSCRIBE started


# ---- a minimal pgwire client (startup, simple Query) -----------------------------------------
class WireError(Exception):
    def __init__(self, fields):
        self.code = fields.get("C", "")
        self.message = fields.get("M", "")
        super().__init__("%s %s" % (self.code, self.message))


async def _read_msg(r):
    hdr = await r.readexactly(5)
    n = struct.unpack("!I", hdr[1:])[0]
    return hdr[:1], await r.readexactly(n - 4)


def _fields(body):
    out = {}
    for part in body.split(b"\0"):
        if part:
            out[chr(part[0])] = part[1:].decode(errors="replace")
    return out


async def _until_ready(r):
    """Read to ReadyForQuery; raise the first ErrorResponse (also a FATAL followed by EOF)."""
    err = None
    while True:
        try:
            t, body = await _read_msg(r)
        except asyncio.IncompleteReadError:
            raise err or WireError({"C": "08006", "M": "connection closed"}) from None
        if t == b"E" and err is None:
            err = WireError(_fields(body))
        elif t == b"Z":
            if err is not None:
                raise err
            return


class Session:
    def __init__(self, r, w):
        self.r, self.w = r, w

    @classmethod
    async def login(cls, port, user, db):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        s = cls(r, w)
        try:
            params = b"user\0%s\0database\0%s\0\0" % (user.encode(), db.encode())
            body = struct.pack("!I", 196608) + params
            w.write(struct.pack("!I", len(body) + 4) + body)
            await _until_ready(r)
        except BaseException:
            s.close()
            raise
        return s

    async def query(self, sql):
        q = sql.encode() + b"\0"
        self.w.write(b"Q" + struct.pack("!I", len(q) + 4) + q)
        await _until_ready(self.r)

    def close(self):
        try:
            self.w.write(b"X\0\0\0\4")
            self.w.close()
        except Exception:
            pass


async def _bounded(n, concurrency, fn):
    """Run fn(i) for i < n, at most `concurrency` at a time; returns results / exceptions."""
    sem = asyncio.Semaphore(concurrency)

    async def one(i):
        async with sem:
            try:
                return await fn(i)
            except Exception as e:  # counted by the caller
                return e

    return await asyncio.gather(*(one(i) for i in range(n)))


# ---- the three measurements -------------------------------------------------------------------
async def measure_logins(port, user, db, n, concurrency):
    async def one(_i):
        s = await Session.login(port, user, db)
        try:
            await s.query("SELECT 1")
        finally:
            s.close()

    t0 = time.monotonic()
    res = await _bounded(n, concurrency, one)
    dt = time.monotonic() - t0
    return dt, [e for e in res if isinstance(e, Exception)]


async def measure_sessions(port, user, db, n, concurrency, pg_backends):
    async def one(_i):
        s = await Session.login(port, user, db)
        try:
            await s.query("SELECT 1")
        except BaseException:
            s.close()
            raise
        return s

    t0 = time.monotonic()
    res = await _bounded(n, concurrency, one)
    t_open = time.monotonic() - t0
    sessions = [s for s in res if isinstance(s, Session)]
    errors = [e for e in res if isinstance(e, Exception)]
    backends = pg_backends()
    t1 = time.monotonic()
    again = await asyncio.gather(*(s.query("SELECT 1") for s in sessions), return_exceptions=True)
    t_again = time.monotonic() - t1
    again_errors = [e for e in again if isinstance(e, Exception)]
    for s in sessions:
        s.close()
    return len(sessions), t_open, errors, backends, t_again, again_errors


def progress_gaps(streams, since):
    """Gaps (s) between consecutive progress rows of each stream, from `since` on."""
    gaps = []
    for x in streams:
        times = [t for _ts, t, prog in x.events if prog and t >= since]
        gaps.extend(b - a for a, b in zip(times, times[1:]))
    return gaps


def error_summary(errors, k=3):
    seen = {}
    for e in errors:
        seen[str(e)] = seen.get(str(e), 0) + 1
    return "; ".join("%d x %s" % (c, m) for m, c in sorted(seen.items(), key=lambda x: -x[1])[:k])


def raise_nofile():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--logins", type=int, default=500)
    ap.add_argument("--sessions", type=int, default=2500)
    ap.add_argument("--subscribes", type=int, default=1000)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds the SUBSCRIBEs run")
    ap.add_argument("--concurrency", type=int, default=50, help="logins in flight at once")
    ap.add_argument("--pg-max-connections", type=int, default=300)
    ap.add_argument("--keep", action="store_true", help="keep the stack directory")
    args = ap.parse_args()
    raise_nofile()
    out = []
    d = tempfile.mkdtemp(prefix="cutover-emuscale.")
    os.chmod(d, 0o755)
    cfg = d + ".ini"
    with open(cfg, "w") as f:
        f.write("[proxy]\nmax_client_conn = 100\n")
    s = stack_up(d, cfg, "--pg-max-connections", str(args.pg_max_connections))
    if s is None:
        return 2
    try:
        return run(args, s, out)
    finally:
        subprocess.run([STACK, "down", d], capture_output=True, timeout=120)
        if not args.keep:
            shutil.rmtree(d, ignore_errors=True)
            os.unlink(cfg)
        if out:
            save(out, "emulator_scale")


def run(args, s, out):
    port, user, db = int(s["MZ_PORT"]), s["MZ_USER"], s["MZ_DB"]

    # opened first: psycopg waits with select(), which takes no descriptor above 1023, and the
    # sessions below take thousands
    direct = psycopg.connect(s.direct_dsn(), autocommit=True)

    def pg_backends():
        return direct.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = 'mzemu'").fetchone()[0]

    log(out, "emulator_scale: emulator on 127.0.0.1:%d, PostgreSQL max_connections %d, "
        "MZEMU_PG_POOL=%s, 2 x %s" % (port, args.pg_max_connections,
                                      os.environ.get("MZEMU_PG_POOL", "(default)"), os.cpu_count()))
    dt, errors = asyncio.run(measure_logins(port, user, db, args.logins, args.concurrency))
    log(out, "logins: %d in %.2f s = %.0f/s (login + SELECT 1 + close, %d at a time), %d failed%s"
        % (args.logins, dt, args.logins / dt, args.concurrency, len(errors),
           (": " + error_summary(errors)) if errors else ""))

    n_open, t_open, errors, backends, t_again, again_errors = asyncio.run(measure_sessions(
        port, user, db, args.sessions, args.concurrency * 4, pg_backends))
    log(out, "sessions: %d of %d open at once after %.2f s (login + SELECT 1, %d at a time), "
        "%d failed%s" % (n_open, args.sessions, t_open, args.concurrency * 4, len(errors),
                         (": " + error_summary(errors)) if errors else ""))
    log(out, "  PostgreSQL backends of the emulator's database while open: %d" % backends)
    log(out, "  SELECT 1 on all %d at once: %.2f s, %d failed%s" % (
        n_open, t_again, len(again_errors), (": " + error_summary(again_errors)) if again_errors else ""))

    with psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=%s" % (port, user, db),
                         autocommit=True) as c:
        c.execute("CREATE TABLE IF NOT EXISTS scale_quiet (id int)")
        c.execute("INSERT INTO scale_quiet VALUES (1)")
    conninfo_port = port
    streams = Streams("s", conninfo_port, user, db, "SUBSCRIBE scale_quiet WITH (PROGRESS)",
                      args.subscribes)
    try:
        if not streams.start():
            log(out, "subscribes: the streams did not start")
            return 1
        started = time.monotonic()
        time.sleep(args.duration)
        backends = pg_backends()
    finally:
        streams.stop()
    gaps = progress_gaps(streams.streams, started + WARMUP_S)
    streams_with_data = sum(1 for x in streams.streams if any(prog for _ts, _t, prog in x.events))
    errs = [e for x in streams.streams for e in x.errors_before_stop]
    log(out, "subscribes: %d x SUBSCRIBE WITH (PROGRESS) of a quiet table, tick 1 s, %.0f s; "
        "%d streams got progress rows, %d errors" % (args.subscribes, args.duration, streams_with_data,
                                                      len(errs)))
    log(out, "  progress gaps from %.0f s after start: n=%d p50 %.3f s, p99 %.3f s, max %.3f s"
        % (WARMUP_S, len(gaps), pct(gaps, 0.5), pct(gaps, 0.99), max(gaps, default=float("nan"))))
    log(out, "  PostgreSQL backends of the emulator's database while streaming: %d" % backends)
    return 0


if __name__ == "__main__":
    sys.exit(main())
