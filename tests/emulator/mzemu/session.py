"""One client session: session variables, transaction bookkeeping and statement dispatch."""


from . import ddl, errors, formats, locks, sessionvars, subscribe, txrules
from .pgconn import PgConn, Result
from .sqlparse import Parser, SqlError, first_words, quote_literal, tokenize, WORD, QIDENT, PUNCT

TEXT = 25

DDL_MIX = txrules.DDL_MIX
SUB_MIX = txrules.SUB_MIX
CONCURRENT_DDL = "another session modified the catalog while this DDL transaction was open"
CONCURRENT_HINT = ("Currently, DDL transactions fail when any other DDL happens concurrently, "
                   "even on unrelated schemas/clusters.")

SYSTEM_RELATION_SCHEMAS = ("mz_catalog", "mz_internal", "pg_catalog", "information_schema", "mz_introspection")

READ_WORDS = ("SELECT", "WITH", "TABLE", "VALUES", "EXPLAIN")
WRITE_WORDS = ("INSERT", "UPDATE", "DELETE", "COPY", "TRUNCATE", "MERGE")
NEUTRAL_WORDS = ("VACUUM", "ANALYZE", "CHECKPOINT", "LISTEN", "NOTIFY", "UNLISTEN", "LOCK", "SAVEPOINT",
                 "RELEASE", "DISCARD", "PREPARE", "EXECUTE", "DEALLOCATE")
NONTXN_WORDS = ("SHOW", "SET", "RESET", "FETCH", "CLOSE", "DISCARD", "PREPARE", "EXECUTE", "DEALLOCATE")


