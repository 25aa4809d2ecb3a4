// District × period heatmap of a count or a rate: one hue from light (low) to dark (high), rows
// sorted by the district's total over the periods shown (highest on top), the selected district
// outlined. A rate over no cases leaves its cell empty — never the colour of 0%.
import * as Plot from '@observablehq/plot';
import { fmtNumber, fmtPercent, fmtPeriodTick, fmtRatio } from '../format.ts';
import { sequentialColor, textOn } from '../palette.ts';
import {
  baseOptions, byValueDesc, COLORS, isoDay, MIN_CASES, niceThresholds, isProvince, marginFor, num, periodLabel, rateOf, tipText, tr, unitName, UNITS,
  type Chart, type ChartOptions, type Lang, type ResolutionRow,
} from './shared.ts';

export type HeatmapMeasure = 'received' | 'received_per_10k' | 'resolution_rate' | 'on_time_rate' | 'backlog_end' | 'overdue_end';

export interface DistrictHeatmapOptions extends ChartOptions {
  measure?: HeatmapMeasure;
}

const MEASURES: Record<HeatmapMeasure, { vi: string; en: string; unitVi: string; unitEn: string; rate: boolean }> = {
  received: { vi: 'Số đơn nhận', en: 'Petitions received', unitVi: 'đơn', unitEn: 'petitions', rate: false },
  received_per_10k: { vi: 'Số đơn trên 10.000 dân', en: 'Petitions per 10,000 inhabitants', unitVi: 'đơn/10.000 dân', unitEn: 'per 10,000', rate: false },
  resolution_rate: { vi: 'Tỷ lệ giải quyết', en: 'Resolution rate', unitVi: '%', unitEn: '%', rate: true },
  on_time_rate: { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'On-time rate', unitVi: '%', unitEn: '%', rate: true },
  backlog_end: { vi: 'Số vụ tồn cuối kỳ', en: 'Open cases at the end of the period', unitVi: 'vụ', unitEn: 'cases', rate: false },
  overdue_end: { vi: 'Số vụ tồn quá hạn cuối kỳ', en: 'Overdue cases at the end of the period', unitVi: 'vụ', unitEn: 'cases', rate: false },
};

export interface HeatCell {
  code: string;
  name: string;
  period: string;
  value: number | null;
  num: number | null;
  den: number | null;
}

export interface DistrictHeatmapData {
  measure: HeatmapMeasure;
  grain: string;
  periods: string[];
  /** District codes, highest total first. */
  order: string[];
  totals: Map<string, number | null>;
  cells: HeatCell[];
}

export function prepareDistrictHeatmap(rows: readonly ResolutionRow[], opts: Omit<DistrictHeatmapOptions, 'width'>): DistrictHeatmapData {
  const measure = opts.measure ?? 'received';
  const m = MEASURES[measure];
  const cells = rows.filter((r) => !isProvince(r)).map((r): HeatCell => {
    const base = { code: r.unit_code, name: unitName(r.unit_code, opts), period: isoDay(r.period_start) };
    if (m.rate) return { ...base, ...rateOf(r, measure as 'resolution_rate' | 'on_time_rate') };
    return { ...base, value: num(r[measure]), num: null, den: null };
  });
  const codes = [...new Set(cells.map((c) => c.code))];
  const totals = new Map<string, number | null>();
  for (const code of codes) {
    const own = cells.filter((c) => c.code === code && c.value !== null);
    if (!own.length) totals.set(code, null);
    else if (m.rate) {
      // A rate over several periods is pooled, not averaged: Σ numerators / Σ denominators.
      const den = own.reduce((s, c) => s + (c.den ?? 0), 0);
      totals.set(code, den ? own.reduce((s, c) => s + (c.num ?? 0), 0) / den : null);
    } else if (measure === 'received_per_10k') totals.set(code, own.reduce((s, c) => s + c.value!, 0) / own.length);
    else totals.set(code, own.reduce((s, c) => s + c.value!, 0));
  }
  const order = codes.sort(byValueDesc((c) => totals.get(c) ?? null, (c) => c));
  return { measure, grain: rows[0]?.grain ?? 'quarter', periods: [...new Set(cells.map((c) => c.period))].sort(), order, totals, cells };
}

function valueText(v: number | null, measure: HeatmapMeasure, lang: Lang, short = false): string {
  if (MEASURES[measure].rate) return fmtPercent(v, lang, short ? 0 : 1);
  return fmtNumber(v, lang, measure === 'received_per_10k' ? 1 : 0);
}

