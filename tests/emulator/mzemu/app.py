"""Process-wide emulator state: configuration, knobs, sessions, catalog version, admin connection."""

import asyncio
import os
import random

import psycopg

from . import catalog, catalog_more, scram
from .sqlparse import quote_ident

MZ_VERSION = "v0.130.0 (abcdef123)"


class Knobs:
    def __init__(self, hydration_delay, subscribe_hydration_delay=1.0):
        self.hydration_delay = hydration_delay
        self.subscribe_hydration_delay = subscribe_hydration_delay
        self.fail_next_swap = False
        self.slow_ms = 0
        self.freeze_progress = False


class Emulator:
    def __init__(self, dsn, password_auth=False, scram_auth=False, hydration_delay=1.0, tick_ms=1000, retention_s=60.0,
                 subscribe_hydration_delay=1.0, max_connections=5000, pg_pool=32):
        from .pgpool import Pool

        self.dsn = dsn
        # PostgreSQL connections the sessions share (issue 18): not one per session
        self.pool = Pool(dsn, pg_pool)
        self.password_auth = password_auth
        self.scram_auth = scram_auth
        self.knobs = Knobs(hydration_delay, subscribe_hydration_delay)
        self.tick_ms = max(int(tick_ms), 1)
        self.max_connections = max_connections
        self.retention_s = retention_s
        self.mz_version = MZ_VERSION
        self.catalog_version = 0
        self.sessions = {}  # conn_id -> (session, connection)
        self.connecting = 0  # sessions past authentication, not registered yet
        self.admin = None
        # user -> (role id, PostgreSQL role) for logins: a burst of sessions (the proxy's
        # carry-over starts one per subscription) would otherwise queue 2-4 catalog queries each
        # on the one admin connection. Cleared on every catalog change (CREATE/DROP ROLE are DDL).
        self.role_cache = {}
        self.admin_lock = asyncio.Lock()
        self.next_conn_id = 1
        self.counters = {"connections": 0, "queries": 0, "swaps": 0, "failed_swaps": 0,
                         "subscriptions_started": 0, "ticks": 0, "cancels": 0}
        self.timeline = None  # set by start()

    async def start(self):
        from .timeline import Timeline

        self.admin = await psycopg.AsyncConnection.connect(self.dsn, autocommit=True)
        async with self.admin_lock:
            await self.admin.execute("SELECT pg_advisory_lock(727272)")
            try:
                await self.admin.execute(catalog.BOOTSTRAP)
                await self.admin.execute(catalog_more.EXTRA)
                await self.admin.execute(catalog.INITIAL_PRIVS)
                await self.admin.execute(
                    "INSERT INTO mz_emu.knobs VALUES ('mz_version', %s), ('tick_ms', %s) "
                    "ON CONFLICT (k) DO UPDATE SET v = excluded.v", [self.mz_version, str(self.tick_ms)])
                await self.admin.execute(
                    "UPDATE mz_emu.knobs SET v = NULL WHERE k = 'frozen_at'")
            finally:
                await self.admin.execute("SELECT pg_advisory_unlock(727272)")
        self.timeline = Timeline(self)
        await self.timeline.start()

    async def admin_exec(self, sql, params=None, fetch=False):
        async with self.admin_lock:
            cur = await self.admin.execute(sql, params)
            if fetch:
                return await cur.fetchall()
            return None

    def catalog_changed(self):
        self.catalog_version += 1
        self.role_cache.clear()
        if self.timeline is not None:
            self.timeline.catalog_changed()

    async def ensure_role(self, user):
        hit = self.role_cache.get(user)
        if hit is not None:
            return hit
        version = self.catalog_version
        rid, pg_role = await self._ensure_role(user)
        if version == self.catalog_version:
            self.role_cache[user] = (rid, pg_role)
        return rid, pg_role

    async def _ensure_role(self, user):
        rows = await self.admin_exec("SELECT id FROM mz_emu.roles WHERE name = %s", [user], fetch=True)
        if rows:
            rid = rows[0][0]
        else:
            rows = await self.admin_exec(
                "INSERT INTO mz_emu.roles (id, name) VALUES ('u' || nextval('mz_emu.role_seq'), %s) "
                "ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id", [user], fetch=True)
            rid = rows[0][0]
            self.catalog_changed_quiet()
        return rid, await self.pg_role_for(user)

    async def pg_role_for(self, user):
        """The PostgreSQL role a session runs as: the user's own name when that role is ours
        (or a superuser), else a private `mzemu_<user>` superuser role, so roles that exist in
        a shared PostgreSQL for other purposes are never modified."""
        row = await self.admin_exec("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [user], fetch=True)
        name = user
        if row and not row[0][0]:
            name = "mzemu_" + user
            row = await self.admin_exec("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [name], fetch=True)
        if not row:
            try:
                await self.admin_exec("CREATE ROLE %s SUPERUSER NOLOGIN" % quote_ident(name))
            except psycopg.errors.DuplicateObject:
                pass
        return name

    def catalog_changed_quiet(self):
        """Role creation on connect is not DDL a transaction should fail on."""

    async def password_of(self, user):
        """The user's password (MZEMU_PASSWORD for everyone, else mz_emu.passwords), or None."""
        env = os.environ.get("MZEMU_PASSWORD")
        if env is not None:
            return env
        rows = await self.admin_exec("SELECT password FROM mz_emu.passwords WHERE role_name = %s", [user], fetch=True)
        return rows[0][0] if rows else None

    async def scram_verifier_of(self, user):
        """The user's SCRAM verifier, or None without a password: made once per password with a
        random salt and stored (mz_emu.scram_verifiers), as a real server stores one when the
        password is set. A changed password gets a new one."""
        password = await self.password_of(user)
        if password is None:
            return None
        rows = await self.admin_exec("SELECT password, verifier FROM mz_emu.scram_verifiers "
                                     "WHERE role_name = %s", [user], fetch=True)
        if rows and rows[0][0] == password:
            return rows[0][1]
        verifier = scram.make_verifier(password)
        await self.admin_exec("INSERT INTO mz_emu.scram_verifiers VALUES (%s, %s, %s) ON CONFLICT "
                              "(role_name) DO UPDATE SET password = excluded.password, "
                              "verifier = excluded.verifier", [user, password, verifier])
        return verifier

    async def check_password(self, user, given):
        want = await self.password_of(user)
        return want is not None and want == given

    def new_backend_key(self):
        cid = self.next_conn_id
        self.next_conn_id += 1
        return cid, random.getrandbits(31)

    def connection_refusal(self):
        """The 53300 message when one more connection would pass max_connections (fact sheet §3)."""
        # sessions being set up count too: several connecting at once must not all pass
        current = len(self.sessions) + self.connecting
        if not self.max_connections or current + 1 <= self.max_connections:
            return None
        return ("creating connection would violate max_connections limit (desired: %d, limit: %d, current: %d)"
                % (current + 1, self.max_connections, current))

    def register(self, session, conn):
        self.sessions[session.conn_id] = (session, conn)
        self.counters["connections"] += 1

    def unregister(self, session):
        self.sessions.pop(session.conn_id, None)

    def cancel_by_id(self, pid):
        ent = self.sessions.get(pid)
        return ent is not None and self.cancel(pid, ent[0].secret)

    def cancel(self, pid, secret):
        ent = self.sessions.get(pid)
        if ent is None or ent[0].secret != secret:
            return False
        s = ent[0]
        self.counters["cancels"] += 1
        s.cancel_requested = True
        if s.pg.busy:
            s.pg.cancel()
        elif s.running is not None:
            s.running.cancel()
        elif s.active_stream is not None:
            s.active_stream.cancelled = True
        return True

    def drop_connections(self):
        n = 0
        for s, conn in list(self.sessions.values()):
            try:
                conn.writer.transport.abort()
            except Exception:
                pass
            n += 1
        return n
