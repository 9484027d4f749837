"""§8.2 Trust and cleartext-password authentication; bad password -> FATAL 28P01."""

import os
import struct

import psycopg
import pytest

import rawpg

PASSWORD = "mzp_black_box_secret"


@pytest.fixture(scope="module")
def pw_emu(start_emulator):
    env = dict(os.environ, MZEMU_PASSWORD=PASSWORD)
    return start_emulator(extra_args=["--password-auth"], env=env)


def test_2_auth_trust_any_user_ok_at_once(emu, uniq):
    c = rawpg.Conn("127.0.0.1", emu.port)
    try:
        c.send_startup({"user": uniq("someone"), "database": "materialize"})
        m = c.recv()
        assert m.kind == "R" and struct.unpack("!i", m.payload[:4])[0] == 0
        msgs = c.until_ready()
        assert not rawpg.errors(msgs)
    finally:
        c.close()


def test_2_auth_trust_current_user(emu, uniq):
    user = uniq("trusted")
    with emu.connect(user=user) as c:
        assert c.execute("SELECT current_user").fetchone()[0] == user


@pytest.mark.limit(90)
def test_2_auth_cleartext_requested(pw_emu):
    c = rawpg.Conn("127.0.0.1", pw_emu.port)
    try:
        c.send_startup({"user": "materialize", "database": "materialize"})
        m = c.recv()
        assert m.kind == "R" and struct.unpack("!i", m.payload[:4])[0] == 3
        c.send("p", PASSWORD.encode() + b"\0")
        msgs = c.until_ready()
        assert msgs[0].kind == "R" and struct.unpack("!i", msgs[0].payload[:4])[0] == 0
        assert not rawpg.errors(msgs)
    finally:
        c.close()


@pytest.mark.limit(90)
def test_2_auth_cleartext_ok_psycopg(pw_emu):
    with pw_emu.connect(password=PASSWORD) as c:
        assert c.execute("SELECT 1").fetchone()[0] == 1


@pytest.mark.limit(90)
def test_2_auth_bad_password_28P01(pw_emu):
    c = rawpg.Conn("127.0.0.1", pw_emu.port)
    try:
        msgs = c.startup({"user": "materialize", "database": "materialize"}, password="wrong")
        assert msgs[-1].kind == "E"
        f = msgs[-1].fields()
        assert f["S"] == "FATAL"
        assert f["C"] == "28P01"
        assert f["M"] == "invalid password"
    finally:
        c.close()
    with pytest.raises(psycopg.OperationalError) as ei:
        pw_emu.connect(password="also wrong")
    assert "invalid password" in str(ei.value)
