"""§8.14 GRANT/REVOKE, default privileges and COMMENT ON, as far as deploy_init copies them; the
catalog shows them (mz_aclexplode, mz_show_default_privileges, mz_comments)."""

import pytest

ACL_SCHEMA = """
SELECT g.name AS grantee, a.privilege_type
FROM mz_catalog.mz_schemas s,
     LATERAL mz_internal.mz_aclexplode(s.privileges) a
JOIN mz_catalog.mz_roles g ON g.id = a.grantee
WHERE s.name = %s
"""
ACL_CLUSTER = ACL_SCHEMA.replace("mz_schemas s", "mz_clusters s")
ACL_OBJECT = ACL_SCHEMA.replace("mz_schemas s", "mz_objects s")


def role(emu, uniq):
    r = uniq("r")
    emu.connect(user=r).close()  # the emulator creates a role for each user that connects
    return r


def grants(mz, q, name, grantee):
    return sorted(p for g, p in mz.execute(q, (name,)).fetchall() if g == grantee)


def test_14_grant_revoke_schema(emu, mz, uniq):
    s, r = uniq("s"), role(emu, uniq)
    mz.execute("CREATE SCHEMA %s" % s)
    assert grants(mz, ACL_SCHEMA, s, r) == []
    mz.execute("GRANT USAGE, CREATE ON SCHEMA %s TO %s" % (s, r))
    assert grants(mz, ACL_SCHEMA, s, r) == ["CREATE", "USAGE"]
    mz.execute("REVOKE CREATE ON SCHEMA %s FROM %s" % (s, r))
    assert grants(mz, ACL_SCHEMA, s, r) == ["USAGE"]
    # the owner keeps its own privileges
    owner = mz.execute("SELECT r.name FROM mz_catalog.mz_schemas s JOIN mz_catalog.mz_roles r "
                       "ON r.id = s.owner_id WHERE s.name = %s", (s,)).fetchone()[0]
    assert owner == "materialize"
    assert "USAGE" in grants(mz, ACL_SCHEMA, s, "materialize")


