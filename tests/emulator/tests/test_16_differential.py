"""§8.10/§8.12 deep check: differential correctness of SUBSCRIBE WITH (PROGRESS).

Random inserts/updates/deletes on two base tables, one autocommit statement at a time through
the emulator, while subscribed to a table and to a view with a join and an aggregate. Ground
truth is a Python model of the statements; each write i is bracketed by the read timestamps
`SELECT mz_now()` before (b_i) and after (a_i) it, so its write time w_i lies in (b_i, a_i].
At each progress P the accumulated updates with ts < P must equal the model after some prefix
k of the writes with #{a_i < P} <= k <= #{b_i < P} (writes are sequential, times increase).
The final model is cross-checked against the PostgreSQL under the emulator, read directly.
Then a resume `AS OF P-1, SNAPSHOT false, PROGRESS` must replay exactly the updates >= P.
"""

import random
import time

import pytest

import emutil
from subs import now_ts

N_WRITES = 80


def model_view(a_rows, dims):
    """label -> (count, sum) of a JOIN dims ON g."""
    out = {}
    for (_k, g, v) in a_rows.values():
        for (dg, label) in dims:
            if dg == g:
                n, s = out.get(label, (0, 0))
                out[label] = (n + 1, s + v)
    return {(label, str(n), str(s)): 1 for label, (n, s) in out.items()}


def model_table(a_rows):
    return {(str(k), str(g), str(v)): 1 for (k, g, v) in a_rows.values()}


def accumulate(rows, upto):
    """rows of a PROGRESS stream -> consolidated {tuple: count} of updates with ts < upto."""
    return emutil.consolidate([(tuple(r[3:]), int(r[2])) for r in rows
                               if r[1] != "t" and int(r[0]) < upto])


def check_progress(rows, states, befores, afters, what):
    progress = [int(r[0]) for r in rows if r[1] == "t"]
    checked = 0
    for p in progress[1:]:
        lo = sum(1 for a in afters if a < p)
        hi = sum(1 for b in befores if b < p)
        acc = accumulate(rows, p)
        ok = [k for k in range(lo, hi + 1) if states[k] == acc]
        assert ok, "%s: at progress %d the accumulated state %r matches no model state in " \
                   "[%d, %d] (%r .. %r)" % (what, p, acc, lo, hi, states[lo], states[hi])
        checked += 1
    return checked


def updates_between(rows, lo, hi):
    return emutil.consolidate([((int(r[0]),) + tuple(r[3:]), int(r[2])) for r in rows
                               if r[1] != "t" and lo <= int(r[0]) < hi])


