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
-- long past it (days after due_date): the overdue backlog by age.
CREATE OR REPLACE TABLE overdue_age AS
WITH buckets(bucket, lo, hi, label_vi, label_en, ord) AS (VALUES
  ('d0_30', 1, 30, '1–30 ngày', '1–30 days', 1), ('d31_90', 31, 90, '31–90 ngày', '31–90 days', 2),
  ('d91_180', 91, 180, '91–180 ngày', '91–180 days', 3), ('d181_365', 181, 365, '181–365 ngày', '181–365 days', 4),
  ('d366', 366, 1000000, 'trên 1 năm', 'over a year', 5))
SELECT c.district_code AS unit_code, p.grain, p.period_start, p.period_end, k.kind_group, b.bucket, b.label_vi, b.label_en, b.ord,
  count(*)::BIGINT AS cases
FROM rs_cases c
JOIN periods p ON c.clock <= p.period_end AND (c.resolved_date IS NULL OR c.resolved_date > p.period_end) AND c.due_date < p.period_end
JOIN kind_groups k ON k.kind = c.kind
JOIN buckets b ON (p.period_end - c.due_date) BETWEEN b.lo AND b.hi
WHERE p.grain IN ('month', 'quarter', 'year', 'report_q', 'report_6m', 'report_9m', 'report_year')
GROUP BY ALL
ORDER BY unit_code, grain, period_start, kind_group, ord;
