"""The emulator's catalog: bookkeeping tables in schema mz_emu and the mz_catalog /
mz_internal relations and functions of Materialize, created idempotently in PostgreSQL.

Names of schemas and PostgreSQL-backed objects (tables, views, materialized views) are
read live from pg_namespace / pg_class by OID, so renames and swaps in PostgreSQL keep
ids stable automatically. Indexes and sinks exist only in mz_emu.objects.
"""

SYSTEM_SCHEMAS = ("mz_catalog", "mz_internal", "pg_catalog", "information_schema")
HIDDEN_SCHEMAS = ("mz_emu", "pg_toast")

BOOTSTRAP = r"""
CREATE SCHEMA IF NOT EXISTS mz_emu;
CREATE SCHEMA IF NOT EXISTS mz_catalog;
CREATE SCHEMA IF NOT EXISTS mz_internal;
CREATE SCHEMA IF NOT EXISTS public;
CREATE SEQUENCE IF NOT EXISTS mz_emu.id_seq;
CREATE SEQUENCE IF NOT EXISTS mz_emu.cluster_seq;
CREATE SEQUENCE IF NOT EXISTS mz_emu.replica_seq;
CREATE SEQUENCE IF NOT EXISTS mz_emu.schema_seq;
CREATE SEQUENCE IF NOT EXISTS mz_emu.role_seq;
CREATE SEQUENCE IF NOT EXISTS mz_emu.oid_seq START 20000;
CREATE TABLE IF NOT EXISTS mz_emu.knobs (k text PRIMARY KEY, v text);
CREATE TABLE IF NOT EXISTS mz_emu.roles (
    id text PRIMARY KEY, oid int NOT NULL DEFAULT nextval('mz_emu.oid_seq'), name text UNIQUE NOT NULL,
    inherit bool NOT NULL DEFAULT true, rolcanlogin bool NOT NULL DEFAULT true,
    rolsuper bool NOT NULL DEFAULT false, createcluster bool NOT NULL DEFAULT true,
    createrole bool NOT NULL DEFAULT false, createdb bool NOT NULL DEFAULT false);
CREATE TABLE IF NOT EXISTS mz_emu.role_members (
    role_id text NOT NULL, member text NOT NULL, grantor text NOT NULL, PRIMARY KEY (role_id, member));
CREATE TABLE IF NOT EXISTS mz_emu.passwords (role_name text PRIMARY KEY, password text NOT NULL);
CREATE TABLE IF NOT EXISTS mz_emu.scram_verifiers (
    role_name text PRIMARY KEY, password text NOT NULL, verifier text NOT NULL);
CREATE TABLE IF NOT EXISTS mz_emu.databases (
    id text PRIMARY KEY, oid int NOT NULL, name text NOT NULL, owner_id text NOT NULL, privileges text[] NOT NULL);
CREATE TABLE IF NOT EXISTS mz_emu.schemas (
    id text PRIMARY KEY, nsp_oid oid UNIQUE NOT NULL, database_id text, owner_id text NOT NULL,
    privileges text[] NOT NULL);
CREATE TABLE IF NOT EXISTS mz_emu.clusters (
    id text PRIMARY KEY, name text UNIQUE NOT NULL, owner_id text NOT NULL, privileges text[] NOT NULL,
    managed bool NOT NULL, size text, replication_factor int, schedule_type text NOT NULL DEFAULT 'manual',
    hydration_estimate interval, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS mz_emu.replicas (
    id text PRIMARY KEY, name text NOT NULL, cluster_id text NOT NULL, size text, owner_id text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), delay_s float8 NOT NULL DEFAULT 0,
    UNIQUE (cluster_id, name));
CREATE TABLE IF NOT EXISTS mz_emu.objects (
    id text PRIMARY KEY, oid int NOT NULL DEFAULT nextval('mz_emu.oid_seq'), pg_oid oid UNIQUE,
    schema_id text, name text, type text NOT NULL, owner_id text NOT NULL, cluster_id text,
    privileges text[] NOT NULL DEFAULT '{}', create_sql text, on_id text, definition text,
    created_at timestamptz NOT NULL DEFAULT now(), delay_s float8 NOT NULL DEFAULT 0,
    retain_ms bigint);
CREATE TABLE IF NOT EXISTS mz_emu.sinks (
    id text PRIMARY KEY, from_id text NOT NULL, target text NOT NULL, envelope text,
    key_cols text[], cutover_ts numeric, prev_from_id text);
CREATE TABLE IF NOT EXISTS mz_emu.comments (
    id text NOT NULL, object_type text NOT NULL, object_sub_id int, comment text NOT NULL);
-- schema, cluster and item ids share the u<n> form: a comment is keyed by its object_type too
DROP INDEX IF EXISTS mz_emu.comments_key;
CREATE UNIQUE INDEX IF NOT EXISTS comments_typed_key ON mz_emu.comments (id, object_type, coalesce(object_sub_id, -1));
CREATE TABLE IF NOT EXISTS mz_emu.default_privileges (
    role_id text NOT NULL, database_id text, schema_id text, object_type text NOT NULL,
    grantee text NOT NULL, privileges text NOT NULL);
CREATE TABLE IF NOT EXISTS mz_emu.status_history (
    replica_id text NOT NULL, process_id bigint NOT NULL DEFAULT 0, status text NOT NULL,
    reason text, occurred_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS mz_emu.stalled (cluster_id text PRIMARY KEY, since timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS mz_emu.subscriptions (
    id text PRIMARY KEY, session_id text, cluster_id text, created_at timestamptz NOT NULL DEFAULT now(),
    referenced_object_ids text[]);
CREATE TABLE IF NOT EXISTS mz_emu.sessions (
    id text PRIMARY KEY, connection_id int, role_id text, client_ip text,
    connected_at timestamptz NOT NULL DEFAULT now());
TRUNCATE mz_emu.subscriptions, mz_emu.sessions;
INSERT INTO mz_emu.knobs VALUES ('frozen_at', NULL), ('tick_ms', '1000') ON CONFLICT DO NOTHING;
INSERT INTO mz_emu.roles (id, name, rolsuper, rolcanlogin) VALUES
    ('s1', 'mz_system', true, true), ('s2', 'mz_support', false, true) ON CONFLICT DO NOTHING;
INSERT INTO mz_emu.databases
    SELECT 'u1', oid::int, 'materialize', 's1', ARRAY['=UC/s1', 's1=UC/s1']
    FROM pg_database WHERE datname = current_database() ON CONFLICT DO NOTHING;
INSERT INTO mz_emu.schemas VALUES
    ('s1', 'mz_catalog'::regnamespace, NULL, 's1', ARRAY['=U/s1']),
    ('s2', 'pg_catalog'::regnamespace, NULL, 's1', ARRAY['=U/s1']),
    ('s3', 'mz_internal'::regnamespace, NULL, 's1', ARRAY['=U/s1']),
    ('s4', 'information_schema'::regnamespace, NULL, 's1', ARRAY['=U/s1'])
    ON CONFLICT DO NOTHING;
-- Materialize's ids: public is u3, new user schemas from u9 (src/catalog/src/durable/initialize.rs:
-- PUBLIC_SCHEMA_ID = 3; schema ids are shared with the system schemas created at bootstrap).
INSERT INTO mz_emu.schemas
    SELECT 'u3', 'public'::regnamespace, 'u1', 's1', ARRAY['=UC/s1', 's1=UC/s1']
    WHERE NOT EXISTS (SELECT 1 FROM mz_emu.schemas WHERE nsp_oid = 'public'::regnamespace)
    ON CONFLICT DO NOTHING;
SELECT setval('mz_emu.schema_seq', 8) WHERE (SELECT last_value FROM mz_emu.schema_seq) < 8;
INSERT INTO mz_emu.clusters (id, name, owner_id, privileges, managed, size, replication_factor)
    SELECT 'u' || nextval('mz_emu.cluster_seq'), 'quickstart', 's1', ARRAY['=UC/s1', 's1=UC/s1'], true, '25cc', 1
    WHERE NOT EXISTS (SELECT 1 FROM mz_emu.clusters WHERE name = 'quickstart');
INSERT INTO mz_emu.replicas (id, name, cluster_id, size, owner_id, created_at)
    SELECT 'u' || nextval('mz_emu.replica_seq'), 'r1', c.id, '25cc', 's1', now() - interval '1 hour'
    FROM mz_emu.clusters c WHERE c.name = 'quickstart' AND NOT EXISTS
    (SELECT 1 FROM mz_emu.replicas r WHERE r.cluster_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM mz_emu.knobs WHERE k = 'bootstrapped');
INSERT INTO mz_emu.knobs VALUES ('bootstrapped', 'true') ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION mz_emu.cur_user() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT coalesce(nullif(current_setting('mzemu.user', true), ''), current_user::text) $$;
CREATE OR REPLACE FUNCTION mz_catalog.mz_version() RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT v FROM mz_emu.knobs WHERE k = 'mz_version' $$;
CREATE OR REPLACE FUNCTION mz_catalog.mz_version_num() RETURNS int LANGUAGE sql STABLE AS
    $$ SELECT 13000 $$;
CREATE OR REPLACE FUNCTION mz_catalog.current_database() RETURNS name LANGUAGE sql STABLE AS
    $$ SELECT 'materialize'::name $$;
CREATE OR REPLACE FUNCTION mz_catalog.mz_is_superuser() RETURNS bool LANGUAGE sql STABLE AS
    $$ SELECT coalesce((SELECT rolsuper FROM mz_emu.roles WHERE name = mz_emu.cur_user()), false) $$;
CREATE OR REPLACE FUNCTION mz_catalog.has_system_privilege(priv text) RETURNS bool LANGUAGE sql STABLE AS
    $$ SELECT coalesce((SELECT rolsuper OR CASE upper(priv)
        WHEN 'CREATECLUSTER' THEN createcluster WHEN 'CREATEROLE' THEN createrole
        WHEN 'CREATEDB' THEN createdb ELSE false END
        FROM mz_emu.roles WHERE name = mz_emu.cur_user()), false) $$;
CREATE OR REPLACE FUNCTION mz_catalog.has_system_privilege(role text, priv text) RETURNS bool LANGUAGE sql STABLE AS
    $$ SELECT coalesce((SELECT rolsuper OR CASE upper(priv)
        WHEN 'CREATECLUSTER' THEN createcluster WHEN 'CREATEROLE' THEN createrole
        WHEN 'CREATEDB' THEN createdb ELSE false END
        FROM mz_emu.roles WHERE name = role), false) $$;
DO $$ BEGIN CREATE DOMAIN mz_catalog.mz_timestamp AS numeric;
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE OR REPLACE FUNCTION mz_catalog.mz_now() RETURNS numeric LANGUAGE sql VOLATILE AS
    $$ SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::numeric $$;
CREATE OR REPLACE FUNCTION mz_emu.ts_ms(timestamptz) RETURNS numeric LANGUAGE sql IMMUTABLE AS
    $$ SELECT floor(extract(epoch FROM $1) * 1000)::numeric $$;
CREATE OR REPLACE FUNCTION mz_emu.tn_gt(timestamptz, numeric) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT mz_emu.ts_ms($1) > $2 $$;
CREATE OR REPLACE FUNCTION mz_emu.tn_ge(timestamptz, numeric) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT mz_emu.ts_ms($1) >= $2 $$;
CREATE OR REPLACE FUNCTION mz_emu.tn_lt(timestamptz, numeric) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT mz_emu.ts_ms($1) < $2 $$;
CREATE OR REPLACE FUNCTION mz_emu.tn_le(timestamptz, numeric) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT mz_emu.ts_ms($1) <= $2 $$;
CREATE OR REPLACE FUNCTION mz_emu.nt_gt(numeric, timestamptz) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > mz_emu.ts_ms($2) $$;
CREATE OR REPLACE FUNCTION mz_emu.nt_ge(numeric, timestamptz) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT $1 >= mz_emu.ts_ms($2) $$;
CREATE OR REPLACE FUNCTION mz_emu.nt_lt(numeric, timestamptz) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT $1 < mz_emu.ts_ms($2) $$;
CREATE OR REPLACE FUNCTION mz_emu.nt_le(numeric, timestamptz) RETURNS bool LANGUAGE sql IMMUTABLE AS $$ SELECT $1 <= mz_emu.ts_ms($2) $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_operator WHERE oprnamespace = 'mz_catalog'::regnamespace) THEN
    CREATE OPERATOR mz_catalog.> (LEFTARG = timestamptz, RIGHTARG = numeric, FUNCTION = mz_emu.tn_gt);
    CREATE OPERATOR mz_catalog.>= (LEFTARG = timestamptz, RIGHTARG = numeric, FUNCTION = mz_emu.tn_ge);
    CREATE OPERATOR mz_catalog.< (LEFTARG = timestamptz, RIGHTARG = numeric, FUNCTION = mz_emu.tn_lt);
    CREATE OPERATOR mz_catalog.<= (LEFTARG = timestamptz, RIGHTARG = numeric, FUNCTION = mz_emu.tn_le);
    CREATE OPERATOR mz_catalog.> (LEFTARG = numeric, RIGHTARG = timestamptz, FUNCTION = mz_emu.nt_gt);
    CREATE OPERATOR mz_catalog.>= (LEFTARG = numeric, RIGHTARG = timestamptz, FUNCTION = mz_emu.nt_ge);
    CREATE OPERATOR mz_catalog.< (LEFTARG = numeric, RIGHTARG = timestamptz, FUNCTION = mz_emu.nt_lt);
    CREATE OPERATOR mz_catalog.<= (LEFTARG = numeric, RIGHTARG = timestamptz, FUNCTION = mz_emu.nt_le);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION mz_internal.mz_aclexplode(acl text[])
RETURNS TABLE (grantor text, grantee text, privilege_type text, is_grantable bool)
LANGUAGE sql IMMUTABLE AS $$
    SELECT split_part(split_part(a, '=', 2), '/', 2),
           CASE WHEN split_part(a, '=', 1) = '' THEN 'p' ELSE split_part(a, '=', 1) END,
           CASE ch WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                   WHEN 'd' THEN 'DELETE' WHEN 'C' THEN 'CREATE' WHEN 'U' THEN 'USAGE'
                   WHEN 'R' THEN 'CREATEROLE' WHEN 'B' THEN 'CREATEDB' WHEN 'N' THEN 'CREATECLUSTER'
                   ELSE ch END,
           false
    FROM unnest(acl) AS a, regexp_split_to_table(split_part(split_part(a, '=', 2), '/', 1), '') AS ch
    WHERE ch <> '' $$;

CREATE OR REPLACE FUNCTION mz_emu.role_name(rid text) RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT CASE WHEN rid = 'p' THEN 'PUBLIC' ELSE (SELECT name FROM mz_emu.roles WHERE id = rid) END $$;

CREATE OR REPLACE FUNCTION mz_emu.schema_id_of(nsp oid) RETURNS text LANGUAGE sql STABLE AS
    $$ SELECT id FROM mz_emu.schemas WHERE nsp_oid = nsp $$;

CREATE OR REPLACE VIEW mz_emu.objects_live AS
    SELECT o.id, o.oid, coalesce(mz_emu.schema_id_of(c.relnamespace), o.schema_id) AS schema_id,
           coalesce(c.relname::text, o.name) AS name, o.type, o.owner_id, o.cluster_id, o.privileges,
           o.create_sql, o.on_id, o.definition, o.created_at, o.delay_s, o.pg_oid
    FROM mz_emu.objects o LEFT JOIN pg_class c ON c.oid = o.pg_oid
    WHERE o.pg_oid IS NULL OR c.oid IS NOT NULL;

CREATE OR REPLACE VIEW mz_catalog.mz_roles AS
    SELECT id, oid::oid AS oid, name, inherit, rolcanlogin, rolsuper FROM mz_emu.roles;
CREATE OR REPLACE VIEW mz_catalog.mz_databases AS
    SELECT id, oid::oid AS oid, name, owner_id, privileges FROM mz_emu.databases;
CREATE OR REPLACE VIEW mz_catalog.mz_schemas AS
    SELECT s.id, s.nsp_oid AS oid, s.database_id, n.nspname::text AS name, s.owner_id, s.privileges
    FROM mz_emu.schemas s JOIN pg_namespace n ON n.oid = s.nsp_oid;
CREATE OR REPLACE VIEW mz_catalog.mz_clusters AS
    SELECT id, name, owner_id, privileges, managed, size, replication_factor::int4 AS replication_factor,
           false AS disk, '{}'::text[] AS availability_zones, false AS introspection_debugging,
           interval '1 second' AS introspection_interval
    FROM mz_emu.clusters;
CREATE OR REPLACE VIEW mz_catalog.mz_cluster_replicas AS
    SELECT id, name, cluster_id, size, NULL::text AS availability_zone, owner_id, false AS disk
    FROM mz_emu.replicas;
CREATE OR REPLACE VIEW mz_catalog.mz_objects AS
    SELECT id, oid::oid AS oid, schema_id, name, type, owner_id, cluster_id, privileges
    FROM mz_emu.objects_live;
CREATE OR REPLACE VIEW mz_catalog.mz_relations AS
    SELECT id, oid, schema_id, name, type, owner_id, cluster_id, privileges FROM mz_catalog.mz_objects
    WHERE type IN ('table', 'source', 'view', 'materialized-view');
CREATE OR REPLACE VIEW mz_catalog.mz_tables AS
    SELECT id, oid::oid AS oid, schema_id, name, owner_id, privileges, create_sql, create_sql AS redacted_create_sql,
           NULL::text AS source_id
    FROM mz_emu.objects_live WHERE type = 'table';
CREATE OR REPLACE VIEW mz_catalog.mz_views AS
    SELECT id, oid::oid AS oid, schema_id, name, definition, owner_id, privileges, create_sql,
           create_sql AS redacted_create_sql
    FROM mz_emu.objects_live WHERE type = 'view';
CREATE OR REPLACE VIEW mz_catalog.mz_materialized_views AS
    SELECT id, oid::oid AS oid, schema_id, name, cluster_id, definition, owner_id, privileges, create_sql,
           create_sql AS redacted_create_sql
    FROM mz_emu.objects_live WHERE type = 'materialized-view';
CREATE OR REPLACE VIEW mz_catalog.mz_indexes AS
    SELECT id, oid::oid AS oid, name, on_id, cluster_id, owner_id, create_sql, create_sql AS redacted_create_sql
    FROM mz_emu.objects_live WHERE type = 'index';
CREATE OR REPLACE VIEW mz_catalog.mz_sinks AS
    SELECT o.id, o.oid::oid AS oid, o.schema_id, o.name, 'table'::text AS type, NULL::text AS connection_id,
           NULL::text AS size, coalesce(k.envelope, 'debezium') AS envelope_type, NULL::text AS key_format,
           'text'::text AS value_format, o.cluster_id, o.owner_id, o.create_sql, o.create_sql AS redacted_create_sql
    FROM mz_emu.objects_live o LEFT JOIN mz_emu.sinks k ON k.id = o.id WHERE o.type = 'sink';
CREATE OR REPLACE VIEW mz_catalog.mz_sources AS
    SELECT id, oid::oid AS oid, schema_id, name, 'table'::text AS type, NULL::text AS connection_id,
           NULL::text AS size, NULL::text AS envelope_type, NULL::text AS key_format,
           NULL::text AS value_format, cluster_id, owner_id, privileges, create_sql,
           create_sql AS redacted_create_sql
    FROM mz_emu.objects_live WHERE type = 'source';

-- The system introspection indexes every replica runs (fact sheet §6): one per log source
-- (rows inserted by catalog_more.EXTRA) and cluster; ids si<n>, the same on every replica.
CREATE TABLE IF NOT EXISTS mz_emu.log_sources (name text PRIMARY KEY, ord int NOT NULL, key_cols text[] NOT NULL);
CREATE OR REPLACE VIEW mz_emu.introspection_indexes AS
    SELECT 'si' || ((CASE WHEN c.id LIKE 's%%' THEN 1 ELSE 2 END) * 100000
                    + substr(c.id, 2)::int * 100 + l.ord)::text AS id,
           l.name || '_' || c.id || '_primary_idx' AS name, 's' || (900 + l.ord)::text AS on_id,
           c.id AS cluster_id, l.key_cols
    FROM mz_emu.clusters c CROSS JOIN mz_emu.log_sources l;

CREATE OR REPLACE VIEW mz_internal.mz_hydration_statuses AS
    SELECT o.id AS object_id, r.id AS replica_id,
           (greatest(o.created_at + o.delay_s * interval '1 second',
                     r.created_at + r.delay_s * interval '1 second') <= now()
            AND NOT EXISTS (SELECT 1 FROM mz_emu.stalled st WHERE st.cluster_id = o.cluster_id
                            AND st.since < greatest(o.created_at + o.delay_s * interval '1 second',
                                                    r.created_at + r.delay_s * interval '1 second')))
           AS hydrated,
           greatest(o.created_at + o.delay_s * interval '1 second',
                    r.created_at + r.delay_s * interval '1 second') AS ready_at,
           o.created_at AS object_created_at
    FROM mz_emu.objects_live o JOIN mz_emu.replicas r ON r.cluster_id = o.cluster_id
    WHERE o.type IN ('index', 'materialized-view', 'sink')
    UNION ALL
    -- Every replica also runs its cluster's system introspection indexes (ids si<n>, the same
    -- on every replica of a cluster), hydrated once the replica is up: so an empty cluster
    -- reads as hydrated (fact sheet §6, test/testdrive/hydration-status.td).
    SELECT i.id AS object_id,
           r.id AS replica_id,
           r.created_at + r.delay_s * interval '1 second' <= now() AS hydrated,
           r.created_at + r.delay_s * interval '1 second' AS ready_at,
           r.created_at AS object_created_at
    FROM mz_emu.replicas r JOIN mz_emu.introspection_indexes i ON i.cluster_id = r.cluster_id;
CREATE OR REPLACE VIEW mz_internal.mz_compute_hydration_statuses AS
    SELECT object_id, replica_id, hydrated,
           CASE WHEN hydrated THEN ready_at - object_created_at END AS hydration_time
    FROM mz_internal.mz_hydration_statuses WHERE object_id LIKE 'si%%' OR object_id IN
        (SELECT id FROM mz_emu.objects WHERE type IN ('index', 'materialized-view'));
CREATE OR REPLACE VIEW mz_internal.mz_wallclock_global_lag AS
    SELECT o.id AS object_id,
           CASE
             WHEN (SELECT v FROM mz_emu.knobs WHERE k = 'frozen_at') IS NOT NULL
               THEN now() - (SELECT v FROM mz_emu.knobs WHERE k = 'frozen_at')::timestamptz
             WHEN o.cluster_id IS NOT NULL AND NOT coalesce(
                    (SELECT bool_or(h.hydrated) FROM mz_internal.mz_hydration_statuses h WHERE h.object_id = o.id),
                    false)
               THEN now() - o.created_at
             -- healthy: the age of the last periodically closed timestamp, in [0, tick_ms)
             ELSE (floor(extract(epoch FROM now()) * 1000)::bigint
                   % (SELECT v FROM mz_emu.knobs WHERE k = 'tick_ms')::bigint) * interval '1 millisecond'
           END AS lag
    FROM mz_emu.objects_live o WHERE o.type IN ('table', 'source', 'materialized-view', 'index', 'sink');
CREATE OR REPLACE VIEW mz_internal.mz_materialization_lag AS
    SELECT object_id, lag AS local_lag, lag AS global_lag, NULL::text AS slowest_local_input_id,
           NULL::text AS slowest_global_input_id
    FROM mz_internal.mz_wallclock_global_lag
    WHERE object_id IN (SELECT id FROM mz_emu.objects WHERE type IN ('materialized-view', 'index', 'sink'));
CREATE OR REPLACE VIEW mz_internal.mz_cluster_schedules AS
    SELECT id AS cluster_id, schedule_type AS type, hydration_estimate AS refresh_hydration_time_estimate
    FROM mz_emu.clusters;
CREATE OR REPLACE VIEW mz_internal.mz_cluster_replica_status_history AS
    SELECT replica_id, process_id::int8 AS process_id, status, reason, occurred_at FROM mz_emu.status_history;
CREATE OR REPLACE VIEW mz_internal.mz_cluster_replica_statuses AS
    SELECT r.id AS replica_id, 0::int8 AS process_id, 'online'::text AS status, NULL::text AS reason,
           r.created_at AS updated_at
    FROM mz_emu.replicas r;
CREATE OR REPLACE VIEW mz_internal.mz_cluster_deployment_lineage AS
    SELECT c.id AS cluster_id,
           coalesce((SELECT p.id FROM mz_emu.clusters p WHERE p.name = regexp_replace(c.name, '_dbt_deploy$', '')),
                    c.id) AS current_deployment_cluster_id,
           regexp_replace(c.name, '_dbt_deploy$', '') AS cluster_name
    FROM mz_emu.clusters c;
CREATE OR REPLACE VIEW mz_catalog.mz_role_members AS
    SELECT role_id, member, grantor FROM mz_emu.role_members;
CREATE OR REPLACE VIEW mz_internal.mz_object_dependencies AS
    SELECT k.id AS object_id, k.from_id AS referenced_object_id FROM mz_emu.sinks k
    UNION ALL
    SELECT o.id, o.on_id FROM mz_emu.objects o WHERE o.on_id IS NOT NULL
    UNION ALL
    SELECT DISTINCT o.id, r.id
    FROM mz_emu.objects o JOIN pg_rewrite w ON w.ev_class = o.pg_oid
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
         AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> o.pg_oid
    JOIN mz_emu.objects r ON r.pg_oid = d.refobjid;
CREATE OR REPLACE VIEW mz_internal.mz_comments AS
    SELECT id, object_type, object_sub_id, comment FROM mz_emu.comments;
CREATE OR REPLACE VIEW mz_internal.mz_subscriptions AS
    SELECT id, session_id, cluster_id, created_at, referenced_object_ids FROM mz_emu.subscriptions;
CREATE OR REPLACE VIEW mz_internal.mz_sessions AS
    SELECT id, connection_id::int4 AS connection_id, role_id, client_ip, connected_at FROM mz_emu.sessions;
CREATE OR REPLACE VIEW mz_internal.mz_show_default_privileges AS
    SELECT CASE WHEN d.role_id = 'p' THEN 'PUBLIC' ELSE mz_emu.role_name(d.role_id) END AS object_owner,
           (SELECT name FROM mz_emu.databases WHERE id = d.database_id) AS database,
           (SELECT name FROM mz_catalog.mz_schemas WHERE id = d.schema_id) AS schema,
           d.object_type, mz_emu.role_name(d.grantee) AS grantee, e.privilege_type
    FROM mz_emu.default_privileges d,
         LATERAL mz_internal.mz_aclexplode(ARRAY['x=' || d.privileges || '/x']) e;
CREATE OR REPLACE VIEW mz_internal.mz_show_my_database_privileges AS
    SELECT mz_emu.role_name(e.grantor) AS grantor, mz_emu.role_name(e.grantee) AS grantee,
           d.name, e.privilege_type
    FROM mz_emu.databases d, LATERAL mz_internal.mz_aclexplode(d.privileges) e
    WHERE e.grantee = 'p' OR mz_emu.role_name(e.grantee) = mz_emu.cur_user();
CREATE OR REPLACE VIEW mz_internal.mz_show_my_schema_privileges AS
    SELECT mz_emu.role_name(e.grantor) AS grantor, mz_emu.role_name(e.grantee) AS grantee,
           'materialize'::text AS database, s.name, e.privilege_type
    FROM mz_catalog.mz_schemas s, LATERAL mz_internal.mz_aclexplode(s.privileges) e
    WHERE e.grantee = 'p' OR mz_emu.role_name(e.grantee) = mz_emu.cur_user();
CREATE OR REPLACE VIEW mz_internal.mz_show_my_cluster_privileges AS
    SELECT mz_emu.role_name(e.grantor) AS grantor, mz_emu.role_name(e.grantee) AS grantee,
           c.name, e.privilege_type
    FROM mz_emu.clusters c, LATERAL mz_internal.mz_aclexplode(c.privileges) e
    WHERE e.grantee = 'p' OR mz_emu.role_name(e.grantee) = mz_emu.cur_user();
"""

