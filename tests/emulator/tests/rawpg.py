"""rawpg: a tiny, independent PostgreSQL v3 wire client for black-box tests.

Only sockets and struct: no code shared with the emulator or the proxy. It gives byte-level
control where libpq hides it (ParameterStatus order, BackendKeyData, startup packets of other
protocol versions, SSLRequest, CancelRequest, Execute(max_rows) -> PortalSuspended) and it
streams a plain SUBSCRIBE row by row.
"""

import socket
import struct

PROTO_3 = 196608
SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102


class WireError(Exception):
    pass


class Msg:
    """One backend message: type byte (str) and payload (bytes)."""

    def __init__(self, kind, payload):
        self.kind = kind
        self.payload = payload

    def __repr__(self):
        return "Msg(%r, %r)" % (self.kind, self.payload[:80])

    # decoders -------------------------------------------------------------------------------
    def fields(self):
        """ErrorResponse / NoticeResponse fields as {code letter: str}."""
        out = {}
        for part in self.payload.split(b"\0"):
            if part:
                out[chr(part[0])] = part[1:].decode("utf-8", "replace")
        return out

    def param(self):
        k, v, _ = self.payload.split(b"\0", 2)
        return k.decode(), v.decode()

    def backend_key(self):
        return struct.unpack("!ii", self.payload)

    def row(self):
        """DataRow -> list of str or None."""
        (n,) = struct.unpack_from("!h", self.payload, 0)
        off = 2
        out = []
        for _ in range(n):
            (ln,) = struct.unpack_from("!i", self.payload, off)
            off += 4
            if ln < 0:
                out.append(None)
            else:
                out.append(self.payload[off : off + ln].decode())
                off += ln
        return out

    def columns(self):
        """RowDescription -> list of (name, type_oid)."""
        (n,) = struct.unpack_from("!h", self.payload, 0)
        off = 2
        out = []
        for _ in range(n):
            end = self.payload.index(b"\0", off)
            name = self.payload[off:end].decode()
            off = end + 1
            _tbl, _col, typ, _len, _mod, _fmt = struct.unpack_from("!ihihih", self.payload, off)
            off += 18
            out.append((name, typ))
        return out

    def tag(self):
        return self.payload.rstrip(b"\0").decode()


def _cstr(s):
    return s.encode() + b"\0"


class Conn:
    def __init__(self, host, port, timeout=10.0):
        self.host = host
        self.port = port
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.settimeout(timeout)
        self.buf = b""
        self.pid = None
        self.key = None
        self.params = []  # ParameterStatus in arrival order

    def close(self):
        try:
            self.sock.sendall(b"X" + struct.pack("!i", 4))
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass

    def settimeout(self, t):
        self.sock.settimeout(t)

    # low level ------------------------------------------------------------------------------
    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise WireError("connection closed by server")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_byte(self):
        return self._read(1)

    def recv(self):
        head = self._read(5)
        kind = chr(head[0])
        (ln,) = struct.unpack("!i", head[1:])
        if ln < 4:
            raise WireError("bad length %d" % ln)
        return Msg(kind, self._read(ln - 4))

    def send(self, kind, payload=b""):
        self.sock.sendall(kind.encode() + struct.pack("!i", len(payload) + 4) + payload)

    def send_untyped(self, payload):
        self.sock.sendall(struct.pack("!i", len(payload) + 4) + payload)

    # startup --------------------------------------------------------------------------------
    def send_startup(self, params, version=PROTO_3):
        body = struct.pack("!i", version)
        for k, v in params.items():
            body += _cstr(k) + _cstr(v)
        body += b"\0"
        self.send_untyped(body)

    def ssl_request(self, code=SSL_REQUEST):
        """Send SSLRequest (or GSSENCRequest) and return the one-byte answer."""
        self.send_untyped(struct.pack("!i", code))
        return self.read_byte()

    def startup(self, params, password=None, version=PROTO_3):
        """Run startup; return every message up to and including ReadyForQuery or an error."""
        self.send_startup(params, version)
        msgs = []
        while True:
            m = self.recv()
            msgs.append(m)
            if m.kind == "R":
                (code,) = struct.unpack_from("!i", m.payload, 0)
                if code == 3:
                    if password is None:
                        raise WireError("server asked for a password")
                    self.send("p", _cstr(password))
                elif code != 0:
                    raise WireError("unsupported auth request %d" % code)
            elif m.kind == "S":
                self.params.append(m.param())
            elif m.kind == "K":
                self.pid, self.key = m.backend_key()
            elif m.kind in ("Z", "E"):
                return msgs

    # simple query ---------------------------------------------------------------------------
    def query(self, sql):
        """Simple Query; return every message up to and including ReadyForQuery."""
        self.send("Q", _cstr(sql))
        return self.until_ready()

    def until_ready(self):
        msgs = []
        while True:
            m = self.recv()
            msgs.append(m)
            if m.kind == "Z":
                return msgs

    # extended query -------------------------------------------------------------------------
    def parse(self, sql, name=""):
        self.send("P", _cstr(name) + _cstr(sql) + struct.pack("!h", 0))

    def bind(self, portal="", stmt="", params=()):
        body = _cstr(portal) + _cstr(stmt) + struct.pack("!h", 0) + struct.pack("!h", len(params))
        for p in params:
            if p is None:
                body += struct.pack("!i", -1)
            else:
                b = p.encode()
                body += struct.pack("!i", len(b)) + b
        body += struct.pack("!h", 0)
        self.send("B", body)

    def describe_portal(self, portal=""):
        self.send("D", b"P" + _cstr(portal))

    def execute(self, portal="", max_rows=0):
        self.send("E", _cstr(portal) + struct.pack("!i", max_rows))

    def sync(self):
        self.send("S")

    def flush(self):
        self.send("H")

    def recv_until(self, kinds):
        msgs = []
        while True:
            m = self.recv()
            msgs.append(m)
            if m.kind in kinds:
                return msgs


def cancel(host, port, pid, key, timeout=5.0):
    """Send a CancelRequest on a fresh connection."""
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(struct.pack("!iiii", 16, CANCEL_REQUEST, pid, key))
        s.settimeout(timeout)
        try:
            s.recv(1)
        except OSError:
            pass
    finally:
        s.close()


def errors(msgs):
    return [m.fields() for m in msgs if m.kind == "E"]


def notices(msgs):
    return [m.fields() for m in msgs if m.kind == "N"]


def rows(msgs):
    return [m.row() for m in msgs if m.kind == "D"]
