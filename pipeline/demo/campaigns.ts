// The three campaign reports (DOMAIN §3.2) as provinces keep them: one wide workbook per campaign, a
// sheet per year, one row per district, indicators as columns under a two-row merged header.
import * as XLSX from '@e965/xlsx';
import { headerAlias } from './system-csv.ts';
import { dmy, day, longVietnamese, type Day } from './calendar.ts';
import { households, population, YEARS, type District } from './districts.ts';
import { indicatorLabel, vi } from './labels.ts';
import { PLANTED } from './model.ts';
import type { Rng } from './random.ts';
import { SheetBuilder, vietnameseNumber, type Cell } from './sheet.ts';
import type { SheetInfo } from './written.ts';
import { RECOGNITION_LEVELS } from '../schema/vocabulary.ts';

export type CampaignKey = 'dan_van_kheo' | 'ntm_dtvm' | 'vi_nguoi_ngheo';

/** Share of numeric cells typed as text with Vietnamese thousands separators ("1.234.567"). */
export const TEXT_NUMBER_SHARE = 0.04;

interface Column {
  /** Indicator code (`models_recognised@co_so` for a level) or a layout column. */
  key: string;
  top: string;
  sub?: string;
}

export interface CampaignDef {
  key: CampaignKey;
  file: string;
  name: string;
  kind: 'emulation_movement' | 'mobilisation_campaign' | 'fund';
  title: (year: number) => string;
  org: [string, string];
  motto: [string, string];
  signer: string;
  columns: Column[];
}

const c = (col: string, spelled: string) => headerAlias('campaign_results', col, spelled);

const NATIONAL: [string, string] = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
const FRONT: [string, string] = ['ỦY BAN MTTQ VIỆT NAM', 'TỈNH QUẢNG NGÃI'];

const layoutStart = (): Column[] => [
  { key: 'stt', top: c('row_number', 'STT') },
  { key: 'unit', top: c('unit', 'Đơn vị') },
];

export const CAMPAIGNS: readonly CampaignDef[] = [
  {
    key: 'dan_van_kheo',
    file: 'phong-trao-dan-van-kheo-2020-2024.xlsx',
    name: 'Dân vận khéo',
    kind: 'emulation_movement',
    title: (y) => `BÁO CÁO KẾT QUẢ ${vi('campaign_kind', 'emulation_movement').toUpperCase()} "DÂN VẬN KHÉO" NĂM ${y}`,
    org: ['TỈNH ỦY QUẢNG NGÃI', 'BAN DÂN VẬN'],
    motto: ['ĐẢNG CỘNG SẢN VIỆT NAM', ''],
    signer: 'TRƯỞNG BAN',
    columns: [
      ...layoutStart(),
      { key: 'models_registered', top: indicatorLabel('models_registered') },
      ...RECOGNITION_LEVELS.map((l) => ({ key: `models_recognised@${l.code}`, top: indicatorLabel('models_recognised'), sub: l.vi })),
      { key: 'participants', top: indicatorLabel('participants') },
      { key: 'target_population', top: indicatorLabel('target_population') },
      { key: 'activities', top: indicatorLabel('activities') },
      { key: 'note', top: c('note', 'Ghi chú') },
    ],
  },
  {
    key: 'ntm_dtvm',
    file: 'cuoc-van-dong-ntm-dtvm-2020-2024.xlsx',
    name: 'Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh',
    kind: 'mobilisation_campaign',
    title: (y) =>
      `BÁO CÁO KẾT QUẢ ${vi('campaign_kind', 'mobilisation_campaign').toUpperCase()} "TOÀN DÂN ĐOÀN KẾT XÂY DỰNG NÔNG THÔN MỚI, ĐÔ THỊ VĂN MINH" NĂM ${y}`,
    org: FRONT,
    motto: NATIONAL,
    signer: 'TM. BAN THƯỜNG TRỰC',
    columns: [
      ...layoutStart(),
      { key: 'households_total', top: 'Hộ gia đình', sub: indicatorLabel('households_total') },
      { key: 'households_participating', top: 'Hộ gia đình', sub: indicatorLabel('households_participating') },
      { key: 'workdays', top: 'Kết quả đóng góp', sub: indicatorLabel('workdays') },
      { key: 'land_donated_m2', top: 'Kết quả đóng góp', sub: indicatorLabel('land_donated_m2', true) },
      { key: 'funds_vnd', top: 'Kết quả đóng góp', sub: indicatorLabel('funds_vnd', true) },
      { key: 'note', top: c('note', 'Ghi chú') },
    ],
  },
  {
    key: 'vi_nguoi_ngheo',
    file: 'quy-vi-nguoi-ngheo-2020-2024.xlsx',
    name: 'Quỹ "Vì người nghèo"',
    kind: 'fund',
    title: (y) => `BÁO CÁO KẾT QUẢ VẬN ĐỘNG ${vi('campaign_kind', 'fund').toUpperCase()} "VÌ NGƯỜI NGHÈO" NĂM ${y}`,
    org: FRONT,
    motto: NATIONAL,
    signer: 'TM. BAN THƯỜNG TRỰC',
    columns: [
      ...layoutStart(),
      { key: 'participants', top: 'Kết quả vận động', sub: indicatorLabel('participants') },
      { key: 'funds_vnd', top: 'Kết quả vận động', sub: indicatorLabel('funds_vnd', true) },
      { key: 'houses', top: indicatorLabel('houses', true) },
      { key: 'note', top: c('note', 'Ghi chú') },
    ],
  },
];

