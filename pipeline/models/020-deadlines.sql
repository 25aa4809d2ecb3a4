-- Legal deadlines (DOMAIN §4): due_date = clock + N calendar days, where clock = coalesce(accepted_date,
-- received_date) and N comes from deadline_rules (data/rules/deadlines.csv), chosen by kind, round,
-- complexity, remote area and the rule in force on the clock date. A due date given in the source wins.
--
-- The rules are expanded to every combination of the case attributes they look at, each version
-- valid until the next one starts, so each case meets exactly one rule through a hash join.
CREATE OR REPLACE TEMP TABLE deadline_keys AS
WITH expanded AS (
  SELECT r.kind, rd.round, cx.complex, rm.remote, r.valid_from, r.valid_to, r.days,
    coalesce(r.extension_days, 0) AS extension_days, coalesce(r.max_extensions, 0) AS max_extensions
  FROM deadline_rules r
  CROSS JOIN (VALUES (1), (2)) rd(round)
  CROSS JOIN (VALUES (false), (true)) cx(complex)
  CROSS JOIN (VALUES (false), (true)) rm(remote)
  WHERE (r.resolution_round IS NULL OR r.resolution_round = rd.round)
    AND (r.is_complex IS NULL OR r.is_complex = cx.complex)
    AND (r.is_remote IS NULL OR r.is_remote = rm.remote)
)
SELECT *, least(coalesce(valid_to, DATE '9999-12-31'),
    coalesce(lead(valid_from) OVER (PARTITION BY kind, round, complex, remote ORDER BY valid_from) - 1, DATE '9999-12-31'))::DATE AS valid_end
FROM expanded;

CREATE OR REPLACE TEMP TABLE remote_units AS
SELECT unit_code FROM admin_units WHERE is_remote;

CREATE OR REPLACE TABLE petitions AS
WITH p AS (
  SELECT petitions.*, coalesce(accepted_date, received_date) AS _clock, coalesce(resolution_round, 1)::INTEGER AS _round,
    (rd.unit_code IS NOT NULL OR rc.unit_code IS NOT NULL) AS _remote
  FROM petitions
  LEFT JOIN remote_units rd ON rd.unit_code = district_code
  LEFT JOIN remote_units rc ON rc.unit_code = commune_code
)
SELECT p.* EXCLUDE (_clock, _round, _remote) REPLACE (
    coalesce(p.due_date, (p._clock + r.days + r.extension_days * least(coalesce(p.extensions, 0), r.max_extensions))::DATE) AS due_date,
    p.due_date IS NULL AND r.days IS NOT NULL AS due_date_computed)
FROM p LEFT JOIN deadline_keys r
  ON r.kind = p.kind AND r.round = p._round AND r.complex = p.is_complex AND r.remote = p._remote
  AND p._clock BETWEEN r.valid_from AND r.valid_end;
