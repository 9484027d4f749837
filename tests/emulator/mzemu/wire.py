"""pgwire message building and reading (server side), standard library only."""

import functools
import struct

PROTO_30 = 196608
SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102

MAX_MSG = 1 << 30


class ProtocolError(Exception):
    pass


def msg(kind, payload=b""):
    return kind + struct.pack("!I", len(payload) + 4) + payload


def cstr(s):
    if isinstance(s, str):
        s = s.encode()
    return s + b"\x00"


def auth_ok():
    return msg(b"R", struct.pack("!I", 0))


def auth_cleartext():
    return msg(b"R", struct.pack("!I", 3))


def parameter_status(k, v):
    return msg(b"S", cstr(k) + cstr(v))


def backend_key_data(pid, secret):
    return msg(b"K", struct.pack("!II", pid, secret))


def ready_for_query(status):
    return msg(b"Z", status.encode())


def _fields(severity, code, message, detail=None, hint=None):
    out = b"S" + cstr(severity) + b"V" + cstr(severity) + b"C" + cstr(code) + b"M" + cstr(message)
    if detail:
        out += b"D" + cstr(detail)
    if hint:
        out += b"H" + cstr(hint)
    return out + b"\x00"


def error_response(code, message, severity="ERROR", detail=None, hint=None):
    return msg(b"E", _fields(severity, code, message, detail, hint))


def notice_response(code, message, severity="NOTICE", detail=None, hint=None):
    return msg(b"N", _fields(severity, code, message, detail, hint))


def row_description(cols, formats=None):
    """cols: list of (name, type_oid[, typlen, typmod]); formats: per-column codes or None."""
    out = struct.pack("!H", len(cols))
    for i, c in enumerate(cols):
        name, oid = c[0], c[1]
        typlen = c[2] if len(c) > 2 else -1
        typmod = c[3] if len(c) > 3 else -1
        fmt = formats[i] if formats else 0
        out += cstr(name) + struct.pack("!IhIhih", 0, 0, oid, typlen, typmod, fmt)
    return msg(b"T", out)


_U16 = struct.Struct("!H").pack
_U32 = struct.Struct("!I").pack


def data_row(values):
    """values: sequence of bytes/str/None (text format)."""
    parts = [_U16(len(values))]
    for v in values:
        if v is None:
            parts.append(b"\xff\xff\xff\xff")
        else:
            if isinstance(v, str):
                v = v.encode()
            parts.append(_U32(len(v)))
            parts.append(v)
    body = b"".join(parts)
    return b"D" + _U32(len(body) + 4) + body


@functools.lru_cache(maxsize=16384)
def data_row_shared(values):
    """data_row() of a tuple that many subscriptions send alike (the same update or progress
    at the same timestamp): encoded once, not once per subscriber."""
    return data_row(values)


def command_complete(tag):
    return msg(b"C", cstr(tag))


def empty_query():
    return msg(b"I")


def no_data():
    return msg(b"n")


def parse_complete():
    return msg(b"1")


def bind_complete():
    return msg(b"2")


def close_complete():
    return msg(b"3")


def portal_suspended():
    return msg(b"s")


def parameter_description(oids):
    return msg(b"t", struct.pack("!H", len(oids)) + b"".join(struct.pack("!I", o) for o in oids))


def copy_out_response(ncols):
    return msg(b"H", struct.pack("!bH", 0, ncols) + struct.pack("!h", 0) * ncols)


def copy_data(b):
    return msg(b"d", b)


def copy_done():
    return msg(b"c")


async def read_startup(reader):
    hdr = await reader.readexactly(4)
    (n,) = struct.unpack("!I", hdr)
    if n < 8 or n > 10000:
        raise ProtocolError("invalid startup packet length")
    body = await reader.readexactly(n - 4)
    (code,) = struct.unpack("!I", body[:4])
    return code, body[4:]


def parse_startup_params(body):
    parts = body.split(b"\x00")
    params = {}
    i = 0
    while i + 1 < len(parts) and parts[i]:
        params[parts[i].decode("utf-8", "replace")] = parts[i + 1].decode("utf-8", "replace")
        i += 2
    return params


async def read_message(reader):
    hdr = await reader.readexactly(5)
    kind = hdr[:1]
    (n,) = struct.unpack("!I", hdr[1:])
    if n < 4 or n > MAX_MSG:
        raise ProtocolError("invalid message length")
    body = await reader.readexactly(n - 4)
    return kind, body


class Buf:
    """Cursor over a message body."""

    def __init__(self, b):
        self.b = b
        self.i = 0

    def cstr(self):
        j = self.b.index(b"\x00", self.i)
        s = self.b[self.i : j].decode("utf-8", "replace")
        self.i = j + 1
        return s

    def i16(self):
        (v,) = struct.unpack_from("!h", self.b, self.i)
        self.i += 2
        return v

    def i32(self):
        (v,) = struct.unpack_from("!i", self.b, self.i)
        self.i += 4
        return v

    def u32(self):
        (v,) = struct.unpack_from("!I", self.b, self.i)
        self.i += 4
        return v

    def take(self, n):
        v = self.b[self.i : self.i + n]
        if len(v) != n:
            raise ProtocolError("short message")
        self.i += n
        return v

    def byte(self):
        return self.take(1)


def copy_text_escape(v):
    if v is None:
        return b"\\N"
    if isinstance(v, str):
        v = v.encode()
    return (
        v.replace(b"\\", b"\\\\")
        .replace(b"\t", b"\\t")
        .replace(b"\n", b"\\n")
        .replace(b"\r", b"\\r")
    )


def copy_text_row(values):
    return b"\t".join(copy_text_escape(v) for v in values) + b"\n"


def stream_bytes(rows, copy):
    """A SUBSCRIBE batch as one write: COPY text CopyData messages (copy), or DataRows (a tuple
    row is one that many subscribers send alike: data_row_shared)."""
    if copy:
        return b"".join(copy_data(copy_text_row(r)) for r in rows)
    return b"".join(data_row_shared(r) if isinstance(r, tuple) else data_row(r) for r in rows)