/** A frame around one row of a band × band chart: the selected district, outlined. */
function outlineRow(code: string | null | undefined): Plot.RenderFunction {
  return (_i, scales, _v, dim, context) => {
    const y = scales.y as ((v: string) => number | undefined) | undefined;
    const bw = scales.scales.y?.bandwidth ?? 0;
    const y0 = code && y ? y(code) : undefined;
    if (y0 === undefined) return null;
    const rect = context.document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const attrs = { x: dim.marginLeft - 1, y: y0 - 1, width: dim.width - dim.marginLeft - dim.marginRight + 2, height: bw + 2, fill: 'none', stroke: '#000000', 'stroke-width': 2.5, class: 'danvan-highlight-row' };
    for (const [k, v] of Object.entries(attrs)) rect.setAttribute(k, String(v));
    return rect as unknown as SVGElement;
  };
}

export function renderDistrictHeatmap(rows: readonly ResolutionRow[], opts: DistrictHeatmapOptions): Chart {
  const { lang, highlight } = opts;
  const data = prepareDistrictHeatmap(rows, opts);
  const m = MEASURES[data.measure];
  const drawn = data.cells.filter((c) => c.value !== null);
  const values = drawn.map((c) => c.value!);
  const hi = m.rate ? 1 : Math.max(1, ...values);
  // Discrete classes with round breaks, easier to read off than a continuous ramp; rates use the
  // same breaks in every period so colours compare (most rates sit between 50% and 100%).
  const breaks = m.rate ? [0.5, 0.6, 0.7, 0.8, 0.9] : niceThresholds(0, hi, 5);
  const colors = breaks.length ? Array.from({ length: breaks.length + 1 }, (_, i) => sequentialColor(i / breaks.length)) : [sequentialColor(0.5)];
  const colorOf = (v: number) => colors[breaks.filter((b) => v >= b).length];
  const names = new Map(data.cells.map((c) => [c.code, c.name]));
  const marginLeft = marginFor([...names.values()], opts.width);
  const cellW = (opts.width - marginLeft - 16) / Math.max(1, data.periods.length);
  const cellH = 26;
  const unit = lang === 'vi' ? m.unitVi : m.unitEn;
  const legendLabel = `${tr(lang, m.vi, m.en)}${m.rate ? ' (%)' : ` (${unit})`}`;
  // Name the year on its first period (and on the first column), so 20 quarters stay legible.
  const ticks = data.periods.filter((p, i) => i === 0 || p.slice(5) === '01-01' || (data.grain.startsWith('report') && p.slice(5) === '12-15'));
  // Narrow cells or many periods: label only the first period of each year.
  const many = data.periods.length > 24 || cellW < 44;
  const tip = (c: HeatCell) => tipText([
    `${c.name} — ${periodLabel(data.grain, c.period, lang)}`,
    `${tr(lang, m.vi, m.en)}: ${valueText(c.value, data.measure, lang)}${m.rate ? '' : ` ${unit}`}`,
    m.rate && c.den !== null && `(${fmtRatio(c.num, c.den, UNITS.case(lang), lang)})`,
  ]);
  const anyEmpty = data.cells.some((c) => c.value === null);
  const uncertain = (c: HeatCell) => m.rate && (c.den ?? 0) < MIN_CASES;
  const anyUncertain = drawn.some(uncertain);
  const notes = [
    anyUncertain && tr(lang, `Ô nhạt, dấu *: tỷ lệ tính trên dưới ${MIN_CASES} vụ, chưa đủ tin cậy.`, `Faded cells, *: rate over fewer than ${MIN_CASES} cases, uncertain.`),
    anyEmpty && tr(lang, 'Ô trống: không có vụ việc, tỷ lệ không xác định.', 'Empty cell: no cases, so no rate.'),
  ].filter(Boolean).join(' ');

  return Plot.plot({
    ...baseOptions(opts),
    height: opts.height ?? 70 + cellH * data.order.length,
    marginLeft,
    marginRight: 16,
    marginBottom: 40,
    padding: 0.06,
    x: { domain: data.periods, label: null, ticks: many ? ticks : data.periods, tickSize: 0,
      tickFormat: (p: string) => fmtPeriodTick(data.grain, p, lang, ticks.includes(p)) },
    y: { domain: data.order, label: null, tickSize: 0, tickFormat: (c: string) => names.get(c) ?? c },
    color: {
      type: 'threshold', domain: breaks.length ? breaks : [hi], range: breaks.length ? colors : [colors[0], colors[0]], legend: true, label: legendLabel,
      tickFormat: (v: number) => (m.rate ? fmtPercent(v, lang, 0) : fmtNumber(v, lang)),
    },
    caption: notes || undefined,
    marks: [
      Plot.cell(drawn, {
        x: 'period', y: 'code', fill: 'value', inset: 0.5, className: 'danvan-cell', fillOpacity: (c: HeatCell) => (uncertain(c) ? 0.4 : 1),
        ariaLabel: (c: HeatCell) => tip(c).replaceAll('\n', ' '), title: tip, tip: true,
      }),
      cellW >= 30 ? Plot.text(drawn, {
        x: 'period', y: 'code', text: (c: HeatCell) => valueText(c.value, data.measure, lang, true) + (uncertain(c) ? '*' : ''),
        fill: (c: HeatCell) => (uncertain(c) ? COLORS.ink : textOn(colorOf(c.value!))), fontSize: 11, pointerEvents: 'none',
      }) : null,
      outlineRow(highlight),
    ],
  });
}

