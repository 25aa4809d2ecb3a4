// Time to resolution by Kaplan–Meier (DOMAIN §4: a plain median of closed cases is biased low).
// Cohort: the cases whose clock starts in the period; a case resolved by the end of the period (or
// the as-of date, when earlier) is an event, any other is censored there. SQL aggregates to counts
// per day — bounded by days, not by petitions — and the estimator (stats/kaplan-meier.ts, checked
// against R) runs on those counts.
import { appendRows, lit, type Db } from '../db/duckdb.ts';
import { kaplanMeierCounts, type TimeCount } from './stats/kaplan-meier.ts';

async function cohortCounts(db: Db, asOf: string, periodsSql: string) {
  return db.all<{ unit_code: string; grain: string; period_start: string; kind_group: string; t: number; d: number; c: number }>(`
    WITH obs AS (
      SELECT u.unit_code, p.grain, strftime(p.period_start, '%Y-%m-%d') AS period_start, g.kind_group,
        least(p.period_end, DATE ${lit(asOf)}) AS window_end, c.clock, c.resolved_date
      FROM rs_cases c
      JOIN (${periodsSql}) p ON c.clock BETWEEN p.period_start AND p.period_end
      JOIN rs_units u ON u.district_code = c.district_code
      JOIN kind_groups g ON g.kind = c.kind
    )
    SELECT unit_code, grain, period_start, kind_group,
      (CASE WHEN resolved_date <= window_end THEN resolved_date ELSE window_end END - clock)::INTEGER AS t,
      count(*) FILTER (resolved_date <= window_end)::INTEGER AS d,
      count(*) FILTER (resolved_date IS NULL OR resolved_date > window_end)::INTEGER AS c
    FROM obs GROUP BY ALL ORDER BY ALL`);
}

function groupCounts<K extends string>(rows: Awaited<ReturnType<typeof cohortCounts>>, key: (r: (typeof rows)[number]) => K) {
  const groups = new Map<K, TimeCount[]>();
  for (const r of rows) {
    const k = key(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push({ time: r.t, events: r.d, censored: r.c });
  }
  return groups;
}

export async function writeSurvival(db: Db, asOf: string): Promise<void> {
  // Medians for every row of resolution_stats.
  const all = await cohortCounts(db, asOf, 'SELECT grain, period_start, period_end FROM periods');
  const medians = [...groupCounts(all, (r) => `${r.unit_code}|${r.grain}|${r.period_start}|${r.kind_group}`)]
    .map(([k, counts]) => [...k.split('|'), kaplanMeierCounts(counts).median]);
  await appendRows(db, 'km_medians', ['unit_code', 'grain', 'period_start', 'kind_group', 'median'].map((name) => ({ name, type: name === 'median' ? 'DOUBLE' as const : 'VARCHAR' as const })), medians);
  await db.run(`UPDATE resolution_stats r SET median_days_km = m.median FROM km_medians m
    WHERE r.unit_code = m.unit_code AND r.grain = m.grain AND r.period_start = m.period_start::DATE AND r.kind_group = m.kind_group`);

  // Curves per unit × year × kind group.
  const yearly = await cohortCounts(db, asOf, "SELECT grain, period_start, period_end FROM periods WHERE grain = 'year'");
  const points: unknown[][] = [];
  for (const [k, counts] of groupCounts(yearly, (r) => `${r.unit_code}|${r.period_start.slice(0, 4)}|${r.kind_group}`)) {
    const [unit, year, group] = k.split('|');
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
