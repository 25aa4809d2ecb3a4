// Everything the annual summary draws, read in one short visit to the database: opened read-only
// with the analysts' sandbox settings (no file or network access), closed before anything is
// drawn, so a dashboard server can call it while it serves the same file. Only metric tables are
// read, never `petitions`. Every query is ordered, so the same database gives the same rows.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, statSync } from 'node:fs';
import { SANDBOX_CONFIG } from '../query/sandbox.ts';
import { PublishError } from './options.ts';
import type { CampaignInfo, CampaignRow } from '../../dashboard/src/lib/charts/campaign-participation.ts';
import type { HotspotRow } from '../../dashboard/src/lib/charts/hotspot-gi-bands.ts';
import type { ResolutionRow } from '../../dashboard/src/lib/charts/shared.ts';


export interface MonthKindRow { month: string; kind: string; received: number }
export interface DistrictInfo { code: string; name: string; short_name: string }
export interface TilePlace { code: string; row: number; col: number }
export interface Boundary { code: string; geometry: unknown }
export interface DictionaryEntry { table_name: string; column_name: string; description_vi: string; description_en: string }

export interface SummaryData {
  year: number;
  asOf: string;
  simulated: boolean;
  /** Whether the year had ended by the as-of date (periods.is_complete). */
  complete: boolean;
  province: { code: string; name: string };
  districts: DistrictInfo[];
  /** resolution_stats, grain 'year', this year and the year before, kind groups 'all' and 'complaint_denunciation'. */
  resolution: (ResolutionRow & { kind_group: string })[];
  /** petition_counts summed over the province by month and kind, this year. */
  monthKind: MonthKindRow[];
  /** The same, the year before (for the comparison in the subtitle). */
  previousReceived: number | null;
  /** hotspot_stats, grain 'year', this year and the year before. */
  hotspots: HotspotRow[];
  /** Crowd petitions (đơn đông người) received in the province, this year and the year before. */
  crowd: { year: number; crowd: number }[];
  /** campaign_stats of this year and the year before. */
  campaignStats: CampaignRow[];
  campaigns: CampaignInfo[];
  tiles: TilePlace[];
  boundaries: Boundary[];
  dictionary: DictionaryEntry[];
}

type Row = Record<string, unknown>;

/** Years with petitions in the database (resolution_stats, whole years), oldest first. */
const YEARS_SQL = `SELECT DISTINCT year(period_start)::INTEGER AS y FROM resolution_stats
  WHERE grain = 'year' AND unit_level = 'province' AND kind_group = 'all' AND received > 0 ORDER BY y`;

function openError(db: string, e: unknown): PublishError {
  const msg = (e as Error).message ?? String(e);
  if (/lock/i.test(msg)) {
    return new PublishError(`Cơ sở dữ liệu ${db} đang được ghi (một lần "danvan build" chưa xong) — hãy thử lại sau. / The database is being written by a build; try again later.`);
  }
  return new PublishError(`Không mở được cơ sở dữ liệu ${db} — hãy chạy lại "danvan build". / Cannot open the database (${msg.split('\n')[0]}); run "danvan build" again.`);
}

