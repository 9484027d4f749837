"""§8.15 mz_internal.mz_subscriptions lists running subscriptions and stops listing them when
they end."""

import emutil
from subs import now_ts


def listed(mz):
    return mz.execute("SELECT id, session_id, cluster_id, created_at, referenced_object_ids "
                      "FROM mz_internal.mz_subscriptions").fetchall()


def test_15_mz_subscriptions_lists_running(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    tid = mz.execute("SELECT id FROM mz_catalog.mz_objects WHERE name = %s", (t,)).fetchone()[0]
    qid = mz.execute("SELECT id FROM mz_catalog.mz_clusters WHERE name = 'quickstart'").fetchone()[0]
    before = {r[0] for r in listed(mz)}
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        s.rows_until(lambda r: r[1] == "t")
        mine = [r for r in listed(mz) if r[0] not in before]
        assert len(mine) == 1, mine
        sid, session_id, cluster_id, created_at, refs = mine[0]
        assert cluster_id == qid
        assert created_at is not None and session_id is not None
        assert tid in list(refs)
        s.cancel()
        assert s.done.wait(15)
        emutil.wait_for(lambda: sid not in {r[0] for r in listed(mz)}, timeout=10,
                        what="cancelled subscription unlisted")
    finally:
        s.close()


def test_15_mz_subscriptions_unlisted_at_up_to_and_disconnect(emu, mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    before = {r[0] for r in listed(mz)}
    ts = now_ts(mz)
    s = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS) AS OF %d UP TO %d" % (t, ts, ts + 1500))
    s2 = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % t)
    try:
        s2.rows_until(lambda r: r[1] == "t")
        s.rows_until(lambda r: r[1] == "t")
        assert len({r[0] for r in listed(mz)} - before) == 2
        assert s.done.wait(15)  # UP TO reached
        kinds = []
        while not s.q.empty():
            kinds.append(s.q.get()[0])
        assert kinds[-1] == "end", kinds
        emutil.wait_for(lambda: len({r[0] for r in listed(mz)} - before) == 1, timeout=10,
                        what="finished subscription unlisted")
        s2.conn.sock.close()  # client disconnects abruptly
        emutil.wait_for(lambda: len({r[0] for r in listed(mz)} - before) == 0, timeout=10,
                        what="disconnected subscription unlisted")
    finally:
        s.close()
        s2.close()
