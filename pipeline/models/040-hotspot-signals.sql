-- hotspot_stats, layer 1 and 2 (DOMAIN §4): signals per district × period (month, quarter, year) and
-- the temporal anomaly against the unit's own history. Spatial Gi*, the score, rank and reasons are
-- added by metrics/hotspots.ts and 060-hotspot-score.sql. Counts are of complaints and denunciations
-- (the petitions hot spots are made of), received in the period, in jurisdiction or not.
CREATE OR REPLACE TABLE hotspot_stats AS
WITH p AS (SELECT * FROM periods WHERE grain IN ('month', 'quarter', 'year')),
sig AS (
  SELECT e.district_code AS unit_code, p.grain, p.period_start,
    count(*) AS received,
    count(*) FILTER (e.is_crowd) AS crowd,
    count(*) FILTER (e.is_repeat) AS repeat,
    count(*) FILTER (e.is_over_level) AS over_level,
    count(*) FILTER (e.topic IN ('land', 'compensation')) AS land_topic
  FROM petitions e JOIN period_days p ON p.d = e.received_date AND p.grain IN ('month', 'quarter', 'year')
  WHERE e.kind IN ('complaint', 'denunciation')
  GROUP BY ALL
), grid AS (
  SELECT u.unit_code, p.grain, p.period_start, p.period_end, p.label_vi, p.label_en, p.is_complete
  FROM admin_units u, p WHERE u.level = 2
)
SELECT g.unit_code, g.grain, g.period_start, g.period_end, g.label_vi AS period_label_vi, g.label_en AS period_label_en, g.is_complete,
  coalesce(s.received, 0)::BIGINT AS received,
  round(coalesce(s.received, 0) * 10000.0 / nullif(rs.population, 0), 3) AS received_per_10k,
  coalesce(s.crowd, 0)::BIGINT AS crowd,
  coalesce(s.repeat, 0)::BIGINT AS repeat,
  coalesce(s.over_level, 0)::BIGINT AS over_level,
  rs.overdue_end,
  coalesce(s.land_topic, 0) / nullif(coalesce(s.received, 0), 0) AS land_share
FROM grid g
LEFT JOIN sig s USING (unit_code, grain, period_start)
LEFT JOIN resolution_stats rs ON rs.unit_code = g.unit_code AND rs.grain = g.grain AND rs.period_start = g.period_start
  AND rs.kind_group = 'complaint_denunciation'
ORDER BY g.grain, g.period_start, g.unit_code;

-- Temporal anomaly: expected = mean of the same unit's previous N periods (N from hotspots.json:
-- 12 months, 4 quarters, 3 years), Poisson z = (observed − expected) / √expected; NULL until the unit
-- has a full history or when expected is 0.
ALTER TABLE hotspot_stats ADD COLUMN expected DOUBLE;
ALTER TABLE hotspot_stats ADD COLUMN anomaly_z DOUBLE;
ALTER TABLE hotspot_stats ADD COLUMN received_same_period_last_year BIGINT;
UPDATE hotspot_stats h SET expected = a.expected, anomaly_z = a.z, received_same_period_last_year = a.last_year
FROM (
  SELECT unit_code, grain, period_start,
    CASE WHEN n_prev = hist THEN prev_mean END AS expected,
    CASE WHEN n_prev = hist AND prev_mean > 0 THEN (received - prev_mean) / sqrt(prev_mean) END AS z,
    last_year
  FROM (
    SELECT unit_code, grain, period_start, received, @history_month@ AS hist,
      avg(received) OVER (wm ROWS BETWEEN @history_month@ PRECEDING AND 1 PRECEDING) AS prev_mean,
      count(*) OVER (wm ROWS BETWEEN @history_month@ PRECEDING AND 1 PRECEDING) AS n_prev,
      lag(received, 12) OVER wm AS last_year
    FROM hotspot_stats WHERE grain = 'month' WINDOW wm AS (PARTITION BY unit_code ORDER BY period_start)
    UNION ALL
    SELECT unit_code, grain, period_start, received, @history_quarter@,
      avg(received) OVER (wq ROWS BETWEEN @history_quarter@ PRECEDING AND 1 PRECEDING),
      count(*) OVER (wq ROWS BETWEEN @history_quarter@ PRECEDING AND 1 PRECEDING),
      lag(received, 4) OVER wq
    FROM hotspot_stats WHERE grain = 'quarter' WINDOW wq AS (PARTITION BY unit_code ORDER BY period_start)
    UNION ALL
    SELECT unit_code, grain, period_start, received, @history_year@,
      avg(received) OVER (wy ROWS BETWEEN @history_year@ PRECEDING AND 1 PRECEDING),
      count(*) OVER (wy ROWS BETWEEN @history_year@ PRECEDING AND 1 PRECEDING),
      lag(received, 1) OVER wy
    FROM hotspot_stats WHERE grain = 'year' WINDOW wy AS (PARTITION BY unit_code ORDER BY period_start)
  )
) a
WHERE h.unit_code = a.unit_code AND h.grain = a.grain AND h.period_start = a.period_start;
