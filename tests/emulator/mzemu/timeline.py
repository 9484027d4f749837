"""Logical time: a ticker closes timestamps (epoch ms, strictly increasing) and records, for
every tracked relation, the consolidated differences between successive PostgreSQL snapshots.

Each tracked relation is a private PostgreSQL view `mz_emu.sub_<n>` over the subscribed object
or query. PostgreSQL binds views to relation OIDs, so a tracked relation keeps reading the
same objects after schema renames and swaps, exactly like a running SUBSCRIBE in Materialize.
All relations that need it are evaluated in ONE REPEATABLE READ snapshot per tick.
"""

import asyncio
import bisect
import time
import traceback

import psycopg
from psycopg import pq

from .sqlparse import SqlError, quote_ident


GROUP_COMMIT_S = 0.02  # writes within 20 ms share a timestamp (Materialize's group commit)


def now_ms():
    return int(time.time() * 1000)


# lock waits, deadlocks, cancels and vanished relations: try again at the next tick
RETRYABLE = ("55P03", "40P01", "57014", "42P01", "3F000", "40001")


class Relation:
    def __init__(self, rid, key, view, view_oid, refs, cols, retain_ms):
        self.rid = rid
        self.key = key
        self.view = view  # qualified view name
        self.view_oid = view_oid
        self.refs = refs  # list of [pg_oid, mz_id, qualified name]
        self.cols = cols  # [(name, type oid)]
        self.retain_ms = retain_ms
        self.state = None  # dict row -> count at last_ts
        self.base = None  # dict row -> count at base_ts
        self.base_ts = None
        self.since = None  # earliest valid AS OF: state at [since, base_ts] equals base
        self.last_ts = None  # last closed timestamp
        self.hts = []  # history timestamps (ascending)
        self.hdiffs = []  # history diffs, parallel to hts
        self.users = 0
        self.idle_since = time.monotonic()
        self.error = None
        self.ready = asyncio.Event()

    @property
    def ref_ids(self):
        return [r[1] for r in self.refs if r[1] is not None]

    def state_at(self, ts):
        if self.base_ts is None or ts < self.since:
            raise SqlError("XX000", "Timestamp (%d) is not valid for all inputs: [Antichain { elements: [%s] }]"
                           % (ts, self.since if self.since is not None else ""))
        st = dict(self.base)
        i = bisect.bisect_right(self.hts, ts)
        for d in self.hdiffs[:i]:
            for row, n in d.items():
                v = st.get(row, 0) + n
                if v:
                    st[row] = v
                else:
                    st.pop(row, None)
        return st

    def entries_between(self, lo, hi):
        """History entries with lo < ts <= hi."""
        i = bisect.bisect_right(self.hts, lo)
        j = bisect.bisect_right(self.hts, hi)
        return list(zip(self.hts[i:j], self.hdiffs[i:j]))

    def compact(self, cutoff):
        if self.base_ts is None or cutoff <= self.base_ts:
            return
        cutoff = min(cutoff, self.last_ts)
        i = bisect.bisect_right(self.hts, cutoff)
        for d in self.hdiffs[:i]:
            for row, n in d.items():
                v = self.base.get(row, 0) + n
                if v:
                    self.base[row] = v
                else:
                    self.base.pop(row, None)
        del self.hts[:i]
        del self.hdiffs[:i]
        self.base_ts = cutoff
        self.since = max(self.since, cutoff)


