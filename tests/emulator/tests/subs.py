"""SUBSCRIBE helpers for the black-box tests."""

import emutil


def now_ts(conn):
    """The read timestamp of a fresh query, as int (epoch ms in practice)."""
    return int(str(conn.execute("SELECT mz_now()").fetchone()[0]))


def is_progress(row, progress_col=1):
    return row[progress_col] == "t"


def data_rows(rows):
    """(ts, diff, rest...) for non-progress rows of a WITH (PROGRESS) stream."""
    return [(int(r[0]), int(r[2]), tuple(r[3:])) for r in rows if r[1] != "t"]


def write_ts(emu, conn, table, stmt, marker):
    """Run `stmt` and return the logical timestamp at which SUBSCRIBE shows `marker`.

    marker: the tuple of text column values of the row the statement inserts.
    """
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS, SNAPSHOT = false)" % table)
    try:
        s.rows_until(lambda r: r[1] == "t", timeout=15)
        conn.execute(stmt)
        rows = s.rows_until(lambda r: r[1] != "t" and tuple(r[3:]) == marker, timeout=15)
        return int(rows[-1][0])
    finally:
        s.close()
