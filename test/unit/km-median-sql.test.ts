// The SQL Kaplan–Meier median used for resolution_stats agrees with R's survfit on the reference data
// (../shared/fixtures/stats/survival) and with the TypeScript estimator on generated groups.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../pipeline/db/duckdb.ts';
import { kmMedianSql } from '../../pipeline/metrics/survival.ts';
import { kaplanMeierCounts } from '../../pipeline/metrics/stats/kaplan-meier.ts';
import { FIXTURES } from '../helpers.ts';

async function mediansOf(csv: string, groupCol: string, timeCol: string, statusCol: string) {
  const db = await openDb();
  try {
    await db.run(`CREATE TABLE km_in AS SELECT ${groupCol}::VARCHAR AS g, ${timeCol}::DOUBLE AS t,
      count(*) FILTER (${statusCol}::INTEGER = 1) AS d, count(*) FILTER (${statusCol}::INTEGER <> 1) AS c
      FROM read_csv('${csv}') GROUP BY ALL`);
    const rows = await db.all<{ g: string; median: number | null }>(`${kmMedianSql('km_in', ['g'])} ORDER BY 1`);
    return Object.fromEntries(rows.map((r) => [r.g, r.median]));
  } finally {
    db.close();
  }
}

describe('kmMedianSql', () => {
  it('gives R\'s medians on aml: 31 (maintained) and 23 (nonmaintained)', async () => {
    const m = await mediansOf(join(FIXTURES, 'stats/survival/aml.csv'), 'x', 'time', 'status');
    expect(m).toEqual({ Maintained: 31, Nonmaintained: 23 });
  });

  it('takes the midpoint of a plateau at exactly 0.5, as R does, on g3', async () => {
    const db = await openDb();
    const cols = (await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv('${join(FIXTURES, 'stats/survival/g3.csv')}'))`)).map((c) => c.column_name);
    db.close();
    expect(cols).toContain('group');
    const m = await mediansOf(join(FIXTURES, 'stats/survival/g3.csv'), '"group"', 'time', 'event::BOOLEAN');
    expect(m.Control).toBe(33);
  });

  it('equals the TypeScript estimator on many random groups', async () => {
    const db = await openDb();
    try {
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const rows: [number, number, number, number][] = [];
      for (let g = 0; g < 200; g++) {
        const n = 1 + Math.floor(rnd() * 12);
        for (let i = 0; i < n; i++) rows.push([g, Math.floor(rnd() * 6), rnd() < 0.6 ? 1 : 0, rnd() < 0.4 ? 1 : 0]);
      }
      await db.run(`CREATE TABLE km_in AS SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(',')})`).join(',')}) t(g, t, d, c)`);
      const sql = await db.all<{ g: number; median: number | null }>(`${kmMedianSql('km_in', ['g'])} ORDER BY 1`);
      for (const { g, median } of sql) {
        const counts = rows.filter((r) => r[0] === g).map(([, t, d, c]) => ({ time: t, events: d, censored: c }));
        expect(median, `group ${g}`).toBe(kaplanMeierCounts(counts).median);
      }
    } finally {
      db.close();
    }
  });
});
