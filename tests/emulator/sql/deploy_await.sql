-- deploy_await classification, reproduced from the logic of dbt-materialize's
-- `are_clusters_ready` macro (one query for all deployment clusters).
-- Replace __CLUSTERS__ with a comma-separated list of quoted cluster names, e.g.
--   'prod_dbt_deploy', 'serving_dbt_deploy'
-- and __LAG_THRESHOLD__ with an interval literal (dbt default '1s').
-- A requested cluster absent from the result is `failing` (cluster_not_found).
-- An empty cluster reads as `ready`: every replica has its system introspection indexes
-- (ids si<n>) in mz_hydration_statuses, hydrated, so the LEFT JOIN in hydration_counts never
-- counts a lone NULL row (fact sheet §6 and §7).
WITH
problematic_replicas AS (
    -- 3 or more OOM kills in the last 24 hours
    SELECT replica_id
    FROM mz_internal.mz_cluster_replica_status_history
    WHERE occurred_at + INTERVAL '24 hours' > mz_now()
      AND reason = 'oom-killed'
    GROUP BY replica_id
    HAVING COUNT(*) >= 3
),
cluster_health AS (
    SELECT c.name AS cluster_name, c.id AS cluster_id,
           COUNT(r.id) AS total_replicas,
           COUNT(pr.replica_id) AS problematic_replicas
    FROM mz_clusters c
    LEFT JOIN mz_cluster_replicas r ON c.id = r.cluster_id
    LEFT JOIN problematic_replicas pr ON r.id = pr.replica_id
    WHERE c.name IN (__CLUSTERS__)
    GROUP BY c.name, c.id
),
hydration_counts AS (
    SELECT c.name AS cluster_name, r.id AS replica_id,
           COUNT(*) FILTER (WHERE mhs.hydrated) AS hydrated,
           COUNT(*) AS total
    FROM mz_clusters c
    JOIN mz_cluster_replicas r ON c.id = r.cluster_id
    LEFT JOIN mz_internal.mz_hydration_statuses mhs ON mhs.replica_id = r.id
    WHERE c.name IN (__CLUSTERS__)
    GROUP BY c.name, r.id
),
hydration_best AS (
    SELECT cluster_name, MAX(hydrated) AS hydrated, MAX(total) AS total
    FROM hydration_counts
    GROUP BY cluster_name
),
cluster_lag AS (
    SELECT c.name AS cluster_name, MAX(EXTRACT(EPOCH FROM wgl.lag)) AS max_lag_secs
    FROM mz_clusters c
    JOIN mz_cluster_replicas r ON c.id = r.cluster_id
    JOIN mz_internal.mz_hydration_statuses mhs ON mhs.replica_id = r.id
    JOIN mz_internal.mz_wallclock_global_lag wgl ON wgl.object_id = mhs.object_id
    WHERE c.name IN (__CLUSTERS__)
    GROUP BY c.name
),
lag_threshold_secs AS (
    SELECT EXTRACT(EPOCH FROM INTERVAL __LAG_THRESHOLD__) AS threshold_secs
)
SELECT
    ch.cluster_name,
    ch.cluster_id,
    CASE
        WHEN ch.total_replicas = 0 THEN 'failing'
        WHEN ch.total_replicas = ch.problematic_replicas THEN 'failing'
        WHEN COALESCE(hb.hydrated, 0) < COALESCE(hb.total, 0) THEN 'hydrating'
        WHEN COALESCE(cl.max_lag_secs, 0) > (SELECT threshold_secs FROM lag_threshold_secs) THEN 'lagging'
        ELSE 'ready'
    END AS status,
    CASE
        WHEN ch.total_replicas = 0 THEN 'no_replicas'
        WHEN ch.total_replicas = ch.problematic_replicas THEN 'all_replicas_problematic'
        ELSE NULL
    END AS failure_reason,
    COALESCE(hb.hydrated, 0) AS hydrated_count,
    COALESCE(hb.total, 0) AS total_count,
    COALESCE(cl.max_lag_secs, 0)::bigint AS max_lag_secs,
    ch.total_replicas,
    ch.problematic_replicas,
    (SELECT threshold_secs FROM lag_threshold_secs)::bigint AS threshold_secs
FROM cluster_health ch
LEFT JOIN hydration_best hb ON ch.cluster_name = hb.cluster_name
LEFT JOIN cluster_lag cl ON ch.cluster_name = cl.cluster_name
ORDER BY ch.cluster_name
