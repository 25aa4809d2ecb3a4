// What the pages share beyond the chart specs: which periods a view compares (the period in view,
// the one before, the same period a year earlier), the date span to ask the API for so one request
// covers them all, the mapping of reporting periods onto the calendar periods the hot-spot and
// campaign tables use, and the pooling of several districts into one "selection" row (counts
// summed, rates recomputed from their numerators — never an average of rates).
import type { MetaResponse } from '../../api-contract.ts';
import { num, type ResolutionRow } from './charts/shared.ts';
import { fmtNumber, fmtPercent, type Lang } from './format.ts';
import { t } from './i18n.ts';
import { findPeriod, periodContaining, periodsOf, type Grain, type Period, type ViewState } from './url-state.ts';

export type Row = Record<string, unknown>;

/** unit_code of the pooled row standing for the districts picked in the filter. */
export const SELECTION = 'selection';

export interface PeriodContext {
  grain: Grain;
  /** The periods in view, oldest first. */
  range: Period[];
  /** The last period in view: the one the headline numbers are about. */
  current: Period;
  previous: Period | null;
  /** The same period one year earlier (null when it is the previous one: years). */
  lastYear: Period | null;
}

const minusYear = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;

/** The periods of the view and its comparisons; null when the grain has no periods yet. */
export function periodContext(meta: MetaResponse, view: Pick<ViewState, 'grain' | 'from' | 'to'>): PeriodContext | null {
  const list = periodsOf(meta, view.grain);
  const i = list.findIndex((p) => p.start === view.to);
  if (i < 0) return null;
  const current = list[i];
  const range = list.filter((p) => p.start >= view.from && p.start <= view.to);
  const previous = i > 0 ? list[i - 1] : null;
  const ly = findPeriod(meta, view.grain, minusYear(current.start)) ?? null;
  return { grain: view.grain, range: range.length ? range : [current], current, previous, lastYear: ly && ly.start !== previous?.start ? ly : null };
}

/** The API dates (first start, last end) covering every period given. */
export function spanOf(periods: readonly (Period | null | undefined)[]): { from: string; to: string } {
  const ps = periods.filter((p): p is Period => !!p);
  return { from: ps.reduce((m, p) => (p.start < m ? p.start : m), ps[0].start), to: ps.reduce((m, p) => (p.end > m ? p.end : m), ps[0].end) };
}

/** The span covering the range in view and both comparisons. */
export function fetchSpan(ctx: PeriodContext): { from: string; to: string } {
  return spanOf([...ctx.range, ctx.previous, ctx.lastYear]);
}

/**
 * The first day of the calendar month a period is named after. Reporting periods start on the
 * 15th of the month before (Q1 = 15/12 – 14/3), so they count from the next month's first day.
 */
export function calendarStart(p: Period, grain: Grain): string {
  if (!grain.startsWith('report_') || Number(p.start.slice(8, 10)) < 15) return p.start;
  let y = Number(p.start.slice(0, 4));
  let m = Number(p.start.slice(5, 7)) + 1;
  if (m === 13) { m = 1; y += 1; }
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

/** True when figures of this grain are read off calendar months (reporting periods are not). */
export const approximatedByMonths = (grain: Grain): boolean => grain.startsWith('report_');

/** The hot-spot statistics exist for months, quarters and years only. */
export function hotspotGrain(grain: Grain): 'month' | 'quarter' | 'year' {
  if (grain === 'month' || grain === 'quarter' || grain === 'year') return grain;
  return grain === 'report_q' ? 'quarter' : 'year';
}

/** The calendar period of the hot-spot grain matching a period of the view. */
export function hotspotPeriodFor(meta: MetaResponse, grain: Grain, p: Period | null): Period | null {
  if (!p) return null;
  return periodContaining(meta, hotspotGrain(grain), calendarStart(p, grain)) ?? null;
}

/** The calendar year a period belongs to (campaigns report by year). */
export function yearOf(p: Period, grain: Grain): number {
  return Number(calendarStart(p, grain).slice(0, 4));
}

export const isoOf = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 10) : v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/** Rows of one period (by start date). */
export function rowsAt<T extends { period_start?: unknown }>(rows: readonly T[], start: string | null | undefined): T[] {
  if (!start) return [];
  return rows.filter((r) => isoOf(r.period_start) === start);
}

