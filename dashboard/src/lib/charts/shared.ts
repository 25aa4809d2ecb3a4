// What every chart spec shares: the options the Svelte wrapper passes, the coercions that make a
// row decoded from Arrow (bigint counts, dates as epoch milliseconds) or from JSON (ISO strings)
// look the same, district names, period picking, and the Plot options common to all charts.
import * as Plot from '@observablehq/plot';
import { fmtPeriod, type Lang } from '../format.ts';
import { INK, NEUTRAL, OKABE_ITO } from '../palette.ts';

export type { Lang };
/** A number as it arrives: Arrow gives bigint for BIGINT columns, JSON gives numbers, NULL gives null. */
export type Num = number | bigint | string | null | undefined;
/** A date as it arrives: ISO "2024-07-01" (JSON), epoch milliseconds or a Date (Arrow). */
export type DateLike = string | number | Date;
export type Chart = SVGSVGElement | HTMLElement;

export interface ChartOptions {
  /** Width in pixels; the wrapper calls render(width) when its box resizes. */
  width: number;
  lang: Lang;
  /** unit_code of the selected district, emphasised wherever it appears. */
  highlight?: string | null;
  /** Where to create elements (jsdom in tests); the page's document by default. */
  document?: Document;
  /** unit_code → name to show (meta.districts short_name); the province is always "Toàn tỉnh". */
  names?: Readonly<Record<string, string>>;
  height?: number;
}

/** The colours charts use, from the one palette. */
export const COLORS = {
  ink: INK.text,
  muted: INK.muted,
  /** The series a chart is about. */
  primary: OKABE_ITO.blue,
  /** The selected district (always with a dark outline or a band too, never colour alone). */
  highlight: OKABE_ITO.vermillion,
  /** Context drawn behind: the province, the previous period, expected levels. */
  context: NEUTRAL,
} as const;

/** Rates over fewer cases than this are drawn lighter and flagged as uncertain (UI.md). */
export const MIN_CASES = 10;
export const FONT_FAMILY = "'Be Vietnam Pro', system-ui, sans-serif";

/** One text in the two languages, picked by `lang`. */
export const tr = (lang: Lang, vi: string, en: string): string => (lang === 'vi' ? vi : en);

export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD" of a date-like value (dates are days: read in UTC). */
export function isoDay(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, 10);
  const d = v instanceof Date ? v : new Date(Number(v));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export const utcDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

/** A province row: its level says so, or its code is a two-digit province code. */
export function isProvince(r: { unit_code: unknown; unit_level?: unknown }): boolean {
  return r.unit_level === 'province' || String(r.unit_code).length <= 2;
}

export function unitName(code: string, opts: Pick<ChartOptions, 'names' | 'lang'>): string {
  if (code.length <= 2) return tr(opts.lang, 'Toàn tỉnh', 'Province');
  return opts.names?.[code] ?? code;
}

/** Sorted, distinct period starts of the rows (ISO). */
export function periodsOf(rows: readonly { period_start: DateLike }[]): string[] {
  return [...new Set(rows.map((r) => isoDay(r.period_start)))].sort();
}

/** The requested period, or the latest one in the rows. */
export function pickPeriod(rows: readonly { period_start: DateLike }[], wanted?: string | null): string | null {
  const all = periodsOf(rows);
  if (wanted) return all.includes(wanted) ? wanted : null;
  return all.at(-1) ?? null;
}

export function previousPeriod(rows: readonly { period_start: DateLike }[], current: string): string | null {
  return periodsOf(rows).filter((p) => p < current).at(-1) ?? null;
}

export function periodLabel(grain: string | undefined, start: string, lang: Lang): string {
  return fmtPeriod(grain ?? 'quarter', start, lang);
}

/** Larger first; ties (and equal NULLs, which go last) by unit code, so output never depends on input order. */
export function byValueDesc<T>(value: (t: T) => number | null, code: (t: T) => string) {
  return (a: T, b: T): number => {
    const va = value(a), vb = value(b);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) return vb - va;
    return code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0;
  };
}

