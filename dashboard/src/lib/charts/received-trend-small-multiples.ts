// Petitions received per period, one small panel per district on a shared y scale (13 lines in
// one chart are unreadable), panels ordered by the total received, the selected district's panel
// emphasised. Behind each line, for context, the average district (counts) or the province
// (per 10,000 inhabitants).
import * as Plot from '@observablehq/plot';
import { fmtChange, fmtNumber } from '../format.ts';
import {
  baseOptions, byValueDesc, COLORS, isoDay, isProvince, num, periodLabel, periodsOf, tipText, tr, unitName, utcDate,
  type Chart, type ChartOptions, type Lang, type ResolutionRow,
} from './shared.ts';

export type TrendMeasure = 'received' | 'received_per_10k';

export interface ReceivedTrendOptions extends ChartOptions {
  measure?: TrendMeasure;
  /** Draw the context line (average district, or province per 10,000); true by default. */
  context?: boolean;
  /** Panels per row; from the width by default. */
  columns?: number;
  /** Districts in the province, for the average-district line; by default the districts in the rows
   * (which undercounts when the page passes only the selected districts). */
  districtCount?: number;
}

interface Point { code: string; name: string; period: string; date: Date; value: number | null; fx: number; fy: number }

export interface ReceivedTrendData {
  measure: TrendMeasure;
  grain: string;
  periods: string[];
  /** District codes by total received, highest first. */
  order: string[];
  names: Map<string, string>;
  points: Point[];
  context: Point[];
  columns: number;
}

const LABEL: Record<TrendMeasure, { vi: string; en: string; unitVi: string; unitEn: string }> = {
  received: { vi: 'Số đơn nhận', en: 'Petitions received', unitVi: 'đơn', unitEn: 'petitions' },
  received_per_10k: { vi: 'Số đơn trên 10.000 dân', en: 'Petitions per 10,000 inhabitants', unitVi: 'đơn/10.000 dân', unitEn: 'per 10,000' },
};

export function prepareReceivedTrend(rows: readonly ResolutionRow[], opts: Omit<ReceivedTrendOptions, 'width'> & { width?: number }): ReceivedTrendData {
  const measure = opts.measure ?? 'received';
  const districts = rows.filter((r) => !isProvince(r));
  const totals = new Map<string, number>();
  for (const r of districts) totals.set(r.unit_code, (totals.get(r.unit_code) ?? 0) + (num(r[measure]) ?? 0));
  const order = [...totals.keys()].sort(byValueDesc((c) => totals.get(c) ?? null, (c) => c));
  const width = opts.width ?? 900;
  const columns = opts.columns ?? (width >= 1000 ? 5 : width >= 700 ? 4 : width >= 460 ? 3 : 2);
  const slot = new Map(order.map((c, i) => [c, { fx: i % columns, fy: Math.floor(i / columns) }]));
  const names = new Map(order.map((c) => [c, unitName(c, opts)]));
  const point = (r: ResolutionRow, code: string, value: number | null): Point => {
    const period = isoDay(r.period_start);
    return { code, name: names.get(code)!, period, date: utcDate(period), value, ...slot.get(code)! };
  };
  const points = districts.map((r) => point(r, r.unit_code, num(r[measure])))
    .sort((a, b) => (a.code === b.code ? (a.period < b.period ? -1 : 1) : a.code < b.code ? -1 : 1));
  const context: Point[] = [];
  if (opts.context !== false) {
    const province = rows.filter((r) => isProvince(r)).sort((a, b) => (isoDay(a.period_start) < isoDay(b.period_start) ? -1 : 1));
    for (const r of province) {
      const v = num(r[measure]);
      // A count is compared with the average district; a per-capita figure with the province's.
      const n = opts.districtCount ?? districts.filter((d) => isoDay(d.period_start) === isoDay(r.period_start)).length;
      const value = v === null ? null : measure === 'received' ? (n ? v / n : null) : v;
      for (const code of order) context.push(point(r, code, value));
    }
  }
  return { measure, grain: rows[0]?.grain ?? 'quarter', periods: periodsOf(rows), order, names, points, context, columns };
}

