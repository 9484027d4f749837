"""§8.16 SCRAM-SHA-256 authentication (self-managed Materialize, fact sheet §5): SASL with the
one mechanism SCRAM-SHA-256 and no channel binding, verified with libpq (psycopg) as the client,
which also checks the server's signature; a wrong password gives FATAL 28P01."""

import os
import struct

import psycopg
import pytest

import rawpg

PASSWORD = "self managed secret"


@pytest.fixture(scope="module")
def scram_emu(start_emulator):
    env = dict(os.environ, MZEMU_PASSWORD=PASSWORD)
    return start_emulator(extra_args=["--scram-auth"], env=env)


def _connect(e, password, **kw):
    return psycopg.connect(host="127.0.0.1", port=e.port, user="materialize", dbname="materialize",
                           password=password, autocommit=True, connect_timeout=10, **kw)


def test_22_scram_offers_only_scram_sha_256(scram_emu):
    c = rawpg.Conn("127.0.0.1", scram_emu.port)
    try:
        c.send_startup({"user": "materialize", "database": "materialize"})
        m = c.recv()
        assert m.kind == "R"
        assert struct.unpack("!i", m.payload[:4])[0] == 10  # AuthenticationSASL
        assert m.payload[4:] == b"SCRAM-SHA-256\x00\x00"  # no SCRAM-SHA-256-PLUS
    finally:
        c.close()


def test_22_scram_libpq_client(scram_emu):
    with _connect(scram_emu, PASSWORD) as c:  # libpq verifies the server signature too
        assert c.execute("SELECT current_user").fetchone()[0] == "materialize"
    # channel binding cannot be required: the server does not offer it
    with pytest.raises(psycopg.OperationalError):
        _connect(scram_emu, PASSWORD, channel_binding="require")


def _raw_scram(e, password):
    """A minimal RFC 5802 client written here (not libpq): returns the messages after the
    client's proof, through ReadyForQuery or the error."""
    import base64
    import hashlib
    import hmac

    c = rawpg.Conn("127.0.0.1", e.port)
    try:
        c.send_startup({"user": "materialize", "database": "materialize"})
        assert c.recv().kind == "R"
        cnonce = base64.b64encode(os.urandom(12)).decode()
        bare = "n=,r=" + cnonce
        first = ("n,," + bare).encode()
        c.send("p", b"SCRAM-SHA-256\x00" + struct.pack("!i", len(first)) + first)
        m = c.recv()
        assert m.kind == "R" and struct.unpack("!i", m.payload[:4])[0] == 11
        server_first = m.payload[4:].decode()
        attrs = dict(x.split("=", 1) for x in server_first.split(","))
        assert attrs["r"].startswith(cnonce) and int(attrs["i"]) >= 4096
        salted = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(attrs["s"]),
                                     int(attrs["i"]))
        ckey = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
        without = "c=biws,r=" + attrs["r"]
        auth = ",".join([bare, server_first, without]).encode()
        sig = hmac.new(hashlib.sha256(ckey).digest(), auth, hashlib.sha256).digest()
        proof = base64.b64encode(bytes(a ^ b for a, b in zip(ckey, sig))).decode()
        c.send("p", (without + ",p=" + proof).encode())
        msgs = []
        while True:
            m = c.recv()
            msgs.append(m)
            if m.kind in ("Z", "E"):
                break
        skey = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
        return msgs, hmac.new(skey, auth, hashlib.sha256).digest()
    finally:
        c.close()


def test_22_scram_wrong_password_28p01(scram_emu):
    with pytest.raises(psycopg.OperationalError) as ei:
        _connect(scram_emu, "not the password")
    assert "invalid password" in str(ei.value)
    # on the wire, with an independent client: FATAL 28P01 after the proof ...
    msgs, _ = _raw_scram(scram_emu, "not the password")
    errs = rawpg.errors(msgs)
    assert [(x["S"], x["C"], x["M"]) for x in errs] == [("FATAL", "28P01", "invalid password")]
    # ... and the right one: SASLFinal with the server's signature, then AuthenticationOk
    msgs, want = _raw_scram(scram_emu, PASSWORD)
    import base64
    final = msgs[0]
    assert final.kind == "R" and struct.unpack("!i", final.payload[:4])[0] == 12
    assert final.payload[4:] == b"v=" + base64.b64encode(want)
    assert msgs[1].kind == "R" and struct.unpack("!i", msgs[1].payload[:4])[0] == 0
    assert msgs[-1].kind == "Z" and not rawpg.errors(msgs)


def test_22_scram_channel_binding_request_refused(scram_emu):
    """A client that asks for channel binding (gs2 header p=...) is refused with 08P01."""
    c = rawpg.Conn("127.0.0.1", scram_emu.port)
    try:
        c.send_startup({"user": "materialize", "database": "materialize"})
        assert c.recv().kind == "R"
        first = b"p=tls-server-end-point,,n=,r=abcdefghijkl"
        c.send("p", b"SCRAM-SHA-256\x00" + struct.pack("!i", len(first)) + first)
        m = c.recv()
        assert m.kind == "E"
        f = m.fields()
        assert (f["S"], f["C"]) == ("FATAL", "08P01")
    finally:
        c.close()


@pytest.mark.limit(120)
def test_22_stack_mz_auth_scram():
    """tests/stack up --backend materialize --mz-auth scram: the emulator asks for SCRAM with
    MZ_PASSWORD (in DIR/env and the admin DSN), directly and through cutoverd."""
    import shlex
    import subprocess
    import tempfile

    import emutil

    cutoverd = os.environ.get("CUTOVERD", os.path.join(emutil.REPO, "build", "cutoverd"))
    if not os.path.exists(cutoverd):
        pytest.skip("no cutoverd binary (build first or set CUTOVERD)")
    base = tempfile.mkdtemp(prefix="emu-scram-", dir="/tmp")
    os.chmod(base, 0o755)
    d = os.path.join(base, "s")
    stack = os.path.join(emutil.REPO, "tests", "stack")
    env = dict(os.environ, CUTOVERD=cutoverd)
    r = subprocess.run([stack, "up", d, "--backend", "materialize", "--mz-auth", "scram"], env=env,
                       capture_output=True, text=True, timeout=100)
    try:
        assert r.returncode == 0, r.stderr
        st = {}
        with open(os.path.join(d, "env")) as f:
            for line in f:
                k, v = line.rstrip("\n").split("=", 1)
                st[k] = shlex.split(v)[0] if v else ""
        assert st["MZ_AUTH"] == "scram" and st["MZ_PASSWORD"]
        c = rawpg.Conn("127.0.0.1", int(st["MZ_PORT"]))
        try:
            c.send_startup({"user": "materialize", "database": "materialize"})
            m = c.recv()
            assert m.kind == "R" and struct.unpack("!i", m.payload[:4])[0] == 10
        finally:
            c.close()
        for port in (st["MZ_PORT"], st["PROXY_PORT"]):
            with psycopg.connect(host="127.0.0.1", port=int(port), user="materialize",
                                 dbname="materialize", password=st["MZ_PASSWORD"], sslmode="disable",
                                 connect_timeout=10) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
            with pytest.raises(psycopg.OperationalError, match="invalid password"):
                psycopg.connect(host="127.0.0.1", port=int(port), user="materialize",
                                dbname="materialize", password="wrong", sslmode="disable",
                                connect_timeout=10)
    finally:
        subprocess.run([stack, "down", d], env=env, capture_output=True, timeout=100)
        import shutil

        shutil.rmtree(base, ignore_errors=True)