export function campaignHeaderPaths(def: CampaignDef): string[][] {
  return def.columns.map((col) => (col.sub ? [col.top, col.sub] : [col.top]));
}

/** The true values of one campaign, district and year, keyed by indicator (levels as `models_recognised@co_so`). */
export type CampaignValues = Record<string, number>;

interface DistrictLevels {
  regPerCommune: number;
  targetShare: number;
  participation: number;
  householdShare: number;
  fundsPerHead: number;
  poorFundsPerHead: number;
  housesPer10k: number;
  donorsShare: number;
}

function communesOf(d: District): number {
  return Math.max(3, d.communes.length);
}

/** All campaign values, [campaign][district code][year]. */
export function simulateCampaigns(districts: readonly District[], rng: Rng): Record<CampaignKey, Record<string, Record<number, CampaignValues>>> {
  const out: Record<CampaignKey, Record<string, Record<number, CampaignValues>>> = { dan_van_kheo: {}, ntm_dtvm: {}, vi_nguoi_ngheo: {} };
  const nh = PLANTED.nghia_hanh_dan_van_kheo;
  for (const d of districts) {
    const r = rng.fork(`campaigns/${d.code}`);
    const lv: DistrictLevels = {
      regPerCommune: r.uniform(2.5, 4.5),
      targetShare: r.uniform(0.55, 0.62),
      participation: r.uniform(0.5, 0.62),
      householdShare: r.uniform(0.8, 0.9),
      fundsPerHead: r.uniform(8_000, 25_000),
      poorFundsPerHead: r.uniform(3_000, 10_000),
      housesPer10k: r.uniform(1.5, 5),
      donorsShare: r.uniform(0.15, 0.35),
    };
    out.dan_van_kheo[d.code] = {};
    out.ntm_dtvm[d.code] = {};
    out.vi_nguoi_ngheo[d.code] = {};
    for (const year of YEARS) {
      const pop = population(d, year);
      const n = communesOf(d);
      const registered = Math.round(n * lv.regPerCommune * Math.pow(1.05, year - 2020) * Math.exp(r.normal(0, 0.05)));
      const target = Math.round(pop * lv.targetShare * (1 + r.normal(0, 0.005)));
      const rate =
        d.code === nh.district_code
          ? nh.participation_rate[year] + Math.max(-nh.participation_noise, Math.min(nh.participation_noise, r.normal(0, nh.participation_noise)))
          : lv.participation + Math.max(-0.03, Math.min(0.03, r.normal(0, 0.015)));
      out.dan_van_kheo[d.code][year] = {
        models_registered: registered,
        'models_recognised@co_so': Math.round(registered * r.uniform(0.45, 0.6)),
        'models_recognised@huyen': Math.round(registered * r.uniform(0.12, 0.2)),
        'models_recognised@tinh': Math.round(registered * r.uniform(0.02, 0.05)),
        participants: Math.round(target * rate),
        target_population: target,
        activities: Math.round(n * r.uniform(8, 15)),
      };
      const hh = households(d, year);
      const share = Math.min(0.98, lv.householdShare + 0.01 * (year - 2020) + r.normal(0, 0.01));
      const participating = Math.round(hh * share);
      out.ntm_dtvm[d.code][year] = {
        households_total: hh,
        households_participating: participating,
        workdays: Math.round(participating * r.uniform(0.8, 2.0)),
        land_donated_m2: Math.round(n * r.uniform(d.type === 'city' ? 100 : 300, d.type === 'city' ? 800 : 3000)),
        funds_vnd: Math.round((pop * lv.fundsPerHead * Math.exp(r.normal(0, 0.08))) / 1e6) * 1e6,
      };
      out.vi_nguoi_ngheo[d.code][year] = {
        participants: Math.round(pop * lv.donorsShare * Math.exp(r.normal(0, 0.05))),
        funds_vnd: Math.round((pop * lv.poorFundsPerHead * Math.exp(r.normal(0, 0.1))) / 1e5) * 1e5,
        houses: Math.max(1, Math.round((pop / 10_000) * lv.housesPer10k * Math.exp(r.normal(0, 0.15)))),
      };
    }
  }
  return out;
}

