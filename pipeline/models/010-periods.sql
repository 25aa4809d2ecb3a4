-- Periods the metrics are computed for: calendar month, quarter and year, and the reporting periods
-- of Thanh tra reports (Circular 01/2024/TT-TTCP): Q1 = 15/12 of the previous year → 14/3, Q2–Q4
-- from the 15th of the last month of the previous quarter, and cumulative 6 and 9 months and year.
CREATE OR REPLACE TABLE periods AS
WITH bounds AS (
  SELECT least(min(d), max(d)) AS first_day, (SELECT value::DATE FROM build_info WHERE key = 'as_of') AS as_of
  FROM (SELECT received_date AS d FROM petitions UNION ALL SELECT period_start FROM campaign_results)
), years AS (
  SELECT y::INTEGER AS y, as_of FROM bounds, range(year(coalesce(first_day, as_of)), year(as_of) + 1) t(y)
), roman(q, r) AS (VALUES (1, 'I'), (2, 'II'), (3, 'III'), (4, 'IV')),
raw AS (
  SELECT 'month' AS grain, make_date(y, m, 1) AS period_start, last_day(make_date(y, m, 1)) AS period_end,
    'Tháng ' || m || '/' || y AS label_vi, strftime(make_date(y, m, 1), '%B %Y') AS label_en, as_of
  FROM years, range(1, 13) t(m)
  UNION ALL
  SELECT 'quarter', make_date(y, 3 * q - 2, 1), last_day(make_date(y, 3 * q, 1)), 'Quý ' || r || '/' || y, 'Q' || q || ' ' || y, as_of
  FROM years, roman
  UNION ALL
  SELECT 'year', make_date(y, 1, 1), make_date(y, 12, 31), 'Năm ' || y, y::VARCHAR, as_of FROM years
  UNION ALL
  SELECT 'report_q', CASE WHEN q = 1 THEN make_date(y - 1, 12, 15) ELSE make_date(y, 3 * q - 3, 15) END, make_date(y, 3 * q, 14),
    'Quý ' || r || '/' || y, 'Reporting Q' || q || ' ' || y, as_of
  FROM years, roman
  UNION ALL
  SELECT 'report_6m', make_date(y - 1, 12, 15), make_date(y, 6, 14), '6 tháng đầu năm ' || y, 'Reporting first half ' || y, as_of FROM years
  UNION ALL
  SELECT 'report_9m', make_date(y - 1, 12, 15), make_date(y, 9, 14), '9 tháng năm ' || y, 'Reporting 9 months ' || y, as_of FROM years
  UNION ALL
  SELECT 'report_year', make_date(y - 1, 12, 15), make_date(y, 12, 14), 'Năm ' || y, 'Reporting year ' || y, as_of FROM years
)
SELECT grain, period_start::DATE AS period_start, period_end::DATE AS period_end, label_vi, label_en,
  strftime(period_start, '%d/%m/%Y') || '–' || strftime(period_end, '%d/%m/%Y') AS range_label,
  year(period_end)::INTEGER AS year,
  period_end <= as_of AS is_complete
FROM raw
WHERE period_start <= as_of
ORDER BY grain, period_start;

-- Every day of every period: joining dated rows to periods on equality (hash join) instead of a date
-- range keeps those joins linear in the rows.
CREATE OR REPLACE TEMP TABLE period_days AS
SELECT p.grain, p.period_start, p.period_end, d::DATE AS d
FROM periods p, range(p.period_start, p.period_end + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d);