@pytest.mark.limit(240)
def test_10_subscribe_differential_correctness_and_resume(emu, mz, pgconn, uniq):
    rnd = random.Random(20260)
    a, d, v = uniq("a"), uniq("d"), uniq("v")
    mz.execute("CREATE TABLE %s (k int, g int, v int) WITH (RETAIN HISTORY FOR '1h')" % a)
    mz.execute("CREATE TABLE %s (g int, label text) WITH (RETAIN HISTORY FOR '1h')" % d)
    mz.execute("CREATE VIEW %s AS SELECT d.label, count(*) AS n, sum(a.v) AS s FROM %s a "
               "JOIN %s d ON a.g = d.g GROUP BY d.label" % (v, a, d))
    a_rows, dims = {}, set()
    next_k = 0
    for g, label in ((0, "x"), (1, "y")):
        mz.execute("INSERT INTO %s VALUES (%d, '%s')" % (d, g, label))
        dims.add((g, label))
    for _ in range(5):
        g, val = rnd.randrange(3), rnd.randrange(100)
        mz.execute("INSERT INTO %s VALUES (%d, %d, %d)" % (a, next_k, g, val))
        a_rows[next_k] = (next_k, g, val)
        next_k += 1

    st = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % a, timeout=120)
    sv = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS)" % v, timeout=120)
    try:
        st_rows = st.rows_until(lambda r: r[1] == "t")
        sv_rows = sv.rows_until(lambda r: r[1] == "t")
        t_states = [model_table(a_rows)]
        v_states = [model_view(a_rows, dims)]
        befores, afters = [], []
        for _ in range(N_WRITES):
            op = rnd.random()
            befores.append(now_ts(mz))
            if op < 0.4 or not a_rows:
                g, val = rnd.randrange(3), rnd.randrange(100)
                mz.execute("INSERT INTO %s VALUES (%d, %d, %d)" % (a, next_k, g, val))
                a_rows[next_k] = (next_k, g, val)
                next_k += 1
            elif op < 0.65:
                k = rnd.choice(sorted(a_rows))
                val = rnd.randrange(100)
                mz.execute("UPDATE %s SET v = %d WHERE k = %d" % (a, val, k))
                a_rows[k] = (k, a_rows[k][1], val)
            elif op < 0.8:
                k = rnd.choice(sorted(a_rows))
                mz.execute("DELETE FROM %s WHERE k = %d" % (a, k))
                del a_rows[k]
            elif op < 0.9:
                g, label = rnd.randrange(3), rnd.choice("xyz")
                if (g, label) not in dims:
                    mz.execute("INSERT INTO %s VALUES (%d, '%s')" % (d, g, label))
                    dims.add((g, label))
                else:
                    mz.execute("DELETE FROM %s WHERE g = %d AND label = '%s'" % (d, g, label))
                    dims.discard((g, label))
            else:  # a multi-row update in one statement
                g = rnd.randrange(3)
                mz.execute("UPDATE %s SET v = v + 1 WHERE g = %d" % (a, g))
                for k, (_, gg, val) in list(a_rows.items()):
                    if gg == g:
                        a_rows[k] = (k, gg, val + 1)
            afters.append(now_ts(mz))
            time.sleep(0.01)  # spread the writes over several progress ticks
            t_states.append(model_table(a_rows))
            v_states.append(model_view(a_rows, dims))
        final = afters[-1]
        st_rows += st.rows_until(lambda r: r[1] == "t" and int(r[0]) > final, timeout=60)
        sv_rows += sv.rows_until(lambda r: r[1] == "t" and int(r[0]) > final, timeout=60)
    finally:
        st.close()
        sv.close()

    # the model agrees with the real PostgreSQL underneath
    direct = {(str(k), str(g), str(val)): 1
              for k, g, val in pgconn.execute("SELECT k, g, v FROM public.%s" % a).fetchall()}
    assert direct == t_states[-1]
    direct_v = {(label, str(n), str(s)): 1 for label, n, s in pgconn.execute(
        "SELECT d.label, count(*), sum(a.v) FROM public.%s a JOIN public.%s d ON a.g = d.g "
        "GROUP BY d.label" % (a, d)).fetchall()}
    assert direct_v == v_states[-1]

    for rows in (st_rows, sv_rows):
        ts = [int(r[0]) for r in rows]
        assert ts == sorted(ts)
    n1 = check_progress(st_rows, t_states, befores, afters, "table")
    n2 = check_progress(sv_rows, v_states, befores, afters, "view")
    print("checked %d + %d progress points" % (n1, n2))
    assert n1 >= 5 and n2 >= 5
    last_t = max(int(r[0]) for r in st_rows if r[1] == "t")
    assert accumulate(st_rows, last_t) == t_states[-1]
    last_v = max(int(r[0]) for r in sv_rows if r[1] == "t")
    assert accumulate(sv_rows, last_v) == v_states[-1]

    # resume from a middle progress point: no loss, no duplicate
    for obj, rows, end in ((a, st_rows, last_t), (v, sv_rows, last_v)):
        progress = [int(r[0]) for r in rows if r[1] == "t"]
        data_ts = sorted({int(r[0]) for r in rows if r[1] != "t"})
        # a progress point that has data exactly at it makes the off-by-one visible
        cands = [p for p in progress[1:-1] if p in data_ts] or progress[1:-1]
        p = cands[len(cands) // 2]
        r2 = emutil.Stream(emu, "SUBSCRIBE %s WITH (PROGRESS, SNAPSHOT = false) AS OF %d UP TO %d"
                           % (obj, p - 1, end), timeout=120)
        try:
            got = []
            while True:
                kind, val, _ = r2.get(60)
                if kind != "row":
                    break
                got.append(val)
            assert kind == "end", (kind, val)
        finally:
            r2.close()
        assert all(int(r[0]) >= p for r in got if r[1] != "t")
        assert updates_between(got, p, end) == updates_between(rows, p, end), obj
