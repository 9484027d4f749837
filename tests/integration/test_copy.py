"""COPY of 100 MB in each direction through cutoverd, byte for byte."""

import hashlib
import os

import pytest

MB = 1024 * 1024
SIZE = 100 * MB


@pytest.fixture(scope="module")
def copy_src(stack):
    # ~110 bytes per row, ~1M rows: a bit over 100 MB of COPY text.
    with stack.connect(direct=True) as c:
        c.execute("DROP TABLE IF EXISTS it_copy_src")
        c.execute("CREATE TABLE it_copy_src AS SELECT i AS id, md5(i::text) || "
                  "repeat(chr(65 + i % 26), 70) AS payload FROM generate_series(1, 1000000) i")
    return "it_copy_src"


def copy_out_digest(conn, sql):
    h = hashlib.sha256()
    n = 0
    with conn.cursor().copy(sql) as copy:
        for block in copy:
            h.update(block)
            n += len(block)
    return h.hexdigest(), n


def test_copy_to_stdout_100mb_identical(stack, copy_src):
    sql = "COPY (SELECT * FROM it_copy_src ORDER BY id) TO STDOUT"
    with stack.connect(direct=True) as d, stack.connect() as p:
        direct = copy_out_digest(d, sql)
        via = copy_out_digest(p, sql)
    assert direct[1] >= SIZE
    assert via == direct


def test_copy_binary_to_stdout_identical(stack, copy_src):
    sql = "COPY (SELECT * FROM it_copy_src WHERE id <= 200000 ORDER BY id) TO STDOUT (FORMAT binary)"
    with stack.connect(direct=True) as d, stack.connect() as p:
        assert copy_out_digest(p, sql) == copy_out_digest(d, sql)


def test_copy_from_stdin_100mb_identical(stack, tmp_path):
    # A generated file in COPY text format, canonical so that COPY TO gives the same bytes back.
    path = tmp_path / "copy_in.txt"
    h = hashlib.sha256()
    size = 0
    with open(path, "wb") as f:
        i = 0
        while size < SIZE:
            chunk = b"".join(b"%d\t%s\t%s\n" % (j, hashlib.md5(b"%d" % j).hexdigest().encode(),
                                                 b"z" * (j % 97))
                             for j in range(i, i + 10000))
            i += 10000
            f.write(chunk)
            h.update(chunk)
            size += len(chunk)
    rows = i
    with stack.connect() as p:
        p.execute("DROP TABLE IF EXISTS it_copy_in")
        p.execute("CREATE TABLE it_copy_in (id int, h text, pad text)")
        with open(path, "rb") as f, p.cursor().copy("COPY it_copy_in FROM STDIN") as copy:
            while True:
                block = f.read(MB)
                if not block:
                    break
                copy.write(block)
        assert p.execute("SELECT count(*) FROM it_copy_in").fetchone() == (rows,)
    with stack.connect(direct=True) as d:
        back = copy_out_digest(d, "COPY (SELECT * FROM it_copy_in ORDER BY id) TO STDOUT")
        assert back == (h.hexdigest(), size)
        # And a table checksum computed by the server from the stored rows.
        srv = d.execute("SELECT md5(string_agg(id || ':' || h || ':' || pad, ',' ORDER BY id)) "
                        "FROM it_copy_in").fetchone()[0]
        d.execute("DROP TABLE it_copy_in")
    expected = hashlib.md5(",".join("%d:%s:%s" % (j, hashlib.md5(b"%d" % j).hexdigest(),
                                                  "z" * (j % 97))
                                    for j in range(rows)).encode()).hexdigest()
    assert srv == expected
    os.unlink(path)


def test_copy_from_stdin_error_keeps_session(proxied):
    proxied.execute("CREATE TEMP TABLE ce (i int)")
    with pytest.raises(Exception) as ei:
        with proxied.cursor().copy("COPY ce FROM STDIN") as copy:
            copy.write(b"1\n2\nnot a number\n")
    assert getattr(ei.value, "sqlstate", None) == "22P02"
    assert proxied.execute("SELECT count(*) FROM ce").fetchone() == (0,)
