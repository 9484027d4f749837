"""SUBSCRIBE: parsing, the differential stream read from the timeline, and its three wire forms
(plain streaming, DECLARE/FETCH cursors, COPY (SUBSCRIBE ...) TO STDOUT)."""

import asyncio
import itertools
import time

from . import sessionvars, wire
from .pgconn import Result
from .sqlparse import Parser, SqlError, NUMBER, STRING

NUMERIC, BOOL, INT8, TEXT = 1700, 16, 20, 25
PLAIN_NOTICE = "streaming SUBSCRIBE rows directly requires a client that does not buffer output"
PSQL_HINT = "Use `COPY (SUBSCRIBE ...) TO STDOUT` in psql to consume SUBSCRIBE output."

_ids = itertools.count(1)


def _prefix(ts, progress):
    """The columns before mz_diff of a data row at ts: mz_timestamp (and mz_progressed)."""
    return (str(ts).encode(), b"f") if progress else (str(ts).encode(),)


def _data_row(prefix, n, row):
    """A default-envelope data row: `prefix` (from _prefix), mz_diff n, then the values."""
    return prefix + (str(n).encode(),) + tuple(row)


def _progress_row(ts, ncols):
    """A progress row at ts: mz_progressed true, NULL in every other column."""
    return (str(ts).encode(), b"t") + (None,) * (ncols - 2)


class Batch(tuple):
    """One tick's rows of a relation, shared (never mutated) by every subscription that reads
    the relation with the same shape: built once per tick, and encoded once for the wire, not
    once per subscriber (100 subscribers used to build and encode 100 copies of every update)."""

    def wire_bytes(self, copy):
        """The rows as DataRows, or (copy) as COPY text CopyData messages; cached."""
        attr = "_copy" if copy else "_rows"
        data = self.__dict__.get(attr)
        if data is None:
            data = wire.stream_bytes(self, copy)
            setattr(self, attr, data)
        return data


def _shared_batch(rel, lo, hi, progress, progress_row, ncols):
    """The default envelope's rows for lo < ts <= hi (with the mz_progressed column if
    progress), then (progress and progress_row) a progress row at hi + 1, for every subscription
    of rel at that position; the last few are kept on the relation."""
    cache = rel.__dict__.setdefault("_batches", {})
    key = (lo, hi, progress, progress_row)
    b = cache.get(key)
    if b is None:
        rows = []
        for ts, diff in rel.entries_between(lo, hi):
            prefix = _prefix(ts, progress)
            for row, n in sorted(diff.items(), key=lambda kv: kv[1]):
                rows.append(_data_row(prefix, n, row))
        if progress and progress_row:
            rows.append(_progress_row(hi + 1, ncols))
        b = Batch(rows)
        if len(cache) >= 4:
            del cache[next(iter(cache))]
        cache[key] = b
    return b


class Spec:
    def __init__(self):
        self.obj = None
        self.query = None
        self.envelope = None
        self.key = []
        self.snapshot = True
        self.progress = False
        self.as_of = None
        self.at_least = False
        self.up_to = None


async def _ts_value(session, p):
    t = p.peek()
    if t is not None and t.kind in (NUMBER, STRING) and (p.peek(1) is None or p.peek(1).is_kw("UP", "AS", "WITH")):
        p.next()
        try:
            return _mz_timestamp(int(float(t.val)))
        except ValueError:
            raise SqlError("22023", "invalid timestamp %r" % t.val) from None
    start = p.pos()
    depth = 0
    while not p.at_end():
        if depth == 0 and (p.is_kw("UP") or p.is_kw("AS")):
            break
        t = p.next()
        if t.kind == "punct" and t.val == "(":
            depth += 1
        elif t.kind == "punct" and t.val == ")":
            depth -= 1
    expr = await rewrite_mz_now(session, p.sql[start: p.pos()].strip())
    rows = await session.pg.fetch("SELECT floor((%s)::numeric)::int8" % expr)
    return _mz_timestamp(rows[0][0])


def _mz_timestamp(v):
    """Materialize's evaluate_when (src/adapter/src/coord/timestamp_selection.rs): NULL and
    values outside mz_timestamp's u64 range are errors."""
    if v is None:
        raise SqlError("XX000", "can't use null as a mz_timestamp for AS OF or UP TO")
    v = int(v)
    if v < 0:
        raise SqlError("XX000", "out of range integral type conversion attempted")
    return v


