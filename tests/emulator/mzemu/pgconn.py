"""A session's PostgreSQL connection: run one statement, hand back raw text results."""

import asyncio
import contextlib
import re

import psycopg
from psycopg import pq

from . import errors, formats
from .sqlparse import SqlError, quote_ident, quote_literal


class Result:
    """The outcome of one statement: columns (name, type oid) or None, rows of bytes, a tag."""

    __slots__ = ("cols", "rows", "tag", "stream", "copy", "copy_in")

    def __init__(self, cols=None, rows=None, tag="", stream=None, copy=False, copy_in=None):
        self.copy_in = copy_in  # COPY ... FROM STDIN: (sql, column count) awaiting client data
        self.cols = cols
        self.rows = rows if rows is not None else []
        self.tag = tag
        self.stream = stream  # async iterator of row batches (SUBSCRIBE)
        self.copy = copy  # deliver as COPY TO STDOUT text


def result_from_pg(res):
    if res is None:
        return Result(tag="")
    status = res.status
    if status == pq.ExecStatus.TUPLES_OK:
        nf, nt = res.nfields, res.ntuples
        cols = [(res.fname(i).decode(), res.ftype(i), res.fsize(i), res.fmod(i)) for i in range(nf)]
        gv = res.get_value
        rows = [tuple(gv(r, c) for c in range(nf)) for r in range(nt)]
        tag = (res.command_status or b"").decode()
        return Result(cols, formats.trim_numeric_rows(cols, rows), tag)
    tag = (res.command_status or b"").decode()
    return Result(None, [], tag)


def pg_error(e):
    d = e.diag
    code = d.sqlstate or "XX000"
    message = d.message_primary or str(e)
    # Materialize words the catalog errors differently (errors.py).
    mz = errors.from_pg(code, message)
    if mz is not None:
        return mz
    return SqlError(code, message, d.message_detail, d.message_hint)


# Client statements that leave state on the PostgreSQL connection for later statements of the
# same session: while a session has any, it keeps its connection (until DISCARD ALL or the end
# of the session). Materialize has few of these; the emulator simply does not share them.
_STICKY = re.compile(
    r"\bCREATE\s+(?:GLOBAL\s+|LOCAL\s+)?(?:TEMP|TEMPORARY)\b|^\s*(?:PREPARE|LISTEN)\b|\bWITH\s+HOLD\b"
    r"|\bset_config\s*\(|\bpg_advisory_(?:xact_)?lock|\bpg_try_advisory_lock|\bnextval\s*\(|\bsetval\s*\(",
    re.IGNORECASE)


_SETTLED = (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS, pq.TransactionStatus.INERROR)


