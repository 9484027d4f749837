#!/usr/bin/python3
"""Generates tests/data/queries.sql: a deterministic corpus of analytical SQL.

Entries are separated by a line that is exactly `-- ;;` (a SQL comment, so the
whole file also lexes as SQL). Run: /usr/bin/python3 tests/data/gen_queries.py
"""
import os
import random

SEP = "-- ;;"
N = 4000

SCHEMAS = ["analytics", "marts", "staging", "public", "raw"]
MAPPED = ["analytics", "marts"]
TABLES = ["orders", "customers", "events", "sessions", "payments", "line_items", "products"]
COLS = ["id", "customer_id", "amount", "created_at", "status", "region", "product_id", "qty"]
CLUSTERS = ["compute", "quickstart", "serving"]
AGGS = ["sum", "count", "avg", "max", "min"]


def qname(rng, schema=None):
    s = schema or rng.choice(SCHEMAS)
    t = rng.choice(TABLES)
    style = rng.randrange(6)
    if style == 0:
        return f'"{s}"."{t}"'
    if style == 1:
        return f'materialize.{s}.{t}'
    if style == 2:
        return f'"materialize"."{s}"."{t}"'
    if style == 3:
        return f'{s.upper()}.{t}'
    return f"{s}.{t}"


def select_join(rng):
    a, b = qname(rng), qname(rng)
    c1, c2 = rng.choice(COLS), rng.choice(COLS)
    agg = rng.choice(AGGS)
    return (f"SELECT a.{c1}, {agg}(b.{c2}) AS total\nFROM {a} AS a\n"
            f"JOIN {b} b ON a.id = b.{rng.choice(COLS)}\n"
            f"WHERE a.status = '{rng.choice(SCHEMAS)}.{rng.choice(TABLES)}' AND b.{c2} > {rng.randrange(1000)}\n"
            f"GROUP BY a.{c1}\nORDER BY total DESC\nLIMIT {rng.randrange(1, 500)}")


def cte(rng):
    s = rng.choice(MAPPED)
    return (f"WITH recent AS (\n  SELECT * FROM {qname(rng, s)} WHERE created_at > now() - INTERVAL '7 days'\n),\n"
            f"ranked AS (\n  SELECT recent.*, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM recent\n)\n"
            f"SELECT region, {s}.{rng.choice(TABLES)}.{rng.choice(COLS)}, rn FROM ranked, {s}.{rng.choice(TABLES)} WHERE rn <= 3")


def window(rng):
    c = rng.choice(COLS)
    return (f"SELECT {c}, lag({c}) OVER w, sum(amount) OVER (ORDER BY created_at ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)\n"
            f"FROM {qname(rng)} WINDOW w AS (PARTITION BY customer_id ORDER BY created_at)")


def literals(rng):
    s = rng.choice(MAPPED)
    return (f"SELECT 'select * from {s}.orders' AS q, E'it\\'s {s}.x\\n', $${s}.orders$$, $tag_{s}$ {s}.v $tag_{s}$,\n"
            f"  U&'\\0061nalytics', X'1F', B'1010', 1.5e3, .25, 0x1F, $1 -- {s}.orders in a comment\n"
            f"  /* nested /* {s}.t */ still comment */ FROM {qname(rng)}")


def set_stmt(rng):
    k = rng.randrange(5)
    if k == 0:
        return f"SET search_path TO {', '.join(rng.sample(SCHEMAS, 3))}"
    if k == 1:
        return f"SET SESSION search_path = '{rng.choice(SCHEMAS)}', \"{rng.choice(SCHEMAS)}\""
    if k == 2:
        return f"SET cluster = {rng.choice(CLUSTERS)}"
    if k == 3:
        return f"SET schema '{rng.choice(SCHEMAS)}'"
    return f"SET cluster TO '{rng.choice(CLUSTERS)}'"


def ddl(rng):
    s = rng.choice(SCHEMAS)
    c = rng.choice(CLUSTERS)
    k = rng.randrange(7)
    if k == 0:
        return (f"CREATE MATERIALIZED VIEW {s}.mv_{rng.randrange(100)} IN CLUSTER {c} AS\n"
                f"SELECT customer_id, count(*) FROM {qname(rng)} GROUP BY customer_id")
    if k == 1:
        return f"CREATE INDEX idx_{rng.randrange(100)} IN CLUSTER \"{c}\" ON {s}.{rng.choice(TABLES)} (id)"
    if k == 2:
        return f"CREATE SCHEMA IF NOT EXISTS {s}"
    if k == 3:
        return f"DROP SCHEMA IF EXISTS \"{s}_old\", {s} CASCADE"
    if k == 4:
        return f"ALTER SCHEMA \"{s}\" SWAP WITH \"{s}_dbt_deploy\""
    if k == 5:
        return f"CREATE CLUSTER {c}_x (SIZE = '100cc', REPLICATION FACTOR = 1)"
    return f"SHOW MATERIALIZED VIEWS FROM {s}"


def subscribe(rng):
    k = rng.randrange(3)
    q = qname(rng)
    if k == 0:
        return f"SUBSCRIBE TO {q} WITH (SNAPSHOT = false)"
    if k == 1:
        return f"COPY (SUBSCRIBE (SELECT * FROM {q})) TO STDOUT"
    return f"BEGIN; DECLARE c CURSOR FOR SUBSCRIBE {q}; FETCH ALL c WITH (timeout='1s'); COMMIT"


def alias_shadow(rng):
    s = rng.choice(MAPPED)
    return f"SELECT {s}.id, {s}.amount FROM {rng.choice(SCHEMAS)}.orders AS {s} WHERE {s}.qty > 2"


def misc(rng):
    s = rng.choice(MAPPED)
    return (f"INSERT INTO {s}.{rng.choice(TABLES)} (id, status) VALUES ($1, 'new'), ($2, 'old');\n"
            f"UPDATE {qname(rng)} SET status = 'x' WHERE id IN (SELECT id FROM {qname(rng)});\n"
            f"SELECT {s}2.t.x, t.{s}, {s}_x.y::{s}.my_type FROM {s}2.t")


GENS = [select_join, cte, window, literals, set_stmt, ddl, subscribe, alias_shadow, misc]


def main():
    rng = random.Random(20261125)
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for _ in range(N):
        out.append(rng.choice(GENS)(rng) + ";")
    with open(os.path.join(here, "queries.sql"), "w", encoding="utf-8", newline="\n") as f:
        for q in out:
            f.write(q + "\n" + SEP + "\n")


if __name__ == "__main__":
    main()
