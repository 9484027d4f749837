"""§8.5 SWAP of schemas and clusters: names move, ids stay; ownership of both required.
§8.6 Several swaps in one BEGIN..COMMIT are atomic; DDL then another kind -> 25000, a read
then DDL -> 25006 (more rules in test_20_txrules.py);
a concurrent catalog change -> 40001 with message and hint; the fail_next_swap knob."""

import psycopg
import pytest

import rawpg

MSG_40001 = "another session modified the catalog while this DDL transaction was open"
HINT_40001 = ("Currently, DDL transactions fail when any other DDL happens concurrently, even on "
              "unrelated schemas/clusters.")
MSG_25000 = "transactions which modify objects are restricted to just modifying objects"


def schema_id(mz, name):
    rows = mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = %s", (name,)).fetchall()
    return rows[0][0] if rows else None


def cluster_id(mz, name):
    rows = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = %s", (name,)).fetchall()
    return rows[0][0] if rows else None


def two_schemas(mz, uniq):
    a, b = uniq("s"), uniq("s")
    for s, v in ((a, "old"), (b, "new")):
        mz.execute("CREATE SCHEMA %s" % s)
        mz.execute("CREATE TABLE %s.t (v text)" % s)
        mz.execute("INSERT INTO %s.t VALUES ('%s')" % (s, v))
    return a, b


def test_5_swap_schemas_names_move_ids_stay(mz, uniq):
    a, b = two_schemas(mz, uniq)
    ida, idb = schema_id(mz, a), schema_id(mz, b)
    assert ida and idb and ida != idb
    cur = mz.execute('ALTER SCHEMA "%s" SWAP WITH "%s"' % (a, b))
    assert schema_id(mz, a) == idb
    assert schema_id(mz, b) == ida
    # Objects moved with their schema (ids stay), so the names now resolve to the other data.
    assert mz.execute("SELECT v FROM %s.t" % a).fetchone()[0] == "new"
    assert mz.execute("SELECT v FROM %s.t" % b).fetchone()[0] == "old"
    tid = mz.execute("SELECT o.id FROM mz_catalog.mz_objects o JOIN mz_catalog.mz_schemas s "
                     "ON o.schema_id = s.id WHERE s.name = %s AND o.name = 't'",
                     (a,)).fetchone()[0]
    assert tid.startswith("u")
    assert cur.statusmessage is not None


@pytest.mark.unverified
def test_5_swap_command_tags(mz, uniq):
    a, b = two_schemas(mz, uniq)
    assert mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b)).statusmessage == "ALTER SCHEMA"
    c1, c2 = uniq("c"), uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c1)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c2)
    assert mz.execute("ALTER CLUSTER %s SWAP WITH %s" % (c1, c2)).statusmessage == "ALTER CLUSTER"


def test_5_swap_clusters_names_move_ids_stay(mz, uniq):
    a, b = uniq("c"), uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc', REPLICATION FACTOR = 1)" % a)
    mz.execute("CREATE CLUSTER %s (SIZE = '50cc', REPLICATION FACTOR = 2)" % b)
    ida, idb = cluster_id(mz, a), cluster_id(mz, b)
    mz.execute('ALTER CLUSTER "%s" SWAP WITH "%s"' % (a, b))
    assert cluster_id(mz, a) == idb
    assert cluster_id(mz, b) == ida
    size, rf = mz.execute("SELECT size, replication_factor FROM mz_catalog.mz_clusters "
                          "WHERE name = %s", (a,)).fetchone()
    assert size == "50cc" and int(rf) == 2
    # swapping back restores (rollback before cleanup)
    mz.execute('ALTER CLUSTER "%s" SWAP WITH "%s"' % (a, b))
    assert cluster_id(mz, a) == ida and cluster_id(mz, b) == idb


