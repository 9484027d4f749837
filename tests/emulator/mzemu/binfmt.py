"""Binary wire formats: turn PostgreSQL text output into binary values for the common types
(clients such as pgx or tokio-postgres ask for binary results), and decode binary parameters."""

import datetime
import re
import struct
import uuid
from decimal import Decimal

from .sqlparse import SqlError

_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
_EPOCH_NAIVE = datetime.datetime(2000, 1, 1)
_EPOCH_DATE = datetime.date(2000, 1, 1)
_INT64_MAX = (1 << 63) - 1
_INT64_MIN = -(1 << 63)

TEXTLIKE = {25, 1043, 1042, 19, 114, 705, 0, 18}


def numeric_bin(s):
    s = s.strip()
    if s == "NaN":
        return struct.pack("!hhHH", 0, 0, 0xC000, 0)
    if "e" in s.lower():
        s = format(Decimal(s), "f")
    neg = s.startswith("-")
    s = s.lstrip("+-")
    intpart, _, frac = s.partition(".")
    dscale = len(frac)
    intpart = intpart.lstrip("0")
    ip = intpart.rjust((len(intpart) + 3) // 4 * 4, "0") if intpart else ""
    fp = frac.ljust((len(frac) + 3) // 4 * 4, "0")
    digits = [int(ip[i: i + 4]) for i in range(0, len(ip), 4)] + [int(fp[i: i + 4]) for i in range(0, len(fp), 4)]
    weight = len(ip) // 4 - 1
    while digits and digits[0] == 0:
        digits.pop(0)
        weight -= 1
    while digits and digits[-1] == 0:
        digits.pop()
    if not digits:
        weight = 0
        neg = False
    return struct.pack("!hhHH", len(digits), weight, 0x4000 if neg else 0, dscale) + b"".join(
        struct.pack("!H", d) for d in digits)


def _ts(s, tz):
    if s == "infinity":
        return struct.pack("!q", _INT64_MAX)
    if s == "-infinity":
        return struct.pack("!q", _INT64_MIN)
    bc = s.endswith(" BC")
    if bc:
        raise SqlError("0A000", "binary format of BC timestamps is not supported by the emulator")
    d = datetime.datetime.fromisoformat(s)
    if tz:
        if d.tzinfo is None:
            d = d.replace(tzinfo=datetime.timezone.utc)
        delta = d - _EPOCH
    else:
        delta = d.replace(tzinfo=None) - _EPOCH_NAIVE
    return struct.pack("!q", (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds)


_IV = re.compile(r"(-?\d+) (year|mon|day)s?")
_IVT = re.compile(r"(-?)(\d+):(\d\d):(\d\d)(?:\.(\d+))?")


def _interval(s):
    months = days = 0
    for n, unit in _IV.findall(s):
        n = int(n)
        if unit == "year":
            months += 12 * n
        elif unit == "mon":
            months += n
        else:
            days += n
    us = 0
    m = _IVT.search(s)
    if m:
        us = ((int(m.group(2)) * 60 + int(m.group(3))) * 60 + int(m.group(4))) * 1000000
        if m.group(5):
            us += int(m.group(5).ljust(6, "0")[:6])
        if m.group(1) == "-":
            us = -us
    return struct.pack("!qii", us, days, months)


def to_binary(oid, v):
    """Text output bytes of a value of type oid -> binary bytes (None stays None)."""
    if v is None:
        return None
    s = v.decode() if isinstance(v, (bytes, bytearray)) else v
    if oid in TEXTLIKE:
        return s.encode()
    if oid == 16:
        return b"\x01" if s in ("t", "true") else b"\x00"
    if oid == 21:
        return struct.pack("!h", int(s))
    if oid == 23:
        return struct.pack("!i", int(s))
    if oid == 20:
        return struct.pack("!q", int(s))
    if oid in (26, 24, 2202, 2205, 2206):
        return struct.pack("!I", int(s))
    if oid == 700:
        return struct.pack("!f", float(s))
    if oid == 701:
        return struct.pack("!d", float(s))
    if oid == 1700:
        return numeric_bin(s)
    if oid == 17:
        if s.startswith("\\x"):
            return bytes.fromhex(s[2:])
        raise SqlError("0A000", "bytea escape output is not supported in binary by the emulator")
    if oid == 1114:
        return _ts(s, False)
    if oid == 1184:
        return _ts(s, True)
    if oid == 1082:
        if s in ("infinity", "-infinity"):
            return struct.pack("!i", 0x7FFFFFFF if s == "infinity" else -0x80000000)
        return struct.pack("!i", (datetime.date.fromisoformat(s) - _EPOCH_DATE).days)
    if oid == 1083:
        t = datetime.time.fromisoformat(s)
        return struct.pack("!q", ((t.hour * 60 + t.minute) * 60 + t.second) * 1000000 + t.microsecond)
    if oid == 1186:
        return _interval(s)
    if oid == 2950:
        return uuid.UUID(s).bytes
    if oid == 3802:
        return b"\x01" + s.encode()
    raise SqlError("0A000", "binary result format for type %d is not supported by the emulator" % oid)


def encode_rows(cols, rows, fmts):
    """Apply per-column result formats (Bind's result format codes) to text rows."""
    n = len(cols)
    if not fmts or not any(fmts):
        return rows
    per = fmts * n if len(fmts) == 1 else fmts
    if len(per) != n:
        raise SqlError("08P01", "bind message has %d result formats but query has %d columns" % (len(fmts), n))
    oids = [c[1] for c in cols]
    out = []
    for r in rows:
        out.append(tuple(to_binary(oids[i], r[i]) if per[i] == 1 else r[i] for i in range(n)))
    return out


def col_formats(cols, fmts):
    if not fmts:
        return None
    return fmts * len(cols) if len(fmts) == 1 else fmts


def param_text(oid, raw):
    """A binary parameter -> its text form for SQL literal substitution."""
    if oid in (20, 21, 23, 26):
        return str(int.from_bytes(raw, "big", signed=oid != 26))
    if oid == 16:
        return "true" if raw != b"\x00" else "false"
    if oid == 700:
        return repr(struct.unpack("!f", raw)[0])
    if oid == 701:
        return repr(struct.unpack("!d", raw)[0])
    if oid == 2950:
        return str(uuid.UUID(bytes=bytes(raw)))
    if oid == 17:
        return "\\x" + bytes(raw).hex()
    if oid == 3802:
        return bytes(raw[1:]).decode()
    if oid in (1114, 1184):
        (us,) = struct.unpack("!q", raw)
        d = (_EPOCH if oid == 1184 else _EPOCH_NAIVE) + datetime.timedelta(microseconds=us)
        return d.isoformat(sep=" ")
    if oid == 1082:
        (days,) = struct.unpack("!i", raw)
        return (_EPOCH_DATE + datetime.timedelta(days=days)).isoformat()
    if oid == 1700:
        return _numeric_from_bin(raw)
    if oid == 1186:
        us, days, months = struct.unpack("!qii", raw)
        return "%d mons %d days %d microseconds" % (months, days, us)
    if oid == 1083:
        (us,) = struct.unpack("!q", raw)
        return str(datetime.timedelta(microseconds=us))
    if oid in TEXTLIKE:
        return bytes(raw).decode("utf-8", "replace")
    raise SqlError("0A000", "binary parameter format for type %d is not supported by the emulator" % oid)


def _numeric_from_bin(raw):
    ndigits, weight, sign, dscale = struct.unpack("!hhHH", raw[:8])
    if sign == 0xC000:
        return "NaN"
    digits = struct.unpack("!%dH" % ndigits, raw[8: 8 + 2 * ndigits])
    val = Decimal(0)
    for i, d in enumerate(digits):
        val += Decimal(d) * (Decimal(10000) ** (weight - i))
    if sign == 0x4000:
        val = -val
    return format(val.quantize(Decimal(1).scaleb(-dscale)) if dscale else val.to_integral_value(), "f")
