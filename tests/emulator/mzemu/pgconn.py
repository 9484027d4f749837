"""A session's PostgreSQL connection: run one statement, hand back raw text results."""

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


class PgConn:
    """Wraps psycopg.AsyncConnection in autocommit mode; the session sends BEGIN/COMMIT itself."""

    def __init__(self, dsn, notice_cb):
        self.dsn = dsn
        self.notice_cb = notice_cb
        self.conn = None
        self.busy = False

    async def open(self, role, search_path, user=None):
        self.conn = await psycopg.AsyncConnection.connect(self.dsn, autocommit=True)
        self.conn.add_notice_handler(self._on_notice)
        # One round trip (no parameters: the simple protocol takes several statements): the
        # emulator opens such a connection for every session it serves, and every wait is a
        # turn of its one event loop.
        await self.conn.execute("SET ROLE %s; SELECT pg_catalog.set_config('mzemu.user', %s, false); "
                                "SELECT pg_catalog.set_config('search_path', %s, false)"
                                % (quote_ident(role), quote_literal(user or role),
                                   quote_literal(self._path(search_path))))

    def _on_notice(self, diag):
        self.notice_cb(diag.sqlstate or "00000", diag.message_primary or "", diag.severity or "NOTICE")

    @staticmethod
    def _path(path):
        return ", ".join([quote_ident(p) for p in path] + ["mz_catalog", "pg_catalog"])

    async def set_search_path(self, path):
        await self.conn.execute("SELECT pg_catalog.set_config('search_path', %s, false)", [self._path(path)])

    async def run(self, sql, params=None):
        cur = self.conn.cursor()
        self.busy = True
        try:
            await cur.execute(sql, params, prepare=False)
        except psycopg.Error as e:
            raise pg_error(e) from None
        finally:
            self.busy = False
        return result_from_pg(cur.pgresult)

    async def fetch(self, sql, params=None):
        """Run a query and return python rows (for the emulator's own catalog logic)."""
        cur = self.conn.cursor()
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

    async def copy_in(self, sql, data):
        """Run COPY ... FROM STDIN with the client's data; returns the command tag."""
        cur = self.conn.cursor()
        self.busy = True
        try:
            async with cur.copy(sql) as cp:
                if data:
                    await cp.write(data)
        except psycopg.Error as e:
            raise pg_error(e) from None
        finally:
            self.busy = False
        return (cur.pgresult.command_status or b"COPY").decode() if cur.pgresult else "COPY %d" % cur.rowcount

    def in_transaction(self):
        return self.conn is not None and self.conn.pgconn.transaction_status != pq.TransactionStatus.IDLE

    def in_failed(self):
        return self.conn is not None and self.conn.pgconn.transaction_status == pq.TransactionStatus.INERROR

    def describe(self, sql, param_oids):
        """Blocking prepare+describe of the unnamed statement: (param oids, cols or None)."""
        pgc = self.conn.pgconn
        res = pgc.prepare(b"", sql.encode(), param_oids or None)
        if res.status != pq.ExecStatus.COMMAND_OK:
            raise SqlError(
                (res.error_field(pq.DiagnosticField.SQLSTATE) or b"XX000").decode(),
                (res.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode(),
            )
        d = pgc.describe_prepared(b"")
        params = [d.param_type(i) for i in range(d.nparams)]
        cols = None
        if d.nfields:
            cols = [(d.fname(i).decode(), d.ftype(i), d.fsize(i), d.fmod(i)) for i in range(d.nfields)]
        return params, cols

    def describe_portal(self, name):
        """Blocking describe of a SQL-level cursor (portal) of this connection."""
        d = self.conn.pgconn.describe_portal(name.encode())
        if d.status != pq.ExecStatus.COMMAND_OK:
            raise SqlError(
                (d.error_field(pq.DiagnosticField.SQLSTATE) or b"XX000").decode(),
                (d.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode(),
            )
        if not d.nfields:
            return None
        return [(d.fname(i).decode(), d.ftype(i), d.fsize(i), d.fmod(i)) for i in range(d.nfields)]

    def cancel(self):
        if self.conn is not None:
            try:
                self.conn.cancel()
            except Exception:
                pass

    async def close(self):
        if self.conn is not None:
            try:
                await self.conn.close()
            except Exception:
                pass
            self.conn = None
