"""Catalog relations beyond the blue/green path (issue 17, kind 7), run after catalog.BOOTSTRAP.

- System clusters (src/catalog/src/builtin.rs; ids from test/sqllogictest/cluster.slt, where
  `SELECT id, name FROM mz_clusters` lists s1 mz_system, s2 mz_introspection -- since renamed
  mz_catalog_server --, s3 mz_probe, s4 mz_support): mz_system, mz_catalog_server and mz_probe
  have one replica, mz_support and mz_analytics none. They are owned by mz_system and cannot be
  modified.
- Introspection indexes: every cluster has one index per log source, named
  `<log>_<cluster id>_primary_idx` (cluster.slt), ids `si...`. Catalog rows only (mz_indexes,
  mz_index_columns): they are not emulator objects, so they take no part in hydration here.
- mz_columns, mz_index_columns, mz_audit_events, mz_cluster_replica_sizes (system catalog docs,
  https://materialize.com/docs/sql/system-catalog/mz_catalog/).
- mz_cluster_deployment_lineage keeps dropped clusters: "cluster_id ... (though the cluster may
  no longer exist)", "current_deployment_cluster_id ... (the cluster is guaranteed to exist)";
  system clusters are not in it (https://materialize.com/docs/sql/system-catalog/mz_internal/).
"""

import json

from .sqlparse import quote_ident, quote_literal

LOG_SOURCES = (
    ("mz_active_peeks_per_worker", ("id", "worker_id")),
    ("mz_arrangement_batches_raw", ("operator_id", "worker_id")),
    ("mz_arrangement_records_raw", ("operator_id", "worker_id")),
    ("mz_arrangement_sharing_raw", ("operator_id", "worker_id")),
    ("mz_compute_exports_per_worker", ("export_id", "worker_id")),
    ("mz_compute_frontiers_per_worker", ("export_id", "worker_id")),
    ("mz_compute_import_frontiers_per_worker", ("export_id", "import_id", "worker_id")),
    ("mz_dataflow_addresses_per_worker", ("id", "worker_id")),
    ("mz_dataflow_channels_per_worker", ("id", "worker_id")),
    ("mz_dataflow_operators_per_worker", ("id", "worker_id")),
    ("mz_message_counts_received_raw", ("channel_id", "from_worker_id", "to_worker_id")),
    ("mz_message_counts_sent_raw", ("channel_id", "from_worker_id", "to_worker_id")),
    ("mz_peek_durations_histogram_raw", ("worker_id", "type", "duration_ns")),
    ("mz_scheduling_elapsed_raw", ("id", "worker_id")),
)

# (size, credits per hour): https://materialize.com/docs/sql/create-cluster/#size
REPLICA_SIZES = (("25cc", "0.25"), ("50cc", "0.5"), ("100cc", "1"), ("200cc", "2"), ("300cc", "3"),
                 ("400cc", "4"), ("600cc", "6"), ("800cc", "8"), ("1200cc", "12"), ("1600cc", "16"),
                 ("3200cc", "32"), ("6400cc", "64"), ("1", "1"), ("2", "2"))


def _values(rows):
    return ",\n    ".join("(" + ", ".join(rows_i) + ")" for rows_i in rows)


_LOGS = _values([(quote_literal(n), str(i + 1), quote_literal("{" + ",".join(cols) + "}"))
                 for i, (n, cols) in enumerate(LOG_SOURCES)])
_SIZES = _values([(quote_literal(s), c) for s, c in REPLICA_SIZES])