async def rewrite_mz_now(session, sql):
    """Replace mz_now() calls with the current fresh logical timestamp."""
    from .sqlparse import tokenize, PUNCT

    toks = tokenize(sql)
    spots = []
    for i, t in enumerate(toks):
        if t.is_kw("MZ_NOW") and i + 2 < len(toks) and toks[i + 1].kind == PUNCT and toks[i + 1].val == "(" \
                and toks[i + 2].kind == PUNCT and toks[i + 2].val == ")":
            start = t.start
            if i >= 2 and toks[i - 1].val == "." and toks[i - 2].ident in ("mz_catalog", "mz_unsafe"):
                start = toks[i - 2].start
            spots.append((start, toks[i + 2].end))
    if not spots:
        return sql
    ts = await session.emu.timeline.fresh_ts()
    out, last = [], 0
    for a, b in spots:
        out.append(sql[last:a])
        out.append("(%d::mz_catalog.mz_timestamp)" % ts)
        last = b
    out.append(sql[last:])
    return "".join(out)


async def parse(session, sql):
    p = Parser(sql)
    p.expect_kw("SUBSCRIBE")
    p.accept_kw("TO")
    s = Spec()
    if p.is_punct("("):
        s.query = p.skip_parens().strip()
    else:
        from .ddl import schema_parts_of

        s.obj = schema_parts_of(p.qualified())
    while not p.at_end():
        if p.accept_kw("ENVELOPE"):
            env = p.expect_kw("UPSERT", "DEBEZIUM")
            s.envelope = env.lower()
            p.expect_punct("(")
            p.expect_kw("KEY")
            inner = p.skip_parens()
            s.key = [c.strip().strip('"') for c in inner.split(",") if c.strip()]
            p.expect_punct(")")
        elif p.accept_kws("WITHIN", "TIMESTAMP", "ORDER", "BY"):
            while not p.at_end() and not p.is_kw("WITH", "AS", "UP"):
                p.next()
        elif p.accept_kw("WITH"):
            p.expect_punct("(")
            while not p.accept_punct(")"):
                name = p.next().val.upper()
                val = True
                if p.accept_punct("="):
                    v = p.value()
                    val = str(v).lower() in ("true", "t", "on", "1", "yes")
                elif p.peek() is not None and p.peek().kind == "word" and p.peek().val.lower() in ("true", "false"):
                    val = p.next().val.lower() == "true"
                if name == "SNAPSHOT":
                    s.snapshot = val
                elif name == "PROGRESS":
                    s.progress = val
                p.accept_punct(",")
        elif p.accept_kws("AS", "OF"):
            s.at_least = p.accept_kws("AT", "LEAST")
            s.as_of = await _ts_value(session, p)
        elif p.accept_kws("UP", "TO"):
            s.up_to = await _ts_value(session, p)
        else:
            raise SqlError("42601", "Expected end of statement, found %s" % p.peek().val)
    return s


def output_cols(spec, rel_cols):
    cols = [("mz_timestamp", NUMERIC)]
    if spec.progress:
        cols.append(("mz_progressed", BOOL))
    if spec.envelope in ("upsert", "debezium"):
        names = [c[0] for c in rel_cols]
        for k in spec.key:
            if k not in names:
                raise SqlError("42703", 'column "%s" does not exist' % k)
        cols.append(("mz_state", TEXT))
        kc = [c for c in rel_cols if c[0] in spec.key]
        kc.sort(key=lambda c: spec.key.index(c[0]))
        vc = [c for c in rel_cols if c[0] not in spec.key]
        if spec.envelope == "debezium":
            return cols + kc + [("before_" + c[0], c[1]) for c in vc] + [("after_" + c[0], c[1]) for c in vc]
        return cols + kc + vc
    cols.append(("mz_diff", INT8))
    return cols + list(rel_cols)


