-- petition_counts: petitions received per district × month × kind × topic × channel × status, with
-- the in-jurisdiction, crowd, repeat and over-level counts: what the dashboard's breakdowns read, so
-- no page scans the petitions table (which may hold millions of rows).
CREATE OR REPLACE TABLE petition_counts AS
SELECT district_code AS unit_code, date_trunc('month', received_date)::DATE AS month, kind, topic, channel, status,
  count(*)::BIGINT AS received,
  count(*) FILTER (in_jurisdiction)::BIGINT AS in_jurisdiction,
  count(*) FILTER (is_crowd)::BIGINT AS crowd,
  count(*) FILTER (is_repeat)::BIGINT AS repeat,
  count(*) FILTER (is_over_level)::BIGINT AS over_level
FROM petitions
GROUP BY ALL
ORDER BY unit_code, month, kind, topic, channel, status;

-- overdue_age: cases in jurisdiction open and past their deadline at the end of each period, by how
-- long past it (end − due_date, in days). A case is in bucket [lo, hi] on the days from due_date + lo to
-- the earlier of due_date + hi and the day before it was resolved: +1 and −1 events per bucket, running
-- sums, read at each period's end — linear in the cases, like resolution_stats.
CREATE OR REPLACE TEMP TABLE oa_buckets AS SELECT * FROM (VALUES
  ('d0_30', 1, 30, '1–30 ngày', '1–30 days', 1), ('d31_90', 31, 90, '31–90 ngày', '31–90 days', 2),
  ('d91_180', 91, 180, '91–180 ngày', '91–180 days', 3), ('d181_365', 181, 365, '181–365 ngày', '181–365 days', 4),
  ('d366', 366, 100000, 'trên 1 năm', 'over a year', 5)) t(bucket, lo, hi, label_vi, label_en, ord);

CREATE OR REPLACE TEMP TABLE oa_cum AS
WITH spans AS (
  SELECT c.district_code, c.kind, b.bucket, (c.due_date + b.lo)::DATE AS first_day,
    least(c.due_date + b.hi, coalesce(c.resolved_date - 1, DATE '9999-12-30'))::DATE AS last_day
  FROM rs_cases c, oa_buckets b WHERE c.due_date IS NOT NULL
), events AS (
  SELECT district_code, kind, bucket, d, sum(n) AS n FROM (
    SELECT district_code, kind, bucket, first_day AS d, count(*) AS n FROM spans WHERE first_day <= last_day GROUP BY ALL
    UNION ALL SELECT district_code, kind, bucket, (last_day + 1)::DATE, -count(*) FROM spans WHERE first_day <= last_day AND last_day < DATE '9999-12-30' GROUP BY ALL
  ) GROUP BY ALL
)
SELECT district_code, kind, bucket, d, sum(n) OVER (PARTITION BY district_code, kind, bucket ORDER BY d ROWS UNBOUNDED PRECEDING) AS open_cases
FROM events;

CREATE OR REPLACE TABLE overdue_age AS
WITH keys AS (SELECT DISTINCT district_code, kind, bucket FROM oa_cum),
at_end AS (
  SELECT k.district_code, k.kind, k.bucket, p.grain, p.period_start, p.period_end, c.open_cases
  FROM keys k CROSS JOIN periods p
  ASOF LEFT JOIN oa_cum c ON c.district_code = k.district_code AND c.kind = k.kind AND c.bucket = k.bucket AND c.d <= p.period_end
)
SELECT a.district_code AS unit_code, a.grain, a.period_start, a.period_end, g.kind_group, a.bucket, b.label_vi, b.label_en, b.ord,
  sum(a.open_cases)::BIGINT AS cases
FROM at_end a JOIN kind_groups g ON g.kind = a.kind JOIN oa_buckets b ON b.bucket = a.bucket
WHERE a.open_cases > 0
GROUP BY ALL
ORDER BY unit_code, grain, period_start, kind_group, ord;
