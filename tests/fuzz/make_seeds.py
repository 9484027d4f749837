#!/usr/bin/python3
"""Writes the seed corpora for fuzz_frame, fuzz_startup, fuzz_scram, fuzz_authfile and
fuzz_saslprep (binary files)."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def msg(t, body):
    return t + struct.pack(">I", len(body) + 4) + body


def startup(code, body):
    return struct.pack(">II", len(body) + 8, code) + body


def params(*kv):
    return b"".join(s.encode() + b"\0" for s in kv) + b"\0"


def field(name, table, col, typ, tlen, mod, fmt):
    return name + b"\0" + struct.pack(">IhIhih", table, col, typ, tlen, mod, fmt)


frame = {
    "query": msg(b"Q", b"SELECT 1\0"),
    "extended": msg(b"P", b"s1\0SELECT $1\0\0\1\0\0\0\x17")
    + msg(b"B", b"\0s1\0\0\0\0\1\0\0\0\1" + b"5" + b"\0\0")
    + msg(b"E", b"\0\0\0\0\0")
    + msg(b"S", b""),
    "password": msg(b"p", b"md5a3556571e93b0d20722ba62be61e8c2d\0"),
    "sasl_initial": msg(b"p", b"SCRAM-SHA-256\0" + struct.pack(">i", 8) + b"n,,n=,r="),
    "auth_sasl": msg(b"R", struct.pack(">i", 10) + b"SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0"),
    "backend_startup": msg(b"R", struct.pack(">i", 0))
    + msg(b"S", b"server_version\0" + b"9.5.0\0")
    + msg(b"K", struct.pack(">II", 4242, 0xFEEDFACE))
    + msg(b"Z", b"I"),
    "result": msg(b"T", struct.pack(">h", 2) + field(b"a", 0, 0, 23, 4, -1, 0)
                  + field(b"mz_diff", 0, 0, 20, 8, -1, 0))
    + msg(b"D", struct.pack(">h", 2) + struct.pack(">i", 1) + b"1" + struct.pack(">i", -1))
    + msg(b"C", b"SELECT 1\0")
    + msg(b"Z", b"T"),
    "error": msg(b"E", b"SERROR\0VERROR\0C42P01\0Mrelation \"x\" does not exist\0\0")
    + msg(b"N", b"SNOTICE\0C00000\0Mhi\0\0"),
}

start = {
    "psql": startup(196608, params("user", "alice", "database", "shop",
                                   "application_name", "psql", "client_encoding", "UTF8")),
    "options": startup(196608, params("user", "u", "options",
                                      "-c cutover.route=deploy --search-path=a\\ b -cX=1")),
    "ssl": startup(80877103, b""),
    "gssenc": startup(80877104, b""),
    "cancel": startup(80877102, struct.pack(">II", 12345, 0xDEADBEEF)),
    "options_text": b"-c a=1 --b-c=x\\ y -cd=back\\\\slash",
    "protocol_3_2_pq": startup((3 << 16) | 2, params("user", "bob", "_pq_.foo", "x", "database",
                                                     "d", "_pq_.bar", "")),
    "negotiate_version": msg(b"v", struct.pack(">II", 196608, 2) + b"_pq_.foo\0_pq_.bar\0"),
}

# RFC 7677's exchange (user "user", password "pencil") and the other forms PostgreSQL meets.
NONCE = b"rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
PROOF = b"dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
VERIFIER = (b"SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
            b"WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            b"wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=")
scram = {
    "client_first": b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
    "client_first_plus": b"p=tls-server-end-point,,n=,r=rOprNGfwEbeRWgbNEkqO",
    "client_first_authzid": b"y,a=bob=2Cx,n=bob,r=abc,x=ext",
    "server_first": b"r=" + NONCE + b",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
    "client_final": b"c=biws,r=" + NONCE + b",p=" + PROOF,
    "client_final_ext": b"c=biws,r=abc,x=1,p=" + PROOF,
    "server_final": b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
    "server_error": b"e=invalid-proof",
    "verifier": VERIFIER,
    "exchange": b"n,,n=,r=abc\0c=biws,r=abc,p=" + PROOF,
}

authfile = {
    "userlist": b"; users\n\n\"alice\" \"" + VERIFIER + b"\"\n"
    + b"\"bob \"\"q\"\"\" \"" + VERIFIER + b"\" ; comment\r\n",
    "md5": b"\"alice\" \"md5a3556571e93b0d20722ba62be61e8c2d\"\n",
    "plaintext": b"\"alice\" \"secret\"\n",
}

saslprep = {
    "nbsp": "no\u00a0break".encode(),
    "dot": "\u1e9b\u0323".encode(),
    "ligature": "\ufb01le".encode(),
    "soft_hyphen": "I\u00adX\u2168".encode(),
    "bidi": "\u06271\u0628".encode(),
    "hangul": "\u1100\u1161\u11a8\uac00".encode(),
    "invalid": b"\xc3\x28\xed\xa0\x80",
}

for d, seeds in (("frame", frame), ("startup", start), ("scram", scram), ("authfile", authfile),
                 ("saslprep", saslprep)):
    os.makedirs(os.path.join(HERE, "corpus", d), exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(HERE, "corpus", d, name), "wb") as f:
            f.write(data)
