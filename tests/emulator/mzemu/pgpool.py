"""A pool of PostgreSQL connections shared by every session (issue 18).

The emulator used to open one PostgreSQL connection per session it served: PostgreSQL's
max_connections (300 in tests/stack) capped the emulator at ~295 sessions, far below
Materialize's own limit, and every login paid a PostgreSQL connect. Sessions now borrow a
connection per statement (pgconn.PgConn decides when a session keeps one: transactions,
cursors, temporary objects, ...). When every connection is in use, a statement waits for one,
first come first served; it never fails for lack of a connection.
"""

import asyncio
import collections

import psycopg
from psycopg import pq


class PooledConn:
    """One PostgreSQL connection and what the pool knows about it."""

    __slots__ = ("conn", "owner", "key", "key_in_txn", "notice_cb", "cancel_fut")

    def __init__(self, conn):
        self.conn = conn
        self.owner = None  # the PgConn that last used it (its settings may still be on it)
        self.key = None  # (role, user, search_path) applied on it; None: unknown, apply again
        self.key_in_txn = False  # applied inside a transaction: a ROLLBACK may undo it
        self.notice_cb = None  # notices go to the session holding it
        self.cancel_fut = None  # a cancel request on its way to PostgreSQL

    def reusable(self):
        c = self.conn
        return not c.closed and not c.broken and c.pgconn.transaction_status == pq.TransactionStatus.IDLE


class Pool:
    def __init__(self, dsn, size):
        self.dsn = dsn
        self.size = max(1, int(size))
        self.idle = []  # PooledConn ready for use, most recently released last
        self.waiters = collections.deque()  # futures of checkouts waiting, FIFO
        self.opened = 0  # connections open or being opened (never above size)
        self.stats = {"opened": 0, "waits": 0, "discarded": 0}

    def in_use(self):
        return self.opened - len(self.idle)

    async def acquire(self, owner=None):
        """A connection for `owner`; waits (FIFO) while all `size` are in use."""
        if not self.waiters:
            pc = self._take_idle(owner)
            if pc is not None:
                return pc
            if self.opened < self.size:
                return await self._open()
        self.stats["waits"] += 1
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append(fut)
        try:
            pc = await fut
        except asyncio.CancelledError:
            self._abandon(fut)
            raise
        if pc is None:  # a dead connection's slot was handed over: open a new one
            return await self._open()
        return pc

    def _abandon(self, fut):
        """A waiter was cancelled (a cancelled statement, a client gone): pass on what it got."""
        if not fut.done():
            try:
                self.waiters.remove(fut)
            except ValueError:
                pass
            fut.cancel()
            return
        if fut.cancelled():
            return
        pc = fut.result()
        if pc is None:
            self._free_slot()
        else:
            self.release(pc)

    def _take_idle(self, owner):
        # Prefer the connection this session used last: its settings are already there, and
        # checking it out costs no round trip.
        for i in range(len(self.idle) - 1, -1, -1):
            if self.idle[i].owner is owner:
                return self.idle.pop(i)
        return self.idle.pop() if self.idle else None

    async def _open(self):
        self.opened += 1
        try:
            conn = await psycopg.AsyncConnection.connect(self.dsn, autocommit=True)
        except BaseException:
            self.opened -= 1
            self._free_slot()
            raise
        # psycopg prepares a query it has seen 5 times on a connection: a prepared statement on
        # a shared connection is state a client's DISCARD ALL / DEALLOCATE ALL would pull from
        # under the next session ("prepared statement _pg3_0 does not exist").
        conn.prepare_threshold = None
        self.stats["opened"] += 1
        pc = PooledConn(conn)
        conn.add_notice_handler(lambda diag: _route_notice(pc, diag))
        return pc

    def release(self, pc):
        """Give a connection back: to the first waiter, else to the idle list."""
        if pc.cancel_fut is not None and not pc.cancel_fut.done():
            # A cancel for its last statement is still on its way: reusing the connection
            # now could cancel the next session's statement instead.
            pc.cancel_fut.add_done_callback(lambda _f: self.release(pc))
            return
        pc.cancel_fut = None
        pc.notice_cb = None
        if not pc.reusable():
            self.discard(pc)
            return
        while self.waiters:
            fut = self.waiters.popleft()
            if not fut.done():
                fut.set_result(pc)
                return
        self.idle.append(pc)

    def discard(self, pc):
        """Close a connection that cannot be reused (broken, mid-transaction, session state)."""
        self.opened -= 1
        self.stats["discarded"] += 1
        if not pc.conn.closed:
            asyncio.ensure_future(_close_quietly(pc.conn))
        self._free_slot()

    def _free_slot(self):
        """A slot became free: the first waiter opens a connection in it."""
        while self.waiters:
            fut = self.waiters.popleft()
            if not fut.done():
                fut.set_result(None)  # the waiter's _open counts the connection
                return

    async def close(self):
        idle, self.idle = self.idle, []
        for pc in idle:
            self.opened -= 1
            await _close_quietly(pc.conn)


def _route_notice(pc, diag):
    if pc.notice_cb is not None:
        pc.notice_cb(diag.sqlstate or "00000", diag.message_primary or "", diag.severity or "NOTICE")


async def _close_quietly(conn):
    try:
        await conn.close()
    except Exception:
        pass