def test_5_swap_ownership_of_both_required(emu, mz, uniq):
    user = uniq("alice")
    mine_a, mine_b = uniq("s"), uniq("s")
    theirs, _ = two_schemas(mz, uniq)
    with emu.connect(user=user) as alice:
        alice.execute("CREATE SCHEMA %s" % mine_a)
        alice.execute("CREATE SCHEMA %s" % mine_b)
        ida, idt = schema_id(mz, mine_a), schema_id(mz, theirs)
        with pytest.raises(psycopg.Error):
            alice.execute("ALTER SCHEMA %s SWAP WITH %s" % (mine_a, theirs))
        assert schema_id(mz, mine_a) == ida and schema_id(mz, theirs) == idt
        with pytest.raises(psycopg.Error):
            alice.execute("ALTER SCHEMA %s SWAP WITH %s" % (theirs, mine_a))
        assert schema_id(mz, mine_a) == ida and schema_id(mz, theirs) == idt
        # owning both is enough
        idb = schema_id(mz, mine_b)
        alice.execute("ALTER SCHEMA %s SWAP WITH %s" % (mine_a, mine_b))
        assert schema_id(mz, mine_a) == idb and schema_id(mz, mine_b) == ida


def test_5_swap_cluster_ownership_of_both_required(emu, mz, uniq):
    user = uniq("bob")
    theirs = uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % theirs)
    with emu.connect(user=user) as bob:
        mine = uniq("c")
        try:
            bob.execute("CREATE CLUSTER %s (SIZE = '25cc')" % mine)
        except psycopg.Error:
            mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % mine)  # bob may lack CREATECLUSTER
        idm, idt = cluster_id(mz, mine), cluster_id(mz, theirs)
        with pytest.raises(psycopg.Error):
            bob.execute("ALTER CLUSTER %s SWAP WITH %s" % (mine, theirs))
        assert cluster_id(mz, mine) == idm and cluster_id(mz, theirs) == idt


def test_6_swap_several_in_one_transaction_commit_atomically(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    c1, c2 = uniq("c"), uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c1)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c2)
    ids = (schema_id(mz, a), schema_id(mz, b), cluster_id(mz, c1), cluster_id(mz, c2))
    c = emu.raw()
    try:
        msgs = c.query('BEGIN; ALTER SCHEMA "%s" SWAP WITH "%s"; ALTER CLUSTER "%s" SWAP WITH "%s";'
                       % (a, b, c1, c2))
        assert not rawpg.errors(msgs)
        # not visible to others before COMMIT
        assert schema_id(mz, a) == ids[0] and cluster_id(mz, c1) == ids[2]
        msgs = c.query("COMMIT")
        assert not rawpg.errors(msgs)
    finally:
        c.close()
    assert (schema_id(mz, b), schema_id(mz, a), cluster_id(mz, c2), cluster_id(mz, c1)) == ids


def test_6_swap_failing_swap_in_middle_leaves_all_unchanged(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    c1, c2 = uniq("c"), uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c1)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c2)
    before = (schema_id(mz, a), schema_id(mz, b), cluster_id(mz, c1), cluster_id(mz, c2))
    c = emu.raw()
    try:
        msgs = c.query('BEGIN; ALTER SCHEMA "%s" SWAP WITH "%s"; ALTER SCHEMA "%s" SWAP WITH '
                       '"%s"; ALTER CLUSTER "%s" SWAP WITH "%s"; COMMIT;'
                       % (a, b, a, uniq("missing"), c1, c2))
        assert len(rawpg.errors(msgs)) == 1
        assert msgs[-1].kind == "Z"
        c.query("ROLLBACK")
    finally:
        c.close()
    assert (schema_id(mz, a), schema_id(mz, b), cluster_id(mz, c1), cluster_id(mz, c2)) == before