class Subscription:
    """One running SUBSCRIBE reading a tracked relation's history."""

    def __init__(self, session, spec, rel, cluster_id):
        self.session = session
        self.emu = session.emu if session is not None else None
        self.spec = spec
        self.rel = rel
        self.cluster_id = cluster_id
        self.tl = None
        self.id = "t%d" % next(_ids)
        self.pending = []
        self.pos = None  # all times <= pos have been emitted
        self.as_of = None
        self.started = False
        self.finished = False
        self.closed = False
        self.cancelled = False
        self.emitted = 0
        self.last_progress = None
        self.cols = None
        kc = [i for i, c in enumerate(rel.cols) if c[0] in spec.key]
        kc.sort(key=lambda i: spec.key.index(rel.cols[i][0]))
        self.key_idx = kc
        self.val_idx = [i for i in range(len(rel.cols)) if i not in kc]
        self.upsert_state = {}
        self.cluster_gone_tick = None
        self.hydrated_at = 0.0  # monotonic time its dataflow has hydrated (see needs_dataflow)

    def hydrated(self):
        return time.monotonic() >= self.hydrated_at

    async def start(self, tl):
        self.tl = tl
        rel = self.rel
        if rel.last_ts is None and rel.error is None:
            while not rel.ready.is_set():
                await asyncio.wait_for(rel.ready.wait(), 30)
        if rel.error is not None:
            raise rel.error
        spec = self.spec
        if spec.as_of is None:
            fresh = await tl.fresh_ts()
            while rel.last_ts < fresh and rel.error is None:
                await tl.wait_tick(0.2)
            as_of = rel.last_ts
        elif spec.at_least:
            as_of = max(spec.as_of, rel.since)
        else:
            as_of = spec.as_of
        if spec.up_to is not None and spec.up_to < as_of:
            raise SqlError("22000", 'subscription lower ("as of") bound is beyond its upper ("up to") bound: %d < %d'
                           % (spec.up_to, as_of))
        if as_of < rel.since:
            raise SqlError("XX000", "Timestamp (%d) is not valid for all inputs: [Antichain { elements: [%d] }]"
                           % (as_of, rel.since))
        while rel.last_ts < as_of:
            if rel.error is not None:
                raise rel.error
            await tl.wait_tick(0.2)
        self.as_of = as_of
        self.pos = as_of
        if spec.up_to is not None and spec.up_to <= as_of:
            self.finished = True
            return
        if spec.progress:
            self._progress(as_of)
        if spec.snapshot:
            st = rel.state_at(as_of)
            if spec.envelope:
                self._upsert_batch(as_of, st, snapshot=True)
            else:
                for row, n in st.items():
                    self._data(as_of, n, row)
        elif spec.envelope:
            self.upsert_state = {}
            for row, n in rel.state_at(as_of).items():
                self.upsert_state.setdefault(self._key(row), {})[row] = n
        # Materialize ships the snapshot in a batch whose upper is past the AS OF (rows go out
        # only once their time is closed), so its progress row follows the snapshot at once, not
        # a tick later: as_of <= rel.last_ts is closed here.
        if spec.progress and (spec.up_to is None or as_of + 1 < spec.up_to):
            self._progress(as_of + 1)
        self.started = True

    def _key(self, row):
        return tuple(row[i] for i in self.key_idx)

    def _progress(self, ts):
        if self.last_progress is not None and ts <= self.last_progress:
            return
        self.last_progress = ts
        self._append(_progress_row(ts, len(self.cols)))

    def _append(self, row):
        if type(self.pending) is not list:
            self.pending = list(self.pending)  # a shared Batch is never written to
        self.pending.append(row)

    def _prefix(self, ts):
        return list(_prefix(ts, self.spec.progress))

    def _data(self, ts, n, row):
        self._append(_data_row(_prefix(ts, self.spec.progress), n, row))

    def _upsert_batch(self, ts, diff, snapshot=False):
        """ENVELOPE UPSERT / DEBEZIUM: one row per key touched at ts."""
        touched = set()
        before = {}
        for row, n in diff.items():
            k = self._key(row)
            d = self.upsert_state.setdefault(k, {})
            if k not in before:
                before[k] = self._single(d)
            v = d.get(row, 0) + n
            if v:
                d[row] = v
            else:
                d.pop(row, None)
            touched.add(k)
        nv = len(self.val_idx)
        debezium = self.spec.envelope == "debezium"
        for k in sorted(touched, key=lambda t: tuple(b"" if x is None else x for x in t)):
            d = self.upsert_state.get(k, {})
            live = [(r, n) for r, n in d.items() if n > 0]
            prev = before.get(k)
            prev_vals = [prev[i] for i in self.val_idx] if prev is not None else [None] * nv
            if not live:
                self.upsert_state.pop(k, None)
                if snapshot:
                    continue
                extra = (prev_vals + [None] * nv) if debezium else [None] * nv
                self._append(tuple(self._prefix(ts) + [b"delete"] + list(k) + extra))
            elif len(live) == 1 and live[0][1] == 1:
                r = live[0][0]
                vals = [r[i] for i in self.val_idx]
                if debezium:
                    state = b"insert" if prev is None else b"upsert"
                    self._append(tuple(self._prefix(ts) + [state] + list(k) + prev_vals + vals))
                else:
                    self._append(tuple(self._prefix(ts) + [b"upsert"] + list(k) + vals))
            else:
                extra = [None] * (2 * nv if debezium else nv)
                self._append(tuple(self._prefix(ts) + [b"key_violation"] + list(k) + extra))

    @staticmethod
    def _single(d):
        live = [r for r, n in d.items() if n > 0]
        return live[0] if len(live) == 1 and d[live[0]] == 1 else None

    def _advance(self):
        rel = self.rel
        if self.finished or rel.last_ts is None or rel.last_ts <= self.pos:
            return
        hi = rel.last_ts
        up_to = self.spec.up_to
        if up_to is not None:
            hi = min(hi, up_to - 1)
        done = up_to is not None and hi >= up_to - 1
        if self.spec.envelope:
            for ts, diff in rel.entries_between(self.pos, hi):
                self._upsert_batch(ts, diff)
            if self.spec.progress and not done:
                self._progress(hi + 1)
        else:
            batch = _shared_batch(rel, self.pos, hi, self.spec.progress, not done, len(self.cols))
            self.pending = batch if not self.pending else tuple(self.pending) + batch
            if self.spec.progress and not done:
                self.last_progress = hi + 1
        self.pos = hi
        self.finished = done

    def check_health(self):
        rel = self.rel
        if rel.error is not None:
            raise rel.error
        if self.cluster_id is not None and self.tl is not None and self.cluster_id not in self.tl.clusters:
            # Relations are checked before the cluster: give the next evaluating tick the
            # chance to notice a relation dropped with the cluster.
            if self.cluster_gone_tick is None:
                self.cluster_gone_tick = self.tl.ticks
                return
            if self.tl.ticks <= self.cluster_gone_tick + 1:
                return
            raise SqlError("XX000", 'subscribe has been terminated because underlying cluster "%s" was dropped'
                           % self.tl.cluster_names.get(self.cluster_id, self.cluster_name))

    def _take(self, limit):
        if not self.hydrated():
            return []  # a new dataflow sends nothing, not even its AS OF progress, until hydrated
        if limit is None or limit >= len(self.pending):
            out, self.pending = self.pending, []
        else:
            out, self.pending = self.pending[:limit], self.pending[limit:]
        self.emitted += len(out)
        return out

    async def next_batch(self, limit, gone):
        """Rows ready to send (blocking until some are), or None when the subscription ended."""
        while True:
            if self.cancelled:
                raise SqlError("57014", "canceling statement due to user request")
            if not self.hydrated():
                if gone():
                    return None
                await asyncio.sleep(min(self.hydrated_at - time.monotonic(), 0.1))
                continue
            if self.pending:
                return self._take(limit)
            if self.finished:
                return None
            self._advance()
            if self.pending:
                continue
            if self.finished:
                return None
            self.check_health()
            if gone():
                return None
            await self.tl.wait_tick(0.1)

    async def wait_ready(self, deadline):
        """For FETCH: wait until rows are ready, the end, or the deadline (None: forever)."""
        while True:
            if self.cancelled:
                raise SqlError("57014", "canceling statement due to user request")
            if not self.pending and not self.finished:
                self._advance()
            hydrated = self.hydrated()
            if hydrated and (self.pending or self.finished):
                return
            self.check_health()
            step = 0.1 if hydrated else max(0.0, min(self.hydrated_at - time.monotonic(), 0.1))
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return
                step = min(left, step)
            if hydrated:
                await self.tl.wait_tick(step)
            else:
                await asyncio.sleep(step)

    async def wait_more(self, deadline):
        """For FETCH with a timeout: wait for the next closed timestamp (or the deadline) and
        add what it brings to the pending rows."""
        if self.cancelled:
            raise SqlError("57014", "canceling statement due to user request")
        self.check_health()
        left = deadline - time.monotonic()
        if left > 0:
            if self.hydrated():
                await self.tl.wait_tick(min(left, 0.1))
            else:
                await asyncio.sleep(max(0.0, min(left, self.hydrated_at - time.monotonic(), 0.1)))
        self._advance()

    def close(self):
        if self.closed:
            return
        self.closed = True
        if self.tl is not None:
            self.tl.release(self.rel)
        emu = self.emu
        if emu is not None:
            if self.session is not None and getattr(self.session, "active_stream", None) is self:
                self.session.active_stream = None
            asyncio.ensure_future(_unregister(emu, self.id))