class Session:
    def __init__(self, emu, conn_id, secret, user, peer):
        self.emu = emu
        self.conn_id = conn_id
        self.secret = secret
        self.user = user
        self.peer = peer
        self.role_id = None
        self.pg_role = user
        self.vars = dict(sessionvars.DEFAULTS)
        self.vars["mz_version"] = emu.mz_version
        self.pg = PgConn(emu.pool, self)
        self.notices = []  # queued (code, message, severity, hint)
        self.param_changes = []  # queued ParameterStatus (name, value)
        self.explicit_txn = False
        self.implicit_txn = False
        self.txn_kind = None  # read | write | ddl | subscribe
        self.txn_catalog_version = None
        self.txn_failed = False
        self.txn_pending_vars = None
        self.txn_wrote = False
        self.txn_has_swap = False
        self.txn_cluster_id = None  # cluster of the transaction's first read
        self.txn_single_done = False  # a single-statement DDL ran: nothing else may follow
        self.txn_saved_vars = {}  # variable -> value before the transaction SET it
        self.txn_local_vars = set()  # variables SET LOCAL (restored at COMMIT too)
        self.cursors = {}  # name -> subscribe.Cursor
        self.running = None  # asyncio task of the running statement
        self.active_stream = None  # plain/COPY SUBSCRIBE being streamed
        self.cancel_requested = False
        self.uuid = None
        self.preempted = None  # locks.Preemption: another session's DDL ended our PG backend
        self.txn_lost_writes = None  # ids whose buffered writes a preemption lost

    # ---- notices -------------------------------------------------------------------
    def _pg_notice(self, code, message, severity):
        self.notices.append((code, message, severity, None))

    def notice(self, code, message, hint=None, severity="NOTICE"):
        self.notices.append((code, message, severity, hint))

    # ---- PostgreSQL connection -------------------------------------------------------
    async def ensure_pg(self):
        """Connections come from the pool per statement (pgconn.PgConn); only a preempted
        session has something to do first."""
        if self.preempted is not None:
            await locks.recover(self)  # another session's DDL ended our backend (locks.py)

    async def close(self):
        if self.active_stream is not None:
            self.active_stream.close()
        for c in list(self.cursors.values()):
            c.close()
        self.cursors.clear()
        await self.pg.close()

    # ---- variables ------------------------------------------------------------------
    def get_var(self, name):
        return self.vars.get(sessionvars.canon(name))

    async def set_var(self, name, value, from_startup=False, local=False):
        key = sessionvars.canon(name)
        if value is not None and key in ("transaction_isolation", "default_transaction_isolation"):
            value = txrules.isolation_notice(self, value)
        if value is None:
            value = sessionvars.DEFAULTS.get(key)
            if key == "mz_version":
                value = self.emu.mz_version
        else:
            value = sessionvars.validate(key, value)
            if key == "cluster" and not from_startup and self.in_txn() and self.txn_kind is not None:
                raise SqlError("25001", "SET cluster cannot be called in an active transaction")
        old = self.vars.get(key)
        if not from_startup:
            txrules.remember_var(self, key, old, local)
        self.vars[key] = value  # search_path reaches PostgreSQL at the next checkout (pgconn)
        if key == "cluster" and not from_startup:
            await self.ensure_pg()
            rows = await self.pg.fetch("SELECT 1 FROM mz_emu.clusters WHERE name = %s", [value])
            if not rows:
                self.notice("MZ007", 'cluster "%s" does not exist' % value,
                            hint="Create the cluster with CREATE CLUSTER or pick an extant cluster with "
                                 "SET CLUSTER = name. List available clusters with SHOW CLUSTERS.")
        if key == "database" and not from_startup and value != "materialize":
            self.notice("01000", 'database "%s" does not exist' % value,
                        hint="Create the database with CREATE DATABASE or pick an extant database with SHOW DATABASES;")
        if key in sessionvars.REPORTED and old != value:
            self.param_changes.append((key, value if value is not None else ""))

    async def apply_startup(self, params):
        for k, v in params.items():
            if k in ("user", "options", "replication"):
                continue
            try:
                await self.set_var(k, v, from_startup=True)
            except SqlError as e:
                self.notice("00000", "startup setting %s not set: %s" % (k, e.message))
        if "options" in params:
            pairs, ok = sessionvars.parse_options(params["options"])
            if not ok:  # one bad word: nothing from options is applied
                self.notice("00000", "startup setting options not set: could not parse")
            for k, v in pairs:
                try:
                    await self.set_var(k, v, from_startup=True)
                except SqlError as e:
                    self.notice("00000", "startup setting %s not set: %s" % (k, e.message))
        self.param_changes.clear()

    # ---- transactions ------------------------------------------------------------------
    def in_txn(self):
        return self.explicit_txn or self.implicit_txn

    def txn_status(self):
        if self.explicit_txn:
            return "E" if self.txn_failed else "T"
        return "I"

    def _reset_txn(self):
        self.explicit_txn = False
        self.implicit_txn = False
        self.txn_kind = None
        self.txn_catalog_version = None
        self.txn_failed = False
        self.txn_wrote = False
        self.txn_has_swap = False
        self.txn_cluster_id = None
        self.txn_single_done = False
        self.txn_lost_writes = None
        for c in list(self.cursors.values()):
            c.close()
        self.cursors.clear()

    def check_kind(self, kind, sql=None):
        """Enforce Materialize's transaction rules (txrules); kind None means neutral."""
        txrules.check(self, kind, sql)

    def check_fail_swap(self):
        """The fail_next_swap knob: the next SWAP-containing commit fails like a concurrent DDL."""
        if self.txn_has_swap and self.emu.knobs.fail_next_swap:
            self.emu.knobs.fail_next_swap = False
            self.emu.counters["failed_swaps"] += 1
            raise SqlError("40001", CONCURRENT_DDL, hint=CONCURRENT_HINT)

    def check_concurrent_ddl(self):
        if self.txn_kind == "ddl" and self.txn_catalog_version is not None:
            if self.emu.catalog_version != self.txn_catalog_version:
                raise SqlError("40001", CONCURRENT_DDL, hint=CONCURRENT_HINT)

    async def begin_implicit(self):
        await self.ensure_pg()
        await self.pg.run("BEGIN")
        self.implicit_txn = True

    async def end_implicit(self, ok):
        if not self.implicit_txn:
            return
        kind = self.txn_kind
        wrote = self.txn_wrote
        committed = False
        try:
            if ok and not self.txn_failed:
                if kind == "ddl":
                    try:
                        self.check_concurrent_ddl()
                        self.check_fail_swap()
                    except SqlError:
                        await self.pg.run("ROLLBACK")
                        raise
                await self.pg.run("COMMIT")
                committed = True
                self._committed(kind, wrote)
            else:
                await self.pg.run("ROLLBACK")
        finally:
            await self._restore_vars(committed)
            self._reset_txn()

    def _end_vars(self, committed):
        self.param_changes.extend(txrules.end_vars(self, committed, sessionvars.REPORTED))

    def _committed(self, kind, wrote):
        if kind == "ddl":
            self.emu.catalog_changed()
        if wrote or kind == "ddl":
            self.emu.timeline.note_write()

    # ---- statement execution -----------------------------------------------------------
    async def execute(self, sql):
        """Execute one statement; returns a Result. Raises SqlError."""
        if self.preempted is not None:
            await locks.recover(self)
        try:
            return await self._execute(sql)
        except SqlError as e:
            if self.preempted is not None:
                raise locks.running_statement_error(self, e) from None
            raise await errors.refine(self, e) from None

    async def _execute(self, sql):
        words = first_words(sql, 4)
        if not words:
            return Result(tag="")
        w0 = words[0]
        if self.explicit_txn and self.txn_failed and w0 not in ("ROLLBACK", "ABORT", "COMMIT", "END"):
            if not (w0 == "ROLLBACK"):
                raise SqlError("25P02", "current transaction is aborted, commands ignored until end of transaction block")
        refused = errors.unmodelled(words, sql)
        if refused is not None:
            raise refused
        if w0 in ("BEGIN", "START"):
            return await self._begin()
        if w0 in ("COMMIT", "END"):
            return await self._commit()
        if w0 in ("ROLLBACK", "ABORT"):
            return await self._rollback()
        await self.ensure_pg()
        if self.in_txn():
            self.check_concurrent_ddl()
            txrules.refuse_in_block(self, words, sql)
        handler = ddl.dispatch(words)
        if handler is not None:
            return await self._run_ddl(handler, sql)
        if w0 in ("SET", "RESET", "SHOW"):
            return await self._setshow(sql, w0)
        if w0 == "SUBSCRIBE":
            self.check_kind("subscribe")
            return await subscribe.start_plain(self, sql)
        if w0 == "DECLARE":
            return await subscribe.declare(self, sql)
        if w0 == "FETCH":
            return await subscribe.fetch(self, sql)
        if w0 == "CLOSE":
            return await subscribe.close_cursor(self, sql)
        if w0 == "COPY" and len(words) == 1:
            toks = tokenize(sql)
            if len(toks) > 2 and toks[1].kind == PUNCT and toks[1].val == "(" and toks[2].is_kw("SUBSCRIBE"):
                self.check_kind("subscribe")
                return await subscribe.start_copy(self, sql)
        if w0 == "SELECT" and ("pg_cancel_backend" in sql or "pg_terminate_backend" in sql):
            return self._backend_fn(sql)
        if w0 in READ_WORDS:
            self.check_kind("read")
            await self.check_cluster_for(sql)
            if "mz_now" in sql.lower():
                sql = await subscribe.rewrite_mz_now(self, sql)
            if formats.mentions_current_schema(sql):
                sql = await formats.rewrite_current_schema(
                    self, sql, sessionvars.search_path_list(self.vars["search_path"]))
            if w0 == "SELECT" and " of" in sql.lower():
                parts = subscribe.split_as_of(sql)
                if parts is not None:
                    return await subscribe.select_as_of(self, sql, parts)
            return await self.forward(sql, write=w0 == "WITH" and _with_writes(sql))
        if w0 in WRITE_WORDS:
            self.check_kind("write")
            if w0 == "COPY" and _is_copy_from_stdin(sql):
                return await self._copy_in_result(sql)
            return await self.forward(sql, write=True)
        if w0 == "DISCARD":
            return await self._discard(sql)
        if w0 in NEUTRAL_WORDS:
            return await self.forward(sql)
        # anything else: forward as DDL-ish
        self.check_kind("ddl", sql)
        return await self.forward(sql, write=True, ddl=True)

    async def _discard(self, sql):
        """DISCARD ALL also resets PostgreSQL's role and search_path: restore ours."""
        if self.in_txn():
            raise SqlError("25001", "DISCARD ALL cannot run inside a transaction block")
        res = await self.pg.run(sql)
        if first_words(sql, 2)[1:] == ["ALL"]:
            for c in list(self.cursors.values()):
                c.close()
            self.cursors.clear()
            for k in list(self.vars):
                if k not in sessionvars.READ_ONLY:
                    await self.set_var(k, None)
            self.pg.after_discard_all()  # role and search_path are applied again at checkout
        return res

    def _backend_fn(self, sql):
        """pg_cancel_backend(<connection id>) cancels an emulator session; pg_terminate_backend
        does not exist in Materialize."""
        import re

        if "pg_terminate_backend" in sql:
            raise SqlError("42883", "function pg_terminate_backend(integer) does not exist")
        m = re.fullmatch(r"\s*SELECT\s+(?:pg_catalog\.)?pg_cancel_backend\s*\(\s*\(?\s*(\d+)\s*\)?\s*(?:::\s*\w+)?\s*\)\s*",
                         sql, re.IGNORECASE)
        if not m:
            raise SqlError("0A000", "pg_cancel_backend is only supported as SELECT pg_cancel_backend(<id>)")
        ok = self.emu.cancel_by_id(int(m.group(1)))
        return Result([("pg_cancel_backend", 16)], [(b"t" if ok else b"f",)], "SELECT 1")

    async def _copy_in_result(self, sql):
        p = Parser(sql)
        p.expect_kw("COPY")
        parts = p.qualified()
        cols = None
        if p.is_punct("("):
            cols = [c for c in p.skip_parens().split(",") if c.strip()]
        if cols is None:
            from .ddl import qname, schema_parts_of

            rows = await self.pg.fetch("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(%s) "
                                       "AND attnum > 0 AND NOT attisdropped", [qname(schema_parts_of(parts))])
            n = rows[0][0] if rows else 0
        else:
            n = len(cols)
        return Result(tag="COPY", copy_in=(sql, n))

    async def finish_copy_in(self, sql, data):
        tag = await self.pg.copy_in(sql, data)
        if self.in_txn():
            self.txn_wrote = True
        else:
            self.emu.timeline.note_write()
        return tag

    def _user_keywords(self, sql):
        """When running under a private PostgreSQL role, current_user & co. name the user."""
        if self.pg_role == self.user:
            return sql
        toks = tokenize(sql)
        out, last = [], 0
        for t in toks:
            if t.is_kw("CURRENT_USER", "CURRENT_ROLE", "SESSION_USER"):
                out.append(sql[last:t.start])
                out.append("%s::name" % quote_literal(self.user))
                last = t.end
        out.append(sql[last:])
        return "".join(out)

    async def forward(self, sql, write=False, ddl=False, sync=False):
        sql = self._user_keywords(sql)
        self.pg.note_client_sql(sql)  # session state on PostgreSQL pins the connection
        if ddl:
            res = await locks.run_without_lock_waits(self, self.pg.run(sql))
        else:
            res = await self.pg.run(sql)
        if sync:
            await ddl_sync(self)
        if self.in_txn():
            if write:
                self.txn_wrote = True
        else:
            if ddl:
                self.emu.catalog_changed()
            if write or ddl:
                self.emu.timeline.note_write()
        return res

    async def _run_ddl(self, handler, sql):
        kind = getattr(handler, "kind", "ddl")
        self.check_kind(kind, sql)
        if kind == "ddl" and not self.in_txn():
            # Run catalog work atomically in its own PostgreSQL transaction.
            await self.pg.run("BEGIN")
            try:
                res = await locks.run_without_lock_waits(self, handler(self, sql))
                self.check_fail_swap()
                self.txn_has_swap = False
                await self.pg.run("COMMIT")
            except BaseException:
                self.txn_has_swap = False
                if self.pg.in_transaction():
                    await self.pg.run("ROLLBACK")
                raise
            self.emu.catalog_changed()
            self.emu.timeline.note_write()
            await ddl.after_commit(self, handler)
            return res
        res = await locks.run_without_lock_waits(self, handler(self, sql))
        if kind == "ddl":
            self.txn_wrote = True
        return res

    async def _begin(self):
        if self.explicit_txn:
            self.notice("25001", "there is already a transaction in progress", severity="WARNING")
            return Result(tag="BEGIN")
        await self.ensure_pg()
        if not self.implicit_txn:
            await self.pg.run("BEGIN")
        self.implicit_txn = False
        self.explicit_txn = True
        return Result(tag="BEGIN")

    async def _commit(self):
        if not self.in_txn():
            self.notice("25P01", "there is no transaction in progress", severity="WARNING")
            return Result(tag="COMMIT")
        kind, wrote, failed = self.txn_kind, self.txn_wrote, self.txn_failed
        committed = False
        try:
            if failed:
                await self.pg.run("ROLLBACK")
                return Result(tag="ROLLBACK")
            lost = await locks.lost_writes_error(self)
            if lost is not None:
                await self.pg.run("ROLLBACK")
                raise lost
            if kind == "ddl":
                try:
                    self.check_concurrent_ddl()
                    self.check_fail_swap()
                except SqlError:
                    await self.pg.run("ROLLBACK")
                    raise
            await self.pg.run("COMMIT")
            committed = True
            self._committed(kind, wrote)
            if kind == "ddl":
                await ddl.after_commit(self, None)
            return Result(tag="COMMIT")
        finally:
            await self._restore_vars(committed)
            self._reset_txn()

    async def _rollback(self):
        if not self.in_txn():
            self.notice("25P01", "there is no transaction in progress", severity="WARNING")
            return Result(tag="ROLLBACK")
        try:
            if self.pg.in_transaction():
                await self.pg.run("ROLLBACK")
        finally:
            await self._restore_vars(False)
            self._reset_txn()
        ddl.discard_pending(self)
        return Result(tag="ROLLBACK")

    async def _restore_vars(self, committed):
        self._end_vars(committed)  # a restored search_path is applied at the next checkout

    async def fail_txn(self):
        """A statement failed: explicit transactions become failed; implicit ones roll back."""
        if self.explicit_txn:
            self.txn_failed = True
            if self.pg.conn is not None and self.pg.in_transaction() and not self.pg.in_failed():
                # keep PostgreSQL in step: force the failed state
                try:
                    await self.pg.run("SELECT 1/0")
                except SqlError:
                    pass

    # ---- SET / SHOW ---------------------------------------------------------------------
    async def _setshow(self, sql, w0):
        p = Parser(sql)
        p.next()
        if w0 == "SHOW":
            return await ddl.show(self, p)
        if w0 == "RESET":
            if p.accept_kw("ALL"):
                for k in list(self.vars):
                    if k not in sessionvars.READ_ONLY:
                        await self.set_var(k, None)
                return Result(tag="RESET")
            name = p.ident()
            await self.set_var(name, None)
            return Result(tag="RESET")
        local = p.accept_kw("SESSION", "LOCAL") == "LOCAL"
        if p.accept_kw("CHARACTERISTICS"):  # SET SESSION CHARACTERISTICS AS TRANSACTION ...
            p.expect_kw("AS")
        if p.accept_kw("TRANSACTION"):
            return await self._set_transaction(p)
        if p.is_kw("SESSION"):
            return Result(tag="SET")
        if p.is_kw("TIME") and p.is_kw("ZONE", k=1):
            p.next(), p.next()
            name = "TimeZone"
        else:
            name = p.ident()
            if p.is_kw("TO"):
                p.next()
            else:
                p.expect_punct("=")
        if p.accept_kw("DEFAULT"):
            await self.set_var(name, None)
            return Result(tag="SET")
        if sessionvars.canon(name) == "search_path":
            await self.set_var(name, formats.search_path_value(p.toks[p.i:]))
            return Result(tag="SET")
        vals = []
        while not p.at_end():
            t = p.next()
            if t.kind == PUNCT and t.val == ",":
                continue
            if t.kind in (WORD, QIDENT):
                vals.append(t.val if t.kind == QIDENT else t.val)
            else:
                vals.append(t.val)
        value = ", ".join(vals)
        await self.set_var(name, value, local=local)
        return Result(tag="SET")

    async def _set_transaction(self, p):
        """SET TRANSACTION ISOLATION LEVEL <level> [, READ ONLY | READ WRITE ...]: a PostgreSQL
        level is accepted with a NOTICE (txrules.isolation_notice)."""
        while not p.at_end():
            if p.accept_kw("ISOLATION"):
                p.expect_kw("LEVEL")
                words = []
                while not p.at_end() and not p.is_punct(","):
                    words.append(p.next().val)
                txrules.isolation_notice(self, " ".join(words))
            else:
                p.next()
        return Result(tag="SET")

    # ---- cluster checks --------------------------------------------------------------------
    async def current_cluster(self):
        """(id, replica count) of the session's cluster, or raise unknown cluster."""
        name = self.vars["cluster"]
        rows = await self.pg.fetch(
            "SELECT c.id, (SELECT count(*) FROM mz_emu.replicas r WHERE r.cluster_id = c.id) "
            "FROM mz_emu.clusters c WHERE c.name = %s", [name])
        if not rows:
            raise errors.unknown_cluster(name)
        return rows[0][0], rows[0][1]

    async def require_cluster(self):
        cid, n = await self.current_cluster()
        if n == 0:
            raise SqlError("0A000", 'CLUSTER "%s" has no replicas available to service request' % self.vars["cluster"])
        return cid

    async def check_cluster_for(self, sql):
        if not needs_cluster(sql):
            return
        if self.in_txn() and self.txn_cluster_id is not None:
            rows = await self.pg.fetch("SELECT 1 FROM mz_emu.clusters WHERE id = %s", [self.txn_cluster_id])
            if not rows:
                raise SqlError("25000", "the transaction's active cluster has been dropped")
            return
        cid = await self.require_cluster()
        if self.in_txn():
            self.txn_cluster_id = cid


