-- deploy_await readiness classification (written for the black-box tests from
-- /work/shared/materialize.md §1; same rules as dbt-materialize's deploy_await, not a copy).
-- Parameters (psycopg named style): %(clusters)s text[] of deployment cluster names,
-- %(lag_threshold)s interval text (dbt default '1s').
-- One row per requested cluster: (cluster_name, status, reason), status one of
-- ready | hydrating | lagging | failing.
WITH wanted AS (
    SELECT unnest(%(clusters)s::text[]) AS cluster_name
),
clusters AS (
    SELECT w.cluster_name, c.id AS cluster_id
    FROM wanted w
    LEFT JOIN mz_catalog.mz_clusters c ON c.name = w.cluster_name
),
replicas AS (
    SELECT r.cluster_id, r.id AS replica_id
    FROM mz_catalog.mz_cluster_replicas r
    JOIN clusters c ON c.cluster_id = r.cluster_id
),
problematic AS (
    SELECT h.replica_id
    FROM mz_internal.mz_cluster_replica_status_history h
    JOIN replicas r ON r.replica_id = h.replica_id
    WHERE h.reason = 'oom-killed'
      AND h.occurred_at > now() - INTERVAL '24 hours'
    GROUP BY h.replica_id
    HAVING count(*) >= 3
),
replica_health AS (
    SELECT r.cluster_id,
           count(*) AS replicas,
           count(p.replica_id) AS problematic
    FROM replicas r
    LEFT JOIN problematic p ON p.replica_id = r.replica_id
    GROUP BY r.cluster_id
),
-- Per replica: hydrated objects vs objects. Every replica has hydrated system introspection
-- indexes (si...), so an empty cluster reads as hydrated (fact sheet §6, §7).
per_replica AS (
    SELECT r.cluster_id, r.replica_id,
           count(*) FILTER (WHERE h.hydrated) AS hydrated,
           count(*) AS total
    FROM replicas r
    LEFT JOIN mz_internal.mz_hydration_statuses h ON h.replica_id = r.replica_id
    GROUP BY r.cluster_id, r.replica_id
),
best AS (
    SELECT cluster_id, bool_or(hydrated >= total) AS some_replica_hydrated
    FROM per_replica
    GROUP BY cluster_id
),
lag AS (
    SELECT r.cluster_id, max(l.lag) AS max_lag
    FROM replicas r
    JOIN mz_internal.mz_hydration_statuses h ON h.replica_id = r.replica_id
    JOIN mz_internal.mz_wallclock_global_lag l ON l.object_id = h.object_id
    GROUP BY r.cluster_id
)
SELECT c.cluster_name,
       CASE
           WHEN c.cluster_id IS NULL THEN 'failing'
           WHEN coalesce(rh.replicas, 0) = 0 THEN 'failing'
           WHEN rh.problematic >= rh.replicas THEN 'failing'
           WHEN NOT coalesce(b.some_replica_hydrated, false) THEN 'hydrating'
           WHEN lg.max_lag > %(lag_threshold)s::interval THEN 'lagging'
           ELSE 'ready'
       END AS status,
       CASE
           WHEN c.cluster_id IS NULL THEN 'cluster_not_found'
           WHEN coalesce(rh.replicas, 0) = 0 THEN 'no_replicas'
           WHEN rh.problematic >= rh.replicas THEN 'all_replicas_problematic'
           WHEN NOT coalesce(b.some_replica_hydrated, false) THEN 'hydrating'
           WHEN lg.max_lag > %(lag_threshold)s::interval THEN 'lag_above_threshold'
           ELSE 'ready'
       END AS reason
FROM clusters c
LEFT JOIN replica_health rh ON rh.cluster_id = c.cluster_id
LEFT JOIN best b ON b.cluster_id = c.cluster_id
LEFT JOIN lag lg ON lg.cluster_id = c.cluster_id
ORDER BY c.cluster_name
