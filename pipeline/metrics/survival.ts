// Time to resolution by Kaplan–Meier (DOMAIN §4: a plain median of closed cases is biased low).
// Cohort: the cases whose clock starts in the period; a case resolved by the end of the period (or
// the as-of date, when earlier) is an event, any other is censored there.
//
// Medians for every row of resolution_stats are computed in SQL (kmMedianSql) from counts per day,
// so no case-level data leaves DuckDB however many petitions there are. The yearly curves of
// resolution_survival come from the TypeScript estimator (stats/kaplan-meier.ts, checked against R),
// and a test checks that both give the same medians.
import { appendRows, lit, type Db } from '../db/duckdb.ts';
import { kaplanMeierCounts, type TimeCount } from './stats/kaplan-meier.ts';

/** R's tolerance for "S equals 0.5" (√machine-eps), as in stats/kaplan-meier.ts. */
const R_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * SQL for the Kaplan–Meier median of each group of `input(<keys>, t, d, c)` — d events and c
 * censorings at time t — with R's convention: the first time S ≤ 0.5; when S is exactly 0.5 over an
 * interval, the midpoint of that interval (to the last observed time if S stays at 0.5). NULL when S
 * never reaches 0.5. Returns columns <keys>, median.
 */
export function kmMedianSql(input: string, keys: string[]): string {
  const k = keys.join(', ');
  return `
WITH r AS (
  SELECT ${k}, t, d, c, sum(d + c) OVER (PARTITION BY ${k} ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS at_risk
  FROM (SELECT ${k}, t, sum(d) AS d, sum(c) AS c FROM ${input} GROUP BY ALL HAVING sum(d) + sum(c) > 0)
), s AS (
  SELECT ${k}, t, d,
    CASE WHEN bool_or(d >= at_risk AND d > 0) OVER w THEN 0.0
      ELSE exp(sum(CASE WHEN d > 0 AND d < at_risk THEN ln(1 - d / at_risk) ELSE 0 END) OVER w) END AS s,
    max(t) OVER (PARTITION BY ${k}) AS t_max
  FROM r WINDOW w AS (PARTITION BY ${k} ORDER BY t ROWS UNBOUNDED PRECEDING)
), half AS (
  SELECT ${k}, min(t) FILTER (d > 0 AND s <= 0.5 + ${R_TOLERANCE}) AS t_half, any_value(t_max) AS t_max FROM s GROUP BY ALL
)
SELECT h.${keys.join(', h.')},
  CASE WHEN h.t_half IS NULL THEN NULL
    WHEN abs(sh.s - 0.5) >= ${R_TOLERANCE} THEN h.t_half::DOUBLE
    ELSE (h.t_half + coalesce((SELECT min(n.t) FROM s n WHERE ${keys.map((x) => `n.${x} = h.${x}`).join(' AND ')}
      AND n.d > 0 AND n.t > h.t_half AND n.s < 0.5 - ${R_TOLERANCE}), h.t_max)) / 2.0 END AS median
FROM half h
LEFT JOIN s sh ON ${keys.map((x) => `sh.${x} = h.${x}`).join(" AND ")} AND sh.t = h.t_half`;
}

/** Cases counted once per (district, kind, clock day, days to resolution): the cohorts' raw material. */
async function caseDays(db: Db): Promise<void> {
  await db.run(`CREATE OR REPLACE TEMP TABLE km_case_days AS
    SELECT district_code, kind, clock, (resolved_date - clock)::INTEGER AS days, count(*)::INTEGER AS n
    FROM rs_cases GROUP BY ALL`);
}

/** Per unit × period × kind group × day: events d and censorings c of the period's cohort. */
function cohortSql(asOf: string, periodsSql: string): string {
  return `
    SELECT u.unit_code, p.grain, p.period_start, g.kind_group,
      (CASE WHEN x.days <= least(p.period_end, DATE ${lit(asOf)}) - x.clock THEN x.days ELSE least(p.period_end, DATE ${lit(asOf)}) - x.clock END)::INTEGER AS t,
      sum(x.n) FILTER (x.days <= least(p.period_end, DATE ${lit(asOf)}) - x.clock)::INTEGER AS d,
      sum(x.n) FILTER (x.days IS NULL OR x.days > least(p.period_end, DATE ${lit(asOf)}) - x.clock)::INTEGER AS c
    FROM km_case_days x
    JOIN (${periodsSql}) p ON p.d = x.clock
    JOIN rs_units u ON u.district_code = x.district_code
    JOIN kind_groups g ON g.kind = x.kind
    GROUP BY ALL`;
}

export async function writeSurvival(db: Db, asOf: string): Promise<void> {
  await caseDays(db);
  await db.run(`CREATE OR REPLACE TEMP TABLE km_cohorts AS ${cohortSql(asOf, 'SELECT grain, period_start, period_end, d FROM period_days')}`);
  await db.run(`UPDATE km_cohorts SET d = coalesce(d, 0), c = coalesce(c, 0)`);
  await db.run(`CREATE OR REPLACE TEMP TABLE km_medians AS ${kmMedianSql('km_cohorts', ['unit_code', 'grain', 'period_start', 'kind_group'])}`);
  await db.run(`UPDATE resolution_stats r SET median_days_km = m.median FROM km_medians m
    WHERE r.unit_code = m.unit_code AND r.grain = m.grain AND r.period_start = m.period_start AND r.kind_group = m.kind_group`);

  // Curves per unit × year × kind group, from the yearly cohorts.
  const yearly = await db.all<{ unit_code: string; year: number; kind_group: string; t: number; d: number; c: number }>(`
    SELECT unit_code, year(period_start)::INTEGER AS year, kind_group, t, d, c FROM km_cohorts WHERE grain = 'year' ORDER BY ALL`);
  const groups = new Map<string, TimeCount[]>();
  for (const r of yearly) {
    const key = `${r.unit_code}|${r.year}|${r.kind_group}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push({ time: r.t, events: r.d, censored: r.c });
  }
  const points: unknown[][] = [];
  for (const [key, counts] of groups) {
    const [unit, year, group] = key.split('|');
    const km = kaplanMeierCounts(counts);
    points.push([unit, Number(year), group, 0, counts.reduce((n, c) => n + c.events + c.censored, 0), 0, 0, 1, 1, 1]);
    for (const p of km.points) points.push([unit, Number(year), group, p.time, p.atRisk, p.events, p.censored, p.survival, p.ciLow, p.ciHigh]);
  }
  const cols = [
    ['unit_code', 'VARCHAR'], ['year', 'INTEGER'], ['kind_group', 'VARCHAR'], ['day', 'INTEGER'], ['at_risk', 'INTEGER'],
    ['events', 'INTEGER'], ['censored', 'INTEGER'], ['survival', 'DOUBLE'], ['ci_low', 'DOUBLE'], ['ci_high', 'DOUBLE'],
  ] as const;
  await appendRows(db, 'km_points', cols.map(([name, type]) => ({ name, type })), points);
  await db.run(`CREATE OR REPLACE TABLE resolution_survival AS
    SELECT * FROM km_points QUALIFY row_number() OVER (PARTITION BY unit_code, year, kind_group, day ORDER BY events DESC) = 1
    ORDER BY unit_code, year, kind_group, day`);
}
