// Spatial layer of the hot spots: Getis-Ord Gi* of complaints and denunciations per 10,000
// inhabitants over district adjacency, per period (the map); then, over the series of periods, the
// emerging hot-spot category of each district (ArcGIS Pro's rules, see stats/emerging-hotspot.ts).
// As ArcGIS builds a space-time cube for that analysis, the trend series uses space-time Gi*: a bin's
// neighbourhood is its district and neighbours in this and the previous time step, against the mean
// and spread of the whole cube — so one noisy quarter neither makes nor breaks a trend.
import { appendRows, type Db } from '../db/duckdb.ts';
import { getisOrdWeighted, giBand, giStar, type WeightedLink } from './stats/gi-star.ts';
import { classifyEmerging, EMERGING_LABELS } from './stats/emerging-hotspot.ts';
import type { HotspotConfig } from './run-models.ts';

export async function writeGiStar(db: Db): Promise<void> {
  await db.run('ALTER TABLE hotspot_stats ADD COLUMN gi_star_z DOUBLE; ALTER TABLE hotspot_stats ADD COLUMN gi_band VARCHAR');
  const adjacency = await db.all<{ unit_code: string; neighbour_code: string }>('SELECT unit_code, neighbour_code FROM admin_adjacency');
  const rows = await db.all<{ unit_code: string; grain: string; period_start: string; v: number | null }>(
    "SELECT unit_code, grain, strftime(period_start, '%Y-%m-%d') AS period_start, received_per_10k AS v FROM hotspot_stats ORDER BY grain, period_start, unit_code");
  const out: unknown[][] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j < rows.length && rows[j].grain === rows[i].grain && rows[j].period_start === rows[i].period_start) j++;
    // Units without a rate (no population) take no part, neither as a value nor as a neighbour.
    const units = rows.slice(i, j).filter((r) => r.v !== null);
    const index = new Map(units.map((u, k) => [u.unit_code, k]));
    const neighbours = units.map((u) => adjacency.filter((a) => a.unit_code === u.unit_code && index.has(a.neighbour_code)).map((a) => index.get(a.neighbour_code)!));
    const z = giStar(units.map((u) => u.v!), neighbours);
    units.forEach((u, k) => out.push([u.unit_code, u.grain, u.period_start, z[k], giBand(z[k])]));
    i = j;
  }
  await appendRows(db, 'gi_in', [
    { name: 'unit_code', type: 'VARCHAR' }, { name: 'grain', type: 'VARCHAR' }, { name: 'period_start', type: 'VARCHAR' },
    { name: 'z', type: 'DOUBLE' }, { name: 'band', type: 'VARCHAR' },
  ], out);
  await db.run(`UPDATE hotspot_stats h SET gi_star_z = g.z, gi_band = g.band FROM gi_in g
    WHERE h.unit_code = g.unit_code AND h.grain = g.grain AND h.period_start = g.period_start::DATE`);
  await db.run("UPDATE hotspot_stats SET gi_band = 'none' WHERE gi_band IS NULL");
}

/** Time steps before the current one that belong to a bin's neighbourhood (ArcGIS's default: 1). */
export const TIME_STEP_NEIGHBOURS = 1;

/**
 * Space-time Gi* over a cube `values[unit][t]` (null = no value): neighbours of (u, t) are (v, s) with
 * v = u or adjacent to u, and t − k ≤ s ≤ t; binary weights; mean and deviation over all bins.
 */
export function spaceTimeGiStar(values: readonly (readonly (number | null)[])[], neighbours: readonly (readonly number[])[], k = TIME_STEP_NEIGHBOURS): (number | null)[][] {
  const index: number[][] = values.map((row) => row.map(() => -1));
  const flat: number[] = [];
  values.forEach((row, u) => row.forEach((v, t) => { if (v !== null) { index[u][t] = flat.length; flat.push(v); } }));
  const links: WeightedLink[][] = flat.map(() => []);
  values.forEach((row, u) => row.forEach((_, t) => {
    const i = index[u][t];
    if (i < 0) return;
    for (const v of [u, ...neighbours[u]]) {
      for (let s = Math.max(0, t - k); s <= t; s++) if (index[v][s] >= 0) links[i].push({ index: index[v][s], weight: 1 });
    }
  }));
  const z = getisOrdWeighted(flat, links, true);
  return index.map((row) => row.map((i) => (i < 0 ? null : z[i])));
}

export async function writeEmergingTrends(db: Db, config: HotspotConfig): Promise<void> {
  const adjacency = await db.all<{ unit_code: string; neighbour_code: string }>('SELECT unit_code, neighbour_code FROM admin_adjacency');
  const series = await db.all<{ unit_code: string; grain: string; v: (number | null)[]; starts: string[]; ends: string[] }>(`
    SELECT unit_code, grain, list(received_per_10k ORDER BY period_start) AS v,
      list(strftime(period_start, '%Y-%m-%d') ORDER BY period_start) AS starts, list(strftime(period_end, '%Y-%m-%d') ORDER BY period_start) AS ends
    FROM hotspot_stats WHERE is_complete AND grain IN ('month', 'quarter') GROUP BY ALL ORDER BY grain, unit_code`);
  const zByUnit = new Map<string, (number | null)[]>();
  for (const grain of ['month', 'quarter']) {
    const cube = series.filter((s) => s.grain === grain);
    const pos = new Map(cube.map((s, i) => [s.unit_code, i]));
    const neighbours = cube.map((s) => adjacency.filter((a) => a.unit_code === s.unit_code && pos.has(a.neighbour_code)).map((a) => pos.get(a.neighbour_code)!));
    spaceTimeGiStar(cube.map((s) => s.v), neighbours).forEach((z, i) => zByUnit.set(`${grain}|${cube[i].unit_code}`, z));
  }
  const rows = series.map((s) => {
    const r = classifyEmerging(zByUnit.get(`${s.grain}|${s.unit_code}`)!, { alpha: config.emerging.alpha });
    return [s.unit_code, s.grain, s.starts[0], s.ends[s.ends.length - 1], r.bins, r.hotBins, r.coldBins, r.mkZ, r.mkP,
      r.category, EMERGING_LABELS[r.category].vi, EMERGING_LABELS[r.category].en, s.grain === config.emerging.grain];
  });
  const V = 'VARCHAR' as const;
  await appendRows(db, 'trends_in', [
    { name: 'unit_code', type: V }, { name: 'grain', type: V }, { name: 'window_start', type: V }, { name: 'window_end', type: V },
    { name: 'bins', type: 'INTEGER' }, { name: 'hot_bins', type: 'INTEGER' }, { name: 'cold_bins', type: 'INTEGER' },
    { name: 'mk_z', type: 'DOUBLE' }, { name: 'mk_p', type: 'DOUBLE' }, { name: 'category', type: V },
    { name: 'category_vi', type: V }, { name: 'category_en', type: V }, { name: 'is_default', type: 'BOOLEAN' },
  ], rows);
  await db.run(`CREATE OR REPLACE TABLE hotspot_trends AS SELECT unit_code, grain, window_start::DATE AS window_start, window_end::DATE AS window_end,
    bins, hot_bins, cold_bins, mk_z, mk_p, category, category_vi, category_en, is_default FROM trends_in ORDER BY grain, unit_code`);
}
