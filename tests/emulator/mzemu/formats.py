"""Output formats where Materialize and PostgreSQL differ.

- numeric: "Materialize trims all trailing zeroes off of numeric values, irrespective of their
  specified scale" (https://materialize.com/docs/sql/types/numeric/), so AVG over integers is
  `20`, not PostgreSQL's `20.0000000000000000`.
- current_schema(): the first schema of the session's search_path that exists, NULL when none
  does (src/sql/src/func.rs `current_schema`: resolves the search path's first existing schema).
  PostgreSQL would answer `mz_catalog`, which the emulator appends to every session's path.
- search_path as shown: identifiers print bare when they can (lower case letters, digits, `_`,
  `$`, not starting with a digit), otherwise double-quoted (src/sql-parser `Ident` AstDisplay).
"""

import re

from .sqlparse import QIDENT, WORD, quote_literal, tokenize

NUMERIC_OID = 1700
BARE = re.compile(r"[a-z_][a-z0-9_$]*\Z")


def trim_numeric(v):
    """Text-format numeric bytes without trailing fractional zeroes."""
    if v is None or b"." not in v:
        return v
    v = v.rstrip(b"0")
    return v[:-1] if v.endswith(b".") else v


def trim_numeric_rows(cols, rows):
    idx = [i for i, c in enumerate(cols) if c[1] == NUMERIC_OID]
    if not idx or not rows:
        return rows
    out = []
    for r in rows:
        r = list(r)
        for i in idx:
            r[i] = trim_numeric(r[i])
        out.append(tuple(r))
    return out


def ident_display(name):
    return name if BARE.match(name) else '"%s"' % name.replace('"', '""')


def search_path_value(tokens):
    """The search_path value of `SET search_path = a, "B", c` as Materialize shows it."""
    names = []
    for t in tokens:
        if t.kind == WORD:
            names.append(ident_display(t.val.lower()))
        elif t.kind == QIDENT:
            names.append(ident_display(t.val))
        elif t.kind == "string":
            names.extend(ident_display(p.strip()) for p in t.val.split(",") if p.strip())
    return ", ".join(names)


def mentions_current_schema(sql):
    return "current_schema" in sql.lower()


async def rewrite_current_schema(session, sql, path):
    """Replace current_schema / current_schema() with the first existing schema of `path`."""
    toks = tokenize(sql)
    spots = []
    for i, t in enumerate(toks):
        if t.kind == WORD and t.val.lower() == "current_schema":
            if i > 0 and toks[i - 1].val == ".":
                start = toks[i - 2].start if i > 1 else t.start
            else:
                start = t.start
            end = t.end
            if i + 2 < len(toks) and toks[i + 1].val == "(" and toks[i + 2].val == ")":
                end = toks[i + 2].end
            spots.append((start, end))
    if not spots:
        return sql
    rows = await session.pg.fetch(
        "SELECT p.s FROM unnest(%s::text[]) WITH ORDINALITY AS p(s, o) JOIN pg_namespace n ON n.nspname = p.s "
        "ORDER BY p.o LIMIT 1", [list(path)])
    value = "%s::name" % quote_literal(rows[0][0]) if rows else "NULL::name"
    out, last = [], 0
    for a, b in spots:
        out.append(sql[last:a])
        out.append("(%s)" % value)
        last = b
    out.append(sql[last:])
    return "".join(out)