INITIAL_PRIVS = r"""
CREATE OR REPLACE FUNCTION mz_emu.initial_privs(owner text, sch text, objtype text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $f$
DECLARE
    acl text[] := ARRAY[owner || '=' || CASE objtype WHEN 'table' THEN 'arwd' ELSE 'r' END || '/' || owner];
    d record;
    cur text;
    i int;
    merged text;
BEGIN
    FOR d IN SELECT grantee, privileges FROM mz_emu.default_privileges
             WHERE (role_id = owner OR role_id = 'p') AND (schema_id IS NULL OR schema_id = sch)
               AND object_type = 'table'
    LOOP
        cur := NULL;
        FOR i IN 1 .. coalesce(array_length(acl, 1), 0) LOOP
            IF split_part(acl[i], '=', 1) = (CASE WHEN d.grantee = 'p' THEN '' ELSE d.grantee END) THEN
                cur := split_part(split_part(acl[i], '=', 2), '/', 1);
                merged := cur;
                FOR j IN 1 .. length(d.privileges) LOOP
                    IF position(substr(d.privileges, j, 1) IN merged) = 0 THEN
                        merged := merged || substr(d.privileges, j, 1);
                    END IF;
                END LOOP;
                acl[i] := split_part(acl[i], '=', 1) || '=' || merged || '/' || split_part(acl[i], '/', 2);
            END IF;
        END LOOP;
        IF cur IS NULL THEN
            acl := acl || ((CASE WHEN d.grantee = 'p' THEN '' ELSE d.grantee END) || '=' || d.privileges || '/' || owner);
        END IF;
    END LOOP;
    RETURN acl;
END $f$;
"""

