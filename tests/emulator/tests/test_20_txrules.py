"""§8.6 / fact sheet §2 transaction rules: read-only (25006) and write-only (25000)
transactions; only RENAME and SWAP share a DDL transaction, any other DDL is the single
statement of its BEGIN..COMMIT and takes effect at COMMIT (a second statement: 25000); 25001 with
the statement text for ALTER SINK; SET undone by ROLLBACK with a ParameterStatus; isolation
levels accepted with a NOTICE."""

import psycopg
import pytest

import rawpg

SINGLE = "this transaction can only execute a single statement"


def state(e):
    return e.value.diag.sqlstate, e.value.diag.message_primary


def exists(mz, name):
    return mz.execute("SELECT count(*) FROM mz_catalog.mz_objects WHERE name = %s",
                      (name,)).fetchone()[0] == 1


@pytest.mark.parametrize("second", ["INSERT INTO {t} VALUES (1)", "CREATE TABLE {u} (a int)"])
def test_20_read_transaction_is_read_only(mz, uniq, second):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("BEGIN")
    mz.execute("SELECT * FROM %s" % t)
    with pytest.raises(psycopg.Error) as ei:
        mz.execute(second.format(t=t, u=uniq("u")))
    assert state(ei) == ("25006", "transaction in read-only mode")
    mz.execute("ROLLBACK")
    assert mz.execute("SELECT count(*) FROM %s" % t).fetchone()[0] == 0


@pytest.mark.parametrize("second", ["SELECT * FROM {t}", "CREATE TABLE {u} (a int)"])
def test_20_write_transaction_is_write_only(mz, uniq, second):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("BEGIN")
    mz.execute("INSERT INTO %s VALUES (1)" % t)
    mz.execute("INSERT INTO %s VALUES (2)" % t)  # writes may share a transaction
    with pytest.raises(psycopg.Error) as ei:
        mz.execute(second.format(t=t, u=uniq("u")))
    assert state(ei) == ("25000", "transaction in write-only mode")
    mz.execute("ROLLBACK")
    assert mz.execute("SELECT count(*) FROM %s" % t).fetchone()[0] == 0


def test_20_single_statement_ddl_runs_at_commit(emu, mz, uniq):
    t = uniq("t")
    with emu.connect() as other:
        mz.execute("BEGIN")
        mz.execute("CREATE TABLE %s (a int)" % t)
        assert not exists(other, t)  # not yet: it takes effect at COMMIT
        mz.execute("COMMIT")
        assert exists(other, t)


@pytest.mark.parametrize("second", ["CREATE TABLE {u} (a int)", "SELECT 1",
                                    "COMMENT ON TABLE {t} IS 'x'",
                                    "ALTER TABLE {t} RENAME TO {u}"])
def test_20_second_statement_after_single_ddl_25000(mz, uniq, second):
    t, u = uniq("t"), uniq("u")
    mz.execute("BEGIN")
    mz.execute("CREATE TABLE %s (a int)" % t)
    with pytest.raises(psycopg.Error) as ei:
        mz.execute(second.format(t=t, u=u))
    assert state(ei) == ("25000", SINGLE)
    mz.execute("ROLLBACK")
    assert not exists(mz, t) and not exists(mz, u)


def test_20_single_ddl_in_one_query_string(emu, uniq):
    """The dbt-style one-string form: `BEGIN; CREATE ...; CREATE ...; COMMIT;` fails at the second."""
    t, u = uniq("t"), uniq("u")
    c = emu.raw()
    try:
        msgs = c.query("BEGIN; CREATE TABLE %s (a int); CREATE TABLE %s (a int); COMMIT;" % (t, u))
        errs = rawpg.errors(msgs)
        assert [(e["C"], e["M"]) for e in errs] == [("25000", SINGLE)]
        assert msgs[-1].kind == "Z"
        c.query("ROLLBACK")
    finally:
        c.close()


def test_20_renames_and_swaps_share_a_transaction(mz, uniq):
    a, b, c = uniq("s"), uniq("s"), uniq("s")
    mz.execute("CREATE SCHEMA %s" % a)
    mz.execute("CREATE SCHEMA %s" % b)
    ida = mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = %s", (a,)).fetchone()[0]
    mz.execute("BEGIN")
    mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
    mz.execute("ALTER SCHEMA %s RENAME TO %s" % (b, c))
    with pytest.raises(psycopg.Error) as ei:  # but not with any other DDL
        mz.execute("COMMENT ON SCHEMA %s IS 'marker'" % a)
    assert state(ei) == ("25000", SINGLE)
    mz.execute("ROLLBACK")
    mz.execute("BEGIN")
    mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
    mz.execute("ALTER SCHEMA %s RENAME TO %s" % (b, c))
    mz.execute("COMMIT")
    assert mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = %s", (c,)).fetchone()[0] == ida


def test_20_alter_sink_25001_with_statement_text(mz, uniq):
    t, t2, s = uniq("t"), uniq("t"), uniq("sink")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("CREATE TABLE %s (a int)" % t2)
    mz.execute("CREATE SINK %s FROM %s INTO TABLE %s" % (s, t, uniq("out")))
    stmt = "ALTER SINK %s SET FROM %s" % (s, t2)
    mz.execute("BEGIN")
    with pytest.raises(psycopg.Error) as ei:
        mz.execute(stmt)
    assert state(ei) == ("25001", "%s cannot be run inside a transaction block" % stmt)
    mz.execute("ROLLBACK")


def _params(msgs):
    return [m.param() for m in msgs if m.kind == "S"]


def test_20_set_undone_by_rollback_with_parameter_status(emu):
    c = emu.raw()
    try:
        msgs = c.query("BEGIN; SET application_name = 'in_txn'")
        assert ("application_name", "in_txn") in _params(msgs)
        msgs = c.query("ROLLBACK")
        assert _params(msgs) == [("application_name", "")]
        assert rawpg.rows(c.query("SHOW application_name")) == [[""]]
        # COMMIT keeps the value and reports it
        c.query("BEGIN; SET application_name = 'kept'")
        msgs = c.query("COMMIT")
        assert _params(msgs) == [("application_name", "kept")]
        assert rawpg.rows(c.query("SHOW application_name")) == [["kept"]]
        # SET LOCAL lasts until the end of the transaction, even a committed one
        c.query("BEGIN; SET LOCAL application_name = 'local'")
        msgs = c.query("COMMIT")
        assert _params(msgs) == [("application_name", "kept")]
    finally:
        c.close()


def test_20_rollback_restores_search_path(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.only_here (a int)" % s)
    mz.execute("BEGIN")
    mz.execute("SET search_path = %s" % s)
    mz.execute("ROLLBACK")
    assert mz.execute("SHOW search_path").fetchone()[0] == "public"
    with pytest.raises(psycopg.Error):
        mz.execute("SELECT * FROM only_here")


@pytest.mark.parametrize("stmt", ["SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
                                  "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ",
                                  "SET transaction_isolation = 'read committed'",
                                  "SET default_transaction_isolation = 'read uncommitted'"])
def test_20_isolation_level_accepted_with_notice(mz, stmt):
    mz.notices.clear()
    mz.execute(stmt)
    assert [n.severity for n in mz.notices] == ["NOTICE"]
    assert "isolation level" in mz.notices[0].message_primary
    assert mz.execute("SHOW transaction_isolation").fetchone()[0] in ("serializable", "strict serializable")
    mz.execute("SET transaction_isolation = 'strict serializable'")
