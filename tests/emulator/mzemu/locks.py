"""Keep PostgreSQL's locks from showing through: DDL never waits behind another session.

Materialize has no table locks: DROP, DROP ... CASCADE or CREATE OR REPLACE from one session goes
through while another session sits in an open transaction that read or wrote the object. The
emulator's catalog lives in PostgreSQL, where the same DDL takes an ACCESS EXCLUSIVE lock and waits
for every transaction holding a lock on the object. So while a session runs DDL, a watchdog
polls `pg_blocking_pids()` of its PostgreSQL backend; every blocker that is another emulator
session's backend is *preempted*: its backend is terminated (which releases its locks at once)
and the session is marked, so that:

- its next statement runs on a fresh PostgreSQL connection, inside a fresh PostgreSQL
  transaction if the client is still in BEGIN..COMMIT. Names are resolved again, as Materialize
  does at every statement: a read of the dropped object fails with `unknown catalog item` /
  `unknown schema`, reads of other objects work;
- a statement that was running when the backend was terminated fails like a Materialize peek
  whose input is dropped: XX000 `query could not complete because relation "<name>" was dropped`;
- a DDL transaction (BEGIN; ALTER ... SWAP ...; idle) fails at its next statement or COMMIT with
  40001, as when any other DDL overtakes it;
- a session that is itself running DDL is never preempted: it is waited for (Materialize runs DDL
  one statement at a time);
- a write transaction whose buffered writes were lost fails at COMMIT: XX000 `unknown catalog item
  '<id>'` when the written table is gone (Materialize's commit re-verifies every written id), or
  40001 `catalog item '<id>' was concurrently modified` when it still exists.

Blockers that are not sessions (the timeline's short read snapshot) are simply waited for.
"""

import asyncio

POLL_S = 0.05


class Preemption:
    """What a preempted session must report."""

    def __init__(self, dropped_name, written_ids):
        self.dropped_name = dropped_name  # relation the DDL waited for, "materialize.s.t"
        self.written_ids = written_ids  # mz ids of relations the session held locks on


def _backend_pid(session):
    conn = session.pg.conn
    if conn is None or conn.closed:
        return None
    try:
        return conn.info.backend_pid
    except Exception:
        return None


async def run_without_lock_waits(session, coro):
    """Await `coro` (DDL on the session's PostgreSQL connection), preempting any other
    session whose PostgreSQL backend blocks it."""
    task = asyncio.ensure_future(coro)
    session.running_ddl = True
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL_S)
            if done:
                return task.result()
            # looked up at each poll: a pooled session holds a connection only once its
            # statement has checked one out
            pid = _backend_pid(session)
            if pid is not None:
                await preempt_blockers(session, pid)
    finally:
        session.running_ddl = False
        if not task.done():
            task.cancel()
            try:
                await task
            except BaseException:
                pass


async def preempt_blockers(session, ddl_pid):
    emu = session.emu
    by_pid = {}
    for other, _conn in list(emu.sessions.values()):
        if other is session:
            continue
        p = _backend_pid(other)
        if p is not None:
            by_pid[p] = other
    if not by_pid:
        return
    rows = await emu.admin_exec("SELECT unnest(pg_blocking_pids(%s))", [ddl_pid], fetch=True)
    # A session that is itself running DDL is waited for: Materialize's coordinator runs DDL
    # one statement at a time, so concurrent DDL serializes rather than failing.
    victims = [(p, by_pid[p]) for (p,) in rows if p in by_pid and not getattr(by_pid[p], "running_ddl", False)]
    if not victims:
        return
    # The relation the DDL waits for names the error the victims' running statements get.
    rows = await emu.admin_exec(
        "SELECT 'materialize.' || n.nspname || '.' || c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE l.pid = %s AND NOT l.granted AND l.locktype = 'relation' "
        "LIMIT 1", [ddl_pid], fetch=True)
    waited = rows[0][0] if rows else None
    for vpid, victim in victims:
        rows = await emu.admin_exec(
            "SELECT DISTINCT o.id FROM pg_locks l JOIN mz_emu.objects o ON o.pg_oid = l.relation "
            "WHERE l.pid = %s AND l.locktype = 'relation' AND l.mode = 'RowExclusiveLock'", [vpid], fetch=True)
        victim.preempted = Preemption(waited, [r[0] for r in rows])
        await emu.admin_exec("SELECT pg_terminate_backend(%s)", [vpid], fetch=True)


async def recover(session):
    """Called before a preempted session's next statement: a fresh PostgreSQL connection (and
    transaction, when the client is inside BEGIN)."""
    p = session.preempted
    if p is None:
        return
    session.preempted = None
    await session.pg.discard()
    if session.explicit_txn:
        await session.pg.run("BEGIN")
        if p.written_ids and session.txn_wrote:
            session.txn_lost_writes = p.written_ids
        if session.txn_kind == "ddl":
            # its DDL was lost with the backend: the transaction fails like any DDL transaction
            # another session's DDL overtook (40001 at the next statement or COMMIT)
            session.txn_catalog_version = -1


def running_statement_error(session, err):
    """The error of a statement that was running when the session was preempted."""
    from .sqlparse import SqlError

    p = session.preempted
    if p is None:
        return err
    name = p.dropped_name or "a dependency"
    if p.dropped_name:
        name = 'relation "%s"' % p.dropped_name
    return SqlError("XX000", "query could not complete because %s was dropped" % name)


async def lost_writes_error(session):
    """At COMMIT of a write transaction whose writes were lost to a preemption."""
    from .sqlparse import SqlError

    ids = getattr(session, "txn_lost_writes", None)
    if not ids:
        return None
    rows = await session.pg.fetch("SELECT id FROM mz_emu.objects WHERE id = ANY(%s)", [list(ids)])
    alive = {r[0] for r in rows}
    for i in ids:
        if i not in alive:
            return SqlError("XX000", "unknown catalog item '%s'" % i)
    return SqlError("40001", "catalog item '%s' was concurrently modified" % ids[0])
