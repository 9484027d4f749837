#!/usr/bin/python3
"""idle_clients.py PORT N USER DBNAME PID: opens N authenticated connections through the proxy on
PORT, holds them idle, and prints cutoverd's (PID) VmRSS before and while they are open."""
import sys
import time

import psycopg


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def main():
    port, n, user, db, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], \
        int(sys.argv[5])
    before = rss_kb(pid)
    conns = []
    t0 = time.monotonic()
    try:
        for _ in range(n):
            conns.append(psycopg.connect("host=127.0.0.1 port=%d user=%s dbname=%s "
                                         "sslmode=disable connect_timeout=30" % (port, user, db),
                                         autocommit=True))
        took = time.monotonic() - t0
        for c in conns[:: max(1, n // 20)]:  # they are real sessions
            c.execute("SELECT 1")
        time.sleep(1)
        during = rss_kb(pid)
        print("idle clients: %d  connect time: %.1f s" % (n, took))
        print("cutoverd VmRSS: %d kB before, %d kB with %d idle clients (%.1f kB per client)"
              % (before, during, n, (during - before) / n))
    finally:
        for c in conns:
            c.close()
    time.sleep(1)
    print("cutoverd VmRSS after they left: %d kB" % rss_kb(pid))


if __name__ == "__main__":
    main()
