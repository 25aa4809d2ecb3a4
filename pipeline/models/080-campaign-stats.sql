-- campaign_stats (DOMAIN §4): per campaign × unit (district, and the province) × reported period.
-- Communes roll up to their district, districts to the province. models_recognised is the reported
-- total when the source gives one, else the sum of its levels. Changes compare participants with the
-- previous period of the same length and with the same period a year earlier (relative), and the
-- participation rate with the previous period (in points).
CREATE OR REPLACE TEMP TABLE cs_district AS
SELECT r.campaign_id, coalesce(d.unit_code, u.unit_code) AS unit_code, r.period_start, r.period_end, r.indicator,
  coalesce(sum(r.value) FILTER (r.recognition_level IS NULL), sum(r.value)) AS value,
  count(DISTINCT r.unit_code) FILTER (u.level = 3) AS communes_reporting
FROM campaign_results r
JOIN admin_units u ON u.unit_code = r.unit_code
LEFT JOIN admin_units d ON u.level = 3 AND d.unit_code = u.parent_code
WHERE u.level IN (2, 3)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE cs_units AS
SELECT campaign_id, unit_code, 'district' AS unit_level, period_start, period_end, indicator, value FROM cs_district
UNION ALL
SELECT c.campaign_id, p.unit_code, 'province', c.period_start, c.period_end, c.indicator, sum(c.value)
FROM cs_district c JOIN admin_units d ON d.unit_code = c.unit_code JOIN admin_units p ON p.unit_code = d.parent_code AND p.level = 1
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE cs_wide AS
PIVOT (SELECT campaign_id, unit_code, unit_level, period_start, period_end, indicator, value FROM cs_units)
ON indicator IN ('participants', 'target_population', 'households_participating', 'households_total', 'models_registered',
  'models_recognised', 'funds_vnd', 'houses', 'workdays', 'land_donated_m2', 'activities')
USING sum(value);

CREATE OR REPLACE TEMP TABLE cs_coverage AS
WITH d AS (SELECT campaign_id, unit_code, period_start, max(communes_reporting) AS reporting FROM cs_district GROUP BY ALL),
by_commune AS (SELECT campaign_id FROM d GROUP BY 1 HAVING max(reporting) > 0),
communes AS (SELECT parent_code AS unit_code, count(*) AS n FROM admin_units WHERE level = 3 GROUP BY 1),
districts AS (SELECT parent_code AS unit_code, count(*) AS n FROM admin_units WHERE level = 2 GROUP BY 1)
SELECT d.campaign_id, d.unit_code, d.period_start,
  CASE WHEN d.campaign_id IN (SELECT campaign_id FROM by_commune) THEN d.reporting / nullif(c.n, 0) END AS coverage
FROM d LEFT JOIN communes c USING (unit_code)
UNION ALL
SELECT d.campaign_id, u.parent_code, d.period_start, count(*) / nullif(max(n.n), 0)
FROM d JOIN admin_units u USING (unit_code) JOIN districts n ON n.unit_code = u.parent_code
GROUP BY ALL;

CREATE OR REPLACE TABLE campaign_stats AS
WITH base AS (
  SELECT w.*,
    w.participants / nullif(w.target_population, 0) AS participation_rate,
    round(w.participants * 1000.0 / nullif(pop.population, 0), 3) AS participants_per_1000,
    w.households_participating / nullif(w.households_total, 0) AS households_rate,
    w.models_recognised / nullif(w.models_registered, 0) AS recognition_rate,
    cov.coverage
  FROM cs_wide w
  LEFT JOIN population_by_year pop ON pop.unit_code = w.unit_code AND pop.year = year(w.period_end)
  LEFT JOIN cs_coverage cov
    ON cov.campaign_id = w.campaign_id AND cov.unit_code = w.unit_code AND cov.period_start = w.period_start
)
SELECT b.campaign_id, b.unit_code, b.unit_level, b.period_start, b.period_end,
  b.participants, b.target_population, b.participation_rate, b.participants_per_1000,
  b.households_participating, b.households_total, b.households_rate,
  b.models_registered, b.models_recognised, b.recognition_rate,
  b.funds_vnd, b.houses, b.workdays, b.land_donated_m2, b.activities, b.coverage,
  b.participants / nullif(prev.participants, 0) - 1 AS change_prev,
  b.participants / nullif(ly.participants, 0) - 1 AS change_yoy,
  b.participation_rate - prev.participation_rate AS participation_rate_change_prev
FROM base b
LEFT JOIN base prev ON prev.campaign_id = b.campaign_id AND prev.unit_code = b.unit_code
  AND prev.period_end = b.period_start - 1 AND (prev.period_end - prev.period_start) = (b.period_end - b.period_start)
LEFT JOIN base ly ON ly.campaign_id = b.campaign_id AND ly.unit_code = b.unit_code
  AND ly.period_start = b.period_start - INTERVAL 1 YEAR AND ly.period_end = b.period_end - INTERVAL 1 YEAR
ORDER BY b.campaign_id, b.unit_level, b.unit_code, b.period_start;