export const isProvinceRow = (r: { unit_code?: unknown; unit_level?: unknown }): boolean => r.unit_level === 'province' || String(r.unit_code ?? '').length <= 2;

const SUMMED = ['received', 'carried_over', 'new_cases', 'caseload', 'resolved', 'on_time', 'backlog_end', 'overdue_end', 'population'] as const;

/**
 * One row per period for the area in view: the province row when no district is picked (or the
 * district's own row when exactly one is), else the picked districts pooled under SELECTION.
 */
export function areaRows(rows: readonly ResolutionRow[], units: readonly string[]): ResolutionRow[] {
  if (units.length === 0) return rows.filter(isProvinceRow);
  if (units.length === 1) return rows.filter((r) => r.unit_code === units[0]);
  const picked = new Set(units);
  const byPeriod = new Map<string, ResolutionRow[]>();
  for (const r of rows) {
    if (!picked.has(r.unit_code)) continue;
    const k = isoOf(r.period_start);
    byPeriod.set(k, [...(byPeriod.get(k) ?? []), r]);
  }
  return [...byPeriod.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, group]) => pool(group));
}

function pool(group: ResolutionRow[]): ResolutionRow {
  const first = group[0];
  const sum = (k: (typeof SUMMED)[number]) => {
    const xs = group.map((r) => num((r as unknown as Row)[k]));
    return xs.some((x) => x === null) && xs.every((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0);
  };
  const s = Object.fromEntries(SUMMED.map((k) => [k, sum(k)])) as Record<(typeof SUMMED)[number], number | null>;
  const rate = (n: number | null, d: number | null) => (d ? (n ?? 0) / d : null);
  return {
    unit_code: SELECTION, unit_level: 'district', grain: first.grain, period_start: first.period_start, period_end: first.period_end, kind_group: first.kind_group,
    ...s,
    received_per_10k: s.population ? ((s.received ?? 0) / s.population) * 10_000 : null,
    resolution_rate: rate(s.resolved, s.caseload),
    on_time_rate: rate(s.on_time, s.resolved),
    median_days_km: null,
  } as ResolutionRow;
}

/** District rows restricted to the picked districts (all when none is picked), plus the province rows. */
export function withinUnits<T extends { unit_code?: unknown; unit_level?: unknown }>(rows: readonly T[], units: readonly string[], keepProvince = true): T[] {
  if (!units.length) return keepProvince ? [...rows] : rows.filter((r) => !isProvinceRow(r));
  const picked = new Set(units);
  return rows.filter((r) => (keepProvince && isProvinceRow(r)) || picked.has(String(r.unit_code)));
}

/** unit_code → short name, for the chart specs' `names`; the selection gets its own name. */
export function districtNames(meta: MetaResponse, lang: Lang, units: readonly string[] = []): Record<string, string> {
  const names: Record<string, string> = Object.fromEntries(meta.districts.map((d) => [d.code, d.short_name]));
  names[SELECTION] = t(lang, 'area.selection', { count: units.length });
  return names;
}

/** The area's name: "toàn tỉnh", the district, or "3 huyện đã chọn". */
export function areaName(meta: MetaResponse, lang: Lang, units: readonly string[]): string {
  if (units.length === 0) return t(lang, 'area.province');
  if (units.length === 1) return meta.districts.find((d) => d.code === units[0])?.name ?? units[0];
  return t(lang, 'area.selection', { count: units.length });
}

export const periodName = (p: Period | null | undefined, lang: Lang): string => (p ? (lang === 'vi' ? p.label_vi : p.label_en) : '—');

/** A comparison in words: "cao hơn cùng kỳ 3,1 điểm", "tăng 18% so với kỳ trước", "bằng toàn tỉnh". */
export function compareWords(
  lang: Lang, kind: 'rate' | 'count', current: number | null | undefined, other: number | null | undefined,
  against: 'previous' | 'last_year' | 'prev_year' | 'province' | 'target',
): string | null {
  if (typeof current !== 'number' || typeof other !== 'number' || !Number.isFinite(current) || !Number.isFinite(other)) return null;
  if (kind === 'rate') {
    const d = current - other;
    const pts = fmtNumber(Math.abs(d) * 100, lang, 1);
    const target = fmtPercent(other, lang, 0);
    if (Math.round(Math.abs(d) * 1000) === 0) return t(lang, `cmp.rate_same_${against}`, { target });
    return t(lang, d > 0 ? `cmp.rate_up_${against}` : `cmp.rate_down_${against}`, { diff: pts, target });
  }
  if (other === 0) return null;
  const r = (current - other) / other;
  const key = against === 'province' || against === 'target' ? 'previous' : against;
  if (Math.round(Math.abs(r) * 100) === 0) return t(lang, `cmp.count_same_${key}`);
  return t(lang, r > 0 ? `cmp.count_up_${key}` : `cmp.count_down_${key}`, { pct: `${fmtNumber(Math.abs(r) * 100, lang, 0)}%` });
}

/** "đơn khiếu nại, tố cáo" / "complaints and denunciations": the kind group inside a sentence. */
export function kindPhrase(lang: Lang, group: ViewState['kindGroup']): string {
  return t(lang, `kind_phrase.${group}`);
}

/** "82,4%" with a star when the rate rests on fewer than 10 cases. */
export function rateText(value: number | null | undefined, den: number | null | undefined, lang: Lang): string {
  const s = fmtPercent(value, lang);
  return typeof value === 'number' && (den ?? 0) < 10 ? `${s}*` : s;
}

/** The months (first days, ISO) a period covers, as [first, last]: for counts kept by month. */
export function monthSpan(p: Period, grain: Grain): [string, string] {
  return [calendarStart(p, grain), p.end];
}

/** Sum of a column over the rows whose `month` falls in the period (petition_counts by month). */
export function sumInPeriod(rows: readonly Row[], column: string, p: Period | null, grain: Grain): number | null {
  if (!p) return null;
  const [a, b] = monthSpan(p, grain);
  let s = 0;
  for (const r of rows) {
    const m = isoOf(r.month);
    if (m >= a && m <= b) s += num(r[column]) ?? 0;
  }
  return s;
}

/** Hot spots flagged in one period among the districts in view. */
export function flaggedIn(rows: readonly Row[], p: Period | null, units: readonly string[]): Row[] {
  if (!p) return [];
  const picked = new Set(units);
  return rowsAt(rows, p.start)
    .filter((r) => r.is_flagged === true && (!units.length || picked.has(String(r.unit_code))))
    .sort((a, b) => (num(a.rank) ?? 999) - (num(b.rank) ?? 999));
}

export interface CampaignFigure {
  year: number;
  value: number | null;
  num: number | null;
  den: number | null;
}

/**
 * A campaign's headline rate for the area in one year: people taking part (or households, for
 * campaigns counted by household), pooled over the picked districts; null when not reported.
 */
export function campaignFigure(rows: readonly Row[], id: string, year: number, units: readonly string[]): CampaignFigure | null {
  const mine = rows.filter((r) => r.campaign_id === id && isoOf(r.period_start) === `${year}-01-01`);
  if (!mine.length) return null;
  const hasPeople = mine.some((r) => num(r.target_population) !== null);
  const [n, d] = hasPeople ? ['participants', 'target_population'] : ['households_participating', 'households_total'];
  const area = units.length ? withinUnits(mine, units, false) : mine.filter(isProvinceRow);
  const nums = area.map((r) => num(r[n]));
  const dens = area.map((r) => num(r[d]));
  if (!area.length || dens.every((x) => x === null)) return { year, value: null, num: null, den: null };
  const ns = nums.reduce<number>((a, x) => a + (x ?? 0), 0);
  const ds = dens.reduce<number>((a, x) => a + (x ?? 0), 0);
  return { year, value: ds ? ns / ds : null, num: ns, den: ds };
}

/** The latest year up to `year` in which the campaign reports anything (else null). */
export function campaignYear(rows: readonly Row[], id: string | null, year: number): number | null {
  const years = [...new Set(rows.filter((r) => !id || r.campaign_id === id).map((r) => Number(isoOf(r.period_start).slice(0, 4))))].sort((a, b) => a - b);
  return years.filter((y) => y <= year).at(-1) ?? years[0] ?? null;
}

/** The target resolution rate most provinces set for complaints and denunciations (UI.md). */
export const TARGET_RATE = 0.85;

/** Typed chart rows as the plain records the CSV export takes. */
export const asRows = (rows: readonly object[]): readonly Row[] => rows as unknown as readonly Row[];

/** A chart's state from its loader and whether what it would draw is empty. */
export function chartState(l: { status: 'loading' | 'ready' | 'error' }, empty: boolean): 'loading' | 'ready' | 'error' | 'empty' {
  return l.status === 'ready' ? (empty ? 'empty' : 'ready') : l.status;
}

/** The rows of an Arrow endpoint read as the chart specs' row type. */
export const typed = <T>(rows: Promise<Row[]>): Promise<T[]> => rows as unknown as Promise<T[]>;

/** A campaign's rows for one calendar year. */
export function campaignRowsIn(rows: readonly Row[], id: string, year: number): Row[] {
  return rows.filter((r) => r.campaign_id === id && isoOf(r.period_start) === `${year}-01-01`);
}

/** A column of campaign_stats summed over the area (the province row when no district is picked); null when not reported. */
export function campaignSum(rows: readonly Row[], id: string, year: number, units: readonly string[], column: string): number | null {
  const mine = campaignRowsIn(rows, id, year);
  const area = units.length ? withinUnits(mine, units, false) : mine.filter(isProvinceRow);
  const xs = area.map((r) => num(r[column])).filter((x): x is number => x !== null);
  return xs.length ? xs.reduce((a, x) => a + x, 0) : null;
}

/** How many districts report the column for the campaign in the year. */
export function campaignReporting(rows: readonly Row[], id: string, year: number, column: string): number {
  return campaignRowsIn(rows, id, year).filter((r) => !isProvinceRow(r) && num(r[column]) !== null).length;
}

/** A colour domain for rates on the map: the values' range widened to whole tens of percent. */
export function rateDomain(values: Record<string, number | null | undefined>): [number, number] | undefined {
  const xs = Object.values(values).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!xs.length) return undefined;
  const lo = Math.floor(Math.min(...xs) * 10) / 10;
  const hi = Math.ceil(Math.max(...xs) * 10) / 10;
  return [lo, hi > lo ? hi : lo + 0.1];
}

/** A rate for a sentence: "68,0%", with a caveat when it rests on fewer than 10 cases (UI.md "Honest rates"). */
export function rateInWords(lang: Lang, value: number | null | undefined, den: number | null | undefined): string {
  const s = fmtPercent(value, lang);
  return typeof value === 'number' && typeof den === 'number' && den < 10 ? `${s} ${t(lang, 'answer.uncertain', { den })}` : s;
}

/**
 * Request parameters as one string. An $effect that reads the string runs again only when a
 * parameter really changes — not when the language switches or the view object is rebuilt.
 */
export const keyOf = (params: object | null | undefined): string | null => (params ? JSON.stringify(params) : null);
export const fromKey = <T>(key: string): T => JSON.parse(key) as T;
