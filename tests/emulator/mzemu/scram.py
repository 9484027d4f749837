"""SCRAM-SHA-256 authentication, the server side (RFC 5802 / RFC 7677), as self-managed
Materialize offers it (fact sheet §5): SASL over pgwire, mechanism SCRAM-SHA-256 only, no
channel binding (SCRAM-SHA-256-PLUS is not offered, so a client's gs2 header is `n,,` or `y,,`).

Like a real server, the exchange uses the user's stored verifier
(`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`), made once from the password with a
random salt and kept in mz_emu.scram_verifiers (App.scram_verifier_of): every login of a user
sees the same salt, which SCRAM pass-through (a proxy holding the same verifier) relies on.
"""

import base64
import hashlib
import hmac
import os
import struct

from . import wire

MECHANISM = "SCRAM-SHA-256"
ITERATIONS = 4096

AUTH_SASL, AUTH_SASL_CONTINUE, AUTH_SASL_FINAL = 10, 11, 12


class ScramError(Exception):
    """A malformed exchange: 08P01 (protocol violation), as PostgreSQL answers."""


def _auth(code, data=b""):
    return wire.msg(b"R", struct.pack("!I", code) + data)


def _hmac(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def _attrs(text):
    out = {}
    for part in text.split(","):
        if len(part) < 2 or part[1] != "=":
            raise ScramError("malformed SCRAM message")
        out[part[0]] = part[2:]
    return out


def _parse_initial(body):
    """SASLInitialResponse: mechanism, int32 length, client-first-message."""
    end = body.find(b"\x00")
    if end < 0:
        raise ScramError("malformed SASLInitialResponse")
    mech = body[:end].decode("ascii", "replace")
    if mech != MECHANISM:
        raise ScramError("client selected an invalid SASL authentication mechanism")
    (n,) = struct.unpack("!i", body[end + 1:end + 5])
    data = body[end + 5:]
    if n < 0 or len(data) != n:
        raise ScramError("malformed SASLInitialResponse")
    return data.decode("utf-8")


def make_verifier(password, salt=None, iterations=ITERATIONS):
    """The verifier text for `password`, as PostgreSQL writes it (no SASLprep: ASCII passwords)."""
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    stored_key = hashlib.sha256(_hmac(salted, b"Client Key")).digest()
    server_key = _hmac(salted, b"Server Key")
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    return "SCRAM-SHA-256$%d:%s$%s:%s" % (iterations, b64(salt), b64(stored_key), b64(server_key))


def parse_verifier(text):
    """(iterations, salt, StoredKey, ServerKey) of a verifier."""
    head, keys = text.split("$", 1)[1].split("$")
    iterations, salt = head.split(":")
    stored, server = keys.split(":")
    return int(iterations), base64.b64decode(salt), base64.b64decode(stored), base64.b64decode(server)


async def authenticate(conn, verifier):
    """Run the exchange on `conn` (server.Connection). Returns True when the client proved it
    knows the password of `verifier` (None: the user has none, which always fails after the
    exchange); a wrong proof is reported by the caller (28P01). Raises ScramError on a malformed
    exchange."""
    if verifier is None:
        iterations, salt, stored_key, server_key = ITERATIONS, os.urandom(16), None, None
    else:
        iterations, salt, stored_key, server_key = parse_verifier(verifier)
    conn.send(_auth(AUTH_SASL, MECHANISM.encode() + b"\x00\x00"))
    await conn.flush()
    kind, body = await wire.read_message(conn.reader)
    if kind != b"p":
        raise ScramError("expected SASL response, got message type %r" % kind)
    client_first = _parse_initial(body)
    if not client_first.startswith(("n,", "y,")):
        raise ScramError("channel binding is not supported")  # p=...: SCRAM-SHA-256-PLUS
    gs2_end = client_first.index(",", 2) + 1  # past the (empty or a=) authzid
    gs2_header = client_first[:gs2_end]
    client_first_bare = client_first[gs2_end:]
    cattrs = _attrs(client_first_bare)
    cnonce = cattrs.get("r")
    if not cnonce:
        raise ScramError("malformed SCRAM message: no nonce")

    nonce = cnonce + base64.b64encode(os.urandom(18)).decode()
    server_first = "r=%s,s=%s,i=%d" % (nonce, base64.b64encode(salt).decode(), iterations)
    conn.send(_auth(AUTH_SASL_CONTINUE, server_first.encode()))
    await conn.flush()

    kind, body = await wire.read_message(conn.reader)
    if kind != b"p":
        raise ScramError("expected SASL response, got message type %r" % kind)
    client_final = body.decode("utf-8")
    fattrs = _attrs(client_final)
    if fattrs.get("r") != nonce:
        raise ScramError("SCRAM nonce mismatch")
    if fattrs.get("c") != base64.b64encode(gs2_header.encode()).decode():
        raise ScramError("SCRAM channel binding check failed")
    try:
        proof = base64.b64decode(fattrs.get("p", ""), validate=True)
    except ValueError:
        raise ScramError("malformed SCRAM proof") from None
    without_proof = client_final[: client_final.rindex(",p=")]
    auth_message = ",".join([client_first_bare, server_first, without_proof]).encode()

    signature = _hmac(stored_key or b"", auth_message)
    if verifier is None or len(proof) != len(signature):
        return False
    recovered = bytes(a ^ b for a, b in zip(proof, signature))
    if not hmac.compare_digest(hashlib.sha256(recovered).digest(), stored_key):
        return False
    server_signature = _hmac(server_key, auth_message)
    conn.send(_auth(AUTH_SASL_FINAL, b"v=" + base64.b64encode(server_signature)))
    return True
