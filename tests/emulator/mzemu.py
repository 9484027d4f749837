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


async def main(args):
    emu = Emulator(args.pg, password_auth=args.password_auth, hydration_delay=args.hydration_delay,
                   tick_ms=args.tick_ms, retention_s=args.retention)
    emu.max_connections = args.max_connections
    await emu.start()

    async def on_client(reader, writer):
        await Connection(emu, reader, writer).run()

    host, port = hostport(args.listen)
    server = await asyncio.start_server(on_client, host, port, limit=1 << 20)
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
    ap.add_argument("--hydration-delay", type=float, default=1.0, help="seconds until an object hydrates")
    ap.add_argument("--tick-ms", type=int, default=50, help="timestamp tick interval (<= 10000 ms)")
    ap.add_argument("--max-connections", type=int, default=0,
                    help="sessions allowed at once (53300 beyond; 0: no limit)")
    ap.add_argument("--control", help="HOST:PORT for the fault-knob line protocol")
    ap.add_argument("--retention", type=float, default=60.0,
                    help="seconds of SUBSCRIBE history kept without RETAIN HISTORY")
    try:
        asyncio.run(main(ap.parse_args()))
    except KeyboardInterrupt:
        pass