async def _register(emu, sub, session):
    try:
        await emu.admin_exec("INSERT INTO mz_emu.subscriptions (id, session_id, cluster_id, referenced_object_ids) "
                             "VALUES (%s, %s, %s, %s)", [sub.id, session.uuid, sub.cluster_id, sub.rel.ref_ids])
    except Exception:
        pass


async def _unregister(emu, sid):
    try:
        await emu.admin_exec("DELETE FROM mz_emu.subscriptions WHERE id = %s", [sid])
    except Exception:
        pass


async def create(session, sql):
    """Parse, resolve, check the cluster, and start a subscription."""
    spec = await parse(session, sql)
    emu = session.emu
    cid = await session.require_cluster()
    path = sessionvars.search_path_list(session.vars["search_path"])
    if spec.obj is not None:
        from .ddl import get_schema

        if len(spec.obj) == 2:
            await get_schema(session, spec.obj[0])
    rel = await emu.timeline.acquire(path, obj_parts=spec.obj, query=spec.query)
    sub = Subscription(session, spec, rel, cid)
    sub.cluster_name = session.vars["cluster"]
    try:
        sub.cols = output_cols(spec, rel.cols)
        delay = emu.knobs.subscribe_hydration_delay
        if delay > 0 and await needs_dataflow(session, spec, rel):
            sub.hydrated_at = time.monotonic() + delay
        await sub.start(emu.timeline)
    except BaseException:
        sub.closed = True
        emu.timeline.release(rel)
        raise
    emu.counters["subscriptions_started"] += 1
    await _register(emu, sub, session)
    return sub


