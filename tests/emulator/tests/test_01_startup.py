"""§8.1 Startup: ParameterStatus set and order, versions, BackendKeyData, welcome notice,
startup parameters and `options` forms; bad ones give notices, not errors. Also §5 wire facts
(protocol 2.0, SSLRequest, extended protocol PortalSuspended)."""

import re

import pytest

import rawpg

EXPECTED_ORDER = [
    "application_name", "client_encoding", "DateStyle", "integer_datetimes", "server_version",
    "standard_conforming_strings", "TimeZone", "IntervalStyle", "cluster", "cluster_replica",
    "database", "search_path", "mz_version"
]
MZ_VERSION_RE = re.compile(r"^v\d+\.\d+\.\d+(-[0-9A-Za-z.]+)? \([0-9a-f]{9}\)$")


def _startup(emu, params):
    c = rawpg.Conn("127.0.0.1", emu.port)
    p = {"user": "materialize", "database": "materialize"}
    p.update(params)
    msgs = c.startup(p)
    return c, msgs


def test_1_startup_parameter_status_set_and_order(emu):
    c, msgs = _startup(emu, {})
    try:
        assert msgs[-1].kind == "Z", rawpg.errors(msgs)
        names = [k for k, _ in c.params]
        assert names == EXPECTED_ORDER
        kinds = "".join(m.kind for m in msgs)
        # AuthenticationOk, then all ParameterStatus, then BackendKeyData, notices, ReadyForQuery.
        assert re.fullmatch(r"RS{%d}KN*Z" % len(EXPECTED_ORDER), kinds), kinds
    finally:
        c.close()


def test_1_startup_parameter_values(emu):
    c, msgs = _startup(emu, {})
    try:
        p = dict(c.params)
        assert p["server_version"] == "9.5.0"
        assert p["client_encoding"] == "UTF8"
        assert p["cluster"] == "quickstart"
        assert p["database"] == "materialize"
        assert p["search_path"] == "public"
        assert MZ_VERSION_RE.match(p["mz_version"]), p["mz_version"]
    finally:
        c.close()


@pytest.mark.unverified
def test_1_startup_parameter_values_unverified_defaults(emu):
    c, _ = _startup(emu, {})
    try:
        p = dict(c.params)
        assert p["DateStyle"] == "ISO, MDY"
        assert p["integer_datetimes"] == "on"
        assert p["standard_conforming_strings"] == "on"
        assert p["TimeZone"] == "UTC"
        assert p["IntervalStyle"] == "postgres"
    finally:
        c.close()


def test_1_startup_mz_version_matches_function_and_show(emu, mz):
    c, _ = _startup(emu, {})
    c.close()
    v = dict(c.params)["mz_version"]
    assert mz.execute("SELECT mz_version()").fetchone()[0] == v
    assert mz.execute("SHOW mz_version").fetchone()[0] == v


def test_1_startup_backend_key_data(emu):
    c, msgs = _startup(emu, {})
    try:
        keys = [m for m in msgs if m.kind == "K"]
        assert len(keys) == 1 and len(keys[0].payload) == 8
        assert c.pid is not None and c.key is not None
        c2, _ = _startup(emu, {})
        c2.close()
        assert (c.pid, c.key) != (c2.pid, c2.key)
    finally:
        c.close()


def test_1_startup_welcome_notice(emu):
    c, msgs = _startup(emu, {})
    c.close()
    kinds = [m.kind for m in msgs]
    notes = [m.fields() for m in msgs if m.kind == "N"]
    welcome = [n for n in notes if n.get("M", "").startswith("connected to Materialize v")]
    assert len(welcome) == 1, notes
    assert welcome[0]["C"] == "00000"
    assert kinds.index("N") > kinds.index("K")


def test_1_startup_welcome_notice_off(emu):
    c, msgs = _startup(emu, {"welcome_message": "off"})
    c.close()
    assert msgs[-1].kind == "Z"
    notes = [m.fields() for m in msgs if m.kind == "N"]
    assert not [n for n in notes if "connected to Materialize" in n.get("M", "")], notes


def _show(c, var):
    msgs = c.query("SHOW %s" % var)
    assert not rawpg.errors(msgs), rawpg.errors(msgs)
    return rawpg.rows(msgs)[0][0]


def test_1_startup_params_applied(emu):
    c, msgs = _startup(emu, {"cluster": "some_cluster", "search_path": "analytics",
                             "application_name": "black box"})
    try:
        assert msgs[-1].kind == "Z"
        assert dict(c.params)["cluster"] == "some_cluster"
        assert _show(c, "cluster") == "some_cluster"
        assert _show(c, "search_path") == "analytics"
        assert _show(c, "application_name") == "black box"
    finally:
        c.close()


