"""Issue 17, kinds 6 and 8: output formats as Materialize prints them, and what the emulator
deliberately does not model is refused clearly.

Sources: https://materialize.com/docs/sql/types/numeric/ ("Materialize trims all trailing
zeroes off of numeric values, irrespective of their specified scale"); current_schema() is the
first existing schema of the search path, NULL when none exists; search_path identifiers print
bare when they can, quoted otherwise (src/sql-parser Ident display).
"""

from decimal import Decimal

import psycopg
import pytest

from emutil import sqlstate


def test_avg_over_integers_has_no_trailing_zeroes(mz, uniq):
    t = uniq("t")
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("INSERT INTO %s VALUES (10), (30)" % t)
    assert mz.execute("SELECT avg(a) FROM %s" % t).fetchone() == (Decimal("20"),)
    # the text on the wire, not only the value: no trailing zeroes whatever the scale
    row = mz.execute("SELECT avg(a), 1.50::numeric(10,2), 0.0::numeric, 1.2300::numeric(10,4) FROM %s" % t,
                     binary=False).fetchone()
    assert [str(v) for v in row] == ["20", "1.5", "0", "1.23"]


def test_current_schema_is_null_when_the_path_schema_does_not_exist(mz, uniq):
    assert mz.execute("SELECT current_schema()").fetchone() == ("public",)
    mz.execute("SET search_path = %s" % uniq("nope"))
    assert mz.execute("SELECT current_schema()").fetchone() == (None,)
    assert mz.execute("SELECT current_schema").fetchone() == (None,)
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("SET search_path = %s_nope, %s" % (s, s))
    assert mz.execute("SELECT current_schema()").fetchone() == (s,)


def test_search_path_is_shown_as_materialize_shows_it(mz):
    mz.execute('SET search_path = Public, "MixedCase", b')
    assert mz.execute("SHOW search_path").fetchone() == ('public, "MixedCase", b',)
    mz.execute("SET search_path = public")
    assert mz.execute("SHOW search_path").fetchone() == ("public",)


@pytest.mark.parametrize("sql, what", [
    ("EXPLAIN SELECT 1", "EXPLAIN"),
    ("CREATE SOURCE k FROM KAFKA CONNECTION kc (TOPIC 't')", "CREATE SOURCE"),
    ("CREATE SOURCE s3 FROM S3 CONNECTION sc (URL 's3://b/k')", "CREATE SOURCE"),
    ("CREATE CONNECTION kc TO KAFKA (BROKER 'localhost:9092')", "CREATE CONNECTION"),
    ("COPY (SELECT 1) TO 's3://bucket/path' WITH (AWS CONNECTION = c, FORMAT = 'csv')", "COPY ... TO S3"),
])
def test_unmodelled_statements_are_refused(mz, sql, what):
    with pytest.raises(psycopg.Error) as ei:
        mz.execute(sql)
    assert sqlstate(ei.value) == "0A000"
    assert ei.value.diag.message_primary.startswith(what)
    assert "not supported by the emulator" in ei.value.diag.message_primary
    assert mz.execute("SELECT 1").fetchone() == (1,)