def _is_copy_from_stdin(sql):
    toks = tokenize(sql)
    for i in range(len(toks) - 1):
        if toks[i].is_kw("FROM") and toks[i + 1].is_kw("STDIN"):
            return True
    return False


def _with_writes(sql):
    return any(t.is_kw("INSERT", "UPDATE", "DELETE") for t in tokenize(sql))


def needs_cluster(sql):
    """Whether a read needs compute: it names a relation outside the system schemas."""
    toks = tokenize(sql)
    ctes = set()
    for i in range(len(toks) - 2):
        if toks[i].kind in (WORD, QIDENT) and toks[i + 1].is_kw("AS") and toks[i + 2].kind == PUNCT and toks[i + 2].val == "(":
            ctes.add(toks[i].ident)
    for i, t in enumerate(toks):
        if t.is_kw("FROM", "JOIN") and i + 1 < len(toks):
            n = toks[i + 1]
            if n.kind not in (WORD, QIDENT):
                continue
            if n.kind == WORD and n.val.upper() in ("LATERAL", "ONLY", "UNNEST", "GENERATE_SERIES"):
                continue
            name = n.ident
            if i + 3 < len(toks) and toks[i + 2].kind == PUNCT and toks[i + 2].val == ".":
                if name in SYSTEM_RELATION_SCHEMAS:
                    continue
                return True
            if i + 2 < len(toks) and toks[i + 2].kind == PUNCT and toks[i + 2].val == "(":
                continue  # set-returning function
            if name.startswith("mz_") or name.startswith("pg_") or name in ctes:
                continue
            return True
    return False


async def ddl_sync(session):
    from .catalog import SYNC

    await session.pg.run(SYNC.replace("%(owner)s", quote_literal(session.role_id)).replace("%%", "%"))


