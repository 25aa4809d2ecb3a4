-- Legal deadlines (DOMAIN §4): due_date = clock + N calendar days, where clock = coalesce(accepted_date,
-- received_date) and N comes from the deadline_rules table (data/rules/deadlines.csv), chosen by kind,
-- round, complexity, remote area and the rule's validity. A due date given in the source wins.
UPDATE petitions p SET due_date = d.due, due_date_computed = true
FROM (
  SELECT p.petition_id,
    arg_max(coalesce(p.accepted_date, p.received_date)
      + (r.days + coalesce(r.extension_days, 0) * least(coalesce(p.extensions, 0), coalesce(r.max_extensions, 0)))::INTEGER,
      r.valid_from) AS due
  FROM petitions p
  LEFT JOIN admin_units d ON d.unit_code = p.district_code
  LEFT JOIN admin_units c ON c.unit_code = p.commune_code
  JOIN deadline_rules r ON r.kind = p.kind
    AND (r.resolution_round IS NULL OR r.resolution_round = coalesce(p.resolution_round, 1))
    AND (r.is_complex IS NULL OR r.is_complex = p.is_complex)
    AND (r.is_remote IS NULL OR r.is_remote = (coalesce(d.is_remote, false) OR coalesce(c.is_remote, false)))
    AND r.valid_from <= coalesce(p.accepted_date, p.received_date)
    AND (r.valid_to IS NULL OR coalesce(p.accepted_date, p.received_date) <= r.valid_to)
  WHERE p.due_date IS NULL
  GROUP BY p.petition_id
) d
WHERE p.petition_id = d.petition_id;
