"""Materialize's transaction rules (fact sheet §2), kept apart from statement dispatch.

A transaction's kind is set by its first statement:
- read (SELECT ...): anything that is not a read afterwards fails with 25006;
- write (INSERT/UPDATE/DELETE): a read or DDL afterwards fails with 25000 (write-only);
- DDL: only ALTER ... RENAME and ALTER ... SWAP may share a transaction. Any other DDL inside
  BEGIN..COMMIT is the transaction's single statement (its effects appear at COMMIT): any
  statement after it fails with 25000 `this transaction can only execute a single statement`;
- some statements (ALTER SINK, ALTER SYSTEM) refuse to run in a transaction block at all:
  25001 `<statement text> cannot be run inside a transaction block`.
Also: SET inside a transaction is undone by ROLLBACK (SET LOCAL also at COMMIT), with a
ParameterStatus for the value in force afterwards; a PostgreSQL isolation level is accepted with
a NOTICE (Materialize runs serializable or strict serializable).
"""

from .sqlparse import SqlError, tokenize

READ_ONLY = "transaction in read-only mode"
WRITE_ONLY = "transaction in write-only mode"
DDL_MIX = "transactions which modify objects are restricted to just modifying objects"
SUB_MIX = "SUBSCRIBE in transactions must be the only read statement"
SINGLE = "this transaction can only execute a single statement"

# Statements Materialize never runs inside a transaction block (first words).
NO_TXN = (("ALTER", "SINK"), ("ALTER", "SYSTEM"))

PG_LEVELS = ("read uncommitted", "read committed", "repeatable read")
MZ_LEVELS = ("serializable", "strict serializable")


def is_rename_or_swap(sql):
    """ALTER <kind> <name> RENAME TO ... / SWAP WITH ...: the only DDL that may share a transaction."""
    toks = tokenize(sql)
    if not toks or not toks[0].is_kw("ALTER"):
        return False
    return any(t.is_kw("RENAME") for t in toks) or any(
        a.is_kw("SWAP") and b.is_kw("WITH") for a, b in zip(toks, toks[1:]))


def refuse_in_block(session, words, sql):
    """25001 for a statement Materialize runs only outside a transaction block."""
    if not session.in_txn():
        return
    if tuple(words[:2]) in NO_TXN:
        text = sql.strip().rstrip(";").strip()
        raise SqlError("25001", "%s cannot be run inside a transaction block" % text)


def check(session, kind, sql=None):
    """Enforce the one-kind-per-transaction rules for a statement of `kind` (None: neutral)."""
    if not session.in_txn() or kind is None:
        return
    cur = session.txn_kind
    single_ddl = kind == "ddl" and not (sql is not None and is_rename_or_swap(sql))
    if session.txn_single_done:
        raise SqlError("25000", SINGLE)
    if cur is None:
        session.txn_kind = kind
        if kind == "ddl":
            session.txn_catalog_version = session.emu.catalog_version
            # Only an explicit BEGIN..COMMIT block makes other DDL its single statement; a
            # multi-statement simple Query keeps the older, permissive emulator rule.
            if single_ddl and session.explicit_txn:
                session.txn_single_done = True
        return
    if cur == "ddl":
        if kind != "ddl":
            raise SqlError("25000", DDL_MIX)
        if single_ddl and session.explicit_txn:
            raise SqlError("25000", SINGLE)
        return
    if cur == "read":
        if kind == "subscribe":
            raise SqlError("25000", SUB_MIX)
        if kind != "read":
            raise SqlError("25006", READ_ONLY)
        return
    if cur == "subscribe":
        if kind == "read" or session.cursors:
            raise SqlError("25000", SUB_MIX)
        if kind != "subscribe":
            raise SqlError("25006", READ_ONLY)
        return
    if cur == "write":
        if kind != "write":
            raise SqlError("25000", WRITE_ONLY)


# ---- SET inside a transaction ------------------------------------------------------------------
def remember_var(session, key, old, local):
    """Before SET changes `key` inside a transaction: keep the value to restore."""
    if not session.explicit_txn and not session.implicit_txn:
        return False
    saved = session.txn_saved_vars
    if key not in saved:
        saved[key] = old
    if local:
        session.txn_local_vars.add(key)
    return True


def end_vars(session, committed, reported):
    """At COMMIT / ROLLBACK: restore what must be restored; a ParameterStatus for each reported
    variable SET in the transaction, with the value in force afterwards."""
    saved, local = session.txn_saved_vars, session.txn_local_vars
    session.txn_saved_vars, session.txn_local_vars = {}, set()
    changed = []
    for key, old in saved.items():
        if not committed or key in local:
            session.vars[key] = old
        if key in reported:
            v = session.vars.get(key)
            changed.append((key, "" if v is None else v))
    return changed


def isolation_notice(session, level):
    """A PostgreSQL isolation level is accepted and upgraded, with a NOTICE; returns the level kept."""
    lv = " ".join(level.lower().replace("'", "").split())
    if lv in MZ_LEVELS:
        return lv
    if lv in PG_LEVELS:
        session.notice("00000", "transaction isolation level %s is unimplemented, the session will be "
                                "upgraded to serializable" % lv)
        return "serializable"
    raise SqlError("22023", 'invalid value for parameter "transaction_isolation": "%s"' % level)