@pytest.mark.parametrize("options", [
    "--cluster=opt_a", "-c cluster=opt_a", "-ccluster=opt_a"
])
def test_1_startup_options_forms(emu, options):
    c, msgs = _startup(emu, {"options": options})
    try:
        assert msgs[-1].kind == "Z", rawpg.errors(msgs)
        assert _show(c, "cluster") == "opt_a"
    finally:
        c.close()


def test_1_startup_options_several_and_escaped_space(emu):
    c, msgs = _startup(emu, {"options": r"--cluster=opt_b -c application_name=my\ app"})
    try:
        assert msgs[-1].kind == "Z", rawpg.errors(msgs)
        assert _show(c, "cluster") == "opt_b"
        assert _show(c, "application_name") == "my app"
    finally:
        c.close()


def test_1_startup_bad_options_notice_not_error(emu):
    c, msgs = _startup(emu, {"options": "garbage"})
    try:
        assert msgs[-1].kind == "Z", rawpg.errors(msgs)
        assert not rawpg.errors(msgs)
        notes = [n["M"] for n in rawpg.notices(msgs)]
        assert any(n.startswith("startup setting options not set: could not parse") for n in
                   notes), notes
        assert _show(c, "cluster") == "quickstart"
    finally:
        c.close()


def test_1_startup_bad_setting_notice_not_error(emu):
    c, msgs = _startup(emu, {"options": "-c no_such_setting=1"})
    try:
        assert msgs[-1].kind == "Z", rawpg.errors(msgs)
        notes = [n["M"] for n in rawpg.notices(msgs)]
        assert any(n.startswith("startup setting no_such_setting not set: ") for n in notes), notes
        assert rawpg.rows(c.query("SELECT 1")) == [["1"]]
    finally:
        c.close()


def test_1_startup_protocol_2_refused_08004(emu):
    c = rawpg.Conn("127.0.0.1", emu.port)
    try:
        c.send_startup({"user": "materialize"}, version=0x00020000)
        data = b""
        while True:  # read until the server closes (or a bounded timeout)
            try:
                chunk = c.sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        assert data[:1] == b"E", data
        # A v3 ErrorResponse (as Materialize sends): length, then fields.
        m = rawpg.Msg("E", data[5:])
        f = m.fields()
        assert f.get("S") == "FATAL", data
        assert f.get("C") == "08004", data
    finally:
        c.close()


def test_1_startup_ssl_request_answered_n(emu):
    c = rawpg.Conn("127.0.0.1", emu.port)
    try:
        assert c.ssl_request() == b"N"
        msgs = c.startup({"user": "materialize"})  # the plain startup continues on the socket
        assert msgs[-1].kind == "Z"
    finally:
        c.close()


@pytest.mark.unverified
def test_1_startup_gssenc_request_answered_n(emu):
    c = rawpg.Conn("127.0.0.1", emu.port)
    try:
        assert c.ssl_request(rawpg.GSSENC_REQUEST) == b"N"
        msgs = c.startup({"user": "materialize"})
        assert msgs[-1].kind == "Z"
    finally:
        c.close()


def test_1_startup_set_notify_variable_sends_parameter_status(emu):
    c = emu.raw()
    try:
        msgs = c.query("SET cluster = ps_other")
        ps = [m.param() for m in msgs if m.kind == "S"]
        assert ("cluster", "ps_other") in ps
        msgs = c.query("SET search_path = other_schema")
        ps = [m.param() for m in msgs if m.kind == "S"]
        assert ("search_path", "other_schema") in ps
    finally:
        c.close()


def test_1_extended_protocol_portal_suspended(emu):
    c = emu.raw()
    try:
        c.parse("SELECT generate_series(1, 5)")
        c.bind()
        c.execute(max_rows=2)
        c.flush()
        msgs = c.recv_until("sE")
        assert [m.kind for m in msgs] == ["1", "2", "D", "D", "s"], msgs
        c.execute(max_rows=2)
        c.flush()
        msgs = c.recv_until("sE")
        assert [m.row() for m in msgs if m.kind == "D"] == [["3"], ["4"]]
        assert msgs[-1].kind == "s"
        c.execute(max_rows=2)
        c.sync()
        msgs = c.recv_until("Z")
        assert [m.row() for m in msgs if m.kind == "D"] == [["5"]]
        assert "C" in [m.kind for m in msgs]
    finally:
        c.close()


def test_1_extended_protocol_error_skips_until_sync(emu):
    c = emu.raw()
    try:
        c.parse("SELECT * FROM no_such_table_xyz")
        c.bind()
        c.execute()
        c.parse("SELECT 1")  # must be skipped
        c.sync()
        msgs = c.recv_until("Z")
        kinds = "".join(m.kind for m in msgs)
        # The error may come at Parse, Bind or Execute; after it nothing until ReadyForQuery.
        assert kinds.count("E") == 1 and kinds.endswith("EZ"), msgs
        assert msgs[-1].payload == b"I"
        assert rawpg.rows(c.query("SELECT 2")) == [["2"]]
    finally:
        c.close()

