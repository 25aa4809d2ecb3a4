-- resolution_stats: one row per unit (district, and the province) × period × kind group, exactly as
-- DOMAIN.md §4 defines the metrics. Counts over petitions in jurisdiction, with
-- clock = coalesce(accepted_date, received_date); `received` counts every petition of the group's
-- kinds, in jurisdiction or not. Rates are NULL when their denominator is 0. median_days_km is filled
-- by the Kaplan–Meier step (metrics/survival.ts).
CREATE OR REPLACE TABLE kind_groups AS
SELECT * FROM (VALUES
  ('complaint_denunciation', 'complaint'), ('complaint_denunciation', 'denunciation'),
  ('complaint', 'complaint'), ('denunciation', 'denunciation'), ('feedback', 'feedback'),
  ('all', 'complaint'), ('all', 'denunciation'), ('all', 'feedback')) t(kind_group, kind);

CREATE OR REPLACE TEMP TABLE rs_cases AS
SELECT district_code, kind, coalesce(accepted_date, received_date) AS clock, resolved_date, due_date
FROM petitions WHERE in_jurisdiction;

-- Each case meets only the periods it is alive in (clock ≤ end, not resolved before start), so the
-- join grows with the cases' lifetimes, not with cases × periods.
CREATE OR REPLACE TEMP TABLE rs_district_kind AS
SELECT c.district_code, c.kind, p.grain, p.period_start, p.period_end,
  count(*) FILTER (c.clock < p.period_start) AS carried_over,
  count(*) FILTER (c.clock >= p.period_start) AS new_cases,
  count(*) FILTER (c.resolved_date <= p.period_end) AS resolved,
  count(*) FILTER (c.resolved_date <= p.period_end AND c.resolved_date <= c.due_date) AS on_time,
  count(*) FILTER ((c.resolved_date IS NULL OR c.resolved_date > p.period_end) AND c.due_date < p.period_end) AS overdue_end
FROM rs_cases c
JOIN periods p ON c.clock <= p.period_end AND (c.resolved_date IS NULL OR c.resolved_date >= p.period_start)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE rs_received AS
SELECT district_code, kind, p.grain, p.period_start, p.period_end, count(*) AS received
FROM petitions JOIN periods p ON received_date BETWEEN p.period_start AND p.period_end
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE rs_units AS
SELECT unit_code, 'district' AS unit_level, unit_code AS district_code FROM admin_units WHERE level = 2
UNION ALL
SELECT prov.unit_code, 'province', d.unit_code FROM admin_units prov JOIN admin_units d ON d.parent_code = prov.unit_code AND d.level = 2
WHERE prov.level = 1;

CREATE OR REPLACE TABLE resolution_stats AS
WITH grid AS (
  SELECT u.unit_code, u.unit_level, p.grain, p.period_start, p.period_end, p.year, g.kind_group
  FROM (SELECT DISTINCT unit_code, unit_level FROM rs_units) u, periods p, (SELECT DISTINCT kind_group FROM kind_groups) g
), counts AS (
  SELECT u.unit_code, u.unit_level, k.grain, k.period_start, g.kind_group,
    sum(k.carried_over) AS carried_over, sum(k.new_cases) AS new_cases, sum(k.resolved) AS resolved,
    sum(k.on_time) AS on_time, sum(k.overdue_end) AS overdue_end
  FROM rs_district_kind k
  JOIN rs_units u ON u.district_code = k.district_code
  JOIN kind_groups g ON g.kind = k.kind
  GROUP BY ALL
), recv AS (
  SELECT u.unit_code, r.grain, r.period_start, g.kind_group, sum(r.received) AS received
  FROM rs_received r JOIN rs_units u ON u.district_code = r.district_code JOIN kind_groups g ON g.kind = r.kind
  GROUP BY ALL
)
SELECT g.unit_code, g.unit_level, g.grain, g.period_start, g.period_end, g.kind_group,
  coalesce(r.received, 0)::BIGINT AS received,
  round(coalesce(r.received, 0) * 10000.0 / nullif(pop.population, 0), 3) AS received_per_10k,
  coalesce(c.carried_over, 0)::BIGINT AS carried_over,
  coalesce(c.new_cases, 0)::BIGINT AS new_cases,
  (coalesce(c.carried_over, 0) + coalesce(c.new_cases, 0))::BIGINT AS caseload,
  coalesce(c.resolved, 0)::BIGINT AS resolved,
  coalesce(c.resolved, 0) / nullif(coalesce(c.carried_over, 0) + coalesce(c.new_cases, 0), 0) AS resolution_rate,
  coalesce(c.on_time, 0)::BIGINT AS on_time,
  coalesce(c.on_time, 0) / nullif(coalesce(c.resolved, 0), 0) AS on_time_rate,
  (coalesce(c.carried_over, 0) + coalesce(c.new_cases, 0) - coalesce(c.resolved, 0))::BIGINT AS backlog_end,
  coalesce(c.overdue_end, 0)::BIGINT AS overdue_end,
  NULL::DOUBLE AS median_days_km,
  pop.population::BIGINT AS population
FROM grid g
LEFT JOIN counts c USING (unit_code, unit_level, grain, period_start, kind_group)
LEFT JOIN recv r USING (unit_code, grain, period_start, kind_group)
LEFT JOIN population_by_year pop ON pop.unit_code = g.unit_code AND pop.year = g.year
ORDER BY g.unit_code, g.grain, g.period_start, g.kind_group;
