-- hotspot_stats, the composite: each signal standardised across districts within the period, weighted
-- (data/rules/hotspots.json) and summed; rank within the period; a flag names the signals behind it in
-- words a leader reads in a second ("5 đơn đông người, 3 vụ quá hạn, +180% so với cùng kỳ").
CREATE OR REPLACE TEMP TABLE hs_z AS
SELECT unit_code, grain, period_start,
  coalesce((received_per_10k - avg(received_per_10k) OVER w) / nullif(stddev_pop(received_per_10k) OVER w, 0), 0) AS z_rate,
  coalesce((crowd - avg(crowd) OVER w) / nullif(stddev_pop(crowd) OVER w, 0), 0) AS z_crowd,
  coalesce((repeat - avg(repeat) OVER w) / nullif(stddev_pop(repeat) OVER w, 0), 0) AS z_repeat,
  coalesce((over_level - avg(over_level) OVER w) / nullif(stddev_pop(over_level) OVER w, 0), 0) AS z_over,
  coalesce((overdue_end - avg(overdue_end) OVER w) / nullif(stddev_pop(overdue_end) OVER w, 0), 0) AS z_overdue,
  coalesce((land_share - avg(land_share) OVER w) / nullif(stddev_pop(land_share) OVER w, 0), 0) AS z_land
FROM hotspot_stats
WINDOW w AS (PARTITION BY grain, period_start);

ALTER TABLE hotspot_stats ADD COLUMN score DOUBLE;
ALTER TABLE hotspot_stats ADD COLUMN rank INTEGER;
ALTER TABLE hotspot_stats ADD COLUMN is_flagged BOOLEAN;
ALTER TABLE hotspot_stats ADD COLUMN reasons_vi VARCHAR;
ALTER TABLE hotspot_stats ADD COLUMN reasons_en VARCHAR;

UPDATE hotspot_stats h SET score = round(
    @w_received_per_10k@ * z.z_rate + @w_crowd@ * z.z_crowd + @w_repeat@ * z.z_repeat + @w_over_level@ * z.z_over
  + @w_overdue_end@ * z.z_overdue + @w_land_share@ * z.z_land
  + @w_anomaly_z@ * coalesce(h.anomaly_z, 0) + @w_gi_star_z@ * coalesce(h.gi_star_z, 0), 4)
FROM hs_z z WHERE z.unit_code = h.unit_code AND z.grain = h.grain AND z.period_start = h.period_start;

UPDATE hotspot_stats h SET rank = r.rank
FROM (SELECT unit_code, grain, period_start, rank() OVER (PARTITION BY grain, period_start ORDER BY score DESC, unit_code)::INTEGER AS rank FROM hotspot_stats) r
WHERE r.unit_code = h.unit_code AND r.grain = h.grain AND r.period_start = h.period_start;

-- Vietnamese numbers: decimal comma.
CREATE OR REPLACE TEMP MACRO vi_num(x, d) AS replace(printf('%.' || d || 'f', x), '.', ',');

UPDATE hotspot_stats h SET reasons_vi = nullif(array_to_string(list_filter([
    CASE WHEN gi_band LIKE 'hot_%' THEN 'nằm trong cụm điểm nóng (Gi* ' || replace(gi_band, 'hot_', '') || '%)' END,
    CASE WHEN anomaly_z >= @reasons_anomaly_z_min@ THEN 'cao bất thường so với ' || (CASE grain WHEN 'month' THEN '@history_month@ tháng' WHEN 'quarter' THEN '@history_quarter@ quý' ELSE '@history_year@ năm' END) || ' trước (' || received || ' so với trung bình ' || vi_num(expected, 1) || ')' END,
    CASE WHEN received_same_period_last_year > 0 AND received >= received_same_period_last_year * (1 + @reasons_growth_yoy_min@) THEN '+' || round(100.0 * (received - received_same_period_last_year) / received_same_period_last_year)::INTEGER || '% so với cùng kỳ' END,
    CASE WHEN crowd >= @reasons_crowd_min@ THEN crowd || ' đơn đông người' END,
    CASE WHEN repeat >= @reasons_repeat_min@ THEN repeat || ' đơn trùng, tái khiếu' END,
    CASE WHEN over_level >= @reasons_over_level_min@ THEN over_level || ' đơn vượt cấp' END,
    CASE WHEN overdue_end >= @reasons_overdue_min@ THEN overdue_end || ' vụ quá hạn' END,
    CASE WHEN land_share >= @reasons_land_share_min@ AND received >= 5 THEN round(100 * land_share)::INTEGER || '% về đất đai, bồi thường' END
  ], x -> x IS NOT NULL), ', '), ''),
  reasons_en = nullif(array_to_string(list_filter([
    CASE WHEN gi_band LIKE 'hot_%' THEN 'in a hot-spot cluster (Gi* ' || replace(gi_band, 'hot_', '') || '%)' END,
    CASE WHEN anomaly_z >= @reasons_anomaly_z_min@ THEN 'unusually high against the previous ' || (CASE grain WHEN 'month' THEN '@history_month@ months' WHEN 'quarter' THEN '@history_quarter@ quarters' ELSE '@history_year@ years' END) || ' (' || received || ' against a mean of ' || printf('%.1f', expected) || ')' END,
    CASE WHEN received_same_period_last_year > 0 AND received >= received_same_period_last_year * (1 + @reasons_growth_yoy_min@) THEN '+' || round(100.0 * (received - received_same_period_last_year) / received_same_period_last_year)::INTEGER || '% on the same period last year' END,
    CASE WHEN crowd >= @reasons_crowd_min@ THEN crowd || ' crowd petitions' END,
    CASE WHEN repeat >= @reasons_repeat_min@ THEN repeat || ' repeat petitions' END,
    CASE WHEN over_level >= @reasons_over_level_min@ THEN over_level || ' over-level petitions' END,
    CASE WHEN overdue_end >= @reasons_overdue_min@ THEN overdue_end || ' overdue cases' END,
    CASE WHEN land_share >= @reasons_land_share_min@ AND received >= 5 THEN round(100 * land_share)::INTEGER || '% about land and compensation' END
  ], x -> x IS NOT NULL), ', '), '');

UPDATE hotspot_stats SET is_flagged = (score >= @flag_score_min@ OR gi_band LIKE 'hot_%' OR coalesce(anomaly_z, 0) >= @anomaly_flag_z@) AND reasons_vi IS NOT NULL;
