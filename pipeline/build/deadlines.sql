-- Legal deadlines (DOMAIN §4): due_date = clock + N calendar days, where clock = coalesce(accepted_date,
-- received_date) and N comes from deadline_rules (data/rules/deadlines.csv), chosen by kind, round,
-- complexity, remote area and the rule in force on the clock date. A due date given in the source wins.
-- Computed as petitions are inserted (load-petitions.ts), so the table is written once.
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