class Timeline:
    def __init__(self, emu):
        self.emu = emu
        self.conn = None
        self.relations = {}  # rid -> Relation
        self.by_key = {}
        self.next_rid = 1
        self.last_ts = now_ms()
        self.write_counter = 0
        self.evaluated_counter = -1
        self.closed_counter = -1  # write counter read at the start of the last closed tick
        self.last_write_tick = self.last_ts  # latest closed tick that included new writes
        self.cluster_names = {}  # every cluster id ever seen -> its last known name
        self.catalog_dirty = True
        self.clusters = {}  # live cluster id -> name
        self.tick_event = asyncio.Event()
        self.wake_event = asyncio.Event()  # set by a committed write or a new relation: tick now
        self.last_tick_at = 0.0  # loop time of the last tick
        self.task = None
        self.create_lock = asyncio.Lock()
        self.sinks = None  # set by start()
        self.ticks = 0
        self.eval_ms = 0.0

    async def start(self):
        from .sinks import SinkManager

        self.conn = await psycopg.AsyncConnection.connect(self.emu.dsn, autocommit=True)
        self.ddl_conn = await psycopg.AsyncConnection.connect(self.emu.dsn, autocommit=True)
        await self.ddl_conn.execute("SET lock_timeout = '10s'")
        await self.ddl_conn.execute("DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.relname FROM pg_class c "
                                    "WHERE c.relnamespace = 'mz_emu'::regnamespace AND c.relkind = 'v' "
                                    "AND c.relname LIKE 'sub\\_%' LOOP EXECUTE 'DROP VIEW IF EXISTS mz_emu.' "
                                    "|| quote_ident(r.relname) || ' CASCADE'; END LOOP; END $$")
        await self._refresh_clusters()
        self.sinks = SinkManager(self)
        self.task = asyncio.ensure_future(self.run())
        await self.sinks.reconcile(initial=True)

    def status(self):
        return {"relations": len(self.relations), "last_ts": self.last_ts, "ticks": self.ticks,
                "subscriptions": sum(r.users for r in self.relations.values()),
                "last_eval_ms": round(self.eval_ms, 2)}

    def note_write(self):
        """A write committed: like Materialize's group commit, it closes a timestamp at once, so
        subscribers see it at its commit rather than at the next periodic tick."""
        self.write_counter += 1
        self.wake_event.set()

    def wake(self):
        self.wake_event.set()

    def catalog_changed(self):
        self.catalog_dirty = True

    async def after_ddl(self):
        self.catalog_dirty = True
        await self.refresh_names()
        if self.sinks is not None:
            await self.sinks.reconcile()
        await self.retain_tables()

    async def refresh_names(self):
        """Right after a DDL commit: current names of referenced relations and clusters, so a
        drop that follows a swap at once reports the name the object had when dropped."""
        async with self.create_lock:
            conn = self.ddl_conn
            cur = await conn.execute("SELECT id, name FROM mz_emu.clusters")
            self.clusters = {r[0]: r[1] for r in await cur.fetchall()}
            self.cluster_names.update(self.clusters)
            ref_oids = sorted({ref[0] for r in self.relations.values() for ref in r.refs})
            if not ref_oids:
                return
            cur = await conn.execute(
                "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.oid = ANY(%s)", [ref_oids])
            names = {row[0]: "materialize.%s.%s" % (row[1], row[2]) for row in await cur.fetchall()}
            for r in self.relations.values():
                for ref in r.refs:
                    if ref[0] in names:
                        ref[2] = names[ref[0]]

    async def _refresh_clusters(self):
        cur = await self.conn.execute("SELECT id, name FROM mz_emu.clusters")
        self.clusters = {r[0]: r[1] for r in await cur.fetchall()}
        self.cluster_names.update(self.clusters)

    # ---- ticking -------------------------------------------------------------------------
    async def run(self):
        # A quiet timeline closes a timestamp every tick_ms (Materialize: the timeline interval,
        # 1 s), scheduled from the previous periodic tick, not from the end of the last one; a
        # tick that overruns is followed at once, without catching up on the missed ones. A
        # committed write or a newly tracked relation wakes the ticker at once (group commit).
        period = self.emu.tick_ms / 1000.0
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        while True:
            try:
                now = loop.time()
                if next_at <= now:
                    next_at = max(next_at + period, now)
                try:
                    await asyncio.wait_for(self.wake_event.wait(), next_at - loop.time())
                    # Group commit: writes arriving within GROUP_COMMIT_S of the last tick share
                    # the next one, so a busy writer costs at most one evaluation per window.
                    gap = self.last_tick_at + GROUP_COMMIT_S - loop.time()
                    if gap > 0:
                        await asyncio.sleep(gap)
                except asyncio.TimeoutError:
                    pass
                self.wake_event.clear()
                self.last_tick_at = loop.time()
                if self.emu.knobs.freeze_progress:
                    continue
                await self.tick()
            except asyncio.CancelledError:
                return
            except Exception:
                traceback.print_exc()
                try:
                    if self.conn.pgconn.transaction_status != pq.TransactionStatus.IDLE:
                        await self.conn.execute("ROLLBACK")
                except Exception:
                    pass

    async def tick(self):
        ts = max(now_ms(), self.last_ts + 1)
        counter = self.write_counter
        fresh = [r for r in self.relations.values() if r.last_ts is None and r.error is None]
        need_eval = counter != self.evaluated_counter or fresh or self.catalog_dirty
        t0 = time.perf_counter()
        if need_eval:
            catalog = self.catalog_dirty
            self.catalog_dirty = False
            since = ts if counter != self.closed_counter else self.last_write_tick
            ok = await self._evaluate(ts, catalog, since)
            if not ok:
                self.catalog_dirty = self.catalog_dirty or catalog
                return  # retry next tick; do not close ts
            self.evaluated_counter = counter
        else:
            for r in self.relations.values():
                if r.last_ts is not None and r.error is None:
                    r.last_ts = ts
        self.eval_ms = (time.perf_counter() - t0) * 1000
        self.last_ts = ts
        if counter != self.closed_counter:
            self.last_write_tick = ts
        self.closed_counter = counter
        self.ticks += 1
        self.emu.counters["ticks"] = self.ticks
        self._compact_and_expire(ts)
        ev, self.tick_event = self.tick_event, asyncio.Event()
        ev.set()

    async def _evaluate(self, ts, catalog, since):
        conn = self.conn
        rels = [r for r in self.relations.values() if r.error is None]
        try:
            await conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            await conn.execute("SET LOCAL lock_timeout = '200ms'")
            if catalog:
                cur = await conn.execute("SELECT id, name FROM mz_emu.clusters")
                self.clusters = {r[0]: r[1] for r in await cur.fetchall()}
                self.cluster_names.update(self.clusters)
            oids = [r.view_oid for r in rels]
            ref_oids = sorted({ref[0] for r in rels for ref in r.refs})
            cur = await conn.execute("SELECT oid FROM pg_class WHERE oid = ANY(%s)", [oids + ref_oids])
            alive = {row[0] for row in await cur.fetchall()}
            if catalog and ref_oids:
                cur = await conn.execute(
                    "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.oid = ANY(%s)", [ref_oids])
                names = {row[0]: "materialize.%s.%s" % (row[1], row[2]) for row in await cur.fetchall()}
                for r in rels:
                    for ref in r.refs:
                        if ref[0] in names:
                            ref[2] = names[ref[0]]
            results = {}
            for r in rels:
                if r.view_oid not in alive or any(ref[0] not in alive for ref in r.refs):
                    continue
                c = conn.cursor()
                await c.execute("SELECT * FROM %s" % r.view, prepare=False)
                res = c.pgresult
                nf, nt = res.nfields, res.ntuples
                gv = res.get_value
                counts = {}
                for i in range(nt):
                    row = tuple([gv(i, j) for j in range(nf)])
                    counts[row] = counts.get(row, 0) + 1
                results[r.rid] = counts
            await conn.execute("COMMIT")
        except psycopg.Error as e:
            try:
                await conn.execute("ROLLBACK")
            except psycopg.Error:
                pass
            if (e.sqlstate or "") not in RETRYABLE:
                await self._fail_erroring(rels)
            return False
        for r in rels:
            if r.rid not in results:
                gone = [ref for ref in r.refs if ref[0] not in alive]
                name = gone[0][2] if gone else (r.refs[0][2] if r.refs else r.view)
                r.error = SqlError("XX000", 'subscribe has been terminated because underlying relation "%s" was dropped'
                                   % name)
                r.ready.set()
                continue
            new = results[r.rid]
            if r.last_ts is None:
                r.state = new
                r.base = dict(new)
                r.base_ts = ts
                r.since = since
                r.last_ts = ts
                r.ready.set()
                continue
            old = r.state
            diff = {}
            for row, n in new.items():
                d = n - old.get(row, 0)
                if d:
                    diff[row] = d
            for row, n in old.items():
                if row not in new:
                    diff[row] = -n
            if diff:
                r.hts.append(ts)
                r.hdiffs.append(diff)
            r.state = new
            r.last_ts = ts
        return True

    def _compact_and_expire(self, ts):
        mono = time.monotonic()
        for r in list(self.relations.values()):
            keep = r.retain_ms if r.retain_ms else int(self.emu.retention_s * 1000)
            r.compact(ts - keep)
            idle_limit = max(keep / 1000.0, 1.0)
            if r.users == 0 and (r.error is not None or mono - r.idle_since > idle_limit) and not r.retain_ms:
                self._forget(r)

    def _forget(self, r):
        self.relations.pop(r.rid, None)
        if self.by_key.get(r.key) is r:
            self.by_key.pop(r.key, None)
        asyncio.ensure_future(self._drop_view(r.view))

    async def _drop_view(self, view):
        async with self.create_lock:
            try:
                await self.ddl_conn.execute("DROP VIEW IF EXISTS %s" % view)
            except psycopg.Error:
                pass

    async def fresh_ts(self):
        """A closed timestamp that includes every write acknowledged before this call
        (strict serializability for mz_now() and default AS OF)."""
        target = self.write_counter
        deadline = time.monotonic() + 5
        while self.closed_counter < target and not self.emu.knobs.freeze_progress:
            if time.monotonic() > deadline:
                break
            await self.wait_tick(0.2)
        return self.last_ts

    async def wait_tick(self, timeout):
        try:
            await asyncio.wait_for(self.tick_event.wait(), timeout)
        except asyncio.TimeoutError:
            pass

    async def _fail_erroring(self, rels):
        """A relation whose query errors (1/0 on some row) ends its subscriptions with that
        error, as a Materialize dataflow error does, instead of failing every evaluation."""
        from .pgconn import pg_error

        for r in rels:
            try:
                await self.conn.execute("SELECT * FROM %s" % r.view)
            except psycopg.Error as e:
                if (e.sqlstate or "") in RETRYABLE or e.sqlstate is None:
                    continue
                r.error = pg_error(e)
                r.ready.set()

    # ---- tracked relations ---------------------------------------------------------------------
    async def acquire(self, search_path, obj_parts=None, query=None):
        """Find or create the tracked relation for an object (parts) or a query text."""
        async with self.create_lock:
            conn = self.ddl_conn
            path = ", ".join([quote_ident(p) for p in search_path] + ["mz_catalog", "pg_catalog"])
            await conn.execute("SELECT pg_catalog.set_config('search_path', %s, false)", [path])
            try:
                if obj_parts is not None:
                    cur = await conn.execute("SELECT to_regclass(%s)::oid",
                                             [".".join(quote_ident(p) for p in obj_parts)])
                    oid = (await cur.fetchone())[0]
                    if oid is None:
                        raise SqlError("XX000", "unknown catalog item '%s'" % ".".join(obj_parts))
                    key = ("obj", oid)
                    rel = self.by_key.get(key)
                    if rel is not None and rel.error is None:
                        rel.users += 1
                        return rel
                    body = "SELECT * FROM %s" % ".".join(quote_ident(p) for p in obj_parts)
                else:
                    key = None
                    body = query
                rid = self.next_rid
                self.next_rid += 1
                view = "mz_emu.%s" % quote_ident("sub_%d" % rid)
                await conn.execute("CREATE VIEW %s AS %s" % (view, body))
                cur = await conn.execute(
                    "SELECT v.oid, array(SELECT DISTINCT d.refobjid FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid "
                    "WHERE w.ev_class = v.oid AND d.classid = 'pg_rewrite'::regclass "
                    "AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid ORDER BY 1) "
                    "FROM pg_class v WHERE v.oid = %s::regclass", [view])
                view_oid, deps = await cur.fetchone()
                if key is None:
                    key = ("q", query, tuple(search_path), tuple(deps))
                    rel = self.by_key.get(key)
                    if rel is not None and rel.error is None:
                        await conn.execute("DROP VIEW %s" % view)
                        rel.users += 1
                        return rel
                cur = await conn.execute(
                    "SELECT c.oid, o.id, 'materialize.' || n.nspname || '.' || c.relname, o.retain_ms "
                    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "LEFT JOIN mz_emu.objects o ON o.pg_oid = c.oid WHERE c.oid = ANY(%s) ORDER BY c.oid", [deps])
                refs = []
                retain = None
                for oid_, mzid, qn, rms in await cur.fetchall():
                    if mzid is None:
                        continue  # system relation (catalog views)
                    refs.append([oid_, mzid, qn])
                    if rms:
                        retain = max(retain or 0, rms)
                cur = await conn.execute("SELECT * FROM %s LIMIT 0" % view)
                cols = [(d.name, d.type_code) for d in cur.description]
            except psycopg.Error as e:
                from .pgconn import pg_error

                raise pg_error(e) from None
            finally:
                await conn.execute("RESET search_path")
            rel = Relation(rid, key, view, view_oid, refs, cols, retain)
            rel.users = 1
            self.relations[rid] = rel
            self.by_key[key] = rel
            self.catalog_dirty = True
            self.wake()  # its first state is read at once, not at the next periodic tick
            return rel

    def release(self, rel):
        rel.users -= 1
        if rel.users <= 0:
            rel.users = 0
            rel.idle_since = time.monotonic()

    async def retain_tables(self):
        """Track every relation with RETAIN HISTORY so AS OF into the past works."""
        cur = await self.ddl_conn.execute(
            "SELECT n.nspname, c.relname FROM mz_emu.objects o JOIN pg_class c ON c.oid = o.pg_oid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE o.retain_ms IS NOT NULL")
        for nsp, rel in await cur.fetchall():
            key_oid = await (await self.ddl_conn.execute("SELECT to_regclass(%s)::oid",
                                                         [quote_ident(nsp) + "." + quote_ident(rel)])).fetchone()
            if ("obj", key_oid[0]) not in self.by_key:
                r = await self.acquire([nsp], obj_parts=[nsp, rel])
                self.release(r)

    async def alter_sink(self, session, sink_id, new_from_id):
        await self.sinks.alter(session, sink_id, new_from_id)