export function renderReceivedTrendSmallMultiples(rows: readonly ResolutionRow[], opts: ReceivedTrendOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareReceivedTrend(rows, opts);
  const l = LABEL[data.measure];
  const unit = lang === 'vi' ? l.unitVi : l.unitEn;
  const digits = data.measure === 'received' ? 0 : 1;
  const isHi = (p: Point) => p.code === highlight;
  const last = data.periods.at(-1);
  const lastPoints = data.points.filter((p) => p.period === last && p.value !== null);
  const panels = data.order.map((code) => ({ code, name: data.names.get(code)!, fx: data.points.find((p) => p.code === code)!.fx, fy: data.points.find((p) => p.code === code)!.fy }));
  const rowsOfPanels = Math.ceil(data.order.length / data.columns);
  const contextLabel = data.measure === 'received' ? tr(lang, 'trung bình một huyện', 'average district') : tr(lang, 'toàn tỉnh', 'province');
  const tip = (p: Point) => {
    const c = data.context.find((q) => q.code === p.code && q.period === p.period);
    return tipText([
      `${p.name} — ${periodLabel(data.grain, p.period, lang)}`,
      `${tr(lang, l.vi, l.en)}: ${fmtNumber(p.value, lang, digits)} ${unit}`,
      c && c.value !== null && `${contextLabel}: ${fmtNumber(c.value, lang, 1)} ${unit}`,
    ]);
  };
  const line = (pts: Point[], hi: boolean) => Plot.lineY(pts, {
    x: 'date', y: 'value', z: 'code', fx: 'fx', fy: 'fy',
    stroke: hi ? COLORS.highlight : COLORS.primary, strokeWidth: hi ? 2.75 : 1.75, className: hi ? 'danvan-highlight-line' : 'danvan-line',
  });

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 40 + 118 * rowsOfPanels,
    marginLeft: 44,
    marginRight: 28,
    marginTop: 26,
    marginBottom: 30,
    fx: { axis: null, padding: 0.12 },
    fy: { axis: null, padding: 0.22 },
    x: { type: 'utc', label: null, ticks: 'year', tickFormat: (d: Date) => String(d.getUTCFullYear()) },
    y: { label: lang === 'en' && data.measure === 'received' ? l.en : `${tr(lang, l.vi, l.en)} (${unit})`, labelAnchor: 'top', insetTop: 18, grid: true, nice: true, zero: true, ticks: 3, tickFormat: (v: number) => fmtNumber(v, lang) },
    caption: data.context.length
      ? tr(lang, `Đường nét đứt: ${contextLabel}. Các huyện xếp theo tổng số đơn, cao nhất trước.`, `Dashed line: ${contextLabel}. Districts ordered by total received, highest first.`)
      : tr(lang, 'Các huyện xếp theo tổng số đơn, cao nhất trước.', 'Districts ordered by total received, highest first.'),
    marks: [
      Plot.frame({ stroke: '#d5dbe1' }),
      Plot.areaY(data.points, { x: 'date', y: 'value', z: 'code', fx: 'fx', fy: 'fy', fill: COLORS.primary, fillOpacity: 0.08 }),
      Plot.lineY(data.context, { x: 'date', y: 'value', z: 'code', fx: 'fx', fy: 'fy', stroke: COLORS.context, strokeWidth: 1.25, strokeDasharray: '4,3', className: 'danvan-context' }),
      line(data.points.filter((p) => !isHi(p)), false),
      line(data.points.filter(isHi), true),
      Plot.dot(lastPoints, { x: 'date', y: 'value', fx: 'fx', fy: 'fy', r: 2.5, fill: (p: Point) => (isHi(p) ? COLORS.highlight : COLORS.primary) }),
      Plot.text(lastPoints, { x: 'date', y: 'value', fx: 'fx', fy: 'fy', dx: 5, textAnchor: 'start', fontSize: 11, text: (p: Point) => fmtNumber(p.value, lang, digits), fill: COLORS.ink }),
      Plot.text(panels.filter((p) => p.code !== highlight), { fx: 'fx', fy: 'fy', frameAnchor: 'top-left', dx: 5, dy: 5, text: 'name', fill: COLORS.ink, className: 'danvan-panel-title' }),
      Plot.text(panels.filter((p) => p.code === highlight), { fx: 'fx', fy: 'fy', frameAnchor: 'top-left', dx: 5, dy: 5, text: 'name', fill: COLORS.highlight, fontWeight: 'bold', className: 'danvan-panel-title danvan-highlight' }),
      Plot.tip(data.points.filter((p) => p.value !== null), Plot.pointerX({ x: 'date', y: 'value', fx: 'fx', fy: 'fy', title: tip })),
    ],
  });
}

/** "Quý IV/2024: Quảng Ngãi nhận nhiều đơn nhất (104 đơn); tăng mạnh nhất so với kỳ trước là Sơn Tịnh (+15%)." */
export function describeReceivedTrendSmallMultiples(rows: readonly ResolutionRow[], lang: Lang, opts: Omit<ReceivedTrendOptions, 'width' | 'lang'> = {}): string {
  const data = prepareReceivedTrend(rows, { ...opts, lang });
  const [prev, last] = data.periods.slice(-2);
  const at = (code: string, p: string | undefined) => data.points.find((q) => q.code === code && q.period === p)?.value ?? null;
  const current = data.order.map((code) => ({ code, v: at(code, last) })).filter((d) => d.v !== null)
    .sort(byValueDesc((d) => d.v, (d) => d.code));
  if (!last || !current.length) return tr(lang, 'Không có số liệu về đơn nhận.', 'No data on petitions received.');
  const l = LABEL[data.measure];
  const unit = lang === 'vi' ? l.unitVi : l.unitEn;
  const digits = data.measure === 'received' ? 0 : 1;
  const top = current[0];
  let s = tr(lang,
    `${periodLabel(data.grain, last, lang)}: ${data.names.get(top.code)} có ${l.vi.toLowerCase()} cao nhất (${fmtNumber(top.v, lang, digits)} ${unit})`,
    `${periodLabel(data.grain, last, lang)}: ${data.names.get(top.code)} has the most ${l.en.toLowerCase()} (${fmtNumber(top.v, lang, digits)} ${unit})`);
  if (prev) {
    // Relative changes on tiny counts (1 → 7 = +600%) say nothing: only districts with ≥ 10 before.
    const rises = current.map((d) => ({ ...d, p: at(d.code, prev) }))
      .filter((d) => d.p !== null && d.p > 0 && (data.measure !== 'received' || d.p >= 10))
      .map((d) => ({ ...d, change: d.v! / d.p! - 1 }))
      .sort(byValueDesc((d) => d.change, (d) => d.code));
    const up = rises[0];
    s += up && up.change > 0
      ? tr(lang, `; tăng mạnh nhất so với kỳ trước là ${data.names.get(up.code)} (${fmtChange(up.change, lang)})`, `; the largest rise on the previous period is in ${data.names.get(up.code)} (${fmtChange(up.change, lang)})`)
      : tr(lang, '; không huyện nào tăng so với kỳ trước', '; no district rose on the previous period');
  }
  return `${s}.`;
}
