"""Sinks: each sink is an internal subscription whose emitted updates are appended to a
PostgreSQL table (columns mz_timestamp, mz_diff, then the relation's columns).

ALTER SINK ... SET FROM switches at a cutover timestamp T: updates at times <= T come from the
old relation, updates at times > T from the new one, with no snapshot of the new relation.
"""

import asyncio
import traceback

import psycopg

from .sqlparse import SqlError
from .subscribe import Spec, Subscription
from .wire import copy_text_row


class SinkRunner:
    def __init__(self, mgr, sink_id, target):
        self.mgr = mgr
        self.sink_id = sink_id
        self.target = target
        self.sub = None
        self.task = None
        self.emitted_upto = None  # all times <= this are in the target table
        self.stop_at = None  # cutover: stop after emitting this time
        self.progress_event = asyncio.Event()


class SinkManager:
    def __init__(self, tl):
        self.tl = tl
        self.emu = tl.emu
        self.runners = {}
        self.conn = None
        self.lock = asyncio.Lock()

    async def _conn(self):
        if self.conn is None:
            self.conn = await psycopg.AsyncConnection.connect(self.emu.dsn, autocommit=True)
        return self.conn

    async def _relation_parts(self, obj_id):
        conn = await self._conn()
        cur = await conn.execute("SELECT n.nspname, c.relname FROM mz_emu.objects o JOIN pg_class c ON c.oid = o.pg_oid "
                                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE o.id = %s", [obj_id])
        row = await cur.fetchone()
        if row is None:
            raise SqlError("XX000", "unknown catalog item '%s'" % obj_id)
        return [row[0], row[1]]

    async def reconcile(self, initial=False):
        async with self.lock:
            conn = await self._conn()
            cur = await conn.execute("SELECT id, from_id, target FROM mz_emu.sinks")
            rows = await cur.fetchall()
            live = {r[0] for r in rows}
            for sid in list(self.runners):
                if sid not in live:
                    self._stop(self.runners.pop(sid))
            for sid, from_id, target in rows:
                if sid in self.runners:
                    continue
                r = SinkRunner(self, sid, target)
                self.runners[sid] = r
                await self._start(r, from_id, snapshot=not initial, as_of=None)

    async def _start(self, runner, from_id, snapshot, as_of):
        parts = await self._relation_parts(from_id)
        spec = Spec()
        spec.obj = parts
        spec.snapshot = snapshot
        spec.as_of = as_of
        rel = await self.tl.acquire(parts[:1], obj_parts=parts)
        sub = Subscription(None, spec, rel, None)
        sub.emu = None
        sub.cols = [("mz_timestamp", 1700), ("mz_diff", 20)] + list(rel.cols)
        await sub.start(self.tl)
        runner.sub = sub
        runner.emitted_upto = sub.pos
        runner.task = asyncio.ensure_future(self._run(runner, sub))

    def _stop(self, runner):
        if runner.task is not None:
            runner.task.cancel()
        if runner.sub is not None:
            runner.sub.close()

    async def _run(self, runner, sub):
        try:
            while True:
                sub._advance()
                rows = sub._take(None)
                if rows:
                    await self._write(runner.target, rows)
                runner.emitted_upto = sub.pos
                runner.progress_event.set()
                runner.progress_event = asyncio.Event()
                if sub.finished or sub.rel.error is not None:
                    return
                await self.tl.wait_tick(0.2)
        except asyncio.CancelledError:
            return
        except Exception:
            traceback.print_exc()

    async def _write(self, target, rows):
        conn = await self._conn()
        async with conn.cursor() as cur:
            async with cur.copy("COPY %s FROM STDIN" % target) as cp:
                await cp.write(b"".join(copy_text_row(r) for r in rows))

    async def alter(self, session, sink_id, new_from_id):
        runner = self.runners.get(sink_id)
        if runner is None:
            raise SqlError("XX000", "sink %s is not running" % sink_id)
        parts = await self._relation_parts(new_from_id)
        # Track the new relation first; its first snapshot time is the cutover T.
        rel = await self.tl.acquire(parts[:1], obj_parts=parts)
        try:
            while rel.last_ts is None and rel.error is None:
                await asyncio.wait_for(rel.ready.wait(), 30)
            if rel.error is not None:
                raise rel.error
            cutover = rel.last_ts
            old = runner.sub
            old.spec.up_to = cutover + 1
            # wait until the old definition has emitted everything up to the cutover
            while old.pos < cutover and not old.finished:
                if old.rel.error is not None:
                    break
                await self.tl.wait_tick(0.2)
            if runner.task is not None:
                await asyncio.wait_for(asyncio.shield(runner.task), 30)
            old.close()
            await session.pg.fetch("UPDATE mz_emu.sinks SET prev_from_id = from_id, from_id = %s, cutover_ts = %s "
                                   "WHERE id = %s RETURNING 1", [new_from_id, cutover, sink_id])
            await self._start(runner, new_from_id, snapshot=False, as_of=cutover)
        finally:
            self.tl.release(rel)