@pytest.mark.unverified
def test_6_swap_failed_statement_leaves_failed_transaction(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    c = emu.raw()
    try:
        msgs = c.query('BEGIN; ALTER SCHEMA "%s" SWAP WITH "%s"; COMMIT;' % (a, uniq("nope")))
        assert rawpg.errors(msgs)
        assert msgs[-1].payload == b"E"  # ReadyForQuery: failed transaction block
        msgs = c.query('ALTER SCHEMA "%s" SWAP WITH "%s"' % (a, b))
        assert rawpg.errors(msgs) and rawpg.errors(msgs)[0]["C"] == "25P02"
        msgs = c.query("ROLLBACK")
        assert msgs[-1].payload == b"I"
    finally:
        c.close()


def test_6_swap_ddl_then_select_25000(mz, uniq):
    a, b = two_schemas(mz, uniq)
    ida = schema_id(mz, a)
    mz.execute("BEGIN")
    mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("SELECT 1")
    assert ei.value.diag.sqlstate == "25000"
    assert ei.value.diag.message_primary == MSG_25000
    mz.execute("ROLLBACK")
    assert schema_id(mz, a) == ida


def test_6_swap_select_then_ddl_25006(mz, uniq):
    """A read transaction is read-only (fact sheet §2): 25006, not 25000."""
    a, b = two_schemas(mz, uniq)
    ida = schema_id(mz, a)
    mz.execute("BEGIN")
    mz.execute("SELECT 1")
    with pytest.raises(psycopg.Error) as ei:
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
    assert ei.value.diag.sqlstate == "25006"
    assert ei.value.diag.message_primary == "transaction in read-only mode"
    mz.execute("ROLLBACK")
    assert schema_id(mz, a) == ida


def test_6_swap_concurrent_ddl_40001_at_commit(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    ida = schema_id(mz, a)
    with emu.connect() as other:
        mz.execute("BEGIN")
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
        other.execute("CREATE TABLE %s (x int)" % uniq("unrelated"))
        with pytest.raises(psycopg.Error) as ei:
            mz.execute("COMMIT")
    assert ei.value.diag.sqlstate == "40001"
    assert ei.value.diag.message_primary == MSG_40001
    assert ei.value.diag.message_hint == HINT_40001
    if mz.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        mz.execute("ROLLBACK")
    assert schema_id(mz, a) == ida
    # retry is the documented answer
    mz.execute("BEGIN")
    mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
    mz.execute("COMMIT")
    assert schema_id(mz, b) == ida


def test_6_swap_concurrent_ddl_40001_at_next_statement(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    c1, c2 = uniq("c"), uniq("c")
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c1)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c2)
    ida, idc1 = schema_id(mz, a), cluster_id(mz, c1)
    with emu.connect() as other:
        mz.execute("BEGIN")
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
        other.execute("CREATE CLUSTER %s (SIZE = '25cc')" % uniq("c"))
        with pytest.raises(psycopg.Error) as ei:
            mz.execute("ALTER CLUSTER %s SWAP WITH %s" % (c1, c2))
    assert ei.value.diag.sqlstate == "40001"
    assert ei.value.diag.message_primary == MSG_40001
    assert ei.value.diag.message_hint == HINT_40001
    mz.execute("ROLLBACK")
    assert schema_id(mz, a) == ida and cluster_id(mz, c1) == idc1


def test_6_swap_fail_next_swap_knob(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    ida = schema_id(mz, a)
    emu.knob("fail_next_swap")
    c = emu.raw()
    try:
        msgs = c.query('BEGIN; ALTER SCHEMA "%s" SWAP WITH "%s"; COMMIT;' % (a, b))
        errs = rawpg.errors(msgs)
        assert len(errs) == 1
        assert errs[0]["C"] == "40001"
        assert errs[0]["M"] == MSG_40001
        assert errs[0]["H"] == HINT_40001
        c.query("ROLLBACK")
        assert schema_id(mz, a) == ida
        # only the next one fails
        msgs = c.query('BEGIN; ALTER SCHEMA "%s" SWAP WITH "%s"; COMMIT;' % (a, b))
        assert not rawpg.errors(msgs)
    finally:
        c.close()
    assert schema_id(mz, b) == ida


def test_5_swap_other_session_sees_new_objects_at_next_statement(emu, mz, uniq):
    a, b = two_schemas(mz, uniq)
    with emu.connect() as other:
        assert other.execute("SELECT v FROM %s.t" % a).fetchone()[0] == "old"
        mz.execute("ALTER SCHEMA %s SWAP WITH %s" % (a, b))
        assert other.execute("SELECT v FROM %s.t" % a).fetchone()[0] == "new"
