// Example queries for the questions analysts ask most, over the metric tables only (never the
// `petitions` table, which may hold 10 million rows). "This year" is the year of the data's as-of
// date (build_info), so the examples keep working when new data arrives. A test runs every one of
// them against the demo database.

export interface WorkbenchExample {
  id: string;
  title_vi: string;
  title_en: string;
  sql: string;
}

/** The latest year with data: the year of the as-of date. */
const THIS_YEAR = `(SELECT date_trunc('year', CAST(value AS DATE)) FROM build_info WHERE key = 'as_of')`;

export const WORKBENCH_EXAMPLES: readonly WorkbenchExample[] = [
  {
    id: 'resolution_by_district',
    title_vi: 'Tỷ lệ giải quyết khiếu nại, tố cáo theo huyện, năm nay',
    title_en: 'Complaint and denunciation resolution rate by district, this year',
    sql: `-- Tỷ lệ giải quyết khiếu nại, tố cáo theo huyện, năm của ngày dữ liệu
SELECT u.name AS district,
       r.caseload,
       r.resolved,
       round(100 * r.resolution_rate, 1) AS resolution_rate_pct,
       round(100 * r.on_time_rate, 1) AS on_time_rate_pct
FROM resolution_stats r
JOIN admin_units u USING (unit_code)
WHERE r.grain = 'year'
  AND r.kind_group = 'complaint_denunciation'
  AND r.unit_level = 'district'
  AND r.period_start = ${THIS_YEAR}
ORDER BY r.resolution_rate DESC NULLS LAST`,
  },
  {
    id: 'top_hotspots',
    title_vi: 'Các điểm nóng đứng đầu, quý gần nhất',
    title_en: 'Top hot spots, latest quarter',
    sql: `-- 10 huyện có điểm cảnh báo điểm nóng cao nhất trong quý đã kết thúc gần nhất
SELECT h.rank,
       u.name AS district,
       h.period_label_vi AS period,
       round(h.score, 2) AS score,
       h.received,
       round(h.expected, 1) AS expected,
       h.gi_band,
       h.is_flagged,
       h.reasons_vi
FROM hotspot_stats h
JOIN admin_units u USING (unit_code)
WHERE h.grain = 'quarter'
  AND h.period_start = (SELECT max(period_start) FROM hotspot_stats WHERE grain = 'quarter' AND is_complete)
ORDER BY h.rank
LIMIT 10`,
  },
  {
    id: 'overdue_by_age',
    title_vi: 'Vụ quá hạn chưa giải quyết theo thời gian quá hạn, cuối tháng gần nhất',
    title_en: 'Overdue open cases by time overdue, end of the latest month',
    sql: `-- Vụ khiếu nại, tố cáo quá hạn chưa giải quyết, toàn tỉnh, theo nhóm thời gian quá hạn
SELECT label_vi AS overdue_for,
       sum(cases) AS cases
FROM overdue_age
WHERE grain = 'month'
  AND kind_group = 'complaint_denunciation'
  AND period_start = (SELECT max(period_start) FROM overdue_age WHERE grain = 'month')
GROUP BY label_vi, ord
ORDER BY ord`,
  },
  {
    id: 'campaign_participation',
    title_vi: 'Tỷ lệ tham gia phong trào theo huyện, năm gần nhất',
    title_en: 'Campaign participation by district, latest year',
    sql: `-- Tỷ lệ tham gia từng phong trào, cuộc vận động theo huyện, năm báo cáo gần nhất
SELECT c.name AS campaign,
       u.name AS district,
       s.participants,
       s.target_population,
       round(100 * s.participation_rate, 1) AS participation_rate_pct
FROM campaign_stats s
JOIN campaigns c USING (campaign_id)
JOIN admin_units u USING (unit_code)
WHERE s.unit_level = 'district'
  AND s.participation_rate IS NOT NULL
  AND s.period_start = (SELECT max(period_start) FROM campaign_stats)
ORDER BY c.name, s.participation_rate DESC`,
  },
  {
    id: 'received_by_month',
    title_vi: 'Đơn thư nhận theo tháng và loại đơn',
    title_en: 'Petitions received by month and kind',
    sql: `-- Số đơn nhận mỗi tháng, toàn tỉnh, theo loại đơn
SELECT month,
       kind,
       sum(received) AS received
FROM petition_counts
GROUP BY month, kind
ORDER BY month, kind`,
  },
  {
    id: 'received_by_topic',
    title_vi: 'Đơn thư nhận theo lĩnh vực, năm nay',
    title_en: 'Petitions received by topic, this year',
    sql: `-- Lĩnh vực có nhiều đơn nhất trong năm của ngày dữ liệu
SELECT topic,
       sum(received) AS received,
       sum(crowd) AS crowd,
       sum(repeat) AS repeat
FROM petition_counts
WHERE month >= ${THIS_YEAR}
GROUP BY topic
ORDER BY received DESC`,
  },
  {
    id: 'resolution_trend',
    title_vi: 'Tỷ lệ giải quyết toàn tỉnh qua các quý',
    title_en: 'Province resolution rate by quarter',
    sql: `-- Tỷ lệ giải quyết và giải quyết đúng hạn của toàn tỉnh, từng quý
SELECT r.period_start AS quarter_start,
       p.label_vi AS quarter,
       r.received,
       round(100 * r.resolution_rate, 1) AS resolution_rate_pct,
       round(100 * r.on_time_rate, 1) AS on_time_rate_pct,
       r.backlog_end
FROM resolution_stats r
JOIN periods p ON p.grain = r.grain AND p.period_start = r.period_start
WHERE r.grain = 'quarter'
  AND r.unit_level = 'province'
  AND r.kind_group = 'complaint_denunciation'
ORDER BY r.period_start`,
  },
  {
    id: 'received_per_10k',
    title_vi: 'Đơn thư trên 10.000 dân theo huyện, năm nay',
    title_en: 'Petitions per 10,000 inhabitants by district, this year',
    sql: `-- Đơn nhận trên 10.000 dân và đơn quá hạn cuối năm, theo huyện
SELECT u.name AS district,
       r.population,
       r.received,
       round(r.received_per_10k, 1) AS received_per_10k,
       r.overdue_end
FROM resolution_stats r
JOIN admin_units u USING (unit_code)
WHERE r.grain = 'year'
  AND r.kind_group = 'all'
  AND r.unit_level = 'district'
  AND r.period_start = ${THIS_YEAR}
ORDER BY r.received_per_10k DESC NULLS LAST`,
  },
];

/** The example's title in the reader's language. */
export function exampleTitle(e: WorkbenchExample, lang: 'vi' | 'en'): string {
  return lang === 'vi' ? e.title_vi : e.title_en;
}