function unitText(rng: Rng, d: District): string {
  if (d.type === 'city') return rng.pick([d.name, d.name, `TP ${d.core}`]);
  if (d.type === 'town') return rng.pick([d.name, d.name, `TX ${d.core}`]);
  return rng.bool(0.9) ? d.name : `H. ${d.core}`;
}

function padCells(byIndex: Record<number, Cell>, width: number): Cell[] {
  const out: Cell[] = new Array(width).fill(null);
  for (const [k, v] of Object.entries(byIndex)) out[Number(k)] = v;
  return out;
}

export interface CampaignWritten {
  file: string;
  buffer: Buffer;
  sheets: SheetInfo[];
}

export function writeCampaignWorkbook(
  def: CampaignDef,
  districts: readonly District[],
  values: Record<string, Record<number, CampaignValues>>,
  rng: Rng,
): CampaignWritten {
  const wb = XLSX.utils.book_new();
  const sheets: SheetInfo[] = [];
  const width = def.columns.length;
  const last = width - 1;
  // Right-hand block (motto, signer) clear of the unit column and of the preparer in column C.
  const right = Math.max(3, width - 3);
  for (const year of YEARS) {
    const sheet = `Năm ${year}`;
    const b = new SheetBuilder();
    b.widths = def.columns.map((col) => (col.key === 'unit' ? 24 : col.key === 'stt' ? 5 : 14));
    const reportDay: Day = day(year, 12, 15);
    const r1 = b.add('title', padCells({ 0: def.org[0], [right]: def.motto[0] }, width));
    b.merge(r1, 0, r1, 1);
    b.merge(r1, right, r1, last);
    const r2 = b.add('title', padCells({ 0: def.org[1], [right]: def.motto[1] || `Quảng Ngãi, ${longVietnamese(reportDay)}` }, width));
    b.merge(r2, 0, r2, 1);
    b.merge(r2, right, r2, last);
    b.add('blank');
    const r4 = b.add('title', padCells({ 0: def.title(year) }, width));
    b.merge(r4, 0, r4, last);
    const r5 = b.add('title', padCells({ 0: `(Số liệu tính đến ngày ${dmy(reportDay)})` }, width));
    b.merge(r5, 0, r5, last);
    b.add('blank');

    const top: Cell[] = [];
    const sub: Cell[] = [];
    def.columns.forEach((col, i) => {
      top.push(!col.sub || i === 0 || def.columns[i - 1].top !== col.top ? col.top : null);
      sub.push(col.sub ?? null);
    });
    const h1 = b.add('header', top);
    const h2 = b.add('header', sub);
    def.columns.forEach((col, i) => {
      if (!col.sub) b.merge(h1, i, h2, i);
      else if (i === 0 || def.columns[i - 1].top !== col.top) {
        let j = i;
        while (j + 1 < width && def.columns[j + 1].top === col.top && def.columns[j + 1].sub) j++;
        b.merge(h1, i, h1, j);
      }
    });
    b.add('column_numbers', def.columns.map((_, i) => `(${i + 1})`));

    const totals: Record<string, number> = {};
    districts.forEach((d, k) => {
      const v = values[d.code][year];
      const row: Cell[] = def.columns.map((col) => {
        if (col.key === 'stt') return k + 1;
        if (col.key === 'unit') return unitText(rng, d);
        if (col.key === 'note') return null;
        const n = v[col.key];
        if (n === undefined) throw new Error(`no value for ${def.key}.${col.key}`);
        totals[col.key] = (totals[col.key] ?? 0) + n;
        return rng.bool(TEXT_NUMBER_SHARE) && n >= 1000 ? vietnameseNumber(n) : n;
      });
      b.add('data', row);
    });
    const totalRow: Cell[] = def.columns.map((col) => (col.key === 'stt' ? 'Tổng cộng' : col.key in totals ? totals[col.key] : null));
    const tr = b.add('total', totalRow);
    b.merge(tr, 0, tr, 1);

    b.add('blank');
    b.add('signature', padCells({ 2: 'Người lập biểu', [right]: def.signer }, width));
    if (def.signer.startsWith('TM.')) b.add('signature', padCells({ [right]: 'CHỦ TỊCH' }, width));
    b.add('signature', padCells({ 2: '(Ký, ghi rõ họ tên)', [right]: '(Ký tên, đóng dấu)' }, width));
    b.add('blank');
    b.add('blank');
    b.add('blank');
    b.add('signature', padCells({ 2: 'Lê Thị Mỹ Dung', [right]: def.key === 'dan_van_kheo' ? 'Phạm Văn Tâm' : 'Võ Thanh Hùng' }, width));

    XLSX.utils.book_append_sheet(wb, b.toSheet(), sheet);
    sheets.push({ sheet, ...b.counts() });
  }
  return { file: def.file, buffer: XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer, sheets };
}
