"""The pgwire front end: startup, authentication, simple and extended query, cancel."""

import asyncio
import struct
import traceback
import uuid

from . import binfmt, scram, sessionvars, subscribe, wire
from .session import Session
from .sqlparse import SqlError, first_words, split_statements, substitute_params, quote_literal

BATCH = 256

# type oid -> cast name for parameter literals
_CASTS = {16: "bool", 20: "int8", 21: "int2", 23: "int4", 25: "text", 700: "float4", 701: "float8",
          1043: "varchar", 1700: "numeric", 1114: "timestamp", 1184: "timestamptz", 2950: "uuid",
          114: "json", 3802: "jsonb", 1082: "date", 1186: "interval", 19: "name", 26: "oid"}


class ClientGone(Exception):
    pass


class Portal:
    def __init__(self, sql, cols_hint=None, fmts=None):
        self.sql = sql
        self.fmts = fmts or []  # result format codes from Bind
        self.result = None
        self.pos = 0
        self.done = False
        self.cols_hint = cols_hint
        self.count = 0


class Connection:
    def __init__(self, emu, reader, writer):
        self.emu = emu
        self.reader = reader
        self.writer = writer
        self.session = None
        self.stmts = {}
        self.portals = {}
        self.skip_until_sync = False

    # ---- output ------------------------------------------------------------------------
    def send(self, b):
        if self.writer.is_closing():
            raise ClientGone()
        self.writer.write(b)

    async def flush(self):
        if self.writer.is_closing():
            raise ClientGone()
        try:
            await self.writer.drain()
        except (ConnectionError, RuntimeError):
            raise ClientGone() from None

    def client_gone(self):
        return self.writer.is_closing() or self.reader.at_eof()

    def send_notices(self):
        s = self.session
        if s is None:
            return
        for name, value in s.param_changes:
            self.send(wire.parameter_status(name, value))
        s.param_changes.clear()
        for code, message, severity, hint in s.notices:
            self.send(wire.notice_response(code, message, severity=severity, hint=hint))
        s.notices.clear()

    def send_error(self, e):
        self.send_notices()
        self.send(wire.error_response(e.code, e.message, detail=e.detail, hint=e.hint))

    async def slow(self):
        ms = self.emu.knobs.slow_ms
        if ms > 0:
            await asyncio.sleep(ms / 1000.0)

    # ---- startup ---------------------------------------------------------------------------
    async def startup(self):
        while True:
            code, body = await wire.read_startup(self.reader)
            if code in (wire.SSL_REQUEST, wire.GSSENC_REQUEST):
                self.send(b"N")
                await self.flush()
                continue
            if code == wire.CANCEL_REQUEST:
                if len(body) >= 8:
                    pid, secret = struct.unpack("!II", body[:8])
                    self.emu.cancel(pid, secret)
                return None
            if code != wire.PROTO_30:
                self.send(wire.error_response(
                    "08004", "server does not support the client's requested protocol version", severity="FATAL"))
                await self.flush()
                return None
            return wire.parse_startup_params(body)

    async def authenticate(self, params):
        user = params.get("user")
        if not user:
            self.send(wire.error_response("28000", "no username supplied", severity="FATAL"))
            await self.flush()
            return False
        if self.emu.scram_auth:
            try:
                ok = await scram.authenticate(self, await self.emu.scram_verifier_of(user))
            except scram.ScramError as e:
                self.send(wire.error_response("08P01", str(e), severity="FATAL"))
                await self.flush()
                return False
            if not ok:
                self.send(wire.error_response("28P01", "invalid password", severity="FATAL"))
                await self.flush()
                return False
        elif self.emu.password_auth:
            self.send(wire.auth_cleartext())
            await self.flush()
            kind, body = await wire.read_message(self.reader)
            if kind != b"p":
                self.send(wire.error_response("08P01", "expected password message", severity="FATAL"))
                await self.flush()
                return False
            given = body.rstrip(b"\x00").decode("utf-8", "replace")
            if not await self.emu.check_password(user, given):
                self.send(wire.error_response("28P01", "invalid password", severity="FATAL"))
                await self.flush()
                return False
        return True

    async def run(self):
        try:
            params = await self.startup()
            if params is None:
                return
            if not await self.authenticate(params):
                return
            refusal = self.emu.connection_refusal()
            if refusal is not None:
                self.send(wire.error_response("53300", refusal, severity="FATAL"))
                await self.flush()
                return
            user = params["user"]
            self.emu.connecting += 1
            try:
                role_id, pg_role = await self.emu.ensure_role(user)
            finally:
                self.emu.connecting -= 1
            conn_id, secret = self.emu.new_backend_key()
            s = Session(self.emu, conn_id, secret, user, self.writer.get_extra_info("peername"))
            s.role_id = role_id
            s.pg_role = pg_role
            s.uuid = str(uuid.uuid4())
            self.session = s
            self.emu.register(s, self)
            await self.emu.admin_exec(
                "INSERT INTO mz_emu.sessions (id, connection_id, role_id, client_ip) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (id) DO NOTHING",
                [s.uuid, conn_id, role_id, str((s.peer or ("",))[0])])
            await s.apply_startup(params)
            startup_notices = list(s.notices)
            s.notices.clear()
            self.send(wire.auth_ok())
            for name in sessionvars.REPORTED:
                v = s.vars.get(name)
                self.send(wire.parameter_status(name, "" if v is None else v))
            self.send(wire.backend_key_data(conn_id, secret))
            for code, message, severity, hint in startup_notices:
                self.send(wire.notice_response(code, message, severity=severity, hint=hint))
            if s.vars.get("welcome_message") != "off":
                self.send(wire.notice_response("00000", self.welcome(s)))
            self.send(wire.ready_for_query("I"))
            await self.flush()
            await self.loop()
        except (asyncio.IncompleteReadError, ConnectionError, ClientGone, wire.ProtocolError):
            pass
        finally:
            self.drop_portals()
            if self.session is not None:
                self.emu.unregister(self.session)
                await self.session.close()
                try:
                    await self.emu.admin_exec("DELETE FROM mz_emu.sessions WHERE id = %s", [self.session.uuid])
                except Exception:
                    pass
            try:
                self.writer.close()
            except Exception:
                pass

    def welcome(self, s):
        return (
            "connected to Materialize %s\n  Org ID: 00000000-0000-0000-0000-000000000000\n"
            "  Region: local/emulator\n  User: %s\n  Cluster: %s\n  Database: %s\n  Schema: %s\n"
            "  Session UUID: %s\n\nIssue a SQL query to get started. Need help?\n"
            "  View documentation: https://materialize.com/s/docs\n"
            "  Join our Slack community: https://materialize.com/s/chat"
            % (self.emu.mz_version.split(" ")[0], s.user, s.vars["cluster"], s.vars["database"],
               s.vars["search_path"], s.uuid)
        )

    # ---- main loop -----------------------------------------------------------------------
    def idle_timeout(self):
        s = self.session
        if not s.explicit_txn:
            return None
        v = str(s.vars.get("idle_in_transaction_session_timeout") or "0").strip()
        try:
            secs = float(v) / 1000.0  # bare numbers are milliseconds, as in PostgreSQL
        except ValueError:
            try:
                secs = subscribe._interval_s(v.replace(" ", ""))
            except SqlError:
                return None
        return secs if secs > 0 else None

    async def loop(self):
        while True:
            timeout = self.idle_timeout()
            if timeout is None:
                kind, body = await wire.read_message(self.reader)
            else:
                try:
                    kind, body = await asyncio.wait_for(wire.read_message(self.reader), timeout)
                except asyncio.TimeoutError:
                    self.send(wire.error_response(
                        "25P03", "terminating connection due to idle-in-transaction timeout", severity="FATAL"))
                    await self.flush()
                    return
            if kind == b"X":
                return
            if self.skip_until_sync and kind != b"S":
                continue
            if kind == b"Q":
                await self.simple_query(body.rstrip(b"\x00").decode("utf-8", "replace"))
            elif kind == b"P":
                await self.guard(self.on_parse, body)
            elif kind == b"B":
                await self.guard(self.on_bind, body)
            elif kind == b"D":
                await self.guard(self.on_describe, body)
            elif kind == b"E":
                await self.guard(self.on_execute, body)
            elif kind == b"C":
                await self.guard(self.on_close, body)
            elif kind == b"S":
                self.skip_until_sync = False
                if not self.session.in_txn():
                    self.drop_portals()  # portals end with the (implicit) transaction, as in PostgreSQL
                self.send_notices()
                self.send(wire.ready_for_query(self.session.txn_status()))
                await self.flush()
            elif kind == b"H":
                await self.flush()
            elif kind in (b"d", b"c", b"f"):
                continue
            else:
                self.send(wire.error_response("08P01", "unsupported frontend message %r" % kind))
                await self.flush()

    async def run_statement(self, sql):
        """Run one statement as a cancellable task."""
        s = self.session
        s.cancel_requested = False
        self.emu.counters["queries"] += 1
        task = asyncio.ensure_future(s.execute(sql))
        s.running = task
        try:
            return await task
        except asyncio.CancelledError:
            if s.cancel_requested and not self.client_gone():
                raise SqlError("57014", "canceling statement due to user request") from None
            raise ClientGone() from None
        except (SqlError, ClientGone):
            raise
        except Exception as e:  # a bug in the emulator: report it, keep the connection
            traceback.print_exc()
            raise SqlError("XX000", "internal error in emulator: %s: %s" % (type(e).__name__, e)) from None
        finally:
            s.running = None

    async def simple_query(self, sql):
        s = self.session
        stmts = split_statements(sql)
        if not stmts:
            self.send(wire.empty_query())
            self.send(wire.ready_for_query(s.txn_status()))
            await self.flush()
            return
        ok = True
        try:
            if len(stmts) > 1 and not s.in_txn() and first_words(stmts[0], 1) not in (["BEGIN"], ["START"]):
                await s.begin_implicit()
            for st in stmts:
                res = await self.run_statement(st)
                await self.slow()
                await self.send_result(res, None, describe=True)
                await self.flush()
        except SqlError as e:
            ok = False
            self.send_error(e)
            if s.implicit_txn:
                try:
                    await s.end_implicit(False)
                except SqlError:
                    pass
            else:
                await s.fail_txn()
        try:
            if ok and s.implicit_txn:
                await s.end_implicit(True)
        except SqlError as e:
            self.send_error(e)
        self.send_notices()
        self.send(wire.ready_for_query(s.txn_status()))
        await self.flush()

    async def send_result(self, res, max_rows, describe, portal=None):
        """Send a statement's rows and completion. Returns True when the portal is suspended."""
        if res.stream is not None:
            return await self.send_stream(res, max_rows, describe, portal)
        if res.copy_in is not None:
            await self.receive_copy_in(res)
        self.send_notices()
        if res.cols is not None:
            if describe:
                self.send(wire.row_description(res.cols))
            start = portal.pos if portal else 0
            rows = res.rows
            end = len(rows) if not max_rows else min(len(rows), start + max_rows)
            dr = wire.data_row
            if portal is not None and any(portal.fmts):
                for r in binfmt.encode_rows(res.cols, rows[start:end], portal.fmts):
                    self.send(dr(r))
            else:
                for i in range(start, end):
                    self.send(dr(rows[i]))
            if portal is not None:
                portal.pos = end
                if end < len(rows):
                    self.send(wire.portal_suspended())
                    return True
        if res.tag == "" and res.cols is None:
            self.send(wire.empty_query())
        else:
            self.send(wire.command_complete(res.tag))
        self.send_notices()
        return False

    async def receive_copy_in(self, res):
        """COPY ... FROM STDIN: collect CopyData until CopyDone, then load it through PostgreSQL."""
        sql, ncols = res.copy_in
        self.send(struct.pack("!cIbH", b"G", 4 + 1 + 2 + 2 * ncols, 0, ncols) + b"\x00\x00" * ncols)
        await self.flush()
        chunks = []
        while True:
            kind, body = await wire.read_message(self.reader)
            if kind == b"d":
                chunks.append(body)
            elif kind == b"c":
                break
            elif kind == b"f":
                raise SqlError("57014", "COPY from stdin failed: %s" % body.rstrip(b"\x00").decode("utf-8", "replace"))
            elif kind in (b"H", b"S"):
                continue
            else:
                raise SqlError("08P01", "unexpected message type 0x%02x during COPY from stdin" % kind[0])
        res.tag = await self.session.finish_copy_in(sql, b"".join(chunks))
        res.copy_in = None

    async def send_stream(self, res, max_rows, describe, portal):
        """Deliver a SUBSCRIBE stream (plain, or COPY TO STDOUT)."""
        sub = res.stream
        if portal is None or portal.count == 0 and not getattr(portal, "started", False):
            if res.copy:
                self.send(wire.copy_out_response(len(res.cols)))
            elif describe:
                self.send(wire.row_description(res.cols))
            if portal is not None:
                portal.started = True
        self.send_notices()
        sent = 0
        try:
            while True:
                limit = None if not max_rows else max_rows - sent
                rows = await sub.next_batch(limit, self.client_gone)
                if rows is None:
                    break
                if portal is not None and any(portal.fmts) and not res.copy:
                    rows = binfmt.encode_rows(res.cols, rows, portal.fmts)
                # One write per batch: a write (and a send) per row would cost the emulator
                # more than everything else it does for a subscription.
                if isinstance(rows, subscribe.Batch):
                    self.send(rows.wire_bytes(res.copy))  # encoded once for all subscribers
                else:
                    self.send(wire.stream_bytes(rows, res.copy))
                sent += len(rows)
                if portal is not None:
                    portal.count += len(rows)
                await self.flush()
                if max_rows and sent >= max_rows:
                    # Execute(max_rows) blocks until max_rows rows have been sent (fact sheet
                    # §4), then suspends; fewer rows mean the stream ended (CommandComplete).
                    self.send(wire.portal_suspended())
                    return True
        except SqlError:
            sub.close()
            raise
        sub.close()
        total = portal.count if portal is not None else sub.emitted
        if res.copy:
            self.send(wire.copy_done())
            self.send(wire.command_complete("COPY %d" % total))
        else:
            self.send(wire.command_complete("SELECT %d" % total))
        return False

    # ---- extended protocol -------------------------------------------------------------------
    async def guard(self, fn, body):
        try:
            await fn(wire.Buf(body))
        except SqlError as e:
            self.send_error(e)
            self.skip_until_sync = True
            s = self.session
            if s.implicit_txn:
                await s.end_implicit(False)
            else:
                await s.fail_txn()
            await self.flush()

    def drop_portals(self):
        for p in self.portals.values():
            if p.result is not None and p.result.stream is not None:
                p.result.stream.close()
        self.portals.clear()

    async def on_parse(self, b):
        name = b.cstr()
        sql = b.cstr()
        n = b.i16()
        oids = [b.u32() for _ in range(n)]
        stmts = split_statements(sql)
        if len(stmts) > 1:
            raise SqlError("42601", "cannot insert multiple commands into a prepared statement")
        self.stmts[name] = (stmts[0] if stmts else "", oids)
        self.send(wire.parse_complete())

    async def on_bind(self, b):
        portal = b.cstr()
        stmt = b.cstr()
        if stmt not in self.stmts:
            raise SqlError("26000", 'prepared statement "%s" does not exist' % stmt)
        sql, oids = self.stmts[stmt]
        nf = b.i16()
        fmts = [b.i16() for _ in range(nf)]
        npar = b.i16()
        values = []
        for i in range(npar):
            ln = b.i32()
            raw = None if ln < 0 else b.take(ln)
            fmt = fmts[i] if len(fmts) > 1 else (fmts[0] if fmts else 0)
            oid = oids[i] if i < len(oids) else 0
            values.append(_literal(raw, fmt, oid))
        nr = b.i16()
        rfmts = [b.i16() for _ in range(nr)]
        old = self.portals.pop(portal, None)
        if old is not None and old.result is not None and old.result.stream is not None:
            old.result.stream.close()
        self.portals[portal] = Portal(substitute_params(sql, values) if values else sql, fmts=rfmts)
        self.send(wire.bind_complete())

    async def ensure_result(self, p):
        if p.result is None:
            p.result = await self.run_statement(p.sql)
        return p.result

    async def on_describe(self, b):
        what = b.byte()
        name = b.cstr()
        s = self.session
        if what == b"S":
            if name not in self.stmts:
                raise SqlError("26000", 'prepared statement "%s" does not exist' % name)
            sql, oids = self.stmts[name]
            params, cols = await self.describe_statement(sql, oids)
            self.send(wire.parameter_description(params))
            self.send(wire.row_description(cols) if cols else wire.no_data())
            return
        if name not in self.portals:
            # a SQL-level cursor (DECLARE): ours for SUBSCRIBE, PostgreSQL's otherwise
            if name in s.cursors:
                self.send(wire.row_description(s.cursors[name].cols))
                return
            await s.ensure_pg()
            cols = await s.pg.describe_portal(name)
            self.send(wire.row_description(cols) if cols else wire.no_data())
            return
        p = self.portals[name]
        if p.result is None and first_words(p.sql, 1) == ["FETCH"]:
            # Materialize describes a portal from its plan, without running it: a FETCH of a
            # SUBSCRIBE cursor gets its RowDescription at once, and waits for rows only at
            # Execute (so a cancel can never come before the RowDescription).
            cols = subscribe.fetch_cols(s, p.sql)
            if cols is not None:
                self.send(wire.row_description(cols, binfmt.col_formats(cols, p.fmts)))
                p.described = True
                return
        res = await self.ensure_result(p)
        self.send_notices()
        if res.cols is not None and not res.copy:
            self.send(wire.row_description(res.cols, binfmt.col_formats(res.cols, p.fmts)))
        else:
            self.send(wire.no_data())
        p.described = True

    async def describe_statement(self, sql, oids):
        s = self.session
        await s.ensure_pg()
        words = first_words(sql, 2)
        nparams = max(len(oids), _max_param(sql))
        if not words:
            return [], None
        if words[0] in ("SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "EXPLAIN"):
            return await s.pg.describe(s._user_keywords(sql), oids)
        if words[0] == "SUBSCRIBE":
            cols = await subscribe.describe(s, sql)
            return [0] * nparams, cols
        if words[0] == "SHOW":
            res = await s.execute(sql)
            return [0] * nparams, res.cols
        if words[0] == "FETCH":
            cols = subscribe.fetch_cols(s, sql)
            return [0] * nparams, cols
        return [25] * nparams, None

    async def on_execute(self, b):
        name = b.cstr()
        max_rows = b.i32()
        if name not in self.portals:
            raise SqlError("34000", 'portal "%s" does not exist' % name)
        p = self.portals[name]
        res = await self.ensure_result(p)
        await self.slow()
        await self.send_result(res, max_rows if max_rows > 0 else None, describe=False, portal=p)

    async def on_close(self, b):
        what = b.byte()
        name = b.cstr()
        if what == b"S":
            self.stmts.pop(name, None)
        else:
            p = self.portals.pop(name, None)
            if p is not None and p.result is not None and p.result.stream is not None:
                p.result.stream.close()
        self.send(wire.close_complete())


def _max_param(sql):
    from .sqlparse import max_param

    return max_param(sql)


def _literal(raw, fmt, oid):
    if raw is None:
        return "NULL"
    if fmt == 1:
        v = binfmt.param_text(oid, raw)
    else:
        v = raw.decode("utf-8", "replace")
    if oid in (20, 21, 23, 26, 700, 701, 1700):
        try:
            float(v)
            return "(%s)" % v if v.startswith("-") else v
        except ValueError:
            pass
    if oid == 16:
        return "true" if v.lower() in ("t", "true", "1", "on", "yes") else "false"
    lit = quote_literal(v)
    if oid in (25, 1043, 0, 705):
        return lit
    cast = _CASTS.get(oid)
    return "%s::%s" % (lit, cast) if cast else lit
