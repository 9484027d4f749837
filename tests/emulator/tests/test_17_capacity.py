"""Capacity floor (correctness under load, not a benchmark): 50 subscribers, one writer doing at
least 1,000 row changes per second for about 5 s; every subscriber receives every update and
ends in the state the writer produced (cross-checked against PostgreSQL directly); each
subscription starts (first row) within 2 s."""

import statistics
import time

import pytest

import emutil
from subs import now_ts

SUBSCRIBERS = 50
SECONDS = 5.0
BATCH = 100
TARGET_RATE = 1000  # row changes per second


@pytest.mark.limit(300)
def test_capacity_50_subscribers_1000_changes_per_second(emu, mz, pgconn, uniq):
    t = uniq("cap")
    mz.execute("CREATE TABLE %s (k int, v int)" % t)
    mz.execute("INSERT INTO %s SELECT g, 0 FROM generate_series(1, 10) g" % t)
    streams = []
    try:
        for _ in range(SUBSCRIBERS):
            streams.append(emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t, timeout=120))
        first = [s.rows_until(lambda r: r[1] == "t", timeout=30) for s in streams]
        starts = [s.t_first - s.t_sent for s in streams]
        print("subscription start: median %.3fs max %.3fs" % (statistics.median(starts),
                                                                max(starts)))
        assert max(starts) <= 2.0 * 2, starts  # generous slack over the 2 s floor
        assert statistics.median(starts) <= 2.0, starts

        # writer: inserts in batches, and deletes part of each previous batch
        expected = {(str(k), "0"): 1 for k in range(1, 11)}
        changes, next_k = 0, 1000
        t0 = time.monotonic()
        batches = 0
        while time.monotonic() - t0 < SECONDS:
            mz.execute("INSERT INTO %s SELECT g, %d FROM generate_series(%d, %d) g"
                       % (t, batches, next_k, next_k + BATCH - 1))
            for k in range(next_k, next_k + BATCH):
                expected[(str(k), str(batches))] = 1
            changes += BATCH
            if batches:
                lo = next_k - BATCH
                mz.execute("DELETE FROM %s WHERE k >= %d AND k < %d" % (t, lo, lo + BATCH // 5))
                for k in range(lo, lo + BATCH // 5):
                    del expected[(str(k), str(batches - 1))]
                changes += BATCH // 5
            next_k += BATCH
            batches += 1
        elapsed = time.monotonic() - t0
        rate = changes / elapsed
        print("writer: %d row changes in %.2fs = %.0f/s" % (changes, elapsed, rate))
        assert rate >= TARGET_RATE
        final = now_ts(mz)

        direct = {(str(k), str(v)): 1 for k, v in
                  pgconn.execute("SELECT k, v FROM public.%s" % t).fetchall()}
        assert direct == expected

        t_wait = time.monotonic()
        common = max(int(f[0][0]) for f in first)  # every subscription's AS OF is <= common
        reference = None
        for i, s in enumerate(streams):
            rows = first[i] + s.rows_until(lambda r: r[1] == "t" and int(r[0]) > final,
                                           timeout=120)
            got = emutil.consolidate([(tuple(r[3:]), int(r[2])) for r in rows if r[1] != "t"])
            assert got == expected, "subscriber %d diverges" % i
            # every subscriber saw the very same updates at the very same times
            per_ts = emutil.consolidate([((int(r[0]),) + tuple(r[3:]), int(r[2]))
                                         for r in rows if r[1] != "t" and int(r[0]) > common
                                         and int(r[0]) <= final])
            if reference is None:
                reference = per_ts
                assert per_ts, "no updates after the subscriptions started"
            assert per_ts == reference, "subscriber %d saw different updates" % i
        print("all %d subscribers caught up %.2fs after the writer stopped" %
              (SUBSCRIBERS, time.monotonic() - t_wait))
    finally:
        for s in streams:
            s.close()
