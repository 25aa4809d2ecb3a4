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

-- Every metric is a difference of running counts of dated events per district and kind, so the work
-- is one pass over the cases plus a table of days, however many petitions there are:
--   opened (clock), closed (resolved_date), closed on time, became overdue (due_date + 1), and
--   stopped being overdue-and-open (the later of due_date + 1 and resolved_date).
-- With resolved_date ≥ clock (a load rule): carried_over = opened before start − closed before start;
-- new = opened in the period; resolved = closed in it; overdue at end = became overdue by end −
-- of those, closed by end.
CREATE OR REPLACE TEMP TABLE rs_events AS
SELECT district_code, kind, d, sum(opened) AS opened, sum(closed) AS closed, sum(on_time) AS on_time,
  sum(overdue_in) AS overdue_in, sum(overdue_out) AS overdue_out
FROM (
  SELECT district_code, kind, clock AS d, count(*) AS opened, 0 AS closed, 0 AS on_time, 0 AS overdue_in, 0 AS overdue_out FROM rs_cases GROUP BY ALL
  UNION ALL SELECT district_code, kind, resolved_date, 0, count(*), count(*) FILTER (resolved_date <= due_date), 0, 0 FROM rs_cases WHERE resolved_date IS NOT NULL GROUP BY ALL
  UNION ALL SELECT district_code, kind, (due_date + 1)::DATE, 0, 0, 0, count(*), 0 FROM rs_cases WHERE due_date IS NOT NULL GROUP BY ALL
  UNION ALL SELECT district_code, kind, greatest(due_date + 1, resolved_date)::DATE, 0, 0, 0, 0, count(*) FROM rs_cases WHERE due_date IS NOT NULL AND resolved_date IS NOT NULL GROUP BY ALL
) GROUP BY ALL;

-- Running totals up to and including each event day; a period reads them at start − 1 and at end.
CREATE OR REPLACE TEMP TABLE rs_cum AS
SELECT district_code, kind, d,
  sum(opened) OVER w AS opened, sum(closed) OVER w AS closed, sum(on_time) OVER w AS on_time,
  sum(overdue_in) OVER w AS overdue_in, sum(overdue_out) OVER w AS overdue_out
FROM rs_events
WINDOW w AS (PARTITION BY district_code, kind ORDER BY d ROWS UNBOUNDED PRECEDING);

CREATE OR REPLACE TEMP TABLE rs_keys AS SELECT DISTINCT district_code, kind FROM rs_cases;

CREATE OR REPLACE TEMP TABLE rs_district_kind AS
WITH bounds AS (
  SELECT k.district_code, k.kind, p.grain, p.period_start, p.period_end, (p.period_start - 1)::DATE AS before_start
  FROM rs_keys k, periods p
), at_start AS (
  SELECT b.*, c.opened AS o0, c.closed AS c0, c.on_time AS t0
  FROM bounds b ASOF LEFT JOIN rs_cum c ON c.district_code = b.district_code AND c.kind = b.kind AND c.d <= b.before_start
), at_end AS (
  SELECT s.*, c.opened AS o1, c.closed AS c1, c.on_time AS t1, c.overdue_in AS i1, c.overdue_out AS u1
  FROM at_start s ASOF LEFT JOIN rs_cum c ON c.district_code = s.district_code AND c.kind = s.kind AND c.d <= s.period_end
)
SELECT district_code, kind, grain, period_start, period_end,
  coalesce(o0, 0) - coalesce(c0, 0) AS carried_over,
  coalesce(o1, 0) - coalesce(o0, 0) AS new_cases,
  coalesce(c1, 0) - coalesce(c0, 0) AS resolved,
  coalesce(t1, 0) - coalesce(t0, 0) AS on_time,
  -- overdue at end: past due_date by end (due_date + 1 ≤ end, i.e. due_date < end) and not closed by end.
  coalesce(i1, 0) - coalesce(u1, 0) AS overdue_end
FROM at_end;

CREATE OR REPLACE TEMP TABLE rs_received AS
WITH daily AS (SELECT district_code, kind, received_date AS d, count(*) AS n FROM petitions GROUP BY ALL),
cum AS (SELECT district_code, kind, d, sum(n) OVER (PARTITION BY district_code, kind ORDER BY d ROWS UNBOUNDED PRECEDING) AS n FROM daily),
keys AS (SELECT DISTINCT district_code, kind FROM daily),
bounds AS (SELECT k.district_code, k.kind, p.grain, p.period_start, p.period_end, (p.period_start - 1)::DATE AS before_start FROM keys k, periods p),
s AS (SELECT b.*, c.n AS n0 FROM bounds b ASOF LEFT JOIN cum c ON c.district_code = b.district_code AND c.kind = b.kind AND c.d <= b.before_start),
e AS (SELECT s.*, c.n AS n1 FROM s ASOF LEFT JOIN cum c ON c.district_code = s.district_code AND c.kind = s.kind AND c.d <= s.period_end)
SELECT district_code, kind, grain, period_start, period_end, coalesce(n1, 0) - coalesce(n0, 0) AS received FROM e;

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
