// The committed demo, built end to end: every row reconciles with the generator's manifest, each
// planted bad row is rejected with its reason, no personal data survives, and the metrics find the
// patterns planted on purpose (pipeline/demo/PATTERNS.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandboxedQuery } from '../../pipeline/query/sandbox.ts';
import { parseCsvRows } from '../../pipeline/sources/csv-text.ts';
import { queryAll, tempDir, testBuild } from '../helpers.ts';

interface ManifestSheet { sheet: string | null; data_rows: number; skipped: Record<string, number>; bad_rows: { row: number; reason: string; petition_id: string }[] }
interface Manifest {
  as_of: string;
  files: { file: string; dataset: string; sheets: ManifestSheet[] }[];
  bad_rows: { file: string; sheet: string | null; row: number; reason: string }[];
  totals: { petitions_valid: number; campaign_rows: number; population_rows: number };
}

const manifest: Manifest = JSON.parse(readFileSync('data/demo/manifest.json', 'utf8'));

describe('the demo province, built', () => {
  const { dir, cleanup } = tempDir();
  let db: string;
  beforeAll(async () => {
    db = (await testBuild(dir, { sources: ['data/demo'], asOf: manifest.as_of })).db;
  }, 300_000);
  afterAll(cleanup);

  it('reconciles every file and sheet with the manifest: loaded + rejected + skipped = source rows', async () => {
    const logs = await queryAll<{ source_file: string; source_sheet: string | null; source_rows: number; data_rows: number; loaded_rows: number; rejected_rows: number; skipped_rows: number; skipped_detail: string }>(
      db, 'SELECT * FROM load_log');
    let sheets = 0;
    for (const f of manifest.files) {
      for (const s of f.sheets) {
        const log = logs.find((l) => l.source_file === f.file && l.source_sheet === s.sheet);
        expect(log, `${f.file} ${s.sheet}`).toBeDefined();
        expect(log!.data_rows, `${f.file} ${s.sheet}`).toBe(s.data_rows);
        expect(JSON.parse(log!.skipped_detail), `${f.file} ${s.sheet}`).toEqual(s.skipped);
        expect(log!.loaded_rows + log!.rejected_rows + log!.skipped_rows).toBe(log!.source_rows);
        sheets++;
      }
    }
    expect(sheets).toBe(logs.length);
  });

  it('rejects exactly the planted bad rows, each with its reason', async () => {
    const rejected = await queryAll<{ source_file: string; source_sheet: string | null; source_row: number; reason_code: string; reason: string }>(
      db, 'SELECT * FROM rejected_rows');
    expect(rejected.length).toBe(manifest.bad_rows.length);
    for (const bad of manifest.bad_rows) {
      const r = rejected.find((x) => x.source_file === bad.file && x.source_sheet === bad.sheet && x.source_row === bad.row);
      expect(r, `${bad.file} ${bad.sheet} row ${bad.row}`).toBeDefined();
      expect(r!.reason_code).toBe(bad.reason);
      expect(r!.reason.length).toBeGreaterThan(10);
    }
  });

  it('loads every good row', async () => {
    const [t] = await queryAll<{ p: bigint; c: bigint; pop: bigint }>(db,
      'SELECT (SELECT count(*) FROM petitions) p, (SELECT count(DISTINCT (source_file, source_sheet, source_row)) FROM campaign_results) c, (SELECT count(*) FROM population) pop');
    expect(Number(t.p)).toBe(manifest.totals.petitions_valid);
    expect(Number(t.c)).toBe(manifest.totals.campaign_rows);
    expect(Number(t.pop)).toBe(manifest.totals.population_rows);
  });

  it('keeps no name, ID number or phone of the demo petitioners', async () => {
    const [header, ...rows] = parseCsvRows(readFileSync('data/demo/don-thu-he-thong-2020-2022.csv', 'utf8').replace(/^\ufeff/, ''), ',', 400);
    const pick = (name: string) => rows.map((r) => r[header.indexOf(name)]).filter((v) => v && v.length > 6);
    const secrets = [...new Set([...pick('Họ tên'), ...pick('CCCD'), ...pick('SĐT')])].slice(0, 300);
    expect(secrets.length).toBeGreaterThan(100);
    const tables = await queryAll<{ table_name: string }>(db, 'SELECT table_name FROM duckdb_tables() WHERE NOT temporary');
    for (const { table_name } of tables) {
      const [dump] = await queryAll<{ t: string }>(db, `SELECT coalesce(string_agg(x::VARCHAR, '|'), '') AS t FROM ${table_name} x`);
      for (const s of secrets) expect(dump.t.includes(s), `${table_name} contains personal data`).toBe(false);
    }
  });

  it('finds the planted hot spot in Bình Sơn: top score of 2024, hot Gi* band, emerging trend', async () => {
    const [top] = await queryAll<{ unit_code: string; gi_band: string; is_flagged: boolean; reasons_vi: string }>(db,
      "SELECT * FROM hotspot_stats WHERE grain = 'year' AND period_start = DATE '2024-01-01' ORDER BY rank LIMIT 1");
    expect(top.unit_code).toBe('524');
    expect(top.gi_band).toMatch(/^hot_/);
    expect(top.is_flagged).toBe(true);
    expect(top.reasons_vi).toMatch(/đơn đông người/);
    const [trend] = await queryAll<{ category: string; mk_z: number }>(db,
      "SELECT * FROM hotspot_trends WHERE unit_code = '524' AND is_default");
    expect(['new_hot', 'consecutive_hot', 'intensifying_hot']).toContain(trend.category);
    expect(trend.mk_z).toBeGreaterThan(1.96);
    // Before the zone's expansion it was no hot spot.
    const [y2021] = await queryAll<{ rank: number; gi_band: string }>(db,
      "SELECT rank, gi_band FROM hotspot_stats WHERE unit_code = '524' AND grain = 'year' AND period_start = DATE '2021-01-01'");
    expect(y2021.gi_band).not.toMatch(/^hot_/);
  });

  it('shows the planted fall of on-time resolution in Tư Nghĩa in 2024', async () => {
    const rates = await queryAll<{ y: number; r: number }>(db,
      "SELECT year(period_start)::INTEGER AS y, on_time_rate AS r FROM resolution_stats WHERE unit_code = '528' AND grain = 'year' AND kind_group = 'complaint_denunciation' ORDER BY 1");
    const before = rates.filter((x) => x.y < 2024).map((x) => x.r);
    const in2024 = rates.find((x) => x.y === 2024)!.r;
    expect(Math.min(...before)).toBeGreaterThan(0.8);
    expect(in2024).toBeLessThan(0.7);
    const [others] = await queryAll<{ r: number }>(db,
      "SELECT on_time_rate AS r FROM resolution_stats WHERE unit_code = '51' AND grain = 'year' AND period_start = DATE '2024-01-01' AND kind_group = 'complaint_denunciation'");
    expect(others.r).toBeGreaterThan(0.8);
  });

  it('shows the planted rise of "Dân vận khéo" participation in Nghĩa Hành', async () => {
    const rows = await queryAll<{ unit_code: string; y: number; p: number }>(db,
      "SELECT unit_code, year(period_start) AS y, participation_rate AS p FROM campaign_stats WHERE campaign_id = 'dan_van_kheo' AND unit_code IN ('532', '51') ORDER BY 1, 2");
    const nh = rows.filter((r) => r.unit_code === '532').map((r) => r.p);
    expect(nh.length).toBe(5);
    for (let i = 1; i < nh.length; i++) expect(nh[i]).toBeGreaterThan(nh[i - 1]);
    expect(nh[4] - nh[0]).toBeGreaterThan(0.3);
    const prov = rows.filter((r) => r.unit_code === '51').map((r) => r.p);
    expect(prov[4] - prov[0]).toBeLessThan(0.1);
  });

  it('province totals are the sum of districts for counts, and not for rates', async () => {
    const [diff] = await queryAll<{ bad_counts: bigint; rate_equal_mean: bigint; rows: bigint }>(db, `
      WITH d AS (
        SELECT grain, period_start, kind_group, sum(received) received, sum(caseload) caseload, sum(resolved) resolved,
          sum(backlog_end) backlog, sum(overdue_end) overdue, avg(resolution_rate) mean_rate
        FROM resolution_stats WHERE unit_level = 'district' GROUP BY ALL)
      SELECT count(*) FILTER (p.received <> d.received OR p.caseload <> d.caseload OR p.resolved <> d.resolved OR p.backlog_end <> d.backlog OR p.overdue_end <> d.overdue) bad_counts,
        count(*) FILTER (abs(p.resolution_rate - d.mean_rate) < 1e-12) rate_equal_mean, count(*) AS rows
      FROM resolution_stats p JOIN d USING (grain, period_start, kind_group) WHERE p.unit_level = 'province'`);
    expect(Number(diff.rows)).toBeGreaterThan(500);
    expect(Number(diff.bad_counts)).toBe(0);
    expect(Number(diff.rate_equal_mean)).toBeLessThan(Number(diff.rows) / 10);
    const [camp] = await queryAll<{ bad: bigint }>(db, `
      SELECT count(*) AS bad FROM campaign_stats p JOIN (
        SELECT campaign_id, period_start, sum(participants) s FROM campaign_stats WHERE unit_level = 'district' GROUP BY ALL) d USING (campaign_id, period_start)
      WHERE p.unit_level = 'province' AND p.participants IS DISTINCT FROM d.s`);
    expect(Number(camp.bad)).toBe(0);
  });

  it('describes every table and column in the data dictionary, in Vietnamese and English', async () => {
    const missing = await queryAll(db, `SELECT c.table_name, c.column_name FROM duckdb_tables() t JOIN duckdb_columns() c USING (table_oid)
      LEFT JOIN data_dictionary d ON d.table_name = c.table_name AND d.column_name = c.column_name
      WHERE NOT t.temporary AND d.table_name IS NULL`);
    expect(missing).toEqual([]);
    const [empty] = await queryAll<{ n: bigint }>(db, "SELECT count(*) n FROM data_dictionary WHERE coalesce(description_vi, '') = '' OR coalesce(description_en, '') = ''");
    expect(Number(empty.n)).toBe(0);
  });

  it.each([
    ['periods', "SELECT grain, count(*) n FROM periods GROUP BY 1 ORDER BY 1", (r: Record<string, unknown>[]) => expect(r.map((x) => x.grain)).toEqual(['month', 'quarter', 'report_6m', 'report_9m', 'report_q', 'report_year', 'year'])],
    ['resolution_stats', "SELECT unit_code, resolution_rate, on_time_rate, median_days_km FROM resolution_stats WHERE grain = 'quarter' AND kind_group = 'complaint_denunciation' AND period_start = DATE '2024-07-01' ORDER BY unit_code",
      (r: Record<string, unknown>[]) => { expect(r.length).toBe(14); expect(r.every((x) => typeof x.resolution_rate === 'number')).toBe(true); }],
    ['resolution_survival', "SELECT day, survival FROM resolution_survival WHERE unit_code = '51' AND year = 2024 AND kind_group = 'all' ORDER BY day",
      (r: Record<string, unknown>[]) => { expect(r[0]).toEqual({ day: 0, survival: 1 }); expect((r.at(-1)!.survival as number)).toBeLessThan(0.2); }],
    ['hotspot_stats', "SELECT unit_code, rank, score, reasons_vi FROM hotspot_stats WHERE grain = 'quarter' AND period_start = DATE '2024-10-01' ORDER BY rank LIMIT 3",
      (r: Record<string, unknown>[]) => expect(r[0].rank).toBe(1)],
    ['hotspot_trends', "SELECT unit_code, category, category_vi FROM hotspot_trends WHERE is_default ORDER BY unit_code",
      (r: Record<string, unknown>[]) => { expect(r.length).toBe(13); expect(r.every((x) => typeof x.category_vi === 'string')).toBe(true); }],
    ['campaign_stats', "SELECT campaign_id, unit_code, participation_rate, recognition_rate, change_yoy FROM campaign_stats WHERE unit_level = 'province' AND period_start = DATE '2024-01-01' ORDER BY 1",
      (r: Record<string, unknown>[]) => expect(r.map((x) => x.campaign_id)).toEqual(['dan_van_kheo', 'ntm_dtvm', 'vi_nguoi_ngheo'])],
    ['data_dictionary', "SELECT table_name FROM data_dictionary WHERE column_name IS NULL ORDER BY 1",
      (r: Record<string, unknown>[]) => expect(r.length).toBeGreaterThanOrEqual(18)],
  ])('danvan query on %s returns what the dashboard needs', async (_t, sql, check) => {
    const result = await runSandboxedQuery(db, sql as string);
    (check as (r: Record<string, unknown>[]) => void)(result.rows);
  });
});

describe('the demo province, built twice', () => {
  it('gives identical tables from the same sources', async () => {
    const a = tempDir();
    const b = tempDir();
    try {
      const { tableDigest } = await import('../helpers.ts');
      const [ra, rb] = [await testBuild(a.dir, { sources: ['data/demo'], secretPath: join(a.dir, 'secret') }),
        await testBuild(b.dir, { sources: ['data/demo'], secretPath: join(a.dir, 'secret') })];
      for (const t of ['petitions', 'rejected_rows', 'campaign_results', 'resolution_stats', 'hotspot_stats', 'hotspot_trends', 'campaign_stats']) {
        expect(await tableDigest(ra.db, t), t).toBe(await tableDigest(rb.db, t));
      }
    } finally {
      a.cleanup();
      b.cleanup();
    }
  }, 300_000);
});
