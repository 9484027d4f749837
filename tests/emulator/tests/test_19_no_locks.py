"""Issue 17, kind 1: PostgreSQL's locks do not show through. DDL from one session never waits for
another session's open transaction on the object (Materialize has no table locks); the other
transaction finds out at its next statement or COMMIT, in Materialize's words.

Sources: src/adapter/src/coord/ddl.rs (catalog_transact_inner: pending peeks on a dropped
relation get `query could not complete because relation "..." was dropped`);
src/adapter/src/coord/sequencer/inner.rs (sequence_end_transaction_inner: COMMIT re-verifies every
written id, `unknown catalog item '<id>'`); names are resolved at every statement.
"""

import time

import psycopg
import pytest

from emutil import sqlstate

DDL_BOUND_S = 5.0  # a blocked DDL would wait forever; anything near this is a lock wait


def _schema_with_table(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.t (a int)" % s)
    mz.execute("INSERT INTO %s.t VALUES (1)" % s)
    return s


def _timed(mz, sql):
    t0 = time.monotonic()
    mz.execute(sql)
    return time.monotonic() - t0


def test_drop_table_does_not_wait_for_reader(emu, mz, uniq):
    s = _schema_with_table(mz, uniq)
    reader = emu.connect()
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT a FROM %s.t" % s).fetchall() == [(1,)]
        assert _timed(mz, "DROP TABLE %s.t" % s) < DDL_BOUND_S
        with pytest.raises(psycopg.Error) as ei:
            reader.execute("SELECT a FROM %s.t" % s)
        assert "unknown catalog item" in str(ei.value)
        reader.execute("ROLLBACK")
        assert reader.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        reader.close()


def test_reader_transaction_goes_on_after_unrelated_drop(emu, mz, uniq):
    s = _schema_with_table(mz, uniq)
    mz.execute("CREATE TABLE %s.keep (b int)" % s)
    mz.execute("INSERT INTO %s.keep VALUES (7)" % s)
    reader = emu.connect()
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT a FROM %s.t" % s).fetchall()
        assert _timed(mz, "DROP TABLE %s.t" % s) < DDL_BOUND_S
        # Materialize resolves names per statement: other objects still read fine.
        assert reader.execute("SELECT b FROM %s.keep" % s).fetchall() == [(7,)]
        reader.execute("COMMIT")
    finally:
        reader.close()


def test_drop_schema_cascade_does_not_wait_for_idle_reader(emu, mz, uniq):
    """deploy cleanup's DROP SCHEMA ... CASCADE behind a client idle in a transaction."""
    s = _schema_with_table(mz, uniq)
    mz.execute("CREATE VIEW %s.v AS SELECT a FROM %s.t" % (s, s))
    reader = emu.connect()
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT a FROM %s.v" % s).fetchall()
        assert _timed(mz, "DROP SCHEMA IF EXISTS %s CASCADE" % s) < DDL_BOUND_S
        with pytest.raises(psycopg.Error) as ei:
            reader.execute("SELECT a FROM %s.v" % s)
        assert "unknown schema '%s'" % s in str(ei.value)
        reader.execute("ROLLBACK")
    finally:
        reader.close()


def test_drop_cluster_cascade_does_not_wait_for_reader_of_its_mv(emu, mz, uniq):
    c, s = uniq("c"), _schema_with_table(mz, uniq)
    mz.execute("CREATE CLUSTER %s (SIZE = '1')" % c)
    mz.execute("CREATE MATERIALIZED VIEW %s.mv IN CLUSTER %s AS SELECT a FROM %s.t" % (s, c, s))
    reader = emu.connect()
    try:
        reader.execute("SET cluster = %s" % c)
        reader.execute("BEGIN")
        reader.execute("SELECT a FROM %s.mv" % s).fetchall()
        assert _timed(mz, "DROP CLUSTER IF EXISTS %s CASCADE" % c) < DDL_BOUND_S
        with pytest.raises(psycopg.Error) as ei:
            reader.execute("SELECT a FROM %s.mv" % s)
        # the transaction's cluster is gone (checked first, as Materialize does)
        assert sqlstate(ei.value) in ("25000", "XX000")
        reader.execute("ROLLBACK")
    finally:
        reader.close()


def test_create_or_replace_view_does_not_wait(emu, mz, uniq):
    s = _schema_with_table(mz, uniq)
    mz.execute("CREATE VIEW %s.v AS SELECT a FROM %s.t" % (s, s))
    reader = emu.connect()
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT a FROM %s.v" % s).fetchall()
        assert _timed(mz, "CREATE OR REPLACE VIEW %s.v AS SELECT a + 1 AS a FROM %s.t" % (s, s)) < DDL_BOUND_S
        reader.execute("ROLLBACK")
        assert reader.execute("SELECT a FROM %s.v" % s).fetchall() == [(2,)]
    finally:
        reader.close()


def test_write_transaction_into_dropped_table_fails_at_commit(emu, mz, uniq):
    s = _schema_with_table(mz, uniq)
    tid = mz.execute("SELECT o.id FROM mz_catalog.mz_objects o JOIN mz_catalog.mz_schemas sc "
                     "ON sc.id = o.schema_id WHERE sc.name = %s AND o.name = 't'", (s,)).fetchone()[0]
    writer = emu.connect()
    try:
        writer.execute("BEGIN")
        writer.execute("INSERT INTO %s.t VALUES (2)" % s)
        assert _timed(mz, "DROP TABLE %s.t" % s) < DDL_BOUND_S
        with pytest.raises(psycopg.Error) as ei:
            writer.execute("COMMIT")
        assert sqlstate(ei.value) == "XX000"
        assert "unknown catalog item '%s'" % tid in str(ei.value)
        assert writer.execute("SELECT 1").fetchall() == [(1,)]
    finally:
        writer.close()


def test_ddl_overtakes_an_idle_ddl_transaction_which_then_fails_40001(emu, mz, uniq):
    s = _schema_with_table(mz, uniq)
    other = emu.connect()
    try:
        other.execute("BEGIN")
        other.execute("ALTER SCHEMA %s RENAME TO %s_renamed" % (s, s))
        assert _timed(mz, "DROP SCHEMA %s CASCADE" % s) < DDL_BOUND_S
        with pytest.raises(psycopg.Error) as ei:
            other.execute("COMMIT")
        assert sqlstate(ei.value) == "40001"
        assert "another session modified the catalog" in str(ei.value)
        assert mz.execute("SELECT count(*) FROM mz_catalog.mz_schemas WHERE name IN (%s, %s)",
                          (s, s + "_renamed")).fetchone() == (0,)
    finally:
        other.close()


def test_concurrent_autocommit_ddl_waits_instead_of_failing(emu, mz, uniq):
    """Two sessions' DDL serialize (Materialize's coordinator runs one at a time): neither is
    preempted while it runs."""
    import threading

    s = _schema_with_table(mz, uniq)
    errors = []

    def create_views(conn, prefix):
        try:
            for i in range(15):
                conn.execute("CREATE VIEW %s.%s_%d AS SELECT a FROM %s.t" % (s, prefix, i, s))
        except psycopg.Error as e:
            errors.append(e)

    a, b = emu.connect(), emu.connect()
    try:
        ta = threading.Thread(target=create_views, args=(a, "va"))
        tb = threading.Thread(target=create_views, args=(b, "vb"))
        ta.start(), tb.start()
        ta.join(40), tb.join(40)
        assert not errors, errors
        n = mz.execute("SELECT count(*) FROM mz_catalog.mz_views v JOIN mz_catalog.mz_schemas sc "
                       "ON sc.id = v.schema_id WHERE sc.name = %s", (s,)).fetchone()[0]
        assert n == 30
    finally:
        a.close()
        b.close()


def test_preempted_session_recovers_on_a_prepared_statement(emu, mz, uniq):
    """The next message may be a Parse/Describe of a prepared statement (not a simple query):
    it too runs on the fresh connection."""
    s = _schema_with_table(mz, uniq)
    mz.execute("CREATE TABLE %s.keep (b int)" % s)
    reader = emu.connect()
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT a FROM %s.t" % s).fetchall()
        assert _timed(mz, "DROP TABLE %s.t" % s) < DDL_BOUND_S
        assert reader.execute("SELECT count(*) FROM %s.keep" % s, prepare=True).fetchone() == (0,)
        reader.execute("COMMIT")
    finally:
        reader.close()