async def needs_dataflow(session, spec, rel):
    """Whether a SUBSCRIBE builds a new dataflow that must hydrate before its snapshot (fact
    sheet §4): a query does, and so does a view without an index; a table, a materialized view
    or an indexed view is read from persisted or arranged data at once."""
    if spec.query is not None:
        return True
    ids = rel.ref_ids
    if not ids:
        return False
    rows = await session.pg.fetch(
        "SELECT o.type = 'view' AND NOT EXISTS (SELECT 1 FROM mz_emu.objects i "
        "WHERE i.type = 'index' AND i.on_id = o.id) FROM mz_emu.objects o WHERE o.id = %s", [ids[0]])
    return bool(rows and rows[0][0])


async def start_plain(session, sql):
    sub = await create(session, sql)
    session.active_stream = sub
    session.notice("01000", PLAIN_NOTICE, hint=PSQL_HINT if session.vars.get("application_name") == "psql" else None)
    return Result(sub.cols, tag="SUBSCRIBE", stream=sub)


async def start_copy(session, sql):
    p = Parser(sql)
    p.expect_kw("COPY")
    inner = p.skip_parens()
    p.expect_kw("TO")
    p.expect_kw("STDOUT")
    # optional WITH (FORMAT text)
    if p.accept_kw("WITH"):
        if p.is_punct("("):
            opts = p.skip_parens().lower()
            if "format" in opts and "text" not in opts:
                raise SqlError("0A000", "COPY TO STDOUT supports only the text format in the emulator")
    sub = await create(session, inner)
    session.active_stream = sub
    return Result(sub.cols, tag="COPY", stream=sub, copy=True)


async def describe(session, sql):
    spec = await parse(session, sql)
    path = sessionvars.search_path_list(session.vars["search_path"])
    rel = await session.emu.timeline.acquire(path, obj_parts=spec.obj, query=spec.query)
    try:
        return output_cols(spec, rel.cols)
    finally:
        session.emu.timeline.release(rel)


# ---- cursors --------------------------------------------------------------------------------
async def declare(session, sql):
    p = Parser(sql)
    p.expect_kw("DECLARE")
    name = p.ident()
    while not p.is_kw("FOR"):
        p.next()
    p.expect_kw("FOR")
    if not p.is_kw("SUBSCRIBE"):
        session.check_kind("read")
        return await session.forward(sql)
    if not session.in_txn():
        raise SqlError("25P01", "DECLARE CURSOR can only be used in transaction blocks")
    session.check_kind("subscribe")
    if name in session.cursors:
        raise SqlError("42P03", 'cursor "%s" already exists' % name)
    sub = await create(session, p.rest())
    session.cursors[name] = sub
    return Result(tag="DECLARE CURSOR")


