"""Fault knobs: a line protocol on a side TCP port (never part of the Materialize surface)."""

import asyncio
import json


async def handle(emu, reader, writer):
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            try:
                reply = await command(emu, line.decode().strip())
            except Exception as e:  # report, keep serving
                reply = "error %s" % e
            writer.write((reply + "\n").encode())
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def command(emu, line):
    parts = line.split()
    if not parts:
        return "error empty command"
    cmd, args = parts[0].lower(), parts[1:]
    k = emu.knobs
    if cmd == "fail_next_swap":
        k.fail_next_swap = True
        return "ok"
    if cmd == "hydration_delay" and len(args) == 1:
        k.hydration_delay = float(args[0])
        return "ok %g" % k.hydration_delay
    if cmd == "subscribe_hydration_delay" and len(args) == 1:
        k.subscribe_hydration_delay = max(0.0, float(args[0]))
        return "ok %g" % k.subscribe_hydration_delay
    if cmd == "max_connections" and len(args) == 1:
        emu.max_connections = max(0, int(args[0]))
        return "ok %d" % emu.max_connections
    if cmd == "stall_hydration" and len(args) == 2 and args[1] in ("on", "off"):
        rows = await emu.admin_exec("SELECT id FROM mz_emu.clusters WHERE name = %s", [args[0]], fetch=True)
        if not rows:
            return "error unknown cluster %s" % args[0]
        if args[1] == "on":
            await emu.admin_exec("INSERT INTO mz_emu.stalled VALUES (%s, now()) ON CONFLICT DO NOTHING", [rows[0][0]])
        else:
            await emu.admin_exec("DELETE FROM mz_emu.stalled WHERE cluster_id = %s", [rows[0][0]])
        return "ok"
    if cmd == "oom_kill" and len(args) == 2:
        n = int(args[1])
        rows = await emu.admin_exec("SELECT id FROM mz_emu.replicas WHERE id = %s", [args[0]], fetch=True)
        if not rows:
            return "error unknown replica %s" % args[0]
        await emu.admin_exec(
            "INSERT INTO mz_emu.status_history (replica_id, process_id, status, reason, occurred_at) "
            "SELECT %s, 0, 'offline', 'oom-killed', now() - (g * interval '1 millisecond') "
            "FROM generate_series(1, %s) g", [args[0], n])
        return "ok %d" % n
    if cmd == "freeze_progress" and len(args) == 1 and args[0] in ("on", "off"):
        on = args[0] == "on"
        if on and not k.freeze_progress:
            await emu.admin_exec("UPDATE mz_emu.knobs SET v = now()::text WHERE k = 'frozen_at'")
        elif not on:
            await emu.admin_exec("UPDATE mz_emu.knobs SET v = NULL WHERE k = 'frozen_at'")
        k.freeze_progress = on
        return "ok"
    if cmd == "drop_connections":
        return "ok %d" % emu.drop_connections()
    if cmd == "slow_ms" and len(args) == 1:
        k.slow_ms = max(0, int(args[0]))
        return "ok %d" % k.slow_ms
    if cmd == "status":
        st = dict(emu.counters)
        st["sessions"] = len(emu.sessions)
        st["catalog_version"] = emu.catalog_version
        st["hydration_delay"] = k.hydration_delay
        st["subscribe_hydration_delay"] = k.subscribe_hydration_delay
        st["tick_ms"] = emu.tick_ms
        st["max_connections"] = emu.max_connections
        st["slow_ms"] = k.slow_ms
        st["freeze_progress"] = k.freeze_progress
        st["fail_next_swap"] = k.fail_next_swap
        if emu.timeline is not None:
            st.update(emu.timeline.status())
        return "ok " + json.dumps(st, sort_keys=True)
    return "error unknown command %s" % line