def test_14_aclexplode_columns(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    cur = mz.execute("SELECT a.* FROM mz_catalog.mz_schemas s, "
                     "LATERAL mz_internal.mz_aclexplode(s.privileges) a WHERE s.name = %s", (s,))
    assert [d.name for d in cur.description] == ["grantor", "grantee", "privilege_type",
                                                 "is_grantable"]
    assert cur.fetchall()


def test_14_grant_revoke_cluster(emu, mz, uniq):
    c, r = uniq("c"), role(emu, uniq)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    mz.execute("GRANT USAGE ON CLUSTER %s TO %s" % (c, r))
    assert grants(mz, ACL_CLUSTER, c, r) == ["USAGE"]
    mz.execute("REVOKE USAGE ON CLUSTER %s FROM %s" % (c, r))
    assert grants(mz, ACL_CLUSTER, c, r) == []


def test_14_grant_on_table(emu, mz, uniq):
    t, r = uniq("t"), role(emu, uniq)
    mz.execute("CREATE TABLE %s (a int)" % t)
    mz.execute("GRANT SELECT ON TABLE %s TO %s" % (t, r))
    assert grants(mz, ACL_OBJECT, t, r) == ["SELECT"]


def test_14_default_privileges_shown_and_applied(emu, mz, uniq):
    s, r = uniq("s"), role(emu, uniq)
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("ALTER DEFAULT PRIVILEGES FOR ROLE materialize IN SCHEMA %s GRANT SELECT ON "
               "TABLES TO %s" % (s, r))
    rows = mz.execute("SELECT object_owner, database, schema, object_type, grantee, "
                      "privilege_type FROM mz_internal.mz_show_default_privileges WHERE "
                      "schema = %s", (s,)).fetchall()
    assert rows == [("materialize", "materialize", s, "table", r, "SELECT")]
    mz.execute("CREATE TABLE %s.t (a int)" % s)
    got = mz.execute("SELECT g.name, a.privilege_type FROM mz_catalog.mz_objects o "
                     "JOIN mz_catalog.mz_schemas s ON s.id = o.schema_id, "
                     "LATERAL mz_internal.mz_aclexplode(o.privileges) a "
                     "JOIN mz_catalog.mz_roles g ON g.id = a.grantee "
                     "WHERE s.name = %s AND o.name = 't'", (s,)).fetchall()
    assert (r, "SELECT") in got


def test_14_default_privileges_for_all_roles(emu, mz, uniq):
    s, r = uniq("s"), role(emu, uniq)
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("ALTER DEFAULT PRIVILEGES FOR ALL ROLES IN SCHEMA %s GRANT USAGE ON TYPES TO %s"
               % (s, r))
    rows = mz.execute("SELECT object_type, grantee, privilege_type FROM "
                      "mz_internal.mz_show_default_privileges WHERE schema = %s",
                      (s,)).fetchall()
    assert rows == [("type", r, "USAGE")]


def test_14_comment_on_schema_table_cluster(mz, uniq):
    s, c = uniq("s"), uniq("c")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("CREATE TABLE %s.t (a int)" % s)
    mz.execute("CREATE CLUSTER %s (SIZE = '25cc')" % c)
    mz.execute("COMMENT ON SCHEMA %s IS 'Deployment by me on today'" % s)
    mz.execute("COMMENT ON TABLE %s.t IS 'a table'" % s)
    mz.execute("COMMENT ON CLUSTER %s IS 'a cluster'" % c)
    sid = mz.execute("SELECT id FROM mz_catalog.mz_schemas WHERE name = %s", (s,)).fetchone()[0]
    assert mz.execute("SELECT comment FROM mz_internal.mz_comments WHERE id = %s",
                      (sid,)).fetchall() == [("Deployment by me on today",)]
    tid = mz.execute("SELECT o.id FROM mz_catalog.mz_objects o JOIN mz_catalog.mz_schemas s ON "
                     "s.id = o.schema_id WHERE s.name = %s AND o.name = 't'", (s,)).fetchone()[0]
    assert mz.execute("SELECT comment FROM mz_internal.mz_comments WHERE id = %s",
                      (tid,)).fetchall() == [("a table",)]
    shown = {r[0]: r[2] for r in mz.execute("SHOW CLUSTERS").fetchall()}
    assert shown[c] == "a cluster"
    # replacing a comment keeps one row
    mz.execute("COMMENT ON SCHEMA %s IS 'again'" % s)
    assert mz.execute("SELECT comment FROM mz_internal.mz_comments WHERE id = %s",
                      (sid,)).fetchall() == [("again",)]


@pytest.mark.unverified  # mz_comments columns are partly unverified
def test_14_comment_columns_and_object_type(mz, uniq):
    s = uniq("s")
    mz.execute("CREATE SCHEMA %s" % s)
    mz.execute("COMMENT ON SCHEMA %s IS 'x'" % s)
    cur = mz.execute("SELECT c.id, c.object_type, c.object_sub_id, c.comment FROM "
                     "mz_internal.mz_comments c JOIN mz_catalog.mz_schemas s ON s.id = c.id "
                     "WHERE s.name = %s", (s,))
    row = cur.fetchone()
    assert row[1] == "schema" and row[2] is None and row[3] == "x"


def test_14_my_database_privileges_and_system_functions(mz):
    rows = mz.execute("SELECT name, privilege_type FROM "
                      "mz_internal.mz_show_my_database_privileges WHERE name = "
                      "'materialize'").fetchall()
    assert {"CREATE", "USAGE"} <= {p for _, p in rows} or mz.execute(
        "SELECT mz_is_superuser()").fetchone()[0] is True
    assert isinstance(mz.execute("SELECT has_system_privilege('CREATECLUSTER')").fetchone()[0],
                      bool)
    assert mz.execute("SELECT current_database()").fetchone()[0] == "materialize"
    assert mz.execute("SELECT current_user").fetchone()[0] == "materialize"
