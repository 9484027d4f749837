#!/usr/bin/python3
"""mzemu: Materialize emulator entry point. See tests/emulator/README.md."""

import argparse
import asyncio
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mzemu import control  # noqa: E402
from mzemu.app import Emulator  # noqa: E402
from mzemu.server import Connection  # noqa: E402


def hostport(s):
    host, _, port = s.rpartition(":")
    return host or "127.0.0.1", int(port)


def raise_nofile_limit():
    """Every client session is a socket: thousands of them need more than the usual soft
    limit of 1024 descriptors."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ImportError, ValueError, OSError):
        pass


async def main(args):
    emu = Emulator(args.pg, password_auth=args.password_auth, scram_auth=args.scram_auth, hydration_delay=args.hydration_delay,
                   tick_ms=args.tick_ms, retention_s=args.retention,
                   subscribe_hydration_delay=args.subscribe_hydration_delay,
                   max_connections=args.max_connections, pg_pool=args.pg_pool)
    await emu.start()

    async def on_client(reader, writer):
        await Connection(emu, reader, writer).run()

    host, port = hostport(args.listen)
    # a burst of thousands of logins (a fleet reconnecting) must not overflow the accept queue
    server = await asyncio.start_server(on_client, host, port, limit=1 << 20, backlog=4096)
    servers = [server]
    if args.control:
        chost, cport = hostport(args.control)
        servers.append(await asyncio.start_server(lambda r, w: control.handle(emu, r, w), chost, cport))
    print("ready", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for s in servers:
        s.close()
    emu.drop_connections()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="Materialize emulator backed by PostgreSQL")
    ap.add_argument("--listen", required=True, help="HOST:PORT for pgwire")
    ap.add_argument("--pg", required=True, help="libpq DSN of the backing PostgreSQL database")
    ap.add_argument("--password-auth", action="store_true", help="require cleartext password auth")
    ap.add_argument("--scram-auth", action="store_true",
                    help="require SCRAM-SHA-256 password auth (self-managed Materialize)")
    ap.add_argument("--hydration-delay", type=float, default=1.0, help="seconds until an object hydrates")
    ap.add_argument("--tick-ms", type=int, default=1000,
                    help="interval at which a quiet table closes a timestamp (default 1000: Materialize's "
                         "timeline interval); a write closes one at its commit regardless")
    ap.add_argument("--subscribe-hydration-delay", type=float, default=1.0,
                    help="seconds a SUBSCRIBE of a query (or of a view without an index) spends hydrating "
                         "its new dataflow before its snapshot")
    ap.add_argument("--max-connections", type=int, default=5000,
                    help="connections served at once; one more is refused with 53300 (Materialize's "
                         "max_connections, default 5000)")
    ap.add_argument("--pg-pool", type=int, default=32,
                    help="PostgreSQL connections shared by all sessions (default 32); a session "
                         "keeps one only while it has state there (a transaction, a cursor, ...)")
    ap.add_argument("--control", help="HOST:PORT for the fault-knob line protocol")
    ap.add_argument("--retention", type=float, default=60.0,
                    help="seconds of SUBSCRIBE history kept without RETAIN HISTORY")
    raise_nofile_limit()
    try:
        asyncio.run(main(ap.parse_args()))
    except KeyboardInterrupt:
        pass
