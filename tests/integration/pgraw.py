"""pgraw: a tiny raw-socket PostgreSQL wire client for black-box tests of cutoverd.

It speaks just enough protocol 3.0 to send hand-made (and malformed) bytes and to read what comes
back: startup, SSLRequest + TLS, cleartext / md5 / SCRAM-SHA-256 authentication, simple Query, and
the parsing of ErrorResponse fields and AuthenticationSASL mechanism lists.
"""

import base64
import hashlib
import hmac
import os
import socket
import ssl
import struct
import time

PROTOCOL_3 = 196608
SSL_REQUEST = 80877103


class Closed(Exception):
    """The peer closed the connection (EOF or reset)."""


def startup_packet(params, version=PROTOCOL_3):
    body = struct.pack("!I", version)
    for k, v in params.items():
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def ssl_request():
    return struct.pack("!II", 8, SSL_REQUEST)


def message(kind, payload=b""):
    return kind + struct.pack("!I", len(payload) + 4) + payload


def query(sql):
    return message(b"Q", sql.encode() + b"\0")


def parse_fields(payload):
    """ErrorResponse / NoticeResponse body -> {field letter: value}."""
    out = {}
    for part in payload.split(b"\0"):
        if part:
            out[part[:1].decode()] = part[1:].decode(errors="replace")
    return out


class Conn:
    def __init__(self, port, host="127.0.0.1", timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.host = host

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self, n):
        while len(self.buf) < n:
            try:
                chunk = self.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError, ssl.SSLError) as e:
                raise Closed(str(e))
            if not chunk:
                raise Closed("EOF")
            self.buf += chunk

    def read_exact(self, n):
        self._fill(n)
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_message(self):
        """-> (type byte, payload). Raises Closed on EOF, socket.timeout on silence."""
        head = self.read_exact(5)
        kind, length = head[:1], struct.unpack("!I", head[1:])[0]
        if length < 4:
            raise AssertionError("server sent a message with length %d" % length)
        return kind, self.read_exact(length - 4)

    def read_until_closed(self, limit=10.0):
        """Every message until EOF (bounded by `limit` seconds): a list of (type, payload)."""
        msgs = []
        deadline = time.monotonic() + limit
        self.sock.settimeout(limit)
        while time.monotonic() < deadline:
            try:
                msgs.append(self.read_message())
            except Closed:
                return msgs, True
            except socket.timeout:
                break
        return msgs, False

    def starttls(self, cafile=None, server_hostname=None):
        """Sends SSLRequest; on 'S' wraps the socket in TLS. Returns the answer byte."""
        self.send(ssl_request())
        answer = self.read_exact(1)
        if answer == b"S":
            ctx = ssl.create_default_context(cafile=cafile)
            if cafile is None:
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
            self.sock = ctx.wrap_socket(self.sock, server_hostname=server_hostname or self.host)
        return answer

    def startup(self, user, database, password=None, version=PROTOCOL_3, **params):
        """Startup and authentication. Returns the list of messages up to and including the
        first ReadyForQuery or ErrorResponse (the caller inspects which). `version` is the
        protocol version word (3.0 by default); params may name `_pq_.` options
        (`**{"_pq_.x": "1"}`)."""
        p = {"user": user, "database": database}
        p.update(params)
        self.send(startup_packet(p, version))
        msgs = []
        scram = None
        while True:
            kind, payload = self.read_message()
            msgs.append((kind, payload))
            if kind == b"E" or kind == b"Z":
                return msgs
            if kind != b"R":
                continue
            code = struct.unpack("!I", payload[:4])[0]
            if code == 3:  # cleartext
                self.send(message(b"p", (password or "").encode() + b"\0"))
            elif code == 5:  # md5
                salt = payload[4:8]
                inner = hashlib.md5(((password or "") + user).encode()).hexdigest()
                outer = hashlib.md5(inner.encode() + salt).hexdigest()
                self.send(message(b"p", b"md5" + outer.encode() + b"\0"))
            elif code == 10:  # SASL
                mechs = sasl_mechanisms(payload)
                if "SCRAM-SHA-256" not in mechs:
                    raise AssertionError("no SCRAM-SHA-256 in %r" % mechs)
                scram = Scram(password or "")
                first = scram.client_first()
                self.send(message(b"p", b"SCRAM-SHA-256\0" + struct.pack("!i", len(first))
                                  + first))
            elif code == 11:  # SASLContinue
                self.send(message(b"p", scram.client_final(payload[4:])))
            elif code in (0, 12):  # Ok, SASLFinal
                continue
            else:
                raise AssertionError("unsupported authentication request %d" % code)

    def simple_query(self, sql):
        """Sends a Query; returns every message up to ReadyForQuery."""
        self.send(query(sql))
        return self.read_until_ready()

    def read_until_ready(self):
        """Every message up to and including the next ReadyForQuery."""
        msgs = []
        while True:
            kind, payload = self.read_message()
            msgs.append((kind, payload))
            if kind == b"Z":
                return msgs

    def startup_key(self, user, database, password=None):
        """startup() that must succeed; -> (backend pid, secret key) for CancelRequest."""
        msgs = self.startup(user, database, password=password)
        if msgs[-1][0] != b"Z":
            raise AssertionError("startup failed: %r" % (msgs,))
        key = [p for k, p in msgs if k == b"K"][0]
        return struct.unpack("!II", key)


def sasl_mechanisms(payload):
    """AuthenticationSASL payload (int32 10, then NUL-terminated names) -> list of names."""
    assert struct.unpack("!I", payload[:4])[0] == 10
    return [m.decode() for m in payload[4:].split(b"\0") if m]


def first_error(msgs):
    for kind, payload in msgs:
        if kind == b"E":
            return parse_fields(payload)
    return None


class Scram:
    """SCRAM-SHA-256 client without channel binding (RFC 5802 / 7677)."""

    def __init__(self, password):
        self.password = password.encode()
        self.nonce = base64.b64encode(os.urandom(18)).decode()
        self.first_bare = "n=,r=" + self.nonce

    def client_first(self):
        return ("n,," + self.first_bare).encode()

    def client_final(self, server_first):
        sf = server_first.decode()
        attrs = dict(kv.split("=", 1) for kv in sf.split(","))
        salt = base64.b64decode(attrs["s"])
        iters = int(attrs["i"])
        salted = hashlib.pbkdf2_hmac("sha256", self.password, salt, iters)
        client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
        stored = hashlib.sha256(client_key).digest()
        without_proof = "c=biws,r=" + attrs["r"]
        auth_msg = ",".join([self.first_bare, sf, without_proof]).encode()
        sig = hmac.new(stored, auth_msg, hashlib.sha256).digest()
        proof = bytes(a ^ b for a, b in zip(client_key, sig))
        return (without_proof + ",p=" + base64.b64encode(proof).decode()).encode()