export async function loadSummary(db: string, year: number): Promise<{ data: SummaryData; years: number[] }> {
  if (!existsSync(db) || !statSync(db).isFile()) {
    throw new PublishError(`Chưa có cơ sở dữ liệu ${db} — hãy chạy "danvan build" trước. / Database ${db} not found — run "danvan build" first.`);
  }
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(db, { ...SANDBOX_CONFIG, threads: '1' });
  } catch (e) {
    throw openError(db, e);
  }
  const conn = await instance.connect();
  const all = async <T = Row>(sql: string): Promise<T[]> => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
  try {
    let years: number[];
    try {
      years = (await all<{ y: number }>(YEARS_SQL)).map((r) => Number(r.y));
    } catch (e) {
      throw new PublishError(`Cơ sở dữ liệu ${db} chưa có các bảng chỉ số — hãy chạy lại "danvan build". / The database has no metric tables (${(e as Error).message.split('\n')[0]}); run "danvan build" again.`);
    }
    if (!years.includes(year)) {
      const list = years.length ? years.join(', ') : null;
      throw new PublishError(list
        ? `Không có số liệu năm ${year}. Các năm có số liệu: ${list}. / No data for ${year}; years with data: ${list}.`
        : `Cơ sở dữ liệu chưa có số liệu đơn thư của năm nào. / The database holds no petition data for any year.`);
    }
    const from = `'${year - 1}-01-01'`;
    const to = `'${year}-01-01'`;
    const info = new Map((await all<{ key: string; value: string }>(`SELECT key, value FROM build_info ORDER BY key`)).map((r) => [r.key, r.value]));
    const [province] = await all<{ code: string; name: string }>(`SELECT unit_code AS code, name FROM admin_units WHERE level = 1 ORDER BY unit_code LIMIT 1`);
    const periods = await all<{ is_complete: boolean }>(`SELECT is_complete FROM periods WHERE grain = 'year' AND period_start = ${to}`);
    const data: SummaryData = {
      year,
      asOf: info.get('as_of') ?? '',
      simulated: info.get('simulated') === 'true',
      complete: periods[0]?.is_complete !== false,
      province: province ?? { code: '', name: '' },
      districts: await all<DistrictInfo>(`SELECT unit_code AS code, name, coalesce(short_name, name) AS short_name FROM admin_units WHERE level = 2 ORDER BY unit_code`),
      resolution: await all(`SELECT * FROM resolution_stats WHERE grain = 'year' AND period_start IN (${from}, ${to})
        AND kind_group IN ('all', 'complaint_denunciation') ORDER BY kind_group, period_start, unit_code`),
      monthKind: (await all<Row>(`SELECT strftime(month, '%Y-%m-%d') AS month, kind, sum(received)::BIGINT AS received FROM petition_counts
        WHERE month >= ${to} AND month < '${year + 1}-01-01' GROUP BY ALL ORDER BY month, kind`))
        .map((r) => ({ month: String(r.month), kind: String(r.kind), received: Number(r.received) })),
      previousReceived: null,
      hotspots: await all(`SELECT * FROM hotspot_stats WHERE grain = 'year' AND period_start IN (${from}, ${to}) ORDER BY period_start, unit_code`),
      crowd: (await all<Row>(`SELECT year(month)::INTEGER AS y, sum(crowd)::BIGINT AS crowd FROM petition_counts
        WHERE month >= ${from} AND month < '${year + 1}-01-01' GROUP BY ALL ORDER BY y`)).map((r) => ({ year: Number(r.y), crowd: Number(r.crowd) })),
      campaignStats: await all(`SELECT * FROM campaign_stats WHERE period_start IN (${from}, ${to}) ORDER BY campaign_id, period_start, unit_code`),
      campaigns: await all(`SELECT campaign_id AS id, name FROM campaigns ORDER BY campaign_id`),
      tiles: (await all<Row>(`SELECT unit_code AS code, "row"::INTEGER AS "row", col::INTEGER AS col FROM admin_tile_grid ORDER BY unit_code`))
        .map((r) => ({ code: String(r.code), row: Number(r.row), col: Number(r.col) })),
      boundaries: (await all<{ code: string; geometry: string }>(`SELECT unit_code AS code, geometry FROM admin_boundaries ORDER BY unit_code`))
        .map((r) => ({ code: r.code, geometry: JSON.parse(r.geometry) as unknown })),
      dictionary: await all(`SELECT table_name, column_name, description_vi, description_en FROM data_dictionary
        WHERE table_name IN ('resolution_stats', 'hotspot_stats', 'campaign_stats') ORDER BY table_name, column_name NULLS FIRST`),
    };
    const prev = data.resolution.find((r) => r.kind_group === 'all' && r.unit_level === 'province' && String(r.period_start) === `${year - 1}-01-01`);
    data.previousReceived = prev ? Number(prev.received) : null;
    return { data, years };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