class PgConn:
    """A session's view of PostgreSQL: a connection from the shared pool (pgpool), borrowed per
    statement, kept (pinned) while the session has state on it:
    - a PostgreSQL transaction (the session's BEGIN..COMMIT, an implicit multi-statement
      transaction, the emulator's own BEGIN around DDL): from its first statement to its end;
    - session-level state a client statement created (_STICKY: temporary tables, PREPARE,
      LISTEN, WITH HOLD cursors, set_config, advisory locks, sequences' currval);
    - `async with pinned()`: emulator work spanning several statements (AS OF temp tables).
    Every checkout puts the session's role, mzemu.user and search_path on the connection, in one
    round trip, skipped when the connection already carries exactly them; a connection that
    served another session is RESET ALL first, so nothing one session set is seen by another.

    A BEGIN is sent to PostgreSQL only with the transaction's first statement that needs
    PostgreSQL, and a SUBSCRIBE transaction (BEGIN; DECLARE c CURSOR FOR SUBSCRIBE ...; FETCH)
    never sends one: its rows come from the timeline, so a thousand cursor subscribers hold no
    PostgreSQL connection between FETCHes.
    """

    def __init__(self, pool, session):
        self.pool = pool
        self.session = session
        self.held = None  # pgpool.PooledConn while a statement runs or the session is pinned
        self.busy = False
        self.pending_begin = False  # BEGIN not yet sent (see above)
        self.sticky = False
        self.pin_depth = 0

    @property
    def conn(self):
        """The psycopg connection held now (None between statements of an unpinned session)."""
        return self.held.conn if self.held is not None else None

    def _key(self):
        s = self.session
        return (s.pg_role, s.user, s.vars.get("search_path"))

    def _wants_begin(self):
        return self.pending_begin and self.session.txn_kind != "subscribe"

    async def _checkout(self):
        if self.held is None:
            self.held = await self.pool.acquire(owner=self)
        pc = self.held
        pc.notice_cb = self.session._pg_notice
        self.busy = True  # a cancel now goes to PostgreSQL, never interrupts psycopg mid-message
        try:
            await self._prepare(pc)
        except BaseException:
            self.busy = False
            self._checkin()
            raise
        self.busy = False
        return pc.conn

    async def _prepare(self, pc):
        """Settings and a deferred BEGIN, in one round trip (none if nothing to do)."""
        sql = []
        key = self._key()
        in_txn = pc.conn.pgconn.transaction_status != pq.TransactionStatus.IDLE
        if pc.key != key or pc.owner is not self:
            if pc.owner is not self and not in_txn:
                sql.append("RESET ALL")  # another session's set_config, SET LOCAL leftovers
            role, user, path = key
            sql.append("SET ROLE %s; SELECT pg_catalog.set_config('mzemu.user', %s, false); "
                       "SELECT pg_catalog.set_config('search_path', %s, false)"
                       % (quote_ident(role), quote_literal(user or role), quote_literal(self._path(path))))
        begin = self._wants_begin()
        if begin:
            sql.append("BEGIN")
        if not sql:
            return
        try:
            # no parameters: the simple protocol takes several statements in one message
            await pc.conn.execute("; ".join(sql))
        except psycopg.Error as e:
            pc.key = None
            raise pg_error(e) from None
        pc.owner = self
        pc.key = key
        pc.key_in_txn = in_txn
        if begin:
            self.pending_begin = False

    def _checkin(self):
        """After a statement: give the connection back unless the session is pinned to it."""
        pc = self.held
        if pc is None or self.busy:
            return
        c = pc.conn
        status = c.pgconn.transaction_status
        if c.closed or c.broken or status not in _SETTLED:
            # broken, or left mid-message by a cancelled task: never reused
            self.held = None
            self.pool.discard(pc)
            return
        in_txn = status != pq.TransactionStatus.IDLE
        if pc.key_in_txn and not in_txn:
            pc.key = None  # set inside a transaction that has ended: maybe rolled back
            pc.key_in_txn = False
        if in_txn or self.sticky or self.pin_depth:
            return
        self.held = None
        self.pool.release(pc)

    @contextlib.asynccontextmanager
    async def pinned(self):
        """Keep one connection across several statements (emulator work with temp tables)."""
        self.pin_depth += 1
        try:
            yield
        finally:
            self.pin_depth -= 1
            if not self.pin_depth:
                self._checkin()

    def note_client_sql(self, sql):
        """A client statement about to be forwarded: does it leave session state on PostgreSQL?"""
        if not self.sticky and _STICKY.search(sql):
            self.sticky = True

    def after_discard_all(self):
        """DISCARD ALL ran: PostgreSQL's session state is gone, role and search_path with it."""
        self.sticky = False
        if self.held is not None:
            self.held.key = None
        self._checkin()

    @staticmethod
    def _path(path_var):
        from .sessionvars import search_path_list

        path = search_path_list(path_var) if path_var is not None else ["public"]
        return ", ".join([quote_ident(p) for p in path] + ["mz_catalog", "pg_catalog"])

    async def set_search_path(self, path):
        """Applied at the next statement's checkout (the key changed)."""

    def _intercept(self, sql):
        """BEGIN is deferred; COMMIT/ROLLBACK of a transaction that never reached PostgreSQL
        are answered here."""
        if sql == "BEGIN":
            self.pending_begin = True
            return Result(tag="BEGIN")
        if sql in ("COMMIT", "ROLLBACK") and self.pending_begin:
            self.pending_begin = False
            return Result(tag=sql)
        return None

    async def run(self, sql, params=None):
        res = self._intercept(sql)
        if res is not None:
            return res
        conn = await self._checkout()
        cur = conn.cursor()
        self.busy = True
        try:
            await cur.execute(sql, params, prepare=False)
        except psycopg.Error as e:
            raise pg_error(e) from None
        finally:
            self.busy = False
            self._checkin()
        return result_from_pg(cur.pgresult)

    async def fetch(self, sql, params=None):
        """Run a query and return python rows (for the emulator's own catalog logic)."""
        conn = await self._checkout()
        cur = conn.cursor()
        self.busy = True
        try:
            await cur.execute(sql, params, prepare=False)
            if cur.description is None:
                return []
            return await cur.fetchall()
        except psycopg.Error as e:
            raise pg_error(e) from None
        finally:
            self.busy = False
            self._checkin()

    async def copy_in(self, sql, data):
        """Run COPY ... FROM STDIN with the client's data; returns the command tag."""
        conn = await self._checkout()
        cur = conn.cursor()
        self.busy = True
        try:
            async with cur.copy(sql) as cp:
                if data:
                    await cp.write(data)
        except psycopg.Error as e:
            raise pg_error(e) from None
        finally:
            self.busy = False
            self._checkin()
        return (cur.pgresult.command_status or b"COPY").decode() if cur.pgresult else "COPY %d" % cur.rowcount

    def in_transaction(self):
        if self.pending_begin:
            return True
        return self.held is not None and self.held.conn.pgconn.transaction_status != pq.TransactionStatus.IDLE

    def in_failed(self):
        return self.held is not None and self.held.conn.pgconn.transaction_status == pq.TransactionStatus.INERROR

    async def describe(self, sql, param_oids):
        """Prepare+describe of the unnamed statement: (param oids, cols or None)."""
        conn = await self._checkout()
        try:
            pgc = conn.pgconn
            res = pgc.prepare(b"", sql.encode(), param_oids or None)
            if res.status != pq.ExecStatus.COMMAND_OK:
                raise SqlError(
                    (res.error_field(pq.DiagnosticField.SQLSTATE) or b"XX000").decode(),
                    (res.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode(),
                )
            d = pgc.describe_prepared(b"")
        finally:
            self._checkin()
        params = [d.param_type(i) for i in range(d.nparams)]
        cols = None
        if d.nfields:
            cols = [(d.fname(i).decode(), d.ftype(i), d.fsize(i), d.fmod(i)) for i in range(d.nfields)]
        return params, cols

    async def describe_portal(self, name):
        """Describe a SQL-level cursor (portal): it exists only on a pinned connection."""
        if self.held is None:
            raise SqlError("34000", 'cursor "%s" does not exist' % name)
        d = self.held.conn.pgconn.describe_portal(name.encode())
        if d.status != pq.ExecStatus.COMMAND_OK:
            raise SqlError(
                (d.error_field(pq.DiagnosticField.SQLSTATE) or b"XX000").decode(),
                (d.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode(),
            )
        if not d.nfields:
            return None
        return [(d.fname(i).decode(), d.ftype(i), d.fsize(i), d.fmod(i)) for i in range(d.nfields)]

    def cancel(self):
        """Cancel the statement running now. The connection is not given to another session
        until the request has reached PostgreSQL (pgpool.release), so it cancels this one."""
        pc = self.held
        if pc is None or not self.busy:
            return
        pc.cancel_fut = asyncio.get_running_loop().run_in_executor(None, _cancel_quietly, pc.conn)

    async def discard(self):
        """Drop the held connection (its backend was terminated: locks.recover)."""
        pc, self.held = self.held, None
        self.pending_begin = False
        if pc is not None:
            self.pool.discard(pc)

    async def close(self):
        """End of the session: a clean connection goes back to the pool; one carrying the
        session's state (a transaction, temp tables, ...) is closed instead."""
        pc, self.held = self.held, None
        self.pending_begin = False
        if pc is None:
            return
        if self.sticky or self.busy or not pc.reusable():
            self.pool.discard(pc)
        else:
            self.pool.release(pc)


def _cancel_quietly(conn):
    try:
        conn.cancel()
    except Exception:
        pass