# Registers PostgreSQL schemas and relations created through forwarded DDL, and forgets
# dropped ones. Runs in the session's transaction after every DDL statement.
SYNC = r"""
INSERT INTO mz_emu.schemas (id, nsp_oid, database_id, owner_id, privileges)
    SELECT 'u' || nextval('mz_emu.schema_seq'), n.oid, 'u1', %(owner)s, ARRAY[%(owner)s || '=UC/' || %(owner)s]
    FROM pg_namespace n
    WHERE n.nspname NOT LIKE 'pg\_%%' AND n.nspname NOT IN ('information_schema', 'mz_emu', 'mz_catalog', 'mz_internal')
      AND NOT EXISTS (SELECT 1 FROM mz_emu.schemas s WHERE s.nsp_oid = n.oid);
DELETE FROM mz_emu.schemas s WHERE NOT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.oid = s.nsp_oid);
INSERT INTO mz_emu.objects (id, pg_oid, type, owner_id, privileges, create_sql, definition)
    SELECT 'u' || nextval('mz_emu.id_seq'), c.oid,
           CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' ELSE 'view' END,
           %(owner)s, mz_emu.initial_privs(%(owner)s, s.id,
               CASE WHEN c.relkind IN ('r', 'p') THEN 'table' ELSE 'view' END), NULL,
           CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) END
    FROM pg_class c JOIN mz_emu.schemas s ON s.nsp_oid = c.relnamespace
    WHERE c.relkind IN ('r', 'v', 'p', 'm') AND s.id LIKE 'u%%'
      AND NOT EXISTS (SELECT 1 FROM mz_emu.objects o WHERE o.pg_oid = c.oid)
    ORDER BY c.oid;
DELETE FROM mz_emu.objects o WHERE o.pg_oid IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = o.pg_oid);
DELETE FROM mz_emu.objects o WHERE o.pg_oid IS NULL
    AND ((o.schema_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mz_emu.schemas s WHERE s.id = o.schema_id))
      OR (o.on_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mz_emu.objects p WHERE p.id = o.on_id)));
DELETE FROM mz_emu.sinks k WHERE NOT EXISTS (SELECT 1 FROM mz_emu.objects o WHERE o.id = k.id);
DELETE FROM mz_emu.comments m WHERE CASE m.object_type
    WHEN 'schema' THEN NOT EXISTS (SELECT 1 FROM mz_emu.schemas s WHERE s.id = m.id)
    WHEN 'cluster' THEN NOT EXISTS (SELECT 1 FROM mz_emu.clusters c WHERE c.id = m.id)
    WHEN 'role' THEN NOT EXISTS (SELECT 1 FROM mz_emu.roles r WHERE r.id = m.id)
    WHEN 'database' THEN m.id <> 'u1'
    ELSE NOT EXISTS (SELECT 1 FROM mz_emu.objects o WHERE o.id = m.id) END;
DELETE FROM mz_emu.role_members m WHERE NOT EXISTS (SELECT 1 FROM mz_emu.roles r WHERE r.id = m.role_id)
    OR NOT EXISTS (SELECT 1 FROM mz_emu.roles r WHERE r.id = m.member);
DELETE FROM mz_emu.default_privileges d WHERE d.schema_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM mz_emu.schemas s WHERE s.id = d.schema_id);
"""