/** Rough width of a label at 12px (Plot does the same estimate), for left margins. */
export function textWidth(s: string, fontSize = 12): number {
  return Math.ceil(s.length * fontSize * 0.6);
}

export function marginFor(labels: readonly string[], width: number, min = 40): number {
  const w = Math.max(min, ...labels.map((l) => textWidth(l) + 14));
  return Math.min(w, Math.round(width * 0.45));
}

/** Width to draw at: never so narrow that the margins leave no room for bars (negative widths). */
export function plotWidth(width: number, marginLeft: number, marginRight: number, minInner = 120): number {
  return Math.max(width, marginLeft + marginRight + minInner);
}

/** Plot options every chart starts from. */
export function baseOptions(opts: ChartOptions): Plot.PlotOptions {
  return {
    width: opts.width,
    ...(opts.document ? { document: opts.document } : {}),
    style: { fontFamily: FONT_FAMILY, fontSize: '12px', color: COLORS.ink, background: 'white', overflow: 'visible' },
  };
}

/** A tooltip's text; also the mark's aria-label, so screen readers get the same numbers. */
export const tipText = (lines: readonly (string | null | false | undefined)[]): string => lines.filter(Boolean).join('\n');

/** A light band behind the selected district's row (y band scale of unit codes). */
export function highlightRow(codes: readonly string[], highlight: string | null | undefined, x1: number, x2: number): Plot.Markish {
  const data = highlight && codes.includes(highlight) ? [highlight] : [];
  return Plot.barX(data, { y: (d: string) => d, x1, x2, fill: COLORS.highlight, fillOpacity: 0.12, insetTop: -2, insetBottom: -2, className: 'danvan-highlight-row' });
}

export const UNITS = {
  case: (lang: Lang) => tr(lang, 'vụ', 'cases'),
  petition: (lang: Lang) => tr(lang, 'đơn', 'petitions'),
  person: (lang: Lang) => tr(lang, 'người', 'people'),
  household: (lang: Lang) => tr(lang, 'hộ', 'households'),
  model: (lang: Lang) => tr(lang, 'mô hình', 'models'),
  day: (lang: Lang) => tr(lang, 'ngày', 'days'),
};

/** Rows of resolution_stats (pipeline/metrics/dictionary.ts). */
export interface ResolutionRow {
  unit_code: string;
  unit_level?: string;
  grain?: string;
  period_start: DateLike;
  period_end?: DateLike;
  kind_group?: string;
  received?: Num;
  received_per_10k?: Num;
  carried_over?: Num;
  new_cases?: Num;
  caseload?: Num;
  resolved?: Num;
  resolution_rate?: Num;
  on_time?: Num;
  on_time_rate?: Num;
  backlog_end?: Num;
  overdue_end?: Num;
  median_days_km?: Num;
}

export type RateMeasure = 'resolution_rate' | 'on_time_rate';

/** A rate of resolution_stats with its numerator and denominator ("41/52 vụ"). */
export function rateOf(r: ResolutionRow, measure: RateMeasure): { value: number | null; num: number | null; den: number | null } {
  const [n, d] = measure === 'resolution_rate' ? [r.resolved, r.caseload] : [r.on_time, r.resolved];
  const den = num(d);
  // A rate over no cases is "—", whatever the table says.
  const value = den ? num(r[measure]) : null;
  return { value, num: num(n), den };
}

export const RATE_LABEL: Record<RateMeasure, { vi: string; en: string }> = {
  resolution_rate: { vi: 'Tỷ lệ giải quyết', en: 'Resolution rate' },
  on_time_rate: { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate' },
};

/** Round class breaks strictly between lo and hi (about `count` classes): 0–120 → 20, 40, …, 100. */
export function niceThresholds(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [];
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step + 1e-9) * step; v < hi - 1e-9; v += step) out.push(Math.round(v * 1e9) / 1e9);
  return out;
}