/** "Bình Sơn nhận nhiều đơn nhất: 1.234 đơn trong 12 quý; cao nhất Quý III/2024 (114 đơn)." */
export function describeDistrictHeatmap(rows: readonly ResolutionRow[], lang: Lang, opts: Omit<DistrictHeatmapOptions, 'width' | 'lang'> = {}): string {
  const data = prepareDistrictHeatmap(rows, { ...opts, lang });
  const m = MEASURES[data.measure];
  const top = data.order[0];
  if (!top || data.totals.get(top) === null) return tr(lang, 'Không có số liệu trong các kỳ này.', 'No data for these periods.');
  const cells = data.cells.filter((c) => c.value !== null);
  const peak = [...cells].sort(byValueDesc((c) => c.value, (c) => `${c.code}|${c.period}`))[0];
  const name = cells.find((c) => c.code === top)!.name;
  const n = data.periods.length;
  const span = n === 1 ? periodLabel(data.grain, data.periods[0], lang)
    : tr(lang, `${periodLabel(data.grain, data.periods[0], lang)}–${periodLabel(data.grain, data.periods[n - 1], lang)}`, `${periodLabel(data.grain, data.periods[0], lang)}–${periodLabel(data.grain, data.periods[n - 1], lang)}`);
  const unit = lang === 'vi' ? m.unitVi : m.unitEn;
  const total = data.totals.get(top)!;
  const peakText = `${peak.name}, ${periodLabel(data.grain, peak.period, lang)} (${valueText(peak.value, data.measure, lang)}${m.rate ? '' : ` ${unit}`})`;
  if (m.rate) {
    const ranked = data.order.filter((c) => data.totals.get(c) !== null);
    const bottom = ranked[ranked.length - 1];
    const bName = cells.find((c) => c.code === bottom)!.name;
    return tr(lang,
      `${span}: ${m.vi.toLowerCase()} chung cao nhất ở ${name} (${fmtPercent(total, lang)}), thấp nhất ở ${bName} (${fmtPercent(data.totals.get(bottom)!, lang)}).`,
      `${span}: the overall ${m.en.toLowerCase()} is highest in ${name} (${fmtPercent(total, lang)}) and lowest in ${bName} (${fmtPercent(data.totals.get(bottom)!, lang)}).`);
  }
  if (data.measure === 'received_per_10k') {
    return tr(lang,
      `${span}: ${name} có số đơn trên 10.000 dân trung bình cao nhất (${fmtNumber(total, lang, 1)}); cao nhất là ${peakText}.`,
      `${span}: ${name} has the highest mean number of petitions per 10,000 inhabitants (${fmtNumber(total, lang, 1)}); the peak is ${peakText}.`);
  }
  return tr(lang,
    `${span}: ${name} đứng đầu về ${m.vi.toLowerCase()} (tổng ${fmtNumber(total, lang)} ${unit}); cao nhất là ${peakText}.`,
    `${span}: ${name} leads in ${m.en.toLowerCase()} (${fmtNumber(total, lang)} ${unit} in total); the peak is ${peakText}.`);
}