def _parse_fetch(sql):
    p = Parser(sql)
    p.expect_kw("FETCH")
    p.accept_kw("FORWARD", "NEXT")
    count = 1
    if p.accept_kw("ALL"):
        count = None
    elif p.peek() is not None and p.peek().kind == NUMBER:
        count = int(p.next().val)
    p.accept_kw("FROM", "IN")
    name = p.ident()
    timeout = None
    if p.accept_kw("WITH"):
        p.expect_punct("(")
        while not p.accept_punct(")"):
            k = p.next().val.lower()
            p.accept_punct("=")
            v = p.value()
            if k == "timeout":
                timeout = _interval_s(v)
            p.accept_punct(",")
    return name, count, timeout


def _interval_s(v):
    s = str(v).strip().lower()
    units = [("ms", 0.001), ("milliseconds", 0.001), ("millisecond", 0.001), ("s", 1), ("seconds", 1),
             ("second", 1), ("sec", 1), ("min", 60), ("minutes", 60), ("minute", 60), ("m", 60), ("h", 3600),
             ("hours", 3600), ("hour", 3600), ("d", 86400), ("days", 86400), ("day", 86400)]
    for u, mult in sorted(units, key=lambda x: -len(x[0])):
        if s.endswith(u):
            try:
                return float(s[: -len(u)].strip()) * mult
            except ValueError:
                break
    try:
        return float(s)
    except ValueError:
        raise SqlError("22023", "invalid timeout %r" % v) from None


def fetch_cols(session, sql):
    name, _, _ = _parse_fetch(sql)
    sub = session.cursors.get(name)
    return sub.cols if sub is not None else None


async def fetch(session, sql):
    name, count, timeout = _parse_fetch(sql)
    sub = session.cursors.get(name)
    if sub is None:
        return await session.forward(sql)
    if count == 0:
        # Materialize answers FETCH 0 at once, with no rows (it asks for zero rows).
        return Result(sub.cols, [], "FETCH 0")
    deadline = None if timeout is None else time.monotonic() + timeout
    await sub.wait_ready(deadline)
    if deadline is not None:
        # With a timeout FETCH keeps collecting until it has the count or the deadline passed
        # (fact sheet §4): `FETCH ALL c WITH (timeout = '1s')` always takes about 1 s.
        while not sub.finished and (count is None or len(sub.pending) < count) \
                and time.monotonic() < deadline:
            await sub.wait_more(deadline)
    rows = sub._take(count)
    return Result(sub.cols, rows, "FETCH %d" % len(rows))


async def close_cursor(session, sql):
    p = Parser(sql)
    p.expect_kw("CLOSE")
    if p.accept_kw("ALL"):
        for c in list(session.cursors.values()):
            c.close()
        session.cursors.clear()
        if session.pg.conn is not None:
            await session.pg.run(sql)
        return Result(tag="CLOSE CURSOR")
    name = p.ident()
    sub = session.cursors.pop(name, None)
    if sub is None:
        return await session.pg.run(sql)
    sub.close()
    return Result(tag="CLOSE CURSOR")


def split_as_of(sql):
    """For `SELECT ... AS OF [AT LEAST] <ts>`: (query, ts text, at_least) or None."""
    from .sqlparse import tokenize, PUNCT

    toks = tokenize(sql)
    depth = 0
    for i, t in enumerate(toks):
        if t.kind == PUNCT and t.val == "(":
            depth += 1
        elif t.kind == PUNCT and t.val == ")":
            depth -= 1
        elif depth == 0 and t.is_kw("AS") and i + 1 < len(toks) and toks[i + 1].is_kw("OF"):
            rest = Parser(sql[toks[i + 1].end:])
            at_least = rest.accept_kws("AT", "LEAST")
            return sql[: t.start].strip(), rest, at_least
    return None


_AFTER_TABLE = {"WHERE", "JOIN", "ON", "GROUP", "ORDER", "LIMIT", "INNER", "LEFT", "RIGHT", "FULL", "CROSS",
                "NATURAL", "UNION", "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "OFFSET", "FETCH", "FOR", "USING",
                "LATERAL", "AS"}


