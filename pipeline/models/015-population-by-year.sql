-- population_by_year: the denominator for per-capita rates (DOMAIN §3.3) for every district and the
-- province and every year of the periods: the year's population, or the nearest year reported (ties:
-- the earlier year), summed over districts for the province.
CREATE OR REPLACE TABLE population_by_year AS
WITH district_year AS (
  SELECT u.unit_code, y.year,
    arg_min(p.population, abs(p.year - y.year) * 2 + (p.year > y.year)::INT) AS population,
    arg_min(p.year, abs(p.year - y.year) * 2 + (p.year > y.year)::INT) AS source_year
  FROM admin_units u
  CROSS JOIN (SELECT DISTINCT year FROM periods) y
  JOIN population p ON p.unit_code = u.unit_code
  WHERE u.level = 2
  GROUP BY ALL
)
SELECT unit_code, 'district' AS unit_level, year, population::BIGINT AS population, source_year FROM district_year
UNION ALL
SELECT u.parent_code, 'province', d.year, sum(d.population)::BIGINT, NULL
FROM district_year d JOIN admin_units u USING (unit_code)
WHERE u.parent_code IS NOT NULL
GROUP BY ALL
ORDER BY 1, 3;