EXTRA = r"""
INSERT INTO mz_emu.clusters (id, name, owner_id, privileges, managed, size, replication_factor, created_at)
VALUES ('s1', 'mz_system', 's1', ARRAY['s1=UC/s1'], true, '25cc', 1, now() - interval '1 hour'),
       ('s2', 'mz_catalog_server', 's1', ARRAY['=U/s1', 's1=UC/s1'], true, '25cc', 1, now() - interval '1 hour'),
       ('s3', 'mz_probe', 's1', ARRAY['s1=UC/s1'], true, '25cc', 1, now() - interval '1 hour'),
       ('s4', 'mz_support', 's1', ARRAY['s1=UC/s1'], true, '25cc', 0, now() - interval '1 hour'),
       ('s5', 'mz_analytics', 's1', ARRAY['s1=UC/s1'], true, '25cc', 0, now() - interval '1 hour')
ON CONFLICT DO NOTHING;
INSERT INTO mz_emu.replicas (id, name, cluster_id, size, owner_id, created_at)
VALUES ('s1', 'r1', 's1', '25cc', 's1', now() - interval '1 hour'),
       ('s2', 'r1', 's2', '25cc', 's1', now() - interval '1 hour'),
       ('s3', 'r1', 's3', '25cc', 's1', now() - interval '1 hour')
ON CONFLICT DO NOTHING;

INSERT INTO mz_emu.log_sources VALUES
    %(logs)s
ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS mz_emu.index_columns (
    index_id text NOT NULL, index_position int NOT NULL, on_position int, on_expression text,
    nullable bool NOT NULL, PRIMARY KEY (index_id, index_position));
CREATE TABLE IF NOT EXISTS mz_emu.audit_events (
    id bigserial PRIMARY KEY, event_type text NOT NULL, object_type text NOT NULL, details jsonb NOT NULL,
    "user" text, occurred_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS mz_emu.dropped_clusters (
    id text PRIMARY KEY, name text NOT NULL, dropped_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS mz_emu.replica_sizes (size text PRIMARY KEY, credits_per_hour numeric NOT NULL);
INSERT INTO mz_emu.replica_sizes VALUES
    %(sizes)s
ON CONFLICT DO NOTHING;

CREATE OR REPLACE VIEW mz_catalog.mz_indexes AS
    SELECT id, oid::oid AS oid, name, on_id, cluster_id, owner_id, create_sql, create_sql AS redacted_create_sql
    FROM mz_emu.objects_live WHERE type = 'index'
    UNION ALL
    SELECT id, NULL::oid, name, on_id, cluster_id, 's1'::text, NULL::text, NULL::text
    FROM mz_emu.introspection_indexes;

CREATE OR REPLACE VIEW mz_catalog.mz_columns AS
    SELECT o.id, a.attname::text AS name, a.attnum::int8 AS position, NOT a.attnotnull AS nullable,
           pg_catalog.format_type(a.atttypid, NULL) AS type, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS "default",
           a.atttypid AS type_oid, a.atttypmod AS type_mod
    FROM mz_emu.objects_live o JOIN pg_attribute a ON a.attrelid = o.pg_oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum;

CREATE OR REPLACE VIEW mz_catalog.mz_index_columns AS
    SELECT index_id, index_position::int8 AS index_position, on_position::int8 AS on_position, on_expression,
           nullable
    FROM mz_emu.index_columns WHERE index_id IN (SELECT id FROM mz_emu.objects)
    UNION ALL
    SELECT i.id, k.pos::int8, k.pos::int8, NULL::text, false
    FROM mz_emu.introspection_indexes i, unnest(i.key_cols) WITH ORDINALITY AS k(col, pos);

CREATE OR REPLACE VIEW mz_catalog.mz_audit_events AS
    SELECT id::numeric AS id, event_type, object_type, details, "user", occurred_at FROM mz_emu.audit_events;

CREATE OR REPLACE VIEW mz_catalog.mz_cluster_replica_sizes AS
    SELECT size, 1::numeric AS processes, greatest(1, credits_per_hour * 4)::numeric AS workers,
           (credits_per_hour * 1000000000)::numeric AS cpu_nano_cores,
           (credits_per_hour * 8 * 1024 * 1024 * 1024)::numeric AS memory_bytes,
           (credits_per_hour * 16 * 1024 * 1024 * 1024)::numeric AS disk_bytes, credits_per_hour
    FROM mz_emu.replica_sizes;

CREATE OR REPLACE VIEW mz_internal.mz_cluster_deployment_lineage AS
    SELECT c.id AS cluster_id,
           coalesce((SELECT p.id FROM mz_emu.clusters p WHERE p.name = regexp_replace(c.name, '_dbt_deploy$', '')),
                    c.id) AS current_deployment_cluster_id,
           regexp_replace(c.name, '_dbt_deploy$', '') AS cluster_name
    FROM mz_emu.clusters c WHERE c.id NOT LIKE 's%%'
    UNION ALL
    SELECT d.id, p.id, p.name
    FROM mz_emu.dropped_clusters d
    JOIN mz_emu.clusters p ON p.name = regexp_replace(d.name, '_dbt_deploy$', '') AND p.id NOT LIKE 's%%';
""" % {"logs": _LOGS, "sizes": _SIZES}


async def audit(session, event_type, object_type, details):
    """One mz_audit_events row, written in the DDL's own transaction (rolled back with it)."""
    await session.pg.fetch(
        'INSERT INTO mz_emu.audit_events (event_type, object_type, details, "user") VALUES (%s, %s, %s, %s) '
        "RETURNING 1", [event_type, object_type, json.dumps(details), session.user])


async def note_dropped_cluster(session, cluster_id, name):
    await session.pg.fetch("INSERT INTO mz_emu.dropped_clusters (id, name) VALUES (%s, %s) "
                           "ON CONFLICT (id) DO NOTHING RETURNING 1", [cluster_id, name])
    await audit(session, "drop", "cluster", {"id": cluster_id, "name": name})


async def record_index_columns(session, index_id, rel_pg_oid, cols):
    """mz_index_columns of a user index: named key columns by position, expressions as text; an
    index without a key list (CREATE DEFAULT INDEX) is keyed on every column."""
    rows = await session.pg.fetch(
        "SELECT attname::text, attnum, NOT attnotnull FROM pg_attribute WHERE attrelid = %s AND attnum > 0 "
        "AND NOT attisdropped ORDER BY attnum", [rel_pg_oid])
    by_name = {r[0]: (r[1], r[2]) for r in rows}
    keys = cols or [r[0] for r in rows]
    for pos, k in enumerate(keys, 1):
        att = by_name.get(k)
        await session.pg.fetch(
            "INSERT INTO mz_emu.index_columns VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING 1",
            [index_id, pos, att[0] if att else None, None if att else k, att[1] if att else True])


async def mirror_comment(session, kind, target_sql, text):
    """COMMENT ON a PostgreSQL-backed schema/relation/column is also made in PostgreSQL, so that
    pg_description and obj_description()/col_description() show it."""
    pg_kind = {"SCHEMA": "SCHEMA", "TABLE": "TABLE", "VIEW": "VIEW", "MATERIALIZED VIEW": "VIEW",
               "COLUMN": "COLUMN"}.get(kind)
    if pg_kind is None or target_sql is None:
        return
    await session.pg.run("COMMENT ON %s %s IS %s" % (pg_kind, target_sql,
                                                     "NULL" if text is None else quote_literal(text)))


def qualified(parts):
    return ".".join(quote_ident(p) for p in parts)