def _relation_refs(query):
    """(start, end, parts, has_alias) for each relation named after FROM / JOIN / a FROM-list comma."""
    from .sqlparse import tokenize, PUNCT, WORD, QIDENT

    toks = tokenize(query)
    ctes = set()
    for i in range(len(toks) - 2):
        if toks[i].kind in (WORD, QIDENT) and toks[i + 1].is_kw("AS") and toks[i + 2].val == "(":
            ctes.add(toks[i].ident)
    refs = []
    i = 0
    in_from = False
    while i < len(toks):
        t = toks[i]
        starts = t.is_kw("FROM", "JOIN") or (in_from and t.kind == PUNCT and t.val == ",")
        if t.is_kw("FROM", "JOIN"):
            in_from = True
        elif t.kind == WORD and t.val.upper() in ("WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION"):
            in_from = False
        if starts and i + 1 < len(toks) and toks[i + 1].kind in (WORD, QIDENT) \
                and not toks[i + 1].is_kw("LATERAL", "ONLY", "SELECT"):
            j = i + 1
            parts = [toks[j].ident]
            while j + 2 < len(toks) and toks[j + 1].kind == PUNCT and toks[j + 1].val == "." \
                    and toks[j + 2].kind in (WORD, QIDENT):
                j += 2
                parts.append(toks[j].ident)
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            is_func = nxt is not None and nxt.kind == PUNCT and nxt.val == "("
            if not is_func and not (len(parts) == 1 and parts[0] in ctes) \
                    and parts[0] not in ("mz_catalog", "mz_internal", "pg_catalog", "information_schema"):
                has_alias = nxt is not None and nxt.kind in (WORD, QIDENT) and nxt.val.upper() not in _AFTER_TABLE
                has_alias = has_alias or (nxt is not None and nxt.is_kw("AS"))
                refs.append((toks[i + 1].start, toks[j].end, parts, has_alias))
            i = j + 1
            continue
        i += 1
    return refs


async def select_as_of(session, sql, parts):
    """A read at a past logical time: each referenced relation is replaced by a temporary table
    holding its state at that time, reconstructed from the tracked relation's history."""
    query, rest, at_least = parts
    ts = await _ts_value(session, rest)
    await session.require_cluster()
    path = sessionvars.search_path_list(session.vars["search_path"])
    tl = session.emu.timeline
    refs = _relation_refs(query)
    rels = []
    temps = []
    # the temporary tables live on one PostgreSQL connection: keep it until they are dropped
    async with session.pg.pinned():
        return await _select_as_of(session, query, refs, rels, temps, ts, at_least, tl, path)


async def _select_as_of(session, query, refs, rels, temps, ts, at_least, tl, path):
    from .ddl import schema_parts_of
    from .sqlparse import quote_ident as qi
    from .wire import copy_text_row

    try:
        for _, _, rparts, _ in refs:
            rels.append(await tl.acquire(path, obj_parts=schema_parts_of(rparts)))
        for rel in rels:
            while rel.last_ts is None and rel.error is None:
                await asyncio.wait_for(rel.ready.wait(), 30)
            if rel.error is not None:
                raise rel.error
        if at_least and rels:
            ts = max([ts] + [r.since for r in rels])
        for rel in rels:
            while rel.last_ts < ts:
                if rel.error is not None:
                    raise rel.error
                await tl.wait_tick(0.2)
        out, last = [], 0
        for k, ((a, b, rparts, has_alias), rel) in enumerate(zip(refs, rels)):
            st = rel.state_at(ts)
            name = "mz_asof_%d_%d" % (id(session) % 100000, k)
            await session.pg.run("CREATE TEMP TABLE %s AS SELECT * FROM %s WITH NO DATA" % (qi(name), rel.view))
            temps.append(name)
            data = b"".join(copy_text_row(row) for row, n in st.items() for _ in range(max(n, 0)))
            await session.pg.copy_in("COPY pg_temp.%s FROM STDIN" % qi(name), data)
            out.append(query[last:a])
            out.append("pg_temp.%s" % qi(name) + ("" if has_alias else " AS %s" % qi(rparts[-1])))
            last = b
        out.append(query[last:])
        res = await session.pg.run("".join(out))
        return res
    finally:
        for name in temps:
            try:
                await session.pg.run("DROP TABLE IF EXISTS pg_temp.%s" % qi(name))
            except SqlError:
                pass
        for rel in rels:
            tl.release(rel)
