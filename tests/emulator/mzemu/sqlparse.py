"""Statement recognition: splitting, tokenizing and small recursive-descent helpers.

Only what the emulator must intercept is parsed; everything else is forwarded to
PostgreSQL verbatim.
"""

import re


class SqlError(Exception):
    """An error to report to the client with a SQLSTATE."""

    def __init__(self, code, message, detail=None, hint=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint


# token kinds
WORD, QIDENT, STRING, NUMBER, PUNCT, PARAM = "word", "qident", "string", "number", "punct", "param"


class Tok:
    __slots__ = ("kind", "val", "start", "end")

    def __init__(self, kind, val, start, end):
        self.kind, self.val, self.start, self.end = kind, val, start, end

    def __repr__(self):
        return "Tok(%s,%r)" % (self.kind, self.val)

    def is_kw(self, *kws):
        return self.kind == WORD and self.val.upper() in kws

    @property
    def ident(self):
        """Identifier value: unquoted words fold to lower case."""
        if self.kind == QIDENT:
            return self.val
        if self.kind == WORD:
            return self.val.lower()
        return None


_dollar_re = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


def _scan(sql, on_token):
    """Walk sql; call on_token(kind, val, start, end) per token. Comments skipped."""
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c.isspace():
            i += 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = n if j < 0 else j + 1
        elif sql.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if sql.startswith("/*", j):
                    depth += 1
                    j += 2
                elif sql.startswith("*/", j):
                    depth -= 1
                    j += 2
                else:
                    j += 1
            i = j
        elif c == "'" or (c in "eE" and i + 1 < n and sql[i + 1] == "'"):
            start = i
            esc = c in "eE"
            j = i + 2 if esc else i + 1
            buf = []
            while j < n:
                if sql[j] == "'":
                    if j + 1 < n and sql[j + 1] == "'":
                        buf.append("'")
                        j += 2
                        continue
                    break
                if esc and sql[j] == "\\" and j + 1 < n:
                    buf.append(sql[j + 1])
                    j += 2
                    continue
                buf.append(sql[j])
                j += 1
            i = j + 1
            on_token(STRING, "".join(buf), start, i)
        elif c == '"':
            start = i
            j = i + 1
            buf = []
            while j < n:
                if sql[j] == '"':
                    if j + 1 < n and sql[j + 1] == '"':
                        buf.append('"')
                        j += 2
                        continue
                    break
                buf.append(sql[j])
                j += 1
            i = j + 1
            on_token(QIDENT, "".join(buf), start, i)
        elif c == "$":
            m = _dollar_re.match(sql, i)
            if m:
                tag = m.group(0)
                j = sql.find(tag, m.end())
                j = n if j < 0 else j
                on_token(STRING, sql[m.end() : j], i, min(n, j + len(tag)))
                i = min(n, j + len(tag))
            else:
                j = i + 1
                while j < n and sql[j].isdigit():
                    j += 1
                on_token(PARAM, sql[i + 1 : j], i, j)
                i = j if j > i + 1 else i + 1
        elif c.isalpha() or c == "_":
            j = i + 1
            while j < n and (sql[j].isalnum() or sql[j] in "_$"):
                j += 1
            on_token(WORD, sql[i:j], i, j)
            i = j
        elif c.isdigit() or (c == "." and i + 1 < n and sql[i + 1].isdigit()):
            j = i + 1
            while j < n and (sql[j].isdigit() or sql[j] in ".eE" or (sql[j] in "+-" and sql[j - 1] in "eE")):
                j += 1
            on_token(NUMBER, sql[i:j], i, j)
            i = j
        else:
            if sql.startswith("::", i):
                on_token(PUNCT, "::", i, i + 2)
                i += 2
            else:
                on_token(PUNCT, c, i, i + 1)
                i += 1


def tokenize(sql):
    out = []
    _scan(sql, lambda k, v, s, e: out.append(Tok(k, v, s, e)))
    return out


def split_statements(sql):
    """Split a Query string on top-level semicolons; empty statements are dropped."""
    stmts = []
    cuts = []
    _scan(sql, lambda k, v, s, e: cuts.append(s) if k == PUNCT and v == ";" else None)
    prev = 0
    for c in cuts + [len(sql)]:
        piece = sql[prev:c].strip()
        if piece and tokenize(piece):
            stmts.append(piece)
        prev = c + 1
    return stmts


def substitute_params(sql, values):
    """Replace $n outside strings with the SQL literals in values (list of str)."""
    toks = tokenize(sql)
    out, last = [], 0
    for t in toks:
        if t.kind == PARAM and t.val:
            idx = int(t.val) - 1
            if 0 <= idx < len(values):
                out.append(sql[last : t.start])
                out.append(values[idx])
                last = t.end
    out.append(sql[last:])
    return "".join(out)


def max_param(sql):
    m = 0
    for t in tokenize(sql):
        if t.kind == PARAM and t.val:
            m = max(m, int(t.val))
    return m


def quote_ident(s):
    return '"' + s.replace('"', '""') + '"'


def quote_literal(s):
    return "'" + s.replace("'", "''") + "'"


class Parser:
    """Cursor over tokens with small helpers."""

    def __init__(self, sql, toks=None):
        self.sql = sql
        self.toks = toks if toks is not None else tokenize(sql)
        self.i = 0

    def peek(self, k=0):
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at_end(self):
        return self.i >= len(self.toks)

    def next(self):
        t = self.peek()
        if t is None:
            raise SqlError("42601", "unexpected end of statement")
        self.i += 1
        return t

    def is_kw(self, *kws, k=0):
        t = self.peek(k)
        return t is not None and t.is_kw(*kws)

    def accept_kw(self, *kws):
        if self.is_kw(*kws):
            return self.next().val.upper()
        return None

    def expect_kw(self, *kws):
        t = self.peek()
        if t is None or not t.is_kw(*kws):
            raise SqlError("42601", "Expected %s, found %s" % (" or ".join(kws), _desc(t)))
        self.i += 1
        return t.val.upper()

    def accept_kws(self, *seq):
        for k, kw in enumerate(seq):
            if not self.is_kw(kw, k=k):
                return False
        self.i += len(seq)
        return True

    def is_punct(self, p, k=0):
        t = self.peek(k)
        return t is not None and t.kind == PUNCT and t.val == p

    def accept_punct(self, p):
        if self.is_punct(p):
            self.i += 1
            return True
        return False

    def expect_punct(self, p):
        if not self.accept_punct(p):
            raise SqlError("42601", "Expected %s, found %s" % (p, _desc(self.peek())))

    def ident(self):
        t = self.peek()
        if t is None or t.kind not in (WORD, QIDENT):
            raise SqlError("42601", "Expected identifier, found %s" % _desc(t))
        self.i += 1
        return t.ident

    def qualified(self):
        parts = [self.ident()]
        while self.is_punct("."):
            self.i += 1
            parts.append(self.ident())
        return parts

    def string(self):
        t = self.peek()
        if t is None or t.kind != STRING:
            raise SqlError("42601", "Expected literal string, found %s" % _desc(t))
        self.i += 1
        return t.val

    def value(self):
        """A literal value: string, number, word."""
        t = self.next()
        if t.kind == PUNCT and t.val == "-":
            return "-" + self.next().val
        if t.kind == WORD:
            return t.val.lower()
        return t.val

    def rest(self):
        """Raw SQL text of the remaining tokens."""
        t = self.peek()
        return "" if t is None else self.sql[t.start :].strip()

    def pos(self):
        t = self.peek()
        return len(self.sql) if t is None else t.start

    def skip_parens(self):
        """At '(': skip to after the matching ')'; return the inner raw text."""
        start_tok = self.next()
        depth = 1
        while True:
            t = self.next()
            if t.kind == PUNCT and t.val == "(":
                depth += 1
            elif t.kind == PUNCT and t.val == ")":
                depth -= 1
                if depth == 0:
                    return self.sql[start_tok.end : t.start]


def _desc(t):
    if t is None:
        return "end of statement"
    if t.kind == WORD:
        return t.val.upper()
    return repr(t.val)


def first_words(sql, n=3):
    out = []
    for t in tokenize(sql):
        if t.kind != WORD:
            break
        out.append(t.val.upper())
        if len(out) == n:
            break
    return out


MULTIWORD_OPTIONS = ("REPLICATION FACTOR", "AVAILABILITY ZONE", "AVAILABILITY ZONES", "INTROSPECTION INTERVAL",
                     "INTROSPECTION DEBUGGING", "WORKLOAD CLASS", "RETAIN HISTORY", "HYDRATION TIME ESTIMATE",
                     "SIZE", "SCHEDULE", "DISK", "MANAGED")


def parse_options(p):
    """Parse '(K = v, K2 = v2, ...)' option lists into a dict of upper key -> value text.

    Values that are parenthesised are returned raw. Multi-word keys are joined with spaces.
    """
    opts = {}
    p.expect_punct("(")
    if p.accept_punct(")"):
        return opts
    while True:
        words = []
        while p.peek() is not None and p.peek().kind == WORD and not p.is_punct("="):
            words.append(p.next().val.upper())
            if p.is_punct("=") or p.is_punct(",") or p.is_punct(")") or p.is_punct("("):
                break
        key = " ".join(words)
        val = True
        # Materialize's option lists take `=` or not: (SIZE '1'), (REPLICATION FACTOR 2),
        # (SCHEDULE MANUAL) are the same as with `=` (src/sql-parser: parse_optional_equals).
        if not p.is_punct("=") and len(words) > 1 and key not in MULTIWORD_OPTIONS:
            for n in range(len(words) - 1, 0, -1):
                head = " ".join(words[:n])
                if head in MULTIWORD_OPTIONS or n == 1:
                    key, val = head, " ".join(w.lower() for w in words[n:])
                    if p.is_punct("("):
                        val += " (" + p.skip_parens() + ")"
                    break
        has_value = p.accept_punct("=") or (
            val is True and p.peek() is not None and not (p.is_punct(",") or p.is_punct(")") or p.is_punct("(")))
        if has_value:
            if p.is_punct("("):
                val = p.skip_parens()
            else:
                words_v = [p.value()]
                while p.peek() is not None and p.peek().kind == WORD and not p.is_punct(","):
                    words_v.append(p.next().val.lower())
                    if p.is_punct("("):
                        words_v.append("(" + p.skip_parens() + ")")
                val = " ".join(words_v)
        elif p.is_punct("("):
            val = p.skip_parens()
        opts[key] = val
        if p.accept_punct(")"):
            return opts
        p.expect_punct(",")
